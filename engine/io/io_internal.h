/* io_internal.h -- what the loaders of the io module share. */
#ifndef KB_IO_INTERNAL_H
#define KB_IO_INTERNAL_H

#include "klaverblad/diag.h"
#include "klaverblad/load.h"
#include "klaverblad/model.h"

/* ----------------------------------------------------------------- text */

/* A file's contents, read whole. */
typedef struct {
  char *path;           /* as shown in diagnostics */
  char *data;           /* NUL-terminated */
  size_t len;
  size_t body;          /* offset of the text after a byte-order mark */
} KbText;

/* Reads 'path' into 'text', which names it 'name' (the user's name for the
 * file; 'path' may be a copy of it, see KbInput). On failure reports why at
 * 'name' (line 0) and returns FALSE; 'text' is then empty. */
gboolean kb_i_text_read(const char *path, const char *name, KbText *text, KbDiagList *diags);
void kb_i_text_release(KbText *text);
/* Checks that the text is UTF-8 (after an optional byte-order mark), and
 * reports where it is not: a UTF-16 byte-order mark, invalid bytes, NUL
 * bytes. Returns FALSE when the file cannot be read as text. */
gboolean kb_i_text_check(KbText *text, KbDiagList *diags);
/* Reads the rest of the file open on 'fd', 'chunk' bytes at a time, and
 * returns TRUE when kb_i_text_check() would find nothing to report; sets
 * *body to the length of a UTF-8 byte-order mark at its start and *lines to
 * the line feeds it read. Reports nothing: where it returns FALSE, read the
 * file whole for the reasons. */
gboolean kb_i_text_is_clean_fd(int fd, size_t chunk, size_t *body, size_t *lines);
/* The line and column (1-based, in characters) of byte 'offset' of data. */
void kb_i_text_position(const char *data, size_t offset, unsigned *line, unsigned *column);

/* TRUE when data[0..len), which is not UTF-8, reads as Windows-1252 (what
 * Excel saves as 'CSV'): it holds no control characters but tabs and line
 * ends, no UTF-8 character of more than one byte, and only bytes to which
 * Windows-1252 gives a character. */
gboolean kb_i_text_looks_windows_1252(const char *data, size_t len);
/* What Windows-1252 makes of byte 'byte' (0x80 to 0xFF), to show a user:
 * "an en dash '–'", "the letter 'ë'". Returns a new string, or NULL when
 * Windows-1252 gives the byte no character. */
char *kb_i_windows_1252_describe(unsigned char byte);

/* ------------------------------------------------------------------ csv */

typedef struct {
  char *text;             /* NUL-terminated, in the parsed buffer */
  size_t len;             /* bytes in text */
  unsigned line, column;  /* where the field starts (its quote, if quoted) */
} KbCsvField;

typedef struct {
  unsigned line;
  KbCsvField *fields;
  size_t n_fields;
  size_t records;         /* at most about this many records in the file, as
                           * known before it was parsed (0: not known) */
} KbCsvRecord;

/* Called for each non-blank record; return FALSE to stop. The record is
 * borrowed for the call only. */
typedef gboolean (*KbCsvRecordFunc)(const KbCsvRecord *record, gpointer user_data);

/* The separator of a CSV text: ',' or ';', whichever occurs more often
 * outside quotes on the first non-blank line; ',' on a tie. */
char kb_i_csv_detect_separator(const char *data, size_t len);

/* Parses RFC 4180 CSV in data[0..len) (UTF-8, no byte-order mark), with CRLF
 * or LF line ends, calling 'fn' for each record. Reports malformed quoting to
 * 'diags' under 'file'. Returns FALSE when the text could not be parsed to
 * its end (an unclosed quote) or 'fn' stopped. */
gboolean kb_i_csv_parse(const char *file, const char *data, size_t len, char separator,
                        KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags);
/* The same for a text that starts at 'line' and 'column' of 'file' (CSV
 * held inside another file), so that positions name that file's lines. */
gboolean kb_i_csv_parse_at(const char *file, const char *data, size_t len, char separator,
                           unsigned line, unsigned column, KbCsvRecordFunc fn,
                           gpointer user_data, KbDiagList *diags);
/* The same without a copy: the fields' texts are left in data, which the
 * parse overwrites (unescaped quotes, a NUL after each field); data[len]
 * must be writable too, as the NUL that ends a KbText is. Afterwards data
 * holds no CSV any more; release it. */
gboolean kb_i_csv_parse_in_place(const char *file, char *data, size_t len, char separator,
                                 KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags);

