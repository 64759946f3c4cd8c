/* cmd_export.c -- `klaverblad export DATASET --format F -o PATH`: the
 * dataset, and on request analysis results, for Gephi, NetworkX, Kumu,
 * D3 and Graphviz. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"

int
cmd_export(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  g_autofree char *format = NULL, *output = NULL, *with = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Writes the dataset with every attribute of its nodes and relations:\n"
    "  graphml  GraphML (Gephi, yEd, NetworkX, igraph)\n"
    "  gexf     GEXF 1.2 with the years as edge spells, for Gephi's timeline\n"
    "  kumu     a folder with Kumu's elements.csv and connections.csv, and\n"
    "           dataset.csv and questions.csv beside them\n"
    "  json     node-link JSON (NetworkX's node_link_graph, D3)\n"
    "  csv      a folder in klaverblad's own format\n"
    "  xlsx     an Excel workbook of the same tables, a sheet each\n"
    "  dot      Graphviz DOT\n"
    "--with brokers,communities adds the analysis results as node attributes.");
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "graphml, gexf, kumu, json, csv, xlsx or dot",
      "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file (or folder) to write",
      "PATH" },
    { "with", 0, 0, G_OPTION_ARG_STRING, &with, "brokers and/or communities, comma-separated",
      "LIST" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  KbExportFormat fmt;
  gboolean brokers = FALSE, communities = FALSE;
  if (!kb_cli_parse(ctx, "export", &argc, &argv, &opts, NULL, 1))
    goto done;
  if (format == NULL || !kb_export_format_parse(format, &fmt)) {
    kb_cli_usage_error("export", "--format: expected graphml, gexf, kumu, json, csv, xlsx or dot");
    goto done;
  }
  if (output == NULL) {
    kb_cli_usage_error("export", "-o PATH is needed");
    goto done;
  }
  if (with != NULL) {
    g_auto(GStrv) parts = g_strsplit(with, ",", -1);
    for (char **p = parts; *p; p++) {
      g_strstrip(*p);
      if (strcmp(*p, "brokers") == 0)
        brokers = TRUE;
      else if (strcmp(*p, "communities") == 0)
        communities = TRUE;
      else if (**p) {
        kb_cli_usage_error("export", "--with '%s': expected brokers and/or communities", *p);
        goto done;
      }
    }
  }
  {
    g_autoptr(GError) err = NULL;
    status = KB_EXIT_DATA;
    /* a folder that may not be replaced is refused before any work */
    if ((fmt == KB_EXPORT_CSV || fmt == KB_EXPORT_KUMU)
        && !kb_folder_check(output, KB_FOLDER_DATASET, argv[1], &err)) {
      fprintf(stderr, "klaverblad export: error: %s\n", err->message);
      goto done;
    }
    g_autoptr(KbDataset) ds = kb_cli_load_whole(argv[1], &opts);
    if (ds == NULL)
      goto done;
    /* every relation is exported; the measures are those of the network
     * the analyses see: the year the data describes (or --as-of's) */
    KbYearView year_view;
    kb_year_view_init(&year_view, ds);
    g_autoptr(KbDataset) seen = opts.viewed ? NULL : kb_dataset_view(ds, &year_view, NULL);
    const KbDataset *measured = seen != NULL ? seen : ds;
    size_t n = kb_dataset_node_count(ds);
    enum { DEGREE, BETWEENNESS, BETWEENNESS_SE, CLOSENESS, EIGENVECTOR, PAGERANK, CONSTRAINT,
           EFFSIZE, ROLES, COMMUNITY, N_MEASURES };
    static const char *const names[N_MEASURES] = { "degree", "betweenness", "betweenness_se",
      "closeness", "eigenvector", "pagerank", "constraint", "effective_size", "brokerage_roles",
      "community" };
    double *values[N_MEASURES];
    for (int m = 0; m < N_MEASURES; m++) {
      values[m] = g_new(double, n ? n : 1);
      for (size_t i = 0; i < n; i++)
        values[m][i] = NAN;
    }
    KbNodeMeasure measures[N_MEASURES];
    size_t nm = 0;
    if (brokers) {
      g_autoptr(KbBrokers) br = kb_brokers_compute(measured, &err);
      if (br == NULL) {
        kb_cli_message("export", "error", "%s", err->message);
        goto free_values;
      }
      if (br->sampled) {
        g_autofree char *method = kb_tables_brokers_method(br, KB_LANG_EN);
        fprintf(stderr, "klaverblad export: note: %s\n", method);
      }
      for (size_t i = 0; i < br->n; i++) {
        const KbBroker *b = &br->brokers[i];
        values[DEGREE][b->node] = (double) b->degree;
        values[BETWEENNESS][b->node] = b->betweenness;
        values[BETWEENNESS_SE][b->node] = b->betweenness_se;
        values[CLOSENESS][b->node] = b->closeness;
        values[EIGENVECTOR][b->node] = b->eigenvector;
        values[PAGERANK][b->node] = b->pagerank;
        values[CONSTRAINT][b->node] = b->constraint;
        values[EFFSIZE][b->node] = b->effective_size;
        values[ROLES][b->node] = br->local ? (double) b->roles_total : NAN;
      }
      /* a standard error only where betweenness was sampled; else none,
       * and none the data may carry from an earlier run either */
      for (int m = DEGREE; m <= ROLES; m++)
        measures[nm++] = (KbNodeMeasure) {
          .name = names[m],
          .values = m != BETWEENNESS_SE || br->sampled ? values[m] : NULL,
          .integer = m == DEGREE || m == ROLES };
    }
    if (communities) {
      g_autoptr(KbCommunities) cs = kb_communities_compute(measured, &err);
      if (cs == NULL) {
        kb_cli_message("export", "error", "%s", err->message);
        goto free_values;
      }
      for (size_t c = 0; c < cs->n; c++)
        for (size_t j = 0; j < cs->communities[c].n_members; j++)
          values[COMMUNITY][cs->communities[c].members[j]] = (double) c + 1;
      measures[nm++] = (KbNodeMeasure) { .name = names[COMMUNITY],
                                         .values = values[COMMUNITY], .integer = TRUE };
    }
    if (!kb_export_write(ds, fmt, measures, nm, output, &err))
      kb_cli_message("export", "error", "%s", err->message);
    else
      status = KB_EXIT_OK;
free_values:
    for (int m = 0; m < N_MEASURES; m++)
      g_free(values[m]);
  }
done:
  kb_cli_dataset_options_release(&opts);
  return status;
}
