/* index.c -- the strategic index: for each place, theme, network or sector,
 * who is active there and how varied and connected they are; and the
 * whole-network figures above it. */
#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

static const char *const by_names[] = { "country", "city", "region", "theme", "network", "sector" };

gboolean
kb_index_by_parse(const char *name, KbIndexBy *out)
{
  for (size_t i = 0; i < G_N_ELEMENTS(by_names); i++)
    if (strcmp(name, by_names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  return FALSE;
}

const char *
kb_index_by_name(KbIndexBy by)
{
  g_return_val_if_fail(by <= KB_INDEX_BY_SECTOR, "?");
  return by_names[by];
}

static KbNodeKind
entry_kind(KbIndexBy by)
{
  static const KbNodeKind kinds[] = { KB_NODE_COUNTRY, KB_NODE_CITY, KB_NODE_REGION,
                                      KB_NODE_THEME, KB_NODE_NETWORK, KB_NODE_SECTOR };
  return kinds[by];
}

/* ------------------------------------------------------------- entries */

/* The organisations joined by partner_of or funds, by node: node i's are
 * adj[start[i] .. start[i + 1]), each pair once in each direction. */
typedef struct {
  size_t *start, *adj;
} Direct;

static void
direct_build(const KbDataset *ds, Direct *d)
{
  size_t n = kb_dataset_node_count(ds);
  GHashTable *pairs = kb_i_direct_ties(ds);
  d->start = g_new0(size_t, n + 2);
  d->adj = g_new(size_t, 2 * g_hash_table_size(pairs) + 1);
  GHashTableIter it;
  gpointer key;
  for (int pass = 0; pass < 2; pass++) {
    g_hash_table_iter_init(&it, pairs);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
      size_t a = (size_t) (*(gint64 *) key >> 32), b = (size_t) (*(gint64 *) key & 0xFFFFFFFF);
      if (pass == 0) {
        d->start[a + 2]++;
        d->start[b + 2]++;
      } else {
        d->adj[d->start[a + 1]++] = b;
        d->adj[d->start[b + 1]++] = a;
      }
    }
    if (pass == 0)
      for (size_t i = 0; i < n; i++)
        d->start[i + 2] += d->start[i + 1];
  }
  g_hash_table_unref(pairs);
}

/* The sectors of an entry's organisations: how many of each (by sector
 * node, ascending), and how many have one. */
typedef struct {
  size_t sector, count;
} SectorCount;

static GArray *
sector_counts(const KbDataset *ds, const size_t *orgs, size_t n, size_t *tally, size_t *known)
{
  GArray *counts = g_array_new(FALSE, FALSE, sizeof(SectorCount));
  *known = 0;
  for (size_t i = 0; i < n; i++) {
    size_t s = kb_dataset_node(ds, orgs[i])->sector;
    if (s == KB_NO_NODE)
      continue;
    (*known)++;
    if (tally[s]++ == 0) {
      SectorCount c = { s, 0 };
      g_array_append_val(counts, c);
    }
  }
  for (guint i = 0; i < counts->len; i++) {
    SectorCount *c = &g_array_index(counts, SectorCount, i);
    c->count = tally[c->sector];
    tally[c->sector] = 0;
  }
  g_array_sort(counts, kb_i_compare_sizes);   /* by sector, its first field */
  return counts;
}

/* Shannon entropy of the organisations' sectors, divided by ln of the
 * number of sectors that have organisations in the data; summed in node
 * order, so that the result does not depend on the order met. */
static double
diversity(const GArray *counts, size_t known, size_t sectors_in_data)
{
  double h = 0;
  for (guint i = 0; i < counts->len; i++) {
    double p = (double) g_array_index(counts, SectorCount, i).count / (double) known;
    h -= p * log(p);
  }
  return sectors_in_data > 1 ? h / log((double) sectors_in_data) : 0.0;
}

/* Pairs among an entry's 'orgs' from different (or unknown) sectors: tied
 * directly, or open. Those of one known sector are counted from the
 * sector counts, the tied ones from each organisation's direct ties, so a
 * country of 10^5 organisations takes no 10^10 steps. 'mark' is stamped
 * for the entry's organisations. */
static void
count_pairs(const KbDataset *ds, const Direct *d, const size_t *orgs, size_t n,
            const GArray *counts, guint32 *mark, guint32 stamp, size_t *tied, size_t *open)
{
  size_t pairs = n * (n > 0 ? n - 1 : 0) / 2;
  for (guint i = 0; i < counts->len; i++) {
    size_t c = g_array_index(counts, SectorCount, i).count;
    pairs -= c * (c - 1) / 2;
  }
  for (size_t i = 0; i < n; i++)
    mark[orgs[i]] = stamp;
  *tied = 0;
  for (size_t i = 0; i < n; i++) {
    size_t x = orgs[i], sx = kb_dataset_node(ds, x)->sector;
    for (size_t j = d->start[x]; j < d->start[x + 1]; j++) {
      size_t y = d->adj[j], sy = kb_dataset_node(ds, y)->sector;
      if (y > x && mark[y] == stamp && (sx == KB_NO_NODE || sx != sy))
        (*tied)++;
    }
  }
  *open = pairs - *tied;
}

static int
compare_entries(const void *x, const void *y, void *ds)
{
  const KbIndexEntry *a = x, *b = y;
  if (a->n_orgs != b->n_orgs)
    return a->n_orgs > b->n_orgs ? -1 : 1;
  return kb_i_compare_ids(ds, a->node, b->node);
}

static void
fill_entries(const KbDataset *ds, const KbiContexts *ctx, const size_t *all_orgs, size_t n_all,
             KbIndex *ix, size_t sectors_in_data)
{
  size_t n = kb_dataset_node_count(ds);
  KbNodeKind want = entry_kind(ix->by);
  /* home: the home city, the places enclosing it and those inside it */
  gboolean *home = kb_dataset_home_places(ds);
  g_autofree gboolean *area = kb_dataset_home_area(ds);
  for (size_t i = 0; i < n; i++)
    home[i] |= area[i];
  /* the home city's own organisations, and the partners apart; all are its
   * own where the data names no home */
  g_autofree guint8 *locality = kb_dataset_localities(ds);
  gboolean has_home = kb_dataset_home(ds) != KB_NO_NODE;
  Direct direct;
  direct_build(ds, &direct);
  size_t *tally = g_new0(size_t, n + 1);
  guint32 *mark = g_new0(guint32, n + 1), stamp = 0;
  GArray *entries = g_array_new(FALSE, TRUE, sizeof(KbIndexEntry));
  for (size_t node = 0; node < n; node++) {
    if (kb_dataset_node(ds, node)->kind != want)
      continue;
    KbIndexEntry e = { 0 };
    e.node = node;
    e.first_year = KB_NO_YEAR;
    e.home = home[node];
    GArray *orgs = g_array_new(FALSE, FALSE, sizeof(size_t));
    GArray *partners = g_array_new(FALSE, FALSE, sizeof(size_t));
#define OWN(o) (!has_home || locality[o] == KB_LOCALITY_HOME)
    if (ix->by == KB_INDEX_BY_SECTOR) {
      for (size_t p = 0; p < n_all; p++)
        if (kb_dataset_node(ds, all_orgs[p])->sector == node)
          g_array_append_val(OWN(all_orgs[p]) ? orgs : partners, all_orgs[p]);
      for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
        const KbRelation *r = kb_dataset_relation(ds, i);
        gboolean from = kb_dataset_node(ds, r->from)->sector == node && OWN(r->from);
        gboolean to = kb_dataset_node(ds, r->to)->sector == node && OWN(r->to);
        if (!from && !to)
          continue;
        e.relations++;
        if (r->since != KB_NO_YEAR && (e.first_year == KB_NO_YEAR || r->since < e.first_year))
          e.first_year = r->since;
      }
    } else if (ctx->members[node] != NULL) {
      GArray *m = ctx->members[node];
      for (guint i = 0; i < m->len; i++) {
        const KbiLink *l = &g_array_index(m, KbiLink, i);
        if (!OWN(l->node)) {
          g_array_append_val(partners, l->node);
          continue;
        }
        g_array_append_val(orgs, l->node);
        e.relations += l->relations;
        if (l->first_year != KB_NO_YEAR && (e.first_year == KB_NO_YEAR || l->first_year < e.first_year))
          e.first_year = l->first_year;
      }
    }
#undef OWN
    kb_i_sort_by_id(ds, (size_t *) orgs->data, orgs->len);
    kb_i_sort_by_id(ds, (size_t *) partners->data, partners->len);
    e.n_orgs = orgs->len;
    e.orgs = (size_t *) g_array_free(orgs, FALSE);
    e.n_partners = partners->len;
    e.partners = (size_t *) g_array_free(partners, FALSE);
    size_t known;
    GArray *counts = sector_counts(ds, e.orgs, e.n_orgs, tally, &known);
    e.n_sectors = counts->len;
    e.diversity = diversity(counts, known, sectors_in_data);
    count_pairs(ds, &direct, e.orgs, e.n_orgs, counts, mark, ++stamp, &e.cross_ties,
                &e.open_pairs);
    g_array_unref(counts);
    g_array_append_val(entries, e);
  }
  g_free(home);
  g_free(tally);
  g_free(mark);
  g_free(direct.start);
  g_free(direct.adj);
  g_array_sort_with_data(entries, compare_entries, (gpointer) ds);
  ix->n_entries = entries->len;
  ix->entries = (KbIndexEntry *) g_array_free(entries, FALSE);
}

