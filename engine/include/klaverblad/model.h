/* model.h -- the typed relationship model.
 *
 * A dataset holds typed nodes (organisations, sectors, places, themes,
 * networks) and typed relations between them, each relation with optional
 * years. Nodes and relations are numbered from 0 in the order they were
 * added; a node's number is its index. A KbDataset is built once (by a loader
 * or a KbBuilder) and is read-only afterwards. */
#ifndef KLAVERBLAD_MODEL_H
#define KLAVERBLAD_MODEL_H

#include <glib.h>
#include <klaverblad/diag.h>

G_BEGIN_DECLS

typedef enum {
  KB_NODE_ORGANISATION,
  KB_NODE_SECTOR,
  KB_NODE_CITY,
  KB_NODE_REGION,
  KB_NODE_COUNTRY,
  KB_NODE_THEME,
  KB_NODE_NETWORK,
  KB_NODE_KIND_COUNT
} KbNodeKind;

typedef enum {
  KB_REL_MEMBER_OF,
  KB_REL_ACTIVE_IN,
  KB_REL_PARTNER_OF,
  KB_REL_TWINNED_WITH,
  KB_REL_FUNDS,
  KB_REL_LOCATED_IN,
  KB_REL_WORKS_ON,
  KB_REL_PART_OF,
  KB_REL_KIND_COUNT
} KbRelKind;

/* The part a sector plays in the klaverblad. It gives the sector its colour
 * on the maps, whatever the sector's id: a Dutch dataset's 'overheid' with
 * the role government is drawn as an English one's 'government'. */
typedef enum {
  KB_SECTOR_ROLE_NONE,
  KB_SECTOR_ROLE_EDUCATION,
  KB_SECTOR_ROLE_BUSINESS,
  KB_SECTOR_ROLE_CULTURE,
  KB_SECTOR_ROLE_NGO,
  KB_SECTOR_ROLE_GOVERNMENT,
  KB_SECTOR_ROLE_SPORT,
  KB_SECTOR_ROLE_COUNT
} KbSectorRole;

#define KB_NO_NODE ((size_t) -1)
#define KB_NO_YEAR 0           /* since/until not given */
#define KB_YEAR_MIN 1000
#define KB_YEAR_MAX 2999

/* Where a node or relation was defined: the file and the line its row or
 * object starts on. Fixed size (analysis.h): held by value in KbNode,
 * KbRelation and KbQuestion. */
typedef struct {
  const char *file;     /* borrowed from the dataset */
  unsigned line;
} KbOrigin;

/* An attribute the engine does not interpret: an extra CSV column or JSON
 * member, kept so that exporters can write it out again. Fixed size
 * (analysis.h): one per kept value of every load. */
typedef struct {
  char *key;
  char *value;
} KbAttr;

/* What a partnership request is for, as a council weighs it: the city's
 * own cooperation, or the kinds of internationalisation a policy may put
 * out of its scope (dataset.csv's out_of_scope). */
typedef enum {
  KB_PURPOSE_NONE,      /* not said */
  KB_PURPOSE_EXCHANGE,  /* cooperation and knowledge exchange on a theme */
  KB_PURPOSE_VISITORS,  /* inbound visitors: tourism, city marketing */
  KB_PURPOSE_BUSINESS,  /* business promotion: attracting companies, trade */
  KB_PURPOSE_COUNT
} KbPurpose;

typedef struct {
  char *id;             /* unique, never NULL or empty */
  KbNodeKind kind;
  char *label;          /* never NULL; the id when none was given */
  char *description;    /* NULL when not given; likewise website and source */
  char *website;
  char *source;
  char **tags;          /* NULL-terminated, never NULL */
  size_t sector;        /* organisations: index of the sector node, or KB_NO_NODE */
  KbSectorRole role;    /* sectors: the role the data gives it (the role column),
                         * or KB_SECTOR_ROLE_NONE; see kb_sector_role() */
  KbAttr *attrs;
  size_t n_attrs;
  KbOrigin origin;
} KbNode;

/* How sure a relation's year is, in the notation of ISO 8601-2 (EDTF): a
 * year as the data writes it in its since or until column. */