/* Reads the CSV file at 'path' as kb_i_text_read(), kb_i_text_check(),
 * kb_i_csv_detect_separator() and kb_i_csv_parse() in turn would, with the
 * same diagnostics (at 'name', as kb_i_text_read()), but holding only a few
 * megabytes of a plain file at a time: the file is read twice, once to check
 * the text and once to parse it. Sets *separator before the first call of
 * 'fn'. Returns TRUE when the file was parsed to its end; FALSE when it
 * could not be read as text (reported, and 'fn' never called), when the
 * parse stopped at a quote never closed (reported) or when 'fn' stopped
 * it. */
gboolean kb_i_csv_read_file(const char *path, const char *name, char *separator,
                            KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags);
/* The same, 'chunk' bytes at a time (chunk > 0); for tests. */
gboolean kb_i_csv_read_file_chunked(const char *path, const char *name, size_t chunk,
                                    char *separator, KbCsvRecordFunc fn, gpointer user_data,
                                    KbDiagList *diags);
/** Parses the CSV file at 'path' that kb_i_csv_read_file() rejected as not
 * UTF-8, its bytes as they are, reporting nothing, so that the ids its rows
 * hold are known. Returns TRUE when it was parsed to its end; FALSE when it
 * cannot be read, is UTF-16 or holds NUL bytes (it then holds no ids to
 * read), or its parse stopped. */
gboolean kb_i_csv_read_rejected(const char *path, KbCsvRecordFunc fn, gpointer user_data);

/* ----------------------------------------------------------------- xlsx */

/* An Excel workbook open for reading its sheets (xlsx.c). */
typedef struct KbXlsx KbXlsx;

/* Opens the workbook at 'path', named 'name' in diagnostics, and reads its
 * list of sheets and its shared strings, inflating at most 'max_bytes'
 * bytes in all its life (and no part past 100 times its compressed size:
 * a zip bomb is refused). On failure reports why at 'name' as a root cause
 * and returns NULL. */
KbXlsx *kb_i_xlsx_open(const char *path, const char *name, guint64 max_bytes,
                       KbDiagList *diags);
void kb_i_xlsx_close(KbXlsx *x);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbXlsx, kb_i_xlsx_close)
/* The name of the sheet called 'name' without regard to case (borrowed),
 * or NULL when the workbook has none. */
const char *kb_i_xlsx_sheet(const KbXlsx *x, const char *name);
/* The names of the sheets, joined by ", " ("none": no sheet). A new string. */
char *kb_i_xlsx_sheet_names(const KbXlsx *x);
/* Reads the sheet 'sheet' row by row as CSV records (each record's line
 * the row's number, each field's column the cell's column, A = 1; empty
 * fields where a row skips columns, and up to the first row's last column;
 * rows without a value left out). Texts
 * are a cell's shared or inline string, a number the shortest text that
 * reads back as it, a boolean true or false. Reports a failure at 'file'
 * (the sheet as the user sees it) as a root cause. Returns TRUE when the
 * sheet was read to its end. */
gboolean kb_i_xlsx_read_sheet(KbXlsx *x, const char *sheet, const char *file,
                              KbCsvRecordFunc fn, gpointer user_data, KbDiagList *diags);

/* The text a number cell holding 'd' reads as: the shortest of 15, 16 or
 * 17 significant digits that is 'd' again, written into 'text' (at least
 * G_ASCII_DTOSTR_BUF_SIZE bytes). */
void kb_i_xlsx_number_text(double d, char *text);

/* ---------------------------------------------------------------- input */

/* An input file made ready to be read, once or more: a regular file, a
 * folder, or a path that cannot be opened (the loaders say why) is read
 * where it is; anything else (a pipe, a FIFO, a character device, and "-",
 * standard input) is copied once into a private temporary file and read
 * from there, so that format detection and the loaders see the same bytes.
 * The copy never shows: diagnostics and errors name 'name'. */
typedef struct {
  char *name;           /* as the user named it; "<stdin>" for "-" */
  char *path;           /* where to read it: the path itself, or the copy */
  int fd;               /* the copy, open until released; -1: none */
  char *spool;          /* the copy's name while it has one, removed on release */
  KbXlsx *book;         /* not NULL: the input is the sheet 'sheet' of this workbook
                         * (borrowed), and 'name' names the sheet */
  const char *sheet;
} KbInput;

#define KB_INPUT_INIT { NULL, NULL, -1, NULL, NULL, NULL }

/* Makes 'path' ready to be read as 'format' (KB_FORMAT_FOLDER for a CSV
 * table; KB_FORMAT_AUTO: as the first bytes say), under limits->max_bytes:
 * a regular file larger than that fails at once, a stream once it has given
 * a byte more (KB_ERROR_LIMIT); a stream also fails as soon as what it has
 * given so far would not fit in the memory available (KB_ERROR_MEMORY, as
 * kb_i_memory_check()), looked at every few megabytes, or when it cannot be
 * read or copied (KB_ERROR_IO). 'in' must be KB_INPUT_INIT or released;
 * release it after use, whether this failed or not. */