/* ------------------------------------------------------- whole network */

/* The betweenness of every organisation (undirected, each pair once, as
 * igraph gives it), by Brandes' algorithm over the cliques (paths.c), from
 * every organisation: bc[i] for the i-th organisation by id. */
static void
betweenness(const KbiCliques *c, double *bc)
{
  size_t n = c->n;
  guint32 *sources = g_new(guint32, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    sources[i] = (guint32) i;
  double *dep = g_new0(double, n ? n : 1);
  guint64 *dist = g_new0(guint64, n ? n : 1);
  size_t *reached = g_new0(size_t, n ? n : 1);
  kb_i_paths_compute(c, sources, n, CLAMP(g_get_num_processors(), 1, 16), dep, NULL, dist,
                     reached);
  for (size_t i = 0; i < n; i++)
    bc[i] = dep[c->by_id[i]] / 2;
  g_free(sources);
  g_free(dep);
  g_free(dist);
  g_free(reached);
}

/* Density and Freeman's centralizations, as igraph's centralization
 * functions give them on the organisation network, without building it in
 * igraph: the same scores (in id order), maxima and igraph_centralization.
 * Betweenness only up to KB_INDEX_BETWEENNESS_MAX organisations. */
static igraph_error_t
centralization(const KbiCliques *c, KbIndex *ix)
{
  ix->density = c->n > 1 ? 2.0 * (double) c->ties / ((double) c->n * (double) (c->n - 1)) : 0.0;
  ix->degree_centralization = ix->betweenness_centralization = NAN;
  if (c->n < 3)
    return IGRAPH_SUCCESS;
  igraph_integer_t n = (igraph_integer_t) c->n;
  igraph_vector_t scores;
  igraph_real_t tmax;
  IGRAPH_VECTOR_INIT_FINALLY(&scores, n);
  /* degree without loops: Freeman's (n-1)(n-2), as sna computes it */
  for (size_t i = 0; i < c->n; i++)
    VECTOR(scores)[i] = (double) c->degree[c->by_id[i]];
  IGRAPH_CHECK(igraph_centralization_degree_tmax(NULL, n, IGRAPH_ALL, IGRAPH_NO_LOOPS, &tmax));
  ix->degree_centralization = igraph_centralization(&scores, tmax, TRUE);
  if (c->n <= KB_INDEX_BETWEENNESS_MAX) {
    betweenness(c, VECTOR(scores));
    IGRAPH_CHECK(igraph_centralization_betweenness_tmax(NULL, n, IGRAPH_UNDIRECTED, &tmax));
    ix->betweenness_centralization = igraph_centralization(&scores, tmax, TRUE);
  }
  igraph_vector_destroy(&scores);
  IGRAPH_FINALLY_CLEAN(1);
  return IGRAPH_SUCCESS;
}

/* The ties of the organisation network by the sectors at their ends,
 * counted from the cliques: for organisation w, its neighbours in sector t
 * are the sum over its terms (g, c) of c times set g's members in t, plus
 * its direct ties in t, less itself when it has a network (see KbiCliques).
 * A set's members are tallied by sector once. */
static void
mixing(const KbDataset *ds, const KbiCliques *c, KbIndex *ix)
{
  size_t k, *slot;
  ix->sectors = kb_i_nodes_by_id(ds, KB_NODE_SECTOR, &k, &slot);
  ix->n_sectors = k;
  ix->mixing = g_new0(size_t, k > 0 ? k * k : 1);
  ix->ei = g_new(double, k ? k : 1);
  /* each organisation's sector as a slot, k for none */
  size_t *sec = g_new(size_t, c->n + 1);
  for (size_t v = 0; v < c->n; v++) {
    size_t s = kb_dataset_node(ds, c->nodes[v])->sector;
    sec[v] = s == KB_NO_NODE ? k : slot[s];
  }
  /* each set's members by sector: (slot, count) entries */
  size_t n_sets = c->n_sets;
  size_t *set_start = g_new0(size_t, n_sets + 1);
  GArray *set_slots = g_array_new(FALSE, FALSE, 2 * sizeof(size_t));
  gint64 *acc = g_new0(gint64, k + 1);
  size_t *touched = g_new(size_t, k + 1), n_touched = 0;
  for (size_t g = 0; g < n_sets; g++) {
    for (size_t y = c->members.start[g]; y < c->members.start[g + 1]; y++) {
      size_t t = sec[c->members.to[y]];
      if (t < k && acc[t]++ == 0)
        touched[n_touched++] = t;
    }
    for (size_t i = 0; i < n_touched; i++) {
      size_t e[2] = { touched[i], (size_t) acc[touched[i]] };
      g_array_append_val(set_slots, e);
      acc[touched[i]] = 0;
    }
    n_touched = 0;
    set_start[g + 1] = set_slots->len;
  }
  const size_t *ss = (const size_t *) set_slots->data;
  size_t *row = g_new0(size_t, k > 0 ? k * k : 1);   /* s * k + t: from sector s's side */
  for (size_t w = 0; w < c->n; w++) {
    size_t s = sec[w];
    if (s == k)
      continue;
    for (size_t x = c->terms.start[w]; x < c->terms.start[w + 1]; x++) {
      size_t g = c->terms.to[x];
      for (size_t e = set_start[g]; e < set_start[g + 1]; e++) {
        if (acc[ss[2 * e]] == 0)
          touched[n_touched++] = ss[2 * e];
        acc[ss[2 * e]] += (gint64) c->terms.count[x] * (gint64) ss[2 * e + 1];
      }
    }
    for (size_t x = c->direct.start[w]; x < c->direct.start[w + 1]; x++) {
      size_t t = sec[c->direct.to[x]];
      if (t < k && acc[t]++ == 0)
        touched[n_touched++] = t;
    }
    if (KB_CSR_LEN(&c->nets_of, w) > 0 && acc[s]-- == 0)
      touched[n_touched++] = s;
    for (size_t i = 0; i < n_touched; i++) {
      row[s * k + touched[i]] += (size_t) acc[touched[i]];
      acc[touched[i]] = 0;
    }
    n_touched = 0;
  }
  /* a tie between two sectors is counted from both, one inside a sector twice from it */
  for (size_t s = 0; s < k; s++)
    for (size_t t = 0; t < k; t++)
      ix->mixing[s * k + t] = s == t ? row[s * k + s] / 2 : row[s * k + t];
  /* Krackhardt and Stern: (external - internal) / (external + internal),
   * each internal tie counted once */
  for (size_t s = 0; s < k; s++) {
    double internal = (double) ix->mixing[s * k + s], external = 0;
    for (size_t t = 0; t < k; t++)
      if (t != s)
        external += (double) ix->mixing[s * k + t];
    ix->ei[s] = internal + external > 0 ? (external - internal) / (external + internal) : NAN;
  }
  g_free(row);
  g_free(acc);
  g_free(touched);
  g_array_unref(set_slots);
  g_free(set_start);
  g_free(sec);
  g_free(slot);
}

/* ---------------------------------------------------------- cut points */

/* The graph of who is where and with whom, for cut points: relations that
 * join actors to each other and to places, leaving out themes, sectors and
 * the geography between places (which would hide a place's dependence on
 * the one organisation active there).
 *
 * That graph, its components, and a depth-first search of its largest
 * (the first found, scanning the nodes in index order, among equals). */
typedef struct {
  size_t n;
  size_t *start, *adj;      /* node i's neighbours: adj[start[i] .. start[i + 1]], with repeats */
  size_t *comp;             /* node -> component, numbered in order of their first node */
  size_t main;              /* the largest component */
  size_t main_size;
  size_t other_size;        /* the largest of the others (0 if none) ... */
  size_t other_first;       /* ... and its first node */
  /* the search of the main component, from its first node */
  size_t *order;            /* main_size nodes in preorder */
  size_t *pre;              /* node -> its place in order */
  size_t *low;              /* the earliest place reached from the node's subtree by one edge */
  size_t *sub;              /* the size of the node's subtree */
  size_t *first;            /* the first node (by index) in the node's subtree */
} CutGraph;

static void
cut_graph_build(const KbDataset *ds, CutGraph *g)
{
  memset(g, 0, sizeof *g);
  size_t n = g->n = kb_dataset_node_count(ds);
  g->start = g_new0(size_t, n + 1);
  for (int pass = 0; pass < 2; pass++) {
    size_t *fill = pass ? g_memdup2(g->start, (n + 1) * sizeof(size_t)) : NULL;
    for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
      const KbRelation *r = kb_dataset_relation(ds, i);
      KbNodeKind fk = kb_dataset_node(ds, r->from)->kind, tk = kb_dataset_node(ds, r->to)->kind;
      if (fk == KB_NODE_THEME || tk == KB_NODE_THEME
          || (kb_node_kind_is_place(fk) && kb_node_kind_is_place(tk)))
        continue;
      if (pass == 0) {
        g->start[r->from + 1]++;
        g->start[r->to + 1]++;
      } else {
        g->adj[fill[r->from]++] = r->to;
        g->adj[fill[r->to]++] = r->from;
      }
    }
    if (pass == 0) {
      for (size_t i = 0; i < n; i++)
        g->start[i + 1] += g->start[i];
      g->adj = g_new(size_t, g->start[n] + 1);
    }
    g_free(fill);
  }

  /* components, breadth first */
  g->comp = g_new(size_t, n + 1);
  for (size_t i = 0; i < n; i++)
    g->comp[i] = KB_NO_NODE;
  size_t *queue = g_new(size_t, n + 1), label = 0, main_first = KB_NO_NODE;
  g->main = KB_NO_NODE;
  g->main_size = g->other_size = 0;
  g->other_first = KB_NO_NODE;
  for (size_t s = 0; s < n; s++) {
    if (g->comp[s] != KB_NO_NODE)
      continue;
    size_t len = 0;
    queue[len++] = s;
    g->comp[s] = label;
    for (size_t h = 0; h < len; h++)
      for (size_t j = g->start[queue[h]]; j < g->start[queue[h] + 1]; j++)
        if (g->comp[g->adj[j]] == KB_NO_NODE) {
          g->comp[g->adj[j]] = label;
          queue[len++] = g->adj[j];
        }
    if (len > g->main_size) {
      if (g->main != KB_NO_NODE) {   /* the old main is now the largest other */
        g->other_size = g->main_size;
        g->other_first = main_first;
      }
      g->main = label;
      g->main_size = len;
      main_first = s;
    } else if (len > g->other_size) {
      g->other_size = len;
      g->other_first = s;
    }
    label++;
  }
  g_free(queue);

  /* depth first through the main component, without recursion; 'next'
   * holds each node's next neighbour to look at */
  g->pre = g_new(size_t, n + 1);
  g->low = g_new(size_t, n + 1);
  g->sub = g_new(size_t, n + 1);
  g->first = g_new(size_t, n + 1);
  g->order = g_new(size_t, g->main_size + 1);
  for (size_t i = 0; i < n; i++)
    g->pre[i] = KB_NO_NODE;
  if (g->main == KB_NO_NODE)
    return;
  size_t *stack = g_new(size_t, g->main_size + 1), *next = g_new(size_t, n + 1);
  size_t top = 0, count = 0;
  stack[top++] = main_first;
  g->pre[main_first] = g->low[main_first] = count;
  g->first[main_first] = main_first;
  g->order[count++] = main_first;
  next[main_first] = g->start[main_first];
  while (top > 0) {
    size_t v = stack[top - 1];
    if (next[v] < g->start[v + 1]) {
      size_t w = g->adj[next[v]++];
      if (g->pre[w] == KB_NO_NODE) {
        g->pre[w] = g->low[w] = count;
        g->first[w] = w;
        g->order[count++] = w;
        next[w] = g->start[w];
        stack[top++] = w;
      } else {
        g->low[v] = MIN(g->low[v], g->pre[w]);
      }
      continue;
    }
    top--;
    g->sub[v] = count - g->pre[v];
    if (top > 0) {
      size_t p = stack[top - 1];
      g->low[p] = MIN(g->low[p], g->low[v]);
      g->first[p] = MIN(g->first[p], g->first[v]);
    }
  }
  g_free(stack);
  g_free(next);
}

