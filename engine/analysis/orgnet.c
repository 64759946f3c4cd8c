/* orgnet.c -- the organisation network: organisations tied by partner_of,
 * funds and shared network membership.
 *
 * The ties are listed in one pass over the organisations in position
 * order: for organisation a, the members after it in each of its networks
 * (each network's members are kept sorted) and its direct ties to later
 * positions, merged into one ascending list with the number of reasons for
 * each. So the ties come out sorted by (a, b) with their weights, with no
 * table of pairs, and the arcs follow from them by a counting sort. */
#include <stdio.h>
#include <string.h>

#include "analysis/analysis_internal.h"

/* An unordered pair of node indices as one 64-bit key, a < b. */
static gint64 *
pair_key(size_t a, size_t b)
{
  gint64 *k = g_new(gint64, 1);
  *k = ((gint64) MIN(a, b) << 32) | (gint64) MAX(a, b);
  return k;
}

/* ------------------------------------------------------ the makings */

/* The arcs a direct tie gives, seen from its lower position: ARC_UP from
 * the lower to the higher, ARC_DOWN back. */
enum { ARC_UP = 1, ARC_DOWN = 2 };

typedef struct {
  guint64 key;              /* lower position << 32 | higher position */
  guint8 arcs;
} Direct;

/* Who is in which network, and the direct ties, by position. */
typedef struct {
  size_t n_nets;
  size_t *net_node;         /* network k -> its node */
  size_t *net_start;        /* network k's members: members[net_start[k] .. net_start[k + 1]] */
  size_t *members;          /* positions, ascending within a network, each once */
  size_t *org_start;        /* position p's networks: org_nets[org_start[p] .. org_start[p + 1]] */
  size_t *org_nets;         /* ascending */
  size_t *dir_start;        /* position p's direct ties upwards:
                             * dir[dir_start[p] .. dir_start[p + 1]] */
  Direct *dir;              /* by key; a relation given twice is there twice */
} Makings;

static int
compare_u64(const void *x, const void *y)
{
  guint64 a = *(const guint64 *) x, b = *(const guint64 *) y;
  return a < b ? -1 : a > b;
}

/* The start of each of n positions' runs in 'n_items' items sorted by
 * position: start[p] .. start[p + 1]. 'position' gives item i's. */
static size_t *
run_starts(size_t n, size_t n_items, size_t (*position)(const void *items, size_t i),
           const void *items)
{
  size_t *start = g_new0(size_t, n + 1);
  for (size_t i = 0; i < n_items; i++)
    start[position(items, i) + 1]++;
  for (size_t p = 0; p < n; p++)
    start[p + 1] += start[p];
  return start;
}

static size_t
direct_position(const void *items, size_t i)
{
  return (size_t) (((const Direct *) items)[i].key >> 32);
}

static size_t
member_position(const void *items, size_t i)
{
  return ((const size_t *) items)[i];
}

static void
makings_build(const KbDataset *ds, const size_t *pos, size_t n, Makings *mk)
{
  memset(mk, 0, sizeof *mk);
  GArray *memb = g_array_new(FALSE, FALSE, sizeof(guint64));   /* network node << 32 | position */
  GArray *dir = g_array_new(FALSE, FALSE, sizeof(Direct));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    size_t a = pos[r->from], b = pos[r->to];
    if (kb_i_is_direct_tie(ds, r)) {
      if (a == b)
        continue;
      Direct d = { ((guint64) MIN(a, b) << 32) | MAX(a, b),
                   r->kind == KB_REL_PARTNER_OF ? ARC_UP | ARC_DOWN : a < b ? ARC_UP : ARC_DOWN };
      g_array_append_val(dir, d);
    } else if (r->kind == KB_REL_MEMBER_OF && a != KB_NO_NODE) {
      guint64 key = ((guint64) r->to << 32) | a;
      g_array_append_val(memb, key);
    }
  }
  /* Direct starts with its key: sorting by the first 8 bytes sorts by key */
  g_array_sort(dir, compare_u64);
  mk->dir_start = run_starts(n, dir->len, direct_position, dir->data);
  mk->dir = (Direct *) g_array_free(dir, FALSE);

  /* each network's members once, ascending */
  g_array_sort(memb, compare_u64);
  guint64 *m = (guint64 *) memb->data;
  size_t n_memb = 0;
  for (guint i = 0; i < memb->len; i++)
    if (i == 0 || m[i] != m[i - 1])
      m[n_memb++] = m[i];
  mk->members = g_new(size_t, n_memb + 1);
  mk->net_node = g_new(size_t, n_memb + 1);
  mk->net_start = g_new(size_t, n_memb + 1);
  for (size_t i = 0; i < n_memb; i++) {
    if (i == 0 || m[i] >> 32 != m[i - 1] >> 32) {
      mk->net_node[mk->n_nets] = (size_t) (m[i] >> 32);
      mk->net_start[mk->n_nets++] = i;
    }
    mk->members[i] = (size_t) (m[i] & 0xFFFFFFFF);
  }
  mk->net_start[mk->n_nets] = n_memb;
  g_array_unref(memb);

  /* each organisation's networks, ascending */
  mk->org_start = run_starts(n, n_memb, member_position, mk->members);
  mk->org_nets = g_new(size_t, n_memb + 1);
  size_t *fill = g_memdup2(mk->org_start, (n + 1) * sizeof(size_t));
  for (size_t k = 0; k < mk->n_nets; k++)
    for (size_t i = mk->net_start[k]; i < mk->net_start[k + 1]; i++)
      mk->org_nets[fill[mk->members[i]]++] = k;
  g_free(fill);
}

