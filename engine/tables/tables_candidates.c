/* tables_candidates.c -- candidate partners as a sheet. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

/* Appends one reason, separated from those before it. */
static void
reason(GString *s, const char *text)
{
  if (s->len)
    g_string_append(s, "; ");
  g_string_append(s, text);
}

static char *
reasons(const KbDataset *ds, const KbCandidate *c, size_t n_themes, size_t max_orgs,
        KbLang lang)
{
  GString *s = g_string_new(NULL);
  if (c->no_data)
    reason(s, kb_tr(lang, "no data on this candidate"));
  if (c->n_matched > 0) {
    g_autofree char *t = kb_join_labels(ds, c->matched, c->n_matched, 0);
    g_autofree char *r = g_strdup_printf(kb_tr(lang, "covers %zu of %zu themes (%s)"),
                                         c->n_matched, n_themes, t);
    reason(s, r);
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
    reason(s, r);
  }
  if (c->existing)
    reason(s, kb_tr(lang, "already a partner"));
  if (c->n_networks > 0) {
    g_autofree char *nw = kb_join_labels(ds, c->networks, c->n_networks, 0);
    g_autofree char *r = g_strdup_printf(kb_tr(lang, "shares %s"), nw);
    reason(s, r);
  } else if (c->hops > 1) {
    g_autofree char *r = g_strdup_printf(kb_tr(lang, "%zu ties away"), c->hops);
    reason(s, r);
  }
  if (c->requested)
    reason(s, kb_tr(lang, "requested"));
  return g_string_free(s, FALSE);
}

void
kb_tables_candidates(KbDoc *doc, const KbDataset *ds, const KbCandidates *cs,
                     gboolean sensitivity, size_t top, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && cs != NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "candidates", kb_tr(lang, "Candidates, best first"));
  kb_sheet_add_column(s, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  if (sensitivity) {
    kb_sheet_add_column(s, "rank_min", kb_tr(lang, "best"), KB_COLUMN_INT, 0);
    kb_sheet_add_column(s, "rank_max", kb_tr(lang, "worst"), KB_COLUMN_INT, 0);
  }
  kb_sheet_add_column(s, "id", kb_tr(lang, "id"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "candidate"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "score", kb_tr(lang, "score"), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "fit", kb_tr(lang, "fit"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "support", kb_tr(lang, "support"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "network", kb_tr(lang, "network"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "penalty", kb_tr(lang, "penalty"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "why", kb_tr(lang, "why"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < cs->n && (top == 0 || i < top); i++) {
    const KbCandidate *c = &cs->candidates[i];
    /* the terminal names three of the home organisations, files all */
    g_autofree char *why = reasons(ds, c, cs->n_themes, 0, lang);
    g_autofree char *brief = reasons(ds, c, cs->n_themes, 3, lang);
    kb_sheet_begin_row(s);
    kb_sheet_put_int(s, (long long) c->rank);
    if (sensitivity) {
      kb_sheet_put_int(s, (long long) c->rank_min);
      kb_sheet_put_int(s, (long long) c->rank_max);
    }
    kb_sheet_put_text(s, c->id);
    kb_sheet_put_text(s, c->label);
    kb_sheet_put_number(s, c->score);
    kb_sheet_put_number(s, c->fit);
    kb_sheet_put_number(s, c->support);
    kb_sheet_put_number(s, c->proximity);
    kb_sheet_put_number(s, c->penalty);
    kb_sheet_put_list(s, why, brief);
  }
}
