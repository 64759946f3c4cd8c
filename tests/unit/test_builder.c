/* test_builder.c -- the rules every loader obeys, checked on rows given
 * directly. Each message is the one the README documents. */
#include "kb_test.h"
#include <math.h>
#include <string.h>

#include <klaverblad.h>

/* Builds a dataset from "id,kind,..." style rows: the first row of each
 * table names the columns. Cells sit at column 10 * field + 1. */
static KbDataset *
build_limited(KbDiagList *diags, const char *const *nodes, const char *const *rels,
              gboolean sector_required, const KbLimits *limits)
{
  g_autoptr(KbBuilder) b = kb_builder_new("t", diags);
  kb_builder_set_sector_required(b, sector_required);
  if (limits != NULL)
    kb_builder_set_limits(b, limits);
  const char *const *tables[2] = { nodes, rels };
  for (int t = 0; t < 2; t++) {
    if (tables[t] == NULL)
      continue;
    g_auto(GStrv) names = g_strsplit(tables[t][0], ",", -1);
    guint n = g_strv_length(names);
    KbCell hcells[16];
    for (guint i = 0; i < n; i++)
      hcells[i] = (KbCell) { names[i], names[i], 1, 10 * i + 1 };
    KbRow header = { t ? "r.csv" : "n.csv", 1, hcells, n };
    if (!kb_builder_check_header(b, t ? KB_TABLE_RELATIONS : KB_TABLE_NODES, &header))
      continue;
    for (int r = 1; tables[t][r] != NULL; r++) {
      g_auto(GStrv) vals = g_strsplit(tables[t][r], ",", -1);
      KbCell cells[16];
      guint m = MIN(n, g_strv_length(vals));
      for (guint i = 0; i < m; i++)
        cells[i] = (KbCell) { names[i], vals[i], r + 1, 10 * i + 1 };
      KbRow row = { t ? "r.csv" : "n.csv", r + 1, cells, m };
      kb_builder_add_row(b, t ? KB_TABLE_RELATIONS : KB_TABLE_NODES, &row);
    }
  }
  return kb_builder_finish(b);
}

static KbDataset *
build(KbDiagList *diags, const char *const *nodes, const char *const *rels, gboolean sector_required)
{
  return build_limited(diags, nodes, rels, sector_required, NULL);
}

static char *
diag_text(KbDiagList *diags, size_t i)
{
  kb_diag_list_sort(diags);
  return kb_diag_format(kb_diag_list_get(diags, i));
}

/* Asserts that diagnostic i, in sorted order, reads 'expected'. */
static void
assert_diag(KbDiagList *diags, size_t i, const char *expected)
{
  g_autofree char *text = diag_text(diags, i);
  ck_assert_str_eq(text, expected);
}

START_TEST(kinds_are_read_in_any_case)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char *nodes[] = { "id,kind,sector", "ngo,Sector,", "o,ORGANISATION,ngo", "n,network,",
                          NULL };
  const char *rels[] = { "from,to,kind", "o,n,Member_Of", NULL };
  g_autoptr(KbDataset) ds = build(diags, nodes, rels, TRUE);
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
  ck_assert_int_eq(kb_dataset_node(ds, 1)->kind, KB_NODE_ORGANISATION);
  ck_assert_int_eq(kb_dataset_relation(ds, 0)->kind, KB_REL_MEMBER_OF);
}
END_TEST

START_TEST(values_are_parsed)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char *nodes[] = { "id,kind,label,tags,extra", "a,network, A , x| y ||z,kept",
                          "b,network,,,", NULL };
  const char *rels[] = { "from,to,kind,since,until,weight,colour", "a,b,partner_of,2015,2021,0;5,red",
                         "b,a,partner_of,,,2.5,", NULL };
  /* the builder sees "0;5" as written: not a number */
  g_autoptr(KbDataset) ds = build(diags, nodes, rels, TRUE);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 1);
  g_autofree char *msg = diag_text(diags, 0);
  ck_assert_str_eq(msg, "r.csv:2:51: error: weight: '0;5' is not a positive number; expected "
                        "a tie strength such as 1 or 0.5");
  const KbNode *a = kb_dataset_node(ds, 0);
  ck_assert_str_eq(a->label, "A");
  ck_assert_uint_eq(g_strv_length(a->tags), 3);
  ck_assert_str_eq(a->tags[0], "x");
  ck_assert_str_eq(a->tags[2], "z");
  ck_assert_str_eq(kb_node_attr(a, "extra"), "kept");
  ck_assert_str_eq(kb_dataset_node(ds, 1)->label, "b");
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 1);
  ck_assert(kb_dataset_relation(ds, 0)->weight == 2.5);
}
END_TEST

