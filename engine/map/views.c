/* views.c -- what each view draws, and where: petals of organisations
 * around a centre, the klaverblad's places and networks, the ego and place
 * views, the sectors on a ring. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/quote.h"
#include "klaverblad/error.h"
#include "map/map_internal.h"

/* ------------------------------------------------------------ petals */

/* A petal: a block of boxes under a heading, in one direction from the
 * centre. */
typedef struct {
  char *head;               /* the heading's id */
  char *title;              /* its words, without the count */
  const char *colour;
  char *cls;                /* the class of its members, for the "+N more" box */
  GArray *members;          /* dataset nodes, most connected first */
} Petal;

static void
petal_clear(gpointer p)
{
  Petal *pt = p;
  g_free(pt->head);
  g_free(pt->title);
  g_free(pt->cls);
  g_array_unref(pt->members);
}

static GArray *
petals_new(void)
{
  GArray *a = g_array_new(FALSE, TRUE, sizeof(Petal));
  g_array_set_clear_func(a, petal_clear);
  return a;
}

/* Adds node to the petal with heading 'head', made when new. */
static void
petal_add(GArray *petals, const char *head, const char *title, const char *colour,
          const char *cls, size_t node)
{
  for (guint i = 0; i < petals->len; i++) {
    Petal *p = &g_array_index(petals, Petal, i);
    if (strcmp(p->head, head) == 0) {
      g_array_append_val(p->members, node);
      return;
    }
  }
  Petal p = { g_strdup(head), g_strdup(title), colour, g_strdup(cls),
              g_array_new(FALSE, FALSE, sizeof(size_t)) };
  g_array_append_val(p.members, node);
  g_array_append_val(petals, p);
}

static int
compare_sectors(const void *x, const void *y, void *ds)
{
  size_t a = *(const size_t *) x, b = *(const size_t *) y;
  int oa = kb_i_map_sector_order(ds, a), ob = kb_i_map_sector_order(ds, b);
  if (oa != ob)
    return oa < ob ? -1 : 1;
  if (a == KB_NO_NODE || b == KB_NO_NODE)
    return 0;
  return strcmp(kb_dataset_node(ds, a)->id, kb_dataset_node(ds, b)->id);
}

typedef struct {
  const KbDataset *ds;
  const size_t *degree;
} ByDegree;

static int
compare_ids(const void *x, const void *y, void *ds)
{
  return strcmp(kb_dataset_node(ds, *(const size_t *) x)->id,
                kb_dataset_node(ds, *(const size_t *) y)->id);
}

/* Most ties first, then by id. */
static int
compare_degree(const void *x, const void *y, void *data)
{
  const ByDegree *b = data;
  size_t a = *(const size_t *) x, c = *(const size_t *) y;
  if (b->degree[a] != b->degree[c])
    return b->degree[a] > b->degree[c] ? -1 : 1;
  return compare_ids(x, y, (gpointer) b->ds);
}

static int
compare_labels(const void *x, const void *y, void *ds)
{
  int c = g_utf8_collate(kb_dataset_node(ds, *(const size_t *) x)->label,
                         kb_dataset_node(ds, *(const size_t *) y)->label);
  return c != 0 ? c : compare_ids(x, y, ds);
}

/* Places the petals around the centre, each a block of at most 'cap' of
 * its members (the most connected, in alphabetical order) under its
 * heading, its inner edge at r_in from the centre; a petal with more
 * members ends in a "+N more" box standing for the others. Sets
 * angle_of[member] to its petal's direction. */
