/* cmd_index.c -- `klaverblad index DATASET [--by KIND]`: the strategic
 * index, with the whole-network figures, the sector mixing, the gaps and
 * the single points of failure. */
#include <math.h>
#include <stdio.h>

#include "cli/builtin.h"

int
cmd_index(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autofree char *by_name = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "The strategic index: for each place (or theme, network, sector) the organisations\n"
    "active there, their sectors and diversity, the relations behind them and the\n"
    "earliest year, the cross-sector ties present and the pairs still open. Above it\n"
    "the whole-network figures and the sector mixing; below it the gaps and the\n"
    "organisations whose removal cuts a place off.");
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_name,
      "country (default), city, region, theme, network or sector", "KIND" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_output_options_add(ctx, &out, 0);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  KbIndexBy by = KB_INDEX_BY_COUNTRY;
  if (!kb_cli_parse(ctx, "index", &argc, &argv, &opts, &out, 1))
    goto done;
  if (by_name != NULL && !kb_index_by_parse(by_name, &by)) {
    kb_cli_usage_error("index", "--by '%s' is not one of: country, city, region, theme, "
                       "network, sector", by_name);
    goto done;
  }
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbIndex) ix = kb_index_compute(ds, by, &err);
    if (ix == NULL) {
      kb_cli_message("index", "error", "%s", err->message);
      goto done;
    }
    g_autofree char *title = g_strdup_printf(kb_tr(out.lang, "Strategic index by %s"),
                                             kb_tr(out.lang, kb_index_by_name(by)));
    g_autoptr(KbDoc) doc = kb_doc_new(title);
    g_autofree char *about = kb_cli_describe_dataset(argv[1], &opts, out.lang);
    kb_doc_add_text(doc, "about", about);
    kb_tables_index(doc, ds, ix, (size_t) out.top, out.lang);
    status = kb_cli_emit("index", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
