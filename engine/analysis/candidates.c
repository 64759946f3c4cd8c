/* candidates.c -- ranking candidate partners for a city or organisation.
 *
 * The candidates are what the data leads to beyond the home (KbRoute): the
 * existing partners (listed apart, to deepen), the places where the home's
 * organisations are active, the members of the networks it belongs to, the
 * partners of its partners, and the requests. Never the home, the places
 * around or inside it, or its own organisations (candidates_home.c).
 *
 *   score = w_fit * fit + w_support * support + w_network * proximity
 *           - w_capacity * penalty
 *
 * fit        asked themes the candidate covers (its own works_on and that of
 *            the organisations there, the home's own left out) / asked themes
 * support    0.7 * sectors of the home organisations active there / sectors
 *            of all home organisations + 0.3 * those organisations / the
 *            most any candidate has: three sectors beat one enthusiast
 * proximity  1 / the number of ties between the home (or one of its own
 *            organisations) and the candidate over memberships, twinnings,
 *            partnerships, funding and part_of between networks (1 when
 *            twinned or partners, 1/2 through a shared network)
 * penalty    for a new partner, the share of the home's capacity already
 *            used (dataset.csv's capacity_used / capacity) where the data
 *            gives it, else load / (load + 5), load being the home's
 *            current twinnings and partnerships; 0 for an existing partner */
#include <math.h>
#include <string.h>

#include "analysis/candidates_internal.h"

#define SUPPORT_SECTORS 0.7
#define SUPPORT_ORGS 0.3
#define CAPACITY_HALF 5.0

const char *
kb_candidate_weight_name(KbCandidateWeight w)
{
  static const char *const names[KB_WEIGHT_COUNT] = { "fit", "support", "network", "capacity" };
  g_return_val_if_fail(w < KB_WEIGHT_COUNT, "?");
  return names[w];
}

const char *
kb_criterion_name(KbCriterion c)
{
  static const char *const names[KB_CRITERION_COUNT] = {
    "theme", "added_value", "support", "ties", "capacity", "scope" };
  g_return_val_if_fail(c < KB_CRITERION_COUNT, "?");
  return names[c];
}

const char *
kb_advice_name(KbAdvice a)
{
  static const char *const names[KB_ADVICE_COUNT] = { "take up", "weigh", "decline" };
  g_return_val_if_fail(a < KB_ADVICE_COUNT, "?");
  return names[a];
}

void
kb_candidate_options_init(KbCandidateOptions *opts)
{
  g_return_if_fail(opts != NULL);
  memset(opts, 0, sizeof *opts);
  opts->for_node = KB_NO_NODE;
  opts->kind = KB_NODE_CITY;
  opts->weights[KB_WEIGHT_FIT] = 0.4;
  opts->weights[KB_WEIGHT_SUPPORT] = 0.3;
  opts->weights[KB_WEIGHT_NETWORK] = 0.2;
  opts->weights[KB_WEIGHT_CAPACITY] = 0.1;
}

void
kb_requests_free(KbRequests *r)
{
  if (r == NULL)
    return;
  for (size_t i = 0; i < r->n; i++) {
    g_free(r->requests[i].id);
    g_free(r->requests[i].label);
    g_free(r->requests[i].themes);
    g_strfreev(r->requests[i].other_themes);
    g_free(r->requests[i].added_value);
    g_free(r->requests[i].source);
  }
  g_free(r->requests);
  g_free(r);
}

/* ------------------------------------------------------- one candidate */

/* The home organisations behind a candidate: for a place, the backers
 * active or located there; for an organisation, the backers tied to it and
 * the own organisations active where it is located. */
