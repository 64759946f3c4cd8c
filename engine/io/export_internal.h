/* export_internal.h -- what every export writer puts out, as text
 * (library-internal).
 *
 * export_fields.c turns a dataset's nodes, relations, facts and questions
 * into the texts the writers share, so that every format says the same;
 * export.c holds the writers, one per format. Strings returned "new" are
 * the caller's to free with g_free; the others are borrowed from the
 * dataset. */
#ifndef KB_EXPORT_INTERNAL_H
#define KB_EXPORT_INTERNAL_H

#include "klaverblad/export.h"
#include "klaverblad/model.h"

/* ---------------------------------------------------------------- nodes */

/* A text field of a node, as name and value. */
typedef struct {
  const char *name;
  const char *value;
} KbExportField;

/* Fills f (room for 8) with the text fields of node 'n' in a fixed order:
 * kind, label, sector, description, website, source; a NULL value where
 * not given. Returns how many. */
size_t kb_i_export_node_fields(const KbDataset *ds, const KbNode *n, KbExportField *f);
/* The node's tags joined with '|', new; NULL when it has none. */
char *kb_i_export_tags(const KbNode *n);
/* The value of a node's kept attribute 'name' as written out: a sector's
 * role is its attribute "role". Borrowed; NULL when not given. */
const char *kb_i_export_node_attr(const KbNode *n, const char *name);
/* The names of the kept attributes of all nodes (or relations), with
 * "role" where a sector has one, sorted, but for those named as one of
 * 'replaced' (n_replaced of them). A new array of borrowed names. */
GPtrArray *kb_i_export_attr_names(const KbDataset *ds, gboolean relations,
                                  const KbNodeMeasure *replaced, size_t n_replaced);
/* A number as the writers put it: an integer without decimals, else up to
 * 12 significant digits. New. */
char *kb_i_export_number(double v, gboolean integer);
/* A relation's weight (or hours), an integer when it is one. New. */
char *kb_i_export_weight(double w);

/* ---------------------------------------------------------------- facts */

/* What the dataset says of itself (dataset.csv): a fact given, as its key
 * and text. */
typedef struct {
  const char *key;
  char *value;              /* owned */
} KbExportFact;

enum { KB_EXPORT_MAX_FACTS = 10 };

/* Fills f (room for KB_EXPORT_MAX_FACTS) with the facts given, in a fixed
 * order; returns how many. Release them with kb_i_export_facts_release(). */
size_t kb_i_export_facts(const KbDataset *ds, KbExportFact *f);
void kb_i_export_facts_release(KbExportFact *f, size_t n);
/* The facts that are years, written as numbers where a format has them. */
gboolean kb_i_export_fact_is_year(const char *key);
/* The facts that are hours, likewise. */
gboolean kb_i_export_fact_is_hours(const char *key);

/* The columns of questions.csv. */
enum { KB_EXPORT_QUESTION_COLUMNS = 6 };
extern const char *const kb_i_export_question_columns[KB_EXPORT_QUESTION_COLUMNS];
/* Fills v (KB_EXPORT_QUESTION_COLUMNS of them) with the question's values,
 * NULL where not given. */
void kb_i_export_question_values(const KbDataset *ds, const KbQuestion *q, const char **v);

/* ---------------------------------------------------------------- dates */

/* Whether any relation has a year with a qualifier, or a status other than
 * active: the writers then give the years as text and write the status. */
gboolean kb_i_export_any_qualified_year(const KbDataset *ds);
gboolean kb_i_export_any_status(const KbDataset *ds);
/* A relation's since or until as the data writes it ("2015", "2015~",
 * "[..2015]"), or NULL when it has none; new. */
char *kb_i_export_date(int year, guint8 qualifier);
/* A relation's status, or NULL for active, the default. Static. */
const char *kb_i_export_status(const KbRelation *r);

#endif
