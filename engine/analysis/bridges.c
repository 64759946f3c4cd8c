/* bridges.c -- who can introduce a start to a target: those there, those
 * there through a network, and a first step to them, ranked by how directly
 * they reach the target and how close they are to the start (analysis.h
 * states the rule, the README explains it).
 *
 * A pass over the relations builds the ties between organisations and
 * networks (partner_of, funds, member_of and part_of, each way) and the
 * organisation members of each network, by id (bridges_walk.c). Then, in
 * order:
 *
 *   1. reach THERE, from the relations that put a node at the target;
 *   2. reach NETWORK: the networks with a member city inside a place target,
 *      the members of the networks there, and the platforms;
 *   3. the start, and distances from it, a level at a time, up to two;
 *   4. reach STEP: the ties of those there whom the start does not reach in
 *      one step itself;
 *   5. the contacts and their ties at home; closeness, score and order.
 *
 * Invariants:
 *   (1) Facts come a level at a time, the highest reach first, so a node's
 *       reach only grows from none, and it keeps the facts of that reach
 *       alone: a fact of a lower reach is dropped.
 *   (2) A list keeps the first KB_BRIDGES_FACTS facts by fact_compare(),
 *       whatever order they come in, and 'more' says whether there were
 *       others: every source offers all its facts, but a network's fellow
 *       members, who are offered the first KB_BRIDGES_FACTS + 2 by id that
 *       give one (enough to keep the first KB_BRIDGES_FACTS other than the
 *       member itself and to see that there are more).
 *   (3) dist[] is set a level at a time, so a node's distance is its least;
 *       its 'near' is the first node of the level before that reaches it,
 *       by a relation before a shared network, and then by id.
 *   (4) The work is linear in the nodes and relations (the fellows of (2)
 *       add at most KB_BRIDGES_FACTS + 1 offers per membership), but for
 *       sorting nodes and members by id. */
#include <string.h>

#include "analysis/bridges_internal.h"

const char *
kb_reach_name(KbReach reach)
{
  static const char *const names[] = { "none", "first step", "network", "there" };
  g_return_val_if_fail(reach <= KB_REACH_THERE, "?");
  return names[reach];
}

const char *
kb_closeness_name(KbCloseness close)
{
  static const char *const names[] = { "none", "elsewhere", "further", "two steps", "tied",
                                       "peer" };
  g_return_val_if_fail(close <= KB_CLOSE_PEER, "?");
  return names[close];
}

/* ---------------------------------------------------------------- facts */

static int
compare_nodes(const Walk *w, size_t a, size_t b)
{
  if (a == b)
    return 0;
  if (a == KB_NO_NODE || b == KB_NO_NODE)
    return a == KB_NO_NODE ? 1 : -1;
  return w->rank[a] < w->rank[b] ? -1 : 1;
}

/* The order of facts in a list: the target first, then by the node named,
 * the relation, the network. */
static int
fact_compare(const Walk *w, const KbBridgeFact *a, const KbBridgeFact *b)
{
  if ((a->node == w->to) != (b->node == w->to))
    return a->node == w->to ? -1 : 1;
  int c = compare_nodes(w, a->node, b->node);
  if (c != 0)
    return c;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->relation != b->relation)
    return a->relation < b->relation ? -1 : 1;
  return compare_nodes(w, a->via, b->via);
}

/* Adds 'f' to the list in *slot (made when NULL), as invariant 2 says. A
 * fact naming a node the list names already (but a RELATION fact) takes
 * the place of that one when it comes first. */
static void
facts_offer(const Walk *w, KbBridgeFacts **slot, const KbBridgeFact *f)
{
  if (*slot == NULL)
    *slot = g_new0(KbBridgeFacts, 1);
  KbBridgeFacts *l = *slot;
  if (f->kind != KB_FACT_RELATION)
    for (size_t i = 0; i < l->n; i++)
      if (l->facts[i].kind == f->kind && l->facts[i].node == f->node) {
        if (fact_compare(w, f, &l->facts[i]) >= 0)
          return;
        memmove(&l->facts[i], &l->facts[i + 1], (l->n - i - 1) * sizeof *f);
        l->n--;
        break;
      }
  size_t pos = l->n;
  while (pos > 0 && fact_compare(w, f, &l->facts[pos - 1]) < 0)
    pos--;
  if (pos == KB_BRIDGES_FACTS) {
    l->more = TRUE;
    return;
  }
  if (l->n == KB_BRIDGES_FACTS) {
    l->more = TRUE;
    l->n--;
  }
  memmove(&l->facts[pos + 1], &l->facts[pos], (l->n - pos) * sizeof *f);
  l->facts[pos] = *f;
  l->n++;
}

