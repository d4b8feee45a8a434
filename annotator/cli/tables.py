"""Tables and figures as the command line prints them.

Every table of the command line is made here so that none cuts a name: a
narrow terminal folds a long cell onto the next line instead of ending it with
an ellipsis, which would hide which code or coder a row is about."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import table as rich_table


class Table(rich_table.Table):
    """A rich table whose columns fold long cells instead of cutting them."""

    def __init__(self, *headers: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for header in headers:
            self.add_column(header)

    def add_column(self, header: Any = "", *args: Any, **kwargs: Any) -> None:
        if not kwargs.get("no_wrap"):
            kwargs.setdefault("overflow", "fold")
        super().add_column(header, *args, **kwargs)


def percent(share: float | str | None, digits: int = 1) -> str:
    """A share in [0, 1] as a percentage ("93.3%"); "–" when there is none."""
    if share is None or share == "":
        return "–"
    return f"{float(share) * 100:.{digits}f}%"


def grouped_notes(notes: Iterable[tuple[str, str]], *, names_shown: int = 6) -> list[str]:
    """(subject, reason) pairs as one line per reason naming its subjects, so a
    reason shared by twenty variables is said once."""
    by_reason: dict[str, list[str]] = {}
    for subject, reason in notes:
        subjects = by_reason.setdefault(reason, [])
        if subject not in subjects:
            subjects.append(subject)
    lines = []
    for reason, subjects in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        subjects.sort()
        if len(subjects) == 1:
            lines.append(f"{subjects[0]}: {reason}")
            continue
        shown = ", ".join(subjects[:names_shown])
        more = f" and {len(subjects) - names_shown} more" if len(subjects) > names_shown else ""
        lines.append(f"{reason.rstrip('.')} ({len(subjects)} variables: {shown}{more}).")
    return lines
