"""``agreement diagnose``: which coder or category causes the disagreement;
``agreement plan``: how large the reliability sample must be."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from annotator.agreement.diagnostics import VariableDiagnostics
from annotator.agreement.drift import PERIODS
from annotator.agreement.reliability_data import SEGMENT_UNITS
from annotator.agreement.sample_plan import SamplePlan, required_table
from annotator.agreement.sample_size import LIFT_METHOD, required_units
from annotator.cli.agreement_cmds import agreement_group
from annotator.cli.common import (
    check_outputs,
    console,
    force_option,
    open_project,
    plain,
    run_task,
    split_names,
    writing_output,
)
from annotator.cli.tables import Table, grouped_notes, percent
from annotator.core.errors import AnnotatorError
from annotator.core.output_files import write_text
from annotator.reporting.diagnostics_files import diagnostic_rows, to_csv_text, to_json_text
from annotator.services.agreement import AGREEMENT_DEFAULTS
from annotator.services.diagnostics import coder_diagnostics, sample_plan

FORMATS = ("table", "json", "csv")
UNIT_CHOICE = click.Choice(["document", *SEGMENT_UNITS])


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.3f}"


def _emit(
    data: dict[str, Any], rows: list[dict[str, Any]], fmt: str, output: Path | None, force: bool
) -> bool:
    """JSON or CSV of ``data``/``rows`` to ``output`` or stdout; False for the table format."""
    if fmt == "table" and output is None:
        return False
    if fmt == "table":
        fmt = "json" if output is not None and output.suffix.lower() == ".json" else "csv"
    text = to_json_text(data) if fmt == "json" else to_csv_text(rows)
    if output is None:
        click.echo(text, nl=False)
        return True
    with writing_output(output, force=force):
        write_text(output, text)
    console.print(f"Wrote {plain(output)}.")
    return True


# --- diagnose ---------------------------------------------------------------------------


def _print_variable(v: VariableDiagnostics) -> None:
    console.rule(f"{plain(v.name)}  α = {_num(v.alpha)} ({v.pairable_units} pairable units)")
    pairs = Table(
        "Coder", "With", title="Coder pairs" + (" and gold" if v.gold else ""), title_justify="left"
    )
    for name in ("Units", "% agr.", "alpha"):
        pairs.add_column(name, justify="right", no_wrap=True)
    for p in [*v.pairs, *v.gold]:
        pairs.add_row(plain(p.first), plain(p.second), str(p.units), percent(p.agreement), _num(p.alpha))
    console.print(pairs)
    _print_confusions(v)
    if v.leave_one_out:
        loo = Table(
            "Left out",
            title="Alpha without each coder (above 0: that coder lowers alpha)",
            title_justify="left",
        )
        loo.add_column("alpha", justify="right", no_wrap=True)
        loo.add_column("change", justify="right", no_wrap=True)
        for e in sorted(v.leave_one_out, key=lambda e: -(e.change or 0)):
            loo.add_row(plain(e.coder), _num(e.alpha_without), _signed(e.change))
        console.print(loo)
    usage = Table(
        "Coder",
        "Category",
        title="Use of each category: the coder vs. the others on the same units",
        title_justify="left",
    )
    for name in ("Coder", "Others", "Diff."):
        usage.add_column(name, justify="right", no_wrap=True)
    for u in v.usage:
        if not u.rate and not u.others_rate:
            continue  # a category nobody used on these units says nothing about this coder
        diff = None if u.rate is None or u.others_rate is None else (u.rate - u.others_rate) * 100
        usage.add_row(
            plain(u.coder),
            plain(u.category),
            percent(u.rate),
            percent(u.others_rate),
            "–" if diff is None else f"{diff:+.1f}",
        )
    console.print(usage)
    if v.drift:
        against = v.drift[0].against
        drift = Table(
            "Coder", "Period", title=f"Drift: agreement with {plain(against)} over time", title_justify="left"
        )
        for name in ("Units", "Pairs", "% agr."):
            drift.add_column(name, justify="right", no_wrap=True)
        for d in v.drift:
            drift.add_row(plain(d.coder), plain(d.period), str(d.units), str(d.pairs), percent(d.agreement))
        console.print(drift)
    if v.documents:
        docs = Table("Article", title="Articles with the most disagreement", title_justify="left")
        for name in ("Units", "Differ", "% agr."):
            docs.add_column(name, justify="right", no_wrap=True)
        for doc in v.documents:
            docs.add_row(
                plain(doc.title or doc.document_id),
                str(doc.pairable_units),
                str(doc.disagreeing_units),
                percent(doc.agreement),
            )
        console.print(docs)
    for line in grouped_notes((v.name, r) for r in v.reasons.values()):
        console.print(f"[dim]{plain(line)}[/dim]")


def _print_confusions(v: VariableDiagnostics, shown: int = 12) -> None:
    """The off-diagonal cells of the confusion matrices, most frequent first
    (a full matrix of ten categories does not fit a terminal; JSON and CSV hold them)."""
    cells = [
        (n, p.first, v.categories[r], p.second, v.categories[c])
        for p in [*v.pairs, *v.gold]
        for r, row in enumerate(p.matrix)
        for c, n in enumerate(row)
        if r != c and n
    ]
    if not cells:
        return
    cells.sort(key=lambda cell: -cell[0])
    t = Table(
        "Coder", "gave", "Other", "gave", title="Where they part ways (confusions)", title_justify="left"
    )
    t.add_column("Units", justify="right", no_wrap=True)
    for n, first, value, second, other_value in cells[:shown]:
        t.add_row(plain(first), plain(value), plain(second), plain(other_value), str(n))
    console.print(t)
    if len(cells) > shown:
        console.print(
            f"[dim]{len(cells) - shown} more kinds of confusion; --format json or csv lists every matrix.[/dim]"
        )


@click.command("diagnose")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path), metavar="PROJECT")
@click.option(
    "--unit",
    type=UNIT_CHOICE,
    default=AGREEMENT_DEFAULTS.unit,
    show_default=True,
    help="Unit of analysis: whole articles, paragraphs, sentences or tokens.",
)
@click.option(
    "--codes",
    multiple=True,
    metavar="PATHS",
    help="Codes or exclusive groups to diagnose, by path or id, comma-separated or repeated "
    "(default: every one).",
)
@click.option("--coders", multiple=True, metavar="NAMES", help="Coders by name (default: every coder).")
@click.option(
    "--gold",
    metavar="NAME",
    help="The adjudicator each coder is compared with (default: the project's adjudicator, if one has coded).",
)
@click.option("--batch", help="Only documents of this batch.")
@click.option(
    "--drift-by",
    type=click.Choice(PERIODS),
    default="week",
    show_default=True,
    help="Drift per calendar week of coding, or per block of articles in the order each coder coded them.",
)
@click.option(
    "--block",
    type=click.IntRange(1, 10_000),
    default=10,
    show_default=True,
    help="Articles per block for --drift-by order.",
)
@click.option(
    "--top",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="How many articles with the most disagreement to list per variable.",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@force_option
def diagnose_cmd(
    project: Path,
    unit: str,
    codes: tuple[str, ...],
    coders: tuple[str, ...],
    gold: str | None,
    batch: str | None,
    drift_by: str,
    block: int,
    top: int,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Per-coder diagnostics: confusion matrices per coder pair and against gold, alpha without each coder,
    each coder's use of each category, drift over time, and the articles with most disagreement."""
    with open_project(project, readonly=True) as p:
        check_outputs(output, force=force)  # refused before the work, not after it
        diag = coder_diagnostics(
            p,
            unit=unit,
            coders=split_names(coders),
            gold=gold,
            codes=split_names(codes),
            batch=batch,
            by=drift_by,
            block=block,
            top=top,
        )
    if _emit(diag.to_dict(), diagnostic_rows(diag), fmt, output, force):
        return
    gold_name = diag.parameters.get("gold")
    console.print(
        f"Diagnostics at the {plain(unit)} unit of {', '.join(plain(c) for c in diag.parameters['coders'])}"
        + (
            f", against gold {plain(gold_name)}"
            if gold_name
            else " (no gold: the project has no adjudicator codings)"
        )
        + "."
    )
    for v in diag.variables:
        _print_variable(v)
    for note in diag.notes:
        console.print(f"[dim]{plain(note)}[/dim]")