START_TEST(a_decimal_comma_is_a_weight)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  /* cells are split on ',' here, so give the weight through its own table */
  g_autoptr(KbBuilder) b = kb_builder_new("t", diags);
  KbCell n1[] = { { "id", "a", 2, 1 }, { "kind", "network", 2, 3 } };
  KbCell n2[] = { { "id", "b", 3, 1 }, { "kind", "network", 3, 3 } };
  KbRow r1 = { "n", 2, n1, 2 }, r2 = { "n", 3, n2, 2 };
  kb_builder_add_row(b, KB_TABLE_NODES, &r1);
  kb_builder_add_row(b, KB_TABLE_NODES, &r2);
  KbCell e[] = { { "from", "a", 2, 1 }, { "to", "b", 2, 3 }, { "kind", "partner_of", 2, 5 },
                 { "weight", "0,5", 2, 16 } };
  KbRow r3 = { "r", 2, e, 4 };
  kb_builder_add_row(b, KB_TABLE_RELATIONS, &r3);
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
  ck_assert(kb_dataset_relation(ds, 0)->weight == 0.5);
}
END_TEST

START_TEST(sector_and_country_apply_to_their_kinds_only)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char *nodes[] = { "id,kind,sector,country", "sport,sector,,", "c,country,,",
                          "n,network,sport,c", "o,organisation,sport,", NULL };
  const char *rels[] = { "from,to,kind", "o,n,member_of", "o,c,active_in", NULL };
  g_autoptr(KbDataset) ds = build(diags, nodes, rels, TRUE);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_WARNING), 4);
  /* the data has a place but no home (said at the first place, as the
   * builder was told of no dataset.csv), and the organisation no location */
  assert_diag(diags, 0, "n.csv:3:1: warning: home: the dataset names no home city, so every "
                        "country counts as abroad, the home country included; give the "
                        "dataset a 'home': the id of its city");
  assert_diag(diags, 1, "n.csv:4:21: warning: sector: only organisations have a sector; "
                        "ignored for network 'n'");
  assert_diag(diags, 2, "n.csv:4:31: warning: country: only cities have a country column "
                        "(use a located_in relation); ignored for network 'n'");
  assert_diag(diags, 3, "n.csv:5:1: warning: id: organisation 'o' has no location, so it "
                        "counts neither as home nor abroad in the index; add a located_in "
                        "relation to its city");
}
END_TEST

START_TEST(organisations_need_a_sector_where_the_data_has_sectors)
{
  /* no sector node at all: a plain graph, warned about once, at the first
   * organisation's id */
  const char *plain[] = { "id,kind", "t,theme", "a,organisation", "b,organisation", NULL };
  const char *rels[] = { "from,to,kind", "a,b,partner_of", "a,t,works_on", NULL };
  for (int required = 0; required < 2; required++) {
    g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
    g_autoptr(KbDataset) ds = build(diags, plain, rels, required);
    ck_assert_uint_eq(kb_diag_list_length(diags), 1);
    assert_diag(diags, 0, "n.csv:3:1: warning: sector: the dataset defines no sector, so the "
                          "analyses by sector have nothing to group by; to group the "
                          "organisations, add sector nodes and name one in each "
                          "organisation's sector column");
    ck_assert_uint_eq(kb_dataset_node(ds, 1)->sector, KB_NO_NODE);
  }
  /* a sector node, defined after the organisations: each organisation
   * without a sector is an error, at its empty cell or, without one, at its
   * row; the rows are kept, so the relation between them resolves */
  const char *mixed[] = { "id,kind,sector", "a,organisation,", "b,organisation",
                          "business,sector,", "c,organisation,business", NULL };
  const char *rels2[] = { "from,to,kind", "a,b,partner_of", "c,a,partner_of", NULL };
  g_autoptr(KbDiagList) strict = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds2 = build(strict, mixed, rels2, TRUE);
  ck_assert_uint_eq(kb_diag_list_length(strict), 2);
  assert_diag(strict, 0, "n.csv:2:21: error: sector: empty; every organisation needs a sector: "
                         "the id of a sector node");
  assert_diag(strict, 1, "n.csv:3: error: sector: missing; every organisation needs a sector: "
                         "the id of a sector node");
  ck_assert_uint_eq(kb_dataset_node_count(ds2), 4);
  ck_assert_uint_eq(kb_dataset_relation_count(ds2), 2);
  /* turned off (Kumu's maps): neither error nor warning */
  g_autoptr(KbDiagList) lenient = kb_diag_list_new(0);
  g_autoptr(KbDataset) ds3 = build(lenient, mixed, rels2, FALSE);
  ck_assert_uint_eq(kb_diag_list_length(lenient), 0);
  ck_assert_uint_eq(kb_dataset_node(ds3, 3)->sector, 2);
}
END_TEST

/* A text to be shown that holds a control character is warned about at its
 * cell, naming the first; a tab or a line break in a text is no warning;
 * an id with one, C1 included, is an error. Positions: cells at column
 * 10 * field + 1. */
