# expect.sh -- sourced by the adversarial scripts, after they set 'limit'
# (seconds) and 'fail' (0):
# expect NAME STATUS PATTERN -- COMMAND...: COMMAND (under $KB_VALGRIND when
# set) exits with STATUS within the limit, and prints PATTERN (unless empty)
# on standard output or error; otherwise it says what it got and sets fail=1.
expect() {
  name=$1 want=$2 pattern=$3
  shift 4
  t0=$(date +%s); out=$(timeout "$limit" ${KB_VALGRIND:+"$KB_VALGRIND"} "$@" 2>&1)
  got=$?
  if [ $got -ne "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; echo "$out" | head -5; fail=1
  elif [ -n "$pattern" ] && ! printf '%s' "$out" | grep -q -- "$pattern"; then
    echo "FAIL $name: no '$pattern' in:"; echo "$out" | head -5; fail=1
  else
    echo "ok   $name ($(( $(date +%s) - t0 ))s)"
  fi
}
