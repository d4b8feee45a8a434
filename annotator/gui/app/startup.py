"""From a project path to what a window needs: open or create the file, find
out who is coding (remembered per project on this machine). The window
controller (``windows.py``) makes the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.models import Coder
from annotator.gui.app import settings as gui_settings
from annotator.services.project_files import Project, open_project


def _tr(text: str) -> str:
    return QCoreApplication.translate("startup", text)


def open_project_file(
    path: str | Path, *, create: bool = False, parent: QWidget | None = None
) -> Project | None:
    try:
        # a window holds the project's window lock: a second window opens it read-only
        return open_project(path, window=True, create=create)
    except AnnotatorError as exc:
        QMessageBox.warning(parent, _tr("Annotator"), str(exc))
    except OSError as exc:
        QMessageBox.warning(
            parent,
            _tr("Annotator"),
            _tr("{0} could not be opened: {1}.").format(Path(path).name, exc.strerror),
        )
    return None


def choose_coder(project: Project, parent: QWidget | None = None, *, ask: bool = False) -> Coder | None:
    """The remembered coder of this project, or the one the user picks or adds."""
    remembered = gui_settings.project_value(project.path, "coder")
    coders = project.coders()
    if not ask:
        for c in coders:
            if c.id == remembered:
                return c
    # imported only when asking: the project services pull in YAML and
    # the exchange formats, which start-up does not need
    from annotator.gui.app.start_dialogs import CoderChooser
    from annotator.services.projects import add_coder

    while True:
        dialog = CoderChooser(coders, remembered, parent)
        if not dialog.exec() or not dialog.coder_name:
            return None
        try:
            coder = project.coder_by_name(dialog.coder_name) or add_coder(project, dialog.coder_name)
        except AnnotatorError as exc:
            QMessageBox.warning(parent, _tr("Annotator"), str(exc))
            continue
        gui_settings.set_project_value(project.path, "coder", coder.id)
        return coder
