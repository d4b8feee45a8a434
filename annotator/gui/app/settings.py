"""What the workbench remembers per machine (QSettings, organisation and
application "Annotator"): recent projects, who codes in each project, the
last document and scroll position, and the preferences."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = APPLICATION = "Annotator"
MAX_RECENT = 8


def settings() -> QSettings:
    # INI format everywhere: one readable file, and tests can redirect it
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def _project_key(path: str | Path) -> str:
    # a path can hold characters QSettings treats as group separators
    resolved = str(Path(path).resolve())
    return "projects/" + hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:16]


def _str_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def recent_projects() -> list[str]:
    return [p for p in _str_list(settings().value("recent_projects")) if Path(p).exists()]


def add_recent_project(path: str | Path) -> None:
    resolved = str(Path(path).resolve())
    items = [resolved] + [p for p in _str_list(settings().value("recent_projects")) if p != resolved]
    settings().setValue("recent_projects", items[:MAX_RECENT])


def project_value(path: str | Path, name: str, default=None, *, store: QSettings | None = None):
    return (store or settings()).value(f"{_project_key(path)}/{name}", default)


def set_project_value(path: str | Path, name: str, value, *, store: QSettings | None = None) -> None:
    """Pass the window's long-lived ``store`` on frequent writes: a fresh
    QSettings object rereads and rewrites the file each time (tens of ms)."""
    (store or settings()).setValue(f"{_project_key(path)}/{name}", value)


@dataclass
class Preferences:
    font_size: float = 13.0
    snap: bool = True  # snap selections to whole words unless Alt is held
    show_suggestions: bool = False  # dotted underlines of the NLP's source and quote suggestions

    @classmethod
    def load(cls) -> Preferences:
        s = settings()
        try:
            size = float(str(s.value("preferences/font_size", cls.font_size)))
        except (TypeError, ValueError):
            size = cls.font_size
        return cls(
            font_size=min(max(size, 8.0), 32.0),
            snap=_flag(s.value("preferences/snap", cls.snap)),
            show_suggestions=_flag(s.value("preferences/show_suggestions", cls.show_suggestions)),
        )

    def save(self) -> None:
        s = settings()
        s.setValue("preferences/font_size", self.font_size)
        s.setValue("preferences/snap", self.snap)
        s.setValue("preferences/show_suggestions", self.show_suggestions)


def _flag(value) -> bool:
    if isinstance(value, str):
        return value.lower() not in ("false", "0", "")
    return bool(value)
