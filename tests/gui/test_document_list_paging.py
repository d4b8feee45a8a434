"""The window's document list reads a page by key (issue 19, item 0): the page
at the end of a long list, a jump of the scroll bar and finding a document's
row cost about what the first page costs, counted in SQLite's own steps so the
machine's load does not matter."""

from __future__ import annotations

import pytest

from annotator.core.models import Coder, Document
from annotator.services.coding import ListFilter
from annotator.store.project import Project

pytestmark = pytest.mark.gui


def _vm_steps(project: Project, fn) -> int:
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    project.conn.set_progress_handler(tick, 1000)
    try:
        fn()
    finally:
        project.conn.set_progress_handler(None, 0)
    return steps[0]


@pytest.mark.parametrize("sort", [-1, 0, 1])  # order of import, title, outlet
def test_the_last_page_costs_what_the_first_costs(qtbot, tmp_path, sort):
    from PySide6.QtCore import Qt

    from annotator.gui.workbench.document_list import DocumentTableModel

    n = 8_000
    with Project.create(tmp_path / "long.annotator") as p:
        ana = p.add_coder(Coder("ana")).id
        docs = [
            Document(f"Text {i} " + "word " * 60, title=f"T{i:05d}", outlet=f"O{i % 97}") for i in range(n)
        ]
        p.documents.add_documents(docs)
        model = DocumentTableModel(p, ListFilter(ana))
        model.sort(sort, Qt.SortOrder.AscendingOrder)
        assert model.rowCount() == n
        first = _vm_steps(p, lambda: model.summary(0))
        last = _vm_steps(p, lambda: model.summary(n - 1))
        jump = _vm_steps(p, lambda: model.summary(n // 2 + 7))
        assert last <= 2 * first + 5 and jump <= 2 * first + 5, (first, jump, last)
        model._pages.clear()
        target = model.summary(n - 3).id
        model._pages.clear()
        assert _vm_steps(p, lambda: model.row_of(target)) <= 2 * first + 5
        assert model.row_of(target) == n - 3
        model.detach()
