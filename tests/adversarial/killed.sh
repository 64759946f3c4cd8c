# killed.sh -- sourced by the adversarial tests; sets 'fail' to 1 on failure.
# killed NAME BEFORE AFTER WHEN -- COMMAND...: runs COMMAND (never under
# valgrind) and kills it with SIGKILL as soon as the shell test WHEN holds;
# it must have been killed, and AFTER must still be BEFORE byte for byte
killed() {
  name=$1 before=$2 after=$3 when=$4
  shift 5
  "$@" >/dev/null 2>&1 &
  pid=$!
  while kill -0 $pid 2>/dev/null && ! eval "$when"; do sleep 0.01; done
  kill -9 $pid 2>/dev/null
  wait $pid
  got=$?
  if [ $got -ne 137 ]; then
    echo "FAIL $name: exit $got, expected 137 (killed while writing)"; fail=1
  elif ! diff -r "$before" "$after"; then
    echo "FAIL $name: the killed run changed $after"; fail=1
  else
    echo "ok   $name"
  fi
}
