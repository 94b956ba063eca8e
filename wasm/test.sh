#!/usr/bin/env bash
# What CI runs for the WebAssembly package: builds both builds (wasm/build.sh),
# installs the tests' npm dependencies, and runs the suites with Node's test
# runner: the shared vectors against both builds, and the JS API; then
# Project Wycheproof's vectors through the verifiers compiled to WebAssembly
# (a test program beside the package, wasm/tests/wycheproof_main.cpp).
set -euo pipefail
cd "$(dirname "$0")"
build="${POURA_WASM_BUILD_DIR:-$(dirname "$PWD")/build/wasm}"
# Debian's Emscripten runs its JavaScript tools with the system's Node modules.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

./build.sh
(cd tests && npm ci --no-audit --no-fund --loglevel=error)
node --test tests/*.test.js
ninja -C "$build/cmake" -j "${POURA_WASM_JOBS:-$(nproc)}" poura_wycheproof >/dev/null
node "$build/cmake/poura-wycheproof.js" ../tests/vectors/wycheproof
