"""The document list of one filter and sort order, paged by key.

The order of the whole list is read once (one integer per document); a page is
then a range of that order, read by key, so the last page of 100,000 articles
costs what the first does and a jump of the scroll bar reads one page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from annotator.core.models import DocumentSummary
from annotator.store.project import Project

if TYPE_CHECKING:  # coding's iter_listing builds on this module
    from annotator.services.coding import ListFilter


class DocumentListing:
    def __init__(self, project: Project, flt: ListFilter, *, sort: str = "added", descending: bool = False):
        self.project = project
        self.filter = flt
        self.sort, self.descending = sort, descending
        self._keys = np.asarray(
            project.documents.ordered_keys(**flt.kwargs(), sort=sort, descending=descending), dtype=np.int64
        )

    def __len__(self) -> int:
        return len(self._keys)

    def page(self, start: int, stop: int) -> list[DocumentSummary]:
        """The rows ``start`` to ``stop`` (exclusive) of the list."""
        keys = self._keys[max(start, 0) : max(stop, 0)]
        return self.project.documents.summaries_by_keys(keys.tolist(), coder_id=self.filter.coder_id)

    def __iter__(self) -> Iterator[DocumentSummary]:
        for start in range(0, len(self._keys), 2000):
            yield from self.page(start, start + 2000)

    def index_of(self, document_id: str) -> int | None:
        """The row of a document in this list, or None when it is not in it."""
        key = self.project.documents.document_key(document_id)
        if key is None:
            return None
        found = np.flatnonzero(self._keys == key)
        return int(found[0]) if len(found) else None

    def same_order(self, other: DocumentListing) -> bool:
        """Whether ``other`` lists the same documents in the same order."""
        return np.array_equal(self._keys, other._keys)

    def reread(self) -> DocumentListing:
        """The list as it is now in the project (statuses change, documents arrive)."""
        return DocumentListing(self.project, self.filter, sort=self.sort, descending=self.descending)
