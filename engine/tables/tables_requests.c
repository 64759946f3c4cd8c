/* tables_requests.c -- the assessment of partnership requests as a sheet:
 * the advice and its reason, then each criterion with its evidence. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

/* Hours as text: 12 significant digits, a decimal comma in Dutch. */
static char *
hours_text(double h, KbLang lang)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.12g", h);
  if (lang == KB_LANG_NL)
    g_strdelimit(buf, ".", ',');
  return g_strdup(buf);
}

static const char *
purpose_words(KbPurpose p, KbLang lang)
{
  static const char *const words[KB_PURPOSE_COUNT] = {
    "", "cooperation and knowledge exchange", "inbound visitors", "business promotion" };
  return kb_tr(lang, words[p < KB_PURPOSE_COUNT ? p : 0]);
}

const char *
kb_tables_advice_name(KbAdvice a, KbLang lang)
{
  static const char *const names[KB_ADVICE_COUNT] = { "take up", "weigh", "decline" };
  return kb_tr(lang, names[a < KB_ADVICE_COUNT ? a : KB_ADVICE_WEIGH]);
}

/* The themes a request names that are not focus themes: the dataset's
 * (by label) and those it does not know (as written; with 'marked', said
 * so in 'lang'). */
static char *
other_themes(const KbDataset *ds, const KbRequest *req, const KbAssessment *a, gboolean marked,
             KbLang lang)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < a->n_other; i++)
    g_string_append_printf(s, "%s%s", s->len ? "; " : "", kb_dataset_node(ds, a->other[i])->label);
  for (size_t i = 0; i < req->n_other_themes; i++)
    g_string_append_printf(s, "%s%s", s->len ? "; " : "", req->other_themes[i]);
  if (marked && req->n_other_themes > 0)
    g_string_append_printf(s, " %s", req->n_other_themes == 1
                                     ? kb_tr(lang, "(not a theme of the dataset)")
                                     : kb_tr(lang, "(not themes of the dataset)"));
  return g_string_free(s, FALSE);
}

/* "group: Sector (a, b); Sector (c)" for one group of organisations, by
 * sector in the order met (the organisations come by id). */
static void
append_by_sector(GString *s, const KbDataset *ds, const char *group, const size_t *orgs,
                 size_t n)
{
  if (n == 0)
    return;
  g_string_append_printf(s, "%s%s: ", s->len ? "; " : "", group);
  gboolean *done = g_new0(gboolean, n);
  for (size_t i = 0; i < n; i++) {
    if (done[i])
      continue;
    size_t sector = kb_dataset_node(ds, orgs[i])->sector;
    g_string_append_printf(s, "%s%s (", i ? ", " : "",
                           sector != KB_NO_NODE ? kb_dataset_node(ds, sector)->label : "?");
    for (size_t j = i, k = 0; j < n; j++)
      if (!done[j] && kb_dataset_node(ds, orgs[j])->sector == sector) {
        done[j] = TRUE;
        g_string_append_printf(s, "%s%s", k++ ? ", " : "", kb_dataset_node(ds, orgs[j])->label);
      }
    g_string_append_c(s, ')');
  }
  g_free(done);
}

