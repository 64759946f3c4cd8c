/* spec.c -- parsing the text format of klaverblad-render into a KbRenderSpec.
 *
 * The input is read line by line. Each line is split into tokens: a plain
 * token (a keyword or an id, bare or quoted) or key=value, the value bare or
 * quoted. Statements are checked as they come, against what came before
 * (nodes and clusters must be defined before use), and every error is
 * reported with its line; a line with an error is skipped as a whole. */
#include <string.h>

#include "spec_internal.h"

/* ------------------------------------------------------------ lifecycle */

static void
cluster_clear(gpointer p)
{
  KbRenderCluster *c = p;
  g_free(c->id);
  g_array_unref(c->attrs);
}

static void
node_clear(gpointer p)
{
  KbRenderNode *n = p;
  g_free(n->id);
  g_array_unref(n->attrs);
}

static void
edge_clear(gpointer p)
{
  KbRenderEdge *e = p;
  g_array_unref(e->attrs);
}

static KbRenderSpec *
spec_new(void)
{
  KbRenderSpec *spec = g_new0(KbRenderSpec, 1);
  spec->attrs = kb_render_i_attrs_new();
  spec->clusters = g_array_new(FALSE, TRUE, sizeof(KbRenderCluster));
  g_array_set_clear_func(spec->clusters, cluster_clear);
  spec->nodes = g_array_new(FALSE, TRUE, sizeof(KbRenderNode));
  g_array_set_clear_func(spec->nodes, node_clear);
  spec->edges = g_array_new(FALSE, TRUE, sizeof(KbRenderEdge));
  g_array_set_clear_func(spec->edges, edge_clear);
  return spec;
}

void
kb_render_spec_free(KbRenderSpec *spec)
{
  if (spec == NULL)
    return;
  g_free(spec->layout);
  g_array_unref(spec->attrs);
  g_array_unref(spec->clusters);
  g_array_unref(spec->nodes);
  g_array_unref(spec->edges);
  g_free(spec);
}

/* ------------------------------------------------------------- the text */

/* Checks the version line. Returns FALSE, having reported, when it is not
 * "klaverblad-render 1". */
static gboolean
check_version(KbRenderParser *ps, const char *p, const char *end)
{
  g_auto(GStrv) words = kb_render_i_split_words(p, end);
  g_autofree char *expected = g_strdup_printf("%d", KB_RENDER_FORMAT_VERSION);
  if (g_strv_length(words) == 2 && strcmp(words[0], "klaverblad-render") == 0) {
    if (strcmp(words[1], expected) == 0)
      return TRUE;
    kb_render_i_report(ps, ps->line,
                       "unsupported format version '%s'; expected 'klaverblad-render %d'",
                       words[1], KB_RENDER_FORMAT_VERSION);
    return FALSE;
  }
  kb_render_i_report(ps, ps->line, "expected 'klaverblad-render %d'", KB_RENDER_FORMAT_VERSION);
  return FALSE;
}

KbRenderSpec *
kb_render_spec_parse(const char *source, const char *text, gsize len, GPtrArray *errors)
{
  g_return_val_if_fail(source != NULL, NULL);
  g_return_val_if_fail(text != NULL || len == 0, NULL);
  g_return_val_if_fail(errors != NULL, NULL);

  g_autoptr(KbRenderSpec) spec = spec_new();
  g_autoptr(GHashTable) node_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) cluster_index =
    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  KbRenderParser ps = { source, errors, 0, FALSE, 0, spec, node_index, cluster_index };

  const char *p = text, *end = text + len;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;                                   /* a UTF-8 byte-order mark */
  gboolean version_seen = FALSE, end_seen = FALSE;
  while (p < end && !ps.stopped) {
    const char *eol = memchr(p, '\n', end - p);
    const char *line_end = eol ? eol : end;
    const char *next = eol ? eol + 1 : end;
    ps.line++;
    if (line_end > p && line_end[-1] == '\r')
      line_end--;
    const char *s = p;
    p = next;
    if (!g_utf8_validate(s, line_end - s, NULL)) {
      kb_render_i_report(&ps, ps.line, "invalid UTF-8; expected UTF-8 text");
      if (!version_seen)
        break;
      continue;
    }
    while (s < line_end && kb_render_i_is_blank(*s))
      s++;
    if (s == line_end || *s == '#')
      continue;
    if (!version_seen) {
      if (!check_version(&ps, s, line_end))
        break;                  /* not this format: the rest means nothing */
      version_seen = TRUE;
      continue;
    }
    if (end_seen) {
      kb_render_i_report(&ps, ps.line, "text after 'end'; 'end' must be the last line");
      break;
    }
    kb_render_i_parse_statement(&ps, s, line_end, &end_seen);
  }
  if (!version_seen && ps.n_errors == 0)
    kb_render_i_report(&ps, 0, "the input is empty; expected 'klaverblad-render %d'",
                       KB_RENDER_FORMAT_VERSION);
  else if (version_seen && !end_seen && !ps.stopped)
    kb_render_i_report(&ps, 0, "missing 'end' line: the input is truncated");
  if (ps.n_errors > 0)
    return NULL;
  return g_steal_pointer(&spec);
}

/* -------------------------------------------------------------- layouts */

gboolean
kb_render_layout_is_known(const char *name)
{
  static const char *const layouts[] = { "dot", "neato", "fdp", "sfdp", "twopi", "circo" };
  g_return_val_if_fail(name != NULL, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS(layouts); i++)
    if (strcmp(name, layouts[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
kb_render_layout_honours_pins(const char *layout)
{
  g_return_val_if_fail(layout != NULL, FALSE);
  return strcmp(layout, "neato") == 0 || strcmp(layout, "fdp") == 0;
}

const char *
kb_render_spec_layout(const KbRenderSpec *spec, const char *override)
{
  g_return_val_if_fail(spec != NULL, NULL);
  if (override != NULL)
    return override;
  return spec->layout != NULL ? spec->layout : KB_RENDER_DEFAULT_LAYOUT;
}

gboolean
kb_render_spec_check_layout(const KbRenderSpec *spec, const char *source, const char *layout,
                            GPtrArray *errors)
{
  g_return_val_if_fail(spec != NULL && source != NULL && layout != NULL, FALSE);
  g_return_val_if_fail(errors != NULL, FALSE);
  gboolean fdp = strcmp(layout, "fdp") == 0;
  for (guint i = 0; i < spec->nodes->len; i++) {
    const KbRenderNode *node = &g_array_index(spec->nodes, KbRenderNode, i);
    if (!node->pinned)
      continue;
    if (!kb_render_layout_honours_pins(layout)) {
      g_ptr_array_add(errors,
                      g_strdup_printf("%s:%u: error: node '%s' is pinned with x= and y=, but "
                                      "the %s layout ignores positions; use neato or fdp",
                                      source, node->line, node->id, layout));
      return FALSE;
    }
    if (fdp && node->cluster >= 0) {
      const KbRenderCluster *c = &g_array_index(spec->clusters, KbRenderCluster, node->cluster);
      g_ptr_array_add(errors,
                      g_strdup_printf("%s:%u: error: node '%s' is pinned with x= and y= in "
                                      "cluster '%s', but the fdp layout does not pin nodes "
                                      "in clusters; use neato", source, node->line, node->id,
                                      c->id));
      return FALSE;
    }
  }
  return TRUE;
}
