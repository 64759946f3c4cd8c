/* tables_index.c -- the strategic index as sheets. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

static void
network_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, KbLang lang)
{
  KbSummary sum;
  kb_summary_compute(ds, &sum, NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "network", kb_tr(lang, "Whole network"));
  kb_sheet_add_column(s, "measure", kb_tr(lang, "Measure"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "value", kb_tr(lang, "Value"), KB_COLUMN_NUMBER, 3);
  struct { const char *name; double value; } rows[] = {
    { "nodes", (double) sum.nodes },
    { "relations", (double) sum.relations },
    { "components", (double) sum.components.count },
    { "organisations", (double) ix->n_orgs },
    { "home organisations", (double) ix->n_home_orgs },
    { "organisation ties", (double) ix->org_ties },
    { "density of the organisation network", ix->density },
    { "degree centralization (Freeman)", ix->degree_centralization },
    { "betweenness centralization (Freeman)", ix->betweenness_centralization },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_tr(lang, rows[i].name));
    kb_sheet_put_number(s, rows[i].value);
  }
  if (ix->umbrella != KB_NO_NODE) {
    const char *net = kb_dataset_node(ds, ix->umbrella)->label;
    char *names[4] = {
      g_strdup_printf(kb_tr(lang, "organisation ties without %s"), net),
      g_strdup_printf(kb_tr(lang, "density without %s"), net),
      g_strdup_printf(kb_tr(lang, "degree centralization without %s"), net),
      g_strdup_printf(kb_tr(lang, "betweenness centralization without %s"), net),
    };
    double values[4] = { (double) ix->ties_without, ix->density_without,
                         ix->degree_centralization_without,
                         ix->betweenness_centralization_without };
    for (size_t i = 0; i < 4; i++) {
      kb_sheet_begin_row(s);
      kb_sheet_put_text(s, names[i]);
      kb_sheet_put_number(s, values[i]);
      g_free(names[i]);
    }
  }
}

static void
entries_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, size_t top, KbLang lang)
{
  g_autofree char *heading = g_strdup_printf(kb_tr(lang, "Strategic index by %s"), kb_tr(lang, kb_index_by_name(ix->by)));
  KbSheet *s = kb_doc_add_sheet(doc, "index", heading);
  kb_sheet_add_column(s, "id", kb_tr(lang, kb_index_by_name(ix->by)), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "name"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "organisations", kb_tr(lang, "orgs"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "sectors", kb_tr(lang, "sectors"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "diversity", kb_tr(lang, "diversity"), KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "relations", kb_tr(lang, "relations"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "since", kb_tr(lang, "since"), KB_COLUMN_YEAR, 0);
  kb_sheet_add_column(s, "cross_sector_ties", kb_tr(lang, "cross ties"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "open_pairs", kb_tr(lang, "open pairs"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "home", kb_tr(lang, "home"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "who", kb_tr(lang, "who"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "partners", kb_tr(lang, "partners"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "partners_who", kb_tr(lang, "which partners"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < ix->n_entries && (top == 0 || i < top); i++) {
    const KbIndexEntry *e = &ix->entries[i];
    const KbNode *node = kb_dataset_node(ds, e->node);
    /* the terminal names four, files all */
    g_autofree char *who = kb_join_labels(ds, e->orgs, e->n_orgs, 0);
    g_autofree char *who_brief = kb_join_labels(ds, e->orgs, e->n_orgs, 4);
    g_autofree char *partners = kb_join_labels(ds, e->partners, e->n_partners, 0);
    g_autofree char *partners_brief = kb_join_labels(ds, e->partners, e->n_partners, 4);
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, node->id);
    kb_sheet_put_text(s, node->label);
    kb_sheet_put_int(s, (long long) e->n_orgs);
    kb_sheet_put_int(s, (long long) e->n_sectors);
    kb_sheet_put_number(s, e->diversity);
    kb_sheet_put_int(s, (long long) e->relations);
    kb_sheet_put_year(s, e->first_year);
    kb_sheet_put_int(s, (long long) e->cross_ties);
    kb_sheet_put_int(s, (long long) e->open_pairs);
    kb_sheet_put_text(s, e->home ? kb_tr(lang, "home") : NULL);
    kb_sheet_put_list(s, who, who_brief);
    kb_sheet_put_int(s, (long long) e->n_partners);
    kb_sheet_put_list(s, partners, partners_brief);
  }
}

static void
presence_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, size_t top, KbLang lang)
{
  KbSheet *s = kb_doc_add_sheet(doc, "presence", kb_tr(lang, "Who is where (one row per organisation)"));
  kb_sheet_add_column(s, kb_index_by_name(ix->by), kb_tr(lang, kb_index_by_name(ix->by)),
                      KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "organisation", kb_tr(lang, "organisation"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "name"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "sector", kb_tr(lang, "sector"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "role", kb_tr(lang, "role"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < ix->n_entries && (top == 0 || i < top); i++)
    for (int pass = 0; pass < 2; pass++) {
      const KbIndexEntry *e = &ix->entries[i];
      for (size_t j = 0; j < (pass ? e->n_partners : e->n_orgs); j++) {
        const KbNode *org = kb_dataset_node(ds, pass ? e->partners[j] : e->orgs[j]);
        kb_sheet_begin_row(s);
        kb_sheet_put_text(s, kb_dataset_node(ds, e->node)->id);
        kb_sheet_put_text(s, org->id);
        kb_sheet_put_text(s, org->label);
        kb_sheet_put_text(s, kb_sector_label(ds, pass ? e->partners[j] : e->orgs[j]));
        kb_sheet_put_text(s, pass ? kb_tr(lang, "partner") : kb_tr(lang, "own"));
      }
    }
}

static void
mixing_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, KbLang lang)
{
  KbSheet *s = kb_doc_add_sheet(doc, "mixing", kb_tr(lang, "Sector mixing: ties of the organisation network, and E-I index"));
  kb_sheet_add_column(s, "sector", kb_tr(lang, "sector"), KB_COLUMN_TEXT, 0);
  for (size_t t = 0; t < ix->n_sectors; t++) {
    const KbNode *sector = kb_dataset_node(ds, ix->sectors[t]);
    kb_sheet_add_column(s, sector->id, sector->label, KB_COLUMN_INT, 0);
  }
  kb_sheet_add_column(s, "ei_index", kb_tr(lang, "E-I"), KB_COLUMN_NUMBER, 2);
  for (size_t r = 0; r < ix->n_sectors; r++) {
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, ix->sectors[r])->label);
    for (size_t t = 0; t < ix->n_sectors; t++)
      kb_sheet_put_int(s, (long long) ix->mixing[r * ix->n_sectors + t]);
    kb_sheet_put_number(s, ix->ei[r]);
  }
}