START_TEST(control_characters_in_texts_are_warned_about)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char *nodes[] = { "id,kind,label,description,extra",
                          "a,network,\033[31mA,two\tlines\nok,x\xc2\x9by",
                          "b\xc2\x9b,network,,,", "c,network,\x7f,,", NULL };
  const char *rels[] = { "from,to,kind,label,note", "a,c,partner_of,\rx,n\007", NULL };
  g_autoptr(KbDataset) ds = build(diags, nodes, rels, TRUE);
  ck_assert_uint_eq(kb_diag_list_length(diags), 5);
  const char *expected = "expected text without control characters (a tab and a line break are "
                         "allowed)";
  g_autofree char *d0 = g_strdup_printf("n.csv:2:21: warning: label: the text holds the control "
                                        "character \\x1B; %s", expected);
  g_autofree char *d1 = g_strdup_printf("n.csv:2:41: warning: extra: the text holds the control "
                                        "character \\u009B; %s", expected);
  g_autofree char *d3 = g_strdup_printf("n.csv:4:21: warning: label: the text holds the control "
                                        "character \\x7F; %s", expected);
  /* the label's CR is trimmed with the blanks around it: nothing to say */
  g_autofree char *d4 = g_strdup_printf("r.csv:2:41: warning: note: the text holds the control "
                                        "character \\x07; %s", expected);
  assert_diag(diags, 0, d0);
  assert_diag(diags, 1, d1);
  assert_diag(diags, 2, "n.csv:3:1: error: id: id contains a control character; expected plain "
                        "text");
  assert_diag(diags, 3, d3);
  assert_diag(diags, 4, d4);
  ck_assert_str_eq(kb_dataset_node(ds, 0)->label, "\033[31mA");   /* kept as it is */
}
END_TEST

START_TEST(isolated_nodes_are_warned_about)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char *nodes[] = { "id,kind", "x,theme", "n,network", "m,network", NULL };
  const char *rels[] = { "from,to,kind", "n,m,part_of", NULL };
  g_autoptr(KbDataset) ds = build(diags, nodes, rels, TRUE);
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  g_autofree char *msg = diag_text(diags, 0);
  ck_assert_str_eq(msg, "n.csv:2:1: warning: id: theme 'x' is isolated: no relation names it");
}
END_TEST

START_TEST(no_structural_warnings_while_errors_stand)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char *nodes[] = { "id,kind", "x,theme", "n,network", NULL };
  const char *rels[] = { "from,to,kind", "n,m,part_of", NULL };
  g_autoptr(KbDataset) ds = build(diags, nodes, rels, TRUE);
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  g_autofree char *msg = diag_text(diags, 0);
  ck_assert_str_eq(msg, "r.csv:2:11: error: to: unknown node 'm'; "
                        "expected the id of a node in the nodes table");
}
END_TEST

START_TEST(duplicate_ids_across_files)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("t", diags);
  KbCell c1[] = { { "id", "x", 2, 1 }, { "kind", "theme", 2, 3 } };
  KbCell c2[] = { { "id", "x", 7, 4 }, { "kind", "theme", 7, 6 } };
  KbRow r1 = { "a.csv", 2, c1, 2 }, r2 = { "b.csv", 7, c2, 2 };
  kb_builder_add_row(b, KB_TABLE_NODES, &r1);
  kb_builder_add_row(b, KB_TABLE_NODES, &r2);
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  g_autofree char *msg = diag_text(diags, 0);
  ck_assert_str_eq(msg, "b.csv:7:4: error: id: duplicate id 'x'; first defined at a.csv:2");
}
END_TEST

START_TEST(the_diagnostic_list_keeps_a_limit_and_counts_all)
{
  g_autoptr(KbDiagList) list = kb_diag_list_new(2);
  for (int i = 0; i < 5; i++)
    kb_diag_list_add(list, KB_SEVERITY_ERROR, "f", 5 - i, 1, NULL, "e%d", i);
  kb_diag_list_add(list, KB_SEVERITY_WARNING, "f", 1, 1, "x", "w");
  ck_assert_uint_eq(kb_diag_list_count(list, KB_SEVERITY_ERROR), 5);
  ck_assert_uint_eq(kb_diag_list_count(list, KB_SEVERITY_WARNING), 1);
  ck_assert_uint_eq(kb_diag_list_length(list), 3);
  kb_diag_list_sort(list);
  g_autofree char *a = kb_diag_format(kb_diag_list_get(list, 0));
  g_autofree char *b = kb_diag_format(kb_diag_list_get(list, 1));
  ck_assert_str_eq(a, "f:1:1: warning: x: w");
  ck_assert_str_eq(b, "f:4:1: error: e1");
  KbDiag whole = { KB_SEVERITY_ERROR, "g", 0, 0, NULL, "gone", FALSE, FALSE };
  g_autofree char *c = kb_diag_format(&whole);
  ck_assert_str_eq(c, "g: error: gone");
}
END_TEST

