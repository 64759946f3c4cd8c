/* candidates.c -- ranking candidate partners for a city or organisation.
 *
 *   score = w_fit * fit + w_support * support + w_network * proximity
 *           - w_capacity * penalty
 *
 * fit        asked themes the candidate covers (its own works_on and that of
 *            the organisations there, the home's own left out) / asked themes
 * support    0.7 * sectors of the home organisations active there / sectors
 *            of all home organisations + 0.3 * those organisations / the
 *            most any candidate has: three sectors beat one enthusiast
 * proximity  1 / the number of ties between home and candidate over
 *            memberships, twinnings, partnerships, funding and part_of
 *            (1 when twinned or partners, 1/2 through a shared network)
 * penalty    load / (load + 5) for a new partner, load being the home's
 *            current twinnings and partnerships; 0 for an existing partner */
#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

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

/* ------------------------------------------------------------- helpers */

static gboolean
is_place(KbNodeKind k)
{
  return k == KB_NODE_CITY || k == KB_NODE_REGION || k == KB_NODE_COUNTRY;
}

/* TRUE when 'inner' is 'outer' or lies inside it. */
static gboolean
place_within(const KbDataset *ds, size_t inner, size_t outer)
{
  if (inner == outer)
    return TRUE;
  g_autofree size_t *up = NULL;
  size_t m = kb_dataset_enclosing_places(ds, inner, &up);
  for (size_t j = 0; j < m; j++)
    if (up[j] == outer)
      return TRUE;
  return FALSE;
}

/* The home's organisations: for a city those located in it (or in a place
 * inside it), for an organisation itself and those tied to it. */
static GArray *
home_orgs(const KbDataset *ds, size_t home)
{
  GArray *h = g_array_new(FALSE, FALSE, sizeof(size_t));
  gboolean *in = g_new0(gboolean, kb_dataset_node_count(ds));
  if (kb_dataset_node(ds, home)->kind == KB_NODE_ORGANISATION)
    in[home] = TRUE;
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    KbNodeKind fk = kb_dataset_node(ds, r->from)->kind, tk = kb_dataset_node(ds, r->to)->kind;
    if (kb_dataset_node(ds, home)->kind == KB_NODE_ORGANISATION) {
      if ((r->kind == KB_REL_PARTNER_OF || r->kind == KB_REL_FUNDS) && fk == KB_NODE_ORGANISATION
          && tk == KB_NODE_ORGANISATION && (r->from == home || r->to == home))
        in[r->from == home ? r->to : r->from] = TRUE;
    } else if (r->kind == KB_REL_LOCATED_IN && fk == KB_NODE_ORGANISATION && is_place(tk)
               && place_within(ds, r->to, home)) {
      in[r->from] = TRUE;
    }
  }
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++)
    if (in[i])
      g_array_append_val(h, i);
  g_free(in);
  return h;
}

/* Hop distances from 'home' over the relations that make network
 * proximity; SIZE_MAX where unreachable. */
static size_t *
proximity_hops(const KbDataset *ds, size_t home)
{
  size_t n = kb_dataset_node_count(ds);
  GArray **adj = g_new(GArray *, n);
  for (size_t i = 0; i < n; i++)
    adj[i] = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    gboolean use = r->kind == KB_REL_MEMBER_OF || r->kind == KB_REL_TWINNED_WITH
                   || r->kind == KB_REL_PARTNER_OF || r->kind == KB_REL_FUNDS
                   || (r->kind == KB_REL_PART_OF
                       && kb_dataset_node(ds, r->to)->kind == KB_NODE_NETWORK);
    if (!use)
      continue;
    g_array_append_val(adj[r->from], r->to);
    g_array_append_val(adj[r->to], r->from);
  }
  size_t *dist = g_new(size_t, n);
  for (size_t i = 0; i < n; i++)
    dist[i] = SIZE_MAX;
  GArray *queue = g_array_new(FALSE, FALSE, sizeof(size_t));
  dist[home] = 0;
  g_array_append_val(queue, home);
  for (guint h = 0; h < queue->len; h++) {
    size_t v = g_array_index(queue, size_t, h);
    for (guint j = 0; j < adj[v]->len; j++) {
      size_t w = g_array_index(adj[v], size_t, j);
      if (dist[w] == SIZE_MAX) {
        dist[w] = dist[v] + 1;
        g_array_append_val(queue, w);
      }
    }
  }
  g_array_unref(queue);
  for (size_t i = 0; i < n; i++)
    g_array_unref(adj[i]);
  g_free(adj);
  return dist;
}

