/* output.h -- documents of tables and text, written as an aligned text
 * table, CSV, JSON or Markdown.
 *
 * Every command builds one KbDoc: a title, then blocks in order, each a
 * paragraph or a sheet (a table with typed columns). The same document
 * renders to every format, so the figures agree between them. */
#ifndef KLAVERBLAD_OUTPUT_H
#define KLAVERBLAD_OUTPUT_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KB_OUTPUT_TABLE,      /* aligned text for a terminal */
  KB_OUTPUT_CSV,        /* RFC 4180, one block per sheet, for spreadsheets */
  KB_OUTPUT_JSON,       /* one object: {"title": ..., KEY: [rows] or text, ...} */
  KB_OUTPUT_MD,         /* Markdown: headings, paragraphs and pipe tables */
  KB_OUTPUT_XLSX        /* an Excel workbook, a sheet per sheet: written to a file only,
                         * by kb_doc_write_xlsx() */
} KbOutputFormat;

/* Parses "table", "csv", "json", "md" or "xlsx". */
gboolean kb_output_format_parse(const char *name, KbOutputFormat *out);

typedef enum {
  KB_COLUMN_TEXT,
  KB_COLUMN_INT,
  KB_COLUMN_NUMBER,     /* a double; shown with the column's decimals in table and md */
  KB_COLUMN_YEAR        /* an int; KB_NO_YEAR shows as empty (null in JSON) */
} KbColumnType;

typedef struct KbSheet KbSheet;
typedef struct KbDoc KbDoc;

/* Returns a new document with a title. */
KbDoc *kb_doc_new(const char *title);
/* Frees a document, its sheets and everything it holds; NULL is allowed. */
void kb_doc_free(KbDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbDoc, kb_doc_free)

/* Sets what table and md output show for a sheet without rows (default
 * "(none)"), as the document's language says it; 'text' is copied. */
void kb_doc_set_none(KbDoc *doc, const char *text);
/* With 'comma', table and md output show numbers as Dutch readers write
 * them: a decimal comma and a point between thousands (0,281; 129.827),
 * years as they are. CSV and JSON keep C notation; CSV takes its dialect
 * (kb_doc_render_csv()). Default: C notation. */
void kb_doc_set_decimal_comma(KbDoc *doc, gboolean comma);
/* Adds a paragraph under 'key' (its name in JSON). */
void kb_doc_add_text(KbDoc *doc, const char *key, const char *text);
/* Adds a sheet under 'key' with a heading; returns it, borrowed from the
 * document, to be filled with columns and rows. */
KbSheet *kb_doc_add_sheet(KbDoc *doc, const char *key, const char *heading);

/* Adds a column; 'key' names it in CSV and JSON, 'heading' in table and md.
 * 'decimals' applies to KB_COLUMN_NUMBER in table and md output (CSV and
 * JSON carry 12 significant digits) and workbooks; KB_DECIMALS_ALL shows
 * each number as CSV writes it, and in a workbook with Excel's General
 * format. */
#define KB_DECIMALS_ALL (-1)
void kb_sheet_add_column(KbSheet *sheet, const char *key, const char *heading,
                         KbColumnType type, int decimals);
/* Starts a row; then one kb_sheet_put_* per column, in column order. */
void kb_sheet_begin_row(KbSheet *sheet);
void kb_sheet_put_text(KbSheet *sheet, const char *text);   /* NULL: empty */
/* A text cell that a terminal shows shortened: 'text' is the whole (a full
 * list, as CSV, JSON, Markdown and workbooks carry it), 'brief' what the
 * table and HTML show ("A; B; C (+35)"). Both are copied. */
void kb_sheet_put_list(KbSheet *sheet, const char *text, const char *brief);
void kb_sheet_put_int(KbSheet *sheet, long long value);
void kb_sheet_put_number(KbSheet *sheet, double value);      /* NaN: empty */
void kb_sheet_put_year(KbSheet *sheet, int year);
size_t kb_sheet_row_count(const KbSheet *sheet);

/* The sheets of a document, in order (borrowed), and their names. */
size_t kb_doc_sheet_count(const KbDoc *doc);
const KbSheet *kb_doc_sheet(const KbDoc *doc, size_t i);
const char *kb_sheet_key(const KbSheet *sheet);
const char *kb_sheet_heading(const KbSheet *sheet);

/* The kinds of CSV klaverblad writes. */
typedef enum {
  KB_CSV_PLAIN,         /* RFC 4180: ',' between fields, a decimal point, no byte-order
                         * mark; what scripts read */
  KB_CSV_EXCEL_NL,      /* for Excel set to Dutch: ';' between fields, a decimal comma
                         * (0,282), a UTF-8 byte-order mark */
  KB_CSV_EXCEL_EN       /* for Excel set to English: ',' and a decimal point, with the
                         * byte-order mark */
} KbCsvDialect;

/* Parses "plain", "excel-nl" or "excel-en". */
gboolean kb_csv_dialect_parse(const char *name, KbCsvDialect *out);
/* The character between the fields of 'dialect': ',' or ';'. */
char kb_csv_separator(KbCsvDialect dialect);

/* Returns a new string: one sheet as CSV (RFC 4180, CRLF line ends; text
 * cells as kb_csv_append_text() writes them). */
