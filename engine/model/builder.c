/* builder.c -- rows of text in, a checked dataset out.
 *
 * Every loader goes through here, so that the rules of the model (required
 * fields, kinds, years, references, which relation kinds join which node
 * kinds) are checked in one place, and each problem is reported at the cell
 * that holds it. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "klaverblad/terminal.h"
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

/* Above this many unknown ids, stop looking for similar ones: each look-up
 * scans every id. */
#define MAX_SUGGESTIONS 200

/* ------------------------------------------------------------ lifecycle */

KbBuilder *
kb_builder_new(const char *name, KbDiagList *diags)
{
  g_return_val_if_fail(name != NULL && diags != NULL, NULL);
  KbBuilder *b = g_new0(KbBuilder, 1);
  b->ds = kb_i_dataset_new(name);
  b->diags = diags;
  b->notes = g_array_new(FALSE, TRUE, sizeof(NodeNote));
  b->kinds = g_byte_array_new();
  b->late_sectors = g_array_new(FALSE, TRUE, sizeof(LateRef));
  b->countries = g_array_new(FALSE, TRUE, sizeof(CountryNote));
  b->relation_notes = g_array_new(FALSE, TRUE, sizeof(RelationNote));
  b->far_cells = g_array_new(FALSE, TRUE, sizeof(FarCells));
  b->late_ends = g_array_new(FALSE, TRUE, sizeof(LateEnds));
  b->texts = g_string_chunk_new(4096);
  b->rejected = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  b->meta = g_array_new(FALSE, TRUE, sizeof(PendingMeta));
  b->meta_keys = g_hash_table_new(g_str_hash, g_str_equal);
  b->questions = g_array_new(FALSE, TRUE, sizeof(PendingQuestion));
  b->question_ids = g_hash_table_new(g_str_hash, g_str_equal);
  b->sector_required = TRUE;
  kb_limits_init(&b->limits);
  b->last_from = g_string_new(NULL);
  b->last_from_node = KB_NO_NODE;
  for (size_t i = 0; i < G_N_ELEMENTS(b->scratch); i++)
    b->scratch[i] = g_string_new(NULL);
  return b;
}

void
kb_limits_init(KbLimits *limits)
{
  g_return_if_fail(limits != NULL);
  memset(limits, 0, sizeof *limits);
  limits->max_nodes = KB_DEFAULT_MAX_NODES;
  limits->max_relations = KB_DEFAULT_MAX_RELATIONS;
  limits->max_bytes = KB_DEFAULT_MAX_BYTES;
}

void
kb_builder_set_limits(KbBuilder *b, const KbLimits *limits)
{
  g_return_if_fail(b != NULL && limits != NULL);
  b->limits = *limits;
}

void
kb_builder_expect_rows(KbBuilder *b, KbTable table, size_t rows)
{
  g_return_if_fail(b != NULL);
  if (table == KB_TABLE_NODES)
    kb_i_dataset_reserve(b->ds, MIN(rows, b->limits.max_nodes), 0);
  else if (table == KB_TABLE_RELATIONS)
    kb_i_dataset_reserve(b->ds, 0, MIN(rows, b->limits.max_relations));
}

void
kb_builder_set_sector_required(KbBuilder *b, gboolean required)
{
  g_return_if_fail(b != NULL);
  b->sector_required = required;
}

void
kb_builder_set_kind_hint(KbBuilder *b, const char *hint)
{
  g_return_if_fail(b != NULL);
  g_free(b->kind_hint);
  b->kind_hint = g_strdup(hint);
}

void
kb_builder_set_facts_file(KbBuilder *b, const char *file)
{
  g_return_if_fail(b != NULL);
  g_free(b->facts_file);
  b->facts_file = g_strdup(file);
}

void
kb_builder_set_table_unread(KbBuilder *b, KbTable table)
{
  g_return_if_fail(b != NULL && table <= KB_TABLE_QUESTIONS);
  b->unread[table] = TRUE;
}

static void
layout_release(Layout *lay)
{
  for (size_t i = 0; i < lay->n; i++)
    g_free(lay->names[i]);
  g_free(lay->names);
  g_free(lay->known);
  g_free(lay->keys);
  g_free(lay->values);
  memset(lay, 0, sizeof *lay);
}

void
kb_builder_free(KbBuilder *b)
{
  if (b == NULL)
    return;
  g_free(b->kind_hint);
  g_free(b->facts_file);
  g_array_unref(b->notes);
  g_byte_array_unref(b->kinds);
  g_array_unref(b->late_sectors);
  g_array_unref(b->countries);
  g_array_unref(b->relation_notes);
  g_array_unref(b->far_cells);
  g_array_unref(b->late_ends);
  g_string_chunk_free(b->texts);
  g_hash_table_unref(b->rejected);
  for (guint i = 0; i < b->meta->len; i++) {
    PendingMeta *m = &g_array_index(b->meta, PendingMeta, i);
    g_free(m->key);
    g_free(m->value);
    g_free(m->source);
  }
  g_hash_table_unref(b->meta_keys);
  g_array_unref(b->meta);
  for (guint i = 0; i < b->questions->len; i++) {
    PendingQuestion *pq = &g_array_index(b->questions, PendingQuestion, i);
    g_free(pq->q.id);
    g_free(pq->q.text);
    g_free(pq->q.source);
    g_free(pq->from);
    g_free(pq->to);
  }
  g_hash_table_unref(b->question_ids);
  g_array_unref(b->questions);
  for (size_t i = 0; i < G_N_ELEMENTS(b->layouts); i++)
    layout_release(&b->layouts[i]);
  g_string_free(b->last_from, TRUE);
  for (size_t i = 0; i < G_N_ELEMENTS(b->scratch); i++)
    g_string_free(b->scratch[i], TRUE);
  kb_dataset_free(b->ds);
  g_free(b);
}

/* -------------------------------------------------------------- helpers */

#define ERROR(b, file, cell, ...) \
  kb_diag_list_add((b)->diags, KB_SEVERITY_ERROR, (file), (cell)->line, (cell)->column, \
                   (cell)->name, __VA_ARGS__)

typedef struct {
  const char *name;
  gboolean required;
} Column;

static const Column node_columns[] = {
  { "id", TRUE }, { "kind", TRUE }, { "label", FALSE }, { "sector", FALSE },
  { "country", FALSE }, { "description", FALSE }, { "tags", FALSE },
  { "website", FALSE }, { "source", FALSE }, { "role", FALSE }, { NULL, FALSE }
};

static const Column relation_columns[] = {
  { "from", TRUE }, { "to", TRUE }, { "kind", TRUE }, { "since", FALSE },
  { "until", FALSE }, { "weight", FALSE }, { "label", FALSE }, { "source", FALSE },
  { "note", FALSE }, { "status", FALSE }, { NULL, FALSE }
};

static const Column meta_columns[] = {
  { "key", TRUE }, { "value", TRUE }, { "source", FALSE }, { NULL, FALSE }
};

static const Column question_columns[] = {
  { "id", TRUE }, { "kind", TRUE }, { "question", TRUE }, { "from", FALSE }, { "to", FALSE },
  { "source", FALSE }, { NULL, FALSE }
};

/* The columns of the nodes and relations tables, as numbered above. */
enum {
  NODE_ID, NODE_KIND, NODE_LABEL, NODE_SECTOR, NODE_COUNTRY, NODE_DESCRIPTION, NODE_TAGS,
  NODE_WEBSITE, NODE_SOURCE, NODE_ROLE
};
enum {
  REL_FROM, REL_TO, REL_KIND, REL_SINCE, REL_UNTIL, REL_WEIGHT, REL_LABEL, REL_SOURCE, REL_NOTE,
  REL_STATUS
};

static const Column *
table_columns(KbTable table)
{
  switch (table) {
  case KB_TABLE_NODES: return node_columns;
  case KB_TABLE_RELATIONS: return relation_columns;
  case KB_TABLE_META: return meta_columns;
  case KB_TABLE_QUESTIONS: return question_columns;
  }
  g_return_val_if_reached(node_columns);
}

static const KbCell *
row_cell(const KbRow *row, const char *name)
{
  for (size_t i = 0; i < row->n_cells; i++)
    if (strcmp(row->cells[i].name, name) == 0)
      return &row->cells[i];
  return NULL;
}

/* A copy of the cell's value without surrounding white space; NULL when the
 * cell is absent or blank. */
static char *
cell_copy(const KbCell *cell)
{
  if (cell == NULL)
    return NULL;
  char *s = g_strstrip(g_strdup(cell->value));
  if (*s == '\0') {
    g_free(s);
    return NULL;
  }
  return s;
}

/* A cell's value without the white space around it, where it stands: len
 * bytes at s; s is NULL when the cell is absent or blank. */
typedef struct {
  const char *s;
  size_t len;
} Text;

static Text
cell_text(const KbCell *cell)
{
  Text t = { NULL, 0 };
  if (cell == NULL)
    return t;
  const char *s = cell->value;
  while (g_ascii_isspace(*s))
    s++;
  size_t len = strlen(s);
  while (len > 0 && g_ascii_isspace(s[len - 1]))
    len--;
  if (len > 0) {
    t.s = s;
    t.len = len;
  }
  return t;
}

static gboolean
text_equal(Text t, const char *s, size_t len)
{
  return t.len == len && memcmp(t.s, s, len) == 0;
}

/* The text as a C string: where it stands when nothing follows it in its
 * cell, else copied into scratch buffer 'slot', valid until that slot is
 * used again. */
