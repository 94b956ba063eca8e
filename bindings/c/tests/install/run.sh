#!/usr/bin/env bash
# The C API's install test: installs Poura from a build tree into a prefix,
# moves the prefix elsewhere, then builds a C program against it with
# find_package(poura COMPONENTS c) and again with pkg-config's poura-c, and
# runs both. They must load libpoura_c (and through it libpoura) from the
# moved prefix.
#
#   run.sh <build-dir> <work-dir>      (<work-dir> is emptied first)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../../../tests/install/lib.sh
. "$here/../../../../tests/install/lib.sh"
install_test_arguments "$@"

install_and_move
[ -f "$prefix/include/poura.h" ] || fail "poura.h is not installed"

echo "== C consumer built with find_package(poura COMPONENTS c)"
build_cmake_consumer "$here/consumer"
check_loaded_from_prefix "$work_dir/cmake-build/poura_c_consumer" libpoura_c.so libpoura.so
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
check_loaded_from_prefix "$work_dir/pkg-config-consumer" libpoura_c.so libpoura.so
"$work_dir/pkg-config-consumer" || fail "the pkg-config consumer"
echo "C API install test passed"
