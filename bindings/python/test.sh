#!/usr/bin/env bash
# Builds the Python package into a virtualenv under build/, then runs its
# pytest suite (the shared vectors of tests/vectors/, the API tests, and
# docs/python.md's snippets, the quick start also under mypy --strict) and
# the example script. POURA_PYTHON_VENV chooses another virtualenv.
# POURA_CORE_BUILD_DIR names a native build tree of this checkout, already
# built, whose static core the extension links instead of compiling the core
# again (scripts/test passes its own build/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${POURA_PYTHON_VENV:-$root/build/venv-python}"
extension_build="${POURA_PYTHON_BUILD_DIR:-$root/build/python-extension}"
core_build="${POURA_CORE_BUILD_DIR:+$(cd "$POURA_CORE_BUILD_DIR" && pwd)}"

if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
fi
# The extension's build tree is kept, so a second run rebuilds only what changed.
"$venv/bin/pip" install -q --disable-pip-version-check \
  -Cbuild-dir="$extension_build" -Ccmake.define.POURA_CORE_BUILD_DIR="$core_build" "$here" "pytest>=7" mypy

"$venv/bin/python" -m pytest -q -p no:cacheprovider "$here/tests"
"$venv/bin/python" "$root/examples/python/verify_certificate.py"
