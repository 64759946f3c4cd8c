/* map.h -- network maps: what to draw, computed by the engine, drawn by the
 * separate klaverblad-render program (Graphviz), run as a child process.
 *
 * The engine links igraph (GPL-2.0-or-later) and the renderer Graphviz
 * (EPL-1.0); the two never share a program. kb_map_spec() returns the map
 * in the renderer's text format (engine/render/README.md); kb_map_render()
 * runs the renderer on it. */
#ifndef KLAVERBLAD_MAP_H
#define KLAVERBLAD_MAP_H

#include <glib.h>
#include <klaverblad/lang.h>
#include <klaverblad/model.h>

G_BEGIN_DECLS

typedef enum {
  KB_VIEW_KLAVERBLAD,   /* the cloverleaf: hub, one petal per sector, places abroad around */
  KB_VIEW_EGO,          /* one node and its neighbourhood */
  KB_VIEW_PLACE,        /* everyone active in one place, by sector */
  KB_VIEW_SECTORS,      /* sectors as nodes, cross-sector ties as edges */
  KB_VIEW_SYNERGY       /* the klaverblad with the top synergy pairs as dashed ties */
} KbView;

/* The view named 'name' as --view writes it ("klaverblad", "ego", "place",
 * "sectors", "synergy") into *out; FALSE, *out untouched, for another name.
 * kb_view_name() is its inverse: static, "?" for a value out of range. */
gboolean kb_view_parse(const char *name, KbView *out);
const char *kb_view_name(KbView view);

/* The paper a map is drawn for. Its text is set at the size it has there,
 * at least 7 pt, and a map that would not fit summarises rather than
 * shrinks (see kb_map_spec()). */
typedef enum {
  KB_MAP_SIZE_A4,             /* the text width of an A4 page: 16 x 22 cm (the default) */
  KB_MAP_SIZE_A4_LANDSCAPE,   /* an A4 page turned: 24.7 x 16 cm */
  KB_MAP_SIZE_SLIDE,          /* a 16:9 slide: 33.867 x 19.05 cm */
  KB_MAP_SIZE_POSTER          /* an A1 sheet, landscape: 84.1 x 59.4 cm */
} KbMapSize;

/* Sets *out from a size's name (a4, a4-landscape, slide, poster); FALSE,
 * leaving *out alone, for any other name. */
gboolean kb_map_size_parse(const char *name, KbMapSize *out);
/* The name of a size. Static. */
const char *kb_map_size_name(KbMapSize size);
/* The paper of a size, in centimetres. */
void kb_map_size_paper(KbMapSize size, double *width_cm, double *height_cm);

typedef struct {
  KbView view;
  size_t focus;         /* ego and place views: the node; else KB_NO_NODE */
  unsigned depth;       /* ego view: how many ties out (default 1) */
  int year;             /* the as-of year shown in the title, or KB_NO_YEAR */
  size_t synergy_top;   /* synergy view: how many pairs (default 10) */
  KbLang lang;          /* the language of the title and legend (default English) */
  KbMapSize size;       /* the paper (default KB_MAP_SIZE_A4) */
  gpointer reserved[4];     /* zero, as the _init function sets it: room for fields to come
                             * (analysis.h) */
} KbMapOptions;

/* Fills 'opts' with the defaults: the klaverblad view, no focus, depth 1, no
 * year, 10 synergy pairs, English, A4. Allocates nothing. */
void kb_map_options_init(KbMapOptions *opts);

/* The colour of a sector in every view: a colour-blind-safe palette
 * (Okabe and Ito), fixed by the sector's role (kb_sector_role(): the role
 * column, else the id, English or Dutch) and assigned in id order to the
 * sectors without one. Returns a static "#RRGGBB" string. */
const char *kb_map_sector_colour(const KbDataset *ds, size_t sector);

/* Returns a new string: the map of 'ds' in the renderer's text format,
 * with the paper of opts->size. Every label is set at its size on that
 * paper. To fit, a petal shows its most connected members and a "+N more"
 * box for the others, fewer places and networks are drawn (the most tied
 * first), and ties of one kind between one box and three or more members
 * of a petal are drawn as one, labelled "kind (N)"; the title says what is
 * left out. Any dataset gives a map of a few hundred boxes at most, so its
 * drawing takes seconds. Fails with KB_ERROR_ARGUMENT when the view needs a
 * focus it lacks or the place view's focus is not a place. */
char *kb_map_spec(const KbDataset *ds, const KbMapOptions *opts, GError **error);

/* The renderer to run: $KLAVERBLAD_RENDER, else klaverblad-render beside
 * the running program, else the one on the PATH. Returns a new string, or
 * NULL when there is none. */
char *kb_map_find_renderer(void);

/* Runs 'renderer' on 'spec' to draw 'format' (svg, png, pdf or dot) into
 * 'path'. The renderer works in a private temporary folder beside 'path'
 * (".NAME.klaverblad-PID-XXXXXX", removed afterwards; one a killed run left
 * is removed by the next): it reads the spec from a file there and writes
 * the map there, and is killed by the kernel if the calling process ends
 * first. Only once it has succeeded is the map renamed onto 'path' (copied
 * into it when 'path' is a character device or a FIFO). 'path' may not be
 * a folder, a block device or a socket (KB_ERROR_IO, before the renderer
 * runs). Fails with KB_ERROR_IO when the renderer cannot be started or the
 * map cannot be put in place, and with KB_ERROR_INTERNAL, naming the
 * renderer and giving what it said, when it exits with a failure, is killed
 * or writes no map; 'path' is then as it was. */
gboolean kb_map_render(const char *renderer, const char *spec, const char *format,
                       const char *path, GError **error);

G_END_DECLS

#endif
