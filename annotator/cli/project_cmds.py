"""``init``, ``info``, ``codebook`` and ``coders``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text
from rich.tree import Tree

from annotator.cli.common import (
    console,
    force_option,
    open_project,
    plain,
    project_argument,
    swatch,
    writing_output,
)
from annotator.cli.tables import Table
from annotator.core.display_text import visible
from annotator.exchange.codebook_yaml import dump_codebook, write_codebook
from annotator.services import projects


@click.command("init")
@project_argument
@click.option("--name", help="A name for the project (default: the file name).")
@click.option(
    "--codebook",
    "codebook",
    metavar="NAME|FILE",
    help="A built-in codebook (e.g. syria_2015, news_frames) or a YAML file to start with.",
)
@click.option("--coder", "coders", multiple=True, metavar="NAME", help="Add a coder (repeatable).")
def init_cmd(project: Path, name: str | None, codebook: str | None, coders: tuple[str, ...]) -> None:
    """Create a new, empty project file."""
    p = projects.init_project(project, name=name, codebook=codebook, coders=list(coders))
    with p:
        n = len(p.codes.codebook())
    console.print(f"Created {plain(project)} ({n} codes, {len(coders)} coders).")


@click.command("info")
@project_argument
def info_cmd(project: Path) -> None:
    """Show documents per batch, annotations per coder and coding status."""
    with open_project(project, readonly=False) as p:
        info = projects.project_info(p)
    console.print(f"[bold]{plain(info.name)}[/bold]  {plain(info.path)}  (schema {info.schema_version})")
    console.print(
        f"Codebook: {plain(info.codebook_name or '(unnamed)')} version {plain(info.codebook_version)}, "
        f"{info.codes} codes"
    )
    console.print(
        f"Documents: {info.documents} ({info.segmented} segmented"
        f"{', pipeline ' + plain(info.nlp_pipeline) if info.nlp_pipeline else ''})"
    )
    if info.batches:
        t = Table("Batch", "Documents", title="Batches", title_justify="left")
        for name, n in info.batches:
            t.add_row(plain(name), str(n))
        console.print(t)
    if info.coders:
        t = Table(
            "Coder",
            "Role",
            "Annotations",
            "Assigned",
            "In progress",
            "Done",
            title="Coders",
            title_justify="left",
        )
        for name, role, n in info.coders:
            s = info.status.get(name, {})
            total = sum(s.values())
            t.add_row(
                plain(name),
                plain(role),
                str(n),
                str(total),
                str(s.get("in_progress", 0)),
                str(s.get("done", 0)),
            )
        console.print(t)


@click.group("codebook")
def codebook_group() -> None:
    """Show, import and export the project's codebook (YAML)."""


@codebook_group.command("import")
@project_argument
@click.argument("source", metavar="NAME|FILE")
def codebook_import(project: Path, source: str) -> None:
    """Add the codes of a built-in codebook or a YAML file (codes with the same id are updated)."""
    codebook = projects.load_codebook(source)
    with open_project(project) as p:
        counts = p.codes.import_codebook(codebook)
    console.print(
        f"Codebook {plain(codebook.name or source)}: {counts['added']} codes added, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged."
    )


@codebook_group.command("export")
@project_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The YAML file to write (default: print to the terminal).",
)
@force_option
def codebook_export(project: Path, output: Path | None, force: bool) -> None:
    """Write the project's codebook as YAML."""
    with open_project(project, readonly=True) as p:
        codebook = p.codes.codebook()
        if output is None:
            click.echo(dump_codebook(codebook), nl=False)
            return
        with writing_output(output, force=force):
            write_codebook(codebook, output)
    console.print(f"Wrote {len(codebook)} codes to {plain(output)}.")


@codebook_group.command("show")
@project_argument
@click.option("--descriptions/--no-descriptions", default=False, help="Show each code's coding instructions.")
def codebook_show(project: Path, descriptions: bool) -> None:
    """Show the code tree with shortcuts, scopes and exclusive groups."""
    with open_project(project, readonly=True) as p:
        codebook = p.codes.codebook()
        usage = p.codes.code_usage()
    root = Tree(f"[bold]{plain(codebook.name or 'Codebook')}[/bold] (version {plain(codebook.version)})")
    nodes: dict[str | None, Tree] = {None: root}
    for _, code in codebook.walk():
        # a Text, not markup: names, shortcuts and descriptions come from imported files
        label = Text.assemble(swatch(code.color), " ", visible(code.name))
        if code.shortcut:
            label.append("  key ", style="dim").append(visible(code.shortcut), style="bold")
        if code.scope == "document":
            label.append("  (article level)", style="dim")
        if code.exclusive:
            label.append("  (exclusive)", style="dim")
        if code.archived:
            label.append("  (archived)", style="dim")
        if usage.get(code.id):
            label.append(f"  {usage[code.id]} spans", style="dim")
        if descriptions and code.description:
            label.append("\n" + visible(code.description, keep_lines=True), style="dim")
        nodes[code.id] = nodes.get(code.parent_id, root).add(label)
    console.print(root)


@codebook_group.command("list-builtin")
def codebook_builtin() -> None:
    """List the codebooks shipped with Annotator."""
    for name in projects.builtin_codebooks():
        console.print(name)


@click.group("coders")
def coders_group() -> None:
    """Add, list and rename coders, and set their colour and role."""


@coders_group.command("add")
@project_argument
@click.argument("name")
@click.option("--color", help="Colour as #rrggbb (default: the next free colour).")
@click.option(
    "--role",
    type=click.Choice(["coder", "adjudicator"]),
    default="coder",
    show_default=True,
    help="An adjudicator builds the gold standard.",
)
def coders_add(project: Path, name: str, color: str | None, role: str) -> None:
    """Add a coder."""
    with open_project(project) as p:
        coder = projects.add_coder(p, name, color=color, role=role)
    console.print(f"Added {plain(coder.role)} {plain(coder.name)} ({plain(coder.color)}).")


@coders_group.command("list")
@project_argument
def coders_list(project: Path) -> None:
    """List the coders with their role, colour and number of annotations."""
    with open_project(project, readonly=True) as p:
        counts = p.annotations.count_annotations()
        t = Table("Name", "Role", "Colour", "Annotations", "Id")
        for c in p.coders():
            t.add_row(
                plain(c.name),
                plain(c.role),
                Text.assemble(swatch(c.color), " ", visible(c.color)),
                str(counts.get(c.id, 0)),
                plain(c.id),
            )
    console.print(t)


@coders_group.command("rename")
@project_argument
@click.argument("old")
@click.argument("new")
def coders_rename(project: Path, old: str, new: str) -> None:
    """Rename a coder (their annotations stay theirs: coders are kept by id)."""
    with open_project(project) as p:
        projects.update_coder(p, old, new_name=new)
    console.print(f"Renamed {plain(old)} to {plain(new)}.")


@coders_group.command("set")
@project_argument
@click.argument("name")
@click.option("--color", help="New colour as #rrggbb.")
@click.option("--role", type=click.Choice(["coder", "adjudicator"]), help="New role.")
def coders_set(project: Path, name: str, color: str | None, role: str | None) -> None:
    """Change a coder's colour or role."""
    with open_project(project) as p:
        coder = projects.update_coder(p, name, color=color, role=role)
    console.print(f"{plain(coder.name)}: {plain(coder.role)}, {plain(coder.color)}.")


def register(cli: click.Group) -> None:
    for cmd in (init_cmd, info_cmd, codebook_group, coders_group):
        cli.add_command(cmd)
