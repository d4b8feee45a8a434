"""Each coder's agreement per period (week of coding or block of articles):
one line per coder, painted with QPainter as the alpha chart is. The widget
draws the diagnostics' drift rows and computes nothing."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

# Okabe-Ito: tells coders apart for readers with a colour vision deficiency too
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442")
LEFT, RIGHT, TOP, BOTTOM = 44.0, 16.0, 26.0, 34.0


class DriftChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Chart of each coder's agreement over time"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(150)
        self.periods: list[str] = []
        self.series: dict[str, list[tuple[int, float]]] = {}  # coder -> (period index, agreement)

    def set_data(self, periods: list[str], series: dict[str, list[tuple[int, float]]]) -> None:
        self.periods = list(periods)
        self.series = {coder: sorted(points) for coder, points in series.items() if points}
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(520, 200)

    def x_of(self, index: int) -> float:
        span = self.width() - LEFT - RIGHT
        if len(self.periods) <= 1:
            return LEFT + span / 2
        return LEFT + index * span / (len(self.periods) - 1)

    def y_of(self, value: float) -> float:
        return TOP + (1.0 - value) * (self.height() - TOP - BOTTOM)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        fm = QFontMetricsF(self.font())
        if not self.series:
            p.setPen(muted)
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.tr("No drift to show."))
            p.end()
            return
        grid = QColor(muted)
        grid.setAlpha(60)
        for value in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = self.y_of(value)
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(LEFT, y), QPointF(self.width() - RIGHT, y))
            p.setPen(muted)
            p.drawText(
                QRectF(0, y - fm.height() / 2, LEFT - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{value:.0%}",
            )
        # period labels, thinned so that they never overlap
        widest = max((fm.horizontalAdvance(label) for label in self.periods), default=0.0) + 12
        span = self.width() - LEFT - RIGHT
        step = max(1, int(widest * len(self.periods) / max(span, 1.0)) + 1)
        base = self.height() - BOTTOM + 6
        for index in range(0, len(self.periods), step):
            x = self.x_of(index)
            p.drawText(
                QRectF(x - widest / 2, base, widest, fm.height()),
                Qt.AlignmentFlag.AlignHCenter,
                self.periods[index],
            )
        # legend along the top
        x = LEFT
        for n, coder in enumerate(self.series):
            colour = QColor(PALETTE[n % len(PALETTE)])
            p.setPen(QPen(colour, 3))
            p.drawLine(QPointF(x, 12), QPointF(x + 16, 12))
            p.setPen(pal.color(QPalette.ColorRole.Text))
            p.drawText(QRectF(x + 20, 4, fm.horizontalAdvance(coder) + 4, fm.height()), coder)
            x += 20 + fm.horizontalAdvance(coder) + 16
        for n, points in enumerate(self.series.values()):
            colour = QColor(PALETTE[n % len(PALETTE)])
            p.setPen(QPen(colour, 2))
            xy = [QPointF(self.x_of(i), self.y_of(value)) for i, value in points]
            for a, b in zip(xy, xy[1:], strict=False):
                p.drawLine(a, b)
            p.setBrush(colour)
            for point in xy:
                p.drawEllipse(point, 3.5, 3.5)
        p.end()
