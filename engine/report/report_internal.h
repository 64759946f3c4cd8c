/* report_internal.h -- what the files of the report share: the page being
 * written, and the helpers that write into it. report.c writes the page and
 * most of its sections; report_candidates.c the candidate partners, the plan
 * per theme and the requests. */
#ifndef KB_REPORT_INTERNAL_H
#define KB_REPORT_INTERNAL_H

#include "base/folder.h"
#include "klaverblad/analysis.h"
#include "klaverblad/report.h"

typedef struct {
  const KbDataset *ds;      /* as of the report's year */
  const KbDataset *all;     /* every relation, for the changes */
  const KbReportOptions *o;
  KbLang lang;
  KbFolder *folder;         /* the folder being written */
  GString *html;
  unsigned section;
  int year, compare;
  KbYearCounts counts;      /* what the view of 'year' kept and left out */
  GError *error;            /* the first failure */
  /* computed once for the sections that share them */
  KbIndex *index;           /* by country, or NULL */
  KbBrokers *brokers;       /* or NULL, with brokers_error */
  GError *brokers_error;
} Report;

#define T(r, s) kb_tr((r)->lang, s)

/* Appends 's' to the page, escaped. */
void kb_i_report_text(Report *r, const char *s);
/* Appends 's' as a paragraph. */
void kb_i_report_para(Report *r, const char *s);
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

#endif
