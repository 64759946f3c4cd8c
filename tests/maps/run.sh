#!/bin/sh
# The maps, end to end: every view of both bundled datasets in all four
# formats; byte-identical SVG on a second run; the PNG of the klaverblad a
# real picture; labels with quotes, angle brackets, ampersands and
# non-ASCII letters intact; the maps in graphs/ equal to a fresh render.
#   run.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
kb="$build/klaverblad"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
say() { echo "$*"; }
bad() { echo "FAIL: $*"; fail=1; }

magic() {   # FILE FORMAT: does the file start as that format does?
  case $2 in
    svg) head -c 400 "$1" | grep -q "<svg" ;;
    png) [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = "211PNG" ] ;;
    pdf) [ "$(head -c 5 "$1")" = "%PDF-" ] ;;
    dot) head -c 200 "$1" | grep -q "graph" ;;
  esac
}

. "$src/tests/maps/views.sh"
every_format() {   # DATASET VIEW [--focus ID]
  ds=$1 view=$2
  shift 2
  for fmt in svg png pdf dot; do
    f="$out/$ds-$view.$fmt"
    if ! "$kb" render "$src/datasets/$ds" --view $view "$@" --format $fmt -o "$f"; then
      bad "$ds $view $fmt: render failed"
    elif [ ! -s "$f" ] || ! magic "$f" $fmt; then
      bad "$ds $view $fmt: not a $fmt file"
    fi
  done
  "$kb" render "$src/datasets/$ds" --view $view "$@" -o "$out/again.svg"
  cmp -s "$out/$ds-$view.svg" "$out/again.svg" || bad "$ds $view: SVG differs between runs"
}
for_each_view every_format
say "rendered 2 datasets x 5 views x 4 formats"

# the A4 map at 300 dpi: 1890 x 2598 pixels, mostly white paper
"$build/png_check" "$out/deventer-klaverblad.png" 1890 2598 1 || bad "the klaverblad PNG is too small or blank"

# labels that need escaping come out intact
xss="$src/tests/browser/xss"
for fmt in svg dot; do
  "$kb" render "$xss" --format $fmt -o "$out/xss.$fmt" || bad "xss $fmt"
done
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$out/xss.svg" || bad "svg: <script> label not escaped"
grep -q 'Café &quot;De Hoek&quot; &lt;b&gt;bold&lt;/b&gt;' "$out/xss.svg" || bad "svg: quotes and <b> not intact"
grep -q 'Malmö &amp; Lund' "$out/xss.svg" || bad "svg: Malmö & Lund not intact"
grep -q 'Göteborg' "$out/xss.svg" || bad "svg: Göteborg not intact"
grep -qF '<script>alert(1)</script>' "$out/xss.dot" || bad "dot: label not intact"
grep -qF 'Café \"De Hoek\" <b>bold</b>' "$out/xss.dot" || bad "dot: quotes not intact"
grep -qF 'Malmö & Lund' "$out/xss.dot" || bad "dot: Malmö & Lund not intact"
if command -v pdftotext >/dev/null 2>&1; then
  "$kb" render "$xss" --format pdf -o "$out/xss.pdf"
  pdftotext "$out/xss.pdf" "$out/xss.txt"
  for label in '<script>alert(1)</script>' 'Malmö & Lund' 'Göteborg'; do
    grep -qF "$label" "$out/xss.txt" || bad "pdf: '$label' not intact"
  done
fi

# the maps the README shows are what the engine draws now (graphs/regenerate)
for year in 2015 2021; do
  "$kb" render "$src/datasets/deventer" --as-of $year -o "$out/deventer-$year.svg"
  cmp -s "$out/deventer-$year.svg" "$src/graphs/deventer-klaverblad-$year.svg" \
    || bad "graphs/deventer-klaverblad-$year.svg differs from a fresh render (run graphs/regenerate)"
done
"$kb" render "$src/datasets/deventer" --as-of 2021 --size poster -o "$out/poster.svg"
cmp -s "$out/poster.svg" "$src/graphs/deventer-klaverblad-2021-poster.svg" \
  || bad "graphs/deventer-klaverblad-2021-poster.svg differs from a fresh render (run graphs/regenerate)"
[ $fail -eq 0 ] && say "maps: all checks passed"
exit $fail
