/* map.c -- what each view draws, and where, written in the renderer's text
 * format. Graphviz lays out what is not pinned and removes overlaps
 * (overlap=prism), so no label covers a node or another label: every label
 * sits inside its node. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/quote.h"
#include "klaverblad/analysis.h"
#include "klaverblad/error.h"
#include "klaverblad/map.h"
#include "klaverblad/tables.h"

#define TAU 6.283185307179586
#define GOLDEN_ANGLE 2.399963229728653

/* -------------------------------------------------------------- styles */

static const char *const view_names[] = { "klaverblad", "ego", "place", "sectors", "synergy" };

gboolean
kb_view_parse(const char *name, KbView *out)
{
  for (size_t i = 0; i < G_N_ELEMENTS(view_names); i++)
    if (strcmp(name, view_names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  return FALSE;
}

const char *
kb_view_name(KbView view)
{
  g_return_val_if_fail(view <= KB_VIEW_SYNERGY, "?");
  return view_names[view];
}

void
kb_map_options_init(KbMapOptions *opts)
{
  memset(opts, 0, sizeof *opts);
  opts->view = KB_VIEW_KLAVERBLAD;
  opts->focus = KB_NO_NODE;
  opts->depth = 1;
  opts->year = KB_NO_YEAR;
  opts->synergy_top = 10;
}

/* Okabe and Ito's colour-blind-safe palette. A sector with a role (see
 * kb_sector_role()) keeps its role's colour in every view and every
 * dataset, in this order on the klaverblad; others take the rest in id
 * order. */
static const struct {
  KbSectorRole role;
  const char *colour;
} fixed_colours[] = {
  { KB_SECTOR_ROLE_GOVERNMENT, "#0072B2" }, { KB_SECTOR_ROLE_EDUCATION, "#009E73" },
  { KB_SECTOR_ROLE_BUSINESS, "#E69F00" }, { KB_SECTOR_ROLE_CULTURE, "#CC79A7" },
  { KB_SECTOR_ROLE_NGO, "#D55E00" }, { KB_SECTOR_ROLE_SPORT, "#56B4E9" },
};
static const char *const spare_colours[] = { "#F0E442", "#000000", "#999999" };

/* The place of a sector's role in fixed_colours, or -1 when it has none. */
static int
fixed_index(const KbDataset *ds, size_t sector)
{
  KbSectorRole role = kb_sector_role(kb_dataset_node(ds, sector));
  for (size_t i = 0; i < G_N_ELEMENTS(fixed_colours); i++)
    if (fixed_colours[i].role == role)
      return (int) i;
  return -1;
}

const char *
kb_map_sector_colour(const KbDataset *ds, size_t sector)
{
  g_return_val_if_fail(ds != NULL, "#999999");
  if (sector == KB_NO_NODE)
    return "#999999";
  int fixed = fixed_index(ds, sector);
  if (fixed >= 0)
    return fixed_colours[fixed].colour;
  /* the position of this sector among the other sectors without a role, by id */
  const char *id = kb_dataset_node(ds, sector)->id;
  size_t before = 0;
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    if (n->kind == KB_NODE_SECTOR && strcmp(n->id, id) < 0 && fixed_index(ds, i) < 0)
      before++;
  }
  return spare_colours[before % G_N_ELEMENTS(spare_colours)];
}

/* A colour mixed with white: t = 0 the colour, 1 white. */
static char *
tint(const char *hex, double t)
{
  unsigned r, g, b;
  if (sscanf(hex, "#%02x%02x%02x", &r, &g, &b) != 3)
    return g_strdup("#EEEEEE");
  return g_strdup_printf("#%02X%02X%02X", (unsigned) lround(r + (255 - r) * t),
                         (unsigned) lround(g + (255 - g) * t), (unsigned) lround(b + (255 - b) * t));
}

/* -------------------------------------------------------- spec writing */

/* How many times Graphviz reads backslash escapes in an attribute's value.
 * In escString attributes (https://graphviz.org/docs/attr-types/escString/)
 * it replaces \G, \N, \E, \T, \H and \L with the names of the graph, node,
 * edge and its ends and the object's label, reads \n, \l and \r as line
 * breaks and \\ as one backslash. Graphviz 2.43 reads the tooltips twice:
 * first for their line breaks, where any other \x becomes x, then as an
 * escString (a tooltip \\G shows the graph's name, \\\\G shows \G; see
 * engine/render/README.md). Other attributes are read as they are. */
static int
escape_passes(const char *key)
{
  static const char *const once[] = {
    "label", "xlabel", "headlabel", "taillabel", "URL", "href", "edgeURL", "edgehref",
    "labelURL", "labelhref", "headURL", "headhref", "tailURL", "tailhref", "target",
    "edgetarget", "labeltarget", "headtarget", "tailtarget", "id",
  };
  static const char *const twice[] = {
    "tooltip", "edgetooltip", "labeltooltip", "headtooltip", "tailtooltip",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(twice); i++)
    if (strcmp(key, twice[i]) == 0)
      return 2;
  for (size_t i = 0; i < G_N_ELEMENTS(once); i++)
    if (strcmp(key, once[i]) == 0)
      return 1;
  return 0;
}

/* Appends " key=value". Every value the map puts in an escString
 * attribute is a text to show as it is (a label, a title, a tooltip: the
 * data's, or the map's own, which hold no Graphviz escape), so here, and
 * only here, each backslash is doubled once for each time Graphviz reads
 * the value: the label a\Gb goes to Graphviz as a\\Gb and shows a\Gb, not
 * the graph's name. */
static void
put_attr(GString *s, const char *key, const char *value)
{
  g_string_append_printf(s, " %s=", key);
  int passes = escape_passes(key);
  if (passes == 0 || strchr(value, '\\') == NULL) {
    kb_i_append_quoted(s, value);
    return;
  }
  GString *e = g_string_new(NULL);
  for (const char *p = value; *p; p++) {
    if (*p == '\\')
      for (int k = 0; k < (1 << passes) - 1; k++)
        g_string_append_c(e, '\\');
    g_string_append_c(e, *p);
  }
  kb_i_append_quoted(s, e->str);
  g_string_free(e, TRUE);
}

/* Appends " key=value" pairs from a NULL-terminated list; a NULL value
 * leaves its key out. */
static void
put_attrs(GString *s, va_list ap)
{
  const char *k;
  while ((k = va_arg(ap, const char *)) != NULL) {
    const char *v = va_arg(ap, const char *);
    if (v != NULL)
      put_attr(s, k, v);
  }
  g_string_append_c(s, '\n');
}

static void
statement(GString *s, const char *keyword, const char *a, const char *b, ...)
{
  g_string_append(s, keyword);
  if (a) {
    g_string_append_c(s, ' ');
    kb_i_append_quoted(s, a);
  }
  if (b) {
    g_string_append_c(s, ' ');
    kb_i_append_quoted(s, b);
  }
  va_list ap;
  va_start(ap, b);
  put_attrs(s, ap);
  va_end(ap);
}

/* ---------------------------------------------------------- map model */

/* A node of the map. Views that place their nodes (the klaverblad) give
 * each a position and a size estimated from its label, remove overlaps
 * between the boxes, and pin them; other views leave the layout to
 * Graphviz. */
typedef struct {
  char *id;
  GString *attrs;           /* " key=value..." without pos, width, height */
  double x, y;              /* centre, points */
  double w, h;              /* box, points */
  double fontsize;
  gboolean placed;
  gboolean fixed;           /* overlap removal does not move it */
} MapNode;

typedef struct {
  GString *spec;            /* the graph line */
  GString *edges;           /* edge lines */
  const KbDataset *ds;
  gboolean *drawn;          /* node index -> already a node of the map */
  GHashTable *edge_keys;    /* "a b kind" already drawn */
  GArray *nodes;            /* of MapNode */
  KbLang lang;
} Map;

/* The box a label needs: DejaVu Sans averages about 0.6 em a character;
 * a little more, so that the label never spills. */
static void
estimate_size(const char *label, double fontsize, double *w, double *h)
{
  size_t longest = 0, lines = 1, cur = 0;
  for (const char *p = label; *p; p = g_utf8_next_char(p)) {
    if (*p == '\n') {
      lines++;
      cur = 0;
      continue;
    }
    cur++;
    longest = MAX(longest, cur);
  }
  *w = 0.62 * fontsize * (double) longest + 16.0;
  *h = 1.35 * fontsize * (double) lines + 10.0;
}

/* Adds a map node with its attributes (NULL-terminated key, value list). */
static MapNode *
add_node(Map *m, const char *id, const char *label, double fontsize, ...)
{
  MapNode n = { 0 };
  n.id = g_strdup(id);
  n.attrs = g_string_new(NULL);
  n.fontsize = fontsize;
  put_attr(n.attrs, "label", label);
  char fs[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(fs, sizeof fs, "%.1f", fontsize);
  put_attr(n.attrs, "fontsize", fs);
  va_list ap;
  va_start(ap, fontsize);
  put_attrs(n.attrs, ap);
  va_end(ap);
  g_string_truncate(n.attrs, n.attrs->len - 1);   /* put_attrs ends the line */
  estimate_size(label, fontsize, &n.w, &n.h);
  g_array_append_val(m->nodes, n);
  return &g_array_index(m->nodes, MapNode, m->nodes->len - 1);
}

static void
place(MapNode *n, double x, double y, gboolean fixed)
{
  n->x = x;
  n->y = y;
  n->placed = TRUE;
  n->fixed = fixed;
}

static gboolean
overlaps_any(const Map *m, guint self, double gap)
{
  const MapNode *a = &g_array_index(m->nodes, MapNode, self);
  for (guint j = 0; j < m->nodes->len; j++) {
    const MapNode *b = &g_array_index(m->nodes, MapNode, j);
    if (j == self || !b->placed)
      continue;
    if (fabs(a->x - b->x) < (a->w + b->w) / 2 + gap && fabs(a->y - b->y) < (a->h + b->h) / 2 + gap)
      return TRUE;
  }
  return FALSE;
}

/* The farthest any placed box reaches from the centre within 'spread'
 * radians of angle theta: where a ring in that direction must start. */
static double
reach_towards(const Map *m, double theta, double spread)
{
  double r = 0;
  for (guint j = 0; j < m->nodes->len; j++) {
    const MapNode *b = &g_array_index(m->nodes, MapNode, j);
    if (!b->placed)
      continue;
    double corners[4][2] = { { b->x - b->w / 2, b->y - b->h / 2 }, { b->x + b->w / 2, b->y - b->h / 2 },
                             { b->x - b->w / 2, b->y + b->h / 2 }, { b->x + b->w / 2, b->y + b->h / 2 } };
    for (int c = 0; c < 4; c++) {
      double a = atan2(corners[c][1], corners[c][0]);
      double d = fabs(remainder(a - theta, TAU));
      if (d <= spread)
        r = MAX(r, hypot(corners[c][0], corners[c][1]));
    }
  }
  return r;
}

/* Places node 'index' on the ray from the centre at angle theta, from
 * radius r outwards, at the first spot where it overlaps nothing placed;
 * returns that radius. */
static double
march(Map *m, guint index, double theta, double r, double gap)
{
  MapNode *n = &g_array_index(m->nodes, MapNode, index);
  for (int step = 0; step < 2000; step++, r += 6) {
    place(n, r * cos(theta), r * sin(theta), FALSE);
    if (!overlaps_any(m, index, gap))
      break;
  }
  return r;
}

/* Pushes overlapping boxes apart, each pair along the line between their
 * centres, until none overlaps (with 'gap' points between) or the rounds
 * run out. Deterministic: pairs in order, no randomness. */
static void
remove_overlaps(Map *m, double gap)
{
  guint n = m->nodes->len;
  for (int round = 0; round < 400; round++) {
    gboolean moved = FALSE;
    for (guint i = 0; i < n; i++)
      for (guint j = i + 1; j < n; j++) {
        MapNode *a = &g_array_index(m->nodes, MapNode, i);
        MapNode *b = &g_array_index(m->nodes, MapNode, j);
        if (!a->placed || !b->placed || (a->fixed && b->fixed))
          continue;
        double dx = b->x - a->x, dy = b->y - a->y;
        double ox = (a->w + b->w) / 2 + gap - fabs(dx);
        double oy = (a->h + b->h) / 2 + gap - fabs(dy);
        if (ox <= 0 || oy <= 0)
          continue;
        moved = TRUE;
        /* separate along the axis that needs the smaller move */
        double sx = 0, sy = 0;
        if (ox / (a->w + b->w) < oy / (a->h + b->h))
          sx = (dx > 0 || (dx == 0 && i % 2)) ? ox : -ox;
        else
          sy = (dy > 0 || (dy == 0 && i % 2)) ? oy : -oy;
        double fa = a->fixed ? 0 : b->fixed ? 1 : 0.5, fb = 1 - fa;
        if (a->fixed)
          fb = 1;
        a->x -= sx * fa;
        a->y -= sy * fa;
        b->x += sx * fb;
        b->y += sy * fb;
      }
    if (!moved)
      break;
  }
}

/* Draws a dataset node in its kind's style; returns it, to be placed by
 * views that place their nodes. */
static MapNode *
draw_node(Map *m, size_t node, gboolean focus)
{
  if (m->drawn[node])
    return NULL;
  m->drawn[node] = TRUE;
  const KbNode *n = kb_dataset_node(m->ds, node);
  const char *shape = "box", *style = "filled", *colour = "#444444";
  double fontsize = 10;
  g_autofree char *fill = NULL;
  switch (n->kind) {
  case KB_NODE_ORGANISATION:
    style = "rounded,filled";
    colour = kb_map_sector_colour(m->ds, n->sector);
    fill = tint(colour, 0.75);
    break;
  case KB_NODE_NETWORK:
    style = "rounded,filled,bold";
    fill = g_strdup("#FFFFFF");
    break;
  case KB_NODE_COUNTRY:
    fill = g_strdup("#E4E4E4");
    colour = "#555555";
    fontsize = 11;
    break;
  case KB_NODE_CITY:
  case KB_NODE_REGION:
    style = "rounded,filled";
    fill = g_strdup("#F6F6F6");
    colour = "#888888";
    break;
  case KB_NODE_THEME:
    fill = g_strdup("#FFFBE6");
    colour = "#B59B00";
    break;
  case KB_NODE_SECTOR:
    colour = kb_map_sector_colour(m->ds, node);
    fill = tint(colour, 0.4);
    break;
  default:
    fill = g_strdup("#FFFFFF");
  }
  if (focus)
    fontsize = 14;
  return add_node(m, n->id, n->label, fontsize, "shape", shape, "style", style, "color", colour,
                  "fillcolor", fill, "penwidth", focus ? "3" : NULL,
                  "tooltip", n->description ? n->description : n->label, NULL);
}

/* Draws a relation once, in its kind's style. */
static void
draw_relation(Map *m, const KbRelation *r, const char *colour_override)
{
  g_autofree char *key = g_strdup_printf("%zu %zu %d", r->from, r->to, r->kind);
  if (!m->drawn[r->from] || !m->drawn[r->to] || !g_hash_table_add(m->edge_keys, g_strdup(key)))
    return;
  const char *style = "solid", *colour = "#777777", *pen = "0.8", *dir = "none";
  switch (r->kind) {
  case KB_REL_MEMBER_OF:
    colour = "#8A8A8A99";
    break;
  case KB_REL_ACTIVE_IN:
    style = "dashed";
    colour = kb_map_sector_colour(m->ds, kb_dataset_node(m->ds, r->from)->sector);
    pen = "1.2";
    break;
  case KB_REL_LOCATED_IN:
    style = "dotted";
    break;
  case KB_REL_PARTNER_OF:
    colour = "#333333";
    pen = "1.6";
    break;
  case KB_REL_FUNDS:
    colour = "#7A5C00AA";
    pen = "0.9";
    dir = "forward";
    break;
  case KB_REL_TWINNED_WITH:
    colour = "#000000";
    pen = "3";
    break;
  case KB_REL_WORKS_ON:
    style = "dotted";
    colour = "#B59B00";
    break;
  case KB_REL_PART_OF:
    colour = "#555555";
    break;
  default:
    break;
  }
  const KbNode *a = kb_dataset_node(m->ds, r->from), *b = kb_dataset_node(m->ds, r->to);
  g_autofree char *tip = g_strdup_printf("%s %s %s", a->label, kb_rel_kind_name(r->kind), b->label);
  statement(m->edges, "edge", a->id, b->id, "style", style,
            "color", colour_override ? colour_override : colour, "penwidth", pen, "dir", dir,
            "arrowsize", "0.6", "tooltip", tip, NULL);
}

static void
begin(Map *m, const KbDataset *ds, const char *title, const char *layout, gboolean placed)
{
  m->ds = ds;
  m->spec = g_string_new("klaverblad-render 1\n");
  m->edges = g_string_new(NULL);
  m->drawn = g_new0(gboolean, kb_dataset_node_count(ds) + 1);
  m->edge_keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  m->nodes = g_array_new(FALSE, TRUE, sizeof(MapNode));
  /* Graphviz removes overlaps only where it places the nodes: where the
   * engine placed them, it has already made room, and overlap removal
   * would move pinned nodes */
  statement(m->spec, "graph", NULL, NULL, "layout", layout, "label", title, "labelloc", "t",
            "fontsize", "22", "fontname", "DejaVu Sans", "overlap", placed ? NULL : "prism",
            "sep", placed ? NULL : "+6", "splines", "true", "outputorder", "edgesfirst",
            "pad", "0.3", "bgcolor", "white", NULL);
}

/* Writes the nodes, then the edges, and ends the spec. Placed nodes are
 * pinned, with the size they were laid out with. */
static char *
finish(Map *m)
{
  for (guint i = 0; i < m->nodes->len; i++) {
    MapNode *n = &g_array_index(m->nodes, MapNode, i);
    g_string_append(m->spec, "node ");
    kb_i_append_quoted(m->spec, n->id);
    g_string_append(m->spec, n->attrs->str);
    g_string_append(m->spec, " fontname=\"DejaVu Sans\"");
    if (n->placed) {
      char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd(w, sizeof w, "%.3f", n->w / 72.0);
      g_ascii_formatd(h, sizeof h, "%.3f", n->h / 72.0);
      g_ascii_formatd(x, sizeof x, "%.4f", n->x / 72.0);
      g_ascii_formatd(y, sizeof y, "%.4f", n->y / 72.0);
      g_string_append_printf(m->spec, " x=%s y=%s width=%s height=%s fixedsize=true", x, y, w, h);
    }
    g_string_append_c(m->spec, '\n');
    g_free(n->id);
    g_string_free(n->attrs, TRUE);
  }
  g_string_append(m->spec, m->edges->str);
  g_string_append(m->spec, "end\n");
  g_string_free(m->edges, TRUE);
  g_array_unref(m->nodes);
  g_free(m->drawn);
  g_hash_table_unref(m->edge_keys);
  return g_string_free(m->spec, FALSE);
}

static char *
title_for(const KbDataset *ds, const char *what, int year)
{
  const char *t = kb_dataset_title(ds);
  GString *s = g_string_new(t ? t : kb_dataset_name(ds));
  g_string_append_printf(s, "\n%s", what);
  if (year != KB_NO_YEAR)
    g_string_append_printf(s, " (%d)", year);
  return g_string_free(s, FALSE);
}

/* A legend: the sectors' colours, then the kinds of tie, as a column of
 * placed nodes with its top left corner at (x, y). */
static void
legend(Map *m, const size_t *sectors, size_t n_sectors, double x, double y)
{
  MapNode *head = add_node(m, "legend:title", kb_tr(m->lang, "Legend"), 12, "shape", "plaintext",
                           NULL);
  place(head, x + head->w / 2, y - head->h / 2, FALSE);
  double cy = y - head->h - 4;
  for (size_t i = 0; i < n_sectors; i++) {
    const char *c = kb_map_sector_colour(m->ds, sectors[i]);
    g_autofree char *fill = tint(c, 0.75);
    g_autofree char *id = g_strdup_printf("legend:sector:%zu", i);
    const char *label = sectors[i] == KB_NO_NODE ? kb_tr(m->lang, "no sector")
                                                 : kb_dataset_node(m->ds, sectors[i])->label;
    MapNode *n = add_node(m, id, label, 10, "shape", "box", "style", "rounded,filled",
                          "color", c, "fillcolor", fill, NULL);
    place(n, x + n->w / 2, cy - n->h / 2, FALSE);
    cy -= n->h + 4;
  }
  static const struct { const char *label; const char *style; const char *colour; const char *pen; const char *dir; } ties[] = {
    { "member of", "solid", "#8A8A8A", "0.8", "none" },
    { "active in", "dashed", "#444444", "1.2", "none" },
    { "partner of", "solid", "#333333", "1.6", "none" },
    { "funds", "solid", "#7A5C00", "1.2", "forward" },
    { "twinned with", "solid", "#000000", "3", "none" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(ties); i++) {
    g_autofree char *a = g_strdup_printf("legend:tie:%zu", i);
    g_autofree char *b = g_strdup_printf("legend:tie:%zu:label", i);
    MapNode *na = add_node(m, a, "", 6, "shape", "point", "color", "#444444", NULL);
    na->w = na->h = 4;
    place(na, x + 2, cy - 9, FALSE);
    MapNode *nb = add_node(m, b, kb_tr(m->lang, ties[i].label), 10, "shape", "plaintext", NULL);
    place(nb, x + 50 + nb->w / 2, cy - 9, FALSE);
    statement(m->edges, "edge", a, b, "style", ties[i].style, "color", ties[i].colour,
              "penwidth", ties[i].pen, "dir", ties[i].dir, "arrowsize", "0.6", NULL);
    cy -= 20;
  }
}

/* ------------------------------------------------------------ klaverblad */

static gboolean
is_place(KbNodeKind k)
{
  return k == KB_NODE_CITY || k == KB_NODE_REGION || k == KB_NODE_COUNTRY;
}

static int
sector_order(const KbDataset *ds, size_t sector)
{
  if (sector == KB_NO_NODE)
    return 1000;
  int fixed = fixed_index(ds, sector);
  return fixed >= 0 ? fixed : 100;
}

static int
compare_sectors(const void *x, const void *y, void *ds)
{
  size_t a = *(const size_t *) x, b = *(const size_t *) y;
  int oa = sector_order(ds, a), ob = sector_order(ds, b);
  if (oa != ob)
    return oa < ob ? -1 : 1;
  if (a == KB_NO_NODE || b == KB_NO_NODE)
    return 0;
  return strcmp(kb_dataset_node(ds, a)->id, kb_dataset_node(ds, b)->id);
}

static int
compare_ids(const void *x, const void *y, void *ds)
{
  return strcmp(kb_dataset_node(ds, *(const size_t *) x)->id,
                kb_dataset_node(ds, *(const size_t *) y)->id);
}

typedef struct {
  size_t node;
  double angle;
} Angled;

static int
compare_angled(const void *x, const void *y, void *ds)
{
  const Angled *a = x, *b = y;
  if (a->angle != b->angle)
    return a->angle < b->angle ? -1 : 1;
  return compare_ids(&a->node, &b->node, ds);
}

/* The circular mean of angles given as summed unit vectors. */
static double
mean_angle(double sx, double sy, double fallback)
{
  if (fabs(sx) < 1e-9 && fabs(sy) < 1e-9)
    return fallback;
  double a = atan2(sy, sx);
  return a < 0 ? a + TAU : a;
}

static void
draw_klaverblad(Map *m, const KbSynergy *suggested)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  size_t hub = kb_dataset_hub(ds), home = kb_dataset_home(ds);
  gboolean *home_place = kb_dataset_home_places(ds);

  /* the petals: sectors with organisations, in the fixed order */
  GArray *sectors = g_array_new(FALSE, FALSE, sizeof(size_t));
  GHashTable *petal = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) g_array_unref);
  for (size_t i = 0; i < n; i++) {
    const KbNode *nd = kb_dataset_node(ds, i);
    if (nd->kind != KB_NODE_ORGANISATION)
      continue;
    gpointer key = GSIZE_TO_POINTER(nd->sector + 1);
    GArray *members = g_hash_table_lookup(petal, key);
    if (members == NULL) {
      members = g_array_new(FALSE, FALSE, sizeof(size_t));
      g_hash_table_insert(petal, key, members);
      g_array_append_val(sectors, nd->sector);
    }
    g_array_append_val(members, i);
  }
  g_array_sort_with_data(sectors, compare_sectors, (gpointer) ds);
  size_t S = sectors->len;

  if (hub != KB_NO_NODE) {
    MapNode *h = draw_node(m, hub, TRUE);
    place(h, 0, 0, TRUE);
  }
  if (home != KB_NO_NODE) {
    /* the home city, when it has ties of its own: twinnings, memberships */
    for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
      const KbRelation *r = kb_dataset_relation(ds, i);
      if ((r->from == home || r->to == home) && r->kind != KB_REL_LOCATED_IN
          && r->kind != KB_REL_PART_OF) {
        MapNode *h = draw_node(m, home, FALSE);
        place(h, 0, -48, FALSE);
        break;
      }
    }
  }

  /* each petal a block of organisations, its sector's name on top, its
   * inner edge at r_in from the centre, in the petal's direction */
  double *angle_of = g_new0(double, n);
  double r_in = 150;
  for (size_t s = 0; s < S; s++) {
    size_t sector = g_array_index(sectors, size_t, s);
    GArray *members = g_hash_table_lookup(petal, GSIZE_TO_POINTER(sector + 1));
    g_array_sort_with_data(members, compare_ids, (gpointer) ds);
    guint count = members->len;
    guint cols = MAX(1, (guint) lround(sqrt((double) count / 4.0)));
    guint rows = (count + cols - 1) / cols;
    double colw = 0, rowh = 0;
    GPtrArray *boxes = g_ptr_array_new();
    for (guint k = 0; k < count; k++) {
      size_t org = g_array_index(members, size_t, k);
      g_ptr_array_add(boxes, GUINT_TO_POINTER(m->nodes->len));
      MapNode *box = draw_node(m, org, FALSE);
      colw = MAX(colw, box->w);
      rowh = MAX(rowh, box->h + 6);
    }
    g_autofree char *sid = g_strdup_printf("sector:%s", sector == KB_NO_NODE ? "none"
                                                         : kb_dataset_node(ds, sector)->id);
    g_autofree char *slabel = g_strdup_printf("%s (%u)", sector == KB_NO_NODE ? kb_tr(m->lang, "no sector")
                                              : kb_dataset_node(ds, sector)->label, count);
    const char *c = kb_map_sector_colour(ds, sector);
    guint title_at = m->nodes->len;
    add_node(m, sid, slabel, 13, "shape", "box", "style", "filled", "color", c,
             "fillcolor", c, "fontcolor", "#FFFFFF", NULL);
    MapNode *title = &g_array_index(m->nodes, MapNode, title_at);
    double bw = (double) cols * colw + (double) (cols - 1) * 8;
    double bh = (double) rows * rowh + title->h + 6;
    double theta = TAU / 4 + TAU * (double) s / (double) S;
    double ext = fabs(cos(theta)) * bw / 2 + fabs(sin(theta)) * bh / 2;
    double cx = (r_in + ext) * cos(theta), cy = (r_in + ext) * sin(theta);
    place(title, cx, cy + bh / 2 - title->h / 2, FALSE);
    for (guint k = 0; k < count; k++) {
      MapNode *box = &g_array_index(m->nodes, MapNode, GPOINTER_TO_UINT(g_ptr_array_index(boxes, k)));
      guint r = k / cols, col = k % cols;
      place(box, cx - bw / 2 + colw / 2 + (double) col * (colw + 8),
            cy + bh / 2 - title->h - 6 - rowh / 2 - (double) r * rowh, FALSE);
      angle_of[g_array_index(members, size_t, k)] = theta;
    }
    g_ptr_array_unref(boxes);
  }

  /* the other networks near the centre, in the direction of their members;
   * the places abroad on a ring outside the petals, each country in the
   * direction of the organisations active there, its cities beyond it */
  double *sx = g_new0(double, n), *sy = g_new0(double, n);
  gboolean *wanted = g_new0(gboolean, n);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (kb_dataset_node(ds, r->from)->kind != KB_NODE_ORGANISATION)
      continue;
    double ax = cos(angle_of[r->from]), ay = sin(angle_of[r->from]);
    if (r->kind == KB_REL_MEMBER_OF && r->to != hub) {
      wanted[r->to] = TRUE;
      sx[r->to] += ax;
      sy[r->to] += ay;
    } else if ((r->kind == KB_REL_ACTIVE_IN || r->kind == KB_REL_LOCATED_IN)
               && !home_place[r->to]) {
      wanted[r->to] = TRUE;
      sx[r->to] += ax;
      sy[r->to] += ay;
      g_autofree size_t *up = NULL;
      size_t k = kb_dataset_enclosing_places(ds, r->to, &up);
      for (size_t j = 0; j < k; j++)
        if (kb_dataset_node(ds, up[j])->kind == KB_NODE_COUNTRY && !home_place[up[j]]) {
          wanted[up[j]] = TRUE;
          sx[up[j]] += ax;
          sy[up[j]] += ay;
        }
    }
  }
  GArray *nets = g_array_new(FALSE, FALSE, sizeof(Angled));
  GArray *countries = g_array_new(FALSE, FALSE, sizeof(Angled));
  for (size_t i = 0; i < n; i++) {
    if (!wanted[i])
      continue;
    Angled a = { i, mean_angle(sx[i], sy[i], TAU / 4) };
    KbNodeKind k = kb_dataset_node(ds, i)->kind;
    if (k == KB_NODE_NETWORK)
      g_array_append_val(nets, a);
    else if (k == KB_NODE_COUNTRY)
      g_array_append_val(countries, a);
  }
  g_array_sort_with_data(nets, compare_angled, (gpointer) ds);
  for (guint i = 0; i < nets->len; i++) {
    const Angled *a = &g_array_index(nets, Angled, i);
    MapNode *nn = draw_node(m, a->node, FALSE);
    place(nn, 90 * cos(a->angle), 90 * sin(a->angle), FALSE);
  }
  g_array_sort_with_data(countries, compare_angled, (gpointer) ds);
  size_t P = countries->len;
  for (guint i = 0; i < P; i++) {
    const Angled *a = &g_array_index(countries, Angled, i);
    double theta = g_array_index(countries, Angled, 0).angle + TAU * (double) i / (double) P;
    guint at = m->nodes->len;
    if (draw_node(m, a->node, FALSE) == NULL)
      continue;
    double r = march(m, at, theta, MAX(r_in, reach_towards(m, theta, 0.35)), 14) + 30;
    for (size_t c = 0; c < n; c++) {
      KbNodeKind kc = kb_dataset_node(ds, c)->kind;
      if (!wanted[c] || m->drawn[c] || (kc != KB_NODE_CITY && kc != KB_NODE_REGION))
        continue;
      g_autofree size_t *up = NULL;
      size_t m_up = kb_dataset_enclosing_places(ds, c, &up);
      gboolean inside = FALSE;
      for (size_t j = 0; j < m_up; j++)
        inside |= up[j] == a->node;
      if (!inside)
        continue;
      guint pat = m->nodes->len;
      draw_node(m, c, FALSE);
      march(m, pat, theta, r, 6);
    }
  }
  /* places whose country is not in the data */
  for (size_t c = 0; c < n; c++)
    if (wanted[c] && !m->drawn[c] && kb_dataset_node(ds, c)->kind != KB_NODE_NETWORK) {
      guint at = m->nodes->len;
      draw_node(m, c, FALSE);
      march(m, at, mean_angle(sx[c], sy[c], TAU * 3 / 4), r_in, 14);
    }
  /* the legend in the top left corner of what is drawn */
  double minx = 0, maxy = 0;
  for (guint i = 0; i < m->nodes->len; i++) {
    const MapNode *nd = &g_array_index(m->nodes, MapNode, i);
    minx = MIN(minx, nd->x - nd->w / 2);
    maxy = MAX(maxy, nd->y + nd->h / 2);
  }
  legend(m, (size_t *) sectors->data, S, minx - 40, maxy);
  remove_overlaps(m, 6);

  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind != KB_REL_WORKS_ON && r->kind != KB_REL_PART_OF
        && !(r->kind == KB_REL_LOCATED_IN && is_place(kb_dataset_node(ds, r->from)->kind)))
      draw_relation(m, r, NULL);
  }
  if (suggested != NULL)
    for (size_t i = 0; i < suggested->n_pairs; i++) {
      const KbSynergyPair *p = &suggested->pairs[i];
      char score[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd(score, sizeof score, "%.2f", p->score);
      g_autofree char *tip = g_strdup_printf("synergy %s: %s and %s", score,
                                             kb_dataset_node(ds, p->a)->label,
                                             kb_dataset_node(ds, p->b)->label);
      statement(m->edges, "edge", kb_dataset_node(ds, p->a)->id, kb_dataset_node(ds, p->b)->id,
                "style", "dashed", "color", "#C00000", "penwidth", "2.2", "tooltip", tip, NULL);
    }

  g_free(sx);
  g_free(sy);
  g_free(wanted);
  g_free(angle_of);
  g_free(home_place);
  g_array_unref(nets);
  g_array_unref(countries);
  g_array_unref(sectors);
  g_hash_table_unref(petal);
}

