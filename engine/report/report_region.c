/* report_region.c -- the report of a regional network: a hub of
 * municipalities at home, with nothing abroad. Its key figures describe
 * the members instead of places abroad, and its section answers how
 * central the centre municipality is, how the seats in the bodies are
 * spread over provinces and municipality sizes, which members hang on one
 * consultation, and how the network grew by year.
 *
 * A member's municipality is the city it is, or the city it is located_in
 * (the first by id). The province of a city is the region it lies in
 * (located_in or part_of, directly) that holds the most of the members'
 * cities, the first by id on a tie; the provinces are those of the
 * members' cities. A member located directly in one of those regions
 * counts there too. The size of a municipality is its city's `inwoners`
 * attribute (a whole number), dated by `inwoners_peildatum`. */
#include <math.h>
#include <string.h>

#include "report/report_internal.h"


/* The size classes, by inhabitants: [lower, upper). */
static const struct {
  guint64 lower, upper;
  const char *key, *name;
} size_classes[] = {
  { 0, 20000, "under_20000", "under 20 000" },
  { 20000, 50000, "from_20000", "20 000 to 50 000" },
  { 50000, 100000, "from_50000", "50 000 to 100 000" },
  { 100000, G_MAXUINT64, "from_100000", "100 000 and more" },
};

typedef struct {
  const KbDataset *ds;
  KbLang lang;
  size_t *city;             /* per node: its municipality's city, or KB_NO_NODE */
  size_t *province;         /* per node: its province, or KB_NO_NODE */
  GArray *provinces;        /* the provinces, by id */
} Places;

/* ------------------------------------------------------------- places */

static gboolean
is_region(const KbDataset *ds, size_t n)
{
  return kb_dataset_node(ds, n)->kind == KB_NODE_REGION;
}

static void
places_build(Places *p, const KbDataset *ds, const KbRegion *rg, KbLang lang)
{
  size_t nodes = kb_dataset_node_count(ds);
  p->ds = ds;
  p->lang = lang;
  p->city = g_new(size_t, nodes + 1);
  p->province = g_new(size_t, nodes + 1);
  for (size_t i = 0; i < nodes; i++) {
    p->city[i] = kb_dataset_node(ds, i)->kind == KB_NODE_CITY ? i : KB_NO_NODE;
    p->province[i] = KB_NO_NODE;
  }
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind != KB_REL_LOCATED_IN || kb_dataset_node(ds, r->from)->kind == KB_NODE_CITY
        || kb_dataset_node(ds, r->to)->kind != KB_NODE_CITY)
      continue;
    size_t *c = &p->city[r->from];
    if (*c == KB_NO_NODE || strcmp(kb_dataset_node(ds, r->to)->id, kb_dataset_node(ds, *c)->id) < 0)
      *c = r->to;
  }
  /* the members' cities in each region */
  size_t *held = g_new0(size_t, nodes + 1);
  gboolean *counted = g_new0(gboolean, nodes + 1);
  for (size_t i = 0; i < rg->n_members; i++)
    if (p->city[rg->members[i]] != KB_NO_NODE)
      counted[p->city[rg->members[i]]] = TRUE;
  for (size_t k = 0; k < kb_dataset_relation_count(ds); k++) {
    const KbRelation *r = kb_dataset_relation(ds, k);
    if (counted[r->from] && kb_relation_is_geography(r) && is_region(ds, r->to))
      held[r->to]++;
  }
  /* each city's province: the region holding the most members' cities */
  size_t *of_city = g_new(size_t, nodes + 1);
  for (size_t i = 0; i <= nodes; i++)
    of_city[i] = KB_NO_NODE;
  for (size_t k = 0; k < kb_dataset_relation_count(ds); k++) {
    const KbRelation *r = kb_dataset_relation(ds, k);
    if (kb_dataset_node(ds, r->from)->kind != KB_NODE_CITY || !kb_relation_is_geography(r)
        || !is_region(ds, r->to))
      continue;
    size_t *best = &of_city[r->from];
    if (*best == KB_NO_NODE || held[r->to] > held[*best]
        || (held[r->to] == held[*best]
            && strcmp(kb_dataset_node(ds, r->to)->id, kb_dataset_node(ds, *best)->id) < 0))
      *best = r->to;
  }
  gboolean *is_province = g_new0(gboolean, nodes + 1);
  for (size_t i = 0; i < rg->n_members; i++) {
    size_t c = p->city[rg->members[i]];
    if (c != KB_NO_NODE && of_city[c] != KB_NO_NODE)
      is_province[of_city[c]] = TRUE;
  }
  p->provinces = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < nodes; i++) {
    if (is_province[i])
      g_array_append_val(p->provinces, i);
    p->province[i] = p->city[i] != KB_NO_NODE ? of_city[p->city[i]] : KB_NO_NODE;
  }
  for (size_t k = 0; k < kb_dataset_relation_count(ds); k++) {
    const KbRelation *r = kb_dataset_relation(ds, k);
    if (r->kind == KB_REL_LOCATED_IN && p->province[r->from] == KB_NO_NODE
        && p->city[r->from] == KB_NO_NODE && is_province[r->to])
      p->province[r->from] = r->to;
  }
  g_free(held);
  g_free(counted);
  g_free(of_city);
  g_free(is_province);
}

