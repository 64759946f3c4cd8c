/* glossary.c -- what each measure of the report means, in one plain
 * sentence for a policy officer: the glossary at the end of the report,
 * the links to it from the tables, and the line under a table that says
 * how to read it.
 *
 * The sentences are English here and Dutch in tables/dutch.inc, as every
 * other word of the report. */
#include <string.h>

#include "report/report_internal.h"

typedef struct {
  const char *key;            /* the anchor: #g-KEY */
  const char *term;           /* as the glossary names it */
  const char *meaning;        /* one sentence: what it is, what a high value means */
  const char *names[4];       /* the table cells that link here (column names, rows) */
} Entry;

static const Entry entries[] = {
  { "degree", "degree",
    "The number of organisations an organisation is tied to directly; high = many direct "
    "partners.",
    { "degree" } },
  { "betweenness", "betweenness",
    "How often this organisation lies on the shortest path between two others; high = a hub "
    "that connects parties that would otherwise not reach each other.",
    { "betweenness" } },
  { "closeness", "closeness",
    "How few steps this organisation needs to reach all the others; high = it reaches the "
    "whole network quickly.",
    { "closeness" } },
  { "eigenvector", "eigenvector",
    "How well an organisation is tied to organisations that are well tied themselves; high = "
    "close to the influential core of the network.",
    { "eigenvector" } },
  { "pagerank", "pagerank",
    "Like eigenvector, but a tie from a partner with many ties counts for less; high = sought "
    "out by important partners, not only well connected.",
    { "pagerank" } },
  { "constraint", "constraint",
    "How much an organisation's partners are tied to each other as well; high = a closed "
    "circle with little room to broker, low = partners in separate groups that only it joins.",
    { "constraint" } },
  { "effective-size", "eff. size",
    "The number of partners that do not know one another; high = many independent contacts, "
    "each bringing something new.",
    { "eff. size" } },
  { "coordinator", "coordinator",
    "Brokerage role: how often it links two organisations of its own sector; high = a "
    "go-between within its sector.",
    { "coordinator" } },
  { "itinerant", "itinerant",
    "Brokerage role: how often it links two organisations of one other sector; high = an "
    "outsider who brings that sector together.",
    { "itinerant" } },
  { "gatekeeper", "gatekeeper",
    "Brokerage role: how often it lets an organisation of another sector in to one of its "
    "own; high = the door into its sector.",
    { "gatekeeper" } },
  { "representative", "representative",
    "Brokerage role: how often it passes contacts from its own sector on to another sector; "
    "high = its sector's voice outside.",
    { "representative" } },
  { "liaison", "liaison",
    "Brokerage role: how often it links two organisations of two other sectors; high = a "
    "bridge between sectors it does not belong to.",
    { "liaison" } },
  { "roles", "roles",
    "All five brokerage roles together; high = often the go-between of two organisations "
    "that are not tied themselves.",
    { "roles" } },
  { "cut-point", "cut point",
    "An organisation without which the network falls apart into parts that no longer reach "
    "each other; yes = the network depends on it.",
    { "cut point" } },
  { "density", "density of the organisation network",
    "The share of all possible ties between organisations that exist; high = almost everyone "
    "works with everyone, low = a sparse network with room for new ties.",
    { "density of the organisation network" } },
  { "degree-centralization", "degree centralization",
    "How much the ties centre on one organisation; 1 = a star around one hub, 0 = ties "
    "spread evenly.",
    { "degree centralization (Freeman)", "degree centralization" } },
  { "betweenness-centralization", "betweenness centralization",
    "How much the network's connections run through one organisation; high = the network "
    "depends on one go-between.",
    { "betweenness centralization (Freeman)", "betweenness centralization" } },
  { "modularity", "modularity",
    "How clearly the network falls into communities with more ties within than between "
    "them; above about 0.3 = distinct groups that work mostly among themselves.",
    { NULL } },
  { "synergy-score", "synergy score",
    "How much two organisations that do not yet work together share: places, themes, "
    "networks and partners, a rarely shared one counting more; high = a pair with much in "
    "common, worth an introduction.",
    { NULL } },
  { "ei-index", "E-I index",
    "Ties of a sector to other sectors minus ties within it, divided by all its ties; +1 = "
    "it works only with other sectors, -1 = it keeps to itself.",
    { "E-I" } },
  { "diversity", "diversity",
    "How evenly the organisations active in a place are spread over the sectors; 0 = one "
    "sector, 1 = every sector equally.",
    { "diversity" } },
  { "cross-ties", "cross ties",
    "Pairs of organisations of different sectors active there that work together; high = "
    "the sectors there already meet.",
    { "cross ties" } },
  { "open-pairs", "open pairs",
    "Pairs of organisations of different sectors active there that do not work together "
    "yet; high = chances to introduce them.",
    { "open pairs" } },
  { "gaps", "gaps",
    "Places and themes that rest on one of the city's own organisations or none; if that "
    "organisation stops, the city's tie there ends.",
    { NULL } },
  { "single-points", "single points of failure",
    "Organisations without which some places are no longer reached from the city at all.",
    { "places cut off" } },
};

