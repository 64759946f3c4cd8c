/* map.c -- network maps: what each view draws, and where, for a paper
 * size, written in the renderer's text format.
 *
 * Every view places its own boxes (views.c): a centre (the hub, the place,
 * the focus), petals of organisations by sector around it, the places
 * abroad beyond them. Every label sits inside its box, and overlapping
 * boxes are pushed apart (layout.c), so no label covers a node or another
 * label; the renderer pins the boxes and only routes the ties. Text is set
 * at the size it has on the paper (at least 7 pt), so a map that would not
 * fit summarises instead of shrinking: kb_map_spec() tries again with fewer
 * members a petal, each petal showing its most connected members and a
 * "+N more" box; ties of a kind between one box and many members of a
 * petal become one, labelled with their number (draw.c); and the title
 * says what is left out. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/quote.h"
#include "klaverblad/error.h"
#include "map/map_internal.h"

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
int
kb_i_map_fixed_index(const KbDataset *ds, size_t sector)
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
  int fixed = kb_i_map_fixed_index(ds, sector);
  if (fixed >= 0)
    return fixed_colours[fixed].colour;
  /* the position of this sector among the other sectors without a role, by id */
  const char *id = kb_dataset_node(ds, sector)->id;
  size_t before = 0;
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    if (n->kind == KB_NODE_SECTOR && strcmp(n->id, id) < 0 && kb_i_map_fixed_index(ds, i) < 0)
      before++;
  }
  return spare_colours[before % G_N_ELEMENTS(spare_colours)];
}

