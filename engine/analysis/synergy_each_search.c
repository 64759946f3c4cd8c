/* synergy_each_search.c -- the search of one organisation's K best
 * suggestions: its contexts walked, its hubs enumerated
 * (synergy_each_internal.h: the algorithm and its invariants). */
#include <math.h>
#include <string.h>

#include "analysis/synergy_each_internal.h"

/* ------------------------------------------------------------- search */

/* TRUE when candidate a ranks before b: higher score, then lower id
 * (invariant 9). */
static inline gboolean
better(double sa, guint32 va, double sb, guint32 vb)
{
  return sa > sb || (sa == sb && va < vb);
}

/* TRUE when candidate v of this score would enter the top K. */
static inline gboolean
enters(const Scratch *s, double score, guint32 v)
{
  return s->n_best < s->k || better(score, v, s->best[s->k - 1].score, s->best[s->k - 1].v);
}

static void
offer(Scratch *s, guint32 v, double score, guint32 shared)
{
  if (!enters(s, score, v))
    return;
  size_t i = s->n_best < s->k ? s->n_best++ : s->k - 1;
  while (i > 0 && better(score, v, s->best[i - 1].score, s->best[i - 1].v)) {
    s->best[i] = s->best[i - 1];
    i--;
  }
  s->best[i] = (Cand) { v, shared, score };
}

/* TRUE when no candidate of score at most 'bound' can still enter; the
 * margin covers the rounding of any sum (invariant 2). */
static inline gboolean
settled(const Scratch *s, double bound)
{
  return s->n_best == s->k && s->best[s->k - 1].score > bound * SETTLED_MARGIN;
}

/* The first position of bound[from .. to), which descends, whose bound
 * cannot enter a full top K of K-th best score kth (as settled()): the
 * walk stops there (invariant 3). */
static inline size_t
walk_end(const float *bound, size_t from, size_t to, double kth)
{
  while (from < to) {
    size_t mid = from + (to - from) / 2;
    if (kth > (double) bound[mid] * SETTLED_MARGIN)
      to = mid;
    else
      from = mid + 1;
  }
  return from;
}

/* TRUE when the ascending list m[0 .. n) holds v (a binary search without
 * branches on the data). */
static inline gboolean
holds(const guint32 *m, size_t n, guint32 v)
{
  if (n == 0)
    return FALSE;
  while (n > 1) {
    size_t half = n / 2;
    m = m[half] <= v ? m + half : m;
    n -= half;
  }
  return *m == v;
}

/* TRUE when organisation v is a member of hub h (an index from hub_first). */
static inline gboolean
hub_holds(const Index *ix, guint32 h, guint32 v)
{
  return (*hub_word(ix, h, v) >> (v % 64)) & 1;
}

/* TRUE when organisation v is a member of context c: one bit for a hub,
 * a binary search of the member list otherwise (one of u's own lists,
 * searched over and over during u's search, so in cache), of the bucket
 * of v in its guide when it has one. */
static inline gboolean
member(const Index *ix, guint32 c, guint32 v)
{
  if (c >= ix->hub_first)
    return hub_holds(ix, c, v);
  const guint32 *m = ix->mem + ix->mem_off[c];
  size_t guide = ix->guide_off[c];
  if (guide == ix->guide_off[c + 1])
    return holds(m, ix->mem_off[c + 1] - ix->mem_off[c], v);
  const guint16 *g = ix->guide + guide + (v >> ix->guide_shift[c]);
  return holds(m + g[0], (size_t) (g[1] - g[0]), v);
}

/* The exact score of v with u, where v shares none of u's contexts before
 * position 'at' of 'mine' (and shares the one at 'at' when 'known'): the
 * weights of the contexts it shares, in ascending index (so in the same
 * order from either side: invariant 1); *shared counts them. v's own list is not read:
 * its sketch rules out most of u's contexts, the rest are tested from u's
 * side, heaviest first. Returns -1 as soon as the contexts left to test
 * cannot lift v into the top K. */
