"""Exports stream from the project file: the same bytes as an export built from
the whole project in memory, and memory that does not grow with the project."""

from __future__ import annotations

import re
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from annotator.exchange import export_data
from annotator.exchange.formats import data_loss
from annotator.services.exchange import export_project, export_reader, project_data
from annotator.store.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from synthetic_export_project import build  # noqa: E402

STREAMED = {"csv": ".csv", "jsonl": ".jsonl", "xlsx": ".xlsx", "qdpx": ".qdpx"}
# the export time, written by REFI-QDA's Project element and the workbook's properties
EXPORT_TIME = re.compile(rb'(<Project [^>]*?creationDateTime=")[^"]*"|(<dcterms:\w+ [^>]*>)[^<]*<')


def _contents(files: list[Path]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for f in files:
        if zipfile.is_zipfile(f):
            with zipfile.ZipFile(f) as z:
                for name in z.namelist():
                    out[f"{f.name}/{name}"] = EXPORT_TIME.sub(
                        lambda m: (m.group(1) or m.group(2)) + b"T" + (b'"' if m.group(1) else b"<"),
                        z.read(name),
                    )
        else:
            out[f.name] = f.read_bytes()
    return out


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("streaming")
    return {
        "synthetic": build(root / "synthetic.annotator", 60, seed=3),
        "one coder, few spans": build(root / "few.annotator", 3, coders=1, spans_per_coder=2, seed=4),
        "no documents": build(root / "empty.annotator", 0),
    }


@pytest.mark.parametrize("fmt", sorted(STREAMED))
@pytest.mark.parametrize("which", ["synthetic", "one coder, few spans", "no documents"])
@pytest.mark.parametrize("selection", ["all", "one coder", "one batch"])
def test_a_streamed_export_is_byte_for_byte_the_one_made_from_memory(
    tmp_path, projects, fmt, which, selection
):
    with Project.open(projects[which]) as project:
        chosen: dict = {
            "all": {},
            "one coder": {"coders": [project.coders()[-1].name]},
            "one batch": {"batch": project.batches()[-1].name} if project.batches() else {},
        }[selection]
        options = {"name": project.name} if fmt == "qdpx" else {}
        streamed_losses: list[str] = []
        streamed = export_project(
            project, fmt, tmp_path / "s" / f"x{STREAMED[fmt]}", losses=streamed_losses, **chosen
        )
        whole = project_data(project, **chosen)
        from_memory = export_data(whole, fmt, tmp_path / "m" / f"x{STREAMED[fmt]}", **options)
        assert _contents(streamed) == _contents(from_memory)
        assert streamed_losses == data_loss(whole, fmt)
        assert export_reader(project, **chosen).facts() == whole.facts()


def _peak_export_bytes(path: Path, fmt: str, out: Path) -> int:
    with Project.open(path) as project:
        tracemalloc.start()
        try:
            export_project(project, fmt, out, losses=[])
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("sizes")
    # eight times the documents and annotations
    return build(root / "small.annotator", 40, seed=5), build(root / "large.annotator", 320, seed=5)


@pytest.mark.parametrize("fmt", sorted(STREAMED))
def test_an_exports_memory_does_not_grow_with_the_project(tmp_path, small_and_large, fmt):
    peaks = [_peak_export_bytes(p, fmt, tmp_path / f"{p.stem}{STREAMED[fmt]}") for p in small_and_large]
    # streamed, the large project needs what the small one does, give or take a few
    # documents' worth; built in memory first it needed about eight times as much
    assert peaks[1] < peaks[0] * 1.5 + 2_000_000, peaks


@pytest.mark.parametrize("fmt", sorted(STREAMED))
def test_a_span_past_its_text_in_a_file_edited_elsewhere_stops_the_export_with_one_sentence(tmp_path, fmt):
    import sqlite3

    from annotator.core.errors import ExchangeError

    path = build(tmp_path / "edited.annotator", 3, coders=1, spans_per_coder=6, seed=6)
    conn = sqlite3.connect(path)
    with conn:  # what another program could do: the rules live in triggers it can drop
        conn.execute("DROP TRIGGER annotations_in_text_upd")
        conn.execute('UPDATE annotations SET "end" = 1000000 WHERE deleted = 0')
    conn.close()
    out = tmp_path / "out" / f"x{STREAMED[fmt]}"
    with (
        Project.open(path) as project,
        pytest.raises(ExchangeError, match=r"^Annotation \S+ spans \d+-1000000, "),
    ):
        export_project(project, fmt, out)
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_a_csv_export_counts_no_facts_it_does_not_write(tmp_path):
    """The loss sentences of a CSV export need no counting, and a problem row
    is refused as the table meets it: the only pass before writing is a count
    for the progress bar."""
    path = build(tmp_path / "counted.annotator", 5, seed=8)
    statements: list[str] = []
    with Project.open(path, readonly=True) as project:
        project.db.conn.set_trace_callback(statements.append)
        export_project(project, "csv", tmp_path / "out" / "x.csv", losses=[])
        project.db.conn.set_trace_callback(None)
    assert not [s for s in statements if "sum(" in s.lower()]


@pytest.mark.parametrize("fmt", sorted(STREAMED))
def test_a_code_missing_from_the_codebook_stops_the_export_with_one_sentence(tmp_path, fmt):
    import sqlite3

    from annotator.core.errors import ExchangeError

    path = build(tmp_path / "edited.annotator", 3, coders=1, spans_per_coder=6, seed=6)
    conn = sqlite3.connect(path)
    with conn:  # foreign keys are off unless a program turns them on
        conn.execute(
            "UPDATE annotations SET code_id = 'gone' WHERE rowid = (SELECT max(rowid) FROM annotations WHERE deleted = 0)"
        )
    conn.close()
    out = tmp_path / "out" / f"x{STREAMED[fmt]}"
    with (
        Project.open(path) as project,
        pytest.raises(
            ExchangeError, match=r"^Annotation \S+ has the code gone, which is not in the codebook\.$"
        ),
    ):
        export_project(project, fmt, out, losses=[])
    assert not out.parent.exists() or not any(out.parent.iterdir())
