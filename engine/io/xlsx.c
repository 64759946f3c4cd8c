/* xlsx.c -- the sheets of an Excel workbook read as rows, for the loaders.
 *
 * A workbook (.xlsx, Office Open XML) is a zip archive of XML parts:
 * xl/workbook.xml names the sheets and, through xl/_rels/workbook.xml.rels,
 * the part of each; xl/sharedStrings.xml holds the texts that cells refer
 * to by number; each sheet's part holds its rows. The archive is read with
 * minizip and the XML with expat; their types stay in this file.
 *
 * The guarantees are the CSV reader's:
 *  1. Memory: a part is inflated a chunk at a time and never past
 *     PART_RATIO times its compressed size (after the first PART_SLACK
 *     bytes) nor past the byte limit, so that a zip bomb is refused, not
 *     expanded. Only the shared strings are held whole, and they count.
 *  2. No crash on any input: every size comes from the archive and is
 *     checked before it is used; a document type declaration (where entity
 *     tricks live) is refused.
 *  3. Clear errors: the archive, the part, the sheet, the row and the
 *     column are named.
 * A row is passed on as a KbCsvRecord: its line is the row's number and
 * each field's column the cell's column (A = 1), empty fields where the
 * row skips columns and up to the first row's width; a row without a value
 * is left out, as CSV's blank lines are. */
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <unzip.h>

#include "io/io_internal.h"

#define CHUNK (64 * 1024)
#define PART_RATIO 100             /* Apache POI refuses past the same ratio */
#define PART_SLACK (1024 * 1024)   /* a small part may compress better */
#define MAX_COLUMNS 16384          /* Excel's: A to XFD */
#define MAX_ROWS 1048576
#define MAX_CELL_BYTES (1024 * 1024)

typedef struct {
  char *name;           /* as the workbook names it */
  char *part;           /* its path in the archive */
} SheetEntry;

struct KbXlsx {
  char *name;           /* the workbook as the user named it */
  unzFile zip;
  guint64 budget;       /* bytes that may still be inflated */
  GArray *sheets;       /* of SheetEntry, in the workbook's order */
  GPtrArray *strings;   /* the shared strings */
};

/* ------------------------------------------------------------ the archive */

/* Reads the part 'part' whole into 'out' (NUL-terminated), or fails with
 * 'why' set (a new string). A missing part is FALSE with *why NULL when
 * 'optional'. */
