/* generate.c -- synthetic datasets with the shape of real city networks.
 *
 * Deterministic: one GRand from the seed, drawn in a fixed order; the
 * files are streamed, so 10^6 organisations need little memory. The folder
 * is written whole, as a report is (base/folder.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/folder.h"
#include "klaverblad/error.h"
#include "klaverblad/file.h"
#include "klaverblad/generate.h"

#define N_COUNTRIES 200
#define N_CITIES 5000
#define N_GOALS 17

static const struct {
  const char *id;
  const char *label;
  double share;
} sectors[] = {
  { "ngo", "NGO's en maatschappelijke organisaties", 0.35 },
  { "business", "Bedrijfsleven", 0.25 },
  { "education", "Onderwijs", 0.15 },
  { "culture", "Cultuur", 0.12 },
  { "government", "Overheid", 0.08 },
  { "sport", "Sport", 0.05 },
};

/* A table to draw index i with probability proportional to w[i]. */
typedef struct {
  double *cumulative;
  size_t n;
} Draw;

static Draw
draw_new(const double *w, size_t n)
{
  Draw d = { g_new(double, n), n };
  double sum = 0;
  for (size_t i = 0; i < n; i++)
    d.cumulative[i] = (sum += w[i]);
  for (size_t i = 0; i < n; i++)
    d.cumulative[i] /= sum;
  return d;
}

static size_t
draw(const Draw *d, GRand *rng)
{
  double u = g_rand_double(rng);
  size_t lo = 0, hi = d->n - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->cumulative[mid] < u)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Zipf weights 1/(i+1)^s. */
static double *
zipf(size_t n, double s)
{
  double *w = g_new(double, n);
  for (size_t i = 0; i < n; i++)
    w[i] = 1.0 / pow((double) (i + 1), s);
  return w;
}

