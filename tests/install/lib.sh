# What the install tests share (tests/install/run.sh for the C++ library,
# bindings/c/tests/install/run.sh for the C API): sourced by each after
# `set -euo pipefail`.

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# From the script's arguments <build-dir> <work-dir>: sets build_dir,
# work_dir (emptied first) and prefix, where the installed tree will be.
install_test_arguments() {
  if [ $# -ne 2 ]; then
    echo "usage: $0 <build-dir> <work-dir>" >&2
    exit 64
  fi
  build_dir="$(cd "$1" && pwd)"
  rm -rf "$2"
  mkdir -p "$2"
  work_dir="$(cd "$2" && pwd)"
  prefix="$work_dir/prefix"
}

# Installs the build tree into a staging folder and moves it to $prefix:
# nothing installed may depend on, or name, where it was installed.
install_and_move() {
  local staged="$work_dir/staged"
  echo "== install $build_dir, then move it to $prefix"
  cmake --install "$build_dir" --prefix "$staged" >"$work_dir/install.log"
  mv "$staged" "$prefix"
  if grep -rIl -F "$staged" "$prefix"; then
    fail "the installed files above name the directory they were installed to"
  fi
}

# Configures and builds the CMake project <source> against $prefix in
# $work_dir/cmake-build; it must report the poura package it found.
build_cmake_consumer() {
  local source="$1"
  cmake -S "$source" -B "$work_dir/cmake-build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" >"$work_dir/cmake-configure.log" ||
    { cat "$work_dir/cmake-configure.log"; fail "configuring the consumer"; }
  grep -F -- "-- poura " "$work_dir/cmake-configure.log"
  cmake --build "$work_dir/cmake-build" >"$work_dir/cmake-build.log" 2>&1 ||
    { cat "$work_dir/cmake-build.log"; fail "building the consumer with CMake"; }
}

# Fails unless <program> loads each of the <libraries> from $prefix, not from
# the build tree.
check_loaded_from_prefix() {
  local program="$1" library path
  shift
  for library in "$@"; do
    path="$(ldd "$program" | awk -v lib="$library" 'index($1, lib) == 1 { print $3 }')"
    case "$path" in
      "$prefix"/*) ;;
      *) fail "$program loads $library from '$path', not from $prefix" ;;
    esac
  done
}
