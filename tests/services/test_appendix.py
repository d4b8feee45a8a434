"""The methods appendix (issue 18): known answers on a small project, every
figure equal to the engine's, names escaped, the Lombard et al. (2002)
checklist, and the model-coder section with and without a models table."""

from __future__ import annotations

import html
import re
import sqlite3
import subprocess
import sys

import pytest

from annotator.core.codebook import Code
from annotator.core.models import Coder, Document, DocumentCode
from annotator.reporting.appendix_content import LOMBARD_ITEMS, build_appendix
from annotator.reporting.appendix_html import appendix_html
from annotator.reporting.appendix_markdown import appendix_markdown
from annotator.services import assignment
from annotator.services.agreement import agreement_report
from annotator.services.appendix import gather, write_appendix
from annotator.store.project import Project

HOSTILE = "<script>alert(1)</script> *bold* | pipe"


@pytest.fixture
def small(tmp_path):
    """Two coders on four articles, a a b b against a a b a (alpha = 8/15),
    and a third coder who coded only the first two articles."""
    path = tmp_path / "small.annotator"
    with Project.create(path) as p:
        group = p.codes.add_code(Code("Tone", scope="document", exclusive=True))
        a = p.codes.add_code(Code("Positive", parent_id=group.id, scope="document"))
        b = p.codes.add_code(Code("Negative", parent_id=group.id, scope="document"))
        ana, bo, cy = (p.add_coder(Coder(n)) for n in ("ana", "bo", HOSTILE))
        p.documents.add_documents([Document(text=f"Article {i}.", title=f"A{i}") for i in range(4)])
        docs = p.documents.document_ids()
        for d, x, y in zip(docs, [a, a, b, b], [a, a, b, a], strict=True):
            p.annotations.set_document_code(DocumentCode(d, ana.id, x.id, "1"))
            p.annotations.set_document_code(DocumentCode(d, bo.id, y.id, "1"))
        for d in docs[:2]:
            p.annotations.set_document_code(DocumentCode(d, cy.id, a.id, "1"))
        plan = assignment.plan_reliability_sample(
            docs, [ana.id, bo.id, cy.id], size=4, seed=11, divide_rest=False
        )
        assignment.apply_plan(p, plan)
    return path


def test_known_answers_of_a_small_project(small):
    with Project.open(small, readonly=True) as p:
        f = gather(p, coders=["ana", "bo"], bootstrap=200, seed=3)
        (tone,) = f.report.variables
        assert tone.alpha == pytest.approx(8 / 15)
        assert (f.population, f.coded_by_all, f.missing_by_coder) == (4, 4, {"ana": 0, "bo": 0})
        every = gather(p, bootstrap=0)
        # the third coder coded two of the four articles
        assert every.coded_by_all == 2 and every.missing_by_coder[HOSTILE] == 2
        (draw,) = f.draws
        assert (draw.method, draw.seed, draw.sample_size, draw.population) == ("reliability_sample", 11, 4, 4)
        text = appendix_markdown(f)
        assert "| 0\\.533 |" not in text and "| 0.533 |" in text
        assert "| 11 |" in text  # the seed of the draw
        assert "4 articles coded independently by two or more" in text


def test_every_figure_is_the_engines(small):
    with Project.open(small, readonly=True) as p:
        f = gather(p, bootstrap=500, seed=9)
        report = agreement_report(p, bootstrap=500, seed=9)
    for mine, theirs in zip(f.report.variables, report.variables, strict=True):
        assert (mine.alpha, mine.ci_low, mine.ci_high, mine.p_below) == (
            theirs.alpha,
            theirs.ci_low,
            theirs.ci_high,
            theirs.p_below,
        )
    text = appendix_markdown(f)
    v = report.variables[0]
    assert f"[{v.ci_low:.3f}, {v.ci_high:.3f}]".replace("[", "\\[").replace("]", "\\]") in text
    assert f"{v.p_below['0.667']:.3f}" in text


def test_every_table_names_its_source(small):
    with Project.open(small, readonly=True) as p:
        a = build_appendix(gather(p, bootstrap=0))
    for s in a.sections:
        for t in s.tables:
            assert t.source.strip(), t.caption
            assert all(len(row) == len(t.headers) for row in t.rows), t.caption


def test_names_are_escaped_in_both_formats(small):
    with Project.open(small, readonly=True) as p:
        f = gather(p, bootstrap=0)
    page = appendix_html(f)
    assert "<script>" not in page and html.escape(HOSTILE) in page
    md = appendix_markdown(f)
    assert "<script>" not in md and "\\*bold\\*" in md
    # every row of a Markdown table has as many cell separators as its header
    for block in re.split(r"\n(?!\|)", md):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        counts = {len(re.findall(r"(?<!\\)\|", line)) for line in rows}
        assert len(counts) <= 1, rows


