#!/usr/bin/env bash
# Builds the WebAssembly packages into wasm/package/dist/: `poura` (the full
# SDK) and `poura/verify` (verification only). zlib, Botan, libqrencode and
# libpng are compiled from their Debian source packages, fetched here with
# `apt-get source`; nothing third-party is kept in the repository. The built
# libraries are kept in a cache folder, one folder per library, named by its
# Debian version and a hash of the Emscripten version and of the flags and
# recipe it was built with (wasm/cmake/flags.cmake, wasm/deps/), and reused
# by every later build, from any checkout, while that name still matches. A
# second run rebuilds only what changed.
#
#   POURA_WASM_BUILD_DIR  where sources and objects go (default build/wasm)
#   POURA_WASM_CACHE      the built libraries (default ${XDG_CACHE_HOME:-~/.cache}/poura/wasm)
#   POURA_WASM_JOBS       parallel compile jobs (default: all cores)
set -euo pipefail
shopt -s inherit_errexit

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
build="${POURA_WASM_BUILD_DIR:-$repo/build/wasm}"
cache="${POURA_WASM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/poura/wasm}"
jobs="${POURA_WASM_JOBS:-$(nproc)}"
# Debian's Emscripten runs its JavaScript tools with the system's Node modules.
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt-get source needs deb-src entries; when there are none, they are added
# for the same mirrors and suites as the binary packages come from.
ensure_deb_src() {
  if grep -Eqs '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
      /etc/apt/sources.list.d/*.sources; then
    return
  fi
  local list=/etc/apt/sources.list.d/poura-deb-src.sources
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | as_root tee "$list" >/dev/null
  elif [ -f /etc/apt/sources.list ]; then
    list=/etc/apt/sources.list.d/poura-deb-src.list
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list | as_root tee "$list" >/dev/null
  else
    echo "no Debian package sources found to mirror as deb-src" >&2
    exit 1
  fi
  # fetch_source's output is a folder name: everything else goes to stderr.
  echo "added $list" >&2
  as_root apt-get update -qq >&2
}

# Fetches and unpacks a Debian source package once, into $build/src/<name>/,
# and prints the unpacked folder. When a mirror lacks the newest version
# (security updates reach some mirrors late), the release's own version is
# taken. When only the Debian packaging part is missing, the upstream tarball
# (fetched by apt, checksum verified) is unpacked without Debian's patches.
fetch_source() {
  local name="$1" dir="$build/src/$1" codename
  if [ ! -f "$dir/.unpacked" ]; then
    ensure_deb_src
    rm -rf "$dir"
    mkdir -p "$dir"
    codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
    if ! (cd "$dir" && apt-get source -qq "$name" >/dev/null 2>&1) &&
       ! (cd "$dir" && apt-get source -qq "$name/$codename" >/dev/null 2>&1); then
      local tarball
      tarball="$(find "$dir" -maxdepth 1 -name '*.orig.tar.*' | head -n 1)"
      if [ -z "$tarball" ]; then
        echo "apt-get source $name failed" >&2
        return 1
      fi
      echo "warning: $name: Debian's packaging files are not on the mirror; using the upstream tarball alone" >&2
      tar -xf "$tarball" -C "$dir"
    fi
    touch "$dir/.unpacked"
  fi
  find "$dir" -mindepth 1 -maxdepth 1 -type d | head -n 1
}

# The Debian version `apt-get source` would fetch, without fetching it.
candidate_version() {
  ensure_deb_src
  apt-get source --print-uris -qq "$1" 2>/dev/null | sed -n "s/^'[^']*' $1_\(.*\)\.dsc .*/\1/p" | head -n 1
}

# The Debian version fetch_source unpacked, from its .dsc file's name.
fetched_version() {
  local dsc
  dsc="$(find "$build/src/$1" -maxdepth 1 -name "$1_*.dsc" -print -quit)"
  dsc="${dsc##*/"$1"_}"
  echo "${dsc%.dsc}"
}

# Botan's configure.py writes a single-file build of the modules asked for
# (and those they need), headers copied, into $build/botan-amalgamation/.
configure_botan() {
  local src="$1" out="$build/botan-amalgamation"
  rm -rf "$out"
  mkdir -p "$out"
  (cd "$out" && python3 "$src/configure.py" --os=emscripten --cpu=llvm --cc=clang --cc-bin=em++ \
    --minimized-build --enable-modules="$botan_modules" --amalgamation --disable-shared --link-method=copy \
    --without-documentation --with-build-dir="$out" >/dev/null)
  python3 "$here/botan_lazy_table.py" "$out/botan_all.cpp"
  echo "$out"
}

