#!/usr/bin/env bash
# The install tests of the release artifacts scripts/release put in <dist>:
# the Debian packages (deb.sh, as root), the Python wheel (wheel.sh) and the
# npm package (npm.sh), each in a folder of its own under <work-dir>.
#
#   tests/release/run.sh <dist> <work-dir>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -eq 2 ] || { echo "usage: $0 <dist> <work-dir>" >&2; exit 64; }
for artifact in deb wheel npm; do
  "$here/$artifact.sh" "$1" "$2/$artifact"
done
