/* synergy_each.c -- the K best synergy suggestions of every organisation,
 * exact, on national and European data.
 *
 * The score is synergy's (sum over shared contexts c of w(kind c)/ln(deg c)).
 * Enumerating every pair inside every shared context costs the sum of deg^2,
 * about 10^11 at 10^6 organisations, because a theme or a country holds a
 * third of them. Instead, for each organisation u, its contexts are taken
 * from the smallest (the heaviest weight) to the largest:
 *
 *  1. Each context is walked: every member not met before is scored
 *     exactly (u's later contexts tested for it: a bit for a hub, a binary
 *     search of u's own member list otherwise) and offered to the top K. A
 *     candidate not met yet shares only the contexts still to come, so its
 *     score is at most their total weight; once the K-th best score exceeds
 *     that bound, u is done. In practice the small
 *     contexts settle most organisations, and the themes and countries that
 *     hold 10^5 organisations are never walked. A context's members are
 *     walked by the most they can score with anyone who meets them there
 *     first (the weights of the context and their later ones), highest
 *     first, so the walk stops at the first member that cannot enter. Before
 *     that, a member's bound with u (from a sketch of its later contexts,
 *     kept beside the member list) rules out 23 in 24 at 10^6 before
 *     anything of theirs is read from elsewhere.
 *  2. The largest contexts (the hubs: above WALK_MAX organisations, at most
 *     HUBS of them) are never walked. The candidates reached only through
 *     them are enumerated best first: all candidates sharing exactly the
 *     same set T of hubs have the same score f(T), so the subsets T are
 *     visited in descending f(T) (a heap over the hubs left out), and the
 *     members of all of T are found in id order, stopping as soon as no
 *     further member can enter the top K: for one hub its member list, for
 *     more the shortest list of members of two hubs of T (kept for every
 *     pair of hubs that some organisation holds), each checked for the rest
 *     of T in the hubs' bitmaps (one bit per organisation, so the few hubs
 *     of T stay in cache), once a 16-bit filter of the entry's hubs, kept
 *     beside it, has not ruled them out. A T that few organisations hold is
 *     thus cheap however large its hubs. An organisation of many hubs has many
 *     subsets to visit (at 10^6, the 2% of organisations with 12 hubs or
 *     more took a third of the time), most of them read from a few short pair
 *     lists: such a list, met a second time (for 13 hubs or more: each
 *     such list, at once), is scored whole, and the subsets holding both
 *     its hubs are not read again. The subsets to visit can still number
 *     2^24 (an organisation in 24 hubs whose candidates share few of
 *     them), so an enumeration that has read ENUM_COST times as many
 *     subsets and entries as its hubs have members stops, and the hubs are
 *     walked instead (at 10^6, 15 organisations of 558,033).
 *
 * Contexts are numbered by (size, node), and every score is summed over the
 * shared contexts in that order, so a pair's score does not depend on the
 * side it is computed from, and the output is the same on every run and
 * with any number of threads. Ties go by id. */
#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

#define WALK_MAX 8192       /* contexts up to this size are walked, larger ones enumerated */
#define ENUM_MAX 24         /* at most this many contexts are enumerated as subsets */
#define HUBS 1024           /* at most this many contexts are hubs */
#define BITS_MAX ((size_t) 1 << 28) /* bytes of the hubs' bitmaps, at most */
#define PAIRS_MAX 400000000 /* entries of the pair lists, at most */
#define TAKE_MAX 64         /* a pair list up to this long is taken whole on its second use */
#define TAKE_HUBS 13        /* an organisation of this many enumerated hubs or more ... */
#define TAKE_FIRST 256      /* ... takes its pair lists up to this long whole at once */
#define GUIDE_MIN 64        /* a member list this long or longer is searched by a guide ... */
#define GUIDE_SPAN 8        /* ... of a bucket per this many members or more */
#define ENUM_COST 4         /* an enumeration stops after this many steps per member of its hubs */
#define SETTLED_MARGIN (1 + 1e-9) /* a bound times this covers the rounding of any sum */
#define TABLE_BITS 8        /* a walk's bounds are tabled in two tables of this many later sketch bits */
#define WALK_BATCH 16       /* members of a walk sifted ahead of their slot reads */
#define CHUNK 1024          /* organisations a thread takes at a time */
#define SKETCH_LOG2 7       /* a sketch has 2^SKETCH_LOG2 bits */
#define SKETCH_BITS (1 << SKETCH_LOG2)
#define SKETCH_WORDS (SKETCH_BITS / 64)