# --- plan ---------------------------------------------------------------------------------


def _plan_rows(plan: SamplePlan) -> list[dict[str, Any]]:
    return [asdict(v) for v in plan.variables]


def _print_plan(plan: SamplePlan) -> None:
    threshold = plan.parameters["alpha_min"]
    t = Table(
        "Variable",
        title=f"Sample plan for alpha ≥ {threshold:g} (p = {plan.parameters['significance']:g})",
        title_justify="left",
    )
    for name in ("Units", "alpha", "CI low", "P_c", "Needed", "More articles"):
        t.add_column(name, justify="right", no_wrap=True)
    for v in plan.variables:
        t.add_row(
            plain(v.name),
            str(v.units),
            _num(v.alpha),
            _num(v.ci_low),
            _num(v.smallest_share, 2),
            "–" if v.required_units is None else str(v.required_units),
            "–" if v.more_articles is None else str(v.more_articles),
        )
    console.print(t)
    for v in plan.variables:
        if v.more_articles:
            console.print(
                f"Code {v.more_articles} more articles to lift the lower bound for {plain(v.name)} above {threshold:g}."
            )
    reasons = [(v.name, v.reason) for v in plan.variables if v.reason]
    for line in grouped_notes(reasons):
        console.print(f"[dim]{plain(line)}[/dim]")
    console.print(
        "[dim]Needed: units for the planned alpha (Krippendorff 2019, two coders; P_c observed unless "
        f"--smallest-share is given). More articles: {plain(LIFT_METHOD)}.[/dim]"
    )


