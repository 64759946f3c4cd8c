/* test_load.c -- the three formats load the same data the same way, and
 * JSON problems are placed at their line and column; a stream loads as the
 * same bytes in a file do, under the byte limit and the memory guard. */
#define _POSIX_C_SOURCE 200809L   /* O_CLOEXEC, sigaction(), setitimer() */
#include "kb_test.h"
#include <math.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

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

/* A string holding \u0000 is an error where the escape stands, in a value,
 * a member's name or a tag; an escaped backslash before u0000 is no NUL.
 * Columns counted with Python's str.index on the lines below, plus one. */
START_TEST(json_strings_holding_nul_are_errors)
{
  g_autofree char *dir = g_dir_make_tmp("kb-nul-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "nul.json", NULL);
  const char *text =
    "{\"nodes\": [\n"
    " {\"id\": \"a\", \"kind\": \"organisation\", \"sector\": \"ngo\", \"label\": \"a\\u0000b\"},\n"
    " {\"id\": \"ngo\", \"kind\": \"sector\", \"source\": \"x\\\\u0000 \\\\\\u0000y\", "
    "\"ke\\u0000y\": 1},\n"
    " {\"id\": \"t\", \"kind\": \"theme\", \"tags\": [\"p\", \"q\\u0000\"]}\n"
    "], \"relations\": []}\n";
  ck_assert(g_file_set_contents(path, text, -1, NULL));
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  ck_assert(ds != NULL);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 4);
  kb_diag_list_sort(diags);
  static const char *const expected[] = {
    ":2:66: error: label: the string holds a NUL character (\\u0000); expected text",
    ":3:56: error: source: the string holds a NUL character (\\u0000); expected text",
    ":3:69: error: the member name holds a NUL character (\\u0000); expected text",
    ":4:47: error: tags: the string holds a NUL character (\\u0000); expected text",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(expected); i++) {
    g_autofree char *line = kb_diag_format(kb_diag_list_get(diags, i));
    g_autofree char *want = g_strconcat(path, expected[i], NULL);
    ck_assert_str_eq(line, want);
  }
  g_remove(path);
  g_rmdir(dir);
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

/* ------------------------------------------------------------- streams */

/* A pipe whose write end a thread fills with 'data' and closes, as a shell
 * pipeline's writer would; the loader reads it as /dev/fd/N. */
typedef struct {
  int fds[2];
  const char *data;
  size_t len;
  GThread *writer;
  char *path;
} Pipe;

static gpointer
pipe_write(gpointer p)
{
  Pipe *pp = p;
  size_t done = 0;
  while (done < pp->len) {
    ssize_t n = write(pp->fds[1], pp->data + done, pp->len - done);
    if (n <= 0)
      break;   /* the reader went away (EPIPE: SIGPIPE is ignored here) */
    done += (size_t) n;
  }
  close(pp->fds[1]);
  return NULL;
}

static void
pipe_open(Pipe *p, const char *data, size_t len)
{
  signal(SIGPIPE, SIG_IGN);
  ck_assert_int_eq(pipe(p->fds), 0);
  p->data = data;
  p->len = len;
  p->path = g_strdup_printf("/dev/fd/%d", p->fds[0]);
  p->writer = g_thread_new("pipe", pipe_write, p);
}

static void
pipe_close(Pipe *p)
{
  close(p->fds[0]);
  g_thread_join(p->writer);
  g_free(p->path);
}

/* The diagnostics as text, with 'name' (a file's path) read as "NAME". */
static char *
diags_text(const KbDiagList *diags, const char *name)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < kb_diag_list_length(diags); i++) {
    const KbDiag *d = kb_diag_list_get(diags, i);
    ck_assert_str_eq(d->file, name);
    KbDiag renamed = *d;
    renamed.file = (char *) "NAME";
    g_autofree char *line = kb_diag_format(&renamed);
    g_string_append_printf(s, "%s\n", line);
  }
  return g_string_free(s, FALSE);
}

/* The file, and the same bytes through a pipe: the same format detected,
 * the same dataset, the same diagnostics but for the file's name. */
