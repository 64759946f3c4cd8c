/* folder.h -- writing a folder whole (library-internal).
 *
 * The files go into a temporary folder beside the target, named
 * ".NAME.klaverblad-PID-XXXXXX": hidden, so that it is never taken for
 * output. Once every file is written the temporary folder takes the
 * target's place in one step (renameat2's RENAME_EXCHANGE where the target
 * exists, then the old one, now under the temporary name, is removed). A
 * run killed at any moment leaves the old folder whole or the new one whole,
 * never a mix and never neither. A temporary folder that a killed run left
 * behind is removed by the next write to the same target.
 *
 * Where the file system cannot exchange two names (NFS), the old folder is
 * renamed away, the new one renamed in and the old one removed; a run
 * killed between the two renames leaves both, hidden, and they are kept
 * until the target is there again.
 *
 * Use: kb_i_folder_begin(), write each file with kb_i_folder_write() (or at
 * kb_i_folder_file()), kb_i_folder_commit(), and kb_i_folder_release() in
 * every case. */
#ifndef KB_BASE_FOLDER_H
#define KB_BASE_FOLDER_H

#include <glib.h>

typedef struct {
  char *path;           /* the target */
  char *tmp;            /* the temporary folder, until committed or released */
} KbFolder;

/* Tells whether a file called 'name' is one the writer writes: an existing
 * target is replaced only when it holds nothing else. */
typedef gboolean (*KbFolderOwnsFunc)(const char *name);

/* Prepares to write the folder 'path'. It may be missing (its parents are
 * made), an empty folder, or a folder of regular files that 'owns' accepts,
 * as an earlier write left it; anything else fails (KB_ERROR_IO), naming
 * the first file that is not ours, so that a folder of the user's is never
 * replaced. Removes temporary folders of runs that are no longer running
 * and makes this one's. */
gboolean kb_i_folder_begin(KbFolder *f, const char *path, KbFolderOwnsFunc owns,
                           GError **error);
/* Returns the path (new string) at which to write the file 'name'. */
char *kb_i_folder_file(const KbFolder *f, const char *name);
/* Writes 'text' as the file 'name' of the folder. Fails (KB_ERROR_IO)
 * naming the file as it will be, in the target. */
gboolean kb_i_folder_write(const KbFolder *f, const char *name, const char *text,
                           GError **error);
/* Puts the written folder in the target's place and removes the old one.
 * On failure the target is as it was. */
gboolean kb_i_folder_commit(KbFolder *f, GError **error);
/* Removes the temporary folder unless it was committed, and frees. */
void kb_i_folder_release(KbFolder *f);

#endif
