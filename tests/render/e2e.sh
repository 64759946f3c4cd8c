#!/bin/sh
# End-to-end tests of klaverblad-render that look inside what it writes.
#
#   e2e.sh RENDER TEST [GRAPHVIZ_PLUGIN_DIR]
#
# RENDER is the klaverblad-render program, TEST one of the names in the case
# statement at the end; GRAPHVIZ_PLUGIN_DIR (where Graphviz's config6a and
# plugins are) is needed by no-cairo and plugin-missing only. Prints "ok" and
# exits 0 when the test passes, says why and exits 1 when it fails.
# (Exact messages and exit statuses are golden cases under cases/, run by
# run-case.sh.)
set -u
bin=$1
test=$2
plugins=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
maps=$here/maps
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL

fail() {
  echo "FAIL: $*"
  exit 1
}

# render MAP ARGS...: renders MAP (from standard input) and fails the test
# unless the program exits 0 and prints nothing.
render() {
  map=$1
  shift
  "$bin" "$@" < "$map" > "$tmp/stdout" 2> "$tmp/stderr"
  status=$?
  [ $status -eq 0 ] || { cat "$tmp/stderr"; fail "exit status $status for $*"; }
  [ -s "$tmp/stderr" ] && { cat "$tmp/stderr"; fail "unexpected messages for $*"; }
  [ -s "$tmp/stdout" ] && { cat "$tmp/stdout"; fail "unexpected output for $*"; }
  return 0
}

# check_svg FILE: a well-formed SVG document.
check_svg() {
  head -c 5 "$1" | grep -q '^<?xml' || fail "$1 does not start with <?xml"
  grep -q '<svg ' "$1" || fail "$1 has no <svg> element"
  [ "$(tail -n 1 "$1")" = "</svg>" ] || fail "$1 does not end with </svg>"
  if command -v xmllint > /dev/null 2>&1; then
    xmllint --noout --nonet "$1" || fail "$1 is not well-formed XML"
  fi
}

# count FILE TEXT: how many lines of FILE hold TEXT.
count() {
  grep -c -F -- "$2" "$1"
}

# node_center SVG ID: "cx cy" of the ellipse of node ID.
node_center() {
  awk -v id="$2" '
    $0 == "<title>" id "</title>" { want = 1; next }
    want && /<ellipse / {
      match($0, / cx="[^"]*"/); cx = substr($0, RSTART + 5, RLENGTH - 6)
      match($0, / cy="[^"]*"/); cy = substr($0, RSTART + 5, RLENGTH - 6)
      print cx, cy
      exit
    }' "$1"
}

# near A B: |A - B| < 0.01
near() {
  awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 0.01) }'
}

# check_pinned SVG ID X Y [DX DY]: node ID is drawn at (X, Y) inches (in
# SVG coordinates: 72 X, -72 Y), shifted by (DX, DY) points.
check_pinned() {
  c=$(node_center "$1" "$2")
  [ -n "$c" ] || fail "no ellipse for node $2 in $1"
  set -- "$@" 0 0
  cx=${c% *}
  cy=${c#* }
  want_x=$(awk -v v="$3" -v d="$5" 'BEGIN { printf "%.4f", 72 * v + d }')
  want_y=$(awk -v v="$4" -v d="$6" 'BEGIN { printf "%.4f", -72 * v + d }')
  near "$cx" "$want_x" && near "$cy" "$want_y" ||
    fail "node $2 is at ($cx, $cy) in $1, expected ($want_x, $want_y)"
}

# same_twice FORMAT MAP ARGS...: two runs, a second apart, write the same bytes.
same_twice() {
  format=$1
  map=$2
  shift 2
  render "$map" --format "$format" -o "$tmp/one.$format" "$@"
  sleep 1
  render "$map" --format "$format" -o "$tmp/two.$format" "$@"
  [ -s "$tmp/one.$format" ] || fail "empty $format output"
  cmp "$tmp/one.$format" "$tmp/two.$format" || fail "$format output differs between runs ($*)"
}

# plugin_dir NAME PLUGINS...: a Graphviz plugin folder holding the whole
# configuration file but only the named plugin libraries.
plugin_dir() {
  [ -n "$plugins" ] && [ -f "$plugins/config6a" ] || fail "no Graphviz plugin folder given"
  dir=$tmp/$1
  shift
  mkdir -p "$dir"
  for p in "$@"; do
    ln -s "$plugins/libgvplugin_$p.so.6" "$dir/" || fail "no Graphviz plugin $p"
  done
}

case $test in
svg-clusters)
  # dot draws every cluster, nested ones too
  render "$maps/clusters.map" --format svg -o "$tmp/map.svg"
  check_svg "$tmp/map.svg"
  [ "$(count "$tmp/map.svg" 'class="cluster"')" = 3 ] || fail "expected 3 clusters drawn"
  for c in ro transilvania ug; do
    grep -q "<title>cluster_$c</title>" "$tmp/map.svg" || fail "cluster $c missing"
  done
  [ "$(count "$tmp/map.svg" 'class="node"')" = 6 ] || fail "expected 6 nodes"
  [ "$(count "$tmp/map.svg" 'class="edge"')" = 5 ] || fail "expected 5 edges"
  grep -q '>Cluj&#45;Napoca</text>' "$tmp/map.svg" || fail "label of cluj missing"
  grep -q 'xlink:href="https://example.org/kampala"' "$tmp/map.svg" || fail "URL missing"
  grep -q 'xlink:title="Twin town since 1998"' "$tmp/map.svg" || fail "tooltip missing"
  # the graph's label is not inherited by the clusters
  [ "$(count "$tmp/map.svg" '>Deventer abroad</text>')" = 1 ] || fail "graph label repeated"
  ;;