typedef struct {
  size_t n;                 /* organisations; position p in id order */
  guint32 *node;            /* p -> node index */
  guint32 *sector;          /* p -> sector node or G_MAXUINT32; copied to the
                             * slots, then freed */
  size_t n_ctx;             /* contexts c, by (size, node) */
  double *weight;           /* c -> w(kind) / ln(deg) */
  guint32 *of_off;          /* CSR p -> contexts, ascending c */
  guint32 *of;
  size_t *mem_off;          /* CSR c -> members, ascending p */
  guint32 *mem;
  size_t *guide_off;        /* CSR c -> the guide of its member list, for a
                             * context that is not a hub (none when short):
                             * per bucket b, the first position of a member
                             * p with p >> guide_shift[c] >= b, then the
                             * list's length */
  guint16 *guide;
  guint8 *guide_shift;
  guint64 *sketch;          /* SKETCH_WORDS per p: a bit per context it has; likewise */
  guint32 *walk_mem;        /* per entry of mem of a context that is not a hub:
                             * its members again, in walk order (walk_bound
                             * descending, then id) */
  float *walk_bound;        /* the weight of the context and the later ones the
                             * member has, rounded up */
  guint64 *mem_sketch;      /* SKETCH_WORDS per entry of walk_mem: the sketch
                             * of the member's contexts after this one (the
                             * only ones it can share with the organisation
                             * that walks it), read in turn */
  size_t hub_first;         /* contexts from this index on are hubs */
  size_t n_hubs;
  size_t *pair_off;         /* CSR (a * n_hubs + b) -> members of hubs a < b, or NULL */
  guint32 *pair;
  guint16 *pair_hubs;       /* per entry of pair: a bit per hub it holds,
                             * hub_bit(), so a 0 rules the hub out */
  size_t words;             /* per hub bitmap: ceil(n / 64) */
  guint64 *bits;            /* (h - hub_first) * words -> its members, one bit each */
  guint32 *tie_off;         /* CSR p -> organisations directly tied, ascending */
  guint32 *tie;
  gboolean same_sector;
  gboolean pext;            /* gather sketch bits with gather_bits() */
} Index;

typedef struct {
  guint32 v;
  guint32 shared;
  double score;
} Cand;

/* Which of u's enumerated hubs an entry of a list is known to hold, and
 * known not to hold (bits over them); the others are not read yet. */
typedef struct {
  guint32 hit, miss;
} Held;

/* A list of the members of two of u's enumerated hubs (bits 'both'). */
typedef struct {
  size_t len, off;
  guint32 both, slot;
} PairList;

/* What a search reads of each member it scores, in one place: its sector
 * (a copy of the index's) and a stamp, u + 1 when met in u's search. */
typedef struct {
  guint32 seen;
  guint32 sector;           /* the sector's node, or G_MAXUINT32 */
} Slot;

typedef struct {
  Slot *slot;               /* per organisation */
  const guint32 *mine;      /* u's contexts, ascending */
  size_t n_mine;
  size_t first_hub;         /* the position in mine of u's first hub */
  guint8 *mine_bit;         /* their sketch bits */
  size_t mine_max;          /* room in mine_bit */
  Cand *best;               /* the K best so far, best first */
  size_t n_best, k;
  GArray *heap;             /* of Subset */
  /* per list scanned in u's search, slot i * ENUM_MAX + j for the list of
   * u's hubs i and j from the first enumerated (i = j: hub i alone): what
   * is known of the hubs of u held by its first held_done entries, at
   * held + held_off */
  guint32 held_stamp[ENUM_MAX * ENUM_MAX];
  size_t held_off[ENUM_MAX * ENUM_MAX], held_done[ENUM_MAX * ENUM_MAX];
  Held *held;
  size_t held_len, held_max;
  PairList lists[ENUM_MAX * (ENUM_MAX - 1) / 2]; /* of u's enumerated hubs, shortest first */
  size_t n_lists;
  size_t steps;             /* subsets and list entries read in u's enumeration */
  guint32 lacks[2][256];    /* u's enumerated hubs that a pair list entry
                             * lacks, by the low and the high byte of its
                             * pair_hubs, negated */
  guint32 taken[ENUM_MAX];  /* per enumerated hub i, the hubs j whose pair
                             * list with it was taken whole: every member of
                             * both is met */
} Scratch;

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

typedef struct {
  size_t node, deg;
} Hub;

static int
compare_hubs(const void *x, const void *y)
{
  const Hub *a = x, *b = y;
  if (a->deg != b->deg)
    return a->deg < b->deg ? -1 : 1;
  return a->node < b->node ? -1 : a->node > b->node;
}

/* The bit of context c in the sketches, a Bloom filter of one hash over 128
 * bits: an organisation of 9 contexts passes the test for one it lacks 7%
 * of the time, against 13% over 64 bits, and each pass costs a member test
 * (at 10^6, 6 alternating runs: 91.8 s of CPU against 94.2 s, medians; the
 * wider slot costs less than that). */
static inline guint8
sketch_bit(guint32 c)
{
  G_STATIC_ASSERT(SKETCH_LOG2 >= 6 && SKETCH_LOG2 <= 8);
  return (guint8) (((guint64) c * 0x9E3779B97F4A7C15ULL) >> (64 - SKETCH_LOG2));
}

/* TRUE when the sketch has the bit: it may hold the context. */
static inline gboolean
sketch_has(const guint64 *sketch, guint8 bit)
{
  return (sketch[bit >> 6] >> (bit & 63)) & 1;
}

static inline void
sketch_set(guint64 *sketch, guint8 bit)
{
  sketch[bit >> 6] |= (guint64) 1 << (bit & 63);
}

