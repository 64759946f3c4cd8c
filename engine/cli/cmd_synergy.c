/* cmd_synergy.c -- `klaverblad synergy DATASET`: pairs of organisations not
 * yet tied that share places, themes, networks or partners, each with its
 * reasons. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/builtin.h"

static const char *
context_name(int k)
{
  return kb_context_kind_name(k);
}

/* -- synergy --each: in CSV, rows go to the output as they come, written
 * by the sheet writer into a buffer (kb_sheet_stream_csv()); in the other
 * formats, held and written at the end */

typedef struct {
  const KbDataset *ds;
  KbSheet *sheet;           /* the rows, held when not streaming */
  KbAtomicFile *file;       /* CSV to a file: where rows go */
  gboolean streaming;       /* CSV: rows go out as they come (to the file or stdout) */
  GString *buf;             /* CSV not yet written */
  gboolean failed;          /* a write to standard output failed: stop */
} EachOut;

static void
each_flush(EachOut *e)
{
  if (e->file != NULL)
    kb_atomic_file_write(e->file, e->buf->str, e->buf->len);
  else if (fwrite(e->buf->str, 1, e->buf->len, stdout) != e->buf->len)
    e->failed = TRUE;
  g_string_truncate(e->buf, 0);
}

static gboolean
each_emit(size_t org, const KbSuggestion *best, size_t n, gpointer data)
{
  EachOut *e = data;
  if (e->streaming) {
    /* the candidates' nodes and then their ids are fetched ahead, all at
     * once: each is a read from anywhere in the dataset */
    for (size_t i = 0; i < n; i++)
      __builtin_prefetch(kb_dataset_node(e->ds, best[i].node));
    for (size_t i = 0; i < n; i++)
      __builtin_prefetch(kb_dataset_node(e->ds, best[i].node)->id);
  }
  kb_tables_synergy_each_rows(e->sheet, e->ds, org, best, n);
  if (e->streaming && e->buf->len > (1u << 20))
    each_flush(e);
  return !e->failed;
}

static int
each_run(const char *path, KbCliDatasetOptions *opts, KbCliOutputOptions *out,
         const KbSynergyOptions *so, size_t k)
{
  g_autoptr(KbDataset) ds = kb_cli_load(path, opts);
  if (ds == NULL)
    return KB_EXIT_DATA;
  g_autoptr(KbDoc) doc = kb_doc_new(kb_tr(out->lang, "Synergy: the best suggestions of each "
                                          "organisation"));
  g_autofree char *about = kb_cli_describe_dataset(path, opts, out->lang);
  kb_doc_add_text(doc, "about", about);
  g_autoptr(GString) buf = NULL;
  EachOut e = { ds, kb_tables_synergy_each_sheet(doc, out->lang), NULL,
                out->fmt == KB_OUTPUT_CSV, NULL, FALSE };
  KbAtomicFile *file = NULL;
  g_autoptr(GError) err = NULL;
  if (e.streaming && out->output != NULL
      && (e.file = file = kb_atomic_file_open(out->output, &err)) == NULL) {
    kb_cli_message("synergy", "error", "%s", err->message);
    return KB_EXIT_DATA;
  }
  if (e.streaming) {
    /* the header, as the sheet writer gives it for the sheet without rows */
    g_autofree char *header = kb_sheet_render_csv_as(e.sheet, out->dialect);
    e.buf = buf = g_string_new(header);
    kb_sheet_stream_csv(e.sheet, buf, out->dialect);
  }
  if (!kb_synergy_each(ds, so, k, each_emit, &e, isatty(STDERR_FILENO) ? kb_cli_progress : NULL,
                       "organisations", &err)) {
    kb_atomic_file_abort(file);
    /* stopped by a failed write to standard output: main() says so */
    if (!g_error_matches(err, KB_ERROR, KB_ERROR_STOPPED))
      kb_cli_message("synergy", "error", "%s", err->message);
    return KB_EXIT_DATA;
  }
  if (out->fmt != KB_OUTPUT_CSV)
    return kb_cli_emit("synergy", doc, out);
  each_flush(&e);
  if (file == NULL)
    return fflush(stdout) == 0 && !e.failed ? KB_EXIT_OK : KB_EXIT_DATA;
  if (!kb_atomic_file_commit(file, &err)) {
    kb_cli_message("synergy", "error", "%s", err->message);
    return KB_EXIT_DATA;
  }
  return KB_EXIT_OK;
}