static void
places_release(Places *p)
{
  g_free(p->city);
  g_free(p->province);
  g_array_unref(p->provinces);
}

/* A municipality: a city, or a government organisation located in one. */
static gboolean
is_municipality(const Places *p, size_t n)
{
  const KbNode *node = kb_dataset_node(p->ds, n);
  if (node->kind == KB_NODE_CITY)
    return TRUE;
  return p->city[n] != KB_NO_NODE && node->sector != KB_NO_NODE
         && kb_sector_role(kb_dataset_node(p->ds, node->sector)) == KB_SECTOR_ROLE_GOVERNMENT;
}

/* The inhabitants of the municipality of 'n' (its city's inwoners), or
 * FALSE when it is none or the data gives no whole number. */
static gboolean
inhabitants(const Places *p, size_t n, guint64 *out)
{
  if (!is_municipality(p, n))
    return FALSE;
  const char *v = kb_node_attr(kb_dataset_node(p->ds, p->city[n]), "inwoners");
  return v != NULL && *v != '\0'
         && g_ascii_string_to_unsigned(v, 10, 0, G_MAXUINT64, out, NULL);
}

/* The size class of 'n', or G_N_ELEMENTS(size_classes) for none. */
static size_t
size_class(const Places *p, size_t n)
{
  guint64 people;
  if (!inhabitants(p, n, &people))
    return G_N_ELEMENTS(size_classes);
  size_t k = 0;
  while (k + 1 < G_N_ELEMENTS(size_classes) && people >= size_classes[k].upper)
    k++;
  return k;
}

/* ------------------------------------------------------------ wording */

char *
kb_i_report_figure(double v, KbLang lang)
{
  if (isnan(v))
    return g_strdup("-");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.3f", v);
  if (lang == KB_LANG_NL)
    *strchr(buf, '.') = ',';
  return g_strdup(buf);
}

/* A year as the data qualifies it, in words: [..2015] is "by 2015". */
static char *
year_words(int year, KbDateQualifier q, KbLang lang)
{
  if (year == KB_NO_YEAR)
    return g_strdup(kb_tr(lang, "no year given"));
  switch (q) {
  case KB_DATE_OR_EARLIER:
    return g_strdup_printf(kb_tr(lang, "by %d"), year);
  case KB_DATE_OR_LATER:
    return g_strdup_printf(kb_tr(lang, "%d or later"), year);
  case KB_DATE_APPROXIMATE:
    return g_strdup_printf(kb_tr(lang, "about %d"), year);
  case KB_DATE_UNCERTAIN:
    return g_strdup_printf(kb_tr(lang, "%d (uncertain)"), year);
  case KB_DATE_APPROXIMATE_UNCERTAIN:
    return g_strdup_printf(kb_tr(lang, "about %d (uncertain)"), year);
  case KB_DATE_EXACT:
  default:
    return g_strdup_printf("%d", year);
  }
}

static void
add_text(KbiRegionPart *part, char *text)
{
  KbiBlock b = { text, NULL, NULL };
  g_array_append_val(part->blocks, b);
}

