"""The one task state every long function reports to and is stopped through."""

from __future__ import annotations

import threading

import pytest

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.task import NULL_STATE, TaskState


def test_progress_and_status_reach_the_listeners_and_stay_readable():
    seen: list[tuple[int, int | None]] = []
    said: list[str] = []
    state = TaskState(on_progress=lambda d, t: seen.append((d, t)), on_status=said.append)
    state.set_progress(0)
    state.set_progress(3, 10)
    state.set_status("Reading")
    assert seen == [(0, None), (3, 10)] and said == ["Reading"]
    assert (state.done, state.total, state.status) == (3, 10, "Reading")


def test_check_raises_cancelled_only_once_interruption_is_requested():
    state = TaskState()
    state.check()  # nothing asked yet: carries on
    assert not state.is_interruption_requested()
    state.request_interruption()
    assert state.is_interruption_requested()
    with pytest.raises(Cancelled, match="The export was cancelled") as caught:
        state.check("The export was cancelled.", partial=[1, 2])
    assert caught.value.partial == [1, 2]
    assert isinstance(caught.value, AnnotatorError)  # the command line's one-sentence path


def test_interruption_requested_from_another_thread_is_seen():
    state = TaskState()
    other = threading.Thread(target=state.request_interruption)
    other.start()
    other.join()
    assert state.is_interruption_requested()


def test_a_part_maps_its_progress_into_the_whole_and_shares_interruption():
    seen: list[tuple[int, int | None]] = []
    whole = TaskState(on_progress=lambda d, t: seen.append((d, t)))
    part = whole.part(5, 20)
    part.set_progress(3, 10)
    part.set_progress(40, 10)  # a stage that overshoots never shows more than the whole
    assert seen == [(8, 20), (20, 20)]
    whole.request_interruption()
    assert part.is_interruption_requested()
    with pytest.raises(Cancelled):
        part.check()


def test_the_shared_default_state_keeps_nothing_and_cannot_be_interrupted():
    NULL_STATE.set_progress(5, 10)
    NULL_STATE.set_status("x")
    NULL_STATE.request_interruption()  # one caller must never stop everyone else's tasks
    assert not NULL_STATE.is_interruption_requested()
    NULL_STATE.check()
    assert (NULL_STATE.done, NULL_STATE.total, NULL_STATE.status) == (0, None, "")
