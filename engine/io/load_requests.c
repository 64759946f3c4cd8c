/* load_requests.c -- partnership requests from outside the dataset. */
#include <stdlib.h>
#include <string.h>

#include "io/io_internal.h"

static int
compare_strings(const void *a, const void *b)
{
  return strcmp(*(char *const *) a, *(char *const *) b);
}

char *
kb_dataset_list_ids(const KbDataset *ds, KbNodeKind kind)
{
  g_return_val_if_fail(ds != NULL, NULL);
  GPtrArray *ids = g_ptr_array_new();
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++)
    if (kb_dataset_node(ds, i)->kind == kind)
      g_ptr_array_add(ids, kb_dataset_node(ds, i)->id);
  qsort(ids->pdata, ids->len, sizeof(char *), compare_strings);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", (char *) g_ptr_array_index(ids, i));
  g_ptr_array_unref(ids);
  return g_string_free(s, FALSE);
}

typedef struct {
  const char *file;
  const KbDataset *ds;
  KbDiagList *diags;
  GPtrArray *header;        /* lower-case names */
  GArray *requests;         /* of KbRequest */
  GHashTable *lines;        /* id (borrowed from requests) -> line of its request */
  GHashTable *themes;       /* a theme's id or label, case-folded -> its node + 1 */
} Reader;

static const KbCsvField *
field(const Reader *rd, const KbCsvRecord *rec, const char *name)
{
  for (guint i = 0; i < rd->header->len && i < rec->n_fields; i++)
    if (strcmp(g_ptr_array_index(rd->header, i), name) == 0)
      return &rec->fields[i];
  return NULL;
}

/* The field's text, or NULL when it is missing or empty. */
static const char *
field_text(const Reader *rd, const KbCsvRecord *rec, const char *name)
{
  const KbCsvField *f = field(rd, rec, name);
  return f != NULL && f->text[0] != '\0' ? f->text : NULL;
}

#define ERR(rd, f, ...) \
  kb_diag_list_add((rd)->diags, KB_SEVERITY_ERROR, (rd)->file, (f)->line, (f)->column, \
                   __VA_ARGS__)

/* The dataset's themes by id and by label, without regard to case; an id
 * wins over a label that reads the same. */
static GHashTable *
theme_names(const KbDataset *ds)
{
  GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
      const KbNode *n = kb_dataset_node(ds, i);
      if (n->kind != KB_NODE_THEME)
        continue;
      char *key = g_utf8_casefold(pass == 0 ? n->id : n->label, -1);
      if (g_hash_table_contains(names, key))
        g_free(key);
      else
        g_hash_table_insert(names, key, GSIZE_TO_POINTER(i + 1));
    }
  return names;
}

/* Splits the themes cell: the dataset's themes it names (an id or a label,
 * in any case) into 'known', each once; the others, as written, into
 * 'other' (each once, without regard to case). */
static void
split_themes(const Reader *rd, const char *text, GArray *known, GPtrArray *other)
{
  g_auto(GStrv) parts = g_strsplit(text, "|", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (char **p = parts; *p; p++) {
    g_strstrip(*p);
    if (**p == '\0')
      continue;
    char *folded = g_utf8_casefold(*p, -1);
    size_t t = GPOINTER_TO_SIZE(g_hash_table_lookup(rd->themes, folded));
    if (t != 0) {
      g_autofree char *key = g_strdup_printf("#%zu", t);
      g_free(folded);
      folded = g_steal_pointer(&key);
    }
    if (!g_hash_table_add(seen, folded))
      continue;
    if (t != 0) {
      size_t node = t - 1;
      g_array_append_val(known, node);
    } else {
      g_ptr_array_add(other, g_strdup(*p));
    }
  }
}

static gboolean
on_header(Reader *rd, const KbCsvRecord *rec)
{
  rd->header = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < rec->n_fields; i++)
    g_ptr_array_add(rd->header, g_strstrip(g_utf8_strdown(rec->fields[i].text, -1)));
  for (guint i = 0; i < rd->header->len; i++)
    if (strcmp(g_ptr_array_index(rd->header, i), "id") == 0)
      return TRUE;
  kb_diag_list_add(rd->diags, KB_SEVERITY_ERROR, rd->file, rec->line, 0, NULL,
                   "missing required column 'id'; the columns are id, label, kind, themes, "
                   "added_value, hours, purpose, source");
  return FALSE;
}

