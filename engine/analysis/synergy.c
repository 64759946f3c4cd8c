/* synergy.c -- organisations not yet tied that share contexts, scored by
 * Adamic-Adar on the typed graph:
 *
 *   score(a, b) = sum over shared contexts c of w(kind c) / ln(deg c)
 *
 * where deg c counts the organisations tied to c. Only contexts shared by
 * two or more organisations are visited, so the work is the sum of deg c
 * squared over contexts, never all pairs of organisations. */
#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

void
kb_synergy_options_init(KbSynergyOptions *opts)
{
  g_return_if_fail(opts != NULL);
  memset(opts, 0, sizeof *opts);
  for (int k = 0; k < KB_CONTEXT_KIND_COUNT; k++)
    opts->weights[k] = 1.0;
  opts->org = KB_NO_NODE;
  opts->place = KB_NO_NODE;
  opts->max_work = KB_SYNERGY_MAX_WORK;
}

static int
compare_reasons(const void *x, const void *y, void *data)
{
  const KbReason *a = x, *b = y;
  if (a->contribution != b->contribution)
    return a->contribution > b->contribution ? -1 : 1;
  return kb_i_compare_ids(data, a->context, b->context);
}

static int
compare_pairs(const void *x, const void *y, void *data)
{
  const KbSynergyPair *a = x, *b = y;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  int c = kb_i_compare_ids(data, a->a, b->a);
  return c ? c : kb_i_compare_ids(data, a->b, b->b);
}

/* Keeps in heap[0 .. *n) (room for 'top') the best 'top' pairs offered, the
 * worst of them at heap[0]: a sort of every pair, by score and then by ids,
 * took most of the time of a report on 10^4 organisations. */
static void
keep_best(KbSynergyPair *heap, size_t *n, size_t top, const KbSynergyPair *p,
          const KbDataset *ds)
{
  size_t i;
  if (*n < top) {
    /* up from the end while worse than the parent */
    for (i = (*n)++; i > 0 && compare_pairs(p, &heap[(i - 1) / 2], (gpointer) ds) > 0;
         i = (i - 1) / 2)
      heap[i] = heap[(i - 1) / 2];
    heap[i] = *p;
    return;
  }
  if (compare_pairs(p, &heap[0], (gpointer) ds) >= 0)
    return;   /* no better than the worst kept */
  /* down from the root while a child is worse */
  for (i = 0;;) {
    size_t l = 2 * i + 1, r = l + 1, w = i;
    const KbSynergyPair *worst = p;
    if (l < *n && compare_pairs(&heap[l], worst, (gpointer) ds) > 0) {
      w = l;
      worst = &heap[l];
    }
    if (r < *n && compare_pairs(&heap[r], worst, (gpointer) ds) > 0)
      w = r;
    if (w == i)
      break;
    heap[i] = heap[w];
    i = w;
  }
  heap[i] = *p;
}

/* TRUE when organisation 'org' has context 'c' (its links are sorted). */
static gboolean
has_context(const KbiContexts *ctx, size_t org, size_t c)
{
  GArray *links = ctx->of_org[org];
  guint lo = 0, hi = links ? links->len : 0;
  while (lo < hi) {
    guint mid = (lo + hi) / 2;
    size_t n = g_array_index(links, KbiLink, mid).node;
    if (n == c)
      return TRUE;
    if (n < c)
      lo = mid + 1;
    else
      hi = mid;
  }
  return FALSE;
}

/* The reasons of a pair: the contexts both have, strongest first. */
static void
explain(const KbDataset *ds, const KbiContexts *ctx, const gboolean *skip,
        const KbSynergyOptions *opts, KbSynergyPair *p)
{
  GArray *reasons = g_array_new(FALSE, FALSE, sizeof(KbReason));
  GArray *la = ctx->of_org[p->a], *lb = ctx->of_org[p->b];
  guint i = 0, j = 0;
  while (i < la->len && j < lb->len) {
    size_t x = g_array_index(la, KbiLink, i).node, y = g_array_index(lb, KbiLink, j).node;
    if (x < y) {
      i++;
      continue;
    }
    if (y < x) {
      j++;
      continue;
    }
    KbContextKind kind = g_array_index(la, KbiLink, i).kind;
    double contribution = opts->weights[kind] / log((double) ctx->members[x]->len);
    if (!skip[x] && contribution > 0) {
      KbReason r = { x, kind, contribution };
      g_array_append_val(reasons, r);
    }
    i++;
    j++;
  }
  g_array_sort_with_data(reasons, compare_reasons, (gpointer) ds);
  p->n_reasons = reasons->len;
  p->reasons = (KbReason *) g_array_free(reasons, FALSE);
}

/* Keeps a pair from the same sector only when asked; an unknown sector
 * never counts as the same. */
