"""Inter-coder agreement (numpy and annotator.core only): reliability data from
annotations at a chosen unit of analysis, the coefficients, bootstrap intervals
and a report model. See DESIGN.md section 5. Its files (CSV, JSON, XLSX, HTML,
the reliability matrix) are written and read by ``annotator.reporting``.

Entry points::

    compute_report(CodingData(...), unit="sentence", coders=[...], bootstrap=1000, seed=1)
    matrix_report(values, "nominal")  # units x coders, None = missing
"""

from annotator.agreement.alpha import (
    LEVELS,
    AlphaResult,
    alpha_from_counts,
    alpha_from_matrix,
    krippendorff_alpha,
)
from annotator.agreement.bootstrap import BootstrapResult, bootstrap_alpha, bootstrap_alphas
from annotator.agreement.errors import AgreementError
from annotator.agreement.kappa import brennan_prediger, cohen_kappa, fleiss_kappa, scott_pi
from annotator.agreement.reliability_data import (
    UNITS,
    CodingData,
    ContinuumData,
    UnitData,
    Variable,
    continuum_data,
    select_variables,
    unit_data,
)
from annotator.agreement.report import (
    AgreementReport,
    DocumentFigure,
    VariableReport,
    compute_report,
    matrix_report,
)
from annotator.agreement.spans_match import span_scores
from annotator.agreement.unitizing import bootstrap_unitizing, unitize, unitizing_alphas

__all__ = [
    "LEVELS",
    "UNITS",
    "AgreementError",
    "AgreementReport",
    "AlphaResult",
    "BootstrapResult",
    "CodingData",
    "ContinuumData",
    "DocumentFigure",
    "UnitData",
    "Variable",
    "VariableReport",
    "alpha_from_counts",
    "alpha_from_matrix",
    "bootstrap_alpha",
    "bootstrap_alphas",
    "bootstrap_unitizing",
    "brennan_prediger",
    "cohen_kappa",
    "compute_report",
    "continuum_data",
    "fleiss_kappa",
    "krippendorff_alpha",
    "matrix_report",
    "scott_pi",
    "select_variables",
    "span_scores",
    "unit_data",
    "unitize",
    "unitizing_alphas",
]
