"""Run a long, plain function (import, agreement with bootstrap, export) on
the global QThreadPool while the window stays responsive.

The function is called as ``fn(*args, state=..., **kwargs)`` with the worker's
TaskState, the convention of every long use case (``annotator.core.task``).
Its progress reaches the GUI thread through queued signals; a cancel button
calls ``worker.state.request_interruption()``, a flag the worker thread
polls, because a queued signal could not reach a thread that is busy
computing. The task's Cancelled, and nothing else, is reported as a cancel.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.task import TaskState


class WorkerSignals(QObject):
    progress = Signal(int, int)  # done, total (0: not known)
    status = Signal(str)
    finished = Signal(object)  # the function's return value
    failed = Signal(str)  # one sentence for the user
    cancelled = Signal(object)  # what the task finished before it stopped (Cancelled.partial), or None


class Worker(QRunnable):
    """One call of ``fn`` on a pool thread. Keep a reference to the worker
    (or at least to ``worker.signals``) until ``finished``/``failed`` arrives."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self.state = TaskState(on_progress=self._progress, on_status=self.signals.status.emit)
        self.setAutoDelete(False)  # the owner keeps it; PySide would otherwise delete under us

    def run(self) -> None:  # noqa: D102 - QRunnable API
        try:
            result = self.fn(*self.args, state=self.state, **self.kwargs)
        except Cancelled as exc:
            self.signals.cancelled.emit(exc.partial)
        except AnnotatorError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug must reach the user, not kill the thread silently
            traceback.print_exc()
            self.signals.failed.emit(
                QCoreApplication.translate(
                    "Worker", "The operation stopped because of an unexpected error: {0}"
                ).format(exc)
            )
        else:
            self.signals.finished.emit(result)

    def _progress(self, done: int, total: int | None) -> None:
        self.signals.progress.emit(int(done), int(total or 0))


_alive: set[Worker] = set()  # running workers whose owner may be gone (a dialog closed mid-run)


def start(worker: Worker, pool: QThreadPool | None = None) -> Worker:
    _alive.add(worker)
    for signal in (worker.signals.finished, worker.signals.failed, worker.signals.cancelled):
        signal.connect(lambda *_: _alive.discard(worker))
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker
