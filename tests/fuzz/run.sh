#!/usr/bin/env bash
# Builds the verify fuzzer in <build-dir> (configuring it with clang and the
# sanitizers first if needed) and runs it for <seconds> on one core, over a
# corpus seeded with the fixture's genuine certificates. Fails on any crash,
# sanitizer report, leak, timeout or broken verify() promise; the input that
# caused it is left in <build-dir>/fuzz-verify/artifacts/.
#
#   tests/fuzz/run.sh build-sanitize 60
set -euo pipefail

usage="usage: tests/fuzz/run.sh <build-dir> <seconds>"
build_dir="${1:?$usage}"
seconds="${2:?$usage}"
case "$seconds" in '' | *[!0-9]*) echo "$usage" >&2; exit 2 ;; esac
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
mkdir -p "$build_dir"
build_dir="$(cd "$build_dir" && pwd)"

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
cmake --build "$build_dir" --target fuzz_verify
fuzzer="$build_dir/tests/fuzz/fuzz_verify"

# The seeds are written afresh from the fixture each run; the corpus keeps what
# earlier runs in this build directory found.
work="$build_dir/fuzz-verify"
rm -rf "$work/seeds"
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"
POURA_FUZZ_WRITE_SEEDS="$work/seeds" "$fuzzer"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
log="$work/fuzz.log"
status=0
# One process, one worker: the fuzzer must not take the whole machine.
"$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -dict="$here/bd1.dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  "$work/corpus" "$work/seeds" >"$log" 2>&1 || status=$?

last="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
echo "fuzz_verify: ${seconds}s, $(stat number_of_executed_units) executions, $(stat average_exec_per_sec) per second," \
  "peak RSS $(stat peak_rss_mb) MB"
echo "fuzz_verify: last status: ${last:-none}"
echo "fuzz_verify: corpus $(find "$work/corpus" -type f | wc -l) inputs in $work/corpus"

if [ "$status" -ne 0 ] || grep -qE '^==[0-9]+==ERROR|^SUMMARY: |runtime error:|verify broke a promise' "$log"; then
  echo "fuzz_verify FAILED (exit status $status); the end of $log:" >&2
  tail -n 60 "$log" >&2
  echo "reproducing inputs:" >&2
  find "$work/artifacts" -type f >&2
  exit 1
fi
echo "fuzz_verify: no crash, leak, timeout or broken promise"