typedef enum {
  KB_DATE_EXACT,                 /* 2015 */
  KB_DATE_APPROXIMATE,           /* 2015~  about 2015 */
  KB_DATE_UNCERTAIN,             /* 2015?  2015, but the source is not sure */
  KB_DATE_APPROXIMATE_UNCERTAIN, /* 2015%  both */
  KB_DATE_OR_EARLIER,            /* [..2015]  2015 or earlier: by 2015 */
  KB_DATE_OR_LATER,              /* [2015..]  2015 or later */
  KB_DATE_QUALIFIER_COUNT
} KbDateQualifier;

/* Whether a relation exists, is only planned, or has ended. */
typedef enum {
  KB_STATUS_ACTIVE,     /* it exists (the default) */
  KB_STATUS_PLANNED,    /* an ambition or a plan: not (yet) a fact */
  KB_STATUS_ENDED,      /* it has ended, by the data's year (see kb_dataset_year()) */
  KB_STATUS_COUNT
} KbRelStatus;

typedef struct {
  size_t from;          /* node indices */
  size_t to;
  KbRelKind kind;
  int since;            /* the first year, or KB_NO_YEAR when the data gives none */
  int until;            /* the last year the relation holds (inclusive), or KB_NO_YEAR */
  guint8 since_q;       /* KbDateQualifier of 'since'; KB_DATE_EXACT without a year */
  guint8 until_q;       /* KbDateQualifier of 'until' */
  guint8 status;        /* KbRelStatus */
  double weight;        /* tie strength, > 0; 1 when not given */
  char *label;          /* NULL when not given; likewise source and note */
  char *source;
  char *note;
  KbAttr *attrs;
  size_t n_attrs;
  KbOrigin origin;
} KbRelation;

/* A question the city asks of its data, kept with the dataset so that the
 * report can answer it (questions.csv). */
typedef enum {
  KB_QUESTION_BRIDGE,     /* who can bring 'from' (a sector or organisation) to 'to' */
  KB_QUESTION_SYNERGY,    /* which organisations should meet around 'to' */
  KB_QUESTION_OVERVIEW,   /* the strategic index of 'from' or 'to' */
  KB_QUESTION_THEME,      /* who can contribute to theme 'to' */
  KB_QUESTION_RANK,       /* which candidate partners suit 'from' */
  KB_QUESTION_CENTRALITY, /* how central 'from' is in network 'to' */
  KB_QUESTION_KIND_COUNT
} KbQuestionKind;

typedef struct {
  char *id;
  KbQuestionKind kind;
  char *text;           /* the question as the city words it */
  size_t from;          /* node indices, or KB_NO_NODE when not given */
  size_t to;
  char *source;         /* NULL when not given */
  KbOrigin origin;
} KbQuestion;

typedef struct KbDataset KbDataset;

/* ---------------------------------------------------------------- kinds */

/* The name of a kind as written in data files ("organisation", "member_of"). */
const char *kb_node_kind_name(KbNodeKind kind);
const char *kb_rel_kind_name(KbRelKind kind);
/* Parses a kind name (exact, lower case). Returns FALSE when it is not one. */
gboolean kb_node_kind_parse(const char *name, KbNodeKind *out);
gboolean kb_rel_kind_parse(const char *name, KbRelKind *out);
/* TRUE for the kinds of node that are places: city, region and country.
 * FALSE for every other kind (organisation, sector, theme, network) and for
 * a value that is no kind. Never fails. */
gboolean kb_node_kind_is_place(KbNodeKind kind);
/* TRUE for partner_of and twinned_with, whose direction carries no meaning. */
gboolean kb_rel_kind_is_symmetric(KbRelKind kind);
/* TRUE when a relation of 'kind' may go from a node of kind 'from' to one of
 * kind 'to'. For symmetric kinds the order does not matter. */
gboolean kb_rel_kind_allows(KbRelKind kind, KbNodeKind from, KbNodeKind to);
/* Returns a new string describing which node kinds 'kind' may join, as
 * "organisation or city to network". */
char *kb_rel_kind_describe_ends(KbRelKind kind);

/* The name of a role as written in data files ("education"); "" for
 * KB_SECTOR_ROLE_NONE. */
const char *kb_sector_role_name(KbSectorRole role);
/* Parses a role's name, in any case: the English names (education, business,
 * culture, ngo, government, sport) or the Dutch ones (onderwijs,
 * bedrijfsleven, cultuur, maatschappelijk, overheid, sport). Returns FALSE,
 * leaving *out alone, when it is neither. */
