#!/bin/sh
# Output that cannot be written: every command that prints, with standard
# output on /dev/full, exits 1 saying so; and one whose reader goes away
# ends quietly (SIGPIPE).
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
cd "$work" || exit 1

cp "$src/tests/cli/check-edgelist-errors/edges.txt" in.edges-bad
cp "$src/tests/cli/check-json/data.json" in.json
cases="$src/tests/cli"

# --------------------------------------------------- standard output failing
deventer="$src/datasets/deventer"
full() {   # full COMMAND ARGS...: with standard output on /dev/full, exit 1 and one line
  cmd=$1
  [ "$cmd" = help ] && cmd=$2
  case "$1" in -*) who="klaverblad" ;; *) who="klaverblad $cmd" ;; esac
  out=$(timeout "$limit" "$kb" "$@" 2>&1 >/dev/full)
  got=$?
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