static void
cut_graph_release(CutGraph *g)
{
  g_free(g->start);
  g_free(g->adj);
  g_free(g->comp);
  g_free(g->order);
  g_free(g->pre);
  g_free(g->low);
  g_free(g->sub);
  g_free(g->first);
}

/* Appends the places among order[from .. to) to 'lost'. */
static void
places_in(const KbDataset *ds, const CutGraph *g, size_t from, size_t to, GArray *lost)
{
  for (size_t i = from; i < to; i++)
    if (kb_node_kind_is_place(kb_dataset_node(ds, g->order[i])->kind))
      g_array_append_val(lost, g->order[i]);
}

/* The places that removing organisation 'o' (in the main component) cuts
 * off from the main part of the network: those of the main component not
 * in the largest component left (the first found, in node order, among
 * equals). Without o, its children in the search whose subtrees reach no
 * higher than o are parts of their own; the rest of the main component,
 * with the root (its first node), is one more part, unless o is the root. */
static void
places_cut_off(const KbDataset *ds, const CutGraph *g, size_t o, GArray *lost)
{
  size_t root = g->order[0], end = g->pre[o] + g->sub[o];
  /* the best part so far: the rest (KB_NO_NODE), a child, or another component (o) */
  size_t best = o, best_size = g->other_size, best_first = g->other_first;
  size_t rest = g->main_size - 1;
  for (size_t c = g->pre[o] + 1; c < end; c += g->sub[g->order[c]]) {
    size_t child = g->order[c];
    if (o != root && g->low[child] < g->pre[o])
      continue;   /* joined to the rest */
    rest -= g->sub[child];
    if (g->sub[child] > best_size || (g->sub[child] == best_size && g->first[child] < best_first)) {
      best = child;
      best_size = g->sub[child];
      best_first = g->first[child];
    }
  }
  if (o != root && (rest > best_size || (rest == best_size && root < best_first)))
    best = KB_NO_NODE;
  if (best == KB_NO_NODE) {
    /* the children cut off */
    for (size_t c = g->pre[o] + 1; c < end; c += g->sub[g->order[c]])
      if (g->low[g->order[c]] >= g->pre[o])
        places_in(ds, g, c, c + g->sub[g->order[c]], lost);
  } else if (best == o) {
    /* another component is the largest now: all of the main one is cut off */
    places_in(ds, g, 0, g->main_size, lost);
  } else {
    /* all but the child's subtree (o is no place) */
    places_in(ds, g, 0, g->pre[best], lost);
    places_in(ds, g, g->pre[best] + g->sub[best], g->main_size, lost);
  }
}

