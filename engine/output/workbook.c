/* workbook.c -- sheets written as an Excel workbook, with libxlsxwriter.
 *
 * Each KbSheet becomes a worksheet: its column headings in the first row,
 * that row frozen and filtered, numbers stored as numbers (an empty cell
 * left empty), text as text (never a formula), each column as wide as its
 * content. libxlsxwriter's types stay in this file. Worksheets are written
 * row by row in its constant-memory mode, so a large sheet is not held
 * twice. The workbook's creation date is fixed, so that the same sheets
 * make the same bytes. */
#define _GNU_SOURCE             /* O_CLOEXEC, S_IFCHR */
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/folder.h"
#include "klaverblad/error.h"
#include "output/output_internal.h"

/* Excel's limits: 31 characters in a sheet name, 32767 in a cell, and
 * 1048576 rows, the header one of them. */
#define NAME_MAX_CHARS 31
#define CELL_MAX_CHARS 32767
#define ROWS_MAX 1048576
/* a column is at least this wide and at most this wide, in characters */
#define WIDTH_MIN 6
#define WIDTH_MAX 60

struct KbWorkbook {
  char *path;               /* as shown in messages */
  lxw_workbook *book;
  lxw_format *head;         /* the header row: bold */
  lxw_format *decimals[13]; /* numbers with 0 to 12 decimals, made when first used */
  GHashTable *names;        /* the sheet names given, folded to lower case */
  GError *error;            /* the first failure */
};

KbWorkbook *
kb_workbook_new(const char *path, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL,
                                   .use_zip64 = LXW_FALSE };
  lxw_workbook *book = workbook_new_opt(path, &options);
  if (book == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': cannot start a workbook there",
                path);
    return NULL;
  }
  KbWorkbook *wb = g_new0(KbWorkbook, 1);
  wb->path = g_strdup(path);
  wb->book = book;
  wb->head = workbook_add_format(book);
  format_set_bold(wb->head);
  wb->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  /* a fixed date: the same sheets give the same bytes */
  lxw_doc_properties props = { 0 };
  props.created = 946684800;   /* 2000-01-01T00:00:00Z */
  workbook_set_properties(book, &props);
  return wb;
}

/* The first 'max' characters of the UTF-8 text 's' (a new string). */
static char *
utf8_prefix(const char *s, size_t max)
{
  const char *end = s;
  for (size_t i = 0; i < max && *end; i++)
    end = g_utf8_next_char(end);
  return g_strndup(s, (gsize) (end - s));
}

char *
kb_i_workbook_sheet_name(const char *wanted, GHashTable *taken)
{
  GString *s = g_string_new(NULL);
  for (const char *p = wanted ? wanted : ""; *p; p++)
    g_string_append_c(s, strchr("[]:*?/\\", *p) || (unsigned char) *p < 0x20 ? '-' : *p);
  /* Excel refuses a name that starts or ends with an apostrophe */
  while (s->len && s->str[0] == '\'')
    g_string_erase(s, 0, 1);
  while (s->len && s->str[s->len - 1] == '\'')
    g_string_truncate(s, s->len - 1);
  if (s->len == 0 || !g_utf8_validate(s->str, -1, NULL))
    g_string_assign(s, "Sheet");
  g_autofree char *base = g_string_free(s, FALSE);
  for (unsigned n = 1;; n++) {
    g_autofree char *suffix = n == 1 ? g_strdup("") : g_strdup_printf(" (%u)", n);
    g_autofree char *head = utf8_prefix(base, NAME_MAX_CHARS - strlen(suffix));
    char *name = g_strconcat(g_strchomp(head), suffix, NULL);
    char *folded = g_utf8_casefold(name, -1);
    if (!g_hash_table_contains(taken, folded)) {
      g_hash_table_add(taken, folded);
      return name;
    }
    g_free(folded);
    g_free(name);
  }
}

