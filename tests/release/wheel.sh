#!/usr/bin/env bash
# The Python wheel's install test: installs dist/poura-<version>-*.whl into a
# fresh virtualenv, from the file alone (no index, no source distribution,
# no compiler on the PATH), and runs the Python quick start against the
# installed package: docs/python.md's first snippet, in a folder holding only
# the sample document it reads, and examples/python/verify_certificate.py.
#
#   tests/release/wheel.sh <dist> <work-dir>      (<work-dir> is emptied first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../install/lib.sh
. "$here/../install/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 <dist> <work-dir>" >&2; exit 64; }
wheel="$(find "$(cd "$1" && pwd)" -maxdepth 1 -name 'poura-*.whl' -print -quit)"
[ -n "$wheel" ] || fail "no poura-*.whl in $1"
rm -rf "$2" && mkdir -p "$2"
work="$(cd "$2" && pwd)"

echo "== $(basename "$wheel") into a fresh virtualenv"
python3 -m venv "$work/venv"
# A folder of links to what pip and Python need, and no cc, c++ or cmake:
# installing the wheel must build nothing.
mkdir "$work/bin"
for tool in sh env uname ldconfig; do
  path="$(command -v "$tool" || true)"
  [ -z "$path" ] || ln -s "$path" "$work/bin/$tool"
done
PATH="$work/venv/bin:$work/bin" "$work/venv/bin/pip" install -q --disable-pip-version-check \
  --no-index --only-binary=:all: "$wheel" || fail "installing the wheel"

echo "== the Python quick start"
cd "$work"
location="$("$work/venv/bin/python" -c 'import poura; print(poura.__file__)')"
case "$location" in
  "$work/venv/"*) ;;
  *) fail "poura was imported from $location, not from the virtualenv" ;;
esac
mkdir -p "$work/examples/documents"
cp "$here/../../examples/documents/citizenship.json" "$work/examples/documents/"
snippet="$(awk '/^```python$/ { inside = 1; next } inside && /^```$/ { exit } inside' "$here/../../docs/python.md")"
[ -n "$snippet" ] || fail "no Python snippet in docs/python.md"
verdict="$("$work/venv/bin/python" -c "$snippet")" || fail "docs/python.md's quick start"
echo "$verdict"
case "$verdict" in valid*"Mst. Rahima Khatun"*) ;; *) fail "the quick start did not print a valid verdict" ;; esac
"$work/venv/bin/python" "$here/../../examples/python/verify_certificate.py" || fail "the example script"
echo "wheel install test passed"