static void
layout_petals(Map *m, GArray *petals, size_t cap, double r_in, double *angle_of,
              const size_t *degree)
{
  const KbDataset *ds = m->ds;
  size_t S = petals->len;
  for (size_t s = 0; s < S; s++) {
    Petal *p = &g_array_index(petals, Petal, s);
    g_ptr_array_add(m->petal_heads, g_strdup(p->head));
    ByDegree bd = { ds, degree };
    g_array_sort_with_data(p->members, compare_degree, &bd);
    guint count = p->members->len, shown = (guint) MIN(count, MAX(cap, 1));
    g_autoptr(GArray) sorted = g_array_new(FALSE, FALSE, sizeof(size_t));
    g_array_append_vals(sorted, p->members->data, shown);
    g_array_sort_with_data(sorted, compare_labels, (gpointer) ds);
    GArray *boxes = g_array_new(FALSE, FALSE, sizeof(guint));
    double colw = 0, rowh = 0;
    for (guint k = 0; k < shown; k++) {
      guint at = m->nodes->len;
      MapNode *box = kb_i_map_draw_node(m, g_array_index(sorted, size_t, k), FALSE, LABEL_WIDTH);
      if (box == NULL)
        continue;
      g_array_append_val(boxes, at);
      colw = MAX(colw, box->w);
      rowh = MAX(rowh, box->h + 3);
    }
    for (guint k = 0; k < count; k++)
      m->petal_of[g_array_index(p->members, size_t, k)] = (guint) s + 1;
    if (shown < count) {
      g_autofree char *id = g_strdup_printf("more:%s", p->head);
      g_autofree char *label = g_strdup_printf(kb_i_map_tr(m, "+%zu more"), (size_t) (count - shown));
      guint at = m->nodes->len;
      g_autofree char *fill = kb_i_map_tint(p->colour, 0.85);
      size_t first = g_array_index(p->members, size_t, 0);
      kb_i_map_legend_node(m, p->cls, kb_dataset_node(ds, first)->kind, kb_dataset_node(ds, first)->sector);
      MapNode *more = kb_i_map_add_node(m, id, label, m->font, "shape", "box", "style", "rounded,filled,dashed",
                               "color", p->colour, "fillcolor", fill, "class", p->cls, NULL);
      colw = MAX(colw, more->w);
      rowh = MAX(rowh, more->h + 3);
      g_array_append_val(boxes, at);
      for (guint k = shown; k < count; k++)
        m->rep[g_array_index(p->members, size_t, k)] = more->id;
      m->hidden_orgs += count - shown;
    }
    g_autofree char *words = g_strdup_printf("%s (%u)", p->title, count);
    g_autofree char *heading = kb_i_map_wrap(words, LABEL_WIDTH);
    guint title_at = m->nodes->len;
    kb_i_map_add_node(m, p->head, heading, m->font + 1, "shape", "box", "style", "filled", "color",
             p->colour, "fillcolor", p->colour, "fontcolor", "#FFFFFF", "class", "heading", NULL);
    MapNode *title = &g_array_index(m->nodes, MapNode, title_at);
    guint n = boxes->len;
    guint cols = MAX(1, (guint) lround(sqrt((double) n * rowh * 2.0 / MAX(colw, 1))));
    cols = MIN(cols, MAX(n, 1));
    guint rows = (n + cols - 1) / cols;
    colw = MAX(colw, title->w / cols);
    double bw = (double) cols * colw + (double) (cols - 1) * 4;
    double bh = (double) rows * rowh + title->h + 3;
    double theta = TAU / 4 + TAU * (double) s / (double) S;
    double ext = fabs(cos(theta)) * bw / 2 + fabs(sin(theta)) * bh / 2;
    double r0 = MAX(r_in, kb_i_map_reach_towards(m, theta, 0.3) + 2 * m->font);
    double cx = (r0 + ext) * cos(theta), cy = (r0 + ext) * sin(theta);
    /* the block moves as one; its members keep their places in it */
    guint block_at = m->nodes->len;
    g_autofree char *block_id = g_strdup_printf("block:%s", p->head);
    MapNode *block = kb_i_map_add_node(m, block_id, "", 1, NULL);
    block->block = TRUE;
    block->w = bw;
    block->h = bh;
    kb_i_map_place(block, cx, cy, FALSE);
    title = &g_array_index(m->nodes, MapNode, title_at);
    title->parent = (gint) block_at;
    title->dx = 0;
    title->dy = bh / 2 - title->h / 2;
    for (guint k = 0; k < n; k++) {
      MapNode *box = &g_array_index(m->nodes, MapNode, g_array_index(boxes, guint, k));
      guint r = k / cols, col = k % cols;
      box->parent = (gint) block_at;
      box->dx = -bw / 2 + colw / 2 + (double) col * (colw + 4);
      box->dy = bh / 2 - title->h - 3 - rowh / 2 - (double) r * rowh;
    }
    kb_i_map_resolve_blocks(m);
    for (guint k = 0; k < count; k++)
      angle_of[g_array_index(p->members, size_t, k)] = theta;
    g_array_unref(boxes);
  }
}

