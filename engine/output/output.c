/* output.c -- a document of paragraphs and typed sheets: building it,
 * reading it back, and a cell as text. Its renderings are in
 * output_render.c. */
#include <math.h>
#include <string.h>

#include "klaverblad/model.h"
#include "klaverblad/output.h"
#include "output/output_internal.h"

/* ------------------------------------------------------------ building */

gboolean
kb_output_format_parse(const char *name, KbOutputFormat *out)
{
  static const char *const names[] = { "table", "csv", "json", "md", "xlsx" };
  for (int i = 0; i < 5; i++)
    if (strcmp(name, names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  return FALSE;
}

KbDoc *
kb_doc_new(const char *title)
{
  KbDoc *doc = g_new0(KbDoc, 1);
  doc->title = g_strdup(title);
  doc->blocks = g_array_new(FALSE, TRUE, sizeof(KbDocBlock));
  return doc;
}

static void
sheet_free(KbSheet *sheet)
{
  for (guint i = 0; i < sheet->columns->len; i++) {
    KbSheetColumn *c = &g_array_index(sheet->columns, KbSheetColumn, i);
    g_free(c->key);
    g_free(c->heading);
  }
  for (guint i = 0; i < sheet->cells->len; i++) {
    g_free(g_array_index(sheet->cells, KbSheetCell, i).text);
    g_free(g_array_index(sheet->cells, KbSheetCell, i).brief);
  }
  g_array_unref(sheet->columns);
  g_array_unref(sheet->cells);
  g_free(sheet->key);
  g_free(sheet->heading);
  g_free(sheet);
}

void
kb_doc_free(KbDoc *doc)
{
  if (doc == NULL)
    return;
  for (guint i = 0; i < doc->blocks->len; i++) {
    KbDocBlock *b = &g_array_index(doc->blocks, KbDocBlock, i);
    g_free(b->key);
    g_free(b->text);
    if (b->sheet)
      sheet_free(b->sheet);
  }
  g_array_unref(doc->blocks);
  g_free(doc->title);
  g_free(doc->none);
  g_free(doc);
}

void
kb_doc_set_none(KbDoc *doc, const char *text)
{
  g_return_if_fail(doc != NULL && text != NULL);
  g_free(doc->none);
  doc->none = g_strdup(text);
}

void
kb_doc_set_decimal_comma(KbDoc *doc, gboolean comma)
{
  g_return_if_fail(doc != NULL);
  doc->decimal_comma = comma;
}

void
kb_doc_add_text(KbDoc *doc, const char *key, const char *text)
{
  g_return_if_fail(doc != NULL && key != NULL && text != NULL);
  KbDocBlock b = { g_strdup(key), g_strdup(text), NULL };
  g_array_append_val(doc->blocks, b);
}

KbSheet *
kb_doc_add_sheet(KbDoc *doc, const char *key, const char *heading)
{
  g_return_val_if_fail(doc != NULL && key != NULL, NULL);
  KbSheet *s = g_new0(KbSheet, 1);
  s->key = g_strdup(key);
  s->heading = g_strdup(heading);
  s->columns = g_array_new(FALSE, TRUE, sizeof(KbSheetColumn));
  s->cells = g_array_new(FALSE, TRUE, sizeof(KbSheetCell));
  KbDocBlock b = { g_strdup(key), NULL, s };
  g_array_append_val(doc->blocks, b);
  return s;
}

void
kb_sheet_add_column(KbSheet *sheet, const char *key, const char *heading, KbColumnType type,
                    int decimals)
{
  g_return_if_fail(sheet != NULL && sheet->cells->len == 0);
  KbSheetColumn c = { g_strdup(key), g_strdup(heading), type, decimals };
  g_array_append_val(sheet->columns, c);
}

void
kb_sheet_begin_row(KbSheet *sheet)
{
  g_return_if_fail(sheet != NULL);
  g_return_if_fail(sheet->cells->len % sheet->columns->len == 0 && sheet->filled == 0);
}

static void
put(KbSheet *sheet, KbSheetCell cell)
{
  if (sheet->csv != NULL)
    kb_i_sheet_stream_cell(sheet, &cell);
  else
    g_array_append_val(sheet->cells, cell);
}

void
kb_sheet_put_text(KbSheet *sheet, const char *text)
{
  /* a streamed cell is written at once, from the caller's text */
  if (sheet->csv != NULL) {
    kb_i_sheet_stream_cell(sheet, &(KbSheetCell) { text == NULL, (char *) text, NULL, 0, 0 });
    return;
  }
  /* an empty cell holds no copy: a table of 10^6 rows has millions */
  put(sheet, (KbSheetCell) { text == NULL, g_strdup(text), NULL, 0, 0 });
}

void
kb_sheet_put_list(KbSheet *sheet, const char *text, const char *brief)
{
  g_return_if_fail(text != NULL && brief != NULL);
  if (sheet->csv != NULL) {
    kb_i_sheet_stream_cell(sheet, &(KbSheetCell) { FALSE, (char *) text, NULL, 0, 0 });
    return;
  }
  put(sheet, (KbSheetCell) { FALSE, g_strdup(text), strcmp(text, brief) ? g_strdup(brief) : NULL, 0,
                             0 });
}

void
kb_sheet_put_int(KbSheet *sheet, long long value)
{
  put(sheet, (KbSheetCell) { FALSE, NULL, NULL, value, 0 });
}

void
kb_sheet_put_number(KbSheet *sheet, double value)
{
  put(sheet, (KbSheetCell) { isnan(value), NULL, NULL, 0, value });
}

void
kb_sheet_put_year(KbSheet *sheet, int year)
{
  put(sheet, (KbSheetCell) { year == KB_NO_YEAR, NULL, NULL, year, 0 });
}

size_t
kb_sheet_row_count(const KbSheet *sheet)
{
  g_return_val_if_fail(sheet != NULL, 0);
  return sheet->columns->len ? sheet->cells->len / sheet->columns->len : 0;
}

/* ---------------------------------------------------------------- cells */

/* The exact text of a number: 12 significant digits, no trailing noise,
 * "-0" shown as "0". */
static char *
number_exact(double d)
{
  if (d == 0)
    d = 0;
  char buf[64];
  g_snprintf(buf, sizeof buf, "%.12g", d);
  return g_strdup(buf);
}

/* A cell as text: 'exact' for CSV and JSON, else with the column's decimals. */
char *
kb_i_cell_string(const KbSheetColumn *col, const KbSheetCell *cell, gboolean exact)
{
  if (cell->empty)
    return g_strdup("");
  switch (col->type) {
  case KB_COLUMN_TEXT:
    return g_strdup(cell->text);
  case KB_COLUMN_INT:
  case KB_COLUMN_YEAR:
    return g_strdup_printf("%lld", cell->i);
  case KB_COLUMN_NUMBER:
    if (exact || !isfinite(cell->d) || col->decimals == KB_DECIMALS_ALL)
      return number_exact(cell->d);
    double d = cell->d;
    if (d == floor(d) && fabs(d) < 1e15)     /* a count reads as a count */
      return g_strdup_printf("%.0f", d == 0 ? 0.0 : d);
    /* a value that the decimals would show as 0 gets two significant
     * digits (0.00043, not 0.000), as far as 12 decimals */
    int decimals = col->decimals;
    if (fabs(d) < 0.5 * pow(10, -decimals))
      decimals = MAX(decimals, MIN(12, 1 - (int) floor(log10(fabs(d)))));
    char *s = g_strdup_printf("%.*f", decimals, d);
    if (strspn(s, "-0.") == strlen(s) && s[0] == '-') {   /* "-0.000" */
      char *t = g_strdup(s + 1);
      g_free(s);
      s = t;
    }
    return s;
  }
  return g_strdup("");
}

/* --------------------------------------------------------------- access */

size_t
kb_doc_sheet_count(const KbDoc *doc)
{
  size_t n = 0;
  for (guint i = 0; i < doc->blocks->len; i++)
    n += g_array_index(doc->blocks, KbDocBlock, i).sheet != NULL;
  return n;
}

const KbSheet *
kb_doc_sheet(const KbDoc *doc, size_t k)
{
  for (guint i = 0; i < doc->blocks->len; i++) {
    const KbSheet *s = g_array_index(doc->blocks, KbDocBlock, i).sheet;
    if (s != NULL && k-- == 0)
      return s;
  }
  g_return_val_if_reached(NULL);
}

const char *
kb_sheet_key(const KbSheet *sheet)
{
  return sheet->key;
}

const char *
kb_sheet_heading(const KbSheet *sheet)
{
  return sheet->heading;
}

/* ------------------------------------------------------ for the workbook */

size_t
kb_i_sheet_columns(const KbSheet *sheet)
{
  return sheet->columns->len;
}

const char *
kb_i_sheet_heading(const KbSheet *sheet, size_t c)
{
  const KbSheetColumn *col = KB_SHEET_COLUMN(sheet, c);
  return col->heading ? col->heading : col->key;
}

void
kb_i_sheet_cell(const KbSheet *sheet, size_t r, size_t c, KbCellValue *v)
{
  const KbSheetColumn *col = KB_SHEET_COLUMN(sheet, c);
  const KbSheetCell *cell = KB_SHEET_CELL(sheet, r, c);
  *v = (KbCellValue) { col->type, cell->empty, cell->empty ? NULL : cell->text, cell->i, cell->d,
                       col->decimals };
}

char *
kb_i_sheet_cell_text(const KbSheet *sheet, size_t r, size_t c)
{
  return kb_i_cell_string(KB_SHEET_COLUMN(sheet, c), KB_SHEET_CELL(sheet, r, c), FALSE);
}
