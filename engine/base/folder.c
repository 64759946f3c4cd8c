/* folder.c -- a folder written whole: into a temporary folder beside it,
 * then swapped into place, and only over one that klaverblad wrote
 * (folder.h says how that is told). */
#define _GNU_SOURCE             /* renameat2, RENAME_EXCHANGE, O_NOFOLLOW */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "base/folder.h"
#include "klaverblad/error.h"
#include "klaverblad/file.h"

#define MARKER KB_I_FOLDER_MARKER
#define MARKER_MAX (1 << 20)    /* bytes: a marker lists a few dozen files */
#define SHA256_HEX 64

static const char *const kind_names[] = { "report", "dataset" };

/* A file name as a message shows it: as it is when it is printable
 * UTF-8, else with C escapes. New string. */
static char *
shown(const char *name)
{
  if (g_utf8_validate(name, -1, NULL)) {
    gboolean plain = TRUE;
    for (const char *p = name; *p && plain; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      plain = c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f);
    }
    if (plain)
      return g_strdup(name);
  }
  return g_strescape(name, NULL);
}

/* ------------------------------------------------------- the folder rule */

/* An entry of a folder as it was seen. */
typedef struct {
  char *name;
  struct stat st;
} Seen;

static void
seen_clear(gpointer p)
{
  g_free(((Seen *) p)->name);
}

static gint
compare_seen(gconstpointer a, gconstpointer b)
{
  return strcmp(((const Seen *) a)->name, ((const Seen *) b)->name);
}

/* What the folder open as 'dir' holds: first the folder itself (named
 * "."), then its entries sorted by name, each as lstat sees it. NULL with
 * errno set when it cannot be read. */
static GArray *
list_folder(int dir)
{
  int fd = dup(dir);
  DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
  if (d == NULL) {
    int err = errno;
    if (fd >= 0)
      close(fd);
    errno = err;
    return NULL;
  }
  rewinddir(d);
  GArray *seen = g_array_new(FALSE, TRUE, sizeof(Seen));
  g_array_set_clear_func(seen, seen_clear);
  Seen self = { g_strdup("."), { 0 } };
  fstat(dir, &self.st);
  g_array_append_val(seen, self);
  struct dirent *e;
  int err = 0;
  while (errno = 0, (e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    Seen s = { NULL, { 0 } };
    if (fstatat(dir, e->d_name, &s.st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno != ENOENT)              /* else removed since: not there */
        err = err ? err : errno;
      continue;
    }
    s.name = g_strdup(e->d_name);
    g_array_append_val(seen, s);
  }
  err = err ? err : errno;
  closedir(d);
  if (err != 0) {
    g_array_unref(seen);
    errno = err;
    return NULL;
  }
  g_array_sort(seen, compare_seen);     /* "." sorts first: no name is empty */
  return seen;
}

/* Opens the regular file 'name' of the folder 'dir' for reading, without
 * following a link or opening anything else: -1 otherwise. */
static int
open_regular(int dir, const char *name)
{
  int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  struct stat st;
  if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
    close(fd);
    fd = -1;
  }
  return fd;
}

/* The SHA-256 of the regular file 'name' in the folder 'dir', as a new hex
 * string; NULL when it is not a regular file or cannot be read. */
static char *
file_sha256(int dir, const char *name)
{
  int fd = open_regular(dir, name);
  if (fd < 0)
    return NULL;
  g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
  guchar *buf = g_malloc(1 << 20);
  ssize_t n;
  while ((n = read(fd, buf, 1 << 20)) != 0) {
    if (n > 0)
      g_checksum_update(sum, buf, (gsize) n);
    else if (errno != EINTR)
      break;
  }
  g_free(buf);
  close(fd);
  return n == 0 ? g_strdup(g_checksum_get_string(sum)) : NULL;
}

/* A marker read: its kind and each file with its checksum. */
typedef struct {
  KbFolderKind kind;
  GHashTable *sums;     /* name -> hex SHA-256 */
} Marker;

static void
marker_release(Marker *m)
{
  g_clear_pointer(&m->sums, g_hash_table_unref);
}

/* Whether 'name' is a name klaverblad could have written in a folder. */
static gboolean
is_file_name(const char *name, size_t len)
{
  return len > 0 && memchr(name, '/', len) == NULL && memchr(name, '\0', len) == NULL
         && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && strcmp(name, MARKER) != 0;
}

/* Parses the marker 'text' ('len' bytes): lines ending in '\n'; lines
 * starting with '#' are comments; the first other line is "kind KIND";
 * every later one is 64 lower-case hex digits of SHA-256, two spaces and a
 * file name, each name once. Returns FALSE with the reason in 'why'. */
