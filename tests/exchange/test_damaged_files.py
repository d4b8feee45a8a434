"""Damaged, binary, empty and truncated files give one clear error, never a crash."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.exchange import export_data, import_data
from annotator.exchange.bundle import ImportResult, ProjectData

FILE_FORMATS = {"csv": ".csv", "jsonl": ".jsonl", "spacy": ".spacy", "qdpx": ".qdpx", "qdc": ".qdc"}


def _try(path, fmt, existing=None):
    try:
        result = import_data(path, fmt, existing=existing)
    except AnnotatorError as e:
        message = str(e)
        assert message and "\n" not in message and "Traceback" not in message
        return None
    assert isinstance(result, ImportResult)
    return result


@pytest.mark.parametrize("fmt", FILE_FORMATS)
@pytest.mark.parametrize("content", [b"", b"\x00" * 100, bytes(range(256)) * 4, "ünïcode ✓\r\n".encode()])
def test_empty_and_binary_files(tmp_path, fmt, content):
    path = tmp_path / f"x{FILE_FORMATS[fmt]}"
    path.write_bytes(content)
    _try(path, fmt)


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_truncated_and_corrupted_exports(tmp_path, sample, fmt):
    (path,) = export_data(sample, fmt, tmp_path / f"good{FILE_FORMATS[fmt]}")[:1]
    good = path.read_bytes()
    rng = random.Random(7)
    existing = ProjectData(documents=sample.documents)
    for i in range(30):
        bad = bytearray(good)
        if i % 3 == 0:
            bad = bad[: rng.randrange(len(bad))]
        else:
            for _ in range(rng.randrange(1, 8)):
                bad[rng.randrange(len(bad))] = rng.randrange(256)
        target = tmp_path / f"bad{i}{FILE_FORMATS[fmt]}"
        target.write_bytes(bytes(bad))
        _try(target, fmt, existing)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=6))
def test_random_brat_lines(tmp_path, lines):
    folder = tmp_path / "b"
    folder.mkdir(exist_ok=True)
    (folder / "doc.txt").write_text("Some text with naïve 👍 words.\n", encoding="utf-8")
    (folder / "doc.ann").write_text("\n".join(lines), encoding="utf-8", errors="replace")
    _try(folder, "brat")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "document_id",
                    "start",
                    "end",
                    "code",
                    "code_id",
                    "coder",
                    "coder_id",
                    "text",
                    "name",
                    "id",
                    "parent_id",
                ]
            ),
            st.one_of(
                st.none(),
                st.integers(-5, 50),
                st.text(max_size=8),
                st.sampled_from(["annotation", "code", "coder", "document"]),
            ),
        ),
        max_size=6,
    )
)
def test_random_jsonl_records(tmp_path_factory, records):
    import json

    path = tmp_path_factory.mktemp("j") / "x.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    _try(path, "jsonl")
