/* test_load.c -- the three formats load the same data the same way, and
 * JSON problems are placed at their line and column. */
#include "kb_test.h"
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <klaverblad.h>

static KbDataset *
load(const char *rel, KbFormat format, KbDiagList *diags)
{
  g_autofree char *path = g_build_filename(KB_CLI_CASES, rel, NULL);
  g_autoptr(GError) err = NULL;
  KbDataset *ds = kb_dataset_load(path, format, diags, &err);
  ck_assert_msg(ds != NULL, "%s", err ? err->message : "");
  return ds;
}

static void
assert_same_string(const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    ck_assert_ptr_eq(a, b);
  else
    ck_assert_str_eq(a, b);
}

/* Every node and relation field equal, but the file names; the facts and
 * questions too. */
static void
assert_same_dataset(const KbDataset *a, const KbDataset *b)
{
  assert_same_string(kb_dataset_title(a), kb_dataset_title(b));
  ck_assert_uint_eq(kb_dataset_home(a), kb_dataset_home(b));
  ck_assert_uint_eq(kb_dataset_hub(a), kb_dataset_hub(b));
  ck_assert_int_eq(kb_dataset_policy_start(a), kb_dataset_policy_start(b));
  assert_same_string(kb_dataset_language(a), kb_dataset_language(b));
  const size_t *ta, *tb;
  ck_assert_uint_eq(kb_dataset_themes(a, &ta), kb_dataset_themes(b, &tb));
  for (size_t i = 0; i < kb_dataset_themes(a, &ta); i++)
    ck_assert_uint_eq(ta[i], tb[i]);
  ck_assert_uint_eq(kb_dataset_question_count(a), kb_dataset_question_count(b));
  for (size_t i = 0; i < kb_dataset_question_count(a); i++) {
    const KbQuestion *x = kb_dataset_question(a, i), *y = kb_dataset_question(b, i);
    ck_assert_str_eq(x->id, y->id);
    ck_assert_int_eq(x->kind, y->kind);
    ck_assert_str_eq(x->text, y->text);
    ck_assert_uint_eq(x->from, y->from);
    ck_assert_uint_eq(x->to, y->to);
    assert_same_string(x->source, y->source);
  }
  ck_assert_uint_eq(kb_dataset_node_count(a), kb_dataset_node_count(b));
  ck_assert_uint_eq(kb_dataset_relation_count(a), kb_dataset_relation_count(b));
  for (size_t i = 0; i < kb_dataset_node_count(a); i++) {
    const KbNode *x = kb_dataset_node(a, i), *y = kb_dataset_node(b, i);
    ck_assert_str_eq(x->id, y->id);
    ck_assert_int_eq(x->kind, y->kind);
    ck_assert_str_eq(x->label, y->label);
    assert_same_string(x->description, y->description);
    assert_same_string(x->website, y->website);
    assert_same_string(x->source, y->source);
    ck_assert_uint_eq(x->sector, y->sector);
    ck_assert_uint_eq(g_strv_length(x->tags), g_strv_length(y->tags));
    for (size_t t = 0; x->tags[t]; t++)
      ck_assert_str_eq(x->tags[t], y->tags[t]);
  }
  for (size_t i = 0; i < kb_dataset_relation_count(a); i++) {
    const KbRelation *x = kb_dataset_relation(a, i), *y = kb_dataset_relation(b, i);
    ck_assert_uint_eq(x->from, y->from);
    ck_assert_uint_eq(x->to, y->to);
    ck_assert_int_eq(x->kind, y->kind);
    ck_assert_int_eq(x->since, y->since);
    ck_assert_int_eq(x->until, y->until);
    ck_assert(x->weight == y->weight);
    assert_same_string(x->label, y->label);
    assert_same_string(x->source, y->source);
    assert_same_string(x->note, y->note);
  }
}

/* Asserts that the one diagnostic in 'diags' is the warning that the
 * dataset names no home city (check-ok and its twins have no dataset.csv). */
static void
assert_only_no_home(KbDiagList *diags)
{
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  const KbDiag *d = kb_diag_list_get(diags, 0);
  ck_assert_int_eq(d->severity, KB_SEVERITY_WARNING);
  ck_assert_str_eq(d->field, "home");
}

