/* test_spec.c -- the parser of klaverblad-render's text format: a full valid
 * map, quoting and escapes, and every error with its exact message. */
#include <check.h>
#include <string.h>

#include "spec.h"

/* ---------------------------------------------------------------- helpers */

/* Parses 'text' as "<stdin>"; returns the spec (NULL on errors) and sets
 * *errors to every message, one per line, each ending in '\n'. */
static KbRenderSpec *
parse(const char *text, char **errors)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);
  KbRenderSpec *spec = kb_render_spec_parse("<stdin>", text, strlen(text), list);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf(s, "%s\n", (const char *) g_ptr_array_index(list, i));
  *errors = g_string_free(s, FALSE);
  return spec;
}

/* The messages for a map whose body (between the version line and 'end')
 * is 'body'. */
static char *
body_errors(const char *body)
{
  g_autofree char *text = g_strdup_printf("klaverblad-render 1\n%send\n", body);
  char *errors;
  g_autoptr(KbRenderSpec) spec = parse(text, &errors);
  ck_assert_msg((spec == NULL) == (*errors != '\0'), "a spec must come back iff no errors");
  return errors;
}

#define ASSERT_BODY_ERRORS(body, expected)          \
  do {                                              \
    g_autofree char *got_ = body_errors(body);      \
    ck_assert_str_eq(got_, expected);               \
  } while (0)

#define ASSERT_TEXT_ERRORS(text, expected)                   \
  do {                                                       \
    g_autofree char *got_ = NULL;                            \
    g_autoptr(KbRenderSpec) spec_ = parse(text, &got_);      \
    ck_assert_ptr_null(spec_);                               \
    ck_assert_str_eq(got_, expected);                        \
  } while (0)

static const KbRenderAttr *
attr(const GArray *attrs, guint i)
{
  ck_assert_uint_lt(i, attrs->len);
  return &g_array_index(attrs, KbRenderAttr, i);
}

#define NODE(spec, i) (&g_array_index((spec)->nodes, KbRenderNode, i))
#define CLUSTER(spec, i) (&g_array_index((spec)->clusters, KbRenderCluster, i))
#define EDGE(spec, i) (&g_array_index((spec)->edges, KbRenderEdge, i))

/* ------------------------------------------------------------ valid maps */

static const char full_map[] =
  "# Deventer and its partners abroad\n"
  "\n"
  "klaverblad-render 1\n"
  "graph label=\"Deventer abroad\" layout=dot directed=true bgcolor=white\n"
  "cluster ro label=Romania style=filled fillcolor=\"#eeeeee\"\n"
  "  # an indented comment\n"
  "cluster sibiu_c label=\"Sibiu county\" parent=ro\n"
  "node deventer label=Deventer shape=box x=0 y=-1.5\n"
  "node sibiu label=\"Sibiu\\ncity\" cluster=sibiu_c x=4 y=2.25 tooltip=\"a \\\"twin\\\"\"\n"
  "node \"cluj napoca\" cluster=ro URL=https://example.org/?a=b\n"
  "edge deventer sibiu label=twinned penwidth=2\n"
  "edge \"cluj napoca\" sibiu style=dashed\n"
  "end\n"
  "# trailing comments are fine\n";

