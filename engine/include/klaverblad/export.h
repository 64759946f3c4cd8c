/* export.h -- writing a dataset for other tools: GraphML (Gephi, yEd,
 * NetworkX, igraph), GEXF (Gephi, with the years as spells for its
 * timeline), Kumu's spreadsheet layout, node-link JSON (NetworkX, D3),
 * klaverblad's own CSV folder or workbook, and Graphviz DOT. */
#ifndef KLAVERBLAD_EXPORT_H
#define KLAVERBLAD_EXPORT_H

#include <glib.h>
#include <klaverblad/model.h>

G_BEGIN_DECLS

typedef enum {
  KB_EXPORT_GRAPHML,
  KB_EXPORT_GEXF,
  KB_EXPORT_KUMU,           /* a folder: elements.csv, connections.csv, dataset.csv,
                             * questions.csv */
  KB_EXPORT_JSON,
  KB_EXPORT_CSV,            /* a folder: nodes.csv, relations.csv, dataset.csv, questions.csv */
  KB_EXPORT_DOT,
  KB_EXPORT_XLSX            /* an Excel workbook: the sheets nodes, relations, dataset and
                             * questions, as the CSV folder's files */
} KbExportFormat;

/* The format named 'name' ("graphml", "gexf", "kumu", "json", "csv",
 * "dot") into *out; FALSE, *out untouched, for another name. */
gboolean kb_export_format_parse(const char *name, KbExportFormat *out);

/* A figure per node to write as an extra node attribute (an analysis
 * result such as betweenness). values[i] belongs to node i; NaN leaves it
 * out. values NULL: a measure not computed this time, written nowhere; it
 * still replaces a kept attribute of its name (a stale result). */
typedef struct {
  const char *name;
  const double *values;
  gboolean integer;
  gpointer reserved[4];     /* zero (a designated initializer sets it so): room for fields
                             * to come (analysis.h) */
} KbNodeMeasure;

/* Writes 'ds' to 'path' (a file, or a folder for kumu and csv, made when
 * missing), atomically: a file under a temporary name renamed into place
 * (a device or FIFO written directly, see kb_atomic_file_open()), a folder
 * whole, as kb_report_write() writes one, with the marker of a dataset
 * folder (an existing folder is replaced only when kb_folder_check()
 * allows it for a dataset, and never when it is or holds the dataset 'ds'
 * was loaded from). 'measures' (n_measures of them) become extra node
 * attributes, after the kept ones; a kept attribute named as one of them
 * (the result of an earlier export read back) is left out, so that each
 * name is written once, with the new figures. Returns FALSE with 'error'
 * set when the file or folder cannot be written or may not be replaced;
 * what stood at 'path' is then left as it was. */
gboolean kb_export_write(const KbDataset *ds, KbExportFormat format, const KbNodeMeasure *measures,
                         size_t n_measures, const char *path, GError **error);

G_END_DECLS

#endif
