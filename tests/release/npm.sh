#!/usr/bin/env bash
# The npm package's install test: installs dist/poura-<version>.tgz, and
# nothing else, into an empty folder, checks that it carries both builds,
# their type declarations and its README, and runs quick_start.mjs under Node.
#
#   tests/release/npm.sh <dist> <work-dir>      (<work-dir> is emptied first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../install/lib.sh
. "$here/../install/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 <dist> <work-dir>" >&2; exit 64; }
tarball="$(find "$(cd "$1" && pwd)" -maxdepth 1 -name 'poura-*.tgz' -print -quit)"
[ -n "$tarball" ] || fail "no poura-*.tgz in $1"
rm -rf "$2" && mkdir -p "$2/app"
work="$(cd "$2" && pwd)"

echo "== npm install $tarball into an empty folder"
# The package has no dependencies: nothing may be fetched.
(cd "$work/app" && npm install --offline --no-audit --no-fund --loglevel=error "$tarball")
package="$work/app/node_modules/poura"
for file in package.json README.md dist/poura.js dist/poura.wasm dist/poura.d.ts \
    dist/poura-verify.js dist/poura-verify.wasm dist/poura-verify.d.ts; do
  [ -s "$package/$file" ] || fail "the installed package lacks $file"
done
cp "$here/quick_start.mjs" "$here/../../examples/documents/citizenship.json" "$work/app/"
(cd "$work/app" && node quick_start.mjs citizenship.json) || fail "the quick start under Node"
echo "npm install test passed"
