"""Keys every dialog answers the same way, installed once on the application:
Ctrl+Enter finishes the dialog (its OK, Import, Yes… button; a dialog that
only shows something closes), and Tab in a multi-line text box moves on to
the next control instead of typing a tab a note would keep.

An application-wide filter rather than code in each dialog: a dialog added
later, and Qt's own (message boxes), get the keys without asking.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_FINISH_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_FINISH_ROLES = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole)


def finishing_button(dialog: QDialog) -> QAbstractButton | None:
    """The button that completes ``dialog`` (accept or yes role, shown), enabled or not."""
    for box in dialog.findChildren(QDialogButtonBox):
        if not box.isVisibleTo(dialog):
            continue
        for button in box.buttons():
            if box.buttonRole(button) in _FINISH_ROLES and button.isVisibleTo(dialog):
                return button
    return None


def _claims_ctrl_enter(dialog: QDialog) -> bool:
    # a dialog that gives Ctrl+Return a meaning of its own (compare view: accept
    # as gold) must not close when that button is disabled
    keys = {QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")}
    return any(button.shortcut() in keys for button in dialog.findChildren(QAbstractButton))


def finish(dialog: QDialog) -> bool:
    """Finish ``dialog`` as its own button would; False when that button is
    disabled (the form is not complete: nothing happens, as with a click)."""
    if _claims_ctrl_enter(dialog):
        return False
    button = finishing_button(dialog)
    if button is None:
        dialog.accept()  # a dialog that shows something: finishing it is closing it
        return True
    if not button.isEnabled():
        return False
    button.click()
    return True


class DialogKeys(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Shortcuts (a dialog's own Ctrl+Return, the workbench's done-and-next) are
        # matched before key presses are delivered, so they keep precedence.
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget):
            return False
        if not isinstance(event, QKeyEvent):
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in _FINISH_KEYS and modifiers == Qt.KeyboardModifier.ControlModifier:
            dialog = obj.window()
            if isinstance(dialog, QDialog) and dialog.isVisible():
                if not finish(dialog):
                    QApplication.beep()
                return True
        if (
            event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            and isinstance(obj, QPlainTextEdit | QTextEdit)
            and isinstance(obj.window(), QDialog)
            and not obj.isReadOnly()
        ):
            forward = event.key() == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier
            obj.window().focusNextPrevChild(forward)
            return True
        return False


def install(app: QCoreApplication | None = None) -> None:
    """Install the filter on ``app`` (the running one by default), once."""
    target = app or QApplication.instance()
    if target is None or target.property("annotator_dialog_keys"):
        return
    target.installEventFilter(DialogKeys(target))
    target.setProperty("annotator_dialog_keys", True)
