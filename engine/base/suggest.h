/* suggest.h -- "did you mean": the known name closest to an unknown one
 * (library-internal). One edit distance for the library; the renderer,
 * a separate program that links no part of the library, has its own
 * (engine/render/spec.c). */
#ifndef KB_BASE_SUGGEST_H
#define KB_BASE_SUGGEST_H

#include <glib.h>

/* Levenshtein distance between a and b (ASCII letters in any case alike),
 * exact when at most max; some number above max otherwise. */
size_t kb_i_edit_distance(const char *a, const char *b, size_t max);
/* TRUE when a word at edit distance d from another is close to it: d at
 * most 2 and under half the word's length. */
gboolean kb_i_is_close(const char *word, size_t d);
/* The closest of 'names' (n of them) to 'word', borrowed from 'names';
 * NULL when none is close. */
const char *kb_i_closest(const char *word, const char *const *names, size_t n);
/* Appends " (did you mean 'suggestion'?)" to s; nothing when suggestion is
 * NULL. */
void kb_i_append_suggestion(GString *s, const char *suggestion);
/* "unknown WHAT 'value' (did you mean ...?); expected one of: a, b, c",
 * newly allocated. */
char *kb_i_describe_unknown(const char *what, const char *value, const char *const *names,
                            size_t n);

#endif
