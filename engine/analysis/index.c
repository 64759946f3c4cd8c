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

/* Pairs among 'orgs' from different (or unknown) sectors: tied directly, or open. */
static void
count_pairs(const KbDataset *ds, const KbiOrgNet *net, const size_t *orgs, size_t n,
            size_t *tied, size_t *open)
{
  *tied = *open = 0;
  for (size_t x = 0; x < n; x++)
    for (size_t y = x + 1; y < n; y++) {
      size_t sa = kb_dataset_node(ds, orgs[x])->sector, sb = kb_dataset_node(ds, orgs[y])->sector;
      if (sa != KB_NO_NODE && sa == sb)
        continue;
      if (kb_i_orgnet_directly_tied(net, orgs[x], orgs[y]))
        (*tied)++;
      else
        (*open)++;
    }
}

/* Shannon entropy of the organisations' sectors, divided by ln of the
 * number of sectors that have organisations in the data. */
static double
diversity(const KbDataset *ds, const size_t *orgs, size_t n, size_t sectors_in_data,
          size_t *present)
{
  GHashTable *counts = g_hash_table_new(g_direct_hash, g_direct_equal);
  size_t known = 0;
  for (size_t i = 0; i < n; i++) {
    size_t s = kb_dataset_node(ds, orgs[i])->sector;
    if (s == KB_NO_NODE)
      continue;
    known++;
    gpointer key = GSIZE_TO_POINTER(s + 1);
    g_hash_table_insert(counts, key,
                        GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(counts, key)) + 1));
  }
  *present = g_hash_table_size(counts);
  /* sum in node order, so that the result does not depend on hashing */
  double h = 0;
  for (size_t s = 0; s < kb_dataset_node_count(ds); s++) {
    size_t c = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, GSIZE_TO_POINTER(s + 1)));
    if (c == 0)
      continue;
    double p = (double) c / (double) known;
    h -= p * log(p);
  }
  g_hash_table_unref(counts);
  return sectors_in_data > 1 ? h / log((double) sectors_in_data) : 0.0;
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
fill_entries(const KbDataset *ds, const KbiContexts *ctx, const KbiOrgNet *net, KbIndex *ix,
             size_t sectors_in_data)
{
  size_t n = kb_dataset_node_count(ds);
  KbNodeKind want = entry_kind(ix->by);
  gboolean *home = kb_dataset_home_places(ds);
  GArray *entries = g_array_new(FALSE, TRUE, sizeof(KbIndexEntry));
  for (size_t node = 0; node < n; node++) {
    if (kb_dataset_node(ds, node)->kind != want)
      continue;
    KbIndexEntry e = { 0 };
    e.node = node;
    e.first_year = KB_NO_YEAR;
    e.home = home[node];
    GArray *orgs = g_array_new(FALSE, FALSE, sizeof(size_t));
    if (ix->by == KB_INDEX_BY_SECTOR) {
      for (size_t p = 0; p < net->n; p++)
        if (kb_dataset_node(ds, net->nodes[p])->sector == node)
          g_array_append_val(orgs, net->nodes[p]);
      for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
        const KbRelation *r = kb_dataset_relation(ds, i);
        if (kb_dataset_node(ds, r->from)->sector != node && kb_dataset_node(ds, r->to)->sector != node)
          continue;
        e.relations++;
        if (r->since != KB_NO_YEAR && (e.first_year == KB_NO_YEAR || r->since < e.first_year))
          e.first_year = r->since;
      }
    } else if (ctx->members[node] != NULL) {
      GArray *m = ctx->members[node];
      for (guint i = 0; i < m->len; i++) {
        const KbiLink *l = &g_array_index(m, KbiLink, i);
        g_array_append_val(orgs, l->node);
        e.relations += l->relations;
        if (l->first_year != KB_NO_YEAR && (e.first_year == KB_NO_YEAR || l->first_year < e.first_year))
          e.first_year = l->first_year;
      }
    }
    kb_i_sort_by_id(ds, (size_t *) orgs->data, orgs->len);
    e.n_orgs = orgs->len;
    e.orgs = (size_t *) g_array_free(orgs, FALSE);
    e.diversity = diversity(ds, e.orgs, e.n_orgs, sectors_in_data, &e.n_sectors);
    count_pairs(ds, net, e.orgs, e.n_orgs, &e.cross_ties, &e.open_pairs);
    g_array_append_val(entries, e);
  }
  g_free(home);
  g_array_sort_with_data(entries, compare_entries, (gpointer) ds);
  ix->n_entries = entries->len;
  ix->entries = (KbIndexEntry *) g_array_free(entries, FALSE);
}

