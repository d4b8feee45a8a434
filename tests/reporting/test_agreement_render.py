"""Renderings and the reliability matrix CSV: what users open in R, SPSS, Excel and a browser."""

from __future__ import annotations

import io
import json

import pytest

from annotator.agreement.alpha import krippendorff_alpha
from annotator.agreement.errors import AgreementError
from annotator.agreement.reliability_data import unit_data
from annotator.agreement.report import compute_report, matrix_report
from annotator.reporting.agreement_files import to_csv, to_json, write_report
from annotator.reporting.agreement_html import to_html
from annotator.reporting.agreement_table import columns, to_rows
from annotator.reporting.reliability_matrix import export_matrix, read_matrix_csv, write_matrix_csv

TEXT = "Aaaa bbb. Cccc ddd. Eeee fff. Gggg hhh."
APP = "Frames/Appeasement"


@pytest.fixture
def report(make_data, codebook, ids):
    # a hostile code name and coder name: they must come out as text everywhere
    codebook.get(ids["Frames/Tragically flawed"]).name = '<script>alert("x")</script>'
    codebook.refresh()
    spans = [
        ("d", "a", APP, 0, 4),
        ("d", "b", APP, 0, 4),
        ("d", "a", APP, 20, 24),
        ("d", "b", "Source type/NGO", 10, 14),
        ("d", "a", "Source type/Government", 10, 14),
    ]
    data = make_data({"d": TEXT, "e": "Xx yy. Zz ww."}, spans)
    return compute_report(
        data,
        unit="sentence",
        coders=["a", "b"],
        bootstrap=200,
        seed=1,
        coder_names={"a": "=HYPERLINK(1)", "b": "Bo <i>"},
    )


def test_rows_follow_the_columns_and_keep_undefined_empty(report):
    rows = to_rows(report)
    assert list(rows[0]) == columns(report)
    trag = next(r for r in rows if "script" in r["Variable"])
    assert trag["Alpha"] is None and "no variation" in trag["Note"]
    assert "Coverage Bo <i>" in columns(report)


def test_csv_has_one_row_per_variable_and_defuses_formulas(report):
    report.variables[0].name = "=SUM(A1)"
    text = to_csv(report)
    lines = text.strip().splitlines()
    assert len(lines) == 1 + len(report.variables)
    assert lines[1].startswith("'=SUM(A1),")


def test_json_round_trips_with_null_for_undefined(report, tmp_path):
    data = json.loads(to_json(report, tmp_path / "r.json"))
    assert json.loads((tmp_path / "r.json").read_text())["parameters"]["seed"] == 1
    trag = next(v for v in data["variables"] if "script" in v["name"])
    assert trag["alpha"] is None and trag["reasons"]["alpha"]
    app = next(v for v in data["variables"] if v["name"] == APP)
    assert app["ci_low"] is not None and set(app["p_below"]) == {"0.667", "0.8"}


