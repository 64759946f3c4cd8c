/* bridges_walk.c -- the walk of bridges.c made and freed: each node's rank
 * in id order, the places of a place target's area, the ties between
 * organisations and networks each way and the organisation members of each
 * network (compressed rows, members by id), and where each organisation
 * and network is. Linear in the nodes and relations but for sorting by id
 * (bridges.c, invariant 4). */
#include <string.h>

#include "analysis/bridges_internal.h"

/* A relation that ties two organisations or networks. */
static gboolean
is_tie(const Walk *w, const KbRelation *r)
{
  switch (r->kind) {
  case KB_REL_PARTNER_OF:
  case KB_REL_FUNDS:
  case KB_REL_MEMBER_OF:
  case KB_REL_PART_OF:
    return kb_i_walk_passes(w, r->from) && kb_i_walk_passes(w, r->to);
  default:
    return FALSE;
  }
}

static int
compare_rank(const void *x, const void *y, void *rank)
{
  guint32 a = ((const guint32 *) rank)[((const Arc *) x)->other];
  guint32 b = ((const guint32 *) rank)[((const Arc *) y)->other];
  return a < b ? -1 : a > b;
}

void
kb_i_walk_init(Walk *w, const KbDataset *ds, size_t to)
{
  memset(w, 0, sizeof *w);
  size_t n = w->n = kb_dataset_node_count(ds), n_rel = kb_dataset_relation_count(ds);
  w->ds = ds;
  w->to = to;
  w->to_kind = kb_dataset_node(ds, to)->kind;
  w->from = w->sector = KB_NO_NODE;

  size_t *order = g_new(size_t, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  kb_i_sort_by_id(ds, order, n);
  w->rank = g_new(guint32, n ? n : 1);
  for (size_t p = 0; p < n; p++)
    w->rank[order[p]] = (guint32) p;
  g_free(order);

  w->area = g_new0(gboolean, n ? n : 1);
  if (kb_node_kind_is_place(w->to_kind))
    for (size_t i = 0; i < n; i++) {
      if (!kb_node_kind_is_place(kb_i_walk_kind(w, i)))
        continue;
      g_autofree size_t *up = NULL;
      size_t m = kb_dataset_enclosing_places(ds, i, &up);
      w->area[i] = i == to;
      for (size_t j = 0; j < m; j++)
        w->area[i] |= up[j] == to;
    }

  /* ties each way and memberships: count, then fill in relation order */
  w->tie_start = g_new0(size_t, n + 1);
  w->mem_start = g_new0(size_t, n + 1);
  for (size_t i = 0; i < n_rel; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (is_tie(w, r)) {
      w->tie_start[r->from + 1]++;
      w->tie_start[r->to + 1]++;
    }
    if (kb_i_walk_is_membership(w, r))
      w->mem_start[r->to + 1]++;
  }
  for (size_t i = 0; i < n; i++) {
    w->tie_start[i + 1] += w->tie_start[i];
    w->mem_start[i + 1] += w->mem_start[i];
  }
  w->ties = g_new(Arc, w->tie_start[n] + 1);
  w->members = g_new(Arc, w->mem_start[n] + 1);
  size_t *tfill = g_memdup2(w->tie_start, (n + 1) * sizeof(size_t));
  size_t *mfill = g_memdup2(w->mem_start, (n + 1) * sizeof(size_t));
  for (size_t i = 0; i < n_rel; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (is_tie(w, r)) {
      w->ties[tfill[r->from]++] = (Arc) { r->to, i };
      w->ties[tfill[r->to]++] = (Arc) { r->from, i };
    }
    if (kb_i_walk_is_membership(w, r))
      w->members[mfill[r->to]++] = (Arc) { r->from, i };
  }
  g_free(tfill);
  g_free(mfill);
  for (size_t i = 0; i < n; i++)
    if (w->mem_start[i + 1] - w->mem_start[i] > 1)
      g_qsort_with_data(w->members + w->mem_start[i], (gint) (w->mem_start[i + 1] - w->mem_start[i]),
                        sizeof(Arc), compare_rank, w->rank);

  /* where each organisation is; a network is at home when a member is
   * (an organisation at home, or a city of the home area), elsewhere when
   * every member is */
  w->loc = kb_dataset_localities(ds);
  if (kb_dataset_home(ds) != KB_NO_NODE) {
    g_autofree gboolean *area = kb_dataset_home_area(ds);
    enum { HOME = 1, AWAY = 2, UNKNOWN = 4 };
    guint8 *seen = g_new0(guint8, n ? n : 1);
    for (size_t i = 0; i < n_rel; i++) {
      const KbRelation *r = kb_dataset_relation(ds, i);
      if (r->kind != KB_REL_MEMBER_OF)
        continue;
      gboolean city = kb_i_walk_kind(w, r->from) == KB_NODE_CITY;
      if ((city && area[r->from]) || w->loc[r->from] == KB_LOCALITY_HOME)
        seen[r->to] |= HOME;
      else if (city || w->loc[r->from] == KB_LOCALITY_AWAY)
        seen[r->to] |= AWAY;
      else
        seen[r->to] |= UNKNOWN;
    }
    for (size_t i = 0; i < n; i++)
      if (kb_i_walk_kind(w, i) == KB_NODE_NETWORK)
        w->loc[i] = seen[i] & HOME ? KB_LOCALITY_HOME
                    : seen[i] == AWAY ? KB_LOCALITY_AWAY : KB_LOCALITY_UNKNOWN;
    g_free(seen);
  }

  w->reach = g_new0(guint8, n ? n : 1);
  w->why = g_new0(KbBridgeFacts *, n ? n : 1);
  w->dist = g_new(guint8, n ? n : 1);
  memset(w->dist, FAR, n);
  w->near = g_new(size_t, n ? n : 1);
  w->near_relation = g_new(size_t, n ? n : 1);
  w->near_via = g_new(size_t, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    w->near[i] = w->near_relation[i] = w->near_via[i] = KB_NO_NODE;
  w->contact = g_new0(gboolean, n ? n : 1);
  w->home = g_new0(KbBridgeFacts *, n ? n : 1);
}

void
kb_i_walk_release(Walk *w)
{
  for (size_t i = 0; i < w->n; i++) {
    g_free(w->why[i]);
    g_free(w->home[i]);
  }
  g_free(w->rank);
  g_free(w->area);
  g_free(w->loc);
  g_free(w->tie_start);
  g_free(w->ties);
  g_free(w->mem_start);
  g_free(w->members);
  g_free(w->reach);
  g_free(w->why);
  g_free(w->dist);
  g_free(w->near);
  g_free(w->near_relation);
  g_free(w->near_via);
  g_free(w->contact);
  g_free(w->home);
}
