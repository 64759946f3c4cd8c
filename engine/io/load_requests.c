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
} Reader;

static const KbCsvField *
field(const Reader *rd, const KbCsvRecord *rec, const char *name)
{
  for (guint i = 0; i < rd->header->len && i < rec->n_fields; i++)
    if (strcmp(g_ptr_array_index(rd->header, i), name) == 0)
      return &rec->fields[i];
  return NULL;
}

#define ERR(rd, f, ...) \
  kb_diag_list_add((rd)->diags, KB_SEVERITY_ERROR, (rd)->file, (f)->line, (f)->column, \
                   __VA_ARGS__)

static gboolean
on_record(const KbCsvRecord *rec, gpointer data)
{
  Reader *rd = data;
  if (rd->header == NULL) {
    rd->header = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < rec->n_fields; i++)
      g_ptr_array_add(rd->header, g_strstrip(g_utf8_strdown(rec->fields[i].text, -1)));
    gboolean has_id = FALSE;
    for (guint i = 0; i < rd->header->len; i++)
      has_id |= strcmp(g_ptr_array_index(rd->header, i), "id") == 0;
    if (!has_id) {
      kb_diag_list_add(rd->diags, KB_SEVERITY_ERROR, rd->file, rec->line, 0, NULL,
                       "missing required column 'id'; the columns are id, label, kind, themes, "
                       "source");
      return FALSE;
    }
    return TRUE;
  }
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
  GArray *themes = g_array_new(FALSE, FALSE, sizeof(size_t));
  const KbCsvField *tf = field(rd, rec, "themes");
  if (tf != NULL) {
    g_auto(GStrv) parts = g_strsplit(tf->text, "|", -1);
    for (char **p = parts; *p; p++) {
      g_strstrip(*p);
      if (**p == '\0')
        continue;
      size_t t = kb_dataset_find(rd->ds, *p);
      if (t == KB_NO_NODE || kb_dataset_node(rd->ds, t)->kind != KB_NODE_THEME) {
        g_autofree char *known = kb_dataset_list_ids(rd->ds, KB_NODE_THEME);
        ERR(rd, tf, "themes", "unknown theme '%s'; the dataset's themes are: %s", *p, known);
        ok = FALSE;
        continue;
      }
      g_array_append_val(themes, t);
    }
  }
  if (!ok) {
    g_array_unref(themes);
    return TRUE;
  }
  req.id = g_strdup(id->text);
  const KbCsvField *label = field(rd, rec, "label");
  req.label = label && label->text[0] ? g_strdup(label->text) : NULL;
  const KbCsvField *source = field(rd, rec, "source");
  req.source = source && source->text[0] ? g_strdup(source->text) : NULL;
  req.n_themes = themes->len;
  req.themes = (size_t *) g_array_free(themes, FALSE);
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
                g_hash_table_new(g_str_hash, g_str_equal) };
  char separator;
  if (kb_i_csv_read_file(in.path, in.name, &separator, on_record, &rd, diags)
      && rd.header == NULL)
    kb_diag_list_add(diags, KB_SEVERITY_ERROR, in.name, 0, 0, NULL,
                     "the file is empty; expected a header line naming the columns");
  if (rd.header)
    g_ptr_array_unref(rd.header);
  g_hash_table_unref(rd.lines);
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