static void
gaps_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, KbLang lang)
{
  g_autofree char *heading = g_strdup_printf(kb_tr(lang, "Gaps: each %s that rests on one of "
                                                   "the city's own organisations or none"),
                                             kb_tr(lang, kb_index_by_name(ix->by)));
  KbSheet *s = kb_doc_add_sheet(doc, "gaps", heading);
  kb_sheet_add_column(s, "id", kb_tr(lang, kb_index_by_name(ix->by)), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "name"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "organisations", kb_tr(lang, "orgs"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "rests_on", kb_tr(lang, "rests on"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "partners", kb_tr(lang, "partners"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "partners_who", kb_tr(lang, "which partners"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < ix->n_entries; i++) {
    const KbIndexEntry *e = &ix->entries[i];
    if (e->n_orgs > 1 || e->home)   /* the home itself is no gap */
      continue;
    g_autofree char *partners = kb_join_labels(ds, e->partners, e->n_partners, 0);
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, e->node)->id);
    kb_sheet_put_text(s, kb_dataset_node(ds, e->node)->label);
    kb_sheet_put_int(s, (long long) e->n_orgs);
    kb_sheet_put_text(s, e->n_orgs ? kb_dataset_node(ds, e->orgs[0])->label : NULL);
    kb_sheet_put_int(s, (long long) e->n_partners);
    kb_sheet_put_text(s, partners);
  }
}

static void
cuts_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, KbLang lang)
{
  KbSheet *s = kb_doc_add_sheet(doc, "single_points", kb_tr(lang, "Single points of failure: organisations whose removal cuts "
                                "places off"));
  kb_sheet_add_column(s, "organisation", kb_tr(lang, "organisation"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "name"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "places", kb_tr(lang, "places cut off"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "which", kb_tr(lang, "which"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < ix->n_cuts; i++) {
    const KbCutPoint *c = &ix->cuts[i];
    g_autofree char *which = kb_join_labels(ds, c->places, c->n_places, 0);
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, c->org)->id);
    kb_sheet_put_text(s, kb_dataset_node(ds, c->org)->label);
    kb_sheet_put_int(s, (long long) c->n_places);
    kb_sheet_put_text(s, which);
  }
}

char *
kb_tables_index_note(const KbIndex *ix, KbLang lang)
{
  g_return_val_if_fail(ix != NULL, NULL);
  if (ix->n_orgs <= KB_INDEX_BETWEENNESS_MAX)
    return NULL;
  return g_strdup_printf(kb_tr(lang, "Betweenness centralization is left out above %zu "
                               "organisations (here %zu): it needs an exact search from every "
                               "organisation. klaverblad brokers estimates each organisation's "
                               "betweenness instead."),
                         (size_t) KB_INDEX_BETWEENNESS_MAX, ix->n_orgs);
}

char *
kb_tables_index_umbrella(const KbDataset *ds, const KbIndex *ix, KbLang lang)
{
  g_return_val_if_fail(ds != NULL && ix != NULL, NULL);
  if (ix->umbrella == KB_NO_NODE)
    return NULL;
  size_t made = ix->org_ties - ix->ties_without;
  char density[2][G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(density[0], sizeof density[0], "%.3f", ix->density);
  g_ascii_formatd(density[1], sizeof density[1], "%.3f", ix->density_without);
  if (lang == KB_LANG_NL)
    for (int i = 0; i < 2; i++)
      *strchr(density[i], '.') = ',';
  return g_strdup_printf(kb_tr(lang, "One network makes most of the organisation ties: the %zu "
                               "member organisations of %s are all counted as tied to one "
                               "another, %zu of the %zu ties (%.0f%%). Without its memberships "
                               "the organisation network has %zu ties and a density of %s "
                               "instead of %s; the figures without it are in the table."),
                         ix->umbrella_members, kb_dataset_node(ds, ix->umbrella)->label, made,
                         ix->org_ties, 100.0 * (double) made / (double) ix->org_ties,
                         ix->ties_without, density[1], density[0]);
}

void
kb_tables_index(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, size_t top, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && ix != NULL);
  network_sheet(doc, ds, ix, lang);
  g_autofree char *note = kb_tables_index_note(ix, lang);
  if (note != NULL)
    kb_doc_add_text(doc, "network_note", note);
  g_autofree char *umbrella = kb_tables_index_umbrella(ds, ix, lang);
  if (umbrella != NULL)
    kb_doc_add_text(doc, "umbrella_note", umbrella);
  entries_sheet(doc, ds, ix, top, lang);
  mixing_sheet(doc, ds, ix, lang);
  gaps_sheet(doc, ds, ix, lang);
  cuts_sheet(doc, ds, ix, lang);
  presence_sheet(doc, ds, ix, top, lang);
}
