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

#include "model/model_internal.h"

/* Per node, what the builder needs after the row is gone. */
typedef struct {
  const char *file;
  unsigned line, column;     /* of the id */
  char *sector;              /* id as written, or NULL */
  unsigned sector_line, sector_column;
  char *country;             /* cities: id as written, or NULL */
  unsigned country_line, country_column;
} NodeNote;

/* A relation waiting for its ends to be resolved. */
typedef struct {
  KbRelation rel;            /* from/to not yet set */
  char *from, *to;
  const char *file;
  unsigned from_line, from_column;
  unsigned to_line, to_column;
  unsigned kind_line, kind_column;
} PendingRelation;

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

struct KbBuilder {
  KbDataset *ds;
  KbDiagList *diags;
  GArray *notes;             /* of NodeNote, parallel to ds->nodes */
  GArray *pending;           /* of PendingRelation */
  GHashTable *rejected;      /* ids of node rows that were reported and skipped */
  GArray *meta;              /* of PendingMeta */
  GArray *questions;         /* of PendingQuestion */
  gboolean sector_required;
  char *kind_hint;           /* added to messages about unknown kinds, or NULL */
  KbLimits limits;
  gboolean over_limit;       /* a row passed a limit: later rows are skipped */
  gboolean finished;
  unsigned suggestions;      /* how many "did you mean" look-ups were made */
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
  b->pending = g_array_new(FALSE, TRUE, sizeof(PendingRelation));
  b->rejected = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  b->meta = g_array_new(FALSE, TRUE, sizeof(PendingMeta));
  b->questions = g_array_new(FALSE, TRUE, sizeof(PendingQuestion));
  b->sector_required = TRUE;
  kb_limits_init(&b->limits);
  return b;
}

void
kb_limits_init(KbLimits *limits)
{
  g_return_if_fail(limits != NULL);
  limits->max_nodes = KB_DEFAULT_MAX_NODES;
  limits->max_relations = KB_DEFAULT_MAX_RELATIONS;
}

