#!/usr/bin/env bash
# run-with-wm.sh PROGRAM [ARGS] — runs PROGRAM on an X display of its own,
# with a window manager, as a teacher's desktop has one: presentation mode is
# the window fullscreen, and only a window manager makes a window so.
#
# A display of its own because meson runs the window tests side by side:
# sharing one display, each test's text fields claim the X selections, the
# other test's GTK asks the new owner for its targets, and a test that ends
# mid-transfer leaves GTK's transfer behind (a leak under the sanitizers),
# besides one test's window manager going away under another.  Xvfb picks a
# free display itself (-displayfd), so tests that start together never race
# for one.  Without Xvfb the program runs on the display it was given.
# STACKBOARD_SCREEN sets the screen's size (1920x1080 unless said).
#
# A data folder of its own too: the autosaves and their recovery live there,
# and one test clearing its recoveries must not take another's.
set -u
data=$(mktemp -d)
export XDG_DATA_HOME=$data
xvfb=
if command -v Xvfb >/dev/null; then
  number=$(mktemp)
  Xvfb -displayfd 3 -screen 0 "${STACKBOARD_SCREEN:-1920x1080}x24" -nolisten tcp 3>"$number" >/dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 200); do
    [[ -s $number ]] && break
    kill -0 "$xvfb" 2>/dev/null || break
    sleep 0.05
  done
  if [[ -s $number ]]; then
    export DISPLAY=":$(tr -d '[:space:]' <"$number")"
    unset WAYLAND_DISPLAY
  else
    echo "run-with-wm.sh: Xvfb did not start; staying on DISPLAY=${DISPLAY:-}" >&2
    kill "$xvfb" 2>/dev/null
    xvfb=
  fi
  rm -f "$number"
fi

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
[[ -n $xvfb ]] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
rm -rf "$data"
exit $status
