/* places.c -- the geography of a dataset: which places enclose which. */
#include "base/closure.h"
#include "model/model_internal.h"

/* TRUE for a relation that puts one place inside another. */
static gboolean
is_up(const KbDataset *ds, const KbRelation *r)
{
  return (r->kind == KB_REL_LOCATED_IN || r->kind == KB_REL_PART_OF)
         && kb_node_kind_is_place(g_array_index(ds->nodes, KbNode, r->from).kind)
         && kb_node_kind_is_place(g_array_index(ds->nodes, KbNode, r->to).kind);
}

void
kb_i_dataset_seal(KbDataset *ds)
{
  /* the year the data describes: as given, else the policy's start, else
   * the latest exact year of a relation that is not only planned */
  ds->data_year = ds->year != KB_NO_YEAR ? ds->year : ds->policy_start;
  if (ds->data_year == KB_NO_YEAR)
    for (guint i = 0; i < ds->relations->len; i++) {
      const KbRelation *r = &g_array_index(ds->relations, KbRelation, i);
      if (r->status == KB_STATUS_PLANNED)
        continue;
      if (r->since != KB_NO_YEAR && r->since_q == KB_DATE_EXACT)
        ds->data_year = MAX(ds->data_year, r->since);
      if (r->until != KB_NO_YEAR && r->until_q == KB_DATE_EXACT)
        ds->data_year = MAX(ds->data_year, r->until);
    }
  size_t n = ds->nodes->len;
  g_free(ds->up_offsets);
  g_free(ds->up_targets);
  ds->up_offsets = g_new0(size_t, n + 1);
  for (guint i = 0; i < ds->relations->len; i++) {
    const KbRelation *r = &g_array_index(ds->relations, KbRelation, i);
    if (is_up(ds, r))
      ds->up_offsets[r->from + 1]++;
  }
  for (size_t i = 0; i < n; i++)
    ds->up_offsets[i + 1] += ds->up_offsets[i];
  ds->up_targets = g_new(size_t, ds->up_offsets[n] ? ds->up_offsets[n] : 1);
  size_t *fill = g_memdup2(ds->up_offsets, (n + 1) * sizeof(size_t));
  for (guint i = 0; i < ds->relations->len; i++) {
    const KbRelation *r = &g_array_index(ds->relations, KbRelation, i);
    if (is_up(ds, r))
      ds->up_targets[fill[r->from]++] = r->to;
  }
  g_free(fill);
}

size_t
kb_dataset_enclosing_places(const KbDataset *ds, size_t place, size_t **out)
{
  g_return_val_if_fail(ds != NULL && out != NULL, 0);
  g_return_val_if_fail(place < ds->nodes->len, 0);
  *out = NULL;
  if (!kb_node_kind_is_place(g_array_index(ds->nodes, KbNode, place).kind))
    return 0;

  /* the nearest enclosing places first */
  return kb_i_closure(ds->up_offsets, ds->up_targets, place, out);
}

gboolean *
kb_dataset_home_places(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, NULL);
  gboolean *home = g_new0(gboolean, ds->nodes->len ? ds->nodes->len : 1);
  size_t h = kb_dataset_home(ds);
  if (h == KB_NO_NODE)
    return home;
  home[h] = TRUE;
  g_autofree size_t *up = NULL;
  size_t m = kb_dataset_enclosing_places(ds, h, &up);
  for (size_t j = 0; j < m; j++)
    home[up[j]] = TRUE;
  return home;
}

gboolean *
kb_dataset_home_area(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, NULL);
  size_t n = ds->nodes->len;
  gboolean *area = g_new0(gboolean, n ? n : 1);
  size_t h = kb_dataset_home(ds);
  if (h == KB_NO_NODE)
    return area;
  area[h] = TRUE;
  /* a place is inside the home when the home encloses it */
  for (size_t i = 0; i < n; i++) {
    if (i == h || !kb_node_kind_is_place(g_array_index(ds->nodes, KbNode, i).kind))
      continue;
    g_autofree size_t *up = NULL;
    size_t m = kb_i_closure(ds->up_offsets, ds->up_targets, i, &up);
    for (size_t j = 0; j < m && !area[i]; j++)
      area[i] = up[j] == h;
  }
  return area;
}

guint8 *
kb_dataset_localities(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, NULL);
  size_t n = ds->nodes->len;
  guint8 *loc = g_new0(guint8, n ? n : 1);
  if (kb_dataset_home(ds) == KB_NO_NODE)
    return loc;
  g_autofree gboolean *area = kb_dataset_home_area(ds);
  for (guint i = 0; i < ds->relations->len; i++) {
    const KbRelation *r = &g_array_index(ds->relations, KbRelation, i);
    if (r->kind != KB_REL_LOCATED_IN
        || g_array_index(ds->nodes, KbNode, r->from).kind != KB_NODE_ORGANISATION)
      continue;
    if (area[r->to])
      loc[r->from] = KB_LOCALITY_HOME;
    else if (loc[r->from] == KB_LOCALITY_UNKNOWN)
      loc[r->from] = KB_LOCALITY_AWAY;
  }
  return loc;
}
