/* load_graphml.c -- GraphML, as Gephi, yEd, NetworkX and igraph write it,
 * read with GLib's GMarkup. Node and edge data named as klaverblad's
 * columns (kind, label, sector, since, weight, ...) fill those; the rest
 * are kept as attributes. A graph without kinds reads like an edge list:
 * organisations without sectors tied by partner_of. */
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
} Item;

typedef struct {
  const char *path;
  KbDiagList *diags;
  GMarkupParseContext *ctx;
  GArray *keys;             /* of Key */
  GPtrArray *nodes, *edges; /* of Item* */
  Item *current;            /* the node or edge being read */
  gboolean in_data;
  gboolean has_kind;
} Reader;

static void
item_free(gpointer p)
{
  Item *it = p;
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
  int line, column;
  g_markup_parse_context_get_position(rd->ctx, &line, &column);
  it->line = (unsigned) line;
  it->column = (unsigned) column;
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
  int line, column;
  g_markup_parse_context_get_position(ctx, &line, &column);
  if (strcmp(element, "key") == 0) {
    Key k = { g_strdup(attr(names, values, "id")),
              g_ascii_strdown(attr(names, values, "attr.name") ? attr(names, values, "attr.name")
                                                                : "", -1),
              g_strcmp0(attr(names, values, "for"), "edge") == 0 };
    if (k.id == NULL)
      kb_diag_list_add(rd->diags, KB_SEVERITY_ERROR, rd->path, (unsigned) line, (unsigned) column,
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
        kb_diag_list_add(rd->diags, KB_SEVERITY_ERROR, rd->path, (unsigned) line,
                         (unsigned) column, need[i], "<%s> without %s; expected %s=\"...\"",
                         element, need[i], need[i]);
      else
        item_set(it, node ? "id" : (i == 0 ? "from" : "to"), v, (unsigned) line, (unsigned) column);
    }
    g_ptr_array_add(node ? rd->nodes : rd->edges, it);
    rd->current = it;
  } else if (strcmp(element, "data") == 0 && rd->current != NULL) {
    const char *key = attr(names, values, "key");
    rd->in_data = TRUE;
    g_free(rd->current->data_key);
    rd->current->data_key = g_strdup(key ? key : "");
    if (rd->current->text == NULL)
      rd->current->text = g_string_new(NULL);
    g_string_truncate(rd->current->text, 0);
  }
  (void) error;
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
    int line, column;
    g_markup_parse_context_get_position(ctx, &line, &column);
    if (name == NULL || *name == '\0') {
      kb_diag_list_add(rd->diags, KB_SEVERITY_ERROR, rd->path, (unsigned) line, (unsigned) column,
                       NULL, "<data key=\"%s\"> names no <key> with an attr.name; declare the key "
                       "first", rd->current->data_key);
      return;
    }
    if (strcmp(name, "kind") == 0)
      rd->has_kind = TRUE;
    /* GraphML's own names for the ends of an edge are not attributes */
    item_set(rd->current, name, g_strstrip(rd->current->text->str), (unsigned) line,
             (unsigned) column);
  } else if (strcmp(element, "node") == 0 || strcmp(element, "edge") == 0) {
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
                g_ptr_array_new_with_free_func(item_free), NULL, FALSE, FALSE };
  rd.ctx = g_markup_parse_context_new(&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &rd, NULL);
  g_autoptr(GError) err = NULL;
  if (!g_markup_parse_context_parse(rd.ctx, text.data + text.body, (gssize) (text.len - text.body), &err)
      || !g_markup_parse_context_end_parse(rd.ctx, &err)) {
    int line, column;
    g_markup_parse_context_get_position(rd.ctx, &line, &column);
    /* GMarkup's message already names the line and character */
    const char *msg = err->message;
    const char *colon = strstr(msg, ": ");
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, path, (unsigned) line, (unsigned) column, NULL,
                     "malformed XML: %s", colon && g_str_has_prefix(msg, "Error on line")
                                          ? colon + 2 : msg);
  } else {
    kb_builder_set_sector_required(builder, rd.has_kind);
    add_rows(&rd, builder, rd.nodes, KB_TABLE_NODES);
    add_rows(&rd, builder, rd.edges, KB_TABLE_RELATIONS);
  }
  g_markup_parse_context_free(rd.ctx);
  for (guint i = 0; i < rd.keys->len; i++) {
    g_free(g_array_index(rd.keys, Key, i).id);
    g_free(g_array_index(rd.keys, Key, i).name);
  }
  g_array_unref(rd.keys);
  g_ptr_array_unref(rd.nodes);
  g_ptr_array_unref(rd.edges);
  kb_i_text_release(&text);
  return kb_builder_finish(builder);
}
