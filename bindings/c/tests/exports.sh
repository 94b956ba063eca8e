#!/usr/bin/env bash
# libpoura_c exports the C API and nothing else: every dynamic symbol it
# defines is a poura_* function declared in poura.h, and every function
# poura.h declares is exported.
#
#   exports.sh <libpoura_c.so> <poura.h>
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 <libpoura_c.so> <poura.h>" >&2
  exit 64
fi
library="$1"
header="$2"

exported="$(nm -D --defined-only "$library" | awk '{ print $NF }' | sort)"
declared="$(tr '\n' ' ' <"$header" | grep -o 'POURA_C_API [^;(]*(' | grep -o 'poura_[a-z0-9_]*' | sort -u)"

offenders="$(echo "$exported" | grep -v '^poura_' || true)"
if [ -n "$offenders" ]; then
  echo "$offenders" | c++filt | sed 's/^/  /' >&2
  echo "FAIL: $library exports $(echo "$offenders" | wc -l) symbols outside the C API (above)" >&2
  exit 1
fi
if [ "$exported" != "$declared" ]; then
  diff <(echo "$declared") <(echo "$exported") | sed 's/^/  /' >&2
  echo "FAIL: the exported functions (>) and those poura.h declares (<) differ" >&2
  exit 1
fi
echo "$(echo "$exported" | wc -l) symbols exported, all poura_* functions declared in poura.h"
