/* output_internal.h -- a document as it is stored, for its renderings
 * (output_render.c), and what the workbook writer reads of a sheet
 * (library-internal). output.c builds the document and owns everything in
 * it; the others only read it. */
#ifndef KB_OUTPUT_INTERNAL_H
#define KB_OUTPUT_INTERNAL_H

#include "klaverblad/output.h"

/* ------------------------------------------------------------ the store */

typedef struct {
  char *key;
  char *heading;
  KbColumnType type;
  int decimals;
} KbSheetColumn;

/* A cell keeps its value as typed and as shown. */
typedef struct {
  gboolean empty;
  char *text;           /* KB_COLUMN_TEXT; NULL when empty */
  char *brief;          /* KB_COLUMN_TEXT: what a terminal shows, or NULL: 'text' */
  long long i;          /* INT, YEAR */
  double d;             /* NUMBER */
} KbSheetCell;

struct KbSheet {
  char *key;
  char *heading;
  GArray *columns;      /* of KbSheetColumn */
  GArray *cells;        /* of KbSheetCell, row by row */
  size_t filled;        /* cells streamed in the current row */
  GString *csv;         /* kb_sheet_stream_csv(): where rows go instead, or NULL */
  KbCsvDialect dialect; /* of 'csv' */
  char sep;             /* its separator */
};

typedef struct {
  char *key;
  char *text;           /* a paragraph, or NULL for a sheet */
  KbSheet *sheet;
} KbDocBlock;

struct KbDoc {
  char *title;
  char *none;           /* what an empty sheet shows; NULL: "(none)" */
  gboolean decimal_comma; /* table and md show numbers as Dutch readers write them */
  GArray *blocks;       /* of KbDocBlock */
};

/* The cell at row 'r', column 'c' of sheet 's', and column 'c'. */
#define KB_SHEET_CELL(s, r, c) \
  (&g_array_index((s)->cells, KbSheetCell, (r) * (s)->columns->len + (c)))
#define KB_SHEET_COLUMN(s, c) (&g_array_index((s)->columns, KbSheetColumn, (c)))

/* A cell as text: 'exact' for CSV and JSON (12 significant digits), else
 * with the column's decimals. A new string; "" when the cell is empty. */
char *kb_i_cell_string(const KbSheetColumn *col, const KbSheetCell *cell, gboolean exact);
/* Writes a cell put into a sheet that streams its rows
 * (kb_sheet_stream_csv()) at once, as the CSV of its rows writes it
 * (output_render.c). */
void kb_i_sheet_stream_cell(KbSheet *sheet, const KbSheetCell *cell);

/* --------------------------------------------------------- the workbook */

/* One cell as stored: 'text' is the whole text (NULL: empty) of a text
 * column; 'i' an INT or YEAR, 'd' a NUMBER, shown with 'decimals'. */
typedef struct {
  KbColumnType type;
  gboolean empty;
  const char *text;
  long long i;
  double d;
  int decimals;
} KbCellValue;

size_t kb_i_sheet_columns(const KbSheet *sheet);
/* The heading of column 'c' (its key when it has none); borrowed. */
const char *kb_i_sheet_heading(const KbSheet *sheet, size_t c);
/* Fills 'v' with the cell at row 'r', column 'c'; borrowed from the sheet. */
void kb_i_sheet_cell(const KbSheet *sheet, size_t r, size_t c, KbCellValue *v);
/* The cell as a reader sees it: numbers with the column's decimals, a text
 * whole. A new string. */
char *kb_i_sheet_cell_text(const KbSheet *sheet, size_t r, size_t c);

/* A short name for the sheet: the first part of its heading (its key
 * when it has none), to a colon, a comma or a bracket, as far as the last
 * space before 31 characters. A new string. */
char *kb_i_sheet_short_name(const KbSheet *sheet);

/* A sheet name that Excel takes, from 'wanted': the characters []:*?/\
 * and control characters as '-', no apostrophe first or last, at most 31
 * characters, and unlike every name in 'taken' (compared without case;
 * " (2)", " (3)", ... added), to which it is then added. A new string. */
char *kb_i_workbook_sheet_name(const char *wanted, GHashTable *taken);

#endif
