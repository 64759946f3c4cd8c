#!/bin/sh
# Every export klaverblad can read reads back whole. For each source and
# each readable format F (csv, kumu, json, graphml, xlsx):
#   1. export the source to F, and read that back with `check`: the same
#      summary as the source's (facts, node and relation counts by kind,
#      years, sources, components, problems);
#   2. export that export to F again: byte for byte the first;
#   3. export it to csv: byte for byte the source's own csv export, so
#      that every format's read-back is the same data;
#   4. the same with --with brokers,communities: the second export, of
#      data that carries the measures already, is the first again (each
#      measure written once).
# The sources: the bundled datasets, an edge list, a GraphML file NetworkX
# wrote, a JSON file, a folder whose sectors and an organisation have a
# role, a Kumu map imported with a mapping, and awkward/, a
# dataset made to be hard to write: ids with commas, quotes, spaces,
# semicolons and non-ASCII letters (the home city's and a sector's among
# them), texts with < & >, line breaks (one CRLF), tabs and quotes, an
# organisation labelled with another's id (Kumu names elements by label
# too), attributes named with a space or as a relation's column (note),
# weights from 0.001 to 1234567.5, every fact, and questions whose ids and
# texts need quoting; and dated/, relations with every qualifier of a year
# and every status.
#   run.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
kb=$build/klaverblad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# the summary `check` prints, without its first line (the path and format)
summary() {
  "$kb" check "$1" > "$work/check.out" 2>&1
  echo "status $?"
  sed -n '/^Dataset /,$p' "$work/check.out" | sed 1d
}

same() {   # same WHAT A B: files or folders byte for byte
  if ! diff -r "$2" "$3" > "$work/diff.out" 2>&1; then
    echo "FAIL: $1"; head -20 "$work/diff.out"; fail=1
  fi
}

run() {    # run WHAT COMMAND...: a command that must succeed
  what=$1; shift
  if ! "$@" > "$work/run.out" 2>&1; then
    echo "FAIL: $what"; head -20 "$work/run.out"; fail=1
    return 1
  fi
}

run "Kumu import" "$kb" import --map "$src/tests/cli/import-kumu-mapped/map.csv" \
  "$src/tests/cli/import-kumu-unmapped/kumu" -o "$work/kumu-import"

n=0
for source in "$src/datasets/deventer" "$src/datasets/zwolle" \
              "$src/tests/cli/check-edgelist/edges.csv" \
              "$src/tests/interop/networkx-kite.graphml" \
              "$src/tests/cli/check-json/data.json" "$src/tests/cli/check-sector-roles/data" \
              "$work/kumu-import" "$src/tests/roundtrip/awkward" \
              "$src/tests/roundtrip/dated"; do
  n=$((n + 1))
  name=$(basename "$source")
  d=$work/$n
  mkdir -p "$d"
  summary "$source" > "$d/summary"
  run "$name: csv export" "$kb" export "$source" --format csv -o "$d/source.csv" || continue
  for f in csv kumu json graphml xlsx; do
    run "$name: $f export" "$kb" export "$source" --format $f -o "$d/1.$f" || continue
    summary "$d/1.$f" > "$d/summary.$f"
    same "$name: check of the $f export against check of the source" "$d/summary" \
         "$d/summary.$f"
    run "$name: the $f export read back and exported to $f" "$kb" export "$d/1.$f" --format $f \
        -o "$d/2.$f" \
      && same "$name: the $f export exported again" "$d/1.$f" "$d/2.$f"
    run "$name: the $f export read back and exported to csv" "$kb" export "$d/1.$f" \
        --format csv -o "$d/1.$f.csv" \
      && same "$name: the csv export of the $f export against the source's" "$d/source.csv" \
              "$d/1.$f.csv"
    run "$name: $f export with measures" "$kb" export "$source" --format $f \
        --with brokers,communities -o "$d/m1.$f" \
      && run "$name: $f export with measures of that" "$kb" export "$d/m1.$f" --format $f \
             --with brokers,communities -o "$d/m2.$f" \
      && same "$name: $f exported again with measures" "$d/m1.$f" "$d/m2.$f"
  done
done
[ $fail -eq 0 ] && echo "every export of $n sources read back in csv, kumu, json, graphml and xlsx"
exit $fail
