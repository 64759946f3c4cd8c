/* main.c -- the klaverblad command: finds the subcommand and runs it.
 * Only the command line is handled here; the work is in libklaverblad. */
#define _GNU_SOURCE               /* fopencookie() */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/builtin.h"

/* ------------------------------------------------------ standard output */

/* Every write to standard output is checked once, as the program ends,
 * however it ends (a command's return, or GLib's exit after --help): a
 * write that failed makes the exit status 1 with a message naming the
 * cause, as gnulib's close_stdout does. stdio forgets the cause once a
 * write has failed (a later fclose() succeeds, errno unset), so standard
 * output is a stream whose writes keep it. SIGPIPE keeps its default
 * action: `klaverblad index ... | head -1` ends quietly. */

static const char *command_name;  /* "check", or NULL: klaverblad itself */
static int stdout_errno;          /* why the first failed write failed */

static ssize_t
stdout_write(void *cookie, const char *data, size_t len)
{
  size_t done = 0;
  while (done < len) {
    ssize_t n = write(STDOUT_FILENO, data + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      if (stdout_errno == 0)
        stdout_errno = errno;
      return -1;
    }
    done += (size_t) n;
  }
  return (ssize_t) len;
}

static int
stdout_close(void *cookie)
{
  return 0;
}

/* Standard output through stdout_write(), buffered as stdio buffers it:
 * by line on a terminal, in blocks elsewhere. */
static void
stdout_keep_errors(void)
{
  static const cookie_io_functions_t io = { NULL, stdout_write, NULL, stdout_close };
  FILE *f = fopencookie(NULL, "w", io);
  if (f == NULL)
    return;   /* stdio's own: errors still fail, with a vaguer message */
  setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
  fflush(stdout);
  stdout = f;
}

static void
stdout_close_at_exit(void)
{
  gboolean failed = ferror(stdout) != 0;
  errno = 0;
  if (fclose(stdout) != 0)
    failed = TRUE;
  if (!failed)
    return;
  int why = stdout_errno != 0 ? stdout_errno : errno;
  fprintf(stderr, "klaverblad%s%s: error: cannot write to standard output: %s\n",
          command_name ? " " : "", command_name ? command_name : "",
          why != 0 ? g_strerror(why) : "write error");
  _exit(KB_EXIT_DATA);
}

/* ------------------------------------------------------------ commands */

typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "init", cmd_init, "Write a starter dataset to fill in with Excel" },
  { "check", cmd_check, "Check a dataset and summarise it" },
  { "index", cmd_index, "The strategic index: who is active where, and how connected" },
  { "synergy", cmd_synergy, "Organisations not yet tied that share places, themes, networks" },
  { "bridges", cmd_bridges, "Who can introduce an organisation, sector or newcomer to a target" },
  { "brokers", cmd_brokers, "Centrality and brokerage roles in the organisation network" },
  { "communities", cmd_communities, "Communities of the organisation network (Leiden)" },
  { "candidates", cmd_candidates, "Rank candidate partners against themes, support, network" },
  { "diff", cmd_diff, "What changed between two years" },
  { "render", cmd_render, "Draw a network map (svg, png, pdf or dot)" },
  { "generate", cmd_generate, "Write a synthetic dataset for benchmarks" },
  { "import", cmd_import, "Convert Kumu, GraphML, JSON or an edge list into a dataset folder" },
  { "export", cmd_export, "Write the dataset as GraphML, GEXF, Kumu, JSON, CSV or DOT" },
  { "explore", cmd_explore, "Write the explorer: one offline HTML page to explore the network" },
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
  stdout_keep_errors();
  atexit(stdout_close_at_exit);

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
          command_name = commands[i].name;
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
      command_name = commands[i].name;
      return commands[i].run(argc - 1, argv + 1);
    }
  kb_cli_message(NULL, "error", "unknown command '%s'", name);
  fputc('\n', stderr);
  print_usage(stderr);
  return KB_EXIT_USAGE;
}
