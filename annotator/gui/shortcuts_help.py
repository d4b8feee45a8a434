"""The keyboard cheat sheet (F1): every menu action with a shortcut, read
from the window's actions so it can never fall out of date, plus the keys
that work in the text itself."""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys and action.text():
            # "&&" is a literal ampersand, a single "&" marks the mnemonic
            text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            rows.append((text, ", ".join(keys)))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        view = QTextBrowser()
        view.setAccessibleName(self.tr("Keyboard shortcuts"))
        # one table, so the keys line up across sections
        parts = ["<table cellspacing='0' cellpadding='3'>"]
        for title, rows in sections:
            if not rows:
                continue
            parts.append(f"<tr><td colspan='2' style='padding-top:12px'><big><b>{html.escape(title)}</b></big>"
                         "</td></tr>")
            for what, keys in rows:
                parts.append(f"<tr><td style='padding-right:24px'>{html.escape(what)}</td>"
                             f"<td><b>{html.escape(keys)}</b></td></tr>")
        parts.append("</table>")
        view.setHtml("".join(parts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.resize(560, 640)
        self.view = view
