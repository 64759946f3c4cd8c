/* spec_attrs.c -- the Graphviz attributes a map description may set, and the
 * checking of a statement's key=value list against them.
 *
 * The table below is the one place that knows which attribute Graphviz takes
 * on which kind of object; the statements (spec_statements.c) pass it their
 * tokens and get back the attributes in input order, every bad one reported
 * with a suggestion where a name is a likely typo. */
#include <string.h>

#include "spec_internal.h"

/* -------------------------------------------------- Graphviz attributes */

#define G ON_GRAPH
#define C ON_CLUSTER
#define N ON_NODE
#define E ON_EDGE

typedef struct {
  const char *name;
  unsigned on;          /* where Graphviz takes it; 0 when never from input */
  const char *refusal;  /* when not NULL: why the input cannot set it */
} AttrInfo;

/* The attributes of Graphviz 2.43 (https://graphviz.org/doc/info/attrs.html),
 * in ASCII order. Names are case-sensitive, as in Graphviz. The write-only
 * attributes, which the layout computes, are refused, and so are those
 * klaverblad-render sets itself. */
static const AttrInfo attr_table[] = {
  { "Damping", G, NULL },
  { "K", G | C, NULL },
  { "URL", G | C | N | E, NULL },
  { "_background", G, NULL },
  { "area", C | N, NULL },
  { "arrowhead", E, NULL },
  { "arrowsize", E, NULL },
  { "arrowtail", E, NULL },
  { "bb", 0, "it is computed by the layout" },
  { "beautify", G, NULL },
  { "bgcolor", G | C, NULL },
  { "center", G, NULL },
  { "charset", G, NULL },
  { "class", G | C | N | E, NULL },
  { "clusterrank", G, NULL },
  { "color", C | N | E, NULL },
  { "colorscheme", G | C | N | E, NULL },
  { "comment", G | N | E, NULL },
  { "compound", G, NULL },
  { "concentrate", G, NULL },
  { "constraint", E, NULL },
  { "decorate", E, NULL },
  { "defaultdist", G, NULL },
  { "dim", G, NULL },
  { "dimen", G, NULL },
  { "dir", E, NULL },
  { "diredgeconstraints", G, NULL },
  { "distortion", N, NULL },
  { "dpi", G, NULL },
  { "edgeURL", E, NULL },
  { "edgehref", E, NULL },
  { "edgetarget", E, NULL },
  { "edgetooltip", E, NULL },
  { "epsilon", G, NULL },
  { "esep", G, NULL },
  { "fillcolor", C | N | E, NULL },
  { "fixedsize", N, NULL },
  { "fontcolor", G | C | N | E, NULL },
  { "fontname", G | C | N | E, NULL },
  { "fontnames", G, NULL },
  { "fontpath", G, NULL },
  { "fontsize", G | C | N | E, NULL },
  { "forcelabels", G, NULL },
  { "gradientangle", G | C | N, NULL },
  { "group", N, NULL },
  { "headURL", E, NULL },
  { "head_lp", 0, "it is computed by the layout" },
  { "headclip", E, NULL },
  { "headhref", E, NULL },
  { "headlabel", E, NULL },
  { "headport", E, NULL },
  { "headtarget", E, NULL },
  { "headtooltip", E, NULL },
  { "height", N, NULL },
  { "href", G | C | N | E, NULL },
  { "id", G | C | N | E, NULL },
  { "image", N, NULL },
  { "imagepath", G, NULL },
  { "imagepos", N, NULL },
  { "imagescale", N, NULL },
  { "inputscale", 0, "klaverblad-render sets it; give node positions as x= and y= in inches" },
  { "label", G | C | N | E, NULL },
  { "labelURL", E, NULL },
  { "label_scheme", G, NULL },
  { "labelangle", E, NULL },
  { "labeldistance", E, NULL },
  { "labelfloat", E, NULL },
  { "labelfontcolor", E, NULL },
  { "labelfontname", E, NULL },
  { "labelfontsize", E, NULL },
  { "labelhref", E, NULL },
  { "labeljust", G | C, NULL },
  { "labelloc", G | C | N, NULL },
  { "labeltarget", E, NULL },
  { "labeltooltip", E, NULL },
  { "landscape", G, NULL },
  { "layer", C | N | E, NULL },
  { "layerlistsep", G, NULL },
  { "layers", G, NULL },
  { "layerselect", G, NULL },
  { "layersep", G, NULL },
  { "len", E, NULL },
  { "levels", G, NULL },
  { "levelsgap", G, NULL },
  { "lhead", E, NULL },
  { "lheight", 0, "it is computed by the layout" },
  { "lp", 0, "it is computed by the layout" },
  { "ltail", E, NULL },
  { "lwidth", 0, "it is computed by the layout" },
  { "margin", G | C | N, NULL },
  { "maxiter", G, NULL },
  { "mclimit", G, NULL },
  { "mindist", G, NULL },
  { "minlen", E, NULL },
  { "mode", G, NULL },
  { "model", G, NULL },
  { "mosek", G, NULL },
  { "newrank", G, NULL },
  { "nodesep", G, NULL },
  { "nojustify", G | C | N | E, NULL },
  { "normalize", G, NULL },
  { "notranslate", G, NULL },
  { "nslimit", G, NULL },
  { "nslimit1", G, NULL },
  { "ordering", G | N, NULL },
  { "orientation", G | N, NULL },
  { "outputorder", G, NULL },
  { "overlap", G, NULL },
  { "overlap_scaling", G, NULL },
  { "overlap_shrink", G, NULL },
  { "pack", G, NULL },
  { "packmode", G, NULL },
  { "pad", G, NULL },
  { "page", G, NULL },
  { "pagedir", G, NULL },
  { "pencolor", C, NULL },
  { "penwidth", C | N | E, NULL },
  { "peripheries", C | N, NULL },
  { "pin", 0, "klaverblad-render sets it; pin a node with x= and y=, in inches" },
  { "pos", 0, "klaverblad-render sets it; pin a node with x= and y=, in inches" },
  { "quadtree", G, NULL },
  { "quantum", G, NULL },
  { "rank", C, NULL },
  { "rankdir", G, NULL },
  { "ranksep", G, NULL },
  { "ratio", G, NULL },
  { "rects", 0, "it is computed by the layout" },
  { "regular", N, NULL },
  { "remincross", G, NULL },
  { "repulsiveforce", G, NULL },
  { "resolution", G, NULL },
  { "root", G | N, NULL },
  { "rotate", G, NULL },
  { "rotation", G, NULL },
  { "samehead", E, NULL },
  { "sametail", E, NULL },
  { "samplepoints", N, NULL },
  { "scale", G, NULL },
  { "searchsize", G, NULL },
  { "sep", G, NULL },
  { "shape", N, NULL },
  { "shapefile", N, NULL },
  { "showboxes", G | N | E, NULL },
  { "sides", N, NULL },
  { "size", G, NULL },
  { "skew", N, NULL },
  { "smoothing", G, NULL },
  { "sortv", G | C | N, NULL },
  { "splines", G, NULL },
  { "start", G, NULL },
  { "style", G | C | N | E, NULL },
  { "stylesheet", G, NULL },
  { "tailURL", E, NULL },
  { "tail_lp", 0, "it is computed by the layout" },
  { "tailclip", E, NULL },
  { "tailhref", E, NULL },
  { "taillabel", E, NULL },
  { "tailport", E, NULL },
  { "tailtarget", E, NULL },
  { "tailtooltip", E, NULL },
  { "target", G | C | N | E, NULL },
  { "tooltip", C | N | E, NULL },
  { "truecolor", G, NULL },
  { "vertices", 0, "it is computed by the layout" },
  { "viewport", G, NULL },
  { "voro_margin", G, NULL },
  { "weight", E, NULL },
  { "width", N, NULL },
  { "xdotversion", G, NULL },
  { "xlabel", N | E, NULL },
  { "xlp", 0, "it is computed by the layout" },
  { "z", N, NULL },
};

