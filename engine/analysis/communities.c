/* communities.c -- Leiden on the organisation network, optimising
 * modularity, from a fixed seed. */
#include <string.h>

#include "analysis/analysis_internal.h"

/* igraph's Leiden optimises modularity only when the node weights are the
 * degrees (here strengths) and the resolution 1 / (2m); with its defaults
 * it returns singletons. A positive iteration count: a negative one can
 * loop forever (igraph issue 2798). */
#define LEIDEN_SEED 20150217
#define LEIDEN_ITERATIONS 50

static int
compare_communities(const void *x, const void *y, void *ds)
{
  const KbCommunity *a = x, *b = y;
  if (a->n_members != b->n_members)
    return a->n_members > b->n_members ? -1 : 1;
  return kb_i_compare_ids(ds, a->members[0], b->members[0]);
}

static igraph_error_t
leiden(const igraph_t *g, const igraph_vector_t *weights, igraph_vector_int_t *membership,
       igraph_real_t *modularity)
{
  igraph_integer_t n = igraph_vcount(g);
  igraph_vector_t strength;
  IGRAPH_CHECK(igraph_vector_init(&strength, n));
  IGRAPH_FINALLY(igraph_vector_destroy, &strength);
  IGRAPH_CHECK(igraph_strength(g, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, weights));
  double m2 = igraph_vector_sum(&strength);
  igraph_integer_t clusters = 0;
  igraph_rng_seed(igraph_rng_default(), LEIDEN_SEED);
  if (m2 > 0) {
    IGRAPH_CHECK(igraph_community_leiden(g, weights, &strength, 1.0 / m2, 0.01, FALSE,
                                         LEIDEN_ITERATIONS, membership, &clusters, NULL));
    IGRAPH_CHECK(igraph_modularity(g, membership, weights, 1.0, IGRAPH_UNDIRECTED, modularity));
  } else {
    IGRAPH_CHECK(igraph_vector_int_resize(membership, n));
    for (igraph_integer_t i = 0; i < n; i++)
      VECTOR(*membership)[i] = i;
    *modularity = 0;
  }
  igraph_vector_destroy(&strength);
  IGRAPH_FINALLY_CLEAN(1);
  return IGRAPH_SUCCESS;
}

KbCommunities *
kb_communities_compute(const KbDataset *ds, GError **error)
{
  g_return_val_if_fail(ds != NULL, NULL);
  KbiOrgNet net;
  if (!kb_i_orgnet_build_ties(ds, &net, error))
    return NULL;
  igraph_t g;
  igraph_vector_t weights;
  if (!kb_i_orgnet_to_igraph(&net, &g, &weights, error)) {
    kb_i_orgnet_release(&net);
    return NULL;
  }
  igraph_vector_int_t membership;
  igraph_real_t modularity = 0;
  igraph_error_t rc = igraph_vector_int_init(&membership, (igraph_integer_t) net.n);
  if (rc == IGRAPH_SUCCESS)
    rc = leiden(&g, &weights, &membership, &modularity);
  igraph_vector_destroy(&weights);
  igraph_destroy(&g);
  if (rc != IGRAPH_SUCCESS) {
    kb_i_orgnet_release(&net);
    kb_i_igraph_fail(rc, "finding communities", error);
    return NULL;
  }

  /* gather the members of each cluster, by id */
  GHashTable *byc = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                          (GDestroyNotify) g_array_unref);
  for (size_t i = 0; i < net.n; i++) {
    gpointer key = GSIZE_TO_POINTER((size_t) VECTOR(membership)[i] + 1);
    GArray *m = g_hash_table_lookup(byc, key);
    if (m == NULL) {
      m = g_array_new(FALSE, FALSE, sizeof(size_t));
      g_hash_table_insert(byc, key, m);
    }
    g_array_append_val(m, net.nodes[i]);
  }
  igraph_vector_int_destroy(&membership);
  KbCommunities *out = g_new0(KbCommunities, 1);
  out->modularity = modularity;
  out->n = g_hash_table_size(byc);
  out->communities = g_new0(KbCommunity, out->n ? out->n : 1);
  GHashTableIter it;
  gpointer key, value;
  size_t k = 0;
  g_hash_table_iter_init(&it, byc);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    GArray *m = value;
    kb_i_sort_by_id(ds, (size_t *) m->data, m->len);
    out->communities[k].n_members = m->len;
    out->communities[k].members = g_memdup2(m->data, m->len * sizeof(size_t));
    k++;
  }
  g_hash_table_unref(byc);
  g_qsort_with_data(out->communities, (gint) out->n, sizeof(KbCommunity), compare_communities,
                    (gpointer) ds);
  kb_i_orgnet_release(&net);
  return out;
}

void
kb_communities_free(KbCommunities *c)
{
  if (c == NULL)
    return;
  for (size_t i = 0; i < c->n; i++)
    g_free(c->communities[i].members);
  g_free(c->communities);
  g_free(c);
}
