/* layout.c -- the boxes of a map and their places: sizes estimated from
 * the labels, overlaps removed, the drawing compacted to the paper's
 * proportions, petals moved as blocks, the ties' labels put where they
 * cover nothing, and the legend. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/quote.h"
#include "klaverblad/error.h"
#include "map/map_internal.h"

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
char *
kb_i_map_wrap(const char *text, size_t width)
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
MapNode *
kb_i_map_add_node(Map *m, const char *id, const char *label, double fontsize, ...)
{
  MapNode n = { 0 };
  n.id = g_strdup(id);
  n.parent = -1;
  n.attrs = g_string_new(NULL);
  kb_i_map_put_attr(n.attrs, "label", label);
  char fs[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(fs, sizeof fs, "%.1f", fontsize);
  kb_i_map_put_attr(n.attrs, "fontsize", fs);
  va_list ap;
  va_start(ap, fontsize);
  kb_i_map_put_attrs(n.attrs, ap);
  va_end(ap);
  g_string_truncate(n.attrs, n.attrs->len - 1);   /* put_attrs ends the line */
  estimate_size(label, fontsize, &n.w, &n.h);
  g_array_append_val(m->nodes, n);
  g_hash_table_insert(m->index_of, n.id, GUINT_TO_POINTER(m->nodes->len));
  return &g_array_index(m->nodes, MapNode, m->nodes->len - 1);
}

void
kb_i_map_place(MapNode *n, double x, double y, gboolean fixed)
{
  n->x = x;
  n->y = y;
  n->placed = TRUE;
  n->fixed = fixed;
}

