/* test_brokers.c -- brokers held to independent implementations: the
 * centralities, brokerage roles, constraint and effective size of every
 * organisation, over the cliques of the organisation network; sampled
 * betweenness; the same result on any thread count; the local measures left
 * out of a huge network.
 *
 * Expected values come from tests/reference/, computed by NetworkX 2.8.8,
 * R sna 2.7.1 and R igraph 1.3.5 (see tests/reference/README.md and the
 * scripts there); nothing in those files is computed by klaverblad. */
#include "kb_test.h"
#include "kb_analysis_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"

/* -------------------------------------------------------------- brokers */

static gboolean
has_column(const Table *t, const char *column)
{
  for (guint c = 0; c < t->header->len; c++)
    if (strcmp(g_ptr_array_index(t->header, c), column) == 0)
      return TRUE;
  return FALSE;
}

/* An empty cell stands for an undefined value (NaN). */
static void
assert_close_or_nan(const Table *t, guint r, const char *column, double got, const char *graph,
                    const char *id)
{
  if (*cell(t, r, column) == '\0')
    ck_assert_msg(isnan(got), "%s %s %s: got %.12g, want none", graph, id, column, got);
  else
    assert_close(got, num(t, r, column), column, graph, id);
}

/* Compares every organisation's measures with 'expected' (and its roles,
 * when it has them). */
static void
check_brokers_table(const KbDataset *ds, const char *expected, const char *graph)
{
  g_autoptr(KbBrokers) b = kb_brokers_compute(ds, NULL);
  ck_assert_ptr_nonnull(b);
  ck_assert(!b->sampled);
  Table *t = table_read(expected);
  ck_assert_uint_eq(b->n, t->rows->len);
  for (guint r = 0; r < t->rows->len; r++) {
    const char *id = cell(t, r, "id");
    const KbBroker *k = NULL;
    for (size_t i = 0; i < b->n; i++)
      if (strcmp(kb_dataset_node(ds, b->brokers[i].node)->id, id) == 0)
        k = &b->brokers[i];
    ck_assert_ptr_nonnull(k);
    ck_assert_uint_eq(k->degree, (size_t) num(t, r, "degree"));
    assert_close(k->betweenness, num(t, r, "betweenness"), "betweenness", graph, id);
    assert_close(k->closeness, num(t, r, "closeness"), "closeness", graph, id);
    assert_close(k->eigenvector, num(t, r, "eigenvector"), "eigenvector", graph, id);
    assert_close(k->pagerank, num(t, r, "pagerank"), "pagerank", graph, id);
    assert_close_or_nan(t, r, "constraint", k->constraint, graph, id);
    assert_close_or_nan(t, r, "effective_size", k->effective_size, graph, id);
    ck_assert_int_eq(k->articulation, atoi(cell(t, r, "articulation")));
    if (!has_column(t, "roles"))
      continue;
    for (int role = 0; role < KB_ROLE_COUNT; role++)
      ck_assert_msg(k->roles[role] == (size_t) num(t, r, kb_broker_role_name(role)),
                    "%s %s %s: got %zu", graph, id, kb_broker_role_name(role), k->roles[role]);
    ck_assert_uint_eq(k->roles_total, (size_t) num(t, r, "roles"));
  }
  table_free(t);
}

static void
check_brokers(const char *graph)
{
  g_autofree char *edges = g_strdup_printf("%s.csv", graph);
  g_autofree char *expected = g_strdup_printf("%s.expected.csv", graph);
  g_autoptr(KbDataset) ds = load_reference(edges);
  check_brokers_table(ds, expected, graph);
}

START_TEST(centralities_match_networkx)
{
  check_brokers("kite");
  check_brokers("bridge");
  check_brokers("star");
  check_brokers("tree");
}
END_TEST

