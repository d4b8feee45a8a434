"""The bundled application's entry point: one program for the command line
and the window.

- ``annotator`` with no arguments, or with a project file (a double-click
  passes its path), opens the window;
- ``annotator --version``, ``annotator demo ...`` and every other command of
  the command line run the command line;
- the executable named ``annotator-gui`` (Windows: windowed, no console)
  always opens the window.

Two options exist for packaging checks only:

- ``--smoke [PROJECT]`` (or ANNOTATOR_SMOKE=1): start the window offscreen,
  wait until the main window is shown, let it paint, print what was shown and
  exit 0 (non-zero if no window appeared within ANNOTATOR_SMOKE_TIMEOUT
  seconds, default 30);
- ``--bundle-check``: load the trained spaCy pipeline and parse a sentence,
  read the help and icons, and load the Qt offscreen platform: whatever the
  bundle could have left out.
"""

from __future__ import annotations

import os
import sys

SMOKE_FLAG = "--smoke"
CHECK_FLAG = "--bundle-check"
GUI_EXECUTABLES = ("annotator-gui",)


def choose(argv: list[str], cli_commands, program: str = "annotator") -> str:
    """'cli' or 'gui' for these arguments (argv without the program name)."""
    # macOS Finder of old passed a process serial number; it is not a file.
    args = [a for a in argv if not a.startswith("-psn_")]
    stem = os.path.splitext(os.path.basename(program))[0].lower()
    if stem in GUI_EXECUTABLES:
        return "gui"
    if not args or args[0] in (SMOKE_FLAG,):
        return "gui"
    first = args[0]
    if first.startswith("-"):  # --version, --help, -V, -h
        return "cli"
    if first in cli_commands:
        return "cli"
    return "gui"  # a project file


def _cli_commands():
    from annotator.cli.main import cli

    return cli.commands


def run_cli(args: list[str]) -> int:
    from annotator.cli.main import main

    return main(args)


def run_gui(args: list[str], *, smoke: bool = False) -> int:
    args = [a for a in args if a != SMOKE_FLAG and not a.startswith("-psn_")]
    if smoke:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _arm_smoke_check()
    try:
        # A windowed program has no console: without the log file a crash
        # report would have nowhere to point.
        from annotator.gui.app.logging_setup import setup_logging

        setup_logging()
    except (ImportError, OSError) as exc:
        if sys.stderr is not None:
            print(f"annotator: no log file ({exc})", file=sys.stderr)
    from annotator.gui.app.application import main

    return int(main(args) or 0)


