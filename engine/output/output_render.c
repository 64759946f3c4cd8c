/* output_render.c -- a document's renderings: an aligned table for the
 * terminal, CSV (plain or for Excel), JSON, Markdown, and a sheet as an HTML
 * table. output.c builds the document; this file only reads it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "klaverblad/output.h"
#include "klaverblad/terminal.h"
#include "output/output_internal.h"

/* ------------------------------------------------------------ rendering */

void
kb_csv_append_number(GString *out, double value)
{
  char text[32];             /* "%.12g" takes 19 at most */
  int n = snprintf(text, sizeof text, "%.12g", value == 0 ? 0 : value);
  g_string_append_len(out, text, n);
}

static gboolean
is_numeric(const KbSheetColumn *col)
{
  return col->type != KB_COLUMN_TEXT;
}

/* -- table */

static void
pad(GString *out, size_t n)
{
  for (size_t i = 0; i < n; i++)
    g_string_append_c(out, ' ');
}

static void
underline(GString *out, const char *text, char c)
{
  size_t n = g_utf8_strlen(text, -1);
  for (size_t i = 0; i < n; i++)
    g_string_append_c(out, c);
  g_string_append_c(out, '\n');
}

/* A line of text with a rule under it as long as the text; the text's
 * control characters shown as escapes. */
static void
heading(GString *out, const char *text, char c)
{
  g_autofree char *shown = kb_terminal_escape(text);
  g_string_append_printf(out, "%s\n", shown);
  underline(out, shown, c);
}

static char *dutch_number(const char *text);

/* A cell as a reader sees it in a table, Markdown or HTML: with the
 * column's decimals, and with 'comma' a number (not a year) as Dutch
 * readers write it (0,281; 129.827). */
static char *
cell_read(const KbSheetColumn *col, const KbSheetCell *cell, gboolean comma)
{
  char *t = kb_i_cell_string(col, cell, FALSE);
  if (!comma || (col->type != KB_COLUMN_NUMBER && col->type != KB_COLUMN_INT) || *t == '\0')
    return t;
  char *d = dutch_number(t);
  g_free(t);
  return d;
}

/* A cell as a table shows it: text with its control characters, line
 * breaks included, as escapes, so that the columns stay aligned. */
static char *
cell_shown(const KbSheetColumn *col, const KbSheetCell *cell, gboolean comma)
{
  if (col->type != KB_COLUMN_TEXT)
    return cell_read(col, cell, comma);
  return kb_terminal_escape(cell->empty ? "" : cell->brief ? cell->brief : cell->text);
}

static void
render_sheet_table(GString *out, const KbSheet *s, const char *none, gboolean comma)
{
  size_t ncol = s->columns->len, nrow = kb_sheet_row_count(s);
  if (s->heading)
    heading(out, s->heading, '-');
  if (nrow == 0) {
    g_string_append_printf(out, "%s\n", none);
    return;
  }
  size_t *width = g_new0(size_t, ncol);
  char **text = g_new0(char *, ncol * nrow);
  g_auto(GStrv) head = g_new0(char *, ncol + 1);
  for (size_t c = 0; c < ncol; c++) {
    head[c] = kb_terminal_escape(KB_SHEET_COLUMN(s, c)->heading);
    width[c] = g_utf8_strlen(head[c], -1);
  }
  for (size_t r = 0; r < nrow; r++)
    for (size_t c = 0; c < ncol; c++) {
      text[r * ncol + c] = cell_shown(KB_SHEET_COLUMN(s, c), KB_SHEET_CELL(s, r, c), comma);
      width[c] = MAX(width[c], (size_t) g_utf8_strlen(text[r * ncol + c], -1));
    }
  for (size_t r = 0; r <= nrow + 1; r++) {
    GString *line = g_string_new(NULL);
    for (size_t c = 0; c < ncol; c++) {
      const KbSheetColumn *col = KB_SHEET_COLUMN(s, c);
      const char *t;
      g_autofree char *rule = NULL;
      if (r == 0)
        t = head[c];
      else if (r == 1) {
        rule = g_strnfill(width[c], '-');
        t = rule;
      } else
        t = text[(r - 2) * ncol + c];
      size_t w = g_utf8_strlen(t, -1);
      if (c > 0)
        g_string_append(line, "  ");
      if (is_numeric(col) && r != 1) {
        pad(line, width[c] - w);
        g_string_append(line, t);
      } else {
        g_string_append(line, t);
        if (c + 1 < ncol)
          pad(line, width[c] - w);
      }
    }
    while (line->len && line->str[line->len - 1] == ' ')
      g_string_truncate(line, line->len - 1);
    g_string_append_printf(out, "%s\n", line->str);
    g_string_free(line, TRUE);
  }
  for (size_t i = 0; i < ncol * nrow; i++)
    g_free(text[i]);
  g_free(text);
  g_free(width);
}

