/* load.c -- choosing a loader for a path. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "klaverblad/error.h"
#include "io/io_internal.h"

const char *
kb_format_name(KbFormat format)
{
  switch (format) {
  case KB_FORMAT_AUTO: return "auto";
  case KB_FORMAT_FOLDER: return "folder";
  case KB_FORMAT_JSON: return "json";
  case KB_FORMAT_EDGELIST: return "edgelist";
  case KB_FORMAT_GRAPHML: return "graphml";
  case KB_FORMAT_KUMU: return "kumu";
  }
  return "?";
}

gboolean
kb_format_parse(const char *name, KbFormat *out)
{
  for (int f = KB_FORMAT_AUTO; f <= KB_FORMAT_KUMU; f++)
    if (strcmp(name, kb_format_name(f)) == 0) {
      *out = f;
      return TRUE;
    }
  return FALSE;
}

gboolean
kb_format_detect(const char *path, KbFormat *out, GError **error)
{
  g_return_val_if_fail(path != NULL && out != NULL, FALSE);
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    g_autofree char *elements = g_build_filename(path, "elements.csv", NULL);
    *out = g_file_test(elements, G_FILE_TEST_EXISTS) ? KB_FORMAT_KUMU : KB_FORMAT_FOLDER;
    return TRUE;
  }
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot read '%s': %s", path,
                g_strerror(errno));
    return FALSE;
  }
  /* The first non-blank character, after a byte-order mark. */
  int c;
  size_t i = 0;
  static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };
  while ((c = fgetc(f)) != EOF) {
    if (i < 3 && c == bom[i]) {
      i++;
      continue;
    }
    i = 3;
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
      break;
  }
  fclose(f);
  *out = c == '{' ? KB_FORMAT_JSON : c == '<' ? KB_FORMAT_GRAPHML : KB_FORMAT_EDGELIST;
  return TRUE;
}

KbDataset *
kb_dataset_load(const char *path, KbFormat format, KbDiagList *diags, GError **error)
{
  return kb_dataset_load_limited(path, format, NULL, diags, error);
}

KbDataset *
kb_dataset_load_limited(const char *path, KbFormat format, const KbLimits *limits,
                        KbDiagList *diags, GError **error)
{
  g_return_val_if_fail(path != NULL && diags != NULL, NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);
  KbLimits defaults;
  kb_limits_init(&defaults);
  if (limits == NULL)
    limits = &defaults;
  if (format == KB_FORMAT_AUTO && !kb_format_detect(path, &format, error))
    return NULL;
  /* the files each format reads */
  static const char *const folder[] = { "nodes.csv", "relations.csv", "dataset.csv",
                                        "questions.csv", NULL };
  static const char *const kumu[] = { "elements.csv", "connections.csv", "dataset.csv",
                                      "questions.csv", NULL };
  const char *const *names = format == KB_FORMAT_FOLDER ? folder
                             : format == KB_FORMAT_KUMU ? kumu : NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add(files, g_build_filename(path, names[i], NULL));
  if (names == NULL)
    g_ptr_array_add(files, g_strdup(path));
  if (!kb_i_memory_check(path, (const char *const *) files->pdata, files->len, format, error))
    return NULL;
  KbDataset *ds = NULL;
  switch (format) {
  case KB_FORMAT_FOLDER:
    ds = kb_i_load_folder(path, limits, diags);
    break;
  case KB_FORMAT_JSON:
    ds = kb_i_load_json(path, limits, diags);
    break;
  case KB_FORMAT_GRAPHML:
    ds = kb_i_load_graphml(path, limits, diags);
    break;
  case KB_FORMAT_KUMU:
    ds = kb_i_load_kumu(path, g_ptr_array_index(files, 0), g_ptr_array_index(files, 1), NULL,
                        limits, diags);
    break;
  case KB_FORMAT_EDGELIST:
  case KB_FORMAT_AUTO:
    ds = kb_i_load_edgelist(path, limits, diags);
    break;
  }
  kb_diag_list_sort(diags);
  return ds;
}

KbDataset *
kb_dataset_load_kumu(const char *elements, const char *connections, const char *map_path,
                     const KbLimits *limits, KbDiagList *diags, GError **error)
{
  g_return_val_if_fail(elements != NULL && connections != NULL && diags != NULL, NULL);
  KbLimits defaults;
  kb_limits_init(&defaults);
  const char *files[] = { elements, connections };
  if (!kb_i_memory_check(elements, files, 2, KB_FORMAT_KUMU, error))
    return NULL;
  g_autofree char *dir = g_path_get_dirname(elements);
  KbDataset *ds = kb_i_load_kumu(dir, elements, connections, map_path,
                                 limits ? limits : &defaults, diags);
  kb_diag_list_sort(diags);
  return ds;
}
