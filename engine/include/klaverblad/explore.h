/* explore.h -- the explorer: one self-contained HTML page to explore a
 * dataset interactively (pan and zoom, search, filters, the years, synergy
 * and bridges in place), working offline from a file.
 *
 * The engine computes everything the page shows: the layout (from
 * klaverblad-render, run as a child process, as for the maps), which years
 * each relation holds in (the model's own rule, kb_relation_holds()), and
 * the figures of the analyses. The page only displays them. They travel
 * inside the page as one JSON object (see engine/explore/README.md). */
#ifndef KLAVERBLAD_EXPLORE_H
#define KLAVERBLAD_EXPLORE_H

#include <glib.h>
#include <klaverblad/lang.h>
#include <klaverblad/model.h>

G_BEGIN_DECLS

typedef struct {
  KbLang lang;              /* the page's language */
  const char *renderer;     /* klaverblad-render (kb_map_find_renderer()); required */
  const char *source_name;  /* the dataset as the user named it, shown on the page;
                             * NULL: kb_dataset_name() */
  KbYearView open;          /* the view the page opens on: its year (KB_NO_YEAR: every
                             * year), with planned or unsure relations shown or not */
  gpointer reserved[4];     /* zero, as the _init function sets it: room for fields to come
                             * (analysis.h) */
} KbExploreOptions;

/* Sets the language to the dataset's (kb_dataset_language(); English when
 * it names none), the view
 * the page opens on to kb_year_view_init()'s, and the rest to NULL. */
void kb_explore_options_init(KbExploreOptions *opts, const KbDataset *ds);

/* Above this many nodes drawn (organisations, networks and the places
 * someone is at), the page opens on the sectors by country, from which a
 * user drills down, and says so. */
#define KB_EXPLORE_DETAIL_MAX 5000
/* Above this many nodes drawn the layout takes too long (about a minute):
 * refused with KB_ERROR_LIMIT. */
#define KB_EXPLORE_LAYOUT_MAX 30000

/* Returns a new string: the JSON object the page embeds, for 'ds' (the
 * whole dataset: every year; the page's year slider makes the views). Runs
 * the renderer for the layout. Fails with KB_ERROR_ARGUMENT when no
 * renderer is given, KB_ERROR_LIMIT above KB_EXPLORE_LAYOUT_MAX nodes
 * drawn, and as kb_map_render() fails when the renderer does. The text is
 * plain JSON; kb_explore_page() escapes it for the page. */
char *kb_explore_data(const KbDataset *ds, const KbExploreOptions *opts, GError **error);

/* Returns a new string: the whole page, its script, style and data inline,
 * fetching nothing. Fails as kb_explore_data(). */
char *kb_explore_page(const KbDataset *ds, const KbExploreOptions *opts, GError **error);

/* Writes the page to 'path' whole (kb_file_write(): a temporary file
 * renamed into place; an existing file is left as it was on failure).
 * Fails as kb_explore_page() and kb_file_write(). */
gboolean kb_explore_write(const KbDataset *ds, const KbExploreOptions *opts, const char *path,
                          GError **error);

G_END_DECLS

#endif
