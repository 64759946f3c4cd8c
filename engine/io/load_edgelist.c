/* load_edgelist.c -- a plain edge list, from,to[,weight]: every node an
 * organisation without a sector, every row a partner_of relation. */
#include <string.h>

#include "io/io_internal.h"

typedef struct {
  KbBuilder *builder;
  KbDiagList *diags;
  const char *file;
  gboolean first;
  GHashTable *seen;       /* node ids added so far */
} EdgeReader;

static gboolean
is_header(const KbCsvRecord *rec)
{
  if (rec->n_fields < 2 || rec->n_fields > 3)
    return FALSE;
  const char *a = rec->fields[0].text, *b = rec->fields[1].text;
  return (g_ascii_strcasecmp(a, "from") == 0 && g_ascii_strcasecmp(b, "to") == 0)
         || (g_ascii_strcasecmp(a, "source") == 0 && g_ascii_strcasecmp(b, "target") == 0);
}

static void
add_node(EdgeReader *er, const KbCsvField *f)
{
  if (f->text[0] == '\0' || g_hash_table_contains(er->seen, f->text))
    return;
  g_hash_table_add(er->seen, g_strdup(f->text));
  KbCell cells[2] = {
    { "id", f->text, f->line, f->column },
    { "kind", "organisation", f->line, f->column },
  };
  KbRow row = { er->file, f->line, cells, 2 };
  kb_builder_add_row(er->builder, KB_TABLE_NODES, &row);
}

static gboolean
on_record(const KbCsvRecord *rec, gpointer user_data)
{
  EdgeReader *er = user_data;
  gboolean first = er->first;
  er->first = FALSE;
  if (first && is_header(rec))
    return TRUE;
  if (rec->n_fields < 2 || rec->n_fields > 3) {
    const KbCsvField *f = &rec->fields[rec->n_fields < 2 ? 0 : 3];
    kb_diag_list_add(er->diags, KB_SEVERITY_ERROR, er->file, f->line, f->column, NULL,
                     "the row has %zu field%s; expected from,to or from,to,weight",
                     rec->n_fields, rec->n_fields == 1 ? "" : "s");
    return TRUE;
  }
  add_node(er, &rec->fields[0]);
  add_node(er, &rec->fields[1]);
  KbCell cells[4] = {
    { "from", rec->fields[0].text, rec->fields[0].line, rec->fields[0].column },
    { "to", rec->fields[1].text, rec->fields[1].line, rec->fields[1].column },
    { "kind", "partner_of", rec->fields[0].line, rec->fields[0].column },
  };
  size_t n = 3;
  if (rec->n_fields == 3)
    cells[n++] = (KbCell) { "weight", rec->fields[2].text, rec->fields[2].line,
                            rec->fields[2].column };
  KbRow row = { er->file, rec->line, cells, n };
  kb_builder_add_row(er->builder, KB_TABLE_RELATIONS, &row);
  return TRUE;
}

KbDataset *
kb_i_load_edgelist(const KbInput *in, const KbLimits *limits, KbDiagList *diags)
{
  g_autoptr(KbBuilder) builder = kb_builder_new(in->name, diags);
  kb_builder_set_limits(builder, limits);
  EdgeReader er = { builder, diags, in->name, TRUE,
                    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
  char separator;
  kb_i_csv_read_file(in->path, in->name, &separator, on_record, &er, diags);
  g_hash_table_unref(er.seen);
  return kb_builder_finish(builder);
}
