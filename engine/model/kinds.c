/* kinds.c -- node and relation kinds, and which relation kinds may join
 * which node kinds. */
#include <string.h>

#include "klaverblad/model.h"

#define BIT(k) (1u << (k))
#define ORG     BIT(KB_NODE_ORGANISATION)
#define CITY    BIT(KB_NODE_CITY)
#define REGION  BIT(KB_NODE_REGION)
#define COUNTRY BIT(KB_NODE_COUNTRY)
#define THEME   BIT(KB_NODE_THEME)
#define NETWORK BIT(KB_NODE_NETWORK)

static const char *const node_kind_names[KB_NODE_KIND_COUNT] = {
  [KB_NODE_ORGANISATION] = "organisation",
  [KB_NODE_SECTOR] = "sector",
  [KB_NODE_CITY] = "city",
  [KB_NODE_REGION] = "region",
  [KB_NODE_COUNTRY] = "country",
  [KB_NODE_THEME] = "theme",
  [KB_NODE_NETWORK] = "network",
};

/* A name in English and in Dutch. */
typedef struct {
  const char *en, *nl;
} Names;

/* The index i >= 1 of the entry of 'names' whose English or Dutch name is
 * 'name', in any case; 0 when none is (entry 0 stands for none). */
static int
names_find(const Names *names, int n, const char *name)
{
  for (int i = 1; i < n; i++)
    if (g_ascii_strcasecmp(name, names[i].en) == 0 || g_ascii_strcasecmp(name, names[i].nl) == 0)
      return i;
  return 0;
}

/* The roles' names, English first, then Dutch (what a Dutch dataset names
 * its sectors by). */
static const Names role_names[KB_SECTOR_ROLE_COUNT] = {
  [KB_SECTOR_ROLE_NONE] = { "", "" },
  [KB_SECTOR_ROLE_EDUCATION] = { "education", "onderwijs" },
  [KB_SECTOR_ROLE_BUSINESS] = { "business", "bedrijfsleven" },
  [KB_SECTOR_ROLE_CULTURE] = { "culture", "cultuur" },
  [KB_SECTOR_ROLE_NGO] = { "ngo", "maatschappelijk" },
  [KB_SECTOR_ROLE_GOVERNMENT] = { "government", "overheid" },
  [KB_SECTOR_ROLE_SPORT] = { "sport", "sport" },
};

static const Names purpose_names[KB_PURPOSE_COUNT] = {
  [KB_PURPOSE_NONE] = { "", "" },
  [KB_PURPOSE_EXCHANGE] = { "exchange", "uitwisseling" },
  [KB_PURPOSE_VISITORS] = { "visitors", "bezoekers" },
  [KB_PURPOSE_BUSINESS] = { "business", "bedrijven" },
};

/* Each relation kind joins a 'from' node of a kind in from[i] to a 'to' node
 * of a kind in to[i], for some i. This table is the one the README shows. */
typedef struct {
  const char *name;
  gboolean symmetric;
  unsigned n_rules;
  unsigned from[2];
  unsigned to[2];
} RelKindInfo;

static const RelKindInfo rel_kinds[KB_REL_KIND_COUNT] = {
  [KB_REL_MEMBER_OF]    = { "member_of", FALSE, 1, { ORG | CITY }, { NETWORK } },
  [KB_REL_ACTIVE_IN]    = { "active_in", FALSE, 1, { ORG | NETWORK }, { CITY | REGION | COUNTRY } },
  [KB_REL_PARTNER_OF]   = { "partner_of", TRUE, 1, { ORG | NETWORK | CITY }, { ORG | NETWORK | CITY } },
  [KB_REL_TWINNED_WITH] = { "twinned_with", TRUE, 1, { CITY | REGION }, { CITY | REGION } },
  [KB_REL_FUNDS]        = { "funds", FALSE, 1, { ORG }, { ORG } },
  /* a city may lie in a city: a village or district in its municipality */
  [KB_REL_LOCATED_IN]   = { "located_in", FALSE, 2, { ORG, CITY }, { CITY | REGION | COUNTRY, CITY | REGION | COUNTRY } },
  [KB_REL_WORKS_ON]     = { "works_on", FALSE, 1, { ORG | NETWORK | CITY }, { THEME } },
  [KB_REL_PART_OF]      = { "part_of", FALSE, 2, { NETWORK, REGION }, { NETWORK, COUNTRY } },
};

