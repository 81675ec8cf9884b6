#!/usr/bin/env bash
# Every source with a translatable string is listed in po/POTFILES.in,
# and every listed file exists — otherwise French silently misses strings.
set -euo pipefail
top=$1
cd "$top"
status=0
while IFS= read -r file; do
  if ! grep -qxF "$file" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $file"
    status=1
  fi
done < <(grep -rlE '(^|[^A-Za-z_])N?_\("|translatable="yes"' src ui data --include='*.c' --include='*.h' --include='*.ui' --include='*.in' --include='*.xml' | sort)
while IFS= read -r file; do
  [[ -z $file || $file == \#* ]] && continue
  [[ -f $file ]] || { echo "listed but missing: $file"; status=1; }
done < po/POTFILES.in
exit $status
