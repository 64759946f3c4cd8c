/* paths.c -- shortest paths over the organisation network held as cliques
 * (cliques.c): Brandes' betweenness and the distance sums of closeness, in
 * one breadth-first search per source.
 *
 * A network's members are all tied, so they lie on at most two levels of a
 * search: the network is expanded once, at the level of its first member
 * reached. The number of shortest paths to w one level below is the sum
 * of sigma(v) over its neighbours v on the level above: summed per set
 * (network or profile) over its members on that level, and taken through
 * w's terms (cliques.c). The dependencies go back up the same way. Each step
 * costs the organisation's terms and direct ties, not its degree. */
#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

/* ------------------------------------------------------------ one search */

/* What a search knows of an organisation, together, so that looking at a
 * neighbour costs one cache line: its level, and its number of shortest
 * paths (sigma) on the way out, then (1 + delta) / sigma on the way back. */
typedef struct {
  gint32 dist;              /* -1 when not reached */
  double x;
} Mark;

/* Per set (network or profile): a sum over its members on one level. */
typedef struct {
  gint32 level;             /* -1 when none */
  double sum;
} SetSum;

typedef struct {
  Mark *mark;               /* per organisation */
  double *delta;            /* per organisation: its dependency */
  guint32 *order;           /* reached, level by level */
  size_t *level;            /* level d is order[level[d] .. level[d + 1]) */
  guint8 *expanded;         /* per network: its members have been reached */
  SetSum *set;
  guint32 *sets;            /* the sets with a level */
  size_t n_sets;
} Search;

static void
search_init(Search *s, const KbiCliques *c)
{
  size_t n = c->n ? c->n : 1, k = c->n_sets ? c->n_sets : 1;
  s->mark = g_new(Mark, n);
  for (size_t i = 0; i < n; i++)
    s->mark[i] = (Mark) { -1, 0 };
  s->delta = g_new0(double, n);
  s->order = g_new(guint32, n);
  s->level = g_new(size_t, n + 1);
  s->expanded = g_new0(guint8, k);
  s->set = g_new(SetSum, k);
  for (size_t i = 0; i < k; i++)
    s->set[i] = (SetSum) { -1, 0 };
  s->sets = g_new(guint32, k);
  s->n_sets = 0;
}

static void
search_release(Search *s)
{
  g_free(s->mark);
  g_free(s->delta);
  g_free(s->order);
  g_free(s->level);
  g_free(s->expanded);
  g_free(s->set);
  g_free(s->sets);
}

/* Adds x to the sums over level d of the sets v is in. */
static void
sets_add(const KbiCliques *c, Search *s, guint32 v, gint32 d, double x)
{
  for (size_t i = c->sets_of.start[v]; i < c->sets_of.start[v + 1]; i++) {
    SetSum *g = &s->set[c->sets_of.to[i]];
    if (g->level != d) {
      if (g->level < 0)
        s->sets[s->n_sets++] = c->sets_of.to[i];
      g->level = d;
      g->sum = 0;
    }
    g->sum += x;
  }
}

static void
sets_clear(Search *s)
{
  for (size_t i = 0; i < s->n_sets; i++)
    s->set[s->sets[i]].level = -1;
  s->n_sets = 0;
}

/* Sum over the neighbours u of w on level d of mark[u].x, through the sets
 * (w is not on level d); with 'direct', through the direct ties too. */
static double
sum_from_level(const KbiCliques *c, const Search *s, size_t w, gint32 d, gboolean direct)
{
  double sum = 0;
  for (size_t i = c->terms.start[w]; i < c->terms.start[w + 1]; i++) {
    const SetSum *g = &s->set[c->terms.to[i]];
    if (g->level == d)
      sum += (double) c->terms.count[i] * g->sum;
  }
  for (size_t i = c->direct.start[w]; direct && i < c->direct.start[w + 1]; i++) {
    const Mark *u = &s->mark[c->direct.to[i]];
    if (u->dist == d)
      sum += u->x;
  }
  return sum;
}

