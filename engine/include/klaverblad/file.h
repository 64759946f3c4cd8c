/* file.h -- files and folders written whole or not at all, and progress
 * reports.
 *
 * A KbAtomicFile is a temporary file beside its destination, renamed into
 * place when it is committed: readers see the old file or the new one, never
 * a half-written one, and a failed or interrupted run leaves the old file as
 * it was. A character device or a FIFO is written directly instead, never
 * replaced; a folder, a block device or a socket is refused.
 *
 * A folder klaverblad writes (a report, an exported or generated dataset)
 * holds a marker, the hidden file ".klaverblad", listing the kind of folder
 * and each file klaverblad wrote there with its SHA-256. An existing folder
 * is replaced only when it is empty, or when its marker is of the same kind
 * and lists every other entry, each a regular file unchanged since. */
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
 * the error set. Where 'path' is a symbolic link to a file, the temporary
 * is beside that file, which is then replaced. Where 'path' is a character
 * device or a FIFO, it is opened for writing itself (a FIFO waits for a
 * reader). A folder, a block device, a socket or a link to nothing is
 * refused (KB_ERROR_IO). */
KbAtomicFile *kb_atomic_file_open(const char *path, GError **error);
/* Appends text; a write error shows at kb_atomic_file_commit(). */
void kb_atomic_file_printf(KbAtomicFile *file, const char *format, ...) G_GNUC_PRINTF(2, 3);
/* Appends len bytes of data; a write error shows at kb_atomic_file_commit(). */
void kb_atomic_file_write(KbAtomicFile *file, const char *data, size_t len);
/* Flushes the file to disk, closes it and renames it to the destination
 * (a device or FIFO: flushes and closes it); on any failure removes it and
 * sets the error. Frees 'file' either way. */
gboolean kb_atomic_file_commit(KbAtomicFile *file, GError **error);
/* Closes and removes the temporary file and frees 'file'. NULL is allowed.
 * What was written to a device or FIFO stays written. */
void kb_atomic_file_abort(KbAtomicFile *file);

/* The kinds of folder klaverblad writes. One never replaces the other. */
typedef enum {
  KB_FOLDER_REPORT,     /* kb_report_write() */
  KB_FOLDER_DATASET     /* kb_export_write() (csv, kumu), kb_generate() */
} KbFolderKind;

/* Checks, before any work, that the folder 'path' may be written as a
 * folder of 'kind': it is missing, empty, or holds a marker of that kind
 * and besides it only unchanged regular files the marker lists. 'input'
 * (or NULL) is the dataset being read: 'path' may be neither it nor the
 * folder that holds it. Fails (KB_ERROR_IO) naming the folder and the
 * first entry, in sorted order, that keeps it from being replaced, and
 * why. The writers check again when they begin. */
gboolean kb_folder_check(const char *path, KbFolderKind kind, const char *input, GError **error);

/* Writes 'text' to the file 'path' whole: into a hidden temporary file
 * beside it (".NAME.klaverblad-PID-XXXXXX"), flushed to disk and renamed
 * into place, so that a failed or killed run leaves the previous file as it
 * was. Temporary files that ended runs left beside 'path' are removed
 * first. A character device or a FIFO is written directly and a folder,
 * block device or socket refused, as kb_atomic_file_open() does. Fails
 * (KB_ERROR_IO, "cannot write 'PATH': reason") when the file cannot be
 * written; the folder must exist. */
gboolean kb_file_write(const char *path, const char *text, GError **error);

G_END_DECLS

#endif
