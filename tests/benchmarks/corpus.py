"""The benchmark corpus: the 171 Wikinews articles replicated with small edits."""

from __future__ import annotations

import csv
import random
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
WIKINEWS = SHARED / "corpora" / "wikinews" / "wikinews_2019.csv"


def wikinews_rows() -> list[dict[str, str]]:
    with open(WIKINEWS, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def replicated_rows(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` articles: copies of the real ones, each with a few words changed, so
    they are distinct documents of realistic length and vocabulary."""
    rng = random.Random(seed)
    base = wikinews_rows()
    out = []
    for i in range(n):
        row = dict(base[i % len(base)])
        words = row["text"].split(" ")
        for _ in range(3):
            j = rng.randrange(len(words))
            words[j] = words[j] + f"-{i}"
        row["text"] = " ".join(words)
        row["title"] = f"{row['title']} ({i})"
        out.append(row)
    return out


def write_csv(rows: list[dict[str, str]], path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path
