/* test_model.c -- kinds, the rules joining them, years, the year filter and
 * the geography roll-up. Expected values follow from the rules table in the
 * README, worked out by hand. */
#include "kb_test.h"
#include <string.h>

#include <klaverblad.h>

START_TEST(kind_names_round_trip)
{
  for (int k = 0; k < KB_NODE_KIND_COUNT; k++) {
    KbNodeKind back;
    ck_assert(kb_node_kind_parse(kb_node_kind_name(k), &back));
    ck_assert_int_eq(back, k);
  }
  for (int k = 0; k < KB_REL_KIND_COUNT; k++) {
    KbRelKind back;
    ck_assert(kb_rel_kind_parse(kb_rel_kind_name(k), &back));
    ck_assert_int_eq(back, k);
  }
  KbNodeKind nk;
  ck_assert(!kb_node_kind_parse("organization", &nk));
  ck_assert(!kb_node_kind_parse("", &nk));
  ck_assert_str_eq(kb_node_kind_name(KB_NODE_ORGANISATION), "organisation");
  ck_assert_str_eq(kb_rel_kind_name(KB_REL_TWINNED_WITH), "twinned_with");
}
END_TEST

/* Places are cities, regions and countries; every other kind of
 * KbNodeKind, and a number that is no kind, is not one. */
START_TEST(places_are_cities_regions_and_countries)
{
  ck_assert(kb_node_kind_is_place(KB_NODE_CITY));
  ck_assert(kb_node_kind_is_place(KB_NODE_REGION));
  ck_assert(kb_node_kind_is_place(KB_NODE_COUNTRY));
  ck_assert(!kb_node_kind_is_place(KB_NODE_ORGANISATION));
  ck_assert(!kb_node_kind_is_place(KB_NODE_SECTOR));
  ck_assert(!kb_node_kind_is_place(KB_NODE_THEME));
  ck_assert(!kb_node_kind_is_place(KB_NODE_NETWORK));
  ck_assert(!kb_node_kind_is_place(KB_NODE_KIND_COUNT));
  ck_assert(!kb_node_kind_is_place((KbNodeKind) 200));
}
END_TEST