#undef G
#undef C
#undef N
#undef E

static const AttrInfo *
attr_info(const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS(attr_table); i++)
    if (strcmp(attr_table[i].name, name) == 0)
      return &attr_table[i];
  return NULL;
}

/* "nodes", "graphs and clusters", "clusters, nodes and edges": the objects
 * in the mask 'on', for messages. */
static char *
objects_phrase(unsigned on)
{
  static const char *const plural[] = { "graphs", "clusters", "nodes", "edges" };
  const char *names[4];
  int n = 0;
  for (int i = 0; i < 4; i++)
    if (on & (1u << i))
      names[n++] = plural[i];
  GString *s = g_string_new(NULL);
  for (int i = 0; i < n; i++) {
    if (i > 0)
      g_string_append(s, i == n - 1 ? " and " : ", ");
    g_string_append(s, names[i]);
  }
  return g_string_free(s, FALSE);
}

/* Edit distance between two ASCII-lowercased names (optimal string
 * alignment: insertions, deletions, substitutions, adjacent swaps). */
static gsize
name_distance(const char *a, const char *b)
{
  gsize la = strlen(a), lb = strlen(b);
  g_autofree gsize *d = g_new(gsize, (la + 1) * (lb + 1));
#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D(i, 0) = i;
  for (gsize j = 0; j <= lb; j++)
    D(0, j) = j;
  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++) {
      gsize cost = g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 1]) ? 0 : 1;
      gsize best = MIN(D(i - 1, j) + 1, D(i, j - 1) + 1);
      best = MIN(best, D(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 2]) &&
          g_ascii_tolower(a[i - 2]) == g_ascii_tolower(b[j - 1]))
        best = MIN(best, D(i - 2, j - 2) + 1);
      D(i, j) = best;
    }
  gsize result = D(la, lb);
#undef D
  return result;
}

/* The attribute name nearest to 'name' that the statement takes (a Graphviz
 * attribute for 'on', or one of 'specials'), when one is near enough to be
 * a likely typo; NULL otherwise. Borrowed. */
