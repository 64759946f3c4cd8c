/* test_analysis.c -- the analyses held to independent implementations.
 *
 * Expected values come from tests/reference/, computed by NetworkX 2.8.8,
 * R sna 2.7.1 and R igraph 1.3.5 (see tests/reference/README.md and the
 * scripts there); nothing in those files is computed by klaverblad. */
#include "kb_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <klaverblad.h>
#include "analysis/analysis_internal.h"
#include "io/io_internal.h"
#include <glib/gstdio.h>

#define TOL 1e-9

/* --------------------------------------------------- reference tables */

typedef struct {
  GPtrArray *header;        /* of char* */
  GPtrArray *rows;          /* of GPtrArray of char* */
} Table;

static gboolean
collect(const KbCsvRecord *rec, gpointer user)
{
  Table *t = user;
  GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < rec->n_fields; i++)
    g_ptr_array_add(row, g_strdup(rec->fields[i].text));
  if (t->header == NULL)
    t->header = row;
  else
    g_ptr_array_add(t->rows, row);
  return TRUE;
}

static Table *
table_read(const char *name)
{
  g_autofree char *path = g_build_filename(KB_REFERENCE, name, NULL);
  g_autofree char *text = NULL;
  gsize len;
  ck_assert_msg(g_file_get_contents(path, &text, &len, NULL), "cannot read %s", path);
  Table *t = g_new0(Table, 1);
  t->rows = g_ptr_array_new_with_free_func((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  ck_assert(kb_i_csv_parse(path, text, len, ',', collect, t, diags));
  return t;
}

static void
table_free(Table *t)
{
  g_ptr_array_unref(t->header);
  g_ptr_array_unref(t->rows);
  g_free(t);
}

static const char *
cell(const Table *t, guint row, const char *column)
{
  for (guint c = 0; c < t->header->len; c++)
    if (strcmp(g_ptr_array_index(t->header, c), column) == 0)
      return g_ptr_array_index((GPtrArray *) g_ptr_array_index(t->rows, row), c);
  ck_abort_msg("no column %s", column);
  return NULL;
}

static double
num(const Table *t, guint row, const char *column)
{
  return g_ascii_strtod(cell(t, row, column), NULL);
}

static KbDataset *
load_reference(const char *name)
{
  g_autofree char *path = g_build_filename(KB_REFERENCE, name, NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbDataset *ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  ck_assert_ptr_nonnull(ds);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  return ds;
}

static void
assert_close(double got, double want, const char *what, const char *graph, const char *id)
{
  ck_assert_msg(fabs(got - want) <= TOL, "%s %s %s: got %.12g, want %.12g", graph, id, what,
                got, want);
}

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

/* -------------------------------------------------------------- synergy */

static void
check_adamic_adar(const char *graph)
{
  g_autofree char *edges = g_strdup_printf("%s.csv", graph);
  g_autofree char *expected = g_strdup_printf("%s.adamic_adar.csv", graph);
  g_autoptr(KbDataset) ds = load_reference(edges);
  KbSynergyOptions opts;
  kb_synergy_options_init(&opts);
  g_autoptr(KbSynergy) s = kb_synergy_compute(ds, &opts, NULL);
  Table *t = table_read(expected);
  size_t nonzero = 0;
  for (guint r = 0; r < t->rows->len; r++) {
    double want = num(t, r, "score");
    if (want == 0)
      continue;   /* pairs with no common neighbour are not opportunities */
    const char *u = cell(t, r, "u"), *v = cell(t, r, "v");
    const KbSynergyPair *p = &s->pairs[nonzero];
    /* same order: score descending, then ids */
    ck_assert_str_eq(kb_dataset_node(ds, p->a)->id, u);
    ck_assert_str_eq(kb_dataset_node(ds, p->b)->id, v);
    assert_close(p->score, want, "adamic-adar", graph, u);
    nonzero++;
  }
  ck_assert_uint_eq(s->n_pairs, nonzero);
  table_free(t);
}

START_TEST(synergy_on_organisations_is_adamic_adar)
{
  check_adamic_adar("kite");
  check_adamic_adar("bridge");
}
END_TEST

START_TEST(synergy_reasons_and_filters)
{
  /* tests/cli/check-ok: Saxion (education) and MKB Deventer (business) are
   * partners, so no pair; with the partnership gone they share Sibiu and,
   * through it, Transylvania and Romania: 3 / ln 2 */
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "check-ok/data", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) all = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  KbSynergyOptions opts;
  kb_synergy_options_init(&opts);
  g_autoptr(KbSynergy) s = kb_synergy_compute(all, &opts, NULL);
  ck_assert_uint_eq(s->n_pairs, 0);
  /* the partnership starts in 2019; Saxion is active in Sibiu since 2015 and
   * MKB Deventer since 2019: in 2018 only Saxion is there */
  g_autoptr(KbDataset) y2018 = kb_dataset_as_of(all, 2018);
  g_autoptr(KbSynergy) s2 = kb_synergy_compute(y2018, &opts, NULL);
  ck_assert_uint_eq(s2->n_pairs, 1);   /* both located in Deventer, Netherlands: no home set */
  ck_assert_uint_eq(s2->pairs[0].n_reasons, 2);
  assert_close(s2->pairs[0].score, 2.0 / log(2.0), "score", "check-ok", "2018");
  ck_assert_int_eq(s2->pairs[0].reasons[0].kind, KB_CONTEXT_PLACE);
  ck_assert_str_eq(kb_dataset_node(y2018, s2->pairs[0].reasons[0].context)->id, "deventer");
  ck_assert_str_eq(kb_dataset_node(y2018, s2->pairs[0].reasons[1].context)->id, "netherlands");
  /* a zero weight for places removes them */
  opts.weights[KB_CONTEXT_PLACE] = 0;
  g_autoptr(KbSynergy) s3 = kb_synergy_compute(y2018, &opts, NULL);
  ck_assert_uint_eq(s3->n_pairs, 0);
}
END_TEST


/* synergy --each against the pairs of synergy itself (held to NetworkX's
 * adamic_adar_index above): on generated data, every organisation's list
 * must be the top K of all its pairs (ties by id, at the cut too),
 * whatever the walk threshold, which moves work between walking contexts
 * and enumerating subsets of them, and with or without x86's pext. */
typedef struct {
  GHashTable *best;         /* org node -> GArray of KbSuggestion */
} EachCollect;

static gboolean
each_collect(size_t org, const KbSuggestion *best, size_t n, gpointer data)
{
  EachCollect *c = data;
  GArray *a = g_array_new(FALSE, FALSE, sizeof(KbSuggestion));
  g_array_append_vals(a, best, (guint) n);
  g_hash_table_insert(c->best, GSIZE_TO_POINTER(org + 1), a);
  return TRUE;
}

/* Suggestions by rank: higher score first, then lower id. */
static gint
compare_ranked(gconstpointer x, gconstpointer y, gpointer data)
{
  const KbSuggestion *a = x, *b = y;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return strcmp(kb_dataset_node(data, a->node)->id, kb_dataset_node(data, b->node)->id);
}

static void
check_each(const KbDataset *ds, gboolean same_sector, size_t k, size_t walk_max,
           size_t pairs_max)
{
  KbSynergyOptions opts;
  kb_synergy_options_init(&opts);
  opts.same_sector = same_sector;
  opts.max_work = 0;
  g_autoptr(KbSynergy) all = kb_synergy_compute(ds, &opts, NULL);
  /* every organisation's pairs from the reference */
  GHashTable *ref = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                          (GDestroyNotify) g_array_unref);
  for (size_t i = 0; i < all->n_pairs; i++)
    for (int side = 0; side < 2; side++) {
      size_t u = side ? all->pairs[i].b : all->pairs[i].a, v = side ? all->pairs[i].a : all->pairs[i].b;
      GArray *a = g_hash_table_lookup(ref, GSIZE_TO_POINTER(u + 1));
      if (a == NULL)
        g_hash_table_insert(ref, GSIZE_TO_POINTER(u + 1),
                            a = g_array_new(FALSE, FALSE, sizeof(KbSuggestion)));
      KbSuggestion sg = { v, all->pairs[i].score, 0 };
      g_array_append_val(a, sg);
    }
  GHashTableIter it;
  gpointer list;
  g_hash_table_iter_init(&it, ref);
  while (g_hash_table_iter_next(&it, NULL, &list))
    g_array_sort_with_data(list, compare_ranked, (gpointer) ds);
  /* with and without the processor's pext, where it has a fast one */
  gboolean fast_pext = kb_i_synergy_fast_pext();
  if (!fast_pext)
    fprintf(stderr, "SKIPPED: the pext path of synergy --each: this processor has no fast pext "
                    "(x86 BMI2, not AMD before Zen 3); the portable path is tested alone\n");
  for (int pext = 0; pext < (fast_pext ? 2 : 1); pext++) {
    EachCollect c = { g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) g_array_unref) };
    g_autoptr(GError) err = NULL;
    ck_assert(kb_i_synergy_each_tuned(ds, &opts, k, walk_max, pairs_max, pext, each_collect, &c,
                                      NULL, NULL, &err));
    size_t checked = 0;
    for (size_t u = 0; u < kb_dataset_node_count(ds); u++) {
      if (kb_dataset_node(ds, u)->kind != KB_NODE_ORGANISATION)
        continue;
      GArray *got = g_hash_table_lookup(c.best, GSIZE_TO_POINTER(u + 1));
      GArray *want = g_hash_table_lookup(ref, GSIZE_TO_POINTER(u + 1));
      ck_assert_msg(got != NULL, "no call for %s", kb_dataset_node(ds, u)->id);
      size_t n_want = want ? want->len : 0;
      ck_assert_uint_eq(got->len, MIN(k, n_want));
      for (guint i = 0; i < got->len; i++) {
        const KbSuggestion *g = &g_array_index(got, KbSuggestion, i);
        /* the pair exists with that score, nobody better is left out, and
         * the list is in order (ties by id) */
        size_t above = 0, found = 0;
        for (guint j = 0; j < want->len; j++) {
          const KbSuggestion *w = &g_array_index(want, KbSuggestion, j);
          if (w->node == g->node) {
            found++;
            /* both sum the contexts in one order: equal to the last bit */
            ck_assert_msg(g->score == w->score, "%s-%s: each %.17g, all pairs %.17g",
                          kb_dataset_node(ds, u)->id, kb_dataset_node(ds, g->node)->id, g->score,
                          w->score);
          }
          if (w->score > g->score)
            above++;
        }
        ck_assert_uint_eq(found, 1);
        ck_assert_msg(above <= i, "%s: rank %u misses a better suggestion",
                      kb_dataset_node(ds, u)->id, i + 1);
        /* and among equal scores, the lowest ids */
        ck_assert_msg(g->node == g_array_index(want, KbSuggestion, i).node,
                      "%s: rank %u is %s, not %s", kb_dataset_node(ds, u)->id, i + 1,
                      kb_dataset_node(ds, g->node)->id,
                      kb_dataset_node(ds, g_array_index(want, KbSuggestion, i).node)->id);
        if (i > 0) {
          const KbSuggestion *p = &g_array_index(got, KbSuggestion, i - 1);
          ck_assert(p->score > g->score
                    || (p->score == g->score
                        && strcmp(kb_dataset_node(ds, p->node)->id,
                                  kb_dataset_node(ds, g->node)->id) < 0));
        }
        checked++;
      }
    }
    ck_assert_uint_gt(checked, 0);
    g_hash_table_unref(c.best);
  }
  g_hash_table_unref(ref);
}

