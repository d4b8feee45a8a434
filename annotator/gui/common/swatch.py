"""The colour square that stands for a code in the codebook editor and the
compare view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap


def swatch(colour: str, size: int = 14, *, archived: bool = False) -> QIcon:
    pix = QPixmap(size * 2, size * 2)  # drawn at 2x so it stays crisp on high-DPI screens
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    if archived:
        fill.setAlpha(90)
    p.setBrush(fill)
    p.setPen(QColor(0, 0, 0, 60))
    p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    p.end()
    return QIcon(pix)
