/* draw.c -- building a cgraph graph from a KbRenderSpec, laying it out and
 * rendering it to memory. The only file of klaverblad-render that sees
 * Graphviz's types.
 *
 * The order Graphviz needs is kept by one struct, Drawing, whose cleanup
 * undoes the steps in reverse: gvContext -> agopen -> (build) -> gvLayout ->
 * gvRenderData -> gvFreeRenderData -> gvFreeLayout -> agclose ->
 * gvFreeContext. The rendered bytes are copied out of Graphviz's buffer
 * before it is freed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>

#include "draw.h"

G_DEFINE_QUARK(kb-render-error-quark, kb_render_error)

/* ------------------------------------------------------------- formats */

static const char *const format_names[] = {
  [KB_RENDER_FORMAT_SVG] = "svg",
  [KB_RENDER_FORMAT_PNG] = "png",
  [KB_RENDER_FORMAT_PDF] = "pdf",
  [KB_RENDER_FORMAT_DOT] = "dot",
  [KB_RENDER_FORMAT_POSITIONS] = "positions",
};

gboolean
kb_render_format_parse(const char *name, KbRenderFormat *format)
{
  g_return_val_if_fail(name != NULL && format != NULL, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS(format_names); i++)
    if (strcmp(name, format_names[i]) == 0) {
      *format = (KbRenderFormat) i;
      return TRUE;
    }
  return FALSE;
}

const char *
kb_render_format_name(KbRenderFormat format)
{
  g_return_val_if_fail((gsize) format < G_N_ELEMENTS(format_names), NULL);
  return format_names[format];
}

/* --------------------------------------------------- Graphviz's messages */

/* Graphviz reports through agerr(), which calls one global handler with no
 * user data, in pieces: "Error" or "Warning", ": ", then the text, which
 * ends with a newline; a continuation has no prefix. The pieces are joined
 * here into one entry per message, "Error: ..." or "Warning: ...". */
static GString *gv_pending;      /* the message being written, not yet a whole line */
static GPtrArray *gv_messages;   /* whole messages */

static void
capture_line(const char *line)
{
  if (*line == '\0')
    return;
  if (!g_str_has_prefix(line, "Error: ") && !g_str_has_prefix(line, "Warning: ") &&
      gv_messages->len > 0) {
    /* a continuation of the message before */
    char *prev = g_ptr_array_index(gv_messages, gv_messages->len - 1);
    gv_messages->pdata[gv_messages->len - 1] = g_strdup_printf("%s %s", prev, line);
    g_free(prev);
    return;
  }
  g_ptr_array_add(gv_messages, g_strdup(line));
}

static int
capture_message(char *text)
{
  g_string_append(gv_pending, text);
  char *nl;
  while ((nl = strchr(gv_pending->str, '\n')) != NULL) {
    *nl = '\0';
    capture_line(g_strstrip(gv_pending->str));
    g_string_erase(gv_pending, 0, nl - gv_pending->str + 1);
  }
  return 0;
}

/* Starts capturing Graphviz's messages. Returns the handler to restore. */
static agusererrf
capture_begin(void)
{
  gv_pending = g_string_new(NULL);
  gv_messages = g_ptr_array_new_with_free_func(g_free);
  return agseterrf(capture_message);
}

/* Stops capturing and returns the messages captured, new. */
static GPtrArray *
capture_end(agusererrf previous)
{
  agseterrf(previous);
  capture_line(g_strstrip(gv_pending->str));
  g_string_free(gv_pending, TRUE);
  gv_pending = NULL;
  return g_steal_pointer(&gv_messages);
}

/* "Graphviz said: A; B", from the captured errors (or, when Graphviz gave
 * none, its warnings), without their "Error: " prefixes. */
static char *
graphviz_said(const GPtrArray *messages)
{
  GString *s = g_string_new(NULL);
  for (int pass = 0; pass < 2 && s->len == 0; pass++) {
    const char *prefix = pass == 0 ? "Error: " : "Warning: ";
    for (guint i = 0; i < messages->len; i++) {
      const char *m = g_ptr_array_index(messages, i);
      if (!g_str_has_prefix(m, prefix))
        continue;
      g_string_append(s, s->len == 0 ? "Graphviz said: " : "; ");
      g_string_append(s, m + strlen(prefix));
    }
  }
  if (s->len == 0)
    g_string_append(s, "Graphviz gave no reason");
  return g_string_free(s, FALSE);
}

