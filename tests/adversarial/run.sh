#!/bin/sh
# Inputs made to break a loader: each must end with a clear message and the
# right exit status, never a crash, a hang or a lost file. Runs under the
# sanitizers with the rest of the suite.
#   run.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
kb="$build/klaverblad"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fail=0
# expect NAME STATUS PATTERN -- COMMAND...: the status, and PATTERN in what it printed
expect() {
  name=$1 want=$2 pattern=$3
  shift 4
  out=$(timeout 120 "$@" 2>&1)
  got=$?
  if [ $got -ne "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; echo "$out" | head -5; fail=1
  elif ! printf '%s' "$out" | grep -q -- "$pattern"; then
    echo "FAIL $name: no '$pattern' in:"; echo "$out" | head -5; fail=1
  else
    echo "ok   $name"
  fi
}
mkset() {   # a dataset folder DIR from two here-strings
  mkdir -p "$1"
  printf '%s' "$2" > "$1/nodes.csv"
  printf '%s' "$3" > "$1/relations.csv"
}

# a 100 MB field: read, and kept whole
mkdir -p "$work/big"
{ printf 'id,kind,label\nnet,network,"'; head -c 100000000 /dev/zero | tr '\0' 'x'; printf '"\n'; } \
  > "$work/big/nodes.csv"
printf 'from,to,kind\n' > "$work/big/relations.csv"
expect big-field 0 "usable: 0 errors, 1 warning" -- "$kb" check "$work/big"

# a header of 10^6 columns, and a row as wide
mkdir -p "$work/wide"
awk 'BEGIN { printf "id,kind"; for (i = 0; i < 1000000; i++) printf ",c%d", i; printf "\nnet,network";
             for (i = 0; i < 1000000; i++) printf ",v"; printf "\n" }' > "$work/wide/nodes.csv"
printf 'from,to,kind\n' > "$work/wide/relations.csv"
expect wide-row 0 "usable" -- "$kb" check "$work/wide"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "c%d,", i; printf "\n" }' > "$work/wide/nodes.csv"
expect wide-header 1 "missing required column 'id'; the header has: c0, c1" -- "$kb" check "$work/wide"

# JSON nested 10^5 deep
awk 'BEGIN { printf "{\"nodes\": "; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; printf ", \"relations\": []}\n" }' > "$work/deep.json"
expect deep-json 1 "malformed JSON" -- "$kb" check "$work/deep.json"

# 10^6 duplicate ids
mkdir -p "$work/dup"
awk 'BEGIN { print "id,kind"; for (i = 0; i < 1000000; i++) print "same,network" }' > "$work/dup/nodes.csv"
printf 'from,to,kind\n' > "$work/dup/relations.csv"
expect duplicate-ids 1 "999999 errors" -- "$kb" check --max-problems 3 "$work/dup"

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
expect many-keys-and-questions 1 "2 errors, 100000 warnings" -- "$kb" check --max-problems 3 "$work/many"

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
ls "$work" | grep -q '\.tmp\|XXXXXX' && { echo "FAIL: a temporary file was left"; fail=1; }

# the renderer killed in the middle: the old map stays, no temporary file
"$kb" render "$src/tests/cli/check-ok/data" -o "$work/map.svg" || fail=1
cp "$work/map.svg" "$work/map.before"
KLAVERBLAD_RENDER="$src/tests/adversarial/killed-renderer" \
  expect renderer-killed 1 "the renderer failed: killed by signal 9" -- "$kb" render "$src/tests/cli/check-ok/data" -o "$work/map.svg"
cmp -s "$work/map.svg" "$work/map.before" || { echo "FAIL: a killed renderer changed the map"; fail=1; }
[ $(ls "$work" | grep -c 'map.svg') -eq 1 ] || { echo "FAIL: a temporary map file was left"; ls "$work"; fail=1; }

[ $fail -eq 0 ] && echo "adversarial inputs: all handled"
exit $fail
