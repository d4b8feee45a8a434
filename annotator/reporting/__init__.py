"""Files made from agreement results: the report as CSV, JSON, XLSX and an HTML
page with plots, and the units x coders reliability matrix as CSV (written for
R, SPSS/SAS and ReCal, and read back from them for ``agreement matrix``).

The numbers come from ``annotator.agreement``, which only computes; everything
here formats them and writes files through ``annotator.core.output_files``.

Entry points::

    write_report(report, "agreement.html")
    read_matrix_csv("m.csv")  # then annotator.agreement.matrix_report(m.values, "nominal")
"""

from annotator.reporting.agreement_files import FORMATS, to_csv, to_json, to_xlsx, write_report
from annotator.reporting.agreement_html import to_html
from annotator.reporting.agreement_table import columns, methods_sentences, to_rows
from annotator.reporting.reliability_matrix import (
    MatrixData,
    export_matrix,
    read_matrix_csv,
    write_matrix_csv,
)

__all__ = [
    "FORMATS",
    "MatrixData",
    "columns",
    "export_matrix",
    "methods_sentences",
    "read_matrix_csv",
    "to_csv",
    "to_html",
    "to_json",
    "to_rows",
    "to_xlsx",
    "write_matrix_csv",
    "write_report",
]
