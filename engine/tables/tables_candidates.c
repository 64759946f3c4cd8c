/* tables_candidates.c -- candidate partners as a sheet. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

static char *
reasons(const KbDataset *ds, const KbCandidate *c, size_t n_themes, KbLang lang)
{
  GString *s = g_string_new(NULL);
  if (c->no_data)
    g_string_append(s, "no data on this candidate");
  if (c->n_matched > 0) {
    g_autofree char *t = kb_join_labels(ds, c->matched, c->n_matched, 0);
    g_string_append_printf(s, "%scovers %zu of %zu themes (%s)", s->len ? "; " : "",
                           c->n_matched, n_themes, t);
  }
  if (c->n_orgs > 0) {
    g_autofree char *o = kb_join_labels(ds, c->orgs, c->n_orgs, 3);
    g_string_append_printf(s, "%s%zu home organisation%s from %zu sector%s there (%s)",
                           s->len ? "; " : "", c->n_orgs, c->n_orgs == 1 ? "" : "s",
                           c->n_sectors, c->n_sectors == 1 ? "" : "s", o);
  }
  if (c->existing)
    g_string_append_printf(s, "%salready a partner", s->len ? "; " : "");
  if (c->n_networks > 0) {
    g_autofree char *nw = kb_join_labels(ds, c->networks, c->n_networks, 0);
    g_string_append_printf(s, "%sshares %s", s->len ? "; " : "", nw);
  } else if (c->hops > 1) {
    g_string_append_printf(s, "%s%zu ties away", s->len ? "; " : "", c->hops);
  }
  if (c->requested)
    g_string_append_printf(s, "%srequested", s->len ? "; " : "");
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
    g_autofree char *why = reasons(ds, c, cs->n_themes, lang);
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
    kb_sheet_put_text(s, why);
  }
}
