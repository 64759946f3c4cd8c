/* cmd_import.c -- `klaverblad import PATH... -o DIR`: Kumu, GraphML, JSON
 * or an edge list into klaverblad's own dataset folder. */
#include <stdio.h>

#include "cli/builtin.h"

int
cmd_import(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  g_autofree char *output = NULL, *map = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("PATH [CONNECTIONS]");
  g_option_context_set_summary(ctx,
    "Converts a dataset into klaverblad's folder format (nodes.csv, relations.csv,\n"
    "dataset.csv): a Kumu folder (elements.csv, connections.csv) or Kumu's two files\n"
    "given in that order, an Excel workbook (sheets nodes and relations, or Kumu's\n"
    "Elements and Connections), GraphML (Gephi, NetworkX, igraph), JSON or an edge\n"
    "list.\n"
    "Kumu's types map to kinds by name, or through --map FILE, a CSV file with the\n"
    "columns for,kumu_type,kind (for: element or connection); a type that maps to\n"
    "no kind is reported. Nothing is written while the input has errors.");
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The dataset folder to write", "DIR" },
    { "map", 0, 0, G_OPTION_ARG_FILENAME, &map, "Kumu types to kinds", "FILE" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  /* one path, or Kumu's two files */
  if (!kb_cli_parse(ctx, "import", &argc, &argv, &opts, NULL, -2))
    goto done;
  int n_args = argc - 1;
  if (output == NULL) {
    kb_cli_usage_error("import", "-o DIR is needed");
    goto done;
  }
  {
    g_autoptr(GError) err = NULL;
    status = KB_EXIT_DATA;
    /* a folder that may not be replaced is refused before the input is read */
    if (!kb_folder_check(output, KB_FOLDER_DATASET, argv[1], &err)) {
      fprintf(stderr, "klaverblad import: error: %s\n", err->message);
      goto done;
    }
    g_autoptr(KbDiagList) diags = kb_cli_diag_list_new(&opts);
    g_autoptr(KbDataset) ds = NULL;
    if (n_args == 2)
      ds = kb_dataset_load_kumu(argv[1], argv[2], map, &opts.limits, diags, &err);
    else if ((map != NULL || opts.format == KB_FORMAT_KUMU)
             && !g_file_test(argv[1], G_FILE_TEST_IS_DIR))   /* Kumu's workbook */
      ds = kb_dataset_load_kumu_workbook(argv[1], map, &opts.limits, diags, &err);
    else if (map != NULL || opts.format == KB_FORMAT_KUMU) {
      g_autofree char *e = g_build_filename(argv[1], "elements.csv", NULL);
      g_autofree char *c = g_build_filename(argv[1], "connections.csv", NULL);
      ds = kb_dataset_load_kumu(e, c, map, &opts.limits, diags, &err);
    } else
      ds = kb_dataset_load_limited(argv[1], opts.format, &opts.limits, diags, &err);
    if (ds == NULL) {
      kb_cli_message("import", "error", "%s", err->message);
      goto done;
    }
    kb_cli_print_diagnostics(stderr, diags, opts.max_problems);
    if (kb_diag_list_count(diags, KB_SEVERITY_ERROR) > 0) {
      fprintf(stderr, "klaverblad import: error: nothing written: the input has errors\n");
      goto done;
    }
    if (!kb_export_write(ds, KB_EXPORT_CSV, NULL, 0, output, &err)) {
      kb_cli_message("import", "error", "%s", err->message);
      goto done;
    }
    g_autofree char *shown = kb_terminal_escape(output);
    printf("%s: %zu nodes, %zu relations\n", shown, kb_dataset_node_count(ds),
           kb_dataset_relation_count(ds));
    status = KB_EXIT_OK;
  }
done:
  kb_cli_dataset_options_release(&opts);
  return status;
}
