#!/usr/bin/env bash
# poura.h keeps its own rules (its "Strings" and "Versions" conventions):
# - a function that makes a poura_buffer is named with a verb (`to`, or
#   `sign`, `render`, `read`, the office's `add`, `apply`, `act`, `revoke`,
#   `print`, `send`, and its revenue section's `update`, `mutate`, `assess`,
#   `object`, `review`, `issue`, `renew`, `surrender`, `run`, `pay`,
#   `import`), an accessor lending text through `const char **` with none of
#   them;
# - each deprecated name declares a replacement, current and with the same
#   parameters;
# - POURA_SINCE(n) exists for n = 1 .. POURA_API_VERSION and no further, so a
#   future or mistyped version fails to compile, and a deprecated name warns
#   unless POURA_NO_DEPRECATED_WARNINGS is defined.
#
#   header.sh <poura.h> <C compiler>
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 <poura.h> <C compiler>" >&2
  exit 64
fi
header="$1"
cc="$2"
# shellcheck source=declarations.sh
. "$(dirname "$0")/declarations.sh"
table="$(declarations "$header")"
version="$(api_version "$header")"
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

while IFS="|" read -r name _ replacement parameters; do
  [ -z "$replacement" ] || continue
  case "_${name#poura_}_" in
    *_to_* | *_sign_* | *_sign | *_render_* | *_read_*) verb=yes ;;
    *_add_* | *_apply_* | *_act_* | *_revoke_* | *_print_* | *_send_*) verb=yes ;;
    *_update_* | *_mutate_* | *_assess_* | *_object_* | *_review_* | *_issue_* | *_renew_* | *_surrender_*) verb=yes ;;
    *_run_* | *_pay_* | *_import_*) verb=yes ;;
    *) verb=no ;;
  esac
  case "$parameters" in
    *"poura_buffer **"*) [ "$verb" = yes ] || fail "$name makes a poura_buffer but is not named with a verb" ;;
  esac
  case "$parameters" in
    *"const char **"*) [ "$verb" = no ] || fail "$name lends text but is named with a verb that makes it" ;;
  esac
done <<<"$table"

while IFS="|" read -r name _ replacement parameters; do
  [ -n "$replacement" ] || continue
  current="$(echo "$table" | awk -F'|' -v n="$replacement" '$1 == n && $3 == ""')"
  if [ -z "$current" ]; then
    fail "$name is deprecated for $replacement, which is not a current function of poura.h"
  elif [ "$(echo "$current" | cut -d'|' -f4)" != "$parameters" ]; then
    fail "$name and its replacement $replacement take different parameters"
  fi
done <<<"$table"

defined="$(sed -n 's/^#define POURA_SINCE_\([0-9][0-9]*\) .*/\1/p' "$header" | paste -sd ' ')"
[ "$defined" = "$(seq -s ' ' 1 "$version")" ] ||
  fail "POURA_SINCE_n is defined for n = $defined; POURA_API_VERSION is $version"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Compiles a C file including poura.h with these extra flags; true if it compiles.
compiles() {
  local source="$1"
  shift
  "$cc" -std=c99 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -I "$(dirname "$header")" "$@" "$source" 2>"$work/errors"
}
printf '#include <poura.h>\nPOURA_SINCE(%s) int poura_example(void);\n' "$version" >"$work/current.c"
printf '#include <poura.h>\nPOURA_SINCE(%s) int poura_example(void);\n' "$((version + 1))" >"$work/future.c"
compiles "$work/current.c" || fail "POURA_SINCE($version) does not compile: $(cat "$work/errors")"
! compiles "$work/future.c" || fail "POURA_SINCE($((version + 1))) compiles, past POURA_API_VERSION"

for old in $(echo "$table" | awk -F'|' '$3 != "" { print $1 }'); do
  printf '#include <poura.h>\nvoid use_old_name(void);\nvoid use_old_name(void) { (void)%s; }\n' "$old" \
    >"$work/deprecated.c"
  ! compiles "$work/deprecated.c" || fail "$old compiles without a deprecation warning"
  compiles "$work/deprecated.c" -DPOURA_NO_DEPRECATED_WARNINGS ||
    fail "$old warns with POURA_NO_DEPRECATED_WARNINGS: $(cat "$work/errors")"
done

[ "$failures" -eq 0 ] || exit 1
echo "$(echo "$table" | wc -l) declarations follow poura.h's rules; POURA_SINCE(1..$version)"
