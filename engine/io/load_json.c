/* load_json.c -- a dataset as one JSON document:
 *   { "nodes": [ {...}, ... ], "relations": [ {...}, ... ] }
 * Each object is a row whose members are the CSV columns. Also read:
 * node-link JSON, as klaverblad exports it and NetworkX's node_link_data
 * writes it ({"graph": {...}, "nodes": [...], "links": [...]}), and Kumu's
 * JSON export. cJSON stays in this file. */
#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "io/io_internal.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cJSON, cJSON_Delete)

/* ------------------------------------------------------------ positions */

/* cJSON does not record where a value stood in the text. Having checked the
 * syntax, cJSON's tree and the text are walked side by side to find the
 * offset of every value, keyed by its cJSON node.
 *
 * The walk also finds the strings that hold a NUL (written \u0000), which
 * cJSON would silently cut there: each is noted with the member it
 * belongs to, to be reported as an error. */

/* A \u0000 in a string of the text. */
typedef struct {
  size_t offset;          /* of its backslash */
  const char *member;     /* the member whose value holds it, or NULL for a
                           * member's name or a string outside any member */
} NulAt;

typedef struct {
  const char *s;
  size_t len;
  size_t i;
  GHashTable *where;      /* cJSON* -> offset + 1 */
  GArray *nuls;           /* of NulAt, in text order */
} Locator;

static void
loc_skip_ws(Locator *lc)
{
  while (lc->i < lc->len && (lc->s[lc->i] == ' ' || lc->s[lc->i] == '\t'
                             || lc->s[lc->i] == '\n' || lc->s[lc->i] == '\r'))
    lc->i++;
}

/* Skips a string, noting the first \u0000 in it as one of 'member'. An
 * escape is read whole, so the backslash of \\u0000 is not taken for the
 * start of one. */
static void
loc_skip_string(Locator *lc, const char *member)
{
  gboolean noted = FALSE;
  lc->i++;                /* the opening quote */
  while (lc->i < lc->len && lc->s[lc->i] != '"') {
    if (lc->s[lc->i] == '\\') {
      if (!noted && lc->len - lc->i >= 6 && memcmp(lc->s + lc->i + 1, "u0000", 5) == 0) {
        NulAt nul = { lc->i, member };
        g_array_append_val(lc->nuls, nul);
        noted = TRUE;
      }
      lc->i++;
    }
    lc->i++;
  }
  lc->i++;                /* the closing quote */
}

/* Walks the value 'item' that stands at the text's position, the value of
 * 'member' (NULL outside any). */
static void
loc_value(Locator *lc, const cJSON *item, const char *member)
{
  loc_skip_ws(lc);
  g_hash_table_insert(lc->where, (gpointer) item, GSIZE_TO_POINTER(lc->i + 1));
  if (lc->i >= lc->len)
    return;
  char c = lc->s[lc->i];
  if (c == '{' || c == '[') {
    char close = c == '{' ? '}' : ']';
    lc->i++;
    for (const cJSON *child = item->child; child != NULL; child = child->next) {
      loc_skip_ws(lc);
      if (c == '{') {
        loc_skip_string(lc, NULL);
        loc_skip_ws(lc);
        lc->i++;          /* ':' */
      }
      loc_value(lc, child, c == '{' ? child->string : member);
      loc_skip_ws(lc);
      if (lc->i < lc->len && lc->s[lc->i] == ',')
        lc->i++;
    }
    loc_skip_ws(lc);
    if (lc->i < lc->len && lc->s[lc->i] == close)
      lc->i++;
  } else if (c == '"') {
    loc_skip_string(lc, member);
  } else {
    while (lc->i < lc->len && !strchr(",]} \t\r\n", lc->s[lc->i]))
      lc->i++;
  }
}

