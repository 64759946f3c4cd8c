/* test_tables.c -- the Dutch wording: every entry reachable (the table is
 * sorted for bsearch), and a few tables rendered in both languages. */
#include "kb_test.h"

#include <math.h>
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
  g_autoptr(KbSynergy) s = kb_synergy_compute(ds, &o, NULL);
  g_autoptr(KbDoc) doc = kb_doc_new("t");
  kb_tables_synergy(doc, ds, s, KB_LANG_NL);
  g_autofree char *csv = kb_sheet_render_csv(kb_doc_sheet(doc, 0));
  /* kite: a and g share b, d and f (NetworkX's adamic_adar_index 1.90079308156) */
  ck_assert_str_eq(csv, "rank,a,a_sector,b,b_sector,score,reasons\r\n"
                        "1,a,,g,,1.90079308156,\"beide verbonden met b; beide verbonden met f; "
                        "beide verbonden met d\"\r\n");
  g_autofree char *html = kb_sheet_render_html(kb_doc_sheet(doc, 0), 0, TRUE, "meer");
  ck_assert(strstr(html, "<td class=\"num\">1,901</td>") != NULL);
  ck_assert(strstr(html, "<th>waarom</th>") != NULL);
}
END_TEST

/* Brokers whose local measures were left out (as above 10^9 ties): the
 * role counts are empty, not 0, and the method says why, in both
 * languages. The values are set by hand. */
START_TEST(brokers_without_local_measures)
{
  g_autofree char *path = g_build_filename(KB_REFERENCE, "kite.csv", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  KbBroker one = { .node = kb_dataset_find(ds, "a"), .degree = 4, .betweenness = 0.5,
                   .betweenness_se = 0.125, .closeness = NAN, .eigenvector = 0.25, .pagerank = 0.125,
                   .constraint = NAN, .effective_size = NAN };
  KbBrokers br = { .n = 1, .brokers = &one, .ties = 1250000000, .sources = 1, .sampled = TRUE,
                   .bound = 0.5, .local = FALSE };
  g_autoptr(KbDoc) doc = kb_doc_new("t");
  kb_tables_brokers(doc, ds, &br, 0, KB_LANG_EN);
  kb_tables_brokers_method_sheet(doc, &br, KB_LANG_EN);
  g_autofree char *rows = kb_sheet_render_csv(kb_doc_sheet(doc, 0));
  ck_assert_str_eq(strchr(rows, '\n') + 1, "1,a,a,,4,0.5,0.125,,0.25,0.125,,,,,,,,,\r\n");
  g_autofree char *method = kb_sheet_render_csv(kb_doc_sheet(doc, 1));
  ck_assert_str_eq(method, "method,organisations,sources,bound,closeness,constraint_roles\r\n"
                           "sampled,1,1,0.5,left out,left out\r\n");
  g_autofree char *en = kb_tables_brokers_method(&br, KB_LANG_EN);
  ck_assert(g_str_has_suffix(en, "Closeness is left out: it needs every organisation as a "
                                 "source. Beside each estimate is its standard error (s.e.), from "
                                 "the spread of the estimates of 16 random groups of the sources. "
                                 "Constraint, effective size and the brokerage roles are "
                                 "left out: they take a step for each of the network's 1.25e+09 "
                                 "ties, and are found up to 1e+09."));
  g_autofree char *nl = kb_tables_brokers_method(&br, KB_LANG_NL);
  ck_assert(strstr(nl, "makelaarsrollen zijn weggelaten") != NULL);
  br.local = TRUE;
  g_autofree char *found = kb_tables_brokers_method(&br, KB_LANG_EN);
  ck_assert(strstr(found, "Constraint") == NULL);
}
END_TEST

static Suite *
tables_suite(void)
{
  Suite *s = suite_create("tables");
  TCase *tc = tcase_create("tables");
  tcase_add_test(tc, every_translation_is_found);
  tcase_add_test(tc, synergy_reasons_in_dutch);
  tcase_add_test(tc, brokers_without_local_measures);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(tables_suite)
