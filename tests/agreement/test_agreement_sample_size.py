"""Planning the reliability sample: the published required sample sizes, and how
many more units would lift the bootstrap's lower bound above a threshold."""

from __future__ import annotations

import math
import re

import pytest

from annotator.agreement.errors import AgreementError
from annotator.agreement.sample_size import more_units_to_lift, required_units

TABLE = "krippendorff2019_required_sample_size"


def test_the_published_cells(reference):
    for case in reference(TABLE)["data"]["cases"]:
        assert required_units(case["alpha_min"], case["p"], case["p_c"]) == case["units"], case["where"]


def test_more_demanding_plans_need_more_units():
    base = required_units(0.8, 0.05, 0.25)
    assert required_units(0.9, 0.05, 0.25) > base  # a higher alpha_min
    assert required_units(0.8, 0.01, 0.25) > base  # a stricter significance level
    assert required_units(0.8, 0.05, 0.1) > base  # a rarer category
    assert required_units(0.8, 0.05, 0.75) == required_units(0.8, 0.05, 0.25)  # P_c and 1 - P_c alike


@pytest.mark.parametrize(
    ("alpha_min", "p", "p_c"),
    [
        (1.0, 0.05, 0.25),
        (0.0, 0.05, 0.25),
        (0.8, 0.0, 0.25),
        (0.8, 0.6, 0.25),
        (0.8, 0.05, 0.0),
        (0.8, 0.05, 1),
    ],
)
def test_impossible_plans_are_refused_in_one_sentence(alpha_min, p, p_c):
    with pytest.raises(AgreementError) as err:
        required_units(alpha_min, p, p_c)
    message = str(err.value)
    assert message.endswith(".") and not re.search(r"\. [A-Z]", message)


def test_more_units_by_hand():
    # alpha 0.80, lower bound 0.60 on 100 units: the lower half-width 0.20 must shrink to
    # 0.80 - 0.667 = 0.133, i.e. by sqrt(100 / n'), so n' = 100 * (0.20 / 0.133)^2 = 226.1
    lift = more_units_to_lift(alpha=0.8, low=0.6, units=100, threshold=0.667)
    assert lift.units_needed == math.ceil(100 * (0.2 / 0.133) ** 2)
    assert lift.more == lift.units_needed - 100 and lift.reason is None


def test_no_more_units_when_the_bound_is_already_above():
    lift = more_units_to_lift(alpha=0.9, low=0.8, units=50, threshold=0.667)
    assert lift.more == 0


def test_more_units_cannot_lift_an_alpha_below_the_threshold():
    lift = more_units_to_lift(alpha=0.6, low=0.4, units=50, threshold=0.667)
    assert lift.more is None and "below" in lift.reason
    missing = more_units_to_lift(alpha=None, low=None, units=50, threshold=0.667)
    assert missing.more is None and missing.reason
