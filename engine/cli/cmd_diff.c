/* cmd_diff.c -- `klaverblad diff DATASET --from YEAR --to YEAR`: what
 * changed between two years, the table of a five-year report. */
#include <math.h>
#include <stdio.h>

#include "cli/builtin.h"

static void
relations_sheet(KbDoc *doc, const char *key, const char *heading, const KbDataset *ds,
                const size_t *rels, size_t n)
{
  KbSheet *s = kb_doc_add_sheet(doc, key, heading);
  kb_sheet_add_column(s, "from", "from", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "kind", "relation", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "to", "to", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "since", "since", KB_COLUMN_YEAR, 0);
  kb_sheet_add_column(s, "until", "until", KB_COLUMN_YEAR, 0);
  kb_sheet_add_column(s, "source", "source", KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < n; i++) {
    const KbRelation *r = kb_dataset_relation(ds, rels[i]);
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, r->from)->label);
    kb_sheet_put_text(s, kb_rel_kind_name(r->kind));
    kb_sheet_put_text(s, kb_dataset_node(ds, r->to)->label);
    kb_sheet_put_year(s, r->since);
    kb_sheet_put_year(s, r->until);
    kb_sheet_put_text(s, r->source);
  }
}

static void
nodes_sheet(KbDoc *doc, const char *key, const char *heading, const KbDataset *ds,
            const size_t *gained, size_t ng, const size_t *lost, size_t nl)
{
  KbSheet *s = kb_doc_add_sheet(doc, key, heading);
  kb_sheet_add_column(s, "id", "id", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", "name", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "change", "change", KB_COLUMN_TEXT, 0);
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < (pass ? nl : ng); i++) {
      size_t node = pass ? lost[i] : gained[i];
      kb_sheet_begin_row(s);
      kb_sheet_put_text(s, kb_dataset_node(ds, node)->id);
      kb_sheet_put_text(s, kb_dataset_node(ds, node)->label);
      kb_sheet_put_text(s, pass ? "lost" : "gained");
    }
}

static void
figure_row(KbSheet *s, const char *name, double a, double b)
{
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, name);
  kb_sheet_put_number(s, a);
  kb_sheet_put_number(s, b);
  kb_sheet_put_number(s, isnan(a) || isnan(b) ? NAN : b - a);
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

