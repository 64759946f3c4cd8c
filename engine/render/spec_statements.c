/* spec_statements.c -- the graph, cluster, node, edge and end lines of a map
 * description.
 *
 * Each statement is checked as it comes, against what came before (nodes and
 * clusters must be defined before use), and every error is reported with its
 * line; a line with an error adds nothing to the spec, except that a node or
 * cluster is kept so that later lines naming it are not reported too. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "spec_internal.h"

/* ------------------------------------------------------------------ ids */

static gboolean
is_id_char(gunichar c)
{
  return c == '_' || c == '-' || c == '.' || c == ':' ||
         (c < 128 ? g_ascii_isalnum((char) c) : g_unichar_isalnum(c));
}

/* Checks that tokens[i] is an id for a statement 'usage' ("node ID
 * key=value..."): a plain token, bare of id characters or quoted and not
 * empty. Returns the id (borrowed), or NULL having reported. */
static const char *
take_id(KbRenderParser *ps, const KbRenderToken *tokens, guint n, guint i, const char *what,
        const char *usage)
{
  if (i >= n || tokens[i].key != NULL) {
    kb_render_i_report(ps, ps->line, "%s; expected %s", what, usage);
    return NULL;
  }
  const KbRenderToken *t = &tokens[i];
  if (t->quoted) {
    if (*t->value == '\0') {
      kb_render_i_report(ps, ps->line,
                         "empty id; expected at least one character between the quotes");
      return NULL;
    }
    return t->value;
  }
  for (const char *s = t->value; *s; s = g_utf8_next_char(s))
    if (!is_id_char(g_utf8_get_char(s))) {
      kb_render_i_report(ps, ps->line,
                         "invalid id '%s'; expected letters, digits, '_', '-', '.' and ':', or a "
                         "quoted string", t->value);
      return NULL;
    }
  return t->value;
}

static int
cluster_lookup(KbRenderParser *ps, const char *id)
{
  gpointer v = g_hash_table_lookup(ps->cluster_index, id);
  return v ? GPOINTER_TO_INT(v) - 1 : -1;
}

static int
node_lookup(KbRenderParser *ps, const char *id)
{
  gpointer v = g_hash_table_lookup(ps->node_index, id);
  return v ? GPOINTER_TO_INT(v) - 1 : -1;
}

/* ----------------------------------------------------------- statements */

static gboolean parse_inches(const char *text, double *out);

/* Reads a paper=WIDTH,HEIGHT value, in inches, each in (0, KB_RENDER_MAX_PAPER]. */
static gboolean
parse_paper(const char *text, double *w, double *h)
{
  const char *comma = strchr(text, ',');
  if (comma == NULL)
    return FALSE;
  g_autofree char *first = g_strndup(text, comma - text);
  return parse_inches(first, w) && parse_inches(comma + 1, h) && *w > 0 && *h > 0
         && *w <= KB_RENDER_MAX_PAPER && *h <= KB_RENDER_MAX_PAPER;
}

static void
parse_graph(KbRenderParser *ps, const KbRenderToken *tokens, guint n)
{
  static const char *const specials[] = { "layout", "directed", "paper", NULL };
  KbRenderSpec *spec = ps->spec;
  if (spec->graph_line != 0) {
    kb_render_i_report(ps, ps->line,
                       "a second 'graph' line; the graph attributes were set at line %u",
                       spec->graph_line);
    return;
  }
  if (spec->nodes->len > 0) {
    kb_render_i_report(ps, ps->line,
                       "'graph' line after the first node (line %u); the graph line must come "
                       "before any node", g_array_index(spec->nodes, KbRenderNode, 0).line);
    return;
  }
  g_autoptr(GArray) attrs = kb_render_i_attrs_new();
  gboolean ok = kb_render_i_collect_attrs(ps, "graph", ON_GRAPH, specials, tokens, 1, n, attrs);
  g_autofree char *layout = kb_render_i_take_attr(attrs, "layout");
  g_autofree char *directed = kb_render_i_take_attr(attrs, "directed");
  g_autofree char *paper = kb_render_i_take_attr(attrs, "paper");
  double paper_w = 0, paper_h = 0;
  if (paper != NULL && !parse_paper(paper, &paper_w, &paper_h)) {
    kb_render_i_report(ps, ps->line,
                       "paper='%s' is not a paper size; expected WIDTH,HEIGHT in inches, each more "
                       "than 0 and at most %d, as 6.3,8.66", paper, KB_RENDER_MAX_PAPER);
    ok = FALSE;
  }
  if (layout != NULL && !kb_render_layout_is_known(layout)) {
    kb_render_i_report(ps, ps->line,
                       "unknown layout '%s'; expected dot, neato, fdp, sfdp, twopi or "
                       "circo", layout);
    ok = FALSE;
  }
  if (directed != NULL && strcmp(directed, "true") != 0 && strcmp(directed, "false") != 0) {
    kb_render_i_report(ps, ps->line, "directed='%s' is not true or false; expected true or false",
                       directed);
    ok = FALSE;
  }
  spec->graph_line = ps->line;
  if (!ok)
    return;
  spec->layout = g_steal_pointer(&layout);
  spec->directed = directed != NULL && strcmp(directed, "true") == 0;
  spec->has_paper = paper != NULL;
  spec->paper_w = paper_w;
  spec->paper_h = paper_h;
  g_array_append_vals(spec->attrs, attrs->data, attrs->len);
  g_array_set_clear_func(attrs, NULL);   /* the strings moved to spec->attrs */
}

