/* candidates_assess.c -- each request weighed as a council weighs one:
 * the criteria side by side, each met, not met or unknown, and an advice
 * by the rule KbAdviceReason lists (analysis.h).
 *
 *   theme        met: it names a focus theme; not met: it names themes, none
 *                of them a focus theme (another theme); unknown: it names
 *                none, or the city has no focus themes
 *   added value  met: the request states one; unknown: it does not
 *   support      met: organisations of the city or its region are active
 *                there (tied to it, for an organisation) or work on one of
 *                its themes; not met: none are; unknown: the data knows
 *                neither the candidate nor any of its themes
 *   ties         met: a partner already, a shared network, or a partner's
 *                partner; not met: none, for a candidate the data knows;
 *                unknown: the data does not know it
 *   capacity     met: its hours are within the capacity left (capacity -
 *                capacity_used); not met: more; unknown: the data gives no
 *                capacity, or the request no hours
 *   scope        met: its purpose is exchange, or one dataset.csv's
 *                out_of_scope does not name; not met: it is named; unknown:
 *                the request gives none, or it is visitors or business and
 *                the dataset does not say what is out of scope */
#include <math.h>
#include <string.h>

#include "analysis/candidates_internal.h"

void
kb_i_assessment_release(KbAssessment *a)
{
  g_free(a->focus);
  g_free(a->other);
  g_free(a->city_orgs);
  g_free(a->region_orgs);
}

/* For each theme, the organisations that work on it and for which
 * flags[] holds (lists indexed by theme node). */
static void
workers_build(const KbiHome *h, const gboolean *flags, KbiLists *w)
{
  w->start = g_new0(size_t, h->n + 1);
  for (int pass = 0; pass < 2; pass++) {
    size_t *fill = pass ? g_memdup2(w->start, (h->n + 1) * sizeof(size_t)) : NULL;
    for (size_t o = 0; o < h->n; o++) {
      if (!flags[o])
        continue;
      for (size_t j = 0; j < KB_LISTS_LEN(&h->themes, o); j++) {
        size_t t = KB_LISTS_ROW(&h->themes, o)[j];
        if (pass)
          w->to[fill[t]++] = o;
        else
          w->start[t + 1]++;
      }
    }
    if (pass) {
      g_free(fill);
    } else {
      for (size_t i = 0; i < h->n; i++)
        w->start[i + 1] += w->start[i];
      w->to = g_new(size_t, w->start[h->n] + 1);
    }
  }
}

/* The organisations among 'flags' (the city's, or the region's) active at
 * the request's node or tied to it, and working on one of its themes. */
static size_t *
active_on(const KbDataset *ds, const KbiHome *h, const KbRequest *req, const gboolean *flags,
          const KbiLists *workers, size_t *n)
{
  GArray *out = g_array_new(FALSE, FALSE, sizeof(size_t));
  size_t node = req->node;
  if (node != KB_NO_NODE && kb_dataset_node(ds, node)->kind == KB_NODE_ORGANISATION) {
    for (size_t j = 0; j < KB_LISTS_LEN(&h->ties, node); j++)
      if (flags[KB_LISTS_ROW(&h->ties, node)[j]])
        g_array_append_val(out, KB_LISTS_ROW(&h->ties, node)[j]);
  } else if (node != KB_NO_NODE) {
    kb_i_members_where(h, node, flags, out);
  }
  for (size_t t = 0; t < req->n_themes; t++)
    g_array_append_vals(out, KB_LISTS_ROW(workers, req->themes[t]),
                        (guint) KB_LISTS_LEN(workers, req->themes[t]));
  return kb_i_steal_sorted(ds, out, n);
}

static void
theme_criterion(const KbRequest *req, const KbCandidates *cs, KbAssessment *a)
{
  GArray *focus = g_array_new(FALSE, FALSE, sizeof(size_t));
  GArray *other = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t t = 0; t < req->n_themes; t++) {
    gboolean is_focus = FALSE;
    for (size_t f = 0; f < cs->n_themes && !is_focus; f++)
      is_focus = cs->themes[f] == req->themes[t];
    g_array_append_val(is_focus ? focus : other, req->themes[t]);
  }
  a->n_focus = focus->len;
  a->focus = (size_t *) g_array_free(focus, FALSE);
  a->n_other = other->len;
  a->other = (size_t *) g_array_free(other, FALSE);
  if (a->n_focus > 0)
    a->state[KB_CRITERION_THEME] = KB_CRITERION_MET;
  else if (cs->n_themes > 0 && a->n_other + req->n_other_themes > 0)
    a->state[KB_CRITERION_THEME] = KB_CRITERION_NOT_MET;
}

static void
ties_criterion(const KbRequest *req, const KbCandidate *c, KbAssessment *a)
{
  if (c != NULL && (c->existing || c->n_networks || c->n_partners_of || c->n_partners_there))
    a->state[KB_CRITERION_TIES] = KB_CRITERION_MET;
  else if (req->node != KB_NO_NODE)
    a->state[KB_CRITERION_TIES] = KB_CRITERION_NOT_MET;
}

