/* diff.c -- what changed between two years: relations begun and ended,
 * places and themes gained and lost, and the index and brokers of each
 * year side by side. Only what the data dates is compared: a relation whose
 * dates do not say whether it held in one of the years (undated, asked of a
 * year before the data's) is counted apart and left out of both years. */
#include <string.h>

#include "analysis/analysis_internal.h"

/* Places (or themes) that some organisation has as a context in 'ds'. */
static gboolean *
present(const KbDataset *ds, KbContextKind kind)
{
  size_t n = kb_dataset_node_count(ds);
  gboolean *set = g_new0(gboolean, n ? n : 1);
  KbiContexts ctx;
  kb_i_contexts_build(ds, &ctx);
  for (size_t c = 0; c < n; c++)
    if (ctx.members[c] != NULL && g_array_index(ctx.members[c], KbiLink, 0).kind == kind)
      set[c] = TRUE;
  kb_i_contexts_release(&ctx);
  return set;
}

static size_t *
difference(const KbDataset *ds, const gboolean *in, const gboolean *out, size_t *n_out)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++)
    if (in[i] && !out[i])
      g_array_append_val(a, i);
  kb_i_sort_by_id(ds, (size_t *) a->data, a->len);
  *n_out = a->len;
  return (size_t *) g_array_free(a, FALSE);
}

static int
compare_years(int a, int b)
{
  /* an unknown year sorts first: it holds from the start */
  return a == b ? 0 : a < b ? -1 : 1;
}

static int
compare_by_since(gconstpointer x, gconstpointer y, gpointer ds)
{
  size_t a = *(const size_t *) x, b = *(const size_t *) y;
  int c = compare_years(kb_dataset_relation(ds, a)->since, kb_dataset_relation(ds, b)->since);
  return c ? c : (a < b ? -1 : a > b);
}

static int
compare_by_until(gconstpointer x, gconstpointer y, gpointer ds)
{
  size_t a = *(const size_t *) x, b = *(const size_t *) y;
  int c = compare_years(kb_dataset_relation(ds, a)->until, kb_dataset_relation(ds, b)->until);
  return c ? c : (a < b ? -1 : a > b);
}

/* The relations of one year of the comparison: those that hold in it, of
 * those whose dates say so in both years. */
typedef struct {
  int year, other, data_year;
} Side;

static gboolean
side_keeps(const KbRelation *r, gpointer data)
{
  const Side *s = data;
  return kb_relation_holds(r, s->year, s->data_year) == KB_HOLDS_YES
         && kb_relation_holds(r, s->other, s->data_year) != KB_HOLDS_UNKNOWN;
}

/* The relations but the memberships of one network (*data, a size_t). */
static gboolean
not_member(const KbRelation *r, gpointer data)
{
  return !(r->kind == KB_REL_MEMBER_OF && r->to == *(const size_t *) data);
}

KbDiff *
kb_diff_compute(const KbDataset *ds, int from, int to, GError **error)
{
  g_return_val_if_fail(ds != NULL, NULL);
  KbDiff *d = g_new0(KbDiff, 1);
  d->from = from;
  d->to = to;
  int data_year = kb_dataset_year(ds);
  GArray *begun = g_array_new(FALSE, FALSE, sizeof(size_t));
  GArray *ended = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->status == KB_STATUS_PLANNED) {
      d->n_planned++;
      continue;
    }
    KbHolds then = kb_relation_holds(r, from, data_year), now = kb_relation_holds(r, to, data_year);
    if (then == KB_HOLDS_UNKNOWN || now == KB_HOLDS_UNKNOWN) {
      d->n_unsure++;
      d->n_unsure_undated += r->since == KB_NO_YEAR;
    } else if (now == KB_HOLDS_YES && then == KB_HOLDS_NO) {
      g_array_append_val(begun, i);
    } else if (then == KB_HOLDS_YES && now == KB_HOLDS_NO) {
      g_array_append_val(ended, i);
    }
  }
  /* by year, the earliest first; within a year in the order of the data */
  g_array_sort_with_data(begun, compare_by_since, (gpointer) ds);
  g_array_sort_with_data(ended, compare_by_until, (gpointer) ds);
  d->n_begun = begun->len;
  d->begun = (size_t *) g_array_free(begun, FALSE);
  d->n_ended = ended->len;
  d->ended = (size_t *) g_array_free(ended, FALSE);

  Side side_a = { from, to, data_year }, side_b = { to, from, data_year };
  g_autoptr(KbDataset) a = kb_dataset_filter(ds, side_keeps, &side_a);
  g_autoptr(KbDataset) b = kb_dataset_filter(ds, side_keeps, &side_b);
  g_autofree gboolean *pa = present(a, KB_CONTEXT_PLACE), *pb = present(b, KB_CONTEXT_PLACE);
  g_autofree gboolean *ta = present(a, KB_CONTEXT_THEME), *tb = present(b, KB_CONTEXT_THEME);
  d->places_gained = difference(ds, pb, pa, &d->n_places_gained);
  d->places_lost = difference(ds, pa, pb, &d->n_places_lost);
  d->themes_gained = difference(ds, tb, ta, &d->n_themes_gained);
  d->themes_lost = difference(ds, ta, tb, &d->n_themes_lost);

  d->umbrella = KB_NO_NODE;
  if ((d->index_from = kb_index_compute(a, KB_INDEX_BY_COUNTRY, error)) == NULL
      || (d->index_to = kb_index_compute(b, KB_INDEX_BY_COUNTRY, error)) == NULL
      || (d->brokers_from = kb_brokers_compute(a, error)) == NULL
      || (d->brokers_to = kb_brokers_compute(b, error)) == NULL) {
    kb_diff_free(d);
    return NULL;
  }
  /* the figures of both years without a network that makes most ties */
  d->umbrella = d->index_to->umbrella != KB_NO_NODE ? d->index_to->umbrella
                                                    : d->index_from->umbrella;
  if (d->umbrella != KB_NO_NODE) {
    g_autoptr(KbDataset) a2 = kb_dataset_filter(a, not_member, &d->umbrella);
    g_autoptr(KbDataset) b2 = kb_dataset_filter(b, not_member, &d->umbrella);
    if ((d->without_from = kb_index_compute(a2, KB_INDEX_BY_COUNTRY, error)) == NULL
        || (d->without_to = kb_index_compute(b2, KB_INDEX_BY_COUNTRY, error)) == NULL) {
      kb_diff_free(d);
      return NULL;
    }
  }
  return d;
}

void
kb_diff_free(KbDiff *d)
{
  if (d == NULL)
    return;
  g_free(d->begun);
  g_free(d->ended);
  g_free(d->places_gained);
  g_free(d->places_lost);
  g_free(d->themes_gained);
  g_free(d->themes_lost);
  kb_index_free(d->index_from);
  kb_index_free(d->index_to);
  kb_index_free(d->without_from);
  kb_index_free(d->without_to);
  kb_brokers_free(d->brokers_from);
  kb_brokers_free(d->brokers_to);
  g_free(d);
}
