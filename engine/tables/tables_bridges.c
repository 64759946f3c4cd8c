/* tables_bridges.c -- the introducers and the contacts at the target as
 * sheets, each with the facts it rests on in one sentence. */
#include <stdio.h>
#include <string.h>

#include "tables/tables_internal.h"

static const char *
label(const KbDataset *ds, size_t node)
{
  return kb_dataset_node(ds, node)->label;
}

/* A place inside a place target 'to' is named with the target: "Bukomansimbi
 * (Oeganda)"; 'to' may be KB_NO_NODE. */
static char *
place_name(const KbDataset *ds, size_t node, size_t to)
{
  if (to != KB_NO_NODE && node != to && kb_node_kind_is_place(kb_dataset_node(ds, node)->kind)
      && kb_node_kind_is_place(kb_dataset_node(ds, to)->kind))
    return g_strdup_printf("%s (%s)", label(ds, node), label(ds, to));
  return g_strdup(label(ds, node));
}

/* What relation i says of 'subject', in words, with its years: "active in
 * Bukomansimbi (Oeganda) from 2011 until 2021". */
static void
append_relation(GString *s, const KbDataset *ds, size_t subject, size_t i, size_t to, KbLang lang)
{
  const KbRelation *r = kb_dataset_relation(ds, i);
  gboolean out = r->from == subject;
  g_autofree char *other = place_name(ds, out ? r->to : r->from, to);
  switch (r->kind) {
  case KB_REL_ACTIVE_IN:
    g_string_append_printf(s, kb_tr(lang, "active in %s"), other);
    break;
  case KB_REL_LOCATED_IN:
    g_string_append_printf(s, kb_tr(lang, "located in %s"), other);
    break;
  case KB_REL_WORKS_ON:
    g_string_append_printf(s, kb_tr(lang, "works on %s"), other);
    break;
  case KB_REL_FUNDS:
    if (out)
      g_string_append_printf(s, kb_tr(lang, "funds %s"), other);
    else
      g_string_append_printf(s, kb_tr(lang, "funded by %s"), other);
    break;
  case KB_REL_MEMBER_OF:
    if (out)
      g_string_append_printf(s, kb_tr(lang, "member of %s"), other);
    else
      g_string_append_printf(s, kb_tr(lang, "has %s as a member"), other);
    break;
  case KB_REL_PART_OF:
    if (out)
      g_string_append_printf(s, kb_tr(lang, "part of %s"), other);
    else
      g_string_append_printf(s, kb_tr(lang, "has %s as a part"), other);
    break;
  case KB_REL_TWINNED_WITH:
    g_string_append_printf(s, kb_tr(lang, "twinned with %s"), other);
    break;
  case KB_REL_PARTNER_OF:
  case KB_REL_KIND_COUNT:
    g_string_append_printf(s, kb_tr(lang, "partner of %s"), other);
    break;
  }
  g_autofree char *since = kb_date_format(r->since, r->since_q);
  g_autofree char *until = kb_date_format(r->until, r->until_q);
  if (*since != '\0' && *until != '\0')
    g_string_append_printf(s, kb_tr(lang, " from %s until %s"), since, until);
  else if (*since != '\0')
    g_string_append_printf(s, kb_tr(lang, " since %s"), since);
  else if (*until != '\0')
    g_string_append_printf(s, kb_tr(lang, " until %s"), until);
}

/* A tie of 'subject' to f->node: its relation, or the network they share. */
static void
append_tie(GString *s, const KbDataset *ds, size_t subject, const KbBridgeFact *f, size_t to,
           KbLang lang)
{
  if (f->relation != KB_NO_RELATION)
    append_relation(s, ds, subject, f->relation, to, lang);
  else
    g_string_append_printf(s, kb_tr(lang, "with %s in %s"), label(ds, f->node),
                           label(ds, f->via));
}

/* The facts of a list in words, joined by "; ". The members of a platform
 * make one phrase. */
