/* context.c -- the contexts each organisation shares with others: places
 * (rolled up), themes, networks (rolled up) and partners. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_internal.h"
#include "base/closure.h"

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

size_t *
kb_i_nodes_by_id(const KbDataset *ds, KbNodeKind kind, size_t *n, size_t **pos)
{
  size_t n_nodes = kb_dataset_node_count(ds);
  GArray *of_kind = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < n_nodes; i++)
    if (kb_dataset_node(ds, i)->kind == kind)
      g_array_append_val(of_kind, i);
  kb_i_sort_by_id(ds, (size_t *) of_kind->data, of_kind->len);
  *n = of_kind->len;
  size_t *nodes = (size_t *) g_array_free(of_kind, FALSE);
  if (pos == NULL)
    return nodes;
  *pos = g_new(size_t, n_nodes ? n_nodes : 1);
  for (size_t i = 0; i < n_nodes; i++)
    (*pos)[i] = KB_NO_NODE;
  for (size_t p = 0; p < *n; p++)
    (*pos)[nodes[p]] = p;
  return nodes;
}

/* The networks each network is part of, directly or not: one pass over the
 * relations for the part_of arcs, then a breadth-first walk per network
 * that has any. */
static void
rollup_networks(const KbDataset *ds, KbiRollup *roll)
{
  size_t n = roll->n;
  size_t *offsets = g_new0(size_t, n + 1);
  size_t n_rel = kb_dataset_relation_count(ds);
  for (size_t i = 0; i < n_rel; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind == KB_REL_PART_OF && kb_dataset_node(ds, r->to)->kind == KB_NODE_NETWORK)
      offsets[r->from + 1]++;
  }
  for (size_t i = 0; i < n; i++)
    offsets[i + 1] += offsets[i];
  size_t *targets = g_new(size_t, offsets[n] ? offsets[n] : 1);
  size_t *fill = g_memdup2(offsets, (n + 1) * sizeof(size_t));
  for (size_t i = 0; i < n_rel; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind == KB_REL_PART_OF && kb_dataset_node(ds, r->to)->kind == KB_NODE_NETWORK)
      targets[fill[r->from]++] = r->to;
  }
  g_free(fill);
  for (size_t net = 0; net < n; net++) {
    if (kb_dataset_node(ds, net)->kind != KB_NODE_NETWORK || offsets[net] == offsets[net + 1])
      continue;
    roll->n_up[net] = kb_i_closure(offsets, targets, net, &roll->up[net]);
  }
  g_free(offsets);
  g_free(targets);
}

void
kb_i_rollup_build(const KbDataset *ds, KbiRollup *roll)
{
  size_t n = kb_dataset_node_count(ds);
  roll->n = n;
  roll->up = g_new0(size_t *, n ? n : 1);
  roll->n_up = g_new0(size_t, n ? n : 1);
  rollup_networks(ds, roll);
  for (size_t i = 0; i < n; i++) {
    if (kb_node_kind_is_place(kb_dataset_node(ds, i)->kind))
      roll->n_up[i] = kb_dataset_enclosing_places(ds, i, &roll->up[i]);
  }
}

void
kb_i_rollup_release(KbiRollup *roll)
{
  for (size_t i = 0; i < roll->n; i++)
    g_free(roll->up[i]);
  g_free(roll->up);
  g_free(roll->n_up);
  memset(roll, 0, sizeof *roll);
}

/* One link and the links to what encloses its context. */
static void
emit_up(const KbiRollup *roll, size_t org, size_t context, KbContextKind kind, int since,
        KbiLinkFunc func, gpointer data)
{
  func(org, context, kind, since, data);
  for (size_t j = 0; j < roll->n_up[context]; j++)
    func(org, roll->up[context][j], kind, since, data);
}

void
kb_i_relation_links(const KbDataset *ds, const KbiRollup *roll, const KbRelation *r,
                    KbiLinkFunc func, gpointer data)
{
  KbNodeKind fk = kb_dataset_node(ds, r->from)->kind, tk = kb_dataset_node(ds, r->to)->kind;
  /* a partnership between a network and an organisation, written either way */
  if (r->kind == KB_REL_PARTNER_OF && fk == KB_NODE_NETWORK && tk == KB_NODE_ORGANISATION) {
    func(r->to, r->from, KB_CONTEXT_NETWORK, r->since, data);
    return;
  }
  if (fk != KB_NODE_ORGANISATION)
    return;
  size_t org = r->from;
  switch (r->kind) {
  case KB_REL_ACTIVE_IN:
  case KB_REL_LOCATED_IN:
    emit_up(roll, org, r->to, KB_CONTEXT_PLACE, r->since, func, data);
    break;
  case KB_REL_WORKS_ON:
    func(org, r->to, KB_CONTEXT_THEME, r->since, data);
    break;
  case KB_REL_MEMBER_OF:
    emit_up(roll, org, r->to, KB_CONTEXT_NETWORK, r->since, func, data);
    break;
  case KB_REL_PARTNER_OF:
  case KB_REL_FUNDS:
    if (tk == KB_NODE_NETWORK) {
      func(org, r->to, KB_CONTEXT_NETWORK, r->since, data);
    } else if (tk == KB_NODE_ORGANISATION) {
      func(org, r->to, KB_CONTEXT_PARTNER, r->since, data);
      func(r->to, org, KB_CONTEXT_PARTNER, r->since, data);
    }
    break;
  default:
    break;
  }
}