gboolean kb_sector_role_parse(const char *name, KbSectorRole *out);
/* The role of 'node' when it is a sector: the role the data gives it, else
 * the one its id names (as kb_sector_role_parse() reads it: the sector
 * 'onderwijs' is education), else KB_SECTOR_ROLE_NONE. KB_SECTOR_ROLE_NONE
 * for any other node. */
KbSectorRole kb_sector_role(const KbNode *node);

/* The name of a purpose as written in data files ("visitors"); "" for
 * KB_PURPOSE_NONE. */
const char *kb_purpose_name(KbPurpose purpose);
/* Parses a purpose's name, in any case: exchange, visitors, business, or
 * the Dutch uitwisseling, bezoekers, bedrijven. Returns FALSE, leaving *out
 * alone, when it is none of them. */
gboolean kb_purpose_parse(const char *name, KbPurpose *out);

/* A year is valid when it has four digits: KB_YEAR_MIN..KB_YEAR_MAX. */
gboolean kb_year_is_valid(int year);
/* Parses a year written as exactly four ASCII digits in that range.
 * Returns FALSE, leaving *out alone, for anything else. */
gboolean kb_year_parse(const char *text, int *out);
/* Parses a number of hours: 0 or more, with a decimal point, or a decimal
 * comma as Dutch Excel writes it ("0,5"). Returns FALSE, leaving *out
 * alone, for anything else. */
gboolean kb_hours_parse(const char *text, double *out);
/* Parses a date of a since or until column: a year of four digits, alone
 * or with a qualifier ("2015", "2015~", "2015?", "2015%", "[..2015]",
 * "[2015..]"). Returns FALSE, leaving the outputs alone, for anything else. */
gboolean kb_date_parse(const char *text, int *year, KbDateQualifier *qualifier);
/* Returns a new string: the date as kb_date_parse() reads it; "" for
 * KB_NO_YEAR. */
char *kb_date_format(int year, KbDateQualifier qualifier);
/* Words for a qualifier ("about", "or earlier"), for messages. */
const char *kb_date_qualifier_describe(KbDateQualifier qualifier);

/* The name of a status as written in data files ("active", "planned",
 * "ended"), and its parse (exact, lower case). */
const char *kb_rel_status_name(KbRelStatus status);
gboolean kb_rel_status_parse(const char *name, KbRelStatus *out);

/* Whether a relation holds in a year, as far as its dates say. */
typedef enum {
  KB_HOLDS_NO,
  KB_HOLDS_UNKNOWN,     /* the dates do not say: "by 2021" asked of 2015 */
  KB_HOLDS_YES
} KbHolds;

/* Whether 'rel' holds in 'year', for a dataset whose data describes
 * 'data_year' (kb_dataset_year(); KB_NO_YEAR when none):
 * - a year with ~, ? or % counts as that year; [..Y] as "by Y" (certain
 *   from Y on, unknown before), [Y..] as "Y or later";
 * - a relation without a since is known to hold by the data's year, and
 *   before it is unknown: undated is not "always"; but where something is
 *   (located_in, part_of: kb_relation_is_geography()) holds from the start;
 * - without an until an active relation goes on, and an ended one has
 *   ended by the data's year (unknown before it);
 * - a planned relation does not hold (it is not a fact).
 * With 'year' KB_NO_YEAR (every year): YES unless the relation is planned. */
KbHolds kb_relation_holds(const KbRelation *rel, int year, int data_year);
/* TRUE for located_in and part_of: where a place or organisation is. */
gboolean kb_relation_is_geography(const KbRelation *rel);

/* -------------------------------------------------------------- dataset */

/* Frees the dataset and everything borrowed from it; NULL is allowed. */
void kb_dataset_free(KbDataset *ds);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbDataset, kb_dataset_free)

/* The name the dataset was loaded from (a path), borrowed; never NULL. */
const char *kb_dataset_name(const KbDataset *ds);
size_t kb_dataset_node_count(const KbDataset *ds);
size_t kb_dataset_relation_count(const KbDataset *ds);
/* The i-th node or relation, borrowed. i must be below the count. */
const KbNode *kb_dataset_node(const KbDataset *ds, size_t i);
const KbRelation *kb_dataset_relation(const KbDataset *ds, size_t i);
/* The index of the node with that id, or KB_NO_NODE. */
size_t kb_dataset_find(const KbDataset *ds, const char *id);
/* Value of a kept attribute of a node or relation, or NULL. */
const char *kb_node_attr(const KbNode *node, const char *key);
const char *kb_relation_attr(const KbRelation *rel, const char *key);

