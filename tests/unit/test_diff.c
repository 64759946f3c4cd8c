/* test_diff.c -- the diff between two years, on tests/cli/check-ok worked
 * out by hand, and the note of its tables on estimated betweenness. */
#include "kb_test.h"
#include "kb_analysis_test.h"

#include <string.h>

#include "analysis/analysis_internal.h"

/* ----------------------------------------------------------------- diff */

START_TEST(diff_between_years)
{
  /* check-ok: the twinning 2009-2020, Saxion in Sibiu from 2015, MKB
   * Deventer in Sibiu and the partnership from 2019 */
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "check-ok/data", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  g_autoptr(KbDiff) d = kb_diff_compute(ds, 2014, 2021, NULL);
  ck_assert_uint_eq(d->n_begun, 3);
  ck_assert_int_eq(kb_dataset_relation(ds, d->begun[0])->since, 2015);
  ck_assert_int_eq(kb_dataset_relation(ds, d->begun[1])->since, 2019);
  ck_assert_uint_eq(d->n_ended, 1);
  ck_assert_int_eq(kb_dataset_relation(ds, d->ended[0])->kind, KB_REL_TWINNED_WITH);
  /* Sibiu, Transylvania and Romania gain organisations */
  ck_assert_uint_eq(d->n_places_gained, 3);
  ck_assert_str_eq(kb_dataset_node(ds, d->places_gained[0])->id, "romania");
  ck_assert_uint_eq(d->n_places_lost, 0);
  /* its tables say when betweenness was estimated, and only then */
  for (int sampled = 0; sampled < 2; sampled++) {
    d->brokers_to->sampled = sampled;
    d->brokers_to->sources = sampled ? 2 : d->brokers_to->n;
    d->brokers_to->bound = sampled ? 0.25 : 0;
    g_autoptr(KbDoc) doc = kb_doc_new("diff");
    kb_tables_diff(doc, ds, d, 5, KB_LANG_EN);
    g_autofree char *md = kb_doc_render(doc, KB_OUTPUT_JSON);
    g_autofree char *want = g_strdup_printf(
      "2014: Betweenness is exact: every organisation is a source. 2021: Betweenness is "
      "estimated from 2 of the %zu organisations as sources, drawn from a fixed seed: with "
      "probability 0.95 every value lies within 0.25 of the exact one. Closeness is left out: "
      "it needs every organisation as a source.", d->brokers_to->n);
    ck_assert_msg((strstr(md, want) != NULL) == sampled, "%s", md);
    ck_assert_msg((strstr(md, "Betweenness is") != NULL) == sampled, "%s", md);
  }
  /* no change between two years after the last one */
  g_autoptr(KbDiff) same = kb_diff_compute(ds, 2022, 2023, NULL);
  ck_assert_uint_eq(same->n_begun + same->n_ended + same->n_places_gained + same->n_places_lost
                    + same->n_themes_gained + same->n_themes_lost, 0);
}
END_TEST

static Suite *
diff_suite(void)
{
  Suite *s = suite_create("diff");
  TCase *tc = tcase_create("diff");
  tcase_add_test(tc, diff_between_years);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(diff_suite)
