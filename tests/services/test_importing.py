"""The batch-import use case on real files: cleaning, dedupe, NLP storage,
failures reported, re-runs adding nothing, cancelling."""

from __future__ import annotations

import io
import zipfile

import pytest

from annotator.core.errors import Cancelled, IngestError
from annotator.services.importing import ImportOptions, import_batch, preview_import, rerun_nlp
from tests.data_paths import SEED, SEED_DIR, WIKINEWS
from tests.services.import_helpers import article_folder, stopping_after

BLANK = ImportOptions(model="blank:en", processes=1)  # one process: these tests count its writes


def test_the_seed_article_imports_clean_with_its_story_intact(project):
    report = import_batch(project, [SEED], BLANK)
    assert report.imported == 1 and report.cleaned_lines > 0
    doc = project.documents.document(project.documents.document_ids()[0])
    for debris in (
        "Accessibility links",
        "please wait",
        "No media source currently available",
        "0:00 0:00:56",
    ):
        assert debris not in doc.text
    for sentence in (
        "Defense Minister Sergei Shoigu told President Vladimir Putin",
        "The Britain-based Syrian Observatory for Human Rights, which monitors violence in Syria",
    ):
        assert sentence in doc.text
    assert doc.raw and b"please wait" in doc.raw  # what the user imported is kept
    assert doc.cleaning  # and what cleaning removed is recorded


def test_wikinews_csv_imports_171_documents_with_metadata_and_segments(project):
    report = import_batch(project, [WIKINEWS], BLANK)
    assert report.imported == 171 and not report.failed
    docs = project.documents.list_documents()
    assert all(d.title for d in docs)
    first = project.documents.document(docs[0].id)
    assert first.published == "2019-01-04" and first.url.startswith("https://en.wikinews.org")
    seg = project.documents.segmentation(first.id)
    assert seg is not None and seg.model.startswith("blank:en")
    text = first.text
    sentences = seg.units("sentence")
    assert sentences and all(not text[s:e].startswith((" ", "\n")) for s, e in sentences)
    # a paragraph break always ends a sentence
    for ps, _pe in seg.units("paragraph"):
        assert any(s == ps for s, _ in sentences)
    assert project.documents.documents_without_segments() == []


def test_a_mixed_folder_imports_the_good_files_and_reports_the_rest(project, tmp_path):
    folder = tmp_path / "batch with spaces"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Headline here\n\nThe minister said the talks failed.\n", encoding="utf-8"
    )
    (folder / "latin1.txt").write_bytes("Réunion à Genève\n\nLes ministres ont parlé.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "table.csv").write_text(
        "headline,body\nA,First article body.\nB,Second article body.\n", encoding="utf-8"
    )
    (folder / "broken.jsonl").write_text('{"text": "Valid line."}\n{not json\n', encoding="utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../evil.txt", "escape attempt")
        z.writestr("inner/ok.txt", "An article inside a zip archive.")
    (folder / "archive.zip").write_bytes(buf.getvalue())
    report = import_batch(project, [folder], BLANK)
    titles = {d.title for d in project.documents.list_documents()}
    assert {"Headline here", "A", "B"} <= titles
    assert report.imported == project.documents.count_documents() == 6
    failed = {f["path"].rsplit("/", 1)[-1]: f["reason"] for f in report.failed}
    assert any("empty" in k for k in failed) and any("binary" in k for k in failed)
    assert any("evil" in k or "archive" in k for k in failed)
    assert all(reason.endswith(".") and "\n" not in reason for reason in failed.values())
    again = import_batch(project, [folder], BLANK)
    assert again.imported == 0 and len(again.duplicates) == 6
    assert project.documents.count_documents() == 6 and len(project.batches()) == 1


