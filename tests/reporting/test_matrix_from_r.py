"""Real R writes the Hayes & Krippendorff (2007) matrix the ways R users do
(coders named 1..5, ``NA`` for missing); ``annotator agreement matrix`` reads
each file unedited, says how it read it, and prints the published 0.7598."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data_paths import REFERENCES

pytestmark = pytest.mark.programs

HAYES_FILE = REFERENCES / "hayes_krippendorff2007_news_tone_40x5.json"
HAYES = json.loads(HAYES_FILE.read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[2]

WRITES = {
    "write.csv": 'write.csv(m, f, na = "NA")',
    "write.csv-row.names=FALSE": 'write.csv(m, f, row.names = FALSE, na = "NA")',
    "write.table-sep=;": 'write.table(m, f, sep = ";")',
    "write.csv2": "write.csv2(m, f)",
}
READ_AS = {
    "write.csv": "first column as unit ids",
    "write.csv-row.names=FALSE": "units numbered by row",
    "write.table-sep=;": "first column as unit ids",
    "write.csv2": "first column as unit ids",
}


def r_writes(tmp_path: Path, how: str) -> Path:
    rscript = shutil.which("Rscript")
    assert rscript, "R is not installed (apt-get install r-base-core)"
    target = tmp_path / "hayes.csv"
    script = (
        f'lines <- readLines("{tmp_path / "values.txt"}")\n'
        'm <- do.call(rbind, lapply(strsplit(lines, " "), function(x) as.integer(ifelse(x == "-", NA, x))))\n'
        "m <- as.data.frame(m)\n"
        "names(m) <- as.character(seq_len(ncol(m)))\n"
        f'f <- "{target}"\n'
        f"{WRITES[how]}\n"
    )
    (tmp_path / "values.txt").write_text(
        "\n".join(" ".join("-" if v is None else str(v) for v in row) for row in HAYES["data"]["matrix"])
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "write.R").write_text(script, encoding="utf-8")
    subprocess.run([rscript, "--vanilla", str(tmp_path / "write.R")], check=True, capture_output=True)
    return target


@pytest.mark.parametrize("how", list(WRITES))
def test_a_matrix_r_writes_gives_the_published_alpha(tmp_path, how):
    path = r_writes(tmp_path, how)
    head = path.read_text(encoding="utf-8").splitlines()[0]
    assert '"1"' in head  # R quoted the numeric coder names
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "agreement", "matrix", str(path), "--level", "ordinal"]
        + ["--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    said = f"read 40 units x 5 coders; first row taken as coder names; {READ_AS[how]}"
    assert said in out.stderr
    alpha = json.loads(out.stdout)["variables"][0]["alpha"]
    assert alpha == pytest.approx(HAYES["expected"]["alpha_ordinal"], abs=HAYES["tolerance"]["published_4dp"])
    assert alpha == pytest.approx(
        HAYES["expected"]["full_precision_krippendorff_pkg"]["ordinal"],
        abs=HAYES["tolerance"]["full_precision"],
    )