/* The petals of the organisations in 'in' (all when NULL): one a sector,
 * in the sectors' fixed order. */
static GArray *
sector_petals(Map *m, const gboolean *in)
{
  const KbDataset *ds = m->ds;
  g_autoptr(GArray) sectors = g_array_new(FALSE, FALSE, sizeof(size_t));
  size_t n = kb_dataset_node_count(ds);
  g_autofree gboolean *seen = g_new0(gboolean, n + 1);
  for (size_t i = 0; i < n; i++) {
    const KbNode *nd = kb_dataset_node(ds, i);
    if (nd->kind != KB_NODE_ORGANISATION || (in != NULL && !in[i]))
      continue;
    size_t s = nd->sector == KB_NO_NODE ? n : nd->sector;
    if (!seen[s]) {
      seen[s] = TRUE;
      g_array_append_val(sectors, nd->sector);
    }
  }
  g_array_sort_with_data(sectors, compare_sectors, (gpointer) ds);
  GArray *petals = petals_new();
  for (guint k = 0; k < sectors->len; k++) {
    size_t s = g_array_index(sectors, size_t, k);
    g_autofree char *head = g_strdup_printf("sector:%s", s == KB_NO_NODE ? "none"
                                            : kb_dataset_node(ds, s)->id);
    const char *title = s == KB_NO_NODE ? kb_tr(m->lang, "no sector") : kb_dataset_node(ds, s)->label;
    for (size_t i = 0; i < n; i++) {
      const KbNode *nd = kb_dataset_node(ds, i);
      if (nd->kind == KB_NODE_ORGANISATION && (in == NULL || in[i]) && nd->sector == s) {
        g_autofree char *cls = kb_i_map_node_class(ds, i);
        petal_add(petals, head, title, kb_map_sector_colour(ds, s), cls, i);
      }
    }
  }
  return petals;
}

/* Places the nodes of 'items' (dataset nodes with an angle each), at most
 * 'cap' of them, those of most ties first, on a ring outside what is
 * placed, each in its direction. Returns how many it left out. */
typedef struct {
  size_t node;
  double angle;
  size_t weight;
} Angled;

static int
compare_weight(const void *x, const void *y, void *ds)
{
  const Angled *a = x, *b = y;
  if (a->weight != b->weight)
    return a->weight > b->weight ? -1 : 1;
  return compare_ids(&a->node, &b->node, ds);
}

static int
compare_angled(const void *x, const void *y, void *ds)
{
  const Angled *a = x, *b = y;
  if (a->angle != b->angle)
    return a->angle < b->angle ? -1 : 1;
  return compare_ids(&a->node, &b->node, ds);
}

/* The circular mean of angles given as summed unit vectors. */
static double
mean_angle(double sx, double sy, double fallback)
{
  if (fabs(sx) < 1e-9 && fabs(sy) < 1e-9)
    return fallback;
  double a = atan2(sy, sx);
  return a < 0 ? a + TAU : a;
}

/* Keeps the 'cap' items of most weight, in angle order; returns how many
 * it dropped. */
static size_t
keep_heaviest(const KbDataset *ds, GArray *items, size_t cap)
{
  g_array_sort_with_data(items, compare_weight, (gpointer) ds);
  size_t dropped = items->len > cap ? items->len - cap : 0;
  if (dropped > 0)
    g_array_set_size(items, (guint) cap);
  g_array_sort_with_data(items, compare_angled, (gpointer) ds);
  return dropped;
}

