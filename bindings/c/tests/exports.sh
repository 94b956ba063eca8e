#!/usr/bin/env bash
# libpoura_c exports the C API and nothing else: every dynamic symbol it
# defines is a poura_* function declared in poura.h, and every function
# poura.h declares is exported. Each is declared with POURA_SINCE(n), n from 1
# up to POURA_API_VERSION. The WebAssembly builds' export lists name only such
# functions, no deprecated name (the JS wrapper calls the current ones) and
# no office function (the WebAssembly builds have no office). A library built
# without the office (POURA_OFFICE off) exports every declared function but
# the office's, poura_office_* and its revenue section's poura_revenue_*.
#
#   exports.sh --office=on|off <libpoura_c.so> <poura.h> [<wasm exports list>...]
set -euo pipefail

if [ $# -lt 3 ] || { [ "$1" != --office=on ] && [ "$1" != --office=off ]; }; then
  echo "usage: $0 --office=on|off <libpoura_c.so> <poura.h> [<wasm exports list>...]" >&2
  exit 64
fi
office="${1#--office=}"
library="$2"
header="$3"
shift 3
# shellcheck source=declarations.sh
. "$(dirname "$0")/declarations.sh"

table="$(declarations "$header")"
version="$(api_version "$header")"
[ -n "$version" ] || { echo "FAIL: no POURA_API_VERSION in $header" >&2; exit 1; }

exported="$(nm -D --defined-only "$library" | awk '{ print $NF }' | sort)"
declared="$(echo "$table" | cut -d'|' -f1 | sort -u)"
expected="$declared"
if [ "$office" = off ]; then
  expected="$(echo "$declared" | grep -Ev '^poura_(office|revenue)_')"
fi

offenders="$(echo "$exported" | grep -v '^poura_' || true)"
if [ -n "$offenders" ]; then
  echo "$offenders" | c++filt | sed 's/^/  /' >&2
  echo "FAIL: $library exports $(echo "$offenders" | wc -l) symbols outside the C API (above)" >&2
  exit 1
fi
if [ "$exported" != "$expected" ]; then
  diff <(echo "$expected") <(echo "$exported") | sed 's/^/  /' >&2
  echo "FAIL: the exported functions (>) and those poura.h declares with POURA_SINCE (<) differ" \
    "(office: $office)" >&2
  exit 1
fi

out_of_range="$(echo "$table" | awk -F'|' -v api="$version" '$2 !~ /^[0-9]+$/ || $2 < 1 || $2 > api+0 { print $1 " POURA_SINCE(" $2 ")" }')"
if [ -n "$out_of_range" ]; then
  echo "$out_of_range" | sed 's/^/  /' >&2
  echo "FAIL: declared with a version outside 1..$version (POURA_API_VERSION)" >&2
  exit 1
fi

deprecated="$(echo "$table" | awk -F'|' '$3 != "" { print $1 }' | sort)"
for list in "$@"; do
  wanted="$(grep '^poura_' "$list" | sort -u)"
  undeclared="$(comm -23 <(echo "$wanted") <(echo "$declared"))"
  if [ -n "$undeclared" ]; then
    echo "$undeclared" | sed 's/^/  /' >&2
    echo "FAIL: $list names functions poura.h does not declare with POURA_SINCE (above)" >&2
    exit 1
  fi
  office_names="$(echo "$wanted" | grep -E '^poura_(office|revenue)_' || true)"
  if [ -n "$office_names" ]; then
    echo "$office_names" | sed 's/^/  /' >&2
    echo "FAIL: $list names office functions (above), which no WebAssembly build has" >&2
    exit 1
  fi
  old="$(comm -12 <(echo "$wanted") <(echo "$deprecated"))"
  if [ -n "$old" ]; then
    echo "$old" | sed 's/^/  /' >&2
    echo "FAIL: $list exports deprecated names (above); export their replacements" >&2
    exit 1
  fi
done
echo "$(echo "$exported" | wc -l) symbols exported (office: $office), all poura_* functions declared in poura.h" \
  "with a version from 1 to $version; $# WebAssembly export lists checked"
