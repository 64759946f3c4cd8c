/* builder.c -- rows of text in, a checked dataset out.
 *
 * Every loader goes through here, so that the rules of the model (required
 * fields, kinds, years, references, which relation kinds join which node
 * kinds) are checked in one place, and each problem is reported at the cell
 * that holds it. This file holds the builder's life (new, settings, free,
 * finish) and the checks of the whole data that finish makes last; the
 * phases between have a file each (builder_internal.h says which). */
#include <string.h>

#include "model/builder_internal.h"

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
    kb_i_layout_release(&b->layouts[i]);
  g_string_free(b->last_from, TRUE);
  for (size_t i = 0; i < G_N_ELEMENTS(b->scratch); i++)
    g_string_free(b->scratch[i], TRUE);
  kb_dataset_free(b->ds);
  g_free(b);
}

/* ------------------------------------------------ checks of the whole data */

/* Organisations in a dataset without sectors: said once, at the first. */
static void
warn_no_sectors(KbBuilder *b)
{
  size_t org = kb_i_builder_first_of_kind(b, KB_NODE_ORGANISATION);
  if (org == KB_NO_NODE || kb_i_builder_first_of_kind(b, KB_NODE_SECTOR) != KB_NO_NODE)
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
  return kb_i_builder_first_of_kind(b, KB_NODE_CITY) != KB_NO_NODE
         || kb_i_builder_first_of_kind(b, KB_NODE_REGION) != KB_NO_NODE
         || kb_i_builder_first_of_kind(b, KB_NODE_COUNTRY) != KB_NO_NODE;
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
    if (kb_node_kind_is_place(b->kinds->data[i]))
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
  kb_i_builder_resolve_sectors(b);
  kb_i_builder_check_sectorless(b);
  kb_i_builder_resolve_relations(b);
  kb_i_builder_resolve_countries(b);
  kb_i_builder_resolve_meta(b);
  kb_i_builder_resolve_questions(b);
  kb_i_dataset_seal(b->ds);
  warn_no_home(b);
  /* Isolation and missing locations are judged on the whole data: while
   * rows are rejected, they would point at the wrong cause. */
  if (kb_diag_list_count(b->diags, KB_SEVERITY_ERROR) == 0)
    warn_structure(b);
  return hand_over(b);
}