/* Organisations whose removal cuts places off from the main part of the
 * network (its largest component). */
static void
cut_points(const KbDataset *ds, KbIndex *ix)
{
  CutGraph g;
  cut_graph_build(ds, &g);
  GArray *cuts = g_array_new(FALSE, TRUE, sizeof(KbCutPoint));
  GArray *orgs = g_array_new(FALSE, FALSE, sizeof(size_t));
  g_autofree guint8 *locality = kb_dataset_localities(ds);
  gboolean has_home = kb_dataset_home(ds) != KB_NO_NODE;
  for (size_t i = 0; i < g.n; i++)
    if (kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION && g.comp[i] == g.main
        && (!has_home || locality[i] == KB_LOCALITY_HOME))
      g_array_append_val(orgs, i);
  kb_i_sort_by_id(ds, (size_t *) orgs->data, orgs->len);
  for (guint k = 0; k < orgs->len; k++) {
    size_t o = g_array_index(orgs, size_t, k);
    if (g.start[o + 1] - g.start[o] < 2)
      continue;   /* a leaf cuts nothing off */
    GArray *lost = g_array_new(FALSE, FALSE, sizeof(size_t));
    places_cut_off(ds, &g, o, lost);
    if (lost->len == 0) {
      g_array_unref(lost);
      continue;
    }
    kb_i_sort_by_id(ds, (size_t *) lost->data, lost->len);
    KbCutPoint cp = { .org = o, .n_places = lost->len };
    cp.places = (size_t *) g_array_free(lost, FALSE);
    g_array_append_val(cuts, cp);
  }
  g_array_unref(orgs);
  cut_graph_release(&g);
  ix->n_cuts = cuts->len;
  ix->cuts = (KbCutPoint *) g_array_free(cuts, FALSE);
}

