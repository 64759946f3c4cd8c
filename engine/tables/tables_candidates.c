/* tables_candidates.c -- candidate partners as sheets: the new ones and
 * the existing ones to deepen, the part that carries each, and the plan
 * per theme. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

void
kb_i_reason_add(GString *s, const char *text)
{
  if (s->len)
    g_string_append(s, "; ");
  g_string_append(s, text);
}

void
kb_i_reason_add_labels(GString *s, const KbDataset *ds, const char *format, const size_t *nodes,
                       size_t n, size_t max)
{
  if (n == 0)
    return;
  g_autofree char *labels = kb_join_labels(ds, nodes, n, max);
  const char *at = strstr(format, "%s");
  g_return_if_fail(at != NULL);
  kb_i_reason_add(s, "");
  g_string_append_len(s, format, at - format);
  g_string_append(s, labels);
  g_string_append(s, at + 2);
}

/* The assessment of the request for cs->candidates[i], or NULL. */
static const KbAssessment *
assessment_of(const KbCandidates *cs, size_t i)
{
  for (size_t k = 0; k < cs->n_assessments; k++)
    if (cs->assessments[k].candidate == i)
      return &cs->assessments[k];
  return NULL;
}

/* The country of 'home' that encloses the place 'node' too, or KB_NO_NODE:
 * a candidate at home, not abroad. */
static size_t
home_country_of(const KbDataset *ds, size_t home, size_t node)
{
  if (node == KB_NO_NODE || kb_dataset_node(ds, node)->kind == KB_NODE_ORGANISATION)
    return KB_NO_NODE;
  size_t *mine = NULL, *theirs = NULL;
  size_t n_mine = kb_dataset_enclosing_places(ds, home, &mine);
  size_t n_theirs = kb_dataset_enclosing_places(ds, node, &theirs);
  size_t found = KB_NO_NODE;
  for (size_t i = 0; i < n_mine && found == KB_NO_NODE; i++)
    for (size_t j = 0; j < n_theirs && found == KB_NO_NODE; j++)
      if (mine[i] == theirs[j] && kb_dataset_node(ds, mine[i])->kind == KB_NODE_COUNTRY)
        found = mine[i];
  g_free(mine);
  g_free(theirs);
  return found;
}

static char *
reasons(const KbDataset *ds, const KbCandidate *c, const KbAssessment *a, size_t n_themes,
        size_t home, size_t max_orgs, KbLang lang)
{
  GString *s = g_string_new(NULL);
  size_t country = home_country_of(ds, home, c->node);
  if (country != KB_NO_NODE) {
    g_autofree char *r = g_strdup_printf(kb_tr(lang, "at home, in %s"),
                                         kb_dataset_node(ds, country)->label);
    kb_i_reason_add(s, r);
  }
  if (c->no_data)
    kb_i_reason_add(s, kb_tr(lang, "no data on this candidate"));
  if (c->n_matched > 0) {
    g_autofree char *t = kb_join_labels(ds, c->matched, c->n_matched, 0);
    g_autofree char *r = g_strdup_printf(kb_tr(lang, "covers %zu of %zu themes (%s)"),
                                         c->n_matched, n_themes, t);
    kb_i_reason_add(s, r);
  }
  if (c->n_orgs > 0) {
    g_autofree char *o = kb_join_labels(ds, c->orgs, c->n_orgs, max_orgs);
    g_autofree char *who = g_strdup_printf(c->n_orgs == 1 ? kb_tr(lang, "%zu home organisation")
                                                          : kb_tr(lang, "%zu home organisations"),
                                           c->n_orgs);
    g_autofree char *from = g_strdup_printf(c->n_sectors == 1 ? kb_tr(lang, "from %zu sector")
                                                              : kb_tr(lang, "from %zu sectors"),
                                            c->n_sectors);
    g_autofree char *r = g_strdup_printf(kb_tr(lang, "%s %s there (%s)"), who, from, o);
    kb_i_reason_add(s, r);
  }
  if (c->existing)
    kb_i_reason_add(s, kb_tr(lang, "already a partner"));
  kb_i_reason_add_labels(s, ds, kb_tr(lang, "partner there: %s"), c->partners_there,
                         c->n_partners_there, 3);
  kb_i_reason_add_labels(s, ds, kb_tr(lang, "partner of %s"), c->partners_of, c->n_partners_of,
                         3);
  if (c->n_networks > 0) {
    kb_i_reason_add_labels(s, ds, kb_tr(lang, "shares %s"), c->networks, c->n_networks, 0);
  } else if (c->hops > 1) {
    g_autofree char *r = g_strdup_printf(kb_tr(lang, "%zu ties away"), c->hops);
    kb_i_reason_add(s, r);
  }
  if (c->requested && a != NULL) {
    g_autofree char *r = g_strdup_printf(kb_tr(lang, "requested (advice: %s)"),
                                         kb_tables_advice_name(a->advice, lang));
    kb_i_reason_add(s, r);
  } else if (c->requested) {
    kb_i_reason_add(s, kb_tr(lang, "requested"));
  }
  return g_string_free(s, FALSE);
}

