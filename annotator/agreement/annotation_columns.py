"""Annotations held as columns of numbers, as the store reads them for agreement."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from annotator.core.models import Annotation


@dataclass(eq=False)
class AnnotationColumns(Sequence[Annotation]):
    """Live annotations held as columns (e.g. read straight from the store):
    ``doc``, ``coder`` and ``code`` index ``documents``, ``coders`` and ``codes``
    (``-1``: none of them). The engine reads the columns; iterating makes
    :class:`Annotation` objects one at a time, for code that wants them."""

    documents: tuple[str, ...]
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    doc: np.ndarray
    coder: np.ndarray
    code: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.doc)

    @overload
    def __getitem__(self, i: int) -> Annotation: ...

    @overload
    def __getitem__(self, i: slice) -> list[Annotation]: ...

    def __getitem__(self, i: int | slice) -> Annotation | list[Annotation]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        code = int(self.code[i])
        return Annotation(
            self.documents[int(self.doc[i])],
            self.coders[int(self.coder[i])],
            self.codes[code] if code >= 0 else "",
            int(self.start[i]),
            int(self.end[i]),
        )
