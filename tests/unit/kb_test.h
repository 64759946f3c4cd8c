/* kb_test.h -- what the unit test programs share. */
#ifndef KB_TEST_H
#define KB_TEST_H

#include <check.h>
#include <glib/gstdio.h>
#include <klaverblad.h>

/* Generated data of 'orgs' organisations from 'seed', loaded; the folder
 * it was written to is removed again. */
static inline KbDataset *
kb_test_generated(size_t orgs, guint32 seed)
{
  g_autofree char *dir = g_dir_make_tmp("kb-generated-XXXXXX", NULL);
  ck_assert(dir != NULL);
  ck_assert(kb_generate(orgs, seed, dir, NULL, NULL, NULL));
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbDataset *ds = kb_dataset_load(dir, KB_FORMAT_AUTO, diags, NULL);
  ck_assert_ptr_nonnull(ds);
  static const char *const files[] = { "nodes.csv", "relations.csv", "dataset.csv" };
  for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
    g_autofree char *f = g_build_filename(dir, files[i], NULL);
    g_remove(f);
  }
  g_rmdir(dir);
  return ds;
}

/* Adds n_rows rows of a table to a builder, each of n_cols texts (at most
 * 8) in 'rows', row by row, under the column names 'names': row i as line
 * i + 2 of 'file', below a header line. */
static inline void
kb_test_add_rows(KbBuilder *b, KbTable table, const char *file, const char *const *names,
                 size_t n_cols, const char *const *rows, size_t n_rows)
{
  KbCell cells[8];
  g_assert(n_cols <= G_N_ELEMENTS(cells));
  for (size_t i = 0; i < n_rows; i++) {
    for (size_t c = 0; c < n_cols; c++)
      cells[c] = (KbCell) { names[c], rows[i * n_cols + c], (unsigned) i + 2, (unsigned) c + 1 };
    KbRow row = { file, (unsigned) i + 2, cells, n_cols };
    kb_builder_add_row(b, table, &row);
  }
}

/* main() of a test program: runs the suite that 'make_suite' returns, in
 * forked children, and exits non-zero when any test failed. */
#define KB_TEST_MAIN(make_suite)                     \
  int main(void)                                     \
  {                                                  \
    SRunner *sr = srunner_create(make_suite());      \
    srunner_run_all(sr, CK_NORMAL);                  \
    int failed = srunner_ntests_failed(sr);          \
    srunner_free(sr);                                \
    return failed == 0 ? 0 : 1;                      \
  }

#endif
