/* synergy_each.c -- the K best synergy suggestions of every organisation,
 * exact, on national and European data: the threads that run the searches
 * and hand on their results in id order. The algorithm and the invariants
 * it rests on are stated once, in synergy_each_internal.h; the index is
 * built in synergy_each_index.c, one organisation searched in
 * synergy_each_search.c. */
#include <string.h>

#include "analysis/synergy_each_internal.h"

/* ------------------------------------------------------------ threads */

/* The organisations are searched in blocks of consecutive positions; a
 * block's results are held until it is done and then handed to 'emit' in
 * id order, from the calling thread, while the next block is searched.
 * Within a block the searches go in the order of the organisations' three
 * largest contexts that are not hubs (largest first): organisations of one
 * city follow one another, so the members a search walks, their slots and
 * their hub bits are mostly in cache from the search before. Each search
 * depends on its organisation alone, so the order changes no result. */
#define BLOCK_CELLS ((size_t) 1 << 18) /* results a block holds, at most */

typedef struct {
  guint32 key[3];
  guint32 p;
} Order;

typedef struct {
  const Index *ix;
  size_t k;
  size_t first, n;          /* positions first .. first + n */
  Order *order;             /* them, in search order */
  Cand *out;                /* k per position - first */
  guint32 *n_out;
  gint next;                /* the next place in 'order' to take, atomically */
} Block;

typedef struct {
  Block *block;
  Scratch scratch;
} Worker;

static int
compare_orders(const void *x, const void *y)
{
  const Order *a = x, *b = y;
  for (int i = 0; i < 3; i++)
    if (a->key[i] != b->key[i])
      return a->key[i] < b->key[i] ? -1 : 1;
  return a->p < b->p ? -1 : a->p > b->p;
}

static void
block_order(const Index *ix, Block *b)
{
  for (size_t i = 0; i < b->n; i++) {
    size_t p = b->first + i;
    Order *o = &b->order[i];
    *o = (Order) { { G_MAXUINT32, G_MAXUINT32, G_MAXUINT32 }, (guint32) p };
    int m = 0;
    for (size_t j = ix->of_off[p + 1]; j > ix->of_off[p] && m < 3; j--)
      if (ix->of[j - 1] < ix->hub_first)
        o->key[m++] = ix->of[j - 1];
  }
  qsort(b->order, b->n, sizeof(Order), compare_orders);
}

static void
scratch_init(Scratch *s, const Index *ix, size_t k)
{
  s->slot = g_new0(Slot, ix->n ? ix->n : 1);
  for (size_t p = 0; p < ix->n; p++) {
    s->slot[p] = (Slot) { 0, ix->sector[p] };
  }
  s->mine_max = 64;
  s->mine_bit = g_new(guint8, s->mine_max);
  s->k = k;
  s->best = g_new(Cand, k);
  s->heap = g_array_new(FALSE, FALSE, sizeof(Subset));
  memset(s->held_stamp, 0, sizeof s->held_stamp);
  s->held_len = 0;
  s->held_max = 4096;
  s->held = g_new(Held, s->held_max);
}

static void
scratch_release(Scratch *s)
{
  g_free(s->slot);
  g_free(s->mine_bit);
  g_free(s->best);
  g_array_unref(s->heap);
  g_free(s->held);
}

static gpointer
run_worker(gpointer data)
{
  Worker *w = data;
  Block *b = w->block;
  Scratch *s = &w->scratch;
  for (;;) {
    size_t i = (size_t) g_atomic_int_add(&b->next, CHUNK);
    if (i >= b->n)
      break;
    for (size_t end = MIN(b->n, i + CHUNK); i < end; i++) {
      guint32 p = b->order[i].p;
      kb_i_synergy_search(b->ix, s, p);
      memcpy(b->out + (p - b->first) * b->k, s->best, s->n_best * sizeof(Cand));
      b->n_out[p - b->first] = (guint32) s->n_best;
    }
  }
  return NULL;
}

