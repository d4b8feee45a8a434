"""Matrix files as R, SPSS and spreadsheets write them: the layout is guessed
(and said), or stated with ``header``/``unit_column``. The texts below are the
bytes R 4.2 writes (the ``programs`` tests let real R write them)."""

from __future__ import annotations

import io
import json

import krippendorff
import numpy as np
import pytest

from annotator.agreement import matrix_report
from annotator.reporting import read_matrix_csv
from tests.data_paths import REFERENCES

HAYES = json.loads((REFERENCES / "hayes_krippendorff2007_news_tone_40x5.json").read_text(encoding="utf-8"))
ROWS: list[list[int | None]] = HAYES["data"]["matrix"]


def _cell(v: int | None) -> str:
    return "NA" if v is None else str(v)


def r_write_csv(rows: list[list[int | None]], *, row_names: bool, sep: str = ",") -> str:
    """What ``write.csv(m)`` / ``write.table(m, sep=";")`` write for a data frame
    whose columns are named 1..k."""
    k = len(rows[0])
    names = [f'"{j + 1}"' for j in range(k)]
    head = (['""'] if row_names and sep == "," else []) + names
    lines = [sep.join(head)]
    for i, row in enumerate(rows):
        lines.append(sep.join(([f'"{i + 1}"'] if row_names else []) + [_cell(v) for v in row]))
    return "\n".join(lines) + "\n"


def ordinal_alpha(text: str, **layout: bool | None) -> float:
    m = read_matrix_csv(io.StringIO(text), **layout)
    alpha = matrix_report(m.values, "ordinal", coders=m.coders).variables[0].alpha
    assert alpha is not None
    return alpha


PUBLISHED = HAYES["expected"]["alpha_ordinal"]
TOL = HAYES["tolerance"]["published_4dp"]


@pytest.mark.parametrize(
    ("text", "units", "coders", "how"),
    [
        (
            r_write_csv(ROWS, row_names=True),
            40,
            5,
            "first row taken as coder names; first column as unit ids",
        ),
        (r_write_csv(ROWS, row_names=False), 40, 5, "first row taken as coder names; units numbered by row"),
        (
            r_write_csv(ROWS, row_names=True, sep=";"),
            40,
            5,
            "first row taken as coder names; first column as unit ids",
        ),
    ],
    ids=["write.csv", "write.csv-row.names=FALSE", "write.table-sep=;"],
)
def test_r_matrices_with_numeric_coder_names_give_the_published_alpha(text, units, coders, how):
    m = read_matrix_csv(io.StringIO(text))
    assert (len(m.units), len(m.coders)) == (units, coders)
    assert m.coders == ["1", "2", "3", "4", "5"]
    assert m.guessed and m.description() == f"read {units} units x {coders} coders; {how}"
    assert ordinal_alpha(text) == pytest.approx(PUBLISHED, abs=TOL)


def test_published_alpha_agrees_with_the_krippendorff_package():
    text = r_write_csv(ROWS, row_names=True)
    data = np.array([[np.nan if v is None else v for v in row] for row in ROWS], dtype=float)
    theirs = krippendorff.alpha(reliability_data=data.T, level_of_measurement="ordinal")
    assert ordinal_alpha(text) == pytest.approx(theirs, abs=HAYES["tolerance"]["full_precision"])


def test_unquoted_numeric_coder_names_and_a_sequential_unit_column():
    # a spreadsheet's CSV: no quotes at all, coders 1..5, units 1..40
    lines = [",".join(["", "1", "2", "3", "4", "5"])]
    lines += [",".join([str(i + 1), *(_cell(v) for v in row)]) for i, row in enumerate(ROWS)]
    text = "\n".join(lines) + "\n"
    m = read_matrix_csv(io.StringIO(text))
    assert (len(m.units), m.coders, m.units[:2]) == (40, ["1", "2", "3", "4", "5"], ["1", "2"])
    assert ordinal_alpha(text) == pytest.approx(PUBLISHED, abs=TOL)


def test_unit_id_column_without_header():
    lines = [",".join([f"art{i + 1}", *(_cell(v) for v in row)]) for i, row in enumerate(ROWS)]
    text = "\n".join(lines) + "\n"
    m = read_matrix_csv(io.StringIO(text))
    assert m.units[0] == "art1" and len(m.coders) == 5
    assert m.description().endswith("no header row (coders numbered); first column as unit ids")
    assert ordinal_alpha(text) == pytest.approx(PUBLISHED, abs=TOL)


def test_stated_layout_overrides_the_guess():
    text = r_write_csv(ROWS, row_names=True)
    m = read_matrix_csv(io.StringIO(text), header=True, unit_column=True)
    assert not m.guessed and len(m.units) == 40
    # said the other way, the first row is data and the first column a coder
    m = read_matrix_csv(io.StringIO(text), header=False, unit_column=False)
    assert (len(m.units), len(m.coders)) == (41, 6)


def test_plain_numeric_matrices_are_still_read_as_data():
    m = read_matrix_csv(io.StringIO("1,2\n2,2\n,1\n"))
    assert m.values.tolist() == [["1", "2"], ["2", "2"], [None, "1"]]
    assert (
        m.description() == "read 3 units x 2 coders; no header row (coders numbered); units numbered by row"
    )


def test_cli_says_how_it_read_a_guessed_layout_and_obeys_the_options(tmp_path):
    from click.testing import CliRunner

    from annotator.cli.main import cli

    path = tmp_path / "m.csv"
    path.write_text(r_write_csv(ROWS, row_names=True), encoding="utf-8")
    runner = CliRunner()
    args = ["agreement", "matrix", str(path), "--level", "ordinal", "--format", "json"]
    guessed = runner.invoke(cli, args, catch_exceptions=False)
    assert guessed.exit_code == 0, guessed.output
    assert (
        "read 40 units x 5 coders; first row taken as coder names; first column as unit ids" in guessed.stderr
    )
    report = json.loads(guessed.stdout)
    assert report["parameters"]["read_as"].startswith("read 40 units x 5 coders")
    assert report["variables"][0]["alpha"] == pytest.approx(PUBLISHED, abs=TOL)
    stated = runner.invoke(cli, [*args, "--no-header", "--no-unit-column"], catch_exceptions=False)
    assert stated.exit_code == 0 and stated.stderr == ""
    assert json.loads(stated.stdout)["parameters"]["read_as"] == (
        "read 41 units x 6 coders; no header row (coders numbered); units numbered by row"
    )
