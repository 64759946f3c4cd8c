/* input.c -- input files made ready to be read.
 *
 * Detection reads a file's first bytes, and the CSV reader reads a file
 * twice (once to check its text, once to parse it); a pipe, a FIFO, a
 * character device or standard input gives its bytes once only, and has no
 * size to check against the memory available before it is read. Such a
 * stream is therefore copied once into a private temporary file (0600, in
 * g_get_tmp_dir()), which everything after reads as it would a regular
 * file. The copy is guarded as it grows: it stops one byte past the byte
 * limit, and as soon as what it holds would not fit in memory once loaded.
 * Its name is removed as soon as it is made, where the system lets the open
 * file be read through /proc/self/fd (Linux), so that not even a killed run
 * leaves it behind; elsewhere it is removed on release. */
#define _POSIX_C_SOURCE 200809L   /* O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "klaverblad/error.h"
#include "io/io_internal.h"

/* Bytes read from a stream at a time, and between two looks at the memory
 * available. */
#define CHUNK ((size_t) 1 << 20)
#define MEMORY_EVERY ((guint64) 4 << 20)

static void
too_large(const char *name, guint64 size, gboolean stream, guint64 max, GError **error)
{
  g_autofree char *held = stream ? g_strdup_printf("more than %" G_GUINT64_FORMAT, max)
    : g_strdup_printf("%" G_GUINT64_FORMAT " bytes, more than %" G_GUINT64_FORMAT, size, max);
  g_set_error(error, KB_ERROR, KB_ERROR_LIMIT,
              "'%s' holds %s bytes, the most an input file may hold; expected at most %"
              G_GUINT64_FORMAT " bytes (raise the limit with --max-bytes N)", name, held, max);
}

/* Writes all of data[0..len) to fd. */
static gboolean
write_all(int fd, const char *data, size_t len)
{
  while (len > 0) {
    ssize_t n = write(fd, data, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return FALSE;
    data += n;
    len -= (size_t) n;
  }
  return TRUE;
}

/* Makes the private copy that in->fd holds, reachable at in->path: through
 * /proc/self/fd once its name is gone, else by its name. */
static gboolean
make_copy(KbInput *in, GError **error)
{
  g_autoptr(GError) err = NULL;
  char *name = NULL;
  int fd = g_file_open_tmp("klaverblad-input-XXXXXX", &name, &err);
  if (fd < 0) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot read '%s': no temporary file to copy it "
                "into in %s: %s", in->name, g_get_tmp_dir(), err->message);
    return FALSE;
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  in->fd = fd;
  in->spool = name;
  g_free(in->path);
  in->path = g_strdup_printf("/proc/self/fd/%d", fd);
  GStatBuf held, seen;
  if (fstat(fd, &held) == 0 && g_stat(in->path, &seen) == 0 && held.st_dev == seen.st_dev
      && held.st_ino == seen.st_ino && g_unlink(name) == 0) {
    g_clear_pointer(&in->spool, g_free);
  } else {
    g_free(in->path);
    in->path = g_strdup(name);
  }
  return TRUE;
}

/* Copies the stream open on 'src' into a private file, under the limits. */
static gboolean
copy_stream(KbInput *in, int src, KbFormat format, const KbLimits *limits, GError **error)
{
  if (!make_copy(in, error))
    return FALSE;
  KbSniff sniff;
  kb_i_sniff_init(&sniff);
  gboolean known = format != KB_FORMAT_AUTO;
  guint64 total = 0, look = MEMORY_EVERY;
  g_autofree char *buf = g_malloc(CHUNK);
  for (;;) {
    /* never more than a byte past the limit */
    guint64 room = limits->max_bytes - total;
    size_t want = room < CHUNK ? (size_t) room + 1 : CHUNK;
    ssize_t got = read(src, buf, want);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot read '%s': %s", in->name,
                  g_strerror(errno));
      return FALSE;
    }
    if (got == 0)
      return TRUE;
    if ((guint64) got > room) {
      too_large(in->name, 0, TRUE, limits->max_bytes, error);
      return FALSE;
    }
    if (!known)
      known = kb_i_sniff_feed(&sniff, (const unsigned char *) buf, (size_t) got);
    if (!write_all(in->fd, buf, (size_t) got)) {
      g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot read '%s': copying it into a temporary "
                  "file in %s failed: %s", in->name, g_get_tmp_dir(), g_strerror(errno));
      return FALSE;
    }
    total += (guint64) got;
    /* until the first bytes say which format, as an edge list: what an
     * input that says nothing more is, and the most memory a byte takes */
    if (total >= look) {
      look = total + MEMORY_EVERY;
      KbFormat as = format != KB_FORMAT_AUTO ? format : kb_i_sniff_format(&sniff);
      if (!kb_i_memory_check_read(in->name, total, as, error))
        return FALSE;
    }
  }
}

gboolean
kb_i_input_open(KbInput *in, const char *path, KbFormat format, const KbLimits *limits,
                GError **error)
{
  g_return_val_if_fail(in != NULL && in->name == NULL && path != NULL && limits != NULL, FALSE);
  gboolean is_stdin = strcmp(path, "-") == 0;
  in->name = g_strdup(kb_input_name(path));
  in->path = g_strdup(path);
  if (!is_stdin) {
    GStatBuf st;
    if (g_stat(path, &st) != 0 || S_ISDIR(st.st_mode))
      return TRUE;   /* the loaders say what is wrong, or read the folder's files */
    if (S_ISREG(st.st_mode)) {
      if ((guint64) st.st_size > limits->max_bytes) {
        too_large(in->name, (guint64) st.st_size, FALSE, limits->max_bytes, error);
        return FALSE;
      }
      return TRUE;
    }
  }
  /* opening a FIFO waits for its writer, and a signal may cut the wait
   * short: that is no reason to read it otherwise */
  int src = STDIN_FILENO;
  if (!is_stdin)
    do
      src = open(path, O_RDONLY | O_CLOEXEC);
    while (src < 0 && errno == EINTR);
  if (src < 0)
    return TRUE;     /* the loaders say why it cannot be read */
  gboolean ok = copy_stream(in, src, format, limits, error);
  if (!is_stdin)
    close(src);
  return ok;
}

void
kb_i_input_release(KbInput *in)
{
  if (in->fd >= 0)
    close(in->fd);
  if (in->spool != NULL)
    g_unlink(in->spool);
  g_free(in->spool);
  g_free(in->name);
  g_free(in->path);
  *in = (KbInput) KB_INPUT_INIT;
}
