"""How many processes spaCy gets for an import: what was asked for, unless
that would be slower, with the reason to tell the user."""

from __future__ import annotations

import os


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def current_load() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def choose_processes(
    requested: int, *, trained: bool, cores: int | None = None, load: float | None = None
) -> tuple[int, str]:
    """``(processes, why)``; ``why`` is empty when the request stands.

    A blank pipeline always runs in one process: spaCy sends every document
    back to the main process serialized, which takes longer than tokenizing it
    (2,000 articles: 4-7 s in one process, 14-19 s in two). A trained pipeline
    gets at most as many processes as there are cores left free by other work
    (the one-minute load average), since a process without a core of its own
    only adds that serialization."""
    if requested <= 1:
        return 1, ""
    if not trained:
        return 1, (
            "The blank pipeline runs in one process whatever --processes says: it tokenizes faster "
            "than spaCy can pass documents between processes."
        )
    cores = usable_cores() if cores is None else cores
    load = current_load() if load is None else load
    free = max(1, int(cores - load + 0.5))
    n = min(requested, cores, free)
    if n <= 1:
        return 1, (
            f"spaCy ran in one process, not {requested}: the {cores} cores of this machine are busy "
            f"with other work (load {load:.1f})."
        )
    if n < requested:
        busy = " and other work keeps some of them busy" if free < cores else ""
        return n, f"spaCy ran in {n} processes, not {requested}: this machine has {cores} cores{busy}."
    return n, ""
