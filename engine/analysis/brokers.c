/* brokers.c -- who sits between others in the organisation network:
 * centralities, Burt's constraint and effective size, Gould-Fernandez
 * brokerage roles with sector as the group, articulation points. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/analysis_internal.h"

const char *
kb_broker_role_name(KbBrokerRole role)
{
  static const char *const names[KB_ROLE_COUNT] = { "coordinator", "itinerant", "gatekeeper",
                                                    "representative", "liaison" };
  g_return_val_if_fail(role < KB_ROLE_COUNT, "?");
  return names[role];
}

/* ------------------------------------------------------ local measures */

/* Burt's constraint, effective size and the Gould-Fernandez roles of each
 * organisation b depend on its neighbours j and on the ties among them. For
 * each b the sets are summed once over b's neighbours (how many, the sum
 * of 1/degree, and b's out-neighbours by group); the same sums over j's
 * neighbours then follow from j's terms and direct ties (cliques.c),
 * without walking j's ties. */

typedef struct {
  const KbiCliques *c;
  const guint32 *group;     /* per organisation: its sector as a small number */
  size_t n_groups;
  const double *inv_degree;
  KbBroker *out;
  gint next;                /* the next block of organisations to take */
} Local;

typedef struct {
  guint32 *in_n, *not_out, *not_in;   /* stamps: b + 1 when it holds for b */
  guint32 *net_run;         /* per set: b + 1 when the sums below are b's */
  guint32 *net_count;       /* per set: members tied to b */
  double *net_inv;          /* per set: sum of 1/degree over those */
  guint32 *net_out;         /* per set and group: members b has an arc to */
  guint32 *net_out_all;
  guint32 *out_group;       /* per group: b's out-neighbours */
  GArray *nb;               /* b's neighbours */
} LocalScratch;

/* What is summed over the neighbours of j that b has an arc to: all of
 * them, those in group ga, those in group gb. */
typedef struct {
  gint64 all, same_a, same_b;
} Closed;

static void
collect(size_t v, size_t u, gpointer data)
{
  (void) v;
  guint32 q = (guint32) u;
  g_array_append_val((GArray *) data, q);
}

static void
closed_add(Closed *x, const Local *l, const LocalScratch *s, guint32 run, guint32 c,
           guint32 ga, guint32 gb, gint64 times)
{
  if (s->in_n[c] != run || s->not_out[c] == run)
    return;
  x->all += times;
  x->same_a += times * (l->group[c] == ga);
  x->same_b += times * (l->group[c] == gb);
}

