#!/bin/sh
# Inputs made to break a loader: each must end with a clear message and the
# right exit status, never a crash, a hang or a lost file. Runs under the
# sanitizers with the rest of the suite, and under valgrind with KB_VALGRIND
# set to the program that runs it (tests/valgrind/vg; KB_TIMEOUT then gives
# each command more than 120 seconds, and KB_SCALE=10 makes the large inputs
# a tenth as large: memcheck looks for errors on the same paths, not at
# scale).
#   run.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
kb="$build/klaverblad"
limit=${KB_TIMEOUT:-120}
scale=${KB_SCALE:-1}
n=$((1000000 / scale))   # columns, ids
# Only the steps that run klaverblad-render need the slow unwinder that the
# Graphviz leak suppressions rely on (ASAN_OPTIONS=fast_unwind_on_malloc=0);
# the loaders run without it, or the 10^6-row inputs take minutes and pass
# the time limit when the suite runs two tests at a time.
graphviz_asan=${ASAN_OPTIONS:-}
unset ASAN_OPTIONS
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fail=0
. "$src/tests/adversarial/expect.sh"
. "$src/tests/adversarial/killed.sh"
mkset() {   # a dataset folder DIR from two here-strings
  mkdir -p "$1"
  printf '%s' "$2" > "$1/nodes.csv"
  printf '%s' "$3" > "$1/relations.csv"
}

# a 100 MB field: read, and kept whole
mkdir -p "$work/big"
{ printf 'id,kind,label\nnet,network,"'; head -c $((100000000 / scale)) /dev/zero | tr '\0' 'x'; printf '"\n'; } \
  > "$work/big/nodes.csv"
printf 'from,to,kind\n' > "$work/big/relations.csv"
expect big-field 0 "usable: 0 errors, 1 warning" -- "$kb" check "$work/big"

# a header of 10^6 columns, and a row as wide
mkdir -p "$work/wide"
awk -v n=$n 'BEGIN { printf "id,kind"; for (i = 0; i < n; i++) printf ",c%d", i; printf "\nnet,network";
                     for (i = 0; i < n; i++) printf ",v"; printf "\n" }' > "$work/wide/nodes.csv"
printf 'from,to,kind\n' > "$work/wide/relations.csv"
expect wide-row 0 "usable" -- "$kb" check "$work/wide"
awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "c%d,", i; printf "\n" }' > "$work/wide/nodes.csv"
expect wide-header 1 "missing required column 'id'; the header has: c0, c1" -- "$kb" check "$work/wide"

# JSON nested 10^5 deep
awk 'BEGIN { printf "{\"nodes\": "; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; printf ", \"relations\": []}\n" }' > "$work/deep.json"
expect deep-json 1 "malformed JSON" -- "$kb" check "$work/deep.json"

# 10^6 duplicate ids
mkdir -p "$work/dup"
awk -v n=$n 'BEGIN { print "id,kind"; for (i = 0; i < n; i++) print "same,network" }' > "$work/dup/nodes.csv"
printf 'from,to,kind\n' > "$work/dup/relations.csv"
expect duplicate-ids 1 "$((n - 1)) errors" -- "$kb" check --max-problems 3 "$work/dup"

# 10^5 keys in dataset.csv and 10^5 questions, each pair of them compared
# once would take minutes: each is looked up instead
mkset "$work/many" 'id,kind
c,city
' 'from,to,kind
'
awk 'BEGIN { print "key,value"; for (i = 0; i < 100000; i++) printf "k%d,v\n", i; print "k7,again" }' \
  > "$work/many/dataset.csv"
awk 'BEGIN { print "id,kind,question,to"; for (i = 0; i < 100000; i++) printf "q%d,overview,Q?,c\n", i
             print "q7,overview,Q?,c" }' > "$work/many/questions.csv"
# (the 10^5 unknown keys, and that the city is named no home)
expect many-keys-and-questions 1 "2 errors, 100001 warnings" -- "$kb" check --max-problems 3 "$work/many"

# a JSON document of 10^5 nodes on one line: each column is counted on from
# the one before, not from the start of the line
awk 'BEGIN { printf "{\"nodes\": ["; for (i = 0; i < 100000; i++)
               printf "%s{\"id\": \"n%d\", \"kind\": \"network\"}", (i ? ", " : ""), i
             printf "], \"relations\": []}\n" }' > "$work/one-line.json"
expect one-line-json 0 "usable: 0 errors, 100000 warnings" -- "$kb" check --max-problems 1 "$work/one-line.json"
expect one-line-json-column 0 "one-line.json:1:3688872: warning: id: network 'n99999'" -- "$kb" check --max-problems 100000 "$work/one-line.json"

# NUL bytes and invalid UTF-8 in an edge list
printf 'a,b\nc\000d,e\nf,\377g\n' > "$work/bytes.csv"
expect nul-and-invalid 1 "NUL byte" -- "$kb" check "$work/bytes.csv"

