#!/usr/bin/env bash
# Build the one-folder application into dist/annotator/ with PyInstaller.
#
#   scripts/build_bundle.sh            # uses the python on PATH (or $PYTHON)
#   PYTHON=/work/venv/bin/python scripts/build_bundle.sh
#
# The environment must have Annotator installed with its nlp extra
# (pip install '.[nlp]'); PyInstaller is installed into it if missing.
# Prints the build time and the bundle size at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "Installing PyInstaller into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
    "$PYTHON" -m pip install --quiet "pyinstaller>=6.5"
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/annotator.spec
end=$(date +%s)

bundle=dist/annotator
test -x "$bundle/annotator" || { echo "build failed: $bundle/annotator missing" >&2; exit 1; }
size=$(du -sh "$bundle" | cut -f1)
echo "Built $bundle in $((end - start)) s, size $size"