@click.command("plan")
@click.argument(
    "project", required=False, type=click.Path(dir_okay=False, path_type=Path), metavar="[PROJECT]"
)
@click.option(
    "--alpha-min",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.667,
    show_default=True,
    help="The smallest acceptable alpha (e.g. 0.667 or 0.8).",
)
@click.option(
    "--significance",
    type=click.FloatRange(0, 0.5, min_open=True, max_open=True),
    default=0.05,
    show_default=True,
    help="Significance level (one-tailed) of the planned alpha.",
)
@click.option(
    "--smallest-share",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    help="Expected share of the least frequent category (e.g. 0.25; default with a project: observed).",
)
@click.option(
    "--categories",
    type=click.IntRange(2, 1000),
    help="Number of equally frequent categories, instead of --smallest-share (4 means 0.25).",
)
@click.option(
    "--unit", type=UNIT_CHOICE, default=AGREEMENT_DEFAULTS.unit, show_default=True, help="Unit of analysis."
)
@click.option(
    "--codes",
    multiple=True,
    metavar="PATHS",
    help="Codes or exclusive groups to plan for (default: every one).",
)
@click.option("--coders", multiple=True, metavar="NAMES", help="Coders by name (default: every coder).")
@click.option("--batch", help="Only documents of this batch.")
@click.option(
    "--bootstrap",
    type=click.IntRange(1, 100_000),
    default=AGREEMENT_DEFAULTS.bootstrap,
    show_default=True,
    help="Bootstrap resamples for the interval the plan extrapolates.",
)
@click.option(
    "--seed",
    type=int,
    default=AGREEMENT_DEFAULTS.seed,
    show_default=True,
    help="Seed of the bootstrap (the dashboard's default), so the plan can be reproduced.",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@force_option
def plan_cmd(
    project: Path | None,
    alpha_min: float,
    significance: float,
    smallest_share: float | None,
    categories: int | None,
    unit: str,
    codes: tuple[str, ...],
    coders: tuple[str, ...],
    batch: str | None,
    bootstrap: int,
    seed: int | None,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """How many units a reliability sample needs for a planned alpha (before coding, without PROJECT),
    and with PROJECT how many more articles would lift each variable's lower bound above it."""
    if smallest_share is not None and categories is not None:
        raise AnnotatorError("Give either --smallest-share or --categories, not both.")
    share = 1.0 / categories if categories is not None else smallest_share
    if project is None:
        _plan_without_project(alpha_min, significance, share, fmt, output, force)
        return
    with open_project(project, readonly=True) as p:
        check_outputs(output, force=force)  # refused before the work, not after it
        plan = run_task(
            "Planning the sample",
            sample_plan,
            p,
            alpha_min=alpha_min,
            significance=significance,
            smallest_share=share,
            unit=unit,
            coders=split_names(coders),
            codes=split_names(codes),
            batch=batch,
            bootstrap=bootstrap,
            seed=seed,
        )
    if not _emit(asdict(plan), _plan_rows(plan), fmt, output, force):
        _print_plan(plan)


def _plan_without_project(
    alpha_min: float, significance: float, share: float | None, fmt: str, output: Path | None, force: bool
) -> None:
    if share is None:
        raise AnnotatorError(
            "Without a project, give the expected share of the least frequent category "
            "with --smallest-share (or --categories)."
        )
    check_outputs(output, force=force)
    units = required_units(alpha_min, significance, share)
    table = required_table((0.667, 0.8, 0.9), (0.1, 0.05, 0.01, 0.005), (share,))
    data = {"alpha_min": alpha_min, "significance": significance, "smallest_share": share, "units": units}
    rows = [{"alpha_min": a, "significance": p, "smallest_share": s, "units": n} for a, p, s, n in table]
    if _emit({**data, "table": rows}, rows, fmt, output, force):
        return
    console.print(
        f"At least {units} units (two coders) for alpha ≥ {alpha_min:g} at p = {significance:g} "
        f"when the least frequent category has a share of {share:g}."
    )
    t = Table("alpha_min", title=f"Required units when P_c = {share:g}", title_justify="left")
    sig = (0.1, 0.05, 0.01, 0.005)
    for p in sig:
        t.add_column(f"p = {p:g}", justify="right", no_wrap=True)
    for a in (0.667, 0.8, 0.9):
        t.add_row(f"{a:g}", *(str(n) for aa, _, _, n in table if aa == a))
    console.print(t)
    console.print(
        "[dim]Krippendorff (2019), table of minimum sample sizes (after Bloch & Kraemer 1989, eq. 3.7); "
        "more coders per unit only add pairable values.[/dim]"
    )


def register(cli: click.Group) -> None:
    # subcommands of `annotator agreement`, which agreement_cmds puts on ``cli``
    agreement_group.add_command(diagnose_cmd)
    agreement_group.add_command(plan_cmd)
