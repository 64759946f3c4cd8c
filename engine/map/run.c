/* run.c -- running klaverblad-render as a child process. */
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

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

/* A renderer that dies between writing its temporary file (FILE.XXXXXX, as
 * g_file_set_contents names it) and renaming it leaves that file behind;
 * remove such files that appeared since 'start'. */
static void
remove_partial(const char *path, gint64 start)
{
  g_autofree char *dir = g_path_get_dirname(path);
  g_autofree char *base = g_path_get_basename(path);
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  if (d == NULL)
    return;
  size_t n = strlen(base);
  const char *name;
  while ((name = g_dir_read_name(d)) != NULL) {
    if (strncmp(name, base, n) != 0 || name[n] != '.' || strlen(name + n + 1) != 6)
      continue;
    gboolean random = TRUE;
    for (const char *p = name + n + 1; *p; p++)
      random &= g_ascii_isalnum(*p);
    g_autofree char *full = g_build_filename(dir, name, NULL);
    GStatBuf st;
    if (random && g_stat(full, &st) == 0 && (gint64) st.st_mtime * G_USEC_PER_SEC >= start - G_USEC_PER_SEC)
      g_unlink(full);
  }
}

gboolean
kb_map_render(const char *renderer, const char *spec, const char *format, const char *path,
              GError **error)
{
  gint64 start = g_get_real_time();
  g_return_val_if_fail(renderer != NULL && spec != NULL && format != NULL && path != NULL, FALSE);
  const char *argv[] = { renderer, "--format", format, "-o", path, NULL };
  g_autoptr(GError) err = NULL;
  g_autoptr(GSubprocess) child = g_subprocess_newv(argv, G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                   | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                   | G_SUBPROCESS_FLAGS_STDERR_PIPE, &err);
  if (child == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot run the renderer '%s': %s", renderer,
                err->message);
    return FALSE;
  }
  g_autofree char *errors = NULL;
  if (!g_subprocess_communicate_utf8(child, spec, NULL, NULL, &errors, &err)) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot talk to the renderer '%s': %s", renderer,
                err->message);
    return FALSE;
  }
  if (!g_subprocess_get_if_exited(child) || g_subprocess_get_exit_status(child) != 0) {
    remove_partial(path, start);
    g_strchomp(errors ? errors : (errors = g_strdup("")));
    if (!g_subprocess_get_if_exited(child) && *errors == '\0') {
      g_free(errors);
      errors = g_strdup_printf("killed by signal %d", g_subprocess_get_term_sig(child));
    }
    g_set_error(error, KB_ERROR, KB_ERROR_INTERNAL, "the renderer failed%s%s",
                *errors ? ": " : "", errors);
    return FALSE;
  }
  return TRUE;
}
