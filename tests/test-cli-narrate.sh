#!/usr/bin/env bash
# --narrate, --lesson and --questions through the real binary ($STACKBOARD).
# The twin's cases (tests/twin, docs/simulation.md): --narrate's incidents
# count exactly the failures --simulate reports, and those are the figures
# the twin measured.  Every bundled step's script plays to its end with its
# questions and reveals; the handout and its key are PDFs with real text.
# TAP output.
set -uo pipefail

bin=${STACKBOARD:?set STACKBOARD to the stackboard binary}
data=$(dirname "$0")/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset DISPLAY WAYLAND_DISPLAY
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

run () {
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# Runs a Python snippet on $tmp/out (JSON lines); its exit status is the result.
lines () {
  python3 - "$tmp/out" "$@"
}

# --- the twin's cases: 300 reads at 10 a second, 1 ms hops, Nginx on server
# 1 killed at 5 s (and revived at 15 s in one case). ---------------------------
twin=(--rate 10 --read-ratio 1 --hop 0.001)
cases=(
  "round-robin, all healthy|0|"
  "active-active, kill server 1|25|--kill web-1@5"
  "active-passive, kill the active server|50|--mode active-passive --kill web-1@5"
  "redispatch|0|--redispatch --kill web-1@5"
  "active-passive, kill and revive|50|--mode active-passive --kill web-1@5 --revive web-1@15"
  "leastconn, all healthy|0|--algorithm leastconn"
  "source, all healthy|0|--algorithm source"
)
for c in "${cases[@]}"; do
  IFS='|' read -r name expected extra <<<"$c"
  # shellcheck disable=SC2086
  run --simulate 31 "${twin[@]}" $extra
  simulated=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["failed"])' "$tmp/out")
  # shellcheck disable=SC2086
  run --simulate 31 --narrate "${twin[@]}" $extra
  narrated=$(lines <<'PY'
import json, sys
print(sum(json.loads(l).get("failed", 0) for l in open(sys.argv[1])
          if json.loads(l)["event"] == "incident"))
PY
)
  [[ $rc == 0 && $narrated == "$simulated" && $simulated == "$expected" ]]
  ok $? "twin, $name: incident.failed $narrated = --simulate's failed $simulated = $expected"
done

# The active-active case, word for word.
twin+=(--kill web-1@5)
run --simulate 31 --narrate "${twin[@]}"
lines <<'PY'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
down = [e for e in events if e["event"] == "marked-down"]
assert [e["event"] for e in events] == ["killed", "first-failure", "marked-down", "incident"], events
assert down[0] == {"time": 10.0, "event": "marked-down", "subject": "server-1",
                   "text": "The load balancer marks Server 1 down. 3 checks failed: 25 requests "
                           "failed meanwhile, half of the traffic for 5.0 s",
                   "failed": 25, "requests": 50, "since": 5.0, "duration": 5.0, "checks": 3}, down
assert events[1]["time"] == 5.102 and events[1]["request"] == 51
assert events[3]["open"] is True and events[3]["duration"] == 26.0
PY
ok $? "active-active: the marked-down line exactly, times in short decimals"

run --simulate 31 --narrate "${twin[@]}"
cp "$tmp/out" "$tmp/a.jsonl"
run --simulate 31 --narrate "${twin[@]}"
cmp -s "$tmp/out" "$tmp/a.jsonl"
ok $? "--narrate twice gives the same lines"

# --- the bundled lessons ---------------------------------------------------
for step in one-server distributed secured-monitored scale-up; do
  run --narrate --lesson --scenario "$step"
  lines "$step" <<'PY'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
for e in events:
    assert isinstance(e["time"], float) and e["event"] and e["text"], e
kinds = [e["event"] for e in events]
questions = [e for e in events if e["event"] == "question"]
answers = [e for e in events if e["event"] == "reveal" and "number" in e]
assert questions and len(questions) == len(answers), kinds
for q, a in zip(questions, answers):
    assert q["time"] == a["time"] and q["number"] == a["number"]
    assert 2 <= len(q["choices"]) <= 4 and 1 <= a["answer"] <= len(q["choices"])
    assert a["vote"] is None and a["text"].startswith("Answer %d: " % a["answer"])
assert "killed" in kinds, kinds
assert max(e["time"] for e in events) <= 60.0
PY
  ok $? "--narrate --lesson --scenario $step: questions, each revealed"
done

run --narrate --lesson --scenario distributed
lines <<'PY'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
first = next(e for e in events if e["event"] == "question")
assert first == {"time": 10.0, "event": "question", "subject": "server-1",
                 "text": "Question 1: Server 1 dies now. What do visitors see?", "number": 1,
                 "question": "Server 1 dies now. What do visitors see?",
                 "choices": ["Nothing: the load balancer switches to server 2 at once",
                             "Some requests fail for a few seconds, until the load balancer stops sending to server 1",
                             "Every request fails until server 1 is back"]}, first
kinds = [e["event"] for e in events]
for kind in ("killed", "marked-down", "promoted", "revived", "marked-up", "incident"):
    assert kind in kinds, kind
PY
ok $? "step 2: server 1 dies, the question, the load balancer's reaction, the promotion"

run --narrate --lesson --scenario scale-up
grep -q '"event":"vip-moved","subject":"lb-2"' "$tmp/out"
ok $? "step 4: the virtual IP moves"
run --narrate --lesson --scenario secured-monitored
grep -q '"event":"alert","subject":"app-1"' "$tmp/out" && grep -q '"event":"firewall-opened"' "$tmp/out"
ok $? "step 3: a monitoring alert and the firewall opened"

