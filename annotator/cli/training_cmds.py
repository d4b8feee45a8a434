"""``training create|list|status|scores``: training and certification rounds
against the gold standard."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.agreement.certification import CoderScore
from annotator.cli.common import console, open_project, plain, project_argument, split_names, table_or_json
from annotator.cli.errors import FriendlyGroup
from annotator.cli.tables import Table, percent
from annotator.reporting.diagnostics_files import to_json_text
from annotator.services import training


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


@click.group("training", cls=FriendlyGroup)
def training_group() -> None:
    """Training and certification rounds: coders code gold articles and pass
    when their alpha against gold reaches the threshold on every variable."""


@training_group.command("create")
@project_argument
@click.option("--name", required=True, help="The round's name, such as R1.")
@click.option(
    "--documents",
    multiple=True,
    required=True,
    metavar="IDS",
    help="The gold articles, by id, id prefix or title; comma-separated or repeated.",
)
@click.option(
    "--threshold",
    type=float,
    default=0.667,
    show_default=True,
    help="Alpha a coder must reach on every variable.",
)
@click.option(
    "--variables", multiple=True, metavar="CODES", help="Codes or groups scored (default: every variable)."
)
@click.option("--coders", multiple=True, metavar="NAMES", help="Coders to train (default: every coder).")
@click.option("--gold", help="The coder whose codings are gold (default: the project's adjudicator).")
@click.option(
    "--unit",
    type=click.Choice(training.UNITS),
    default="document",
    show_default=True,
    help="Unit of analysis the scores are computed at.",
)
@click.option(
    "--hidden",
    is_flag=True,
    help="Slip the gold articles unmarked into each coder's queue among their other articles, as hidden checks.",
)
@click.option("--seed", type=int, help="Seed of the places --hidden gives the gold articles.")
def create_cmd(
    project: Path,
    name: str,
    documents: tuple[str, ...],
    threshold: float,
    variables: tuple[str, ...],
    coders: tuple[str, ...],
    gold: str | None,
    unit: str,
    hidden: bool,
    seed: int | None,
) -> None:
    """Mark gold articles as a training round and assign them to the coders."""
    with open_project(project) as p:
        r = training.create_round(
            p,
            name=name,
            documents=split_names(documents) or [],
            threshold=threshold,
            variables=split_names(variables),
            coders=split_names(coders),
            gold=gold,
            unit=unit,
            hidden=hidden,
            seed=seed,
        )
        names = {c.id: c.name for c in p.coders()}
    console.print(
        f"Training round {plain(r.name)}: {len(r.documents)} gold articles assigned to "
        f"{', '.join(plain(names[c]) for c in r.coders)}; pass mark alpha ≥ {r.threshold:g}."
    )


@training_group.command("list")
@project_argument
def list_cmd(project: Path) -> None:
    """List the training rounds."""
    with open_project(project, readonly=True) as p:
        names = {c.id: c.name for c in p.coders()}
        cb = p.codes.codebook()
        t = Table("Round", "Created", "Articles", "Threshold", "Unit", "Variables", "Gold", "Coders")
        for r in p.training.rounds():
            variables = ", ".join(cb.path(v) for v in r.variables if cb.get(v)) or "all"
            t.add_row(
                plain(r.name),
                r.created_at[:10],
                str(len(r.documents)),
                f"{r.threshold:g}",
                r.unit,
                plain(variables),
                plain(names.get(r.gold_coder_id, "?")),
                plain(", ".join(names.get(c, "?") for c in r.coders)),
            )
    console.print(t)


@training_group.command("status")
@project_argument
def status_cmd(project: Path) -> None:
    """Who has passed which round, from each coder's latest scoring."""
    with open_project(project, readonly=True) as p:
        rows = training.status(p)
    t = Table("Round", "Threshold", "Articles", "Gold", "Coder", "Standing")
    for r in rows:
        for coder, standing in r.coders.items():
            t.add_row(
                plain(r.name), f"{r.threshold:g}", str(r.documents), plain(r.gold), plain(coder), standing
            )
    console.print(t)


@training_group.command("scores")
@project_argument
@click.option("--round", "round_name", required=True, help="The training round.")
@click.option("--coder", help="Only this coder.")
@table_or_json("Output format.")
def scores_cmd(project: Path, round_name: str, coder: str | None, fmt: str) -> None:
    """Each coder's alpha, agreement, span F1 and confusion matrix against gold;
    the scoring is kept in the project's certification history."""
    with open_project(project) as p:
        scores = training.round_scores(p, round_name, coder=coder, record=not p.readonly)
    if fmt == "json":
        click.echo(to_json_text({"round": round_name, "coders": [s.to_dict() for s in scores]}), nl=False)
        return
    for s in scores:
        _print_score(s)


def _print_score(s: CoderScore) -> None:
    verdict = "passed" if s.passed else f"not yet (below {s.threshold:g}: {', '.join(s.failing())})"
    console.print(f"[bold]{plain(s.coder)}[/bold]: {plain(verdict)}")
    t = Table("Variable", "Alpha", "Agreement", "Span F1", "Units", "Pass")
    for v in s.variables:
        t.add_row(
            plain(v.name),
            _num(v.alpha),
            percent(v.agreement),
            _num(v.f1),
            str(v.units),
            "yes" if v.passed else "no",
        )
    console.print(t)
    if s.skipped:
        console.print(f"  Left out (no unit shared with gold): {plain(', '.join(s.skipped))}")
    for v in s.variables:
        if v.reason:
            console.print(f"  {plain(v.name)}: {plain(v.reason)}")
        m = Table(
            "coder \\ gold", *[plain(c) for c in v.categories], title=f"{plain(v.name)}: confusion with gold"
        )
        for label, row in zip(v.categories, v.matrix, strict=True):
            m.add_row(plain(label), *[str(x) for x in row])
        console.print(m)


def register(cli: click.Group) -> None:
    cli.add_command(training_group)
