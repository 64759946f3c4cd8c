/* output.c -- a document of paragraphs and typed sheets, and its four
 * renderings. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "klaverblad/model.h"
#include "klaverblad/output.h"
#include "klaverblad/terminal.h"
#include "output/output_internal.h"

typedef struct {
  char *key;
  char *heading;
  KbColumnType type;
  int decimals;
} Column;

/* A cell keeps its value as typed and as shown. */
typedef struct {
  gboolean empty;
  char *text;           /* KB_COLUMN_TEXT; NULL when empty */
  char *brief;          /* KB_COLUMN_TEXT: what a terminal shows, or NULL: 'text' */
  long long i;          /* INT, YEAR */
  double d;             /* NUMBER */
} Cell;

struct KbSheet {
  char *key;
  char *heading;
  GArray *columns;      /* of Column */
  GArray *cells;        /* of Cell, row by row */
  size_t filled;        /* cells streamed in the current row */
  GString *csv;         /* kb_sheet_stream_csv(): where rows go instead, or NULL */
  KbCsvDialect dialect; /* of 'csv' */
  char sep;             /* its separator */
};

typedef struct {
  char *key;
  char *text;           /* a paragraph, or NULL for a sheet */
  KbSheet *sheet;
} Block;

struct KbDoc {
  char *title;
  char *none;           /* what an empty sheet shows; NULL: "(none)" */
  GArray *blocks;       /* of Block */
};

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
  doc->blocks = g_array_new(FALSE, TRUE, sizeof(Block));
  return doc;
}

