#!/usr/bin/env bash
# French must be complete: regenerate the template exactly as meson's
# `stackboard-pot` target does, merge po/fr.po into it, and fail when any
# message is untranslated or fuzzy, or when msgfmt --check finds an error
# (a bad format string, a broken header...).
#
#   check-french.sh SOURCE_ROOT BUILD_ROOT
#
# The template is written into a temporary directory, never into po/: the
# xgettext call is the one meson's pot target makes (same xgettext, same
# arguments, read from the build dir's ninja command), with the output
# directory changed.  So no po/stackboard.pot is ever created, even when this
# script fails half-way, and running it beside someone else's `ninja
# stackboard-pot` cannot race on that file.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 SOURCE_ROOT BUILD_ROOT" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
lang=fr

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-french.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The pot target's command, as ninja would run it: meson --internal gettext
# pot --pkgname=... --source-root=... --subdir=po --extra-args=A@@B@@...
cmd=$(ninja -C "$build" -t commands stackboard-pot | grep -- '--internal gettext pot' | tail -n 1 || true)
if [[ -z $cmd ]]; then
  echo "no stackboard-pot command in $build (is it a configured meson build dir?)" >&2
  exit 1
fi
eval "set -- $cmd"

pkgname=stackboard
xgettext=xgettext
extra_args=''
datadirs=''
for arg in "$@"; do
  case $arg in
    --pkgname=*) pkgname=${arg#--pkgname=} ;;
    --xgettext=*) xgettext=${arg#--xgettext=} ;;
    --extra-args=*) extra_args=${arg#--extra-args=} ;;
    --datadirs=*) datadirs=${arg#--datadirs=} ;;
  esac
done

extra=()
if [[ -n $extra_args ]]; then
  rest=$extra_args
  while [[ $rest == *@@* ]]; do
    extra+=("${rest%%@@*}")
    rest=${rest#*@@}
  done
  extra+=("$rest")
fi

# What mesonbuild/scripts/gettext.py (run_potgen) runs, output moved to $tmp.
pot=$tmp/$pkgname.pot
(
  if [[ -n $datadirs ]]; then
    export GETTEXTDATADIRS=$datadirs
  fi
  "$xgettext" --package-name="$pkgname" -p "$tmp" -f "$src/po/POTFILES.in" \
    -D "$src" -k_ -o "$pot" "${extra[@]}" 2>"$tmp/xgettext.log"
) || { cat "$tmp/xgettext.log" >&2; echo "xgettext failed" >&2; exit 1; }

po=$tmp/$lang.po
msgmerge --quiet --no-fuzzy-matching "$src/po/$lang.po" "$pot" -o "$po"

# The entries msgattrib prints, without the header and the msgstr lines.
entries() {
  awk 'BEGIN { RS = ""; ORS = "\n\n" }
       /(^|\n)msgid ""\nmsgstr/ { next }
       { sub(/\nmsgstr(\[[0-9]+\])? .*$/, ""); print }'
}

status=0
if ! msgfmt --check --statistics -o /dev/null "$po" 2>"$tmp/msgfmt.log"; then
  echo "msgfmt --check fails on po/$lang.po merged with the current template:"
  sed "s|$tmp/||" "$tmp/msgfmt.log"
  # The entries those line numbers point at, since the merged file goes away.
  lines=$(grep -oE "^$tmp/$lang\.po:[0-9]+:" "$tmp/msgfmt.log" | cut -d: -f2 | sort -un | tr '\n' ' ')
  if [[ -n $lines ]]; then
    echo
    awk -v want=" $lines" '
      function flush() { if (hit) printf "%s\n", entry; entry = ""; hit = 0 }
      /^[[:space:]]*$/ { flush(); next }
      { entry = entry $0 "\n"; if (index(want, " " NR " ")) hit = 1 }
      END { flush() }' "$po"
  fi
  status=1
fi
stats=$(grep -E 'translated message' "$tmp/msgfmt.log" || true)
echo "po/$lang.po: ${stats:-no statistics}"

if [[ $stats == *fuzzy* ]]; then
  echo
  echo "Fuzzy in po/$lang.po:"
  msgattrib --only-fuzzy --no-obsolete "$po" | entries
  status=1
fi
if [[ $stats == *untranslated* ]]; then
  echo
  echo "Untranslated in po/$lang.po (run ninja stackboard-pot, msgmerge and translate):"
  msgattrib --untranslated --no-obsolete "$po" | entries
  status=1
fi
exit $status
