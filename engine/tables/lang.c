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

const char *
kb_tr_n(KbLang lang, size_t n, const char *one, const char *many)
{
  return kb_tr(lang, n == 1 ? one : many);
}

char *
kb_count(KbLang lang, size_t n, const char *one, const char *many)
{
  return g_strdup_printf("%zu %s", n, kb_tr_n(lang, n, one, many));
}

const char *
kb_node_kind_label(KbLang lang, KbNodeKind kind)
{
  return kb_tr(lang, kb_node_kind_name(kind));
}

const char *
kb_rel_kind_label(KbLang lang, KbRelKind kind)
{
  /* the names of the data ("member_of") as words */
  static const char *const words[KB_REL_KIND_COUNT] = {
    [KB_REL_MEMBER_OF] = "member of", [KB_REL_ACTIVE_IN] = "active in",
    [KB_REL_PARTNER_OF] = "partner of", [KB_REL_TWINNED_WITH] = "twinned with",
    [KB_REL_FUNDS] = "funds", [KB_REL_LOCATED_IN] = "located in",
    [KB_REL_WORKS_ON] = "works on", [KB_REL_PART_OF] = "part of",
  };
  g_return_val_if_fail(kind < KB_REL_KIND_COUNT, "?");
  return kb_tr(lang, words[kind]);
}

const char *
kb_sector_label(const KbDataset *ds, size_t node)
{
  g_return_val_if_fail(ds != NULL && node < kb_dataset_node_count(ds), NULL);
  size_t sector = kb_dataset_node(ds, node)->sector;
  return sector == KB_NO_NODE ? NULL : kb_dataset_node(ds, sector)->label;
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