/* The networks a node is a member of, directly. */
static GHashTable *
memberships(const KbDataset *ds, size_t node)
{
  GHashTable *set = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind == KB_REL_MEMBER_OF && r->from == node)
      g_hash_table_add(set, GSIZE_TO_POINTER(r->to + 1));
  }
  return set;
}

static gboolean
are_partners(const KbDataset *ds, size_t a, size_t b)
{
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if ((r->kind == KB_REL_TWINNED_WITH || r->kind == KB_REL_PARTNER_OF)
        && ((r->from == a && r->to == b) || (r->from == b && r->to == a)))
      return TRUE;
  }
  return FALSE;
}

/* ---------------------------------------------------------- components */

/* Themes of a candidate: its own works_on, and those of the organisations
 * located in it or active in it (or in a place inside it), leaving out the
 * home's own organisations: their themes say what the home works on, not
 * what the candidate offers. */
static GHashTable *
candidate_themes(const KbDataset *ds, const KbiContexts *ctx, size_t cand,
                 const gboolean *is_home_org)
{
  GHashTable *set = g_hash_table_new(g_direct_hash, g_direct_equal);
  GHashTable *who = g_hash_table_new(g_direct_hash, g_direct_equal);
  g_hash_table_add(who, GSIZE_TO_POINTER(cand + 1));
  if (ctx->members[cand] != NULL && is_place(kb_dataset_node(ds, cand)->kind))
    for (guint i = 0; i < ctx->members[cand]->len; i++) {
      size_t org = g_array_index(ctx->members[cand], KbiLink, i).node;
      if (!is_home_org[org])
        g_hash_table_add(who, GSIZE_TO_POINTER(org + 1));
    }
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind == KB_REL_WORKS_ON && g_hash_table_contains(who, GSIZE_TO_POINTER(r->from + 1)))
      g_hash_table_add(set, GSIZE_TO_POINTER(r->to + 1));
  }
  g_hash_table_unref(who);
  return set;
}

/* The home organisations active at a candidate place, or tied to a
 * candidate organisation. */
static GArray *
supporters(const KbDataset *ds, const KbiContexts *ctx, const KbiOrgNet *net, size_t cand,
           const gboolean *is_home_org)
{
  GArray *out = g_array_new(FALSE, FALSE, sizeof(size_t));
  if (kb_dataset_node(ds, cand)->kind == KB_NODE_ORGANISATION) {
    for (size_t i = 0; i < kb_dataset_node_count(ds); i++)
      if (is_home_org[i] && i != cand && kb_i_orgnet_directly_tied(net, i, cand))
        g_array_append_val(out, i);
  } else if (ctx->members[cand] != NULL) {
    for (guint i = 0; i < ctx->members[cand]->len; i++) {
      size_t org = g_array_index(ctx->members[cand], KbiLink, i).node;
      if (is_home_org[org])
        g_array_append_val(out, org);
    }
  }
  return out;
}

static size_t
count_sectors(const KbDataset *ds, const size_t *orgs, size_t n)
{
  GHashTable *set = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t i = 0; i < n; i++)
    if (kb_dataset_node(ds, orgs[i])->sector != KB_NO_NODE)
      g_hash_table_add(set, GSIZE_TO_POINTER(kb_dataset_node(ds, orgs[i])->sector + 1));
  size_t k = g_hash_table_size(set);
  g_hash_table_unref(set);
  return k;
}

/* ------------------------------------------------------------- ranking */