static size_t
ring(Map *m, GArray *items, size_t cap, double r_min)
{
  size_t dropped = keep_heaviest(m->ds, items, cap);
  for (guint i = 0; i < items->len; i++) {
    const Angled *a = &g_array_index(items, Angled, i);
    guint at = m->nodes->len;
    if (kb_i_map_draw_node(m, a->node, FALSE, LABEL_WIDTH) == NULL)
      continue;
    kb_i_map_march(m, at, a->angle, MAX(r_min, kb_i_map_reach_towards(m, a->angle, 0.3)), 0.8 * m->font);
  }
  return dropped;
}

/* ------------------------------------------------------------ klaverblad */

static gboolean
klaverblad_tie(const KbDataset *ds, const KbRelation *r)
{
  /* not where places lie, nor that the organisations are in the home
   * city: the whole klaverblad is */
  return r->kind != KB_REL_WORKS_ON && r->kind != KB_REL_PART_OF
         && !(r->kind == KB_REL_LOCATED_IN
              && (kb_node_kind_is_place(kb_dataset_node(ds, r->from)->kind)
                  || r->to == kb_dataset_home(ds)));
}

static void
draw_klaverblad(Map *m, size_t cap, const size_t *degree)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  size_t hub = kb_dataset_hub(ds), home = kb_dataset_home(ds);
  g_autofree gboolean *home_place = kb_dataset_home_places(ds);
  double f = m->font;

  double centre_h = 0;
  if (hub != KB_NO_NODE) {
    MapNode *h = kb_i_map_draw_node(m, hub, TRUE, 0);
    kb_i_map_place(h, 0, 0, TRUE);
    centre_h = h->h;
  }
  if (home != KB_NO_NODE) {
    /* the home city, when it has ties of its own: twinnings, memberships */
    for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
      const KbRelation *r = kb_dataset_relation(ds, i);
      if ((r->from == home || r->to == home) && r->kind != KB_REL_LOCATED_IN
          && r->kind != KB_REL_PART_OF) {
        MapNode *h = kb_i_map_draw_node(m, home, FALSE, LABEL_WIDTH);
        kb_i_map_place(h, 0, -centre_h / 2 - h->h / 2 - f, FALSE);
        break;
      }
    }
  }

  g_autoptr(GArray) petals = sector_petals(m, NULL);
  g_autofree double *angle_of = g_new0(double, n);
  double r_in = 2 * f;
  layout_petals(m, petals, cap, r_in, angle_of, degree);
  /* when every petal shows all its members, every place and network is
   * drawn too; else as many as a petal shows, and a third of that of the
   * cities of each country */
  size_t biggest = 0;
  for (guint i = 0; i < petals->len; i++)
    biggest = MAX(biggest, g_array_index(petals, Petal, i).members->len);
  size_t place_cap = cap >= biggest ? SIZE_MAX : cap;

  /* the other networks near the centre, in the direction of their members;
   * the places abroad on a ring outside the petals, each country in the
   * direction of the organisations active there, its cities beyond it */
  g_autofree double *sx = g_new0(double, n), *sy = g_new0(double, n);
  g_autofree size_t *weight = g_new0(size_t, n);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (kb_dataset_node(ds, r->from)->kind != KB_NODE_ORGANISATION)
      continue;
    double ax = cos(angle_of[r->from]), ay = sin(angle_of[r->from]);
    if (r->kind == KB_REL_MEMBER_OF && r->to != hub) {
      weight[r->to]++;
      sx[r->to] += ax;
      sy[r->to] += ay;
    } else if ((r->kind == KB_REL_ACTIVE_IN || r->kind == KB_REL_LOCATED_IN)
               && !home_place[r->to]) {
      weight[r->to]++;
      sx[r->to] += ax;
      sy[r->to] += ay;
      g_autofree size_t *up = NULL;
      size_t k = kb_dataset_enclosing_places(ds, r->to, &up);
      for (size_t j = 0; j < k; j++)
        if (kb_dataset_node(ds, up[j])->kind == KB_NODE_COUNTRY && !home_place[up[j]]) {
          weight[up[j]]++;
          sx[up[j]] += ax;
          sy[up[j]] += ay;
        }
    }
  }
  g_autoptr(GArray) nets = g_array_new(FALSE, FALSE, sizeof(Angled));
  g_autoptr(GArray) countries = g_array_new(FALSE, FALSE, sizeof(Angled));
  g_autoptr(GArray) loose = g_array_new(FALSE, FALSE, sizeof(Angled));
  g_autofree size_t *country_of = g_new(size_t, n + 1);   /* a place's country abroad */
  for (size_t i = 0; i <= n; i++)
    country_of[i] = KB_NO_NODE;
  for (size_t i = 0; i < n; i++) {
    if (weight[i] == 0 || m->drawn[i])
      continue;
    Angled a = { i, mean_angle(sx[i], sy[i], TAU / 4), weight[i] };
    KbNodeKind k = kb_dataset_node(ds, i)->kind;
    if (k == KB_NODE_NETWORK)
      g_array_append_val(nets, a);
    else if (k == KB_NODE_COUNTRY)
      g_array_append_val(countries, a);
    else if (kb_node_kind_is_place(k)) {
      /* a city or region: drawn beyond its country, or on its own when
       * its country is not in the data */
      g_autofree size_t *up = NULL;
      size_t k2 = kb_dataset_enclosing_places(ds, i, &up);
      for (size_t j = 0; j < k2 && country_of[i] == KB_NO_NODE; j++)
        if (kb_dataset_node(ds, up[j])->kind == KB_NODE_COUNTRY && !home_place[up[j]])
          country_of[i] = up[j];
      if (country_of[i] == KB_NO_NODE)
        g_array_append_val(loose, a);
    }
  }
  keep_heaviest(ds, nets, place_cap);
  for (guint i = 0; i < nets->len; i++) {
    const Angled *a = &g_array_index(nets, Angled, i);
    guint at = m->nodes->len;
    if (kb_i_map_draw_node(m, a->node, FALSE, LABEL_WIDTH) == NULL)
      continue;
    kb_i_map_march(m, at, a->angle, centre_h + 4 * f, 0.6 * f);
  }
  keep_heaviest(ds, countries, MAX(place_cap, 4));
  size_t city_cap = cap >= biggest ? SIZE_MAX : cap / 3;
  for (guint i = 0; i < countries->len; i++) {
    const Angled *a = &g_array_index(countries, Angled, i);
    guint at = m->nodes->len;
    if (kb_i_map_draw_node(m, a->node, FALSE, LABEL_WIDTH) == NULL)
      continue;
    double r = kb_i_map_march(m, at, a->angle, centre_h, f) + 2 * f;
    g_autoptr(GArray) cities = g_array_new(FALSE, FALSE, sizeof(Angled));
    for (size_t c = 0; c < n; c++)
      if (weight[c] > 0 && !m->drawn[c] && country_of[c] == a->node) {
        Angled ac = { c, a->angle, weight[c] };
        g_array_append_val(cities, ac);
      }
    keep_heaviest(ds, cities, city_cap);
    for (guint j = 0; j < cities->len; j++) {
      guint pat = m->nodes->len;
      kb_i_map_draw_node(m, g_array_index(cities, Angled, j).node, FALSE, LABEL_WIDTH);
      kb_i_map_march(m, pat, a->angle, r, 0.5 * f);
    }
  }
  /* places whose country is not in the data */
  ring(m, loose, place_cap, r_in);
  /* a city or region left out stands in its country, when that is drawn */
  for (size_t c = 0; c < n; c++)
    if (weight[c] > 0 && !m->drawn[c] && country_of[c] != KB_NO_NODE && m->drawn[country_of[c]])
      m->rep[c] = m->rep[country_of[c]];
  /* what is left out */
  for (size_t i = 0; i < n; i++)
    if (weight[i] > 0 && !m->drawn[i]) {
      if (kb_node_kind_is_place(kb_dataset_node(ds, i)->kind))
        m->hidden_places++;
      else if (kb_dataset_node(ds, i)->kind != KB_NODE_ORGANISATION)
        m->hidden_others++;
    }
  kb_i_map_compact(m, 0.5 * f);
  kb_i_map_draw_ties(m, klaverblad_tie);
}

