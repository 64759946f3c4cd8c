/* closure.h -- what a node reaches through a graph held as CSR arrays
 * (library-internal): the places enclosing a place, the networks a network
 * is part of. */
#ifndef KB_BASE_CLOSURE_H
#define KB_BASE_CLOSURE_H

#include <glib.h>

/* The nodes reachable from 'start' along the arcs offsets/targets (node i's
 * arcs are targets[offsets[i] .. offsets[i + 1])), breadth first so that
 * the nearest come first, each once, 'start' left out. Returns how many;
 * *out is a new array, or NULL when there are none. Chains are short (city,
 * region, country), so a linear search of what was found beats a hash set. */
size_t kb_i_closure(const size_t *offsets, const size_t *targets, size_t start, size_t **out);

#endif
