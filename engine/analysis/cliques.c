/* cliques.c -- the organisation network held as what makes it: the members
 * of each network (all tied to one another, a clique), the partner_of and
 * funds ties between organisations that share no network, and the
 * organisations that share the same two or more networks (profiles). A walk
 * over it visits a network once instead of the ties of its clique, and
 * subtracts through the profiles what pairs sharing several networks add
 * more than once, so that it gives exactly what the simple graph of
 * KbiOrgNet gives (the same organisations, the same ties; positions in an
 * order of its own). It holds some numbers per organisation and per
 * membership where KbiOrgNet holds a number per tie. */
#include <string.h>

#include "analysis/analysis_internal.h"

/* ---------------------------------------------------------- pair lists */

typedef struct {
  guint32 row, to;
  gint32 count;
} Entry;

static int
compare_entries(const void *x, const void *y)
{
  const Entry *a = x, *b = y;
  if (a->row != b->row)
    return a->row < b->row ? -1 : 1;
  return a->to < b->to ? -1 : a->to > b->to;
}

/* Sorts the entries, drops repeats (keeping the first count) and fills
 * 'csr' with 'rows' rows; 'entries' is freed. */
static void
csr_from_entries(GArray *entries, size_t rows, gboolean counts, KbiCsr *csr)
{
  g_array_sort(entries, compare_entries);
  const Entry *e = (const Entry *) entries->data;
  csr->start = g_new0(size_t, rows + 1);
  csr->to = g_new(guint32, entries->len ? entries->len : 1);
  csr->count = counts ? g_new(gint32, entries->len ? entries->len : 1) : NULL;
  size_t k = 0;
  for (guint i = 0; i < entries->len; i++) {
    if (i > 0 && e[i].row == e[i - 1].row && e[i].to == e[i - 1].to)
      continue;
    csr->to[k] = e[i].to;
    if (counts)
      csr->count[k] = e[i].count;
    csr->start[e[i].row + 1]++;
    k++;
  }
  for (size_t r = 0; r < rows; r++)
    csr->start[r + 1] += csr->start[r];
  g_array_unref(entries);
}

static void
csr_release(KbiCsr *csr)
{
  g_free(csr->start);
  g_free(csr->to);
  g_free(csr->count);
}

static void
entry_add(GArray *entries, size_t row, size_t to, gint32 count)
{
  Entry e = { (guint32) row, (guint32) to, count };
  g_array_append_val(entries, e);
}

/* TRUE when the sorted lists share an element. */
static gboolean
lists_meet(const guint32 *a, size_t na, const guint32 *b, size_t nb)
{
  size_t i = 0, j = 0;
  while (i < na && j < nb) {
    if (a[i] == b[j])
      return TRUE;
    if (a[i] < b[j])
      i++;
    else
      j++;
  }
  return FALSE;
}

static gboolean
share_network(const KbiCliques *c, size_t a, size_t b)
{
  return lists_meet(KB_CSR_ROW(&c->nets_of, a), KB_CSR_LEN(&c->nets_of, a),
                    KB_CSR_ROW(&c->nets_of, b), KB_CSR_LEN(&c->nets_of, b));
}

/* Orders rows a and b of 'lists' by their entries (0 when the same). */
static int
compare_rows(const KbiCsr *lists, size_t a, size_t b)
{
  size_t na = KB_CSR_LEN(lists, a), nb = KB_CSR_LEN(lists, b);
  const guint32 *ra = KB_CSR_ROW(lists, a), *rb = KB_CSR_ROW(lists, b);
  for (size_t i = 0; i < na && i < nb; i++)
    if (ra[i] != rb[i])
      return ra[i] < rb[i] ? -1 : 1;
  return na < nb ? -1 : na > nb;
}

/* Organisations (guint32 rows of the KbiCsr 'data') by their rows, then by
 * number; an empty row last. */
static gint
compare_by_lists(gconstpointer x, gconstpointer y, gpointer data)
{
  size_t a = *(const guint32 *) x, b = *(const guint32 *) y;
  gboolean ea = KB_CSR_LEN((const KbiCsr *) data, a) == 0;
  gboolean eb = KB_CSR_LEN((const KbiCsr *) data, b) == 0;
  int by = ea != eb ? (ea ? 1 : -1) : compare_rows(data, a, b);
  return by != 0 ? by : (a < b ? -1 : a > b);
}