static void
makings_release(Makings *mk)
{
  g_free(mk->net_node);
  g_free(mk->net_start);
  g_free(mk->members);
  g_free(mk->org_start);
  g_free(mk->org_nets);
  g_free(mk->dir_start);
  g_free(mk->dir);
}

/* ------------------------------------------------------------ the ties */

/* Merges the ascending list 'x' into the ascending list 'out' (of *len,
 * without repeats), through 'tmp'; the result has no repeats either. The
 * two buffers swap. */
static void
merge_into(size_t **out, size_t *len, size_t **tmp, const size_t *x, size_t nx)
{
  const size_t *a = *out;
  size_t na = *len, i = 0, j = 0, k = 0;
  size_t *t = *tmp;
  while (i < na || j < nx) {
    size_t v = j == nx || (i < na && a[i] <= x[j]) ? a[i++] : x[j++];
    if (k == 0 || t[k - 1] != v)
      t[k++] = v;
  }
  *tmp = *out;
  *out = t;
  *len = k;
}

/* The first of the sorted positions in [lo, hi) above 'a'. */
static size_t
first_above(const size_t *v, size_t lo, size_t hi, size_t a)
{
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] <= a)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Lists the ties, by (a, b), into net->ties; with 'arcs', each tie's arcs
 * (ARC_UP, ARC_DOWN) too. */
static void
ties_list(const Makings *mk, KbiOrgNet *net, size_t most, GArray *arcs)
{
  size_t n = net->n;
  net->ties = g_array_sized_new(FALSE, FALSE, sizeof(KbiTie), (guint) most);
  guint32 *reasons = g_new0(guint32, n ? n : 1);
  guint8 *tie_arcs = g_new0(guint8, n ? n : 1);
  size_t *buf = g_new(size_t, n ? n : 1), *tmp = g_new(size_t, n ? n : 1);
  size_t *ups = g_new(size_t, n ? n : 1);
  for (size_t a = 0; a < n; a++) {
    size_t len = 0;
    for (size_t j = mk->org_start[a]; j < mk->org_start[a + 1]; j++) {
      size_t k = mk->org_nets[j];
      size_t from = first_above(mk->members, mk->net_start[k], mk->net_start[k + 1], a);
      const size_t *x = mk->members + from;
      size_t nx = mk->net_start[k + 1] - from;
      for (size_t i = 0; i < nx; i++) {
        reasons[x[i]]++;
        tie_arcs[x[i]] = ARC_UP | ARC_DOWN;
      }
      merge_into(&buf, &len, &tmp, x, nx);
    }
    size_t n_ups = 0;
    for (size_t j = mk->dir_start[a]; j < mk->dir_start[a + 1]; j++) {
      size_t b = (size_t) (mk->dir[j].key & 0xFFFFFFFF);
      reasons[b]++;
      tie_arcs[b] |= mk->dir[j].arcs;
      if (n_ups == 0 || ups[n_ups - 1] != b)   /* a relation given again */
        ups[n_ups++] = b;
    }
    merge_into(&buf, &len, &tmp, ups, n_ups);
    for (size_t i = 0; i < len; i++) {
      size_t b = buf[i];
      KbiTie t = { a, b, reasons[b] };
      g_array_append_val(net->ties, t);
      if (arcs != NULL)
        g_array_append_val(arcs, tie_arcs[b]);
      reasons[b] = 0;
      tie_arcs[b] = 0;
    }
  }
  g_free(reasons);
  g_free(tie_arcs);
  g_free(buf);
  g_free(tmp);
  g_free(ups);
}

/* The arcs of the ties, sorted by (from, to): a counting sort by 'from'.
 * Position x's arcs come from the ties (c, x), c < x, then (x, b), x < b,
 * each in ascending order, so each run is sorted already. */