gboolean kb_i_input_open(KbInput *in, const char *path, KbFormat format, const KbLimits *limits,
                         GError **error);
/* Closes the input and removes its copy. 'in' is KB_INPUT_INIT afterwards. */
void kb_i_input_release(KbInput *in);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(KbInput, kb_i_input_release)

/* Format detection fed an input's bytes as they come: the first non-blank
 * character after a byte-order mark decides, as kb_format_detect() says. */
typedef struct {
  unsigned bom;         /* bytes of a byte-order mark passed */
  int c;                /* the deciding character; -1: none yet */
} KbSniff;

void kb_i_sniff_init(KbSniff *sniff);
/* Reads data[0..len); returns TRUE once the format is decided. */
gboolean kb_i_sniff_feed(KbSniff *sniff, const unsigned char *data, size_t len);
/* The format decided, or the one of an input that ends here. */
KbFormat kb_i_sniff_format(const KbSniff *sniff);

/* -------------------------------------------------------------- loaders */

/* Reads the table 'in' record by record: a sheet of a workbook as
 * kb_i_xlsx_read_sheet() (*separator is then '\0'), else a CSV file as
 * kb_i_csv_read_file(). */
gboolean kb_i_records_read(const KbInput *in, char *separator, KbCsvRecordFunc fn,
                           gpointer user_data, KbDiagList *diags);
/* TRUE when the table 'in' is there: its file exists, or its sheet. */
gboolean kb_i_input_exists(const KbInput *in);

/* Reads one table of a dataset folder, the CSV file 'in', into the
 * builder: its header names the columns, and each row is added. */
void kb_i_table_read(KbBuilder *builder, KbDiagList *diags, const KbInput *in, KbTable table);
/* The same for a table held as CSV text inside 'file', starting at 'line'
 * and 'column' there (questions.csv as a GraphML graph's data); blank
 * text holds no table. */
void kb_i_table_parse(KbBuilder *builder, KbDiagList *diags, const char *file, const char *text,
                      size_t len, unsigned line, unsigned column, KbTable table);
/* Reads dataset.csv and questions.csv, facts[0] and facts[1], where they
 * are (a missing one, or NULL facts, is left out), as the dataset folder
 * holds them beside nodes.csv and a Kumu folder beside elements.csv. */
void kb_i_facts_read(KbBuilder *builder, KbDiagList *diags, const KbInput *facts);

/* Each loader reads its format into a builder under 'limits', from inputs
 * made ready by kb_i_input_open(). A folder's are its nodes.csv,
 * relations.csv, dataset.csv and questions.csv, in that order. */
KbDataset *kb_i_load_folder(const char *name, const KbInput *files, const KbLimits *limits,
                            KbDiagList *diags);
KbDataset *kb_i_load_json(const KbInput *in, const KbLimits *limits, KbDiagList *diags);
KbDataset *kb_i_load_edgelist(const KbInput *in, const KbLimits *limits, KbDiagList *diags);
KbDataset *kb_i_load_graphml(const KbInput *in, const KbLimits *limits, KbDiagList *diags);
/* A workbook with the sheets of a dataset folder (nodes, relations, and
 * dataset and questions when there) or of Kumu (Elements, Connections),
 * read as those loaders read their files, each sheet named
 * "NAME: sheet SHEET" in diagnostics, which give rows and columns. 'map'
 * (NULL: none) maps Kumu's types to kinds, and needs Kumu's sheets. */
KbDataset *kb_i_load_xlsx(const KbInput *in, const KbInput *map, const KbLimits *limits,
                          KbDiagList *diags);
/* A Kumu type read as a kind's name: lower case, spaces and dashes as
 * underscores, "organization" as "organisation". Returns a new string. */
char *kb_i_kumu_kind(const char *type);
/* 'map' may be NULL: Kumu's types are then read by name only. */
/* Kumu's two sheets, a mapping file (NULL: none) and the dataset.csv and
 * questions.csv beside them (NULL: none; see kb_i_facts_read()). */
KbDataset *kb_i_load_kumu(const char *name, const KbInput *elements, const KbInput *connections,
                          const KbInput *map, const KbInput *facts, const KbLimits *limits,
                          KbDiagList *diags);

/* --------------------------------------------------------------- memory */

/* Fails (KB_ERROR_MEMORY) when reading 'files' (n of them; those missing
 * count as empty) as 'format' needs more memory than is available, saying
 * how much is needed and how much there is; 'name' is the input as the user
 * named it. */
gboolean kb_i_memory_check(const char *name, const char *const *files, size_t n,
                           KbFormat format, GError **error);
/* The same for the first 'size' bytes read of a stream named 'name', whose
 * end is not known yet. */
gboolean kb_i_memory_check_read(const char *name, guint64 size, KbFormat format,
                                GError **error);

#endif
