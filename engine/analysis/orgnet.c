/* orgnet.c -- the organisation network: organisations tied by partner_of,
 * funds and shared network membership. */
#include <stdio.h>
#include <string.h>

#include "analysis/analysis_internal.h"

/* An unordered pair (or an ordered one, for arcs) as one 64-bit key. */
static gint64 *
pair_key(size_t a, size_t b, gboolean ordered)
{
  gint64 *k = g_new(gint64, 1);
  if (!ordered && a > b) {
    size_t t = a;
    a = b;
    b = t;
  }
  *k = ((gint64) a << 32) | (gint64) b;
  return k;
}

static int
compare_ties(const void *x, const void *y)
{
  const KbiTie *a = x, *b = y;
  if (a->a != b->a)
    return a->a < b->a ? -1 : 1;
  return a->b < b->b ? -1 : a->b > b->b;
}

static int
compare_arcs(const void *x, const void *y)
{
  const size_t *a = x, *b = y;
  if (a[0] != b[0])
    return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1];
}

/* Adds weight w to the undirected tie between positions a and b. */
static void
tie_add(GHashTable *ties, size_t a, size_t b, double w)
{
  if (a == b)
    return;
  gint64 *key = pair_key(a, b, FALSE);
  double *v = g_hash_table_lookup(ties, key);
  if (v == NULL) {
    v = g_new0(double, 1);
    g_hash_table_insert(ties, key, v);
  } else {
    g_free(key);
  }
  *v += w;
}

static void
arc_add(GHashTable *arcs, size_t from, size_t to)
{
  if (from != to)
    g_hash_table_add(arcs, pair_key(from, to, TRUE));
}

static int
compare_sizes(const void *x, const void *y)
{
  size_t a = *(const size_t *) x, b = *(const size_t *) y;
  return a < b ? -1 : a > b;
}

gboolean
kb_i_orgnet_build(const KbDataset *ds, KbiOrgNet *net, GError **error)
{
  memset(net, 0, sizeof *net);
  size_t n_nodes = kb_dataset_node_count(ds);
  net->pos = g_new(size_t, n_nodes ? n_nodes : 1);
  GArray *orgs = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < n_nodes; i++)
    if (kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION)
      g_array_append_val(orgs, i);
  kb_i_sort_by_id(ds, (size_t *) orgs->data, orgs->len);
  net->n = orgs->len;
  net->nodes = (size_t *) g_array_free(orgs, FALSE);
  for (size_t i = 0; i < n_nodes; i++)
    net->pos[i] = KB_NO_NODE;
  for (size_t p = 0; p < net->n; p++)
    net->pos[net->nodes[p]] = p;

  GHashTable *ties = g_hash_table_new_full(kb_i_pair_hash, g_int64_equal, g_free, g_free);
  GHashTable *arcs = g_hash_table_new_full(kb_i_pair_hash, g_int64_equal, g_free, NULL);
  net->direct = kb_i_direct_ties(ds);
  GHashTable *members = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                              (GDestroyNotify) g_array_unref);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    size_t a = net->pos[r->from], b = net->pos[r->to];
    if (kb_i_is_direct_tie(ds, r)) {
      tie_add(ties, a, b, 1.0);
      arc_add(arcs, a, b);
      if (r->kind == KB_REL_PARTNER_OF)
        arc_add(arcs, b, a);
    } else if (r->kind == KB_REL_MEMBER_OF && a != KB_NO_NODE) {
      GArray *m = g_hash_table_lookup(members, GSIZE_TO_POINTER(r->to + 1));
      if (m == NULL) {
        m = g_array_new(FALSE, FALSE, sizeof(size_t));
        g_hash_table_insert(members, GSIZE_TO_POINTER(r->to + 1), m);
      }
      g_array_append_val(m, a);
    }
  }
  /* each network's members once; co-members are all tied to one another,
   * which national data makes too many to hold: say so rather than run out
   * of memory */
  GHashTableIter it;
  gpointer key, value;
  double n_ties = g_hash_table_size(net->direct), largest = 0;
  size_t largest_net = KB_NO_NODE;
  g_hash_table_iter_init(&it, members);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    GArray *m = value;
    g_array_sort(m, compare_sizes);
    guint kept = 0;
    for (guint j = 0; j < m->len; j++)
      if (j == 0 || g_array_index(m, size_t, j) != g_array_index(m, size_t, kept - 1))
        g_array_index(m, size_t, kept++) = g_array_index(m, size_t, j);
    g_array_set_size(m, kept);
    n_ties += (double) kept * (kept - 1) / 2;
    size_t node = GPOINTER_TO_SIZE(key) - 1;
    if (kept > largest || (kept == largest && node < largest_net)) {
      largest = kept;
      largest_net = node;
    }
  }
  if (n_ties > KB_ORGNET_MAX_TIES) {
    g_set_error(error, KB_ERROR, KB_ERROR_LIMIT,
                "the organisation network would hold %.3g ties, more than %.3g: the members of a "
                "network are all tied to one another, and network '%s' alone has %.0f members; "
                "brokers, communities, candidates and the index's network figures are out of "
                "reach at this size (synergy --each is not)", n_ties, KB_ORGNET_MAX_TIES,
                kb_dataset_node(ds, largest_net)->id, largest);
    g_hash_table_unref(members);
    g_hash_table_unref(ties);
    g_hash_table_unref(arcs);
    kb_i_orgnet_release(net);
    return FALSE;
  }
  /* co-members of each network are tied, both ways */
  g_hash_table_iter_init(&it, members);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    GArray *m = value;
    for (guint x = 0; x < m->len; x++)
      for (guint y = x + 1; y < m->len; y++) {
        size_t a = g_array_index(m, size_t, x), b = g_array_index(m, size_t, y);
        tie_add(ties, a, b, 1.0);
        arc_add(arcs, a, b);
        arc_add(arcs, b, a);
      }
  }
  g_hash_table_unref(members);

  net->ties = g_array_new(FALSE, FALSE, sizeof(KbiTie));
  g_hash_table_iter_init(&it, ties);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    KbiTie t;
    t.a = (size_t) (*(gint64 *) key >> 32);
    t.b = (size_t) (*(gint64 *) key & 0xFFFFFFFF);
    t.weight = *(double *) value;
    g_array_append_val(net->ties, t);
  }
  g_array_sort(net->ties, compare_ties);
  net->arcs = g_array_new(FALSE, FALSE, 2 * sizeof(size_t));
  g_hash_table_iter_init(&it, arcs);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    size_t arc[2] = { (size_t) (*(gint64 *) key >> 32), (size_t) (*(gint64 *) key & 0xFFFFFFFF) };
    g_array_append_vals(net->arcs, arc, 1);
  }
  g_array_sort(net->arcs, compare_arcs);
  g_hash_table_unref(ties);
  g_hash_table_unref(arcs);
  return TRUE;
}