static const char *
suggest_name(const char *name, unsigned on, const char *const *specials)
{
  const char *best = NULL;
  gsize best_d = G_MAXSIZE, len = strlen(name);
  gsize limit = len <= 3 ? 1 : 2;
  for (gsize i = 0; specials[i]; i++) {
    gsize d = name_distance(name, specials[i]);
    if (d < best_d) {
      best_d = d;
      best = specials[i];
    }
  }
  for (gsize i = 0; i < G_N_ELEMENTS(attr_table); i++) {
    if (!(attr_table[i].on & on))
      continue;
    gsize d = name_distance(name, attr_table[i].name);
    if (d < best_d) {
      best_d = d;
      best = attr_table[i].name;
    }
  }
  return best_d <= limit && best_d < len ? best : NULL;
}

/* ----------------------------------------------------------- attributes */

static void
attr_clear(gpointer p)
{
  KbRenderAttr *a = p;
  g_free(a->name);
  g_free(a->value);
}

GArray *
kb_render_i_attrs_new(void)
{
  GArray *attrs = g_array_new(FALSE, TRUE, sizeof(KbRenderAttr));
  g_array_set_clear_func(attrs, attr_clear);
  return attrs;
}

static gboolean
is_identifier(const char *s)
{
  if (!g_ascii_isalpha(*s) && *s != '_')
    return FALSE;
  for (s++; *s; s++)
    if (!g_ascii_isalnum(*s) && *s != '_')
      return FALSE;
  return TRUE;
}

/* Checks tokens[from..n) as the key=value attributes of a statement about
 * an object of kind 'on' ("graph", "cluster", "node" or "edge" in 'kind'),
 * whose own keys are 'specials' (NULL-terminated), and appends them to
 * 'attrs' in order. Reports every bad one and returns FALSE if any was. */
gboolean
kb_render_i_collect_attrs(KbRenderParser *ps, const char *kind, unsigned on,
                          const char *const *specials, const KbRenderToken *tokens, guint from,
                          guint n, GArray *attrs)
{
  gboolean ok = TRUE;
  for (guint i = from; i < n; i++) {
    const KbRenderToken *t = &tokens[i];
    if (t->key == NULL || *t->key == '\0') {
      g_autofree char *text = kb_render_i_token_text(t);
      kb_render_i_report(ps, ps->line, "expected key=value, found '%s'", text);
      ok = FALSE;
      continue;
    }
    if (!is_identifier(t->key)) {
      kb_render_i_report(ps, ps->line,
                         "attribute name '%s' is not a plain identifier; expected letters, digits "
                         "and '_', not starting with a digit", t->key);
      ok = FALSE;
      continue;
    }
    gboolean special = FALSE;
    for (gsize k = 0; specials[k]; k++)
      if (strcmp(t->key, specials[k]) == 0)
        special = TRUE;
    const AttrInfo *info = special ? NULL : attr_info(t->key);
    if (!special && info != NULL && info->refusal != NULL) {
      kb_render_i_report(ps, ps->line,
                         "%s attribute '%s' cannot be set: %s", kind, t->key, info->refusal);
      ok = FALSE;
      continue;
    }
    if (!special && (info == NULL || !(info->on & on))) {
      if (info != NULL) {
        g_autofree char *where = objects_phrase(info->on);
        kb_render_i_report(ps, ps->line,
                           "'%s' is not an attribute of %ss; Graphviz takes it on %s only",
                           t->key, kind, where);
      } else {
        const char *near = suggest_name(t->key, on, specials);
        g_autofree char *hint = near ? g_strdup_printf(" (did you mean '%s'?)", near)
                                     : g_strdup("");
        kb_render_i_report(ps, ps->line,
                           "unknown %s attribute '%s'%s; expected a Graphviz %s attribute, see "
                           "https://graphviz.org/doc/info/attrs.html", kind, t->key, hint, kind);
      }
      ok = FALSE;
      continue;
    }
    gboolean repeated = FALSE;
    for (guint j = from; j < i; j++)
      if (tokens[j].key != NULL && strcmp(tokens[j].key, t->key) == 0)
        repeated = TRUE;
    if (repeated) {
      kb_render_i_report(ps, ps->line, "attribute '%s' is given twice on this line", t->key);
      ok = FALSE;
      continue;
    }
    KbRenderAttr a = { g_strdup(t->key), g_strdup(t->value) };
    g_array_append_val(attrs, a);
  }
  return ok;
}

/* Removes the attribute 'name' from 'attrs' and returns its value (new), or
 * NULL when it is not there. */
char *
kb_render_i_take_attr(GArray *attrs, const char *name)
{
  for (guint i = 0; i < attrs->len; i++) {
    KbRenderAttr *a = &g_array_index(attrs, KbRenderAttr, i);
    if (strcmp(a->name, name) == 0) {
      char *value = g_steal_pointer(&a->value);
      g_array_remove_index(attrs, i);
      return value;
    }
  }
  return NULL;
}