# numbers out of range
mkset "$work/range" 'id,kind
a,network
b,network
' 'from,to,kind,since,weight
a,b,partner_of,99999,1
a,b,partner_of,2015,1e400
a,b,partner_of,2015,-0
'
expect out-of-range 1 "'1e400' is not a positive number" -- "$kb" check "$work/range"
expect top-overflow 2 "error" -- "$kb" brokers --top 99999999999 "$work/range"
expect as-of-overflow 2 "is not a year" -- "$kb" check --as-of 123456 "$work/range"

# a relation to itself
mkset "$work/self" 'id,kind
a,network
' 'from,to,kind
a,a,part_of
'
expect self-loop 1 "joins 'a' to itself" -- "$kb" check "$work/self"

# a dataset folder of symlinks, one of them a loop
mkdir -p "$work/links"
ln -s "$src/tests/cli/check-ok/data/nodes.csv" "$work/links/nodes.csv"
ln -s "$src/tests/cli/check-ok/data/relations.csv" "$work/links/relations.csv"
expect symlinks 0 "usable" -- "$kb" check "$work/links"
rm "$work/links/relations.csv"
ln -s "$work/links/relations.csv" "$work/links/relations.csv"
expect symlink-loop 1 "relations.csv: error: cannot read" -- "$kb" check "$work/links"

# output where it cannot go; an existing good file is never clobbered
expect no-such-folder 1 "cannot write" -- "$kb" index "$src/tests/cli/check-ok/data" -o "$work/none/x/y.csv"
printf 'good\n' > "$work/keep.csv"
chmod a-w "$work"
if [ "$(id -u)" -ne 0 ]; then
  expect read-only 1 "cannot write" -- "$kb" index "$src/tests/cli/check-ok/data" -o "$work/keep.csv"
fi
chmod u+w "$work"
expect bad-data-keeps-file 1 "errors" -- "$kb" index "$src/tests/cli/check-relation-errors/data" -o "$work/keep.csv"
[ "$(cat "$work/keep.csv")" = good ] || { echo "FAIL: a failed run changed the output file"; fail=1; }
ls -A "$work" | grep -q '\.tmp\|XXXXXX\|klaverblad-' && { echo "FAIL: a temporary file was left"; fail=1; }

# an input larger than the memory available: refused before it is read,
# saying what it needs and what there is. KLAVERBLAD_MEMORY_AVAILABLE stands
# in for the machine's memory; a plain build also meets a real address-space
# limit (prlimit --as), on both sides of what it needs (a sanitized build
# cannot start under such a limit)
"$kb" generate --orgs 100000 -o "$work/gen" >/dev/null 2>&1 || { echo "FAIL: generate"; fail=1; }
KLAVERBLAD_MEMORY_AVAILABLE=300000000 expect memory-short 1 \
  "'$work/gen' is too large for the memory available: loading its 35.8 MB of folder data needs about 358.5 MB (358481180 bytes), 10 bytes for each byte, and 300.0 MB (300000000 bytes) is available; expected an input that fits in memory" \
  -- "$kb" check "$work/gen"
if ldd "$kb" | grep -q libasan; then
  echo "skip address-space limit: a sanitized build"
else
  KB_VALGRIND= expect address-space-short 1 "is too large for the memory available: loading its 35.8 MB of folder data needs about 358.5 MB" \
    -- prlimit --as=300000000 "$kb" check "$work/gen"
  KB_VALGRIND= expect address-space-enough 0 "usable: 0 errors" -- prlimit --as=600000000 "$kb" check "$work/gen"
fi

# the renderer killed in the middle: the old map stays, no temporary file
export ASAN_OPTIONS="$graphviz_asan"
${KB_VALGRIND:+"$KB_VALGRIND"} "$kb" render "$src/tests/cli/check-ok/data" -o "$work/map.svg" || fail=1
cp "$work/map.svg" "$work/map.before"
KLAVERBLAD_RENDER="$src/tests/adversarial/killed-renderer" \
  expect renderer-killed 1 "the renderer '$src/tests/adversarial/killed-renderer' was killed by signal 9" -- "$kb" render "$src/tests/cli/check-ok/data" -o "$work/map.svg"
cmp -s "$work/map.svg" "$work/map.before" || { echo "FAIL: a killed renderer changed the map"; fail=1; }
[ $(ls -A "$work" | grep -c 'map.svg') -eq 1 ] || { echo "FAIL: a temporary map file was left"; ls -A "$work"; fail=1; }

# the report writer killed in the middle (while the map is written): the
# previous report stays as it was, byte for byte; what the killed run wrote
# is in a hidden temporary folder beside it (.report.klaverblad-PID-XXXXXX,
# the map in the renderer's own temporary folder inside it), which the next
# run removes
"$kb" report "$src/tests/cli/check-ok/data" -o "$work/report" >/dev/null || fail=1
cp -a "$work/report" "$work/report.before"
ls -A "$work" > "$work/listing.before"
KLAVERBLAD_RENDER="$src/tests/adversarial/killing-renderer" \
  expect report-killed 137 "" -- "$kb" report --lang en "$src/tests/cli/check-ok/data" -o "$work/report"
