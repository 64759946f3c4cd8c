/* map.c -- what each view draws, and where, written in the renderer's text
 * format, for a paper size.
 *
 * Every view places its own boxes: the centre (the hub, the place, the
 * focus), petals of organisations by sector around it, the places abroad
 * beyond them. Every label sits inside its box, and overlapping boxes are
 * pushed apart, so no label covers a node or another label; the renderer
 * pins the boxes and only routes the ties. Text is set at the size it has
 * on the paper (at least 7 pt), so a map that would not fit summarises
 * instead of shrinking: a petal shows its most connected members and a
 * "+N more" box, ties of a kind between one box and many members of a
 * petal become one, labelled with their number, and the title says what
 * is left out. */
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
  opts->size = KB_MAP_SIZE_A4;
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

/* A node of the map. Every view places its nodes: each gets a position and
 * a box estimated from its label, overlaps between the boxes are removed,
 * and the renderer pins them, only routing the ties. */
typedef struct {
  char *id;
  GString *attrs;           /* " key=value..." without pos, width, height */
  double x, y;              /* centre, points */
  double w, h;              /* box, points */
  gboolean placed;
  gboolean fixed;           /* overlap removal does not move it */
  gboolean block;           /* a petal's box: not drawn, it carries its members */
  gint parent;              /* the block it moves with, or -1 */
  double dx, dy;            /* its centre from its block's, when in one */
} MapNode;

/* An entry of the legend: a kind of node or of tie that the map draws. */
typedef struct {
  char *cls;                /* the class of what it stands for: "k-..." or "t-..." */
  char *label;
  int order;                /* place in the legend */
  gboolean tie;
  char *attrs;              /* the swatch's style: node or edge attributes */
} LegendEntry;

/* The paper of each size, the text sizes used on it, and how many boxes a
 * petal shows at most before it summarises. The a4 map is for the text
 * width of an A4 page (16 cm, 22 cm high to leave room for a caption),
 * a4-landscape for the same page turned (24.7 x 16 cm), slide for a 16:9
 * slide, poster for an A1 sheet, landscape. */
static const struct {
  const char *name;
  double w_cm, h_cm;
  double font, title;       /* points */
} sizes[] = {
  [KB_MAP_SIZE_A4] = { "a4", 16.0, 22.0, 7.5, 11 },
  [KB_MAP_SIZE_A4_LANDSCAPE] = { "a4-landscape", 24.7, 16.0, 7.5, 12 },
  [KB_MAP_SIZE_SLIDE] = { "slide", 33.867, 19.05, 9, 16 },
  [KB_MAP_SIZE_POSTER] = { "poster", 84.1, 59.4, 11, 28 },
};

gboolean
kb_map_size_parse(const char *name, KbMapSize *out)
{
  for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++)
    if (strcmp(name, sizes[i].name) == 0) {
      *out = i;
      return TRUE;
    }
  return FALSE;
}

const char *
kb_map_size_name(KbMapSize size)
{
  g_return_val_if_fail(size <= KB_MAP_SIZE_POSTER, "?");
  return sizes[size].name;
}

void
kb_map_size_paper(KbMapSize size, double *width_cm, double *height_cm)
{
  g_return_if_fail(size <= KB_MAP_SIZE_POSTER);
  *width_cm = sizes[size].w_cm;
  *height_cm = sizes[size].h_cm;
}

typedef struct {
  const KbDataset *ds;
  KbLang lang;
  KbView view;
  double font, title_font;  /* points */
  double paper_w, paper_h;  /* points */
  GString *edges;           /* edge lines */
  gboolean *drawn;          /* node index -> already a node of the map */
  const char **rep;         /* node index -> the id of the map node standing for it */
  guint *petal_of;          /* node index -> its petal + 1, or 0 */
  GPtrArray *petal_heads;   /* petal -> the id of its heading (owned) */
  GHashTable *edge_keys;    /* ties already drawn */
  GArray *nodes;            /* of MapNode */
  GHashTable *index_of;     /* map node id -> its index + 1 */
  GArray *ties;             /* of guint pairs: the ends of each tie drawn */
  GArray *tie_labels;       /* of TieLabel */
  GArray *legend;           /* of LegendEntry */
  GHashTable *legend_keys;  /* classes in the legend */
  size_t hidden_orgs, hidden_places, hidden_others;
  char *title;
} Map;

/* The words the map adds to those of the tables (kb_tr), in Dutch. */
static const struct {
  const char *en, *nl;
} map_words[] = {
  { "+%zu more", "+%zu meer" },
  { "Not shown: %s (all in the tables).", "Niet getoond: %s (alle in de tabellen)." },
  { "cities and regions", "steden en regio's" },
  { "countries", "landen" },
  { "located in", "gevestigd in" },
  { "networks", "netwerken" },
  { "part of", "onderdeel van" },
  { "synergy opportunity", "kans op synergie" },
  { "themes", "thema's" },
  { "ties between their organisations", "banden tussen hun organisaties" },
  { "works on", "werkt aan" },
  { "%zu organisations", "%zu organisaties" },
  { "%zu organisation", "%zu organisatie" },
  { "%zu places", "%zu plaatsen" },
  { "%zu place", "%zu plaats" },
  { "%zu networks and themes", "%zu netwerken en thema's" },
  { "%zu network or theme", "%zu netwerk of thema" },
};

/* not inlined: GCC would compare each constant string with each entry */
static const char *tr(const Map *m, const char *english) G_GNUC_FORMAT(2) G_GNUC_NO_INLINE;

static const char *
tr(const Map *m, const char *english)
{
  if (m->lang == KB_LANG_NL)
    for (size_t i = 0; i < G_N_ELEMENTS(map_words); i++)
      if (strcmp(map_words[i].en, english) == 0)
        return map_words[i].nl;
  return kb_tr(m->lang, english);
}

/* The box a label needs at 'fontsize': DejaVu Sans averages about 0.6 em a
 * character; a little more, so that the label never spills. */
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
  *w = 0.62 * fontsize * (double) longest + 1.2 * fontsize;
  *h = 1.3 * fontsize * (double) lines + 0.6 * fontsize;
}

/* 'text' broken at spaces into lines of at most 'width' characters (a word
 * longer than that stands on a line of its own). New string. */
static char *
wrap(const char *text, size_t width)
{
  GString *s = g_string_new(NULL);
  size_t line = 0;
  g_auto(GStrv) words = g_strsplit(text, " ", -1);
  for (char **w = words; *w; w++) {
    size_t len = g_utf8_strlen(*w, -1);
    if (**w == '\0')
      continue;
    if (line > 0 && line + 1 + len > width) {
      g_string_append_c(s, '\n');
      line = 0;
    } else if (line > 0) {
      g_string_append_c(s, ' ');
      line++;
    }
    g_string_append(s, *w);
    line += len;
  }
  return g_string_free(s, FALSE);
}