typedef struct {
  const char *path;
  const char *text;       /* the body, after any byte-order mark */
  KbDiagList *diags;
  KbBuilder *builder;
  gboolean node_link;     /* the members are node-link's (see column_of()) */
  GHashTable *where;
  /* a line index: line_starts[k] is the offset where line k + 1 starts */
  GArray *line_starts;
  /* the last position found: values are looked up in the order they stand,
   * so a column is counted on from there rather than from its line's start
   * (a document on one line would take quadratic time) */
  size_t last_off;
  guint last_line;        /* its index in line_starts */
  unsigned last_column;
} JsonLoad;

/* The line and column of the text's byte 'off'. */
static void
position_at(JsonLoad *jl, size_t off, unsigned *line, unsigned *column)
{
  /* binary search for the line holding 'off' */
  guint lo = 0, hi = jl->line_starts->len;
  while (hi - lo > 1) {
    guint mid = (lo + hi) / 2;
    if (g_array_index(jl->line_starts, size_t, mid) <= off)
      lo = mid;
    else
      hi = mid;
  }
  size_t start = g_array_index(jl->line_starts, size_t, lo);
  *line = lo + 1;
  if (jl->last_column > 0 && lo == jl->last_line && off >= jl->last_off)
    *column = jl->last_column
              + (unsigned) g_utf8_strlen(jl->text + jl->last_off, (gssize) (off - jl->last_off));
  else
    *column = (unsigned) g_utf8_strlen(jl->text + start, (gssize) (off - start)) + 1;
  jl->last_off = off;
  jl->last_line = lo;
  jl->last_column = *column;
}

static void
position_of(JsonLoad *jl, const cJSON *item, unsigned *line, unsigned *column)
{
  size_t off = GPOINTER_TO_SIZE(g_hash_table_lookup(jl->where, item));
  if (off == 0) {
    *line = *column = 0;
    return;
  }
  position_at(jl, off - 1, line, column);
}

/* Reports each string that holds a NUL, where its \u0000 stands. */
static void
report_nuls(JsonLoad *jl, const GArray *nuls)
{
  for (guint i = 0; i < nuls->len; i++) {
    const NulAt *nul = &g_array_index(nuls, NulAt, i);
    unsigned line, column;
    position_at(jl, nul->offset, &line, &column);
    g_autofree char *field = nul->member ? g_utf8_strdown(nul->member, -1) : NULL;
    kb_diag_list_add(jl->diags, KB_SEVERITY_ERROR, jl->path, line, column, field,
                     "the %s holds a NUL character (\\u0000); expected text",
                     nul->member ? "string" : "member name");
  }
}

static GArray *
index_lines(const char *s, size_t len)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(size_t));
  size_t zero = 0;
  g_array_append_val(a, zero);
  for (size_t i = 0; i < len; i++)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))) {
      size_t next = i + 1;
      g_array_append_val(a, next);
    }
  return a;
}

/* ----------------------------------------------------------------- rows */

static void
json_error(JsonLoad *jl, const cJSON *item, const char *field, const char *fmt, ...)
  G_GNUC_PRINTF(4, 5);

static void
json_error(JsonLoad *jl, const cJSON *item, const char *field, const char *fmt, ...)
{
  unsigned line, column;
  position_of(jl, item, &line, &column);
  va_list ap;
  va_start(ap, fmt);
  g_autofree char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  kb_diag_list_add(jl->diags, KB_SEVERITY_ERROR, jl->path, line, column, field, "%s", msg);
}

static const char *
json_type_name(const cJSON *v)
{
  if (cJSON_IsObject(v)) return "an object";
  if (cJSON_IsArray(v)) return "an array";
  if (cJSON_IsString(v)) return "a string";
  if (cJSON_IsNumber(v)) return "a number";
  if (cJSON_IsBool(v)) return "a boolean";
  return "null";
}