START_TEST(brokerage_roles_match_sna)
{
  g_autoptr(KbDataset) ds = load_reference("brokerage");
  g_autoptr(KbBrokers) b = kb_brokers_compute(ds, NULL);
  Table *t = table_read("brokerage/expected.csv");
  /* sna's columns: w_I coordinator, w_O itinerant, b_IO representative,
   * b_OI gatekeeper, b_O liaison, t total */
  for (guint r = 0; r < t->rows->len; r++) {
    const char *id = cell(t, r, "id");
    const KbBroker *k = NULL;
    for (size_t i = 0; i < b->n; i++)
      if (strcmp(kb_dataset_node(ds, b->brokers[i].node)->id, id) == 0)
        k = &b->brokers[i];
    ck_assert_ptr_nonnull(k);
    ck_assert_uint_eq(k->roles[KB_ROLE_COORDINATOR], (size_t) num(t, r, "w_I"));
    ck_assert_uint_eq(k->roles[KB_ROLE_ITINERANT], (size_t) num(t, r, "w_O"));
    ck_assert_uint_eq(k->roles[KB_ROLE_REPRESENTATIVE], (size_t) num(t, r, "b_IO"));
    ck_assert_uint_eq(k->roles[KB_ROLE_GATEKEEPER], (size_t) num(t, r, "b_OI"));
    ck_assert_uint_eq(k->roles[KB_ROLE_LIAISON], (size_t) num(t, r, "b_O"));
    ck_assert_uint_eq(k->roles_total, (size_t) num(t, r, "t"));
  }
  table_free(t);
}
END_TEST

/* --------------------------------------------- brokers over the cliques */

/* An organisation network made by networks: organisations sharing two and
 * three networks, a direct tie between co-members, funds one way only, a
 * network of one organisation, a second component, an isolated
 * organisation. NetworkX's values on the simple graph built from the
 * definition, roles counted by brute force (make_reference.py). */
START_TEST(cliques_match_networkx)
{
  g_autoptr(KbDataset) ds = load_reference("cliques");
  check_brokers_table(ds, "cliques/expected.csv", "cliques");
}
END_TEST

static int
compare_size(const void *x, const void *y)
{
  size_t a = *(const size_t *) x, b = *(const size_t *) y;
  return a < b ? -1 : a > b;
}

static void
collect_tie(size_t v, size_t u, gpointer data)
{
  (void) v;
  g_array_append_val((GArray *) data, u);
}

/* The cliques give each organisation the neighbours, and each one-way arc,
 * that KbiOrgNet's ties and arcs (built pair by pair in hash tables) give.
 * The cliques order organisations their own way: compared by node. */
static void
check_cliques(const KbDataset *ds, const char *what)
{
  KbiOrgNet net;
  KbiCliques c;
  ck_assert(kb_i_orgnet_build(ds, &net, NULL));
  kb_i_cliques_build(ds, &c);
  ck_assert_uint_eq(c.n, net.n);
  ck_assert_uint_eq(c.ties, net.ties->len);
  GArray **nb = g_new0(GArray *, net.n + 1);
  for (size_t p = 0; p < net.n; p++) {
    nb[p] = g_array_new(FALSE, FALSE, sizeof(size_t));
    /* by_id: the cliques' position of the p-th organisation by id */
    ck_assert_uint_eq(c.nodes[c.by_id[p]], net.nodes[p]);
  }
  for (guint i = 0; i < net.ties->len; i++) {
    const KbiTie *t = &g_array_index(net.ties, KbiTie, i);
    g_array_append_val(nb[t->a], t->b);
    g_array_append_val(nb[t->b], t->a);
  }
  guint32 *seen = g_new0(guint32, net.n + 1);
  GArray *got = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t v = 0; v < c.n; v++) {
    size_t p = net.pos[c.nodes[v]];
    g_array_set_size(got, 0);
    kb_i_cliques_foreach_tie(&c, v, seen, (guint32) v + 1, collect_tie, got);
    for (guint i = 0; i < got->len; i++)
      g_array_index(got, size_t, i) = net.pos[c.nodes[g_array_index(got, size_t, i)]];
    g_array_sort(got, compare_size);
    g_array_sort(nb[p], compare_size);
    ck_assert_msg(got->len == nb[p]->len && c.degree[v] == nb[p]->len
                  && (got->len == 0
                      || memcmp(got->data, nb[p]->data, got->len * sizeof(size_t)) == 0),
                  "%s: the neighbours of %s differ", what, kb_dataset_node(ds, c.nodes[v])->id);
  }
  for (size_t p = 0; p < net.n; p++)
    g_array_unref(nb[p]);
  /* the arcs with none back, both ways round */
  GHashTable *arcs = g_hash_table_new(g_int64_hash, g_int64_equal);
  gint64 *keys = g_new(gint64, net.arcs->len + 1);
  for (guint i = 0; i < net.arcs->len; i++) {
    const size_t *a = (const size_t *) net.arcs->data + 2 * i;
    keys[i] = ((gint64) a[0] << 32) | (gint64) a[1];
    g_hash_table_add(arcs, &keys[i]);
  }
  size_t one_way = 0;
  for (guint i = 0; i < net.arcs->len; i++) {
    const size_t *a = (const size_t *) net.arcs->data + 2 * i;
    gint64 back = ((gint64) a[1] << 32) | (gint64) a[0];
    if (g_hash_table_contains(arcs, &back))
      continue;
    one_way++;
    guint32 from = c.by_id[a[0]], to = c.by_id[a[1]];
    gboolean in = FALSE, out = FALSE;
    for (size_t x = c.only_in.start[to]; x < c.only_in.start[to + 1]; x++)
      in |= c.only_in.to[x] == from;
    for (size_t x = c.only_out.start[from]; x < c.only_out.start[from + 1]; x++)
      out |= c.only_out.to[x] == to;
    ck_assert_msg(in && out, "%s: arc %zu -> %zu one way", what, a[0], a[1]);
  }
  ck_assert_uint_eq(one_way, c.only_in.start[c.n]);
  ck_assert_uint_eq(one_way, c.only_out.start[c.n]);
  g_hash_table_unref(arcs);
  g_free(keys);
  g_array_unref(got);
  g_free(seen);
  g_free(nb);
  kb_i_cliques_release(&c);
  kb_i_orgnet_release(&net);
}

