/* fuzz_options.c -- libFuzzer target for the command line's option parser:
 * the input, split at newlines, is the argument vector of a command that
 * takes every shared option; nothing is run. */
#include <stdint.h>
#include <string.h>

#include "cli/builtin.h"

static const char *
weight_name(int k)
{
  return kb_candidate_weight_name(k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
  g_autofree char *text = g_strndup((const char *) data, len);
  g_auto(GStrv) words = g_strsplit(text, "\n", 64);
  GPtrArray *args = g_ptr_array_new();
  g_ptr_array_add(args, "index");
  for (char **w = words; *w; w++)
    g_ptr_array_add(args, *w);
  g_ptr_array_add(args, NULL);
  int argc = (int) args->len - 1;
  char **argv = (char **) args->pdata;
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autofree char *by = NULL, *weights = NULL;
  GOptionContext *ctx = g_option_context_new("DATASET");
  g_option_context_set_help_enabled(ctx, FALSE);
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "", "KIND" },
    { "weights", 0, 0, G_OPTION_ARG_STRING, &weights, "", "LIST" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_output_options_add(ctx, &out, 0);
  kb_cli_dataset_options_add(ctx, &opts);
  FILE *saved = stderr;
  stderr = fopen("/dev/null", "w");
  if (kb_cli_parse(ctx, "index", &argc, &argv, &opts, &out, -2)) {
    KbIndexBy b;
    if (by)
      kb_index_by_parse(by, &b);
    double w[KB_WEIGHT_COUNT];
    if (weights)
      kb_cli_parse_weights(weights, weight_name, KB_WEIGHT_COUNT, w);
  }
  fclose(stderr);
  stderr = saved;
  g_option_context_free(ctx);
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  g_ptr_array_unref(args);
  return 0;
}
