/* cmd_index.c -- `klaverblad index DATASET [--by KIND]`: the strategic
 * index, with the whole-network figures, the sector mixing, the gaps and
 * the single points of failure. */
#include <math.h>
#include <stdio.h>

#include "cli/builtin.h"

static void
network_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix)
{
  KbSummary sum;
  kb_summary_compute(ds, &sum, NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "network", "Whole network");
  kb_sheet_add_column(s, "measure", "Measure", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "value", "Value", KB_COLUMN_NUMBER, 3);
  struct { const char *name; double value; } rows[] = {
    { "nodes", (double) sum.nodes },
    { "relations", (double) sum.relations },
    { "components", (double) sum.components.count },
    { "organisations", (double) ix->n_orgs },
    { "organisation ties", (double) ix->org_ties },
    { "density of the organisation network", ix->density },
    { "degree centralization (Freeman)", ix->degree_centralization },
    { "betweenness centralization (Freeman)", ix->betweenness_centralization },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, rows[i].name);
    kb_sheet_put_number(s, rows[i].value);
  }
  for (int k = 0; k < KB_NODE_KIND_COUNT; k++) {
    g_autofree char *name = g_strdup_printf("nodes: %s", kb_node_kind_name(k));
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, name);
    kb_sheet_put_number(s, (double) sum.nodes_by_kind[k]);
  }
  for (int k = 0; k < KB_REL_KIND_COUNT; k++) {
    g_autofree char *name = g_strdup_printf("relations: %s", kb_rel_kind_name(k));
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, name);
    kb_sheet_put_number(s, (double) sum.relations_by_kind[k]);
  }
}

static void
entries_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, size_t top)
{
  g_autofree char *heading = g_strdup_printf("Strategic index by %s", kb_index_by_name(ix->by));
  KbSheet *s = kb_doc_add_sheet(doc, "index", heading);
  kb_sheet_add_column(s, "id", kb_index_by_name(ix->by), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", "name", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "organisations", "orgs", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "sectors", "sectors", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "diversity", "diversity", KB_COLUMN_NUMBER, 2);
  kb_sheet_add_column(s, "relations", "relations", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "since", "since", KB_COLUMN_YEAR, 0);
  kb_sheet_add_column(s, "cross_sector_ties", "cross ties", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "open_pairs", "open pairs", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "home", "home", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "who", "who", KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < ix->n_entries && (top == 0 || i < top); i++) {
    const KbIndexEntry *e = &ix->entries[i];
    const KbNode *node = kb_dataset_node(ds, e->node);
    g_autofree char *who = kb_cli_join_labels(ds, e->orgs, e->n_orgs, 4);
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
    kb_sheet_put_text(s, e->home ? "home" : NULL);
    kb_sheet_put_text(s, who);
  }
}

static void
presence_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, size_t top)
{
  KbSheet *s = kb_doc_add_sheet(doc, "presence", "Who is where (one row per organisation)");
  kb_sheet_add_column(s, kb_index_by_name(ix->by), kb_index_by_name(ix->by), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "organisation", "organisation", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", "name", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "sector", "sector", KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < ix->n_entries && (top == 0 || i < top); i++)
    for (size_t j = 0; j < ix->entries[i].n_orgs; j++) {
      const KbNode *org = kb_dataset_node(ds, ix->entries[i].orgs[j]);
      kb_sheet_begin_row(s);
      kb_sheet_put_text(s, kb_dataset_node(ds, ix->entries[i].node)->id);
      kb_sheet_put_text(s, org->id);
      kb_sheet_put_text(s, org->label);
      kb_sheet_put_text(s, org->sector != KB_NO_NODE ? kb_dataset_node(ds, org->sector)->id : NULL);
    }
}

static void
mixing_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix)
{
  KbSheet *s = kb_doc_add_sheet(doc, "mixing",
                                "Sector mixing: ties of the organisation network, and E-I index");
  kb_sheet_add_column(s, "sector", "sector", KB_COLUMN_TEXT, 0);
  for (size_t t = 0; t < ix->n_sectors; t++) {
    const char *id = kb_dataset_node(ds, ix->sectors[t])->id;
    kb_sheet_add_column(s, id, id, KB_COLUMN_INT, 0);
  }
  kb_sheet_add_column(s, "ei_index", "E-I", KB_COLUMN_NUMBER, 2);
  for (size_t r = 0; r < ix->n_sectors; r++) {
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, ix->sectors[r])->id);
    for (size_t t = 0; t < ix->n_sectors; t++)
      kb_sheet_put_int(s, (long long) ix->mixing[r * ix->n_sectors + t]);
    kb_sheet_put_number(s, ix->ei[r]);
  }
}

