/* builtin.h -- the subcommands of the klaverblad tool.
 *
 * Each subcommand lives in its own file, cli/cmd_NAME.c, as
 *     int cmd_NAME(int argc, char **argv);
 * which parses its own options with a GOptionContext (so that
 * `klaverblad NAME --help` works), does its job through libklaverblad and
 * returns the exit status. To add one: write that file, declare the
 * function below, add a row to the table in cli/main.c and the file to
 * engine/CMakeLists.txt, and add its golden tests under tests/cli/. */
#ifndef KB_CLI_BUILTIN_H
#define KB_CLI_BUILTIN_H

#include <stdio.h>

#include <klaverblad.h>

/* Exit statuses shared by every subcommand. */
enum {
  KB_EXIT_OK = 0,       /* done; the data is usable */
  KB_EXIT_DATA = 1,     /* the data has errors, or a file could not be read */
  KB_EXIT_USAGE = 2     /* the command line is wrong */
};

int cmd_init(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_synergy(int argc, char **argv);
int cmd_bridges(int argc, char **argv);
int cmd_brokers(int argc, char **argv);
int cmd_communities(int argc, char **argv);
int cmd_candidates(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_explore(int argc, char **argv);

/* ------------------------------------------------ shared by the commands */

/* Options every command that reads a dataset takes. */
typedef struct {
  char *as_of;          /* --as-of YEAR, as given */
  char *input_format;   /* --input-format NAME, as given */
  int max_problems;     /* --max-problems N */
  gint64 max_nodes;     /* --max-nodes N */
  gint64 max_relations; /* --max-relations N */
  gint64 max_bytes;     /* --max-bytes N */
  gboolean with_planned;/* --with-planned */
  gboolean with_undated;/* --with-undated */
  int year;             /* as_of parsed, or KB_NO_YEAR (also for "all") */
  gboolean all_years;   /* --as-of all */
  KbFormat format;      /* input_format parsed */
  KbLimits limits;      /* max_nodes, max_relations and max_bytes, checked */
  /* set by kb_cli_load(): the view of the data it made */
  KbYearView view;
  KbYearCounts counts;
  gboolean viewed;      /* a view was made (FALSE: the whole dataset) */
} KbCliDatasetOptions;

/* Options of every command that prints a document. */
typedef struct {
  char *format;         /* --format table|csv|json|md|xlsx, as given */
  char *csv;            /* --csv plain|excel-nl|excel-en, as given */
  char *output;         /* -o FILE, or NULL for standard output */
  int top;              /* --top K; 0: all */
  KbOutputFormat fmt;   /* format parsed */
  char *lang_name;      /* --lang en|nl, as given */
  KbLang lang;          /* the language of the tables, parsed */
  KbCsvDialect dialect; /* csv parsed */
} KbCliOutputOptions;

void kb_cli_output_options_add(GOptionContext *ctx, KbCliOutputOptions *opts, int default_top);
void kb_cli_output_options_release(KbCliOutputOptions *opts);
/* Writes the document in the chosen format to standard output, or to the
 * -o file (atomically: a temporary file renamed into place). Returns the
 * exit status. */
int kb_cli_emit(const char *command, KbDoc *doc, const KbCliOutputOptions *opts);

/* The node an option names, which must be of one of the kinds in 'kinds'
 * (a bit mask of 1 << KbNodeKind). Prints a usage error and returns
 * KB_NO_NODE when it is not. */
size_t kb_cli_node(const KbDataset *ds, const char *command, const char *option,
                   const char *id, unsigned kinds);

/* Parses "name=number,..." into weights[k] for the names name_of(0 ..
 * count-1) gives; each number finite and 0 or more. FALSE on anything
 * else, leaving the weights partly set. */
gboolean kb_cli_parse_weights(const char *text, const char *(*name_of)(int), int count,
                              double *weights);

/* A progress bar on standard error for a long job; 'what' is a string
 * naming the items ("organisations"). For terminals only. */
void kb_cli_progress(size_t done, size_t total, gpointer what);

/* "Dataset X, as of Y ..." for the top of a document: the year shown,
 * and what kb_cli_load() left out of it and why. */
char *kb_cli_describe_dataset(const char *path, const KbCliDatasetOptions *opts, KbLang lang);

/* Adds the dataset options to a command's option context. */
void kb_cli_dataset_options_add(GOptionContext *ctx, KbCliDatasetOptions *opts);
void kb_cli_dataset_options_release(KbCliDatasetOptions *opts);

/* Parses the command line with 'ctx', checks the dataset options, and
 * expects exactly 'n_args' positional arguments (from 1 to -n_args when
 * negative). On a usage error prints it
 * with a pointer to --help and returns FALSE. */
gboolean kb_cli_parse(GOptionContext *ctx, const char *command, int *argc, char ***argv,
                      KbCliDatasetOptions *opts, KbCliOutputOptions *out, int n_args);

/* The --threads option of the commands that start threads of their own
 * (synergy --each, brokers), in 'entry', stored in 'threads'. */
#define KB_CLI_THREADS_ENTRY(threads)                                                   \
  { "threads", 0, 0, G_OPTION_ARG_INT, (threads),                                      \
    "Threads to use (default 0: one per core); the output does not depend on it", "N" }
/* Whether --threads 'threads' is valid (0 to KB_THREADS_MAX); if not,
 * prints the usage error for 'command' and returns FALSE. */
gboolean kb_cli_threads_valid(const char *command, int threads);

/* Prints a usage error for 'command' and returns KB_EXIT_USAGE. */
int kb_cli_usage_error(const char *command, const char *format, ...) G_GNUC_PRINTF(2, 3);
/* Prints "klaverblad COMMAND: LEVEL: MESSAGE" ("klaverblad: LEVEL: ..."
 * when 'command' is NULL) as one line on standard error. Here and in
 * kb_cli_usage_error() the message's control characters are shown as
 * escapes (kb_terminal_escape()): it may quote the data. */
void kb_cli_message(const char *command, const char *level, const char *format, ...)
  G_GNUC_PRINTF(3, 4);

/* Prints the diagnostics to 'out' (at most opts->max_problems of each
 * severity), then how many errors follow from the rows rejected (counted,
 * never listed), then how many were not shown. */
void kb_cli_print_diagnostics(FILE *out, const KbDiagList *diags, int max_problems);

/* Returns a new diagnostics list for loading under 'opts'. */
#define KB_CLI_DIAGS_KEPT 10000
KbDiagList *kb_cli_diag_list_new(const KbCliDatasetOptions *opts);

/* Loads a dataset for a command that analyses it: prints every problem to
 * stderr and returns NULL when it has errors, else returns the view of the
 * year --as-of names (by default the year the data describes; "all": every
 * year), with --with-planned and --with-undated, and notes the view in
 * opts. */
KbDataset *kb_cli_load(const char *path, KbCliDatasetOptions *opts);
/* The same for a command that takes the whole dataset unless --as-of says
 * otherwise (export). */
KbDataset *kb_cli_load_whole(const char *path, KbCliDatasetOptions *opts);

#endif
