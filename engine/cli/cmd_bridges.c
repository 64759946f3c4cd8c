/* cmd_bridges.c -- `klaverblad bridges DATASET --from ID --to ID` (or
 * `--newcomer SECTOR[@PLACE]`): who can introduce the start to the target,
 * and the contacts there. */
#include <stdio.h>
#include <string.h>

#include "cli/builtin.h"

#define PLACES (1u << KB_NODE_CITY | 1u << KB_NODE_REGION | 1u << KB_NODE_COUNTRY)

/* Reads --newcomer SECTOR[@PLACE]: a whole text that is a node's id is
 * the sector, else the text is split at its last '@'. Sets *place to
 * KB_NO_NODE without one. Prints a usage error and returns FALSE. */
static gboolean
newcomer_parse(const KbDataset *ds, const char *text, size_t *sector, size_t *place)
{
  g_autofree char *name = g_strdup(text);
  char *at = strrchr(name, '@');
  *place = KB_NO_NODE;
  if (kb_dataset_find(ds, name) == KB_NO_NODE && at != NULL) {
    *at = '\0';
    if (*name == '\0' || at[1] == '\0') {
      kb_cli_usage_error("bridges", "--newcomer '%s': expected SECTOR or SECTOR@PLACE", text);
      return FALSE;
    }
    *place = kb_cli_node(ds, "bridges", "--newcomer", at + 1, PLACES);
    if (*place == KB_NO_NODE)
      return FALSE;
  }
  *sector = kb_cli_node(ds, "bridges", "--newcomer", name, 1u << KB_NODE_SECTOR);
  return *sector != KB_NO_NODE;
}

int
cmd_bridges(int argc, char **argv)
{
  KbCliDatasetOptions opts = { 0 };
  KbCliOutputOptions out = { 0 };
  g_autofree char *from = NULL, *to = NULL, *newcomer = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new("DATASET");
  g_option_context_set_summary(ctx,
    "Who can introduce the start to the target. The start is an organisation, a sector\n"
    "(its organisations not located only elsewhere) or a newcomer not yet in the data;\n"
    "the target an organisation, place, theme or network. Only organisations and\n"
    "networks introduce.\n"
    "\n"
    "Reach: 3 there itself (at a place: active in or located in it or a place inside\n"
    "it; at an organisation: its partner, funding it or funded by it, or a network it\n"
    "is a member of; at a theme: working on it; at a network: its member, partner or\n"
    "part); 2 through a network: a member of a network there (at a place also: one\n"
    "with a member city inside it), or a platform, a network one of whose organisation\n"
    "members is there; 1 a first step: tied (partner, funding, membership, a network\n"
    "shared) to one who is there and whom the start does not reach in one step itself.\n"
    "Closeness: 5 a peer (of the start's sector, there already); 4 tied to the start;\n"
    "3 two steps from it; 2 further; 1 located elsewhere and further. A newcomer has no\n"
    "ties: 4 is located in its place, 3 a network of the home it can join.\n"
    "score = 10 x reach + closeness; ties go by id. Organisations located elsewhere but\n"
    "at a place target are listed apart as the contacts there, with who at home is tied\n"
    "to them.");
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "The start: an organisation or a sector", "ID" },
    { "newcomer", 0, 0, G_OPTION_ARG_STRING, &newcomer, "The start: a newcomer of SECTOR in "
      "PLACE, a place of the home area (default: the home city)", "SECTOR[@PLACE]" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "The target: an organisation, place, theme or "
      "network", "ID" },
    { NULL }
  };
  g_option_context_add_main_entries(ctx, entries, NULL);
  kb_cli_output_options_add(ctx, &out, 20);
  kb_cli_dataset_options_add(ctx, &opts);
  int status = KB_EXIT_USAGE;
  if (!kb_cli_parse(ctx, "bridges", &argc, &argv, &opts, &out, 1))
    goto done;
  if (from != NULL && newcomer != NULL) {
    kb_cli_usage_error("bridges", "--from and --newcomer do not combine; expected one start");
    goto done;
  }
  if (from == NULL && newcomer == NULL) {
    kb_cli_usage_error("bridges", "a start is needed: --from ID (an organisation or a sector) "
                       "or --newcomer SECTOR[@PLACE]");
    goto done;
  }
  if (to == NULL) {
    kb_cli_usage_error("bridges", "--to is needed: the id of an organisation, place, theme or "
                       "network");
    goto done;
  }
  {
    g_autoptr(KbDataset) ds = kb_cli_load(argv[1], &opts);
    status = KB_EXIT_DATA;
    if (ds == NULL)
      goto done;
    status = KB_EXIT_USAGE;
    size_t f = KB_NO_NODE, sector = KB_NO_NODE, place = KB_NO_NODE;
    if (from != NULL) {
      f = kb_cli_node(ds, "bridges", "--from", from,
                      1u << KB_NODE_ORGANISATION | 1u << KB_NODE_SECTOR);
      if (f == KB_NO_NODE)
        goto done;
    } else if (!newcomer_parse(ds, newcomer, &sector, &place)) {
      goto done;
    }
    size_t t = kb_cli_node(ds, "bridges", "--to", to, ~(1u << KB_NODE_SECTOR));
    if (t == KB_NO_NODE)
      goto done;
    g_autoptr(GError) err = NULL;
    g_autoptr(KbBridges) br = from != NULL
      ? kb_bridges_compute(ds, f, t, opts.view.year, &err)
      : kb_bridges_newcomer(ds, sector, place, t, opts.view.year, &err);
    if (br == NULL) {
      status = kb_cli_usage_error("bridges", "%s", err->message);
      goto done;
    }
    g_autofree char *start = from != NULL
      ? g_strdup(kb_dataset_node(ds, f)->label)
      : g_strdup_printf(kb_tr(out.lang, "a newcomer of %s in %s"),
                        kb_dataset_node(ds, br->sector)->label, kb_dataset_node(ds, br->place)->label);
    g_autofree char *title = g_strdup_printf(kb_tr(out.lang, "Bridges from %s to %s"), start,
                                             kb_dataset_node(ds, t)->label);
    g_autoptr(KbDoc) doc = kb_doc_new(title);
    g_autofree char *about = kb_cli_describe_dataset(argv[1], &opts, out.lang);
    kb_doc_add_text(doc, "about", about);
    kb_tables_bridges(doc, ds, br, (size_t) out.top, out.lang);
    status = kb_cli_emit("bridges", doc, &out);
  }
done:
  kb_cli_output_options_release(&out);
  kb_cli_dataset_options_release(&opts);
  return status;
}
