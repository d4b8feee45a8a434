"""``model``: train a model coder, list the stored ones, let one code documents,
and cross-validate it like a human coder."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from annotator.cli.common import (
    console,
    err_console,
    open_project,
    plain,
    project_argument,
    run_task,
    split_names,
    table_or_json,
)
from annotator.core.errors import ModelError
from annotator.services.model_baseline import evaluate_rules, is_rules, rules_entry
from annotator.services.model_coder import DEFAULT_EPOCHS, code_documents, list_models, train
from annotator.services.model_evaluation import CURVE_SHARES, Evaluation, evaluate
from annotator.services.model_help import SuggestionReport, set_threshold, suggest_from_model
from annotator.services.model_queue import order_by_uncertainty


@click.group("model")
def model_group() -> None:
    """A model coder: trained offline from the project's codings, stored in the project file."""


@model_group.command("train")
@project_argument
@click.option("--name", required=True, help="The model's name (also the coder it codes as).")
@click.option(
    "--codes",
    "codes",
    multiple=True,
    help="Codes to learn, by name or path, comma-separated (default: all coded).",
)
@click.option(
    "--from",
    "source",
    default="majority",
    show_default=True,
    help="Training codings: gold, majority or coder:NAME.",
)
@click.option(
    "--batch", "batches", multiple=True, help="Learn from this batch's documents (repeatable; default: all)."
)
@click.option(
    "--dev-batch",
    "dev_batches",
    multiple=True,
    help=(
        "Held-out batch whose codings choose the epoch kept and how far the span codes are calibrated "
        "towards recall (repeatable; never learnt from)."
    ),
)
@click.option(
    "--seed", default=0, show_default=True, type=int, help="Random seed: the same seed, the same model."
)
@click.option(
    "--epochs",
    default=DEFAULT_EPOCHS,
    show_default=True,
    type=click.IntRange(1, 200),
    help="Passes over the data.",
)
def train_cmd(
    project: Path,
    name: str,
    codes: tuple[str, ...],
    source: str,
    batches: tuple[str, ...],
    dev_batches: tuple[str, ...],
    seed: int,
    epochs: int,
) -> None:
    """Train a model from the project's codings and store it in the project file."""
    with open_project(project) as p:
        m = run_task(
            "Training",
            train,
            p,
            name=name,
            source=source,
            codes=split_names(codes) or [],
            batches=list(batches),
            dev_batches=list(dev_batches),
            seed=seed,
            epochs=epochs,
        )
        prov = m.provenance
        console.print(
            f"Stored model {plain(m.name)} version {m.version} ({m.size / 1e6:.1f} MB): "
            f"{prov['documents']} documents, {prov['training_spans']} spans, "
            f"{len(prov['span_codes']) + len(prov['document_codes'])} codes, "
            f"{prov['epochs_run']} epochs in {prov['training_seconds']:.0f} s."
        )
        if prov["left_out_overlapping_spans"]:
            err_console.print(
                f"[yellow]Note:[/yellow] {prov['left_out_overlapping_spans']} training spans overlapped "
                "longer ones and were left out (a token takes one code)."
            )


@model_group.command("list")
@project_argument
@click.option("--json", "as_json", is_flag=True, help="Print the models and their provenance as JSON.")
def list_cmd(project: Path, as_json: bool) -> None:
    """List the stored models with their training data and evaluation."""
    with open_project(project, readonly=True) as p:
        models = list_models(p)
        rules = rules_entry(p)
    if as_json:
        listed = [{**vars(m), "tag": m.tag} for m in models] + [rules]
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
        return
    if not models:
        console.print("No trained models yet; train one with `annotator model train PROJECT --name NAME`.")
    t = Table(title="Models", title_justify="left")
    for col in ("Name", "Version", "Trained", "From", "Documents", "Codes", "MB", "Evaluated"):
        t.add_column(col)
    for m in models:
        prov = m.provenance
        t.add_row(
            plain(m.name),
            str(m.version),
            m.created_at[:16],
            plain(prov.get("training_source", "")),
            str(prov.get("documents", "")),
            str(len(prov.get("span_codes", {})) + len(prov.get("document_codes", {}))),
            f"{m.size / 1e6:.1f}",
            f"{prov['evaluation'].get('folds')} folds" if prov.get("evaluation") else "no",
        )
    ev = rules["provenance"]["evaluation"]
    t.add_row(
        "rules",
        "built-in",
        "not trained",
        plain(ev.get("training_source", "")),
        str(ev.get("documents", "")),
        str(len(rules["provenance"]["span_codes"])),
        "–",
        f"{ev['evaluated_at'][:16]}, no folds, {plain(ev.get('pipeline', ''))}" if ev else "no",
    )
    console.print(t)