static gboolean
has_arc(const Entry *arcs, size_t n_arcs, size_t from, size_t to)
{
  Entry key = { (guint32) from, (guint32) to, 0 };
  return bsearch(&key, arcs, n_arcs, sizeof key, compare_entries) != NULL;
}

/* ------------------------------------------------------------ building */

/* The profiles: the organisations with the same two or more networks, one
 * set each after the networks (their members go to 'members', which this
 * turns into c->members); and each organisation's terms: its networks, +1
 * each, and the profiles Q sharing c >= 2 networks with its own, -(c - 1)
 * each. Summed over the members of each set, the terms count a co-member u
 * once when it shares c >= 1 networks: c - (c - 1). */
static void
add_profiles(KbiCliques *c, GArray *members)
{
  c->profile = g_new(guint32, c->n ? c->n : 1);
  GArray *multi = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (size_t v = 0; v < c->n; v++) {
    c->profile[v] = G_MAXUINT32;
    if (KB_CSR_LEN(&c->nets_of, v) >= 2) {
      guint32 x = (guint32) v;
      g_array_append_val(multi, x);
    }
  }
  g_array_sort_with_data(multi, compare_by_lists, &c->nets_of);
  const guint32 *mv = (const guint32 *) multi->data;
  GArray *in_net = g_array_new(FALSE, FALSE, sizeof(Entry));   /* (network, profile) */
  size_t n_profiles = 0;
  for (guint i = 0; i < multi->len; i++) {
    if (i == 0 || compare_rows(&c->nets_of, mv[i - 1], mv[i]) != 0) {
      for (size_t x = c->nets_of.start[mv[i]]; x < c->nets_of.start[mv[i] + 1]; x++)
        entry_add(in_net, c->nets_of.to[x], n_profiles, 0);
      n_profiles++;
    }
    c->profile[mv[i]] = (guint32) (c->n_nets + n_profiles - 1);
    entry_add(members, c->n_nets + n_profiles - 1, mv[i], 0);
  }
  g_array_unref(multi);
  c->n_sets = c->n_nets + n_profiles;
  csr_from_entries(members, c->n_sets, FALSE, &c->members);
  KbiCsr profiles_of;
  csr_from_entries(in_net, c->n_nets, FALSE, &profiles_of);

  /* the profiles that share two or more networks with each profile */
  GArray *overlap = g_array_new(FALSE, FALSE, sizeof(Entry));
  guint32 *count = g_new0(guint32, n_profiles ? n_profiles : 1);
  GArray *touched = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (size_t p = 0; p < n_profiles; p++) {
    size_t v = c->members.to[c->members.start[c->n_nets + p]];
    g_array_set_size(touched, 0);
    for (size_t x = c->nets_of.start[v]; x < c->nets_of.start[v + 1]; x++) {
      guint32 k = c->nets_of.to[x];
      for (size_t y = profiles_of.start[k]; y < profiles_of.start[k + 1]; y++)
        if (count[profiles_of.to[y]]++ == 0)
          g_array_append_val(touched, profiles_of.to[y]);
    }
    for (guint t = 0; t < touched->len; t++) {
      guint32 q = g_array_index(touched, guint32, t);
      if (count[q] >= 2)
        entry_add(overlap, p, q, (gint32) count[q] - 1);
      count[q] = 0;
    }
  }
  g_array_unref(touched);
  g_free(count);
  csr_release(&profiles_of);
  KbiCsr over;
  csr_from_entries(overlap, n_profiles, TRUE, &over);

  GArray *sets_of = g_array_new(FALSE, FALSE, sizeof(Entry));
  for (size_t v = 0; v < c->n; v++) {
    for (size_t x = c->nets_of.start[v]; x < c->nets_of.start[v + 1]; x++)
      entry_add(sets_of, v, c->nets_of.to[x], 0);
    if (c->profile[v] != G_MAXUINT32)
      entry_add(sets_of, v, c->profile[v], 0);
  }
  csr_from_entries(sets_of, c->n, FALSE, &c->sets_of);
  GArray *terms = g_array_new(FALSE, FALSE, sizeof(Entry));
  for (size_t v = 0; v < c->n; v++) {
    for (size_t x = c->nets_of.start[v]; x < c->nets_of.start[v + 1]; x++)
      entry_add(terms, v, c->nets_of.to[x], 1);
    if (c->profile[v] == G_MAXUINT32)
      continue;
    size_t p = c->profile[v] - c->n_nets;
    for (size_t x = over.start[p]; x < over.start[p + 1]; x++)
      entry_add(terms, v, c->n_nets + over.to[x], -over.count[x]);
  }
  csr_release(&over);
  csr_from_entries(terms, c->n, TRUE, &c->terms);
}

