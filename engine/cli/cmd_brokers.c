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
    KbSheet *s = kb_doc_add_sheet(doc, "brokers", "Organisations by brokerage");
    kb_sheet_add_column(s, "rank", "#", KB_COLUMN_INT, 0);
    kb_sheet_add_column(s, "id", "id", KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(s, "label", "organisation", KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(s, "sector", "sector", KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(s, "degree", "degree", KB_COLUMN_INT, 0);
    kb_sheet_add_column(s, "betweenness", "betweenness", KB_COLUMN_NUMBER, 3);
    kb_sheet_add_column(s, "closeness", "closeness", KB_COLUMN_NUMBER, 3);
    kb_sheet_add_column(s, "eigenvector", "eigenvector", KB_COLUMN_NUMBER, 3);
    kb_sheet_add_column(s, "pagerank", "pagerank", KB_COLUMN_NUMBER, 3);
    kb_sheet_add_column(s, "constraint", "constraint", KB_COLUMN_NUMBER, 3);
    kb_sheet_add_column(s, "effective_size", "eff. size", KB_COLUMN_NUMBER, 2);
    for (int r = 0; r < KB_ROLE_COUNT; r++)
      kb_sheet_add_column(s, kb_broker_role_name(r), kb_broker_role_name(r), KB_COLUMN_INT, 0);
    kb_sheet_add_column(s, "roles", "roles", KB_COLUMN_INT, 0);
    kb_sheet_add_column(s, "articulation", "cut point", KB_COLUMN_TEXT, 0);
    for (size_t i = 0; i < br->n && (out.top == 0 || i < (size_t) out.top); i++) {
      const KbBroker *b = &br->brokers[i];
      const KbNode *n = kb_dataset_node(ds, b->node);
      kb_sheet_begin_row(s);
      kb_sheet_put_int(s, (long long) i + 1);
      kb_sheet_put_text(s, n->id);
      kb_sheet_put_text(s, n->label);
      kb_sheet_put_text(s, n->sector != KB_NO_NODE ? kb_dataset_node(ds, n->sector)->id : NULL);
      kb_sheet_put_int(s, (long long) b->degree);
      kb_sheet_put_number(s, b->betweenness);
      kb_sheet_put_number(s, b->closeness);
      kb_sheet_put_number(s, b->eigenvector);
      kb_sheet_put_number(s, b->pagerank);
      kb_sheet_put_number(s, b->constraint);
      kb_sheet_put_number(s, b->effective_size);
      for (int r = 0; r < KB_ROLE_COUNT; r++)
        kb_sheet_put_int(s, (long long) b->roles[r]);
      kb_sheet_put_int(s, (long long) b->roles_total);
      kb_sheet_put_text(s, b->articulation ? "yes" : NULL);
    }
    status = kb_cli_emit("brokers", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
