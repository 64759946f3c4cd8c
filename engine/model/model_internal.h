/* model_internal.h -- the dataset's representation, shared by the files of
 * the model module only. */
#ifndef KB_MODEL_INTERNAL_H
#define KB_MODEL_INTERNAL_H

#include "klaverblad/model.h"

struct KbDataset {
  char *name;
  GPtrArray *files;     /* file names that KbOrigin.file points into, owned */
  GArray *nodes;        /* of KbNode, contents owned */
  GArray *relations;    /* of KbRelation, contents owned */
  GHashTable *index;    /* node id (borrowed from nodes) -> index + 1 */
  /* The places directly enclosing each node (located_in and part_of from a
   * place to a place), in compressed rows: those of node i are
   * up_targets[up_offsets[i] .. up_offsets[i + 1]). Built by
   * kb_i_dataset_seal(). */
  size_t *up_offsets;
  size_t *up_targets;
  /* dataset.csv */
  char *title;
  size_t home, hub;
  int policy_start;
  char *language;
  GArray *themes;       /* of size_t */
  GArray *questions;    /* of KbQuestion, contents owned */
};

KbDataset *kb_i_dataset_new(const char *name);
/* Returns the dataset's copy of 'file', for use in a KbOrigin. */
const char *kb_i_dataset_intern_file(KbDataset *ds, const char *file);
/* Appends a node or relation; the dataset takes over the contents of *node
 * or *rel (the struct itself is copied). */
size_t kb_i_dataset_append_node(KbDataset *ds, const KbNode *node);
void kb_i_dataset_append_relation(KbDataset *ds, const KbRelation *rel);

/* Builds the indexes of a dataset whose nodes and relations are complete.
 * Call once, before the dataset is handed out. */
void kb_i_dataset_seal(KbDataset *ds);

void kb_i_node_release(KbNode *node);
void kb_i_relation_release(KbRelation *rel);
KbAttr *kb_i_attrs_copy(const KbAttr *attrs, size_t n);

#endif
