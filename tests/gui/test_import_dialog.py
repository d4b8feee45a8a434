"""The import dialog on real files and a real project: preview, column
mapping, the import in a worker thread, cancel, and the batch report."""

from __future__ import annotations

import csv
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from annotator.gui.importing.import_dialog import ImportDialog  # noqa: E402
from annotator.store.project import Project  # noqa: E402
from tests.data_paths import WIKINEWS
from tests.gui.accessibility import unnamed_controls

ARTICLE_A = (
    "Strikes hit Aleppo\n\nRussian warplanes struck targets near Aleppo on Thursday, the defence ministry "
    "said. Residents reported heavy damage in two districts."
)
ARTICLE_B = (
    "Talks in Vienna\n\nDiplomats from seventeen countries met in Vienna to discuss a ceasefire. "
    "No agreement was reached on the future of the government."
)


@pytest.fixture
def dialog(qtbot, project):
    d = ImportDialog(project)
    qtbot.addWidget(d)
    d.model_combo.setCurrentText("blank:en")  # no trained pipeline needed in tests
    return d


def run(dialog, qtbot, timeout=120_000, *, until="finished"):
    with qtbot.waitSignal(getattr(dialog.worker.signals, until), timeout=timeout):
        pass
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=5000)
    return dialog.report


def test_nothing_to_import_until_files_are_chosen(dialog):
    assert not dialog.import_button.isEnabled()
    assert dialog.start_import() is None


def test_csv_preview_detects_columns_and_mapping_can_be_changed(dialog, tmp_path):
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["headline", "body", "pubdate", "paper", "summary"])
        w.writerow(["Strikes hit Aleppo", ARTICLE_A.split("\n\n")[1], "2015-10-01", "The Daily", "Short A"])
        w.writerow(["Talks in Vienna", ARTICLE_B.split("\n\n")[1], "2015-10-30", "The Times", "Short B"])
    dialog.add_paths([path])
    dialog.refresh_preview()
    assert dialog.mapping_box.isVisibleTo(dialog)
    assert dialog.mapping_combos["text"].currentData() == "body"
    assert dialog.mapping_combos["title"].currentData() == "headline"
    assert dialog.mapping_combos["published"].currentData() == "pubdate"
    assert dialog.mapping_combos["outlet"].currentData() == "paper"
    table = dialog.preview_table
    assert table.rowCount() == 2
    assert [table.item(0, c).text() for c in range(3)] == ["Strikes hit Aleppo", "The Daily", "2015-10-01"]
    assert table.item(0, 3).text().startswith("Russian warplanes struck")
    # the user maps the text to another column: the preview follows
    dialog.set_mapping("text", "summary")
    dialog.refresh_preview()
    assert dialog.options().columns == {"text": "summary"}
    assert table.item(0, 3).text() == "Short A"
    assert dialog.mapping_combos["text"].currentData() == "summary"


def test_import_a_folder_with_a_bad_file_and_a_duplicate(dialog, qtbot, tmp_path, project):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "a copy.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    dialog.add_paths([folder])
    dialog.name_edit.setText("October")
    dialog.refresh_preview()
    assert dialog.preview_table.rowCount() >= 2
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=120_000) as batch_signal:
        dialog.start_import()
        assert dialog.pages.currentIndex() == 1  # the progress page while it runs
    report = dialog.report
    assert report.imported == 2
    assert len(report.duplicates) == 1
    assert [f["path"].endswith("broken.pdf") for f in report.failed] == [True]
    # what the report page says
    assert dialog.pages.currentIndex() == 2
    assert "Imported 2 article(s)" in dialog.report_view.headline.text()
    assert "October" in dialog.report_view.headline.text()
    assert "1 duplicate(s)" in dialog.report_view.summary.text()
    sections = [
        dialog.report_view.details.topLevelItem(i).text(0)
        for i in range(dialog.report_view.details.topLevelItemCount())
    ]
    assert sections[0].startswith("Failed files (1)")
    failed = dialog.report_view.details.topLevelItem(0).child(0)
    assert failed.text(0) == "broken.pdf" and failed.text(1)
    # in the real project file
    with Project.open(project.path) as again:
        batch = again.find_batch("October")
        assert batch.id == batch_signal.args[0]
        titles = {again.documents.document(d).title for d in again.documents.document_ids(batch_id=batch.id)}
    assert titles == {"Strikes hit Aleppo", "Talks in Vienna"}
    assert dialog.close_button.isVisible() or not dialog.isVisible()