static void
assert_pipe_loads_as_file(const char *rel, size_t errors_expected)
{
  g_autofree char *path = g_build_filename(KB_CLI_CASES, rel, NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  ck_assert(g_file_get_contents(path, &data, &len, NULL));
  g_autoptr(KbDiagList) d1 = kb_diag_list_new(0);
  g_autoptr(KbDiagList) d2 = kb_diag_list_new(0);
  KbFormat f1 = KB_FORMAT_AUTO, f2 = KB_FORMAT_AUTO;
  g_autoptr(KbDataset) file = kb_dataset_load_as(path, &f1, NULL, d1, NULL);
  Pipe p;
  pipe_open(&p, data, len);
  g_autoptr(GError) err = NULL;
  g_autoptr(KbDataset) piped = kb_dataset_load_as(p.path, &f2, NULL, d2, &err);
  ck_assert_msg(piped != NULL, "%s: %s", rel, err ? err->message : "");
  ck_assert_ptr_nonnull(file);
  ck_assert_int_eq(f1, f2);
  ck_assert_str_eq(kb_dataset_name(piped), p.path);
  g_autofree char *t1 = diags_text(d1, path);
  g_autofree char *t2 = diags_text(d2, p.path);
  pipe_close(&p);
  ck_assert_uint_eq(kb_diag_list_count(d1, KB_SEVERITY_ERROR), errors_expected);
  ck_assert_str_eq(t1, t2);
  assert_same_dataset(file, piped);
}

START_TEST(a_pipe_loads_as_its_file_does)
{
  /* the number of diagnostics each prints in its golden case */
  assert_pipe_loads_as_file("check-edgelist/edges.csv", 0);
  assert_pipe_loads_as_file("check-edgelist-errors/edges.txt", 4);
  assert_pipe_loads_as_file("check-json/data.json", 0);
  assert_pipe_loads_as_file("check-json-errors/data.json", 7);
  assert_pipe_loads_as_file("import-graphml-malformed/bad.graphml", 3);
  /* an empty stream is an empty edge list, as an empty file is */
  Pipe p;
  pipe_open(&p, "", 0);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbFormat f = KB_FORMAT_AUTO;
  g_autoptr(KbDataset) ds = kb_dataset_load_as(p.path, &f, NULL, diags, NULL);
  pipe_close(&p);
  ck_assert_ptr_nonnull(ds);
  ck_assert_int_eq(f, KB_FORMAT_EDGELIST);
  ck_assert_uint_eq(kb_dataset_node_count(ds), 0);
}
END_TEST

/* A FIFO whose writer comes late, while a signal handled without
 * SA_RESTART (as libFuzzer's and many hosts' timers are) interrupts the
 * loader's wait in open(): the data loads all the same. Before the open was
 * retried, the loader fell back to reading the FIFO itself and failed with
 * "Interrupted system call". */
static void
on_alarm(int sig)
{
  (void) sig;
}

typedef struct {
  const char *path;
  const char *data;
} LateWriter;

static gpointer
late_write(gpointer p)
{
  const LateWriter *w = p;
  g_usleep(300 * 1000);        /* after the first alarms */
  int fd = open(w->path, O_WRONLY | O_CLOEXEC);
  if (fd >= 0) {
    ssize_t n = write(fd, w->data, strlen(w->data));
    (void) n;
    close(fd);
  }
  return NULL;
}

START_TEST(a_signal_during_a_fifos_open_loses_nothing)
{
  g_autofree char *dir = g_dir_make_tmp("kb-fifo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "edges.csv", NULL);
  ck_assert_int_eq(mkfifo(path, 0600), 0);
  struct sigaction sa = { 0 }, old;
  sa.sa_handler = on_alarm;             /* no SA_RESTART */
  sigemptyset(&sa.sa_mask);
  ck_assert_int_eq(sigaction(SIGALRM, &sa, &old), 0);
  /* the writer never takes the alarm: only the loader's open is cut short */
  sigset_t alarm, prev;
  sigemptyset(&alarm);
  sigaddset(&alarm, SIGALRM);
  pthread_sigmask(SIG_BLOCK, &alarm, &prev);
  LateWriter w = { path, "from,to\na,b\nb,c\n" };
  GThread *writer = g_thread_new("late", late_write, &w);
  pthread_sigmask(SIG_SETMASK, &prev, NULL);
  struct itimerval every = { { 0, 50 * 1000 }, { 0, 50 * 1000 } }, off = { { 0, 0 }, { 0, 0 } };
  ck_assert_int_eq(setitimer(ITIMER_REAL, &every, NULL), 0);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(GError) err = NULL;
  KbFormat f = KB_FORMAT_AUTO;
  g_autoptr(KbDataset) ds = kb_dataset_load_as(path, &f, NULL, diags, &err);
  setitimer(ITIMER_REAL, &off, NULL);
  sigaction(SIGALRM, &old, NULL);
  g_thread_join(writer);
  g_unlink(path);
  g_rmdir(dir);
  ck_assert_msg(ds != NULL, "%s", err ? err->message : "");
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  ck_assert_int_eq(f, KB_FORMAT_EDGELIST);
  ck_assert_uint_eq(kb_dataset_node_count(ds), 3);       /* a, b, c */
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 2);
}
END_TEST

/* Exactly max_bytes bytes are read, one more refused: from a file before it
 * is read, from a pipe as soon as it gives the byte more. */
START_TEST(the_byte_limit_holds_at_its_boundary)
{
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "check-json", "data.json", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  ck_assert(g_file_get_contents(path, &data, &len, NULL));
  KbLimits limits;
  kb_limits_init(&limits);
  for (int piped = 0; piped < 2; piped++)
    for (guint64 max = len - 1; max <= len; max++) {
      limits.max_bytes = max;
      Pipe p;
      if (piped)
        pipe_open(&p, data, len);
      const char *from = piped ? p.path : path;
      g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
      g_autoptr(GError) err = NULL;
      g_autoptr(KbDataset) ds = kb_dataset_load_limited(from, KB_FORMAT_AUTO, &limits, diags,
                                                        &err);
      if (max == len) {
        ck_assert_msg(ds != NULL, "%s", err ? err->message : "");
        ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
      } else {
        ck_assert_ptr_null(ds);
        ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_LIMIT));
        g_autofree char *want = piped
          ? g_strdup_printf("'%s' holds more than %" G_GUINT64_FORMAT " bytes, the most an "
                            "input file may hold; expected at most %" G_GUINT64_FORMAT " bytes "
                            "(raise the limit with --max-bytes N)", from, max, max)
          : g_strdup_printf("'%s' holds %zu bytes, more than %" G_GUINT64_FORMAT " bytes, the "
                            "most an input file may hold; expected at most %" G_GUINT64_FORMAT
                            " bytes (raise the limit with --max-bytes N)", from, (size_t) len,
                            max, max);
        ck_assert_str_eq(err->message, want);
      }
      if (piped)
        pipe_close(&p);
    }
  /* none at all: an empty stream passes a limit of 0, a byte does not */
  limits.max_bytes = 0;
  for (size_t n = 0; n < 2; n++) {
    Pipe p;
    pipe_open(&p, "x", n);
    g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
    g_autoptr(GError) err = NULL;
    g_autoptr(KbDataset) ds = kb_dataset_load_limited(p.path, KB_FORMAT_AUTO, &limits, diags,
                                                      &err);
    pipe_close(&p);
    ck_assert(n == 0 ? ds != NULL : g_error_matches(err, KB_ERROR, KB_ERROR_LIMIT));
  }
  /* the requests and every file of a folder are held to it too */
  g_autofree char *folder = g_build_filename(KB_CLI_CASES, "check-ok", "data", NULL);
  g_autofree char *nodes = g_build_filename(folder, "nodes.csv", NULL);
  limits.max_bytes = 100;
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(GError) err = NULL;
  ck_assert_ptr_null(kb_dataset_load_limited(folder, KB_FORMAT_AUTO, &limits, diags, &err));
  g_autofree char *prefix = g_strdup_printf("'%s' holds 596 bytes, more than 100 bytes", nodes);
  ck_assert_msg(g_str_has_prefix(err->message, prefix), "%s", err->message);
  g_autoptr(KbDataset) ds = load("candidates-small/data", KB_FORMAT_AUTO, diags);
  g_autofree char *requests = g_build_filename(KB_CLI_CASES, "candidates-small", "requests.csv",
                                               NULL);
  limits.max_bytes = 93;   /* the file holds 94 */
  ck_assert_ptr_null(kb_requests_load_limited(requests, ds, &limits, diags));
  limits.max_bytes = 94;
  g_autoptr(KbRequests) req = kb_requests_load_limited(requests, ds, &limits, diags);
  ck_assert_ptr_nonnull(req);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 1);
}
END_TEST

