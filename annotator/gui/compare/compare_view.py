"""Compare coders on one document, step through their disagreements, and
adjudicate (issue 6, items 4 and 5).

What differs, this document's figures and the gold standard come from
``annotator.services.compare``; this module only shows them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.compare.compare_adjudicate import AdjudicationPanel, snippet
from annotator.gui.compare.compare_lanes import Lane, LaneSpan, LanesWidget, Mark
from annotator.services.adjudication import Disagreement, DocumentFigures
from annotator.services.compare import ComparedDocument, CompareService

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_DOCUMENTS = 5000  # the chooser lists this many; the main window opens any other by id


class CompareView(QDialog):
    def __init__(self, project, parent: QWidget | None = None, document_id: str | None = None) -> None:
        super().__init__(parent)
        self.service = CompareService(project)
        self.setWindowTitle(self.tr("Compare coders — {0}").format(self.service.name))
        self.setAccessibleName(self.tr("Compare coders"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1280, 800)
        self.document_id: str | None = None
        self.text = ""
        self.items: list[Disagreement] = []
        self.compared = ComparedDocument(None)
        self.names = {c.id: c.name for c in self.service.coders()}
        self._build()
        self._fill_documents(document_id)
        self.refresh()

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self.document_combo = QComboBox(self)
        self.document_combo.setAccessibleName(self.tr("Document"))
        self.document_combo.setMinimumContentsLength(24)
        self.document_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document_combo.activated.connect(lambda _: self.set_document(self.document_combo.currentData()))
        top = QHBoxLayout()
        label = QLabel(self.tr("&Document"), self)
        label.setBuddy(self.document_combo)
        top.addWidget(label)
        top.addWidget(self.document_combo, 1)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Coders:"), self))
        self.coder_checks: dict[str, QCheckBox] = {}
        self.coders_row = top
        self._sync_coder_checks()

        self.lanes = LanesWidget(self)
        self.lanes.span_clicked.connect(self._span_clicked)
        self.lanes.range_selected.connect(lambda start, end: self.panel.set_range(start, end))
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.lanes)
        self.scroll.setAccessibleName(self.tr("Document text"))

        self.figures = QLabel(self)
        self.figures.setTextFormat(Qt.TextFormat.PlainText)  # coder names
        self.figures.setAccessibleName(self.tr("Agreement in this document"))
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Disagreements"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(self._row_changed)
        self.prev_button = QPushButton(self.tr("◀ Previous (P)"), self)
        self.prev_button.setAccessibleName(self.tr("Previous disagreement"))
        self.prev_button.clicked.connect(self.previous_disagreement)
        self.next_button = QPushButton(self.tr("Next (N) ▶"), self)
        self.next_button.setAccessibleName(self.tr("Next disagreement"))
        self.next_button.clicked.connect(self.next_disagreement)
        steps = QHBoxLayout()
        steps.addWidget(self.prev_button)
        steps.addWidget(self.next_button)
        for key, slot in (("N", self.next_disagreement), ("P", self.previous_disagreement)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.panel = AdjudicationPanel(self.service, self)
        self.panel.changed.connect(self._gold_changed)
        self.panel.source_selected.connect(self.lanes.set_selected_annotation)

        heading = QLabel(self.tr("Disagreements"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        upper = QWidget(self)
        sv = QVBoxLayout(upper)
        sv.setContentsMargins(6, 0, 0, 0)
        sv.addWidget(self.figures)
        sv.addWidget(heading)
        sv.addWidget(self.list, 1)
        sv.addLayout(steps)
        self.panel.layout().setContentsMargins(6, 6, 0, 0)
        # the adjudicator decides how much room the list and the gold form get
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(upper)
        side.addWidget(self.panel)
        side.setStretchFactor(0, 1)
        side.setStretchFactor(1, 0)
        side.setChildrenCollapsible(False)

        splitter = QSplitter(self)
        splitter.addWidget(self.scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.legend = QLabel(self)
        self.legend.setAccessibleName(self.tr("Legend"))
        self.legend.setStyleSheet("color: palette(placeholder-text);")
        self.legend.setWordWrap(True)
        self.legend.setText(
            self.tr(
                "One lane per coder under each line; tinted text: a disagreement. Click a bar to choose that span; "
                "drag over the text to set the gold span's boundaries."
            )
        )
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(splitter, 1)
        outer.addWidget(self.legend)

    def _sync_coder_checks(self) -> None:
        """One check box per coder; the gold standard can be ticked too, to
        compare each coder with it (it is off by default)."""
        for coder in self.service.coders():
            if coder.id in self.coder_checks:
                continue
            gold = coder.role == "adjudicator"
            check = QCheckBox(self.tr("{0} (gold)").format(coder.name) if gold else coder.name, self)
            check.setAccessibleName(self.tr("Compare {0}").format(coder.name))
            check.setChecked(not gold)
            check.toggled.connect(lambda _on: self.refresh())
            self.coder_checks[coder.id] = check
            self.coders_row.addWidget(check)

    def _fill_documents(self, document_id: str | None) -> None:
        self.document_combo.clear()
        for choice in self.service.documents(MAX_DOCUMENTS):
            title = choice.title or self.tr("(untitled)")
            label = f"{title} — {choice.outlet}" if choice.outlet else title
            self.document_combo.addItem(label, choice.id)
        if document_id is not None and self.document_combo.findData(document_id) < 0:
            doc = self.service.document_choice(document_id)
            self.document_combo.addItem(doc.title or self.tr("(untitled)"), doc.id)
        index = self.document_combo.findData(document_id) if document_id else 0
        self.document_combo.setCurrentIndex(max(0, index))
        self.document_id = self.document_combo.currentData()

    # --- state ------------------------------------------------------------------------

    def coder_ids(self) -> list[str]:
        return [cid for cid, check in self.coder_checks.items() if check.isChecked()]

    def set_coders(self, coder_ids: list[str]) -> None:
        for cid, check in self.coder_checks.items():
            check.blockSignals(True)
            check.setChecked(cid in coder_ids)
            check.blockSignals(False)
        self.refresh()

    def set_document(self, document_id: str | None) -> None:
        if document_id is not None:
            index = self.document_combo.findData(document_id)
            if index < 0:
                doc = self.service.document_choice(document_id)
                self.document_combo.addItem(doc.title or self.tr("(untitled)"), doc.id)
                index = self.document_combo.count() - 1
            self.document_combo.setCurrentIndex(index)
        self.document_id = document_id
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        """Read this document's annotations and disagreements from the project."""
        coders = self.coder_ids()
        self.compared = self.service.compare(self.document_id, coders)
        self.text = self.compared.text
        self.items = self.compared.disagreements
        figures_text = ""
        if self.document_id and len(coders) >= 2:
            figures_text = self.compared.problem or (
                self._figures_text(self.compared.figures) if self.compared.figures else ""
            )
        elif self.document_id:
            figures_text = self.tr("Choose at least two coders to compare.")
        else:
            figures_text = self.tr("This project has no documents yet.")
        self.figures.setText(figures_text)
        self.lanes.set_content(self.text, self._lanes(coders), [Mark(d.start, d.end) for d in self.items])
        self._fill_list()
        self.panel.set_context(self.document_id, self.text, coders, self.names)
        if self.items:
            self.list.setCurrentRow(min(keep or 0, len(self.items) - 1))
        else:
            self.panel.show_disagreement(None)

    def _lanes(self, coders: list[str]) -> list[Lane]:
        if not self.document_id:
            return []
        codebook = self.service.codebook()
        coder_objs = {c.id: c for c in self.compared.coders}
        shown = list(coders) + [
            c.id for c in coder_objs.values() if c.role == "adjudicator" and c.id not in coders
        ]
        by_coder: dict[str, list[LaneSpan]] = {cid: [] for cid in shown}
        for a in (a for cid in shown for a in self.compared.spans.get(cid, ())):
            code = codebook.get(a.code_id)
            label = (
                codebook.path(a.code_id, " › ") if code else "?"
            ) + f"\n“{snippet(self.text, a.start, a.end)}”"
            if a.note:
                label += "\n" + a.note
            by_coder[a.coder_id].append(
                LaneSpan(a.start, a.end, code.color if code else "#888888", a.id, label)
            )
        lanes = []
        for cid in shown:
            coder = coder_objs[cid]
            gold = coder.role == "adjudicator"
            if gold and not by_coder[cid]:
                continue
            lanes.append(Lane(self.tr("gold") if gold else coder.name, coder.color, by_coder[cid], gold=gold))
        return lanes

    def _figures_text(self, f: DocumentFigures) -> str:
        def num(x: float | None) -> str:
            return "–" if x is None else f"{x:.2f}"

        lines = [
            self.tr("Spans: {0}").format(
                " · ".join(f"{self.names.get(c, '?')} {n}" for c, n in f.spans.items())
            )
        ]
        pairs = [
            f"{self.names.get(a, '?')}–{self.names.get(b, '?')} {num(overlap)} / {num(exact)}"
            for a, b, overlap, exact in f.pairs
        ]
        lines.append(self.tr("Span F1, overlapping / exact: {0}").format(" · ".join(pairs)))
        kinds = {
            "only_some": self.tr("only some coders"),
            "boundaries": self.tr("boundaries"),
            "code": self.tr("different codes"),
        }
        if f.disagreements:
            lines.append(
                self.tr("Disagreements: {0}").format(
                    ", ".join(f"{n} {kinds[k]}" for k, n in f.disagreements.items())
                )
            )
        else:
            lines.append(self.tr("No disagreements: every chosen coder coded this document alike."))
        return "\n".join(lines)

    def _fill_list(self) -> None:
        codebook = self.service.codebook()
        self.list.blockSignals(True)
        self.list.clear()
        for i, d in enumerate(self.items, 1):
            settled = self.compared.settled(d)
            mark = "✓ " if settled else ""
            text = f"{mark}{i}. {self._describe(d, codebook)}\n“{snippet(self.text, d.start, d.end, 70)}”"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, i - 1)
            if settled:
                item.setToolTip(self.tr("The gold standard has a span here."))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.prev_button.setEnabled(bool(self.items))
        self.next_button.setEnabled(bool(self.items))

    def _describe(self, d: Disagreement, codebook) -> str:
        codes = " / ".join(codebook.path(c, " › ") if c in codebook else "?" for c in d.code_ids)
        if d.kind == "only_some":
            return self.tr("{0}: only {1}").format(
                codes, ", ".join(self.names.get(c, "?") for c in d.coders_with)
            )
        if d.kind == "boundaries":
            return self.tr("{0}: different boundaries").format(codes)
        return self.tr("Different codes: {0}").format(
            " / ".join(codebook.get(c).name if c in codebook else "?" for c in d.code_ids)
        )

    # --- stepping -------------------------------------------------------------------------

    def current_disagreement(self) -> Disagreement | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def next_disagreement(self) -> None:
        if self.items:
            self.list.setCurrentRow((self.list.currentRow() + 1) % len(self.items))

    def previous_disagreement(self) -> None:
        if self.items:
            self.list.setCurrentRow((self.list.currentRow() - 1) % len(self.items))

    def _row_changed(self, row: int) -> None:
        d = self.items[row] if 0 <= row < len(self.items) else None
        self.lanes.set_current(row if d else None)
        self.panel.show_disagreement(d)
        if d is not None:
            # after the layout settles (the first time the view is shown)
            QTimer.singleShot(0, lambda: self._scroll_to(d))

    def _scroll_to(self, d: Disagreement) -> None:
        y = int(self.lanes.y_of(d.start))
        self.scroll.ensureVisible(0, y, 0, max(60, self.scroll.viewport().height() // 3))

    def _span_clicked(self, annotation_id: str) -> None:
        judges = self.service.judges()
        if judges:
            clicked = self.service.annotation(annotation_id)
            if clicked.coder_id in judges and clicked.coder_id not in self.coder_ids():
                self.panel.select_gold(clicked)
                self.lanes.set_selected_annotation(annotation_id)
                return
        if not self.panel.select_source(annotation_id):
            for row, d in enumerate(self.items):
                if annotation_id in d.annotation_ids:
                    self.list.setCurrentRow(row)
                    self.panel.select_source(annotation_id)
                    break
        self.lanes.set_selected_annotation(annotation_id)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Enter in the reason field accepts the span once (its own signal);
        # QDialog must not also "click" a default button
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _gold_changed(self) -> None:
        self.names = {c.id: c.name for c in self.service.coders()}
        self._sync_coder_checks()
        row = self.list.currentRow()
        message = self.panel.status.text()
        self.refresh(keep=row)
        self.panel.status.setText(message)
