"""Options and helpers shared by the commands."""

from __future__ import annotations

import contextlib
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from annotator.core.display_text import visible
from annotator.core.errors import AmbiguousDocument
from annotator.core.models import Document
from annotator.core.output_files import check_output_target, replacing_existing
from annotator.core.task import TaskState
from annotator.store.project import Project

# emoji codes such as :warning: in a name would otherwise turn into pictures
console = Console(emoji=False)
err_console = Console(stderr=True, emoji=False)

force_option = click.option(
    "--force", is_flag=True, help="Replace the output file if it exists (never a project or database file)."
)

project_argument = click.argument(
    "project", type=click.Path(dir_okay=False, path_type=Path), metavar="PROJECT"
)


def table_or_json(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--format table|json`` option (as ``fmt``) of commands that print a table."""
    return click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help=help
    )


@contextlib.contextmanager
def open_project(path: Path, *, readonly: bool = False) -> Iterator[Project]:
    project = Project.open(path, readonly=readonly)
    try:
        yield project
    finally:
        project.close()


def plain(value: object, *, keep_lines: bool = False) -> str:
    """``value`` (a name, title, path or message from data) for a rich string
    or table cell: shown as plain text, never read as markup, with control
    characters made visible. Every piece of data printed goes through here."""
    return escape(visible(value, keep_lines=keep_lines))


_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def colored(text: object, color: str) -> Text:
    """``text`` as plain text in a code's or coder's ``color`` (uncoloured when
    it is not #rrggbb: a hostile file may hold anything there)."""
    return Text(visible(text), style=color if _COLOR.fullmatch(color or "") else "")


def swatch(color: str) -> Text:
    """A square in ``color``."""
    return colored("■", color)


def check_outputs(*targets: Path | None, force: bool) -> None:
    """Refuse, before any work is done, a target that is a project or database
    (always) or an existing file (unless ``force``). Call it with the source
    project open, so a target that is that project is recognised without
    being read. A folder is checked file by file as the writers fill it."""
    for target in targets:
        if target is not None and not target.is_dir():
            check_output_target(target, force=force)


@contextlib.contextmanager
def writing_output(*targets: Path | None, force: bool) -> Iterator[None]:
    """:func:`check_outputs`, then let the writers in the block replace
    existing files only with ``force``."""
    check_outputs(*targets, force=force)
    with replacing_existing(force):
        yield


T = TypeVar("T")


def run_task(description: str, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn(*args, state=..., **kwargs)``, its TaskState shown as a progress bar
    on a terminal. The first Ctrl+C asks the task to stop where stopping keeps
    what it finished (it then raises Cancelled, which ends the command with
    exit status 130); a second one interrupts at once."""
    with _progress_bar(description) as state, _ctrl_c_interrupts(state):
        return fn(*args, state=state, **kwargs)


@contextlib.contextmanager
def _progress_bar(description: str) -> Iterator[TaskState]:
    if not err_console.is_terminal:
        yield TaskState()
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total or None)

        def say(status: str) -> None:
            bar.update(task, description=f"{description} ({status})" if status else description)

        yield TaskState(on_progress=update, on_status=say)


@contextlib.contextmanager
def _ctrl_c_interrupts(state: TaskState) -> Iterator[None]:
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous == signal.SIG_IGN:
        yield  # only the main thread may handle signals; an ignored Ctrl+C stays ignored
        return
    restore = previous if previous is not None else signal.default_int_handler

    def first_press(_signum: int, _frame: FrameType | None) -> None:
        state.request_interruption()
        state.set_status("stopping; Ctrl+C again to stop at once")
        signal.signal(signal.SIGINT, restore)

    signal.signal(signal.SIGINT, first_press)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, restore)


def find_document(project: Project, key: str) -> Document:
    """The document ``key`` names; when several match and a person is at the
    terminal, they choose one from a numbered list."""
    try:
        return project.documents.find_document(key)
    except AmbiguousDocument as many:
        if not (sys.stdin.isatty() and console.is_terminal):
            raise
        for i, doc in enumerate(many.candidates, 1):
            console.print(f"  {i}. {plain(doc.title or doc.id)}  [dim]{doc.id[:8]}[/dim]")
        choice = click.prompt(
            f"{len(many.candidates)} documents match {key!r}; which one",
            type=click.IntRange(1, len(many.candidates)),
        )
        return many.candidates[choice - 1]


def split_names(values: tuple[str, ...] | None) -> list[str] | None:
    if not values:
        return None
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return out or None
