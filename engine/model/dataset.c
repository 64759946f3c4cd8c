/* dataset.c -- the read-only dataset: storage, look-ups, the year filter. */
#define _DEFAULT_SOURCE         /* madvise(), MADV_HUGEPAGE */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "model/model_internal.h"

/* ------------------------------------------------------------ lifecycle */

KbDataset *
kb_i_dataset_new(const char *name)
{
  KbDataset *ds = g_new0(KbDataset, 1);
  ds->name = g_strdup(name);
  ds->files = g_ptr_array_new_with_free_func(g_free);
  kb_i_arena_init(&ds->strings);
  ds->nodes = g_array_new(FALSE, TRUE, sizeof(KbNode));
  ds->relations = g_array_new(FALSE, TRUE, sizeof(KbRelation));
  ds->index = g_hash_table_new(g_str_hash, g_str_equal);
  ds->home = ds->hub = KB_NO_NODE;
  ds->policy_start = ds->year = ds->data_year = KB_NO_YEAR;
  ds->themes = g_array_new(FALSE, FALSE, sizeof(size_t));
  ds->capacity = ds->capacity_used = -1;
  ds->questions = g_array_new(FALSE, TRUE, sizeof(KbQuestion));
  return ds;
}

KbAttr *
kb_i_attrs_copy(KbDataset *ds, const KbAttr *attrs, size_t n)
{
  if (n == 0)
    return NULL;
  KbAttr *copy = kb_i_arena_alloc(&ds->strings, n * sizeof *copy, G_ALIGNOF(KbAttr));
  for (size_t i = 0; i < n; i++) {
    copy[i].key = kb_i_arena_strdup(&ds->strings, attrs[i].key);
    copy[i].value = kb_i_arena_strdup(&ds->strings, attrs[i].value);
  }
  return copy;
}

char **
kb_i_tags_copy(KbDataset *ds, char *const *tags)
{
  size_t n = g_strv_length((char **) tags);
  char **copy = kb_i_arena_alloc(&ds->strings, (n + 1) * sizeof *copy, G_ALIGNOF(char *));
  for (size_t i = 0; i < n; i++)
    copy[i] = kb_i_arena_strdup(&ds->strings, tags[i]);
  copy[n] = NULL;
  return copy;
}

void
kb_dataset_free(KbDataset *ds)
{
  if (ds == NULL)
    return;
  for (guint i = 0; i < ds->questions->len; i++) {
    KbQuestion *q = &g_array_index(ds->questions, KbQuestion, i);
    g_free(q->id);
    g_free(q->text);
    g_free(q->source);
  }
  g_array_unref(ds->questions);
  g_array_unref(ds->themes);
  g_free(ds->title);
  g_free(ds->language);
  g_hash_table_unref(ds->index);
  g_free(ds->up_offsets);
  g_free(ds->up_targets);
  g_array_unref(ds->nodes);
  g_array_unref(ds->relations);
  kb_i_arena_release(&ds->strings);
  g_ptr_array_unref(ds->files);
  g_free(ds->name);
  g_free(ds);
}

const char *
kb_i_dataset_intern_file(KbDataset *ds, const char *file)
{
  /* rows come file by file: the last one is nearly always the answer */
  if (ds->files->len > 0 && strcmp(g_ptr_array_index(ds->files, ds->files->len - 1), file) == 0)
    return g_ptr_array_index(ds->files, ds->files->len - 1);
  for (guint i = 0; i < ds->files->len; i++)
    if (strcmp(g_ptr_array_index(ds->files, i), file) == 0)
      return g_ptr_array_index(ds->files, i);
  g_ptr_array_add(ds->files, g_strdup(file));
  return g_ptr_array_index(ds->files, ds->files->len - 1);
}

/* Moves 'array' to a block with room for 'more' elements after those it
 * holds, which the kernel is asked to back with huge pages before it is
 * touched: the nodes and relations of 10^6 organisations take 600 MB, and on
 * a virtual machine a page fault for every 4 KB of them took a quarter of
 * the loading time (`check` on 10^6 organisations: 6.0 to 7.9 s, against
 * 4.7 to 5.3 s). Advice only: where it is not taken nothing changes. Past
 * the elements a GArray can count, the array is left to grow as GArray
 * grows. */
static void
reserve(GArray **array, size_t more)
{
  GArray *old = *array;
  guint size = g_array_get_element_size(old);
  if (more == 0 || more > G_MAXUINT - old->len)
    return;
  size_t want = old->len + more;
  GArray *grown = g_array_sized_new(FALSE, TRUE, size, (guint) want);
  const uintptr_t huge = (uintptr_t) 2 << 20;
  uintptr_t start = ((uintptr_t) grown->data + huge - 1) & ~(huge - 1);
  uintptr_t end = ((uintptr_t) grown->data + want * size) & ~(huge - 1);
  if (end > start)
    (void) madvise((void *) start, end - start, MADV_HUGEPAGE);
  g_array_append_vals(grown, old->data, old->len);
  g_array_unref(old);
  *array = grown;
}

