/* test_datasets.c -- the bundled datasets load without a problem and hold
 * the facts their sources state. Each fact names the seed passage it comes
 * from (../shared/seeds/), read by hand. */
#include "kb_test.h"

#include <string.h>

#include <klaverblad.h>

/* Loads a bundled dataset, which has no error; its only warnings are about
 * the organisations for which the sources name no place ('unlocated' of
 * them: no located_in relation). */
static KbDataset *
load_bundled(const char *name, size_t unlocated)
{
  g_autofree char *path = g_build_filename(KB_DATASETS, name, NULL);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbDataset *ds = kb_dataset_load(path, KB_FORMAT_FOLDER, diags, NULL);
  ck_assert_ptr_nonnull(ds);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_WARNING), unlocated);
  for (size_t i = 0; i < kb_diag_list_length(diags); i++)
    ck_assert_msg(strstr(kb_diag_list_get(diags, i)->message, "has no location") != NULL, "%s",
                  kb_diag_list_get(diags, i)->message);
  return ds;
}

static size_t
node(const KbDataset *ds, const char *id)
{
  size_t i = kb_dataset_find(ds, id);
  ck_assert_msg(i != KB_NO_NODE, "no node '%s'", id);
  return i;
}

/* The relation from -> to of that kind (either way for symmetric kinds). */
static const KbRelation *
relation(const KbDataset *ds, const char *from, const char *to, KbRelKind kind)
{
  size_t f = node(ds, from), t = node(ds, to);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind == kind && ((r->from == f && r->to == t)
                            || (kb_rel_kind_is_symmetric(kind) && r->from == t && r->to == f)))
      return r;
  }
  ck_abort_msg("no %s relation %s -> %s", kb_rel_kind_name(kind), from, to);
  return NULL;
}

static size_t
count_relations(const KbDataset *ds, const char *from, const char *to, KbRelKind kind)
{
  size_t f = from ? node(ds, from) : KB_NO_NODE, t = to ? node(ds, to) : KB_NO_NODE, n = 0;
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    n += r->kind == kind && (from == NULL || r->from == f) && (to == NULL || r->to == t);
  }
  return n;
}

/* Asserts that every organisation has a located_in relation, but those named in
 * 'unlocated' (NULL-terminated), which must have none. */
static void
assert_organisations_located(const KbDataset *ds, const char *const *unlocated)
{
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    if (n->kind != KB_NODE_ORGANISATION)
      continue;
    gboolean listed = g_strv_contains(unlocated, n->id);
    size_t located = 0;
    for (size_t j = 0; j < kb_dataset_relation_count(ds); j++) {
      const KbRelation *r = kb_dataset_relation(ds, j);
      located += r->kind == KB_REL_LOCATED_IN && r->from == i;
    }
    ck_assert_msg(listed ? located == 0 : located > 0, "%s: %zu located_in relations", n->id,
                  located);
  }
}

static void
assert_years(const KbRelation *r, int since, int until)
{
  ck_assert_int_eq(r->since, since);
  ck_assert_int_eq(r->until, until);
}