paper)
  # paper=: the picture is the paper (16 x 22 cm: 453.54 x 623.62 pt), the
  # PNG 300 dots an inch on it (1890 x 2598), the PDF's page in whole points
  printf 'klaverblad-render 1\ngraph paper=6.2992126,8.6614173 label=Title\nnode a x=0 y=0\nnode b x=2 y=0\nedge a b\nend\n' >"$tmp/paper.map"
  render "$tmp/paper.map" --format svg -o "$tmp/map.svg"
  grep -q 'width="454pt" height="624pt"' "$tmp/map.svg" || fail "SVG not the paper's size"
  grep -q 'viewBox="0.00 0.00 453.54 623.62"' "$tmp/map.svg" || fail "SVG viewBox not the paper"
  grep -q 'transform="scale(1 1) ' "$tmp/map.svg" || fail "a drawing that fits was scaled"
  render "$tmp/paper.map" --format png -o "$tmp/map.png"
  [ "$(od -An -tu1 -j16 -N8 "$tmp/map.png" | tr -s ' ')" = " 0 0 7 98 0 0 10 38" ] \
    || fail "PNG not 1890 x 2598 pixels"
  render "$tmp/paper.map" --format pdf -o "$tmp/map.pdf"
  grep -aq 'MediaBox \[ *0 0 454 624 *\]' "$tmp/map.pdf" || fail "PDF page not the paper's"
  # a drawing larger than the paper is scaled down to it, with a warning
  printf 'klaverblad-render 1\ngraph paper=2,2\nnode a x=0 y=0\nnode b x=8 y=0\nedge a b\nend\n' >"$tmp/big.map"
  "$bin" --input "$tmp/big.map" --format svg -o "$tmp/big.svg" 2>"$tmp/err" || fail "big: failed"
  grep -q 'width="144pt" height="144pt"' "$tmp/big.svg" || fail "large drawing not on the paper"
  grep -q 'warning: the drawing (8.75 x 0.50 inches) is larger than the paper; scaled to 23% of its size' "$tmp/err" \
    || fail "no warning about the scaling: $(cat "$tmp/err")"
  ;;
pinned-neato)
  render "$maps/pinned.map" --format svg -o "$tmp/map.svg"
  check_svg "$tmp/map.svg"
  check_pinned "$tmp/map.svg" deventer 0 0
  check_pinned "$tmp/map.svg" sibiu 4.5 -1.25
  check_pinned "$tmp/map.svg" cluj 4 0.5
  check_pinned "$tmp/map.svg" kampala -1.5 -3
  [ "$(count "$tmp/map.svg" 'class="cluster"')" = 1 ] || fail "cluster ro not drawn"
  # the DOT output carries the same positions, in points
  render "$maps/pinned.map" --format dot -o "$tmp/map.dot"
  grep -q 'pos="324,-90"' "$tmp/map.dot" || fail "sibiu not at 324,-90 in DOT"
  ;;
