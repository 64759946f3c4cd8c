/* quote.c -- a string in double quotes with backslash escapes, as DOT and
 * klaverblad-render's text format both read it. */
#include "base/quote.h"

void
kb_i_append_quoted(GString *s, const char *text)
{
  g_string_append_c(s, '"');
  for (const char *p = text; *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c(s, '\\');
    if (*p == '\n')
      g_string_append(s, "\\n");
    else
      g_string_append_c(s, *p);
  }
  g_string_append_c(s, '"');
}
