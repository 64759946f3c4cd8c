#!/bin/sh
# Input from pipes, FIFOs, devices and standard input, the byte limit, and
# output that cannot be written:
#  - an edge list, a JSON file and a GraphML file (with and without errors)
#    read as `cat F | klaverblad check -`, through /dev/stdin, through
#    /dev/fd/3 (what a shell's process substitution hands over) and through
#    a FIFO written by a background cat print what the regular file prints,
#    byte for byte, but the file's name;
#  - the requests and import's Kumu files and mapping likewise;
#  - an endless stream (/dev/zero) ends within seconds with the memory
#    guard's message, in bounded memory;
#  - --max-bytes N takes an input of exactly N bytes and refuses N+1, for a
#    regular file and for a pipe;
#  - every command that prints, with standard output on /dev/full, exits 1
#    saying so; and one whose reader goes away ends quietly (SIGPIPE).
#   pipes.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
kb="$build/klaverblad"
limit=${KB_TIMEOUT:-120}
# the slow unwinder that the Graphviz leak suppressions need only for the
# step that runs klaverblad-render (the report), as in run.sh
graphviz_asan=${ASAN_OPTIONS:-}
unset ASAN_OPTIONS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
. "$src/tests/adversarial/expect.sh"
# same NAME WANT GOT: the files are equal byte for byte
same() {
  if cmp -s "$2" "$3"; then
    echo "ok   $1"
  else
    echo "FAIL $1: differs from the regular file's run:"; diff "$2" "$3" | head -10; fail=1
  fi
}
# run OUT -- COMMAND...: COMMAND's standard output, standard error and exit
# status in OUT.stdout, OUT.stderr and OUT.status
run() {
  o=$1
  shift 2
  timeout "$limit" ${KB_VALGRIND:+"$KB_VALGRIND"} "$@" >"$o.stdout" 2>"$o.stderr"
  echo $? > "$o.status"
}
# literal TEXT: TEXT as a sed pattern that matches it alone
literal() {
  printf '%s' "$1" | sed 's/[].[^$*\/|]/\\&/g'
}
# renamed REF NAME OUT INPUT: the run REF with every mention of its input
# file INPUT read as NAME, in OUT.*
renamed() {
  from=$(literal "$4") to=$(printf '%s' "$2" | sed 's/[&|\\]/\\&/g')
  for part in stdout stderr; do sed "s|$from|$to|g" "$1.$part" > "$3.$part"; done
  cp "$1.status" "$3.status"
}
# compare NAME WANT GOT: the three parts of two runs
compare() {
  for part in stdout stderr status; do same "$1 ($part)" "$2.$part" "$3.$part"; done
}

cd "$work" || exit 1

# ---------------------------------------------------- the dataset, as a stream
cp "$src/tests/cli/check-edgelist/edges.csv" in.edges
cp "$src/tests/cli/check-edgelist-errors/edges.txt" in.edges-bad
cp "$src/tests/cli/check-json/data.json" in.json
cp "$src/tests/cli/check-json-errors/data.json" in.json-bad
cp "$src/tests/interop/networkx-kite.graphml" in.graphml
cp "$src/tests/cli/import-graphml-malformed/bad.graphml" in.graphml-bad
for f in in.edges in.edges-bad in.json in.json-bad in.graphml in.graphml-bad; do
  run "ref-$f" -- "$kb" check "$f"
  # the reference must say something about the file, or the renaming proves nothing
  grep -q "$f" "ref-$f.stdout" || { echo "FAIL $f: its name is not in the output"; fail=1; }
  for way in stdin dev-stdin dev-fd fifo; do
    case $way in
      stdin) name='<stdin>'
             cat "$f" | run "got" -- "$kb" check - ;;
      dev-stdin) name=/dev/stdin
             cat "$f" | run "got" -- "$kb" check /dev/stdin ;;
      dev-fd) name=/dev/fd/3
             cat "$f" | run "got" -- "$kb" check /dev/fd/3 3<&0 </dev/null ;;
      fifo) name="$work/fifo"
             rm -f fifo; mkfifo fifo
             cat "$f" > fifo &
             run "got" -- "$kb" check "$work/fifo"
             wait ;;
    esac
    renamed "ref-$f" "$name" want "$f"
    compare "$f through $way" want got
  done
done
# no copy left behind in the temporary folder
TMPDIR="$work/tmp"; export TMPDIR
mkdir tmp
cat in.json | run "got" -- "$kb" check -
cat in.json | run "got" -- "$kb" check --max-bytes 10 -
[ -z "$(ls -A tmp)" ] || { echo "FAIL: a copy of a stream was left in TMPDIR: $(ls -A tmp)"; fail=1; }
unset TMPDIR

# a folder format on a stream: a clear error, nothing read
cat in.edges | expect folder-on-a-pipe 1 \
  "klaverblad check: error: cannot read '<stdin>' as a folder dataset: it is not a folder; expected a folder holding nodes.csv and relations.csv" \
  -- "$kb" check --input-format folder -
cat in.edges | expect kumu-on-a-pipe 1 \
  "cannot read '<stdin>' as a kumu dataset: it is not a folder; expected a folder holding elements.csv and connections.csv" \
  -- "$kb" index --input-format kumu -

