/* region.c -- a regional network: the members of the hub, the network
 * beneath it, its centralization with and without the centre municipality,
 * the members that hang on one consultation, and how it grew by year.
 *
 * Invariants:
 *   1. The member network's vertices are the hub's members in id order
 *      (vertex i = members[i]); the hub itself is never a vertex, and its
 *      memberships make no tie.
 *   2. A tie is listed once, as (i, j) with i < j, however many networks
 *      or direct relations make it: the network is simple.
 *   3. Without the centre, the vertices are the same members less the
 *      centre's, still in id order. */
#include <math.h>
#include <string.h>

#include "analysis/analysis_internal.h"

/* ------------------------------------------------------------- members */

static gboolean
counts(const KbRelation *r)
{
  return r->status != KB_STATUS_PLANNED;
}

/* The hub's members in id order (*n of them), and pos[node] their place
 * (KB_NO_NODE for other nodes); both newly allocated. */
static size_t *
hub_members(const KbDataset *ds, size_t hub, size_t *n, size_t **pos)
{
  size_t nodes = kb_dataset_node_count(ds);
  gboolean *in = g_new0(gboolean, nodes + 1);
  GArray *m = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind == KB_REL_MEMBER_OF && r->to == hub && r->from != hub && counts(r)
        && !in[r->from]) {
      in[r->from] = TRUE;
      g_array_append_val(m, r->from);
    }
  }
  g_free(in);
  kb_i_sort_by_id(ds, (size_t *) m->data, m->len);
  *n = m->len;
  *pos = g_new(size_t, nodes + 1);
  for (size_t i = 0; i <= nodes; i++)
    (*pos)[i] = KB_NO_NODE;
  for (guint i = 0; i < m->len; i++)
    (*pos)[g_array_index(m, size_t, i)] = i;
  return (size_t *) g_array_free(m, FALSE);
}

/* ------------------------------------------------------- member network */

static gint
compare_u64(gconstpointer x, gconstpointer y)
{
  guint64 a = *(const guint64 *) x, b = *(const guint64 *) y;
  return a < b ? -1 : a > b;
}

/* The ties of the member network among the members with keep[i] set, as
 * sorted, distinct keys i << 32 | j, i < j (invariants 1, 2); NULL when
 * the networks would make more than KB_ORGNET_MAX_TIES pairs. */
static GArray *
member_ties(const KbDataset *ds, size_t hub, const size_t *pos, const gboolean *keep)
{
  GArray *ties = g_array_new(FALSE, FALSE, sizeof(guint64));
  /* the members of each network beside the hub, as network << 32 | member */
  GArray *memb = g_array_new(FALSE, FALSE, sizeof(guint64));
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (!counts(r))
      continue;
    size_t a = pos[r->from], b = pos[r->to];
    if (r->kind == KB_REL_MEMBER_OF && r->to != hub && a != KB_NO_NODE && keep[a]) {
      guint64 k = ((guint64) r->to << 32) | a;
      g_array_append_val(memb, k);
    } else if ((r->kind == KB_REL_PARTNER_OF || r->kind == KB_REL_FUNDS) && a != KB_NO_NODE
               && b != KB_NO_NODE && a != b && keep[a] && keep[b]) {
      guint64 k = ((guint64) MIN(a, b) << 32) | MAX(a, b);
      g_array_append_val(ties, k);
    }
  }
  g_array_sort(memb, compare_u64);
  guint64 *m = (guint64 *) memb->data;
  /* the pairs the networks make, before they are listed */
  double pairs = 0;
  for (guint s = 0; s < memb->len;) {
    guint e = s;
    while (e < memb->len && m[e] >> 32 == m[s] >> 32)
      e++;
    pairs += (double) (e - s) * (double) (e - s - 1) / 2;
    s = e;
  }
  if (pairs > KB_ORGNET_MAX_TIES) {
    g_array_unref(memb);
    g_array_unref(ties);
    return NULL;
  }
  for (guint s = 0; s < memb->len;) {
    guint e = s;
    while (e < memb->len && m[e] >> 32 == m[s] >> 32)
      e++;
    for (guint x = s; x < e; x++)
      for (guint y = x + 1; y < e; y++) {
        guint64 a = m[x] & 0xFFFFFFFF, b = m[y] & 0xFFFFFFFF;
        if (a != b) {
          guint64 k = (MIN(a, b) << 32) | MAX(a, b);
          g_array_append_val(ties, k);
        }
      }
    s = e;
  }
  g_array_unref(memb);
  g_array_sort(ties, compare_u64);
  guint64 *t = (guint64 *) ties->data;
  guint n = 0;
  for (guint i = 0; i < ties->len; i++)
    if (n == 0 || t[i] != t[n - 1])
      t[n++] = t[i];
  g_array_set_size(ties, n);
  return ties;
}

