"""The registry and the two entry points: progress, cancelling, clear errors."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError, Cancelled, ExchangeError
from annotator.core.task import TaskState
from annotator.exchange import FORMATS, export_data, guess_format, import_data
from annotator.exchange.bundle import ProjectData

EXPORTABLE = [n for n, f in FORMATS.items() if f.can_export]


def _out(tmp_path, fmt):
    ext = FORMATS[fmt].extensions[0]
    return tmp_path / (f"x{ext}" if ext else "x")


@pytest.mark.parametrize("fmt", EXPORTABLE)
def test_every_export_reports_progress_to_the_end(tmp_path, sample, fmt):
    calls = []
    export_data(
        sample,
        fmt,
        _out(tmp_path, fmt),
        state=TaskState(on_progress=lambda done, total: calls.append((done, total))),
    )
    if fmt != "qdc":  # a codebook is written in one go
        assert calls and calls[-1][0] == calls[-1][1]
        assert all(0 <= d <= t for d, t in calls)


@pytest.mark.parametrize("fmt", [n for n in EXPORTABLE if n != "qdc"])
def test_cancelled_export_leaves_no_partial_files(tmp_path, sample, fmt):
    out = _out(tmp_path, fmt)
    stopped = TaskState()
    stopped.request_interruption()
    with pytest.raises(Cancelled):
        export_data(sample, fmt, out, state=stopped)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == []


@pytest.mark.parametrize("fmt", [n for n in EXPORTABLE if n != "qdc"])  # qdc: see test_refi
def test_empty_project_exports_without_error(tmp_path, fmt):
    assert export_data(ProjectData(), fmt, _out(tmp_path, fmt))


def test_unknown_format_and_wrong_direction_are_one_sentence(tmp_path, sample):
    with pytest.raises(ExchangeError, match="Unknown format 'docx'; choose one of csv"):
        export_data(sample, "docx", tmp_path / "x.docx")
    (tmp_path / "a.xlsx").write_bytes(b"")
    with pytest.raises(ExchangeError, match="exported but not imported"):
        import_data(tmp_path / "a.xlsx", "xlsx")
    with pytest.raises(ExchangeError, match="does not exist"):
        import_data(tmp_path / "missing.qdpx")
    with pytest.raises(ExchangeError, match="only applies to brat"):
        import_data(tmp_path / "a.xlsx", "qdpx", coder_from_filename="{document}.ann")


def test_unwritable_target_is_one_sentence(tmp_path, sample):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(AnnotatorError, match="file"):
        export_data(sample, "jsonl", blocker / "sub" / "a.jsonl")


def test_guess_format(tmp_path, sample):
    export_data(sample, "brat", tmp_path / "b")
    assert guess_format(tmp_path / "b") == "brat"
    assert guess_format(tmp_path / "x.QDPX") == "qdpx"
    assert guess_format(tmp_path / "x.ndjson") == "jsonl"
    with pytest.raises(ExchangeError, match="--format"):
        guess_format(tmp_path / "x.bin")


def test_import_guesses_the_format(tmp_path, sample):
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    assert len(import_data(path).data.annotations) == len(sample.annotations)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "spacy", "brat", "qdpx"])
def test_importing_the_same_file_twice_gives_the_same_ids(tmp_path, sample, fmt):
    """So that re-running an import adds nothing twice in the project."""
    out = _out(tmp_path, fmt)
    export_data(sample, fmt, out)
    existing = ProjectData(documents=sample.documents)
    first, second = (import_data(out, fmt, existing=existing).data for _ in range(2))
    assert sorted(a.id for a in first.annotations) == sorted(a.id for a in second.annotations)
    assert sorted(c.id for c in first.codebook) == sorted(c.id for c in second.codebook)
    assert sorted(c.id for c in first.coders) == sorted(c.id for c in second.coders)
    assert len({a.id for a in first.annotations}) == len(sample.annotations)


def test_broken_references_are_refused_before_writing(tmp_path, sample):
    sample.annotations[0].code_id = "no-such-code"
    sample.annotations[1].end = 10_000
    with pytest.raises(ExchangeError, match=r"not in the codebook \(and 1 more problems\)"):
        export_data(sample, "qdpx", tmp_path / "p.qdpx")
    assert not (tmp_path / "p.qdpx").exists()


def test_select_exports_only_the_chosen_coders_and_documents(tmp_path, sample):
    ana = sample.coders[0]
    d1 = sample.documents[0]
    part = sample.select(coder_ids={ana.id}, document_ids={d1.id})
    export_data(part, "jsonl", tmp_path / "a.jsonl")
    back = import_data(tmp_path / "a.jsonl", "jsonl").data
    assert {a.coder_id for a in back.annotations} == {ana.id}
    assert {a.document_id for a in back.annotations} == {d1.id}
    assert len(back.annotations) == sum(
        1 for a in sample.annotations if a.coder_id == ana.id and a.document_id == d1.id
    )
    assert [dc.coder_id for dc in back.document_codes] == [ana.id]


@pytest.mark.parametrize("fmt", ["jsonl", "spacy"])
def test_metadata_of_any_type_is_written_as_text(tmp_path, sample, fmt):
    import datetime

    sample.documents[0].metadata = {"seen": datetime.date(2024, 3, 3), "tags": ["a", 1], "raw": b"x"}
    (path,) = export_data(sample, fmt, _out(tmp_path, fmt))
    back = import_data(path, fmt).data
    meta = next(d for d in back.documents if d.id == sample.documents[0].id).metadata
    assert meta["seen"] == "2024-03-03" and meta["tags"] == ["a", 1]


def test_data_loss_is_listed_per_format(sample):
    from annotator.exchange import data_loss

    sample.codebook.codes[1].shortcut = "a"
    brat = " ".join(data_loss(sample, "brat"))
    assert "2 article-level codes are not exported" in brat and "metadata" in brat
    assert any("shortcut" in w for w in data_loss(sample, "qdpx"))
    assert data_loss(sample, "jsonl") == [] and data_loss(sample, "spacy") == []
