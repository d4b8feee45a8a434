"""The article-level form, built from the document-scope codes: a choice for
each exclusive group, a check box for each other code, and a note beside
every variable. Each change is emitted at once for the window to save."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.codebook import Codebook
from annotator.core.models import DocumentCode
from annotator.gui.common.safe_text import plain_tooltip


class DocumentCodesForm(QWidget):
    """Emits ``code_set(code_id, note)`` and ``code_cleared(code_id)``."""

    code_set = Signal(str, str)
    code_cleared = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Article-level codes"))
        self.codebook = Codebook()
        self._choices: dict[str, QComboBox] = {}  # group id -> combo of its values
        self._checks: dict[str, QCheckBox] = {}
        self._notes: dict[str, QLineEdit] = {}  # group or code id -> note field
        self._state: dict[str, DocumentCode] = {}
        self._updating = False
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self._form.setVerticalSpacing(6)
        self._empty = QLabel(self.tr("This codebook has no article-level codes."))
        self._empty.setWordWrap(True)
        self._empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 8, 8)
        layout.addLayout(self._form)
        layout.addWidget(self._empty)
        layout.addStretch(1)

    def set_codebook(self, codebook: Codebook) -> None:
        self.codebook = codebook
        while self._form.rowCount():
            self._form.removeRow(0)
        self._choices, self._checks, self._notes = {}, {}, {}
        groups = {g.id for g in codebook.exclusive_groups("document") if not g.archived}
        for _, code in codebook.walk():
            if code.scope != "document" or code.archived:
                continue
            if code.id in groups:
                combo = QComboBox()
                combo.setAccessibleName(code.name)
                combo.setToolTip(plain_tooltip(code.description))
                combo.addItem(self.tr("(not coded)"), None)
                for value in codebook.children(code.id):
                    if not value.archived:
                        combo.addItem(value.name, value.id)
                        combo.setItemData(
                            combo.count() - 1, plain_tooltip(value.description), Qt.ItemDataRole.ToolTipRole
                        )
                combo.currentIndexChanged.connect(lambda _i, g=code.id: self._choice_changed(g))
                self._choices[code.id] = combo
                self._form.addRow(self._label(code.name, code.description), combo)
                self._form.addRow("", self._note_field(code.id, code.name))
            elif code.parent_id not in groups and not codebook.children(code.id):
                box = QCheckBox(code.name)
                box.setAccessibleName(code.name)
                box.setToolTip(plain_tooltip(code.description))
                box.toggled.connect(lambda on, c=code.id: self._check_toggled(c, on))
                self._checks[code.id] = box
                self._form.addRow(box)
                self._form.addRow("", self._note_field(code.id, code.name))
        self._empty.setVisible(not (self._choices or self._checks))
        self.set_state(self._state)

    def _label(self, text: str, tip: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setToolTip(plain_tooltip(tip))
        return label

    def _note_field(self, key: str, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setPlaceholderText(self.tr("Note"))
        field.setAccessibleName(self.tr("Note on {0}").format(name))
        field.editingFinished.connect(lambda k=key: self._note_finished(k))
        self._notes[key] = field
        return field

    def set_state(self, state: dict[str, DocumentCode]) -> None:
        """Show the coder's article-level codes (code id -> DocumentCode)."""
        self._state = dict(state)
        self._updating = True
        try:
            for group_id, combo in self._choices.items():
                chosen = next(
                    (
                        c
                        for c in state
                        if self.codebook.get(c) is not None and self.codebook[c].parent_id == group_id
                    ),
                    None,
                )
                combo.setCurrentIndex(max(combo.findData(chosen), 0))
                self._set_note(group_id, state[chosen].note if chosen else "", enabled=chosen is not None)
            for code_id, box in self._checks.items():
                box.setChecked(code_id in state)
                self._set_note(
                    code_id, state[code_id].note if code_id in state else "", enabled=code_id in state
                )
        finally:
            self._updating = False

    def _set_note(self, key: str, text: str, *, enabled: bool) -> None:
        field = self._notes.get(key)
        if field is not None:
            if field.text() != text:
                field.setText(text)
            field.setEnabled(enabled)

    def _choice_changed(self, group_id: str) -> None:
        if self._updating:
            return
        value = self._choices[group_id].currentData()
        if value is None:
            previous = next(
                (
                    c
                    for c in self._state
                    if self.codebook.get(c) is not None and self.codebook[c].parent_id == group_id
                ),
                None,
            )
            if previous:
                self.code_cleared.emit(previous)
        else:
            self.code_set.emit(value, self._notes[group_id].text())

    def _check_toggled(self, code_id: str, on: bool) -> None:
        if self._updating:
            return
        if on:
            self.code_set.emit(code_id, self._notes[code_id].text())
        else:
            self.code_cleared.emit(code_id)

    def _note_finished(self, key: str) -> None:
        if self._updating:
            return
        note = self._notes[key].text()
        code_id = self._choices[key].currentData() if key in self._choices else key
        if code_id and code_id in self._state and self._state[code_id].note != note:
            self.code_set.emit(code_id, note)
