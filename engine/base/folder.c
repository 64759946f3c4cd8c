/* folder.c -- a file or a folder written whole: into a temporary beside
 * it, then renamed or swapped into place. */
#define _GNU_SOURCE             /* renameat2, RENAME_EXCHANGE */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "base/folder.h"
#include "klaverblad/error.h"
#include "klaverblad/file.h"
#include "klaverblad/output.h"

#define TAG ".klaverblad-"

/* Removes 'path' and, for a folder, everything in it, without following
 * links. Best effort: what cannot be removed stays. */
static void
remove_tree(const char *path)
{
  GStatBuf st;
  if (g_lstat(path, &st) != 0)
    return;
  if (S_ISDIR(st.st_mode)) {
    GDir *d = g_dir_open(path, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
      g_autofree char *child = g_build_filename(path, name, NULL);
      remove_tree(child);
    }
    if (d != NULL)
      g_dir_close(d);
    g_rmdir(path);
  } else {
    g_unlink(path);
  }
}

/* The pid in a temporary folder's name ".BASE.klaverblad-PID-XXXXXX", or 0
 * when 'name' is not one of BASE's. */
static pid_t
temporary_pid(const char *name, const char *base)
{
  size_t n = strlen(base);
  if (name[0] != '.' || strncmp(name + 1, base, n) != 0 || !g_str_has_prefix(name + 1 + n, TAG))
    return 0;
  const char *p = name + 1 + n + strlen(TAG);
  char *end;
  guint64 pid = g_ascii_strtoull(p, &end, 10);
  if (end == p || *end != '-' || strlen(end + 1) != 6 || pid == 0 || pid > G_MAXINT32)
    return 0;
  return (pid_t) pid;
}

/* Removes the temporaries beside 'dir'/'base' of runs that have ended:
 * folders and files, or only files. */
static void
remove_stale(const char *dir, const char *base, gboolean files_only)
{
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
    pid_t pid = temporary_pid(name, base);
    if (pid == 0 || pid == getpid() || kill(pid, 0) == 0 || errno == EPERM)
      continue;
    g_autofree char *full = g_build_filename(dir, name, NULL);
    if (files_only && !g_file_test(full, G_FILE_TEST_IS_REGULAR))
      continue;
    remove_tree(full);
  }
}

/* A new temporary name beside 'path', as a template for mkstemp/mkdtemp. */
static char *
temporary_template(const char *path)
{
  g_autofree char *dir = g_path_get_dirname(path);
  g_autofree char *base = g_path_get_basename(path);
  g_autofree char *name = g_strdup_printf(".%s" TAG "%d-XXXXXX", base, (int) getpid());
  return g_build_filename(dir, name, NULL);
}

/* ---------------------------------------------------------------- files */

struct KbAtomicFile {
  FILE *f;
  char *tmp;
  char *path;
};

static void
file_free(KbAtomicFile *file)
{
  g_free(file->tmp);
  g_free(file->path);
  g_free(file);
}

KbAtomicFile *
kb_atomic_file_open(const char *path, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  g_autofree char *dir = g_path_get_dirname(path);
  g_autofree char *base = g_path_get_basename(path);
  remove_stale(dir, base, TRUE);
  KbAtomicFile *file = g_new0(KbAtomicFile, 1);
  file->path = g_strdup(path);
  file->tmp = temporary_template(path);
  int fd = g_mkstemp_full(file->tmp, O_WRONLY, 0666);
  if (fd >= 0)
    file->f = fdopen(fd, "w");
  if (file->f == NULL) {
    int err = errno;
    if (fd >= 0) {
      close(fd);
      g_unlink(file->tmp);
    }
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", path, g_strerror(err));
    file_free(file);
    return NULL;
  }
  return file;
}

void
kb_atomic_file_printf(KbAtomicFile *file, const char *format, ...)
{
  g_return_if_fail(file != NULL && format != NULL);
  va_list ap;
  va_start(ap, format);
  vfprintf(file->f, format, ap);
  va_end(ap);
}

void
kb_atomic_file_write(KbAtomicFile *file, const char *data, size_t len)
{
  g_return_if_fail(file != NULL && (data != NULL || len == 0));
  fwrite(data, 1, len, file->f);
}

gboolean
kb_atomic_file_commit(KbAtomicFile *file, GError **error)
{
  g_return_val_if_fail(file != NULL, FALSE);
  gboolean ok = fflush(file->f) == 0 && !ferror(file->f);
  int err = errno;
  if (ok && fsync(fileno(file->f)) != 0) {
    ok = FALSE;
    err = errno;
  }
  if (fclose(file->f) != 0 && ok) {
    ok = FALSE;
    err = errno;
  }
  if (ok && g_rename(file->tmp, file->path) != 0) {
    ok = FALSE;
    err = errno;
  }
  if (!ok) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", file->path,
                g_strerror(err));
    g_unlink(file->tmp);
  }
  file_free(file);
  return ok;
}

void
kb_atomic_file_abort(KbAtomicFile *file)
{
  if (file == NULL)
    return;
  fclose(file->f);
  g_unlink(file->tmp);
  file_free(file);
}

gboolean
kb_file_write(const char *path, const char *text, GError **error)
{
  g_return_val_if_fail(path != NULL && text != NULL, FALSE);
  KbAtomicFile *file = kb_atomic_file_open(path, error);
  if (file == NULL)
    return FALSE;
  kb_atomic_file_write(file, text, strlen(text));
  return kb_atomic_file_commit(file, error);
}

