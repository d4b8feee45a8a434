"""Every dialog finishes with Ctrl+Enter (as its OK/Import/Close button
would), and Tab leaves a multi-line text box instead of typing a tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit

from tests.gui.dialog_catalogue import DIALOGS

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
# Ctrl+Return has a meaning of their own here, or the form is not complete yet
NOT_FINISHED = {
    "compare_view": "Ctrl+Return accepts the chosen span as gold",
    "import_dialog": "Import stays disabled until files are chosen",
    "merge_packages": "Merge stays disabled until packages are chosen",
    "export_dialog": "Export stays disabled until a target is given; then Ctrl+Enter exports",
    "import_annotations": "Import stays disabled until a file is given; then Ctrl+Enter imports",
    "migrate_codings": "Apply stays disabled while nothing is older than the version chosen",
    "appendix": "Write stays disabled until a target is given; then Ctrl+Enter writes",
    "new_training_round": "Create round stays disabled until gold articles and coders are ticked",
}
FINISHED = sorted(name for name, make in DIALOGS.items() if name not in NOT_FINISHED and name != "user_guide")


def _shown(qtbot, window, name):
    dialog = DIALOGS[name](window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # offscreen has no window manager to do it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def _ctrl_enter(qtbot, dialog, key=Qt.Key.Key_Return):
    qtbot.keyClick(QApplication.focusWidget() or dialog, key, CTRL)


@pytest.mark.parametrize("name", FINISHED)
def test_ctrl_enter_finishes_the_dialog(qtbot, window, name):
    dialog = _shown(qtbot, window, name)
    assert isinstance(dialog, QDialog)
    _ctrl_enter(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_ctrl_enter_on_the_keypad_too(qtbot, window):
    dialog = _shown(qtbot, window, "preferences")
    qtbot.keyClick(
        QApplication.focusWidget() or dialog, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier
    )
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize("name", sorted(NOT_FINISHED))
def test_ctrl_enter_never_closes_a_dialog_that_is_not_ready(qtbot, window, name):
    dialog = _shown(qtbot, window, name)
    _ctrl_enter(qtbot, dialog)
    assert dialog.isVisible()


def test_tab_leaves_the_codebook_description_box(qtbot, window):
    dialog = _shown(qtbot, window, "codebook_editor")
    box = next(b for b in dialog.findChildren(QPlainTextEdit) if not b.isReadOnly() and b.isVisible())
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=3000)
    before = box.toPlainText()
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.toPlainText() == before and not box.hasFocus()
