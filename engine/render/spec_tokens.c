/* spec_tokens.c -- a line of a map description split into tokens, and the
 * reporting of errors.
 *
 * A token is a plain token (a keyword or an id, bare or quoted) or
 * key=value, the value bare or quoted; quoted strings resolve \", \\ and
 * \n. Every error goes through kb_render_i_report(), which counts them and
 * stops reading after KB_RENDER_MAX_ERRORS. */
#include <stdarg.h>
#include <string.h>

#include "spec_internal.h"

/* ------------------------------------------------------------- messages */

void
kb_render_i_report(KbRenderParser *ps, unsigned line, const char *format, ...)
{
  if (ps->stopped)
    return;
  g_autofree char *where = line > 0 ? g_strdup_printf("%s:%u", ps->source, line)
                                    : g_strdup(ps->source);
  if (ps->n_errors == KB_RENDER_MAX_ERRORS) {
    g_ptr_array_add(ps->errors,
                    g_strdup_printf("%s: error: too many errors; stopped reading after %d",
                                    where, KB_RENDER_MAX_ERRORS));
    ps->stopped = TRUE;
    return;
  }
  va_list ap;
  va_start(ap, format);
  g_autofree char *text = g_strdup_vprintf(format, ap);
  va_end(ap);
  g_ptr_array_add(ps->errors, g_strdup_printf("%s: error: %s", where, text));
  ps->n_errors++;
}

/* --------------------------------------------------------------- tokens */

void
kb_render_i_token_clear(gpointer p)
{
  KbRenderToken *t = p;
  g_free(t->key);
  g_free(t->value);
}

/* Reads a quoted string, *pp at its opening quote, into 'out', resolving
 * \", \\ and \n; leaves *pp after the closing quote. 'what' names it in
 * messages ("value" or "id"). Returns FALSE, having reported, when the
 * string is malformed. */
static gboolean
read_quoted(KbRenderParser *ps, const char **pp, const char *end, const char *what, GString *out)
{
  const char *p = *pp + 1;
  for (;;) {
    if (p == end) {
      kb_render_i_report(ps, ps->line, "unterminated quoted %s", what);
      return FALSE;
    }
    if (*p == '"')
      break;
    if (*p == '\\') {
      if (p + 1 == end) {
        kb_render_i_report(ps, ps->line, "unterminated quoted %s", what);
        return FALSE;
      }
      char c = p[1];
      if (c == '"' || c == '\\')
        g_string_append_c(out, c);
      else if (c == 'n')
        g_string_append_c(out, '\n');
      else {
        const char *next = g_utf8_next_char(p + 1);
        kb_render_i_report(ps, ps->line,
                           "unknown escape '\\%.*s' in a quoted %s; expected \\\", \\\\ or \\n",
                           (int) (next - (p + 1)), p + 1, what);
        return FALSE;
      }
      p += 2;
      continue;
    }
    g_string_append_c(out, *p++);
  }
  p++;
  if (p < end && !kb_render_i_is_blank(*p)) {
    kb_render_i_report(ps, ps->line,
                       "text after a closing quote; expected a space or the end of the line");
    return FALSE;
  }
  *pp = p;
  return TRUE;
}

/* Splits line[0..end) into tokens. Returns FALSE, having reported, when the
 * line is malformed. */
gboolean
kb_render_i_tokenize(KbRenderParser *ps, const char *p, const char *end, GArray *tokens)
{
  g_autoptr(GString) buf = g_string_new(NULL);
  for (;;) {
    while (p < end && kb_render_i_is_blank(*p))
      p++;
    if (p == end)
      return TRUE;
    KbRenderToken t = { NULL, NULL, FALSE };
    g_string_truncate(buf, 0);
    if (*p == '"') {
      if (!read_quoted(ps, &p, end, "id", buf))
        return FALSE;
      t.value = g_strdup(buf->str);
      t.quoted = TRUE;
      g_array_append_val(tokens, t);
      continue;
    }
    const char *tok = p, *start = p;
    while (p < end && !kb_render_i_is_blank(*p) && *p != '=' && *p != '"')
      p++;
    if (p < end && *p == '=') {
      t.key = g_strndup(start, p - start);
      p++;
      if (p < end && *p == '"') {
        if (!read_quoted(ps, &p, end, "value", buf)) {
          g_free(t.key);
          return FALSE;
        }
        t.value = g_strdup(buf->str);
        t.quoted = TRUE;
        g_array_append_val(tokens, t);
        continue;
      }
      const char *vstart = p;
      while (p < end && !kb_render_i_is_blank(*p) && *p != '"')
        p++;
      if (p == vstart && (p == end || kb_render_i_is_blank(*p))) {
        kb_render_i_report(ps, ps->line,
                           "missing value after '%s='; write %s=\"\" for an empty value",
                           t.key, t.key);
        g_free(t.key);
        return FALSE;
      }
      start = vstart;
    }
    if (p < end && *p == '"') {
      const char *stop = p;
      while (stop < end && !kb_render_i_is_blank(*stop))
        stop++;
      kb_render_i_report(ps, ps->line,
                         "unexpected '\"' inside '%.*s'; a quoted value starts right after '='",
                         (int) (stop - tok), tok);
      g_free(t.key);
      return FALSE;
    }
    t.value = g_strndup(start, p - start);
    g_array_append_val(tokens, t);
  }
}

/* A token as the user wrote it, near enough for a message. */
char *
kb_render_i_token_text(const KbRenderToken *t)
{
  g_autofree char *value = t->quoted ? g_strdup_printf("\"%s\"", t->value) : g_strdup(t->value);
  return t->key != NULL ? g_strdup_printf("%s=%s", t->key, value) : g_steal_pointer(&value);
}

/* The words of a line, split at blanks. */
char **
kb_render_i_split_words(const char *p, const char *end)
{
  GPtrArray *words = g_ptr_array_new();
  while (p < end) {
    while (p < end && kb_render_i_is_blank(*p))
      p++;
    const char *start = p;
    while (p < end && !kb_render_i_is_blank(*p))
      p++;
    if (p > start)
      g_ptr_array_add(words, g_strndup(start, p - start));
  }
  g_ptr_array_add(words, NULL);
  return (char **) g_ptr_array_free(words, FALSE);
}