static GArray *
supporters(const KbDataset *ds, const KbiHome *h, size_t cand)
{
  GArray *out = g_array_new(FALSE, FALSE, sizeof(size_t));
  if (kb_node_kind_is_place(kb_dataset_node(ds, cand)->kind)) {
    kb_i_members_where(h, cand, h->backer, out);
    return out;
  }
  for (size_t j = 0; j < KB_LISTS_LEN(&h->ties, cand); j++) {
    size_t o = KB_LISTS_ROW(&h->ties, cand)[j];
    if (h->backer[o])
      g_array_append_val(out, o);
  }
  for (size_t j = 0; j < KB_LISTS_LEN(&h->located, cand); j++) {
    size_t place = KB_LISTS_ROW(&h->located, cand)[j];
    if (!h->excluded[place])
      kb_i_members_where(h, place, h->own, out);
  }
  return out;
}

/* Adds to 'set' the themes 'node' works on. */
static void
add_themes(const KbiHome *h, size_t node, GHashTable *set)
{
  for (size_t j = 0; j < KB_LISTS_LEN(&h->themes, node); j++)
    g_hash_table_add(set, GSIZE_TO_POINTER(KB_LISTS_ROW(&h->themes, node)[j] + 1));
}

/* Themes of a candidate: its own works_on, and those of the organisations
 * located in it or active in it (or in a place inside it), leaving out the
 * home's: their themes say what the home works on, not what the candidate
 * offers. */
static GHashTable *
candidate_themes(const KbDataset *ds, const KbiHome *h, size_t cand)
{
  GHashTable *set = g_hash_table_new(g_direct_hash, g_direct_equal);
  add_themes(h, cand, set);
  const GArray *m = h->ctx.members[cand];
  if (m != NULL && kb_node_kind_is_place(kb_dataset_node(ds, cand)->kind))
    for (guint i = 0; i < m->len; i++) {
      size_t org = g_array_index(m, KbiLink, i).node;
      if (!h->backer[org])
        add_themes(h, org, set);
    }
  return set;
}

/* Fills what the data says of a node of the dataset as a candidate, and
 * the routes that lead to it. */
static void
candidate_fill(const KbDataset *ds, const KbiHome *h, size_t node, KbCandidate *c)
{
  c->node = node;
  c->id = g_strdup(kb_dataset_node(ds, node)->id);
  c->label = g_strdup(kb_dataset_node(ds, node)->label);
  c->orgs = kb_i_steal_sorted(ds, supporters(ds, h, node), &c->n_orgs);
  c->n_sectors = kb_i_count_sectors(ds, c->orgs, c->n_orgs);
  c->hops = h->hops[node] == SIZE_MAX ? 0 : h->hops[node];
  c->existing = h->partner[node];
  GArray *nets = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t j = 0; j < KB_LISTS_LEN(&h->nets, node); j++)
    if (h->home_net[KB_LISTS_ROW(&h->nets, node)[j]])
      g_array_append_val(nets, KB_LISTS_ROW(&h->nets, node)[j]);
  c->networks = kb_i_steal_sorted(ds, nets, &c->n_networks);
  GArray *of = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t j = 0; j < KB_LISTS_LEN(&h->ties, node); j++)
    if (h->partner[KB_LISTS_ROW(&h->ties, node)[j]])
      g_array_append_val(of, KB_LISTS_ROW(&h->ties, node)[j]);
  c->partners_of = kb_i_steal_sorted(ds, of, &c->n_partners_of);
  GArray *there = g_array_new(FALSE, FALSE, sizeof(size_t));
  if (kb_node_kind_is_place(kb_dataset_node(ds, node)->kind)) {
    g_autofree gboolean *partner_only = g_new(gboolean, h->n);
    for (size_t i = 0; i < h->n; i++)
      partner_only[i] = h->partner[i] && !h->backer[i];
    kb_i_members_where(h, node, partner_only, there);
  }
  c->partners_there = kb_i_steal_sorted(ds, there, &c->n_partners_there);
  c->routes = (c->existing ? KB_ROUTE_PARTNER : 0u) | (c->n_orgs ? KB_ROUTE_ACTIVE : 0u)
              | (c->n_networks ? KB_ROUTE_NETWORK : 0u)
              | (c->n_partners_of + c->n_partners_there ? KB_ROUTE_PARTNERS : 0u);
}

/* Adds a request's themes to the candidate's (consuming 'ctheme'), and
 * fills the theme fit, proximity and the no-data mark. */
