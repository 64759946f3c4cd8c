/* builder_cells.c -- a row's cells: the columns of each table, which cell
 * holds which column (a layout, kept while rows name the same cells), and
 * the check of a table's header. */
#include <string.h>

#include "model/builder_internal.h"

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

const KbCell *
kb_i_row_cell(const KbRow *row, const char *name)
{
  for (size_t i = 0; i < row->n_cells; i++)
    if (strcmp(row->cells[i].name, name) == 0)
      return &row->cells[i];
  return NULL;
}

void
kb_i_layout_release(Layout *lay)
{
  for (size_t i = 0; i < lay->n; i++)
    g_free(lay->names[i]);
  g_free(lay->names);
  g_free(lay->known);
  g_free(lay->keys);
  g_free(lay->values);
  memset(lay, 0, sizeof *lay);
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
const Layout *
kb_i_layout_of(KbBuilder *b, KbTable table, const KbRow *row)
{
  Layout *lay = &b->layouts[table];
  gboolean same = lay->names != NULL && lay->n == row->n_cells;
  for (size_t i = 0; same && i < row->n_cells; i++)
    same = same_name(lay->names[i], row->cells[i].name);
  if (same)
    return lay;
  kb_i_layout_release(lay);
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

/* Where the row says nothing for a required field, the error points at the
 * row's start. */
void
kb_i_missing_field(KbBuilder *b, const KbRow *row, const char *name, const char *what)
{
  const KbCell *c = kb_i_row_cell(row, name);
  kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, row->file, c ? c->line : row->line,
                   c ? c->column : 0, name, "%s; %s", c ? "empty" : "missing", what);
}
