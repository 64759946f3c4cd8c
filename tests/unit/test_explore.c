/* test_explore.c -- the data the explorer page embeds: which nodes it
 * draws, what each year's view makes of each relation (checked against
 * kb_dataset_view(), the rule --as-of applies), and escaping that keeps
 * every text inside its <script> element. The layout needs klaverblad-render
 * (KB_RENDERER, the one built with the tests). */
#include <string.h>

#include "base/escape.h"
#include "explore/explore_internal.h"
#include "kb_test.h"

/* A small dataset, its expected values worked out by hand below. */
static KbDataset *
small_dataset(void)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("small", diags);
  static const char *const node_names[] = { "id", "kind", "label", "sector" };
  static const char *const nodes[][4] = {
    { "education", "sector", "Education", "" },
    { "saxion", "organisation", "</script><!-- \"Saxion\"", "education" },
    { "deventer", "city", "Deventer", "" },
    { "sibiu", "city", "Sibiu", "" },
    { "romania", "country", "Romania", "" },
    { "cluj", "city", "Cluj", "" },          /* in Romania, nobody there: not drawn */
    { "water", "theme", "Water", "" },       /* a theme: a filter, not drawn */
    { "hanze", "network", "Hanze", "" },
  };
  kb_test_add_rows(b, KB_TABLE_NODES, "nodes.csv", node_names, 4, &nodes[0][0],
                   G_N_ELEMENTS(nodes));
  static const char *const rel_names[] = { "from", "to", "kind", "since", "until", "status" };
  static const char *const rels[][6] = {
    { "sibiu", "romania", "located_in", "", "", "" },
    { "cluj", "romania", "located_in", "", "", "" },
    { "saxion", "deventer", "located_in", "", "", "" },
    { "saxion", "sibiu", "active_in", "2015", "2016", "" },
    { "saxion", "water", "works_on", "[..2016]", "", "" },
    { "saxion", "hanze", "member_of", "", "", "" },
    { "deventer", "sibiu", "twinned_with", "2014~", "", "planned" },
  };
  kb_test_add_rows(b, KB_TABLE_RELATIONS, "relations.csv", rel_names, 6, &rels[0][0],
                   G_N_ELEMENTS(rels));
  static const char *const meta_names[] = { "key", "value" };
  static const char *const meta[][2] = { { "home", "deventer" }, { "year", "2016" } };
  kb_test_add_rows(b, KB_TABLE_META, "dataset.csv", meta_names, 2, &meta[0][0],
                   G_N_ELEMENTS(meta));
  KbDataset *ds = kb_builder_finish(b);
  ck_assert_int_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  return ds;
}

static KbExploreOptions
options(const KbDataset *ds)
{
  KbExploreOptions eo;
  kb_explore_options_init(&eo, ds);
  eo.renderer = KB_RENDERER;
  return eo;
}

START_TEST(test_json_string)
{
  /* by hand: JSON's escapes, and <, >, &, U+2028, U+2029 as \uXXXX */
  g_autoptr(GString) out = g_string_new(NULL);
  kb_i_json_append_string_as(out, "</script><!--\"q\"\\\n\t\x01&\xe2\x80\xa8\xe2\x80\xa9\xc3\xa9",
                             TRUE);
  /* and outside HTML, those as they are */
  g_autoptr(GString) plain = g_string_new(NULL);
  kb_i_json_append_string_as(plain, "<a>&\xe2\x80\xa8", FALSE);
  ck_assert_str_eq(plain->str, "\"<a>&\xe2\x80\xa8\"");
  ck_assert_str_eq(out->str, "\"\\u003c/script\\u003e\\u003c!--\\\"q\\\"\\\\\\n\\t\\u0001"
                             "\\u0026\\u2028\\u2029\xc3\xa9\"");
}
END_TEST

START_TEST(test_drawn)
{
  g_autoptr(KbDataset) ds = small_dataset();
  KbExploreLayout layout = { 0 };
  kb_i_explore_drawn(ds, &layout);
  /* organisations and networks; Deventer (home, and saxion is there),
   * Sibiu (saxion is active there) and Romania (encloses Sibiu); not the
   * sector, the theme, nor Cluj, where nobody is */
  const char *drawn[] = { "saxion", "deventer", "sibiu", "romania", "hanze" };
  ck_assert_uint_eq(layout.n_drawn, G_N_ELEMENTS(drawn));
  for (size_t i = 0; i < G_N_ELEMENTS(drawn); i++)
    ck_assert(layout.drawn[kb_dataset_find(ds, drawn[i])]);
  kb_i_explore_layout_release(&layout);
}
END_TEST

/* The "held" strings of the relations, in order. */
static GPtrArray *
held_strings(const char *json)
{
  GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GRegex) re = g_regex_new("\"held\":\"([ynup]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  g_regex_match(re, json, 0, &m);
  for (; g_match_info_matches(m); g_match_info_next(m, NULL))
    g_ptr_array_add(out, g_match_info_fetch(m, 1));
  return out;
}