char *kb_sheet_render_csv(const KbSheet *sheet);
/* The same in 'dialect'; the excel dialects start with the byte-order mark.
 * Line ends are CRLF in every dialect. */
char *kb_sheet_render_csv_as(const KbSheet *sheet, KbCsvDialect dialect);
/* From now on, writes the rows put into 'sheet' to 'out' (borrowed) as CSV
 * in 'dialect', each as it is completed, as kb_sheet_render_csv_as() writes
 * rows after its header line, instead of holding them: for a table too
 * large to hold whole (synergy --each of 10^6 organisations has 10^7 rows).
 * The sheet then holds no rows; the caller writes out and empties 'out' as
 * it grows, and writes the header first (kb_sheet_render_csv_as() of the
 * sheet without rows). NULL for 'out' holds rows again. The sheet may hold
 * no rows when this is called. Never fails. */
void kb_sheet_stream_csv(KbSheet *sheet, GString *out, KbCsvDialect dialect);
/* Returns a new string: every sheet of the document as CSV in 'dialect',
 * a blank line between two sheets (kb_doc_render() writes KB_CSV_PLAIN). */
char *kb_doc_render_csv(const KbDoc *doc, KbCsvDialect dialect);
/* The same in 'dialect', with the column headings (as table, md and HTML
 * show them, in the document's language) in the first row instead of the
 * keys: for a reader's spreadsheet rather than a script. */
char *kb_sheet_render_csv_headed(const KbSheet *sheet, KbCsvDialect dialect);
/* Appends one CSV field of text, for writers that stream rows. A text that
 * a spreadsheet would run as a formula -- its first character, after any
 * single quotes, is =, +, -, @, a tab or a carriage return -- gets a single
 * quote before it ("=SUM(A1)" is written '=SUM(A1), "'=x" ''=x), as OWASP
 * advises against CSV injection; klaverblad's CSV readers take that quote
 * away again, so the text reads back as it was. The field is quoted
 * (RFC 4180: in double quotes, a quote doubled) when it holds a comma, a
 * semicolon, a quote or a line end, or begins or ends with a space or a
 * tab. */
void kb_csv_append_text(GString *out, const char *text);
/* Appends one CSV field as it is, quoted as kb_csv_append_text() quotes:
 * for a value that is not text, such as a number ("-0.25" stays a number
 * in a spreadsheet). */
void kb_csv_append_raw(GString *out, const char *value);
/* Appends one number as CSV and JSON carry it (12 significant digits). */
void kb_csv_append_number(GString *out, double value);
/* The same in 'dialect': with a decimal comma for KB_CSV_EXCEL_NL. */
void kb_csv_append_number_as(GString *out, double value, KbCsvDialect dialect);

/* Returns a new string: one sheet as an HTML table, every value escaped.
 * Rows after the first 'fold_after' (0: none folded) go into a closed
 * <details> element whose summary reads 'more_label'. With 'decimal_comma'
 * numbers are written as Dutch readers expect (0,85; 1.234). */
char *kb_sheet_render_html(const KbSheet *sheet, size_t fold_after, gboolean decimal_comma,
                           const char *more_label);

/* Returns a new string: the document in 'format', which may not be
 * KB_OUTPUT_XLSX. */
char *kb_doc_render(const KbDoc *doc, KbOutputFormat format);

/* A workbook being written: an Excel file (.xlsx) with a sheet per table. */
typedef struct KbWorkbook KbWorkbook;

/* Starts a workbook to be written at 'path' (its folder must exist) when
 * it is closed; NULL with the error set (KB_ERROR_IO) when it cannot be.
 * The file at 'path' is written directly: for a file that must never be
 * seen half-written, use kb_doc_write_xlsx(). */
KbWorkbook *kb_workbook_new(const char *path, GError **error);
/* Adds 'sheet' as a worksheet named 'name' (NULL: the sheet's key), made
 * a name Excel takes: at most 31 characters, none of []:*?/\, unlike the
 * names before it. Its first row holds the column headings, frozen and
 * filtered; numbers are stored as numbers, empty cells left empty, text
 * as text (never a formula; a text of more than 32767 characters, Excel's
 * limit, is cut there with an ellipsis); columns are as wide as their
 * content. Returns FALSE after a failure, which kb_workbook_close() then
 * reports: a sheet of more rows than Excel holds (KB_ERROR_LIMIT). */
gboolean kb_workbook_add_sheet(KbWorkbook *wb, const KbSheet *sheet, const char *name);
/* Writes the workbook and frees 'wb'. Fails (KB_ERROR_IO, or the first
 * failure of kb_workbook_add_sheet()) when it cannot be written whole. */
gboolean kb_workbook_close(KbWorkbook *wb, GError **error);

/* Writes every sheet of 'doc' to the workbook 'path', each named by the
 * first part of its heading (to a colon, a comma or a bracket; its key
 * when it has none), whole as kb_file_write() writes a
 * file: a failed run leaves the previous file as it was. A terminal is
 * refused (KB_ERROR_IO). */
gboolean kb_doc_write_xlsx(const KbDoc *doc, const char *path, GError **error);

G_END_DECLS

#endif
