/* common.c -- what the subcommands share: dataset options, loading,
 * printing diagnostics, usage errors. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/builtin.h"

void
kb_cli_dataset_options_add(GOptionContext *ctx, KbCliDatasetOptions *opts)
{
  opts->max_problems = 100;
  opts->max_nodes = KB_DEFAULT_MAX_NODES;
  opts->max_relations = KB_DEFAULT_MAX_RELATIONS;
  opts->max_bytes = (gint64) KB_DEFAULT_MAX_BYTES;
  opts->year = KB_NO_YEAR;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &opts->as_of,
      "Show the relations that hold in YEAR (default: the year the data describes; all: "
      "every year)", "YEAR" },
    { "with-planned", 0, 0, G_OPTION_ARG_NONE, &opts->with_planned,
      "Take planned relations in too, as if they held", NULL },
    { "with-undated", 0, 0, G_OPTION_ARG_NONE, &opts->with_undated,
      "Take in relations whose dates do not say whether they held in the year", NULL },
    { "input-format", 0, 0, G_OPTION_ARG_STRING, &opts->input_format,
      "Read the dataset as folder, json, edgelist, graphml, kumu or xlsx (default: detect)", "FORMAT" },
    { "max-problems", 0, 0, G_OPTION_ARG_INT, &opts->max_problems,
      "Show at most N errors and N warnings (default 100)", "N" },
    { "max-nodes", 0, 0, G_OPTION_ARG_INT64, &opts->max_nodes,
      "Refuse a dataset of more than N nodes (default 10000000)", "N" },
    { "max-relations", 0, 0, G_OPTION_ARG_INT64, &opts->max_relations,
      "Refuse a dataset of more than N relations (rows of the relations table; default 50000000)", "N" },
    { "max-bytes", 0, 0, G_OPTION_ARG_INT64, &opts->max_bytes,
      "Refuse an input file of more than N bytes (default 8000000000)", "N" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
}

void
kb_cli_dataset_options_release(KbCliDatasetOptions *opts)
{
  g_free(opts->as_of);
  g_free(opts->input_format);
}

int
kb_cli_usage_error(const char *command, const char *format, ...)
{
  va_list ap;
  va_start(ap, format);
  g_autofree char *msg = g_strdup_vprintf(format, ap);
  va_end(ap);
  g_autofree char *shown = kb_terminal_escape(msg);
  fprintf(stderr, "klaverblad %s: error: %s\nTry 'klaverblad %s --help'.\n", command, shown,
          command);
  return KB_EXIT_USAGE;
}

gboolean
kb_cli_threads_valid(const char *command, int threads)
{
  if (threads >= 0 && threads <= KB_THREADS_MAX)
    return TRUE;
  kb_cli_usage_error(command, "--threads %d: expected 0 (one per core) to %d threads", threads,
                     KB_THREADS_MAX);
  return FALSE;
}

void
kb_cli_message(const char *command, const char *level, const char *format, ...)
{
  va_list ap;
  va_start(ap, format);
  g_autofree char *msg = g_strdup_vprintf(format, ap);
  va_end(ap);
  g_autofree char *shown = kb_terminal_escape(msg);
  fprintf(stderr, "klaverblad%s%s: %s: %s\n", command ? " " : "", command ? command : "", level,
          shown);
}

void
kb_cli_output_options_add(GOptionContext *ctx, KbCliOutputOptions *opts, int default_top)
{
  opts->top = default_top;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &opts->format,
      "Write table (default), csv, json, md or xlsx (an Excel workbook, a sheet per table)",
      "FORMAT" },
    { "csv", 0, 0, G_OPTION_ARG_STRING, &opts->csv,
      "Write CSV as plain (default: ',' and a decimal point), excel-nl (for Dutch Excel: ';', a "
      "decimal comma, a byte-order mark) or excel-en (',' and a decimal point, a byte-order mark)",
      "KIND" },
    { "top", 0, 0, G_OPTION_ARG_INT, &opts->top, "Show at most K rows (0: all)", "K" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &opts->lang_name,
      "Write the tables and sentences in en (default) or nl", "LANG" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opts->output,
      "Write to FILE instead of standard output", "FILE" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
}

void
kb_cli_output_options_release(KbCliOutputOptions *opts)
{
  g_free(opts->format);
  g_free(opts->csv);
  g_free(opts->output);
  g_free(opts->lang_name);
}

int
kb_cli_emit(const char *command, KbDoc *doc, const KbCliOutputOptions *opts)
{
  kb_doc_set_none(doc, kb_tr(opts->lang, "(none)"));
  kb_doc_set_decimal_comma(doc, opts->lang == KB_LANG_NL);
  if (opts->fmt == KB_OUTPUT_XLSX) {
    /* a workbook goes to the -o file, or to standard output when that is
     * not a terminal (refused there by kb_doc_write_xlsx()) */
    g_autoptr(GError) err = NULL;
    if (fflush(stdout) != 0
        || !kb_doc_write_xlsx(doc, opts->output ? opts->output : "/dev/stdout", &err)) {
      kb_cli_message(command, "error", "%s", err ? err->message : "cannot write standard output");
      return KB_EXIT_DATA;
    }
    return KB_EXIT_OK;
  }
  g_autofree char *text = opts->fmt == KB_OUTPUT_CSV ? kb_doc_render_csv(doc, opts->dialect)
                                                     : kb_doc_render(doc, opts->fmt);
  if (opts->output == NULL) {
    /* a failed write is reported once, by main() as the program ends */
    fputs(text, stdout);
    return fflush(stdout) == 0 && !ferror(stdout) ? KB_EXIT_OK : KB_EXIT_DATA;
  }
  g_autoptr(GError) err = NULL;
  if (!kb_file_write(opts->output, text, &err)) {
    kb_cli_message(command, "error", "%s", err->message);
    return KB_EXIT_DATA;
  }
  return KB_EXIT_OK;
}