/* A stream is compared with the memory available every 4 MiB as it is
 * copied (1 MiB at a time from /dev/zero, whose reads are always whole):
 * its NUL bytes read as an edge list, 33 bytes of memory a byte, so with
 * 300,000,000 bytes available the copy stops at the first 4 MiB step past
 * 300,000,000 / 33 = 9,090,909 bytes: 3 * 4,194,304 = 12,582,912 bytes,
 * needing 415,236,096. */
START_TEST(a_stream_too_large_for_memory_is_stopped)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(GError) err = NULL;
  g_setenv("KLAVERBLAD_MEMORY_AVAILABLE", "300000000", TRUE);
  g_autoptr(KbDataset) ds = kb_dataset_load("/dev/zero", KB_FORMAT_AUTO, diags, &err);
  g_unsetenv("KLAVERBLAD_MEMORY_AVAILABLE");
  ck_assert_ptr_null(ds);
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_MEMORY));
  ck_assert_str_eq(err->message,
    "'/dev/zero' is too large for the memory available: loading the 12.6 MB of edgelist data "
    "read from it so far needs about 415.2 MB (415236096 bytes), 33 bytes for each byte, and "
    "300.0 MB (300000000 bytes) is available; expected an input that fits in memory (free "
    "some, or split the data)");
  /* the byte limit stops it first when it is lower */
  KbLimits limits;
  kb_limits_init(&limits);
  limits.max_bytes = 1000;
  g_clear_error(&err);
  ck_assert_ptr_null(kb_dataset_load_limited("/dev/zero", KB_FORMAT_AUTO, &limits, diags, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_LIMIT));
}
END_TEST

