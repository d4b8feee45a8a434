"""Export, then import into a fresh project: the same annotations come back."""

from __future__ import annotations

import pytest

from annotator.exchange import FORMATS, export_data, import_data
from annotator.exchange.bundle import ProjectData

from .conftest import link_groups, span_keys

# task-per-document formats cannot carry links or every note: tests/exchange/test_task_json*.py
TASK_FORMATS = {"prodigy", "doccano", "labelstudio"}
TWO_WAY = [
    name
    for name, f in FORMATS.items()
    if f.can_export and f.can_import and name != "qdc" and name not in TASK_FORMATS
]
KEEPS_IDS = {"csv", "jsonl", "spacy", "qdpx"}
KEEPS_DOCUMENT_CODES = {"csv", "jsonl", "spacy", "qdpx", "xmi"}


def _target(tmp_path, fmt):
    ext = FORMATS[fmt].extensions[0]
    return tmp_path / ("out" + ext if ext else "out")


def _import(fmt, out, sample):
    # CSV carries no texts: it attaches to a project that holds them
    existing = ProjectData(documents=list(sample.documents)) if fmt == "csv" else None
    return import_data(out, fmt, existing=existing)


def test_every_two_way_format_is_tested():
    assert set(TWO_WAY) == {"csv", "jsonl", "spacy", "brat", "qdpx", "xmi", "webanno"}


@pytest.mark.parametrize("fmt", TWO_WAY)
def test_round_trip_keeps_annotations(tmp_path, sample, fmt):
    out = _target(tmp_path, fmt)
    written = export_data(sample, fmt, out)
    assert written and all(p.exists() for p in written)
    result = _import(fmt, out, sample)
    back = result.data
    assert span_keys(back) == span_keys(sample)
    assert link_groups(back) == link_groups(sample)
    # the same texts are the same documents (ids are hashes of the text)
    assert {d.id for d in back.documents} == {d.id for d in sample.documents}
    for d in back.documents:
        assert "\r" not in d.text
    for a in back.annotations:
        doc = next(d for d in back.documents if d.id == a.document_id)
        assert a.quote == doc.text[a.start : a.end]


@pytest.mark.parametrize("fmt", sorted(KEEPS_IDS))
def test_round_trip_keeps_code_and_coder_ids(tmp_path, sample, fmt):
    out = _target(tmp_path, fmt)
    export_data(sample, fmt, out)
    back = _import(fmt, out, sample).data
    ids = sorted((a.document_id, a.coder_id, a.code_id, a.start, a.end) for a in back.annotations)
    assert ids == sorted((a.document_id, a.coder_id, a.code_id, a.start, a.end) for a in sample.annotations)
    for code in back.codebook:
        original = sample.codebook[code.id]
        assert (code.name, code.parent_id, code.color) == (original.name, original.parent_id, original.color)


@pytest.mark.parametrize("fmt", sorted(KEEPS_DOCUMENT_CODES))
def test_round_trip_keeps_article_level_codes(tmp_path, sample, fmt):
    out = _target(tmp_path, fmt)
    export_data(sample, fmt, out)
    back = _import(fmt, out, sample).data
    names = {c.id: c.name for c in back.coders}
    got = sorted(
        (dc.document_id, names[dc.coder_id], back.codebook.path(dc.code_id), dc.value, dc.note)
        for dc in back.document_codes
    )
    names0 = {c.id: c.name for c in sample.coders}
    want = sorted(
        (dc.document_id, names0[dc.coder_id], sample.codebook.path(dc.code_id), dc.value, dc.note)
        for dc in sample.document_codes
    )
    assert got == want


@pytest.mark.parametrize("fmt", TWO_WAY)
def test_importing_into_the_same_project_reuses_everything(tmp_path, sample, fmt):
    out = _target(tmp_path, fmt)
    export_data(sample, fmt, out)
    back = import_data(out, fmt, existing=sample).data
    assert {c.id for c in back.coders} <= {c.id for c in sample.coders}
    assert {c.id for c in back.codebook} <= {c.id for c in sample.codebook}
    assert all(any(d is e for e in sample.documents) for d in back.documents)
    assert sorted((a.coder_id, a.code_id, a.start, a.end) for a in back.annotations) == sorted(
        (a.coder_id, a.code_id, a.start, a.end) for a in sample.annotations
    )


def test_deleted_annotations_are_not_exported(tmp_path, sample):
    sample.annotations[0].deleted = True
    export_data(sample, "jsonl", tmp_path / "a.jsonl")
    back = import_data(tmp_path / "a.jsonl", "jsonl").data
    assert len(back.annotations) == len(sample.annotations) - 1


# --- offsets through every format: astral, CJK, combining marks, CRLF ----------

# As the articles arrive (Windows line endings); the stored text is NFC with \n,
# in which "x\u0301" and "q\u0323\u0307" stay a letter plus marks (no precomposed form).
HARD_SOURCES = (
    "Smile😀now.\r\nThumbs👍🏽and🇺🇳flags.\r\n",
    "東京都の知事は「平和」と言った。\r\n北京 replied.",
    "Cafe\u0301 x\u0301y q\u0307\u0323z done.\r\nEnd",
)

