#!/usr/bin/env bash
# The C API's install test: installs Poura from a build tree into a prefix,
# moves the prefix elsewhere, then builds a C program against it with
# find_package(poura COMPONENTS c) and again with pkg-config's poura-c, and
# runs both. They must load libpoura_c (and through it libpoura) from the
# moved prefix.
#
#   run.sh <build-dir> <work-dir>      (<work-dir> is emptied first)
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 <build-dir> <work-dir>" >&2
  exit 64
fi
here="$(cd "$(dirname "$0")" && pwd)"
build_dir="$(cd "$1" && pwd)"
rm -rf "$2"
mkdir -p "$2"
work_dir="$(cd "$2" && pwd)"
prefix="$work_dir/prefix"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Each library the program loads from the prefix, or a failure naming it.
check_loaded_from_prefix() {
  local program="$1" library path
  for library in libpoura_c.so libpoura.so; do
    path="$(ldd "$program" | awk -v lib="$library" 'index($1, lib) == 1 { print $3 }')"
    case "$path" in
      "$prefix"/*) ;;
      *) fail "$program loads $library from '$path', not from $prefix" ;;
    esac
  done
}

echo "== install $build_dir, then move it to $prefix"
cmake --install "$build_dir" --prefix "$work_dir/staged" >"$work_dir/install.log"
mv "$work_dir/staged" "$prefix"
[ -f "$prefix/include/poura.h" ] || fail "poura.h is not installed"

echo "== C consumer built with find_package(poura COMPONENTS c)"
cmake -S "$here/consumer" -B "$work_dir/cmake-build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" >"$work_dir/cmake-configure.log" ||
  { cat "$work_dir/cmake-configure.log"; fail "configuring the consumer"; }
grep -F -- "-- poura " "$work_dir/cmake-configure.log"
cmake --build "$work_dir/cmake-build" >"$work_dir/cmake-build.log" 2>&1 ||
  { cat "$work_dir/cmake-build.log"; fail "building the consumer with CMake"; }
check_loaded_from_prefix "$work_dir/cmake-build/poura_c_consumer"
"$work_dir/cmake-build/poura_c_consumer" || fail "the CMake consumer"

echo "== C consumer built with pkg-config poura-c"
pc_file="$(find "$prefix" -name poura-c.pc -print -quit)"
[ -n "$pc_file" ] || fail "no poura-c.pc under $prefix"
export PKG_CONFIG_PATH="$(dirname "$pc_file")"
libdir="$(pkg-config --variable=libdir poura-c)"
echo "pkg-config: poura-c $(pkg-config --modversion poura-c): $(pkg-config --cflags --libs poura-c)"
# shellcheck disable=SC2046  # pkg-config's output is a list of flags
"${CC:-cc}" -std=c99 -O2 -Wall -Wextra -Wpedantic -Werror "$here/consumer/main.c" -o "$work_dir/pkg-config-consumer" \
  $(pkg-config --cflags --libs poura-c) -Wl,-rpath,"$libdir" || fail "building the consumer with pkg-config"
check_loaded_from_prefix "$work_dir/pkg-config-consumer"
"$work_dir/pkg-config-consumer" || fail "the pkg-config consumer"
echo "C API install test passed"
