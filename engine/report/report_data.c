/* report_data.c -- the report's sections on the data itself: the year it
 * describes and what that leaves out, the plans and ambitions kept apart
 * from facts, the changes since a year, and the quality of the data (its
 * dates, sources and the check's warnings). */
#include <string.h>

#include "klaverblad/analysis.h"
#include "klaverblad/report.h"
#include "report/report_internal.h"

void
kb_i_report_changes_section(Report *r)
{
  g_autofree char *title = g_strdup_printf(T(r, "Changes from %d to %d"), r->compare, r->year);
  kb_i_report_heading(r, 2, "changes", title);
  GError *err = NULL;
  g_autoptr(KbDiff) d = kb_diff_compute(r->all, r->compare, r->year, &err);
  if (d == NULL) {
    kb_i_report_fail_igraph(r, err);
    return;
  }
  g_autofree char *s = g_strdup_printf(T(r, "Relations begun: %zu; ended: %zu. Places where "
                                          "organisations became active: %zu; places they "
                                          "left: %zu."),
                                       d->n_begun, d->n_ended, d->n_places_gained,
                                       d->n_places_lost);
  kb_i_report_para(r, s);
  if (d->n_unsure > 0) {
    g_autofree char *u = g_strdup_printf(T(r, "Only what the data dates is compared: %zu "
                                            "relations whose dates do not say whether they held "
                                            "in both years are counted in neither."),
                                         d->n_unsure);
    kb_i_report_para(r, u);
  }
  g_autofree char *umbrella = kb_tables_diff_umbrella(r->all, d, r->lang);
  if (umbrella != NULL)
    kb_i_report_para(r, umbrella);
  g_autoptr(KbDoc) doc = kb_doc_new("");
  kb_tables_diff(doc, r->all, d, 10, r->lang);
  static const char *const keys[] = { "figures", "countries", "begun", "ended", "places",
                                      "memberships", "brokers" };
  for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
    g_autofree char *file = g_strdup_printf("changes-%s", keys[i]);
    kb_i_report_sheet(r, kb_i_report_find_sheet(doc, keys[i]), file);
  }
}

static int
compare_counts(gconstpointer x, gconstpointer y, gpointer counts)
{
  const char *a = *(const char *const *) x, *b = *(const char *const *) y;
  size_t ca = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, a));
  size_t cb = GPOINTER_TO_SIZE(g_hash_table_lookup(counts, b));
  if (ca != cb)
    return ca > cb ? -1 : 1;
  return strcmp(a, b);
}

