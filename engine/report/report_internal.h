/* report_internal.h -- what the files of the report share: the page being
 * written, and the helpers that write into it. report.c writes the page and
 * most of its sections; report_candidates.c the candidate partners, the plan
 * per theme and the requests; report_region.c the part of a regional
 * network, which gives its paragraphs and tables as blocks, in order, that
 * report.c writes out as it writes its own; glossary.c the measures
 * explained. */
#ifndef KB_REPORT_INTERNAL_H
#define KB_REPORT_INTERNAL_H

#include "base/folder.h"
#include "klaverblad/analysis.h"
#include "klaverblad/output.h"
#include "klaverblad/report.h"
#include "klaverblad/tables.h"

typedef struct {
  char *text;               /* a paragraph, or NULL for a table: */
  const KbSheet *sheet;     /* borrowed from the part's document */
  char *file;               /* the name of its CSV, without ".csv" */
} KbiBlock;

/* ------------------------------------------------------ regional network */

/* The report of a regional network: a hub whose members are municipalities
 * of the home country, and no organisation active abroad. */
typedef struct {
  KbRegion *region;         /* of the report's year */
  size_t municipalities;    /* members that are municipalities */
  size_t provinces;         /* the regions they lie in */
  char *key_figures[3];     /* the key figures' sentences, each or NULL */
  KbDoc *doc;               /* holds the sheets of the blocks */
  GArray *blocks;           /* of KbiBlock: the section "The regional network" */
} KbiRegionPart;

/* Returns the regional part of the report of 'ds' (the view of 'year', the
 * report's) and 'all' (every relation, for the growth and the seats the
 * year leaves out), or NULL when 'ds' is no regional
 * network: it names no home or no hub, 'orgs_abroad' (organisations active
 * in a country abroad) is not 0, or fewer than two of the hub's members are
 * municipalities (a city, or a government organisation located in one).
 * Sets 'error' and returns NULL when igraph fails. */
KbiRegionPart *kb_i_region_part_new(const KbDataset *ds, const KbDataset *all, int year,
                                    size_t orgs_abroad, KbLang lang, GError **error);
void kb_i_region_part_free(KbiRegionPart *part);
/* The answer to 'q' where the regional network gives it: for a question of
 * centrality or an overview of the hub or one of its bodies (a network
 * part_of it), the members there in 'year' and where the section that
 * answers it with figures ('section', its number) stands; a new sentence,
 * or NULL for any other question. */
char *kb_i_region_part_answer(const KbiRegionPart *part, const KbDataset *ds,
                              const KbQuestion *q, int year, unsigned section, KbLang lang);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbiRegionPart, kb_i_region_part_free)


typedef struct {
  const KbDataset *ds;      /* as of the report's year */
  const KbDataset *all;     /* every relation, for the changes */
  const KbReportOptions *o;
  KbLang lang;
  KbFolder *folder;         /* the folder being written */
  KbCsvDialect csv;         /* of the tables' files */
  KbWorkbook *book;         /* report.xlsx: every table's file as a sheet; NULL: failed */
  GString *html;
  unsigned section;
  int year, compare;
  KbYearCounts counts;      /* what the view of 'year' kept and left out */
  GError *error;            /* the first failure */
  /* computed once for the sections that share them */
  KbIndex *index;           /* by country, or NULL */
  KbBrokers *brokers;       /* or NULL, with brokers_error */
  GError *brokers_error;
  KbiRegionPart *region;    /* a regional network's part, or NULL */
  unsigned region_section;  /* the number of its section */
} Report;

#define T(r, s) kb_tr((r)->lang, s)

/* Appends 's' to the page, escaped. */
void kb_i_report_text(Report *r, const char *s);
/* Appends 's' as a paragraph. */
void kb_i_report_para(Report *r, const char *s);
/* The sections on the data itself (report_data.c): the note on the year
 * the data describes, the plans and ambitions, the changes since
 * r->o->compare, and the quality of the data. */
void kb_i_report_year_note(Report *r);
void kb_i_report_plans_section(Report *r);
void kb_i_report_changes_section(Report *r);
void kb_i_report_quality_section(Report *r);
/* Returns a new string: 'v' with three decimals as 'lang' writes it
 * (0.187, 0,187); "-" for NaN (report_region.c). */
char *kb_i_report_figure(double v, KbLang lang);
/* Returns a new string: a warning of the check as the report lists it, in
 * 'lang' (warnings.c); *translated is FALSE when it has no translation and
 * stays as `klaverblad check` gives it, in English. */
char *kb_i_report_warning(const KbDiag *d, KbLang lang, gboolean *translated);
/* Starts a numbered section (level 2, closing the one before; 'id' its
 * anchor) or appends a heading of another level ('id' unused). */
void kb_i_report_heading(Report *r, int level, const char *id, const char *s);
/* Appends a sheet as a table (its heading as h3, the rows after the first
 * few folded) and writes it as FILE.csv beside the page; "None." when it
 * has no rows. */
void kb_i_report_sheet(Report *r, const KbSheet *s, const char *file);
/* The sheet of 'doc' named 'key', or NULL. */
const KbSheet *kb_i_report_find_sheet(const KbDoc *doc, const char *key);
/* Keeps 'err' (taken) as the report's failure when it is the first; frees
 * it otherwise. */
void kb_i_report_fail_igraph(Report *r, GError *err);

/* The section on candidate partners: the weights, the new candidates and
 * the partners to deepen with what carries the first, the plan per focus
 * theme, and the requests weighed (KbReportOptions.requests). Nothing when
 * the dataset names no home city, or neither focus themes nor requests. */
void kb_i_report_candidates(Report *r);
/* The answer to a question of kind rank for 'home': the requests weighed,
 * when there are any, and the new candidates; the sheets are written as
 * FILE-requests.csv and FILE.csv. */
void kb_i_report_rank_answer(Report *r, size_t home, const char *file);

/* ------------------------------------------------------------ glossary */

/* Appends the glossary, every measure of the report with one sentence on
 * what it means, to 'html' as a <dl>; each term has the anchor #g-KEY. */
void kb_i_glossary_write(GString *html, KbLang lang);
/* Links the column names and row names of measures in 'table' (an HTML
 * table as kb_sheet_render_html() writes it) to their glossary entries. */
void kb_i_glossary_link(GString *table, KbLang lang);
/* Appends the "How to read this" line of the glossary entry 'key' (one of
 * its keys; a programming error otherwise). */
void kb_i_glossary_note(GString *html, KbLang lang, const char *key);

#endif