START_TEST(cliques_hold_the_organisation_network)
{
  g_autoptr(KbDataset) cl = load_reference("cliques");
  check_cliques(cl, "cliques");
  g_autoptr(KbDataset) br = load_reference("brokerage");
  check_cliques(br, "brokerage");
  g_autofree char *deventer = g_build_filename(KB_DATASETS, "deventer", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) dv = kb_dataset_load(deventer, KB_FORMAT_AUTO, diags, NULL);
  check_cliques(dv, "deventer");
  g_autoptr(KbDataset) gen = kb_test_generated(500, 7); /* 20 networks of up to about 150 */
  check_cliques(gen, "generated");
}
END_TEST

static KbBrokers *
brokers_with(const KbDataset *ds, size_t sources, guint threads)
{
  KbBrokersOptions o;
  kb_brokers_options_init(&o);
  o.sources = sources;
  o.threads = threads;
  KbBrokers *b = kb_brokers_compute_with(ds, &o, NULL);
  ck_assert_ptr_nonnull(b);
  return b;
}

/* Bit for bit (NaN equal to NaN), field by field. */
static gboolean
same_number(double x, double y)
{
  return memcmp(&x, &y, sizeof x) == 0;
}

static gboolean
same_brokers(const KbBrokers *a, const KbBrokers *b)
{
  if (a->n != b->n || a->sampled != b->sampled || a->sources != b->sources
      || !same_number(a->bound, b->bound))
    return FALSE;
  for (size_t i = 0; i < a->n; i++) {
    const KbBroker *x = &a->brokers[i], *y = &b->brokers[i];
    if (x->node != y->node || x->degree != y->degree
        || !same_number(x->betweenness, y->betweenness)
        || !same_number(x->closeness, y->closeness)
        || !same_number(x->eigenvector, y->eigenvector)
        || !same_number(x->pagerank, y->pagerank)
        || !same_number(x->constraint, y->constraint)
        || !same_number(x->effective_size, y->effective_size)
        || memcmp(x->roles, y->roles, sizeof x->roles) != 0
        || x->roles_total != y->roles_total || x->articulation != y->articulation)
      return FALSE;
  }
  return TRUE;
}

/* Byte for byte the same on every run and with any number of threads. */
START_TEST(brokers_the_same_on_any_thread_count)
{
  g_autoptr(KbDataset) ds = kb_test_generated(500, 7); /* 20 networks of up to about 150 */
  g_autoptr(KbBrokers) one = brokers_with(ds, 0, 1);
  static const guint threads[] = { 1, 2, 3, 7, 0 };
  for (size_t i = 0; i < G_N_ELEMENTS(threads); i++) {
    g_autoptr(KbBrokers) b = brokers_with(ds, 0, threads[i]);
    ck_assert_msg(same_brokers(one, b), "%u threads", threads[i]);
  }
}
END_TEST

START_TEST(sample_sources_are_fixed)
{
  g_autofree guint32 *a = kb_i_sample_sources(1000, 37);
  g_autofree guint32 *b = kb_i_sample_sources(1000, 37);
  ck_assert(memcmp(a, b, 37 * sizeof *a) == 0);
  /* in the order drawn: distinct, not ascending, not simply the first ones */
  qsort(b, 37, sizeof *b, kb_i_compare_u32);
  ck_assert(memcmp(a, b, 37 * sizeof *a) != 0);
  for (size_t i = 0; i < 37; i++)
    ck_assert(b[i] < 1000 && (i == 0 || b[i - 1] < b[i]));
  ck_assert_uint_gt(b[36], 36);
  g_autofree guint32 *all = kb_i_sample_sources(5, 5);
  qsort(all, 5, sizeof *all, kb_i_compare_u32);
  for (guint32 i = 0; i < 5; i++)
    ck_assert_uint_eq(all[i], i);
}
END_TEST

