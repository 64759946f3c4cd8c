/* context.c -- the contexts each organisation shares with others: places
 * (rolled up), themes, networks (rolled up) and partners. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"

const char *
kb_context_kind_name(KbContextKind kind)
{
  static const char *const names[KB_CONTEXT_KIND_COUNT] = { "place", "theme", "network",
                                                            "partner" };
  g_return_val_if_fail(kind < KB_CONTEXT_KIND_COUNT, "?");
  return names[kind];
}

guint
kb_i_pair_hash(gconstpointer key)
{
  guint64 x = (guint64) *(const gint64 *) key;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return (guint) x;
}

int
kb_i_compare_ids(const KbDataset *ds, size_t a, size_t b)
{
  return strcmp(kb_dataset_node(ds, a)->id, kb_dataset_node(ds, b)->id);
}

static int
compare_ids_r(const void *x, const void *y, void *ds)
{
  return kb_i_compare_ids(ds, *(const size_t *) x, *(const size_t *) y);
}

void
kb_i_sort_by_id(const KbDataset *ds, size_t *nodes, size_t n)
{
  g_qsort_with_data(nodes, (gint) n, sizeof(size_t), (GCompareDataFunc) compare_ids_r,
                    (gpointer) ds);
}

size_t
kb_i_enclosing_networks(const KbDataset *ds, size_t network, size_t **out)
{
  GArray *found = g_array_new(FALSE, FALSE, sizeof(size_t));
  size_t current = network;
  for (size_t head = 0;; current = g_array_index(found, size_t, head++)) {
    for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
      const KbRelation *r = kb_dataset_relation(ds, i);
      if (r->kind != KB_REL_PART_OF || r->from != current
          || kb_dataset_node(ds, r->to)->kind != KB_NODE_NETWORK)
        continue;
      gboolean seen = r->to == network;
      for (guint j = 0; j < found->len && !seen; j++)
        seen = g_array_index(found, size_t, j) == r->to;
      if (!seen)
        g_array_append_val(found, r->to);
    }
    if (head == found->len)
      break;
  }
  size_t n = found->len;
  *out = n ? (size_t *) g_array_free(found, FALSE) : (g_array_free(found, TRUE), NULL);
  return n;
}

/* Adds (or merges) a link to 'list', keyed by node. */
static void
link_add(GHashTable *index, GArray *list, size_t node, KbContextKind kind, int since)
{
  gpointer at = g_hash_table_lookup(index, GSIZE_TO_POINTER(node + 1));
  if (at == NULL) {
    KbiLink l = { node, kind, since, 1 };
    g_array_append_val(list, l);
    g_hash_table_insert(index, GSIZE_TO_POINTER(node + 1), GUINT_TO_POINTER(list->len));
    return;
  }
  KbiLink *l = &g_array_index(list, KbiLink, GPOINTER_TO_UINT(at) - 1);
  l->relations++;
  if (since != KB_NO_YEAR && (l->first_year == KB_NO_YEAR || since < l->first_year))
    l->first_year = since;
}

static int
compare_links(const void *x, const void *y)
{
  size_t a = ((const KbiLink *) x)->node, b = ((const KbiLink *) y)->node;
  return a < b ? -1 : a > b;
}