START_TEST(root_causes_come_first_and_their_consequences_are_counted)
{
  g_autoptr(KbDiagList) list = kb_diag_list_new(1);
  kb_diag_list_add(list, KB_SEVERITY_ERROR, "a.csv", 2, 1, "home", "unknown");
  kb_diag_list_add_cause(list, "b.csv", 6, 18, NULL, "not UTF-8");
  kb_diag_list_add_consequence(list);
  kb_diag_list_add_consequence(list);
  /* the limit of one kept error is past: counted, not kept */
  kb_diag_list_add(list, KB_SEVERITY_ERROR, "a.csv", 1, 1, NULL, "kept no more");
  ck_assert_uint_eq(kb_diag_list_count(list, KB_SEVERITY_ERROR), 5);
  ck_assert_uint_eq(kb_diag_list_consequences(list), 2);
  ck_assert_uint_eq(kb_diag_list_length(list), 1);
  g_autoptr(KbDiagList) all = kb_diag_list_new(0);
  kb_diag_list_add(all, KB_SEVERITY_WARNING, "a.csv", 1, 1, NULL, "w");
  kb_diag_list_add(all, KB_SEVERITY_ERROR, "a.csv", 2, 1, "home", "unknown");
  kb_diag_list_add_cause(all, "c.csv", 1, 1, NULL, "UTF-16");
  kb_diag_list_add_cause(all, "b.csv", 6, 18, NULL, "not UTF-8");
  kb_diag_list_sort(all);
  /* the causes first, by file; then the rest, by file and line */
  static const char *const order[] = { "b.csv:6:18: error: not UTF-8", "c.csv:1:1: error: UTF-16",
                                       "a.csv:1:1: warning: w",
                                       "a.csv:2:1: error: home: unknown" };
  for (size_t i = 0; i < G_N_ELEMENTS(order); i++) {
    g_autofree char *text = kb_diag_format(kb_diag_list_get(all, i));
    ck_assert_str_eq(text, order[i]);
  }
  ck_assert(kb_diag_list_get(all, 0)->cause && !kb_diag_list_get(all, 3)->cause);
}
END_TEST

static const char *const limit_nodes[] = { "id,kind", "a,network", "b,network", "c,network", NULL };
static const char *const limit_rels[] = { "from,to,kind", "a,b,partner_of", "b,c,partner_of", NULL };

START_TEST(the_limits_default_to_ten_and_fifty_million)
{
  KbLimits limits;
  kb_limits_init(&limits);
  ck_assert_uint_eq(limits.max_nodes, 10000000);
  ck_assert_uint_eq(limits.max_relations, 50000000);
  ck_assert_uint_eq(limits.max_bytes, 8000000000);
}
END_TEST

START_TEST(data_at_the_limits_is_taken)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbLimits limits = { .max_nodes = 3, .max_relations = 2, .max_bytes = KB_DEFAULT_MAX_BYTES };
  g_autoptr(KbDataset) ds = build_limited(diags, limit_nodes, limit_rels, TRUE, &limits);
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
  ck_assert_uint_eq(kb_dataset_node_count(ds), 3);
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 2);
}
END_TEST

/* Builds the limit test data under 'limits': one error, 'message', and
 * 'nodes' nodes taken; no relation is resolved past a limit, and the
 * relations after it are skipped unreported, though they may name a node
 * that was not taken. */
static void
assert_refused(size_t max_nodes, size_t max_relations, const char *message, size_t nodes)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  KbLimits limits = { .max_nodes = max_nodes, .max_relations = max_relations,
                      .max_bytes = KB_DEFAULT_MAX_BYTES };
  g_autoptr(KbDataset) ds = build_limited(diags, limit_nodes, limit_rels, TRUE, &limits);
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  g_autofree char *d0 = diag_text(diags, 0);
  ck_assert_str_eq(d0, message);
  ck_assert_uint_eq(kb_dataset_node_count(ds), nodes);
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 0);
}

START_TEST(a_node_past_the_limit_stops_the_data)
{
  assert_refused(2, 2, "n.csv:4: error: more nodes than the limit of 2; expected at most 2 "
                       "nodes (raise the limit with --max-nodes N)", 2);
}
END_TEST

START_TEST(a_relation_past_the_limit_stops_the_data)
{
  assert_refused(3, 1, "r.csv:3: error: more relations than the limit of 1; expected at most "
                       "1 relation (raise the limit with --max-relations N)", 3);
}
END_TEST

/* Adds a row given as "name=value" cells, the cells at columns 1, 11, 21... */
static void
add(KbBuilder *b, KbTable table, unsigned line, const char *const *cells)
{
  KbCell row_cells[16];
  char **parts[16] = { NULL };
  size_t n = 0;
  for (; cells[n] != NULL; n++) {
    parts[n] = g_strsplit(cells[n], "=", 2);
    row_cells[n] = (KbCell) { parts[n][0], parts[n][1], line, 10 * (unsigned) n + 1 };
  }
  KbRow row = { table == KB_TABLE_NODES ? "n.csv" : "r.csv", line, row_cells, n };
  kb_builder_add_row(b, table, &row);
  for (size_t i = 0; i < n; i++)
    g_clear_pointer(&parts[i], g_strfreev);
}

