/* kb_analysis_test.h -- what the analysis test programs share: the
 * reference tables of tests/reference/ and their datasets, a comparison
 * within a tolerance, and datasets built row by row (one network of many
 * members). */
#ifndef KB_ANALYSIS_TEST_H
#define KB_ANALYSIS_TEST_H

#include <check.h>
#include <math.h>
#include <string.h>

#include <klaverblad.h>
#include "io/io_internal.h"

#define TOL 1e-9

/* --------------------------------------------------- reference tables */

typedef struct {
  GPtrArray *header;        /* of char* */
  GPtrArray *rows;          /* of GPtrArray of char* */
} Table;

static inline gboolean
collect(const KbCsvRecord *rec, gpointer user)
{
  Table *t = user;
  GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < rec->n_fields; i++)
    g_ptr_array_add(row, g_strdup(rec->fields[i].text));
  if (t->header == NULL)
    t->header = row;
  else
    g_ptr_array_add(t->rows, row);
  return TRUE;
}

static inline Table *
table_read(const char *name)
{
  g_autofree char *path = g_build_filename(KB_REFERENCE, name, NULL);
  g_autofree char *text = NULL;
  gsize len;
  ck_assert_msg(g_file_get_contents(path, &text, &len, NULL), "cannot read %s", path);
  Table *t = g_new0(Table, 1);
  t->rows = g_ptr_array_new_with_free_func((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  ck_assert(kb_i_csv_parse(path, text, len, ',', collect, t, diags));
  return t;
}

static inline void
table_free(Table *t)
{
  g_ptr_array_unref(t->header);
  g_ptr_array_unref(t->rows);
  g_free(t);
}

static inline const char *
cell(const Table *t, guint row, const char *column)
{
  for (guint c = 0; c < t->header->len; c++)
    if (strcmp(g_ptr_array_index(t->header, c), column) == 0)
      return g_ptr_array_index((GPtrArray *) g_ptr_array_index(t->rows, row), c);
  ck_abort_msg("no column %s", column);
  return NULL;
}

static inline double
num(const Table *t, guint row, const char *column)
{
  return g_ascii_strtod(cell(t, row, column), NULL);
}

static inline KbDataset *
load_reference(const char *name)
{
  g_autofree char *path = g_build_filename(KB_REFERENCE, name, NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbDataset *ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  ck_assert_ptr_nonnull(ds);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  return ds;
}

static inline void
assert_close(double got, double want, const char *what, const char *graph, const char *id)
{
  ck_assert_msg(fabs(got - want) <= TOL, "%s %s %s: got %.12g, want %.12g", graph, id, what,
                got, want);
}

static inline void
add(KbBuilder *b, KbTable t, const char *const *names, const char *const *values, size_t n,
    unsigned line)
{
  KbCell cells[4];
  for (size_t i = 0; i < n; i++)
    cells[i] = (KbCell) { names[i], values[i], line, 1 };
  KbRow row = { t == KB_TABLE_NODES ? "nodes.csv" : "relations.csv", line, cells, n };
  kb_builder_add_row(b, t, &row);
}

static const char *const node_cols[] = { "id", "kind", "label", "sector" };
static const char *const rel_cols[] = { "from", "to", "kind" };

/* A builder that has read the headers node_cols and rel_cols. */
static inline KbBuilder *
new_builder(const char *name, KbDiagList *diags)
{
  KbBuilder *b = kb_builder_new(name, diags);
  KbCell hn[4], hr[3];
  for (int i = 0; i < 4; i++)
    hn[i] = (KbCell) { node_cols[i], node_cols[i], 1, 1 };
  for (int i = 0; i < 3; i++)
    hr[i] = (KbCell) { rel_cols[i], rel_cols[i], 1, 1 };
  KbRow header_n = { "nodes.csv", 1, hn, 4 }, header_r = { "relations.csv", 1, hr, 3 };
  ck_assert(kb_builder_check_header(b, KB_TABLE_NODES, &header_n));
  ck_assert(kb_builder_check_header(b, KB_TABLE_RELATIONS, &header_r));
  return b;
}

/* A dataset of one network, 'club', with 'members' organisations. */
static inline KbDataset *
one_club(unsigned members)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = new_builder("big", diags);
  const char *sector[] = { "ngo", "sector", "NGO", "" };
  const char *network[] = { "club", "network", "Club", "" };
  add(b, KB_TABLE_NODES, node_cols, sector, 4, 2);
  add(b, KB_TABLE_NODES, node_cols, network, 4, 3);
  for (unsigned i = 0; i < members; i++) {
    g_autofree char *id = g_strdup_printf("org-%u", i);
    const char *org[] = { id, "organisation", id, "ngo" };
    const char *rel[] = { id, "club", "member_of" };
    add(b, KB_TABLE_NODES, node_cols, org, 4, 4 + i);
    add(b, KB_TABLE_RELATIONS, rel_cols, rel, 3, 2 + i);
  }
  KbDataset *ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  return ds;
}

#endif
