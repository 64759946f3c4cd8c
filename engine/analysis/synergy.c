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

KbSynergy *
kb_synergy_compute(const KbDataset *ds, const KbSynergyOptions *opts)
{
  g_return_val_if_fail(ds != NULL && opts != NULL, NULL);
  KbiContexts ctx;
  kb_i_contexts_build(ds, &ctx);
  GHashTable *direct = kb_i_direct_ties(ds);

  /* the home city and what encloses it say nothing about a local pair */
  gboolean *skip = opts->include_home ? g_new0(gboolean, ctx.n_nodes ? ctx.n_nodes : 1)
                                       : kb_dataset_home_places(ds);
  /* The pairs this would visit: every pair in every shared context. On
   * national data a theme or a country holds 10^5 organisations; rather than
   * run for hours, say so. */
  double work = 0;
  for (size_t c = 0; c < ctx.n_nodes; c++)
    if (ctx.members[c] != NULL && !skip[c])
      work += (double) ctx.members[c]->len * (double) (ctx.members[c]->len - 1) / 2;
  if (opts->max_work > 0 && work > opts->max_work) {
    KbSynergy *s = g_new0(KbSynergy, 1);
    s->work = work;
    s->gave_up = TRUE;
    g_free(skip);
    g_hash_table_unref(direct);
    kb_i_contexts_release(&ctx);
    return s;
  }
  /* the score of each pair, summed context by context in node order; the
   * reasons are worked out afterwards, for the pairs kept only */
  GHashTable *acc = g_hash_table_new_full(kb_i_pair_hash, g_int64_equal, g_free, g_free);
  for (size_t c = 0; c < ctx.n_nodes; c++) {
    GArray *m = ctx.members[c];
    if (m == NULL || m->len < 2 || skip[c])
      continue;
    KbContextKind kind = g_array_index(m, KbiLink, 0).kind;
    double contribution = opts->weights[kind] / log((double) m->len);
    if (contribution <= 0)
      continue;
    for (guint x = 0; x < m->len; x++) {
      size_t u = g_array_index(m, KbiLink, x).node;
      for (guint y = x + 1; y < m->len; y++) {
        size_t v = g_array_index(m, KbiLink, y).node;
        if (opts->org != KB_NO_NODE && u != opts->org && v != opts->org)
          continue;
        if (!sectors_pass(ds, u, v, opts->same_sector) || kb_i_directly_tied(direct, u, v))
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

  GArray *pairs = g_array_new(FALSE, FALSE, sizeof(KbSynergyPair));
  size_t top = opts->top, kept = 0;
  if (top > 0)
    g_array_set_size(pairs, (guint) MIN(top, g_hash_table_size(acc)));
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, acc);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    size_t u = (size_t) (*(gint64 *) key >> 32), v = (size_t) (*(gint64 *) key & 0xFFFFFFFF);
    if (opts->place != KB_NO_NODE
        && (!has_context(&ctx, u, opts->place) || !has_context(&ctx, v, opts->place)))
      continue;
    KbSynergyPair p = { kb_i_compare_ids(ds, u, v) < 0 ? u : v, 0, *(double *) value, 0, NULL };
    p.b = p.a == u ? v : u;
    if (top > 0)
      keep_best((KbSynergyPair *) pairs->data, &kept, top, &p, ds);
    else
      g_array_append_val(pairs, p);
  }
  g_hash_table_unref(acc);
  if (top > 0)
    g_array_set_size(pairs, (guint) kept);
  g_array_sort_with_data(pairs, compare_pairs, (gpointer) ds);
  for (guint i = 0; i < pairs->len; i++)
    explain(ds, &ctx, skip, opts, &g_array_index(pairs, KbSynergyPair, i));
  g_free(skip);

  KbSynergy *s = g_new0(KbSynergy, 1);
  s->work = work;
  s->n_pairs = pairs->len;
  s->pairs = (KbSynergyPair *) g_array_free(pairs, FALSE);
  g_hash_table_unref(direct);
  kb_i_contexts_release(&ctx);
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
