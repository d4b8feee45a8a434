"""Fixtures for the ingest tests: the corpora the tests carry in tests/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data_paths import SEED, WIKINEWS


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def wikinews_csv() -> Path:
    return WIKINEWS
