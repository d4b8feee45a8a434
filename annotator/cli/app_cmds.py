"""``demo`` and ``gui``: the commands that end in the coding window."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from annotator.cli.common import console, plain, run_task
from annotator.core.errors import AnnotatorError


def _open_gui(project: Path | None) -> int:
    # The GUI is a sibling layer of the CLI: load it by name, only when asked,
    # so the command line never pays for Qt.
    try:
        app = importlib.import_module("annotator.gui.app.application")
    except ImportError as exc:
        raise AnnotatorError(f"The coding window cannot start: {exc}.") from exc
    return app.run(str(project) if project else None)


@click.command("demo")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--no-open", is_flag=True, help="Only build the project and say what it holds.")
@click.option("--force", is_flag=True, help="Replace an existing demo project at PATH.")
def demo_cmd(path: Path | None, no_open: bool, force: bool) -> None:
    """Build the demo project (articles, the Syria 2015 codebook, three coders) and open it."""
    from annotator.services.demo import build_demo, default_demo_path, is_demo_project
    from annotator.services.projects import open_in_a_window

    path = path or default_demo_path()
    if path.exists():
        if not force:
            if no_open:
                raise AnnotatorError(f"{path} already exists; use --force to rebuild it.")
            console.print(f"Opening the existing demo project {plain(path)} (use --force to rebuild it).")
            raise SystemExit(_open_gui(path))
        if not is_demo_project(path):
            raise AnnotatorError(
                f"{path} is not the demo project; --force only rebuilds the demo, so choose "
                "another file name."
            )
        if open_in_a_window(path):
            raise AnnotatorError(
                f"{path} is open in a coding window; close it there before rebuilding the demo."
            )
        path.unlink()
        for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            extra.unlink(missing_ok=True)
    summary = run_task("Building the demo", build_demo, path)
    console.print(f"Demo project: {plain(summary.path)}")
    console.print(
        f"  {summary.documents} articles, {len(summary.coders)} coders "
        f"({', '.join(plain(c) for c in summary.coders)}), "
        f"{summary.annotations} annotations, codebook {summary.codebook!r}."
    )
    if no_open:
        console.print(f"Try: annotator info {plain(summary.path)}")
        return
    raise SystemExit(_open_gui(path))


@click.command("gui")
@click.argument("project", required=False, type=click.Path(dir_okay=False, path_type=Path))
def gui_cmd(project: Path | None) -> None:
    """Open the coding window (with PROJECT, or the last project used)."""
    raise SystemExit(_open_gui(project))


def register(cli: click.Group) -> None:
    cli.add_command(demo_cmd)
    cli.add_command(gui_cmd)
