/* cmd_generate.c -- `klaverblad generate --orgs N --seed S -o DIR`: a
 * synthetic dataset for benchmarks. */
#include <stdio.h>
#include <unistd.h>

#include "cli/builtin.h"

int
cmd_generate(int argc, char **argv)
{
  g_autofree char *output = NULL;
  gint64 orgs = 10000;
  int seed = 1;
  g_autoptr(GOptionContext) ctx = g_option_context_new("");
  g_option_context_set_summary(ctx,
    "Writes a synthetic dataset in klaverblad's folder format for benchmarks: six\n"
    "sectors with fixed shares, 200 countries and 5,000 cities drawn Zipf-like, 1 to 8\n"
    "places per organisation (mean about 2.3), 1 to 3 of the 17 Global Goals, 0 to 2\n"
    "of max(20, N/500) networks, a partner for about 30% of organisations. The same\n"
    "seed gives the same files. A progress bar on standard error when it is a terminal.");
  GOptionEntry entries[] = {
    { "orgs", 0, 0, G_OPTION_ARG_INT64, &orgs, "Organisations (default 10000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "The random seed (default 1)", "S" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The folder to write (required)", "DIR" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) err = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &err))
    return kb_cli_usage_error("generate", "%s", err->message);
  if (argc != 1)
    return kb_cli_usage_error("generate", "unexpected argument '%s'", argv[1]);
  if (output == NULL)
    return kb_cli_usage_error("generate", "-o DIR is needed");
  if (orgs < 1 || orgs > 100000000)
    return kb_cli_usage_error("generate", "--orgs must be 1 to 100000000");
  if (!kb_generate((size_t) orgs, (guint32) seed, output,
                   isatty(STDERR_FILENO) ? kb_cli_progress : NULL, "organisations", &err)) {
    kb_cli_message("generate", "error", "%s", err->message);
    return KB_EXIT_DATA;
  }
  return KB_EXIT_OK;
}
