/* draw.c -- the dataset's nodes and ties on a map, each in its kind's
 * style and with its class (k-... for nodes, t-... for ties), which the
 * legend lists; ties bundled where many run between one box and a petal. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/quote.h"
#include "klaverblad/error.h"
#include "map/map_internal.h"

/* -------------------------------------------------------------- nodes */

int
kb_i_map_sector_order(const KbDataset *ds, size_t sector)
{
  if (sector == KB_NO_NODE)
    return 1000;
  int fixed = kb_i_map_fixed_index(ds, sector);
  return fixed >= 0 ? fixed : 100;
}

/* A node's class, the legend entry it belongs to: its sector for an
 * organisation, its kind for others (cities and regions together).
 * New string. */
char *
kb_i_map_node_class(const KbDataset *ds, size_t node)
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
    *fill = kb_i_map_tint(*colour, 0.75);
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
    *fill = kb_i_map_tint(*colour, 0.4);
    break;
  default:
    *fill = g_strdup("#FFFFFF");
  }
}

/* Records the legend entry of a node of 'kind' (of 'sector'). */
void
kb_i_map_legend_node(Map *m, const char *cls, KbNodeKind kind, size_t sector)
{
  const char *shape, *style, *colour;
  g_autofree char *fill = NULL;
  node_style(m->ds, kind, sector, &shape, &style, &colour, &fill);
  const char *label;
  int order;
  switch (kind) {
  case KB_NODE_ORGANISATION:
    label = sector == KB_NO_NODE ? kb_tr(m->lang, "no sector") : kb_dataset_node(m->ds, sector)->label;
    order = kb_i_map_sector_order(m->ds, sector);
    break;
  case KB_NODE_NETWORK:
    label = kb_i_map_tr(m, "networks");
    order = 2000;
    break;
  case KB_NODE_COUNTRY:
    label = kb_i_map_tr(m, "countries");
    order = 2001;
    break;
  case KB_NODE_THEME:
    label = kb_i_map_tr(m, "themes");
    order = 2003;
    break;
  case KB_NODE_SECTOR:
    label = kb_dataset_node(m->ds, sector)->label;
    order = kb_i_map_sector_order(m->ds, sector);
    break;
  default:
    label = kb_i_map_tr(m, "cities and regions");
    order = 2002;
  }
  GString *a = g_string_new(NULL);
  kb_i_map_put_attr(a, "shape", shape);
  kb_i_map_put_attr(a, "style", style);
  kb_i_map_put_attr(a, "color", colour);
  kb_i_map_put_attr(a, "fillcolor", fill);
  kb_i_map_legend_add(m, cls, label, order, FALSE, a->str);
  g_string_free(a, TRUE);
}

/* Draws a dataset node in its kind's style, with its label wrapped to
 * 'width' characters (0: not wrapped); returns it, to be placed. NULL
 * when it is drawn already. */
MapNode *
kb_i_map_draw_node(Map *m, size_t node, gboolean focus, size_t width)
{
  if (m->drawn[node])
    return NULL;
  m->drawn[node] = TRUE;
  const KbNode *n = kb_dataset_node(m->ds, node);
  const char *shape, *style, *colour;
  g_autofree char *fill = NULL;
  node_style(m->ds, n->kind, n->kind == KB_NODE_SECTOR ? node : n->sector, &shape, &style,
             &colour, &fill);
  g_autofree char *cls = kb_i_map_node_class(m->ds, node);
  if (!focus)
    kb_i_map_legend_node(m, cls, n->kind, n->sector);
  g_autofree char *label = width > 0 ? kb_i_map_wrap(n->label, width) : g_strdup(n->label);
  MapNode *mn = kb_i_map_add_node(m, n->id, label, focus ? m->font * 1.6 : m->font,
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
  kb_i_map_put_attr(s, "style", style);
  kb_i_map_put_attr(s, "color", colour);
  kb_i_map_put_attr(s, "penwidth", p);
  kb_i_map_put_attr(s, "dir", dir);
  kb_i_map_put_attr(s, "arrowsize", "0.6");
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
  kb_i_map_legend_add(m, cls, kb_i_map_tr(m, tie_words[kind]), (int) kind, TRUE, style->str);
  g_string_truncate(style, 0);
  tie_style(m, style, kind, from, count > 1 ? 1.5 : 1);
  kb_i_map_edge_start(m, a, b);
  g_string_append(m->edges, style->str);
  kb_i_map_put_attr(m->edges, "class", cls);
  if (count > 1) {
    g_autofree char *label = g_strdup_printf("%s (%zu)", kb_i_map_tr(m, tie_words[kind]), count);
    kb_i_map_tie_label(m, a, b, label);
  }
  if (tooltip != NULL)
    kb_i_map_put_attr(m->edges, "tooltip", tooltip);
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
void
kb_i_map_draw_ties(Map *m, gboolean (*wanted)(const KbDataset *, const KbRelation *))
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
