/* spec_internal.h -- what the parts of the map-description parser share.
 *
 * The parser is four files, one phase each:
 *   spec.c             the text read line by line, the spec's lifecycle, layouts
 *   spec_tokens.c      a line split into tokens; every error reported
 *   spec_attrs.c       Graphviz's attributes and the checking of key=value lists
 *   spec_statements.c  the graph, cluster, node, edge and end lines
 * Nothing here is used outside engine/render; spec.h is the interface.
 * Ownership: as in spec.h; a function that reports appends to the parser's
 * error list through kb_render_i_report(). */
#ifndef KB_RENDER_SPEC_INTERNAL_H
#define KB_RENDER_SPEC_INTERNAL_H

#include <glib.h>

#include "spec.h"

G_BEGIN_DECLS

/* The state of one kb_render_spec_parse() call. */
typedef struct {
  const char *source;
  GPtrArray *errors;
  guint n_errors;
  gboolean stopped;         /* too many errors: reading has stopped */
  unsigned line;            /* the line being read */
  KbRenderSpec *spec;
  GHashTable *node_index;   /* id -> index + 1 */
  GHashTable *cluster_index;
} KbRenderParser;

/* ------------------------------------------------ tokens (spec_tokens.c) */

typedef struct {
  char *key;            /* before '=', or NULL for a plain token */
  char *value;          /* the plain token, or the value after '=' */
  gboolean quoted;      /* the plain token or value was in quotes */
} KbRenderToken;

/* Reports an error on the current line (on no line when 'line' is 0). After
 * KB_RENDER_MAX_ERRORS errors, says that reading stops, and stops. */
void kb_render_i_report(KbRenderParser *ps, unsigned line, const char *format, ...)
  G_GNUC_PRINTF(3, 4);

static inline gboolean
kb_render_i_is_blank(char c)
{
  return c == ' ' || c == '\t';
}

/* The clear function of a GArray of KbRenderToken. */
void kb_render_i_token_clear(gpointer p);
/* Splits line[0..end) into tokens, appended to 'tokens'. Returns FALSE,
 * having reported, when the line is malformed. */
gboolean kb_render_i_tokenize(KbRenderParser *ps, const char *p, const char *end,
                              GArray *tokens);
/* A token as the user wrote it, near enough for a message. New. */
char *kb_render_i_token_text(const KbRenderToken *t);
/* The words of line[0..end), split at blanks. A new NULL-terminated array. */
char **kb_render_i_split_words(const char *p, const char *end);

/* --------------------------------------------- attributes (spec_attrs.c) */

/* The objects an attribute applies to, as in Graphviz's attribute table. */
enum {
  ON_GRAPH = 1 << 0,
  ON_CLUSTER = 1 << 1,
  ON_NODE = 1 << 2,
  ON_EDGE = 1 << 3
};

/* A new, empty GArray of KbRenderAttr that frees its strings. */
GArray *kb_render_i_attrs_new(void);
/* Checks tokens[from..n) as the key=value attributes of a statement about
 * an object of kind 'on' ("graph", "cluster", "node" or "edge" in 'kind'),
 * whose own keys are 'specials' (NULL-terminated), and appends them to
 * 'attrs' in order. Reports every bad one and returns FALSE if any was. */
gboolean kb_render_i_collect_attrs(KbRenderParser *ps, const char *kind, unsigned on,
                                   const char *const *specials, const KbRenderToken *tokens,
                                   guint from, guint n, GArray *attrs);
/* Removes the attribute 'name' from 'attrs' and returns its value (new), or
 * NULL when it is not there. */
char *kb_render_i_take_attr(GArray *attrs, const char *name);

/* ---------------------------------------- statements (spec_statements.c) */

/* Parses one statement line (not blank, not a comment). Sets *end_seen when
 * it is the 'end' line. */
void kb_render_i_parse_statement(KbRenderParser *ps, const char *p, const char *end,
                                 gboolean *end_seen);

G_END_DECLS

#endif