/* Freeman's degree and betweenness centralization of the member network
 * among the members with keep[i] set, normalised by igraph's theoretical
 * maxima for a graph of that many vertices without loops (as the index's
 * are); NaN under 3 vertices or above KB_REGION_MAX_MEMBERS. Sets *ties. */
static igraph_error_t
centralization(const KbDataset *ds, size_t hub, const size_t *pos, size_t n_members,
               const gboolean *keep, size_t *n_ties, double *degree, double *betweenness,
               size_t **each_degree, double **each_betweenness)
{
  *degree = *betweenness = NAN;
  *n_ties = 0;
  size_t n = 0;
  for (size_t i = 0; i < n_members; i++)
    n += keep[i];
  if (n > KB_REGION_MAX_MEMBERS)
    return IGRAPH_SUCCESS;
  GArray *ties = member_ties(ds, hub, pos, keep);
  if (ties == NULL)
    return IGRAPH_SUCCESS;
  *n_ties = ties->len;
  if (n < 3) {
    g_array_unref(ties);
    return IGRAPH_SUCCESS;
  }
  /* vertices renumbered over the kept members, in id order (invariant 3) */
  size_t *vertex = g_new(size_t, n_members + 1);
  for (size_t i = 0, v = 0; i < n_members; i++)
    vertex[i] = keep[i] ? v++ : KB_NO_NODE;
  igraph_vector_int_t edges;
  igraph_t g;
  igraph_vector_t scores;
  igraph_real_t tmax;
  igraph_error_t rc = igraph_vector_int_init(&edges, 2 * (igraph_integer_t) ties->len);
  if (rc != IGRAPH_SUCCESS) {
    g_free(vertex);
    g_array_unref(ties);
    return rc;
  }
  IGRAPH_FINALLY(igraph_vector_int_destroy, &edges);
  for (guint i = 0; i < ties->len; i++) {
    guint64 k = g_array_index(ties, guint64, i);
    VECTOR(edges)[2 * i] = (igraph_integer_t) vertex[k >> 32];
    VECTOR(edges)[2 * i + 1] = (igraph_integer_t) vertex[k & 0xFFFFFFFF];
  }
  g_free(vertex);
  g_array_unref(ties);
  IGRAPH_CHECK(igraph_create(&g, &edges, (igraph_integer_t) n, IGRAPH_UNDIRECTED));
  IGRAPH_FINALLY(igraph_destroy, &g);
  IGRAPH_VECTOR_INIT_FINALLY(&scores, 0);
  IGRAPH_CHECK(igraph_centralization_degree(&g, &scores, IGRAPH_ALL, IGRAPH_NO_LOOPS, degree,
                                            &tmax, TRUE));
  if (each_degree != NULL) {
    *each_degree = g_new(size_t, n);
    for (size_t i = 0; i < n; i++)
      (*each_degree)[i] = (size_t) VECTOR(scores)[i];
  }
  IGRAPH_CHECK(igraph_centralization_betweenness(&g, &scores, IGRAPH_UNDIRECTED, betweenness,
                                                 &tmax, TRUE));
  if (each_betweenness != NULL) {
    double most = (double) (n - 1) * (double) (n - 2) / 2;
    *each_betweenness = g_new(double, n);
    for (size_t i = 0; i < n; i++)
      (*each_betweenness)[i] = VECTOR(scores)[i] / most;
  }
  igraph_vector_destroy(&scores);
  igraph_destroy(&g);
  igraph_vector_int_destroy(&edges);
  IGRAPH_FINALLY_CLEAN(3);
  return IGRAPH_SUCCESS;
}

/* ------------------------------------------------------------ loose */

