"""How many processes spaCy gets for an import: what was asked for, unless
that would be slower, with the reason to tell the user."""

from __future__ import annotations

import os
import time

_SAMPLE_SECONDS = 0.1


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def current_load() -> float:
    """How many cores other work keeps busy now. Sampled from /proc/stat over a
    tenth of a second while this process waits: the one-minute load average
    counts this process's own work just before (reading, the first batches),
    so a program that had been busy alone would find no core free for itself."""
    try:
        before = _cpu_times()
        time.sleep(_SAMPLE_SECONDS)
        after = _cpu_times()
    except (OSError, ValueError, IndexError):
        try:
            return os.getloadavg()[0]
        except (AttributeError, OSError):
            return 0.0
    total = after[0] - before[0]
    idle = after[1] - before[1]
    if total <= 0:
        return 0.0
    return (os.cpu_count() or 1) * (total - idle) / total


def _cpu_times() -> tuple[int, int]:
    """(all, idle) jiffies of every core together; idle includes waiting for the disk."""
    with open("/proc/stat", encoding="ascii") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    return sum(fields[:8]), fields[3] + fields[4]  # steal counts as busy; guest time is within user


def choose_processes(
    requested: int | None,
    *,
    trained: bool,
    cores: int | None = None,
    load: float | None = None,
    beside: bool | None = None,
) -> tuple[int, str]:
    """``(processes, why)``; ``why`` is empty when the request stands.

    A blank pipeline gets at most two: one tokenizing beside the one that reads
    and stores (``beside``: whether such a second process can be forked here),
    since more would wait on the storing; spaCy's own processes, which send
    every Doc back serialized, took longer than tokenizing (2,000 articles:
    4-7 s in one process, 14-19 s in two). Every pipeline gets at most as many
    processes as there are cores left free by other work (``current_load``),
    since a process without a core of its own only adds the passing.

    ``None`` asks for what this machine allows, silently: two for a blank
    pipeline when two cores are free, one for a trained one (whose processes
    each take seconds to start)."""
    if requested is None:
        if trained:
            return 1, ""
        n, _ = choose_processes(2, trained=False, cores=cores, load=load, beside=beside)
        return n, ""
    if requested <= 1:
        return 1, ""
    cores = usable_cores() if cores is None else cores
    if not trained:
        from annotator.nlp.segmenting_process import available

        if not (available() if beside is None else beside):
            return 1, (
                "The blank pipeline runs in one process on this system: a second one would load spaCy "
                "again, which takes longer than tokenizing."
            )
    # sampled only when a second process could run: the sample takes a tenth of a second
    load = current_load() if load is None and cores > 1 else (load or 0.0)
    free = max(1, int(cores - load + 0.5))
    if not trained:
        if min(cores, free) < 2:
            return 1, _busy(requested, cores, load)
        if requested > 2:
            return 2, (
                f"The blank pipeline ran in 2 processes, not {requested}: one tokenizes while the other "
                "reads and stores, and more would wait on the storing."
            )
        return 2, ""
    n = min(requested, cores, free)
    if n <= 1:
        return 1, _busy(requested, cores, load)
    if n < requested:
        busy = " and other work keeps some of them busy" if free < cores else ""
        return n, f"spaCy ran in {n} processes, not {requested}: this machine has {cores} cores{busy}."
    return n, ""


def _busy(requested: int, cores: int, load: float) -> str:
    if cores < 2:
        return f"spaCy ran in one process, not {requested}: this machine has one core."
    return (
        f"spaCy ran in one process, not {requested}: the {cores} cores of this machine are busy "
        f"with other work (about {load:.1f} in use)."
    )