START_TEST(rules_join_the_right_kinds)
{
  /* member_of: organisation or city to network, one way only */
  ck_assert(kb_rel_kind_allows(KB_REL_MEMBER_OF, KB_NODE_ORGANISATION, KB_NODE_NETWORK));
  ck_assert(kb_rel_kind_allows(KB_REL_MEMBER_OF, KB_NODE_CITY, KB_NODE_NETWORK));
  ck_assert(!kb_rel_kind_allows(KB_REL_MEMBER_OF, KB_NODE_NETWORK, KB_NODE_ORGANISATION));
  ck_assert(!kb_rel_kind_allows(KB_REL_MEMBER_OF, KB_NODE_THEME, KB_NODE_NETWORK));
  /* active_in: organisation or network to any place */
  ck_assert(kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_ORGANISATION, KB_NODE_COUNTRY));
  ck_assert(kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_ORGANISATION, KB_NODE_REGION));
  ck_assert(kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_NETWORK, KB_NODE_COUNTRY));
  ck_assert(kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_NETWORK, KB_NODE_CITY));
  ck_assert(!kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_CITY, KB_NODE_COUNTRY));
  ck_assert(!kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_NETWORK, KB_NODE_NETWORK));
  ck_assert(!kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_THEME, KB_NODE_COUNTRY));
  /* symmetric kinds in both orders */
  ck_assert(kb_rel_kind_allows(KB_REL_PARTNER_OF, KB_NODE_NETWORK, KB_NODE_ORGANISATION));
  ck_assert(kb_rel_kind_allows(KB_REL_PARTNER_OF, KB_NODE_ORGANISATION, KB_NODE_NETWORK));
  ck_assert(!kb_rel_kind_allows(KB_REL_PARTNER_OF, KB_NODE_THEME, KB_NODE_ORGANISATION));
  ck_assert(kb_rel_kind_allows(KB_REL_TWINNED_WITH, KB_NODE_CITY, KB_NODE_REGION));
  ck_assert(!kb_rel_kind_allows(KB_REL_TWINNED_WITH, KB_NODE_CITY, KB_NODE_COUNTRY));
  ck_assert(kb_rel_kind_is_symmetric(KB_REL_PARTNER_OF));
  ck_assert(!kb_rel_kind_is_symmetric(KB_REL_FUNDS));
  /* funds: organisation to organisation */
  ck_assert(kb_rel_kind_allows(KB_REL_FUNDS, KB_NODE_ORGANISATION, KB_NODE_ORGANISATION));
  ck_assert(!kb_rel_kind_allows(KB_REL_FUNDS, KB_NODE_NETWORK, KB_NODE_ORGANISATION));
  /* located_in: two rules; a country is in nothing */
  ck_assert(kb_rel_kind_allows(KB_REL_LOCATED_IN, KB_NODE_ORGANISATION, KB_NODE_CITY));
  ck_assert(kb_rel_kind_allows(KB_REL_LOCATED_IN, KB_NODE_CITY, KB_NODE_COUNTRY));
  /* a village or district in its municipality */
  ck_assert(kb_rel_kind_allows(KB_REL_LOCATED_IN, KB_NODE_CITY, KB_NODE_CITY));
  ck_assert(!kb_rel_kind_allows(KB_REL_LOCATED_IN, KB_NODE_REGION, KB_NODE_CITY));
  ck_assert(!kb_rel_kind_allows(KB_REL_LOCATED_IN, KB_NODE_COUNTRY, KB_NODE_CITY));
  /* part_of: network to network, region to country */
  ck_assert(kb_rel_kind_allows(KB_REL_PART_OF, KB_NODE_NETWORK, KB_NODE_NETWORK));
  ck_assert(kb_rel_kind_allows(KB_REL_PART_OF, KB_NODE_REGION, KB_NODE_COUNTRY));
  ck_assert(!kb_rel_kind_allows(KB_REL_PART_OF, KB_NODE_REGION, KB_NODE_NETWORK));
  /* works_on: to themes only */
  ck_assert(kb_rel_kind_allows(KB_REL_WORKS_ON, KB_NODE_NETWORK, KB_NODE_THEME));
  ck_assert(!kb_rel_kind_allows(KB_REL_WORKS_ON, KB_NODE_THEME, KB_NODE_THEME));
}
END_TEST

START_TEST(rules_are_described_in_words)
{
  g_autofree char *a = kb_rel_kind_describe_ends(KB_REL_MEMBER_OF);
  ck_assert_str_eq(a, "organisation or city to network");
  g_autofree char *b = kb_rel_kind_describe_ends(KB_REL_LOCATED_IN);
  ck_assert_str_eq(b, "organisation to city, region or country; city to city, region or country");
  g_autofree char *d = kb_rel_kind_describe_ends(KB_REL_ACTIVE_IN);
  ck_assert_str_eq(d, "organisation or network to city, region or country");
  g_autofree char *c = kb_rel_kind_describe_ends(KB_REL_PARTNER_OF);
  ck_assert_str_eq(c, "organisation, city or network with organisation, city or network");
}
END_TEST