START_TEST(deventer_holds_what_the_seeds_say)
{
  g_autoptr(KbDataset) ds = load_bundled("deventer", 4);
  /* 003 §5: "Deventer sinds 1980 lid van het Nieuwe Hanzeverbond" */
  assert_years(relation(ds, "deventer", "nieuwe-hanzeverbond", KB_REL_MEMBER_OF), 1980, KB_NO_YEAR);
  /* 003 §3.2: Shelter City since 2018 */
  assert_years(relation(ds, "deventer", "shelter-city", KB_REL_MEMBER_OF), 2018, KB_NO_YEAR);
  /* 003 §4: the ten-year cooperation with Bukomansimbi ends late 2021 */
  assert_years(relation(ds, "gemeente-deventer", "bukomansimbi", KB_REL_ACTIVE_IN), 2011, 2021);
  /* 003 §2.1: the International Office founded in 2015 */
  assert_years(relation(ds, "gemeente-deventer", "international-office", KB_REL_MEMBER_OF),
               2015, KB_NO_YEAR);
  /* 003 §1: the Trade Office's agreement with the business organisation in Rostock (2018) */
  ck_assert_int_eq(relation(ds, "mkb-trade-office", "ondernemersorganisatie-rostock",
                            KB_REL_PARTNER_OF)->since, 2018);
  /* 003 §2.2: the 34 listed organisations united in Kleurrijk Deventer since 2021 */
  ck_assert_uint_eq(count_relations(ds, NULL, "kleurrijk-deventer", KB_REL_MEMBER_OF), 34);
  ck_assert_int_eq(relation(ds, "st-bulungi", "kleurrijk-deventer", KB_REL_MEMBER_OF)->since, 2021);
  /* 003 Deventer4GlobalGoals: the core group has eleven members, Jako AG among them */
  ck_assert_uint_eq(count_relations(ds, NULL, "deventer4globalgoals", KB_REL_MEMBER_OF), 11);
  relation(ds, "jako-ag", "deventer4globalgoals", KB_REL_MEMBER_OF);
  /* 003 §4: the Sibiu twinning; Sibiu lies in Romania */
  relation(ds, "deventer", "sibiu", KB_REL_TWINNED_WITH);
  relation(ds, "sibiu", "romania", KB_REL_LOCATED_IN);
  /* 003 §2.1: Zone College's Erasmus programme with schools in Sibiu and Cluj; MKB Deventer
   * joined the municipality and Saxion in Sibiu */
  relation(ds, "zone-college", "cluj", KB_REL_ACTIVE_IN);
  ck_assert_uint_eq(count_relations(ds, NULL, "sibiu", KB_REL_ACTIVE_IN), 5);
  relation(ds, "mkb-deventer", "sibiu", KB_REL_ACTIVE_IN);
  /* 003 §2.1: Go Ahead Eagles' football training in Bukomansimbi, a district of Uganda */
  relation(ds, "go-ahead-eagles", "bukomansimbi", KB_REL_ACTIVE_IN);
  relation(ds, "bukomansimbi", "uganda", KB_REL_PART_OF);
  ck_assert_str_eq(kb_dataset_node(ds, node(ds, "go-ahead-eagles"))->label, "Go Ahead Eagles");
  /* 003 §1: the municipality's yearly contribution to the MKB Trade Office */
  relation(ds, "gemeente-deventer", "mkb-trade-office", KB_REL_FUNDS);
  /* dataset.csv: home, hub and the policy period of the Ambitienota 2021-2026 */
  ck_assert_uint_eq(kb_dataset_home(ds), node(ds, "deventer"));
  ck_assert_uint_eq(kb_dataset_hub(ds), node(ds, "international-office"));
  ck_assert_int_eq(kb_dataset_policy_start(ds), 2021);
  ck_assert_uint_eq(kb_dataset_question_count(ds), 9);
  /* the Uganda cooperation is gone in 2022, the Hanze membership is not */
  g_autoptr(KbDataset) y2022 = kb_dataset_as_of(ds, 2022);
  ck_assert_uint_eq(count_relations(y2022, "gemeente-deventer", "bukomansimbi", KB_REL_ACTIVE_IN), 0);
  ck_assert_uint_eq(count_relations(y2022, "deventer", "nieuwe-hanzeverbond", KB_REL_MEMBER_OF), 1);
  /* 003 is dated April 2021 (l. 29 "Status Definitief2021-04-14", l. 479 "Datum april 2021") */
  ck_assert_int_eq(kb_dataset_stated_year(ds), 2021);
  /* 003 §4: "inmiddels tienjarige" in 2021, so about 2011; "loopt eind 2021 af", an announced
   * end, so 2021 uncertain */
  const KbRelation *buk = relation(ds, "gemeente-deventer", "bukomansimbi", KB_REL_ACTIVE_IN);
  ck_assert_int_eq(buk->since_q, KB_DATE_APPROXIMATE);
  ck_assert_int_eq(buk->until_q, KB_DATE_UNCERTAIN);
  /* 003 §4: "al zes jaar samenwerking met de gemeente Osnabrück" in 2021: about 2015 */
  const KbRelation *osn = relation(ds, "deventer", "osnabrueck", KB_REL_PARTNER_OF);
  ck_assert_int_eq(osn->since, 2015);
  ck_assert_int_eq(osn->since_q, KB_DATE_APPROXIMATE);
  /* 001 (February 2015) names Uganda among "de huidige internationale netwerken": by 2015 */
  const KbRelation *uga = relation(ds, "gemeente-deventer", "uganda", KB_REL_ACTIVE_IN);
  ck_assert_int_eq(uga->since, 2015);
  ck_assert_int_eq(uga->since_q, KB_DATE_OR_EARLIER);
  /* 003 §2.1: Zone College's Erasmus programme runs "sinds kort" in 2021: by 2021, not since 2015 */
  const KbRelation *zone = relation(ds, "zone-college", "sibiu", KB_REL_ACTIVE_IN);
  ck_assert_int_eq(zone->since, 2021);
  ck_assert_int_eq(zone->since_q, KB_DATE_OR_EARLIER);
  ck_assert_int_eq(kb_relation_holds(zone, 2015, 2021), KB_HOLDS_UNKNOWN);
  /* 003 §1, §5: "het nieuwe MKB Trade Office", first dated at the Hanzedagen of 2018: it is
   * not known to exist in 2015 */
  const KbRelation *mto = relation(ds, "mkb-trade-office", "deventer", KB_REL_LOCATED_IN);
  ck_assert_int_eq(mto->since, 2018);
  ck_assert_int_eq(kb_relation_holds(mto, 2015, 2021), KB_HOLDS_UNKNOWN);
  ck_assert_int_eq(kb_relation_holds(mto, 2018, 2021), KB_HOLDS_YES);
  /* 001 names Turkey in 2015; 003 no longer does: by 2015, and up to 2015 or later */
  const KbRelation *tur = relation(ds, "gemeente-deventer", "turkey", KB_REL_ACTIVE_IN);
  ck_assert_int_eq(tur->until_q, KB_DATE_OR_LATER);
  ck_assert_int_eq(kb_relation_holds(tur, 2015, 2021), KB_HOLDS_YES);
  ck_assert_int_eq(kb_relation_holds(tur, 2021, 2021), KB_HOLDS_UNKNOWN);
  /* plans are not facts: the Hanze programme towards Kampen 2017 (001, 2015), the trade
   * mission to Riga "op het programma" (003 l. 261, 418), the cooperation "gezocht" with
   * Deventer Marketing (003 l. 263) */
  ck_assert_int_eq(relation(ds, "gemeente-deventer", "kampen", KB_REL_ACTIVE_IN)->status,
                   KB_STATUS_PLANNED);
  ck_assert_int_eq(relation(ds, "mkb-trade-office", "riga", KB_REL_ACTIVE_IN)->status,
                   KB_STATUS_PLANNED);
  ck_assert_int_eq(relation(ds, "gemeente-deventer", "deventer-marketing", KB_REL_PARTNER_OF)->status,
                   KB_STATUS_PLANNED);
  g_autoptr(KbDataset) y2017 = kb_dataset_as_of(ds, 2017);
  ck_assert_uint_eq(count_relations(y2017, "gemeente-deventer", "kampen", KB_REL_ACTIVE_IN), 0);
  /* 003 §2.2: small subsidies are "beschikbaar" to the organisations as a group; no row says
   * one went to a named organisation. The municipality funds only the Trade Office. */
  ck_assert_uint_eq(count_relations(ds, "gemeente-deventer", NULL, KB_REL_FUNDS), 1);
  /* 003 §3.2 lists Humanitas and Saxion side by side as the municipality's partners: no tie
   * between them */
  ck_assert_uint_eq(count_relations(ds, "saxion", "humanitas", KB_REL_PARTNER_OF), 0);
  ck_assert_uint_eq(count_relations(ds, "humanitas", "saxion", KB_REL_PARTNER_OF), 0);
  /* the Trade Office's partners form no network in the seeds */
  ck_assert_uint_eq(kb_dataset_find(ds, "mkb-trade-office-partners"), KB_NO_NODE);
  /* every relation but geography carries a year */
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    ck_assert_msg(r->since != KB_NO_YEAR || kb_relation_is_geography(r), "%s -> %s undated",
                  kb_dataset_node(ds, r->from)->id, kb_dataset_node(ds, r->to)->id);
  }
  /* every organisation is located where a source says; what no source places stays out */
  static const char *const unlocated[] = { "nederlandse-ambassades", "europese-unie", "soventure",
                                           "jako-ag", NULL };
  assert_organisations_located(ds, unlocated);
  /* a home organisation in a village of the municipality: "Wereldwinkel Bathmen" */
  relation(ds, "wereldwinkel-bathmen", "bathmen", KB_REL_LOCATED_IN);
  relation(ds, "bathmen", "deventer", KB_REL_LOCATED_IN);
  relation(ds, "st-colmschate-ukraine-contact", "colmschate", KB_REL_LOCATED_IN);
  ck_assert_uint_eq(count_relations(ds, "wereldwinkel-bathmen", "deventer", KB_REL_LOCATED_IN), 0);
  /* home ones at home, foreign ones where they are, national ones in the Netherlands */
  relation(ds, "zone-college", "deventer", KB_REL_LOCATED_IN);
  relation(ds, "go-ahead-eagles", "deventer", KB_REL_LOCATED_IN);
  relation(ds, "ondernemersorganisatie-rostock", "rostock", KB_REL_LOCATED_IN);
  relation(ds, "vng-international", "netherlands", KB_REL_LOCATED_IN);
  relation(ds, "ministerie-buitenlandse-zaken", "netherlands", KB_REL_LOCATED_IN);
  /* every node and relation cites a source */
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++)
    ck_assert_ptr_nonnull(kb_dataset_node(ds, i)->source);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++)
    ck_assert_ptr_nonnull(kb_dataset_relation(ds, i)->source);
}
END_TEST