/* The evidence of one criterion, as a new string. */
static char *
evidence(const KbDataset *ds, const KbCandidates *cs, const KbRequest *req,
         const KbAssessment *a, KbCriterion k, KbLang lang)
{
  KbCriterionState st = a->state[k];
  const KbCandidate *c = a->candidate != KB_NO_NODE ? &cs->candidates[a->candidate] : NULL;
  GString *s = g_string_new(NULL);
  switch (k) {
  case KB_CRITERION_THEME: {
    g_autofree char *others = other_themes(ds, req, a, TRUE, lang);
    if (st == KB_CRITERION_MET) {
      g_autofree char *focus = kb_join_labels(ds, a->focus, a->n_focus, 0);
      g_string_append_printf(s, a->n_focus == 1 ? kb_tr(lang, "focus theme: %s")
                                                : kb_tr(lang, "focus themes: %s"), focus);
      if (*others)
        g_string_append_printf(s, "; %s", others);
    } else if (st == KB_CRITERION_NOT_MET) {
      g_string_append_printf(s, kb_tr(lang, "another theme: %s"), others);
    } else if (cs->n_themes == 0) {
      g_string_append(s, kb_tr(lang, "the city names no focus themes"));
    } else if (c != NULL && c->n_matched > 0) {
      /* what the data says, beside the request that says nothing */
      g_autofree char *known = kb_join_labels(ds, c->matched, c->n_matched, 0);
      g_string_append_printf(s, kb_tr(lang, "no theme named (in the data it covers %s)"),
                             known);
    } else {
      g_string_append(s, kb_tr(lang, "no theme named"));
    }
    break;
  }
  case KB_CRITERION_ADDED_VALUE:
    g_string_append(s, req->added_value ? req->added_value : kb_tr(lang, "none stated"));
    break;
  case KB_CRITERION_SUPPORT:
    append_by_sector(s, ds, kb_tr(lang, "city"), a->city_orgs, a->n_city_orgs);
    append_by_sector(s, ds, kb_tr(lang, "region"), a->region_orgs, a->n_region_orgs);
    if (st == KB_CRITERION_NOT_MET)
      g_string_append(s, kb_tr(lang, "no organisation of the city or the region is active "
                                     "there or on its themes"));
    else if (st == KB_CRITERION_UNKNOWN)
      g_string_append(s, kb_tr(lang, "the data knows neither the candidate nor its themes"));
    break;
  case KB_CRITERION_TIES:
    if (c != NULL && c->existing)
      kb_i_reason_add(s, kb_tr(lang, "already a partner"));
    if (c != NULL) {
      kb_i_reason_add_labels(s, ds, kb_tr(lang, "shares %s"), c->networks, c->n_networks, 0);
      kb_i_reason_add_labels(s, ds, kb_tr(lang, "partner of %s"), c->partners_of,
                             c->n_partners_of, 3);
      kb_i_reason_add_labels(s, ds, kb_tr(lang, "partner there: %s"), c->partners_there,
                             c->n_partners_there, 3);
    }
    if (st == KB_CRITERION_NOT_MET)
      g_string_append(s, kb_tr(lang, "none in the data"));
    else if (st == KB_CRITERION_UNKNOWN)
      g_string_append(s, kb_tr(lang, "not in the data"));
    break;
  case KB_CRITERION_CAPACITY: {
    g_autofree char *asks = req->hours >= 0 ? hours_text(req->hours, lang) : NULL;
    g_autofree char *left = !isnan(a->hours_left) ? hours_text(a->hours_left, lang) : NULL;
    if (asks != NULL && left != NULL)
      g_string_append_printf(s, kb_tr(lang, "asks %s hours a year; %s are left"), asks, left);
    else if (asks == NULL && left == NULL)
      g_string_append(s, kb_tr(lang, "no hours given, and the dataset gives no capacity"));
    else if (asks == NULL)
      g_string_append_printf(s, kb_tr(lang, "no hours given; %s are left"), left);
    else
      g_string_append_printf(s, kb_tr(lang, "asks %s hours a year; the dataset gives no "
                                            "capacity"), asks);
    break;
  }
  case KB_CRITERION_SCOPE:
    if (st == KB_CRITERION_UNKNOWN && req->purpose == KB_PURPOSE_NONE)
      g_string_append(s, kb_tr(lang, "no purpose given"));
    else if (st == KB_CRITERION_UNKNOWN)
      g_string_append_printf(s, kb_tr(lang, "%s: the dataset does not say whether that is in "
                                            "scope (out_of_scope)"),
                             purpose_words(req->purpose, lang));
    else
      g_string_append_printf(s, st == KB_CRITERION_MET ? kb_tr(lang, "%s: within scope")
                                                       : kb_tr(lang, "%s: out of scope"),
                             purpose_words(req->purpose, lang));
    break;
  default:
    break;
  }
  return g_string_free(s, FALSE);
}

static const char *
state_name(KbCriterionState st, KbLang lang)
{
  static const char *const names[] = { "unknown", "met", "not met" };
  return kb_tr(lang, names[st]);
}

/* Why 'node', asked for, is the home's own: the home itself, one of its
 * organisations, a place around it or a place inside it. */
static char *
home_reason(const KbDataset *ds, size_t home, size_t node, KbLang lang)
{
  const char *label = kb_dataset_node(ds, home)->label;
  if (node == home)
    return g_strdup_printf(kb_tr(lang, "It is %s itself, not a partner."), label);
  if (node != KB_NO_NODE && kb_dataset_node(ds, node)->kind == KB_NODE_ORGANISATION)
    return g_strdup_printf(kb_tr(lang, "It is one of the organisations of %s, not a partner."),
                           label);
  size_t *around = NULL;
  size_t n = kb_dataset_enclosing_places(ds, home, &around);
  gboolean encloses = FALSE;
  for (size_t i = 0; i < n && !encloses; i++)
    encloses = around[i] == node;
  g_free(around);
  return g_strdup_printf(encloses ? kb_tr(lang, "It lies around %s (its region or country), "
                                                "not a partner.")
                                  : kb_tr(lang, "It lies inside %s, not a partner."), label);
}

