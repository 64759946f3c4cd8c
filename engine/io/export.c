/* export.c -- the dataset written for other tools. Every writer puts out
 * every field: kind, label, sector, description, tags, website, source and
 * the kept attributes of each node; kind, years, weight, label, source,
 * note and kept attributes of each relation. A sector's role travels as a
 * kept attribute "role" does (the one that other nodes may have), so that
 * it reads back as the sector's role. This file holds the writers, one
 * per format; the texts they share (fields, facts, dates) come from
 * export_fields.c. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "base/folder.h"
#include "base/quote.h"
#include "base/escape.h"
#include "io/io_internal.h"
#include "io/export_internal.h"
#include "klaverblad/error.h"
#include "klaverblad/export.h"
#include "klaverblad/output.h"
#include "klaverblad/version.h"

gboolean
kb_export_format_parse(const char *name, KbExportFormat *out)
{
  static const char *const names[] = { "graphml", "gexf", "kumu", "json", "csv", "dot", "xlsx" };
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
    if (strcmp(name, names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  return FALSE;
}

/* ----------------------------------------------------------- dataset.csv */

static void
csv_cell(GString *s, const char *t, gboolean first)
{
  if (!first)
    g_string_append_c(s, ',');
  if (t != NULL)
    kb_csv_append_text(s, t);
}

/* A cell holding a number ("-0.5" stays a number), never the first. */
static void
csv_number(GString *s, const char *t)
{
  g_string_append_c(s, ',');
  if (t != NULL)
    kb_csv_append_raw(s, t);
}

/* dataset.csv and questions.csv, as a dataset folder and Kumu's layout
 * hold them; GraphML holds the questions so as its graph's data. */
static char *
write_meta_csv(const KbDataset *ds)
{
  GString *s = g_string_new("key,value\n");
  KbExportFact facts[KB_EXPORT_MAX_FACTS];
  size_t nf = kb_i_export_facts(ds, facts);
  for (size_t i = 0; i < nf; i++) {
    csv_cell(s, facts[i].key, TRUE);
    csv_cell(s, facts[i].value, FALSE);
    g_string_append_c(s, '\n');
  }
  kb_i_export_facts_release(facts, nf);
  return g_string_free(s, FALSE);
}

static char *
write_questions_csv(const KbDataset *ds)
{
  GString *s = g_string_new(NULL);
  for (size_t c = 0; c < G_N_ELEMENTS(kb_i_export_question_columns); c++)
    csv_cell(s, kb_i_export_question_columns[c], c == 0);
  g_string_append_c(s, '\n');
  for (size_t i = 0; i < kb_dataset_question_count(ds); i++) {
    const char *v[G_N_ELEMENTS(kb_i_export_question_columns)];
    kb_i_export_question_values(ds, kb_dataset_question(ds, i), v);
    for (size_t c = 0; c < G_N_ELEMENTS(kb_i_export_question_columns); c++)
      csv_cell(s, v[c], c == 0);
    g_string_append_c(s, '\n');
  }
  return g_string_free(s, FALSE);
}

/* ---------------------------------------------------------------- XML */

static void
xml_text(GString *s, const char *t)
{
  g_autofree char *e = g_markup_escape_text(t, -1);
  g_string_append(s, e);
}

static void
xml_data(GString *s, const char *indent, const char *key, const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf(s, "%s<data key=\"%s\">", indent, key);
  xml_text(s, value);
  g_string_append(s, "</data>\n");
}