/* ------------------------------------------------------------- compute */

/* A new index with its entries. */
static KbIndex *
index_entries(const KbDataset *ds, KbIndexBy by)
{
  KbIndex *ix = g_new0(KbIndex, 1);
  ix->by = by;
  ix->degree_centralization = ix->betweenness_centralization = NAN;
  ix->umbrella = KB_NO_NODE;
  ix->density_without = ix->degree_centralization_without = NAN;
  ix->betweenness_centralization_without = NAN;
  size_t n_orgs;
  g_autofree size_t *orgs = kb_i_nodes_by_id(ds, KB_NODE_ORGANISATION, &n_orgs, NULL);
  size_t sectors_in_data = 0;
  gboolean *present = g_new0(gboolean, kb_dataset_node_count(ds) + 1);
  for (size_t i = 0; i < n_orgs; i++) {
    size_t s = kb_dataset_node(ds, orgs[i])->sector;
    if (s != KB_NO_NODE && !present[s]) {
      present[s] = TRUE;
      sectors_in_data++;
    }
  }
  g_free(present);
  KbiContexts ctx;
  kb_i_contexts_build(ds, &ctx);
  fill_entries(ds, &ctx, orgs, n_orgs, ix, sectors_in_data);
  kb_i_contexts_release(&ctx);
  ix->n_orgs = n_orgs;
  g_autofree guint8 *locality = kb_dataset_localities(ds);
  for (size_t i = 0; i < n_orgs; i++)
    ix->n_home_orgs += kb_dataset_home(ds) == KB_NO_NODE || locality[orgs[i]] == KB_LOCALITY_HOME;
  return ix;
}

