/* summary.c -- the figures of a dataset that `klaverblad check` prints
 * (klaverblad/check.h). */
#include <string.h>

#include "klaverblad/check.h"

gboolean
kb_summary_compute(const KbDataset *ds, KbSummary *out, GError **error)
{
  g_return_val_if_fail(ds != NULL && out != NULL, FALSE);
  memset(out, 0, sizeof *out);
  out->nodes = kb_dataset_node_count(ds);
  out->relations = kb_dataset_relation_count(ds);
  out->data_year = kb_dataset_year(ds);
  for (size_t i = 0; i < out->nodes; i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    out->nodes_by_kind[n->kind]++;
    out->sourced_nodes += n->source != NULL;
  }
  for (size_t i = 0; i < out->relations; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    out->relations_by_kind[r->kind]++;
    out->by_status[r->status]++;
    out->undated_ties += r->since == KB_NO_YEAR && !kb_relation_is_geography(r);
    if (r->since != KB_NO_YEAR)
      out->qualified[r->since_q]++;
    if (r->until != KB_NO_YEAR)
      out->qualified[r->until_q]++;
    out->sourced_relations += r->source != NULL;
    int years[2] = { r->since, r->until };
    gboolean dated = FALSE;
    for (int k = 0; k < 2; k++) {
      if (years[k] == KB_NO_YEAR)
        continue;
      dated = TRUE;
      if (out->first_year == KB_NO_YEAR || years[k] < out->first_year)
        out->first_year = years[k];
      if (out->last_year == KB_NO_YEAR || years[k] > out->last_year)
        out->last_year = years[k];
    }
    out->dated += dated;
  }
  return kb_graph_components(ds, &out->components, error);
}