const char *
kb_node_kind_name(KbNodeKind kind)
{
  g_return_val_if_fail(kind < KB_NODE_KIND_COUNT, "?");
  return node_kind_names[kind];
}

const char *
kb_sector_role_name(KbSectorRole role)
{
  g_return_val_if_fail(role < KB_SECTOR_ROLE_COUNT, "");
  return role_names[role].en;
}

gboolean
kb_sector_role_parse(const char *name, KbSectorRole *out)
{
  g_return_val_if_fail(name != NULL && out != NULL, FALSE);
  int r = names_find(role_names, KB_SECTOR_ROLE_COUNT, name);
  if (r == 0)
    return FALSE;
  *out = r;
  return TRUE;
}

const char *
kb_purpose_name(KbPurpose purpose)
{
  g_return_val_if_fail(purpose < KB_PURPOSE_COUNT, "?");
  return purpose_names[purpose].en;
}

gboolean
kb_purpose_parse(const char *name, KbPurpose *out)
{
  g_return_val_if_fail(name != NULL && out != NULL, FALSE);
  int p = names_find(purpose_names, KB_PURPOSE_COUNT, name);
  if (p == 0)
    return FALSE;
  *out = p;
  return TRUE;
}

KbSectorRole
kb_sector_role(const KbNode *node)
{
  g_return_val_if_fail(node != NULL, KB_SECTOR_ROLE_NONE);
  if (node->kind != KB_NODE_SECTOR)
    return KB_SECTOR_ROLE_NONE;
  KbSectorRole role = node->role;
  if (role == KB_SECTOR_ROLE_NONE)
    kb_sector_role_parse(node->id, &role);
  return role;
}

const char *
kb_rel_kind_name(KbRelKind kind)
{
  g_return_val_if_fail(kind < KB_REL_KIND_COUNT, "?");
  return rel_kinds[kind].name;
}

gboolean
kb_node_kind_parse(const char *name, KbNodeKind *out)
{
  g_return_val_if_fail(name != NULL && out != NULL, FALSE);
  for (int k = 0; k < KB_NODE_KIND_COUNT; k++)
    if (strcmp(name, node_kind_names[k]) == 0) {
      *out = k;
      return TRUE;
    }
  return FALSE;
}

gboolean
kb_rel_kind_parse(const char *name, KbRelKind *out)
{
  g_return_val_if_fail(name != NULL && out != NULL, FALSE);
  for (int k = 0; k < KB_REL_KIND_COUNT; k++)
    if (strcmp(name, rel_kinds[k].name) == 0) {
      *out = k;
      return TRUE;
    }
  return FALSE;
}

gboolean
kb_node_kind_is_place(KbNodeKind kind)
{
  return kind == KB_NODE_CITY || kind == KB_NODE_REGION || kind == KB_NODE_COUNTRY;
}

gboolean
kb_rel_kind_is_symmetric(KbRelKind kind)
{
  g_return_val_if_fail(kind < KB_REL_KIND_COUNT, FALSE);
  return rel_kinds[kind].symmetric;
}

static gboolean
rules_allow(const RelKindInfo *info, KbNodeKind from, KbNodeKind to)
{
  for (unsigned i = 0; i < info->n_rules; i++)
    if ((info->from[i] & BIT(from)) && (info->to[i] & BIT(to)))
      return TRUE;
  return FALSE;
}

gboolean
kb_rel_kind_allows(KbRelKind kind, KbNodeKind from, KbNodeKind to)
{
  g_return_val_if_fail(kind < KB_REL_KIND_COUNT, FALSE);
  g_return_val_if_fail(from < KB_NODE_KIND_COUNT && to < KB_NODE_KIND_COUNT, FALSE);
  const RelKindInfo *info = &rel_kinds[kind];
  return rules_allow(info, from, to) || (info->symmetric && rules_allow(info, to, from));
}

/* "organisation, city" style list of the kinds in 'mask', joined by 'last'
 * before the final one. */