/* A colour mixed with white: t = 0 the colour, 1 white. */
char *
kb_i_map_tint(const char *hex, double t)
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
void
kb_i_map_put_attr(GString *s, const char *key, const char *value)
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
void
kb_i_map_put_attrs(GString *s, va_list ap)
{
  const char *k;
  while ((k = va_arg(ap, const char *)) != NULL) {
    const char *v = va_arg(ap, const char *);
    if (v != NULL)
      kb_i_map_put_attr(s, k, v);
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
  kb_i_map_put_attrs(s, ap);
  va_end(ap);
}

/* The smallest text a map sets, in points. */
#define MIN_FONT 7.0

/* The paper of each size and the text sizes used on it. The a4 map is for the text
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

/* The words of 'english' in the map's language. (Not inlined, see
 * map_internal.h.) */
const char *
kb_i_map_tr(const Map *m, const char *english)
{
  if (m->lang == KB_LANG_NL)
    for (size_t i = 0; i < G_N_ELEMENTS(map_words); i++)
      if (strcmp(map_words[i].en, english) == 0)
        return map_words[i].nl;
  return kb_tr(m->lang, english);
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
  g_autofree char *first = kb_i_map_wrap(t ? t : kb_dataset_name(ds), width);
  g_string_append(s, first);
  g_autofree char *view = year != KB_NO_YEAR ? g_strdup_printf("%s (%d)", what, year) : g_strdup(what);
  g_autofree char *second = kb_i_map_wrap(view, width);
  g_string_append_printf(s, "\n%s", second);
  GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
  if (m->hidden_orgs > 0)
    g_ptr_array_add(parts, g_strdup_printf(kb_i_map_tr(m, m->hidden_orgs == 1 ? "%zu organisation"
                                                : "%zu organisations"), m->hidden_orgs));
  if (m->hidden_places > 0)
    g_ptr_array_add(parts, g_strdup_printf(kb_i_map_tr(m, m->hidden_places == 1 ? "%zu place"
                                                : "%zu places"), m->hidden_places));
  if (m->hidden_others > 0)
    g_ptr_array_add(parts, g_strdup_printf(kb_i_map_tr(m, m->hidden_others == 1 ? "%zu network or theme"
                                                : "%zu networks and themes"), m->hidden_others));
  if (parts->len > 0) {
    g_ptr_array_add(parts, NULL);
    g_autofree char *list = g_strjoinv(", ", (char **) parts->pdata);
    g_autofree char *line = g_strdup_printf(kb_i_map_tr(m, "Not shown: %s (all in the tables)."), list);
    g_autofree char *wrapped = kb_i_map_wrap(line, width);
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

/* How the drawing, the legend and the title share the paper. */
typedef struct {
  double box[4];            /* the drawing: left, bottom, right, top */
  double legend_w, legend_h;
  guint legend_columns;
  gboolean legend_below;    /* else to the left */
  gboolean legend_inside;   /* in a free corner of the drawing, at (legend_x, legend_y) */
  double legend_x, legend_y;
  double avail_w, avail_h;  /* the paper less its margins and the title */
  double need;              /* how many times the paper it takes: at most 1 fits */
} Fit;

static void
measure(Map *m, Fit *fit)
{
  kb_i_map_extent(m, fit->box);
  double gap = 2 * m->font;
  double w = fit->box[2] - fit->box[0], h = fit->box[3] - fit->box[1];
  fit->avail_w = m->paper_w - m->font;
  fit->avail_h = m->paper_h - m->font
                 - (double) count_lines(m->title) * 1.4 * m->title_font - m->title_font;
  /* the legend in one column beside the drawing, or below it in two when
   * they fit across */
  double w1, h1, w2, h2;
  kb_i_map_legend_size(m, 1, &w1, &h1);
  kb_i_map_legend_size(m, 2, &w2, &h2);
  guint below_columns = w2 <= fit->avail_w ? 2 : 1;
  double bw = below_columns == 2 ? w2 : w1, bh = below_columns == 2 ? h2 : h1;
  double left = MAX((w + gap + w1) / fit->avail_w, MAX(h, h1) / fit->avail_h);
  double below = MAX(MAX(w, bw) / fit->avail_w, (h + gap + bh) / fit->avail_h);
  fit->legend_below = below < left;
  fit->legend_columns = fit->legend_below ? below_columns : 1;
  fit->legend_w = fit->legend_below ? bw : w1;
  fit->legend_h = fit->legend_below ? bh : h1;
  fit->need = MIN(left, below);
  fit->legend_inside = kb_i_map_legend_spot(m, w1, h1, &fit->legend_x, &fit->legend_y);
  if (fit->legend_inside) {
    fit->legend_columns = 1;
    fit->legend_w = w1;
    fit->legend_h = h1;
  }
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
    kb_i_map_resolve_blocks(m);
    if (kb_i_map_legend_spot(m, fit->legend_w, fit->legend_h, &x, &y)) {
      kb_i_map_legend_draw(m, x, y, 1);
      return;
    }
    /* the spread drawing has no free corner: as it was, then */
  }
  if (inside) {
    kb_i_map_legend_draw(m, fit->legend_x, fit->legend_y, 1);
    return;
  }
  double box[4];
  kb_i_map_extent(m, box);
  if (fit->legend_below)
    kb_i_map_legend_draw(m, box[0], box[1] - gap, fit->legend_columns);
  else
    kb_i_map_legend_draw(m, box[0] - gap - fit->legend_w, box[3], 1);
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
  /* every node is placed here and pinned: Graphviz draws the ties, as
   * straight lines under the boxes (its spline router gives up where boxes
   * are closer than 3.2 points, as the members of a petal are) */
  statement(s, "graph", NULL, NULL, "layout", "neato", "paper", paper, "label", m->title,
            "labelloc", "t", "fontsize", fs, "fontname", "DejaVu Sans", "splines", "line",
            "outputorder", "edgesfirst", "bgcolor", "white", "forcelabels", "true", NULL);
  kb_i_map_resolve_blocks(m);
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

char *
kb_map_spec(const KbDataset *ds, const KbMapOptions *opts, GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL, NULL);
  if ((opts->view == KB_VIEW_EGO || opts->view == KB_VIEW_PLACE) && opts->focus == KB_NO_NODE) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "the %s view needs a focus: --focus ID",
                kb_view_name(opts->view));
    return NULL;
  }
  if (opts->view == KB_VIEW_PLACE
      && !kb_node_kind_is_place(kb_dataset_node(ds, opts->focus)->kind)) {
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
    suggested = kb_synergy_compute(ds, &so, error);
    if (suggested == NULL)
      return NULL;
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
  gboolean smallest = FALSE;
  for (;;) {
    map_init(&m, ds, opts);
    if (smallest) {
      /* the last try: the text at the smallest size allowed */
      m.title_font *= MIN_FONT / m.font;
      m.font = MIN_FONT;
    }
    kb_i_map_draw_view(&m, opts, cap, degree, suggested);
    m.title = title_for(&m, what, opts->year);
    measure(&m, &fit);
    if (fit.need <= 1 || opts->view == KB_VIEW_SECTORS || (cap <= 1 && smallest))
      break;
    if (cap <= 1) {
      smallest = TRUE;
      map_release(&m);
      continue;
    }
    size_t next = fit.need < 1.25 ? cap - 1 : (size_t) ((double) cap * 0.9 / (fit.need * fit.need));
    cap = CLAMP(next, MAX(cap / 3, 1), cap - 1);
    map_release(&m);
  }
  spread_and_legend(&m, &fit);
  kb_i_map_resolve_blocks(&m);
  kb_i_map_place_tie_labels(&m);
  char *spec = write_spec(&m);
  map_release(&m);
  return spec;
}
