/* tables_diff.c -- the changes between two years as sheets. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

static void
relations_sheet(KbDoc *doc, const char *key, const char *heading, const KbDataset *ds,
                const size_t *rels, size_t n, KbLang lang)
{
  KbSheet *s = kb_doc_add_sheet(doc, key, heading);
  kb_sheet_add_column(s, "from", kb_tr(lang, "from"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "kind", kb_tr(lang, "relation"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "to", kb_tr(lang, "to"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "since", kb_tr(lang, "since"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "until", kb_tr(lang, "until"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "source", kb_tr(lang, "source"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < n; i++) {
    const KbRelation *r = kb_dataset_relation(ds, rels[i]);
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, r->from)->label);
    kb_sheet_put_text(s, kb_rel_kind_label(lang, r->kind));
    kb_sheet_put_text(s, kb_dataset_node(ds, r->to)->label);
    /* the years as the data writes them: "2015~", "[..2019]" */
    g_autofree char *since = kb_date_format(r->since, r->since_q);
    g_autofree char *until = kb_date_format(r->until, r->until_q);
    kb_sheet_put_text(s, *since ? since : NULL);
    kb_sheet_put_text(s, *until ? until : NULL);
    kb_sheet_put_text(s, r->source);
  }
}

static void
nodes_sheet(KbDoc *doc, const char *key, const char *heading, const KbDataset *ds,
            const size_t *gained, size_t ng, const size_t *lost, size_t nl, KbLang lang)
{
  KbSheet *s = kb_doc_add_sheet(doc, key, heading);
  kb_sheet_add_column(s, "id", kb_tr(lang, "id"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "name"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "change", kb_tr(lang, "change"), KB_COLUMN_TEXT, 0);
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < (pass ? nl : ng); i++) {
      size_t node = pass ? lost[i] : gained[i];
      kb_sheet_begin_row(s);
      kb_sheet_put_text(s, kb_dataset_node(ds, node)->id);
      kb_sheet_put_text(s, kb_dataset_node(ds, node)->label);
      kb_sheet_put_text(s, pass ? kb_tr(lang, "lost") : kb_tr(lang, "gained"));
    }
}

/* A row of figures under a name given as it is shown. */
static void
figure_row_named(KbSheet *s, const char *name, double a, double b)
{
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, name);
  kb_sheet_put_number(s, a);
  kb_sheet_put_number(s, b);
  kb_sheet_put_number(s, isnan(a) || isnan(b) ? NAN : b - a);
}

static void
figure_row(KbSheet *s, KbLang lang, const char *name, double a, double b)
{
  figure_row_named(s, kb_tr(lang, name), a, b);
}

static size_t
countries_with_orgs(const KbIndex *ix)
{
  size_t n = 0;
  for (size_t i = 0; i < ix->n_entries; i++)
    n += ix->entries[i].n_orgs > 0;
  return n;
}

static const KbIndexEntry *
entry_for(const KbIndex *ix, size_t node)
{
  for (size_t i = 0; i < ix->n_entries; i++)
    if (ix->entries[i].node == node)
      return &ix->entries[i];
  return NULL;
}

char *
kb_tables_diff_umbrella(const KbDataset *ds, const KbDiff *d, KbLang lang)
{
  g_return_val_if_fail(ds != NULL && d != NULL, NULL);
  if (d->umbrella == KB_NO_NODE)
    return NULL;
  const KbIndex *ix = d->index_to->umbrella == d->umbrella ? d->index_to : d->index_from;
  int year = ix == d->index_to ? d->to : d->from;
  return g_strdup_printf(kb_tr(lang, "In %d one network makes most of the organisation ties: "
                               "the %zu member organisations of %s are all counted as tied to "
                               "one another, %zu of the %zu ties. The rows 'without' compare "
                               "both years without its memberships."),
                         year, ix->umbrella_members, kb_dataset_node(ds, d->umbrella)->label,
                         ix->org_ties - ix->ties_without, ix->org_ties);
}