diff -r "$work/report.before" "$work/report" || { echo "FAIL: a killed report writer changed the report"; fail=1; }
[ "$(cat "$work"/.report.klaverblad-*/.klaverblad.svg.klaverblad-*/map.svg)" = "<svg" ] \
  || { echo "FAIL: the report writer was not killed mid-write"; fail=1; }
ls -A "$work" | grep -v '^\.report\.klaverblad-[0-9]*-......$' | diff "$work/listing.before" - \
  || { echo "FAIL: a killed report writer left something but its hidden temporary folder"; fail=1; }
expect report-after-kill 0 "report.html" -- "$kb" report --lang en "$src/tests/cli/check-ok/data" -o "$work/report"
ls -A "$work" | diff "$work/listing.before" - || { echo "FAIL: a temporary folder was left"; fail=1; }
grep -q '<html lang="en">' "$work/report/report.html" || { echo "FAIL: the report was not replaced"; fail=1; }
rm -rf "$work/report.before" "$work/listing.before"

# a report on a network too dense for Leiden (one network of 10001
# organisations, 50,005,000 ties, past 5*10^7): every section but the
# communities, which say why they are left out; the map summarises.
# Not under valgrind (KB_SCALE): its point is the size.
members=10001
awk -v m=$members 'BEGIN { print "id,kind,label,sector"; print "ngo,sector,NGO,"; print "edu,sector,Education,"
  print "club,network,Club,"; print "sibiu,city,Sibiu,"
  for (i = 0; i < m; i++) printf "o%d,organisation,Org %d,%s\n", i, i, i % 2 ? "ngo" : "edu" }' \
  > "$work/dense-nodes.csv"
mkdir -p "$work/dense"
mv "$work/dense-nodes.csv" "$work/dense/nodes.csv"
awk -v m=$members 'BEGIN { print "from,to,kind"
  for (i = 0; i < m; i++) { printf "o%d,club,member_of\n", i; if (i % 100 == 0) printf "o%d,sibiu,active_in\n", i } }' \
  > "$work/dense/relations.csv"
if [ "$scale" -eq 1 ]; then
  # 6.3 s in a Release build; under the sanitizers, with the renderer's slow
  # unwinder laying out the explorer's 10,001 nodes, minutes
  limit=600 expect report-dense 0 "report.html" -- "$kb" report --lang en "$work/dense" -o "$work/dense-report"
  grep -q 'Communities are left out: at this size the organisation network is too dense' \
    "$work/dense-report/report.html" || { echo "FAIL: the dense report does not say why communities are left out"; fail=1; }
  grep -q 'id="brokers"' "$work/dense-report/report.html" && grep -q 'id="index"' "$work/dense-report/report.html" \
    || { echo "FAIL: the dense report lost a section"; fail=1; }
  grep -q 'Not shown: [0-9]* organisations' "$work/dense-report/report.html" \
    || { echo "FAIL: the dense report's map does not summarise its organisations"; fail=1; }
fi

# the exporter killed while it writes a folder of CSV files (SIGKILL as
# soon as its temporary folder appears: waiting for nodes.csv there lost the
# race on an idle machine, the export being done before the next look): the
# previous export stays as it was. The data is the 10^5 organisations generated above; never under
# valgrind: the program is killed, and it must be slow enough to be caught.
unset ASAN_OPTIONS
"$kb" export "$src/tests/cli/check-ok/data" --format csv -o "$work/export" >/dev/null || fail=1
cp -a "$work/export" "$work/export.before"
killed export-killed "$work/export.before" "$work/export" \
  'ls -d "$work"/.export.klaverblad-* >/dev/null 2>&1' \
  -- "$kb" export "$work/gen" --format csv -o "$work/export"
expect export-after-kill 0 "" -- "$kb" export "$src/tests/cli/check-ok/data" --format kumu -o "$work/export"
ls -A "$work" | grep -q '^\.export\.klaverblad-' && { echo "FAIL: a temporary export folder was left"; fail=1; }

# likewise a single file (GraphML), killed once its hidden temporary file
# holds a megabyte
"$kb" export "$src/tests/cli/check-ok/data" --format graphml -o "$work/export.graphml" >/dev/null || fail=1
cp "$work/export.graphml" "$work/graphml.before"
killed file-export-killed "$work/graphml.before" "$work/export.graphml" \
  '[ "$(cat "$work"/.export.graphml.klaverblad-* 2>/dev/null | head -c 1000000 | wc -c)" -ge 1000000 ]' \
  -- "$kb" export "$work/gen" --format graphml -o "$work/export.graphml"
expect file-export-after-kill 0 "" -- "$kb" export "$src/tests/cli/check-ok/data" --format gexf -o "$work/export.graphml"
ls -A "$work" | grep -q '^\.export\.graphml\.klaverblad-' && { echo "FAIL: a temporary export file was left"; fail=1; }

[ $fail -eq 0 ] && echo "adversarial inputs: all handled"
exit $fail