static gboolean
sectors_pass(const KbDataset *ds, size_t a, size_t b, gboolean same_sector)
{
  if (same_sector)
    return TRUE;
  size_t sa = kb_dataset_node(ds, a)->sector, sb = kb_dataset_node(ds, b)->sector;
  return sa == KB_NO_NODE || sb == KB_NO_NODE || sa != sb;
}

/* The contexts that count (two organisations or more, weight above 0, not
 * skipped), in the order every score is summed in: by size, then node.
 * synergy_each.c sums in the same order, so a pair has the same score, to
 * the last bit, whichever way it is found. */
typedef struct {
  size_t n;
  size_t *order;            /* the contexts, in that order */
  size_t *rank;             /* node -> its place in order, or KB_NO_NODE */
} Order;

static void
order_build(const KbiContexts *ctx, const gboolean *skip, const KbSynergyOptions *opts,
            Order *o)
{
  o->order = g_new(size_t, ctx->n_nodes + 1);
  o->rank = g_new(size_t, ctx->n_nodes + 1);
  size_t *size = g_new0(size_t, ctx->n_nodes + 1);
  for (size_t c = 0; c < ctx->n_nodes; c++) {
    GArray *m = ctx->members[c];
    o->rank[c] = KB_NO_NODE;
    if (m != NULL && m->len >= 2 && !skip[c]
        && opts->weights[g_array_index(m, KbiLink, 0).kind] > 0)
      size[c] = m->len;
  }
  o->n = kb_i_contexts_by_size(size, ctx->n_nodes, o->order);
  g_free(size);
  for (size_t i = 0; i < o->n; i++)
    o->rank[o->order[i]] = i;
}

static double
contribution_of(const KbiContexts *ctx, const KbSynergyOptions *opts, size_t c)
{
  GArray *m = ctx->members[c];
  return opts->weights[g_array_index(m, KbiLink, 0).kind] / log((double) m->len);
}

/* Everything kb_synergy_compute works from. */
typedef struct {
  const KbDataset *ds;
  const KbSynergyOptions *opts;
  KbiContexts ctx;
  GHashTable *direct;
  gboolean *skip;
  Order order;
  GArray *pairs;            /* of KbSynergyPair; a heap of the best 'top' while filling */
  size_t kept;
} Work;

/* Keeps pair (u, v) of this score when it passes the place filter. */
static void
consider(Work *w, size_t u, size_t v, double score)
{
  const KbSynergyOptions *opts = w->opts;
  if (opts->place != KB_NO_NODE
      && (!has_context(&w->ctx, u, opts->place) || !has_context(&w->ctx, v, opts->place)))
    return;
  KbSynergyPair p = { kb_i_compare_ids(w->ds, u, v) < 0 ? u : v, 0, score, 0, NULL };
  p.b = p.a == u ? v : u;
  if (opts->top == 0) {
    g_array_append_val(w->pairs, p);
    return;
  }
  if (w->pairs->len < opts->top)
    g_array_set_size(w->pairs, (guint) opts->top);
  keep_best((KbSynergyPair *) w->pairs->data, &w->kept, opts->top, &p, w->ds);
}

/* Every pair of every shared context, scored in a table of pairs: the
 * work is the sum of deg(c)^2. */
static void
all_pairs(Work *w)
{
  const KbSynergyOptions *opts = w->opts;
  GHashTable *acc = g_hash_table_new_full(kb_i_pair_hash, g_int64_equal, g_free, g_free);
  for (size_t i = 0; i < w->order.n; i++) {
    size_t c = w->order.order[i];
    GArray *m = w->ctx.members[c];
    double contribution = contribution_of(&w->ctx, opts, c);
    for (guint x = 0; x < m->len; x++) {
      size_t u = g_array_index(m, KbiLink, x).node;
      for (guint y = x + 1; y < m->len; y++) {
        size_t v = g_array_index(m, KbiLink, y).node;
        if (!sectors_pass(w->ds, u, v, opts->same_sector) || kb_i_directly_tied(w->direct, u, v))
          continue;
        gint64 key = ((gint64) MIN(u, v) << 32) | (gint64) MAX(u, v);
        double *score = g_hash_table_lookup(acc, &key);
        if (score == NULL) {
          score = g_new0(double, 1);
          g_hash_table_insert(acc, g_memdup2(&key, sizeof key), score);
        }
        *score += contribution;
      }
    }
  }
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, acc);
  while (g_hash_table_iter_next(&it, &key, &value))
    consider(w, (size_t) (*(gint64 *) key >> 32), (size_t) (*(gint64 *) key & 0xFFFFFFFF),
             *(double *) value);
  g_hash_table_unref(acc);
}

/* The pairs of one organisation: the members of its own contexts, the
 * work their sizes. */