/* What the dataset says of itself (dataset.csv). Each is KB_NO_NODE, NULL or
 * KB_NO_YEAR when not given. */
const char *kb_dataset_title(const KbDataset *ds);
size_t kb_dataset_home(const KbDataset *ds);          /* a city */
size_t kb_dataset_hub(const KbDataset *ds);           /* a network */
int kb_dataset_policy_start(const KbDataset *ds);     /* first year of the policy period */
/* The year the data describes, which commands show unless asked for
 * another: dataset.csv's 'year', else its 'policy_start', else the latest
 * exact year a relation gives; KB_NO_YEAR when there is none. */
int kb_dataset_year(const KbDataset *ds);
/* dataset.csv's 'year' as given, or KB_NO_YEAR. */
int kb_dataset_stated_year(const KbDataset *ds);
/* dataset.csv's 'language' as given: the language of the labels ("nl", "en", ...);
 * NULL when the dataset names none. */
const char *kb_dataset_language(const KbDataset *ds);
/* The home city's policy themes: sets *out to an array (borrowed) of theme
 * node indices and returns how many. */
size_t kb_dataset_themes(const KbDataset *ds, const size_t **out);

/* Sets *capacity to the hours a year the home city has for international
 * cooperation (dataset.csv's 'capacity') and *used to the hours its current
 * partnerships and programmes take of them ('capacity_used'), each -1 when
 * not given (without capacity_used, all of the capacity counts as left).
 * Returns TRUE when the capacity is given. */
gboolean kb_dataset_capacity(const KbDataset *ds, double *capacity, double *used);
/* The purposes dataset.csv's 'out_of_scope' puts outside the city's
 * international cooperation, as bits (1u << KbPurpose); 0 when none. */
guint kb_dataset_out_of_scope(const KbDataset *ds);

/* The questions of questions.csv, in file order: how many, and the i-th,
 * borrowed (i must be below the count). */
size_t kb_dataset_question_count(const KbDataset *ds);
const KbQuestion *kb_dataset_question(const KbDataset *ds, size_t i);
/* The kind's name as questions.csv writes it; static, never NULL ("?"
 * for a value out of range). */
const char *kb_question_kind_name(KbQuestionKind kind);

/* Which relations an analysis sees. */
typedef struct {
  int year;             /* the relations that hold in it; KB_NO_YEAR: every year */
  gboolean with_planned;/* planned relations too (as if they held from now on) */
  gboolean with_unsure; /* relations whose dates do not say whether they hold
                         * in 'year' (KB_HOLDS_UNKNOWN) too */
  gpointer reserved[4];  /* zero, as kb_year_view_init() sets it: room for fields to come
                         * (analysis.h) */
} KbYearView;

/* What a view kept and left out, by reason. */
typedef struct {
  size_t kept;          /* relations in the view */
  size_t kept_undated;  /* of them: without a since (and not geography), taken
                         * as holding by the data's year */
  size_t kept_unsure;   /* of them: unknown in the year, taken in (with_unsure) */
  size_t kept_planned;  /* of them: planned, taken in (with_planned) */
  size_t planned;       /* left out: planned */
  size_t unsure;        /* left out: the dates do not place them in the year */
  size_t outside;       /* left out: they do not hold in the year (begun later
                         * or ended before) */
  gpointer reserved[4]; /* zeroed by the library: room for fields to come (analysis.h) */
} KbYearCounts;

/* Sets 'view' to the data's year (kb_dataset_year()), without planned or
 * unsure relations. */
void kb_year_view_init(KbYearView *view, const KbDataset *ds);

/* Returns a new dataset with every node and the relations 'view' keeps
 * (kb_relation_holds() == KB_HOLDS_YES, or UNKNOWN with with_unsure; a
 * planned relation, with with_planned, when its until does not end it
 * before the year); sets *counts (may be NULL) to what was kept and left
 * out. The new dataset keeps the data's year and everything else of 'ds'. */