gboolean
kb_synergy_each(const KbDataset *ds, const KbSynergyOptions *opts, size_t k,
                KbSuggestFunc emit, gpointer data, KbProgressFunc progress,
                gpointer progress_data, GError **error)
{
  return kb_i_synergy_each_tuned(ds, opts, k, WALK_MAX, PAIRS_MAX, TRUE, emit, data, progress,
                                 progress_data, error);
}

gboolean
kb_i_synergy_each_tuned(const KbDataset *ds, const KbSynergyOptions *opts, size_t k,
                        size_t walk_max, size_t pairs_max, gboolean pext, KbSuggestFunc emit,
                        gpointer data, KbProgressFunc progress, gpointer progress_data,
                        GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL && emit != NULL, FALSE);
  g_return_val_if_fail(k > 0, FALSE);
  Index ix;
  if (!kb_i_synergy_index_build(ds, opts, walk_max, pairs_max, &ix, error))
    return FALSE;
  ix.pext = pext && kb_i_synergy_fast_pext();
  guint n_threads = opts->threads ? MIN(opts->threads, KB_THREADS_MAX)
                                  : CLAMP(g_get_num_processors(), 1, 16);
  Worker *workers = g_new0(Worker, n_threads);
  for (guint t = 0; t < n_threads; t++)
    scratch_init(&workers[t].scratch, &ix, k);
  /* the slots hold the only copies needed from here on */
  g_clear_pointer(&ix.sector, g_free);
  size_t block_n = MAX(1, MIN(ix.n, MAX(CHUNK, BLOCK_CELLS / k)));
  Block blocks[2];
  for (int i = 0; i < 2; i++)
    blocks[i] = (Block) { &ix, k, 0, 0, g_new(Order, block_n), g_new(Cand, block_n * k),
                          g_new(guint32, block_n), 0 };
  KbSuggestion *row = g_new(KbSuggestion, k);
  GThread **threads = g_new0(GThread *, n_threads);
  size_t n_blocks = (ix.n + block_n - 1) / block_n;
  gboolean stop = FALSE;
  for (size_t r = 0; r <= n_blocks && !stop; r++) {
    Block *cur = &blocks[r % 2], *prev = &blocks[(r + 1) % 2];
    if (r < n_blocks) {
      cur->first = r * block_n;
      cur->n = MIN(ix.n - cur->first, block_n);
      cur->next = 0;
      block_order(&ix, cur);
      for (guint t = 0; t < n_threads; t++) {
        workers[t].block = cur;
        threads[t] = g_thread_new("synergy", run_worker, &workers[t]);
      }
    }
    for (size_t i = 0; r > 0 && i < prev->n && !stop; i++) {
      size_t n = prev->n_out[i];
      for (size_t j = 0; j < n; j++) {
        const Cand *c = &prev->out[i * k + j];
        row[j] = (KbSuggestion) { ix.node[c->v], c->score, c->shared };
      }
      stop = !emit(ix.node[prev->first + i], row, n, data);   /* invariant 10 */
    }
    if (r > 0 && progress != NULL && !stop)
      progress(prev->first + prev->n, ix.n, progress_data);
    for (guint t = 0; t < n_threads && r < n_blocks; t++)
      g_thread_join(threads[t]);
  }
  g_free(threads);
  g_free(row);
  for (int i = 0; i < 2; i++) {
    g_free(blocks[i].order);
    g_free(blocks[i].out);
    g_free(blocks[i].n_out);
  }
  for (guint t = 0; t < n_threads; t++)
    scratch_release(&workers[t].scratch);
  g_free(workers);
  kb_i_synergy_index_release(&ix);
  if (stop) {
    g_set_error(error, KB_ERROR, KB_ERROR_STOPPED, "stopped: the receiver of the suggestions "
                "asked to stop");
    return FALSE;
  }
  return TRUE;
}
