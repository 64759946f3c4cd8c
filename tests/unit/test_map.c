/* test_map.c -- what the engine hands the renderer: no two boxes of the
 * klaverblad overlap (every label sits inside its box, so no label covers
 * a node or another label), the same data gives the same text, and
 * labels are escaped for the text format and for Graphviz. */
#include "kb_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <klaverblad.h>

typedef struct {
  char *id;
  double x, y, w, h;
} Box;

static double
number_after(const char *line, const char *key)
{
  const char *p = strstr(line, key);
  ck_assert_msg(p != NULL, "no %s in %s", key, line);
  return g_ascii_strtod(p + strlen(key), NULL);
}

static GArray *
boxes_of(const char *spec)
{
  GArray *boxes = g_array_new(FALSE, FALSE, sizeof(Box));
  g_auto(GStrv) lines = g_strsplit(spec, "\n", -1);
  for (char **l = lines; *l; l++) {
    if (!g_str_has_prefix(*l, "node ") || strstr(*l, " x=") == NULL)
      continue;
    Box b = { g_strndup(*l + 5, strcspn(*l + 5, " ")), number_after(*l, " x="),
              number_after(*l, " y="), number_after(*l, " width="), number_after(*l, " height=") };
    g_array_append_val(boxes, b);
  }
  return boxes;
}

static void
check_no_overlap(const char *dataset, KbView view)
{
  g_autofree char *path = g_build_filename(KB_DATASETS, dataset, NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_FOLDER, diags, NULL);
  KbMapOptions o;
  kb_map_options_init(&o);
  o.view = view;
  g_autofree char *spec = kb_map_spec(ds, &o, NULL);
  g_autofree char *again = kb_map_spec(ds, &o, NULL);
  ck_assert_str_eq(spec, again);
  ck_assert(g_str_has_prefix(spec, "klaverblad-render 1\n"));
  ck_assert(g_str_has_suffix(spec, "end\n"));
  GArray *boxes = boxes_of(spec);
  ck_assert_uint_gt(boxes->len, 20);
  for (guint i = 0; i < boxes->len; i++)
    for (guint j = i + 1; j < boxes->len; j++) {
      const Box *a = &g_array_index(boxes, Box, i), *b = &g_array_index(boxes, Box, j);
      gboolean apart = fabs(a->x - b->x) >= (a->w + b->w) / 2 - 1e-3
                       || fabs(a->y - b->y) >= (a->h + b->h) / 2 - 1e-3;
      ck_assert_msg(apart, "%s: %s and %s overlap", dataset, a->id, b->id);
    }
  for (guint i = 0; i < boxes->len; i++)
    g_free(g_array_index(boxes, Box, i).id);
  g_array_unref(boxes);
}

START_TEST(klaverblad_boxes_do_not_overlap)
{
  check_no_overlap("deventer", KB_VIEW_KLAVERBLAD);
  check_no_overlap("zwolle", KB_VIEW_KLAVERBLAD);
  check_no_overlap("deventer", KB_VIEW_SYNERGY);
}
END_TEST

