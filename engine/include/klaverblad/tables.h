/* tables.h -- the analyses as sheets of a document, in English or Dutch.
 *
 * The command-line tool and the report build their tables here, so the
 * figures and their wording agree between them. Each function adds its
 * sheets to 'doc'; 'top' limits the rows (0: all). */
#ifndef KLAVERBLAD_TABLES_H
#define KLAVERBLAD_TABLES_H

#include <glib.h>
#include <klaverblad/analysis.h>
#include <klaverblad/lang.h>
#include <klaverblad/output.h>

G_BEGIN_DECLS

/* The text in 'lang': 'english' itself, or its Dutch translation (falling
 * back to the English when there is none). The result may be used as a
 * format when 'english' is one. */
const char *kb_tr(KbLang lang, const char *english) G_GNUC_FORMAT(2);

/* The plural helper: 'one' when n is 1, else 'many', in 'lang' (both
 * English, translated as kb_tr() does). */
const char *kb_tr_n(KbLang lang, size_t n, const char *one, const char *many)
  G_GNUC_FORMAT(3) G_GNUC_FORMAT(4);
/* "1 place", "2 places", "1 plaats", "2 plaatsen": n and its noun in
 * 'lang' (newly allocated). */
char *kb_count(KbLang lang, size_t n, const char *one, const char *many);
/* The label helpers: what a reader is shown of a kind -- "organisation" or
 * "organisatie"; "member of" or "lid van" for member_of -- and of a node's
 * sector: the sector's label from the data, or NULL when the node has none
 * (borrowed from 'ds'). */
const char *kb_node_kind_label(KbLang lang, KbNodeKind kind);
const char *kb_rel_kind_label(KbLang lang, KbRelKind kind);
const char *kb_sector_label(const KbDataset *ds, size_t node);

/* The labels of 'nodes' joined by "; ", at most 'max' of them (0: all),
 * then "+N more" (in 'lang'). Returns a new string. */
char *kb_join_labels(const KbDataset *ds, const size_t *nodes, size_t n, size_t max);

/* The index as sheets "network" (the whole network's figures, followed by
 * the texts "network_note" and "umbrella_note" when there are such notes),
 * "index" (the entries, 'top' of them), "mixing", "gaps", "single_points"
 * and "presence" ('top' rows). */
void kb_tables_index(KbDoc *doc, const KbDataset *ds, const KbIndex *ix, size_t top, KbLang lang);
/* The sentence that says why the index left betweenness centralization
 * out (newly allocated), or NULL when it has it; kb_tables_index puts it
 * under the whole network's figures as text "network_note". */
char *kb_tables_index_note(const KbIndex *ix, KbLang lang);
/* The sentence that says which network makes most of the organisation
 * network's ties, with the figures without it (newly allocated), or NULL
 * when none does; kb_tables_index puts it under the whole network's figures
 * as text "umbrella_note". */
char *kb_tables_index_umbrella(const KbDataset *ds, const KbIndex *ix, KbLang lang);
/* The pairs of 'syn' as a sheet "pairs", with their reasons. */
void kb_tables_synergy(KbDoc *doc, const KbDataset *ds, const KbSynergy *syn, KbLang lang);
/* The sheet of synergy --each, without rows (borrowed from 'doc'), and the
 * rows of one organisation's suggestions (ids, rank, score, shared). */
KbSheet *kb_tables_synergy_each_sheet(KbDoc *doc, KbLang lang);
void kb_tables_synergy_each_rows(KbSheet *sheet, const KbDataset *ds, size_t org,
                                 const KbSuggestion *best, size_t n);
/* The introducers (sheet "introducers": reach, closeness, score and why in
 * one sentence naming the facts) and the contacts at the target (sheet
 * "contacts": how they are there, who at home is tied to them), under the
 * text "note" that kb_tables_bridges_note() gives. */
void kb_tables_bridges(KbDoc *doc, const KbDataset *ds, const KbBridges *br, size_t top,
                       KbLang lang);
/* The rule of the score in words, and how an organisation start is at the
 * target already when it is (newly allocated). */
