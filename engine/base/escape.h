/* escape.h -- the rules shared by writers and readers of text that another
 * program interprets (library-internal). */
#ifndef KB_BASE_ESCAPE_H
#define KB_BASE_ESCAPE_H

#include <glib.h>

/* TRUE when the text (len bytes at s) is what a spreadsheet would take as a
 * formula, once any leading single quotes are taken away: it matches
 * ^'*[=+\-@\t\r]. A CSV writer puts a ' before such a text, and a CSV
 * reader takes one ' away from a field exactly when the rest is such a
 * text: so every text is written safe and read back as it was ('=x is
 * written ''=x and read '=x). */
gboolean kb_i_csv_formula_like(const char *s, size_t len);

/* Appends 's' (UTF-8) to 'out' as a JSON string, quotes included: '"' and
 * '\\' escaped, line feed, carriage return and tab as \n, \r and \t, the
 * other control characters as \u00XX. */
void kb_i_json_append_string(GString *out, const char *s);
/* The same, and with 'in_html' also '<', '>', '&', U+2028 and U+2029 as
 * \uXXXX, so that the text can stand inside an HTML <script> element and
 * no text can end it or open a comment. NULL is written as "". */
void kb_i_json_append_string_as(GString *out, const char *s, gboolean in_html);

#endif