/* Node v reaches the target at 'level' by 'f'. */
static void
reach_offer(Walk *w, size_t v, KbReach level, const KbBridgeFact *f)
{
  if (v == w->to || w->reach[v] > level)      /* invariant 1 */
    return;
  if (w->reach[v] < level) {
    g_assert(w->reach[v] == KB_REACH_NONE);   /* invariant 1 */
    w->reach[v] = (guint8) level;
  }
  facts_offer(w, &w->why[v], f);
}

static KbBridgeFact
relation_fact(size_t node, size_t relation)
{
  return (KbBridgeFact) { KB_FACT_RELATION, node, relation, KB_NO_RELATION, KB_NO_NODE };
}

/* The relation that puts v there, named first among its facts. */
static size_t
first_relation(const Walk *w, size_t v)
{
  g_assert(w->why[v] != NULL && w->why[v]->n > 0);
  return w->why[v]->facts[0].relation;
}

/* -------------------------------------------------------------- 1. there */

/* What relation i says of who is at the target. */
static void
there_from(Walk *w, size_t i)
{
  const KbRelation *r = kb_dataset_relation(w->ds, i);
  size_t a = r->from, b = r->to, to = w->to;
  KbBridgeFact at_b = relation_fact(b, i), at_a = relation_fact(a, i);
  switch (w->to_kind) {
  case KB_NODE_CITY:
  case KB_NODE_REGION:
  case KB_NODE_COUNTRY:
    if ((r->kind == KB_REL_ACTIVE_IN || r->kind == KB_REL_LOCATED_IN) && w->area[b]
        && kb_i_walk_passes(w, a))
      reach_offer(w, a, KB_REACH_THERE, &at_b);
    break;
  case KB_NODE_ORGANISATION:
  case KB_NODE_NETWORK:
    if (r->kind == KB_REL_PARTNER_OF || r->kind == KB_REL_FUNDS) {
      if (a == to && kb_i_walk_passes(w, b))
        reach_offer(w, b, KB_REACH_THERE, &at_a);
      else if (b == to && kb_i_walk_passes(w, a))
        reach_offer(w, a, KB_REACH_THERE, &at_b);
    } else if (r->kind == KB_REL_MEMBER_OF && w->to_kind == KB_NODE_ORGANISATION && a == to) {
      reach_offer(w, b, KB_REACH_THERE, &at_a);       /* the target is its member */
    } else if ((r->kind == KB_REL_MEMBER_OF || r->kind == KB_REL_PART_OF)
               && w->to_kind == KB_NODE_NETWORK && b == to && kb_i_walk_passes(w, a)) {
      reach_offer(w, a, KB_REACH_THERE, &at_b);
    }
    break;
  case KB_NODE_THEME:
    if (r->kind == KB_REL_WORKS_ON && b == to && kb_i_walk_passes(w, a))
      reach_offer(w, a, KB_REACH_THERE, &at_b);
    break;
  case KB_NODE_SECTOR:
  case KB_NODE_KIND_COUNT:
    break;
  }
}

/* ------------------------------------------------------------ 2. network */

static void
reach_through_networks(Walk *w)
{
  const KbDataset *ds = w->ds;
  size_t n_rel = kb_dataset_relation_count(ds);
  /* a network with a member city inside a place target is there */
  for (size_t i = 0; i < n_rel; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind == KB_REL_MEMBER_OF && kb_i_walk_kind(w, r->from) == KB_NODE_CITY
        && w->area[r->from]) {
      KbBridgeFact f = relation_fact(r->from, i);
      reach_offer(w, r->to, KB_REACH_NETWORK, &f);
    }
  }
  /* the networks there, as they stand now: there themselves or by a city */
  gboolean *there = g_new0(gboolean, w->n ? w->n : 1);
  for (size_t v = 0; v < w->n; v++)
    there[v] = kb_i_walk_kind(w, v) == KB_NODE_NETWORK && w->reach[v] >= KB_REACH_NETWORK;
  for (size_t net = 0; net < w->n; net++)
    for (size_t j = w->mem_start[net]; j < w->mem_start[net + 1]; j++) {
      size_t m = w->members[j].other, rel = w->members[j].relation;
      if (there[net]) {
        /* a member of a network there */
        KbBridgeFact f = { KB_FACT_NETWORK, net, rel, first_relation(w, net), KB_NO_NODE };
        reach_offer(w, m, KB_REACH_NETWORK, &f);
      } else if (w->reach[m] == KB_REACH_THERE && m != w->from) {
        /* a platform: a member is there (the start's own membership aside) */
        KbBridgeFact f = { KB_FACT_MEMBER, m, rel, first_relation(w, m), KB_NO_NODE };
        reach_offer(w, net, KB_REACH_NETWORK, &f);
      }
    }
  g_free(there);
}

