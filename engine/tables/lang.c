/* lang.c -- the words of tables and the report in English and Dutch. */
#include <string.h>

#include "tables/tables_internal.h"

gboolean
kb_lang_parse(const char *name, KbLang *out)
{
  if (strcmp(name, "en") == 0)
    *out = KB_LANG_EN;
  else if (strcmp(name, "nl") == 0)
    *out = KB_LANG_NL;
  else
    return FALSE;
  return TRUE;
}

/* English -> Dutch. Sorted by the English, for bsearch. */
static const struct {
  const char *en;
  const char *nl;
} dutch[] = {
#include "tables/dutch.inc"
};

static int
compare_entry(const void *key, const void *entry)
{
  return strcmp(key, *(const char *const *) entry);
}

const char *
kb_tr(KbLang lang, const char *english)
{
  if (lang != KB_LANG_NL || english == NULL)
    return english;
  const void *hit = bsearch(english, dutch, G_N_ELEMENTS(dutch), sizeof dutch[0], compare_entry);
  return hit ? ((const char *const *) hit)[1] : english;
}

char *
kb_join_labels(const KbDataset *ds, const size_t *nodes, size_t n, size_t max)
{
  GString *s = g_string_new(NULL);
  size_t shown = max == 0 ? n : MIN(n, max);
  for (size_t i = 0; i < shown; i++)
    g_string_append_printf(s, "%s%s", i ? "; " : "", kb_dataset_node(ds, nodes[i])->label);
  if (shown < n)
    g_string_append_printf(s, " (+%zu)", n - shown);
  return g_string_free(s, FALSE);
}
