/* diag_internal.h -- taking back the diagnostics added since a point
 * (library-internal). */
#ifndef KB_BASE_DIAG_INTERNAL_H
#define KB_BASE_DIAG_INTERNAL_H

#include "klaverblad/diag.h"

/* What a list held at one moment. */
typedef struct {
  size_t length;
  size_t kept[2], added[2];
  size_t consequences;
} KbDiagMark;

/* Notes what 'list' holds now. */
void kb_i_diag_list_mark(const KbDiagList *list, KbDiagMark *mark);
/* Removes every diagnostic added to 'list' since 'mark' was taken of it, and
 * their counts, as when a file is read again another way. The list must not
 * have been sorted since. */
void kb_i_diag_list_rewind(KbDiagList *list, const KbDiagMark *mark);

/* Marks 'file' as a sheet of a workbook: diagnostics added at it from now
 * on count rows and columns (KbDiag's 'sheet'). */
void kb_i_diag_list_add_sheet(KbDiagList *list, const char *file);

#endif
