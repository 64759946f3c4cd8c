/* builder_rows.c -- node and relation rows taken in: their fields read
 * where they stand, checked, and kept in the dataset's arena; the limits on
 * rows. The hot path of every loader: the helpers a row calls per cell are
 * static here, so that the compiler can inline them. */
#include <math.h>
#include <string.h>

#include "base/suggest.h"
#include "klaverblad/terminal.h"
#include "model/builder_internal.h"

/* -------------------------------------------------------------- helpers */

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
void
kb_i_warn_control_columns(KbBuilder *b, const KbRow *row, const char *const *names, const char *key)
{
  for (const char *const *name = names; *name != NULL; name++) {
    const KbCell *c = kb_i_row_cell(row, *name);
    Text t = cell_text(c);
    size_t at = find_control_char(t, TRUE);
    if (at < t.len)
      warn_control_char(b, row, c, key && strcmp(*name, "value") == 0 ? key : c->name, t, at);
  }
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

static char *
describe_unknown_kind(const char *what, const char *value, KbTable table)
{
  const char *names[(int) KB_REL_KIND_COUNT + (int) KB_NODE_KIND_COUNT];
  size_t n = table == KB_TABLE_NODES ? KB_NODE_KIND_COUNT : KB_REL_KIND_COUNT;
  for (size_t k = 0; k < n; k++)
    names[k] = table == KB_TABLE_NODES ? kb_node_kind_name(k) : kb_rel_kind_name(k);
  return kb_i_describe_unknown(what, value, names, n);
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

/* ---------------------------------------------------------------- nodes */

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
    g_autofree char *msg = kb_i_describe_unknown("role", text, names, G_N_ELEMENTS(names));
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
  const Layout *lay = kb_i_layout_of(b, KB_TABLE_NODES, row);
  const KbCell *id_cell = layout_cell(lay, row, NODE_ID);
  const KbCell *kind_cell = layout_cell(lay, row, NODE_KIND);
  Text id_text = cell_text(id_cell);
  Text kind_text = cell_text(kind_cell);
  const char *id = text_z(b, 0, id_text);
  gboolean ok = TRUE;

  if (id == NULL) {
    kb_i_missing_field(b, row, "id", "every node needs an id");
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
    kb_i_missing_field(b, row, "kind", "expected a node kind");
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
  const Layout *lay = kb_i_layout_of(b, KB_TABLE_RELATIONS, row);
  const KbCell *from_cell = layout_cell(lay, row, REL_FROM);
  const KbCell *to_cell = layout_cell(lay, row, REL_TO);
  const KbCell *kind_cell = layout_cell(lay, row, REL_KIND);
  Text from = cell_text(from_cell);
  Text to = cell_text(to_cell);
  Text kind_text = cell_text(kind_cell);
  gboolean ok = TRUE;

  if (from.s == NULL) {
    kb_i_missing_field(b, row, "from", "expected the id of the node the relation starts at");
    ok = FALSE;
  }
  if (to.s == NULL) {
    kb_i_missing_field(b, row, "to", "expected the id of the node the relation points to");
    ok = FALSE;
  }
  int kind = 0;
  if (kind_text.s == NULL) {
    kb_i_missing_field(b, row, "kind", "expected a relation kind");
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
    kb_i_append_suggestion(what, kb_i_closest(status_text, statuses, G_N_ELEMENTS(statuses)));
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
  const char *id = text_z(b, 0, cell_text(kb_i_row_cell(row, "id")));
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
  case KB_TABLE_META: kb_i_builder_add_meta_row(b, row); break;
  case KB_TABLE_QUESTIONS: kb_i_builder_add_question_row(b, row); break;
  }
}
