/* cmd_render.c -- `klaverblad render DATASET --view VIEW -o FILE`: network
 * maps, computed here and drawn by klaverblad-render (Graphviz). */
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"

int
cmd_render(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  g_autofree char *view = NULL, *focus = NULL, *format = NULL, *output = NULL, *lang = NULL;
  g_autofree char *size = NULL;
  int depth = 1, top = 10;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Draws a network map. Views: klaverblad (the hub, one petal per sector, places\n"
    "abroad around it), ego (--focus ID and its neighbours to --depth N), place\n"
    "(everyone active in --focus PLACE), sectors (sectors sized by members, edges by\n"
    "cross-sector ties), synergy (the klaverblad with the --top K synergy pairs as\n"
    "dashed ties). --size sets the paper the map is drawn for: its text is at least\n"
    "7 pt there, and a map that would not fit shows the most connected members of\n"
    "each sector and '+N more', bundles ties, and says under the title what it left\n"
    "out. The drawing is done by klaverblad-render (Graphviz), a separate program;\n"
    "--format dot writes the Graphviz graph itself.");
  GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &view,
      "klaverblad (default), ego, place, sectors or synergy", "VIEW" },
    { "focus", 0, 0, G_OPTION_ARG_STRING, &focus, "The node of the ego or place view", "ID" },
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth, "Ego view: ties out from the focus (default 1)",
      "N" },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, "Synergy view: pairs drawn (default 10)", "K" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      "svg (default), png, pdf, dot, or spec (the text handed to klaverblad-render)", "FORMAT" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      "a4 (default: 16 x 22 cm, the text width of an A4 page), a4-landscape (24.7 x 16 cm), "
      "slide (16:9, 33.867 x 19.05 cm) or poster (A1 landscape, 84.1 x 59.4 cm)", "SIZE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file to write (required)", "FILE" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      "nl or en: title and legend (default: the dataset's language, else en)", "LANG" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  KbMapOptions mo;
  kb_map_options_init(&mo);
  if (!kb_cli_parse(ctx, "render", &argc, &argv, &opts, NULL, 1))
    goto done;
  if (view != NULL && !kb_view_parse(view, &mo.view)) {
    kb_cli_usage_error("render", "--view '%s': expected klaverblad, ego, place, sectors or "
                       "synergy", view);
    goto done;
  }
  if (size != NULL && !kb_map_size_parse(size, &mo.size)) {
    kb_cli_usage_error("render", "--size '%s': expected a4, a4-landscape, slide or poster", size);
    goto done;
  }
  if (format == NULL)
    format = g_strdup("svg");
  if (strcmp(format, "svg") && strcmp(format, "png") && strcmp(format, "pdf")
      && strcmp(format, "dot") && strcmp(format, "spec")) {
    kb_cli_usage_error("render", "--format '%s': expected svg, png, pdf, dot or spec", format);
    goto done;
  }
  if (output == NULL) {
    kb_cli_usage_error("render", "-o FILE is needed");
    goto done;
  }
  if (depth < 1 || depth > 10 || top < 0) {
    kb_cli_usage_error("render", "--depth must be 1 to 10 and --top 0 or more");
    goto done;
  }
  KbLang chosen = KB_LANG_EN;
  if (lang != NULL && !kb_lang_parse(lang, &chosen)) {
    kb_cli_usage_error("render", "--lang '%s': expected nl or en", lang);
    goto done;
  }
  mo.depth = (unsigned) depth;
  mo.synergy_top = (size_t) top;
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    mo.year = opts.view.year;
    status = KB_EXIT_USAGE;
    if (lang != NULL)
      mo.lang = chosen;
    else if (kb_dataset_language(ds) != NULL && kb_lang_parse(kb_dataset_language(ds), &chosen))
      mo.lang = chosen;
    if (focus != NULL
        && (mo.focus = kb_cli_node(ds, "render", "--focus", focus, ~0u)) == KB_NO_NODE)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autofree char *spec = kb_map_spec(ds, &mo, &err);
    if (spec == NULL && g_error_matches(err, KB_ERROR, KB_ERROR_LIMIT)) {
      kb_cli_message("render", "error", "%s", err->message);
      status = KB_EXIT_DATA;
      goto done;
    }
    if (spec == NULL) {
      kb_cli_usage_error("render", "%s", err->message);
      goto done;
    }
    status = KB_EXIT_DATA;
    if (strcmp(format, "spec") == 0) {
      if (!kb_file_write(output, spec, &err)) {
        kb_cli_message("render", "error", "%s", err->message);
        goto done;
      }
      status = KB_EXIT_OK;
      goto done;
    }
    g_autofree char *renderer = kb_map_find_renderer();
    if (renderer == NULL) {
      fprintf(stderr, "klaverblad render: error: klaverblad-render was not found beside "
              "klaverblad or on the PATH (or set KLAVERBLAD_RENDER)\n");
      goto done;
    }
    if (!kb_map_render(renderer, spec, format, output, &err)) {
      kb_cli_message("render", "error", "%s", err->message);
      goto done;
    }
    status = KB_EXIT_OK;
  }
done:
  kb_cli_dataset_options_release(&opts);
  return status;
}
