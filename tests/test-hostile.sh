#!/usr/bin/env bash
# test-hostile.sh — the hostile corpus (tests/data/hostile, written by
# tests/data/make-hostile-corpus.py) and the hostile folders, files and
# options of docs/hardening.md, through the command line.
#
# For each file: `--check` gives exactly the outcome EXPECTED says.  For
# each file it accepts: `--export-config` writes only files with safe
# names inside the folder given, with no control character anywhere; its
# ufw scripts, run against a stub `ufw` that records its arguments, make
# only the calls a firewall script should; `haproxy -c`, `nginx -t` and
# `keepalived --config-test` accept its files (skipped where a tool is
# missing).  Then: links planted in the folder, a folder where a file
# goes, an empty folder name, FIFOs and devices, a value that is not text,
# and the progress line of a long --simulate.
set -uo pipefail
sb=${STACKBOARD:?}
data=$(cd "$(dirname "$0")/data/hostile" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset DISPLAY WAYLAND_DISPLAY
n=0 failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '# %s\n' "$@"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
run () { "$sb" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; out=$(<"$tmp/out"); err=$(<"$tmp/err"); }

tools=1
for tool in haproxy nginx keepalived openssl; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || tools=0
done
((tools)) && source "$(dirname "$0")/config-checks.sh"

# A stub ufw: each call is one line of its arguments, each in <>, in
# $tmp/ufw.log.  A script that ran anything else leaves a trace in canary.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/ufw" <<'STUB'
#!/bin/sh
line=
for arg in "$@"; do line="$line<$arg>"; done
printf '%s\n' "$line" >>"$UFW_LOG"
STUB
chmod +x "$tmp/bin/ufw"

ip_ok () {   # WORD: a plain IPv4 or IPv6 address, or a network of the admin rule
  [[ $1 =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}(/8)?$ || $1 =~ ^[0-9a-fA-F:]+(/7)?$ ]]
}

# Every call a generated firewall script may make.
ufw_call_ok () {   # LINE as the stub logged it
  local l=$1 re_from='^<allow><from><([^>]*)><to><any><port><(80|3306|22)><proto><tcp>$'
  case $l in
    '<--force><reset>' | '<default><deny><incoming>' | '<default><allow><outgoing>' \
      | '<allow><80/tcp>' | '<allow><443/tcp>' | '<--force><enable>') return 0 ;;
  esac
  [[ $l =~ $re_from ]] && ip_ok "${BASH_REMATCH[1]}"
}

