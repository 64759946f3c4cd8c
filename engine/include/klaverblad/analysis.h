/* analysis.h -- the analyses: strategic index, synergy opportunities,
 * bridging partners, brokers and communities.
 *
 * It is longer than the project's 800 lines on purpose: one public header
 * for the analyses, a section each, which every program that embeds them
 * includes whole; most of it is the contract comments of their results.
 *
 * Two derived networks underlie them (the README states them too):
 *
 *  - The ORGANISATION NETWORK: one vertex per organisation; two
 *    organisations are tied when a partner_of or funds relation joins them,
 *    or when both are members (member_of) of the same network. A tie's
 *    weight counts these reasons. Directed, for brokerage: funds runs from
 *    funder to funded, the others both ways. On a plain edge list it is the
 *    graph itself.
 *
 *  - CONTEXTS: what an organisation shares with others. Its places
 *    (active_in and located_in, each rolled up to the enclosing regions and
 *    countries), its themes (works_on), its networks (member_of, rolled up
 *    along part_of) and its partners (the organisations it is tied to by
 *    partner_of or funds).
 *
 * How the public structs grow without breaking a program built against an
 * older library (the README says it too, under "Embedding the library"):
 *
 *  - RESULTS, which the library allocates and a program reads through a
 *    pointer: KbIndex, KbSynergy, KbBridges, KbBrokers, KbCommunities,
 *    KbRequests, KbCandidates, KbDiff, KbRegion; the dataset's KbNode,
 *    KbRelation and KbQuestion; KbDiag. New fields are only added at their
 *    end. A program never allocates one, copies one by value or takes its
 *    sizeof.
 *  - Structs a program ALLOCATES (the options: KbSynergyOptions,
 *    KbBrokersOptions, KbCandidateOptions, KbMapOptions, KbReportOptions,
 *    KbExploreOptions, KbStarterOptions, KbYearView, KbLimits, KbNodeMeasure;
 *    and KbSummary, KbComponents, KbYearCounts, KbReportFigures, which the
 *    library fills) and ROWS of arrays a program indexes (KbCutPoint,
 *    KbIntroducer, KbBridgeContact, KbBroker, KbCommunity, KbRequest,
 *    KbCandidate, KbAssessment, KbThemePlan, KbRegionLoose, KbRegionYear)
 *    end in 'gpointer reserved[4]', which is zero: the _init functions and
 *    the library zero it, and a program that fills such a struct itself
 *    uses a designated initializer or memset. A later field takes a
 *    reserved slot, its zero meaning what the struct meant without it.
 *  - FIXED: the rows of the hot loops (KbIndexEntry, KbSynergyPair,
 *    KbReason, KbSuggestion), the per-value structs of the loaders (KbAttr,
 *    and the builder's KbCell and KbRow), and the structs held by value in
 *    others (KbOrigin, KbBridgeFact, KbBridgeFacts) keep their size: a
 *    larger row costs memory and time in synergy and in every load, and a
 *    larger inner struct would move the fields after it. What they lack
 *    comes as a new array at the end of the result that holds them (one
 *    entry per row) or as a new function.
 *  - OPAQUE: KbDataset, KbDiagList, KbBuilder, KbDoc, KbSheet and
 *    KbAtomicFile are reached through functions only. */
#ifndef KLAVERBLAD_ANALYSIS_H
#define KLAVERBLAD_ANALYSIS_H

#include <glib.h>
#include <klaverblad/file.h>
#include <klaverblad/model.h>

G_BEGIN_DECLS

typedef enum {
  KB_CONTEXT_PLACE,
  KB_CONTEXT_THEME,
  KB_CONTEXT_NETWORK,
  KB_CONTEXT_PARTNER,
  KB_CONTEXT_KIND_COUNT
} KbContextKind;

/* The kind's name in the output ("place", "theme", "network",
 * "partner"); static, never NULL ("?" for a value out of range). */
const char *kb_context_kind_name(KbContextKind kind);

/* --------------------------------------------------------------- index */

typedef enum {
  KB_INDEX_BY_COUNTRY,
  KB_INDEX_BY_CITY,
  KB_INDEX_BY_REGION,
  KB_INDEX_BY_THEME,
  KB_INDEX_BY_NETWORK,
  KB_INDEX_BY_SECTOR
} KbIndexBy;

/* The grouping named 'name' ("country", "city", "region", "theme",
 * "network", "sector") into *out; FALSE, *out untouched, for another
 * name. kb_index_by_name() is its inverse; static, never NULL ("?" for a
 * value out of range). */
gboolean kb_index_by_parse(const char *name, KbIndexBy *out);
const char *kb_index_by_name(KbIndexBy by);

/* Fixed size (analysis.h): a row of the index, filled in its hot loop. */
typedef struct {
  size_t node;              /* the place, theme, network or sector */
  size_t n_orgs;
  size_t *orgs;             /* the home organisations active there (every organisation
                             * where the dataset names no home), by id */
  size_t n_partners;
  size_t *partners;         /* the other organisations there: partners at home or
                             * abroad, and those of unknown location, by id */
  size_t n_sectors;         /* sectors among the home organisations (an unknown sector
                             * not counted) */
  double diversity;         /* Shannon entropy of their sectors / ln(sectors in the data) */
  size_t relations;         /* relations that put the home organisations there */
  int first_year;           /* earliest since among those, or KB_NO_YEAR */
  size_t cross_ties;        /* tied pairs of different sectors among them */
  size_t open_pairs;        /* untied pairs of different sectors among them */
  gboolean home;            /* the home city, a place enclosing it or one inside it */
} KbIndexEntry;

