"""``assign``, ``assignments``, ``package``, ``merge``, ``compare``, ``adjudicate``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text

from annotator.cli.common import (
    check_outputs,
    colored,
    console,
    err_console,
    find_document,
    force_option,
    open_project,
    plain,
    project_argument,
    split_names,
)
from annotator.cli.tables import Table
from annotator.core.display_text import visible
from annotator.core.errors import AnnotatorError
from annotator.services import adjudication, assignment, packages
from annotator.services.projects import find_coders
from annotator.services.team_packages import merge_report_lines

coders_option = click.option(
    "--coders",
    multiple=True,
    metavar="NAMES",
    help="Coders by name, comma-separated or repeated (default: every coder).",
)


def _sample_size(value: str) -> tuple[int | None, float | None]:
    value = value.strip()
    try:
        if value.endswith("%"):
            return None, float(value[:-1])
        return int(value), None
    except ValueError:
        raise AnnotatorError(
            f"The reliability sample {value!r} must be a number of documents or a percentage such as 20%."
        ) from None


@click.command("assign")
@project_argument
@click.option("--all", "all_docs", is_flag=True, help="Assign every document to every coder.")
@click.option(
    "--reliability-sample",
    "sample",
    metavar="N|N%",
    help="Documents coded by every coder (a number or a percentage); the rest is divided among them.",
)
@click.option(
    "--hidden-checks",
    "hidden",
    metavar="N|N%",
    help="Like --reliability-sample, but the shared documents are slipped into each coder's queue at "
    "seeded random places, unmarked.",
)
@click.option("--seed", type=int, help="Seed of the random draw, so the sample can be reproduced.")
@click.option(
    "--stratify",
    type=click.Choice(["batch", "outlet"]),
    help="Draw the sample proportionally per batch or per outlet.",
)
@click.option("--no-rest", is_flag=True, help="Assign only the reliability sample, not the other documents.")
@click.option("--batch", help="Only documents of this batch.")
@coders_option
def assign_cmd(
    project: Path,
    all_docs: bool,
    sample: str | None,
    hidden: str | None,
    seed: int | None,
    stratify: str | None,
    no_rest: bool,
    batch: str | None,
    coders: tuple[str, ...],
) -> None:
    """Assign documents to coders: all to all, or a reliability sample plus a share of the rest."""
    if sum(map(bool, (all_docs, sample, hidden))) != 1:
        raise AnnotatorError(
            "Give one of --all, --reliability-sample N (or N%) and --hidden-checks N (or N%)."
        )
    sample = sample or hidden
    with open_project(project) as p:
        chosen = find_coders(p, split_names(coders))
        batch_id = p.find_batch(batch).id if batch else None
        size, percent = (None, None) if all_docs else _sample_size(sample or "")
        draft = assignment.draft_assignment(
            p,
            [c.id for c in chosen],
            everything=all_docs,
            size=size,
            percent=percent,
            seed=seed,
            stratify=stratify,
            divide_rest=not no_rest,
            batch_id=batch_id,
            hidden=bool(hidden),
        )
        if draft.warning:
            err_console.print(f"[yellow]Note:[/yellow] {plain(draft.warning)}")
        plan = draft.plan
        assignment.apply_plan(p, plan)
    console.print(
        f"{'Hidden checks' if plan.hidden else 'Reliability sample'}: {len(plan.reliability_sample)} documents, coded by "
        f"{', '.join(plain(c.name) for c in chosen)}."
    )
    for c in chosen:
        console.print(
            f"  {plain(c.name)}: {len(plan.assigned(c.id))} documents "
            f"({len(plan.individual.get(c.id, []))} for them alone)"
        )


@click.command("assignments")
@project_argument
@click.option("--coder", help="Only this coder's documents, with titles and status.")
def assignments_cmd(project: Path, coder: str | None) -> None:
    """Show assignments and status per coder."""
    with open_project(project, readonly=True) as p:
        if coder:
            c = p.find_coder(coder)
            t = Table(
                "Document", "Title", "Status", title=f"Assigned to {plain(c.name)}", title_justify="left"
            )
            listed = {d.id: d for d in p.documents.list_documents(coder_id=c.id, assigned_only=True)}
            for doc_id in p.training.queue(c.id):  # the coder's queue order
                d = listed[doc_id]
                t.add_row(plain(d.id[:12]), plain(d.title), plain(d.status or "assigned"))
            console.print(t)
            return
        counts = p.workflow.status_counts()
        t = Table("Coder", "Assigned", "In progress", "Done")
        for c in p.coders():
            s = counts.get(c.id, {})
            t.add_row(
                plain(c.name), str(sum(s.values())), str(s.get("in_progress", 0)), str(s.get("done", 0))
            )
        console.print(t)
        console.print(f"Reliability sample: {len(assignment.reliability_sample(p))} documents.")


@click.command("package")
@project_argument
@click.option("--coder", required=True, help="The coder the package is for.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The package file to write (a project file the coder opens in Annotator).",
)
@force_option
def package_cmd(project: Path, coder: str, output: Path, force: bool) -> None:
    """Write a project file for one coder: their documents, the codebook, only their own work."""
    with open_project(project) as p:
        check_outputs(output, force=force)
        info = packages.make_package(p, coder, output, force=force)
    console.print(
        f"Package for {plain(info['coder'])}: {plain(info['path'])} ({info['documents']} documents, "
        f"{info['annotations']} of their annotations)."
    )


@click.command("merge")
@project_argument
@click.argument(
    "packages_",
    metavar="PACKAGE...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--dry-run", is_flag=True, help="Show what would change and change nothing.")
@click.option(
    "--codebook",
    "codebook_choice",
    type=click.Choice(packages.CODEBOOK_CHOICES),
    default="refuse",
    show_default=True,
    help="When a package's codebook differs: refuse, add the missing codes, or "
    "ignore annotations with unknown codes.",
)
@click.option(
    "--accept-unsigned",
    is_flag=True,
    help="Merge packages made before packages carried a token (they cannot prove whose work they hold).",
)
def merge_cmd(
    project: Path, packages_: tuple[Path, ...], dry_run: bool, codebook_choice: str, accept_unsigned: bool
) -> None:
    """Bring coders' packages back: annotations, article-level codes and statuses."""
    with open_project(project) as p:
        t = Table(
            "Package",
            "Coder",
            "Added",
            "Updated",
            "Deleted",
            "Unchanged",
            "Article codes",
            "Statuses",
            title="Merge (dry run: nothing changed)" if dry_run else "Merge",
            title_justify="left",
        )
        reports = []
        for pkg in packages_:
            r = packages.merge_package(
                p, pkg, dry_run=dry_run, codebook=codebook_choice, accept_unsigned=accept_unsigned
            )
            reports.append(r)
            t.add_row(
                plain(pkg.name),
                plain(r.coder),
                str(r.added),
                str(r.updated),
                str(r.deleted),
                str(r.unchanged),
                str(r.document_codes_changed),
                str(r.statuses_changed),
            )
    console.print(t)
    for r in reports:
        for line in merge_report_lines(r):
            if line.kind == "warning":
                console.print(f"[yellow]Warning:[/yellow] {plain(line.text)}", soft_wrap=True)
            else:
                console.print(f"  {plain(line.text)}", soft_wrap=True)