static const char *
part_name(KbCandidateWeight w, KbLang lang)
{
  static const char *const names[KB_WEIGHT_COUNT] = { "theme fit", "support", "network", NULL };
  return w < KB_WEIGHT_COUNT ? kb_tr(lang, names[w]) : NULL;
}

static void
candidates_sheet(KbDoc *doc, const KbDataset *ds, const KbCandidates *cs, gboolean existing,
                 gboolean sensitivity, size_t top, KbLang lang)
{
  KbSheet *s = existing
    ? kb_doc_add_sheet(doc, "deepen", kb_tr(lang, "Existing partners to deepen, best first"))
    : kb_doc_add_sheet(doc, "candidates", kb_tr(lang, "New candidates, best first"));
  kb_sheet_add_column(s, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  if (sensitivity) {
    kb_sheet_add_column(s, "rank_min", kb_tr(lang, "best"), KB_COLUMN_INT, 0);
    kb_sheet_add_column(s, "rank_max", kb_tr(lang, "worst"), KB_COLUMN_INT, 0);
  }
  kb_sheet_add_column(s, "id", kb_tr(lang, "id"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "candidate"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "score", kb_tr(lang, "score"), KB_COLUMN_NUMBER, 3);
  if (!cs->themes_unknown)
    kb_sheet_add_column(s, "fit", kb_tr(lang, "fit"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "support", kb_tr(lang, "support"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "network", kb_tr(lang, "network"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "penalty", kb_tr(lang, "penalty"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "carried_by", kb_tr(lang, "carried by"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "why", kb_tr(lang, "why"), KB_COLUMN_TEXT, 0);
  size_t first = existing ? cs->n_new : 0, end = existing ? cs->n : cs->n_new;
  for (size_t i = first; i < end && (top == 0 || i - first < top); i++) {
    const KbCandidate *c = &cs->candidates[i];
    /* the terminal names three of the home organisations, files all */
    g_autofree char *why = reasons(ds, c, assessment_of(cs, i), cs->n_themes, cs->home, 0, lang);
    g_autofree char *brief = reasons(ds, c, assessment_of(cs, i), cs->n_themes, cs->home, 3,
                                     lang);
    kb_sheet_begin_row(s);
    kb_sheet_put_int(s, (long long) c->rank);
    if (sensitivity) {
      kb_sheet_put_int(s, (long long) c->rank_min);
      kb_sheet_put_int(s, (long long) c->rank_max);
    }
    kb_sheet_put_text(s, c->id);
    kb_sheet_put_text(s, c->label);
    kb_sheet_put_number(s, c->score);
    if (!cs->themes_unknown)
      kb_sheet_put_number(s, c->has_themes ? c->fit : NAN);
    kb_sheet_put_number(s, c->support);
    kb_sheet_put_number(s, c->proximity);
    kb_sheet_put_number(s, c->penalty);
    kb_sheet_put_text(s, part_name(c->carried_by, lang));
    kb_sheet_put_list(s, why, brief);
  }
}

void
kb_tables_candidates(KbDoc *doc, const KbDataset *ds, const KbCandidates *cs,
                     gboolean sensitivity, size_t top, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && cs != NULL);
  candidates_sheet(doc, ds, cs, FALSE, sensitivity, top, lang);
  candidates_sheet(doc, ds, cs, TRUE, sensitivity, top, lang);
}

char *
kb_tables_candidates_note(const KbDataset *ds, const KbCandidates *cs, KbLang lang)
{
  g_return_val_if_fail(ds != NULL && cs != NULL, NULL);
  if (cs->n == 0)
    return g_strdup_printf(kb_tr(lang, "The data leads to no candidate beyond %s: none of its "
                                       "organisations is active or located elsewhere, no network "
                                       "it belongs to has other members of this kind, it has no "
                                       "partners, and no requests were given."),
                           kb_dataset_node(ds, cs->home)->label);
  if (!cs->themes_unknown)
    return NULL;
  return g_strdup(kb_tr(lang, "No candidate has data on themes (what it, or the organisations "
                              "there, work on): theme fit is left out, and the candidates are "
                              "ranked by support, network proximity and capacity."));
}

/* A weight or part as text: two decimals at most, a decimal comma in
 * Dutch. */
static char *
number_text(double v, int decimals, KbLang lang)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, decimals == 2 ? "%.2f" : "%g", v);
  if (lang == KB_LANG_NL)
    g_strdelimit(buf, ".", ',');
  return g_strdup(buf);
}

char *
kb_tables_candidates_weights(const KbCandidates *cs, KbLang lang)
{
  g_return_val_if_fail(cs != NULL, NULL);
  g_autofree char *fit = number_text(cs->weights[KB_WEIGHT_FIT], 0, lang);
  g_autofree char *support = number_text(cs->weights[KB_WEIGHT_SUPPORT], 0, lang);
  g_autofree char *network = number_text(cs->weights[KB_WEIGHT_NETWORK], 0, lang);
  g_autofree char *capacity = number_text(cs->weights[KB_WEIGHT_CAPACITY], 0, lang);
  return g_strdup_printf(kb_tr(lang, "Candidates are ranked by theme fit (weight %s), local "
                                     "support (%s) and network proximity (%s), less a capacity "
                                     "penalty (%s); best and worst show the ranks as each "
                                     "weight moves by half either way. The home city, the places "
                                     "around and inside it and its own organisations are never "
                                     "candidates; its partners are listed apart, to deepen."),
                         fit, support, network, capacity);
}

char *
kb_tables_candidates_carried(const KbDataset *ds, const KbCandidates *cs, size_t k,
                             KbLang lang)
{
  g_return_val_if_fail(ds != NULL && cs != NULL, NULL);
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < cs->n_new && i < k; i++) {
    const KbCandidate *c = &cs->candidates[i];
    if (s->len)
      g_string_append_c(s, ' ');
    if (c->carried_by == KB_WEIGHT_COUNT) {
      g_string_append_printf(s, kb_tr(lang, "%s (%zu): no part adds to its score."), c->label,
                             c->rank);
      continue;
    }
    double part = cs->weights[c->carried_by]
                  * (c->carried_by == KB_WEIGHT_FIT ? c->fit
                     : c->carried_by == KB_WEIGHT_SUPPORT ? c->support : c->proximity);
    g_autofree char *part_text = number_text(part, 2, lang);
    g_autofree char *score_text = number_text(c->score, 2, lang);
    g_string_append_printf(s, kb_tr(lang, "%s (%zu): carried by %s, %s of its score of %s."),
                           c->label, c->rank, part_name(c->carried_by, lang), part_text,
                           score_text);
  }
  return g_string_free(s, FALSE);
}

/* ------------------------------------------------------- plan per theme */

/* "label (sector); ..." for organisations, or the labels of other nodes. */
static char *
with_sectors(const KbDataset *ds, const size_t *nodes, size_t n)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < n; i++) {
    const KbNode *node = kb_dataset_node(ds, nodes[i]);
    g_string_append_printf(s, "%s%s", i ? "; " : "", node->label);
    if (node->sector != KB_NO_NODE)
      g_string_append_printf(s, " (%s)", kb_dataset_node(ds, node->sector)->label);
  }
  return g_string_free(s, FALSE);
}

void
kb_tables_plan(KbDoc *doc, const KbDataset *ds, const KbCandidates *cs, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && cs != NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "plan", kb_tr(lang, "Plan per theme"));
  kb_sheet_add_column(s, "theme", kb_tr(lang, "theme"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "city", kb_tr(lang, "in the city"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "region", kb_tr(lang, "in the region"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "places", kb_tr(lang, "places abroad"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "partners", kb_tr(lang, "partners abroad"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "networks", kb_tr(lang, "networks and podia"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "candidates", kb_tr(lang, "candidates that fit"), KB_COLUMN_TEXT, 0);
  for (size_t t = 0; t < cs->n_plans; t++) {
    const KbThemePlan *p = &cs->plans[t];
    g_autofree char *city = with_sectors(ds, p->city_orgs, p->n_city_orgs);
    g_autofree char *region = with_sectors(ds, p->region_orgs, p->n_region_orgs);
    g_autofree char *places = kb_join_labels(ds, p->places, p->n_places, 0);
    g_autofree char *partners = kb_join_labels(ds, p->partners, p->n_partners, 0);
    g_autofree char *networks = kb_join_labels(ds, p->networks, p->n_networks, 0);
    GString *fit = g_string_new(NULL);
    for (size_t i = 0; i < p->n_candidates && i < 5; i++) {
      const KbCandidate *c = &cs->candidates[p->candidates[i]];
      const KbAssessment *a = assessment_of(cs, p->candidates[i]);
      g_string_append_printf(fit, "%s%s", i ? "; " : "", c->label);
      if (c->existing)
        g_string_append_printf(fit, " (%s)", kb_tr(lang, "partner"));
      if (a != NULL)
        g_string_append_printf(fit, kb_tr(lang, " (request: %s)"),
                               kb_tables_advice_name(a->advice, lang));
    }
    if (p->n_candidates > 5)
      g_string_append_printf(fit, " (+%zu)", p->n_candidates - 5);
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, p->theme)->label);
    kb_sheet_put_text(s, *city ? city : NULL);
    kb_sheet_put_text(s, *region ? region : NULL);
    kb_sheet_put_text(s, *places ? places : NULL);
    kb_sheet_put_text(s, *partners ? partners : NULL);
    kb_sheet_put_text(s, *networks ? networks : NULL);
    kb_sheet_put_text(s, fit->len ? fit->str : NULL);
    g_string_free(fit, TRUE);
  }
}