static inline double
score_with(const Index *ix, const Scratch *s, size_t at, gboolean known, guint32 v,
           const guint64 *sketch, guint32 *shared)
{
  double sum = 0, open = 0;   /* the weights of the contexts v shares or may share */
  for (size_t j = at; j < s->n_mine; j++)
    if ((j == at && known) || sketch_has(sketch, s->mine_bit[j]))   /* invariant 4 */
      open += ix->weight[s->mine[j]];
  gboolean full = s->n_best == s->k;
  guint32 k = 0;
  for (size_t j = at; j < s->n_mine; j++) {
    guint32 c = s->mine[j];
    if (j == at && known) {
      sum += ix->weight[c];
      k++;
    } else if (sketch_has(sketch, s->mine_bit[j])) {
      if (member(ix, c, v)) {
        sum += ix->weight[c];
        k++;
      } else {
        open -= ix->weight[c];
        if (full && settled(s, open))
          return -1;
      }
    }
  }
  *shared = k;
  return sum;
}

/* TRUE when the pair (u, v) is left out: one sector (unless same_sector),
 * or directly tied (a search of u's ties, few and in cache). */
static inline gboolean
excluded(const Index *ix, const Scratch *s, guint32 u, guint32 v)
{
  guint32 sector = s->slot[v].sector;
  if (!ix->same_sector && sector != G_MAXUINT32 && sector == s->slot[u].sector)
    return TRUE;
  return holds(ix->tie + ix->tie_off[u], ix->tie_off[u + 1] - ix->tie_off[u], v);
}

/* Scores v, met for the first time (see score_with for 'at' and
 * 'known'), and offers it unless its pair is left out. */
static inline void
take(const Index *ix, Scratch *s, guint32 u, guint32 v, size_t at, gboolean known,
     const guint64 *sketch)
{
  if (excluded(ix, s, u, v))
    return;
  guint32 shared;
  double score = score_with(ix, s, at, known, v, sketch, &shared);
  if (score >= 0)
    offer(s, v, score, shared);
}

/* Scores every member of u's context at position 'at' not met yet. A
 * member met here shares none of u's earlier contexts, so its score is at
 * most the weight of this one plus those of its later ones: the members
 * come in descending order of that (walk_bound), and the walk stops at the
 * first that cannot enter the top K. Its score is also at most the weight
 * of this context plus those of u's later ones its sketch may hold
 * (later[b]: the weights of u's later contexts with sketch bit b, summed);
 * when that cannot enter, it is not scored. That bound is read from the
 * sketches kept beside the member list, in turn (from a table of the
 * bounds of each set of u's later bits, when they are few and the members
 * many); only the members it lets through have their slot read (at 10^6,
 * one in twenty), a batch at a time, fetched ahead with the hub bits they
 * will be tested for. A member left out by either bound is not marked as
 * met: wherever u's search meets it later, its bound is lower and the K-th
 * best score no lower, so it is left out again (a pair list taken whole
 * scores it short of the contexts walked before, which cannot lift it in
 * either). */
