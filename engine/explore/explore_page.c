/* explore_page.c -- the explorer page: its HTML, style and script (from
 * engine/explore/page/, embedded at build time by embed.cmake) around the
 * data of explore_data.c. */
#include <string.h>

#include "explore/explore_internal.h"
#include "explore/page.h"        /* generated: page_html, page_css, page_js */
#include "klaverblad/error.h"
#include "klaverblad/file.h"
#include "klaverblad/output.h"

/* Appends 'template' with each @NAME@ marker replaced by its value. */
static void
fill(GString *out, const char *template, const char *const *names, const char *const *values,
     size_t n)
{
  const char *p = template;
  for (;;) {
    const char *at = strchr(p, '@');
    if (at == NULL) {
      g_string_append(out, p);
      return;
    }
    g_string_append_len(out, p, at - p);
    size_t k;
    for (k = 0; k < n; k++) {
      size_t len = strlen(names[k]);
      if (strncmp(at + 1, names[k], len) == 0 && at[1 + len] == '@') {
        g_string_append(out, values[k]);
        p = at + len + 2;
        break;
      }
    }
    if (k == n) {
      g_string_append_c(out, '@');
      p = at + 1;
    }
  }
}

char *
kb_explore_page(const KbDataset *ds, const KbExploreOptions *opts, GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL, NULL);
  /* the script and style are ours: nothing in them may end their element */
  g_return_val_if_fail(strstr(page_js, "</") == NULL && strstr(page_css, "</") == NULL, NULL);
  g_autofree char *json = kb_explore_data(ds, opts, error);
  if (json == NULL)
    return NULL;
  /* kb_explore_data() escapes every '<' inside strings, and JSON has none
   * outside them: the data cannot end its <script> element */
  g_assert(strchr(json, '<') == NULL);
  const char *names[] = { "LANG", "STYLE", "SCRIPT", "DATA" };
  const char *values[] = { opts->lang == KB_LANG_NL ? "nl" : "en", page_css, page_js, json };
  GString *out = g_string_sized_new(strlen(json) + sizeof page_js + sizeof page_css + 4096);
  fill(out, page_html, names, values, G_N_ELEMENTS(names));
  return g_string_free(out, FALSE);
}

gboolean
kb_explore_write(const KbDataset *ds, const KbExploreOptions *opts, const char *path,
                 GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL && path != NULL, FALSE);
  g_autofree char *page = kb_explore_page(ds, opts, error);
  return page != NULL && kb_file_write(path, page, error);
}
