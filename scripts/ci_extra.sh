#!/usr/bin/env bash
# The CI steps beyond the test suite: desktop-file validators, translation
# extraction, and the application bundle with a smoke run from it.
# Called by .ci/run with the project's .venv active.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo; echo "=== $* ($(date -u +%H:%M:%S))"; }

step "Desktop validators and PyInstaller's binutils"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq desktop-file-utils appstream shared-mime-info binutils >/dev/null
python -m pytest -q -p no:cacheprovider -m desktop tests/packaging/test_desktop_files.py

step "Translations: extract, and every visible string goes through tr()"
python scripts/extract_translations.py --check -o "$(mktemp -d)/annotator_en.ts"

step "Application bundle (PyInstaller) and smoke run from it"
PYTHON=.venv/bin/python scripts/build_bundle.sh
scripts/smoke_bundle.sh dist/annotator
python -m pytest -q -p no:cacheprovider -m bundle tests/packaging/test_bundle.py
