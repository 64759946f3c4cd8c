/* file.c -- files written whole: into a temporary beside them, then
 * renamed into place; and the temporaries that files and folders share
 * (folder.h). */
#define _GNU_SOURCE             /* S_ISSOCK, kill */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "base/folder.h"
#include "klaverblad/error.h"
#include "klaverblad/file.h"
#include "klaverblad/output.h"

#define TAG ".klaverblad-"

const char *
kb_i_describe_mode(mode_t mode)
{
  return S_ISREG(mode) ? "a file" : S_ISDIR(mode) ? "a folder" : S_ISLNK(mode) ? "a symbolic link"
       : S_ISCHR(mode) ? "a character device" : S_ISBLK(mode) ? "a block device"
       : S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket" : "a special file";
}

/* ----------------------------------------------------------- temporaries */

void
kb_i_remove_tree(const char *path)
{
  GStatBuf st;
  if (g_lstat(path, &st) != 0)
    return;
  if (S_ISDIR(st.st_mode)) {
    GDir *d = g_dir_open(path, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
      g_autofree char *child = g_build_filename(path, name, NULL);
      kb_i_remove_tree(child);
    }
    if (d != NULL)
      g_dir_close(d);
    g_rmdir(path);
  } else {
    g_unlink(path);
  }
}

/* The pid in a temporary's name ".BASE.klaverblad-PID-XXXXXX", or 0 when
 * 'name' is not one of BASE's. */
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

void
kb_i_remove_stale(const char *dir, const char *base)
{
  g_autofree char *target = g_build_filename(dir, base, NULL);
  GStatBuf st;
  gboolean missing = g_lstat(target, &st) != 0 && errno == ENOENT;
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
    pid_t pid = temporary_pid(name, base);
    if (pid == 0 || pid == getpid() || kill(pid, 0) == 0 || errno == EPERM)
      continue;
    g_autofree char *full = g_build_filename(dir, name, NULL);
    g_autofree char *marker = g_build_filename(full, KB_I_FOLDER_MARKER, NULL);
    if (missing && g_lstat(marker, &st) == 0)
      continue;
    kb_i_remove_tree(full);
  }
}

char *
kb_i_temporary_template(const char *path)
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
  kb_i_remove_stale(dir, base);
  KbAtomicFile *file = g_new0(KbAtomicFile, 1);
  file->path = g_strdup(path);
  file->tmp = kb_i_temporary_template(path);
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
