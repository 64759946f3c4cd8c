/* closure.c -- breadth-first closure over CSR arrays. */
#include "base/closure.h"

size_t
kb_i_closure(const size_t *offsets, const size_t *targets, size_t start, size_t **out)
{
  GArray *found = g_array_new(FALSE, FALSE, sizeof(size_t));
  size_t current = start;
  for (size_t head = 0;; current = g_array_index(found, size_t, head++)) {
    for (size_t k = offsets[current]; k < offsets[current + 1]; k++) {
      size_t t = targets[k];
      gboolean seen = t == start;
      for (guint j = 0; j < found->len && !seen; j++)
        seen = g_array_index(found, size_t, j) == t;
      if (!seen)
        g_array_append_val(found, t);
    }
    if (head == found->len)
      break;
  }
  size_t n = found->len;
  *out = n > 0 ? (size_t *) g_array_free(found, FALSE) : (g_array_free(found, TRUE), NULL);
  return n;
}
