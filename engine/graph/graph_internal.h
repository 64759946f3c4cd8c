/* graph_internal.h -- the igraph side of the analyses. igraph types do not
 * leave the modules that include this header. */
#ifndef KB_GRAPH_INTERNAL_H
#define KB_GRAPH_INTERNAL_H

#include <igraph.h>

#include "klaverblad/error.h"
#include "klaverblad/model.h"

/* Converts an igraph error code into a GError, with the message igraph's
 * error handler recorded. Always returns FALSE, for "return kb_i_igraph_fail()". */
gboolean kb_i_igraph_fail(igraph_error_t code, const char *doing, GError **error);

/* Builds the undirected graph of a dataset: one vertex per node (same
 * index), one edge per relation, plus an edge from each organisation to its
 * sector. Fails when igraph does. */
gboolean kb_i_graph_build_undirected(const KbDataset *ds, igraph_t *graph, GError **error);

#endif