static void
add_sheet(KbiRegionPart *part, const KbSheet *sheet, const char *file)
{
  KbiBlock b = { NULL, sheet, g_strdup(file) };
  g_array_append_val(part->blocks, b);
}

/* --------------------------------------------------------- the figures */

static void
key_figures(KbiRegionPart *part, const Places *p)
{
  const KbDataset *ds = p->ds;
  const KbRegion *rg = part->region;
  KbLang lang = p->lang;
  part->key_figures[0] =
    g_strdup_printf(kb_tr(lang, "%s has %zu members: %zu municipalities in %zu provinces, and %zu "
                            "other members."),
                    kb_dataset_node(ds, rg->hub)->label, rg->n_members, part->municipalities,
                    part->provinces, rg->n_members - part->municipalities);
  g_autofree char *d = kb_i_report_figure(rg->degree_centralization, lang);
  g_autofree char *b = kb_i_report_figure(rg->betweenness_centralization, lang);
  if (isnan(rg->degree_centralization)) {
    part->key_figures[1] =
      g_strdup_printf(kb_tr(lang, "The member network's centralization is left out: it is computed "
                              "for 3 to %d members whose bodies make at most 5*10^7 pairs."),
                      KB_REGION_MAX_MEMBERS);
  } else if (rg->n_centre > 0) {
    g_autofree char *centre = kb_join_labels(ds, rg->centre, rg->n_centre, 0);
    g_autofree char *dw = kb_i_report_figure(rg->degree_centralization_without, lang);
    g_autofree char *bw = kb_i_report_figure(rg->betweenness_centralization_without, lang);
    part->key_figures[1] =
      g_strdup_printf(kb_tr(lang, "Centralization of the member network: degree %s, betweenness %s; "
                              "without %s: degree %s, betweenness %s."),
                      d, b, centre, dw, bw);
  } else {
    part->key_figures[1] =
      g_strdup_printf(kb_tr(lang, "Centralization of the member network: degree %s, betweenness "
                              "%s; no member is the home city or its municipality."), d, b);
  }
  size_t one = 0;
  for (size_t i = 0; i < rg->n_loose; i++)
    one += rg->loose[i].body != KB_NO_NODE;
  part->key_figures[2] =
    g_strdup_printf(kb_tr(lang, "%zu members hang on one consultation; %zu on the membership "
                            "alone."), one, rg->n_loose - one);
}

/* A row of the centralization sheet: 't' (freed here) and its value for
 * all members. */
static void
place_row(KbSheet *s, char *t, double value, gboolean without)
{
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, t);
  kb_sheet_put_number(s, value);
  if (without)
    kb_sheet_put_number(s, NAN);
  g_free(t);
}