static void
sheet_free(KbSheet *sheet)
{
  for (guint i = 0; i < sheet->columns->len; i++) {
    Column *c = &g_array_index(sheet->columns, Column, i);
    g_free(c->key);
    g_free(c->heading);
  }
  for (guint i = 0; i < sheet->cells->len; i++) {
    g_free(g_array_index(sheet->cells, Cell, i).text);
    g_free(g_array_index(sheet->cells, Cell, i).brief);
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
    Block *b = &g_array_index(doc->blocks, Block, i);
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
kb_doc_add_text(KbDoc *doc, const char *key, const char *text)
{
  g_return_if_fail(doc != NULL && key != NULL && text != NULL);
  Block b = { g_strdup(key), g_strdup(text), NULL };
  g_array_append_val(doc->blocks, b);
}

KbSheet *
kb_doc_add_sheet(KbDoc *doc, const char *key, const char *heading)
{
  g_return_val_if_fail(doc != NULL && key != NULL, NULL);
  KbSheet *s = g_new0(KbSheet, 1);
  s->key = g_strdup(key);
  s->heading = g_strdup(heading);
  s->columns = g_array_new(FALSE, TRUE, sizeof(Column));
  s->cells = g_array_new(FALSE, TRUE, sizeof(Cell));
  Block b = { g_strdup(key), NULL, s };
  g_array_append_val(doc->blocks, b);
  return s;
}

void
kb_sheet_add_column(KbSheet *sheet, const char *key, const char *heading, KbColumnType type,
                    int decimals)
{
  g_return_if_fail(sheet != NULL && sheet->cells->len == 0);
  Column c = { g_strdup(key), g_strdup(heading), type, decimals };
  g_array_append_val(sheet->columns, c);
}

void
kb_sheet_begin_row(KbSheet *sheet)
{
  g_return_if_fail(sheet != NULL);
  g_return_if_fail(sheet->cells->len % sheet->columns->len == 0 && sheet->filled == 0);
}

static void stream_cell(KbSheet *sheet, const Cell *cell);

static void
put(KbSheet *sheet, Cell cell)
{
  if (sheet->csv != NULL)
    stream_cell(sheet, &cell);
  else
    g_array_append_val(sheet->cells, cell);
}

void
kb_sheet_put_text(KbSheet *sheet, const char *text)
{
  /* a streamed cell is written at once, from the caller's text */
  if (sheet->csv != NULL) {
    stream_cell(sheet, &(Cell) { text == NULL, (char *) text, NULL, 0, 0 });
    return;
  }
  /* an empty cell holds no copy: a table of 10^6 rows has millions */
  put(sheet, (Cell) { text == NULL, g_strdup(text), NULL, 0, 0 });
}

void
kb_sheet_put_list(KbSheet *sheet, const char *text, const char *brief)
{
  g_return_if_fail(text != NULL && brief != NULL);
  if (sheet->csv != NULL) {
    stream_cell(sheet, &(Cell) { FALSE, (char *) text, NULL, 0, 0 });
    return;
  }
  put(sheet, (Cell) { FALSE, g_strdup(text), strcmp(text, brief) ? g_strdup(brief) : NULL, 0,
                      0 });
}

void
kb_sheet_put_int(KbSheet *sheet, long long value)
{
  put(sheet, (Cell) { FALSE, NULL, NULL, value, 0 });
}

void
kb_sheet_put_number(KbSheet *sheet, double value)
{
  put(sheet, (Cell) { isnan(value), NULL, NULL, 0, value });
}

void
kb_sheet_put_year(KbSheet *sheet, int year)
{
  put(sheet, (Cell) { year == KB_NO_YEAR, NULL, NULL, year, 0 });
}

size_t
kb_sheet_row_count(const KbSheet *sheet)
{
  g_return_val_if_fail(sheet != NULL, 0);
  return sheet->columns->len ? sheet->cells->len / sheet->columns->len : 0;
}

/* ------------------------------------------------------------ rendering */

#define CELL(s, r, c) (&g_array_index((s)->cells, Cell, (r) * (s)->columns->len + (c)))
#define COLUMN(s, c) (&g_array_index((s)->columns, Column, (c)))

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

void
kb_csv_append_number(GString *out, double value)
{
  char text[32];             /* "%.12g" takes 19 at most */
  int n = snprintf(text, sizeof text, "%.12g", value == 0 ? 0 : value);
  g_string_append_len(out, text, n);
}

/* A cell as text: 'exact' for CSV and JSON, else with the column's decimals. */
static char *
cell_string(const Column *col, const Cell *cell, gboolean exact)
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

static gboolean
is_numeric(const Column *col)
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

/* A cell as a table shows it: text with its control characters, line
 * breaks included, as escapes, so that the columns stay aligned. */
static char *
cell_shown(const Column *col, const Cell *cell)
{
  if (col->type != KB_COLUMN_TEXT)
    return cell_string(col, cell, FALSE);
  return kb_terminal_escape(cell->empty ? "" : cell->brief ? cell->brief : cell->text);
}

static void
render_sheet_table(GString *out, const KbSheet *s, const char *none)
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
    head[c] = kb_terminal_escape(COLUMN(s, c)->heading);
    width[c] = g_utf8_strlen(head[c], -1);
  }
  for (size_t r = 0; r < nrow; r++)
    for (size_t c = 0; c < ncol; c++) {
      text[r * ncol + c] = cell_shown(COLUMN(s, c), CELL(s, r, c));
      width[c] = MAX(width[c], (size_t) g_utf8_strlen(text[r * ncol + c], -1));
    }
  for (size_t r = 0; r <= nrow + 1; r++) {
    GString *line = g_string_new(NULL);
    for (size_t c = 0; c < ncol; c++) {
      const Column *col = COLUMN(s, c);
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
    const Block *b = &g_array_index(doc->blocks, Block, i);
    g_string_append_c(out, '\n');
    if (b->sheet) {
      render_sheet_table(out, b->sheet, doc->none ? doc->none : "(none)");
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
 * it stands, as cell_string() would give it: a large table (synergy --each)
 * has millions of cells. */
static void
csv_cell(GString *out, const Column *col, const Cell *cell, KbCsvDialect dialect)
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
      csv_cell(out, COLUMN(s, c), CELL(s, r, c), dialect);
    }
    g_string_append(out, "\r\n");
  }
}

/* A cell put into a streamed sheet, written as csv_rows() writes it. */
static void
stream_cell(KbSheet *sheet, const Cell *cell)
{
  g_return_if_fail(sheet->filled < sheet->columns->len);
  if (sheet->filled > 0)
    g_string_append_c(sheet->csv, sheet->sep);
  csv_cell(sheet->csv, COLUMN(sheet, sheet->filled), cell, sheet->dialect);
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
    kb_csv_append_text(out, headed ? COLUMN(s, c)->heading : COLUMN(s, c)->key);
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
    const KbSheet *s = g_array_index(doc->blocks, Block, i).sheet;
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
json_cell(GString *out, const Column *col, const Cell *cell)
{
  if (cell->empty || (col->type == KB_COLUMN_NUMBER && !isfinite(cell->d))) {
    g_string_append(out, col->type == KB_COLUMN_TEXT ? "\"\"" : "null");
    return;
  }
  if (col->type == KB_COLUMN_TEXT) {
    kb_i_json_append_string(out, cell->text);
    return;
  }
  g_autofree char *t = cell_string(col, cell, TRUE);
  g_string_append(out, t);
}

static void
render_json(GString *out, const KbDoc *doc)
{
  g_string_append(out, "{\n  \"title\": ");
  kb_i_json_append_string(out, doc->title);
  for (guint i = 0; i < doc->blocks->len; i++) {
    const Block *b = &g_array_index(doc->blocks, Block, i);
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
        kb_i_json_append_string(out, COLUMN(s, c)->key);
        g_string_append(out, ": ");
        json_cell(out, COLUMN(s, c), CELL(s, r, c));
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
    const Block *b = &g_array_index(doc->blocks, Block, i);
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
      md_cell(out, COLUMN(s, c)->heading);
      g_string_append(out, " |");
    }
    g_string_append(out, "\n|");
    for (size_t c = 0; c < ncol; c++)
      g_string_append(out, is_numeric(COLUMN(s, c)) ? " ---: |" : " --- |");
    g_string_append_c(out, '\n');
    for (size_t r = 0; r < nrow; r++) {
      g_string_append(out, "|");
      for (size_t c = 0; c < ncol; c++) {
        g_autofree char *t = cell_string(COLUMN(s, c), CELL(s, r, c), FALSE);
        g_string_append_c(out, ' ');
        md_cell(out, t);
        g_string_append(out, " |");
      }
      g_string_append_c(out, '\n');
    }
  }
}

/* -- access and single sheets */

size_t
kb_doc_sheet_count(const KbDoc *doc)
{
  size_t n = 0;
  for (guint i = 0; i < doc->blocks->len; i++)
    n += g_array_index(doc->blocks, Block, i).sheet != NULL;
  return n;
}

const KbSheet *
kb_doc_sheet(const KbDoc *doc, size_t k)
{
  for (guint i = 0; i < doc->blocks->len; i++) {
    const KbSheet *s = g_array_index(doc->blocks, Block, i).sheet;
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
      const Column *col = COLUMN(s, c);
      const Cell *cell = CELL(s, r, c);
      g_autofree char *t = cell->brief ? g_strdup(cell->brief) : cell_string(col, cell, FALSE);
      if (decimal_comma && col->type == KB_COLUMN_NUMBER && *t) {
        char *d = dutch_number(t);
        g_free(t);
        t = d;
      }
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
    g_autofree char *e = g_markup_escape_text(COLUMN(s, c)->heading, -1);
    g_string_append_printf(out, "<th%s>%s</th>", is_numeric(COLUMN(s, c)) ? " class=\"num\"" : "",
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

/* ------------------------------------------------------ for the workbook */

size_t
kb_i_sheet_columns(const KbSheet *sheet)
{
  return sheet->columns->len;
}

const char *
kb_i_sheet_heading(const KbSheet *sheet, size_t c)
{
  const Column *col = COLUMN(sheet, c);
  return col->heading ? col->heading : col->key;
}

void
kb_i_sheet_cell(const KbSheet *sheet, size_t r, size_t c, KbCellValue *v)
{
  const Column *col = COLUMN(sheet, c);
  const Cell *cell = CELL(sheet, r, c);
  *v = (KbCellValue) { col->type, cell->empty, cell->empty ? NULL : cell->text, cell->i, cell->d,
                       col->decimals };
}

char *
kb_i_sheet_cell_text(const KbSheet *sheet, size_t r, size_t c)
{
  return cell_string(COLUMN(sheet, c), CELL(sheet, r, c), FALSE);
}
