#!/usr/bin/env bash
# Builds the fuzz targets in <build-dir> (configuring it with clang and the
# sanitizers first if needed) and runs each on one core, one after the other:
# the verify fuzzer for <seconds>, every other target for <seconds-each>
# (default 20), each over a corpus seeded from the source tree's fixtures.
# Fails on any crash, sanitizer report, leak, timeout or broken property (a
# verify() promise, a round trip, a disagreement with Botan); the input that
# caused it is left in <build-dir>/<target>/artifacts/.
#
#   tests/fuzz/run.sh build-sanitize 60 20
set -euo pipefail

usage="usage: tests/fuzz/run.sh <build-dir> <seconds> [<seconds-each>]"
build_dir="${1:?$usage}"
seconds="${2:?$usage}"
seconds_each="${3:-20}"
for value in "$seconds" "$seconds_each"; do
  case "$value" in '' | *[!0-9]*) echo "$usage" >&2; exit 2 ;; esac
done
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
mkdir -p "$build_dir"
build_dir="$(cd "$build_dir" && pwd)"

# <target> <seconds> <max input length> [libFuzzer options...]: the verify
# fuzzer first, as before; then the Botan differential; then the parsers.
targets=(
  "fuzz_verify $seconds 4096 -dict=$here/bd1.dict"
  "fuzz_differential $seconds_each 1024"
  "fuzz_trust_bundle $seconds_each 8192"
  "fuzz_public_keys $seconds_each 4096"
  "fuzz_keyset $seconds_each 4096"
  "fuzz_fee_schedule $seconds_each 16384"
)

if ! grep -qs '^POURA_BUILD_FUZZ:BOOL=ON$' "$build_dir/CMakeCache.txt" ||
   ! grep -qs '^POURA_SANITIZE:BOOL=ON$' "$build_dir/CMakeCache.txt"; then
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DPOURA_SANITIZE=ON -DPOURA_BUILD_FUZZ=ON -DPOURA_BUILD_BENCH=OFF "${launcher[@]}"
fi
names=()
for entry in "${targets[@]}"; do
  read -r name _ <<<"$entry"
  names+=("$name")
done
cmake --build "$build_dir" --target "${names[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Runs one target; prints its figures; returns non-zero on any finding.
run_target() {
  local name="$1" time="$2" max_len="$3"
  shift 3
  local fuzzer="$build_dir/tests/fuzz/$name"
  # The seeds are written afresh from the fixtures each run; the corpus keeps
  # what earlier runs in this build directory found. fuzz_verify's folder
  # keeps its earlier name.
  local work="$build_dir/${name//_/-}"
  rm -rf "$work/seeds"
  mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"
  POURA_FUZZ_WRITE_SEEDS="$work/seeds" "$fuzzer" >/dev/null
  local log="$work/fuzz.log" status=0
  # One process, one worker: the fuzzer must not take the whole machine.
  "$fuzzer" -max_total_time="$time" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 "$@" \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
    "$work/corpus" "$work/seeds" >"$log" 2>&1 || status=$?

  local last
  last="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
  echo "$name: ${time}s, $(stat number_of_executed_units) executions, $(stat average_exec_per_sec) per second," \
    "peak RSS $(stat peak_rss_mb) MB; corpus $(find "$work/corpus" -type f | wc -l) inputs"
  echo "$name: last status: ${last:-none}"
  if [ "$status" -ne 0 ] ||
     grep -qE '^==[0-9]+==ERROR|^SUMMARY: |runtime error:|verify broke a promise|fuzz property broken|Poura and Botan disagree' "$log"; then
    echo "$name FAILED (exit status $status); the end of $log:" >&2
    tail -n 60 "$log" >&2
    echo "reproducing inputs:" >&2
    find "$work/artifacts" -type f >&2
    return 1
  fi
  echo "$name: no crash, leak, timeout or broken property"
}

failed=()
for entry in "${targets[@]}"; do
  read -r -a fields <<<"$entry"
  run_target "${fields[@]}" || failed+=("${fields[0]}")
done
if [ "${#failed[@]}" -ne 0 ]; then
  echo "fuzz targets that failed: ${failed[*]}" >&2
  exit 1
fi
