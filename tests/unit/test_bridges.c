/* test_bridges.c -- bridges: the introducers to a place or an
 * organisation, for an organisation, a sector or a newcomer, and the
 * contacts there, in a small town worked out by hand. */
#include "kb_test.h"
#include "kb_analysis_test.h"

#include <string.h>

#include "analysis/analysis_internal.h"

/* -------------------------------------------------------------- bridges */

/* A small city, worked out by hand for the bridges tests. Home is 'home'
 * (in nl); the target is the country 'far', with the city 'farcity' in it.
 *
 *   shop (biz), the start              located in home
 *   peer (biz)       active in far since 2015                 located in home
 *   gemeente (gov)   active in far; in farcity 2011-2021; partner of shop; funds charity
 *   school (edu)     partner of gemeente                      located in home
 *   charity (ngo)    active in far; member of platform        located in home
 *   club (ngo)       partner of charity; member of platform   located in home
 *   agency (edu)     partner of farpartner                    located in home
 *   museum (edu)     member of hanze                          located in home
 *   farpartner (biz) located in farcity: abroad, a contact there
 *   consultant (edu) active in far                            located in elsewhere (nl)
 *   platform         network: charity and club its members
 *   hanze            network, active in far (a network's active_in)
 *   guild            network: museum its member
 *
 * Line numbers of relations.csv are the rows of rels[] plus 2; the
 * relation indices below are rows of rels[]. */
static KbDataset *
bridges_town(void)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("town", diags);
  static const char *const nodes[][3] = {
    { "biz", "sector", "" }, { "edu", "sector", "" }, { "gov", "sector", "" },
    { "ngo", "sector", "" }, { "nl", "country", "" }, { "far", "country", "" },
    { "home", "city", "" }, { "farcity", "city", "" }, { "elsewhere", "city", "" },
    { "shop", "organisation", "biz" }, { "peer", "organisation", "biz" },
    { "gemeente", "organisation", "gov" }, { "school", "organisation", "edu" },
    { "charity", "organisation", "ngo" }, { "club", "organisation", "ngo" },
    { "agency", "organisation", "edu" }, { "museum", "organisation", "edu" },
    { "farpartner", "organisation", "biz" }, { "consultant", "organisation", "edu" },
    { "platform", "network", "" }, { "hanze", "network", "" }, { "guild", "network", "" },
  };
  static const char *const node_names[] = { "id", "kind", "sector" };
  kb_test_add_rows(b, KB_TABLE_NODES, "nodes.csv", node_names, 3, &nodes[0][0],
                   G_N_ELEMENTS(nodes));
  static const char *const rels[][5] = {
    /* from, to, kind, since, until */
    { "home", "nl", "located_in", "", "" },                 /*  0 */
    { "farcity", "far", "located_in", "", "" },             /*  1 */
    { "elsewhere", "nl", "located_in", "", "" },            /*  2 */
    { "shop", "home", "located_in", "", "" },               /*  3 */
    { "peer", "home", "located_in", "", "" },               /*  4 */
    { "gemeente", "home", "located_in", "", "" },           /*  5 */
    { "school", "home", "located_in", "", "" },             /*  6 */
    { "charity", "home", "located_in", "", "" },            /*  7 */
    { "club", "home", "located_in", "", "" },               /*  8 */
    { "agency", "home", "located_in", "", "" },             /*  9 */
    { "farpartner", "farcity", "located_in", "", "" },      /* 10 */
    { "consultant", "elsewhere", "located_in", "", "" },    /* 11 */
    { "peer", "far", "active_in", "2015", "" },             /* 12 */
    { "gemeente", "farcity", "active_in", "2011", "2021" }, /* 13 */
    { "gemeente", "shop", "partner_of", "", "" },           /* 14 */
    { "school", "gemeente", "partner_of", "", "" },         /* 15 */
    { "gemeente", "charity", "funds", "", "" },             /* 16 */
    { "charity", "far", "active_in", "", "" },              /* 17 */
    { "club", "charity", "partner_of", "", "" },            /* 18 */
    { "charity", "platform", "member_of", "", "" },         /* 19 */
    { "agency", "farpartner", "partner_of", "", "" },       /* 20 */
    { "consultant", "far", "active_in", "", "" },           /* 21 */
    { "hanze", "far", "active_in", "", "" },                /* 22 */
    { "museum", "hanze", "member_of", "", "" },             /* 23 */
    { "museum", "home", "located_in", "", "" },             /* 24 */
    { "gemeente", "far", "active_in", "", "" },             /* 25 */
    { "museum", "guild", "member_of", "", "" },             /* 26 */
    { "club", "platform", "member_of", "", "" },            /* 27 */
  };
  static const char *const rel_names[] = { "from", "to", "kind", "since", "until" };
  kb_test_add_rows(b, KB_TABLE_RELATIONS, "relations.csv", rel_names, 5, &rels[0][0],
                   G_N_ELEMENTS(rels));
  static const char *const meta[][2] = { { "home", "home" }, { "year", "2021" } };
  static const char *const meta_names[] = { "key", "value" };
  kb_test_add_rows(b, KB_TABLE_META, "dataset.csv", meta_names, 2, &meta[0][0],
                   G_N_ELEMENTS(meta));
  g_autoptr(KbDataset) all = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  /* the view of 2021, as the tool gives the analyses: every relation holds */
  KbYearView view;
  kb_year_view_init(&view, all);
  KbDataset *ds = kb_dataset_view(all, &view, NULL);
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 28);
  return ds;
}

