/* test_index.c -- the index held to independent implementations: the
 * density and centralizations of the whole organisation network, its
 * counts against the network listed tie by tie, a huge network counted
 * without listing it, the cut points, and the home's organisations with
 * its umbrella network.
 *
 * Expected values come from tests/reference/, computed by NetworkX 2.8.8,
 * R sna 2.7.1 and R igraph 1.3.5 (see tests/reference/README.md and the
 * scripts there); nothing in those files is computed by klaverblad. */
#include "kb_test.h"
#include "kb_analysis_test.h"

#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

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
index_suite(void)
{
  Suite *s = suite_create("index");
  TCase *tc = tcase_create("index");
  tcase_add_test(tc, index_counts_match_the_listed_network);
  tcase_add_test(tc, index_of_a_huge_network);
  tcase_add_test(tc, centralization_matches_sna);
  tcase_add_test(tc, centralization_with_twins);
  tcase_add_test(tc, centralization_on_generated_data_matches_igraph);
  tcase_add_test(tc, cut_points_by_hand);
  tcase_add_test(tc, cut_points_on_generated_data);
  tcase_add_test(tc, index_counts_the_home_and_names_the_umbrella);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(index_suite)
