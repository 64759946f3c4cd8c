/* text.c -- reading files as UTF-8 text, and positions within them. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "io/io_internal.h"

gboolean
kb_i_text_read(const char *path, const char *name, KbText *text, KbDiagList *diags)
{
  memset(text, 0, sizeof *text);
  text->path = g_strdup(name);
  g_autoptr(GError) err = NULL;
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    kb_diag_list_add_cause(diags, name, 0, 0, NULL, "cannot read: is a folder; expected a file");
    return FALSE;
  }
  if (!g_file_get_contents(path, &text->data, &text->len, &err)) {
    const char *why = err->message;
    if (g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      why = "no such file";
    else if (g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_ACCES))
      why = "permission denied";
    kb_diag_list_add_cause(diags, name, 0, 0, NULL, "cannot read: %s", why);
    return FALSE;
  }
  return TRUE;
}

void
kb_i_text_release(KbText *text)
{
  g_free(text->path);
  g_free(text->data);
  memset(text, 0, sizeof *text);
}

void
kb_i_text_position(const char *data, size_t offset, unsigned *line, unsigned *column)
{
  unsigned l = 1, c = 1;
  for (size_t i = 0; i < offset; i++) {
    unsigned char ch = (unsigned char) data[i];
    if (ch == '\n') {
      l++;
      c = 1;
    } else if (ch == '\r') {
      if (data[i + 1] != '\n') {
        l++;
        c = 1;
      }
    } else if ((ch & 0xC0) != 0x80) {
      c++;
    }
  }
  *line = l;
  *column = c;
}

/* Reports at most this many bad places per file: one per line. */
#define MAX_BAD_LINES 20

#define SAVE_AS_UTF8 "in Excel, use File > Save As and choose 'CSV UTF-8 (Comma delimited)'"

/* A byte that is not UTF-8 (or a NUL) at 'line' and 'column'. The first of
 * a file is the root cause of all that fails to be read: it says what the
 * byte would be in the encoding the file looks like (Windows-1252, or none)
 * and how to save the file as UTF-8. The others say so in short. */
static void
report_bad_byte(KbText *text, gboolean first, unsigned line, unsigned column,
                unsigned char byte, gboolean windows_1252, KbDiagList *diags)
{
  g_autofree char *what = windows_1252 && byte != 0 ? kb_i_windows_1252_describe(byte) : NULL;
  if (first && byte == 0)
    kb_diag_list_add_cause(diags, text->path, line, column, NULL, "NUL byte; expected text");
  else if (first && what != NULL)
    kb_diag_list_add_cause(diags, text->path, line, column, NULL,
                           "the file is not UTF-8 (byte 0x%02X, %s in Windows-1252): it looks "
                           "like Windows-1252 (as Excel saves 'CSV'); expected UTF-8: "
                           SAVE_AS_UTF8, byte, what);
  else if (first)
    kb_diag_list_add_cause(diags, text->path, line, column, NULL,
                           "the file is not UTF-8 (byte 0x%02X cannot stand here); expected "
                           "UTF-8: " SAVE_AS_UTF8, byte);
  else if (byte == 0)
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, text->path, line, column, NULL,
                     "NUL byte; expected text");
  else if (what != NULL)
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, text->path, line, column, NULL,
                     "invalid UTF-8 (byte 0x%02X, %s in Windows-1252); expected UTF-8 text "
                     "(in Excel: save as 'CSV UTF-8')", byte, what);
  else
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, text->path, line, column, NULL,
                     "invalid UTF-8 (byte 0x%02X); expected UTF-8 text (in Excel: save as "
                     "'CSV UTF-8')", byte);
}

