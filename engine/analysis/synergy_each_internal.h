/* synergy_each_internal.h -- what the three files of synergy --each share:
 * the index (synergy_each_index.c builds it), the search of one
 * organisation (synergy_each_search.c) and the threads that run the
 * searches (synergy_each.c).
 *
 * The algorithm: the K best synergy suggestions of every organisation,
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

 * The invariants the code relies on, referred to by number where it does:
 *
 *   (1) Context order. Contexts are numbered by (size, node), and every
 *       score is summed over the shared contexts in that order, so a pair's
 *       score does not depend on the side it is computed from, bit for bit.
 *   (2) The bound. When u walks its i-th context, a candidate not met yet
 *       shares none of u's contexts before it, so its score is at most the
 *       total weight of u's contexts from i on (times SETTLED_MARGIN, which
 *       covers the rounding of any sum); once the K-th best score passes
 *       that, no candidate left can enter and u is done.
 *   (3) Walk order. The members of a context that is not a hub are kept a
 *       second time in walk order: walk_bound (the weight of the context and
 *       the member's later contexts, rounded up) descending, then id. A
 *       walk can stop at the first member whose walk_bound cannot enter.
 *   (4) Sketches never deny. A sketch sets the bit of every context it
 *       stands for, so a clear bit proves a context absent; a bound made
 *       from the set bits is an upper bound, and a set bit is confirmed in
 *       the member lists before it counts.
 *   (5) Hubs are never walked. Contexts from hub_first on are the hubs;
 *       candidates met only through them share exactly a subset T of u's
 *       hubs and score f(T); the subsets are visited in descending f(T), so
 *       the enumeration stops at the first f(T) that cannot enter.
 *   (6) Pair lists are exact. The list of hubs a < b holds exactly the
 *       members of both, in id order; its pair_hubs filter may pass a hub
 *       an entry lacks but never rules out one it holds.
 *   (7) A list taken whole meets every member of its two hubs, so the
 *       subsets that hold both hubs are not read again.
 *   (8) The budget changes the cost, not the result. An enumeration that
 *       reads more than ENUM_COST steps per member of its hubs stops, and
 *       the hubs are walked instead, under (2) and (3).
 *   (9) Ties go by id: better() ranks a higher score first, then a lower id.
 *  (10) A search depends on its organisation alone, and a block's results
 *       are handed on in id order, so the output is the same on every run
 *       and with any number of threads. */
#ifndef KB_SYNERGY_EACH_INTERNAL_H
#define KB_SYNERGY_EACH_INTERNAL_H

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

typedef struct {
  double removed;           /* weight of the hubs left out */
  guint32 last;             /* highest index (by weight) among them */
  guint32 set;              /* the hubs left out, as bits over the sorted list */
} Subset;

/* The bit of context c in the sketches, a Bloom filter of one hash over 128
 * bits: an organisation of 9 contexts passes the test for one it lacks 7%
 * of the time, against 13% over 64 bits, and each pass costs a member test
 * (the wider slot costs less than that: tests/bench/README.md, "Measured
 * choices of synergy --each"). */
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
 * pext, one instruction. Call it only where kb_i_synergy_fast_pext() says so. */
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

/* Builds the index of 'ds' for synergy --each with the thresholds of
 * kb_i_synergy_each_tuned(); FALSE and 'error' set when it cannot. */
gboolean kb_i_synergy_index_build(const KbDataset *ds, const KbSynergyOptions *opts,
                                  size_t walk_max, size_t pairs_max, Index *ix,
                                  GError **error);
/* Frees what kb_i_synergy_index_build() allocated and zeroes 'ix'. */
void kb_i_synergy_index_release(Index *ix);
/* The K best suggestions of organisation u (a position in id order) into
 * s->best and s->n_best, best first. */
void kb_i_synergy_search(const Index *ix, Scratch *s, guint32 u);

#endif
