"""Issue 13, findings 9 and 10 and the brat DoS item: annotation imports
(.qdpx, brat) and the window go through the same store rules, and the counts
an import reports are what the project holds afterwards."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest

from annotator.core.codebook import Code
from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Coder, Document
from annotator.exchange.refi_codebook import SET_DOCUMENT_SCOPE, SET_EXCLUSIVE
from annotator.services.exchange import import_annotations
from annotator.store.project import Project

from .helpers import REPO, check_project_file, live_overlaps

USER = "11111111-1111-4111-8111-111111111111"
FRAMES = "22222222-0000-4000-8000-000000000001"
APPEASEMENT = "22222222-0000-4000-8000-000000000002"
SOURCE = "22222222-0000-4000-8000-000000000003"
OFFICIAL = "22222222-0000-4000-8000-000000000004"
NGO = "22222222-0000-4000-8000-000000000005"
TONE = "22222222-0000-4000-8000-000000000006"
NEGATIVE = "22222222-0000-4000-8000-000000000007"
TEXT_1 = "The minister said the talks were naive appeasement. Officials in Geneva disagreed.\n"
TEXT_2 = "A spokesperson for the monitor said the ceasefire holds in the north of the country.\n"


def _qdpx(path: Path, sources: list[tuple[str, str, list[tuple[str, int, int, str]]]]) -> Path:
    """A REFI-QDA project: ``sources`` are (guid, text, [(selection guid, start, end, code guid)])."""
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="t" '
        f'origin="test" creatingUserGUID="{USER}">',
        f'<Users><User guid="{USER}" name="Ana"/></Users>',
        "<CodeBook><Codes>",
        f'<Code guid="{FRAMES}" name="Frames" isCodable="true">'
        f'<Code guid="{APPEASEMENT}" name="Appeasement" isCodable="true"/></Code>',
        f'<Code guid="{SOURCE}" name="Source type" isCodable="true">'
        f'<Code guid="{OFFICIAL}" name="Official" isCodable="true"/>'
        f'<Code guid="{NGO}" name="NGO" isCodable="true"/></Code>',
        f'<Code guid="{TONE}" name="Tone" isCodable="true">'
        f'<Code guid="{NEGATIVE}" name="Negative" isCodable="true"/></Code>',
        "</Codes></CodeBook>",
        "<Sources>",
    ]
    for guid, text, selections in sources:
        parts.append(
            f'<TextSource guid="{guid}" name="{guid[:8]}.txt"><PlainTextContent>{text}</PlainTextContent>'
        )
        for sguid, s, e, code in selections:
            parts.append(
                f'<PlainTextSelection guid="{sguid}" startPosition="{s}" endPosition="{e}" '
                f'creatingUser="{USER}"><Coding guid="{_guid(sguid, code)}" creatingUser="{USER}">'
                f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
            )
        parts.append("</TextSource>")
    parts.append("</Sources>")
    parts.append(
        f'<Sets><Set guid="33333333-0000-4000-8000-000000000001" name={quoteattr(SET_EXCLUSIVE)}>'
        f'<MemberCode targetGUID="{SOURCE}"/><MemberCode targetGUID="{TONE}"/></Set>'
        f'<Set guid="33333333-0000-4000-8000-000000000002" name={quoteattr(SET_DOCUMENT_SCOPE)}>'
        f'<MemberCode targetGUID="{TONE}"/></Set></Sets>'
    )
    parts.append("</Project>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", "\n".join(parts))
    return path


def _guid(*parts: str) -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def _sel(n: int) -> str:
    return f"44444444-0000-4000-8000-{n:012d}"


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "p.annotator")
    yield p
    p.close()


def _live(p: Project) -> list[Annotation]:
    return p.annotations.select()


def _checked(p: Project) -> sqlite3.Connection:
    return check_project_file(p.path, segments=False)


# --- finding 9: a repeated selection GUID ----------------------------------------------------------


def test_a_repeated_selection_guid_keeps_both_selections_on_their_own_documents(project, tmp_path):
    path = _qdpx(
        tmp_path / "dup.qdpx",
        [
            (_guid("s1"), TEXT_1, [(_sel(1), 33, 50, APPEASEMENT)]),
            (_guid("s2"), TEXT_2, [(_sel(1), 2, 14, APPEASEMENT)]),
        ],
    )
    report = import_annotations(project, path, "qdpx", segment=False)
    live = _live(project)
    assert report.annotations_added == len(live) == 2
    by_doc = {a.document_id: a for a in live}
    assert by_doc[Document(text=TEXT_1).id].quote == "naive appeasement"
    assert by_doc[Document(text=TEXT_2).id].quote == TEXT_2[2:14]
    con = _checked(project)
    try:
        assert sorted(q for (q,) in con.execute("SELECT quote FROM coded_spans")) == sorted(
            ["naive appeasement", TEXT_2[2:14]]
        )
    finally:
        con.close()


def test_a_reimport_cannot_move_an_annotation_to_another_document(project, tmp_path):
    first = _qdpx(tmp_path / "one.qdpx", [(_guid("s1"), TEXT_1, [(_sel(1), 33, 50, APPEASEMENT)])])
    import_annotations(project, first, "qdpx", segment=False)
    moved = _qdpx(
        tmp_path / "moved.qdpx",
        [(_guid("s1"), TEXT_1, []), (_guid("s2"), TEXT_2, [(_sel(1), 2, 14, APPEASEMENT)])],
    )
    import_annotations(project, moved, "qdpx", segment=False)
    kept = project.annotations.annotation(_sel(1))
    assert kept.document_id == Document(text=TEXT_1).id and kept.quote == "naive appeasement"


# --- finding 10: the window's rules for every path in ------------------------------------------------


def test_overlapping_same_code_selections_by_one_coder_are_merged_into_one_span(project, tmp_path):
    selections = [(_sel(i), i % 40, 40 + i % 40, APPEASEMENT) for i in range(300)]
    path = _qdpx(tmp_path / "overlaps.qdpx", [(_guid("s1"), TEXT_1, selections)])
    report = import_annotations(project, path, "qdpx", segment=False)
    live = _live(project)
    assert [(a.start, a.end) for a in live] == [(0, 79)]
    assert report.annotations_added == 1 and report.annotations_merged == 299
    con = _checked(project)
    try:
        assert live_overlaps(con) == []
    finally:
        con.close()


def test_spans_on_group_headings_article_codes_and_exclusive_siblings_are_refused(project, tmp_path):
    path = _qdpx(
        tmp_path / "bad.qdpx",
        [
            (
                _guid("s1"),
                TEXT_1,
                [
                    (_sel(1), 0, 3, FRAMES),  # a group heading
                    (_sel(2), 4, 12, NEGATIVE),  # an article-level code on a passage
                    (_sel(3), 52, 61, OFFICIAL),
                    (_sel(4), 52, 70, NGO),  # the other value of an exclusive group on the same words
                    (_sel(5), 33, 50, APPEASEMENT),
                ],
            )
        ],
    )
    report = import_annotations(project, path, "qdpx", segment=False)
    live = _live(project)
    assert sorted(a.id for a in live) == [_sel(3), _sel(5)]
    assert report.annotations_added == 2 and len(report.annotations_refused) == 3
    assert any("heading" in r for r in report.annotations_refused)
    assert any("article-level" in r for r in report.annotations_refused)
    assert any("exclusive" in r for r in report.annotations_refused)


def test_the_window_path_refuses_headings_and_article_codes_in_the_store(project):
    frames = project.codes.add_code(Code("Frames"))
    project.codes.add_code(Code("Appeasement", parent_id=frames.id))
    tone = project.codes.add_code(Code("Tone", scope="document"))
    ana = project.add_coder(Coder("Ana"))
    doc = Document(text=TEXT_1)
    project.documents.add_documents([doc])
    with pytest.raises(AnnotatorError, match="heading"):
        project.annotations.add_annotation(Annotation(doc.id, ana.id, frames.id, 0, 3))
    with pytest.raises(AnnotatorError, match="article-level"):
        project.annotations.add_annotation(Annotation(doc.id, ana.id, tone.id, 0, 3))
    assert project.annotations.select() == []


# --- brat: exact counts, and a pattern with two {coder} ---------------------------------------------


def _brat(folder: Path, lines: list[str], name: str = "talks") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(TEXT_1, encoding="utf-8")
    (folder / f"{name}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_a_brat_import_reports_what_it_stored(project, tmp_path):
    folder = _brat(
        tmp_path / "brat",
        [
            "T1\tappeasement 33 50\tnaive appeasement",
            "T2\tappeasement 33 50\tnaive appeasement",
            "T3\tappeasement 40 55\tappeasement. Off",
            "T4\tminister 4 12\tminister",
        ],
    )
    report = import_annotations(project, folder, "brat", segment=False)
    live = _live(project)
    assert len(live) == 2
    assert report.annotations_added == 2
    assert report.annotations_added + report.annotations_merged + report.annotations_unchanged == 4


def test_a_brat_pattern_with_two_coder_fields_is_one_sentence_and_leaves_nothing(project, tmp_path):
    folder = _brat(tmp_path / "brat", ["T1\tappeasement 33 50\tnaive appeasement"], name="talks_ana_bo")
    with pytest.raises(AnnotatorError, match="coder"):
        import_annotations(
            project, folder, "brat", coder_from_filename="{document}_{coder}_{coder}.ann", segment=False
        )
    assert project.documents.count_documents() == 0 and project.annotations.select() == []
    project.close()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "import-annotations",
            str(tmp_path / "p.annotator"),
            str(folder),
            "--format",
            "brat",
            "--coder-from-filename",
            "{document}_{coder}_{coder}.ann",
        ],
        capture_output=True,
        text=True,
        cwd=str(REPO),
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=300,
    )
    out = (done.stdout + done.stderr).strip()
    assert done.returncode == 1, out
    assert "Traceback" not in out and "nexpected" not in out and out.count("\n") == 0
    with Project.open(tmp_path / "p.annotator") as again:
        assert again.documents.count_documents() == 0 and again.annotations.select() == []


def test_an_import_adds_at_most_a_bounded_number_of_spans_per_coder_and_article(
    project, tmp_path, monkeypatch
):
    import annotator.store.annotation_intake as intake

    monkeypatch.setattr(intake, "MAX_ROWS_PER_ARTICLE", 50)
    text = "word " * 100
    path = _qdpx(
        tmp_path / "many.qdpx",
        [(_guid("s1"), text, [(_sel(i), 5 * i, 5 * i + 4, APPEASEMENT) for i in range(60)])],
    )
    report = import_annotations(project, path, "qdpx", segment=False)
    assert report.annotations_added == len(_live(project)) == 50
    assert len(report.annotations_refused) == 10 and "50 spans" in report.annotations_refused[0]