/* -------------------------------------------------------------- folders */

/* Fails unless 'path' is missing, or a folder that holds only regular
 * files 'owns' accepts. */
static gboolean
check_target(const char *path, KbFolderOwnsFunc owns, GError **error)
{
  GStatBuf st;
  if (g_lstat(path, &st) != 0) {
    if (errno == ENOENT)
      return TRUE;
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", path, g_strerror(errno));
    return FALSE;
  }
  if (!S_ISDIR(st.st_mode)) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it exists and "
                "is not a folder; expected a folder or a new name", path);
    return FALSE;
  }
  g_autoptr(GError) err = NULL;
  g_autoptr(GDir) d = g_dir_open(path, 0, &err);
  if (d == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': %s", path,
                err->message);
    return FALSE;
  }
  const char *name;
  while ((name = g_dir_read_name(d)) != NULL) {
    g_autofree char *full = g_build_filename(path, name, NULL);
    if (g_lstat(full, &st) == 0 && S_ISREG(st.st_mode) && owns(name))
      continue;
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the folder '%s': it holds '%s', "
                "which klaverblad does not write there; the whole folder is replaced, so "
                "expected a new folder, an empty one or one klaverblad wrote", path, name);
    return FALSE;
  }
  return TRUE;
}

gboolean
kb_i_folder_begin(KbFolder *f, const char *path, KbFolderOwnsFunc owns, GError **error)
{
  g_return_val_if_fail(f != NULL && path != NULL && owns != NULL, FALSE);
  memset(f, 0, sizeof *f);
  g_autofree char *dir = g_path_get_dirname(path);
  g_autofree char *base = g_path_get_basename(path);
  if (g_mkdir_with_parents(dir, 0777) != 0) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot make the folder '%s': %s", path,
                g_strerror(errno));
    return FALSE;
  }
  if (!check_target(path, owns, error))
    return FALSE;
  /* while the target is missing a stale folder may be the only copy */
  if (g_file_test(path, G_FILE_TEST_IS_DIR))
    remove_stale(dir, base, FALSE);
  char *tmp = temporary_template(path);
  if (g_mkdtemp_full(tmp, 0777) == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot make a folder beside '%s': %s", path,
                g_strerror(errno));
    g_free(tmp);
    return FALSE;
  }
  f->path = g_strdup(path);
  f->tmp = tmp;
  return TRUE;
}

char *
kb_i_folder_file(const KbFolder *f, const char *name)
{
  g_return_val_if_fail(f != NULL && f->tmp != NULL && name != NULL, NULL);
  return g_build_filename(f->tmp, name, NULL);
}

/* Where the file system cannot exchange two names (NFS, some FUSE file
 * systems): the old folder is renamed away under a temporary name, the new
 * one renamed in, and the old one removed. A run killed between the two
 * renames leaves both, hidden; remove_stale() leaves them alone while the
 * target is missing. */
static gboolean
swap(KbFolder *f)
{
  g_autofree char *old = temporary_template(f->path);
  if (g_mkdtemp(old) == NULL)
    return FALSE;
  if (g_rename(f->path, old) != 0) {   /* onto the empty folder just made */
    int err = errno;
    g_rmdir(old);
    errno = err;
    return FALSE;
  }
  if (g_rename(f->tmp, f->path) != 0) {
    int err = errno;
    g_rename(old, f->path);
    errno = err;
    return FALSE;
  }
  remove_tree(old);
  g_clear_pointer(&f->tmp, g_free);
  return TRUE;
}

gboolean
kb_i_folder_write(const KbFolder *f, const char *name, const char *text, GError **error)
{
  g_return_val_if_fail(f != NULL && f->tmp != NULL && name != NULL && text != NULL, FALSE);
  g_autofree char *path = kb_i_folder_file(f, name);
  FILE *out = fopen(path, "wb");
  size_t len = strlen(text);
  gboolean ok = out != NULL && fwrite(text, 1, len, out) == len;
  int err = errno;
  if (out != NULL && fclose(out) != 0 && ok) {
    ok = FALSE;
    err = errno;
  }
  if (!ok) {
    g_autofree char *shown = g_build_filename(f->path, name, NULL);
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", shown, g_strerror(err));
  }
  return ok;
}

gboolean
kb_i_folder_commit(KbFolder *f, GError **error)
{
  g_return_val_if_fail(f != NULL && f->tmp != NULL, FALSE);
  /* a new target: one rename; an existing one: exchanged in one step, then
   * the old folder, now under the temporary name, is removed */
  if (g_rename(f->tmp, f->path) == 0) {
    g_clear_pointer(&f->tmp, g_free);
    return TRUE;
  }
  int err = errno;
  if (err == EEXIST || err == ENOTEMPTY || err == EISDIR) {
    if (renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->path, RENAME_EXCHANGE) == 0) {
      remove_tree(f->tmp);
      g_clear_pointer(&f->tmp, g_free);
      return TRUE;
    }
    err = errno;
    if (err == EINVAL && swap(f))
      return TRUE;
    err = errno;
  }
  g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot put the folder '%s' in place: %s", f->path,
              g_strerror(err));
  return FALSE;
}

void
kb_i_folder_release(KbFolder *f)
{
  if (f->tmp != NULL)
    remove_tree(f->tmp);
  g_clear_pointer(&f->tmp, g_free);
  g_clear_pointer(&f->path, g_free);
}
