/* report_internal.h -- what the parts of the report share. */
#ifndef KB_REPORT_INTERNAL_H
#define KB_REPORT_INTERNAL_H

#include "klaverblad/tables.h"

/* Appends the glossary, every measure of the report with one sentence on
 * what it means, to 'html' as a <dl>; each term has the anchor #g-KEY. */
void kb_i_glossary_write(GString *html, KbLang lang);
/* Links the column names and row names of measures in 'table' (an HTML
 * table as kb_sheet_render_html() writes it) to their glossary entries. */
void kb_i_glossary_link(GString *table, KbLang lang);
/* Appends the "How to read this" line of the glossary entry 'key' (one of
 * its keys; a programming error otherwise). */
void kb_i_glossary_note(GString *html, KbLang lang, const char *key);

#endif