/* The text of a scalar member, or NULL (after reporting) when it has none. */
static char *
member_text(JsonLoad *jl, const cJSON *m, const char *name)
{
  if (cJSON_IsString(m))
    return g_strdup(m->valuestring);
  if (cJSON_IsNumber(m)) {
    double v = m->valuedouble;
    if (isfinite(v) && v == floor(v) && fabs(v) < 1e15)
      return g_strdup_printf("%.0f", v);
    /* the shortest text that reads back as the same number: 0.1, not
     * 0.10000000000000001 */
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    for (int digits = 15; digits < 17; digits++) {
      char format[8];
      g_snprintf(format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd(buf, sizeof buf, format, v);
      if (g_ascii_strtod(buf, NULL) == v)
        return g_strdup(buf);
    }
    return g_strdup(g_ascii_dtostr(buf, sizeof buf, v));
  }
  if (cJSON_IsBool(m))
    return g_strdup(cJSON_IsTrue(m) ? "true" : "false");
  if (cJSON_IsNull(m))
    return g_strdup("");
  gboolean tags = strcmp(name, "tags") == 0;
  if ((tags || strcmp(name, "themes") == 0) && cJSON_IsArray(m)) {
    GString *s = g_string_new(NULL);
    const cJSON *t;
    cJSON_ArrayForEach(t, m) {
      if (!cJSON_IsString(t)) {
        json_error(jl, t, name, "a %s is %s; expected a string", tags ? "tag" : "theme",
                   json_type_name(t));
        g_string_free(s, TRUE);
        return NULL;
      }
      if (s->len)
        g_string_append_c(s, '|');
      g_string_append(s, t->valuestring);
    }
    return g_string_free(s, FALSE);
  }
  json_error(jl, m, name, "the value is %s; expected a string, number or boolean",
             json_type_name(m));
  return NULL;
}

/* The column a member (its name in lower case) fills; NULL to pass it
 * over. Node-link names a link's ends "source" and "target", numbers the
 * links between two nodes with "key", and klaverblad writes provenance as
 * "provenance" there, "source" being taken. */
static const char *
column_of(const JsonLoad *jl, KbTable table, const char *name)
{
  if (!jl->node_link)
    return name;
  if (strcmp(name, "provenance") == 0)
    return "source";
  if (table != KB_TABLE_RELATIONS)
    return name;
  if (strcmp(name, "source") == 0)
    return "from";
  if (strcmp(name, "target") == 0)
    return "to";
  return strcmp(name, "key") == 0 ? NULL : name;
}

static void
add_object(JsonLoad *jl, KbTable table, const cJSON *obj, const char *array_name, int index)
{
  unsigned line, column;
  position_of(jl, obj, &line, &column);
  if (!cJSON_IsObject(obj)) {
    json_error(jl, obj, NULL, "%s[%d] is %s; expected an object", array_name, index,
               json_type_name(obj));
    return;
  }
  /* A member that cannot be read is reported and left out; the rest of the
   * object still goes to the builder, so that what refers to it resolves. */
  GArray *cells = g_array_new(FALSE, FALSE, sizeof(KbCell));
  GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
  const cJSON *m;
  cJSON_ArrayForEach(m, obj) {
    char *lower = g_utf8_strdown(m->string, -1);
    g_ptr_array_add(owned, lower);
    const char *name = column_of(jl, table, lower);
    if (name == NULL)
      continue;
    gboolean twice = FALSE;
    for (guint k = 0; k < cells->len && !twice; k++)
      if (strcmp(g_array_index(cells, KbCell, k).name, name) == 0) {
        json_error(jl, m, name, "member '%s' appears twice in this object (first at line "
                   "%u); each member may appear once", name,
                   g_array_index(cells, KbCell, k).line);
        twice = TRUE;
      }
    char *value = twice ? NULL : member_text(jl, m, name);
    if (value == NULL)
      continue;
    g_ptr_array_add(owned, value);
    KbCell cell = { name, value, 0, 0 };
    position_of(jl, m, &cell.line, &cell.column);
    g_array_append_val(cells, cell);
  }
  KbRow row = { jl->path, line, (KbCell *) cells->data, cells->len };
  kb_builder_add_row(jl->builder, table, &row);
  g_array_unref(cells);
  g_ptr_array_unref(owned);
}

/* ------------------------------------------------------------ Kumu JSON */

/* One of Kumu's elements or connections: {"_id": ..., "from": ..., "to":
 * ..., "attributes": {"label": ..., "element type": ..., ...}}. */
static void
add_kumu_object(JsonLoad *jl, KbTable table, const cJSON *obj, int index)
{
  const char *array_name = table == KB_TABLE_NODES ? "elements" : "connections";
  if (!cJSON_IsObject(obj)) {
    json_error(jl, obj, NULL, "%s[%d] is %s; expected an object", array_name, index,
               json_type_name(obj));
    return;
  }
  GArray *cells = g_array_new(FALSE, FALSE, sizeof(KbCell));
  GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
  const cJSON *attrs = cJSON_GetObjectItemCaseSensitive(obj, "attributes");
  const cJSON *m;
  cJSON_ArrayForEach(m, obj) {
    const char *name = NULL;
    if (strcmp(m->string, "_id") == 0 && table == KB_TABLE_NODES)
      name = "id";
    else if (strcmp(m->string, "from") == 0 || strcmp(m->string, "to") == 0)
      name = m->string;
    if (name == NULL)
      continue;
    char *value = member_text(jl, m, name);
    if (value == NULL)
      continue;
    g_ptr_array_add(owned, value);
    KbCell cell = { name, value, 0, 0 };
    position_of(jl, m, &cell.line, &cell.column);
    g_array_append_val(cells, cell);
  }
  if (cJSON_IsObject(attrs)) {
    cJSON_ArrayForEach(m, attrs) {
      char *lower = g_utf8_strdown(m->string, -1);
      g_ptr_array_add(owned, lower);
      const char *name = lower;
      if (strcmp(lower, "element type") == 0 || strcmp(lower, "connection type") == 0)
        name = "kind";
      else if (strcmp(lower, "strength") == 0)
        name = "weight";
      else if (strcmp(lower, "connection direction") == 0)
        continue;   /* the kind says whether a tie runs one way */
      char *value = member_text(jl, m, name);
      if (value == NULL)
        continue;
      if (strcmp(name, "kind") == 0) {
        char *kind = kb_i_kumu_kind(value);
        g_free(value);
        value = kind;
      }
      g_ptr_array_add(owned, value);
      KbCell cell = { name, value, 0, 0 };
      position_of(jl, m, &cell.line, &cell.column);
      g_array_append_val(cells, cell);
    }
  }
  unsigned line, column;
  position_of(jl, obj, &line, &column);
  KbRow row = { jl->path, line, (KbCell *) cells->data, cells->len };
  kb_builder_add_row(jl->builder, table, &row);
  g_array_unref(cells);
  g_ptr_array_unref(owned);
}

static void
add_kumu(JsonLoad *jl, const cJSON *root)
{
  kb_builder_set_sector_required(jl->builder, FALSE);
  static const struct { const char *name; KbTable table; } arrays[] = {
    { "elements", KB_TABLE_NODES }, { "connections", KB_TABLE_RELATIONS } };
  for (size_t a = 0; a < G_N_ELEMENTS(arrays); a++) {
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, arrays[a].name);
    if (arr == NULL)
      continue;
    if (!cJSON_IsArray(arr)) {
      json_error(jl, arr, arrays[a].name, "'%s' is %s; expected an array", arrays[a].name,
                 json_type_name(arr));
      continue;
    }
    int i = 0;
    const cJSON *obj;
    cJSON_ArrayForEach(obj, arr)
      add_kumu_object(jl, arrays[a].table, obj, i++);
  }
}