START_TEST(synergy_each_is_a_top_k_of_all_pairs)
{
  g_autoptr(KbDataset) ds = kb_test_generated(500, 7);
  /* 500 organisations: the largest contexts hold about 150; walk all,
   * enumerate those above 40, or every context it may; with the lists of
   * members of two enumerated contexts, and without (as when they would
   * not fit) */
  static const size_t walks[] = { G_MAXSIZE, 40, 2 };
  static const size_t pairs[] = { G_MAXSIZE, 0 };
  for (size_t w = 0; w < G_N_ELEMENTS(walks); w++)
    for (size_t p = 0; p < G_N_ELEMENTS(pairs); p++) {
      check_each(ds, TRUE, 5, walks[w], pairs[p]);
      check_each(ds, FALSE, 3, walks[w], pairs[p]);
    }
  /* Deventer: the home city and Netherlands left out */
  g_autofree char *deventer = g_build_filename(KB_DATASETS, "deventer", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) dv = kb_dataset_load(deventer, KB_FORMAT_AUTO, diags, NULL);
  ck_assert(dv != NULL);
  check_each(dv, FALSE, 4, G_MAXSIZE, G_MAXSIZE);
  check_each(dv, FALSE, 4, 2, G_MAXSIZE);
}
END_TEST

/* A receiver that stops synergy --each after 'stop' organisations, as the
 * command does when its output fails. */
typedef struct {
  size_t calls, stop;
  size_t orgs[8];
} EachStop;

static gboolean
each_stop(size_t org, const KbSuggestion *best, size_t n, gpointer data)
{
  EachStop *s = data;
  if (s->calls < G_N_ELEMENTS(s->orgs))
    s->orgs[s->calls] = org;
  return ++s->calls < s->stop;
}

START_TEST(synergy_each_stops_when_asked)
{
  g_autoptr(KbDataset) ds = kb_test_generated(500, 7);
  KbSynergyOptions opts;
  kb_synergy_options_init(&opts);
  /* the whole run: a call per organisation, 500 */
  EachStop all = { 0, G_MAXSIZE, { 0 } };
  ck_assert(kb_synergy_each(ds, &opts, 5, each_stop, &all, NULL, NULL, NULL));
  ck_assert_uint_eq(all.calls, 500);
  /* stopped at the third: no fourth call, the same first three, and the
   * error says it was asked to stop */
  EachStop three = { 0, 3, { 0 } };
  g_autoptr(GError) err = NULL;
  ck_assert(!kb_synergy_each(ds, &opts, 5, each_stop, &three, NULL, NULL, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_STOPPED));
  ck_assert_uint_eq(three.calls, 3);
  for (size_t i = 0; i < 3; i++)
    ck_assert_uint_eq(three.orgs[i], all.orgs[i]);
}
END_TEST

/* One network of 10,001 organisations: its members, all tied to one
 * another, make 10001 * 10000 / 2 = 50,005,000 ties, just above the limit
 * of 5*10^7: brokers and communities stop with KB_ERROR_LIMIT at once
 * rather than fill the memory. */
static void
add(KbBuilder *b, KbTable t, const char *const *names, const char *const *values, size_t n,
    unsigned line)
{
  KbCell cells[4];
  for (size_t i = 0; i < n; i++)
    cells[i] = (KbCell) { names[i], values[i], line, 1 };
  KbRow row = { t == KB_TABLE_NODES ? "nodes.csv" : "relations.csv", line, cells, n };
  kb_builder_add_row(b, t, &row);
}

static const char *const node_cols[] = { "id", "kind", "label", "sector" };
static const char *const rel_cols[] = { "from", "to", "kind" };

/* A builder that has read the headers node_cols and rel_cols. */
static KbBuilder *
new_builder(const char *name, KbDiagList *diags)
{
  KbBuilder *b = kb_builder_new(name, diags);
  KbCell hn[4], hr[3];
  for (int i = 0; i < 4; i++)
    hn[i] = (KbCell) { node_cols[i], node_cols[i], 1, 1 };
  for (int i = 0; i < 3; i++)
    hr[i] = (KbCell) { rel_cols[i], rel_cols[i], 1, 1 };
  KbRow header_n = { "nodes.csv", 1, hn, 4 }, header_r = { "relations.csv", 1, hr, 3 };
  ck_assert(kb_builder_check_header(b, KB_TABLE_NODES, &header_n));
  ck_assert(kb_builder_check_header(b, KB_TABLE_RELATIONS, &header_r));
  return b;
}

/* A dataset of one network, 'club', with 'members' organisations. */
static KbDataset *
one_club(unsigned members)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = new_builder("big", diags);
  const char *sector[] = { "ngo", "sector", "NGO", "" };
  const char *network[] = { "club", "network", "Club", "" };
  add(b, KB_TABLE_NODES, node_cols, sector, 4, 2);
  add(b, KB_TABLE_NODES, node_cols, network, 4, 3);
  for (unsigned i = 0; i < members; i++) {
    g_autofree char *id = g_strdup_printf("org-%u", i);
    const char *org[] = { id, "organisation", id, "ngo" };
    const char *rel[] = { id, "club", "member_of" };
    add(b, KB_TABLE_NODES, node_cols, org, 4, 4 + i);
    add(b, KB_TABLE_RELATIONS, rel_cols, rel, 3, 2 + i);
  }
  KbDataset *ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  return ds;
}

/* n_orgs organisations org-i in n_nets networks net-j, org-i in net-j when
 * holds(i, j); sectors ngo and business by turns, or all ngo. */
static KbDataset *
org_networks(unsigned n_nets, unsigned n_orgs, gboolean (*holds)(unsigned i, unsigned j),
             gboolean two_sectors)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = new_builder("networks", diags);
  unsigned line = 2, rel_line = 2;
  const char *ngo[] = { "ngo", "sector", "NGO", "" };
  const char *business[] = { "business", "sector", "Business", "" };
  add(b, KB_TABLE_NODES, node_cols, ngo, 4, line++);
  add(b, KB_TABLE_NODES, node_cols, business, 4, line++);
  for (unsigned j = 0; j < n_nets; j++) {
    g_autofree char *id = g_strdup_printf("net-%u", j);
    const char *net[] = { id, "network", id, "" };
    add(b, KB_TABLE_NODES, node_cols, net, 4, line++);
  }
  for (unsigned i = 0; i < n_orgs; i++) {
    g_autofree char *id = g_strdup_printf("org-%u", i);
    const char *org[] = { id, "organisation", id, two_sectors && i % 2 ? "business" : "ngo" };
    add(b, KB_TABLE_NODES, node_cols, org, 4, line++);
    for (unsigned j = 0; j < n_nets; j++)
      if (holds(i, j)) {
        g_autofree char *net = g_strdup_printf("net-%u", j);
        const char *rel[] = { id, net, "member_of" };
        add(b, KB_TABLE_RELATIONS, rel_cols, rel, 3, rel_line++);
      }
  }
  KbDataset *ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  return ds;
}

/* 40 organisations in 30 networks: org-0 in all of them, org-i in net-j
 * for j = i, 7i, 11i (mod 30); sectors ngo and business by turns. With a
 * walk threshold of 2 every network of 3 members or more is a hub, so
 * org-0 holds more than the 24 that can be enumerated: it walks the first
 * of them. Its candidates share at most 3 networks with it, so its
 * enumeration would visit most of the 2^24 subsets of the others; it
 * stops, and they are walked too. */
static gboolean
many_holds(unsigned i, unsigned j)
{
  return i == 0 || j == i % 30 || j == 7 * i % 30 || j == 11 * i % 30;
}

