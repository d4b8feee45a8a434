"""Project > Coders…: add coders, rename them, give them a colour and a role.
Every change is stored at once through the project services (as each coding
action is); coders are kept by id, so renaming one keeps their work theirs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.models import Coder
from annotator.gui.common.swatch import swatch
from annotator.services import projects
from annotator.services.project_files import Project

ID_ROLE = Qt.ItemDataRole.UserRole


class CodersDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Coders"))
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(self.tr("Coders"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Colour"), self.tr("Annotations")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the names get the room
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)

        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Name of the chosen coder"))
        self.role_box = QComboBox(self)
        self.role_box.setAccessibleName(self.tr("Role of the chosen coder"))
        for role, label in self.role_labels().items():
            self.role_box.addItem(label, role)
        self.colour_button = QPushButton(self.tr("Colour…"), self)
        self.colour_button.setAccessibleName(self.tr("Colour of the chosen coder"))
        chosen = QGroupBox(self.tr("The chosen coder"), self)
        form = QFormLayout(chosen)
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&Role"), self.role_box)
        form.addRow(self.tr("Co&lour"), self.colour_button)

        self.new_name = QLineEdit(self)
        self.new_name.setAccessibleName(self.tr("New coder's name"))
        self.new_name.setPlaceholderText(self.tr("A new coder's name"))
        self.new_role = QComboBox(self)
        self.new_role.setAccessibleName(self.tr("New coder's role"))
        for role, label in self.role_labels().items():
            self.new_role.addItem(label, role)
        add = QPushButton(self.tr("&Add coder"), self)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 2)
        add_row.addWidget(self.new_role, 1)
        add_row.addWidget(add)

        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names come from the data
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for b in buttons.buttons():
            if isinstance(b, QPushButton):
                b.setAutoDefault(False)
        for b in (add, self.colour_button):
            b.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(chosen)
        layout.addLayout(add_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 480)

        self.table.currentCellChanged.connect(lambda *_: self._show_current())
        self.name_edit.editingFinished.connect(lambda: self.rename(self.name_edit.text()))
        self.role_box.activated.connect(lambda _i: self.set_role(self.role_box.currentData()))
        self.colour_button.clicked.connect(lambda: self.set_colour())
        add.clicked.connect(lambda: self.add_coder())
        self.new_name.returnPressed.connect(lambda: self.add_coder())
        self.reload()

    def role_labels(self) -> dict[str, str]:
        return {"coder": self.tr("Coder"), "adjudicator": self.tr("Adjudicator")}

    # --- showing ---------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        counts = projects.annotation_counts(self.project)
        if select is None and (current := self.current()) is not None:
            select = current.id
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for c in self.project.coders():
            r = self.table.rowCount()
            self.table.insertRow(r)
            name = QTableWidgetItem(c.name)
            name.setData(ID_ROLE, c.id)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, QTableWidgetItem(self.role_labels().get(c.role, c.role)))
            colour = QTableWidgetItem(swatch(c.color), c.color)
            self.table.setItem(r, 2, colour)
            self.table.setItem(r, 3, QTableWidgetItem(str(counts.get(c.id, 0))))
            if c.id == select:
                self.table.setCurrentCell(r, 0)
        self.table.blockSignals(False)
        if self.table.currentRow() < 0 and self.table.rowCount():
            self.table.setCurrentCell(0, 0)
        self._show_current()

    def current(self) -> Coder | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        if item is None:
            return None
        return next((c for c in self.project.coders() if c.id == item.data(ID_ROLE)), None)

    def _show_current(self) -> None:
        coder = self.current()
        for w in (self.name_edit, self.role_box, self.colour_button):
            w.setEnabled(coder is not None)
        if coder is None:
            self.name_edit.clear()
            return
        self.name_edit.setText(coder.name)
        self.role_box.setCurrentIndex(max(self.role_box.findData(coder.role), 0))
        self.colour_button.setIcon(swatch(coder.color))
        self.colour_button.setText(coder.color)

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # --- changing --------------------------------------------------------------------

    def _run(self, change, select: str | None) -> bool:
        try:
            change()
        except AnnotatorError as exc:
            self._say(str(exc))
            self.reload(select)
            return False
        self._say("")
        self.reload(select)
        return True

    def add_coder(self, name: str | None = None, role: str | None = None) -> Coder | None:
        name = self.new_name.text() if name is None else name
        role = role or self.new_role.currentData()
        added: list[Coder] = []
        if not self._run(lambda: added.append(projects.add_coder(self.project, name, role=role)), None):
            return None
        self.new_name.clear()
        self.reload(added[0].id)
        self._say(self.tr("Added {0}.").format(added[0].name))
        return added[0]

    def rename(self, new_name: str) -> bool:
        coder = self.current()
        if coder is None or new_name.strip() == coder.name:
            return False
        return self._run(lambda: projects.update_coder(self.project, coder.id, new_name=new_name), coder.id)

    def set_role(self, role: str) -> bool:
        coder = self.current()
        if coder is None or role == coder.role:
            return False
        return self._run(lambda: projects.update_coder(self.project, coder.id, role=role), coder.id)

    def set_colour(self, colour: str | None = None) -> bool:
        coder = self.current()
        if coder is None:
            return False
        if colour is None:
            picked = QColorDialog.getColor(
                QColor(coder.color), self, self.tr("Colour of {0}").format(coder.name)
            )
            if not picked.isValid():
                return False
            colour = picked.name()
        return self._run(lambda: projects.update_coder(self.project, coder.id, color=colour), coder.id)