/* The estimate from k sources is n/k times the sum of those sources'
 * dependencies, normalised as NetworkX: checked against igraph's own
 * betweenness_subset (which counts half of each source's dependencies on an
 * undirected graph) from the same sources. With every organisation a
 * source it is the exact value, bit for bit. */
START_TEST(sampled_betweenness)
{
  g_autoptr(KbDataset) ds = kb_test_generated(500, 7); /* 20 networks of up to about 150 */
  g_autoptr(KbBrokers) exact = brokers_with(ds, 0, 0);
  size_t n = exact->n;
  ck_assert(!exact->sampled);
  ck_assert_uint_eq(exact->sources, n);
  ck_assert(exact->bound == 0);
  g_autoptr(KbBrokers) all = brokers_with(ds, n, 0);
  ck_assert(same_brokers(exact, all));
  g_autoptr(KbBrokers) more = brokers_with(ds, n + 100, 2);
  ck_assert(same_brokers(exact, more));

  const size_t k = 50;
  g_autoptr(KbBrokers) s1 = brokers_with(ds, k, 0);
  g_autoptr(KbBrokers) s2 = brokers_with(ds, k, 1);
  ck_assert(same_brokers(s1, s2));
  ck_assert(s1->sampled);
  ck_assert_uint_eq(s1->sources, k);
  /* Hoeffding for all n at once, p = 0.95: n/(n-1) sqrt(ln(2n/0.05)/(2k)) */
  double bound = (double) n / (double) (n - 1) * sqrt(log(2.0 * (double) n / 0.05) / (2.0 * k));
  ck_assert(fabs(s1->bound - bound) < 1e-12);

  KbiOrgNet net;
  ck_assert(kb_i_orgnet_build(ds, &net, NULL));
  igraph_t g;
  ck_assert(kb_i_orgnet_to_igraph(&net, &g, NULL, NULL));
  g_autofree guint32 *src = kb_i_sample_sources(n, k);
  igraph_vector_int_t sv;
  igraph_vector_int_init(&sv, (igraph_integer_t) k);
  for (size_t i = 0; i < k; i++)
    VECTOR(sv)[i] = src[i];
  igraph_vector_t sub;
  igraph_vector_init(&sub, 0);
  ck_assert(igraph_betweenness_subset(&g, &sub, igraph_vss_all(), IGRAPH_UNDIRECTED,
                                      igraph_vss_vector(&sv), igraph_vss_all(), NULL) == 0);
  /* the standard error: each run of the draw (KB_PATHS_RUNS of them, of k/16
   * sources, as paths.c cuts them) summed by igraph on its own, and the
   * spread of the runs' estimates taken here */
  igraph_vector_t run[KB_PATHS_RUNS];
  size_t runs = 0;
  for (size_t r = 0; r < KB_PATHS_RUNS; r++) {
    size_t lo = k * r / KB_PATHS_RUNS, hi = k * (r + 1) / KB_PATHS_RUNS;
    igraph_vector_init(&run[r], 0);
    if (hi == lo)
      continue;
    runs++;
    igraph_vector_int_t rv;
    igraph_vector_int_init(&rv, (igraph_integer_t) (hi - lo));
    for (size_t i = lo; i < hi; i++)
      VECTOR(rv)[i - lo] = src[i];
    ck_assert(igraph_betweenness_subset(&g, &run[r], igraph_vss_all(), IGRAPH_UNDIRECTED,
                                        igraph_vss_vector(&rv), igraph_vss_all(), NULL) == 0);
    igraph_vector_int_destroy(&rv);
  }
  ck_assert_uint_eq(runs, KB_PATHS_RUNS);      /* 50 sources: runs of 3 and 4 */
  double scale = (double) n / (double) k / ((double) (n - 1) * (double) (n - 2));
  size_t differ = 0;
  for (size_t i = 0; i < n; i++) {
    const KbBroker *b = &s1->brokers[i], *e = NULL;
    for (size_t j = 0; j < n; j++)
      if (exact->brokers[j].node == b->node)
        e = &exact->brokers[j];
    size_t v = net.pos[b->node];
    double want = 2.0 * VECTOR(sub)[v] * (double) n / (double) k
                  / ((double) (n - 1) * (double) (n - 2));
    ck_assert_msg(fabs(b->betweenness - want) <= 1e-12 + 1e-9 * want,
                  "%s: got %.12g, want %.12g", kb_dataset_node(ds, b->node)->id,
                  b->betweenness, want);
    ck_assert(isnan(b->closeness));
    ck_assert(fabs(b->betweenness - e->betweenness) <= s1->bound);
    double sum = 0, squares = 0;
    for (size_t r = 0; r < KB_PATHS_RUNS; r++)
      sum += 2.0 * VECTOR(run[r])[v];
    for (size_t r = 0; r < KB_PATHS_RUNS; r++) {
      double share = (double) (k * (r + 1) / KB_PATHS_RUNS - k * r / KB_PATHS_RUNS) / (double) k;
      double x = 2.0 * VECTOR(run[r])[v] / share - sum;
      squares += share * share * x * x;
    }
    double se = sqrt((double) runs / (double) (runs - 1) * squares) * scale;
    ck_assert_msg(fabs(b->betweenness_se - se) <= 1e-12 + 1e-9 * se, "%s: s.e. %.12g, want %.12g",
                  kb_dataset_node(ds, b->node)->id, b->betweenness_se, se);
    ck_assert(isnan(e->betweenness_se));
    differ += b->betweenness != e->betweenness;
    /* the rest is not sampled */
    ck_assert(b->degree == e->degree && same_number(b->constraint, e->constraint)
              && b->roles_total == e->roles_total);
  }
  ck_assert_uint_gt(differ, 0);
  for (size_t r = 0; r < KB_PATHS_RUNS; r++)
    igraph_vector_destroy(&run[r]);
  igraph_vector_destroy(&sub);
  igraph_vector_int_destroy(&sv);
  igraph_destroy(&g);
  kb_i_orgnet_release(&net);
}
END_TEST

