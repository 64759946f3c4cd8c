/* load_graphml.c -- GraphML, as Gephi, yEd, NetworkX and igraph write it,
 * read with GLib's GMarkup. Node and edge data named as klaverblad's
 * columns (kind, label, sector, since, weight, ...) fill those; the rest
 * are kept as attributes. A graph without kinds reads like an edge list:
 * organisations without sectors tied by partner_of. The graph's own data
 * are the keys of dataset.csv (a graph's name, as NetworkX's G.name, the
 * title where none is given), and 'questions' the text of questions.csv. */
#include <string.h>

#include "io/io_internal.h"

typedef struct {
  char *id;
  char *name;               /* attr.name, lower case */
  gboolean for_edge;
} Key;

typedef struct {
  GPtrArray *names;         /* owned, lower case */
  GPtrArray *values;        /* owned */
  GArray *lines, *columns;
  unsigned line, column;    /* of the element */
  char *data_key;           /* inside <data key=...> */
  GString *text;
  unsigned text_line, text_column;   /* where the data's text starts */
} Item;

typedef struct {
  const char *path;
  KbDiagList *diags;
  GMarkupParseContext *ctx;
  GArray *keys;             /* of Key */
  GPtrArray *nodes, *edges; /* of Item* */
  Item *graph;              /* the data of the graph itself (top level), or NULL */
  int graph_depth;          /* <graph> elements open */
  Item *current;            /* the node, edge or graph being read */
  gboolean in_data;
  GString *questions;       /* the graph's questions data, as written, or NULL */
  unsigned questions_line, questions_column;
} Reader;

/* Where GMarkup stands, as a line and a column: it counts a line feed as
 * the first character of the next line, so that a column past the first
 * line is one too far, and a position at a line feed (column 1) is the end
 * of the line before, whose column it does not say (0). */
static void
markup_position(GMarkupParseContext *ctx, unsigned *line, unsigned *column)
{
  int l, c;
  g_markup_parse_context_get_position(ctx, &l, &c);
  if (l > 1 && c == 1) {
    *line = (unsigned) l - 1;
    *column = 0;
  } else {
    *line = (unsigned) l;
    *column = (unsigned) (l > 1 ? c - 1 : c);
  }
}

static void
item_free(gpointer p)
{
  Item *it = p;
  if (it == NULL)
    return;
  g_ptr_array_unref(it->names);
  g_ptr_array_unref(it->values);
  g_array_unref(it->lines);
  g_array_unref(it->columns);
  g_free(it->data_key);
  if (it->text)
    g_string_free(it->text, TRUE);
  g_free(it);
}

static Item *
item_new(Reader *rd)
{
  Item *it = g_new0(Item, 1);
  it->names = g_ptr_array_new_with_free_func(g_free);
  it->values = g_ptr_array_new_with_free_func(g_free);
  it->lines = g_array_new(FALSE, FALSE, sizeof(unsigned));
  it->columns = g_array_new(FALSE, FALSE, sizeof(unsigned));
  markup_position(rd->ctx, &it->line, &it->column);
  return it;
}

static void
item_set(Item *it, const char *name, const char *value, unsigned line, unsigned column)
{
  for (guint i = 0; i < it->names->len; i++)
    if (strcmp(g_ptr_array_index(it->names, i), name) == 0) {
      g_free(g_ptr_array_index(it->values, i));
      g_ptr_array_index(it->values, i) = g_strdup(value);
      return;
    }
  g_ptr_array_add(it->names, g_ascii_strdown(name, -1));
  g_ptr_array_add(it->values, g_strdup(value));
  g_array_append_val(it->lines, line);
  g_array_append_val(it->columns, column);
}

static const char *
attr(const char **names, const char **values, const char *want)
{
  for (size_t i = 0; names[i]; i++)
    if (strcmp(names[i], want) == 0)
      return values[i];
  return NULL;
}