static void
walk(const Index *ix, Scratch *s, guint32 u, size_t at, const guint64 *later_mask,
     const double *later)
{
  guint32 c = s->mine[at];
  size_t start = ix->mem_off[c], end = ix->mem_off[c + 1];
  /* the members' sketches side by side, but for a hub (walked when u has
   * more than ENUM_MAX) */
  const guint64 *side = c < ix->hub_first ? ix->mem_sketch + SKETCH_WORDS * start : NULL;
  const guint32 *mem = c < ix->hub_first ? ix->walk_mem : ix->mem;
  guint32 pass[WALK_BATCH];
  const guint64 *pass_sketch[WALK_BATCH];
  /* for a walk of many members and few later sketch bits, the bound of each
   * set of them (summed in another order than the score, which the margin
   * of settled() allows for), so that a member's bound is a read or two:
   * its bits picked out (by gather_bits() from each word, when fast, else
   * one by one) index the tables, TABLE_BITS bits each, and the two bounds
   * read add up */
  guint8 word[2 * TABLE_BITS], shift[2 * TABLE_BITS], low[SKETCH_WORDS];
  double table[2][1 << TABLE_BITS];
  int m = 0;
  for (int w = 0; w < SKETCH_WORDS; w++)
    m += __builtin_popcountll(later_mask[w]);
  gboolean tabled = m <= 2 * TABLE_BITS && ((size_t) 1 << MIN(m, TABLE_BITS)) <= end - start;
  if (tabled) {
    int i = 0;
    table[0][0] = ix->weight[c];
    table[1][0] = 0;
    for (int w = 0; w < SKETCH_WORDS; w++) {
      low[w] = (guint8) i;
      for (guint64 x = later_mask[w]; x; x &= x - 1, i++) {
        word[i] = (guint8) w;
        shift[i] = (guint8) __builtin_ctzll(x);
        double *t = table[i / TABLE_BITS];
        int b = i % TABLE_BITS;
        for (int q = 0; q < 1 << b; q++)
          t[q | 1 << b] = t[q] + later[64 * w + shift[i]];
      }
    }
    for (int q = 0; q < 1 << MIN(m, TABLE_BITS); q++)
      table[0][q] *= SETTLED_MARGIN;
    for (int q = 0; q < 1 << MAX(m - TABLE_BITS, 0); q++)
      table[1][q] *= SETTLED_MARGIN;
  }
  for (size_t j = start; j < end;) {
    /* the next members that can enter: their slots and hub bits are
     * fetched while the next ones are sifted (the top K stays as it is
     * meanwhile, so the walk's end is found once per batch) */
    gboolean full = s->n_best == s->k;
    double kth = full ? s->best[s->k - 1].score : 0;
    if (full && side != NULL)
      end = walk_end(ix->walk_bound, j, end, kth);
    size_t n = 0;
    for (; j < end && n < WALK_BATCH; j++) {
      guint32 v = mem[j];
      const guint64 *sketch = side != NULL ? side + SKETCH_WORDS * (j - start)
                                           : ix->sketch + SKETCH_WORDS * v;
      if (full) {
        double bound;
        if (tabled) {
          guint q = 0;
          if (ix->pext)
            for (int w = 0; w < SKETCH_WORDS; w++)
              q |= (guint) gather_bits(sketch[w], later_mask[w]) << low[w];
          else
            for (int i = 0; i < m; i++)
              q |= (guint) ((sketch[word[i]] >> shift[i]) & 1) << i;
          bound = table[0][q & ((1u << TABLE_BITS) - 1)] + table[1][q >> TABLE_BITS];
        } else {
          bound = ix->weight[c];
          for (int w = 0; w < SKETCH_WORDS; w++)
            for (guint64 x = sketch[w] & later_mask[w]; x; x &= x - 1)
              bound += later[64 * w + __builtin_ctzll(x)];
          bound *= SETTLED_MARGIN;
        }
        if (kth > bound)          /* settled(s, bound) */
          continue;
      }
      __builtin_prefetch(&s->slot[v], 1);
      for (size_t h = MAX(s->first_hub, at + 1); h < s->n_mine; h++)
        if (sketch_has(sketch, s->mine_bit[h]))
          __builtin_prefetch(hub_word(ix, s->mine[h], v));
      pass[n] = v;
      pass_sketch[n++] = sketch;
    }
    for (size_t i = 0; i < n; i++) {
      Slot *sl = &s->slot[pass[i]];
      if (sl->seen == u + 1)
        continue;
      sl->seen = u + 1;
      take(ix, s, u, pass[i], at, TRUE, pass_sketch[i]);
    }
  }
}

/* ------------------------------------------------------- enumeration */

/* Scores v, reached only through u's contexts from position 'at' on, and
 * offers it, unless met before in u's search. */
static inline void
meet(const Index *ix, Scratch *s, guint32 u, guint32 v, size_t at)
{
  if (s->slot[v].seen != u + 1) {
    s->slot[v].seen = u + 1;
    take(ix, s, u, v, at, FALSE, ix->sketch + SKETCH_WORDS * v);
  }
}

/* Offers v, a member of every context of T (of score f(T) or more) not
 * met in the walk, which ended before position 'at'; TRUE when no later
 * member of T (by id) can enter. */
static inline gboolean
consider(const Index *ix, Scratch *s, guint32 u, guint32 v, double f, size_t at)
{
  if (!enters(s, f, v))
    return TRUE;
  meet(ix, s, u, v, at);
  return FALSE;
}

/* TRUE when organisation v, of which e is known, holds every hub of
 * 'kept' (bits over big[]): the hubs not known yet are read from their
 * bitmaps, smallest first (the likeliest to fail), until one is missing. */