static void
capacity_criterion(const KbRequest *req, const KbCandidates *cs, KbAssessment *a)
{
  a->hours_left = cs->capacity >= 0 ? cs->capacity - MAX(cs->capacity_used, 0.0) : NAN;
  if (!isnan(a->hours_left) && req->hours >= 0)
    a->state[KB_CRITERION_CAPACITY] = req->hours <= a->hours_left ? KB_CRITERION_MET
                                                                  : KB_CRITERION_NOT_MET;
}

/* Cooperation and exchange are what the policy is for; whether inbound
 * visitors or business promotion are is known only when dataset.csv says
 * what is out of scope. */
static void
scope_criterion(const KbDataset *ds, const KbRequest *req, KbAssessment *a)
{
  guint out = kb_dataset_out_of_scope(ds);
  if (req->purpose == KB_PURPOSE_EXCHANGE)
    a->state[KB_CRITERION_SCOPE] = KB_CRITERION_MET;
  else if (req->purpose != KB_PURPOSE_NONE && out != 0)
    a->state[KB_CRITERION_SCOPE] = out & 1u << req->purpose ? KB_CRITERION_NOT_MET
                                                            : KB_CRITERION_MET;
}

/* The rule (analysis.h, KbAdviceReason): the first step that applies. */
static void
advise(KbAssessment *a)
{
  const KbCriterionState *s = a->state;
  gboolean no_room = s[KB_CRITERION_CAPACITY] == KB_CRITERION_NOT_MET;
  KbAdviceReason r;
  if (a->candidate == KB_NO_NODE)
    r = KB_REASON_HOME;
  else if (s[KB_CRITERION_SCOPE] == KB_CRITERION_NOT_MET)
    r = KB_REASON_OUT_OF_SCOPE;
  else if (s[KB_CRITERION_THEME] == KB_CRITERION_MET)
    r = no_room ? KB_REASON_FOCUS_NO_CAPACITY : KB_REASON_FOCUS;
  else if (s[KB_CRITERION_THEME] == KB_CRITERION_UNKNOWN)
    r = KB_REASON_NO_THEME;
  else if (s[KB_CRITERION_ADDED_VALUE] != KB_CRITERION_MET)
    r = KB_REASON_OTHER_NO_VALUE;
  else if (no_room)
    r = KB_REASON_OTHER_NO_CAPACITY;
  else if (s[KB_CRITERION_CAPACITY] == KB_CRITERION_MET)
    r = KB_REASON_OTHER_CAPACITY;
  else
    r = KB_REASON_OTHER_CAPACITY_UNKNOWN;
  static const KbAdvice advice[KB_REASON_COUNT] = {
    [KB_REASON_HOME] = KB_ADVICE_DECLINE,
    [KB_REASON_OUT_OF_SCOPE] = KB_ADVICE_DECLINE,
    [KB_REASON_FOCUS_NO_CAPACITY] = KB_ADVICE_WEIGH,
    [KB_REASON_FOCUS] = KB_ADVICE_TAKE_UP,
    [KB_REASON_OTHER_NO_VALUE] = KB_ADVICE_DECLINE,
    [KB_REASON_OTHER_NO_CAPACITY] = KB_ADVICE_DECLINE,
    [KB_REASON_OTHER_CAPACITY] = KB_ADVICE_WEIGH,
    [KB_REASON_OTHER_CAPACITY_UNKNOWN] = KB_ADVICE_WEIGH,
    [KB_REASON_NO_THEME] = KB_ADVICE_WEIGH,
  };
  a->reason = r;
  a->advice = advice[r];
}

void
kb_i_candidates_assess(const KbDataset *ds, const KbiHome *h, const KbRequests *requests,
                       KbCandidates *cs)
{
  g_autoptr(GHashTable) index = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; i < cs->n; i++)
    g_hash_table_insert(index, cs->candidates[i].id, GSIZE_TO_POINTER(i + 1));
  KbiLists city_workers, region_workers;
  workers_build(h, h->own, &city_workers);
  workers_build(h, h->region, &region_workers);
  cs->n_assessments = requests->n;
  cs->assessments = g_new0(KbAssessment, requests->n ? requests->n : 1);
  for (size_t i = 0; i < requests->n; i++) {
    const KbRequest *req = &requests->requests[i];
    KbAssessment *a = &cs->assessments[i];
    a->request = i;
    size_t c = GPOINTER_TO_SIZE(g_hash_table_lookup(index, req->id));
    a->candidate = c ? c - 1 : KB_NO_NODE;
    theme_criterion(req, cs, a);
    if (req->added_value != NULL)
      a->state[KB_CRITERION_ADDED_VALUE] = KB_CRITERION_MET;
    a->city_orgs = active_on(ds, h, req, h->own, &city_workers, &a->n_city_orgs);
    a->region_orgs = active_on(ds, h, req, h->region, &region_workers, &a->n_region_orgs);
    if (a->n_city_orgs + a->n_region_orgs > 0)
      a->state[KB_CRITERION_SUPPORT] = KB_CRITERION_MET;
    else if (req->node != KB_NO_NODE || req->n_themes > 0)
      a->state[KB_CRITERION_SUPPORT] = KB_CRITERION_NOT_MET;
    ties_criterion(req, c ? &cs->candidates[c - 1] : NULL, a);
    capacity_criterion(req, cs, a);
    scope_criterion(ds, req, a);
    advise(a);
  }
  kb_i_lists_release(&city_workers);
  kb_i_lists_release(&region_workers);
}
