#!/usr/bin/env bash
# What CI runs for the WebAssembly package: builds both builds (wasm/build.sh),
# installs the tests' npm dependencies, and runs the suites with Node's test
# runner: the shared vectors against both builds, and the JS API.
set -euo pipefail
cd "$(dirname "$0")"

./build.sh
(cd tests && npm ci --no-audit --no-fund --loglevel=error)
node --test tests/*.test.js
