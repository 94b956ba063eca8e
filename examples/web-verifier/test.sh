#!/usr/bin/env bash
# The browser verifier's end-to-end tests, as CI runs them: installs the npm
# packages, finds the `poura` CLI in a build folder (or builds it there), makes
# sure Poura's WebAssembly package is built, then runs the Playwright tests in
# headless Chromium. Screenshots land in BUILD_DIR/web-verifier/screenshots.
#
#   examples/web-verifier/test.sh [BUILD_DIR]     (default: build, the default preset's folder)
#
#   POURA_CLI        the poura tool to use instead of BUILD_DIR/bindings/cli/poura
#   POURA_WASM_DIST  the built wasm package (default: wasm/package/dist, made by wasm/build.sh)
#   CHROMIUM         the browser (default: /usr/bin/chromium, Debian's package)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="$(realpath -m "${1:-$repo/build}")"

cli="${POURA_CLI:-$build/bindings/cli/poura}"
if [ ! -x "$cli" ]; then
  echo "web-verifier: building the poura CLI in $build"
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build "$build" --target poura_cli
fi

export POURA_WASM_DIST="${POURA_WASM_DIST:-$repo/wasm/package/dist}"
if [ ! -f "$POURA_WASM_DIST/poura-verify.js" ] || [ ! -f "$POURA_WASM_DIST/poura-verify.wasm" ]; then
  echo "web-verifier: building the WebAssembly package"
  "$repo/wasm/build.sh"
fi

cd "$here"
npm ci --no-audit --no-fund --loglevel=error

work="$build/web-verifier"
rm -rf "$work"
mkdir -p "$work"
POURA_CLI="$cli" WEB_VERIFIER_WORK="$work" node --test --test-concurrency=1 tests/