/* Puts the organisations with the same networks next to one another (by
 * their lists of networks, then by id; those in none last), so that a
 * search that reaches a network's members touches memory close together:
 * c->nodes and the positions in 'mem' (network, position) and 'arcs' are
 * changed to that order, and c->by_id says where each position by id went. */
static void
renumber(KbiCliques *c, GArray *mem, GArray *arcs)
{
  GArray *of = g_array_new(FALSE, FALSE, sizeof(Entry));   /* (position, network) */
  const Entry *m = (const Entry *) mem->data;
  for (guint i = 0; i < mem->len; i++)
    entry_add(of, m[i].to, m[i].row, 0);
  KbiCsr lists;
  csr_from_entries(of, c->n, FALSE, &lists);
  guint32 *order = g_new(guint32, c->n ? c->n : 1);
  for (size_t p = 0; p < c->n; p++)
    order[p] = (guint32) p;
  g_qsort_with_data(order, (gint) c->n, sizeof *order, compare_by_lists, &lists);
  csr_release(&lists);
  c->by_id = g_new(guint32, c->n ? c->n : 1);
  size_t *nodes = g_new(size_t, c->n ? c->n : 1);
  for (size_t i = 0; i < c->n; i++) {
    c->by_id[order[i]] = (guint32) i;
    nodes[i] = c->nodes[order[i]];
  }
  g_free(order);
  g_free(c->nodes);
  c->nodes = nodes;
  Entry *e = (Entry *) mem->data;
  for (guint i = 0; i < mem->len; i++)
    e[i].to = c->by_id[e[i].to];
  e = (Entry *) arcs->data;
  for (guint i = 0; i < arcs->len; i++) {
    e[i].row = c->by_id[e[i].row];
    e[i].to = c->by_id[e[i].to];
  }
}