static void
gaps_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix)
{
  g_autofree char *heading = g_strdup_printf("Gaps: each %s that rests on one organisation or "
                                             "none", kb_index_by_name(ix->by));
  KbSheet *s = kb_doc_add_sheet(doc, "gaps", heading);
  kb_sheet_add_column(s, "id", kb_index_by_name(ix->by), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", "name", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "organisations", "orgs", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "rests_on", "rests on", KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < ix->n_entries; i++) {
    const KbIndexEntry *e = &ix->entries[i];
    if (e->n_orgs > 1)
      continue;
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, e->node)->id);
    kb_sheet_put_text(s, kb_dataset_node(ds, e->node)->label);
    kb_sheet_put_int(s, (long long) e->n_orgs);
    kb_sheet_put_text(s, e->n_orgs ? kb_dataset_node(ds, e->orgs[0])->label : NULL);
  }
}

static void
cuts_sheet(KbDoc *doc, const KbDataset *ds, const KbIndex *ix)
{
  KbSheet *s = kb_doc_add_sheet(doc, "single_points",
                                "Single points of failure: organisations whose removal cuts "
                                "places off");
  kb_sheet_add_column(s, "organisation", "organisation", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", "name", KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "places", "places cut off", KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "which", "which", KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < ix->n_cuts; i++) {
    const KbCutPoint *c = &ix->cuts[i];
    g_autofree char *which = kb_cli_join_labels(ds, c->places, c->n_places, 0);
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, c->org)->id);
    kb_sheet_put_text(s, kb_dataset_node(ds, c->org)->label);
    kb_sheet_put_int(s, (long long) c->n_places);
    kb_sheet_put_text(s, which);
  }
}

int
cmd_index(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autofree char *by_name = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "The strategic index: for each place (or theme, network, sector) the organisations\n"
    "active there, their sectors and diversity, the relations behind them and the\n"
    "earliest year, the cross-sector ties present and the pairs still open. Above it\n"
    "the whole-network figures and the sector mixing; below it the gaps and the\n"
    "organisations whose removal cuts a place off.");
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_name,
      "country (default), city, region, theme, network or sector", "KIND" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_output_options_add(ctx, &out, 0);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  KbIndexBy by = KB_INDEX_BY_COUNTRY;
  if (!kb_cli_parse(ctx, "index", &argc, &argv, &opts, &out, 1))
    goto done;
  if (by_name != NULL && !kb_index_by_parse(by_name, &by)) {
    kb_cli_usage_error("index", "--by '%s' is not one of: country, city, region, theme, "
                       "network, sector", by_name);
    goto done;
  }
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbIndex) ix = kb_index_compute(ds, by, &err);
    if (ix == NULL) {
      fprintf(stderr, "klaverblad index: error: %s\n", err->message);
      goto done;
    }
    g_autofree char *title = g_strdup_printf("Strategic index by %s", kb_index_by_name(by));
    g_autoptr(KbDoc) doc = kb_doc_new(title);
    g_autofree char *about = kb_cli_describe_dataset(argv[1], &opts);
    kb_doc_add_text(doc, "about", about);
    network_sheet(doc, ds, ix);
    entries_sheet(doc, ds, ix, (size_t) out.top);
    mixing_sheet(doc, ds, ix);
    gaps_sheet(doc, ds, ix);
    cuts_sheet(doc, ds, ix);
    presence_sheet(doc, ds, ix, (size_t) out.top);
    status = kb_cli_emit("index", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
