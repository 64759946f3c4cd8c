/* analysis_internal.h -- the derived networks the analyses share. */
#ifndef KB_ANALYSIS_INTERNAL_H
#define KB_ANALYSIS_INTERNAL_H

#include "graph/graph_internal.h"
#include "klaverblad/analysis.h"

/* ------------------------------------------------ organisation network */

typedef struct {
  size_t a, b;              /* positions, a < b */
  double weight;            /* direct ties plus shared networks */
} KbiTie;

typedef struct {
  size_t n;                 /* organisations */
  size_t *nodes;            /* position -> node index, by id */
  size_t *pos;              /* node index -> position, or KB_NO_NODE */
  GArray *ties;             /* of KbiTie, by (a, b) */
  GArray *arcs;             /* of size_t pairs (from, to): directed ties, by (from, to) */
  GHashTable *direct;       /* node pairs (a << 32 | b, a < b) joined by partner_of or funds */
} KbiOrgNet;

/* The most ties the organisation network may hold (about 3 GB). */
#define KB_ORGNET_MAX_TIES 5e7

/* Builds the organisation network; FALSE (KB_ERROR_LIMIT, nothing to
 * release) when it would hold more than KB_ORGNET_MAX_TIES ties. */
gboolean kb_i_orgnet_build(const KbDataset *ds, KbiOrgNet *net, GError **error);
/* The same without the arcs (net->arcs is NULL), for the analyses that
 * do not look at direction. */
gboolean kb_i_orgnet_build_ties(const KbDataset *ds, KbiOrgNet *net, GError **error);
void kb_i_orgnet_release(KbiOrgNet *net);
/* Builds the undirected igraph graph of the ties (vertex i = position i);
 * 'weights', when not NULL, is initialised and filled with the ties' weights. */
gboolean kb_i_orgnet_to_igraph(const KbiOrgNet *net, igraph_t *graph, igraph_vector_t *weights,
                               GError **error);
/* TRUE when partner_of or funds joins the two organisations (node indices). */
gboolean kb_i_orgnet_directly_tied(const KbiOrgNet *net, size_t a, size_t b);
/* TRUE when 'r' is partner_of or funds between two organisations. */
gboolean kb_i_is_direct_tie(const KbDataset *ds, const KbRelation *r);
/* The pairs of organisations joined by partner_of or funds: a set of
 * 64-bit node pairs (a << 32 | b, a < b), for kb_i_directly_tied. */
GHashTable *kb_i_direct_ties(const KbDataset *ds);
gboolean kb_i_directly_tied(GHashTable *direct, size_t a, size_t b);

/* --------------------------------------------- organisation network as cliques */

/* Rows of 32-bit entries: row i is to[start[i] .. start[i + 1]), each
 * entry with count[] beside it when there is one. */
typedef struct {
  size_t *start;
  guint32 *to;
  gint32 *count;
} KbiCsr;

#define KB_CSR_ROW(csr, i) ((csr)->to + (csr)->start[i])
#define KB_CSR_LEN(csr, i) ((csr)->start[(i) + 1] - (csr)->start[i])

/* The organisation network (KbiOrgNet's ties, unweighted) as what makes it:
 * organisations u and v are tied when they share a network or when
 * partner_of or funds joins them. A network's members are all tied to one
 * another. Sets: the networks (with two or more organisations as members),
 * then the profiles (the organisations with the same two or more networks).
 * For any x, the sum of x over the neighbours of w is
 *
 *   sum over (g, c) in terms[w] of c * (sum of x over set g's members)
 *   + sum of x over direct[w]  -  x[w] when w has a network,
 *
 * which visits a set once instead of the ties of its clique. Positions are
 * not KbiOrgNet's: organisations that share networks lie close together. */
typedef struct {
  size_t n;                 /* organisations */
  size_t *nodes;            /* position -> node index; those with the same networks together */
  guint32 *by_id;           /* the position of the i-th organisation by id */
  size_t n_nets;            /* networks: sets 0 .. n_nets - 1 */
  size_t n_sets;            /* then the profiles */
  size_t *net_node;         /* network -> node index */
  KbiCsr members;           /* set -> its members, ascending */
  KbiCsr nets_of;           /* organisation -> its networks, ascending */
  guint32 *profile;         /* organisation -> its profile's set, or G_MAXUINT32 */
  KbiCsr sets_of;           /* organisation -> the sets it is in: its networks, its profile */
  KbiCsr terms;             /* organisation -> (set, count): its networks, +1 each, and
                             * the profiles sharing c >= 2 networks with its own, 1 - c */
  KbiCsr direct;            /* organisation -> organisations joined by partner_of or funds
                             * with which it shares no network */
  KbiCsr only_in;           /* v -> u with an arc u -> v and none back (funds) */
  KbiCsr only_out;          /* v -> u with an arc v -> u and none back */
  size_t *degree;           /* ties of each organisation */
  size_t ties;
} KbiCliques;

/* Builds it from the dataset (never from KbiOrgNet). It takes memory for
 * each organisation and membership, none for a tie, so it has no limit. */
void kb_i_cliques_build(const KbDataset *ds, KbiCliques *c);
void kb_i_cliques_release(KbiCliques *c);

typedef void (*KbiTieFunc)(size_t v, size_t u, gpointer data);
/* Calls 'func' once for each organisation u tied to v, in no set order.
 * 'seen' (one entry per organisation) must not hold 'stamp' on entry; it
 * holds it for v and its neighbours after. */
void kb_i_cliques_foreach_tie(const KbiCliques *c, size_t v, guint32 *seen, guint32 stamp,
                              KbiTieFunc func, gpointer data);

/* The runs the sources of kb_i_paths_compute are searched in, each summed
 * on its own: run b holds sources[k * b / KB_PATHS_RUNS .. k * (b + 1) /
 * KB_PATHS_RUNS). */