KbIndex *
kb_index_entries(const KbDataset *ds, KbIndexBy by)
{
  g_return_val_if_fail(ds != NULL, NULL);
  return index_entries(ds, by);
}

/* ------------------------------------------------------------ umbrella */

typedef struct {
  size_t network;
} NotMember;

static gboolean
not_member(const KbRelation *r, gpointer data)
{
  const NotMember *nm = data;
  return !(r->kind == KB_REL_MEMBER_OF && r->to == nm->network);
}

/* The network with the most organisations, when its memberships make more
 * than half of the organisation network's ties: the figures without them.
 * A network of m members makes m(m - 1)/2 ties at most, so most networks
 * are passed over without a second build. */
static igraph_error_t
umbrella(const KbDataset *ds, const KbiCliques *c, KbIndex *ix)
{
  ix->umbrella = KB_NO_NODE;
  ix->density_without = ix->degree_centralization_without = NAN;
  ix->betweenness_centralization_without = NAN;
  size_t best = KB_NO_NODE, most = 0;
  for (size_t g = 0; g < c->n_nets; g++) {
    size_t m = KB_CSR_LEN(&c->members, g);
    if (m > most || (m == most && best != KB_NO_NODE
                     && kb_i_compare_ids(ds, c->net_node[g], c->net_node[best]) < 0)) {
      most = m;
      best = g;
    }
  }
  if (best == KB_NO_NODE || most < 3 || most * (most - 1) <= c->ties)
    return IGRAPH_SUCCESS;
  NotMember nm = { c->net_node[best] };
  g_autoptr(KbDataset) without = kb_dataset_filter(ds, not_member, &nm);
  KbiCliques c2;
  kb_i_cliques_build(without, &c2);
  igraph_error_t rc = IGRAPH_SUCCESS;
  if (2 * (c->ties - c2.ties) > c->ties) {
    KbIndex tmp = { 0 };
    rc = centralization(&c2, &tmp);
    ix->umbrella = c->net_node[best];
    ix->umbrella_members = most;
    ix->ties_without = c2.ties;
    ix->density_without = tmp.density;
    ix->degree_centralization_without = tmp.degree_centralization;
    ix->betweenness_centralization_without = tmp.betweenness_centralization;
  }
  kb_i_cliques_release(&c2);
  return rc;
}