#define ROW(...) ((const char *const[]) { __VA_ARGS__, NULL })

START_TEST(references_may_come_before_their_nodes)
{
  /* a relation before both its ends, an organisation before its sector, a
   * city before its country: each is found when the builder finishes */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("t", diags);
  add(b, KB_TABLE_RELATIONS, 2, ROW("from=o", "to=c", "kind=active_in"));
  add(b, KB_TABLE_RELATIONS, 3, ROW("from=o", "to=gone", "kind=active_in"));
  add(b, KB_TABLE_NODES, 2, ROW("id=o", "kind=organisation", "sector=culture"));
  add(b, KB_TABLE_NODES, 3, ROW("id=c", "kind=city", "country=k"));
  add(b, KB_TABLE_NODES, 4, ROW("id=culture", "kind=sector"));
  add(b, KB_TABLE_NODES, 5, ROW("id=k", "kind=country"));
  add(b, KB_TABLE_NODES, 6, ROW("id=t", "kind=theme", "sector=culture"));
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 1);
  assert_diag(diags, 0, "n.csv:3:1: warning: home: the dataset names no home city, so every "
                        "country counts as abroad, the home country included; give the "
                        "dataset a 'home': the id of its city");
  assert_diag(diags, 1, "n.csv:6:21: warning: sector: only organisations have a sector; "
                        "ignored for theme 't'");
  assert_diag(diags, 2, "r.csv:3:11: error: to: unknown node 'gone'; expected the id of a "
                        "node in the nodes table");
  ck_assert_uint_eq(kb_dataset_node(ds, 0)->sector, 2);
  ck_assert_uint_eq(kb_dataset_node(ds, 4)->sector, KB_NO_NODE);
  /* the relation that could be used, then the city's country */
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 2);
  ck_assert_uint_eq(kb_dataset_relation(ds, 0)->from, 0);
  ck_assert_uint_eq(kb_dataset_relation(ds, 0)->to, 1);
  ck_assert_uint_eq(kb_dataset_relation(ds, 1)->from, 1);
  ck_assert_uint_eq(kb_dataset_relation(ds, 1)->to, 3);
  ck_assert_int_eq(kb_dataset_relation(ds, 1)->kind, KB_REL_LOCATED_IN);
}
END_TEST

START_TEST(rows_may_name_their_cells_in_any_order)
{
  /* as JSON objects do: each row its own members, in its own order */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("t", diags);
  add(b, KB_TABLE_NODES, 2, ROW("id=a", "kind=theme", "source=x", "colour=red"));
  add(b, KB_TABLE_NODES, 3, ROW("kind=theme", "id=b", "colour=blue", "source=x"));
  add(b, KB_TABLE_NODES, 4, ROW("id=c", "kind=theme", "size=3"));
  add(b, KB_TABLE_NODES, 5, ROW("id=d", "kind=theme", "size=3"));
  add(b, KB_TABLE_NODES, 6, ROW("kind=theme", "id=e", "label= E ", "tags= p | |q|"));
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 0);
  ck_assert_uint_eq(kb_dataset_node_count(ds), 5);
  const char *ids = "abcde";
  for (size_t i = 0; i < 5; i++)
    ck_assert_int_eq(kb_dataset_node(ds, i)->id[0], ids[i]);
  ck_assert_str_eq(kb_node_attr(kb_dataset_node(ds, 0), "colour"), "red");
  ck_assert_str_eq(kb_node_attr(kb_dataset_node(ds, 1), "colour"), "blue");
  ck_assert_ptr_null(kb_node_attr(kb_dataset_node(ds, 1), "size"));
  ck_assert_str_eq(kb_node_attr(kb_dataset_node(ds, 3), "size"), "3");
  ck_assert_str_eq(kb_dataset_node(ds, 1)->source, "x");
  ck_assert_str_eq(kb_dataset_node(ds, 2)->label, "c");
  ck_assert_str_eq(kb_dataset_node(ds, 4)->label, "E");
  char **tags = kb_dataset_node(ds, 4)->tags;
  ck_assert_uint_eq(g_strv_length(tags), 2);
  ck_assert_str_eq(tags[0], "p");
  ck_assert_str_eq(tags[1], "q");
  ck_assert_ptr_null(kb_dataset_node(ds, 0)->tags[0]);
  /* a copy as of a year is whole on its own */
  g_autoptr(KbDataset) copy = kb_dataset_as_of(ds, 2020);
  g_clear_pointer(&ds, kb_dataset_free);
  ck_assert_str_eq(kb_dataset_node(copy, 4)->label, "E");
  ck_assert_str_eq(kb_dataset_node(copy, 4)->tags[1], "q");
  ck_assert_str_eq(kb_node_attr(kb_dataset_node(copy, 1), "colour"), "blue");
}
END_TEST

