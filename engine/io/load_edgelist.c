/* load_edgelist.c -- a plain edge list, from,to[,weight]: every node an
 * organisation without a sector, every row a partner_of relation.
 *
 * Whether the first line is a header is judged on the whole file: it is one
 * when it names no node used on another line and looks like one (its fields
 * are the usual names of the columns, as u,v or source,target,weight; or
 * its third field is not a number where every other line's is). The file is
 * read once on a guess from the first line alone; in the rare case that the
 * rest of the file proves the guess wrong, it is read again. */
#include <math.h>
#include <string.h>

#include "base/diag_internal.h"
#include "io/io_internal.h"

/* How the first line is read. */
typedef enum {
  FIRST_DATA,
  FIRST_HEADER
} FirstLine;

typedef struct {
  KbBuilder *builder;
  KbDiagList *diags;
  const char *file;
  size_t lines;           /* records read */
  FirstLine first_as;     /* how line 1 was read */
  gboolean forced;        /* ... because a first reading proved wrong */
  GHashTable *seen;       /* node ids added so far -> whether only line 1 had them */
  /* the first line, when it has two or three fields */
  char *first[3];
  size_t n_first;
  unsigned first_line;
  const char *first_used; /* the first of its names that another line uses, or NULL */
  gboolean count_thirds;  /* its third field is not a number: count the others' */
  size_t thirds;          /* other lines with a third field */
  size_t numeric_thirds;  /* ... that is a number */
} EdgeReader;

/* What a header calls the ends and the weight, in any case. */
static const char *const end_names[] = {
  "u", "v", "source", "target", "from", "to", "node1", "node2", "node_1", "node_2", "a", "b",
  "i", "j", "src", "dst", "start", "end", "head", "tail", "id1", "id2", "x", "y", "n1", "n2",
  "v1", "v2", "s", "t", NULL
};
static const char *const weight_names[] = { "weight", "w", "value", NULL };

static gboolean
is_one_of(const char *text, const char *const *names)
{
  for (const char *const *n = names; *n != NULL; n++)
    if (g_ascii_strcasecmp(text, *n) == 0)
      return TRUE;
  return FALSE;
}

/* A number as a weight may be written, with a decimal point or comma. */
static gboolean
is_number(const char *text)
{
  g_autofree char *t = g_strstrip(g_strdup(text));
  if (strchr(t, '.') == NULL) {
    char *comma = strchr(t, ',');
    if (comma != NULL)
      *comma = '.';
  }
  char *end = NULL;
  double v = g_ascii_strtod(t, &end);
  return end != t && *end == '\0' && isfinite(v);
}

/* Whether the first line's fields are the usual names of the columns. */
static gboolean
first_names_columns(const EdgeReader *er)
{
  return er->n_first >= 2 && is_one_of(er->first[0], end_names)
         && is_one_of(er->first[1], end_names)
         && (er->n_first == 2 || is_one_of(er->first[2], weight_names));
}

/* Whether the first line could be an edge: its weight, if any, a number. */
static gboolean
first_can_be_edge(const EdgeReader *er)
{
  return er->n_first == 2 || is_number(er->first[2]);
}

/* How the first line is to be read, judged on the whole file. */
static FirstLine
judge_first(const EdgeReader *er)
{
  if (er->n_first < 2)
    return FIRST_DATA;
  if (first_names_columns(er))
    return er->first_used == NULL || !first_can_be_edge(er) ? FIRST_HEADER : FIRST_DATA;
  if (!first_can_be_edge(er) && er->thirds > 0 && er->numeric_thirds == er->thirds)
    return FIRST_HEADER;
  return FIRST_DATA;
}

/* Where the reading of the first line is in doubt, says how it was read
 * and how to make it read the other way. */
static void
warn_first(const EdgeReader *er)
{
  if (er->n_first < 2)
    return;
  const char *weight = er->n_first == 3 ? er->first[2] : NULL;
  if (er->lines < 2) {
    if (er->first_as == FIRST_HEADER)
      kb_diag_list_add(er->diags, KB_SEVERITY_WARNING, er->file, er->first_line, 1, NULL,
                       "line 1 is read as a header, and no line follows it: the file holds no "
                       "edge; if it is an edge, put the header from,to%s above it",
                       weight != NULL ? ",weight" : "");
    return;
  }
  if (er->first_as == FIRST_HEADER && er->first_used != NULL)
    kb_diag_list_add(er->diags, KB_SEVERITY_WARNING, er->file, er->first_line, 1, NULL,
                     "line 1 is read as a header, as its weight '%s' is not a number, though "
                     "'%s' is also a node on other lines; if it is an edge, give it a weight "
                     "that is a number", weight, er->first_used);
  else if (er->first_as == FIRST_DATA && er->first_used != NULL && first_names_columns(er))
    kb_diag_list_add(er->diags, KB_SEVERITY_WARNING, er->file, er->first_line, 1, NULL,
                     "line 1 looks like a header, but '%s' is also a node on other lines, so "
                     "it is read as an edge between '%s' and '%s'; if it is a header, name "
                     "its columns from,to%s", er->first_used, er->first[0], er->first[1],
                     weight != NULL ? ",weight" : "");
  else if (er->first_as == FIRST_DATA && er->first_used == NULL && first_can_be_edge(er))
    kb_diag_list_add(er->diags, KB_SEVERITY_WARNING, er->file, er->first_line, 1, NULL,
                     "line 1 is read as an edge between '%s' and '%s', which are on no other "
                     "line; if it is a header, name its columns from,to%s", er->first[0],
                     er->first[1], weight != NULL ? ",weight" : "");
}

