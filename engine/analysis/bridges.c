/* bridges.c -- who can introduce whom: the k cheapest introduction paths
 * from an organisation (or any organisation of a sector) to a target, and
 * the bridging partners on them.
 *
 * The walk goes over organisations and networks only: a path never passes
 * through a place, theme or sector ("both active in Germany" is no
 * introduction). A place target also takes the places inside it, as
 * activity in a city counts for its country. Paths are simple and found by
 * Yen's algorithm on a directed graph with a super source and sink. */
#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

/* ------------------------------------------------------------ tie costs */

static double
base_cost(KbRelKind kind)
{
  switch (kind) {
  case KB_REL_PARTNER_OF:
  case KB_REL_FUNDS:
  case KB_REL_TWINNED_WITH:
  case KB_REL_ACTIVE_IN:
  case KB_REL_LOCATED_IN:
  case KB_REL_WORKS_ON:
    return 1.0;
  case KB_REL_PART_OF:
    return 1.5;
  case KB_REL_MEMBER_OF:     /* organisation - network - organisation: 4 */
    return 2.0;
  case KB_REL_KIND_COUNT:
    break;
  }
  return 1.0;
}

double
kb_bridges_tie_cost(const KbRelation *rel, int ref)
{
  g_return_val_if_fail(rel != NULL, 0);
  double cost = base_cost(rel->kind) / rel->weight;
  /* recency: from 1 (this year) to 1.5 (twenty years or more); unknown 1.25 */
  if (rel->since != KB_NO_YEAR && ref != KB_NO_YEAR)
    cost *= 1.0 + CLAMP(ref - rel->since, 0, 20) / 40.0;
  else
    cost *= 1.25;
  /* a tie that has ended is a weaker way in */
  if (rel->until != KB_NO_YEAR && ref != KB_NO_YEAR && rel->until < ref)
    cost *= 2.0;
  return cost;
}

/* The latest year the data mentions, or KB_NO_YEAR. */
static int
latest_year(const KbDataset *ds)
{
  int y = KB_NO_YEAR;
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    y = MAX(y, MAX(r->since, r->until));
  }
  return y;
}

/* --------------------------------------------------------------- search */

typedef struct {
  size_t from, to;          /* vertices */
  double cost;
  KbRelKind kind;
} Arc;

static gboolean
is_place(KbNodeKind k)
{
  return k == KB_NODE_CITY || k == KB_NODE_REGION || k == KB_NODE_COUNTRY;
}

static int
compare_partners(const void *x, const void *y, void *ds)
{
  const KbBridgePartner *a = x, *b = y;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return kb_i_compare_ids(ds, a->node, b->node);
}

