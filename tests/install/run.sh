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
for f in bin/klaverblad include/klaverblad.h include/klaverblad/model.h; do
  [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
pc=$(find "$prefix" -name klaverblad.pc)
[ -n "$pc" ] || { echo "not installed: klaverblad.pc"; exit 1; }
# Public headers: #include of <glib.h> and <klaverblad/...> only.
bad=$(grep -h '^#include' "$prefix"/include/klaverblad.h "$prefix"/include/klaverblad/*.h \
      | grep -v -e '<glib.h>' -e '<klaverblad/' || true)
if [ -n "$bad" ]; then echo "public headers include: $bad"; exit 1; fi
export PKG_CONFIG_PATH=$(dirname "$pc")
lib=$(dirname "$(dirname "$pc")")
cc -std=c11 -Wall -Werror $extra -o "$prefix/consumer" "$src/tests/install/consumer.c" \
   $(pkg-config --cflags --libs klaverblad) -Wl,-rpath,"$lib"
out=$("$prefix/consumer" "$src/tests/cli/check-ok/data")
echo "$out"
[ "$out" = "$(cat "$src/engine/../CMakeLists.txt" | sed -n 's/^project(klaverblad VERSION \([0-9.]*\).*/\1/p'): 11 nodes, 12 relations, 0 errors" ]