START_TEST(full_map_is_read)
{
  g_autofree char *errors = NULL;
  g_autoptr(KbRenderSpec) spec = parse(full_map, &errors);
  ck_assert_str_eq(errors, "");
  ck_assert_ptr_nonnull(spec);

  ck_assert_str_eq(spec->layout, "dot");
  ck_assert(spec->directed);
  ck_assert_uint_eq(spec->graph_line, 4);
  ck_assert_uint_eq(spec->attrs->len, 2);
  ck_assert_str_eq(attr(spec->attrs, 0)->name, "label");
  ck_assert_str_eq(attr(spec->attrs, 0)->value, "Deventer abroad");
  ck_assert_str_eq(attr(spec->attrs, 1)->name, "bgcolor");

  ck_assert_uint_eq(spec->clusters->len, 2);
  ck_assert_str_eq(CLUSTER(spec, 0)->id, "ro");
  ck_assert_int_eq(CLUSTER(spec, 0)->parent, -1);
  ck_assert_uint_eq(CLUSTER(spec, 0)->attrs->len, 3);
  ck_assert_str_eq(attr(CLUSTER(spec, 0)->attrs, 2)->value, "#eeeeee");
  ck_assert_str_eq(CLUSTER(spec, 1)->id, "sibiu_c");
  ck_assert_uint_eq(CLUSTER(spec, 1)->line, 7);
  ck_assert_int_eq(CLUSTER(spec, 1)->parent, 0);
  ck_assert_uint_eq(CLUSTER(spec, 1)->attrs->len, 1);   /* parent= is not an attribute */

  ck_assert_uint_eq(spec->nodes->len, 3);
  const KbRenderNode *deventer = NODE(spec, 0), *sibiu = NODE(spec, 1), *cluj = NODE(spec, 2);
  ck_assert_str_eq(deventer->id, "deventer");
  ck_assert_uint_eq(deventer->line, 8);
  ck_assert(deventer->pinned);
  ck_assert_double_eq(deventer->x, 0.0);
  ck_assert_double_eq(deventer->y, -1.5);
  ck_assert_int_eq(deventer->cluster, -1);
  ck_assert_uint_eq(deventer->attrs->len, 2);           /* x= and y= are not attributes */
  ck_assert_str_eq(attr(sibiu->attrs, 0)->value, "Sibiu\ncity");
  ck_assert_str_eq(attr(sibiu->attrs, 1)->name, "tooltip");
  ck_assert_str_eq(attr(sibiu->attrs, 1)->value, "a \"twin\"");
  ck_assert_int_eq(sibiu->cluster, 1);
  ck_assert_double_eq(sibiu->y, 2.25);
  ck_assert_str_eq(cluj->id, "cluj napoca");
  ck_assert(!cluj->pinned);
  ck_assert_int_eq(cluj->cluster, 0);
  ck_assert_str_eq(attr(cluj->attrs, 0)->value, "https://example.org/?a=b");

  ck_assert_uint_eq(spec->edges->len, 2);
  ck_assert_uint_eq(EDGE(spec, 0)->from, 0);
  ck_assert_uint_eq(EDGE(spec, 0)->to, 1);
  ck_assert_uint_eq(EDGE(spec, 0)->line, 11);
  ck_assert_uint_eq(EDGE(spec, 0)->attrs->len, 2);
  ck_assert_uint_eq(EDGE(spec, 1)->from, 2);
  ck_assert_str_eq(attr(EDGE(spec, 1)->attrs, 0)->value, "dashed");

  ck_assert_str_eq(kb_render_spec_layout(spec, NULL), "dot");
  ck_assert_str_eq(kb_render_spec_layout(spec, "neato"), "neato");
}
END_TEST

START_TEST(smallest_map_has_defaults)
{
  g_autofree char *errors = NULL;
  g_autoptr(KbRenderSpec) spec = parse("klaverblad-render 1\nend", &errors);
  ck_assert_str_eq(errors, "");
  ck_assert_ptr_nonnull(spec);
  ck_assert_ptr_null(spec->layout);
  ck_assert(!spec->directed);
  ck_assert_uint_eq(spec->graph_line, 0);
  ck_assert_uint_eq(spec->nodes->len + spec->edges->len + spec->clusters->len, 0);
  ck_assert_str_eq(kb_render_spec_layout(spec, NULL), "neato");
}
END_TEST

START_TEST(quoting_and_escapes)
{
  g_autofree char *errors = NULL;
  g_autoptr(KbRenderSpec) spec = parse(
    "klaverblad-render 1\n"
    "node \"a \\\"b\\\"\" label=\"back\\\\slash\" xlabel=\"\" comment=\"two\\nlines\"\n"
    "node b\tlabel=a=b=c   fillcolor=#ff0000\tcolor=\"#00ff00\"  \n"
    "node \"\\\\N\" label=\"\\\\N is Graphviz's own\" tooltip=\"# not a comment\"\n"
    "node caf\xC3\xA9.1:x-y_z label=\"\xE2\x82\xAC 5\"\n"
    "edge \"a \\\"b\\\"\" b\n"
    "end\n", &errors);
  ck_assert_str_eq(errors, "");
  ck_assert_ptr_nonnull(spec);
  ck_assert_str_eq(NODE(spec, 0)->id, "a \"b\"");
  ck_assert_str_eq(attr(NODE(spec, 0)->attrs, 0)->value, "back\\slash");
  ck_assert_str_eq(attr(NODE(spec, 0)->attrs, 1)->value, "");
  ck_assert_str_eq(attr(NODE(spec, 0)->attrs, 2)->value, "two\nlines");
  ck_assert_str_eq(attr(NODE(spec, 1)->attrs, 0)->value, "a=b=c");
  ck_assert_str_eq(attr(NODE(spec, 1)->attrs, 1)->value, "#ff0000");
  ck_assert_str_eq(attr(NODE(spec, 1)->attrs, 2)->value, "#00ff00");
  ck_assert_str_eq(NODE(spec, 2)->id, "\\N");
  ck_assert_str_eq(attr(NODE(spec, 2)->attrs, 0)->value, "\\N is Graphviz's own");
  ck_assert_str_eq(attr(NODE(spec, 2)->attrs, 1)->value, "# not a comment");
  ck_assert_str_eq(NODE(spec, 3)->id, "caf\xC3\xA9.1:x-y_z");
  ck_assert_str_eq(attr(NODE(spec, 3)->attrs, 0)->value, "\xE2\x82\xAC 5");
  ck_assert_uint_eq(EDGE(spec, 0)->from, 0);
  ck_assert_uint_eq(EDGE(spec, 0)->to, 1);
}
END_TEST