int
cmd_diff(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autofree char *from_text = NULL, *to_text = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "What changed between two years: relations begun and ended (with their sources),\n"
    "memberships of networks joined and left, places and themes gained and lost, and\n"
    "the strategic-index figures and top brokers of both years side by side. A\n"
    "relation without years counts as active in every year.");
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, "The earlier year", "YEAR" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, "The later year", "YEAR" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_output_options_add(ctx, &out, 10);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  int from = KB_NO_YEAR, to = KB_NO_YEAR;
  if (!kb_cli_parse(ctx, "diff", &argc, &argv, &opts, &out, 1))
    goto done;
  if (opts.as_of != NULL) {
    kb_cli_usage_error("diff", "--as-of does not apply: diff compares --from and --to");
    goto done;
  }
  if (from_text == NULL || to_text == NULL) {
    kb_cli_usage_error("diff", "both --from YEAR and --to YEAR are needed");
    goto done;
  }
  if (!kb_year_parse(from_text, &from) || !kb_year_parse(to_text, &to)) {
    kb_cli_usage_error("diff", "--from and --to must be years of four digits, as 2014");
    goto done;
  }
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbDiff) d = kb_diff_compute(ds, from, to, &err);
    if (d == NULL) {
      fprintf(stderr, "klaverblad diff: error: %s\n", err->message);
      goto done;
    }
    g_autofree char *title = g_strdup_printf("Changes from %d to %d", from, to);
    g_autoptr(KbDoc) doc = kb_doc_new(title);
    g_autofree char *summary = g_strdup_printf(
      "Dataset %s. Between %d and %d, %zu relation%s began and %zu ended; organisations became "
      "active in %zu place%s and left %zu; %zu theme%s gained, %zu lost.", argv[1], from, to,
      d->n_begun, d->n_begun == 1 ? "" : "s", d->n_ended, d->n_places_gained,
      d->n_places_gained == 1 ? "" : "s", d->n_places_lost, d->n_themes_gained,
      d->n_themes_gained == 1 ? "" : "s", d->n_themes_lost);
    kb_doc_add_text(doc, "about", summary);

    KbSheet *f = kb_doc_add_sheet(doc, "figures", "Figures side by side");
    g_autofree char *a = g_strdup_printf("%d", from), *b = g_strdup_printf("%d", to);
    kb_sheet_add_column(f, "measure", "measure", KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(f, "from", a, KB_COLUMN_NUMBER, 3);
    kb_sheet_add_column(f, "to", b, KB_COLUMN_NUMBER, 3);
    kb_sheet_add_column(f, "change", "change", KB_COLUMN_NUMBER, 3);
    const KbIndex *x = d->index_from, *y = d->index_to;
    figure_row(f, "countries with organisations active", (double) countries_with_orgs(x),
               (double) countries_with_orgs(y));
    figure_row(f, "organisation ties", (double) x->org_ties, (double) y->org_ties);
    figure_row(f, "density of the organisation network", x->density, y->density);
    figure_row(f, "degree centralization", x->degree_centralization, y->degree_centralization);
    figure_row(f, "betweenness centralization", x->betweenness_centralization,
               y->betweenness_centralization);

    KbSheet *c = kb_doc_add_sheet(doc, "countries", "Organisations active per country");
    kb_sheet_add_column(c, "country", "country", KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(c, "from", a, KB_COLUMN_INT, 0);
    kb_sheet_add_column(c, "to", b, KB_COLUMN_INT, 0);
    kb_sheet_add_column(c, "change", "change", KB_COLUMN_INT, 0);
    kb_sheet_add_column(c, "sectors_from", "sectors then", KB_COLUMN_INT, 0);
    kb_sheet_add_column(c, "sectors_to", "sectors now", KB_COLUMN_INT, 0);
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

    relations_sheet(doc, "begun", "Relations begun", ds, d->begun, d->n_begun);
    relations_sheet(doc, "ended", "Relations ended", ds, d->ended, d->n_ended);
    nodes_sheet(doc, "places", "Places gained and lost", ds, d->places_gained,
                d->n_places_gained, d->places_lost, d->n_places_lost);
    nodes_sheet(doc, "themes", "Themes gained and lost", ds, d->themes_gained,
                d->n_themes_gained, d->themes_lost, d->n_themes_lost);

    KbSheet *m = kb_doc_add_sheet(doc, "memberships", "Networks joined and left");
    kb_sheet_add_column(m, "member", "member", KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(m, "network", "network", KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(m, "change", "change", KB_COLUMN_TEXT, 0);
    for (int pass = 0; pass < 2; pass++)
      for (size_t i = 0; i < (pass ? d->n_ended : d->n_begun); i++) {
        const KbRelation *r = kb_dataset_relation(ds, pass ? d->ended[i] : d->begun[i]);
        if (r->kind != KB_REL_MEMBER_OF)
          continue;
        kb_sheet_begin_row(m);
        kb_sheet_put_text(m, kb_dataset_node(ds, r->from)->label);
        kb_sheet_put_text(m, kb_dataset_node(ds, r->to)->label);
        kb_sheet_put_text(m, pass ? "left" : "joined");
      }

    KbSheet *t = kb_doc_add_sheet(doc, "brokers", "Top brokers (betweenness) side by side");
    g_autofree char *ha = g_strdup_printf("%d", from), *hb = g_strdup_printf("%d", to);
    kb_sheet_add_column(t, "rank", "#", KB_COLUMN_INT, 0);
    kb_sheet_add_column(t, "from", ha, KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(t, "from_betweenness", "betweenness", KB_COLUMN_NUMBER, 3);
    kb_sheet_add_column(t, "to", hb, KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(t, "to_betweenness", "betweenness", KB_COLUMN_NUMBER, 3);
    size_t top = out.top ? (size_t) out.top : MAX(d->brokers_from->n, d->brokers_to->n);
    for (size_t i = 0; i < top && (i < d->brokers_from->n || i < d->brokers_to->n); i++) {
      const KbBroker *p = i < d->brokers_from->n ? &d->brokers_from->brokers[i] : NULL;
      const KbBroker *q = i < d->brokers_to->n ? &d->brokers_to->brokers[i] : NULL;
      kb_sheet_begin_row(t);
      kb_sheet_put_int(t, (long long) i + 1);
      kb_sheet_put_text(t, p ? kb_dataset_node(ds, p->node)->label : NULL);
      kb_sheet_put_number(t, p ? p->betweenness : NAN);
      kb_sheet_put_text(t, q ? kb_dataset_node(ds, q->node)->label : NULL);
      kb_sheet_put_number(t, q ? q->betweenness : NAN);
    }
    status = kb_cli_emit("diff", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