gboolean
kb_i_text_check(KbText *text, KbDiagList *diags)
{
  const unsigned char *d = (const unsigned char *) text->data;
  size_t len = text->len;
  text->body = 0;
  if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
    kb_diag_list_add_cause(diags, text->path, 1, 1, NULL,
                           "the file is UTF-16; expected UTF-8 (in Excel: save as 'CSV UTF-8')");
    return FALSE;
  }
  if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
    text->body = 3;

  /* Validate line by line, so that each bad line is reported once. */
  unsigned bad = 0;
  gboolean windows_1252 = FALSE;    /* what the text looks like, once it is not UTF-8 */
  size_t pos = text->body;
  size_t line_start = text->body;   /* of the line holding pos */
  unsigned line = 1;
  while (pos < len) {
    const char *end = NULL;
    if (g_utf8_validate_len(text->data + pos, len - pos, &end))
      break;
    size_t at = (size_t) (end - text->data);
    unsigned l, c;
    kb_i_text_position(text->data + line_start, at - line_start, &l, &c);
    line += l - 1;
    if (l > 1) {
      /* move line_start to the start of the line holding 'at' */
      size_t k = at;
      while (k > line_start && text->data[k - 1] != '\n' && text->data[k - 1] != '\r')
        k--;
      line_start = k;
    }
    if (bad == 0) {
      windows_1252 = kb_i_text_looks_windows_1252(text->data + text->body, len - text->body);
      report_bad_byte(text, TRUE, line, c, d[at], windows_1252, diags);
    } else if (bad < MAX_BAD_LINES) {
      report_bad_byte(text, FALSE, line, c, d[at], windows_1252, diags);
    }
    bad++;
    /* continue after the end of this line */
    size_t next = at;
    while (next < len && d[next] != '\n' && d[next] != '\r')
      next++;
    if (next < len && d[next] == '\r' && next + 1 < len && d[next + 1] == '\n')
      next++;
    if (next < len) {
      next++;
      line++;
    }
    pos = line_start = next;
  }
  if (bad > MAX_BAD_LINES)
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, text->path, 0, 0, NULL,
                     "%u more lines hold invalid UTF-8", bad - MAX_BAD_LINES);
  return bad == 0;
}

/* The length of data[0..len) without a character cut short at its end. */
static size_t
whole_characters(const unsigned char *data, size_t len)
{
  for (size_t back = 1; back <= 3 && back <= len; back++) {
    unsigned char c = data[len - back];
    if ((c & 0xC0) == 0x80)
      continue;   /* a continuation byte: look further back */
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? len - back : len;
  }
  return len;
}

#define ONES  G_GUINT64_CONSTANT(0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT(0x8080808080808080)

/* TRUE when data[0..len) (whole characters) is UTF-8 without NUL bytes, as
 * g_utf8_validate_len() says: words of plain ASCII are passed over eight
 * bytes at a time, and GLib looks at the rest in short pieces. */
static gboolean
utf8_is_clean(const unsigned char *data, size_t len)
{
  size_t i = 0;
  while (i < len) {
    while (len - i >= 8) {
      guint64 w;
      memcpy(&w, data + i, sizeof w);
      if ((w & HIGHS) != 0 || ((w - ONES) & ~w & HIGHS) != 0)
        break;
      i += 8;
    }
    size_t stop = len - i <= 64 ? len : i + whole_characters(data + i, 64);
    if (!g_utf8_validate_len((const char *) data + i, stop - i, NULL))
      return FALSE;
    i = stop;
  }
  return TRUE;
}

gboolean
kb_i_text_is_clean_fd(int fd, size_t chunk, size_t *body, size_t *lines)
{
  unsigned char *buf = g_malloc(chunk + 4);
  size_t carry = 0;               /* bytes of a character cut short, at buf[0] */
  gboolean first = TRUE, clean = TRUE;
  *body = *lines = 0;
  for (;;) {
    ssize_t got = read(fd, buf + carry, chunk);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      clean = FALSE;
      break;
    }
    size_t len = carry + (size_t) got, start = 0;
    if (first && (len >= 3 || got == 0)) {
      first = FALSE;
      if (len >= 2 && ((buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF))) {
        clean = FALSE;
        break;
      }
      if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
        start = *body = 3;
    } else if (first) {
      carry = len;                /* too little yet to tell a byte-order mark */
      continue;
    }
    size_t whole = got == 0 ? len : whole_characters(buf, len);
    if (!utf8_is_clean(buf + start, whole - start)) {
      clean = FALSE;
      break;
    }
    for (const unsigned char *p = buf + start, *end = buf + whole;
         (p = memchr(p, '\n', (size_t) (end - p))) != NULL; p++)
      ++*lines;
    if (got == 0)
      break;
    carry = len - whole;
    memmove(buf, buf + whole, carry);
  }
  g_free(buf);
  return clean;
}
