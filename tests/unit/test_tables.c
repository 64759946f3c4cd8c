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

/* The plural and label helpers; the expected words are the Dutch grammar
 * of each count (one: singular, else plural, zero included) and the
 * sector labels of datasets/deventer/nodes.csv, read by hand. */
START_TEST(plurals_and_labels)
{
  g_autofree char *one = kb_count(KB_LANG_NL, 1, "place", "places");
  g_autofree char *two = kb_count(KB_LANG_NL, 2, "place", "places");
  g_autofree char *none = kb_count(KB_LANG_NL, 0, "place", "places");
  g_autofree char *one_en = kb_count(KB_LANG_EN, 1, "place", "places");
  g_autofree char *two_en = kb_count(KB_LANG_EN, 2, "place", "places");
  ck_assert_str_eq(one, "1 plaats");
  ck_assert_str_eq(two, "2 plaatsen");
  ck_assert_str_eq(none, "0 plaatsen");
  ck_assert_str_eq(one_en, "1 place");
  ck_assert_str_eq(two_en, "2 places");
  ck_assert_str_eq(kb_tr_n(KB_LANG_NL, 1, "%s rests on a single organisation",
                           "%s rest on a single organisation"), "%s rust op één organisatie");
  ck_assert_str_eq(kb_node_kind_label(KB_LANG_NL, KB_NODE_ORGANISATION), "organisatie");
  ck_assert_str_eq(kb_node_kind_label(KB_LANG_EN, KB_NODE_ORGANISATION), "organisation");
  ck_assert_str_eq(kb_rel_kind_label(KB_LANG_NL, KB_REL_MEMBER_OF), "lid van");
  ck_assert_str_eq(kb_rel_kind_label(KB_LANG_EN, KB_REL_MEMBER_OF), "member of");
  ck_assert_str_eq(kb_rel_kind_label(KB_LANG_NL, KB_REL_LOCATED_IN), "gevestigd in");
  /* every kind has a label in both languages, none with an underscore */
  for (int k = 0; k < KB_REL_KIND_COUNT; k++)
    for (int l = KB_LANG_EN; l <= KB_LANG_NL; l++)
      ck_assert_ptr_null(strchr(kb_rel_kind_label(l, k), '_'));
  g_autofree char *path = g_build_filename(KB_DATASETS, "deventer", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  ck_assert_ptr_nonnull(ds);
  ck_assert_str_eq(kb_sector_label(ds, kb_dataset_find(ds, "saxion")), "Onderwijs");
  ck_assert_str_eq(kb_sector_label(ds, kb_dataset_find(ds, "gemeente-deventer")), "Overheid");
  ck_assert_ptr_null(kb_sector_label(ds, kb_dataset_find(ds, "uganda")));
}
END_TEST

/* The report's summary in both languages, one and many (the sentences the
 * command prints; the figures are made up, the words are the point). */
START_TEST(report_summary_counts)
{
  KbReportFigures f = { .organisations = 15, .sectors = 5, .countries = 10, .single_points = 12,
                       .year = 2021, .compare = 2016 };
  g_autofree char *nl = kb_report_summary(&f, KB_LANG_NL);
  g_autofree char *en = kb_report_summary(&f, KB_LANG_EN);
  ck_assert_str_eq(nl, "15 organisaties uit 5 sectoren zijn actief in 10 landen in het "
                   "buitenland; 12 plaatsen rusten op één organisatie (peiljaar 2021; "
                   "veranderingen sinds 2016).");
  ck_assert_str_eq(en, "15 organisations in 5 sectors are active in 10 countries abroad; 12 "
                   "places rest on a single organisation (as of 2021; changes since 2016).");
  KbReportFigures g = { .organisations = 1, .sectors = 1, .countries = 1, .single_points = 1,
                       .year = KB_NO_YEAR, .compare = KB_NO_YEAR };
  /* a regional network: its member network's figures, NaN shown as "-"
   * (the figures are made up) */
  KbReportFigures h = { .year = 2022, .compare = 2018, .regional = TRUE, .members = 30,
                        .municipalities = 22, .provinces = 4, .degree_centralization = 0.1874,
                        .betweenness_centralization = 0.118,
                        .degree_centralization_without = 0.194,
                        .betweenness_centralization_without = NAN };
  g_autofree char *nlr = kb_report_summary(&h, KB_LANG_NL);
  ck_assert_str_eq(nlr, "Een regionaal netwerk van 30 leden, waarvan 22 gemeenten in 4 "
                   "provincies; centralisatie van het ledennetwerk: naar graad 0,187 (0,194 "
                   "zonder de centrumgemeente), naar tussenpositie 0,118 (- zonder) (peiljaar "
                   "2022; veranderingen sinds 2018).");
  g_autofree char *nl1 = kb_report_summary(&g, KB_LANG_NL);
  g_autofree char *en1 = kb_report_summary(&g, KB_LANG_EN);
  ck_assert_str_eq(nl1, "1 organisatie uit 1 sector is actief in 1 land in het buitenland; 1 "
                   "plaats rust op één organisatie.");
  ck_assert_str_eq(en1, "1 organisation in 1 sector is active in 1 country abroad; 1 place "
                   "rests on a single organisation.");
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

/* The contents of 'dir'/'name' (newly allocated). */
static char *
read_written(const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  char *text = NULL;
  ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "%s was not written", name);
  return text;
}

/* The report of tests/cli/candidates-requests weighs its requests in Dutch:
 * the advice of each as its README works it out by hand (kiel take up,
 * brugge weigh, lemgo, esbjerg and aalborg decline, vilnius weigh,
 * stadshagen decline, aarhus weigh), the same table answering the
 * dataset's question of kind rank, the plan per theme (Fietsstad: the
 * README's hand derivation) and the weights with what carries Lemgo
 * (support 0.3 x 0.767 = 0.23 of its score of 0.383). */
START_TEST(report_weighs_requests)
{
  g_autofree char *data = g_build_filename(KB_CLI_CASES, "candidates-requests/data", NULL);
  g_autofree char *file = g_build_filename(KB_CLI_CASES, "candidates-requests/requests.csv",
                                           NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(data, KB_FORMAT_AUTO, diags, NULL);
  ck_assert_ptr_nonnull(ds);
  g_autoptr(KbRequests) req = kb_requests_load(file, ds, diags);
  ck_assert_ptr_nonnull(req);
  g_autofree char *tmp = g_dir_make_tmp("kb-report-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename(tmp, "report", NULL);
  KbReportOptions ro;
  kb_report_options_init(&ro);
  ro.requests = req;
  ro.csv = KB_CSV_PLAIN;    /* ',' and '.': the excel dialects are tests/excel's */
  g_autoptr(GError) err = NULL;
  ck_assert_msg(kb_report_write(ds, &ro, dir, NULL, &err), "%s", err ? err->message : "");
  g_autofree char *requests = read_written(dir, "requests.csv");
  g_autofree char *question = read_written(dir, "question-1-requests.csv");
  g_autofree char *plan = read_written(dir, "plan-per-theme.csv");
  g_autofree char *html = read_written(dir, "report.html");
  g_auto(GStrv) lines = g_strsplit(requests, "\r\n", -1);
  static const char *const advice[][2] = {
    { "kiel", "oppakken" }, { "brugge", "afwegen" }, { "lemgo", "afwijzen" },
    { "esbjerg", "afwijzen" }, { "aalborg", "afwijzen" }, { "vilnius", "afwegen" },
    { "stadshagen", "afwijzen" }, { "aarhus", "afwegen" } };
  ck_assert_uint_eq(g_strv_length(lines), G_N_ELEMENTS(advice) + 2);   /* header, last CRLF */
  for (size_t i = 0; i < G_N_ELEMENTS(advice); i++) {
    g_auto(GStrv) cells = g_strsplit(lines[i + 1], ",", 4);
    ck_assert_str_eq(cells[0], advice[i][0]);
    ck_assert_str_eq(cells[2], advice[i][1]);
  }
  ck_assert_str_eq(question, requests);
  ck_assert(strstr(plan, "\r\nFietsstad,\"Fietsbedrijf (Bedrijfsleven); Gemeente Zwolle "
                         "(Overheid)\",,Lemgo,Stadtwerke Lemgo,\"Klimaatnetwerk; Regio Zwolle\","
                         "Lemgo (verzoek: afwijzen)\r\n") != NULL);
  /* Esbjerg, out of scope, fits Klimaatadaptatie but is declined */
  ck_assert(strstr(plan, ",\"Kiel (verzoek: oppakken); Esbjerg (verzoek: afwijzen)\"\r\n") != NULL);
  ck_assert(strstr(html, "<h3>Plan per thema</h3>") != NULL);
  ck_assert(strstr(html, "<h3>Verzoeken, gewogen zoals het besluit ze weegt</h3>") != NULL);
  ck_assert(strstr(html, "thematische aansluiting (gewicht 0,4), lokaal draagvlak (0,3)") != NULL);
  ck_assert(strstr(html, "Lemgo (1): gedragen door draagvlak, 0,23 van de score van 0,38.")
            != NULL);
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name(d)) != NULL;) {
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_remove(path);
  }
  g_rmdir(dir);
  g_rmdir(tmp);
}
END_TEST

static Suite *
tables_suite(void)
{
  Suite *s = suite_create("tables");
  TCase *tc = tcase_create("tables");
  tcase_add_test(tc, every_translation_is_found);
  tcase_add_test(tc, synergy_reasons_in_dutch);
  tcase_add_test(tc, plurals_and_labels);
  tcase_add_test(tc, report_summary_counts);
  tcase_add_test(tc, brokers_without_local_measures);
  tcase_add_test(tc, report_weighs_requests);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(tables_suite)