# (source, piece, which occurrence): one span per boundary kind
HARD_SPANS = (
    (0, "Smile", 0),  # from the text's start to right before an emoji
    (0, "😀", 0),  # one astral code point
    (0, "now", 0),  # right after an emoji
    (0, "Smile😀now", 0),  # across one
    (0, "now.\nThumbs", 0),  # over a CRLF of the source
    (0, "👍🏽", 0),  # emoji and skin-tone modifier, two astral code points
    (0, "and", 0),  # between two astral sequences
    (0, "🇺🇳flags.\n", 0),  # a flag of two regional indicators, to the text's end
    (1, "京都", 0),  # inside a CJK run
    (1, "「平和」", 0),  # CJK brackets
    (1, "。\n北京", 0),  # over a CRLF between CJK sentences
    (1, "replied.", 0),  # to the text's end
    (2, "Café", 0),  # a mark the NFC made one character
    (2, "x\u0301", 0),  # a letter with its combining mark
    (2, "y", 0),  # right after a combining mark
    (2, "q\u0323\u0307z", 0),  # two marks in canonical order
    (2, "\u0301y q", 0),  # starting at a combining mark
    (2, "done.\nEnd", 0),  # over a CRLF, to the end
    # code-point boundaries inside one user-perceived character: the store
    # counts code points, so a format must not round them to graphemes
    (0, "🏽and", 0),  # between an emoji and its modifier
    (0, "🇺", 0),  # half a flag
    (2, "\u0307z", 0),  # between two combining marks
)


def _hard_project(path):
    from annotator.core.models import Annotation, Code, Coder, Document
    from annotator.ingest.cleaning import normalise_text
    from annotator.store.project import Project

    project = Project.create(path)
    docs = [
        Document(text=normalise_text(raw), raw=raw, title=f"Hard {i}") for i, raw in enumerate(HARD_SOURCES)
    ]
    project.documents.add_documents(docs)
    coders = [project.add_coder(Coder("Ana María")), project.add_coder(Coder("Bo_Chen"))]
    parent = project.codes.add_code(Code("Boundaries"))
    for n, (source, piece, occurrence) in enumerate(HARD_SPANS):
        text = docs[source].text
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(piece, start + 1)
        # a code per span: two spans of one code and coder would merge where they touch
        code = project.codes.add_code(Code(f"kind {n:02d}", parent_id=parent.id))
        project.annotations.add_annotation(
            Annotation(docs[source].id, coders[n % 2].id, code.id, start, start + len(piece))
        )
    return project, docs


def _hard_rows(project) -> list[tuple]:
    codebook = project.codes.codebook()
    names = {c.id: c.name for c in project.coders()}
    docs = {d.id: d for d in project.documents.iter_documents(project.documents.document_ids())}
    return sorted(
        (
            a.document_id,
            names[a.coder_id],
            codebook.path(a.code_id),
            a.start,
            a.end,
            docs[a.document_id].text[a.start : a.end],
        )
        for a in project.annotations.annotations_for(list(docs))
    )


@pytest.mark.parametrize("fmt", TWO_WAY)
def test_offsets_survive_astral_cjk_combining_and_crlf_texts(tmp_path, fmt):
    """From a project file through the format into a fresh project holding the
    same texts: every span comes back on the same characters."""
    from annotator.core.models import Document
    from annotator.services.exchange import export_project, import_annotations
    from annotator.store.project import Project

    source, docs = _hard_project(tmp_path / "source.annotator")
    want = _hard_rows(source)
    assert [row[5] for row in want] != [] and len(want) == len(HARD_SPANS)
    out = _target(tmp_path, fmt)
    export_project(source, fmt, out)
    source.close()
    fresh = Project.create(tmp_path / "fresh.annotator")
    try:
        fresh.documents.add_documents([Document(text=d.text, raw=d.raw, title=d.title) for d in docs])
        report = import_annotations(fresh, out, fmt, segment=False)
        assert report.annotations_refused == []
        assert _hard_rows(fresh) == want
    finally:
        fresh.close()


def test_a_page_break_in_another_tools_text_is_the_stored_line_break(tmp_path):
    """A brat text from a PDF extraction keeps its form feed and a stray control
    character; it is the same article the project read from the same file."""
    from annotator.core.models import Document
    from annotator.ingest.cleaning import normalise_text
    from annotator.services.exchange import import_annotations
    from annotator.store.project import Project

    raw = "Page one ends.\x0cPage two\x07 starts 😀.\r\nEnd"
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text(raw, encoding="utf-8", newline="")
    start = raw.index("two")
    end = raw.index(".\r\n")
    (folder / "a.ann").write_text(f"T1\tFrame {start} {end}\t{raw[start:end]}\n", encoding="utf-8")
    project = Project.create(tmp_path / "p.annotator")
    try:
        project.documents.add_documents([Document(text=normalise_text(raw), title="a")])
        report = import_annotations(project, folder, "brat", segment=False)
        assert report.documents_added == 0 and report.annotations_added == 1
        (doc_id,) = project.documents.document_ids()
        text = next(project.documents.iter_documents([doc_id])).text
        (a,) = project.annotations.annotations_for([doc_id])
        assert text[a.start : a.end] == "two starts 😀"
    finally:
        project.close()
