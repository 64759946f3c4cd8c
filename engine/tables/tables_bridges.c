/* tables_bridges.c -- bridging partners and paths as sheets. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

static char *
describe_path(const KbDataset *ds, const KbPath *p)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < p->n_nodes; i++) {
    if (i > 0)
      g_string_append_printf(s, " -[%s]- ", kb_rel_kind_name(p->kinds[i - 1]));
    g_string_append(s, kb_dataset_node(ds, p->nodes[i])->label);
  }
  return g_string_free(s, FALSE);
}

static const char *
kind_or_sector(const KbDataset *ds, size_t node)
{
  const KbNode *n = kb_dataset_node(ds, node);
  if (n->kind == KB_NODE_ORGANISATION && n->sector != KB_NO_NODE)
    return kb_dataset_node(ds, n->sector)->id;
  return kb_node_kind_name(n->kind);
}

void
kb_tables_bridges(KbDoc *doc, const KbDataset *ds, const KbBridges *br, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && br != NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "partners", kb_tr(lang, "Bridging partners, strongest first"));
  kb_sheet_add_column(s, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "id", kb_tr(lang, "id"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "partner"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "kind", kb_tr(lang, "sector or kind"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "paths", kb_tr(lang, "paths"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "best_cost", kb_tr(lang, "best cost"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "score", kb_tr(lang, "score"), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "via_paths", kb_tr(lang, "on paths"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < br->n_partners; i++) {
    const KbBridgePartner *bp = &br->partners[i];
    GString *on = g_string_new(NULL);
    for (size_t j = 0; j < bp->n_paths; j++)
      g_string_append_printf(on, "%s%zu", j ? ", " : "", bp->paths[j] + 1);
    kb_sheet_begin_row(s);
    kb_sheet_put_int(s, (long long) i + 1);
    kb_sheet_put_text(s, kb_dataset_node(ds, bp->node)->id);
    kb_sheet_put_text(s, kb_dataset_node(ds, bp->node)->label);
    kb_sheet_put_text(s, kind_or_sector(ds, bp->node));
    kb_sheet_put_int(s, (long long) bp->n_paths);
    kb_sheet_put_number(s, bp->best_cost);
    kb_sheet_put_number(s, bp->score);
    kb_sheet_put_text(s, on->str);
    g_string_free(on, TRUE);
  }
  KbSheet *ps = kb_doc_add_sheet(doc, "paths", kb_tr(lang, "Introduction paths, cheapest first"));
  kb_sheet_add_column(ps, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(ps, "cost", kb_tr(lang, "cost"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(ps, "steps", kb_tr(lang, "steps"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(ps, "path", kb_tr(lang, "path"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < br->n_paths; i++) {
    g_autofree char *text = describe_path(ds, &br->paths[i]);
    kb_sheet_begin_row(ps);
    kb_sheet_put_int(ps, (long long) i + 1);
    kb_sheet_put_number(ps, br->paths[i].cost);
    kb_sheet_put_int(ps, (long long) br->paths[i].n_nodes - 1);
    kb_sheet_put_text(ps, text);
  }
}