/* ---------------------------------------------------- Graphviz lifecycle */

typedef struct {
  GVC_t *gvc;
  Agraph_t *graph;
  gboolean layout_tried;       /* gvLayout was called: gvFreeLayout is due */
  Agraph_t **clusters;         /* by index in the spec's clusters, borrowed */
  Agnode_t **nodes;            /* by index in the spec's nodes, borrowed */
} Drawing;

static void
drawing_free(Drawing *d)
{
  if (d->layout_tried)
    gvFreeLayout(d->gvc, d->graph);
  if (d->graph != NULL)
    agclose(d->graph);
  if (d->gvc != NULL)
    gvFreeContext(d->gvc);
  g_free(d->clusters);
  g_free(d->nodes);
  g_free(d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Drawing, drawing_free)

/* Graphviz 2.43 takes char * where it only reads. */
static char *
gv_str(const char *s)
{
  return (char *) s;
}

/* TRUE when this Graphviz has an output plugin ("device") for 'name'. */
static gboolean
device_available(GVC_t *gvc, const char *name)
{
  int n = 0;
  char **list = gvPluginList(gvc, "device", &n, NULL);
  gboolean found = FALSE;
  for (int i = 0; i < n; i++) {
    if (strcmp(list[i], name) == 0)
      found = TRUE;
    free(list[i]);
  }
  free(list);
  return found;
}

/* ---------------------------------------------------------------- paper */

/* The resolution of a PNG drawn for paper=: 300 dots an inch, less only
 * where that would pass cairo's 32767 pixels a side. */
static double
paper_dpi(const KbRenderSpec *spec)
{
  return MIN(300.0, 32000.0 / MAX(spec->paper_w, spec->paper_h));
}

/* Makes the drawing the size of the paper: the bounding box is widened
 * (equally left and right) and lengthened (downwards, so that the title
 * stays on top) to the paper's size, in points; a drawing larger than the
 * paper is first widened or lengthened to the paper's proportions and then
 * scaled down to it, with a warning, since its text then comes out smaller
 * than it was set. */
static void
fit_to_paper(Drawing *d, const KbRenderSpec *spec, const char *source, GPtrArray *warnings)
{
  Agraph_t *g = d->graph;
  double pw = spec->paper_w * 72.0, ph = spec->paper_h * 72.0;
  boxf bb = GD_bb(g);
  double w = bb.UR.x - bb.LL.x, h = bb.UR.y - bb.LL.y;
  double scale = MIN(1.0, MIN(pw / MAX(w, 1e-9), ph / MAX(h, 1e-9)));
  double nw = pw / scale, nh = ph / scale;
  bb.LL.x -= (nw - w) / 2;
  bb.UR.x = bb.LL.x + nw;
  bb.LL.y = bb.UR.y - nh;
  GD_bb(g) = bb;
  /* the size Graphviz scales the drawing down to, in points */
  GD_drawing(g)->size.x = pw;
  GD_drawing(g)->size.y = ph;
  GD_drawing(g)->filled = FALSE;
  if (scale < 1.0 && warnings != NULL) {
    char b[3][G_ASCII_DTOSTR_BUF_SIZE];
    g_ptr_array_add(warnings,
                    g_strdup_printf("%s: warning: the drawing (%s x %s inches) is larger than "
                                    "the paper; scaled to %s%% of its size", source,
                                    g_ascii_formatd(b[0], sizeof b[0], "%.2f", w / 72.0),
                                    g_ascii_formatd(b[1], sizeof b[1], "%.2f", h / 72.0),
                                    g_ascii_formatd(b[2], sizeof b[2], "%.0f", scale * 100)));
  }
}

/* -------------------------------------------------------------- building */

static gboolean
attrs_have(const GArray *attrs, const char *name)
{
  for (guint i = 0; i < attrs->len; i++)
    if (strcmp(g_array_index(attrs, KbRenderAttr, i).name, name) == 0)
      return TRUE;
  return FALSE;
}

/* Sets the attributes on a graph, subgraph, node or edge. Each is declared,
 * when new, with the default "" (Graphviz's "unset"), so that it applies to
 * this object only: a cluster does not inherit the graph's label. */
static void
set_attrs(void *obj, const GArray *attrs)
{
  for (guint i = 0; i < attrs->len; i++) {
    const KbRenderAttr *a = &g_array_index(attrs, KbRenderAttr, i);
    agsafeset(obj, gv_str(a->name), gv_str(a->value), gv_str(""));
  }
}

static gboolean
spec_has_pins(const KbRenderSpec *spec)
{
  for (guint i = 0; i < spec->nodes->len; i++)
    if (g_array_index(spec->nodes, KbRenderNode, i).pinned)
      return TRUE;
  return FALSE;
}

static guint
find_root(guint *parent, guint i)
{
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/* TRUE when every connected part of the graph holds a pinned node. */
static gboolean
every_part_pinned(const KbRenderSpec *spec)
{
  guint n = spec->nodes->len;
  g_autofree guint *parent = g_new(guint, n + 1);
  g_autofree gboolean *pinned = g_new0(gboolean, n + 1);
  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint i = 0; i < spec->edges->len; i++) {
    const KbRenderEdge *e = &g_array_index(spec->edges, KbRenderEdge, i);
    parent[find_root(parent, e->from)] = find_root(parent, e->to);
  }
  for (guint i = 0; i < n; i++)
    if (g_array_index(spec->nodes, KbRenderNode, i).pinned)
      pinned[find_root(parent, i)] = TRUE;
  for (guint i = 0; i < n; i++)
    if (!pinned[find_root(parent, i)])
      return FALSE;
  return TRUE;
}

/* The graph attributes klaverblad-render adds for 'layout': a fixed random
 * seed, and what keeps pinned nodes in place. */
static void
set_layout_attrs(Agraph_t *g, const KbRenderSpec *spec, const char *layout)
{
  gboolean force_directed = strcmp(layout, "neato") == 0 || strcmp(layout, "fdp") == 0 ||
                            strcmp(layout, "sfdp") == 0;
  if (force_directed && !attrs_have(spec->attrs, "start"))
    agsafeset(g, gv_str("start"), gv_str("1"), gv_str(""));
  if (!spec_has_pins(spec) || !kb_render_layout_honours_pins(layout))
    return;
  /* pos is given in points, the unit of the output */
  agsafeset(g, gv_str("inputscale"), gv_str("72"), gv_str(""));
  if (strcmp(layout, "neato") != 0)
    return;
  /* Without notranslate, neato moves the drawing to the origin. Its
   * default stress majorization recentres pinned nodes; the gradient
   * descent of mode=KK keeps them. With mode=KK neato draws clusters only
   * when it packs the graph's parts (pack=true); packing keeps the part with
   * the pinned nodes in place only when it is the only part, which it is
   * when every part holds a pinned node (neato merges those into one). */
  agsafeset(g, gv_str("notranslate"), gv_str("true"), gv_str(""));
  if (!attrs_have(spec->attrs, "mode"))
    agsafeset(g, gv_str("mode"), gv_str("KK"), gv_str(""));
  if (!attrs_have(spec->attrs, "pack") && !attrs_have(spec->attrs, "packmode") &&
      every_part_pinned(spec))
    agsafeset(g, gv_str("pack"), gv_str("true"), gv_str(""));
}

/* Builds the graph of the spec in d->graph. */
static void
build_graph(Drawing *d, const KbRenderSpec *spec, const char *layout, KbRenderFormat format)
{
  Agraph_t *g = agopen(gv_str("map"), spec->directed ? Agdirected : Agundirected, NULL);
  d->graph = g;
  /* A node's label defaults to its id; declare that before any node label
   * is set, or the default would become "" for every node. */
  agattr(g, AGNODE, gv_str("label"), gv_str("\\N"));
  set_attrs(g, spec->attrs);
  set_layout_attrs(g, spec, layout);
  if (spec->has_paper) {
    /* the paper is the whole picture: no padding around it, and no margin
     * (which PDF has by default) */
    agsafeset(g, gv_str("pad"), gv_str("0"), gv_str(""));
    agsafeset(g, gv_str("margin"), gv_str("0"), gv_str(""));
    if (format == KB_RENDER_FORMAT_PNG) {
      char dpi[G_ASCII_DTOSTR_BUF_SIZE];
      agsafeset(g, gv_str("dpi"), g_ascii_formatd(dpi, sizeof dpi, "%.0f", paper_dpi(spec)),
                gv_str(""));
    }
  }

  d->clusters = g_new0(Agraph_t *, spec->clusters->len + 1);
  for (guint i = 0; i < spec->clusters->len; i++) {
    const KbRenderCluster *c = &g_array_index(spec->clusters, KbRenderCluster, i);
    g_autofree char *name = g_strconcat("cluster_", c->id, NULL);
    Agraph_t *parent = c->parent >= 0 ? d->clusters[c->parent] : g;
    d->clusters[i] = agsubg(parent, name, TRUE);
    set_attrs(d->clusters[i], c->attrs);
  }

  d->nodes = g_new0(Agnode_t *, spec->nodes->len + 1);
  for (guint i = 0; i < spec->nodes->len; i++) {
    const KbRenderNode *n = &g_array_index(spec->nodes, KbRenderNode, i);
    Agnode_t *node = agnode(g, gv_str(n->id), TRUE);
    d->nodes[i] = node;
    if (n->cluster >= 0)
      agsubnode(d->clusters[n->cluster], node, TRUE);
    set_attrs(node, n->attrs);
    if (n->pinned) {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *pos = g_strdup_printf("%s,%s!", g_ascii_dtostr(x, sizeof x, n->x * 72.0),
                                             g_ascii_dtostr(y, sizeof y, n->y * 72.0));
      agsafeset(node, gv_str("pos"), pos, gv_str(""));
    }
  }

  for (guint i = 0; i < spec->edges->len; i++) {
    const KbRenderEdge *e = &g_array_index(spec->edges, KbRenderEdge, i);
    Agedge_t *edge = agedge(g, d->nodes[e->from], d->nodes[e->to], NULL, TRUE);
    set_attrs(edge, e->attrs);
  }
}

/* ------------------------------------------------------------- checking */

/* Warns about pinned nodes the layout did not keep where they were given
 * relative to the first pinned node: names the first such node, counts the
 * others. (neato also keeps the coordinates themselves, see
 * set_layout_attrs(); fdp, and neato with pack= set by the input, shift the
 * whole drawing, which is no harm in a picture.) Overlap removal and ratio=
 * can move pinned nodes. */
static void
check_pins(const Drawing *d, const KbRenderSpec *spec, const char *source, const char *layout,
           GPtrArray *warnings)
{
  const double tolerance = 0.5;   /* points; SVG shows two decimals */
  gboolean have_shift = FALSE;
  double shift_x = 0, shift_y = 0;
  guint moved = 0;
  const KbRenderNode *first = NULL;
  double first_x = 0, first_y = 0;
  for (guint i = 0; i < spec->nodes->len; i++) {
    const KbRenderNode *n = &g_array_index(spec->nodes, KbRenderNode, i);
    if (!n->pinned)
      continue;
    pointf at = ND_coord(d->nodes[i]);
    if (!have_shift) {
      shift_x = at.x - n->x * 72.0;
      shift_y = at.y - n->y * 72.0;
      have_shift = TRUE;
    }
    double x = at.x - shift_x, y = at.y - shift_y;
    if (fabs(x - n->x * 72.0) <= tolerance && fabs(y - n->y * 72.0) <= tolerance)
      continue;
    if (moved++ == 0) {
      first = n;
      first_x = x / 72.0;
      first_y = y / 72.0;
    }
  }
  if (first == NULL || warnings == NULL)
    return;
  char b[4][G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *others = moved > 1 ? g_strdup_printf(", and %u other pinned node%s too",
                                                        moved - 1, moved > 2 ? "s" : "")
                                      : g_strdup("");
  g_ptr_array_add(warnings,
                  g_strdup_printf("%s:%u: warning: node '%s' is pinned at (%s, %s) but the "
                                  "%s layout moved it to (%s, %s)%s; overlap removal and "
                                  "ratio= can move pinned nodes",
                                  source, first->line, first->id,
                                  g_ascii_formatd(b[0], sizeof b[0], "%.4g", first->x),
                                  g_ascii_formatd(b[1], sizeof b[1], "%.4g", first->y),
                                  layout,
                                  g_ascii_formatd(b[2], sizeof b[2], "%.4g", first_x),
                                  g_ascii_formatd(b[3], sizeof b[3], "%.4g", first_y),
                                  others));
}

/* Adds the clusters Graphviz draws under 'g' (its GD_clust list, 1-based,
 * and theirs) to 'drawn'. */
static void
collect_drawn_clusters(Agraph_t *g, GHashTable *drawn)
{
  for (int i = 1; i <= GD_n_cluster(g); i++) {
    Agraph_t *c = GD_clust(g)[i];
    g_hash_table_add(drawn, c);
    collect_drawn_clusters(c, drawn);
  }
}

/* Warns about clusters the layout does not draw: neato draws top-level
 * clusters only, sfdp, twopi and circo none. Names the first, counts the
 * others. */
static void
check_clusters(const Drawing *d, const KbRenderSpec *spec, const char *source,
               const char *layout, GPtrArray *warnings)
{
  if (warnings == NULL || spec->clusters->len == 0)
    return;
  g_autoptr(GHashTable) drawn = g_hash_table_new(NULL, NULL);
  collect_drawn_clusters(d->graph, drawn);
  guint missing = 0;
  const KbRenderCluster *first = NULL;
  for (guint i = 0; i < spec->clusters->len; i++)
    if (!g_hash_table_contains(drawn, d->clusters[i]) && missing++ == 0)
      first = &g_array_index(spec->clusters, KbRenderCluster, i);
  if (first == NULL)
    return;
  g_autofree char *others = missing > 1 ? g_strdup_printf(", nor %u other cluster%s",
                                                          missing - 1, missing > 2 ? "s" : "")
                                        : g_strdup("");
  const char *why;
  if (strcmp(layout, "neato") != 0)
    why = "draws no clusters; dot and fdp draw them all";
  else if (first->parent >= 0)
    why = "draws top-level clusters only; dot and fdp draw them all";
  else
    why = "draws clusters around pinned nodes only when every connected part of the "
          "graph holds a pinned node, or pack=true is given (which shifts the drawing)";
  g_ptr_array_add(warnings,
                  g_strdup_printf("%s:%u: warning: cluster '%s' is not drawn%s: the %s "
                                  "layout %s",
                                  source, first->line, first->id, others, layout, why));
}

/* ------------------------------------------------------------ rendering */

/* cairo 1.16 writes the time of the run into a PDF's Info dictionary as
 * "/CreationDate (D:YYYYMMDDHHmmSS" followed by "Z" or an offset "+HH'mm".
 * Overwrites it in place, keeping every byte offset, with the time in
 * SOURCE_DATE_EPOCH (seconds since 1970, UTC) or else 1970-01-01 00:00:00,
 * and the offset with +00'00. Leaves data without such a date alone. */
static void
pdf_fix_creation_date(char *data, gsize len)
{
  static const char key[] = "/CreationDate (D:";
  const gsize klen = sizeof key - 1;
  char *date = NULL;
  for (gsize i = 0; i + klen + 14 <= len; i++)
    if (data[i] == '/' && memcmp(data + i, key, klen) == 0) {
      date = data + i + klen;
      break;
    }
  if (date == NULL)
    return;
  for (int i = 0; i < 14; i++)
    if (!g_ascii_isdigit(date[i]))
      return;
  gint64 epoch = 0;
  const char *env = g_getenv("SOURCE_DATE_EPOCH");
  if (env != NULL) {
    char *end;
    gint64 v = g_ascii_strtoll(env, &end, 10);
    if (*env != '\0' && *end == '\0' && v >= 0 && v < G_GINT64_CONSTANT(253402300800))
      epoch = v;
  }
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc(epoch);
  g_autofree char *stamp = g_date_time_format(when, "%Y%m%d%H%M%S");
  memcpy(date, stamp, 14);
  char *zone = date + 14, *end = data + len;
  if (zone + 6 <= end && (zone[0] == '+' || zone[0] == '-') && zone[3] == '\'')
    memcpy(zone, "+00'00", 6);
}

/* The positions format: a first line naming it, then one line per node in
 * input order, its centre "X Y" in points (y upwards), two decimals. No
 * Graphviz plugin is involved: the layout's own coordinates are read. */
static GBytes *
positions_text(const Drawing *d, const KbRenderSpec *spec)
{
  GString *out = g_string_new("klaverblad-render positions 1\n");
  for (guint i = 0; i < spec->nodes->len; i++) {
    pointf at = ND_coord(d->nodes[i]);
    char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(out, "%s %s\n", g_ascii_formatd(x, sizeof x, "%.2f", at.x),
                           g_ascii_formatd(y, sizeof y, "%.2f", at.y));
  }
  return g_string_free_to_bytes(out);
}

/* Lays out and renders; Graphviz's messages are being captured. */
static GBytes *
draw_captured(const KbRenderSpec *spec, const char *source, const char *layout,
              KbRenderFormat format, GPtrArray *warnings, const GPtrArray *messages,
              GError **error)
{
  const char *fname = kb_render_format_name(format);
  g_autoptr(Drawing) d = g_new0(Drawing, 1);
  d->gvc = gvContext();
  if (format != KB_RENDER_FORMAT_POSITIONS && !device_available(d->gvc, fname)) {
    g_set_error(error, KB_RENDER_ERROR, KB_RENDER_ERROR_NO_RENDERER,
                "cannot render %s: this Graphviz has no %s output plugin%s", fname, fname,
                format == KB_RENDER_FORMAT_PNG || format == KB_RENDER_FORMAT_PDF
                  ? " (png and pdf need its cairo plugin, libgvplugin_pango)" : "");
    return NULL;
  }
  build_graph(d, spec, layout, format);

  d->layout_tried = TRUE;
  if (gvLayout(d->gvc, d->graph, layout) != 0) {
    g_autofree char *said = graphviz_said(messages);
    g_set_error(error, KB_RENDER_ERROR, KB_RENDER_ERROR_LAYOUT,
                "cannot render %s: the %s layout failed: %s", fname, layout, said);
    return NULL;
  }
  if (kb_render_layout_honours_pins(layout))
    check_pins(d, spec, source, layout, warnings);
  check_clusters(d, spec, source, layout, warnings);
  if (format == KB_RENDER_FORMAT_POSITIONS)
    return positions_text(d, spec);
  if (spec->has_paper && format != KB_RENDER_FORMAT_DOT)
    fit_to_paper(d, spec, source, warnings);

  char *data = NULL;
  unsigned int len = 0;
  if (gvRenderData(d->gvc, d->graph, fname, &data, &len) != 0 || data == NULL) {
    if (data != NULL)
      gvFreeRenderData(data);
    g_autofree char *said = graphviz_said(messages);
    g_set_error(error, KB_RENDER_ERROR, KB_RENDER_ERROR_RENDER, "cannot render %s: %s", fname,
                said);
    return NULL;
  }
  if (format == KB_RENDER_FORMAT_PDF)
    pdf_fix_creation_date(data, len);
  GBytes *bytes = g_bytes_new(data, len);
  gvFreeRenderData(data);
  return bytes;
}

GBytes *
kb_render_draw(const KbRenderSpec *spec, const char *source, const char *layout,
               KbRenderFormat format, GPtrArray *warnings, GError **error)
{
  g_return_val_if_fail(spec != NULL && source != NULL, NULL);
  g_return_val_if_fail(layout != NULL && kb_render_layout_is_known(layout), NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);

  agusererrf previous = capture_begin();
  /* gv_messages is filled while drawing and read when it fails; the Drawing
   * is freed inside draw_captured, so messages from the cleanup are
   * captured too. */
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func(g_free);
  GBytes *bytes = draw_captured(spec, source, layout, format, own, gv_messages, error);
  g_autoptr(GPtrArray) messages = capture_end(previous);
  if (bytes == NULL || warnings == NULL)
    return bytes;
  /* Graphviz's first: they come from the layout, ours from checking it.
   * Graphviz repeats some messages (once per pass); each is said once. */
  g_autoptr(GHashTable) said = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < messages->len; i++) {
    const char *m = g_ptr_array_index(messages, i);
    if (!g_hash_table_add(said, (gpointer) m))
      continue;
    if (g_str_has_prefix(m, "Warning: "))
      m += strlen("Warning: ");
    else if (g_str_has_prefix(m, "Error: "))
      m += strlen("Error: ");
    g_ptr_array_add(warnings, g_strdup_printf("%s: warning: Graphviz: %s", source, m));
  }
  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add(warnings, g_steal_pointer(&own->pdata[i]));
  return bytes;
}
