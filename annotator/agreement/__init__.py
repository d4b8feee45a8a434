"""Inter-coder agreement (numpy only): reliability data from annotations at a
chosen unit of analysis, the coefficients, bootstrap intervals, a report model
and its renderings. See DESIGN.md section 5.

Entry points::

    compute_report(CodingData(...), unit="sentence", coders=[...], bootstrap=1000, seed=1)
    matrix_report(read_matrix_csv("m.csv").values, "nominal")
    write_report(report, "agreement.html")
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
from annotator.agreement.matrix_io import MatrixData, export_matrix, read_matrix_csv, write_matrix_csv
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
from annotator.agreement.render import (
    FORMATS,
    columns,
    methods_sentences,
    to_csv,
    to_json,
    to_rows,
    to_xlsx,
    write_report,
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
    "FORMATS", "LEVELS", "UNITS", "AgreementError", "AgreementReport", "AlphaResult",
    "BootstrapResult", "CodingData", "ContinuumData", "DocumentFigure", "MatrixData", "UnitData", "Variable",
    "VariableReport", "alpha_from_counts", "alpha_from_matrix", "bootstrap_alpha", "bootstrap_alphas", "bootstrap_unitizing", "brennan_prediger",
    "cohen_kappa", "columns", "compute_report", "continuum_data", "export_matrix", "fleiss_kappa",
    "krippendorff_alpha", "matrix_report", "methods_sentences", "read_matrix_csv", "scott_pi", "select_variables", "span_scores",
    "to_csv", "to_json", "to_rows", "to_xlsx", "unit_data", "unitize", "unitizing_alphas", "write_matrix_csv",
    "write_report",
]
