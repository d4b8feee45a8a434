"""CSV and JSONL: columns researchers rely on, and rows that do not fit."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.core.errors import ExchangeError
from annotator.exchange import export_data, import_data
from annotator.exchange.bundle import ProjectData
from annotator.exchange.tabular import ANNOTATION_COLUMNS


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_has_one_row_per_annotation_with_document_and_coder(tmp_path, sample):
    ann, dc, cb = export_data(sample, "csv", tmp_path / "a.csv")
    assert (ann.name, dc.name, cb.name) == ("a.csv", "a_document_codes.csv", "a_codebook.csv")
    assert ann.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = _rows(ann)
    assert list(rows[0]) == list(ANNOTATION_COLUMNS)
    assert len(rows) == len(sample.annotations)
    row = next(r for r in rows if r["quote"] == "東京 officials")
    assert row["coder"] == "Bo_Chen" and row["code"] == "Source type/government official"
    assert row["document_title"] == "Talks: \u201cappeasement\u201d?" and row["published"] == "2024-03-03"
    assert len(_rows(dc)) == 2


def test_csv_to_a_folder(tmp_path, sample):
    paths = export_data(sample, "csv", tmp_path / "out")
    assert sorted(p.name for p in paths) == ["annotations.csv", "codebook.csv", "document_codes.csv"]
    back = import_data(tmp_path / "out", "csv", existing=ProjectData(documents=sample.documents)).data
    assert len(back.annotations) == len(sample.annotations)


def test_csv_rows_for_unknown_texts_are_skipped_with_a_warning(tmp_path, sample):
    export_data(sample, "csv", tmp_path / "a.csv")
    result = import_data(tmp_path / "a.csv", "csv", existing=ProjectData(documents=sample.documents[:1]))
    d2 = sample.documents[1].id
    assert all(a.document_id != d2 for a in result.data.annotations)
    assert any(d2 in w and "not in the project" in w for w in result.warnings)


def test_csv_without_texts_imports_nothing_and_says_why(tmp_path, sample):
    export_data(sample, "csv", tmp_path / "a.csv")
    result = import_data(tmp_path / "a.csv", "csv")
    assert result.data.annotations == []
    assert result.warnings


def test_csv_quote_mismatch_and_bad_offsets_are_reported(tmp_path, sample):
    ann, _, _ = export_data(sample, "csv", tmp_path / "a.csv")
    rows = _rows(ann)
    rows[0]["quote"] = "something else"
    rows[1]["start"] = "abc"
    rows[2]["end"] = "100000"
    with ann.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    result = import_data(ann, "csv", existing=sample)
    assert len(result.data.annotations) == len(sample.annotations) - 3
    text = " ".join(result.warnings)
    assert "a.csv line 2" in text and "quote does not match" in text
    assert "not a whole number" in text and "past the end" in text


def test_csv_without_required_columns(tmp_path):
    (tmp_path / "x.csv").write_text("document_id,start,end\nabc,1,2\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match="code or code_id"):
        import_data(tmp_path / "x.csv", "csv")
    (tmp_path / "y.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match="neither start/end"):
        import_data(tmp_path / "y.csv", "csv")


def test_csv_that_is_not_utf8(tmp_path):
    (tmp_path / "x.csv").write_bytes("document_id,start,end,code\nZ\xfcrich,1,2,x\n".encode("latin-1"))
    with pytest.raises(ExchangeError, match="not UTF-8"):
        import_data(tmp_path / "x.csv", "csv")


def test_jsonl_is_self_contained(tmp_path, sample):
    (path,) = export_data(sample, "jsonl", tmp_path / "a.jsonl")
    kinds = [json.loads(line)["type"] for line in path.read_text("utf-8").splitlines()]
    assert kinds[0] == "coder" and kinds[-1] == "document_code"
    assert kinds.count("document") == 2 and kinds.count("annotation") == len(sample.annotations)
    back = import_data(path, "jsonl").data
    assert back.coder_index()[sample.coders[0].id].color == "#aa3377"
    assert back.codebook.by_path("Source type").exclusive
    assert back.documents[0].outlet == "=Die Zeit"  # JSON is not a spreadsheet: nothing to escape


def test_jsonl_without_texts_attaches_to_existing(tmp_path, sample):
    (path,) = export_data(sample, "jsonl", tmp_path / "a.jsonl", include_texts=False)
    assert "Zürich" not in path.read_text("utf-8").split('"type": "annotation"')[0]
    back = import_data(path, "jsonl", existing=ProjectData(documents=sample.documents)).data
    assert len(back.annotations) == len(sample.annotations)


def test_jsonl_text_with_windows_line_endings_moves_offsets(tmp_path):
    raw = "Line one.\r\nThe minister said.\r\n"
    s = raw.index("minister")
    lines = [
        {"type": "document", "document_id": "x", "text": raw},
        {
            "type": "annotation",
            "document_id": "x",
            "coder": "Ana",
            "code": "official",
            "start": s,
            "end": s + 8,
        },
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    result = import_data(tmp_path / "a.jsonl", "jsonl")
    (doc,) = result.data.documents
    (a,) = result.data.annotations
    assert doc.text == "Line one.\nThe minister said.\n" and doc.text[a.start : a.end] == "minister"
    assert any("normalised" in w for w in result.warnings)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"type": "annotation"\n', "line 1 is not valid JSON"),
        ('{"type": "coder", "id": "x"}\n[1]\n', "coder record needs an id and a name"),
        ("\n\n[1, 2]\n", "line 3 is not a JSON object"),
        ('{"type": "document", "text": ""}\n', "non-empty string"),
    ],
)
def test_malformed_jsonl_names_the_line(tmp_path, content, message):
    (tmp_path / "x.jsonl").write_text(content, encoding="utf-8")
    with pytest.raises(ExchangeError, match=message):
        import_data(tmp_path / "x.jsonl", "jsonl")