static gboolean
read_part(KbXlsx *x, const char *part, gboolean optional, GString *out,
          gboolean (*feed)(gpointer, const char *, size_t, char **), gpointer data, char **why)
{
  *why = NULL;
  if (unzLocateFile(x->zip, part, 2) != UNZ_OK) {
    if (!optional)
      *why = g_strdup_printf("the workbook has no part %s; expected an Excel workbook (.xlsx)",
                             part);
    return FALSE;
  }
  unz_file_info64 info;
  if (unzGetCurrentFileInfo64(x->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK
      || unzOpenCurrentFile(x->zip) != UNZ_OK) {
    *why = g_strdup_printf("cannot read the part %s of the archive: it is damaged", part);
    return FALSE;
  }
  guint64 most = (guint64) info.compressed_size * PART_RATIO + PART_SLACK;
  guint64 read = 0;
  g_autofree char *buf = g_malloc(CHUNK);
  int n;
  gboolean ok = TRUE;
  while (ok && (n = unzReadCurrentFile(x->zip, buf, CHUNK)) != 0) {
    if (n < 0) {
      *why = g_strdup_printf("cannot read the part %s of the archive: it is damaged (%s)", part,
                             n == Z_DATA_ERROR || n == UNZ_CRCERROR ? "its data is corrupt"
                                                                   : "an error inflating it");
      ok = FALSE;
      break;
    }
    read += (guint64) n;
    if (read > most) {
      *why = g_strdup_printf("the part %s expands to more than %d times its %llu compressed "
                             "bytes; refused as a zip bomb (an Excel workbook compresses far "
                             "less)", part, PART_RATIO,
                             (unsigned long long) info.compressed_size);
      ok = FALSE;
    } else if (read > x->budget) {
      *why = g_strdup_printf("the workbook expands to more bytes than the limit allows (see "
                             "--max-bytes), at its part %s", part);
      ok = FALSE;
    } else if (out != NULL) {
      g_string_append_len(out, buf, n);
    } else if (!feed(data, buf, (size_t) n, why)) {
      ok = FALSE;
    }
  }
  if (unzCloseCurrentFile(x->zip) == UNZ_CRCERROR && ok) {
    *why = g_strdup_printf("cannot read the part %s of the archive: its checksum is wrong", part);
    ok = FALSE;
  }
  x->budget -= MIN(read, x->budget);
  return ok;
}

/* ------------------------------------------------------------------ XML */

/* What every parse here shares; each parse's state starts with one, so
 * that the shared handlers find it. */
typedef struct {
  XML_Parser p;
  const char *part;     /* the part parsed, for messages */
  gboolean doctype;     /* stopped at a document type declaration */
  char *why;            /* set by a handler that stopped the parse */
  int si, v, is, t, rph;  /* how deep inside elements of those names */
} Xml;

/* The local part of an XML name: "x:sheet" -> "sheet". */
static const char *
local(const char *name)
{
  const char *colon = strrchr(name, ':');
  return colon ? colon + 1 : name;
}

static const char *
attr(const char **atts, const char *name, gboolean prefixed)
{
  for (size_t i = 0; atts[i] != NULL; i += 2) {
    gboolean has_prefix = strchr(atts[i], ':') != NULL;
    if (has_prefix == prefixed && strcmp(local(atts[i]), name) == 0)
      return atts[i + 1];
  }
  return NULL;
}

/* Stops the parse for 'why' (taken), unless it stopped already. */
static void
xml_stop(Xml *x, char *why)
{
  if (x->why == NULL)
    x->why = why;
  else
    g_free(why);
  XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL
xml_doctype(void *data, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
            int internal)
{
  Xml *x = data;
  x->doctype = TRUE;
  xml_stop(x, g_strdup_printf("the part %s declares a document type; a workbook has none",
                              x->part));
}

/* Notes an element 'name' opened (step 1) or closed (step -1) among those
 * that say where text is: a shared string's <si>, a value's <v>, an
 * inline string's <is>, a text's <t> and a phonetic guide's <rPh> (whose
 * text is not the cell's). */
static void
xml_nest(Xml *x, const char *name, int step)
{
  int *depth = strcmp(name, "si") == 0 ? &x->si : strcmp(name, "v") == 0 ? &x->v
             : strcmp(name, "is") == 0 ? &x->is : strcmp(name, "t") == 0 ? &x->t
             : strcmp(name, "rPh") == 0 ? &x->rph : NULL;
  if (depth != NULL && *depth + step >= 0)
    *depth += step;
}

/* Starts parsing 'part' into 'x' (the start of the parse's state, its
 * user data) with the handlers; a document type is refused. */
static void
xml_begin(Xml *x, const char *part, XML_StartElementHandler start, XML_EndElementHandler end,
          XML_CharacterDataHandler text)
{
  x->part = part;
  x->p = XML_ParserCreate("UTF-8");
  if (x->p == NULL)
    g_error("out of memory");    /* as g_malloc() would */
  XML_SetUserData(x->p, x);
  XML_SetElementHandler(x->p, start, end);
  XML_SetCharacterDataHandler(x->p, text);
  XML_SetStartDoctypeDeclHandler(x->p, xml_doctype);
}

/* Parses buf[0..len) ('final': the part's end). On failure sets *why: a
 * handler's reason, or where the XML is not well-formed. */
static gboolean
xml_feed(Xml *x, const char *buf, size_t len, gboolean final, char **why)
{
  if (XML_Parse(x->p, buf, (int) len, final) == XML_STATUS_OK)
    return TRUE;
  if (x->why != NULL)
    *why = g_steal_pointer(&x->why);
  else
    *why = g_strdup_printf("the part %s is not well-formed XML (line %lu, column %lu: %s)",
                           x->part, (unsigned long) XML_GetCurrentLineNumber(x->p),
                           (unsigned long) XML_GetCurrentColumnNumber(x->p) + 1,
                           XML_ErrorString(XML_GetErrorCode(x->p)));
  return FALSE;
}

static void
xml_end(Xml *x)
{
  XML_ParserFree(x->p);
  g_free(x->why);
}

static void XMLCALL
no_end(void *data, const XML_Char *el)
{
}

static void XMLCALL
no_text(void *data, const XML_Char *s, int len)
{
}

/* -- the workbook and its relations */

typedef struct {
  Xml xml;
  GArray *sheets;       /* of SheetEntry: name and, for now, the relation's id */
  GHashTable *targets;  /* relation id -> target */
} BookParse;

static void XMLCALL
book_start(void *data, const XML_Char *el, const XML_Char **atts)
{
  BookParse *b = data;
  if (strcmp(local(el), "sheet") == 0) {
    const char *name = attr(atts, "name", FALSE), *id = attr(atts, "id", TRUE);
    if (name != NULL && id != NULL) {
      SheetEntry e = { g_strdup(name), g_strdup(id) };
      g_array_append_val(b->sheets, e);
    }
  } else if (strcmp(local(el), "Relationship") == 0) {
    const char *id = attr(atts, "Id", FALSE), *target = attr(atts, "Target", FALSE);
    if (id != NULL && target != NULL)
      g_hash_table_insert(b->targets, g_strdup(id), g_strdup(target));
  }
}

/* Parses a whole part held in 'text' with the workbook handlers. */
static gboolean
parse_book_part(BookParse *b, const char *part, const GString *text, char **why)
{
  xml_begin(&b->xml, part, book_start, no_end, no_text);
  gboolean ok = xml_feed(&b->xml, text->str, text->len, TRUE, why);
  xml_end(&b->xml);
  b->xml = (Xml) { 0 };
  return ok;
}

/* The part a relation's target names, from xl/: "worksheets/sheet1.xml"
 * or "/xl/worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml". */
static char *
part_of(const char *target)
{
  if (target[0] == '/')
    return g_strdup(target + 1);
  return g_strconcat("xl/", target, NULL);
}

/* -- shared strings */

typedef struct {
  Xml xml;
  KbXlsx *x;
  GString *text;        /* the string being read */
} StringsParse;

static void XMLCALL
strings_start(void *data, const XML_Char *el, const XML_Char **atts)
{
  StringsParse *s = data;
  xml_nest(&s->xml, local(el), 1);
  if (strcmp(local(el), "si") == 0)
    g_string_truncate(s->text, 0);
}

static void XMLCALL
strings_end(void *data, const XML_Char *el)
{
  StringsParse *s = data;
  if (strcmp(local(el), "si") == 0 && s->xml.si > 0)
    g_ptr_array_add(s->x->strings, g_strndup(s->text->str, s->text->len));
  xml_nest(&s->xml, local(el), -1);
}

static void XMLCALL
strings_text(void *data, const XML_Char *t, int len)
{
  StringsParse *s = data;
  if (!s->xml.si || !s->xml.t || s->xml.rph)
    return;
  if (s->text->len + (size_t) len > MAX_CELL_BYTES)
    xml_stop(&s->xml, g_strdup_printf("a shared string of the workbook is longer than %d "
                                      "bytes", MAX_CELL_BYTES));
  else
    g_string_append_len(s->text, t, len);
}

static gboolean
strings_feed(gpointer data, const char *buf, size_t len, char **why)
{
  return xml_feed(data, buf, len, FALSE, why);
}

static gboolean
read_strings(KbXlsx *x, char **why)
{
  StringsParse s = { { 0 }, x, g_string_new(NULL) };
  xml_begin(&s.xml, "xl/sharedStrings.xml", strings_start, strings_end, strings_text);
  gboolean ok = read_part(x, "xl/sharedStrings.xml", TRUE, NULL, strings_feed, &s, why);
  if (!ok && *why == NULL)
    ok = TRUE;      /* a workbook without shared strings */
  else if (ok)
    ok = xml_feed(&s.xml, "", 0, TRUE, why);
  xml_end(&s.xml);
  g_string_free(s.text, TRUE);
  return ok;
}

/* ------------------------------------------------------------- opening */

void
kb_i_xlsx_close(KbXlsx *x)
{
  if (x == NULL)
    return;
  if (x->zip != NULL)
    unzClose(x->zip);
  for (guint i = 0; x->sheets != NULL && i < x->sheets->len; i++) {
    g_free(g_array_index(x->sheets, SheetEntry, i).name);
    g_free(g_array_index(x->sheets, SheetEntry, i).part);
  }
  if (x->sheets != NULL)
    g_array_unref(x->sheets);
  if (x->strings != NULL)
    g_ptr_array_unref(x->strings);
  g_free(x->name);
  g_free(x);
}

static gboolean
read_book(KbXlsx *x, char **why)
{
  g_autoptr(GString) book = g_string_new(NULL);
  g_autoptr(GString) rels = g_string_new(NULL);
  if (!read_part(x, "xl/workbook.xml", FALSE, book, NULL, NULL, why)
      || !read_part(x, "xl/_rels/workbook.xml.rels", FALSE, rels, NULL, NULL, why))
    return FALSE;
  BookParse b = { { 0 }, x->sheets,
                  g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free) };
  gboolean ok = parse_book_part(&b, "xl/workbook.xml", book, why)
                && parse_book_part(&b, "xl/_rels/workbook.xml.rels", rels, why);
  for (guint i = 0; ok && i < x->sheets->len; i++) {
    SheetEntry *e = &g_array_index(x->sheets, SheetEntry, i);
    const char *target = g_hash_table_lookup(b.targets, e->part);
    char *part = target ? part_of(target) : NULL;
    g_free(e->part);
    e->part = part;     /* NULL: the sheet has no part, and reads as missing */
  }
  g_hash_table_unref(b.targets);
  return ok;
}

KbXlsx *
kb_i_xlsx_open(const char *path, const char *name, guint64 max_bytes, KbDiagList *diags)
{
  KbXlsx *x = g_new0(KbXlsx, 1);
  x->name = g_strdup(name);
  x->budget = max_bytes;
  x->sheets = g_array_new(FALSE, FALSE, sizeof(SheetEntry));
  x->strings = g_ptr_array_new_with_free_func(g_free);
  x->zip = unzOpen64(path);
  if (x->zip == NULL) {
    kb_diag_list_add_cause(diags, name, 0, 0, NULL, "cannot read the file as a workbook: it "
                           "is not a zip archive, as an Excel workbook (.xlsx) is (a workbook "
                           "of Excel 97-2003, .xls, must be saved as .xlsx first)");
    kb_i_xlsx_close(x);
    return NULL;
  }
  g_autofree char *why = NULL;
  if (!read_book(x, &why) || !read_strings(x, &why)) {
    kb_diag_list_add_cause(diags, name, 0, 0, NULL, "%s", why);
    kb_i_xlsx_close(x);
    return NULL;
  }
  return x;
}

/* The sheet named 'name' (without regard to case), or NULL. */
static const SheetEntry *
find_sheet(const KbXlsx *x, const char *name)
{
  g_autofree char *want = g_utf8_casefold(name, -1);
  for (guint i = 0; i < x->sheets->len; i++) {
    const SheetEntry *e = &g_array_index(x->sheets, SheetEntry, i);
    g_autofree char *have = g_utf8_casefold(e->name, -1);
    if (strcmp(have, want) == 0)
      return e;
  }
  return NULL;
}

const char *
kb_i_xlsx_sheet(const KbXlsx *x, const char *name)
{
  const SheetEntry *e = find_sheet(x, name);
  return e != NULL ? e->name : NULL;
}

char *
kb_i_xlsx_sheet_names(const KbXlsx *x)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < x->sheets->len; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", g_array_index(x->sheets, SheetEntry, i).name);
  if (s->len == 0)
    g_string_assign(s, "none");
  return g_string_free(s, FALSE);
}