static void
render_table(GString *out, const KbDoc *doc)
{
  heading(out, doc->title, '=');
  for (guint i = 0; i < doc->blocks->len; i++) {
    const KbDocBlock *b = &g_array_index(doc->blocks, KbDocBlock, i);
    g_string_append_c(out, '\n');
    if (b->sheet) {
      render_sheet_table(out, b->sheet, doc->none ? doc->none : "(none)", doc->decimal_comma);
    } else {
      kb_terminal_append(out, b->text);
      g_string_append_c(out, '\n');
    }
  }
}

/* -- csv */

/* Appends one field; with 'guard', a text that a spreadsheet would run as
 * a formula gets a ' before it. */
static void
csv_field(GString *out, const char *s, gboolean guard)
{
  /* one pass over the field (ids and names are short: a call of strpbrk
   * costs more than the loop), the characters that need quotes marked in a
   * table */
  static const guint8 special[256] = { [','] = 1, [';'] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1 };
  size_t len = 0;
  guint8 quote = 0;
  for (; s[len] != '\0'; len++)
    quote |= special[(unsigned char) s[len]];
  /* every character that can start a formula, ' too, is '@' or below: a
   * text starting with a letter is passed at once */
  gboolean prefix = guard && (unsigned char) s[0] <= '@' && kb_i_csv_formula_like(s, len);
  /* a reader trims blanks around a field that is not quoted */
  if (len > 0)
    quote |= s[len - 1] == ' ' || s[len - 1] == '\t'
             || (!prefix && (s[0] == ' ' || s[0] == '\t'));
  if (!quote) {
    if (prefix)
      g_string_append_c(out, '\'');
    g_string_append_len(out, s, (gssize) len);
    return;
  }
  g_string_append_c(out, '"');
  if (prefix)
    g_string_append_c(out, '\'');
  for (const char *p = s; *p; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

void
kb_csv_append_text(GString *out, const char *text)
{
  g_return_if_fail(out != NULL && text != NULL);
  csv_field(out, text, TRUE);
}

void
kb_csv_append_raw(GString *out, const char *value)
{
  g_return_if_fail(out != NULL && value != NULL);
  csv_field(out, value, FALSE);
}

gboolean
kb_csv_dialect_parse(const char *name, KbCsvDialect *out)
{
  static const char *const names[] = { "plain", "excel-nl", "excel-en" };
  for (int i = 0; i < 3; i++)
    if (strcmp(name, names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  return FALSE;
}

char
kb_csv_separator(KbCsvDialect dialect)
{
  return dialect == KB_CSV_EXCEL_NL ? ';' : ',';
}

void
kb_csv_append_number_as(GString *out, double value, KbCsvDialect dialect)
{
  size_t at = out->len;
  kb_csv_append_number(out, value);
  if (dialect == KB_CSV_EXCEL_NL) {
    char *point = memchr(out->str + at, '.', out->len - at);
    if (point != NULL)
      *point = ',';
  }
}

/* Appends x in decimal, as "%lld" writes it, without parsing a format for
 * each of the millions of cells of a large table. */
static void
append_integer(GString *out, long long x)
{
  char digits[24];
  size_t i = sizeof digits;
  unsigned long long u = x < 0 ? 0 - (unsigned long long) x : (unsigned long long) x;
  do
    digits[--i] = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (x < 0)
    digits[--i] = '-';
  g_string_append_len(out, digits + i, (gssize) (sizeof digits - i));
}

/* One cell as CSV in 'dialect'. A text or a whole number is written where
 * it stands, as kb_i_cell_string() would give it: a large table (synergy
 * --each) has millions of cells. */
static void
csv_cell(GString *out, const KbSheetColumn *col, const KbSheetCell *cell, KbCsvDialect dialect)
{
  if (cell->empty) {
    csv_field(out, "", !is_numeric(col));
    return;
  }
  switch (col->type) {
  case KB_COLUMN_NUMBER:
    kb_csv_append_number_as(out, cell->d, dialect);
    break;
  case KB_COLUMN_TEXT:
    csv_field(out, cell->text, TRUE);
    break;
  case KB_COLUMN_INT:
  case KB_COLUMN_YEAR:
    append_integer(out, cell->i);
    break;
  }
}

/* The sheet's rows as CSV in 'dialect'. */
static void
csv_rows(GString *out, const KbSheet *s, KbCsvDialect dialect)
{
  size_t ncol = s->columns->len, nrow = kb_sheet_row_count(s);
  char sep = kb_csv_separator(dialect);
  for (size_t r = 0; r < nrow; r++) {
    for (size_t c = 0; c < ncol; c++) {
      if (c)
        g_string_append_c(out, sep);
      csv_cell(out, KB_SHEET_COLUMN(s, c), KB_SHEET_CELL(s, r, c), dialect);
    }
    g_string_append(out, "\r\n");
  }
}

void
kb_i_sheet_stream_cell(KbSheet *sheet, const KbSheetCell *cell)
{
  g_return_if_fail(sheet->filled < sheet->columns->len);
  if (sheet->filled > 0)
    g_string_append_c(sheet->csv, sheet->sep);
  csv_cell(sheet->csv, KB_SHEET_COLUMN(sheet, sheet->filled), cell, sheet->dialect);
  if (++sheet->filled == sheet->columns->len) {
    g_string_append_len(sheet->csv, "\r\n", 2);
    sheet->filled = 0;
  }
}

/* The sheet as CSV in 'dialect', without the byte-order mark. */
static void
csv_sheet(GString *out, const KbSheet *s, KbCsvDialect dialect, gboolean headed)
{
  size_t ncol = s->columns->len;
  char sep = kb_csv_separator(dialect);
  for (size_t c = 0; c < ncol; c++) {
    if (c)
      g_string_append_c(out, sep);
    kb_csv_append_text(out, headed ? KB_SHEET_COLUMN(s, c)->heading : KB_SHEET_COLUMN(s, c)->key);
  }
  g_string_append(out, "\r\n");
  csv_rows(out, s, dialect);
}

/* The byte-order mark by which Excel knows a CSV file is UTF-8. */
static const char utf8_bom[] = "\xEF\xBB\xBF";

static void
render_csv(GString *out, const KbDoc *doc, KbCsvDialect dialect)
{
  gboolean first = TRUE;
  if (dialect != KB_CSV_PLAIN)
    g_string_append(out, utf8_bom);
  for (guint i = 0; i < doc->blocks->len; i++) {
    const KbSheet *s = g_array_index(doc->blocks, KbDocBlock, i).sheet;
    if (s == NULL)
      continue;
    if (!first)
      g_string_append(out, "\r\n");
    first = FALSE;
    csv_sheet(out, s, dialect, FALSE);
  }
}

/* -- json */

static void
json_cell(GString *out, const KbSheetColumn *col, const KbSheetCell *cell)
{
  if (cell->empty || (col->type == KB_COLUMN_NUMBER && !isfinite(cell->d))) {
    g_string_append(out, col->type == KB_COLUMN_TEXT ? "\"\"" : "null");
    return;
  }
  if (col->type == KB_COLUMN_TEXT) {
    kb_i_json_append_string(out, cell->text);
    return;
  }
  g_autofree char *t = kb_i_cell_string(col, cell, TRUE);
  g_string_append(out, t);
}

static void
render_json(GString *out, const KbDoc *doc)
{
  g_string_append(out, "{\n  \"title\": ");
  kb_i_json_append_string(out, doc->title);
  for (guint i = 0; i < doc->blocks->len; i++) {
    const KbDocBlock *b = &g_array_index(doc->blocks, KbDocBlock, i);
    g_string_append(out, ",\n  ");
    kb_i_json_append_string(out, b->key);
    g_string_append(out, ": ");
    if (b->sheet == NULL) {
      kb_i_json_append_string(out, b->text);
      continue;
    }
    const KbSheet *s = b->sheet;
    size_t ncol = s->columns->len, nrow = kb_sheet_row_count(s);
    g_string_append(out, nrow ? "[\n" : "[]");
    for (size_t r = 0; r < nrow; r++) {
      g_string_append(out, "    {");
      for (size_t c = 0; c < ncol; c++) {
        if (c)
          g_string_append(out, ", ");
        kb_i_json_append_string(out, KB_SHEET_COLUMN(s, c)->key);
        g_string_append(out, ": ");
        json_cell(out, KB_SHEET_COLUMN(s, c), KB_SHEET_CELL(s, r, c));
      }
      g_string_append(out, r + 1 < nrow ? "},\n" : "}\n  ]");
    }
  }
  g_string_append(out, "\n}\n");
}

/* -- markdown */

/* Text in Markdown: a line break as <br> (which keeps a table row whole),
 * other control characters as escapes, and Markdown's own characters
 * escaped with a backslash. */
static void
md_cell(GString *out, const char *s)
{
  g_auto(GStrv) lines = g_strsplit(s, "\n", -1);
  for (char **line = lines; *line != NULL; line++) {
    if (line != lines)
      g_string_append(out, "<br>");
    g_autofree char *shown = kb_terminal_escape(*line);
    for (const char *p = shown; *p; p++) {
      if (*p == '|' || *p == '\\' || *p == '*' || *p == '_' || *p == '`' || *p == '<')
        g_string_append_c(out, '\\');
      g_string_append_c(out, *p);
    }
  }
}

static void
render_md(GString *out, const KbDoc *doc)
{
  g_string_append(out, "# ");
  md_cell(out, doc->title);
  g_string_append(out, "\n");
  for (guint i = 0; i < doc->blocks->len; i++) {
    const KbDocBlock *b = &g_array_index(doc->blocks, KbDocBlock, i);
    g_string_append_c(out, '\n');
    if (b->sheet == NULL) {
      md_cell(out, b->text);
      g_string_append_c(out, '\n');
      continue;
    }
    const KbSheet *s = b->sheet;
    if (s->heading) {
      g_string_append(out, "## ");
      md_cell(out, s->heading);
      g_string_append(out, "\n\n");
    }
    size_t ncol = s->columns->len, nrow = kb_sheet_row_count(s);
    if (nrow == 0) {
      g_string_append_printf(out, "%s\n", doc->none ? doc->none : "(none)");
      continue;
    }
    g_string_append(out, "|");
    for (size_t c = 0; c < ncol; c++) {
      g_string_append_c(out, ' ');
      md_cell(out, KB_SHEET_COLUMN(s, c)->heading);
      g_string_append(out, " |");
    }
    g_string_append(out, "\n|");
    for (size_t c = 0; c < ncol; c++)
      g_string_append(out, is_numeric(KB_SHEET_COLUMN(s, c)) ? " ---: |" : " --- |");
    g_string_append_c(out, '\n');
    for (size_t r = 0; r < nrow; r++) {
      g_string_append(out, "|");
      for (size_t c = 0; c < ncol; c++) {
        g_autofree char *t = cell_read(KB_SHEET_COLUMN(s, c), KB_SHEET_CELL(s, r, c),
                                        doc->decimal_comma);
        g_string_append_c(out, ' ');
        md_cell(out, t);
        g_string_append(out, " |");
      }
      g_string_append_c(out, '\n');
    }
  }
}

char *
kb_sheet_render_csv(const KbSheet *sheet)
{
  return kb_sheet_render_csv_as(sheet, KB_CSV_PLAIN);
}

char *
kb_sheet_render_csv_as(const KbSheet *sheet, KbCsvDialect dialect)
{
  g_return_val_if_fail(sheet != NULL, NULL);
  GString *out = g_string_new(dialect != KB_CSV_PLAIN ? utf8_bom : NULL);
  csv_sheet(out, sheet, dialect, FALSE);
  return g_string_free(out, FALSE);
}

char *
kb_doc_render_csv(const KbDoc *doc, KbCsvDialect dialect)
{
  g_return_val_if_fail(doc != NULL, NULL);
  GString *out = g_string_new(NULL);
  render_csv(out, doc, dialect);
  return g_string_free(out, FALSE);
}

void
kb_sheet_stream_csv(KbSheet *sheet, GString *out, KbCsvDialect dialect)
{
  g_return_if_fail(sheet != NULL && sheet->cells->len == 0 && sheet->filled == 0);
  sheet->csv = out;
  sheet->dialect = dialect;
  sheet->sep = kb_csv_separator(dialect);
}

char *
kb_sheet_render_csv_headed(const KbSheet *sheet, KbCsvDialect dialect)
{
  g_return_val_if_fail(sheet != NULL, NULL);
  GString *out = g_string_new(dialect != KB_CSV_PLAIN ? utf8_bom : NULL);
  csv_sheet(out, sheet, dialect, TRUE);
  return g_string_free(out, FALSE);
}

/* A number as Dutch readers write it: decimal comma, a point between
 * thousands. 'text' is in C notation. */
static char *
dutch_number(const char *text)
{
  GString *s = g_string_new(NULL);
  const char *p = text;
  if (*p == '-')
    g_string_append_c(s, *p++);
  size_t digits = strspn(p, "0123456789");
  for (size_t i = 0; i < digits; i++) {
    if (i > 0 && (digits - i) % 3 == 0)
      g_string_append_c(s, '.');
    g_string_append_c(s, p[i]);
  }
  p += digits;
  if (*p == '.') {
    g_string_append_c(s, ',');
    p++;
  }
  g_string_append(s, p);
  return g_string_free(s, FALSE);
}

static void
html_rows(GString *out, const KbSheet *s, size_t from, size_t to, gboolean decimal_comma)
{
  size_t ncol = s->columns->len;
  for (size_t r = from; r < to; r++) {
    g_string_append(out, "<tr>");
    for (size_t c = 0; c < ncol; c++) {
      const KbSheetColumn *col = KB_SHEET_COLUMN(s, c);
      const KbSheetCell *cell = KB_SHEET_CELL(s, r, c);
      g_autofree char *t = cell->brief ? g_strdup(cell->brief)
                                       : cell_read(col, cell, decimal_comma);
      g_autofree char *e = g_markup_escape_text(t, -1);
      g_string_append_printf(out, "<td%s>%s</td>", is_numeric(col) ? " class=\"num\"" : "", e);
    }
    g_string_append(out, "</tr>\n");
  }
}

static void
html_head(GString *out, const KbSheet *s)
{
  g_string_append(out, "<thead><tr>");
  for (size_t c = 0; c < s->columns->len; c++) {
    g_autofree char *e = g_markup_escape_text(KB_SHEET_COLUMN(s, c)->heading, -1);
    g_string_append_printf(out, "<th%s>%s</th>",
                           is_numeric(KB_SHEET_COLUMN(s, c)) ? " class=\"num\"" : "",
                           e);
  }
  g_string_append(out, "</tr></thead>\n");
}

char *
kb_sheet_render_html(const KbSheet *sheet, size_t fold_after, gboolean decimal_comma,
                     const char *more_label)
{
  g_return_val_if_fail(sheet != NULL && more_label != NULL, NULL);
  GString *out = g_string_new(NULL);
  size_t nrow = kb_sheet_row_count(sheet);
  size_t shown = fold_after == 0 ? nrow : MIN(nrow, fold_after);
  g_string_append(out, "<table>\n");
  html_head(out, sheet);
  g_string_append(out, "<tbody>\n");
  html_rows(out, sheet, 0, shown, decimal_comma);
  g_string_append(out, "</tbody>\n</table>\n");
  if (shown < nrow) {
    g_autofree char *e = g_markup_escape_text(more_label, -1);
    g_string_append_printf(out, "<details><summary>%s</summary>\n<table>\n", e);
    html_head(out, sheet);
    g_string_append(out, "<tbody>\n");
    html_rows(out, sheet, shown, nrow, decimal_comma);
    g_string_append(out, "</tbody>\n</table>\n</details>\n");
  }
  return g_string_free(out, FALSE);
}

char *
kb_doc_render(const KbDoc *doc, KbOutputFormat format)
{
  g_return_val_if_fail(doc != NULL, NULL);
  GString *out = g_string_new(NULL);
  switch (format) {
  case KB_OUTPUT_TABLE: render_table(out, doc); break;
  case KB_OUTPUT_CSV: render_csv(out, doc, KB_CSV_PLAIN); break;
  case KB_OUTPUT_JSON: render_json(out, doc); break;
  case KB_OUTPUT_MD: render_md(out, doc); break;
  case KB_OUTPUT_XLSX: g_return_val_if_reached(g_string_free(out, FALSE));
  }
  return g_string_free(out, FALSE);
}