static void
centralization_sheet(KbiRegionPart *part, const Places *p)
{
  const KbDataset *ds = p->ds;
  const KbRegion *rg = part->region;
  KbLang lang = p->lang;
  const char *hub = kb_dataset_node(ds, rg->hub)->label;
  add_text(part, g_strdup_printf(kb_tr(lang, "The member network of %s: its %zu members, two of "
                                         "them tied when they sit together in another body or "
                                         "consultation, or when a partnership or funding joins "
                                         "them. "
                                         "The membership of %s itself, which ties every member "
                                         "to every other alike, makes no tie."),
                                 hub, rg->n_members, hub));
  KbSheet *s = kb_doc_add_sheet(part->doc, "centralization",
                                kb_tr(lang, "How central the centre municipality is"));
  g_autofree char *centre = rg->n_centre > 0 ? kb_join_labels(ds, rg->centre, rg->n_centre, 0)
                                             : NULL;
  g_autofree char *without = centre ? g_strdup_printf(kb_tr(lang, "without %s"), centre) : NULL;
  kb_sheet_add_column(s, "measure", kb_tr(lang, "Measure"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "all", kb_tr(lang, "all members"), KB_COLUMN_NUMBER, 3);
  if (without)
    kb_sheet_add_column(s, "without_centre", without, KB_COLUMN_NUMBER, 3);
  struct { const char *name; double all, without; } rows[] = {
    { "members", (double) rg->n_members, (double) (rg->n_members - rg->n_centre) },
    { "degree centralization (Freeman)", rg->degree_centralization,
      rg->degree_centralization_without },
    { "betweenness centralization (Freeman)", rg->betweenness_centralization,
      rg->betweenness_centralization_without },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_tr(lang, rows[i].name));
    kb_sheet_put_number(s, rows[i].all);
    if (without)
      kb_sheet_put_number(s, rows[i].without);
  }
  if (rg->degree != NULL) {
    /* the centre's own place, beside the most central other members */
    size_t most_ties = KB_NO_NODE, most_between = KB_NO_NODE, c = 0;
    for (size_t i = 0; i < rg->n_members; i++) {
      if (c < rg->n_centre && rg->centre[c] == rg->members[i]) {
        const char *who = kb_dataset_node(ds, rg->members[i])->label;
        place_row(s, g_strdup_printf(kb_tr(lang, "ties of %s (degree)"), who),
                  (double) rg->degree[i], without != NULL);
        place_row(s, g_strdup_printf(kb_tr(lang, "betweenness of %s (of the most possible)"), who),
                  rg->betweenness[i], without != NULL);
        c++;
        continue;
      }
      if (most_ties == KB_NO_NODE || rg->degree[i] > rg->degree[most_ties])
        most_ties = i;
      if (most_between == KB_NO_NODE || rg->betweenness[i] > rg->betweenness[most_between])
        most_between = i;
    }
    if (most_ties != KB_NO_NODE) {
      place_row(s, g_strdup_printf(kb_tr(lang, "most ties of another member: %s"),
                                   kb_dataset_node(ds, rg->members[most_ties])->label),
                (double) rg->degree[most_ties], without != NULL);
      place_row(s, g_strdup_printf(kb_tr(lang, "highest betweenness of another member: %s"),
                                   kb_dataset_node(ds, rg->members[most_between])->label),
                rg->betweenness[most_between], without != NULL);
    }
  }
  add_sheet(part, s, "region-centralization");
  add_text(part, g_strdup(kb_tr(lang, "Freeman's centralization is 1 for a star, one member tied "
                                  "to all the others and they to no one else, and 0 where "
                                  "every member has as many ties (degree) or none lies on the "
                                  "shortest paths between others (betweenness). A figure that "
                                  "falls without the centre municipality says how much the "
                                  "network hangs on it; one that rises, that other members "
                                  "hold it together more.")));
}

static gint
compare_ids(gconstpointer x, gconstpointer y, gpointer ds)
{
  return strcmp(kb_dataset_node(ds, *(const size_t *) x)->id,
                kb_dataset_node(ds, *(const size_t *) y)->id);
}

/* The hub, then its bodies: the networks part_of it, by id. */
static GArray *
bodies(const KbDataset *ds, size_t hub)
{
  GArray *b = g_array_new(FALSE, FALSE, sizeof(size_t));
  g_array_append_val(b, hub);
  g_autofree gboolean *seen = g_new0(gboolean, kb_dataset_node_count(ds) + 1);
  GArray *rest = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind == KB_REL_PART_OF && r->to == hub && r->from != hub && !seen[r->from]
        && kb_dataset_node(ds, r->from)->kind == KB_NODE_NETWORK) {
      seen[r->from] = TRUE;
      g_array_append_val(rest, r->from);
    }
  }
  g_array_sort_with_data(rest, compare_ids, (gpointer) ds);
  g_array_append_vals(b, rest->data, rest->len);
  g_array_unref(rest);
  return b;
}

/* The seats of each of the 'n' bodies (node indices of 'ds'): for body k,
 * out[k] holds the relations that make a node member_of it, one per node
 * (the first by relation order, whose label is shown), planned ones left
 * out. One pass over the relations. Returns a new array of n arrays. */
