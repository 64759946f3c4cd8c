/* cmd_candidates.c -- `klaverblad candidates DATASET --for ID`: candidate
 * partners ranked by theme fit, local support, network proximity and
 * capacity, each with its reasons and, on request, its rank range. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"

static const char *
weight_name(int k)
{
  return kb_candidate_weight_name(k);
}

/* A number in a sentence of 'lang': %.12g, with a decimal comma in Dutch. */
static char *
number_in(KbLang lang, double x)
{
  char *t = g_strdup_printf("%.12g", x);
  if (lang == KB_LANG_NL)
    g_strdelimit(t, ".", ',');
  return t;
}

/* The text under the title: the data, the themes, the home's organisations,
 * its partnerships and capacity, the weights; in 'lang'. */
static char *
describe(const char *path, const KbCliDatasetOptions *opts, const KbDataset *ds,
         const KbCandidates *cs, KbLang lang)
{
  g_autofree char *about = kb_cli_describe_dataset(path, opts, lang);
  g_autofree char *asked = cs->n_themes ? kb_join_labels(ds, cs->themes, cs->n_themes, 0)
                                        : g_strdup(kb_tr(lang, "none: theme fit is 0 for all"));
  GString *s = g_string_new(about);
  g_string_append_c(s, ' ');
  g_string_append_printf(s, kb_tr(lang, "Themes: %s."), asked);
  g_string_append_c(s, ' ');
  g_string_append_printf(s, kb_tr_n(lang, cs->n_home_sectors,
                                    "Home organisations: %zu in %zu sector.",
                                    "Home organisations: %zu in %zu sectors."),
                         cs->n_home_orgs, cs->n_home_sectors);
  g_string_append_c(s, ' ');
  g_string_append_printf(s, kb_tr(lang, "Partnerships carried: %zu."), cs->load);
  if (cs->capacity >= 0) {
    double used = MAX(cs->capacity_used, 0.0);
    g_autofree char *cap = number_in(lang, cs->capacity);
    g_autofree char *u = number_in(lang, used);
    g_autofree char *left = number_in(lang, cs->capacity - used);
    g_string_append_c(s, ' ');
    g_string_append_printf(s, kb_tr(lang, "Capacity: %s hours a year, %s used, %s left."), cap,
                           u, left);
  }
  char *w[4];
  for (int k = 0; k < 4; k++)
    w[k] = number_in(lang, cs->weights[k]);
  g_string_append_c(s, ' ');
  g_string_append_printf(s, kb_tr(lang, "Weights: fit %s, support %s, network %s, capacity %s."),
                         w[KB_WEIGHT_FIT], w[KB_WEIGHT_SUPPORT], w[KB_WEIGHT_NETWORK],
                         w[KB_WEIGHT_CAPACITY]);
  for (int k = 0; k < 4; k++)
    g_free(w[k]);
  return g_string_free(s, FALSE);
}