/* The members that hang on one network beside the hub, or on the hub
 * alone: their networks (member_of, partner_of) and their direct ties
 * (partner_of, funds to anything but a network) counted per member. */
static void
loose_members(const KbDataset *ds, size_t hub, const size_t *members, size_t n,
              const size_t *pos, KbRegion *rg)
{
  size_t *body = g_new(size_t, n + 1);     /* the one network, or KB_NO_NODE */
  guint8 *ties = g_new0(guint8, n + 1);    /* 0, 1, 2 = two or more */
  for (size_t i = 0; i < n; i++)
    body[i] = KB_NO_NODE;
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (!counts(r) || r->from == r->to)
      continue;
    gboolean membership = r->kind == KB_REL_MEMBER_OF;
    gboolean direct = r->kind == KB_REL_PARTNER_OF || r->kind == KB_REL_FUNDS;
    if (!membership && !direct)
      continue;
    for (int end = 0; end < 2; end++) {
      size_t self = end == 0 ? r->from : r->to, other = end == 0 ? r->to : r->from;
      size_t p = pos[self];
      if (p == KB_NO_NODE || other == hub || (membership && end == 1))
        continue;
      if (kb_dataset_node(ds, other)->kind == KB_NODE_NETWORK) {
        if (ties[p] == 0) {
          body[p] = other;
          ties[p] = 1;
        } else if (body[p] != other) {
          ties[p] = 2;
        }
      } else {
        ties[p] = 2;   /* a direct tie to an organisation or place */
      }
    }
  }
  GArray *loose = g_array_new(FALSE, FALSE, sizeof(KbRegionLoose));
  for (size_t i = 0; i < n; i++) {
    if (ties[i] == 2)
      continue;
    KbRegionLoose l = { .member = members[i], .body = ties[i] == 1 ? body[i] : KB_NO_NODE };
    g_array_append_val(loose, l);
  }
  g_free(body);
  g_free(ties);
  rg->n_loose = loose->len;
  rg->loose = (KbRegionLoose *) g_array_free(loose, FALSE);
}

/* ------------------------------------------------------------ compute */

/* Whether member 'm' is the centre municipality: the home city (or a
 * place inside it), or a government organisation located there. */
static gboolean
is_centre(const KbDataset *ds, const gboolean *area, const guint8 *locality, size_t m)
{
  if (area[m])
    return TRUE;
  size_t sector = kb_dataset_node(ds, m)->sector;
  return locality[m] == KB_LOCALITY_HOME && sector != KB_NO_NODE
         && kb_sector_role(kb_dataset_node(ds, sector)) == KB_SECTOR_ROLE_GOVERNMENT;
}

KbRegion *
kb_region_compute(const KbDataset *ds, GError **error)
{
  g_return_val_if_fail(ds != NULL, NULL);
  KbRegion *rg = g_new0(KbRegion, 1);
  rg->hub = kb_dataset_hub(ds);
  rg->degree_centralization = rg->betweenness_centralization = NAN;
  rg->degree_centralization_without = rg->betweenness_centralization_without = NAN;
  if (rg->hub == KB_NO_NODE)
    return rg;
  size_t n;
  g_autofree size_t *pos = NULL;
  rg->members = hub_members(ds, rg->hub, &n, &pos);
  rg->n_members = n;
  /* the centre municipality: the home city itself (or a place inside it),
   * or a government organisation located there */
  g_autofree gboolean *area = kb_dataset_home_area(ds);
  g_autofree guint8 *locality = kb_dataset_localities(ds);
  g_autofree gboolean *keep = g_new(gboolean, n + 1);
  GArray *centre = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < n; i++) {
    size_t m = rg->members[i];
    gboolean own = is_centre(ds, area, locality, m);
    keep[i] = TRUE;
    if (own)
      g_array_append_val(centre, m);
  }
  rg->n_centre = centre->len;
  rg->centre = (size_t *) g_array_free(centre, FALSE);
  size_t ties_without;
  igraph_error_t rc = centralization(ds, rg->hub, pos, n, keep, &rg->ties,
                                     &rg->degree_centralization,
                                     &rg->betweenness_centralization, &rg->degree,
                                     &rg->betweenness);
  if (rc == IGRAPH_SUCCESS && rg->n_centre > 0) {
    for (size_t i = 0; i < n; i++)
      keep[i] = !is_centre(ds, area, locality, rg->members[i]);
    rc = centralization(ds, rg->hub, pos, n, keep, &ties_without,
                        &rg->degree_centralization_without,
                        &rg->betweenness_centralization_without, NULL, NULL);
  }
  if (rc != IGRAPH_SUCCESS) {
    kb_region_free(rg);
    kb_i_igraph_fail(rc, "computing the member network's centralization", error);
    return NULL;
  }
  loose_members(ds, rg->hub, rg->members, n, pos, rg);
  return rg;
}