void
kb_i_cliques_build(const KbDataset *ds, KbiCliques *c)
{
  memset(c, 0, sizeof *c);
  size_t *pos;
  c->nodes = kb_i_nodes_by_id(ds, KB_NODE_ORGANISATION, &c->n, &pos);

  /* memberships as (network node, position); arcs as (from, to) */
  GArray *mem = g_array_new(FALSE, FALSE, sizeof(Entry));
  GArray *arcs = g_array_new(FALSE, FALSE, sizeof(Entry));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (kb_i_is_direct_tie(ds, r) && r->from != r->to) {
      entry_add(arcs, pos[r->from], pos[r->to], 0);
      if (r->kind == KB_REL_PARTNER_OF)
        entry_add(arcs, pos[r->to], pos[r->from], 0);
    } else if (r->kind == KB_REL_MEMBER_OF && pos[r->from] != KB_NO_NODE) {
      entry_add(mem, r->to, pos[r->from], 0);
    }
  }
  g_free(pos);
  renumber(c, mem, arcs);
  g_array_sort(mem, compare_entries);
  g_array_sort(arcs, compare_entries);

  /* networks, each with its members once; those of one member tie nobody */
  GArray *sizes = g_array_new(FALSE, FALSE, sizeof(size_t));
  GArray *members = g_array_new(FALSE, FALSE, sizeof(Entry));
  const Entry *m = (const Entry *) mem->data;
  for (guint i = 0; i < mem->len;) {
    guint j = i;
    size_t kept = 0;
    for (; j < mem->len && m[j].row == m[i].row; j++)
      kept += j == i || m[j].to != m[j - 1].to;
    g_array_append_val(sizes, kept);
    i = j;
  }
  GArray *kept_nodes = g_array_new(FALSE, FALSE, sizeof(size_t));
  GArray *nets_of = g_array_new(FALSE, FALSE, sizeof(Entry));
  for (guint i = 0, k = 0; i < mem->len; k++) {
    guint j = i;
    for (; j < mem->len && m[j].row == m[i].row; j++)
      ;
    if (g_array_index(sizes, size_t, k) >= 2) {
      size_t id = kept_nodes->len, node = m[i].row;   /* a size_t, as the array holds */
      g_array_append_val(kept_nodes, node);
      for (guint x = i; x < j; x++) {
        entry_add(members, id, m[x].to, 0);
        entry_add(nets_of, m[x].to, id, 0);
      }
    }
    i = j;
  }
  g_array_unref(mem);
  g_array_unref(sizes);
  c->n_nets = kept_nodes->len;
  c->net_node = (size_t *) g_array_free(kept_nodes, FALSE);
  csr_from_entries(nets_of, c->n, FALSE, &c->nets_of);
  add_profiles(c, members);
  /* direct ties outside every shared network; arcs that go one way only */
  GArray *direct = g_array_new(FALSE, FALSE, sizeof(Entry));
  GArray *only_in = g_array_new(FALSE, FALSE, sizeof(Entry));
  GArray *only_out = g_array_new(FALSE, FALSE, sizeof(Entry));
  const Entry *a = (const Entry *) arcs->data;
  for (guint i = 0; i < arcs->len; i++) {
    if (share_network(c, a[i].row, a[i].to))
      continue;
    entry_add(direct, a[i].row, a[i].to, 0);
    entry_add(direct, a[i].to, a[i].row, 0);
    if (!has_arc(a, arcs->len, a[i].to, a[i].row)) {
      entry_add(only_out, a[i].row, a[i].to, 0);
      entry_add(only_in, a[i].to, a[i].row, 0);
    }
  }
  g_array_unref(arcs);
  csr_from_entries(direct, c->n, FALSE, &c->direct);
  csr_from_entries(only_in, c->n, FALSE, &c->only_in);
  csr_from_entries(only_out, c->n, FALSE, &c->only_out);

  /* degree: the neighbour sum of 1 for everyone */
  c->degree = g_new(size_t, c->n ? c->n : 1);
  size_t sum = 0;
  for (size_t v = 0; v < c->n; v++) {
    gint64 d = (gint64) KB_CSR_LEN(&c->direct, v) - (KB_CSR_LEN(&c->nets_of, v) > 0);
    for (size_t x = c->terms.start[v]; x < c->terms.start[v + 1]; x++)
      d += (gint64) c->terms.count[x] * (gint64) KB_CSR_LEN(&c->members, c->terms.to[x]);
    c->degree[v] = (size_t) d;
    sum += (size_t) d;
  }
  c->ties = sum / 2;
}

void
kb_i_cliques_release(KbiCliques *c)
{
  g_free(c->nodes);
  g_free(c->by_id);
  g_free(c->net_node);
  csr_release(&c->members);
  csr_release(&c->nets_of);
  csr_release(&c->direct);
  csr_release(&c->terms);
  csr_release(&c->sets_of);
  g_free(c->profile);
  csr_release(&c->only_in);
  csr_release(&c->only_out);
  g_free(c->degree);
  memset(c, 0, sizeof *c);
}

void
kb_i_cliques_foreach_tie(const KbiCliques *c, size_t v, guint32 *seen, guint32 stamp,
                         KbiTieFunc func, gpointer data)
{
  seen[v] = stamp;
  for (size_t x = c->nets_of.start[v]; x < c->nets_of.start[v + 1]; x++) {
    guint32 k = c->nets_of.to[x];
    for (size_t y = c->members.start[k]; y < c->members.start[k + 1]; y++) {
      guint32 q = c->members.to[y];
      if (seen[q] != stamp) {
        seen[q] = stamp;
        func(v, q, data);
      }
    }
  }
  for (size_t x = c->direct.start[v]; x < c->direct.start[v + 1]; x++) {
    guint32 q = c->direct.to[x];
    if (seen[q] != stamp) {
      seen[q] = stamp;
      func(v, q, data);
    }
  }
}
