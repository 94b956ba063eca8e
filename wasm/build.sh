#!/usr/bin/env bash
# Builds the WebAssembly packages into wasm/package/dist/: `poura` (the full
# SDK) and `poura/verify` (verification only). zlib, Botan, libqrencode and
# libpng are compiled from their Debian source packages, fetched here with
# `apt-get source` and cached in the build directory; nothing third-party is
# kept in the repository. A second run rebuilds only what changed.
#
#   POURA_WASM_BUILD_DIR  where sources and objects go (default build/wasm)
#   POURA_WASM_JOBS       parallel compile jobs (default: all cores)
set -euo pipefail
shopt -s inherit_errexit

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
build="${POURA_WASM_BUILD_DIR:-$repo/build/wasm}"
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

# Botan's configure.py writes a single-file build of the modules asked for
# (and those they need) into $build/<name>/; rerun only when the list changes.
configure_botan() {
  local name="$1" modules="$2" out="$build/$1"
  if [ "$(cat "$out/.modules" 2>/dev/null)" != "$modules" ]; then
    rm -rf "$out"
    mkdir -p "$out"
    (cd "$out" && python3 "$botan_src/configure.py" --os=emscripten --cpu=llvm --cc=clang --cc-bin=em++ \
      --minimized-build --enable-modules="$modules" --amalgamation --disable-shared \
      --without-documentation --with-build-dir="$out" >/dev/null)
    python3 "$here/botan_lazy_table.py" "$out/botan_all.cpp"
    echo "$modules" >"$out/.modules"
  fi
}

for tool in emcmake em++ ninja python3 apt-get; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/install-deps" >&2; exit 1; }
done
mkdir -p "$build/src"

zlib_src="$(fetch_source zlib)"
botan_src="$(fetch_source botan)"
qrencode_src="$(fetch_source qrencode)"
png_src="$(fetch_source libpng1.6)"

# Botan is for the full build only: Ed25519 signing, encrypted PKCS#8 keys
# and the system RNG. Verifying is Poura's own code and needs none of it.
configure_botan botan "ed25519,sha2_32,sha2_64,system_rng,pbes2,aes,cbc,pbkdf2,hmac,pem"

# Configured every time (a few seconds), so that a changed dependency folder
# reaches the cache.
emcmake cmake -S "$here" -B "$build/cmake" -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DPOURA_WASM_ZLIB_DIR="$zlib_src" -DPOURA_WASM_QRENCODE_DIR="$qrencode_src" \
    -DPOURA_WASM_PNG_DIR="$png_src" \
    -DPOURA_WASM_BOTAN_DIR="$build/botan" \
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