static void
append_facts(GString *s, const KbDataset *ds, size_t subject, const KbBridgeFacts *l, size_t to,
             KbLang lang)
{
  gboolean platform = FALSE;
  for (size_t i = 0; i < l->n; i++)
    platform |= l->facts[i].kind == KB_FACT_MEMBER;
  size_t start = s->len;
  for (size_t i = 0; i < l->n; i++) {
    const KbBridgeFact *f = &l->facts[i];
    if (f->kind == KB_FACT_MEMBER)
      continue;
    if (s->len > start)
      g_string_append(s, "; ");
    switch (f->kind) {
    case KB_FACT_RELATION:
      append_relation(s, ds, subject, f->relation, to, lang);
      break;
    case KB_FACT_NETWORK: {
      GString *how = g_string_new(NULL);
      append_relation(how, ds, f->node, f->through, to, lang);
      g_string_append_printf(s, kb_tr(lang, "member of %s (%s)"), label(ds, f->node), how->str);
      g_string_free(how, TRUE);
      break;
    }
    case KB_FACT_TIE:
    case KB_FACT_MEMBER:
      append_tie(s, ds, subject, f, to, lang);
      break;
    }
  }
  if (platform) {
    GString *who = g_string_new(NULL);
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
      if (l->facts[i].kind == KB_FACT_MEMBER)
        g_string_append_printf(who, "%s%s", n++ ? ", " : "", label(ds, l->facts[i].node));
    if (l->more)
      g_string_append(who, kb_tr(lang, " and others"));
    if (s->len > start)
      g_string_append(s, "; ");
    if (n == 1 && !l->more)
      g_string_append_printf(s, kb_tr(lang, "a platform for %s: %s takes part"), label(ds, to),
                             who->str);
    else
      g_string_append_printf(s, kb_tr(lang, "a platform for %s: %s take part"), label(ds, to),
                             who->str);
    g_string_free(who, TRUE);
  } else if (l->more) {
    g_string_append(s, kb_tr(lang, "; and more"));
  }
}

static void
append_closeness(GString *s, const KbDataset *ds, const KbBridges *br, const KbIntroducer *in,
                 KbLang lang)
{
  gboolean newcomer = br->from == KB_NO_NODE;
  switch (in->closeness) {
  case KB_CLOSE_PEER:
    g_string_append_printf(s, kb_tr(lang, "same sector as the start (%s)"),
                           label(ds, br->sector));
    break;
  case KB_CLOSE_TIED: {
    GString *tie = g_string_new(NULL);
    append_tie(tie, ds, in->node, &in->near_tie, KB_NO_NODE, lang);
    if (newcomer)
      g_string_append_printf(s, kb_tr(lang, "in the newcomer's place: %s"), tie->str);
    else
      g_string_append_printf(s, kb_tr(lang, "tied to the start: %s"), tie->str);
    g_string_free(tie, TRUE);
    break;
  }
  case KB_CLOSE_TWO_STEPS:
    if (newcomer)
      g_string_append(s, kb_tr(lang, "a network of the home that the newcomer can join"));
    else
      g_string_append_printf(s, kb_tr(lang, "two steps from the start, through %s"),
                             label(ds, in->near));
    break;
  case KB_CLOSE_FURTHER:
    if (newcomer)
      g_string_append(s, kb_tr(lang, "not in the newcomer's place"));
    else
      g_string_append(s, kb_tr(lang, "not within two steps of the start"));
    break;
  case KB_CLOSE_ELSEWHERE:
  case KB_CLOSE_NONE:
    if (newcomer)
      g_string_append(s, kb_tr(lang, "located elsewhere"));
    else
      g_string_append(s, kb_tr(lang, "located elsewhere, not within two steps of the start"));
    break;
  }
}

/* The closeness in a word; a newcomer's ties are its place and the home's
 * networks. */
static const char *
closeness_word(const KbBridges *br, KbCloseness c, KbLang lang)
{
  if (br->from == KB_NO_NODE && c == KB_CLOSE_TIED)
    return kb_tr(lang, "same place");
  if (br->from == KB_NO_NODE && c == KB_CLOSE_TWO_STEPS)
    return kb_tr(lang, "home network");
  return kb_tr(lang, kb_closeness_name(c));
}

static const char *
kind_or_sector(const KbDataset *ds, size_t node, KbLang lang)
{
  const KbNode *n = kb_dataset_node(ds, node);
  if (n->kind == KB_NODE_ORGANISATION && n->sector != KB_NO_NODE)
    return kb_sector_label(ds, node);
  return kb_node_kind_label(lang, n->kind);
}

