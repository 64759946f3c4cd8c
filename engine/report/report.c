/* report.c -- the network annex of the ambition story: key figures, the
 * klaverblad map, the strategic index, synergy, bridging partners for the
 * city's questions, brokers and communities, candidate partners; the
 * sections on the data itself (its year, plans, changes and quality) are
 * in report_data.c. One HTML file with everything inline, and beside it
 * every table as CSV and the map as SVG. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "base/folder.h"
#include "klaverblad/analysis.h"
#include "klaverblad/error.h"
#include "klaverblad/explore.h"
#include "klaverblad/map.h"
#include "klaverblad/report.h"
#include "klaverblad/version.h"
#include "output/output_internal.h"
#include "report/report_internal.h"

#define FOLD 10             /* rows shown before the rest is folded away */


void
kb_report_options_init(KbReportOptions *opts)
{
  memset(opts, 0, sizeof *opts);
  opts->lang = KB_LANG_NL;
  opts->as_of = KB_NO_YEAR;
  opts->compare = KB_NO_YEAR;
  opts->csv = KB_REPORT_CSV_BY_LANG;
}

/* ------------------------------------------------------------- writing */

static void
write_file(Report *r, const char *name, const char *text)
{
  if (r->error != NULL)
    return;
  kb_i_folder_write(r->folder, name, text, &r->error);
}

void
kb_i_report_text(Report *r, const char *s)
{
  g_autofree char *e = g_markup_escape_text(s, -1);
  g_string_append(r->html, e);
}

void
kb_i_report_para(Report *r, const char *s)
{
  g_string_append(r->html, "<p>");
  kb_i_report_text(r, s);
  g_string_append(r->html, "</p>\n");
}

void
kb_i_report_heading(Report *r, int level, const char *id, const char *s)
{
  if (level == 2) {
    if (r->section > 0)
      g_string_append(r->html, "</section>\n");
    g_string_append_printf(r->html, "<section id=\"%s\">\n<h2>%u. ", id, ++r->section);
  } else {
    g_string_append_printf(r->html, "<h%d>", level);
  }
  kb_i_report_text(r, s);
  g_string_append_printf(r->html, "</h%d>\n", level);
}

/* The name of a table's sheet in report.xlsx: its heading shortened
 * (kb_i_sheet_short_name()), the question's number first for a question's
 * table (its file "question-N..."). */
static char *
sheet_name(const KbSheet *s, const char *file)
{
  unsigned question;
  g_autofree char *name = kb_i_sheet_short_name(s);
  if (sscanf(file, "question-%u", &question) == 1)
    return g_strdup_printf("%u %s", question, name);
  return g_steal_pointer(&name);
}

/* A sheet as a table in the page (its heading as h3, the rest of its rows
 * folded), as FILE.csv beside it and as a sheet of report.xlsx. */
void
kb_i_report_sheet(Report *r, const KbSheet *s, const char *file)
{
  /* the tables that the glossary explains in a line under their heading */
  static const struct { const char *sheet, *entry; } notes[] = {
    { "mixing", "ei-index" }, { "gaps", "gaps" }, { "single_points", "single-points" },
    { "pairs", "synergy-score" },
  };
  if (kb_sheet_heading(s) != NULL)
    kb_i_report_heading(r, 3, NULL, kb_sheet_heading(s));
  for (size_t i = 0; i < G_N_ELEMENTS(notes); i++)
    if (strcmp(kb_sheet_key(s), notes[i].sheet) == 0)
      kb_i_glossary_note(r->html, r->lang, notes[i].entry);
  size_t rows = kb_sheet_row_count(s);
  if (rows == 0) {
    kb_i_report_para(r, T(r, "None."));
    return;
  }
  size_t folded = rows > FOLD ? rows - FOLD : 0;
  g_autofree char *more = g_strdup_printf(kb_tr_n(r->lang, folded, "Show the other %zu row",
                                                  "Show the other %zu rows"), folded);
  g_autofree char *table = kb_sheet_render_html(s, FOLD, r->lang == KB_LANG_NL, more);
  /* wide tables scroll inside their box rather than run off the page */
  g_string_append(r->html, "<div class=\"wide\">\n");
  GString *linked = g_string_new(table);
  kb_i_glossary_link(linked, r->lang);
  g_string_append(r->html, linked->str);
  g_string_free(linked, TRUE);
  g_string_append(r->html, "</div>\n");
  /* a reader's spreadsheet: the columns named as the table names them */
  g_autofree char *csv = kb_sheet_render_csv_headed(s, r->csv);
  g_autofree char *name = g_strdup_printf("%s.csv", file);
  write_file(r, name, csv);
  g_autofree char *title = sheet_name(s, file);
  if (r->book != NULL)
    kb_workbook_add_sheet(r->book, s, title);
  g_autofree char *note = g_strdup_printf(T(r, "All rows: %s"), name);
  g_string_append(r->html, "<p class=\"file\">");
  kb_i_report_text(r, note);
  g_string_append(r->html, "</p>\n");
}