START_TEST(references_to_rows_of_a_rejected_file_are_counted_not_listed)
{
  /* nodes.csv was rejected (not UTF-8): its rows say only which ids it held */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("t", diags);
  KbCell lost[] = { { "id", " deventer ", 3, 1 }, { "kind", "city", 3, 10 } };
  KbRow lost_row = { "n.csv", 3, lost, G_N_ELEMENTS(lost) };
  kb_builder_add_rejected_row(b, KB_TABLE_NODES, &lost_row);
  add(b, KB_TABLE_NODES, 2, ROW("id=o", "kind=network"));
  /* to a lost node: counted; between unknown ids: listed */
  add(b, KB_TABLE_RELATIONS, 2, ROW("from=deventer", "to=o", "kind=member_of"));
  add(b, KB_TABLE_RELATIONS, 3, ROW("from=deventr", "to=o", "kind=member_of"));
  KbCell home[] = { { "key", "home", 2, 1 }, { "value", "deventer", 2, 6 } };
  KbRow home_row = { "dataset.csv", 2, home, G_N_ELEMENTS(home) };
  kb_builder_add_row(b, KB_TABLE_META, &home_row);
  KbCell question[] = { { "id", "q1", 2, 1 }, { "kind", "overview", 2, 4 },
                        { "question", "How?", 2, 13 }, { "from", "deventer", 2, 18 } };
  KbRow question_row = { "questions.csv", 2, question, G_N_ELEMENTS(question) };
  kb_builder_add_row(b, KB_TABLE_QUESTIONS, &question_row);
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  /* the relation, the home and the question follow from the lost row */
  ck_assert_uint_eq(kb_diag_list_consequences(diags), 3);
  ck_assert_uint_eq(kb_diag_list_count(diags, KB_SEVERITY_ERROR), 4);
  ck_assert_uint_eq(kb_diag_list_length(diags), 1);
  assert_diag(diags, 0, "r.csv:3:1: error: from: unknown node 'deventr'; expected the id of a "
                        "node in the nodes table");
  ck_assert_uint_eq(kb_dataset_node_count(ds), 1);
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 0);
  ck_assert_uint_eq(kb_dataset_question_count(ds), 0);

  /* a nodes table that could not be read at all: every unknown id may be
   * one of its, and nothing is said of the home dataset.csv would name */
  g_autoptr(KbDiagList) d2 = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b2 = kb_builder_new("t", d2);
  kb_builder_set_table_unread(b2, KB_TABLE_NODES);
  kb_builder_set_table_unread(b2, KB_TABLE_META);
  add(b2, KB_TABLE_NODES, 2, ROW("id=c", "kind=city"));
  add(b2, KB_TABLE_RELATIONS, 2, ROW("from=deventr", "to=c", "kind=twinned_with"));
  g_autoptr(KbDataset) ds2 = kb_builder_finish(b2);
  ck_assert_uint_eq(kb_diag_list_consequences(d2), 1);
  ck_assert_uint_eq(kb_diag_list_length(d2), 0);
}
END_TEST

START_TEST(capacity_and_scope_are_read_from_the_facts)
{
  /* hours with a decimal comma, as Dutch Excel writes them; purposes in
   * either language and any case */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("t", diags);
  add(b, KB_TABLE_META, 2, ROW("key=capacity", "value=1200,5"));
  add(b, KB_TABLE_META, 3, ROW("key=capacity_used", "value=-0"));
  add(b, KB_TABLE_META, 4, ROW("key=out_of_scope", "value=Bezoekers | business"));
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_length(diags), 0);
  double capacity = 0, used = 0;
  ck_assert(kb_dataset_capacity(ds, &capacity, &used));
  ck_assert(capacity == 1200.5);
  ck_assert(used == 0 && !signbit(used));
  ck_assert_uint_eq(kb_dataset_out_of_scope(ds),
                    1u << KB_PURPOSE_VISITORS | 1u << KB_PURPOSE_BUSINESS);
  /* a copy keeps them */
  g_autoptr(KbDataset) copy = kb_dataset_as_of(ds, 2020);
  ck_assert(kb_dataset_capacity(copy, &capacity, &used) && capacity == 1200.5 && used == 0);
  ck_assert_uint_eq(kb_dataset_out_of_scope(copy), kb_dataset_out_of_scope(ds));

  /* what is used, without the capacity: a warning, and no capacity */
  g_autoptr(KbDiagList) d2 = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b2 = kb_builder_new("t", d2);
  add(b2, KB_TABLE_META, 2, ROW("key=capacity_used", "value=300"));
  g_autoptr(KbDataset) ds2 = kb_builder_finish(b2);
  ck_assert_uint_eq(kb_diag_list_length(d2), 1);
  assert_diag(d2, 0, "r.csv:2:1: warning: key: capacity_used is given without capacity, so the "
                     "capacity left is unknown; add 'capacity,<hours a year>'");
  ck_assert(!kb_dataset_capacity(ds2, &capacity, &used));
  ck_assert(capacity == -1 && used == 300);
  /* none given */
  g_autoptr(KbBuilder) b3 = kb_builder_new("t", d2);
  g_autoptr(KbDataset) ds3 = kb_builder_finish(b3);
  ck_assert(!kb_dataset_capacity(ds3, &capacity, &used));
  ck_assert(capacity == -1 && used == -1);
  ck_assert_uint_eq(kb_dataset_out_of_scope(ds3), 0);
}
END_TEST

