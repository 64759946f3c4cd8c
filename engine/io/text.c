/* text.c -- reading files as UTF-8 text, and positions within them. */
#include <errno.h>
#include <string.h>

#include "io/io_internal.h"

gboolean
kb_i_text_read(const char *path, KbText *text, KbDiagList *diags)
{
  memset(text, 0, sizeof *text);
  text->path = g_strdup(path);
  g_autoptr(GError) err = NULL;
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, path, 0, 0, NULL,
                     "cannot read: is a folder; expected a file");
    return FALSE;
  }
  if (!g_file_get_contents(path, &text->data, &text->len, &err)) {
    const char *why = err->message;
    if (g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      why = "no such file";
    else if (g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_ACCES))
      why = "permission denied";
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, path, 0, 0, NULL, "cannot read: %s", why);
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

gboolean
kb_i_text_check(KbText *text, KbDiagList *diags)
{
  const unsigned char *d = (const unsigned char *) text->data;
  size_t len = text->len;
  text->body = 0;
  if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, text->path, 1, 1, NULL,
                     "the file is UTF-16; expected UTF-8 (in Excel: save as 'CSV UTF-8')");
    return FALSE;
  }
  if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
    text->body = 3;

  /* Validate line by line, so that each bad line is reported once. */
  unsigned bad = 0;
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
    if (bad < MAX_BAD_LINES) {
      if (d[at] == 0)
        kb_diag_list_add(diags, KB_SEVERITY_ERROR, text->path, line, c, NULL,
                         "NUL byte; expected text");
      else
        kb_diag_list_add(diags, KB_SEVERITY_ERROR, text->path, line, c, NULL,
                         "invalid UTF-8 (byte 0x%02X); expected UTF-8 text (in Excel: save "
                         "as 'CSV UTF-8')", d[at]);
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