static const char *
text_z(KbBuilder *b, int slot, Text t)
{
  if (t.s == NULL)
    return NULL;
  if (t.s[t.len] == '\0')
    return t.s;
  g_string_truncate(b->scratch[slot], 0);
  g_string_append_len(b->scratch[slot], t.s, (gssize) t.len);
  return b->scratch[slot]->str;
}

/* A copy of the text in the dataset's arena; NULL for none. */
static char *
store(KbBuilder *b, Text t)
{
  return t.s == NULL ? NULL : kb_i_arena_strndup(&b->ds->strings, t.s, t.len);
}

/* The offset of the first control character in the text, or t.len when it
 * holds none: C0 (but, with 'in_text', a tab or a line feed, which free
 * text may hold), DEL, and C1 (U+0080 to U+009F: 0xC2 0x80 to 0xC2 0x9F in
 * UTF-8). */
static size_t
find_control_char(Text t, gboolean in_text)
{
  /* eight bytes at a time over those that cannot start one: no byte below
   * 0x20, no 0x7F, no 0xC2 (nearly every text; a word that might hold one
   * is looked at byte by byte) */
  const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT(0x8080808080808080);
  size_t i = 0;
  for (; i + 8 <= t.len; i += 8) {
    guint64 w, del, c2;
    memcpy(&w, t.s + i, sizeof w);
    del = w ^ (ones * 0x7F);
    c2 = w ^ (ones * 0xC2);
    if ((((w - ones * 0x20) & ~w) | ((del - ones) & ~del) | ((c2 - ones) & ~c2)) & highs)
      break;
  }
  for (; i < t.len; i++) {
    unsigned char c = (unsigned char) t.s[i];
    if (c < 0x20 ? !(in_text && (c == '\t' || c == '\n'))
                 : c == 0x7f || (c == 0xC2 && i + 1 < t.len
                                 && (unsigned char) t.s[i + 1] >= 0x80
                                 && (unsigned char) t.s[i + 1] <= 0x9F))
      return i;
  }
  return t.len;
}

static gboolean
has_control_chars(Text t)
{
  return find_control_char(t, FALSE) < t.len;
}

/* Warns that a text meant to be shown (a label, a title, a note) holds the
 * control character at offset 'at': a terminal or a page would show an
 * escape there, or act on it. */
static void
warn_control_char(KbBuilder *b, const KbRow *row, const KbCell *cell, const char *field, Text t,
                  size_t at)
{
  char one[3] = { t.s[at], (unsigned char) t.s[at] == 0xC2 ? t.s[at + 1] : '\0', '\0' };
  g_autofree char *shown = kb_terminal_escape(one);
  kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, row->file, cell->line, cell->column,
                   field, "the text holds the control character %s; expected text without "
                   "control characters (a tab and a line break are allowed)", shown);
}

/* A text to be shown, t, of 'cell', kept: a copy in the dataset's arena, or
 * the copy made for the last row when the text is the same there
 * ('recent'; NULL when the column shares none); NULL for none. A text
 * holding a control character is warned about, found once per copy. */
static inline char *
keep_text(KbBuilder *b, const KbRow *row, const KbCell *cell, Text t, Recent *recent)
{
  if (t.s == NULL)
    return NULL;
  if (recent != NULL && recent->s != NULL && text_equal(t, recent->s, recent->len)) {
    if (recent->control < recent->len)
      warn_control_char(b, row, cell, cell->name, t, recent->control);
    return (char *) recent->s;
  }
  size_t at = find_control_char(t, TRUE);
  if (at < t.len)
    warn_control_char(b, row, cell, cell->name, t, at);
  char *s = store(b, t);
  if (recent != NULL)
    *recent = (Recent) { s, t.len, at };
  return s;
}

/* The same warning for the texts of a row of dataset.csv or questions.csv:
 * the cells 'names' (NULL-terminated). A dataset.csv value is named by its
 * key ('key'), as its other diagnostics are ("title"). */
static void
warn_control_columns(KbBuilder *b, const KbRow *row, const char *const *names, const char *key)
{
  for (const char *const *name = names; *name != NULL; name++) {
    const KbCell *c = row_cell(row, *name);
    Text t = cell_text(c);
    size_t at = find_control_char(t, TRUE);
    if (at < t.len)
      warn_control_char(b, row, c, key && strcmp(*name, "value") == 0 ? key : c->name, t, at);
  }
}

