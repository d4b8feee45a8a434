"""Every window opens inside the screen it appears on, at the size it had
last time on that screen.

Installed once on the application: on a window's first show, a size
remembered for this window on this screen (QSettings, keyed by the screen's
name and size, so a laptop and its external monitor each keep their own) is
used when it still fits; otherwise the window's own preferred size, shrunk
to the screen's available geometry (without the task bar and panels) and
centred on its parent or the screen. On hide, the size is remembered.

One filter rather than code in each window: a dialog added later, or
opened from a room that forgot, still fits a 1280×720 laptop.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QMargins, QObject, QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from annotator.gui.app.settings import settings

_FITTED = "annotator_screen_fit"
# Before a window manager has decorated a window Qt knows no frame; reserve
# about a title bar and borders so the decorated window still fits.
_ASSUMED_FRAME = QMargins(4, 32, 4, 4)


def screen_key(screen: QScreen) -> str:
    size = screen.size()
    name = re.sub(r"[^\w.-]+", "_", screen.name() or "screen")
    return f"{name}@{size.width()}x{size.height()}"


def _settings_key(widget: QWidget, screen: QScreen) -> str:
    return f"window_geometry/{type(widget).__name__}/{screen_key(screen)}"


def _screen_of(widget: QWidget) -> QScreen | None:
    parent = widget.parentWidget()
    if parent is not None and parent.window().isVisible():
        return parent.window().screen()
    return widget.screen() or QApplication.primaryScreen()


def _frame(widget: QWidget) -> QMargins:
    frame, inner = widget.frameGeometry(), widget.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    return margins if margins.top() > 0 else _ASSUMED_FRAME


def fitted_geometry(
    preferred: QRect,
    minimum_width: int,
    minimum_height: int,
    frame: QMargins,
    available: QRect,
    centre_on: QRect | None,
) -> QRect:
    """The client rectangle for a window that would like ``preferred``'s
    size: no larger than ``available`` minus ``frame`` (and no smaller than
    the minimum where the screen allows), centred on ``centre_on`` (or the
    screen) and moved inside ``available``."""
    room_w = available.width() - frame.left() - frame.right()
    room_h = available.height() - frame.top() - frame.bottom()
    width = min(max(preferred.width(), min(minimum_width, room_w)), room_w)
    height = min(max(preferred.height(), min(minimum_height, room_h)), room_h)
    centre = (centre_on or available).center()
    x = centre.x() - width // 2
    y = centre.y() - height // 2
    x = min(max(x, available.left() + frame.left()), available.right() - frame.right() - width + 1)
    y = min(max(y, available.top() + frame.top()), available.bottom() - frame.bottom() - height + 1)
    return QRect(x, y, width, height)


def fit(widget: QWidget) -> None:
    screen = _screen_of(widget)
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = _frame(widget)
    store = settings()
    saved = store.value(_settings_key(widget, screen))
    if _flag(store.value(_settings_key(widget, screen) + "_maximised")):
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)
    if isinstance(saved, list) and len(saved) == 4:
        try:
            rect = QRect(*(int(v) for v in saved))
        except (TypeError, ValueError):
            rect = QRect()
        if rect.isValid() and available.contains(rect.marginsAdded(frame)):
            widget.setGeometry(rect)
            return
    parent = widget.parentWidget()
    centre_on = parent.window().geometry() if parent is not None and parent.window().isVisible() else None
    minimum = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    widget.setGeometry(
        fitted_geometry(widget.geometry(), minimum.width(), minimum.height(), frame, available, centre_on)
    )


def _flag(value: object) -> bool:
    return value is True or str(value).lower() == "true"


def remember(widget: QWidget) -> None:
    screen = widget.screen()
    if screen is None or widget.isFullScreen():
        return
    store, key = settings(), _settings_key(widget, screen)
    store.setValue(key + "_maximised", widget.isMaximized())
    if not widget.isMaximized():  # the size to come back to from maximised stays
        g = widget.geometry()
        store.setValue(key, [g.x(), g.y(), g.width(), g.height()])


class ScreenFit(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.Show, QEvent.Type.Hide):
            return False
        if not isinstance(obj, QDialog | QMainWindow) and not (
            isinstance(obj, QWidget) and obj.isWindow() and type(obj).__module__.startswith("annotator.")
        ):
            return False
        if not obj.isWindow():
            return False
        if kind == QEvent.Type.Show and not obj.property(_FITTED):
            obj.setProperty(_FITTED, True)
            fit(obj)
        elif kind == QEvent.Type.Hide and obj.property(_FITTED):
            remember(obj)
        return False


def install(app: QCoreApplication | None = None) -> None:
    """Install the filter on ``app`` (the running one by default), once."""
    target = app or QApplication.instance()
    if target is None or target.property("annotator_screen_fit"):
        return
    target.installEventFilter(ScreenFit(target))
    target.setProperty("annotator_screen_fit", True)