size_t
kb_cli_node(const KbDataset *ds, const char *command, const char *option, const char *id,
            unsigned kinds)
{
  size_t i = kb_dataset_find(ds, id);
  if (i == KB_NO_NODE) {
    kb_cli_usage_error(command, "%s '%s': no node has this id in the dataset", option, id);
    return KB_NO_NODE;
  }
  KbNodeKind k = kb_dataset_node(ds, i)->kind;
  if (!(kinds & (1u << k))) {
    GString *want = g_string_new(NULL);
    for (int j = 0; j < KB_NODE_KIND_COUNT; j++)
      if (kinds & (1u << j))
        g_string_append_printf(want, "%s%s %s", want->len ? " or " : "",
                               strchr("aeiou", kb_node_kind_name(j)[0]) ? "an" : "a",
                               kb_node_kind_name(j));
    kb_cli_usage_error(command, "%s '%s' is %s %s; expected %s", option, id,
                       strchr("aeiou", kb_node_kind_name(k)[0]) ? "an" : "a",
                       kb_node_kind_name(k), want->str);
    g_string_free(want, TRUE);
    return KB_NO_NODE;
  }
  return i;
}

/* Appends one more sentence (or part) to 's', after a space. */
static void G_GNUC_PRINTF(2, 3)
append_part(GString *s, const char *format, ...)
{
  va_list ap;
  va_start(ap, format);
  g_string_append_c(s, ' ');
  g_string_append_vprintf(s, format, ap);
  va_end(ap);
}

char *
kb_cli_describe_dataset(const char *path, const KbCliDatasetOptions *opts, KbLang lang)
{
  GString *s = g_string_new(NULL);
  if (!opts->viewed || opts->view.year == KB_NO_YEAR)
    g_string_append_printf(s, kb_tr(lang, "Dataset %s, all years."), kb_input_name(path));
  else if (opts->as_of == NULL)
    g_string_append_printf(s, kb_tr(lang, "Dataset %s, as of %d (the year the data describes)."),
                           kb_input_name(path), opts->view.year);
  else
    g_string_append_printf(s, kb_tr(lang, "Dataset %s, as of %d."), kb_input_name(path),
                           opts->view.year);
  const KbYearCounts *c = &opts->counts;
  if (opts->viewed && c->kept_undated > 0)
    append_part(s, kb_tr_n(lang, c->kept_undated,
                           "%zu of the relations shown has no year; it is taken to hold from "
                           "the year the data describes on.",
                           "%zu of the relations shown have no year; they are taken to hold "
                           "from the year the data describes on."),
                c->kept_undated);
  if (opts->viewed && c->kept_unsure > 0)
    append_part(s, kb_tr_n(lang, c->kept_unsure,
                           "Taken in with --with-undated: %zu relation whose dates do not say "
                           "whether it held in %d.",
                           "Taken in with --with-undated: %zu relations whose dates do not say "
                           "whether they held in %d."),
                c->kept_unsure, opts->view.year);
  if (opts->viewed && c->kept_planned > 0)
    append_part(s, kb_tr_n(lang, c->kept_planned,
                           "Taken in with --with-planned: %zu planned relation.",
                           "Taken in with --with-planned: %zu planned relations."),
                c->kept_planned);
  if (opts->viewed && (c->planned > 0 || c->unsure > 0)) {
    append_part(s, "%s", kb_tr(lang, "Left out:"));
    if (c->planned > 0)
      append_part(s, kb_tr_n(lang, c->planned,
                             "%zu planned relation (--with-planned takes them in)",
                             "%zu planned relations (--with-planned takes them in)"),
                  c->planned);
    if (c->planned > 0 && c->unsure > 0)
      g_string_append_c(s, ';');
    if (c->unsure > 0)
      append_part(s, kb_tr_n(lang, c->unsure,
                             "%zu relation whose dates do not say whether it held in %d "
                             "(--with-undated takes them in)",
                             "%zu relations whose dates do not say whether they held in %d "
                             "(--with-undated takes them in)"),
                  c->unsure, opts->view.year);
    g_string_append_c(s, '.');
  }
  return g_string_free(s, FALSE);
}

