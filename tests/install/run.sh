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

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$here/lib.sh"
install_test_arguments "$@"

install_and_move

# The tool, when the build has it, must run from the moved tree as installed.
if [ -e "$prefix/bin/poura" ]; then
  echo "== the installed poura tool"
  check_loaded_from_prefix "$prefix/bin/poura" libpoura.so
  "$prefix/bin/poura" --version || fail "the installed poura tool"
fi

echo "== consumer built with find_package(poura)"
build_cmake_consumer "$here/consumer"
case "$(sed -n 's/^poura_DIR:PATH=//p' "$work_dir/cmake-build/CMakeCache.txt")" in
  "$prefix"/*) ;;
  *) fail "find_package found a poura outside $prefix" ;;
esac
consumer="$work_dir/cmake-build/poura_consumer"
check_loaded_from_prefix "$consumer" libpoura.so
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
check_loaded_from_prefix "$consumer" libpoura.so
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
