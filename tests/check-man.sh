#!/usr/bin/env bash
# check-man.sh MAN-PAGE — the manual page documents what the program does:
# every option `stackboard --help` lists (so a new option without its
# paragraph fails here), the sections a manual page needs, the version;
# and groff reads it without a warning.
set -uo pipefail
sb=${STACKBOARD:?}
page=$1
n=0 failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check () { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

help=$("$sb" --help)
mapfile -t options < <(sed -n 's/^  \(-., \)\?--\([a-z-]*\).*/\2/p' <<<"$help")
check "--help lists options" test "${#options[@]}" -gt 20
# The paragraph tags (the line after .TP or .TQ) of COMMANDS and OPTIONS,
# with roff's \- read as -.
tags=$(awk '/^\.SH /{ inside = ($2 == "COMMANDS" || $2 == "OPTIONS") }
            inside && tag { print } { tag = /^\.(TP|TQ)/ }' "$page" | sed 's/\\-/-/g')
for option in "${options[@]}"; do
  check "the manual documents --$option" grep -qE -- "--$option( |\"|,|$)" <<<"$tags"
done
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS '"EXIT STATUS"' FILES ENVIRONMENT; do
  check "section $section" grep -qx "\.SH $section" "$page"
done
version=$("$sb" --version)
check "the manual's version is the program's" grep -q "^\.TH STACKBOARD 1 .*\"Stackboard ${version#stackboard }\"" "$page"
if command -v groff >/dev/null; then
  warnings=$(LC_ALL=C.UTF-8 groff -man -ww -z "$page" 2>&1)
  check "groff reads it without a warning${warnings:+: $warnings}" test -z "$warnings"
else
  n=$((n + 1)); echo "ok $n # SKIP groff is not installed"
fi
echo "1..$n"
exit $((failed > 0))
