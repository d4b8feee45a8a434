"""Import fixtures shared by the import tests: a folder of many small articles,
and a task state that asks to stop after a number of progress reports."""

from __future__ import annotations

from pathlib import Path

from annotator.core.task import TaskState


def article_folder(root: Path, count: int) -> Path:
    folder = root / "many"
    folder.mkdir()
    for i in range(count):
        (folder / f"{i:03}.txt").write_text(f"Article {i}\n\nBody of article number {i} with some words.\n")
    return folder


def stopping_after(reports: int) -> TaskState:
    """A state whose user presses Stop once more than ``reports`` progress reports came."""
    seen = {"n": 0}

    def on_progress(done: int, total: int | None) -> None:
        seen["n"] += 1
        if seen["n"] > reports:
            state.request_interruption()

    state = TaskState(on_progress=on_progress)
    return state