positions)
  # one line per node in input order, its centre in points: the pinned
  # nodes exactly where pinned.map puts them (inches times 72); the others
  # placed by neato, the same twice
  render "$maps/pinned.map" --format positions -o "$tmp/pos.txt"
  [ "$(sed -n 1p "$tmp/pos.txt")" = "klaverblad-render positions 1" ] || fail "first line"
  [ "$(wc -l < "$tmp/pos.txt")" -eq 7 ] || fail "not one line per node"
  [ "$(sed -n 2,5p "$tmp/pos.txt" | tr '\n' ';')" = "0.00 0.00;324.00 -90.00;288.00 36.00;-108.00 -216.00;" ] ||
    fail "pinned nodes not at their positions: $(cat "$tmp/pos.txt")"
  sed -n 6,7p "$tmp/pos.txt" | grep -Eqx -- '-?[0-9]+\.[0-9]{2} -?[0-9]+\.[0-9]{2}' ||
    fail "unpinned nodes without positions"
  render "$maps/pinned.map" --format positions -o "$tmp/again.txt"
  cmp -s "$tmp/pos.txt" "$tmp/again.txt" || fail "positions differ between runs"
  ;;
pinned-fdp)
  # fdp keeps pinned nodes where they are relative to each other, but
  # shifts the whole drawing
  sed 's/ cluster=ro//' "$maps/pinned.map" > "$tmp/fdp.map"
  render "$tmp/fdp.map" --format svg -o "$tmp/map.svg" --layout fdp
  check_svg "$tmp/map.svg"
  c=$(node_center "$tmp/map.svg" deventer)
  dx=${c% *}
  dy=${c#* }
  check_pinned "$tmp/map.svg" sibiu 4.5 -1.25 "$dx" "$dy"
  check_pinned "$tmp/map.svg" cluj 4 0.5 "$dx" "$dy"
  check_pinned "$tmp/map.svg" kampala -1.5 -3 "$dx" "$dy"
  ;;
pinned-moved)
  # ratio=2 stretches the drawing, pinned nodes too: said, not hidden
  sed 's/^graph /graph ratio=2 /' "$maps/pinned.map" > "$tmp/scale.map"
  "$bin" --format svg -o "$tmp/map.svg" < "$tmp/scale.map" 2> "$tmp/stderr"
  [ $? -eq 0 ] || fail "exit status not 0"
  grep -q "^klaverblad-render: <stdin>:6: warning: node 'sibiu' is pinned at (4.5, -1.25) but the neato layout moved it to (4.5, -4.495), and 2 other pinned nodes too; overlap removal and ratio= can move pinned nodes$" "$tmp/stderr" ||
    { cat "$tmp/stderr"; fail "no warning about the moved node"; }
  ;;
deterministic-svg)
  same_twice svg "$maps/clusters.map"
  same_twice svg "$maps/pinned.map"
  ;;
deterministic-dot)
  same_twice dot "$maps/clusters.map"
  same_twice dot "$maps/pinned.map"
  ;;
deterministic-pdf)
  same_twice pdf "$maps/clusters.map"
  head -c 5 "$tmp/one.pdf" | grep -q '^%PDF-' || fail "not a PDF"
  grep -a -q '/CreationDate (D:19700101000000Z)' "$tmp/one.pdf" || fail "creation date not fixed"
  # the same in another time zone; SOURCE_DATE_EPOCH sets the date
  TZ=Asia/Kolkata "$bin" --format pdf -o "$tmp/tz.pdf" < "$maps/clusters.map" || fail "TZ run"
  cmp "$tmp/one.pdf" "$tmp/tz.pdf" || fail "pdf differs in another time zone"
  SOURCE_DATE_EPOCH=1700000000 "$bin" --format pdf -o "$tmp/sde.pdf" < "$maps/clusters.map" ||
    fail "SOURCE_DATE_EPOCH run"
  grep -a -q '/CreationDate (D:20231114221320Z)' "$tmp/sde.pdf" ||
    fail "SOURCE_DATE_EPOCH not honoured"
  ;;
