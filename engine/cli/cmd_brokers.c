/* cmd_brokers.c -- `klaverblad brokers DATASET`: centrality and brokerage
 * in the organisation network. */
#include <stdio.h>

#include "cli/builtin.h"

int
cmd_brokers(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Centrality and brokerage in the organisation network (organisations tied by\n"
    "partner_of, funds or a shared network): degree, betweenness (normalised as\n"
    "NetworkX), closeness (Wasserman-Faust), eigenvector (unit length), PageRank\n"
    "(0.85), Burt's constraint and effective size, and Gould-Fernandez brokerage\n"
    "roles with sector as the group. Sorted by betweenness, then brokerage roles,\n"
    "then degree.");
  kb_cli_output_options_add(ctx, &out, 20);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  if (!kb_cli_parse(ctx, "brokers", &argc, &argv, &opts, &out, 1))
    goto done;
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbBrokers) br = kb_brokers_compute(ds, &err);
    if (br == NULL) {
      fprintf(stderr, "klaverblad brokers: error: %s\n", err->message);
      goto done;
    }
    g_autoptr(KbDoc) doc = kb_doc_new("Brokers");
    g_autofree char *about = kb_cli_describe_dataset(argv[1], &opts);
    g_autofree char *text = g_strdup_printf("%s The organisation network has %zu organisations "
                                            "and %zu ties.", about, br->n, br->ties);
    kb_doc_add_text(doc, "about", text);
    kb_tables_brokers(doc, ds, br, (size_t) out.top, KB_LANG_EN);
    status = kb_cli_emit("brokers", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
