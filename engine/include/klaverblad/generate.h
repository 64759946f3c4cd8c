/* generate.h -- synthetic datasets for benchmarks: national and European
 * scale networks with the shape of the real ones, the same for a seed. */
#ifndef KLAVERBLAD_GENERATE_H
#define KLAVERBLAD_GENERATE_H

#include <glib.h>

#include <klaverblad/file.h>

G_BEGIN_DECLS

/* Writes a dataset folder (nodes.csv, relations.csv, dataset.csv) into
 * 'dir' with 'orgs' organisations: six sectors with fixed shares; 200
 * countries and 5,000 cities drawn Zipf-like (the largest country holds
 * about 16% of the organisations); 1 to 8 places per organisation (mean
 * about 2.3); 1 to 3 of the 17 Global Goals; 0 to 2 of max(20, orgs/500)
 * networks; a partner for about 30% of organisations. The same seed gives
 * the same bytes. The folder is written whole, as kb_report_write() writes
 * one, with the marker of a dataset folder: 'dir' must be missing, empty,
 * or a dataset folder klaverblad wrote whose files are unchanged
 * (kb_folder_check()); anything else is refused (KB_ERROR_IO) before a row
 * is written. */
gboolean kb_generate(size_t orgs, guint32 seed, const char *dir, KbProgressFunc progress,
                     gpointer user_data, GError **error);

G_END_DECLS

#endif
