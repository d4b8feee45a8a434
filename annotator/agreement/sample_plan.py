"""The sample plan of a project under way: per variable, how many units the
planned alpha needs (Krippendorff 2019, see ``sample_size``) and how many more
articles would lift the bootstrap interval's lower bound above it."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.agreement.alpha import value_counts
from annotator.agreement.reliability_data import UnitData
from annotator.agreement.report_model import AgreementReport, VariableReport
from annotator.agreement.sample_size import more_units_to_lift, required_units


@dataclass
class VariablePlan:
    id: str
    name: str
    units: int  # pairable units coded so far
    alpha: float | None
    ci_low: float | None
    ci_high: float | None
    smallest_share: float | None  # P_c used for the required size
    share_source: str  # "given" or "observed" (least frequent value among the pairable values)
    required_units: int | None
    more_units: int | None  # to lift the lower bound above alpha_min (0: already above)
    more_articles: int | None
    reason: str | None = None


@dataclass
class SamplePlan:
    parameters: dict[str, Any]
    variables: list[VariablePlan] = field(default_factory=list)


def observed_smallest_shares(udata: UnitData) -> dict[str, float | None]:
    """Per variable, the share of its least frequent value among the values of
    pairable units (None when fewer than two values occur)."""
    out: dict[str, float | None] = {}
    for var, codes in zip(udata.variables, udata.values, strict=True):
        counts = value_counts(np.asarray(codes), max(len(var.categories), 1))
        pairable = counts[counts.sum(axis=1) >= 2].sum(axis=0)
        used = pairable[pairable > 0]
        out[var.id] = float(used.min() / used.sum()) if len(used) >= 2 else None
    return out


def plan_variables(
    report: AgreementReport,
    *,
    alpha_min: float,
    significance: float,
    smallest_share: float | None,
    observed_shares: Mapping[str, float | None],
    articles: int,
) -> list[VariablePlan]:
    """One plan per variable of ``report`` (whose bootstrap gives the interval);
    ``articles``: the articles its pairable units come from, to turn units into articles."""
    out = []
    for v in report.variables:
        share = smallest_share if smallest_share is not None else observed_shares.get(v.id)
        source = "given" if smallest_share is not None else "observed"
        needed = required_units(alpha_min, significance, share) if share is not None else None
        lift = articles_to_lift(v, alpha_min, articles)
        reason = lift.reason
        if share is None and reason is None:
            reason = "Only one value occurs, so the required sample size cannot be estimated."
        out.append(
            VariablePlan(
                v.id,
                v.name,
                v.pairable_units,
                v.alpha,
                v.ci_low,
                v.ci_high,
                share,
                source,
                needed,
                lift.more_units,
                lift.more_articles,
                reason,
            )
        )
    return out


@dataclass(frozen=True)
class ArticlesToLift:
    """How far one variable of a report is from a lower bound above ``alpha_min``."""

    id: str
    name: str
    alpha_min: float
    more_units: int | None  # 0: the lower bound is already above
    more_articles: int | None
    reason: str | None = None


def articles_to_lift(v: VariableReport, alpha_min: float, articles: int) -> ArticlesToLift:
    """The units and articles still to code for ``v``'s lower bound to pass
    ``alpha_min``; ``articles``: those its pairable units come from."""
    lift = more_units_to_lift(v.alpha, v.ci_low, v.pairable_units, alpha_min)
    more_articles = None
    if lift.more is not None and v.pairable_units:
        # new articles are assumed to hold as many units as those coded
        more_articles = math.ceil(lift.more * articles / v.pairable_units - 1e-9)
    return ArticlesToLift(v.id, v.name, alpha_min, lift.more, more_articles, lift.reason)


def required_table(
    alphas: Sequence[float], significances: Sequence[float], shares: Sequence[float]
) -> list[tuple[float, float, float, int]]:
    """(alpha_min, p, P_c, units) for every combination, in the layout of the published table."""
    return [(a, p, s, required_units(a, p, s)) for a in alphas for p in significances for s in shares]