static void
append_kinds(GString *s, unsigned mask)
{
  unsigned n = 0, total = 0;
  for (int k = 0; k < KB_NODE_KIND_COUNT; k++)
    total += (mask & BIT(k)) != 0;
  for (int k = 0; k < KB_NODE_KIND_COUNT; k++) {
    if (!(mask & BIT(k)))
      continue;
    if (n > 0)
      g_string_append(s, n + 1 == total ? " or " : ", ");
    g_string_append(s, node_kind_names[k]);
    n++;
  }
}

char *
kb_rel_kind_describe_ends(KbRelKind kind)
{
  g_return_val_if_fail(kind < KB_REL_KIND_COUNT, NULL);
  const RelKindInfo *info = &rel_kinds[kind];
  GString *s = g_string_new(NULL);
  for (unsigned i = 0; i < info->n_rules; i++) {
    if (i > 0)
      g_string_append(s, "; ");
    append_kinds(s, info->from[i]);
    g_string_append(s, info->symmetric ? " with " : " to ");
    append_kinds(s, info->to[i]);
  }
  return g_string_free(s, FALSE);
}

gboolean
kb_year_is_valid(int year)
{
  return year >= KB_YEAR_MIN && year <= KB_YEAR_MAX;
}

gboolean
kb_year_parse(const char *text, int *out)
{
  g_return_val_if_fail(text != NULL && out != NULL, FALSE);
  if (strlen(text) != 4)
    return FALSE;
  int y = 0;
  for (int i = 0; i < 4; i++) {
    if (!g_ascii_isdigit(text[i]))
      return FALSE;
    y = 10 * y + (text[i] - '0');
  }
  if (!kb_year_is_valid(y))
    return FALSE;
  *out = y;
  return TRUE;
}

/* ---------------------------------------------------------------- dates */

gboolean
kb_date_parse(const char *text, int *year, KbDateQualifier *qualifier)
{
  g_return_val_if_fail(text != NULL && year != NULL && qualifier != NULL, FALSE);
  size_t len = strlen(text);
  char digits[5] = { 0 };
  KbDateQualifier q;
  if (len == 4) {
    q = KB_DATE_EXACT;
    memcpy(digits, text, 4);
  } else if (len == 5 && strchr("~?%", text[4]) != NULL) {
    q = text[4] == '~' ? KB_DATE_APPROXIMATE
        : text[4] == '?' ? KB_DATE_UNCERTAIN : KB_DATE_APPROXIMATE_UNCERTAIN;
    memcpy(digits, text, 4);
  } else if (len == 8 && g_str_has_prefix(text, "[..") && text[7] == ']') {
    q = KB_DATE_OR_EARLIER;
    memcpy(digits, text + 3, 4);
  } else if (len == 8 && text[0] == '[' && g_str_has_suffix(text, "..]")) {
    q = KB_DATE_OR_LATER;
    memcpy(digits, text + 1, 4);
  } else {
    return FALSE;
  }
  if (!kb_year_parse(digits, year))
    return FALSE;
  *qualifier = q;
  return TRUE;
}

char *
kb_date_format(int year, KbDateQualifier qualifier)
{
  if (year == KB_NO_YEAR)
    return g_strdup("");
  switch (qualifier) {
  case KB_DATE_APPROXIMATE: return g_strdup_printf("%d~", year);
  case KB_DATE_UNCERTAIN: return g_strdup_printf("%d?", year);
  case KB_DATE_APPROXIMATE_UNCERTAIN: return g_strdup_printf("%d%%", year);
  case KB_DATE_OR_EARLIER: return g_strdup_printf("[..%d]", year);
  case KB_DATE_OR_LATER: return g_strdup_printf("[%d..]", year);
  case KB_DATE_EXACT:
  case KB_DATE_QUALIFIER_COUNT:
    break;
  }
  return g_strdup_printf("%d", year);
}

const char *
kb_date_qualifier_describe(KbDateQualifier qualifier)
{
  static const char *const words[KB_DATE_QUALIFIER_COUNT] = {
    [KB_DATE_EXACT] = "exact",
    [KB_DATE_APPROXIMATE] = "approximate",
    [KB_DATE_UNCERTAIN] = "uncertain",
    [KB_DATE_APPROXIMATE_UNCERTAIN] = "approximate and uncertain",
    [KB_DATE_OR_EARLIER] = "or earlier",
    [KB_DATE_OR_LATER] = "or later",
  };
  g_return_val_if_fail(qualifier < KB_DATE_QUALIFIER_COUNT, "?");
  return words[qualifier];
}

