/* test_region.c -- a regional network: the members that hang on one
 * consultation, the growth by year, and when the report takes a dataset
 * for a regional network. Every expected value is read off the small
 * dataset below by hand. */
#include "kb_test.h"
#include <math.h>
#include <string.h>
#include <klaverblad.h>
#include "report/report_internal.h"

/* The town of the tests: the hub `regio`, its bodies `overleg` and `tafel`
 * (part_of it), the home city `a` with the cities b..h, and one
 * municipality for each city (gemeente-X located in X). The relations
 * (from, to, kind, since, until, status):
 *
 *   gemeente-a  member_of regio 2010;        member_of overleg
 *   gemeente-b  member_of regio [..2015];    member_of overleg, partner_of overleg
 *   gemeente-c  member_of regio 2015;        member_of overleg, member_of tafel
 *   gemeente-d  member_of regio 2015~;       partner_of school (not a member)
 *   gemeente-e  member_of regio (undated);   partner_of regio (the hub itself)
 *   gemeente-f  member_of regio 2016 and 2012 (twice); partner_of tafel;
 *               member_of overleg, planned
 *   gemeente-g  member_of regio 2018, planned
 *   gemeente-h  member_of regio 2011-2014, ended; member_of overleg 2011-2014, ended;
 *               funds school
 *   school      located in a (the home city's own), no member
 */
static KbDataset *
region_town(const char *year)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("region", diags);
  static const char *const nodes[][3] = {
    { "government", "sector", "" }, { "education", "sector", "" }, { "nl", "country", "" },
    { "a", "city", "" }, { "b", "city", "" }, { "c", "city", "" }, { "d", "city", "" },
    { "e", "city", "" }, { "f", "city", "" }, { "g", "city", "" }, { "h", "city", "" },
    { "gemeente-a", "organisation", "government" }, { "gemeente-b", "organisation", "government" },
    { "gemeente-c", "organisation", "government" }, { "gemeente-d", "organisation", "government" },
    { "gemeente-e", "organisation", "government" }, { "gemeente-f", "organisation", "government" },
    { "gemeente-g", "organisation", "government" }, { "gemeente-h", "organisation", "government" },
    { "school", "organisation", "education" },
    { "regio", "network", "" }, { "overleg", "network", "" }, { "tafel", "network", "" },
  };
  static const char *const node_names[] = { "id", "kind", "sector" };
  kb_test_add_rows(b, KB_TABLE_NODES, "nodes.csv", node_names, 3, &nodes[0][0],
                   G_N_ELEMENTS(nodes));
  static const char *const rels[][6] = {
    { "a", "nl", "located_in", "", "", "" }, { "b", "nl", "located_in", "", "", "" },
    { "c", "nl", "located_in", "", "", "" }, { "d", "nl", "located_in", "", "", "" },
    { "e", "nl", "located_in", "", "", "" }, { "f", "nl", "located_in", "", "", "" },
    { "g", "nl", "located_in", "", "", "" }, { "h", "nl", "located_in", "", "", "" },
    { "gemeente-a", "a", "located_in", "", "", "" },
    { "gemeente-b", "b", "located_in", "", "", "" },
    { "gemeente-c", "c", "located_in", "", "", "" },
    { "gemeente-d", "d", "located_in", "", "", "" },
    { "gemeente-e", "e", "located_in", "", "", "" },
    { "gemeente-f", "f", "located_in", "", "", "" },
    { "gemeente-g", "g", "located_in", "", "", "" },
    { "gemeente-h", "h", "located_in", "", "", "" },
    { "school", "a", "located_in", "", "", "" },
    { "overleg", "regio", "part_of", "", "", "" }, { "tafel", "regio", "part_of", "", "", "" },
    { "gemeente-a", "regio", "member_of", "2010", "", "" },
    { "gemeente-a", "overleg", "member_of", "", "", "" },
    { "gemeente-b", "regio", "member_of", "[..2015]", "", "" },
    { "gemeente-b", "overleg", "member_of", "", "", "" },
    { "gemeente-b", "overleg", "partner_of", "", "", "" },
    { "gemeente-c", "regio", "member_of", "2015", "", "" },
    { "gemeente-c", "overleg", "member_of", "", "", "" },
    { "gemeente-c", "tafel", "member_of", "", "", "" },
    { "gemeente-d", "regio", "member_of", "2015~", "", "" },
    { "gemeente-d", "school", "partner_of", "", "", "" },
    { "gemeente-e", "regio", "member_of", "", "", "" },
    { "gemeente-e", "regio", "partner_of", "", "", "" },
    { "gemeente-f", "regio", "member_of", "2016", "", "" },
    { "gemeente-f", "regio", "member_of", "2012", "", "" },
    { "gemeente-f", "tafel", "partner_of", "", "", "" },
    { "gemeente-f", "overleg", "member_of", "2020", "", "planned" },
    { "gemeente-g", "regio", "member_of", "2018", "", "planned" },
    { "gemeente-h", "regio", "member_of", "2011", "2014", "ended" },
    { "gemeente-h", "overleg", "member_of", "2011", "2014", "ended" },
    { "gemeente-h", "school", "funds", "2011", "2014", "ended" },
  };
  static const char *const rel_names[] = { "from", "to", "kind", "since", "until", "status" };
  kb_test_add_rows(b, KB_TABLE_RELATIONS, "relations.csv", rel_names, 6, &rels[0][0],
                   G_N_ELEMENTS(rels));
  const char *const meta[][2] = { { "home", "a" }, { "hub", "regio" }, { "year", year } };
  static const char *const meta_names[] = { "key", "value" };
  kb_test_add_rows(b, KB_TABLE_META, "dataset.csv", meta_names, 2, &meta[0][0],
                   G_N_ELEMENTS(meta));
  KbDataset *ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  return ds;
}