char *
kb_i_sheet_short_name(const KbSheet *sheet)
{
  const char *heading = kb_sheet_heading(sheet) ? kb_sheet_heading(sheet) : kb_sheet_key(sheet);
  GString *name = g_string_new_len(heading, (gssize) strcspn(heading, ":,("));
  g_strchomp(name->str);
  g_string_set_size(name, strlen(name->str));
  if (g_utf8_validate(name->str, -1, NULL) && g_utf8_strlen(name->str, -1) > NAME_MAX_CHARS) {
    const char *cut = g_utf8_offset_to_pointer(name->str, NAME_MAX_CHARS);
    const char *space = g_utf8_strrchr(name->str, cut - name->str, ' ');
    g_string_truncate(name, (gsize) ((space && space > name->str ? space : cut) - name->str));
  }
  return g_string_free(name, FALSE);
}

static void
fail(KbWorkbook *wb, const char *what, lxw_error err)
{
  if (wb->error == NULL)
    g_set_error(&wb->error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s: %s", wb->path, what,
                lxw_strerror(err));
}

static lxw_format *
decimals_format(KbWorkbook *wb, int decimals)
{
  decimals = CLAMP(decimals, 0, 12);
  if (wb->decimals[decimals] == NULL) {
    char pattern[24] = "0";
    if (decimals > 0) {
      pattern[1] = '.';
      memset(pattern + 2, '0', (size_t) decimals);
      pattern[2 + decimals] = '\0';
    }
    wb->decimals[decimals] = workbook_add_format(wb->book);
    format_set_num_format(wb->decimals[decimals], pattern);
  }
  return wb->decimals[decimals];
}

/* A text as a cell can hold it: at most 32767 characters, the last of a
 * longer text replaced by an ellipsis (a new string). */
static char *
cell_text(const char *text)
{
  if (g_utf8_strlen(text, -1) <= CELL_MAX_CHARS)
    return g_strdup(text);
  g_autofree char *head = utf8_prefix(text, CELL_MAX_CHARS - 1);
  return g_strconcat(head, "\u2026", NULL);
}

gboolean
kb_workbook_add_sheet(KbWorkbook *wb, const KbSheet *sheet, const char *name)
{
  g_return_val_if_fail(wb != NULL && sheet != NULL, FALSE);
  if (wb->error != NULL)
    return FALSE;
  size_t ncol = kb_i_sheet_columns(sheet), nrow = kb_sheet_row_count(sheet);
  if (nrow + 1 > ROWS_MAX) {
    g_set_error(&wb->error, KB_ERROR, KB_ERROR_LIMIT, "cannot write '%s': the table '%s' has "
                "%zu rows; a sheet of a workbook holds at most %d below its header (write it as "
                "CSV instead)", wb->path, kb_sheet_key(sheet), nrow, ROWS_MAX - 1);
    return FALSE;
  }
  g_autofree char *title = kb_i_workbook_sheet_name(name ? name : kb_sheet_key(sheet), wb->names);
  lxw_worksheet *ws = workbook_add_worksheet(wb->book, title);
  if (ws == NULL) {
    fail(wb, "cannot add a sheet", LXW_ERROR_MEMORY_MALLOC_FAILED);
    return FALSE;
  }
  /* the widths first: in constant-memory mode rows are written as they come */
  for (size_t c = 0; c < ncol; c++) {
    size_t width = (size_t) g_utf8_strlen(kb_i_sheet_heading(sheet, c), -1);
    for (size_t r = 0; r < nrow; r++) {
      g_autofree char *t = kb_i_sheet_cell_text(sheet, r, c);
      width = MAX(width, (size_t) g_utf8_strlen(t, -1));
    }
    worksheet_set_column(ws, (lxw_col_t) c, (lxw_col_t) c,
                         (double) CLAMP(width + 2, WIDTH_MIN, WIDTH_MAX), NULL);
  }
  lxw_error err = LXW_NO_ERROR;
  for (size_t c = 0; c < ncol && !err; c++)
    err = worksheet_write_string(ws, 0, (lxw_col_t) c, kb_i_sheet_heading(sheet, c), wb->head);
  for (size_t r = 0; r < nrow && !err; r++)
    for (size_t c = 0; c < ncol && !err; c++) {
      KbCellValue v;
      kb_i_sheet_cell(sheet, r, c, &v);
      lxw_row_t row = (lxw_row_t) (r + 1);
      switch (v.type) {
      case KB_COLUMN_TEXT: {
        if (v.text == NULL)
          break;
        g_autofree char *t = cell_text(v.text);
        err = worksheet_write_string(ws, row, (lxw_col_t) c, t, NULL);
        break;
      }
      case KB_COLUMN_INT:
      case KB_COLUMN_YEAR:
        if (!v.empty)
          err = worksheet_write_number(ws, row, (lxw_col_t) c, (double) v.i, NULL);
        break;
      case KB_COLUMN_NUMBER:
        /* a count reads as a count; other numbers with the column's decimals */
        if (!v.empty && isfinite(v.d))
          err = worksheet_write_number(ws, row, (lxw_col_t) c, v.d,
                                       (v.d == floor(v.d) && fabs(v.d) < 1e15)
                                       || v.decimals == KB_DECIMALS_ALL
                                       ? NULL : decimals_format(wb, v.decimals));
        break;
      }
    }
  worksheet_freeze_panes(ws, 1, 0);
  if (!err && ncol > 0)
    err = worksheet_autofilter(ws, 0, 0, (lxw_row_t) nrow, (lxw_col_t) (ncol - 1));
  if (err) {
    fail(wb, "cannot fill a sheet", err);
    return FALSE;
  }
  return TRUE;
}

