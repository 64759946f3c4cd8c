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

/* The parser reads the text once, front to back, and leaves each field's
 * text in the buffer it reads: a quoted field is unescaped towards its
 * start (it only ever shrinks), and each field's end is overwritten with a
 * NUL once the whole record has been read, when the parser no longer needs
 * the separator or line break that stood there. No field is copied. */
typedef struct {
  const char *file;
  char *p;                /* next byte */
  char *end;
  unsigned line, column;  /* of *p */
  KbDiagList *diags;
  GArray *fields;         /* of KbCsvField */
} Parser;

/* Advances over one byte, keeping line and column. A CRLF pair counts as one
 * line break; the caller never stops between its two bytes. */
static inline void
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

static inline gboolean
at_line_end(const Parser *ps)
{
  return ps->p == ps->end || *ps->p == '\n' || *ps->p == '\r';
}

static inline void
skip_blanks(Parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t')) {
    ps->p++;
    ps->column++;
  }
}

/* Reads a quoted field, *p being the opening quote, into f (its text written
 * from the quote on). Returns FALSE when the quote is never closed. */
static gboolean
read_quoted(Parser *ps, char sep, KbCsvField *f)
{
  unsigned qline = ps->line, qcolumn = ps->column;
  char *out = ps->p;
  f->text = out;
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
        *out++ = '"';
        advance(ps);
        continue;
      }
      break;
    }
    if (c == '\r' && ps->p + 1 < ps->end && ps->p[1] == '\n') {
      advance(ps);          /* CRLF inside quotes is kept as LF */
      continue;
    }
    if (c == '\n' || c == '\r') {
      *out++ = c;
      advance(ps);
      continue;
    }
    /* the run of ordinary bytes up to the next quote or line break */
    const char *run = ps->p;
    unsigned chars = 0;
    while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\n' && *ps->p != '\r') {
      chars += ((unsigned char) *ps->p & 0xC0) != 0x80;
      ps->p++;
    }
    ps->column += chars;
    size_t n = (size_t) (ps->p - run);
    memmove(out, run, n);
    out += n;
  }
  const char *blanks = ps->p;
  skip_blanks(ps);
  if (!at_line_end(ps) && *ps->p != sep) {
    kb_diag_list_add(ps->diags, KB_SEVERITY_ERROR, ps->file, ps->line, ps->column, NULL,
                     "text after a closing quote; expected '%c' or the end of the line "
                     "(write a quote inside a quoted field as \"\")", sep);
    /* Keep the rest as written, so the row can still be checked. */
    while (!at_line_end(ps) && *ps->p != sep)
      advance(ps);
    size_t n = (size_t) (ps->p - blanks);
    memmove(out, blanks, n);
    out += n;
  }
  f->len = (size_t) (out - f->text);
  return TRUE;
}

/* Reads an unquoted field into f, without the blanks that end it. */
static void
read_plain(Parser *ps, char sep, KbCsvField *f)
{
  char *start = ps->p, *p = ps->p, *end = ps->end;
  char *last = start;     /* just after the last byte that is not a blank */
  unsigned chars = 0;
  while (p < end) {
    unsigned char c = (unsigned char) *p;
    if (c == (unsigned char) sep || c == '\n' || c == '\r')
      break;
    p++;
    chars += (c & 0xC0) != 0x80;
    if (c != ' ' && c != '\t')
      last = p;
  }
  ps->p = p;
  ps->column += chars;
  f->text = start;
  f->len = (size_t) (last - start);
}

gboolean
kb_i_csv_parse_in_place(const char *file, char *data, size_t len, char sep,
                        KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags)
{
  Parser ps = { file, data, data + len, 1, 1, diags,
                g_array_new(FALSE, FALSE, sizeof(KbCsvField)) };
  gboolean ok = TRUE;
  while (ps.p < ps.end && ok) {
    unsigned record_line = ps.line;
    gboolean blank = TRUE;
    g_array_set_size(ps.fields, 0);
    for (;;) {
      skip_blanks(&ps);
      KbCsvField f = { NULL, 0, ps.line, ps.column };
      if (ps.p < ps.end && *ps.p == '"') {
        blank = FALSE;
        if (!read_quoted(&ps, sep, &f)) {
          ok = FALSE;
          break;
        }
      } else {
        read_plain(&ps, sep, &f);
      }
      if (f.len > 0)
        blank = FALSE;
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
    /* every field ends at or before a byte already read */
    KbCsvField *fields = (KbCsvField *) ps.fields->data;
    for (guint i = 0; i < ps.fields->len; i++)
      fields[i].text[fields[i].len] = '\0';
    if (!blank) {
      KbCsvRecord rec = { record_line, fields, ps.fields->len };
      if (!fn(&rec, user_data))
        ok = FALSE;
    }
  }
  g_array_unref(ps.fields);
  return ok;
}

gboolean
kb_i_csv_parse(const char *file, const char *data, size_t len, char sep,
               KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags)
{
  char *copy = g_malloc(len + 1);
  memcpy(copy, data, len);
  copy[len] = '\0';
  gboolean ok = kb_i_csv_parse_in_place(file, copy, len, sep, fn, user_data, diags);
  g_free(copy);
  return ok;
}