/* The copy of a stream is private and never outlives the call: none is
 * left in the temporary folder, after a load or after a refusal. */
START_TEST(a_stream_leaves_no_copy)
{
  /* a folder of its own for TMPDIR, which GLib reads once, at its first
   * g_get_tmp_dir(): this test runs in a process of its own */
  const char *base = g_getenv("TMPDIR");
  g_autofree char *tmp = g_build_filename(base != NULL && *base ? base : "/tmp",
                                          "kb-spool-XXXXXX", NULL);
  ck_assert_ptr_nonnull(g_mkdtemp(tmp));
  g_setenv("TMPDIR", tmp, TRUE);
  ck_assert_str_eq(g_get_tmp_dir(), tmp);
  static const char edges[] = "a,b\nb,c\n";
  KbLimits limits;
  kb_limits_init(&limits);
  for (guint64 max = sizeof edges - 1; max >= sizeof edges - 2; max--) {
    limits.max_bytes = max;
    Pipe p;
    pipe_open(&p, edges, sizeof edges - 1);
    g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
    g_autoptr(KbDataset) ds = kb_dataset_load_limited(p.path, KB_FORMAT_AUTO, &limits, diags,
                                                      NULL);
    pipe_close(&p);
    ck_assert(max == sizeof edges - 1 ? ds != NULL : ds == NULL);
    GDir *dir = g_dir_open(tmp, 0, NULL);
    ck_assert_ptr_null(g_dir_read_name(dir));
    g_dir_close(dir);
  }
  g_rmdir(tmp);
}
END_TEST

/* A folder format on a stream fails at once, naming it: nothing is read. */
START_TEST(a_folder_format_on_a_stream_fails)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(GError) err = NULL;
  ck_assert_ptr_null(kb_dataset_load("-", KB_FORMAT_FOLDER, diags, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_FORMAT));
  ck_assert_str_eq(err->message,
    "cannot read '<stdin>' as a folder dataset: it is not a folder; expected a folder holding "
    "nodes.csv and relations.csv (for a single file, give its own format with --input-format: "
    "json, edgelist or graphml)");
  ck_assert_str_eq(kb_input_name("-"), "<stdin>");
  ck_assert_str_eq(kb_input_name("x.csv"), "x.csv");
}
END_TEST

/* A request's columns (tests/cli/candidates-small's dataset: themes t1
 * "Theme one" and t2 "Theme two"): a theme by its id or label in any case;
 * one the dataset does not know kept as written, as another theme, once
 * whatever its case; the added value, the hours (a decimal comma) and the
 * purpose in Dutch. */
