/* candidates_home.c -- the home's side of the data, for the candidates,
 * the requests and the plan per theme: its own organisations and those of
 * its region, its partners and networks, what is abroad, and what is never
 * a candidate. */
#include <string.h>

#include "analysis/candidates_internal.h"

/* ---------------------------------------------------------------- lists */

#define KIND(k) (1u << (k))
#define TIES (KIND(KB_REL_TWINNED_WITH) | KIND(KB_REL_PARTNER_OF) | KIND(KB_REL_FUNDS))
/* The ties network proximity counts: memberships, twinnings, partnerships,
 * funding and networks within networks. */
#define PROXIMITY (TIES | KIND(KB_REL_MEMBER_OF) | KIND(KB_REL_PART_OF))

/* TRUE when 'r' is of one of the kinds (bits 1u << KbRelKind); part_of
 * only between networks. */
static gboolean
takes(const KbDataset *ds, guint kinds, const KbRelation *r)
{
  return (kinds & KIND(r->kind))
         && (r->kind != KB_REL_PART_OF || kb_dataset_node(ds, r->to)->kind == KB_NODE_NETWORK);
}

/* Lists from the relations of 'kinds': from -> to, and with 'both' to ->
 * from as well. Two passes: count, then fill. */
static void
lists_build(const KbDataset *ds, guint kinds, gboolean both, KbiLists *l)
{
  size_t n = kb_dataset_node_count(ds), m = kb_dataset_relation_count(ds);
  l->start = g_new0(size_t, n + 1);
  for (size_t i = 0; i < m; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (!takes(ds, kinds, r))
      continue;
    l->start[r->from + 1]++;
    if (both)
      l->start[r->to + 1]++;
  }
  for (size_t i = 0; i < n; i++)
    l->start[i + 1] += l->start[i];
  l->to = g_new(size_t, l->start[n] + 1);
  size_t *fill = g_memdup2(l->start, (n + 1) * sizeof(size_t));
  for (size_t i = 0; i < m; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (!takes(ds, kinds, r))
      continue;
    l->to[fill[r->from]++] = r->to;
    if (both)
      l->to[fill[r->to]++] = r->from;
  }
  g_free(fill);
}

void
kb_i_lists_release(KbiLists *l)
{
  g_clear_pointer(&l->start, g_free);
  g_clear_pointer(&l->to, g_free);
}

/* --------------------------------------------------------------- helpers */

size_t
kb_i_count_sectors(const KbDataset *ds, const size_t *orgs, size_t n)
{
  GHashTable *set = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t i = 0; i < n; i++)
    if (kb_dataset_node(ds, orgs[i])->sector != KB_NO_NODE)
      g_hash_table_add(set, GSIZE_TO_POINTER(kb_dataset_node(ds, orgs[i])->sector + 1));
  size_t k = g_hash_table_size(set);
  g_hash_table_unref(set);
  return k;
}

void
kb_i_members_where(const KbiHome *h, size_t place, const gboolean *flags, GArray *out)
{
  const GArray *m = h->ctx.members[place];
  for (guint i = 0; m != NULL && i < m->len; i++) {
    size_t org = g_array_index(m, KbiLink, i).node;
    if (flags[org])
      g_array_append_val(out, org);
  }
}

size_t *
kb_i_steal_sorted(const KbDataset *ds, GArray *a, size_t *n)
{
  size_t *v = (size_t *) a->data, k = 0;
  kb_i_sort_by_id(ds, v, a->len);
  for (guint i = 0; i < a->len; i++)
    if (k == 0 || v[k - 1] != v[i])
      v[k++] = v[i];
  *n = k;
  return (size_t *) g_array_free(a, FALSE);
}

/* Breadth-first hop counts over the proximity ties from the home and its
 * own organisations, which stand for it: a partner of one of them is one
 * tie away, a co-member of a network two. */