START_TEST(line_ends_byte_order_mark_and_comments)
{
  g_autofree char *errors = NULL;
  g_autoptr(KbRenderSpec) spec = parse(
    "\xEF\xBB\xBF# made by klaverblad\r\n"
    "\r\n"
    "   \t\r\n"
    "  klaverblad-render   1  \r\n"
    "\tnode a label=\"x\"\r\n"
    "# node b\r\n"
    "end", &errors);
  ck_assert_str_eq(errors, "");
  ck_assert_ptr_nonnull(spec);
  ck_assert_uint_eq(spec->nodes->len, 1);
  ck_assert_uint_eq(NODE(spec, 0)->line, 5);
  ck_assert_str_eq(attr(NODE(spec, 0)->attrs, 0)->value, "x");
}
END_TEST

START_TEST(numbers_for_x_and_y)
{
  g_autofree char *errors = NULL;
  g_autoptr(KbRenderSpec) spec = parse(
    "klaverblad-render 1\n"
    "node a x=-0.5 y=1e1\n"
    "node b x=\"3\" y=+2.\n"
    "end\n", &errors);
  ck_assert_str_eq(errors, "");
  ck_assert_ptr_nonnull(spec);
  ck_assert_double_eq(NODE(spec, 0)->x, -0.5);
  ck_assert_double_eq(NODE(spec, 0)->y, 10.0);
  ck_assert_double_eq(NODE(spec, 1)->x, 3.0);
  ck_assert_double_eq(NODE(spec, 1)->y, 2.0);
}
END_TEST

START_TEST(self_loops_and_multi_edges_are_kept)
{
  g_autofree char *errors = NULL;
  g_autoptr(KbRenderSpec) spec = parse(
    "klaverblad-render 1\nnode a\nnode b\nedge a a\nedge a b\nedge a b color=red\nend\n",
    &errors);
  ck_assert_str_eq(errors, "");
  ck_assert_ptr_nonnull(spec);
  ck_assert_uint_eq(spec->edges->len, 3);
}
END_TEST

/* -------------------------------------------------------- the first line */

START_TEST(version_line_errors)
{
  ASSERT_TEXT_ERRORS("", "<stdin>: error: the input is empty; expected 'klaverblad-render 1'\n");
  ASSERT_TEXT_ERRORS("\n# only a comment\n\n",
                     "<stdin>: error: the input is empty; expected 'klaverblad-render 1'\n");
  /* the rest of a file in another format is not read */
  ASSERT_TEXT_ERRORS("graph G {\n  a -- b\n}\n", "<stdin>:1: error: expected 'klaverblad-render 1'\n");
  ASSERT_TEXT_ERRORS("# x\nklaverblad-render\nend\n",
                     "<stdin>:2: error: expected 'klaverblad-render 1'\n");
  ASSERT_TEXT_ERRORS("klaverblad-render 1 x\nend\n",
                     "<stdin>:1: error: expected 'klaverblad-render 1'\n");
  ASSERT_TEXT_ERRORS("klaverblad-render 2\nend\n",
                     "<stdin>:1: error: unsupported format version '2'; expected "
                     "'klaverblad-render 1'\n");
  ASSERT_TEXT_ERRORS("\xFF\xFEk\x00l\n", "<stdin>:1: error: invalid UTF-8; expected UTF-8 text\n");
}
END_TEST