/* The klaverblad with the strongest synergy pairs as dashed ties. */
static void
draw_synergy(Map *m, size_t cap, const size_t *degree, const KbSynergy *suggested)
{
  draw_klaverblad(m, cap, degree);
  const KbDataset *ds = m->ds;
  GString *style = g_string_new(NULL);
  kb_i_map_put_attr(style, "style", "dashed");
  kb_i_map_put_attr(style, "color", "#C00000");
  kb_i_map_put_attr(style, "penwidth", "2.2");
  g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; suggested != NULL && i < suggested->n_pairs; i++) {
    const KbSynergyPair *p = &suggested->pairs[i];
    const char *a = m->rep[p->a], *b = m->rep[p->b];
    if (a == NULL || b == NULL || a == b || !g_hash_table_add(seen, g_strdup_printf("%s\t%s", a, b)))
      continue;
    kb_i_map_legend_add(m, "t-synergy", kb_i_map_tr(m, "synergy opportunity"), KB_REL_KIND_COUNT, TRUE, style->str);
    char score[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(score, sizeof score, "%.2f", p->score);
    g_autofree char *tip = g_strdup_printf("synergy %s: %s and %s", score,
                                           kb_dataset_node(ds, p->a)->label,
                                           kb_dataset_node(ds, p->b)->label);
    kb_i_map_edge_start(m, a, b);
    kb_i_map_put_attr(m->edges, "class", "t-synergy");
    kb_i_map_put_attr(m->edges, "tooltip", tip);
    g_string_append(m->edges, style->str);
    g_string_append_c(m->edges, '\n');
  }
  g_string_free(style, TRUE);
}

