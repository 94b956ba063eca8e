#!/usr/bin/env bash
# Runs the three verifiers written without Poura (docs/interop.md) on the
# shared vectors: Python (cbor2 + cryptography), Go (go-cose) and Rust
# (coset). Each must agree with every vector; each must also disagree, and
# fail, on a copy of the vectors with a forged certificate marked valid and
# "::" marked as good Base45, so a verifier that accepts everything cannot
# pass. A language whose toolchain is missing is skipped with a loud notice.
#
#   examples/interop/test.sh [BUILD_DIR]     (default: build)
#
# Python comes from POURA_INTEROP_PYTHON (default build/venv/bin/python, as
# scripts/test makes it); go and cargo from PATH, /usr/local/go/bin and
# ~/.cargo/bin. Go and Cargo keep their downloads and Go its build cache in
# their usual places under the home folder; the programs and Cargo's target
# folder go under BUILD_DIR/interop.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(mkdir -p "${1:-$root/build}/interop" && cd "${1:-$root/build}/interop" && pwd)"
vectors="$root/tests/vectors"
python="${POURA_INTEROP_PYTHON:-$root/build/venv/bin/python}"
skipped=()
passed=0

# A copy of the vectors that no correct verifier agrees with.
doctored="$build/doctored-vectors"
rm -rf "$doctored" && cp -r "$vectors" "$doctored"
"$python" - "$doctored" <<'EOF'
import json, sys
path = sys.argv[1]
with open(f"{path}/valid.json", encoding="utf-8") as f:
    suite = json.load(f)
vector = suite["vectors"][0]
text = vector["qr"]
vector["qr"] = text[:200] + ("1" if text[200] != "1" else "2") + text[201:]
with open(f"{path}/valid.json", "w", encoding="utf-8") as f:
    json.dump(suite, f)
with open(f"{path}/malformed.json", encoding="utf-8") as f:
    suite = json.load(f)
suite["vectors"].append({"name": "base45_colons", "qr": "BD1:::", "now": 0,
                         "expect": {"verdict": "valid", "stage": "done", "reason": "ok"}})
with open(f"{path}/malformed.json", "w", encoding="utf-8") as f:
    json.dump(suite, f)
EOF

# check LANGUAGE COMMAND...: agrees with the vectors, fails on the doctored copy.
check() {
  local language="$1"
  shift
  echo "== $language"
  "$@" "$vectors"
  local out
  if out="$("$@" "$doctored")"; then
    echo "$out"
    echo "interop: the $language verifier accepted the doctored vectors" >&2
    exit 1
  fi
  if ! grep -q "2 failed" <<<"$out"; then
    echo "$out"
    echo "interop: the $language verifier did not find both doctored vectors" >&2
    exit 1
  fi
  echo "($language refuses the doctored copy: a forged signature and \"::\")"
  passed=$((passed + 1))
}

check python "$python" "$here/python/verify_bd1.py"

go="$(command -v go || echo /usr/local/go/bin/go)"
if [ -x "$go" ]; then
  (cd "$here/go" && nice "$go" build -o "$build/verify-bd1-go" .)
  check go "$build/verify-bd1-go"
else
  skipped+=(go)
fi

cargo="$(command -v cargo || echo "$HOME/.cargo/bin/cargo")"
if [ -x "$cargo" ]; then
  CARGO_TARGET_DIR="$build/rust" nice "$cargo" build --quiet --locked --manifest-path "$here/rust/Cargo.toml"
  check rust "$build/rust/debug/verify-bd1"
else
  skipped+=(rust)
fi

for language in "${skipped[@]}"; do
  echo "!!!!!!!! interop: SKIPPED the $language verifier: no $language toolchain on this machine !!!!!!!!" >&2
done
echo "interop: ${passed} passed, 0 failed, ${#skipped[@]} skipped"