gboolean
kb_generate(size_t orgs, guint32 seed, const char *dir, KbProgressFunc progress,
            gpointer user_data, GError **error)
{
  g_return_val_if_fail(dir != NULL, FALSE);
  KbFolder folder;
  if (!kb_i_folder_begin(&folder, dir, KB_FOLDER_DATASET, NULL, error))
    return FALSE;
  static const char *const names[] = { "nodes.csv", "relations.csv", "dataset.csv" };
  FILE *out[G_N_ELEMENTS(names)] = { NULL };
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
    if ((out[i] = kb_i_folder_open(&folder, names[i], error)) == NULL) {
      for (size_t j = 0; j < i; j++)
        fclose(out[j]);
      kb_i_folder_release(&folder);
      return FALSE;
    }
  }
  FILE *nodes = out[0], *rels = out[1], *meta = out[2];
  GRand *rng = g_rand_new_with_seed(seed);
  size_t n_networks = MAX((size_t) 20, orgs / 500);

  fprintf(meta, "key,value\ntitle,Synthetic network of %zu organisations (seed %u)\n", orgs,
          seed);
  fprintf(nodes, "id,kind,label,sector,country,source\n");
  fprintf(rels, "from,to,kind,since,weight,source\n");
  const char *src = "klaverblad generate";
  for (size_t s = 0; s < G_N_ELEMENTS(sectors); s++)
    fprintf(nodes, "%s,sector,%s,,,%s\n", sectors[s].id, sectors[s].label, src);
  for (size_t c = 0; c < N_COUNTRIES; c++)
    fprintf(nodes, "country-%zu,country,Country %zu,,,%s\n", c, c, src);
  /* cities: their country drawn Zipf-like, so big countries have many */
  double *cw = zipf(N_COUNTRIES, 1.0);
  Draw country_of_city = draw_new(cw, N_COUNTRIES);
  size_t *city_country = g_new(size_t, N_CITIES);
  for (size_t c = 0; c < N_CITIES; c++) {
    city_country[c] = draw(&country_of_city, rng);
    fprintf(nodes, "city-%zu,city,City %zu,,country-%zu,%s\n", c, c, city_country[c], src);
  }
  for (size_t g = 1; g <= N_GOALS; g++)
    fprintf(nodes, "sdg-%zu,theme,Global Goal %zu,,,%s\n", g, g, src);
  for (size_t k = 0; k < n_networks; k++)
    fprintf(nodes, "network-%zu,network,Network %zu,,,%s\n", k, k, src);

  double sw[G_N_ELEMENTS(sectors)];
  for (size_t s = 0; s < G_N_ELEMENTS(sectors); s++)
    sw[s] = sectors[s].share;
  Draw sector = draw_new(sw, G_N_ELEMENTS(sectors));
  /* places: a city drawn with weight that makes the largest country hold
   * about 16% of all activity */
  double *pw = zipf(N_CITIES, 0.9);
  Draw city = draw_new(pw, N_CITIES);
  double *gw = zipf(N_GOALS, 0.8);
  Draw goal = draw_new(gw, N_GOALS);
  double *nw = zipf(n_networks, 1.0);
  Draw network = draw_new(nw, n_networks);
  /* places per organisation, 1 to 8, mean about 2.3 */
  static const double per[] = { 0.42, 0.22, 0.14, 0.09, 0.06, 0.04, 0.02, 0.01 };
  Draw n_places = draw_new(per, G_N_ELEMENTS(per));

  for (size_t i = 0; i < orgs; i++) {
    size_t s = draw(&sector, rng);
    fprintf(nodes, "org-%zu,organisation,Organisation %zu,%s,,%s\n", i, i, sectors[s].id, src);
    size_t k = draw(&n_places, rng) + 1, seen[8];
    for (size_t j = 0; j < k; j++) {
      size_t c = draw(&city, rng);
      gboolean dup = FALSE;
      for (size_t x = 0; x < j; x++)
        dup |= seen[x] == c;
      seen[j] = c;
      if (!dup)
        fprintf(rels, "org-%zu,city-%zu,active_in,%d,,%s\n", i, c,
                2000 + (int) g_rand_int_range(rng, 0, 27), src);
    }
    size_t goals = (size_t) g_rand_int_range(rng, 1, 4), gseen[3];
    for (size_t j = 0; j < goals; j++) {
      size_t g = draw(&goal, rng);
      gboolean dup = FALSE;
      for (size_t x = 0; x < j; x++)
        dup |= gseen[x] == g;
      gseen[j] = g;
      if (!dup)
        fprintf(rels, "org-%zu,sdg-%zu,works_on,,,%s\n", i, g + 1, src);
    }
    size_t nets = (size_t) g_rand_int_range(rng, 0, 3), nseen[2];
    for (size_t j = 0; j < nets; j++) {
      size_t nk = draw(&network, rng);
      gboolean dup = j == 1 && nseen[0] == nk;
      nseen[j] = nk;
      if (!dup)
        fprintf(rels, "org-%zu,network-%zu,member_of,,,%s\n", i, nk, src);
    }
    if (i > 0 && g_rand_double(rng) < 0.3) {
      size_t p = (size_t) g_rand_int_range(rng, 0, (gint32) MIN(i, (size_t) G_MAXINT32));
      fprintf(rels, "org-%zu,org-%zu,partner_of,,%d,%s\n", i, p,
              1 + (int) g_rand_int_range(rng, 0, 3), src);
    }
    if (progress != NULL && (i % 10000 == 0 || i + 1 == orgs))
      progress(i + 1, orgs, user_data);
  }
  g_free(cw);
  g_free(pw);
  g_free(gw);
  g_free(nw);
  g_free(city_country);
  Draw all[] = { country_of_city, sector, city, goal, network, n_places };
  for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
    g_free(all[i].cumulative);
  g_rand_free(rng);
  gboolean ok = TRUE;
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
    ok = kb_i_folder_close(&folder, names[i], out[i], ok ? error : NULL) && ok;
  ok = ok && kb_i_folder_commit(&folder, error);
  kb_i_folder_release(&folder);
  return ok;
}
