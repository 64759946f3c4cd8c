/* diag.c -- a list of diagnostics with file, line and column. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag_internal.h"
#include "klaverblad/terminal.h"

struct KbDiagList {
  GPtrArray *items;     /* of KbDiag*, owned */
  size_t limit;         /* per severity; 0: none */
  size_t kept[2];
  size_t added[2];
  size_t consequences;  /* errors counted in added[], never kept */
  GHashTable *sheets;   /* files that are sheets of a workbook, or NULL */
};

static void
diag_free(gpointer p)
{
  KbDiag *d = p;
  g_free(d->file);
  g_free(d->field);
  g_free(d->message);
  g_free(d);
}

KbDiagList *
kb_diag_list_new(size_t limit)
{
  KbDiagList *list = g_new0(KbDiagList, 1);
  list->items = g_ptr_array_new_with_free_func(diag_free);
  list->limit = limit;
  return list;
}

void
kb_diag_list_free(KbDiagList *list)
{
  if (list == NULL)
    return;
  g_ptr_array_unref(list->items);
  if (list->sheets != NULL)
    g_hash_table_unref(list->sheets);
  g_free(list);
}

static void
add_valist(KbDiagList *list, KbSeverity severity, gboolean cause, const char *file,
           unsigned line, unsigned column, const char *field, const char *format, va_list ap)
{
  list->added[severity]++;
  if (list->limit != 0 && list->kept[severity] >= list->limit)
    return;
  list->kept[severity]++;

  KbDiag *d = g_new0(KbDiag, 1);
  d->severity = severity;
  d->file = g_strdup(file != NULL ? file : "");
  d->line = line;
  d->column = column;
  d->field = g_strdup(field);
  d->message = g_strdup_vprintf(format, ap);
  d->cause = cause;
  d->sheet = list->sheets != NULL && g_hash_table_contains(list->sheets, d->file);
  g_ptr_array_add(list->items, d);
}

void
kb_i_diag_list_add_sheet(KbDiagList *list, const char *file)
{
  if (list->sheets == NULL)
    list->sheets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add(list->sheets, g_strdup(file));
}

void
kb_diag_list_add(KbDiagList *list, KbSeverity severity, const char *file,
                 unsigned line, unsigned column, const char *field,
                 const char *format, ...)
{
  g_return_if_fail(list != NULL && format != NULL);
  g_return_if_fail(severity == KB_SEVERITY_WARNING || severity == KB_SEVERITY_ERROR);
  va_list ap;
  va_start(ap, format);
  add_valist(list, severity, FALSE, file, line, column, field, format, ap);
  va_end(ap);
}

void
kb_diag_list_add_cause(KbDiagList *list, const char *file, unsigned line, unsigned column,
                       const char *field, const char *format, ...)
{
  g_return_if_fail(list != NULL && format != NULL);
  va_list ap;
  va_start(ap, format);
  add_valist(list, KB_SEVERITY_ERROR, TRUE, file, line, column, field, format, ap);
  va_end(ap);
}

void
kb_diag_list_add_consequence(KbDiagList *list)
{
  g_return_if_fail(list != NULL);
  list->added[KB_SEVERITY_ERROR]++;
  list->consequences++;
}

size_t
kb_diag_list_consequences(const KbDiagList *list)
{
  g_return_val_if_fail(list != NULL, 0);
  return list->consequences;
}

void
kb_i_diag_list_mark(const KbDiagList *list, KbDiagMark *mark)
{
  g_return_if_fail(list != NULL && mark != NULL);
  *mark = (KbDiagMark) { list->items->len, { list->kept[0], list->kept[1] },
                         { list->added[0], list->added[1] }, list->consequences };
}

void
kb_i_diag_list_rewind(KbDiagList *list, const KbDiagMark *mark)
{
  g_return_if_fail(list != NULL && mark != NULL && mark->length <= list->items->len);
  g_ptr_array_set_size(list->items, (guint) mark->length);
  for (int s = 0; s < 2; s++) {
    list->kept[s] = mark->kept[s];
    list->added[s] = mark->added[s];
  }
  list->consequences = mark->consequences;
}

size_t
kb_diag_list_count(const KbDiagList *list, KbSeverity severity)
{
  g_return_val_if_fail(list != NULL, 0);
  g_return_val_if_fail(severity == KB_SEVERITY_WARNING || severity == KB_SEVERITY_ERROR, 0);
  return list->added[severity];
}

size_t
kb_diag_list_length(const KbDiagList *list)
{
  g_return_val_if_fail(list != NULL, 0);
  return list->items->len;
}

const KbDiag *
kb_diag_list_get(const KbDiagList *list, size_t i)
{
  g_return_val_if_fail(list != NULL && i < list->items->len, NULL);
  return g_ptr_array_index(list->items, i);
}

typedef struct {
  KbDiag *diag;
  size_t order;         /* position before sorting, the last key */
} Keyed;

static int
keyed_compare(const void *a, const void *b)
{
  const Keyed *x = a, *y = b;
  if (x->diag->cause != y->diag->cause)
    return x->diag->cause ? -1 : 1;
  int c = strcmp(x->diag->file, y->diag->file);
  if (c != 0)
    return c;
  if (x->diag->line != y->diag->line)
    return x->diag->line < y->diag->line ? -1 : 1;
  if (x->diag->column != y->diag->column)
    return x->diag->column < y->diag->column ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

void
kb_diag_list_sort(KbDiagList *list)
{
  g_return_if_fail(list != NULL);
  size_t n = list->items->len;
  if (n < 2)
    return;
  Keyed *k = g_new(Keyed, n);
  for (size_t i = 0; i < n; i++)
    k[i] = (Keyed) { g_ptr_array_index(list->items, i), i };
  qsort(k, n, sizeof *k, keyed_compare);
  for (size_t i = 0; i < n; i++)
    g_ptr_array_index(list->items, i) = k[i].diag;
  g_free(k);
}

char *
kb_diag_format(const KbDiag *d)
{
  g_return_val_if_fail(d != NULL, NULL);
  GString *s = g_string_new(NULL);
  kb_terminal_append(s, d->file);
  if (d->sheet) {
    if (d->line > 0)
      g_string_append_printf(s, ", row %u", d->line);
    if (d->field != NULL) {
      g_string_append(s, ", column ");
      kb_terminal_append(s, d->field);
    } else if (d->column > 0) {
      char letters[8];
      size_t n = sizeof letters;
      letters[--n] = '\0';
      for (unsigned c = d->column; c > 0 && n > 0; c = (c - 1) / 26)
        letters[--n] = (char) ('A' + (c - 1) % 26);
      g_string_append_printf(s, ", column %s", letters + n);
    }
    g_string_append(s, d->severity == KB_SEVERITY_ERROR ? ": error: " : ": warning: ");
    kb_terminal_append(s, d->message);
    return g_string_free(s, FALSE);
  }
  if (d->line > 0) {
    g_string_append_printf(s, ":%u", d->line);
    if (d->column > 0)
      g_string_append_printf(s, ":%u", d->column);
  }
  g_string_append(s, d->severity == KB_SEVERITY_ERROR ? ": error: " : ": warning: ");
  if (d->field != NULL) {
    kb_terminal_append(s, d->field);
    g_string_append(s, ": ");
  }
  kb_terminal_append(s, d->message);
  return g_string_free(s, FALSE);
}
