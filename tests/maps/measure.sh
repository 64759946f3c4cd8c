#!/bin/sh
# Maps measured from their output, not by eye (tests/maps/measure.py): every
# view of the bundled datasets at every size has the paper's size, text of
# at least 7 pt there, no overlapping boxes or texts, texts inside their
# shapes, one legend row per entry and a legend of exactly what is drawn.
# Then the PNG's pixels and the PDF's page at a4, and a made-up dataset
# whose petal is too large for a4 and whose ties fan out from one node.
#   measure.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
kb="$build/klaverblad"
py=$(command -v python3 || echo /usr/bin/python3)
font=$(fc-match -f '%{file}' 'DejaVu Sans' 2>/dev/null || echo /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# the papers, in cm, as README.md's render section gives them
paper() {
  case $1 in
    a4) echo "16 22" ;;
    a4-landscape) echo "24.7 16" ;;
    slide) echo "33.867 19.05" ;;
    poster) echo "84.1 59.4" ;;
  esac
}

. "$src/tests/maps/views.sh"
at_size() {   # DATASET VIEW [--focus ID]
  ds=$1 view=$2
  shift 2
  f="$out/$ds-$view-$size.svg"
  "$kb" render "$src/datasets/$ds" --view $view "$@" --size $size -o "$f" \
    || bad "$ds $view $size: render failed"
  files="$files $f"
}
# every view of both datasets at a4; of Deventer at the other sizes too
for size in a4 a4-landscape slide poster; do
  files=""
  if [ $size = a4 ]; then
    for_each_view at_size
  else
    at_size deventer klaverblad
    at_size deventer ego --focus gemeente-deventer
    at_size deventer place --focus uganda
    at_size deventer sectors
    at_size deventer synergy
  fi
  # shellcheck disable=SC2086
  "$py" "$src/tests/maps/measure.py" "$font" $(paper $size) $files || fail=1
done
echo "measured the views of 2 datasets at a4 and of Deventer at 3 more sizes"

# PNG: 300 dots an inch on the paper; PDF: the paper's page. 16 x 22 cm at
# 300 dpi is 1889.8 x 2598.4 pixels; in points 453.54 x 623.62, which
# Graphviz rounds to whole points for the PDF's page.
"$kb" render "$src/datasets/deventer" --size a4 --format png -o "$out/a4.png"
dims=$("$py" -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$out/a4.png")
[ "$dims" = "1890x2598" ] || bad "the a4 PNG is $dims pixels, not 1890x2598"
"$kb" render "$src/datasets/deventer" --size slide --format png -o "$out/slide.png"
dims=$("$py" -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$out/slide.png")
[ "$dims" = "4000x2250" ] || bad "the slide PNG is $dims pixels, not 4000x2250"
"$kb" render "$src/datasets/deventer" --size a4 --format pdf -o "$out/a4.pdf"
grep -aq 'MediaBox \[ *0 0 454 624 *\]' "$out/a4.pdf" \
  || bad "the a4 PDF's page is not 454 x 624 pt: $(grep -ao 'MediaBox[^]]*]' "$out/a4.pdf" | head -1)"

# A made-up city: a municipality that funds all 40 NGOs; ngo-01 to ngo-04
# are partners of one another as well (so they have the most ties, 4 each
# against 1), ngo-05 to ngo-40 have the funding tie only. Expected, by hand:
# the 40 funding ties are drawn as one, "funds (N)" with N the NGOs shown
# plus those behind "+M more" = 40; the NGOs shown include ngo-01 to ngo-04;
# the title says "M organisations" are not shown.
d="$out/fan"
mkdir -p "$d"
{
  echo "id,kind,label,sector"
  echo "government,sector,Government,"
  echo "ngo,sector,NGOs,"
  echo "city,organisation,City Council,government"
  i=1
  while [ $i -le 40 ]; do
    printf 'ngo-%02d,organisation,Foundation number %02d,ngo\n' $i $i
    i=$((i + 1))
  done
} >"$d/nodes.csv"
{
  echo "from,to,kind"
  i=1
  while [ $i -le 40 ]; do
    printf 'city,ngo-%02d,funds\n' $i
    i=$((i + 1))
  done
  for a in 01 02 03 04; do
    for b in 01 02 03 04; do
      [ "$a" \< "$b" ] && echo "ngo-$a,ngo-$b,partner_of"
    done
  done
} >"$d/relations.csv"
"$kb" render "$d" --size a4 --format spec -o "$out/fan.spec" || bad "fan: render failed"
"$kb" render "$d" --size a4 -o "$out/fan.svg" || bad "fan: render failed"
"$py" "$src/tests/maps/measure.py" "$font" 16 22 "$out/fan.svg" || fail=1
shown=$(grep -c '^node "ngo-' "$out/fan.spec" || true)
more=$(sed -n 's/^node "more:sector:ngo" label="+\([0-9]*\) more".*/\1/p' "$out/fan.spec")
[ -n "$more" ] || bad "fan: no '+N more' box for the NGOs"
[ $((shown + ${more:-0})) -eq 40 ] || bad "fan: $shown NGOs shown and ${more:-?} more, not 40"
for top in 01 02 03 04; do
  grep -q "^node \"ngo-$top\"" "$out/fan.spec" || bad "fan: ngo-$top, among the most tied, is not shown"
done
[ "$(grep -c '^edge "city" .*class="t-funds"' "$out/fan.spec")" -eq 1 ] \
  || bad "fan: the funding ties are not one tie"
grep -q '^edge "city" "sector:ngo" .*class="t-funds"' "$out/fan.spec" \
  || bad "fan: the funding tie does not go to the NGOs' heading"
grep -q 'label="funds (40)"' "$out/fan.spec" || bad "fan: no 'funds (40)' label"
grep -q "Not shown: ${more:-?} organisations (all in the tables)" "$out/fan.spec" \
  || bad "fan: the title does not say that ${more:-?} organisations are not shown"
[ $fail -eq 0 ] && echo "maps measured: all checks passed"
exit $fail
