"""What a methods appendix states, as gathered from one project file
(``annotator.services.appendix``) before any sentence is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.agreement.report_model import AgreementReport
from annotator.core.training import AssignmentDraw, ModelRecord


@dataclass
class CoderFacts:
    name: str
    role: str
    assigned: int
    done: int
    spans: int  # live annotations, all documents
    article_codes: int
    in_sample: int  # reliability-sample documents this coder coded


@dataclass
class RoundFacts:
    name: str
    created_at: str
    threshold: float
    unit: str
    documents: int
    variables: list[str]  # codebook paths; empty = every variable
    gold: str
    standing: dict[str, str]  # coder -> passed | not yet | not scored (latest scoring)
    lowest_alpha: dict[str, float | None]  # coder -> lowest alpha of the latest scoring
    scored_at: dict[str, str]


@dataclass
class AppendixFacts:
    project: str
    file_name: str
    generated_at: str
    codebook: str
    codebook_version: int
    codes: int  # in use; a merge or split archives its sources, which coders no longer see
    codebook_changes: int
    population: int  # documents of the study (training articles not counted)
    training_documents: int
    batches: int
    draws: list[AssignmentDraw]
    coder_names: dict[str, str]  # id -> name, for the draws
    hidden_checks: int
    report: AgreementReport
    threshold: float
    coders: list[CoderFacts]
    rounds: list[RoundFacts]
    coded_by_all: int  # sample documents every chosen coder coded
    missing_by_coder: dict[str, int]  # coder -> sample documents they did not code
    software: dict[str, str]
    models: list[ModelRecord] = field(default_factory=list)
    # the built-in rules' last evaluation as a model kind (empty before the first)
    rules_evaluation: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # the recorded codebook changes from version 1: version, date, change, code path
    codebook_diff: list[tuple[int, str, str, str]] = field(default_factory=list)
    archived_codes: int = 0