static void
local_one(const Local *l, LocalScratch *s, size_t b)
{
  const KbiCliques *c = l->c;
  guint32 run = (guint32) b + 1, gb = l->group[b];
  KbBroker *out = &l->out[b];
  size_t d = c->degree[b];
  g_array_set_size(s->nb, 0);
  kb_i_cliques_foreach_tie(c, b, s->in_n, run, collect, s->nb);
  s->in_n[b] = 0;
  for (size_t x = c->only_in.start[b]; x < c->only_in.start[b + 1]; x++)
    s->not_out[c->only_in.to[x]] = run;
  for (size_t x = c->only_out.start[b]; x < c->only_out.start[b + 1]; x++)
    s->not_in[c->only_out.to[x]] = run;
  /* the sets, summed over b's neighbours */
  const guint32 *nb = (const guint32 *) s->nb->data;
  for (guint i = 0; i < s->nb->len; i++) {
    guint32 u = nb[i];
    gboolean out_u = s->not_out[u] != run;
    for (size_t x = c->sets_of.start[u]; x < c->sets_of.start[u + 1]; x++) {
      guint32 k = c->sets_of.to[x], *by = s->net_out + k * l->n_groups;
      if (s->net_run[k] != run) {
        s->net_run[k] = run;
        s->net_count[k] = 0;
        s->net_inv[k] = 0;
        s->net_out_all[k] = 0;
        memset(by, 0, l->n_groups * sizeof *by);
      }
      s->net_count[k]++;
      s->net_inv[k] += l->inv_degree[u];
      if (out_u) {
        by[l->group[u]]++;
        s->net_out_all[k]++;
      }
    }
  }
  memset(s->out_group, 0, l->n_groups * sizeof *s->out_group);
  gint64 out_all = 0;
  for (guint i = 0; i < s->nb->len; i++)
    if (s->not_out[nb[i]] != run) {
      s->out_group[l->group[nb[i]]]++;
      out_all++;
    }

  double constraint = 0;
  gint64 triangles = 0;
  for (guint i = 0; i < s->nb->len; i++) {
    guint32 j = nb[i], ga = l->group[j];
    gint64 self = KB_CSR_LEN(&c->nets_of, j) > 0;
    gboolean from_j = s->not_in[j] != run, to_j = s->not_out[j] != run;
    /* the neighbours of j that are b's too, and the sum of their 1/degree */
    gint64 common = -self;
    double inv = -(double) self * l->inv_degree[j];
    Closed cl = { 0, 0, 0 };
    if (to_j)
      cl = (Closed) { -self, -self, ga == gb ? -self : 0 };
    for (size_t x = c->terms.start[j]; x < c->terms.start[j + 1]; x++) {
      guint32 k = c->terms.to[x];
      gint64 times = c->terms.count[x];
      if (s->net_run[k] != run)
        continue;               /* no neighbour of b in it */
      common += times * s->net_count[k];
      inv += (double) times * s->net_inv[k];
      cl.all += times * s->net_out_all[k];
      cl.same_a += times * s->net_out[k * l->n_groups + ga];
      cl.same_b += times * s->net_out[k * l->n_groups + gb];
    }
    for (size_t x = c->direct.start[j]; x < c->direct.start[j + 1]; x++) {
      guint32 q = c->direct.to[x];
      if (s->in_n[q] == run) {
        common++;
        inv += l->inv_degree[q];
      }
      closed_add(&cl, l, s, run, q, ga, gb, 1);
    }
    triangles += common;
    double p = l->inv_degree[b] + l->inv_degree[b] * inv;
    constraint += p * p;
    if (!from_j)
      continue;
    /* a = j: the pairs (j, c) with c an out-neighbour of b other than j,
     * less those with an arc j -> c (none from a c whose arc to j goes one
     * way only) */
    for (size_t x = c->only_in.start[j]; x < c->only_in.start[j + 1]; x++)
      closed_add(&cl, l, s, run, c->only_in.to[x], ga, gb, -1);
    gint64 all = out_all - to_j - cl.all;
    gint64 same_a = (gint64) s->out_group[ga] - to_j - cl.same_a;
    if (ga == gb) {
      out->roles[KB_ROLE_COORDINATOR] += (size_t) same_a;
      out->roles[KB_ROLE_REPRESENTATIVE] += (size_t) (all - same_a);
    } else {
      gint64 same_b = (gint64) s->out_group[gb] - cl.same_b;
      out->roles[KB_ROLE_ITINERANT] += (size_t) same_a;
      out->roles[KB_ROLE_GATEKEEPER] += (size_t) same_b;
      out->roles[KB_ROLE_LIAISON] += (size_t) (all - same_a - same_b);
    }
    out->roles_total += (size_t) all;
  }
  out->degree = d;
  out->constraint = d == 0 ? NAN : constraint;
  out->effective_size = d == 0 ? NAN : (double) d - (double) triangles / (double) d;
}

#define LOCAL_BLOCK 64      /* organisations a thread takes at a time */

static gpointer
local_run(gpointer data)
{
  Local *l = data;
  const KbiCliques *c = l->c;
  size_t n = c->n ? c->n : 1, k = c->n_sets ? c->n_sets : 1;
  LocalScratch s = {
    g_new0(guint32, n), g_new0(guint32, n), g_new0(guint32, n), g_new0(guint32, k),
    g_new(guint32, k),
    g_new(double, k), g_new(guint32, k * l->n_groups), g_new(guint32, k),
    g_new(guint32, l->n_groups), g_array_new(FALSE, FALSE, sizeof(guint32))
  };
  for (size_t b0; (b0 = (size_t) g_atomic_int_add(&l->next, 1) * LOCAL_BLOCK) < c->n;)
    for (size_t b = b0; b < MIN(c->n, b0 + LOCAL_BLOCK); b++)
      local_one(l, &s, b);
  g_free(s.in_n);
  g_free(s.not_out);
  g_free(s.not_in);
  g_free(s.net_run);
  g_free(s.net_count);
  g_free(s.net_inv);
  g_free(s.net_out);
  g_free(s.net_out_all);
  g_free(s.out_group);
  g_array_unref(s.nb);
  return NULL;
}

