/* error.c -- the KB_ERROR domain. */
#include "klaverblad/error.h"

G_DEFINE_QUARK(kb-error-quark, kb_error)