/* The sheet of 'doc' named 'key', or NULL. */
const KbSheet *
kb_i_report_find_sheet(const KbDoc *doc, const char *key)
{
  for (size_t i = 0; i < kb_doc_sheet_count(doc); i++)
    if (strcmp(kb_sheet_key(kb_doc_sheet(doc, i)), key) == 0)
      return kb_doc_sheet(doc, i);
  return NULL;
}

void
kb_i_report_fail_igraph(Report *r, GError *err)
{
  if (r->error == NULL)
    r->error = err;
  else
    g_error_free(err);
}

/* ------------------------------------------------------------ sections */

/* The index by country, computed the first time; NULL after a failure,
 * which is the report's. */
static const KbIndex *
country_index(Report *r)
{
  if (r->index == NULL) {
    GError *err = NULL;
    r->index = kb_index_compute(r->ds, KB_INDEX_BY_COUNTRY, &err);
    if (r->index == NULL)
      kb_i_report_fail_igraph(r, err);
  }
  return r->index;
}

/* The brokers, computed the first time (a sampled estimate on national
 * data takes most of a minute); NULL, with the reason, after a failure. */
static const KbBrokers *
report_brokers(Report *r, GError **error)
{
  if (r->brokers == NULL && r->brokers_error == NULL)
    r->brokers = kb_brokers_compute(r->ds, &r->brokers_error);
  if (r->brokers == NULL && error != NULL)
    *error = g_error_copy(r->brokers_error);
  return r->brokers;
}

/* "15 organisations in 5 sectors are active in 10 countries abroad; 12
 * places rest on a single organisation", without the full stop. */
static char *
figures_sentence(const KbReportFigures *fig, KbLang lang)
{
  g_autofree char *orgs = kb_count(lang, fig->organisations, "organisation", "organisations");
  g_autofree char *sectors = kb_count(lang, fig->sectors, "sector", "sectors");
  g_autofree char *countries = kb_count(lang, fig->countries, "country", "countries");
  g_autofree char *places = kb_count(lang, fig->single_points, "place", "places");
  g_autofree char *active = g_strdup_printf(kb_tr_n(lang, fig->organisations,
                                                    "%s in %s is active in %s abroad",
                                                    "%s in %s are active in %s abroad"),
                                            orgs, sectors, countries);
  g_autofree char *rest = g_strdup_printf(kb_tr_n(lang, fig->single_points,
                                                  "%s rests on a single organisation",
                                                  "%s rest on a single organisation"), places);
  return g_strconcat(active, "; ", rest, NULL);
}

char *
kb_report_summary(const KbReportFigures *fig, KbLang lang)
{
  g_return_val_if_fail(fig != NULL, NULL);
  g_autofree char *sentence = NULL;
  if (fig->regional) {
    double v[4] = { fig->degree_centralization, fig->degree_centralization_without,
                    fig->betweenness_centralization, fig->betweenness_centralization_without };
    char *c[4];
    for (int i = 0; i < 4; i++)
      c[i] = kb_i_report_figure(v[i], lang);
    sentence = g_strdup_printf(kb_tr(lang, "A regional network of %zu members, %zu of them "
                                           "municipalities in %zu provinces; centralization of "
                                           "the member network: degree %s (%s without the centre "
                                           "municipality), betweenness %s (%s without)"),
                               fig->members, fig->municipalities, fig->provinces, c[0], c[1],
                               c[2], c[3]);
    for (int i = 0; i < 4; i++)
      g_free(c[i]);
  } else {
    sentence = figures_sentence(fig, lang);
  }
  if (fig->year == KB_NO_YEAR)
    return g_strconcat(sentence, ".", NULL);
  return g_strdup_printf(kb_tr(lang, "%s (as of %d; changes since %d)."), sentence, fig->year,
                         fig->compare);
}