START_TEST(end_line_errors)
{
  ASSERT_TEXT_ERRORS("klaverblad-render 1\n",
                     "<stdin>: error: missing 'end' line: the input is truncated\n");
  ASSERT_TEXT_ERRORS("klaverblad-render 1\nnode a\nnode b label=\"cut",
                     "<stdin>:3: error: unterminated quoted value\n"
                     "<stdin>: error: missing 'end' line: the input is truncated\n");
  ASSERT_TEXT_ERRORS("klaverblad-render 1\nend\n\n# fine\nnode a\nnode b\n",
                     "<stdin>:5: error: text after 'end'; 'end' must be the last line\n");
  ASSERT_TEXT_ERRORS("klaverblad-render 1\nend now\n",
                     "<stdin>:2: error: 'end' takes nothing after it; found 'now'\n");
}
END_TEST

/* ---------------------------------------------------------------- tokens */

START_TEST(token_errors)
{
  ASSERT_BODY_ERRORS("node a label=\"open\n", "<stdin>:2: error: unterminated quoted value\n");
  ASSERT_BODY_ERRORS("node a label=\"ends in a backslash\\\n",
                     "<stdin>:2: error: unterminated quoted value\n");
  ASSERT_BODY_ERRORS("node \"open\n", "<stdin>:2: error: unterminated quoted id\n");
  ASSERT_BODY_ERRORS("node a label=\"tab\\there\"\n",
                     "<stdin>:2: error: unknown escape '\\t' in a quoted value; expected \\\", "
                     "\\\\ or \\n\n");
  ASSERT_BODY_ERRORS("node \"x\\\xC3\xA9\"\n",
                     "<stdin>:2: error: unknown escape '\\\xC3\xA9' in a quoted id; expected "
                     "\\\", \\\\ or \\n\n");
  ASSERT_BODY_ERRORS("node a label=\"x\"y\n",
                     "<stdin>:2: error: text after a closing quote; expected a space or the end "
                     "of the line\n");
  ASSERT_BODY_ERRORS("node a label=x\"y\"\n",
                     "<stdin>:2: error: unexpected '\"' inside 'label=x\"y\"'; a quoted value "
                     "starts right after '='\n");
  ASSERT_BODY_ERRORS("node a\"b\"\n",
                     "<stdin>:2: error: unexpected '\"' inside 'a\"b\"'; a quoted value starts "
                     "right after '='\n");
  ASSERT_BODY_ERRORS("node a label= shape=box\n",
                     "<stdin>:2: error: missing value after 'label='; write label=\"\" for an "
                     "empty value\n");
  ASSERT_BODY_ERRORS("node a label=\n",
                     "<stdin>:2: error: missing value after 'label='; write label=\"\" for an "
                     "empty value\n");
}
END_TEST

START_TEST(statement_errors)
{
  ASSERT_BODY_ERRORS("nod a\n",
                     "<stdin>:2: error: unknown statement 'nod'; expected graph, cluster, node, "
                     "edge or end\n");
  ASSERT_BODY_ERRORS("\"node\" a\n",
                     "<stdin>:2: error: unknown statement '\"node\"'; expected graph, cluster, "
                     "node, edge or end\n");
  ASSERT_BODY_ERRORS("label=x\n",
                     "<stdin>:2: error: unknown statement 'label=x'; expected graph, cluster, "
                     "node, edge or end\n");
}
END_TEST

/* ------------------------------------------------------------------- ids */

START_TEST(id_errors)
{
  ASSERT_BODY_ERRORS("node\n",
                     "<stdin>:2: error: a node needs an id; expected node ID key=value...\n");
  ASSERT_BODY_ERRORS("node label=x\n",
                     "<stdin>:2: error: a node needs an id; expected node ID key=value...\n");
  ASSERT_BODY_ERRORS("cluster\n",
                     "<stdin>:2: error: a cluster needs an id; expected cluster ID "
                     "key=value...\n");
  ASSERT_BODY_ERRORS("node a\nedge a\n",
                     "<stdin>:3: error: an edge needs two node ids; expected edge FROM TO "
                     "key=value...\n");
  ASSERT_BODY_ERRORS("node \"\"\n",
                     "<stdin>:2: error: empty id; expected at least one character between the "
                     "quotes\n");
  ASSERT_BODY_ERRORS("node a/b\n",
                     "<stdin>:2: error: invalid id 'a/b'; expected letters, digits, '_', '-', "
                     "'.' and ':', or a quoted string\n");
  ASSERT_BODY_ERRORS("node a\nnode b\nnode a label=x\n",
                     "<stdin>:4: error: duplicate node 'a'; first defined at line 2\n");
  ASSERT_BODY_ERRORS("cluster c\ncluster c\n",
                     "<stdin>:3: error: duplicate cluster 'c'; first defined at line 2\n");
}
END_TEST

