/* main.c -- klaverblad-render: the command line.
 *
 *   klaverblad-render --format svg|png|pdf|dot|positions -o FILE [--layout ENGINE] [--input FILE]
 *
 * Reads a map description (spec.h), has Graphviz lay it out and render it
 * (draw.h), and writes FILE atomically. Only the command line is handled
 * here. This program links Graphviz and GLib only, never libklaverblad or
 * igraph: see README.md for why. */
#define _POSIX_C_SOURCE 200809L   /* tzset() */

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "draw.h"
#include "spec.h"

#ifndef KB_RENDER_VERSION
#define KB_RENDER_VERSION "0.1.0"
#endif

/* Exit statuses. */
enum {
  EXIT_DONE = 0,        /* the file is written */
  EXIT_FAILED = 1,      /* bad input, or Graphviz or the file system failed */
  EXIT_USAGE = 2        /* the command line is wrong */
};

static int usage_error(const char *format, ...) G_GNUC_PRINTF(1, 2);

/* Prints a usage error and returns EXIT_USAGE. */
static int
usage_error(const char *format, ...)
{
  va_list ap;
  va_start(ap, format);
  g_autofree char *msg = g_strdup_vprintf(format, ap);
  va_end(ap);
  fprintf(stderr, "klaverblad-render: error: %s\nTry 'klaverblad-render --help'.\n", msg);
  return EXIT_USAGE;
}

/* Prints each message of 'messages' after the program name. */
static void
print_messages(const GPtrArray *messages)
{
  for (guint i = 0; i < messages->len; i++)
    fprintf(stderr, "klaverblad-render: %s\n", (const char *) g_ptr_array_index(messages, i));
}

/* Reads all of standard input into a new buffer. Returns NULL, with errno's
 * reason in 'error', when it cannot be read. */
static GBytes *
read_stdin(GError **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_new();
  guint8 chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
    g_byte_array_append(buf, chunk, (guint) n);
  if (ferror(stdin)) {
    int saved = errno;
    g_set_error_literal(error, G_FILE_ERROR, g_file_error_from_errno(saved), g_strerror(saved));
    return NULL;
  }
  return g_byte_array_free_to_bytes(g_steal_pointer(&buf));
}

/* Reads, parses, draws and writes; returns the exit status. */
static int
render(const char *input, const char *output, KbRenderFormat format, const char *layout_option)
{
  const char *source = input != NULL ? input : "<stdin>";
  g_autoptr(GError) err = NULL;
  g_autoptr(GBytes) text = NULL;
  if (input != NULL) {
    char *contents;
    gsize len;
    if (g_file_get_contents(input, &contents, &len, &err))
      text = g_bytes_new_take(contents, len);
  } else {
    text = read_stdin(&err);
  }
  if (text == NULL) {
    fprintf(stderr, "klaverblad-render: error: cannot read '%s': %s\n", source, err->message);
    return EXIT_FAILED;
  }

  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func(g_free);
  gsize len;
  const char *data = g_bytes_get_data(text, &len);
  g_autoptr(KbRenderSpec) spec = kb_render_spec_parse(source, data != NULL ? data : "", len,
                                                      errors);
  const char *layout = spec != NULL ? kb_render_spec_layout(spec, layout_option) : NULL;
  if (spec == NULL || !kb_render_spec_check_layout(spec, source, layout, errors)) {
    print_messages(errors);
    return EXIT_FAILED;
  }

  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GBytes) drawing = kb_render_draw(spec, source, layout, format, warnings, &err);
  print_messages(warnings);
  if (drawing == NULL) {
    fprintf(stderr, "klaverblad-render: error: %s\n", err->message);
    return EXIT_FAILED;
  }
  gsize size;
  const char *bytes = g_bytes_get_data(drawing, &size);
  /* a temporary file renamed into place: no half-written file, ever */
  if (!g_file_set_contents(output, bytes != NULL ? bytes : "", (gssize) size, &err)) {
    fprintf(stderr, "klaverblad-render: error: cannot write '%s': %s\n", output, err->message);
    return EXIT_FAILED;
  }
  return EXIT_DONE;
}

int
main(int argc, char **argv)
{
  setlocale(LC_ALL, "");
  /* Numbers are read and written the same in every locale. */
  setlocale(LC_NUMERIC, "C");
  /* The one clock time in any output is a PDF's creation date, which cairo
   * writes in the local time zone and draw.c then fixes (README.md,
   * Determinism); in UTC it has the same form everywhere. */
  g_setenv("TZ", "UTC0", TRUE);
  tzset();
  g_set_prgname("klaverblad-render");

  g_autofree char *format_name = NULL, *output = NULL, *layout = NULL, *input = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      "Write svg, png, pdf, dot (DOT with the layout's positions) or positions (each "
      "node's centre)", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the map to FILE (atomically: a temporary file renamed into place)", "FILE" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout,
      "Lay out with dot, neato, fdp, sfdp, twopi or circo (default: the input's "
      "graph layout=, else neato)", "ENGINE" },
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input,
      "Read the map description from FILE instead of standard input", "FILE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new("- draw a network map with Graphviz");
  g_option_context_set_summary(ctx,
    "Reads a map description from standard input (or --input FILE), lays it out\n"
    "with Graphviz and writes it to FILE. The description is text: a first line\n"
    "'klaverblad-render 1', then graph, cluster, node and edge lines of\n"
    "key=value attributes, then 'end'. See engine/render/README.md.");
  g_option_context_set_description(ctx,
    "Exit status: 0 when the file is written, 1 for bad input or when Graphviz\n"
    "or writing fails (FILE is then left as it was), 2 for a usage error.");
  g_option_context_add_main_entries(ctx, entries, NULL);
  g_autoptr(GError) err = NULL;
  if (!g_option_context_parse(ctx, &argc, &argv, &err))
    return usage_error("%s", err->message);
  if (version) {
    printf("klaverblad-render %s\n", KB_RENDER_VERSION);
    return EXIT_DONE;
  }
  if (argc > 1)
    return usage_error("unexpected argument '%s'; the map is read from standard input "
                       "or --input FILE", argv[1]);
  KbRenderFormat format;
  if (format_name == NULL)
    return usage_error("missing --format; expected svg, png, pdf, dot or positions");
  if (!kb_render_format_parse(format_name, &format))
    return usage_error("unknown format '%s'; expected svg, png, pdf, dot or positions",
                       format_name);
  if (output == NULL || *output == '\0')
    return usage_error("missing -o FILE; expected the file to write the map to");
  if (layout != NULL && !kb_render_layout_is_known(layout))
    return usage_error("unknown layout '%s'; expected dot, neato, fdp, sfdp, twopi or circo",
                       layout);
  if (input != NULL && *input == '\0')
    return usage_error("empty --input; expected a file name");
  return render(input, output, format, layout);
}