/* -------------------------------------------------------- other views */

static void
draw_ego(Map *m, size_t focus, unsigned depth)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  size_t *dist = g_new(size_t, n);
  for (size_t i = 0; i < n; i++)
    dist[i] = SIZE_MAX;
  dist[focus] = 0;
  for (unsigned d = 0; d < depth; d++)
    for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
      const KbRelation *r = kb_dataset_relation(ds, i);
      if (dist[r->from] == d && dist[r->to] == SIZE_MAX)
        dist[r->to] = d + 1;
      else if (dist[r->to] == d && dist[r->from] == SIZE_MAX)
        dist[r->from] = d + 1;
    }
  draw_node(m, focus, TRUE);
  for (size_t i = 0; i < n; i++)
    if (dist[i] != SIZE_MAX)
      draw_node(m, i, FALSE);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++)
    draw_relation(m, kb_dataset_relation(ds, i), NULL);
  g_free(dist);
}

static void
draw_place(Map *m, size_t place)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  draw_node(m, place, TRUE);
  gboolean *in = g_new0(gboolean, n);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if ((r->kind != KB_REL_ACTIVE_IN && r->kind != KB_REL_LOCATED_IN)
        || kb_dataset_node(ds, r->from)->kind != KB_NODE_ORGANISATION)
      continue;
    gboolean there = r->to == place;
    g_autofree size_t *up = NULL;
    size_t k = kb_dataset_enclosing_places(ds, r->to, &up);
    for (size_t j = 0; j < k; j++)
      there |= up[j] == place;
    if (there) {
      in[r->from] = TRUE;
      in[r->to] = TRUE;
    }
  }
  for (size_t i = 0; i < n; i++)
    if (in[i])
      draw_node(m, i, FALSE);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind != KB_REL_MEMBER_OF && r->kind != KB_REL_WORKS_ON)
      draw_relation(m, r, NULL);
  }
  g_free(in);
}