/* "dataset": {"title": "...", "home": "deventer", ...} becomes key,value
 * rows; so does node-link's "graph" object, but for its "questions" (read
 * as the other shape's) and with NetworkX's "name" (G.name) as the title
 * where no title is given. */
static void
add_meta(JsonLoad *jl, const cJSON *obj)
{
  const char *member = jl->node_link ? "graph" : "dataset";
  if (!cJSON_IsObject(obj)) {
    json_error(jl, obj, member, "'%s' is %s; expected an object of keys and values", member,
               json_type_name(obj));
    return;
  }
  gboolean titled = cJSON_GetObjectItemCaseSensitive(obj, "title") != NULL;
  const cJSON *m;
  cJSON_ArrayForEach(m, obj) {
    const char *key = m->string;
    if (jl->node_link && strcmp(key, "questions") == 0)
      continue;
    if (jl->node_link && !titled && strcmp(key, "name") == 0)
      key = "title";
    if (jl->node_link && (cJSON_IsObject(m) || (cJSON_IsArray(m) && strcmp(key, "themes") != 0))) {
      /* NetworkX's graph attributes may be anything */
      unsigned line, column;
      position_of(jl, m, &line, &column);
      kb_diag_list_add(jl->diags, KB_SEVERITY_WARNING, jl->path, line, column, key,
                       "graph attribute '%s' is %s; only text, numbers and booleans are "
                       "facts of a dataset; it is ignored", key, json_type_name(m));
      continue;
    }
    g_autofree char *value = member_text(jl, m, key);
    if (value == NULL)
      continue;
    unsigned line, column;
    position_of(jl, m, &line, &column);
    KbCell cells[2] = { { "key", key, line, column }, { "value", value, line, column } };
    KbRow row = { jl->path, line, cells, 2 };
    kb_builder_add_row(jl->builder, KB_TABLE_META, &row);
  }
}

/* Warns about a member of the document that is none of 'known' (NULL
 * ends the list). */
static void
warn_unknown(JsonLoad *jl, const cJSON *m, const char *const *known)
{
  for (size_t i = 0; known[i] != NULL; i++)
    if (strcmp(m->string, known[i]) == 0)
      return;
  unsigned line, column;
  position_of(jl, m, &line, &column);
  kb_diag_list_add(jl->diags, KB_SEVERITY_WARNING, jl->path, line, column, m->string,
                   "member '%s' is not part of a dataset; it is ignored", m->string);
}

static void
add_array(JsonLoad *jl, const cJSON *root, const char *name, KbTable table, gboolean optional)
{
  const cJSON *arr = NULL;
  const cJSON *m;
  cJSON_ArrayForEach(m, root)
    if (strcmp(m->string, name) == 0)
      arr = m;
  if (arr == NULL) {
    if (!optional) {
      json_error(jl, root, NULL, "missing member '%s'; expected an array of %s objects", name,
                 table == KB_TABLE_NODES ? "node" : "relation");
      kb_builder_set_table_unread(jl->builder, table);
    }
    return;
  }
  if (!cJSON_IsArray(arr)) {
    json_error(jl, arr, name, "'%s' is %s; expected an array", name, json_type_name(arr));
    kb_builder_set_table_unread(jl->builder, table);
    return;
  }
  int i = 0;
  const cJSON *obj;
  cJSON_ArrayForEach(obj, arr)
    add_object(jl, table, obj, name, i++);
}

/* The links of node-link JSON: NetworkX's node_link_data calls them
 * "links" (newer versions may say "edges"). */
static const char *
links_member(const cJSON *root)
{
  if (cJSON_GetObjectItemCaseSensitive(root, "links") != NULL)
    return "links";
  return cJSON_GetObjectItemCaseSensitive(root, "edges") != NULL ? "edges" : NULL;
}

/* TRUE for node-link JSON: links rather than relations. */
static gboolean
is_node_link(const cJSON *root)
{
  return links_member(root) != NULL
         && cJSON_GetObjectItemCaseSensitive(root, "relations") == NULL;
}

/* {"directed": ..., "multigraph": ..., "graph": {facts, "questions": [...]},
 * "nodes": [...], "links": [...]}. Whether the graph is directed is the
 * relations' kinds' to say, and is not read. */