/* Degree, constraint, effective size and roles of every organisation. */
static void
local_measures(const KbDataset *ds, const KbiCliques *c, guint threads, KbBroker *out)
{
  guint32 *group = g_new(guint32, c->n ? c->n : 1);
  GHashTable *ids = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t v = 0; v < c->n; v++) {
    gpointer key = GSIZE_TO_POINTER(kb_dataset_node(ds, c->nodes[v])->sector + 1);
    gpointer id;
    if (!g_hash_table_lookup_extended(ids, key, NULL, &id)) {
      id = GUINT_TO_POINTER(g_hash_table_size(ids));
      g_hash_table_insert(ids, key, id);
    }
    group[v] = GPOINTER_TO_UINT(id);
  }
  double *inv = g_new(double, c->n ? c->n : 1);
  for (size_t v = 0; v < c->n; v++)
    inv[v] = c->degree[v] ? 1.0 / (double) c->degree[v] : 0.0;
  Local l = { c, group, MAX(1, g_hash_table_size(ids)), inv, out, 0 };
  g_hash_table_unref(ids);
  kb_i_run_threads((guint) MIN(threads, c->n / LOCAL_BLOCK + 1), local_run, &l);
  g_free(inv);
  g_free(group);
}

/* Brokers by betweenness as printed (12 significant digits, so that values
 * equal but for the last bits of their sums tie), then roles, degree, id. */
typedef struct {
  double key;
  KbBroker broker;
} Ranked;

static int
compare_ranked(const void *x, const void *y, void *ds)
{
  const Ranked *a = x, *b = y;
  if (a->key != b->key)
    return a->key > b->key ? -1 : 1;
  if (a->broker.roles_total != b->broker.roles_total)
    return a->broker.roles_total > b->broker.roles_total ? -1 : 1;
  if (a->broker.degree != b->broker.degree)
    return a->broker.degree > b->broker.degree ? -1 : 1;
  return kb_i_compare_ids(ds, a->broker.node, b->broker.node);
}

static void
sort_brokers(const KbDataset *ds, KbBroker *b, size_t n)
{
  Ranked *r = g_new(Ranked, n ? n : 1);
  for (size_t i = 0; i < n; i++) {
    char text[32];
    snprintf(text, sizeof text, "%.12g", b[i].betweenness);
    r[i] = (Ranked) { g_ascii_strtod(text, NULL), b[i] };
  }
  g_qsort_with_data(r, (gint) n, sizeof *r, compare_ranked, (gpointer) ds);
  for (size_t i = 0; i < n; i++)
    b[i] = r[i].broker;
  g_free(r);
}

/* ------------------------------------------------- spectral and cut points */

/* to = A from, A the adjacency matrix of the organisation network, through
 * the sets (cliques.c). */
static void
adjacency_times(const KbiCliques *c, const double *from, double *to, double *set_sum)
{
  for (size_t k = 0; k < c->n_sets; k++) {
    set_sum[k] = 0;
    for (size_t i = c->members.start[k]; i < c->members.start[k + 1]; i++)
      set_sum[k] += from[c->members.to[i]];
  }
  for (size_t v = 0; v < c->n; v++) {
    double sum = KB_CSR_LEN(&c->nets_of, v) > 0 ? -from[v] : 0.0;
    for (size_t i = c->terms.start[v]; i < c->terms.start[v + 1]; i++)
      sum += (double) c->terms.count[i] * set_sum[c->terms.to[i]];
    for (size_t i = c->direct.start[v]; i < c->direct.start[v + 1]; i++)
      sum += from[c->direct.to[i]];
    to[v] = sum;
  }
}

typedef struct {
  const KbiCliques *c;
  double *set_sum;
} Product;

static igraph_error_t
arpack_product(igraph_real_t *to, const igraph_real_t *from, int n, void *extra)
{
  (void) n;
  Product *p = extra;
  adjacency_times(p->c, from, to, p->set_sum);
  return IGRAPH_SUCCESS;
}

