/* test_tables.c -- the Dutch wording: every entry reachable (the table is
 * sorted for bsearch), and a few tables rendered in both languages. */
#include "kb_test.h"

#include <string.h>

#include <klaverblad.h>

static const struct {
  const char *en;
  const char *nl;
} dutch[] = {
#include "tables/dutch.inc"
};

START_TEST(every_translation_is_found)
{
  for (size_t i = 0; i < G_N_ELEMENTS(dutch); i++) {
    ck_assert_str_eq(kb_tr(KB_LANG_NL, dutch[i].en), dutch[i].nl);
    ck_assert_str_eq(kb_tr(KB_LANG_EN, dutch[i].en), dutch[i].en);
    if (i > 0)
      ck_assert_int_lt(strcmp(dutch[i - 1].en, dutch[i].en), 0);
  }
  /* a text without a translation stays English */
  ck_assert_str_eq(kb_tr(KB_LANG_NL, "no such text"), "no such text");
  KbLang l;
  ck_assert(kb_lang_parse("nl", &l) && l == KB_LANG_NL);
  ck_assert(!kb_lang_parse("de", &l));
}
END_TEST

START_TEST(synergy_reasons_in_dutch)
{
  g_autofree char *path = g_build_filename(KB_REFERENCE, "kite.csv", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  KbSynergyOptions o;
  kb_synergy_options_init(&o);
  o.top = 1;
  g_autoptr(KbSynergy) s = kb_synergy_compute(ds, &o);
  g_autoptr(KbDoc) doc = kb_doc_new("t");
  kb_tables_synergy(doc, ds, s, KB_LANG_NL);
  g_autofree char *csv = kb_sheet_render_csv(kb_doc_sheet(doc, 0));
  /* kite: a and g share b, d and f (NetworkX's adamic_adar_index 1.90079308156) */
  ck_assert_str_eq(csv, "rank,a,a_sector,b,b_sector,score,reasons\r\n"
                        "1,a,,g,,1.90079308156,beide verbonden met b; beide verbonden met f; "
                        "beide verbonden met d\r\n");
  g_autofree char *html = kb_sheet_render_html(kb_doc_sheet(doc, 0), 0, TRUE, "meer");
  ck_assert(strstr(html, "<td class=\"num\">1,901</td>") != NULL);
  ck_assert(strstr(html, "<th>waarom</th>") != NULL);
}
END_TEST

static Suite *
tables_suite(void)
{
  Suite *s = suite_create("tables");
  TCase *tc = tcase_create("tables");
  tcase_add_test(tc, every_translation_is_found);
  tcase_add_test(tc, synergy_reasons_in_dutch);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(tables_suite)
