"""Starting work: choose a project (recent ones first, or open or create a
file) and say who is coding (or add a coder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from annotator.core.models import Coder
from annotator.gui.app import settings as gui_settings


def _tr(text: str) -> str:
    return QCoreApplication.translate("start_dialogs", text)


def project_filter() -> str:
    return _tr("Annotator projects (*.annotator);;All files (*)")


def ask_open_project(parent=None) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, _tr("Open project"), "", project_filter())
    return path or None


class ProjectChooser(QDialog):
    """Recent projects, plus Open and New; after accept, ``path`` to open, or
    ``wants_new`` when the lead asked for the new-project assistant (the
    application opens it: this module is below the rooms)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Annotator: choose a project"))
        self.path: str | None = None
        self.wants_new = False
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent projects"))
        for p in gui_settings.recent_projects():
            item = QListWidgetItem(f"{Path(p).stem}\n{p}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.recent.addItem(item)
        if self.recent.count():
            self.recent.setCurrentRow(0)
        open_btn = QPushButton(self.tr("Open…"))
        new_btn = QPushButton(self.tr("New project…"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(self.recent.count() > 0)
        row = QHBoxLayout()
        row.addWidget(open_btn)
        row.addWidget(new_btn)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Recent projects")))
        layout.addWidget(self.recent)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(520, 360)
        buttons.accepted.connect(self._open_recent)
        buttons.rejected.connect(self.reject)
        self.recent.itemActivated.connect(lambda _item: self._open_recent())
        open_btn.clicked.connect(self._open_other)
        new_btn.clicked.connect(self._new)

    def _open_recent(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self.path = item.data(Qt.ItemDataRole.UserRole)
            self.accept()

    def _open_other(self) -> None:
        path = ask_open_project(self)
        if path:
            self.path = path
            self.accept()

    def _new(self) -> None:
        self.wants_new = True
        self.accept()


class CoderChooser(QDialog):
    """Pick who is coding, or type a new name; ``coder_name`` after accept."""

    def __init__(self, coders: list[Coder], remembered: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who is coding?"))
        self.coder_name: str | None = None
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Coders"))
        for c in coders:
            item = QListWidgetItem(
                c.name + ("  " + self.tr("(adjudicator)") if c.role == "adjudicator" else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, c.name)
            self.list.addItem(item)
            if c.id == remembered or c.name == remembered:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Or type a new coder's name"))
        self.new_name.setAccessibleName(self.tr("New coder's name"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Your annotations are saved under this name.")))
        layout.addWidget(self.list)
        layout.addWidget(self.new_name)
        layout.addWidget(buttons)
        self.resize(380, 320)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _i: self._accept())
        if not coders:
            self.new_name.setFocus()

    def _accept(self) -> None:
        name = self.new_name.text().strip()
        if not name and self.list.currentItem() is not None:
            name = self.list.currentItem().data(Qt.ItemDataRole.UserRole)
        if name:
            self.coder_name = name
            self.accept()
