/* explore_data.c -- the JSON object the explorer page embeds.
 *
 * Everything the page shows is computed here, with the engine's own
 * functions, so that the page and the command line agree:
 *  1. nodes: every node of the dataset, in dataset order (its number is its
 *     index in the array), with the position of those drawn;
 *  2. relations: every relation with, per year the data covers and for
 *     "every year", what the views of kb_dataset_view() make of it: held,
 *     unsure, planned (kept with planned relations) or not;
 *  3. synergy: per organisation, what `synergy --org ID` lists;
 *  4. places: per place drawn, the index entry (who is there) and, per
 *     sector, the best introducers (`bridges SECTOR PLACE`).
 * The figures of 3 and 4 are those of the year the data describes, the
 * year the commands show by default. The member names are listed in
 * engine/explore/README.md. */
#include <math.h>
#include <string.h>

#include "explore/explore_internal.h"
#include "base/escape.h"
#include "klaverblad/analysis.h"
#include "klaverblad/error.h"
#include "klaverblad/map.h"
#include "klaverblad/output.h"
#include "klaverblad/version.h"

/* How many suggestions per organisation: synergy's default --top. */
#define SYNERGY_TOP 20
/* How many introducers per place and sector. */
#define BRIDGES_TOP 5
/* Bridges are computed for every drawn place and sector while the places
 * times the sectors times the relations stay under this (a few seconds of
 * work); above it the page says they are left out. */
#define BRIDGES_WORK_MAX 3e7

/* --------------------------------------------------------------- JSON */

static void
key(GString *out, const char *name)
{
  if (out->len > 0 && strchr("{[", out->str[out->len - 1]) == NULL)
    g_string_append_c(out, ',');
  g_string_append_printf(out, "\"%s\":", name);
}

static void
key_text(GString *out, const char *name, const char *value)
{
  if (value == NULL)
    return;
  key(out, name);
  kb_i_json_append_string_as(out, value, TRUE);
}

static void
key_int(GString *out, const char *name, long long value)
{
  key(out, name);
  g_string_append_printf(out, "%lld", value);
}

/* A number as the CLI's JSON writes it (12 significant digits); null for
 * NaN. */
static void
key_number(GString *out, const char *name, double value)
{
  key(out, name);
  if (isnan(value))
    g_string_append(out, "null");
  else
    kb_csv_append_number(out, value);
}

static void
key_nodes(GString *out, const char *name, const size_t *nodes, size_t n)
{
  key(out, name);
  g_string_append_c(out, '[');
  for (size_t i = 0; i < n; i++)
    g_string_append_printf(out, "%s%zu", i ? "," : "", nodes[i]);
  g_string_append_c(out, ']');
}

static void
comma(GString *out)
{
  if (out->len > 0 && strchr("{[", out->str[out->len - 1]) == NULL)
    g_string_append_c(out, ',');
}

/* ---------------------------------------------------------------- years */

/* The years the data covers: from the earliest year any relation or the
 * dataset names to the latest. FALSE when there is none. */
static gboolean
year_range(const KbDataset *ds, int *first, int *last)
{
  int lo = G_MAXINT, hi = G_MININT;
  int years[] = { kb_dataset_year(ds), kb_dataset_policy_start(ds) };
  for (size_t i = 0; i < G_N_ELEMENTS(years); i++)
    if (years[i] != KB_NO_YEAR) {
      lo = MIN(lo, years[i]);
      hi = MAX(hi, years[i]);
    }
  for (size_t r = 0; r < kb_dataset_relation_count(ds); r++) {
    const KbRelation *rel = kb_dataset_relation(ds, r);
    int ends[] = { rel->since, rel->until };
    for (size_t i = 0; i < G_N_ELEMENTS(ends); i++)
      if (ends[i] != KB_NO_YEAR) {
        lo = MIN(lo, ends[i]);
        hi = MAX(hi, ends[i]);
      }
  }
  *first = lo;
  *last = hi;
  return lo <= hi;
}

/* What the views of 'year' make of 'rel' (kb_dataset_view()): 'y' kept,
 * 'u' kept only with unsure relations (with_unsure), 'p' a plan kept only
 * with planned relations (with_planned), 'n' left out by every view. */
