/* load_folder.c -- the canonical format: a folder with nodes.csv and
 * relations.csv, and optionally dataset.csv and questions.csv. */
#include <string.h>

#include "io/io_internal.h"

typedef struct {
  KbBuilder *builder;
  KbDiagList *diags;
  KbTable table;
  const char *file;
  char separator;
  gboolean have_header;
  gboolean header_ok;
  gboolean rejected;      /* the file was rejected: its rows are only noted */
  GPtrArray *names;       /* column names of the header, lower case */
  GArray *cells;          /* of KbCell: the row being read, reused */
  GPtrArray *converted;   /* texts of the row converted to UTF-8 */
} TableReader;

/* A row of a rejected file, passed on for the ids it holds: a text that is
 * not UTF-8 is read as Windows-1252, as the file most likely is. */
static void
note_rejected_row(TableReader *tr, const KbCsvRecord *rec)
{
  size_t n = MIN(rec->n_fields, (size_t) tr->names->len);
  g_array_set_size(tr->cells, n);
  KbCell *cells = (KbCell *) tr->cells->data;
  g_ptr_array_set_size(tr->converted, 0);
  for (size_t i = 0; i < n; i++) {
    const char *text = rec->fields[i].text;
    if (!g_utf8_validate(text, -1, NULL)) {
      char *utf8 = g_convert(text, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
      text = utf8 != NULL ? utf8 : "";
      if (utf8 != NULL)
        g_ptr_array_add(tr->converted, utf8);
    }
    cells[i] = (KbCell) { g_ptr_array_index(tr->names, i), text, rec->fields[i].line,
                          rec->fields[i].column };
  }
  KbRow row = { tr->file, rec->line, cells, n };
  kb_builder_add_rejected_row(tr->builder, tr->table, &row);
}

static gboolean
on_record(const KbCsvRecord *rec, gpointer user_data)
{
  TableReader *tr = user_data;
  g_array_set_size(tr->cells, rec->n_fields);
  KbCell *cells = (KbCell *) tr->cells->data;
  KbRow row = { tr->file, rec->line, cells, 0 };

  if (!tr->have_header) {
    tr->have_header = TRUE;
    for (size_t i = 0; i < rec->n_fields; i++) {
      /* a rejected file's text may not be UTF-8 */
      char *name = tr->rejected ? g_ascii_strdown(rec->fields[i].text, -1)
                                : g_utf8_strdown(rec->fields[i].text, -1);
      g_ptr_array_add(tr->names, name);
      cells[i] = (KbCell) { name, rec->fields[i].text, rec->fields[i].line,
                            rec->fields[i].column };
    }
    row.n_cells = rec->n_fields;
    if (tr->rejected)
      return TRUE;
    tr->header_ok = kb_builder_check_header(tr->builder, tr->table, &row);
    if (tr->header_ok && rec->records > 0)
      kb_builder_expect_rows(tr->builder, tr->table, rec->records - 1);
    /* the rows of a nodes table that cannot be read still say which ids
     * the references to them fail for */
    tr->rejected = !tr->header_ok && tr->table == KB_TABLE_NODES;
    return tr->header_ok || tr->rejected;
  }
  if (tr->rejected) {
    note_rejected_row(tr, rec);
    return TRUE;
  }

  if (rec->n_fields > tr->names->len) {
    /* Extra fields that are all empty are what spreadsheets leave behind. */
    gboolean empty = TRUE;
    for (size_t i = tr->names->len; i < rec->n_fields; i++)
      empty &= rec->fields[i].text[0] == '\0';
    if (!empty) {
      const KbCsvField *f = &rec->fields[tr->names->len];
      if (tr->separator == '\0')     /* a sheet of a workbook */
        kb_diag_list_add(tr->diags, KB_SEVERITY_ERROR, tr->file, f->line, f->column, NULL,
                         "the row has a value in column %zu but the header names %u "
                         "columns; expected each value under a heading", rec->n_fields,
                         tr->names->len);
      else
        kb_diag_list_add(tr->diags, KB_SEVERITY_ERROR, tr->file, f->line, f->column, NULL,
                         "the row has %zu fields but the header has %u; expected at most "
                         "%u (a value that holds '%c' must be quoted)", rec->n_fields,
                         tr->names->len, tr->names->len, tr->separator);
      return TRUE;
    }
  }
  size_t n = MIN(rec->n_fields, (size_t) tr->names->len);
  for (size_t i = 0; i < n; i++)
    cells[i] = (KbCell) { g_ptr_array_index(tr->names, i), rec->fields[i].text,
                          rec->fields[i].line, rec->fields[i].column };
  row.n_cells = n;
  kb_builder_add_row(tr->builder, tr->table, &row);
  return TRUE;
}

static void
table_reader_init(TableReader *tr, KbBuilder *builder, KbDiagList *diags, const char *file,
                  KbTable table)
{
  *tr = (TableReader) { builder, diags, table, file, ',', FALSE, FALSE, FALSE,
                        g_ptr_array_new_with_free_func(g_free),
                        g_array_new(FALSE, FALSE, sizeof(KbCell)),
                        g_ptr_array_new_with_free_func(g_free) };
}

static void
table_reader_release(TableReader *tr)
{
  g_ptr_array_unref(tr->names);
  g_array_unref(tr->cells);
  g_ptr_array_unref(tr->converted);
}

void
kb_i_table_read(KbBuilder *builder, KbDiagList *diags, const KbInput *in, KbTable table)
{
  TableReader tr;
  table_reader_init(&tr, builder, diags, in->name, table);
  gboolean whole = kb_i_records_read(in, &tr.separator, on_record, &tr, diags);
  if (whole && !tr.have_header) {
    kb_diag_list_add_cause(diags, in->name, 0, 0, NULL, in->book != NULL
                           ? "the sheet is empty; expected a first row naming the columns"
                           : "the file is empty; expected a header line naming the columns");
    whole = FALSE;
  } else if (!whole && !tr.have_header && table == KB_TABLE_NODES && in->book == NULL) {
    /* not text: the ids its rows hold, read from its bytes */
    tr.rejected = TRUE;
    whole = kb_i_csv_read_rejected(in->path, on_record, &tr);
  }
  /* which ids the table held is not known: references fail for that */
  gboolean ids = FALSE;
  for (guint i = 0; i < tr.names->len && !ids; i++)
    ids = strcmp(g_ptr_array_index(tr.names, i), "id") == 0;
  if (!whole || (tr.rejected && !ids))
    kb_builder_set_table_unread(builder, table);
  table_reader_release(&tr);
}

void
kb_i_table_parse(KbBuilder *builder, KbDiagList *diags, const char *file, const char *text,
                 size_t len, unsigned line, unsigned column, KbTable table)
{
  TableReader tr;
  table_reader_init(&tr, builder, diags, file, table);
  tr.separator = kb_i_csv_detect_separator(text, len);
  kb_i_csv_parse_at(file, text, len, tr.separator, line, column, on_record, &tr, diags);
  table_reader_release(&tr);
}

void
kb_i_facts_read(KbBuilder *builder, KbDiagList *diags, const KbInput *facts)
{
  static const KbTable tables[2] = { KB_TABLE_META, KB_TABLE_QUESTIONS };
  if (facts != NULL && facts[0].name != NULL)
    kb_builder_set_facts_file(builder, facts[0].name);
  for (size_t i = 0; facts != NULL && i < 2; i++)
    if (kb_i_input_exists(&facts[i]))
      kb_i_table_read(builder, diags, &facts[i], tables[i]);
}

KbDataset *
kb_i_load_folder(const char *name, const KbInput *files, const KbLimits *limits,
                 KbDiagList *diags)
{
  g_autoptr(KbBuilder) builder = kb_builder_new(name, diags);
  kb_builder_set_limits(builder, limits);
  kb_i_table_read(builder, diags, &files[0], KB_TABLE_NODES);
  kb_i_table_read(builder, diags, &files[1], KB_TABLE_RELATIONS);
  kb_i_facts_read(builder, diags, files + 2);
  return kb_builder_finish(builder);
}
