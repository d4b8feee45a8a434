"""The adjudication side of the compare view: accept a coder's span as gold,
with other boundaries or another code if need be, and the reason.

Every write goes through ``annotator.services.adjudication``; the panel only
collects the adjudicator's choice and reports the outcome in one sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation
from annotator.gui.common.swatch import swatch
from annotator.services.adjudication import Disagreement
from annotator.services.compare import CompareService

ID_ROLE = Qt.ItemDataRole.UserRole


def snippet(text: str, start: int, end: int, limit: int = 60) -> str:
    quote = " ".join(text[start:end].split())
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"


class AdjudicationPanel(QWidget):
    changed = Signal()  # gold annotations were written
    source_selected = Signal(str)  # annotation id

    def __init__(self, service: CompareService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setAccessibleName(self.tr("Adjudication"))
        self.document_id: str | None = None
        self.text = ""
        self.coder_ids: list[str] = []
        self.disagreement: Disagreement | None = None
        self.names: dict[str, str] = {}

        self.sources = QListWidget(self)
        self.sources.setAccessibleName(self.tr("Coders' spans here"))
        self.sources.setMaximumHeight(92)
        self.sources.setIconSize(QSize(12, 12))
        self.sources.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.sources.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sources.currentItemChanged.connect(lambda *_: self._source_changed())
        self.code_combo = QComboBox(self)
        self.code_combo.setAccessibleName(self.tr("Gold code"))
        self.start_spin = QSpinBox(self)
        self.start_spin.setAccessibleName(self.tr("Gold span start"))
        self.end_spin = QSpinBox(self)
        self.end_spin.setAccessibleName(self.tr("Gold span end"))
        for spin in (self.start_spin, self.end_spin):
            spin.valueChanged.connect(lambda _: self._show_quote())
        self.quote_label = QLabel(self)
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)  # article text, never markup
        self.quote_label.setAccessibleName(self.tr("Gold span text"))
        self.quote_label.setWordWrap(True)
        self.quote_label.setMinimumHeight(self.quote_label.fontMetrics().lineSpacing() * 3 + 4)
        self.quote_label.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("Why this is the right coding"))
        self.reason_edit.returnPressed.connect(self.accept_selected)
        self.accept_button = QPushButton(self.tr("Accept as gold"), self)
        self.accept_button.setAccessibleName(self.tr("Accept as gold"))
        self.accept_button.setToolTip(self.tr("Save the chosen span as the gold standard (Ctrl+Return)"))
        self.accept_button.setShortcut("Ctrl+Return")
        self.accept_button.clicked.connect(self.accept_selected)
        self.remove_button = QPushButton(self.tr("Remove gold span"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected gold span"))
        self.remove_button.setToolTip(self.tr("Click a bar in the gold lane to choose it"))
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected_gold)
        self.gold: Annotation | None = None
        self.agreed_button = QToolButton(self)
        self.agreed_button.setText(self.tr("Accept all agreed spans"))
        self.agreed_button.setAccessibleName(self.tr("Accept all agreed spans"))
        self.agreed_button.setToolTip(
            self.tr(
                "Every span all the chosen coders gave the same code and boundaries in this document becomes gold"
            )
        )
        self.agreed_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.agreed_button.clicked.connect(self.accept_agreed)
        menu = QMenu(self.agreed_button)
        self.agreed_everywhere = menu.addAction(self.tr("In every article of the project"))
        self.agreed_everywhere.triggered.connect(lambda: self.accept_agreed(everywhere=True))
        self.agreed_button.setMenu(menu)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # quotes article text and names
        self.status.setAccessibleName(self.tr("Adjudication message"))
        self.status.setWordWrap(True)

        bounds = QHBoxLayout()
        bounds.addWidget(self.start_spin)
        bounds.addWidget(QLabel("–", self))
        bounds.addWidget(self.end_spin)
        bounds.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code_combo)
        form.addRow(self.tr("Span"), bounds)
        form.addRow("", self.quote_label)
        form.addRow(self.tr("Reason"), self.reason_edit)
        heading = QLabel(self.tr("Gold standard"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        buttons = QHBoxLayout()
        buttons.addWidget(self.agreed_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.sources)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._enable(False)

    # --- state ------------------------------------------------------------------------

    def set_context(
        self, document_id: str | None, text: str, coder_ids: list[str], names: dict[str, str]
    ) -> None:
        self.document_id, self.text, self.coder_ids, self.names = document_id, text, coder_ids, names
        for spin in (self.start_spin, self.end_spin):
            spin.setRange(0, len(text))
        self.agreed_button.setEnabled(document_id is not None and len(coder_ids) >= 2)
        self.gold = None
        self.remove_button.setEnabled(False)
        self.show_disagreement(None)

    def show_disagreement(self, disagreement: Disagreement | None) -> None:
        self.disagreement = disagreement
        self.sources.clear()
        codebook = self.service.codebook()
        self.code_combo.clear()
        if disagreement is None:
            self._enable(False)
            return
        for a in disagreement.annotations:
            code = codebook.get(a.code_id)
            label = self.tr("{coder}: {code}, {start}–{end} “{quote}”").format(
                coder=self.names.get(a.coder_id, "?"),
                code=code.name if code else "?",
                start=a.start,
                end=a.end,
                quote=snippet(self.text, a.start, a.end, 40),
            )
            item = QListWidgetItem(swatch(code.color if code else "#888888"), label)
            item.setData(ID_ROLE, a.id)
            self.sources.addItem(item)
        first = list(disagreement.code_ids)
        for code_id in first + [c.id for c in codebook.leaves("span") if c.id not in first]:
            code = codebook.get(code_id)
            if code is not None:
                self.code_combo.addItem(swatch(code.color), codebook.path(code.id, " › "), code.id)
        if first:
            self.code_combo.insertSeparator(len(first))
        self._enable(True)
        self.reason_edit.clear()
        self.sources.setCurrentRow(0)

    def set_range(self, start: int, end: int) -> None:
        """Boundaries chosen by dragging over the text."""
        if self.disagreement is None:
            self._message(
                self.tr("Choose a disagreement first; then drag over the words the gold span should cover."),
                error=True,
            )
            return
        self.start_spin.setValue(start)
        self.end_spin.setValue(end)
        self._show_quote()
        self._message("")

    def select_gold(self, gold: Annotation | None) -> None:
        """A gold span chosen in its lane: say what it is and allow removing it."""
        self.gold = gold
        self.remove_button.setEnabled(gold is not None)
        if gold is None:
            return
        code = self.service.codebook().get(gold.code_id)
        text = self.tr("Gold: {0}, “{1}”, from %n coder span(s).", "", len(gold.derived_from)).format(
            code.name if code else "?", snippet(self.text, gold.start, gold.end, 50)
        )
        if gold.note:
            text += " " + self.tr("Reason: {0}").format(gold.note)
        self._message(text)

    def remove_selected_gold(self) -> bool:
        if self.gold is None:
            return False
        try:
            self.service.remove_gold(self.gold.id)
        except AnnotatorError as exc:
            self._message(str(exc), error=True)
            return False
        self._message(
            self.tr("Removed the gold span “{0}”.").format(
                snippet(self.text, self.gold.start, self.gold.end, 40)
            )
        )
        self.select_gold(None)
        self.changed.emit()
        return True

    def select_source(self, annotation_id: str) -> bool:
        for i in range(self.sources.count()):
            if self.sources.item(i).data(ID_ROLE) == annotation_id:
                self.sources.setCurrentRow(i)
                return True
        return False

    def selected_source(self) -> Annotation | None:
        item = self.sources.currentItem()
        if item is None or self.disagreement is None:
            return None
        return next((a for a in self.disagreement.annotations if a.id == item.data(ID_ROLE)), None)

    def _source_changed(self) -> None:
        source = self.selected_source()
        if source is None:
            return
        self.start_spin.setValue(source.start)
        self.end_spin.setValue(source.end)
        self._show_quote()
        index = self.code_combo.findData(source.code_id)
        if index >= 0:
            self.code_combo.setCurrentIndex(index)
        self.source_selected.emit(source.id)

    def _show_quote(self) -> None:
        s, e = self.start_spin.value(), self.end_spin.value()
        self.quote_label.setText(f"“{snippet(self.text, s, e, 110)}”" if e > s else self.tr("(empty span)"))

    def _enable(self, on: bool) -> None:
        for w in (
            self.sources,
            self.code_combo,
            self.start_spin,
            self.end_spin,
            self.reason_edit,
            self.accept_button,
        ):
            w.setEnabled(on)
        if not on:
            self.quote_label.clear()

    def _message(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b3261e;" if error else "")
        self.status.setText(text)

    # --- writing ----------------------------------------------------------------------

    def _judge(self) -> str:
        return self.service.judge_id(self.tr("Gold standard"))

    def accept_selected(self) -> Annotation | None:
        """Save the chosen span, with the boundaries, code and reason in the form."""
        source = self.selected_source()
        disagreement = self.disagreement
        if source is None or disagreement is None:
            self._message(self.tr("Choose the coder's span to accept."), error=True)
            return None
        start, end = self.start_spin.value(), self.end_spin.value()
        if end <= start:
            self._message(self.tr("The gold span must end after it starts."), error=True)
            return None
        # every coder span this gold span rests on: the chosen one and those
        # of the same code on the same words
        sources = [source.id] + [
            a.id
            for a in disagreement.annotations
            if a.id != source.id
            and a.code_id == self.code_combo.currentData()
            and a.start < end
            and start < a.end
        ]
        try:
            gold = self.service.accept_span(
                self._judge(),
                sources,
                start=start,
                end=end,
                code_id=self.code_combo.currentData(),
                reason=self.reason_edit.text(),
            )
        except AnnotatorError as exc:
            self._message(str(exc), error=True)
            return None
        code = self.service.codebook().get(gold.code_id)
        self._message(
            self.tr("Saved as gold: {0}, “{1}”.").format(
                code.name if code else "?", snippet(self.text, gold.start, gold.end, 40)
            )
        )
        self.changed.emit()
        return gold

    def accept_agreed(self, *, everywhere: bool = False) -> int:
        """Gold for every span the chosen coders agree on, in this article or in all."""
        if self.document_id is None:
            return 0
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            judge = self._judge()
            coders = [c for c in self.coder_ids if c != judge]  # gold may be ticked as a rater in the view
            added = self.service.accept_agreed(judge, coders, None if everywhere else [self.document_id])
        except AnnotatorError as exc:
            self._message(str(exc), error=True)
            return 0
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._message(
            self.tr("%n agreed span(s) added to the gold standard.", "", added)
            if added
            else self.tr("No agreed span was left to add.")
        )
        self.changed.emit()
        return added
