"""The data model (DESIGN.md section 4) as plain dataclasses."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any, Literal

from annotator.core.ids import new_id

Scope = Literal["span", "document"]
Role = Literal["coder", "adjudicator", "model"]
Origin = Literal["manual", "suggestion", "adjudicated", "imported", "model"]
Status = Literal["assigned", "in_progress", "done"]
Level = Literal["nominal", "ordinal", "interval", "ratio"]  # of measurement, for agreement

# typed as tuples of the literals so that ``value in SCOPES`` narrows a str to a Scope
SCOPES: tuple[Scope, ...] = ("span", "document")
ROLES: tuple[Role, ...] = ("coder", "adjudicator", "model")
ORIGINS: tuple[Origin, ...] = ("manual", "suggestion", "adjudicated", "imported", "model")
STATUSES: tuple[Status, ...] = ("assigned", "in_progress", "done")
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")


@dataclass
class Document:
    text: str
    id: str = ""
    title: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) when known, else as found
    url: str = ""
    language: str = "en"
    batch_id: str | None = None
    raw: bytes | str | None = None  # what the user imported, before cleaning
    source_path: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    cleaning: list[str] = field(default_factory=list)  # lines cleaning removed
    added_at: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            from annotator.core.ids import document_id

            self.id = document_id(self.text)


@dataclass(frozen=True)
class DocumentSummary:
    """A row of the document list: everything but the text."""

    id: str
    title: str
    outlet: str
    published: str
    batch_id: str | None
    batch_name: str
    length: int
    status: str | None = None  # of the coder the listing was made for


@dataclass
class Code:
    name: str
    id: str = field(default_factory=new_id)
    parent_id: str | None = None
    description: str = ""
    color: str = "#888888"
    shortcut: str = ""
    scope: Scope = "span"
    order: int = 0
    archived: bool = False
    exclusive: bool = False  # this code's children are mutually exclusive values
    # how agreement compares the values of this variable (an exclusive group's
    # children in codebook order, or an article-level code's values)
    level: Level = "nominal"


@dataclass
class Coder:
    name: str
    id: str = field(default_factory=new_id)
    color: str = "#4477aa"
    role: Role = "coder"


@dataclass
class Annotation:
    document_id: str
    coder_id: str
    code_id: str
    start: int
    end: int
    id: str = field(default_factory=new_id)
    quote: str = ""
    note: str = ""
    origin: Origin = "manual"
    created_at: str = ""
    updated_at: str = ""
    deleted: bool = False
    derived_from: tuple[str, ...] = ()  # annotation ids a gold span came from
    link: str | None = None  # shared by the fragments of one discontinuous span
    model: str = ""  # "id@version" of the model that coded it (origin "model"), else ""


@dataclass
class DocumentCode:
    document_id: str
    coder_id: str
    code_id: str
    value: str = "1"
    note: str = ""
    updated_at: str = ""
    deleted: bool = False


@dataclass
class Assignment:
    document_id: str
    coder_id: str
    status: Status = "assigned"
    updated_at: str = ""


@dataclass
class Batch:
    name: str
    id: str = field(default_factory=new_id)
    source: str = ""
    imported_at: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)


@dataclass
class Segmentation:
    """Token, sentence and paragraph boundaries of one document, as parallel
    start/end arrays of code-point offsets, with the pipeline that made them."""

    document_id: str
    model: str
    token_starts: array = field(default_factory=lambda: array("i"))
    token_ends: array = field(default_factory=lambda: array("i"))
    sentence_starts: array = field(default_factory=lambda: array("i"))
    sentence_ends: array = field(default_factory=lambda: array("i"))
    paragraph_starts: array = field(default_factory=lambda: array("i"))
    paragraph_ends: array = field(default_factory=lambda: array("i"))
    entities: list[tuple[int, int, str]] = field(default_factory=list)

    def units(self, unit: str) -> list[tuple[int, int]]:
        if unit == "token":
            return list(zip(self.token_starts, self.token_ends, strict=False))
        if unit == "sentence":
            return list(zip(self.sentence_starts, self.sentence_ends, strict=False))
        if unit == "paragraph":
            return list(zip(self.paragraph_starts, self.paragraph_ends, strict=False))
        raise ValueError(f"Unknown unit {unit!r}; use token, sentence or paragraph.")


@dataclass
class Suggestion:
    document_id: str
    start: int
    end: int
    kind: str  # speaker | cue | content | entity
    label: str = ""  # proposed code id or entity label
    detail: dict[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=new_id)
    status: str = "open"  # open | accepted | rejected
    model: str = ""
