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
  GPtrArray *names;       /* column names of the header, lower case */
  GArray *cells;          /* of KbCell: the row being read, reused */
} TableReader;

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
      char *name = g_utf8_strdown(rec->fields[i].text, -1);
      g_ptr_array_add(tr->names, name);
      cells[i] = (KbCell) { name, rec->fields[i].text, rec->fields[i].line,
                            rec->fields[i].column };
    }
    row.n_cells = rec->n_fields;
    tr->header_ok = kb_builder_check_header(tr->builder, tr->table, &row);
    if (tr->header_ok && rec->records > 0)
      kb_builder_expect_rows(tr->builder, tr->table, rec->records - 1);
    return tr->header_ok;
  }

  if (rec->n_fields > tr->names->len) {
    /* Extra fields that are all empty are what spreadsheets leave behind. */
    gboolean empty = TRUE;
    for (size_t i = tr->names->len; i < rec->n_fields; i++)
      empty &= rec->fields[i].text[0] == '\0';
    if (!empty) {
      const KbCsvField *f = &rec->fields[tr->names->len];
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
  *tr = (TableReader) { builder, diags, table, file, ',', FALSE, FALSE,
                        g_ptr_array_new_with_free_func(g_free),
                        g_array_new(FALSE, FALSE, sizeof(KbCell)) };
}

static void
table_reader_release(TableReader *tr)
{
  g_ptr_array_unref(tr->names);
  g_array_unref(tr->cells);
}

void
kb_i_table_read(KbBuilder *builder, KbDiagList *diags, const KbInput *in, KbTable table)
{
  TableReader tr;
  table_reader_init(&tr, builder, diags, in->name, table);
  if (kb_i_csv_read_file(in->path, in->name, &tr.separator, on_record, &tr, diags)
      && !tr.have_header)
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, in->name, 0, 0, NULL,
                     "the file is empty; expected a header line naming the columns");
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
  for (size_t i = 0; facts != NULL && i < 2; i++)
    if (facts[i].path != NULL && g_file_test(facts[i].path, G_FILE_TEST_EXISTS))
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