void
kb_i_orgnet_release(KbiOrgNet *net)
{
  g_free(net->nodes);
  g_free(net->pos);
  if (net->ties)
    g_array_unref(net->ties);
  if (net->arcs)
    g_array_unref(net->arcs);
  if (net->direct)
    g_hash_table_unref(net->direct);
  memset(net, 0, sizeof *net);
}

gboolean
kb_i_is_direct_tie(const KbDataset *ds, const KbRelation *r)
{
  return (r->kind == KB_REL_PARTNER_OF || r->kind == KB_REL_FUNDS)
         && kb_dataset_node(ds, r->from)->kind == KB_NODE_ORGANISATION
         && kb_dataset_node(ds, r->to)->kind == KB_NODE_ORGANISATION;
}

GHashTable *
kb_i_direct_ties(const KbDataset *ds)
{
  GHashTable *direct = g_hash_table_new_full(kb_i_pair_hash, g_int64_equal, g_free, NULL);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (kb_i_is_direct_tie(ds, r))
      g_hash_table_add(direct, pair_key(r->from, r->to, FALSE));
  }
  return direct;
}

gboolean
kb_i_directly_tied(GHashTable *direct, size_t a, size_t b)
{
  gint64 key = a < b ? ((gint64) a << 32) | (gint64) b : ((gint64) b << 32) | (gint64) a;
  return g_hash_table_contains(direct, &key);
}

gboolean
kb_i_orgnet_directly_tied(const KbiOrgNet *net, size_t a, size_t b)
{
  return kb_i_directly_tied(net->direct, a, b);
}

gboolean
kb_i_orgnet_to_igraph(const KbiOrgNet *net, igraph_t *graph, igraph_vector_t *weights,
                      GError **error)
{
  kb_init();
  igraph_vector_int_t edges;
  igraph_error_t rc = igraph_vector_int_init(&edges, 2 * (igraph_integer_t) net->ties->len);
  if (rc != IGRAPH_SUCCESS)
    return kb_i_igraph_fail(rc, "building the organisation network", error);
  for (guint i = 0; i < net->ties->len; i++) {
    const KbiTie *t = &g_array_index(net->ties, KbiTie, i);
    VECTOR(edges)[2 * i] = (igraph_integer_t) t->a;
    VECTOR(edges)[2 * i + 1] = (igraph_integer_t) t->b;
  }
  rc = igraph_create(graph, &edges, (igraph_integer_t) net->n, IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy(&edges);
  if (rc != IGRAPH_SUCCESS)
    return kb_i_igraph_fail(rc, "building the organisation network", error);
  if (weights != NULL) {
    rc = igraph_vector_init(weights, (igraph_integer_t) net->ties->len);
    if (rc != IGRAPH_SUCCESS) {
      igraph_destroy(graph);
      return kb_i_igraph_fail(rc, "building the organisation network", error);
    }
    for (guint i = 0; i < net->ties->len; i++)
      VECTOR(*weights)[i] = g_array_index(net->ties, KbiTie, i).weight;
  }
  return TRUE;
}
