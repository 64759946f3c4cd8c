/* check.h -- the summary that `klaverblad check` prints. */
#ifndef KLAVERBLAD_CHECK_H
#define KLAVERBLAD_CHECK_H

#include <glib.h>
#include <klaverblad/model.h>
#include <klaverblad/graph.h>

G_BEGIN_DECLS

typedef struct {
  size_t nodes;
  size_t relations;
  size_t nodes_by_kind[KB_NODE_KIND_COUNT];
  size_t relations_by_kind[KB_REL_KIND_COUNT];
  int first_year;           /* earliest since or until, or KB_NO_YEAR */
  int last_year;            /* latest since or until, or KB_NO_YEAR */
  size_t dated;             /* relations with a since or an until */
  size_t undated_ties;      /* relations without a since, geography left aside (see
                             * kb_relation_holds()) */
  size_t qualified[KB_DATE_QUALIFIER_COUNT]; /* sinces and untils by qualifier */
  size_t by_status[KB_STATUS_COUNT];         /* relations by status */
  int data_year;            /* kb_dataset_year() */
  size_t sourced_nodes;     /* nodes with a source */
  size_t sourced_relations; /* relations with a source */
  KbComponents components;
  gpointer reserved[4];     /* zeroed by the library: room for fields to come (analysis.h) */
} KbSummary;

/* Fills 'out' with the figures of 'ds'. Always succeeds (see
 * kb_graph_components). */
gboolean kb_summary_compute(const KbDataset *ds, KbSummary *out, GError **error);

G_END_DECLS

#endif