/* A regional network's key figures in place of those abroad, which would
 * all be 0; FALSE when the data is no regional network (or igraph failed,
 * which is the report's failure). */
static gboolean
regional_key_figures(Report *r, KbReportFigures *fig)
{
  GError *err = NULL;
  r->region = kb_i_region_part_new(r->ds, r->all, r->year, fig->organisations, r->lang,
                                   &err);
  if (r->region == NULL) {
    if (err != NULL)
      kb_i_report_fail_igraph(r, err);
    return FALSE;
  }
  const KbRegion *rg = r->region->region;
  fig->regional = TRUE;
  fig->members = rg->n_members;
  fig->municipalities = r->region->municipalities;
  fig->provinces = r->region->provinces;
  fig->degree_centralization = rg->degree_centralization;
  fig->betweenness_centralization = rg->betweenness_centralization;
  fig->degree_centralization_without = rg->degree_centralization_without;
  fig->betweenness_centralization_without = rg->betweenness_centralization_without;
  for (size_t i = 0; i < G_N_ELEMENTS(r->region->key_figures); i++)
    if (r->region->key_figures[i] != NULL)
      kb_i_report_para(r, r->region->key_figures[i]);
  return TRUE;
}

/* The section of a regional network: its member network, the seats by
 * province and size, the members on one consultation, the growth. */
static void
region_section(Report *r)
{
  if (r->region == NULL)
    return;
  kb_i_report_heading(r, 2, "region", T(r, "The regional network"));
  r->region_section = r->section;
  for (guint i = 0; i < r->region->blocks->len; i++) {
    const KbiBlock *b = &g_array_index(r->region->blocks, KbiBlock, i);
    if (b->text != NULL)
      kb_i_report_para(r, b->text);
    else
      kb_i_report_sheet(r, b->sheet, b->file);
  }
}

/* The key figures abroad: who is active there, and who they rest on. */
static void
abroad_key_figures(Report *r, const KbIndex *ix, const KbReportFigures *fig)
{
  const KbDataset *ds = r->ds;
  g_autofree char *s1 = figures_sentence(fig, r->lang);
  g_autofree char *s1_end = g_strconcat(s1, ".", NULL);
  kb_i_report_para(r, s1_end);
  if (ix->n_cuts > 0) {
    const KbCutPoint *c = &ix->cuts[0];
    size_t most = 0;
    for (size_t i = 0; i < ix->n_cuts; i++)
      if (ix->cuts[i].n_places > ix->cuts[most].n_places)
        most = i;
    c = &ix->cuts[most];
    g_autofree char *orgs = kb_count(r->lang, ix->n_cuts, "organisation", "organisations");
    g_autofree char *places = kb_count(r->lang, c->n_places, "place", "places");
    g_autofree char *s2 = g_strdup_printf(kb_tr_n(r->lang, ix->n_cuts,
                                                  "%s is a single point of failure;",
                                                  "%s are single points of failure;"), orgs);
    g_autofree char *s3 = g_strdup_printf(kb_tr_n(r->lang, c->n_places,
                                                  "without %s, %s is cut off.",
                                                  "without %s, %s are cut off."),
                                          kb_dataset_node(ds, c->org)->label, places);
    g_autofree char *both = g_strconcat(s2, " ", s3, NULL);
    kb_i_report_para(r, both);
  }
}