/* The introducers' ids, scores, reaches and closenesses, as one text:
 * "peer 35 3 5, gemeente 34 3 4, ..." */
static char *
introducers_text(const KbDataset *ds, const KbBridges *br)
{
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < br->n_introducers; i++) {
    const KbIntroducer *in = &br->introducers[i];
    g_string_append_printf(s, "%s%s %d %d %d", i ? ", " : "", kb_dataset_node(ds, in->node)->id,
                           in->score, in->reach, in->closeness);
  }
  return g_string_free(s, FALSE);
}

static const KbIntroducer *
introducer(const KbDataset *ds, const KbBridges *br, const char *id)
{
  for (size_t i = 0; i < br->n_introducers; i++)
    if (strcmp(kb_dataset_node(ds, br->introducers[i].node)->id, id) == 0)
      return &br->introducers[i];
  return NULL;
}

START_TEST(bridges_name_real_introducers)
{
  g_autoptr(KbDataset) ds = bridges_town();
  size_t shop = kb_dataset_find(ds, "shop"), far = kb_dataset_find(ds, "far");
  g_autoptr(GError) err = NULL;
  g_autoptr(KbBridges) br = kb_bridges_compute(ds, shop, far, 2021, &err);
  ck_assert_ptr_nonnull(br);
  /* score = 10 reach + closeness, by hand:
   *   peer       there (12), biz as the start: peer        30 + 5 = 35
   *   gemeente   there (25, 13), partner of shop (14)        30 + 4 = 34
   *   charity    there (17), funded by gemeente: two steps   30 + 3 = 33
   *   hanze      there (22: a network's active_in); its member museum is
   *              at home, no tie to shop within two steps     30 + 2 = 32
   *   consultant there (21), located only elsewhere, no tie   30 + 1 = 31
   *   museum     member of hanze, which is there; further     20 + 2 = 22
   *   platform   its member charity is there (19): a platform; three
   *              steps (shop - gemeente - charity - platform) 20 + 2 = 22
   *   agency     a first step to farpartner (20), who is there and whom
   *              shop does not reach in one step; further     10 + 2 = 12
   *   club       a first step to charity (18), two steps from shop but
   *              not one; itself three steps away             10 + 2 = 12
   *   guild      no platform: its member museum is there through hanze,
   *              not itself; a first step to museum (26); further 10 + 2 = 12
   * Not introducers: school, whose one tie to one who is there is
   * gemeente, whom shop reaches itself in one step (a detour through the
   * municipality); farpartner, a contact; shop, the start. Equal scores go
   * by id. */
  g_autofree char *text = introducers_text(ds, br);
  ck_assert_str_eq(text, "peer 35 3 5, gemeente 34 3 4, charity 33 3 3, hanze 32 3 2, "
                         "consultant 31 3 1, museum 22 2 2, platform 22 2 2, agency 12 1 2, "
                         "club 12 1 2, guild 12 1 2");
  ck_assert_ptr_null(introducer(ds, br, "school"));

  /* the facts: gemeente is in far itself (25) and in farcity (13), the
   * target first; it is tied to the start by 14 */
  const KbIntroducer *g = introducer(ds, br, "gemeente");
  ck_assert_uint_eq(g->why.n, 2);
  ck_assert(!g->why.more);
  ck_assert_uint_eq(g->why.facts[0].relation, 25);
  ck_assert_uint_eq(g->why.facts[0].node, far);
  ck_assert_uint_eq(g->why.facts[1].relation, 13);
  ck_assert_uint_eq(g->near, shop);
  ck_assert_int_eq(g->near_tie.kind, KB_FACT_TIE);
  ck_assert_uint_eq(g->near_tie.relation, 14);
  const KbIntroducer *c = introducer(ds, br, "charity");
  ck_assert_uint_eq(c->near, kb_dataset_find(ds, "gemeente"));
  const KbIntroducer *p = introducer(ds, br, "platform");
  ck_assert_uint_eq(p->why.n, 1);
  ck_assert_int_eq(p->why.facts[0].kind, KB_FACT_MEMBER);
  ck_assert_uint_eq(p->why.facts[0].node, kb_dataset_find(ds, "charity"));
  ck_assert_uint_eq(p->why.facts[0].through, 17);
  const KbIntroducer *m = introducer(ds, br, "museum");
  ck_assert_int_eq(m->why.facts[0].kind, KB_FACT_NETWORK);
  ck_assert_uint_eq(m->why.facts[0].node, kb_dataset_find(ds, "hanze"));
  ck_assert_uint_eq(m->why.facts[0].relation, 23);
  ck_assert_uint_eq(m->why.facts[0].through, 22);
  /* club is charity's partner (18) and its fellow in platform (27): one
   * fact for charity, the relation; nothing for platform, there only by
   * charity */
  const KbIntroducer *cl = introducer(ds, br, "club");
  ck_assert_uint_eq(cl->why.n, 1);
  ck_assert(!cl->why.more);
  ck_assert_int_eq(cl->why.facts[0].kind, KB_FACT_TIE);
  ck_assert_uint_eq(cl->why.facts[0].node, kb_dataset_find(ds, "charity"));
  ck_assert_uint_eq(cl->why.facts[0].relation, 18);

  /* farpartner, located only abroad and at the target, is the contact
   * there, tied at home to agency (20) */
  ck_assert_uint_eq(br->n_contacts, 1);
  ck_assert_str_eq(kb_dataset_node(ds, br->contacts[0].node)->id, "farpartner");
  ck_assert_uint_eq(br->contacts[0].there.facts[0].relation, 10);
  ck_assert_uint_eq(br->contacts[0].home.n, 1);
  ck_assert_uint_eq(br->contacts[0].home.facts[0].node, kb_dataset_find(ds, "agency"));
  ck_assert_int_eq(br->start_reach, KB_REACH_NONE);

  /* the sector as the start: shop is its one organisation not there (peer
   * is there, farpartner abroad), so the same introducers */
  g_autoptr(KbBridges) bs = kb_bridges_compute(ds, kb_dataset_find(ds, "biz"), far, 2021, NULL);
  g_autofree char *sector_text = introducers_text(ds, bs);
  ck_assert_str_eq(sector_text, text);

  /* an organisation target: those tied to charity directly are there
   * (gemeente funds it, club is its partner, platform has it as a member);
   * gemeente is tied to shop, club and platform are not within two steps */
  size_t charity = kb_dataset_find(ds, "charity");
  g_autoptr(KbBridges) bo = kb_bridges_compute(ds, shop, charity, 2021, NULL);
  g_autofree char *org_text = introducers_text(ds, bo);
  ck_assert_str_eq(org_text, "gemeente 34 3 4, club 32 3 2, platform 32 3 2");
  ck_assert_uint_eq(bo->n_contacts, 0);

  /* the start already there: peer is in far (12) */
  g_autoptr(KbBridges) bp = kb_bridges_compute(ds, kb_dataset_find(ds, "peer"), far, 2021, NULL);
  ck_assert_int_eq(bp->start_reach, KB_REACH_THERE);
  ck_assert_uint_eq(bp->start_why.facts[0].relation, 12);
  ck_assert_ptr_null(introducer(ds, bp, "peer"));

  ck_assert_ptr_null(kb_bridges_compute(ds, shop, kb_dataset_find(ds, "biz"), 2021, &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
}
END_TEST

START_TEST(bridges_for_a_newcomer)
{
  g_autoptr(KbDataset) ds = bridges_town();
  size_t edu = kb_dataset_find(ds, "edu"), far = kb_dataset_find(ds, "far");
  g_autoptr(KbBridges) br = kb_bridges_newcomer(ds, edu, KB_NO_NODE, far, 2021, NULL);
  ck_assert_ptr_nonnull(br);
  ck_assert_uint_eq(br->place, kb_dataset_find(ds, "home"));
  /* A newcomer of edu in home, by hand: one step from everyone located in
   * home, two from the home's networks (platform: charity; hanze: museum).
   *   charity, gemeente, peer  there, in its place        30 + 4 = 34
   *   hanze       there, a network of the home            30 + 3 = 33
   *   consultant  there, located elsewhere                30 + 1 = 31
   *   museum      through hanze; edu, its sector: a peer  20 + 5 = 25
   *   platform    a platform (charity), a home network    20 + 3 = 23
   *   agency      a first step to farpartner, whom the newcomer does not
   *               reach itself; in its place              10 + 4 = 14
   * club is no introducer: charity, to whom it is tied, is in the
   * newcomer's place, which it reaches itself; school and guild (museum)
   * likewise. */
  g_autofree char *text = introducers_text(ds, br);
  ck_assert_str_eq(text, "charity 34 3 4, gemeente 34 3 4, peer 34 3 4, hanze 33 3 3, "
                         "consultant 31 3 1, museum 25 2 5, platform 23 2 3, agency 14 1 4");
  const KbIntroducer *g = introducer(ds, br, "gemeente");
  ck_assert_int_eq(g->near_tie.kind, KB_FACT_RELATION);
  ck_assert_uint_eq(g->near_tie.relation, 5);

  g_autoptr(GError) err = NULL;
  ck_assert_ptr_null(kb_bridges_newcomer(ds, edu, kb_dataset_find(ds, "farcity"), far, 2021,
                                         &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
  g_clear_error(&err);
  ck_assert_ptr_null(kb_bridges_newcomer(ds, kb_dataset_find(ds, "shop"), KB_NO_NODE, far, 2021,
                                         &err));
  ck_assert(g_error_matches(err, KB_ERROR, KB_ERROR_ARGUMENT));
}
END_TEST

/* A network's active_in says where the network works, not where its
 * members are: hanze is active in far, its member museum is not. */
START_TEST(a_network_active_somewhere_is_no_place_of_its_members)
{
  g_autoptr(KbDataset) ds = bridges_town();
  g_autoptr(KbIndex) ix = kb_index_entries(ds, KB_INDEX_BY_COUNTRY);
  size_t far = kb_dataset_find(ds, "far"), museum = kb_dataset_find(ds, "museum");
  gboolean found = FALSE;
  for (size_t i = 0; i < ix->n_entries; i++) {
    const KbIndexEntry *e = &ix->entries[i];
    if (e->node != far)
      continue;
    found = TRUE;
    /* peer, gemeente, charity at home; consultant and farpartner away */
    ck_assert_uint_eq(e->n_orgs, 3);
    ck_assert_uint_eq(e->n_partners, 2);
    for (size_t j = 0; j < e->n_orgs; j++)
      ck_assert_uint_ne(e->orgs[j], museum);
  }
  ck_assert(found);
}
END_TEST

static Suite *
bridges_suite(void)
{
  Suite *s = suite_create("bridges");
  TCase *tc = tcase_create("bridges");
  tcase_add_test(tc, bridges_name_real_introducers);
  tcase_add_test(tc, bridges_for_a_newcomer);
  tcase_add_test(tc, a_network_active_somewhere_is_no_place_of_its_members);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(bridges_suite)