static char *
write_graphml(const KbDataset *ds, const GPtrArray *nattrs, const KbNodeMeasure *measures,
              size_t nm)
{
  GString *s = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                            "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  static const char *const nkeys[] = { "kind", "label", "sector", "description", "website",
                                       "source", "tags" };
  for (size_t i = 0; i < G_N_ELEMENTS(nkeys); i++)
    g_string_append_printf(s, "  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" "
                           "attr.type=\"string\"/>\n", nkeys[i], nkeys[i]);
  for (guint i = 0; i < nattrs->len; i++) {
    g_autofree char *name = g_markup_escape_text(g_ptr_array_index(nattrs, i), -1);
    g_string_append_printf(s, "  <key id=\"na_%u\" for=\"node\" attr.name=\"%s\" "
                           "attr.type=\"string\"/>\n", i, name);
  }
  for (size_t i = 0; i < nm; i++) {
    g_autofree char *name = g_markup_escape_text(measures[i].name, -1);
    g_string_append_printf(s, "  <key id=\"m_%zu\" for=\"node\" attr.name=\"%s\" "
                           "attr.type=\"%s\"/>\n", i, name, measures[i].integer ? "long" : "double");
  }
  static const char *const ekeys[] = { "kind", "label", "source", "note" };
  for (size_t i = 0; i < G_N_ELEMENTS(ekeys); i++)
    g_string_append_printf(s, "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" "
                           "attr.type=\"string\"/>\n", ekeys[i], ekeys[i]);
  /* years as numbers, unless some carry a qualifier ("2015~") */
  const char *year_type = kb_i_export_any_qualified_year(ds) ? "string" : "long";
  g_string_append_printf(s, "  <key id=\"e_since\" for=\"edge\" attr.name=\"since\" "
                         "attr.type=\"%s\"/>\n"
                         "  <key id=\"e_until\" for=\"edge\" attr.name=\"until\" "
                         "attr.type=\"%s\"/>\n"
                         "  <key id=\"e_weight\" for=\"edge\" attr.name=\"weight\" "
                         "attr.type=\"double\"/>\n", year_type, year_type);
  if (kb_i_export_any_status(ds))
    g_string_append(s, "  <key id=\"e_status\" for=\"edge\" attr.name=\"status\" "
                       "attr.type=\"string\"/>\n");
  g_autoptr(GPtrArray) eattrs = kb_i_export_attr_names(ds, TRUE, NULL, 0);
  for (guint i = 0; i < eattrs->len; i++) {
    g_autofree char *name = g_markup_escape_text(g_ptr_array_index(eattrs, i), -1);
    g_string_append_printf(s, "  <key id=\"ea_%u\" for=\"edge\" attr.name=\"%s\" "
                           "attr.type=\"string\"/>\n", i, name);
  }
  /* the facts and the questions as the graph's data */
  KbExportFact facts[KB_EXPORT_MAX_FACTS];
  size_t nf = kb_i_export_facts(ds, facts);
  g_autofree char *questions = kb_dataset_question_count(ds) ? write_questions_csv(ds) : NULL;
  for (size_t i = 0; i < nf; i++)
    g_string_append_printf(s, "  <key id=\"g_%s\" for=\"graph\" attr.name=\"%s\" "
                           "attr.type=\"%s\"/>\n", facts[i].key, facts[i].key,
                           kb_i_export_fact_is_year(facts[i].key) ? "long"
                           : kb_i_export_fact_is_hours(facts[i].key) ? "double" : "string");
  if (questions != NULL)
    g_string_append(s, "  <key id=\"g_questions\" for=\"graph\" attr.name=\"questions\" "
                       "attr.type=\"string\"/>\n");
  g_string_append(s, "  <graph id=\"G\" edgedefault=\"directed\">\n");
  for (size_t i = 0; i < nf; i++) {
    g_autofree char *key = g_strdup_printf("g_%s", facts[i].key);
    xml_data(s, "    ", key, facts[i].value);
  }
  kb_i_export_facts_release(facts, nf);
  xml_data(s, "    ", "g_questions", questions);
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    g_autofree char *id = g_markup_escape_text(n->id, -1);
    g_string_append_printf(s, "    <node id=\"%s\">\n", id);
    KbExportField f[8];
    size_t k = kb_i_export_node_fields(ds, n, f);
    for (size_t j = 0; j < k; j++) {
      g_autofree char *key = g_strdup_printf("n_%s", f[j].name);
      xml_data(s, "      ", key, f[j].value);
    }
    g_autofree char *tags = kb_i_export_tags(n);
    xml_data(s, "      ", "n_tags", tags);
    for (size_t a = 0; a < n->n_attrs; a++)
      for (guint j = 0; j < nattrs->len; j++)
        if (strcmp(g_ptr_array_index(nattrs, j), n->attrs[a].key) == 0) {
          g_autofree char *key = g_strdup_printf("na_%u", j);
          xml_data(s, "      ", key, n->attrs[a].value);
        }
    for (guint j = 0; n->role != KB_SECTOR_ROLE_NONE && j < nattrs->len; j++)
      if (strcmp(g_ptr_array_index(nattrs, j), "role") == 0) {
        g_autofree char *key = g_strdup_printf("na_%u", j);
        xml_data(s, "      ", key, kb_sector_role_name(n->role));
      }
    for (size_t m = 0; m < nm; m++)
      if (!isnan(measures[m].values[i])) {
        g_autofree char *key = g_strdup_printf("m_%zu", m);
        g_autofree char *v = kb_i_export_number(measures[m].values[i], measures[m].integer);
        xml_data(s, "      ", key, v);
      }
    g_string_append(s, "    </node>\n");
  }
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    g_autofree char *a = g_markup_escape_text(kb_dataset_node(ds, r->from)->id, -1);
    g_autofree char *b = g_markup_escape_text(kb_dataset_node(ds, r->to)->id, -1);
    g_string_append_printf(s, "    <edge id=\"e%zu\" source=\"%s\" target=\"%s\">\n", i, a, b);
    xml_data(s, "      ", "e_kind", kb_rel_kind_name(r->kind));
    g_autofree char *since = kb_i_export_date(r->since, r->since_q);
    g_autofree char *until = kb_i_export_date(r->until, r->until_q);
    g_autofree char *w = kb_i_export_weight(r->weight);
    xml_data(s, "      ", "e_since", since);
    xml_data(s, "      ", "e_until", until);
    xml_data(s, "      ", "e_status", kb_i_export_status(r));
    xml_data(s, "      ", "e_weight", w);
    xml_data(s, "      ", "e_label", r->label);
    xml_data(s, "      ", "e_source", r->source);
    xml_data(s, "      ", "e_note", r->note);
    for (size_t at = 0; at < r->n_attrs; at++)
      for (guint j = 0; j < eattrs->len; j++)
        if (strcmp(g_ptr_array_index(eattrs, j), r->attrs[at].key) == 0) {
          g_autofree char *key = g_strdup_printf("ea_%u", j);
          xml_data(s, "      ", key, r->attrs[at].value);
        }
    g_string_append(s, "    </edge>\n");
  }
  g_string_append(s, "  </graph>\n</graphml>\n");
  return g_string_free(s, FALSE);
}

