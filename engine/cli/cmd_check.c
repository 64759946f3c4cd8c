/* cmd_check.c -- `klaverblad check DATASET`: every problem in the data, and
 * a summary of what it holds. */
#include <stdio.h>

#include "cli/builtin.h"

/* A line of the summary: a name, then a text of the data, whose control
 * characters are shown as escapes. */
static void
print_line(FILE *out, const char *name, const char *text)
{
  g_autofree char *shown = kb_terminal_escape(text);
  fprintf(out, "%-12s%s\n", name, shown);
}

/* What dataset.csv and questions.csv say, where they say it. */
static void
print_about(FILE *out, const KbDataset *ds)
{
  if (kb_dataset_title(ds) != NULL)
    print_line(out, "Title", kb_dataset_title(ds));
  if (kb_dataset_home(ds) != KB_NO_NODE)
    print_line(out, "Home", kb_dataset_node(ds, kb_dataset_home(ds))->id);
  if (kb_dataset_hub(ds) != KB_NO_NODE)
    print_line(out, "Hub", kb_dataset_node(ds, kb_dataset_hub(ds))->id);
  const size_t *themes;
  size_t n = kb_dataset_themes(ds, &themes);
  if (n > 0) {
    g_autoptr(GString) ids = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
      g_string_append_printf(ids, "%s%s", i ? ", " : "", kb_dataset_node(ds, themes[i])->id);
    print_line(out, "Themes", ids->str);
  }
  if (kb_dataset_policy_start(ds) != KB_NO_YEAR)
    fprintf(out, "Policy from %d\n", kb_dataset_policy_start(ds));
  double capacity, used;
  gboolean given = kb_dataset_capacity(ds, &capacity, &used);
  if (given || used >= 0) {
    fprintf(out, "Capacity    ");
    if (given)
      fprintf(out, "%.12g hours a year, ", capacity);
    if (used >= 0)
      fprintf(out, "%.12g used\n", used);
    else
      fprintf(out, "use not given\n");
  }
  guint scope = kb_dataset_out_of_scope(ds);
  if (scope != 0) {
    const char *sep = " ";
    fprintf(out, "Out of scope");
    for (int p = 0; p < KB_PURPOSE_COUNT; p++)
      if (scope & 1u << p) {
        fprintf(out, "%s%s", sep, kb_purpose_name(p));
        sep = ", ";
      }
    fprintf(out, "\n");
  }
  if (kb_dataset_question_count(ds) > 0)
    fprintf(out, "Questions   %zu\n", kb_dataset_question_count(ds));
}