START_TEST(excel_dutch_csv_loads_like_its_plain_twin)
{
  g_autoptr(KbDiagList) d1 = kb_diag_list_new(0);
  g_autoptr(KbDiagList) d2 = kb_diag_list_new(0);
  g_autoptr(KbDataset) plain = load("check-ok/data", KB_FORMAT_AUTO, d1);
  g_autoptr(KbDataset) excel = load("check-bom-semicolon-crlf/data", KB_FORMAT_AUTO, d2);
  assert_only_no_home(d1);
  assert_only_no_home(d2);
  assert_same_dataset(plain, excel);
  /* the values that quoting protects came through */
  const KbNode *mkb = kb_dataset_node(excel, kb_dataset_find(excel, "mkb-deventer"));
  ck_assert_str_eq(mkb->label, "MKB Deventer, afdeling \"Internationaal\"");
  ck_assert_str_eq(kb_node_attr(mkb, "contact"), "Jan");
  ck_assert_str_eq(kb_dataset_relation(excel, 1)->note,
                   "joined the municipality\nand Saxion in Sibiu");
  ck_assert(kb_dataset_relation(excel, 1)->weight == 0.5);
  ck_assert_str_eq(kb_dataset_node(excel, kb_dataset_find(excel, "romania"))->label, "Roemenië");
}
END_TEST

START_TEST(json_loads_like_csv)
{
  g_autoptr(KbDiagList) d1 = kb_diag_list_new(0);
  g_autoptr(KbDiagList) d2 = kb_diag_list_new(0);
  g_autoptr(KbDataset) csv = load("check-ok/data", KB_FORMAT_AUTO, d1);
  g_autoptr(KbDataset) json = load("check-json/data.json", KB_FORMAT_AUTO, d2);
  assert_only_no_home(d2);
  assert_same_dataset(csv, json);
  const KbNode *mkb = kb_dataset_node(json, kb_dataset_find(json, "mkb-deventer"));
  ck_assert_str_eq(kb_node_attr(mkb, "contact"), "Jan");
}
END_TEST

/* check-json-node-link/data.json is the node-link export of
 * export-facts-json/data: read back, it is that folder again. */
START_TEST(node_link_json_loads_like_the_folder_it_came_from)
{
  g_autoptr(KbDiagList) d1 = kb_diag_list_new(0);
  g_autoptr(KbDiagList) d2 = kb_diag_list_new(0);
  g_autoptr(KbDataset) csv = load("export-facts-json/data", KB_FORMAT_AUTO, d1);
  g_autoptr(KbDataset) json = load("check-json-node-link/data.json", KB_FORMAT_AUTO, d2);
  ck_assert_uint_eq(kb_diag_list_length(d1), 0);
  ck_assert_uint_eq(kb_diag_list_length(d2), 0);
  assert_same_dataset(csv, json);
  ck_assert_str_eq(kb_dataset_title(json), "Deventer, \"klein\": a test of the facts");
  ck_assert_uint_eq(kb_dataset_question_count(json), 2);
  ck_assert_str_eq(kb_dataset_question(json, 1)->text, "Who should meet\naround Sibiu?");
  const KbNode *mkb = kb_dataset_node(json, kb_dataset_find(json, "mkb-deventer"));
  ck_assert_str_eq(kb_node_attr(mkb, "contact"), "Jan");
}
END_TEST

/* Node-link JSON as NetworkX writes it: "edges" (or "links") with source,
 * target and key; the graph's name is the title; a number reads back as the
 * shortest text for it. */
