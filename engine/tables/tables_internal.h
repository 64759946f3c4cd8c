/* tables_internal.h -- what the table builders share. */
#ifndef KB_TABLES_INTERNAL_H
#define KB_TABLES_INTERNAL_H

#include "klaverblad/check.h"
#include "klaverblad/tables.h"

/* Appends a reason to a list of them, after "; " when it is not the first. */
void kb_i_reason_add(GString *s, const char *text);
/* Appends the reason 'format' with its one %s replaced by the labels of
 * 'nodes' (at most 'max', 0: all; see kb_join_labels()), when there are
 * any. */
void kb_i_reason_add_labels(GString *s, const KbDataset *ds, const char *format,
                            const size_t *nodes, size_t n, size_t max);

#endif