/* ---------------------------------------------------------------- GEXF */

static char *
write_gexf(const KbDataset *ds, const GPtrArray *nattrs, const KbNodeMeasure *measures,
           size_t nm)
{
  GString *s = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
                            "  <meta><creator>klaverblad " KB_VERSION "</creator></meta>\n"
                            "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" "
                            "timeformat=\"integer\">\n");
  static const char *const nkeys[] = { "kind", "sector", "description", "website", "source",
                                       "tags" };
  g_string_append(s, "    <attributes class=\"node\" mode=\"static\">\n");
  size_t id = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(nkeys); i++)
    g_string_append_printf(s, "      <attribute id=\"%zu\" title=\"%s\" type=\"string\"/>\n",
                           id++, nkeys[i]);
  for (guint i = 0; i < nattrs->len; i++) {
    g_autofree char *t = g_markup_escape_text(g_ptr_array_index(nattrs, i), -1);
    g_string_append_printf(s, "      <attribute id=\"%zu\" title=\"%s\" type=\"string\"/>\n",
                           id++, t);
  }
  for (size_t i = 0; i < nm; i++) {
    g_autofree char *t = g_markup_escape_text(measures[i].name, -1);
    g_string_append_printf(s, "      <attribute id=\"%zu\" title=\"%s\" type=\"%s\"/>\n",
                           id++, t, measures[i].integer ? "long" : "double");
  }
  g_string_append(s, "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n"
                     "      <attribute id=\"0\" title=\"kind\" type=\"string\"/>\n"
                     "      <attribute id=\"1\" title=\"label\" type=\"string\"/>\n"
                     "      <attribute id=\"2\" title=\"source\" type=\"string\"/>\n"
                     "      <attribute id=\"3\" title=\"note\" type=\"string\"/>\n"
                     "      <attribute id=\"4\" title=\"status\" type=\"string\"/>\n"
                     "      <attribute id=\"5\" title=\"since\" type=\"string\"/>\n"
                     "      <attribute id=\"6\" title=\"until\" type=\"string\"/>\n"
                     "    </attributes>\n    <nodes>\n");
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    g_autofree char *nid = g_markup_escape_text(n->id, -1);
    g_autofree char *label = g_markup_escape_text(n->label, -1);
    g_string_append_printf(s, "      <node id=\"%s\" label=\"%s\">\n        <attvalues>\n", nid,
                           label);
    g_autofree char *tags = kb_i_export_tags(n);
    const char *vals[] = { kb_node_kind_name(n->kind),
                           n->sector != KB_NO_NODE ? kb_dataset_node(ds, n->sector)->id : NULL,
                           n->description, n->website, n->source, tags };
    size_t a = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(vals); k++, a++)
      if (vals[k] != NULL) {
        g_autofree char *v = g_markup_escape_text(vals[k], -1);
        g_string_append_printf(s, "          <attvalue for=\"%zu\" value=\"%s\"/>\n", a, v);
      }
    for (guint j = 0; j < nattrs->len; j++, a++) {
      const char *v = kb_i_export_node_attr(n, g_ptr_array_index(nattrs, j));
      if (v != NULL) {
        g_autofree char *e = g_markup_escape_text(v, -1);
        g_string_append_printf(s, "          <attvalue for=\"%zu\" value=\"%s\"/>\n", a, e);
      }
    }
    for (size_t m = 0; m < nm; m++, a++)
      if (!isnan(measures[m].values[i])) {
        g_autofree char *v = kb_i_export_number(measures[m].values[i], measures[m].integer);
        g_string_append_printf(s, "          <attvalue for=\"%zu\" value=\"%s\"/>\n", a, v);
      }
    g_string_append(s, "        </attvalues>\n      </node>\n");
  }
  g_string_append(s, "    </nodes>\n    <edges>\n");
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    g_autofree char *a = g_markup_escape_text(kb_dataset_node(ds, r->from)->id, -1);
    g_autofree char *b = g_markup_escape_text(kb_dataset_node(ds, r->to)->id, -1);
    g_autofree char *w = kb_i_export_weight(r->weight);
    g_string_append_printf(s, "      <edge id=\"%zu\" source=\"%s\" target=\"%s\" weight=\"%s\"%s",
                           i, a, b, w, kb_rel_kind_is_symmetric(r->kind) ? " type=\"mutual\"" : "");
    /* the years as the edge's spell, so that Gephi's timeline can show it */
    if (r->since != KB_NO_YEAR)
      g_string_append_printf(s, " start=\"%d\"", r->since);
    if (r->until != KB_NO_YEAR)
      g_string_append_printf(s, " end=\"%d\"", r->until);
    g_string_append(s, ">\n        <attvalues>\n");
    /* the years as the data writes them where the spell cannot say more */
    g_autofree char *since = r->since_q != KB_DATE_EXACT ? kb_i_export_date(r->since, r->since_q)
                                                      : NULL;
    g_autofree char *until = r->until_q != KB_DATE_EXACT ? kb_i_export_date(r->until, r->until_q)
                                                      : NULL;
    const char *vals[] = { kb_rel_kind_name(r->kind), r->label, r->source, r->note,
                           kb_i_export_status(r), since, until };
    for (size_t k = 0; k < G_N_ELEMENTS(vals); k++)
      if (vals[k] != NULL) {
        g_autofree char *v = g_markup_escape_text(vals[k], -1);
        g_string_append_printf(s, "          <attvalue for=\"%zu\" value=\"%s\"/>\n", k, v);
      }
    g_string_append(s, "        </attvalues>\n      </edge>\n");
  }
  g_string_append(s, "    </edges>\n  </graph>\n</gexf>\n");
  return g_string_free(s, FALSE);
}

