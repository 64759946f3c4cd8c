/* load.c -- choosing a loader for a path. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

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
  case KB_FORMAT_XLSX: return "xlsx";
  }
  return "?";
}

gboolean
kb_format_parse(const char *name, KbFormat *out)
{
  for (int f = KB_FORMAT_AUTO; f <= KB_FORMAT_XLSX; f++)
    if (strcmp(name, kb_format_name(f)) == 0) {
      *out = f;
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------ detection */

static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };

void
kb_i_sniff_init(KbSniff *sniff)
{
  sniff->bom = 0;
  sniff->c = -1;
}

gboolean
kb_i_sniff_feed(KbSniff *sniff, const unsigned char *data, size_t len)
{
  /* the first non-blank character, after a byte-order mark */
  for (size_t i = 0; i < len && sniff->c < 0; i++) {
    unsigned char c = data[i];
    if (sniff->bom < 3 && c == bom[sniff->bom]) {
      sniff->bom++;
      continue;
    }
    sniff->bom = 3;
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
      sniff->c = c;
  }
  return sniff->c >= 0;
}

KbFormat
kb_i_sniff_format(const KbSniff *sniff)
{
  return sniff->c == '{' ? KB_FORMAT_JSON : sniff->c == '<' ? KB_FORMAT_GRAPHML
                                                             : KB_FORMAT_EDGELIST;
}

/* kb_format_detect() of the file at 'path', named 'name' in the error. */
static gboolean
detect(const char *path, const char *name, KbFormat *out, GError **error)
{
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    g_autofree char *elements = g_build_filename(path, "elements.csv", NULL);
    *out = g_file_test(elements, G_FILE_TEST_EXISTS) ? KB_FORMAT_KUMU : KB_FORMAT_FOLDER;
    return TRUE;
  }
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot read '%s': %s", name, g_strerror(errno));
    return FALSE;
  }
  KbSniff sniff;
  kb_i_sniff_init(&sniff);
  unsigned char buf[4096];
  size_t got;
  gboolean first = TRUE, zip = FALSE;
  while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
    /* a zip archive, as a workbook is, starts with a local file header */
    if (first && got >= 4 && memcmp(buf, "PK\3\4", 4) == 0)
      zip = TRUE;
    first = FALSE;
    if (zip || kb_i_sniff_feed(&sniff, buf, got))
      break;
  }
  fclose(f);
  *out = zip ? KB_FORMAT_XLSX : kb_i_sniff_format(&sniff);
  return TRUE;
}

gboolean
kb_format_detect(const char *path, KbFormat *out, GError **error)
{
  g_return_val_if_fail(path != NULL && out != NULL, FALSE);
  return detect(path, path, out, error);
}

/* -------------------------------------------------------------- loading */