@click.command("compare")
@project_argument
@click.argument("document")
@coders_option
def compare_cmd(project: Path, document: str, coders: tuple[str, ...]) -> None:
    """Show where coders disagree in one document (by id, title or part of the title)."""
    with open_project(project, readonly=True) as p:
        doc = find_document(p, document)
        chosen = find_coders(p, split_names(coders))
        names = {c.id: c.name for c in chosen}
        codebook = p.codes.codebook()
        found = adjudication.disagreements(p, doc.id, [c.id for c in chosen])
        figures = adjudication.document_figures(p, doc.id, [c.id for c in chosen])
    console.print(
        f"[bold]{plain(doc.title or doc.id)}[/bold]  ({', '.join(plain(n) for n in names.values())})"
    )
    for a, b, f1, exact in figures.pairs:
        console.print(
            f"  {plain(names.get(a, a))} vs {plain(names.get(b, b))}: F1 overlap "
            f"{'-' if f1 is None else f'{f1:.2f}'}, exact {'-' if exact is None else f'{exact:.2f}'}"
        )
    if not found:
        console.print("No disagreements: every span is shared by all coders.")
        return
    for i, d in enumerate(found, 1):
        console.print(
            f"\n[bold]{i}.[/bold] {plain(d.describe(codebook, names))}  [dim][{d.start}, {d.end})[/dim]"
        )
        for coder_id in d.coders_with:
            for a in d.by_coder(coder_id):
                line = Text(f"   {visible(names.get(coder_id, coder_id)):>10}  ")
                line.append_text(
                    colored(
                        codebook.path(a.code_id, " › ") if a.code_id in codebook else a.code_id,
                        codebook[a.code_id].color if a.code_id in codebook else "",
                    )
                )
                line.append(f"  “{visible(doc.text[a.start : a.end], keep_lines=True)}”")
                console.print(line)
        for coder_id in d.coders_without:
            console.print(
                f"   {plain(f'{visible(names.get(coder_id, coder_id)):>10}')}  [dim](nothing here)[/dim]"
            )


@click.command("adjudicate")
@project_argument
@click.option(
    "--accept-agreed",
    is_flag=True,
    required=True,
    help="Accept as gold every span on which all chosen coders agree (same code, same boundaries).",
)
@click.option(
    "--adjudicator",
    default="Gold standard",
    show_default=True,
    help="The adjudicator whose annotations form the gold standard (created if missing).",
)
@coders_option
@click.option("--batch", help="Only documents of this batch.")
def adjudicate_cmd(
    project: Path, accept_agreed: bool, adjudicator: str, coders: tuple[str, ...], batch: str | None
) -> None:
    """Build the gold standard in bulk (the rest is done in the compare view of the GUI)."""
    with open_project(project) as p:
        judge = p.coder_by_name(adjudicator) or adjudication.ensure_adjudicator(p, adjudicator)
        chosen = [c for c in find_coders(p, split_names(coders)) if c.id != judge.id]
        docs = p.documents.document_ids(batch_id=p.find_batch(batch).id) if batch else None
        idle = set(adjudication.coders_without_spans(p, [c.id for c in chosen], docs))
        idle_names = ", ".join(plain(c.name) for c in chosen if c.id in idle)
        if idle and coders:
            raise AnnotatorError(
                f"{idle_names} coded no span here, so no span can be agreed by all; leave them out of --coders."
            )
        if idle:
            # by default every coder is compared; one who has not started would veto every span
            left = "was" if len(idle) == 1 else "were"
            err_console.print(f"[yellow]Note:[/yellow] {idle_names} coded no span here and {left} left out.")
            chosen = [c for c in chosen if c.id not in idle]
        added = adjudication.accept_agreed(p, judge.id, [c.id for c in chosen], docs)
    console.print(f"{added} agreed spans accepted into the gold standard of {plain(judge.name)}.")
    if not added:
        console.print(
            f"No span not yet in the gold standard was marked with the same code and boundaries by all of "
            f"{', '.join(plain(c.name) for c in chosen)}."
        )


def register(cli: click.Group) -> None:
    for cmd in (assign_cmd, assignments_cmd, package_cmd, merge_cmd, compare_cmd, adjudicate_cmd):
        cli.add_command(cmd)
