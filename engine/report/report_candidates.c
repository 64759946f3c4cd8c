/* report_candidates.c -- the report's candidate partners: the weights and
 * what carries the first candidates, the new candidates and the partners to
 * deepen, the plan per focus theme, and the partnership requests weighed as
 * the council weighs them; and the answer to a question of kind rank. */
#include <string.h>

#include "report/report_internal.h"

/* The candidates for 'home', with the report's requests; NULL, the reason
 * shown, when they cannot be computed. */
static KbCandidates *
compute(Report *r, size_t home, gboolean by_theme)
{
  KbCandidateOptions co;
  kb_candidate_options_init(&co);
  co.for_node = home;
  co.sensitivity = TRUE;
  co.by_theme = by_theme;
  co.requests = r->o->requests;
  GError *err = NULL;
  KbCandidates *cs = kb_candidates_compute(r->ds, &co, &err);
  if (cs == NULL) {
    kb_i_report_para(r, err->message);
    g_error_free(err);
  }
  return cs;
}

/* The requests weighed, as FILE.csv; with 'rule', the rule under them. */
static void
requests_sheet(Report *r, const KbCandidates *cs, const char *file, gboolean rule)
{
  g_autoptr(KbDoc) doc = kb_doc_new("");
  kb_tables_requests(doc, r->ds, cs, r->o->requests, r->lang);
  kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "requests"), file);
  if (rule) {
    g_autofree char *text = kb_tables_requests_rule(r->lang);
    kb_i_report_para(r, text);
  }
}

void
kb_i_report_candidates(Report *r)
{
  const size_t *themes;
  size_t home = kb_dataset_home(r->ds);
  if (home == KB_NO_NODE || (kb_dataset_themes(r->ds, &themes) == 0 && r->o->requests == NULL))
    return;
  kb_i_report_heading(r, 2, "candidates", T(r, "Candidate partners"));
  g_autoptr(KbCandidates) cs = compute(r, home, TRUE);
  if (cs == NULL)
    return;
  g_autofree char *weights = kb_tables_candidates_weights(cs, r->lang);
  kb_i_report_para(r, weights);
  g_autofree char *note = kb_tables_candidates_note(r->ds, cs, r->lang);
  if (note != NULL)
    kb_i_report_para(r, note);
  g_autoptr(KbDoc) doc = kb_doc_new("");
  kb_tables_candidates(doc, r->ds, cs, TRUE, 0, r->lang);
  kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "candidates"), "candidates");
  g_autofree char *carried = kb_tables_candidates_carried(r->ds, cs, 3, r->lang);
  if (*carried)
    kb_i_report_para(r, carried);
  kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "deepen"), "candidates-deepen");
  if (cs->n_plans > 0) {
    kb_tables_plan(doc, r->ds, cs, r->lang);
    kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "plan"), "plan-per-theme");
    kb_i_report_para(r, T(r, "For each focus theme: the organisations of the city and the region "
                          "that work on it, the places and partners abroad they already have, "
                          "the networks they share (the podia where the data holds them) and "
                          "the candidates that fit it."));
  }
  if (r->o->requests != NULL)
    requests_sheet(r, cs, "requests", TRUE);
}

void
kb_i_report_rank_answer(Report *r, size_t home, const char *file)
{
  if (home == KB_NO_NODE)
    return;
  g_autoptr(KbCandidates) cs = compute(r, home, FALSE);
  if (cs == NULL)
    return;
  if (r->o->requests != NULL) {
    g_autofree char *name = g_strdup_printf("%s-requests", file);
    requests_sheet(r, cs, name, FALSE);
  } else {
    kb_i_report_para(r, T(r, "No requests were given to weigh (report --requests FILE); these "
                          "are the new candidates the data leads to."));
  }
  g_autofree char *note = kb_tables_candidates_note(r->ds, cs, r->lang);
  if (note != NULL)
    kb_i_report_para(r, note);
  g_autoptr(KbDoc) doc = kb_doc_new("");
  kb_tables_candidates(doc, r->ds, cs, TRUE, 0, r->lang);
  kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "candidates"), file);
}
