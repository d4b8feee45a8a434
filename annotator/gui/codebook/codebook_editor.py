"""The codebook editor for leads.

Every change goes through ``services.codebook.CodebookService``, which holds
the editing rules and the undo history (Ctrl+Z, Ctrl+Shift+Z); the store
validates the whole codebook and records changes made after coding started. A
refused change (a shortcut conflict, a duplicate name) is explained in one
sentence in the message line and the form is reloaded from the project, so
nothing half-saved is ever shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.codebook import Code, Codebook
from annotator.core.errors import AnnotatorError, CodebookError
from annotator.gui.codebook.codebook_editor_form import CodeForm
from annotator.gui.codebook.codebook_editor_tree import CodeTree
from annotator.gui.codebook.versions_bar import VersionsBar
from annotator.gui.common.safe_text import plain_tooltip
from annotator.services.codebook import CodebookEdit, CodebookService


def normalise_shortcut(text: str) -> str:
    text = text.strip()
    if len(text) <= 1:
        return text
    seq = QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)
    return seq.toString(QKeySequence.SequenceFormat.PortableText) or text


class CodebookEditorDialog(QDialog):
    def __init__(self, project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.service = CodebookService(project)
        self.codebook: Codebook = self.service.codebook()
        self.usage: dict[str, int] = {}
        self._loading = False
        self._shown_id: str | None = None  # the code whose details the form holds
        self.confirm: Callable[[str], bool] = self._ask  # replaced in tests
        self.setWindowTitle(self.tr("Codebook — {0}").format(project.name))
        self.setAccessibleName(self.tr("Codebook editor"))
        self.resize(940, 620)
        self._build()
        self.reload()

    # --- layout -------------------------------------------------------------------

    def _button(self, text: str, tip: str, slot, shortcut: str | None = None) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip + (f" ({shortcut})" if shortcut else ""))
        b.setAccessibleName(text)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        b.setAutoRaise(False)
        if shortcut:
            b.setShortcut(QKeySequence(shortcut))
        b.clicked.connect(slot)
        return b

    def _build(self) -> None:
        self.tree = CodeTree(self)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.tree.moved.connect(self._dropped)
        self.tree.rename_requested.connect(self._focus_name)
        self.tree.delete_requested.connect(self.delete_current)

        self.add_button = self._button(
            self.tr("Add code"),
            self.tr("Add a code after the selected one"),
            lambda: self.add_code(child=False),
            "Ctrl+N",
        )
        self.add_child_button = self._button(
            self.tr("Add sub-code"),
            self.tr("Add a code inside the selected one"),
            lambda: self.add_code(child=True),
            "Ctrl+Shift+N",
        )
        self.up_button = self._button("↑", self.tr("Move up"), lambda: self.move_by(-1), "Ctrl+Up")
        self.up_button.setAccessibleName(self.tr("Move up"))
        self.down_button = self._button("↓", self.tr("Move down"), lambda: self.move_by(1), "Ctrl+Down")
        self.down_button.setAccessibleName(self.tr("Move down"))
        self.move_button = self._button(
            self.tr("Move to…"), self.tr("Put the selected code under another code"), lambda: self.move_to()
        )
        self.archive_button = self._button(
            self.tr("Archive"),
            self.tr("Hide the code from coders; its annotations are kept"),
            self.toggle_archived,
        )
        self.delete_button = self._button(
            self.tr("Delete"), self.tr("Delete a code nobody has used (Del)"), self.delete_current
        )
        tools = QHBoxLayout()
        tools.setSpacing(4)
        for b in (self.add_button, self.add_child_button, self.up_button, self.down_button, self.move_button):
            tools.addWidget(b)
        tools.addStretch(1)
        self.undo_button = self._button(
            self.tr("Undo"), self.tr("Undo the last codebook change"), lambda: self.undo(), "Ctrl+Z"
        )
        self.redo_button = self._button(
            self.tr("Redo"), self.tr("Redo the change just undone"), lambda: self.redo(), "Ctrl+Shift+Z"
        )
        tools.addWidget(self.undo_button)
        tools.addWidget(self.redo_button)
        tools.addWidget(self.archive_button)
        tools.addWidget(self.delete_button)

        self.show_archived = QCheckBox(self.tr("Show archived codes"), self)
        self.show_archived.setChecked(True)
        self.show_archived.setAccessibleName(self.tr("Show archived codes"))
        self.show_archived.toggled.connect(lambda _: self.reload(self.tree.current_id()))

        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(tools)
        lv.addWidget(self.tree, 1)
        lv.addWidget(self.show_archived)

        self.form = CodeForm(self)
        # the fields, by their names, for the methods below and for tests
        self.path_label, self.name_edit = self.form.path_label, self.form.name_edit
        self.color_button, self.shortcut_edit = self.form.color_button, self.form.shortcut_edit
        self.scope_combo, self.exclusive_check = self.form.scope_combo, self.form.exclusive_check
        self.description_edit, self.usage_label = self.form.description_edit, self.form.usage_label
        self.name_edit.editingFinished.connect(self._name_edited)
        self.color_button.clicked.connect(lambda: self.set_color())
        self.shortcut_edit.editingFinished.connect(lambda: self.set_shortcut(self.shortcut_edit.text()))
        self.scope_combo.activated.connect(lambda _: self.set_scope(self.scope_combo.currentData()))
        self.exclusive_check.clicked.connect(self.set_exclusive)
        self.level_combo = self.form.level_combo
        self.level_combo.currentIndexChanged.connect(lambda _: self.set_level(self.level_combo.currentData()))
        self.description_edit.textChanged.connect(self._description_typed)
        self._description_timer = QTimer(self)
        self._description_timer.setSingleShot(True)
        self._description_timer.setInterval(600)
        self._description_timer.timeout.connect(self.save_description)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote code and file names
        self.message.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.builtin_button = buttons.addButton(
            self.tr("Start from a built-in codebook…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.builtin_button.clicked.connect(lambda: self.start_from_builtin())
        self.import_button = buttons.addButton(
            self.tr("Import YAML…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setAccessibleName(self.tr("Import a codebook from YAML"))
        self.import_button.clicked.connect(lambda: self.import_yaml())
        self.export_button = buttons.addButton(
            self.tr("Export YAML…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setAccessibleName(self.tr("Export the codebook to YAML"))
        self.export_button.clicked.connect(lambda: self.export_yaml())
        buttons.rejected.connect(self.reject)
        for b in buttons.buttons():
            if isinstance(b, QPushButton):  # every button a button box makes
                b.setAutoDefault(False)

        self.versions = VersionsBar(self)
        self.version_label = self.versions.label

        outer = QVBoxLayout(self)
        outer.addWidget(splitter, 1)
        outer.addWidget(self.message)
        outer.addWidget(self.versions)
        outer.addWidget(buttons)

    def _focus_name(self) -> None:
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    # --- state --------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the codebook back from the project and show it."""
        self.codebook = self.service.codebook()
        self.usage = self.service.usage()
        self.tree.populate(
            self.codebook, self.usage, show_archived=self.show_archived.isChecked(), select=select
        )
        self._show_current()
        self.undo_button.setEnabled(self.service.can_undo())
        self.undo_button.setToolTip(
            self.tr("Undo: {0} (Ctrl+Z)").format(self.service.undo_label())
            if self.service.can_undo()
            else self.tr("Nothing to undo")
        )
        self.redo_button.setEnabled(self.service.can_redo())
        self.redo_button.setToolTip(
            self.tr("Redo: {0} (Ctrl+Shift+Z)").format(self.service.redo_label())
            if self.service.can_redo()
            else self.tr("Nothing to redo")
        )

    def current(self) -> Code | None:
        cid = self.tree.current_id()
        return self.codebook.get(cid) if cid else None

    def _show_current(self) -> None:
        self.save_description()
        code = self.current()
        self._shown_id = code.id if code else None
        self.versions.show_state()
        self._loading = True
        self.form.setEnabled(code is not None)
        for b in (
            self.add_child_button,
            self.up_button,
            self.down_button,
            self.move_button,
            self.archive_button,
            self.delete_button,
        ):
            b.setEnabled(code is not None)
        if code is None:
            self.form.clear()
            self._loading = False
            return
        uses = self.usage.get(code.id, 0)
        has_children = bool(self.codebook.children(code.id))
        self.form.show_code(code, self.codebook, uses)
        self.archive_button.setText(self.tr("Restore") if code.archived else self.tr("Archive"))
        self.archive_button.setAccessibleName(self.archive_button.text())
        self.delete_button.setEnabled(not uses and not has_children)
        siblings = self.codebook.children(code.parent_id)
        index = [c.id for c in siblings].index(code.id)
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(index < len(siblings) - 1)
        self._loading = False

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setText(text)
        colour = "#b3261e" if error else "palette(text)"
        self.message.setStyleSheet(f"color: {colour}; padding: 4px 2px;")
        self.message.setVisible(bool(text))

    def _run(self, edit: Callable[[], CodebookEdit | Code | None], select: str | None) -> bool:
        """Run one service edit; on refusal explain in one sentence. Either way
        the tree and form are read back from the project."""
        try:
            done = edit()
        except CodebookError as exc:
            self.show_message(exc.problems[0] if exc.problems else str(exc))
            self.reload(select)
            return False
        except AnnotatorError as exc:
            self.show_message(str(exc))
            self.reload(select)
            return False
        self.show_message("")
        self.reload(select)
        return done is not None

    def undo(self) -> bool:
        self.save_description()
        return self._run(self.service.undo, self.tree.current_id())

    def redo(self) -> bool:
        return self._run(self.service.redo, self.tree.current_id())

    # --- editing one code -------------------------------------------------------------

    def _name_edited(self) -> None:
        if not self._loading:
            self.rename(self.name_edit.text())

    def rename(self, name: str) -> bool:
        code = self.current()
        name = name.strip()
        if code is None or name == code.name:
            return False
        if not name:
            self.show_message(self.tr("A code needs a name; the old name was kept."))
            self._show_current()
            return False
        return self._run(lambda: self.service.rename(code.id, name), code.id)

    def set_color(self, colour: str | None = None) -> bool:
        code = self.current()
        if code is None:
            return False
        if colour is None:
            chosen = QColorDialog.getColor(
                QColor(code.color), self, self.tr("Colour of {0}").format(code.name)
            )
            if not chosen.isValid():
                return False
            colour = chosen.name()
        colour = QColor(colour).name()
        if colour == code.color:
            return False
        return self._run(lambda: self.service.set_color(code.id, colour), code.id)

    def set_shortcut(self, key: str) -> bool:
        code = self.current()
        if code is None or self._loading:
            return False
        key = normalise_shortcut(key)
        if key == code.shortcut:
            return False
        return self._run(lambda: self.service.set_shortcut(code.id, key), code.id)

    def set_scope(self, scope: str) -> bool:
        code = self.current()
        if code is None or self._loading or scope == code.scope:
            return False
        return self._run(lambda: self.service.set_scope(code.id, scope), code.id)

    def set_exclusive(self, exclusive: bool) -> bool:
        code = self.current()
        if code is None or self._loading or bool(exclusive) == code.exclusive:
            return False
        return self._run(lambda: self.service.set_exclusive(code.id, bool(exclusive)), code.id)

    def set_level(self, level: str) -> bool:
        code = self.current()
        if code is None or self._loading or level == code.level:
            return False
        return self._run(lambda: self.service.set_level(code.id, level), code.id)

    def _description_typed(self) -> None:
        if not self._loading:
            self._description_timer.start()

    def save_description(self) -> bool:
        """Save the instructions being typed (also called before the selection
        moves and when the dialog closes, so no keystroke is lost)."""
        self._description_timer.stop()
        code = self.codebook.get(self._shown_id) if self._shown_id and not self._loading else None
        text = self.description_edit.toPlainText().strip()
        if code is None or text == code.description.strip():
            return False
        try:
            self.service.set_description(code.id, text)
            saved = replace(code, description=text)
        except AnnotatorError as exc:
            self.show_message(str(exc))
            return False
        self.undo_button.setEnabled(self.service.can_undo())
        self.codebook.codes = [saved if c.id == saved.id else c for c in self.codebook.codes]
        self.codebook.refresh()
        item = self.tree.item_for(saved.id)
        if item is not None:
            item.setToolTip(0, plain_tooltip(f"{self.codebook.path(saved.id, ' / ')}\n\n{text}"))
        return True

    def toggle_archived(self) -> bool:
        code = self.current()
        if code is None:
            return False
        return self._run(lambda: self.service.toggle_archived(code.id), code.id)

    # --- adding, deleting, moving -------------------------------------------------------

    def add_code(self, *, child: bool = False, name: str | None = None) -> Code | None:
        current = self.current()
        try:
            code = self.service.add_code(
                current.id if current else None, child=child, name=name or self.tr("New code")
            )
        except AnnotatorError as exc:
            self.show_message(str(exc))
            return None
        self.show_message("")
        self.reload(code.id)
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        return code

    def delete_current(self) -> bool:
        code = self.current()
        if code is None:
            return False
        if self.usage.get(code.id):
            self.show_message(
                self.tr("“{0}” has been used, so it cannot be deleted; archive it instead.").format(code.name)
            )
            return False
        if not self.confirm(self.tr("Delete the code “{0}”? Nobody has used it.").format(code.name)):
            return False
        siblings = [c for c in self.codebook.children(code.parent_id) if c.id != code.id]
        try:
            self.service.delete(code.id)
        except CodebookError as exc:
            self.show_message(exc.problems[0] if exc.problems else str(exc))
            return False
        except AnnotatorError as exc:
            self.show_message(str(exc))
            return False
        self.show_message(self.tr("Deleted “{0}”.").format(code.name), error=False)
        self.reload(siblings[0].id if siblings else code.parent_id)
        return True

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Codebook"), text)
        return answer == QMessageBox.StandardButton.Yes

    def move_by(self, step: int) -> bool:
        code = self.current()
        if code is None:
            return False
        return self._run(lambda: self.service.move_by(code.id, step), code.id)

    def move_under(self, code_id: str, parent_id: str | None, position: int | None = None) -> bool:
        """Make ``code_id`` a child of ``parent_id`` (None: top level), at
        ``position`` among its new siblings (default: last)."""
        if self.codebook.get(code_id) is None:
            return False
        return self._run(lambda: self.service.move_under(code_id, parent_id, position), code_id)

    def move_to(self) -> bool:
        """Ask where to put the selected code."""
        code = self.current()
        if code is None:
            return False
        blocked = self.service.descendants(code.id) | {code.id}
        choices = [(self.tr("(top level)"), None)] + [
            (self.codebook.path(c.id, " / "), c.id) for _, c in self.codebook.walk() if c.id not in blocked
        ]
        labels = [label for label, _ in choices]
        label, ok = QInputDialog.getItem(
            self, self.tr("Move code"), self.tr("Move “{0}” under:").format(code.name), labels, 0, False
        )
        if not ok:
            return False
        parent_id = dict(choices)[label]
        return self.move_under(code.id, parent_id)

    def _dropped(self, code_id: str) -> None:
        parent_id, pos = self.tree.structure().get(code_id, (None, 0))
        code = self.codebook.get(code_id)
        if code is None:
            return
        # positions in the tree skip hidden archived siblings; count in the full list
        shown = [
            cid
            for cid, (p, _) in sorted(self.tree.structure().items(), key=lambda kv: kv[1][1])
            if p == parent_id and cid != code_id
        ]
        before = shown[pos - 1] if 0 < pos <= len(shown) else None
        ids = [c.id for c in self.codebook.children(parent_id) if c.id != code_id]
        position = ids.index(before) + 1 if before in ids else 0
        if not self.move_under(code_id, parent_id, position):
            self.reload(code_id)

    # --- YAML -------------------------------------------------------------------------

    def import_yaml(self, path: str | Path | None = None) -> dict[str, int] | None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import a codebook"), "", self.tr("Codebooks (*.yaml *.yml);;All files (*)")
            )
            if not path:
                return None
            from annotator.gui.codebook.yaml_preview_dialog import CodebookFileDialog

            # the lead sees the file's codes before they change the project's codebook
            if not CodebookFileDialog(Path(path), len(self.codebook), self).exec():
                return None
        return self._import(Path(path).name, lambda: self.service.import_yaml(path))

    def start_from_builtin(self, name: str | None = None) -> dict[str, int] | None:
        """Add a shipped codebook: the codes of an empty codebook, or beside
        the project's own (never replacing them: they may carry annotations)."""
        if name is None:
            from annotator.gui.codebook.builtin_dialog import BuiltinCodebookDialog

            dialog = BuiltinCodebookDialog(len(self.codebook), self)
            if not dialog.exec() or not dialog.chosen():
                return None
            name = dialog.chosen()
        assert name is not None
        return self._import(name, lambda: self.service.import_builtin(name))

    def _import(self, what: str, load: Callable[[], dict[str, int]]) -> dict[str, int] | None:
        try:
            counts = load()
        except CodebookError as exc:
            problems = exc.problems or [str(exc)]
            more = len(problems) - 1
            text = problems[0] + (self.tr(" (and %n more problem(s))", "", more) if more else "")
            self.show_message(self.tr("{0} was not imported: {1}").format(what, text))
            return None
        except AnnotatorError as exc:
            self.show_message(str(exc))
            return None
        self.reload(self.tree.current_id())
        self.show_message(
            self.tr("Imported {0}: {1} added, {2} updated, {3} unchanged.").format(
                what, counts["added"], counts["updated"], counts["unchanged"]
            ),
            error=False,
        )
        return counts

    def export_yaml(self, path: str | Path | None = None) -> Path | None:
        if path is None:
            suggested = str(Path(self.project.path).with_suffix(".codebook.yaml"))
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the codebook"), suggested, self.tr("Codebooks (*.yaml *.yml)")
            )
            if not path:
                return None
        self.save_description()
        try:
            written = self.service.export_yaml(path)
        except OSError as exc:
            self.show_message(
                self.tr("The codebook could not be written to {0}: {1}.").format(
                    Path(path).name, exc.strerror or exc
                )
            )
            return None
        except AnnotatorError as exc:  # e.g. the chosen file is a project: it is never replaced
            self.show_message(str(exc))
            return None
        self.show_message(self.tr("Exported the codebook to {0}.").format(written.name), error=False)
        return written

    # --- closing ------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Enter commits the field being edited; it must not press a button
        # (QDialog would "click" the default one: the colour or Close button)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:  # noqa: D102 - Qt API
        self.save_description()
        super().done(result)
