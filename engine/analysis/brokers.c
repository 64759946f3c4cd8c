/* brokers.c -- who sits between others in the organisation network:
 * centralities, Burt's constraint and effective size, Gould-Fernandez
 * brokerage roles with sector as the group, articulation points. */
#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

const char *
kb_broker_role_name(KbBrokerRole role)
{
  static const char *const names[KB_ROLE_COUNT] = { "coordinator", "itinerant", "gatekeeper",
                                                    "representative", "liaison" };
  g_return_val_if_fail(role < KB_ROLE_COUNT, "?");
  return names[role];
}

/* Gould-Fernandez: b brokers the ordered pair (a, c) when a -> b -> c and
 * not a -> c, a != c. The role follows which of the three share a group. */
static void
count_roles(const KbDataset *ds, const KbiOrgNet *net, KbBroker *out)
{
  size_t n = net->n;
  GHashTable *arcset = g_hash_table_new_full(kb_i_pair_hash, g_int64_equal, g_free, NULL);
  GArray **in = g_new0(GArray *, n), **outs = g_new0(GArray *, n);
  for (size_t i = 0; i < n; i++) {
    in[i] = g_array_new(FALSE, FALSE, sizeof(size_t));
    outs[i] = g_array_new(FALSE, FALSE, sizeof(size_t));
  }
  for (guint i = 0; i < net->arcs->len; i++) {
    const size_t *arc = (const size_t *) net->arcs->data + 2 * i;
    gint64 key = ((gint64) arc[0] << 32) | (gint64) arc[1];
    g_hash_table_add(arcset, g_memdup2(&key, sizeof key));
    g_array_append_val(outs[arc[0]], arc[1]);
    g_array_append_val(in[arc[1]], arc[0]);
  }
  for (size_t b = 0; b < n; b++) {
    size_t gb = kb_dataset_node(ds, net->nodes[b])->sector;
    for (guint x = 0; x < in[b]->len; x++) {
      size_t a = g_array_index(in[b], size_t, x);
      size_t ga = kb_dataset_node(ds, net->nodes[a])->sector;
      for (guint y = 0; y < outs[b]->len; y++) {
        size_t c = g_array_index(outs[b], size_t, y);
        if (c == a)
          continue;
        gint64 key = ((gint64) a << 32) | (gint64) c;
        if (g_hash_table_contains(arcset, &key))
          continue;
        size_t gc = kb_dataset_node(ds, net->nodes[c])->sector;
        KbBrokerRole role;
        if (ga == gb && gb == gc)
          role = KB_ROLE_COORDINATOR;
        else if (ga == gc)
          role = KB_ROLE_ITINERANT;
        else if (gb == gc)
          role = KB_ROLE_GATEKEEPER;
        else if (ga == gb)
          role = KB_ROLE_REPRESENTATIVE;
        else
          role = KB_ROLE_LIAISON;
        out[b].roles[role]++;
        out[b].roles_total++;
      }
    }
  }
  for (size_t i = 0; i < n; i++) {
    g_array_unref(in[i]);
    g_array_unref(outs[i]);
  }
  g_free(in);
  g_free(outs);
  g_hash_table_unref(arcset);
}

/* Effective size (Borgatti's form of Burt's, for unweighted undirected
 * ties): degree - 2 t / degree, t the ties among the neighbours. */
static void
effective_sizes(const KbiOrgNet *net, KbBroker *out)
{
  size_t n = net->n;
  GHashTable *tied = g_hash_table_new_full(kb_i_pair_hash, g_int64_equal, g_free, NULL);
  GArray **nb = g_new0(GArray *, n);
  for (size_t i = 0; i < n; i++)
    nb[i] = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (guint i = 0; i < net->ties->len; i++) {
    const KbiTie *t = &g_array_index(net->ties, KbiTie, i);
    gint64 key = ((gint64) t->a << 32) | (gint64) t->b;
    g_hash_table_add(tied, g_memdup2(&key, sizeof key));
    g_array_append_val(nb[t->a], t->b);
    g_array_append_val(nb[t->b], t->a);
  }
  for (size_t i = 0; i < n; i++) {
    size_t d = nb[i]->len, t = 0;
    for (size_t x = 0; x < d; x++)
      for (size_t y = x + 1; y < d; y++) {
        size_t a = g_array_index(nb[i], size_t, x), b = g_array_index(nb[i], size_t, y);
        gint64 key = ((gint64) MIN(a, b) << 32) | (gint64) MAX(a, b);
        t += g_hash_table_contains(tied, &key);
      }
    out[i].effective_size = d == 0 ? NAN : (double) d - 2.0 * (double) t / (double) d;
    g_array_unref(nb[i]);
  }
  g_free(nb);
  g_hash_table_unref(tied);
}

static int
compare_brokers(const void *x, const void *y, void *ds)
{
  const KbBroker *a = x, *b = y;
  if (a->betweenness != b->betweenness)
    return a->betweenness > b->betweenness ? -1 : 1;
  if (a->roles_total != b->roles_total)
    return a->roles_total > b->roles_total ? -1 : 1;
  if (a->degree != b->degree)
    return a->degree > b->degree ? -1 : 1;
  return kb_i_compare_ids(ds, a->node, b->node);
}