char *
kb_tables_bridges_note(const KbDataset *ds, const KbBridges *br, KbLang lang)
{
  g_return_val_if_fail(ds != NULL && br != NULL, NULL);
  GString *s = g_string_new(NULL);
  if (br->year != KB_NO_YEAR)
    g_string_append_printf(s, kb_tr(lang, "Introducers to %s in %d: score = 10 x reach + "
                                    "closeness, ties by id."), label(ds, br->to), br->year);
  else
    g_string_append_printf(s, kb_tr(lang, "Introducers to %s: score = 10 x reach + closeness, "
                                    "ties by id."), label(ds, br->to));
  g_string_append_c(s, ' ');
  g_string_append(s, kb_tr(lang, "Reach: 3 there itself; 2 through a network there, or a "
                           "platform one of whose members is there; 1 a first step, tied to "
                           "one who is there whom the start does not reach in one step "
                           "itself."));
  g_string_append_c(s, ' ');
  if (br->from == KB_NO_NODE)
    g_string_append(s, kb_tr(lang, "Closeness: 5 a peer (of the newcomer's sector, there "
                             "already); 4 located in the newcomer's place; 3 a network of the "
                             "home that it can join; 2 further; 1 located elsewhere."));
  else
    g_string_append(s, kb_tr(lang, "Closeness: 5 a peer (of the start's sector, there "
                             "already); 4 tied to the start; 3 two steps from it; 2 further; 1 "
                             "located elsewhere and further."));
  if (br->start_reach != KB_REACH_NONE) {
    GString *how = g_string_new(NULL);
    append_facts(how, ds, br->from, &br->start_why, br->to, lang);
    g_string_append_c(s, ' ');
    g_string_append_printf(s, kb_tr(lang, "%s is there already: %s."), label(ds, br->from),
                           how->str);
    g_string_free(how, TRUE);
  }
  return g_string_free(s, FALSE);
}

void
kb_tables_bridges(KbDoc *doc, const KbDataset *ds, const KbBridges *br, size_t top, KbLang lang)
{
  g_return_if_fail(doc != NULL && ds != NULL && br != NULL);
  g_autofree char *note = kb_tables_bridges_note(ds, br, lang);
  kb_doc_add_text(doc, "note", note);

  KbSheet *s = kb_doc_add_sheet(doc, "introducers", kb_tr(lang, "Introducers, best first"));
  kb_sheet_add_column(s, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "id", kb_tr(lang, "id"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "label", kb_tr(lang, "introducer"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "kind", kb_tr(lang, "sector or kind"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "reach", kb_tr(lang, "reach"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "closeness", kb_tr(lang, "closeness"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(s, "score", kb_tr(lang, "score"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(s, "why", kb_tr(lang, "why"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < br->n_introducers && (top == 0 || i < top); i++) {
    const KbIntroducer *in = &br->introducers[i];
    GString *why = g_string_new(NULL);
    if (in->reach == KB_REACH_STEP)
      g_string_append(why, kb_tr(lang, "a first step: "));
    append_facts(why, ds, in->node, &in->why, br->to, lang);
    g_string_append(why, "; ");
    append_closeness(why, ds, br, in, lang);
    g_autofree char *reach = g_strdup_printf("%s (%d)", kb_tr(lang, kb_reach_name(in->reach)),
                                             (int) in->reach);
    g_autofree char *close = g_strdup_printf("%s (%d)", closeness_word(br, in->closeness, lang),
                                             (int) in->closeness);
    kb_sheet_begin_row(s);
    kb_sheet_put_int(s, (long long) i + 1);
    kb_sheet_put_text(s, kb_dataset_node(ds, in->node)->id);
    kb_sheet_put_text(s, label(ds, in->node));
    kb_sheet_put_text(s, kind_or_sector(ds, in->node, lang));
    kb_sheet_put_text(s, reach);
    kb_sheet_put_text(s, close);
    kb_sheet_put_int(s, in->score);
    kb_sheet_put_text(s, why->str);
    g_string_free(why, TRUE);
  }

  KbSheet *c = kb_doc_add_sheet(doc, "contacts",
                                kb_tr(lang, "Contacts there: located there and not at home"));
  kb_sheet_add_column(c, "rank", kb_tr(lang, "#"), KB_COLUMN_INT, 0);
  kb_sheet_add_column(c, "id", kb_tr(lang, "id"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(c, "label", kb_tr(lang, "contact"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(c, "kind", kb_tr(lang, "sector or kind"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(c, "there", kb_tr(lang, "there"), KB_COLUMN_TEXT, 0);
  kb_sheet_add_column(c, "home_ties", kb_tr(lang, "tied at home"), KB_COLUMN_TEXT, 0);
  for (size_t i = 0; i < br->n_contacts && (top == 0 || i < top); i++) {
    const KbBridgeContact *ct = &br->contacts[i];
    GString *there = g_string_new(NULL), *home = g_string_new(NULL);
    append_facts(there, ds, ct->node, &ct->there, br->to, lang);
    append_facts(home, ds, ct->node, &ct->home, br->to, lang);
    kb_sheet_begin_row(c);
    kb_sheet_put_int(c, (long long) i + 1);
    kb_sheet_put_text(c, kb_dataset_node(ds, ct->node)->id);
    kb_sheet_put_text(c, label(ds, ct->node));
    kb_sheet_put_text(c, kind_or_sector(ds, ct->node, lang));
    kb_sheet_put_text(c, there->str);
    kb_sheet_put_text(c, home->str);
    g_string_free(there, TRUE);
    g_string_free(home, TRUE);
  }
}
