#!/usr/bin/env bash
# test-cli-review.sh — `--review`, `--handout` and `--export --clean`, as a
# student or a script uses them, without any display.
set -uo pipefail
sb=${STACKBOARD:?}
data=$(dirname "$0")/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset DISPLAY WAYLAND_DISPLAY
n=0 failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check () { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name" "command: $*"; fi; }
run () { "$sb" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; out=$(<"$tmp/out"); err=$(<"$tmp/err"); }
expect_error () {   # NAME PATTERN ARGS...: exit 1, one line on stderr matching PATTERN, nothing written
  local name=$1 pattern=$2; shift 2
  run "$@"
  if [[ $rc == 1 && -z $out && $(wc -l <"$tmp/err") == 1 && $err == *$pattern* ]]; then
    ok "$name"
  else
    not_ok "$name" "rc=$rc" "stdout: $out" "stderr: $err"
  fi
}

# The review's lists are --spof's, with a reason each, for every design.
designs=(one-server distributed secured-monitored scale-up "$data"/review/*.json)
for d in "${designs[@]}"; do
  name=$(basename "$d" .json)
  run --spof --scenario "$d"; spof=$out
  run --review --format json --scenario "$d"
  if [[ $rc != 0 || -s $tmp/err ]]; then
    not_ok "review json of $name" "rc=$rc" "stderr: $err"
    continue
  fi
  same=$(python3 - "$spof" "$tmp/out" <<'PY'
import json, sys
spof = json.loads(sys.argv[1])
review = json.load(open(sys.argv[2], encoding="utf-8"))
lists = {k: [s["id"] for s in review["spof"][k]] for k in ("reads", "writes")}
reasons = all(len(s["why"]) > 30 for k in ("reads", "writes") for s in review["spof"][k])
kinds = all(i["kind"] in ("no-https", "no-firewall", "no-monitoring") and i["hosts"] for i in review["issues"])
sections = all(k in review for k in ("elements", "balancer", "databases", "strengths"))
print("yes" if lists == spof and reasons and kinds and sections else f"no: {lists} vs {spof}")
PY
)
  check "review spof of $name equals --spof, with reasons" test "$same" == yes
done

run --review --format json --scenario "$data/review/three-web-db-hosts.json"
issues=$(python3 -c 'import json,sys; print(";".join(i["kind"] + "=" + ",".join(i["hosts"]) for i in json.load(open(sys.argv[1]))["issues"]))' "$tmp/out")
check "issues name exactly the machines concerned" test "$issues" == \
  "no-https=lb-host;no-firewall=web-host-2,web-host-3,db-host-1;no-monitoring=lb-host,web-host-1,web-host-2,web-host-3"
run --review --format json --scenario secured-monitored
check "no issue the design has fixed" test "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["issues"]))' "$tmp/out")" == 0

run --review
check "markdown by default" test "$rc" == 0 -a "${out:0:35}" == "# Review: Distributed web infrastru"
check "markdown names the reason" grep -q 'HAProxy is the only way in: if it fails, no request reaches any server' "$tmp/out"
run --review --format markdown --algorithm source
check "review follows --algorithm" grep -q '^- \*\*Algorithm:\*\* Source: HAProxy computes the server' "$tmp/out"
expect_error "unknown review format" "--format: unknown value “xml”" --review --format xml
expect_error "--format alone" "--format goes with --review" --spof --format json
expect_error "--clean alone" "--clean goes with --export" --review --clean
expect_error "--lesson alone" "--lesson goes with --simulate, --narrate, --export, --questions or --handout" --review --lesson
expect_error "--lesson with a scenario" "leave out --scenario" --handout "$tmp/l.pdf" --lesson --scenario one-server
expect_error "handout needs .pdf" "a handout is a PDF file" --handout "$tmp/h.png"
expect_error "handout in a missing folder" "$tmp/no/such" --handout "$tmp/no/such/h.pdf"
check "no file after a failed handout" test ! -e "$tmp/h.png"
expect_error "export hints at --review" "--review" --export "$tmp/answers.txt"

# Clean diagrams: the same design gives the same file at any moment.
for fmt in png svg pdf; do
  run --export "$tmp/c5.$fmt" --clean --time 5 --width 800 --height 450
  run --export "$tmp/c9.$fmt" --clean --time 9.5 --width 800 --height 450
  check "clean .$fmt identical at 5 s and 9.5 s" cmp -s "$tmp/c5.$fmt" "$tmp/c9.$fmt"
  run --export "$tmp/k5.$fmt" --clean --kill server-2@1 --time 5 --width 800 --height 450
  run --export "$tmp/k9.$fmt" --clean --kill server-2@1 --time 9.5 --width 800 --height 450
  check "clean .$fmt with a kill identical at 5 s and 9.5 s" cmp -s "$tmp/k5.$fmt" "$tmp/k9.$fmt"
  check "a killed element stays in the clean .$fmt" test -n "$(cmp "$tmp/c5.$fmt" "$tmp/k5.$fmt" 2>&1)"
done
run --export "$tmp/live.png" --time 5 --width 800 --height 450
check "clean differs from the live export" test -n "$(cmp "$tmp/c5.png" "$tmp/live.png" 2>&1)"
run --export "$tmp/live5.pdf" --time 5
sleep 1.1
run --export "$tmp/live5b.pdf" --time 5
check "a PDF carries no creation date" cmp -s "$tmp/live5.pdf" "$tmp/live5b.pdf"

# Handouts: real text, the diagram first, then the review.
run --handout "$tmp/h.pdf" --scenario "$data/review/three-web-db-hosts.json"
check "handout written" test "$rc" == 0 -a "$(head -c 5 "$tmp/h.pdf")" == "%PDF-"
run --handout "$tmp/l.pdf" --lesson
check "lesson handout written" test "$rc" == 0 -a "$(head -c 5 "$tmp/l.pdf")" == "%PDF-"
if command -v pdftotext >/dev/null; then
  text=$(pdftotext "$tmp/h.pdf" - 2>/dev/null)
  check "handout text is searchable" grep -q "HAProxy is the only way in" <<<"$text"
  check "handout has the title and the legend" grep -q "Database replication" <<<"$text"
  check "handout names the machines without a firewall" grep -q "No firewall on Web 2, Web 3 and DB 1" <<<"$(tr '\n' ' ' <<<"$text" | tr -s ' ')"
  text=$(pdftotext "$tmp/l.pdf" - 2>/dev/null)
  steps=$(grep -c 'Step [1-4]: ' <<<"$text")
  check "lesson handout has the four steps" test "$steps" == 4
  check "lesson handout has each step's summary" grep -q "The whole site lives on one machine" <<<"$text"
else
  skip "handout text is searchable" "pdftotext (poppler-utils) is not installed"
fi

echo "1..$n"
exit $((failed > 0))
