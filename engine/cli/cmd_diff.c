/* cmd_diff.c -- `klaverblad diff DATASET --from YEAR --to YEAR`: what
 * changed between two years, the table of a five-year report. */
#include <math.h>
#include <stdio.h>

#include "cli/builtin.h"

int
cmd_diff(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autofree char *from_text = NULL, *to_text = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "What changed between two years: relations begun and ended (with their sources),\n"
    "memberships of networks joined and left, places and themes gained and lost, and\n"
    "the strategic-index figures and top brokers of both years side by side. A\n"
    "relation without years counts as active in every year.");
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, "The earlier year", "YEAR" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, "The later year", "YEAR" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_output_options_add(ctx, &out, 10);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  int from = KB_NO_YEAR, to = KB_NO_YEAR;
  if (!kb_cli_parse(ctx, "diff", &argc, &argv, &opts, &out, 1))
    goto done;
  if (opts.as_of != NULL) {
    kb_cli_usage_error("diff", "--as-of does not apply: diff compares --from and --to");
    goto done;
  }
  if (from_text == NULL || to_text == NULL) {
    kb_cli_usage_error("diff", "both --from YEAR and --to YEAR are needed");
    goto done;
  }
  if (!kb_year_parse(from_text, &from) || !kb_year_parse(to_text, &to)) {
    kb_cli_usage_error("diff", "--from and --to must be years of four digits, as 2014");
    goto done;
  }
  {
    g_autoptr(KbDataset) ds = kb_cli_load_whole(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbDiff) d = kb_diff_compute(ds, from, to, &err);
    if (d == NULL) {
      kb_cli_message("diff", "error", "%s", err->message);
      goto done;
    }
    g_autofree char *title = g_strdup_printf(kb_tr(out.lang, "Changes from %d to %d"), from, to);
    g_autoptr(KbDoc) doc = kb_doc_new(title);
    g_autoptr(GString) summary = g_string_new(NULL);
    KbLang lang = out.lang;
    g_string_append_printf(summary, kb_tr(lang, "Dataset %s. From %d to %d: relations begun %zu, "
                                          "ended %zu; places where organisations became active "
                                          "%zu, places they left %zu; themes gained %zu, lost "
                                          "%zu."), kb_input_name(argv[1]), from, to, d->n_begun,
                           d->n_ended, d->n_places_gained, d->n_places_lost, d->n_themes_gained,
                           d->n_themes_lost);
    if (d->n_unsure > 0) {
      g_string_append_c(summary, ' ');
      g_string_append_printf(summary, kb_tr_n(lang, d->n_unsure,
                                              "Only what the data dates is compared: %zu "
                                              "relation whose dates do not say whether it held "
                                              "in both years (%zu of them without a year) is "
                                              "counted in neither year.",
                                              "Only what the data dates is compared: %zu "
                                              "relations whose dates do not say whether they "
                                              "held in both years (%zu of them without a year) "
                                              "are counted in neither year."),
                             d->n_unsure, d->n_unsure_undated);
    }
    if (d->n_planned > 0) {
      g_string_append_c(summary, ' ');
      g_string_append_printf(summary, kb_tr_n(lang, d->n_planned,
                                              "%zu planned relation is left out.",
                                              "%zu planned relations are left out."),
                             d->n_planned);
    }
    g_autofree char *umbrella = kb_tables_diff_umbrella(ds, d, out.lang);
    if (umbrella != NULL)
      g_string_append_printf(summary, " %s", umbrella);
    kb_doc_add_text(doc, "about", summary->str);

    kb_tables_diff(doc, ds, d, (size_t) out.top, out.lang);
    status = kb_cli_emit("diff", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
