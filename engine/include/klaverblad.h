/*
 * klaverblad.h -- the public interface of libklaverblad.
 *
 * klaverblad analyses networks of international relations: organisations of a
 * city's sectors, the places abroad where they are active, the networks they
 * belong to and the themes they work on.
 *
 * Conventions of the whole library, stated once:
 *
 *  - Names read prefix_noun_verb: kb_dataset_load(), kb_diag_list_add().
 *    Types are KbCamelCase, constants KB_UPPER_CASE.
 *
 *  - Ownership: no function takes ownership of its arguments. A function that
 *    returns a pointer to a newly allocated object ("Returns a new ...") hands
 *    it to the caller, who frees it with the matching kb_*_free() (or g_free()
 *    for plain strings and arrays). Everything else a function returns is
 *    borrowed from its first argument and lives as long as that object, unmodified.
 *
 *  - Errors: a function that can fail takes GError **error as its last
 *    parameter, returns FALSE or NULL on failure and sets the error in the
 *    KB_ERROR domain. Problems found in a user's data are not failures of the
 *    call: they are collected as diagnostics (see diag.h), each with file, line
 *    and column. Programming errors (a NULL where none is allowed) are caught
 *    by g_return_val_if_fail() and never reported as GError.
 *
 *  - Lifecycles follow git: x_init() (no allocation), x_release() (free the
 *    contents), x_clear() (release, then init), x_free() (contents and struct).
 *
 *  - Public headers include GLib and klaverblad's own headers only. igraph,
 *    cJSON and Graphviz stay inside the modules that use them. The shared
 *    library exports what these headers declare and nothing else.
 *
 *  - Threads: call the library from one thread at a time. igraph, as Debian
 *    builds it, keeps its error stack and random-number generator per
 *    process. An analysis never changes the dataset it reads (it takes it
 *    const); the threads the library starts itself touch no igraph state.
 */
#ifndef KLAVERBLAD_H
#define KLAVERBLAD_H

#include <klaverblad/version.h>
#include <klaverblad/error.h>
#include <klaverblad/diag.h>
#include <klaverblad/terminal.h>
#include <klaverblad/file.h>
#include <klaverblad/model.h>
#include <klaverblad/load.h>
#include <klaverblad/graph.h>
#include <klaverblad/check.h>
#include <klaverblad/analysis.h>
#include <klaverblad/output.h>
#include <klaverblad/lang.h>
#include <klaverblad/map.h>
#include <klaverblad/tables.h>
#include <klaverblad/report.h>
#include <klaverblad/explore.h>
#include <klaverblad/export.h>
#include <klaverblad/generate.h>
#include <klaverblad/starter.h>

#endif
