#!/bin/sh
# run-tool.sh TOOL[,TOOL...] -- COMMAND [ARG...]
#
# Runs COMMAND when every TOOL is installed.  Otherwise the test is skipped
# (exit 77, meson's code for a skipped test) with a line saying which tool
# is missing — or fails, when the build insists on its test tools
# (meson -Dtest_tools=enabled sets STACKBOARD_TEST_STRICT=1).
set -eu
tools=$1
shift
[ "${1:-}" = "--" ] && shift
missing=
for tool in $(printf '%s' "$tools" | tr ',' ' '); do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  if [ "${STACKBOARD_TEST_STRICT:-0}" = 1 ]; then
    echo "not installed:$missing (the build was configured with -Dtest_tools=enabled)" >&2
    exit 1
  fi
  echo "SKIP: not installed:$missing"
  exit 77
fi
exec "$@"
