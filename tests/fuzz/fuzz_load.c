/* fuzz_load.c -- libFuzzer targets for klaverblad's loaders. One source,
 * built once per target with KB_FUZZ_TARGET set to the format:
 *   folder, kumu  the input split at the first line "====" into the two
 *                 files (nodes/relations, elements/connections)
 *   json, edgelist, graphml, requests  the input as one file
 * Each input is written to a private temporary folder and loaded as a
 * user's file would be; a dataset without errors is then summarised. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <klaverblad.h>

static char *dir;

static void
put(const char *name, const uint8_t *data, size_t len)
{
  g_autofree char *path = g_build_filename(dir, name, NULL);
  if (!g_file_set_contents(path, (const char *) data, (gssize) len, NULL))
    abort();
}

/* Writes the two halves of the input, split at "\n====\n". */
static void
put_two(const char *first, const char *second, const uint8_t *data, size_t len)
{
  const uint8_t *cut = NULL;
  for (size_t i = 0; i + 6 <= len && cut == NULL; i++)
    if (memcmp(data + i, "\n====\n", 6) == 0)
      cut = data + i;
  size_t a = cut ? (size_t) (cut - data) + 1 : len;
  put(first, data, a);
  put(second, cut ? cut + 6 : data + len, cut ? len - a - 5 : 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
  if (dir == NULL) {
    dir = g_dir_make_tmp("kb-fuzz-XXXXXX", NULL);
    if (dir == NULL)
      abort();
  }
  g_autoptr(KbDiagList) diags = kb_diag_list_new(100);
  g_autoptr(GError) err = NULL;
  g_autoptr(KbDataset) ds = NULL;
  const char *target = KB_FUZZ_TARGET;
  if (strcmp(target, "folder") == 0) {
    put_two("nodes.csv", "relations.csv", data, len);
    ds = kb_dataset_load(dir, KB_FORMAT_FOLDER, diags, &err);
  } else if (strcmp(target, "kumu") == 0) {
    put_two("elements.csv", "connections.csv", data, len);
    ds = kb_dataset_load(dir, KB_FORMAT_KUMU, diags, &err);
  } else if (strcmp(target, "requests") == 0) {
    g_autofree char *base = g_build_filename(dir, "base.csv", NULL);
    static const char edges[] = "a,b\nb,c\n";
    if (!g_file_set_contents(base, edges, -1, NULL))
      abort();
    g_autoptr(KbDiagList) d0 = kb_diag_list_new(0);
    g_autoptr(KbDataset) base_ds = kb_dataset_load(base, KB_FORMAT_EDGELIST, d0, NULL);
    put("requests.csv", data, len);
    g_autofree char *path = g_build_filename(dir, "requests.csv", NULL);
    kb_requests_free(kb_requests_load(path, base_ds, diags));
    return 0;
  } else {
    KbFormat f = KB_FORMAT_AUTO;
    if (!kb_format_parse(target, &f))
      abort();
    put("input", data, len);
    g_autofree char *path = g_build_filename(dir, "input", NULL);
    ds = kb_dataset_load(path, f, diags, &err);
  }
  for (size_t i = 0; i < kb_diag_list_length(diags); i++)
    g_free(kb_diag_format(kb_diag_list_get(diags, i)));
  if (ds != NULL && kb_diag_list_count(diags, KB_SEVERITY_ERROR) == 0) {
    KbSummary s;
    kb_summary_compute(ds, &s, NULL);
    KbSynergyOptions so;
    kb_synergy_options_init(&so);
    so.top = 5;
    kb_synergy_free(kb_synergy_compute(ds, &so));
  }
  return 0;
}