static GArray **
seats_of(const KbDataset *ds, const size_t *bodies, size_t n)
{
  size_t nodes = kb_dataset_node_count(ds);
  g_autofree size_t *which = g_new(size_t, nodes + 1);
  for (size_t i = 0; i <= nodes; i++)
    which[i] = KB_NO_NODE;
  GArray **out = g_new(GArray *, n + 1);
  for (size_t k = 0; k < n; k++) {
    out[k] = g_array_new(FALSE, FALSE, sizeof(size_t));   /* relation indices */
    if (bodies[k] != KB_NO_NODE)
      which[bodies[k]] = k;
  }
  GHashTable *seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind != KB_REL_MEMBER_OF || which[r->to] == KB_NO_NODE
        || r->status == KB_STATUS_PLANNED)
      continue;
    gint64 *key = g_new(gint64, 1);
    *key = ((gint64) which[r->to] << 32) | (gint64) r->from;
    if (!g_hash_table_add(seen, key))
      continue;
    g_array_append_val(out[which[r->to]], i);
  }
  g_hash_table_unref(seen);
  return out;
}

static void
seats_free(GArray **seats, size_t n)
{
  for (size_t k = 0; k < n; k++)
    g_array_unref(seats[k]);
  g_free(seats);
}

static gint
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* A sentence on the seats of the bodies that 'all' holds and the year's
 * view leaves out (their dates do not say whether they held then), or
 * nothing when there are none. */
static void
left_out_seats(KbiRegionPart *part, const Places *p, const KbDataset *all, const GArray *bs,
               GArray **shown, int year)
{
  /* the same bodies in every relation */
  g_autofree size_t *in_all = g_new(size_t, bs->len + 1);
  for (guint b = 0; b < bs->len; b++)
    in_all[b] = kb_dataset_find(all, kb_dataset_node(p->ds, g_array_index(bs, size_t, b))->id);
  GArray **every = seats_of(all, in_all, bs->len);
  size_t left = 0;
  for (guint b = 1; b < bs->len; b++)
    if (every[b]->len > shown[b]->len)
      left += every[b]->len - shown[b]->len;
  seats_free(every, bs->len);
  if (left > 0 && year != KB_NO_YEAR)
    add_text(part, g_strdup_printf(kb_tr(p->lang, "%zu seats in the bodies are not counted: their "
                                              "dates do not say whether they held in %d (or "
                                              "they had ended). The report of another year "
                                              "(--as-of) counts the bodies as they were then."),
                                   left, year));
}