char *
kb_tables_request_reason(const KbDataset *ds, const KbCandidates *cs, const KbRequest *req,
                         const KbAssessment *a, KbLang lang)
{
  g_return_val_if_fail(ds != NULL && cs != NULL && req != NULL && a != NULL, NULL);
  g_autofree char *focus = kb_join_labels(ds, a->focus, a->n_focus, 0);
  g_autofree char *others = other_themes(ds, req, a, FALSE, lang);
  g_autofree char *asks = req->hours >= 0 ? hours_text(req->hours, lang) : NULL;
  g_autofree char *left = !isnan(a->hours_left) ? hours_text(a->hours_left, lang) : NULL;
  g_autofree char *invite = kb_join_labels(ds, a->region_orgs, a->n_region_orgs, 3);
  switch (a->reason) {
  case KB_REASON_HOME:
    return home_reason(ds, cs->home, req->node, lang);
  case KB_REASON_OUT_OF_SCOPE:
    return g_strdup_printf(kb_tr(lang, "Out of scope: the international cooperation is not "
                                       "for %s."), purpose_words(req->purpose, lang));
  case KB_REASON_FOCUS_NO_CAPACITY:
    return g_strdup_printf(a->n_focus == 1
                           ? kb_tr(lang, "On the focus theme %s, but it asks %s hours a year "
                                         "where %s are left.")
                           : kb_tr(lang, "On the focus themes %s, but it asks %s hours a year "
                                         "where %s are left."), focus, asks, left);
  case KB_REASON_FOCUS:
    if (a->n_region_orgs > 0)
      return g_strdup_printf(a->n_focus == 1
                             ? kb_tr(lang, "On the focus theme %s; ask %s in the region to join "
                                           "in.")
                             : kb_tr(lang, "On the focus themes %s; ask %s in the region to join "
                                           "in."), focus, invite);
    return g_strdup_printf(a->n_focus == 1 ? kb_tr(lang, "On the focus theme %s.")
                                           : kb_tr(lang, "On the focus themes %s."), focus);
  case KB_REASON_OTHER_NO_VALUE:
    return g_strdup_printf(kb_tr(lang, "Another theme (%s), and the request states no added "
                                       "value within the priorities."), others);
  case KB_REASON_OTHER_NO_CAPACITY:
    return g_strdup_printf(kb_tr(lang, "Another theme (%s), and it asks %s hours a year where "
                                       "%s are left."), others, asks, left);
  case KB_REASON_OTHER_CAPACITY:
    return g_strdup_printf(kb_tr(lang, "Another theme (%s) with a stated added value and "
                                       "capacity left for it: weigh the added value within the "
                                       "priorities."), others);
  case KB_REASON_OTHER_CAPACITY_UNKNOWN:
    return g_strdup_printf(kb_tr(lang, "Another theme (%s) with a stated added value, but the "
                                       "capacity it takes is not known: weigh both."), others);
  case KB_REASON_NO_THEME:
  default:
    return g_strdup(kb_tr(lang, "Its theme cannot be held against the focus themes: weigh it on "
                                "its merits."));
  }
}

void
kb_tables_requests(KbDoc *doc, const KbDataset *ds, const KbCandidates *cs,
                   const KbRequests *requests, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && cs != NULL && requests != NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "requests", kb_tr(lang, "Requests, as the decision weighs "
                                                              "them"));
  kb_sheet_add_column(s, "id", kb_tr(lang, "id"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "request", kb_tr(lang, "request"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "advice", kb_tr(lang, "advice"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "reason", kb_tr(lang, "reason"), KB_COLUMN_TEXT, 0);
  static const char *const headings[KB_CRITERION_COUNT] = {
    "theme", "added value", "support", "ties", "capacity", "scope" };
  for (int k = 0; k < KB_CRITERION_COUNT; k++)
    kb_sheet_add_column(s, kb_criterion_name(k), kb_tr(lang, headings[k]), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < cs->n_assessments; i++) {
    const KbAssessment *a = &cs->assessments[i];
    const KbRequest *req = &requests->requests[a->request];
    g_autofree char *why = kb_tables_request_reason(ds, cs, req, a, lang);
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, req->id);
    kb_sheet_put_text(s, req->label ? req->label
                         : req->node != KB_NO_NODE ? kb_dataset_node(ds, req->node)->label
                         : req->id);
    kb_sheet_put_text(s, kb_tables_advice_name(a->advice, lang));
    kb_sheet_put_text(s, why);
    for (int k = 0; k < KB_CRITERION_COUNT; k++) {
      g_autofree char *ev = evidence(ds, cs, req, a, k, lang);
      g_autofree char *cell = g_strdup_printf("%s: %s", state_name(a->state[k], lang), ev);
      kb_sheet_put_text(s, cell);
    }
  }
}

char *
kb_tables_requests_rule(KbLang lang)
{
  return g_strdup(kb_tr(lang, "Each request is weighed on its theme, the added value it claims, "
                              "who in the city and the region is active on it, the ties there "
                              "are, the capacity it takes and its scope; each is met, not met or "
                              "unknown (no data). The advice follows the first rule that "
                              "applies: the home or part of it, decline; out of scope, decline; "
                              "on a focus theme, take up (weigh "
                              "when it asks more hours than are left); another theme without a "
                              "stated added value, decline; another theme asking more hours than "
                              "are left, decline; another theme with an added value, weigh; no "
                              "theme named, weigh."));
}
