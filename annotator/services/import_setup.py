"""What an import dialog offers before anything is read: the formats the
readers know, the article fields a table column can fill, and the language
pipelines to segment with (the project's own first)."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.ingest.article import FIELDS
from annotator.ingest.reader_choice import formats
from annotator.nlp.pipeline import BLANK, installed_pipelines
from annotator.store.project import Project


@dataclass(frozen=True)
class FormatChoice:
    name: str
    description: str


def format_choices() -> list[FormatChoice]:
    return [FormatChoice(spec.name, spec.description) for spec in formats()]


def article_fields() -> tuple[str, ...]:
    """The fields a column of a CSV, JSON or Excel file can be mapped to."""
    return FIELDS


def pipeline_choices(project: Project) -> list[str]:
    """The pipeline the project was segmented with, then the installed trained
    ones, then the blank pipeline, each once."""
    current = project.get_meta("nlp_pipeline")
    return list(dict.fromkeys(n for n in (current, *installed_pipelines(), BLANK) if n))