# Builds one library with wasm/deps/ into the cache folder $3, whole or not
# at all: a build that fails leaves no folder of that name behind.
build_dependency() {
  local name="$1" src="$2" dir="$3" staging="$3.partial"
  echo "building $name for WebAssembly into $dir" >&2
  rm -rf "$staging"
  emcmake cmake -S "$here/deps" -B "$build/deps/$name" -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
      -DPOURA_WASM_DEP="$name" -DPOURA_WASM_DEP_SRC="$src" -DPOURA_WASM_ZLIB="${zlib_dir:-}" \
      -DCMAKE_INSTALL_PREFIX="$staging" >/dev/null
  ninja -C "$build/deps/$name" -j "$jobs" install >&2
  rm -rf "$dir"
  mv "$staging" "$dir"
}

# Prints the cache folder of a library, built first when the cache lacks it,
# and records its Debian source package and version in $build/third-party.tsv
# (for the release's bill of materials):
#   dependency <Debian source package> <wasm/deps name> [<more of the key>]
# The version apt would fetch is looked up first, so that a cached library
# costs no download; when the mirror lacks that version and fetch_source
# falls back to the release's, the version fetched names the folder.
dependency() {
  local package="$1" name="$2" key="$recipe${3:+-$3}" dir src
  dir="$cache/$name-$(candidate_version "$package")-$key"
  if [ ! -d "$dir" ]; then
    src="$(fetch_source "$package")"
    dir="$cache/$name-$(fetched_version "$package")-$key"
    if [ ! -d "$dir" ]; then
      if [ "$name" = botan ]; then
        src="$(configure_botan "$src")"
      fi
      build_dependency "$name" "$src" "$dir"
    fi
  fi
  local version="${dir#"$cache/$name-"}"
  printf '%s\t%s\t%s\n' "$name" "$package" "${version%"-$key"}" >>"$build/third-party.tsv"
  echo "$dir"
}

for tool in emcmake em++ ninja python3 apt-get; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/install-deps" >&2; exit 1; }
done
mkdir -p "$build/src" "$cache"

# Botan is for the full build only: Ed25519 signing, encrypted PKCS#8 keys
# and the system RNG. Verifying is Poura's own code and needs none of it.
botan_modules="ed25519,sha2_32,sha2_64,system_rng,pbes2,aes,cbc,pbkdf2,hmac,pem"
# What every cached library's folder name carries besides its version. sed
# reads em++'s whole output: head would close the pipe early, and em++ then
# fails now and then with a broken pipe, which pipefail makes fatal.
recipe="$({ em++ --version | sed -n 1p; cat "$here/cmake/flags.cmake" "$here/deps/CMakeLists.txt"; } |
  sha256sum | cut -c1-12)"
rm -f "$build/third-party.tsv"
zlib_dir="$(dependency zlib zlib)"
# libpng is compiled against zlib's headers.
png_dir="$(dependency libpng1.6 png "$(basename "$zlib_dir")")"
qrencode_dir="$(dependency qrencode qrencode)"
botan_dir="$(dependency botan botan "$({ echo "$botan_modules"; cat "$here/botan_lazy_table.py"; } |
  sha256sum | cut -c1-8)")"

# Configured every time (a few seconds), so that a changed dependency folder
# reaches the cache.
emcmake cmake -S "$here" -B "$build/cmake" -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DPOURA_WASM_ZLIB_DIR="$zlib_dir" -DPOURA_WASM_QRENCODE_DIR="$qrencode_dir" \
    -DPOURA_WASM_PNG_DIR="$png_dir" -DPOURA_WASM_BOTAN_DIR="$botan_dir" \
    -DPOURA_WASM_DIST_DIR="$here/package/dist" >/dev/null
# The verify-only package first: it is the one web pages wait for.
ninja -C "$build/cmake" -j "$jobs" poura_verify_package
ninja -C "$build/cmake" -j "$jobs" poura_package

for bundle in poura-verify poura; do
  js="$here/package/dist/$bundle.js" wasm="$here/package/dist/$bundle.wasm"
  printf '%-13s .wasm %7d B (%6d gz)  .js %6d B (%5d gz)  together %6d B gzipped\n' "$bundle" \
    "$(stat -c %s "$wasm")" "$(gzip -9c "$wasm" | wc -c)" "$(stat -c %s "$js")" "$(gzip -9c "$js" | wc -c)" \
    "$(($(gzip -9c "$wasm" | wc -c) + $(gzip -9c "$js" | wc -c)))"
done