START_TEST(synergy_each_walks_hubs_past_the_enumerated)
{
  g_autoptr(KbDataset) ds = org_networks(30, 40, many_holds, TRUE);
  static const size_t walks[] = { G_MAXSIZE, 2 };
  for (size_t w = 0; w < G_N_ELEMENTS(walks); w++) {
    check_each(ds, TRUE, 5, walks[w], G_MAXSIZE);
    check_each(ds, FALSE, 3, walks[w], G_MAXSIZE);
    check_each(ds, TRUE, 4, walks[w], 0);
  }
}
END_TEST

/* A club of 300 organisations (net-16), each in most of 16 larger networks
 * (the other 120 organisations are in all of them, so each has 301 members
 * or more and the club is walked first): an organisation walking the club
 * has 13 later sketch bits, so the bounds of the walk are read from both of
 * its tables (at 10^6, one walk member in five). Halving the second
 * table's bounds makes this test fail (checked). */
static gboolean
wide_holds(unsigned i, unsigned j)
{
  if (j == 16)
    return i < 300;
  return i >= 300 || (i * 7 + j * 13 + i * j) % 10 < 8;
}

START_TEST(synergy_each_bounds_many_later_contexts)
{
  g_autoptr(KbDataset) ds = org_networks(17, 420, wide_holds, FALSE);
  check_each(ds, TRUE, 10, G_MAXSIZE, G_MAXSIZE);
  check_each(ds, TRUE, 3, G_MAXSIZE, G_MAXSIZE);
}
END_TEST

/* 10001 members tie 10001 * 10000 / 2 = 50,005,000 pairs, past 5*10^7
 * (hand-reckoned). */
START_TEST(organisation_network_limit)
{
  g_autoptr(KbDataset) ds = one_club(10001);
  g_autoptr(GError) err = NULL;
  ck_assert(kb_communities_compute(ds, &err) == NULL);
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_LIMIT));
  ck_assert_msg(strstr(err->message, "5e+07 ties, more than 5e+07") != NULL
                && strstr(err->message, "network 'club' alone has 10001 members") != NULL
                && strstr(err->message, "index, brokers and synergy have no such limit") != NULL,
                "%s", err->message);
}
END_TEST

/* The index counts the ties of 50000 members of one network, never listing
 * them: 50000 * 49999 / 2 = 1,249,975,000 ties, all inside sector ngo;
 * density 1 and every degree 49999, so degree centralization 0; 50000
 * organisations are past 2*10^4, so betweenness centralization is left
 * out; the club's entry holds all 50000, one sector, diversity 0, no
 * pairs of different sectors (by hand). */
START_TEST(index_of_a_huge_network)
{
  g_autoptr(KbDataset) ds = one_club(50000);
  g_autoptr(KbIndex) ix = kb_index_compute(ds, KB_INDEX_BY_NETWORK, NULL);
  ck_assert_ptr_nonnull(ix);
  ck_assert_uint_eq(ix->n_orgs, 50000);
  ck_assert_uint_eq(ix->org_ties, 1249975000);
  ck_assert(ix->density == 1.0);
  ck_assert(ix->degree_centralization == 0.0);
  ck_assert(isnan(ix->betweenness_centralization));
  ck_assert_uint_eq(ix->n_sectors, 1);
  ck_assert_uint_eq(ix->mixing[0], 1249975000);
  ck_assert(ix->ei[0] == -1.0);
  ck_assert_uint_eq(ix->n_entries, 1);
  ck_assert_uint_eq(ix->entries[0].n_orgs, 50000);
  ck_assert_uint_eq(ix->entries[0].n_sectors, 1);
  ck_assert(ix->entries[0].diversity == 0.0);
  ck_assert_uint_eq(ix->entries[0].cross_ties + ix->entries[0].open_pairs, 0);
  g_autofree char *note = kb_tables_index_note(ix, KB_LANG_EN);
  ck_assert_ptr_nonnull(note);
  ck_assert(strstr(note, "above 20000 organisations (here 50000)") != NULL);
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

/* ------------------------------------------------ organisation network */

/* Worked out by hand. Organisations a..e are positions 0..4 (the file
 * lists them in another order). Networks n1 {a, b, c} (a's membership given
 * twice counts once; the city k is no organisation) and n2 {b, c}; c
 * partner_of b; a partner_of e, given five times (more relations than
 * organisations), either way round; d funds a; e funds d; a partner_of the
 * network n2 (no tie). Ties and weights: (a,b) 1 and (a,c) 1 (n1); (a,d) 1
 * (funds); (a,e) 5 (the partnership five times); (b,c) 3 (n1, n2,
 * partners); (d,e) 1 (funds). Arcs both ways but for funding, which runs
 * from funder to funded only: d->a, e->d. */
START_TEST(organisation_network_by_hand)
{
  g_autoptr(KbDataset) ds = load_reference("orgnet.json");
  static const KbiTie ties[] = { { 0, 1, 1 }, { 0, 2, 1 }, { 0, 3, 1 }, { 0, 4, 5 },
                                 { 1, 2, 3 }, { 3, 4, 1 } };
  static const size_t arcs[][2] = { { 0, 1 }, { 0, 2 }, { 0, 4 }, { 1, 0 }, { 1, 2 }, { 2, 0 },
                                    { 2, 1 }, { 3, 0 }, { 4, 0 }, { 4, 3 } };
  for (int with_arcs = 0; with_arcs < 2; with_arcs++) {
    KbiOrgNet net;
    ck_assert(with_arcs ? kb_i_orgnet_build(ds, &net, NULL)
                        : kb_i_orgnet_build_ties(ds, &net, NULL));
    ck_assert_uint_eq(net.n, 5);
    for (size_t p = 0; p < net.n; p++) {
      char id[2] = { (char) ('a' + p), 0 };
      ck_assert_str_eq(kb_dataset_node(ds, net.nodes[p])->id, id);
    }
    ck_assert_uint_eq(net.ties->len, G_N_ELEMENTS(ties));
    for (guint i = 0; i < net.ties->len; i++) {
      const KbiTie *t = &g_array_index(net.ties, KbiTie, i);
      ck_assert_msg(t->a == ties[i].a && t->b == ties[i].b && t->weight == ties[i].weight,
                    "tie %u: got (%zu, %zu) %g, want (%zu, %zu) %g", i, t->a, t->b, t->weight,
                    ties[i].a, ties[i].b, ties[i].weight);
    }
    if (with_arcs) {
      ck_assert_uint_eq(net.arcs->len, G_N_ELEMENTS(arcs));
      for (guint i = 0; i < net.arcs->len; i++) {
        const size_t *arc = (const size_t *) net.arcs->data + 2 * i;
        ck_assert_msg(arc[0] == arcs[i][0] && arc[1] == arcs[i][1], "arc %u: got %zu -> %zu", i,
                      arc[0], arc[1]);
      }
    } else {
      ck_assert_ptr_null(net.arcs);
    }
    ck_assert(kb_i_orgnet_directly_tied(&net, net.nodes[0], net.nodes[3]));
    ck_assert(!kb_i_orgnet_directly_tied(&net, net.nodes[0], net.nodes[1]));
    kb_i_orgnet_release(&net);
  }
}
END_TEST

/* ------------------------------------------------------- whole network */

START_TEST(centralization_matches_sna)
{
  static const char *const graphs[] = { "kite", "bridge", "star", "tree" };
  for (size_t g = 0; g < G_N_ELEMENTS(graphs); g++) {
    g_autofree char *edges = g_strdup_printf("%s.csv", graphs[g]);
    g_autofree char *expected = g_strdup_printf("%s.graph.csv", graphs[g]);
    g_autoptr(KbDataset) ds = load_reference(edges);
    g_autoptr(KbIndex) ix = kb_index_compute(ds, KB_INDEX_BY_COUNTRY, NULL);
    Table *t = table_read(expected);
    for (guint r = 0; r < t->rows->len; r++) {
      const char *m = cell(t, r, "measure");
      if (strcmp(m, "density") == 0)
        assert_close(ix->density, num(t, r, "value"), m, graphs[g], "");
      else if (strcmp(m, "degree_centralization_sna") == 0)
        assert_close(ix->degree_centralization, num(t, r, "value"), m, graphs[g], "");
      else if (strcmp(m, "betweenness_centralization_sna") == 0)
        assert_close(ix->betweenness_centralization, num(t, r, "value"), m, graphs[g], "");
    }
    table_free(t);
  }
}
END_TEST

/* The organisation network of twins.json: the cliques of the networks n1
 * {a, b, c, d}, n2 {d, e, f, i} and n3 {e, f, i, j}, g partner_of a and h,
 * h funds e, k alone: 18 ties among 11 organisations, with true twins (b
 * and c; f and i), which the index's betweenness takes together. Degrees
 * 4 3 3 6 5 4 4 3 2 2 0 (a..k, by hand): Freeman's degree centralization
 * 30 / (10 * 9) = 1/3. Betweenness from NetworkX 2.8.8
 * (betweenness_centrality, normalized=False): a 5, d 14, e 25/3, f and i
 * 4/3, g 2, h 3, the rest 0; centralization sum(14 - b) / (10^2 * 9 / 2)
 * = 0.26444444444444448. */
START_TEST(centralization_with_twins)
{
  g_autoptr(KbDataset) ds = load_reference("twins.json");
  g_autoptr(KbIndex) ix = kb_index_compute(ds, KB_INDEX_BY_COUNTRY, NULL);
  ck_assert_ptr_nonnull(ix);
  ck_assert_uint_eq(ix->org_ties, 18);
  assert_close(ix->density, 18.0 / 55.0, "density", "twins", "");
  assert_close(ix->degree_centralization, 1.0 / 3.0, "degree centralization", "twins", "");
  assert_close(ix->betweenness_centralization, 0.26444444444444448, "betweenness centralization",
               "twins", "");
}
END_TEST

/* Generated data, whose networks make many twins, against igraph's own
 * centralization functions on the same organisation network. */
START_TEST(centralization_on_generated_data_matches_igraph)
{
  static const size_t sizes[] = { 300, 1200 };
  for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
    g_autoptr(KbDataset) ds = kb_test_generated(sizes[i], 3);
    g_autoptr(KbIndex) ix = kb_index_compute(ds, KB_INDEX_BY_COUNTRY, NULL);
    ck_assert_ptr_nonnull(ix);
    KbiOrgNet net;
    ck_assert(kb_i_orgnet_build_ties(ds, &net, NULL));
    igraph_t g;
    ck_assert(kb_i_orgnet_to_igraph(&net, &g, NULL, NULL));
    igraph_real_t degree, betweenness;
    ck_assert_int_eq(igraph_centralization_degree(&g, NULL, IGRAPH_ALL, IGRAPH_NO_LOOPS, &degree,
                                                  NULL, TRUE), IGRAPH_SUCCESS);
    ck_assert_int_eq(igraph_centralization_betweenness(&g, NULL, IGRAPH_UNDIRECTED, &betweenness,
                                                       NULL, TRUE), IGRAPH_SUCCESS);
    ck_assert(ix->degree_centralization == degree);
    ck_assert_msg(fabs(ix->betweenness_centralization - betweenness) <= 1e-12 * betweenness,
                  "%zu organisations: %.17g, igraph %.17g", sizes[i], ix->betweenness_centralization,
                  betweenness);
    igraph_destroy(&g);
    kb_i_orgnet_release(&net);
  }
}
END_TEST