check_ufw () {   # NAME DIR
  local script calls=0 bad=0 expected=0
  for script in "$2"/firewall/*.sh; do
    [[ -e $script ]] || continue
    : >"$tmp/ufw.log"
    (cd "$tmp/jail" && UFW_LOG=$tmp/ufw.log PATH=$tmp/bin:$PATH sh "$script") >/dev/null 2>&1 \
      || bad=$((bad + 1))
    expected=$((expected + $(grep -c '^ufw ' "$script")))
    calls=$((calls + $(wc -l <"$tmp/ufw.log")))
    while IFS= read -r line; do ufw_call_ok "$line" || { bad=$((bad + 1)); echo "# $line"; }; done <"$tmp/ufw.log"
  done
  if ((bad == 0 && calls == expected)) && [[ -z $(ls -A "$tmp/jail") ]]; then
    ok "$1: ufw scripts make only firewall calls ($calls)"
  else
    not_ok "$1: ufw scripts make only firewall calls" "$bad bad, $calls calls of $expected" "$(ls -A "$tmp/jail")"
  fi
}

# Inside JAIL only DIR; inside DIR only files with safe names under one
# folder level, no link, nothing left over; in no file a control character
# (C0 but the line ends, DEL, C1, U+2028/9).
check_contained () {   # NAME JAIL DIR
  if python3 - "$2" "$3" 2>"$tmp/py" <<'PY'
import os, re, sys
jail, out = sys.argv[1], sys.argv[2]
for root, dirs, files in os.walk(jail):
    for name in dirs + files:
        path = os.path.join(root, name)
        assert path == out or path.startswith(out + "/"), "outside: " + path
        assert not os.path.islink(path), "a link: " + path
        if path == out:
            continue
        rel = os.path.relpath(path, out)
        assert re.fullmatch(r"[a-z]+(/[A-Za-z0-9_-][A-Za-z0-9._-]*)?", rel), "a name: " + rel
        if os.path.isfile(path):
            text = open(path, "rb").read().decode("utf-8")
            bad = re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", text)
            assert bad is None, "%s holds %r" % (rel, bad and bad.group())
PY
  then
    ok "$1: every exported path inside its folder, safe names, no control character"
  else
    not_ok "$1: every exported path inside its folder, safe names, no control character" \
      "$(tail -1 "$tmp/py")"
  fi
}

check_tools () {   # NAME DIR
  local f failures=""
  if ((!tools)) && [[ ${STACKBOARD_TEST_STRICT:-0} == 1 ]]; then
    not_ok "$1: haproxy, nginx and keepalived accept the files" "a tool is missing (-Dtest_tools=enabled)"
    return
  elif ((!tools)); then
    skip "$1: haproxy, nginx and keepalived accept the files" "a tool is missing"
    return
  fi
  [[ -f $2/haproxy/haproxy.cfg ]] && { check_haproxy "$2/haproxy/haproxy.cfg" >"$tmp/log" 2>&1 || failures+=" haproxy.cfg"; }
  for f in "$2"/nginx/*.conf; do
    [[ -f $f ]] && { check_nginx_site "$f" >>"$tmp/log" 2>&1 || failures+=" $(basename "$f")"; }
  done
  for f in "$2"/keepalived/*.conf; do
    [[ -f $f ]] && { check_keepalived "$f" >>"$tmp/log" 2>&1 || failures+=" $(basename "$f")"; }
  done
  if [[ -z $failures ]]; then
    ok "$1: haproxy -c, nginx -t and keepalived --config-test accept the files"
  else
    not_ok "$1: the real tools refuse$failures" "$(cat "$tmp/log")"
  fi
}

# --- The corpus ------------------------------------------------------------

mkdir -p "$tmp/exports" "$tmp/jail"
while IFS=$'\t' read -r file outcome message; do
  [[ $file == \#* || -z $file ]] && continue
  run --check "$data/$file"
  if [[ $outcome == ok ]]; then
    [[ $rc == 0 && $out == ok && -z $err ]] && ok "check accepts $file" \
      || not_ok "check accepts $file" "rc=$rc" "$err"
    jail=$tmp/exports/${file%.json}
    dir=$jail/out
    run --export-config "$dir" --scenario "$data/$file"
    if [[ $rc != 0 ]]; then
      not_ok "$file: export-config" "$err"
      continue
    fi
    check_contained "$file" "$jail" "$dir"
    check_ufw "$file" "$dir"
    check_tools "$file" "$dir"
  else
    [[ $rc == 1 && -z $out && $err == "$data/$file: $message" ]] && ok "check refuses $file" \
      || not_ok "check refuses $file" "rc=$rc" "expected: $data/$file: $message" "got:      $err"
  fi
done <"$data/EXPECTED"

# The IPv6 designs: AAAA records, addresses in brackets, Nginx on [::].
v6=$tmp/exports/ipv6-scale-up/out
if grep -q '^www  IN AAAA 2001:db8::100$' "$v6/dns/foobar.com.zone" \
   && grep -q 'server web-server-1 \[2001:db8::11\]:80 ' "$v6/haproxy/haproxy.cfg" \
   && grep -q 'server \[2001:db8::21\]:8000;' "$v6/nginx/web-server-1.conf" \
   && grep -q 'listen \[::\]:80;' "$v6/nginx/web-server-1.conf" \
   && grep -q "SOURCE_HOST = '2001:db8::31'," "$v6/mysql/db-2-replication.sql"; then
  ok "ipv6-scale-up: AAAA record, bracketed addresses, Nginx on [::]"
else
  not_ok "ipv6-scale-up: AAAA record, bracketed addresses, Nginx on [::]"
fi
grep -q '^    bind \[::\]:443 v4v6 ssl crt' "$tmp/exports/ipv6-secured/out/haproxy/haproxy.cfg" \
  && ok "ipv6-secured: HAProxy listens on both families" \
  || not_ok "ipv6-secured: HAProxy listens on both families"

# --- Folders ---------------------------------------------------------------

# A link planted where a folder of the export goes: refused before anything
# is written; what it points at is untouched.
mkdir -p "$tmp/victim" "$tmp/planted"
ln -s "$tmp/victim" "$tmp/planted/haproxy"
run --export-config "$tmp/planted" --scenario distributed
if [[ $rc == 1 && $err == *"$tmp/planted/haproxy is a symbolic link"*"nothing was written"* \
      && -z $(ls -A "$tmp/victim") && $(ls -A "$tmp/planted") == haproxy ]]; then
  ok "a link planted as haproxy/ is not followed, nothing written"
else
  not_ok "a link planted as haproxy/ is not followed, nothing written" "rc=$rc $err" "$(ls -AR "$tmp/planted" "$tmp/victim")"
fi
# ... and where a file goes.
echo original >"$tmp/victim/file"
mkdir -p "$tmp/planted2/nginx"
ln -s "$tmp/victim/file" "$tmp/planted2/nginx/server-1.conf"
run --export-config "$tmp/planted2" --scenario distributed
if [[ $rc == 1 && $err == *"nginx/server-1.conf is a symbolic link"* && $(<"$tmp/victim/file") == original \
      && $(cd "$tmp/planted2" && find . -mindepth 1 | sort | tr '\n' ' ') == "./nginx ./nginx/server-1.conf " ]]; then
  ok "a link planted as nginx/server-1.conf is not followed, nothing written"
else
  not_ok "a link planted as nginx/server-1.conf is not followed" "rc=$rc $err" "$(cd "$tmp/planted2" && find .)"
fi
# A file where a folder goes: all or nothing.
mkdir -p "$tmp/half"
echo mine >"$tmp/half/mysql"
run --export-config "$tmp/half" --scenario distributed
if [[ $rc == 1 && $(ls -A "$tmp/half") == mysql && $(<"$tmp/half/mysql") == mine ]]; then
  ok "a failed export leaves no file behind"
else
  not_ok "a failed export leaves no file behind" "rc=$rc $err" "$(ls -AR "$tmp/half")"
fi
# Writing again replaces the files, leaving nothing else.
run --export-config "$tmp/again" --scenario distributed && run --export-config "$tmp/again" --scenario one-server
listing=$(cd "$tmp/again" && find . -type f | sort | tr '\n' ' ')
if [[ $rc == 0 && $listing == "./dns/foobar.com.zone ./haproxy/haproxy.cfg ./mysql/db-1.cnf ./mysql/db-2-replication.sql ./mysql/db-2.cnf ./nginx/server-1.conf ./nginx/server-2.conf " ]] \
   && grep -q 'one-server\|listen 80' "$tmp/again/nginx/server-1.conf"; then
  ok "exporting again replaces the files and leaves no temporary folder"
else
  not_ok "exporting again replaces the files and leaves no temporary folder" "$listing"
fi
(cd "$tmp/jail" && "$sb" --export-config '' >"$tmp/out" 2>"$tmp/err"); rc=$?
if [[ $rc == 1 && $(<"$tmp/err") == "stackboard: --export-config: the file or folder name is empty" && -z $(ls -A "$tmp/jail") ]]; then
  ok "an empty folder name is refused, nothing written in the current folder"
else
  not_ok "an empty folder name is refused" "rc=$rc $(<"$tmp/err")"
fi

# --- Files that are not files ------------------------------------------------

mkfifo "$tmp/fifo.json"
for args in "--check $tmp/fifo.json" "--spof --scenario $tmp/fifo.json"; do
  start=$SECONDS
  # shellcheck disable=SC2086
  timeout 10 "$sb" $args >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [[ $rc == 1 && $(<"$tmp/err") == *"$tmp/fifo.json: a named pipe (FIFO), not a file" ]] && ((SECONDS - start < 5)); then
    ok "${args%% *} refuses a FIFO at once"
  else
    not_ok "${args%% *} refuses a FIFO at once" "rc=$rc $(<"$tmp/err")"
  fi
done
run --check /dev/zero
[[ $rc == 1 && $err == "/dev/zero: a device, not a file" ]] && ok "check refuses a device" \
  || not_ok "check refuses a device" "$err"

# --- Options -----------------------------------------------------------------

run --simulate 1 --rate $'1\xff'
[[ $rc == 1 && $err == "stackboard: --rate: the value is not text in the encoding of the locale ("* ]] \
  && ok "a value that is not text names its option" || not_ok "a value that is not text names its option" "$err"
run --simulate $'\xfe'
[[ $rc == 1 && $err == "stackboard: --simulate: "* ]] && ok "... --simulate too" || not_ok "... --simulate too" "$err"

# --- Requests that never finish ---------------------------------------

run --simulate 3600 --scenario "$data/slow-hop-fast-rate.json"
if [[ $rc == 0 ]] && python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["requests"] == 3600000, r["requests"]
assert r["in_flight"] <= 10000 and r["succeeded"] == 0, r
assert r["failure_reasons"] == {"timed out": r["failed"]}, r["failure_reasons"]
' "$tmp/out"; then
  ok "an hour at 1000/s with a hop of a day: at most 10000 in flight, the rest timed out"
else
  not_ok "an hour at 1000/s with a hop of a day" "rc=$rc $err"
fi
# Progress on stderr only when it is a terminal (script(1) gives it one).
if command -v script >/dev/null; then
  script -qec "$sb --simulate 86400 --rate 20 2>&1 >/dev/null" /dev/null >"$tmp/tty" 2>&1
  if grep -q 'of 86400 simulated seconds (100%)' "$tmp/tty"; then
    ok "a long --simulate shows its progress on a terminal"
  else
    not_ok "a long --simulate shows its progress on a terminal" "$(od -c "$tmp/tty" | head -5)"
  fi
else
  skip "a long --simulate shows its progress on a terminal" "no script(1)"
fi
run --simulate 86400 --rate 20
[[ $rc == 0 && -z $err ]] && ok "... and nothing when stderr is not a terminal" \
  || not_ok "... and nothing when stderr is not a terminal" "$err"

echo "1..$n"
exit $((failed > 0))
