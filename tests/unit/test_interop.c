/* test_interop.c -- round trips through GraphML, Kumu and the CSV folder
 * give back the same nodes and relations; GraphML that NetworkX and igraph
 * wrote (tests/interop/, made by make_fixtures.py) loads as they wrote it. */
#include "kb_test.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <klaverblad.h>

static KbDataset *
load(const char *path, KbFormat format)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(GError) err = NULL;
  KbDataset *ds = kb_dataset_load(path, format, diags, &err);
  ck_assert_msg(ds != NULL, "%s", err ? err->message : "");
  for (size_t i = 0; i < kb_diag_list_length(diags); i++) {
    g_autofree char *d = kb_diag_format(kb_diag_list_get(diags, i));
    ck_assert_msg(kb_diag_list_get(diags, i)->severity != KB_SEVERITY_ERROR, "%s", d);
  }
  return ds;
}

static void
same_string(const char *a, const char *b, const char *what)
{
  ck_assert_msg(g_strcmp0(a, b) == 0, "%s: '%s' != '%s'", what, a ? a : "(null)", b ? b : "(null)");
}

/* Nodes and relations equal in every field and kept attribute. */
static void
assert_same(const KbDataset *a, const KbDataset *b)
{
  ck_assert_uint_eq(kb_dataset_node_count(a), kb_dataset_node_count(b));
  ck_assert_uint_eq(kb_dataset_relation_count(a), kb_dataset_relation_count(b));
  for (size_t i = 0; i < kb_dataset_node_count(a); i++) {
    const KbNode *x = kb_dataset_node(a, i), *y = kb_dataset_node(b, kb_dataset_find(b, x->id));
    ck_assert_ptr_nonnull(y);
    ck_assert_int_eq(x->kind, y->kind);
    same_string(x->label, y->label, x->id);
    same_string(x->description, y->description, x->id);
    same_string(x->website, y->website, x->id);
    same_string(x->source, y->source, x->id);
    same_string(x->sector == KB_NO_NODE ? NULL : kb_dataset_node(a, x->sector)->id,
                y->sector == KB_NO_NODE ? NULL : kb_dataset_node(b, y->sector)->id, x->id);
    g_autofree char *tx = g_strjoinv("|", x->tags), *ty = g_strjoinv("|", y->tags);
    same_string(tx, ty, x->id);
    for (size_t k = 0; k < x->n_attrs; k++)
      same_string(x->attrs[k].value, kb_node_attr(y, x->attrs[k].key), x->attrs[k].key);
  }
  for (size_t i = 0; i < kb_dataset_relation_count(a); i++) {
    const KbRelation *x = kb_dataset_relation(a, i), *y = kb_dataset_relation(b, i);
    same_string(kb_dataset_node(a, x->from)->id, kb_dataset_node(b, y->from)->id, "from");
    same_string(kb_dataset_node(a, x->to)->id, kb_dataset_node(b, y->to)->id, "to");
    ck_assert_int_eq(x->kind, y->kind);
    ck_assert_int_eq(x->since, y->since);
    ck_assert_int_eq(x->until, y->until);
    ck_assert(x->weight == y->weight);
    same_string(x->label, y->label, "label");
    same_string(x->source, y->source, "source");
    same_string(x->note, y->note, "note");
  }
}

static void
round_trip(KbExportFormat format, KbFormat back)
{
  g_autofree char *src = g_build_filename(KB_DATASETS, "deventer", NULL);
  g_autoptr(KbDataset) ds = load(src, KB_FORMAT_FOLDER);
  g_autofree char *dir = g_dir_make_tmp("kb-interop-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "out", NULL);
  g_autoptr(GError) err = NULL;
  ck_assert_msg(kb_export_write(ds, format, NULL, 0, path, &err), "%s", err ? err->message : "");
  g_autoptr(KbDataset) again = load(path, back);
  assert_same(ds, again);
  g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
  ck_assert_int_eq(system(cmd), 0);
}

START_TEST(graphml_round_trip)
{
  round_trip(KB_EXPORT_GRAPHML, KB_FORMAT_AUTO);
}
END_TEST

START_TEST(kumu_round_trip)
{
  round_trip(KB_EXPORT_KUMU, KB_FORMAT_AUTO);
}
END_TEST

START_TEST(csv_round_trip)
{
  round_trip(KB_EXPORT_CSV, KB_FORMAT_FOLDER);
}
END_TEST

START_TEST(graphml_from_networkx_and_igraph)
{
  /* Krackhardt's kite: 10 nodes, 18 edges; NetworkX wrote labels 'Node A'...
   * and weight 1.5, igraph names a..j and weight 2 */
  g_autofree char *nx = g_build_filename(KB_INTEROP, "networkx-kite.graphml", NULL);
  g_autofree char *ig = g_build_filename(KB_INTEROP, "igraph-kite.graphml", NULL);
  g_autoptr(KbDataset) a = load(nx, KB_FORMAT_AUTO);
  g_autoptr(KbDataset) b = load(ig, KB_FORMAT_AUTO);
  ck_assert_uint_eq(kb_dataset_node_count(a), 10);
  ck_assert_uint_eq(kb_dataset_relation_count(a), 18);
  ck_assert_str_eq(kb_dataset_node(a, kb_dataset_find(a, "h"))->label, "Node H");
  ck_assert(kb_dataset_relation(a, 0)->weight == 1.5);
  ck_assert_int_eq(kb_dataset_relation(a, 0)->kind, KB_REL_PARTNER_OF);
  ck_assert_uint_eq(kb_dataset_node_count(b), 10);
  ck_assert_uint_eq(kb_dataset_relation_count(b), 18);
  ck_assert_str_eq(kb_dataset_node(b, kb_dataset_find(b, "n7"))->label, "h");
  ck_assert(kb_dataset_relation(b, 17)->weight == 2.0);
  /* the same graph: the same brokers (h the first, as NetworkX says) */
  g_autoptr(KbBrokers) ba = kb_brokers_compute(a, NULL);
  g_autoptr(KbBrokers) bb = kb_brokers_compute(b, NULL);
  ck_assert_str_eq(kb_dataset_node(a, ba->brokers[0].node)->id, "h");
  ck_assert_str_eq(kb_dataset_node(b, bb->brokers[0].node)->id, "n7");
  ck_assert(ba->brokers[0].betweenness == bb->brokers[0].betweenness);
}
END_TEST

static Suite *
interop_suite(void)
{
  Suite *s = suite_create("interop");
  TCase *tc = tcase_create("interop");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, graphml_round_trip);
  tcase_add_test(tc, kumu_round_trip);
  tcase_add_test(tc, csv_round_trip);
  tcase_add_test(tc, graphml_from_networkx_and_igraph);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(interop_suite)
