/* spec.c -- parsing the text format of klaverblad-render into a KbRenderSpec.
 *
 * The input is read line by line. Each line is split into tokens: a plain
 * token (a keyword or an id, bare or quoted) or key=value, the value bare or
 * quoted. Statements are checked as they come, against what came before
 * (nodes and clusters must be defined before use), and every error is
 * reported with its line; a line with an error is skipped as a whole. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "spec.h"

/* -------------------------------------------------- Graphviz attributes */

/* The objects an attribute applies to, as in Graphviz's attribute table. */
enum {
  ON_GRAPH = 1 << 0,
  ON_CLUSTER = 1 << 1,
  ON_NODE = 1 << 2,
  ON_EDGE = 1 << 3
};
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

/* ------------------------------------------------------------ lifecycle */

static void
attr_clear(gpointer p)
{
  KbRenderAttr *a = p;
  g_free(a->name);
  g_free(a->value);
}

static GArray *
attrs_new(void)
{
  GArray *attrs = g_array_new(FALSE, TRUE, sizeof(KbRenderAttr));
  g_array_set_clear_func(attrs, attr_clear);
  return attrs;
}

static void
cluster_clear(gpointer p)
{
  KbRenderCluster *c = p;
  g_free(c->id);
  g_array_unref(c->attrs);
}

static void
node_clear(gpointer p)
{
  KbRenderNode *n = p;
  g_free(n->id);
  g_array_unref(n->attrs);
}

static void
edge_clear(gpointer p)
{
  KbRenderEdge *e = p;
  g_array_unref(e->attrs);
}

static KbRenderSpec *
spec_new(void)
{
  KbRenderSpec *spec = g_new0(KbRenderSpec, 1);
  spec->attrs = attrs_new();
  spec->clusters = g_array_new(FALSE, TRUE, sizeof(KbRenderCluster));
  g_array_set_clear_func(spec->clusters, cluster_clear);
  spec->nodes = g_array_new(FALSE, TRUE, sizeof(KbRenderNode));
  g_array_set_clear_func(spec->nodes, node_clear);
  spec->edges = g_array_new(FALSE, TRUE, sizeof(KbRenderEdge));
  g_array_set_clear_func(spec->edges, edge_clear);
  return spec;
}

void
kb_render_spec_free(KbRenderSpec *spec)
{
  if (spec == NULL)
    return;
  g_free(spec->layout);
  g_array_unref(spec->attrs);
  g_array_unref(spec->clusters);
  g_array_unref(spec->nodes);
  g_array_unref(spec->edges);
  g_free(spec);
}

/* ------------------------------------------------------------- messages */

typedef struct {
  const char *source;
  GPtrArray *errors;
  guint n_errors;
  gboolean stopped;         /* too many errors: reading has stopped */
  unsigned line;            /* the line being read */
  KbRenderSpec *spec;
  GHashTable *node_index;   /* id -> index + 1 */
  GHashTable *cluster_index;
} Parser;

/* Reports an error on the current line (on no line when 'line' is 0). After
 * KB_RENDER_MAX_ERRORS errors, says that reading stops, and stops. */
static void report(Parser *ps, unsigned line, const char *format, ...) G_GNUC_PRINTF(3, 4);

static void
report(Parser *ps, unsigned line, const char *format, ...)
{
  if (ps->stopped)
    return;
  g_autofree char *where = line > 0 ? g_strdup_printf("%s:%u", ps->source, line)
                                    : g_strdup(ps->source);
  if (ps->n_errors == KB_RENDER_MAX_ERRORS) {
    g_ptr_array_add(ps->errors,
                    g_strdup_printf("%s: error: too many errors; stopped reading after %d",
                                    where, KB_RENDER_MAX_ERRORS));
    ps->stopped = TRUE;
    return;
  }
  va_list ap;
  va_start(ap, format);
  g_autofree char *text = g_strdup_vprintf(format, ap);
  va_end(ap);
  g_ptr_array_add(ps->errors, g_strdup_printf("%s: error: %s", where, text));
  ps->n_errors++;
}

