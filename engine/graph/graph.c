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

/* Components are counted with a union-find over the relations rather than
 * through igraph: building an igraph_t sorts every edge end into an index
 * that counting components does not need, and at 10^6 nodes that sort was
 * most of `klaverblad check`. */

/* The root of i's set, halving the path on the way. */
static size_t
component_root(size_t *parent, size_t i)
{
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/* Joins the sets of a and b, the smaller under the larger. */
static void
component_join(size_t *parent, size_t *size, size_t a, size_t b)
{
  a = component_root(parent, a);
  b = component_root(parent, b);
  if (a == b)
    return;
  if (size[a] < size[b]) {
    size_t t = a;
    a = b;
    b = t;
  }
  parent[b] = a;
  size[a] += size[b];
}

gboolean
kb_graph_components(const KbDataset *ds, KbComponents *out, GError **error)
{
  g_return_val_if_fail(ds != NULL && out != NULL, FALSE);
  memset(out, 0, sizeof *out);
  size_t n = kb_dataset_node_count(ds), m = kb_dataset_relation_count(ds);
  if (n == 0)
    return TRUE;
  size_t *parent = g_new(size_t, n);
  size_t *size = g_new(size_t, n);
  gboolean *tied = g_new0(gboolean, n);
  for (size_t i = 0; i < n; i++) {
    parent[i] = i;
    size[i] = 1;
  }
  for (size_t i = 0; i < m; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    tied[r->from] = tied[r->to] = TRUE;
    component_join(parent, size, r->from, r->to);
  }
  for (size_t i = 0; i < n; i++) {
    size_t sector = kb_dataset_node(ds, i)->sector;
    if (sector == KB_NO_NODE)
      continue;
    tied[i] = tied[sector] = TRUE;
    component_join(parent, size, i, sector);
  }
  for (size_t i = 0; i < n; i++) {
    if (parent[i] == i) {
      out->count++;
      out->largest = MAX(out->largest, size[i]);
    }
    out->isolated += !tied[i];
  }
  g_free(parent);
  g_free(size);
  g_free(tied);
  return TRUE;
}