START_TEST(years_hold_inclusively)
{
  /* an exact since and until, and no data year: holds from since to until */
  KbRelation r = { .since = 2015, .until = 2021 };
  ck_assert_int_eq(kb_relation_holds(&r, 2014, KB_NO_YEAR), KB_HOLDS_NO);
  ck_assert_int_eq(kb_relation_holds(&r, 2015, KB_NO_YEAR), KB_HOLDS_YES);
  ck_assert_int_eq(kb_relation_holds(&r, 2021, KB_NO_YEAR), KB_HOLDS_YES);
  ck_assert_int_eq(kb_relation_holds(&r, 2022, KB_NO_YEAR), KB_HOLDS_NO);
  KbRelation from = { .since = 2018, .until = KB_NO_YEAR };
  ck_assert_int_eq(kb_relation_holds(&from, 2017, 2021), KB_HOLDS_NO);
  ck_assert_int_eq(kb_relation_holds(&from, 2026, 2021), KB_HOLDS_YES);
  ck_assert(kb_year_is_valid(1000) && kb_year_is_valid(2999));
  ck_assert(!kb_year_is_valid(999) && !kb_year_is_valid(3000));
}
END_TEST

/* Undated is not "always": known to hold by the data's year only. */
START_TEST(an_undated_relation_holds_from_the_data_year)
{
  KbRelation open = { .since = KB_NO_YEAR, .until = KB_NO_YEAR };
  ck_assert_int_eq(kb_relation_holds(&open, 2014, 2021), KB_HOLDS_UNKNOWN);
  ck_assert_int_eq(kb_relation_holds(&open, 2020, 2021), KB_HOLDS_UNKNOWN);
  ck_assert_int_eq(kb_relation_holds(&open, 2021, 2021), KB_HOLDS_YES);
  ck_assert_int_eq(kb_relation_holds(&open, 2026, 2021), KB_HOLDS_YES);
  /* without a data year nothing says otherwise */
  ck_assert_int_eq(kb_relation_holds(&open, 1000, KB_NO_YEAR), KB_HOLDS_YES);
  /* ending in 2019 without a start: unknown up to 2019, then over */
  KbRelation till = { .since = KB_NO_YEAR, .until = 2019 };
  ck_assert_int_eq(kb_relation_holds(&till, 2019, 2021), KB_HOLDS_UNKNOWN);
  ck_assert_int_eq(kb_relation_holds(&till, 2020, 2021), KB_HOLDS_NO);
  /* every year at once: all but the planned */
  ck_assert_int_eq(kb_relation_holds(&till, KB_NO_YEAR, 2021), KB_HOLDS_YES);
}
END_TEST

START_TEST(qualified_years_hold_as_they_say)
{
  /* about 2015, maybe 2015, both: counted as 2015 */
  for (int q = KB_DATE_APPROXIMATE; q <= KB_DATE_APPROXIMATE_UNCERTAIN; q++) {
    KbRelation r = { .since = 2015, .since_q = q, .until = KB_NO_YEAR };
    ck_assert_int_eq(kb_relation_holds(&r, 2014, 2021), KB_HOLDS_NO);
    ck_assert_int_eq(kb_relation_holds(&r, 2015, 2021), KB_HOLDS_YES);
  }
  /* by 2018 ([..2018]): certain from 2018, unknown before */
  KbRelation by = { .since = 2018, .since_q = KB_DATE_OR_EARLIER, .until = KB_NO_YEAR };
  ck_assert_int_eq(kb_relation_holds(&by, 2017, 2021), KB_HOLDS_UNKNOWN);
  ck_assert_int_eq(kb_relation_holds(&by, 2018, 2021), KB_HOLDS_YES);
  /* 2018 or later ([2018..]): not before, unknown from then */
  KbRelation later = { .since = 2018, .since_q = KB_DATE_OR_LATER, .until = KB_NO_YEAR };
  ck_assert_int_eq(kb_relation_holds(&later, 2017, 2021), KB_HOLDS_NO);
  ck_assert_int_eq(kb_relation_holds(&later, 2019, 2021), KB_HOLDS_UNKNOWN);
  /* ended by 2019 ([..2019]) */
  KbRelation ended_by = { .since = 2010, .until = 2019, .until_q = KB_DATE_OR_EARLIER };
  ck_assert_int_eq(kb_relation_holds(&ended_by, 2019, 2021), KB_HOLDS_UNKNOWN);
  ck_assert_int_eq(kb_relation_holds(&ended_by, 2020, 2021), KB_HOLDS_NO);
  /* went on to 2019 at least ([2019..]) */
  KbRelation on_to = { .since = 2010, .until = 2019, .until_q = KB_DATE_OR_LATER };
  ck_assert_int_eq(kb_relation_holds(&on_to, 2019, 2021), KB_HOLDS_YES);
  ck_assert_int_eq(kb_relation_holds(&on_to, 2020, 2021), KB_HOLDS_UNKNOWN);
}
END_TEST