#define KB_PATHS_RUNS 16

/* Brandes' algorithm over the cliques, one breadth-first search from each
 * of the k sources (positions in the cliques, distinct, in any order):
 * adds to dependency[v] the sum over the sources s of s's dependency on v
 * (each pair counted once per direction), and sets distance_sum[s] and
 * reached[s] (the others s reaches) for each source. With 'spread', sets
 * spread[v] to the standard error of dependency[v] as an estimate of the
 * sum over k sources drawn at random, taking the runs for independent
 * groups (so the sources must be in the order drawn): with x_b run b's
 * sum scaled to k sources (k / k_b times it) and G runs, sqrt(G / (G - 1)
 * sum_b (k_b / k)^2 (x_b - dependency[v])^2); NaN when G < 2. Each run is
 * searched in position order. Runs on up to 'threads' threads; the sums
 * are taken in one fixed order, so the result is the same bit for bit
 * whatever 'threads' is. */
void kb_i_paths_compute(const KbiCliques *c, const guint32 *sources, size_t k, guint threads,
                        double *dependency, double *spread, guint64 *distance_sum,
                        size_t *reached);

/* Runs func(data) on 'threads' threads, this one among them, and returns
 * when all have returned. */
void kb_i_run_threads(guint threads, GThreadFunc func, gpointer data);
/* Orders guint32 values, for qsort. */
int kb_i_compare_u32(const void *x, const void *y);
/* Orders size_t values (or structs that begin with one, by it), for qsort. */
int kb_i_compare_sizes(const void *x, const void *y);

/* k of the numbers 0 .. n-1 in the order drawn, without replacement, from a
 * fixed seed (splitmix64, a partial Fisher-Yates shuffle): the same k and n
 * give the same numbers. brokers draws organisations by their rank by id
 * and finds their positions through by_id. Newly allocated. */
guint32 *kb_i_sample_sources(size_t n, size_t k);

/* ------------------------------------------------------------ contexts */

typedef struct {
  size_t node;              /* the context (or the organisation, in members) */
  KbContextKind kind;
  int first_year;           /* earliest since of the relations behind it */
  unsigned relations;       /* how many relations put it there */
} KbiLink;

typedef struct {
  size_t n_nodes;
  GArray **of_org;          /* node -> GArray of KbiLink (contexts), by node; orgs only */
  GArray **members;         /* context node -> GArray of KbiLink (organisations), by node */
} KbiContexts;

void kb_i_contexts_build(const KbDataset *ds, KbiContexts *ctx);
void kb_i_contexts_release(KbiContexts *ctx);

/* The contexts a synergy score is summed over, in the order every score is
 * summed in, so that a pair's score is the same to the last bit whichever
 * way it is found (synergy.c, synergy --each): by size, then node. Of the
 * nodes 0 .. n - 1, those whose size[c] is not 0 go to 'order' (room for
 * n); returns how many. */
size_t kb_i_contexts_by_size(const size_t *size, size_t n, size_t *order);

/* What encloses each node: for a place the places around it (nearest
 * first), for a network the networks it is part of, directly or not. */
typedef struct {
  size_t n;
  size_t **up;              /* node -> enclosing nodes, or NULL */
  size_t *n_up;
} KbiRollup;

void kb_i_rollup_build(const KbDataset *ds, KbiRollup *roll);
void kb_i_rollup_release(KbiRollup *roll);

/* Receives one link: organisation 'org' has context 'context'. */
typedef void (*KbiLinkFunc)(size_t org, size_t context, KbContextKind kind, int since,
                            gpointer data);

/* Calls 'func' for each link relation 'r' gives: an organisation's place,
 * theme, network or partner, and what encloses the place or network. A link
 * may come more than once. */
void kb_i_relation_links(const KbDataset *ds, const KbiRollup *roll, const KbRelation *r,
                         KbiLinkFunc func, gpointer data);

/* A hash of 64-bit pair keys (a << 32 | b) that spreads them: GLib's
 * g_int64_hash folds the halves together (a ^ b), so that every pair with
 * the same a ^ b collides. Use with g_int64_equal. */
guint kb_i_pair_hash(gconstpointer key);

/* TRUE when this processor has a fast pext, which kb_synergy_each() then
 * uses: x86 with BMI2, but not AMD's before Zen 3, which run it in
 * microcode, slower than a shift per bit. */
gboolean kb_i_synergy_fast_pext(void);

/* kb_synergy_each with its thresholds set: contexts of more than 'walk_max'
 * organisations (the largest 1024 at most) get bitmaps and are enumerated
 * as subsets rather than walked; the lists of members of two such contexts
 * are kept when they take at most 'pairs_max' entries; x86's pext gathers
 * bits when 'pext' is set and the processor has a fast one. The result
 * depends on none of them; the tests check that. */
gboolean kb_i_synergy_each_tuned(const KbDataset *ds, const KbSynergyOptions *opts, size_t k,
                                 size_t walk_max, size_t pairs_max, gboolean pext,
                                 KbSuggestFunc emit, gpointer data, KbProgressFunc progress,
                                 gpointer progress_data, GError **error);

/* Node ids compare in C order everywhere results are sorted. */
int kb_i_compare_ids(const KbDataset *ds, size_t a, size_t b);
void kb_i_sort_by_id(const KbDataset *ds, size_t *nodes, size_t n);
/* The nodes of one kind in id order (*n of them, newly allocated) and, when
 * 'pos' is not NULL, *pos (newly allocated, one entry per node): each
 * node's place among them, KB_NO_NODE for the other nodes. */
size_t *kb_i_nodes_by_id(const KbDataset *ds, KbNodeKind kind, size_t *n, size_t **pos);

#endif
