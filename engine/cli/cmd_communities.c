/* cmd_communities.c -- `klaverblad communities DATASET`: Leiden communities
 * of the organisation network, with their sectors and places. */
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"

int
cmd_communities(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Communities of the organisation network, found by Leiden optimising modularity\n"
    "(weighted ties, fixed seed: the same data gives the same communities), each\n"
    "with its members, dominant sectors and places.");
  kb_cli_output_options_add(ctx, &out, 0);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  if (!kb_cli_parse(ctx, "communities", &argc, &argv, &opts, &out, 1))
    goto done;
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbCommunities) cs = kb_communities_compute(ds, &err);
    if (cs == NULL) {
      kb_cli_message("communities", "error", "%s", err->message);
      goto done;
    }
    g_autoptr(KbDoc) doc = kb_doc_new(kb_tr(out.lang, "Communities"));
    g_autofree char *about = kb_cli_describe_dataset(argv[1], &opts, out.lang);
    g_autofree char *communities = kb_count(out.lang, cs->n, "community", "communities");
    g_autofree char *text = g_strdup_printf(kb_tr(out.lang, "%s %s; modularity %.3f."), about,
                                            communities, cs->modularity);
    kb_doc_add_text(doc, "about", text);
    kb_tables_communities(doc, ds, cs, (size_t) out.top, out.lang);
    status = kb_cli_emit("communities", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
