/* builder_internal.h -- the builder's state and the functions its files
 * share (builder.c, builder_cells.c, builder_rows.c, builder_refs.c,
 * builder_meta.c, relation_set.h). Only the builder includes it.
 *
 * The work is done in phases, a file each: the builder's life and its
 * checks of the whole data (builder.c); a row's cells, the tables' columns
 * and headers (builder_cells.c); node and relation rows taken in
 * (builder_rows.c); references between rows resolved when the rows are all
 * in (builder_refs.c); dataset.csv and questions.csv, both taken and
 * resolved (builder_meta.c); the set that finds repeated relations
 * (relation_set.h). */
#ifndef KB_MODEL_BUILDER_INTERNAL_H
#define KB_MODEL_BUILDER_INTERNAL_H

#include "model/model_internal.h"

/* The builder keeps as little per row as it can: the strings a node or
 * relation keeps go straight into the dataset's arena, the texts of cells
 * are read where they stand (trimmed, not copied), and a reference is looked
 * up as soon as its row is added. Only what the checks of
 * kb_builder_finish() need is noted besides: where the cells were, and the
 * ids that named no node yet. */

/* What a node's row said of its sector. */
enum {
  SECTOR_MISSING,            /* no sector cell */
  SECTOR_EMPTY,              /* an empty one */
  SECTOR_GIVEN               /* the node's sector is the node found when the
                              * row was added, or in 'late_sectors' when none was */
};

/* Per node, where its cells were. */
typedef struct {
  unsigned line, column;     /* of the id */
  unsigned sector_line, sector_column;   /* of the sector cell; the row's line
                                          * and column 0 when it has none */
  guint8 sector;             /* organisations: SECTOR_MISSING, _EMPTY or _GIVEN */
} NodeNote;

/* A sector or country named by a node row before a node had that id. */
typedef struct {
  size_t node;
  const char *id;            /* in the builder's 'texts' */
} LateRef;

/* A city's country column. */
typedef struct {
  size_t city;
  size_t country;            /* the node found when the row was added, or KB_NO_NODE */
  const char *id;            /* the id as written, when no node had it then */
  unsigned line, column;
} CountryNote;

/* Where a relation's from, to and kind cells were. */
typedef struct {
  unsigned from_line, from_column;
  unsigned to_line, to_column;
  unsigned kind_line, kind_column;
} RelationCells;

/* The same in 10 bytes, one per relation (parallel to ds->relations until
 * kb_builder_finish()): lines as counted from the row's first line, which
 * nearly always holds them all. A cell further down or further right than
 * this holds has 'far' set, and the relation's cells are in 'far_cells'. */
typedef struct {
  guint16 from_column, to_column, kind_column;
  guint8 from_line, to_line, kind_line;
  guint8 far;
} RelationNote;

/* A relation's cells that its RelationNote could not hold. */
typedef struct {
  size_t relation;
  RelationCells cells;
} FarCells;

/* The ends of a relation that named no node yet when it was added; its
 * from or to is KB_NO_NODE until then. */
typedef struct {
  size_t relation;
  const char *from, *to;     /* in the builder's 'texts'; NULL for an end found */
} LateEnds;

/* A dataset.csv row, checked once the nodes are known. */
typedef struct {
  char *key, *value, *source;
  const char *file;
  unsigned line, value_line, value_column;
} PendingMeta;

/* A questions.csv row waiting for its nodes. */
typedef struct {
  KbQuestion q;              /* from/to not yet set */
  char *from, *to;
  unsigned from_line, from_column, to_line, to_column;
} PendingQuestion;

/* The last text stored for a column: the next row with the same text there
 * shares the stored copy, and what was found in it. */
typedef struct {
  const char *s;             /* in the dataset's arena, or NULL */
  size_t len;
  size_t control;            /* the offset of its first control character, or len */
} Recent;

#define MAX_COLUMNS 10       /* of any table */

/* Which cell of a row holds which column of its table. The rows of a CSV
 * file name the same columns in the same order, so the layout of the last
 * row is kept while the next row's cell names are the same. */
typedef struct {
  size_t n;                  /* cells */
  char **names;              /* theirs, copies */
  int first[MAX_COLUMNS];    /* per column of the table: its first cell, or -1 */
  gboolean *known;           /* per cell: named as a column of the table */
  const char **keys;         /* per cell: the attribute's key in the arena, or NULL */
  Recent *values;            /* per cell: its last value kept as an attribute */
} Layout;