typedef struct {
  size_t org;               /* an organisation ... */
  size_t n_places;
  size_t *places;           /* ... whose removal cuts these places off */
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbCutPoint;

typedef struct {
  KbIndexBy by;
  size_t n_entries;
  KbIndexEntry *entries;    /* by organisations (most first), then id */
  /* whole network */
  size_t n_orgs;
  size_t n_home_orgs;       /* of them, the home city's own (all where there is no home) */
  size_t org_ties;          /* ties of the organisation network */
  double density;           /* of the organisation network */
  double degree_centralization;       /* Freeman, normalised (igraph, sna) */
  double betweenness_centralization;  /* Freeman, normalised (igraph, sna); NaN above
                                       * KB_INDEX_BETWEENNESS_MAX organisations */
  size_t n_sectors;
  size_t *sectors;          /* sector nodes, by id */
  size_t *mixing;           /* n_sectors x n_sectors: organisation-network ties */
  double *ei;               /* Krackhardt's E-I index per sector; NaN without ties */
  size_t n_cuts;
  KbCutPoint *cuts;         /* home organisations (any, where there is no home) whose
                             * removal cuts places off */
  /* One network that makes most of the organisation network's ties (all its
   * members are tied to one another): KB_NO_NODE when none does. The
   * figures without its memberships, to see the network beneath it. */
  size_t umbrella;
  size_t umbrella_members;  /* its organisations */
  size_t ties_without;      /* organisation ties without its memberships */
  double density_without;
  double degree_centralization_without;
  double betweenness_centralization_without;
} KbIndex;

/* Betweenness centralization needs every organisation's exact betweenness
 * (a search from each): the index leaves it out above this many
 * organisations, where brokers estimates betweenness by sampling. */
#define KB_INDEX_BETWEENNESS_MAX 20000

/* Computes the strategic index of 'ds' along 'by'. Returns a new index;
 * free with kb_index_free(). Fails only when igraph does. The organisation
 * network's figures are counted from what makes its ties (shared networks,
 * partner_of, funds), never from a list of them, so it has no size limit. */
KbIndex *kb_index_compute(const KbDataset *ds, KbIndexBy by, GError **error);
/* The entries alone (who is where, with their figures), for a second view
 * of data whose whole-network figures are known: n_orgs is set, the other
 * whole-network figures are 0 (NaN for the centralizations), with no
 * sectors and no cut points. Cannot fail. */
KbIndex *kb_index_entries(const KbDataset *ds, KbIndexBy by);
/* Frees an index and everything it holds; NULL is allowed. */
void kb_index_free(KbIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbIndex, kb_index_free)

/* ------------------------------------------------------------- synergy */

/* Fixed size (analysis.h): rows of synergy, filled in its hot loop. */
typedef struct {
  size_t context;           /* the shared node */
  KbContextKind kind;
  double contribution;      /* w(kind) / ln(deg context) */
} KbReason;

typedef struct {
  size_t a, b;              /* organisations, a's id before b's */
  double score;
  size_t n_reasons;
  KbReason *reasons;        /* strongest first, then by id */
} KbSynergyPair;

/* The most threads an analysis starts (synergy --each, brokers), whatever
 * the options ask. */
#define KB_THREADS_MAX 64

typedef struct {
  double weights[KB_CONTEXT_KIND_COUNT];  /* w(kind); 1 by default */
  gboolean same_sector;     /* keep pairs from the same sector too */
  size_t org;               /* only pairs with this organisation, or KB_NO_NODE */
  size_t place;             /* only pairs sharing this place, or KB_NO_NODE */
  size_t top;               /* at most this many pairs; 0: all */
  gboolean include_home;    /* count the home city and the places enclosing it as
                             * shared places (every local organisation shares them) */
  double max_work;          /* give up when the pairs to visit exceed this; 0: no limit.
                             * Only all pairs (top 0) or pairs sharing a place are
                             * found by visiting every pair of every shared context;
                             * one organisation's pairs and the best 'top' of all have
                             * no such cost and ignore it */
  guint threads;            /* kb_synergy_each(): threads; 0: one per core, at most
                             * KB_THREADS_MAX (as KbBrokersOptions.threads). The
                             * result does not depend on it */
  gpointer reserved[4];     /* zero, as the _init function sets it: room for fields to come
                             * (analysis.h) */
} KbSynergyOptions;

/* Defaults: every weight 1, pairs from different sectors only, the home
 * left out, no filter, all pairs, at most 5*10^7 pair visits. */
#define KB_SYNERGY_MAX_WORK 5e7
void kb_synergy_options_init(KbSynergyOptions *opts);

typedef struct {
  size_t n_pairs;
  KbSynergyPair *pairs;     /* highest score first, then ids */
  double work;              /* the pairs the shared contexts hold (sum of d(d-1)/2) */
  gboolean gave_up;         /* work exceeded max_work: no pairs were computed */
} KbSynergy;

/* The pairs 'opts' asks for. Returns a new KbSynergy (gave_up set, and no
 * pairs, when the pairs to visit pass opts->max_work), or NULL with 'error'
 * set when the best 'top' of all cannot be searched (KB_ERROR_LIMIT, as
 * kb_synergy_each()). */
KbSynergy *kb_synergy_compute(const KbDataset *ds, const KbSynergyOptions *opts,
                              GError **error);
/* Frees a result and everything it holds; NULL is allowed. */
void kb_synergy_free(KbSynergy *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbSynergy, kb_synergy_free)

/* One suggestion of synergy --each: an organisation to meet. Fixed size
 * (analysis.h): filled in the hot loop of synergy --each. */
typedef struct {
  size_t node;              /* the organisation suggested */
  double score;             /* as in synergy */
  unsigned shared;          /* contexts the two share */
} KbSuggestion;

/* Receives the suggestions of organisation 'org', best first (score, then
 * id); n is at most k and may be 0. Returns TRUE to go on, FALSE to stop
 * (as when the output it writes to has failed). */
typedef gboolean (*KbSuggestFunc)(size_t org, const KbSuggestion *best, size_t n,
                                  gpointer data);

/* The k best suggestions of every organisation, exact: the pairs synergy
 * would list, with the same scores and filters (weights, same_sector,
 * include_home; org, place, top and max_work are not used). Calls 'emit'
 * once per organisation, in id order, from the calling thread; the work is
 * shared among threads of its own. The large contexts (a theme or a country
 * holding a third of all organisations) are never enumerated pair by pair,
 * so 10^6 organisations take seconds. 'progress', when not NULL, is called
 * with the organisations done. When 'emit' returns FALSE, no call follows
 * and the function returns FALSE with KB_ERROR_STOPPED, soon: after the
 * work under way on its threads, at most a block of organisations. Fails
 * with KB_ERROR_LIMIT on a dataset of 2^32 - 1 nodes or 2^31 relations or
 * more. */
gboolean kb_synergy_each(const KbDataset *ds, const KbSynergyOptions *opts, size_t k,
                         KbSuggestFunc emit, gpointer data, KbProgressFunc progress,
                         gpointer progress_data, GError **error);

/* ------------------------------------------------------------- bridges */

/* Who can introduce a start (an organisation, any organisation of a
 * sector, or a newcomer not yet in the data) to a target (an organisation,
 * place, theme or network). Only organisations and networks introduce.
 *
 * Reach, how directly an introducer reaches the target:
 *  - there itself: at a place target, active_in or located_in it or a place
 *    inside it (a network: active_in); at an organisation, partner_of it or
 *    funds it either way (a network: partner_of it, or it is a member); at a
 *    theme, works_on it; at a network, a member, partner_of it or part_of it;
 *  - through a network: a member of a network that is there itself, or (at
 *    a place) that has a member city inside it; or a platform: a network one
 *    of whose organisation members is there itself;
 *  - a first step: tied (partner_of, funds, membership, or members of one
 *    network together) to one who is there, or through a network, and whom
 *    the start does not reach in one step itself.
 * Closeness to the start: a peer (of the start's sector, not located only
 * elsewhere, and there or through a network); tied to the start; two steps
 * from it; further; located only elsewhere (and further). For a newcomer,
 * tied means located in its place, two steps a network of the home (with a
 * member there) that it can join.
 * score = 10 * reach + closeness; ties go by id. Organisations located only
 * elsewhere but located at a place target are the contacts there, listed
 * apart with who at home is tied to them. */

typedef enum {
  KB_REACH_NONE,
  KB_REACH_STEP,            /* a first step to one who is there */
  KB_REACH_NETWORK,         /* through a network there, or a platform of those there */
  KB_REACH_THERE            /* there itself */
} KbReach;

typedef enum {
  KB_CLOSE_NONE,
  KB_CLOSE_ELSEWHERE,       /* located only elsewhere, more than two steps away */
  KB_CLOSE_FURTHER,         /* more than two steps away (a newcomer: not in its place) */
  KB_CLOSE_TWO_STEPS,       /* tied to one tied to the start (a newcomer: a home network) */
  KB_CLOSE_TIED,            /* tied to the start (a newcomer: located in its place) */
  KB_CLOSE_PEER             /* of the start's sector, and there already */
} KbCloseness;

/* The names of a reach and a closeness in the output; static, never NULL
 * ("?" for a value out of range). */
const char *kb_reach_name(KbReach reach);          /* "there", "network", "first step" */
const char *kb_closeness_name(KbCloseness close); /* "peer", "tied", "two steps", ... */

#define KB_NO_RELATION ((size_t) -1)

typedef enum {
  KB_FACT_RELATION,         /* 'relation', one of its own, puts it there ('node' its
                             * other end: the target, or a place or city inside it) */
  KB_FACT_NETWORK,          /* it is a member ('relation') of network 'node', which is
                             * there by its relation 'through' */
  KB_FACT_MEMBER,           /* its member 'node' ('relation' the membership) is there
                             * by its relation 'through': a platform */
  KB_FACT_TIE               /* it is tied to 'node': by its relation 'relation', or,
                             * when that is KB_NO_RELATION, as a fellow member of
                             * network 'via' */
} KbBridgeFactKind;

/* Fixed size (analysis.h): held by value in KbBridgeFacts and KbIntroducer. */
typedef struct {
  KbBridgeFactKind kind;
  size_t node;
  size_t relation;          /* or KB_NO_RELATION */
  size_t through;           /* or KB_NO_RELATION */
  size_t via;               /* or KB_NO_NODE */
} KbBridgeFact;

/* How many facts a list names; the others are counted as 'more'. */
#define KB_BRIDGES_FACTS 3

/* A list of facts of one kind of reason, the first KB_BRIDGES_FACTS by the
 * node they name (the target first, then by id), then by relation. Fixed
 * size (analysis.h): held by value in KbIntroducer, KbBridgeContact and
 * KbBridges. */
typedef struct {
  size_t n;
  KbBridgeFact facts[KB_BRIDGES_FACTS];
  gboolean more;            /* there are more than these */
} KbBridgeFacts;

typedef struct {
  size_t node;              /* an organisation or network */
  KbReach reach;
  KbCloseness closeness;
  int score;                /* 10 * reach + closeness */
  KbBridgeFacts why;        /* how it reaches the target: RELATION facts when there,
                             * NETWORK or MEMBER facts through a network, TIE facts
                             * (to those there) for a first step */
  size_t near;              /* tied: the start's organisation it is tied to (a newcomer:
                             * its place); two steps: the one between; else KB_NO_NODE */
  KbBridgeFact near_tie;    /* tied: a TIE fact to 'near' (a newcomer: the RELATION
                             * fact of its located_in) */
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbIntroducer;

typedef struct {
  size_t node;              /* an organisation located only elsewhere, located at the target */
  KbBridgeFacts there;      /* RELATION facts */
  KbBridgeFacts home;       /* TIE facts to organisations and networks at home */
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbBridgeContact;

typedef struct {
  size_t from;              /* the start, an organisation or a sector; KB_NO_NODE for
                             * a newcomer */
  size_t sector;            /* the start's sector (a newcomer's), or KB_NO_NODE */
  size_t place;             /* a newcomer's place, else KB_NO_NODE */
  size_t to;
  int year;                 /* the year asked for, for the wording (or KB_NO_YEAR) */
  size_t n_introducers;
  KbIntroducer *introducers;/* highest score first, then id */
  size_t n_contacts;
  KbBridgeContact *contacts;/* those with a tie at home first, then id */
  KbReach start_reach;      /* an organisation start that is at the target already */
  KbBridgeFacts start_why;  /* and how */
} KbBridges;

/* Finds who can introduce 'from' (an organisation, or a sector: every
 * organisation of it not located only elsewhere, those already at the target
 * being its peers) to 'to' (an organisation, place, theme or network) in
 * 'ds', as the comment above says. 'as_of' is kept for the wording only: the
 * caller gives the view of that year. Returns a new result; free with
 * kb_bridges_free(). Fails with KB_ERROR_ARGUMENT when the ends are of the
 * wrong kind or the same. */
KbBridges *kb_bridges_compute(const KbDataset *ds, size_t from, size_t to, int as_of,
                              GError **error);
/* The same for a newcomer: an organisation of 'sector' located in 'place'
 * (a place of the home area; KB_NO_NODE: the home city) that is not in the
 * data, so has no ties of its own. Fails with KB_ERROR_ARGUMENT when
 * 'sector' is no sector, the dataset names no home, or 'place' is not in the
 * home area. */
KbBridges *kb_bridges_newcomer(const KbDataset *ds, size_t sector, size_t place, size_t to,
                               int as_of, GError **error);
/* Frees a result and everything it holds; NULL is allowed. */
void kb_bridges_free(KbBridges *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbBridges, kb_bridges_free)

/* ------------------------------------------------------------- brokers */

typedef enum {
  KB_ROLE_COORDINATOR,      /* a, b, c all in one group */
  KB_ROLE_ITINERANT,        /* a and c in one group, b in another */
  KB_ROLE_GATEKEEPER,       /* b and c in one group, a in another */
  KB_ROLE_REPRESENTATIVE,   /* a and b in one group, c in another */
  KB_ROLE_LIAISON,          /* all three in different groups */
  KB_ROLE_COUNT
} KbBrokerRole;

/* The role's name in the output ("coordinator", "itinerant",
 * "gatekeeper", "representative", "liaison"); static, never NULL ("?"
 * for a value out of range). */
const char *kb_broker_role_name(KbBrokerRole role);

typedef struct {
  size_t node;
  size_t degree;
  double betweenness;       /* normalised by (n-1)(n-2)/2, as NetworkX */
  double betweenness_se;    /* sampled: its standard error, from the spread of the
                             * estimates of 16 random groups of the sources; NaN
                             * when exact */
  double closeness;         /* Wasserman-Faust, as NetworkX; 0 when isolated */
  double eigenvector;       /* unit Euclidean length, as NetworkX */
  double pagerank;          /* damping 0.85 */
  double constraint;        /* Burt; NaN when isolated */
  double effective_size;    /* Burt / Borgatti; NaN when isolated */
  size_t roles[KB_ROLE_COUNT];  /* Gould-Fernandez counts, sector as group */
  size_t roles_total;
  gboolean articulation;    /* removing it splits the organisation network */
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbBroker;

typedef struct {
  size_t n;
  KbBroker *brokers;        /* by betweenness, then roles_total, degree, id */
  size_t ties;
  size_t sources;           /* the organisations betweenness was summed from: n when exact */
  gboolean sampled;         /* betweenness estimated from 'sources' of them drawn at random
                             * (from a fixed seed); closeness is then NaN, not known */
  double bound;             /* when sampled: with probability 0.95 every betweenness lies
                             * within this of its exact value (Hoeffding); 0 when exact */
  gboolean local;           /* constraint, effective size and roles were found; FALSE above
                             * KB_BROKERS_LOCAL_MAX_TIES ties, where they are NaN and 0 */
} KbBrokers;

/* Above this many organisations betweenness is estimated from a sample of
 * sources unless told otherwise: KB_BROKERS_SOURCES of them, or fewer (not
 * under KB_BROKERS_MIN_SOURCES) where that many searches would take more
 * than KB_BROKERS_SEARCH_WORK steps, a step for each organisation, membership
 * and direct tie a search passes. */
#define KB_BROKERS_EXACT_MAX 20000
#define KB_BROKERS_SOURCES 4096
#define KB_BROKERS_MIN_SOURCES 1024
#define KB_BROKERS_SEARCH_WORK 4e9
/* Above this many ties constraint, effective size and the brokerage roles,
 * which take about a step per tie, are left out. */
#define KB_BROKERS_LOCAL_MAX_TIES 1e9

typedef struct {
  size_t sources;           /* 0: all up to KB_BROKERS_EXACT_MAX organisations, else a
                             * sample as above; k: k sampled (all, exactly, when k >= n) */
  gboolean exact;           /* every organisation a source whatever the size (sources 0) */
  guint threads;            /* 0: one per core, at most KB_THREADS_MAX; the result does
                             * not depend on it */
  gpointer reserved[4];     /* zero, as the _init function sets it: room for fields to come
                             * (analysis.h) */
} KbBrokersOptions;

/* Defaults: as described under KbBrokersOptions. */
void kb_brokers_options_init(KbBrokersOptions *opts);

/* Centrality and brokerage in the organisation network, with the default
 * options; NULL and 'error' set when igraph fails. The caller owns the
 * result. */
KbBrokers *kb_brokers_compute(const KbDataset *ds, GError **error);
/* The same with 'opts' (exact and sources not both set); fails as
 * kb_brokers_compute() does. */
KbBrokers *kb_brokers_compute_with(const KbDataset *ds, const KbBrokersOptions *opts,
                                   GError **error);
/* Frees a result and everything it holds; NULL is allowed. */
void kb_brokers_free(KbBrokers *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbBrokers, kb_brokers_free)

/* --------------------------------------------------------- communities */

typedef struct {
  size_t n_members;
  size_t *members;          /* organisations, by id */
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbCommunity;

typedef struct {
  size_t n;
  KbCommunity *communities; /* largest first, then by first member's id */
  double modularity;
} KbCommunities;

/* Leiden, optimising modularity on the weighted organisation network, from
 * a fixed seed: the same data gives the same communities. Returns a new
 * result, or NULL with 'error' set: KB_ERROR_LIMIT when the organisation
 * network would hold more than 5*10^7 ties, or what igraph reports. */
KbCommunities *kb_communities_compute(const KbDataset *ds, GError **error);
/* Frees a result and everything it holds; NULL is allowed. */
void kb_communities_free(KbCommunities *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbCommunities, kb_communities_free)

/* ---------------------------------------------------------- candidates */

typedef enum {
  KB_WEIGHT_FIT,            /* theme fit */
  KB_WEIGHT_SUPPORT,        /* local support */
  KB_WEIGHT_NETWORK,        /* network proximity */
  KB_WEIGHT_CAPACITY,       /* capacity penalty */
  KB_WEIGHT_COUNT
} KbCandidateWeight;

/* The name of a part of the candidates' score as --weights writes it ("fit",
 * "support", "network", "capacity"); static, "?" for a value out of range. */
const char *kb_candidate_weight_name(KbCandidateWeight w);

/* A partnership request (--requests FILE): a city, country or
 * organisation that asks for a partnership, or that someone proposes. */
typedef struct {
  char *id;
  char *label;              /* NULL when not given */
  KbNodeKind kind;          /* city, country or organisation */
  size_t node;              /* the dataset's node with this id, or KB_NO_NODE */
  size_t n_themes;
  size_t *themes;           /* theme nodes the request names */
  size_t n_other_themes;
  char **other_themes;      /* themes it names that the dataset does not know, as written:
                             * other themes than the city's */
  char *added_value;        /* the added value it claims, or NULL */
  double hours;             /* the hours a year it would take, or -1 when not given */
  KbPurpose purpose;        /* what it is for; KB_PURPOSE_NONE when not given */
  char *source;
  unsigned line;
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbRequest;

typedef struct {
  size_t n;
  KbRequest *requests;
} KbRequests;

/* Frees the requests and everything it holds; NULL is allowed. */
void kb_requests_free(KbRequests *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbRequests, kb_requests_free)

typedef struct {
  size_t for_node;          /* the home: a city or an organisation */
  KbNodeKind kind;          /* what kind of candidate: city, country or organisation */
  const size_t *themes;     /* the themes asked for; NULL: the home's own themes */
  size_t n_themes;
  double weights[KB_WEIGHT_COUNT];
  gboolean sensitivity;     /* compute the rank ranges */
  gboolean by_theme;        /* make the plan per theme (KbCandidates.plans) */
  const KbRequests *requests;  /* requests to assess and rank among the candidates, or NULL */
  gpointer reserved[4];     /* zero, as the _init function sets it: room for fields to come
                             * (analysis.h) */
} KbCandidateOptions;

/* Defaults: fit 0.4, support 0.3, network 0.2, capacity 0.1. */
void kb_candidate_options_init(KbCandidateOptions *opts);

/* What makes a node a candidate: what the data knows that leads to it. */
typedef enum {
  KB_ROUTE_PARTNER = 1u << 0,   /* already a partner: twinned or partner_of with the home, or
                                 * (an organisation) tied to one of the home's organisations */
  KB_ROUTE_ACTIVE = 1u << 1,    /* the home's organisations are active or located there (an
                                 * organisation: tied to it, or active where it is) */
  KB_ROUTE_NETWORK = 1u << 2,   /* a member of a network that the home or one of its
                                 * organisations is a member of (the Hanze cities) */
  KB_ROUTE_PARTNERS = 1u << 3,  /* a partner's partner, or (a place) where a partner is */
  KB_ROUTE_REQUESTED = 1u << 4  /* named in the requests */
} KbRoute;

typedef struct {
  size_t node;              /* the candidate, or KB_NO_NODE for a request from outside */
  char *id;
  char *label;
  double fit, support, proximity, penalty;   /* each in [0, 1] */
  double score;             /* fit, support and proximity weighted, minus the penalty */
  size_t n_matched;
  size_t *matched;          /* asked themes the candidate covers */
  gboolean has_themes;      /* the data knows some theme of it; else its fit is unknown
                             * (and counts as 0) */
  size_t n_orgs;
  size_t *orgs;             /* home organisations active there (or tied to it), by id */
  size_t n_sectors;         /* their sectors */
  size_t n_networks;
  size_t *networks;         /* networks it shares with the home or its organisations, by id */
  size_t n_partners_of;
  size_t *partners_of;      /* the home's partners it is tied to (twinned, partner_of,
                             * funds), by id */
  size_t n_partners_there;
  size_t *partners_there;   /* a place: partner organisations of the home or its
                             * organisations active or located there, by id */
  size_t hops;              /* ties between the home (or its own organisations) and the
                             * candidate; 0: no path */
  guint routes;             /* KbRoute bits, never 0 */
  gboolean existing;        /* already a partner (KB_ROUTE_PARTNER): to deepen */
  gboolean requested;       /* named in the requests file */
  gboolean no_data;         /* nothing in the data speaks for or against it */
  KbCandidateWeight carried_by;  /* of fit, support and network, the one that adds most to
                                  * its score (the first on a tie); KB_WEIGHT_COUNT when
                                  * none adds anything */
  size_t rank;              /* 1-based, among the new or among the existing partners */
  size_t rank_min, rank_max;/* over the sensitivity runs; = rank without them */
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbCandidate;

/* Where a request stands on one criterion of the assessment. */
typedef enum {
  KB_CRITERION_UNKNOWN,     /* the data does not say */
  KB_CRITERION_MET,
  KB_CRITERION_NOT_MET
} KbCriterionState;

/* The criteria a request is weighed on, as Zwolle's decision of 2018 weighs
 * one: its theme, the added value it claims, who is active on it already,
 * the ties there are, the capacity it takes and its scope. */
typedef enum {
  KB_CRITERION_THEME,       /* on a focus theme; not met: another theme */
  KB_CRITERION_ADDED_VALUE, /* the request states the added value it claims */
  KB_CRITERION_SUPPORT,     /* organisations of the city or its region are active there or
                             * work on its themes */
  KB_CRITERION_TIES,        /* a partnership, a shared network, a partner's partner */
  KB_CRITERION_CAPACITY,    /* the hours it asks are within the capacity left */
  KB_CRITERION_SCOPE,       /* its purpose is within the policy's scope */
  KB_CRITERION_COUNT
} KbCriterion;

/* The name of a criterion of the assessment of requests ("theme",
 * "added_value", "support", "ties", "capacity", "scope"); static, "?" for a
 * value out of range. */
const char *kb_criterion_name(KbCriterion c);

typedef enum {
  KB_ADVICE_TAKE_UP,
  KB_ADVICE_WEIGH,
  KB_ADVICE_DECLINE,
  KB_ADVICE_COUNT
} KbAdvice;

/* The name of an advice in English ("take up", "weigh", "decline"; in
 * another language: kb_tables_advice_name()); static, "?" for a value out
 * of range. */
const char *kb_advice_name(KbAdvice a);

/* The step of the rule that gives the advice, in the rule's order (the
 * first that applies):
 *   0. the home itself, a place around or in it, or one of its own
 *      organisations                          decline  HOME
 *   1. scope not met                          decline  OUT_OF_SCOPE
 *   2. a focus theme, more hours than left    weigh    FOCUS_NO_CAPACITY
 *   3. a focus theme                          take up  FOCUS
 *   4. another theme, no added value stated   decline  OTHER_NO_VALUE
 *   5. another theme, more hours than left    decline  OTHER_NO_CAPACITY
 *   6. another theme, capacity left           weigh    OTHER_CAPACITY
 *   7. another theme, capacity unknown        weigh    OTHER_CAPACITY_UNKNOWN
 *   8. no theme named, or no focus themes     weigh    NO_THEME */
typedef enum {
  KB_REASON_HOME,
  KB_REASON_OUT_OF_SCOPE,
  KB_REASON_FOCUS_NO_CAPACITY,
  KB_REASON_FOCUS,
  KB_REASON_OTHER_NO_VALUE,
  KB_REASON_OTHER_NO_CAPACITY,
  KB_REASON_OTHER_CAPACITY,
  KB_REASON_OTHER_CAPACITY_UNKNOWN,
  KB_REASON_NO_THEME,
  KB_REASON_COUNT
} KbAdviceReason;

typedef struct {
  size_t request;           /* its index in the requests */
  size_t candidate;         /* its index in KbCandidates.candidates (its ties, networks), or
                             * KB_NO_NODE when it is no candidate (KB_REASON_HOME) */
  KbCriterionState state[KB_CRITERION_COUNT];
  size_t n_focus;
  size_t *focus;            /* the focus themes it names */
  size_t n_other;
  size_t *other;            /* the dataset's other themes it names (its themes unknown to
                             * the dataset are the request's other_themes) */
  size_t n_city_orgs;
  size_t *city_orgs;        /* the home's organisations active there or on its themes, by id */
  size_t n_region_orgs;
  size_t *region_orgs;      /* the region's, likewise */
  double hours_left;        /* the capacity left (below 0 when more is used than there is),
                             * or NAN when the data does not give it */
  KbAdvice advice;
  KbAdviceReason reason;
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbAssessment;

/* One focus theme's plan: who works on it, where, with whom, and which
 * candidates fit it. */
typedef struct {
  size_t theme;
  size_t n_city_orgs;
  size_t *city_orgs;        /* the home's organisations that work on it, by id */
  size_t n_region_orgs;
  size_t *region_orgs;      /* the region's: located or active in a region that encloses the
                             * home city, by id */
  size_t n_places;
  size_t *places;           /* places abroad where those organisations are active or located */
  size_t n_partners;
  size_t *partners;         /* their partner organisations abroad */
  size_t n_networks;
  size_t *networks;         /* networks they are members of, and networks that work on it */
  size_t n_candidates;
  size_t *candidates;       /* candidates that cover it: indices in KbCandidates.candidates,
                             * the new ones best first, then the existing partners */
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbThemePlan;

typedef struct {
  size_t home;
  size_t n_themes;
  size_t *themes;           /* the themes the fit was measured against: the focus themes */
  size_t n_home_orgs;
  size_t n_home_sectors;
  size_t load;              /* partnerships the home already carries */
  double capacity;          /* the hours a year the home has (dataset.csv), or -1 */
  double capacity_used;     /* of them, taken already, or -1 */
  double weights[KB_WEIGHT_COUNT];
  gboolean themes_unknown;  /* no candidate has theme data: the fit is left out */
  size_t n;
  size_t n_new;             /* candidates[0 .. n_new) are new partners, by rank; the rest
                             * existing partners to deepen, by rank */
  KbCandidate *candidates;
  size_t n_assessments;
  KbAssessment *assessments;/* one per request, in the file's order */
  size_t n_plans;
  KbThemePlan *plans;       /* one per focus theme, with by_theme */
} KbCandidates;

/* Ranks the candidates for opts->for_node. Never candidates: the home, the
 * places that enclose it or lie inside it, and its own organisations (for
 * a city those located in it or a place inside it). Candidates are the
 * nodes of opts->kind that a route leads to (KbRoute) and the requests;
 * each gets its parts, score, rank among the new or the existing partners
 * and the part that carries it. With requests, each is assessed
 * (KbAssessment); with by_theme, each focus theme gets its plan. Fails
 * (KB_ERROR_ARGUMENT) when the home is no city or organisation, or a
 * weight is below 0 or not a number. */
KbCandidates *kb_candidates_compute(const KbDataset *ds, const KbCandidateOptions *opts,
                                    GError **error);
/* Frees a result and everything it holds; NULL is allowed. */
void kb_candidates_free(KbCandidates *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbCandidates, kb_candidates_free)

/* ----------------------------------------------------------------- diff */

typedef struct {
  int from, to;
  size_t n_begun, n_ended;
  size_t *begun;            /* relations whose dates say they hold in 'to' and not in 'from' */
  size_t *ended;            /* relations whose dates say they hold in 'from' and not in 'to' */
  size_t n_unsure;          /* relations whose dates do not say whether they hold in one of
                             * the years: left out of the comparison (kb_relation_holds()) */
  size_t n_unsure_undated;  /* of them, those without a since */
  size_t n_planned;         /* planned relations, left out */
  size_t n_places_gained, n_places_lost, n_themes_gained, n_themes_lost;
  size_t *places_gained;    /* places with organisations active in 'to', none in 'from' */
  size_t *places_lost;
  size_t *themes_gained;    /* themes some organisation works on in 'to', none in 'from' */
  size_t *themes_lost;
  KbIndex *index_from, *index_to;       /* by country */
  KbBrokers *brokers_from, *brokers_to;
  /* where one network makes most of the organisation ties in either year
   * (KbIndex.umbrella, the later year's first): that network, and the
   * indexes of both years without its memberships; else KB_NO_NODE, NULL */
  size_t umbrella;
  KbIndex *without_from, *without_to;
} KbDiff;

/* Compares the dataset in two years, on the relations whose dates say
 * whether they hold in each (an undated relation is known to hold in the
 * data's year, not before: it is neither begun nor ended, and stays out of
 * both years' figures). Relation indices refer to 'ds'. Returns a new
 * comparison, or NULL with 'error' set when the index or the brokers of
 * either year fail (kb_index_compute(), kb_brokers_compute()). */
KbDiff *kb_diff_compute(const KbDataset *ds, int from, int to, GError **error);
/* Frees a comparison and everything it holds; NULL is allowed. */
void kb_diff_free(KbDiff *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbDiff, kb_diff_free)

/* -------------------------------------------------------------- region */

/* A regional network: the members of the dataset's hub (member_of it),
 * and how they hang together beneath it. The member network joins two
 * members that are both members of one other network (a body or
 * consultation of the hub, or any other) or that partner_of or funds joins
 * directly; the hub's own membership, which joins every member to every
 * other alike, makes no tie. */

#define KB_REGION_MAX_MEMBERS 2000  /* centralization left out above this */

typedef struct {
  size_t member;            /* a member of the hub */
  size_t body;              /* the one network beside the hub it is tied through,
                             * or KB_NO_NODE: it has no tie but the hub */
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbRegionLoose;

typedef struct {
  size_t hub;               /* the dataset's hub, or KB_NO_NODE (then nothing else is set) */
  size_t n_members;
  size_t *members;          /* by id */
  size_t n_centre;
  size_t *centre;           /* the centre municipality among the members: the home city
                             * (or a place inside it), or a government organisation
                             * (its sector's role) located there (by id) */
  size_t ties;              /* of the member network */
  /* Freeman's centralizations of the member network, normalised as the
   * index's are (igraph, sna), with all members and without the centre;
   * NaN under 3 members, above KB_REGION_MAX_MEMBERS, or where the bodies
   * would make more than 5*10^7 pairs of members */
  double degree_centralization, betweenness_centralization;
  double degree_centralization_without, betweenness_centralization_without;
  /* each member's place in the member network with all members (NULL
   * where the centralization is NaN): its ties, and its betweenness over
   * its maximum (n - 1)(n - 2)/2 */
  size_t *degree;
  double *betweenness;
  size_t n_loose;
  KbRegionLoose *loose;     /* members that hang on one consultation or on the hub
                             * alone, by member id */
} KbRegion;

/* Computes the member network of the hub of 'ds' (see above) from the
 * relations of 'ds' as they are (a view of one year gives that year).
 * A member hangs on one consultation when, beside the hub, it is member_of
 * or partner_of exactly one network and partner_of or funds joins it to no
 * other node; with no such network it hangs on the hub alone. Planned
 * relations are left out. Returns a new result (hub KB_NO_NODE when the
 * dataset names none); fails only when igraph does. */
KbRegion *kb_region_compute(const KbDataset *ds, GError **error);
/* Frees a result and everything it holds; NULL is allowed. */
void kb_region_free(KbRegion *region);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbRegion, kb_region_free)

typedef struct {
  int year;                 /* KB_NO_YEAR: the members whose joining the data does not date */
  KbDateQualifier qualifier;  /* as the data gives the year: [..2015] is "by 2015" */
  size_t n;
  size_t *members;          /* by id */
  gpointer reserved[4];     /* zero: room for fields to come (analysis.h) */
} KbRegionYear;

/* How the hub of 'ds' grew: its members grouped by the since of their
 * member_of relation to the hub (planned ones left out, ended ones kept),
 * by year, an exact year before the same year qualified (approximate,
 * uncertain, by, or later), the undated last. A member with two
 * memberships counts at its earliest. Returns a new array of *n groups
 * (NULL and 0 without a hub or members); free with kb_region_growth_free(). */
KbRegionYear *kb_region_growth(const KbDataset *ds, size_t *n);
/* Frees the n groups kb_region_growth() returned; NULL with 0 is allowed. */
void kb_region_growth_free(KbRegionYear *years, size_t n);

G_END_DECLS

#endif
