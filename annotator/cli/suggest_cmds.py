"""``suggest``: speaker, cue and quote suggestions."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.common import (
    console,
    err_console,
    force_option,
    open_project,
    plain,
    project_argument,
    run_task,
    writing_output,
)
from annotator.services.suggestions import export_suggestions, suggest


@click.command("suggest")
@project_argument
@click.option("--batch", help="Only documents of this batch.")
@click.option("--model", help="spaCy pipeline (default: the project's, else the small English one).")
@click.option("--rebuild", is_flag=True, help="Recompute even where suggestions of this pipeline exist.")
@click.option(
    "--export",
    "export_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the suggestions as JSON Lines (document id, kind, start, end, text, proposed code).",
)
@force_option
def suggest_cmd(
    project: Path, batch: str | None, model: str | None, rebuild: bool, export_path: Path | None, force: bool
) -> None:
    """Find quotes, their speakers and cues, and propose source types (coders accept them in the workbench)."""
    with open_project(project) as p, writing_output(export_path, force=force):
        r = run_task("Finding sources", suggest, p, batch=batch, model=model, rebuild=rebuild)
        if r.notice:
            err_console.print(f"[yellow]Note:[/yellow] {plain(r.notice)}")
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(r.by_kind.items())) or "none"
        console.print(
            f"{r.documents} documents processed with {plain(r.pipeline)} ({r.skipped} already up to date): "
            f"{r.suggestions} suggestions ({kinds})."
        )
        if export_path is not None:
            n = export_suggestions(p, export_path, batch=batch)
            console.print(f"Wrote {n} suggestions to {plain(export_path)}.")


def register(cli: click.Group) -> None:
    cli.add_command(suggest_cmd)