static void
finish_candidate(KbCandidate *c, const KbRequest *req, GHashTable *ctheme, const KbCandidates *out)
{
  if (req != NULL) {
    c->requested = TRUE;
    c->routes |= KB_ROUTE_REQUESTED;
    for (size_t t = 0; t < req->n_themes; t++)
      g_hash_table_add(ctheme, GSIZE_TO_POINTER(req->themes[t] + 1));
  }
  GArray *matched = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t t = 0; t < out->n_themes; t++)
    if (g_hash_table_contains(ctheme, GSIZE_TO_POINTER(out->themes[t] + 1)))
      g_array_append_val(matched, out->themes[t]);
  c->has_themes = g_hash_table_size(ctheme) > 0 || (req != NULL && req->n_other_themes > 0);
  c->no_data = !c->has_themes && c->n_orgs == 0 && c->hops == 0 && c->n_partners_there == 0;
  g_hash_table_unref(ctheme);
  c->n_matched = matched->len;
  c->matched = (size_t *) g_array_free(matched, FALSE);
  c->fit = out->n_themes ? (double) c->n_matched / (double) out->n_themes : 0.0;
  c->proximity = c->hops ? 1.0 / (double) c->hops : 0.0;
}

static void
candidate_release(KbCandidate *c)
{
  g_free(c->id);
  g_free(c->label);
  g_free(c->matched);
  g_free(c->orgs);
  g_free(c->networks);
  g_free(c->partners_of);
  g_free(c->partners_there);
}

/* ------------------------------------------------------------- ranking */

static double
score_with(const KbCandidate *c, const double *w)
{
  return w[KB_WEIGHT_FIT] * c->fit + w[KB_WEIGHT_SUPPORT] * c->support
         + w[KB_WEIGHT_NETWORK] * c->proximity - w[KB_WEIGHT_CAPACITY] * c->penalty;
}

/* Of fit, support and network, the part that adds most to the score. */
static KbCandidateWeight
carried_by(const KbCandidate *c, const double *w)
{
  const double part[3] = { w[KB_WEIGHT_FIT] * c->fit, w[KB_WEIGHT_SUPPORT] * c->support,
                           w[KB_WEIGHT_NETWORK] * c->proximity };
  KbCandidateWeight best = KB_WEIGHT_COUNT;
  for (int k = 0; k < 3; k++)
    if (part[k] > 0 && (best == KB_WEIGHT_COUNT || part[k] > part[best]))
      best = k;
  return best;
}

typedef struct {
  const KbCandidate *all;
  const double *scores;
} RankCtx;

static int
compare_ranked(const void *x, const void *y, void *data)
{
  const RankCtx *rc = data;
  size_t a = *(const size_t *) x, b = *(const size_t *) y;
  if (rc->scores[a] != rc->scores[b])
    return rc->scores[a] > rc->scores[b] ? -1 : 1;
  return strcmp(rc->all[a].id, rc->all[b].id);
}

/* ranks[i] = the 1-based rank of candidate i under weights w. */
static void
rank_under(const KbCandidate *c, size_t n, const double *w, size_t *ranks)
{
  double *scores = g_new(double, n ? n : 1);
  size_t *order = g_new(size_t, n ? n : 1);
  for (size_t i = 0; i < n; i++) {
    scores[i] = score_with(&c[i], w);
    order[i] = i;
  }
  RankCtx rc = { c, scores };
  g_qsort_with_data(order, (gint) n, sizeof(size_t), compare_ranked, &rc);
  for (size_t r = 0; r < n; r++)
    ranks[order[r]] = r + 1;
  g_free(order);
  g_free(scores);
}

/* Ranks the n candidates of one group, and their rank ranges as each
 * weight moves by half either way. */