KbDataset *kb_dataset_view(const KbDataset *ds, const KbYearView *view, KbYearCounts *counts);
/* kb_dataset_view() of { year, FALSE, FALSE }. */
KbDataset *kb_dataset_as_of(const KbDataset *ds, int year);

/* Returns a new dataset with every node and the relations for which 'keep'
 * returns TRUE, in their order; as kb_dataset_view() otherwise. */
typedef gboolean (*KbRelationFilter)(const KbRelation *rel, gpointer user_data);
KbDataset *kb_dataset_filter(const KbDataset *ds, KbRelationFilter keep, gpointer user_data);

/* The places that enclose 'place' (a city, region or country), nearest
 * first, without 'place' itself: for a city its regions, then its countries,
 * following located_in (city to region or country) and part_of (region to
 * country). Activity in a place counts as activity in each of these. Returns
 * the number found and sets *out to a new array of node indices (NULL when
 * none); free it with g_free(). */
size_t kb_dataset_enclosing_places(const KbDataset *ds, size_t place, size_t **out);

/* Returns a new array of kb_dataset_node_count(ds) flags (at least one
 * element): TRUE for the home city and the places enclosing it, where every
 * local organisation is, all FALSE when the dataset names no home. Free
 * with g_free(). */
gboolean *kb_dataset_home_places(const KbDataset *ds);

/* Where an organisation is, as seen from the home city. */
typedef enum {
  KB_LOCALITY_UNKNOWN,  /* no located_in (or the dataset names no home) */
  KB_LOCALITY_HOME,     /* located in the home city or a place inside it (a
                         * village or district): one of the city's own */
  KB_LOCALITY_AWAY      /* located only elsewhere: a partner, at home or abroad */
} KbLocality;

/* Returns a new array of kb_dataset_node_count(ds) flags (at least one
 * element): TRUE for the home city and the places inside it (located_in or
 * part_of it, directly or not); all FALSE when the dataset names no home.
 * Free with g_free(). */
gboolean *kb_dataset_home_area(const KbDataset *ds);
/* Returns a new array of kb_dataset_node_count(ds) KbLocality values, one
 * per node (KB_LOCALITY_UNKNOWN for what is no organisation): an
 * organisation located_in a place of the home area is home, even when it is
 * located elsewhere too. Free with g_free(). */
guint8 *kb_dataset_localities(const KbDataset *ds);

/* -------------------------------------------------------------- builder */

/* A KbBuilder turns rows of text (from CSV, JSON or a caller) into a dataset,
 * checking every value and every reference and reporting each problem as a
 * diagnostic at the cell that holds it. Loaders for all formats go through it,
 * so every format obeys the same rules. KbCell and KbRow are fixed in size
 * (analysis.h): every loader makes one per value and per row; what they
 * cannot carry comes as a new kb_builder_ function. */

typedef struct {
  const char *name;     /* column or member name, lower case */
  const char *value;    /* never NULL; "" when empty */
  unsigned line;        /* where the value starts */
  unsigned column;
} KbCell;

typedef struct {
  const char *file;
  unsigned line;        /* where the row or object starts */
  const KbCell *cells;
  size_t n_cells;
} KbRow;

typedef enum {
  KB_TABLE_NODES,       /* nodes.csv */
  KB_TABLE_RELATIONS,   /* relations.csv */
  KB_TABLE_META,        /* dataset.csv: key,value[,source] */
  KB_TABLE_QUESTIONS    /* questions.csv */
} KbTable;

typedef struct KbBuilder KbBuilder;

/* Returns a new builder for a dataset called 'name'; problems go to 'diags',
 * which must outlive the builder. */
KbBuilder *kb_builder_new(const char *name, KbDiagList *diags);
/* Frees a builder and everything it holds, the dataset it was building
 * too when kb_builder_finish() was not called; NULL is allowed. */
void kb_builder_free(KbBuilder *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbBuilder, kb_builder_free)

/* Whether every organisation must name a sector where the dataset defines
 * sectors (the default); an organisation without one is then an error. A
 * dataset without any sector node is a plain graph: its organisations need
 * none, and kb_builder_finish() warns once that the analyses by sector have
 * nothing to group by. Kumu's maps turn the rule off: their organisations
 * may go without a sector even where others have one. */
void kb_builder_set_sector_required(KbBuilder *b, gboolean required);
/* Text added to the message about an unknown kind, such as how to map a
 * foreign format's types ("; map it with --map FILE"); NULL for none. */