/* strcmp(a, b) == 0 for the short names of columns, without a call. */
static inline gboolean
same_name(const char *a, const char *b)
{
  while (*a != '\0' && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

/* The layout of 'row', a row of 'table': the last one when the row names the
 * same cells. */
static const Layout *
layout_of(KbBuilder *b, KbTable table, const KbRow *row)
{
  Layout *lay = &b->layouts[table];
  gboolean same = lay->names != NULL && lay->n == row->n_cells;
  for (size_t i = 0; same && i < row->n_cells; i++)
    same = same_name(lay->names[i], row->cells[i].name);
  if (same)
    return lay;
  layout_release(lay);
  size_t n = row->n_cells;
  lay->n = n;
  lay->names = g_new(char *, n ? n : 1);
  lay->known = g_new(gboolean, n ? n : 1);
  lay->keys = g_new0(const char *, n ? n : 1);
  lay->values = g_new0(Recent, n ? n : 1);
  for (int c = 0; c < MAX_COLUMNS; c++)
    lay->first[c] = -1;
  const Column *columns = table_columns(table);
  for (size_t i = 0; i < n; i++) {
    const char *name = row->cells[i].name;
    lay->names[i] = g_strdup(name);
    lay->known[i] = FALSE;
    for (int c = 0; columns[c].name != NULL; c++)
      if (strcmp(columns[c].name, name) == 0) {
        lay->known[i] = TRUE;
        if (lay->first[c] < 0)
          lay->first[c] = (int) i;
        break;
      }
    if (!lay->known[i] && name[0] != '\0')
      lay->keys[i] = kb_i_arena_strdup(&b->ds->strings, name);
  }
  return lay;
}

/* The first cell of the row for column 'column' of its table, or NULL. */
static const KbCell *
layout_cell(const Layout *lay, const KbRow *row, int column)
{
  return lay->first[column] < 0 ? NULL : &row->cells[lay->first[column]];
}

/* The text of the row's cell for 'column', kept as keep_text() keeps it. */
static inline char *
keep_column(KbBuilder *b, const Layout *lay, const KbRow *row, int column, Recent *recent)
{
  const KbCell *cell = layout_cell(lay, row, column);
  return keep_text(b, row, cell, cell_text(cell), recent);
}

/* Levenshtein distance between a and b (ASCII letters in any case alike),
 * exact when at most max; some number above max otherwise. */
static size_t
edit_distance(const char *a, const char *b, size_t max)
{
  size_t la = strlen(a), lb = strlen(b);
  if ((la > lb ? la - lb : lb - la) > max)
    return max + 1;
  /* two rows of the table, on the stack for the ids of nearly all data */
  size_t rows[2][128];
  size_t *heap = lb + 1 > G_N_ELEMENTS(rows[0]) ? g_new(size_t, 2 * (lb + 1)) : NULL;
  size_t *prev = heap ? heap : rows[0], *cur = heap ? heap + lb + 1 : rows[1];
  for (size_t j = 0; j <= lb; j++)
    prev[j] = j;
  size_t d = max + 1;
  for (size_t i = 1; i <= la; i++) {
    cur[0] = i;
    size_t best = cur[0];
    int ca = tolower((unsigned char) a[i - 1]);
    for (size_t j = 1; j <= lb; j++) {
      size_t v = prev[j - 1] + (ca == tolower((unsigned char) b[j - 1]) ? 0 : 1);
      if (prev[j] + 1 < v)
        v = prev[j] + 1;
      if (cur[j - 1] + 1 < v)
        v = cur[j - 1] + 1;
      cur[j] = v;
      if (v < best)
        best = v;
    }
    size_t *t = prev;
    prev = cur;
    cur = t;
    if (best > max)     /* the rows' least values only grow */
      goto done;
  }
  d = prev[lb];
done:
  g_free(heap);
  return d;
}

/* A word at edit distance d from another is close to it when d is at most 2
 * and under half its length: "deventr" is close to "deventer", "m" is not
 * close to "n". */
static gboolean
is_close(const char *word, size_t d)
{
  return d <= 2 && 2 * d < strlen(word);
}

/* The closest of 'names' to 'word', or NULL when none is close. */
static const char *
closest(const char *word, const char *const *names, size_t n)
{
  const char *best = NULL;
  size_t best_d = 3;
  for (size_t i = 0; i < n; i++) {
    size_t d = edit_distance(word, names[i], 2);
    if (d < best_d && is_close(word, d)) {
      best_d = d;
      best = names[i];
    }
  }
  return best;
}

static void
append_suggestion(GString *s, const char *suggestion)
{
  if (suggestion != NULL)
    g_string_append_printf(s, " (did you mean '%s'?)", suggestion);
}

/* "unknown WHAT 'value' (did you mean ...?); expected one of: a, b, c". */
static char *
describe_unknown(const char *what, const char *value, const char *const *names, size_t n)
{
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "unknown %s '%s'", what, value);
  append_suggestion(s, closest(value, names, n));
  g_string_append(s, "; expected one of: ");
  for (size_t k = 0; k < n; k++)
    g_string_append_printf(s, "%s%s", k ? ", " : "", names[k]);
  return g_string_free(s, FALSE);
}

static char *
describe_unknown_kind(const char *what, const char *value, KbTable table)
{
  const char *names[(int) KB_REL_KIND_COUNT + (int) KB_NODE_KIND_COUNT];
  size_t n = table == KB_TABLE_NODES ? KB_NODE_KIND_COUNT : KB_REL_KIND_COUNT;
  for (size_t k = 0; k < n; k++)
    names[k] = table == KB_TABLE_NODES ? kb_node_kind_name(k) : kb_rel_kind_name(k);
  return describe_unknown(what, value, names, n);
}

/* Parses a kind written in any case. */
static gboolean
parse_kind(KbTable table, Text t, int *out)
{
  int n = table == KB_TABLE_NODES ? KB_NODE_KIND_COUNT : KB_REL_KIND_COUNT;
  for (int k = 0; k < n; k++) {
    const char *name = table == KB_TABLE_NODES ? kb_node_kind_name(k) : kb_rel_kind_name(k);
    if (g_ascii_tolower(t.s[0]) == name[0] && strlen(name) == t.len
        && g_ascii_strncasecmp(t.s, name, t.len) == 0) {
      *out = k;
      return TRUE;
    }
  }
  return FALSE;
}

/* A finite number; a decimal comma is accepted as Dutch Excel writes it
 * ("0,5"). */
static gboolean
parse_number(const char *text, double *out)
{
  g_autofree char *t = g_strdup(text);
  if (strchr(t, '.') == NULL) {
    char *comma = strchr(t, ',');
    if (comma != NULL && strchr(comma + 1, ',') == NULL)
      *comma = '.';
  }
  char *end = NULL;
  double v = g_ascii_strtod(t, &end);
  if (end == t || *end != '\0' || !isfinite(v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_weight(const char *text, double *out)
{
  double v;
  if (!parse_number(text, &v) || v <= 0)
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
kb_hours_parse(const char *text, double *out)
{
  g_return_val_if_fail(text != NULL && out != NULL, FALSE);
  double v;
  if (!parse_number(text, &v) || v < 0)
    return FALSE;
  *out = v + 0.0;     /* -0 reads as 0 */
  return TRUE;
}

/* The tags of "a | b||c": a, b and c, in the dataset's arena. */
static char **
split_tags(KbBuilder *b, Text t)
{
  size_t n = 0;
  for (size_t i = 0; i < t.len; i++)
    n += t.s[i] == '|';
  char **tags = NULL;
  size_t k = 0;
  for (size_t start = 0; t.s != NULL && start <= t.len;) {
    size_t end = start;
    while (end < t.len && t.s[end] != '|')
      end++;
    size_t from = start, to = end;
    while (from < to && g_ascii_isspace(t.s[from]))
      from++;
    while (to > from && g_ascii_isspace(t.s[to - 1]))
      to--;
    if (to > from) {
      if (tags == NULL)
        tags = kb_i_arena_alloc(&b->ds->strings, (n + 2) * sizeof *tags, G_ALIGNOF(char *));
      tags[k++] = kb_i_arena_strndup(&b->ds->strings, t.s + from, to - from);
    }
    start = end + 1;
  }
  if (tags == NULL) {
    if (b->no_tags == NULL) {
      b->no_tags = kb_i_arena_alloc(&b->ds->strings, sizeof *b->no_tags, G_ALIGNOF(char *));
      b->no_tags[0] = NULL;
    }
    return b->no_tags;
  }
  tags[k] = NULL;
  return tags;
}

/* The cells of 'row' that the model does not interpret, as attributes in
 * the dataset's arena; NULL when there are none. */
static KbAttr *
collect_attrs(KbBuilder *b, const Layout *lay, const KbRow *row, size_t *n_out)
{
  size_t n = 0;
  for (size_t i = 0; i < row->n_cells; i++) {
    const KbCell *c = &row->cells[i];
    if (lay->known[i])
      continue;
    if (c->name[0] == '\0') {
      if (c->value[0] != '\0')
        kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, row->file, c->line, c->column, NULL,
                         "value '%s' stands in a column without a name; it is ignored",
                         c->value);
      continue;
    }
    n++;
  }
  *n_out = n;
  if (n == 0)
    return NULL;
  KbAttr *attrs = kb_i_arena_alloc(&b->ds->strings, n * sizeof *attrs, G_ALIGNOF(KbAttr));
  size_t k = 0;
  for (size_t i = 0; i < row->n_cells; i++) {
    if (lay->keys[i] == NULL)
      continue;
    Text value = { row->cells[i].value, strlen(row->cells[i].value) };   /* untrimmed */
    attrs[k].key = (char *) lay->keys[i];
    attrs[k].value = keep_text(b, row, &row->cells[i], value, &lay->values[i]);
    k++;
  }
  return attrs;
}

/* The report reads a city's `inwoners` as a whole number of inhabitants:
 * anything else is said at its cell, since the report would count the
 * city as without a figure. */
static void
check_inhabitants(KbBuilder *b, const Layout *lay, const KbRow *row)
{
  for (size_t i = 0; i < row->n_cells; i++) {
    const KbCell *c = &row->cells[i];
    if (lay->known[i] || strcmp(c->name, "inwoners") != 0 || c->value[0] == '\0')
      continue;
    guint64 v;
    if (!g_ascii_string_to_unsigned(c->value, 10, 0, G_MAXUINT64, &v, NULL))
      kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, row->file, c->line, c->column, c->name,
                       "'%s' is not a whole number of inhabitants; expected digits only, as "
                       "28901; the report counts this city as without a figure", c->value);
  }
}

/* 'attrs' (n of them, in the dataset's arena) and after them an attribute
 * "role" of 'value', copied into the arena; *n counts it. */
static KbAttr *
attrs_add_role(KbBuilder *b, KbAttr *attrs, size_t *n, const char *value)
{
  KbAttr *more = kb_i_arena_alloc(&b->ds->strings, (*n + 1) * sizeof *more, G_ALIGNOF(KbAttr));
  if (*n > 0)
    memcpy(more, attrs, *n * sizeof *more);
  if (b->role_key == NULL)
    b->role_key = kb_i_arena_strdup(&b->ds->strings, "role");
  more[*n].key = (char *) b->role_key;
  more[*n].value = kb_i_arena_strdup(&b->ds->strings, value);
  ++*n;
  return more;
}

/* --------------------------------------------------------------- header */

gboolean
kb_builder_check_header(KbBuilder *b, KbTable table, const KbRow *header)
{
  g_return_val_if_fail(b != NULL && header != NULL && !b->finished, FALSE);
  gboolean ok = TRUE;
  /* each name once: a hash of the names seen, as a header may be very wide */
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; i < header->n_cells; i++) {
    const KbCell *c = &header->cells[i];
    if (c->name[0] == '\0')
      continue;
    const KbCell *first = g_hash_table_lookup(seen, c->name);
    if (first == NULL) {
      g_hash_table_insert(seen, (gpointer) c->name, (gpointer) c);
      continue;
    }
    kb_diag_list_add_cause(b->diags, header->file, c->line, c->column, NULL,
                           "column '%s' appears twice (first in column %u); each column name "
                           "may appear once", c->name, first->column);
    ok = FALSE;
  }
  for (const Column *col = table_columns(table); col->name != NULL; col++) {
    if (!col->required || g_hash_table_contains(seen, col->name))
      continue;
    GString *have = g_string_new(NULL);
    size_t shown = MIN(header->n_cells, (size_t) 20);
    for (size_t i = 0; i < shown; i++)
      g_string_append_printf(have, "%s%s", i ? ", " : "", header->cells[i].name);
    if (shown < header->n_cells)
      g_string_append_printf(have, " and %zu more", header->n_cells - shown);
    kb_diag_list_add_cause(b->diags, header->file, header->line, 0, NULL,
                           "missing required column '%s'; the header has: %s", col->name,
                           have->len ? have->str : "(nothing)");
    g_string_free(have, TRUE);
    ok = FALSE;
  }
  g_hash_table_unref(seen);
  return ok;
}

/* ---------------------------------------------------------------- nodes */

/* Where the row says nothing for a required field, the error points at the
 * row's start. */
static void
missing_field(KbBuilder *b, const KbRow *row, const char *name, const char *what)
{
  const KbCell *c = row_cell(row, name);
  kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, row->file, c ? c->line : row->line,
                   c ? c->column : 0, name, "%s; %s", c ? "empty" : "missing", what);
}

/* A sector's role: the one its role cell names ('text', NULL when blank),
 * else the one its id names. A role that is neither is an error; a sector
 * with no role at all is warned about, as the maps then give it a spare
 * colour. */
static void
check_role(KbBuilder *b, const KbRow *row, const KbCell *id_cell, const KbCell *role_cell,
           const char *id, const char *text, KbSectorRole *out)
{
  if (text != NULL) {
    if (kb_sector_role_parse(text, out))
      return;
    const char *names[KB_SECTOR_ROLE_COUNT - 1];
    for (int r = KB_SECTOR_ROLE_NONE + 1; r < KB_SECTOR_ROLE_COUNT; r++)
      names[r - 1] = kb_sector_role_name(r);
    g_autofree char *msg = describe_unknown("role", text, names, G_N_ELEMENTS(names));
    ERROR(b, row->file, role_cell, "%s (or the Dutch onderwijs, bedrijfsleven, cultuur, "
          "maatschappelijk, overheid)", msg);
    return;
  }
  KbSectorRole by_id;
  if (kb_sector_role_parse(id, &by_id))
    return;
  const KbCell *at = role_cell != NULL ? role_cell : id_cell;
  kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, row->file, at->line, at->column, "role",
                   "sector '%s' has no role, so the maps give it a spare colour that may be "
                   "another sector's; name its role in a role column: education, business, "
                   "culture, ngo, government or sport", id);
}

/* The node whose id is the text, or KB_NO_NODE. */
static size_t
find_text(KbBuilder *b, int slot, Text t)
{
  return kb_dataset_find(b->ds, text_z(b, slot, t));
}