/* The centralities igraph computes, converted to NetworkX's conventions. */
static igraph_error_t
centralities(const igraph_t *g, KbBroker *out)
{
  igraph_integer_t n = igraph_vcount(g);
  igraph_vector_t v;
  igraph_vector_int_t reach, deg;
  IGRAPH_CHECK(igraph_vector_init(&v, n));
  IGRAPH_FINALLY(igraph_vector_destroy, &v);
  IGRAPH_CHECK(igraph_vector_int_init(&reach, n));
  IGRAPH_FINALLY(igraph_vector_int_destroy, &reach);
  IGRAPH_CHECK(igraph_vector_int_init(&deg, n));
  IGRAPH_FINALLY(igraph_vector_int_destroy, &deg);

  IGRAPH_CHECK(igraph_degree(g, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS));
  for (igraph_integer_t i = 0; i < n; i++)
    out[i].degree = (size_t) VECTOR(deg)[i];

  /* betweenness: igraph counts each unordered pair once for undirected
   * graphs; NetworkX normalises by (n-1)(n-2)/2 */
  IGRAPH_CHECK(igraph_betweenness(g, &v, igraph_vss_all(), IGRAPH_UNDIRECTED, NULL));
  double scale = n > 2 ? 2.0 / ((double) (n - 1) * (double) (n - 2)) : 0.0;
  for (igraph_integer_t i = 0; i < n; i++)
    out[i].betweenness = VECTOR(v)[i] * scale;

  /* closeness: igraph's normalised value is r / sum of distances over the r
   * reachable vertices; Wasserman and Faust scale it by r / (n - 1) */
  IGRAPH_CHECK(igraph_closeness(g, &v, &reach, NULL, igraph_vss_all(), IGRAPH_ALL, NULL, TRUE));
  for (igraph_integer_t i = 0; i < n; i++) {
    igraph_integer_t r = VECTOR(reach)[i];        /* the vertex itself not counted */
    out[i].closeness = (r <= 0 || n < 2 || isnan(VECTOR(v)[i])) ? 0.0
                       : VECTOR(v)[i] * (double) r / (double) (n - 1);
  }

  /* eigenvector: igraph scales the largest to 1; NetworkX to unit length */
  if (igraph_ecount(g) > 0) {
    igraph_real_t value;
    IGRAPH_CHECK(igraph_eigenvector_centrality(g, &v, &value, IGRAPH_UNDIRECTED, TRUE, NULL, NULL));
    double norm = 0;
    for (igraph_integer_t i = 0; i < n; i++)
      norm += VECTOR(v)[i] * VECTOR(v)[i];
    norm = sqrt(norm);
    for (igraph_integer_t i = 0; i < n; i++)
      out[i].eigenvector = norm > 0 ? fabs(VECTOR(v)[i]) / norm : 0.0;
  }

  IGRAPH_CHECK(igraph_pagerank(g, IGRAPH_PAGERANK_ALGO_PRPACK, &v, NULL, igraph_vss_all(),
                               IGRAPH_UNDIRECTED, 0.85, NULL, NULL));
  for (igraph_integer_t i = 0; i < n; i++)
    out[i].pagerank = VECTOR(v)[i];

  IGRAPH_CHECK(igraph_constraint(g, &v, igraph_vss_all(), NULL));
  for (igraph_integer_t i = 0; i < n; i++)
    out[i].constraint = VECTOR(deg)[i] == 0 ? NAN : VECTOR(v)[i];

  IGRAPH_CHECK(igraph_articulation_points(g, &deg));
  for (igraph_integer_t i = 0; i < igraph_vector_int_size(&deg); i++)
    out[VECTOR(deg)[i]].articulation = TRUE;

  igraph_vector_int_destroy(&deg);
  igraph_vector_int_destroy(&reach);
  igraph_vector_destroy(&v);
  IGRAPH_FINALLY_CLEAN(3);
  return IGRAPH_SUCCESS;
}

KbBrokers *
kb_brokers_compute(const KbDataset *ds, GError **error)
{
  g_return_val_if_fail(ds != NULL, NULL);
  KbiOrgNet net;
  if (!kb_i_orgnet_build(ds, &net, error))
    return NULL;
  igraph_t g;
  if (!kb_i_orgnet_to_igraph(&net, &g, NULL, error)) {
    kb_i_orgnet_release(&net);
    return NULL;
  }
  KbBroker *b = g_new0(KbBroker, net.n ? net.n : 1);
  for (size_t i = 0; i < net.n; i++)
    b[i].node = net.nodes[i];
  igraph_error_t rc = centralities(&g, b);
  igraph_destroy(&g);
  if (rc != IGRAPH_SUCCESS) {
    g_free(b);
    kb_i_orgnet_release(&net);
    kb_i_igraph_fail(rc, "computing centralities", error);
    return NULL;
  }
  effective_sizes(&net, b);
  count_roles(ds, &net, b);
  g_qsort_with_data(b, (gint) net.n, sizeof *b, compare_brokers, (gpointer) ds);
  KbBrokers *out = g_new0(KbBrokers, 1);
  out->n = net.n;
  out->brokers = b;
  out->ties = net.ties->len;
  kb_i_orgnet_release(&net);
  return out;
}

void
kb_brokers_free(KbBrokers *b)
{
  if (b == NULL)
    return;
  g_free(b->brokers);
  g_free(b);
}
