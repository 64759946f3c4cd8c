/* file.c -- files written whole: into a temporary beside them, then
 * renamed into place, or straight into a device or FIFO; and the
 * temporaries that files and folders share (folder.h). */
#define _GNU_SOURCE             /* realpath, S_ISSOCK, O_CLOEXEC */
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

/* ---------------------------------------------------------- file targets */

/* Whether the symbolic link 'path' is, or leads through, /proc/PID/fd/N
 * (as /dev/stdout and /dev/fd/N do) to a file some process has open: it is
 * appended to, as the shell's ">>" would, not replaced behind that
 * process's back. */
static gboolean
is_open_file(const char *path)
{
  g_autofree char *at = g_strdup(path);
  for (int hops = 0; hops < 40; hops++) {
    g_autofree char *dir = g_path_get_dirname(at);
    char *real = realpath(dir, NULL);
    gboolean fds = real != NULL && g_str_has_prefix(real, "/proc/") && g_str_has_suffix(real, "/fd");
    free(real);
    if (fds)
      return TRUE;
    char *to = g_file_read_link(at, NULL);
    if (to == NULL)
      return FALSE;
    g_free(at);
    at = g_path_is_absolute(to) ? to : g_build_filename(dir, to, NULL);
    if (at != to)
      g_free(to);
  }
  return FALSE;
}

gboolean
kb_i_file_target_init(KbFileTarget *t, const char *path, GError **error)
{
  g_return_val_if_fail(t != NULL && path != NULL, FALSE);
  memset(t, 0, sizeof *t);
  GStatBuf lst, st;
  if (g_lstat(path, &lst) != 0) {
    if (errno != ENOENT) {
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", path, g_strerror(errno));
      return FALSE;
    }
    memset(&lst, 0, sizeof lst);
    lst.st_mode = S_IFREG;          /* a new file */
    st = lst;
  } else if (!S_ISLNK(lst.st_mode)) {
    st = lst;
  } else if (g_stat(path, &st) != 0) {
    int err = errno;
    g_autofree char *to = g_file_read_link(path, NULL);
    if (err == ENOENT)
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': it is a symbolic link to "
                  "'%s', which does not exist; expected a file or a new name", path,
                  to ? to : "?");
    else
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", path, g_strerror(err));
    return FALSE;
  }
  if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
    if (S_ISDIR(st.st_mode))
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': it is a folder; expected "
                  "a file name", path);
    else
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': it is %s, which klaverblad "
                  "does not write to; expected a file, a character device, a FIFO or a new name",
                  path, kb_i_describe_mode(st.st_mode));
    return FALSE;
  }
  t->path = g_strdup(path);
  t->type = st.st_mode & S_IFMT;
  t->stream = !S_ISREG(st.st_mode) || (S_ISLNK(lst.st_mode) && is_open_file(path));
  if (S_ISLNK(lst.st_mode) && !t->stream) {
    char *real = realpath(path, NULL);
    if (real == NULL) {
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", path, g_strerror(errno));
      kb_i_file_target_release(t);
      return FALSE;
    }
    t->dest = g_strdup(real);
    free(real);
  } else {
    t->dest = g_strdup(path);
  }
  return TRUE;
}

void
kb_i_file_target_release(KbFileTarget *t)
{
  g_clear_pointer(&t->path, g_free);
  g_clear_pointer(&t->dest, g_free);
}

char *
kb_i_file_target_scratch(const KbFileTarget *t, GError **error)
{
  g_return_val_if_fail(t != NULL && t->dest != NULL, NULL);
  g_autofree char *base = g_path_get_basename(t->dest);
  g_autofree char *dir = t->stream ? g_strdup(g_get_tmp_dir()) : g_path_get_dirname(t->dest);
  kb_i_remove_stale(dir, base);
  g_autofree char *beside = g_build_filename(dir, base, NULL);
  char *tmp = kb_i_temporary_template(beside);
  if (g_mkdtemp_full(tmp, 0700) == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot make a temporary folder in '%s' for '%s': "
                "%s", dir, t->path, g_strerror(errno));
    g_free(tmp);
    return NULL;
  }
  return tmp;
}