static void
draw_sectors(Map *m)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  size_t *members = g_new0(size_t, n);
  for (size_t i = 0; i < n; i++) {
    size_t s = kb_dataset_node(ds, i)->sector;
    if (kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION && s != KB_NO_NODE)
      members[s]++;
  }
  for (size_t s = 0; s < n; s++) {
    if (members[s] == 0)
      continue;
    const char *c = kb_map_sector_colour(ds, s);
    g_autofree char *fill = tint(c, 0.6);
    g_autofree char *label = g_strdup_printf("%s\n%zu", kb_dataset_node(ds, s)->label, members[s]);
    char w[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(w, sizeof w, "%.2f", 0.9 + 0.35 * sqrt((double) members[s]));
    add_node(m, kb_dataset_node(ds, s)->id, label, 12, "shape", "circle", "style", "filled",
             "color", c, "fillcolor", fill, "width", w, "fixedsize", "true", NULL);
  }
  /* cross-sector ties: direct partnerships and funding between organisations */
  GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if ((r->kind != KB_REL_PARTNER_OF && r->kind != KB_REL_FUNDS)
        || kb_dataset_node(ds, r->from)->kind != KB_NODE_ORGANISATION
        || kb_dataset_node(ds, r->to)->kind != KB_NODE_ORGANISATION)
      continue;
    size_t a = kb_dataset_node(ds, r->from)->sector, b = kb_dataset_node(ds, r->to)->sector;
    if (a == KB_NO_NODE || b == KB_NO_NODE || a == b)
      continue;
    const char *x = kb_dataset_node(ds, a)->id, *y = kb_dataset_node(ds, b)->id;
    char *key = strcmp(x, y) < 0 ? g_strdup_printf("%s\t%s", x, y) : g_strdup_printf("%s\t%s", y, x);
    size_t old = GPOINTER_TO_SIZE(g_hash_table_lookup(count, key));
    g_hash_table_insert(count, key, GSIZE_TO_POINTER(old + 1));   /* frees key if present */
  }
  GList *ks = g_list_sort(g_hash_table_get_keys(count), (GCompareFunc) strcmp);
  size_t most = 1;
  for (GList *l = ks; l; l = l->next)
    most = MAX(most, GPOINTER_TO_SIZE(g_hash_table_lookup(count, l->data)));
  for (GList *l = ks; l; l = l->next) {
    size_t c = GPOINTER_TO_SIZE(g_hash_table_lookup(count, l->data));
    g_auto(GStrv) ab = g_strsplit(l->data, "\t", 2);
    char pen[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(pen, sizeof pen, "%.1f", 1.0 + 7.0 * (double) c / (double) most);
    g_autofree char *label = g_strdup_printf("%zu", c);
    statement(m->edges, "edge", ab[0], ab[1], "penwidth", pen, "color", "#555555", "label",
              label, "fontsize", "12", NULL);
  }
  g_list_free(ks);
  g_hash_table_unref(count);
  g_free(members);
}