/* ----------------------------------------------------------------- JSON */

static void
json_member(GString *s, const char *key, const char *value)
{
  if (value == NULL)
    return;
  g_string_append(s, ", ");
  kb_i_json_append_string(s, key);
  g_string_append(s, ": ");
  kb_i_json_append_string(s, value);
}

/* The dataset's facts and questions, as the members of node-link's
 * "graph" object (NetworkX's graph attributes): the keys of dataset.csv, the
 * themes an array and the policy year a number, and "questions" an array of
 * questions.csv's rows. */
static void
json_graph(GString *s, const KbDataset *ds)
{
  KbExportFact facts[KB_EXPORT_MAX_FACTS];
  size_t nf = kb_i_export_facts(ds, facts);
  for (size_t i = 0; i < nf; i++) {
    g_string_append(s, i ? ", " : "");
    kb_i_json_append_string(s, facts[i].key);
    g_string_append(s, ": ");
    if (kb_i_export_fact_is_year(facts[i].key) || kb_i_export_fact_is_hours(facts[i].key)) {
      g_string_append(s, facts[i].value);
    } else if (strcmp(facts[i].key, "themes") == 0) {
      const size_t *themes;
      size_t nt = kb_dataset_themes(ds, &themes);
      g_string_append_c(s, '[');
      for (size_t t = 0; t < nt; t++) {
        g_string_append(s, t ? ", " : "");
        kb_i_json_append_string(s, kb_dataset_node(ds, themes[t])->id);
      }
      g_string_append_c(s, ']');
    } else {
      kb_i_json_append_string(s, facts[i].value);
    }
  }
  kb_i_export_facts_release(facts, nf);
  size_t nq = kb_dataset_question_count(ds);
  if (nq == 0)
    return;
  g_string_append(s, nf ? ", \"questions\": [\n" : "\"questions\": [\n");
  for (size_t i = 0; i < nq; i++) {
    const char *v[G_N_ELEMENTS(kb_i_export_question_columns)];
    kb_i_export_question_values(ds, kb_dataset_question(ds, i), v);
    g_string_append(s, "  {\"id\": ");
    kb_i_json_append_string(s, v[0]);
    for (size_t c = 1; c < G_N_ELEMENTS(kb_i_export_question_columns); c++)
      json_member(s, kb_i_export_question_columns[c], v[c]);
    g_string_append(s, i + 1 < nq ? "},\n" : "}\n ]");
  }
}