static gboolean
marker_parse(const char *text, size_t len, Marker *m, char **why)
{
  m->sums = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  gboolean have_kind = FALSE;
  unsigned line = 0;
  for (size_t at = 0; at < len;) {
    line++;
    const char *s = text + at, *nl = memchr(s, '\n', len - at);
    if (nl == NULL) {
      *why = g_strdup_printf("line %u has no line end", line);
      return FALSE;
    }
    size_t n = (size_t) (nl - s);
    at += n + 1;
    g_autofree char *l = g_strndup(s, n);
    if (strlen(l) != n) {
      *why = g_strdup_printf("line %u holds a NUL byte", line);
      return FALSE;
    }
    if (l[0] == '#')
      continue;
    if (!have_kind) {
      for (size_t k = 0; k < G_N_ELEMENTS(kind_names) && !have_kind; k++)
        if (g_str_has_prefix(l, "kind ") && strcmp(l + 5, kind_names[k]) == 0) {
          m->kind = (KbFolderKind) k;
          have_kind = TRUE;
        }
      if (!have_kind) {
        *why = g_strdup_printf("line %u: expected 'kind report' or 'kind dataset'", line);
        return FALSE;
      }
      continue;
    }
    gboolean hex = n > SHA256_HEX + 2;
    for (size_t i = 0; i < SHA256_HEX && hex; i++)
      hex = g_ascii_isxdigit(l[i]) && !g_ascii_isupper(l[i]);
    if (!hex || l[SHA256_HEX] != ' ' || l[SHA256_HEX + 1] != ' '
        || !is_file_name(l + SHA256_HEX + 2, n - SHA256_HEX - 2)) {
      *why = g_strdup_printf("line %u: expected a SHA-256 in hex, two spaces and a file name",
                             line);
      return FALSE;
    }
    const char *name = l + SHA256_HEX + 2;
    if (g_hash_table_contains(m->sums, name)) {
      g_autofree char *s_name = shown(name);
      *why = g_strdup_printf("line %u lists '%s' a second time", line, s_name);
      return FALSE;
    }
    g_hash_table_insert(m->sums, g_strdup(name), g_strndup(l, SHA256_HEX));
  }
  if (!have_kind) {
    *why = g_strdup("it names no kind");
    return FALSE;
  }
  return TRUE;
}

/* Reads the marker of the folder 'dir'. Returns FALSE with the reason in
 * 'why' when it is not a regular file, cannot be read or is damaged. */
static gboolean
marker_read(int dir, Marker *m, char **why)
{
  int fd = open_regular(dir, MARKER);
  if (fd < 0) {
    *why = g_strdup_printf("cannot be read: %s", g_strerror(errno));
    return FALSE;
  }
  GString *text = g_string_new(NULL);
  char buf[1 << 16];
  ssize_t n = 0;
  while (text->len <= MARKER_MAX && (n = read(fd, buf, sizeof buf)) != 0) {
    if (n > 0)
      g_string_append_len(text, buf, n);
    else if (errno != EINTR)
      break;
  }
  int err = errno;
  close(fd);
  gboolean ok = FALSE;
  if (text->len > MARKER_MAX)
    *why = g_strdup("it is larger than a marker can be");
  else if (n != 0)
    *why = g_strdup_printf("cannot be read: %s", g_strerror(err));
  else
    ok = marker_parse(text->str, text->len, m, why);
  g_string_free(text, TRUE);
  return ok;
}

#define ADVICE "klaverblad replaces the whole folder, so choose another folder or move the " \
               "files away"

/* Fails unless the folder open as 'dir', whose entries are 'seen', may be
 * replaced by a folder of 'kind'. */
