/* candidates_internal.h -- what the ranking of candidates, the assessment
 * of requests and the plan per theme share: the home's side of the data,
 * worked out once. */
#ifndef KB_CANDIDATES_INTERNAL_H
#define KB_CANDIDATES_INTERNAL_H

#include "analysis/analysis_internal.h"

/* Lists of nodes per node: node i's are to[start[i] .. start[i + 1]). */
typedef struct {
  size_t *start;
  size_t *to;
} KbiLists;

#define KB_LISTS_LEN(l, i) ((l)->start[(i) + 1] - (l)->start[i])
#define KB_LISTS_ROW(l, i) ((l)->to + (l)->start[i])

void kb_i_lists_release(KbiLists *l);

/* The home's side, for a home city or organisation. */
typedef struct {
  size_t home;
  gboolean city;            /* the home is a city; else an organisation */
  size_t n;                 /* nodes */
  gboolean *own;            /* its own organisations: for a city those located in it or in a
                             * place inside it; for an organisation itself */
  gboolean *backer;         /* whose presence supports a candidate: the own organisations,
                             * and for an organisation its partners too */
  gboolean *region;         /* organisations of the home city's region: located or active
                             * in a region that encloses it, not its own */
  gboolean *excluded;       /* never candidates: the home, the places enclosing it or inside
                             * it (for an organisation: where it is), its own organisations */
  gboolean *abroad;         /* places outside the home's country (outside the places
                             * enclosing it where it has none) */
  gboolean *partner;        /* the home's partners: tied to it (twinned_with, partner_of,
                             * funds), and for a city the organisations tied to its own */
  gboolean *home_net;       /* networks the home or its own organisations are members of */
  KbiLists ties;            /* node -> nodes tied to it by twinned_with, partner_of, funds */
  KbiLists nets;            /* node -> networks it is a member of */
  KbiLists themes;          /* node -> themes it works on */
  KbiLists located;         /* node -> places it is located in */
  KbiLists active;          /* node -> places it is active in */
  KbiContexts ctx;          /* who is at each place (members) */
  size_t *hops;             /* ties from the home or its own organisations (memberships,
                             * twinnings, partnerships, funding, networks within
                             * networks); SIZE_MAX: no path */
  size_t n_backers, n_backer_sectors;
} KbiHome;

void kb_i_home_build(const KbDataset *ds, size_t home, KbiHome *h);
void kb_i_home_release(KbiHome *h);

/* The number of sectors among 'orgs'. */
size_t kb_i_count_sectors(const KbDataset *ds, const size_t *orgs, size_t n);
/* Appends to 'out' the organisations among ctx.members[place] (active or
 * located at the place or inside it) for which flags[] holds. */
void kb_i_members_where(const KbiHome *h, size_t place, const gboolean *flags, GArray *out);
/* Sorts 'a' (of size_t) by id, drops repeats, and returns its contents
 * (newly allocated; *n their number), freeing the array. */
size_t *kb_i_steal_sorted(const KbDataset *ds, GArray *a, size_t *n);

/* Fills cs->assessments for the requests (cs->candidates ranked). */
void kb_i_candidates_assess(const KbDataset *ds, const KbiHome *h, const KbRequests *requests,
                            KbCandidates *cs);
/* Fills cs->plans for cs->themes (cs->candidates ranked). */
void kb_i_candidates_plan(const KbDataset *ds, const KbiHome *h, KbCandidates *cs);
void kb_i_assessment_release(KbAssessment *a);
void kb_i_theme_plan_release(KbThemePlan *p);

#endif