static void
add_node_row(KbBuilder *b, const KbRow *row)
{
  const Layout *lay = layout_of(b, KB_TABLE_NODES, row);
  const KbCell *id_cell = layout_cell(lay, row, NODE_ID);
  const KbCell *kind_cell = layout_cell(lay, row, NODE_KIND);
  Text id_text = cell_text(id_cell);
  Text kind_text = cell_text(kind_cell);
  const char *id = text_z(b, 0, id_text);
  gboolean ok = TRUE;

  if (id == NULL) {
    missing_field(b, row, "id", "every node needs an id");
    ok = FALSE;
  } else if (has_control_chars(id_text)) {
    ERROR(b, row->file, id_cell, "id contains a control character; expected plain text");
    ok = FALSE;
  } else {
    size_t prev = kb_dataset_find(b->ds, id);
    if (prev != KB_NO_NODE) {
      const NodeNote *pn = &g_array_index(b->notes, NodeNote, prev);
      const char *pfile = g_array_index(b->ds->nodes, KbNode, prev).origin.file;
      if (strcmp(pfile, row->file) == 0)
        ERROR(b, row->file, id_cell, "duplicate id '%s'; first defined at line %u", id, pn->line);
      else
        ERROR(b, row->file, id_cell, "duplicate id '%s'; first defined at %s:%u", id,
              pfile, pn->line);
      ok = FALSE;
    }
  }

  int kind = 0;
  if (kind_text.s == NULL) {
    missing_field(b, row, "kind", "expected a node kind");
    ok = FALSE;
  } else if (!parse_kind(KB_TABLE_NODES, kind_text, &kind)) {
    g_autofree char *msg = describe_unknown_kind("node kind", text_z(b, 1, kind_text),
                                                 KB_TABLE_NODES);
    ERROR(b, row->file, kind_cell, "%s%s", msg, b->kind_hint ? b->kind_hint : "");
    ok = FALSE;
  }

  const KbCell *sector_cell = layout_cell(lay, row, NODE_SECTOR);
  const KbCell *country_cell = layout_cell(lay, row, NODE_COUNTRY);
  Text sector = cell_text(sector_cell);
  Text country = cell_text(country_cell);
  if (!ok) {
    /* Relations that name this id are not reported again: the cause is. */
    if (id != NULL && kb_dataset_find(b->ds, id) == KB_NO_NODE)
      g_hash_table_add(b->rejected, g_strdup(id));
    return;
  }
  if (kind != KB_NODE_ORGANISATION && sector.s != NULL) {
    kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, row->file, sector_cell->line,
                     sector_cell->column, "sector",
                     "only organisations have a sector; ignored for %s '%s'",
                     kb_node_kind_name(kind), id);
    sector.s = NULL;
  }
  if (kind != KB_NODE_CITY && country.s != NULL) {
    kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, row->file, country_cell->line,
                     country_cell->column, "country",
                     "only cities have a country column (use a located_in relation); "
                     "ignored for %s '%s'", kb_node_kind_name(kind), id);
    country.s = NULL;
  }
  const KbCell *role_cell = layout_cell(lay, row, NODE_ROLE);
  Text role_text = cell_text(role_cell);
  KbSectorRole role = KB_SECTOR_ROLE_NONE;
  if (kind == KB_NODE_SECTOR)
    check_role(b, row, id_cell, role_cell, id, text_z(b, 1, role_text), &role);

  Recent *recent = b->recent[KB_TABLE_NODES];
  KbNode node = { 0 };
  node.id = store(b, id_text);
  node.kind = kind;
  node.label = keep_column(b, lay, row, NODE_LABEL, NULL);
  if (node.label == NULL)
    node.label = node.id;
  node.description = keep_column(b, lay, row, NODE_DESCRIPTION, &recent[NODE_DESCRIPTION]);
  node.website = keep_column(b, lay, row, NODE_WEBSITE, &recent[NODE_WEBSITE]);
  node.source = keep_column(b, lay, row, NODE_SOURCE, &recent[NODE_SOURCE]);
  const KbCell *tags_cell = layout_cell(lay, row, NODE_TAGS);
  Text tags = cell_text(tags_cell);
  size_t tags_control = find_control_char(tags, TRUE);
  if (tags_control < tags.len)
    warn_control_char(b, row, tags_cell, "tags", tags, tags_control);
  node.tags = split_tags(b, tags);
  /* the sector's node when one has its id already; checked in finish() */
  node.sector = sector.s != NULL ? find_text(b, 2, sector) : KB_NO_NODE;
  node.role = role;
  node.attrs = collect_attrs(b, lay, row, &node.n_attrs);
  if (kind == KB_NODE_CITY)
    check_inhabitants(b, lay, row);
  /* on any other node, a role is an attribute as an unknown column is */
  if (kind != KB_NODE_SECTOR && role_text.s != NULL)
    node.attrs = attrs_add_role(b, node.attrs, &node.n_attrs, role_cell->value);
  node.origin.file = kb_i_dataset_intern_file(b->ds, row->file);
  node.origin.line = row->line;
  size_t index = kb_i_dataset_append_node(b->ds, &node);
  guint8 kind_byte = (guint8) kind;
  g_byte_array_append(b->kinds, &kind_byte, 1);

  NodeNote note = { 0 };
  note.line = id_cell->line;
  note.column = id_cell->column;
  /* an organisation without a sector is judged in finish(), once it is
   * known whether the dataset defines sectors */
  note.sector = sector.s != NULL ? SECTOR_GIVEN
                : sector_cell != NULL ? SECTOR_EMPTY : SECTOR_MISSING;
  note.sector_line = sector_cell != NULL ? sector_cell->line : row->line;
  note.sector_column = sector_cell != NULL ? sector_cell->column : 0;
  if (sector.s != NULL) {
    if (node.sector == KB_NO_NODE) {
      LateRef late = { index, g_string_chunk_insert_len(b->texts, sector.s, (gssize) sector.len) };
      g_array_append_val(b->late_sectors, late);
    }
  }
  g_array_append_val(b->notes, note);
  if (country.s != NULL) {
    CountryNote cn = { index, find_text(b, 3, country), NULL, country_cell->line,
                       country_cell->column };
    if (cn.country == KB_NO_NODE)
      cn.id = g_string_chunk_insert_len(b->texts, country.s, (gssize) country.len);
    g_array_append_val(b->countries, cn);
  }
}

/* ------------------------------------------------------------ relations */

/* Notes where the cells of the relation being added were. */
static void
note_relation_cells(KbBuilder *b, unsigned row_line, const RelationCells *c)
{
  unsigned lines[3] = { c->from_line, c->to_line, c->kind_line };
  unsigned columns[3] = { c->from_column, c->to_column, c->kind_column };
  gboolean near = TRUE;
  for (int k = 0; k < 3; k++)
    near &= lines[k] >= row_line && lines[k] - row_line <= G_MAXUINT8
            && columns[k] <= G_MAXUINT16;
  RelationNote note = { 0 };
  if (near) {
    note = (RelationNote) { (guint16) columns[0], (guint16) columns[1], (guint16) columns[2],
                            (guint8) (lines[0] - row_line), (guint8) (lines[1] - row_line),
                            (guint8) (lines[2] - row_line), FALSE };
  } else {
    note.far = TRUE;
    FarCells far = { b->relation_notes->len, *c };
    g_array_append_val(b->far_cells, far);
  }
  g_array_append_val(b->relation_notes, note);
}

/* The cells of relation i, whose row started on 'row_line'; *far is the
 * next of 'far_cells' to look at, as relations are gone through in order. */
static RelationCells
relation_cells(KbBuilder *b, size_t i, unsigned row_line, guint *far)
{
  const RelationNote *n = &g_array_index(b->relation_notes, RelationNote, i);
  if (n->far)
    return g_array_index(b->far_cells, FarCells, (*far)++).cells;
  return (RelationCells) { row_line + n->from_line, n->from_column, row_line + n->to_line,
                           n->to_column, row_line + n->kind_line, n->kind_column };
}

/* The node named by a relation's 'from': the last one's again when the text
 * is the same, as when a file lists an organisation's relations together. */
static size_t
find_from(KbBuilder *b, Text from)
{
  if (b->last_from_node != KB_NO_NODE && text_equal(from, b->last_from->str, b->last_from->len))
    return b->last_from_node;
  size_t i = find_text(b, 0, from);
  if (i != KB_NO_NODE) {
    g_string_truncate(b->last_from, 0);
    g_string_append_len(b->last_from, from.s, (gssize) from.len);
    b->last_from_node = i;
  }
  return i;
}