char *kb_tables_bridges_note(const KbDataset *ds, const KbBridges *br, KbLang lang);
/* The brokers as a sheet "brokers", the first 'top' of them. */
void kb_tables_brokers(KbDoc *doc, const KbDataset *ds, const KbBrokers *br, size_t top,
                       KbLang lang);
/* The sentence that says how betweenness was found: exactly, or estimated
 * from a sample of sources, with its bound (newly allocated). */
char *kb_tables_brokers_method(const KbBrokers *br, KbLang lang);
/* The same as a sheet "betweenness" of one row: method (exact or sampled),
 * organisations, sources, bound (empty when exact), closeness (exact or left out). */
void kb_tables_brokers_method_sheet(KbDoc *doc, const KbBrokers *br, KbLang lang);
/* The communities as a sheet "communities", the first 'top' of them. */
void kb_tables_communities(KbDoc *doc, const KbDataset *ds, const KbCommunities *cs, size_t top,
                           KbLang lang);
/* Two sheets: "candidates", the new partners, and "deepen", the existing
 * partners to deepen, each best first ('top' rows of each, 0: all), with
 * their parts, the part that carries each and their reasons; with
 * 'sensitivity', their best and worst ranks. Where no candidate has theme
 * data, the fit is no column (kb_tables_candidates_note() says why); a
 * candidate without any has an empty fit. */
void kb_tables_candidates(KbDoc *doc, const KbDataset *ds, const KbCandidates *cs,
                          gboolean sensitivity, size_t top, KbLang lang);
/* The sentence that says there is no candidate and why, or that theme fit
 * is left out because no candidate has theme data (newly allocated); NULL
 * when there are candidates and some has theme data. */
char *kb_tables_candidates_note(const KbDataset *ds, const KbCandidates *cs, KbLang lang);
/* The sentence that gives the weights of the ranking and says what is
 * never a candidate (newly allocated). */
char *kb_tables_candidates_weights(const KbCandidates *cs, KbLang lang);
/* Sentences naming, for each of the first k new candidates, the part of
 * its score that carries it ("Rostock (1): carried by network, 0.10 of its
 * score of 0.12."); newly allocated, "" when there are none. */
char *kb_tables_candidates_carried(const KbDataset *ds, const KbCandidates *cs, size_t k,
                                   KbLang lang);
/* The plan per theme (cs made with by_theme) as a sheet "plan": for each
 * focus theme the city's and the region's organisations that work on it
 * (with their sectors), their places and partners abroad, their networks
 * and the first 5 candidates that fit it (an existing partner marked so, a
 * request with its advice). */
void kb_tables_plan(KbDoc *doc, const KbDataset *ds, const KbCandidates *cs, KbLang lang);
/* The assessment of 'requests' (cs made with them) as a sheet "requests":
 * per request its advice and the reason, then each criterion as "state:
 * evidence". */
void kb_tables_requests(KbDoc *doc, const KbDataset *ds, const KbCandidates *cs,
                        const KbRequests *requests, KbLang lang);
/* The reason for one request's advice, in one sentence (newly allocated). */
char *kb_tables_request_reason(const KbDataset *ds, const KbCandidates *cs,
                               const KbRequest *req, const KbAssessment *a, KbLang lang);
/* The rule the advice follows, in words (newly allocated). */
char *kb_tables_requests_rule(KbLang lang);
/* An advice's name in 'lang' ("take up", "honoreren"). */
const char *kb_tables_advice_name(KbAdvice advice, KbLang lang);
/* The comparison as sheets "figures", "countries", "memberships" and
 * "brokers" ('top' rows), then the text "brokers_method" when either
 * year's betweenness was sampled. */
void kb_tables_diff(KbDoc *doc, const KbDataset *ds, const KbDiff *d, size_t top, KbLang lang);
/* The sentence that names the network that makes most organisation ties in
 * one of the years (newly allocated), or NULL when none does. */
char *kb_tables_diff_umbrella(const KbDataset *ds, const KbDiff *d, KbLang lang);

G_END_DECLS

#endif
