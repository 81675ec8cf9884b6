#!/bin/sh
# Checks the Flatpak manifest offline: flatpak-builder must parse it without
# complaint (it only warns, exit 0, on unknown keys or wrong types, so any
# stderr output is a failure), and the sandbox must stay as narrow as the app
# needs: no network, no filesystem access (files go through the portals).
set -eu

manifest="${1:-$(dirname "$0")/io.github.stackboard.Stackboard.json}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# flatpak-builder leaves a .flatpak-builder/ state folder in the current
# directory: run it from the scratch folder, not the source or build tree.
manifest="$(cd "$(dirname "$manifest")" && pwd)/$(basename "$manifest")"
if ! (cd "$tmp" && flatpak-builder --show-manifest "$manifest") >"$tmp/out" 2>"$tmp/err"; then
  echo "flatpak-builder --show-manifest failed:" >&2
  cat "$tmp/err" >&2
  exit 1
fi
if [ -s "$tmp/err" ]; then
  echo "flatpak-builder --show-manifest printed diagnostics:" >&2
  cat "$tmp/err" >&2
  exit 1
fi

python3 - "$manifest" <<'PY'
import json
import os
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    m = json.load(f)

errors = []

def expect(key, value):
    if m.get(key) != value:
        errors.append(f"{key} is {m.get(key)!r}, expected {value!r}")

expect("id", "io.github.stackboard.Stackboard")
expect("command", "stackboard")
expect("runtime", "org.gnome.Platform")
expect("sdk", "org.gnome.Sdk")

# GNOME 49 is the oldest runtime Flathub supports (each lives a year).
version = str(m.get("runtime-version", ""))
try:
    if float(version) < 49:
        errors.append(f"runtime-version {version!r} is older than 49, which is end-of-life")
except ValueError:
    errors.append(f"runtime-version {version!r} is not a number")

modules = [mod for mod in m.get("modules", []) if isinstance(mod, dict)]
ours = [mod for mod in modules if mod.get("name") == "stackboard"]
if len(ours) != 1:
    errors.append("no module named stackboard")
else:
    mod = ours[0]
    # The tests and benchmarks are half of the build and need tools the
    # SDK does not have.
    if "-Dtests=false" not in mod.get("config-opts", []):
        errors.append("the stackboard module does not build with -Dtests=false")
    # A "dir" source copies the checkout: never its .git, nor a build
    # folder (every top folder .gitignore lists).
    top = os.path.normpath(os.path.join(os.path.dirname(sys.argv[1]), ".."))
    ignored = [".git"]
    with open(os.path.join(top, ".gitignore"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("/") and line.endswith("/") and "*" not in line:
                ignored.append(line.strip("/"))
    for source in mod.get("sources", []):
        if source.get("type") == "dir":
            skip = source.get("skip", [])
            for name in ignored:
                if name not in skip:
                    errors.append(f"the dir source copies {name}/: add it to its skip list")

args = m.get("finish-args", [])
expected = ("--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri")
for needed in expected:
    if needed not in args:
        errors.append(f"finish-args lacks {needed}")
for arg in args:
    if arg not in expected:
        errors.append(f"finish-args has an unexpected permission: {arg}")
    if arg == "--share=network":
        errors.append("finish-args grants network access")
    if arg.startswith("--filesystem"):
        errors.append(f"finish-args grants filesystem access: {arg}")

for e in errors:
    print("error:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
echo "flatpak manifest OK"