static void
on_start(GMarkupParseContext *ctx, const char *element, const char **names, const char **values,
         gpointer data, GError **error)
{
  Reader *rd = data;
  unsigned line, column;
  markup_position(ctx, &line, &column);
  if (strcmp(element, "key") == 0) {
    Key k = { g_strdup(attr(names, values, "id")),
              g_ascii_strdown(attr(names, values, "attr.name") ? attr(names, values, "attr.name")
                                                                : "", -1),
              g_strcmp0(attr(names, values, "for"), "edge") == 0 };
    if (k.id == NULL)
      kb_diag_list_add(rd->diags, KB_SEVERITY_ERROR, rd->path, line, column,
                       NULL, "<key> without an id; expected id=\"...\"");
    g_array_append_val(rd->keys, k);
  } else if (strcmp(element, "node") == 0 || strcmp(element, "edge") == 0) {
    gboolean node = element[0] == 'n';
    Item *it = item_new(rd);
    const char *need[2] = { node ? "id" : "source", node ? NULL : "target" };
    for (int i = 0; i < 2; i++) {
      if (need[i] == NULL)
        continue;
      const char *v = attr(names, values, need[i]);
      if (v == NULL)
        kb_diag_list_add(rd->diags, KB_SEVERITY_ERROR, rd->path, line, column, need[i], "<%s> without %s; expected %s=\"...\"",
                         element, need[i], need[i]);
      else
        item_set(it, node ? "id" : (i == 0 ? "from" : "to"), v, line, column);
    }
    g_ptr_array_add(node ? rd->nodes : rd->edges, it);
    rd->current = it;
  } else if (strcmp(element, "graph") == 0) {
    if (++rd->graph_depth == 1) {
      if (rd->graph == NULL)
        rd->graph = item_new(rd);
      rd->current = rd->graph;
    }
  } else if (strcmp(element, "data") == 0 && rd->current != NULL) {
    const char *key = attr(names, values, "key");
    rd->in_data = TRUE;
    rd->current->text_line = line;
    rd->current->text_column = column;
    g_free(rd->current->data_key);
    rd->current->data_key = g_strdup(key ? key : "");
    if (rd->current->text == NULL)
      rd->current->text = g_string_new(NULL);
    g_string_truncate(rd->current->text, 0);
  }
  (void) error;
}

/* Where the value of the data just read starts: its text's first character
 * that is not blank. Returns that character's offset in the text. */
static size_t
value_start(const Item *it, unsigned *line, unsigned *column)
{
  const char *t = it->text->str;
  size_t i = 0;
  *line = it->text_line;
  *column = it->text_column;
  for (; t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n'; i++) {
    *column = t[i] == '\n' ? 1 : *column + 1;
    *line += t[i] == '\n';
  }
  return i;
}

static void
on_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
  Reader *rd = data;
  if (rd->in_data && rd->current != NULL)
    g_string_append_len(rd->current->text, text, (gssize) len);
}

static void
on_end(GMarkupParseContext *ctx, const char *element, gpointer data, GError **error)
{
  Reader *rd = data;
  if (strcmp(element, "data") == 0 && rd->current != NULL && rd->in_data) {
    rd->in_data = FALSE;
    const char *name = NULL;
    for (guint i = 0; i < rd->keys->len; i++)
      if (g_strcmp0(g_array_index(rd->keys, Key, i).id, rd->current->data_key) == 0)
        name = g_array_index(rd->keys, Key, i).name;
    if (name == NULL || *name == '\0') {
      kb_diag_list_add(rd->diags, KB_SEVERITY_ERROR, rd->path, rd->current->text_line,
                       rd->current->text_column,
                       NULL, "<data key=\"%s\"> names no <key> with an attr.name; declare the key "
                       "first", rd->current->data_key);
      return;
    }
    unsigned vline, vcolumn;
    size_t at = value_start(rd->current, &vline, &vcolumn);
    const GString *t = rd->current->text;
    if (rd->current == rd->graph && strcmp(name, "questions") == 0) {
      /* CSV text, read from where it starts */
      if (rd->questions != NULL)
        g_string_free(rd->questions, TRUE);
      rd->questions = g_string_new_len(t->str + at, (gssize) (t->len - at));
      rd->questions_line = vline;
      rd->questions_column = vcolumn;
      return;
    }
    item_set(rd->current, name, g_strstrip(t->str + at), vline, vcolumn);
  } else if (strcmp(element, "node") == 0 || strcmp(element, "edge") == 0) {
    rd->current = rd->graph_depth == 1 ? rd->graph : NULL;
  } else if (strcmp(element, "graph") == 0) {
    if (rd->graph_depth-- == 1)
      rd->current = NULL;
  }
}