/* -------------------------------------------------------- other views */

static gboolean
any_tie(const KbDataset *ds, const KbRelation *r)
{
  (void) ds;
  (void) r;
  return TRUE;
}

static gboolean
place_tie(const KbDataset *ds, const KbRelation *r)
{
  (void) ds;
  return r->kind != KB_REL_MEMBER_OF && r->kind != KB_REL_WORKS_ON;
}

/* The focus in the centre, the organisations of 'in' in petals by sector
 * around it, and the other nodes of 'in' in petals by kind. */
static void
draw_around(Map *m, size_t focus, const gboolean *in, size_t cap, const size_t *degree,
            gboolean (*wanted)(const KbDataset *, const KbRelation *))
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  MapNode *c = kb_i_map_draw_node(m, focus, TRUE, 0);
  kb_i_map_place(c, 0, 0, TRUE);
  GArray *petals = sector_petals(m, in);
  static const KbNodeKind kinds[] = { KB_NODE_NETWORK, KB_NODE_COUNTRY, KB_NODE_CITY,
                                      KB_NODE_THEME, KB_NODE_SECTOR };
  for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++)
    for (size_t i = 0; i < n; i++) {
      KbNodeKind kind = kb_dataset_node(ds, i)->kind;
      if (i == focus || !in[i] || kind == KB_NODE_ORGANISATION
          || (kind == KB_NODE_REGION ? KB_NODE_CITY : kind) != kinds[k])
        continue;
      g_autofree char *cls = kb_i_map_node_class(ds, i);
      g_autofree char *head = g_strdup_printf("kind:%s", cls + 2);
      const char *title = kinds[k] == KB_NODE_NETWORK ? kb_i_map_tr(m, "networks")
                          : kinds[k] == KB_NODE_COUNTRY ? kb_i_map_tr(m, "countries")
                          : kinds[k] == KB_NODE_CITY ? kb_i_map_tr(m, "cities and regions")
                          : kinds[k] == KB_NODE_THEME ? kb_i_map_tr(m, "themes") : kb_tr(m->lang, "sector");
      petal_add(petals, head, title, "#777777", cls, i);
    }
  g_autofree double *angle_of = g_new0(double, n);
  layout_petals(m, petals, cap, c->h / 2 + 4 * m->font, angle_of, degree);
  g_array_unref(petals);
  kb_i_map_compact(m, 0.5 * m->font);
  kb_i_map_draw_ties(m, wanted);
}

