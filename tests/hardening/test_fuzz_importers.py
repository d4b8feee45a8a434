"""Property tests for every importer (issue 10, item 4), at the level the user
reaches them: files on disk through ``read_sources`` and the batch import, and
exchange files through ``import_data`` and ``import_annotations``.

Random bytes and near-valid files (real files with bytes flipped, cut,
inserted or duplicated, and archives whose members are mutated) give documents
or a one-sentence AnnotatorError, never another exception, never a reader bug
reported as "unexpected error", and never a partial document in a project.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import unicodedata
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.core.models import Document
from annotator.ingest.reading import read_sources
from annotator.ingest.registry import ReadFailure
from annotator.services.importing import ImportOptions, import_batch
from annotator.store.project import Project
from tests.hardening.helpers import TEXT, check_project_file, coded_exchange_project
from tests.ingest.builders import make_docx, make_xlsx

EXAMPLES = int(os.environ.get("HARDENING_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
FEW = settings(FUZZ, max_examples=max(10, EXAMPLES // 3))


# --- seeds: one valid file per reader ----------------------------------------------


@cache
def ingest_seeds() -> dict[str, bytes]:
    rows = [
        {"title": f"Story {i}", "outlet": "Wire", "date": "2015-10-07", "text": TEXT + f" ({i})"}
        for i in range(3)
    ]
    csv_text = "title,outlet,date,text\n" + "".join(
        f'"{r["title"]}","{r["outlet"]}","{r["date"]}","{r["text"].replace(chr(34), chr(34) * 2)}"\n'
        for r in rows
    )
    html = (
        f"<html><head><title>Strikes</title><meta name='author' content='A. Reporter'></head><body><article>"
        f"<h1>Strikes</h1><p>{TEXT}</p><p>Second paragraph with <b>bold</b> &amp; an entity.</p>"
        "</article></body></html>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", TEXT)
        zf.writestr("folder/b.html", html)
        zf.writestr("c.csv", csv_text)
    return {
        ".csv": csv_text.encode("utf-8"),
        ".json": json.dumps(rows, ensure_ascii=False).encode("utf-8"),
        ".jsonl": "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8"),
        ".html": html.encode("utf-8"),
        ".txt": ("Strikes hit Aleppo\n\n" + TEXT).encode("utf-8"),
        ".zip": buf.getvalue(),
        ".docx": make_docx(["Strikes hit Aleppo", TEXT, "Rebels denied it."], title="Strikes"),
        ".xlsx": make_xlsx([["title", "text"], ["Strikes", TEXT], ["Talks", TEXT + " 2"]]),
    }


SPECIAL = [
    b'"',
    b",",
    b"\n",
    b"\r\n",
    b"{",
    b"}",
    b"[",
    b"<",
    b">",
    b"&",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xe2\x80\xa8",
    b"\\",
    b"'",
    b";",
    b"\t",
    b"</p>",
    b"<!--",
    b"]]>",
    b"\xf0\x9f",
]


@st.composite
def mutate(draw, seed: bytes, *, max_ops: int = 4) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, max_ops))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(("flip", "truncate", "insert", "special", "delete", "duplicate")))
        if op == "flip":
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[i:]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
        elif op == "special":
            data[i:i] = draw(st.sampled_from(SPECIAL))
        elif op == "delete":
            del data[i : i + draw(st.integers(1, 64))]
        else:
            data[i:i] = data[i : i + draw(st.integers(1, 256))]
    return bytes(data)


@st.composite
def mutate_members(draw, seed: bytes) -> bytes:
    """A zip whose members are near-valid: contents mutated, names changed, members dropped."""
    src = zipfile.ZipFile(io.BytesIO(seed))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            choice = draw(st.sampled_from(("keep", "keep", "mutate", "drop", "rename")))
            if choice == "drop":
                continue
            name = info.filename
            if choice == "mutate":
                data = draw(mutate(data))
            elif choice == "rename":
                name = draw(
                    st.sampled_from((name.upper(), name + ".bak", "x/" + name, name.replace("/", "\\")))
                )
            zf.writestr(name, data)
    return out.getvalue()


def near_valid(ext: str):
    seed = ingest_seeds()[ext]
    options = [mutate(seed)]
    if ext in (".zip", ".docx", ".xlsx"):
        options.append(mutate_members(seed))
    return st.one_of(*options)


# --- the property -----------------------------------------------------------------------


def assert_clean_results(results: list) -> None:
    for r in results:
        if isinstance(r, ReadFailure):
            assert r.reason and "\n" not in r.reason, r.reason
            assert "unexpected error" not in r.reason, r.reason  # a reader bug: not a clear error
        else:
            assert isinstance(r, Document), type(r)
            assert r.text.strip() and "\r" not in r.text
            assert unicodedata.is_normalized("NFC", r.text)
            assert r.id


def read_bytes_as(ext: str, data: bytes) -> list:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"fuzz article{ext}"
        path.write_bytes(data)
        return list(read_sources([path]))


EXTS = sorted(ingest_seeds())


@FUZZ
@given(ext=st.sampled_from(EXTS + [".pdf", ".htm", ".tsv", ""]), data=st.binary(max_size=3000))
def test_read_sources_random_bytes(ext, data):
    assert_clean_results(read_bytes_as(ext, data))


@FUZZ
@given(data=st.data(), ext=st.sampled_from(EXTS))
def test_read_sources_near_valid_files(data, ext):
    assert_clean_results(read_bytes_as(ext, data.draw(near_valid(ext))))


def test_seeds_are_read_whole():
    """The unmutated seeds are good articles (so the mutations start from valid files)."""
    for ext in EXTS:
        docs = [r for r in read_bytes_as(ext, ingest_seeds()[ext]) if isinstance(r, Document)]
        assert docs, ext
        assert any("minister said" in d.text for d in docs), ext


@FEW
@given(files=st.lists(st.tuples(st.sampled_from(EXTS), st.data()), min_size=1, max_size=4))
def test_batch_import_of_broken_files_keeps_the_project_whole(files):
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / "batch"
        folder.mkdir()
        for i, (ext, data) in enumerate(files):
            (folder / f"f{i}{ext}").write_bytes(data.draw(near_valid(ext)))
        path = Path(d) / "p.annotator"
        with Project.create(path) as project:
            report = import_batch(project, [folder], ImportOptions(model="blank:en"))
            assert report.imported == project.documents.count_documents()
            for f in report.failed:
                assert "\n" not in f["reason"] and "unexpected error" not in f["reason"], f
        check_project_file(path).close()


# --- exchange formats ------------------------------------------------------------------------


@cache
def exchange_seeds() -> dict[str, tuple[str, dict[str, bytes]]]:
    """format -> (name of the file or folder to import, {relative path: bytes})."""
    from annotator.exchange import export_data
    from annotator.services.exchange import project_data

    out: dict[str, tuple[str, dict[str, bytes]]] = {}
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        with coded_exchange_project(root / "seed.annotator") as p:
            data = project_data(p)
            for fmt, name in (
                ("jsonl", "codings.jsonl"),
                ("qdpx", "project.qdpx"),
                ("csv", "codings.csv"),
                ("brat", "brat"),
            ):
                target = root / "out" / fmt / name
                target.parent.mkdir(parents=True)
                export_data(data, fmt, target)
                files = {
                    str(f.relative_to(target.parent)): f.read_bytes()
                    for f in sorted(target.parent.rglob("*"))
                    if f.is_file()
                }
                out[fmt] = (name, files)
    return out


def _write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)


@st.composite
def near_valid_export(draw, fmt: str):
    name, files = exchange_seeds()[fmt]
    files = dict(files)
    victim = draw(st.sampled_from(sorted(files)))
    if fmt == "qdpx" and draw(st.booleans()):
        files[victim] = draw(mutate_members(files[victim]))
    elif draw(st.integers(0, 9)) == 0:
        del files[victim]
    else:
        files[victim] = draw(mutate(files[victim]))
    return name, files


def import_into_project(fmt: str, name: str, files: dict[str, bytes]) -> None:
    from annotator.services.exchange import import_annotations

    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        _write(root / "in", files)
        path = root / "target.annotator"
        with coded_exchange_project(path) as project:
            before = (
                project.documents.count_documents(),
                len(project.annotations.select(include_deleted=True)),
            )
            try:
                import_annotations(project, root / "in" / name, fmt, segment=False)
            except AnnotatorError as exc:
                message = str(exc)
                assert message and "\n" not in message, message
                # a refused import changes nothing
                assert (
                    project.documents.count_documents(),
                    len(project.annotations.select(include_deleted=True)),
                ) == before
        conn = check_project_file(path, segments=False)
        conn.close()


EXCHANGE = ("jsonl", "qdpx", "csv", "brat")


@FUZZ
@given(data=st.data(), fmt=st.sampled_from(EXCHANGE))
def test_exchange_near_valid_files(data, fmt):
    name, files = data.draw(near_valid_export(fmt))
    import_into_project(fmt, name, files)


@FEW
@given(fmt=st.sampled_from(EXCHANGE), blob=st.binary(max_size=2000))
def test_exchange_random_bytes(fmt, blob):
    name, files = exchange_seeds()[fmt]
    victim = sorted(files)[0]
    import_into_project(fmt, name, {**files, victim: blob})


def test_exchange_seeds_import():
    """The unmutated exports read back whole (CSV against the project holding the texts)."""
    from annotator.exchange import import_data
    from annotator.services.exchange import project_data

    d = Path(tempfile.mkdtemp())
    try:
        with coded_exchange_project(d / "texts.annotator") as p:
            existing = project_data(p)
        for fmt in EXCHANGE:
            name, files = exchange_seeds()[fmt]
            _write(d / fmt, files)
            result = import_data(d / fmt / name, fmt, existing=existing)
            assert len(result.data.annotations) == 6, (fmt, result.warnings)
    finally:
        shutil.rmtree(d)
