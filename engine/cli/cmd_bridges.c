/* cmd_bridges.c -- `klaverblad bridges DATASET --from ID --to ID`: who can
 * introduce whom, as ranked paths and the partners on them. */
#include <stdio.h>

#include "cli/builtin.h"

int
cmd_bridges(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autofree char *from = NULL, *to = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Who can introduce whom: up to K cheapest introduction paths from an organisation\n"
    "(or any organisation of a sector) to an organisation, place, theme or network,\n"
    "and the bridging partners they pass through. Paths go through organisations and\n"
    "networks only. A tie costs 1 (partnership, funding, activity), 2 per membership\n"
    "hop, divided by its weight, times 1 to 1.5 for its age and 2 when it has ended.");
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "An organisation or a sector", "ID" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "An organisation, place, theme or network", "ID" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_output_options_add(ctx, &out, 20);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  if (!kb_cli_parse(ctx, "bridges", &argc, &argv, &opts, &out, 1))
    goto done;
  if (from == NULL || to == NULL) {
    kb_cli_usage_error("bridges", "both --from and --to are needed");
    goto done;
  }
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    status = KB_EXIT_USAGE;
    size_t f = kb_cli_node(ds, "bridges", "--from", from,
                           1u << KB_NODE_ORGANISATION | 1u << KB_NODE_SECTOR);
    if (f == KB_NO_NODE)
      goto done;
    size_t t = kb_cli_node(ds, "bridges", "--to", to, ~(1u << KB_NODE_SECTOR));
    if (t == KB_NO_NODE)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbBridges) br = kb_bridges_compute(ds, f, t, out.top ? (size_t) out.top : 50,
                                                 opts.view.year, &err);
    if (br == NULL) {
      status = kb_cli_usage_error("bridges", "%s", err->message);
      goto done;
    }
    g_autofree char *title = g_strdup_printf("Bridges from %s to %s",
                                             kb_dataset_node(ds, f)->label,
                                             kb_dataset_node(ds, t)->label);
    g_autoptr(KbDoc) doc = kb_doc_new(title);
    g_autofree char *about = kb_cli_describe_dataset(argv[1], &opts);
    kb_doc_add_text(doc, "about", about);
    kb_tables_bridges(doc, ds, br, KB_LANG_EN);
    status = kb_cli_emit("bridges", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
