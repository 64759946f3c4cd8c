/* fuzz_load.c -- libFuzzer targets for klaverblad's loaders. One source,
 * built once per target with KB_FUZZ_TARGET set to the format:
 *   folder, kumu  the input split at the first line "====" into the two
 *                 files (nodes/relations, elements/connections)
 *   json, edgelist, graphml, requests  the input as one file
 *   xlsx          a zip archive ("PK\3\4" first) as one file; any other
 *                 input split at "====" into the XML of the sheets nodes
 *                 and relations of a workbook made around them (stored,
 *                 with shared strings "id", "kind", "label", "from",
 *                 "to"), so that the sheet reader meets XML, not only
 *                 broken archives
 * Each input is written to a private temporary folder and loaded as a
 * user's file would be; a dataset without errors is then summarised.
 *
 * An input of odd length is loaded a second time through a pipe that a
 * thread fills, as a shell pipeline would: a single file as /dev/fd/N, the
 * first file of a folder (nodes.csv, elements.csv) as a FIFO in its place.
 * The diagnostics must be those of the regular file, but for the file's
 * name, and so must the dataset's size; anything else aborts. */
#define _POSIX_C_SOURCE 200809L   /* mkfifo(), O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <klaverblad.h>
#ifdef KB_FUZZ_ZIP
#include <zip.h>
#endif

static char *dir;

static void
put(const char *name, const uint8_t *data, size_t len)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  if (!g_file_set_contents(path, (const char *) data, (gssize) len, NULL))
    abort();
}

/* Where the input splits at "\n====\n": the first file's length, and where
 * the second starts and its length. */
static void
split_two(const uint8_t *data, size_t len, size_t *a, size_t *b_at, size_t *b_len)
{
  const uint8_t *cut = NULL;
  for (size_t i = 0; i + 6 <= len && cut == NULL; i++)
    if (memcmp(data + i, "\n====\n", 6) == 0)
      cut = data + i;
  *a = cut ? (size_t) (cut - data) + 1 : len;
  *b_at = cut ? *a + 5 : len;
  *b_len = cut ? len - *a - 5 : 0;
}

/* Writes the two halves of the input. */
static void
put_two(const char *first, const char *second, const uint8_t *data, size_t len)
{
  size_t a, b_at, b_len;
  split_two(data, len, &a, &b_at, &b_len);
  put(first, data, a);
  put(second, data + b_at, b_len);
}

#ifdef KB_FUZZ_ZIP
/* Writes the workbook 'name' whose sheets nodes and relations hold the
 * two halves of the input as their XML. */
static void
put_workbook(const char *name, const uint8_t *data, size_t len)
{
  static const char book[] =
    "<workbook xmlns:r=\"r\"><sheets><sheet name=\"nodes\" r:id=\"rId1\"/>"
    "<sheet name=\"relations\" r:id=\"rId2\"/></sheets></workbook>";
  static const char rels[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>";
  static const char strings[] =
    "<sst><si><t>id</t></si><si><t>kind</t></si><si><t>label</t></si><si><t>from</t></si>"
    "<si><r><t>t</t></r><r><t>o</t></r><rPh><t>x</t></rPh></si></sst>";
  size_t a, b_at, b_len;
  split_two(data, len, &a, &b_at, &b_len);
  struct { const char *name; const void *data; size_t len; } parts[] = {
    { "xl/workbook.xml", book, sizeof book - 1 },
    { "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1 },
    { "xl/sharedStrings.xml", strings, sizeof strings - 1 },
    { "xl/worksheets/sheet1.xml", data, a },
    { "xl/worksheets/sheet2.xml", data + b_at, b_len },
  };
  g_autofree char *path = g_build_filename(dir, name, NULL);
  zipFile z = zipOpen(path, APPEND_STATUS_CREATE);
  if (z == NULL)
    abort();
  for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
    if (zipOpenNewFileInZip(z, parts[i].name, NULL, NULL, 0, NULL, 0, NULL, 0, 0) != ZIP_OK
        || zipWriteInFileInZip(z, parts[i].data, (unsigned) parts[i].len) != ZIP_OK
        || zipCloseFileInZip(z) != ZIP_OK)
      abort();
  if (zipClose(z, NULL) != ZIP_OK)
    abort();
}
#endif

/* ---------------------------------------------------------------- pipes */

/* A pipe or FIFO that a thread fills with bytes and closes. */
typedef struct {
  const uint8_t *data;
  size_t len;
  int fd;                 /* the write end of a pipe; -1 for a FIFO */
  char *fifo;             /* the FIFO's path, opened by the thread */
  char *path;             /* where the loader reads it */
  int read_end;           /* the pipe's read end, closed after loading */
  GThread *writer;
} Stream;

static gpointer
stream_write(gpointer p)
{
  Stream *s = p;
  int fd = s->fd >= 0 ? s->fd : open(s->fifo, O_WRONLY | O_CLOEXEC);
  for (size_t done = 0; fd >= 0 && done < s->len;) {
    ssize_t n = write(fd, s->data + done, s->len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;      /* the reader stopped reading (EPIPE; SIGPIPE is ignored) */
    done += (size_t) n;
  }
  if (fd >= 0)
    close(fd);
  return NULL;
}

/* A pipe, read at /dev/fd/N. */
static void
stream_pipe(Stream *s, const uint8_t *data, size_t len)
{
  int fds[2];
  if (pipe(fds) != 0)
    abort();
  *s = (Stream) { data, len, fds[1], NULL, g_strdup_printf("/dev/fd/%d", fds[0]), fds[0], NULL };
  s->writer = g_thread_new("pipe", stream_write, s);
}

/* A FIFO made at 'path' in place of a file. */
static void
stream_fifo(Stream *s, const char *path, const uint8_t *data, size_t len)
{
  g_unlink(path);
  if (mkfifo(path, 0600) != 0)
    abort();
  *s = (Stream) { data, len, -1, g_strdup(path), g_strdup(path), -1, NULL };
  s->writer = g_thread_new("fifo", stream_write, s);
}

static void
stream_close(Stream *s)
{
  if (s->read_end >= 0)
    close(s->read_end);
  if (s->fifo != NULL) {
    /* a writer still waiting for a reader (the loader gave up before
     * opening it) is let go: its writes then fail */
    int fd = open(s->fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    g_thread_join(s->writer);
    if (fd >= 0)
      close(fd);
    g_unlink(s->fifo);
  } else {
    g_thread_join(s->writer);
  }
  g_free(s->fifo);
  g_free(s->path);
}

/* The diagnostics, one a line, with the file 'from' named 'to' (and the
 * sheets of a workbook 'from', "from: sheet S", as "to: sheet S"). */
static char *
diags_text(const KbDiagList *diags, const char *from, const char *to)
{
  GString *s = g_string_new(NULL);
  size_t n = strlen(from);
  for (size_t i = 0; i < kb_diag_list_length(diags); i++) {
    KbDiag d = *kb_diag_list_get(diags, i);
    g_autofree char *sheet = NULL;
    if (strcmp(d.file, from) == 0)
      d.file = (char *) to;
    else if (strncmp(d.file, from, n) == 0 && strncmp(d.file + n, ": sheet ", 8) == 0)
      d.file = sheet = g_strconcat(to, d.file + n, NULL);
    g_autofree char *line = kb_diag_format(&d);
    g_string_append_printf(s, "%s\n", line);
  }
  return g_string_free(s, FALSE);
}

/* The piped run must say what the regular one said, but the name. */
static void
assert_same(const KbDiagList *file, const char *file_name, const KbDiagList *piped,
            const char *piped_name, const KbDataset *a, const KbDataset *b)
{
  g_autofree char *x = diags_text(file, file_name, "F");
  g_autofree char *y = diags_text(piped, piped_name, "F");
  if (strcmp(x, y) != 0
      || kb_diag_list_count(file, KB_SEVERITY_ERROR) != kb_diag_list_count(piped, KB_SEVERITY_ERROR)
      || kb_diag_list_count(file, KB_SEVERITY_WARNING)
         != kb_diag_list_count(piped, KB_SEVERITY_WARNING)
      || (a == NULL) != (b == NULL)
      || (a != NULL && (kb_dataset_node_count(a) != kb_dataset_node_count(b)
                        || kb_dataset_relation_count(a) != kb_dataset_relation_count(b)))) {
    fprintf(stderr, "a pipe read otherwise than the file:\n--- file\n%s--- pipe\n%s", x, y);
    abort();
  }
}

/* ---------------------------------------------------------------- target */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
  if (dir == NULL) {
    dir = g_dir_make_tmp("kb-fuzz-XXXXXX", NULL);
    if (dir == NULL)
      abort();
    signal(SIGPIPE, SIG_IGN);
  }
  gboolean piped = len % 2 == 1;
  g_autoptr(KbDiagList) diags = kb_diag_list_new(100);
  g_autoptr(KbDiagList) pdiags = kb_diag_list_new(100);
  g_autoptr(GError) err = NULL;
  g_autoptr(KbDataset) ds = NULL;
  g_autoptr(KbDataset) pds = NULL;
  const char *target = KB_FUZZ_TARGET;
  if (strcmp(target, "folder") == 0 || strcmp(target, "kumu") == 0) {
    gboolean folder = strcmp(target, "folder") == 0;
    const char *first = folder ? "nodes.csv" : "elements.csv";
    put_two(first, folder ? "relations.csv" : "connections.csv", data, len);
    KbFormat f = folder ? KB_FORMAT_FOLDER : KB_FORMAT_KUMU;
    ds = kb_dataset_load(dir, f, diags, &err);
    if (piped) {
      size_t a, b_at, b_len;
      split_two(data, len, &a, &b_at, &b_len);
      g_autofree char *path = g_build_filename(dir, first, NULL);
      Stream s;
      stream_fifo(&s, path, data, a);
      pds = kb_dataset_load(dir, f, pdiags, NULL);
      stream_close(&s);
      assert_same(diags, path, pdiags, path, ds, pds);
    }
  } else if (strcmp(target, "requests") == 0) {
    g_autofree char *base = g_build_filename(dir, "base.csv", NULL);
    static const char edges[] = "a,b\nb,c\n";
    if (!g_file_set_contents(base, edges, -1, NULL))
      abort();
    g_autoptr(KbDiagList) d0 = kb_diag_list_new(0);
    g_autoptr(KbDataset) base_ds = kb_dataset_load(base, KB_FORMAT_EDGELIST, d0, NULL);
    put("requests.csv", data, len);
    g_autofree char *path = g_build_filename(dir, "requests.csv", NULL);
    g_autoptr(KbRequests) req = kb_requests_load(path, base_ds, diags);
    if (piped) {
      Stream s;
      stream_pipe(&s, data, len);
      g_autoptr(KbRequests) preq = kb_requests_load(s.path, base_ds, pdiags);
      assert_same(diags, path, pdiags, s.path, NULL, NULL);
      if ((req == NULL) != (preq == NULL) || (req != NULL && req->n != preq->n))
        abort();
      stream_close(&s);
    }
    return 0;
  } else {
    KbFormat f = KB_FORMAT_AUTO;
    if (!kb_format_parse(target, &f))
      abort();
#ifdef KB_FUZZ_ZIP
    if (len < 4 || memcmp(data, "PK\3\4", 4) != 0) {
      put_workbook("input", data, len);
      piped = FALSE;    /* the workbook is not the input's bytes */
    } else
#endif
      put("input", data, len);
    g_autofree char *path = g_build_filename(dir, "input", NULL);
    ds = kb_dataset_load(path, f, diags, &err);
    if (piped) {
      Stream s;
      stream_pipe(&s, data, len);
      pds = kb_dataset_load(s.path, f, pdiags, NULL);
      assert_same(diags, path, pdiags, s.path, ds, pds);
      stream_close(&s);
    }
  }
  for (size_t i = 0; i < kb_diag_list_length(diags); i++)
    g_free(kb_diag_format(kb_diag_list_get(diags, i)));
  if (ds != NULL && kb_diag_list_count(diags, KB_SEVERITY_ERROR) == 0) {
    KbSummary s;
    kb_summary_compute(ds, &s, NULL);
    KbSynergyOptions so;
    kb_synergy_options_init(&so);
    so.top = 5;
    kb_synergy_free(kb_synergy_compute(ds, &so, NULL));
  }
  return 0;
}