const char *
kb_input_name(const char *path)
{
  g_return_val_if_fail(path != NULL, NULL);
  return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* The files each format reads: those of a folder, or the input itself. */
static const char *const folder_files[] = { "nodes.csv", "relations.csv", "dataset.csv",
                                            "questions.csv", NULL };
static const char *const kumu_files[] = { "elements.csv", "connections.csv", "dataset.csv",
                                          "questions.csv", NULL };

/* Fails unless 'path' is a folder, or nothing (the loader then says that
 * its files are missing), when 'format' is one that reads a folder. */
static gboolean
check_folder(const char *path, KbFormat format, GError **error)
{
  const char *const *files = format == KB_FORMAT_FOLDER ? folder_files : kumu_files;
  GStatBuf st;
  if (strcmp(path, "-") != 0
      && (g_stat(path, &st) != 0 || S_ISDIR(st.st_mode)))
    return TRUE;
  g_set_error(error, KB_ERROR, KB_ERROR_FORMAT,
              "cannot read '%s' as a %s dataset: it is not a folder; expected a folder holding "
              "%s and %s (for a single file, give its own format with --input-format: json, "
              "edgelist or graphml)",
              kb_input_name(path), kb_format_name(format), files[0], files[1]);
  return FALSE;
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
  return kb_dataset_load_as(path, &format, limits, diags, error);
}

KbDataset *
kb_dataset_load_as(const char *path, KbFormat *format, const KbLimits *limits,
                   KbDiagList *diags, GError **error)
{
  g_return_val_if_fail(path != NULL && format != NULL && diags != NULL, NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);
  KbLimits defaults;
  kb_limits_init(&defaults);
  if (limits == NULL)
    limits = &defaults;
  KbFormat f = *format;
  if ((f == KB_FORMAT_FOLDER || f == KB_FORMAT_KUMU) && !check_folder(path, f, error))
    return NULL;
  /* a stream is read once, into a copy that detection and the loader share */
  g_auto(KbInput) top = KB_INPUT_INIT;
  if (!kb_i_input_open(&top, path, f, limits, error))
    return NULL;
  if (f == KB_FORMAT_AUTO && !detect(top.path, top.name, &f, error))
    return NULL;
  const char *const *names = f == KB_FORMAT_FOLDER ? folder_files
                             : f == KB_FORMAT_KUMU ? kumu_files : NULL;
  KbInput files[4] = { KB_INPUT_INIT, KB_INPUT_INIT, KB_INPUT_INIT, KB_INPUT_INIT };
  const char *paths[4];
  size_t n = 0;
  gboolean ok = TRUE;
  for (; names != NULL && names[n] != NULL && ok; n++) {
    g_autofree char *file = g_build_filename(path, names[n], NULL);
    ok = kb_i_input_open(&files[n], file, f, limits, error);
    paths[n] = files[n].path;
  }
  if (names == NULL)
    paths[n++] = top.path;
  KbDataset *ds = NULL;
  if (ok && kb_i_memory_check(top.name, paths, n, f, error)) {
    switch (f) {
    case KB_FORMAT_FOLDER:
      ds = kb_i_load_folder(top.name, files, limits, diags);
      break;
    case KB_FORMAT_JSON:
      ds = kb_i_load_json(&top, limits, diags);
      break;
    case KB_FORMAT_GRAPHML:
      ds = kb_i_load_graphml(&top, limits, diags);
      break;
    case KB_FORMAT_KUMU:
      ds = kb_i_load_kumu(top.name, &files[0], &files[1], NULL, files + 2, limits, diags);
      break;
    case KB_FORMAT_XLSX:
      ds = kb_i_load_xlsx(&top, NULL, limits, diags);
      break;
    case KB_FORMAT_EDGELIST:
    case KB_FORMAT_AUTO:
      ds = kb_i_load_edgelist(&top, limits, diags);
      break;
    }
    kb_diag_list_sort(diags);
    *format = f;
  }
  for (size_t i = 0; i < G_N_ELEMENTS(files); i++)
    kb_i_input_release(&files[i]);
  return ds;
}

KbDataset *
kb_dataset_load_kumu(const char *elements, const char *connections, const char *map_path,
                     const KbLimits *limits, KbDiagList *diags, GError **error)
{
  g_return_val_if_fail(elements != NULL && connections != NULL && diags != NULL, NULL);
  KbLimits defaults;
  kb_limits_init(&defaults);
  if (limits == NULL)
    limits = &defaults;
  g_auto(KbInput) e = KB_INPUT_INIT;
  g_auto(KbInput) c = KB_INPUT_INIT;
  g_auto(KbInput) m = KB_INPUT_INIT;
  if (!kb_i_input_open(&e, elements, KB_FORMAT_KUMU, limits, error)
      || !kb_i_input_open(&c, connections, KB_FORMAT_KUMU, limits, error)
      || (map_path != NULL && !kb_i_input_open(&m, map_path, KB_FORMAT_KUMU, limits, error)))
    return NULL;
  const char *files[] = { e.path, c.path };
  if (!kb_i_memory_check(e.name, files, 2, KB_FORMAT_KUMU, error))
    return NULL;
  g_autofree char *dir = g_path_get_dirname(elements);
  /* the facts beside a file of elements; a stream has none */
  KbInput facts[2] = { KB_INPUT_INIT, KB_INPUT_INIT };
  static const char *const fact_files[2] = { "dataset.csv", "questions.csv" };
  gboolean beside = e.spool == NULL && e.fd < 0 && g_file_test(elements, G_FILE_TEST_IS_REGULAR);
  if (beside) {
    size_t found = 0;
    for (size_t i = 0; i < 2; i++) {
      g_autofree char *file = g_build_filename(dir, fact_files[i], NULL);
      found += g_file_test(file, G_FILE_TEST_EXISTS);
    }
    beside = found > 0;
  }
  for (size_t i = 0; beside && i < 2; i++) {
    g_autofree char *file = g_build_filename(dir, fact_files[i], NULL);
    if (!kb_i_input_open(&facts[i], file, KB_FORMAT_FOLDER, limits, error)) {
      kb_i_input_release(&facts[0]);
      kb_i_input_release(&facts[1]);
      return NULL;
    }
  }
  KbDataset *ds = kb_i_load_kumu(dir, &e, &c, map_path != NULL ? &m : NULL,
                                 beside ? facts : NULL, limits, diags);
  kb_i_input_release(&facts[0]);
  kb_i_input_release(&facts[1]);
  kb_diag_list_sort(diags);
  return ds;
}

KbDataset *
kb_dataset_load_kumu_workbook(const char *path, const char *map_path, const KbLimits *limits,
                              KbDiagList *diags, GError **error)
{
  g_return_val_if_fail(path != NULL && diags != NULL, NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);
  KbLimits defaults;
  kb_limits_init(&defaults);
  if (limits == NULL)
    limits = &defaults;
  g_auto(KbInput) top = KB_INPUT_INIT;
  g_auto(KbInput) m = KB_INPUT_INIT;
  if (!kb_i_input_open(&top, path, KB_FORMAT_XLSX, limits, error)
      || (map_path != NULL && !kb_i_input_open(&m, map_path, KB_FORMAT_KUMU, limits, error)))
    return NULL;
  const char *files[] = { top.path };
  if (!kb_i_memory_check(top.name, files, 1, KB_FORMAT_XLSX, error))
    return NULL;
  KbDataset *ds = kb_i_load_xlsx(&top, map_path != NULL ? &m : NULL, limits, diags);
  kb_diag_list_sort(diags);
  return ds;
}