def test_xlsx_has_all_sheets_and_labels_stay_text(report, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "r.xlsx"
    write_report(report, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Agreement", "Documents", "Parameters", "Notes"]
    ws = wb["Agreement"]
    header = [c.value for c in ws[1]]
    assert header == columns(report)
    assert ws.max_row == 1 + len(report.variables)
    coders = next(r for r in wb["Parameters"].iter_rows(values_only=True) if r[0] == "coders")
    assert "=HYPERLINK(1)" in coders[1] and not str(coders[1]).startswith("=")


def test_html_is_self_contained_and_escapes_user_text(report, tmp_path):
    page = to_html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Bo &lt;i&gt;" in page and "<i>" not in page
    assert page.count("data:image/png;base64,") == 3
    for needle in (
        "Krippendorff",
        "Hayes",
        "Cohen, J. (1960)",
        "Fleiss",
        "Scott",
        "Brennan",
        "2016",
        "sentence",
        "test codebook",
        "annotator ",
    ):
        assert needle in page
    assert "http" not in page.split("<h2>References</h2>")[0]  # nothing loaded from elsewhere
    write_report(report, tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unknown_format_is_refused(report, tmp_path):
    with pytest.raises(AgreementError, match="Unknown report format"):
        write_report(report, tmp_path / "r.pdf")


def test_continuum_report_renders(make_data, ids):
    data = make_data({"d": TEXT}, [("d", "a", "Source type/NGO", 0, 4), ("d", "b", "Source type/NGO", 0, 6)])
    rep = compute_report(data, unit="continuum", coders=["a", "b"])
    page = to_html(rep)
    assert "(k)uα" in page and "cuα" in page
    json.loads(to_json(rep))


# --- the reliability matrix ----------------------------------------------------------------


def test_exported_matrix_reproduces_alpha(make_data, ids):
    spans = [
        ("d", "a", "Source type/NGO", 0, 4),
        ("d", "b", "Source type/NGO", 0, 4),
        ("d", "a", "Source type/Government", 10, 14),
        ("d", "b", "Source type/NGO", 20, 24),
    ]
    data = make_data({"d": TEXT, "e": "Xx yy."}, spans, coded={"d": {"a", "b"}, "e": {"a"}})
    ud = unit_data(data, unit="sentence", coders=["a", "b"])
    buf = io.StringIO()
    legend = export_matrix(ud, ids["Source type"], buf, coder_names=["Ann", "Bo"])
    assert legend == ["(none)", "Government", "NGO"]
    lines = buf.getvalue().strip().splitlines()
    assert lines[0] == "unit,Ann,Bo"
    assert lines[1:] == [
        "d:sentence:0,2,2",
        "d:sentence:1,1,0",
        "d:sentence:2,0,2",
        "d:sentence:3,0,0",
        "e:sentence:0,0,",
    ]
    back = read_matrix_csv(io.StringIO(buf.getvalue()))
    assert back.coders == ["Ann", "Bo"] and back.units[0] == "d:sentence:0"
    rep = compute_report(data, unit="sentence", coders=["a", "b"], variables=[ids["Source type"]])
    assert matrix_report(back.values).variables[0].alpha == pytest.approx(rep.variables[0].alpha)


def test_matrix_with_labels_and_numeric_values(tmp_path):
    path = tmp_path / "m.csv"
    write_matrix_csv(path, [[0, 1], [1, -1]], ["a", "b"], categories=["no", "yes"], labels=True)
    assert path.read_text().splitlines()[1:3] == ["1,no,yes", "2,yes,"]
    write_matrix_csv(path, [[0, 1], [1, -1]], ["a", "b"], categories=[-2, 2])
    assert path.read_text().splitlines()[1:3] == ["1,-2,2", "2,2,"]


@pytest.mark.parametrize(
    ("text", "coders", "units"),
    [
        ("1,2\n2,2\n,1\n", ["coder 1", "coder 2"], ["1", "2", "3"]),  # ReCal: no header
        ("A;B\n1;2\n2;2\nNA;1\n", ["A", "B"], ["1", "2", "3"]),  # semicolons, R's NA
        ('"",A,B\nu1,1,2\nu2,2,2\nu3,.,1\n', ["A", "B"], ["u1", "u2", "u3"]),  # R write.csv, SPSS "."
        ("unit\tA\tB\nu1\t1\t2\nu2\t2\t2\nu3\t\t1\n", ["A", "B"], ["u1", "u2", "u3"]),
    ],
)
def test_read_matrix_csv_layouts(text, coders, units):
    m = read_matrix_csv(io.StringIO(text))
    assert m.coders == coders and m.units == units
    assert m.values.tolist() == [["1", "2"], ["2", "2"], [None, "1"]]
    assert krippendorff_alpha(m.values).alpha == pytest.approx(
        krippendorff_alpha([[1, 2], [2, 2], [None, 1]]).alpha
    )


def test_nominal_labels_without_header_can_be_forced():
    m = read_matrix_csv(io.StringIO("yes,no\nno,no\n"), header=False)
    assert m.values.tolist() == [["yes", "no"], ["no", "no"]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"A,B\n", "no units"),
        (b"A,B\n1,2,3\n", "more cells"),
        (b"\x00\x01\x02binary", "not a text"),
    ],
)
def test_bad_matrix_files_get_one_sentence(tmp_path, content, message):
    path = tmp_path / "m.csv"
    path.write_bytes(content)
    with pytest.raises(AgreementError, match=message):
        read_matrix_csv(path)


def test_missing_matrix_file(tmp_path):
    with pytest.raises(AgreementError, match="cannot be read"):
        read_matrix_csv(tmp_path / "nope.csv")


def test_cp1252_matrix_is_read(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes("Zoë,Åsa\n1,2\n2,2\n".encode("cp1252"))
    assert read_matrix_csv(path).coders == ["Zoë", "Åsa"]


def test_methods_sentences_state_the_figures(report):
    from annotator.reporting.agreement_table import methods_sentences

    lines = methods_sentences(report)
    app = next(line for line in lines if line.startswith(APP))
    v = report.variable(APP)
    assert f"{v.alpha:.3f}" in app and f"{v.ci_low:.3f}" in app and "200 resamples" in app
    assert "sentences in 2 documents, 2 coders" in app
    assert any("undefined" in line for line in lines)
    assert "For the methods section" in to_html(report)
