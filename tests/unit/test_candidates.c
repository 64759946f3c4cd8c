/* test_candidates.c -- candidates: the ranking, requests and their
 * assessments, and the plans by theme, on the golden cases of tests/cli/
 * worked out by hand. */
#include "kb_test.h"
#include "kb_analysis_test.h"

#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

/* ---------------------------------------------------------- candidates */

/* tests/cli/candidates-small, worked out by hand: home organisations A (edu)
 * and B (biz); one partnership carried (the twinning with W), so a new
 * partner costs 1/6. X: fit 1/2 (its own theme t2), support 0.7*2/2 +
 * 0.3*2/2 = 1, unreachable; Y: support 0.7*1/2 + 0.3*1/2 = 0.5, two ties
 * away through the Hanze, no theme data; W: twinned, proximity 1, no
 * penalty, an existing partner ranked apart. Z: a city nothing leads to,
 * no candidate. */
static KbDataset *
load_case(const char *folder)
{
  g_autofree char *path = g_build_filename(KB_CLI_CASES, folder, NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbDataset *ds = kb_dataset_load(path, KB_FORMAT_AUTO, diags, NULL);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  return ds;
}

static KbDataset *
load_small(void)
{
  return load_case("candidates-small/data");
}

static void
assert_candidate(const KbCandidates *cs, size_t i, size_t rank, const char *id, double score,
                 size_t rmin, size_t rmax)
{
  const KbCandidate *c = &cs->candidates[i];
  ck_assert_str_eq(c->id, id);
  ck_assert_uint_eq(c->rank, rank);
  assert_close(c->score, score, "score", "candidates-small", id);
  ck_assert_uint_eq(c->rank_min, rmin);
  ck_assert_uint_eq(c->rank_max, rmax);
}

START_TEST(candidates_rank_by_hand)
{
  g_autoptr(KbDataset) ds = load_small();
  KbCandidateOptions o;
  kb_candidate_options_init(&o);
  o.for_node = kb_dataset_home(ds);
  o.sensitivity = TRUE;
  g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
  ck_assert_uint_eq(cs->n, 3);
  ck_assert_uint_eq(cs->n_new, 2);
  ck_assert_uint_eq(cs->load, 1);
  ck_assert(!cs->themes_unknown);
  /* X stays first whatever weight moves (support at half: 0.3333 against
   * Y's 0.1583; fit at half: 0.3833 against 0.2333) */
  assert_candidate(cs, 0, 1, "x", 0.4 * 0.5 + 0.3 * 1.0 - 0.1 / 6, 1, 1);
  assert_candidate(cs, 1, 2, "y", 0.3 * 0.5 + 0.2 * 0.5 - 0.1 / 6, 2, 2);
  assert_candidate(cs, 2, 1, "w", 0.2, 1, 1);
  ck_assert(cs->candidates[2].existing);
  ck_assert_uint_eq(cs->candidates[2].routes, KB_ROUTE_PARTNER);
  ck_assert_uint_eq(cs->candidates[1].routes, KB_ROUTE_ACTIVE | KB_ROUTE_NETWORK);
  ck_assert_uint_eq(cs->candidates[1].n_networks, 1);
  ck_assert_uint_eq(cs->candidates[1].hops, 2);
  ck_assert(!cs->candidates[1].has_themes);
  ck_assert(cs->candidates[0].has_themes);
  /* X: support 0.3 against fit 0.2; Y: support 0.15 against network 0.1;
   * W: network 0.2 */
  ck_assert_int_eq(cs->candidates[0].carried_by, KB_WEIGHT_SUPPORT);
  ck_assert_int_eq(cs->candidates[1].carried_by, KB_WEIGHT_SUPPORT);
  ck_assert_int_eq(cs->candidates[2].carried_by, KB_WEIGHT_NETWORK);
}
END_TEST

START_TEST(candidates_ties_and_zero_weights)
{
  g_autoptr(KbDataset) ds = load_small();
  KbCandidateOptions o;
  kb_candidate_options_init(&o);
  o.for_node = kb_dataset_home(ds);
  for (int w = 0; w < KB_WEIGHT_COUNT; w++)
    o.weights[w] = 0;
  g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
  /* every score 0: the ids decide, the new ones before the partner; no
   * part carries any */
  static const char *const order[] = { "x", "y", "w" };
  for (size_t i = 0; i < 3; i++) {
    ck_assert_str_eq(cs->candidates[i].id, order[i]);
    ck_assert(cs->candidates[i].score == 0);
    ck_assert_int_eq(cs->candidates[i].carried_by, KB_WEIGHT_COUNT);
  }
  o.weights[KB_WEIGHT_FIT] = -1;
  g_autoptr(GError) err = NULL;
  ck_assert_ptr_null(kb_candidates_compute(ds, &o, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
}
END_TEST

START_TEST(candidates_from_requests)
{
  g_autoptr(KbDataset) ds = load_small();
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "candidates-small/requests.csv", NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbRequests) req = kb_requests_load(path, ds, diags);
  ck_assert_ptr_nonnull(req);
  ck_assert_uint_eq(req->n, 2);
  KbCandidateOptions o;
  kb_candidate_options_init(&o);
  o.for_node = kb_dataset_home(ds);
  o.requests = req;
  g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
  ck_assert_uint_eq(cs->n, 5);
  /* Q, outside the data, covers both themes: 0.4 - 1/60; Z, requested,
   * becomes a candidate and gains t1 */
  assert_candidate(cs, 1, 2, "q", 0.4 - 0.1 / 6, 2, 2);
  ck_assert_uint_eq(cs->candidates[1].node, KB_NO_NODE);
  ck_assert_uint_eq(cs->candidates[1].routes, KB_ROUTE_REQUESTED);
  assert_candidate(cs, 3, 4, "z", 0.4 * 0.5 - 0.1 / 6, 4, 4);
  ck_assert(!cs->candidates[3].no_data);
  /* both on a focus theme, nothing else known: take up */
  ck_assert_uint_eq(cs->n_assessments, 2);
  for (size_t i = 0; i < 2; i++) {
    ck_assert_int_eq(cs->assessments[i].advice, KB_ADVICE_TAKE_UP);
    ck_assert_int_eq(cs->assessments[i].reason, KB_REASON_FOCUS);
  }
}
END_TEST

/* tests/cli/candidates-requests/requests.csv, read for 'ds'. */
static KbRequests *
load_requests(const KbDataset *ds)
{
  g_autofree char *path = g_build_filename(KB_CLI_CASES, "candidates-requests/requests.csv",
                                           NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbRequests *req = kb_requests_load(path, ds, diags);
  ck_assert_ptr_nonnull(req);
  return req;
}

/* The home, the places around and inside it and its own organisations are
 * never candidates, of any kind (tests/cli/candidates-requests: Zwolle,
 * its district Stadshagen, Regio Zwolle (gebied), the Netherlands, and
 * Gemeente Zwolle, Windesheim, Fietsbedrijf), even when requested. */
START_TEST(candidates_never_the_home)
{
  g_autoptr(KbDataset) ds = load_case("candidates-requests/data");
  g_autoptr(KbRequests) req = load_requests(ds);
  static const char *const never[] = { "zwolle", "stadshagen", "regio", "netherlands",
                                       "gemeente", "windesheim", "fietsbedrijf" };
  static const KbNodeKind kinds[] = { KB_NODE_CITY, KB_NODE_COUNTRY, KB_NODE_ORGANISATION };
  static const size_t counts[] = { 9, 2, 3 };
  for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
    KbCandidateOptions o;
    kb_candidate_options_init(&o);
    o.for_node = kb_dataset_home(ds);
    o.kind = kinds[k];
    o.requests = k == 0 ? req : NULL;
    g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
    ck_assert_uint_eq(cs->n, counts[k]);
    for (size_t i = 0; i < cs->n; i++)
      for (size_t j = 0; j < G_N_ELEMENTS(never); j++)
        ck_assert_str_ne(cs->candidates[i].id, never[j]);
  }
  /* for an organisation: itself and where it is are not, its partner is
   * one to deepen */
  KbCandidateOptions o;
  kb_candidate_options_init(&o);
  o.for_node = kb_dataset_find(ds, "fietsbedrijf");
  g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
  for (size_t i = 0; i < cs->n; i++) {
    ck_assert_str_ne(cs->candidates[i].id, "stadshagen");
    ck_assert_str_ne(cs->candidates[i].id, "zwolle");
  }
  o.kind = KB_NODE_ORGANISATION;
  g_autoptr(KbCandidates) orgs = kb_candidates_compute(ds, &o, NULL);
  ck_assert_uint_eq(orgs->n, 1);
  ck_assert_str_eq(orgs->candidates[0].id, "stadtwerke");
  ck_assert(orgs->candidates[0].existing);
}
END_TEST

/* tests/cli/candidates-requests/README works each advice out by hand. */
START_TEST(candidates_requests_assessed_by_hand)
{
  g_autoptr(KbDataset) ds = load_case("candidates-requests/data");
  g_autoptr(KbRequests) req = load_requests(ds);
  KbCandidateOptions o;
  kb_candidate_options_init(&o);
  o.for_node = kb_dataset_home(ds);
  o.requests = req;
  g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
  assert_close(cs->capacity, 1000, "capacity", "candidates-requests", "zwolle");
  assert_close(cs->capacity_used, 800, "used", "candidates-requests", "zwolle");
#define U KB_CRITERION_UNKNOWN
#define M KB_CRITERION_MET
#define N KB_CRITERION_NOT_MET
  static const struct {
    const char *id;
    KbAdvice advice;
    KbAdviceReason reason;
    KbCriterionState state[KB_CRITERION_COUNT];   /* theme, added value, support, ties,
                                                   * capacity, scope */
  } want[] = {
    { "kiel", KB_ADVICE_TAKE_UP, KB_REASON_FOCUS, { M, U, M, M, M, M } },
    { "brugge", KB_ADVICE_WEIGH, KB_REASON_OTHER_CAPACITY, { N, M, U, U, M, M } },
    { "lemgo", KB_ADVICE_DECLINE, KB_REASON_OTHER_NO_CAPACITY, { N, M, M, M, N, M } },
    { "esbjerg", KB_ADVICE_DECLINE, KB_REASON_OUT_OF_SCOPE, { M, U, M, U, M, N } },
    { "aalborg", KB_ADVICE_DECLINE, KB_REASON_OTHER_NO_VALUE, { N, U, U, U, M, M } },
    { "vilnius", KB_ADVICE_WEIGH, KB_REASON_NO_THEME, { U, U, U, U, U, U } },
    { "stadshagen", KB_ADVICE_DECLINE, KB_REASON_HOME, { M, U, M, N, M, M } },
    { "aarhus", KB_ADVICE_WEIGH, KB_REASON_FOCUS_NO_CAPACITY, { M, M, M, M, N, M } },
  };
#undef U
#undef M
#undef N
  ck_assert_uint_eq(cs->n_assessments, G_N_ELEMENTS(want));
  for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
    const KbAssessment *a = &cs->assessments[i];
    ck_assert_str_eq(req->requests[a->request].id, want[i].id);
    ck_assert_msg(a->advice == want[i].advice && a->reason == want[i].reason,
                  "%s: advice %d for reason %d", want[i].id, a->advice, a->reason);
    for (int k = 0; k < KB_CRITERION_COUNT; k++)
      ck_assert_msg(a->state[k] == want[i].state[k], "%s: %s is %d, want %d", want[i].id,
                    kb_criterion_name(k), a->state[k], want[i].state[k]);
    assert_close(a->hours_left, 200, "hours left", "candidates-requests", want[i].id);
  }
  /* kiel: Gemeente Zwolle in the city and Waterschap in the region work on
   * Klimaatadaptatie */
  const KbAssessment *kiel = &cs->assessments[0];
  ck_assert_uint_eq(kiel->n_city_orgs, 1);
  ck_assert_str_eq(kb_dataset_node(ds, kiel->city_orgs[0])->id, "gemeente");
  ck_assert_uint_eq(kiel->n_region_orgs, 1);
  ck_assert_str_eq(kb_dataset_node(ds, kiel->region_orgs[0])->id, "waterschap");
  ck_assert_uint_eq(kiel->n_focus, 1);
  /* stadshagen is no candidate; the others are */
  ck_assert_uint_eq(cs->assessments[6].candidate, KB_NO_NODE);
  ck_assert_str_eq(cs->candidates[cs->assessments[7].candidate].id, "aarhus");
  /* brugge's theme is unknown to the dataset: another theme, as written */
  ck_assert_uint_eq(req->requests[1].n_other_themes, 1);
  ck_assert_str_eq(req->requests[1].other_themes[0], "toerisme");
  /* without a capacity in the data, capacity is unknown for all */
  g_autoptr(KbDataset) none = load_small();
  g_autoptr(KbRequests) r2 = load_requests(none);
  o.for_node = kb_dataset_home(none);
  o.requests = r2;
  g_autoptr(KbCandidates) c2 = kb_candidates_compute(none, &o, NULL);
  for (size_t i = 0; i < c2->n_assessments; i++) {
    ck_assert_int_eq(c2->assessments[i].state[KB_CRITERION_CAPACITY], KB_CRITERION_UNKNOWN);
    ck_assert(isnan(c2->assessments[i].hours_left));
  }
  /* lemgo there: another theme (Economie is not one of candidates-small's
   * themes either, so it stays another theme) with added value, capacity
   * unknown: weigh */
  ck_assert_int_eq(c2->assessments[2].reason, KB_REASON_OTHER_CAPACITY_UNKNOWN);
}
END_TEST

/* The ids of 'nodes', separated by spaces (newly allocated). */
static char *
ids_of(const KbDataset *ds, const size_t *nodes, size_t n)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(s, "%s%s", i ? " " : "", kb_dataset_node(ds, nodes[i])->id);
  return g_string_free(s, FALSE);
}