struct KbBuilder {
  KbDataset *ds;
  KbDiagList *diags;
  GArray *notes;             /* of NodeNote, parallel to ds->nodes */
  GByteArray *kinds;         /* the nodes' kinds, parallel to ds->nodes: a
                              * relation's checks read these and no node */
  GArray *late_sectors;      /* of LateRef, by node */
  GArray *countries;         /* of CountryNote, by city */
  GArray *relation_notes;    /* of RelationNote, parallel to ds->relations */
  GArray *far_cells;         /* of FarCells, by relation */
  GArray *late_ends;         /* of LateEnds, by relation */
  GStringChunk *texts;       /* ids that named no node yet */
  GHashTable *rejected;      /* ids of node rows that were reported and skipped, or
                              * that stood in a file that could not be read */
  gboolean unread[KB_TABLE_QUESTIONS + 1];   /* a table's file could not be read,
                                              * and which ids it held is not known */
  char *facts_file;          /* where dataset.csv is or would be, or NULL */
  const char *role_key;      /* "role" in the dataset's arena, once needed */
  GArray *meta;              /* of PendingMeta */
  GHashTable *meta_keys;     /* a key (borrowed from meta) -> its index + 1 */
  GArray *questions;         /* of PendingQuestion */
  GHashTable *question_ids;  /* an id (borrowed from questions) -> its index + 1 */
  gboolean sector_required;
  char *kind_hint;           /* added to messages about unknown kinds, or NULL */
  KbLimits limits;
  gboolean over_limit;       /* a row passed a limit: later rows are skipped */
  gboolean finished;
  unsigned suggestions;      /* how many "did you mean" look-ups were made */
  Layout layouts[KB_TABLE_QUESTIONS + 1];
  Recent recent[KB_TABLE_RELATIONS + 1][MAX_COLUMNS];
  char **no_tags;            /* the empty tag list, shared */
  GString *last_from;        /* the 'from' of the last relation found, and its node */
  size_t last_from_node;
  GString *scratch[4];       /* NUL-terminated copies of trimmed texts */
};

/* The columns of the tables, as builder_cells.c lists them. */
enum {
  NODE_ID, NODE_KIND, NODE_LABEL, NODE_SECTOR, NODE_COUNTRY, NODE_DESCRIPTION, NODE_TAGS,
  NODE_WEBSITE, NODE_SOURCE, NODE_ROLE
};
enum {
  REL_FROM, REL_TO, REL_KIND, REL_SINCE, REL_UNTIL, REL_WEIGHT, REL_LABEL, REL_SOURCE, REL_NOTE,
  REL_STATUS
};

/* A cell's value without the white space around it, where it stands: len
 * bytes at s; s is NULL when the cell is absent or blank. */
typedef struct {
  const char *s;
  size_t len;
} Text;

/* An error at a cell. */
#define ERROR(b, file, cell, ...) \
  kb_diag_list_add((b)->diags, KB_SEVERITY_ERROR, (file), (cell)->line, (cell)->column, \
                   (cell)->name, __VA_ARGS__)

/* ------------------------------------------------------ builder_cells.c */

/* The first cell of 'row' named 'name', or NULL. */
const KbCell *kb_i_row_cell(const KbRow *row, const char *name);
/* Frees a layout's contents; it is empty afterwards. */
void kb_i_layout_release(Layout *lay);
/* The layout of 'row', a row of 'table': the last one when the row names
 * the same cells. Owned by the builder. */
const Layout *kb_i_layout_of(KbBuilder *b, KbTable table, const KbRow *row);
/* Reports a required field that is empty or missing: at its cell, or at
 * the row's start when it has none. */
void kb_i_missing_field(KbBuilder *b, const KbRow *row, const char *name, const char *what);

/* ------------------------------------------------------- builder_rows.c */

/* Warns about a control character in the cells 'names' (NULL-terminated) of
 * a row of dataset.csv or questions.csv; a value is named by 'key'. */
void kb_i_warn_control_columns(KbBuilder *b, const KbRow *row, const char *const *names,
                               const char *key);

/* ------------------------------------------------------- builder_meta.c */

/* Take a row of dataset.csv or questions.csv; checked in finish. */
void kb_i_builder_add_meta_row(KbBuilder *b, const KbRow *row);
void kb_i_builder_add_question_row(KbBuilder *b, const KbRow *row);
/* Check dataset.csv's keys and resolve the questions' nodes. */
void kb_i_builder_resolve_meta(KbBuilder *b);
void kb_i_builder_resolve_questions(KbBuilder *b);

/* ------------------------------------------------------- builder_refs.c */

/* Reports an id that names no node, with the closest existing id. */
void kb_i_builder_unknown_node(KbBuilder *b, const char *file, unsigned line, unsigned column,
                               const char *field, const char *id, const char *expected);
/* TRUE when 'id', which names no node, may be that of a rejected row. */
gboolean kb_i_builder_was_rejected(const KbBuilder *b, const char *id);
/* The node 'id' names, which must be of kind 'want'; KB_NO_NODE after
 * reporting why not. */
size_t kb_i_builder_resolve_node_of_kind(KbBuilder *b, const char *file, unsigned line,
                                         unsigned column, const char *field, const char *id,
                                         KbNodeKind want);
/* The first node of that kind, or KB_NO_NODE. */
size_t kb_i_builder_first_of_kind(const KbBuilder *b, KbNodeKind kind);
/* The phases of kb_builder_finish() that resolve and check references, in
 * the order it calls them. */
void kb_i_builder_resolve_sectors(KbBuilder *b);
void kb_i_builder_check_sectorless(KbBuilder *b);
void kb_i_builder_resolve_relations(KbBuilder *b);
void kb_i_builder_resolve_countries(KbBuilder *b);

#endif