void
kb_region_free(KbRegion *rg)
{
  if (rg == NULL)
    return;
  g_free(rg->members);
  g_free(rg->centre);
  g_free(rg->degree);
  g_free(rg->betweenness);
  g_free(rg->loose);
  g_free(rg);
}

/* -------------------------------------------------------------- growth */

typedef struct {
  int year;
  KbDateQualifier q;
  size_t member;
} Joined;

/* Earlier first: by year, the undated last; then exact before qualified. */
static int
compare_when(int ya, KbDateQualifier qa, int yb, KbDateQualifier qb)
{
  if (ya != yb) {
    if (ya == KB_NO_YEAR || yb == KB_NO_YEAR)
      return ya == KB_NO_YEAR ? 1 : -1;
    return ya < yb ? -1 : 1;
  }
  return qa < qb ? -1 : qa > qb;
}

static gint
compare_joined(gconstpointer x, gconstpointer y, gpointer ds)
{
  const Joined *a = x, *b = y;
  int c = compare_when(a->year, a->q, b->year, b->q);
  return c != 0 ? c : kb_i_compare_ids(ds, a->member, b->member);
}

KbRegionYear *
kb_region_growth(const KbDataset *ds, size_t *n)
{
  g_return_val_if_fail(ds != NULL && n != NULL, NULL);
  *n = 0;
  size_t hub = kb_dataset_hub(ds);
  if (hub == KB_NO_NODE)
    return NULL;
  /* each member at its earliest membership */
  size_t nodes = kb_dataset_node_count(ds);
  Joined *first = g_new(Joined, nodes + 1);
  gboolean *seen = g_new0(gboolean, nodes + 1);
  for (size_t i = 0; i < kb_dataset_relation_count(ds); i++) {
    const KbRelation *r = kb_dataset_relation(ds, i);
    if (r->kind != KB_REL_MEMBER_OF || r->to != hub || r->from == hub || !counts(r))
      continue;
    Joined j = { r->since, r->since == KB_NO_YEAR ? KB_DATE_EXACT : r->since_q, r->from };
    if (!seen[r->from] || compare_when(j.year, j.q, first[r->from].year, first[r->from].q) < 0)
      first[r->from] = j;
    seen[r->from] = TRUE;
  }
  GArray *all = g_array_new(FALSE, FALSE, sizeof(Joined));
  for (size_t i = 0; i < nodes; i++)
    if (seen[i])
      g_array_append_val(all, first[i]);
  g_free(first);
  g_free(seen);
  g_array_sort_with_data(all, compare_joined, (gpointer) ds);
  GArray *years = g_array_new(FALSE, FALSE, sizeof(KbRegionYear));
  for (guint s = 0; s < all->len;) {
    const Joined *js = &g_array_index(all, Joined, s);
    guint e = s;
    while (e < all->len && g_array_index(all, Joined, e).year == js->year
           && g_array_index(all, Joined, e).q == js->q)
      e++;
    KbRegionYear y = { .year = js->year, .qualifier = js->q, .n = e - s,
                       .members = g_new(size_t, e - s) };
    for (guint k = s; k < e; k++)
      y.members[k - s] = g_array_index(all, Joined, k).member;
    g_array_append_val(years, y);
    s = e;
  }
  g_array_unref(all);
  *n = years->len;
  if (years->len == 0) {
    g_array_unref(years);
    return NULL;
  }
  return (KbRegionYear *) g_array_free(years, FALSE);
}

void
kb_region_growth_free(KbRegionYear *years, size_t n)
{
  for (size_t i = 0; i < n; i++)
    g_free(years[i].members);
  g_free(years);
}