void
kb_builder_set_limits(KbBuilder *b, const KbLimits *limits)
{
  g_return_if_fail(b != NULL && limits != NULL);
  b->limits = *limits;
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
kb_builder_free(KbBuilder *b)
{
  if (b == NULL)
    return;
  g_free(b->kind_hint);
  for (guint i = 0; i < b->notes->len; i++) {
    NodeNote *n = &g_array_index(b->notes, NodeNote, i);
    g_free(n->sector);
    g_free(n->country);
  }
  for (guint i = 0; i < b->pending->len; i++) {
    PendingRelation *p = &g_array_index(b->pending, PendingRelation, i);
    kb_i_relation_release(&p->rel);
    g_free(p->from);
    g_free(p->to);
  }
  g_array_unref(b->notes);
  g_array_unref(b->pending);
  g_hash_table_unref(b->rejected);
  for (guint i = 0; i < b->meta->len; i++) {
    PendingMeta *m = &g_array_index(b->meta, PendingMeta, i);
    g_free(m->key);
    g_free(m->value);
    g_free(m->source);
  }
  g_array_unref(b->meta);
  for (guint i = 0; i < b->questions->len; i++) {
    PendingQuestion *pq = &g_array_index(b->questions, PendingQuestion, i);
    g_free(pq->q.id);
    g_free(pq->q.text);
    g_free(pq->q.source);
    g_free(pq->from);
    g_free(pq->to);
  }
  g_array_unref(b->questions);
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
  { "website", FALSE }, { "source", FALSE }, { NULL, FALSE }
};

static const Column relation_columns[] = {
  { "from", TRUE }, { "to", TRUE }, { "kind", TRUE }, { "since", FALSE },
  { "until", FALSE }, { "weight", FALSE }, { "label", FALSE }, { "source", FALSE },
  { "note", FALSE }, { NULL, FALSE }
};

static const Column meta_columns[] = {
  { "key", TRUE }, { "value", TRUE }, { "source", FALSE }, { NULL, FALSE }
};

static const Column question_columns[] = {
  { "id", TRUE }, { "kind", TRUE }, { "question", TRUE }, { "from", FALSE }, { "to", FALSE },
  { "source", FALSE }, { NULL, FALSE }
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

static gboolean
is_known_column(KbTable table, const char *name)
{
  for (const Column *c = table_columns(table); c->name != NULL; c++)
    if (strcmp(c->name, name) == 0)
      return TRUE;
  return FALSE;
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
cell_text(const KbCell *cell)
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

static gboolean
has_control_chars(const char *s)
{
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    if (*p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* Levenshtein distance between a and b, or max + 1 when larger than max. */
static size_t
edit_distance(const char *a, const char *b, size_t max)
{
  size_t la = strlen(a), lb = strlen(b);
  if ((la > lb ? la - lb : lb - la) > max)
    return max + 1;
  size_t *prev = g_new(size_t, lb + 1), *cur = g_new(size_t, lb + 1);
  for (size_t j = 0; j <= lb; j++)
    prev[j] = j;
  for (size_t i = 1; i <= la; i++) {
    cur[0] = i;
    size_t best = cur[0];
    for (size_t j = 1; j <= lb; j++) {
      size_t cost = tolower((unsigned char) a[i - 1]) == tolower((unsigned char) b[j - 1]) ? 0 : 1;
      size_t v = prev[j - 1] + cost;
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
    if (best > max) {
      g_free(prev);
      g_free(cur);
      return max + 1;
    }
  }
  size_t d = prev[lb];
  g_free(prev);
  g_free(cur);
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
parse_kind(KbTable table, const char *text, int *out)
{
  g_autofree char *lower = g_ascii_strdown(text, -1);
  if (table == KB_TABLE_NODES) {
    KbNodeKind k;
    if (!kb_node_kind_parse(lower, &k))
      return FALSE;
    *out = k;
  } else {
    KbRelKind k;
    if (!kb_rel_kind_parse(lower, &k))
      return FALSE;
    *out = k;
  }
  return TRUE;
}

/* A positive finite number; a decimal comma is accepted as Dutch Excel
 * writes it ("0,5"). */
static gboolean
parse_weight(const char *text, double *out)
{
  g_autofree char *t = g_strdup(text);
  if (strchr(t, '.') == NULL) {
    char *comma = strchr(t, ',');
    if (comma != NULL && strchr(comma + 1, ',') == NULL)
      *comma = '.';
  }
  char *end = NULL;
  double v = g_ascii_strtod(t, &end);
  if (end == t || *end != '\0' || !isfinite(v) || v <= 0)
    return FALSE;
  *out = v;
  return TRUE;
}

static char **
split_tags(const char *text)
{
  GPtrArray *tags = g_ptr_array_new();
  if (text != NULL) {
    g_auto(GStrv) parts = g_strsplit(text, "|", -1);
    for (char **p = parts; *p; p++) {
      char *t = g_strstrip(g_strdup(*p));
      if (*t)
        g_ptr_array_add(tags, t);
      else
        g_free(t);
    }
  }
  g_ptr_array_add(tags, NULL);
  return (char **) g_ptr_array_free(tags, FALSE);
}

/* The cells of 'row' that the model does not interpret, as attributes. */
static KbAttr *
collect_attrs(KbBuilder *b, KbTable table, const KbRow *row, size_t *n_out)
{
  GArray *attrs = g_array_new(FALSE, FALSE, sizeof(KbAttr));
  for (size_t i = 0; i < row->n_cells; i++) {
    const KbCell *c = &row->cells[i];
    if (is_known_column(table, c->name))
      continue;
    if (c->name[0] == '\0') {
      if (c->value[0] != '\0')
        kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, row->file, c->line, c->column, NULL,
                         "value '%s' stands in a column without a name; it is ignored",
                         c->value);
      continue;
    }
    KbAttr a = { g_strdup(c->name), g_strdup(c->value) };
    g_array_append_val(attrs, a);
  }
  *n_out = attrs->len;
  return (KbAttr *) g_array_free(attrs, attrs->len == 0);
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
    kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, header->file, c->line, c->column, NULL,
                     "column '%s' appears twice (first in column %u); each column name may "
                     "appear once", c->name, first->column);
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
    kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, header->file, header->line, 0, NULL,
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

static void
add_node_row(KbBuilder *b, const KbRow *row)
{
  const KbCell *id_cell = row_cell(row, "id");
  const KbCell *kind_cell = row_cell(row, "kind");
  g_autofree char *id = cell_text(id_cell);
  g_autofree char *kind_text = cell_text(kind_cell);
  gboolean ok = TRUE;

  if (id == NULL) {
    missing_field(b, row, "id", "every node needs an id");
    ok = FALSE;
  } else if (has_control_chars(id)) {
    ERROR(b, row->file, id_cell, "id contains a control character; expected plain text");
    ok = FALSE;
  } else {
    size_t prev = kb_dataset_find(b->ds, id);
    if (prev != KB_NO_NODE) {
      const NodeNote *pn = &g_array_index(b->notes, NodeNote, prev);
      if (strcmp(pn->file, row->file) == 0)
        ERROR(b, row->file, id_cell, "duplicate id '%s'; first defined at line %u", id, pn->line);
      else
        ERROR(b, row->file, id_cell, "duplicate id '%s'; first defined at %s:%u", id,
              pn->file, pn->line);
      ok = FALSE;
    }
  }

  int kind = 0;
  if (kind_text == NULL) {
    missing_field(b, row, "kind", "expected a node kind");
    ok = FALSE;
  } else if (!parse_kind(KB_TABLE_NODES, kind_text, &kind)) {
    g_autofree char *msg = describe_unknown_kind("node kind", kind_text, KB_TABLE_NODES);
    ERROR(b, row->file, kind_cell, "%s%s", msg, b->kind_hint ? b->kind_hint : "");
    ok = FALSE;
  }

  const KbCell *sector_cell = row_cell(row, "sector");
  const KbCell *country_cell = row_cell(row, "country");
  g_autofree char *sector = cell_text(sector_cell);
  g_autofree char *country = cell_text(country_cell);
  if (ok && kind == KB_NODE_ORGANISATION && sector == NULL && b->sector_required) {
    missing_field(b, row, "sector", "every organisation needs a sector: the id of a sector node");
    ok = FALSE;
  }
  if (!ok) {
    /* Relations that name this id are not reported again: the cause is. */
    if (id != NULL && kb_dataset_find(b->ds, id) == KB_NO_NODE)
      g_hash_table_add(b->rejected, g_steal_pointer(&id));
    return;
  }
  if (kind != KB_NODE_ORGANISATION && sector != NULL) {
    kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, row->file, sector_cell->line,
                     sector_cell->column, "sector",
                     "only organisations have a sector; ignored for %s '%s'",
                     kb_node_kind_name(kind), id);
    g_clear_pointer(&sector, g_free);
  }
  if (kind != KB_NODE_CITY && country != NULL) {
    kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, row->file, country_cell->line,
                     country_cell->column, "country",
                     "only cities have a country column (use a located_in relation); "
                     "ignored for %s '%s'", kb_node_kind_name(kind), id);
    g_clear_pointer(&country, g_free);
  }

  KbNode node = { 0 };
  node.id = g_steal_pointer(&id);
  node.kind = kind;
  node.label = cell_text(row_cell(row, "label"));
  if (node.label == NULL)
    node.label = g_strdup(node.id);
  node.description = cell_text(row_cell(row, "description"));
  node.website = cell_text(row_cell(row, "website"));
  node.source = cell_text(row_cell(row, "source"));
  g_autofree char *tags = cell_text(row_cell(row, "tags"));
  node.tags = split_tags(tags);
  node.sector = KB_NO_NODE;
  node.attrs = collect_attrs(b, KB_TABLE_NODES, row, &node.n_attrs);
  node.origin.file = kb_i_dataset_intern_file(b->ds, row->file);
  node.origin.line = row->line;
  kb_i_dataset_append_node(b->ds, &node);

  NodeNote note = { 0 };
  note.file = node.origin.file;
  note.line = id_cell->line;
  note.column = id_cell->column;
  if (sector != NULL) {
    note.sector = g_steal_pointer(&sector);
    note.sector_line = sector_cell->line;
    note.sector_column = sector_cell->column;
  }
  if (country != NULL) {
    note.country = g_steal_pointer(&country);
    note.country_line = country_cell->line;
    note.country_column = country_cell->column;
  }
  g_array_append_val(b->notes, note);
}

/* ------------------------------------------------------------ relations */

static void
add_relation_row(KbBuilder *b, const KbRow *row)
{
  const KbCell *from_cell = row_cell(row, "from");
  const KbCell *to_cell = row_cell(row, "to");
  const KbCell *kind_cell = row_cell(row, "kind");
  g_autofree char *from = cell_text(from_cell);
  g_autofree char *to = cell_text(to_cell);
  g_autofree char *kind_text = cell_text(kind_cell);
  gboolean ok = TRUE;

  if (from == NULL) {
    missing_field(b, row, "from", "expected the id of the node the relation starts at");
    ok = FALSE;
  }
  if (to == NULL) {
    missing_field(b, row, "to", "expected the id of the node the relation points to");
    ok = FALSE;
  }
  int kind = 0;
  if (kind_text == NULL) {
    missing_field(b, row, "kind", "expected a relation kind");
    ok = FALSE;
  } else if (!parse_kind(KB_TABLE_RELATIONS, kind_text, &kind)) {
    g_autofree char *msg = describe_unknown_kind("relation kind", kind_text, KB_TABLE_RELATIONS);
    ERROR(b, row->file, kind_cell, "%s%s", msg, b->kind_hint ? b->kind_hint : "");
    ok = FALSE;
  }

  int years[2] = { KB_NO_YEAR, KB_NO_YEAR };
  static const char *const year_fields[2] = { "since", "until" };
  for (int i = 0; i < 2; i++) {
    const KbCell *c = row_cell(row, year_fields[i]);
    g_autofree char *t = cell_text(c);
    if (t != NULL && !kb_year_parse(t, &years[i])) {
      ERROR(b, row->file, c, "'%s' is not a year; expected four digits between %d and %d, "
            "as 2015", t, KB_YEAR_MIN, KB_YEAR_MAX);
      ok = FALSE;
    }
  }
  if (years[0] != KB_NO_YEAR && years[1] != KB_NO_YEAR && years[1] < years[0]) {
    ERROR(b, row->file, row_cell(row, "until"),
          "until %d is before since %d; expected a year no earlier than since",
          years[1], years[0]);
    ok = FALSE;
  }

  double weight = 1.0;
  const KbCell *weight_cell = row_cell(row, "weight");
  g_autofree char *weight_text = cell_text(weight_cell);
  if (weight_text != NULL && !parse_weight(weight_text, &weight)) {
    ERROR(b, row->file, weight_cell, "'%s' is not a positive number; expected a tie "
          "strength such as 1 or 0.5", weight_text);
    ok = FALSE;
  }

  if (ok && strcmp(from, to) == 0) {
    ERROR(b, row->file, to_cell, "the relation joins '%s' to itself; expected two "
          "different nodes", from);
    ok = FALSE;
  }
  if (!ok)
    return;

  PendingRelation p = { 0 };
  p.rel.kind = kind;
  p.rel.since = years[0];
  p.rel.until = years[1];
  p.rel.weight = weight;
  p.rel.label = cell_text(row_cell(row, "label"));
  p.rel.source = cell_text(row_cell(row, "source"));
  p.rel.note = cell_text(row_cell(row, "note"));
  p.rel.attrs = collect_attrs(b, KB_TABLE_RELATIONS, row, &p.rel.n_attrs);
  p.rel.origin.file = kb_i_dataset_intern_file(b->ds, row->file);
  p.rel.origin.line = row->line;
  p.file = p.rel.origin.file;
  p.from = g_steal_pointer(&from);
  p.to = g_steal_pointer(&to);
  p.from_line = from_cell->line;
  p.from_column = from_cell->column;
  p.to_line = to_cell->line;
  p.to_column = to_cell->column;
  p.kind_line = kind_cell->line;
  p.kind_column = kind_cell->column;
  g_array_append_val(b->pending, p);
}

/* ------------------------------------------------- metadata, questions */

static void
add_meta_row(KbBuilder *b, const KbRow *row)
{
  const KbCell *key_cell = row_cell(row, "key");
  const KbCell *value_cell = row_cell(row, "value");
  g_autofree char *key = cell_text(key_cell);
  if (key == NULL) {
    missing_field(b, row, "key", "expected one of: title, home, hub, themes, policy_start, "
                  "language");
    return;
  }
  for (guint i = 0; i < b->meta->len; i++) {
    const PendingMeta *m = &g_array_index(b->meta, PendingMeta, i);
    if (g_ascii_strcasecmp(m->key, key) == 0) {
      ERROR(b, row->file, key_cell, "key '%s' is given twice (first at line %u); each key may "
            "appear once", key, m->line);
      return;
    }
  }
  PendingMeta m = { 0 };
  m.key = g_ascii_strdown(key, -1);
  m.value = cell_text(value_cell);
  m.source = cell_text(row_cell(row, "source"));
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
  g_autofree char *id = cell_text(id_cell);
  g_autofree char *kind_text = cell_text(kind_cell);
  g_autofree char *text = cell_text(row_cell(row, "question"));
  gboolean ok = TRUE;
  if (id == NULL) {
    missing_field(b, row, "id", "every question needs an id");
    ok = FALSE;
  } else {
    for (guint i = 0; i < b->questions->len; i++) {
      const PendingQuestion *pq = &g_array_index(b->questions, PendingQuestion, i);
      if (strcmp(pq->q.id, id) == 0) {
        ERROR(b, row->file, id_cell, "duplicate question id '%s'; first defined at line %u",
              id, pq->q.origin.line);
        ok = FALSE;
      }
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
  PendingQuestion pq = { 0 };
  pq.q.id = g_steal_pointer(&id);
  pq.q.kind = kind;
  pq.q.text = g_steal_pointer(&text);
  pq.q.source = cell_text(row_cell(row, "source"));
  pq.q.origin.file = kb_i_dataset_intern_file(b->ds, row->file);
  pq.q.origin.line = row->line;
  const KbCell *from_cell = row_cell(row, "from");
  const KbCell *to_cell = row_cell(row, "to");
  pq.from = cell_text(from_cell);
  pq.to = cell_text(to_cell);
  if (pq.from != NULL) {
    pq.from_line = from_cell->line;
    pq.from_column = from_cell->column;
  }
  if (pq.to != NULL) {
    pq.to_line = to_cell->line;
    pq.to_column = to_cell->column;
  }
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
  size_t have = nodes ? b->ds->nodes->len : b->pending->len;
  size_t most = nodes ? b->limits.max_nodes : b->limits.max_relations;
  if (have < most)
    return FALSE;
  const char *what = nodes ? "nodes" : "relations";
  kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, row->file, row->line, 0, NULL,
                   "more %s than the limit of %zu; expected at most %zu %.*s (raise the "
                   "limit with --max-%s N)", what, most, most,
                   (int) strlen(what) - (most == 1), what, what);
  b->over_limit = TRUE;
  return TRUE;
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
    for (guint i = 0; i < b->ds->nodes->len; i++) {
      const char *cand = g_array_index(b->ds->nodes, KbNode, i).id;
      size_t d = edit_distance(id, cand, 2);
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

/* "a" or "an", for a kind's name. */
static const char *
article(KbNodeKind kind)
{
  return strchr("aeiou", kb_node_kind_name(kind)[0]) ? "an" : "a";
}

/* The node 'id' names, which must be of kind 'want'; KB_NO_NODE after
 * reporting why not. */
static size_t
resolve_node_of_kind(KbBuilder *b, const char *file, unsigned line, unsigned column,
                     const char *field, const char *id, KbNodeKind want)
{
  size_t i = kb_dataset_find(b->ds, id);
  if (i == KB_NO_NODE && g_hash_table_contains(b->rejected, id))
    return KB_NO_NODE;
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

/* What makes two relations the same: their ends (in either order for a
 * symmetric kind), kind and years. */
typedef struct {
  size_t a, z;
  int kind, since, until;
} RelationKey;

static guint
relation_key_hash(gconstpointer p)
{
  const RelationKey *k = p;
  guint h = (guint) k->a * 2654435761u;
  h = (h ^ (guint) k->z) * 2246822519u;
  h = (h ^ (guint) k->kind) * 3266489917u;
  h = (h ^ (guint) k->since) * 668265263u;
  return h ^ (guint) k->until;
}

static gboolean
relation_key_equal(gconstpointer x, gconstpointer y)
{
  const RelationKey *a = x, *b = y;
  return a->a == b->a && a->z == b->z && a->kind == b->kind && a->since == b->since
         && a->until == b->until;
}

static RelationKey *
relation_key(size_t from, size_t to, const KbRelation *r)
{
  RelationKey *k = g_new(RelationKey, 1);
  gboolean swap = kb_rel_kind_is_symmetric(r->kind) && from > to;
  *k = (RelationKey) { swap ? to : from, swap ? from : to, r->kind, r->since, r->until };
  return k;
}

static void
resolve_relations(KbBuilder *b)
{
  GHashTable *seen = g_hash_table_new_full(relation_key_hash, relation_key_equal, g_free, NULL);
  for (guint i = 0; i < b->pending->len; i++) {
    PendingRelation *p = &g_array_index(b->pending, PendingRelation, i);
    size_t from = kb_dataset_find(b->ds, p->from);
    size_t to = kb_dataset_find(b->ds, p->to);
    if ((from == KB_NO_NODE && g_hash_table_contains(b->rejected, p->from))
        || (to == KB_NO_NODE && g_hash_table_contains(b->rejected, p->to)))
      continue;
    if (from == KB_NO_NODE)
      unknown_node(b, p->file, p->from_line, p->from_column, "from", p->from,
                   "the id of a node in the nodes table");
    if (to == KB_NO_NODE)
      unknown_node(b, p->file, p->to_line, p->to_column, "to", p->to,
                   "the id of a node in the nodes table");
    if (from == KB_NO_NODE || to == KB_NO_NODE)
      continue;
    KbNodeKind fk = g_array_index(b->ds->nodes, KbNode, from).kind;
    KbNodeKind tk = g_array_index(b->ds->nodes, KbNode, to).kind;
    if (!kb_rel_kind_allows(p->rel.kind, fk, tk)) {
      g_autofree char *ends = kb_rel_kind_describe_ends(p->rel.kind);
      kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, p->file, p->kind_line, p->kind_column,
                       "kind", "%s cannot join %s '%s' to %s '%s'; %s joins %s",
                       kb_rel_kind_name(p->rel.kind), kb_node_kind_name(fk), p->from,
                       kb_node_kind_name(tk), p->to, kb_rel_kind_name(p->rel.kind), ends);
      continue;
    }
    RelationKey *key = relation_key(from, to, &p->rel);
    gpointer first = g_hash_table_lookup(seen, key);
    if (first != NULL) {
      kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, p->file, p->from_line, p->from_column,
                       NULL, "repeats the %s relation between '%s' and '%s' at line %u",
                       kb_rel_kind_name(p->rel.kind), p->from, p->to, GPOINTER_TO_UINT(first));
      g_free(key);
    } else {
      g_hash_table_insert(seen, key, GUINT_TO_POINTER(p->rel.origin.line));
    }
    p->rel.from = from;
    p->rel.to = to;
    kb_i_dataset_append_relation(b->ds, &p->rel);
    memset(&p->rel, 0, sizeof p->rel);   /* now owned by the dataset */
  }
  g_hash_table_unref(seen);
}

/* A city's country column is a located_in relation unless one is there;
 * 'located' holds the "city country" pairs of those already there. */
static void
add_country_relation(KbBuilder *b, GHashTable *located, size_t city, size_t country)
{
  g_autofree char *key = g_strdup_printf("%zu %zu", city, country);
  if (g_hash_table_contains(located, key))
    return;
  const KbNode *n = &g_array_index(b->ds->nodes, KbNode, city);
  KbRelation rel = { 0 };
  rel.from = city;
  rel.to = country;
  rel.kind = KB_REL_LOCATED_IN;
  rel.weight = 1.0;
  rel.source = g_strdup(n->source);
  rel.origin = n->origin;
  kb_i_dataset_append_relation(b->ds, &rel);
}

static void
resolve_meta(KbBuilder *b)
{
  KbDataset *ds = b->ds;
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
    } else if (strcmp(m->key, "language") == 0) {
      if (strcmp(v, "nl") == 0 || strcmp(v, "en") == 0) {
        g_free(ds->language);
        ds->language = g_strdup(v);
      } else {
        META_ERROR("unknown language '%s'; expected nl or en", v);
      }
    } else {
      kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, m->file, m->line, 1, "key",
                       "unknown key '%s' is ignored; known keys: title, home, hub, themes, "
                       "policy_start, language", m->key);
    }
#undef META_ERROR
  }
}

static void
resolve_questions(KbBuilder *b)
{
  for (guint i = 0; i < b->questions->len; i++) {
    PendingQuestion *pq = &g_array_index(b->questions, PendingQuestion, i);
    pq->q.from = pq->q.to = KB_NO_NODE;
    gboolean ok = TRUE;
    if (pq->from != NULL) {
      pq->q.from = kb_dataset_find(b->ds, pq->from);
      if (pq->q.from == KB_NO_NODE) {
        unknown_node(b, pq->q.origin.file, pq->from_line, pq->from_column, "from", pq->from,
                     "the id of a node in the nodes table");
        ok = FALSE;
      }
    }
    if (pq->to != NULL) {
      pq->q.to = kb_dataset_find(b->ds, pq->to);
      if (pq->q.to == KB_NO_NODE) {
        unknown_node(b, pq->q.origin.file, pq->to_line, pq->to_column, "to", pq->to,
                     "the id of a node in the nodes table");
        ok = FALSE;
      }
    }
    if (!ok)
      continue;
    g_array_append_val(b->ds->questions, pq->q);
    memset(&pq->q, 0, sizeof pq->q);   /* now owned by the dataset */
  }
}

static void
warn_structure(KbBuilder *b)
{
  size_t n = b->ds->nodes->len;
  gboolean *tied = g_new0(gboolean, n);
  for (guint i = 0; i < b->ds->relations->len; i++) {
    const KbRelation *r = &g_array_index(b->ds->relations, KbRelation, i);
    tied[r->from] = tied[r->to] = TRUE;
  }
  for (size_t i = 0; i < n; i++) {
    const KbNode *node = &g_array_index(b->ds->nodes, KbNode, i);
    if (node->sector != KB_NO_NODE)
      tied[node->sector] = TRUE;
  }
  for (size_t i = 0; i < n; i++) {
    const KbNode *node = &g_array_index(b->ds->nodes, KbNode, i);
    const NodeNote *note = &g_array_index(b->notes, NodeNote, i);
    if (!tied[i])
      kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, note->file, note->line, note->column,
                       "id", "%s '%s' is isolated: no relation names it",
                       kb_node_kind_name(node->kind), node->id);
    if (node->kind == KB_NODE_CITY) {
      g_autofree size_t *up = NULL;
      size_t m = kb_dataset_enclosing_places(b->ds, i, &up);
      gboolean has_country = FALSE;
      for (size_t j = 0; j < m; j++)
        has_country |= g_array_index(b->ds->nodes, KbNode, up[j]).kind == KB_NODE_COUNTRY;
      if (!has_country)
        kb_diag_list_add(b->diags, KB_SEVERITY_WARNING, note->file, note->line, note->column,
                         "id", "city '%s' has no country; give it a country column or a "
                         "located_in relation to a country", node->id);
    }
  }
  g_free(tied);
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
    kb_i_dataset_seal(b->ds);
    return hand_over(b);
  }
  for (guint i = 0; i < b->notes->len; i++) {
    NodeNote *note = &g_array_index(b->notes, NodeNote, i);
    if (note->sector != NULL) {
      size_t s = resolve_node_of_kind(b, note->file, note->sector_line, note->sector_column,
                                      "sector", note->sector, KB_NODE_SECTOR);
      g_array_index(b->ds->nodes, KbNode, i).sector = s;
    }
  }
  resolve_relations(b);
  GHashTable *located = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < b->ds->relations->len; i++) {
    const KbRelation *r = &g_array_index(b->ds->relations, KbRelation, i);
    if (r->kind == KB_REL_LOCATED_IN)
      g_hash_table_add(located, g_strdup_printf("%zu %zu", r->from, r->to));
  }
  for (guint i = 0; i < b->notes->len; i++) {
    NodeNote *note = &g_array_index(b->notes, NodeNote, i);
    if (note->country != NULL) {
      size_t c = resolve_node_of_kind(b, note->file, note->country_line, note->country_column,
                                      "country", note->country, KB_NODE_COUNTRY);
      if (c != KB_NO_NODE)
        add_country_relation(b, located, i, c);
    }
  }
  g_hash_table_unref(located);
  resolve_meta(b);
  resolve_questions(b);
  kb_i_dataset_seal(b->ds);
  /* Isolation and missing countries are judged on the whole data: while
   * rows are rejected, they would point at the wrong cause. */
  if (kb_diag_list_count(b->diags, KB_SEVERITY_ERROR) == 0)
    warn_structure(b);
  return hand_over(b);
}
