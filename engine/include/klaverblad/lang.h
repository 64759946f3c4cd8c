/* lang.h -- the languages klaverblad writes: English and Dutch.
 *
 * Every public header that takes a language (map.h, report.h, explore.h,
 * starter.h, tables.h) includes this one, so that a KbLang is passed as
 * itself; the words in each language are in tables.h (kb_tr()). */
#ifndef KLAVERBLAD_LANG_H
#define KLAVERBLAD_LANG_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KB_LANG_EN,
  KB_LANG_NL
} KbLang;

/* Parses "en" or "nl" into *out; FALSE, *out untouched, for another name. */
gboolean kb_lang_parse(const char *name, KbLang *out);

G_END_DECLS

#endif
