/* synergy_each_index.c -- the index synergy --each searches: contexts by
 * (size, node), member lists in id and walk order, sketches, the hubs'
 * bitmaps and pair lists (synergy_each_internal.h: the algorithm and its
 * invariants). */
#include <math.h>
#include <string.h>

#include "analysis/synergy_each_internal.h"

/* ------------------------------------------------------------ building */

typedef struct {
  const size_t *pos;        /* node -> p or KB_NO_NODE */
  const gboolean *skip;
  GArray *pairs;            /* of guint32[2]: (p, node) */
  KbContextKind *kind;      /* node -> kind of the context, set on first sight */
} Collect;

static void
collect(size_t org, size_t context, KbContextKind kind, int since, gpointer data)
{
  (void) since;
  Collect *c = data;
  if (c->skip[context])
    return;
  guint32 pair[2] = { (guint32) c->pos[org], (guint32) context };
  g_array_append_val(c->pairs, pair);
  c->kind[context] = kind;
}

gboolean
kb_i_synergy_fast_pext(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("bmi2") && !__builtin_cpu_is("bdver4")
         && !__builtin_cpu_is("znver1") && !__builtin_cpu_is("znver2");
#else
  return FALSE;
#endif
}

/* The members of each pair of hubs that some organisation holds both of,
 * in id order; none when they would take more than pairs_max entries. */
static void
pairs_build(Index *ix, size_t pairs_max)
{
  size_t nh = ix->n_hubs, total = 0;
  if (nh < 2)
    return;
  for (size_t p = 0; p < ix->n; p++) {
    size_t h = 0;
    for (size_t j = ix->of_off[p]; j < ix->of_off[p + 1]; j++)
      h += ix->of[j] >= ix->hub_first;
    total += h * (h - (h > 0)) / 2;
  }
  if (total > pairs_max)
    return;
  ix->pair_off = g_new0(size_t, nh * nh + 1);
  for (int pass = 0; pass < 2; pass++) {
    for (size_t p = 0; p < ix->n; p++) {
      size_t first = ix->of_off[p];
      while (first < ix->of_off[p + 1] && ix->of[first] < ix->hub_first)
        first++;
      guint16 hubs = 0;
      for (size_t i = first; i < ix->of_off[p + 1] && pass == 1; i++)
        hubs |= (guint16) (1u << hub_bit(ix->of[i] - ix->hub_first));
      for (size_t i = first; i < ix->of_off[p + 1]; i++)
        for (size_t j = i + 1; j < ix->of_off[p + 1]; j++) {
          size_t key = (ix->of[i] - ix->hub_first) * nh + (ix->of[j] - ix->hub_first);
          if (pass == 0) {
            ix->pair_off[key + 1]++;
          } else {
            ix->pair_hubs[ix->pair_off[key]] = hubs;
            ix->pair[ix->pair_off[key]++] = (guint32) p;
          }
        }
    }
    if (pass == 0) {
      for (size_t k = 0; k < nh * nh; k++)
        ix->pair_off[k + 1] += ix->pair_off[k];
      ix->pair = g_new(guint32, total ? total : 1);
      ix->pair_hubs = g_new(guint16, total ? total : 1);
    } else {
      /* the fill moved each start to the next one's: shift back */
      memmove(ix->pair_off + 1, ix->pair_off, nh * nh * sizeof(size_t));
      ix->pair_off[0] = 0;
    }
  }
}

typedef struct {
  float bound;
  guint32 v;
} WalkEntry;

/* Walk order: bound descending, then id (invariant 3). */
static int
compare_walk(const void *x, const void *y)
{
  const WalkEntry *a = x, *b = y;
  if (a->bound != b->bound)
    return a->bound > b->bound ? -1 : 1;
  return a->v < b->v ? -1 : a->v > b->v;
}

/* The guides of the member lists of the contexts that are not hubs, so
 * that a search of one reads a bucket of about GUIDE_SPAN members: ids are
 * about evenly spread over a list (when they are not, a bucket is longer,
 * and its search a few steps more). */