static void
key_figures(Report *r, KbReportFigures *fig)
{
  const KbDataset *ds = r->ds;
  const KbIndex *ix = country_index(r);
  if (ix == NULL)
    return;
  /* the organisations active abroad, their sectors, and the countries */
  gboolean *abroad = g_new0(gboolean, kb_dataset_node_count(ds));
  for (size_t i = 0; i < ix->n_entries; i++) {
    const KbIndexEntry *e = &ix->entries[i];
    if (e->home || e->n_orgs == 0)
      continue;
    fig->countries++;
    for (size_t j = 0; j < e->n_orgs; j++)
      abroad[e->orgs[j]] = TRUE;
  }
  GHashTable *sectors = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    if (!abroad[i])
      continue;
    fig->organisations++;
    if (kb_dataset_node(ds, i)->sector != KB_NO_NODE)
      g_hash_table_add(sectors, GSIZE_TO_POINTER(kb_dataset_node(ds, i)->sector + 1));
  }
  fig->sectors = g_hash_table_size(sectors);
  g_hash_table_unref(sectors);
  g_free(abroad);
  /* places abroad (any kind) resting on one organisation */
  static const KbIndexBy kinds[] = { KB_INDEX_BY_COUNTRY, KB_INDEX_BY_CITY, KB_INDEX_BY_REGION };
  for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
    g_autoptr(KbIndex) px = kb_index_entries(ds, kinds[k]);
    for (size_t i = 0; i < px->n_entries; i++)
      fig->single_points += !px->entries[i].home && px->entries[i].n_orgs == 1;
  }
  kb_i_report_heading(r, 2, "key-figures", T(r, "Key figures"));
  if (!regional_key_figures(r, fig))
    abroad_key_figures(r, ix, fig);
  KbSynergyOptions so;
  kb_synergy_options_init(&so);
  so.top = 1;
  GError *err = NULL;
  g_autoptr(KbSynergy) syn = kb_synergy_compute(ds, &so, &err);
  if (syn == NULL)
    kb_i_report_fail_igraph(r, err);
  else if (syn->n_pairs > 0) {
    g_autofree char *s3 = g_strdup_printf(T(r, "The strongest synergy not yet used: %s and %s."),
                                          kb_dataset_node(ds, syn->pairs[0].a)->label,
                                          kb_dataset_node(ds, syn->pairs[0].b)->label);
    kb_i_report_para(r, s3);
  }
  const KbBrokers *br = report_brokers(r, NULL);
  if (br != NULL && br->n > 0 && br->brokers[0].betweenness > 0) {
    g_autofree char *s4 = g_strdup_printf(T(r, "The main broker is %s."),
                                          kb_dataset_node(ds, br->brokers[0].node)->label);
    kb_i_report_para(r, s4);
  }
}

/* The map: drawn by the renderer into DIR/klaverblad.svg and put inline. */
static void
map_section(Report *r)
{
  kb_i_report_heading(r, 2, "map", T(r, "The klaverblad"));
  if (r->o->renderer == NULL) {
    kb_i_report_para(r, T(r, "The map is missing: klaverblad-render was not found."));
    return;
  }
  KbMapOptions mo;
  kb_map_options_init(&mo);
  mo.year = r->year;
  mo.lang = r->lang;
  mo.size = KB_MAP_SIZE_A4;   /* for the page: summarised where the data is larger */
  GError *err = NULL;
  g_autofree char *spec = kb_map_spec(r->ds, &mo, &err);
  const char *caption = r->region != NULL
    ? "The hub in the centre, one petal per sector, the members' places around them. Also as "
      "klaverblad.svg."
    : "The hub in the centre, one petal per sector, the places abroad around them. Also as "
      "klaverblad.svg.";
  g_autofree char *path = kb_i_folder_file(r->folder, "klaverblad.svg");
  g_autofree char *svg = NULL;
  if (spec == NULL || !kb_map_render(r->o->renderer, spec, "svg", path, &err)
      || !g_file_get_contents(path, &svg, NULL, &err)) {
    g_autofree char *msg = g_strdup_printf(T(r, "The map could not be drawn: %s"), err->message);
    kb_i_report_para(r, msg);
    g_error_free(err);
    return;
  }
  /* inline: from the <svg element on, without a fixed size */
  const char *start = strstr(svg, "<svg");
  if (start == NULL) {
    kb_i_report_para(r, T(r, "The map could not be drawn: the renderer wrote no SVG."));
    return;
  }
  GString *s = g_string_new(start);
  const char *w = strstr(s->str, " width=\"");
  const char *v = strstr(s->str, " viewBox=");
  if (w != NULL && v != NULL && w < v)
    g_string_erase(s, w - s->str, v - w);   /* drops width and height, keeps viewBox */
  g_string_insert(s, 4, " class=\"map\" role=\"img\"");
  g_string_append(r->html, "<figure>\n");
  g_string_append(r->html, s->str);
  g_string_append(r->html, "<figcaption>");
  kb_i_report_text(r, T(r, caption));
  g_string_append(r->html, "</figcaption>\n</figure>\n");
  g_string_free(s, TRUE);
}

