"""Training rounds, certification results and assignment draws: the records a
methods appendix cites."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TrainingRound:
    id: str
    name: str
    created_at: str
    threshold: float
    gold_coder_id: str
    unit: str = "document"
    variables: list[str] = field(default_factory=list)  # code ids; empty = every variable
    documents: list[str] = field(default_factory=list)
    coders: list[str] = field(default_factory=list)
    hidden: bool | None = None  # among the coders' other articles; None: not recorded (before schema 7)


@dataclass
class TrainingResult:
    """One variable of one scoring of a coder against gold."""

    round_id: str
    coder_id: str
    scored_at: str
    variable: str
    alpha: float | None
    agreement: float | None
    f1: float | None
    units: int
    passed: bool


@dataclass
class AssignmentDraw:
    """How one ``assign`` drew its documents, so the sample can be described
    and reproduced."""

    id: int
    at: str
    method: str  # all | reliability_sample | hidden_checks
    seed: int | None
    population: int
    sample_size: int
    percent: float | None = None
    stratify: str = ""
    coders: list[str] = field(default_factory=list)
    divided_rest: bool = False


@dataclass
class ModelRecord:
    """A trained model coder as the ``models`` table records it."""

    id: str
    name: str
    version: int
    kind: str
    created_at: str
    provenance: dict = field(default_factory=dict)
