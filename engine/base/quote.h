/* quote.h -- quoting shared by the writers of DOT and of the renderer's
 * text format (library-internal). */
#ifndef KB_BASE_QUOTE_H
#define KB_BASE_QUOTE_H

#include <glib.h>

/* Appends "text" to s: in double quotes, with \", \\ and \n escapes. */
void kb_i_append_quoted(GString *s, const char *text);

#endif