# --lesson also plays the script under --simulate and --export.
run --simulate 60 --lesson --scenario distributed
grep -q '"primary" : "db-2"' "$tmp/out"
ok $? "--simulate --lesson: the script promoted db-2"
run --simulate 60 --lesson --scenario distributed --kill db-2@50
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["down"] == ["db-2"]' "$tmp/out"
ok $? "--simulate --lesson with --kill: both play"
run --export "$tmp/with.png" --lesson --time 12 --width 400 --height 225
with=$rc
run --export "$tmp/plain.png" --time 12 --width 400 --height 225
[[ $with == 0 && $rc == 0 ]] && ! cmp -s "$tmp/with.png" "$tmp/plain.png"
ok $? "--export --lesson draws the script's kill"

# French.
localedir=$(cd "$(dirname "$bin")/.." && pwd)/po
STACKBOARD_LOCALEDIR=$localedir LANGUAGE=fr "$bin" --narrate --lesson --scenario distributed >"$tmp/out" 2>&1
grep -q 'Le répartiteur de charge déclare Serveur 1 hors service' "$tmp/out" \
  && grep -q '"question":"Le serveur 1 tombe en panne maintenant. Que voient les visiteurs' "$tmp/out"
ok $? "--narrate in French"

# --- bad input ----------------------------------------------------------------
expect_error () {   # NAME PATTERN ARGS...: exit 1, nothing on stdout, PATTERN on stderr
  local name=$1 pattern=$2
  shift 2
  run "$@"
  [[ $rc == 1 && ! -s $tmp/out && $(cat "$tmp/err") == *"$pattern"* ]]
  ok $? "$name"
}
expect_error "--narrate alone" "--narrate needs --simulate SECONDS or --lesson" --narrate
expect_error "--answers alone" "--answers goes with --questions" --spof --answers
expect_error "--lesson with --spof" "--lesson goes with" --spof --lesson
expect_error "--lesson on a scenario without a script" \
  "scenario “three-servers” has no lesson script" --narrate --lesson --scenario "$data/good/three-servers.json"
cat >"$tmp/refused.json" <<EOF
$(python3 - "$data/good/three-servers.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["script"] = {"moments": [{"time": 5, "action": "kill", "target": "db-2"},
                           {"time": 10, "action": "promote", "target": "db-2"}]}
print(json.dumps(s))
PY
)
EOF
expect_error "a script action the simulation refuses names its moment" \
  "script.moments[1]: “db-2” is down and cannot be promoted" --narrate --lesson --scenario "$tmp/refused.json"
expect_error "--questions and both --scenario and --lesson" "not both" \
  --questions "$tmp/q.pdf" --lesson --scenario distributed
expect_error "--questions on a scenario without a script" "has no lesson script" \
  --questions "$tmp/q.pdf" --scenario "$data/good/three-servers.json"
expect_error "--questions into a folder that does not exist" "$tmp/no/such" \
  --questions "$tmp/no/such/q.pdf"

# --- the handout and its key ---------------------------------------------------
if ! command -v pdftotext >/dev/null; then
  echo "# pdftotext (poppler-utils) is missing: the handout's text cannot be read"
  ok 1 "pdftotext available"
  echo "1..$n"
  exit 1
fi
run --questions "$tmp/q.pdf" --scenario distributed
pdftotext -layout "$tmp/q.pdf" "$tmp/q.txt"
[[ $rc == 0 && $(head -c 5 "$tmp/q.pdf") == "%PDF-" ]] \
  && grep -q "Server 1 dies now. What do visitors see?" "$tmp/q.txt" \
  && grep -q "2. Some requests fail for a few seconds" "$tmp/q.txt" \
  && grep -q "Question 2" "$tmp/q.txt" && grep -q "Name:" "$tmp/q.txt" \
  && ! grep -q "Answer" "$tmp/q.txt" && ! grep -q "health checks, every 2 s" "$tmp/q.txt"
ok $? "--questions: the questions and choices, no answer"

run --questions "$tmp/key.pdf" --answers --scenario distributed
pdftotext "$tmp/key.pdf" "$tmp/key.txt"
[[ $rc == 0 ]] && grep -q "Answer key" "$tmp/key.txt" \
  && grep -q "Answer 2: Some requests fail for a few seconds" "$tmp/key.txt" \
  && grep -q "The load balancer only learns from its health checks" "$tmp/key.txt" \
  && grep -q "Answer 2: They work again, on server 2" "$tmp/key.txt"
ok $? "--questions --answers: each right choice and what reveals it"

run --questions "$tmp/lesson.pdf" --lesson
pdftotext "$tmp/lesson.pdf" "$tmp/lesson.txt"
[[ $rc == 0 ]] && grep -q "Step 1: One server" "$tmp/lesson.txt" \
  && grep -q "Step 4: Scaled up" "$tmp/lesson.txt" \
  && grep -q "Who raises the alarm first?" "$tmp/lesson.txt" \
  && [[ $(pdfinfo "$tmp/lesson.pdf" | awk '/^Pages:/ { print $2 }') -ge 2 ]]
ok $? "--questions --lesson: the four steps, over more than one page"

run --questions "$tmp/default.pdf"
pdftotext "$tmp/default.pdf" - | diff -q - "$tmp/lesson.txt" >/dev/null
ok $? "--questions without --scenario is the whole lesson"

STACKBOARD_LOCALEDIR=$localedir LANGUAGE=fr "$bin" --questions "$tmp/fr.pdf" --answers --scenario one-server
pdftotext "$tmp/fr.pdf" - | grep -q "Corrigé"
ok $? "the answer key in French"

echo "1..$n"
exit $failed