/* The view of the data's year, as the report shows it. */
static KbDataset *
view_of(const KbDataset *all)
{
  KbYearView view;
  kb_year_view_init(&view, all);
  return kb_dataset_view(all, &view, NULL);
}

static const char *
id(const KbDataset *ds, size_t n)
{
  return n == KB_NO_NODE ? "-" : kb_dataset_node(ds, n)->id;
}

START_TEST(hang_on_one_consultation)
{
  g_autoptr(KbDataset) all = region_town("2020");
  g_autoptr(KbDataset) ds = view_of(all);
  g_autoptr(GError) err = NULL;
  g_autoptr(KbRegion) rg = kb_region_compute(ds, &err);
  ck_assert_ptr_nonnull(rg);
  ck_assert_str_eq(id(ds, rg->hub), "regio");
  /* a..f are members in 2020; g's membership is planned, h's ended in 2014 */
  ck_assert_uint_eq(rg->n_members, 6);
  static const char *const members[] = { "gemeente-a", "gemeente-b", "gemeente-c",
                                         "gemeente-d", "gemeente-e", "gemeente-f" };
  for (size_t i = 0; i < G_N_ELEMENTS(members); i++)
    ck_assert_str_eq(id(ds, rg->members[i]), members[i]);
  /* the centre: the member located in the home city (the school is no member) */
  ck_assert_uint_eq(rg->n_centre, 1);
  ck_assert_str_eq(id(ds, rg->centre[0]), "gemeente-a");
  /* a: overleg only; b: overleg twice (member and partner) is still one body;
   * e: the hub alone (being partner_of the hub is no other tie); f: partner
   * of tafel (its planned seat in overleg does not count). c has two
   * bodies, d a partnership: neither hangs on one. */
  static const struct { const char *member, *body; } loose[] = {
    { "gemeente-a", "overleg" }, { "gemeente-b", "overleg" }, { "gemeente-e", "-" },
    { "gemeente-f", "tafel" },
  };
  ck_assert_uint_eq(rg->n_loose, G_N_ELEMENTS(loose));
  for (size_t i = 0; i < G_N_ELEMENTS(loose); i++) {
    ck_assert_str_eq(id(ds, rg->loose[i].member), loose[i].member);
    ck_assert_str_eq(id(ds, rg->loose[i].body), loose[i].body);
  }
  /* the member network: a-b, a-c, b-c (overleg); no other tie. Degrees
   * 2, 2, 2, 0, 0, 0 of n = 6: (0+0+0+2+2+2) / (5*4) = 0.3; no member lies
   * between two others: betweenness centralization 0. Without a: b-c only,
   * degrees 1, 1, 0, 0, 0: (0+0+1+1+1) / (4*3) = 0.25, betweenness 0. */
  ck_assert_uint_eq(rg->ties, 3);
  ck_assert_double_eq_tol(rg->degree_centralization, 0.3, 1e-12);
  ck_assert_double_eq_tol(rg->betweenness_centralization, 0.0, 1e-12);
  ck_assert_double_eq_tol(rg->degree_centralization_without, 0.25, 1e-12);
  ck_assert_double_eq_tol(rg->betweenness_centralization_without, 0.0, 1e-12);
}
END_TEST

START_TEST(hang_on_one_consultation_in_an_earlier_year)
{
  /* in 2013 h is a member too, with a seat in overleg and funding for the
   * school: tied twice, so not loose; f joined in 2012 already */
  g_autoptr(KbDataset) all = region_town("2013");
  g_autoptr(KbDataset) ds = view_of(all);
  g_autoptr(KbRegion) rg = kb_region_compute(ds, NULL);
  ck_assert_ptr_nonnull(rg);
  gboolean h = FALSE;
  for (size_t i = 0; i < rg->n_members; i++)
    h |= strcmp(id(ds, rg->members[i]), "gemeente-h") == 0;
  ck_assert(h);
  for (size_t i = 0; i < rg->n_loose; i++)
    ck_assert_str_ne(id(ds, rg->loose[i].member), "gemeente-h");
}
END_TEST

