#!/usr/bin/env bash
# --simulate and --spof through the real binary ($STACKBOARD): the exact
# SPOF line, every key of cli.md, same seed ⇒ same JSON, step-free
# determinism, bad input ⇒ exit 1 with a message naming it.  TAP output.
set -uo pipefail

bin=${STACKBOARD:?set STACKBOARD to the stackboard binary}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok () {
  n=$((n + 1))
  if [[ $1 == 0 ]]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    failed=1
  fi
}

# Runs the binary; stdout to $tmp/out, stderr to $tmp/err, status in $rc.
run () {
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

echo "1..16"

run --spof
[[ $rc == 0 && $(cat "$tmp/out") == '{"reads":["lb"],"writes":["db-1","lb","server-1"]}' ]]
ok $? "--spof on distributed is exact"

run --spof --scenario one-server
[[ $rc == 0 && $(cat "$tmp/out") == '{"reads":["app-1","code-1","db-1","server-1","web-1"],"writes":["app-1","code-1","db-1","server-1","web-1"]}' ]]
ok $? "--spof on one-server"

run --simulate 60
missing=0
for key in time requests succeeded failed in_flight reads writes stale_reads failures \
           failure_reasons served_by handled latency p50 p95 p99; do
  grep -q "\"$key\" :" "$tmp/out" || { echo "# missing key $key"; missing=1; }
done
[[ $rc == 0 && $missing == 0 ]]
ok $? "--simulate prints every key of cli.md"

grep -q '"requests" : 60,' "$tmp/out" && grep -q '"p50" : 2.0,' "$tmp/out" \
  && grep -q '"p95" : 2.5,' "$tmp/out" && grep -q '"code-2" : 29' "$tmp/out"
ok $? "--simulate 60: 60 requests, p50 2.0 s, p95 2.5 s, zeros kept in handled"

run --simulate 300 --rate 5 --seed 7 --kill server-1@10 --revive server-1@60 --kill db-1@100 \
    --promote db-2@120 --redispatch
cp "$tmp/out" "$tmp/a.json"
run --simulate 300 --rate 5 --seed 7 --kill server-1@10 --revive server-1@60 --kill db-1@100 \
    --promote db-2@120 --redispatch
cmp -s "$tmp/out" "$tmp/a.json"
ok $? "same seed and actions give the same JSON"

run --simulate 300 --rate 5 --seed 8 --kill server-1@10 --revive server-1@60 --kill db-1@100 \
    --promote db-2@120 --redispatch
! cmp -s "$tmp/out" "$tmp/a.json"
ok $? "another seed gives another JSON"

# The state at 300 s does not depend on where the run stopped on the way:
# a revive of something already up at 150 s changes nothing.
run --simulate 300 --rate 5 --seed 7 --kill server-1@10 --revive server-1@60 --kill db-1@100 \
    --promote db-2@120 --redispatch --revive lb@150
cmp -s "$tmp/out" "$tmp/a.json"
ok $? "a no-op action half-way leaves the JSON unchanged"

run --simulate 60 --kill lb
grep -q '"succeeded" : 0,' "$tmp/out" && grep -q '"failed" : 59,' "$tmp/out" \
  && grep -q '"lb" : 59' "$tmp/out" && grep -q '"connection refused" : 59' "$tmp/out"
ok $? "--kill lb: every request fails at lb"

run --simulate 60 --kill server-1 --read-ratio 1
grep -q '"failed" : 3,' "$tmp/out" && grep -q '"server-1" : "DOWN"' "$tmp/out"
ok $? "--kill server-1: 3 failures in the detection window, then DOWN"

run --simulate 60 --kill db-2
grep -q '"failed" : 0,' "$tmp/out"
ok $? "--kill db-2: nothing fails"

run --simulate 60 --lag 0 --rate 10 --read-ratio 0.5
grep -q '"stale_reads" : 0,' "$tmp/out"
ok $? "--lag 0: no stale reads"

run --simulate 60 --kill nope@3
[[ $rc == 1 && ! -s $tmp/out ]] && grep -q 'nope' "$tmp/err"
ok $? "unknown id: exit 1, message names it"

run --simulate 60 --kill lb@soon
[[ $rc == 1 && ! -s $tmp/out ]] && grep -q 'soon' "$tmp/err"
ok $? "malformed time: exit 1, message names it"

run --simulate 60 --kill db-2@5 --promote db-2@10
[[ $rc == 1 && ! -s $tmp/out ]] && grep -q 'db-2@10' "$tmp/err"
ok $? "promoting a dead replica: exit 1, message names the action"

run --simulate 60 --promote db-1@10
[[ $rc == 1 ]] && grep -q 'db-1' "$tmp/err"
ok $? "promoting the primary: exit 1"

start=$(date +%s%N)
run --simulate 3600 --rate 1000
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
echo "# --simulate 3600 --rate 1000: ${elapsed} ms"
[[ $rc == 0 ]] && grep -q '"requests" : 3600000,' "$tmp/out" && (( elapsed < 30000 ))
ok $? "3.6 M requests in seconds"

exit $failed
