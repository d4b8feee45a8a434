"""How a long task (an import, an export, an agreement report) reports its
progress and learns that its user wants it to stop.

Every long function takes ``state: TaskState`` as a keyword. It calls
``state.set_progress(done, total)`` as it goes and ``state.check()`` where
stopping leaves everything consistent; ``check`` raises
:class:`~annotator.core.errors.Cancelled` once interruption was requested.
The one who started the task (the command line's progress bar, the window's
worker) listens to the progress and calls ``request_interruption()`` from
another thread or a signal handler; nothing else is shared, so the task's code
knows neither Qt nor the terminal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from annotator.core.errors import Cancelled

ProgressListener = Callable[[int, int | None], None]
StatusListener = Callable[[str], None]

__all__ = ["NULL_STATE", "Cancelled", "TaskState"]


class TaskState:
    """The progress of one run of a long task and its user's wish to stop it.

    ``on_progress(done, total)`` and ``on_status(text)`` are called on the
    task's thread (``total`` None: not known yet), so they must be quick; an
    exception they raise stops the task like any error in it. Interruption is
    an event, safe to request from any thread."""

    def __init__(
        self, *, on_progress: ProgressListener | None = None, on_status: StatusListener | None = None
    ) -> None:
        self._on_progress = on_progress
        self._on_status = on_status
        self._interrupt = threading.Event()
        self.done = 0
        self.total: int | None = None
        self.status = ""

    def set_progress(self, done: int, total: int | None = None) -> None:
        self.done, self.total = done, total
        if self._on_progress is not None:
            self._on_progress(done, total)

    def set_status(self, text: str) -> None:
        self.status = text
        if self._on_status is not None:
            self._on_status(text)

    def request_interruption(self) -> None:
        self._interrupt.set()

    def is_interruption_requested(self) -> bool:
        return self._interrupt.is_set()

    def check(self, message: str = "The task was cancelled.", *, partial: object = None) -> None:
        """Raise :class:`Cancelled` (with ``message`` for the user) if the task should stop."""
        if self.is_interruption_requested():
            raise Cancelled(message, partial=partial)

    def part(self, start: int, total: int) -> TaskState:
        """This state as seen by one stage of the task: the stage counts from 0
        and its progress shows as ``start + done`` of the whole ``total``;
        interruption is the whole task's."""
        return _Part(self, start, total)


class _Part(TaskState):
    def __init__(self, whole: TaskState, start: int, total: int) -> None:
        super().__init__()
        self._whole, self._start, self._whole_total = whole, start, total

    def set_progress(self, done: int, total: int | None = None) -> None:
        self.done, self.total = done, total
        self._whole.set_progress(min(self._start + done, self._whole_total), self._whole_total)

    def set_status(self, text: str) -> None:
        self._whole.set_status(text)

    def request_interruption(self) -> None:
        self._whole.request_interruption()

    def is_interruption_requested(self) -> bool:
        return self._whole.is_interruption_requested()


class _NullState(TaskState):
    """The state of a task nobody watches or stops (the default). Shared by
    every such caller, so it keeps nothing and cannot be interrupted."""

    def set_progress(self, done: int, total: int | None = None) -> None:
        pass

    def set_status(self, text: str) -> None:
        pass

    def request_interruption(self) -> None:
        pass


NULL_STATE: TaskState = _NullState()