int
cmd_synergy(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autofree char *org = NULL, *place = NULL, *weights = NULL;
  gboolean same_sector = FALSE, include_home = FALSE;
  double max_work = KB_SYNERGY_MAX_WORK;
  int each = 0;
  int threads = 0;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Pairs of organisations that are not yet tied (no partner_of or funds between\n"
    "them) but share contexts: places (a city counts for its region and country),\n"
    "themes, networks and partners. Score = sum over shared contexts c of\n"
    "w(kind of c) / ln(organisations tied to c): Adamic-Adar on the typed graph.\n"
    "Pairs from one sector are left out unless --same-sector is given; the home\n"
    "city and its country are not counted as shared places unless --include-home.\n"
    "With --each K, the K best suggestions of every organisation: columns\n"
    "organisation, rank, suggestion (ids), score and shared (contexts shared).");
  GOptionEntry entries[] = {
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, "Only pairs with this organisation", "ID" },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, "Only pairs that share this place", "ID" },
    { "each", 0, 0, G_OPTION_ARG_INT, &each,
      "The K best suggestions of every organisation instead of the strongest pairs; "
      "exact, and fast on 10^6 organisations", "K" },
    { "same-sector", 0, 0, G_OPTION_ARG_NONE, &same_sector, "Keep pairs from one sector too",
      NULL },
    { "max-work", 0, 0, G_OPTION_ARG_DOUBLE, &max_work,
      "With --top 0 or --place: give up beyond this many pair visits (default 5e7; 0: no "
      "limit)", "N" },
    { "include-home", 0, 0, G_OPTION_ARG_NONE, &include_home,
      "Count the home city and its country as shared places too", NULL },
    { "weights", 0, 0, G_OPTION_ARG_STRING, &weights,
      "Weights of the context kinds, e.g. place=1,theme=0.5,network=1,partner=2 (default 1)",
      "LIST" },
    KB_CLI_THREADS_ENTRY(&threads),
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_output_options_add(ctx, &out, 20);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  KbSynergyOptions so;
  kb_synergy_options_init(&so);
  if (!kb_cli_parse(ctx, "synergy", &argc, &argv, &opts, &out, 1))
    goto done;
  if (weights != NULL && !kb_cli_parse_weights(weights, context_name, KB_CONTEXT_KIND_COUNT, so.weights)) {
    kb_cli_usage_error("synergy", "--weights '%s': expected KIND=NUMBER pairs separated by "
                       "commas, KIND one of place, theme, network, partner", weights);
    goto done;
  }
  if (!kb_cli_threads_valid("synergy", threads))
    goto done;
  if (each < 0 || each > 1000) {
    kb_cli_usage_error("synergy", "--each %d: expected 1 to 1000 suggestions per organisation",
                       each);
    goto done;
  }
  if (each > 0 && (org != NULL || place != NULL)) {
    kb_cli_usage_error("synergy", "--each lists every organisation; it does not combine with "
                       "%s", org != NULL ? "--org" : "--place");
    goto done;
  }
  if (each > 0) {
    so.same_sector = same_sector;
    so.include_home = include_home;
    so.threads = (guint) threads;
    status = each_run(argv[1], &opts, &out, &so, (size_t) each);
    goto done;
  }
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    status = KB_EXIT_USAGE;
    if (org != NULL
        && (so.org = kb_cli_node(ds, "synergy", "--org", org, 1u << KB_NODE_ORGANISATION))
             == KB_NO_NODE)
      goto done;
    if (place != NULL
        && (so.place = kb_cli_node(ds, "synergy", "--place", place,
                                   1u << KB_NODE_CITY | 1u << KB_NODE_REGION
                                   | 1u << KB_NODE_COUNTRY)) == KB_NO_NODE)
      goto done;
    so.same_sector = same_sector;
    so.include_home = include_home;
    so.max_work = max_work;
    so.top = (size_t) out.top;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbSynergy) syn = kb_synergy_compute(ds, &so, &err);
    if (syn == NULL) {
      kb_cli_message("synergy", "error", "%s", err->message);
      status = KB_EXIT_DATA;
      goto done;
    }
    if (syn->gave_up) {
      fprintf(stderr, "klaverblad synergy: error: the shared contexts hold %.3g pairs, more than "
              "--max-work %.3g; narrow with --org%s, or raise --max-work\n", syn->work,
              so.max_work, so.place == KB_NO_NODE ? " or --top K" : "");
      status = KB_EXIT_DATA;
      goto done;
    }

    g_autoptr(KbDoc) doc = kb_doc_new(kb_tr(out.lang, "Synergy opportunities"));
    g_autofree char *about = kb_cli_describe_dataset(argv[1], &opts, out.lang);
    kb_doc_add_text(doc, "about", about);
    kb_tables_synergy(doc, ds, syn, out.lang);
    status = kb_cli_emit("synergy", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