static GArray *
arcs_list(const KbiOrgNet *net, const GArray *tie_arcs)
{
  size_t n = net->n, total = 0;
  size_t *start = g_new0(size_t, n + 1);
  const guint8 *ta = (const guint8 *) tie_arcs->data;
  for (guint i = 0; i < net->ties->len; i++) {
    const KbiTie *t = &g_array_index(net->ties, KbiTie, i);
    start[t->a + 1] += (ta[i] & ARC_UP) != 0;
    start[t->b + 1] += (ta[i] & ARC_DOWN) != 0;
  }
  for (size_t p = 0; p < n; p++)
    start[p + 1] += start[p];
  total = start[n];
  GArray *arcs = g_array_sized_new(FALSE, FALSE, 2 * sizeof(size_t), (guint) total);
  g_array_set_size(arcs, (guint) total);
  size_t *out = (size_t *) arcs->data;
  for (guint i = 0; i < net->ties->len; i++) {
    const KbiTie *t = &g_array_index(net->ties, KbiTie, i);
    if (ta[i] & ARC_UP) {
      out[2 * start[t->a]] = t->a;
      out[2 * start[t->a]++ + 1] = t->b;
    }
    if (ta[i] & ARC_DOWN) {
      out[2 * start[t->b]] = t->b;
      out[2 * start[t->b]++ + 1] = t->a;
    }
  }
  g_free(start);
  return arcs;
}

/* ------------------------------------------------------------ building */

/* TRUE when an organisation network of these networks (net_node[k] of
 * sizes[k] members) and n_direct directly tied pairs holds at most
 * KB_ORGNET_MAX_TIES ties, reckoned as each network's pairs plus the
 * direct ones (*ties); else FALSE with KB_ERROR_LIMIT naming the largest
 * network. */
static gboolean
orgnet_check_size(const KbDataset *ds, const size_t *net_node, size_t n_nets,
                  const size_t *sizes, size_t n_direct, double *ties, GError **error)
{
  double n_ties = (double) n_direct, largest = 0;
  size_t largest_net = KB_NO_NODE;
  for (size_t k = 0; k < n_nets; k++) {
    double m = (double) sizes[k];
    n_ties += m * (m - 1) / 2;
    if (m > largest || (m == largest && net_node[k] < largest_net)) {
      largest = m;
      largest_net = net_node[k];
    }
  }
  *ties = n_ties;
  if (n_ties <= KB_ORGNET_MAX_TIES)
    return TRUE;
  g_set_error(error, KB_ERROR, KB_ERROR_LIMIT,
              "the organisation network would hold %.3g ties, more than %.3g: the members of a "
              "network are all tied to one another, and network '%s' alone has %.0f members; "
              "communities and candidates are out of reach at this size (index, brokers and "
              "synergy have no such limit)", n_ties, KB_ORGNET_MAX_TIES,
              largest_net == KB_NO_NODE ? "" : kb_dataset_node(ds, largest_net)->id, largest);
  return FALSE;
}

static gboolean
orgnet_build(const KbDataset *ds, KbiOrgNet *net, gboolean with_arcs, GError **error)
{
  memset(net, 0, sizeof *net);
  net->nodes = kb_i_nodes_by_id(ds, KB_NODE_ORGANISATION, &net->n, &net->pos);
  net->direct = kb_i_direct_ties(ds);

  /* co-members of a network are all tied to one another, which national
   * data makes too many to hold: say so rather than run out of memory */
  Makings mk;
  makings_build(ds, net->pos, net->n, &mk);
  size_t *sizes = g_new(size_t, mk.n_nets + 1);
  for (size_t k = 0; k < mk.n_nets; k++)
    sizes[k] = mk.net_start[k + 1] - mk.net_start[k];
  double n_ties;
  gboolean fits = orgnet_check_size(ds, mk.net_node, mk.n_nets, sizes,
                                    g_hash_table_size(net->direct), &n_ties, error);
  g_free(sizes);
  if (!fits) {
    makings_release(&mk);
    kb_i_orgnet_release(net);
    return FALSE;
  }
  GArray *tie_arcs = with_arcs ? g_array_sized_new(FALSE, FALSE, 1, (guint) n_ties) : NULL;
  ties_list(&mk, net, (size_t) n_ties, tie_arcs);
  makings_release(&mk);
  if (with_arcs) {
    net->arcs = arcs_list(net, tie_arcs);
    g_array_unref(tie_arcs);
  }
  return TRUE;
}

gboolean
kb_i_orgnet_build(const KbDataset *ds, KbiOrgNet *net, GError **error)
{
  return orgnet_build(ds, net, TRUE, error);
}

gboolean
kb_i_orgnet_build_ties(const KbDataset *ds, KbiOrgNet *net, GError **error)
{
  return orgnet_build(ds, net, FALSE, error);
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
      g_hash_table_add(direct, pair_key(r->from, r->to));
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