static gboolean
check_entries(const char *path, int dir, const GArray *seen, KbFolderKind kind, GError **error)
{
  if (seen->len == 1)
    return TRUE;                        /* empty */
  const Seen *marker = NULL;
  for (guint i = 1; i < seen->len && marker == NULL; i++)
    if (strcmp(g_array_index(seen, Seen, i).name, MARKER) == 0)
      marker = &g_array_index(seen, Seen, i);
  if (marker == NULL) {
    g_autofree char *first = shown(g_array_index(seen, Seen, 1).name);
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it holds '%s', "
                "which klaverblad did not write (the folder has no marker '" MARKER "', which "
                "klaverblad leaves in every folder it writes); " ADVICE, path, first);
    return FALSE;
  }
  if (!S_ISREG(marker->st.st_mode)) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it holds '"
                MARKER "', %s, which klaverblad did not write; " ADVICE, path,
                kb_i_describe_mode(marker->st.st_mode));
    return FALSE;
  }
  Marker m = { 0 };
  g_autofree char *why = NULL;
  if (!marker_read(dir, &m, &why)) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': its marker '"
                MARKER "' is damaged (%s), so what klaverblad wrote there is not known; "
                ADVICE, path, why);
    marker_release(&m);
    return FALSE;
  }
  if (m.kind != kind) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it holds a %s, "
                "not a %s; choose another folder", path, kind_names[m.kind], kind_names[kind]);
    marker_release(&m);
    return FALSE;
  }
  gboolean ok = TRUE;
  for (guint i = 1; i < seen->len && ok; i++) {
    const Seen *s = &g_array_index(seen, Seen, i);
    if (s == marker)
      continue;
    g_autofree char *name = shown(s->name);
    const char *want = g_hash_table_lookup(m.sums, s->name);
    if (!S_ISREG(s->st.st_mode)) {
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it holds '%s', "
                  "%s, which klaverblad did not write; " ADVICE, path, name,
                  kb_i_describe_mode(s->st.st_mode));
      ok = FALSE;
    } else if (want == NULL) {
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it holds '%s', "
                  "which klaverblad did not write; " ADVICE, path, name);
      ok = FALSE;
    } else {
      g_autofree char *sum = file_sha256(dir, s->name);
      if (sum == NULL || strcmp(sum, want) != 0) {
        g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': '%s' was "
                    "changed after klaverblad wrote it; " ADVICE, path, name);
        ok = FALSE;
      }
    }
  }
  marker_release(&m);
  return ok;
}

/* Fails when the folder 'path' (as 'st') is the dataset 'input' or holds
 * it. */
static gboolean
check_input(const char *path, const GStatBuf *st, const char *input, GError **error)
{
  GStatBuf in, parent;
  if (input == NULL || g_stat(input, &in) != 0)
    return TRUE;
  if (in.st_dev == st->st_dev && in.st_ino == st->st_ino) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it is the dataset "
                "being read; choose another folder", path);
    return FALSE;
  }
  g_autofree char *dir = g_path_get_dirname(input);
  if (!S_ISDIR(in.st_mode) && g_stat(dir, &parent) == 0 && parent.st_dev == st->st_dev
      && parent.st_ino == st->st_ino) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it holds the "
                "dataset being read, '%s'; choose another folder", path, input);
    return FALSE;
  }
  return TRUE;
}

/* Fails unless the folder rule lets 'path' be written as a folder of
 * 'kind'. Sets *seen (when not NULL) to what it holds, or NULL when it is
 * missing. */
static gboolean
check_target(const char *path, KbFolderKind kind, const char *input, GArray **seen,
             GError **error)
{
  if (seen != NULL)
    *seen = NULL;
  GStatBuf st;
  if (g_lstat(path, &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      return TRUE;                      /* nothing there: making it says what fails */
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': %s", path,
                g_strerror(errno));
    return FALSE;
  }
  if (!S_ISDIR(st.st_mode)) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it is %s, not a "
                "folder; expected a folder or a new name", path, kb_i_describe_mode(st.st_mode));
    return FALSE;
  }
  if (!check_input(path, &st, input, error))
    return FALSE;
  int dir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  GArray *entries = dir >= 0 ? list_folder(dir) : NULL;
  if (entries == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': %s", path,
                g_strerror(errno));
    if (dir >= 0)
      close(dir);
    return FALSE;
  }
  gboolean ok = check_entries(path, dir, entries, kind, error);
  close(dir);
  if (ok && seen != NULL)
    *seen = entries;
  else
    g_array_unref(entries);
  return ok;
}

gboolean
kb_folder_check(const char *path, KbFolderKind kind, const char *input, GError **error)
{
  g_return_val_if_fail(path != NULL && (kind == KB_FOLDER_REPORT || kind == KB_FOLDER_DATASET),
                       FALSE);
  return check_target(path, kind, input, NULL, error);
}

/* -------------------------------------------------------------- folders */