static void
index_section(Report *r)
{
  kb_i_report_heading(r, 2, "index", T(r, "Strategic index"));
  static const struct { KbIndexBy by; const char *file; } views[] = {
    { KB_INDEX_BY_COUNTRY, "index-country" }, { KB_INDEX_BY_SECTOR, "index-sector" },
    { KB_INDEX_BY_THEME, "index-theme" },
  };
  for (size_t v = 0; v < G_N_ELEMENTS(views); v++) {
    /* the whole network's figures once, with the view by country */
    g_autoptr(KbIndex) other = v > 0 ? kb_index_entries(r->ds, views[v].by) : NULL;
    const KbIndex *ix = v > 0 ? other : country_index(r);
    if (ix == NULL)
      return;
    g_autoptr(KbDoc) doc = kb_doc_new("");
    kb_tables_index(doc, r->ds, ix, 0, r->lang);
    if (v == 0) {
      kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "network"), "network");
      g_autofree char *note = kb_tables_index_note(ix, r->lang);
      if (note != NULL)
        kb_i_report_para(r, note);
      g_autofree char *umbrella = kb_tables_index_umbrella(r->ds, ix, r->lang);
      if (umbrella != NULL)
        kb_i_report_para(r, umbrella);
      kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "mixing"), "sector-mixing");
    }
    kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "index"), views[v].file);
    if (v == 0) {
      kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "gaps"), "gaps");
      kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "single_points"),
                        "single-points-of-failure");
      kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "presence"), "who-is-where");
    }
  }
}

static void
synergy_section(Report *r)
{
  kb_i_report_heading(r, 2, "synergy", T(r, "Synergy opportunities"));
  kb_i_report_para(r, T(r, "Pairs of organisations from different sectors that are not yet "
                        "partners but share places, themes, networks or partners, strongest "
                        "first, each with its reasons."));
  KbSynergyOptions so;
  kb_synergy_options_init(&so);
  so.top = 30;
  GError *err = NULL;
  g_autoptr(KbSynergy) syn = kb_synergy_compute(r->ds, &so, &err);
  if (syn == NULL) {
    kb_i_report_fail_igraph(r, err);
    return;
  }
  g_autoptr(KbDoc) doc = kb_doc_new("");
  kb_tables_synergy(doc, r->ds, syn, r->lang);
  kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "pairs"), "synergy");
}

