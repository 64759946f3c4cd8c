/* escape.c -- text made safe for what interprets it: a terminal, a
 * spreadsheet opening a CSV file, and a JSON reader. */
#include <string.h>

#include "base/escape.h"
#include "klaverblad/terminal.h"

/* ------------------------------------------------------------ terminal */

/* TRUE when every byte of the text is printable ASCII, shown as it is
 * (nearly every text is); *len is then its length. */
static gboolean
is_plain_ascii(const char *text, size_t *len)
{
  const unsigned char *p = (const unsigned char *) text;
  size_t i = 0;
  for (; p[i] != '\0'; i++)
    if (p[i] < 0x20 || p[i] >= 0x7F)
      return FALSE;
  *len = i;
  return TRUE;
}

void
kb_terminal_append(GString *out, const char *text)
{
  g_return_if_fail(out != NULL && text != NULL);
  size_t len;
  if (is_plain_ascii(text, &len)) {
    g_string_append_len(out, text, (gssize) len);
    return;
  }
  const char *p = text;
  while (*p != '\0') {
    unsigned char c = (unsigned char) *p;
    if (c < 0x20 || c == 0x7F) {
      g_string_append_printf(out, "\\x%02X", c);
      p++;
      continue;
    }
    if (c < 0x80) {
      g_string_append_c(out, (char) c);
      p++;
      continue;
    }
    gunichar u = g_utf8_get_char_validated(p, -1);
    if (u == (gunichar) -1 || u == (gunichar) -2) {
      g_string_append_printf(out, "\\x%02X", c);     /* not UTF-8 */
      p++;
      continue;
    }
    const char *next = g_utf8_next_char(p);
    if (u <= 0x9F)
      g_string_append_printf(out, "\\u%04X", (unsigned) u);
    else
      g_string_append_len(out, p, next - p);
    p = next;
  }
}

char *
kb_terminal_escape(const char *text)
{
  g_return_val_if_fail(text != NULL, NULL);
  GString *out = g_string_sized_new(strlen(text));
  kb_terminal_append(out, text);
  return g_string_free(out, FALSE);
}

/* ----------------------------------------------------------- spreadsheet */

gboolean
kb_i_csv_formula_like(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len && s[i] == '\'')
    i++;
  if (i == len)
    return FALSE;
  switch (s[i]) {
  case '=': case '+': case '-': case '@': case '\t': case '\r':
    return TRUE;
  default:
    return FALSE;
  }
}

/* ---------------------------------------------------------------- JSON */

void
kb_i_json_append_string(GString *out, const char *s)
{
  kb_i_json_append_string_as(out, s, FALSE);
}

void
kb_i_json_append_string_as(GString *out, const char *s, gboolean in_html)
{
  g_string_append_c(out, '"');
  for (const unsigned char *p = (const unsigned char *) (s != NULL ? s : ""); *p; p++) {
    switch (*p) {
    case '"': g_string_append(out, "\\\""); break;
    case '\\': g_string_append(out, "\\\\"); break;
    case '\n': g_string_append(out, "\\n"); break;
    case '\r': g_string_append(out, "\\r"); break;
    case '\t': g_string_append(out, "\\t"); break;
    default:
      if (*p < 0x20)
        g_string_append_printf(out, "\\u%04x", *p);
      else if (in_html && (*p == '<' || *p == '>' || *p == '&'))
        g_string_append_printf(out, "\\u%04x", *p);
      else if (in_html && p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
        /* U+2028 and U+2029 end a line in older JavaScript */
        g_string_append(out, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
        p += 2;
      } else
        g_string_append_c(out, (char) *p);
    }
  }
  g_string_append_c(out, '"');
}