START_TEST(test_held_small)
{
  g_autoptr(KbDataset) ds = small_dataset();
  KbExploreOptions eo = options(ds);
  g_autofree char *json = kb_explore_data(ds, &eo, NULL);
  ck_assert_ptr_nonnull(json);
  /* the years: 2014 (the plan's 2014~) to 2016 (the data's year, until),
   * then every year; by hand from kb_relation_holds()'s rules */
  ck_assert(strstr(json, "\"first_year\":2014,\"last_year\":2016") != NULL);
  g_autoptr(GPtrArray) held = held_strings(json);
  ck_assert_uint_eq(held->len, 7);
  const char *expected[] = {
    "yyyy",   /* geography holds from the start */
    "yyyy",
    "yyyy",
    "nyyy",   /* 2015 to 2016 */
    "uuyy",   /* by 2016: unknown before */
    "uuyy",   /* undated: known to hold by the data's year, unknown before */
    "pppp",   /* planned, no until: kept with planned relations only */
  };
  for (size_t i = 0; i < G_N_ELEMENTS(expected); i++)
    ck_assert_str_eq(g_ptr_array_index(held, i), expected[i]);
  /* synergy and places are there; the positions of the five drawn nodes */
  ck_assert(strstr(json, "\"synergy\":{") != NULL);
  ck_assert(strstr(json, "\"open\":{\"year\":2016,\"planned\":false,\"unsure\":false}") != NULL);
  ck_assert(strchr(json, '<') == NULL);
}
END_TEST

/* For every year of Deventer and every view: the relations the held codes
 * keep are those kb_dataset_view() keeps, matched by their line in
 * relations.csv. */
static char *
origin_key(const KbRelation *rel)
{
  g_autofree char *base = g_path_get_basename(rel->origin.file);
  return g_strdup_printf("%s:%u", base, rel->origin.line);
}

START_TEST(test_held_deventer)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(KB_DATASETS "/deventer", KB_FORMAT_AUTO, diags,
                                            NULL);
  ck_assert_ptr_nonnull(ds);
  KbExploreOptions eo = options(ds);
  g_autofree char *json = kb_explore_data(ds, &eo, NULL);
  ck_assert_ptr_nonnull(json);
  g_autoptr(GPtrArray) held = held_strings(json);
  ck_assert_uint_eq(held->len, kb_dataset_relation_count(ds));
  const char *f = strstr(json, "\"first_year\":");
  ck_assert_ptr_nonnull(f);
  int first = atoi(f + strlen("\"first_year\":"));
  int n_years = (int) strlen(g_ptr_array_index(held, 0)) - 1;
  size_t compared = 0;
  for (int k = 0; k <= n_years; k++) {
    int year = k < n_years ? first + k : KB_NO_YEAR;
    for (int mode = 0; mode < 4; mode++) {
      KbYearView view = { .year = year, .with_planned = (mode & 1) != 0,
                          .with_unsure = (mode & 2) != 0 };
      g_autoptr(KbDataset) v = kb_dataset_view(ds, &view, NULL);
      g_autoptr(GHashTable) kept = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
      for (size_t r = 0; r < kb_dataset_relation_count(v); r++)
        g_hash_table_add(kept, origin_key(kb_dataset_relation(v, r)));
      for (size_t r = 0; r < kb_dataset_relation_count(ds); r++) {
        char c = ((const char *) g_ptr_array_index(held, r))[k];
        gboolean page = c == 'y' || (c == 'p' && view.with_planned)
                        || (c == 'u' && view.with_unsure);
        g_autofree char *key = origin_key(kb_dataset_relation(ds, r));
        gboolean cli = g_hash_table_contains(kept, key);
        ck_assert_msg(page == cli, "relation at line %u, year %d, mode %d: page %d, view %d",
                      kb_dataset_relation(ds, r)->origin.line, year, mode, page, cli);
        compared++;
      }
    }
  }
  ck_assert_uint_gt(compared, 30 * 4 * 200);
}
END_TEST

START_TEST(test_page_escapes)
{
  g_autoptr(KbDataset) ds = small_dataset();
  KbExploreOptions eo = options(ds);
  g_autofree char *page = kb_explore_page(ds, &eo, NULL);
  ck_assert_ptr_nonnull(page);
  /* the label "</script><!-- ..." ends nothing and opens no comment: the
   * page's own two script elements end, and no more */
  size_t ends = 0;
  for (const char *p = page; (p = strstr(p, "</script>")) != NULL; p++)
    ends++;
  ck_assert_uint_eq(ends, 2);
  ck_assert(strstr(page, "<!--") == NULL);
  ck_assert(strstr(page, "\\u003c/script\\u003e\\u003c!-- \\\"Saxion\\\"") != NULL);
  ck_assert(g_str_has_prefix(page, "<!DOCTYPE html>\n<html lang=\"en\">"));
}
END_TEST

START_TEST(test_no_renderer)
{
  g_autoptr(KbDataset) ds = small_dataset();
  KbExploreOptions eo;
  kb_explore_options_init(&eo, ds);
  g_autoptr(GError) err = NULL;
  ck_assert_ptr_null(kb_explore_page(ds, &eo, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
}
END_TEST

static Suite *
explore_suite(void)
{
  Suite *s = suite_create("explore");
  TCase *tc = tcase_create("explore");
  tcase_add_test(tc, test_json_string);
  tcase_add_test(tc, test_drawn);
  tcase_add_test(tc, test_held_small);
  tcase_add_test(tc, test_held_deventer);
  tcase_add_test(tc, test_page_escapes);
  tcase_add_test(tc, test_no_renderer);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(explore_suite)