@model_group.command("code")
@project_argument
@click.option("--name", required=True, help="The model (its latest version) and the coder it codes as.")
@click.option(
    "--batch", "batches", multiple=True, help="Code this batch's documents (repeatable; default: all)."
)
@click.option(
    "--processes",
    type=click.IntRange(1, 32),
    default=1,
    show_default=True,
    help="Worker processes for the model (never more than the cores free).",
)
def code_cmd(project: Path, name: str, batches: tuple[str, ...], processes: int) -> None:
    """Code documents with a model, as the coder NAME (role model); its earlier codings there are replaced."""
    with open_project(project) as p:
        r = run_task("Coding", code_documents, p, name=name, batches=list(batches), processes=processes)
        if r.processes_note:
            err_console.print(plain(r.processes_note))
        rate = r.documents / r.seconds if r.seconds else 0.0
        console.print(
            f"Model {plain(r.model)} version {r.version} coded {r.documents} documents "
            f"({rate:.1f} a second): {r.spans} spans, {r.document_codes} article-level codes, "
            f"{r.replaced} earlier spans replaced."
        )
        for reason in r.refused[:10]:
            err_console.print(f"[yellow]Refused:[/yellow] {plain(reason)}")


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


@model_group.command("evaluate")
@project_argument
@click.option(
    "--name",
    required=True,
    help="The model to cross-validate (its latest version), or rules for the built-in rule-based finder.",
)
@click.option(
    "--folds",
    default=5,
    show_default=True,
    type=click.IntRange(2, 50),
    help="Number of folds (not for the rules).",
)
@table_or_json("A table, or JSON with every figure.")
@click.option(
    "--learning-curve",
    "curve",
    is_flag=False,
    flag_value=",".join(f"{s:g}" for s in CURVE_SHARES),
    default=None,
    metavar="[SHARES]",
    help="Also train on growing shares of each fold's training articles "
    f"(default {', '.join(f'{s:.0%}' for s in CURVE_SHARES)}; or e.g. 0.2,0.5,1) "
    "and score each on the held-out fold: F1 and alpha by number of coded articles "
    "(one more training per share and fold).",
)
@click.option(
    "--from",
    "source",
    default=None,
    help="The rules only: the codings they are scored against, gold, majority or coder:NAME "
    "(default majority; a trained model is scored against the codings it learnt from).",
)
@click.option(
    "--batch",
    "batches",
    multiple=True,
    help="The rules only: score them on this batch's documents (repeatable; default: all).",
)
@click.option(
    "--pipeline",
    default=None,
    help="The rules only: the spaCy pipeline they run on (default: the project's); suggestions use it too.",
)
def evaluate_cmd(
    project: Path,
    name: str,
    folds: int,
    fmt: str,
    curve: str | None,
    source: str | None,
    batches: tuple[str, ...],
    pipeline: str | None,
) -> None:
    """Cross-validate a model, or score the built-in rules (--name rules): precision, recall and F1 per
    code (exact and overlap) and alpha with the humans."""
    rules = is_rules(name)
    if rules and curve is not None:
        raise ModelError(
            "The rules learn nothing, so they have no learning curve; leave out --learning-curve."
        )
    if not rules and (source is not None or batches or pipeline is not None):
        raise ModelError(
            "--from, --batch and --pipeline are for the rules; a trained model is evaluated on what it learnt from."
        )
    shares = _shares(curve) if curve is not None else []
    with open_project(project) as p:
        if rules:
            ev = run_task(
                "Scoring the rules",
                evaluate_rules,
                p,
                source=source or "majority",
                batches=list(batches),
                pipeline=pipeline,
            )
        else:
            ev = run_task("Cross-validating", evaluate, p, name=name, folds=folds, learning_curve=shares)
    if fmt == "json":
        click.echo(json.dumps(ev.as_dict(), indent=2, ensure_ascii=False))
        return
    if rules:
        title = (
            f"Rules on {plain(ev.pipeline)} on {ev.documents} documents ({plain(ev.source)}); "
            "nothing is trained, so no folds"
        )
    else:
        title = (
            f"Model {plain(name)} v{ev.version}: {folds}-fold cross-validation on {ev.documents} documents "
            f"({plain(ev.source)})"
        )
    t = Table(title=title, title_justify="left")
    for col in (
        "Code",
        "Ref.",
        "Rules" if rules else "Model",
        "P exact",
        "R exact",
        "F1 exact",
        "P overlap",
        "R overlap",
        "F1 overlap",
        "α",
        "95% CI",
        "Threshold",
    ):
        t.add_column(col)
    for c in ev.codes:
        t.add_row(
            plain(c.code),
            str(c.reference),
            str(c.predicted),
            _f(c.exact["precision"]),
            _f(c.exact["recall"]),
            _f(c.exact["f1"]),
            _f(c.overlap["precision"]),
            _f(c.overlap["recall"]),
            _f(c.overlap["f1"]),
            _f(c.alpha),
            "–" if c.alpha_low is None or c.alpha_high is None else f"{c.alpha_low:.2f}–{c.alpha_high:.2f}",
            "–" if c.threshold is None else f"{c.threshold:g}: {'passed' if c.passed else 'not passed'}",
        )
    console.print(t)
    if ev.learning_curve:
        _print_curve(ev)


