"""Issue 13, findings 2b, 6, 9, 11 and the package DoS item: a merge trusts
nothing in a coder package but the coder's own work, proven by the package's
token; tampered packages are refused whole and change nothing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.codebook import Code
from annotator.core.errors import AnnotatorError, MergeConflict
from annotator.core.models import Annotation, Coder, Document
from annotator.services.packages import make_package, merge_package
from annotator.store.packaging import package_secret
from annotator.store.project import Project

from .helpers import REPO, Child, check_project_file, live_overlaps

TEXT_1 = "The minister said the talks were naive appeasement. Officials in Geneva disagreed.\n"
TEXT_2 = "A spokesperson for the monitor said the ceasefire holds in the north of the country.\n"
FUTURE = "2999-01-01T00:00:00.000+00:00"


@pytest.fixture
def lead(tmp_path):
    p = Project.create(tmp_path / "lead.annotator")
    frames = p.codes.add_code(Code("Frames"))
    p.codes.add_code(Code("Appeasement", parent_id=frames.id))
    p.codes.add_code(Code("Quagmire", parent_id=frames.id))
    source = p.codes.add_code(Code("Source type", exclusive=True))
    p.codes.add_code(Code("Official", parent_id=source.id))
    p.codes.add_code(Code("NGO", parent_id=source.id))
    tone = p.codes.add_code(Code("Tone", scope="document", exclusive=True))
    p.codes.add_code(Code("Negative", parent_id=tone.id, scope="document"))
    for name in ("Ana", "Bo"):
        p.add_coder(Coder(name))
    p.add_coder(Coder("Gold standard", role="adjudicator"))
    p.documents.add_documents(
        [Document(text=TEXT_1, title="Talks"), Document(text=TEXT_2, title="Ceasefire")]
    )
    bo = p.coder_by_name("Bo")
    p.annotations.add_annotation(
        Annotation(Document(text=TEXT_1).id, bo.id, _code(p, "Frames/Quagmire"), 4, 12)
    )
    yield p
    p.close()


def _code(p: Project, path: str) -> str:
    return p.codes.codebook().by_path(path).id


def _doc(text: str) -> str:
    return Document(text=text).id


def _snapshot(p: Project) -> list[tuple]:
    return sorted(
        (
            a.id,
            a.document_id,
            a.coder_id,
            a.code_id,
            a.start,
            a.end,
            a.quote,
            a.origin,
            a.deleted,
            a.updated_at,
        )
        for a in p.annotations.select(include_deleted=True)
    )


def _package_with_span(
    lead: Project,
    tmp_path: Path,
    name: str = "ana",
    *,
    start: int = 33,
    end: int = 50,
    code: str = "Frames/Appeasement",
) -> tuple[Path, str]:
    path = Path(make_package(lead, "Ana", tmp_path / f"{name}.annotator")["path"])
    with Project.open(path) as pkg:
        ana = pkg.coder_by_name("Ana")
        span = pkg.annotations.add_annotation(
            Annotation(_doc(TEXT_1), ana.id, _code(pkg, code), start, end)
        ).annotation
    return path, span.id


def _tamper(path: Path, *statements: tuple) -> None:
    con = sqlite3.connect(str(path))
    try:
        for sql, *params in statements:
            con.execute(sql, tuple(params))
        con.commit()
    finally:
        con.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=str(REPO),
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=300,
    )


# --- finding 6: wall clocks in packages are not trusted --------------------------------------------


def test_a_forged_far_future_timestamp_does_not_outlive_the_coders_later_deletion(lead, tmp_path):
    path, span_id = _package_with_span(lead, tmp_path)
    _tamper(path, ("UPDATE annotations SET updated_at = ? WHERE id = ?", FUTURE, span_id))
    first = merge_package(lead, path)
    assert first.added == 1 and first.clamped == 1
    assert lead.annotations.annotation(span_id).updated_at < FUTURE
    fresh = Path(make_package(lead, "Ana", tmp_path / "ana-fresh.annotator")["path"])
    with Project.open(fresh) as pkg:
        pkg.annotations.delete_annotation(span_id)
    second = merge_package(lead, fresh)
    assert second.deleted == 1
    assert lead.annotations.annotation(span_id).deleted


# --- finding 11: packages prove who made them ------------------------------------------------------


def test_a_package_carries_a_token_but_never_the_projects_secret(lead, tmp_path):
    path = Path(make_package(lead, "Ana", tmp_path / "ana.annotator")["path"])
    secret = package_secret(lead)
    assert len(secret) >= 32
    with Project.open(path, readonly=True) as pkg:
        assert pkg.get_meta("package_token")
        assert pkg.get_meta("package_id")
    raw = path.read_bytes()
    assert secret.hex().encode() not in raw and secret not in raw


def test_a_coder_cannot_write_into_the_gold_standard_by_editing_the_package(lead, tmp_path):
    path, _ = _package_with_span(lead, tmp_path)
    ana, gold = lead.coder_by_name("Ana"), lead.coder_by_name("Gold standard")
    _tamper(
        path,
        ("UPDATE meta SET value = ? WHERE key = 'package_for'", gold.id),
        ("UPDATE meta SET value = 'Gold standard' WHERE key = 'package_coder_name'",),
        (
            "UPDATE coders SET id = ?, name = 'Gold standard', role = 'adjudicator' WHERE id = ?",
            gold.id,
            ana.id,
        ),
        ("UPDATE annotations SET coder_id = ?, origin = 'adjudicated'", gold.id),
    )
    before = _snapshot(lead)
    with pytest.raises(MergeConflict) as err:
        merge_package(lead, path)
    assert "nothing was merged" in str(err.value)
    assert _snapshot(lead) == before
    assert lead.annotations.select(coder_id=gold.id) == []


def test_a_package_relabelled_for_another_coder_is_refused(lead, tmp_path):
    path, _ = _package_with_span(lead, tmp_path)
    ana, bo = lead.coder_by_name("Ana"), lead.coder_by_name("Bo")
    _tamper(
        path,
        ("UPDATE meta SET value = ? WHERE key = 'package_for'", bo.id),
        ("UPDATE meta SET value = 'Bo' WHERE key = 'package_coder_name'",),
        ("UPDATE coders SET id = ?, name = 'Bo' WHERE id = ?", bo.id, ana.id),
        ("UPDATE annotations SET coder_id = ?", bo.id),
    )
    before = _snapshot(lead)
    with pytest.raises(MergeConflict, match="signature"):
        merge_package(lead, path)
    assert _snapshot(lead) == before


def test_a_coders_own_signed_package_cannot_carry_adjudicated_work(lead, tmp_path):
    path, _ = _package_with_span(lead, tmp_path)
    _tamper(path, ("UPDATE annotations SET origin = 'adjudicated'",))
    before = _snapshot(lead)
    with pytest.raises(MergeConflict, match="adjudicated"):
        merge_package(lead, path)
    assert _snapshot(lead) == before


def test_a_package_for_an_adjudicator_is_not_made(lead, tmp_path):
    with pytest.raises(AnnotatorError, match="adjudicator"):
        make_package(lead, "Gold standard", tmp_path / "gold.annotator")
    assert not (tmp_path / "gold.annotator").exists()


def test_an_unsigned_package_is_refused_with_advice_unless_the_lead_accepts_it(lead, tmp_path):
    path, span_id = _package_with_span(lead, tmp_path)
    _tamper(path, ("DELETE FROM meta WHERE key IN ('package_token', 'package_id')",))
    before = _snapshot(lead)
    with pytest.raises(MergeConflict, match="new package"):
        merge_package(lead, path)
    assert _snapshot(lead) == before
    report = merge_package(lead, path, accept_unsigned=True)
    assert report.added == 1 and any("not signed" in w for w in report.warnings)


# --- DoS: damaged derived_from ---------------------------------------------------------------------


def test_bad_derived_from_json_is_one_sentence_and_changes_nothing(lead, tmp_path):
    path, span_id = _package_with_span(lead, tmp_path)
    _tamper(path, ("UPDATE annotations SET derived_from = '[\"unclosed' WHERE id = ?", span_id))
    before = _snapshot(lead)
    with pytest.raises(AnnotatorError):
        merge_package(lead, path)
    assert _snapshot(lead) == before
    lead.close()
    done = _cli("merge", str(tmp_path / "lead.annotator"), str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout and "nexpected" not in done.stderr + done.stdout
    message = (done.stderr + done.stdout).strip()
    assert message.count("\n") == 0 and message.endswith(".")


# --- finding 9: ids never change document, quotes come from the stored text -------------------------


def test_an_annotation_id_moved_to_another_document_and_a_forged_quote_are_not_merged(lead, tmp_path):
    path, span_id = _package_with_span(lead, tmp_path)
    merge_package(lead, path)
    _tamper(
        path,
        (
            "UPDATE annotations SET document_id = ?, quote = 'FORGED QUOTE', start = 2, \"end\" = 20, "
            "updated_at = '2030-01-01T00:00:00.000+00:00' WHERE id = ?",
            _doc(TEXT_2),
            span_id,
        ),
    )
    report = merge_package(lead, path)
    assert report.updated == 0 and report.refused
    kept = lead.annotations.annotation(span_id)
    assert kept.document_id == _doc(TEXT_1) and kept.quote == TEXT_1[33:50]
    con = check_project_file(lead.path, segments=False)
    try:
        quotes = con.execute("SELECT quote FROM coded_spans").fetchall()
    finally:
        con.close()
    assert ("FORGED QUOTE",) not in quotes


def test_a_forged_quote_on_a_new_span_is_recomputed_from_the_text(lead, tmp_path):
    path, span_id = _package_with_span(lead, tmp_path)
    _tamper(path, ("UPDATE annotations SET quote = 'FORGED QUOTE' WHERE id = ?", span_id))
    merge_package(lead, path)
    assert lead.annotations.annotation(span_id).quote == TEXT_1[33:50]


# --- finding 10 through a package: the store's rules hold for merges --------------------------------


def test_overlapping_same_code_spans_and_exclusive_clashes_in_a_package_are_not_merged_as_such(
    lead, tmp_path
):
    path, span_id = _package_with_span(lead, tmp_path)
    with Project.open(path) as pkg:
        pkg.annotations.add_annotation(
            Annotation(_doc(TEXT_1), pkg.coder_by_name("Ana").id, _code(pkg, "Source type/NGO"), 52, 61)
        )
    _tamper(
        path,
        (
            'INSERT INTO annotations(id, document_id, coder_id, code_id, start, "end", quote, created_at, '
            "updated_at) SELECT 'dup-1', document_id, coder_id, code_id, start + 2, \"end\" + 3, quote, created_at, "
            "updated_at FROM annotations WHERE id = ?",
            span_id,
        ),
        (
            'INSERT INTO annotations(id, document_id, coder_id, code_id, start, "end", quote, created_at, '
            "updated_at) SELECT 'clash-1', document_id, coder_id, ?, 50, 60, quote, created_at, updated_at "
            "FROM annotations WHERE id = ?",
            _code(lead, "Source type/Official"),
            span_id,
        ),
        (
            'INSERT INTO annotations(id, document_id, coder_id, code_id, start, "end", quote, created_at, '
            "updated_at) SELECT 'heading-1', document_id, coder_id, ?, 0, 3, quote, created_at, updated_at "
            "FROM annotations WHERE id = ?",
            _code(lead, "Frames"),
            span_id,
        ),
        (
            'INSERT INTO annotations(id, document_id, coder_id, code_id, start, "end", quote, created_at, '
            "updated_at) SELECT 'article-1', document_id, coder_id, ?, 0, 3, quote, created_at, updated_at "
            "FROM annotations WHERE id = ?",
            _code(lead, "Tone/Negative"),
            span_id,
        ),
    )
    report = merge_package(lead, path)
    assert len(report.refused) == 3, report.refused
    assert report.added + report.merged == 3
    con = check_project_file(lead.path, segments=False)
    try:
        assert live_overlaps(con) == []
    finally:
        con.close()
    ana = lead.coder_by_name("Ana")
    codes = sorted(a.code_id for a in lead.annotations.select(coder_id=ana.id))
    # one value of the exclusive group stays (whichever came first), never both
    assert codes in (
        sorted([_code(lead, "Frames/Appeasement"), _code(lead, "Source type/NGO")]),
        sorted([_code(lead, "Frames/Appeasement"), _code(lead, "Source type/Official")]),
    )


# --- finding 2b: a package copied without its journal ---------------------------------------------


_SESSION = """
import sys, time
from annotator.core.models import Annotation
from annotator.store.project import Project
pkg = Project.open(sys.argv[1])
ana = pkg.coders()[0]
doc = pkg.documents.list_documents()[0].id
code = pkg.codes.codebook().by_path("Frames/Quagmire").id
pkg.annotations.add_annotation(Annotation(doc, ana.id, code, 0, 3))
print("saved", flush=True)
time.sleep(60)
"""


def test_merging_a_package_copied_while_open_warns_that_the_session_is_missing(lead, tmp_path):
    path = Path(make_package(lead, "Ana", tmp_path / "ana.annotator")["path"])
    child = Child(_SESSION.replace("sys.argv[1]", repr(str(path))))
    try:
        assert child.wait_for(lambda lines: "saved" in lines, timeout=120)
        copied = tmp_path / "sent" / "ana.annotator"
        copied.parent.mkdir()
        shutil.copyfile(path, copied)  # the main file only, as an e-mail attachment would carry it
        with_journal = tmp_path / "both" / "ana.annotator"
        with_journal.parent.mkdir()
        shutil.copyfile(path, with_journal)
        if Path(f"{path}-wal").exists():
            shutil.copyfile(f"{path}-wal", f"{with_journal}-wal")
    finally:
        child.kill()
    report = merge_package(lead, copied, dry_run=True)
    # either the save reached the main file, or the merge says the work may be missing
    assert report.added == 1 or any("-wal" in w for w in report.warnings), report
    if Path(f"{with_journal}-wal").exists() and Path(f"{with_journal}-wal").stat().st_size:
        both = merge_package(lead, with_journal, dry_run=True)
        assert any("-wal" in w for w in both.warnings), both


def test_a_cleanly_closed_package_merges_without_a_journal_warning(lead, tmp_path):
    path, _ = _package_with_span(lead, tmp_path)
    report = merge_package(lead, path)
    assert report.added == 1 and report.warnings == []


def test_merge_cli_prints_the_journal_warning(lead, tmp_path):
    path = Path(make_package(lead, "Ana", tmp_path / "ana.annotator")["path"])
    with Project.open(path):
        pass  # opened in Annotator (the file is now in WAL mode) and nothing saved
    lead.close()
    done = _cli("merge", str(tmp_path / "lead.annotator"), str(path))
    assert done.returncode == 0, done.stderr
    assert "-wal" in done.stdout


def test_no_overlaps_after_a_full_round_of_merges(lead, tmp_path):
    path, _ = _package_with_span(lead, tmp_path)
    merge_package(lead, path)
    con = check_project_file(lead.path, segments=False)
    try:
        assert live_overlaps(con) == []
    finally:
        con.close()