/* Opens the stream of 't' for writing, at its end; -1 with the error set. */
static int
stream_open(const KbFileTarget *t, GError **error)
{
  int fd;
  do      /* a FIFO's open waits for its reader; a signal may cut it short */
    fd = open(t->dest, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) != t->type) {
    close(fd);
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': it was replaced by %s while "
                "klaverblad ran", t->path, kb_i_describe_mode(st.st_mode));
    return -1;
  }
  if (fd < 0)
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", t->path, g_strerror(errno));
  return fd;
}

gboolean
kb_i_file_target_put(const KbFileTarget *t, const char *from, GError **error)
{
  g_return_val_if_fail(t != NULL && t->dest != NULL && from != NULL, FALSE);
  if (!t->stream) {
    if (g_rename(from, t->dest) == 0)
      return TRUE;
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", t->path, g_strerror(errno));
    return FALSE;
  }
  int in = open(from, O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot read '%s': %s", from, g_strerror(errno));
    return FALSE;
  }
  int out = stream_open(t, error);
  if (out < 0) {
    close(in);
    return FALSE;
  }
  char buf[1 << 16];
  ssize_t n = 0;
  int err = 0;
  while (err == 0 && (n = read(in, buf, sizeof buf)) != 0) {
    if (n < 0) {
      err = errno == EINTR ? 0 : errno;
      continue;
    }
    for (ssize_t done = 0, w; err == 0 && done < n; done += w > 0 ? w : 0)
      if ((w = write(out, buf + done, (size_t) (n - done))) < 0 && errno != EINTR)
        err = errno;
  }
  close(in);
  if (close(out) != 0 && err == 0)
    err = errno;
  if (err != 0)
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", t->path, g_strerror(err));
  return err == 0;
}

/* ---------------------------------------------------------------- files */

struct KbAtomicFile {
  FILE *f;
  char *tmp;            /* NULL for a stream */
  KbFileTarget target;
};

static void
file_free(KbAtomicFile *file)
{
  g_free(file->tmp);
  kb_i_file_target_release(&file->target);
  g_free(file);
}

KbAtomicFile *
kb_atomic_file_open(const char *path, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  KbAtomicFile *file = g_new0(KbAtomicFile, 1);
  if (!kb_i_file_target_init(&file->target, path, error)) {
    file_free(file);
    return NULL;
  }
  int fd = -1, err = 0;
  if (file->target.stream) {
    fd = stream_open(&file->target, error);
    if (fd < 0) {
      file_free(file);
      return NULL;
    }
  } else {
    g_autofree char *dir = g_path_get_dirname(file->target.dest);
    g_autofree char *base = g_path_get_basename(file->target.dest);
    kb_i_remove_stale(dir, base);
    file->tmp = kb_i_temporary_template(file->target.dest);
    fd = g_mkstemp_full(file->tmp, O_WRONLY, 0666);
  }
  err = errno;
  if (fd >= 0)
    file->f = fdopen(fd, "w");
  if (file->f == NULL) {
    if (fd >= 0) {
      err = errno;
      close(fd);
      if (file->tmp != NULL)
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
  /* a device or FIFO has nothing to sync or rename */
  if (ok && file->tmp != NULL && fsync(fileno(file->f)) != 0) {
    ok = FALSE;
    err = errno;
  }
  if (fclose(file->f) != 0 && ok) {
    ok = FALSE;
    err = errno;
  }
  if (ok && file->tmp != NULL && g_rename(file->tmp, file->target.dest) != 0) {
    ok = FALSE;
    err = errno;
  }
  if (!ok) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", file->target.path,
                g_strerror(err));
    if (file->tmp != NULL)
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
  if (file->tmp != NULL)
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
