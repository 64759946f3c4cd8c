/* spec.h -- the map description klaverblad-render reads, parsed into plain
 * structs.
 *
 * The text format is described in engine/render/README.md: a version line
 * 'klaverblad-render 1', then graph, cluster, node and edge statements, then
 * 'end'. This module knows the format and which attribute names Graphviz
 * takes on which kind of object, but no Graphviz type: it links GLib only and
 * is unit-tested on its own.
 *
 * Ownership: a KbRenderSpec owns everything it points to, and is freed with
 * kb_render_spec_free(). Strings in it are UTF-8, escapes already resolved.
 * Functions that report problems append new strings to a caller-owned
 * GPtrArray (which must free its elements with g_free), each one whole
 * message "SOURCE:LINE: error: TEXT" (or "SOURCE: error: TEXT" when the
 * problem has no line), without the program name in front. */
#ifndef KB_RENDER_SPEC_H
#define KB_RENDER_SPEC_H

#include <glib.h>

G_BEGIN_DECLS

/* The format version this program reads: the first line is exactly
 * "klaverblad-render 1". */
#define KB_RENDER_FORMAT_VERSION 1
/* At most this many errors are reported; then reading stops. */
#define KB_RENDER_MAX_ERRORS 50
/* The largest paper side, in inches (2.54 m, more than an A0's 1.19 m). */
#define KB_RENDER_MAX_PAPER 100
/* The layout used when neither the input nor the command line names one. */
#define KB_RENDER_DEFAULT_LAYOUT "neato"

/* One Graphviz attribute, name=value, as written in the input. */
typedef struct {
  char *name;
  char *value;
} KbRenderAttr;

typedef struct {
  char *id;             /* the subgraph is named "cluster_" id */
  unsigned line;        /* where it is defined */
  int parent;           /* index in KbRenderSpec.clusters, or -1: the graph */
  GArray *attrs;        /* of KbRenderAttr, in input order, without parent= */
} KbRenderCluster;

typedef struct {
  char *id;
  unsigned line;
  int cluster;          /* index in KbRenderSpec.clusters, or -1: none */
  gboolean pinned;      /* x= and y= were given */
  double x, y;          /* in inches, when pinned */
  GArray *attrs;        /* of KbRenderAttr, without cluster=, x=, y= */
} KbRenderNode;

typedef struct {
  guint from, to;       /* indices in KbRenderSpec.nodes */
  unsigned line;
  GArray *attrs;        /* of KbRenderAttr */
} KbRenderEdge;

typedef struct {
  char *layout;         /* graph layout=, or NULL when not given */
  gboolean directed;    /* graph directed=true */
  gboolean has_paper;   /* graph paper=W,H was given */
  double paper_w;       /* the paper, in inches, when given */
  double paper_h;
  unsigned graph_line;  /* line of the graph statement, 0 when none */
  GArray *attrs;        /* graph attributes, without layout= and directed= */
  GArray *clusters;     /* of KbRenderCluster; a parent comes before its children */
  GArray *nodes;        /* of KbRenderNode, in input order */
  GArray *edges;        /* of KbRenderEdge, in input order */
} KbRenderSpec;

/* Parses the text text[0..len) (which need not be NUL-terminated) as a map
 * description. 'source' names the input in messages ("<stdin>" or a file
 * name). Returns a new spec when the text has no error. Otherwise appends
 * every error found, in line order, to 'errors' and returns NULL; after
 * KB_RENDER_MAX_ERRORS errors it stops reading and says so in one more
 * message. */
KbRenderSpec *kb_render_spec_parse(const char *source, const char *text, gsize len,
                                   GPtrArray *errors);

/* Frees the spec and everything in it. NULL is allowed. */
void kb_render_spec_free(KbRenderSpec *spec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(KbRenderSpec, kb_render_spec_free)

/* TRUE when 'name' is a layout klaverblad-render offers: dot, neato, fdp,
 * sfdp, twopi or circo. */
gboolean kb_render_layout_is_known(const char *name);

/* TRUE when 'layout' keeps pinned nodes (x=, y=) where they are given:
 * neato exactly, fdp up to a shift of the whole drawing (and not in
 * clusters). */
gboolean kb_render_layout_honours_pins(const char *layout);

/* The layout to use: 'override' (from the command line) when not NULL, else
 * the spec's graph layout=, else KB_RENDER_DEFAULT_LAYOUT. Borrowed. */
const char *kb_render_spec_layout(const KbRenderSpec *spec, const char *override);

/* Checks that 'layout' can draw the spec: a spec with pinned nodes needs a
 * layout that honours them, and fdp does not pin nodes in clusters. Returns
 * TRUE when it can; otherwise appends one message naming the first pinned
 * node it cannot draw to 'errors' and returns FALSE. */
gboolean kb_render_spec_check_layout(const KbRenderSpec *spec, const char *source,
                                     const char *layout, GPtrArray *errors);

G_END_DECLS

#endif
