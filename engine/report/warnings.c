/* warnings.c -- the check's warnings as a report shows them, in the
 * report's language.
 *
 * The loaders write their warnings in English, as `klaverblad check`
 * prints them. A Dutch report gives each in Dutch: its English message is
 * matched against the English template it was written from (each %s a
 * text, each %d or %u a number, in order) and the Dutch template is
 * filled with the same values in the same order, a kind's name (%K) or a
 * relation's (%R) given by its Dutch label. A warning whose template is
 * not here stays English, marked so (lang="en"): tests/lang fails on it,
 * so that a new warning gets its Dutch here. Errors never reach a report
 * (a dataset with errors is refused), so only warnings are listed. */
#include <string.h>

#include "klaverblad/tables.h"
#include "klaverblad/terminal.h"
#include "report/report_internal.h"

/* In 'en', %s and %K and %R each stand for a text and %d and %u for a
 * whole number; 'nl' holds the same conversions in the same order. */
static const struct {
  const char *en;
  const char *nl;
} warnings_nl[] = {
  /* edge lists (io/load_edgelist.c) */
  { "line 1 is read as a header, and no line follows it: the file holds no edge; if it is an "
    "edge, put the header from,to%s above it",
    "regel 1 is gelezen als kopregel, en er volgt geen regel: het bestand bevat geen verbinding; "
    "is het een verbinding, zet dan de kopregel from,to%s erboven" },
  { "line 1 is read as a header, as its weight '%s' is not a number, though '%s' is also a node "
    "on other lines; if it is an edge, give it a weight that is a number",
    "regel 1 is gelezen als kopregel, omdat het gewicht '%s' geen getal is, al is '%s' ook een "
    "knoop op andere regels; is het een verbinding, geef haar dan een gewicht dat een getal is" },
  { "line 1 looks like a header, but '%s' is also a node on other lines, so it is read as an "
    "edge between '%s' and '%s'; if it is a header, name its columns from,to%s",
    "regel 1 lijkt een kopregel, maar '%s' is ook een knoop op andere regels, dus is ze gelezen "
    "als verbinding tussen '%s' en '%s'; is het een kopregel, noem de kolommen dan from,to%s" },
  { "line 1 is read as an edge between '%s' and '%s', which are on no other line; if it is a "
    "header, name its columns from,to%s",
    "regel 1 is gelezen als verbinding tussen '%s' en '%s', die op geen andere regel staan; is "
    "het een kopregel, noem de kolommen dan from,to%s" },
  /* JSON (io/load_json.c) */
  { "graph attribute '%s' is %s; only text, numbers and booleans are facts of a dataset; it is "
    "ignored",
    "het grafiekgegeven '%s' is %s; alleen tekst, getallen en booleans zijn gegevens van een "
    "dataset; het wordt overgeslagen" },
  { "member '%s' is not part of a dataset; it is ignored",
    "het onderdeel '%s' hoort niet bij een dataset; het wordt overgeslagen" },
  /* every table (model/builder.c) */
  { "the text holds the control character %s; expected text without control characters (a tab "
    "and a line break are allowed)",
    "de tekst bevat het stuurteken %s; verwacht werd tekst zonder stuurtekens (een tab en een "
    "regeleinde mogen)" },
  { "value '%s' stands in a column without a name; it is ignored",
    "de waarde '%s' staat in een kolom zonder naam; ze wordt overgeslagen" },
  { "'%s' is not a whole number of inhabitants; expected digits only, as 28901; the report counts "
    "this city as without a figure",
    "'%s' is geen heel aantal inwoners; verwacht werden alleen cijfers, zoals 28901; het rapport "
    "telt deze stad als een zonder aantal" },
  { "sector '%s' has no role, so the maps give it a spare colour that may be another sector's; "
    "name its role in a role column: education, business, culture, ngo, government or sport",
    "sector '%s' heeft geen rol, dus geven de kaarten hem een reservekleur die ook bij een andere "
    "sector kan horen; noem zijn rol in de kolom role: education, business, culture, ngo, "
    "government of sport" },
  { "only organisations have a sector; ignored for %K '%s'",
    "alleen organisaties hebben een sector; overgeslagen bij %K '%s'" },
  { "only cities have a country column (use a located_in relation); ignored for %K '%s'",
    "alleen steden hebben een kolom country (gebruik een relatie located_in); overgeslagen bij "
    "%K '%s'" },
  { "repeats the %R relation between '%s' and '%s' at line %u",
    "herhaalt de relatie '%R' tussen '%s' en '%s' op regel %u" },
  { "unknown key '%s' is ignored; known keys: title, home, hub, themes, policy_start, year, "
    "language, capacity, capacity_used, out_of_scope",
    "de onbekende sleutel '%s' wordt overgeslagen; bekende sleutels: title, home, hub, themes, "
    "policy_start, year, language, capacity, capacity_used, out_of_scope" },
  { "capacity is given without capacity_used, so all of it counts as left; add "
    "'capacity_used,<hours a year>' for what the current partnerships take",
    "capacity staat er zonder capacity_used, dus telt alles als beschikbaar; voeg "
    "'capacity_used,<uren per jaar>' toe voor wat de huidige partnerschappen vragen" },
  { "capacity_used is given without capacity, so the capacity left is unknown; add "
    "'capacity,<hours a year>'",
    "capacity_used staat er zonder capacity, dus is onbekend hoeveel capaciteit er over is; voeg "
    "'capacity,<uren per jaar>' toe" },
  { "the dataset defines no sector, so the analyses by sector have nothing to group by; to group "
    "the organisations, add sector nodes and name one in each organisation's sector column",
    "de dataset kent geen sectoren, dus hebben de analyses per sector niets om op te groeperen; "
    "voeg sectorknopen toe en noem er een in de kolom sector van elke organisatie" },
  { "ended, but its until %d is after %d, the year the data describes (dataset.csv); expected "
    "status active, or an earlier until",
    "beëindigd, maar until %d ligt na %d, het jaar dat de gegevens beschrijven (dataset.csv); "
    "verwacht werd status active, of een eerdere until" },
  { "the dataset names no home city, so every country counts as abroad, the home country "
    "included; add 'home,<city id>' to dataset.csv",
    "de dataset noemt geen eigen gemeente, dus telt elk land als buitenland, ook het eigen land; "
    "voeg 'home,<id van de stad>' toe aan dataset.csv" },
  { "the dataset names no home city, so every country counts as abroad, the home country "
    "included; give the dataset a 'home': the id of its city",
    "de dataset noemt geen eigen gemeente, dus telt elk land als buitenland, ook het eigen land; "
    "geef de dataset een 'home': het id van haar stad" },
  { "%K '%s' is isolated: no relation names it",
    "%K '%s' staat los: geen relatie noemt deze knoop" },
  { "organisation '%s' has no location, so it counts neither as home nor abroad in the index; add "
    "a located_in relation to its city",
    "organisatie '%s' heeft geen vestigingsplaats, dus telt ze in de index niet als eigen en niet "
    "als buitenlands; voeg een relatie located_in naar haar stad toe" },
  { "city '%s' has no country; give it a country column or a located_in relation to a country",
    "stad '%s' heeft geen land; geef haar een kolom country of een relatie located_in naar een "
    "land" },
};

