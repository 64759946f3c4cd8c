/* cmd_communities.c -- `klaverblad communities DATASET`: Leiden communities
 * of the organisation network, with their sectors and places. */
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"

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

int
cmd_communities(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Communities of the organisation network, found by Leiden optimising modularity\n"
    "(weighted ties, fixed seed: the same data gives the same communities), each\n"
    "with its members, dominant sectors and places.");
  kb_cli_output_options_add(ctx, &out, 0);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  if (!kb_cli_parse(ctx, "communities", &argc, &argv, &opts, &out, 1))
    goto done;
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbCommunities) cs = kb_communities_compute(ds, &err);
    if (cs == NULL) {
      fprintf(stderr, "klaverblad communities: error: %s\n", err->message);
      goto done;
    }
    g_autoptr(KbDoc) doc = kb_doc_new("Communities");
    g_autofree char *about = kb_cli_describe_dataset(argv[1], &opts);
    g_autofree char *text = g_strdup_printf("%s %zu communities; modularity %.3f.", about,
                                            cs->n, cs->modularity);
    kb_doc_add_text(doc, "about", text);
    KbSheet *s = kb_doc_add_sheet(doc, "communities", "Communities, largest first");
    kb_sheet_add_column(s, "community", "#", KB_COLUMN_INT, 0);
    kb_sheet_add_column(s, "size", "size", KB_COLUMN_INT, 0);
    kb_sheet_add_column(s, "sectors", "dominant sectors", KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(s, "places", "dominant places", KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(s, "members", "members", KB_COLUMN_TEXT, 0);
    /* places: where the members are active or located, rolled up; the home
     * city and its country, which every local member shares, left out */
    gboolean *home = g_new0(gboolean, kb_dataset_node_count(ds));
    if (kb_dataset_home(ds) != KB_NO_NODE) {
      home[kb_dataset_home(ds)] = TRUE;
      g_autofree size_t *up = NULL;
      size_t m = kb_dataset_enclosing_places(ds, kb_dataset_home(ds), &up);
      for (size_t j = 0; j < m; j++)
        home[up[j]] = TRUE;
    }
    for (size_t i = 0; i < cs->n && (out.top == 0 || i < (size_t) out.top); i++) {
      const KbCommunity *c = &cs->communities[i];
      GHashTable *sectors = g_hash_table_new(g_direct_hash, g_direct_equal);
      GHashTable *places = g_hash_table_new(g_direct_hash, g_direct_equal);
      for (size_t j = 0; j < c->n_members; j++) {
        const KbNode *m = kb_dataset_node(ds, c->members[j]);
        if (m->sector != KB_NO_NODE)
          bump(sectors, m->sector);
        GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
        for (size_t r = 0; r < kb_dataset_relation_count(ds); r++) {
          const KbRelation *rel = kb_dataset_relation(ds, r);
          if (rel->from != c->members[j]
              || (rel->kind != KB_REL_ACTIVE_IN && rel->kind != KB_REL_LOCATED_IN))
            continue;
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
      g_autofree char *members = kb_cli_join_labels(ds, c->members, c->n_members, 0);
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
    status = kb_cli_emit("communities", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