static void
rank_group(KbCandidate *all, size_t n, const double *weights, gboolean sensitivity)
{
  size_t *ranks = g_new(size_t, n ? n : 1);
  rank_under(all, n, weights, ranks);
  for (size_t i = 0; i < n; i++)
    all[i].rank = all[i].rank_min = all[i].rank_max = ranks[i];
  for (int w = 0; sensitivity && w < KB_WEIGHT_COUNT; w++)
    for (int f = 0; f < 2; f++) {
      double moved[KB_WEIGHT_COUNT];
      memcpy(moved, weights, sizeof moved);
      moved[w] *= f ? 1.5 : 0.5;
      rank_under(all, n, moved, ranks);
      for (size_t i = 0; i < n; i++) {
        all[i].rank_min = MIN(all[i].rank_min, ranks[i]);
        all[i].rank_max = MAX(all[i].rank_max, ranks[i]);
      }
    }
  g_free(ranks);
}

/* The themes asked for: given, or the home's own (dataset.csv's themes for
 * the dataset's home, else what the home works on). */
static void
asked_themes(const KbDataset *ds, const KbCandidateOptions *opts, KbCandidates *out)
{
  GArray *themes = g_array_new(FALSE, FALSE, sizeof(size_t));
  const size_t *t;
  size_t nt = kb_dataset_home(ds) == out->home ? kb_dataset_themes(ds, &t) : 0;
  if (opts->themes != NULL) {
    g_array_append_vals(themes, opts->themes, (guint) opts->n_themes);
  } else if (nt > 0) {
    g_array_append_vals(themes, t, (guint) nt);
  } else {
    for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
      const KbRelation *r = kb_dataset_relation(ds, i);
      if (r->kind == KB_REL_WORKS_ON && r->from == out->home)
        g_array_append_val(themes, r->to);
    }
  }
  out->n_themes = themes->len;
  out->themes = (size_t *) g_array_free(themes, FALSE);
}

/* The penalty of a new partner: the share of the capacity used where the
 * data gives it, else load / (load + 5). */
static double
capacity_penalty(const KbDataset *ds, KbCandidates *out)
{
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if ((r->kind == KB_REL_TWINNED_WITH || r->kind == KB_REL_PARTNER_OF)
        && (r->from == out->home || r->to == out->home))
      out->load++;
  }
  out->capacity = out->capacity_used = -1;
  if (kb_dataset_home(ds) == out->home
      && kb_dataset_capacity(ds, &out->capacity, &out->capacity_used))
    return out->capacity > 0 ? MIN(1.0, MAX(out->capacity_used, 0.0) / out->capacity) : 1.0;
  return (double) out->load / ((double) out->load + CAPACITY_HALF);
}

/* Collects the candidates: the nodes of the kind asked (and any a request
 * names) that a route leads to, then the requests from outside. */
static GArray *
collect(const KbDataset *ds, const KbiHome *h, const KbCandidateOptions *opts,
        const KbCandidates *out)
{
  GArray *cands = g_array_new(FALSE, TRUE, sizeof(KbCandidate));
  GHashTable *requested = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; opts->requests && i < opts->requests->n; i++)
    g_hash_table_insert(requested, opts->requests->requests[i].id, &opts->requests->requests[i]);
  for (size_t node = 0; node < h->n; node++) {
    const KbNode *nd = kb_dataset_node(ds, node);
    const KbRequest *req = g_hash_table_lookup(requested, nd->id);
    if (h->excluded[node] || (nd->kind != opts->kind && req == NULL))
      continue;
    KbCandidate c = { 0 };
    candidate_fill(ds, h, node, &c);
    finish_candidate(&c, req, candidate_themes(ds, h, node), out);
    if (c.routes != 0)
      g_array_append_val(cands, c);
    else
      candidate_release(&c);
  }
  for (size_t i = 0; opts->requests && i < opts->requests->n; i++) {
    const KbRequest *req = &opts->requests->requests[i];
    if (req->node != KB_NO_NODE)
      continue;
    KbCandidate c = { 0 };
    c.node = KB_NO_NODE;
    c.id = g_strdup(req->id);
    c.label = g_strdup(req->label ? req->label : req->id);
    finish_candidate(&c, req, g_hash_table_new(g_direct_hash, g_direct_equal), out);
    g_array_append_val(cands, c);
  }
  g_hash_table_unref(requested);
  return cands;
}