static inline Mark *
reach(Search *s, guint32 u, gint32 d, size_t *tail)
{
  Mark *m = &s->mark[u];
  if (m->dist < 0) {
    *m = (Mark) { d, 0 };
    s->delta[u] = 0;
    s->order[(*tail)++] = u;
  }
  return m;
}

/* One source: adds its dependencies to dep[]. */
static void
search_run(const KbiCliques *c, Search *s, guint32 src, double *dep, guint64 *dist_sum,
           size_t *reached)
{
  size_t tail = 0, n_levels = 0;
  reach(s, src, 0, &tail)->x = 1;
  s->level[0] = 0;
  guint64 total = 0;
  /* forward: levels, and the shortest paths to each: those through direct
   * ties handed down as the level above is expanded, those through the sets
   * summed once it is */
  for (size_t head = 0; head < tail;) {
    size_t hi = tail;
    gint32 d = s->mark[s->order[head]].dist;
    s->level[++n_levels] = hi;
    for (size_t i = head; i < hi; i++) {
      guint32 v = s->order[i];
      double sigma = s->mark[v].x;
      for (size_t x = c->nets_of.start[v]; x < c->nets_of.start[v + 1]; x++) {
        guint32 k = c->nets_of.to[x];
        if (!s->expanded[k]) {
          s->expanded[k] = 1;
          for (size_t y = c->members.start[k]; y < c->members.start[k + 1]; y++)
            reach(s, c->members.to[y], d + 1, &tail);
        }
      }
      for (size_t x = c->direct.start[v]; x < c->direct.start[v + 1]; x++) {
        Mark *u = reach(s, c->direct.to[x], d + 1, &tail);
        if (u->dist == d + 1)
          u->x += sigma;
      }
      sets_add(c, s, v, d, sigma);
    }
    for (size_t i = hi; i < tail; i++) {
      guint32 w = s->order[i];
      s->mark[w].x += sum_from_level(c, s, w, d, FALSE);
      total += (guint64) d + 1;
    }
    head = hi;
  }
  dist_sum[src] = total;
  reached[src] = tail - 1;
  sets_clear(s);
  /* backward: the dependencies, deepest level first */
  for (size_t d = n_levels - 1; d >= 1; d--) {
    for (size_t i = s->level[d]; i < s->level[d + 1]; i++) {
      guint32 w = s->order[i];
      s->mark[w].x = (1.0 + s->delta[w]) / s->mark[w].x;
      sets_add(c, s, w, (gint32) d, s->mark[w].x);
    }
    if (d == 1)
      break;
    for (size_t i = s->level[d - 1]; i < s->level[d]; i++) {
      guint32 v = s->order[i];
      s->delta[v] = s->mark[v].x * sum_from_level(c, s, v, (gint32) d, TRUE);
      dep[v] += s->delta[v];
    }
  }
  sets_clear(s);
  for (size_t i = 0; i < tail; i++) {
    guint32 v = s->order[i];
    s->mark[v].dist = -1;
    for (size_t x = c->nets_of.start[v]; x < c->nets_of.start[v + 1]; x++)
      s->expanded[c->nets_of.to[x]] = 0;
  }
}

/* ------------------------------------------------------------- threads */

void
kb_i_run_threads(guint threads, GThreadFunc func, gpointer data)
{
  threads = MAX(threads, 1);
  GThread **t = g_new0(GThread *, threads);
  for (guint i = 1; i < threads; i++)
    t[i] = g_thread_new("klaverblad", func, data);
  func(data);
  for (guint i = 1; i < threads; i++)
    g_thread_join(t[i]);
  g_free(t);
}

/* The sources are cut into KB_PATHS_RUNS runs of consecutive sources,
 * whatever the number of threads; each run sums into its own array, and the
 * arrays are added in run order. Run b starts at run_start(k, b) and ends
 * where run b + 1 starts. */
static size_t
run_start(size_t k, size_t b)
{
  return k * b / KB_PATHS_RUNS;
}

