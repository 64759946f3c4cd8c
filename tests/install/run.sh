#!/bin/sh
# Installs the build into a scratch prefix, checks that the public headers
# include no third-party header but GLib's, and builds and runs a program
# against the installed library through pkg-config.
#   run.sh BUILD_DIR SOURCE_DIR EXTRA_CFLAGS
set -eu
build=$1 src=$2 extra=${3:-}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/klaverblad include/klaverblad.h include/klaverblad/model.h \
         include/klaverblad/lang.h; do
  [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
pc=$(find "$prefix" -name klaverblad.pc)
[ -n "$pc" ] || { echo "not installed: klaverblad.pc"; exit 1; }
# Public headers: #include of <glib.h> and <klaverblad/...> only.
bad=$(grep -h '^#include' "$prefix"/include/klaverblad.h "$prefix"/include/klaverblad/*.h \
      | grep -v -e '<glib.h>' -e '<klaverblad/' || true)
if [ -n "$bad" ]; then echo "public headers include: $bad"; exit 1; fi
# Nor do they name, outside comments, an internal (kb_i_) or a type or
# function of the libraries underneath: igraph, cJSON, libxlsxwriter,
# minizip, expat, Graphviz.
named=$(for h in "$prefix"/include/klaverblad.h "$prefix"/include/klaverblad/*.h; do
          cc -fpreprocessed -dD -E -P "$h"
        done | grep -o -E '\b(kb_i_|igraph_|cJSON|lxw_|unz[A-Z]|zip[A-Z]|XML_|Ag[a-z]*_t\b|GVC_t\b|gv[A-Z])[A-Za-z0-9_]*' \
        | sort -u | tr '\n' ' ' || true)
if [ -n "$named" ]; then echo "public headers name: $named"; exit 1; fi
export PKG_CONFIG_PATH=$(dirname "$pc")
lib=$(dirname "$(dirname "$pc")")
# Each public header compiles on its own: it includes what its declarations
# name (a KbLang from lang.h, say), whatever the order of a program's includes.
for h in "$prefix"/include/klaverblad/*.h; do
  printf '#include <klaverblad/%s>\n' "$(basename "$h")" \
    | cc -std=c11 -Wall -Werror $extra -fsyntax-only -x c - $(pkg-config --cflags klaverblad) \
    || { echo "not self-contained: $(basename "$h")"; exit 1; }
done
cc -std=c11 -Wall -Werror $extra -o "$prefix/consumer" "$src/tests/install/consumer.c" \
   $(pkg-config --cflags --libs klaverblad) -Wl,-rpath,"$lib"
out=$("$prefix/consumer" "$src/tests/cli/check-ok/data")
echo "$out"
want="$(sed -n 's/^project(klaverblad VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt"): 11 nodes, 12 relations, 0 errors"
[ "$out" = "$want" ]
# The shared library exports its public API alone: no kb_i_ internal.
so=$(find "$prefix" -name 'libklaverblad.so.*' -type f | head -1)
if [ -n "$so" ]; then
  leaked=$(nm -D --defined-only "$so" | awk '{ print $3 }' | grep -v '^kb_' | grep -v '^KLAVERBLAD_' || true)
  internal=$(nm -D --defined-only "$so" | awk '{ print $3 }' | grep '^kb_i_' || true)
  if [ -n "$leaked$internal" ]; then echo "exported beyond the public API: $leaked $internal"; exit 1; fi
  echo "exported: $(nm -D --defined-only "$so" | grep -c ' kb_') kb_ functions, no kb_i_"
fi
# A static link needs what Requires.private and Libs.private name: the same
# objects, as the static archive the unit tests use, linked whole (every
# object, not only those the program calls) with those alone.
# (Those packages' own shared libraries: Debian's igraph.pc asks for static
# libraries of glpk, arpack and plfit that Debian does not ship.)
archive="$build/engine/libklaverblad_internal.a"
if [ -e "$archive" ]; then
  private=$(pkg-config --print-requires-private klaverblad | tr '\n' ' ')
  private_libs=$(sed -n 's/^Libs.private: //p' "$pc")
  cc -std=c11 -Wall -Werror $extra -o "$prefix/consumer-static" "$src/tests/install/consumer.c" \
     $(pkg-config --cflags klaverblad) -Wl,--whole-archive "$archive" -Wl,--no-whole-archive \
     $(pkg-config --libs $(pkg-config --print-requires klaverblad) $private) $private_libs
  [ "$("$prefix/consumer-static" "$src/tests/cli/check-ok/data")" = "$want" ]
  echo "static link with Requires.private ($private) and Libs.private ($private_libs): ok"
fi
