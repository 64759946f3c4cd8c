/* candidates_plan.c -- a plan per focus theme, as the plan of approach
 * Zwolle's decision of 2018 asks of each theme: who in the city and the
 * region works on it, the places and partners abroad they already have,
 * the networks they share (the podia and congresses among them, where the
 * data holds them as networks), and the candidates that fit it. */
#include <string.h>

#include "analysis/candidates_internal.h"

void
kb_i_theme_plan_release(KbThemePlan *p)
{
  g_free(p->city_orgs);
  g_free(p->region_orgs);
  g_free(p->places);
  g_free(p->partners);
  g_free(p->networks);
  g_free(p->candidates);
}

static gboolean
works_on(const KbiHome *h, size_t node, size_t theme)
{
  for (size_t j = 0; j < KB_LISTS_LEN(&h->themes, node); j++)
    if (KB_LISTS_ROW(&h->themes, node)[j] == theme)
      return TRUE;
  return FALSE;
}

/* Appends the entries of l's row 'node' that are abroad (places) or, with
 * 'located', that are located abroad (organisations). */
static void
append_abroad(const KbiHome *h, const KbiLists *l, size_t node, gboolean located, GArray *out)
{
  for (size_t j = 0; j < KB_LISTS_LEN(l, node); j++) {
    size_t x = KB_LISTS_ROW(l, node)[j];
    gboolean there = h->abroad[x];
    for (size_t k = 0; located && k < KB_LISTS_LEN(&h->located, x) && !there; k++)
      there = h->abroad[KB_LISTS_ROW(&h->located, x)[k]];
    if (there && (!located || !h->backer[x]))
      g_array_append_val(out, x);
  }
}

static void
plan_theme(const KbDataset *ds, const KbiHome *h, const KbCandidates *cs, size_t theme,
           KbThemePlan *p)
{
  p->theme = theme;
  GArray *city = g_array_new(FALSE, FALSE, sizeof(size_t));
  GArray *region = g_array_new(FALSE, FALSE, sizeof(size_t));
  GArray *places = g_array_new(FALSE, FALSE, sizeof(size_t));
  GArray *partners = g_array_new(FALSE, FALSE, sizeof(size_t));
  GArray *networks = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t o = 0; o < h->n; o++) {
    KbNodeKind k = kb_dataset_node(ds, o)->kind;
    if (k == KB_NODE_NETWORK && works_on(h, o, theme))
      g_array_append_val(networks, o);
    if (k != KB_NODE_ORGANISATION || !(h->backer[o] || h->region[o]) || !works_on(h, o, theme))
      continue;
    g_array_append_val(h->backer[o] ? city : region, o);
    append_abroad(h, &h->active, o, FALSE, places);
    append_abroad(h, &h->located, o, FALSE, places);
    append_abroad(h, &h->ties, o, TRUE, partners);
    g_array_append_vals(networks, KB_LISTS_ROW(&h->nets, o), (guint) KB_LISTS_LEN(&h->nets, o));
  }
  p->city_orgs = kb_i_steal_sorted(ds, city, &p->n_city_orgs);
  p->region_orgs = kb_i_steal_sorted(ds, region, &p->n_region_orgs);
  p->places = kb_i_steal_sorted(ds, places, &p->n_places);
  p->partners = kb_i_steal_sorted(ds, partners, &p->n_partners);
  p->networks = kb_i_steal_sorted(ds, networks, &p->n_networks);
  /* the candidates that cover it, in their order: the new ones best
   * first, then the partners to deepen */
  GArray *fit = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < cs->n; i++)
    for (size_t t = 0; t < cs->candidates[i].n_matched; t++)
      if (cs->candidates[i].matched[t] == theme)
        g_array_append_val(fit, i);
  p->n_candidates = fit->len;
  p->candidates = (size_t *) g_array_free(fit, FALSE);
}

void
kb_i_candidates_plan(const KbDataset *ds, const KbiHome *h, KbCandidates *cs)
{
  cs->n_plans = cs->n_themes;
  cs->plans = g_new0(KbThemePlan, cs->n_themes ? cs->n_themes : 1);
  for (size_t t = 0; t < cs->n_themes; t++)
    plan_theme(ds, h, cs, cs->themes[t], &cs->plans[t]);
}