typedef struct {
  const KbiCliques *c;
  const guint32 *sources;
  size_t k;
  double **block;           /* KB_PATHS_RUNS arrays of n */
  gint next;                /* the next run to take */
  guint64 *dist_sum;
  size_t *reached;
} Work;

static gpointer
run_blocks(gpointer data)
{
  Work *w = data;
  Search s;
  search_init(&s, w->c);
  for (gint b; (b = g_atomic_int_add(&w->next, 1)) < KB_PATHS_RUNS;) {
    for (size_t i = run_start(w->k, (size_t) b); i < run_start(w->k, (size_t) b + 1); i++)
      search_run(w->c, &s, w->sources[i], w->block[b], w->dist_sum, w->reached);
  }
  search_release(&s);
  return NULL;
}

void
kb_i_paths_compute(const KbiCliques *c, const guint32 *sources, size_t k, guint threads,
                   double *dependency, double *spread, guint64 *distance_sum, size_t *reached)
{
  /* each run in position order, so that one search finds the next one's
   * organisations near in memory */
  guint32 *sorted = g_memdup2(sources, (k ? k : 1) * sizeof *sources);
  for (size_t b = 0; b < KB_PATHS_RUNS; b++)
    qsort(sorted + run_start(k, b), run_start(k, b + 1) - run_start(k, b), sizeof *sorted,
          kb_i_compare_u32);
  Work w = { c, sorted, k, g_new0(double *, KB_PATHS_RUNS), 0, distance_sum, reached };
  for (int b = 0; b < KB_PATHS_RUNS; b++)
    w.block[b] = g_new0(double, c->n ? c->n : 1);
  kb_i_run_threads(MIN(threads, KB_PATHS_RUNS), run_blocks, &w);
  double *sum = g_new0(double, c->n ? c->n : 1);
  for (int b = 0; b < KB_PATHS_RUNS; b++)
    for (size_t v = 0; v < c->n; v++)
      sum[v] += w.block[b][v];
  for (size_t v = 0; v < c->n; v++)
    dependency[v] += sum[v];
  if (spread != NULL) {
    size_t groups = 0;
    for (size_t b = 0; b < KB_PATHS_RUNS; b++)
      groups += run_start(k, b + 1) > run_start(k, b);
    for (size_t v = 0; v < c->n; v++) {
      double squares = 0;
      for (size_t b = 0; b < KB_PATHS_RUNS; b++) {
        size_t kb = run_start(k, b + 1) - run_start(k, b);
        if (kb == 0)
          continue;
        double share = (double) kb / (double) k;
        double x = w.block[b][v] / share - sum[v];
        squares += share * share * x * x;
      }
      spread[v] = groups < 2 ? NAN
                  : sqrt((double) groups / (double) (groups - 1) * squares);
    }
  }
  for (int b = 0; b < KB_PATHS_RUNS; b++)
    g_free(w.block[b]);
  g_free(w.block);
  g_free(sum);
  g_free(sorted);
}

/* ------------------------------------------------------------ sampling */

/* splitmix64: a small generator whose sequence is fixed by its seed. */
static guint64
next_random(guint64 *state)
{
  guint64 z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

int
kb_i_compare_u32(const void *x, const void *y)
{
  guint32 a = *(const guint32 *) x, b = *(const guint32 *) y;
  return a < b ? -1 : a > b;
}

int
kb_i_compare_sizes(const void *x, const void *y)
{
  size_t a = *(const size_t *) x, b = *(const size_t *) y;
  return a < b ? -1 : a > b;
}

guint32 *
kb_i_sample_sources(size_t n, size_t k)
{
  g_return_val_if_fail(k <= n, NULL);
  guint32 *all = g_new(guint32, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    all[i] = (guint32) i;
  guint64 state = 0x6b6c61766572ull;    /* "klaver" */
  for (size_t i = 0; i < k; i++) {
    size_t j = i + (size_t) (next_random(&state) % (guint64) (n - i));
    guint32 t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all;
}