static void
guides_build(Index *ix)
{
  ix->guide_off = g_new0(size_t, ix->hub_first + 1);
  ix->guide_shift = g_new0(guint8, ix->hub_first ? ix->hub_first : 1);
  for (size_t c = 0; c < ix->hub_first; c++) {
    size_t len = ix->mem_off[c + 1] - ix->mem_off[c], buckets = 0;
    if (len >= GUIDE_MIN && len <= G_MAXUINT16) {
      guint8 shift = 0;
      while (((ix->n - 1) >> shift) + 1 > len / GUIDE_SPAN)
        shift++;
      ix->guide_shift[c] = shift;
      buckets = ((ix->n - 1) >> shift) + 1;
    }
    ix->guide_off[c + 1] = ix->guide_off[c] + (buckets ? buckets + 1 : 0);
  }
  ix->guide = g_new(guint16, ix->guide_off[ix->hub_first] ? ix->guide_off[ix->hub_first] : 1);
  for (size_t c = 0; c < ix->hub_first; c++) {
    const guint32 *m = ix->mem + ix->mem_off[c];
    size_t len = ix->mem_off[c + 1] - ix->mem_off[c], p = 0;
    guint16 *g = ix->guide + ix->guide_off[c];
    for (size_t b = 0; b < ix->guide_off[c + 1] - ix->guide_off[c]; b++) {
      while (p < len && (m[p] >> ix->guide_shift[c]) < b)
        p++;
      g[b] = (guint16) p;
    }
  }
}

/* The members of each context that is not a hub in walk order: by the most
 * they can score with anyone who meets them first there (the weight of the
 * context and of their later ones, rounded up to a float and a little
 * more), highest first, so that a walk stops at the first member that
 * cannot enter. */
static void
walk_order(Index *ix)
{
  size_t walked = ix->mem_off[ix->hub_first];
  WalkEntry *e = g_new(WalkEntry, walked ? walked : 1);
  size_t *fill = g_memdup2(ix->mem_off, (ix->hub_first + 1) * sizeof(size_t));
  for (size_t p = 0; p < ix->n; p++) {
    double after = 0;
    for (size_t j = ix->of_off[p + 1]; j > ix->of_off[p]; j--) {
      guint32 c = ix->of[j - 1];
      after += ix->weight[c];
      if (c >= ix->hub_first)
        continue;
      float b = (float) after;
      if ((double) b < after)
        b = nextafterf(b, INFINITY);
      e[fill[c]++] = (WalkEntry) { b * (1 + 1e-6f), (guint32) p };
    }
  }
  g_free(fill);
  ix->walk_mem = g_new(guint32, walked ? walked : 1);
  ix->walk_bound = g_new(float, walked ? walked : 1);
  ix->mem_sketch = g_new(guint64, SKETCH_WORDS * (walked ? walked : 1));
  for (size_t c = 0; c < ix->hub_first; c++) {
    size_t from = ix->mem_off[c], to = ix->mem_off[c + 1];
    qsort(e + from, to - from, sizeof(WalkEntry), compare_walk);
    for (size_t j = from; j < to; j++) {
      guint32 v = e[j].v;
      ix->walk_mem[j] = v;
      ix->walk_bound[j] = e[j].bound;
      guint64 *sketch = ix->mem_sketch + SKETCH_WORDS * j;
      memset(sketch, 0, SKETCH_WORDS * sizeof(guint64));
      for (size_t i = ix->of_off[v + 1]; i > ix->of_off[v] && ix->of[i - 1] > c; i--)
        sketch_set(sketch, sketch_bit(ix->of[i - 1]));
    }
  }
  g_free(e);
}

typedef struct {
  Index *ix;
  size_t pairs_max;
} PairsJob;

static gpointer
pairs_thread(gpointer data)
{
  PairsJob *job = data;
  pairs_build(job->ix, job->pairs_max);
  return NULL;
}