/* The index counts the organisation network from its cliques; here it is
 * listed tie by tie (KbiOrgNet) and every figure counted from the list:
 * the ties, the sector mixing, and each entry's tied and open pairs of
 * different sectors, pair by pair. */
START_TEST(index_counts_match_the_listed_network)
{
  static const KbIndexBy bys[] = { KB_INDEX_BY_COUNTRY, KB_INDEX_BY_CITY, KB_INDEX_BY_THEME,
                                   KB_INDEX_BY_NETWORK, KB_INDEX_BY_SECTOR };
  size_t tied_pairs = 0;
  for (guint32 seed = 0; seed <= 2; seed++) {
    /* Deventer, then generated data */
    g_autofree char *deventer = g_build_filename(KB_DATASETS, "deventer", NULL);
    g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
    g_autoptr(KbDataset) ds = seed == 0 ? kb_dataset_load(deventer, KB_FORMAT_AUTO, diags, NULL)
                                        : kb_test_generated(400, seed);
    ck_assert_ptr_nonnull(ds);
    KbiOrgNet net;
    ck_assert(kb_i_orgnet_build_ties(ds, &net, NULL));
    GHashTable *direct = kb_i_direct_ties(ds);
    for (size_t b = 0; b < G_N_ELEMENTS(bys); b++) {
      g_autoptr(KbIndex) ix = kb_index_compute(ds, bys[b], NULL);
      ck_assert_uint_eq(ix->org_ties, net.ties->len);
      size_t k = ix->n_sectors;
      g_autofree size_t *mixing = g_new0(size_t, k * k);
      for (guint i = 0; i < net.ties->len; i++) {
        const KbiTie *t = &g_array_index(net.ties, KbiTie, i);
        size_t sa = kb_dataset_node(ds, net.nodes[t->a])->sector;
        size_t sb = kb_dataset_node(ds, net.nodes[t->b])->sector;
        size_t x = 0, y = 0;
        while (ix->sectors[x] != sa)
          x++;
        while (ix->sectors[y] != sb)
          y++;
        mixing[x * k + y]++;
        if (x != y)
          mixing[y * k + x]++;
      }
      ck_assert(memcmp(mixing, ix->mixing, k * k * sizeof(size_t)) == 0);
      for (size_t e = 0; e < ix->n_entries; e++) {
        const KbIndexEntry *en = &ix->entries[e];
        size_t tied = 0, untied = 0;
        for (size_t x = 0; x < en->n_orgs; x++)
          for (size_t y = x + 1; y < en->n_orgs; y++) {
            size_t sa = kb_dataset_node(ds, en->orgs[x])->sector;
            if (sa != KB_NO_NODE && sa == kb_dataset_node(ds, en->orgs[y])->sector)
              continue;
            if (kb_i_directly_tied(direct, en->orgs[x], en->orgs[y]))
              tied++;
            else
              untied++;
          }
        ck_assert_uint_eq(en->cross_ties, tied);
        ck_assert_uint_eq(en->open_pairs, untied);
        tied_pairs += tied;
      }
    }
    g_hash_table_unref(direct);
    kb_i_orgnet_release(&net);
  }
  ck_assert_uint_gt(tied_pairs, 0);
}
END_TEST

/* ---------------------------------------------------------- cut points */

/* The cut points of 'ix' as "org,place|place" lines, as cuts.py writes them. */
static char *
cuts_text(const KbDataset *ds, const KbIndex *ix)
{
  GString *s = g_string_new("organisation,places\n");
  for (size_t i = 0; i < ix->n_cuts; i++) {
    g_string_append_printf(s, "%s,", kb_dataset_node(ds, ix->cuts[i].org)->id);
    for (size_t j = 0; j < ix->cuts[i].n_places; j++)
      g_string_append_printf(s, "%s%s", j ? "|" : "", kb_dataset_node(ds, ix->cuts[i].places[j])->id);
    g_string_append_c(s, '\n');
  }
  return g_string_free(s, FALSE);
}

/* tests/reference/cuts: one.json and two.json, and what brute force of the
 * definition (cuts.py, Python) gives for them; worked out by hand too. In
 * one, a holds p1 and p2 (the theme t it shares with h does not count);
 * without b, the part with the network n is the largest (6 nodes, more
 * than p1's side, where the search starts): p1, p2 and p3 are cut off; e
 * holds p5 (its country x, shared with p4, does not count); p4 has c and
 * d; leaf has one relation. In two, the main component c1-o1-c2-o2-c3 (5)
 * lies beside o3-c4-o4 (3): without o1, the part c2-o2-c3 ties with the
 * other component at 3 nodes, and the other comes first in node order (o3
 * before c2), so c1, c2 and c3 are all cut off; without o2, c1-o1-c2 ties
 * with it and comes first (c1): c3 alone is cut off. three is two with the
 * other component first in the file: it wins both ties, and each of o1
 * and o2 cuts off c1, c2 and c3. */
START_TEST(cut_points_by_hand)
{
  static const char *const names[] = { "one", "two", "three" };
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    g_autofree char *json = g_strdup_printf("cuts/%s.json", names[i]);
    g_autofree char *expected = g_strdup_printf("%s/cuts/%s.cuts.csv", KB_REFERENCE, names[i]);
    g_autoptr(KbDataset) ds = load_reference(json);
    g_autoptr(KbIndex) ix = kb_index_compute(ds, KB_INDEX_BY_COUNTRY, NULL);
    ck_assert_ptr_nonnull(ix);
    g_autofree char *want = NULL;
    ck_assert(g_file_get_contents(expected, &want, NULL, NULL));
    g_autofree char *got = cuts_text(ds, ix);
    ck_assert_str_eq(got, want);
  }
}
END_TEST

/* The definition by brute force, as the index computed it before it had a
 * depth-first search: the components without node 'skip' (KB_NO_NODE for
 * none), labelled by their first node; returns the label of the largest,
 * the first found among equals. */
static size_t
components_without(size_t n, GArray **adj, size_t skip, size_t *comp)
{
  size_t best = KB_NO_NODE, best_size = 0;
  for (size_t i = 0; i < n; i++)
    comp[i] = KB_NO_NODE;
  GArray *queue = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t s = 0; s < n; s++) {
    if (s == skip || comp[s] != KB_NO_NODE)
      continue;
    g_array_set_size(queue, 0);
    g_array_append_val(queue, s);
    comp[s] = s;
    for (guint h = 0; h < queue->len; h++) {
      size_t v = g_array_index(queue, size_t, h);
      for (guint j = 0; j < adj[v]->len; j++) {
        size_t w = g_array_index(adj[v], size_t, j);
        if (w != skip && comp[w] == KB_NO_NODE) {
          comp[w] = s;
          g_array_append_val(queue, w);
        }
      }
    }
    if (queue->len > best_size) {
      best_size = queue->len;
      best = s;
    }
  }
  g_array_unref(queue);
  return best;
}

static gboolean
place_kind(KbNodeKind k)
{
  return k == KB_NODE_CITY || k == KB_NODE_REGION || k == KB_NODE_COUNTRY;
}

