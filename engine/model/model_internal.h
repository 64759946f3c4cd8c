/* model_internal.h -- the dataset's representation, shared by the files of
 * the model module only. */
#ifndef KB_MODEL_INTERNAL_H
#define KB_MODEL_INTERNAL_H

#include "klaverblad/model.h"

/* ---------------------------------------------------------------- arena */

/* Memory handed out in pieces and freed all at once (arena.c). */
typedef struct KbArenaBlock KbArenaBlock;
typedef struct {
  KbArenaBlock *blocks;   /* the one in use first */
  char *next, *end;       /* the free part of the one in use */
} KbArena;

void kb_i_arena_init(KbArena *arena);
/* Frees every piece; the arena is empty afterwards. */
void kb_i_arena_release(KbArena *arena);
/* 'size' bytes aligned to 'align' (a power of two, at most that of
 * max_align_t), uninitialised. Never fails (aborts as g_malloc does). */
void *kb_i_arena_alloc(KbArena *arena, size_t size, size_t align);
/* A NUL-terminated copy of s[0..len). */
char *kb_i_arena_strndup(KbArena *arena, const char *s, size_t len);
/* A copy of s, or NULL when s is NULL. */
char *kb_i_arena_strdup(KbArena *arena, const char *s);

/* -------------------------------------------------------------- dataset */

struct KbDataset {
  char *name;
  GPtrArray *files;     /* file names that KbOrigin.file points into, owned */
  /* The strings, tags and attributes of nodes and relations. A string may
   * be shared by several of them (a source that repeats row after row). */
  KbArena strings;
  GArray *nodes;        /* of KbNode, contents in 'strings' */
  GArray *relations;    /* of KbRelation, contents in 'strings' */
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
  int year;             /* dataset.csv's 'year', or KB_NO_YEAR */
  int data_year;        /* kb_dataset_year(), set by kb_i_dataset_seal() */
  char *language;
  GArray *themes;       /* of size_t */
  double capacity;      /* hours a year, or -1 when not given */
  double capacity_used; /* hours a year, or -1 when not given */
  guint out_of_scope;   /* bits 1u << KbPurpose */
  GArray *questions;    /* of KbQuestion, contents owned */
};

KbDataset *kb_i_dataset_new(const char *name);
/* Returns the dataset's copy of 'file', for use in a KbOrigin. */
const char *kb_i_dataset_intern_file(KbDataset *ds, const char *file);
/* Makes room for this many more nodes and relations, in memory the kernel
 * is asked to back with huge pages. Only ever a gain in time. */
void kb_i_dataset_reserve(KbDataset *ds, size_t nodes, size_t relations);
/* Appends a node or relation, whose strings, tags and attributes are in
 * ds->strings (the struct itself is copied). */
size_t kb_i_dataset_append_node(KbDataset *ds, const KbNode *node);
void kb_i_dataset_append_relation(KbDataset *ds, const KbRelation *rel);

/* Builds the indexes of a dataset whose nodes and relations are complete.
 * Call once, before the dataset is handed out. */
void kb_i_dataset_seal(KbDataset *ds);

/* Copies of attributes and tags into ds->strings. */
KbAttr *kb_i_attrs_copy(KbDataset *ds, const KbAttr *attrs, size_t n);
char **kb_i_tags_copy(KbDataset *ds, char *const *tags);

#endif
