/* test_graph.c -- components, and igraph errors that come back as GErrors
 * instead of aborting. Component counts are worked out by hand. */
#include "kb_test.h"

#include "graph/graph_internal.h"
#include <klaverblad.h>
#include <glib/gstdio.h>
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

/* The figures igraph gives for the same graph. */
static void
igraph_components(const KbDataset *ds, KbComponents *out)
{
  igraph_t g;
  ck_assert(kb_i_graph_build_undirected(ds, &g, NULL));
  igraph_vector_int_t membership, sizes, degree;
  igraph_integer_t count;
  ck_assert_int_eq(igraph_vector_int_init(&membership, 0), IGRAPH_SUCCESS);
  ck_assert_int_eq(igraph_vector_int_init(&sizes, 0), IGRAPH_SUCCESS);
  ck_assert_int_eq(igraph_vector_int_init(&degree, 0), IGRAPH_SUCCESS);
  ck_assert_int_eq(igraph_connected_components(&g, &membership, &sizes, &count, IGRAPH_WEAK),
                   IGRAPH_SUCCESS);
  ck_assert_int_eq(igraph_degree(&g, &degree, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS),
                   IGRAPH_SUCCESS);
  memset(out, 0, sizeof *out);
  out->count = (size_t) count;
  for (igraph_integer_t i = 0; i < count; i++)
    out->largest = MAX(out->largest, (size_t) VECTOR(sizes)[i]);
  for (igraph_integer_t i = 0; i < igraph_vcount(&g); i++)
    out->isolated += VECTOR(degree)[i] == 0;
  igraph_vector_int_destroy(&membership);
  igraph_vector_int_destroy(&sizes);
  igraph_vector_int_destroy(&degree);
  igraph_destroy(&g);
}

START_TEST(components_agree_with_igraph)
{
  /* a generated network, whole and as of 2001, when most relations had not
   * begun: many components and isolated nodes */
  g_autofree char *dir = g_dir_make_tmp("kb-graph-XXXXXX", NULL);
  ck_assert(dir != NULL);
  ck_assert(kb_generate(2000, 7, dir, NULL, NULL, NULL));
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) whole = kb_dataset_load(dir, KB_FORMAT_FOLDER, diags, NULL);
  ck_assert(whole != NULL);
  g_autoptr(KbDataset) early = kb_dataset_as_of(whole, 2001);
  const KbDataset *cases[] = { whole, early };
  for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
    KbComponents ours, theirs;
    ck_assert(kb_graph_components(cases[k], &ours, NULL));
    igraph_components(cases[k], &theirs);
    ck_assert_uint_eq(ours.count, theirs.count);
    ck_assert_uint_eq(ours.largest, theirs.largest);
    ck_assert_uint_eq(ours.isolated, theirs.isolated);
  }
  ck_assert_uint_lt(kb_dataset_relation_count(early), kb_dataset_relation_count(whole));
  const char *files[] = { "nodes.csv", "relations.csv", "dataset.csv" };
  for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
    g_autofree char *f = g_build_filename(dir, files[i], NULL);
    g_remove(f);
  }
  g_rmdir(dir);
}
END_TEST

START_TEST(isolated_nodes_are_components)
{
  /* check-node-errors keeps seven nodes: three joined by a relation and a
   * sector, and four without any (deventer, koffie, hollandia and
   * humanitas, kept with its missing sector reported) */
  g_autoptr(KbDataset) ds = load_case("check-node-errors/data");
  KbComponents ours, theirs;
  ck_assert(kb_graph_components(ds, &ours, NULL));
  igraph_components(ds, &theirs);
  ck_assert_uint_eq(ours.count, 5);
  ck_assert_uint_eq(ours.largest, 3);
  ck_assert_uint_eq(ours.isolated, 4);
  ck_assert_uint_eq(theirs.count, 5);
  ck_assert_uint_eq(theirs.isolated, 4);
}
END_TEST

START_TEST(components_of_an_empty_dataset)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("empty", diags);
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  KbComponents c = { .count = 1, .largest = 1, .isolated = 1 };
  ck_assert(kb_graph_components(ds, &c, NULL));
  ck_assert_uint_eq(c.count, 0);
  ck_assert_uint_eq(c.largest, 0);
  ck_assert_uint_eq(c.isolated, 0);
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
  tcase_add_test(tc, components_agree_with_igraph);
  tcase_add_test(tc, isolated_nodes_are_components);
  tcase_add_test(tc, components_of_an_empty_dataset);
  tcase_add_test(tc, igraph_errors_do_not_abort);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(graph_suite)