/* Node-link JSON, as NetworkX's node_link_data writes it and D3 reads it. */
static char *
write_json(const KbDataset *ds, const GPtrArray *nattrs, const KbNodeMeasure *measures,
           size_t nm)
{
  GString *s = g_string_new("{\"directed\": true, \"multigraph\": true, \"graph\": {");
  json_graph(s, ds);
  g_string_append(s, "},\n \"nodes\": [\n");
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    g_string_append(s, "  {\"id\": ");
    kb_i_json_append_string(s, n->id);
    KbExportField f[8];
    size_t k = kb_i_export_node_fields(ds, n, f);
    for (size_t j = 0; j < k; j++)
      json_member(s, strcmp(f[j].name, "source") ? f[j].name : "provenance", f[j].value);
    g_autofree char *tags = kb_i_export_tags(n);
    json_member(s, "tags", tags);
    for (guint j = 0; j < nattrs->len; j++)
      json_member(s, g_ptr_array_index(nattrs, j),
                  kb_i_export_node_attr(n, g_ptr_array_index(nattrs, j)));
    for (size_t m = 0; m < nm; m++)
      if (!isnan(measures[m].values[i])) {
        g_autofree char *v = kb_i_export_number(measures[m].values[i], measures[m].integer);
        g_string_append(s, ", ");
        kb_i_json_append_string(s, measures[m].name);
        g_string_append_printf(s, ": %s", v);
      }
    g_string_append(s, i + 1 < kb_dataset_node_count(ds) ? "},\n" : "}\n");
  }
  g_string_append(s, " ],\n \"links\": [\n");
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    g_string_append(s, "  {\"source\": ");
    kb_i_json_append_string(s, kb_dataset_node(ds, r->from)->id);
    g_string_append(s, ", \"target\": ");
    kb_i_json_append_string(s, kb_dataset_node(ds, r->to)->id);
    g_string_append_printf(s, ", \"key\": %zu", i);
    json_member(s, "kind", kb_rel_kind_name(r->kind));
    /* a year as a number; with a qualifier as the text the data writes */
    const int years[2] = { r->since, r->until };
    const guint8 quals[2] = { r->since_q, r->until_q };
    static const char *const year_names[2] = { "since", "until" };
    for (int y = 0; y < 2; y++) {
      if (years[y] == KB_NO_YEAR)
        continue;
      g_autofree char *text = kb_i_export_date(years[y], quals[y]);
      if (quals[y] == KB_DATE_EXACT)
        g_string_append_printf(s, ", \"%s\": %d", year_names[y], years[y]);
      else
        json_member(s, year_names[y], text);
    }
    json_member(s, "status", kb_i_export_status(r));
    g_autofree char *w = kb_i_export_weight(r->weight);
    g_string_append_printf(s, ", \"weight\": %s", w);
    json_member(s, "label", r->label);
    json_member(s, "provenance", r->source);   /* "source" is the link's start */
    json_member(s, "note", r->note);
    for (size_t a = 0; a < r->n_attrs; a++)
      json_member(s, r->attrs[a].key, r->attrs[a].value);
    g_string_append(s, i + 1 < kb_dataset_relation_count(ds) ? "},\n" : "}\n");
  }
  g_string_append(s, " ]}\n");
  return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------------ CSV */