/* Adds a map node with its attributes (NULL-terminated key, value list). */
static MapNode *
add_node(Map *m, const char *id, const char *label, double fontsize, ...)
{
  MapNode n = { 0 };
  n.id = g_strdup(id);
  n.parent = -1;
  n.attrs = g_string_new(NULL);
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
  g_hash_table_insert(m->index_of, n.id, GUINT_TO_POINTER(m->nodes->len));
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

/* Puts the members of each block where the block now is. */
static void
resolve_blocks(Map *m)
{
  for (guint i = 0; i < m->nodes->len; i++) {
    MapNode *n = &g_array_index(m->nodes, MapNode, i);
    if (n->parent < 0)
      continue;
    const MapNode *b = &g_array_index(m->nodes, MapNode, n->parent);
    place(n, b->x + n->dx, b->y + n->dy, FALSE);
  }
}

static gboolean
overlaps_any(const Map *m, guint self, double gap)
{
  const MapNode *a = &g_array_index(m->nodes, MapNode, self);
  for (guint j = 0; j < m->nodes->len; j++) {
    const MapNode *b = &g_array_index(m->nodes, MapNode, j);
    /* a placed box (a tie's label) is checked against the boxes drawn,
     * one being laid out against the petals' blocks */
    if (j == self || !b->placed || (a->fixed ? b->block : b->parent >= 0))
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
    if (!b->placed || b->parent >= 0)
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
  for (int step = 0; step < 2000; step++, r += 3) {
    place(n, r * cos(theta), r * sin(theta), FALSE);
    if (!overlaps_any(m, index, gap))
      break;
  }
  return r;
}

static void extent(const Map *m, double box[4]);

/* Sorts node indices by the left edge of their boxes, then by index. */
static int
compare_left(const void *x, const void *y, void *nodes)
{
  guint i = *(const guint *) x, j = *(const guint *) y;
  const MapNode *a = &g_array_index((GArray *) nodes, MapNode, i);
  const MapNode *b = &g_array_index((GArray *) nodes, MapNode, j);
  double la = a->x - a->w / 2, lb = b->x - b->w / 2;
  if (la != lb)
    return la < lb ? -1 : 1;
  return i < j ? -1 : i > j;
}

/* Pushes overlapping boxes apart, each pair along the axis that needs the
 * smaller move, until none overlaps (with 'gap' points between) or the
 * rounds run out. Each round sweeps the boxes from left to right, so that
 * only boxes whose sides overlap are compared; a round that moves nothing
 * has compared every pair that could overlap. Deterministic: the same
 * order every time, no randomness. Blocks' members move with their block. */
static void
remove_overlaps(Map *m, double gap)
{
  g_autoptr(GArray) order = g_array_new(FALSE, FALSE, sizeof(guint));
  for (guint i = 0; i < m->nodes->len; i++) {
    const MapNode *n = &g_array_index(m->nodes, MapNode, i);
    if (n->placed && n->parent < 0)
      g_array_append_val(order, i);
  }
  for (int round = 0; round < 400; round++) {
    g_array_sort_with_data(order, compare_left, m->nodes);
    gboolean moved = FALSE;
    for (guint oi = 0; oi < order->len; oi++)
      for (guint oj = oi + 1; oj < order->len; oj++) {
        guint i = MIN(g_array_index(order, guint, oi), g_array_index(order, guint, oj));
        guint j = MAX(g_array_index(order, guint, oi), g_array_index(order, guint, oj));
        MapNode *first = &g_array_index(m->nodes, MapNode, g_array_index(order, guint, oi));
        MapNode *next = &g_array_index(m->nodes, MapNode, g_array_index(order, guint, oj));
        if (next->x - next->w / 2 >= first->x + first->w / 2 + gap)
          break;      /* this one and all after it start right of 'first' */
        MapNode *a = &g_array_index(m->nodes, MapNode, i);
        MapNode *b = &g_array_index(m->nodes, MapNode, j);
        if (a->fixed && b->fixed)
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

/* The box around every placed node: left, bottom, right, top. */
/* How much the drawing in 'box' overruns a space of the paper's
 * proportions (the paper less a quarter of its height, for the title and
 * the legend), on its worse axis; *x_worse says which. */
static double
overrun(const Map *m, const double box[4], gboolean *x_worse)
{
  double rx = (box[2] - box[0]) / m->paper_w, ry = (box[3] - box[1]) / (0.75 * m->paper_h);
  *x_worse = rx >= ry;
  return MAX(rx, ry);
}

/* Removes overlaps, then draws the boxes closer together while that makes
 * the drawing fit the paper's proportions better: each round moves every
 * box (but the fixed ones) a sixth of the way to the centre along the axis
 * that overruns more, and removes the overlaps again. */
static void
compact(Map *m, double gap)
{
  remove_overlaps(m, gap);
  double box[4];
  extent(m, box);
  gboolean x_worse;
  double worst = overrun(m, box, &x_worse);
  g_autofree double *keep = g_new(double, 2 * m->nodes->len + 1);
  for (int round = 0; round < 12; round++) {
    for (guint i = 0; i < m->nodes->len; i++) {
      MapNode *n = &g_array_index(m->nodes, MapNode, i);
      keep[2 * i] = n->x;
      keep[2 * i + 1] = n->y;
      if (!n->fixed) {
        n->x *= x_worse ? 5.0 / 6 : 1;
        n->y *= x_worse ? 1 : 5.0 / 6;
      }
    }
    remove_overlaps(m, gap);
    extent(m, box);
    double now = overrun(m, box, &x_worse);
    if (now >= worst * 0.99) {
      for (guint i = 0; i < m->nodes->len; i++) {
        MapNode *n = &g_array_index(m->nodes, MapNode, i);
        n->x = keep[2 * i];
        n->y = keep[2 * i + 1];
      }
      break;
    }
    worst = now;
  }
}

/* The box around every placed node: left, bottom, right, top. */
static void
extent(const Map *m, double box[4])
{
  box[0] = box[1] = G_MAXDOUBLE;
  box[2] = box[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < m->nodes->len; i++) {
    const MapNode *n = &g_array_index(m->nodes, MapNode, i);
    if (!n->placed || n->parent >= 0)
      continue;
    box[0] = MIN(box[0], n->x - n->w / 2);
    box[1] = MIN(box[1], n->y - n->h / 2);
    box[2] = MAX(box[2], n->x + n->w / 2);
    box[3] = MAX(box[3], n->y + n->h / 2);
  }
  if (box[0] > box[2])
    box[0] = box[1] = box[2] = box[3] = 0;
}

/* Writes "edge A B" for a tie between the map nodes 'a' and 'b' and
 * remembers its ends; the caller adds the attributes and the line end. */
static void
edge_start(Map *m, const char *a, const char *b)
{
  guint ends[2] = { GPOINTER_TO_UINT(g_hash_table_lookup(m->index_of, a)),
                    GPOINTER_TO_UINT(g_hash_table_lookup(m->index_of, b)) };
  if (ends[0] > 0 && ends[1] > 0) {
    ends[0]--;
    ends[1]--;
    g_array_append_vals(m->ties, ends, 2);
  }
  g_string_append(m->edges, "edge ");
  kb_i_append_quoted(m->edges, a);
  g_string_append_c(m->edges, ' ');
  kb_i_append_quoted(m->edges, b);
}

/* A label of a tie, drawn as a box of its own once the boxes are placed. */
typedef struct {
  guint a, b;               /* the tie's ends */
  char *text;
} TieLabel;

static void
tie_label(Map *m, const char *a, const char *b, const char *text)
{
  TieLabel l = { GPOINTER_TO_UINT(g_hash_table_lookup(m->index_of, a)) - 1,
                 GPOINTER_TO_UINT(g_hash_table_lookup(m->index_of, b)) - 1, g_strdup(text) };
  g_array_append_val(m->tie_labels, l);
}

/* Places the ties' labels: each a white box on its tie (taken as the line
 * between its ends), at the point nearest the middle where it covers no
 * other box. Ties are drawn first, so the label covers its own line. */
static void
place_tie_labels(Map *m)
{
  static const double along[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85 };
  static const double aside[] = { 0, 1, -1, 2, -2 };
  for (guint i = 0; i < m->tie_labels->len; i++) {
    const TieLabel *l = &g_array_index(m->tie_labels, TieLabel, i);
    MapNode a = g_array_index(m->nodes, MapNode, l->a), b = g_array_index(m->nodes, MapNode, l->b);
    g_autofree char *id = g_strdup_printf("tielabel:%u", i);
    guint self = m->nodes->len;
    MapNode *n = add_node(m, id, l->text, m->font, "shape", "box", "style", "filled",
                          "color", "#FFFFFF", "fillcolor", "#FFFFFF", "margin", "0.02",
                          "class", "tie-label", NULL);
    n->w -= 0.6 * m->font;
    n->h -= 0.3 * m->font;
    /* on the line, nearest the middle first; else beside it, a line of
     * text away, then two */
    gboolean found = FALSE;
    for (size_t s = 0; s < G_N_ELEMENTS(aside) && !found; s++)
      for (size_t k = 0; k < G_N_ELEMENTS(along) && !found; k++) {
        place(n, a.x + (b.x - a.x) * along[k], a.y + (b.y - a.y) * along[k] + aside[s] * n->h,
              TRUE);
        found = !overlaps_any(m, self, 1);
      }
    /* else the free spot nearest the middle, in rings around it */
    for (int r = 1; r <= 40 && !found; r++)
      for (int k = 0; k < 16 && !found; k++) {
        double t = TAU * k / 16, d = r * 0.5 * m->font;
        place(n, (a.x + b.x) / 2 + d * cos(t), (a.y + b.y) / 2 + d * sin(t), TRUE);
        found = !overlaps_any(m, self, 1);
      }
    if (!found)
      place(n, (a.x + b.x) / 2, (a.y + b.y) / 2, TRUE);
  }
}

/* ------------------------------------------------------------- legend */

/* Adds 'cls' to the legend, once: a node swatch in the node attributes
 * 'attrs', or a tie swatch in the edge attributes 'attrs'. */
static void
legend_add(Map *m, const char *cls, const char *label, int order, gboolean tie, const char *attrs)
{
  if (g_hash_table_contains(m->legend_keys, cls))
    return;
  g_hash_table_add(m->legend_keys, g_strdup(cls));
  LegendEntry e = { g_strdup(cls), g_strdup(label), order, tie, g_strdup(attrs) };
  g_array_append_val(m->legend, e);
}

static int
compare_entries(const void *x, const void *y)
{
  const LegendEntry *a = x, *b = y;
  if (a->tie != b->tie)
    return a->tie ? 1 : -1;
  if (a->order != b->order)
    return a->order < b->order ? -1 : 1;
  return strcmp(a->cls, b->cls);
}

/* The legend's size: width and height, in points. */
static void
legend_size(const Map *m, double *w, double *h)
{
  double tw, th;
  estimate_size(kb_tr(m->lang, "Legend"), m->font + 1, &tw, &th);
  *w = tw;
  *h = th;
  for (guint i = 0; i < m->legend->len; i++) {
    const LegendEntry *e = &g_array_index(m->legend, LegendEntry, i);
    estimate_size(e->label, m->font, &tw, &th);
    *w = MAX(*w, 3 * m->font + tw);
    *h += th;
  }
}

/* Sets the label of 'n', which add_node() wrote first, flush left in its
 * box: it ends in Graphviz's \l instead of a line break. */
static void
left_justify(MapNode *n, const char *label)
{
  GString *first = g_string_new(NULL);
  put_attr(first, "label", label);
  g_assert(strncmp(n->attrs->str, first->str, first->len) == 0);
  /* before the closing quote: a backslash for the text format, then \l */
  g_string_insert(n->attrs, (gssize) first->len - 1, "\\\\l");
  g_string_free(first, TRUE);
}

/* Draws the legend as a column of rows with its top left corner at (x, y):
 * each row a swatch and its words, on one line of its own. Each row's
 * nodes are named legend:N:swatch (or legend:N:from and legend:N:to, the
 * ends of a tie's swatch) and legend:N:text, and carry the class "legend"
 * and the class of what they stand for. */
static void
legend_draw(Map *m, double x, double y)
{
  g_array_sort(m->legend, compare_entries);
  MapNode *head = add_node(m, "legend:title", kb_tr(m->lang, "Legend"), m->font + 1,
                           "shape", "plaintext", "class", "legend", NULL);
  place(head, x + head->w / 2, y - head->h / 2, TRUE);
  double cy = y - head->h;
  double sw = 2.4 * m->font;     /* a swatch's width */
  for (guint i = 0; i < m->legend->len; i++) {
    const LegendEntry *e = &g_array_index(m->legend, LegendEntry, i);
    g_autofree char *cls = g_strdup_printf("legend %s", e->cls);
    g_autofree char *tid = g_strdup_printf("legend:%u:text", i);
    MapNode *t = add_node(m, tid, e->label, m->font, "shape", "plaintext", "margin", "0.02",
                          "class", cls, NULL);
    left_justify(t, e->label);
    double row = t->h, mid = cy - row / 2;
    place(t, x + sw + 0.6 * m->font + t->w / 2, mid, TRUE);
    if (e->tie) {
      g_autofree char *a = g_strdup_printf("legend:%u:from", i);
      g_autofree char *b = g_strdup_printf("legend:%u:to", i);
      MapNode *na = add_node(m, a, "", 1, "shape", "point", "style", "invis", "class", cls, NULL);
      na->w = na->h = 1;
      place(na, x, mid, TRUE);
      MapNode *nb = add_node(m, b, "", 1, "shape", "point", "style", "invis", "class", cls, NULL);
      nb->w = nb->h = 1;
      place(nb, x + sw, mid, TRUE);
      g_string_append_printf(m->edges, "edge \"%s\" \"%s\"%s class=\"%s\"\n", a, b, e->attrs,
                             cls);
    } else {
      g_autofree char *s = g_strdup_printf("legend:%u:swatch", i);
      MapNode *n = add_node(m, s, "", 1, "class", cls, NULL);
      g_string_append(n->attrs, e->attrs);
      n->w = sw;
      n->h = MIN(row - 3, 1.3 * m->font);
      place(n, x + sw / 2, mid, TRUE);
    }
    cy -= row;
  }
}

/* -------------------------------------------------------------- nodes */

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

/* A node's class, the legend entry it belongs to: its sector for an
 * organisation, its kind for others (cities and regions together).
 * New string. */
static char *
node_class(const KbDataset *ds, size_t node)
{
  const KbNode *n = kb_dataset_node(ds, node);
  if (n->kind == KB_NODE_ORGANISATION)
    return n->sector == KB_NO_NODE ? g_strdup("k-sector-none")
                                   : g_strdup_printf("k-sector-%s", kb_dataset_node(ds, n->sector)->id);
  return g_strdup_printf("k-%s", n->kind == KB_NODE_REGION ? "city" : kb_node_kind_name(n->kind));
}

/* The style of a node of 'kind' (of 'sector', for an organisation):
 * shape, style, line and fill colours. *fill is new. */
static void
node_style(const KbDataset *ds, KbNodeKind kind, size_t sector, const char **shape,
           const char **style, const char **colour, char **fill)
{
  *shape = "box";
  *style = "filled";
  *colour = "#444444";
  switch (kind) {
  case KB_NODE_ORGANISATION:
    *style = "rounded,filled";
    *colour = kb_map_sector_colour(ds, sector);
    *fill = tint(*colour, 0.75);
    break;
  case KB_NODE_NETWORK:
    *style = "rounded,filled,bold";
    *fill = g_strdup("#FFFFFF");
    break;
  case KB_NODE_COUNTRY:
    *fill = g_strdup("#E4E4E4");
    *colour = "#555555";
    break;
  case KB_NODE_CITY:
  case KB_NODE_REGION:
    *style = "rounded,filled";
    *fill = g_strdup("#F6F6F6");
    *colour = "#888888";
    break;
  case KB_NODE_THEME:
    *fill = g_strdup("#FFFBE6");
    *colour = "#B59B00";
    break;
  case KB_NODE_SECTOR:
    *colour = kb_map_sector_colour(ds, sector);
    *fill = tint(*colour, 0.4);
    break;
  default:
    *fill = g_strdup("#FFFFFF");
  }
}

/* Records the legend entry of a node of 'kind' (of 'sector'). */
static void
legend_node(Map *m, const char *cls, KbNodeKind kind, size_t sector)
{
  const char *shape, *style, *colour;
  g_autofree char *fill = NULL;
  node_style(m->ds, kind, sector, &shape, &style, &colour, &fill);
  const char *label;
  int order;
  switch (kind) {
  case KB_NODE_ORGANISATION:
    label = sector == KB_NO_NODE ? kb_tr(m->lang, "no sector") : kb_dataset_node(m->ds, sector)->label;
    order = sector_order(m->ds, sector);
    break;
  case KB_NODE_NETWORK:
    label = tr(m, "networks");
    order = 2000;
    break;
  case KB_NODE_COUNTRY:
    label = tr(m, "countries");
    order = 2001;
    break;
  case KB_NODE_THEME:
    label = tr(m, "themes");
    order = 2003;
    break;
  case KB_NODE_SECTOR:
    label = kb_dataset_node(m->ds, sector)->label;
    order = sector_order(m->ds, sector);
    break;
  default:
    label = tr(m, "cities and regions");
    order = 2002;
  }
  GString *a = g_string_new(NULL);
  put_attr(a, "shape", shape);
  put_attr(a, "style", style);
  put_attr(a, "color", colour);
  put_attr(a, "fillcolor", fill);
  legend_add(m, cls, label, order, FALSE, a->str);
  g_string_free(a, TRUE);
}

/* Draws a dataset node in its kind's style, with its label wrapped to
 * 'width' characters (0: not wrapped); returns it, to be placed. NULL
 * when it is drawn already. */
static MapNode *
draw_node(Map *m, size_t node, gboolean focus, size_t width)
{
  if (m->drawn[node])
    return NULL;
  m->drawn[node] = TRUE;
  const KbNode *n = kb_dataset_node(m->ds, node);
  const char *shape, *style, *colour;
  g_autofree char *fill = NULL;
  node_style(m->ds, n->kind, n->kind == KB_NODE_SECTOR ? node : n->sector, &shape, &style,
             &colour, &fill);
  g_autofree char *cls = node_class(m->ds, node);
  if (!focus)
    legend_node(m, cls, n->kind, n->sector);
  g_autofree char *label = width > 0 ? wrap(n->label, width) : g_strdup(n->label);
  MapNode *mn = add_node(m, n->id, label, focus ? m->font * 1.6 : m->font,
                         "shape", shape, "style", style, "color", colour, "fillcolor", fill,
                         "penwidth", focus ? "2.5" : NULL, "class", focus ? "focus" : cls,
                         "tooltip", n->description ? n->description : n->label, NULL);
  m->rep[node] = mn->id;
  return mn;
}

/* --------------------------------------------------------------- ties */

/* The style of a tie of 'kind' as edge attributes; 'from' colours an
 * activity. */
static void
tie_style(Map *m, GString *s, KbRelKind kind, size_t from, double weight)
{
  const char *style = "solid", *colour = "#777777", *dir = "none";
  double pen = 0.8;
  switch (kind) {
  case KB_REL_MEMBER_OF:
    colour = "#8A8A8A";
    break;
  case KB_REL_ACTIVE_IN:
    style = "dashed";
    colour = from == KB_NO_NODE ? "#444444"
             : kb_map_sector_colour(m->ds, kb_dataset_node(m->ds, from)->sector);
    pen = 1.2;
    break;
  case KB_REL_LOCATED_IN:
    style = "dotted";
    break;
  case KB_REL_PARTNER_OF:
    colour = "#333333";
    pen = 1.6;
    break;
  case KB_REL_FUNDS:
    colour = "#7A5C00";
    pen = 1.2;
    dir = "forward";
    break;
  case KB_REL_TWINNED_WITH:
    colour = "#000000";
    pen = 3;
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
  char p[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(p, sizeof p, "%.1f", pen * weight);
  put_attr(s, "style", style);
  put_attr(s, "color", colour);
  put_attr(s, "penwidth", p);
  put_attr(s, "dir", dir);
  put_attr(s, "arrowsize", "0.6");
}

static const char *const tie_words[] = {
  [KB_REL_MEMBER_OF] = "member of", [KB_REL_ACTIVE_IN] = "active in",
  [KB_REL_PARTNER_OF] = "partner of", [KB_REL_TWINNED_WITH] = "twinned with",
  [KB_REL_FUNDS] = "funds", [KB_REL_LOCATED_IN] = "located in",
  [KB_REL_WORKS_ON] = "works on", [KB_REL_PART_OF] = "part of",
};

/* Draws one tie of 'kind' between the map nodes 'a' and 'b', standing for
 * 'count' ties of the data (a count above 1 is written beside it). */
static void
draw_tie(Map *m, const char *a, const char *b, KbRelKind kind, size_t from, size_t count,
         const char *tooltip)
{
  g_autofree char *cls = g_strdup_printf("t-%s", kb_rel_kind_name(kind));
  GString *style = g_string_new(NULL);
  tie_style(m, style, kind, KB_NO_NODE, 1);
  legend_add(m, cls, tr(m, tie_words[kind]), (int) kind, TRUE, style->str);
  g_string_truncate(style, 0);
  tie_style(m, style, kind, from, count > 1 ? 1.5 : 1);
  edge_start(m, a, b);
  g_string_append(m->edges, style->str);
  put_attr(m->edges, "class", cls);
  if (count > 1) {
    g_autofree char *label = g_strdup_printf("%s (%zu)", tr(m, tie_words[kind]), count);
    tie_label(m, a, b, label);
  }
  if (tooltip != NULL)
    put_attr(m->edges, "tooltip", tooltip);
  g_string_append_c(m->edges, '\n');
  g_string_free(style, TRUE);
}

/* The number of ties at or above which the ties of one kind between one
 * node and the members of a petal are drawn as one, to the petal's
 * heading. */
#define BUNDLE 3

/* The map nodes standing for the ends of tie r, and the petals the ends
 * are in (0: none); FALSE when the tie is not drawn: 'wanted' refuses it,
 * an end is not on the map, or both ends are in the same box. */
static gboolean
tie_ends(const Map *m, const KbRelation *r, gboolean (*wanted)(const KbDataset *, const KbRelation *),
         const char **a, const char **b, guint *pa, guint *pb)
{
  *a = m->rep[r->from];
  *b = m->rep[r->to];
  *pa = m->petal_of[r->from];
  *pb = m->petal_of[r->to];
  return wanted(m->ds, r) && *a != NULL && *b != NULL && *a != *b;
}

/* The key of the ties of 'kind' between the box 'box' and the members of
 * petal 'petal' ('side' '>' when the ties go to the petal, '<' when they
 * come from it). New string. */
static char *
bundle_key(const char *box, char side, guint petal, KbRelKind kind)
{
  return g_strdup_printf("%s\t%c%u\t%d", box, side, petal, kind);
}

/* Draws the ties of the data that 'wanted' accepts between the nodes the
 * map shows. A tie to a member a petal does not show goes to the petal's
 * "+N more" box. Ties of one kind between one node and BUNDLE or more
 * members of a petal are drawn as one tie to the petal's heading,
 * labelled with their number; several ties of one kind between the same
 * two boxes likewise. */
static void
draw_ties(Map *m, gboolean (*wanted)(const KbDataset *, const KbRelation *))
{
  const KbDataset *ds = m->ds;
  size_t R = kb_dataset_relation_count(ds);
  g_autoptr(GHashTable) bundles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  const char *a, *b;
  guint pa, pb;
  /* pass 1: count the ties between a box and a petal, by kind and side */
  for (size_t i = 0; i < R; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (!tie_ends(m, r, wanted, &a, &b, &pa, &pb))
      continue;
    char *keys[2] = { pb != 0 && pb != pa ? bundle_key(a, '>', pb, r->kind) : NULL,
                      pa != 0 && pa != pb ? bundle_key(b, '<', pa, r->kind) : NULL };
    for (int k = 0; k < 2; k++)
      if (keys[k] != NULL)
        g_hash_table_insert(bundles, keys[k],
                            GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(bundles, keys[k])) + 1));
  }
  /* pass 2: each tie to its ends or its bundle (to the petal's end first);
   * the ties between the same two boxes counted */
  GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GHashTable) count = g_hash_table_new(g_str_hash, g_str_equal);
  g_autoptr(GHashTable) first = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; i < R; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (!tie_ends(m, r, wanted, &a, &b, &pa, &pb))
      continue;
    gboolean bundled = FALSE;
    if (pb != 0 && pb != pa) {
      g_autofree char *k = bundle_key(a, '>', pb, r->kind);
      if ((bundled = GPOINTER_TO_SIZE(g_hash_table_lookup(bundles, k)) >= BUNDLE))
        b = g_ptr_array_index(m->petal_heads, pb - 1);
    }
    if (!bundled && pa != 0 && pa != pb) {
      g_autofree char *k = bundle_key(b, '<', pa, r->kind);
      if (GPOINTER_TO_SIZE(g_hash_table_lookup(bundles, k)) >= BUNDLE)
        a = g_ptr_array_index(m->petal_heads, pa - 1);
    }
    char *key = g_strdup_printf("%s\t%s\t%d", a, b, r->kind);
    gpointer had = g_hash_table_lookup(count, key);
    if (had == NULL) {
      g_ptr_array_add(order, key);
      g_hash_table_insert(count, key, GSIZE_TO_POINTER(1));
      g_hash_table_insert(first, key, GSIZE_TO_POINTER(i + 1));
    } else {
      g_hash_table_insert(count, key, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(had) + 1));
      g_free(key);
    }
  }
  for (guint k = 0; k < order->len; k++) {
    const char *key = g_ptr_array_index(order, k);
    size_t n = GPOINTER_TO_SIZE(g_hash_table_lookup(count, key));
    const KbRelation *r = kb_dataset_relation(ds, GPOINTER_TO_SIZE(g_hash_table_lookup(first, key)) - 1);
    g_auto(GStrv) ends = g_strsplit(key, "\t", 3);
    g_autofree char *tip = n == 1 ? g_strdup_printf("%s %s %s", kb_dataset_node(ds, r->from)->label,
                                                     kb_rel_kind_name(r->kind),
                                                     kb_dataset_node(ds, r->to)->label)
                                  : NULL;
    draw_tie(m, ends[0], ends[1], r->kind, r->from, n, tip);
  }
  g_ptr_array_unref(order);
}

/* ------------------------------------------------------------ petals */

/* A petal: a block of boxes under a heading, in one direction from the
 * centre. */
typedef struct {
  char *head;               /* the heading's id */
  char *title;              /* its words, without the count */
  const char *colour;
  char *cls;                /* the class of its members, for the "+N more" box */
  GArray *members;          /* dataset nodes, most connected first */
} Petal;

static void
petal_clear(gpointer p)
{
  Petal *pt = p;
  g_free(pt->head);
  g_free(pt->title);
  g_free(pt->cls);
  g_array_unref(pt->members);
}

static GArray *
petals_new(void)
{
  GArray *a = g_array_new(FALSE, TRUE, sizeof(Petal));
  g_array_set_clear_func(a, petal_clear);
  return a;
}

/* Adds node to the petal with heading 'head', made when new. */
static void
petal_add(GArray *petals, const char *head, const char *title, const char *colour,
          const char *cls, size_t node)
{
  for (guint i = 0; i < petals->len; i++) {
    Petal *p = &g_array_index(petals, Petal, i);
    if (strcmp(p->head, head) == 0) {
      g_array_append_val(p->members, node);
      return;
    }
  }
  Petal p = { g_strdup(head), g_strdup(title), colour, g_strdup(cls),
              g_array_new(FALSE, FALSE, sizeof(size_t)) };
  g_array_append_val(p.members, node);
  g_array_append_val(petals, p);
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

typedef struct {
  const KbDataset *ds;
  const size_t *degree;
} ByDegree;

static int
compare_ids(const void *x, const void *y, void *ds)
{
  return strcmp(kb_dataset_node(ds, *(const size_t *) x)->id,
                kb_dataset_node(ds, *(const size_t *) y)->id);
}

/* Most ties first, then by id. */
static int
compare_degree(const void *x, const void *y, void *data)
{
  const ByDegree *b = data;
  size_t a = *(const size_t *) x, c = *(const size_t *) y;
  if (b->degree[a] != b->degree[c])
    return b->degree[a] > b->degree[c] ? -1 : 1;
  return compare_ids(x, y, (gpointer) b->ds);
}

static int
compare_labels(const void *x, const void *y, void *ds)
{
  int c = g_utf8_collate(kb_dataset_node(ds, *(const size_t *) x)->label,
                         kb_dataset_node(ds, *(const size_t *) y)->label);
  return c != 0 ? c : compare_ids(x, y, ds);
}

/* The width, in characters, labels in petals are wrapped to. */
#define LABEL_WIDTH 24

/* Places the petals around the centre, each a block of at most 'cap' of
 * its members (the most connected, in alphabetical order) under its
 * heading, its inner edge at r_in from the centre; a petal with more
 * members ends in a "+N more" box standing for the others. Sets
 * angle_of[member] to its petal's direction. */
static void
layout_petals(Map *m, GArray *petals, size_t cap, double r_in, double *angle_of,
              const size_t *degree)
{
  const KbDataset *ds = m->ds;
  size_t S = petals->len;
  for (size_t s = 0; s < S; s++) {
    Petal *p = &g_array_index(petals, Petal, s);
    g_ptr_array_add(m->petal_heads, g_strdup(p->head));
    ByDegree bd = { ds, degree };
    g_array_sort_with_data(p->members, compare_degree, &bd);
    guint count = p->members->len, shown = (guint) MIN(count, MAX(cap, 1));
    g_autoptr(GArray) sorted = g_array_new(FALSE, FALSE, sizeof(size_t));
    g_array_append_vals(sorted, p->members->data, shown);
    g_array_sort_with_data(sorted, compare_labels, (gpointer) ds);
    GArray *boxes = g_array_new(FALSE, FALSE, sizeof(guint));
    double colw = 0, rowh = 0;
    for (guint k = 0; k < shown; k++) {
      guint at = m->nodes->len;
      MapNode *box = draw_node(m, g_array_index(sorted, size_t, k), FALSE, LABEL_WIDTH);
      if (box == NULL)
        continue;
      g_array_append_val(boxes, at);
      colw = MAX(colw, box->w);
      rowh = MAX(rowh, box->h + 3);
    }
    for (guint k = 0; k < count; k++)
      m->petal_of[g_array_index(p->members, size_t, k)] = (guint) s + 1;
    if (shown < count) {
      g_autofree char *id = g_strdup_printf("more:%s", p->head);
      g_autofree char *label = g_strdup_printf(tr(m, "+%zu more"), (size_t) (count - shown));
      guint at = m->nodes->len;
      g_autofree char *fill = tint(p->colour, 0.85);
      size_t first = g_array_index(p->members, size_t, 0);
      legend_node(m, p->cls, kb_dataset_node(ds, first)->kind, kb_dataset_node(ds, first)->sector);
      MapNode *more = add_node(m, id, label, m->font, "shape", "box", "style", "rounded,filled,dashed",
                               "color", p->colour, "fillcolor", fill, "class", p->cls, NULL);
      colw = MAX(colw, more->w);
      rowh = MAX(rowh, more->h + 3);
      g_array_append_val(boxes, at);
      for (guint k = shown; k < count; k++)
        m->rep[g_array_index(p->members, size_t, k)] = more->id;
      m->hidden_orgs += count - shown;
    }
    g_autofree char *words = g_strdup_printf("%s (%u)", p->title, count);
    g_autofree char *heading = wrap(words, LABEL_WIDTH);
    guint title_at = m->nodes->len;
    add_node(m, p->head, heading, m->font + 1, "shape", "box", "style", "filled", "color",
             p->colour, "fillcolor", p->colour, "fontcolor", "#FFFFFF", "class", "heading", NULL);
    MapNode *title = &g_array_index(m->nodes, MapNode, title_at);
    guint n = boxes->len;
    guint cols = MAX(1, (guint) lround(sqrt((double) n * rowh * 2.0 / MAX(colw, 1))));
    cols = MIN(cols, MAX(n, 1));
    guint rows = (n + cols - 1) / cols;
    colw = MAX(colw, title->w / cols);
    double bw = (double) cols * colw + (double) (cols - 1) * 4;
    double bh = (double) rows * rowh + title->h + 3;
    double theta = TAU / 4 + TAU * (double) s / (double) S;
    double ext = fabs(cos(theta)) * bw / 2 + fabs(sin(theta)) * bh / 2;
    double r0 = MAX(r_in, reach_towards(m, theta, 0.3) + 2 * m->font);
    double cx = (r0 + ext) * cos(theta), cy = (r0 + ext) * sin(theta);
    /* the block moves as one; its members keep their places in it */
    guint block_at = m->nodes->len;
    g_autofree char *block_id = g_strdup_printf("block:%s", p->head);
    MapNode *block = add_node(m, block_id, "", 1, NULL);
    block->block = TRUE;
    block->w = bw;
    block->h = bh;
    place(block, cx, cy, FALSE);
    title = &g_array_index(m->nodes, MapNode, title_at);
    title->parent = (gint) block_at;
    title->dx = 0;
    title->dy = bh / 2 - title->h / 2;
    for (guint k = 0; k < n; k++) {
      MapNode *box = &g_array_index(m->nodes, MapNode, g_array_index(boxes, guint, k));
      guint r = k / cols, col = k % cols;
      box->parent = (gint) block_at;
      box->dx = -bw / 2 + colw / 2 + (double) col * (colw + 4);
      box->dy = bh / 2 - title->h - 3 - rowh / 2 - (double) r * rowh;
    }
    resolve_blocks(m);
    for (guint k = 0; k < count; k++)
      angle_of[g_array_index(p->members, size_t, k)] = theta;
    g_array_unref(boxes);
  }
}

/* The petals of the organisations in 'in' (all when NULL): one a sector,
 * in the sectors' fixed order. */
static GArray *
sector_petals(Map *m, const gboolean *in)
{
  const KbDataset *ds = m->ds;
  g_autoptr(GArray) sectors = g_array_new(FALSE, FALSE, sizeof(size_t));
  size_t n = kb_dataset_node_count(ds);
  g_autofree gboolean *seen = g_new0(gboolean, n + 1);
  for (size_t i = 0; i < n; i++) {
    const KbNode *nd = kb_dataset_node(ds, i);
    if (nd->kind != KB_NODE_ORGANISATION || (in != NULL && !in[i]))
      continue;
    size_t s = nd->sector == KB_NO_NODE ? n : nd->sector;
    if (!seen[s]) {
      seen[s] = TRUE;
      g_array_append_val(sectors, nd->sector);
    }
  }
  g_array_sort_with_data(sectors, compare_sectors, (gpointer) ds);
  GArray *petals = petals_new();
  for (guint k = 0; k < sectors->len; k++) {
    size_t s = g_array_index(sectors, size_t, k);
    g_autofree char *head = g_strdup_printf("sector:%s", s == KB_NO_NODE ? "none"
                                            : kb_dataset_node(ds, s)->id);
    const char *title = s == KB_NO_NODE ? kb_tr(m->lang, "no sector") : kb_dataset_node(ds, s)->label;
    for (size_t i = 0; i < n; i++) {
      const KbNode *nd = kb_dataset_node(ds, i);
      if (nd->kind == KB_NODE_ORGANISATION && (in == NULL || in[i]) && nd->sector == s) {
        g_autofree char *cls = node_class(ds, i);
        petal_add(petals, head, title, kb_map_sector_colour(ds, s), cls, i);
      }
    }
  }
  return petals;
}

/* Places the nodes of 'items' (dataset nodes with an angle each), at most
 * 'cap' of them, those of most ties first, on a ring outside what is
 * placed, each in its direction. Returns how many it left out. */
typedef struct {
  size_t node;
  double angle;
  size_t weight;
} Angled;

static int
compare_weight(const void *x, const void *y, void *ds)
{
  const Angled *a = x, *b = y;
  if (a->weight != b->weight)
    return a->weight > b->weight ? -1 : 1;
  return compare_ids(&a->node, &b->node, ds);
}

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

/* Keeps the 'cap' items of most weight, in angle order; returns how many
 * it dropped. */
static size_t
keep_heaviest(const KbDataset *ds, GArray *items, size_t cap)
{
  g_array_sort_with_data(items, compare_weight, (gpointer) ds);
  size_t dropped = items->len > cap ? items->len - cap : 0;
  if (dropped > 0)
    g_array_set_size(items, (guint) cap);
  g_array_sort_with_data(items, compare_angled, (gpointer) ds);
  return dropped;
}

static size_t
ring(Map *m, GArray *items, size_t cap, double r_min)
{
  size_t dropped = keep_heaviest(m->ds, items, cap);
  for (guint i = 0; i < items->len; i++) {
    const Angled *a = &g_array_index(items, Angled, i);
    guint at = m->nodes->len;
    if (draw_node(m, a->node, FALSE, LABEL_WIDTH) == NULL)
      continue;
    march(m, at, a->angle, MAX(r_min, reach_towards(m, a->angle, 0.3)), 0.8 * m->font);
  }
  return dropped;
}

/* ------------------------------------------------------------ klaverblad */

static gboolean
klaverblad_tie(const KbDataset *ds, const KbRelation *r)
{
  return r->kind != KB_REL_WORKS_ON && r->kind != KB_REL_PART_OF
         && !(r->kind == KB_REL_LOCATED_IN && is_place(kb_dataset_node(ds, r->from)->kind));
}

static void
draw_klaverblad(Map *m, size_t cap, const size_t *degree)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  size_t hub = kb_dataset_hub(ds), home = kb_dataset_home(ds);
  g_autofree gboolean *home_place = kb_dataset_home_places(ds);
  double f = m->font;

  double centre_h = 0;
  if (hub != KB_NO_NODE) {
    MapNode *h = draw_node(m, hub, TRUE, 0);
    place(h, 0, 0, TRUE);
    centre_h = h->h;
  }
  if (home != KB_NO_NODE) {
    /* the home city, when it has ties of its own: twinnings, memberships */
    for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
      const KbRelation *r = kb_dataset_relation(ds, i);
      if ((r->from == home || r->to == home) && r->kind != KB_REL_LOCATED_IN
          && r->kind != KB_REL_PART_OF) {
        MapNode *h = draw_node(m, home, FALSE, LABEL_WIDTH);
        place(h, 0, -centre_h / 2 - h->h / 2 - f, FALSE);
        break;
      }
    }
  }

  g_autoptr(GArray) petals = sector_petals(m, NULL);
  g_autofree double *angle_of = g_new0(double, n);
  double r_in = 2 * f;
  layout_petals(m, petals, cap, r_in, angle_of, degree);

  /* the other networks near the centre, in the direction of their members;
   * the places abroad on a ring outside the petals, each country in the
   * direction of the organisations active there, its cities beyond it */
  g_autofree double *sx = g_new0(double, n), *sy = g_new0(double, n);
  g_autofree size_t *weight = g_new0(size_t, n);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (kb_dataset_node(ds, r->from)->kind != KB_NODE_ORGANISATION)
      continue;
    double ax = cos(angle_of[r->from]), ay = sin(angle_of[r->from]);
    if (r->kind == KB_REL_MEMBER_OF && r->to != hub) {
      weight[r->to]++;
      sx[r->to] += ax;
      sy[r->to] += ay;
    } else if ((r->kind == KB_REL_ACTIVE_IN || r->kind == KB_REL_LOCATED_IN)
               && !home_place[r->to]) {
      weight[r->to]++;
      sx[r->to] += ax;
      sy[r->to] += ay;
      g_autofree size_t *up = NULL;
      size_t k = kb_dataset_enclosing_places(ds, r->to, &up);
      for (size_t j = 0; j < k; j++)
        if (kb_dataset_node(ds, up[j])->kind == KB_NODE_COUNTRY && !home_place[up[j]]) {
          weight[up[j]]++;
          sx[up[j]] += ax;
          sy[up[j]] += ay;
        }
    }
  }
  g_autoptr(GArray) nets = g_array_new(FALSE, FALSE, sizeof(Angled));
  g_autoptr(GArray) countries = g_array_new(FALSE, FALSE, sizeof(Angled));
  g_autoptr(GArray) loose = g_array_new(FALSE, FALSE, sizeof(Angled));
  g_autofree size_t *country_of = g_new(size_t, n + 1);   /* a place's country abroad */
  for (size_t i = 0; i <= n; i++)
    country_of[i] = KB_NO_NODE;
  for (size_t i = 0; i < n; i++) {
    if (weight[i] == 0 || m->drawn[i])
      continue;
    Angled a = { i, mean_angle(sx[i], sy[i], TAU / 4), weight[i] };
    KbNodeKind k = kb_dataset_node(ds, i)->kind;
    if (k == KB_NODE_NETWORK)
      g_array_append_val(nets, a);
    else if (k == KB_NODE_COUNTRY)
      g_array_append_val(countries, a);
    else if (is_place(k)) {
      /* a city or region: drawn beyond its country, or on its own when
       * its country is not in the data */
      g_autofree size_t *up = NULL;
      size_t k2 = kb_dataset_enclosing_places(ds, i, &up);
      for (size_t j = 0; j < k2 && country_of[i] == KB_NO_NODE; j++)
        if (kb_dataset_node(ds, up[j])->kind == KB_NODE_COUNTRY && !home_place[up[j]])
          country_of[i] = up[j];
      if (country_of[i] == KB_NO_NODE)
        g_array_append_val(loose, a);
    }
  }
  keep_heaviest(ds, nets, cap);
  for (guint i = 0; i < nets->len; i++) {
    const Angled *a = &g_array_index(nets, Angled, i);
    guint at = m->nodes->len;
    if (draw_node(m, a->node, FALSE, LABEL_WIDTH) == NULL)
      continue;
    march(m, at, a->angle, centre_h + 4 * f, 0.6 * f);
  }
  keep_heaviest(ds, countries, MAX(cap, 4));
  size_t city_cap = cap / 3;
  for (guint i = 0; i < countries->len; i++) {
    const Angled *a = &g_array_index(countries, Angled, i);
    guint at = m->nodes->len;
    if (draw_node(m, a->node, FALSE, LABEL_WIDTH) == NULL)
      continue;
    double r = march(m, at, a->angle, centre_h, f) + 2 * f;
    g_autoptr(GArray) cities = g_array_new(FALSE, FALSE, sizeof(Angled));
    for (size_t c = 0; c < n; c++)
      if (weight[c] > 0 && !m->drawn[c] && country_of[c] == a->node) {
        Angled ac = { c, a->angle, weight[c] };
        g_array_append_val(cities, ac);
      }
    keep_heaviest(ds, cities, city_cap);
    for (guint j = 0; j < cities->len; j++) {
      guint pat = m->nodes->len;
      draw_node(m, g_array_index(cities, Angled, j).node, FALSE, LABEL_WIDTH);
      march(m, pat, a->angle, r, 0.5 * f);
    }
  }
  /* places whose country is not in the data */
  ring(m, loose, cap, r_in);
  /* a city or region left out stands in its country, when that is drawn */
  for (size_t c = 0; c < n; c++)
    if (weight[c] > 0 && !m->drawn[c] && country_of[c] != KB_NO_NODE && m->drawn[country_of[c]])
      m->rep[c] = m->rep[country_of[c]];
  /* what is left out */
  for (size_t i = 0; i < n; i++)
    if (weight[i] > 0 && !m->drawn[i]) {
      if (is_place(kb_dataset_node(ds, i)->kind))
        m->hidden_places++;
      else if (kb_dataset_node(ds, i)->kind != KB_NODE_ORGANISATION)
        m->hidden_others++;
    }
  compact(m, 0.5 * f);
  draw_ties(m, klaverblad_tie);
}

