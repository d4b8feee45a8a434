"""Reading article batches: one reader per input format (a registry), text
cleaning with named debris rules, and near-duplicate detection. No SQL and no
spaCy here: the import service stores what these functions yield."""

from annotator.ingest.cleaning import CleanResult, RemovedLine, clean_text, normalise_text
from annotator.ingest.near_duplicates import NearDuplicate, NearDuplicateIndex, find_near_duplicates
from annotator.ingest.preview import TableColumns, table_columns
from annotator.ingest.reader_choice import formats
from annotator.ingest.reading import ReadResult, first_line_title, read_sources, to_document
from annotator.ingest.registry import ReaderSpec, ReadFailure
from annotator.ingest.rules import Rule, RuleSet, builtin_rules, load_rules

__all__ = [
    "CleanResult",
    "NearDuplicate",
    "NearDuplicateIndex",
    "ReadFailure",
    "ReadResult",
    "ReaderSpec",
    "RemovedLine",
    "Rule",
    "RuleSet",
    "TableColumns",
    "builtin_rules",
    "clean_text",
    "find_near_duplicates",
    "first_line_title",
    "formats",
    "load_rules",
    "normalise_text",
    "read_sources",
    "table_columns",
    "to_document",
]