void
kb_i_report_quality_section(Report *r)
{
  const KbDataset *ds = r->all;
  kb_i_report_heading(r, 2, "quality", T(r, "Data quality"));
  size_t undated = 0, unsourced = 0, qualified = 0, n = kb_dataset_relation_count(ds);
  GHashTable *sources = g_hash_table_new(g_str_hash, g_str_equal);
  for (size_t i = 0; i < n; i++) {
    const KbRelation *rel = kb_dataset_relation(ds, i);
    undated += rel->since == KB_NO_YEAR && !kb_relation_is_geography(rel);
    qualified += (rel->since != KB_NO_YEAR && rel->since_q != KB_DATE_EXACT)
                 || (rel->until != KB_NO_YEAR && rel->until_q != KB_DATE_EXACT);
    unsourced += rel->source == NULL;
    if (rel->source)
      g_hash_table_insert(sources, rel->source,
                          GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(sources, rel->source)) + 1));
  }
  for (size_t i = 0; i < kb_dataset_node_count(ds); i++) {
    const char *src = kb_dataset_node(ds, i)->source;
    if (src)
      g_hash_table_insert(sources, (gpointer) src,
                          GSIZE_TO_POINTER(GPOINTER_TO_SIZE(g_hash_table_lookup(sources, src)) + 1));
  }
  g_autofree char *s = g_strdup_printf(T(r, "Relations without a year (where places lie "
                                          "aside): %zu of %zu. They count from the year the "
                                          "data describes on, and are left out of earlier "
                                          "years. Relations with a year that is approximate, "
                                          "uncertain or a bound: %zu. Relations without a "
                                          "source: %zu."),
                                       undated, n, qualified, unsourced);
  kb_i_report_para(r, s);
  size_t warnings = r->o->warnings ? kb_diag_list_length(r->o->warnings) : 0;
  if (warnings == 0) {
    kb_i_report_para(r, T(r, "The check found no warnings."));
  } else {
    g_autofree char *w = g_strdup_printf(kb_tr_n(r->lang, warnings, "The check found %zu warning:",
                                                 "The check found %zu warnings:"), warnings);
    kb_i_report_para(r, w);
    /* each in the report's language; one without a translation stays
     * English, marked so */
    g_string_append(r->html, "<ul class=\"diagnostics\">\n");
    for (size_t i = 0; i < warnings && i < 50; i++) {
      gboolean translated;
      g_autofree char *line = kb_i_report_warning(kb_diag_list_get(r->o->warnings, i), r->lang,
                                                  &translated);
      g_string_append(r->html, translated ? "<li>" : "<li lang=\"en\">");
      kb_i_report_text(r, line);
      g_string_append(r->html, "</li>\n");
    }
    g_string_append(r->html, "</ul>\n");
  }
  /* the sources, most cited first */
  g_autoptr(KbDoc) doc = kb_doc_new("");
  KbSheet *sh = kb_doc_add_sheet(doc, "sources", T(r, "Sources"));
  kb_sheet_add_column(sh, "source", T(r, "source"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(sh, "facts", T(r, "facts"), KB_COLUMN_INT, 0);
  GPtrArray *keys = g_ptr_array_new();
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init(&it, sources);
  while (g_hash_table_iter_next(&it, &k, &v))
    g_ptr_array_add(keys, k);
  g_ptr_array_sort_with_data(keys, compare_counts, sources);
  for (guint i = 0; i < keys->len; i++) {
    kb_sheet_begin_row(sh);
    kb_sheet_put_text(sh, g_ptr_array_index(keys, i));
    kb_sheet_put_int(sh, (long long) GPOINTER_TO_SIZE(g_hash_table_lookup(sources, g_ptr_array_index(keys, i))));
  }
  g_ptr_array_unref(keys);
  g_hash_table_unref(sources);
  kb_i_report_sheet(r, sh, "sources");
}

/* What the report's year shows and leaves out, under the title. */
void
kb_i_report_year_note(Report *r)
{
  const KbYearCounts *c = &r->counts;
  if (r->year == KB_NO_YEAR)
    return;
  GString *s = g_string_new(NULL);
  if (r->o->as_of == KB_NO_YEAR && r->year == kb_dataset_year(r->all))
    g_string_append_printf(s, T(r, "%d is the year the data describes."), r->year);
  if (c->kept_undated > 0) {
    g_string_append(s, s->len ? " " : "");
    g_string_append_printf(s, kb_tr_n(r->lang, c->kept_undated,
                                      "%zu of the relations shown carries no year: it counts "
                                      "from the year the data describes on.",
                                      "%zu of the relations shown carry no year: they count "
                                      "from the year the data describes on."), c->kept_undated);
  }
  if (c->unsure > 0) {
    g_string_append(s, s->len ? " " : "");
    g_string_append_printf(s, kb_tr_n(r->lang, c->unsure,
                                      "%zu relation whose dates do not say whether it held in "
                                      "%d is left out.",
                                      "%zu relations whose dates do not say whether they held "
                                      "in %d are left out."), c->unsure, r->year);
  }
  if (c->planned > 0) {
    g_string_append(s, s->len ? " " : "");
    g_string_append_printf(s, kb_tr_n(r->lang, c->planned,
                                      "%zu planned relation is not counted as existing: it is "
                                      "listed under Ambitions and plans.",
                                      "%zu planned relations are not counted as existing: they "
                                      "are listed under Ambitions and plans."), c->planned);
  }
  if (s->len > 0) {
    g_string_append(r->html, "<p class=\"sub\">");
    kb_i_report_text(r, s->str);
    g_string_append(r->html, "</p>\n");
  }
  g_string_free(s, TRUE);
}

/* The planned relations, beside the network that exists: the ambitions. */
void
kb_i_report_plans_section(Report *r)
{
  const KbDataset *ds = r->all;
  GArray *plans = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++)
    if (kb_dataset_relation(ds, i)->status == KB_STATUS_PLANNED)
      g_array_append_val(plans, i);
  if (plans->len > 0) {
    kb_i_report_heading(r, 2, "plans", T(r, "Ambitions and plans"));
    kb_i_report_para(r, T(r, "What the sources call a plan or an ambition: not counted in the "
                          "network above, which shows what exists."));
    g_autoptr(KbDoc) doc = kb_doc_new("");
    KbSheet *sh = kb_doc_add_sheet(doc, "plans", T(r, "Ambitions and plans"));
    kb_sheet_add_column(sh, "from", T(r, "from"), KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(sh, "kind", T(r, "relation"), KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(sh, "to", T(r, "to"), KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(sh, "since", T(r, "since"), KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(sh, "until", T(r, "until"), KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(sh, "source", T(r, "source"), KB_COLUMN_TEXT, 0);
    kb_sheet_add_column(sh, "note", T(r, "note"), KB_COLUMN_TEXT, 0);
    for (guint i = 0; i < plans->len; i++) {
      const KbRelation *rel = kb_dataset_relation(ds, g_array_index(plans, size_t, i));
      g_autofree char *since = kb_date_format(rel->since, rel->since_q);
      g_autofree char *until = kb_date_format(rel->until, rel->until_q);
      kb_sheet_begin_row(sh);
      kb_sheet_put_text(sh, kb_dataset_node(ds, rel->from)->label);
      kb_sheet_put_text(sh, kb_rel_kind_label(r->lang, rel->kind));
      kb_sheet_put_text(sh, kb_dataset_node(ds, rel->to)->label);
      kb_sheet_put_text(sh, *since ? since : NULL);
      kb_sheet_put_text(sh, *until ? until : NULL);
      kb_sheet_put_text(sh, rel->source);
      kb_sheet_put_text(sh, rel->note);
    }
    kb_i_report_sheet(r, sh, "plans");
  }
  g_array_unref(plans);
}