static char
held_code(const KbRelation *rel, int year, int data_year)
{
  if (rel->status == KB_STATUS_PLANNED)
    return year == KB_NO_YEAR || rel->until == KB_NO_YEAR || rel->until_q == KB_DATE_OR_LATER
           || year <= rel->until ? 'p' : 'n';
  switch (kb_relation_holds(rel, year, data_year)) {
  case KB_HOLDS_YES: return 'y';
  case KB_HOLDS_UNKNOWN: return 'u';
  case KB_HOLDS_NO: break;
  }
  return 'n';
}

/* ---------------------------------------------------------------- parts */

static const char *
locality_name(guint8 loc)
{
  return loc == KB_LOCALITY_HOME ? "home" : loc == KB_LOCALITY_AWAY ? "away" : "unknown";
}

/* Appends 'node' to 'nodes' unless it is there already. */
static void
add_once(GArray *nodes, size_t node)
{
  for (guint k = 0; k < nodes->len; k++)
    if (g_array_index(nodes, size_t, k) == node)
      return;
  g_array_append_val(nodes, node);
}

static void
nodes_part(GString *out, const KbDataset *ds, const KbExploreLayout *layout)
{
  g_autofree guint8 *loc = kb_dataset_localities(ds);
  g_autofree gboolean *home_area = kb_dataset_home_area(ds);
  size_t n = kb_dataset_node_count(ds);
  /* themes per node: works_on */
  g_autoptr(GPtrArray) themes = g_ptr_array_new_full((guint) n, (GDestroyNotify) g_array_unref);
  for (size_t i = 0; i < n; i++)
    g_ptr_array_add(themes, g_array_new(FALSE, FALSE, sizeof(size_t)));
  for (size_t r = 0; r < kb_dataset_relation_count(ds); r++) {
    const KbRelation *rel = kb_dataset_relation(ds, r);
    if (rel->kind != KB_REL_WORKS_ON)
      continue;
    add_once(g_ptr_array_index(themes, rel->from), rel->to);
  }
  /* countries per organisation: where it is or is active, rolled up; for
   * the view of sectors by country */
  g_autoptr(GPtrArray) countries = g_ptr_array_new_full((guint) n, (GDestroyNotify) g_array_unref);
  for (size_t i = 0; i < n; i++)
    g_ptr_array_add(countries, g_array_new(FALSE, FALSE, sizeof(size_t)));
  for (size_t r = 0; r < kb_dataset_relation_count(ds); r++) {
    const KbRelation *rel = kb_dataset_relation(ds, r);
    if ((rel->kind != KB_REL_LOCATED_IN && rel->kind != KB_REL_ACTIVE_IN)
        || kb_dataset_node(ds, rel->from)->kind != KB_NODE_ORGANISATION)
      continue;
    size_t *up = NULL;
    size_t n_up = kb_dataset_enclosing_places(ds, rel->to, &up);
    GArray *c = g_ptr_array_index(countries, rel->from);
    for (size_t k = 0; k <= n_up; k++) {
      size_t place = k < n_up ? up[k] : rel->to;
      if (kb_dataset_node(ds, place)->kind == KB_NODE_COUNTRY)
        add_once(c, place);
    }
    g_free(up);
  }
  key(out, "nodes");
  g_string_append_c(out, '[');
  for (size_t i = 0; i < n; i++) {
    const KbNode *node = kb_dataset_node(ds, i);
    comma(out);
    g_string_append_c(out, '{');
    key_text(out, "id", node->id);
    key_text(out, "label", node->label);
    key_text(out, "kind", kb_node_kind_name(node->kind));
    if (node->sector != KB_NO_NODE)
      key_int(out, "sector", (long long) node->sector);
    if (node->kind == KB_NODE_ORGANISATION)
      key_text(out, "where", locality_name(loc[i]));
    else if (kb_node_kind_is_place(node->kind))
      key_text(out, "where", home_area[i] ? "home" : "away");
    GArray *t = g_ptr_array_index(themes, i);
    if (t->len > 0)
      key_nodes(out, "themes", (const size_t *) (void *) t->data, t->len);
    GArray *c = g_ptr_array_index(countries, i);
    if (c->len > 0)
      key_nodes(out, "countries", (const size_t *) (void *) c->data, c->len);
    if (layout->drawn[i]) {
      char b[2][G_ASCII_DTOSTR_BUF_SIZE];
      key(out, "x");
      g_string_append(out, g_ascii_formatd(b[0], sizeof b[0], "%.1f", layout->x[i]));
      key(out, "y");
      g_string_append(out, g_ascii_formatd(b[1], sizeof b[1], "%.1f", layout->y[i]));
    }
    if (node->kind == KB_NODE_SECTOR)
      key_text(out, "colour", kb_map_sector_colour(ds, i));
    key_text(out, "description", node->description);
    key_text(out, "website", node->website);
    key_text(out, "source", node->source);
    g_string_append_c(out, '}');
  }
  g_string_append_c(out, ']');
}

