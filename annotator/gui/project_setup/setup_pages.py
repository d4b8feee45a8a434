"""The pages of the new-project assistant: where the file goes, which
codebook, who codes, and whether to import articles straight away. Each page
only collects; ``new_project_dialog`` creates the project from them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.common.codebook_preview import BuiltinCodebookPicker, CodebookTree
from annotator.services import projects

SUFFIX = ".annotator"


def _explain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class FilePage(QWidget):
    """The project's name and folder; ``path()`` is the file to create."""

    changed = Signal()

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Project name"))
        self.folder_edit = QLineEdit(str(folder), self)
        self.folder_edit.setAccessibleName(self.tr("Folder"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setAccessibleName(self.tr("Choose the folder"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        self.where = QLabel(self)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(
            _explain(
                self.tr(
                    "Everything of the study lives in one project file: the articles, the codebook, "
                    "the coders and their annotations."
                ),
                self,
            )
        )
        form.addRow(self.tr("&Name"), self.name_edit)
        folder_label = QLabel(self.tr("&Folder"), self)
        folder_label.setBuddy(self.folder_edit)  # a row of two widgets has no buddy of its own
        form.addRow(folder_label, row)
        form.addRow(self.where)
        self.name_edit.setText(self._free_name(folder, "study"))
        self.name_edit.textChanged.connect(self._update)
        self.folder_edit.textChanged.connect(self._update)
        self._update()

    @staticmethod
    def _free_name(folder: Path, base: str) -> str:
        name, n = base, 1
        while (folder / f"{name}{SUFFIX}").exists():
            n += 1
            name = f"{base}-{n}"
        return name

    def path(self) -> Path | None:
        name = self.name_edit.text().strip()
        folder = self.folder_edit.text().strip()
        if not name or not folder:
            return None
        if name.endswith(SUFFIX):
            name = name[: -len(SUFFIX)]
        return Path(folder).expanduser() / f"{name}{SUFFIX}"

    def problem(self) -> str | None:
        """Why no project can be made here, in one sentence; None when it can."""
        path = self.path()
        if path is None:
            return self.tr("Give the project a name.")
        if "/" in self.name_edit.text() or "\\" in self.name_edit.text():
            return self.tr("A project name cannot contain / or \\; choose the folder below.")
        if not path.parent.is_dir():
            return self.tr("There is no folder {0}; choose an existing folder.").format(path.parent)
        if path.exists():
            return self.tr("{0} already exists; choose another name, or open it with File > Open.").format(
                path.name
            )
        return None

    def _update(self) -> None:
        problem = self.problem()
        path = self.path()
        self.where.setText(problem or self.tr("The project will be saved as {0}.").format(path))
        self.changed.emit()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder of the project"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)


class CodebookPage(QWidget):
    """A built-in codebook (previewed), a YAML file (previewed), or none yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.use_builtin = QRadioButton(self.tr("A &built-in codebook"), self)
        self.use_file = QRadioButton(self.tr("A codebook &file (YAML)"), self)
        self.use_empty = QRadioButton(self.tr("&Empty: build it later in Project > Edit codebook"), self)
        group = QButtonGroup(self)
        for i, button in enumerate((self.use_builtin, self.use_file, self.use_empty)):
            group.addButton(button, i)
        self.picker = BuiltinCodebookPicker(projects.builtin_codebook_titles(), projects.load_codebook, self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setAccessibleName(self.tr("Codebook file"))
        self.file_edit.setPlaceholderText(self.tr("A .yaml codebook, e.g. one exported from another project"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setAccessibleName(self.tr("Choose a codebook file"))
        browse.clicked.connect(self._browse)
        self.file_summary = QLabel(self)
        self.file_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.file_summary.setWordWrap(True)
        self.file_tree = CodebookTree(self)
        file_box = QWidget(self)
        file_layout = QVBoxLayout(file_box)
        file_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        file_layout.addLayout(row)
        file_layout.addWidget(self.file_summary)
        file_layout.addWidget(self.file_tree, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.picker)
        self.stack.addWidget(file_box)
        self.stack.addWidget(
            _explain(
                self.tr(
                    "The project starts without codes. The codebook editor offers the built-in codebooks too."
                ),
                self,
            )
        )
        choices = QHBoxLayout()
        for button in (self.use_builtin, self.use_file, self.use_empty):
            choices.addWidget(button)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.stack, 1)
        group.idToggled.connect(self._chosen)
        self.file_edit.editingFinished.connect(self._preview_file)
        self.use_builtin.setChecked(True)

    def _chosen(self, index: int, on: bool) -> None:
        if on:
            self.stack.setCurrentIndex(index)

    def source(self) -> str | None:
        """The codebook to load (a built-in name or a file path), None for none."""
        if self.use_builtin.isChecked():
            return self.picker.chosen()
        if self.use_file.isChecked():
            return self.file_edit.text().strip() or None
        return None

    def problem(self) -> str | None:
        if self.use_file.isChecked() and not self.file_edit.text().strip():
            return self.tr("Choose the codebook file, or another kind of codebook.")
        return None

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Codebook file"), "", self.tr("Codebooks (*.yaml *.yml);;All files (*)")
        )
        if path:
            self.file_edit.setText(path)
            self._preview_file()

    def _preview_file(self) -> None:
        path = self.file_edit.text().strip()
        if not path:
            self.file_tree.show_codebook(None)
            self.file_summary.clear()
            return
        try:
            codebook = projects.load_codebook(Path(path))
        except AnnotatorError as exc:
            self.file_tree.show_codebook(None)
            self.file_summary.setText(str(exc))
            return
        self.file_tree.show_codebook(codebook)
        self.file_summary.setText(
            self.tr("{0}: {1} codes.").format(codebook.name or Path(path).name, len(codebook))
        )


class CodersPage(QWidget):
    """Names and roles of the coders, and who works in the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("New coder's name"))
        self.name_edit.setPlaceholderText(self.tr("A coder's name"))
        self.role_box = QComboBox(self)
        self.role_box.setAccessibleName(self.tr("New coder's role"))
        for role, label in self.role_labels().items():
            self.role_box.addItem(label, role)
        add = QPushButton(self.tr("&Add coder"), self)
        add.clicked.connect(lambda: self.add_coder())
        self.name_edit.returnPressed.connect(lambda: self.add_coder())
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 2)
        row.addWidget(self.role_box, 1)
        row.addWidget(add)
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName(self.tr("Coders of the new project"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        remove = QPushButton(self.tr("&Remove"), self)
        remove.clicked.connect(self._remove)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.me = QComboBox(self)
        self.me.setAccessibleName(self.tr("Who works in this window"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _explain(
                self.tr(
                    "Each annotation belongs to one coder. Add the team now or later (Project > Coders…); "
                    "an adjudicator builds the gold standard from the coders' work."
                ),
                self,
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        me_row = QFormLayout()
        me_row.addRow(self.tr("You work in the window as"), self.me)
        layout.addLayout(me_row)
        self._fill_me()

    def role_labels(self) -> dict[str, str]:
        return {"coder": self.tr("Coder"), "adjudicator": self.tr("Adjudicator (builds the gold standard)")}

    def coders(self) -> list[tuple[str, str]]:
        out = []
        for r in range(self.table.rowCount()):
            name, role = self.table.item(r, 0), self.table.item(r, 1)
            if name is not None and role is not None:
                out.append((name.text(), role.data(Qt.ItemDataRole.UserRole)))
        return out

    def add_coder(self, name: str | None = None, role: str | None = None) -> bool:
        name = (self.name_edit.text() if name is None else name).strip()
        role = role or self.role_box.currentData()
        if not name:
            self.message.setText(self.tr("Type the coder's name first."))
            return False
        if any(n.casefold() == name.casefold() for n, _ in self.coders()):
            self.message.setText(self.tr("There is already a coder named {0}.").format(name))
            return False
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(name))
        role_item = QTableWidgetItem(self.role_labels()[role])
        role_item.setData(Qt.ItemDataRole.UserRole, role)
        self.table.setItem(r, 1, role_item)
        self.name_edit.clear()
        self.message.clear()
        self._fill_me()
        return True

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)
        self._fill_me()

    def _fill_me(self) -> None:
        current = self.me.currentData()
        self.me.clear()
        self.me.addItem(self.tr("(ask when the project opens)"), None)
        for name, _ in self.coders():
            self.me.addItem(name, name)
        i = self.me.findData(current)
        self.me.setCurrentIndex(max(i, 0) if current else (1 if self.me.count() > 1 else 0))

    def window_coder(self) -> str | None:
        return self.me.currentData()


class ImportPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.import_first = QCheckBox(self.tr("&Import articles as soon as the project opens"), self)
        self.import_first.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _explain(
                self.tr(
                    "Articles come from files, a folder or a zip archive: plain text, web pages, Word, PDF, "
                    "CSV or JSON tables, and exports of Nexis Uni or Factiva. The import dialog opens on the new "
                    "project; File > Import articles… brings more at any time."
                ),
                self,
            )
        )
        layout.addWidget(self.import_first)
        layout.addStretch(1)
