/* tables_synergy.c -- synergy pairs as a sheet. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

static const char *
reason_verb(KbContextKind kind, KbLang lang)
{
  switch (kind) {
  case KB_CONTEXT_PLACE: return kb_tr(lang, "both active in");
  case KB_CONTEXT_THEME: return kb_tr(lang, "both work on");
  case KB_CONTEXT_NETWORK: return kb_tr(lang, "both in");
  case KB_CONTEXT_PARTNER: return kb_tr(lang, "both tied to");
  case KB_CONTEXT_KIND_COUNT: break;
  }
  return kb_tr(lang, "both share");
}

void
kb_tables_synergy(KbDoc *doc, const KbDataset *ds, const KbSynergy *syn, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && syn != NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "pairs", kb_tr(lang, "Pairs not yet tied, strongest first"));
  kb_sheet_add_column(s, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "a", kb_tr(lang, "organisation"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "a_sector", kb_tr(lang, "sector"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "b", kb_tr(lang, "organisation"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "b_sector", kb_tr(lang, "sector"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "score", kb_tr(lang, "score"), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "reasons", kb_tr(lang, "why"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < syn->n_pairs; i++) {
    const KbSynergyPair *p = &syn->pairs[i];
    GString *why = g_string_new(NULL);
    for (size_t r = 0; r < p->n_reasons; r++)
      g_string_append_printf(why, "%s%s %s", r ? "; " : "", reason_verb(p->reasons[r].kind, lang),
                             kb_dataset_node(ds, p->reasons[r].context)->label);
    kb_sheet_begin_row(s);
    kb_sheet_put_int(s, (long long) i + 1);
    kb_sheet_put_text(s, kb_dataset_node(ds, p->a)->label);
    kb_sheet_put_text(s, kb_sector_label(ds, p->a));
    kb_sheet_put_text(s, kb_dataset_node(ds, p->b)->label);
    kb_sheet_put_text(s, kb_sector_label(ds, p->b));
    kb_sheet_put_number(s, p->score);
    kb_sheet_put_text(s, why->str);
    g_string_free(why, TRUE);
  }
}

KbSheet *
kb_tables_synergy_each_sheet(KbDoc *doc, KbLang lang)
{
  g_return_val_if_fail(doc != NULL, NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "suggestions",
                                kb_tr(lang, "The best suggestions of each organisation"));
  kb_sheet_add_column(s, "organisation", kb_tr(lang, "organisation"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "suggestion", kb_tr(lang, "suggestion"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "score", kb_tr(lang, "score"), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "shared", kb_tr(lang, "shared contexts"), KB_COLUMN_INT, 0);
  return s;
}

void
kb_tables_synergy_each_rows(KbSheet *sheet, const KbDataset *ds, size_t org,
                            const KbSuggestion *best, size_t n)
{
  g_return_if_fail(sheet != NULL && ds != NULL && (n == 0 || best != NULL));
  for (size_t i = 0; i < n; i++) {
    kb_sheet_begin_row(sheet);
    kb_sheet_put_text(sheet, kb_dataset_node(ds, org)->id);
    kb_sheet_put_int(sheet, (long long) i + 1);
    kb_sheet_put_text(sheet, kb_dataset_node(ds, best[i].node)->id);
    kb_sheet_put_number(sheet, best[i].score);
    kb_sheet_put_int(sheet, best[i].shared);
  }
}
