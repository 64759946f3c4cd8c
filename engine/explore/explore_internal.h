/* explore_internal.h -- the explorer's phases (library-internal): what is
 * drawn and where (explore_layout.c), the data the page embeds
 * (explore_data.c), the page around it (explore_page.c). */
#ifndef KB_EXPLORE_INTERNAL_H
#define KB_EXPLORE_INTERNAL_H

#include <glib.h>

#include "klaverblad/explore.h"

/* Where the nodes are drawn. */
typedef struct {
  size_t n_drawn;       /* nodes drawn */
  gboolean *drawn;      /* per node of the dataset */
  double *x, *y;        /* per node, in points, y upwards; 0 where not drawn */
} KbExploreLayout;

/* Which nodes the page draws: every organisation and network, and each
 * place an organisation or network has a relation with, with the places
 * enclosing it. Sectors and themes are filters, not nodes of the map. Sets
 * layout->drawn and n_drawn. */
void kb_i_explore_drawn(const KbDataset *ds, KbExploreLayout *layout);

/* Lays the drawn nodes out with klaverblad-render (sfdp, fixed seed), the
 * relations between them as edges, and fills x and y. Fails as
 * kb_map_render() does, or when the renderer's answer cannot be read
 * (KB_ERROR_INTERNAL). */
gboolean kb_i_explore_layout(const KbDataset *ds, const char *renderer, KbExploreLayout *layout,
                             GError **error);

void kb_i_explore_layout_release(KbExploreLayout *layout);

#endif
