"""Fixtures for the ingest tests: the shared corpora beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.builders import SEED, WIKINEWS


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("the seed corpus is not beside the repository")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def wikinews_csv() -> Path:
    if not WIKINEWS.exists():
        pytest.skip("the Wikinews corpus is not beside the repository")
    return WIKINEWS