/* The nodes as klaverblad's nodes.csv, or as Kumu's elements (Label, Type,
 * Description, Tags first, with ID for the connections). */
static char *
write_nodes_csv(const KbDataset *ds, gboolean kumu, const GPtrArray *attrs,
                const KbNodeMeasure *measures, size_t nm)
{
  GString *s = g_string_new(NULL);
  if (kumu)
    g_string_append(s, "ID,Label,Type,Description,Tags,Sector,Website,Source");
  else
    g_string_append(s, "id,kind,label,sector,description,tags,website,source");
  for (guint j = 0; j < attrs->len; j++)
    csv_cell(s, g_ptr_array_index(attrs, j), FALSE);
  for (size_t m = 0; m < nm; m++)
    csv_cell(s, measures[m].name, FALSE);
  g_string_append(s, "\n");
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    g_autofree char *tags = kb_i_export_tags(n);
    const char *sector = n->sector != KB_NO_NODE ? kb_dataset_node(ds, n->sector)->id : NULL;
    csv_cell(s, n->id, TRUE);
    if (kumu) {
      csv_cell(s, n->label, FALSE);
      csv_cell(s, kb_node_kind_name(n->kind), FALSE);
    } else {
      csv_cell(s, kb_node_kind_name(n->kind), FALSE);
      csv_cell(s, n->label, FALSE);
    }
    if (kumu) {
      csv_cell(s, n->description, FALSE);
      csv_cell(s, tags, FALSE);
      csv_cell(s, sector, FALSE);
    } else {
      csv_cell(s, sector, FALSE);
      csv_cell(s, n->description, FALSE);
      csv_cell(s, tags, FALSE);
    }
    csv_cell(s, n->website, FALSE);
    csv_cell(s, n->source, FALSE);
    for (guint j = 0; j < attrs->len; j++)
      csv_cell(s, kb_i_export_node_attr(n, g_ptr_array_index(attrs, j)), FALSE);
    for (size_t m = 0; m < nm; m++) {
      g_autofree char *v = isnan(measures[m].values[i]) ? NULL
                           : kb_i_export_number(measures[m].values[i], measures[m].integer);
      csv_number(s, v);
    }
    g_string_append(s, "\n");
  }
  return g_string_free(s, FALSE);
}

static char *
write_relations_csv(const KbDataset *ds, gboolean kumu)
{
  GString *s = g_string_new(NULL);
  g_autoptr(GPtrArray) attrs = kb_i_export_attr_names(ds, TRUE, NULL, 0);
  if (kumu)
    g_string_append(s, "From,To,Type,Strength,Direction,Since,Until,Label,Source,Note");
  else
    g_string_append(s, "from,to,kind,since,until,weight,label,source,note");
  gboolean statuses = kb_i_export_any_status(ds);
  if (statuses)
    g_string_append(s, kumu ? ",Status" : ",status");
  for (guint j = 0; j < attrs->len; j++)
    csv_cell(s, g_ptr_array_index(attrs, j), FALSE);
  g_string_append(s, "\n");
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    g_autofree char *since = kb_i_export_date(r->since, r->since_q);
    g_autofree char *until = kb_i_export_date(r->until, r->until_q);
    g_autofree char *w = kb_i_export_weight(r->weight);
    csv_cell(s, kb_dataset_node(ds, r->from)->id, TRUE);
    csv_cell(s, kb_dataset_node(ds, r->to)->id, FALSE);
    csv_cell(s, kb_rel_kind_name(r->kind), FALSE);
    if (kumu) {
      csv_number(s, w);
      csv_cell(s, kb_rel_kind_is_symmetric(r->kind) ? "undirected" : "directed", FALSE);
      csv_number(s, since);
      csv_number(s, until);
    } else {
      csv_number(s, since);
      csv_number(s, until);
      csv_number(s, w);
    }
    csv_cell(s, r->label, FALSE);
    csv_cell(s, r->source, FALSE);
    csv_cell(s, r->note, FALSE);
    if (statuses)
      csv_cell(s, kb_i_export_status(r), FALSE);
    for (guint j = 0; j < attrs->len; j++)
      csv_cell(s, kb_relation_attr(r, g_ptr_array_index(attrs, j)), FALSE);
    g_string_append(s, "\n");
  }
  return g_string_free(s, FALSE);
}

