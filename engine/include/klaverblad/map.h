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
#include <klaverblad/model.h>

G_BEGIN_DECLS

typedef enum {
  KB_VIEW_KLAVERBLAD,   /* the cloverleaf: hub, one petal per sector, places abroad around */
  KB_VIEW_EGO,          /* one node and its neighbourhood */
  KB_VIEW_PLACE,        /* everyone active in one place, by sector */
  KB_VIEW_SECTORS,      /* sectors as nodes, cross-sector ties as edges */
  KB_VIEW_SYNERGY       /* the klaverblad with the top synergy pairs as dashed ties */
} KbView;

gboolean kb_view_parse(const char *name, KbView *out);
const char *kb_view_name(KbView view);

typedef struct {
  KbView view;
  size_t focus;         /* ego and place views: the node; else KB_NO_NODE */
  unsigned depth;       /* ego view: how many ties out (default 1) */
  int year;             /* the as-of year shown in the title, or KB_NO_YEAR */
  size_t synergy_top;   /* synergy view: how many pairs (default 10) */
  int lang;             /* a KbLang: the language of the title and legend (default English) */
} KbMapOptions;

void kb_map_options_init(KbMapOptions *opts);

/* The colour of a sector in every view: a colour-blind-safe palette
 * (Okabe and Ito), fixed by the sector's role (kb_sector_role(): the role
 * column, else the id, English or Dutch) and assigned in id order to the
 * sectors without one. Returns a static "#RRGGBB" string. */
const char *kb_map_sector_colour(const KbDataset *ds, size_t sector);

/* The klaverblad and synergy views draw every organisation as a box of its
 * own, and their layout takes time that grows as the square of them (5 s
 * for the spec of 2000, 79 s for 10^4): above this many they are refused,
 * as a map of that many boxes could not be read either. */
#define KB_MAP_MAX_ORGANISATIONS 2000

/* Returns a new string: the map of 'ds' in the renderer's text format.
 * Fails with KB_ERROR_ARGUMENT when the view needs a focus it lacks, and
 * with KB_ERROR_LIMIT when the klaverblad or synergy view would draw more
 * than KB_MAP_MAX_ORGANISATIONS organisations. */
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
