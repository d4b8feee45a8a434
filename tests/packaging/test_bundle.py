"""The built application runs: the same checks as scripts/smoke_bundle.sh,
from pytest, after scripts/build_bundle.sh (run with ``-m bundle``; the main
run leaves these out)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("ANNOTATOR_BUNDLE_DIR", ROOT / "dist" / "annotator"))

pytestmark = [pytest.mark.slow, pytest.mark.bundle]


@pytest.fixture(autouse=True)
def built_bundle() -> None:
    assert (BUNDLE / "annotator").is_file(), f"no bundle at {BUNDLE}: run scripts/build_bundle.sh first"


def test_smoke_script_passes_on_the_bundle():
    result = subprocess.run(["bash", str(ROOT / "scripts" / "smoke_bundle.sh"), str(BUNDLE)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "bundle-check: ok" in result.stdout
    assert "smoke: main window shown" in result.stdout
    assert "smoke: all checks passed" in result.stdout


def test_bundle_holds_the_help_and_icons():
    internal = BUNDLE / "_internal"
    assert (internal / "annotator" / "resources" / "help" / "agreement.md").is_file()
    assert (internal / "annotator" / "resources" / "icons" / "annotator-256.png").is_file()
    assert (BUNDLE / "annotator-gui").is_file()