gboolean
kb_cli_parse(GOptionContext *ctx, const char *command, int *argc, char ***argv,
             KbCliDatasetOptions *opts, KbCliOutputOptions *out, int n_args)
{
  g_autoptr(GError) err = NULL;
  if (!g_option_context_parse(ctx, argc, argv, &err)) {
    kb_cli_usage_error(command, "%s", err->message);
    return FALSE;
  }
  opts->all_years = opts->as_of != NULL && strcmp(opts->as_of, "all") == 0;
  if (opts->as_of != NULL && !opts->all_years && !kb_year_parse(opts->as_of, &opts->year)) {
    kb_cli_usage_error(command, "--as-of '%s' is not a year; expected four digits, as 2021, "
                       "or all", opts->as_of);
    return FALSE;
  }
  opts->format = KB_FORMAT_AUTO;
  if (opts->input_format != NULL && !kb_format_parse(opts->input_format, &opts->format)) {
    kb_cli_usage_error(command, "unknown input format '%s'; expected folder, json, edgelist, "
                       "graphml, kumu or xlsx", opts->input_format);
    return FALSE;
  }
  if (out != NULL) {
    out->fmt = KB_OUTPUT_TABLE;
    if (out->format != NULL && !kb_output_format_parse(out->format, &out->fmt)) {
      kb_cli_usage_error(command, "unknown format '%s'; expected table, csv, json, md or xlsx",
                         out->format);
      return FALSE;
    }
    out->lang = KB_LANG_EN;
    if (out->lang_name != NULL && !kb_lang_parse(out->lang_name, &out->lang)) {
      kb_cli_usage_error(command, "--lang '%s': expected en or nl", out->lang_name);
      return FALSE;
    }
    out->dialect = KB_CSV_PLAIN;
    if (out->csv != NULL && !kb_csv_dialect_parse(out->csv, &out->dialect)) {
      kb_cli_usage_error(command, "--csv '%s': expected plain, excel-nl or excel-en", out->csv);
      return FALSE;
    }
    if (out->fmt == KB_OUTPUT_XLSX && out->output == NULL && isatty(STDOUT_FILENO)) {
      kb_cli_usage_error(command, "--format xlsx writes a workbook, which is not for a terminal; "
                         "name the file with -o FILE");
      return FALSE;
    }
    if (out->top < 0) {
      kb_cli_usage_error(command, "--top must be 0 (all) or more");
      return FALSE;
    }
  }
  if (opts->max_problems < 0) {
    kb_cli_usage_error(command, "--max-problems must be 0 or more");
    return FALSE;
  }
  if (opts->max_nodes < 0 || opts->max_relations < 0 || opts->max_bytes < 0) {
    kb_cli_usage_error(command, "%s must be 0 or more",
                       opts->max_nodes < 0 ? "--max-nodes"
                       : opts->max_relations < 0 ? "--max-relations" : "--max-bytes");
    return FALSE;
  }
  kb_limits_init(&opts->limits);
  opts->limits.max_nodes = (size_t) opts->max_nodes;
  opts->limits.max_relations = (size_t) opts->max_relations;
  opts->limits.max_bytes = (guint64) opts->max_bytes;
  /* a negative n_args: from 1 to -n_args arguments */
  int most = n_args < 0 ? -n_args : n_args, least = n_args < 0 ? 1 : n_args;
  if (*argc - 1 < least || *argc - 1 > most) {
    if (*argc - 1 < least)
      kb_cli_usage_error(command, "expected a dataset (a folder, a JSON file or an edge list)");
    else
      kb_cli_usage_error(command, "unexpected argument '%s'", (*argv)[most + 1]);
    return FALSE;
  }
  return TRUE;
}

