#!/usr/bin/env bash
# test-config-real.sh — every configuration file Stackboard writes passes
# the real tools: `haproxy -c` for haproxy.cfg (with a self-signed
# certificate where the file expects one), `nginx -t` for each site inside
# a standalone wrapper, `keepalived --config-test` for each cluster member.
# For every bundled scenario and every balancing algorithm, mode and
# redispatch setting.
#
# A tool that is not installed (a Flatpak SDK, a bare machine) skips its
# checks with one line saying so; a build that insists on its test tools
# (meson -Dtest_tools=enabled sets STACKBOARD_TEST_STRICT=1) fails instead.
set -uo pipefail
sb=${STACKBOARD:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/log"; }

# Sets VAR to the tool's path, or reports the tool missing (a skip, or a
# failure when strict), leaves VAR empty and returns 1.
find_tool () {   # VAR NAME WHAT-IT-CHECKS
  local -n path=$1
  path=$(command -v "$2" || { [[ -x /usr/sbin/$2 ]] && echo "/usr/sbin/$2"; }) && return 0
  path=
  n=$((n + 1))
  if [[ ${STACKBOARD_TEST_STRICT:-0} == 1 ]]; then
    failed=$((failed + 1))
    echo "not ok $n - $3: $2 is not installed (-Dtest_tools=enabled)"
  else
    echo "ok $n # SKIP $3: $2 is not installed"
  fi
  return 1
}
find_tool nginx nginx "nginx -t"
find_tool keepalived keepalived "keepalived --config-test"
if ! find_tool haproxy haproxy "haproxy -c" || ! find_tool openssl openssl "haproxy -c (its certificate)"; then
  haproxy=
fi
source "$(dirname "$0")/config-checks.sh"

for scenario in $("$sb" --list-scenarios); do
  for algorithm in roundrobin leastconn source; do
    for mode in active-active active-passive; do
      for redispatch in "" --redispatch; do
        name="$scenario $algorithm $mode ${redispatch:-no-redispatch}"
        out=$tmp/$scenario-$algorithm-$mode${redispatch}
        if ! "$sb" --export-config "$out" --scenario "$scenario" --algorithm "$algorithm" \
               --mode "$mode" $redispatch >"$tmp/log" 2>&1; then
          not_ok "export-config $name"
          continue
        fi
        if [[ -n $haproxy && -f $out/haproxy/haproxy.cfg ]]; then
          if check_haproxy "$out/haproxy/haproxy.cfg" >"$tmp/log" 2>&1; then
            ok "haproxy -c: $name"
          else
            not_ok "haproxy -c: $name"
          fi
        fi
        for conf in "$out"/keepalived/*.conf; do
          [[ -n $keepalived && -f $conf ]] || continue
          if check_keepalived "$conf" >"$tmp/log" 2>&1; then
            ok "keepalived -t: $name $(basename "$conf")"
          else
            not_ok "keepalived -t: $name $(basename "$conf")"
          fi
        done
        for site in "$out"/nginx/*.conf; do
          [[ -n $nginx ]] || continue
          if check_nginx_site "$site" >"$tmp/log" 2>&1; then
            ok "nginx -t: $name $(basename "$site")"
          else
            not_ok "nginx -t: $name $(basename "$site")"
          fi
        done
      done
    done
  done
done
# A bad folder is a clear error, not a crash.
if "$sb" --export-config /proc/no/such >"$tmp/log" 2>&1; then
  not_ok "export-config into an impossible folder fails"
else
  grep -q "/proc/no" "$tmp/log" && ok "export-config names the impossible folder" || not_ok "export-config names the impossible folder"
fi
echo "1..$n"
exit $((failed > 0))