static void
add_relation_row(KbBuilder *b, const KbRow *row)
{
  const Layout *lay = layout_of(b, KB_TABLE_RELATIONS, row);
  const KbCell *from_cell = layout_cell(lay, row, REL_FROM);
  const KbCell *to_cell = layout_cell(lay, row, REL_TO);
  const KbCell *kind_cell = layout_cell(lay, row, REL_KIND);
  Text from = cell_text(from_cell);
  Text to = cell_text(to_cell);
  Text kind_text = cell_text(kind_cell);
  gboolean ok = TRUE;

  if (from.s == NULL) {
    missing_field(b, row, "from", "expected the id of the node the relation starts at");
    ok = FALSE;
  }
  if (to.s == NULL) {
    missing_field(b, row, "to", "expected the id of the node the relation points to");
    ok = FALSE;
  }
  int kind = 0;
  if (kind_text.s == NULL) {
    missing_field(b, row, "kind", "expected a relation kind");
    ok = FALSE;
  } else if (!parse_kind(KB_TABLE_RELATIONS, kind_text, &kind)) {
    g_autofree char *msg = describe_unknown_kind("relation kind", text_z(b, 1, kind_text),
                                                 KB_TABLE_RELATIONS);
    ERROR(b, row->file, kind_cell, "%s%s", msg, b->kind_hint ? b->kind_hint : "");
    ok = FALSE;
  }

  int years[2] = { KB_NO_YEAR, KB_NO_YEAR };
  KbDateQualifier quals[2] = { KB_DATE_EXACT, KB_DATE_EXACT };
  static const int year_columns[2] = { REL_SINCE, REL_UNTIL };
  for (int i = 0; i < 2; i++) {
    const KbCell *c = layout_cell(lay, row, year_columns[i]);
    const char *t = text_z(b, 1, cell_text(c));
    if (t != NULL && !kb_date_parse(t, &years[i], &quals[i])) {
      ERROR(b, row->file, c, "'%s' is not a year; expected four digits between %d and %d "
            "(2015), with ~ when approximate (2015~), ? when uncertain (2015?) or %% for both "
            "(2015%%), or [..2015] for 2015 or earlier, [2015..] for 2015 or later", t,
            KB_YEAR_MIN, KB_YEAR_MAX);
      ok = FALSE;
    }
  }
  /* until before since cannot be, unless one of them is a bound only */
  if (years[0] != KB_NO_YEAR && years[1] != KB_NO_YEAR && years[1] < years[0]
      && quals[0] != KB_DATE_OR_EARLIER && quals[1] != KB_DATE_OR_LATER) {
    g_autofree char *since_text = kb_date_format(years[0], quals[0]);
    g_autofree char *until_text = kb_date_format(years[1], quals[1]);
    ERROR(b, row->file, layout_cell(lay, row, REL_UNTIL),
          "until %s is before since %s; expected a year no earlier than since",
          until_text, since_text);
    ok = FALSE;
  }

  KbRelStatus status = KB_STATUS_ACTIVE;
  const KbCell *status_cell = layout_cell(lay, row, REL_STATUS);
  const char *status_text = text_z(b, 1, cell_text(status_cell));
  if (status_text != NULL && !kb_rel_status_parse(status_text, &status)) {
    static const char *const statuses[] = { "active", "planned", "ended" };
    g_autoptr(GString) what = g_string_new(NULL);
    g_string_append_printf(what, "unknown status '%s'", status_text);
    append_suggestion(what, closest(status_text, statuses, G_N_ELEMENTS(statuses)));
    ERROR(b, row->file, status_cell, "%s; expected active (it exists; the default), planned "
          "(an ambition or a plan) or ended", what->str);
    ok = FALSE;
  }

  double weight = 1.0;
  const KbCell *weight_cell = layout_cell(lay, row, REL_WEIGHT);
  const char *weight_text = text_z(b, 1, cell_text(weight_cell));
  if (weight_text != NULL && !parse_weight(weight_text, &weight)) {
    ERROR(b, row->file, weight_cell, "'%s' is not a positive number; expected a tie "
          "strength such as 1 or 0.5", weight_text);
    ok = FALSE;
  }

  if (ok && text_equal(from, to.s, to.len)) {
    ERROR(b, row->file, to_cell, "the relation joins '%s' to itself; expected two "
          "different nodes", text_z(b, 0, from));
    ok = FALSE;
  }
  if (!ok)
    return;

  Recent *recent = b->recent[KB_TABLE_RELATIONS];
  KbRelation rel = { 0 };
  rel.kind = kind;
  rel.since = years[0];
  rel.until = years[1];
  rel.since_q = years[0] != KB_NO_YEAR ? quals[0] : KB_DATE_EXACT;
  rel.until_q = years[1] != KB_NO_YEAR ? quals[1] : KB_DATE_EXACT;
  rel.status = status;
  rel.weight = weight;
  rel.label = keep_column(b, lay, row, REL_LABEL, &recent[REL_LABEL]);
  rel.source = keep_column(b, lay, row, REL_SOURCE, &recent[REL_SOURCE]);
  rel.note = keep_column(b, lay, row, REL_NOTE, &recent[REL_NOTE]);
  rel.attrs = collect_attrs(b, lay, row, &rel.n_attrs);
  rel.origin.file = kb_i_dataset_intern_file(b->ds, row->file);
  rel.origin.line = row->line;
  /* the ends' nodes when they have their ids already; checked in finish() */
  rel.from = find_from(b, from);
  rel.to = find_text(b, 1, to);
  if (rel.from == KB_NO_NODE || rel.to == KB_NO_NODE) {
    LateEnds late = { b->ds->relations->len, NULL, NULL };
    if (rel.from == KB_NO_NODE)
      late.from = g_string_chunk_insert_len(b->texts, from.s, (gssize) from.len);
    if (rel.to == KB_NO_NODE)
      late.to = g_string_chunk_insert_len(b->texts, to.s, (gssize) to.len);
    g_array_append_val(b->late_ends, late);
  }
  kb_i_dataset_append_relation(b->ds, &rel);
  RelationCells cells = { from_cell->line, from_cell->column, to_cell->line, to_cell->column,
                          kind_cell->line, kind_cell->column };
  note_relation_cells(b, row->line, &cells);
}

/* ------------------------------------------------- metadata, questions */

static void
add_meta_row(KbBuilder *b, const KbRow *row)
{
  const KbCell *key_cell = row_cell(row, "key");
  const KbCell *value_cell = row_cell(row, "value");
  g_autofree char *key = cell_copy(key_cell);
  if (key == NULL) {
    missing_field(b, row, "key", "expected one of: title, home, hub, themes, policy_start, "
                  "year, language, capacity, capacity_used, out_of_scope");
    return;
  }
  g_autofree char *lower = g_ascii_strdown(key, -1);
  gpointer first = g_hash_table_lookup(b->meta_keys, lower);
  if (first != NULL) {
    const PendingMeta *m = &g_array_index(b->meta, PendingMeta, GPOINTER_TO_UINT(first) - 1);
    ERROR(b, row->file, key_cell, "key '%s' is given twice (first at line %u); each key may "
          "appear once", key, m->line);
    return;
  }
  static const char *const meta_texts[] = { "value", "source", NULL };
  warn_control_columns(b, row, meta_texts, lower);
  PendingMeta m = { 0 };
  m.key = g_steal_pointer(&lower);
  g_hash_table_insert(b->meta_keys, m.key, GUINT_TO_POINTER(b->meta->len + 1));
  m.value = cell_copy(value_cell);
  m.source = cell_copy(row_cell(row, "source"));
  m.file = kb_i_dataset_intern_file(b->ds, row->file);
  m.line = row->line;
  m.value_line = value_cell ? value_cell->line : row->line;
  m.value_column = value_cell ? value_cell->column : 0;
  g_array_append_val(b->meta, m);
}

static const char *const question_kinds[KB_QUESTION_KIND_COUNT] = {
  "bridge", "synergy", "overview", "theme", "rank", "centrality"
};

static void
add_question_row(KbBuilder *b, const KbRow *row)
{
  const KbCell *id_cell = row_cell(row, "id");
  const KbCell *kind_cell = row_cell(row, "kind");
  g_autofree char *id = cell_copy(id_cell);
  g_autofree char *kind_text = cell_copy(kind_cell);
  g_autofree char *text = cell_copy(row_cell(row, "question"));
  gboolean ok = TRUE;
  if (id == NULL) {
    missing_field(b, row, "id", "every question needs an id");
    ok = FALSE;
  } else {
    gpointer first = g_hash_table_lookup(b->question_ids, id);
    if (first != NULL) {
      const PendingQuestion *pq = &g_array_index(b->questions, PendingQuestion,
                                                 GPOINTER_TO_UINT(first) - 1);
      ERROR(b, row->file, id_cell, "duplicate question id '%s'; first defined at line %u",
            id, pq->q.origin.line);
      ok = FALSE;
    }
  }
  int kind = -1;
  if (kind_text == NULL) {
    missing_field(b, row, "kind", "expected a question kind");
    ok = FALSE;
  } else {
    g_autofree char *lower = g_ascii_strdown(kind_text, -1);
    for (int k = 0; k < KB_QUESTION_KIND_COUNT; k++)
      if (strcmp(lower, question_kinds[k]) == 0)
        kind = k;
    if (kind < 0) {
      g_autofree char *msg = describe_unknown("question kind", kind_text, question_kinds,
                                              KB_QUESTION_KIND_COUNT);
      ERROR(b, row->file, kind_cell, "%s", msg);
      ok = FALSE;
    }
  }
  if (text == NULL) {
    missing_field(b, row, "question", "expected the question in words");
    ok = FALSE;
  }
  if (!ok)
    return;
  static const char *const question_texts[] = { "question", "source", NULL };
  warn_control_columns(b, row, question_texts, NULL);
  PendingQuestion pq = { 0 };
  pq.q.id = g_steal_pointer(&id);
  pq.q.kind = kind;
  pq.q.text = g_steal_pointer(&text);
  pq.q.source = cell_copy(row_cell(row, "source"));
  pq.q.origin.file = kb_i_dataset_intern_file(b->ds, row->file);
  pq.q.origin.line = row->line;
  const KbCell *from_cell = row_cell(row, "from");
  const KbCell *to_cell = row_cell(row, "to");
  pq.from = cell_copy(from_cell);
  pq.to = cell_copy(to_cell);
  if (pq.from != NULL) {
    pq.from_line = from_cell->line;
    pq.from_column = from_cell->column;
  }
  if (pq.to != NULL) {
    pq.to_line = to_cell->line;
    pq.to_column = to_cell->column;
  }
  g_hash_table_insert(b->question_ids, pq.q.id, GUINT_TO_POINTER(b->questions->len + 1));
  g_array_append_val(b->questions, pq);
}