START_TEST(requests_read_their_columns)
{
  g_autoptr(KbDiagList) loading = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = load("candidates-small/data", KB_FORMAT_AUTO, loading);
  g_autofree char *dir = g_dir_make_tmp("kb-requests-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "requests.csv", NULL);
  static const char csv[] =
    "ID,Label,kind,themes,added_value,hours,purpose,source\n"
    "qa,A,city,T1| theme TWO |Toerisme|toerisme|t1,knows the canals,\"40,5\",Uitwisseling,letter\n"
    "qb,,city,,,,,\n";
  ck_assert(g_file_set_contents(path, csv, -1, NULL));
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbRequests) req = kb_requests_load(path, ds, diags);
  g_unlink(path);
  g_rmdir(dir);
  ck_assert_ptr_nonnull(req);
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
  ck_assert_uint_eq(req->n, 2);
  const KbRequest *a = &req->requests[0], *b = &req->requests[1];
  ck_assert_uint_eq(a->n_themes, 2);
  ck_assert_str_eq(kb_dataset_node(ds, a->themes[0])->id, "t1");
  ck_assert_str_eq(kb_dataset_node(ds, a->themes[1])->id, "t2");
  ck_assert_uint_eq(a->n_other_themes, 1);
  ck_assert_str_eq(a->other_themes[0], "Toerisme");
  ck_assert_ptr_null(a->other_themes[1]);
  ck_assert_str_eq(a->added_value, "knows the canals");
  ck_assert(a->hours == 40.5);
  ck_assert_int_eq(a->purpose, KB_PURPOSE_EXCHANGE);
  ck_assert_str_eq(a->source, "letter");
  ck_assert_uint_eq(a->node, KB_NO_NODE);
  ck_assert_uint_eq(a->line, 2);
  ck_assert_ptr_null(b->label);
  ck_assert_ptr_null(b->added_value);
  ck_assert(b->hours == -1);
  ck_assert_int_eq(b->purpose, KB_PURPOSE_NONE);
  ck_assert_uint_eq(b->n_themes + b->n_other_themes, 0);
  ck_assert_ptr_null(b->other_themes[0]);
}
END_TEST

/* Requests are looked up by id as they are read: 2*10^5 of them, which
 * compared pair by pair took minutes, load in well under a second (20 s
 * allowed, for a loaded machine and the sanitizers), and a repeated id is
 * named with the line of its first request (r7: line 9, after the header
 * and r0 to r6). */
START_TEST(many_requests_load_in_linear_time)
{
  g_autoptr(KbDiagList) loading = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = load("candidates-small/data", KB_FORMAT_AUTO, loading);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  GString *csv = g_string_new("id,kind\n");
  for (int i = 0; i < 200000; i++)
    g_string_append_printf(csv, "r%d,city\n", i);
  g_string_append(csv, "r7,city\n");
  g_autofree char *dir = g_dir_make_tmp("kb-requests-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "requests.csv", NULL);
  ck_assert(g_file_set_contents(path, csv->str, (gssize) csv->len, NULL));
  g_string_free(csv, TRUE);
  gint64 t0 = g_get_monotonic_time();
  ck_assert_ptr_null(kb_requests_load(path, ds, diags));
  gint64 took = g_get_monotonic_time() - t0;
  g_unlink(path);
  g_rmdir(dir);
  ck_assert_msg(took < 20 * G_USEC_PER_SEC, "%" G_GINT64_FORMAT " us", took);
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  g_autofree char *line = kb_diag_format(kb_diag_list_get(diags, 0));
  g_autofree char *want = g_strdup_printf("%s:200002:1: error: id: duplicate request 'r7'; "
                                          "first at line 9", path);
  ck_assert_str_eq(line, want);
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
  tcase_add_test(tc, json_strings_holding_nul_are_errors);
  tcase_add_test(tc, an_unreadable_path_fails_the_call);
  tcase_add_test(tc, an_input_larger_than_memory_fails_the_call);
  tcase_add_test(tc, kumu_files_larger_than_memory_fail_the_call);
  tcase_add_test(tc, mutated_inputs_never_crash);
  tcase_add_test(tc, a_pipe_loads_as_its_file_does);
  tcase_add_test(tc, a_signal_during_a_fifos_open_loses_nothing);
  tcase_add_test(tc, the_byte_limit_holds_at_its_boundary);
  tcase_add_test(tc, a_stream_too_large_for_memory_is_stopped);
  tcase_add_test(tc, a_stream_leaves_no_copy);
  tcase_add_test(tc, a_folder_format_on_a_stream_fails);
  tcase_add_test(tc, many_requests_load_in_linear_time);
  tcase_add_test(tc, requests_read_their_columns);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(load_suite)