static void
question(Report *r, const KbQuestion *q, size_t number)
{
  const KbDataset *ds = r->ds;
  kb_i_report_heading(r, 3, NULL, q->text);
  g_autofree char *file = g_strdup_printf("question-%zu", number);
  g_autoptr(KbDoc) doc = kb_doc_new("");
  GError *err = NULL;
  g_autofree char *regional = r->region != NULL
    ? kb_i_region_part_answer(r->region, ds, q, r->year, r->region_section, r->lang) : NULL;
  if (regional != NULL) {
    /* the regional network's section answers it */
    kb_i_report_para(r, regional);
    goto source;
  }
  switch (q->kind) {
  case KB_QUESTION_BRIDGE:
    if (q->from != KB_NO_NODE && q->to != KB_NO_NODE) {
      g_autoptr(KbBridges) br = kb_bridges_compute(ds, q->from, q->to, r->year, &err);
      if (br == NULL) {
        kb_i_report_para(r, err->message);
        g_clear_error(&err);
        break;
      }
      kb_tables_bridges(doc, ds, br, 20, r->lang);
      g_autofree char *note = kb_tables_bridges_note(ds, br, r->lang);
      kb_i_report_para(r, note);
      kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "introducers"), file);
      g_autofree char *contacts = g_strdup_printf("%s-contacts", file);
      kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "contacts"), contacts);
    }
    break;
  case KB_QUESTION_SYNERGY: {
    KbSynergyOptions so;
    kb_synergy_options_init(&so);
    so.top = 15;
    if (q->to != KB_NO_NODE && kb_node_kind_is_place(kb_dataset_node(ds, q->to)->kind))
      so.place = q->to;
    g_autoptr(KbSynergy) syn = kb_synergy_compute(ds, &so, &err);
    if (syn == NULL) {
      kb_i_report_fail_igraph(r, g_steal_pointer(&err));
      break;
    }
    kb_tables_synergy(doc, ds, syn, r->lang);
    kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "pairs"), file);
    break;
  }
  case KB_QUESTION_RANK:
    kb_i_report_rank_answer(r, q->from != KB_NO_NODE ? q->from : kb_dataset_home(ds), file);
    break;
  case KB_QUESTION_CENTRALITY: {
    const KbBrokers *br = report_brokers(r, &err);
    if (br == NULL) {
      kb_i_report_fail_igraph(r, err);
      break;
    }
    kb_tables_brokers(doc, ds, br, 0, r->lang);
    kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "brokers"), file);
    break;
  }
  case KB_QUESTION_OVERVIEW:
  case KB_QUESTION_THEME:
  default: {
    size_t node = q->to != KB_NO_NODE ? q->to : q->from;
    if (node == KB_NO_NODE)
      break;
    KbNodeKind k = kb_dataset_node(ds, node)->kind;
    KbIndexBy by = k == KB_NODE_CITY ? KB_INDEX_BY_CITY : k == KB_NODE_REGION ? KB_INDEX_BY_REGION
                 : k == KB_NODE_THEME ? KB_INDEX_BY_THEME : k == KB_NODE_NETWORK ? KB_INDEX_BY_NETWORK
                 : k == KB_NODE_SECTOR ? KB_INDEX_BY_SECTOR : KB_INDEX_BY_COUNTRY;
    g_autoptr(KbIndex) ix = kb_index_entries(ds, by);
    /* the index row of that node and the organisations there */
    for (size_t i = 0; i < ix->n_entries; i++) {
      if (ix->entries[i].node != node)
        continue;
      const KbIndexEntry *e = &ix->entries[i];
      g_autofree char *who = kb_join_labels(ds, e->orgs, e->n_orgs, 0);
      g_autofree char *s = g_strdup_printf(T(r, "%s: %zu organisations from %zu sectors: %s."),
                                           kb_dataset_node(ds, node)->label, e->n_orgs,
                                           e->n_sectors, e->n_orgs ? who : "-");
      kb_i_report_para(r, s);
    }
    break;
  }
  }
source:
  if (q->source != NULL) {
    g_autofree char *src = g_strdup_printf(T(r, "Question from: %s"), q->source);
    g_string_append(r->html, "<p class=\"file\">");
    kb_i_report_text(r, src);
    g_string_append(r->html, "</p>\n");
  }
}

static void
questions_section(Report *r)
{
  kb_i_report_heading(r, 2, "questions", T(r, "Bridging partners and the city's questions"));
  size_t n = kb_dataset_question_count(r->ds);
  if (n == 0) {
    kb_i_report_para(r, T(r, "The dataset keeps no questions (questions.csv)."));
    return;
  }
  for (size_t i = 0; i < n; i++)
    question(r, kb_dataset_question(r->ds, i), i + 1);
}