START_TEST(status_planned_and_ended)
{
  KbRelation plan = { .since = 2022, .until = KB_NO_YEAR, .status = KB_STATUS_PLANNED };
  ck_assert_int_eq(kb_relation_holds(&plan, 2023, 2021), KB_HOLDS_NO);
  ck_assert_int_eq(kb_relation_holds(&plan, KB_NO_YEAR, 2021), KB_HOLDS_NO);
  /* ended, year not given: over by the data's year, unknown before it */
  KbRelation ended = { .since = 2012, .until = KB_NO_YEAR, .status = KB_STATUS_ENDED };
  ck_assert_int_eq(kb_relation_holds(&ended, 2011, 2021), KB_HOLDS_NO);
  ck_assert_int_eq(kb_relation_holds(&ended, 2015, 2021), KB_HOLDS_UNKNOWN);
  ck_assert_int_eq(kb_relation_holds(&ended, 2021, 2021), KB_HOLDS_NO);
}
END_TEST

START_TEST(dates_parse_and_format_back)
{
  static const struct { const char *text; int year; KbDateQualifier q; } ok[] = {
    { "2015", 2015, KB_DATE_EXACT }, { "2015~", 2015, KB_DATE_APPROXIMATE },
    { "2015?", 2015, KB_DATE_UNCERTAIN }, { "2015%", 2015, KB_DATE_APPROXIMATE_UNCERTAIN },
    { "[..2015]", 2015, KB_DATE_OR_EARLIER }, { "[2015..]", 2015, KB_DATE_OR_LATER },
    { "1000", 1000, KB_DATE_EXACT }, { "2999~", 2999, KB_DATE_APPROXIMATE },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
    int y = 0;
    KbDateQualifier q = KB_DATE_QUALIFIER_COUNT;
    ck_assert_msg(kb_date_parse(ok[i].text, &y, &q), "%s", ok[i].text);
    ck_assert_int_eq(y, ok[i].year);
    ck_assert_int_eq(q, ok[i].q);
    g_autofree char *back = kb_date_format(y, q);
    ck_assert_str_eq(back, ok[i].text);
  }
  static const char *const bad[] = { "", "15", "20155", "2015 ", " 2015", "2015~?", "~2015",
                                     "0999", "3000", "[..2015", "..2015", "[2015]", "[..]",
                                     "2015..", "[..20a5]", "2015-2016", "c. 2015" };
  for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
    int y = 7;
    KbDateQualifier q = KB_DATE_OR_LATER;
    ck_assert_msg(!kb_date_parse(bad[i], &y, &q), "'%s' parsed", bad[i]);
    ck_assert_int_eq(y, 7);
    ck_assert_int_eq(q, KB_DATE_OR_LATER);
  }
  g_autofree char *none = kb_date_format(KB_NO_YEAR, KB_DATE_APPROXIMATE);
  ck_assert_str_eq(none, "");
  KbRelStatus st;
  ck_assert(kb_rel_status_parse("planned", &st) && st == KB_STATUS_PLANNED);
  ck_assert(!kb_rel_status_parse("Planned", &st));
  ck_assert_str_eq(kb_rel_status_name(KB_STATUS_ENDED), "ended");
}
END_TEST

