/* suggest.c -- "did you mean": an edit distance bounded by the largest
 * that counts, and the known name closest to an unknown one. */
#include <ctype.h>
#include <string.h>

#include "base/suggest.h"

/* Levenshtein distance between a and b (ASCII letters in any case alike),
 * exact when at most max; some number above max otherwise. */
size_t
kb_i_edit_distance(const char *a, const char *b, size_t max)
{
  size_t la = strlen(a), lb = strlen(b);
  if ((la > lb ? la - lb : lb - la) > max)
    return max + 1;
  /* two rows of the table, on the stack for the ids of nearly all data */
  size_t rows[2][128];
  size_t *heap = lb + 1 > G_N_ELEMENTS(rows[0]) ? g_new(size_t, 2 * (lb + 1)) : NULL;
  size_t *prev = heap ? heap : rows[0], *cur = heap ? heap + lb + 1 : rows[1];
  for (size_t j = 0; j <= lb; j++)
    prev[j] = j;
  size_t d = max + 1;
  for (size_t i = 1; i <= la; i++) {
    cur[0] = i;
    size_t best = cur[0];
    int ca = tolower((unsigned char) a[i - 1]);
    for (size_t j = 1; j <= lb; j++) {
      size_t v = prev[j - 1] + (ca == tolower((unsigned char) b[j - 1]) ? 0 : 1);
      if (prev[j] + 1 < v)
        v = prev[j] + 1;
      if (cur[j - 1] + 1 < v)
        v = cur[j - 1] + 1;
      cur[j] = v;
      if (v < best)
        best = v;
    }
    size_t *t = prev;
    prev = cur;
    cur = t;
    if (best > max)     /* the rows' least values only grow */
      goto done;
  }
  d = prev[lb];
done:
  g_free(heap);
  return d;
}

/* A word at edit distance d from another is close to it when d is at most 2
 * and under half its length: "deventr" is close to "deventer", "m" is not
 * close to "n". */
gboolean
kb_i_is_close(const char *word, size_t d)
{
  return d <= 2 && 2 * d < strlen(word);
}

/* The closest of 'names' to 'word', or NULL when none is close. */
const char *
kb_i_closest(const char *word, const char *const *names, size_t n)
{
  const char *best = NULL;
  size_t best_d = 3;
  for (size_t i = 0; i < n; i++) {
    size_t d = kb_i_edit_distance(word, names[i], 2);
    if (d < best_d && kb_i_is_close(word, d)) {
      best_d = d;
      best = names[i];
    }
  }
  return best;
}

void
kb_i_append_suggestion(GString *s, const char *suggestion)
{
  if (suggestion != NULL)
    g_string_append_printf(s, " (did you mean '%s'?)", suggestion);
}

/* "unknown WHAT 'value' (did you mean ...?); expected one of: a, b, c". */
char *
kb_i_describe_unknown(const char *what, const char *value, const char *const *names, size_t n)
{
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "unknown %s '%s'", what, value);
  kb_i_append_suggestion(s, kb_i_closest(value, names, n));
  g_string_append(s, "; expected one of: ");
  for (size_t k = 0; k < n; k++)
    g_string_append_printf(s, "%s%s", k ? ", " : "", names[k]);
  return g_string_free(s, FALSE);
}
