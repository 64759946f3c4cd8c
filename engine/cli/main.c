/* main.c -- the klaverblad command: finds the subcommand and runs it.
 * Only the command line is handled here; the work is in libklaverblad. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"

typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "check", cmd_check, "Check a dataset and summarise it" },
  { "index", cmd_index, "The strategic index: who is active where, and how connected" },
  { "synergy", cmd_synergy, "Organisations not yet tied that share places, themes, networks" },
  { "bridges", cmd_bridges, "Who can introduce an organisation or sector to a target" },
  { "brokers", cmd_brokers, "Centrality and brokerage roles in the organisation network" },
  { "communities", cmd_communities, "Communities of the organisation network (Leiden)" },
  { "candidates", cmd_candidates, "Rank candidate partners against themes, support, network" },
  { "diff", cmd_diff, "What changed between two years" },
  { "render", cmd_render, "Draw a network map (svg, png, pdf or dot)" },
  { "generate", cmd_generate, "Write a synthetic dataset for benchmarks" },
  { "import", cmd_import, "Convert Kumu, GraphML, JSON or an edge list into a dataset folder" },
  { "export", cmd_export, "Write the dataset as GraphML, GEXF, Kumu, JSON, CSV or DOT" },
  { "report", cmd_report, "Write the network annex: one HTML page, tables as CSV, the map" },
};

static void
print_usage(FILE *out)
{
  fprintf(out, "Usage: klaverblad [--version] [--help] COMMAND [ARGS]\n\n"
               "Analyses networks of international relations.\n\nCommands:\n");
  for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
    fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\nRun 'klaverblad COMMAND --help' for a command's options.\n");
}

int
main(int argc, char **argv)
{
  setlocale(LC_ALL, "");
  /* Numbers and messages are written the same in every locale. */
  setlocale(LC_NUMERIC, "C");
  kb_init();

  if (argc < 2) {
    print_usage(stderr);
    return KB_EXIT_USAGE;
  }
  const char *name = argv[1];
  if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
    printf("klaverblad %s\n", KB_VERSION);
    return KB_EXIT_OK;
  }
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
    if (argc > 2) {
      for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        if (strcmp(argv[2], commands[i].name) == 0) {
          char *help_argv[] = { argv[2], "--help", NULL };
          g_autofree char *prgname = g_strdup_printf("klaverblad %s", argv[2]);
          g_set_prgname(prgname);
          return commands[i].run(2, help_argv);
        }
    }
    print_usage(stdout);
    return KB_EXIT_OK;
  }
  for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
    if (strcmp(name, commands[i].name) == 0) {
      g_autofree char *prgname = g_strdup_printf("klaverblad %s", name);
      g_set_prgname(prgname);
      return commands[i].run(argc - 1, argv + 1);
    }
  kb_cli_message(NULL, "error", "unknown command '%s'", name);
  fputc('\n', stderr);
  print_usage(stderr);
  return KB_EXIT_USAGE;
}
