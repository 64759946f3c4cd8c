/* cmd_init.c -- `klaverblad init DIR`: a starter dataset to fill in with
 * Excel. */
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"

/* The name an option gave, as UTF-8: the bytes as they are when they are
 * UTF-8, else converted from the locale's character set, else as they are
 * (kb_starter_options_check() then says the name is not UTF-8). */
static char *
name_option(const char *raw)
{
  if (raw == NULL || g_utf8_validate(raw, -1, NULL))
    return g_strdup(raw);
  char *utf8 = g_locale_to_utf8(raw, -1, NULL, NULL, NULL);
  return utf8 != NULL ? utf8 : g_strdup(raw);
}

/* The folder as the user can type it in a shell: as it is, or quoted. */
static char *
shell_word(const char *path)
{
  for (const char *p = path; *p; p++)
    if (!g_ascii_isalnum(*p) && strchr("._-+,:@%/", *p) == NULL)
      return g_shell_quote(path);
  return g_strdup(path);
}

int
cmd_init(int argc, char **argv)
{
  g_autofree char *city_raw = NULL, *country_raw = NULL, *lang = NULL, *year_text = NULL;
  gboolean xlsx = FALSE;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DIR");
  g_option_context_set_summary(ctx,
    "Writes a starter dataset into the new folder DIR, to fill in with Excel:\n"
    "dataset.csv, nodes.csv (the six sectors, the city and its country, and\n"
    "examples to replace), relations.csv, questions.csv, and LEESMIJ.txt (README.txt\n"
    "in English) explaining every file and column and what to do next. The tables\n"
    "are UTF-8 with a byte-order mark, separated by ';' in Dutch (as Dutch Excel\n"
    "splits them) and ',' in English; with --xlsx the four tables are the sheets of\n"
    "one Excel workbook, dataset.xlsx. DIR must be new or empty, or a folder\n"
    "klaverblad wrote that nobody changed since; a folder of yours is never\n"
    "replaced.");
  GOptionEntry entries[] = {
    { "city", 0, 0, G_OPTION_ARG_FILENAME, &city_raw,
      "The home municipality, as it is written (default: a placeholder)",
      "NAME" },
    { "country", 0, 0, G_OPTION_ARG_FILENAME, &country_raw,
      "Its country (default: Nederland, or Netherlands in English)", "NAME" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "nl (default) or en", "LANG" },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text,
      "The year the data describes (default: this year)", "YEAR" },
    { "xlsx", 0, 0, G_OPTION_ARG_NONE, &xlsx,
      "Write the tables as one Excel workbook, dataset.xlsx, instead of CSV files", NULL },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) err = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &err))
    return kb_cli_usage_error("init", "%s", err->message);
  if (argc < 2)
    return kb_cli_usage_error("init", "expected DIR, the folder to write the dataset into");
  if (argc > 2)
    return kb_cli_usage_error("init", "unexpected argument '%s'", argv[2]);
  const char *dir = argv[1];
  if (*dir == '\0')
    return kb_cli_usage_error("init", "DIR is empty; expected the folder to write the dataset "
                              "into");

  g_autoptr(GDateTime) now = g_date_time_new_now_local();
  KbStarterOptions opts;
  kb_starter_options_init(&opts, g_date_time_get_year(now));
  if (lang != NULL && !kb_lang_parse(lang, &opts.lang))
    return kb_cli_usage_error("init", "--lang '%s': expected nl or en", lang);
  if (year_text != NULL && !kb_year_parse(year_text, &opts.year))
    return kb_cli_usage_error("init", "--year '%s' is not a year; expected four digits from "
                              "%d to %d, as 2024", year_text, KB_YEAR_MIN, KB_YEAR_MAX);
  g_autofree char *city = name_option(city_raw), *country = name_option(country_raw);
  opts.city = city;
  opts.country = country;
  opts.workbook = xlsx;
  if (!kb_starter_options_check(&opts, &err))
    return kb_cli_usage_error("init", "--%s", err->message);

  if (!kb_starter_write(&opts, dir, &err)) {
    kb_cli_message("init", "error", "%s", err->message);
    return KB_EXIT_DATA;
  }
  g_autofree char *word = shell_word(dir);
  g_autofree char *shown = kb_terminal_escape(word);
  const char *readme = kb_starter_readme_name(opts.lang);
  if (xlsx)
    printf("Wrote the starter dataset %s: dataset.xlsx (sheets dataset, nodes, relations, "
           "questions) and %s.\n", shown, readme);
  else
    printf("Wrote the starter dataset %s: dataset.csv, nodes.csv, relations.csv, questions.csv "
           "and %s.\n", shown, readme);
  if (city == NULL)
    printf("The home city is a placeholder: while the folder is unchanged, run init again "
           "with --city NAME.\n");
  /* what to check: the folder, or the workbook in it */
  g_autofree char *data = xlsx ? g_strconcat(shown, G_DIR_SEPARATOR_S "dataset.xlsx", NULL)
                               : g_strdup(shown);
  printf("Next: read %s; fill in the %s in Excel and save %s; then run\n"
         "  klaverblad check %s\n"
         "  klaverblad report %s -o %s\n",
         readme, xlsx ? "sheets" : "files", xlsx ? "it" : "them as CSV UTF-8", data, data,
         /* the report is Dutch unless told otherwise */
         opts.lang == KB_LANG_NL ? "rapport" : "report --lang en");
  return KB_EXIT_OK;
}
