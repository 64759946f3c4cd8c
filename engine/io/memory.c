/* memory.c -- whether an input fits in memory, asked before it is read, so
 * that a dataset too large for the machine is refused with a clear message
 * rather than ending in the OOM killer or in GLib's abort on a failed
 * allocation. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "klaverblad/error.h"
#include "io/io_internal.h"

/* Memory per byte of input, measured with `klaverblad check` (Release
 * build) on the data `klaverblad generate --orgs 100000` writes (35.8 MB)
 * and its exports, as the larger of the peak resident set over the input's
 * size and the growth of the address space (VmPeak less that of a run that
 * reads nothing, 61 MB) over it, which an address-space limit (ulimit -v)
 * meets first: folder 7.7 and 9.6, Kumu 6.5 and 8.0, JSON 9.6 and 9.6,
 * GraphML 7.1 and 7.5, and an edge list of its from,to columns 25.2 and
 * 32.2 (many nodes for few bytes). Rounded up. */
static guint64
bytes_per_byte(KbFormat format)
{
  switch (format) {
  case KB_FORMAT_FOLDER: return 10;
  case KB_FORMAT_KUMU: return 9;
  case KB_FORMAT_JSON: return 10;
  case KB_FORMAT_GRAPHML: return 8;
  case KB_FORMAT_XLSX: return 40;   /* not measured: the XML of a sheet is about four times
                                     * its CSV and compresses about tenfold */
  case KB_FORMAT_EDGELIST:
  case KB_FORMAT_AUTO: return 33;
  }
  return 33;
}

/* The number after "KEY:" at the start of a line of the file at 'path' (as
 * in /proc/meminfo), or at its very start when 'key' is NULL, times 'unit'.
 * FALSE when there is none (as for a cgroup's "max"). */
static gboolean
read_number(const char *path, const char *key, guint64 unit, guint64 *out)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents(path, &text, NULL, NULL))
    return FALSE;
  const char *p = text;
  if (key != NULL) {
    g_autofree char *line = g_strdup_printf("\n%s:", key);
    if (g_str_has_prefix(text, line + 1))
      p = text + strlen(line + 1);
    else if ((p = strstr(text, line)) != NULL)
      p += strlen(line);
    else
      return FALSE;
  }
  while (*p == ' ' || *p == '\t')
    p++;
  char *end;
  guint64 v = g_ascii_strtoull(p, &end, 10);
  if (end == p)
    return FALSE;
  *out = v * unit;
  return TRUE;
}

/* The memory this process may still take, in bytes: the least of the
 * kernel's estimate of what can be had without swapping (MemAvailable),
 * what the control group's limit leaves (cgroup v2), and what the address
 * space limit leaves (ulimit -v). KLAVERBLAD_MEMORY_AVAILABLE (bytes)
 * stands in for all three, for tests. */
static guint64
available(void)
{
  const char *fake = g_getenv("KLAVERBLAD_MEMORY_AVAILABLE");
  if (fake != NULL && *fake != '\0')
    return g_ascii_strtoull(fake, NULL, 10);
  guint64 avail, v;
  if (read_number("/proc/meminfo", "MemAvailable", 1024, &v))
    avail = v;
  else
    avail = (guint64) sysconf(_SC_AVPHYS_PAGES) * (guint64) sysconf(_SC_PAGESIZE);
  /* cgroup v2: "0::/path" names the group */
  g_autofree char *cg = NULL;
  if (g_file_get_contents("/proc/self/cgroup", &cg, NULL, NULL) && g_str_has_prefix(cg, "0::")) {
    g_strchomp(cg);
    g_autofree char *max = g_build_filename("/sys/fs/cgroup", cg + 3, "memory.max", NULL);
    g_autofree char *cur = g_build_filename("/sys/fs/cgroup", cg + 3, "memory.current", NULL);
    guint64 limit, used;
    if (read_number(max, NULL, 1, &limit) && read_number(cur, NULL, 1, &used))
      avail = MIN(avail, limit > used ? limit - used : 0);
  }
  struct rlimit rl;
  if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY
      && read_number("/proc/self/status", "VmSize", 1024, &v))
    avail = MIN(avail, (guint64) rl.rlim_cur > v ? (guint64) rl.rlim_cur - v : 0);
  return avail;
}

/* "512 bytes", "1.1 kB", "2.9 GB": decimal units, as disks and free(1) -h
 * --si give them (GLib's g_format_size puts a no-break space in). */
static char *
format_size(guint64 n)
{
  static const char *const units[] = { "kB", "MB", "GB", "TB", "PB", "EB" };
  if (n < 1000)
    return g_strdup_printf("%" G_GUINT64_FORMAT " bytes", n);
  double v = (double) n / 1000;
  size_t u = 0;
  while (v >= 999.95 && u + 1 < G_N_ELEMENTS(units)) {
    v /= 1000;
    u++;
  }
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strdup_printf("%s %s", g_ascii_formatd(text, sizeof text, "%.1f", v), units[u]);
}

/* Fails when 'size' bytes of 'format' need more memory than is available;
 * 'so_far': the size is what has been read so far of a stream. */
static gboolean
fits(const char *name, guint64 size, KbFormat format, gboolean so_far, GError **error)
{
  guint64 factor = bytes_per_byte(format);
  guint64 need = size > G_MAXUINT64 / factor ? G_MAXUINT64 : size * factor;
  guint64 have = available();
  if (need <= have)
    return TRUE;
  g_autofree char *size_text = format_size(size);
  g_autofree char *need_text = format_size(need);
  g_autofree char *have_text = format_size(have);
  g_set_error(error, KB_ERROR, KB_ERROR_MEMORY,
              "'%s' is too large for the memory available: loading %s %s of %s data%s needs "
              "about %s (%" G_GUINT64_FORMAT " bytes), %" G_GUINT64_FORMAT " bytes for each "
              "byte, and %s (%" G_GUINT64_FORMAT " bytes) is available; expected an input that "
              "fits in memory (free some, or split the data)",
              name, so_far ? "the" : "its", size_text, kb_format_name(format),
              so_far ? " read from it so far" : "", need_text, need, factor, have_text, have);
  return FALSE;
}

gboolean
kb_i_memory_check(const char *name, const char *const *files, size_t n, KbFormat format,
                  GError **error)
{
  guint64 size = 0;
  for (size_t i = 0; i < n; i++) {
    GStatBuf st;
    if (g_stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
      size += (guint64) st.st_size;
  }
  return fits(name, size, format, FALSE, error);
}

gboolean
kb_i_memory_check_read(const char *name, guint64 size, KbFormat format, GError **error)
{
  return fits(name, size, format, TRUE, error);
}