int
cmd_candidates(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autofree char *for_id = NULL, *themes = NULL, *kind = NULL, *weights = NULL;
  g_autofree char *requests_path = NULL;
  gboolean sensitivity = FALSE, by_theme = FALSE;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Ranks candidate partners for a city or organisation, new ones and existing\n"
    "partners to deepen apart; the home, the places around or inside it and its own\n"
    "organisations are never candidates:\n"
    "  score = fit x theme fit + support x local support + network x proximity\n"
    "          - capacity x penalty   (defaults 0.4, 0.3, 0.2, 0.1)\n"
    "theme fit: share of the themes asked for that the candidate (or organisations\n"
    "active there) works on; local support: 0.7 x sectors of the home organisations\n"
    "active there / their sectors + 0.3 x their number / the most for any candidate;\n"
    "proximity: 1 / ties between home and candidate over memberships, twinnings and\n"
    "partnerships; penalty for a new partner: the share of the capacity used\n"
    "(dataset.csv), else load / (load + 5), load the home's current twinnings and\n"
    "partnerships. --requests weighs each request on its theme, added value,\n"
    "support, ties, capacity and scope, and advises take up, weigh or decline.");
  GOptionEntry entries[] = {
    { "for", 0, 0, G_OPTION_ARG_STRING, &for_id,
      "The city or organisation (default: the dataset's home city)", "ID" },
    { "themes", 0, 0, G_OPTION_ARG_STRING, &themes,
      "Theme ids, comma-separated (default: the home's own themes)", "T,..." },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "city (default), country or organisation",
      "KIND" },
    { "weights", 0, 0, G_OPTION_ARG_STRING, &weights,
      "e.g. fit=0.4,support=0.3,network=0.2,capacity=0.1", "LIST" },
    { "sensitivity", 0, 0, G_OPTION_ARG_NONE, &sensitivity,
      "Show each candidate's rank range as each weight moves by half either way", NULL },
    { "requests", 0, 0, G_OPTION_ARG_FILENAME, &requests_path,
      "Weigh the requests in this CSV file (id,label,kind,themes,added_value,hours,purpose,"
      "source) and rank them among the candidates", "FILE" },
    { "by-theme", 0, 0, G_OPTION_ARG_NONE, &by_theme,
      "Show the plan per focus theme instead of the ranking: who works on it in the city "
      "and the region, their places, partners and networks abroad, the candidates that fit",
      NULL },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_output_options_add(ctx, &out, 0);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  KbCandidateOptions co;
  kb_candidate_options_init(&co);
  co.sensitivity = FALSE;
  if (!kb_cli_parse(ctx, "candidates", &argc, &argv, &opts, &out, 1))
    goto done;
  if (weights != NULL && !kb_cli_parse_weights(weights, weight_name, KB_WEIGHT_COUNT, co.weights)) {
    kb_cli_usage_error("candidates", "--weights '%s': expected NAME=NUMBER pairs (0 or more) "
                       "separated by commas, NAME one of fit, support, network, capacity",
                       weights);
    goto done;
  }
  if (kind != NULL) {
    KbNodeKind k;
    if (!kb_node_kind_parse(kind, &k)
        || (k != KB_NODE_CITY && k != KB_NODE_COUNTRY && k != KB_NODE_ORGANISATION)) {
      kb_cli_usage_error("candidates", "--kind '%s': expected city, country or organisation",
                         kind);
      goto done;
    }
    co.kind = k;
  }
  co.sensitivity = sensitivity;
  co.by_theme = by_theme;
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    status = KB_EXIT_USAGE;
    if (for_id != NULL) {
      co.for_node = kb_cli_node(ds, "candidates", "--for", for_id,
                                1u << KB_NODE_CITY | 1u << KB_NODE_ORGANISATION);
      if (co.for_node == KB_NO_NODE)
        goto done;
    } else if ((co.for_node = kb_dataset_home(ds)) == KB_NO_NODE) {
      kb_cli_usage_error("candidates", "the dataset names no home city; give --for ID");
      goto done;
    }
    g_autoptr(GArray) asked = g_array_new(FALSE, FALSE, sizeof(size_t));
    if (themes != NULL) {
      g_auto(GStrv) ids = g_strsplit(themes, ",", -1);
      for (char **t = ids; *t; t++) {
        g_strstrip(*t);
        if (**t == '\0')
          continue;
        size_t n = kb_dataset_find(ds, *t);
        if (n == KB_NO_NODE || kb_dataset_node(ds, n)->kind != KB_NODE_THEME) {
          g_autofree char *known = kb_dataset_list_ids(ds, KB_NODE_THEME);
          kb_cli_usage_error("candidates", "--themes: unknown theme '%s'; the dataset's themes "
                             "are: %s", *t, known);
          goto done;
        }
        g_array_append_val(asked, n);
      }
      co.themes = (const size_t *) asked->data;
      co.n_themes = asked->len;
    }
    g_autoptr(KbRequests) requests = NULL;
    if (requests_path != NULL) {
      g_autoptr(KbDiagList) diags = kb_cli_diag_list_new(&opts);
      requests = kb_requests_load_limited(requests_path, ds, &opts.limits, diags);
      if (requests == NULL) {
        kb_cli_print_diagnostics(stderr, diags, opts.max_problems);
        status = KB_EXIT_DATA;
        goto done;
      }
      co.requests = requests;
    }
    g_autoptr(GError) err = NULL;
    g_autoptr(KbCandidates) cs = kb_candidates_compute(ds, &co, &err);
    if (cs == NULL) {
      kb_cli_usage_error("candidates", "%s", err->message);
      goto done;
    }
    g_autofree char *title = g_strdup_printf(kb_tr(out.lang, by_theme
                                                       ? "Plan per theme for %s"
                                                       : "Candidate partners for %s"),
                                             kb_dataset_node(ds, cs->home)->label);
    g_autoptr(KbDoc) doc = kb_doc_new(title);
    g_autofree char *text = describe(argv[1], &opts, ds, cs, out.lang);
    kb_doc_add_text(doc, "about", text);
    g_autofree char *note = kb_tables_candidates_note(ds, cs, out.lang);
    if (note != NULL && (!by_theme || cs->n == 0))
      kb_doc_add_text(doc, "note", note);
    if (by_theme)
      kb_tables_plan(doc, ds, cs, out.lang);
    else
      kb_tables_candidates(doc, ds, cs, co.sensitivity, (size_t) out.top, out.lang);
    if (requests != NULL) {
      kb_tables_requests(doc, ds, cs, requests, out.lang);
      g_autofree char *rule = kb_tables_requests_rule(out.lang);
      kb_doc_add_text(doc, "rule", rule);
    }
    status = kb_cli_emit("candidates", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