def _arm_smoke_check() -> None:
    """Quit once the main window is on screen and has painted. The GUI's
    main() creates the QApplication and its event loop, so the check starts
    from the first QApplication.exec or QDialog.exec: the first moment both
    exist. A modal dialog that would wait for a person (a missing coder, an
    error) fails the check with its text instead of hanging CI."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import (
        QApplication,
        QDialog,
        QDialogButtonBox,
        QLineEdit,
        QListWidget,
        QMainWindow,
        QMessageBox,
    )

    timeout = float(os.environ.get("ANNOTATOR_SMOKE_TIMEOUT", "30"))
    state = {"armed": False, "waited": 0.0, "shown": None, "answered": set()}

    def answer_first_start_question(dialog: QDialog) -> bool:
        """A fresh machine is asked who is coding before the window opens:
        answer as a first-time user would (the offered name, or a new one
        typed in), by pressing OK."""
        lists = [w for w in dialog.findChildren(QListWidget) if w.isVisible()]
        if not any(lst.count() for lst in lists):
            for edit in dialog.findChildren(QLineEdit):
                if edit.isVisible() and edit.isEnabled() and not edit.text():
                    edit.setText("Smoke test")
                    break
        for box in dialog.findChildren(QDialogButtonBox):
            for button in box.buttons():
                if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole and button.isEnabled():
                    print(f"smoke: answered {dialog.windowTitle()!r} with {button.text()!r}", flush=True)
                    button.click()
                    return True
        return False

    def fail(message: str, code: int) -> None:
        print(f"smoke: {message}", file=sys.stderr, flush=True)
        if sys.stdout is not None:
            sys.stdout.flush()
        os._exit(code)  # nested dialog loops would otherwise carry on

    def check() -> None:
        app = QApplication.instance()
        crash = [w for w in app.topLevelWidgets() if w.objectName() == "CrashDialog" and w.isVisible()]
        if crash:
            fail(f"the crash dialog appeared:\n{getattr(crash[0], 'details', '')}", 5)
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        if windows:
            window = windows[0]
            if state["shown"] is None:
                # Paint it once more before quitting: a crash in a paint
                # event is exactly what this check is for.
                state["shown"] = window
                window.repaint()
                QTimer.singleShot(300, check)
                return
            print(f"smoke: main window shown: {window.windowTitle()!r} "
                  f"({window.width()}x{window.height()}, platform {app.platformName()})", flush=True)
            app.exit(0)
            return
        modal = app.activeModalWidget()
        if isinstance(modal, QMessageBox):
            fail(f"a message stopped the start: {modal.windowTitle()!r} {modal.text()!r}", 4)
        if isinstance(modal, QDialog) and id(modal) not in state["answered"]:
            state["answered"].add(id(modal))
            if answer_first_start_question(modal):
                QTimer.singleShot(100, check)
                return
        state["waited"] += 0.1
        if state["waited"] >= timeout:
            visible = []
            for w in app.topLevelWidgets():
                if w.isVisible():
                    text = f" {w.text()!r}" if isinstance(w, QMessageBox) else ""
                    visible.append(f"{type(w).__name__} {w.windowTitle()!r}{text}")
            fail(f"no main window after {timeout:.0f} s; visible: {visible or 'nothing'}", 3)
        QTimer.singleShot(100, check)

    def arm() -> None:
        if not state["armed"]:
            state["armed"] = True
            QTimer.singleShot(0, check)

    # exec is static on QApplication in PySide6: app.exec() and
    # QApplication.exec() both arrive here, with or without the instance.
    app_exec = QApplication.exec

    def app_exec_with_check(*_args):
        arm()
        return app_exec()

    dialog_exec = QDialog.exec

    def dialog_exec_with_check(self, *args):
        arm()
        return dialog_exec(self, *args)

    QApplication.exec = app_exec_with_check
    QDialog.exec = dialog_exec_with_check


def bundle_check() -> int:
    """Exercise what PyInstaller can silently leave out; exit 1 on a problem."""
    problems: list[str] = []

    from annotator import __version__
    from annotator.resources_path import resource

    print(f"annotator {__version__}, frozen={getattr(sys, 'frozen', False)}")
    for parts in (("help", "index.md"), ("help", "agreement.md"), ("icons", "annotator-256.png")):
        node = resource(*parts)
        if not node.is_file():
            problems.append(f"resource missing: {'/'.join(parts)}")
    codebooks = resource("codebooks")
    if codebooks.is_dir():
        print(f"codebooks: {sorted(p.name for p in codebooks.iterdir() if p.name.endswith(('.yaml', '.yml')))}")

    try:
        from annotator.nlp.pipeline import load_pipeline

        nlp, info = load_pipeline()
        doc = nlp("The defence minister, Sergei Shoigu, said on Wednesday that 20 targets were hit.\n\n"
                  "Rebels in Homs denied it.")
        print(f"spaCy pipeline: {info.label} trained={info.trained}; {len(doc)} tokens, "
              f"{len(list(doc.sents))} sentences, entities {[(e.text, e.label_) for e in doc.ents]}")
        if not info.trained:
            problems.append(f"the trained spaCy pipeline did not load: {info.notice}")
        elif not doc.ents:
            problems.append("the trained spaCy pipeline found no entities")
    except Exception as exc:  # noqa: BLE001 - report every failure, keep checking the rest
        problems.append(f"spaCy failed: {type(exc).__name__}: {exc}")

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtGui import QImageReader
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([sys.argv[0]])
        formats = sorted(bytes(f).decode() for f in QImageReader.supportedImageFormats())
        print(f"Qt platform: {app.platformName()}; image formats: {formats}")
        if "png" not in formats:
            problems.append("Qt cannot read PNG images")
        from annotator.gui.app.crash_dialog import CrashDialog
        from annotator.gui.help.help_browser import HelpBrowser

        guide = HelpBrowser()
        if len(guide.pages) < 7 or "Getting started" not in guide.browser.toPlainText():
            problems.append(f"the user guide is incomplete: {[p.name for p in guide.pages]}")
        print(f"user guide: {len(guide.pages)} pages")
        CrashDialog("check", "details").deleteLater()
        guide.deleteLater()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"Qt failed: {type(exc).__name__}: {exc}")

    for p in problems:
        print(f"bundle-check: {p}", file=sys.stderr)
    print("bundle-check: ok" if not problems else f"bundle-check: {len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == [CHECK_FLAG]:
        return bundle_check()
    smoke = SMOKE_FLAG in args[:1] or os.environ.get("ANNOTATOR_SMOKE") == "1"
    if smoke:
        return run_gui(args, smoke=True)
    commands: dict = {}
    if args and not args[0].startswith("-") and not args[0].lower().endswith(".annotator"):
        # Only a possible command name needs the command line's list; the
        # window and --version start without loading every command module.
        try:
            commands = _cli_commands()
        except ImportError:  # the command line missing from a build: still open the window
            commands = {}
    if choose(args, commands, sys.argv[0]) == "cli":
        return run_cli(args)
    return run_gui(args)


if __name__ == "__main__":
    # PyInstaller on Windows and macOS starts worker processes (spaCy's
    # n_process, multiprocessing pools) by re-running this executable.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