START_TEST(zwolle_holds_what_the_seeds_say)
{
  g_autoptr(KbDataset) ds = load_bundled("zwolle", 1);
  /* 000: the three themes chosen on 2 October 2018 */
  const size_t *themes;
  ck_assert_uint_eq(kb_dataset_themes(ds, &themes), 3);
  ck_assert_uint_eq(themes[0], node(ds, "klimaatadaptatie"));
  ck_assert_uint_eq(themes[1], node(ds, "zwolle-fietsstad"));
  ck_assert_uint_eq(themes[2], node(ds, "smart-cities"));
  ck_assert_int_eq(relation(ds, "gemeente-zwolle", "klimaatadaptatie", KB_REL_WORKS_ON)->since, 2018);
  ck_assert_int_eq(relation(ds, "gemeente-zwolle", "smart-cities", KB_REL_WORKS_ON)->since, 2018);
  ck_assert_int_eq(kb_dataset_policy_start(ds), 2018);
  /* 002 reports 2022 as the latest year done (l. 140, 205); its agenda 2024-2028 is a draft */
  ck_assert_int_eq(kb_dataset_stated_year(ds), 2022);
  /* 000 (2018): "de gezamenlijke aanpak met de partners binnen de Regio Zwolle te continueren" */
  const KbRelation *zm = relation(ds, "gemeente-zwolle", "regio-zwolle", KB_REL_MEMBER_OF);
  ck_assert_int_eq(zm->since, 2018);
  ck_assert_int_eq(zm->since_q, KB_DATE_OR_EARLIER);
  ck_assert_uint_eq(kb_dataset_home(ds), node(ds, "zwolle"));
  ck_assert_uint_eq(kb_dataset_hub(ds), node(ds, "regio-zwolle"));
  /* 002: the Economic Board (2013) and the bodies of Regio Zwolle */
  ck_assert_int_eq(relation(ds, "economic-board-regio-zwolle", "regio-zwolle", KB_REL_PART_OF)->since, 2013);
  relation(ds, "regiobestuur", "regio-zwolle", KB_REL_PART_OF);
  relation(ds, "regiobureau", "regio-zwolle", KB_REL_PART_OF);
  /* 002: partners in joint tasks */
  relation(ds, "waterschappen", "regio-zwolle", KB_REL_PARTNER_OF);
  relation(ds, "uwv-werkbedrijf", "regio-zwolle", KB_REL_PARTNER_OF);
  relation(ds, "sbb", "regio-zwolle", KB_REL_PARTNER_OF);
  /* water boards and UWV are public bodies, as het Rijk beside them in 004's list */
  ck_assert_uint_eq(kb_dataset_node(ds, node(ds, "uwv-werkbedrijf"))->sector, node(ds, "government"));
  ck_assert_uint_eq(kb_dataset_node(ds, node(ds, "waterschappen"))->sector, node(ds, "government"));
  /* 002: business organisations and the municipality as members */
  ck_assert_uint_eq(count_relations(ds, NULL, "regio-zwolle", KB_REL_MEMBER_OF), 3);
  relation(ds, "vno-ncw", "regio-zwolle", KB_REL_MEMBER_OF);
  /* 002: the two lines of work, and climate adaptation on the agenda 2024-2028 */
  relation(ds, "regio-zwolle", "economie-en-arbeidsmarkt", KB_REL_WORKS_ON);
  relation(ds, "regio-zwolle", "ruimtelijke-ordening-en-leefomgeving", KB_REL_WORKS_ON);
  const KbRelation *agenda = relation(ds, "regio-zwolle", "klimaatadaptatie", KB_REL_WORKS_ON);
  ck_assert_int_eq(agenda->since, 2024);
  ck_assert_int_eq(agenda->status, KB_STATUS_PLANNED);   /* a draft agenda (002 l. 217-235) */
  /* every organisation is located where a source says; the unions are not named */
  static const char *const unlocated[] = { "vakbonden", NULL };
  assert_organisations_located(ds, unlocated);
  relation(ds, "uwv-werkbedrijf", "netherlands", KB_REL_LOCATED_IN);
  relation(ds, "kennispoort", "regio-zwolle-gebied", KB_REL_LOCATED_IN);
  /* Zwolle lies in the Netherlands */
  relation(ds, "zwolle", "netherlands", KB_REL_LOCATED_IN);
  ck_assert_uint_eq(kb_dataset_question_count(ds), 6);
}
END_TEST

static Suite *
datasets_suite(void)
{
  Suite *s = suite_create("datasets");
  TCase *tc = tcase_create("datasets");
  tcase_add_test(tc, deventer_holds_what_the_seeds_say);
  tcase_add_test(tc, zwolle_holds_what_the_seeds_say);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(datasets_suite)
