"""Annotation and codebook formats in and out (CSV, JSONL, XLSX, spaCy DocBin,
brat standoff, REFI-QDA), as converters between files and core objects."""

from annotator.exchange.bundle import ImportResult, ProjectData
from annotator.exchange.formats import (
    FORMATS,
    ExchangeFormat,
    data_loss,
    export_data,
    guess_format,
    import_data,
)

__all__ = [
    "FORMATS",
    "ExchangeFormat",
    "ImportResult",
    "ProjectData",
    "data_loss",
    "export_data",
    "guess_format",
    "import_data",
]