static inline gboolean
holds_all(const Index *ix, const guint32 *big, guint32 kept, guint32 v, Held *e)
{
  if (kept & e->miss)
    return FALSE;
  for (guint32 need = kept & ~e->hit; need; need &= need - 1) {
    guint32 i = (guint32) __builtin_ctz(need);
    if (!hub_holds(ix, big[i], v)) {
      e->miss |= 1u << i;
      return FALSE;
    }
    e->hit |= 1u << i;
  }
  return TRUE;
}

/* Scores every organisation of the pair list l not met yet, and notes that
 * every member of its two hubs is met. */
static void
take_list(const Index *ix, Scratch *s, guint32 u, size_t at, const PairList *l)
{
  for (size_t e = 0; e < l->len; e++)
    meet(ix, s, u, ix->pair[l->off + e], at);
  int a = __builtin_ctz(l->both), b = 31 - __builtin_clz(l->both);
  s->taken[a] |= 1u << b;
  s->taken[b] |= 1u << a;
}

/* Considers the organisations holding every hub of 'kept' (bits over
 * big[], u's hubs from position 'at'; a subset T of score f), in id order,
 * until no later one can enter. They are read from the shortest list of
 * the members of two hubs of T (of the smallest, without the pair lists).
 * What is learnt of an entry's hubs is kept for the rest of the search,
 * since the same list serves many subsets: from a pair list, first the
 * hubs its filter rules out (at 10^6, this takes the bitmap reads from
 * 1.27*10^9 to 1.24*10^8), then each hub read at most once, and only while
 * the entry could still hold T. Returns the number of entries read. */
static size_t
scan(const Index *ix, Scratch *s, guint32 u, size_t at, guint32 kept, double f)
{
  const guint32 *big = s->mine + at;
  guint32 first = (guint32) __builtin_ctz(kept);
  const guint32 *list = ix->mem + ix->mem_off[big[first]];
  size_t len = ix->mem_off[big[first] + 1] - ix->mem_off[big[first]];
  if (kept == 1u << first) {
    for (size_t k = 0; k < len; k++)
      if (consider(ix, s, u, list[k], f, at))
        return k + 1;
    return len;
  }
  /* every member of T met already: T holds two hubs whose members were
   * all met (invariant 7) */
  for (guint32 b = kept; b; b &= b - 1)
    if (s->taken[__builtin_ctz(b)] & kept)
      return 0;
  /* the shortest list of two hubs of T; without pair lists, the first
   * hub's (u's hubs ascend by size) */
  guint32 slot = first * ENUM_MAX + first, pair = 1u << first;
  const PairList *chosen = NULL;
  for (size_t q = 0; q < s->n_lists && chosen == NULL; q++)
    if ((kept & s->lists[q].both) == s->lists[q].both) {
      chosen = &s->lists[q];
      len = chosen->len;
      list = ix->pair + chosen->off;
      slot = chosen->slot;
      pair = chosen->both;
    }
  /* a short list read for a subset before: its members are scored all at
   * once, so that no later subset that holds both its hubs (one of many
   * when u has many hubs) reads it again */
  if (chosen != NULL && s->held_stamp[slot] == u + 1 && len <= TAKE_MAX) {
    take_list(ix, s, u, at, chosen);
    return len;
  }
  /* what is known of the list's entries so far, for this search */
  if (s->held_stamp[slot] != u + 1) {
    s->held_stamp[slot] = u + 1;
    s->held_done[slot] = 0;
    if (s->held_len + len > s->held_max) {
      s->held_max = MAX(s->held_len + len, 2 * s->held_max);
      s->held = g_renew(Held, s->held, s->held_max);
    }
    s->held_off[slot] = s->held_len;
    s->held_len += len;
  }
  Held *held = s->held + s->held_off[slot];
  size_t k = 0;
  for (;;) {
    /* the next member of T among the entries met before, else a new one */
    while (k < s->held_done[slot] && !holds_all(ix, big, kept, list[k], &held[k]))
      k++;
    if (k == s->held_done[slot]) {
      if (k == len)
        return k;
      guint32 lacks = 0;
      if (chosen != NULL) {
        guint hubs = (guint16) ~ix->pair_hubs[chosen->off + k];   /* invariant 6 */
        lacks = s->lacks[0][hubs & 0xff] | s->lacks[1][hubs >> 8];
      }
      held[k] = (Held) { pair, lacks };
      s->held_done[slot]++;
      if (!holds_all(ix, big, kept, list[k], &held[k])) {
        /* not a member, but the stop test holds for it all the same */
        if (!enters(s, f, list[k]))
          return k + 1;
        k++;
        continue;
      }
    }
    if (consider(ix, s, u, list[k], f, at))
      return k + 1;
    k++;
  }
}

