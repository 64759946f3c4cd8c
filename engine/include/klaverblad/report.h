/* report.h -- the network annex: one self-contained HTML page from the
 * data, with its tables as CSV and its map as SVG beside it. */
#ifndef KLAVERBLAD_REPORT_H
#define KLAVERBLAD_REPORT_H

#include <glib.h>
#include <klaverblad/analysis.h>
#include <klaverblad/diag.h>
#include <klaverblad/lang.h>
#include <klaverblad/model.h>

G_BEGIN_DECLS

typedef struct {
  KbLang lang;
  int as_of;                /* the year shown; KB_NO_YEAR: the year the data describes
                             * (kb_dataset_year()) */
  int compare;              /* the year changes are counted from; KB_NO_YEAR: the default */
  const char *renderer;     /* klaverblad-render, or NULL: the report says the map is missing */
  const char *source_name;  /* the dataset as the user named it, shown in the report */
  const KbDiagList *warnings;  /* from loading, shown under data quality; may be NULL */
  const KbRequests *requests;  /* partnership requests to weigh (kb_requests_load(), against
                                * the same dataset) under candidate partners and for a question
                                * of kind rank; may be NULL */
  int csv;                  /* the KbCsvDialect of the tables' CSV files, or
                             * KB_REPORT_CSV_BY_LANG (the default): excel-nl for a Dutch
                             * report, excel-en for an English one */
  gpointer reserved[4];     /* zero, as the _init function sets it: room for fields to come
                             * (analysis.h) */
} KbReportOptions;

#define KB_REPORT_CSV_BY_LANG (-1)

/* Fills 'opts' with the defaults: Dutch, no as-of or compared year, the
 * CSV dialect by language (KB_REPORT_CSV_BY_LANG), every pointer NULL and
 * every switch off. Allocates nothing. */
void kb_report_options_init(KbReportOptions *opts);

/* The key figures, as the report's first sentences state them. */
typedef struct {
  size_t organisations;
  size_t sectors;           /* sectors with organisations */
  size_t countries;         /* countries abroad with organisations active */
  size_t single_points;     /* places abroad that rest on one organisation */
  int year;                 /* the year the report speaks of */
  int compare;              /* the year changes are counted from */
  /* A regional network (the hub's members are municipalities at home and
   * no organisation is active abroad): the key figures describe its
   * members instead, and the fields above abroad are 0. */
  gboolean regional;
  size_t members;           /* of the hub */
  size_t municipalities;    /* of them */
  size_t provinces;         /* the municipalities lie in */
  double degree_centralization;       /* of the member network (KbRegion); NaN when */
  double betweenness_centralization;  /* it has fewer than 3 members */
  double degree_centralization_without;       /* without the centre municipality (KbRegion); */
  double betweenness_centralization_without;  /* NaN when none is a member */
  gpointer reserved[4];     /* zeroed by the library: room for fields to come (analysis.h) */
} KbReportFigures;

/* The key figures in one sentence, as the report's command prints them:
 * "15 organisations in 5 sectors are active in 10 countries abroad; 12
 * places rest on a single organisation (as of 2021; changes since 2016)."
 * in 'lang' (newly allocated). */
char *kb_report_summary(const KbReportFigures *figures, KbLang lang);

/* Writes DIR/report.html (self-contained: styles and the map inline, no
 * fetch of anything), DIR/klaverblad.svg, DIR/explorer.html (the explorer,
 * kb_explore_page(), opening on the report's year; with a renderer, and
 * unless the network is too large to lay out), one CSV per table and the
 * workbook DIR/report.xlsx with a sheet per CSV (named in the report's
 * language, by the table's heading) into 'dir',
 * which is made when missing. The folder is written whole: into a hidden
 * temporary folder beside it, which then takes its place in one step, so
 * that a failed or killed run leaves the previous report as it was. 'dir'
 * gets the marker of a report folder, and an existing 'dir' is replaced
 * only when kb_folder_check() allows it for a report: it may not be the
 * folder 'ds' was loaded from (kb_dataset_name()) or hold its file, nor a
 * dataset folder, nor hold anything klaverblad did not write there
 * (KB_ERROR_IO, before anything is computed). Fills 'figures' when not
 * NULL. */
gboolean kb_report_write(const KbDataset *ds, const KbReportOptions *opts, const char *dir,
                         KbReportFigures *figures, GError **error);

G_END_DECLS

#endif
