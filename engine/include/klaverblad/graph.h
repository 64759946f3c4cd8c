/* graph.h -- whole-network structure of a dataset. */
#ifndef KLAVERBLAD_GRAPH_H
#define KLAVERBLAD_GRAPH_H

#include <glib.h>
#include <klaverblad/model.h>

G_BEGIN_DECLS

typedef struct {
  size_t count;         /* connected components, ignoring direction */
  size_t largest;       /* nodes in the largest */
  size_t isolated;      /* nodes without any relation */
  gpointer reserved[4]; /* zeroed by the library: room for fields to come (analysis.h) */
} KbComponents;

/* Counts the connected components of the dataset's graph: every node, every
 * relation taken as an undirected tie, and each organisation tied to its
 * sector and each city to its country column. Always succeeds; 'error' is
 * there so that it is called like the analyses. */
gboolean kb_graph_components(const KbDataset *ds, KbComponents *out, GError **error);

G_END_DECLS

#endif