static gboolean
on_record(const KbCsvRecord *rec, gpointer data)
{
  Reader *rd = data;
  if (rd->header == NULL)
    return on_header(rd, rec);
  const KbCsvField *id = field(rd, rec, "id");
  if (id == NULL || id->text[0] == '\0') {
    kb_diag_list_add(rd->diags, KB_SEVERITY_ERROR, rd->file, rec->line, id ? id->column : 0,
                     "id", "empty; every request needs an id");
    return TRUE;
  }
  gpointer first = g_hash_table_lookup(rd->lines, id->text);
  if (first != NULL) {
    ERR(rd, id, "id", "duplicate request '%s'; first at line %u", id->text,
        GPOINTER_TO_UINT(first));
    return TRUE;
  }
  KbRequest req = { 0 };
  gboolean ok = TRUE;
  req.kind = KB_NODE_CITY;
  req.hours = -1;
  const KbCsvField *kind = field(rd, rec, "kind");
  if (kind != NULL && kind->text[0] != '\0') {
    KbNodeKind k;
    g_autofree char *lower = g_ascii_strdown(kind->text, -1);
    if (!kb_node_kind_parse(lower, &k)
        || (k != KB_NODE_CITY && k != KB_NODE_COUNTRY && k != KB_NODE_ORGANISATION)) {
      ERR(rd, kind, "kind", "'%s' is not a kind of candidate; expected city, country or "
          "organisation", kind->text);
      ok = FALSE;
    } else {
      req.kind = k;
    }
  }
  req.node = kb_dataset_find(rd->ds, id->text);
  if (ok && req.node != KB_NO_NODE && kb_dataset_node(rd->ds, req.node)->kind != req.kind) {
    KbNodeKind k = kb_dataset_node(rd->ds, req.node)->kind;
    ERR(rd, id, "id", "'%s' is %s %s in the dataset, not %s %s", id->text,
        k == KB_NODE_ORGANISATION ? "an" : "a", kb_node_kind_name(k),
        req.kind == KB_NODE_ORGANISATION ? "an" : "a", kb_node_kind_name(req.kind));
    ok = FALSE;
  }
  const KbCsvField *hours = field(rd, rec, "hours");
  if (hours != NULL && hours->text[0] != '\0' && !kb_hours_parse(hours->text, &req.hours)) {
    ERR(rd, hours, "hours", "'%s' is not a number of hours; expected the hours a year the "
        "request would take, 0 or more, as 120 or 120,5", hours->text);
    ok = FALSE;
  }
  const KbCsvField *purpose = field(rd, rec, "purpose");
  if (purpose != NULL && purpose->text[0] != '\0'
      && !kb_purpose_parse(purpose->text, &req.purpose)) {
    ERR(rd, purpose, "purpose", "'%s' is not a purpose; expected exchange, visitors or "
        "business (or the Dutch uitwisseling, bezoekers, bedrijven)", purpose->text);
    ok = FALSE;
  }
  if (!ok)
    return TRUE;
  GArray *themes = g_array_new(FALSE, FALSE, sizeof(size_t));
  GPtrArray *other = g_ptr_array_new();
  const char *theme_text = field_text(rd, rec, "themes");
  if (theme_text != NULL)
    split_themes(rd, theme_text, themes, other);
  req.id = g_strdup(id->text);
  req.label = g_strdup(field_text(rd, rec, "label"));
  req.source = g_strdup(field_text(rd, rec, "source"));
  req.added_value = g_strdup(field_text(rd, rec, "added_value"));
  req.n_themes = themes->len;
  req.themes = (size_t *) g_array_free(themes, FALSE);
  req.n_other_themes = other->len;
  g_ptr_array_add(other, NULL);
  req.other_themes = (char **) g_ptr_array_free(other, FALSE);
  req.line = rec->line;
  g_array_append_val(rd->requests, req);
  g_hash_table_insert(rd->lines, req.id, GUINT_TO_POINTER(req.line));
  return TRUE;
}

KbRequests *
kb_requests_load(const char *path, const KbDataset *ds, KbDiagList *diags)
{
  return kb_requests_load_limited(path, ds, NULL, diags);
}

KbRequests *
kb_requests_load_limited(const char *path, const KbDataset *ds, const KbLimits *limits,
                         KbDiagList *diags)
{
  g_return_val_if_fail(path != NULL && ds != NULL && diags != NULL, NULL);
  KbLimits defaults;
  kb_limits_init(&defaults);
  if (limits == NULL)
    limits = &defaults;
  size_t errors = kb_diag_list_count(diags, KB_SEVERITY_ERROR);
  /* a table of CSV, read as a folder's tables are */
  g_auto(KbInput) in = KB_INPUT_INIT;
  g_autoptr(GError) err = NULL;
  if (!kb_i_input_open(&in, path, KB_FORMAT_FOLDER, limits, &err)
      || !kb_i_memory_check(in.name, (const char *const *) &in.path, 1, KB_FORMAT_FOLDER, &err)) {
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, in.name, 0, 0, NULL, "%s", err->message);
    return NULL;
  }
  Reader rd = { in.name, ds, diags, NULL, g_array_new(FALSE, TRUE, sizeof(KbRequest)),
                g_hash_table_new(g_str_hash, g_str_equal), theme_names(ds) };
  char separator;
  if (kb_i_csv_read_file(in.path, in.name, &separator, on_record, &rd, diags)
      && rd.header == NULL)
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, in.name, 0, 0, NULL,
                     "the file is empty; expected a header line naming the columns");
  if (rd.header)
    g_ptr_array_unref(rd.header);
  g_hash_table_unref(rd.lines);
  g_hash_table_unref(rd.themes);
  KbRequests *out = g_new0(KbRequests, 1);
  out->n = rd.requests->len;
  out->requests = (KbRequest *) g_array_free(rd.requests, FALSE);
  kb_diag_list_sort(diags);
  if (kb_diag_list_count(diags, KB_SEVERITY_ERROR) > errors) {
    kb_requests_free(out);
    return NULL;
  }
  return out;
}
