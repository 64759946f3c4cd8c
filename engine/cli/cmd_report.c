/* cmd_report.c -- `klaverblad report DATASET -o DIR`: the network annex,
 * from the data to a page to share. */
#include <math.h>
#include <stdio.h>

#include "cli/builtin.h"

int
cmd_report(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  g_autofree char *output = NULL, *lang = NULL, *compare = NULL, *requests_path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Writes DIR/report.html, one self-contained page (styles and map inline, nothing\n"
    "fetched), with beside it every table as CSV, all of them as sheets of the\n"
    "workbook report.xlsx, and the map as klaverblad.svg:\n"
    "key figures, the klaverblad, the strategic index, synergy, bridging partners for\n"
    "the questions kept with the dataset, brokers and communities, candidate\n"
    "partners with the plan per focus theme and, with --requests, the requests\n"
    "weighed, changes since --compare YEAR (default: the start of the policy\n"
    "period), and the quality of the data. In the dataset's language (dataset.csv:\n"
    "language, nl or en), else Dutch; --lang says otherwise.\n"
    "Where the hub's members are municipalities and nothing is abroad, the key\n"
    "figures and a section of their own describe the regional network instead:\n"
    "centralization with and without the centre municipality, seats by province and\n"
    "size, members on one consultation, growth by year.");
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The folder to write (required)", "DIR" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      "nl or en (default: the dataset's language, else nl)", "LANG" },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare, "Count changes from this year", "YEAR" },
    { "requests", 0, 0, G_OPTION_ARG_FILENAME, &requests_path,
      "Weigh the partnership requests in this CSV file (as candidates --requests)", "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_STRING, &csv,
      "Write the CSV files as excel-nl (';', a decimal comma; the default for a Dutch report), "
      "excel-en (the default for an English one) or plain (',', a decimal point, no byte-order "
      "mark)", "KIND" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  KbReportOptions ro;
  kb_report_options_init(&ro);
  if (!kb_cli_parse(ctx, "report", &argc, &argv, &opts, NULL, 1))
    goto done;
  if (output == NULL) {
    kb_cli_usage_error("report", "-o DIR is needed");
    goto done;
  }
  if (lang != NULL && !kb_lang_parse(lang, &ro.lang)) {
    kb_cli_usage_error("report", "--lang '%s': expected nl or en", lang);
    goto done;
  }
  KbCsvDialect dialect;
  if (csv != NULL && !kb_csv_dialect_parse(csv, &dialect)) {
    kb_cli_usage_error("report", "--csv '%s': expected plain, excel-nl or excel-en", csv);
    goto done;
  }
  if (csv != NULL)
    ro.csv = (int) dialect;
  if (compare != NULL && !kb_year_parse(compare, &ro.compare)) {
    kb_cli_usage_error("report", "--compare '%s' is not a year; expected four digits, as 2015",
                       compare);
    goto done;
  }
  {
    /* a folder that may not be replaced is refused before the data is read */
    g_autoptr(GError) err = NULL;
    status = KB_EXIT_DATA;
    if (!kb_folder_check(output, KB_FOLDER_REPORT, argv[1], &err)) {
      fprintf(stderr, "klaverblad report: error: %s\n", err->message);
      goto done;
    }
    /* load without --as-of: the report needs every year for the changes */
    g_autoptr(KbDiagList) diags = kb_cli_diag_list_new(&opts);
    g_autoptr(KbDataset) ds = kb_dataset_load_limited(argv[1], opts.format, &opts.limits, diags,
                                                      &err);
    if (ds == NULL) {
      kb_cli_message("report", "error", "%s", err->message);
      goto done;
    }
    if (kb_diag_list_count(diags, KB_SEVERITY_ERROR) > 0) {
      kb_cli_print_diagnostics(stderr, diags, opts.max_problems);
      kb_cli_message(NULL, "error", "the dataset has errors; run 'klaverblad check %s' for a "
                     "report", argv[1]);
      goto done;
    }
    /* the dataset's own language, unless told otherwise */
    KbLang own;
    if (lang == NULL && kb_dataset_language(ds) != NULL
        && kb_lang_parse(kb_dataset_language(ds), &own))
      ro.lang = own;
    g_autoptr(KbRequests) requests = NULL;
    if (requests_path != NULL) {
      g_autoptr(KbDiagList) rdiags = kb_cli_diag_list_new(&opts);
      requests = kb_requests_load_limited(requests_path, ds, &opts.limits, rdiags);
      if (requests == NULL) {
        kb_cli_print_diagnostics(stderr, rdiags, opts.max_problems);
        goto done;
      }
      ro.requests = requests;
    }
    g_autofree char *renderer = kb_map_find_renderer();
    ro.renderer = renderer;
    ro.as_of = opts.year;
    ro.source_name = kb_input_name(argv[1]);
    ro.warnings = diags;
    KbReportFigures fig;
    if (!kb_report_write(ds, &ro, output, &fig, &err)) {
      kb_cli_message("report", "error", "%s", err->message);
      goto done;
    }
    g_autofree char *page = g_build_filename(output, "report.html", NULL);
    g_autofree char *shown = kb_terminal_escape(page);
    printf("%s\n", shown);
    g_autofree char *summary = kb_report_summary(&fig, ro.lang);
    printf("%s\n", summary);
    if (renderer == NULL)
      fprintf(stderr, "klaverblad report: warning: klaverblad-render was not found; the report "
              "has no map\n");
    status = KB_EXIT_OK;
  }
done:
  kb_cli_dataset_options_release(&opts);
  return status;
}