/* Puts the members of each block where the block now is. */
void
kb_i_map_resolve_blocks(Map *m)
{
  for (guint i = 0; i < m->nodes->len; i++) {
    MapNode *n = &g_array_index(m->nodes, MapNode, i);
    if (n->parent < 0)
      continue;
    const MapNode *b = &g_array_index(m->nodes, MapNode, n->parent);
    kb_i_map_place(n, b->x + n->dx, b->y + n->dy, FALSE);
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
double
kb_i_map_reach_towards(const Map *m, double theta, double spread)
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
double
kb_i_map_march(Map *m, guint index, double theta, double r, double gap)
{
  MapNode *n = &g_array_index(m->nodes, MapNode, index);
  for (int step = 0; step < 2000; step++, r += 3) {
    kb_i_map_place(n, r * cos(theta), r * sin(theta), FALSE);
    if (!overlaps_any(m, index, gap))
      break;
  }
  return r;
}


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
void
kb_i_map_compact(Map *m, double gap)
{
  remove_overlaps(m, gap);
  double box[4];
  kb_i_map_extent(m, box);
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
    kb_i_map_extent(m, box);
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
void
kb_i_map_extent(const Map *m, double box[4])
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
void
kb_i_map_edge_start(Map *m, const char *a, const char *b)
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

void
kb_i_map_tie_label(Map *m, const char *a, const char *b, const char *text)
{
  TieLabel l = { GPOINTER_TO_UINT(g_hash_table_lookup(m->index_of, a)) - 1,
                 GPOINTER_TO_UINT(g_hash_table_lookup(m->index_of, b)) - 1, g_strdup(text) };
  g_array_append_val(m->tie_labels, l);
}

/* Places the ties' labels: each a white box on its tie (taken as the line
 * between its ends), at the point nearest the middle where it covers no
 * other box. Ties are drawn first, so the label covers its own line. */
void
kb_i_map_place_tie_labels(Map *m)
{
  static const double along[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85 };
  static const double aside[] = { 0, 1, -1, 2, -2 };
  for (guint i = 0; i < m->tie_labels->len; i++) {
    const TieLabel *l = &g_array_index(m->tie_labels, TieLabel, i);
    MapNode a = g_array_index(m->nodes, MapNode, l->a), b = g_array_index(m->nodes, MapNode, l->b);
    g_autofree char *id = g_strdup_printf("tielabel:%u", i);
    guint self = m->nodes->len;
    MapNode *n = kb_i_map_add_node(m, id, l->text, m->font, "shape", "box", "style", "filled",
                          "color", "#FFFFFF", "fillcolor", "#FFFFFF", "margin", "0.02",
                          "class", "tie-label", NULL);
    n->w -= 0.6 * m->font;
    n->h -= 0.3 * m->font;
    /* on the line, nearest the middle first; else beside it, a line of
     * text away, then two */
    gboolean found = FALSE;
    for (size_t s = 0; s < G_N_ELEMENTS(aside) && !found; s++)
      for (size_t k = 0; k < G_N_ELEMENTS(along) && !found; k++) {
        kb_i_map_place(n, a.x + (b.x - a.x) * along[k], a.y + (b.y - a.y) * along[k] + aside[s] * n->h,
              TRUE);
        found = !overlaps_any(m, self, 1);
      }
    /* else the free spot nearest the middle, in rings around it */
    for (int r = 1; r <= 40 && !found; r++)
      for (int k = 0; k < 16 && !found; k++) {
        double t = TAU * k / 16, d = r * 0.5 * m->font;
        kb_i_map_place(n, (a.x + b.x) / 2 + d * cos(t), (a.y + b.y) / 2 + d * sin(t), TRUE);
        found = !overlaps_any(m, self, 1);
      }
    if (!found)
      kb_i_map_place(n, (a.x + b.x) / 2, (a.y + b.y) / 2, TRUE);
  }
}

/* ------------------------------------------------------------- legend */

/* Adds 'cls' to the legend, once: a node swatch in the node attributes
 * 'attrs', or a tie swatch in the edge attributes 'attrs'. */
void
kb_i_map_legend_add(Map *m, const char *cls, const char *label, int order, gboolean tie, const char *attrs)
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
void
kb_i_map_legend_size(Map *m, guint columns, double *w, double *h)
{
  g_array_sort(m->legend, compare_entries);
  double tw, th, title_h;
  estimate_size(kb_tr(m->lang, "Legend"), m->font + 1, &tw, &title_h);
  guint per = (m->legend->len + columns - 1) / MAX(columns, 1);
  double col_w = tw, col_h = 0, most_h = 0;
  *w = 0;
  for (guint i = 0; i < m->legend->len; i++) {
    const LegendEntry *e = &g_array_index(m->legend, LegendEntry, i);
    estimate_size(e->label, m->font, &tw, &th);
    col_w = MAX(col_w, 3 * m->font + tw);
    col_h += th;
    if ((i + 1) % MAX(per, 1) == 0 || i + 1 == m->legend->len) {
      *w += col_w + (*w > 0 ? 2 * m->font : 0);
      most_h = MAX(most_h, col_h);
      col_w = col_h = 0;
    }
  }
  *w = MAX(*w, col_w);
  *h = title_h + most_h;
}

/* Sets the label of 'n', which kb_i_map_add_node() wrote first, flush left in its
 * box: it ends in Graphviz's \l instead of a line break. */
static void
left_justify(MapNode *n, const char *label)
{
  GString *first = g_string_new(NULL);
  kb_i_map_put_attr(first, "label", label);
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
void
kb_i_map_legend_draw(Map *m, double x, double y, guint columns)
{
  double w, h;
  kb_i_map_legend_size(m, columns, &w, &h);   /* sorts the entries */
  guint per = MAX((m->legend->len + columns - 1) / MAX(columns, 1), 1);
  double col_w = 0, top = y;
  MapNode *head = kb_i_map_add_node(m, "legend:title", kb_tr(m->lang, "Legend"), m->font + 1,
                           "shape", "plaintext", "class", "legend", NULL);
  kb_i_map_place(head, x + head->w / 2, y - head->h / 2, TRUE);
  top = y - head->h;
  double cy = top;
  double sw = 2.4 * m->font;     /* a swatch's width */
  for (guint i = 0; i < m->legend->len; i++) {
    const LegendEntry *e = &g_array_index(m->legend, LegendEntry, i);
    if (i > 0 && i % per == 0) {
      /* the next column */
      x += col_w + 2 * m->font;
      col_w = 0;
      cy = top;
    }
    g_autofree char *cls = g_strdup_printf("legend %s", e->cls);
    g_autofree char *tid = g_strdup_printf("legend:%u:text", i);
    MapNode *t = kb_i_map_add_node(m, tid, e->label, m->font, "shape", "plaintext", "margin", "0.02",
                          "class", cls, NULL);
    left_justify(t, e->label);
    col_w = MAX(col_w, sw + 0.6 * m->font + t->w);
    double row = t->h, mid = cy - row / 2;
    kb_i_map_place(t, x + sw + 0.6 * m->font + t->w / 2, mid, TRUE);
    if (e->tie) {
      g_autofree char *a = g_strdup_printf("legend:%u:from", i);
      g_autofree char *b = g_strdup_printf("legend:%u:to", i);
      MapNode *na = kb_i_map_add_node(m, a, "", 1, "shape", "point", "style", "invis", "class", cls, NULL);
      na->w = na->h = 1;
      kb_i_map_place(na, x, mid, TRUE);
      MapNode *nb = kb_i_map_add_node(m, b, "", 1, "shape", "point", "style", "invis", "class", cls, NULL);
      nb->w = nb->h = 1;
      kb_i_map_place(nb, x + sw, mid, TRUE);
      g_string_append_printf(m->edges, "edge \"%s\" \"%s\"%s class=\"%s\"\n", a, b, e->attrs,
                             cls);
    } else {
      g_autofree char *s = g_strdup_printf("legend:%u:swatch", i);
      MapNode *n = kb_i_map_add_node(m, s, "", 1, "class", cls, NULL);
      g_string_append(n->attrs, e->attrs);
      n->w = sw;
      n->h = MIN(row - 3, 1.3 * m->font);
      kb_i_map_place(n, x + sw / 2, mid, TRUE);
    }
    cy -= row;
  }
}

/* ------------------------------------------------------ legend's place */

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
gboolean
kb_i_map_legend_spot(Map *m, double w, double h, double *x, double *y)
{
  kb_i_map_resolve_blocks(m);
  double box[4], gap = m->font;
  kb_i_map_extent(m, box);
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