/* ------------------------------------------------------------------ DOT */

static char *
write_dot(const KbDataset *ds)
{
  GString *s = g_string_new("digraph klaverblad {\n");
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const KbNode *n = kb_dataset_node(ds, i);
    g_string_append(s, "  ");
    kb_i_append_quoted(s, n->id);
    g_string_append(s, " [label=");
    kb_i_append_quoted(s, n->label);
    g_string_append(s, ", kind=");
    kb_i_append_quoted(s, kb_node_kind_name(n->kind));
    if (n->sector != KB_NO_NODE) {
      g_string_append(s, ", sector=");
      kb_i_append_quoted(s, kb_dataset_node(ds, n->sector)->id);
    }
    if (n->role != KB_SECTOR_ROLE_NONE) {
      g_string_append(s, ", role=");
      kb_i_append_quoted(s, kb_sector_role_name(n->role));
    }
    g_string_append(s, "];\n");
  }
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    g_string_append(s, "  ");
    kb_i_append_quoted(s, kb_dataset_node(ds, r->from)->id);
    g_string_append(s, " -> ");
    kb_i_append_quoted(s, kb_dataset_node(ds, r->to)->id);
    g_string_append(s, " [kind=");
    kb_i_append_quoted(s, kb_rel_kind_name(r->kind));
    if (kb_rel_kind_is_symmetric(r->kind))
      g_string_append(s, ", dir=none");
    const int years[2] = { r->since, r->until };
    const guint8 quals[2] = { r->since_q, r->until_q };
    static const char *const year_names[2] = { "since", "until" };
    for (int y = 0; y < 2; y++) {
      if (years[y] == KB_NO_YEAR)
        continue;
      g_autofree char *text = kb_i_export_date(years[y], quals[y]);
      g_string_append_printf(s, ", %s=", year_names[y]);
      if (quals[y] == KB_DATE_EXACT)
        g_string_append(s, text);
      else
        kb_i_append_quoted(s, text);
    }
    if (kb_i_export_status(r) != NULL) {
      g_string_append(s, ", status=");
      kb_i_append_quoted(s, kb_i_export_status(r));
    }
    g_autofree char *w = kb_i_export_weight(r->weight);
    g_string_append_printf(s, ", weight=%s];\n", w);
  }
  g_string_append(s, "}\n");
  return g_string_free(s, FALSE);
}

/* ---------------------------------------------------------------- write */

/* The dataset as a folder of CSV files (klaverblad's or Kumu's, with
 * dataset.csv and questions.csv), written whole. */
static gboolean
write_folder(const KbDataset *ds, gboolean kumu, const GPtrArray *nattrs,
             const KbNodeMeasure *measures, size_t nm, const char *path, GError **error)
{
  KbFolder folder;
  if (!kb_i_folder_begin(&folder, path, KB_FOLDER_DATASET, kb_dataset_name(ds), error))
    return FALSE;
  g_autofree char *nodes = write_nodes_csv(ds, kumu, nattrs, measures, nm);
  g_autofree char *rels = write_relations_csv(ds, kumu);
  gboolean ok = kb_i_folder_write(&folder, kumu ? "elements.csv" : "nodes.csv", nodes, error)
                && kb_i_folder_write(&folder, kumu ? "connections.csv" : "relations.csv", rels,
                                     error);
  /* Kumu's layout has no place for the facts: they stand beside it, as in
   * a dataset folder */
  if (ok) {
    g_autofree char *meta = write_meta_csv(ds);
    g_autofree char *questions = write_questions_csv(ds);
    ok = kb_i_folder_write(&folder, "dataset.csv", meta, error)
         && (kb_dataset_question_count(ds) == 0
             || kb_i_folder_write(&folder, "questions.csv", questions, error));
  }
  ok = ok && kb_i_folder_commit(&folder, error);
  kb_i_folder_release(&folder);
  return ok;
}

/* The dataset as a workbook: each file of the CSV folder a sheet, its
 * rows read back from the CSV text, so that the two say the same. A
 * column whose every value is a number that reads back as the same text
 * (weights, counts) holds numbers, every other column texts. */
static gboolean
collect_row(const KbCsvRecord *rec, gpointer rows)
{
  char **row = g_new0(char *, rec->n_fields + 1);
  for (size_t i = 0; i < rec->n_fields; i++)
    row[i] = g_strdup(rec->fields[i].text);
  g_ptr_array_add(rows, row);
  return TRUE;
}