gboolean
kb_i_folder_begin(KbFolder *f, const char *path, KbFolderKind kind, const char *input,
                  GError **error)
{
  g_return_val_if_fail(f != NULL && path != NULL, FALSE);
  g_return_val_if_fail(kind == KB_FOLDER_REPORT || kind == KB_FOLDER_DATASET, FALSE);
  memset(f, 0, sizeof *f);
  /* "out/" is the folder "out", not a place inside it */
  g_autofree char *target = g_strdup(path);
  for (size_t n = strlen(target); n > 1 && target[n - 1] == '/'; n--)
    target[n - 1] = '\0';
  g_autofree char *dir = g_path_get_dirname(target);
  g_autofree char *base = g_path_get_basename(target);
  if (g_mkdir_with_parents(dir, 0777) != 0) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot make the folder '%s': %s", path,
                g_strerror(errno));
    return FALSE;
  }
  GArray *seen;
  if (!check_target(target, kind, input, &seen, error))
    return FALSE;
  kb_i_remove_stale(dir, base);
  char *tmp = kb_i_temporary_template(target);
  if (g_mkdtemp_full(tmp, 0777) == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot make a folder beside '%s': %s", path,
                g_strerror(errno));
    g_free(tmp);
    if (seen != NULL)
      g_array_unref(seen);
    return FALSE;
  }
  f->path = g_steal_pointer(&target);
  f->tmp = tmp;
  f->kind = kind;
  f->seen = seen;
  return TRUE;
}

char *
kb_i_folder_file(const KbFolder *f, const char *name)
{
  g_return_val_if_fail(f != NULL && f->tmp != NULL && name != NULL, NULL);
  return g_build_filename(f->tmp, name, NULL);
}

/* Sets the error for the file 'name' of the folder, named as it will be. */
static void
set_file_error(const KbFolder *f, const char *name, int err, GError **error)
{
  g_autofree char *in_target = g_build_filename(f->path, name, NULL);
  g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", in_target, g_strerror(err));
}

FILE *
kb_i_folder_open(const KbFolder *f, const char *name, GError **error)
{
  g_return_val_if_fail(f != NULL && f->tmp != NULL && name != NULL, NULL);
  g_autofree char *path = kb_i_folder_file(f, name);
  FILE *out = fopen(path, "wb");
  if (out == NULL)
    set_file_error(f, name, errno, error);
  return out;
}

gboolean
kb_i_folder_close(const KbFolder *f, const char *name, FILE *out, GError **error)
{
  g_return_val_if_fail(f != NULL && name != NULL && out != NULL, FALSE);
  gboolean ok = fflush(out) == 0 && !ferror(out);
  int err = errno;
  if (fclose(out) != 0 && ok) {
    ok = FALSE;
    err = errno;
  }
  if (!ok)
    set_file_error(f, name, err ? err : EIO, error);
  return ok;
}

gboolean
kb_i_folder_write(const KbFolder *f, const char *name, const char *text, GError **error)
{
  g_return_val_if_fail(f != NULL && f->tmp != NULL && name != NULL && text != NULL, FALSE);
  FILE *out = kb_i_folder_open(f, name, error);
  if (out == NULL)
    return FALSE;
  fwrite(text, 1, strlen(text), out);
  return kb_i_folder_close(f, name, out, error);
}

/* Writes the marker into the temporary folder: the kind and every file
 * there with its SHA-256, in name order. */
static gboolean
write_marker(KbFolder *f, GError **error)
{
  int dir = open(f->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  g_autoptr(GArray) seen = dir >= 0 ? list_folder(dir) : NULL;
  if (seen == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot read the folder '%s': %s", f->tmp,
                g_strerror(errno));
    if (dir >= 0)
      close(dir);
    return FALSE;
  }
  GString *text = g_string_new("# klaverblad wrote this folder. This marker lists what kind of "
                               "folder it is and each file klaverblad wrote here, with its "
                               "SHA-256, so that a later run may replace the folder while those "
                               "files are unchanged; delete it and klaverblad will refuse to "
                               "replace the folder.\n");
  g_string_append_printf(text, "kind %s\n", kind_names[f->kind]);
  gboolean ok = TRUE;
  for (guint i = 1; i < seen->len && ok; i++) {
    const Seen *s = &g_array_index(seen, Seen, i);
    g_autofree char *sum = file_sha256(dir, s->name);
    if (sum == NULL || !is_file_name(s->name, strlen(s->name))) {
      g_autofree char *name = shown(s->name);
      g_set_error(error, KB_ERROR, KB_ERROR_INTERNAL, "cannot write the folder '%s': '%s' in "
                  "its temporary folder is not a file klaverblad can list", f->path, name);
      ok = FALSE;
    } else {
      g_string_append_printf(text, "%s  %s\n", sum, s->name);
    }
  }
  close(dir);
  ok = ok && kb_i_folder_write(f, MARKER, text->str, error);
  g_string_free(text, TRUE);
  return ok;
}

