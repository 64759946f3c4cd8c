/* load_xlsx.c -- a dataset as an Excel workbook: the sheets nodes and
 * relations (and dataset, questions) of a dataset folder, or Kumu's
 * Elements and Connections, each read by the loader of those files, row
 * by row, so that every check is the same. */
#include <string.h>

#include "base/diag_internal.h"
#include "io/io_internal.h"

gboolean
kb_i_records_read(const KbInput *in, char *separator, KbCsvRecordFunc fn, gpointer user_data,
                  KbDiagList *diags)
{
  if (in->book == NULL)
    return kb_i_csv_read_file(in->path, in->name, separator, fn, user_data, diags);
  *separator = '\0';
  if (in->sheet == NULL) {
    kb_diag_list_add_cause(diags, in->name, 0, 0, NULL, "the workbook has no such sheet");
    return FALSE;
  }
  return kb_i_xlsx_read_sheet(in->book, in->sheet, in->name, fn, user_data, diags);
}

gboolean
kb_i_input_exists(const KbInput *in)
{
  if (in->book != NULL)
    return in->sheet != NULL;
  return in->path != NULL && g_file_test(in->path, G_FILE_TEST_EXISTS);
}

/* Makes 'in' the sheet 'sheet' of 'book' (the sheet's name as the
 * workbook spells it, or NULL when it has none), named "NAME: sheet
 * SHEET" for diagnostics, which then give its rows and columns. */
static void
sheet_input(KbInput *in, KbXlsx *book, const char *workbook, const char *sheet,
            const char *wanted, KbDiagList *diags)
{
  const char *found = kb_i_xlsx_sheet(book, sheet);
  *in = (KbInput) KB_INPUT_INIT;
  in->name = g_strdup_printf("%s: sheet %s", workbook, found ? found : wanted);
  in->book = book;
  in->sheet = found;
  kb_i_diag_list_add_sheet(diags, in->name);
}

KbDataset *
kb_i_load_xlsx(const KbInput *top, const KbInput *map, const KbLimits *limits, KbDiagList *diags)
{
  g_autoptr(KbXlsx) book = kb_i_xlsx_open(top->path, top->name, limits->max_bytes, diags);
  gboolean kumu = book != NULL && kb_i_xlsx_sheet(book, "nodes") == NULL
                  && kb_i_xlsx_sheet(book, "elements") != NULL;
  if (book != NULL && map != NULL && !kumu) {
    /* a map of Kumu's types says nothing to a dataset's own sheets */
    g_autofree char *names = kb_i_xlsx_sheet_names(book);
    kb_diag_list_add_cause(diags, top->name, 0, 0, NULL, "the workbook has no sheets named "
                           "'Elements' and 'Connections', which a map of Kumu's types is for; "
                           "its sheets: %s", names);
    g_clear_pointer(&book, kb_i_xlsx_close);
  }
  if (book != NULL && !kumu
      && (kb_i_xlsx_sheet(book, "nodes") == NULL || kb_i_xlsx_sheet(book, "relations") == NULL)) {
    g_autofree char *names = kb_i_xlsx_sheet_names(book);
    kb_diag_list_add_cause(diags, top->name, 0, 0, NULL, "the workbook has no sheets named "
                           "'nodes' and 'relations' (a dataset) nor 'Elements' and "
                           "'Connections' (Kumu); its sheets: %s", names);
    g_clear_pointer(&book, kb_i_xlsx_close);
  }
  if (book == NULL) {
    g_autoptr(KbBuilder) builder = kb_builder_new(top->name, diags);
    kb_builder_set_table_unread(builder, KB_TABLE_NODES);
    kb_builder_set_table_unread(builder, KB_TABLE_RELATIONS);
    return kb_builder_finish(builder);
  }
  static const char *const folder_sheets[4] = { "nodes", "relations", "dataset", "questions" };
  static const char *const kumu_sheets[4] = { "Elements", "Connections", "dataset", "questions" };
  const char *const *names = kumu ? kumu_sheets : folder_sheets;
  KbInput in[4];
  for (size_t i = 0; i < 4; i++)
    sheet_input(&in[i], book, top->name, names[i], names[i], diags);
  KbDataset *ds = kumu ? kb_i_load_kumu(top->name, &in[0], &in[1], map, in + 2, limits, diags)
                       : kb_i_load_folder(top->name, in, limits, diags);
  for (size_t i = 0; i < 4; i++)
    g_free(in[i].name);
  return ds;
}
