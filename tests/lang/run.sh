#!/bin/sh
# One language per document: writes the Deventer and Zwolle reports in Dutch
# and in English, and the analysis tables with --lang nl and --lang en, and
# fails on any word of the other language (tests/lang/check.py says how the
# words are found and what is allowed).
#   run.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
kb=$build/klaverblad
check="python3 $src/tests/lang/check.py $src/engine/tables/dutch.inc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for data in deventer zwolle; do
  for lang in nl en; do
    out=$work/$data-$lang
    "$kb" report --lang $lang "$src/datasets/$data" -o "$out" >"$out.txt" 2>/dev/null
    $check "$src/datasets/$data" $lang "$out" "$out.txt" || status=1
    # the tables the analysis commands print, in every text format
    for fmt in table md; do
      t=$work/$data-$lang-$fmt
      : >"$t.txt"
      "$kb" index --lang $lang --format $fmt "$src/datasets/$data" >>"$t.txt"
      "$kb" index --by sector --lang $lang --format $fmt "$src/datasets/$data" >>"$t.txt"
      "$kb" brokers --lang $lang --format $fmt "$src/datasets/$data" >>"$t.txt"
      "$kb" communities --lang $lang --format $fmt "$src/datasets/$data" >>"$t.txt"
      "$kb" synergy --lang $lang --format $fmt "$src/datasets/$data" >>"$t.txt"
      "$kb" diff --lang $lang --format $fmt --from 2016 --to 2021 "$src/datasets/$data" >>"$t.txt"
      "$kb" candidates --lang $lang --format $fmt "$src/datasets/$data" >>"$t.txt"
      $check "$src/datasets/$data" $lang "$t.txt" || status=1
    done
  done
done
"$kb" bridges --lang nl --from mkb-deventer --to uganda "$src/datasets/deventer" >"$work/bridges.txt"
"$kb" bridges --lang nl --newcomer ngo --to uganda "$src/datasets/deventer" \
  >>"$work/bridges.txt"
$check "$src/datasets/deventer" nl "$work/bridges.txt" || status=1
# the check's warnings as a report lists them, every one the loaders give
# on the test data (tests/cli/*/stdout lists them), in the report's language
for data in check-warnings/data check-sector-roles/data dated-check-warning/data \
            ../roundtrip/dated; do
  for lang in nl en; do
    out=$work/warnings-$lang
    rm -rf "$out"
    "$kb" report --lang $lang "$src/tests/cli/$data" -o "$out" >"$out.txt" 2>/dev/null \
      || { echo "FAIL: report of $data"; status=1; }
    grep -q 'class="diagnostics"' "$out/report.html" \
      || { echo "FAIL: $data: no warnings listed"; status=1; }
    $check "$src/tests/cli/$data" $lang "$out" "$out.txt" || status=1
  done
done
[ $status = 0 ] && echo "every report and table in one language"
exit $status
