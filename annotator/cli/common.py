"""Options and helpers shared by the commands."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from annotator.store.project import Project

console = Console()
err_console = Console(stderr=True)

project_argument = click.argument(
    "project", type=click.Path(dir_okay=False, path_type=Path), metavar="PROJECT"
)


@contextlib.contextmanager
def open_project(path: Path, *, readonly: bool = False) -> Iterator[Project]:
    project = Project.open(path, readonly=readonly)
    try:
        yield project
    finally:
        project.close()


@contextlib.contextmanager
def progress_bar(description: str, *, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar as a ``progress(done, total)`` callback."""
    if not enabled or not err_console.is_terminal:
        yield lambda done, total: None
        return
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err_console, transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield update


def split_names(values: tuple[str, ...] | None) -> list[str] | None:
    if not values:
        return None
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return out or None
