/* file.c -- files written through a temporary name and renamed. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include <unistd.h>

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "klaverblad/error.h"
#include "klaverblad/file.h"

struct KbAtomicFile {
  FILE *f;
  char *tmp;
  char *path;
};

KbAtomicFile *
kb_atomic_file_open(const char *path, GError **error)
{
  g_return_val_if_fail(path != NULL, NULL);
  KbAtomicFile *file = g_new0(KbAtomicFile, 1);
  file->path = g_strdup(path);
  file->tmp = g_strdup_printf("%s.tmp-XXXXXX", path);
  int fd = g_mkstemp(file->tmp);
  if (fd >= 0) {
    /* the usual permissions, as the file would have without the temporary name */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    file->f = fdopen(fd, "w");
  }
  if (file->f == NULL) {
    int saved = errno;
    if (fd >= 0) {
      close(fd);
      g_unlink(file->tmp);
    }
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", path, g_strerror(saved));
    g_free(file->tmp);
    g_free(file->path);
    g_free(file);
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

static void
file_free(KbAtomicFile *file)
{
  g_free(file->tmp);
  g_free(file->path);
  g_free(file);
}

gboolean
kb_atomic_file_commit(KbAtomicFile *file, GError **error)
{
  g_return_val_if_fail(file != NULL, FALSE);
  gboolean ok = fflush(file->f) == 0 && !ferror(file->f);
  int saved = errno;
  if (fclose(file->f) != 0 && ok) {
    ok = FALSE;
    saved = errno;
  }
  if (ok && g_rename(file->tmp, file->path) != 0) {
    ok = FALSE;
    saved = errno;
  }
  if (!ok) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write '%s': %s", file->path,
                g_strerror(saved));
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
