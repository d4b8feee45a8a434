"""Issue 13, hostile input: every case of the report through the real entry
points (``import``, ``codebook import``, ``agreement matrix``,
``import-annotations``) in a child process with a time limit and an
address-space limit. Each must end with one sentence (no traceback, no
"unexpected" error), within the limits, and leave the project as it was: no
empty batch, no secret read through a link, the file whole.

Small hostile files live in tests/data/malformed (make_corpus.py); big ones are
made here, in tmp_path.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from tests.hardening.helpers import REPO, check_project_file

CORPUS = REPO / "tests" / "data" / "malformed"
TIME_LIMIT = 20.0  # seconds per case
MEMORY_LIMIT = 2 << 30  # bytes of address space per child
SECRET = "root:x:0:0:secret-line-that-must-never-be-imported"
GOOD = "The minister said the strikes hit 11 targets near Aleppo on Tuesday.\n\nRebels denied the claim.\n"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="resource limits and links are POSIX here")


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``annotator ARGS`` in a child limited to TIME_LIMIT seconds and
    MEMORY_LIMIT bytes; a child over its time fails the test."""
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        QT_QPA_PLATFORM="offscreen",
        OPENBLAS_NUM_THREADS="1",
        OMP_NUM_THREADS="1",
        COLUMNS="400",
    )
    env.pop("ANNOTATOR_DEBUG", None)
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "annotator.cli.main", *map(str, args)],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            preexec_fn=_limit,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"annotator {' '.join(map(str, args))} ran for more than {TIME_LIMIT:.0f} s")
    proc.elapsed = time.monotonic() - started  # type: ignore[attr-defined]
    return proc


