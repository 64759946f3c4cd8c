/* fuzz_folder_write.c -- libFuzzer target for the folder rule
 * (engine/base/folder.h): may klaverblad replace this folder?
 *
 * The input is a sequence of operations on a folder OUT in a scratch
 * folder: klaverblad writes OUT (a report or a dataset, some files);
 * a user adds, edits or deletes a file, makes a subfolder, a symbolic link
 * or a FIFO, forges or damages the marker, or replaces OUT itself. Each
 * write by klaverblad checks the invariant:
 *
 *   either the write was refused, and OUT and everything beside it are
 *   exactly as before (names, types, contents, link targets); or OUT held
 *   nothing (or was missing), or held a marker of the same kind and besides
 *   it only regular files the marker lists with their SHA-256 unchanged,
 *   and now holds exactly the new files and a marker listing each of them
 *   with its SHA-256, nothing left beside it.
 *
 * Whether the write may go ahead is decided here again, independently of
 * folder.c, from the marker's format as the README and folder.h state it,
 * and the answers must agree both ways. */
#define _GNU_SOURCE             /* lstat, symlink, mkfifo in C11 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "base/folder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* The names users and klaverblad use; klaverblad never writes the marker. */
static const char *const names[] = { "nodes.csv", "relations.csv", "report.html", "a.csv",
                                     "notes.txt", ".hidden", "sub", ".klaverblad" };
#define N_WRITABLE 7
static const char *const kinds[] = { "report", "dataset" };

typedef struct {
  const uint8_t *p;
  size_t n;
} Input;

static unsigned
next(Input *in)
{
  if (in->n == 0)
    return 0;
  in->n--;
  return *in->p++;
}

/* 'len' bytes of text from the input ('a' to 'z' and line ends). */
static char *
text(Input *in, size_t len)
{
  char *s = g_malloc(len + 1);
  for (size_t i = 0; i < len; i++) {
    unsigned b = next(in) % 27;
    s[i] = b == 26 ? '\n' : (char) ('a' + b);
  }
  s[len] = '\0';
  return s;
}

static void
fail(const char *what, const char *detail)
{
  fprintf(stderr, "folder rule broken: %s\n%s\n", what, detail ? detail : "");
  abort();
}

static char *scratch;   /* the scratch folder, made once, removed at exit */

static void
remove_scratch(void)
{
  kb_i_remove_tree(scratch);
}

