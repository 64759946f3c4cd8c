/* run.c -- running klaverblad-render as a child process.
 *
 * The child gets a private temporary folder: the map description is a file
 * there, and it writes the map there. It dies with klaverblad (the kernel
 * sends it SIGKILL when its parent ends), so a killed run leaves no
 * renderer that could later write anything; and only once it has succeeded
 * does klaverblad put the map in place. Nothing is written to the child's
 * standard input, so a child that ends without reading cannot take
 * klaverblad down with SIGPIPE. */
#define _GNU_SOURCE             /* prctl */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "base/folder.h"
#include "klaverblad/error.h"
#include "klaverblad/map.h"

#define RENDERER "klaverblad-render"

char *
kb_map_find_renderer(void)
{
  const char *env = g_getenv("KLAVERBLAD_RENDER");
  if (env != NULL && *env != '\0')
    return g_strdup(env);
  g_autofree char *self = g_file_read_link("/proc/self/exe", NULL);
  if (self != NULL) {
    g_autofree char *dir = g_path_get_dirname(self);
    char *beside = g_build_filename(dir, RENDERER, NULL);
    if (g_file_test(beside, G_FILE_TEST_IS_EXECUTABLE))
      return beside;
    g_free(beside);
  }
  return g_find_program_in_path(RENDERER);
}

/* Runs in the child between fork and exec (async-signal-safe calls only):
 * the child is to be killed when klaverblad ends, and if klaverblad has
 * ended already, before this was set, it goes at once. */
static void
die_with_parent(gpointer parent)
{
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != (pid_t) GPOINTER_TO_INT(parent))
    _exit(127);
}

/* Runs 'renderer' in the folder 'dir' on the description in its file
 * 'input', writing 'format' to its file 'output', and waits for it. Fails
 * with what it said when it fails or writes no map. The files are named
 * relative to 'dir', so that its messages name them the same in every run. */
static gboolean
run(const char *renderer, const char *dir, const char *input, const char *format,
    const char *output, GError **error)
{
  /* a relative path to the renderer is relative to here, not to 'dir' */
  g_autofree char *program = strchr(renderer, '/') != NULL
                             ? g_canonicalize_filename(renderer, NULL) : g_strdup(renderer);
  const char *argv[] = { program, "--input", input, "--format", format, "-o", output, NULL };
  g_autoptr(GSubprocessLauncher) launcher
    = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd(launcher, dir);
  g_subprocess_launcher_set_child_setup(launcher, die_with_parent, GINT_TO_POINTER(getpid()),
                                        NULL);
  g_autoptr(GError) err = NULL;
  g_autoptr(GSubprocess) child = g_subprocess_launcher_spawnv(launcher, argv, &err);
  if (child == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot run the renderer '%s': %s", renderer,
                err->message);
    return FALSE;
  }
  g_autoptr(GBytes) said = NULL;
  if (!g_subprocess_communicate(child, NULL, NULL, NULL, &said, &err)) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot read what the renderer '%s' said: %s",
                renderer, err->message);
    return FALSE;
  }
  gsize len = 0;
  const char *bytes = said != NULL ? g_bytes_get_data(said, &len) : NULL;
  g_autofree char *text = g_utf8_make_valid(bytes != NULL ? bytes : "", (gssize) len);
  g_strstrip(text);
  const char *sep = *text ? ": " : "";
  GStatBuf st;
  g_autofree char *written = g_build_filename(dir, output, NULL);
  if (!g_subprocess_get_if_exited(child)) {
    int sig = g_subprocess_get_term_sig(child);
    g_set_error(error, KB_ERROR, KB_ERROR_INTERNAL, "the renderer '%s' was killed by signal %d "
                "(%s)%s%s", renderer, sig, g_strsignal(sig), sep, text);
    return FALSE;
  }
  int status = g_subprocess_get_exit_status(child);
  if (status != 0) {
    g_set_error(error, KB_ERROR, KB_ERROR_INTERNAL, "the renderer '%s' failed with exit status "
                "%d%s%s", renderer, status, *text ? sep : " and said nothing", text);
    return FALSE;
  }
  if (g_lstat(written, &st) != 0 || !S_ISREG(st.st_mode)) {
    g_set_error(error, KB_ERROR, KB_ERROR_INTERNAL, "the renderer '%s' ended without writing "
                "the map%s%s", renderer, sep, text);
    return FALSE;
  }
  return TRUE;
}

gboolean
kb_map_render(const char *renderer, const char *spec, const char *format, const char *path,
              GError **error)
{
  g_return_val_if_fail(renderer != NULL && spec != NULL && format != NULL && path != NULL, FALSE);
  KbFileTarget target;
  if (!kb_i_file_target_init(&target, path, error))
    return FALSE;
  g_autofree char *scratch = kb_i_file_target_scratch(&target, error);
  if (scratch == NULL) {
    kb_i_file_target_release(&target);
    return FALSE;
  }
  g_autofree char *input = g_build_filename(scratch, "map.txt", NULL);
  g_autofree char *name = g_strdup_printf("map.%s", format);
  g_autofree char *output = g_build_filename(scratch, name, NULL);
  g_autoptr(GError) err = NULL;
  gboolean ok = g_file_set_contents(input, spec, -1, &err);
  if (!ok)
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot write the map description for the "
                "renderer: %s", err->message);
  ok = ok && run(renderer, scratch, "map.txt", format, name, error)
       && kb_i_file_target_put(&target, output, error);
  kb_i_remove_tree(scratch);
  kb_i_file_target_release(&target);
  return ok;
}