/* The klaverblad with the strongest synergy pairs as dashed ties. */
static void
draw_synergy(Map *m, size_t cap, const size_t *degree, const KbSynergy *suggested)
{
  draw_klaverblad(m, cap, degree);
  const KbDataset *ds = m->ds;
  GString *style = g_string_new(NULL);
  put_attr(style, "style", "dashed");
  put_attr(style, "color", "#C00000");
  put_attr(style, "penwidth", "2.2");
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; suggested != NULL && i < suggested->n_pairs; i++) {
    const KbSynergyPair *p = &suggested->pairs[i];
    const char *a = m->rep[p->a], *b = m->rep[p->b];
    if (a == NULL || b == NULL || a == b || !g_hash_table_add(seen, g_strdup_printf("%s\t%s", a, b)))
      continue;
    legend_add(m, "t-synergy", tr(m, "synergy opportunity"), KB_REL_KIND_COUNT, TRUE, style->str);
    char score[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(score, sizeof score, "%.2f", p->score);
    g_autofree char *tip = g_strdup_printf("synergy %s: %s and %s", score,
                                           kb_dataset_node(ds, p->a)->label,
                                           kb_dataset_node(ds, p->b)->label);
    edge_start(m, a, b);
    put_attr(m->edges, "class", "t-synergy");
    put_attr(m->edges, "tooltip", tip);
    g_string_append(m->edges, style->str);
    g_string_append_c(m->edges, '\n');
  }
  g_string_free(style, TRUE);
}