def assert_one_sentence(proc: subprocess.CompletedProcess[str], phrase: str) -> str:
    """Exit 1 and one sentence on stderr that names the problem."""
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and "unexpected" not in out, out[-3000:]
    assert proc.returncode == 1, (proc.returncode, out[-3000:])
    message = proc.stderr.strip()
    assert message.startswith("Error: ") and "\n" not in message and message.endswith("."), message
    assert phrase in message, message
    return message


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    proc = run_cli("init", path, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the folders being imported that no import may read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    path = outside / "passwd"
    path.write_text(SECRET + "\n\nMore secret lines that look like an article to the reader.\n")
    return path


def _state(project: Path) -> dict[str, object]:
    conn = check_project_file(project)
    try:
        empty = conn.execute(
            "SELECT b.name FROM batches b WHERE NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.batch_id = b.id)"
        ).fetchall()
        texts = [r[0] for r in conn.execute("SELECT text FROM documents")]
        codes = conn.execute("SELECT count(*) FROM codes").fetchone()[0]
    finally:
        conn.close()
    return {"empty_batches": empty, "texts": texts, "codes": codes}


def import_json(project: Path, *paths: Path, cwd: Path) -> tuple[dict, dict[str, object]]:
    """``annotator import --json``: the batch report (one sentence per failure)
    and the project's state, which must have no empty batch."""
    proc = run_cli("import", project, *paths, "--json", cwd=cwd)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and "unexpected" not in out, out[-3000:]
    report = json.loads(proc.stdout[proc.stdout.index("{") :])
    # an import that imported nothing it was given exits 1, after its report
    assert proc.returncode == (1 if report["failed"] and not report["imported"] else 0), out[-3000:]
    for failure in report["failed"]:
        reason = failure["reason"]
        assert reason.endswith(".") and "\n" not in reason and "unexpected" not in reason, reason
    state = _state(project)
    assert state["empty_batches"] == [], state["empty_batches"]
    return report, state


def _reasons(report: dict) -> str:
    return " | ".join(f["reason"] for f in report["failed"])


# --- finding 7: an unclosed quote ----------------------------------------------


def test_unclosed_quote_is_reported_with_its_row_and_swallows_nothing(project, tmp_path):
    report, state = import_json(project, CORPUS / "unclosed_quote_row7.csv", cwd=tmp_path)
    assert report["imported"] == 5
    assert "row 7 opens a quote that is never closed" in _reasons(report), report["failed"]
    assert not any("never closed" in t or "after the quote" in t for t in state["texts"])


# --- finding 12: links are not followed ----------------------------------------


def test_a_link_inside_an_imported_folder_is_not_followed(project, tmp_path, secret):
    folder = tmp_path / "received"
    folder.mkdir()
    (folder / "a1.txt").write_text("First article\n\n" + GOOD)
    (folder / "a3.txt").symlink_to(secret)
    (folder / "linked_folder").symlink_to(secret.parent, target_is_directory=True)
    report, state = import_json(project, folder, cwd=tmp_path)
    assert report["imported"] == 1
    assert "a3.txt is a symbolic link" in _reasons(report), report["failed"]
    assert not any(SECRET in t for t in state["texts"])


def test_a_link_named_on_the_command_line_is_not_followed(project, tmp_path, secret):
    link = tmp_path / "article.txt"
    link.symlink_to(secret)
    report, state = import_json(project, link, cwd=tmp_path)
    assert report["imported"] == 0 and "is a symbolic link" in _reasons(report)
    assert state["texts"] == []


def test_a_linked_brat_text_is_not_read(project, tmp_path, secret):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").symlink_to(secret)
    (folder / "doc.ann").write_text("T1\tFrame 0 4\troot\n")
    proc = run_cli("import-annotations", project, folder, cwd=tmp_path)
    assert_one_sentence(proc, "symbolic link")
    assert not any(SECRET in t for t in _state(project)["texts"])


def test_a_linked_codebook_file_is_not_read(project, tmp_path):
    real = tmp_path / "outside.yaml"
    real.write_text("codes:\n  - name: Frames\n")
    (tmp_path / "codebook.yaml").symlink_to(real)
    assert_one_sentence(
        run_cli("codebook", "import", project, tmp_path / "codebook.yaml", cwd=tmp_path), "symbolic link"
    )
    assert _state(project)["codes"] == 0


# --- devices, pipes and sizes --------------------------------------------------


def test_agreement_matrix_refuses_a_device_and_a_pipe(tmp_path):
    assert_one_sentence(run_cli("agreement", "matrix", "/dev/zero", cwd=tmp_path), "not a regular file")
    fifo = tmp_path / "matrix.csv"
    os.mkfifo(fifo)
    assert_one_sentence(run_cli("agreement", "matrix", fifo, cwd=tmp_path), "not a regular file")


def test_codebook_import_refuses_a_pipe(project, tmp_path):
    fifo = tmp_path / "codebook.yaml"
    os.mkfifo(fifo)
    assert_one_sentence(run_cli("codebook", "import", project, fifo, cwd=tmp_path), "not a regular file")


def test_import_refuses_a_device_and_a_pipe(project, tmp_path):
    fifo = tmp_path / "articles.txt"
    os.mkfifo(fifo)
    report, state = import_json(project, Path("/dev/zero"), fifo, cwd=tmp_path)
    assert report["imported"] == 0 and _reasons(report).count("not a regular file") == 2, report["failed"]


def test_a_csv_with_a_million_columns_is_refused_at_the_header(project, tmp_path):
    wide = tmp_path / "wide.csv"
    header = ",".join(f"column{i}" for i in range(1_000_000))
    wide.write_text("text," + header + "\n" + "An article.," + ",".join(["x"] * 1_000_000) + "\n")
    assert wide.stat().st_size > 10_000_000
    report, _ = import_json(project, wide, cwd=tmp_path)
    assert report["imported"] == 0 and "columns" in _reasons(report), report["failed"]


def test_an_xlsx_with_a_cell_at_the_last_row_and_column_is_read_quickly(project, tmp_path):
    report, state = import_json(project, CORPUS / "far_cell.xlsx", cwd=tmp_path)
    assert report["imported"] == 1, report["failed"]


def test_an_xlsx_with_a_header_wider_than_allowed_is_refused(project, tmp_path):
    report, _ = import_json(project, CORPUS / "wide_header.xlsx", cwd=tmp_path)
    assert report["imported"] == 0 and "columns" in _reasons(report), report["failed"]


def test_one_overlong_article_is_refused_and_the_other_thirty_imported(project, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(30):
        (folder / f"a{i:02}.txt").write_text(f"Article {i}\n\nNumber {i} of the batch. " + GOOD)
    (folder / "huge.txt").write_text("Huge\n\n" + ("word " * 230_000))  # 1.15M characters
    report, state = import_json(project, folder, cwd=tmp_path)
    assert report["imported"] == 30
    assert "huge.txt" in _reasons(report) and "characters" in _reasons(report), report["failed"]


def _docbin_bomb(path: Path) -> None:
    """A .spacy file of ~160 KB holding one document of 10 million tokens
    (zeros compress a thousand to one)."""
    import srsly
    from spacy.attrs import ORTH, SPACY
    from spacy.strings import hash_string

    n_tokens = 10_000_000
    token = hash_string("word").to_bytes(8, "little") + (1).to_bytes(8, "little")  # ORTH, SPACY
    msg = {
        "version": 3,
        "attrs": [ORTH, SPACY],
        "tokens": token * n_tokens,
        "spaces": b"\x01" * n_tokens,
        "lengths": (n_tokens).to_bytes(4, "little"),
        "strings": ["word"],
        "cats": [{}],
        "flags": [{}],
        "span_groups": [b""],
    }
    path.write_bytes(zlib.compress(srsly.msgpack_dumps(msg), 9))


def test_a_spacy_file_that_expands_to_millions_of_tokens_is_refused(project, tmp_path):
    bomb = tmp_path / "bomb.spacy"
    _docbin_bomb(bomb)
    assert bomb.stat().st_size < 400_000
    assert_one_sentence(run_cli("import-annotations", project, bomb, cwd=tmp_path), "tokens")
    assert _state(project)["texts"] == []


# --- YAML codebooks --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("alias_bomb.yaml", "aliases"),
        ("recursive_alias.yaml", "aliases"),
        ("deep_nesting.yaml", "nested"),
        ("lone_surrogate.yaml", "surrogate"),
        ("odd_version.yaml", "version"),
        ("huge_version.yaml", "version"),
    ],
)
def test_hostile_codebooks_are_refused_with_one_sentence(project, tmp_path, name, phrase):
    assert_one_sentence(run_cli("codebook", "import", project, CORPUS / name, cwd=tmp_path), phrase)
    assert _state(project)["codes"] == 0


@pytest.mark.parametrize(("name", "count"), [("many_codes.yaml", 320), ("groups_of_15.yaml", 320)])
def test_codebooks_of_any_size_get_colours(project, tmp_path, name, count):
    proc = run_cli("codebook", "import", project, CORPUS / name, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    conn = sqlite3.connect(project)
    try:
        colours = [r[0] for r in conn.execute("SELECT color FROM codes")]
    finally:
        conn.close()
    assert len(colours) == count
    assert all(len(c) == 7 and c.startswith("#") for c in colours)


# --- a stopped import leaves no empty batch ----------------------------------------


def test_an_import_stopped_by_an_error_leaves_no_empty_batch(tmp_path):
    """The progress callback is the window's; when it raises (the window is
    closing, say), the error reaches the caller and the batch that stored
    nothing is gone."""
    from annotator.core.task import TaskState
    from annotator.services.importing import import_batch
    from annotator.store.project import Project

    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Article {i}\n\nNumber {i}. " + GOOD)
    path = tmp_path / "p.annotator"

    def progress(done: int, total: int | None) -> None:
        if done:
            raise RuntimeError("the window went away")

    with Project.create(path) as project:
        with pytest.raises(RuntimeError):
            import_batch(project, [folder], state=TaskState(on_progress=progress))
    assert _state(path)["empty_batches"] == []


# --- the whole corpus through every reader, each file within its limits ----------

_EVERY_READER = r"""
import json, resource, signal, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
from annotator.core.models import Document
from annotator.ingest.reading import read_sources
from annotator.ingest.reader_choice import formats
from annotator.ingest.registry import ReadFailure

class TooSlow(BaseException):  # readers catch Exception; this must reach the loop
    pass

def alarm(signum, frame):
    raise TooSlow()

signal.signal(signal.SIGALRM, alarm)
readers = [None] + [spec.name for spec in formats()]
for path in sys.argv[1:]:
    for reader in readers:
        started = time.monotonic()
        signal.alarm({seconds})
        try:
            outcome = []
            for r in read_sources([path], format=reader):
                outcome.append(r.reason if isinstance(r, ReadFailure) else "document")
            status = "ok"
        except TooSlow:
            status = "too slow"
        except MemoryError:
            status = "out of memory"
        except Exception as exc:
            status = "raised " + type(exc).__name__ + ": " + str(exc)[:200]
        finally:
            signal.alarm(0)
        print(json.dumps({{"path": path, "reader": reader, "status": status, "outcome": outcome,
                          "seconds": round(time.monotonic() - started, 2)}}), flush=True)
"""


def test_every_hostile_file_through_every_reader_within_its_limits(tmp_path):
    """Each file of tests/data/malformed, and the big ones made here, read with
    each registered reader (and with the one chosen by content): a document or
    one sentence per file, within TIME_LIMIT seconds and MEMORY_LIMIT bytes."""
    wide = tmp_path / "wide.csv"
    wide.write_text("text," + ",".join(f"column{i}" for i in range(1_000_000)) + "\nAn article.,x\n")
    huge = tmp_path / "huge.txt"
    huge.write_text("Huge\n\n" + "word " * 230_000)
    long_line = tmp_path / "one_line.csv"
    long_line.write_text('text\n"' + "x" * 3_000_000)  # a quote opened and never closed, on one line
    files = [str(p) for p in sorted(CORPUS.iterdir()) if p.suffix != ".py"] + [
        str(wide),
        str(huge),
        str(long_line),
    ]
    code = _EVERY_READER.format(memory=MEMORY_LIMIT, seconds=int(TIME_LIMIT))
    env = dict(os.environ, PYTHONPATH=str(REPO), OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    proc = subprocess.run(
        [sys.executable, "-c", code, *files], capture_output=True, text=True, env=env, timeout=TIME_LIMIT * 40
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(results) >= len(files) * 10
    bad = []
    for r in results:
        sentences = [o for o in r["outcome"] if o != "document"]
        if r["status"] != "ok" or any(
            "unexpected" in s or "\n" in s or not s.endswith(".") for s in sentences
        ):
            bad.append(r)
    assert bad == [], json.dumps(bad[:10], indent=1)[:5000]
    slowest = max(results, key=lambda r: r["seconds"])
    assert slowest["seconds"] < TIME_LIMIT, slowest


def test_cleaning_rules_files_get_the_same_yaml_guard(tmp_path):
    """Cleaning rules are YAML a user may be sent too: an alias bomb there is
    refused in one sentence, within the limits, like a codebook's."""
    code = (
        "from annotator.ingest.rules import load_rules\n"
        "from annotator.core.errors import IngestError\n"
        "import sys\n"
        "try:\n    load_rules([sys.argv[1]])\nexcept IngestError as exc:\n    print(exc)\n"
    )
    bomb = tmp_path / "rules.yaml"
    bomb.write_text(
        (CORPUS / "alias_bomb.yaml")
        .read_text()
        .replace("codes:\n  - name: *i\n", "rules:\n  - name: *i\n    pattern: x\n")
    )
    assert "rules:" in bomb.read_text()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code, str(bomb)],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIME_LIMIT,
            preexec_fn=_limit,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading the rules ran for more than {TIME_LIMIT:.0f} s")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "uses YAML aliases" in proc.stdout, proc.stdout


def test_an_overlong_document_in_annotations_is_refused_before_anything_is_stored(project, tmp_path):
    """import-annotations makes documents too: one over spaCy's limit stops
    the file with one sentence (it is all or nothing), not spaCy's E088."""
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text("Huge text. " * 110_000)
    (folder / "doc.ann").write_text("T1\tFrame 0 4\tHuge\n")
    assert_one_sentence(run_cli("import-annotations", project, folder, cwd=tmp_path), "characters")
    assert _state(project)["texts"] == []


_EVERY_IMPORTER = r"""
import json, resource, signal, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
from annotator.core.errors import AnnotatorError
from annotator.exchange.formats import import_data

class TooSlow(BaseException):
    pass

def alarm(signum, frame):
    raise TooSlow()

signal.signal(signal.SIGALRM, alarm)
for path in sys.argv[1:]:
    for fmt in (None, "csv", "jsonl", "spacy", "brat", "qdpx", "qdc"):
        started = time.monotonic()
        signal.alarm({seconds})
        try:
            import_data(Path(path), fmt)
            status = "ok"
        except AnnotatorError as exc:
            status = "refused: " + str(exc)
        except TooSlow:
            status = "too slow"
        except MemoryError:
            status = "out of memory"
        except Exception as exc:
            status = "raised " + type(exc).__name__ + ": " + str(exc)[:200]
        finally:
            signal.alarm(0)
        print(json.dumps({{"path": path, "format": fmt, "status": status,
                          "seconds": round(time.monotonic() - started, 2)}}), flush=True)
"""


def test_every_hostile_file_through_every_annotation_importer_within_its_limits(tmp_path):
    """The same corpus, and a .spacy bomb, through each import-annotations
    format: read or refused in one sentence, within the limits."""
    bomb = tmp_path / "bomb.spacy"
    _docbin_bomb(bomb)
    files = [str(p) for p in sorted(CORPUS.iterdir()) if p.suffix != ".py"] + [str(bomb)]
    code = _EVERY_IMPORTER.format(memory=MEMORY_LIMIT, seconds=int(TIME_LIMIT))
    env = dict(os.environ, PYTHONPATH=str(REPO), OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    proc = subprocess.run(
        [sys.executable, "-c", code, *files], capture_output=True, text=True, env=env, timeout=TIME_LIMIT * 40
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(results) == len(files) * 7
    bad = [
        r
        for r in results
        if not (
            r["status"] == "ok"
            or (r["status"].startswith("refused: ") and r["status"].endswith(".") and "\n" not in r["status"])
        )
    ]
    assert bad == [], json.dumps(bad[:10], indent=1)[:5000]
    assert max(r["seconds"] for r in results) < TIME_LIMIT
