#!/usr/bin/env bash
# The Debian packages' install test, as root, on a machine that does not have
# them: installs dist/*.deb with dpkg -i and their dependencies with
# apt-get -f install; runs /usr/bin/poura (--version, demo), checks its manual
# page against its help; builds the C++ and C consumer programs against the
# installed headers with find_package and with pkg-config and runs them; then
# purges the packages and checks that none of their files, and no libpoura in
# the loader's cache, is left behind.
#
#   tests/release/deb.sh <dist> <work-dir>      (<work-dir> is emptied first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=../install/lib.sh
. "$here/../install/lib.sh"
[ $# -eq 2 ] || { echo "usage: $0 <dist> <work-dir>" >&2; exit 64; }
dist="$(cd "$1" && pwd)"
rm -rf "$2" && mkdir -p "$2"
work="$(cd "$2" && pwd)"
packages=(poura libpoura-dev libpoura0)
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

for package in "${packages[@]}"; do
  if grep -q "installed" <<<"$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)"; then
    fail "$package is installed already: this test installs and purges it"
  fi
  [ -f "$(echo "$dist/${package}_"*.deb)" ] || fail "no ${package}_*.deb in $dist"
done
purge() { as_root dpkg --purge "${packages[@]}" >/dev/null 2>&1 || true; }
trap purge EXIT

echo "== dpkg -i, then apt-get -f install"
# dpkg alone leaves them unconfigured when a dependency is missing; apt-get
# installs the dependencies their Depends name and configures them.
as_root dpkg -i "$dist"/*.deb >"$work/dpkg.log" 2>&1 || true
as_root env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -qq >"$work/apt.log" 2>&1 ||
  { cat "$work/dpkg.log" "$work/apt.log"; fail "apt-get -f install"; }
for package in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$package")" = "install ok installed" ] || fail "$package is not installed"
  dpkg -L "$package" >>"$work/files.txt"
done
# (grep -q on a pipe would stop the writer early, which pipefail counts as a failure.)
grep -q "libpoura_c.so.0 " <<<"$(ldconfig -p)" || fail "the loader's cache lacks libpoura_c.so.0"
# The sonames, and the C library's file named by the installed header's API version.
soname() { objdump -p "$1" | awk '$1 == "SONAME" { print $2 }'; }
# Fails unless <program> loads libpoura.so.0 from /usr/lib, the package's.
loads_installed_libpoura() {
  local path
  path="$(ldd "$1" | awk '$1 == "libpoura.so.0" { print $3 }')"
  case "$(readlink -f "$path")" in
    /usr/lib/libpoura.so.0.*) ;;
    *) fail "$1 loads libpoura.so.0 from '$path', not from /usr/lib" ;;
  esac
}
for library in libpoura.so.0 libpoura_c.so.0; do
  [ "$(soname "/usr/lib/$library")" = "$library" ] || fail "/usr/lib/$library has the soname '$(soname "/usr/lib/$library")'"
done
api="$(sed -n 's/^#define POURA_API_VERSION \([0-9]*\)$/\1/p' /usr/include/poura.h)"
[ "$(readlink /usr/lib/libpoura_c.so.0)" = "libpoura_c.so.0.$api" ] ||
  fail "libpoura_c.so.0 is $(readlink /usr/lib/libpoura_c.so.0), not libpoura_c.so.0.$api (C API $api)"

echo "== /usr/bin/poura"
[ "$(command -v poura)" = /usr/bin/poura ] || fail "poura is $(command -v poura), not /usr/bin/poura"
/usr/bin/poura --version
loads_installed_libpoura /usr/bin/poura
mkdir "$work/demo"
(cd "$work" && /usr/bin/poura demo --dir "$work/demo" >"$work/demo.log" 2>&1) || { cat "$work/demo.log"; fail "poura demo"; }
tail -n 3 "$work/demo.log"
# The page as the package carries it (a minimal system's dpkg may be told
# not to install manual pages), and man finding it where it is installed.
dpkg-deb -x "$(echo "$dist"/poura_*.deb)" "$work/poura-deb"
python3 "$repo/bindings/cli/man_page.py" check /usr/bin/poura "$work/poura-deb/usr/share/man/man1/poura.1.gz"
if [ -e /usr/share/man/man1/poura.1.gz ]; then
  [ "$(man -w poura)" = /usr/share/man/man1/poura.1.gz ] || fail "man does not find poura(1)"
fi

consumer() {  # <name> <program>: runs it and checks it loads libpoura from /usr/lib
  loads_installed_libpoura "$2"
  "$2" >/dev/null || fail "$1"
  echo "$1: ok"
}
echo "== consumers built against the installed packages"
cmake -S "$repo/tests/install/consumer" -B "$work/cxx-cmake" -DCMAKE_BUILD_TYPE=Release >"$work/cxx-cmake.log" &&
  cmake --build "$work/cxx-cmake" >>"$work/cxx-cmake.log" 2>&1 || { cat "$work/cxx-cmake.log"; fail "the C++ consumer with find_package"; }
grep -q "^poura_DIR:PATH=/usr/lib/cmake/poura$" "$work/cxx-cmake/CMakeCache.txt" || fail "find_package(poura) did not find /usr/lib/cmake/poura"
consumer "C++, find_package(poura)" "$work/cxx-cmake/poura_consumer"
# shellcheck disable=SC2046  # pkg-config's output is a list of flags
c++ -O2 -Wall -Wextra -Wpedantic -Werror "$repo/tests/install/consumer/main.cpp" -o "$work/cxx-pkg-config" \
  $(pkg-config --cflags --libs poura) || fail "building the C++ consumer with pkg-config"
consumer "C++, pkg-config poura" "$work/cxx-pkg-config"
cmake -S "$repo/bindings/c/tests/install/consumer" -B "$work/c-cmake" -DCMAKE_BUILD_TYPE=Release >"$work/c-cmake.log" &&
  cmake --build "$work/c-cmake" >>"$work/c-cmake.log" 2>&1 || { cat "$work/c-cmake.log"; fail "the C consumer with find_package"; }
consumer "C, find_package(poura COMPONENTS c)" "$work/c-cmake/poura_c_consumer"
# shellcheck disable=SC2046
cc -std=c99 -O2 -Wall -Wextra -Wpedantic -Werror "$repo/bindings/c/tests/install/consumer/main.c" -o "$work/c-pkg-config" \
  $(pkg-config --cflags --libs poura-c) || fail "building the C consumer with pkg-config"
consumer "C, pkg-config poura-c" "$work/c-pkg-config"

echo "== dpkg --purge"
trap - EXIT
as_root dpkg --purge "${packages[@]}" >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge"; }
left=""
while read -r path; do
  [ "$path" != /. ] || continue
  # Folders the system shares (/usr/lib, /usr/share/doc) stay; every file and
  # every folder of Poura's own goes.
  if [ -e "$path" ] && { [ ! -d "$path" ] || [ -z "$(dpkg -S "$path" 2>/dev/null)" ]; }; then
    left+="  $path"$'\n'
  fi
done <"$work/files.txt"
[ -z "$left" ] || fail "left behind after the purge:"$'\n'"$left"
if grep -q libpoura <<<"$(ldconfig -p)"; then fail "the loader's cache still lists libpoura"; fi
echo "Debian packages install test passed"