def test_unreadable_files_only_disable_import(dialog, tmp_path):
    bad = tmp_path / "nothing.txt"
    bad.write_text("", encoding="utf-8")
    dialog.add_paths([bad])
    dialog.refresh_preview()
    assert dialog.preview_table.rowCount() == 0
    assert dialog.failures_list.count() == 1
    assert "nothing.txt" in dialog.failures_list.item(0).text()
    assert not dialog.import_button.isEnabled()


def test_wikinews_cancelled_then_completed(dialog, qtbot, project):
    dialog.add_paths([WIKINEWS])
    dialog.refresh_preview()
    assert dialog.preview_table.rowCount() == 5
    assert dialog.mapping_combos["url"].currentData() == "url"
    assert dialog.preview_table.item(0, 2).text().startswith("2019-")
    worker = dialog.start_import()
    dialog.cancel_button.click()  # at once: the worker stops after the articles in hand
    assert worker.state.is_interruption_requested() and not dialog.cancel_button.isEnabled()
    first = run(dialog, qtbot, until="cancelled")
    assert "cancelled" in dialog.report_view.headline.text()
    assert project.documents.count_documents() == first.imported  # what was saved is whole

    # the whole file: what the cancelled run saved comes back as duplicates
    again = ImportDialog(project)
    qtbot.addWidget(again)
    again.model_combo.setCurrentText("blank:en")
    again.add_paths([WIKINEWS])
    again.start_import()
    report = run(again, qtbot)
    assert "cancelled" not in again.report_view.headline.text()
    assert len(report.duplicates) == first.imported
    assert project.documents.count_documents() == first.imported + report.imported > 100


def test_every_control_has_an_accessible_name(dialog):
    assert unnamed_controls(dialog) == []


def test_read_only_project_is_not_imported_into(qtbot, project, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE_A, encoding="utf-8")
    readonly = Project.open(project.path, readonly=True)
    try:
        d = ImportDialog(readonly)
        qtbot.addWidget(d)
        d.add_paths([article])
        d.refresh_preview()
        assert d.start_import() is None
        assert "read-only" in d.preview_label.text()
    finally:
        readonly.close()
    assert project.documents.count_documents() == 0


def test_cleaning_can_be_switched_off_in_the_preview(dialog, tmp_path):
    article = tmp_path / "with_ad.txt"
    body = ARTICLE_A.split("\n\n")
    article.write_text(f"{body[0]}\n\nAdvertisement\n\n{body[1]}", encoding="utf-8")
    dialog.add_paths([article])
    dialog.refresh_preview()
    assert "Advertisement" not in dialog.preview.documents[0].text
    dialog.clean_check.setChecked(False)
    dialog.refresh_preview()
    assert "Advertisement" in dialog.preview.documents[0].text
    assert dialog.options().clean is False


def test_progress_is_shown_as_a_share_of_the_bytes_to_read(dialog):
    # what the import service reports: bytes of input read, here of a 3 GB archive
    dialog._progress(1_500_000_000, 3_000_000_000)
    assert dialog.progress_bar.maximum() == 1000 and dialog.progress_bar.value() == 500
    assert "50% of 2.8 GB" in dialog.progress_label.text()


def test_the_report_says_where_the_articles_are_without_claiming_a_filter(dialog, qtbot, tmp_path):
    """The document list is not filtered after an import (with one batch it
    has no filter at all), so the report must not say it is."""
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    dialog.add_paths([tmp_path / "a.txt"])
    dialog.name_edit.setText("October")
    dialog.refresh_preview()
    with qtbot.waitSignal(dialog.imported, timeout=120_000):
        dialog.start_import()
    summary = dialog.report_view.summary.text()
    assert "filtered" not in summary
    assert "“October”" in summary and "document list" in summary