void
kb_tables_diff(KbDoc *doc, const KbDataset *ds, const KbDiff *d, size_t top, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && d != NULL);
  KbSheet *f = kb_doc_add_sheet(doc, "figures", kb_tr(lang, "Figures side by side"));
  g_autofree char *a = g_strdup_printf("%d", d->from), *b = g_strdup_printf("%d", d->to);
  kb_sheet_add_column(f, "measure", kb_tr(lang, "measure"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(f, "from", a, KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(f, "to", b, KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(f, "change", kb_tr(lang, "change"), KB_COLUMN_NUMBER, 3);
  const KbIndex *x = d->index_from, *y = d->index_to;
  figure_row(f, lang, "countries with organisations active", (double) countries_with_orgs(x),
             (double) countries_with_orgs(y));
  figure_row(f, lang, "organisation ties", (double) x->org_ties, (double) y->org_ties);
  figure_row(f, lang, "density of the organisation network", x->density, y->density);
  figure_row(f, lang, "degree centralization", x->degree_centralization, y->degree_centralization);
  figure_row(f, lang, "betweenness centralization", x->betweenness_centralization,
             y->betweenness_centralization);
  if (d->umbrella != KB_NO_NODE) {
    const KbIndex *xw = d->without_from, *yw = d->without_to;
    const char *net = kb_dataset_node(ds, d->umbrella)->label;
    char *names[4] = {
      g_strdup_printf(kb_tr(lang, "organisation ties without %s"), net),
      g_strdup_printf(kb_tr(lang, "density without %s"), net),
      g_strdup_printf(kb_tr(lang, "degree centralization without %s"), net),
      g_strdup_printf(kb_tr(lang, "betweenness centralization without %s"), net),
    };
    const double values[4][2] = {
      { (double) xw->org_ties, (double) yw->org_ties }, { xw->density, yw->density },
      { xw->degree_centralization, yw->degree_centralization },
      { xw->betweenness_centralization, yw->betweenness_centralization },
    };
    for (size_t i = 0; i < 4; i++) {
      figure_row_named(f, names[i], values[i][0], values[i][1]);
      g_free(names[i]);
    }
  }

  KbSheet *c = kb_doc_add_sheet(doc, "countries", kb_tr(lang, "Organisations active per country"));
  kb_sheet_add_column(c, "country", kb_tr(lang, "country"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(c, "from", a, KB_COLUMN_INT, 0);
  kb_sheet_add_column(c, "to", b, KB_COLUMN_INT, 0);
  kb_sheet_add_column(c, "change", kb_tr(lang, "change"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(c, "sectors_from", kb_tr(lang, "sectors then"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(c, "sectors_to", kb_tr(lang, "sectors now"), KB_COLUMN_INT, 0);
  for (size_t i = 0; i < y->n_entries; i++) {
    const KbIndexEntry *now = &y->entries[i], *then = entry_for(x, now->node);
    size_t before = then ? then->n_orgs : 0;
    if (now->n_orgs == 0 && before == 0)
      continue;
    kb_sheet_begin_row(c);
    kb_sheet_put_text(c, kb_dataset_node(ds, now->node)->label);
    kb_sheet_put_int(c, (long long) before);
    kb_sheet_put_int(c, (long long) now->n_orgs);
    kb_sheet_put_int(c, (long long) now->n_orgs - (long long) before);
    kb_sheet_put_int(c, then ? (long long) then->n_sectors : 0);
    kb_sheet_put_int(c, (long long) now->n_sectors);
  }

  relations_sheet(doc, "begun", kb_tr(lang, "Relations begun"), ds, d->begun, d->n_begun, lang);
  relations_sheet(doc, "ended", kb_tr(lang, "Relations ended"), ds, d->ended, d->n_ended, lang);
  nodes_sheet(doc, "places", kb_tr(lang, "Places gained and lost"), ds, d->places_gained,
              d->n_places_gained, d->places_lost, d->n_places_lost, lang);
  nodes_sheet(doc, "themes", kb_tr(lang, "Themes gained and lost"), ds, d->themes_gained,
              d->n_themes_gained, d->themes_lost, d->n_themes_lost, lang);

  KbSheet *m = kb_doc_add_sheet(doc, "memberships", kb_tr(lang, "Networks joined and left"));
  kb_sheet_add_column(m, "member", kb_tr(lang, "member"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(m, "network", kb_tr(lang, "network"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(m, "change", kb_tr(lang, "change"), KB_COLUMN_TEXT, 0);
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < (pass ? d->n_ended : d->n_begun); i++) {
      const KbRelation *r = kb_dataset_relation(ds, pass ? d->ended[i] : d->begun[i]);
      if (r->kind != KB_REL_MEMBER_OF)
        continue;
      kb_sheet_begin_row(m);
      kb_sheet_put_text(m, kb_dataset_node(ds, r->from)->label);
      kb_sheet_put_text(m, kb_dataset_node(ds, r->to)->label);
      kb_sheet_put_text(m, pass ? kb_tr(lang, "left") : kb_tr(lang, "joined"));
    }

  KbSheet *t = kb_doc_add_sheet(doc, "brokers", kb_tr(lang, "Top brokers (betweenness) side by side"));
  g_autofree char *ha = g_strdup_printf("%d", d->from), *hb = g_strdup_printf("%d", d->to);
  kb_sheet_add_column(t, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(t, "from", ha, KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(t, "from_betweenness", kb_tr(lang, "betweenness"), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(t, "to", hb, KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(t, "to_betweenness", kb_tr(lang, "betweenness"), KB_COLUMN_NUMBER, 3);
  size_t rows = top ? top : MAX(d->brokers_from->n, d->brokers_to->n);
  for (size_t i = 0; i < rows && (i < d->brokers_from->n || i < d->brokers_to->n); i++) {
    const KbBroker *p = i < d->brokers_from->n ? &d->brokers_from->brokers[i] : NULL;
    const KbBroker *q = i < d->brokers_to->n ? &d->brokers_to->brokers[i] : NULL;
    kb_sheet_begin_row(t);
    kb_sheet_put_int(t, (long long) i + 1);
    kb_sheet_put_text(t, p ? kb_dataset_node(ds, p->node)->label : NULL);
    kb_sheet_put_number(t, p ? p->betweenness : NAN);
    kb_sheet_put_text(t, q ? kb_dataset_node(ds, q->node)->label : NULL);
    kb_sheet_put_number(t, q ? q->betweenness : NAN);
  }
  /* estimated betweenness says so, as the brokers command does */
  if (d->brokers_from->sampled || d->brokers_to->sampled) {
    g_autofree char *mf = kb_tables_brokers_method(d->brokers_from, lang);
    g_autofree char *mt = kb_tables_brokers_method(d->brokers_to, lang);
    g_autofree char *text = g_strdup_printf("%d: %s %d: %s", d->from, mf, d->to, mt);
    kb_doc_add_text(doc, "brokers_method", text);
  }
}