/* Eigenvector centrality: the leading eigenvector (ARPACK through igraph, as
 * igraph_eigenvector_centrality finds it, from the degrees), at unit length
 * as NetworkX gives it. It is 0 outside the component of its largest entry:
 * what ARPACK leaves there is rounding noise (1e-17 or so), which would
 * change with the machine. Left 0 when there is no tie. */
static igraph_error_t
eigenvector(const KbiCliques *c, const igraph_vector_int_t *component, KbBroker *out)
{
  if (c->ties == 0)
    return IGRAPH_SUCCESS;
  if (c->n > INT_MAX)
    IGRAPH_ERROR("too many organisations for ARPACK", IGRAPH_EOVERFLOW);
  igraph_arpack_options_t options;
  igraph_arpack_options_init(&options);
  options.n = (int) c->n;
  options.nev = 1;
  options.ncv = 0;
  options.which[0] = 'L';
  options.which[1] = 'A';
  options.start = 1;
  igraph_vector_t values;
  igraph_matrix_t vectors;
  IGRAPH_VECTOR_INIT_FINALLY(&values, 0);
  IGRAPH_MATRIX_INIT_FINALLY(&vectors, (igraph_integer_t) c->n, 1);
  for (size_t v = 0; v < c->n; v++)
    MATRIX(vectors, v, 0) = c->degree[v] ? (double) c->degree[v] : 1.0;
  Product p = { c, g_new(double, c->n_sets ? c->n_sets : 1) };
  igraph_error_t rc = igraph_arpack_rssolve(arpack_product, &p, &options, NULL, &values,
                                            &vectors);
  g_free(p.set_sum);
  IGRAPH_CHECK(rc);
  size_t top = 0;
  for (size_t v = 0; v < c->n; v++)
    if (fabs(MATRIX(vectors, v, 0)) > fabs(MATRIX(vectors, top, 0)))
      top = v;
  double norm = 0;
  for (size_t v = 0; v < c->n; v++) {
    if (VECTOR(*component)[v] != VECTOR(*component)[top])
      MATRIX(vectors, v, 0) = 0;
    norm += MATRIX(vectors, v, 0) * MATRIX(vectors, v, 0);
  }
  norm = sqrt(norm);
  for (size_t v = 0; v < c->n; v++)
    out[v].eigenvector = norm > 0 && VECTOR(values)[0] > 0 ? fabs(MATRIX(vectors, v, 0)) / norm
                         : 0.0;
  igraph_matrix_destroy(&vectors);
  igraph_vector_destroy(&values);
  IGRAPH_FINALLY_CLEAN(2);
  return IGRAPH_SUCCESS;
}

/* Cut points and components: those of the graph of organisations, networks
 * (vertices n and up) and direct ties. A network has two or more members, so
 * once an organisation is gone every part left holds an organisation: the
 * organisations that cut this graph are those that cut the organisation
 * network, and its components hold the same organisations. 'component' is
 * initialised and gets each organisation's. */
static igraph_error_t
cut_points(const KbiCliques *c, KbBroker *out, igraph_vector_int_t *component)
{
  igraph_vector_int_t edges;
  IGRAPH_VECTOR_INT_INIT_FINALLY(&edges, 0);
  for (size_t k = 0; k < c->n_nets; k++)
    for (size_t i = c->members.start[k]; i < c->members.start[k + 1]; i++) {
      IGRAPH_CHECK(igraph_vector_int_push_back(&edges, (igraph_integer_t) (c->n + k)));
      IGRAPH_CHECK(igraph_vector_int_push_back(&edges, c->members.to[i]));
    }
  for (size_t v = 0; v < c->n; v++)
    for (size_t i = c->direct.start[v]; i < c->direct.start[v + 1]; i++)
      if (c->direct.to[i] > v) {
        IGRAPH_CHECK(igraph_vector_int_push_back(&edges, (igraph_integer_t) v));
        IGRAPH_CHECK(igraph_vector_int_push_back(&edges, c->direct.to[i]));
      }
  igraph_t g;
  IGRAPH_CHECK(igraph_create(&g, &edges, (igraph_integer_t) (c->n + c->n_nets), IGRAPH_UNDIRECTED));
  IGRAPH_FINALLY(igraph_destroy, &g);
  IGRAPH_CHECK(igraph_articulation_points(&g, &edges));
  for (igraph_integer_t i = 0; i < igraph_vector_int_size(&edges); i++)
    if ((size_t) VECTOR(edges)[i] < c->n)
      out[VECTOR(edges)[i]].articulation = TRUE;
  IGRAPH_CHECK(igraph_vector_int_init(component, 0));
  igraph_error_t rc = igraph_connected_components(&g, component, NULL, NULL, IGRAPH_WEAK);
  if (rc != IGRAPH_SUCCESS) {
    igraph_vector_int_destroy(component);
    IGRAPH_ERROR("finding components", rc);
  }
  igraph_destroy(&g);
  igraph_vector_int_destroy(&edges);
  IGRAPH_FINALLY_CLEAN(2);
  return IGRAPH_SUCCESS;
}

