"""Fixtures of the agreement tests: the reference data sets and small codebooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REFERENCES = Path(__file__).resolve().parents[3] / "shared" / "references" / "agreement"


@pytest.fixture
def reference():
    """Load one reference JSON by file stem; skip when ../shared is not beside the repository."""

    def load(stem: str) -> dict:
        path = REFERENCES / f"{stem}.json"
        if not path.is_file():
            pytest.skip(f"reference data {path} is not available")
        return json.loads(path.read_text(encoding="utf-8"))

    return load