static size_t
count_lines_with(const char *spec, const char *prefix)
{
  size_t n = 0;
  for (const char *p = spec; p != NULL && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
    n += strncmp(p, prefix, strlen(prefix)) == 0;
  return n;
}

/* A map of any size summarises: 2001 generated organisations give a
 * klaverblad of a few dozen boxes at a4, each petal its most tied members
 * and "+N more", and the title counts the organisations left out: the
 * organisation boxes drawn plus those counted out make 2001. */
START_TEST(large_datasets_are_summarised)
{
  g_autoptr(KbDataset) ds = kb_test_generated(2001, 1);
  KbMapOptions mo;
  kb_map_options_init(&mo);
  static const KbView views[] = { KB_VIEW_KLAVERBLAD, KB_VIEW_SYNERGY, KB_VIEW_SECTORS };
  for (size_t i = 0; i < G_N_ELEMENTS(views); i++) {
    mo.view = views[i];
    g_autoptr(GError) err = NULL;
    g_autofree char *spec = kb_map_spec(ds, &mo, &err);
    ck_assert_msg(spec != NULL, "%s", err ? err->message : "");
    if (views[i] == KB_VIEW_SECTORS)
      continue;
    ck_assert_uint_lt(count_lines_with(spec, "node "), 200);
    size_t shown = count_lines_with(spec, "node \"org-");
    ck_assert_uint_gt(shown, 0);
    ck_assert_uint_eq(count_lines_with(spec, "node \"more:sector:"), 6);
    g_autofree char *said = g_strdup_printf("Not shown: %zu organisations", 2001 - shown);
    ck_assert_msg(strstr(spec, said) != NULL, "no '%s' in the title", said);
  }
}
END_TEST

/* The sizes and their papers, as README.md gives them. */
START_TEST(sizes_and_papers)
{
  static const struct { const char *name; double w, h; } want[] = {
    { "a4", 16, 22 }, { "a4-landscape", 24.7, 16 }, { "slide", 33.867, 19.05 },
    { "poster", 84.1, 59.4 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
    KbMapSize size;
    ck_assert(kb_map_size_parse(want[i].name, &size));
    ck_assert_str_eq(kb_map_size_name(size), want[i].name);
    double w, h;
    kb_map_size_paper(size, &w, &h);
    ck_assert_double_eq(w, want[i].w);
    ck_assert_double_eq(h, want[i].h);
  }
  KbMapSize size = KB_MAP_SIZE_SLIDE;
  ck_assert(!kb_map_size_parse("A4", &size));
  ck_assert_int_eq(size, KB_MAP_SIZE_SLIDE);
  KbMapOptions mo;
  kb_map_options_init(&mo);
  ck_assert_int_eq(mo.size, KB_MAP_SIZE_A4);
}
END_TEST

START_TEST(labels_are_escaped)
{
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "../browser/xss", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_FOLDER, diags, NULL);
  KbMapOptions o;
  kb_map_options_init(&o);
  g_autofree char *spec = kb_map_spec(ds, &o, NULL);
  /* the text format escapes quotes; the label reaches Graphviz as written */
  /* wrapped at a space to 24 characters a line */
  ck_assert(strstr(spec, "label=\"Café \\\"De Hoek\\\"\\n<b>bold</b>\"") != NULL);
  ck_assert(strstr(spec, "label=\"<script>alert(1)</script>\"") != NULL);
  ck_assert_int_eq(kb_view_parse("ego", &o.view), TRUE);
  ck_assert(!kb_view_parse("map", &o.view));
}
END_TEST

/* A backslash of the data reaches Graphviz escaped once for each time
 * Graphviz reads the attribute: labels once (a\Gb written a\\Gb), tooltips
 * twice (a\\\\Gb, see escape_passes() in map.c); then each backslash is
 * doubled again for the text format. So every text shows as it is,
 * verified in an SVG by tests/adversarial/injection.sh. */
START_TEST(backslashes_reach_graphviz_escaped)
{
  g_autofree char *dir = g_dir_make_tmp("kb-map-XXXXXX", NULL);
  g_autofree char *nodes = g_build_filename(dir, "nodes.csv", NULL);
  g_autofree char *rels = g_build_filename(dir, "relations.csv", NULL);
  g_autofree char *meta = g_build_filename(dir, "dataset.csv", NULL);
  ck_assert(g_file_set_contents(nodes, "id,kind,label,sector,description\n"
                                       "s,sector,S,,\n"
                                       "a,organisation,a\\Gb,s,d\\N\n"
                                       "y,organisation,Y\\n,s,\n", -1, NULL));
  ck_assert(g_file_set_contents(rels, "from,to,kind\na,y,partner_of\n", -1, NULL));
  ck_assert(g_file_set_contents(meta, "key,value\ntitle,T\\L\n", -1, NULL));
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(dir, KB_FORMAT_FOLDER, diags, NULL);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  KbMapOptions o;
  kb_map_options_init(&o);
  g_autofree char *spec = kb_map_spec(ds, &o, NULL);
  ck_assert(strstr(spec, "graph layout=\"neato\" paper=\"6.2992,8.6614\" "
                          "label=\"T\\\\\\\\L\\nthe klaverblad\"") != NULL);
  ck_assert(strstr(spec, " label=\"a\\\\\\\\Gb\" ") != NULL);
  ck_assert(strstr(spec, " tooltip=\"d\\\\\\\\\\\\\\\\N\"") != NULL);
  ck_assert(strstr(spec, " label=\"Y\\\\\\\\n\" ") != NULL);
  ck_assert(strstr(spec, " tooltip=\"Y\\\\\\\\\\\\\\\\n\"") != NULL);
  ck_assert(strstr(spec, "edge \"a\" \"y\"") != NULL);
  ck_assert(strstr(spec, " tooltip=\"a\\\\\\\\\\\\\\\\Gb partner_of Y\\\\\\\\\\\\\\\\n\"") != NULL);
  g_remove(nodes);
  g_remove(rels);
  g_remove(meta);
  g_rmdir(dir);
}
END_TEST

START_TEST(colours_stay_per_sector)
{
  g_autofree char *path = g_build_filename(KB_DATASETS, "deventer", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_FOLDER, diags, NULL);
  /* Okabe and Ito: government blue, education bluish green, NGOs vermillion */
  ck_assert_str_eq(kb_map_sector_colour(ds, kb_dataset_find(ds, "government")), "#0072B2");
  ck_assert_str_eq(kb_map_sector_colour(ds, kb_dataset_find(ds, "education")), "#009E73");
  ck_assert_str_eq(kb_map_sector_colour(ds, kb_dataset_find(ds, "ngo")), "#D55E00");
  ck_assert_str_eq(kb_map_sector_colour(ds, KB_NO_NODE), "#999999");
}
END_TEST

START_TEST(colours_follow_a_sectors_role_whatever_its_id)
{
  /* Dutch ids: onderwijs by its id, ondernemers and gemeentelijk by their
   * role column, horeca by neither: the first spare colour */
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "check-sector-roles/data", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_FOLDER, diags, NULL);
  ck_assert_str_eq(kb_map_sector_colour(ds, kb_dataset_find(ds, "onderwijs")), "#009E73");
  ck_assert_str_eq(kb_map_sector_colour(ds, kb_dataset_find(ds, "ondernemers")), "#E69F00");
  ck_assert_str_eq(kb_map_sector_colour(ds, kb_dataset_find(ds, "gemeentelijk")), "#0072B2");
  ck_assert_str_eq(kb_map_sector_colour(ds, kb_dataset_find(ds, "horeca")), "#F0E442");
}
END_TEST

static Suite *
map_suite(void)
{
  Suite *s = suite_create("map");
  TCase *tc = tcase_create("map");
  tcase_add_test(tc, klaverblad_boxes_do_not_overlap);
  tcase_add_test(tc, labels_are_escaped);
  tcase_add_test(tc, backslashes_reach_graphviz_escaped);
  tcase_add_test(tc, large_datasets_are_summarised);
  tcase_add_test(tc, sizes_and_papers);
  tcase_add_test(tc, colours_stay_per_sector);
  tcase_add_test(tc, colours_follow_a_sectors_role_whatever_its_id);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(map_suite)