static int
compare_lists(const void *x, const void *y)
{
  const PairList *a = x, *b = y;
  if (a->len != b->len)
    return a->len < b->len ? -1 : 1;
  return a->slot < b->slot ? -1 : a->slot > b->slot;
}


static int
compare_subsets(const Subset *a, const Subset *b)
{
  if (a->removed != b->removed)
    return a->removed < b->removed ? -1 : 1;
  return a->set < b->set ? -1 : a->set > b->set;
}

static void
heap_push(GArray *heap, Subset x)
{
  g_array_append_val(heap, x);
  Subset *h = (Subset *) heap->data;
  for (guint i = heap->len - 1; i > 0;) {
    guint parent = (i - 1) / 2;
    if (compare_subsets(&h[i], &h[parent]) >= 0)
      break;
    Subset t = h[i];
    h[i] = h[parent];
    h[parent] = t;
    i = parent;
  }
}

static Subset
heap_pop(GArray *heap)
{
  Subset *h = (Subset *) heap->data, top = h[0];
  h[0] = h[heap->len - 1];
  g_array_set_size(heap, heap->len - 1);
  for (guint i = 0;;) {
    guint l = 2 * i + 1, r = l + 1, m = i;
    if (l < heap->len && compare_subsets(&h[l], &h[m]) < 0)
      m = l;
    if (r < heap->len && compare_subsets(&h[r], &h[m]) < 0)
      m = r;
    if (m == i)
      break;
    Subset t = h[i];
    h[i] = h[m];
    h[m] = t;
    i = m;
  }
  return top;
}


/* Step 2: the candidates reached only through u's contexts from position
 * 'at' on (the set 'big'), best first by the subset they share. FALSE
 * when it stopped short, having cost as much as walking them would. */