/* TRUE when 'row' is one node or relation more than the limits allow; the
 * first such row is reported. */
static gboolean
passes_limit(KbBuilder *b, KbTable table, const KbRow *row)
{
  if (b->over_limit)
    return TRUE;
  gboolean nodes = table == KB_TABLE_NODES;
  if (!nodes && table != KB_TABLE_RELATIONS)
    return FALSE;
  size_t have = nodes ? b->ds->nodes->len : b->ds->relations->len;
  size_t most = nodes ? b->limits.max_nodes : b->limits.max_relations;
  if (have < most)
    return FALSE;
  const char *what = nodes ? "nodes" : "relations";
  kb_diag_list_add_cause(b->diags, row->file, row->line, 0, NULL,
                         "more %s than the limit of %zu; expected at most %zu %.*s (raise "
                         "the limit with --max-%s N)", what, most, most,
                         (int) strlen(what) - (most == 1), what, what);
  b->over_limit = TRUE;
  return TRUE;
}

void
kb_builder_add_rejected_row(KbBuilder *b, KbTable table, const KbRow *row)
{
  g_return_if_fail(b != NULL && row != NULL && !b->finished);
  if (table != KB_TABLE_NODES)
    return;
  const char *id = text_z(b, 0, cell_text(row_cell(row, "id")));
  if (id != NULL && kb_dataset_find(b->ds, id) == KB_NO_NODE)
    g_hash_table_add(b->rejected, g_strdup(id));
}

void
kb_builder_add_row(KbBuilder *b, KbTable table, const KbRow *row)
{
  g_return_if_fail(b != NULL && row != NULL && !b->finished);
  if (passes_limit(b, table, row))
    return;
  switch (table) {
  case KB_TABLE_NODES: add_node_row(b, row); break;
  case KB_TABLE_RELATIONS: add_relation_row(b, row); break;
  case KB_TABLE_META: add_meta_row(b, row); break;
  case KB_TABLE_QUESTIONS: add_question_row(b, row); break;
  }
}

/* --------------------------------------------------------------- finish */

/* Reports an id that names no node, with the closest existing id. */
static void
unknown_node(KbBuilder *b, const char *file, unsigned line, unsigned column,
             const char *field, const char *id, const char *expected)
{
  const char *suggestion = NULL;
  if (b->suggestions < MAX_SUGGESTIONS) {
    b->suggestions++;
    size_t best_d = 3;
    for (guint i = 0; i < b->ds->nodes->len && best_d > 0; i++) {
      const char *cand = g_array_index(b->ds->nodes, KbNode, i).id;
      /* only one closer than the best so far can take its place */
      size_t d = edit_distance(id, cand, best_d - 1);
      if (d < best_d && is_close(id, d)) {
        best_d = d;
        suggestion = cand;
      }
    }
  }
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "unknown node '%s'", id);
  append_suggestion(s, suggestion);
  g_string_append_printf(s, "; expected %s", expected);
  kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, file, line, column, field, "%s", s->str);
  g_string_free(s, TRUE);
}

/* TRUE when 'id', which names no node, may be the id of a row that was
 * rejected or that stood in a nodes file that could not be read: a
 * reference to it fails only because of that error, and is counted as its
 * consequence (kb_diag_list_add_consequence()) rather than reported. */
static gboolean
was_rejected(const KbBuilder *b, const char *id)
{
  return b->unread[KB_TABLE_NODES] || (id != NULL && g_hash_table_contains(b->rejected, id));
}

/* "a" or "an", for a kind's name. */
static const char *
article(KbNodeKind kind)
{
  return strchr("aeiou", kb_node_kind_name(kind)[0]) ? "an" : "a";
}

/* Node i, the node found for 'id' (KB_NO_NODE when none has that id), which
 * must be of kind 'want'; KB_NO_NODE after reporting why not. */
static size_t
check_node_of_kind(KbBuilder *b, const char *file, unsigned line, unsigned column,
                   const char *field, const char *id, size_t i, KbNodeKind want)
{
  if (i == KB_NO_NODE && was_rejected(b, id)) {
    kb_diag_list_add_consequence(b->diags);
    return KB_NO_NODE;
  }
  g_autofree char *expected = g_strdup_printf("the id of %s %s node", article(want),
                                              kb_node_kind_name(want));
  if (i == KB_NO_NODE) {
    unknown_node(b, file, line, column, field, id, expected);
    return KB_NO_NODE;
  }
  KbNodeKind k = g_array_index(b->ds->nodes, KbNode, i).kind;
  if (k != want) {
    kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, file, line, column, field,
                     "'%s' is %s %s, not %s %s; expected %s", id, article(k),
                     kb_node_kind_name(k), article(want), kb_node_kind_name(want), expected);
    return KB_NO_NODE;
  }
  return i;
}

/* The node 'id' names, which must be of kind 'want'; KB_NO_NODE after
 * reporting why not. */
static size_t
resolve_node_of_kind(KbBuilder *b, const char *file, unsigned line, unsigned column,
                     const char *field, const char *id, KbNodeKind want)
{
  return check_node_of_kind(b, file, line, column, field, id, kb_dataset_find(b->ds, id),
                            want);
}

/* Each organisation's sector, found when its row was added or now. */
static void
resolve_sectors(KbBuilder *b)
{
  guint late = 0;
  for (guint i = 0; i < b->notes->len; i++) {
    const NodeNote *note = &g_array_index(b->notes, NodeNote, i);
    if (note->sector != SECTOR_GIVEN)
      continue;
    KbNode *node = &g_array_index(b->ds->nodes, KbNode, i);
    const char *id;
    size_t found = node->sector;
    if (late < b->late_sectors->len && g_array_index(b->late_sectors, LateRef, late).node == i) {
      id = g_array_index(b->late_sectors, LateRef, late++).id;
      found = kb_dataset_find(b->ds, id);
    } else {
      id = g_array_index(b->ds->nodes, KbNode, found).id;
    }
    node->sector = check_node_of_kind(b, node->origin.file, note->sector_line,
                                      note->sector_column, "sector", id, found,
                                      KB_NODE_SECTOR);
  }
}

/* The first node of that kind, or KB_NO_NODE. */
static size_t
first_of_kind(const KbBuilder *b, KbNodeKind kind)
{
  const guint8 *k = b->kinds->len > 0 ? memchr(b->kinds->data, kind, b->kinds->len) : NULL;
  return k != NULL ? (size_t) (k - b->kinds->data) : KB_NO_NODE;
}

/* Where the dataset defines sectors, each organisation needs one (unless
 * kb_builder_set_sector_required() said otherwise); a dataset without a
 * sector node is a plain graph, whose organisations need none. */
static void
check_sectorless(KbBuilder *b)
{
  if (!b->sector_required || first_of_kind(b, KB_NODE_SECTOR) == KB_NO_NODE)
    return;
  for (guint i = 0; i < b->notes->len; i++) {
    const NodeNote *note = &g_array_index(b->notes, NodeNote, i);
    if (b->kinds->data[i] != KB_NODE_ORGANISATION || note->sector == SECTOR_GIVEN)
      continue;
    kb_diag_list_add(b->diags, KB_SEVERITY_ERROR,
                     g_array_index(b->ds->nodes, KbNode, i).origin.file, note->sector_line,
                     note->sector_column, "sector", "%s; every organisation needs a sector: "
                     "the id of a sector node", note->sector == SECTOR_EMPTY ? "empty" : "missing");
  }
}

/* A set of relations, those of ds->relations with the same ends (in either
 * order for a symmetric kind), kind and years counting as one. Open
 * addressing, at most two thirds full, over relation indices; a slot holds half
 * of the relation's hash beside its index, so that a slot of another
 * relation is passed over without reading that relation. A dataset holds
 * fewer than 2^32 relations (each takes about 100 bytes). */
typedef struct {
  const KbDataset *ds;
  guint64 *slots;            /* hash >> 32 << 32 | index + 1; 0 for a free slot */
  size_t cap;
} RelationSet;

/* What makes two relations the same: ends, kind, years with their
 * qualifiers, and status ('kind' holds the last four, a byte each). */
typedef struct {
  size_t a, z;
  int kind, since, until;
} RelationKey;

static RelationKey
relation_key(const KbRelation *r)
{
  gboolean swap = kb_rel_kind_is_symmetric(r->kind) && r->from > r->to;
  int kind = (int) r->kind | r->since_q << 8 | r->until_q << 16 | r->status << 24;
  return (RelationKey) { swap ? r->to : r->from, swap ? r->from : r->to, kind, r->since,
                         r->until };
}

static guint64
relation_key_hash(const RelationKey *k)
{
  guint64 h = (guint64) k->a * 0x9E3779B97F4A7C15u;
  h = (h ^ (guint64) k->z) * 0xC2B2AE3D27D4EB4Fu;
  h = (h ^ (guint64) (guint) k->kind) * 0x165667B19E3779F9u;
  h = (h ^ ((guint64) (guint) k->since << 32 | (guint) k->until)) * 0x9E3779B97F4A7C15u;
  return h ^ (h >> 29);
}

/* The first slot to look at for hash h: its low half scaled to the slots. */
static inline size_t
relation_set_start(const RelationSet *set, guint64 h)
{
  return (size_t) (((h & G_MAXUINT32) * (guint64) set->cap) >> 32);
}

static void
relation_set_init(RelationSet *set, const KbDataset *ds, size_t n)
{
  set->ds = ds;
  set->cap = n + n / 2 + 16;
  set->slots = g_new0(guint64, set->cap);
}

/* Asks the processor for the slot where relation r would go: the set is far
 * larger than the caches, and the relations are gone through in order. */
