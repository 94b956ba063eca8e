#!/usr/bin/env bash
# The install test: installs Poura from a build tree, moves the installed tree
# elsewhere (nothing in it may depend on where it was installed), builds the
# consumer program against it with CMake's find_package and again with
# pkg-config, runs both, and checks that libpoura.so exports only symbols of
# the poura namespace.
#
#   tests/install/run.sh <build-dir> <work-dir>
#
# <work-dir> is emptied first. CXX chooses the compiler for the pkg-config build.
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
staged="$work_dir/staged"
prefix="$work_dir/prefix"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

echo "== install $build_dir, then move it to $prefix"
cmake --install "$build_dir" --prefix "$staged" >"$work_dir/install.log"
mv "$staged" "$prefix"
if grep -rIl -F "$staged" "$prefix"; then
  fail "the installed files above name the directory they were installed to"
fi

echo "== consumer built with find_package(poura)"
cmake -S "$here/consumer" -B "$work_dir/cmake-build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" >"$work_dir/cmake-configure.log" ||
  { cat "$work_dir/cmake-configure.log"; fail "configuring the consumer"; }
grep -F -- "-- poura " "$work_dir/cmake-configure.log"
case "$(sed -n 's/^poura_DIR:PATH=//p' "$work_dir/cmake-build/CMakeCache.txt")" in
  "$prefix"/*) ;;
  *) fail "find_package found a poura outside $prefix" ;;
esac
cmake --build "$work_dir/cmake-build" >"$work_dir/cmake-build.log" 2>&1 ||
  { cat "$work_dir/cmake-build.log"; fail "building the consumer with CMake"; }
consumer="$work_dir/cmake-build/poura_consumer"

# The consumer must load the installed library, not the one in the build tree.
loaded_from() {
  ldd "$1" | awk '$1 ~ /^libpoura\.so/ { print $3 }'
}
case "$(loaded_from "$consumer")" in
  "$prefix"/*) ;;
  *) fail "the CMake consumer loads libpoura from '$(loaded_from "$consumer")', not from $prefix" ;;
esac
"$consumer" || fail "the CMake consumer"

echo "== consumer built with pkg-config"
pc_file="$(find "$prefix" -name poura.pc -print -quit)"
[ -n "$pc_file" ] || fail "no poura.pc under $prefix"
export PKG_CONFIG_PATH="$(dirname "$pc_file")${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
case "$(pkg-config --variable=pcfiledir poura)" in
  "$prefix"/*) ;;
  *) fail "pkg-config finds a poura.pc outside $prefix" ;;
esac
libdir="$(pkg-config --variable=libdir poura)"
echo "pkg-config: poura $(pkg-config --modversion poura): $(pkg-config --cflags --libs poura)"
consumer="$work_dir/pkg-config-consumer"
# shellcheck disable=SC2046  # pkg-config's output is a list of flags
"${CXX:-c++}" -O2 -Wall -Wextra -Wpedantic -Werror "$here/consumer/main.cpp" -o "$consumer" \
  $(pkg-config --cflags --libs poura) -Wl,-rpath,"$libdir" ||
  fail "building the consumer with pkg-config"
case "$(loaded_from "$consumer")" in
  "$prefix"/*) ;;
  *) fail "the pkg-config consumer loads libpoura from '$(loaded_from "$consumer")', not from $prefix" ;;
esac
"$consumer" || fail "the pkg-config consumer"

echo "== symbols exported by the installed libpoura"
library="$(readlink -f "$libdir/libpoura.so")"
exported="$(nm -D --defined-only "$library" | awk '{ print $NF }')"
# Itanium-mangled names of the poura namespace: its functions and data, const
# and ref-qualified members, the typeinfo, typeinfo name, vtable and VTT of its
# classes, static locals of its functions and their guard variables. The same
# rule as sdk/exports.map.
poura_symbol='^_Z(Z?N[KRO]*|T[ISVT]N|GVZ?N)5poura'
echo "$exported" | grep -Eq '^_ZN5poura6verify' || fail "poura::verify is not exported by $library"
offenders="$(echo "$exported" | grep -Ev "$poura_symbol" || true)"
if [ -n "$offenders" ]; then
  echo "$offenders" | c++filt | sed 's/^/  /' >&2
  fail "$library exports $(echo "$offenders" | wc -l) symbols outside the poura namespace (above)"
fi
echo "$(echo "$exported" | wc -l) symbols exported, all in the poura namespace"
echo "install test passed"