static gboolean
enumerate(const Index *ix, Scratch *s, guint32 u, size_t at)
{
  const guint32 *big = s->mine + at;
  guint32 nb = (guint32) (s->n_mine - at);
  /* by weight ascending: leaving out the lightest costs least */
  guint32 order[ENUM_MAX];
  for (guint32 i = 0; i < nb; i++) {
    guint32 j = i;
    while (j > 0 && ix->weight[big[order[j - 1]]] > ix->weight[big[i]]) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = i;
  }
  double total = 0;
  size_t budget = 0;
  for (guint32 i = 0; i < nb; i++) {
    total += ix->weight[big[i]];
    budget += ENUM_COST * (ix->mem_off[big[i] + 1] - ix->mem_off[big[i]]);
  }
  s->steps = 0;
  /* the lists of each pair of them, shortest first */
  s->n_lists = 0;
  for (guint32 i = 0; i < nb && ix->pair_off != NULL; i++)
    for (guint32 j = i + 1; j < nb; j++) {
      size_t key = (big[i] - ix->hub_first) * ix->n_hubs + (big[j] - ix->hub_first);
      s->lists[s->n_lists++] = (PairList) { ix->pair_off[key + 1] - ix->pair_off[key],
                                            ix->pair_off[key], (1u << i) | (1u << j),
                                            i * ENUM_MAX + j };
    }
  qsort(s->lists, s->n_lists, sizeof(PairList), compare_lists);
  memset(s->taken, 0, sizeof s->taken);
  /* which of them an entry lacks, by the bits missing from its pair_hubs */
  guint32 of_bit[16] = { 0 };
  for (guint32 i = 0; i < nb; i++)
    of_bit[hub_bit(big[i] - ix->hub_first)] |= 1u << i;
  for (int half = 0; half < 2; half++) {
    s->lacks[half][0] = 0;
    for (guint x = 1; x < 256; x++)
      s->lacks[half][x] = s->lacks[half][x & (x - 1)] | of_bit[8 * half + __builtin_ctz(x)];
  }
  /* an organisation of many hubs would visit thousands of subsets, many
   * read from its short lists: those are taken whole first */
  for (size_t q = 0; q < s->n_lists && nb >= TAKE_HUBS && s->lists[q].len <= TAKE_FIRST; q++) {
    take_list(ix, s, u, at, &s->lists[q]);
    s->steps += s->lists[q].len;
  }
  GArray *heap = s->heap;
  g_array_set_size(heap, 0);
  Subset cur = { 0, G_MAXUINT32, 0 };
  G_STATIC_ASSERT(ENUM_MAX < 32);
  guint32 full = (1u << nb) - 1;   /* every hub left out: nothing to scan */
  for (;;) {
    if (++s->steps > budget)       /* invariant 8: the hubs are walked instead */
      return FALSE;
    if (cur.set != full) {
      if (settled(s, total - cur.removed))   /* invariant 5 */
        break;
      /* the hubs kept, and their exact score: summed in ascending index,
       * the canonical order */
      guint32 kept = full & ~cur.set;
      double f = 0;
      for (guint32 i = 0; i < nb; i++)
        if (kept & (1u << i))
          f += ix->weight[big[i]];
      s->steps += scan(ix, s, u, at, kept, f);
    }
    /* the next subsets of left-out hubs: replace the last by the next one
     * up, or add the next one up (each subset is reached once) */
    guint32 next = cur.last == G_MAXUINT32 ? 0 : cur.last + 1;
    if (next < nb) {
      double w_next = ix->weight[big[order[next]]];
      if (cur.last != G_MAXUINT32) {
        double w_last = ix->weight[big[order[cur.last]]];
        Subset repl = { cur.removed - w_last + w_next, next,
                        (cur.set & ~(1u << order[cur.last])) | (1u << order[next]) };
        heap_push(heap, repl);
      }
      Subset add = { cur.removed + w_next, next, cur.set | (1u << order[next]) };
      heap_push(heap, add);
    }
    if (heap->len == 0)
      break;
    cur = heap_pop(heap);
  }
  return TRUE;
}

void
kb_i_synergy_search(const Index *ix, Scratch *s, guint32 u)
{
  guint32 stamp = u + 1;
  s->n_best = 0;
  s->slot[u].seen = stamp;
  s->mine = ix->of + ix->of_off[u];
  s->n_mine = ix->of_off[u + 1] - ix->of_off[u];
  if (s->n_mine > s->mine_max) {
    s->mine_max = MAX(s->n_mine, 2 * s->mine_max);
    s->mine_bit = g_renew(guint8, s->mine_bit, s->mine_max);
  }
  /* u's contexts: their weight in all and per sketch bit */
  double left = 0, later[SKETCH_BITS] = { 0 };
  guint64 later_mask[SKETCH_WORDS] = { 0 };
  for (size_t j = 0; j < s->n_mine; j++) {
    guint8 bit = sketch_bit(s->mine[j]);
    s->mine_bit[j] = bit;
    left += ix->weight[s->mine[j]];
    later[bit] += ix->weight[s->mine[j]];
    sketch_set(later_mask, bit);
  }
  s->first_hub = 0;
  while (s->first_hub < s->n_mine && s->mine[s->first_hub] < ix->hub_first)
    s->first_hub++;
  /* 1: the contexts, smallest first, while a candidate reached only through
   * the ones left could still enter; 2: the largest, as subsets, unless
   * that would cost more than walking them */
  gboolean enumerated = FALSE;
  for (size_t h = 0; h < s->n_mine; h++) {
    if (settled(s, left))          /* invariant 2 */
      return;
    guint32 c = s->mine[h];
    if (!enumerated && c >= ix->hub_first && s->n_mine - h <= ENUM_MAX) {
      s->held_len = 0;
      if (enumerate(ix, s, u, h))
        return;
      enumerated = TRUE;
    }
    /* the contexts after this one */
    int b = s->mine_bit[h];
    later[b] -= ix->weight[c];
    if (later[b] <= 0) {
      later[b] = 0;
      later_mask[b >> 6] &= ~((guint64) 1 << (b & 63));
    }
    walk(ix, s, u, h, later_mask, later);
    left -= ix->weight[c];
  }
}
