"""The application's log file: where a crash report's details end up.

Call :func:`setup_logging` once at start-up, before the main window exists.
The log lives in the platform's user log directory (``~/.local/state/Annotator/log``
on Linux, ``~/Library/Logs/Annotator`` on macOS, ``%LOCALAPPDATA%\\Annotator\\Logs``
on Windows) and rotates, so that hours of coding every day for a year never
fill a laptop's disk.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Annotator"
LOG_FILE_NAME = "annotator.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
# Tests and portable installs point the log somewhere else without touching
# the user's real log directory.
LOG_DIR_ENV = "ANNOTATOR_LOG_DIR"

_FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s] %(message)s"

_handler: logging.handlers.RotatingFileHandler | None = None


def default_log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_file_path() -> Path | None:
    """The file the log is being written to, or None before setup_logging()."""
    if _handler is None:
        return None
    return Path(_handler.baseFilename)


def setup_logging(log_dir: Path | None = None, *, level: int = logging.INFO) -> Path:
    """Send the root logger to a rotating file (1 MB x 5) and return its path.

    Calling it again with the same directory changes nothing; with another
    directory it moves the log there (the old handler is closed).
    """
    global _handler
    directory = Path(log_dir) if log_dir is not None else default_log_dir()
    path = (directory / LOG_FILE_NAME).resolve()
    root = logging.getLogger()
    if _handler is not None:
        if Path(_handler.baseFilename) == path:
            return path
        root.removeHandler(_handler)
        _handler.close()
        _handler = None

    directory.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=False
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    _handler = handler
    logging.captureWarnings(True)
    _install_qt_message_handler()

    from annotator import __version__

    logging.getLogger("annotator").info(
        "Annotator %s started (Python %s, %s)", __version__, sys.version.split()[0], sys.platform
    )
    return path


def _install_qt_message_handler() -> None:
    """Qt's own warnings (missing plugins, fonts, OpenGL) explain many crashes
    on other people's machines; without this they only reach a console the
    user never sees."""
    try:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    except ImportError:  # logging must work even where Qt cannot load
        return

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    qt_log = logging.getLogger("qt")

    def handler(msg_type, context, message):  # noqa: ARG001 - Qt's signature
        level = levels.get(msg_type, logging.WARNING)
        qt_log.log(level, "%s", message)
        # Qt's default handler prints to the console; a developer running
        # from a terminal still sees what they saw before.
        if level >= logging.WARNING and sys.stderr is not None:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)