START_TEST(reference_errors)
{
  ASSERT_BODY_ERRORS("node deventer\nedge deventer sibiu\n",
                     "<stdin>:3: error: edge names unknown node 'sibiu'; define it with a node "
                     "line first\n");
  ASSERT_BODY_ERRORS("edge deventer sibiu\nnode deventer\nnode sibiu\n",
                     "<stdin>:2: error: edge names unknown node 'deventer'; define it with a "
                     "node line first\n"
                     "<stdin>:2: error: edge names unknown node 'sibiu'; define it with a node "
                     "line first\n");
  ASSERT_BODY_ERRORS("edge loop loop\n",
                     "<stdin>:2: error: edge names unknown node 'loop'; define it with a node "
                     "line first\n");
  ASSERT_BODY_ERRORS("node a cluster=ro\ncluster ro\n",
                     "<stdin>:2: error: unknown cluster 'ro' in cluster=; define it with a "
                     "cluster line first\n");
  ASSERT_BODY_ERRORS("cluster a parent=b\ncluster b\n",
                     "<stdin>:2: error: unknown cluster 'b' in parent=; define it with a "
                     "cluster line first\n");
  ASSERT_BODY_ERRORS("cluster a parent=a\n",
                     "<stdin>:2: error: unknown cluster 'a' in parent=; define it with a "
                     "cluster line first\n");
}
END_TEST

START_TEST(a_node_with_errors_is_still_known)
{
  /* the bad attribute is reported, the edge naming the node is not */
  ASSERT_BODY_ERRORS("node a colour=red\nedge a a\nnode a\n",
                     "<stdin>:2: error: unknown node attribute 'colour' (did you mean "
                     "'color'?); expected a Graphviz node attribute, see "
                     "https://graphviz.org/doc/info/attrs.html\n"
                     "<stdin>:4: error: duplicate node 'a'; first defined at line 2\n");
}
END_TEST

/* ------------------------------------------------------------ positions */

START_TEST(position_errors)
{
  ASSERT_BODY_ERRORS("node a x=1\n", "<stdin>:2: error: x= without y=; give both or neither\n");
  ASSERT_BODY_ERRORS("node a y=1\n", "<stdin>:2: error: y= without x=; give both or neither\n");
  ASSERT_BODY_ERRORS("node a x=abc y=1\n",
                     "<stdin>:2: error: x='abc' is not a number; expected inches, as 1.5\n");
  ASSERT_BODY_ERRORS("node a x=1 y=2in\n",
                     "<stdin>:2: error: y='2in' is not a number; expected inches, as 1.5\n");
  ASSERT_BODY_ERRORS("node a x=nan y=inf\n",
                     "<stdin>:2: error: x='nan' is not a number; expected inches, as 1.5\n"
                     "<stdin>:2: error: y='inf' is not a number; expected inches, as 1.5\n");
  ASSERT_BODY_ERRORS("node a x=\"\" y=\" 1\"\n",
                     "<stdin>:2: error: x='' is not a number; expected inches, as 1.5\n"
                     "<stdin>:2: error: y=' 1' is not a number; expected inches, as 1.5\n");
  ASSERT_BODY_ERRORS("node a x=1e999 y=0\n",
                     "<stdin>:2: error: x='1e999' is not a number; expected inches, as 1.5\n");
}
END_TEST

/* ------------------------------------------------------------ attributes */