/* The entry whose 'key' is given, or NULL. */
static const Entry *
find(const char *key)
{
  for (size_t i = 0; i < G_N_ELEMENTS(entries); i++)
    if (strcmp(entries[i].key, key) == 0)
      return &entries[i];
  return NULL;
}

void
kb_i_glossary_write(GString *html, KbLang lang)
{
  g_string_append(html, "<dl class=\"glossary\">\n");
  for (size_t i = 0; i < G_N_ELEMENTS(entries); i++) {
    /* the term as a heading: its first letter a capital */
    const char *name = kb_tr(lang, entries[i].term);
    const char *rest = g_utf8_next_char(name);
    char first[8] = { 0 };
    g_unichar_to_utf8(g_unichar_toupper(g_utf8_get_char(name)), first);
    g_autofree char *capital = g_strconcat(first, rest, NULL);
    g_autofree char *term = g_markup_escape_text(capital, -1);
    g_autofree char *meaning = g_markup_escape_text(kb_tr(lang, entries[i].meaning), -1);
    g_string_append_printf(html, "<dt id=\"g-%s\">%s</dt><dd>%s</dd>\n", entries[i].key, term,
                           meaning);
  }
  g_string_append(html, "</dl>\n");
}

/* Replaces each whole occurrence of OPEN TEXT CLOSE in 'html' by the same
 * with TEXT linked to #g-KEY. */
static void
link_cells(GString *html, const char *open, const char *text, const char *close,
           const char *key)
{
  g_autofree char *find_s = g_strconcat(open, text, close, NULL);
  g_autofree char *linked = g_strdup_printf("%s<a href=\"#g-%s\">%s</a>%s", open, key, text,
                                            close);
  g_string_replace(html, find_s, linked, 0);
}

void
kb_i_glossary_link(GString *table, KbLang lang)
{
  for (size_t i = 0; i < G_N_ELEMENTS(entries); i++)
    for (size_t k = 0; k < G_N_ELEMENTS(entries[i].names) && entries[i].names[k]; k++) {
      g_autofree char *name = g_markup_escape_text(kb_tr(lang, entries[i].names[k]), -1);
      link_cells(table, "<th>", name, "</th>", entries[i].key);
      link_cells(table, "<th class=\"num\">", name, "</th>", entries[i].key);
      link_cells(table, "<td>", name, "</td>", entries[i].key);
    }
}

void
kb_i_glossary_note(GString *html, KbLang lang, const char *key)
{
  const Entry *e = find(key);
  g_return_if_fail(e != NULL);
  g_autofree char *how = g_markup_escape_text(kb_tr(lang, "How to read this:"), -1);
  g_autofree char *term = g_markup_escape_text(kb_tr(lang, e->term), -1);
  g_autofree char *meaning = g_markup_escape_text(kb_tr(lang, e->meaning), -1);
  g_string_append_printf(html, "<p class=\"how\"><b>%s</b> <a href=\"#g-%s\">%s</a>: %s</p>\n",
                         how, e->key, term, meaning);
}