static void
parse_cluster(KbRenderParser *ps, const KbRenderToken *tokens, guint n)
{
  static const char *const specials[] = { "parent", NULL };
  const char *id = take_id(ps, tokens, n, 1, "a cluster needs an id",
                           "cluster ID key=value...");
  if (id == NULL)
    return;
  int prior = cluster_lookup(ps, id);
  if (prior >= 0) {
    kb_render_i_report(ps, ps->line, "duplicate cluster '%s'; first defined at line %u", id,
                       g_array_index(ps->spec->clusters, KbRenderCluster, prior).line);
    return;
  }
  /* From here on the cluster is kept even when the line has errors (the
   * spec is then dropped), so that lines naming it are not reported too. */
  g_autoptr(GArray) attrs = kb_render_i_attrs_new();
  kb_render_i_collect_attrs(ps, "cluster", ON_CLUSTER, specials, tokens, 2, n, attrs);
  g_autofree char *parent_id = kb_render_i_take_attr(attrs, "parent");
  int parent = -1;
  if (parent_id != NULL) {
    parent = cluster_lookup(ps, parent_id);
    if (parent < 0)
      kb_render_i_report(ps, ps->line,
                         "unknown cluster '%s' in parent=; define it with a cluster line "
                         "first", parent_id);
  }
  KbRenderCluster c = { g_strdup(id), ps->line, parent, g_steal_pointer(&attrs) };
  g_array_append_val(ps->spec->clusters, c);
  g_hash_table_insert(ps->cluster_index, g_strdup(id),
                      GINT_TO_POINTER((int) ps->spec->clusters->len));
}

/* Reads an x= or y= value in inches. */
static gboolean
parse_inches(const char *text, double *out)
{
  if (*text == '\0' || g_ascii_isspace(*text))
    return FALSE;
  char *end;
  errno = 0;
  double v = g_ascii_strtod(text, &end);
  if (*end != '\0' || errno == ERANGE || !isfinite(v))
    return FALSE;
  *out = v;
  return TRUE;
}

