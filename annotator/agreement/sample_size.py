"""How large the reliability sample must be, before and during coding.

Before coding (Krippendorff 2019, Content Analysis, 4th ed., ch. 12, the table
of minimum sample sizes, after Bloch & Kraemer 1989, eq. 3.7): for two coders,
to be confident at level ``p`` (one-tailed) that alpha exceeds ``alpha_min``
when the least frequent category has probability ``P_c``, the sample needs

    N = 2 z_p^2 [ (1 + alpha_min)(3 - alpha_min) / (4 (1 - alpha_min) P_c (1 - P_c)) - alpha_min ]

units, rounded up, z_p being the normal quantile with p above it. This
reproduces the table's cells (tests/data/references/agreement/
krippendorff2019_required_sample_size.json: 139 units for alpha_min .800,
p .05, P_c .25; 81 for alpha_min .667). More than two coders per unit add
pairable values, so the two-coder figure stays a safe minimum.

During coding, from the bootstrap interval: the lower bound lies ``h`` below
alpha. Assuming alpha stays where it is and the interval narrows like
1/sqrt(n), as a standard error does, n' units bring the bound to
alpha - h sqrt(n / n'), which passes the threshold t once
n' >= n (h / (alpha - t))^2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from annotator.agreement.errors import AgreementError

LIFT_METHOD = (
    "the lower bound's distance below alpha shrinks with the square root of the number of units "
    "(n' = n (h / (alpha - threshold))^2), assuming alpha stays where it is and new articles "
    "resemble those coded"
)


@dataclass(frozen=True)
class Lift:
    units: int  # units the interval was computed on
    units_needed: int | None  # units for the lower bound to pass the threshold
    more: int | None  # units still to code (0: already above)
    reason: str | None = None  # why no number can be given


def required_units(alpha_min: float, p: float, p_c: float) -> int:
    """Minimum number of units for two coders (see the module's docstring)."""
    if not 0 < alpha_min < 1:
        raise AgreementError("The smallest acceptable alpha must lie between 0 and 1, e.g. 0.8.")
    if not 0 < p < 0.5:
        raise AgreementError("The significance level must lie between 0 and 0.5, e.g. 0.05.")
    if not 0 < p_c < 1:
        raise AgreementError(
            "The probability of the least frequent category must lie between 0 and 1, e.g. 0.25."
        )
    z = NormalDist().inv_cdf(1.0 - p)
    a = alpha_min
    n = 2.0 * z * z * ((1 + a) * (3 - a) / (4 * (1 - a) * p_c * (1 - p_c)) - a)
    # a hair of tolerance so that a float just above a whole number is not rounded up past it
    return math.ceil(n - 1e-9)


def more_units_to_lift(alpha: float | None, low: float | None, units: int, threshold: float) -> Lift:
    """How many more units would bring the interval's lower bound ``low`` of
    ``alpha`` (computed on ``units`` units) above ``threshold``."""
    if alpha is None:
        return Lift(
            units, None, None, "Alpha is undefined for these data, so there is nothing to extrapolate."
        )
    if low is None or units < 1:
        return Lift(units, None, None, "There is no bootstrap interval to extrapolate from.")
    if low >= threshold:
        return Lift(units, units, 0)
    if alpha <= threshold:
        return Lift(
            units,
            None,
            None,
            f"Alpha ({alpha:.3f}) is itself below {threshold:g}: more articles will not lift it, "
            "better coding (training, clearer definitions) might.",
        )
    needed = math.ceil(units * ((alpha - low) / (alpha - threshold)) ** 2 - 1e-9)
    return Lift(units, needed, needed - units)