START_TEST(hours_and_purposes_parse)
{
  double h = 7;
  ck_assert(kb_hours_parse("0", &h) && h == 0);
  ck_assert(kb_hours_parse("12.25", &h) && h == 12.25);
  ck_assert(kb_hours_parse("12,25", &h) && h == 12.25);
  static const char *const bad[] = { "", "-1", "1,000,5", "12 hours", "nan", "inf", "1.5.2" };
  for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
    h = 7;
    ck_assert_msg(!kb_hours_parse(bad[i], &h) && h == 7, "'%s' read as hours", bad[i]);
  }
  KbPurpose p = KB_PURPOSE_NONE;
  ck_assert(kb_purpose_parse("VISITORS", &p) && p == KB_PURPOSE_VISITORS);
  ck_assert(kb_purpose_parse("bedrijven", &p) && p == KB_PURPOSE_BUSINESS);
  ck_assert(kb_purpose_parse("Uitwisseling", &p) && p == KB_PURPOSE_EXCHANGE);
  ck_assert(!kb_purpose_parse("tourism", &p) && p == KB_PURPOSE_EXCHANGE);
  ck_assert(!kb_purpose_parse("", &p));
  ck_assert_str_eq(kb_purpose_name(KB_PURPOSE_BUSINESS), "business");
  ck_assert_str_eq(kb_purpose_name(KB_PURPOSE_NONE), "");
}
END_TEST

START_TEST(a_sector_takes_its_role_from_its_role_column_or_its_id)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("t", diags);
  add(b, KB_TABLE_NODES, 2, ROW("id=overheid", "kind=sector", "role="));
  add(b, KB_TABLE_NODES, 3, ROW("id=ondernemers", "kind=sector", "role= Business "));
  add(b, KB_TABLE_NODES, 4, ROW("id=zorg", "kind=sector", "role=maatschappelijk"));
  add(b, KB_TABLE_NODES, 5, ROW("id=horeca", "kind=sector", "role="));
  add(b, KB_TABLE_NODES, 6, ROW("id=police", "kind=sector", "role=goverment"));
  add(b, KB_TABLE_NODES, 7,
      ROW("id=o", "kind=organisation", "role=lead partner", "sector=zorg"));
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_length(diags), 2);
  assert_diag(diags, 0, "n.csv:5:21: warning: role: sector 'horeca' has no role, so the maps "
                        "give it a spare colour that may be another sector's; name its role "
                        "in a role column: education, business, culture, ngo, government or "
                        "sport");
  assert_diag(diags, 1, "n.csv:6:21: error: role: unknown role 'goverment' (did you mean "
                        "'government'?); expected one of: education, business, culture, ngo, "
                        "government, sport (or the Dutch onderwijs, bedrijfsleven, cultuur, "
                        "maatschappelijk, overheid)");
  /* the role given, and the role the id names where none is given */
  ck_assert_int_eq(kb_dataset_node(ds, 0)->role, KB_SECTOR_ROLE_NONE);
  ck_assert_int_eq(kb_sector_role(kb_dataset_node(ds, 0)), KB_SECTOR_ROLE_GOVERNMENT);
  ck_assert_int_eq(kb_dataset_node(ds, 1)->role, KB_SECTOR_ROLE_BUSINESS);
  ck_assert_int_eq(kb_sector_role(kb_dataset_node(ds, 2)), KB_SECTOR_ROLE_NGO);
  ck_assert_int_eq(kb_sector_role(kb_dataset_node(ds, 3)), KB_SECTOR_ROLE_NONE);
  ck_assert_int_eq(kb_sector_role(kb_dataset_node(ds, 4)), KB_SECTOR_ROLE_NONE);
  /* on an organisation, a role is an attribute as any other column */
  const KbNode *o = kb_dataset_node(ds, 5);
  ck_assert_int_eq(kb_sector_role(o), KB_SECTOR_ROLE_NONE);
  ck_assert_str_eq(kb_node_attr(o, "role"), "lead partner");
  ck_assert_str_eq(kb_sector_role_name(KB_SECTOR_ROLE_NGO), "ngo");
}
END_TEST

START_TEST(a_repeated_relation_is_warned_about_once_per_repeat)
{
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  const char *nodes[] = { "id,kind,sector", "education,sector,", "a,organisation,education",
                          "b,organisation,education", NULL };
  const char *rels[] = { "from,to,kind,since", "a,b,partner_of,", "b,a,partner_of,",
                         "a,b,partner_of,2015", "a,b,funds,", "b,a,funds,", "a,b,partner_of,",
                         NULL };
  g_autoptr(KbDataset) ds = build(diags, nodes, rels, TRUE);
  ck_assert_uint_eq(kb_dataset_relation_count(ds), 6);
  ck_assert_uint_eq(kb_diag_list_length(diags), 2);
  assert_diag(diags, 0, "r.csv:3:1: warning: repeats the partner_of relation between 'b' "
                        "and 'a' at line 2");
  assert_diag(diags, 1, "r.csv:7:1: warning: repeats the partner_of relation between 'a' "
                        "and 'b' at line 2");
}
END_TEST