static void
parse_node(KbRenderParser *ps, const KbRenderToken *tokens, guint n)
{
  static const char *const specials[] = { "cluster", "x", "y", NULL };
  const char *id = take_id(ps, tokens, n, 1, "a node needs an id", "node ID key=value...");
  if (id == NULL)
    return;
  int prior = node_lookup(ps, id);
  if (prior >= 0) {
    kb_render_i_report(ps, ps->line, "duplicate node '%s'; first defined at line %u", id,
                       g_array_index(ps->spec->nodes, KbRenderNode, prior).line);
    return;
  }
  /* From here on the node is kept even when the line has errors (the spec
   * is then dropped), so that lines naming it are not reported too. */
  g_autoptr(GArray) attrs = kb_render_i_attrs_new();
  kb_render_i_collect_attrs(ps, "node", ON_NODE, specials, tokens, 2, n, attrs);
  g_autofree char *cluster_id = kb_render_i_take_attr(attrs, "cluster");
  g_autofree char *x = kb_render_i_take_attr(attrs, "x");
  g_autofree char *y = kb_render_i_take_attr(attrs, "y");
  int cluster = -1;
  if (cluster_id != NULL) {
    cluster = cluster_lookup(ps, cluster_id);
    if (cluster < 0)
      kb_render_i_report(ps, ps->line,
                         "unknown cluster '%s' in cluster=; define it with a cluster line first",
                         cluster_id);
  }
  KbRenderNode node = { NULL, ps->line, cluster, FALSE, 0.0, 0.0, NULL };
  if (x != NULL && y == NULL)
    kb_render_i_report(ps, ps->line, "x= without y=; give both or neither");
  else if (y != NULL && x == NULL)
    kb_render_i_report(ps, ps->line, "y= without x=; give both or neither");
  else if (x != NULL) {
    if (!parse_inches(x, &node.x))
      kb_render_i_report(ps, ps->line, "x='%s' is not a number; expected inches, as 1.5", x);
    if (!parse_inches(y, &node.y))
      kb_render_i_report(ps, ps->line, "y='%s' is not a number; expected inches, as 1.5", y);
    node.pinned = TRUE;
  }
  node.id = g_strdup(id);
  node.attrs = g_steal_pointer(&attrs);
  g_array_append_val(ps->spec->nodes, node);
  g_hash_table_insert(ps->node_index, g_strdup(id),
                      GINT_TO_POINTER((int) ps->spec->nodes->len));
}

static void
parse_edge(KbRenderParser *ps, const KbRenderToken *tokens, guint n)
{
  static const char *const specials[] = { NULL };
  const char *usage = "edge FROM TO key=value...";
  const char *from_id = take_id(ps, tokens, n, 1, "an edge needs two node ids", usage);
  if (from_id == NULL)
    return;
  const char *to_id = take_id(ps, tokens, n, 2, "an edge needs two node ids", usage);
  if (to_id == NULL)
    return;
  gboolean ok = TRUE;
  int from = node_lookup(ps, from_id), to = node_lookup(ps, to_id);
  if (from < 0) {
    kb_render_i_report(ps, ps->line,
                       "edge names unknown node '%s'; define it with a node line first",
                       from_id);
    ok = FALSE;
  }
  if (to < 0 && (from >= 0 || strcmp(from_id, to_id) != 0)) {
    kb_render_i_report(ps, ps->line,
                       "edge names unknown node '%s'; define it with a node line first",
                       to_id);
    ok = FALSE;
  }
  g_autoptr(GArray) attrs = kb_render_i_attrs_new();
  if (!kb_render_i_collect_attrs(ps, "edge", ON_EDGE, specials, tokens, 3, n, attrs) || !ok)
    return;
  KbRenderEdge e = { (guint) from, (guint) to, ps->line, g_steal_pointer(&attrs) };
  g_array_append_val(ps->spec->edges, e);
}

/* Parses one statement line (not blank, not a comment). Sets *end_seen when
 * it is the 'end' line. */
void
kb_render_i_parse_statement(KbRenderParser *ps, const char *p, const char *end,
                            gboolean *end_seen)
{
  g_autoptr(GArray) tokens = g_array_new(FALSE, TRUE, sizeof(KbRenderToken));
  g_array_set_clear_func(tokens, kb_render_i_token_clear);
  if (!kb_render_i_tokenize(ps, p, end, tokens))
    return;
  const KbRenderToken *t = (const KbRenderToken *) tokens->data;
  guint n = tokens->len;
  const char *keyword = t[0].key == NULL && !t[0].quoted ? t[0].value : NULL;
  if (keyword != NULL && strcmp(keyword, "graph") == 0)
    parse_graph(ps, t, n);
  else if (keyword != NULL && strcmp(keyword, "cluster") == 0)
    parse_cluster(ps, t, n);
  else if (keyword != NULL && strcmp(keyword, "node") == 0)
    parse_node(ps, t, n);
  else if (keyword != NULL && strcmp(keyword, "edge") == 0)
    parse_edge(ps, t, n);
  else if (keyword != NULL && strcmp(keyword, "end") == 0) {
    if (n > 1) {
      g_autofree char *text = kb_render_i_token_text(&t[1]);
      kb_render_i_report(ps, ps->line, "'end' takes nothing after it; found '%s'", text);
    }
    *end_seen = TRUE;
  } else {
    g_autofree char *text = kb_render_i_token_text(&t[0]);
    kb_render_i_report(ps, ps->line,
                       "unknown statement '%s'; expected graph, cluster, node, edge or end",
                       text);
  }
}