static void
pairs_of(Work *w, size_t org)
{
  const KbSynergyOptions *opts = w->opts;
  GArray *links = w->ctx.of_org[org];
  size_t n_mine = 0, *mine = g_new(size_t, (links ? links->len : 0) + 1);
  for (guint j = 0; links != NULL && j < links->len; j++) {
    size_t c = g_array_index(links, KbiLink, j).node;
    if (w->order.rank[c] != KB_NO_NODE)
      mine[n_mine++] = w->order.rank[c];
  }
  qsort(mine, n_mine, sizeof(size_t), kb_i_compare_sizes);
  double *score = g_new0(double, w->ctx.n_nodes + 1);
  GArray *met = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < n_mine; i++) {
    size_t c = w->order.order[mine[i]];
    GArray *m = w->ctx.members[c];
    double contribution = contribution_of(&w->ctx, opts, c);
    for (guint x = 0; x < m->len; x++) {
      size_t v = g_array_index(m, KbiLink, x).node;
      if (v == org || !sectors_pass(w->ds, org, v, opts->same_sector)
          || kb_i_directly_tied(w->direct, org, v))
        continue;
      if (score[v] == 0)
        g_array_append_val(met, v);
      score[v] += contribution;
    }
  }
  for (guint i = 0; i < met->len; i++) {
    size_t v = g_array_index(met, size_t, i);
    consider(w, org, v, score[v]);
  }
  g_array_unref(met);
  g_free(score);
  g_free(mine);
}

/* Receives an organisation's best 'top' from kb_synergy_each. A pair of
 * the best 'top' overall is in the lists of both its organisations (the
 * pairs ranked before it in either list rank before it overall too), so
 * it is taken from the side whose id comes first. */
static gboolean
offer_each(size_t org, const KbSuggestion *best, size_t n, gpointer data)
{
  Work *w = data;
  for (size_t i = 0; i < n; i++)
    if (kb_i_compare_ids(w->ds, org, best[i].node) < 0)
      consider(w, org, best[i].node, best[i].score);
  return TRUE;
}

KbSynergy *
kb_synergy_compute(const KbDataset *ds, const KbSynergyOptions *opts, GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL, NULL);
  Work w;
  memset(&w, 0, sizeof w);
  w.ds = ds;
  w.opts = opts;
  kb_i_contexts_build(ds, &w.ctx);
  w.direct = kb_i_direct_ties(ds);
  /* the home city and what encloses it say nothing about a local pair */
  w.skip = opts->include_home ? g_new0(gboolean, w.ctx.n_nodes ? w.ctx.n_nodes : 1)
                              : kb_dataset_home_places(ds);
  order_build(&w.ctx, w.skip, opts, &w.order);
  w.pairs = g_array_new(FALSE, FALSE, sizeof(KbSynergyPair));
  KbSynergy *s = g_new0(KbSynergy, 1);
  /* The pairs all_pairs would visit: every pair in every shared context.
   * On national data a theme or a country holds 10^5 organisations; rather
   * than run for hours, say so. The pairs of one organisation, or the best
   * few of all (from every organisation's best few, which never enumerate
   * a large context pair by pair), need no such limit. */
  for (size_t c = 0; c < w.ctx.n_nodes; c++)
    if (w.ctx.members[c] != NULL && !w.skip[c])
      s->work += (double) w.ctx.members[c]->len * (double) (w.ctx.members[c]->len - 1) / 2;
  gboolean ok = TRUE;
  if (opts->org != KB_NO_NODE)
    pairs_of(&w, opts->org);
  else if (opts->top > 0 && opts->place == KB_NO_NODE)
    ok = kb_synergy_each(ds, opts, opts->top, offer_each, &w, NULL, NULL, error);
  else if (opts->max_work > 0 && s->work > opts->max_work)
    s->gave_up = TRUE;
  else
    all_pairs(&w);

  if (opts->top > 0)
    g_array_set_size(w.pairs, (guint) w.kept);
  g_array_sort_with_data(w.pairs, compare_pairs, (gpointer) ds);
  for (guint i = 0; i < w.pairs->len; i++)
    explain(ds, &w.ctx, w.skip, opts, &g_array_index(w.pairs, KbSynergyPair, i));
  s->n_pairs = w.pairs->len;
  s->pairs = (KbSynergyPair *) g_array_free(w.pairs, FALSE);
  g_free(w.skip);
  g_free(w.order.order);
  g_free(w.order.rank);
  g_hash_table_unref(w.direct);
  kb_i_contexts_release(&w.ctx);
  if (!ok)
    g_clear_pointer(&s, kb_synergy_free);
  return s;
}

void
kb_synergy_free(KbSynergy *s)
{
  if (s == NULL)
    return;
  for (size_t i = 0; i < s->n_pairs; i++)
    g_free(s->pairs[i].reasons);
  g_free(s->pairs);
  g_free(s);
}