static char *
cuts_brute_force(const KbDataset *ds)
{
  size_t n = kb_dataset_node_count(ds);
  GArray **adj = g_new(GArray *, n);
  for (size_t i = 0; i < n; i++)
    adj[i] = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    KbNodeKind fk = kb_dataset_node(ds, r->from)->kind, tk = kb_dataset_node(ds, r->to)->kind;
    if (fk == KB_NODE_THEME || tk == KB_NODE_THEME || (place_kind(fk) && place_kind(tk)))
      continue;
    g_array_append_val(adj[r->from], r->to);
    g_array_append_val(adj[r->to], r->from);
  }
  size_t *before = g_new(size_t, n), *after = g_new(size_t, n);
  size_t main = components_without(n, adj, KB_NO_NODE, before);
  GArray *orgs = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < n; i++)
    if (kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION && before[i] == main)
      g_array_append_val(orgs, i);
  kb_i_sort_by_id(ds, (size_t *) orgs->data, orgs->len);
  GString *s = g_string_new("organisation,places\n");
  for (guint k = 0; k < orgs->len; k++) {
    size_t o = g_array_index(orgs, size_t, k);
    if (adj[o]->len < 2)
      continue;
    size_t main_after = components_without(n, adj, o, after);
    GArray *lost = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t i = 0; i < n; i++)
      if (i != o && before[i] == main && after[i] != main_after
          && place_kind(kb_dataset_node(ds, i)->kind))
        g_array_append_val(lost, i);
    kb_i_sort_by_id(ds, (size_t *) lost->data, lost->len);
    if (lost->len > 0) {
      g_string_append_printf(s, "%s,", kb_dataset_node(ds, o)->id);
      for (guint j = 0; j < lost->len; j++)
        g_string_append_printf(s, "%s%s", j ? "|" : "",
                               kb_dataset_node(ds, g_array_index(lost, size_t, j))->id);
      g_string_append_c(s, '\n');
    }
    g_array_unref(lost);
  }
  g_array_unref(orgs);
  g_free(before);
  g_free(after);
  for (size_t i = 0; i < n; i++)
    g_array_unref(adj[i]);
  g_free(adj);
  return g_string_free(s, FALSE);
}

/* Generated data of 20 to 400 organisations (many components, cut points
 * of every kind) against the brute force above. */
START_TEST(cut_points_on_generated_data)
{
  static const size_t sizes[] = { 20, 60, 150, 400 };
  size_t with_cuts = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++)
    for (guint32 seed = 1; seed <= 3; seed++) {
      g_autoptr(KbDataset) ds = kb_test_generated(sizes[i], seed);
      g_autoptr(KbIndex) ix = kb_index_compute(ds, KB_INDEX_BY_COUNTRY, NULL);
      ck_assert_ptr_nonnull(ix);
      g_autofree char *got = cuts_text(ds, ix), *want = cuts_brute_force(ds);
      ck_assert_msg(strcmp(got, want) == 0, "%zu organisations, seed %u:\ngot\n%s\nwant\n%s",
                    sizes[i], seed, got, want);
      with_cuts += ix->n_cuts > 0;
    }
  ck_assert_uint_gt(with_cuts, 6);
}
END_TEST

/* --------------------------------------------------------- communities */

START_TEST(an_edge_list_header_u_v_is_no_edge)
{
  /* Zachary's karate club as NetworkX 2.8.8 gives it (karate_club_graph(),
   * 34 nodes, 78 edges), written as "u,v" and then the edges. Read with
   * the header as an edge between 'u' and 'v', Leiden found 5 communities
   * and modularity 0.431; read right, the 34 members. NetworkX's
   * community.modularity() of the graph (unweighted) for the partition
   * found here is 0.41978961209730437. */
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "communities-karate-header",
                                           "karate.csv", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  ck_assert_uint_eq(kb_dataset_node_count(ds), 34);
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 78);
  ck_assert(kb_dataset_find(ds, "u") == KB_NO_NODE);
  g_autoptr(KbCommunities) c = kb_communities_compute(ds, NULL);
  ck_assert_uint_eq(c->n, 4);
  static const size_t sizes[] = { 12, 11, 6, 5 };
  for (size_t k = 0; k < 4; k++)
    ck_assert_uint_eq(c->communities[k].n_members, sizes[k]);
  assert_close(c->modularity, 0.41978961209730437, "modularity", "karate", "");
}
END_TEST

START_TEST(leiden_finds_the_two_cliques)
{
  /* bridge: two 5-cliques joined by one edge, a pendant on the second;
   * NetworkX gives modularity 0.453512396694 for that split */
  g_autoptr(KbDataset) ds = load_reference("bridge.csv");
  g_autoptr(KbCommunities) c = kb_communities_compute(ds, NULL);
  ck_assert_uint_eq(c->n, 2);
  ck_assert_uint_eq(c->communities[0].n_members, 6);
  ck_assert_str_eq(kb_dataset_node(ds, c->communities[0].members[0])->id, "f");
  ck_assert_uint_eq(c->communities[1].n_members, 5);
  ck_assert_str_eq(kb_dataset_node(ds, c->communities[1].members[0])->id, "a");
  assert_close(c->modularity, 0.453512396694, "modularity", "bridge", "");
  /* the same data, the same answer */
  for (int i = 0; i < 5; i++) {
    g_autoptr(KbCommunities) again = kb_communities_compute(ds, NULL);
    ck_assert_uint_eq(again->n, c->n);
    for (size_t k = 0; k < c->n; k++)
      for (size_t m = 0; m < c->communities[k].n_members; m++)
        ck_assert_uint_eq(again->communities[k].members[m], c->communities[k].members[m]);
  }
}
END_TEST

/* -------------------------------------------------------------- bridges */

/* A small city, worked out by hand for the bridges tests. Home is 'home'
 * (in nl); the target is the country 'far', with the city 'farcity' in it.
 *
 *   shop (biz), the start              located in home
 *   peer (biz)       active in far since 2015                 located in home
 *   gemeente (gov)   active in far; in farcity 2011-2021; partner of shop; funds charity
 *   school (edu)     partner of gemeente                      located in home
 *   charity (ngo)    active in far; member of platform        located in home
 *   club (ngo)       partner of charity; member of platform   located in home
 *   agency (edu)     partner of farpartner                    located in home
 *   museum (edu)     member of hanze                          located in home
 *   farpartner (biz) located in farcity: abroad, a contact there
 *   consultant (edu) active in far                            located in elsewhere (nl)
 *   platform         network: charity and club its members
 *   hanze            network, active in far (a network's active_in)
 *   guild            network: museum its member
 *
 * Line numbers of relations.csv are the rows of rels[] plus 2; the
 * relation indices below are rows of rels[]. */
static KbDataset *
bridges_town(void)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("town", diags);
  static const char *const nodes[][3] = {
    { "biz", "sector", "" }, { "edu", "sector", "" }, { "gov", "sector", "" },
    { "ngo", "sector", "" }, { "nl", "country", "" }, { "far", "country", "" },
    { "home", "city", "" }, { "farcity", "city", "" }, { "elsewhere", "city", "" },
    { "shop", "organisation", "biz" }, { "peer", "organisation", "biz" },
    { "gemeente", "organisation", "gov" }, { "school", "organisation", "edu" },
    { "charity", "organisation", "ngo" }, { "club", "organisation", "ngo" },
    { "agency", "organisation", "edu" }, { "museum", "organisation", "edu" },
    { "farpartner", "organisation", "biz" }, { "consultant", "organisation", "edu" },
    { "platform", "network", "" }, { "hanze", "network", "" }, { "guild", "network", "" },
  };
  static const char *const node_names[] = { "id", "kind", "sector" };
  kb_test_add_rows(b, KB_TABLE_NODES, "nodes.csv", node_names, 3, &nodes[0][0],
                   G_N_ELEMENTS(nodes));
  static const char *const rels[][5] = {
    /* from, to, kind, since, until */
    { "home", "nl", "located_in", "", "" },                 /*  0 */
    { "farcity", "far", "located_in", "", "" },             /*  1 */
    { "elsewhere", "nl", "located_in", "", "" },            /*  2 */
    { "shop", "home", "located_in", "", "" },               /*  3 */
    { "peer", "home", "located_in", "", "" },               /*  4 */
    { "gemeente", "home", "located_in", "", "" },           /*  5 */
    { "school", "home", "located_in", "", "" },             /*  6 */
    { "charity", "home", "located_in", "", "" },            /*  7 */
    { "club", "home", "located_in", "", "" },               /*  8 */
    { "agency", "home", "located_in", "", "" },             /*  9 */
    { "farpartner", "farcity", "located_in", "", "" },      /* 10 */
    { "consultant", "elsewhere", "located_in", "", "" },    /* 11 */
    { "peer", "far", "active_in", "2015", "" },             /* 12 */
    { "gemeente", "farcity", "active_in", "2011", "2021" }, /* 13 */
    { "gemeente", "shop", "partner_of", "", "" },           /* 14 */
    { "school", "gemeente", "partner_of", "", "" },         /* 15 */
    { "gemeente", "charity", "funds", "", "" },             /* 16 */
    { "charity", "far", "active_in", "", "" },              /* 17 */
    { "club", "charity", "partner_of", "", "" },            /* 18 */
    { "charity", "platform", "member_of", "", "" },         /* 19 */
    { "agency", "farpartner", "partner_of", "", "" },       /* 20 */
    { "consultant", "far", "active_in", "", "" },           /* 21 */
    { "hanze", "far", "active_in", "", "" },                /* 22 */
    { "museum", "hanze", "member_of", "", "" },             /* 23 */
    { "museum", "home", "located_in", "", "" },             /* 24 */
    { "gemeente", "far", "active_in", "", "" },             /* 25 */
    { "museum", "guild", "member_of", "", "" },             /* 26 */
    { "club", "platform", "member_of", "", "" },            /* 27 */
  };
  static const char *const rel_names[] = { "from", "to", "kind", "since", "until" };
  kb_test_add_rows(b, KB_TABLE_RELATIONS, "relations.csv", rel_names, 5, &rels[0][0],
                   G_N_ELEMENTS(rels));
  static const char *const meta[][2] = { { "home", "home" }, { "year", "2021" } };
  static const char *const meta_names[] = { "key", "value" };
  kb_test_add_rows(b, KB_TABLE_META, "dataset.csv", meta_names, 2, &meta[0][0],
                   G_N_ELEMENTS(meta));
  g_autoptr(KbDataset) all = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  /* the view of 2021, as the tool gives the analyses: every relation holds */
  KbYearView view;
  kb_year_view_init(&view, all);
  KbDataset *ds = kb_dataset_view(all, &view, NULL);
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 28);
  return ds;
}

