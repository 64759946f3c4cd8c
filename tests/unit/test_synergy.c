/* test_synergy.c -- synergy held to independent implementations: the
 * pairs of organisations against NetworkX's Adamic-Adar index, their
 * reasons and filters, the best pairs and one organisation's pairs as parts
 * of the whole list, and synergy --each as the top K of every
 * organisation's pairs.
 *
 * Expected values come from tests/reference/, computed by NetworkX 2.8.8,
 * R sna 2.7.1 and R igraph 1.3.5 (see tests/reference/README.md and the
 * scripts there); nothing in those files is computed by klaverblad. */
#include "kb_test.h"
#include "kb_analysis_test.h"

#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

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

static Suite *
synergy_suite(void)
{
  Suite *s = suite_create("synergy");
  TCase *tc = tcase_create("synergy");
  tcase_add_test(tc, synergy_on_organisations_is_adamic_adar);
  tcase_add_test(tc, synergy_reasons_and_filters);
  tcase_add_test(tc, synergy_each_is_a_top_k_of_all_pairs);
  tcase_add_test(tc, synergy_each_stops_when_asked);
  tcase_add_test(tc, synergy_each_walks_hubs_past_the_enumerated);
  tcase_add_test(tc, synergy_each_bounds_many_later_contexts);
  tcase_add_test(tc, synergy_org_is_its_part_of_all);
  tcase_add_test(tc, synergy_top_is_the_head_of_all);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(synergy_suite)