/* The plan for Fietsstad (tests/cli/candidates-by-theme): Fietsbedrijf and
 * Gemeente Zwolle work on it, both active in Lemgo; Fietsbedrijf's partner
 * Stadtwerke Lemgo is abroad; their networks Klimaatnetwerk and Regio
 * Zwolle; Lemgo fits it (Stadtwerke Lemgo works on it). */
START_TEST(candidates_plan_by_hand)
{
  g_autoptr(KbDataset) ds = load_case("candidates-requests/data");
  KbCandidateOptions o;
  kb_candidate_options_init(&o);
  o.for_node = kb_dataset_home(ds);
  o.by_theme = TRUE;
  g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &o, NULL);
  ck_assert_uint_eq(cs->n_plans, 3);
  const KbThemePlan *p = &cs->plans[1];
  ck_assert_str_eq(kb_dataset_node(ds, p->theme)->id, "fiets");
  g_autofree char *city = ids_of(ds, p->city_orgs, p->n_city_orgs);
  g_autofree char *places = ids_of(ds, p->places, p->n_places);
  g_autofree char *partners = ids_of(ds, p->partners, p->n_partners);
  g_autofree char *networks = ids_of(ds, p->networks, p->n_networks);
  ck_assert_str_eq(city, "fietsbedrijf gemeente");
  ck_assert_uint_eq(p->n_region_orgs, 0);
  ck_assert_str_eq(places, "lemgo");
  ck_assert_str_eq(partners, "stadtwerke");
  ck_assert_str_eq(networks, "klimaatnetwerk regio-net");
  ck_assert_uint_eq(p->n_candidates, 1);
  ck_assert_str_eq(cs->candidates[p->candidates[0]].id, "lemgo");
  /* Klimaatadaptatie: Waterschap in the region; Klimaatnetwerk works on it */
  g_autofree char *region = ids_of(ds, cs->plans[0].region_orgs, cs->plans[0].n_region_orgs);
  ck_assert_str_eq(region, "waterschap");
}
END_TEST

static Suite *
candidates_suite(void)
{
  Suite *s = suite_create("candidates");
  TCase *tc = tcase_create("candidates");
  tcase_add_test(tc, candidates_rank_by_hand);
  tcase_add_test(tc, candidates_ties_and_zero_weights);
  tcase_add_test(tc, candidates_from_requests);
  tcase_add_test(tc, candidates_never_the_home);
  tcase_add_test(tc, candidates_requests_assessed_by_hand);
  tcase_add_test(tc, candidates_plan_by_hand);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(candidates_suite)
