"""The window's worker: its TaskState carries progress out and the cancel in;
a cancel is recognised by the Cancelled type, never by a message's words."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.task import TaskState
from annotator.gui.app.workers import Worker, start

pytestmark = pytest.mark.gui


def failing(*, state: TaskState) -> None:
    raise AnnotatorError("The import was cancelled by the server, which is a failure.")


def test_an_interrupted_task_emits_cancelled_with_what_it_finished(qtbot):
    def counting(*, state: TaskState) -> int:
        for i in range(1, 1001):  # stops itself at 1000: a test must end
            state.set_progress(i, 1000)
            if i == 3:
                worker.state.request_interruption()  # the cancel button, pressed mid-run
            state.check("Stopped at your request.", partial=i)
        return 1000

    worker = Worker(counting)
    progress: list[tuple[int, int]] = []
    worker.signals.progress.connect(lambda d, t: progress.append((d, t)))
    with qtbot.waitSignal(worker.signals.cancelled, timeout=10_000) as got:
        start(worker)
    assert got.args == [3]  # the message says nothing of "cancel": the type alone tells
    assert progress[-1] == (3, 1000)


def test_a_failure_that_mentions_cancelling_is_a_failure(qtbot):
    w = Worker(failing)
    w.state.request_interruption()  # even with a cancel pending, a failure is reported as one
    with qtbot.waitSignal(w.signals.failed, timeout=10_000) as got:
        start(w)
    assert "cancelled by the server" in got.args[0]