/* ---------------------------------------------------------------- spec */

char *
kb_map_spec(const KbDataset *ds, const KbMapOptions *opts, GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL, NULL);
  if ((opts->view == KB_VIEW_EGO || opts->view == KB_VIEW_PLACE) && opts->focus == KB_NO_NODE) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "the %s view needs a focus: --focus ID",
                kb_view_name(opts->view));
    return NULL;
  }
  if (opts->view == KB_VIEW_PLACE && !is_place(kb_dataset_node(ds, opts->focus)->kind)) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "the place view needs a city, region or "
                "country; '%s' is a %s", kb_dataset_node(ds, opts->focus)->id,
                kb_node_kind_name(kb_dataset_node(ds, opts->focus)->kind));
    return NULL;
  }
  if (opts->view == KB_VIEW_KLAVERBLAD || opts->view == KB_VIEW_SYNERGY) {
    size_t orgs = 0;
    for (size_t i = 0; i < kb_dataset_node_count(ds); i++)
      orgs += kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION;
    if (orgs > KB_MAP_MAX_ORGANISATIONS) {
      g_set_error(error, KB_ERROR, KB_ERROR_LIMIT,
                  "the %s view draws each of the %zu organisations, more than %d can be read or "
                  "laid out; draw --view sectors, or a part in full with --view ego or --view "
                  "place and --focus ID", kb_view_name(opts->view), orgs,
                  KB_MAP_MAX_ORGANISATIONS);
      return NULL;
    }
  }
  Map m = { 0 };
  KbLang lang = opts->lang == KB_LANG_NL ? KB_LANG_NL : KB_LANG_EN;
  g_autofree char *what = NULL;
  switch (opts->view) {
  case KB_VIEW_KLAVERBLAD:
    what = g_strdup(kb_tr(lang, "the klaverblad"));
    break;
  case KB_VIEW_SYNERGY:
    what = g_strdup(kb_tr(lang, "synergy opportunities (dashed)"));
    break;
  case KB_VIEW_EGO:
    what = g_strdup_printf(kb_tr(lang, "around %s"), kb_dataset_node(ds, opts->focus)->label);
    break;
  case KB_VIEW_PLACE:
    what = g_strdup_printf(kb_tr(lang, "active in %s"), kb_dataset_node(ds, opts->focus)->label);
    break;
  case KB_VIEW_SECTORS:
    what = g_strdup(kb_tr(lang, "sectors and the ties between them"));
    break;
  }
  g_autoptr(KbSynergy) syn = NULL;
  if (opts->view == KB_VIEW_SYNERGY) {
    KbSynergyOptions so;
    kb_synergy_options_init(&so);
    so.top = opts->synergy_top;
    syn = kb_synergy_compute(ds, &so, error);
    if (syn == NULL)
      return NULL;
  }
  g_autofree char *title = title_for(ds, what, opts->year);
  gboolean placed = opts->view == KB_VIEW_KLAVERBLAD || opts->view == KB_VIEW_SYNERGY;
  begin(&m, ds, title, opts->view == KB_VIEW_SECTORS ? "circo" : "neato", placed);
  m.lang = lang;
  switch (opts->view) {
  case KB_VIEW_KLAVERBLAD:
    draw_klaverblad(&m, NULL);
    break;
  case KB_VIEW_SYNERGY:
    draw_klaverblad(&m, syn);
    break;
  case KB_VIEW_EGO:
    draw_ego(&m, opts->focus, opts->depth);
    break;
  case KB_VIEW_PLACE:
    draw_place(&m, opts->focus);
    break;
  case KB_VIEW_SECTORS:
    draw_sectors(&m);
    break;
  }
  return finish(&m);
}