/* A small dataset built through the builder, as an embedding program would. */
static KbDataset *
small_dataset(KbDiagList *diags)
{
  g_autoptr(KbBuilder) b = kb_builder_new("small", diags);
  static const char *const nodes[][4] = {
    /* id, kind, sector, country */
    { "education", "sector", "", "" },
    { "saxion", "organisation", "education", "" },
    { "sibiu", "city", "", "" },
    { "transilvania", "region", "", "" },
    { "romania", "country", "", "" },
    { "deventer", "city", "", "nl" },
    { "nl", "country", "", "" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(nodes); i++) {
    KbCell cells[] = { { "id", nodes[i][0], i + 2, 1 }, { "kind", nodes[i][1], i + 2, 5 },
                       { "sector", nodes[i][2], i + 2, 9 }, { "country", nodes[i][3], i + 2, 12 } };
    KbRow row = { "nodes.csv", i + 2, cells, G_N_ELEMENTS(cells) };
    kb_builder_add_row(b, KB_TABLE_NODES, &row);
  }
  static const char *const rels[][5] = {
    /* from, to, kind, since, until */
    { "sibiu", "transilvania", "located_in", "", "" },
    { "transilvania", "romania", "part_of", "", "" },
    { "saxion", "sibiu", "active_in", "2015", "" },
    { "deventer", "sibiu", "twinned_with", "2009", "2020" },
    { "saxion", "deventer", "located_in", "", "" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rels); i++) {
    KbCell cells[] = { { "from", rels[i][0], i + 2, 1 }, { "to", rels[i][1], i + 2, 3 },
                       { "kind", rels[i][2], i + 2, 5 }, { "since", rels[i][3], i + 2, 7 },
                       { "until", rels[i][4], i + 2, 9 } };
    KbRow row = { "relations.csv", i + 2, cells, G_N_ELEMENTS(cells) };
    kb_builder_add_row(b, KB_TABLE_RELATIONS, &row);
  }
  KbCell home[] = { { "key", "home", 2, 1 }, { "value", "deventer", 2, 6 } };
  KbRow meta = { "dataset.csv", 2, home, G_N_ELEMENTS(home) };
  kb_builder_add_row(b, KB_TABLE_META, &meta);
  return kb_builder_finish(b);
}

START_TEST(builder_builds_what_it_is_given)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = small_dataset(diags);
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
  ck_assert_uint_eq(kb_dataset_node_count(ds), 7);
  /* five rows plus deventer's country column as located_in */
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 6);
  size_t saxion = kb_dataset_find(ds, "saxion");
  ck_assert_uint_eq(saxion, 1);
  ck_assert_uint_eq(kb_dataset_node(ds, saxion)->sector, 0);
  ck_assert_str_eq(kb_dataset_node(ds, saxion)->label, "saxion");
  ck_assert_uint_eq(kb_dataset_find(ds, "nowhere"), KB_NO_NODE);
  const KbRelation *last = kb_dataset_relation(ds, 5);
  ck_assert_int_eq(last->kind, KB_REL_LOCATED_IN);
  ck_assert_uint_eq(last->from, kb_dataset_find(ds, "deventer"));
  ck_assert_uint_eq(last->to, kb_dataset_find(ds, "nl"));
}
END_TEST

START_TEST(places_roll_up_to_regions_and_countries)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = small_dataset(diags);
  g_autofree size_t *up = NULL;
  size_t n = kb_dataset_enclosing_places(ds, kb_dataset_find(ds, "sibiu"), &up);
  ck_assert_uint_eq(n, 2);
  ck_assert_uint_eq(up[0], kb_dataset_find(ds, "transilvania"));
  ck_assert_uint_eq(up[1], kb_dataset_find(ds, "romania"));
  g_autofree size_t *up2 = NULL;
  n = kb_dataset_enclosing_places(ds, kb_dataset_find(ds, "deventer"), &up2);
  ck_assert_uint_eq(n, 1);
  ck_assert_uint_eq(up2[0], kb_dataset_find(ds, "nl"));
  g_autofree size_t *up3 = NULL;
  ck_assert_uint_eq(kb_dataset_enclosing_places(ds, kb_dataset_find(ds, "romania"), &up3), 0);
  ck_assert_ptr_null(up3);
  /* an organisation is not a place: its located_in is not followed */
  g_autofree size_t *up4 = NULL;
  ck_assert_uint_eq(kb_dataset_enclosing_places(ds, kb_dataset_find(ds, "saxion"), &up4), 0);
}
END_TEST

