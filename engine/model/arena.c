/* arena.c -- the dataset's strings and small arrays, in a few large blocks.
 *
 * A dataset of 10^6 organisations holds tens of millions of short strings;
 * allocated one by one they cost a malloc header each, and as long again to
 * free. The arena hands out pieces of large blocks and frees the blocks. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/model_internal.h"

struct KbArenaBlock {
  KbArenaBlock *next;
  size_t size;                /* bytes in data */
  max_align_t data[];
};

/* Blocks start small, for the many small datasets, and grow to this. */
#define MIN_BLOCK ((size_t) 4096)
#define MAX_BLOCK ((size_t) 1 << 20)

void
kb_i_arena_init(KbArena *arena)
{
  memset(arena, 0, sizeof *arena);
}

void
kb_i_arena_release(KbArena *arena)
{
  for (KbArenaBlock *b = arena->blocks, *next; b != NULL; b = next) {
    next = b->next;
    g_free(b);
  }
  kb_i_arena_init(arena);
}

/* Adds a block of at least 'size' bytes. One larger than the blocks the
 * arena grows goes behind the current block, which stays in use. */
static char *
arena_grow(KbArena *arena, size_t size)
{
  size_t want = arena->blocks == NULL ? MIN_BLOCK : MIN(arena->blocks->size * 2, MAX_BLOCK);
  if (size > want / 4) {
    KbArenaBlock *b = g_malloc(sizeof *b + size);
    b->size = size;
    if (arena->blocks == NULL) {
      b->next = NULL;
      arena->blocks = b;
      arena->next = arena->end = (char *) b->data + size;
    } else {
      b->next = arena->blocks->next;
      arena->blocks->next = b;
    }
    return (char *) b->data;
  }
  KbArenaBlock *b = g_malloc(sizeof *b + want);
  b->size = want;
  b->next = arena->blocks;
  arena->blocks = b;
  arena->next = (char *) b->data + size;
  arena->end = (char *) b->data + want;
  return (char *) b->data;
}

void *
kb_i_arena_alloc(KbArena *arena, size_t size, size_t align)
{
  g_return_val_if_fail(align > 0 && (align & (align - 1)) == 0
                       && align <= sizeof(max_align_t), NULL);
  uintptr_t at = ((uintptr_t) arena->next + align - 1) & ~(uintptr_t) (align - 1);
  if (arena->next != NULL && at <= (uintptr_t) arena->end
      && size <= (size_t) ((uintptr_t) arena->end - at)) {
    arena->next = (char *) at + size;
    return (char *) at;
  }
  /* a new block's data is aligned for anything */
  return arena_grow(arena, size);
}

char *
kb_i_arena_strndup(KbArena *arena, const char *s, size_t len)
{
  char *copy = kb_i_arena_alloc(arena, len + 1, 1);
  memcpy(copy, s, len);
  copy[len] = '\0';
  return copy;
}

char *
kb_i_arena_strdup(KbArena *arena, const char *s)
{
  return s == NULL ? NULL : kb_i_arena_strndup(arena, s, strlen(s));
}