static int
compare_group_rank(const void *x, const void *y)
{
  const KbCandidate *a = x, *b = y;
  if (a->existing != b->existing)
    return a->existing ? 1 : -1;
  return a->rank < b->rank ? -1 : a->rank > b->rank;
}

KbCandidates *
kb_candidates_compute(const KbDataset *ds, const KbCandidateOptions *opts, GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL, NULL);
  size_t home = opts->for_node;
  if (home >= kb_dataset_node_count(ds)
      || (kb_dataset_node(ds, home)->kind != KB_NODE_CITY
          && kb_dataset_node(ds, home)->kind != KB_NODE_ORGANISATION)) {
    g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "candidates are ranked for a city or an "
                "organisation");
    return NULL;
  }
  for (int w = 0; w < KB_WEIGHT_COUNT; w++)
    if (!(opts->weights[w] >= 0) || !isfinite(opts->weights[w])) {
      g_set_error(error, KB_ERROR, KB_ERROR_ARGUMENT, "weight %s must be a number of 0 or more",
                  kb_candidate_weight_name(w));
      return NULL;
    }

  KbCandidates *out = g_new0(KbCandidates, 1);
  out->home = home;
  memcpy(out->weights, opts->weights, sizeof out->weights);
  asked_themes(ds, opts, out);
  KbiHome h;
  kb_i_home_build(ds, home, &h);
  out->n_home_orgs = h.n_backers;
  out->n_home_sectors = h.n_backer_sectors;
  double penalty_new = capacity_penalty(ds, out);

  GArray *cands = collect(ds, &h, opts, out);
  size_t max_orgs = 0;
  for (guint i = 0; i < cands->len; i++)
    max_orgs = MAX(max_orgs, g_array_index(cands, KbCandidate, i).n_orgs);
  out->themes_unknown = cands->len > 0;
  for (guint i = 0; i < cands->len; i++) {
    KbCandidate *c = &g_array_index(cands, KbCandidate, i);
    c->penalty = c->existing ? 0.0 : penalty_new;
    c->support = (out->n_home_sectors ? SUPPORT_SECTORS * (double) c->n_sectors
                                          / (double) out->n_home_sectors : 0.0)
                 + (max_orgs ? SUPPORT_ORGS * (double) c->n_orgs / (double) max_orgs : 0.0);
    c->score = score_with(c, out->weights);
    c->carried_by = carried_by(c, out->weights);
    out->themes_unknown &= !c->has_themes;
    out->n_new += !c->existing;
  }

  /* the new partners first, then the existing ones; each ranked apart */
  out->n = cands->len;
  out->candidates = (KbCandidate *) g_array_free(cands, FALSE);
  KbCandidate *all = out->candidates;
  for (size_t i = 0, k = 0; i < out->n; i++)
    if (!all[i].existing) {
      KbCandidate t = all[k];
      all[k++] = all[i];
      all[i] = t;
    }
  rank_group(all, out->n_new, out->weights, opts->sensitivity);
  rank_group(all + out->n_new, out->n - out->n_new, out->weights, opts->sensitivity);
  if (out->n > 1)     /* qsort takes no NULL, which an empty array may be */
    qsort(all, out->n, sizeof *all, compare_group_rank);

  if (opts->requests != NULL)
    kb_i_candidates_assess(ds, &h, opts->requests, out);
  if (opts->by_theme)
    kb_i_candidates_plan(ds, &h, out);
  kb_i_home_release(&h);
  return out;
}

void
kb_candidates_free(KbCandidates *c)
{
  if (c == NULL)
    return;
  for (size_t i = 0; i < c->n; i++)
    candidate_release(&c->candidates[i]);
  for (size_t i = 0; i < c->n_assessments; i++)
    kb_i_assessment_release(&c->assessments[i]);
  for (size_t i = 0; i < c->n_plans; i++)
    kb_i_theme_plan_release(&c->plans[i]);
  g_free(c->candidates);
  g_free(c->assessments);
  g_free(c->plans);
  g_free(c->themes);
  g_free(c);
}
