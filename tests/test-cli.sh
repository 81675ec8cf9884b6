#!/usr/bin/env bash
# test-cli.sh — the headless command line, as a script or a teacher uses it.
# Runs with no display at all (DISPLAY and WAYLAND_DISPLAY unset): the
# headless paths must never touch GTK.
set -uo pipefail
sb=${STACKBOARD:?}
data=$(dirname "$0")/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset DISPLAY WAYLAND_DISPLAY
n=0 failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }
check () { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name" "command: $*"; fi; }

# Runs the binary; leaves stdout, stderr and the exit status in out, err, rc.
run () { "$sb" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; out=$(<"$tmp/out"); err=$(<"$tmp/err"); }

expect_error () {   # NAME PATTERN ARGS...: exit 1, one line on stderr matching PATTERN
  local name=$1 pattern=$2; shift 2
  run "$@"
  if [[ $rc == 1 && -z $out && $(wc -l <"$tmp/err") == 1 && $err == *$pattern* ]]; then
    ok "$name"
  else
    not_ok "$name" "rc=$rc" "stdout: $out" "stderr: $err"
  fi
}

run --list-scenarios
check "list-scenarios" test "$rc:$out" == "0:one-server
distributed
secured-monitored
scale-up"

for f in "$data"/good/*.json; do
  run --check "$f"
  check "check accepts good/$(basename "$f")" test "$rc:$out" == "0:ok"
done
for f in "$data"/bad/*.json; do
  expect_error "check rejects bad/$(basename "$f")" "$(basename "$f"):" --check "$f"
done
expect_error "check names a missing file" "nowhere.json" --check "$tmp/nowhere.json"

for fmt in png svg pdf; do
  run --export "$tmp/a.$fmt" --width 800 --height 450
  check "export .$fmt" test "$rc" == 0 -a -s "$tmp/a.$fmt"
done
check "png is a PNG" test "$(head -c 8 "$tmp/a.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a
check "svg is SVG" grep -q '<svg' "$tmp/a.svg"
check "pdf is a PDF" test "$(head -c 5 "$tmp/a.pdf")" == "%PDF-"
run --export "$tmp/t10.png" --time 10 --kill server-1 --width 800 --height 450
check "export at --time 10 with server-1 killed differs from t=0" test "$rc" == 0 -a -n "$(cmp "$tmp/a.png" "$tmp/t10.png" 2>&1)"

expect_error "export refuses an unknown suffix" "a.gif" --export "$tmp/a.gif"
expect_error "export names a folder that does not exist" "$tmp/no/such" --export "$tmp/no/such/a.png"
check "failed export leaves no file" test ! -e "$tmp/a.gif"
expect_error "export refuses a huge width" "--width" --export "$tmp/b.png" --width 100000
expect_error "negative rate" "--rate: -1 must be greater than 0" --spof --rate -1
expect_error "rate not a number" '--rate: “fast” is not a number' --spof --rate fast
expect_error "read ratio above 1" "--read-ratio: 1.5 is not between 0 and 1" --spof --read-ratio 1.5
expect_error "unknown algorithm" "--algorithm: unknown value “random”" --spof --algorithm random
expect_error "unknown mode" "--mode" --spof --mode both
expect_error "unknown element to kill" "--kill: unknown element “server-9”" --simulate 10 --kill server-9
expect_error "malformed kill time" "--kill: “soon” is not a number" --simulate 10 --kill server-1@soon
expect_error "negative kill time" "--kill: -3 must not be negative" --simulate 10 --kill server-1@-3
# Found by fuzz/fuzz-cli: numbers past the scenario format's bounds made the
# simulated clock overflow (a rate near 0 or above 1e300 never returned).
expect_error "tiny rate" "--rate: 1e-300 is less than 0.001" --simulate 10 --rate 1e-300
expect_error "huge rate" "--rate: 1e300 is more than 1000" --simulate 10 --rate 1e300
expect_error "tiny hop" "--hop: 1e-9 is less than 0.001" --spof --hop 1e-9
expect_error "huge lag" "--lag: 1e300 is more than 86400" --spof --lag 1e300
expect_error "huge kill time" "--kill: 1e300 is more than 86400" --simulate 10 --kill lb@1e300
expect_error "huge simulate" "--simulate: 1e9 is more than 86400" --simulate 1e9
expect_error "huge export time" "--time: 1e300 is more than 86400" --export "$tmp/c.png" --time 1e300
expect_error "revive needs a time" "--revive: “server-1” needs a time" --simulate 10 --revive server-1
expect_error "promote a primary" "--promote: “db-1” is not a database replica" --simulate 10 --promote db-1@3
expect_error "the client cannot be killed" "--kill: “user”" --simulate 10 --kill user
expect_error "unknown scenario" "warehouse" --spof --scenario warehouse
expect_error "bad scenario file" "two-primaries.json" --spof --scenario "$data/bad/two-primaries.json"
expect_error "two commands at once" "give one of" --spof --list-scenarios
expect_error "unknown option" "--frobnicate" --spof --frobnicate

expect_error "a setting without a command" "give one of --list-scenarios, --check" --seed 3
# Found by fuzz/fuzz-cli: an option after "--" still means the command line
# is ours, not the window's (which would take it for a file name).
expect_error "a command after --" "unexpected argument “--”" --seed 3 -- --spof

# Meeting the program: --help names every command and option, one line
# each (a description too long for the line goes on the next ones, indented).
run --help
help=$out
check "--help exits 0 with nothing on stderr" test "$rc:$err" == "0:"
for option in --list-scenarios "--check FILE" "--simulate SECONDS" --spof "--export OUT" \
              "--export-config DIR" "--scenario NAME|FILE" "--seed N" "--rate R" "--read-ratio X" \
              "--lag SECONDS" "--hop SECONDS" "--algorithm roundrobin|leastconn|source" \
              "--mode active-active|active-passive" --redispatch "--kill ID[@T]" "--revive ID@T" \
              "--promote ID@T" "--time T" "--width W" "--height H" "-h, --help" --version; do
  check "--help lists $option" grep -qxE "  ${option//[|\[\]]/.}( .*)?" "$tmp/out"
done
check "--help groups the commands first" \
  test "$(grep -m1 -A1 '^Commands' "$tmp/out" | tail -n 1 | awk '{ print $1 }')" == --list-scenarios
check "--help fits 80 columns" test -z "$(awk 'length > 80' "$tmp/out")"
run -h
check "-h is --help" test "$rc" == 0 -a "$out" == "$help"
run --version
check "--version" test "$rc:$out" == "0:stackboard $(sed -n "s/^  version: '\(.*\)',\$/\1/p" "$(dirname "$0")/../meson.build")"
run --help --spof
check "--help wins over a command" test "$rc" == 0 -a "${out:0:6}" == "Usage:"

run --spof
check "spof of distributed" test "$rc:$out" == '0:{"reads":["lb"],"writes":["db-1","lb","server-1"]}'

echo "1..$n"
exit $((failed > 0))