/* --------------------------------------------------------------- tokens */

typedef struct {
  char *key;            /* before '=', or NULL for a plain token */
  char *value;          /* the plain token, or the value after '=' */
  gboolean quoted;      /* the plain token or value was in quotes */
} Token;

static void
token_clear(gpointer p)
{
  Token *t = p;
  g_free(t->key);
  g_free(t->value);
}

static gboolean
is_blank(char c)
{
  return c == ' ' || c == '\t';
}

/* Reads a quoted string, *pp at its opening quote, into 'out', resolving
 * \", \\ and \n; leaves *pp after the closing quote. 'what' names it in
 * messages ("value" or "id"). Returns FALSE, having reported, when the
 * string is malformed. */
static gboolean
read_quoted(Parser *ps, const char **pp, const char *end, const char *what, GString *out)
{
  const char *p = *pp + 1;
  for (;;) {
    if (p == end) {
      report(ps, ps->line, "unterminated quoted %s", what);
      return FALSE;
    }
    if (*p == '"')
      break;
    if (*p == '\\') {
      if (p + 1 == end) {
        report(ps, ps->line, "unterminated quoted %s", what);
        return FALSE;
      }
      char c = p[1];
      if (c == '"' || c == '\\')
        g_string_append_c(out, c);
      else if (c == 'n')
        g_string_append_c(out, '\n');
      else {
        const char *next = g_utf8_next_char(p + 1);
        report(ps, ps->line, "unknown escape '\\%.*s' in a quoted %s; expected \\\", \\\\ or \\n",
               (int) (next - (p + 1)), p + 1, what);
        return FALSE;
      }
      p += 2;
      continue;
    }
    g_string_append_c(out, *p++);
  }
  p++;
  if (p < end && !is_blank(*p)) {
    report(ps, ps->line, "text after a closing quote; expected a space or the end of the line");
    return FALSE;
  }
  *pp = p;
  return TRUE;
}

/* Splits line[0..end) into tokens. Returns FALSE, having reported, when the
 * line is malformed. */
static gboolean
tokenize(Parser *ps, const char *p, const char *end, GArray *tokens)
{
  g_autoptr(GString) buf = g_string_new(NULL);
  for (;;) {
    while (p < end && is_blank(*p))
      p++;
    if (p == end)
      return TRUE;
    Token t = { NULL, NULL, FALSE };
    g_string_truncate(buf, 0);
    if (*p == '"') {
      if (!read_quoted(ps, &p, end, "id", buf))
        return FALSE;
      t.value = g_strdup(buf->str);
      t.quoted = TRUE;
      g_array_append_val(tokens, t);
      continue;
    }
    const char *tok = p, *start = p;
    while (p < end && !is_blank(*p) && *p != '=' && *p != '"')
      p++;
    if (p < end && *p == '=') {
      t.key = g_strndup(start, p - start);
      p++;
      if (p < end && *p == '"') {
        if (!read_quoted(ps, &p, end, "value", buf)) {
          g_free(t.key);
          return FALSE;
        }
        t.value = g_strdup(buf->str);
        t.quoted = TRUE;
        g_array_append_val(tokens, t);
        continue;
      }
      const char *vstart = p;
      while (p < end && !is_blank(*p) && *p != '"')
        p++;
      if (p == vstart && (p == end || is_blank(*p))) {
        report(ps, ps->line, "missing value after '%s='; write %s=\"\" for an empty value",
               t.key, t.key);
        g_free(t.key);
        return FALSE;
      }
      start = vstart;
    }
    if (p < end && *p == '"') {
      const char *stop = p;
      while (stop < end && !is_blank(*stop))
        stop++;
      report(ps, ps->line,
             "unexpected '\"' inside '%.*s'; a quoted value starts right after '='",
             (int) (stop - tok), tok);
      g_free(t.key);
      return FALSE;
    }
    t.value = g_strndup(start, p - start);
    g_array_append_val(tokens, t);
  }
}