/* -------------------------------------------------------------- a sheet */

typedef struct {
  unsigned column;      /* 1-based */
  size_t text;          /* offset in the row's text */
} RowCell;

typedef struct {
  Xml xml;
  KbXlsx *x;
  KbCsvRecordFunc fn;
  gpointer user_data;
  unsigned row;         /* the row being read; 0 before the first */
  unsigned column;      /* of the last cell read */
  unsigned width;       /* the columns of the first row with a value */
  GArray *cells;        /* of RowCell: the row's cells with a value */
  GString *texts;       /* their texts, each NUL-terminated */
  GString *value;       /* the text of the cell being read */
  char type[12];        /* its t attribute */
  gboolean in_cell;
  gboolean stopped;     /* fn stopped the reading */
  unsigned why_column;  /* the column of the cell at fault (0: none) */
  gboolean xml_failed;  /* the XML was at fault, at the row reached */
  GArray *fields;       /* of KbCsvField, for the record */
} SheetParse;

static void
stop(SheetParse *s, unsigned column, char *why)
{
  if (s->xml.why == NULL)
    s->why_column = column;
  xml_stop(&s->xml, why);
}

/* Parses a cell reference "B12" into its column and row (1-based). */
static gboolean
parse_ref(const char *ref, unsigned *column, unsigned *row)
{
  unsigned c = 0, r = 0;
  const char *p = ref;
  for (; *p >= 'A' && *p <= 'Z'; p++) {
    c = c * 26 + (unsigned) (*p - 'A' + 1);
    if (c > MAX_COLUMNS)
      return FALSE;
  }
  if (p == ref || *p == '\0')
    return FALSE;
  for (; *p >= '0' && *p <= '9'; p++) {
    r = r * 10 + (unsigned) (*p - '0');
    if (r > MAX_ROWS)
      return FALSE;
  }
  if (*p != '\0' || r == 0)
    return FALSE;
  *column = c;
  *row = r;
  return TRUE;
}

