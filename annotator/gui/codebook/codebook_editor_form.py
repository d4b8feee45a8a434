"""The details of one code in the codebook editor: name, colour, shortcut,
scope, exclusive group, coding instructions and how much it is used.

The form only shows a code and holds the fields; the dialog connects the
fields' signals to the methods that save each change through the project.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from annotator.core.codebook import Code, Codebook
from annotator.gui.common.swatch import swatch


class CodeForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Code details"))
        self.path_label = QLabel(self)
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.path_label.setAccessibleName(self.tr("Place in the codebook"))
        self.path_label.setWordWrap(True)
        self.path_label.setStyleSheet("color: palette(mid);")
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Code name"))
        self.color_button = QPushButton(self)
        self.color_button.setAccessibleName(self.tr("Colour"))
        self.color_button.setToolTip(self.tr("Choose the highlight colour of this code"))
        self.color_button.setAutoDefault(False)
        self.shortcut_edit = QLineEdit(self)
        self.shortcut_edit.setAccessibleName(self.tr("Shortcut key"))
        self.shortcut_edit.setPlaceholderText(self.tr("a key such as 1, g or Ctrl+1"))
        self.shortcut_edit.setMaxLength(24)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setAccessibleName(self.tr("Scope"))
        self.scope_combo.addItem(self.tr("Span: applied to passages of text"), "span")
        self.scope_combo.addItem(self.tr("Document: applied to the whole article"), "document")
        self.exclusive_check = QCheckBox(self.tr("Its sub-codes are mutually exclusive values"), self)
        self.exclusive_check.setAccessibleName(self.tr("Exclusive group"))
        self.exclusive_check.setToolTip(
            self.tr(
                "A coder's spans of two values of this group never overlap (for example, one source type per source)."
            )
        )
        self.level_combo = QComboBox(self)
        self.level_combo.setAccessibleName(self.tr("Level of measurement"))
        for level, text in (
            ("nominal", self.tr("Nominal: categories without order")),
            ("ordinal", self.tr("Ordinal: ordered values (in the order listed)")),
            ("interval", self.tr("Interval: numeric values")),
            ("ratio", self.tr("Ratio: numeric values from a true zero")),
        ):
            self.level_combo.addItem(text, level)
        self.level_combo.setToolTip(
            self.tr(
                "How agreement compares this variable's values, in the window and on the command line. "
                "For an exclusive article-level group or an article-level code with values."
            )
        )
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setAccessibleName(self.tr("Coding instructions"))
        self.description_edit.setPlaceholderText(
            self.tr(
                "When to apply this code, with an example and a counter-example. Coders see this while coding."
            )
        )
        self.usage_label = QLabel(self)
        self.usage_label.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.usage_label.setAccessibleName(self.tr("Use of this code"))
        self.usage_label.setWordWrap(True)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.path_label)
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&Colour"), self.color_button)
        form.addRow(self.tr("&Shortcut"), self.shortcut_edit)
        form.addRow(self.tr("Sc&ope"), self.scope_combo)
        form.addRow("", self.exclusive_check)
        form.addRow(self.tr("&Level"), self.level_combo)
        form.addRow(self.tr("Coding &instructions"), self.description_edit)
        form.addRow("", self.usage_label)

    def clear(self) -> None:
        for w in (self.name_edit, self.shortcut_edit, self.description_edit):
            w.clear()
        self.path_label.clear()
        self.usage_label.clear()

    def show_code(self, code: Code, codebook: Codebook, uses: int) -> None:
        parent_path = codebook.path(code.parent_id, " / ") if code.parent_id else self.tr("top level")
        self.path_label.setText(self.tr("In: {0}").format(parent_path))
        self.name_edit.setText(code.name)
        self.color_button.setIcon(swatch(code.color, 16))
        self.color_button.setText(code.color)
        self.shortcut_edit.setText(code.shortcut)
        self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(code.scope)))
        self.exclusive_check.setChecked(code.exclusive)
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(code.level)))
        # a level means something only for a variable whose values can be ordered;
        # a level already set stays editable, so it can be taken back
        variable = code.scope == "document" and (code.exclusive or not codebook.children(code.id))
        self.level_combo.setEnabled(variable or code.level != "nominal")
        if self.description_edit.toPlainText() != code.description:
            self.description_edit.setPlainText(code.description)
        if uses:
            text = self.tr(
                "Used %n time(s) in annotations or article codes; it can be archived but not deleted.",
                "",
                uses,
            )
        elif codebook.children(code.id):
            text = self.tr("Not used; delete or move its sub-codes before deleting it.")
        else:
            text = self.tr("Not used yet; it can be deleted.")
        if code.archived:
            text = self.tr("Archived: hidden from coders, annotations kept. ") + text
        self.usage_label.setText(text)