START_TEST(the_centre_is_the_municipality)
{
  /* the home city a and its government organisation are the centre; the
   * school located in a, an education organisation, stays in */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("centre", diags);
  static const char *const nodes[][3] = {
    { "government", "sector", "" }, { "education", "sector", "" }, { "nl", "country", "" },
    { "a", "city", "" }, { "b", "city", "" }, { "regio", "network", "" },
    { "gemeente-a", "organisation", "government" }, { "school", "organisation", "education" },
    { "gemeente-b", "organisation", "government" },
  };
  static const char *const node_names[] = { "id", "kind", "sector" };
  kb_test_add_rows(b, KB_TABLE_NODES, "nodes.csv", node_names, 3, &nodes[0][0],
                   G_N_ELEMENTS(nodes));
  static const char *const rels[][3] = {
    { "a", "nl", "located_in" }, { "b", "nl", "located_in" },
    { "gemeente-a", "a", "located_in" }, { "school", "a", "located_in" },
    { "gemeente-b", "b", "located_in" },
    { "a", "regio", "member_of" }, { "gemeente-a", "regio", "member_of" },
    { "school", "regio", "member_of" }, { "gemeente-b", "regio", "member_of" },
  };
  static const char *const rel_names[] = { "from", "to", "kind" };
  kb_test_add_rows(b, KB_TABLE_RELATIONS, "relations.csv", rel_names, 3, &rels[0][0],
                   G_N_ELEMENTS(rels));
  static const char *const meta[][2] = { { "home", "a" }, { "hub", "regio" } };
  static const char *const meta_names[] = { "key", "value" };
  kb_test_add_rows(b, KB_TABLE_META, "dataset.csv", meta_names, 2, &meta[0][0], 2);
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  g_autoptr(KbRegion) rg = kb_region_compute(ds, NULL);
  ck_assert_uint_eq(rg->n_members, 4);
  ck_assert_uint_eq(rg->n_centre, 2);
  ck_assert_str_eq(id(ds, rg->centre[0]), "a");
  ck_assert_str_eq(id(ds, rg->centre[1]), "gemeente-a");
  /* no body: no tie, every member hangs on the membership alone */
  ck_assert_uint_eq(rg->ties, 0);
  ck_assert_uint_eq(rg->n_loose, 4);
}
END_TEST

START_TEST(growth_by_year)
{
  g_autoptr(KbDataset) all = region_town("2020");
  size_t n;
  KbRegionYear *ys = kb_region_growth(all, &n);
  /* by year; the exact year before the same year qualified (2015, 2015~,
   * [..2015]); f at its earlier membership (2012); h, ended, counted when
   * it joined; g, planned, not at all; e, undated, last */
  static const struct { int year; KbDateQualifier q; const char *who; } want[] = {
    { 2010, KB_DATE_EXACT, "gemeente-a" },
    { 2011, KB_DATE_EXACT, "gemeente-h" },
    { 2012, KB_DATE_EXACT, "gemeente-f" },
    { 2015, KB_DATE_EXACT, "gemeente-c" },
    { 2015, KB_DATE_APPROXIMATE, "gemeente-d" },
    { 2015, KB_DATE_OR_EARLIER, "gemeente-b" },
    { KB_NO_YEAR, KB_DATE_EXACT, "gemeente-e" },
  };
  ck_assert_uint_eq(n, G_N_ELEMENTS(want));
  for (size_t i = 0; i < n; i++) {
    ck_assert_int_eq(ys[i].year, want[i].year);
    ck_assert_int_eq(ys[i].qualifier, want[i].q);
    ck_assert_uint_eq(ys[i].n, 1);
    ck_assert_str_eq(id(all, ys[i].members[0]), want[i].who);
  }
  kb_region_growth_free(ys, n);
}
END_TEST

