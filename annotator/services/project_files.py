"""Opening a project file for a window or for a worker of its own.

Kept apart from ``projects`` (set-up, codebooks, coders), which pulls in YAML
and the exchange formats: the window's start-up needs only this."""

from __future__ import annotations

from pathlib import Path

from annotator.store.project import Project as Project  # the type a window or a worker holds


def open_project(
    path: str | Path, *, readonly: bool = False, window: bool = False, create: bool = False
) -> Project:
    """The project file at ``path``. ``window`` takes the project's window lock,
    so that a second window opens it read-only with a notice saying why;
    ``create`` makes the file when it is not there yet."""
    if create and not Path(path).exists():
        return Project.create(path, window=window)
    return Project.open(path, readonly=readonly, window=window)