# Lombard, Snyder-Duch & Bracken (2002): what each item needs the appendix to say
LOMBARD_EVIDENCE = {
    LOMBARD_ITEMS[0]: ["reliability sample is the", "Assignment draws", "Seed"],
    LOMBARD_ITEMS[1]: ["The study holds", "of them)"],
    LOMBARD_ITEMS[2]: ["coders coded independently", "researchers"],
    LOMBARD_ITEMS[3]: ["Coding by each coder", "Assigned", "Done"],
    LOMBARD_ITEMS[4]: ["Krippendorff's alpha", "percent agreement", "corrects for chance"],
    LOMBARD_ITEMS[5]: ["Krippendorff's alpha per variable", "Interval", "P(α < 0.667)"],
    LOMBARD_ITEMS[6]: ["training", "hours"],
    LOMBARD_ITEMS[7]: ["disagreements were resolved"],
    LOMBARD_ITEMS[8]: ["codebook", "version", "state where readers can obtain it"],
    LOMBARD_ITEMS[9]: ["Software and versions", "Annotator", "Python", "spaCy"],
}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_appendix_answers_every_item_of_the_lombard_list(small, fmt):
    with Project.open(small, readonly=True) as p:
        f = gather(p, bootstrap=100, seed=1)
    text = appendix_markdown(f).replace("\\", "") if fmt == "md" else html.unescape(appendix_html(f))
    assert len(LOMBARD_EVIDENCE) == len(LOMBARD_ITEMS) == 10
    for item, evidence in LOMBARD_EVIDENCE.items():
        assert item in text, item  # the checklist row
        for phrase in evidence:
            assert phrase in text, (item, phrase)


def test_model_coders_are_listed_with_their_provenance(small, tmp_path):
    with Project.open(small, readonly=True) as p:
        assert gather(p, bootstrap=0).models == []
        assert "No model coder" in appendix_markdown(gather(p, bootstrap=0))
    # a stored model as the model coder records it, written by another process
    script = (
        "import sqlite3, sys, json\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "prov = {'documents': 3, 'coders': ['ana', 'bo'], 'codebook_version': 2, 'components': ['ner'], "
        "'spacy_version': '3.8.0', 'seed': 5, 'training_data_sha256': 'abc123', 'trained_at': '2026-01-02T00:00:00'}\n"
        "c.execute('INSERT INTO models(id, name, version, kind, created_at, provenance, size, bytes) "
        "VALUES (?,?,?,?,?,?,?,?)', ('m1', 'tone-<b>', 1, 'spacy', '2026-01-03T00:00:00Z', json.dumps(prov), 1, b'x'))\n"
        "c.commit()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(small)], check=True)
    with Project.open(small, readonly=True) as p:
        f = gather(p, bootstrap=0)
    (m,) = f.models
    assert (m.name, m.provenance["seed"]) == ("tone-<b>", 5)
    md = appendix_markdown(f)
    assert "| tone-\\<b\\> | 1 | spacy | 2026-01-02 | 3 | ana, bo | 2 | ner | 3.8.0 | 5 | abc123 |" in md
    assert "tone-&lt;b&gt;" in appendix_html(f)


def test_write_appendix_refuses_other_formats(small, tmp_path):
    from annotator.core.errors import AnnotatorError

    with Project.open(small, readonly=True) as p, pytest.raises(AnnotatorError, match="html, .md or .docx"):
        write_appendix(p, tmp_path / "a.pdf", bootstrap=0)
    assert not (tmp_path / "a.pdf").exists()
    conn = sqlite3.connect(small)
    conn.close()


def test_the_word_appendix_holds_the_same_tables_as_text(small, tmp_path):
    import docx

    with Project.open(small) as p:
        p.add_coder(Coder("vt\x0bname"))  # a control character XML cannot hold
    with Project.open(small, readonly=True) as p:
        write_appendix(p, tmp_path / "a.docx", bootstrap=100, seed=1)
        f = gather(p, bootstrap=100, seed=1)
    doc = docx.Document(str(tmp_path / "a.docx"))
    text = "\n".join(par.text for par in doc.paragraphs)
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    for item in LOMBARD_ITEMS:
        assert item in cells
    assert HOSTILE in cells and "vtname" in cells  # literal text, control character dropped
    assert f"{f.report.variables[0].alpha:.3f}" in cells
    assert "Source: assignment_draws; hidden_checks; assignments." in text


def test_the_codebook_section_counts_codes_in_use_and_archived_apart(small):
    """A merge archives the merged codes: the appendix must not count them as
    codes of the instrument the coders used."""
    from annotator.services.codebook import CodebookService
    from annotator.services.codebook_operations import merge

    with Project.open(small) as p:
        cb = p.codes.codebook()
        merge(CodebookService(p), [cb.by_path("Tone/Positive").id, cb.by_path("Tone/Negative").id], "Either")
        f = gather(p, bootstrap=0)
        assert (f.codes, f.archived_codes) == (2, 2)  # Tone and Either in use; Positive and Negative archived
        text = appendix_markdown(f)
    assert "version 2, with 2 codes in use (2 archived) and 1 recorded change(s)" in text
    assert "| Name | Version | Codes in use | Archived codes | Recorded changes |" in text