/* A token as the user wrote it, near enough for a message. */
static char *
token_text(const Token *t)
{
  g_autofree char *value = t->quoted ? g_strdup_printf("\"%s\"", t->value) : g_strdup(t->value);
  return t->key != NULL ? g_strdup_printf("%s=%s", t->key, value) : g_steal_pointer(&value);
}

/* ----------------------------------------------------------- attributes */

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
static gboolean
collect_attrs(Parser *ps, const char *kind, unsigned on, const char *const *specials,
              const Token *tokens, guint from, guint n, GArray *attrs)
{
  gboolean ok = TRUE;
  for (guint i = from; i < n; i++) {
    const Token *t = &tokens[i];
    if (t->key == NULL || *t->key == '\0') {
      g_autofree char *text = token_text(t);
      report(ps, ps->line, "expected key=value, found '%s'", text);
      ok = FALSE;
      continue;
    }
    if (!is_identifier(t->key)) {
      report(ps, ps->line,
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
      report(ps, ps->line, "%s attribute '%s' cannot be set: %s", kind, t->key, info->refusal);
      ok = FALSE;
      continue;
    }
    if (!special && (info == NULL || !(info->on & on))) {
      if (info != NULL) {
        g_autofree char *where = objects_phrase(info->on);
        report(ps, ps->line, "'%s' is not an attribute of %ss; Graphviz takes it on %s only",
               t->key, kind, where);
      } else {
        const char *near = suggest_name(t->key, on, specials);
        g_autofree char *hint = near ? g_strdup_printf(" (did you mean '%s'?)", near)
                                     : g_strdup("");
        report(ps, ps->line,
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
      report(ps, ps->line, "attribute '%s' is given twice on this line", t->key);
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
static char *
take_attr(GArray *attrs, const char *name)
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
take_id(Parser *ps, const Token *tokens, guint n, guint i, const char *what, const char *usage)
{
  if (i >= n || tokens[i].key != NULL) {
    report(ps, ps->line, "%s; expected %s", what, usage);
    return NULL;
  }
  const Token *t = &tokens[i];
  if (t->quoted) {
    if (*t->value == '\0') {
      report(ps, ps->line, "empty id; expected at least one character between the quotes");
      return NULL;
    }
    return t->value;
  }
  for (const char *s = t->value; *s; s = g_utf8_next_char(s))
    if (!is_id_char(g_utf8_get_char(s))) {
      report(ps, ps->line,
             "invalid id '%s'; expected letters, digits, '_', '-', '.' and ':', or a "
             "quoted string", t->value);
      return NULL;
    }
  return t->value;
}

static int
cluster_lookup(Parser *ps, const char *id)
{
  gpointer v = g_hash_table_lookup(ps->cluster_index, id);
  return v ? GPOINTER_TO_INT(v) - 1 : -1;
}

static int
node_lookup(Parser *ps, const char *id)
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
parse_graph(Parser *ps, const Token *tokens, guint n)
{
  static const char *const specials[] = { "layout", "directed", "paper", NULL };
  KbRenderSpec *spec = ps->spec;
  if (spec->graph_line != 0) {
    report(ps, ps->line, "a second 'graph' line; the graph attributes were set at line %u",
           spec->graph_line);
    return;
  }
  if (spec->nodes->len > 0) {
    report(ps, ps->line,
           "'graph' line after the first node (line %u); the graph line must come before "
           "any node", g_array_index(spec->nodes, KbRenderNode, 0).line);
    return;
  }
  g_autoptr(GArray) attrs = attrs_new();
  gboolean ok = collect_attrs(ps, "graph", ON_GRAPH, specials, tokens, 1, n, attrs);
  g_autofree char *layout = take_attr(attrs, "layout");
  g_autofree char *directed = take_attr(attrs, "directed");
  g_autofree char *paper = take_attr(attrs, "paper");
  double paper_w = 0, paper_h = 0;
  if (paper != NULL && !parse_paper(paper, &paper_w, &paper_h)) {
    report(ps, ps->line,
           "paper='%s' is not a paper size; expected WIDTH,HEIGHT in inches, each more than 0 "
           "and at most %d, as 6.3,8.66", paper, KB_RENDER_MAX_PAPER);
    ok = FALSE;
  }
  if (layout != NULL && !kb_render_layout_is_known(layout)) {
    report(ps, ps->line,
           "unknown layout '%s'; expected dot, neato, fdp, sfdp, twopi or circo", layout);
    ok = FALSE;
  }
  if (directed != NULL && strcmp(directed, "true") != 0 && strcmp(directed, "false") != 0) {
    report(ps, ps->line, "directed='%s' is not true or false; expected true or false",
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
parse_cluster(Parser *ps, const Token *tokens, guint n)
{
  static const char *const specials[] = { "parent", NULL };
  const char *id = take_id(ps, tokens, n, 1, "a cluster needs an id",
                           "cluster ID key=value...");
  if (id == NULL)
    return;
  int prior = cluster_lookup(ps, id);
  if (prior >= 0) {
    report(ps, ps->line, "duplicate cluster '%s'; first defined at line %u", id,
           g_array_index(ps->spec->clusters, KbRenderCluster, prior).line);
    return;
  }
  /* From here on the cluster is kept even when the line has errors (the
   * spec is then dropped), so that lines naming it are not reported too. */
  g_autoptr(GArray) attrs = attrs_new();
  collect_attrs(ps, "cluster", ON_CLUSTER, specials, tokens, 2, n, attrs);
  g_autofree char *parent_id = take_attr(attrs, "parent");
  int parent = -1;
  if (parent_id != NULL) {
    parent = cluster_lookup(ps, parent_id);
    if (parent < 0)
      report(ps, ps->line,
             "unknown cluster '%s' in parent=; define it with a cluster line first", parent_id);
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
parse_node(Parser *ps, const Token *tokens, guint n)
{
  static const char *const specials[] = { "cluster", "x", "y", NULL };
  const char *id = take_id(ps, tokens, n, 1, "a node needs an id", "node ID key=value...");
  if (id == NULL)
    return;
  int prior = node_lookup(ps, id);
  if (prior >= 0) {
    report(ps, ps->line, "duplicate node '%s'; first defined at line %u", id,
           g_array_index(ps->spec->nodes, KbRenderNode, prior).line);
    return;
  }
  /* From here on the node is kept even when the line has errors (the spec
   * is then dropped), so that lines naming it are not reported too. */
  g_autoptr(GArray) attrs = attrs_new();
  collect_attrs(ps, "node", ON_NODE, specials, tokens, 2, n, attrs);
  g_autofree char *cluster_id = take_attr(attrs, "cluster");
  g_autofree char *x = take_attr(attrs, "x");
  g_autofree char *y = take_attr(attrs, "y");
  int cluster = -1;
  if (cluster_id != NULL) {
    cluster = cluster_lookup(ps, cluster_id);
    if (cluster < 0)
      report(ps, ps->line,
             "unknown cluster '%s' in cluster=; define it with a cluster line first",
             cluster_id);
  }
  KbRenderNode node = { NULL, ps->line, cluster, FALSE, 0.0, 0.0, NULL };
  if (x != NULL && y == NULL)
    report(ps, ps->line, "x= without y=; give both or neither");
  else if (y != NULL && x == NULL)
    report(ps, ps->line, "y= without x=; give both or neither");
  else if (x != NULL) {
    if (!parse_inches(x, &node.x))
      report(ps, ps->line, "x='%s' is not a number; expected inches, as 1.5", x);
    if (!parse_inches(y, &node.y))
      report(ps, ps->line, "y='%s' is not a number; expected inches, as 1.5", y);
    node.pinned = TRUE;
  }
  node.id = g_strdup(id);
  node.attrs = g_steal_pointer(&attrs);
  g_array_append_val(ps->spec->nodes, node);
  g_hash_table_insert(ps->node_index, g_strdup(id),
                      GINT_TO_POINTER((int) ps->spec->nodes->len));
}

static void
parse_edge(Parser *ps, const Token *tokens, guint n)
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
    report(ps, ps->line, "edge names unknown node '%s'; define it with a node line first",
           from_id);
    ok = FALSE;
  }
  if (to < 0 && (from >= 0 || strcmp(from_id, to_id) != 0)) {
    report(ps, ps->line, "edge names unknown node '%s'; define it with a node line first",
           to_id);
    ok = FALSE;
  }
  g_autoptr(GArray) attrs = attrs_new();
  if (!collect_attrs(ps, "edge", ON_EDGE, specials, tokens, 3, n, attrs) || !ok)
    return;
  KbRenderEdge e = { (guint) from, (guint) to, ps->line, g_steal_pointer(&attrs) };
  g_array_append_val(ps->spec->edges, e);
}

/* ------------------------------------------------------------- the text */

/* The words of a line, split at blanks. */
static char **
split_words(const char *p, const char *end)
{
  GPtrArray *words = g_ptr_array_new();
  while (p < end) {
    while (p < end && is_blank(*p))
      p++;
    const char *start = p;
    while (p < end && !is_blank(*p))
      p++;
    if (p > start)
      g_ptr_array_add(words, g_strndup(start, p - start));
  }
  g_ptr_array_add(words, NULL);
  return (char **) g_ptr_array_free(words, FALSE);
}

/* Checks the version line. Returns FALSE, having reported, when it is not
 * "klaverblad-render 1". */
static gboolean
check_version(Parser *ps, const char *p, const char *end)
{
  g_auto(GStrv) words = split_words(p, end);
  g_autofree char *expected = g_strdup_printf("%d", KB_RENDER_FORMAT_VERSION);
  if (g_strv_length(words) == 2 && strcmp(words[0], "klaverblad-render") == 0) {
    if (strcmp(words[1], expected) == 0)
      return TRUE;
    report(ps, ps->line, "unsupported format version '%s'; expected 'klaverblad-render %d'",
           words[1], KB_RENDER_FORMAT_VERSION);
    return FALSE;
  }
  report(ps, ps->line, "expected 'klaverblad-render %d'", KB_RENDER_FORMAT_VERSION);
  return FALSE;
}

/* Parses one statement line (not blank, not a comment). Sets *end_seen when
 * it is the 'end' line. */
static void
parse_statement(Parser *ps, const char *p, const char *end, gboolean *end_seen)
{
  g_autoptr(GArray) tokens = g_array_new(FALSE, TRUE, sizeof(Token));
  g_array_set_clear_func(tokens, token_clear);
  if (!tokenize(ps, p, end, tokens))
    return;
  const Token *t = (const Token *) tokens->data;
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
      g_autofree char *text = token_text(&t[1]);
      report(ps, ps->line, "'end' takes nothing after it; found '%s'", text);
    }
    *end_seen = TRUE;
  } else {
    g_autofree char *text = token_text(&t[0]);
    report(ps, ps->line, "unknown statement '%s'; expected graph, cluster, node, edge or end",
           text);
  }
}

KbRenderSpec *
kb_render_spec_parse(const char *source, const char *text, gsize len, GPtrArray *errors)
{
  g_return_val_if_fail(source != NULL, NULL);
  g_return_val_if_fail(text != NULL || len == 0, NULL);
  g_return_val_if_fail(errors != NULL, NULL);

  g_autoptr(KbRenderSpec) spec = spec_new();
  g_autoptr(GHashTable) node_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) cluster_index =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  Parser ps = { source, errors, 0, FALSE, 0, spec, node_index, cluster_index };

  const char *p = text, *end = text + len;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;                                   /* a UTF-8 byte-order mark */
  gboolean version_seen = FALSE, end_seen = FALSE;
  while (p < end && !ps.stopped) {
    const char *eol = memchr(p, '\n', end - p);
    const char *line_end = eol ? eol : end;
    const char *next = eol ? eol + 1 : end;
    ps.line++;
    if (line_end > p && line_end[-1] == '\r')
      line_end--;
    const char *s = p;
    p = next;
    if (!g_utf8_validate(s, line_end - s, NULL)) {
      report(&ps, ps.line, "invalid UTF-8; expected UTF-8 text");
      if (!version_seen)
        break;
      continue;
    }
    while (s < line_end && is_blank(*s))
      s++;
    if (s == line_end || *s == '#')
      continue;
    if (!version_seen) {
      if (!check_version(&ps, s, line_end))
        break;                  /* not this format: the rest means nothing */
      version_seen = TRUE;
      continue;
    }
    if (end_seen) {
      report(&ps, ps.line, "text after 'end'; 'end' must be the last line");
      break;
    }
    parse_statement(&ps, s, line_end, &end_seen);
  }
  if (!version_seen && ps.n_errors == 0)
    report(&ps, 0, "the input is empty; expected 'klaverblad-render %d'",
           KB_RENDER_FORMAT_VERSION);
  else if (version_seen && !end_seen && !ps.stopped)
    report(&ps, 0, "missing 'end' line: the input is truncated");
  if (ps.n_errors > 0)
    return NULL;
  return g_steal_pointer(&spec);
}

/* -------------------------------------------------------------- layouts */

gboolean
kb_render_layout_is_known(const char *name)
{
  static const char *const layouts[] = { "dot", "neato", "fdp", "sfdp", "twopi", "circo" };
  g_return_val_if_fail(name != NULL, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS(layouts); i++)
    if (strcmp(name, layouts[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
kb_render_layout_honours_pins(const char *layout)
{
  g_return_val_if_fail(layout != NULL, FALSE);
  return strcmp(layout, "neato") == 0 || strcmp(layout, "fdp") == 0;
}

const char *
kb_render_spec_layout(const KbRenderSpec *spec, const char *override)
{
  g_return_val_if_fail(spec != NULL, NULL);
  if (override != NULL)
    return override;
  return spec->layout != NULL ? spec->layout : KB_RENDER_DEFAULT_LAYOUT;
}

gboolean
kb_render_spec_check_layout(const KbRenderSpec *spec, const char *source, const char *layout,
                            GPtrArray *errors)
{
  g_return_val_if_fail(spec != NULL && source != NULL && layout != NULL, FALSE);
  g_return_val_if_fail(errors != NULL, FALSE);
  gboolean fdp = strcmp(layout, "fdp") == 0;
  for (guint i = 0; i < spec->nodes->len; i++) {
    const KbRenderNode *node = &g_array_index(spec->nodes, KbRenderNode, i);
    if (!node->pinned)
      continue;
    if (!kb_render_layout_honours_pins(layout)) {
      g_ptr_array_add(errors,
                      g_strdup_printf("%s:%u: error: node '%s' is pinned with x= and y=, but "
                                      "the %s layout ignores positions; use neato or fdp",
                                      source, node->line, node->id, layout));
      return FALSE;
    }
    if (fdp && node->cluster >= 0) {
      const KbRenderCluster *c = &g_array_index(spec->clusters, KbRenderCluster, node->cluster);
      g_ptr_array_add(errors,
                      g_strdup_printf("%s:%u: error: node '%s' is pinned with x= and y= in "
                                      "cluster '%s', but the fdp layout does not pin nodes "
                                      "in clusters; use neato", source, node->line, node->id,
                                      c->id));
      return FALSE;
    }
  }
  return TRUE;
}