static void
draw_ego(Map *m, size_t focus, unsigned depth, size_t cap, const size_t *degree)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  size_t *dist = g_new(size_t, n);
  for (size_t i = 0; i < n; i++)
    dist[i] = SIZE_MAX;
  dist[focus] = 0;
  for (unsigned d = 0; d < depth; d++)
    for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
      const KbRelation *r = kb_dataset_relation(ds, i);
      if (dist[r->from] == d && dist[r->to] == SIZE_MAX)
        dist[r->to] = d + 1;
      else if (dist[r->to] == d && dist[r->from] == SIZE_MAX)
        dist[r->from] = d + 1;
    }
  g_autofree gboolean *in = g_new0(gboolean, n);
  for (size_t i = 0; i < n; i++)
    in[i] = dist[i] != SIZE_MAX;
  g_free(dist);
  draw_around(m, focus, in, cap, degree, any_tie);
}

static void
draw_place(Map *m, size_t place, size_t cap, const size_t *degree)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  g_autofree gboolean *in = g_new0(gboolean, n);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if ((r->kind != KB_REL_ACTIVE_IN && r->kind != KB_REL_LOCATED_IN)
        || kb_dataset_node(ds, r->from)->kind != KB_NODE_ORGANISATION)
      continue;
    gboolean there = r->to == place;
    g_autofree size_t *up = NULL;
    size_t k = kb_dataset_enclosing_places(ds, r->to, &up);
    for (size_t j = 0; j < k; j++)
      there |= up[j] == place;
    if (there) {
      in[r->from] = TRUE;
      in[r->to] = TRUE;
    }
  }
  draw_around(m, place, in, cap, degree, place_tie);
}