gboolean
kb_i_synergy_index_build(const KbDataset *ds, const KbSynergyOptions *opts, size_t walk_max,
                         size_t pairs_max, Index *ix, GError **error)
{
  memset(ix, 0, sizeof *ix);
  size_t n_nodes = kb_dataset_node_count(ds);
  if (n_nodes >= G_MAXUINT32) {
    g_set_error(error, KB_ERROR, KB_ERROR_LIMIT,
                "synergy --each handles up to %u nodes; the dataset has %zu", G_MAXUINT32 - 1,
                n_nodes);
    return FALSE;
  }
  /* each relation ties two organisations at most, both ways */
  size_t n_rel = kb_dataset_relation_count(ds);
  if (n_rel > G_MAXUINT32 / 2) {
    g_set_error(error, KB_ERROR, KB_ERROR_LIMIT,
                "synergy --each handles up to %u relations; the dataset has %zu",
                G_MAXUINT32 / 2, n_rel);
    return FALSE;
  }
  size_t *pos;
  size_t *node = kb_i_nodes_by_id(ds, KB_NODE_ORGANISATION, &ix->n, &pos);
  ix->node = g_new(guint32, ix->n ? ix->n : 1);
  for (size_t p = 0; p < ix->n; p++)
    ix->node[p] = (guint32) node[p];     /* below G_MAXUINT32, as checked */
  g_free(node);
  ix->same_sector = opts->same_sector;
  ix->sector = g_new(guint32, ix->n ? ix->n : 1);
  for (size_t p = 0; p < ix->n; p++) {
    size_t sector = kb_dataset_node(ds, ix->node[p])->sector;
    ix->sector[p] = sector == KB_NO_NODE ? G_MAXUINT32 : (guint32) sector;
  }

  /* the links (organisation, context), deduplicated per organisation */
  gboolean *skip = opts->include_home ? g_new0(gboolean, n_nodes ? n_nodes : 1)
                                       : kb_dataset_home_places(ds);
  Collect c = { pos, skip, g_array_new(FALSE, FALSE, 2 * sizeof(guint32)),
                g_new0(KbContextKind, n_nodes ? n_nodes : 1) };
  KbiRollup roll;
  kb_i_rollup_build(ds, &roll);
  for (size_t i = 0; i < n_rel; i++)
    kb_i_relation_links(ds, &roll, kb_dataset_relation(ds, i), collect, &c);
  kb_i_rollup_release(&roll);
  g_free(skip);

  /* counting sort by organisation, then each organisation's contexts */
  size_t n_links = c.pairs->len;
  const guint32 *pairs = (const guint32 *) c.pairs->data;
  size_t *off = g_new0(size_t, ix->n + 1);
  for (size_t i = 0; i < n_links; i++)
    off[pairs[2 * i] + 1]++;
  for (size_t p = 0; p < ix->n; p++)
    off[p + 1] += off[p];
  guint32 *nodes_of = g_new(guint32, n_links ? n_links : 1);
  size_t *fill = g_memdup2(off, (ix->n + 1) * sizeof(size_t));
  for (size_t i = 0; i < n_links; i++)
    nodes_of[fill[pairs[2 * i]]++] = pairs[2 * i + 1];
  g_array_unref(c.pairs);
  g_free(fill);
  size_t *deg = g_new0(size_t, n_nodes ? n_nodes : 1);
  size_t kept = 0;
  for (size_t p = 0; p < ix->n; p++) {
    size_t from = off[p], to = off[p + 1];
    qsort(nodes_of + from, to - from, sizeof(guint32), kb_i_compare_u32);
    off[p] = kept;
    for (size_t j = from; j < to; j++)
      if (j == from || nodes_of[j] != nodes_of[j - 1]) {
        deg[nodes_of[j]]++;
        nodes_of[kept++] = nodes_of[j];
      }
  }
  off[ix->n] = kept;

  /* the contexts that can count: two organisations or more, weight above 0;
   * numbered by size, then node (invariant 1) */
  size_t *cix = g_new(size_t, n_nodes ? n_nodes : 1);
  size_t *size = g_new0(size_t, n_nodes ? n_nodes : 1);
  for (size_t i = 0; i < n_nodes; i++) {
    cix[i] = KB_NO_NODE;
    if (deg[i] >= 2 && opts->weights[c.kind[i]] > 0)
      size[i] = deg[i];
  }
  size_t *by_size = g_new(size_t, n_nodes ? n_nodes : 1);
  size_t n_ctx = kb_i_contexts_by_size(size, n_nodes, by_size);
  for (size_t h = 0; h < n_ctx; h++)
    cix[by_size[h]] = h;
  g_free(by_size);
  g_free(size);
  ix->n_ctx = n_ctx;
  ix->weight = g_new(double, n_ctx ? n_ctx : 1);
  for (size_t i = 0; i < n_nodes; i++)
    if (cix[i] != KB_NO_NODE)
      ix->weight[cix[i]] = opts->weights[c.kind[i]] / log((double) deg[i]);

  /* each organisation's contexts as indices, ascending (as many as the
   * links at most, whose count is a GArray's guint: of_off fits); the
   * members of each */
  ix->of_off = g_new0(guint32, ix->n + 1);
  ix->of = g_new(guint32, kept ? kept : 1);
  ix->mem_off = g_new0(size_t, n_ctx + 1);
  size_t m = 0;
  for (size_t p = 0; p < ix->n; p++) {
    size_t start = m;
    for (size_t j = off[p]; j < off[p + 1]; j++)
      if (cix[nodes_of[j]] != KB_NO_NODE) {
        ix->of[m++] = (guint32) cix[nodes_of[j]];
        ix->mem_off[cix[nodes_of[j]] + 1]++;
      }
    qsort(ix->of + start, m - start, sizeof(guint32), kb_i_compare_u32);
    ix->of_off[p + 1] = (guint32) m;
  }
  g_free(off);
  g_free(nodes_of);
  g_free(deg);
  g_free(cix);
  g_free(c.kind);
  for (size_t k = 0; k < n_ctx; k++)
    ix->mem_off[k + 1] += ix->mem_off[k];
  /* the hubs: the largest contexts, above walk_max (at most HUBS, and as
   * many as BITS_MAX holds bitmaps for) */
  ix->words = (ix->n + 63) / 64;
  size_t max_hubs = MIN(HUBS, BITS_MAX / (ix->words * sizeof(guint64) + 1));
  ix->hub_first = n_ctx;
  while (ix->hub_first > 0 && n_ctx - ix->hub_first < max_hubs
         && ix->mem_off[ix->hub_first] - ix->mem_off[ix->hub_first - 1] > walk_max)
    ix->hub_first--;
  ix->n_hubs = n_ctx - ix->hub_first;
  /* the pair lists are made by a second thread (which reads the contexts
   * of each organisation and writes pair_off, pair and pair_hubs alone)
   * while this one makes the rest */
  PairsJob job = { ix, pairs_max };
  GThread *pairs_maker = g_thread_new("synergy-pairs", pairs_thread, &job);
  ix->sketch = g_new0(guint64, SKETCH_WORDS * (ix->n ? ix->n : 1));
  for (size_t p = 0; p < ix->n; p++)
    for (size_t j = ix->of_off[p]; j < ix->of_off[p + 1]; j++)
      sketch_set(ix->sketch + SKETCH_WORDS * p, sketch_bit(ix->of[j]));
  ix->bits = g_new0(guint64, ix->n_hubs * ix->words + 1);
  for (size_t p = 0; p < ix->n; p++)
    for (size_t j = ix->of_off[p]; j < ix->of_off[p + 1]; j++)
      if (ix->of[j] >= ix->hub_first)
        *hub_word(ix, ix->of[j], p) |= (guint64) 1 << (p % 64);
  ix->mem = g_new(guint32, m ? m : 1);
  fill = g_memdup2(ix->mem_off, (n_ctx + 1) * sizeof(size_t));
  for (size_t p = 0; p < ix->n; p++)     /* p ascends: members sorted */
    for (size_t j = ix->of_off[p]; j < ix->of_off[p + 1]; j++)
      ix->mem[fill[ix->of[j]]++] = (guint32) p;
  g_free(fill);
  guides_build(ix);
  walk_order(ix);

  /* the pairs joined by partner_of or funds, both ways */
  ix->tie_off = g_new0(guint32, ix->n + 1);
  for (size_t i = 0; i < n_rel; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (kb_i_is_direct_tie(ds, r)) {
      ix->tie_off[pos[r->from] + 1]++;
      ix->tie_off[pos[r->to] + 1]++;
    }
  }
  for (size_t p = 0; p < ix->n; p++)
    ix->tie_off[p + 1] += ix->tie_off[p];
  ix->tie = g_new(guint32, ix->tie_off[ix->n] ? ix->tie_off[ix->n] : 1);
  guint32 *tie_fill = g_memdup2(ix->tie_off, (ix->n + 1) * sizeof(guint32));
  for (size_t i = 0; i < n_rel; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (kb_i_is_direct_tie(ds, r)) {
      ix->tie[tie_fill[pos[r->from]]++] = (guint32) pos[r->to];
      ix->tie[tie_fill[pos[r->to]]++] = (guint32) pos[r->from];
    }
  }
  for (size_t p = 0; p < ix->n; p++)
    qsort(ix->tie + ix->tie_off[p], ix->tie_off[p + 1] - ix->tie_off[p], sizeof(guint32),
          kb_i_compare_u32);
  g_free(tie_fill);
  g_free(pos);
  g_thread_join(pairs_maker);
  return TRUE;
}

void
kb_i_synergy_index_release(Index *ix)
{
  g_free(ix->node);
  g_free(ix->sector);
  g_free(ix->weight);
  g_free(ix->of_off);
  g_free(ix->of);
  g_free(ix->mem_off);
  g_free(ix->mem);
  g_free(ix->guide_off);
  g_free(ix->guide);
  g_free(ix->guide_shift);
  g_free(ix->sketch);
  g_free(ix->mem_sketch);
  g_free(ix->walk_mem);
  g_free(ix->walk_bound);
  g_free(ix->pair_off);
  g_free(ix->pair);
  g_free(ix->pair_hubs);
  g_free(ix->bits);
  g_free(ix->tie_off);
  g_free(ix->tie);
  memset(ix, 0, sizeof *ix);
}