/* The introducers' ids, scores, reaches and closenesses, as one text:
 * "peer 35 3 5, gemeente 34 3 4, ..." */
static char *
introducers_text(const KbDataset *ds, const KbBridges *br)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < br->n_introducers; i++) {
    const KbIntroducer *in = &br->introducers[i];
    g_string_append_printf(s, "%s%s %d %d %d", i ? ", " : "", kb_dataset_node(ds, in->node)->id,
                           in->score, in->reach, in->closeness);
  }
  return g_string_free(s, FALSE);
}

static const KbIntroducer *
introducer(const KbDataset *ds, const KbBridges *br, const char *id)
{
  for (size_t i = 0; i < br->n_introducers; i++)
    if (strcmp(kb_dataset_node(ds, br->introducers[i].node)->id, id) == 0)
      return &br->introducers[i];
  return NULL;
}

START_TEST(bridges_name_real_introducers)
{
  g_autoptr(KbDataset) ds = bridges_town();
  size_t shop = kb_dataset_find(ds, "shop"), far = kb_dataset_find(ds, "far");
  g_autoptr(GError) err = NULL;
  g_autoptr(KbBridges) br = kb_bridges_compute(ds, shop, far, 2021, &err);
  ck_assert_ptr_nonnull(br);
  /* score = 10 reach + closeness, by hand:
   *   peer       there (12), biz as the start: peer        30 + 5 = 35
   *   gemeente   there (25, 13), partner of shop (14)        30 + 4 = 34
   *   charity    there (17), funded by gemeente: two steps   30 + 3 = 33
   *   hanze      there (22: a network's active_in); its member museum is
   *              at home, no tie to shop within two steps     30 + 2 = 32
   *   consultant there (21), located only elsewhere, no tie   30 + 1 = 31
   *   museum     member of hanze, which is there; further     20 + 2 = 22
   *   platform   its member charity is there (19): a platform; three
   *              steps (shop - gemeente - charity - platform) 20 + 2 = 22
   *   agency     a first step to farpartner (20), who is there and whom
   *              shop does not reach in one step; further     10 + 2 = 12
   *   club       a first step to charity (18), two steps from shop but
   *              not one; itself three steps away             10 + 2 = 12
   *   guild      no platform: its member museum is there through hanze,
   *              not itself; a first step to museum (26); further 10 + 2 = 12
   * Not introducers: school, whose one tie to one who is there is
   * gemeente, whom shop reaches itself in one step (a detour through the
   * municipality); farpartner, a contact; shop, the start. Equal scores go
   * by id. */
  g_autofree char *text = introducers_text(ds, br);
  ck_assert_str_eq(text, "peer 35 3 5, gemeente 34 3 4, charity 33 3 3, hanze 32 3 2, "
                         "consultant 31 3 1, museum 22 2 2, platform 22 2 2, agency 12 1 2, "
                         "club 12 1 2, guild 12 1 2");
  ck_assert_ptr_null(introducer(ds, br, "school"));

  /* the facts: gemeente is in far itself (25) and in farcity (13), the
   * target first; it is tied to the start by 14 */
  const KbIntroducer *g = introducer(ds, br, "gemeente");
  ck_assert_uint_eq(g->why.n, 2);
  ck_assert(!g->why.more);
  ck_assert_uint_eq(g->why.facts[0].relation, 25);
  ck_assert_uint_eq(g->why.facts[0].node, far);
  ck_assert_uint_eq(g->why.facts[1].relation, 13);
  ck_assert_uint_eq(g->near, shop);
  ck_assert_int_eq(g->near_tie.kind, KB_FACT_TIE);
  ck_assert_uint_eq(g->near_tie.relation, 14);
  const KbIntroducer *c = introducer(ds, br, "charity");
  ck_assert_uint_eq(c->near, kb_dataset_find(ds, "gemeente"));
  const KbIntroducer *p = introducer(ds, br, "platform");
  ck_assert_uint_eq(p->why.n, 1);
  ck_assert_int_eq(p->why.facts[0].kind, KB_FACT_MEMBER);
  ck_assert_uint_eq(p->why.facts[0].node, kb_dataset_find(ds, "charity"));
  ck_assert_uint_eq(p->why.facts[0].through, 17);
  const KbIntroducer *m = introducer(ds, br, "museum");
  ck_assert_int_eq(m->why.facts[0].kind, KB_FACT_NETWORK);
  ck_assert_uint_eq(m->why.facts[0].node, kb_dataset_find(ds, "hanze"));
  ck_assert_uint_eq(m->why.facts[0].relation, 23);
  ck_assert_uint_eq(m->why.facts[0].through, 22);
  /* club is charity's partner (18) and its fellow in platform (27): one
   * fact for charity, the relation; nothing for platform, there only by
   * charity */
  const KbIntroducer *cl = introducer(ds, br, "club");
  ck_assert_uint_eq(cl->why.n, 1);
  ck_assert(!cl->why.more);
  ck_assert_int_eq(cl->why.facts[0].kind, KB_FACT_TIE);
  ck_assert_uint_eq(cl->why.facts[0].node, kb_dataset_find(ds, "charity"));
  ck_assert_uint_eq(cl->why.facts[0].relation, 18);

  /* farpartner, located only abroad and at the target, is the contact
   * there, tied at home to agency (20) */
  ck_assert_uint_eq(br->n_contacts, 1);
  ck_assert_str_eq(kb_dataset_node(ds, br->contacts[0].node)->id, "farpartner");
  ck_assert_uint_eq(br->contacts[0].there.facts[0].relation, 10);
  ck_assert_uint_eq(br->contacts[0].home.n, 1);
  ck_assert_uint_eq(br->contacts[0].home.facts[0].node, kb_dataset_find(ds, "agency"));
  ck_assert_int_eq(br->start_reach, KB_REACH_NONE);

  /* the sector as the start: shop is its one organisation not there (peer
   * is there, farpartner abroad), so the same introducers */
  g_autoptr(KbBridges) bs = kb_bridges_compute(ds, kb_dataset_find(ds, "biz"), far, 2021, NULL);
  g_autofree char *sector_text = introducers_text(ds, bs);
  ck_assert_str_eq(sector_text, text);

  /* an organisation target: those tied to charity directly are there
   * (gemeente funds it, club is its partner, platform has it as a member);
   * gemeente is tied to shop, club and platform are not within two steps */
  size_t charity = kb_dataset_find(ds, "charity");
  g_autoptr(KbBridges) bo = kb_bridges_compute(ds, shop, charity, 2021, NULL);
  g_autofree char *org_text = introducers_text(ds, bo);
  ck_assert_str_eq(org_text, "gemeente 34 3 4, club 32 3 2, platform 32 3 2");
  ck_assert_uint_eq(bo->n_contacts, 0);

  /* the start already there: peer is in far (12) */
  g_autoptr(KbBridges) bp = kb_bridges_compute(ds, kb_dataset_find(ds, "peer"), far, 2021, NULL);
  ck_assert_int_eq(bp->start_reach, KB_REACH_THERE);
  ck_assert_uint_eq(bp->start_why.facts[0].relation, 12);
  ck_assert_ptr_null(introducer(ds, bp, "peer"));

  ck_assert_ptr_null(kb_bridges_compute(ds, shop, kb_dataset_find(ds, "biz"), 2021, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
}
END_TEST

START_TEST(bridges_for_a_newcomer)
{
  g_autoptr(KbDataset) ds = bridges_town();
  size_t edu = kb_dataset_find(ds, "edu"), far = kb_dataset_find(ds, "far");
  g_autoptr(KbBridges) br = kb_bridges_newcomer(ds, edu, KB_NO_NODE, far, 2021, NULL);
  ck_assert_ptr_nonnull(br);
  ck_assert_uint_eq(br->place, kb_dataset_find(ds, "home"));
  /* A newcomer of edu in home, by hand: one step from everyone located in
   * home, two from the home's networks (platform: charity; hanze: museum).
   *   charity, gemeente, peer  there, in its place        30 + 4 = 34
   *   hanze       there, a network of the home            30 + 3 = 33
   *   consultant  there, located elsewhere                30 + 1 = 31
   *   museum      through hanze; edu, its sector: a peer  20 + 5 = 25
   *   platform    a platform (charity), a home network    20 + 3 = 23
   *   agency      a first step to farpartner, whom the newcomer does not
   *               reach itself; in its place              10 + 4 = 14
   * club is no introducer: charity, to whom it is tied, is in the
   * newcomer's place, which it reaches itself; school and guild (museum)
   * likewise. */
  g_autofree char *text = introducers_text(ds, br);
  ck_assert_str_eq(text, "charity 34 3 4, gemeente 34 3 4, peer 34 3 4, hanze 33 3 3, "
                         "consultant 31 3 1, museum 25 2 5, platform 23 2 3, agency 14 1 4");
  const KbIntroducer *g = introducer(ds, br, "gemeente");
  ck_assert_int_eq(g->near_tie.kind, KB_FACT_RELATION);
  ck_assert_uint_eq(g->near_tie.relation, 5);

  g_autoptr(GError) err = NULL;
  ck_assert_ptr_null(kb_bridges_newcomer(ds, edu, kb_dataset_find(ds, "farcity"), far, 2021,
                                         &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
  g_clear_error(&err);
  ck_assert_ptr_null(kb_bridges_newcomer(ds, kb_dataset_find(ds, "shop"), KB_NO_NODE, far, 2021,
                                         &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
}
END_TEST

/* A network's active_in says where the network works, not where its
 * members are: hanze is active in far, its member museum is not. */
START_TEST(a_network_active_somewhere_is_no_place_of_its_members)
{
  g_autoptr(KbDataset) ds = bridges_town();
  g_autoptr(KbIndex) ix = kb_index_entries(ds, KB_INDEX_BY_COUNTRY);
  size_t far = kb_dataset_find(ds, "far"), museum = kb_dataset_find(ds, "museum");
  gboolean found = FALSE;
  for (size_t i = 0; i < ix->n_entries; i++) {
    const KbIndexEntry *e = &ix->entries[i];
    if (e->node != far)
      continue;
    found = TRUE;
    /* peer, gemeente, charity at home; consultant and farpartner away */
    ck_assert_uint_eq(e->n_orgs, 3);
    ck_assert_uint_eq(e->n_partners, 2);
    for (size_t j = 0; j < e->n_orgs; j++)
      ck_assert_uint_ne(e->orgs[j], museum);
  }
  ck_assert(found);
}
END_TEST

/* ---------------------------------------------------------- candidates */

/* tests/cli/candidates-small, worked out by hand: home organisations A (edu)
 * and B (biz); one partnership carried (the twinning with W), so a new
 * partner costs 1/6. X: fit 1/2 (its own theme t2), support 0.7*2/2 +
 * 0.3*2/2 = 1, unreachable; Y: support 0.7*1/2 + 0.3*1/2 = 0.5, two ties
 * away through the Hanze; W: twinned, proximity 1, no penalty; Z: nothing. */
static KbDataset *
load_small(void)
{
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "candidates-small/data", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbDataset *ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  return ds;
}

static void
assert_candidate(const KbDataset *ds, const KbCandidates *cs, size_t rank, const char *id,
                 double score, size_t rmin, size_t rmax)
{
  const KbCandidate *c = &cs->candidates[rank - 1];
  ck_assert_str_eq(c->id, id);
  ck_assert_uint_eq(c->rank, rank);
  assert_close(c->score, score, "score", "candidates-small", id);
  ck_assert_uint_eq(c->rank_min, rmin);
  ck_assert_uint_eq(c->rank_max, rmax);
  (void) ds;
}

START_TEST(candidates_rank_by_hand)
{
  g_autoptr(KbDataset) ds = load_small();
  KbCandidateOptions o;
  kb_candidate_options_init(&o);
  o.for_node = kb_dataset_home(ds);
  o.sensitivity = TRUE;
  g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
  ck_assert_uint_eq(cs->n, 4);
  ck_assert_uint_eq(cs->load, 1);
  /* with support at half weight W (0.2) passes Y (0.1583); with network at
   * 1.5 times, W (0.3) passes Y (0.2833) */
  assert_candidate(ds, cs, 1, "x", 0.4 * 0.5 + 0.3 * 1.0 - 0.1 / 6, 1, 1);
  assert_candidate(ds, cs, 2, "y", 0.3 * 0.5 + 0.2 * 0.5 - 0.1 / 6, 2, 3);
  assert_candidate(ds, cs, 3, "w", 0.2, 2, 3);
  assert_candidate(ds, cs, 4, "z", -0.1 / 6, 4, 4);
  ck_assert(cs->candidates[3].no_data);
  ck_assert(cs->candidates[2].existing);
  ck_assert_uint_eq(cs->candidates[1].n_networks, 1);
  ck_assert_uint_eq(cs->candidates[1].hops, 2);
}
END_TEST

START_TEST(candidates_ties_and_zero_weights)
{
  g_autoptr(KbDataset) ds = load_small();
  KbCandidateOptions o;
  kb_candidate_options_init(&o);
  o.for_node = kb_dataset_home(ds);
  for (int w = 0; w < KB_WEIGHT_COUNT; w++)
    o.weights[w] = 0;
  g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
  /* every score 0: the ids decide */
  static const char *const order[] = { "w", "x", "y", "z" };
  for (size_t i = 0; i < 4; i++) {
    ck_assert_str_eq(cs->candidates[i].id, order[i]);
    ck_assert(cs->candidates[i].score == 0);
  }
  o.weights[KB_WEIGHT_FIT] = -1;
  g_autoptr(GError) err = NULL;
  ck_assert_ptr_null(kb_candidates_compute(ds, &o, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
}
END_TEST

START_TEST(candidates_from_requests)
{
  g_autoptr(KbDataset) ds = load_small();
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "candidates-small/requests.csv", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbRequests) req = kb_requests_load(path, ds, diags);
  ck_assert_ptr_nonnull(req);
  ck_assert_uint_eq(req->n, 2);
  KbCandidateOptions o;
  kb_candidate_options_init(&o);
  o.for_node = kb_dataset_home(ds);
  o.requests = req;
  g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
  ck_assert_uint_eq(cs->n, 5);
  /* Q, outside the data, covers both themes: 0.4 - 1/60; Z gains t1 */
  assert_candidate(ds, cs, 2, "q", 0.4 - 0.1 / 6, 2, 2);
  ck_assert_uint_eq(cs->candidates[1].node, KB_NO_NODE);
  assert_candidate(ds, cs, 5, "z", 0.4 * 0.5 - 0.1 / 6, 5, 5);
  ck_assert(!cs->candidates[4].no_data);
}
END_TEST

/* ----------------------------------------------------------------- diff */

START_TEST(diff_between_years)
{
  /* check-ok: the twinning 2009-2020, Saxion in Sibiu from 2015, MKB
   * Deventer in Sibiu and the partnership from 2019 */
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "check-ok/data", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  g_autoptr(KbDiff) d = kb_diff_compute(ds, 2014, 2021, NULL);
  ck_assert_uint_eq(d->n_begun, 3);
  ck_assert_int_eq(kb_dataset_relation(ds, d->begun[0])->since, 2015);
  ck_assert_int_eq(kb_dataset_relation(ds, d->begun[1])->since, 2019);
  ck_assert_uint_eq(d->n_ended, 1);
  ck_assert_int_eq(kb_dataset_relation(ds, d->ended[0])->kind, KB_REL_TWINNED_WITH);
  /* Sibiu, Transylvania and Romania gain organisations */
  ck_assert_uint_eq(d->n_places_gained, 3);
  ck_assert_str_eq(kb_dataset_node(ds, d->places_gained[0])->id, "romania");
  ck_assert_uint_eq(d->n_places_lost, 0);
  /* its tables say when betweenness was estimated, and only then */
  for (int sampled = 0; sampled < 2; sampled++) {
    d->brokers_to->sampled = sampled;
    d->brokers_to->sources = sampled ? 2 : d->brokers_to->n;
    d->brokers_to->bound = sampled ? 0.25 : 0;
    g_autoptr(KbDoc) doc = kb_doc_new("diff");
    kb_tables_diff(doc, ds, d, 5, KB_LANG_EN);
    g_autofree char *md = kb_doc_render(doc, KB_OUTPUT_JSON);
    g_autofree char *want = g_strdup_printf(
      "2014: Betweenness is exact: every organisation is a source. 2021: Betweenness is "
      "estimated from 2 of the %zu organisations as sources, drawn from a fixed seed: with "
      "probability 0.95 every value lies within 0.25 of the exact one. Closeness is left out: "
      "it needs every organisation as a source.", d->brokers_to->n);
    ck_assert_msg((strstr(md, want) != NULL) == sampled, "%s", md);
    ck_assert_msg((strstr(md, "Betweenness is") != NULL) == sampled, "%s", md);
  }
  /* no change between two years after the last one */
  g_autoptr(KbDiff) same = kb_diff_compute(ds, 2022, 2023, NULL);
  ck_assert_uint_eq(same->n_begun + same->n_ended + same->n_places_gained + same->n_places_lost
                    + same->n_themes_gained + same->n_themes_lost, 0);
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

/* The best K pairs are the first K of the whole list, in the same order
 * (they are now kept in a heap, no longer cut from a sort of all pairs). */
START_TEST(synergy_top_is_the_head_of_all)
{
  g_autoptr(KbDataset) ds = kb_test_generated(300, 3);
  KbSynergyOptions o;
  kb_synergy_options_init(&o);
  o.top = 0;
  g_autoptr(KbSynergy) all = kb_synergy_compute(ds, &o, NULL);
  static const size_t tops[] = { 1, 17, 1000 };
  for (size_t t = 0; t < G_N_ELEMENTS(tops); t++) {
    o.top = tops[t];
    g_autoptr(KbSynergy) best = kb_synergy_compute(ds, &o, NULL);
    ck_assert_uint_eq(best->n_pairs, MIN(tops[t], all->n_pairs));
    for (size_t i = 0; i < best->n_pairs; i++)
      ck_assert(best->pairs[i].a == all->pairs[i].a && best->pairs[i].b == all->pairs[i].b
                && best->pairs[i].score == all->pairs[i].score);
  }
  ck_assert_uint_gt(all->n_pairs, 1000);
}
END_TEST

/* One organisation's pairs are those of the whole list that hold it, in
 * the same order with the same scores, found from its own contexts alone. */
START_TEST(synergy_org_is_its_part_of_all)
{
  g_autoptr(KbDataset) ds = kb_test_generated(300, 3);
  KbSynergyOptions o;
  kb_synergy_options_init(&o);
  o.same_sector = TRUE;
  g_autoptr(KbSynergy) all = kb_synergy_compute(ds, &o, NULL);
  size_t orgs = 0;
  for (size_t u = 0; u < kb_dataset_node_count(ds); u += 37) {
    if (kb_dataset_node(ds, u)->kind != KB_NODE_ORGANISATION)
      continue;
    orgs++;
    o.org = u;
    o.top = 0;
    g_autoptr(KbSynergy) mine = kb_synergy_compute(ds, &o, NULL);
    o.top = 4;
    g_autoptr(KbSynergy) best = kb_synergy_compute(ds, &o, NULL);
    size_t j = 0;
    for (size_t i = 0; i < all->n_pairs; i++) {
      const KbSynergyPair *p = &all->pairs[i];
      if (p->a != u && p->b != u)
        continue;
      ck_assert_uint_lt(j, mine->n_pairs);
      ck_assert(mine->pairs[j].a == p->a && mine->pairs[j].b == p->b
                && mine->pairs[j].score == p->score && mine->pairs[j].n_reasons == p->n_reasons);
      if (j < 4)
        ck_assert(best->pairs[j].a == p->a && best->pairs[j].b == p->b
                  && best->pairs[j].score == p->score);
      j++;
    }
    ck_assert_uint_eq(j, mine->n_pairs);
    ck_assert_uint_eq(best->n_pairs, MIN(4, j));
    ck_assert(!mine->gave_up && !best->gave_up);
  }
  ck_assert_uint_gt(orgs, 3);
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

/* ------------------------------------------------------ home and abroad */

/* Deventer with five of its own organisations a..e in one umbrella network
 * u, a partner_of the business organisation f in Rostock, and a and f
 * active in Rostock; e also active in Riga, where nobody else is. Worked out
 * by hand:
 * - the index by city: Rostock holds one of the city's own (a) and one
 *   partner (f); Riga one own (e) and no partner: both are gaps;
 * - the single points of failure are home organisations only: a cuts
 *   Rostock off (with f, which only a ties to the rest), e cuts Riga off; f,
 *   abroad, is none, though without it nothing else would reach Rostock;
 * - the organisation network: 6 organisations, u makes the 10 ties among
 *   a..e, plus a-f: 11 ties, density 2*11/(6*5) = 0.7333...; without u one
 *   tie, density 2/30; degree centralization (Freeman, (n-1)(n-2) = 20 in
 *   the denominator) with u: degrees 5,4,4,4,4,1: (0+1+1+1+1+4)/20 = 0.4;
 *   without: degrees 1,0,0,0,0,1: (0+1+1+1+1+0)/20 = 0.2; betweenness
 *   without u is 0 everywhere: centralization 0. */
START_TEST(index_counts_the_home_and_names_the_umbrella)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = new_builder("home", diags);
  static const char *const nodes[][4] = {
    { "business", "sector", "Business", "" }, { "deventer", "city", "Deventer", "" },
    { "rostock", "city", "Rostock", "" }, { "riga", "city", "Riga", "" },
    { "u", "network", "Umbrella", "" }, { "a", "organisation", "A", "business" },
    { "b", "organisation", "B", "business" }, { "c", "organisation", "C", "business" },
    { "d", "organisation", "D", "business" }, { "e", "organisation", "E", "business" },
    { "f", "organisation", "F", "business" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(nodes); i++)
    add(b, KB_TABLE_NODES, node_cols, nodes[i], 4, 2 + (unsigned) i);
  static const char *const rels[][3] = {
    { "a", "deventer", "located_in" }, { "b", "deventer", "located_in" },
    { "c", "deventer", "located_in" }, { "d", "deventer", "located_in" },
    { "e", "deventer", "located_in" }, { "f", "rostock", "located_in" },
    { "a", "u", "member_of" }, { "b", "u", "member_of" }, { "c", "u", "member_of" },
    { "d", "u", "member_of" }, { "e", "u", "member_of" }, { "a", "f", "partner_of" },
    { "a", "rostock", "active_in" }, { "f", "rostock", "active_in" },
    { "e", "riga", "active_in" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rels); i++)
    add(b, KB_TABLE_RELATIONS, rel_cols, rels[i], 3, 2 + (unsigned) i);
  KbCell home[] = { { "key", "home", 2, 1 }, { "value", "deventer", 2, 6 } };
  KbRow home_row = { "dataset.csv", 2, home, 2 };
  kb_builder_add_row(b, KB_TABLE_META, &home_row);
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);

  g_autofree guint8 *loc = kb_dataset_localities(ds);
  ck_assert_int_eq(loc[kb_dataset_find(ds, "a")], KB_LOCALITY_HOME);
  ck_assert_int_eq(loc[kb_dataset_find(ds, "f")], KB_LOCALITY_AWAY);
  ck_assert_int_eq(loc[kb_dataset_find(ds, "deventer")], KB_LOCALITY_UNKNOWN);

  g_autoptr(KbIndex) ix = kb_index_compute(ds, KB_INDEX_BY_CITY, NULL);
  ck_assert_ptr_nonnull(ix);
  ck_assert_uint_eq(ix->n_orgs, 6);
  ck_assert_uint_eq(ix->n_home_orgs, 5);
  const KbIndexEntry *rostock = NULL, *riga = NULL;
  for (size_t i = 0; i < ix->n_entries; i++) {
    if (ix->entries[i].node == kb_dataset_find(ds, "rostock"))
      rostock = &ix->entries[i];
    if (ix->entries[i].node == kb_dataset_find(ds, "riga"))
      riga = &ix->entries[i];
  }
  ck_assert_ptr_nonnull(rostock);
  ck_assert_ptr_nonnull(riga);
  ck_assert_uint_eq(rostock->n_orgs, 1);
  ck_assert_uint_eq(rostock->orgs[0], kb_dataset_find(ds, "a"));
  ck_assert_uint_eq(rostock->n_partners, 1);
  ck_assert_uint_eq(rostock->partners[0], kb_dataset_find(ds, "f"));
  ck_assert_uint_eq(riga->n_orgs, 1);
  ck_assert_uint_eq(riga->n_partners, 0);
  ck_assert_uint_eq(ix->n_cuts, 2);
  ck_assert_uint_eq(ix->cuts[0].org, kb_dataset_find(ds, "a"));
  ck_assert_uint_eq(ix->cuts[0].n_places, 1);
  ck_assert_uint_eq(ix->cuts[0].places[0], kb_dataset_find(ds, "rostock"));
  ck_assert_uint_eq(ix->cuts[1].org, kb_dataset_find(ds, "e"));
  ck_assert_uint_eq(ix->cuts[1].n_places, 1);
  ck_assert_uint_eq(ix->cuts[1].places[0], kb_dataset_find(ds, "riga"));

  ck_assert_uint_eq(ix->org_ties, 11);
  assert_close(ix->density, 22.0 / 30.0, "density", "home", "");
  assert_close(ix->degree_centralization, 0.4, "degree centralization", "home", "");
  ck_assert_uint_eq(ix->umbrella, kb_dataset_find(ds, "u"));
  ck_assert_uint_eq(ix->umbrella_members, 5);
  ck_assert_uint_eq(ix->ties_without, 1);
  assert_close(ix->density_without, 2.0 / 30.0, "density without", "home", "");
  assert_close(ix->degree_centralization_without, 0.2, "degree without", "home", "");
  assert_close(ix->betweenness_centralization_without, 0.0, "betweenness without", "home", "");
}
END_TEST

static Suite *
analysis_suite(void)
{
  Suite *s = suite_create("analysis");
  TCase *tc = tcase_create("analysis");
  tcase_add_test(tc, centralities_match_networkx);
  tcase_add_test(tc, brokerage_roles_match_sna);
  tcase_add_test(tc, cliques_match_networkx);
  tcase_add_test(tc, cliques_hold_the_organisation_network);
  tcase_add_test(tc, brokers_the_same_on_any_thread_count);
  tcase_add_test(tc, sample_sources_are_fixed);
  tcase_add_test(tc, sampled_betweenness);
  tcase_add_test(tc, synergy_on_organisations_is_adamic_adar);
  tcase_add_test(tc, synergy_reasons_and_filters);
  tcase_add_test(tc, synergy_each_is_a_top_k_of_all_pairs);
  tcase_add_test(tc, synergy_each_stops_when_asked);
  tcase_add_test(tc, synergy_each_walks_hubs_past_the_enumerated);
  tcase_add_test(tc, synergy_each_bounds_many_later_contexts);
  tcase_add_test(tc, synergy_org_is_its_part_of_all);
  tcase_add_test(tc, index_counts_match_the_listed_network);
  tcase_add_test(tc, index_of_a_huge_network);
  tcase_add_test(tc, organisation_network_limit);
  tcase_add_test(tc, brokers_leave_out_local_measures);
  tcase_add_test(tc, synergy_top_is_the_head_of_all);
  tcase_add_test(tc, organisation_network_by_hand);
  tcase_add_test(tc, centralization_matches_sna);
  tcase_add_test(tc, centralization_with_twins);
  tcase_add_test(tc, centralization_on_generated_data_matches_igraph);
  tcase_add_test(tc, cut_points_by_hand);
  tcase_add_test(tc, cut_points_on_generated_data);
  tcase_add_test(tc, leiden_finds_the_two_cliques);
  tcase_add_test(tc, an_edge_list_header_u_v_is_no_edge);
  tcase_add_test(tc, index_counts_the_home_and_names_the_umbrella);
  tcase_add_test(tc, bridges_name_real_introducers);
  tcase_add_test(tc, bridges_for_a_newcomer);
  tcase_add_test(tc, a_network_active_somewhere_is_no_place_of_its_members);
  tcase_add_test(tc, candidates_rank_by_hand);
  tcase_add_test(tc, candidates_ties_and_zero_weights);
  tcase_add_test(tc, candidates_from_requests);
  tcase_add_test(tc, diff_between_years);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(analysis_suite)