static void
print_summary(FILE *out, const char *path, KbFormat format, int year, const KbDataset *ds,
              const KbSummary *s)
{
  g_autofree char *dataset = g_strdup_printf("%s (%s)", kb_input_name(path),
                                             kb_format_name(format));
  print_line(out, "Dataset", dataset);
  print_about(out, ds);
  if (year != KB_NO_YEAR)
    fprintf(out, "As of       %d\n", year);
  fprintf(out, "Nodes       %zu\n", s->nodes);
  for (int k = 0; k < KB_NODE_KIND_COUNT; k++)
    if (s->nodes_by_kind[k] > 0)
      fprintf(out, "  %-14s %6zu\n", kb_node_kind_name(k), s->nodes_by_kind[k]);
  fprintf(out, "Relations   %zu\n", s->relations);
  for (int k = 0; k < KB_REL_KIND_COUNT; k++)
    if (s->relations_by_kind[k] > 0)
      fprintf(out, "  %-14s %6zu\n", kb_rel_kind_name(k), s->relations_by_kind[k]);
  if (s->first_year != KB_NO_YEAR)
    fprintf(out, "Years       %d-%d (%zu of %zu relations dated)\n", s->first_year,
            s->last_year, s->dated, s->relations);
  else
    fprintf(out, "Years       none given\n");
  if (s->data_year != KB_NO_YEAR)
    fprintf(out, "Data year   %d (shown unless --as-of says otherwise)\n", s->data_year);
  size_t qualified = 0;
  for (int q = KB_DATE_APPROXIMATE; q < KB_DATE_QUALIFIER_COUNT; q++)
    qualified += s->qualified[q];
  if (qualified > 0) {
    static const char *const marks[KB_DATE_QUALIFIER_COUNT] = {
      "", "~", "?", "%", "[..Y]", "[Y..]" };
    g_autoptr(GString) line = g_string_new(NULL);
    for (int q = KB_DATE_APPROXIMATE; q < KB_DATE_QUALIFIER_COUNT; q++)
      if (s->qualified[q] > 0)
        g_string_append_printf(line, "%s%zu %s (%s)", line->len ? ", " : "", s->qualified[q],
                               kb_date_qualifier_describe(q), marks[q]);
    fprintf(out, "Qualified   %zu years: %s\n", qualified, line->str);
  }
  if (s->undated_ties > 0 && s->data_year != KB_NO_YEAR)
    fprintf(out, "Undated     %zu relation%s without a since (geography aside): known to hold "
            "from the data year on\n", s->undated_ties, s->undated_ties == 1 ? "" : "s");
  if (s->by_status[KB_STATUS_PLANNED] + s->by_status[KB_STATUS_ENDED] > 0)
    fprintf(out, "Status      %zu active, %zu planned, %zu ended\n", s->by_status[KB_STATUS_ACTIVE],
            s->by_status[KB_STATUS_PLANNED], s->by_status[KB_STATUS_ENDED]);
  fprintf(out, "Sources     %zu of %zu nodes, %zu of %zu relations\n", s->sourced_nodes,
          s->nodes, s->sourced_relations, s->relations);
  fprintf(out, "Components  %zu (largest %zu nodes; %zu isolated)\n", s->components.count,
          s->components.largest, s->components.isolated);
}

static int
run_check(const char *path, const KbCliDatasetOptions *opts)
{
  /* the format is learnt from the loading, which reads a pipe only once */
  KbFormat format = opts->format;
  g_autoptr(GError) err = NULL;
  g_autoptr(KbDiagList) diags = kb_cli_diag_list_new(opts);
  g_autoptr(KbDataset) loaded = kb_dataset_load_as(path, &format, &opts->limits, diags, &err);
  if (loaded == NULL) {
    kb_cli_message("check", "error", "%s", err->message);
    return KB_EXIT_DATA;
  }
  g_autoptr(KbDataset) ds = opts->year != KB_NO_YEAR ? kb_dataset_as_of(loaded, opts->year)
                                                     : g_steal_pointer(&loaded);
  kb_cli_print_diagnostics(stdout, diags, opts->max_problems);
  if (kb_diag_list_length(diags) > 0)
    fputc('\n', stdout);
  if (ferror(stdout))
    return KB_EXIT_DATA;   /* main() says why */

  KbSummary summary;
  if (!kb_summary_compute(ds, &summary, &err)) {
    kb_cli_message("check", "error", "%s", err->message);
    return KB_EXIT_DATA;
  }
  print_summary(stdout, path, format, opts->year, ds, &summary);
  size_t errors = kb_diag_list_count(diags, KB_SEVERITY_ERROR);
  size_t warnings = kb_diag_list_count(diags, KB_SEVERITY_WARNING);
  fprintf(stdout, "\nResult      %s: %zu error%s, %zu warning%s\n",
          errors ? "NOT USABLE" : "usable", errors, errors == 1 ? "" : "s", warnings,
          warnings == 1 ? "" : "s");
  return errors ? KB_EXIT_DATA : KB_EXIT_OK;
}

int
cmd_check(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Checks a dataset and summarises it: nodes and relations by kind, the years\n"
    "covered, and every problem in the data with its file, line and column.\n"
    "DATASET is a folder with nodes.csv and relations.csv, a JSON file, or an\n"
    "edge list (from,to[,weight]); a file may also be a pipe, or - for standard\n"
    "input.");
  g_option_context_set_description(ctx,
    "Exit status: 0 when the data is usable (warnings allowed), 1 when it has\n"
    "errors or cannot be read, 2 for a usage error.");
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  if (kb_cli_parse(ctx, "check", &argc, &argv, &opts, NULL, 1))
    status = run_check(argv[1], &opts);
  kb_cli_dataset_options_release(&opts);
  return status;
}