START_TEST(cells_far_from_their_row_start_keep_their_positions)
{
  /* a relation's cells may lie lines below its row's start (after a quoted
   * line break, or in a JSON object) and far to the right (after a long
   * value); messages about them point there all the same */
  g_autoptr(KbDiagList) diags = kb_diag_list_new(0);
  g_autoptr(KbBuilder) b = kb_builder_new("t", diags);
  add(b, KB_TABLE_NODES, 2, ROW("id=government", "kind=sector"));
  add(b, KB_TABLE_NODES, 3, ROW("id=o", "kind=organisation", "sector=government"));
  add(b, KB_TABLE_NODES, 4, ROW("id=n", "kind=network"));
  static const struct {
    unsigned line, from_line, from_column, to_line, kind_column;
    const char *to, *kind;
  } rows[] = {
    { 2, 2, 1, 2, 21, "n", "member_of" },
    { 3, 300, 70000, 300, 70020, "gone", "member_of" },    /* far: unknown 'to' */
    { 400, 400, 1, 400, 21, "n", "member_of" },            /* near: repeats line 2 */
    { 500, 900, 5, 901, 9, "n", "member_of" },             /* far: repeats line 2 */
    { 1000, 1000, 1, 1000, 21, "n", "funds" },             /* near: funds o to n */
  };
  for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
    KbCell cells[] = { { "from", "o", rows[i].from_line, rows[i].from_column },
                       { "to", rows[i].to, rows[i].to_line, rows[i].from_column + 10 },
                       { "kind", rows[i].kind, rows[i].to_line, rows[i].kind_column } };
    KbRow row = { "r.csv", rows[i].line, cells, 3 };
    kb_builder_add_row(b, KB_TABLE_RELATIONS, &row);
  }
  g_autoptr(KbDataset) ds = kb_builder_finish(b);
  ck_assert_uint_eq(kb_diag_list_length(diags), 4);
  assert_diag(diags, 0, "r.csv:300:70010: error: to: unknown node 'gone'; expected the id of "
                        "a node in the nodes table");
  assert_diag(diags, 1, "r.csv:400:1: warning: repeats the member_of relation between 'o' "
                        "and 'n' at line 2");
  assert_diag(diags, 2, "r.csv:900:5: warning: repeats the member_of relation between 'o' "
                        "and 'n' at line 2");
  assert_diag(diags, 3, "r.csv:1000:21: error: kind: funds cannot join organisation 'o' to "
                        "network 'n'; funds joins organisation to organisation");
}
END_TEST

static Suite *
builder_suite(void)
{
  Suite *s = suite_create("builder");
  TCase *tc = tcase_create("builder");
  tcase_add_test(tc, kinds_are_read_in_any_case);
  tcase_add_test(tc, values_are_parsed);
  tcase_add_test(tc, a_decimal_comma_is_a_weight);
  tcase_add_test(tc, sector_and_country_apply_to_their_kinds_only);
  tcase_add_test(tc, organisations_need_a_sector_where_the_data_has_sectors);
  tcase_add_test(tc, isolated_nodes_are_warned_about);
  tcase_add_test(tc, no_structural_warnings_while_errors_stand);
  tcase_add_test(tc, duplicate_ids_across_files);
  tcase_add_test(tc, the_diagnostic_list_keeps_a_limit_and_counts_all);
  tcase_add_test(tc, root_causes_come_first_and_their_consequences_are_counted);
  tcase_add_test(tc, the_limits_default_to_ten_and_fifty_million);
  tcase_add_test(tc, data_at_the_limits_is_taken);
  tcase_add_test(tc, a_node_past_the_limit_stops_the_data);
  tcase_add_test(tc, a_relation_past_the_limit_stops_the_data);
  tcase_add_test(tc, references_may_come_before_their_nodes);
  tcase_add_test(tc, rows_may_name_their_cells_in_any_order);
  tcase_add_test(tc, a_repeated_relation_is_warned_about_once_per_repeat);
  tcase_add_test(tc, references_to_rows_of_a_rejected_file_are_counted_not_listed);
  tcase_add_test(tc, a_sector_takes_its_role_from_its_role_column_or_its_id);
  tcase_add_test(tc, capacity_and_scope_are_read_from_the_facts);
  tcase_add_test(tc, hours_and_purposes_parse);
  tcase_add_test(tc, cells_far_from_their_row_start_keep_their_positions);
  tcase_add_test(tc, control_characters_in_texts_are_warned_about);
  suite_add_tcase(s, tc);
  return s;
}

KB_TEST_MAIN(builder_suite)
