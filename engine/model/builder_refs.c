/* builder_refs.c -- references between rows, resolved once every row is
 * in: organisations' sectors, relations' ends (and repeated relations),
 * cities' countries; each id that names no node, or a node of the wrong
 * kind, reported at its cell with the closest id. */
#include <string.h>

#include "base/suggest.h"
#include "model/builder_internal.h"
#include "model/relation_set.h"

/* Above this many unknown ids, stop looking for similar ones: each look-up
 * scans every id. */
#define MAX_SUGGESTIONS 200

/* --------------------------------------------------------------- finish */

/* Reports an id that names no node, with the closest existing id. */
void
kb_i_builder_unknown_node(KbBuilder *b, const char *file, unsigned line, unsigned column,
                          const char *field, const char *id, const char *expected)
{
  const char *suggestion = NULL;
  if (b->suggestions < MAX_SUGGESTIONS) {
    b->suggestions++;
    size_t best_d = 3;
    for (guint i = 0; i < b->ds->nodes->len && best_d > 0; i++) {
      const char *cand = g_array_index(b->ds->nodes, KbNode, i).id;
      /* only one closer than the best so far can take its place */
      size_t d = kb_i_edit_distance(id, cand, best_d - 1);
      if (d < best_d && kb_i_is_close(id, d)) {
        best_d = d;
        suggestion = cand;
      }
    }
  }
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "unknown node '%s'", id);
  kb_i_append_suggestion(s, suggestion);
  g_string_append_printf(s, "; expected %s", expected);
  kb_diag_list_add(b->diags, KB_SEVERITY_ERROR, file, line, column, field, "%s", s->str);
  g_string_free(s, TRUE);
}

/* TRUE when 'id', which names no node, may be the id of a row that was
 * rejected or that stood in a nodes file that could not be read: a
 * reference to it fails only because of that error, and is counted as its
 * consequence (kb_diag_list_add_consequence()) rather than reported. */
gboolean
kb_i_builder_was_rejected(const KbBuilder *b, const char *id)
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
  if (i == KB_NO_NODE && kb_i_builder_was_rejected(b, id)) {
    kb_diag_list_add_consequence(b->diags);
    return KB_NO_NODE;
  }
  g_autofree char *expected = g_strdup_printf("the id of %s %s node", article(want),
                                              kb_node_kind_name(want));
  if (i == KB_NO_NODE) {
    kb_i_builder_unknown_node(b, file, line, column, field, id, expected);
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
size_t
kb_i_builder_resolve_node_of_kind(KbBuilder *b, const char *file, unsigned line, unsigned column,
                                  const char *field, const char *id, KbNodeKind want)
{
  return check_node_of_kind(b, file, line, column, field, id, kb_dataset_find(b->ds, id),
                            want);
}

/* Each organisation's sector, found when its row was added or now. */
void
kb_i_builder_resolve_sectors(KbBuilder *b)
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
size_t
kb_i_builder_first_of_kind(const KbBuilder *b, KbNodeKind kind)
{
  const guint8 *k = b->kinds->len > 0 ? memchr(b->kinds->data, kind, b->kinds->len) : NULL;
  return k != NULL ? (size_t) (k - b->kinds->data) : KB_NO_NODE;
}

/* Where the dataset defines sectors, each organisation needs one (unless
 * kb_builder_set_sector_required() said otherwise); a dataset without a
 * sector node is a plain graph, whose organisations need none. */
void
kb_i_builder_check_sectorless(KbBuilder *b)
{
  if (!b->sector_required || kb_i_builder_first_of_kind(b, KB_NODE_SECTOR) == KB_NO_NODE)
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
void
kb_i_builder_resolve_relations(KbBuilder *b)
{
  KbRelation *rels = (KbRelation *) b->ds->relations->data;
  size_t m = b->ds->relations->len, kept = 0;
  g_return_if_fail(m < G_MAXUINT32);
  RelationSet seen;
  kb_i_relation_set_init(&seen, b->ds, m);
  guint late = 0, far = 0;
  for (size_t i = 0; i < m; i++) {
    if (i + RELATION_PREFETCH < m)
      kb_i_relation_set_prefetch(&seen, &rels[i + RELATION_PREFETCH]);
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
    if ((r.from == KB_NO_NODE && kb_i_builder_was_rejected(b, from_text))
        || (r.to == KB_NO_NODE && kb_i_builder_was_rejected(b, to_text))) {
      kb_diag_list_add_consequence(b->diags);
      continue;
    }
    if (r.from == KB_NO_NODE)
      kb_i_builder_unknown_node(b, file, cells.from_line, cells.from_column, "from", from_text,
                                "the id of a node in the nodes table");
    if (r.to == KB_NO_NODE)
      kb_i_builder_unknown_node(b, file, cells.to_line, cells.to_column, "to", to_text,
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
    size_t first = kb_i_relation_set_add(&seen, kept);
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
void
kb_i_builder_resolve_countries(KbBuilder *b)
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
