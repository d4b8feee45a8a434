"""Stopping a long task through its TaskState, at a seeded moment of its
progress: what the user finds afterwards is what each task promises."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from annotator.core.errors import Cancelled
from annotator.core.task import TaskState
from annotator.services.importing import ImportOptions, ImportReport, import_batch
from annotator.store.project import Project
from tests.hardening.helpers import coded_exchange_project

BLANK = ImportOptions(model="blank:en")
SEED = 14
ROOT = Path(__file__).resolve().parents[2]


def stopping_at(call: int) -> TaskState:
    """A state whose watcher asks to stop at the ``call``-th progress report."""
    calls = {"n": 0}

    def on_progress(done: int, total: int | None) -> None:
        calls["n"] += 1
        if calls["n"] == call:
            state.request_interruption()

    state = TaskState(on_progress=on_progress)
    return state


def count_progress(run) -> int:
    calls = {"n": 0}
    run(TaskState(on_progress=lambda d, t: calls.__setitem__("n", calls["n"] + 1)))
    return calls["n"]


def test_an_interrupted_import_keeps_whole_documents_and_says_how_many(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(200):
        (folder / f"{i:03}.txt").write_text(f"Article {i}\n\nBody of article number {i} with some words.\n")
    path = tmp_path / "p.annotator"
    stop_at = random.Random(SEED).randint(20, 300)  # progress counts files and articles read
    with Project.create(path) as project, pytest.raises(Cancelled) as caught:
        import_batch(project, [folder], BLANK, state=stopping_at(stop_at))
    report = caught.value.partial
    assert isinstance(report, ImportReport) and 0 < report.imported < 200
    assert f"{report.imported} " in str(caught.value)  # the sentence says how many were saved
    with Project.open(path, readonly=True) as again:  # what is on disk, read back
        assert again.documents.count_documents() == report.imported
        assert again.documents.documents_without_segments() == []
        (batch,) = again.batches()
        assert batch.report["cancelled"] is True and batch.report["imported"] == report.imported


def test_an_import_interrupted_before_any_article_leaves_no_empty_batch(tmp_path):
    path = tmp_path / "p.annotator"
    with Project.create(path) as project:
        with pytest.raises(Cancelled) as caught:
            import_batch(project, [ROOT / "tests" / "data"], BLANK, state=stopping_at(1))
        assert caught.value.partial.imported == 0
        assert project.documents.count_documents() == 0 and project.batches() == []


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx", "qdpx", "brat", "spacy"])
def test_an_interrupted_export_leaves_no_file(tmp_path, fmt):
    from annotator.services.exchange import export_project

    project = coded_exchange_project(tmp_path / "p.annotator")
    try:
        name = "out" if fmt == "brat" else f"x.{fmt}"
        calls = count_progress(lambda s: export_project(project, fmt, tmp_path / "dry" / name, state=s))
        stop_at = random.Random(f"{SEED}{fmt}").randint(1, calls)
        out = tmp_path / "out" / name
        with pytest.raises(Cancelled, match="^The export was cancelled"):
            export_project(project, fmt, out, state=stopping_at(stop_at))
        assert [p for p in (tmp_path / "out").rglob("*") if p.is_file()] == []
    finally:
        project.close()


def test_an_interrupted_agreement_report_stops_at_the_next_step(tmp_path):
    from annotator.services.agreement import agreement_report

    project = coded_exchange_project(tmp_path / "p.annotator")
    try:

        def run(state: TaskState):
            return agreement_report(project, unit="document", bootstrap=2_000, seed=3, state=state)

        full = count_progress(run)
        stop_at = random.Random(SEED).randint(1, full - 1)  # the last report is the finished one
        seen: list[int] = []

        def on_progress(done: int, total: int | None) -> None:
            seen.append(done)
            if len(seen) == stop_at:
                state.request_interruption()

        state = TaskState(on_progress=on_progress)
        with pytest.raises(Cancelled, match="^The agreement computation was cancelled"):
            run(state)
        assert len(seen) == stop_at  # nothing more was computed once asked to stop
    finally:
        project.close()


def test_an_interrupted_annotation_import_leaves_the_project_unchanged(tmp_path):
    from annotator.services.exchange import export_project, import_annotations

    source = coded_exchange_project(tmp_path / "source.annotator")
    try:
        export_project(source, "jsonl", tmp_path / "x.jsonl")
    finally:
        source.close()
    with Project.create(tmp_path / "p.annotator") as project:

        def run(state: TaskState):
            return import_annotations(project, tmp_path / "x.jsonl", state=state)

        stop_at = random.Random(SEED).randint(1, 2)  # progress counts the two new documents segmented
        with pytest.raises(Cancelled, match="^The annotation import was cancelled; the project is unchanged"):
            run(stopping_at(stop_at))
        assert project.documents.count_documents() == 0 and project.coders() == []
        assert run(TaskState()).annotations_added == 6  # and it can be run again in full


def test_no_code_recognises_a_cancel_by_the_words_of_a_message():
    """Cancelling is told by the Cancelled type alone: a message is for people."""
    pattern = re.compile(r"""["'][^"']*cancel[^"']*["']\s+(not\s+)?in\s""", re.IGNORECASE)
    hits = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in sorted((ROOT / "annotator").rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []
