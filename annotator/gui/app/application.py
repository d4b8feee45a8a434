"""Entry points: ``annotator-gui [PROJECT]`` (``main``) and ``run(path)``,
which ``annotator gui`` and ``annotator demo`` call.

Kept light on purpose: spaCy is never imported on the way to the first
window (the coding service tokenizes with a regex when a document has no
stored segments), so the window appears well within 1.5 s.
"""

from __future__ import annotations

import argparse
import sys

import annotator.gui  # noqa: F401  (applies the PySide6 workaround first)


def _application(argv: list[str]):
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from annotator.gui.app.settings import APPLICATION, ORGANISATION

    app = QApplication.instance()
    if app is None:
        from annotator.gui.app.system_libraries import check_xcb_libraries

        # Qt aborts the process when its platform plugin cannot load
        check_xcb_libraries(argv=argv)
        app = QApplication(argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("annotator")
    try:
        from annotator.resources_path import resource

        icon = QIcon()
        for size in (16, 32, 48, 64, 128, 256):
            node = resource("icons", f"annotator-{size}.png")
            if node.is_file():
                icon.addFile(str(node))
        app.setWindowIcon(icon)
    except (OSError, ModuleNotFoundError):
        pass
    from annotator.gui.app.crash_dialog import install_excepthook
    from annotator.gui.app.logging_setup import setup_logging

    try:
        setup_logging()  # before the hook, so a crash's details reach the log
    except OSError:
        pass  # an unwritable log folder must not stop coding
    install_excepthook(app)
    from annotator.gui.common import dialog_keys, screen_fit

    dialog_keys.install(app)
    screen_fit.install(app)
    from annotator.gui.app.theme import apply_theme

    apply_theme(app)
    return app


def run(project_path: str | None, *, smoke: bool = False, argv: list[str] | None = None) -> int:
    """Show the workbench on ``project_path`` (or the last project used, or
    ask for one) and run the event loop; returns the exit status."""
    app = _application(argv if argv is not None else sys.argv[:1])
    from annotator.gui.app.windows import WindowController

    controller = WindowController()
    from_recent = False
    if project_path is None:
        from annotator.gui.app.settings import recent_projects

        recent = recent_projects()
        if recent:  # carry on where the coder left off; File > Open for another
            project_path, from_recent = recent[0], True
    window = None
    if project_path is not None:
        window = controller.open(project_path)
    if window is None and (project_path is None or from_recent):
        from annotator.gui.app.start_dialogs import ProjectChooser

        chooser = ProjectChooser()
        if not chooser.exec():
            return 0
        if chooser.wants_new:
            from annotator.gui.project_setup.new_project_dialog import NewProjectDialog

            assistant = NewProjectDialog()
            if not assistant.exec() or assistant.created is None:
                return 0
            window = controller.open_new(assistant.created)
        elif chooser.path:
            window = controller.open(chooser.path)
        else:
            return 0
    if window is None:
        return 1
    if smoke:
        _quit_after_first_paint(app, window)
    window.show()
    status = app.exec()
    controller.close_all()  # saves the place in each project and closes its file
    return status


def _quit_after_first_paint(app, window) -> None:
    """For start-up checks: leave the event loop once the window has painted."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
            if obj is window and event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                app.quit()
            return False

    window._first_paint = FirstPaint(window)
    window.installEventFilter(window._first_paint)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="annotator-gui", description="The Annotator coding workbench.")
    parser.add_argument("project", nargs="?", help="a project file (.annotator) to open")
    parser.add_argument("--smoke", action="store_true", help="show the window once and quit (start-up check)")
    args, qt_args = parser.parse_known_args(argv)
    from annotator.core.errors import AnnotatorError

    try:
        return run(args.project, smoke=args.smoke, argv=[sys.argv[0]] + qt_args)
    except AnnotatorError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