static void
relations_part(GString *out, const KbDataset *ds, int first, int last, gboolean have_years)
{
  int data_year = kb_dataset_year(ds);
  key(out, "relations");
  g_string_append_c(out, '[');
  for (size_t r = 0; r < kb_dataset_relation_count(ds); r++) {
    const KbRelation *rel = kb_dataset_relation(ds, r);
    comma(out);
    g_string_append_c(out, '{');
    key_int(out, "from", (long long) rel->from);
    key_int(out, "to", (long long) rel->to);
    key_text(out, "kind", kb_rel_kind_name(rel->kind));
    g_autofree char *since = kb_date_format(rel->since, rel->since_q);
    g_autofree char *until = kb_date_format(rel->until, rel->until_q);
    if (*since)
      key_text(out, "since", since);
    if (*until)
      key_text(out, "until", until);
    key_text(out, "status", kb_rel_status_name(rel->status));
    key_text(out, "label", rel->label);
    key_text(out, "source", rel->source);
    key_text(out, "note", rel->note);
    key(out, "held");
    g_string_append_c(out, '"');
    for (int y = first; have_years && y <= last; y++)
      g_string_append_c(out, held_code(rel, y, data_year));
    g_string_append_c(out, held_code(rel, KB_NO_YEAR, data_year));
    g_string_append_c(out, '"');
    g_string_append_c(out, '}');
  }
  g_string_append_c(out, ']');
}

/* One organisation's suggestions: [with, score, node, kind, node, kind,
 * ...], compact, as there are up to SYNERGY_TOP per organisation; the
 * reasons (context node and KbContextKind) only where known. */
static void
suggestion(GString *out, gboolean first, size_t with, double score, const KbReason *reasons,
           size_t n_reasons)
{
  g_string_append_printf(out, "%s[%zu,", first ? "" : ",", with);
  kb_csv_append_number(out, score);
  for (size_t k = 0; k < n_reasons; k++)
    g_string_append_printf(out, ",%zu,%d", reasons[k].context, (int) reasons[k].kind);
  g_string_append_c(out, ']');
}

static gboolean
each_emit(size_t org, const KbSuggestion *best, size_t n, gpointer data)
{
  GString *out = data;
  if (n == 0)
    return TRUE;
  comma(out);
  g_string_append_printf(out, "\"%zu\":[", org);
  for (size_t p = 0; p < n; p++)
    suggestion(out, p == 0, best[p].node, best[p].score, NULL, 0);
  g_string_append_c(out, ']');
  return TRUE;
}

/* Per organisation, what `synergy --org ID` lists (its defaults: pairs of
 * different sectors, the home left out, the best SYNERGY_TOP), with the
 * reasons. Above KB_EXPLORE_DETAIL_MAX organisations, where that takes
 * minutes, the same pairs and scores from kb_synergy_each(), which does
 * not give the reasons. Sets *reasons to whether they are there. */