START_TEST(node_link_json_as_networkx_writes_it)
{
  static const char doc[] =
    "{\"directed\": false, \"multigraph\": true,\n"
    " \"graph\": {\"name\": \"Kite\", \"layout\": {\"x\": 1}},\n"
    " \"nodes\": [{\"id\": \"a\", \"kind\": \"organisation\", \"score\": 0.1},\n"
    "            {\"id\": 7, \"kind\": \"organisation\"}],\n"
    " \"edges\": [{\"source\": \"a\", \"target\": 7, \"key\": 0, \"kind\": \"partner_of\",\n"
    "            \"weight\": 0.3, \"provenance\": \"p\"}]}\n";
  g_autofree char *dir = g_dir_make_tmp("kb-node-link-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "g.json", NULL);
  ck_assert(g_file_set_contents(path, doc, -1, NULL));
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  /* two warnings: the graph attribute that is an object (line 2, column
   * 38), no sector node (at a's id, line 3, column 19; both counted with
   * Python's str.index) */
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  ck_assert_uint_eq(kb_diag_list_length(diags), 2);
  g_autofree char *w0 = kb_diag_format(kb_diag_list_get(diags, 0));
  ck_assert_msg(g_str_has_suffix(w0, "g.json:2:38: warning: layout: graph attribute 'layout' is "
                                     "an object; only text, numbers and booleans are facts of "
                                     "a dataset; it is ignored"), "%s", w0);
  ck_assert_str_eq(kb_diag_list_get(diags, 1)->field, "sector");
  ck_assert_uint_eq(kb_diag_list_get(diags, 1)->line, 3);
  ck_assert_uint_eq(kb_diag_list_get(diags, 1)->column, 19);
  ck_assert_str_eq(kb_dataset_title(ds), "Kite");
  ck_assert_str_eq(kb_node_attr(kb_dataset_node(ds, 0), "score"), "0.1");
  ck_assert_str_eq(kb_dataset_node(ds, 1)->id, "7");
  const KbRelation *r = kb_dataset_relation(ds, 0);
  ck_assert_uint_eq(r->from, 0);
  ck_assert_uint_eq(r->to, 1);
  ck_assert(r->weight == 0.3);
  ck_assert_str_eq(r->source, "p");
  ck_assert_uint_eq(r->n_attrs, 0);
  g_unlink(path);
  g_rmdir(dir);
}
END_TEST

START_TEST(formats_are_detected)
{
  KbFormat f;
  g_autofree char *dir = g_build_filename(KB_CLI_CASES, "check-ok/data", NULL);
  g_autofree char *json = g_build_filename(KB_CLI_CASES, "check-json/data.json", NULL);
  g_autofree char *edges = g_build_filename(KB_CLI_CASES, "check-edgelist/edges.csv", NULL);
  ck_assert(kb_format_detect(dir, &f, NULL));
  ck_assert_int_eq(f, KB_FORMAT_FOLDER);
  ck_assert(kb_format_detect(json, &f, NULL));
  ck_assert_int_eq(f, KB_FORMAT_JSON);
  ck_assert(kb_format_detect(edges, &f, NULL));
  ck_assert_int_eq(f, KB_FORMAT_EDGELIST);
  g_autoptr(GError) err = NULL;
  ck_assert(!kb_format_detect("/nonexistent/x", &f, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_IO));
}
END_TEST

START_TEST(edge_lists_make_organisations_and_partnerships)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = load("check-edgelist/edges.csv", KB_FORMAT_AUTO, diags);
  /* one warning: no sector node, at Saxion's id, line 2 column 1 */
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  const KbDiag *d = kb_diag_list_get(diags, 0);
  ck_assert_int_eq(d->severity, KB_SEVERITY_WARNING);
  ck_assert_str_eq(d->field, "sector");
  ck_assert_uint_eq(d->line, 2);
  ck_assert_uint_eq(d->column, 1);
  /* Saxion, Gemeente Deventer, Zone College, Humanitas, Platform Deventer-Oeganda */
  ck_assert_uint_eq(kb_dataset_node_count(ds), 5);
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 4);
  for (size_t i = 0; i < 5; i++) {
    ck_assert_int_eq(kb_dataset_node(ds, i)->kind, KB_NODE_ORGANISATION);
    ck_assert_uint_eq(kb_dataset_node(ds, i)->sector, KB_NO_NODE);
  }
  ck_assert_str_eq(kb_dataset_node(ds, 2)->id, "Zone College");
  ck_assert(kb_dataset_relation(ds, 0)->weight == 2.0);
  ck_assert(kb_dataset_relation(ds, 1)->weight == 1.0);
  ck_assert(kb_dataset_relation(ds, 2)->weight == 1.5);
  ck_assert_int_eq(kb_dataset_relation(ds, 3)->kind, KB_REL_PARTNER_OF);
}
END_TEST

