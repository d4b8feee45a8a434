"""An uncaught exception shows one readable sentence, says the work is saved
and where the log is, and the details reach the log and the clipboard."""

from __future__ import annotations

import os
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from annotator.core.errors import ProjectError
from annotator.gui.app import logging_setup
from annotator.gui.app.crash_dialog import CrashDialog, install_excepthook

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]


@pytest.fixture
def log_path(tmp_path):
    path = logging_setup.setup_logging(tmp_path / "logs")
    yield path
    # Leave no handler pointing into a deleted temporary folder.
    import logging

    root = logging.getLogger()
    handler = logging_setup._handler
    if handler is not None:
        root.removeHandler(handler)
        handler.close()
    logging_setup._handler = None


@pytest.fixture
def reporter(qapp, log_path):
    rep = install_excepthook(qapp)
    yield rep
    if rep.dialog is not None:
        rep.dialog.close()
    rep.uninstall()


def _crash_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


def _raise_in_slot(qtbot, exc: BaseException) -> None:
    button = QPushButton("boom")
    qtbot.addWidget(button)

    def explode() -> None:
        raise exc

    button.clicked.connect(explode)
    # The click arrives from the event loop, as a user's click does.
    QTimer.singleShot(0, button.click)


def test_exception_in_a_slot_shows_the_dialog(qtbot, reporter, log_path):
    _raise_in_slot(qtbot, KeyError("missing_key_42"))
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1)
    dialog = _crash_dialogs()[0]
    assert dialog.summary_label.text() == "Something went wrong: KeyError"
    assert "saves every action" in dialog.saved_label.text()
    assert str(log_path) in dialog.log_label.text()
    dialog.close()
    qtbot.waitUntil(lambda: not _crash_dialogs())


def test_annotator_error_shows_its_own_sentence(qtbot, reporter):
    _raise_in_slot(
        qtbot, ProjectError("The project file is read-only; copy it to a folder you can write to.")
    )
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1)
    dialog = _crash_dialogs()[0]
    assert (
        dialog.summary_label.text() == "The project file is read-only; copy it to a folder you can write to."
    )
    dialog.close()


def test_traceback_goes_to_the_log(qtbot, reporter, log_path):
    _raise_in_slot(qtbot, ZeroDivisionError("division by zero in slot"))
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1)
    for handler in __import__("logging").getLogger().handlers:
        handler.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "ZeroDivisionError: division by zero in slot" in text
    assert "in explode" in text
    _crash_dialogs()[0].close()


def test_copy_button_puts_the_traceback_on_the_clipboard(qtbot, reporter):
    QApplication.clipboard().clear()
    _raise_in_slot(qtbot, ValueError("bad value 7"))
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1)
    dialog = _crash_dialogs()[0]
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "Traceback (most recent call last)" in copied
    assert "ValueError: bad value 7" in copied
    assert "Annotator " in copied.splitlines()[0]
    dialog.close()


def test_exception_in_a_worker_thread_reaches_the_gui_thread(qtbot, reporter, log_path):
    def work() -> None:
        raise RuntimeError("worker failed")

    thread = threading.Thread(target=work, name="import-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1)
    dialog = _crash_dialogs()[0]
    assert dialog.summary_label.text() == "Something went wrong: RuntimeError"
    assert "Thread: import-worker" in dialog.details
    dialog.close()


def test_repeated_errors_share_one_dialog(qtbot, reporter):
    _raise_in_slot(qtbot, KeyError("first"))
    _raise_in_slot(qtbot, KeyError("second"))
    qtbot.waitUntil(lambda: len(_crash_dialogs()) == 1)
    qtbot.wait(50)
    dialogs = _crash_dialogs()
    assert len(dialogs) == 1
    assert "first" in dialogs[0].details and "second" in dialogs[0].details
    dialogs[0].close()


def test_log_file_rotates(tmp_path):
    import logging

    path = logging_setup.setup_logging(tmp_path / "rot")
    try:
        handler = logging_setup._handler
        assert handler.maxBytes == logging_setup.MAX_BYTES and handler.backupCount == 5
        handler.maxBytes = 2000  # the real limit is 1 MB; the behaviour is the same
        chunk = "x" * 200
        for _ in range(100):
            logging.getLogger("annotator.test").warning(chunk)
        rotated = sorted(p.name for p in path.parent.iterdir())
        assert rotated[:2] == ["annotator.log", "annotator.log.1"]
        assert len(rotated) == 6  # the current file and five backups, no more
    finally:
        logging.getLogger().removeHandler(logging_setup._handler)
        logging_setup._handler.close()
        logging_setup._handler = None


def test_log_lives_in_the_platform_user_log_directory(monkeypatch):
    import platformdirs

    monkeypatch.delenv(logging_setup.LOG_DIR_ENV, raising=False)
    assert logging_setup.default_log_dir() == __import__("pathlib").Path(
        platformdirs.user_log_dir("Annotator", appauthor=False)
    )


def test_failure_while_starting_up_waits_for_the_user(tmp_path):
    # An uncaught exception before the event loop runs ends the program right
    # after the hook: the dialog must stay until it is closed, not flash.
    import subprocess
    import sys
    import textwrap

    script = tmp_path / "start.py"
    script.write_text(
        textwrap.dedent("""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from annotator.gui.app.crash_dialog import CrashDialog, install_excepthook
        from annotator.gui.app.logging_setup import setup_logging

        setup_logging()
        app = QApplication([])
        install_excepthook(app)

        def close_it():
            dialogs = [w for w in app.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]
            for d in dialogs:
                print("dialog:", d.summary_label.text(), flush=True)
                d.close()
            if not dialogs:
                QTimer.singleShot(20, close_it)

        QTimer.singleShot(20, close_it)
        raise OSError("disk gone")
    """),
        encoding="utf-8",
    )
    env = dict(
        os.environ,
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
        ANNOTATOR_LOG_DIR=str(tmp_path / "log"),
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, env=env
    )
    assert "dialog: Something went wrong: OSError" in result.stdout, result.stderr
    assert result.returncode == 1  # the program still ends, as Python does after an uncaught error
    assert "OSError: disk gone" in (tmp_path / "log" / "annotator.log").read_text(encoding="utf-8")


def test_qt_warnings_reach_the_log(qtbot, log_path):
    import logging

    from PySide6.QtCore import qWarning

    qWarning("qt says the font is missing")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "qt says the font is missing" in log_path.read_text(encoding="utf-8")