/* -------------------------------------------------------- other views */

static gboolean
any_tie(const KbDataset *ds, const KbRelation *r)
{
  (void) ds;
  (void) r;
  return TRUE;
}

static gboolean
place_tie(const KbDataset *ds, const KbRelation *r)
{
  (void) ds;
  return r->kind != KB_REL_MEMBER_OF && r->kind != KB_REL_WORKS_ON;
}

/* The focus in the centre, the organisations of 'in' in petals by sector
 * around it, and the other nodes of 'in' in petals by kind. */
static void
draw_around(Map *m, size_t focus, const gboolean *in, size_t cap, const size_t *degree,
            gboolean (*wanted)(const KbDataset *, const KbRelation *))
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  MapNode *c = draw_node(m, focus, TRUE, 0);
  place(c, 0, 0, TRUE);
  GArray *petals = sector_petals(m, in);
  static const KbNodeKind kinds[] = { KB_NODE_NETWORK, KB_NODE_COUNTRY, KB_NODE_CITY,
                                      KB_NODE_THEME, KB_NODE_SECTOR };
  for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++)
    for (size_t i = 0; i < n; i++) {
      KbNodeKind kind = kb_dataset_node(ds, i)->kind;
      if (i == focus || !in[i] || kind == KB_NODE_ORGANISATION
          || (kind == KB_NODE_REGION ? KB_NODE_CITY : kind) != kinds[k])
        continue;
      g_autofree char *cls = node_class(ds, i);
      g_autofree char *head = g_strdup_printf("kind:%s", cls + 2);
      const char *title = kinds[k] == KB_NODE_NETWORK ? tr(m, "networks")
                          : kinds[k] == KB_NODE_COUNTRY ? tr(m, "countries")
                          : kinds[k] == KB_NODE_CITY ? tr(m, "cities and regions")
                          : kinds[k] == KB_NODE_THEME ? tr(m, "themes") : kb_tr(m->lang, "sector");
      petal_add(petals, head, title, "#777777", cls, i);
    }
  g_autofree double *angle_of = g_new0(double, n);
  layout_petals(m, petals, cap, c->h / 2 + 4 * m->font, angle_of, degree);
  g_array_unref(petals);
  compact(m, 0.5 * m->font);
  draw_ties(m, wanted);
}

