#!/bin/sh
# AppStream 0.16 exits 0 on most problems and reports them only in its output,
# so the output is what decides: any warning (W:) or error (E:) fails.
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 METAINFO-FILE" >&2
  exit 2
fi

status=0
output="$(appstreamcli validate --no-net --explain "$1" 2>&1)" || status=$?
printf '%s\n' "$output"

if [ "$status" -ne 0 ]; then
  echo "appstreamcli exited with status $status" >&2
  exit 1
fi
if printf '%s\n' "$output" | grep -qE '^[[:space:]]*[WE]: '; then
  echo "appstreamcli reported warnings or errors" >&2
  exit 1
fi
