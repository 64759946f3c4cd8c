/* diag.h -- diagnostics: problems found in a user's data.
 *
 * Each diagnostic names the file, line and column where the problem is, the
 * field (column or JSON member) it concerns, and says what was expected.
 * Loading collects them all in one KbDiagList rather than stopping at the
 * first, so that one run of `klaverblad check` reports every problem. */
#ifndef KLAVERBLAD_DIAG_H
#define KLAVERBLAD_DIAG_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KB_SEVERITY_WARNING,  /* the data is usable, but something looks wrong */
  KB_SEVERITY_ERROR     /* the data cannot be used as it is */
} KbSeverity;

typedef struct {
  KbSeverity severity;
  char *file;       /* as the user named it; never NULL */
  unsigned line;    /* 1-based; 0 when the problem concerns the whole file */
  unsigned column;  /* 1-based, in characters; 0 when unknown */
  char *field;      /* column or member name; NULL when none applies */
  char *message;    /* one sentence, no trailing period, never NULL */
  gboolean cause;   /* a root cause: it kept a whole file, or the rest of it,
                     * from being read (see kb_diag_list_add_cause()) */
  gboolean sheet;   /* 'file' is a sheet of a workbook ("data.xlsx: sheet nodes"):
                     * 'line' is a row's number and 'column' a column's (A = 1) */
} KbDiag;

typedef struct KbDiagList KbDiagList;

/* Returns a new, empty list that keeps at most 'limit' diagnostics of each
 * severity (0: no limit) and counts the rest. */
KbDiagList *kb_diag_list_new(size_t limit);
/* Frees the list and everything it holds; NULL is allowed. */
void kb_diag_list_free(KbDiagList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbDiagList, kb_diag_list_free)

/* Adds a diagnostic. 'file' and 'field' are copied; 'field' may be NULL. */
void kb_diag_list_add(KbDiagList *list, KbSeverity severity, const char *file,
                      unsigned line, unsigned column, const char *field,
                      const char *format, ...) G_GNUC_PRINTF(7, 8);

/* Adds an error that kept a whole file, or the rest of it, from being read:
 * the file cannot be read, is not UTF-8, lacks a required column, holds a
 * quote never closed. The rows it held are lost, and what refers to them
 * fails too (see kb_diag_list_add_consequence()). kb_diag_list_sort() puts
 * these root causes before every other diagnostic. Otherwise as
 * kb_diag_list_add() with KB_SEVERITY_ERROR. */
void kb_diag_list_add_cause(KbDiagList *list, const char *file, unsigned line,
                            unsigned column, const char *field,
                            const char *format, ...) G_GNUC_PRINTF(6, 7);
/* Counts an error that follows only from one reported already: a relation
 * or a reference to a node whose row was rejected, or whose file could not
 * be read. It counts among the errors (kb_diag_list_count()) but is not
 * kept, so that one root cause is not buried under its consequences. */
void kb_diag_list_add_consequence(KbDiagList *list);
/* How many of the errors counted are consequences, none of them kept. */
size_t kb_diag_list_consequences(const KbDiagList *list);

/* Number of diagnostics of that severity added, kept or not. */
size_t kb_diag_list_count(const KbDiagList *list, KbSeverity severity);
/* Number kept, and the i-th of them (borrowed). */
size_t kb_diag_list_length(const KbDiagList *list);
const KbDiag *kb_diag_list_get(const KbDiagList *list, size_t i);
/* Sorts the kept diagnostics: the root causes first, then the others, each
 * by file, line and column; equal positions keep the order in which they
 * were added. */
void kb_diag_list_sort(KbDiagList *list);

/* Returns a new string "file:line:column: error: field: message", one line
 * that a terminal shows as it is: control characters in the file name,
 * field or message are shown as kb_terminal_escape() shows them. For a
 * sheet of a workbook: "data.xlsx: sheet relations, row 12, column kind:
 * error: message" (the column's letter when no field names it). */
char *kb_diag_format(const KbDiag *diag);

G_END_DECLS

#endif