static size_t *
hops_from(const KbDataset *ds, const KbiHome *h)
{
  size_t n = kb_dataset_node_count(ds);
  KbiLists adj;
  lists_build(ds, PROXIMITY, TRUE, &adj);
  size_t *dist = g_new(size_t, n ? n : 1);
  size_t *queue = g_new(size_t, n ? n : 1), tail = 0;
  for (size_t i = 0; i < n; i++) {
    dist[i] = i == h->home || h->own[i] ? 0 : SIZE_MAX;
    if (dist[i] == 0)
      queue[tail++] = i;
  }
  for (size_t head = 0; head < tail; head++) {
    size_t v = queue[head];
    for (size_t j = 0; j < KB_LISTS_LEN(&adj, v); j++) {
      size_t w = KB_LISTS_ROW(&adj, v)[j];
      if (dist[w] == SIZE_MAX) {
        dist[w] = dist[v] + 1;
        queue[tail++] = w;
      }
    }
  }
  g_free(queue);
  kb_i_lists_release(&adj);
  return dist;
}

/* Marks in 'area' the home's places (for a city: itself and the places
 * inside it; for an organisation: where it is located) and in 'around' the
 * places enclosing them. */
static void
home_places(const KbDataset *ds, const KbiHome *h, gboolean *area, gboolean *around)
{
  if (h->city)
    area[h->home] = TRUE;
  else
    for (size_t j = 0; j < KB_LISTS_LEN(&h->located, h->home); j++)
      area[KB_LISTS_ROW(&h->located, h->home)[j]] = TRUE;
  for (size_t p = 0; p < h->n; p++) {
    if (!kb_node_kind_is_place(kb_dataset_node(ds, p)->kind))
      continue;
    g_autofree size_t *up = NULL;
    size_t m = kb_dataset_enclosing_places(ds, p, &up);
    for (size_t j = 0; j < m; j++) {
      if (h->city && up[j] == h->home)
        area[p] = TRUE;     /* a village or district of the home city */
      if (!h->city && area[p])
        around[up[j]] = TRUE;
    }
  }
  if (h->city) {
    g_autofree size_t *up = NULL;
    size_t m = kb_dataset_enclosing_places(ds, h->home, &up);
    for (size_t j = 0; j < m; j++)
      around[up[j]] = TRUE;
  }
}

/* abroad[p]: p lies outside the home's countries (outside the places around
 * the home, where none of them is a country). */
static void
mark_abroad(const KbDataset *ds, KbiHome *h, const gboolean *area, const gboolean *around)
{
  gboolean has_country = FALSE;
  for (size_t p = 0; p < h->n; p++)
    has_country |= around[p] && kb_dataset_node(ds, p)->kind == KB_NODE_COUNTRY;
  for (size_t p = 0; p < h->n; p++) {
    if (!kb_node_kind_is_place(kb_dataset_node(ds, p)->kind) || area[p] || around[p])
      continue;
    gboolean home_side = FALSE;
    if (has_country) {
      g_autofree size_t *up = NULL;
      size_t m = kb_dataset_enclosing_places(ds, p, &up);
      for (size_t j = 0; j < m && !home_side; j++)
        home_side = around[up[j]] && kb_dataset_node(ds, up[j])->kind == KB_NODE_COUNTRY;
    }
    h->abroad[p] = !home_side;
  }
}

/* ------------------------------------------------------------- the home */

