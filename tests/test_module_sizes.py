"""Small modules a newcomer can read: none over 600 lines in any package."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "annotator"
PACKAGES = ("core", "store", "agreement", "reporting", "nlp", "ingest", "exchange", "services", "cli", "gui")
LIMIT = 600


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_over_the_limit(package):
    folder = ROOT / package
    assert folder.is_dir(), f"annotator/{package} is missing"
    long = {
        str(p.relative_to(ROOT)): n
        for p in sorted(folder.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert long == {}
