"""Where the tests find the data they carry (see data/PROVENANCE.md): a fresh
clone has everything a test reads, so a missing file is a failure, not a skip."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEED_DIR = DATA / "corpora" / "seed"
SEED = SEED_DIR / "voa-russia-syria-2015-10-07.txt"
WIKINEWS = DATA / "corpora" / "wikinews" / "wikinews_2019.csv"
REFERENCES = DATA / "references" / "agreement"
REFI = DATA / "refi"