static void
draw_sectors(Map *m)
{
  const KbDataset *ds = m->ds;
  size_t n = kb_dataset_node_count(ds);
  size_t *members = g_new0(size_t, n);
  for (size_t i = 0; i < n; i++) {
    size_t s = kb_dataset_node(ds, i)->sector;
    if (kb_dataset_node(ds, i)->kind == KB_NODE_ORGANISATION && s != KB_NO_NODE)
      members[s]++;
  }
  g_autoptr(GArray) sectors = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t s = 0; s < n; s++)
    if (members[s] > 0)
      g_array_append_val(sectors, s);
  g_array_sort_with_data(sectors, compare_sectors, (gpointer) ds);
  size_t most = 1;
  for (guint k = 0; k < sectors->len; k++)
    most = MAX(most, members[g_array_index(sectors, size_t, k)]);
  /* circles on a ring, each as large as its label needs and growing with
   * the sector's size */
  double f = m->font + 1, ring_r = 0;
  for (guint k = 0; k < sectors->len; k++) {
    size_t s = g_array_index(sectors, size_t, k);
    const char *c = kb_map_sector_colour(ds, s);
    g_autofree char *fill = kb_i_map_tint(c, 0.6);
    g_autofree char *name = kb_i_map_wrap(kb_dataset_node(ds, s)->label, 16);
    g_autofree char *label = g_strdup_printf("%s\n%zu", name, members[s]);
    g_autofree char *cls = g_strdup_printf("k-sector-%s", kb_dataset_node(ds, s)->id);
    kb_i_map_legend_node(m, cls, KB_NODE_SECTOR, s);
    MapNode *node = kb_i_map_add_node(m, kb_dataset_node(ds, s)->id, label, f, "shape", "circle",
                             "style", "filled", "color", c, "fillcolor", fill, "class", cls, NULL);
    /* a circle around the label's box, larger for more members */
    double d = hypot(node->w, node->h) * (1 + 0.4 * sqrt((double) members[s] / (double) most));
    node->w = node->h = d;
    ring_r += d + 2 * f;
  }
  /* the circumference holds the circles side by side */
  double R = sectors->len > 1 ? ring_r / TAU : 0;
  for (guint k = 0; k < sectors->len; k++) {
    double theta = TAU / 4 - TAU * (double) k / (double) MAX(sectors->len, 1);
    kb_i_map_place(&g_array_index(m->nodes, MapNode, k), R * cos(theta), R * sin(theta), FALSE);
  }
  kb_i_map_compact(m, f);
  /* cross-sector ties: direct partnerships and funding between organisations */
  GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if ((r->kind != KB_REL_PARTNER_OF && r->kind != KB_REL_FUNDS)
        || kb_dataset_node(ds, r->from)->kind != KB_NODE_ORGANISATION
        || kb_dataset_node(ds, r->to)->kind != KB_NODE_ORGANISATION)
      continue;
    size_t a = kb_dataset_node(ds, r->from)->sector, b = kb_dataset_node(ds, r->to)->sector;
    if (a == KB_NO_NODE || b == KB_NO_NODE || a == b)
      continue;
    const char *x = kb_dataset_node(ds, a)->id, *y = kb_dataset_node(ds, b)->id;
    char *key = strcmp(x, y) < 0 ? g_strdup_printf("%s\t%s", x, y) : g_strdup_printf("%s\t%s", y, x);
    size_t old = GPOINTER_TO_SIZE(g_hash_table_lookup(count, key));
    g_hash_table_insert(count, key, GSIZE_TO_POINTER(old + 1));   /* frees key if present */
  }
  GList *ks = g_list_sort(g_hash_table_get_keys(count), (GCompareFunc) strcmp);
  size_t most_ties = 1;
  for (GList *l = ks; l; l = l->next)
    most_ties = MAX(most_ties, GPOINTER_TO_SIZE(g_hash_table_lookup(count, l->data)));
  if (ks != NULL) {
    GString *style = g_string_new(NULL);
    kb_i_map_put_attr(style, "color", "#555555");
    kb_i_map_put_attr(style, "penwidth", "2");
    kb_i_map_legend_add(m, "t-cross", kb_i_map_tr(m, "ties between their organisations"), 0, TRUE, style->str);
    g_string_free(style, TRUE);
  }
  for (GList *l = ks; l; l = l->next) {
    size_t c = GPOINTER_TO_SIZE(g_hash_table_lookup(count, l->data));
    g_auto(GStrv) ab = g_strsplit(l->data, "\t", 2);
    char pen[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(pen, sizeof pen, "%.1f", 1.0 + 7.0 * (double) c / (double) most_ties);
    g_autofree char *label = g_strdup_printf("%zu", c);
    kb_i_map_edge_start(m, ab[0], ab[1]);
    kb_i_map_put_attr(m->edges, "penwidth", pen);
    kb_i_map_put_attr(m->edges, "color", "#555555");
    kb_i_map_put_attr(m->edges, "class", "t-cross");
    kb_i_map_tie_label(m, ab[0], ab[1], label);
    g_string_append_c(m->edges, '\n');
  }
  g_list_free(ks);
  g_hash_table_unref(count);
  g_free(members);
}

/* Draws the view with petals of at most 'cap' boxes. */
void
kb_i_map_draw_view(Map *m, const KbMapOptions *opts, size_t cap, const size_t *degree,
          const KbSynergy *suggested)
{
  switch (opts->view) {
  case KB_VIEW_KLAVERBLAD:
    draw_klaverblad(m, cap, degree);
    break;
  case KB_VIEW_SYNERGY:
    draw_synergy(m, cap, degree, suggested);
    break;
  case KB_VIEW_EGO:
    draw_ego(m, opts->focus, opts->depth, cap, degree);
    break;
  case KB_VIEW_PLACE:
    draw_place(m, opts->focus, cap, degree);
    break;
  case KB_VIEW_SECTORS:
    draw_sectors(m);
    break;
  }
  kb_i_map_resolve_blocks(m);
}
