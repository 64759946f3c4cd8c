/* tables_brokers.c -- brokers as a sheet. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

void
kb_tables_brokers(KbDoc *doc, const KbDataset *ds, const KbBrokers *br, size_t top, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && br != NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "brokers", kb_tr(lang, "Organisations by brokerage"));
  kb_sheet_add_column(s, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "id", kb_tr(lang, "id"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "organisation"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "sector", kb_tr(lang, "sector"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "degree", kb_tr(lang, "degree"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "betweenness", kb_tr(lang, "betweenness"), KB_COLUMN_NUMBER, 3);
  /* a standard error only where betweenness was sampled: an empty column
   * would only puzzle the reader of a city's report */
  if (br->sampled)
    kb_sheet_add_column(s, "betweenness_se", kb_tr(lang, "s.e."), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "closeness", kb_tr(lang, "closeness"), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "eigenvector", kb_tr(lang, "eigenvector"), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "pagerank", kb_tr(lang, "pagerank"), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "constraint", kb_tr(lang, "constraint"), KB_COLUMN_NUMBER, 3);
  kb_sheet_add_column(s, "effective_size", kb_tr(lang, "eff. size"), KB_COLUMN_NUMBER, 2);
  for (int r = 0; r < KB_ROLE_COUNT; r++)
    kb_sheet_add_column(s, kb_broker_role_name(r), kb_tr(lang, kb_broker_role_name(r)), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "roles", kb_tr(lang, "roles"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "articulation", kb_tr(lang, "cut point"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < br->n && (top == 0 || i < top); i++) {
    const KbBroker *b = &br->brokers[i];
    const KbNode *n = kb_dataset_node(ds, b->node);
    kb_sheet_begin_row(s);
    kb_sheet_put_int(s, (long long) i + 1);
    kb_sheet_put_text(s, n->id);
    kb_sheet_put_text(s, n->label);
    kb_sheet_put_text(s, kb_sector_label(ds, b->node));
    kb_sheet_put_int(s, (long long) b->degree);
    kb_sheet_put_number(s, b->betweenness);
    if (br->sampled)
      kb_sheet_put_number(s, b->betweenness_se);
    kb_sheet_put_number(s, b->closeness);
    kb_sheet_put_number(s, b->eigenvector);
    kb_sheet_put_number(s, b->pagerank);
    kb_sheet_put_number(s, b->constraint);
    kb_sheet_put_number(s, b->effective_size);
    for (int r = 0; r <= KB_ROLE_COUNT; r++) {
      size_t count = r < KB_ROLE_COUNT ? b->roles[r] : b->roles_total;
      if (br->local)
        kb_sheet_put_int(s, (long long) count);
      else
        kb_sheet_put_text(s, NULL);
    }
    kb_sheet_put_text(s, b->articulation ? kb_tr(lang, "yes") : NULL);
  }
}

/* The betweenness part of kb_tables_brokers_method(). */
static char *
betweenness_method(const KbBrokers *br, KbLang lang)
{
  if (!br->sampled)
    return g_strdup(kb_tr(lang, "Betweenness is exact: every organisation is a source."));
  g_autofree char *bound = g_strdup_printf("%.2g", br->bound);
  if (lang == KB_LANG_NL)
    g_strdelimit(bound, ".", ',');
  g_autofree char *first = g_strdup_printf(
      kb_tr(lang, "Betweenness is estimated from %zu of the %zu organisations as sources, drawn "
                  "from a fixed seed: with probability 0.95 every value lies within %s of the "
                  "exact one. Closeness is left out: it needs every organisation as a source."),
      br->sources, br->n, bound);
  return g_strconcat(first, " ",
                     kb_tr(lang, "Beside each estimate is its standard error (s.e.), from the "
                                 "spread of the estimates of 16 random groups of the sources."),
                     NULL);
}

char *
kb_tables_brokers_method(const KbBrokers *br, KbLang lang)
{
  g_return_val_if_fail(br != NULL, NULL);
  char *text = betweenness_method(br, lang);
  if (br->local)
    return text;
  g_autofree char *ties = g_strdup_printf("%.3g", (double) br->ties);
  g_autofree char *most = g_strdup_printf("%.3g", KB_BROKERS_LOCAL_MAX_TIES);
  g_autofree char *local = g_strdup_printf(
      kb_tr(lang, "Constraint, effective size and the brokerage roles are left out: they take "
                  "a step for each of the network's %s ties, and are found up to %s."),
      ties, most);
  g_autofree char *first = text;
  return g_strconcat(first, " ", local, NULL);
}

void
kb_tables_brokers_method_sheet(KbDoc *doc, const KbBrokers *br, KbLang lang)
{
  g_return_if_fail(doc != NULL && br != NULL);
  KbSheet *s = kb_doc_add_sheet(doc, "betweenness", kb_tr(lang, "How betweenness was found"));
  kb_sheet_add_column(s, "method", kb_tr(lang, "method"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "organisations", kb_tr(lang, "organisations"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "sources", kb_tr(lang, "sources"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "bound", kb_tr(lang, "bound (p = 0.95)"), KB_COLUMN_NUMBER, 4);
  kb_sheet_add_column(s, "closeness", kb_tr(lang, "closeness"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "constraint_roles", kb_tr(lang, "constraint, roles"), KB_COLUMN_TEXT, 0);
  kb_sheet_begin_row(s);
  kb_sheet_put_text(s, kb_tr(lang, br->sampled ? "sampled" : "exact"));
  kb_sheet_put_int(s, (long long) br->n);
  kb_sheet_put_int(s, (long long) br->sources);
  kb_sheet_put_number(s, br->sampled ? br->bound : NAN);
  kb_sheet_put_text(s, kb_tr(lang, br->sampled ? "left out" : "exact"));
  kb_sheet_put_text(s, kb_tr(lang, br->local ? "found" : "left out"));
}