void
kb_i_home_build(const KbDataset *ds, size_t home, KbiHome *h)
{
  memset(h, 0, sizeof *h);
  size_t n = h->n = kb_dataset_node_count(ds);
  h->home = home;
  h->city = kb_dataset_node(ds, home)->kind == KB_NODE_CITY;
  lists_build(ds, TIES, TRUE, &h->ties);
  lists_build(ds, KIND(KB_REL_MEMBER_OF), FALSE, &h->nets);
  lists_build(ds, KIND(KB_REL_WORKS_ON), FALSE, &h->themes);
  lists_build(ds, KIND(KB_REL_LOCATED_IN), FALSE, &h->located);
  lists_build(ds, KIND(KB_REL_ACTIVE_IN), FALSE, &h->active);
  kb_i_contexts_build(ds, &h->ctx);
  h->own = g_new0(gboolean, n);
  h->backer = g_new0(gboolean, n);
  h->region = g_new0(gboolean, n);
  h->excluded = g_new0(gboolean, n);
  h->abroad = g_new0(gboolean, n);
  h->partner = g_new0(gboolean, n);
  h->home_net = g_new0(gboolean, n);

  g_autofree gboolean *area = g_new0(gboolean, n);
  g_autofree gboolean *around = g_new0(gboolean, n);
  home_places(ds, h, area, around);
  mark_abroad(ds, h, area, around);
  h->excluded[home] = TRUE;
  for (size_t p = 0; p < n; p++)
    h->excluded[p] |= area[p] || around[p];
  /* the own organisations: located in the home's area */
  for (size_t i = 0; h->city && i < n; i++)
    for (size_t j = 0; j < KB_LISTS_LEN(&h->located, i); j++)
      h->own[i] |= area[KB_LISTS_ROW(&h->located, i)[j]]
                   && kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION;
  h->own[home] |= !h->city;
  /* partners: of the home, and of its own organisations */
  for (size_t i = 0; i < n; i++) {
    if (!h->own[i] && i != home)
      continue;
    h->excluded[i] = TRUE;
    h->backer[i] = h->own[i];
    for (size_t j = 0; j < KB_LISTS_LEN(&h->ties, i); j++) {
      size_t p = KB_LISTS_ROW(&h->ties, i)[j];
      if (i == home || (kb_dataset_node(ds, p)->kind == KB_NODE_ORGANISATION && !h->own[p]))
        h->partner[p] = TRUE;
    }
    for (size_t j = 0; j < KB_LISTS_LEN(&h->nets, i); j++)
      h->home_net[KB_LISTS_ROW(&h->nets, i)[j]] = TRUE;
  }
  h->partner[home] = FALSE;
  /* an organisation's partners back it too */
  if (!h->city)
    for (size_t j = 0; j < KB_LISTS_LEN(&h->ties, home); j++) {
      size_t p = KB_LISTS_ROW(&h->ties, home)[j];
      if (kb_dataset_node(ds, p)->kind == KB_NODE_ORGANISATION)
        h->backer[p] = TRUE;
    }
  /* the region: organisations at a region around the home city */
  g_autofree gboolean *others = g_new(gboolean, n);
  for (size_t i = 0; i < n; i++)
    others[i] = kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION && !h->own[i];
  g_autoptr(GArray) there = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t r = 0; h->city && r < n; r++)
    if (around[r] && kb_dataset_node(ds, r)->kind == KB_NODE_REGION)
      kb_i_members_where(h, r, others, there);
  for (guint i = 0; i < there->len; i++)
    h->region[g_array_index(there, size_t, i)] = TRUE;
  h->hops = hops_from(ds, h);
  g_autoptr(GArray) backers = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < n; i++)
    if (h->backer[i])
      g_array_append_val(backers, i);
  h->n_backers = backers->len;
  h->n_backer_sectors = kb_i_count_sectors(ds, (size_t *) backers->data, backers->len);
}

void
kb_i_home_release(KbiHome *h)
{
  kb_i_lists_release(&h->ties);
  kb_i_lists_release(&h->nets);
  kb_i_lists_release(&h->themes);
  kb_i_lists_release(&h->located);
  kb_i_lists_release(&h->active);
  kb_i_contexts_release(&h->ctx);
  g_free(h->own);
  g_free(h->backer);
  g_free(h->region);
  g_free(h->excluded);
  g_free(h->abroad);
  g_free(h->partner);
  g_free(h->home_net);
  g_free(h->hops);
  memset(h, 0, sizeof *h);
}
