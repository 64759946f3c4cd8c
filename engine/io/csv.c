/* csv.c -- an RFC 4180 reader that knows where every field starts.
 *
 * Accepts what spreadsheets write: comma or semicolon separators, CRLF or LF
 * (or lone CR) line ends, quoted fields holding separators, doubled quotes
 * and line breaks. Spaces around an unquoted field are trimmed; blank lines
 * are skipped. A field of text that klaverblad wrote with a ' before it, so
 * that a spreadsheet does not run it as a formula, is read without it. */
#define _POSIX_C_SOURCE 200809L   /* pread(), O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/escape.h"
#include "io/io_internal.h"

/* The separator of the first line, and whether that line ends in data. */
static char
detect_separator(const char *data, size_t len, gboolean *line_ended)
{
  size_t commas = 0, semicolons = 0;
  gboolean quoted = FALSE, seen = FALSE;
  *line_ended = FALSE;
  for (size_t i = 0; i < len; i++) {
    char c = data[i];
    if (c == '"')
      quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) {
      if (seen) {
        *line_ended = TRUE;
        break;
      }
    } else if (!quoted && c == ',')
      commas++;
    else if (!quoted && c == ';')
      semicolons++;
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
      seen = TRUE;
  }
  return semicolons > commas ? ';' : ',';
}

char
kb_i_csv_detect_separator(const char *data, size_t len)
{
  gboolean line_ended;
  return detect_separator(data, len, &line_ended);
}

/* The parser reads the text once, front to back, and leaves each field's
 * text in the buffer it reads: a quoted field is unescaped towards its
 * start (it only ever shrinks), and each field's end is overwritten with a
 * NUL once the whole record has been read, when the parser no longer needs
 * the separator or line break that stood there. No field is copied.
 *
 * The buffer may hold only part of a file (kb_i_csv_read_file): then a
 * record that runs into the buffer's end is given up, without a call or a
 * diagnostic, and read again once the buffer holds the rest. */
typedef struct {
  const char *file;
  char *p;                /* next byte */
  char *end;
  gboolean final;         /* the text ends at 'end' */
  gboolean short_record;  /* the record ran into 'end', and more may follow */
  unsigned line, column;  /* of *p */
  KbDiagList *diags;
  GArray *fields;         /* of KbCsvField */
  GArray *after_quote;    /* of unsigned[2]: where text follows a closing quote */
  size_t records;         /* KbCsvRecord.records */
} Parser;

/* TRUE at the end of the buffer; notes a record cut short when more text
 * follows. */
static inline gboolean
at_end(Parser *ps)
{
  if (ps->p < ps->end)
    return FALSE;
  if (!ps->final)
    ps->short_record = TRUE;
  return TRUE;
}

/* Advances over one byte, keeping line and column. A CRLF pair counts as one
 * line break; the caller never stops between its two bytes. */
static inline void
advance(Parser *ps)
{
  unsigned char c = (unsigned char) *ps->p++;
  if (c == '\n' || (c == '\r' && (at_end(ps) || *ps->p != '\n'))) {
    ps->line++;
    ps->column = 1;
  } else if (c != '\r' && (c & 0xC0) != 0x80) {
    ps->column++;
  }
}

static inline gboolean
at_line_end(Parser *ps)
{
  return at_end(ps) || *ps->p == '\n' || *ps->p == '\r';
}

static inline void
skip_blanks(Parser *ps)
{
  while (!at_end(ps) && (*ps->p == ' ' || *ps->p == '\t')) {
    ps->p++;
    ps->column++;
  }
}

/* TRUE when the byte after *p is there and is c. */
static inline gboolean
next_is(Parser *ps, char c)
{
  if (ps->p + 1 < ps->end)
    return ps->p[1] == c;
  if (!ps->final)
    ps->short_record = TRUE;
  return FALSE;
}

/* Reads a quoted field, *p being the opening quote, into f (its text written
 * from the quote on). Returns FALSE when the quote is never closed. */
