/* test_communities.c -- the organisation network, worked out by hand,
 * its limit, and the communities Leiden finds in it, held to NetworkX.
 *
 * Expected values come from tests/reference/, computed by NetworkX 2.8.8,
 * R sna 2.7.1 and R igraph 1.3.5 (see tests/reference/README.md and the
 * scripts there); nothing in those files is computed by klaverblad. */
#include "kb_test.h"
#include "kb_analysis_test.h"

#include <string.h>

#include "analysis/analysis_internal.h"

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

/* One network of 10,001 organisations: its members, all tied to one
 * another, make 10001 * 10000 / 2 = 50,005,000 ties, just above the limit
 * of 5*10^7: communities stops with KB_ERROR_LIMIT at once rather than
 * fill the memory (the index, brokers and synergy have no such limit).
 * 10001 members tie 10001 * 10000 / 2 = 50,005,000 pairs, past 5*10^7
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

static Suite *
communities_suite(void)
{
  Suite *s = suite_create("communities");
  TCase *tc = tcase_create("communities");
  tcase_add_test(tc, organisation_network_limit);
  tcase_add_test(tc, organisation_network_by_hand);
  tcase_add_test(tc, leiden_finds_the_two_cliques);
  tcase_add_test(tc, an_edge_list_header_u_v_is_no_edge);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(communities_suite)