/* One link as it comes, before the links of an organisation to one node
 * are merged. */
typedef struct {
  size_t org, node;
  KbContextKind kind;
  int since;
} RawLink;

typedef struct {
  RawLink *links;           /* NULL while counting */
  size_t n;
} RawLinks;

static void
link_add(size_t org, size_t node, KbContextKind kind, int since, gpointer data)
{
  RawLinks *r = data;
  if (r->links != NULL)
    r->links[r->n] = (RawLink) { org, node, kind, since };
  r->n++;
}

static int
compare_raw(const void *x, const void *y)
{
  size_t a = ((const RawLink *) x)->node, b = ((const RawLink *) y)->node;
  return a < b ? -1 : a > b;
}

/* All links in one array, sorted by organisation (a counting sort) and
 * then by node, each run of one node merged into one link: no table per
 * organisation, and every list allocated at its size. A context's kind
 * follows from its node's kind, so the links merged agree on it. */
void
kb_i_contexts_build(const KbDataset *ds, KbiContexts *ctx)
{
  size_t n = kb_dataset_node_count(ds);
  ctx->n_nodes = n;
  ctx->of_org = g_new0(GArray *, n ? n : 1);
  ctx->members = g_new0(GArray *, n ? n : 1);
  /* two passes over the relations: count the links, then fill them in */
  RawLinks raw = { NULL, 0 };
  KbiRollup roll;
  kb_i_rollup_build(ds, &roll);
  for (int pass = 0; pass < 2; pass++) {
    if (pass == 1)
      raw = (RawLinks) { g_new(RawLink, raw.n + 1), 0 };
    for (size_t i = 0; i < kb_dataset_relation_count(ds); i++)
      kb_i_relation_links(ds, &roll, kb_dataset_relation(ds, i), link_add, &raw);
  }
  kb_i_rollup_release(&roll);

  size_t *start = g_new0(size_t, n + 1);
  for (size_t i = 0; i < raw.n; i++)
    start[raw.links[i].org + 1]++;
  for (size_t i = 0; i < n; i++)
    start[i + 1] += start[i];
  RawLink *by_org = g_new(RawLink, raw.n + 1);
  size_t *fill = g_memdup2(start, (n + 1) * sizeof(size_t));
  for (size_t i = 0; i < raw.n; i++)
    by_org[fill[raw.links[i].org]++] = raw.links[i];
  g_free(fill);
  g_free(raw.links);

  size_t *size = g_new0(size_t, n + 1);
  for (size_t org = 0; org < n; org++) {
    if (kb_dataset_node(ds, org)->kind != KB_NODE_ORGANISATION)
      continue;
    RawLink *l = by_org + start[org];
    size_t len = start[org + 1] - start[org], kept = 0;
    qsort(l, len, sizeof(RawLink), compare_raw);
    for (size_t j = 0; j < len; j++)
      kept += j == 0 || l[j].node != l[j - 1].node;
    GArray *list = ctx->of_org[org] = g_array_sized_new(FALSE, FALSE, sizeof(KbiLink), (guint) kept);
    for (size_t j = 0; j < len; j++) {
      if (j > 0 && l[j].node == l[j - 1].node) {
        KbiLink *last = &g_array_index(list, KbiLink, list->len - 1);
        last->relations++;
        if (l[j].since != KB_NO_YEAR && (last->first_year == KB_NO_YEAR || l[j].since < last->first_year))
          last->first_year = l[j].since;
        continue;
      }
      KbiLink k = { l[j].node, l[j].kind, l[j].since, 1 };
      g_array_append_val(list, k);
      size[l[j].node]++;
    }
  }
  g_free(by_org);
  g_free(start);

  /* members of each context, from the organisations' side */
  for (size_t org = 0; org < n; org++) {
    if (ctx->of_org[org] == NULL)
      continue;
    for (guint j = 0; j < ctx->of_org[org]->len; j++) {
      const KbiLink *l = &g_array_index(ctx->of_org[org], KbiLink, j);
      if (ctx->members[l->node] == NULL)
        ctx->members[l->node] = g_array_sized_new(FALSE, FALSE, sizeof(KbiLink),
                                                  (guint) size[l->node]);
      KbiLink m = { org, l->kind, l->first_year, l->relations };
      g_array_append_val(ctx->members[l->node], m);   /* org ascends: sorted */
    }
  }
  g_free(size);
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

typedef struct {
  size_t size, node;
} Sized;

static int
compare_sized(const void *x, const void *y)
{
  const Sized *a = x, *b = y;
  if (a->size != b->size)
    return a->size < b->size ? -1 : 1;
  return a->node < b->node ? -1 : a->node > b->node;
}

size_t
kb_i_contexts_by_size(const size_t *size, size_t n, size_t *order)
{
  Sized *s = g_new(Sized, n ? n : 1);
  size_t k = 0;
  for (size_t c = 0; c < n; c++)
    if (size[c] != 0)
      s[k++] = (Sized) { size[c], c };
  qsort(s, k, sizeof *s, compare_sized);
  for (size_t i = 0; i < k; i++)
    order[i] = s[i].node;
  g_free(s);
  return k;
}