static void
brokers_section(Report *r)
{
  kb_i_report_heading(r, 2, "brokers", T(r, "Brokers and communities"));
  GError *err = NULL;
  const KbBrokers *br = report_brokers(r, &err);
  if (br == NULL) {
    kb_i_report_fail_igraph(r, err);
    return;
  }
  g_autoptr(KbDoc) doc = kb_doc_new("");
  kb_tables_brokers(doc, r->ds, br, 0, r->lang);
  kb_i_report_sheet(r, kb_i_report_find_sheet(doc, "brokers"), "brokers");
  g_autofree char *method = kb_tables_brokers_method(br, r->lang);
  kb_i_report_para(r, method);
  g_autoptr(KbCommunities) cs = kb_communities_compute(r->ds, &err);
  if (cs == NULL && g_error_matches(err, KB_ERROR, KB_ERROR_LIMIT)) {
    /* too large a network for Leiden: the rest of the report stands */
    kb_i_report_para(r, T(r, "Communities are left out: at this size the organisation network "
                          "is too dense for Leiden (more than 5*10^7 ties, since the members of "
                          "a network are all tied to one another)."));
    g_error_free(err);
    return;
  }
  if (cs == NULL) {
    kb_i_report_fail_igraph(r, err);
    return;
  }
  g_autofree char *communities = kb_count(r->lang, cs->n, "community", "communities");
  g_autofree char *mod = g_strdup_printf(T(r, "%s; modularity %.2f."), communities,
                                         cs->modularity);
  if (r->lang == KB_LANG_NL)
    for (char *p = mod; *p; p++)
      if (*p == '.' && g_ascii_isdigit(p[1]))
        *p = ',';
  kb_i_report_para(r, mod);
  kb_i_glossary_note(r->html, r->lang, "modularity");
  g_autoptr(KbDoc) cdoc = kb_doc_new("");
  kb_tables_communities(cdoc, r->ds, cs, 0, r->lang);
  kb_i_report_sheet(r, kb_i_report_find_sheet(cdoc, "communities"), "communities");
}

/* ----------------------------------------------------------------- page */

static const char style[] =
  "body{font-family:'DejaVu Sans',Arial,sans-serif;color:#222;max-width:1100px;margin:0 auto;"
  "padding:24px;line-height:1.45}\n"
  "h1{font-size:1.8em;margin-bottom:0.2em}h2{border-bottom:2px solid #0072B2;padding-bottom:4px;"
  "margin-top:2em;break-after:avoid}h3{margin-top:1.4em;break-after:avoid}\n"
  ".sub{color:#555}table{border-collapse:collapse;width:100%;font-size:0.85em;margin:0.5em 0}\n"
  ".wide{overflow-x:auto;max-width:100%}td{overflow-wrap:break-word}\n"
  ".how{font-size:0.9em;background:#f0f4f8;border-left:4px solid #0072B2;padding:4px 8px}\n"
  "dl.glossary dt{font-weight:bold;margin-top:0.6em}dl.glossary dd{margin-left:1.5em}\n"
  "th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}\n"
  "th{background:#f0f4f8}th.num{text-align:right}td.num{text-align:right;white-space:nowrap}\n"
  "tr:nth-child(even) td{background:#fafafa}tr{break-inside:avoid}\n"
  "details summary{cursor:pointer;color:#0072B2;margin:0.3em 0}\n"
  ".file{font-size:0.8em;color:#777}figure{margin:1em 0}svg.map{width:100%;height:auto}\n"
  "figcaption{font-size:0.85em;color:#555}\n"
  "@page{size:A4;margin:14mm}@media print{body{max-width:none;padding:0}"
  "section{break-before:page}section#key-figures{break-before:auto}"
  ".wide{overflow:visible}td{overflow-wrap:anywhere}}\n";