START_TEST(as_of_keeps_relations_that_hold)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds = small_dataset(diags);
  g_autoptr(KbDataset) y2010 = kb_dataset_as_of(ds, 2010);
  /* active_in since 2015 drops out; twinning 2009-2020 stays */
  ck_assert_uint_eq(kb_dataset_relation_count(y2010), 5);
  ck_assert_uint_eq(kb_dataset_node_count(y2010), 7);
  g_autoptr(KbDataset) y2021 = kb_dataset_as_of(ds, 2021);
  /* twinning ended in 2020 */
  ck_assert_uint_eq(kb_dataset_relation_count(y2021), 5);
  for (size_t i = 0; i < kb_dataset_relation_count(y2021); i++)
    ck_assert_int_ne(kb_dataset_relation(y2021, i)->kind, KB_REL_TWINNED_WITH);
  g_autoptr(KbDataset) y2015 = kb_dataset_as_of(ds, 2015);
  ck_assert_uint_eq(kb_dataset_relation_count(y2015), 6);
  /* the geography survives the filter */
  g_autofree size_t *up = NULL;
  ck_assert_uint_eq(kb_dataset_enclosing_places(y2021, kb_dataset_find(y2021, "sibiu"), &up), 2);
}
END_TEST

/* The view of a year and what it leaves out, on data built row by row as a
 * CSV file would give it; the counts worked out by hand from the rules of
 * kb_relation_holds() (the data's year 2021, given in dataset.csv):
 *   A saxion active_in romania, undated      2021: yes (undated)   2015: unknown
 *   B saxion partner_of gemeente, planned    left out as planned unless with_planned
 *   C gemeente active_in romania since 2012, ended (no until)
 *                                            2021: no (ended)      2015: unknown
 *   D saxion partner_of gemeente 2015-2019   2021: no              2015: yes
 *   E saxion located_in deventer, undated    geography: always yes */
