"""Task files with any JSON where a field should be: an import either reads
sound spans or says one sentence, never a traceback."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.exchange import import_data
from annotator.exchange.bundle import ProjectData

from .conftest import make_codebook, stored

TEXT = stored("Zürich 👍🏽 東京 officials said e\u0301lan.\r\nThe NGO monitor.")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 80) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


def _tasks(fmt: str, hole: object, where: int) -> str:
    """A valid task of ``fmt`` with one part replaced by ``hole``."""
    if fmt == "prodigy":
        span: dict = {"start": 0, "end": 6, "label": "appeasement"}
        task: dict = {"text": TEXT, "spans": [span], "answer": "accept", "_annotator_id": "Ana", "accept": []}
        targets = [
            (task, "text"),
            (task, "spans"),
            (span, "start"),
            (span, "label"),
            (task, "accept"),
            (task, "answer"),
        ]
    elif fmt == "doccano":
        task = {"text": TEXT, "label": [[0, 6, "appeasement"]], "cats": ["Tone/negative"]}
        targets = [(task, "text"), (task, "label"), (task["label"], 0), (task, "cats"), (task, "user")]
    else:
        value: dict = {"start": 0, "end": 6, "text": TEXT[:6], "labels": ["appeasement"]}
        region = {"id": "a", "type": "labels", "value": value}
        annotation: dict = {"completed_by": 1, "result": [region]}
        task = {"data": {"text": TEXT}, "annotations": [annotation], "predictions": []}
        targets = [
            (task, "data"),
            (annotation, "result"),
            (value, "start"),
            (value, "labels"),
            (annotation, "completed_by"),
            (region, "value"),
        ]
    parent, key = targets[where % len(targets)]
    parent[key] = hole
    if fmt == "labelstudio":
        return json.dumps([task])
    return json.dumps(task) + "\n"


@pytest.mark.parametrize("fmt", ["prodigy", "doccano", "labelstudio"])
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hole=json_values, where=st.integers(0, 10))
def test_any_json_in_any_field_is_read_or_refused_in_one_sentence(tmp_path, fmt, hole, where):
    path = tmp_path / ("t.json" if fmt == "labelstudio" else "t.jsonl")
    path.write_text(_tasks(fmt, hole, where), encoding="utf-8")
    existing = ProjectData(documents=[], codebook=make_codebook())
    from annotator.core.models import Document

    existing.documents.append(Document(text=TEXT))
    try:
        result = import_data(path, fmt, existing=existing)
    except AnnotatorError as e:
        assert str(e).endswith(".") and "\n" not in str(e)
        return
    for a in result.data.annotations:
        assert 0 <= a.start < a.end <= len(TEXT)
        assert a.quote == TEXT[a.start : a.end]


def test_a_label_or_coder_that_is_not_text_is_not_made_a_code_or_coder(tmp_path):
    task = {
        "text": TEXT,
        "spans": [{"start": 0, "end": 6, "label": {"x": 1}}, {"start": 0, "end": 6, "label": "appeasement"}],
        "answer": "accept",
        "_annotator_id": ["Ana"],
        "accept": [None],
    }
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    from annotator.core.models import Document

    existing = ProjectData(documents=[Document(text=TEXT)], codebook=make_codebook())
    result = import_data(path, "prodigy", existing=existing, coder="Bo")
    assert [c.name for c in result.data.coders] == ["Bo"]
    assert [result.data.codebook.path(a.code_id) for a in result.data.annotations] == ["Frames/appeasement"]
    assert sum("is not a code's name" in w for w in result.warnings) == 2
