/* tables_internal.h -- what the table builders share. */
#ifndef KB_TABLES_INTERNAL_H
#define KB_TABLES_INTERNAL_H

#include "klaverblad/check.h"
#include "klaverblad/tables.h"

#endif
