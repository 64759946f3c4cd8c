/* bridges_internal.h -- the walk of bridges.c from the start to the target:
 * its state, shared by bridges.c (the steps) and bridges_walk.c (the
 * walk's life: the ties and members it walks, made once). */
#ifndef KB_ANALYSIS_BRIDGES_INTERNAL_H
#define KB_ANALYSIS_BRIDGES_INTERNAL_H

#include "analysis/analysis_internal.h"

#define FELLOWS (KB_BRIDGES_FACTS + 2)
#define FAR G_MAXUINT8          /* dist[] beyond two steps */

typedef struct {
  size_t other;
  size_t relation;
} Arc;

typedef struct {
  const KbDataset *ds;
  size_t n;
  size_t to;
  KbNodeKind to_kind;
  size_t from;              /* an organisation start, or KB_NO_NODE */
  size_t sector;            /* the start's sector, or KB_NO_NODE */
  gboolean newcomer;
  guint32 *rank;            /* node -> its place in id order */
  gboolean *area;           /* a place target and the places inside it */
  guint8 *loc;              /* KbLocality; of a network, from its members */
  size_t *tie_start;        /* node -> its ties, ties[tie_start[v] .. tie_start[v + 1]) */
  Arc *ties;
  size_t *mem_start;        /* network -> its organisation members, by id */
  Arc *members;
  guint8 *reach;            /* KbReach */
  KbBridgeFacts **why;      /* node -> its facts, or NULL */
  guint8 *dist;             /* 0 the start, 1, 2, or FAR */
  size_t *near;
  size_t *near_relation;
  size_t *near_via;
  gboolean *contact;
  KbBridgeFacts **home;     /* contact -> its ties at home, or NULL */
} Walk;

/* TRUE for a node the walk goes through: an organisation or a network. */
static inline gboolean
kb_i_walk_passes(const Walk *w, size_t v)
{
  KbNodeKind k = kb_dataset_node(w->ds, v)->kind;
  return k == KB_NODE_ORGANISATION || k == KB_NODE_NETWORK;
}

/* Node v's kind. */
static inline KbNodeKind
kb_i_walk_kind(const Walk *w, size_t v)
{
  return kb_dataset_node(w->ds, v)->kind;
}

/* TRUE for an organisation's membership of a network. */
static inline gboolean
kb_i_walk_is_membership(const Walk *w, const KbRelation *r)
{
  return r->kind == KB_REL_MEMBER_OF && kb_i_walk_kind(w, r->from) == KB_NODE_ORGANISATION;
}

/* Makes the walk towards 'to' in ds: every node's rank by id, the target's
 * area, the ties and memberships, the localities, and the per-node state
 * of the steps, empty. Release with kb_i_walk_release(). */
void kb_i_walk_init(Walk *w, const KbDataset *ds, size_t to);
/* Frees what the walk holds (not the struct). */
void kb_i_walk_release(Walk *w);

#endif