void
kb_cli_print_diagnostics(FILE *out, const KbDiagList *diags, int max_problems)
{
  size_t shown[2] = { 0, 0 };
  /* stops at the first failed write: the rest would fail too */
  for (size_t i = 0; i < kb_diag_list_length(diags) && !ferror(out); i++) {
    const KbDiag *d = kb_diag_list_get(diags, i);
    if (max_problems >= 0 && shown[d->severity] >= (size_t) max_problems)
      continue;
    shown[d->severity]++;
    g_autofree char *line = kb_diag_format(d);
    fprintf(out, "%s\n", line);
  }
  /* errors that follow from the rows rejected: counted, never listed */
  size_t follow = kb_diag_list_consequences(diags);
  if (follow > 0)
    fprintf(out, "%zu more error%s follow%s from the rejected rows above (relations and "
            "references to nodes that could not be read)\n", follow, follow == 1 ? "" : "s",
            follow == 1 ? "s" : "");
  size_t hidden_e = kb_diag_list_count(diags, KB_SEVERITY_ERROR) - follow
                    - shown[KB_SEVERITY_ERROR];
  size_t hidden_w = kb_diag_list_count(diags, KB_SEVERITY_WARNING) - shown[KB_SEVERITY_WARNING];
  if (hidden_e + hidden_w > 0)
    fprintf(out, "... %zu more error%s and %zu more warning%s not shown (see --max-problems)\n",
            hidden_e, hidden_e == 1 ? "" : "s", hidden_w, hidden_w == 1 ? "" : "s");
}

KbDiagList *
kb_cli_diag_list_new(const KbCliDatasetOptions *opts)
{
  /* Keep more than are shown, so that those shown are the first by place
   * in the files, not the first found. */
  return kb_diag_list_new(MAX((size_t) opts->max_problems, KB_CLI_DIAGS_KEPT));
}

static KbDataset *
load(const char *path, KbCliDatasetOptions *opts, gboolean whole)
{
  g_autoptr(KbDiagList) diags = kb_cli_diag_list_new(opts);
  g_autoptr(GError) err = NULL;
  g_autoptr(KbDataset) ds = kb_dataset_load_limited(path, opts->format, &opts->limits, diags,
                                                    &err);
  if (ds == NULL) {
    kb_cli_message(NULL, "error", "%s", err->message);
    return NULL;
  }
  if (kb_diag_list_count(diags, KB_SEVERITY_ERROR) > 0) {
    kb_cli_print_diagnostics(stderr, diags, opts->max_problems);
    kb_cli_message(NULL, "error", "the dataset has errors; run 'klaverblad check %s' for a "
                   "report", path);
    return NULL;
  }
  if (whole && opts->as_of == NULL) {
    opts->viewed = FALSE;
    return g_steal_pointer(&ds);
  }
  kb_year_view_init(&opts->view, ds);
  if (opts->as_of != NULL)
    opts->view.year = opts->all_years ? KB_NO_YEAR : opts->year;
  opts->view.with_planned = opts->with_planned;
  opts->view.with_unsure = opts->with_undated;
  opts->viewed = TRUE;
  return kb_dataset_view(ds, &opts->view, &opts->counts);
}

KbDataset *
kb_cli_load(const char *path, KbCliDatasetOptions *opts)
{
  return load(path, opts, FALSE);
}

KbDataset *
kb_cli_load_whole(const char *path, KbCliDatasetOptions *opts)
{
  return load(path, opts, TRUE);
}


gboolean
kb_cli_parse_weights(const char *text, const char *(*name_of)(int), int count, double *weights)
{
  g_auto(GStrv) parts = g_strsplit(text, ",", -1);
  for (char **p = parts; *p; p++) {
    char *eq = strchr(*p, '=');
    if (eq == NULL)
      return FALSE;
    *eq = '\0';
    char *end;
    double w = g_ascii_strtod(eq + 1, &end);
    if (end == eq + 1 || *end != '\0' || !(w >= 0) || !isfinite(w))
      return FALSE;
    gboolean found = FALSE;
    for (int k = 0; k < count; k++)
      if (strcmp(g_strstrip(*p), name_of(k)) == 0) {
        weights[k] = w;
        found = TRUE;
      }
    if (!found)
      return FALSE;
  }
  return TRUE;
}

void
kb_cli_progress(size_t done, size_t total, gpointer what)
{
  int width = 40, filled = total ? (int) ((double) done / (double) total * width) : width;
  fprintf(stderr, "\r[%.*s%*s] %zu / %zu %s", filled, "########################################",
          width - filled, "", done, total, (const char *) what);
  if (done == total)
    fputc('\n', stderr);
}