void
kb_i_dataset_reserve(KbDataset *ds, size_t nodes, size_t relations)
{
  reserve(&ds->nodes, nodes);
  reserve(&ds->relations, relations);
}

size_t
kb_i_dataset_append_node(KbDataset *ds, const KbNode *node)
{
  g_array_append_val(ds->nodes, *node);
  /* Keyed by the id string, whose address does not move when the array
   * grows. */
  size_t i = ds->nodes->len - 1;
  g_hash_table_insert(ds->index, g_array_index(ds->nodes, KbNode, i).id,
                      GSIZE_TO_POINTER(i + 1));
  return i;
}

void
kb_i_dataset_append_relation(KbDataset *ds, const KbRelation *rel)
{
  g_array_append_val(ds->relations, *rel);
}

/* --------------------------------------------------------------- access */

const char *
kb_dataset_name(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, NULL);
  return ds->name;
}

size_t
kb_dataset_node_count(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, 0);
  return ds->nodes->len;
}

size_t
kb_dataset_relation_count(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, 0);
  return ds->relations->len;
}

const KbNode *
kb_dataset_node(const KbDataset *ds, size_t i)
{
  g_return_val_if_fail(ds != NULL && i < ds->nodes->len, NULL);
  return &g_array_index(ds->nodes, KbNode, i);
}

const KbRelation *
kb_dataset_relation(const KbDataset *ds, size_t i)
{
  g_return_val_if_fail(ds != NULL && i < ds->relations->len, NULL);
  return &g_array_index(ds->relations, KbRelation, i);
}

size_t
kb_dataset_find(const KbDataset *ds, const char *id)
{
  g_return_val_if_fail(ds != NULL && id != NULL, KB_NO_NODE);
  gpointer v = g_hash_table_lookup(ds->index, id);
  return v == NULL ? KB_NO_NODE : GPOINTER_TO_SIZE(v) - 1;
}

static const char *
attrs_lookup(const KbAttr *attrs, size_t n, const char *key)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp(attrs[i].key, key) == 0)
      return attrs[i].value;
  return NULL;
}

const char *
kb_node_attr(const KbNode *node, const char *key)
{
  g_return_val_if_fail(node != NULL && key != NULL, NULL);
  return attrs_lookup(node->attrs, node->n_attrs, key);
}

const char *
kb_relation_attr(const KbRelation *rel, const char *key)
{
  g_return_val_if_fail(rel != NULL && key != NULL, NULL);
  return attrs_lookup(rel->attrs, rel->n_attrs, key);
}

const char *
kb_dataset_title(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, NULL);
  return ds->title;
}

size_t
kb_dataset_home(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, KB_NO_NODE);
  return ds->home;
}

size_t
kb_dataset_hub(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, KB_NO_NODE);
  return ds->hub;
}

int
kb_dataset_policy_start(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, KB_NO_YEAR);
  return ds->policy_start;
}

int
kb_dataset_year(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, KB_NO_YEAR);
  return ds->data_year;
}

int
kb_dataset_stated_year(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, KB_NO_YEAR);
  return ds->year;
}

const char *
kb_dataset_language(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, NULL);
  return ds->language;
}

size_t
kb_dataset_themes(const KbDataset *ds, const size_t **out)
{
  g_return_val_if_fail(ds != NULL && out != NULL, 0);
  *out = (const size_t *) ds->themes->data;
  return ds->themes->len;
}

gboolean
kb_dataset_capacity(const KbDataset *ds, double *capacity, double *used)
{
  g_return_val_if_fail(ds != NULL && capacity != NULL && used != NULL, FALSE);
  *capacity = ds->capacity;
  *used = ds->capacity_used;
  return ds->capacity >= 0;
}

guint
kb_dataset_out_of_scope(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, 0);
  return ds->out_of_scope;
}

size_t
kb_dataset_question_count(const KbDataset *ds)
{
  g_return_val_if_fail(ds != NULL, 0);
  return ds->questions->len;
}

const KbQuestion *
kb_dataset_question(const KbDataset *ds, size_t i)
{
  g_return_val_if_fail(ds != NULL && i < ds->questions->len, NULL);
  return &g_array_index(ds->questions, KbQuestion, i);
}

/* -------------------------------------------------------------- as-of */

void
kb_year_view_init(KbYearView *view, const KbDataset *ds)
{
  g_return_if_fail(view != NULL && ds != NULL);
  *view = (KbYearView) { .year = kb_dataset_year(ds) };
}