static void
add_table(KbDoc *doc, const char *name, const char *csv)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func((GDestroyNotify) g_strfreev);
  g_autoptr(KbDiagList) diags = kb_diag_list_new(1);
  kb_i_csv_parse(name, csv, strlen(csv), ',', collect_row, rows, diags);
  if (rows->len == 0)
    return;
  char **head = g_ptr_array_index(rows, 0);
  size_t ncol = g_strv_length(head);
  KbSheet *s = kb_doc_add_sheet(doc, name, name);
  g_autofree gboolean *numeric = g_new0(gboolean, ncol);
  for (size_t c = 0; c < ncol; c++) {
    gboolean numbers = TRUE;
    for (guint r = 1; r < rows->len && numbers; r++) {
      char **row = g_ptr_array_index(rows, r);
      const char *t = c < g_strv_length(row) ? row[c] : "";
      char *end, back[G_ASCII_DTOSTR_BUF_SIZE];
      if (*t == '\0')
        continue;
      double d = g_ascii_strtod(t, &end);
      kb_i_xlsx_number_text(d, back);
      numbers = *end == '\0' && isfinite(d) && strcmp(back, t) == 0;
    }
    numeric[c] = numbers;
    kb_sheet_add_column(s, head[c], head[c], numbers ? KB_COLUMN_NUMBER : KB_COLUMN_TEXT,
                        KB_DECIMALS_ALL);
  }
  for (guint r = 1; r < rows->len; r++) {
    char **row = g_ptr_array_index(rows, r);
    size_t n = g_strv_length(row);
    kb_sheet_begin_row(s);
    for (size_t c = 0; c < ncol; c++) {
      const char *t = c < n && row[c][0] != '\0' ? row[c] : NULL;
      if (numeric[c])
        kb_sheet_put_number(s, t ? g_ascii_strtod(t, NULL) : NAN);
      else
        kb_sheet_put_text(s, t);
    }
  }
}

static gboolean
write_workbook(const KbDataset *ds, const GPtrArray *nattrs, const KbNodeMeasure *measures,
               size_t nm, const char *path, GError **error)
{
  g_autoptr(KbDoc) doc = kb_doc_new(kb_dataset_name(ds));
  g_autofree char *nodes = write_nodes_csv(ds, FALSE, nattrs, measures, nm);
  g_autofree char *rels = write_relations_csv(ds, FALSE);
  g_autofree char *meta = write_meta_csv(ds);
  g_autofree char *questions = write_questions_csv(ds);
  add_table(doc, "nodes", nodes);
  add_table(doc, "relations", rels);
  add_table(doc, "dataset", meta);
  if (kb_dataset_question_count(ds) > 0)
    add_table(doc, "questions", questions);
  return kb_doc_write_xlsx(doc, path, error);
}

gboolean
kb_export_write(const KbDataset *ds, KbExportFormat format, const KbNodeMeasure *measures,
                size_t n_measures, const char *path, GError **error)
{
  g_return_val_if_fail(ds != NULL && path != NULL, FALSE);
  /* a measure replaces the kept attribute of its name; one without values
   * is written nowhere */
  g_autoptr(GPtrArray) nattrs = kb_i_export_attr_names(ds, FALSE, measures, n_measures);
  g_autofree KbNodeMeasure *with = g_new(KbNodeMeasure, n_measures + 1);
  size_t nm = 0;
  for (size_t i = 0; i < n_measures; i++)
    if (measures[i].values != NULL)
      with[nm++] = measures[i];
  g_autofree char *text = NULL;
  switch (format) {
  case KB_EXPORT_GRAPHML:
    text = write_graphml(ds, nattrs, with, nm);
    break;
  case KB_EXPORT_GEXF:
    text = write_gexf(ds, nattrs, with, nm);
    break;
  case KB_EXPORT_JSON:
    text = write_json(ds, nattrs, with, nm);
    break;
  case KB_EXPORT_DOT:
    text = write_dot(ds);
    break;
  case KB_EXPORT_KUMU:
  case KB_EXPORT_CSV:
    return write_folder(ds, format == KB_EXPORT_KUMU, nattrs, with, nm, path, error);
  case KB_EXPORT_XLSX:
    return write_workbook(ds, nattrs, with, nm, path, error);
  }
  return kb_file_write(path, text, error);
}
