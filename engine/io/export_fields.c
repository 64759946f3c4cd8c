/* export_fields.c -- what every export writer puts out, as text: a node's
 * fields and kept attributes, a relation's dates and status, the dataset's
 * facts and its questions. The writers in export.c take them from here, so
 * that every format says the same. */
#include <math.h>
#include <string.h>

#include "io/export_internal.h"

/* --------------------------------------------------------------- fields */

size_t
kb_i_export_node_fields(const KbDataset *ds, const KbNode *n, KbExportField *f)
{
  size_t k = 0;
  f[k++] = (KbExportField) { "kind", kb_node_kind_name(n->kind) };
  f[k++] = (KbExportField) { "label", n->label };
  f[k++] = (KbExportField) { "sector",
                             n->sector != KB_NO_NODE ? kb_dataset_node(ds, n->sector)->id : NULL };
  f[k++] = (KbExportField) { "description", n->description };
  f[k++] = (KbExportField) { "website", n->website };
  f[k++] = (KbExportField) { "source", n->source };
  return k;
}

char *
kb_i_export_tags(const KbNode *n)
{
  return n->tags[0] ? g_strjoinv("|", n->tags) : NULL;
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The value of a node's kept attribute 'name' as written out: a sector's
 * role is its attribute "role". */
const char *
kb_i_export_node_attr(const KbNode *n, const char *name)
{
  if (n->role != KB_SECTOR_ROLE_NONE && strcmp(name, "role") == 0)
    return kb_sector_role_name(n->role);
  return kb_node_attr(n, name);
}

/* The names of the kept attributes of all nodes (or relations), with
 * "role" where a sector has one, sorted, but for those named as one of
 * 'replaced' (n_replaced of them). */
GPtrArray *
kb_i_export_attr_names(const KbDataset *ds, gboolean relations, const KbNodeMeasure *replaced,
                       size_t n_replaced)
{
  GHashTable *set = g_hash_table_new(g_str_hash, g_str_equal);
  size_t n = relations ? kb_dataset_relation_count(ds) : kb_dataset_node_count(ds);
  for (size_t i = 0; i < n; i++) {
    const KbAttr *a = relations ? kb_dataset_relation(ds, i)->attrs : kb_dataset_node(ds, i)->attrs;
    size_t m = relations ? kb_dataset_relation(ds, i)->n_attrs : kb_dataset_node(ds, i)->n_attrs;
    for (size_t j = 0; j < m; j++)
      g_hash_table_add(set, a[j].key);
    if (!relations && kb_dataset_node(ds, i)->role != KB_SECTOR_ROLE_NONE)
      g_hash_table_add(set, (gpointer) "role");
  }
  GPtrArray *names = g_ptr_array_new();
  GHashTableIter it;
  gpointer key;
  for (size_t i = 0; i < n_replaced; i++)
    g_hash_table_remove(set, replaced[i].name);
  g_hash_table_iter_init(&it, set);
  while (g_hash_table_iter_next(&it, &key, NULL))
    g_ptr_array_add(names, key);
  g_ptr_array_sort(names, compare_names);
  g_hash_table_unref(set);
  return names;
}

char *
kb_i_export_number(double v, gboolean integer)
{
  if (integer)
    return g_strdup_printf("%.0f", v);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strdup(g_ascii_formatd(buf, sizeof buf, "%.12g", v));
}

char *
kb_i_export_weight(double w)
{
  return kb_i_export_number(w, w == floor(w) && fabs(w) < 1e15);
}

/* ---------------------------------------------------------------- facts */

size_t
kb_i_export_facts(const KbDataset *ds, KbExportFact *f)
{
  size_t k = 0;
  if (kb_dataset_title(ds) != NULL)
    f[k++] = (KbExportFact) { "title", g_strdup(kb_dataset_title(ds)) };
  if (kb_dataset_home(ds) != KB_NO_NODE)
    f[k++] = (KbExportFact) { "home", g_strdup(kb_dataset_node(ds, kb_dataset_home(ds))->id) };
  if (kb_dataset_hub(ds) != KB_NO_NODE)
    f[k++] = (KbExportFact) { "hub", g_strdup(kb_dataset_node(ds, kb_dataset_hub(ds))->id) };
  const size_t *themes;
  size_t nt = kb_dataset_themes(ds, &themes);
  if (nt > 0) {
    GString *t = g_string_new(NULL);
    for (size_t i = 0; i < nt; i++)
      g_string_append_printf(t, "%s%s", i ? "|" : "", kb_dataset_node(ds, themes[i])->id);
    f[k++] = (KbExportFact) { "themes", g_string_free(t, FALSE) };
  }
  if (kb_dataset_policy_start(ds) != KB_NO_YEAR)
    f[k++] = (KbExportFact) { "policy_start", g_strdup_printf("%d", kb_dataset_policy_start(ds)) };
  if (kb_dataset_stated_year(ds) != KB_NO_YEAR)
    f[k++] = (KbExportFact) { "year", g_strdup_printf("%d", kb_dataset_stated_year(ds)) };
  if (kb_dataset_language(ds) != NULL)
    f[k++] = (KbExportFact) { "language", g_strdup(kb_dataset_language(ds)) };
  double hours[2];
  kb_dataset_capacity(ds, &hours[0], &hours[1]);
  static const char *const hour_keys[2] = { "capacity", "capacity_used" };
  for (int i = 0; i < 2; i++)
    if (hours[i] >= 0)
      f[k++] = (KbExportFact) { hour_keys[i], kb_i_export_weight(hours[i]) };
  guint scope = kb_dataset_out_of_scope(ds);
  if (scope != 0) {
    GString *t = g_string_new(NULL);
    for (int p = 0; p < KB_PURPOSE_COUNT; p++)
      if (scope & 1u << p)
        g_string_append_printf(t, "%s%s", t->len ? "|" : "", kb_purpose_name(p));
    f[k++] = (KbExportFact) { "out_of_scope", g_string_free(t, FALSE) };
  }
  return k;
}

/* The facts that are years, written as numbers where a format has them. */
gboolean
kb_i_export_fact_is_year(const char *key)
{
  return strcmp(key, "policy_start") == 0 || strcmp(key, "year") == 0;
}

/* The facts that are hours, likewise. */
gboolean
kb_i_export_fact_is_hours(const char *key)
{
  return strncmp(key, "capacity", 8) == 0;
}

void
kb_i_export_facts_release(KbExportFact *f, size_t n)
{
  for (size_t i = 0; i < n; i++)
    g_free(f[i].value);
}

const char *const kb_i_export_question_columns[KB_EXPORT_QUESTION_COLUMNS] = {
  "id", "kind", "question", "from", "to", "source"
};

void
kb_i_export_question_values(const KbDataset *ds, const KbQuestion *q, const char **v)
{
  v[0] = q->id;
  v[1] = kb_question_kind_name(q->kind);
  v[2] = q->text;
  v[3] = q->from != KB_NO_NODE ? kb_dataset_node(ds, q->from)->id : NULL;
  v[4] = q->to != KB_NO_NODE ? kb_dataset_node(ds, q->to)->id : NULL;
  v[5] = q->source;
}

/* ---------------------------------------------------------------- dates */

/* Whether any relation has a year with a qualifier, or a status other than
 * active: the writers then give the years as text and write the status. */
gboolean
kb_i_export_any_qualified_year(const KbDataset *ds)
{
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if ((r->since != KB_NO_YEAR && r->since_q != KB_DATE_EXACT)
        || (r->until != KB_NO_YEAR && r->until_q != KB_DATE_EXACT))
      return TRUE;
  }
  return FALSE;
}

gboolean
kb_i_export_any_status(const KbDataset *ds)
{
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++)
    if (kb_dataset_relation(ds, i)->status != KB_STATUS_ACTIVE)
      return TRUE;
  return FALSE;
}

/* A relation's since or until as the data writes it ("2015", "2015~",
 * "[..2015]"), or NULL when it has none; a new string. */
char *
kb_i_export_date(int year, guint8 qualifier)
{
  return year != KB_NO_YEAR ? kb_date_format(year, qualifier) : NULL;
}

/* A relation's status, or NULL for active, the default. */
const char *
kb_i_export_status(const KbRelation *r)
{
  return r->status != KB_STATUS_ACTIVE ? kb_rel_status_name(r->status) : NULL;
}