START_TEST(attribute_errors)
{
  ASSERT_BODY_ERRORS("node a fill-color=red\n",
                     "<stdin>:2: error: attribute name 'fill-color' is not a plain identifier; "
                     "expected letters, digits and '_', not starting with a digit\n");
  ASSERT_BODY_ERRORS("node a 2d=x\n",
                     "<stdin>:2: error: attribute name '2d' is not a plain identifier; "
                     "expected letters, digits and '_', not starting with a digit\n");
  ASSERT_BODY_ERRORS("node a =red\n", "<stdin>:2: error: expected key=value, found '=red'\n");
  ASSERT_BODY_ERRORS("node a b\n", "<stdin>:2: error: expected key=value, found 'b'\n");
  ASSERT_BODY_ERRORS("node a \"b c\"\n", "<stdin>:2: error: expected key=value, found '\"b c\"'\n");
  ASSERT_BODY_ERRORS("graph directed\n",
                     "<stdin>:2: error: expected key=value, found 'directed'\n");
  ASSERT_BODY_ERRORS("node a fillcolour=red\n",
                     "<stdin>:2: error: unknown node attribute 'fillcolour' (did you mean "
                     "'fillcolor'?); expected a Graphviz node attribute, see "
                     "https://graphviz.org/doc/info/attrs.html\n");
  ASSERT_BODY_ERRORS("node a url=x\n",
                     "<stdin>:2: error: unknown node attribute 'url' (did you mean 'URL'?); "
                     "expected a Graphviz node attribute, see "
                     "https://graphviz.org/doc/info/attrs.html\n");
  ASSERT_BODY_ERRORS("cluster c parnt=x\n",
                     "<stdin>:2: error: unknown cluster attribute 'parnt' (did you mean "
                     "'parent'?); expected a Graphviz cluster attribute, see "
                     "https://graphviz.org/doc/info/attrs.html\n");
  ASSERT_BODY_ERRORS("node a q=1\n",
                     "<stdin>:2: error: unknown node attribute 'q'; expected a Graphviz node "
                     "attribute, see https://graphviz.org/doc/info/attrs.html\n");
  ASSERT_BODY_ERRORS("node a\nnode b\nedge a b shape=box\n",
                     "<stdin>:4: error: 'shape' is not an attribute of edges; Graphviz takes it "
                     "on nodes only\n");
  ASSERT_BODY_ERRORS("node a rankdir=LR\n",
                     "<stdin>:2: error: 'rankdir' is not an attribute of nodes; Graphviz takes "
                     "it on graphs only\n");
  ASSERT_BODY_ERRORS("cluster c fontsize=8 weight=2\n",
                     "<stdin>:2: error: 'weight' is not an attribute of clusters; Graphviz "
                     "takes it on edges only\n");
  ASSERT_BODY_ERRORS("graph color=red\n",
                     "<stdin>:2: error: 'color' is not an attribute of graphs; Graphviz takes "
                     "it on clusters, nodes and edges only\n");
  ASSERT_BODY_ERRORS("node a layout=dot\n",
                     "<stdin>:2: error: unknown node attribute 'layout'; expected a Graphviz "
                     "node attribute, see https://graphviz.org/doc/info/attrs.html\n");
  ASSERT_BODY_ERRORS("node a pos=\"1,2!\"\n",
                     "<stdin>:2: error: node attribute 'pos' cannot be set: klaverblad-render "
                     "sets it; pin a node with x= and y=, in inches\n");
  ASSERT_BODY_ERRORS("graph inputscale=72\n",
                     "<stdin>:2: error: graph attribute 'inputscale' cannot be set: "
                     "klaverblad-render sets it; give node positions as x= and y= in inches\n");
  ASSERT_BODY_ERRORS("graph bb=\"0,0,1,1\"\n",
                     "<stdin>:2: error: graph attribute 'bb' cannot be set: it is computed by "
                     "the layout\n");
  ASSERT_BODY_ERRORS("node a label=x shape=box label=y\n",
                     "<stdin>:2: error: attribute 'label' is given twice on this line\n");
  ASSERT_BODY_ERRORS("node a x=1 y=2 x=3\n",
                     "<stdin>:2: error: attribute 'x' is given twice on this line\n");
}
END_TEST

START_TEST(graph_line_errors)
{
  ASSERT_BODY_ERRORS("graph layout=dott\n",
                     "<stdin>:2: error: unknown layout 'dott'; expected dot, neato, fdp, sfdp, "
                     "twopi or circo\n");
  ASSERT_BODY_ERRORS("graph directed=yes\n",
                     "<stdin>:2: error: directed='yes' is not true or false; expected true or "
                     "false\n");
  ASSERT_BODY_ERRORS("graph label=a\ncluster c\ngraph label=b\n",
                     "<stdin>:4: error: a second 'graph' line; the graph attributes were set "
                     "at line 2\n");
  ASSERT_BODY_ERRORS("node a\nnode b\ngraph label=b\n",
                     "<stdin>:4: error: 'graph' line after the first node (line 2); the graph "
                     "line must come before any node\n");
  /* paper=: two numbers of inches, each in (0, 100] */
  static const char *const bad_papers[] = { "6.3", "6.3,", ",8", "0,8", "6.3,-1", "6.3,8,1",
                                            "a,b", "100.01,8", "6.3,nan" };
  for (size_t i = 0; i < G_N_ELEMENTS(bad_papers); i++) {
    g_autofree char *body = g_strdup_printf("graph paper=%s\n", bad_papers[i]);
    g_autofree char *want = g_strdup_printf("<stdin>:2: error: paper='%s' is not a paper size; "
                                            "expected WIDTH,HEIGHT in inches, each more than 0 "
                                            "and at most 100, as 6.3,8.66\n", bad_papers[i]);
    ASSERT_BODY_ERRORS(body, want);
  }
}
END_TEST

