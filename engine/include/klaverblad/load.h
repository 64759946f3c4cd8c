/* load.h -- reading datasets from files. */
#ifndef KLAVERBLAD_LOAD_H
#define KLAVERBLAD_LOAD_H

#include <glib.h>
#include <klaverblad/diag.h>
#include <klaverblad/model.h>
#include <klaverblad/analysis.h>

G_BEGIN_DECLS

typedef enum {
  KB_FORMAT_AUTO,       /* decide from the path and the file's first bytes */
  KB_FORMAT_FOLDER,     /* a folder with nodes.csv and relations.csv */
  KB_FORMAT_JSON,       /* one JSON document */
  KB_FORMAT_EDGELIST,   /* from,to[,weight] */
  KB_FORMAT_GRAPHML,    /* GraphML, as Gephi, NetworkX and igraph write it */
  KB_FORMAT_KUMU,       /* a folder with Kumu's elements.csv and connections.csv (and
                         * dataset.csv, questions.csv beside them, when there) */
  KB_FORMAT_XLSX        /* an Excel workbook with the sheets nodes and relations (and
                         * dataset, questions), or Kumu's Elements and Connections */
} KbFormat;

/* The format kb_dataset_load() would use for 'path' under KB_FORMAT_AUTO: a
 * folder with elements.csv is KB_FORMAT_KUMU, another folder
 * KB_FORMAT_FOLDER; a zip archive (its first bytes "PK\3\4") is
 * KB_FORMAT_XLSX; a file whose first non-blank character is '{' is
 * KB_FORMAT_JSON, '<' KB_FORMAT_GRAPHML, any other file KB_FORMAT_EDGELIST.
 * Fails (KB_ERROR_IO) when the path cannot be read. Reads the file's first
 * bytes, which a pipe then no longer holds: to load such an input and learn
 * its format, use kb_dataset_load_as(). */
gboolean kb_format_detect(const char *path, KbFormat *out, GError **error);
/* The name of a format as --input-format writes it ("folder", "json",
 * ...; "auto" for KB_FORMAT_AUTO); static, "?" for a value out of range. */
const char *kb_format_name(KbFormat format);
/* Parses a format's name; "auto" is KB_FORMAT_AUTO. */
gboolean kb_format_parse(const char *name, KbFormat *out);

/* The name under which diagnostics and errors show the input at 'path':
 * "<stdin>" for "-", else 'path' itself (borrowed). */
const char *kb_input_name(const char *path);

/* Loads the dataset at 'path'. Every problem in the data is added to 'diags'
 * (errors and warnings, with file, line and column); the call fails only
 * when a file cannot be read at all (KB_ERROR_IO), and then returns NULL.
 * Otherwise it returns a new dataset, which holds what could be used: check
 * kb_diag_list_count(diags, KB_SEVERITY_ERROR) before trusting it.
 *
 * 'path' may be "-" (standard input), a pipe, a FIFO or a character device
 * as well as a file or folder: such a stream is read once, into a private
 * temporary file (removed before the call returns) that detection and the
 * loader read as they would a regular file, with the same diagnostics; they
 * name the input as 'path' does ("<stdin>" for "-"). A folder format
 * (KB_FORMAT_FOLDER, KB_FORMAT_KUMU) on anything but a folder fails
 * (KB_ERROR_FORMAT). */
KbDataset *kb_dataset_load(const char *path, KbFormat format, KbDiagList *diags,
                           GError **error);

/* As kb_dataset_load(), which is this under the default limits, with at
 * most limits->max_nodes nodes and limits->max_relations relations (NULL:
 * the defaults); a row beyond either is an error in 'diags' (see
 * kb_builder_set_limits()). A file of more than limits->max_bytes fails
 * (KB_ERROR_LIMIT), before it is read, or for a stream as soon as it has
 * given a byte more. Before reading, the size of the input's files times
 * the memory a byte of the format takes is compared with the memory
 * available, and the call fails (KB_ERROR_MEMORY) when it does not fit,
 * saying how much is needed and how much there is; a stream is compared
 * every few megabytes as it is read, and stopped as soon as it cannot fit. */
KbDataset *kb_dataset_load_limited(const char *path, KbFormat format, const KbLimits *limits,
                                   KbDiagList *diags, GError **error);

/* As kb_dataset_load_limited(), reading the format *format says
 * (KB_FORMAT_AUTO: detect it) and setting *format to the one read, unless
 * the call fails. This is how to learn the format detected for a stream,
 * whose bytes are read only once. */
KbDataset *kb_dataset_load_as(const char *path, KbFormat *format, const KbLimits *limits,
                              KbDiagList *diags, GError **error);

/* Loads Kumu's spreadsheet layout from its two files, mapping Kumu's types
 * to kinds through 'map_path' (a CSV file: for,kumu_type,kind; NULL: by
 * name only); dataset.csv and questions.csv in the folder that holds
 * 'elements' are read too, when there. As kb_dataset_load_limited()
 * otherwise; each of the three files may be a stream. */
KbDataset *kb_dataset_load_kumu(const char *elements, const char *connections,
                                const char *map_path, const KbLimits *limits,
                                KbDiagList *diags, GError **error);

/* Loads a Kumu workbook (an .xlsx file with the sheets Elements and
 * Connections, and optionally dataset and questions) mapping Kumu's types
 * to kinds through 'map_path' as kb_dataset_load_kumu() does (NULL: by
 * name only). A workbook without those two sheets is an error in 'diags'.
 * As kb_dataset_load_limited() otherwise; 'path' may be a stream. */
KbDataset *kb_dataset_load_kumu_workbook(const char *path, const char *map_path,
                                         const KbLimits *limits, KbDiagList *diags,
                                         GError **error);

/* Reads a file of partnership requests (CSV, the same rules as the dataset;
 * columns named in any case, in any order):
 *   id           required, unique: the candidate; a node of the dataset
 *                when one has this id (it must then be of the kind given)
 *   label        its name (the id when empty)
 *   kind         city, country or organisation; city when empty
 *   themes       separated by '|': a theme of the dataset by its id or its
 *                label, in any case; any other text is another theme than
 *                the dataset's, kept as written (KbRequest.other_themes)
 *   added_value  the added value the request claims, in words
 *   hours        the hours a year it would take, 0 or more (a decimal point
 *                or comma)
 *   purpose      exchange, visitors or business (kb_purpose_parse())
 *   source       where the request comes from
 * Other columns are ignored. Problems go to 'diags', each at its line and
 * column; returns NULL, having reported why, when the file cannot be read
 * or has errors. */
KbRequests *kb_requests_load(const char *path, const KbDataset *ds, KbDiagList *diags);
/* As kb_requests_load(), which is this under the default limits (NULL), with
 * the file read as kb_dataset_load_limited() reads a dataset's: a stream or
 * "-" as well as a file, refused beyond limits->max_bytes or the memory
 * available (only max_bytes of the limits applies); the refusal is an error
 * in 'diags' at the file. */
KbRequests *kb_requests_load_limited(const char *path, const KbDataset *ds,
                                     const KbLimits *limits, KbDiagList *diags);

/* "a, b, c": the ids of the dataset's nodes of 'kind', in id order. */
char *kb_dataset_list_ids(const KbDataset *ds, KbNodeKind kind);

G_END_DECLS

#endif
