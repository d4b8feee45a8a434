"""``appendix``: the methods appendix of a project (HTML, Markdown or Word)."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.agreement.reliability_data import UNITS
from annotator.cli.common import (
    console,
    force_option,
    open_project,
    plain,
    project_argument,
    run_task,
    split_names,
    writing_output,
)
from annotator.core.errors import AnnotatorError
from annotator.services.appendix import FORMATS, write_appendix


@click.command("appendix")
@project_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write: .html, .md or .docx.",
)
@click.option(
    "--unit", type=click.Choice(UNITS), default="document", show_default=True, help="Unit of analysis."
)
@click.option("--coders", multiple=True, metavar="NAMES", help="Coders compared (default: every coder).")
@click.option("--codes", multiple=True, metavar="CODES", help="Variables reported (default: every variable).")
@click.option(
    "--bootstrap",
    type=click.IntRange(0),
    default=1000,
    show_default=True,
    help="Bootstrap resamples for the intervals.",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Seed of the bootstrap, so the figures can be reproduced.",
)
@click.option(
    "--threshold", type=float, default=0.667, show_default=True, help="Alpha threshold for P(α < threshold)."
)
@force_option
def appendix_cmd(
    project: Path,
    output: Path,
    unit: str,
    coders: tuple[str, ...],
    codes: tuple[str, ...],
    bootstrap: int,
    seed: int,
    threshold: float,
    force: bool,
) -> None:
    """Write the methods appendix: sample and draws, coders and training rounds,
    alpha per variable with interval, missing data, codebook, model coders,
    software, and the Lombard et al. (2002) checklist."""
    if output.suffix.lower() not in FORMATS:
        raise AnnotatorError(f"Write the appendix to a .html, .md or .docx file, not {output.name}.")
    with open_project(project, readonly=True) as p, writing_output(output, force=force):
        run_task(
            "Computing the appendix",
            write_appendix,
            p,
            output,
            unit=unit,
            coders=split_names(coders),
            codes=split_names(codes),
            bootstrap=bootstrap,
            seed=seed,
            threshold=threshold,
        )
    console.print(f"Wrote {plain(output)}.")


def register(cli: click.Group) -> None:
    cli.add_command(appendix_cmd)