static inline void
relation_set_prefetch(const RelationSet *set, const KbRelation *r)
{
  if (r->from == KB_NO_NODE || r->to == KB_NO_NODE)
    return;
  RelationKey k = relation_key(r);
  __builtin_prefetch(&set->slots[relation_set_start(set, relation_key_hash(&k))]);
}

/* Adds relation i of the dataset, or returns the index of the one there
 * already that is the same; KB_NO_NODE when it was added. */
static size_t
relation_set_add(RelationSet *set, size_t i)
{
  const KbRelation *rels = (const KbRelation *) set->ds->relations->data;
  RelationKey k = relation_key(&rels[i]);
  guint64 h = relation_key_hash(&k);
  guint64 high = h & ~(guint64) G_MAXUINT32;
  for (size_t s = relation_set_start(set, h);; s = s + 1 == set->cap ? 0 : s + 1) {
    guint64 slot = set->slots[s];
    if (slot == 0) {
      set->slots[s] = high | (i + 1);
      return KB_NO_NODE;
    }
    if ((slot & ~(guint64) G_MAXUINT32) != high)
      continue;
    size_t j = (size_t) (slot & G_MAXUINT32) - 1;
    RelationKey o = relation_key(&rels[j]);
    if (o.a == k.a && o.z == k.z && o.kind == k.kind && o.since == k.since
        && o.until == k.until)
      return j;
  }
}

/* A relation's end as written: the text when it was not found when the
 * row was added, else the id of the node found (the same text). */
static const char *
end_id(KbBuilder *b, const char *text, size_t node)
{
  return text != NULL ? text : g_array_index(b->ds->nodes, KbNode, node).id;
}

/* How many relations ahead the set's slots are fetched. */
#define RELATION_PREFETCH 16

/* Resolves the ends of every relation and checks them; the relations that
 * cannot be used are dropped, the others keep their order. */
static void
resolve_relations(KbBuilder *b)
{
  KbRelation *rels = (KbRelation *) b->ds->relations->data;
  size_t m = b->ds->relations->len, kept = 0;
  g_return_if_fail(m < G_MAXUINT32);
  RelationSet seen;
  relation_set_init(&seen, b->ds, m);
  guint late = 0, far = 0;
  for (size_t i = 0; i < m; i++) {
    if (i + RELATION_PREFETCH < m)
      relation_set_prefetch(&seen, &rels[i + RELATION_PREFETCH]);
    KbRelation r = rels[i];
    RelationCells cells = relation_cells(b, i, r.origin.line, &far);
    const char *file = r.origin.file;
    const char *from_text = NULL, *to_text = NULL;   /* of ends not found then */
    if (late < b->late_ends->len && g_array_index(b->late_ends, LateEnds, late).relation == i) {
      const LateEnds *le = &g_array_index(b->late_ends, LateEnds, late++);
      if (le->from != NULL) {
        from_text = le->from;
        r.from = kb_dataset_find(b->ds, from_text);
      }
      if (le->to != NULL) {
        to_text = le->to;
        r.to = kb_dataset_find(b->ds, to_text);
      }
    }
    if ((r.from == KB_NO_NODE && was_rejected(b, from_text))
        || (r.to == KB_NO_NODE && was_rejected(b, to_text))) {
      kb_diag_list_add_consequence(b->diags);
      continue;
    }
    if (r.from == KB_NO_NODE)
      unknown_node(b, file, cells.from_line, cells.from_column, "from", from_text,
                   "the id of a node in the nodes table");
    if (r.to == KB_NO_NODE)
      unknown_node(b, file, cells.to_line, cells.to_column, "to", to_text,
                   "the id of a node in the nodes table");
    if (r.from == KB_NO_NODE || r.to == KB_NO_NODE)
      continue;
    KbNodeKind fk = b->kinds->data[r.from];
    KbNodeKind tk = b->kinds->data[r.to];
    if (!kb_rel_kind_allows(r.kind, fk, tk)) {
      g_autofree char *ends = kb_rel_kind_describe_ends(r.kind);
      kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, file, cells.kind_line, cells.kind_column,
                       "kind", "%s cannot join %s '%s' to %s '%s'; %s joins %s",
                       kb_rel_kind_name(r.kind), kb_node_kind_name(fk),
                       end_id(b, from_text, r.from), kb_node_kind_name(tk),
                       end_id(b, to_text, r.to), kb_rel_kind_name(r.kind), ends);
      continue;
    }
    rels[kept] = r;
    size_t first = relation_set_add(&seen, kept);
    if (first != KB_NO_NODE)
      kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, file, cells.from_line, cells.from_column,
                       NULL, "repeats the %s relation between '%s' and '%s' at line %u",
                       kb_rel_kind_name(r.kind), end_id(b, from_text, r.from),
                       end_id(b, to_text, r.to), rels[first].origin.line);
    kept++;
  }
  g_array_set_size(b->ds->relations, kept);
  g_free(seen.slots);
}

/* A city's country column is a located_in relation unless one is there. */
static void
resolve_countries(KbBuilder *b)
{
  size_t n = b->ds->nodes->len;
  guint nc = b->countries->len;
  /* each city's country, then whether a located_in relation says so */
  size_t *country = g_new(size_t, n ? n : 1);
  gboolean *located = g_new0(gboolean, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    country[i] = KB_NO_NODE;
  for (guint k = 0; k < nc; k++) {
    CountryNote *cn = &g_array_index(b->countries, CountryNote, k);
    const KbNode *city = &g_array_index(b->ds->nodes, KbNode, cn->city);
    const char *id = cn->id;
    size_t found = cn->country;
    if (id != NULL)
      found = kb_dataset_find(b->ds, id);
    else
      id = g_array_index(b->ds->nodes, KbNode, found).id;
    cn->country = check_node_of_kind(b, city->origin.file, cn->line, cn->column, "country", id,
                                     found, KB_NODE_COUNTRY);
    country[cn->city] = cn->country;
  }
  for (guint i = 0; i < b->ds->relations->len; i++) {
    const KbRelation *r = &g_array_index(b->ds->relations, KbRelation, i);
    if (r->kind == KB_REL_LOCATED_IN && country[r->from] == r->to)
      located[r->from] = TRUE;
  }
  for (guint k = 0; k < nc; k++) {
    const CountryNote *cn = &g_array_index(b->countries, CountryNote, k);
    if (cn->country == KB_NO_NODE || located[cn->city])
      continue;
    const KbNode *city = &g_array_index(b->ds->nodes, KbNode, cn->city);
    KbRelation rel = { 0 };
    rel.from = cn->city;
    rel.to = cn->country;
    rel.kind = KB_REL_LOCATED_IN;
    rel.weight = 1.0;
    rel.source = city->source;
    rel.origin = city->origin;
    kb_i_dataset_append_relation(b->ds, &rel);
  }
  g_free(country);
  g_free(located);
}

static void
resolve_meta(KbBuilder *b)
{
  KbDataset *ds = b->ds;
  const PendingMeta *capacity = NULL, *used = NULL;
  for (guint i = 0; i < b->meta->len; i++) {
    PendingMeta *m = &g_array_index(b->meta, PendingMeta, i);
    const char *v = m->value;
#define META_ERROR(...) \
    kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, m->file, m->value_line, m->value_column, \
                     m->key, __VA_ARGS__)
    if (v == NULL && strcmp(m->key, "title") != 0) {
      META_ERROR("empty; expected a value or no row for this key");
      continue;
    }
    if (strcmp(m->key, "title") == 0) {
      g_free(ds->title);
      ds->title = g_strdup(v);
    } else if (strcmp(m->key, "home") == 0) {
      ds->home = resolve_node_of_kind(b, m->file, m->value_line, m->value_column, m->key, v,
                                      KB_NODE_CITY);
    } else if (strcmp(m->key, "hub") == 0) {
      ds->hub = resolve_node_of_kind(b, m->file, m->value_line, m->value_column, m->key, v,
                                     KB_NODE_NETWORK);
    } else if (strcmp(m->key, "themes") == 0) {
      g_auto(GStrv) ids = g_strsplit(v, "|", -1);
      for (char **t = ids; *t; t++) {
        g_strstrip(*t);
        if (**t == '\0')
          continue;
        size_t n = resolve_node_of_kind(b, m->file, m->value_line, m->value_column, m->key, *t,
                                        KB_NODE_THEME);
        if (n != KB_NO_NODE)
          g_array_append_val(ds->themes, n);
      }
    } else if (strcmp(m->key, "policy_start") == 0) {
      if (!kb_year_parse(v, &ds->policy_start))
        META_ERROR("'%s' is not a year; expected four digits between %d and %d, as 2021", v,
                   KB_YEAR_MIN, KB_YEAR_MAX);
    } else if (strcmp(m->key, "year") == 0) {
      if (!kb_year_parse(v, &ds->year))
        META_ERROR("'%s' is not a year; expected the year the data describes, four digits "
                   "between %d and %d, as 2021", v, KB_YEAR_MIN, KB_YEAR_MAX);
    } else if (strcmp(m->key, "language") == 0) {
      if (strcmp(v, "nl") == 0 || strcmp(v, "en") == 0) {
        g_free(ds->language);
        ds->language = g_strdup(v);
      } else {
        META_ERROR("unknown language '%s'; expected nl or en", v);
      }
    } else if (strcmp(m->key, "capacity") == 0 || strcmp(m->key, "capacity_used") == 0) {
      double hours;
      gboolean total = strcmp(m->key, "capacity") == 0;
      *(total ? &capacity : &used) = m;
      if (!kb_hours_parse(v, &hours))
        META_ERROR("'%s' is not a number of hours; expected the hours a year, 0 or more, as "
                   "1200 or 1200,5", v);
      else
        *(total ? &ds->capacity : &ds->capacity_used) = hours;
    } else if (strcmp(m->key, "out_of_scope") == 0) {
      g_auto(GStrv) names = g_strsplit(v, "|", -1);
      for (char **p = names; *p; p++) {
        KbPurpose purpose;
        g_strstrip(*p);
        if (**p == '\0')
          continue;
        if (kb_purpose_parse(*p, &purpose) && purpose != KB_PURPOSE_EXCHANGE)
          ds->out_of_scope |= 1u << purpose;
        else
          META_ERROR("'%s' is not a purpose a policy leaves out; expected visitors or "
                     "business (bezoekers, bedrijven), separated by '|'", *p);
      }
    } else {
      kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, m->file, m->line, 1, "key",
                       "unknown key '%s' is ignored; known keys: title, home, hub, themes, "
                       "policy_start, year, language, capacity, capacity_used, out_of_scope",
                       m->key);
    }
#undef META_ERROR
  }
  /* the capacity left needs both */
  if (capacity != NULL && used == NULL)
    kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, capacity->file, capacity->line, 1, "key",
                     "capacity is given without capacity_used, so all of it counts as left; "
                     "add 'capacity_used,<hours a year>' for what the current partnerships take");
  if (used != NULL && capacity == NULL)
    kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, used->file, used->line, 1, "key",
                     "capacity_used is given without capacity, so the capacity left is "
                     "unknown; add 'capacity,<hours a year>'");
}

