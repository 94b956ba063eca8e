#!/usr/bin/env python3
"""The release's software bill of materials, as CycloneDX 1.5 JSON.

    sbom.py --out FILE --version V --wasm-manifest TSV
            [--deb F]... [--wheel F] [--npm F]

Lists each artifact (with its SHA-256) and the third-party components in it:
- a Debian package or the wheel: the Debian packages whose shared libraries
  its programs and libraries load (found with ldd and dpkg -S), and the
  header-only libraries compiled in (nlohmann/json; pybind11 for the wheel);
- the npm tarball: what the WebAssembly builds compile in, from Debian source
  packages (wasm/build.sh's third-party.tsv: zlib, libpng, libqrencode,
  Botan), nlohmann/json, and Emscripten's C and C++ libraries; each with the
  build that holds it (poura-verify holds zlib only).
Versions are those of this machine's Debian packages, which the build used.
"""

import argparse
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import uuid
import zipfile
import datetime
import functools

# wasm/build.sh's names for the libraries it builds, as their projects call them.
WASM_UPSTREAM = {"zlib": "zlib", "png": "libpng", "qrencode": "libqrencode", "botan": "Botan"}
# What each WebAssembly build links (wasm/CMakeLists.txt: the verify build only zlib).
WASM_BUILDS = {"zlib": ["poura-verify", "poura"], "png": ["poura"], "qrencode": ["poura"], "botan": ["poura"]}


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@functools.lru_cache(maxsize=None)
def deb_package(name):
    """Version, source package and source version of an installed Debian package."""
    out = run("dpkg-query", "-W", "-f", "${Version}\t${source:Package}\t${source:Version}", name)
    version, source, source_version = out.split("\t")
    return version, source, source_version


def deb_component(name, how):
    version, source, source_version = deb_package(name)
    arch = run("dpkg", "--print-architecture").strip()
    return {
        "type": "library",
        "bom-ref": f"pkg:deb/debian/{name}@{version}?arch={arch}",
        "name": name,
        "version": version,
        "purl": f"pkg:deb/debian/{name}@{version}?arch={arch}",
        "properties": [{"name": "poura:debian-source", "value": f"{source} {source_version}"},
                       {"name": "poura:how", "value": how}],
    }


@functools.lru_cache(maxsize=None)
def owner(path):
    """The Debian package owning a file, or None."""
    found = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
    if found.returncode != 0:
        # /lib is a link to /usr/lib on Debian 12: dpkg knows one of the two names.
        alt = path.replace("/usr/lib/", "/lib/", 1) if path.startswith("/usr/lib/") else "/usr" + path
        found = subprocess.run(["dpkg", "-S", alt], capture_output=True, text=True)
    return found.stdout.split(":")[0].strip() if found.returncode == 0 else None


def owners_of_loaded_libraries(elf_files):
    """The Debian packages owning every shared library the files load, and
    those owning the libraries the files name themselves (DT_NEEDED)."""
    loaded, direct = set(), set()
    for elf in elf_files:
        needed = {line.split()[1] for line in run("objdump", "-p", str(elf)).splitlines()
                  if line.strip().startswith("NEEDED")}
        for line in run("ldd", str(elf)).splitlines():
            parts = line.split("=>")
            if len(parts) != 2 or not parts[1].strip().startswith("/"):
                continue
            path = os.path.realpath(parts[1].split("(")[0].strip())
            if "libpoura" in os.path.basename(path):
                continue  # Poura itself, from the release's own packages
            package = owner(path)
            if package is None:
                sys.exit(f"sbom.py: no Debian package owns {path}, loaded by {elf}")
            loaded.add(package)
            if parts[0].strip() in needed:
                direct.add(package)
    return sorted(loaded), sorted(direct)


def elf_files(root):
    for path in sorted(pathlib.Path(root).rglob("*")):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield path