START_TEST(paper_is_read)
{
  g_autofree char *errors = NULL;
  g_autoptr(KbRenderSpec) spec = parse("klaverblad-render 1\ngraph paper=6.2992,8.6614 "
                                       "label=x\nend\n", &errors);
  ck_assert_str_eq(errors, "");
  ck_assert(spec->has_paper);
  ck_assert_double_eq_tol(spec->paper_w, 6.2992, 1e-9);
  ck_assert_double_eq_tol(spec->paper_h, 8.6614, 1e-9);
  /* paper= is klaverblad-render's own: not handed to Graphviz */
  ck_assert_uint_eq(spec->attrs->len, 1);
  g_free(errors);
  g_autoptr(KbRenderSpec) none = parse("klaverblad-render 1\nend\n", &errors);
  ck_assert(!none->has_paper);
}
END_TEST

START_TEST(every_error_is_reported_in_line_order)
{
  ASSERT_TEXT_ERRORS("klaverblad-render 1\n"
                     "graph layout=dott\n"
                     "nod a\n"
                     "node b x=1\n"
                     "edge b c\n",
                     "<stdin>:2: error: unknown layout 'dott'; expected dot, neato, fdp, sfdp, "
                     "twopi or circo\n"
                     "<stdin>:3: error: unknown statement 'nod'; expected graph, cluster, node, "
                     "edge or end\n"
                     "<stdin>:4: error: x= without y=; give both or neither\n"
                     "<stdin>:5: error: edge names unknown node 'c'; define it with a node line "
                     "first\n"
                     "<stdin>: error: missing 'end' line: the input is truncated\n");
}
END_TEST

START_TEST(errors_stop_after_fifty)
{
  GString *text = g_string_new("klaverblad-render 1\n");
  for (int i = 0; i < 60; i++)
    g_string_append(text, "nod a\n");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(KbRenderSpec) spec = kb_render_spec_parse("map.txt", text->str, text->len, errors);
  g_string_free(text, TRUE);
  ck_assert_ptr_null(spec);
  ck_assert_uint_eq(errors->len, KB_RENDER_MAX_ERRORS + 1);
  ck_assert_str_eq(g_ptr_array_index(errors, 49),
                   "map.txt:51: error: unknown statement 'nod'; expected graph, cluster, node, "
                   "edge or end");
  ck_assert_str_eq(g_ptr_array_index(errors, 50),
                   "map.txt:52: error: too many errors; stopped reading after 50");
}
END_TEST

START_TEST(text_need_not_end_in_nul)
{
  const char text[] = "klaverblad-render 1\nnode a\nendXXXX";
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(KbRenderSpec) spec = kb_render_spec_parse("<stdin>", text, strlen(text) - 4, errors);
  ck_assert_ptr_nonnull(spec);
  ck_assert_uint_eq(errors->len, 0);
}
END_TEST

START_TEST(nul_byte_is_invalid_utf8)
{
  const char text[] = "klaverblad-render 1\nnode a\0b\nend\n";
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(KbRenderSpec) spec = kb_render_spec_parse("<stdin>", text, sizeof text - 1, errors);
  ck_assert_ptr_null(spec);
  ck_assert_uint_eq(errors->len, 1);
  ck_assert_str_eq(g_ptr_array_index(errors, 0),
                   "<stdin>:2: error: invalid UTF-8; expected UTF-8 text");
}
END_TEST

/* -------------------------------------------------------------- layouts */