void
kb_i_contexts_build(const KbDataset *ds, KbiContexts *ctx)
{
  size_t n = kb_dataset_node_count(ds);
  ctx->n_nodes = n;
  ctx->of_org = g_new0(GArray *, n);
  ctx->members = g_new0(GArray *, n);
  GHashTable **index = g_new0(GHashTable *, n);
  for (size_t i = 0; i < n; i++)
    if (kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION) {
      ctx->of_org[i] = g_array_new(FALSE, FALSE, sizeof(KbiLink));
      index[i] = g_hash_table_new(g_direct_hash, g_direct_equal);
    }

  /* network roll-up, computed once per network */
  size_t **up_nets = g_new0(size_t *, n);
  size_t *n_up_nets = g_new0(size_t, n);
  for (size_t i = 0; i < n; i++)
    if (kb_dataset_node(ds, i)->kind == KB_NODE_NETWORK)
      n_up_nets[i] = kb_i_enclosing_networks(ds, i, &up_nets[i]);

  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    KbNodeKind fk = kb_dataset_node(ds, r->from)->kind, tk = kb_dataset_node(ds, r->to)->kind;
    /* a partnership between a network and an organisation, written either way */
    if (r->kind == KB_REL_PARTNER_OF && fk == KB_NODE_NETWORK && tk == KB_NODE_ORGANISATION) {
      link_add(index[r->to], ctx->of_org[r->to], r->from, KB_CONTEXT_NETWORK, r->since);
      continue;
    }
    if (fk != KB_NODE_ORGANISATION)
      continue;
    size_t org = r->from;
    switch (r->kind) {
    case KB_REL_ACTIVE_IN:
    case KB_REL_LOCATED_IN: {
      link_add(index[org], ctx->of_org[org], r->to, KB_CONTEXT_PLACE, r->since);
      g_autofree size_t *up = NULL;
      size_t m = kb_dataset_enclosing_places(ds, r->to, &up);
      for (size_t j = 0; j < m; j++)
        link_add(index[org], ctx->of_org[org], up[j], KB_CONTEXT_PLACE, r->since);
      break;
    }
    case KB_REL_WORKS_ON:
      link_add(index[org], ctx->of_org[org], r->to, KB_CONTEXT_THEME, r->since);
      break;
    case KB_REL_MEMBER_OF:
      link_add(index[org], ctx->of_org[org], r->to, KB_CONTEXT_NETWORK, r->since);
      for (size_t j = 0; j < n_up_nets[r->to]; j++)
        link_add(index[org], ctx->of_org[org], up_nets[r->to][j], KB_CONTEXT_NETWORK, r->since);
      break;
    case KB_REL_PARTNER_OF:
    case KB_REL_FUNDS:
      if (tk == KB_NODE_NETWORK) {
        link_add(index[org], ctx->of_org[org], r->to, KB_CONTEXT_NETWORK, r->since);
      } else if (tk == KB_NODE_ORGANISATION) {
        link_add(index[org], ctx->of_org[org], r->to, KB_CONTEXT_PARTNER, r->since);
        link_add(index[r->to], ctx->of_org[r->to], org, KB_CONTEXT_PARTNER, r->since);
      }
      break;
    default:
      break;
    }
  }
  for (size_t i = 0; i < n; i++) {
    g_free(up_nets[i]);
    if (index[i])
      g_hash_table_unref(index[i]);
  }
  g_free(up_nets);
  g_free(n_up_nets);
  g_free(index);

  /* members of each context, from the organisations' side */
  for (size_t org = 0; org < n; org++) {
    if (ctx->of_org[org] == NULL)
      continue;
    g_array_sort(ctx->of_org[org], compare_links);
    for (guint j = 0; j < ctx->of_org[org]->len; j++) {
      const KbiLink *l = &g_array_index(ctx->of_org[org], KbiLink, j);
      if (ctx->members[l->node] == NULL)
        ctx->members[l->node] = g_array_new(FALSE, FALSE, sizeof(KbiLink));
      KbiLink m = { org, l->kind, l->first_year, l->relations };
      g_array_append_val(ctx->members[l->node], m);   /* org ascends: sorted */
    }
  }
}

void
kb_i_contexts_release(KbiContexts *ctx)
{
  for (size_t i = 0; i < ctx->n_nodes; i++) {
    if (ctx->of_org[i])
      g_array_unref(ctx->of_org[i]);
    if (ctx->members[i])
      g_array_unref(ctx->members[i]);
  }
  g_free(ctx->of_org);
  g_free(ctx->members);
  memset(ctx, 0, sizeof *ctx);
}
