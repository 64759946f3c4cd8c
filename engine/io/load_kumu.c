/* load_kumu.c -- Kumu's spreadsheet layout: a folder with elements.csv
 * (Label, Type, Description, Tags, extra fields) and connections.csv (From,
 * To, Type, Strength, Direction, extra fields). Kumu's types map to
 * klaverblad's kinds by name (an organization is an organisation), or by a
 * mapping file; a type that maps to no kind is reported, never dropped.
 * dataset.csv and questions.csv beside elements.csv, which Kumu's layout
 * has no place for, are read as in a dataset folder. */
#include <string.h>

#include "io/io_internal.h"

typedef struct {
  char *kumu;               /* lower case */
  char *kind;
} Mapping;

typedef struct {
  const char *file;         /* as shown */
  const KbInput *in;        /* where it is read */
  KbDiagList *diags;
  KbBuilder *builder;
  KbTable table;
  GPtrArray *header;        /* lower-case names */
  const GArray *map;        /* of Mapping */
  GHashTable *label_to_id;  /* elements: label -> id, for connections */
  GHashTable *ids;          /* the elements' ids (their labels without an ID column) */
  gboolean has_id;
} Sheet;

/* Kumu's column names -> klaverblad's. */
static const char *
column_name(const char *kumu, KbTable table)
{
  static const char *const elements[][2] = {
    { "type", "kind" }, { "element type", "kind" }, { "id", "id" }, { "label", "label" },
  };
  static const char *const connections[][2] = {
    { "type", "kind" }, { "connection type", "kind" }, { "strength", "weight" },
    { "direction", "direction" }, { "from", "from" }, { "to", "to" },
  };
  if (table == KB_TABLE_NODES) {
    for (size_t i = 0; i < G_N_ELEMENTS(elements); i++)
      if (strcmp(kumu, elements[i][0]) == 0)
        return elements[i][1];
  } else {
    for (size_t i = 0; i < G_N_ELEMENTS(connections); i++)
      if (strcmp(kumu, connections[i][0]) == 0)
        return connections[i][1];
  }
  return kumu;
}

