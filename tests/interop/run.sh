#!/bin/sh
# Exports each bundled dataset and has NetworkX (Debian's python3-networkx,
# and python3-pydot for DOT, under /usr/bin/python3) read the files back.
#   run.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ds in deventer zwolle; do
  mkdir -p "$out/$ds"
  for f in graphml gexf json dot; do
    "$build/klaverblad" export "$src/datasets/$ds" --format $f --with brokers,communities \
      -o "$out/$ds/dataset.$f"
  done
  /usr/bin/python3 "$src/tests/interop/check.py" "$src/datasets/$ds" "$out/$ds"
done