/* Whether the view keeps 'r', counted in 'c'. */
static gboolean
view_keeps(const KbDataset *ds, const KbYearView *view, const KbRelation *r, KbYearCounts *c)
{
  if (r->status == KB_STATUS_PLANNED) {
    /* a plan, taken in as if it held from now on until its end */
    gboolean keep = view->with_planned
                    && (view->year == KB_NO_YEAR || r->until == KB_NO_YEAR
                        || r->until_q == KB_DATE_OR_LATER || view->year <= r->until);
    c->kept_planned += keep;
    c->planned += !keep;
    return keep;
  }
  switch (kb_relation_holds(r, view->year, ds->data_year)) {
  case KB_HOLDS_YES:
    c->kept_undated += r->since == KB_NO_YEAR && view->year != KB_NO_YEAR
                       && !kb_relation_is_geography(r);
    return TRUE;
  case KB_HOLDS_UNKNOWN:
    c->kept_unsure += view->with_unsure;
    c->unsure += !view->with_unsure;
    return view->with_unsure;
  case KB_HOLDS_NO:
    break;
  }
  c->outside++;
  return FALSE;
}

typedef struct {
  const KbDataset *ds;
  const KbYearView *view;
  KbYearCounts tally;
} ViewFilter;

static gboolean
view_filter(const KbRelation *r, gpointer data)
{
  ViewFilter *f = data;
  gboolean keep = view_keeps(f->ds, f->view, r, &f->tally);
  f->tally.kept += keep;
  return keep;
}

KbDataset *
kb_dataset_view(const KbDataset *ds, const KbYearView *view, KbYearCounts *counts)
{
  g_return_val_if_fail(ds != NULL && view != NULL, NULL);
  ViewFilter f = { ds, view, { 0 } };
  KbDataset *out = kb_dataset_filter(ds, view_filter, &f);
  if (counts != NULL)
    *counts = f.tally;
  return out;
}

KbDataset *
kb_dataset_filter(const KbDataset *ds, KbRelationFilter keep, gpointer user_data)
{
  g_return_val_if_fail(ds != NULL && keep != NULL, NULL);
  KbDataset *out = kb_i_dataset_new(ds->name);
  for (guint i = 0; i < ds->files->len; i++)
    g_ptr_array_add(out->files, g_strdup(g_ptr_array_index(ds->files, i)));
  for (guint i = 0; i < ds->nodes->len; i++) {
    const KbNode *n = &g_array_index(ds->nodes, KbNode, i);
    KbNode c = *n;
    c.id = kb_i_arena_strdup(&out->strings, n->id);
    c.label = n->label == n->id ? c.id : kb_i_arena_strdup(&out->strings, n->label);
    c.description = kb_i_arena_strdup(&out->strings, n->description);
    c.website = kb_i_arena_strdup(&out->strings, n->website);
    c.source = kb_i_arena_strdup(&out->strings, n->source);
    c.tags = kb_i_tags_copy(out, n->tags);
    c.attrs = kb_i_attrs_copy(out, n->attrs, n->n_attrs);
    c.origin.file = kb_i_dataset_intern_file(out, n->origin.file);
    kb_i_dataset_append_node(out, &c);
  }
  for (guint i = 0; i < ds->relations->len; i++) {
    const KbRelation *r = &g_array_index(ds->relations, KbRelation, i);
    if (!keep(r, user_data))
      continue;
    KbRelation c = *r;
    c.label = kb_i_arena_strdup(&out->strings, r->label);
    c.source = kb_i_arena_strdup(&out->strings, r->source);
    c.note = kb_i_arena_strdup(&out->strings, r->note);
    c.attrs = kb_i_attrs_copy(out, r->attrs, r->n_attrs);
    c.origin.file = kb_i_dataset_intern_file(out, r->origin.file);
    kb_i_dataset_append_relation(out, &c);
  }
  out->title = g_strdup(ds->title);
  out->home = ds->home;
  out->hub = ds->hub;
  out->policy_start = ds->policy_start;
  out->year = ds->year;
  out->language = g_strdup(ds->language);
  g_array_append_vals(out->themes, ds->themes->data, ds->themes->len);
  out->capacity = ds->capacity;
  out->capacity_used = ds->capacity_used;
  out->out_of_scope = ds->out_of_scope;
  for (guint i = 0; i < ds->questions->len; i++) {
    KbQuestion q = g_array_index(ds->questions, KbQuestion, i);
    q.id = g_strdup(q.id);
    q.text = g_strdup(q.text);
    q.source = g_strdup(q.source);
    q.origin.file = kb_i_dataset_intern_file(out, q.origin.file);
    g_array_append_val(out->questions, q);
  }
  kb_i_dataset_seal(out);
  out->data_year = ds->data_year;    /* what the data describes, whatever is kept */
  return out;
}

KbDataset *
kb_dataset_as_of(const KbDataset *ds, int year)
{
  KbYearView view = { .year = year };
  return kb_dataset_view(ds, &view, NULL);
}