static void
draw_ego(Map *m, size_t focus, unsigned depth, size_t cap, const size_t *degree)
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
  g_autofree gboolean *in = g_new0(gboolean, n);
  for (size_t i = 0; i < n; i++)
    in[i] = dist[i] != SIZE_MAX;
  g_free(dist);
  draw_around(m, focus, in, cap, degree, any_tie);
}

static void
draw_place(Map *m, size_t place, size_t cap, const size_t *degree)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  g_autofree gboolean *in = g_new0(gboolean, n);
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
  draw_around(m, place, in, cap, degree, place_tie);
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
  g_autoptr(GArray) sectors = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t s = 0; s < n; s++)
    if (members[s] > 0)
      g_array_append_val(sectors, s);
  g_array_sort_with_data(sectors, compare_sectors, (gpointer) ds);
  size_t most = 1;
  for (guint k = 0; k < sectors->len; k++)
    most = MAX(most, members[g_array_index(sectors, size_t, k)]);
  /* circles on a ring, each as large as its label needs and growing with
   * the sector's size */
  double f = m->font + 1, ring_r = 0;
  for (guint k = 0; k < sectors->len; k++) {
    size_t s = g_array_index(sectors, size_t, k);
    const char *c = kb_map_sector_colour(ds, s);
    g_autofree char *fill = tint(c, 0.6);
    g_autofree char *name = wrap(kb_dataset_node(ds, s)->label, 16);
    g_autofree char *label = g_strdup_printf("%s\n%zu", name, members[s]);
    g_autofree char *cls = g_strdup_printf("k-sector-%s", kb_dataset_node(ds, s)->id);
    legend_node(m, cls, KB_NODE_SECTOR, s);
    MapNode *node = add_node(m, kb_dataset_node(ds, s)->id, label, f, "shape", "circle",
                             "style", "filled", "color", c, "fillcolor", fill, "class", cls, NULL);
    /* a circle around the label's box, larger for more members */
    double d = hypot(node->w, node->h) * (1 + 0.4 * sqrt((double) members[s] / (double) most));
    node->w = node->h = d;
    ring_r += d + 2 * f;
  }
  /* the circumference holds the circles side by side */
  double R = sectors->len > 1 ? ring_r / TAU : 0;
  for (guint k = 0; k < sectors->len; k++) {
    double theta = TAU / 4 - TAU * (double) k / (double) MAX(sectors->len, 1);
    place(&g_array_index(m->nodes, MapNode, k), R * cos(theta), R * sin(theta), FALSE);
  }
  compact(m, f);
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
  size_t most_ties = 1;
  for (GList *l = ks; l; l = l->next)
    most_ties = MAX(most_ties, GPOINTER_TO_SIZE(g_hash_table_lookup(count, l->data)));
  if (ks != NULL) {
    GString *style = g_string_new(NULL);
    put_attr(style, "color", "#555555");
    put_attr(style, "penwidth", "2");
    legend_add(m, "t-cross", tr(m, "ties between their organisations"), 0, TRUE, style->str);
    g_string_free(style, TRUE);
  }
  for (GList *l = ks; l; l = l->next) {
    size_t c = GPOINTER_TO_SIZE(g_hash_table_lookup(count, l->data));
    g_auto(GStrv) ab = g_strsplit(l->data, "\t", 2);
    char pen[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(pen, sizeof pen, "%.1f", 1.0 + 7.0 * (double) c / (double) most_ties);
    g_autofree char *label = g_strdup_printf("%zu", c);
    edge_start(m, ab[0], ab[1]);
    put_attr(m->edges, "penwidth", pen);
    put_attr(m->edges, "color", "#555555");
    put_attr(m->edges, "class", "t-cross");
    tie_label(m, ab[0], ab[1], label);
    g_string_append_c(m->edges, '\n');
  }
  g_list_free(ks);
  g_hash_table_unref(count);
  g_free(members);
}

