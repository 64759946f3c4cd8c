/* report_internal.h -- the parts of the report kept in files of their own.
 * A part gives its paragraphs and tables as blocks, in order; report.c
 * writes them out as it writes its own. */
#ifndef KB_REPORT_INTERNAL_H
#define KB_REPORT_INTERNAL_H

#include "klaverblad/analysis.h"
#include "klaverblad/output.h"
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

#endif
