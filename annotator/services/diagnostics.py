"""Diagnostics and sample plans of a project: gather the reliability sample
(as the agreement report does) and hand it to ``annotator.agreement``."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from annotator.agreement import unit_data
from annotator.agreement.diagnostics import Diagnostics, diagnose
from annotator.agreement.reliability_data import SEGMENT_UNITS
from annotator.agreement.report_model import AgreementReport
from annotator.agreement.sample_plan import (
    ArticlesToLift,
    SamplePlan,
    articles_to_lift,
    observed_smallest_shares,
    plan_variables,
    required_table,
)
from annotator.agreement.sample_size import LIFT_METHOD, required_units
from annotator.core.errors import AnnotatorError
from annotator.core.models import Coder
from annotator.core.task import NULL_STATE, TaskState
from annotator.services.agreement import AGREEMENT_DEFAULTS, agreement_report, coding_data
from annotator.services.projects import find_coders
from annotator.store.project import Project

# the planning functions `annotator agreement plan` uses, for the window
__all__ = [
    "ArticlesToLift",
    "coder_diagnostics",
    "lift_plans",
    "required_table",
    "required_units",
    "sample_plan",
    "smallest_share_of",
]


def coder_diagnostics(
    project: Project,
    *,
    unit: str = AGREEMENT_DEFAULTS.unit,
    coders: Sequence[str] | None = None,
    gold: str | None = None,
    codes: Sequence[str] | None = None,
    batch: str | None = None,
    by: str = "week",
    block: int = 10,
    top: int = 10,
) -> Diagnostics:
    """Per-coder diagnostics; ``gold`` names the adjudicator to compare each
    coder with (default: the project's adjudicator, when one has coded)."""
    chosen = find_coders(project, list(coders) if coders else None)
    judge = _gold(project, gold, chosen)
    people = [*chosen, judge] if judge else chosen
    data = coding_data(project, people, batch=batch, segments=unit in SEGMENT_UNITS)
    _check_segmented(data.lengths, data.segmentations, unit)
    if judge is not None and not any(judge.id in who for who in data.coded.values()):
        if gold is not None:
            raise AnnotatorError(f"{judge.name} has coded none of the documents these coders coded.")
        judge = None  # the project's adjudicator has not started: no gold to compare with
    result = diagnose(
        data,
        unit=unit,
        coders=[c.id for c in chosen],
        gold=judge.id if judge else None,
        variables=list(codes) if codes else None,
        by=by,
        block=block,
        top_documents=top,
        coder_names={c.id: c.name for c in people},
    )
    result.parameters.update({"project": project.name, "batch": batch or "all"})
    return result


def sample_plan(
    project: Project,
    *,
    alpha_min: float = 0.667,
    significance: float = 0.05,
    smallest_share: float | None = None,
    unit: str = AGREEMENT_DEFAULTS.unit,
    coders: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    batch: str | None = None,
    bootstrap: int = AGREEMENT_DEFAULTS.bootstrap,
    seed: int | None = None,
    state: TaskState = NULL_STATE,
) -> SamplePlan:
    """Where each variable stands against ``alpha_min``: the units the plan
    needs and the articles still to code to lift the bootstrap's lower bound."""
    if bootstrap < 1:
        raise AnnotatorError(
            "The plan extrapolates the bootstrap interval, so it needs --bootstrap 1 or more."
        )
    report = agreement_report(
        project,
        unit=unit,
        coders=coders,
        codes=codes,
        batch=batch,
        bootstrap=bootstrap,
        seed=seed,
        state=state,
    )
    chosen = find_coders(project, list(coders) if coders else None)
    data = coding_data(project, chosen, batch=batch, segments=unit in SEGMENT_UNITS)
    udata = unit_data(
        data, unit=unit, coders=[c.id for c in chosen], variables=report.parameters["variables"]
    )
    articles = int(report.parameters["documents_coded_by_two_or_more"])
    plans = plan_variables(
        report,
        alpha_min=alpha_min,
        significance=significance,
        smallest_share=smallest_share,
        observed_shares=observed_smallest_shares(udata),
        articles=articles,
    )
    params = {
        "project": project.name,
        "unit": unit,
        "coders": [c.name for c in chosen],
        "batch": batch or "all",
        "alpha_min": alpha_min,
        "significance": significance,
        "smallest_share": smallest_share if smallest_share is not None else "observed per variable",
        "articles_coded_by_two_or_more": articles,
        "bootstrap": bootstrap,
        "seed": seed,
        "confidence": report.parameters["confidence"],
        "required_units_method": "Krippendorff (2019), table of minimum sample sizes for two coders "
        "(after Bloch & Kraemer 1989, eq. 3.7), significance one-tailed",
        "more_articles_method": LIFT_METHOD,
    }
    return SamplePlan(params, plans)


def lift_plans(report: AgreementReport, *, alpha_min: float = 0.667) -> dict[str, ArticlesToLift]:
    """Per variable id of a computed report, the articles still to code to lift
    its lower bound above ``alpha_min`` (what `annotator agreement plan` says)."""
    articles = int(report.parameters.get("documents_coded_by_two_or_more") or 0)
    return {v.id: articles_to_lift(v, alpha_min, articles) for v in report.variables}


def smallest_share_of(distribution: str) -> float:
    """The share of the least frequent category in an expected distribution
    written as counts or percentages, e.g. "40, 30, 20, 10" (0.1)."""
    parts = [p.strip() for p in distribution.replace(";", ",").split(",") if p.strip()]
    try:
        weights = [float(p.rstrip("%")) for p in parts]
    except ValueError:
        raise AnnotatorError(
            "Write the expected distribution as numbers separated by commas, such as 40, 30, 20, 10."
        ) from None
    if len(weights) < 2 or any(not math.isfinite(w) or w <= 0 for w in weights):
        raise AnnotatorError("The expected distribution needs two or more categories, each above 0.")
    return min(weights) / sum(weights)


def _gold(project: Project, name: str | None, chosen: list[Coder]) -> Coder | None:
    if name is not None:
        judge = project.find_coder(name)
        if judge.id in {c.id for c in chosen}:
            raise AnnotatorError(
                f"{judge.name} is listed as a coder and as gold; name them in one place only."
            )
        return judge
    judges = [c for c in project.coders() if c.role == "adjudicator" and c.id not in {x.id for x in chosen}]
    return judges[0] if len(judges) == 1 else None


def _check_segmented(lengths: Mapping[str, int], segmentations: Mapping[str, object], unit: str) -> None:
    if unit in SEGMENT_UNITS:
        missing = [d for d in lengths if d not in segmentations]
        if missing:
            raise AnnotatorError(
                f"{len(missing)} documents have no {unit} segmentation yet; run `annotator nlp PROJECT` first."
            )
