/* explore_layout.c -- what the explorer draws, and where.
 *
 * The positions are those of a Graphviz layout, computed by klaverblad-render
 * in a child process (engine/render/README.md, "Positions"): the engine
 * writes a map description with one node per drawn node, in dataset order,
 * named by its number, and reads back one "X Y" line per node. sfdp with the
 * renderer's fixed seed (start=1) gives the same positions on every run, and
 * lays out 5,000 nodes in seconds (engine/explore/README.md has the
 * measurements). */
#include <string.h>

#include <glib/gstdio.h>

#include "base/folder.h"
#include "explore/explore_internal.h"
#include "klaverblad/error.h"
#include "klaverblad/map.h"
#include "klaverblad/version.h"

/* Up to this many nodes drawn, overlapping nodes are moved apart. */
#define OVERLAP_REMOVAL_MAX 2000

static gboolean
is_actor(KbNodeKind kind)
{
  return kind == KB_NODE_ORGANISATION || kind == KB_NODE_NETWORK;
}

void
kb_i_explore_drawn(const KbDataset *ds, KbExploreLayout *layout)
{
  size_t n = kb_dataset_node_count(ds);
  layout->drawn = g_new0(gboolean, n + 1);
  for (size_t i = 0; i < n; i++)
    layout->drawn[i] = is_actor(kb_dataset_node(ds, i)->kind);
  /* a place is drawn when someone is there or it is tied to another place
   * by more than geography (twinned cities) */
  gboolean *there = g_new0(gboolean, n + 1);
  for (size_t r = 0; r < kb_dataset_relation_count(ds); r++) {
    const KbRelation *rel = kb_dataset_relation(ds, r);
    KbNodeKind fk = kb_dataset_node(ds, rel->from)->kind, tk = kb_dataset_node(ds, rel->to)->kind;
    gboolean geo = kb_relation_is_geography(rel);
    if (kb_node_kind_is_place(tk) && (is_actor(fk) || (!geo && kb_node_kind_is_place(fk))))
      there[rel->to] = TRUE;
    if (kb_node_kind_is_place(fk) && (is_actor(tk) || (!geo && kb_node_kind_is_place(tk))))
      there[rel->from] = TRUE;
  }
  if (kb_dataset_home(ds) != KB_NO_NODE)
    there[kb_dataset_home(ds)] = TRUE;
  for (size_t i = 0; i < n; i++) {
    if (!there[i])
      continue;
    layout->drawn[i] = TRUE;
    size_t *up = NULL;
    size_t n_up = kb_dataset_enclosing_places(ds, i, &up);
    for (size_t k = 0; k < n_up; k++)
      layout->drawn[up[k]] = TRUE;
    g_free(up);
  }
  g_free(there);
  layout->n_drawn = 0;
  for (size_t i = 0; i < n; i++)
    layout->n_drawn += layout->drawn[i];
}

/* The map description: nodes named n<index> in dataset order, sized by kind
 * (the page draws them at these sizes), and each pair of drawn nodes that
 * a relation joins, once. */
static char *
layout_spec(const KbDataset *ds, const KbExploreLayout *layout)
{
  /* overlap removal (prism) takes three quarters of the time above a few
   * thousand nodes, where sfdp's own repulsion spaces them well enough */
  GString *s = g_string_new("klaverblad-render 1\n");
  g_string_append_printf(s, "graph layout=sfdp overlap=%s splines=false\n",
                         layout->n_drawn <= OVERLAP_REMOVAL_MAX ? "prism" : "true");
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    if (!layout->drawn[i])
      continue;
    KbNodeKind kind = kb_dataset_node(ds, i)->kind;
    const char *size = kind == KB_NODE_ORGANISATION ? "0.22" : kind == KB_NODE_NETWORK ? "0.3"
                                                                                        : "0.26";
    g_string_append_printf(s, "node n%zu shape=circle fixedsize=true label=\"\" width=%s "
                           "height=%s\n", i, size, size);
  }
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t r = 0; r < kb_dataset_relation_count(ds); r++) {
    const KbRelation *rel = kb_dataset_relation(ds, r);
    if (rel->from == rel->to || !layout->drawn[rel->from] || !layout->drawn[rel->to])
      continue;
    size_t a = MIN(rel->from, rel->to), b = MAX(rel->from, rel->to);
    char *key = g_strdup_printf("%zu %zu", a, b);
    if (!g_hash_table_add(seen, key))
      continue;
    g_string_append_printf(s, "edge n%zu n%zu\n", a, b);
  }
  g_string_append(s, "end\n");
  return g_string_free(s, FALSE);
}

/* Reads the renderer's positions into the layout; FALSE when they are not
 * one line "X Y" per drawn node after the format's first line. */
static gboolean
read_positions(const KbDataset *ds, const char *text, KbExploreLayout *layout)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  if (lines[0] == NULL || strcmp(lines[0], "klaverblad-render positions 1") != 0)
    return FALSE;
  size_t line = 1;
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    if (!layout->drawn[i])
      continue;
    const char *l = lines[line] != NULL ? lines[line++] : NULL;
    char *end = NULL;
    if (l == NULL || *l == '\0')
      return FALSE;
    layout->x[i] = g_ascii_strtod(l, &end);
    if (end == l || *end != ' ')
      return FALSE;
    const char *second = end + 1;
    layout->y[i] = g_ascii_strtod(second, &end);
    if (end == second || *end != '\0')
      return FALSE;
  }
  return lines[line] != NULL && *lines[line] == '\0' && lines[line + 1] == NULL;
}

gboolean
kb_i_explore_layout(const KbDataset *ds, const char *renderer, KbExploreLayout *layout,
                    GError **error)
{
  size_t n = kb_dataset_node_count(ds);
  layout->x = g_new0(double, n + 1);
  layout->y = g_new0(double, n + 1);
  if (layout->n_drawn == 0)
    return TRUE;
  g_autofree char *spec = layout_spec(ds, layout);
  g_autoptr(GError) err = NULL;
  g_autofree char *dir = g_dir_make_tmp("klaverblad-explore-XXXXXX", &err);
  if (dir == NULL) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot make a temporary folder for the layout: "
                "%s", err->message);
    return FALSE;
  }
  g_autofree char *path = g_build_filename(dir, "positions.txt", NULL);
  g_autofree char *text = NULL;
  gboolean ok = kb_map_render(renderer, spec, "positions", path, error);
  if (ok && !g_file_get_contents(path, &text, NULL, &err)) {
    g_set_error(error, KB_ERROR, KB_ERROR_IO, "cannot read the layout: %s", err->message);
    ok = FALSE;
  }
  kb_i_remove_tree(dir);
  if (ok && !read_positions(ds, text, layout)) {
    g_set_error(error, KB_ERROR, KB_ERROR_INTERNAL, "the renderer '%s' gave no position for "
                "each node: is it klaverblad-render %s?", renderer, KB_VERSION);
    ok = FALSE;
  }
  return ok;
}

void
kb_i_explore_layout_release(KbExploreLayout *layout)
{
  g_free(layout->drawn);
  g_free(layout->x);
  g_free(layout->y);
  memset(layout, 0, sizeof *layout);
}