/* ------------------------------------------------------------ snapshots */

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Everything under 'path' as text: each entry's name, type and contents
 * (a file's bytes, a link's target, a folder's entries), in name order. */
static void
describe(GString *s, const char *path, const char *name, int depth)
{
  GStatBuf st;
  if (g_lstat(path, &st) != 0) {
    g_string_append_printf(s, "%*s%s: missing\n", depth, "", name);
    return;
  }
  if (S_ISREG(st.st_mode)) {
    g_autofree char *body = NULL;
    gsize len = 0;
    g_file_get_contents(path, &body, &len, NULL);
    g_autofree char *esc = g_strescape(body ? body : "", NULL);
    g_string_append_printf(s, "%*s%s: file %o '%s'\n", depth, "", name, st.st_mode & 07777, esc);
  } else if (S_ISLNK(st.st_mode)) {
    g_autofree char *to = g_file_read_link(path, NULL);
    g_string_append_printf(s, "%*s%s: link to '%s'\n", depth, "", name, to ? to : "?");
  } else if (S_ISDIR(st.st_mode)) {
    g_string_append_printf(s, "%*s%s: folder\n", depth, "", name);
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
    const char *e;
    while (d != NULL && (e = g_dir_read_name(d)) != NULL)
      g_ptr_array_add(entries, g_strdup(e));
    g_ptr_array_sort(entries, compare_names);
    for (guint i = 0; i < entries->len; i++) {
      g_autofree char *child = g_build_filename(path, g_ptr_array_index(entries, i), NULL);
      describe(s, child, g_ptr_array_index(entries, i), depth + 1);
    }
  } else {
    g_string_append_printf(s, "%*s%s: special %o\n", depth, "", name, st.st_mode & S_IFMT);
  }
}

static char *
snapshot(const char *path)
{
  GString *s = g_string_new(NULL);
  describe(s, path, ".", 0);
  return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------ the oracle */

static char *
sha256(const char *data, size_t len)
{
  return g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* Parses a marker as README.md states its format. Returns the kind (0 or
 * 1) and fills 'sums' (name -> hex), or -1 when it is damaged. */
static int
oracle_parse(const char *body, size_t len, GHashTable *sums)
{
  if (memchr(body, '\0', len) != NULL || len == 0 || body[len - 1] != '\n')
    return -1;
  g_auto(GStrv) lines = g_strsplit(body, "\n", -1);
  int kind = -1;
  for (char **l = lines; l[1] != NULL; l++) {   /* the last is after the final line end */
    if ((*l)[0] == '#')
      continue;
    if (kind < 0) {
      kind = strcmp(*l, "kind report") == 0 ? 0 : strcmp(*l, "kind dataset") == 0 ? 1 : -2;
      if (kind == -2)
        return -1;
      continue;
    }
    size_t n = strlen(*l);
    if (n <= 66 || (*l)[64] != ' ' || (*l)[65] != ' ')
      return -1;
    for (int i = 0; i < 64; i++)
      if (!strchr("0123456789abcdef", (*l)[i]))
        return -1;
    const char *name = *l + 66;
    if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")
        || !strcmp(name, ".klaverblad") || g_hash_table_contains(sums, name))
      return -1;
    g_hash_table_insert(sums, g_strdup(name), g_strndup(*l, 64));
  }
  return kind;
}

/* May a folder of 'kind' replace 'out'? */
static gboolean
oracle_allows(const char *out, int kind)
{
  GStatBuf st;
  if (g_lstat(out, &st) != 0)
    return errno == ENOENT;
  if (!S_ISDIR(st.st_mode))
    return FALSE;
  g_autoptr(GDir) d = g_dir_open(out, 0, NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func(g_free);
  const char *e;
  while (d != NULL && (e = g_dir_read_name(d)) != NULL)
    g_ptr_array_add(entries, g_strdup(e));
  if (entries->len == 0)
    return TRUE;
  g_autofree char *marker = g_build_filename(out, ".klaverblad", NULL);
  g_autofree char *body = NULL;
  gsize len;
  if (g_lstat(marker, &st) != 0 || !S_ISREG(st.st_mode)
      || !g_file_get_contents(marker, &body, &len, NULL))
    return FALSE;
  g_autoptr(GHashTable) sums = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  if (oracle_parse(body, len, sums) != kind)
    return FALSE;
  for (guint i = 0; i < entries->len; i++) {
    const char *name = g_ptr_array_index(entries, i);
    if (strcmp(name, ".klaverblad") == 0)
      continue;
    g_autofree char *path = g_build_filename(out, name, NULL);
    g_autofree char *content = NULL;
    if (g_lstat(path, &st) != 0 || !S_ISREG(st.st_mode)
        || !g_file_get_contents(path, &content, &len, NULL))
      return FALSE;
    g_autofree char *sum = sha256(content, len);
    const char *want = g_hash_table_lookup(sums, name);
    if (want == NULL || strcmp(want, sum) != 0)
      return FALSE;
  }
  return TRUE;
}

/* ---------------------------------------------------------- operations */

/* Writes 'len' bytes as the file 'path', replacing what is there (a link
 * itself, not what it names); nothing when its folder is not one. */
static void
put_file(const char *path, const char *body, size_t len)
{
  GStatBuf st;
  if (g_lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
    kb_i_remove_tree(path);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    return;
  if (len > 0 && write(fd, body, len) != (ssize_t) len)
    abort();
  close(fd);
}

/* The names in the scratch folder but OUT, one a line. */
static char *
beside(void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GDir) d = g_dir_open(scratch, 0, NULL);
  const char *e;
  while (d != NULL && (e = g_dir_read_name(d)) != NULL)
    if (strcmp(e, "out") != 0)
      g_ptr_array_add(entries, g_strdup(e));
  g_ptr_array_sort(entries, compare_names);
  g_ptr_array_add(entries, NULL);
  return g_strjoinv("\n", (char **) entries->pdata);
}


/* The name of an entry of 'out' picked by 'k', or NULL when it is empty. */
static char *
pick_entry(const char *out, unsigned k)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GDir) d = g_dir_open(out, 0, NULL);
  const char *e;
  while (d != NULL && (e = g_dir_read_name(d)) != NULL)
    g_ptr_array_add(entries, g_strdup(e));
  if (entries->len == 0)
    return NULL;
  g_ptr_array_sort(entries, compare_names);
  return g_build_filename(out, (char *) g_ptr_array_index(entries, k % entries->len), NULL);
}

/* klaverblad writes 'out'; the invariant is checked. */
static void
write_folder(Input *in, const char *out)
{
  int kind = (int) (next(in) & 1);
  size_t n = next(in) % 4;
  char *file_names[4];
  char *contents[4];
  for (size_t i = 0; i < n; i++) {
    file_names[i] = g_strdup(names[next(in) % N_WRITABLE]);
    contents[i] = text(in, next(in) % 8);
  }
  gboolean allowed = oracle_allows(out, kind);
  g_autofree char *before = snapshot(scratch);
  g_autofree char *others = beside();

  KbFolder f;
  g_autoptr(GError) err = NULL;
  gboolean begun = kb_i_folder_begin(&f, out, kind == 0 ? KB_FOLDER_REPORT : KB_FOLDER_DATASET,
                                     NULL, &err);
  gboolean ok = begun;
  for (size_t i = 0; i < n && ok; i++)
    ok = kb_i_folder_write(&f, file_names[i], contents[i], &err);
  ok = ok && kb_i_folder_commit(&f, &err);
  if (begun)
    kb_i_folder_release(&f);

  g_autofree char *after = snapshot(scratch);
  g_autofree char *report = g_strdup_printf("kind %s, %s\nbefore:\n%safter:\n%s", kinds[kind],
                                            err ? err->message : "written", before, after);
  if (g_getenv("KB_FUZZ_VERBOSE") != NULL)      /* to see what a seed does */
    fprintf(stderr, "write %s: %s\n", kinds[kind], err ? err->message : "written");
  if (begun && !ok)
    fail("a write that began failed", report);
  if (ok != allowed)
    fail(ok ? "written where it must be refused" : "refused where it may be written", report);
  if (!ok) {
    if (strcmp(before, after) != 0)
      fail("a refused write changed something", report);
  } else {
    /* exactly the new files (the last content for a name written twice)
     * and a marker listing each with its checksum, nothing beside OUT */
    g_autoptr(GHashTable) want = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n; i++)
      g_hash_table_insert(want, file_names[i], contents[i]);
    g_autoptr(GDir) d = g_dir_open(out, 0, NULL);
    const char *e;
    guint count = 0;
    while (d != NULL && (e = g_dir_read_name(d)) != NULL) {
      if (strcmp(e, ".klaverblad") == 0)
        continue;
      g_autofree char *path = g_build_filename(out, e, NULL);
      g_autofree char *got = NULL;
      const char *expected = g_hash_table_lookup(want, e);
      if (expected == NULL || !g_file_get_contents(path, &got, NULL, NULL)
          || strcmp(got, expected) != 0)
        fail("the written folder does not hold the new files", report);
      count++;
    }
    if (count != g_hash_table_size(want) || !oracle_allows(out, kind))
      fail("the written folder or its marker is wrong", report);
    g_autofree char *marker = g_build_filename(out, ".klaverblad", NULL);
    g_autofree char *body = NULL;
    gsize len;
    g_autoptr(GHashTable) sums = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (!g_file_get_contents(marker, &body, &len, NULL) || oracle_parse(body, len, sums) != kind
        || g_hash_table_size(sums) != count)
      fail("the marker does not list exactly the new files", report);
    g_autofree char *others_after = beside();
    if (strcmp(others, others_after) != 0)
      fail("something beside the folder changed", report);
  }
  for (size_t i = 0; i < n; i++) {
    g_free(file_names[i]);
    g_free(contents[i]);
  }
}