static void
representation_sheets(KbiRegionPart *part, const Places *p, const KbDataset *all, int year)
{
  const KbDataset *ds = p->ds;
  KbLang lang = p->lang;
  g_autoptr(GArray) bs = bodies(ds, part->region->hub);
  KbSheet *prov = kb_doc_add_sheet(part->doc, "by_province",
                                   kb_tr(lang, "Seats by province"));
  KbSheet *size = kb_doc_add_sheet(part->doc, "by_size",
                                   kb_tr(lang, "Seats by municipality size (inhabitants)"));
  KbSheet *who = kb_doc_add_sheet(part->doc, "seats", kb_tr(lang, "Who sits where"));
  kb_sheet_add_column(prov, "body", kb_tr(lang, "body"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(prov, "seats", kb_tr(lang, "seats"), KB_COLUMN_INT, 0);
  for (guint k = 0; k < p->provinces->len; k++) {
    const KbNode *n = kb_dataset_node(ds, g_array_index(p->provinces, size_t, k));
    kb_sheet_add_column(prov, n->id, n->label, KB_COLUMN_INT, 0);
  }
  kb_sheet_add_column(prov, "none", kb_tr(lang, "in no province"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(size, "body", kb_tr(lang, "body"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(size, "seats", kb_tr(lang, "seats"), KB_COLUMN_INT, 0);
  for (size_t k = 0; k < G_N_ELEMENTS(size_classes); k++)
    kb_sheet_add_column(size, size_classes[k].key, kb_tr(lang, size_classes[k].name),
                        KB_COLUMN_INT, 0);
  kb_sheet_add_column(size, "none", kb_tr(lang, "no municipality or no figure"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(who, "body", kb_tr(lang, "body"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(who, "member", kb_tr(lang, "member"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(who, "province", kb_tr(lang, "province"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(who, "inhabitants", kb_tr(lang, "inhabitants"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(who, "as", kb_tr(lang, "as (the relation's label)"), KB_COLUMN_TEXT, 0);
  size_t n_prov = p->provinces->len, n_size = G_N_ELEMENTS(size_classes);
  GArray **seats = seats_of(ds, (const size_t *) bs->data, bs->len);
  for (guint b = 0; b < bs->len; b++) {
    size_t body = g_array_index(bs, size_t, b);
    GArray *ss = seats[b];
    if (ss->len == 0)
      continue;
    g_autofree size_t *by_prov = g_new0(size_t, n_prov + 1);
    g_autofree size_t *by_size = g_new0(size_t, n_size + 1);
    for (guint i = 0; i < ss->len; i++) {
      const KbRelation *r = kb_dataset_relation(ds, g_array_index(ss, size_t, i));
      size_t pv = p->province[r->from], k = 0;
      while (k < n_prov && g_array_index(p->provinces, size_t, k) != pv)
        k++;
      by_prov[k]++;
      by_size[size_class(p, r->from)]++;
      if (b == 0)
        continue;   /* the members of the hub are listed under growth */
      guint64 people;
      kb_sheet_begin_row(who);
      kb_sheet_put_text(who, kb_dataset_node(ds, body)->label);
      kb_sheet_put_text(who, kb_dataset_node(ds, r->from)->label);
      kb_sheet_put_text(who, pv != KB_NO_NODE ? kb_dataset_node(ds, pv)->label : NULL);
      if (inhabitants(p, r->from, &people))
        kb_sheet_put_int(who, (long long) people);
      else
        kb_sheet_put_text(who, NULL);
      kb_sheet_put_text(who, r->label);
    }
    g_autofree char *name = b == 0 ? g_strdup_printf(kb_tr(lang, "%s (members)"),
                                                     kb_dataset_node(ds, body)->label)
                                   : g_strdup(kb_dataset_node(ds, body)->label);
    kb_sheet_begin_row(prov);
    kb_sheet_put_text(prov, name);
    kb_sheet_put_int(prov, ss->len);
    for (size_t k = 0; k <= n_prov; k++)
      kb_sheet_put_int(prov, (long long) by_prov[k]);
    kb_sheet_begin_row(size);
    kb_sheet_put_text(size, name);
    kb_sheet_put_int(size, ss->len);
    for (size_t k = 0; k <= n_size; k++)
      kb_sheet_put_int(size, (long long) by_size[k]);
  }
  add_text(part, g_strdup(kb_tr(lang, "Who sits in the bodies and consultations of the network "
                                  "(the networks that are part of it), counted by the "
                                  "province and the size of the municipality each seat "
                                  "belongs to; the first "
                                  "row counts the members themselves.")));
  add_sheet(part, prov, "region-by-province");
  left_out_seats(part, p, all, bs, seats, year);
  /* the dates of the members' figures, as the data gives them */
  GPtrArray *dates = g_ptr_array_new();
  for (size_t i = 0; i < part->region->n_members; i++) {
    size_t m = part->region->members[i];
    guint64 people;
    if (!inhabitants(p, m, &people))
      continue;
    const char *d = kb_node_attr(kb_dataset_node(ds, p->city[m]), "inwoners_peildatum");
    if (d == NULL || *d == '\0')
      continue;
    gboolean dup = FALSE;
    for (guint k = 0; k < dates->len && !dup; k++)
      dup = strcmp(g_ptr_array_index(dates, k), d) == 0;
    if (!dup)
      g_ptr_array_add(dates, (gpointer) d);
  }
  g_ptr_array_sort(dates, compare_strings);
  GString *ds_text = g_string_new(NULL);
  for (guint k = 0; k < dates->len; k++)
    g_string_append_printf(ds_text, "%s%s", k ? ", " : "",
                           (const char *) g_ptr_array_index(dates, k));
  g_ptr_array_unref(dates);
  add_text(part, ds_text->len > 0
    ? g_strdup_printf(kb_tr(lang, "Size classes by the inhabitants of each municipality (the "
                              "inwoners column of its city), as the data gives them, counted "
                              "on %s (inwoners_peildatum)."), ds_text->str)
    : g_strdup(kb_tr(lang, "Size classes by the inhabitants of each municipality (the inwoners "
                       "column of its city); the data gives no date for the figures.")));
  g_string_free(ds_text, TRUE);
  add_sheet(part, size, "region-by-size");
  add_sheet(part, who, "region-seats");
  seats_free(seats, bs->len);
}

static void
loose_sheet(KbiRegionPart *part, const Places *p)
{
  const KbDataset *ds = p->ds;
  const KbRegion *rg = part->region;
  KbLang lang = p->lang;
  add_text(part, g_strdup_printf(kb_tr(lang, "Members that hang on one consultation: beside the "
                                         "membership of %s, their only tie is one body or "
                                         "consultation (a member or partner of it), with no "
                                         "partnership or funding of their own; those with no "
                                         "such tie hang on the membership alone."),
                                 kb_dataset_node(ds, rg->hub)->label));
  KbSheet *s = kb_doc_add_sheet(part->doc, "loose",
                                kb_tr(lang, "Members that hang on one consultation"));
  kb_sheet_add_column(s, "member", kb_tr(lang, "member"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "province", kb_tr(lang, "province"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "hangs_on", kb_tr(lang, "hangs on"), KB_COLUMN_TEXT, 0);
  g_autofree char *alone = g_strdup_printf(kb_tr(lang, "the membership of %s alone"),
                                           kb_dataset_node(ds, rg->hub)->label);
  for (size_t i = 0; i < rg->n_loose; i++) {
    const KbRegionLoose *l = &rg->loose[i];
    size_t pv = p->province[l->member];
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, kb_dataset_node(ds, l->member)->label);
    kb_sheet_put_text(s, pv != KB_NO_NODE ? kb_dataset_node(ds, pv)->label : NULL);
    kb_sheet_put_text(s, l->body != KB_NO_NODE ? kb_dataset_node(ds, l->body)->label : alone);
  }
  add_sheet(part, s, "region-loose");
}

static void
growth_sheet(KbiRegionPart *part, const KbDataset *all, KbLang lang)
{
  size_t n;
  KbRegionYear *ys = kb_region_growth(all, &n);
  add_text(part, g_strdup(kb_tr(lang, "The members by the year they joined (the since of their "
                                  "membership), as the sources date it: \"by 2015\" ([..2015]) "
                                  "means in 2015 or before, \"2015 or later\" ([2015..]) in "
                                  "2015 or after; every relation counts here, whatever the "
                                  "report's year.")));
  KbSheet *s = kb_doc_add_sheet(part->doc, "growth", kb_tr(lang, "How the network grew"));
  kb_sheet_add_column(s, "year", kb_tr(lang, "year"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "joined", kb_tr(lang, "joined"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "members", kb_tr(lang, "members"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < n; i++) {
    g_autofree char *when = year_words(ys[i].year, ys[i].qualifier, lang);
    g_autofree char *who = kb_join_labels(all, ys[i].members, ys[i].n, 0);
    kb_sheet_begin_row(s);
    kb_sheet_put_text(s, when);
    kb_sheet_put_int(s, (long long) ys[i].n);
    kb_sheet_put_text(s, who);
  }
  kb_region_growth_free(ys, n);
  add_sheet(part, s, "region-growth");
}

/* ------------------------------------------------------------ questions */

static gint
compare_labels(gconstpointer x, gconstpointer y, gpointer ds)
{
  const KbNode *a = kb_dataset_node(ds, *(const size_t *) x);
  const KbNode *b = kb_dataset_node(ds, *(const size_t *) y);
  int c = strcmp(a->label, b->label);
  return c != 0 ? c : strcmp(a->id, b->id);
}

char *
kb_i_region_part_answer(const KbiRegionPart *part, const KbDataset *ds, const KbQuestion *q,
                        int year, unsigned section, KbLang lang)
{
  g_return_val_if_fail(part != NULL && ds != NULL && q != NULL, NULL);
  size_t hub = part->region->hub;
  if ((q->kind != KB_QUESTION_CENTRALITY && q->kind != KB_QUESTION_OVERVIEW)
      || q->to == KB_NO_NODE)
    return NULL;
  gboolean body = q->to == hub;
  for (size_t i = 0; i < kb_dataset_relation_count(ds) && !body; i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    body = r->kind == KB_REL_PART_OF && r->from == q->to && r->to == hub;
  }
  if (!body)
    return NULL;
  GArray **one = seats_of(ds, &q->to, 1);
  GArray *ss = one[0];
  g_autofree size_t *who = g_new(size_t, ss->len + 1);
  for (guint i = 0; i < ss->len; i++)
    who[i] = kb_dataset_relation(ds, g_array_index(ss, size_t, i))->from;
  g_qsort_with_data(who, (gint) ss->len, sizeof *who, compare_labels, (gpointer) ds);
  g_autofree char *names = kb_join_labels(ds, who, ss->len, 12);
  guint n = ss->len;
  seats_free(one, 1);
  /* a member asked about: its own place in the member network */
  const KbRegion *rg = part->region;
  g_autofree char *place = NULL;
  for (size_t i = 0; q->kind == KB_QUESTION_CENTRALITY && rg->degree != NULL
                     && i < rg->n_members; i++)
    if (rg->members[i] == q->from) {
      g_autofree char *bt = kb_i_report_figure(rg->betweenness[i], lang);
      place = g_strdup_printf(kb_tr(lang, " %s has %zu ties in the member network of %zu members, "
                                      "and a betweenness of %s of the most possible."),
                              kb_dataset_node(ds, q->from)->label, rg->degree[i],
                              rg->n_members, bt);
    }
  g_autofree char *answer = g_strdup_printf(kb_tr(lang, "%s: %u members in %d: %s. Section %u, The regional network, "
                                 "answers this question with figures: the centralization with "
                                 "and without the centre municipality, the seats by province "
                                 "and municipality size, the members that hang on one "
                                 "consultation and the growth by year."),
                         kb_dataset_node(ds, q->to)->label, n, year,
                         n > 0 ? names : "-", section);
  return place != NULL ? g_strconcat(answer, place, NULL) : g_steal_pointer(&answer);
}

/* ------------------------------------------------------------- the part */

KbiRegionPart *
kb_i_region_part_new(const KbDataset *ds, const KbDataset *all, int year, size_t orgs_abroad,
                     KbLang lang, GError **error)
{
  g_return_val_if_fail(ds != NULL && all != NULL, NULL);
  if (kb_dataset_home(ds) == KB_NO_NODE || kb_dataset_hub(ds) == KB_NO_NODE || orgs_abroad > 0)
    return NULL;
  KbRegion *rg = kb_region_compute(ds, error);
  if (rg == NULL)
    return NULL;
  Places p;
  places_build(&p, ds, rg, lang);
  size_t municipalities = 0;
  for (size_t i = 0; i < rg->n_members; i++)
    municipalities += is_municipality(&p, rg->members[i]);
  if (municipalities < 2) {
    places_release(&p);
    kb_region_free(rg);
    return NULL;
  }
  KbiRegionPart *part = g_new0(KbiRegionPart, 1);
  part->region = rg;
  part->municipalities = municipalities;
  g_autofree gboolean *seen = g_new0(gboolean, kb_dataset_node_count(ds) + 1);
  for (size_t i = 0; i < rg->n_members; i++) {
    size_t pv = p.province[rg->members[i]];
    if (is_municipality(&p, rg->members[i]) && pv != KB_NO_NODE && !seen[pv]) {
      seen[pv] = TRUE;
      part->provinces++;
    }
  }
  part->doc = kb_doc_new("");
  part->blocks = g_array_new(FALSE, FALSE, sizeof(KbiBlock));
  key_figures(part, &p);
  centralization_sheet(part, &p);
  representation_sheets(part, &p, all, year);
  loose_sheet(part, &p);
  growth_sheet(part, all, lang);
  places_release(&p);
  return part;
}

void
kb_i_region_part_free(KbiRegionPart *part)
{
  if (part == NULL)
    return;
  kb_region_free(part->region);
  for (size_t i = 0; i < G_N_ELEMENTS(part->key_figures); i++)
    g_free(part->key_figures[i]);
  for (guint i = 0; part->blocks != NULL && i < part->blocks->len; i++) {
    KbiBlock *b = &g_array_index(part->blocks, KbiBlock, i);
    g_free(b->text);
    g_free(b->file);
  }
  if (part->blocks != NULL)
    g_array_unref(part->blocks);
  kb_doc_free(part->doc);
  g_free(part);
}