char *
kb_i_kumu_kind(const char *type)
{
  char *lower = g_ascii_strdown(type, -1);
  g_strstrip(lower);
  for (char *p = lower; *p; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  if (strcmp(lower, "organization") == 0) {
    g_free(lower);
    return g_strdup("organisation");
  }
  return lower;
}

/* A Kumu type as a kind: through the mapping, else by name ("Organization",
 * "Partner Of" and "partner-of" read as organisation and partner_of). */
static char *
map_type(const Sheet *sh, const char *type)
{
  g_autofree char *lower = g_ascii_strdown(type, -1);
  g_strstrip(lower);
  for (guint i = 0; sh->map && i < sh->map->len; i++)
    if (strcmp(g_array_index(sh->map, Mapping, i).kumu, lower) == 0)
      return g_strdup(g_array_index(sh->map, Mapping, i).kind);
  return kb_i_kumu_kind(type);
}

static gboolean
on_record(const KbCsvRecord *rec, gpointer data)
{
  Sheet *sh = data;
  if (sh->header == NULL) {
    sh->header = g_ptr_array_new_with_free_func(g_free);
    KbCell *cells = g_new(KbCell, rec->n_fields ? rec->n_fields : 1);
    for (size_t i = 0; i < rec->n_fields; i++) {
      g_autofree char *lower = g_ascii_strdown(rec->fields[i].text, -1);
      g_strstrip(lower);
      char *name = g_strdup(column_name(lower, sh->table));
      sh->has_id |= strcmp(name, "id") == 0;
      g_ptr_array_add(sh->header, name);
      cells[i] = (KbCell) { name, rec->fields[i].text, rec->fields[i].line, rec->fields[i].column };
    }
    /* elements need a Label, connections From and To: Kumu's own rule */
    const char *need[] = { sh->table == KB_TABLE_NODES ? "label" : "from",
                           sh->table == KB_TABLE_NODES ? NULL : "to" };
    gboolean ok = TRUE;
    for (int n = 0; n < 2; n++) {
      gboolean found = need[n] == NULL;
      for (guint i = 0; i < sh->header->len && !found; i++)
        found = strcmp(g_ptr_array_index(sh->header, i), need[n]) == 0;
      if (!found) {
        kb_diag_list_add_cause(sh->diags, sh->file, rec->line, 0, NULL,
                               "missing required column '%s'; Kumu's %s have %s",
                               need[n] == NULL ? "" : need[n],
                               sh->table == KB_TABLE_NODES ? "elements" : "connections",
                               sh->table == KB_TABLE_NODES ? "Label, Type, Description, Tags"
                                                           : "From, To, Type, Strength, Direction");
        ok = FALSE;
      }
    }
    g_free(cells);
    return ok;
  }
  GArray *cells = g_array_new(FALSE, FALSE, sizeof(KbCell));
  GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
  const KbCsvField *label = NULL, *id = NULL;
  for (size_t i = 0; i < rec->n_fields && i < sh->header->len; i++) {
    const char *name = g_ptr_array_index(sh->header, i);
    const KbCsvField *f = &rec->fields[i];
    const char *value = f->text;
    if (strcmp(name, "direction") == 0)
      continue;   /* the kind says whether a tie runs one way */
    if (strcmp(name, "kind") == 0 && *value) {
      char *kind = map_type(sh, value);
      g_ptr_array_add(owned, kind);
      value = kind;
    }
    /* an end names an element by its id, else by its label */
    if ((strcmp(name, "from") == 0 || strcmp(name, "to") == 0)
        && !g_hash_table_contains(sh->ids, value)) {
      const char *mapped = g_hash_table_lookup(sh->label_to_id, value);
      if (mapped != NULL)
        value = mapped;
    }
    if (strcmp(name, "label") == 0)
      label = f;
    if (strcmp(name, "id") == 0)
      id = f;
    KbCell c = { name, value, f->line, f->column };
    g_array_append_val(cells, c);
  }
  if (sh->table == KB_TABLE_NODES && !sh->has_id && label != NULL) {
    /* without an ID column, Kumu identifies elements by their label */
    KbCell c = { "id", label->text, label->line, label->column };
    g_array_append_val(cells, c);
  }
  if (sh->table == KB_TABLE_NODES && label != NULL) {
    const char *element = id != NULL ? id->text : label->text;
    g_hash_table_insert(sh->label_to_id, g_strdup(label->text), g_strdup(element));
    g_hash_table_add(sh->ids, g_strdup(element));
  }
  KbRow row = { sh->file, rec->line, (KbCell *) cells->data, cells->len };
  kb_builder_add_row(sh->builder, sh->table, &row);
  g_array_unref(cells);
  g_ptr_array_unref(owned);
  return TRUE;
}

static void
read_sheet(Sheet *sh)
{
  char separator;
  gboolean whole = kb_i_records_read(sh->in, &separator, on_record, sh, sh->diags);
  if (whole && sh->header == NULL) {
    kb_diag_list_add_cause(sh->diags, sh->file, 0, 0, NULL, sh->in->book != NULL
                           ? "the sheet is empty; expected a first row naming the columns"
                           : "the file is empty; expected a header line naming the columns");
    whole = FALSE;
  }
  /* which elements the sheet held is not known: references fail for that */
  if (!whole)
    kb_builder_set_table_unread(sh->builder, sh->table);
  if (sh->header)
    g_ptr_array_unref(sh->header);
  sh->header = NULL;
}

typedef struct {
  const char *path;
  KbDiagList *diags;
  GArray *map;              /* of Mapping */
  gboolean header_read;
} MapFile;

static gboolean
on_map_record(const KbCsvRecord *rec, gpointer user_data)
{
  MapFile *mf = user_data;
  if (!mf->header_read) {
    mf->header_read = TRUE;
    return TRUE;
  }
  if (rec->n_fields < 3) {
    kb_diag_list_add(mf->diags, KB_SEVERITY_ERROR, mf->path, rec->line, 1, NULL,
                     "expected three fields: for,kumu_type,kind");
    return TRUE;
  }
  Mapping m = { g_ascii_strdown(rec->fields[1].text, -1), g_strdup(rec->fields[2].text) };
  g_array_append_val(mf->map, m);
  return TRUE;
}

/* Reads a mapping file, CSV as the sheets are: for,kumu_type,kind (for:
 * element or connection). */
static GArray *
read_map(const KbInput *in, KbDiagList *diags)
{
  MapFile mf = { NULL, diags, g_array_new(FALSE, FALSE, sizeof(Mapping)), FALSE };
  if (in != NULL) {
    char separator;
    mf.path = in->name;
    kb_i_csv_read_file(in->path, in->name, &separator, on_map_record, &mf, diags);
  }
  return mf.map;
}

KbDataset *
kb_i_load_kumu(const char *name, const KbInput *elements, const KbInput *connections,
               const KbInput *map_in, const KbInput *facts, const KbLimits *limits,
               KbDiagList *diags)
{
  g_autoptr(KbBuilder) builder = kb_builder_new(name, diags);
  kb_builder_set_limits(builder, limits);
  kb_builder_set_sector_required(builder, FALSE);   /* Kumu maps rarely have sectors */
  kb_builder_set_kind_hint(builder, "; or map this Kumu type to one with --map FILE (columns "
                           "for,kumu_type,kind)");
  GArray *map = read_map(map_in, diags);
  GHashTable *labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  Sheet es = { elements->name, elements, diags, builder, KB_TABLE_NODES, NULL, map,
               labels, ids, FALSE };
  read_sheet(&es);
  Sheet cs = { connections->name, connections, diags, builder, KB_TABLE_RELATIONS, NULL,
               map, labels, ids, FALSE };
  read_sheet(&cs);
  g_hash_table_unref(labels);
  g_hash_table_unref(ids);
  kb_i_facts_read(builder, diags, facts);
  for (guint i = 0; i < map->len; i++) {
    g_free(g_array_index(map, Mapping, i).kumu);
    g_free(g_array_index(map, Mapping, i).kind);
  }
  g_array_unref(map);
  return kb_builder_finish(builder);
}
