/* csv.c -- an RFC 4180 reader that knows where every field starts.
 *
 * Accepts what spreadsheets write: comma or semicolon separators, CRLF or LF
 * (or lone CR) line ends, quoted fields holding separators, doubled quotes
 * and line breaks. Spaces around an unquoted field are trimmed; blank lines
 * are skipped. */
#include <string.h>

#include "io/io_internal.h"

char
kb_i_csv_detect_separator(const char *data, size_t len)
{
  size_t commas = 0, semicolons = 0;
  gboolean quoted = FALSE, seen = FALSE;
  for (size_t i = 0; i < len; i++) {
    char c = data[i];
    if (c == '"')
      quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) {
      if (seen)
        break;
    } else if (!quoted && c == ',')
      commas++;
    else if (!quoted && c == ';')
      semicolons++;
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
      seen = TRUE;
  }
  return semicolons > commas ? ';' : ',';
}

typedef struct {
  const char *file;
  const char *p;          /* next byte */
  const char *end;
  unsigned line, column;  /* of *p */
  KbDiagList *diags;
  GArray *fields;         /* of KbCsvField */
  GString *buf;
} Parser;

/* Advances over one byte, keeping line and column. A CRLF pair counts as one
 * line break; the caller never stops between its two bytes. */
static void
advance(Parser *ps)
{
  unsigned char c = (unsigned char) *ps->p++;
  if (c == '\n' || (c == '\r' && (ps->p == ps->end || *ps->p != '\n'))) {
    ps->line++;
    ps->column = 1;
  } else if (c != '\r' && (c & 0xC0) != 0x80) {
    ps->column++;
  }
}

static gboolean
at_line_end(const Parser *ps)
{
  return ps->p == ps->end || *ps->p == '\n' || *ps->p == '\r';
}

static void
skip_blanks(Parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'))
    advance(ps);
}

static void
clear_fields(GArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    g_free(g_array_index(fields, KbCsvField, i).text);
  g_array_set_size(fields, 0);
}

/* Reads a quoted field, *p being the opening quote. Returns FALSE when the
 * quote is never closed. */
static gboolean
read_quoted(Parser *ps, char sep)
{
  unsigned qline = ps->line, qcolumn = ps->column;
  advance(ps);
  for (;;) {
    if (ps->p == ps->end) {
      kb_diag_list_add(ps->diags, KB_SEVERITY_ERROR, ps->file, qline, qcolumn, NULL,
                       "the quote opened here is never closed; expected a closing '\"' "
                       "before the end of the file");
      return FALSE;
    }
    char c = *ps->p;
    if (c == '"') {
      advance(ps);
      if (ps->p < ps->end && *ps->p == '"') {
        g_string_append_c(ps->buf, '"');
        advance(ps);
        continue;
      }
      break;
    }
    if (c == '\r' && ps->p + 1 < ps->end && ps->p[1] == '\n') {
      advance(ps);          /* CRLF inside quotes is kept as LF */
      continue;
    }
    g_string_append_c(ps->buf, c);
    advance(ps);
  }
  const char *blanks = ps->p;
  skip_blanks(ps);
  if (!at_line_end(ps) && *ps->p != sep) {
    kb_diag_list_add(ps->diags, KB_SEVERITY_ERROR, ps->file, ps->line, ps->column, NULL,
                     "text after a closing quote; expected '%c' or the end of the line "
                     "(write a quote inside a quoted field as \"\")", sep);
    /* Keep the rest as written, so the row can still be checked. */
    g_string_append_len(ps->buf, blanks, ps->p - blanks);
    while (!at_line_end(ps) && *ps->p != sep) {
      g_string_append_c(ps->buf, *ps->p);
      advance(ps);
    }
  }
  return TRUE;
}

static void
read_plain(Parser *ps, char sep)
{
  while (!at_line_end(ps) && *ps->p != sep) {
    g_string_append_c(ps->buf, *ps->p);
    advance(ps);
  }
  while (ps->buf->len > 0 && (ps->buf->str[ps->buf->len - 1] == ' '
                              || ps->buf->str[ps->buf->len - 1] == '\t'))
    g_string_truncate(ps->buf, ps->buf->len - 1);
}

gboolean
kb_i_csv_parse(const char *file, const char *data, size_t len, char sep,
               KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags)
{
  Parser ps = { file, data, data + len, 1, 1, diags,
                g_array_new(FALSE, FALSE, sizeof(KbCsvField)), g_string_new(NULL) };
  gboolean ok = TRUE;
  while (ps.p < ps.end && ok) {
    unsigned record_line = ps.line;
    gboolean blank = TRUE;
    for (;;) {
      skip_blanks(&ps);
      KbCsvField f = { NULL, ps.line, ps.column };
      g_string_truncate(ps.buf, 0);
      if (ps.p < ps.end && *ps.p == '"') {
        blank = FALSE;
        if (!read_quoted(&ps, sep)) {
          ok = FALSE;
          break;
        }
      } else {
        read_plain(&ps, sep);
      }
      if (ps.buf->len > 0)
        blank = FALSE;
      f.text = g_strndup(ps.buf->str, ps.buf->len);
      g_array_append_val(ps.fields, f);
      if (ps.p < ps.end && *ps.p == sep) {
        blank = FALSE;
        advance(&ps);
        continue;
      }
      break;
    }
    if (!ok)
      break;
    /* at a line end or the end of the data */
    if (ps.p < ps.end) {
      if (*ps.p == '\r' && ps.p + 1 < ps.end && ps.p[1] == '\n')
        advance(&ps);
      advance(&ps);
    }
    if (!blank) {
      KbCsvRecord rec = { record_line, (KbCsvField *) ps.fields->data, ps.fields->len };
      if (!fn(&rec, user_data))
        ok = FALSE;
    }
    clear_fields(ps.fields);
  }
  clear_fields(ps.fields);
  g_array_unref(ps.fields);
  g_string_free(ps.buf, TRUE);
  return ok;
}
