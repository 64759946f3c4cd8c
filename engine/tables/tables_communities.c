/* tables_communities.c -- communities as a sheet. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

/* The most frequent values among 'nodes' -> value, as "x (3), y (2)", at
 * most 'max' of them; ties by id. */
static char *
dominant(const KbDataset *ds, GHashTable *counts, size_t max)
{
  GArray *keys = g_array_new(FALSE, FALSE, sizeof(size_t));
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, counts);
  while (g_hash_table_iter_next(&it, &k, &v)) {
    size_t node = GPOINTER_TO_SIZE(k) - 1;
    g_array_append_val(keys, node);
  }
  /* sort by count, then id: insertion sort, the lists are short */
  for (guint i = 1; i < keys->len; i++)
    for (guint j = i; j > 0; j--) {
      size_t a = g_array_index(keys, size_t, j - 1), b = g_array_index(keys, size_t, j);
      size_t ca = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, GSIZE_TO_POINTER(a + 1)));
      size_t cb = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, GSIZE_TO_POINTER(b + 1)));
      if (ca > cb || (ca == cb && strcmp(kb_dataset_node(ds, a)->id, kb_dataset_node(ds, b)->id) < 0))
        break;
      g_array_index(keys, size_t, j - 1) = b;
      g_array_index(keys, size_t, j) = a;
    }
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < keys->len && i < max; i++) {
    size_t node = g_array_index(keys, size_t, i);
    g_string_append_printf(s, "%s%s (%zu)", i ? ", " : "", kb_dataset_node(ds, node)->label,
                           GPOINTER_TO_SIZE(g_hash_table_lookup(counts, GSIZE_TO_POINTER(node + 1))));
  }
  g_array_unref(keys);
  return g_string_free(s, FALSE);
}

static void
bump(GHashTable *counts, size_t node)
{
  gpointer key = GSIZE_TO_POINTER(node + 1);
  g_hash_table_insert(counts, key,
                      GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(counts, key)) + 1));
}

/* The relations that place a node (active_in, located_in), by the node:
 * those of node i are rels[start[i] .. start[i + 1]], in dataset order. */
static size_t *
placing_relations(const KbDataset *ds, size_t **start_out)
{
  size_t n = kb_dataset_node_count(ds), n_rel = kb_dataset_relation_count(ds);
  size_t *start = g_new0(size_t, n + 1);
  for (size_t r = 0; r < n_rel; r++) {
    const KbRelation *rel = kb_dataset_relation(ds, r);
    if (rel->kind == KB_REL_ACTIVE_IN || rel->kind == KB_REL_LOCATED_IN)
      start[rel->from + 1]++;
  }
  for (size_t i = 0; i < n; i++)
    start[i + 1] += start[i];
  size_t *rels = g_new(size_t, start[n] + 1), *fill = g_memdup2(start, (n + 1) * sizeof(size_t));
  for (size_t r = 0; r < n_rel; r++) {
    const KbRelation *rel = kb_dataset_relation(ds, r);
    if (rel->kind == KB_REL_ACTIVE_IN || rel->kind == KB_REL_LOCATED_IN)
      rels[fill[rel->from]++] = r;
  }
  g_free(fill);
  *start_out = start;
  return rels;
}

void
kb_tables_communities(KbDoc *doc, const KbDataset *ds, const KbCommunities *cs, size_t top,
                      KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && cs != NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "communities", kb_tr(lang, "Communities, largest first"));
  kb_sheet_add_column(s, "community", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "size", kb_tr(lang, "size"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "sectors", kb_tr(lang, "dominant sectors"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "places", kb_tr(lang, "dominant places"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "members", kb_tr(lang, "members"), KB_COLUMN_TEXT, 0);
  /* places: where the members are active or located, rolled up; the home
   * city and its country, which every local member shares, left out */
  gboolean *home = kb_dataset_home_places(ds);
  size_t *start, *rels = placing_relations(ds, &start);
  for (size_t i = 0; i < cs->n && (top == 0 || i < top); i++) {
    const KbCommunity *c = &cs->communities[i];
    GHashTable *sectors = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTable *places = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t j = 0; j < c->n_members; j++) {
      const KbNode *m = kb_dataset_node(ds, c->members[j]);
      if (m->sector != KB_NO_NODE)
        bump(sectors, m->sector);
      GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
      for (size_t r = start[c->members[j]]; r < start[c->members[j] + 1]; r++) {
        const KbRelation *rel = kb_dataset_relation(ds, rels[r]);
        g_autofree size_t *up = NULL;
        size_t n = kb_dataset_enclosing_places(ds, rel->to, &up);
        if (!home[rel->to] && g_hash_table_add(seen, GSIZE_TO_POINTER(rel->to + 1)))
          bump(places, rel->to);
        for (size_t u = 0; u < n; u++)
          if (!home[up[u]] && g_hash_table_add(seen, GSIZE_TO_POINTER(up[u] + 1)))
            bump(places, up[u]);
      }
      g_hash_table_unref(seen);
    }
    g_autofree char *sec = dominant(ds, sectors, 3);
    g_autofree char *pl = dominant(ds, places, 3);
    g_autofree char *members = kb_join_labels(ds, c->members, c->n_members, 0);
    kb_sheet_begin_row(s);
    kb_sheet_put_int(s, (long long) i + 1);
    kb_sheet_put_int(s, (long long) c->n_members);
    kb_sheet_put_text(s, sec);
    kb_sheet_put_text(s, pl);
    kb_sheet_put_text(s, members);
    g_hash_table_unref(sectors);
    g_hash_table_unref(places);
  }
  g_free(home);
  g_free(start);
  g_free(rels);
}