static void
synergy_part(GString *out, const KbDataset *view, gboolean *reasons)
{
  size_t n_orgs = 0;
  for (size_t i = 0; i < kb_dataset_node_count(view); i++)
    n_orgs += kb_dataset_node(view, i)->kind == KB_NODE_ORGANISATION;
  KbSynergyOptions so;
  kb_synergy_options_init(&so);
  key(out, "synergy");
  g_string_append_c(out, '{');
  *reasons = n_orgs <= KB_EXPLORE_DETAIL_MAX;
  if (!*reasons) {
    /* cannot fail: each_emit always goes on */
    kb_synergy_each(view, &so, SYNERGY_TOP, each_emit, out, NULL, NULL, NULL);
    g_string_append_c(out, '}');
    return;
  }
  for (size_t i = 0; i < kb_dataset_node_count(view); i++) {
    if (kb_dataset_node(view, i)->kind != KB_NODE_ORGANISATION)
      continue;
    so.org = i;
    so.top = SYNERGY_TOP;
    /* one organisation's pairs: no search that could fail */
    g_autoptr(KbSynergy) syn = kb_synergy_compute(view, &so, NULL);
    if (syn == NULL || syn->gave_up || syn->n_pairs == 0)
      continue;
    comma(out);
    g_string_append_printf(out, "\"%zu\":[", i);
    for (size_t p = 0; p < syn->n_pairs; p++) {
      const KbSynergyPair *pair = &syn->pairs[p];
      suggestion(out, p == 0, pair->a == i ? pair->b : pair->a, pair->score, pair->reasons,
                 pair->n_reasons);
    }
    g_string_append_c(out, ']');
  }
  g_string_append_c(out, '}');
}

static void
bridges_list(GString *out, const KbDataset *view, size_t sector, size_t place, int year)
{
  g_autoptr(KbBridges) br = kb_bridges_compute(view, sector, place, year, NULL);
  if (br == NULL || br->n_introducers == 0)
    return;
  comma(out);
  g_string_append_printf(out, "\"%zu\":[", sector);
  for (size_t k = 0; k < br->n_introducers && k < BRIDGES_TOP; k++) {
    const KbIntroducer *in = &br->introducers[k];
    g_string_append(out, k ? ",{" : "{");
    key_int(out, "node", (long long) in->node);
    key_text(out, "reach", kb_reach_name(in->reach));
    key_text(out, "closeness", kb_closeness_name(in->closeness));
    key_int(out, "score", in->score);
    g_string_append_c(out, '}');
  }
  g_string_append_c(out, ']');
}

/* Per drawn place: the index entry and the introducers per sector. */
static void
places_part(GString *out, const KbDataset *view, const KbExploreLayout *layout,
            gboolean *bridges_done)
{
  const KbIndexBy by[] = { KB_INDEX_BY_CITY, KB_INDEX_BY_REGION, KB_INDEX_BY_COUNTRY };
  g_autoptr(GArray) sectors = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < kb_dataset_node_count(view); i++)
    if (kb_dataset_node(view, i)->kind == KB_NODE_SECTOR)
      g_array_append_val(sectors, i);
  size_t n_places = 0;
  for (size_t i = 0; i < kb_dataset_node_count(view); i++) {
    KbNodeKind k = kb_dataset_node(view, i)->kind;
    n_places += layout->drawn[i] && k != KB_NODE_ORGANISATION && k != KB_NODE_NETWORK;
  }
  *bridges_done = (double) n_places * sectors->len * (double) kb_dataset_relation_count(view)
                  <= BRIDGES_WORK_MAX;
  int year = kb_dataset_year(view);
  key(out, "places");
  g_string_append_c(out, '{');
  for (size_t b = 0; b < G_N_ELEMENTS(by); b++) {
    g_autoptr(KbIndex) ix = kb_index_entries(view, by[b]);
    for (size_t e = 0; e < ix->n_entries; e++) {
      const KbIndexEntry *en = &ix->entries[e];
      if (!layout->drawn[en->node])
        continue;
      comma(out);
      g_string_append_printf(out, "\"%zu\":{", en->node);
      key_nodes(out, "orgs", en->orgs, en->n_orgs);
      key_nodes(out, "partners", en->partners, en->n_partners);
      key_int(out, "sectors", (long long) en->n_sectors);
      key_number(out, "diversity", en->diversity);
      if (en->first_year != KB_NO_YEAR)
        key_int(out, "first_year", en->first_year);
      key_int(out, "open_pairs", (long long) en->open_pairs);
      if (*bridges_done) {
        key(out, "bridges");
        g_string_append_c(out, '{');
        for (guint s = 0; s < sectors->len; s++)
          bridges_list(out, view, g_array_index(sectors, size_t, s), en->node, year);
        g_string_append_c(out, '}');
      }
      g_string_append_c(out, '}');
    }
  }
  g_string_append_c(out, '}');
}

/* ---------------------------------------------------------------- whole */