# every analysis reads a stream as it reads the file
run ref-index -- "$kb" index --format csv in.json
cat in.json | run got -- "$kb" index --format csv -
renamed ref-index '<stdin>' want in.json
compare "index of a stream" want got

# ------------------------------------------------------ the other input files
cases="$src/tests/cli"
run ref-req -- "$kb" candidates --requests "$cases/candidates-small/requests.csv" "$cases/candidates-small/data"
cat "$cases/candidates-small/requests.csv" \
  | run got -- "$kb" candidates --requests - "$cases/candidates-small/data"
compare "--requests -" ref-req got
cp "$cases/candidates-requests-errors/bad.csv" in.requests
run ref-req-bad -- "$kb" candidates --requests in.requests "$cases/candidates-small/data"
cat in.requests | run got -- "$kb" candidates --requests - "$cases/candidates-small/data"
renamed ref-req-bad '<stdin>' want in.requests
compare "--requests - with errors" want got

# import: Kumu's two files and the mapping through FIFOs; the same folder
kumu="$cases/import-kumu-unmapped/kumu"
run ref-import -- "$kb" import --map "$cases/import-kumu-mapped/map.csv" "$kumu/elements.csv" \
                              "$kumu/connections.csv" -o ref-out
mkfifo e.fifo c.fifo m.fifo
cat "$kumu/elements.csv" > e.fifo & cat "$kumu/connections.csv" > c.fifo &
cat "$cases/import-kumu-mapped/map.csv" > m.fifo &
run got -- "$kb" import --map m.fifo e.fifo c.fifo -o got-out
wait
renamed ref-import e.fifo want "$kumu/elements.csv"
sed 's|ref-out|got-out|' want.stdout > want.stdout.new && mv want.stdout.new want.stdout
compare "import from FIFOs" want got
diff -r ref-out got-out >/dev/null || { echo "FAIL import from FIFOs: another folder"; diff -r ref-out got-out | head; fail=1; }

# -------------------------------------------------------- endless streams
# The memory guard stops the copy as soon as what it holds could not be
# loaded, looking every 4 MiB (it is read 1 MiB at a time): /dev/zero's NUL
# bytes read as an edge list (33 bytes of memory a byte), so on a machine
# with 24 GB free after 730 MB; with the memory faked at 4 GB, after the
# first 4 MiB step past 121 MB, 29 * 4 MiB = 121,634,816 bytes. The requests are guarded as a CSV table (10
# a byte); with the memory faked at 4 GB the copy stops at the first 4 MiB
# step past 400 MB, 96 * 4 MiB = 402,653,184 bytes, whatever the machine.
# Peak memory stays that of a small run: the copy is a file, not memory.
# The limits leave room for a loaded machine: what they catch is a copy
# that never stops.
peak() {   # peak NAME MAXKB -- COMMAND...: COMMAND's peak resident set below MAXKB
  name=$1 most=$2
  shift 3
  if [ -x /usr/bin/time ]; then
    timeout 60 /usr/bin/time -f %M -o "$work/peak" "$@" >/dev/null 2>&1
    kbytes=$(tail -1 "$work/peak")
    if ! [ "$kbytes" -eq "$kbytes" ] 2>/dev/null; then
      echo "FAIL $name: no peak measured (killed after 60 s?)"; fail=1
    elif [ "$kbytes" -lt "$most" ]; then
      echo "ok   $name: peak $kbytes KB"
    else
      echo "FAIL $name: peak $kbytes KB, more than $most KB"; fail=1
    fi
  else
    echo "skip $name: no /usr/bin/time"
  fi
}
# a sanitized build holds more of its own (shadow memory, quarantine)
most=60000
ldd "$kb" | grep -q libasan && most=100000
KLAVERBLAD_MEMORY_AVAILABLE=4000000000 limit=60 expect zero-dataset 1 \
  "klaverblad check: error: '/dev/zero' is too large for the memory available: loading the 121.6 MB of edgelist data read from it so far needs about" \
  -- "$kb" check /dev/zero
KLAVERBLAD_MEMORY_AVAILABLE=4000000000 \
  peak zero-dataset-memory $most -- "$kb" check /dev/zero
KLAVERBLAD_MEMORY_AVAILABLE=4000000000 limit=60 expect zero-requests 1 \
  "/dev/zero: error: '/dev/zero' is too large for the memory available: loading the 402.7 MB of folder data read from it so far needs about 4.0 GB (4026531840 bytes), 10 bytes for each byte, and 4.0 GB (4000000000 bytes) is available" \
  -- "$kb" candidates --requests /dev/zero "$cases/candidates-small/data"
KLAVERBLAD_MEMORY_AVAILABLE=4000000000 \
  peak zero-requests-memory $most -- "$kb" candidates --requests /dev/zero "$cases/candidates-small/data"
