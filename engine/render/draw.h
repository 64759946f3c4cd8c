/* draw.h -- laying out and rendering a parsed map with Graphviz.
 *
 * Graphviz's types (Agraph_t, GVC_t) stay in draw.c; this interface speaks
 * in KbRenderSpec, GBytes and GError only. Graphviz keeps global state (its
 * error handler, its random generator), so kb_render_draw() must not run in
 * two threads at once.
 *
 * Ownership: as in spec.h. Warnings are appended to a caller-owned
 * GPtrArray (freeing its elements with g_free), each one whole message
 * "SOURCE[:LINE]: warning: TEXT" without the program name in front. */
#ifndef KB_RENDER_DRAW_H
#define KB_RENDER_DRAW_H

#include <glib.h>

#include "spec.h"

G_BEGIN_DECLS

/* The error domain of klaverblad-render's drawing. */
#define KB_RENDER_ERROR (kb_render_error_quark())

typedef enum {
  KB_RENDER_ERROR_NO_RENDERER,  /* this Graphviz has no plugin for the format */
  KB_RENDER_ERROR_LAYOUT,       /* Graphviz could not lay the map out */
  KB_RENDER_ERROR_RENDER        /* Graphviz could not render the laid-out map */
} KbRenderErrorCode;

GQuark kb_render_error_quark(void);

typedef enum {
  KB_RENDER_FORMAT_SVG,
  KB_RENDER_FORMAT_PNG,
  KB_RENDER_FORMAT_PDF,
  KB_RENDER_FORMAT_DOT,         /* Graphviz's DOT with the layout's positions */
  KB_RENDER_FORMAT_POSITIONS    /* each node's centre, in input order (README.md) */
} KbRenderFormat;

/* Sets *format from its name (svg, png, pdf, dot or positions). Returns FALSE, leaving
 * *format alone, for any other name. */
gboolean kb_render_format_parse(const char *name, KbRenderFormat *format);
/* The name of a format, as kb_render_format_parse() reads it. Static. */
const char *kb_render_format_name(KbRenderFormat format);

/* Lays the map out with Graphviz's 'layout' engine (one that
 * kb_render_layout_is_known() accepts; for a spec with pinned nodes, one
 * that kb_render_spec_check_layout() accepts) and renders it in 'format'.
 * Returns the rendered file's bytes, new. The same spec, layout and format
 * give the same bytes on every run (see README.md, Determinism).
 *
 * What Graphviz says is captured, not printed: on success its warnings are
 * appended to 'warnings' (may be NULL to drop them), with other warnings,
 * such as a pinned node the layout moved ('source' names the input in
 * them). On failure returns NULL and sets 'error' to one line naming the
 * format or layout and quoting Graphviz's messages. */
GBytes *kb_render_draw(const KbRenderSpec *spec, const char *source, const char *layout,
                       KbRenderFormat format, GPtrArray *warnings, GError **error);

G_END_DECLS

#endif