START_TEST(layouts)
{
  const char *known[] = { "dot", "neato", "fdp", "sfdp", "twopi", "circo" };
  for (gsize i = 0; i < G_N_ELEMENTS(known); i++)
    ck_assert(kb_render_layout_is_known(known[i]));
  ck_assert(!kb_render_layout_is_known("osage"));
  ck_assert(!kb_render_layout_is_known("Dot"));
  ck_assert(!kb_render_layout_is_known(""));
  ck_assert(kb_render_layout_honours_pins("neato"));
  ck_assert(kb_render_layout_honours_pins("fdp"));
  ck_assert(!kb_render_layout_honours_pins("dot"));
  ck_assert(!kb_render_layout_honours_pins("sfdp"));
}
END_TEST

START_TEST(pinned_nodes_need_neato_or_fdp)
{
  g_autofree char *errors = NULL;
  g_autoptr(KbRenderSpec) spec = parse("klaverblad-render 1\n"
                                       "cluster ro\n"
                                       "node free\n"
                                       "node deventer x=0 y=0\n"
                                       "node sibiu x=4 y=2 cluster=ro\n"
                                       "end\n", &errors);
  ck_assert_ptr_nonnull(spec);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);
  ck_assert(kb_render_spec_check_layout(spec, "<stdin>", "neato", list));
  ck_assert_uint_eq(list->len, 0);
  ck_assert(!kb_render_spec_check_layout(spec, "<stdin>", "dot", list));
  ck_assert(!kb_render_spec_check_layout(spec, "<stdin>", "fdp", list));
  ck_assert_uint_eq(list->len, 2);
  ck_assert_str_eq(g_ptr_array_index(list, 0),
                   "<stdin>:4: error: node 'deventer' is pinned with x= and y=, but the dot "
                   "layout ignores positions; use neato or fdp");
  ck_assert_str_eq(g_ptr_array_index(list, 1),
                   "<stdin>:5: error: node 'sibiu' is pinned with x= and y= in cluster 'ro', "
                   "but the fdp layout does not pin nodes in clusters; use neato");

  g_autofree char *errors2 = NULL;
  g_autoptr(KbRenderSpec) unpinned = parse("klaverblad-render 1\nnode a\nend\n", &errors2);
  ck_assert(kb_render_spec_check_layout(unpinned, "<stdin>", "twopi", list));
  g_autofree char *errors3 = NULL;
  g_autoptr(KbRenderSpec) outside = parse("klaverblad-render 1\nnode a x=1 y=1\nend\n", &errors3);
  ck_assert(kb_render_spec_check_layout(outside, "<stdin>", "fdp", list));
  ck_assert_uint_eq(list->len, 2);
}
END_TEST

/* ------------------------------------------------------------------ main */

static Suite *
spec_suite(void)
{
  Suite *s = suite_create("render-spec");
  TCase *valid = tcase_create("valid");
  tcase_add_test(valid, full_map_is_read);
  tcase_add_test(valid, smallest_map_has_defaults);
  tcase_add_test(valid, quoting_and_escapes);
  tcase_add_test(valid, line_ends_byte_order_mark_and_comments);
  tcase_add_test(valid, numbers_for_x_and_y);
  tcase_add_test(valid, self_loops_and_multi_edges_are_kept);
  tcase_add_test(valid, text_need_not_end_in_nul);
  suite_add_tcase(s, valid);
  TCase *errors = tcase_create("errors");
  tcase_add_test(errors, version_line_errors);
  tcase_add_test(errors, end_line_errors);
  tcase_add_test(errors, token_errors);
  tcase_add_test(errors, statement_errors);
  tcase_add_test(errors, id_errors);
  tcase_add_test(errors, reference_errors);
  tcase_add_test(errors, a_node_with_errors_is_still_known);
  tcase_add_test(errors, position_errors);
  tcase_add_test(errors, attribute_errors);
  tcase_add_test(errors, graph_line_errors);
  tcase_add_test(errors, paper_is_read);
  tcase_add_test(errors, every_error_is_reported_in_line_order);
  tcase_add_test(errors, errors_stop_after_fifty);
  tcase_add_test(errors, nul_byte_is_invalid_utf8);
  suite_add_tcase(s, errors);
  TCase *layouts_tc = tcase_create("layouts");
  tcase_add_test(layouts_tc, layouts);
  tcase_add_test(layouts_tc, pinned_nodes_need_neato_or_fdp);
  suite_add_tcase(s, layouts_tc);
  return s;
}

int
main(void)
{
  SRunner *sr = srunner_create(spec_suite());
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? 0 : 1;
}
