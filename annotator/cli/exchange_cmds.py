"""``export`` and ``import-annotations``."""

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
    split_names,
    writing_output,
)
from annotator.core.errors import ExchangeError
from annotator.exchange.docbin_format import dev_path, output_path
from annotator.exchange.formats import FORMATS
from annotator.exchange.training_source import SOURCES_HELP
from annotator.services.exchange import export_project, import_annotations

_EXPORTS = [name for name, f in FORMATS.items() if f.can_export]
_IMPORTS = [name for name, f in FORMATS.items() if f.can_import]


@click.command("export")
@project_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_EXPORTS),
    required=True,
    help="; ".join(f"{n}: {FORMATS[n].label}" for n in _EXPORTS) + ".",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The file or folder to write (brat and doccano: a folder; xmi and webanno: a folder or a .zip).",
)
@click.option("--coders", multiple=True, metavar="NAMES", help="Only these coders (default: all).")
@click.option("--batch", help="Only documents of this batch.")
@click.option(
    "--source",
    metavar="SOURCE",
    help=f"spacy: whose spans and article-level codes to train on: {SOURCES_HELP} (default: majority).",
)
@click.option("--spans-key", metavar="KEY", help="spacy: the span group the spans go to (default: sc).")
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="spacy: also write a 'spacy train' config (spancat, textcat_multilabel) for the export.",
)
@click.option(
    "--dev-share",
    type=click.FloatRange(0.0, 1.0, max_open=True),
    help="spacy: hold out this share of the documents (seeded) in a second file, NAME-dev.spacy.",
)
@click.option(
    "--unique-code-names/--keep-code-names",
    default=None,
    help="qdpx, qdc: write 'Group: Name' for a code name that repeats in another group, since "
    "QualCoder keeps one code per name (default: unique; import strips the group again).",
)
@force_option
def export_cmd(
    project: Path,
    fmt: str,
    output: Path,
    coders: tuple[str, ...],
    batch: str | None,
    source: str | None,
    spans_key: str | None,
    config: Path | None,
    dev_share: float | None,
    unique_code_names: bool | None,
    force: bool,
) -> None:
    """Export annotations, article-level codes, codebook and documents."""
    training = {
        k: v
        for k, v in (
            ("source", source),
            ("spans_key", spans_key),
            ("config", config),
            ("dev_share", dev_share),
        )
        if v is not None
    }
    if training and fmt != "spacy":
        raise ExchangeError("--source, --spans-key, --config and --dev-share apply only to --format spacy.")
    naming = {} if unique_code_names is None else {"unique_code_names": unique_code_names}
    if naming and fmt not in {"qdpx", "qdc"}:
        raise ExchangeError("--unique-code-names and --keep-code-names apply only to --format qdpx or qdc.")
    targets = [output]
    if fmt == "spacy":
        targets = [output_path(output), dev_path(output) if dev_share else None, config]
    lost: list[str] = []
    with open_project(project, readonly=True) as p, writing_output(*targets, force=force):
        written = run_task(
            "Exporting",
            export_project,
            p,
            fmt,
            output,
            coders=split_names(coders),
            batch=batch,
            losses=lost,
            **training,
            **naming,
        )
    for sentence in lost:
        err_console.print(f"[yellow]Not carried by {fmt}:[/yellow] {plain(sentence)}")
    for path in written[:10]:
        console.print(f"Wrote {plain(path)}")
    if len(written) > 10:
        console.print(f"... and {len(written) - 10} more files.")


@click.command("import-annotations")
@project_argument
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(_IMPORTS), help="The file's format (default: from its name)."
)
@click.option(
    "--coder-from-filename",
    metavar="PATTERN",
    help="brat: map .ann file names to documents and coders, e.g. '{document}_{coder}.ann'.",
)
@click.option(
    "--coder",
    metavar="NAME",
    help="prodigy, doccano, labelstudio: the coder of tasks that name none (doccano: else the file's name).",
)
def import_annotations_cmd(
    project: Path, path: Path, fmt: str | None, coder_from_filename: str | None, coder: str | None
) -> None:
    """Import annotations (brat, REFI-QDA .qdpx/.qdc, spaCy DocBin, Prodigy, doccano, Label Studio,
    INCEpTION's XMI and WebAnno TSV, or this tool's CSV/JSONL)."""
    with open_project(project) as p:
        r = run_task(
            "Importing annotations",
            import_annotations,
            p,
            path,
            fmt,
            coder_from_filename=coder_from_filename,
            coder=coder,
        )
    console.print(
        f"{r.annotations_added} annotations imported ({r.annotations_unchanged} already there, "
        f"{r.annotations_merged} joined an overlapping span of the same code, "
        f"{len(r.annotations_refused)} refused), "
        f"{r.document_codes} article-level codes; new: {r.documents_added} documents, {r.codes_added} "
        f"codes, {r.coders_added} coders."
    )
    for reason in r.annotations_refused[:30]:
        console.print(f"[yellow]Refused:[/yellow] {plain(reason)}")
    if len(r.annotations_refused) > 30:
        console.print(f"... and {len(r.annotations_refused) - 30} more refused.")
    for w in r.warnings[:30]:
        console.print(f"[yellow]Warning:[/yellow] {plain(w)}")
    if len(r.warnings) > 30:
        console.print(f"... and {len(r.warnings) - 30} more warnings.")
    arrived = (
        r.annotations_added
        + r.annotations_unchanged
        + r.annotations_merged
        + r.document_codes
        + r.documents_added
        + r.codes_added
        + r.coders_added
    )
    if not arrived:
        # a script must see that the import it asked for brought nothing
        why = "for the reasons above" if r.annotations_refused or r.warnings else "the file holds none"
        raise ExchangeError(f"Nothing was imported from {path.name}: {why}.")


def register(cli: click.Group) -> None:
    cli.add_command(export_cmd)
    cli.add_command(import_annotations_cmd)