KbBridges *
kb_bridges_compute(const KbDataset *ds, size_t from, size_t to, size_t k, int as_of,
                   GError **error)
{
  g_return_val_if_fail(ds != NULL, NULL);
  size_t n = kb_dataset_node_count(ds);
  g_return_val_if_fail(from < n && to < n, NULL);
  KbNodeKind fk = kb_dataset_node(ds, from)->kind, tk = kb_dataset_node(ds, to)->kind;
  if (fk != KB_NODE_ORGANISATION && fk != KB_NODE_SECTOR) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "--from '%s' is a %s; expected an "
                "organisation or a sector", kb_dataset_node(ds, from)->id, kb_node_kind_name(fk));
    return NULL;
  }
  if (tk == KB_NODE_SECTOR) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "--to '%s' is a sector; expected an "
                "organisation, place, theme or network", kb_dataset_node(ds, to)->id);
    return NULL;
  }
  if (from == to) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "--from and --to are both '%s'",
                kb_dataset_node(ds, from)->id);
    return NULL;
  }

  /* the source and target sets */
  gboolean *source = g_new0(gboolean, n), *target = g_new0(gboolean, n);
  for (size_t i = 0; i < n; i++) {
    const KbNode *node = kb_dataset_node(ds, i);
    source[i] = fk == KB_NODE_SECTOR ? (node->kind == KB_NODE_ORGANISATION && node->sector == from)
                                     : i == from;
  }
  target[to] = TRUE;
  if (is_place(tk))
    for (size_t i = 0; i < n; i++) {
      if (!is_place(kb_dataset_node(ds, i)->kind))
        continue;
      g_autofree size_t *up = NULL;
      size_t m = kb_dataset_enclosing_places(ds, i, &up);
      for (size_t j = 0; j < m; j++)
        target[i] |= up[j] == to;
    }
  for (size_t i = 0; i < n; i++)
    source[i] &= !target[i];

  int ref = as_of != KB_NO_YEAR ? as_of : latest_year(ds);
  size_t S = n, T = n + 1;

  /* arcs: the cheapest relation for each ordered pair of vertices */
  GHashTable *best = g_hash_table_new_full(kb_i_pair_hash, g_int64_equal, g_free, g_free);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    double cost = kb_bridges_tie_cost(r, ref);
    size_t ends[2][2] = { { r->from, r->to }, { r->to, r->from } };
    for (int d = 0; d < 2; d++) {
      size_t x = ends[d][0], y = ends[d][1];
      KbNodeKind xk = kb_dataset_node(ds, x)->kind, yk = kb_dataset_node(ds, y)->kind;
      gboolean x_walk = xk == KB_NODE_ORGANISATION || xk == KB_NODE_NETWORK;
      gboolean y_walk = yk == KB_NODE_ORGANISATION || yk == KB_NODE_NETWORK;
      if (target[x] || source[y] || !(source[x] || x_walk) || !(target[y] || y_walk))
        continue;
      gint64 key = ((gint64) x << 32) | (gint64) y;
      Arc *a = g_hash_table_lookup(best, &key);
      if (a == NULL) {
        a = g_new(Arc, 1);
        *a = (Arc) { x, y, cost, r->kind };
        g_hash_table_insert(best, g_memdup2(&key, sizeof key), a);
      } else if (cost < a->cost) {
        *a = (Arc) { x, y, cost, r->kind };
      }
    }
  }
  GArray *arcs = g_array_new(FALSE, FALSE, sizeof(Arc));
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, best);
  while (g_hash_table_iter_next(&it, &key, &value))
    g_array_append_vals(arcs, value, 1);
  g_hash_table_unref(best);
  /* a fixed order, so that equal-cost paths come out the same every run */
  for (guint i = 1; i < arcs->len; i++)
    for (guint j = i; j > 0; j--) {
      Arc *a = &g_array_index(arcs, Arc, j - 1), *b = &g_array_index(arcs, Arc, j);
      if (a->from < b->from || (a->from == b->from && a->to <= b->to))
        break;
      Arc t = *a;
      *a = *b;
      *b = t;
    }
  for (size_t i = 0; i < n; i++) {
    if (source[i]) {
      Arc a = { S, i, 0.0, KB_REL_KIND_COUNT };
      g_array_append_val(arcs, a);
    }
    if (target[i]) {
      Arc a = { i, T, 0.0, KB_REL_KIND_COUNT };
      g_array_append_val(arcs, a);
    }
  }
  g_free(source);
  g_free(target);

  kb_init();
  KbBridges *out = g_new0(KbBridges, 1);
  out->reference_year = ref;
  igraph_vector_int_t edges;
  igraph_vector_t weights;
  igraph_t g;
  igraph_vector_int_list_t vpaths, epaths;
  igraph_error_t rc = igraph_vector_int_init(&edges, 2 * (igraph_integer_t) arcs->len);
  if (rc == IGRAPH_SUCCESS) {
    for (guint i = 0; i < arcs->len; i++) {
      VECTOR(edges)[2 * i] = (igraph_integer_t) g_array_index(arcs, Arc, i).from;
      VECTOR(edges)[2 * i + 1] = (igraph_integer_t) g_array_index(arcs, Arc, i).to;
    }
    rc = igraph_create(&g, &edges, (igraph_integer_t) n + 2, IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&edges);
  }
  if (rc == IGRAPH_SUCCESS) {
    rc = igraph_vector_init(&weights, (igraph_integer_t) arcs->len);
    for (guint i = 0; rc == IGRAPH_SUCCESS && i < arcs->len; i++)
      VECTOR(weights)[i] = g_array_index(arcs, Arc, i).cost;
    if (rc == IGRAPH_SUCCESS) {
      rc = igraph_vector_int_list_init(&vpaths, 0);
      if (rc == IGRAPH_SUCCESS) {
        rc = igraph_vector_int_list_init(&epaths, 0);
        if (rc == IGRAPH_SUCCESS) {
          rc = igraph_get_k_shortest_paths(&g, &weights, &vpaths, &epaths,
                                           (igraph_integer_t) k, (igraph_integer_t) S,
                                           (igraph_integer_t) T, IGRAPH_OUT);
          if (rc == IGRAPH_SUCCESS) {
            igraph_integer_t np = igraph_vector_int_list_size(&epaths);
            out->n_paths = (size_t) np;
            out->paths = g_new0(KbPath, np ? np : 1);
            for (igraph_integer_t p = 0; p < np; p++) {
              igraph_vector_int_t *ep = igraph_vector_int_list_get_ptr(&epaths, p);
              igraph_integer_t ne = igraph_vector_int_size(ep);
              /* edges: S->first, then ne - 2 relations, then last->T */
              KbPath *path = &out->paths[p];
              path->n_nodes = (size_t) ne - 1;
              path->nodes = g_new(size_t, path->n_nodes);
              path->kinds = g_new(KbRelKind, path->n_nodes ? path->n_nodes : 1);
              for (igraph_integer_t e = 0; e < ne - 1; e++) {
                const Arc *a = &g_array_index(arcs, Arc, VECTOR(*ep)[e]);
                path->nodes[e] = a->to;
                if (e > 0)
                  path->kinds[e - 1] = a->kind;
                path->cost += a->cost;
              }
            }
          }
          igraph_vector_int_list_destroy(&epaths);
        }
        igraph_vector_int_list_destroy(&vpaths);
      }
      igraph_vector_destroy(&weights);
    }
    igraph_destroy(&g);
  }
  g_array_unref(arcs);
  if (rc != IGRAPH_SUCCESS) {
    kb_bridges_free(out);
    kb_i_igraph_fail(rc, "finding introduction paths", error);
    return NULL;
  }

  /* the bridging partners: every node between the start and the target */
  GHashTable *byn = g_hash_table_new(g_direct_hash, g_direct_equal);
  GArray *partners = g_array_new(FALSE, TRUE, sizeof(KbBridgePartner));
  GPtrArray *lists = g_ptr_array_new();
  for (size_t p = 0; p < out->n_paths; p++) {
    const KbPath *path = &out->paths[p];
    for (size_t j = 1; j + 1 < path->n_nodes; j++) {
      size_t v = path->nodes[j];
      gpointer at = g_hash_table_lookup(byn, GSIZE_TO_POINTER(v + 1));
      if (at == NULL) {
        KbBridgePartner bp = { v, 0, path->cost, 0, NULL };
        g_array_append_val(partners, bp);
        g_ptr_array_add(lists, g_array_new(FALSE, FALSE, sizeof(size_t)));
        at = GUINT_TO_POINTER(partners->len);
        g_hash_table_insert(byn, GSIZE_TO_POINTER(v + 1), at);
      }
      guint idx = GPOINTER_TO_UINT(at) - 1;
      KbBridgePartner *bp = &g_array_index(partners, KbBridgePartner, idx);
      bp->n_paths++;
      bp->best_cost = MIN(bp->best_cost, path->cost);
      bp->score += path->cost > 0 ? 1.0 / path->cost : 0;
      g_array_append_val(g_ptr_array_index(lists, idx), p);
    }
  }
  for (guint i = 0; i < partners->len; i++) {
    GArray *l = g_ptr_array_index(lists, i);
    g_array_index(partners, KbBridgePartner, i).paths = (size_t *) g_array_free(l, FALSE);
  }
  g_ptr_array_unref(lists);
  g_hash_table_unref(byn);
  g_array_sort_with_data(partners, compare_partners, (gpointer) ds);
  out->n_partners = partners->len;
  out->partners = (KbBridgePartner *) g_array_free(partners, FALSE);
  return out;
}

void
kb_bridges_free(KbBridges *b)
{
  if (b == NULL)
    return;
  for (size_t i = 0; i < b->n_paths; i++) {
    g_free(b->paths[i].nodes);
    g_free(b->paths[i].kinds);
  }
  for (size_t i = 0; i < b->n_partners; i++)
    g_free(b->partners[i].paths);
  g_free(b->paths);
  g_free(b->partners);
  g_free(b);
}