static double
score_with(const KbCandidate *c, const double *w)
{
  return w[KB_WEIGHT_FIT] * c->fit + w[KB_WEIGHT_SUPPORT] * c->support
         + w[KB_WEIGHT_NETWORK] * c->proximity - w[KB_WEIGHT_CAPACITY] * c->penalty;
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

/* Adds a request's themes to the candidate's (consuming 'ctheme'), and
 * fills the theme fit, proximity and the no-data mark. */
static void
finish_candidate(KbCandidate *c, const KbRequest *req, GHashTable *ctheme, const KbCandidates *out)
{
  if (req != NULL) {
    c->requested = TRUE;
    for (size_t t = 0; t < req->n_themes; t++)
      g_hash_table_add(ctheme, GSIZE_TO_POINTER(req->themes[t] + 1));
  }
  GArray *matched = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t t = 0; t < out->n_themes; t++)
    if (g_hash_table_contains(ctheme, GSIZE_TO_POINTER(out->themes[t] + 1)))
      g_array_append_val(matched, out->themes[t]);
  c->no_data = g_hash_table_size(ctheme) == 0 && c->n_orgs == 0 && c->hops == 0;
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
}

KbCandidates *
kb_candidates_compute(const KbDataset *ds, const KbCandidateOptions *opts, GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL, NULL);
  size_t home = opts->for_node;
  size_t n_nodes = kb_dataset_node_count(ds);
  if (home >= n_nodes || (kb_dataset_node(ds, home)->kind != KB_NODE_CITY
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
  /* the themes asked for: given, or the home's own */
  GArray *themes = g_array_new(FALSE, FALSE, sizeof(size_t));
  if (opts->themes != NULL) {
    g_array_append_vals(themes, opts->themes, (guint) opts->n_themes);
  } else {
    const size_t *t;
    size_t nt = kb_dataset_home(ds) == home ? kb_dataset_themes(ds, &t) : 0;
    if (nt > 0) {
      g_array_append_vals(themes, t, (guint) nt);
    } else {
      for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
        const KbRelation *r = kb_dataset_relation(ds, i);
        if (r->kind == KB_REL_WORKS_ON && r->from == home)
          g_array_append_val(themes, r->to);
      }
    }
  }
  out->n_themes = themes->len;
  out->themes = (size_t *) g_array_free(themes, FALSE);

  KbiOrgNet net;
  if (!kb_i_orgnet_build_ties(ds, &net, error)) {
    kb_candidates_free(out);
    return NULL;
  }
  KbiContexts ctx;
  kb_i_contexts_build(ds, &ctx);
  GArray *hs = home_orgs(ds, home);
  gboolean *is_home_org = g_new0(gboolean, n_nodes);
  for (guint i = 0; i < hs->len; i++)
    is_home_org[g_array_index(hs, size_t, i)] = TRUE;
  out->n_home_orgs = hs->len;
  out->n_home_sectors = count_sectors(ds, (size_t *) hs->data, hs->len);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if ((r->kind == KB_REL_TWINNED_WITH || r->kind == KB_REL_PARTNER_OF)
        && (r->from == home || r->to == home))
      out->load++;
  }
  double penalty_new = (double) out->load / ((double) out->load + CAPACITY_HALF);
  size_t *hops = proximity_hops(ds, home);
  GHashTable *home_nets = memberships(ds, home);

  /* the candidates: nodes of the kind asked, then requests from outside */
  gboolean *excluded = g_new0(gboolean, n_nodes);
  excluded[home] = TRUE;
  if (is_place(kb_dataset_node(ds, home)->kind)) {
    g_autofree size_t *up = NULL;
    size_t m = kb_dataset_enclosing_places(ds, home, &up);
    for (size_t j = 0; j < m; j++)
      excluded[up[j]] = TRUE;
  }
  GArray *cands = g_array_new(FALSE, TRUE, sizeof(KbCandidate));
  GHashTable *requested = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; opts->requests && i < opts->requests->n; i++)
    g_hash_table_insert(requested, opts->requests->requests[i].id, &opts->requests->requests[i]);
  /* nodes of the kind asked (and any node a request names), then the
   * requests from outside the dataset */
  for (size_t node = 0; node < n_nodes; node++) {
    const KbNode *nd = kb_dataset_node(ds, node);
    const KbRequest *req = g_hash_table_lookup(requested, nd->id);
    if (excluded[node] || (nd->kind != opts->kind && req == NULL))
      continue;
    KbCandidate c = { 0 };
    c.node = node;
    c.id = g_strdup(nd->id);
    c.label = g_strdup(nd->label);
    GArray *sup = supporters(ds, &ctx, &net, node, is_home_org);
    c.n_orgs = sup->len;
    c.orgs = (size_t *) g_array_free(sup, FALSE);
    kb_i_sort_by_id(ds, c.orgs, c.n_orgs);
    c.n_sectors = count_sectors(ds, c.orgs, c.n_orgs);
    c.hops = hops[node] == SIZE_MAX ? 0 : hops[node];
    c.existing = are_partners(ds, home, node);
    GHashTable *nets = memberships(ds, node);
    GArray *shared = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t x = 0; x < n_nodes; x++)
      if (g_hash_table_contains(nets, GSIZE_TO_POINTER(x + 1))
          && g_hash_table_contains(home_nets, GSIZE_TO_POINTER(x + 1)))
        g_array_append_val(shared, x);
    g_hash_table_unref(nets);
    c.n_networks = shared->len;
    c.networks = (size_t *) g_array_free(shared, FALSE);
    GHashTable *ctheme = candidate_themes(ds, &ctx, node, is_home_org);
    finish_candidate(&c, req, ctheme, out);
    g_array_append_val(cands, c);
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
  size_t max_orgs = 0;
  for (guint i = 0; i < cands->len; i++)
    max_orgs = MAX(max_orgs, g_array_index(cands, KbCandidate, i).n_orgs);
  for (guint i = 0; i < cands->len; i++)
    g_array_index(cands, KbCandidate, i).penalty =
      g_array_index(cands, KbCandidate, i).existing ? 0.0 : penalty_new;
  for (guint i = 0; i < cands->len; i++) {
    KbCandidate *c = &g_array_index(cands, KbCandidate, i);
    c->support = (out->n_home_sectors ? SUPPORT_SECTORS * (double) c->n_sectors
                                          / (double) out->n_home_sectors : 0.0)
                 + (max_orgs ? SUPPORT_ORGS * (double) c->n_orgs / (double) max_orgs : 0.0);
    c->score = score_with(c, out->weights);
  }

  /* rank, and the rank ranges as each weight moves by half either way */
  size_t n = cands->len;
  KbCandidate *all = (KbCandidate *) cands->data;
  size_t *ranks = g_new(size_t, n ? n : 1);
  rank_under(all, n, out->weights, ranks);
  for (size_t i = 0; i < n; i++)
    all[i].rank = all[i].rank_min = all[i].rank_max = ranks[i];
  if (opts->sensitivity)
    for (int w = 0; w < KB_WEIGHT_COUNT; w++)
      for (int f = 0; f < 2; f++) {
        double moved[KB_WEIGHT_COUNT];
        memcpy(moved, out->weights, sizeof moved);
        moved[w] *= f ? 1.5 : 0.5;
        rank_under(all, n, moved, ranks);
        for (size_t i = 0; i < n; i++) {
          all[i].rank_min = MIN(all[i].rank_min, ranks[i]);
          all[i].rank_max = MAX(all[i].rank_max, ranks[i]);
        }
      }
  g_free(ranks);
  out->n = n;
  out->candidates = g_new(KbCandidate, n ? n : 1);
  for (size_t i = 0; i < n; i++)
    out->candidates[all[i].rank - 1] = all[i];
  g_array_free(cands, TRUE);

  g_hash_table_unref(requested);
  g_hash_table_unref(home_nets);
  g_free(excluded);
  g_free(hops);
  g_free(is_home_org);
  g_array_unref(hs);
  kb_i_orgnet_release(&net);
  kb_i_contexts_release(&ctx);
  return out;
}

void
kb_candidates_free(KbCandidates *c)
{
  if (c == NULL)
    return;
  for (size_t i = 0; i < c->n; i++)
    candidate_release(&c->candidates[i]);
  g_free(c->candidates);
  g_free(c->themes);
  g_free(c);
}
