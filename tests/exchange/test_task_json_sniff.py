"""Task-per-document lines (doccano, Prodigy) given as this program's own
JSONL: read by the right reader, never "0 spans" with a wrong excuse."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import ExchangeError
from annotator.exchange import import_data
from tests.exchange.conftest import find


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_doccano_lines_given_as_jsonl_import_their_spans(tmp_path, sample):
    text = sample.documents[0].text
    s, e = find(text, "The minister")
    path = _write(
        tmp_path / "ana.jsonl", [{"text": text, "label": [[s, e, "Source type/government official"]]}]
    )
    result = import_data(path, "jsonl", existing=sample)
    (a,) = result.data.annotations
    assert (a.document_id, a.start, a.end) == (sample.documents[0].id, s, e)
    assert result.data.codebook.path(a.code_id) == "Source type/government official"
    assert any("doccano" in w for w in result.warnings)
    assert not any("not in the project" in w for w in result.warnings)


def test_prodigy_lines_given_as_jsonl_import_their_spans(tmp_path, sample):
    text = sample.documents[1].text
    s, e = find(text, "Ceasefire")
    task = {
        "text": text,
        "spans": [{"start": s, "end": e, "label": "Frames/tragically flawed"}],
        "answer": "accept",
        "_annotator_id": "Bo_Chen",
    }
    result = import_data(_write(tmp_path / "db.jsonl", [task]), "jsonl", existing=sample)
    (a,) = result.data.annotations
    assert (a.document_id, a.start, a.end) == (sample.documents[1].id, s, e)
    assert {c.name for c in result.data.coders} == {"Bo_Chen"}
    assert any("Prodigy" in w for w in result.warnings)


def test_a_line_with_text_of_no_known_shape_names_the_formats(tmp_path, sample):
    path = _write(tmp_path / "x.jsonl", [{"text": sample.documents[0].text, "tags": []}])
    with pytest.raises(ExchangeError, match="--format doccano|prodigy"):
        import_data(path, "jsonl", existing=sample)


@pytest.mark.parametrize("indent", [None, 2])
def test_label_studio_json_given_as_jsonl_names_its_format(tmp_path, sample, indent):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps([{"data": {"text": "a"}, "annotations": []}], indent=indent), encoding="utf-8")
    with pytest.raises(ExchangeError, match="--format labelstudio"):
        import_data(path, "jsonl", existing=sample)