START_TEST(a_view_says_what_it_leaves_out)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("view", diags);
  static const char *const nodes[][3] = {
    { "education", "sector", "" }, { "government", "sector", "" },
    { "saxion", "organisation", "education" }, { "gemeente", "organisation", "government" }, { "deventer", "city", "" },
    { "romania", "country", "" }, { "nl", "country", "" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(nodes); i++) {
    KbCell cells[] = { { "id", nodes[i][0], i + 2, 1 }, { "kind", nodes[i][1], i + 2, 5 },
                       { "sector", nodes[i][2], i + 2, 9 } };
    KbRow row = { "nodes.csv", i + 2, cells, G_N_ELEMENTS(cells) };
    kb_builder_add_row(b, KB_TABLE_NODES, &row);
  }
  static const char *const rels[][6] = {
    /* from, to, kind, since, until, status */
    { "saxion", "romania", "active_in", "", "", "" },
    { "saxion", "gemeente", "partner_of", "2022", "", "planned" },
    { "gemeente", "romania", "active_in", "2012", "", "ended" },
    { "saxion", "gemeente", "partner_of", "2015", "2019", "" },
    { "saxion", "deventer", "located_in", "", "", "" },
    { "gemeente", "deventer", "located_in", "", "", "" },
    { "deventer", "nl", "located_in", "", "", "" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rels); i++) {
    KbCell cells[] = { { "from", rels[i][0], i + 2, 1 }, { "to", rels[i][1], i + 2, 3 },
                       { "kind", rels[i][2], i + 2, 5 }, { "since", rels[i][3], i + 2, 7 },
                       { "until", rels[i][4], i + 2, 9 }, { "status", rels[i][5], i + 2, 11 } };
    KbRow row = { "relations.csv", i + 2, cells, G_N_ELEMENTS(cells) };
    kb_builder_add_row(b, KB_TABLE_RELATIONS, &row);
  }
  static const char *const facts[][2] = { { "year", "2021" }, { "home", "deventer" } };
  for (size_t i = 0; i < G_N_ELEMENTS(facts); i++) {
    KbCell meta[] = { { "key", facts[i][0], i + 2, 1 }, { "value", facts[i][1], i + 2, 6 } };
    KbRow meta_row = { "dataset.csv", i + 2, meta, G_N_ELEMENTS(meta) };
    kb_builder_add_row(b, KB_TABLE_META, &meta_row);
  }
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
  ck_assert_int_eq(kb_dataset_year(ds), 2021);
  ck_assert_int_eq(kb_dataset_relation(ds, 1)->status, KB_STATUS_PLANNED);
  ck_assert_int_eq(kb_dataset_relation(ds, 2)->status, KB_STATUS_ENDED);

  KbYearView view;
  kb_year_view_init(&view, ds);
  ck_assert_int_eq(view.year, 2021);
  KbYearCounts c;
  g_autoptr(KbDataset) now = kb_dataset_view(ds, &view, &c);
  /* A, E and the two other located_in */
  ck_assert_uint_eq(kb_dataset_relation_count(now), 4);
  ck_assert_uint_eq(c.kept, 4);
  ck_assert_uint_eq(c.kept_undated, 1);
  ck_assert_uint_eq(c.planned, 1);
  ck_assert_uint_eq(c.outside, 2);
  ck_assert_uint_eq(c.unsure, 0);
  ck_assert_int_eq(kb_dataset_year(now), 2021);

  view.year = 2015;
  g_autoptr(KbDataset) then = kb_dataset_view(ds, &view, &c);
  /* D, E and the two other located_in */
  ck_assert_uint_eq(c.kept, 4);
  ck_assert_uint_eq(c.kept_undated, 0);
  ck_assert_uint_eq(c.unsure, 2);
  ck_assert_uint_eq(c.planned, 1);
  ck_assert_uint_eq(c.outside, 0);
  ck_assert_int_eq(kb_dataset_year(then), 2021);

  view.with_unsure = view.with_planned = TRUE;
  g_autoptr(KbDataset) all = kb_dataset_view(ds, &view, &c);
  ck_assert_uint_eq(c.kept, 7);
  ck_assert_uint_eq(c.kept_unsure, 2);
  ck_assert_uint_eq(c.kept_planned, 1);
  ck_assert_uint_eq(c.planned + c.unsure + c.outside, 0);
}
END_TEST

static Suite *
model_suite(void)
{
  Suite *s = suite_create("model");
  TCase *tc = tcase_create("model");
  tcase_add_test(tc, kind_names_round_trip);
  tcase_add_test(tc, rules_join_the_right_kinds);
  tcase_add_test(tc, places_are_cities_regions_and_countries);
  tcase_add_test(tc, rules_are_described_in_words);
  tcase_add_test(tc, years_hold_inclusively);
  tcase_add_test(tc, an_undated_relation_holds_from_the_data_year);
  tcase_add_test(tc, qualified_years_hold_as_they_say);
  tcase_add_test(tc, status_planned_and_ended);
  tcase_add_test(tc, dates_parse_and_format_back);
  tcase_add_test(tc, a_view_says_what_it_leaves_out);
  tcase_add_test(tc, builder_builds_what_it_is_given);
  tcase_add_test(tc, places_roll_up_to_regions_and_countries);
  tcase_add_test(tc, as_of_keeps_relations_that_hold);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(model_suite)
