/* test_graph.c -- components, and igraph errors that come back as GErrors
 * instead of aborting. Component counts are worked out by hand. */
#include "kb_test.h"

#include "graph/graph_internal.h"
#include <klaverblad.h>
#include <string.h>

static KbDataset *
load_case(const char *rel)
{
  g_autofree char *path = g_build_filename(KB_CLI_CASES, rel, NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  return kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
}

START_TEST(components_of_an_edge_list)
{
  /* Saxion - Gemeente Deventer - Zone College form one component,
   * Humanitas - Platform Deventer-Oeganda another. */
  g_autoptr(KbDataset) ds = load_case("check-edgelist/edges.csv");
  KbComponents c;
  ck_assert(kb_graph_components(ds, &c, NULL));
  ck_assert_uint_eq(c.count, 2);
  ck_assert_uint_eq(c.largest, 3);
  ck_assert_uint_eq(c.isolated, 0);
}
END_TEST

START_TEST(sectors_tie_organisations)
{
  /* check-warnings: {saxion, sibiu, education} and {kunstenlab, romania,
   * culture}, joined only through each organisation's sector */
  g_autoptr(KbDataset) ds = load_case("check-warnings/data");
  KbComponents c;
  ck_assert(kb_graph_components(ds, &c, NULL));
  ck_assert_uint_eq(c.count, 2);
  ck_assert_uint_eq(c.largest, 3);
}
END_TEST

START_TEST(igraph_errors_do_not_abort)
{
  kb_init();
  igraph_t g;
  igraph_vector_int_t edges;
  ck_assert_int_eq(igraph_vector_int_init(&edges, 3), IGRAPH_SUCCESS);
  /* an odd number of vertex ids is not an edge list */
  igraph_error_t rc = igraph_create(&g, &edges, 0, IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy(&edges);
  ck_assert_int_eq(rc, IGRAPH_EINVEVECTOR);
  g_autoptr(GError) err = NULL;
  ck_assert(!kb_i_igraph_fail(rc, "building a graph", &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_INTERNAL));
  ck_assert(g_str_has_prefix(err->message, "building a graph failed: "));
  ck_assert_msg(strstr(err->message, "Invalid edge vector") != NULL, "%s", err->message);
}
END_TEST

static Suite *
graph_suite(void)
{
  Suite *s = suite_create("graph");
  TCase *tc = tcase_create("graph");
  tcase_add_test(tc, components_of_an_edge_list);
  tcase_add_test(tc, sectors_tie_organisations);
  tcase_add_test(tc, igraph_errors_do_not_abort);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(graph_suite)