static void
add_node(EdgeReader *er, const KbCsvField *f, gboolean first_line)
{
  if (f->text[0] == '\0')
    return;
  gpointer only_first;
  if (g_hash_table_lookup_extended(er->seen, f->text, NULL, &only_first)) {
    if (only_first != NULL && !first_line && er->first_used == NULL)
      er->first_used = strcmp(f->text, er->first[0]) == 0 ? er->first[0] : er->first[1];
    return;
  }
  g_hash_table_insert(er->seen, g_strdup(f->text), GINT_TO_POINTER(first_line));
  KbCell cells[2] = {
    { "id", f->text, f->line, f->column },
    { "kind", "organisation", f->line, f->column },
  };
  KbRow row = { er->file, f->line, cells, 2 };
  kb_builder_add_row(er->builder, KB_TABLE_NODES, &row);
}

/* Keeps the first line, and reads it as a header or not: as forced, else
 * on a guess from the line alone, which the rest of the file may prove
 * wrong (judge_first()). */
static gboolean
take_first(EdgeReader *er, const KbCsvRecord *rec)
{
  er->first_line = rec->line;
  if (rec->n_fields < 2 || rec->n_fields > 3) {
    er->first_as = FIRST_DATA;
    return FALSE;
  }
  er->n_first = rec->n_fields;
  for (size_t i = 0; i < rec->n_fields; i++)
    er->first[i] = g_strdup(rec->fields[i].text);
  er->count_thirds = !first_can_be_edge(er);
  if (!er->forced)
    er->first_as = first_names_columns(er) || !first_can_be_edge(er) ? FIRST_HEADER : FIRST_DATA;
  return er->first_as == FIRST_HEADER;
}

static gboolean
on_record(const KbCsvRecord *rec, gpointer user_data)
{
  EdgeReader *er = user_data;
  gboolean first_line = er->lines++ == 0;
  if (first_line && take_first(er, rec))
    return TRUE;
  if (!first_line && er->count_thirds && rec->n_fields == 3) {
    er->thirds++;
    er->numeric_thirds += is_number(rec->fields[2].text);
  }
  if (rec->n_fields < 2 || rec->n_fields > 3) {
    const KbCsvField *f = &rec->fields[rec->n_fields < 2 ? 0 : 3];
    kb_diag_list_add(er->diags, KB_SEVERITY_ERROR, er->file, f->line, f->column, NULL,
                     "the row has %zu field%s; expected from,to or from,to,weight",
                     rec->n_fields, rec->n_fields == 1 ? "" : "s");
    return TRUE;
  }
  add_node(er, &rec->fields[0], first_line);
  add_node(er, &rec->fields[1], first_line);
  KbCell cells[4] = {
    { "from", rec->fields[0].text, rec->fields[0].line, rec->fields[0].column },
    { "to", rec->fields[1].text, rec->fields[1].line, rec->fields[1].column },
    { "kind", "partner_of", rec->fields[0].line, rec->fields[0].column },
  };
  size_t n = 3;
  if (rec->n_fields == 3)
    cells[n++] = (KbCell) { "weight", rec->fields[2].text, rec->fields[2].line,
                            rec->fields[2].column };
  KbRow row = { er->file, rec->line, cells, n };
  kb_builder_add_row(er->builder, KB_TABLE_RELATIONS, &row);
  return TRUE;
}

static void
edge_reader_release(EdgeReader *er)
{
  g_hash_table_unref(er->seen);
  for (size_t i = 0; i < G_N_ELEMENTS(er->first); i++)
    g_free(er->first[i]);
}

KbDataset *
kb_i_load_edgelist(const KbInput *in, const KbLimits *limits, KbDiagList *diags)
{
  KbDiagMark mark;
  kb_i_diag_list_mark(diags, &mark);
  gboolean forced = FALSE;
  FirstLine first_as = FIRST_DATA;
  for (;;) {
    g_autoptr(KbBuilder) builder = kb_builder_new(in->name, diags);
    kb_builder_set_limits(builder, limits);
    EdgeReader er = { 0 };
    er.builder = builder;
    er.diags = diags;
    er.file = in->name;
    er.forced = forced;
    er.first_as = first_as;
    er.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char separator;
    kb_i_csv_read_file(in->path, in->name, &separator, on_record, &er, diags);
    /* a header's names are judged against the nodes of the other lines */
    if (er.first_as == FIRST_HEADER && er.n_first >= 2 && er.first_used == NULL)
      for (int i = 0; i < 2 && er.first_used == NULL; i++)
        if (g_hash_table_contains(er.seen, er.first[i]))
          er.first_used = er.first[i];
    FirstLine judged = judge_first(&er);
    if (judged != er.first_as && !forced) {
      /* read again, the first line the other way */
      edge_reader_release(&er);
      kb_i_diag_list_rewind(diags, &mark);
      forced = TRUE;
      first_as = judged;
      continue;
    }
    warn_first(&er);
    edge_reader_release(&er);
    return kb_builder_finish(builder);
  }
}