/* ------------------------------------------------------------ 3. the start */

static int
compare_by_rank(const void *x, const void *y, void *rank)
{
  guint32 a = ((const guint32 *) rank)[*(const size_t *) x];
  guint32 b = ((const guint32 *) rank)[*(const size_t *) y];
  return a < b ? -1 : a > b;
}

static void
sort_level(const Walk *w, GArray *level)
{
  g_array_sort_with_data(level, compare_by_rank, w->rank);
}

static void
set_dist(Walk *w, GArray *next, size_t v, guint8 d, size_t near, size_t relation, size_t via)
{
  w->dist[v] = d;
  w->near[v] = near;
  w->near_relation[v] = relation;
  w->near_via[v] = via;
  g_array_append_val(next, v);
}

/* The nodes one step from 'level' (at distance d - 1, in id order) that
 * have no distance yet, at distance d (invariant 3). 'expanded' marks the
 * networks whose members were reached as fellows already. */
static GArray *
step_out(Walk *w, GArray *level, guint8 d, gboolean *expanded)
{
  GArray *next = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (guint k = 0; k < level->len; k++) {
    size_t x = g_array_index(level, size_t, k);
    for (size_t j = w->tie_start[x]; j < w->tie_start[x + 1]; j++)
      if (w->dist[w->ties[j].other] == FAR)
        set_dist(w, next, w->ties[j].other, d, x, w->ties[j].relation, KB_NO_NODE);
  }
  for (guint k = 0; k < level->len; k++) {
    size_t x = g_array_index(level, size_t, k);
    for (size_t j = w->tie_start[x]; j < w->tie_start[x + 1]; j++) {
      const KbRelation *r = kb_dataset_relation(w->ds, w->ties[j].relation);
      size_t net = r->to;
      if (!kb_i_walk_is_membership(w, r) || r->from != x || expanded[net])
        continue;
      expanded[net] = TRUE;
      for (size_t m = w->mem_start[net]; m < w->mem_start[net + 1]; m++)
        if (w->dist[w->members[m].other] == FAR)
          set_dist(w, next, w->members[m].other, d, x, KB_NO_RELATION, net);
    }
  }
  sort_level(w, next);
  return next;
}

/* Distances from the starts (an array of nodes), up to two steps. */
static void
distances(Walk *w, GArray *starts)
{
  for (guint k = 0; k < starts->len; k++)
    w->dist[g_array_index(starts, size_t, k)] = 0;
  sort_level(w, starts);
  gboolean *expanded = g_new0(gboolean, w->n ? w->n : 1);
  GArray *one = step_out(w, starts, 1, expanded);
  GArray *two = step_out(w, one, 2, expanded);
  g_array_unref(one);
  g_array_unref(two);
  g_free(expanded);
}

/* A newcomer is one step from the organisations located in its place (or a
 * place inside it), and two from the networks of the home. */
static void
newcomer_distances(Walk *w, size_t place)
{
  const KbDataset *ds = w->ds;
  gboolean *inside = g_new0(gboolean, w->n ? w->n : 1);
  for (size_t i = 0; i < w->n; i++) {
    if (!kb_node_kind_is_place(kb_i_walk_kind(w, i)))
      continue;
    g_autofree size_t *up = NULL;
    size_t m = kb_dataset_enclosing_places(ds, i, &up);
    inside[i] = i == place;
    for (size_t j = 0; j < m; j++)
      inside[i] |= up[j] == place;
  }
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind == KB_REL_LOCATED_IN && kb_i_walk_kind(w, r->from) == KB_NODE_ORGANISATION
        && inside[r->to] && w->dist[r->from] == FAR) {
      w->dist[r->from] = 1;
      w->near[r->from] = r->to;
      w->near_relation[r->from] = i;
    }
  }
  for (size_t v = 0; v < w->n; v++)
    if (kb_i_walk_kind(w, v) == KB_NODE_NETWORK && w->loc[v] == KB_LOCALITY_HOME
        && w->dist[v] == FAR)
      w->dist[v] = 2;
  g_free(inside);
}

