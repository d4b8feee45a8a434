"""The data agreement is computed from (a project's codings as core objects or
numpy columns) and the shapes it is turned into: variables, the unit-by-coder
data of one unit of analysis, and the segments of the continuum."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from annotator.agreement.errors import AgreementError
from annotator.agreement.unitizing import Segments
from annotator.core.codebook import Codebook
from annotator.core.models import Annotation, DocumentCode, Segmentation

UNITS = ("document", "paragraph", "sentence", "token", "continuum")
SEGMENT_UNITS = ("paragraph", "sentence", "token")
NONE_LABEL = "(none)"
PRESENCE = ("absent", "present")
_TRUE_VALUES = {"", "1", "true", "yes", "x"}


@dataclass
class CodingData:
    """Everything the engine needs, gathered by the caller (e.g. from the store).

    ``lengths``: text length per document of the reliability sample, in the
    order documents should be listed; ``coded``: which coders count as having
    coded each document; ``segmentations`` are needed for paragraph, sentence
    and token units.
    """

    lengths: Mapping[str, int]
    codebook: Codebook
    coded: Mapping[str, Collection[str]]
    annotations: Sequence[Annotation] = ()
    document_codes: Sequence[DocumentCode] = ()
    segmentations: Mapping[str, Segmentation] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)
    # ``coded`` as a matrix (documents in ``lengths`` order x these coders), when the caller has it
    coded_matrix: tuple[tuple[str, ...], np.ndarray] | None = None
    # compute_report's cache of the spans for (documents, coders); present only during its call
    _spans_cache: tuple[tuple[tuple[str, ...], tuple[str, ...]], _Spans] | None = field(
        init=False, repr=False, compare=False
    )


@dataclass(frozen=True)
class Variable:
    id: str  # the code's or group's id
    name: str  # its codebook path, e.g. "Source type/Government official"
    kind: str  # code | group | document-code | document-group | document-value
    categories: tuple  # value labels; a matrix cell holds an index into this
    level: str = "nominal"
    codes: tuple[str, ...] = ()  # code ids it reads; for groups, in value order

    @property
    def is_span(self) -> bool:
        return self.kind in ("code", "group")

    @property
    def numeric_categories(self) -> tuple[float, ...] | None:
        try:
            return tuple(float(c) for c in self.categories)
        except (TypeError, ValueError):
            return None

    def alpha_categories(self) -> tuple:
        """The categories as alpha's distance functions take them at this level."""
        if self.level == "ordinal" and self.numeric_categories is None:
            # values named in the codebook, listed in their order: ordinal
            # distances depend on that order only, so their ranks stand for them
            return tuple(range(len(self.categories)))
        if self.level in ("interval", "ratio"):
            nums = self.numeric_categories
            if nums is None:
                raise AgreementError(
                    f"The variable {self.name!r} needs numeric values for the {self.level} level."
                )
            return nums
        return tuple(self.categories)


@dataclass
class UnitData:
    """Reliability matrices (units x coders, ``-1`` = missing) for each variable."""

    unit: str
    coders: tuple[str, ...]
    documents: tuple[str, ...]
    unit_doc: np.ndarray  # index into documents
    unit_start: np.ndarray  # offsets in the document
    unit_end: np.ndarray
    coded: np.ndarray  # documents x coders
    variables: list[Variable]
    values: list[np.ndarray]
    notes: list[str] = field(default_factory=list)

    def matrix(self, variable_id: str) -> np.ndarray:
        for v, m in zip(self.variables, self.values, strict=True):
            if v.id == variable_id:
                return m
        raise AgreementError(f"No variable {variable_id!r} in this reliability data.")

    def unit_labels(self) -> list[str]:
        if self.unit == "document":
            return list(np.asarray(self.documents, dtype=object)[self.unit_doc])
        first = np.searchsorted(self.unit_doc, self.unit_doc, side="left")
        index = np.arange(len(self.unit_doc)) - first
        return [
            f"{self.documents[d]}:{self.unit}:{i}"
            for d, i in zip(self.unit_doc.tolist(), index.tolist(), strict=True)
        ]


@dataclass
class ContinuumData:
    coders: tuple[str, ...]
    documents: tuple[str, ...]
    lengths: np.ndarray
    coded: np.ndarray
    variables: list[Variable]
    segments: list[Segments]  # value numbers index categories (0 = gap)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Spans:
    doc: np.ndarray
    coder: np.ndarray
    start: np.ndarray
    end: np.ndarray
    code: np.ndarray  # index into codebook.codes
    label: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