/* The English template as an anchored regular expression, each
 * conversion a group. */
static GRegex *
template_regex(const char *en)
{
  GString *re = g_string_new("^");
  const char *p = en;
  while (*p != '\0') {
    const char *q = strchr(p, '%');
    if (q == NULL || q[1] == '\0') {
      g_autofree char *lit = g_regex_escape_string(p, -1);
      g_string_append(re, lit);
      break;
    }
    g_autofree char *lit = g_regex_escape_string(p, (gint) (q - p));
    g_string_append(re, lit);
    g_string_append(re, q[1] == 'd' || q[1] == 'u' ? "(-?[0-9]+)" : "(.*)");
    p = q + 2;
  }
  g_string_append(re, "$");
  GRegex *regex = g_regex_new(re->str, G_REGEX_DOTALL, 0, NULL);
  g_assert(regex != NULL);      /* made from the table above */
  g_string_free(re, TRUE);
  return regex;
}

/* Returns a new string: the Dutch of 'message', or NULL when no template
 * matches it. */
static char *
message_nl(const char *message)
{
  for (size_t i = 0; i < G_N_ELEMENTS(warnings_nl); i++) {
    g_autoptr(GRegex) re = template_regex(warnings_nl[i].en);
    g_autoptr(GMatchInfo) m = NULL;
    if (!g_regex_match(re, message, 0, &m))
      continue;
    GString *out = g_string_new(NULL);
    int group = 1;
    for (const char *p = warnings_nl[i].nl; *p != '\0'; p++) {
      if (*p != '%' || p[1] == '\0') {
        g_string_append_c(out, *p);
        continue;
      }
      g_autofree char *value = g_match_info_fetch(m, group++);
      KbNodeKind nk;
      KbRelKind rk;
      char c = *++p;
      if (c == 'K' && value != NULL && kb_node_kind_parse(value, &nk))
        g_string_append(out, kb_node_kind_label(KB_LANG_NL, nk));
      else if (c == 'R' && value != NULL && kb_rel_kind_parse(value, &rk))
        g_string_append(out, kb_rel_kind_label(KB_LANG_NL, rk));
      else
        g_string_append(out, value != NULL ? value : "");
    }
    return g_string_free(out, FALSE);
  }
  return NULL;
}

char *
kb_i_report_warning(const KbDiag *d, KbLang lang, gboolean *translated)
{
  *translated = lang == KB_LANG_EN;
  if (lang == KB_LANG_EN)
    return kb_diag_format(d);
  g_autofree char *nl = message_nl(d->message);
  if (nl == NULL)
    return kb_diag_format(d);
  *translated = TRUE;
  /* where: the file (a workbook's sheet as "blad"), the line or row, and
   * the column the warning concerns */
  GString *out = g_string_new(NULL);
  const char *sheet = d->sheet ? strstr(d->file, ": sheet ") : NULL;
  if (sheet != NULL) {
    g_string_append_len(out, d->file, sheet - d->file);
    g_string_append_printf(out, ": blad %s", sheet + strlen(": sheet "));
  } else {
    g_string_append(out, d->file);
  }
  if (d->line > 0)
    g_string_append_printf(out, ", %s %u", d->sheet ? "rij" : "regel", d->line);
  if (d->field != NULL)
    g_string_append_printf(out, " (kolom %s)", d->field);
  g_string_append_printf(out, ": %s", nl);
  g_autofree char *text = g_string_free(out, FALSE);
  return kb_terminal_escape(text);
}