/* The marker of 'out' changed: forged from the input, its kind swapped,
 * cut short or one byte changed. */
static void
forge_marker(Input *in, const char *out)
{
  g_autofree char *path = g_build_filename(out, ".klaverblad", NULL);
  g_autofree char *body = NULL;
  gsize len = 0;
  unsigned how = next(in) % 4;
  if (how == 0) {
    size_t n = next(in);
    body = g_malloc(n + 1);
    for (size_t i = 0; i < n; i++)
      body[i] = (char) next(in);
    len = n;
  } else {
    GStatBuf st;
    if (g_lstat(path, &st) != 0 || !S_ISREG(st.st_mode)
        || !g_file_get_contents(path, &body, &len, NULL))
      return;
    if (how == 1) {                     /* a marker of the other kind, files and all */
      GString *s = g_string_new_len(body, (gssize) len);
      if (g_string_replace(s, "\nkind report\n", "\nkind dataset\n", 1) == 0)
        g_string_replace(s, "\nkind dataset\n", "\nkind report\n", 1);
      g_free(body);
      len = s->len;
      body = g_string_free(s, FALSE);
    } else if (how == 2) {
      len = len ? next(in) % len : 0;
    } else if (len > 0) {
      size_t at = next(in) % len;
      body[at] ^= (char) (1 + next(in) % 255);
    }
  }
  put_file(path, body ? body : "", len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
  if (scratch == NULL) {
    /* in memory where there is a tmpfs: twice the runs a second */
    const char *tmp = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir();
    scratch = g_build_filename(tmp, "kb-fuzz-folder-XXXXXX", NULL);
    if (g_mkdtemp(scratch) == NULL)
      abort();
    atexit(remove_scratch);
  }
  g_autofree char *out = g_build_filename(scratch, "out", NULL);
  g_autofree char *elsewhere = g_build_filename(scratch, "elsewhere", NULL);
  kb_i_remove_tree(out);
  kb_i_remove_tree(elsewhere);
  g_mkdir(elsewhere, 0777);
  Input in = { data, len };
  for (int ops = 0; in.n > 0 && ops < 64; ops++) {
    unsigned op = next(&in) % 9;
    const char *name = names[next(&in) % G_N_ELEMENTS(names)];
    g_autofree char *path = g_build_filename(out, name, NULL);
    g_autofree char *picked = pick_entry(out, next(&in));
    switch (op) {
    case 0:
      write_folder(&in, out);
      break;
    case 1: {                           /* a user's file, new or rewritten */
      g_mkdir(out, 0777);
      g_autofree char *body = text(&in, next(&in) % 8);
      put_file(path, body, strlen(body));
      break;
    }
    case 2: {                           /* a file edited after */
      GStatBuf st;
      FILE *f = picked && g_lstat(picked, &st) == 0 && S_ISREG(st.st_mode) ? fopen(picked, "ab")
                                                                          : NULL;
      if (f != NULL) {
        fputc('a' + (int) (next(&in) % 26), f);
        fclose(f);
      }
      break;
    }
    case 3:                             /* an entry deleted, the marker too */
      if (picked)
        kb_i_remove_tree(picked);
      break;
    case 4: {                           /* a subfolder, maybe with a file */
      GStatBuf st;
      if (g_mkdir(path, 0777) == 0 && (next(&in) & 1) && g_lstat(path, &st) == 0
          && S_ISDIR(st.st_mode)) {
        g_autofree char *inner = g_build_filename(path, "inner.csv", NULL);
        put_file(inner, "x\n", 2);
      }
      break;
    }
    case 5: {                           /* a symbolic link */
      static const char *const targets[] = { "nodes.csv", "..", "missing", "sub",
                                             ".klaverblad" };
      if (g_file_test(out, G_FILE_TEST_IS_DIR))
        if (symlink(targets[next(&in) % G_N_ELEMENTS(targets)], path) != 0) {
          /* there already */
        }
      break;
    }
    case 6:                             /* a FIFO */
      if (g_file_test(out, G_FILE_TEST_IS_DIR))
        mkfifo(path, 0666);
      break;
    case 7:
      forge_marker(&in, out);
      break;
    case 8: {                           /* OUT itself gone, or not a folder */
      unsigned how = next(&in) % 3;
      kb_i_remove_tree(out);
      if (how == 1)
        put_file(out, "not a folder\n", 13);
      else if (how == 2 && symlink(elsewhere, out) != 0)
        abort();
      break;
    }
    }
  }
  kb_i_remove_tree(out);
  kb_i_remove_tree(elsewhere);
  return 0;
}
