"""What a user sees when the program has a bug: one sentence, reassurance that
the work is saved, where the log is, and the details one click away.

``install_excepthook(app)`` replaces ``sys.excepthook`` (which PySide calls
for an exception raised in a slot or a virtual method) and
``threading.excepthook`` (a worker thread). The traceback always goes to the
log; the dialog is shown in the GUI thread, whichever thread failed.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.gui.app.logging_setup import log_file_path

log = logging.getLogger("annotator.crash")


def summary_sentence(exc: BaseException) -> str:
    """The one sentence the user reads first."""
    if isinstance(exc, AnnotatorError) and str(exc).strip():
        return str(exc).strip()
    return QApplication.translate("CrashDialog", "Something went wrong: {0}").format(type(exc).__name__)


def format_details(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    thread_name: str | None = None,
) -> str:
    """What goes on the clipboard for a bug report: versions and traceback,
    no project content (articles can be under copyright or embargo)."""
    lines = [
        f"Annotator {__version__}",
        f"Python {sys.version.split()[0]} on {sys.platform}",
    ]
    try:
        import PySide6

        lines.append(f"PySide6 {PySide6.__version__}")
    except (ImportError, AttributeError):
        pass
    if thread_name:
        lines.append(f"Thread: {thread_name}")
    lines.append("")
    lines.extend(line.rstrip("\n") for line in traceback.format_exception(exc_type, exc, tb))
    return "\n".join(lines)


class CrashDialog(QDialog):
    """The dialog itself; usable on its own, e.g. from a worker's failure."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CrashDialog")
        self.setWindowTitle(self.tr("Annotator: unexpected problem"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(True)
        self.details = details

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.summary_label = QLabel(summary)
        self.summary_label.setObjectName("summary")
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.saved_label = QLabel(
            self.tr(
                "Your work is safe: Annotator saves every action the moment you make it, "
                "so everything you coded up to now is in the project file."
            )
        )
        self.saved_label.setWordWrap(True)

        path = log_file_path()
        if path is not None:
            log_text = self.tr('The details were written to the log file:<br><a href="{0}">{1}</a>').format(
                QUrl.fromLocalFile(str(path.parent)).toString(), _html_escape(str(path))
            )
        else:
            log_text = self.tr("No log file is being written; use \u201cCopy details\u201d to keep them.")
        self.log_label = QLabel(log_text)
        self.log_label.setObjectName("logLocation")
        self.log_label.setWordWrap(True)
        self.log_label.setTextFormat(Qt.TextFormat.RichText)
        self.log_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        # Links go through QDesktopServices ourselves so a test (or a
        # headless session) never launches a file manager by accident.
        self.log_label.setOpenExternalLinks(False)
        self.log_label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))

        self.hint_label = QLabel(
            self.tr(
                "If it happens again, please send the details to the people who support "
                "Annotator for you, with what you were doing at the time."
            )
        )
        self.hint_label.setWordWrap(True)

        self.details_view = QPlainTextEdit(details)
        self.details_view.setObjectName("details")
        self.details_view.setReadOnly(True)
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_view.setVisible(False)
        self.details_view.setMinimumHeight(180)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button = QPushButton(self.tr("Show details"))
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self._toggle_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        for label in (self.summary_label, self.saved_label, self.log_label, self.hint_label):
            text.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))

    @Slot(bool)
    def _toggle_details(self, shown: bool) -> None:
        self.details_view.setVisible(shown)
        self.show_button.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.adjustSize()


def _is_top_level(tb: TracebackType | None) -> bool:
    """True when the exception went up through every Python frame, so the
    interpreter ends after the hook. An exception in a slot stops where Qt
    called the slot: its outermost frame still has a Python caller (the one
    that entered the event loop)."""
    return tb is not None and tb.tb_frame.f_back is None


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _CrashReporter(QObject):
    """Owns the hooks. The signal carries a report from any thread to the GUI
    thread (a queued connection, because this object lives there)."""

    report = Signal(str, str, bool)  # summary, details, fatal

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.dialog: CrashDialog | None = None
        self.previous_excepthook = sys.excepthook
        self.previous_threading_hook = threading.excepthook
        self.report.connect(self._show, Qt.ConnectionType.AutoConnection)

    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal ends the program as usual
            self.previous_excepthook(exc_type, exc, tb)
            return
        self._handle(exc_type, exc, tb, threading.current_thread().name, fatal=_is_top_level(tb))

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else None
        self._handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback, name)

    def _handle(self, exc_type, exc, tb, thread_name: str | None, *, fatal: bool = False) -> None:
        # Logging and formatting first: if showing the dialog fails too, the
        # traceback is already on disk.
        try:
            log.error("Uncaught exception", exc_info=(exc_type, exc, tb))
            details = format_details(exc_type, exc, tb, thread_name)
            summary = summary_sentence(exc)
        except Exception:  # noqa: BLE001 - the hook must never raise
            traceback.print_exception(exc_type, exc, tb)
            return
        if sys.stderr is not None:  # windowed bundles on Windows have no stderr
            try:
                traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
            except Exception:  # noqa: BLE001
                pass
        self.report.emit(summary, details, fatal)

    @Slot(str, str, bool)
    def _show(self, summary: str, details: str, fatal: bool = False) -> None:
        # An error in a paint event repeats on every repaint: one dialog,
        # with the later tracebacks added, instead of a cascade of windows.
        if self.dialog is not None:
            self.dialog.details += "\n\n" + details
            self.dialog.details_view.setPlainText(self.dialog.details)
            return
        parent = self.app.activeWindow()
        dialog = CrashDialog(summary, details, parent if parent is not None and parent.isVisible() else None)
        dialog.destroyed.connect(self._forget_dialog)
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        if fatal:
            # Python exits right after this hook (a failure while starting
            # up, before or after the event loop): wait for the user to read
            # the dialog instead of flashing it.
            dialog.exec()
            return
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    @Slot()
    def _forget_dialog(self, *_args) -> None:
        self.dialog = None

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self.previous_excepthook
        if threading.excepthook == self.threading_excepthook:
            threading.excepthook = self.previous_threading_hook


_reporter: _CrashReporter | None = None


def install_excepthook(app: QApplication) -> _CrashReporter:
    """Show the crash dialog for every uncaught exception from now on.

    Returns the reporter; ``reporter.uninstall()`` restores the previous hooks.
    """
    global _reporter
    if _reporter is not None:
        _reporter.uninstall()
    _reporter = _CrashReporter(app)
    sys.excepthook = _reporter.excepthook
    threading.excepthook = _reporter.threading_excepthook
    return _reporter