static void
flush_row(SheetParse *s)
{
  if (s->cells->len == 0)
    return;
  /* a row has at least as many fields as the first, the header: an empty
   * cell is an empty field, as in CSV, whether the row holds it or not */
  unsigned last = MAX(s->width, g_array_index(s->cells, RowCell, s->cells->len - 1).column);
  if (s->width == 0)
    s->width = last;
  g_array_set_size(s->fields, last);
  KbCsvField *f = (KbCsvField *) s->fields->data;
  static char empty[1] = "";
  for (unsigned i = 0; i < last; i++)
    f[i] = (KbCsvField) { empty, 0, s->row, i + 1 };
  for (guint i = 0; i < s->cells->len; i++) {
    const RowCell *c = &g_array_index(s->cells, RowCell, i);
    char *text = s->texts->str + c->text;
    f[c->column - 1] = (KbCsvField) { text, strlen(text), s->row, c->column };
  }
  KbCsvRecord rec = { s->row, f, last, 0 };
  if (!s->fn(&rec, s->user_data)) {
    s->stopped = TRUE;
    XML_StopParser(s->xml.p, XML_FALSE);
  }
  g_array_set_size(s->cells, 0);
  g_string_truncate(s->texts, 0);
}

static void XMLCALL
sheet_start(void *data, const XML_Char *el, const XML_Char **atts)
{
  SheetParse *s = data;
  const char *n = local(el);
  if (strcmp(n, "row") == 0) {
    const char *r = attr(atts, "r", FALSE);
    unsigned row = s->row + 1;
    if (r != NULL) {
      char *end;
      unsigned long v = strtoul(r, &end, 10);
      if (*r < '0' || *r > '9' || *end != '\0' || v == 0 || v > MAX_ROWS || v <= s->row) {
        stop(s, 0, g_strdup_printf("a row numbered '%s' after row %u; expected a greater "
                                   "number, at most %d", r, s->row, MAX_ROWS));
        return;
      }
      row = (unsigned) v;
    }
    if (row > MAX_ROWS) {
      stop(s, 0, g_strdup_printf("more than %d rows; a sheet holds no more", MAX_ROWS));
      return;
    }
    s->row = row;
    s->column = 0;
  } else if (strcmp(n, "c") == 0) {
    const char *ref = attr(atts, "r", FALSE), *t = attr(atts, "t", FALSE);
    unsigned column = s->column + 1, row = s->row;
    if (ref != NULL && (!parse_ref(ref, &column, &row) || row != s->row)) {
      stop(s, 0, g_strdup_printf("a cell at '%s'; expected a reference to a cell of this row "
                                 "(as B%u)", ref, s->row));
      return;
    }
    if (column <= s->column || column > MAX_COLUMNS || s->row == 0) {
      stop(s, column, g_strdup_printf("a cell out of order: its columns must go left to right, "
                                      "in a row"));
      return;
    }
    s->column = column;
    g_strlcpy(s->type, t ? t : "n", sizeof s->type);
    g_string_truncate(s->value, 0);
    s->in_cell = TRUE;
  } else {
    xml_nest(&s->xml, n, 1);
  }
}