/* Whether the folder at 'path' holds what 'seen' says it held (NULL: it
 * was missing): the same folder, the same entries, none changed. */
static gboolean
unchanged(const char *path, const GArray *seen)
{
  int dir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0 || seen == NULL) {
    if (dir >= 0)
      close(dir);
    return FALSE;
  }
  g_autoptr(GArray) now = list_folder(dir);
  close(dir);
  if (now == NULL || now->len != seen->len)
    return FALSE;
  for (guint i = 0; i < now->len; i++) {
    const Seen *a = &g_array_index(now, Seen, i), *b = &g_array_index(seen, Seen, i);
    const struct stat *x = &a->st, *y = &b->st;
    if (strcmp(a->name, b->name) != 0 || x->st_dev != y->st_dev || x->st_ino != y->st_ino
        || x->st_mode != y->st_mode || (i > 0 && x->st_size != y->st_size)
        || (i > 0 && (x->st_mtim.tv_sec != y->st_mtim.tv_sec
                      || x->st_mtim.tv_nsec != y->st_mtim.tv_nsec
                      || x->st_ctim.tv_sec != y->st_ctim.tv_sec
                      || x->st_ctim.tv_nsec != y->st_ctim.tv_nsec)))
      return FALSE;
  }
  return TRUE;
}

static void
set_changed_error(const KbFolder *f, GError **error)
{
  g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it changed while "
              "klaverblad was writing it, so it was left as it is; run again to check it anew",
              f->path);
}

/* Where the file system cannot exchange two names (NFS, some FUSE file
 * systems): the old folder is renamed away under a temporary name, checked,
 * the new one renamed in, and the old one removed. A run killed between the
 * two renames leaves both, hidden; kb_i_remove_stale() leaves them alone while
 * the target is missing. */
static gboolean
swap(KbFolder *f, GError **error)
{
  g_autofree char *old = kb_i_temporary_template(f->path);
  int err = 0;
  if (g_mkdtemp(old) == NULL) {
    err = errno;
  } else if (g_rename(f->path, old) != 0) {     /* onto the empty folder just made */
    err = errno;
    g_rmdir(old);
  } else if (!unchanged(old, f->seen)) {
    g_rename(old, f->path);
    set_changed_error(f, error);
    return FALSE;
  } else if (g_rename(f->tmp, f->path) != 0) {
    err = errno;
    g_rename(old, f->path);
  }
  if (err != 0) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot put the folder '%s' in place: %s",
                f->path, g_strerror(err));
    return FALSE;
  }
  kb_i_remove_tree(old);
  g_clear_pointer(&f->tmp, g_free);
  return TRUE;
}

gboolean
kb_i_folder_commit(KbFolder *f, GError **error)
{
  g_return_val_if_fail(f != NULL && f->tmp != NULL, FALSE);
  if (!write_marker(f, error))
    return FALSE;
  /* a new target: one rename (which also replaces an empty folder); an
   * existing one: exchanged in one step, then the old folder, now under
   * the temporary name, is removed if it is still as it was checked */
  if (g_rename(f->tmp, f->path) == 0) {
    g_clear_pointer(&f->tmp, g_free);
    return TRUE;
  }
  int err = errno;
  if (err == EEXIST || err == ENOTEMPTY || err == EISDIR) {
    if (renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->path, RENAME_EXCHANGE) == 0) {
      if (!unchanged(f->tmp, f->seen)) {
        if (renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->path, RENAME_EXCHANGE) == 0) {
          set_changed_error(f, error);
          return FALSE;
        }
        /* cannot happen: the same two names were exchanged a moment ago;
         * the old folder is kept, under the temporary name */
        g_set_error(error, KB_ERROR, KB_ERROR_IO, "the folder '%s' changed while klaverblad "
                    "was writing it, and what it held is now in '%s'", f->path, f->tmp);
        g_clear_pointer(&f->tmp, g_free);
        return FALSE;
      }
      kb_i_remove_tree(f->tmp);
      g_clear_pointer(&f->tmp, g_free);
      return TRUE;
    }
    err = errno;
    if (err == EINVAL)
      return swap(f, error);
  }
  g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot put the folder '%s' in place: %s", f->path,
              g_strerror(err));
  return FALSE;
}

void
kb_i_folder_release(KbFolder *f)
{
  if (f->tmp != NULL)
    kb_i_remove_tree(f->tmp);
  g_clear_pointer(&f->tmp, g_free);
  g_clear_pointer(&f->path, g_free);
  g_clear_pointer(&f->seen, g_array_unref);
}
