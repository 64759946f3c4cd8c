/* builder_meta.c -- dataset.csv (the dataset's facts, a key and a value a
 * row) and questions.csv: their rows taken in, and checked once the nodes
 * are known. */
#include <string.h>

#include "base/suggest.h"
#include "model/builder_internal.h"

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

/* ------------------------------------------------- metadata, questions */

void
kb_i_builder_add_meta_row(KbBuilder *b, const KbRow *row)
{
  const KbCell *key_cell = kb_i_row_cell(row, "key");
  const KbCell *value_cell = kb_i_row_cell(row, "value");
  g_autofree char *key = cell_copy(key_cell);
  if (key == NULL) {
    kb_i_missing_field(b, row, "key", "expected one of: title, home, hub, themes, policy_start, "
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
  kb_i_warn_control_columns(b, row, meta_texts, lower);
  PendingMeta m = { 0 };
  m.key = g_steal_pointer(&lower);
  g_hash_table_insert(b->meta_keys, m.key, GUINT_TO_POINTER(b->meta->len + 1));
  m.value = cell_copy(value_cell);
  m.source = cell_copy(kb_i_row_cell(row, "source"));
  m.file = kb_i_dataset_intern_file(b->ds, row->file);
  m.line = row->line;
  m.value_line = value_cell ? value_cell->line : row->line;
  m.value_column = value_cell ? value_cell->column : 0;
  g_array_append_val(b->meta, m);
}

static const char *const question_kinds[KB_QUESTION_KIND_COUNT] = {
  "bridge", "synergy", "overview", "theme", "rank", "centrality"
};

void
kb_i_builder_add_question_row(KbBuilder *b, const KbRow *row)
{
  const KbCell *id_cell = kb_i_row_cell(row, "id");
  const KbCell *kind_cell = kb_i_row_cell(row, "kind");
  g_autofree char *id = cell_copy(id_cell);
  g_autofree char *kind_text = cell_copy(kind_cell);
  g_autofree char *text = cell_copy(kb_i_row_cell(row, "question"));
  gboolean ok = TRUE;
  if (id == NULL) {
    kb_i_missing_field(b, row, "id", "every question needs an id");
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
    kb_i_missing_field(b, row, "kind", "expected a question kind");
    ok = FALSE;
  } else {
    g_autofree char *lower = g_ascii_strdown(kind_text, -1);
    for (int k = 0; k < KB_QUESTION_KIND_COUNT; k++)
      if (strcmp(lower, question_kinds[k]) == 0)
        kind = k;
    if (kind < 0) {
      g_autofree char *msg = kb_i_describe_unknown("question kind", kind_text, question_kinds,
                                                   KB_QUESTION_KIND_COUNT);
      ERROR(b, row->file, kind_cell, "%s", msg);
      ok = FALSE;
    }
  }
  if (text == NULL) {
    kb_i_missing_field(b, row, "question", "expected the question in words");
    ok = FALSE;
  }
  if (!ok)
    return;
  static const char *const question_texts[] = { "question", "source", NULL };
  kb_i_warn_control_columns(b, row, question_texts, NULL);
  PendingQuestion pq = { 0 };
  pq.q.id = g_steal_pointer(&id);
  pq.q.kind = kind;
  pq.q.text = g_steal_pointer(&text);
  pq.q.source = cell_copy(kb_i_row_cell(row, "source"));
  pq.q.origin.file = kb_i_dataset_intern_file(b->ds, row->file);
  pq.q.origin.line = row->line;
  const KbCell *from_cell = kb_i_row_cell(row, "from");
  const KbCell *to_cell = kb_i_row_cell(row, "to");
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

void
kb_i_builder_resolve_meta(KbBuilder *b)
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
      ds->home = kb_i_builder_resolve_node_of_kind(b, m->file, m->value_line,
                                                   m->value_column, m->key, v, KB_NODE_CITY);
    } else if (strcmp(m->key, "hub") == 0) {
      ds->hub = kb_i_builder_resolve_node_of_kind(b, m->file, m->value_line,
                                                  m->value_column, m->key, v, KB_NODE_NETWORK);
    } else if (strcmp(m->key, "themes") == 0) {
      g_auto(GStrv) ids = g_strsplit(v, "|", -1);
      for (char **t = ids; *t; t++) {
        g_strstrip(*t);
        if (**t == '\0')
          continue;
        size_t n = kb_i_builder_resolve_node_of_kind(b, m->file, m->value_line,
                                                     m->value_column, m->key, *t,
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

void
kb_i_builder_resolve_questions(KbBuilder *b)
{
  for (guint i = 0; i < b->questions->len; i++) {
    PendingQuestion *pq = &g_array_index(b->questions, PendingQuestion, i);
    pq->q.from = pq->from != NULL ? kb_dataset_find(b->ds, pq->from) : KB_NO_NODE;
    pq->q.to = pq->to != NULL ? kb_dataset_find(b->ds, pq->to) : KB_NO_NODE;
    gboolean from_unknown = pq->from != NULL && pq->q.from == KB_NO_NODE;
    gboolean to_unknown = pq->to != NULL && pq->q.to == KB_NO_NODE;
    if ((from_unknown && kb_i_builder_was_rejected(b, pq->from))
        || (to_unknown && kb_i_builder_was_rejected(b, pq->to))) {
      kb_diag_list_add_consequence(b->diags);
      continue;
    }
    if (from_unknown)
      kb_i_builder_unknown_node(b, pq->q.origin.file, pq->from_line, pq->from_column, "from",
                                pq->from, "the id of a node in the nodes table");
    if (to_unknown)
      kb_i_builder_unknown_node(b, pq->q.origin.file, pq->to_line, pq->to_column, "to",
                                pq->to, "the id of a node in the nodes table");
    if (from_unknown || to_unknown)
      continue;
    g_array_append_val(b->ds->questions, pq->q);
    memset(&pq->q, 0, sizeof pq->q);   /* now owned by the dataset */
  }
}