/* PageRank (damping 0.85, an isolated organisation's share spread over all)
 * by power iteration over the cliques, until an iteration changes the
 * vector by less than 1e-15 (in sum): igraph's PRPACK solver gives the same
 * to about 1e-14 but sums in threads, in an order that changes from run to
 * run. */
static void
pagerank(const KbiCliques *c, KbBroker *out)
{
  size_t n = c->n;
  if (n == 0)
    return;
  const double alpha = 0.85;
  double *x = g_new(double, n), *y = g_new(double, n), *next = g_new(double, n);
  double *net = g_new(double, c->n_sets ? c->n_sets : 1);
  for (size_t v = 0; v < n; v++)
    x[v] = 1.0 / (double) n;
  for (int iter = 0; iter < 10000; iter++) {
    double dangling = 0;
    for (size_t v = 0; v < n; v++) {
      y[v] = c->degree[v] ? x[v] / (double) c->degree[v] : 0.0;
      if (c->degree[v] == 0)
        dangling += x[v];
    }
    adjacency_times(c, y, next, net);
    double base = (1.0 - alpha) / (double) n + alpha * dangling / (double) n, change = 0;
    for (size_t v = 0; v < n; v++) {
      double sum = next[v];
      next[v] = base + alpha * sum;
      change += fabs(next[v] - x[v]);
    }
    double *t = x;
    x = next;
    next = t;
    if (change < 1e-15)
      break;
  }
  double total = 0;
  for (size_t v = 0; v < n; v++)
    total += x[v];
  for (size_t v = 0; v < n; v++)
    out[v].pagerank = x[v] / total;
  g_free(x);
  g_free(y);
  g_free(next);
  g_free(net);
}

/* ------------------------------------------------------- shortest paths */

/* The Hoeffding bound on the normalised betweenness estimated from k of n
 * sources: each source s adds delta_s(v) / ((n-1)(n-2)), a value in
 * [0, 1/(n-1)], to b(v), which is n/(n-1) times the mean of x_s =
 * delta_s(v)/(n-2) in [0, 1] over all n sources. The mean over k sources
 * drawn without replacement is within t of it with probability at least
 * 1 - 2 exp(-2 k t^2) (Hoeffding 1963, which holds without replacement); for
 * all n organisations at once (a union bound) with probability 0.95,
 * t = sqrt(ln(2n / 0.05) / 2k). */
static double
sample_bound(size_t n, size_t k)
{
  return (double) n / (double) (n - 1) * sqrt(log(2.0 * (double) n / 0.05) / (2.0 * (double) k));
}