/* ---------------------------------------------------------- 4. first step */

typedef gboolean (*Pick)(const Walk *w, size_t v);
typedef void (*Offer)(Walk *w, size_t v, const KbBridgeFact *f);

/* Offers each node 'takes' picks a TIE fact to every node 'gives' picks that
 * it is tied to: by a relation, or as fellow members of a network, of whom
 * it is offered the first FELLOWS by id (invariant 2). */
static void
offer_ties(Walk *w, Pick takes, Pick gives, Offer offer)
{
  for (size_t v = 0; v < w->n; v++) {
    if (!takes(w, v))
      continue;
    for (size_t j = w->tie_start[v]; j < w->tie_start[v + 1]; j++)
      if (gives(w, w->ties[j].other)) {
        KbBridgeFact f = { KB_FACT_TIE, w->ties[j].other, w->ties[j].relation, KB_NO_RELATION,
                           KB_NO_NODE };
        offer(w, v, &f);
      }
  }
  size_t firsts[FELLOWS];
  for (size_t net = 0; net < w->n; net++) {
    size_t k = 0;
    for (size_t j = w->mem_start[net]; j < w->mem_start[net + 1] && k < FELLOWS; j++)
      if (gives(w, w->members[j].other))
        firsts[k++] = w->members[j].other;
    if (k == 0)
      continue;
    for (size_t j = w->mem_start[net]; j < w->mem_start[net + 1]; j++) {
      size_t m = w->members[j].other;
      if (!takes(w, m))
        continue;
      for (size_t i = 0; i < k; i++)
        if (firsts[i] != m) {
          KbBridgeFact f = { KB_FACT_TIE, firsts[i], KB_NO_RELATION, KB_NO_RELATION, net };
          offer(w, m, &f);
        }
    }
  }
}

/* One whom the start does not reach in one step itself: a newcomer reaches
 * those in its place and the networks of the home. */
static gboolean
beyond_start(const Walk *w, size_t v)
{
  return w->dist[v] != 0 && w->dist[v] != 1 && !(w->newcomer && w->dist[v] == 2);
}

static gboolean
credits(const Walk *w, size_t v)
{
  return w->reach[v] >= KB_REACH_NETWORK && beyond_start(w, v);
}

static gboolean
may_step(const Walk *w, size_t v)
{
  return kb_i_walk_passes(w, v) && w->reach[v] < KB_REACH_NETWORK && w->dist[v] != 0 && v != w->to;
}

/* A member of a network there would be there through it, so the network
 * that gives a member a step is a platform, there only by its members:
 * the member is credited for those, as their fellow, not for the platform. */
static void
offer_step(Walk *w, size_t v, const KbBridgeFact *f)
{
  if (f->relation != KB_NO_RELATION
      && kb_dataset_relation(w->ds, f->relation)->kind == KB_REL_MEMBER_OF
      && kb_i_walk_kind(w, f->node) == KB_NODE_NETWORK)
    return;
  reach_offer(w, v, KB_REACH_STEP, f);
}

/* ------------------------------------------------------------ 5. contacts */

static void
find_contacts(Walk *w)
{
  if (!kb_node_kind_is_place(w->to_kind))
    return;
  for (size_t i = 0; i < kb_dataset_relation_count(w->ds); i++) {
    const KbRelation *r = kb_dataset_relation(w->ds, i);
    if (r->kind == KB_REL_LOCATED_IN && w->area[r->to]
        && kb_i_walk_kind(w, r->from) == KB_NODE_ORGANISATION && w->loc[r->from] == KB_LOCALITY_AWAY
        && w->dist[r->from] != 0)
      w->contact[r->from] = TRUE;
  }
}

static gboolean
is_contact(const Walk *w, size_t v)
{
  return w->contact[v];
}

static gboolean
at_home(const Walk *w, size_t v)
{
  return kb_i_walk_passes(w, v) && w->loc[v] == KB_LOCALITY_HOME;
}

static void
offer_home(Walk *w, size_t v, const KbBridgeFact *f)
{
  facts_offer(w, &w->home[v], f);
}