gboolean
kb_report_write(const KbDataset *all, const KbReportOptions *opts, const char *dir,
                KbReportFigures *figures, GError **error)
{
  g_return_val_if_fail(all != NULL && opts != NULL && dir != NULL, FALSE);
  KbFolder folder;
  if (!kb_i_folder_begin(&folder, dir, KB_FOLDER_REPORT, kb_dataset_name(all), error))
    return FALSE;
  Report r = { 0 };
  r.all = all;
  r.o = opts;
  r.lang = opts->lang;
  r.folder = &folder;
  r.csv = opts->csv != KB_REPORT_CSV_BY_LANG ? (KbCsvDialect) opts->csv
          : r.lang == KB_LANG_NL ? KB_CSV_EXCEL_NL : KB_CSV_EXCEL_EN;
  g_autofree char *book = kb_i_folder_file(&folder, "report.xlsx");
  r.book = kb_workbook_new(book, &r.error);
  /* the year the report speaks of: as asked, else the year the data describes */
  KbYearView view;
  kb_year_view_init(&view, all);
  if (opts->as_of != KB_NO_YEAR)
    view.year = opts->as_of;
  r.year = view.year;
  g_autoptr(KbDataset) current = kb_dataset_view(all, &view, &r.counts);
  r.ds = current;
  r.compare = opts->compare != KB_NO_YEAR ? opts->compare : kb_dataset_policy_start(all);
  if (r.year != KB_NO_YEAR && (r.compare == KB_NO_YEAR || r.compare >= r.year))
    r.compare = r.year - 5;

  const char *title = kb_dataset_title(all) ? kb_dataset_title(all) : kb_dataset_name(all);
  r.html = g_string_new(NULL);
  g_string_append_printf(r.html, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                         "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                         "content=\"width=device-width, initial-scale=1\">\n<title>",
                         r.lang == KB_LANG_NL ? "nl" : "en");
  kb_i_report_text(&r, title);
  g_string_append_printf(r.html, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>",
                         style);
  kb_i_report_text(&r, title);
  g_string_append(r.html, "</h1>\n<p class=\"sub\">");
  g_autofree char *sub = r.year != KB_NO_YEAR
    ? g_strdup_printf(T(&r, "Network annex, as of %d. Made by klaverblad %s from %s."), r.year,
                      KB_VERSION, opts->source_name ? opts->source_name : kb_dataset_name(all))
    : g_strdup_printf(T(&r, "Network annex. Made by klaverblad %s from %s."), KB_VERSION,
                      opts->source_name ? opts->source_name : kb_dataset_name(all));
  kb_i_report_text(&r, sub);
  g_string_append(r.html, "</p>\n");
  kb_i_report_year_note(&r);
  g_string_append_printf(r.html, "<p class=\"sub\"><a href=\"#glossary\">%s</a></p>\n",
                         T(&r, "What each measure means: the explanations at the end"));
  g_string_append(r.html, "</header>\n");

  KbReportFigures fig = { 0 };
  key_figures(&r, &fig);
  region_section(&r);
  map_section(&r);
  index_section(&r);
  synergy_section(&r);
  questions_section(&r);
  kb_i_report_plans_section(&r);
  brokers_section(&r);
  kb_i_report_candidates(&r);
  if (r.year != KB_NO_YEAR)
    kb_i_report_changes_section(&r);
  kb_i_report_quality_section(&r);
  kb_i_report_heading(&r, 2, "glossary", T(&r, "How to read this: the measures explained"));
  kb_i_glossary_write(r.html, r.lang);
  g_string_append(r.html, "</section>\n</body>\n</html>\n");
  write_file(&r, "report.html", r.html->str);
  if (r.book != NULL) {
    GError *err = NULL;
    if (!kb_workbook_close(g_steal_pointer(&r.book), &err) && r.error == NULL)
      r.error = err;
    else
      g_clear_error(&err);
  }
  g_string_free(r.html, TRUE);
  /* the explorer beside it, opening on the report's year; left out only
   * when the network is too large to lay out */
  if (opts->renderer != NULL && r.error == NULL) {
    KbExploreOptions eo;
    kb_explore_options_init(&eo, all);
    eo.lang = r.lang, eo.renderer = opts->renderer, eo.source_name = opts->source_name;
    eo.open = view;
    g_autofree char *explorer = kb_explore_page(all, &eo, &r.error);
    if (explorer == NULL && g_error_matches(r.error, KB_ERROR, KB_ERROR_LIMIT))
      g_clear_error(&r.error);
    if (explorer != NULL)
      write_file(&r, "explorer.html", explorer);
  }
  kb_index_free(r.index);
  kb_brokers_free(r.brokers);
  g_clear_error(&r.brokers_error);
  kb_i_region_part_free(r.region);
  fig.year = r.year;
  fig.compare = r.compare;
  if (figures != NULL)
    *figures = fig;
  if (r.error == NULL)
    kb_i_folder_commit(&folder, &r.error);
  kb_i_folder_release(&folder);
  if (r.error != NULL) {
    g_propagate_error(error, r.error);
    return FALSE;
  }
  return TRUE;
}
