#!/usr/bin/env bash
# Run the built application the way a user would, so that a hidden import,
# data file or Qt plugin missing from the bundle fails here and not on a
# researcher's laptop.
#
#   scripts/smoke_bundle.sh [BUNDLE_DIR]     (default dist/annotator)
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=${1:-dist/annotator}
exe="$bundle/annotator"
test -x "$exe" || { echo "no bundle at $bundle: run scripts/build_bundle.sh first" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Nothing from the build environment may leak in: no source tree on the
# path, no user settings, an offscreen display.
export PYTHONPATH= PYTHONHOME= PYTHONNOUSERSITE=1
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"

step() { echo; echo "== $*"; }

step "annotator --version"
version=$("$exe" --version)
echo "$version"
case "$version" in annotator\ [0-9]*) ;; *) echo "unexpected version output" >&2; exit 1 ;; esac

step "annotator --bundle-check (spaCy pipeline, resources, Qt)"
"$exe" --bundle-check

step "annotator demo --no-open $tmp/demo.annotator"
"$exe" demo --no-open "$tmp/demo.annotator"
test -s "$tmp/demo.annotator" || { echo "demo project was not written" >&2; exit 1; }
head -c 16 "$tmp/demo.annotator" | grep -q "SQLite format 3" || { echo "demo project is not SQLite" >&2; exit 1; }

step "annotator --smoke $tmp/demo.annotator (main window offscreen)"
ANNOTATOR_SMOKE_TIMEOUT=${ANNOTATOR_SMOKE_TIMEOUT:-60} "$exe" --smoke "$tmp/demo.annotator"

step "annotator-gui --smoke (the desktop entry's executable)"
if [ -x "$bundle/annotator-gui" ]; then
    ANNOTATOR_SMOKE_TIMEOUT=${ANNOTATOR_SMOKE_TIMEOUT:-60} "$bundle/annotator-gui" --smoke "$tmp/demo.annotator"
fi

echo
echo "smoke: all checks passed for $bundle"
