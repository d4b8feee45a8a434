"""The codebook editor's row of versions: the version now, Merge codes…,
Split code…, Versions… and Migrate older codings…. Merges and splits go
through the editor's codebook service, so they sit on its undo stack (Ctrl+Z)
with the other edits; so does an applied migration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from annotator.services.codebook_operations import merge, split

if TYPE_CHECKING:
    from annotator.gui.codebook.codebook_editor import CodebookEditorDialog


class VersionsBar(QWidget):
    def __init__(self, editor: CodebookEditorDialog) -> None:
        super().__init__(editor)
        self.editor = editor
        self.label = QLabel(self)
        self.label.setAccessibleName(self.tr("Codebook version"))
        self.label.setStyleSheet("color: palette(mid);")
        self.merge_button = self._button(
            self.tr("&Merge codes…"), self.tr("Merge codes into one"), self.merge_codes
        )
        self.split_button = self._button(
            self.tr("S&plit code…"), self.tr("Split the selected code"), self.split_code
        )
        self.versions_button = self._button(
            self.tr("&Versions…"), self.tr("The changes between two codebook versions"), self.show_versions
        )
        self.migrate_button = self._button(
            self.tr("Mi&grate older codings…"),
            self.tr("Replay merges and splits on codings made under an earlier version"),
            self.migrate_codings,
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        for b in (self.merge_button, self.split_button, self.versions_button, self.migrate_button):
            row.addWidget(b)

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.setToolTip(tip)
        b.setAutoDefault(False)
        b.clicked.connect(lambda _=False: slot())
        return b

    def show_state(self) -> None:
        codebook = self.editor.codebook
        self.label.setText(
            self.tr("{0} codes · codebook version {1}").format(len(codebook), codebook.version)
        )
        code = self.editor.current()
        self.split_button.setEnabled(code is not None and not codebook.children(code.id))

    def merge_codes(self, code_ids: list[str] | None = None, into: str | None = None) -> bool:
        """Merge ``code_ids`` into ``into``; asks for both when not given."""
        if code_ids is None or into is None:
            from annotator.gui.codebook.operation_dialogs import MergeCodesDialog

            current = self.editor.current()
            dialog = MergeCodesDialog(
                self.editor.codebook, [current.id] if current else [], parent=self.editor
            )
            if not dialog.exec():
                return False
            code_ids, into = dialog.chosen(), dialog.into()
        chosen, target = list(code_ids), into
        return self.editor._run(lambda: merge(self.editor.service, chosen, target), None)

    def split_code(self, into: list[str] | None = None) -> bool:
        """Split the selected code into ``into``; asks when not given."""
        code = self.editor.current()
        if code is None:
            return False
        if into is None:
            from annotator.gui.codebook.operation_dialogs import SplitCodeDialog

            dialog = SplitCodeDialog(self.editor.codebook, code.id, parent=self.editor)
            if not dialog.exec():
                return False
            into = dialog.into()
        targets = list(into)
        return self.editor._run(lambda: split(self.editor.service, code.id, targets), code.id)

    def show_versions(self) -> None:
        from annotator.gui.codebook.versions_dialog import CodebookVersionsDialog

        CodebookVersionsDialog(self.editor.project, self.editor).exec()

    def migration_dialog(self) -> QWidget:
        from annotator.gui.codebook.migration_dialog import MigrationDialog

        return MigrationDialog(self.editor.project, self.editor, on_applied=self.migrated)

    def migrate_codings(self) -> None:
        self.migration_dialog().exec()  # type: ignore[attr-defined]

    def migrated(self, edit) -> None:
        self.editor.service.push(edit)
        self.editor.reload(self.editor.tree.current_id())