/* 50000 members tie 1,249,975,000 pairs, past the 10^9 up to which brokers
 * finds constraint, effective size and roles: they are left out, the rest
 * is there. In a clique every member has degree 49999, PageRank 1/50000,
 * eigenvector 1/sqrt(50000) and betweenness 0; no member is a cut point
 * (by hand). The 40000 of 50000 members are the default sample, as there
 * are 50000 + 50000 steps (organisations and memberships) to a search:
 * 4*10^9 / 10^5 = 40000, above 4096 and so 4096. */
START_TEST(brokers_leave_out_local_measures)
{
  g_autoptr(KbDataset) ds = one_club(50000);
  KbBrokersOptions opts;
  kb_brokers_options_init(&opts);
  opts.sources = 2;
  g_autoptr(GError) err = NULL;
  g_autoptr(KbBrokers) br = kb_brokers_compute_with(ds, &opts, &err);
  ck_assert_msg(br != NULL, "%s", err ? err->message : "");
  ck_assert_uint_eq(br->n, 50000);
  ck_assert_uint_eq(br->ties, 1249975000);
  ck_assert(!br->local);
  ck_assert(br->sampled);
  ck_assert_uint_eq(br->sources, 2);
  for (size_t i = 0; i < br->n; i++) {
    const KbBroker *b = &br->brokers[i];
    ck_assert_uint_eq(b->degree, 49999);
    ck_assert(isnan(b->constraint) && isnan(b->effective_size));
    ck_assert_uint_eq(b->roles_total, 0);
    ck_assert(b->betweenness == 0);
    ck_assert(!b->articulation);
    ck_assert_double_eq_tol(b->pagerank, 1.0 / 50000, 1e-15);
    ck_assert_double_eq_tol(b->eigenvector, 1.0 / sqrt(50000), 1e-9);
  }
}
END_TEST

static Suite *
brokers_suite(void)
{
  Suite *s = suite_create("brokers");
  TCase *tc = tcase_create("brokers");
  tcase_add_test(tc, centralities_match_networkx);
  tcase_add_test(tc, brokerage_roles_match_sna);
  tcase_add_test(tc, cliques_match_networkx);
  tcase_add_test(tc, cliques_hold_the_organisation_network);
  tcase_add_test(tc, brokers_the_same_on_any_thread_count);
  tcase_add_test(tc, sample_sources_are_fixed);
  tcase_add_test(tc, sampled_betweenness);
  tcase_add_test(tc, brokers_leave_out_local_measures);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(brokers_suite)