static char *
data_json(const KbDataset *ds, const KbExploreOptions *opts, const KbExploreLayout *layout)
{
  GString *out = g_string_new("{");
  key_int(out, "version", 1);
  key_text(out, "generator", "klaverblad " KB_VERSION);
  key_text(out, "lang", opts->lang == KB_LANG_NL ? "nl" : "en");
  key_text(out, "title", kb_dataset_title(ds) ? kb_dataset_title(ds) : kb_dataset_name(ds));
  key_text(out, "source", opts->source_name ? opts->source_name : kb_dataset_name(ds));
  if (kb_dataset_year(ds) != KB_NO_YEAR)
    key_int(out, "year", kb_dataset_year(ds));
  int first = 0, last = 0;
  gboolean have_years = year_range(ds, &first, &last);
  if (have_years) {
    key_int(out, "first_year", first);
    key_int(out, "last_year", last);
  }
  if (kb_dataset_home(ds) != KB_NO_NODE)
    key_int(out, "home", (long long) kb_dataset_home(ds));
  key(out, "open");
  g_string_append_c(out, '{');
  if (opts->open.year != KB_NO_YEAR)
    key_int(out, "year", opts->open.year);
  key(out, "planned");
  g_string_append(out, opts->open.with_planned ? "true" : "false");
  key(out, "unsure");
  g_string_append(out, opts->open.with_unsure ? "true" : "false");
  g_string_append_c(out, '}');
  key_int(out, "drawn", (long long) layout->n_drawn);
  key_int(out, "detail_max", KB_EXPLORE_DETAIL_MAX);
  key(out, "context_kinds");
  g_string_append_c(out, '[');
  for (int k = 0; k < KB_CONTEXT_KIND_COUNT; k++) {
    comma(out);
    kb_i_json_append_string_as(out, kb_context_kind_name(k), TRUE);
  }
  g_string_append_c(out, ']');
  nodes_part(out, ds, layout);
  relations_part(out, ds, first, last, have_years);
  /* the figures: of the year the data describes, as the commands give them */
  KbYearView yv;
  kb_year_view_init(&yv, ds);
  g_autoptr(KbDataset) view = kb_dataset_view(ds, &yv, NULL);
  gboolean reasons = FALSE;
  synergy_part(out, view, &reasons);
  key(out, "synergy_reasons");
  g_string_append(out, reasons ? "true" : "false");
  gboolean bridges_done = FALSE;
  places_part(out, view, layout, &bridges_done);
  key(out, "bridges_computed");
  g_string_append(out, bridges_done ? "true" : "false");
  g_string_append(out, "}");
  return g_string_free(out, FALSE);
}

void
kb_explore_options_init(KbExploreOptions *opts, const KbDataset *ds)
{
  g_return_if_fail(opts != NULL);
  memset(opts, 0, sizeof *opts);
  opts->lang = ds != NULL && g_strcmp0(kb_dataset_language(ds), "nl") == 0 ? KB_LANG_NL
                                                                        : KB_LANG_EN;
  if (ds != NULL)
    kb_year_view_init(&opts->open, ds);
  else
    opts->open = (KbYearView) { .year = KB_NO_YEAR };
}

char *
kb_explore_data(const KbDataset *ds, const KbExploreOptions *opts, GError **error)
{
  g_return_val_if_fail(ds != NULL && opts != NULL, NULL);
  if (opts->renderer == NULL) {
    g_set_error_literal(error, KB_ERROR, KB_ERROR_ARGUMENT, "the explorer needs "
                        "klaverblad-render for its layout, and it was not found");
    return NULL;
  }
  KbExploreLayout layout = { 0 };
  kb_i_explore_drawn(ds, &layout);
  if (layout.n_drawn > KB_EXPLORE_LAYOUT_MAX) {
    g_set_error(error, KB_ERROR, KB_ERROR_LIMIT, "the explorer draws at most %d nodes "
                "(organisations, networks and the places they are at); this dataset has %zu",
                KB_EXPLORE_LAYOUT_MAX, layout.n_drawn);
    kb_i_explore_layout_release(&layout);
    return NULL;
  }
  char *json = NULL;
  if (kb_i_explore_layout(ds, opts->renderer, &layout, error))
    json = data_json(ds, opts, &layout);
  kb_i_explore_layout_release(&layout);
  return json;
}
