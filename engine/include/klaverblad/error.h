/* error.h -- the error domain of libklaverblad. */
#ifndef KLAVERBLAD_ERROR_H
#define KLAVERBLAD_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define KB_ERROR (kb_error_quark())

/* Problems in a user's data are never a GError: they are diagnostics
 * (diag.h), and the call that found them succeeds. The codes keep their
 * numbers; 2 is not used. */
typedef enum {
  KB_ERROR_IO = 0,        /* a file could not be read or written */
  KB_ERROR_FORMAT = 1,    /* input is not in a format klaverblad reads */
  KB_ERROR_ARGUMENT = 3,  /* a caller-supplied value is out of range */
  KB_ERROR_INTERNAL = 4,  /* a library underneath failed (igraph, cJSON) */
  KB_ERROR_MEMORY = 5,    /* an input too large for the memory available */
  KB_ERROR_LIMIT = 6,     /* the data is too large for what was asked (see the message) */
  KB_ERROR_STOPPED = 7    /* the caller's callback asked to stop */
} KbErrorCode;

/* The quark of the KB_ERROR domain, in which every GError of the library
 * is set. */
GQuark kb_error_quark(void);

/* Installs klaverblad's handlers for igraph's errors and warnings in place of
 * igraph's default, which aborts the process. Call once at start-up, before
 * any analysis; kb_dataset_load() and the analyses call it too, so embedding
 * programs need not. Safe to call more than once. */
void kb_init(void);

G_END_DECLS

#endif