static const char *const status_names[KB_STATUS_COUNT] = {
  [KB_STATUS_ACTIVE] = "active",
  [KB_STATUS_PLANNED] = "planned",
  [KB_STATUS_ENDED] = "ended",
};

const char *
kb_rel_status_name(KbRelStatus status)
{
  g_return_val_if_fail(status < KB_STATUS_COUNT, "?");
  return status_names[status];
}

gboolean
kb_rel_status_parse(const char *name, KbRelStatus *out)
{
  g_return_val_if_fail(name != NULL && out != NULL, FALSE);
  for (int i = 0; i < KB_STATUS_COUNT; i++)
    if (strcmp(name, status_names[i]) == 0) {
      *out = i;
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------- holding */

gboolean
kb_relation_is_geography(const KbRelation *rel)
{
  g_return_val_if_fail(rel != NULL, FALSE);
  return rel->kind == KB_REL_LOCATED_IN || rel->kind == KB_REL_PART_OF;
}

/* Whether a relation has begun by 'year', as its since says. */
static KbHolds
begun(const KbRelation *rel, int year, int data_year)
{
  if (rel->since == KB_NO_YEAR && kb_relation_is_geography(rel))
    return KB_HOLDS_YES;                 /* where a place or an organisation is */
  if (rel->since == KB_NO_YEAR)          /* undated: known to hold by the data's year */
    return data_year == KB_NO_YEAR || year >= data_year ? KB_HOLDS_YES : KB_HOLDS_UNKNOWN;
  switch ((KbDateQualifier) rel->since_q) {
  case KB_DATE_OR_EARLIER:               /* by 'since' */
    return year >= rel->since ? KB_HOLDS_YES : KB_HOLDS_UNKNOWN;
  case KB_DATE_OR_LATER:                 /* 'since' or later */
    return year < rel->since ? KB_HOLDS_NO : KB_HOLDS_UNKNOWN;
  default:                               /* about, maybe, or exactly 'since' */
    return year >= rel->since ? KB_HOLDS_YES : KB_HOLDS_NO;
  }
}

/* Whether a relation still holds in 'year', as its until and status say. */
static KbHolds
not_ended(const KbRelation *rel, int year, int data_year)
{
  if (rel->until == KB_NO_YEAR) {
    if (rel->status != KB_STATUS_ENDED)
      return KB_HOLDS_YES;
    /* ended, when the data does not say: by the data's year */
    return data_year != KB_NO_YEAR && year >= data_year ? KB_HOLDS_NO : KB_HOLDS_UNKNOWN;
  }
  switch ((KbDateQualifier) rel->until_q) {
  case KB_DATE_OR_EARLIER:               /* ended by 'until' */
    return year > rel->until ? KB_HOLDS_NO : KB_HOLDS_UNKNOWN;
  case KB_DATE_OR_LATER:                 /* went on to 'until' at least */
    return year <= rel->until ? KB_HOLDS_YES : KB_HOLDS_UNKNOWN;
  default:
    return year <= rel->until ? KB_HOLDS_YES : KB_HOLDS_NO;
  }
}

KbHolds
kb_relation_holds(const KbRelation *rel, int year, int data_year)
{
  g_return_val_if_fail(rel != NULL, KB_HOLDS_NO);
  if (rel->status == KB_STATUS_PLANNED)
    return KB_HOLDS_NO;
  if (year == KB_NO_YEAR)
    return KB_HOLDS_YES;
  return MIN(begun(rel, year, data_year), not_ended(rel, year, data_year));
}

static const char *const question_kind_names[KB_QUESTION_KIND_COUNT] = {
  [KB_QUESTION_BRIDGE] = "bridge",
  [KB_QUESTION_SYNERGY] = "synergy",
  [KB_QUESTION_OVERVIEW] = "overview",
  [KB_QUESTION_THEME] = "theme",
  [KB_QUESTION_RANK] = "rank",
  [KB_QUESTION_CENTRALITY] = "centrality",
};

const char *
kb_question_kind_name(KbQuestionKind kind)
{
  g_return_val_if_fail(kind < KB_QUESTION_KIND_COUNT, "?");
  return question_kind_names[kind];
}