KbIndex *
kb_index_compute(const KbDataset *ds, KbIndexBy by, GError **error)
{
  g_return_val_if_fail(ds != NULL, NULL);
  KbIndex *ix = index_entries(ds, by);
  /* the organisation network as its cliques: no memory for a tie, so a
   * national dataset's 10^10 ties are counted, never listed */
  KbiCliques c;
  kb_i_cliques_build(ds, &c);
  ix->org_ties = c.ties;
  mixing(ds, &c, ix);
  cut_points(ds, ix);
  igraph_error_t rc = centralization(&c, ix);
  if (rc == IGRAPH_SUCCESS)
    rc = umbrella(ds, &c, ix);
  kb_i_cliques_release(&c);
  if (rc != IGRAPH_SUCCESS) {
    kb_index_free(ix);
    kb_i_igraph_fail(rc, "computing centralization", error);
    return NULL;
  }
  return ix;
}

void
kb_index_free(KbIndex *ix)
{
  if (ix == NULL)
    return;
  for (size_t i = 0; i < ix->n_entries; i++) {
    g_free(ix->entries[i].orgs);
    g_free(ix->entries[i].partners);
  }
  for (size_t i = 0; i < ix->n_cuts; i++)
    g_free(ix->cuts[i].places);
  g_free(ix->entries);
  g_free(ix->cuts);
  g_free(ix->sectors);
  g_free(ix->mixing);
  g_free(ix->ei);
  g_free(ix);
}