START_TEST(json_syntax_errors_have_a_position)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = load("check-json-malformed/data.json", KB_FORMAT_AUTO, diags);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 1);
  const KbDiag *d = kb_diag_list_get(diags, 0);
  /* the missing comma: "sector" starts at line 3, column 45 */
  ck_assert_uint_eq(d->line, 3);
  ck_assert_uint_eq(d->column, 45);
}
END_TEST

START_TEST(an_unreadable_path_fails_the_call)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(GError) err = NULL;
  g_autoptr(KbDataset) ds = kb_dataset_load("/nonexistent/x", KB_FORMAT_AUTO, diags, &err);
  ck_assert_ptr_null(ds);
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_IO));
  ck_assert_str_eq(err->message, "cannot read '/nonexistent/x': No such file or directory");
}
END_TEST

/* The memory an input needs is checked before it is read: a folder takes 10
 * bytes of memory for each byte of its files (check-ok: 596 + 534 bytes).
 * KLAVERBLAD_MEMORY_AVAILABLE stands in for the memory the machine has. */
START_TEST(an_input_larger_than_memory_fails_the_call)
{
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "check-ok", "data", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(GError) err = NULL;
  g_setenv("KLAVERBLAD_MEMORY_AVAILABLE", "11300", TRUE);
  g_autoptr(KbDataset) fits = kb_dataset_load(path, KB_FORMAT_AUTO, diags, &err);
  ck_assert_ptr_nonnull(fits);
  g_setenv("KLAVERBLAD_MEMORY_AVAILABLE", "11299", TRUE);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, &err);
  g_unsetenv("KLAVERBLAD_MEMORY_AVAILABLE");
  ck_assert_ptr_null(ds);
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_MEMORY));
  g_autofree char *want = g_strdup_printf(
    "'%s' is too large for the memory available: loading its 1.1 kB of folder data needs "
    "about 11.3 kB (11300 bytes), 10 bytes for each byte, and 11.3 kB (11299 bytes) is available; "
    "expected an input that fits in memory (free some, or split the data)", path);
  ck_assert_str_eq(err->message, want);
}
END_TEST

/* Kumu's two files: 9 bytes for each byte. */
START_TEST(kumu_files_larger_than_memory_fail_the_call)
{
  g_autofree char *dir = g_build_filename(KB_CLI_CASES, "import-kumu-unmapped", "kumu", NULL);
  g_autofree char *e = g_build_filename(dir, "elements.csv", NULL);
  g_autofree char *c = g_build_filename(dir, "connections.csv", NULL);
  GStatBuf se, sc;
  ck_assert_int_eq(g_stat(e, &se), 0);
  ck_assert_int_eq(g_stat(c, &sc), 0);
  g_autofree char *need = g_strdup_printf("%" G_GUINT64_FORMAT,
                                          (guint64) (se.st_size + sc.st_size) * 9 - 1);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(GError) err = NULL;
  g_setenv("KLAVERBLAD_MEMORY_AVAILABLE", need, TRUE);
  g_autoptr(KbDataset) ds = kb_dataset_load_kumu(e, c, NULL, NULL, diags, &err);
  g_unsetenv("KLAVERBLAD_MEMORY_AVAILABLE");
  ck_assert_ptr_null(ds);
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_MEMORY));
  ck_assert_msg(strstr(err->message, "of kumu data needs") != NULL, "%s", err->message);
}
END_TEST

/* Mutates a valid input many times over (flipping, inserting and deleting
 * bytes, with quotes, separators, line ends, braces and invalid UTF-8 among
 * them) and loads each result. Under the sanitizers any memory error fails
 * the test; every load must end with a dataset. The seed is fixed, so a
 * failure repeats. */
