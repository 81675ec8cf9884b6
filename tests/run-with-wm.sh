#!/usr/bin/env bash
# run-with-wm.sh PROGRAM [ARGS] — runs PROGRAM on the X display with a
# window manager, as a teacher's desktop has one: presentation mode is the
# window fullscreen, and only a window manager makes a window so.  Openbox
# is started when no other manager runs, and stopped afterwards.
set -u
wm=
if [[ -n ${DISPLAY:-} ]] && command -v openbox >/dev/null; then
  ready=$(mktemp -u)
  openbox --sm-disable --startup "touch $ready" >/dev/null 2>&1 &
  wm=$!
  for _ in $(seq 100); do
    [[ -e $ready ]] && break
    # Another manager already runs: openbox gives up at once.
    kill -0 "$wm" 2>/dev/null || { wm=; break; }
    sleep 0.05
  done
  rm -f "$ready"
fi
status=0
"$@" || status=$?
[[ -n $wm ]] && kill "$wm" 2>/dev/null && wait "$wm" 2>/dev/null
exit $status
