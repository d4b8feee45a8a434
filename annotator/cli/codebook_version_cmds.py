"""``codebook diff``, ``codebook merge``, ``codebook split`` and ``codebook
migrate``: codebook versions, the operations between them, and the replay of
older codings (issue 18, item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.common import console, open_project, plain, project_argument
from annotator.cli.project_cmds import codebook_group
from annotator.cli.tables import Table
from annotator.core.codebook import Code, Codebook
from annotator.core.errors import CodebookError
from annotator.services.codebook import CodebookService
from annotator.services.codebook_migration import MigrationPlan, migrate, read_mapping
from annotator.services.codebook_operations import merge, split
from annotator.services.codebook_versions import codebook_diff, diff_markdown
from annotator.store.coding_versions import StampedCoding

DIFF_FORMATS = ("table", "markdown", "json")


@codebook_group.command("diff")
@project_argument
@click.option(
    "--from", "from_version", type=int, default=1, show_default=True, help="The earlier codebook version."
)
@click.option("--to", "to_version", type=int, help="The later codebook version (default: the current one).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIFF_FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
def codebook_diff_cmd(project: Path, from_version: int, to_version: int | None, fmt: str) -> None:
    """List the codebook changes (renames, moves, merges, splits, archivings) between two versions."""
    with open_project(project, readonly=True) as p:
        last = p.codes.codebook_version() if to_version is None else to_version
        changes = codebook_diff(p, from_version, last)
    if fmt == "json":
        data = {"from": from_version, "to": last, "changes": [c.as_json() for c in changes]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    if fmt == "markdown":
        click.echo(diff_markdown(changes, from_version, last), nl=False)
        return
    table = Table(
        "Version",
        "Date",
        "Change",
        "Code",
        title=f"Codebook version {from_version} to {last}",
        title_justify="left",
    )
    for c in changes:
        table.add_row(str(c.version), c.at[:10], plain(c.description), plain(c.code_path))
    console.print(table)
    if not changes:
        console.print("No change between these versions.")


def _find(codebook: Codebook, ref: str) -> Code:
    code = codebook.get(ref) or codebook.by_path(ref)
    if code is None:
        raise CodebookError(
            f"There is no code {ref!r} (give its path, e.g. 'Source type/Official', or its id)."
        )
    return code


@codebook_group.command("merge")
@project_argument
@click.option(
    "--code", "codes", multiple=True, required=True, metavar="PATH", help="A code to merge (repeatable)."
)
@click.option(
    "--into",
    "into",
    required=True,
    metavar="PATH|NAME",
    help="The code they become: an existing path or a new name.",
)
def codebook_merge_cmd(project: Path, codes: tuple[str, ...], into: str) -> None:
    """Merge codes into one; the merged codes are archived and the change is recorded for `codebook migrate`."""
    with open_project(project) as p:
        cb = p.codes.codebook()
        sources = [_find(cb, ref) for ref in codes]
        edit = merge(CodebookService(p), [c.id for c in sources], into)
        target = edit.targets[0]
        version = p.codes.codebook_version()
    console.print(
        f"Merged {len(sources)} codes into {plain(target.name)}; the codebook is now version {version}."
    )


@codebook_group.command("split")
@project_argument
@click.argument("code", metavar="PATH")
@click.option(
    "--into",
    "into",
    multiple=True,
    required=True,
    metavar="PATH|NAME",
    help="A code it splits into (repeat: two or more).",
)
def codebook_split_cmd(project: Path, code: str, into: tuple[str, ...]) -> None:
    """Split a code into two or more; which one an older coding becomes is decided at `codebook migrate`."""
    with open_project(project) as p:
        cb = p.codes.codebook()
        source = _find(cb, code)
        targets = split(CodebookService(p), source.id, list(into)).targets
        version = p.codes.codebook_version()
    names = ", ".join(plain(t.name) for t in targets)
    console.print(f"Split {plain(source.name)} into {names}; the codebook is now version {version}.")


def _where(coding: StampedCoding) -> str:
    if coding.kind == "span":
        return f"{coding.document_id[:12]} {coding.start}-{coding.end}"
    return f"{coding.document_id[:12]} (article)"


def _print_plan(plan: MigrationPlan, codebook: Codebook, coders: dict[str, str]) -> None:
    if plan.remaps:
        table = Table(
            "Coding", "Coder", "Where", "From", "To", title="Codings given a new code", title_justify="left"
        )
        for r in plan.remaps:
            c = r.coding
            table.add_row(
                plain(c.key), plain(coders.get(c.coder_id, c.coder_id)), plain(_where(c)),
                plain(codebook.path(c.code_id)), plain(codebook.path(r.code_id)),
            )  # fmt: skip
        console.print(table)
    if plan.undecided:
        table = Table(
            "Coding", "Coder", "Where", "Split code", "Becomes one of", title="Codings that need a decision",
            title_justify="left",
        )  # fmt: skip
        for d in plan.undecided:
            c = d.coding
            table.add_row(
                plain(c.key), plain(coders.get(c.coder_id, c.coder_id)), plain(_where(c)),
                plain(codebook.path(d.from_code)), plain(", ".join(codebook.path(t) for t in d.choices)),
            )  # fmt: skip
        console.print(table)


@codebook_group.command("migrate")
@project_argument
@click.option(
    "--to",
    "to_version",
    type=int,
    help="The codebook version to bring older codings to (default: the current one).",
)
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A YAML file with the lead's choice for each coding of a split code (see the user guide).",
)
@click.option("--dry-run", is_flag=True, help="Only list what would change and what needs a decision.")
def codebook_migrate_cmd(project: Path, to_version: int | None, mapping: Path | None, dry_run: bool) -> None:
    """Replay recorded merges and splits on codings made under an older codebook version."""
    with open_project(project, readonly=dry_run) as p:
        target = p.codes.codebook_version() if to_version is None else to_version
        codebook = p.codes.codebook()
        choices = read_mapping(mapping, codebook) if mapping is not None else None
        plan = migrate(p, target, choices, dry_run=True)
        _print_plan(plan, codebook, {c.id: c.name for c in p.coders()})
        if not dry_run:
            plan = migrate(p, target, choices)
    counts = f"{len(plan.remaps)} codings given a new code, {plan.restamped} kept their code"
    if plan.overlaps:
        console.print(
            f"{len(plan.overlaps)} span{'s' if len(plan.overlaps) != 1 else ''} given a new code "
            f"overlap{'s' if len(plan.overlaps) == 1 else ''} a span of the same coder with that code; "
            "both are kept as they are ("
            + ", ".join(plain(f"{a} and {b}") for a, b in plan.overlaps[:5])
            + ")."
        )
    if dry_run:
        waiting = f"; {len(plan.undecided)} need a decision" if plan.undecided else ""
        console.print(f"Dry run to version {target}: {counts}{waiting}; nothing was changed.")
    else:
        console.print(f"Codings brought to codebook version {target}: {counts}.")


def register(cli: click.Group) -> None:
    """The commands are subcommands of ``annotator codebook``, which project_cmds registers."""
