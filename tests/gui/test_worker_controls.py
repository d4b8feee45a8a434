"""The shared progress bar and cancel button of a job on the worker, with a
real Worker on the pool and real widgets."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QProgressBar, QPushButton, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.task import TaskState
from annotator.gui.app.workers import Worker
from annotator.gui.common.worker_controls import WorkerControls

pytestmark = pytest.mark.gui


@pytest.fixture
def controls(qtbot) -> Iterator[WorkerControls]:
    host = QWidget()
    qtbot.addWidget(host)
    bar, button = QProgressBar(host), QPushButton("Cancel", host)
    bar.setVisible(False)
    button.setVisible(False)
    host.show()
    yield WorkerControls(bar, button)  # the host lives as long as the test: it owns the widgets


def test_progress_reaches_the_bar_and_cancel_stops_the_job(qtbot, controls):
    counted = threading.Event()

    def waiting(*, state: TaskState) -> None:
        state.set_progress(2, 4)
        counted.set()
        for _ in range(1000):  # ten seconds at most: a test must end
            state.check("Stopped.")
            threading.Event().wait(0.01)

    worker = Worker(waiting)
    messages: list[str] = []
    controls.cancel_button.clicked.connect(lambda: controls.cancel(worker))
    controls.show_running(True)
    assert controls.progress.isVisible() and controls.progress.maximum() == 0  # busy until a count
    assert controls.cancel_button.isVisible() and controls.cancel_button.isEnabled()
    controls.start(
        worker, finished=lambda _: messages.append("finished"), failed=messages.append, cancelled="Gone."
    )
    qtbot.waitUntil(lambda: controls.progress.maximum() == 4, timeout=10_000)
    assert controls.progress.value() == 2
    controls.cancel_button.click()
    assert worker.state.is_interruption_requested()
    assert not controls.cancel_button.isEnabled()  # one click, one request
    qtbot.waitUntil(lambda: messages == ["Gone."], timeout=10_000)
    controls.show_running(False)
    assert not controls.progress.isVisible() and not controls.cancel_button.isVisible()


def test_a_failure_reaches_the_callback_with_its_sentence(qtbot, controls):
    def failing(*, state: TaskState) -> None:
        raise AnnotatorError("The file is not a project.")

    messages: list[str] = []
    controls.start(Worker(failing), finished=messages.append, failed=messages.append, cancelled="Gone.")
    qtbot.waitUntil(lambda: messages == ["The file is not a project."], timeout=10_000)


def test_an_uncounted_job_leaves_the_bar_busy(qtbot, controls):
    def counting(*, state: TaskState) -> int:
        state.set_progress(1, 3)
        return 3

    results: list[int] = []
    controls.show_running(True)
    with qtbot.waitSignal((worker := Worker(counting)).signals.finished, timeout=10_000):
        controls.start(
            worker, finished=results.append, failed=results.append, cancelled="Gone.", counted=False
        )
    assert results == [3] and controls.progress.maximum() == 0