static void
add_rows(Reader *rd, KbBuilder *b, GPtrArray *items, KbTable table)
{
  for (guint i = 0; i < items->len; i++) {
    Item *it = g_ptr_array_index(items, i);
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(KbCell));
    gboolean kind = FALSE;
    for (guint j = 0; j < it->names->len; j++) {
      const char *name = g_ptr_array_index(it->names, j);
      kind |= strcmp(name, "kind") == 0;
      KbCell c = { name, g_ptr_array_index(it->values, j), g_array_index(it->lines, unsigned, j),
                   g_array_index(it->columns, unsigned, j) };
      g_array_append_val(cells, c);
    }
    if (!kind) {
      KbCell c = { "kind", table == KB_TABLE_NODES ? "organisation" : "partner_of", it->line,
                   it->column };
      g_array_append_val(cells, c);
    }
    /* igraph names its vertices with 'name' */
    gboolean labelled = FALSE;
    const KbCell *name = NULL;
    for (guint j = 0; j < cells->len; j++) {
      const KbCell *c = &g_array_index(cells, KbCell, j);
      labelled |= strcmp(c->name, "label") == 0;
      if (strcmp(c->name, "name") == 0)
        name = c;
    }
    if (table == KB_TABLE_NODES && !labelled && name != NULL) {
      KbCell c = { "label", name->value, name->line, name->column };
      g_array_append_val(cells, c);
    }
    KbRow row = { rd->path, it->line, (KbCell *) cells->data, cells->len };
    kb_builder_add_row(b, table, &row);
    g_array_unref(cells);
  }
}

/* The graph's data as the rows of dataset.csv and questions.csv. */
static void
add_graph(Reader *rd, KbBuilder *b)
{
  Item *g = rd->graph;
  gboolean titled = FALSE;
  for (guint j = 0; g != NULL && j < g->names->len; j++)
    titled |= strcmp(g_ptr_array_index(g->names, j), "title") == 0;
  for (guint j = 0; g != NULL && j < g->names->len; j++) {
    const char *key = g_ptr_array_index(g->names, j);
    if (!titled && strcmp(key, "name") == 0)
      key = "title";
    unsigned line = g_array_index(g->lines, unsigned, j);
    unsigned column = g_array_index(g->columns, unsigned, j);
    KbCell cells[2] = { { "key", key, line, column },
                        { "value", g_ptr_array_index(g->values, j), line, column } };
    KbRow row = { rd->path, line, cells, 2 };
    kb_builder_add_row(b, KB_TABLE_META, &row);
  }
  if (rd->questions != NULL)
    kb_i_table_parse(b, rd->diags, rd->path, rd->questions->str, rd->questions->len,
                     rd->questions_line, rd->questions_column, KB_TABLE_QUESTIONS);
}

KbDataset *
kb_i_load_graphml(const KbInput *in, const KbLimits *limits, KbDiagList *diags)
{
  const char *path = in->name;
  g_autoptr(KbBuilder) builder = kb_builder_new(path, diags);
  kb_builder_set_limits(builder, limits);
  KbText text;
  if (!kb_i_text_read(in->path, path, &text, diags) || !kb_i_text_check(&text, diags)) {
    kb_i_text_release(&text);
    return kb_builder_finish(builder);
  }
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  Reader rd = { path, diags, NULL, g_array_new(FALSE, FALSE, sizeof(Key)),
                g_ptr_array_new_with_free_func(item_free),
                g_ptr_array_new_with_free_func(item_free), NULL, 0, NULL, FALSE, NULL, 0, 0 };
  rd.ctx = g_markup_parse_context_new(&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &rd, NULL);
  g_autoptr(GError) err = NULL;
  if (!g_markup_parse_context_parse(rd.ctx, text.data + text.body, (gssize) (text.len - text.body), &err)
      || !g_markup_parse_context_end_parse(rd.ctx, &err)) {
    unsigned line, column;
    markup_position(rd.ctx, &line, &column);
    /* GMarkup's message already names the line and character */
    const char *msg = err->message;
    const char *colon = strstr(msg, ": ");
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, path, line, column, NULL,
                     "malformed XML: %s", colon && g_str_has_prefix(msg, "Error on line")
                                          ? colon + 2 : msg);
  } else {
    add_rows(&rd, builder, rd.nodes, KB_TABLE_NODES);
    add_rows(&rd, builder, rd.edges, KB_TABLE_RELATIONS);
    add_graph(&rd, builder);
  }
  g_markup_parse_context_free(rd.ctx);
  for (guint i = 0; i < rd.keys->len; i++) {
    g_free(g_array_index(rd.keys, Key, i).id);
    g_free(g_array_index(rd.keys, Key, i).name);
  }
  g_array_unref(rd.keys);
  g_ptr_array_unref(rd.nodes);
  g_ptr_array_unref(rd.edges);
  item_free(rd.graph);
  if (rd.questions != NULL)
    g_string_free(rd.questions, TRUE);
  kb_i_text_release(&text);
  return kb_builder_finish(builder);
}
