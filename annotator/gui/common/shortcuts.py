"""Menu actions as the rows of a shortcut list: the workbench builds its
shortcut sections from them and the help room's sheet shows them."""

from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence


def plain_action_text(text: str) -> str:
    """A menu text without its mnemonic markers and trailing ellipsis:
    "&Open…" -> "Open", "Save && close" -> "Save & close"."""
    text = re.sub(r"&(&?)", lambda m: "&" if m.group(1) else "", text)
    return text.rstrip(".\u2026 ").strip()


def shortcuts_from_actions(actions) -> list[tuple[str, str]]:
    """(text, shortcut) for every action that has a shortcut, in the form the
    user sees in the menus (native text: Ctrl+K here, ⌘K on macOS). Actions
    with several shortcuts list them all, separated by commas."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for action in actions:
        keys = [s for s in action.shortcuts() if not s.isEmpty()]
        if not keys or action.isSeparator():
            continue
        text = plain_action_text(action.text()) or action.toolTip()
        shortcut = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        if (text, shortcut) not in seen:
            seen.add((text, shortcut))
            rows.append((text, shortcut))
    return rows