START_TEST(growth_groups_a_year)
{
  /* the members of one year together, by id */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("grow", diags);
  static const char *const nodes[][2] = {
    { "x", "city" }, { "w", "city" }, { "y", "city" }, { "hub", "network" },
  };
  static const char *const node_names[] = { "id", "kind" };
  kb_test_add_rows(b, KB_TABLE_NODES, "nodes.csv", node_names, 2, &nodes[0][0], 4);
  static const char *const rels[][4] = {
    { "x", "hub", "member_of", "[..2015]" }, { "w", "hub", "member_of", "[..2015]" },
    { "y", "hub", "member_of", "2015" },
  };
  static const char *const rel_names[] = { "from", "to", "kind", "since" };
  kb_test_add_rows(b, KB_TABLE_RELATIONS, "relations.csv", rel_names, 4, &rels[0][0], 3);
  static const char *const meta[][2] = { { "hub", "hub" } };
  static const char *const meta_names[] = { "key", "value" };
  kb_test_add_rows(b, KB_TABLE_META, "dataset.csv", meta_names, 2, &meta[0][0], 1);
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  size_t n;
  KbRegionYear *ys = kb_region_growth(ds, &n);
  ck_assert_uint_eq(n, 2);
  ck_assert_int_eq(ys[0].year, 2015);
  ck_assert_int_eq(ys[0].qualifier, KB_DATE_EXACT);
  ck_assert_uint_eq(ys[0].n, 1);
  ck_assert_int_eq(ys[1].qualifier, KB_DATE_OR_EARLIER);
  ck_assert_uint_eq(ys[1].n, 2);
  ck_assert_str_eq(id(ds, ys[1].members[0]), "w");
  ck_assert_str_eq(id(ds, ys[1].members[1]), "x");
  kb_region_growth_free(ys, n);
}
END_TEST

START_TEST(no_hub_no_region)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("plain", diags);
  static const char *const nodes[][2] = { { "x", "city" } };
  static const char *const node_names[] = { "id", "kind" };
  kb_test_add_rows(b, KB_TABLE_NODES, "nodes.csv", node_names, 2, &nodes[0][0], 1);
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  g_autoptr(KbRegion) rg = kb_region_compute(ds, NULL);
  ck_assert_uint_eq(rg->hub, KB_NO_NODE);
  ck_assert_uint_eq(rg->n_members, 0);
  ck_assert(isnan(rg->degree_centralization));
  size_t n = 1;
  ck_assert_ptr_null(kb_region_growth(ds, &n));
  ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(which_report_is_regional)
{
  /* municipalities as members and nothing abroad: regional; a, b and f
   * hang on one consultation, e on the membership alone */
  g_autoptr(KbDataset) all = region_town("2020");
  g_autoptr(KbDataset) ds = view_of(all);
  g_autoptr(KbiRegionPart) part = kb_i_region_part_new(ds, all, 2020, 0, KB_LANG_EN, NULL);
  ck_assert_ptr_nonnull(part);
  ck_assert_uint_eq(part->municipalities, 6);
  ck_assert_str_eq(part->key_figures[2], "3 members hang on one consultation; 1 on the "
                                         "membership alone.");
  /* a question of centrality about a body: its seats in 2020 (f's is
   * planned) and the member's own place, a, b and c being tied through
   * overleg: 2 ties, on no shortest path between two others */
  KbQuestion q = { 0 };
  q.kind = KB_QUESTION_CENTRALITY;
  q.from = kb_dataset_find(ds, "gemeente-a");
  q.to = kb_dataset_find(ds, "overleg");
  g_autofree char *answer = kb_i_region_part_answer(part, ds, &q, 2020, 2, KB_LANG_EN);
  ck_assert_str_eq(answer, "overleg: 3 members in 2020: gemeente-a; gemeente-b; gemeente-c. "
                           "Section 2, The regional network, answers this question with "
                           "figures: the centralization with and without the centre "
                           "municipality, the seats by province and municipality size, the "
                           "members that hang on one consultation and the growth by year. "
                           "gemeente-a has 2 ties in the member network of 6 members, and a "
                           "betweenness of 0.000 of the most possible.");
  /* a synergy question, or one about a place, is not the region's */
  q.kind = KB_QUESTION_SYNERGY;
  ck_assert_ptr_null(kb_i_region_part_answer(part, ds, &q, 2020, 2, KB_LANG_EN));
  q.kind = KB_QUESTION_OVERVIEW;
  q.to = kb_dataset_find(ds, "b");
  ck_assert_ptr_null(kb_i_region_part_answer(part, ds, &q, 2020, 2, KB_LANG_EN));
  /* one organisation active abroad: the report shows the places abroad */
  g_autoptr(KbiRegionPart) none = kb_i_region_part_new(ds, all, 2020, 1, KB_LANG_EN, NULL);
  ck_assert_ptr_null(none);
}
END_TEST

static Suite *
region_suite(void)
{
  Suite *s = suite_create("region");
  TCase *tc = tcase_create("region");
  tcase_add_test(tc, hang_on_one_consultation);
  tcase_add_test(tc, hang_on_one_consultation_in_an_earlier_year);
  tcase_add_test(tc, the_centre_is_the_municipality);
  tcase_add_test(tc, growth_by_year);
  tcase_add_test(tc, growth_groups_a_year);
  tcase_add_test(tc, no_hub_no_region);
  tcase_add_test(tc, which_report_is_regional);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(region_suite)
