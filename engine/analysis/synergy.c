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
}

typedef struct {
  size_t a, b;
  double score;
  GArray *reasons;          /* of KbReason */
} Acc;

static void
acc_free(gpointer p)
{
  Acc *acc = p;
  if (acc->reasons)
    g_array_unref(acc->reasons);
  g_free(acc);
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
  KbiOrgNet net;
  kb_i_orgnet_build(ds, &net);

  /* the home city and what encloses it say nothing about a local pair */
  gboolean *skip = g_new0(gboolean, ctx.n_nodes ? ctx.n_nodes : 1);
  size_t home = kb_dataset_home(ds);
  if (home != KB_NO_NODE && !opts->include_home) {
    skip[home] = TRUE;
    g_autofree size_t *up = NULL;
    size_t m = kb_dataset_enclosing_places(ds, home, &up);
    for (size_t j = 0; j < m; j++)
      skip[up[j]] = TRUE;
  }
  GHashTable *acc = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, acc_free);
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
        if (!sectors_pass(ds, u, v, opts->same_sector) || kb_i_orgnet_directly_tied(&net, u, v))
          continue;
        gint64 key = ((gint64) MIN(u, v) << 32) | (gint64) MAX(u, v);
        Acc *a = g_hash_table_lookup(acc, &key);
        if (a == NULL) {
          a = g_new0(Acc, 1);
          a->a = kb_i_compare_ids(ds, u, v) < 0 ? u : v;
          a->b = a->a == u ? v : u;
          a->reasons = g_array_new(FALSE, FALSE, sizeof(KbReason));
          g_hash_table_insert(acc, g_memdup2(&key, sizeof key), a);
        }
        a->score += contribution;
        KbReason r = { c, kind, contribution };
        g_array_append_val(a->reasons, r);
      }
    }
  }

  GArray *pairs = g_array_new(FALSE, FALSE, sizeof(KbSynergyPair));
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init(&it, acc);
  while (g_hash_table_iter_next(&it, &key, &value)) {
    Acc *a = value;
    if (opts->place != KB_NO_NODE) {
      gboolean shares = FALSE;
      for (guint i = 0; i < a->reasons->len && !shares; i++)
        shares = g_array_index(a->reasons, KbReason, i).context == opts->place;
      if (!shares)
        continue;
    }
    g_array_sort_with_data(a->reasons, compare_reasons, (gpointer) ds);
    KbSynergyPair p = { a->a, a->b, a->score, a->reasons->len, NULL };
    p.reasons = (KbReason *) g_array_free(a->reasons, FALSE);
    a->reasons = NULL;
    g_array_append_val(pairs, p);
  }
  g_hash_table_unref(acc);
  g_free(skip);
  g_array_sort_with_data(pairs, compare_pairs, (gpointer) ds);
  if (opts->top > 0 && pairs->len > opts->top) {
    for (guint i = (guint) opts->top; i < pairs->len; i++)
      g_free(g_array_index(pairs, KbSynergyPair, i).reasons);
    g_array_set_size(pairs, (guint) opts->top);
  }

  KbSynergy *s = g_new0(KbSynergy, 1);
  s->n_pairs = pairs->len;
  s->pairs = (KbSynergyPair *) g_array_free(pairs, FALSE);
  kb_i_orgnet_release(&net);
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