/* ------------------------------------------------------- whole network */

static igraph_error_t
centralization(const KbiOrgNet *net, KbIndex *ix)
{
  igraph_t g;
  ix->density = net->n > 1 ? 2.0 * (double) net->ties->len / ((double) net->n * (double) (net->n - 1))
                           : 0.0;
  ix->degree_centralization = ix->betweenness_centralization = NAN;
  if (net->n < 3)
    return IGRAPH_SUCCESS;
  if (!kb_i_orgnet_to_igraph(net, &g, NULL, NULL))
    return IGRAPH_FAILURE;
  IGRAPH_FINALLY(igraph_destroy, &g);
  igraph_real_t c;
  /* without loops: Freeman's (n-1)(n-2), as sna computes it */
  IGRAPH_CHECK(igraph_centralization_degree(&g, NULL, IGRAPH_ALL, IGRAPH_NO_LOOPS, &c, NULL, TRUE));
  ix->degree_centralization = c;
  IGRAPH_CHECK(igraph_centralization_betweenness(&g, NULL, IGRAPH_UNDIRECTED, &c, NULL, TRUE));
  ix->betweenness_centralization = c;
  igraph_destroy(&g);
  IGRAPH_FINALLY_CLEAN(1);
  return IGRAPH_SUCCESS;
}

static void
mixing(const KbDataset *ds, const KbiOrgNet *net, KbIndex *ix)
{
  size_t n = kb_dataset_node_count(ds);
  GArray *sectors = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < n; i++)
    if (kb_dataset_node(ds, i)->kind == KB_NODE_SECTOR)
      g_array_append_val(sectors, i);
  kb_i_sort_by_id(ds, (size_t *) sectors->data, sectors->len);
  size_t k = sectors->len;
  size_t *slot = g_new(size_t, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    slot[i] = KB_NO_NODE;
  for (size_t s = 0; s < k; s++)
    slot[g_array_index(sectors, size_t, s)] = s;
  ix->n_sectors = k;
  ix->sectors = (size_t *) g_array_free(sectors, FALSE);
  ix->mixing = g_new0(size_t, k > 0 ? k * k : 1);
  ix->ei = g_new(double, k ? k : 1);
  for (guint i = 0; i < net->ties->len; i++) {
    const KbiTie *t = &g_array_index(net->ties, KbiTie, i);
    size_t sa = kb_dataset_node(ds, net->nodes[t->a])->sector;
    size_t sb = kb_dataset_node(ds, net->nodes[t->b])->sector;
    if (sa == KB_NO_NODE || sb == KB_NO_NODE)
      continue;
    ix->mixing[slot[sa] * k + slot[sb]]++;
    if (sa != sb)
      ix->mixing[slot[sb] * k + slot[sa]]++;
  }
  /* Krackhardt and Stern: (external - internal) / (external + internal),
   * each internal tie counted once */
  for (size_t s = 0; s < k; s++) {
    double internal = (double) ix->mixing[s * k + s], external = 0;
    for (size_t t = 0; t < k; t++)
      if (t != s)
        external += (double) ix->mixing[s * k + t];
    ix->ei[s] = internal + external > 0 ? (external - internal) / (external + internal) : NAN;
  }
  g_free(slot);
}

/* ---------------------------------------------------------- cut points */

/* The graph of who is where and with whom, for cut points: relations that
 * join actors to each other and to places, leaving out themes, sectors and
 * the geography between places (which would hide a place's dependence on
 * the one organisation active there). */
static gboolean
is_place(KbNodeKind k)
{
  return k == KB_NODE_CITY || k == KB_NODE_REGION || k == KB_NODE_COUNTRY;
}

/* Labels the components of the graph without vertex 'skip' and returns
 * the label of the largest (the first found among equals); comp[skip] is
 * left at KB_NO_NODE. */