static void
resolve_questions(KbBuilder *b)
{
  for (guint i = 0; i < b->questions->len; i++) {
    PendingQuestion *pq = &g_array_index(b->questions, PendingQuestion, i);
    pq->q.from = pq->from != NULL ? kb_dataset_find(b->ds, pq->from) : KB_NO_NODE;
    pq->q.to = pq->to != NULL ? kb_dataset_find(b->ds, pq->to) : KB_NO_NODE;
    gboolean from_unknown = pq->from != NULL && pq->q.from == KB_NO_NODE;
    gboolean to_unknown = pq->to != NULL && pq->q.to == KB_NO_NODE;
    if ((from_unknown && was_rejected(b, pq->from)) || (to_unknown && was_rejected(b, pq->to))) {
      kb_diag_list_add_consequence(b->diags);
      continue;
    }
    if (from_unknown)
      unknown_node(b, pq->q.origin.file, pq->from_line, pq->from_column, "from", pq->from,
                   "the id of a node in the nodes table");
    if (to_unknown)
      unknown_node(b, pq->q.origin.file, pq->to_line, pq->to_column, "to", pq->to,
                   "the id of a node in the nodes table");
    if (from_unknown || to_unknown)
      continue;
    g_array_append_val(b->ds->questions, pq->q);
    memset(&pq->q, 0, sizeof pq->q);   /* now owned by the dataset */
  }
}

/* Organisations in a dataset without sectors: said once, at the first. */
static void
warn_no_sectors(KbBuilder *b)
{
  size_t org = first_of_kind(b, KB_NODE_ORGANISATION);
  if (org == KB_NO_NODE || first_of_kind(b, KB_NODE_SECTOR) != KB_NO_NODE)
    return;
  const NodeNote *note = &g_array_index(b->notes, NodeNote, org);
  kb_diag_list_add(b->diags, KB_SEVERITY_WARNING,
                   g_array_index(b->ds->nodes, KbNode, org).origin.file, note->line,
                   note->column, "sector", "the dataset defines no sector, so the analyses "
                   "by sector have nothing to group by; to group the organisations, add "
                   "sector nodes and name one in each organisation's sector column");
}

/* An ended relation whose until is after the year the data describes:
 * one of the two is wrong. (An until before it says by itself that the
 * relation has ended; the status need not say so again.) */
static void
warn_dates(KbBuilder *b)
{
  int year = b->ds->data_year;
  if (year == KB_NO_YEAR)
    return;
  for (guint i = 0; i < b->ds->relations->len; i++) {
    const KbRelation *r = &g_array_index(b->ds->relations, KbRelation, i);
    if (r->status == KB_STATUS_ENDED && r->until != KB_NO_YEAR && r->until > year
        && r->until_q == KB_DATE_EXACT)
      kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, r->origin.file, r->origin.line, 0,
                       "status", "ended, but its until %d is after %d, the year the data "
                       "describes (dataset.csv); expected status active, or an earlier until",
                       r->until, year);
  }
}

/* TRUE when the dataset has a city, region or country. */
static gboolean
has_places(const KbBuilder *b)
{
  return first_of_kind(b, KB_NODE_CITY) != KB_NO_NODE
         || first_of_kind(b, KB_NODE_REGION) != KB_NO_NODE
         || first_of_kind(b, KB_NODE_COUNTRY) != KB_NO_NODE;
}

/* A dataset with places but no home city: every country is then abroad.
 * Said at dataset.csv where a loader named it, else at the first place. */
static void
warn_no_home(KbBuilder *b)
{
  if (g_hash_table_contains(b->meta_keys, "home") || b->unread[KB_TABLE_META] || !has_places(b))
    return;
  static const char what[] = "the dataset names no home city, so every country counts as "
                             "abroad, the home country included";
  if (b->facts_file != NULL) {
    kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, b->facts_file, 0, 0, "home",
                     "%s; add 'home,<city id>' to dataset.csv", what);
    return;
  }
  size_t first = KB_NO_NODE;
  for (guint i = 0; i < b->kinds->len && first == KB_NO_NODE; i++)
    if (b->kinds->data[i] == KB_NODE_CITY || b->kinds->data[i] == KB_NODE_REGION
        || b->kinds->data[i] == KB_NODE_COUNTRY)
      first = i;
  const NodeNote *note = &g_array_index(b->notes, NodeNote, first);
  kb_diag_list_add(b->diags, KB_SEVERITY_WARNING,
                   g_array_index(b->ds->nodes, KbNode, first).origin.file, note->line,
                   note->column, "home", "%s; give the dataset a 'home': the id of its city",
                   what);
}

static void
warn_structure(KbBuilder *b)
{
  warn_no_sectors(b);
  warn_dates(b);
  size_t n = b->ds->nodes->len;
  gboolean *tied = g_new0(gboolean, n);
  gboolean *located = g_new0(gboolean, n);
  for (guint i = 0; i < b->ds->relations->len; i++) {
    const KbRelation *r = &g_array_index(b->ds->relations, KbRelation, i);
    tied[r->from] = tied[r->to] = TRUE;
    if (r->kind == KB_REL_LOCATED_IN)
      located[r->from] = TRUE;
  }
  /* where a dataset has no places, as an edge list, nobody has a location */
  gboolean places = has_places(b);
  for (size_t i = 0; i < n; i++) {
    const KbNode *node = &g_array_index(b->ds->nodes, KbNode, i);
    if (node->sector != KB_NO_NODE)
      tied[node->sector] = TRUE;
  }
  for (size_t i = 0; i < n; i++) {
    const KbNode *node = &g_array_index(b->ds->nodes, KbNode, i);
    const NodeNote *note = &g_array_index(b->notes, NodeNote, i);
    if (!tied[i])
      kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, node->origin.file, note->line,
                       note->column, "id", "%s '%s' is isolated: no relation names it",
                       kb_node_kind_name(node->kind), node->id);
    else if (node->kind == KB_NODE_ORGANISATION && places && !located[i])
      kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, node->origin.file, note->line,
                       note->column, "id", "organisation '%s' has no location, so it counts "
                       "neither as home nor abroad in the index; add a located_in relation "
                       "to its city", node->id);
    if (node->kind == KB_NODE_CITY) {
      g_autofree size_t *up = NULL;
      size_t m = kb_dataset_enclosing_places(b->ds, i, &up);
      gboolean has_country = FALSE;
      for (size_t j = 0; j < m; j++)
        has_country |= g_array_index(b->ds->nodes, KbNode, up[j]).kind == KB_NODE_COUNTRY;
      if (!has_country)
        kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, node->origin.file, note->line,
                         note->column, "id", "city '%s' has no country; give it a country "
                         "column or a located_in relation to a country", node->id);
    }
  }
  g_free(tied);
  g_free(located);
}

/* Hands the builder's sealed dataset to the caller. */
static KbDataset *
hand_over(KbBuilder *b)
{
  KbDataset *ds = b->ds;
  b->ds = kb_i_dataset_new(ds->name);   /* so that kb_builder_free() has one to free */
  return ds;
}

KbDataset *
kb_builder_finish(KbBuilder *b)
{
  g_return_val_if_fail(b != NULL && !b->finished, NULL);
  b->finished = TRUE;
  /* Past a limit the data is refused: resolving it would only bury the
   * reason under errors about the rows that were skipped. */
  if (b->over_limit) {
    /* the relations and sectors resolved as their rows came: none is kept */
    g_array_set_size(b->ds->relations, 0);
    for (guint i = 0; i < b->ds->nodes->len; i++)
      g_array_index(b->ds->nodes, KbNode, i).sector = KB_NO_NODE;
    kb_i_dataset_seal(b->ds);
    return hand_over(b);
  }
  resolve_sectors(b);
  check_sectorless(b);
  resolve_relations(b);
  resolve_countries(b);
  resolve_meta(b);
  resolve_questions(b);
  kb_i_dataset_seal(b->ds);
  warn_no_home(b);
  /* Isolation and missing locations are judged on the whole data: while
   * rows are rejected, they would point at the wrong cause. */
  if (kb_diag_list_count(b->diags, KB_SEVERITY_ERROR) == 0)
    warn_structure(b);
  return hand_over(b);
}