static void
mutate_and_load(const char *source_rel, const char *name, KbFormat format, guint32 seed)
{
  g_autofree char *src = g_build_filename(KB_CLI_CASES, source_rel, NULL);
  g_autofree char *orig = NULL;
  gsize orig_len = 0;
  ck_assert(g_file_get_contents(src, &orig, &orig_len, NULL));
  g_autofree char *dir = g_dir_make_tmp("kb-mutate-XXXXXX", NULL);
  ck_assert_ptr_nonnull(dir);
  g_autofree char *path = g_build_filename(dir, name, NULL);
  /* a folder gets the other table unmutated */
  g_autofree char *other = g_build_filename(dir, "relations.csv", NULL);
  if (format == KB_FORMAT_FOLDER) {
    g_autofree char *rel_src = g_build_filename(KB_CLI_CASES, "check-ok/data/relations.csv", NULL);
    g_autofree char *rel = NULL;
    gsize rel_len = 0;
    ck_assert(g_file_get_contents(rel_src, &rel, &rel_len, NULL));
    ck_assert(g_file_set_contents(other, rel, (gssize) rel_len, NULL));
  }
  static const char alphabet[] = "\",;\n\r{}[]:\\ 0a\xc3\xa9\xff\xfe\x00";
  GRand *rng = g_rand_new_with_seed(seed);
  for (int round = 0; round < 400; round++) {
    GString *buf = g_string_new_len(orig, (gssize) orig_len);
    int edits = g_rand_int_range(rng, 1, 8);
    for (int e = 0; e < edits; e++) {
      gsize at = buf->len ? (gsize) g_rand_int_range(rng, 0, (gint32) buf->len) : 0;
      char c = alphabet[g_rand_int_range(rng, 0, sizeof alphabet - 1)];
      switch (g_rand_int_range(rng, 0, 3)) {
      case 0: if (buf->len) buf->str[at] = c; break;
      case 1: g_string_insert_c(buf, (gssize) at, c); break;
      default: if (buf->len) g_string_erase(buf, (gssize) at, 1); break;
      }
    }
    ck_assert(g_file_set_contents(path, buf->str, (gssize) buf->len, NULL));
    g_string_free(buf, TRUE);
    g_autoptr(KbDiagList) diags = kb_diag_list_new(50);
    g_autoptr(KbDataset) ds =
      kb_dataset_load(format == KB_FORMAT_FOLDER ? dir : path, format, diags, NULL);
    ck_assert_ptr_nonnull(ds);
    for (size_t i = 0; i < kb_diag_list_length(diags); i++) {
      g_autofree char *line = kb_diag_format(kb_diag_list_get(diags, i));
      ck_assert(g_utf8_validate(line, -1, NULL));   /* messages stay printable */
    }
  }
  g_rand_free(rng);
  g_unlink(path);
  g_unlink(other);
  g_rmdir(dir);
}

START_TEST(mutated_inputs_never_crash)
{
  mutate_and_load("check-json/data.json", "data.json", KB_FORMAT_JSON, 1);
  mutate_and_load("check-json-node-link/data.json", "data.json", KB_FORMAT_JSON, 5);
  mutate_and_load("check-edgelist/edges.csv", "edges.csv", KB_FORMAT_EDGELIST, 2);
  mutate_and_load("check-ok/data/relations.csv", "relations.csv", KB_FORMAT_EDGELIST, 3);
  mutate_and_load("check-ok/data/nodes.csv", "nodes.csv", KB_FORMAT_FOLDER, 4);
}
END_TEST

static Suite *
load_suite(void)
{
  Suite *s = suite_create("load");
  TCase *tc = tcase_create("load");
  tcase_add_test(tc, excel_dutch_csv_loads_like_its_plain_twin);
  tcase_add_test(tc, json_loads_like_csv);
  tcase_add_test(tc, node_link_json_loads_like_the_folder_it_came_from);
  tcase_add_test(tc, node_link_json_as_networkx_writes_it);
  tcase_add_test(tc, formats_are_detected);
  tcase_add_test(tc, edge_lists_make_organisations_and_partnerships);
  tcase_add_test(tc, json_syntax_errors_have_a_position);
  tcase_add_test(tc, an_unreadable_path_fails_the_call);
  tcase_add_test(tc, an_input_larger_than_memory_fails_the_call);
  tcase_add_test(tc, kumu_files_larger_than_memory_fail_the_call);
  tcase_add_test(tc, mutated_inputs_never_crash);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(load_suite)
