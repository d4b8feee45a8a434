"""``agreement``: the report for a project, ``agreement matrix`` for any units x
coders CSV, ``agreement export-matrix`` for R, SPSS and SAS."""

from __future__ import annotations

from pathlib import Path

import click
from click_default_group import DefaultGroup

from annotator.agreement import UNITS, AgreementReport
from annotator.agreement.alt_test import EPSILON
from annotator.cli.common import (
    check_outputs,
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
from annotator.cli.tables import Table, grouped_notes, percent
from annotator.core.errors import AnnotatorError
from annotator.reporting import columns, to_rows, write_report
from annotator.services.agreement import (
    AGREEMENT_DEFAULTS,
    agreement_report,
    export_reliability_matrix,
    matrix_file_report,
)

FORMATS = ("table", "csv", "json", "xlsx", "html")


class _AgreementGroup(DefaultGroup, click.Group):
    """``annotator agreement PROJECT ...`` runs the report; ``matrix`` and
    ``export-matrix`` are subcommands."""


@click.group("agreement", cls=_AgreementGroup, default="report", default_if_no_args=False)
def agreement_group() -> None:
    """Inter-coder agreement: `annotator agreement PROJECT [options]` (the report),
    `annotator agreement matrix FILE.csv`, `annotator agreement export-matrix PROJECT`."""


def _fmt(value: object) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def report_heading(params: dict) -> str:
    """The figures' settings, so a table pasted into a paper says how it was made."""
    text = f"Agreement at the {params['unit']} unit" if params.get("unit") else "Agreement"
    if params.get("bootstrap"):
        level = f"{params.get('confidence', 0.95):.0%}"
        text += f", {level} intervals from {params['bootstrap']:,} bootstrap resamples (seed {params.get('seed')})"
    else:
        text += ", no bootstrap interval"
    return text


def _ci(row: dict) -> str:
    lo, hi = row.get("CI low"), row.get("CI high")
    if lo is None or hi is None or lo == "" or hi == "":
        return "–"
    return f"{lo:.2f}–{hi:.2f}"


def _print_table(report: AgreementReport) -> None:
    cols = columns(report)
    t = Table(title=report_heading(report.parameters), title_justify="left")
    t.add_column("Variable", ratio=3, min_width=20)
    for name, width in (("", 1), ("Units", 5), ("% agr.", 6), ("alpha", 6), ("95% CI", 9)):
        t.add_column(name, justify="right", no_wrap=True, min_width=width)
    extra = [c for c in ("Cohen's kappa", "F1 (overlap)") if c in cols]
    for name in extra:
        t.add_column(
            {"Cohen's kappa": "kappa", "F1 (overlap)": "F1"}[name], justify="right", no_wrap=True, min_width=6
        )
    rows = to_rows(report)
    for row in rows:
        t.add_row(
            plain(row["Variable"]),
            plain(row.get("Coefficient", "")),
            _fmt(row.get("Units")),
            percent(row.get("Agreement")),
            _fmt(row.get("Alpha")),
            _ci(row),
            *(_fmt(row.get(c)) for c in extra),
        )
    console.print(t)
    coverage = [c for c in cols if c.startswith("Coverage ")]
    if coverage:
        cov = Table(
            "Variable",
            *(plain(c.removeprefix("Coverage ")) for c in coverage),
            title="Coverage: % of units each coder marked",
            title_justify="left",
        )
        for row in rows:
            cov.add_row(plain(row["Variable"]), *(percent(row.get(c)) for c in coverage))
        console.print(cov)
    _print_models(report)
    for note in report.notes:
        if note != report.parameters.get("codebook_version_warning"):  # printed as a warning instead
            console.print(f"[dim]{plain(note)}[/dim]")
    reasons = [(v.name, r) for v in report.variables for r in v.reasons.values()]
    for line in grouped_notes(reasons):
        console.print(f"[dim]{plain(line)}[/dim]")


def _alpha_ci(alpha: float | None, low: float | None, high: float | None) -> str:
    return _fmt(alpha) + ("" if low is None or high is None else f" [{low:.2f}–{high:.2f}]")


def _print_models(report: AgreementReport) -> None:
    """Per model coder: the humans' alpha without and with it, its alpha against
    them, and whether it could replace a human (the alternative annotator test)."""
    for model in report.parameters.get("model_coders", []):
        eps = report.parameters.get("alt_test_epsilon")
        t = Table(
            "Variable",
            "humans only",
            "with model",
            "model vs humans",
            "win rate",
            "adv. prob.",
            "replace a human?",
            title=f"Model coder {plain(model)}: alpha [95% CI]; alternative annotator test, epsilon {eps}",
            title_justify="left",
        )
        cautions: list[tuple[str, str]] = []
        for v in report.variables:
            for m in v.models:
                if m.model != model:
                    continue
                aat = m.alt_test
                verdict = {True: "yes (passed)", False: "no (failed)", None: "not run"}[aat.get("passed")]
                if aat.get("caution"):
                    verdict = "yes (passed; alpha at chance)"
                    cautions.append((v.name, aat["caution"]))
                t.add_row(
                    plain(v.name),
                    _alpha_ci(m.humans_alpha, m.humans_low, m.humans_high),
                    _alpha_ci(m.with_model_alpha, m.with_model_low, m.with_model_high),
                    _alpha_ci(m.model_alpha, m.model_low, m.model_high),
                    _fmt(aat.get("winning_rate")),
                    _fmt(aat.get("advantage_probability")),
                    verdict,
                )
        console.print(t)
        for line in grouped_notes(cautions):
            console.print(f"[dim]{plain(line)}[/dim]")


def _emit(report: AgreementReport, fmt: str, output: Path | None, force: bool) -> None:
    if fmt == "table" and output is None:
        _print_table(report)
        return
    if output is None:
        if fmt in ("xlsx", "html"):
            raise AnnotatorError(f"The {fmt} format needs an output file: add -o FILE.{fmt}.")
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / f"report.{fmt}"
            write_report(report, target, fmt)
            click.echo(target.read_text(encoding="utf-8"), nl=False)
        return
    with writing_output(output, force=force):
        write_report(report, output, None if fmt == "table" else fmt)
    console.print(f"Wrote {plain(output)}.")


@agreement_group.command("report")
@project_argument
@click.option(
    "--unit",
    type=click.Choice(UNITS),
    default=AGREEMENT_DEFAULTS.unit,
    show_default=True,
    help="Unit of analysis: whole articles, paragraphs, sentences, tokens, or the character continuum "
    "(the window's default too).",
)
@click.option(
    "--codes",
    multiple=True,
    metavar="PATHS",
    help="Codes to compare, by path (Frames/Appeasement) "
    "or id, comma-separated or repeated (default: every code and exclusive group).",
)
@click.option(
    "--group",
    "groups",
    multiple=True,
    metavar="PATH",
    help="An exclusive group compared as one nominal variable (e.g. 'Source type').",
)
@click.option(
    "--coders",
    multiple=True,
    metavar="NAMES",
    help="Coders by name (default: every coder; an "
    "adjudicator named here is compared like a coder, e.g. each coder against gold).",
)
@click.option("--batch", help="Only documents of this batch.")
@click.option(
    "--bootstrap",
    type=click.IntRange(0, 100_000),
    default=AGREEMENT_DEFAULTS.bootstrap,
    show_default=True,
    help="Bootstrap resamples for the confidence interval of alpha (0: no interval).",
)
@click.option(
    "--seed",
    type=int,
    default=AGREEMENT_DEFAULTS.seed,
    show_default=True,
    help="Seed of the bootstrap, so the interval can be reproduced.",
)
@click.option(
    "--epsilon",
    type=click.FloatRange(0, 1, max_open=True),
    default=EPSILON,
    show_default=True,
    help="Margin of the alternative annotator test when a model coder is included "
    "(0.2 expert coders, 0.15 trained coders, 0.1 crowd workers).",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@force_option
def report_cmd(
    project: Path,
    unit: str,
    codes: tuple[str, ...],
    groups: tuple[str, ...],
    coders: tuple[str, ...],
    batch: str | None,
    bootstrap: int,
    seed: int | None,
    epsilon: float,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Agreement per code or variable: percent agreement, alpha with its interval, kappas, F1, coverage."""
    variables = (split_names(codes) or []) + list(groups)
    with open_project(project, readonly=True) as p:
        check_outputs(output, force=force)  # refused before the work, not after it
        report = run_task(
            "Computing agreement",
            agreement_report,
            p,
            unit=unit,
            coders=split_names(coders),
            codes=variables or None,
            batch=batch,
            bootstrap=bootstrap,
            seed=seed,
            epsilon=epsilon,
        )
        _emit(report, fmt, output, force)
    warning = report.parameters.get("codebook_version_warning")
    if warning:
        err_console.print(f"[yellow]Warning: {plain(warning)}[/yellow]")


@agreement_group.command("matrix")
@click.argument(
    "matrix_file", metavar="FILE.csv", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--level",
    type=click.Choice(["nominal", "ordinal", "interval", "ratio"]),
    default="nominal",
    show_default=True,
    help="Level of measurement of the values.",
)
@click.option(
    "--bootstrap",
    type=click.IntRange(0, 100_000),
    default=0,
    show_default=True,
    help="Bootstrap resamples for the interval of alpha.",
)
@click.option("--seed", type=int, help="Seed of the bootstrap.")
@click.option(
    "--header/--no-header",
    default=None,
    help="Whether the first row names the coders (default: guessed, e.g. R's write.csv).",
)
@click.option(
    "--unit-column/--no-unit-column",
    default=None,
    help="Whether the first column names the units (default: guessed).",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@force_option
def matrix_cmd(
    matrix_file: Path,
    level: str,
    bootstrap: int,
    seed: int | None,
    header: bool | None,
    unit_column: bool | None,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Agreement for a units x coders CSV from anywhere (one column per coder, blank = missing), as ReCal reports."""
    check_outputs(output, force=force)  # refused before the work, not after it
    report = matrix_file_report(
        matrix_file, level=level, bootstrap=bootstrap, seed=seed, header=header, unit_column=unit_column
    )
    if report.parameters.get("layout_guessed"):
        # On stderr, before the figures, so JSON or CSV on stdout stays parseable.
        click.echo(
            f"{report.parameters['read_as']} (guessed; say otherwise with --header/--no-header, "
            "--unit-column/--no-unit-column).",
            err=True,
        )
    _emit(report, fmt, output, force)


@agreement_group.command("export-matrix")
@project_argument
@click.option("--code", required=True, metavar="PATH", help="The code or exclusive group (by path or id).")
@click.option(
    "--unit",
    type=click.Choice([u for u in UNITS if u != "continuum"]),
    default=AGREEMENT_DEFAULTS.unit,
    show_default=True,
    help="Unit of analysis (the rows of the matrix).",
)
@click.option("--coders", multiple=True, metavar="NAMES", help="Coders by name (default: every coder).")
@click.option("--batch", help="Only documents of this batch.")
@click.option("--labels", is_flag=True, help="Write category names instead of numbers.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The CSV file to write.",
)
@force_option
def export_matrix_cmd(
    project: Path,
    code: str,
    unit: str,
    coders: tuple[str, ...],
    batch: str | None,
    labels: bool,
    output: Path,
    force: bool,
) -> None:
    """Write the units x coders reliability matrix as CSV for R (irr), SPSS/SAS (KALPHA) or ReCal."""
    with open_project(project, readonly=True) as p, writing_output(output, force=force):
        info = export_reliability_matrix(
            p, output, unit=unit, coders=split_names(coders), code=code, batch=batch, labels=labels
        )
    console.print(f"Wrote {plain(output)}: {info['units']} units x {len(info['coders'])} coders.")
    if not labels:
        console.print(
            "Categories: " + ", ".join(f"{i} = {plain(c)}" for i, c in enumerate(info["categories"]))
        )


def register(cli: click.Group) -> None:
    cli.add_command(agreement_group)