/* ---------------------------------------------------------------- spec */

static void
map_init(Map *m, const KbDataset *ds, const KbMapOptions *opts)
{
  memset(m, 0, sizeof *m);
  size_t n = kb_dataset_node_count(ds);
  KbMapSize size = opts->size <= KB_MAP_SIZE_POSTER ? opts->size : KB_MAP_SIZE_A4;
  m->ds = ds;
  m->lang = opts->lang == KB_LANG_NL ? KB_LANG_NL : KB_LANG_EN;
  m->view = opts->view;
  m->font = sizes[size].font;
  m->title_font = sizes[size].title;
  m->paper_w = sizes[size].w_cm / 2.54 * 72;
  m->paper_h = sizes[size].h_cm / 2.54 * 72;
  m->edges = g_string_new(NULL);
  m->drawn = g_new0(gboolean, n + 1);
  m->rep = g_new0(const char *, n + 1);
  m->petal_of = g_new0(guint, n + 1);
  m->petal_heads = g_ptr_array_new_with_free_func(g_free);
  m->nodes = g_array_new(FALSE, TRUE, sizeof(MapNode));
  m->index_of = g_hash_table_new(g_str_hash, g_str_equal);
  m->ties = g_array_new(FALSE, FALSE, sizeof(guint));
  m->tie_labels = g_array_new(FALSE, FALSE, sizeof(TieLabel));
  m->legend = g_array_new(FALSE, TRUE, sizeof(LegendEntry));
  m->legend_keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static void
map_release(Map *m)
{
  for (guint i = 0; i < m->nodes->len; i++) {
    MapNode *n = &g_array_index(m->nodes, MapNode, i);
    g_free(n->id);
    g_string_free(n->attrs, TRUE);
  }
  for (guint i = 0; i < m->legend->len; i++) {
    LegendEntry *e = &g_array_index(m->legend, LegendEntry, i);
    g_free(e->cls);
    g_free(e->label);
    g_free(e->attrs);
  }
  g_array_unref(m->nodes);
  g_hash_table_unref(m->index_of);
  g_array_unref(m->ties);
  for (guint i = 0; i < m->tie_labels->len; i++)
    g_free(g_array_index(m->tie_labels, TieLabel, i).text);
  g_array_unref(m->tie_labels);
  g_array_unref(m->legend);
  g_hash_table_unref(m->legend_keys);
  g_ptr_array_unref(m->petal_heads);
  g_string_free(m->edges, TRUE);
  g_free(m->drawn);
  g_free(m->rep);
  g_free(m->petal_of);
  g_free(m->title);
}

/* The title: the dataset's, what the view shows, and what it leaves out,
 * each wrapped to the paper's width. New string. */
static char *
title_for(const Map *m, const char *what, int year)
{
  const KbDataset *ds = m->ds;
  size_t width = (size_t) MAX(20, (m->paper_w - 2 * m->font) / (0.62 * m->title_font));
  const char *t = kb_dataset_title(ds);
  GString *s = g_string_new(NULL);
  g_autofree char *first = wrap(t ? t : kb_dataset_name(ds), width);
  g_string_append(s, first);
  g_autofree char *view = year != KB_NO_YEAR ? g_strdup_printf("%s (%d)", what, year) : g_strdup(what);
  g_autofree char *second = wrap(view, width);
  g_string_append_printf(s, "\n%s", second);
  GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
  if (m->hidden_orgs > 0)
    g_ptr_array_add(parts, g_strdup_printf(tr(m, m->hidden_orgs == 1 ? "%zu organisation"
                                                : "%zu organisations"), m->hidden_orgs));
  if (m->hidden_places > 0)
    g_ptr_array_add(parts, g_strdup_printf(tr(m, m->hidden_places == 1 ? "%zu place"
                                                : "%zu places"), m->hidden_places));
  if (m->hidden_others > 0)
    g_ptr_array_add(parts, g_strdup_printf(tr(m, m->hidden_others == 1 ? "%zu network or theme"
                                                : "%zu networks and themes"), m->hidden_others));
  if (parts->len > 0) {
    g_ptr_array_add(parts, NULL);
    g_autofree char *list = g_strjoinv(", ", (char **) parts->pdata);
    g_autofree char *line = g_strdup_printf(tr(m, "Not shown: %s (all in the tables)."), list);
    g_autofree char *wrapped = wrap(line, width);
    g_string_append_printf(s, "\n%s", wrapped);
  }
  g_ptr_array_unref(parts);
  return g_string_free(s, FALSE);
}

static size_t
count_lines(const char *text)
{
  size_t n = 1;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

/* TRUE when the segment from (x0, y0) to (x1, y1) passes through the
 * rectangle r (left, bottom, right, top): Liang and Barsky's clipping. */
static gboolean
segment_crosses(double x0, double y0, double x1, double y1, const double r[4])
{
  double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy }, q[4] = { x0 - r[0], r[2] - x0, y0 - r[1], r[3] - y0 };
  for (int i = 0; i < 4; i++) {
    if (p[i] == 0) {
      if (q[i] < 0)
        return FALSE;
      continue;
    }
    double t = q[i] / p[i];
    if (p[i] < 0)
      t0 = MAX(t0, t);
    else
      t1 = MIN(t1, t);
    if (t0 > t1)
      return FALSE;
  }
  return TRUE;
}

/* Finds a corner of the drawing where a legend of w x h points covers no
 * box and no tie (taken as the straight line between its ends); sets its
 * top left corner and returns TRUE, or returns FALSE when there is none. */
static gboolean
legend_spot(Map *m, double w, double h, double *x, double *y)
{
  resolve_blocks(m);
  double box[4], gap = m->font;
  extent(m, box);
  if (box[2] - box[0] < w || box[3] - box[1] < h)
    return FALSE;
  /* from each corner inwards, in steps of two lines of text */
  double step = 2 * m->font;
  int nx = (int) ((box[2] - box[0] - w) / step), ny = (int) ((box[3] - box[1] - h) / step);
  for (int k = 0; k < 4 * (nx + 1) * (ny + 1); k++) {
    int c = k % 4, across = (k / 4) % (nx + 1), down = (k / 4) / (nx + 1);
    double cx = c % 2 == 0 ? box[0] + across * step : box[2] - w - across * step;
    double cy = c < 2 ? box[3] - down * step : box[1] + h + down * step;
    double r[4] = { cx - gap, cy - h - gap, cx + w + gap, cy + gap };
    gboolean free = TRUE;
    for (guint i = 0; i < m->nodes->len && free; i++) {
      const MapNode *n = &g_array_index(m->nodes, MapNode, i);
      if (n->placed && !n->block && n->x + n->w / 2 > r[0] && n->x - n->w / 2 < r[2]
          && n->y + n->h / 2 > r[1] && n->y - n->h / 2 < r[3])
        free = FALSE;
    }
    for (guint i = 0; i + 1 < m->ties->len && free; i += 2) {
      const MapNode *a = &g_array_index(m->nodes, MapNode, g_array_index(m->ties, guint, i));
      const MapNode *b = &g_array_index(m->nodes, MapNode, g_array_index(m->ties, guint, i + 1));
      if (segment_crosses(a->x, a->y, b->x, b->y, r))
        free = FALSE;
    }
    if (free) {
      *x = cx;
      *y = cy;
      return TRUE;
    }
  }
  return FALSE;
}

/* How the drawing, the legend and the title share the paper. */
typedef struct {
  double box[4];            /* the drawing: left, bottom, right, top */
  double legend_w, legend_h;
  gboolean legend_below;    /* else to the left */
  gboolean legend_inside;   /* in a free corner of the drawing, at (legend_x, legend_y) */
  double legend_x, legend_y;
  double avail_w, avail_h;  /* the paper less its margins and the title */
  double need;              /* how many times the paper it takes: at most 1 fits */
} Fit;

static void
measure(Map *m, Fit *fit)
{
  extent(m, fit->box);
  legend_size(m, &fit->legend_w, &fit->legend_h);
  double gap = 2 * m->font;
  double w = fit->box[2] - fit->box[0], h = fit->box[3] - fit->box[1];
  fit->avail_w = m->paper_w - m->font;
  fit->avail_h = m->paper_h - m->font
                 - (double) count_lines(m->title) * 1.25 * m->title_font - m->title_font;
  double left = MAX((w + gap + fit->legend_w) / fit->avail_w, MAX(h, fit->legend_h) / fit->avail_h);
  double below = MAX(MAX(w, fit->legend_w) / fit->avail_w, (h + gap + fit->legend_h) / fit->avail_h);
  fit->legend_below = below < left;
  fit->need = MIN(left, below);
  fit->legend_inside = legend_spot(m, fit->legend_w, fit->legend_h, &fit->legend_x,
                                   &fit->legend_y);
  if (fit->legend_inside)
    fit->need = MAX(w / fit->avail_w, h / fit->avail_h);
}

/* Spreads the drawing over the room the paper leaves it (moving the
 * boxes apart, never closer), then puts the legend in a free corner of it,
 * or beside or below it. */
static void
spread_and_legend(Map *m, const Fit *fit)
{
  double gap = 2 * m->font;
  double w = MAX(fit->box[2] - fit->box[0], 1), h = MAX(fit->box[3] - fit->box[1], 1);
  gboolean inside = fit->legend_inside;
  double room_w = fit->avail_w - (inside || fit->legend_below ? 0 : fit->legend_w + gap);
  double room_h = fit->avail_h - (!inside && fit->legend_below ? fit->legend_h + gap : 0);
  double kx = CLAMP(room_w / w, 1, 1.6), ky = CLAMP(room_h / h, 1, 1.6);
  if (m->view == KB_VIEW_SECTORS)
    kx = ky = 1;
  for (int pass = 0; pass < 2; pass++) {
    for (guint i = 0; i < m->nodes->len; i++) {
      MapNode *n = &g_array_index(m->nodes, MapNode, i);
      if (n->parent < 0) {
        n->x *= pass == 0 ? kx : 1 / kx;
        n->y *= pass == 0 ? ky : 1 / ky;
      }
    }
    double x, y;
    if (!inside || pass == 1)
      break;
    resolve_blocks(m);
    if (legend_spot(m, fit->legend_w, fit->legend_h, &x, &y)) {
      legend_draw(m, x, y);
      return;
    }
    /* the spread drawing has no free corner: as it was, then */
  }
  if (inside) {
    legend_draw(m, fit->legend_x, fit->legend_y);
    return;
  }
  double box[4];
  extent(m, box);
  if (fit->legend_below)
    legend_draw(m, box[0], box[1] - gap);
  else
    legend_draw(m, box[0] - gap - fit->legend_w, box[3]);
}

/* Writes the graph line, the nodes, the edges and the end. */
static char *
write_spec(Map *m)
{
  GString *s = g_string_new("klaverblad-render 1\n");
  char fs[G_ASCII_DTOSTR_BUF_SIZE], pw[G_ASCII_DTOSTR_BUF_SIZE], ph[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(fs, sizeof fs, "%.1f", m->title_font);
  g_ascii_formatd(pw, sizeof pw, "%.4f", m->paper_w / 72);
  g_ascii_formatd(ph, sizeof ph, "%.4f", m->paper_h / 72);
  g_autofree char *paper = g_strdup_printf("%s,%s", pw, ph);
  /* every node is placed here and pinned: Graphviz routes the ties */
  statement(s, "graph", NULL, NULL, "layout", "neato", "paper", paper, "label", m->title,
            "labelloc", "t", "fontsize", fs, "fontname", "DejaVu Sans", "splines", "true",
            "outputorder", "edgesfirst", "bgcolor", "white", "forcelabels", "true", NULL);
  resolve_blocks(m);
  for (guint i = 0; i < m->nodes->len; i++) {
    MapNode *n = &g_array_index(m->nodes, MapNode, i);
    if (n->block)
      continue;
    g_string_append(s, "node ");
    kb_i_append_quoted(s, n->id);
    g_string_append(s, n->attrs->str);
    g_string_append(s, " fontname=\"DejaVu Sans\"");
    char w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];
    char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(w, sizeof w, "%.3f", n->w / 72.0);
    g_ascii_formatd(h, sizeof h, "%.3f", n->h / 72.0);
    g_ascii_formatd(x, sizeof x, "%.4f", n->x / 72.0);
    g_ascii_formatd(y, sizeof y, "%.4f", n->y / 72.0);
    g_string_append_printf(s, " x=%s y=%s width=%s height=%s fixedsize=true\n", x, y, w, h);
  }
  g_string_append(s, m->edges->str);
  g_string_append(s, "end\n");
  return g_string_free(s, FALSE);
}

/* Draws the view with petals of at most 'cap' boxes. */
static void
draw_view(Map *m, const KbMapOptions *opts, size_t cap, const size_t *degree,
          const KbSynergy *suggested)
{
  switch (opts->view) {
  case KB_VIEW_KLAVERBLAD:
    draw_klaverblad(m, cap, degree);
    break;
  case KB_VIEW_SYNERGY:
    draw_synergy(m, cap, degree, suggested);
    break;
  case KB_VIEW_EGO:
    draw_ego(m, opts->focus, opts->depth, cap, degree);
    break;
  case KB_VIEW_PLACE:
    draw_place(m, opts->focus, cap, degree);
    break;
  case KB_VIEW_SECTORS:
    draw_sectors(m);
    break;
  }
  resolve_blocks(m);
}

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
  g_autoptr(KbSynergy) suggested = NULL;
  if (opts->view == KB_VIEW_SYNERGY) {
    KbSynergyOptions so;
    kb_synergy_options_init(&so);
    so.top = opts->synergy_top;
    suggested = kb_synergy_compute(ds, &so);
  }
  /* the degree of each node ranks the members of a petal; the largest
   * group bounds the petals */
  size_t n = kb_dataset_node_count(ds);
  g_autofree size_t *degree = g_new0(size_t, n + 1);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    degree[r->from]++;
    degree[r->to]++;
  }
  g_autofree size_t *group = g_new0(size_t, n + 1);
  size_t largest = 1, groups = 0;
  for (size_t i = 0; i < n; i++) {
    const KbNode *nd = kb_dataset_node(ds, i);
    size_t g = nd->kind == KB_NODE_ORGANISATION ? (nd->sector == KB_NO_NODE ? n : nd->sector) : i;
    if (nd->kind == KB_NODE_ORGANISATION) {
      groups += group[g] == 0;
      largest = MAX(largest, ++group[g]);
    }
  }
  /* The first try shows as many boxes as the paper holds at about a third
   * of its area (the rest is room between them); each try that does not
   * fit shows fewer, by the area it overran. */
  Map m;
  map_init(&m, ds, opts);
  double box_area = (0.62 * m.font * LABEL_WIDTH * 0.7 + 1.2 * m.font)
                    * (1.3 * m.font * 1.5 + 0.6 * m.font) * 3;
  size_t budget = (size_t) (m.paper_w * m.paper_h / box_area);
  size_t cap = MIN(largest, MAX(1, budget / MAX(groups, 1)));
  map_release(&m);
  Fit fit;
  for (;;) {
    map_init(&m, ds, opts);
    draw_view(&m, opts, cap, degree, suggested);
    m.title = title_for(&m, what, opts->year);
    measure(&m, &fit);
    if (fit.need <= 1 || cap <= 1 || opts->view == KB_VIEW_SECTORS)
      break;
    size_t next = fit.need < 1.25 ? cap - 1 : (size_t) ((double) cap * 0.9 / (fit.need * fit.need));
    cap = CLAMP(next, MAX(cap / 3, 1), cap - 1);
    map_release(&m);
  }
  spread_and_legend(&m, &fit);
  resolve_blocks(&m);
  place_tie_labels(&m);
  char *spec = write_spec(&m);
  map_release(&m);
  return spec;
}