gboolean
kb_workbook_close(KbWorkbook *wb, GError **error)
{
  g_return_val_if_fail(wb != NULL, FALSE);
  lxw_error err = workbook_close(wb->book);
  if (err)
    fail(wb, "cannot finish the workbook", err);
  gboolean ok = wb->error == NULL;
  if (!ok)
    g_propagate_error(error, wb->error);
  g_hash_table_unref(wb->names);
  g_free(wb->path);
  g_free(wb);
  return ok;
}

/* TRUE when 'path' is a terminal. */
static gboolean
is_terminal(const char *path)
{
  int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  gboolean tty = fd >= 0 && isatty(fd);
  if (fd >= 0)
    close(fd);
  return tty;
}

gboolean
kb_doc_write_xlsx(const KbDoc *doc, const char *path, GError **error)
{
  g_return_val_if_fail(doc != NULL && path != NULL, FALSE);
  KbFileTarget target;
  if (!kb_i_file_target_init(&target, path, error))
    return FALSE;
  if (target.stream && target.type == S_IFCHR && is_terminal(target.dest)) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': it is a terminal, and a "
                "workbook is not text; name a file", path);
    kb_i_file_target_release(&target);
    return FALSE;
  }
  g_autofree char *scratch = kb_i_file_target_scratch(&target, error);
  if (scratch == NULL) {
    kb_i_file_target_release(&target);
    return FALSE;
  }
  g_autofree char *file = g_build_filename(scratch, "book.xlsx", NULL);
  GError *err = NULL;
  KbWorkbook *wb = kb_workbook_new(file, &err);
  if (wb != NULL) {
    for (size_t i = 0; i < kb_doc_sheet_count(doc); i++) {
      const KbSheet *s = kb_doc_sheet(doc, i);
      g_autofree char *name = kb_i_sheet_short_name(s);
      kb_workbook_add_sheet(wb, s, name);
    }
    kb_workbook_close(wb, &err);
  }
  gboolean ok = err == NULL;
  if (err != NULL) {
    /* the message names the file as the user named it, not the scratch copy */
    g_autofree char *shown = g_strdup_printf("'%s'", file);
    g_autofree char *wanted = g_strdup_printf("'%s'", path);
    g_auto(GStrv) parts = g_strsplit(err->message, shown, -1);
    g_autofree char *message = g_strjoinv(wanted, parts);
    g_set_error_literal(error, err->domain, err->code, message);
    g_error_free(err);
  }
  ok = ok && kb_i_file_target_put(&target, file, error);
  kb_i_remove_tree(scratch);
  kb_i_file_target_release(&target);
  return ok;
}
