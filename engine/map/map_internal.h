/* map_internal.h -- what the files of engine/map share (library-internal).
 *
 *   map.c     the API: options, sizes, colours, the renderer's text format,
 *             fitting a map to its paper, writing it
 *   layout.c  boxes and their places: overlaps, compaction, the petals'
 *             blocks, the ties' labels, the legend
 *   draw.c    the data's nodes and ties on the map, in their kinds' styles
 *   views.c   what each view draws, and where
 *   run.c     running klaverblad-render
 *
 * A Map is one try at drawing one view on one paper; map.c makes tries with
 * fewer boxes until one fits. A Map owns everything it points to (map.c's
 * map_init() and map_release()); a MapNode's id, once added, stays at the
 * same address, and the Map's other tables borrow it. Units are points, y
 * upwards, the centre of the view at (0, 0). */
#ifndef KB_MAP_INTERNAL_H
#define KB_MAP_INTERNAL_H

#include <stdarg.h>

#include <glib.h>

#include "klaverblad/analysis.h"
#include "klaverblad/map.h"
#include "klaverblad/tables.h"

#define TAU 6.283185307179586

/* The width, in characters, labels in petals are wrapped to. */
#define LABEL_WIDTH 24

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
  GArray *nodes;            /* of MapNode */
  GHashTable *index_of;     /* map node id -> its index + 1 */
  GArray *ties;             /* of guint pairs: the ends of each tie drawn */
  GArray *tie_labels;       /* of TieLabel */
  GArray *legend;           /* of LegendEntry */
  GHashTable *legend_keys;  /* classes in the legend */
  size_t hidden_orgs, hidden_places, hidden_others;
  char *title;
} Map;

/* A label of a tie, drawn as a box of its own once the boxes are placed. */
typedef struct {
  guint a, b;               /* the tie's ends */
  char *text;
} TieLabel;


/* map.c: the text format, colours, words */
int kb_i_map_fixed_index(const KbDataset *ds, size_t sector);
void kb_i_map_put_attr(GString *s, const char *key, const char *value);
void kb_i_map_put_attrs(GString *s, va_list ap);
char *kb_i_map_tint(const char *hex, double t);
/* not inlined: GCC would compare each constant string with each entry */
const char *kb_i_map_tr(const Map *m, const char *english) G_GNUC_FORMAT(2) G_GNUC_NO_INLINE;

/* layout.c: boxes and their places, the ties' labels, the legend */
MapNode *kb_i_map_add_node(Map *m, const char *id, const char *label, double fontsize, ...);
void kb_i_map_compact(Map *m, double gap);
void kb_i_map_edge_start(Map *m, const char *a, const char *b);
void kb_i_map_extent(const Map *m, double box[4]);
void kb_i_map_legend_add(Map *m, const char *cls, const char *label, int order, gboolean tie,
                         const char *attrs);
void kb_i_map_legend_draw(Map *m, double x, double y, guint columns);
void kb_i_map_legend_size(Map *m, guint columns, double *w, double *h);
gboolean kb_i_map_legend_spot(Map *m, double w, double h, double *x, double *y);
double kb_i_map_march(Map *m, guint index, double theta, double r, double gap);
void kb_i_map_place(MapNode *n, double x, double y, gboolean fixed);
void kb_i_map_place_tie_labels(Map *m);
double kb_i_map_reach_towards(const Map *m, double theta, double spread);
void kb_i_map_resolve_blocks(Map *m);
void kb_i_map_tie_label(Map *m, const char *a, const char *b, const char *text);
char *kb_i_map_wrap(const char *text, size_t width);

/* draw.c: the data's nodes and ties in their kinds' styles */
MapNode *kb_i_map_draw_node(Map *m, size_t node, gboolean focus, size_t width);
void kb_i_map_draw_ties(Map *m, gboolean (*wanted)(const KbDataset *, const KbRelation *));
void kb_i_map_legend_node(Map *m, const char *cls, KbNodeKind kind, size_t sector);
char *kb_i_map_node_class(const KbDataset *ds, size_t node);
int kb_i_map_sector_order(const KbDataset *ds, size_t sector);

/* views.c: the views */
void kb_i_map_draw_view(Map *m, const KbMapOptions *opts, size_t cap, const size_t *degree,
                        const KbSynergy *suggested);

#endif