void
kb_i_xlsx_number_text(double d, char *text)
{
  for (int digits = 15; digits <= 17; digits++) {
    g_ascii_formatd(text, G_ASCII_DTOSTR_BUF_SIZE, digits == 15 ? "%.15g"
                    : digits == 16 ? "%.16g" : "%.17g", d);
    if (g_ascii_strtod(text, NULL) == d)
      break;
  }
}

/* The text of the cell just read, by its type; NULL when it holds none. */
static const char *
cell_text(SheetParse *s, char *number)
{
  const char *v = s->value->str;
  if (strcmp(s->type, "s") == 0) {
    char *end;
    unsigned long i = strtoul(v, &end, 10);
    if (*v < '0' || *v > '9' || *end != '\0' || i >= s->x->strings->len) {
      stop(s, s->column, g_strdup_printf("the cell refers to shared string '%s', which the "
                                         "workbook does not hold", v));
      return NULL;
    }
    return g_ptr_array_index(s->x->strings, i);
  }
  if (strcmp(s->type, "b") == 0)
    return strcmp(v, "1") == 0 ? "true" : strcmp(v, "0") == 0 ? "false" : v;
  if (strcmp(s->type, "n") == 0 && *v != '\0') {
    /* Excel stores 0.1 as 0.10000000000000001: the shortest text that
     * reads back as the same number, as Excel shows it */
    char *end;
    double d = g_ascii_strtod(v, &end);
    if (*end == '\0') {
      kb_i_xlsx_number_text(d, number);
      return number;
    }
  }
  return v;     /* str (a formula's text), inlineStr, e (an error such as #N/A) */
}