static KbCloseness
closeness(const Walk *w, size_t v)
{
  const KbNode *node = kb_dataset_node(w->ds, v);
  if (node->kind == KB_NODE_ORGANISATION && w->sector != KB_NO_NODE && node->sector == w->sector
      && w->loc[v] != KB_LOCALITY_AWAY && w->reach[v] >= KB_REACH_NETWORK)
    return KB_CLOSE_PEER;
  if (w->dist[v] == 1)
    return KB_CLOSE_TIED;
  if (w->dist[v] == 2)
    return KB_CLOSE_TWO_STEPS;
  return w->loc[v] == KB_LOCALITY_AWAY ? KB_CLOSE_ELSEWHERE : KB_CLOSE_FURTHER;
}

static int
compare_introducers(const void *x, const void *y, void *rank)
{
  const KbIntroducer *a = x, *b = y;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  guint32 ra = ((const guint32 *) rank)[a->node], rb = ((const guint32 *) rank)[b->node];
  return ra < rb ? -1 : ra > rb;
}

static int
compare_contacts(const void *x, const void *y, void *rank)
{
  const KbBridgeContact *a = x, *b = y;
  if ((a->home.n > 0) != (b->home.n > 0))
    return a->home.n > 0 ? -1 : 1;
  guint32 ra = ((const guint32 *) rank)[a->node], rb = ((const guint32 *) rank)[b->node];
  return ra < rb ? -1 : ra > rb;
}

static KbBridges *
collect(Walk *w)
{
  KbBridges *out = g_new0(KbBridges, 1);
  out->from = w->newcomer ? KB_NO_NODE : w->from;
  out->sector = w->sector;
  out->place = KB_NO_NODE;
  out->to = w->to;
  GArray *intro = g_array_new(FALSE, TRUE, sizeof(KbIntroducer));
  GArray *contacts = g_array_new(FALSE, TRUE, sizeof(KbBridgeContact));
  for (size_t v = 0; v < w->n; v++) {
    if (w->reach[v] == KB_REACH_NONE || v == w->to)
      continue;
    if (w->contact[v]) {
      KbBridgeContact c = { .node = v, .there = *w->why[v] };
      if (w->home[v] != NULL)
        c.home = *w->home[v];
      g_array_append_val(contacts, c);
      continue;
    }
    if (w->dist[v] == 0)
      continue;                             /* the start itself */
    KbIntroducer in = { .node = v, .reach = w->reach[v], .why = *w->why[v], .near = KB_NO_NODE };
    in.closeness = closeness(w, v);
    in.score = 10 * (int) in.reach + (int) in.closeness;
    if (in.closeness == KB_CLOSE_TIED || (in.closeness == KB_CLOSE_TWO_STEPS && !w->newcomer))
      in.near = w->near[v];
    if (in.closeness == KB_CLOSE_TIED)
      in.near_tie = w->newcomer
        ? relation_fact(w->near[v], w->near_relation[v])
        : (KbBridgeFact) { KB_FACT_TIE, w->near[v], w->near_relation[v], KB_NO_RELATION,
                           w->near_via[v] };
    g_array_append_val(intro, in);
  }
  g_array_sort_with_data(intro, compare_introducers, w->rank);
  g_array_sort_with_data(contacts, compare_contacts, w->rank);
  out->n_introducers = intro->len;
  out->introducers = (KbIntroducer *) g_array_free(intro, FALSE);
  out->n_contacts = contacts->len;
  out->contacts = (KbBridgeContact *) g_array_free(contacts, FALSE);
  if (w->from != KB_NO_NODE && !w->newcomer && w->why[w->from] != NULL) {
    out->start_reach = w->reach[w->from];
    out->start_why = *w->why[w->from];
  }
  return out;
}

/* Steps 1, 2, 4 and 5 around 'start', which sets the start and its
 * distances (step 3). */
static KbBridges *
run(Walk *w, void (*start)(Walk *w, gpointer data), gpointer data)
{
  for (size_t i = 0; i < kb_dataset_relation_count(w->ds); i++)
    there_from(w, i);
  reach_through_networks(w);
  start(w, data);
  offer_ties(w, may_step, credits, offer_step);
  find_contacts(w);
  offer_ties(w, is_contact, at_home, offer_home);
  return collect(w);
}

/* ------------------------------------------------------------ the calls */

