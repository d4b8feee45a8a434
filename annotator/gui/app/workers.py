"""Run a long, plain function (import, agreement with bootstrap, export) on
the global QThreadPool while the window stays responsive.

The function is called as ``fn(*args, progress=..., cancelled=..., **kwargs)``,
the convention of every long use case in the services layer (DESIGN.md
section 2). Its progress reaches the GUI thread through queued signals; the
cancel flag is a plain attribute the worker thread polls, because a queued
signal could not reach a thread that is busy computing.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from annotator.core.errors import AnnotatorError


class WorkerSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the function's return value
    failed = Signal(str)  # one sentence for the user
    cancelled = Signal()


class Worker(QRunnable):
    """One call of ``fn`` on a pool thread. Keep a reference to the worker
    (or at least to ``worker.signals``) until ``finished``/``failed`` arrives."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the owner keeps it; PySide would otherwise delete under us

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # noqa: D102 - QRunnable API
        try:
            result = self.fn(*self.args, progress=self._progress, cancelled=self.is_cancelled, **self.kwargs)
        except AnnotatorError as exc:
            if self.is_cancelled() and "cancel" in str(exc).lower():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug must reach the user, not kill the thread silently
            traceback.print_exc()
            self.signals.failed.emit(
                QCoreApplication.translate("Worker", "The operation stopped because of an unexpected error: {0}")
                .format(exc)
            )
        else:
            self.signals.finished.emit(result)

    def _progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(int(done), int(total))


_alive: set[Worker] = set()  # running workers whose owner may be gone (a dialog closed mid-run)


def start(worker: Worker, pool: QThreadPool | None = None) -> Worker:
    _alive.add(worker)
    for signal in (worker.signals.finished, worker.signals.failed, worker.signals.cancelled):
        signal.connect(lambda *_: _alive.discard(worker))
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker
