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

/* kb_synergy_each with its threshold set: contexts of more than 'walk_max'
 * organisations (the largest 256 at most) get bitmaps and are enumerated as
 * subsets rather than walked. The result does not depend on it; the tests
 * check that. */
gboolean kb_i_synergy_each_tuned(const KbDataset *ds, const KbSynergyOptions *opts, size_t k,
                                 size_t walk_max, KbSuggestFunc emit,
                                 gpointer data, KbProgressFunc progress, gpointer progress_data,
                                 GError **error);

/* Node ids compare in C order everywhere results are sorted. */
int kb_i_compare_ids(const KbDataset *ds, size_t a, size_t b);
void kb_i_sort_by_id(const KbDataset *ds, size_t *nodes, size_t n);

#endif
