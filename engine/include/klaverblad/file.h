/* file.h -- files written whole or not at all, and progress reports.
 *
 * A KbAtomicFile is a temporary file beside its destination, renamed into
 * place when it is committed: readers see the old file or the new one, never
 * a half-written one, and a failed or interrupted run leaves the old file as
 * it was. */
#ifndef KLAVERBLAD_FILE_H
#define KLAVERBLAD_FILE_H

#include <glib.h>

G_BEGIN_DECLS

/* Called now and then during a long job with the items done so far. */
typedef void (*KbProgressFunc)(size_t done, size_t total, gpointer user_data);

typedef struct KbAtomicFile KbAtomicFile;

/* Returns a new temporary file beside 'path' (hidden:
 * ".NAME.klaverblad-PID-XXXXXX", with the permissions a new file gets),
 * after removing the temporaries that ended runs left there; or NULL with
 * the error set. */
KbAtomicFile *kb_atomic_file_open(const char *path, GError **error);
/* Appends text; a write error shows at kb_atomic_file_commit(). */
void kb_atomic_file_printf(KbAtomicFile *file, const char *format, ...) G_GNUC_PRINTF(2, 3);
void kb_atomic_file_write(KbAtomicFile *file, const char *data, size_t len);
/* Flushes the file to disk, closes it and renames it to the destination; on any failure removes it and sets the error. Frees 'file'
 * either way. */
gboolean kb_atomic_file_commit(KbAtomicFile *file, GError **error);
/* Closes and removes the temporary file and frees 'file'. NULL is allowed. */
void kb_atomic_file_abort(KbAtomicFile *file);

G_END_DECLS

#endif
