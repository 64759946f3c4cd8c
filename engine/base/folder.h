/* folder.h -- files and folders written whole (library-internal): folders
 * in folder.c, files and the temporaries both use in file.c.
 *
 * Folders. The files go into a temporary folder beside the target, named
 * ".NAME.klaverblad-PID-XXXXXX": hidden, so that it is never taken for
 * output. Once every file is written, the marker ".klaverblad" is added,
 * listing each file with its SHA-256 and the kind of folder (a report, a
 * dataset), and the temporary folder takes the target's place in one step
 * (renameat2's RENAME_EXCHANGE where the target exists, then the old one,
 * now under the temporary name, is removed). A run killed at any moment
 * leaves the old folder whole or the new one whole, never a mix and never
 * neither. A temporary folder that a killed run left behind is removed by
 * the next write to the same target.
 *
 * The folder rule: an existing target is replaced only when it is empty,
 * or holds the marker of a folder of the same kind and, besides it, only
 * regular files the marker lists with their checksum unchanged. Anything
 * else is the user's and the write is refused before it begins. What the
 * target held when it was checked is remembered (names, inodes, sizes,
 * times); the old folder is removed only if it still holds exactly that
 * after the exchange, else the exchange is undone.
 *
 * Where the file system cannot exchange two names (NFS), the old folder is
 * renamed away, the new one renamed in and the old one removed; a run
 * killed between the two renames leaves both, hidden, and they are kept
 * until the target is there again.
 *
 * Use: kb_i_folder_begin(), write each file with kb_i_folder_write() (or
 * kb_i_folder_open() and kb_i_folder_close() to stream one, or at
 * kb_i_folder_file()), kb_i_folder_commit(), and kb_i_folder_release() in
 * every case.
 *
 * Files. A file output is written under a temporary name beside it and
 * renamed into place, except onto a character device or a FIFO, which is
 * written directly (a device node is never replaced); a block device, a
 * socket or a folder is refused. KbFileTarget says which. */
#ifndef KB_BASE_FOLDER_H
#define KB_BASE_FOLDER_H

#include <stdio.h>
#include <sys/types.h>

#include <glib.h>

#include "klaverblad/file.h"

/* The name of the marker in every folder klaverblad writes. */
#define KB_I_FOLDER_MARKER ".klaverblad"

typedef struct {
  char *path;           /* the target */
  char *tmp;            /* the temporary folder, until committed or released */
  KbFolderKind kind;
  GArray *seen;         /* what the target held when it was checked */
} KbFolder;

/* Prepares to write the folder 'path' as a folder of 'kind'. It may be
 * missing (its parents are made), an empty folder, or a folder that the
 * folder rule lets klaverblad replace; anything else fails (KB_ERROR_IO)
 * as kb_folder_check() does, so that a folder of the user's is never
 * replaced. 'input' (or NULL) is the path of the dataset being read: the
 * target may not be it or hold it. Removes temporary folders of runs that
 * are no longer running and makes this one's. */
gboolean kb_i_folder_begin(KbFolder *f, const char *path, KbFolderKind kind, const char *input,
                           GError **error);
/* Returns the path (new string) at which to write the file 'name'. */
char *kb_i_folder_file(const KbFolder *f, const char *name);
/* Opens the file 'name' of the folder for writing, or fails (KB_ERROR_IO)
 * naming the file as it will be, in the target. Close it with
 * kb_i_folder_close(). */
FILE *kb_i_folder_open(const KbFolder *f, const char *name, GError **error);
/* Closes 'out', opened by kb_i_folder_open() for 'name'; fails
 * (KB_ERROR_IO) when anything written to it was lost. */
gboolean kb_i_folder_close(const KbFolder *f, const char *name, FILE *out, GError **error);
/* Writes 'text' as the file 'name' of the folder. Fails (KB_ERROR_IO)
 * naming the file as it will be, in the target. */
gboolean kb_i_folder_write(const KbFolder *f, const char *name, const char *text,
                           GError **error);
/* Writes the marker, puts the written folder in the target's place and
 * removes the old one. On failure the target is as it was; also when it
 * changed since kb_i_folder_begin() checked it. */
gboolean kb_i_folder_commit(KbFolder *f, GError **error);
/* Removes the temporary folder unless it was committed, and frees. */
void kb_i_folder_release(KbFolder *f);

/* Where and how a file output is written. */
typedef struct {
  char *path;           /* as named, for messages */
  char *dest;           /* the file written: 'path', or the file its symbolic link names */
  gboolean stream;      /* written directly, at its end, never replaced */
  mode_t type;          /* what 'dest' is: S_IFREG, S_IFCHR or S_IFIFO */
} KbFileTarget;

/* Fills 't' for writing the file 'path': a new name, a regular file (or a
 * symbolic link to one, whose target is then written), a character device
 * or a FIFO, these two written directly. So is a file open in a process
 * that 'path' reaches through /proc/PID/fd/N, as /dev/stdout does when the
 * shell redirects it to a file: it is appended to. Fails (KB_ERROR_IO),
 * leaving 't' empty, for a folder, a block device, a socket or a link to
 * nothing. */
gboolean kb_i_file_target_init(KbFileTarget *t, const char *path, GError **error);
void kb_i_file_target_release(KbFileTarget *t);
/* Makes a new private temporary folder for writing 't' (beside its
 * destination, or in the temporary folder of the system for a stream),
 * after removing the temporaries that ended runs left there. Returns its
 * path, or NULL with the error set. Remove it with kb_i_remove_tree(). */
char *kb_i_file_target_scratch(const KbFileTarget *t, GError **error);
/* Puts the finished file 'from' (in the scratch folder of 't') in place:
 * renamed onto the destination, or copied into a stream. */
gboolean kb_i_file_target_put(const KbFileTarget *t, const char *from, GError **error);

/* Temporaries, shared by files (file.c) and folders (folder.c). */

/* Removes 'path' and, for a folder, everything in it, without following
 * links. Best effort: what cannot be removed stays. */
void kb_i_remove_tree(const char *path);
/* Returns a new temporary name beside 'path',
 * ".NAME.klaverblad-PID-XXXXXX", as a template for mkstemp or mkdtemp. */
char *kb_i_temporary_template(const char *path);
/* Removes the temporaries beside 'dir'/'base' of runs that have ended.
 * While the target is missing, a temporary folder holding a marker is
 * kept: where a swap by two renames was killed between them, it is the
 * only copy. */
void kb_i_remove_stale(const char *dir, const char *base);
/* What a file of type 'mode' is, for messages: "a folder". Static string. */
const char *kb_i_describe_mode(mode_t mode);

#endif