static size_t
components_without(GArray **adj, size_t n, size_t skip, size_t *comp)
{
  for (size_t i = 0; i < n; i++)
    comp[i] = KB_NO_NODE;
  GArray *queue = g_array_new(FALSE, FALSE, sizeof(size_t));
  size_t best = KB_NO_NODE, best_size = 0, label = 0;
  for (size_t s = 0; s < n; s++) {
    if (s == skip || comp[s] != KB_NO_NODE)
      continue;
    g_array_set_size(queue, 0);
    g_array_append_val(queue, s);
    comp[s] = label;
    for (guint h = 0; h < queue->len; h++) {
      size_t v = g_array_index(queue, size_t, h);
      for (guint j = 0; j < adj[v]->len; j++) {
        size_t w = g_array_index(adj[v], size_t, j);
        if (w != skip && comp[w] == KB_NO_NODE) {
          comp[w] = label;
          g_array_append_val(queue, w);
        }
      }
    }
    if (queue->len > best_size) {
      best_size = queue->len;
      best = label;
    }
    label++;
  }
  g_array_unref(queue);
  return best;
}

/* Organisations whose removal cuts places off from the main part of the
 * network (its largest component). */
static void
cut_points(const KbDataset *ds, KbIndex *ix)
{
  size_t n = kb_dataset_node_count(ds);
  GArray **adj = g_new(GArray *, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    adj[i] = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    KbNodeKind fk = kb_dataset_node(ds, r->from)->kind, tk = kb_dataset_node(ds, r->to)->kind;
    if (fk == KB_NODE_THEME || tk == KB_NODE_THEME || (is_place(fk) && is_place(tk)))
      continue;
    g_array_append_val(adj[r->from], r->to);
    g_array_append_val(adj[r->to], r->from);
  }
  GArray *cuts = g_array_new(FALSE, TRUE, sizeof(KbCutPoint));
  size_t *before = g_new(size_t, n ? n : 1), *after = g_new(size_t, n ? n : 1);
  size_t main_before = components_without(adj, n, KB_NO_NODE, before);
  GArray *orgs = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < n; i++)
    if (kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION && before[i] == main_before)
      g_array_append_val(orgs, i);
  kb_i_sort_by_id(ds, (size_t *) orgs->data, orgs->len);
  for (guint k = 0; k < orgs->len; k++) {
    size_t o = g_array_index(orgs, size_t, k);
    if (adj[o]->len < 2)
      continue;   /* a leaf cuts nothing off */
    size_t main_after = components_without(adj, n, o, after);
    GArray *lost = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t i = 0; i < n; i++)
      if (i != o && before[i] == main_before && after[i] != main_after
          && is_place(kb_dataset_node(ds, i)->kind))
        g_array_append_val(lost, i);
    if (lost->len == 0) {
      g_array_unref(lost);
      continue;
    }
    kb_i_sort_by_id(ds, (size_t *) lost->data, lost->len);
    KbCutPoint cp = { o, lost->len, NULL };
    cp.places = (size_t *) g_array_free(lost, FALSE);
    g_array_append_val(cuts, cp);
  }
  g_array_unref(orgs);
  g_free(before);
  g_free(after);
  for (size_t i = 0; i < n; i++)
    g_array_unref(adj[i]);
  g_free(adj);
  ix->n_cuts = cuts->len;
  ix->cuts = (KbCutPoint *) g_array_free(cuts, FALSE);
}

/* ------------------------------------------------------------- compute */

KbIndex *
kb_index_compute(const KbDataset *ds, KbIndexBy by, GError **error)
{
  g_return_val_if_fail(ds != NULL, NULL);
  KbiOrgNet net;
  if (!kb_i_orgnet_build(ds, &net, error))
    return NULL;
  KbIndex *ix = g_new0(KbIndex, 1);
  ix->by = by;
  KbiContexts ctx;
  kb_i_contexts_build(ds, &ctx);
  ix->n_orgs = net.n;
  ix->org_ties = net.ties->len;

  size_t sectors_in_data = 0;
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    if (kb_dataset_node(ds, i)->kind != KB_NODE_SECTOR)
      continue;
    for (size_t p = 0; p < net.n; p++)
      if (kb_dataset_node(ds, net.nodes[p])->sector == i) {
        sectors_in_data++;
        break;
      }
  }
  fill_entries(ds, &ctx, &net, ix, sectors_in_data);
  mixing(ds, &net, ix);
  cut_points(ds, ix);
  igraph_error_t rc = centralization(&net, ix);
  kb_i_orgnet_release(&net);
  kb_i_contexts_release(&ctx);
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
  for (size_t i = 0; i < ix->n_entries; i++)
    g_free(ix->entries[i].orgs);
  for (size_t i = 0; i < ix->n_cuts; i++)
    g_free(ix->cuts[i].places);
  g_free(ix->entries);
  g_free(ix->cuts);
  g_free(ix->sectors);
  g_free(ix->mixing);
  g_free(ix->ei);
  g_free(ix);
}