/* The bits of x under mask, packed into the low bits in their order: x86's
 * pext, one instruction. Call it only where fast_pext() says so. */
static inline guint64
gather_bits(guint64 x, guint64 mask)
{
#if defined(__x86_64__) && defined(__GNUC__)
  guint64 r;
  __asm__("pextq %2, %1, %0" : "=r"(r) : "r"(x), "rm"(mask));
  return r;
#else
  (void) x;
  (void) mask;
  g_assert_not_reached();
  return 0;
#endif
}

/* TRUE when this processor has a fast pext: x86 with BMI2, but not AMD's
 * before Zen 3, which run it in microcode, slower than a shift per bit. */
static gboolean
fast_pext(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("bmi2") && !__builtin_cpu_is("bdver4")
         && !__builtin_cpu_is("znver1") && !__builtin_cpu_is("znver2");
#else
  return FALSE;
#endif
}

/* The word of hub h's bitmap (h an index from hub_first) that holds
 * organisation p's bit. */
static inline guint64 *
hub_word(const Index *ix, size_t h, size_t p)
{
  return ix->bits + (h - ix->hub_first) * ix->words + p / 64;
}

/* The bit of hub h (an index from hub_first) in an entry's pair_hubs. */
static inline guint
hub_bit(size_t h)
{
  return (guint) (((guint64) h * 0x9E3779B97F4A7C15ULL) >> 60);
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

static gboolean
index_build(const KbDataset *ds, const KbSynergyOptions *opts, size_t walk_max,
            size_t pairs_max, Index *ix,
            GError **error)
{
  memset(ix, 0, sizeof *ix);
  size_t n_nodes = kb_dataset_node_count(ds);
  if (n_nodes >= G_MAXUINT32) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT,
                "synergy --each handles up to %u nodes; the dataset has %zu", G_MAXUINT32 - 1,
                n_nodes);
    return FALSE;
  }
  /* each relation ties two organisations at most, both ways */
  size_t n_rel = kb_dataset_relation_count(ds);
  if (n_rel > G_MAXUINT32 / 2) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT,
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
   * numbered by size, then node */
  size_t *cix = g_new(size_t, n_nodes ? n_nodes : 1);
  GArray *by_size = g_array_new(FALSE, FALSE, sizeof(Hub));
  for (size_t i = 0; i < n_nodes; i++) {
    cix[i] = KB_NO_NODE;
    if (deg[i] >= 2 && opts->weights[c.kind[i]] > 0) {
      Hub h = { i, deg[i] };
      g_array_append_val(by_size, h);
    }
  }
  g_array_sort(by_size, compare_hubs);
  size_t n_ctx = by_size->len;
  for (size_t h = 0; h < n_ctx; h++)
    cix[g_array_index(by_size, Hub, h).node] = h;
  g_array_unref(by_size);
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

static void
index_release(Index *ix)
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

/* ------------------------------------------------------------- search */

/* TRUE when candidate a ranks before b: higher score, then lower id. */
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

/* TRUE when no candidate of score at most 'bound' can still enter. */
static inline gboolean
settled(const Scratch *s, double bound)
{
  return s->n_best == s->k && s->best[s->k - 1].score > bound * SETTLED_MARGIN;
}

/* The first position of bound[from .. to), which descends, whose bound
 * cannot enter a full top K of K-th best score kth (as settled()). */
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
 * order from either side); *shared counts them. v's own list is not read:
 * its sketch rules out most of u's contexts, the rest are tested from u's
 * side, heaviest first. Returns -1 as soon as the contexts left to test
 * cannot lift v into the top K. */
static inline double
score_with(const Index *ix, const Scratch *s, size_t at, gboolean known, guint32 v,
           const guint64 *sketch, guint32 *shared)
{
  double sum = 0, open = 0;   /* the weights of the contexts v shares or may share */
  for (size_t j = at; j < s->n_mine; j++)
    if ((j == at && known) || sketch_has(sketch, s->mine_bit[j]))
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
   * all met */
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
        guint hubs = (guint16) ~ix->pair_hubs[chosen->off + k];
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

typedef struct {
  double removed;           /* weight of the hubs left out */
  guint32 last;             /* highest index (by weight) among them */
  guint32 set;              /* the hubs left out, as bits over the sorted list */
} Subset;

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
    if (++s->steps > budget)
      return FALSE;
    if (cur.set != full) {
      if (settled(s, total - cur.removed))
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

static void
search(const Index *ix, Scratch *s, guint32 u)
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
    if (settled(s, left))
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
      search(b->ix, s, p);
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
  if (!index_build(ds, opts, walk_max, pairs_max, &ix, error))
    return FALSE;
  ix.pext = pext && fast_pext();
  guint n_threads = CLAMP(g_get_num_processors(), 1, 16);
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
      stop = !emit(ix.node[prev->first + i], row, n, data);
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
  index_release(&ix);
  if (stop) {
    g_set_error(error, KB_ERROR, KB_ERROR_STOPPED, "stopped: the receiver of the suggestions "
                "asked to stop");
    return FALSE;
  }
  return TRUE;
}