static gboolean
check_target(const KbDataset *ds, size_t to, GError **error)
{
  if (kb_dataset_node(ds, to)->kind == KB_NODE_SECTOR) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "--to '%s' is a sector; expected an "
                "organisation, place, theme or network", kb_dataset_node(ds, to)->id);
    return FALSE;
  }
  return TRUE;
}

/* The start: the organisation, or the sector's organisations that are not
 * located only elsewhere and not there already (those are its peers). */
static void
start_from(Walk *w, gpointer data)
{
  size_t from = *(const size_t *) data;
  GArray *starts = g_array_new(FALSE, FALSE, sizeof(size_t));
  if (kb_i_walk_kind(w, from) == KB_NODE_ORGANISATION) {
    w->from = from;
    w->sector = kb_dataset_node(w->ds, from)->sector;
    g_array_append_val(starts, from);
  } else {
    w->sector = from;
    for (size_t v = 0; v < w->n; v++)
      if (kb_i_walk_kind(w, v) == KB_NODE_ORGANISATION && kb_dataset_node(w->ds, v)->sector == from
          && w->loc[v] != KB_LOCALITY_AWAY && w->reach[v] < KB_REACH_NETWORK && v != w->to)
        g_array_append_val(starts, v);
  }
  distances(w, starts);
  g_array_unref(starts);
}

KbBridges *
kb_bridges_compute(const KbDataset *ds, size_t from, size_t to, int as_of, GError **error)
{
  g_return_val_if_fail(ds != NULL, NULL);
  size_t n = kb_dataset_node_count(ds);
  g_return_val_if_fail(from < n && to < n, NULL);
  KbNodeKind fk = kb_dataset_node(ds, from)->kind;
  if (fk != KB_NODE_ORGANISATION && fk != KB_NODE_SECTOR) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "--from '%s' is a %s; expected an "
                "organisation or a sector", kb_dataset_node(ds, from)->id, kb_node_kind_name(fk));
    return NULL;
  }
  if (!check_target(ds, to, error))
    return NULL;
  if (from == to) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "--from and --to are both '%s'",
                kb_dataset_node(ds, from)->id);
    return NULL;
  }
  Walk w;
  kb_i_walk_init(&w, ds, to);
  /* an organisation start is never a platform's member there (step 2) */
  if (fk == KB_NODE_ORGANISATION)
    w.from = from;
  KbBridges *out = run(&w, start_from, &from);
  out->from = from;
  out->year = as_of;
  kb_i_walk_release(&w);
  return out;
}

static void
start_newcomer(Walk *w, gpointer data)
{
  newcomer_distances(w, *(const size_t *) data);
}

KbBridges *
kb_bridges_newcomer(const KbDataset *ds, size_t sector, size_t place, size_t to, int as_of,
                    GError **error)
{
  g_return_val_if_fail(ds != NULL, NULL);
  size_t n = kb_dataset_node_count(ds);
  g_return_val_if_fail(sector < n && to < n && (place < n || place == KB_NO_NODE), NULL);
  const KbNode *s = kb_dataset_node(ds, sector);
  if (s->kind != KB_NODE_SECTOR) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "--newcomer '%s' is a%s %s; expected a "
                "sector, as SECTOR or SECTOR@PLACE", s->id,
                strchr("aeiou", kb_node_kind_name(s->kind)[0]) ? "n" : "",
                kb_node_kind_name(s->kind));
    return NULL;
  }
  size_t home = kb_dataset_home(ds);
  if (home == KB_NO_NODE) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "--newcomer: the dataset names no home "
                "city (key 'home' in dataset.csv), so a newcomer has no place; expected a "
                "dataset with a home");
    return NULL;
  }
  if (place == KB_NO_NODE)
    place = home;
  g_autofree gboolean *area = kb_dataset_home_area(ds);
  if (!area[place]) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "--newcomer: '%s' is not in the home "
                "area; expected %s or a place inside it", kb_dataset_node(ds, place)->id,
                kb_dataset_node(ds, home)->id);
    return NULL;
  }
  if (!check_target(ds, to, error))
    return NULL;
  Walk w;
  kb_i_walk_init(&w, ds, to);
  w.newcomer = TRUE;
  w.sector = sector;
  KbBridges *out = run(&w, start_newcomer, &place);
  out->sector = sector;
  out->place = place;
  out->year = as_of;
  kb_i_walk_release(&w);
  return out;
}

void
kb_bridges_free(KbBridges *b)
{
  if (b == NULL)
    return;
  g_free(b->introducers);
  g_free(b->contacts);
  g_free(b);
}