void kb_builder_set_kind_hint(KbBuilder *b, const char *hint);
/* Names the file that holds the dataset's facts, or would hold them
 * (dataset.csv beside nodes.csv, whether it is there or not): the warning
 * that the dataset names no home city points there. Without it, that
 * warning points at the first place. */
void kb_builder_set_facts_file(KbBuilder *b, const char *file);
/* The most nodes and relations a dataset may have, so that an input too
 * large to analyse is refused with a clear message instead of exhausting
 * memory. Generated data of 10^6 organisations has about 1.0*10^6 nodes and
 * 3.3*10^6 relations. */
#define KB_DEFAULT_MAX_NODES ((size_t) 10000000)
#define KB_DEFAULT_MAX_RELATIONS ((size_t) 50000000)
/* The most bytes one input file may hold: 8 GB, more than twenty times the
 * 364 MB of CSV that 10^6 generated organisations take, and more than any
 * machine this runs on could load (a byte of input takes 8 to 33 bytes of
 * memory). */
#define KB_DEFAULT_MAX_BYTES G_GUINT64_CONSTANT(8000000000)

typedef struct {
  size_t max_nodes;     /* node rows taken */
  size_t max_relations; /* relation rows taken */
  guint64 max_bytes;    /* bytes of each input file read (the dataset's
                         * files, requests, a Kumu mapping): a larger file
                         * is refused before it is read, and a stream (a
                         * pipe, standard input) once it has given one byte
                         * more, naming the option that raises the limit
                         * (--max-bytes); the loaders' only failure for it
                         * is KB_ERROR_LIMIT */
  gpointer reserved[4];  /* zero, as kb_limits_init() sets it: room for fields to come
                         * (analysis.h) */
} KbLimits;

/* Sets 'limits' to the defaults above. */
void kb_limits_init(KbLimits *limits);
/* Sets the limits (a builder starts with the defaults). The first node or
 * relation row beyond a limit is reported as an error at its file and line,
 * naming the limit and the option that raises it (--max-nodes,
 * --max-relations); every row after it is skipped, and kb_builder_finish()
 * then resolves nothing. */
void kb_builder_set_limits(KbBuilder *b, const KbLimits *limits);
/* Says that at most about 'rows' rows of 'table' are to come (no more than
 * the limits allow are counted), so that memory for them is taken at once
 * and faster. A hint only: more or fewer rows may come. */
void kb_builder_expect_rows(KbBuilder *b, KbTable table, size_t rows);
/* Checks a table's header: reports each required column that is missing (at
 * 'header's position) and each column named twice. Returns FALSE when rows of
 * this table cannot be read. */
gboolean kb_builder_check_header(KbBuilder *b, KbTable table, const KbRow *header);
/* Adds one row of the nodes or relations table. Cells with names the model
 * does not know become attributes. Problems are reported, and a row that
 * cannot be used is skipped. */
void kb_builder_add_row(KbBuilder *b, KbTable table, const KbRow *row);
/* Notes a row of 'table' from a file that was rejected as a whole, its
 * error reported already (the file is not UTF-8, its header lacks a
 * required column): nothing of the row is used and nothing is reported, but
 * a reference to the node id it holds is counted as following from that
 * error (kb_diag_list_add_consequence()) instead of being reported. */
void kb_builder_add_rejected_row(KbBuilder *b, KbTable table, const KbRow *row);
/* Says that the file of 'table' could not be read, in whole or in part, and
 * which ids it held is not known (its error reported already): for the
 * nodes table, every reference to an id that no node has is then counted
 * as following from that error; for dataset.csv, nothing is said of what it
 * would have held (the home city). */
void kb_builder_set_table_unread(KbBuilder *b, KbTable table);
/* Resolves references (relation ends, sectors, countries), checks which
 * relation kinds join which node kinds, and warns when a dataset with places
 * names no home city; when no error was reported, it also warns about
 * isolated nodes, cities without a country and organisations without a
 * location. A reference that fails only because of a rejected row is
 * counted, not reported (see kb_builder_add_rejected_row()). Returns the
 * dataset, even when errors were reported (it then holds only the rows that
 * could be used); the builder is spent afterwards and can only be freed. */
KbDataset *kb_builder_finish(KbBuilder *b);

G_END_DECLS

#endif