static void
shortest_paths(const KbiCliques *c, size_t k, guint threads, KbBrokers *br, KbBroker *out)
{
  size_t n = c->n;
  gboolean sampled = k < n;
  /* drawn by id, in the order drawn: the runs of paths.c are then random
   * groups of the sample, whose spread gives the standard error; every
   * organisation in position order */
  guint32 *sources = kb_i_sample_sources(n, k);
  for (size_t i = 0; i < k; i++)
    sources[i] = c->by_id[sources[i]];
  if (!sampled)
    qsort(sources, k, sizeof *sources, kb_i_compare_u32);
  double *dep = g_new0(double, n ? n : 1);
  double *spread = sampled ? g_new0(double, n) : NULL;
  guint64 *dist = g_new0(guint64, n ? n : 1);
  size_t *reached = g_new0(size_t, n ? n : 1);
  kb_i_paths_compute(c, sources, k, threads, dep, spread, dist, reached);
  /* each unordered pair counted from both ends; NetworkX divides the pairs
   * by (n-1)(n-2)/2; a sample is scaled up by n/k (1 when exact) */
  double scale = n > 2 ? (double) n / (double) k / ((double) (n - 1) * (double) (n - 2)) : 0.0;
  for (size_t v = 0; v < n; v++) {
    out[v].betweenness = dep[v] * scale;
    out[v].betweenness_se = sampled ? spread[v] * scale : NAN;
  }
  g_free(spread);
  br->sources = k;
  br->sampled = sampled;
  br->bound = br->sampled ? sample_bound(n, k) : 0.0;
  /* closeness (Wasserman-Faust): r / (sum of distances) times r / (n-1);
   * known only for the sources */
  for (size_t v = 0; v < n; v++)
    out[v].closeness = br->sampled ? NAN : 0.0;
  for (size_t i = 0; i < k && !br->sampled; i++) {
    size_t v = sources[i], r = reached[v];
    if (r > 0)
      out[v].closeness = (double) r / (double) dist[v] * (double) r / (double) (n - 1);
  }
  g_free(reached);
  g_free(dist);
  g_free(dep);
  g_free(sources);
}

/* ------------------------------------------------------------- entry */

/* The sources of a sample by default (see KB_BROKERS_SEARCH_WORK). */
static size_t
default_sources(const KbiCliques *c)
{
  double steps = (double) c->n + (double) c->members.start[c->n_sets]
                 + (double) c->direct.start[c->n];
  double k = floor(KB_BROKERS_SEARCH_WORK / steps);
  return MIN(c->n, (size_t) CLAMP(k, KB_BROKERS_MIN_SOURCES, KB_BROKERS_SOURCES));
}

void
kb_brokers_options_init(KbBrokersOptions *opts)
{
  memset(opts, 0, sizeof *opts);
}

KbBrokers *
kb_brokers_compute(const KbDataset *ds, GError **error)
{
  KbBrokersOptions opts;
  kb_brokers_options_init(&opts);
  return kb_brokers_compute_with(ds, &opts, error);
}

KbBrokers *
kb_brokers_compute_with(const KbDataset *ds, const KbBrokersOptions *opts, GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL, NULL);
  g_return_val_if_fail(!(opts->exact && opts->sources > 0), NULL);
  KbiCliques c;
  kb_i_cliques_build(ds, &c);
  kb_init();
  guint threads = MIN(opts->threads ? opts->threads : (guint) g_get_num_processors(),
                      KB_THREADS_MAX);
  size_t k = c.n;
  if (opts->sources > 0)
    k = MIN(opts->sources, c.n);
  else if (!opts->exact && c.n > KB_BROKERS_EXACT_MAX)
    k = default_sources(&c);
  KbBrokers *br = g_new0(KbBrokers, 1);
  KbBroker *b = g_new0(KbBroker, c.n ? c.n : 1);
  for (size_t i = 0; i < c.n; i++)
    b[i].node = c.nodes[i];
  igraph_vector_int_t component;
  igraph_error_t rc = cut_points(&c, b, &component);
  if (rc == IGRAPH_SUCCESS) {
    rc = eigenvector(&c, &component, b);
    igraph_vector_int_destroy(&component);
  }
  if (rc != IGRAPH_SUCCESS) {
    g_free(b);
    g_free(br);
    kb_i_cliques_release(&c);
    kb_i_igraph_fail(rc, "computing centralities", error);
    return NULL;
  }
  pagerank(&c, b);
  shortest_paths(&c, k, threads, br, b);
  br->local = (double) c.ties <= KB_BROKERS_LOCAL_MAX_TIES;
  if (br->local) {
    local_measures(ds, &c, threads, b);
  } else {
    for (size_t v = 0; v < c.n; v++) {
      b[v].degree = c.degree[v];
      b[v].constraint = b[v].effective_size = NAN;
    }
  }
  sort_brokers(ds, b, c.n);
  br->n = c.n;
  br->brokers = b;
  br->ties = c.ties;
  kb_i_cliques_release(&c);
  return br;
}

void
kb_brokers_free(KbBrokers *b)
{
  if (b == NULL)
    return;
  g_free(b->brokers);
  g_free(b);
}