static void XMLCALL
sheet_end(void *data, const XML_Char *el)
{
  SheetParse *s = data;
  const char *n = local(el);
  if (strcmp(n, "row") == 0) {
    flush_row(s);
  } else if (strcmp(n, "c") == 0 && s->in_cell) {
    s->in_cell = FALSE;
    char number[G_ASCII_DTOSTR_BUF_SIZE];
    const char *text = cell_text(s, number);
    if (text != NULL && *text != '\0') {
      RowCell c = { s->column, s->texts->len };
      g_string_append_len(s->texts, text, (gssize) strlen(text) + 1);
      g_array_append_val(s->cells, c);
    }
  } else {
    xml_nest(&s->xml, n, -1);
  }
}

static void XMLCALL
sheet_text(void *data, const XML_Char *t, int len)
{
  SheetParse *s = data;
  if (!s->in_cell || !(s->xml.v || (s->xml.is && s->xml.t && !s->xml.rph)))
    return;
  if (s->value->len + (size_t) len > MAX_CELL_BYTES) {
    stop(s, s->column, g_strdup_printf("the cell holds more than %d bytes", MAX_CELL_BYTES));
    return;
  }
  g_string_append_len(s->value, t, len);
}

static gboolean
sheet_feed(gpointer data, const char *buf, size_t len, char **why)
{
  SheetParse *s = data;
  if (xml_feed(&s->xml, buf, len, FALSE, why))
    return TRUE;
  s->xml_failed = TRUE;
  if (s->stopped)
    g_clear_pointer(why, g_free);
  return FALSE;
}

gboolean
kb_i_xlsx_read_sheet(KbXlsx *x, const char *sheet, const char *file, KbCsvRecordFunc fn,
                     gpointer user_data, KbDiagList *diags)
{
  const SheetEntry *e = find_sheet(x, sheet);
  if (e == NULL || e->part == NULL) {
    kb_diag_list_add_cause(diags, file, 0, 0, NULL, "the workbook names the sheet but holds "
                           "no part for it");
    return FALSE;
  }
  SheetParse s;
  memset(&s, 0, sizeof s);
  s.x = x;
  s.fn = fn;
  s.user_data = user_data;
  s.cells = g_array_new(FALSE, FALSE, sizeof(RowCell));
  s.texts = g_string_new(NULL);
  s.value = g_string_new(NULL);
  s.fields = g_array_new(FALSE, FALSE, sizeof(KbCsvField));
  xml_begin(&s.xml, e->part, sheet_start, sheet_end, sheet_text);
  char *why = NULL;
  gboolean ok = read_part(x, e->part, FALSE, NULL, sheet_feed, &s, &why);
  if (ok && !xml_feed(&s.xml, "", 0, TRUE, &why)) {
    s.xml_failed = TRUE;
    ok = FALSE;
  }
  /* a failure of the archive concerns the whole sheet, not the row reached;
   * a document type comes before any row */
  gboolean in_row = s.xml_failed && !s.xml.doctype;
  if (why != NULL)
    kb_diag_list_add_cause(diags, file, in_row ? s.row : 0, in_row ? s.why_column : 0, NULL,
                           "%s", why);
  g_free(why);
  xml_end(&s.xml);
  g_array_unref(s.cells);
  g_string_free(s.texts, TRUE);
  g_string_free(s.value, TRUE);
  g_array_unref(s.fields);
  return ok && !s.stopped;
}
