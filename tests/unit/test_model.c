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

START_TEST(rules_join_the_right_kinds)
{
  /* member_of: organisation or city to network, one way only */
  ck_assert(kb_rel_kind_allows(KB_REL_MEMBER_OF, KB_NODE_ORGANISATION, KB_NODE_NETWORK));
  ck_assert(kb_rel_kind_allows(KB_REL_MEMBER_OF, KB_NODE_CITY, KB_NODE_NETWORK));
  ck_assert(!kb_rel_kind_allows(KB_REL_MEMBER_OF, KB_NODE_NETWORK, KB_NODE_ORGANISATION));
  ck_assert(!kb_rel_kind_allows(KB_REL_MEMBER_OF, KB_NODE_THEME, KB_NODE_NETWORK));
  /* active_in: organisation to any place */
  ck_assert(kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_ORGANISATION, KB_NODE_COUNTRY));
  ck_assert(kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_ORGANISATION, KB_NODE_REGION));
  ck_assert(!kb_rel_kind_allows(KB_REL_ACTIVE_IN, KB_NODE_CITY, KB_NODE_COUNTRY));
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
  ck_assert(!kb_rel_kind_allows(KB_REL_LOCATED_IN, KB_NODE_CITY, KB_NODE_CITY));
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
  ck_assert_str_eq(b, "organisation to city, region or country; city to region or country");
  g_autofree char *c = kb_rel_kind_describe_ends(KB_REL_PARTNER_OF);
  ck_assert_str_eq(c, "organisation, city or network with organisation, city or network");
}
END_TEST

START_TEST(years_hold_inclusively)
{
  KbRelation r = { .since = 2015, .until = 2021 };
  ck_assert(!kb_relation_holds_in(&r, 2014));
  ck_assert(kb_relation_holds_in(&r, 2015));
  ck_assert(kb_relation_holds_in(&r, 2021));
  ck_assert(!kb_relation_holds_in(&r, 2022));
  KbRelation open = { .since = KB_NO_YEAR, .until = KB_NO_YEAR };
  ck_assert(kb_relation_holds_in(&open, 1000));
  ck_assert(kb_relation_holds_in(&open, 2999));
  KbRelation from = { .since = 2018, .until = KB_NO_YEAR };
  ck_assert(!kb_relation_holds_in(&from, 2017));
  ck_assert(kb_relation_holds_in(&from, 2026));
  ck_assert(kb_year_is_valid(1000) && kb_year_is_valid(2999));
  ck_assert(!kb_year_is_valid(999) && !kb_year_is_valid(3000));
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

static Suite *
model_suite(void)
{
  Suite *s = suite_create("model");
  TCase *tc = tcase_create("model");
  tcase_add_test(tc, kind_names_round_trip);
  tcase_add_test(tc, rules_join_the_right_kinds);
  tcase_add_test(tc, rules_are_described_in_words);
  tcase_add_test(tc, years_hold_inclusively);
  tcase_add_test(tc, builder_builds_what_it_is_given);
  tcase_add_test(tc, places_roll_up_to_regions_and_countries);
  tcase_add_test(tc, as_of_keeps_relations_that_hold);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(model_suite)
