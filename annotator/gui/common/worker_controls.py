"""The progress bar and Cancel/Stop button of a job run on the worker, wired
in one place for every dialog that runs one.

The dialog keeps its own decisions (which of its buttons to enable, what to
say when the job ends); this only connects the worker's signals to the
dialog's callbacks, asks the worker to stop, and shows the job's progress.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QProgressBar

from annotator.gui.app.workers import Worker, start


class WorkerControls:
    def __init__(self, progress: QProgressBar, cancel_button: QAbstractButton) -> None:
        self.progress = progress
        self.cancel_button = cancel_button

    def start(
        self,
        worker: Worker,
        *,
        finished: Callable[[Any], None],
        failed: Callable[[str], None],
        cancelled: str,
        counted: bool = True,
    ) -> Worker:
        """Start ``worker``; a cancel reaches ``failed`` with the sentence
        ``cancelled``. ``counted=False`` leaves the bar busy whatever the job
        reports, for the dialogs that never showed a count."""
        if counted:
            worker.signals.progress.connect(self.show_progress)
        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        worker.signals.cancelled.connect(lambda _partial: failed(cancelled))
        return start(worker)

    def cancel(self, worker: Worker | None) -> None:
        # a flag the worker thread polls; the button stays off so one click is one request
        if worker is not None:
            worker.state.request_interruption()
            self.cancel_button.setEnabled(False)

    def show_running(self, on: bool) -> None:
        """Show the bar (busy until a count arrives) and the button while a job runs."""
        self.progress.setVisible(on)
        self.progress.setRange(0, 0)
        self.cancel_button.setVisible(on)
        self.cancel_button.setEnabled(on)

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:  # 0: the total is not known, the bar stays busy
            self.progress.setRange(0, total)
            self.progress.setValue(done)