def test_near_duplicates_are_imported_but_flagged(project):
    base = SEED.read_text(encoding="utf-8")
    import_batch(project, [_write(project, "a.txt", base)], BLANK)
    edited = base.replace("Wednesday", "Thursday", 1)  # the wire story republished with an edit
    report = import_batch(project, [_write(project, "b.txt", edited)], BLANK)
    assert report.imported == 1 and len(report.near_duplicates) == 1
    assert report.near_duplicates[0]["resembles"] == project.documents.document_ids()[0]


def test_cancelling_keeps_the_finished_documents_whole(project, tmp_path):
    folder = article_folder(tmp_path, 200)
    state = stopping_after(100)
    with pytest.raises(Cancelled) as caught:
        import_batch(project, [folder], BLANK, state=state)
    report = caught.value.partial
    assert 0 < report.imported < 200
    assert project.documents.count_documents() == report.imported
    assert project.documents.documents_without_segments() == []


def test_rerun_nlp_with_another_pipeline_resegments(project):
    import_batch(project, [SEED_DIR], BLANK)
    n = rerun_nlp(project, model="blank:en")
    assert n == 0  # already segmented by that pipeline
    assert rerun_nlp(project, model="blank:xx") == project.documents.count_documents()


def test_preview_shows_columns_and_mapping(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("headline,body,link\nA,Body one.,http://x\n", encoding="utf-8")
    preview = preview_import([path])
    assert preview.columns == ["headline", "body", "link"]
    assert preview.mapping["text"] == "body" and preview.mapping["title"] == "headline"
    assert preview.documents[0].title == "A"


def test_a_missing_path_is_one_sentence(project, tmp_path):
    with pytest.raises(IngestError, match="There is no file or folder"):
        import_batch(project, [tmp_path / "nope"], BLANK)


def _write(project, name: str, text: str):
    path = project.path.parent / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_import_writes_each_table_once_per_chunk_not_once_per_article(project):
    # A statement a row costs a Python round trip (cursor, parameter binding)
    # per article and table; a chunk's rows go in with one call per table.
    conn = project.db.conn
    calls: list[str] = []

    def counted(method):
        def call(sql, *args):
            calls.append(sql)
            return method(sql, *args)

        return call

    conn.execute, conn.executemany = counted(conn.execute), counted(conn.executemany)
    try:
        report = import_batch(project, [WIKINEWS], BLANK)
    finally:
        del conn.execute, conn.executemany
    assert report.imported == 171
    writes = {
        table: sum(1 for sql in calls if sql.lstrip().upper().startswith("INSERT") and f"INTO {table}" in sql)
        for table in ("documents(", "segments(", "document_signatures")
    }
    assert writes == {"documents(": 1, "segments(": 1, "document_signatures": 1}, writes


def test_processes_are_capped_by_the_cores_that_are_free():
    from annotator.services.import_processes import choose_processes

    assert choose_processes(1, trained=True, cores=8, load=0.0) == (1, "")
    assert choose_processes(4, trained=True, cores=8, load=1.0) == (4, "")
    n, why = choose_processes(4, trained=True, cores=2, load=0.2)
    assert n == 2 and "2 cores" in why
    n, why = choose_processes(4, trained=True, cores=2, load=1.8)
    assert n == 1 and "busy" in why
    # the blank pipeline: one tokenizing beside the one storing, more would wait on the storing
    assert choose_processes(2, trained=False, cores=8, load=0.0, beside=True) == (2, "")
    n, why = choose_processes(3, trained=False, cores=8, load=0.0, beside=True)
    assert n == 2 and "blank pipeline" in why
    n, why = choose_processes(2, trained=False, cores=2, load=1.8, beside=True)
    assert n == 1 and "busy" in why
    n, why = choose_processes(2, trained=False, cores=8, load=0.0, beside=False)
    assert n == 1 and "blank pipeline" in why and "one process" in why
    # asked for nothing: what helps here, without a note
    assert choose_processes(None, trained=False, cores=2, load=0.1, beside=True) == (2, "")
    assert choose_processes(None, trained=False, cores=2, load=1.5, beside=True) == (1, "")
    assert choose_processes(None, trained=True, cores=8, load=0.0) == (1, "")