static void
add_node_link(JsonLoad *jl, const cJSON *root)
{
  jl->node_link = TRUE;
  const char *links = links_member(root);
  add_array(jl, root, "nodes", KB_TABLE_NODES, FALSE);
  add_array(jl, root, links, KB_TABLE_RELATIONS, FALSE);
  const char *const known[] = { "nodes", links, "directed", "multigraph", NULL };
  const cJSON *m;
  cJSON_ArrayForEach(m, root)
    if (strcmp(m->string, "graph") == 0) {
      add_meta(jl, m);
      if (cJSON_IsObject(m))
        add_array(jl, m, "questions", KB_TABLE_QUESTIONS, TRUE);
    } else {
      warn_unknown(jl, m, known);
    }
}

KbDataset *
kb_i_load_json(const KbInput *in, const KbLimits *limits, KbDiagList *diags)
{
  const char *path = in->name;
  g_autoptr(KbBuilder) builder = kb_builder_new(path, diags);
  kb_builder_set_limits(builder, limits);
  KbText text;
  if (!kb_i_text_read(in->path, path, &text, diags) || !kb_i_text_check(&text, diags)) {
    kb_i_text_release(&text);
    return kb_builder_finish(builder);
  }
  const char *body = text.data + text.body;
  size_t len = text.len - text.body;
  const char *end = NULL;
  g_autoptr(cJSON) root = cJSON_ParseWithLengthOpts(body, len, &end, FALSE);
  if (root == NULL) {
    const char *at = cJSON_GetErrorPtr();
    size_t off = at != NULL && at >= body && at <= body + len ? (size_t) (at - body) : 0;
    unsigned line, column;
    kb_i_text_position(body, off, &line, &column);
    if (off >= len) {
      kb_diag_list_add(diags, KB_SEVERITY_ERROR, path, line, column, NULL,
                       "malformed JSON: the document ends too early; expected the rest of "
                       "the value");
    } else {
      int width = (int) (g_utf8_next_char(body + off) - (body + off));
      kb_diag_list_add(diags, KB_SEVERITY_ERROR, path, line, column, NULL,
                       "malformed JSON at '%.*s'; expected a JSON value, ',', ':' or a "
                       "closing bracket", width, body + off);
    }
    kb_i_text_release(&text);
    return kb_builder_finish(builder);
  }

  JsonLoad jl = { path, body, diags, builder, FALSE,
                  g_hash_table_new(g_direct_hash, g_direct_equal),
                  index_lines(body, len), 0, 0, 0 };
  Locator lc = { body, len, 0, jl.where, g_array_new(FALSE, FALSE, sizeof(NulAt)) };
  loc_value(&lc, root, NULL);
  report_nuls(&jl, lc.nuls);
  g_array_unref(lc.nuls);
  size_t rest = (size_t) (end - body);
  while (rest < len && strchr(" \t\r\n", body[rest]))
    rest++;
  if (rest < len) {
    unsigned line, column;
    kb_i_text_position(body, rest, &line, &column);
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, path, line, column, NULL,
                     "text after the end of the JSON document; expected nothing more");
  } else if (!cJSON_IsObject(root)) {
    json_error(&jl, root, NULL, "the document is %s; expected an object with members "
               "'nodes' and 'relations'", json_type_name(root));
  } else if (cJSON_GetObjectItemCaseSensitive(root, "elements") != NULL
             && cJSON_GetObjectItemCaseSensitive(root, "nodes") == NULL) {
    add_kumu(&jl, root);   /* Kumu's JSON export */
  } else if (is_node_link(root)) {
    add_node_link(&jl, root);
  } else {
    add_array(&jl, root, "nodes", KB_TABLE_NODES, FALSE);
    add_array(&jl, root, "relations", KB_TABLE_RELATIONS, FALSE);
    add_array(&jl, root, "questions", KB_TABLE_QUESTIONS, TRUE);
    static const char *const known[] = { "nodes", "relations", "questions", NULL };
    const cJSON *m;
    cJSON_ArrayForEach(m, root)
      if (strcmp(m->string, "dataset") == 0)
        add_meta(&jl, m);
      else
        warn_unknown(&jl, m, known);
  }
  g_hash_table_unref(jl.where);
  g_array_unref(jl.line_starts);
  kb_i_text_release(&text);
  return kb_builder_finish(builder);
}