deterministic-png)
  same_twice png "$maps/clusters.map"
  head -c 4 "$tmp/one.png" | grep -q 'PNG' || fail "not a PNG"
  ;;
deterministic-layouts)
  sed 's/ layout=dot//' "$maps/clusters.map" > "$tmp/any.map"
  for layout in dot neato fdp sfdp twopi circo; do
    "$bin" --format svg --layout $layout -o "$tmp/$layout-1.svg" < "$tmp/any.map" 2> /dev/null ||
      fail "$layout failed"
    "$bin" --format svg --layout $layout -o "$tmp/$layout-2.svg" < "$tmp/any.map" 2> /dev/null ||
      fail "$layout failed"
    check_svg "$tmp/$layout-1.svg"
    cmp "$tmp/$layout-1.svg" "$tmp/$layout-2.svg" || fail "$layout output differs between runs"
  done
  ;;
no-cairo)
  # a Graphviz without its cairo (and gd) plugins cannot write png or pdf:
  # one clear line, exit 1, the old file kept; svg still works
  plugin_dir nocairo core dot_layout neato_layout
  awk '/^libgvplugin_/ { keep = /^libgvplugin_(core|dot_layout|neato_layout)\./ } keep' \
    "$plugins/config6a" > "$tmp/nocairo/config6a"
  echo "old map" > "$tmp/map.png"
  GVBINDIR=$tmp/nocairo "$bin" --format png -o "$tmp/map.png" < "$maps/clusters.map" \
    2> "$tmp/stderr"
  status=$?
  [ $status -eq 1 ] || fail "exit status $status, expected 1"
  echo "klaverblad-render: error: cannot render png: this Graphviz has no png output plugin (png and pdf need its cairo plugin, libgvplugin_pango)" > "$tmp/want"
  diff -u "$tmp/want" "$tmp/stderr" || fail "message differs"
  [ "$(cat "$tmp/map.png")" = "old map" ] || fail "the old file was changed"
  GVBINDIR=$tmp/nocairo render "$maps/clusters.map" --format svg -o "$tmp/map.svg"
  check_svg "$tmp/map.svg"
  ;;
plugin-missing)
  # the configuration names the cairo plugin but its library is gone:
  # Graphviz's own message comes back in the error line
  plugin_dir broken core dot_layout neato_layout
  cp "$plugins/config6a" "$tmp/broken/config6a"
  echo "old map" > "$tmp/map.pdf"
  GVBINDIR=$tmp/broken "$bin" --format pdf -o "$tmp/map.pdf" < "$maps/clusters.map" \
    2> "$tmp/stderr"
  status=$?
  [ $status -eq 1 ] || fail "exit status $status, expected 1"
  echo "klaverblad-render: error: cannot render pdf: Graphviz said: renderer for pdf is unavailable" > "$tmp/want"
  diff -u "$tmp/want" "$tmp/stderr" || fail "message differs"
  [ "$(cat "$tmp/map.pdf")" = "old map" ] || fail "the old file was changed"
  ;;
write-fails)
  "$bin" --format svg -o "$tmp/no/such/dir/map.svg" < "$maps/clusters.map" 2> "$tmp/stderr"
  status=$?
  [ $status -eq 1 ] || fail "exit status $status, expected 1"
  grep -q "^klaverblad-render: error: cannot write '$tmp/no/such/dir/map.svg': " "$tmp/stderr" ||
    { cat "$tmp/stderr"; fail "message differs"; }
  ;;
replaces-file)
  # a good run replaces the file whole
  yes "old map" | head -n 10000 > "$tmp/map.svg"
  render "$maps/clusters.map" --format svg -o "$tmp/map.svg"
  check_svg "$tmp/map.svg"
  grep -q "old map" "$tmp/map.svg" && fail "old content left in the file"
  ls "$tmp" | grep -q '^map\.svg\..' && fail "temporary file left behind"
  ;;
input-file)
  render /dev/null --format svg -o "$tmp/map.svg" --input "$maps/clusters.map"
  check_svg "$tmp/map.svg"
  render "$maps/clusters.map" --format svg -o "$tmp/stdin.svg"
  cmp "$tmp/map.svg" "$tmp/stdin.svg" || fail "--input and standard input differ"
  ;;
*)
  echo "e2e.sh: unknown test '$test'"
  exit 2
  ;;
esac
echo ok
