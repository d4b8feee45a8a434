"""File > Write methods appendix… (issue 18, item 5): the file the window
writes is the file `annotator appendix` writes with the same options (bytes
compared, the time stamp normalised), written on a worker; an existing file
is replaced only after a second press; Open and Show in folder open the file
and its folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QUrl  # noqa: E402

from annotator.gui.exchange.appendix_dialog import AppendixDialog  # noqa: E402
from annotator.services.demo import build_demo  # noqa: E402
from annotator.store.project import Project  # noqa: E402

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:\+00:00|Z)")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("appendix") / "demo.annotator"
    build_demo(path)
    return path


@pytest.fixture
def dialog(qtbot, demo_path):
    project = Project.open(demo_path, readonly=True)
    d = AppendixDialog(project)
    qtbot.addWidget(d)
    yield d
    project.close()


def _cli(*args: object) -> None:
    subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _normalised(path: Path) -> list[tuple[str, bytes]]:
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            return [(n, STAMP.sub(b"STAMP", z.read(n))) for n in sorted(z.namelist())]
    return [("", STAMP.sub(b"STAMP", path.read_bytes()))]


def _write(qtbot, dialog: AppendixDialog) -> None:
    assert dialog.start() is not None, dialog.message.text()
    # the worker may be done before a signal could be waited for: wait for its effect
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=120_000)


@pytest.mark.parametrize("suffix", [".html", ".md", ".docx"])
def test_the_window_writes_what_the_command_writes(qtbot, dialog, demo_path, tmp_path, suffix):
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(suffix))
    dialog.target_edit.setText(str(tmp_path / "window"))  # the ending follows the format
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("document"))
    dialog.bootstrap_spin.setValue(200)
    dialog.seed_spin.setValue(2)
    dialog.threshold_spin.setValue(0.8)
    _write(qtbot, dialog)
    written = tmp_path / f"window{suffix}"
    assert dialog.written == written and written.is_file(), dialog.message.text()
    assert dialog.open_button.isVisible() or dialog.open_button.isVisibleTo(dialog)
    _cli(
        "appendix",
        demo_path,
        "-o",
        tmp_path / f"cli{suffix}",
        "--bootstrap",
        200,
        "--seed",
        2,
        "--threshold",
        0.8,
    )
    assert _normalised(written) == _normalised(tmp_path / f"cli{suffix}")


def test_an_existing_file_is_replaced_only_after_a_second_press(qtbot, dialog, tmp_path):
    target = tmp_path / "kept.md"
    target.write_text("the lead's notes\n", encoding="utf-8")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".md"))
    dialog.target_edit.setText(str(target))
    dialog.bootstrap_spin.setValue(0)
    assert dialog.start() is None
    assert "kept.md exists" in dialog.message.text()
    assert target.read_text(encoding="utf-8") == "the lead's notes\n"
    _write(qtbot, dialog)
    assert target.read_text(encoding="utf-8").startswith("#")


def test_open_and_show_in_folder_open_the_file_and_its_folder(qtbot, dialog, tmp_path):
    opened: list[QUrl] = []
    dialog.open_url = opened.append
    dialog.target_edit.setText(str(tmp_path / "a.html"))
    dialog.bootstrap_spin.setValue(0)
    _write(qtbot, dialog)
    dialog.open_button.click()
    dialog.folder_button.click()
    assert [u.toLocalFile() for u in opened] == [str(tmp_path / "a.html"), str(tmp_path)]


def test_the_file_menu_opens_the_appendix_dialog(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list[str] = []

    def close_it() -> None:
        d = QApplication.activeModalWidget()
        seen.append(type(d).__name__)
        d.reject()

    QTimer.singleShot(300, close_it)
    window.actions.write_appendix.trigger()
    assert seen == ["AppendixDialog"]
    assert window.actions.write_appendix in window.menuBar().actions()[0].menu().actions()