# the format forced: JSON's factor (10) and its name in the message; the
# first 4 MiB step past 10^7 bytes is 3 * 4 MiB = 12,582,912 bytes
KLAVERBLAD_MEMORY_AVAILABLE=100000000 limit=60 expect zero-json 1 \
  "'<stdin>' is too large for the memory available: loading the 12.6 MB of json data read from it so far needs about 125.8 MB (125829120 bytes), 10 bytes for each byte" \
  -- sh -c "exec \"$kb\" check --input-format json - < /dev/zero"

# --------------------------------------------------------- the byte limit
# exactly N bytes are taken, N+1 refused, from a file and from a pipe
size=$(wc -c < in.json)
run ref -- "$kb" check in.json
run got -- "$kb" check --max-bytes "$size" in.json
compare "file of exactly --max-bytes" ref got
expect file-over-max-bytes 1 \
  "klaverblad check: error: 'in.json' holds $size bytes, more than $((size - 1)) bytes, the most an input file may hold; expected at most $((size - 1)) bytes (raise the limit with --max-bytes N)" \
  -- "$kb" check --max-bytes $((size - 1)) in.json
renamed ref '<stdin>' want in.json
cat in.json | run got -- "$kb" check --max-bytes "$size" -
compare "pipe of exactly --max-bytes" want got
cat in.json | expect pipe-over-max-bytes 1 \
  "klaverblad check: error: '<stdin>' holds more than $((size - 1)) bytes, the most an input file may hold; expected at most $((size - 1)) bytes (raise the limit with --max-bytes N)" \
  -- "$kb" check --max-bytes $((size - 1)) -
# every file of a folder, and the requests
expect folder-over-max-bytes 1 "'$cases/check-ok/data/nodes.csv' holds .* bytes, more than 100 bytes" \
  -- "$kb" index --max-bytes 100 "$cases/check-ok/data"
# (requests of 394 bytes, the dataset's files of 299 at most: blank lines
# added, which the CSV reader passes over)
{ cat "$cases/candidates-small/requests.csv"; awk 'BEGIN { for (i = 0; i < 300; i++) print "" }'; } \
  > big-requests.csv
[ "$(wc -c < big-requests.csv)" -eq 394 ] || { echo "FAIL: big-requests.csv is not 394 bytes"; fail=1; }
cat big-requests.csv | run got -- "$kb" candidates --max-bytes 394 --requests - "$cases/candidates-small/data"
compare "requests of exactly --max-bytes" ref-req got
cat big-requests.csv | expect requests-over-max-bytes 1 \
  "^<stdin>: error: '<stdin>' holds more than 393 bytes, the most an input file may hold" \
  -- "$kb" candidates --max-bytes 393 --requests - "$cases/candidates-small/data"
expect max-bytes-negative 2 "--max-bytes must be 0 or more" -- "$kb" check --max-bytes -1 in.json

# --------------------------------------------------- standard output failing
deventer="$src/datasets/deventer"
full() {   # full COMMAND ARGS...: with standard output on /dev/full, exit 1 and one error
           # (warnings about the data aside)
  cmd=$1
  [ "$cmd" = help ] && cmd=$2
  case "$1" in -*) who="klaverblad" ;; *) who="klaverblad $cmd" ;; esac
  out=$(timeout "$limit" "$kb" "$@" 2>&1 >/dev/full)
  got=$?
  out=$(printf '%s\n' "$out" | grep -v ': warning: ')
  want="$who: error: cannot write to standard output: No space left on device"
  if [ $got -eq 1 ] && [ "$out" = "$want" ]; then
    echo "ok   stdout-full: $*"
  else
    echo "FAIL stdout-full: $*: exit $got, expected 1 and only '$want':"; echo "$out" | head -5
    fail=1
  fi
}
full check "$deventer"
full check in.edges-bad
full index "$deventer"
full synergy "$deventer"
full synergy --each 3 "$deventer"
full synergy --each 3 --format csv "$deventer"
full bridges "$deventer" --from saxion --to sibiu
full brokers "$deventer"
full communities "$deventer"
full candidates "$deventer"
full diff "$deventer" --from 2014 --to 2021
full import in.json -o import-out
ASAN_OPTIONS="$graphviz_asan" full report "$cases/check-ok/data" -o report-out
full --help
full --version
full check --help
full help check
# the streaming writer stops at its first failed write (it writes a
# megabyte at a time), rather than computing the rest for nothing, and says
# nothing more: 2000 organisations' best 50 (3.7 MB)
"$kb" generate --orgs 2000 -o gen >/dev/null || { echo "FAIL: generate"; fail=1; }
full synergy --each 50 --format csv gen

# a reader that goes away: SIGPIPE ends the program quietly, as it does any
# Unix tool (the index of 2000 organisations is 260 kB, more than a pipe holds)
{ "$kb" index --format csv --top 0 gen 2>sigpipe.err; echo $? > sigpipe.status; } | head -1 >/dev/null
if [ "$(cat sigpipe.status)" -eq 141 ] && [ ! -s sigpipe.err ]; then
  echo "ok   sigpipe"
else
  echo "FAIL sigpipe: exit $(cat sigpipe.status), expected 141 and nothing said:"; cat sigpipe.err; fail=1
fi

[ $fail -eq 0 ] && echo "pipes and output errors: all handled"
exit $fail