def _shares(text: str) -> list[float]:
    try:
        return [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ModelError(
            f"--learning-curve {text!r} is not a list of shares; give e.g. 0.1,0.25,0.5,1."
        ) from None


def _print_curve(ev: Evaluation) -> None:
    t = Table(
        title="Learning curve: F1 (overlap) / alpha on the held-out folds, by training articles per fold",
        title_justify="left",
    )
    t.add_column("Code")
    for point in ev.learning_curve:
        t.add_column(f"{point.share:.0%} ({point.documents:.0f})", justify="right")
    for c in ev.codes:
        t.add_row(
            plain(c.code),
            *(f"{_f(p.code(c.code_id)['f1'])} / {_f(p.code(c.code_id)['alpha'])}" for p in ev.learning_curve),
        )
    console.print(t)


@model_group.command("threshold")
@project_argument
@click.option("--name", required=True, help="The model (its latest version, before it is evaluated).")
@click.option(
    "--min-lower",
    required=True,
    type=click.FloatRange(0, 1),
    help="The lower bound of alpha's 95% interval a code must reach in the evaluation, e.g. 0.667.",
)
@click.option(
    "--codes",
    multiple=True,
    metavar="PATHS",
    help="Codes this threshold is for, comma-separated or repeated (default: every code the model learnt).",
)
def threshold_cmd(project: Path, name: str, min_lower: float, codes: tuple[str, ...]) -> None:
    """Fix, before the evaluation, the lower bound of alpha a code must reach before the model may suggest it."""
    with open_project(project) as p:
        thresholds = set_threshold(p, name=name, min_lower=min_lower, codes=split_names(codes) or ())
    for t in thresholds.values():
        console.print(f"{plain(t['code'])}: lower bound of alpha ≥ {t['min_lower']:g} (set {t['set_at']})")


@model_group.command("suggest")
@project_argument
@click.option(
    "--name",
    required=True,
    help="The model (its latest version, evaluated against its thresholds), or rules for the rules alone.",
)
@click.option("--coder", required=True, help="The human coder whose remaining documents get suggestions.")
@click.option("--batch", "batches", multiple=True, help="Only documents of this batch (repeatable).")
@table_or_json("A table of where each code's suggestions come from and why, or JSON.")
def suggest_cmd(project: Path, name: str, coder: str, batches: tuple[str, ...], fmt: str) -> None:
    """Pre-code a coder's remaining documents as suggestions: per code from the model (codes that passed
    their threshold) or the built-in rules, whichever scored higher (lower bound of alpha, then overlap F1)."""
    with open_project(project) as p:
        r = run_task("Suggesting", suggest_from_model, p, name=name, coder=coder, batches=list(batches))
    if fmt == "json":
        click.echo(json.dumps(r.as_dict(), indent=2, ensure_ascii=False))
        return
    _print_sources(r)


def _print_sources(r: SuggestionReport) -> None:
    if not r.codes:
        console.print(f"No code of model {plain(r.model)} passed its threshold, so nothing was suggested.")
    else:
        console.print(
            f"{r.suggestions} suggestions in {r.documents} remaining documents of {plain(r.coder)}."
        )
        t = Table(title="Where each code's suggestions come from", title_justify="left")
        for col in ("Code", "From", "Why"):
            t.add_column(col)
        for c in r.codes:
            t.add_row(plain(c.code), plain(c.source), plain(c.why))
        console.print(t)
    if r.not_suggested:
        console.print(plain(r.sentence().replace("Not suggested:", "Codes not suggested:")))


@model_group.command("order")
@project_argument
@click.option(
    "--name", required=True, help="The model (its latest version) whose uncertainty orders the queue."
)
@click.option("--coder", required=True, help="The human coder whose remaining documents are reordered.")
@click.option("--batch", "batches", multiple=True, help="Only documents of this batch (repeatable).")
def order_cmd(project: Path, name: str, coder: str, batches: tuple[str, ...]) -> None:
    """Put a coder's remaining documents in the order of the model's uncertainty, most uncertain first."""
    with open_project(project) as p:
        r = run_task("Ordering", order_by_uncertainty, p, name=name, coder=coder, batches=list(batches))
    console.print(
        f"{r.ordered} remaining documents of {plain(r.coder)} now come in the order of the uncertainty of "
        f"model {plain(name)} v{r.version}, most uncertain first (first: {r.most_uncertain:.2f} of 1); "
        "documents already done kept their places."
    )


def register(cli: click.Group) -> None:
    cli.add_command(model_group)