def artifact(path, kind):
    return {"type": kind, "bom-ref": f"artifact:{path.name}", "name": path.name,
            "hashes": [{"alg": "SHA-256", "content": sha256(path)}]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=pathlib.Path)
    parser.add_argument("--version", required=True)
    parser.add_argument("--deb", action="append", default=[], type=pathlib.Path)
    parser.add_argument("--wheel", type=pathlib.Path)
    parser.add_argument("--npm", type=pathlib.Path)
    parser.add_argument("--wasm-manifest", type=pathlib.Path)
    parser.add_argument("--pybind11-version")
    args = parser.parse_args()

    components, dependencies = {}, []

    def add(component):
        components.setdefault(component["bom-ref"], component)
        return component["bom-ref"]

    json_headers = add(deb_component("nlohmann-json3-dev", "headers compiled in (nlohmann/json)"))

    def linked(artifact_component, files):
        loaded, direct = owners_of_loaded_libraries(files)
        artifact_component.setdefault("properties", []).append(
            {"name": "poura:links-directly", "value": " ".join(direct)})
        return [add(deb_component(p, "shared library loaded")) for p in loaded]

    with tempfile.TemporaryDirectory() as scratch:
        unpacked = {deb: pathlib.Path(scratch) / deb.stem for deb in args.deb}
        for deb, folder in unpacked.items():
            run("dpkg-deb", "-x", str(deb), str(folder))
        # The tool's libpoura is in libpoura0: ldd finds it there.
        libdirs = sorted({str(p.parent) for folder in unpacked.values() for p in folder.rglob("libpoura*.so*")})
        os.environ["LD_LIBRARY_PATH"] = ":".join(libdirs)
        for deb, folder in unpacked.items():
            component = artifact(deb, "file")
            ref = add(component)
            # Each package's code or headers use nlohmann/json.
            dependencies.append({"ref": ref, "dependsOn": sorted(set(linked(component, elf_files(folder)) + [json_headers]))})

        if args.wheel:
            component = artifact(args.wheel, "file")
            ref = add(component)
            folder = pathlib.Path(scratch) / "wheel"
            zipfile.ZipFile(args.wheel).extractall(folder)
            compiled = linked(component, elf_files(folder)) + [json_headers]
            if args.pybind11_version:
                compiled.append(add({"type": "library", "bom-ref": f"pkg:pypi/pybind11@{args.pybind11_version}",
                                     "name": "pybind11", "version": args.pybind11_version,
                                     "purl": f"pkg:pypi/pybind11@{args.pybind11_version}",
                                     "properties": [{"name": "poura:how", "value": "headers compiled in"}]}))
            dependencies.append({"ref": ref, "dependsOn": sorted(set(compiled))})

    if args.npm:
        ref = add(artifact(args.npm, "file"))
        with tarfile.open(args.npm) as tar:
            names = tar.getnames()
        for build in ("poura", "poura-verify"):
            if f"package/dist/{build}.wasm" not in names:
                sys.exit(f"sbom.py: {args.npm} has no dist/{build}.wasm")
        if not args.wasm_manifest or not args.wasm_manifest.is_file():
            sys.exit("sbom.py: the npm tarball needs --wasm-manifest (wasm/build.sh's third-party.tsv)")
        compiled = [json_headers]
        for line in args.wasm_manifest.read_text().splitlines():
            name, source, version = line.split("\t")
            upstream = WASM_UPSTREAM[name]
            compiled.append(add({
                "type": "library", "bom-ref": f"pkg:deb/debian/{source}@{version}?arch=source",
                "name": upstream, "version": version,
                "purl": f"pkg:deb/debian/{source}@{version}?arch=source",
                "properties": [{"name": "poura:debian-source", "value": f"{source} {version}"},
                               {"name": "poura:how", "value": "compiled to WebAssembly from the Debian source package"},
                               {"name": "poura:builds", "value": " ".join(WASM_BUILDS[name])}]}))
        emscripten = deb_component("emscripten", "its C and C++ libraries (musl, libc++) compiled in")
        emscripten["properties"].append({"name": "poura:builds", "value": "poura-verify poura"})
        compiled.append(add(emscripten))
        dependencies.append({"ref": ref, "dependsOn": sorted(set(compiled))})

    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", datetime.datetime.now(datetime.timezone.utc).timestamp()))
    body = {"components": sorted(components.values(), key=lambda c: c["bom-ref"]),
            "dependencies": sorted(dependencies, key=lambda d: d["ref"])}
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        # The same materials give the same serial number.
        "serialNumber": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(body, sort_keys=True))),
        "version": 1,
        "metadata": {
            "timestamp": datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "component": {"type": "library", "bom-ref": "poura", "name": "poura", "version": args.version},
        },
        **body,
    }
    args.out.write_text(json.dumps(bom, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
