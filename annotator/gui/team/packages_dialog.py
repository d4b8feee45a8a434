"""Project > Coder packages…: a project file for each chosen coder (their
documents, the codebook, only their own work), written into one folder, to
send to the coders. The file names are shown before anything is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services import team_packages
from annotator.services.project_files import Project

NAME_ROLE = Qt.ItemDataRole.UserRole


class PackagesDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Coder packages"))
        self.written: list[team_packages.WrittenPackage] = []
        self.coders = QListWidget(self)
        self.coders.setAccessibleName(self.tr("Coders who get a package"))
        for c in project.coders():
            if c.role != "coder":  # the gold standard is made in the lead's project, never packaged
                continue
            item = QListWidgetItem(c.name)
            item.setData(NAME_ROLE, c.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.coders.addItem(item)
        self.folder = QLineEdit(str(Path(project.path).parent), self)
        self.folder.setAccessibleName(self.tr("Folder for the packages"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setAccessibleName(self.tr("Choose the folder for the packages"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.replace = QCheckBox(self.tr("Replace packages already in the folder"), self)
        self.plan = QLabel(self)
        self.plan.setTextFormat(Qt.TextFormat.PlainText)  # names come from the data
        self.plan.setWordWrap(True)
        self.plan.setAccessibleName(self.tr("Packages to write"))
        self.plan.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        explain = QLabel(
            self.tr(
                "Each coder opens their package in Annotator and codes as usual; it holds their assigned "
                "documents (all documents when nothing is assigned to them), the codebook and only their "
                "own work. Project > Merge packages… brings their work back."
            ),
            self,
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.write_button = buttons.addButton(
            self.tr("&Write packages"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        for b in buttons.buttons():
            if isinstance(b, QPushButton):
                b.setAutoDefault(False)
        self.write_button.clicked.connect(self.write)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Coders"), self.coders)
        folder_label = QLabel(self.tr("&Folder"), self)
        folder_label.setBuddy(self.folder)  # a row of widgets has no buddy of its own
        form.addRow(folder_label, folder_row)
        form.addRow(self.replace)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.plan, 1)
        layout.addWidget(buttons)
        self.coders.setMaximumHeight(140)
        self.resize(620, 460)
        self.coders.itemChanged.connect(lambda _i: self.refresh())
        self.folder.textChanged.connect(lambda _t: self.refresh())
        self.replace.toggled.connect(lambda _on: self.refresh())
        self.refresh()

    def chosen(self) -> list[str]:
        return [
            self.coders.item(r).data(NAME_ROLE)
            for r in range(self.coders.count())
            if self.coders.item(r).checkState() == Qt.CheckState.Checked
        ]

    def refresh(self) -> None:
        names = self.chosen()
        if not names:
            self.plan.setText(
                self.tr("Choose the coders who get a package.")
                if self.coders.count()
                else self.tr("There are no coders to package for; add them in Project > Coders….")
            )
            self.write_button.setEnabled(False)
            return
        try:
            planned = team_packages.planned_packages(self.project, names, Path(self.folder.text().strip()))
        except AnnotatorError as exc:
            self.plan.setText(str(exc))
            self.write_button.setEnabled(False)
            return
        lines = []
        for name, path in planned:
            note = ""
            if path.exists():
                note = self.tr("  (replaced)") if self.replace.isChecked() else self.tr("  (already there)")
            lines.append(f"{name} → {path}{note}")
        self.plan.setText("\n".join(lines))
        self.write_button.setEnabled(True)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the packages"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def write(self) -> bool:
        try:
            self.written = team_packages.make_packages(
                self.project, self.chosen(), Path(self.folder.text().strip()), force=self.replace.isChecked()
            )
        except AnnotatorError as exc:
            self.plan.setText(str(exc))
            return False
        except OSError as exc:
            self.plan.setText(
                self.tr("The packages could not be written to {0}: {1}.").format(
                    self.folder.text().strip(), exc.strerror or exc
                )
            )
            return False
        self.accept()
        return True

    def summary(self) -> str:
        if not self.written:
            return ""
        return self.tr("Wrote %n package(s) to {0}.", "", len(self.written)).format(
            self.written[0].path.parent
        )
