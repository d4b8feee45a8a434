"""Fixtures for the hardening tests (helpers live in helpers.py)."""

from __future__ import annotations

import os
import random

import pytest


@pytest.fixture
def rng(request) -> random.Random:
    seed = int(os.environ.get("HARDENING_SEED", random.randrange(1 << 30)))
    print(f"HARDENING_SEED={seed}")  # shown on failure, to replay the kill moments
    return random.Random(seed)