static gboolean
read_quoted(Parser *ps, char sep, KbCsvField *f)
{
  char *out = ps->p;
  f->text = out;
  advance(ps);
  for (;;) {
    if (at_end(ps))
      return ps->short_record;
    char c = *ps->p;
    if (c == '"') {
      advance(ps);
      if (!at_end(ps) && *ps->p == '"') {
        *out++ = '"';
        advance(ps);
        continue;
      }
      break;
    }
    if (c == '\r' && next_is(ps, '\n')) {
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
    /* reported with the record, once it is whole */
    unsigned where[2] = { ps->line, ps->column };
    g_array_append_val(ps->after_quote, where);
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

/* Eight bytes at a time: the bytes of a word that are zero, or that are
 * UTF-8 continuation bytes, as the high bit of each (little-endian; the
 * lowest byte marked as zero is always zero). */
#define ONES  G_GUINT64_CONSTANT(0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT(0x8080808080808080)

static inline guint64
word_at(const char *p)
{
  guint64 w;
  memcpy(&w, p, sizeof w);
  return w;
}

static inline guint64
zero_bytes(guint64 w)
{
  return (w - ONES) & ~w & HIGHS;
}

static inline guint64
continuation_bytes(guint64 w)
{
  return w & ~(w << 1) & HIGHS;
}

/* How many bytes a mask of high bits marks (without a call to libgcc where
 * the processor's popcnt is not assumed). */
static inline unsigned
marked_bytes(guint64 mask)
{
  return (unsigned) (((mask >> 7) * ONES) >> 56);
}

/* Reads an unquoted field into f, without the blanks that end it. */
static void
read_plain(Parser *ps, char sep, KbCsvField *f)
{
  char *start = ps->p, *p = ps->p, *end = ps->end;
  size_t continuations = 0;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* a word at a time up to the word holding the field's end */
  const guint64 seps = ONES * (unsigned char) sep;
  while (end - p >= 8) {
    guint64 w = word_at(p);
    guint64 stop = zero_bytes(w ^ seps) | zero_bytes(w ^ (ONES * '\n'))
                   | zero_bytes(w ^ (ONES * '\r'));
    if (stop != 0) {
      unsigned k = (unsigned) __builtin_ctzll(stop) / 8;   /* bytes before the stop */
      if (k > 0)
        continuations += marked_bytes(continuation_bytes(w)
                                      & (~G_GUINT64_CONSTANT(0) >> (64 - 8 * k)));
      p += k;
      end = p;          /* found: no byte loop */
      break;
    }
    continuations += marked_bytes(continuation_bytes(w));
    p += 8;
  }
#endif
  while (p < end) {
    unsigned char c = (unsigned char) *p;
    if (c == (unsigned char) sep || c == '\n' || c == '\r')
      break;
    p++;
    continuations += (c & 0xC0) == 0x80;
  }
  ps->column += (unsigned) ((size_t) (p - start) - continuations);
  ps->p = p;
  char *last = p;       /* just after the last byte that is not a blank */
  while (last > start && (last[-1] == ' ' || last[-1] == '\t'))
    last--;
  f->text = start;
  f->len = (size_t) (last - start);
}

/* Reports the text after closing quotes in the record read. */
static void
report_after_quote(Parser *ps, char sep)
{
  for (guint i = 0; i < ps->after_quote->len; i++) {
    const unsigned *where = &g_array_index(ps->after_quote, unsigned, 2 * i);
    kb_diag_list_add(ps->diags, KB_SEVERITY_ERROR, ps->file, where[0], where[1], NULL,
                     "text after a closing quote; expected '%c' or the end of the line "
                     "(write a quote inside a quoted field as \"\")", sep);
  }
}

/* Parses the records in ps->p..ps->end, calling 'fn' for each. Stops early,
 * at the start of a record cut short, when the text goes on after 'end';
 * ps->p and ps->line are then those of that record. Returns FALSE when the
 * text cannot be parsed further (an unclosed quote) or 'fn' stopped. */
static gboolean
parse_records(Parser *ps, char sep, KbCsvRecordFunc fn, gpointer user_data)
{
  while (ps->p < ps->end) {
    char *record_start = ps->p;
    unsigned record_line = ps->line;
    gboolean blank = TRUE;
    g_array_set_size(ps->fields, 0);
    g_array_set_size(ps->after_quote, 0);
    for (;;) {
      skip_blanks(ps);
      KbCsvField f = { NULL, 0, ps->line, ps->column };
      if (!at_end(ps) && *ps->p == '"') {
        blank = FALSE;
        if (!read_quoted(ps, sep, &f)) {
          report_after_quote(ps, sep);
          kb_diag_list_add_cause(ps->diags, ps->file, f.line, f.column, NULL,
                                 "the quote opened here is never closed; expected a closing "
                                 "'\"' before the end of the file");
          return FALSE;
        }
      } else {
        read_plain(ps, sep, &f);
      }
      /* the ' a writer put before a text a spreadsheet would take for a
       * formula (kb_csv_append_text) */
      if (f.len > 1 && f.text[0] == '\'' && kb_i_csv_formula_like(f.text + 1, f.len - 1)) {
        f.text++;
        f.len--;
      }
      if (f.len > 0)
        blank = FALSE;
      g_array_append_val(ps->fields, f);
      if (!at_end(ps) && *ps->p == sep) {
        blank = FALSE;
        advance(ps);
        continue;
      }
      break;
    }
    /* at a line end or the end of the data */
    if (!at_end(ps)) {
      if (*ps->p == '\r' && next_is(ps, '\n'))
        advance(ps);
      advance(ps);
    }
    if (ps->short_record) {
      ps->p = record_start;
      ps->line = record_line;
      ps->column = 1;
      return TRUE;
    }
    report_after_quote(ps, sep);
    /* every field ends at or before a byte already read */
    KbCsvField *fields = (KbCsvField *) ps->fields->data;
    for (guint i = 0; i < ps->fields->len; i++)
      fields[i].text[fields[i].len] = '\0';
    if (!blank) {
      KbCsvRecord rec = { record_line, fields, ps->fields->len, ps->records };
      if (!fn(&rec, user_data))
        return FALSE;
    }
  }
  return TRUE;
}

static void
parser_init(Parser *ps, const char *file, KbDiagList *diags)
{
  memset(ps, 0, sizeof *ps);
  ps->file = file;
  ps->line = ps->column = 1;
  ps->diags = diags;
  ps->fields = g_array_new(FALSE, FALSE, sizeof(KbCsvField));
  ps->after_quote = g_array_new(FALSE, FALSE, 2 * sizeof(unsigned));
}

static void
parser_release(Parser *ps)
{
  g_array_unref(ps->fields);
  g_array_unref(ps->after_quote);
}

/* Parses data[0..len), which starts at 'line' and 'column' of 'file'. */
static gboolean
parse_in_place_at(const char *file, char *data, size_t len, char sep, unsigned line,
                  unsigned column, KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags)
{
  Parser ps;
  parser_init(&ps, file, diags);
  ps.p = data;
  ps.end = data + len;
  ps.final = TRUE;
  ps.line = line;
  ps.column = column;
  gboolean ok = parse_records(&ps, sep, fn, user_data);
  parser_release(&ps);
  return ok;
}

gboolean
kb_i_csv_parse_in_place(const char *file, char *data, size_t len, char sep,
                        KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags)
{
  return parse_in_place_at(file, data, len, sep, 1, 1, fn, user_data, diags);
}

gboolean
kb_i_csv_parse_at(const char *file, const char *data, size_t len, char sep, unsigned line,
                  unsigned column, KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags)
{
  char *copy = g_malloc(len + 1);
  memcpy(copy, data, len);
  copy[len] = '\0';
  gboolean ok = parse_in_place_at(file, copy, len, sep, line, column, fn, user_data, diags);
  g_free(copy);
  return ok;
}

gboolean
kb_i_csv_parse(const char *file, const char *data, size_t len, char sep,
               KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags)
{
  return kb_i_csv_parse_at(file, data, len, sep, 1, 1, fn, user_data, diags);
}

/* ----------------------------------------------------------------- files */

/* The file read whole, for files that are not plain files or not clean
 * text: kb_i_text_check() says where they are not. */
static gboolean
read_whole(const char *path, const char *name, char *separator, KbCsvRecordFunc fn,
           gpointer user_data, KbDiagList *diags)
{
  KbText text;
  gboolean ok = kb_i_text_read(path, name, &text, diags) && kb_i_text_check(&text, diags);
  if (ok) {
    char *body = text.data + text.body;
    size_t len = text.len - text.body;
    *separator = kb_i_csv_detect_separator(body, len);
    ok = kb_i_csv_parse_in_place(name, body, len, *separator, fn, user_data, diags);
  }
  kb_i_text_release(&text);
  return ok;
}

/* Reads up to 'len' bytes at 'offset' of fd; fewer only at the end of the
 * file. Returns -1 on a read error. */
static gssize
read_at(int fd, char *buf, size_t len, off_t offset)
{
  size_t got = 0;
  while (got < len) {
    ssize_t n = pread(fd, buf + got, len - got, offset + (off_t) got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
    if (n == 0)
      break;
    got += (size_t) n;
  }
  return (gssize) got;
}

gboolean
kb_i_csv_read_file_chunked(const char *path, const char *name, size_t chunk, char *separator,
                           KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags)
{
  int fd = g_file_test(path, G_FILE_TEST_IS_DIR) ? -1 : open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  size_t body = 0, lines = 0;
  /* no larger than a small file (a byte more, so that its end is seen) */
  if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (guint64) st.st_size < chunk)
    chunk = (size_t) st.st_size + 1;
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)
      || !kb_i_text_is_clean_fd(fd, chunk, &body, &lines)) {
    if (fd >= 0)
      close(fd);
    return read_whole(path, name, separator, fn, user_data, diags);
  }
  /* the buffer holds the first line whole, for the separator */
  size_t cap = chunk;
  char *buf = g_malloc(cap + 1);
  off_t base = (off_t) body;
  gssize have;
  gboolean line_ended = FALSE;
  while ((have = read_at(fd, buf, cap, base)) >= 0) {
    *separator = detect_separator(buf, (size_t) have, &line_ended);
    if (line_ended || (size_t) have < cap)
      break;
    cap *= 2;
    buf = g_realloc(buf, cap + 1);
  }
  if (have < 0) {
    g_free(buf);
    close(fd);
    return read_whole(path, name, separator, fn, user_data, diags);
  }
  Parser ps;
  parser_init(&ps, name, diags);
  /* a record to a line, as nearly always; but no more than one to 20
   * bytes, so that a file of empty lines does not make room for millions */
  ps.records = MIN(lines + 1, (size_t) st.st_size / 20);
  gboolean whole = FALSE;
  for (;;) {
    ps.p = buf;
    ps.end = buf + have;
    ps.final = (size_t) have < cap;
    ps.short_record = FALSE;
    if (!parse_records(&ps, *separator, fn, user_data))
      break;
    if (ps.final) {
      whole = TRUE;
      break;
    }
    /* again from the record cut short, with room for it */
    size_t used = (size_t) (ps.p - buf);
    if (used == 0) {
      cap *= 2;
      buf = g_realloc(buf, cap + 1);
    }
    base += (off_t) used;
    if ((have = read_at(fd, buf, cap, base)) < 0) {
      kb_diag_list_add_cause(diags, name, 0, 0, NULL, "cannot read: %s", g_strerror(errno));
      break;
    }
  }
  parser_release(&ps);
  g_free(buf);
  close(fd);
  return whole;
}

gboolean
kb_i_csv_read_file(const char *path, const char *name, char *separator, KbCsvRecordFunc fn,
                   gpointer user_data, KbDiagList *diags)
{
  return kb_i_csv_read_file_chunked(path, name, (size_t) 4 << 20, separator, fn, user_data,
                                    diags);
}

gboolean
kb_i_csv_read_rejected(const char *path, KbCsvRecordFunc fn, gpointer user_data)
{
  char *data;
  size_t len;
  if (g_file_test(path, G_FILE_TEST_IS_DIR) || !g_file_get_contents(path, &data, &len, NULL))
    return FALSE;
  const unsigned char *d = (const unsigned char *) data;
  size_t body = len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF ? 3 : 0;
  gboolean ok = FALSE;
  /* UTF-16 and binary files hold no ids to read */
  if (memchr(data, '\0', len) == NULL
      && !(len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))) {
    g_autoptr(KbDiagList) ignored = kb_diag_list_new(1);
    char sep = kb_i_csv_detect_separator(data + body, len - body);
    ok = kb_i_csv_parse_in_place(path, data + body, len - body, sep, fn, user_data, ignored);
  }
  g_free(data);
  return ok;
}
