/* graph.c -- igraph set-up and the whole-network structure of a dataset. */
#include <string.h>

#include "graph/graph_internal.h"
#include "klaverblad/graph.h"

/* ------------------------------------------------------ error handling */

/* igraph's default error handler aborts the process. Ours records the
 * message, frees what igraph registered for clean-up (as igraph's own
 * non-aborting handlers do) and lets the error code travel up. */
static GPrivate last_message = G_PRIVATE_INIT(g_free);

static void
on_igraph_error(const char *reason, const char *file, int line, igraph_error_t code)
{
  IGRAPH_FINALLY_FREE();
  g_private_replace(&last_message,
                    g_strdup_printf("%s (%s)", reason, igraph_strerror(code)));
}

static void
on_igraph_warning(const char *reason, const char *file, int line)
{
  g_debug("igraph: %s", reason);
}

void
kb_init(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    igraph_set_error_handler(on_igraph_error);
    igraph_set_warning_handler(on_igraph_warning);
    g_once_init_leave(&done, 1);
  }
}

gboolean
kb_i_igraph_fail(igraph_error_t code, const char *doing, GError **error)
{
  const char *msg = g_private_get(&last_message);
  g_set_error(error, KB_ERROR, KB_ERROR_INTERNAL, "%s failed: %s", doing,
              msg != NULL ? msg : igraph_strerror(code));
  return FALSE;
}

/* ------------------------------------------------------------ building */

gboolean
kb_i_graph_build_undirected(const KbDataset *ds, igraph_t *graph, GError **error)
{
  kb_init();
  size_t n = kb_dataset_node_count(ds), m = kb_dataset_relation_count(ds);
  igraph_vector_int_t edges;
  igraph_error_t rc = igraph_vector_int_init(&edges, 0);
  if (rc != IGRAPH_SUCCESS)
    return kb_i_igraph_fail(rc, "allocating the edge list", error);
  rc = igraph_vector_int_reserve(&edges, (igraph_integer_t) (2 * (m + n)));
  for (size_t i = 0; i < m && rc == IGRAPH_SUCCESS; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    rc = igraph_vector_int_push_back(&edges, (igraph_integer_t) r->from);
    if (rc == IGRAPH_SUCCESS)
      rc = igraph_vector_int_push_back(&edges, (igraph_integer_t) r->to);
  }
  for (size_t i = 0; i < n && rc == IGRAPH_SUCCESS; i++) {
    const KbNode *node = kb_dataset_node(ds, i);
    if (node->sector == KB_NO_NODE)
      continue;
    rc = igraph_vector_int_push_back(&edges, (igraph_integer_t) i);
    if (rc == IGRAPH_SUCCESS)
      rc = igraph_vector_int_push_back(&edges, (igraph_integer_t) node->sector);
  }
  if (rc == IGRAPH_SUCCESS)
    rc = igraph_create(graph, &edges, (igraph_integer_t) n, IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy(&edges);
  if (rc != IGRAPH_SUCCESS)
    return kb_i_igraph_fail(rc, "building the graph", error);
  return TRUE;
}

/* ---------------------------------------------------------- components */

gboolean
kb_graph_components(const KbDataset *ds, KbComponents *out, GError **error)
{
  g_return_val_if_fail(ds != NULL && out != NULL, FALSE);
  memset(out, 0, sizeof *out);
  igraph_t g;
  if (!kb_i_graph_build_undirected(ds, &g, error))
    return FALSE;
  igraph_vector_int_t membership, sizes;
  igraph_integer_t count = 0;
  igraph_error_t rc = igraph_vector_int_init(&membership, 0);
  if (rc == IGRAPH_SUCCESS) {
    rc = igraph_vector_int_init(&sizes, 0);
    if (rc == IGRAPH_SUCCESS) {
      rc = igraph_connected_components(&g, &membership, &sizes, &count, IGRAPH_WEAK);
      if (rc == IGRAPH_SUCCESS) {
        out->count = (size_t) count;
        for (igraph_integer_t i = 0; i < count; i++)
          if ((size_t) VECTOR(sizes)[i] > out->largest)
            out->largest = (size_t) VECTOR(sizes)[i];
        igraph_vector_int_t degree;
        rc = igraph_vector_int_init(&degree, 0);
        if (rc == IGRAPH_SUCCESS) {
          rc = igraph_degree(&g, &degree, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS);
          for (igraph_integer_t i = 0; rc == IGRAPH_SUCCESS && i < igraph_vcount(&g); i++)
            out->isolated += VECTOR(degree)[i] == 0;
          igraph_vector_int_destroy(&degree);
        }
      }
      igraph_vector_int_destroy(&sizes);
    }
    igraph_vector_int_destroy(&membership);
  }
  igraph_destroy(&g);
  if (rc != IGRAPH_SUCCESS)
    return kb_i_igraph_fail(rc, "counting components", error);
  return TRUE;
}
