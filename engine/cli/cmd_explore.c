/* cmd_explore.c -- `klaverblad explore DATASET -o FILE.html`: the explorer,
 * one self-contained page to explore the network offline. */
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"

int
cmd_explore(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  g_autofree char *output = NULL, *lang = NULL, *format = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Writes FILE.html, one self-contained page (script, style and data inline,\n"
    "nothing fetched: it works offline) to explore the network: the map with pan,\n"
    "zoom and search, a panel with each node's ties, filters by sector, kind,\n"
    "theme and home or abroad, a year slider showing the ties --as-of keeps, the\n"
    "synergy suggestions of each organisation (as synergy --org gives them) and the\n"
    "introducers per place and sector (as bridges gives them). The page opens on\n"
    "the year --as-of names (default: the year the data describes), in the\n"
    "dataset's language unless --lang says otherwise. Needs klaverblad-render for\n"
    "the layout. --format json writes the data the page embeds instead.");
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file to write (required)", "FILE" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "nl or en (default: the dataset's)", "LANG" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      "html (default) or json (the data the page embeds)", "FORMAT" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  if (!kb_cli_parse(ctx, "explore", &argc, &argv, &opts, NULL, 1))
    goto done;
  if (output == NULL) {
    kb_cli_usage_error("explore", "-o FILE is needed");
    goto done;
  }
  KbLang page_lang = KB_LANG_EN;
  if (lang != NULL && !kb_lang_parse(lang, &page_lang)) {
    kb_cli_usage_error("explore", "--lang '%s': expected nl or en", lang);
    goto done;
  }
  gboolean json = format != NULL && strcmp(format, "json") == 0;
  if (format != NULL && !json && strcmp(format, "html") != 0) {
    kb_cli_usage_error("explore", "--format '%s': expected html or json", format);
    goto done;
  }
  {
    status = KB_EXIT_DATA;
    /* every year: the page's slider makes the views; --as-of names the
     * one it opens on */
    char *as_of = g_steal_pointer(&opts.as_of);
    g_autoptr(KbDataset) ds = kb_cli_load_whole(argv[1], &opts);
    opts.as_of = as_of;
    if (ds == NULL)
      goto done;
    g_autofree char *renderer = kb_map_find_renderer();
    KbExploreOptions eo;
    kb_explore_options_init(&eo, ds);
    if (lang != NULL)
      eo.lang = page_lang;
    eo.renderer = renderer;
    eo.source_name = kb_input_name(argv[1]);
    if (as_of != NULL)
      eo.open.year = opts.all_years ? KB_NO_YEAR : opts.year;
    eo.open.with_planned = opts.with_planned;
    eo.open.with_unsure = opts.with_undated;
    g_autoptr(GError) err = NULL;
    g_autofree char *text = json ? kb_explore_data(ds, &eo, &err) : NULL;
    gboolean ok = json ? text != NULL && kb_file_write(output, text, &err)
                       : kb_explore_write(ds, &eo, output, &err);
    if (!ok) {
      kb_cli_message("explore", "error", "%s", err->message);
      goto done;
    }
    g_autofree char *shown = kb_terminal_escape(output);
    printf("%s\n", shown);
    status = KB_EXIT_OK;
  }
done:
  kb_cli_dataset_options_release(&opts);
  return status;
}
