"""The demo project (``annotator demo``): built for real into a temporary
folder from resources/demo/, with the checks a user of the demo relies on."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.task import TaskState
from annotator.services import demo
from annotator.services.demo import DemoError, build_demo, demo_annotations, demo_articles
from annotator.store.project import Project

DEBRIS = [
    "Accessibility links",
    "Skip to main content",
    "Breaking News",
    "please wait",
    "No media source currently available",
    "0:00 0:00:56 0:00",
    "0:00 0:00:29 0:00",
]
CAPTION = (
    "In this image taken from video released by the Russian Defence Ministry, a warship in the Caspian "
    "Sea launches a cruise missile toward targets in Syria, Oct. 7, 2015."
)
NON_ASCII_NAMES = ["Łukasz Wróbel", "Jürgen Hölzl", "Zoë Marchetti", "Ahmad al-Ḥasan", "Sergueï Dubois"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.annotator"
    steps = []
    state = TaskState(on_progress=lambda done, total: steps.append((done, total)))
    summary = build_demo(path, state=state)
    project = Project.open(path, readonly=True)
    yield summary, project, steps
    project.close()


@pytest.fixture(scope="module")
def spec():
    return demo_annotations()


def _by_file(project: Project) -> dict[str, str]:
    return {d.metadata["file"]: d.id for d in project.documents.iter_documents()}


def _spans(project: Project) -> dict[tuple[str, str], list]:
    """{(file, coder name): [annotation, ...]}"""
    names = {c.id: c.name for c in project.coders()}
    files = {v: k for k, v in _by_file(project).items()}
    out: dict[tuple[str, str], list] = defaultdict(list)
    for a in project.annotations.annotations_for(files):
        out[(files[a.document_id], names[a.coder_id])].append(a)
    return out


def test_summary_and_counts(built, spec):
    summary, project, steps = built
    articles = demo_articles()
    assert 8 <= len(articles) <= 12
    assert summary.path.exists()
    assert summary.documents == len(articles) == project.documents.count_documents()
    assert summary.coders == ["Amira", "Ben", "Chen"]
    assert sorted(c.name for c in project.coders()) == summary.coders
    assert len({c.color for c in project.coders()}) == 3
    # nothing was merged or lost on the way in
    assert (
        summary.annotations
        == len(spec["annotations"])
        == sum(project.annotations.count_annotations().values())
    )
    assert summary.document_codes == len(spec["document_codes"]) == len(project.annotations.document_codes())
    assert project.get_meta("codebook_name") == summary.codebook == "Russian strikes in Syria 2015"
    assert project.codes.codebook().by_path("Frames/Appeasement") is not None
    assert summary.describe().startswith(str(summary.path))
    assert steps and steps[-1][0] == steps[-1][1]


def test_every_article_is_assigned_and_most_are_done(built):
    summary, project, _ = built
    assignments = project.workflow.assignments()
    assert len(assignments) == summary.documents * 3
    statuses = Counter(a.status for a in assignments)
    assert statuses["done"] > len(assignments) // 2
    assert statuses["in_progress"] >= 1
    assert summary.statuses == dict(statuses)


def test_articles_keep_their_metadata(built):
    _, project, _ = built
    docs = list(project.documents.iter_documents())
    assert all(d.title and d.outlet and d.published.startswith("2015-") for d in docs)
    assert len({d.outlet for d in docs}) >= 4
    # the headline is the first line of the stored text
    for d in docs:
        assert d.text.startswith(d.title)


def test_each_coder_codes_every_article(built):
    summary, project, _ = built
    spans = _spans(project)
    for file in _by_file(project):
        for coder in summary.coders:
            assert 10 <= len(spans[(file, coder)]) <= 25, (file, coder)
    # and gives each article a dominant frame and a tone
    codebook = project.codes.codebook()
    names = {c.id: c.name for c in project.coders()}
    per = Counter(
        (dc.document_id, names[dc.coder_id], codebook.path(dc.code_id).split("/")[0])
        for dc in project.annotations.document_codes()
    )
    assert set(per.values()) == {1}
    assert len(per) == summary.documents * 3 * 2


def test_every_quote_is_exactly_the_stored_text(built, spec):
    _, project, _ = built
    texts = {d.id: d.text for d in project.documents.iter_documents()}
    for anns in _spans(project).values():
        for a in anns:
            assert a.quote == texts[a.document_id][a.start : a.end]
    quotes = Counter(a.quote for anns in _spans(project).values() for a in anns)
    assert quotes == Counter(unicodedata.normalize("NFC", e["quote"]) for e in spec["annotations"])


def test_debris_is_cleaned_from_the_scraped_article(built):
    _, project, _ = built
    text = project.documents.document_text(_by_file(project)["01-caspian-missiles.txt"])
    lines = {line.strip() for line in text.split("\n")}
    for debris in DEBRIS:
        assert debris not in lines
    assert "please wait" not in text and "No media source" not in text
    assert text.count(CAPTION) == 1  # the repeated photo caption once
    assert "Defence Minister Arkady Volkov told President Putin" in text  # the article itself is kept
    # the raw input is kept, debris and all
    raw = project.documents.document(_by_file(project)["01-caspian-missiles.txt"]).raw
    raw = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    assert "please wait" in raw


def test_non_ascii_article_offsets_are_code_points(built):
    _, project, _ = built
    file = "05-eu-ministers-luxembourg.txt"
    text = project.documents.document_text(_by_file(project)[file])
    assert text == unicodedata.normalize("NFC", text)
    for name in NON_ASCII_NAMES:
        assert name in text
    assert "“" in text and "’" in text
    anns = [a for (f, _), group in _spans(project).items() if f == file for a in group]
    assert anns
    for a in anns:
        assert text[a.start : a.end] == a.quote
    assert any(not a.quote.isascii() for a in anns)
    hasan = [a for a in anns if "Ahmad al-Ḥasan" in a.quote]
    assert hasan and all(a.quote.startswith(("In a telephone", "Ahmad al-Ḥasan")) for a in hasan)


def test_coders_mostly_agree_but_not_always(built):
    summary, project, _ = built
    spans = _spans(project)
    exact = overlapping = total = 0
    differing_articles = 0
    other_code_same_passage = 0
    for file in _by_file(project):
        sets = {c: {(a.code_id, a.start, a.end) for a in spans[(file, c)]} for c in summary.coders}
        if len({frozenset(s) for s in sets.values()}) > 1:
            differing_articles += 1
        for c1 in summary.coders:
            for c2 in summary.coders:
                if c1 >= c2:
                    continue
                for a in spans[(file, c1)]:
                    total += 1
                    same_code = [b for b in spans[(file, c2)] if b.code_id == a.code_id]
                    if any((b.start, b.end) == (a.start, a.end) for b in same_code):
                        exact += 1
                    if any(b.start < a.end and a.start < b.end for b in same_code):
                        overlapping += 1
                    if any(
                        (b.start, b.end) == (a.start, a.end) and b.code_id != a.code_id
                        for b in spans[(file, c2)]
                    ):
                        other_code_same_passage += 1
    assert differing_articles == summary.documents  # every article has something to adjudicate
    assert overlapping / total > 0.75  # mostly agreeing
    assert exact < overlapping  # different boundaries
    assert exact / total < 0.95
    assert other_code_same_passage > 0  # e.g. expert or academic vs NGO or monitor


def test_coders_disagree_on_some_article_level_codes(built):
    _, project, _ = built
    by_doc = defaultdict(set)
    for dc in project.annotations.document_codes():
        by_doc[(dc.document_id, dc.code_id)].add(dc.coder_id)
    assert any(len(coders) < 3 for coders in by_doc.values())
    assert sum(len(coders) == 3 for coders in by_doc.values()) > len(by_doc) // 3


def test_the_file_is_plain_sqlite_with_the_coded_data(built):
    summary, _, _ = built
    with sqlite3.connect(summary.path) as conn:
        n = conn.execute("SELECT count(*) FROM annotations WHERE deleted = 0").fetchone()[0]
    assert n == summary.annotations


def test_refuses_an_existing_file(tmp_path: Path):
    target = tmp_path / "mine.annotator"
    target.write_bytes(b"precious")
    with pytest.raises(AnnotatorError, match="already exists"):
        build_demo(target)
    assert target.read_bytes() == b"precious"


def test_a_quote_that_is_not_in_the_article_is_named(tmp_path: Path, monkeypatch, spec):
    broken = dict(spec)
    broken["annotations"] = list(spec["annotations"])
    broken["annotations"][5] = dict(broken["annotations"][5], quote="words the reporter never wrote")
    monkeypatch.setattr(demo, "demo_annotations", lambda: broken)
    target = tmp_path / "broken.annotator"
    with pytest.raises(DemoError) as err:
        build_demo(target)
    assert "words the reporter never wrote" in str(err.value)
    assert broken["annotations"][5]["article"] in str(err.value)
    assert not target.exists()  # no half-built project is left behind
