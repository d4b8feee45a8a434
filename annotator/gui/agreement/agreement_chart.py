"""Alpha per variable with its interval, against the 0.667 and 0.8 lines.

Painted with QPainter (QtCharts is not part of PySide6-Essentials). The
widget draws what the report holds and computes nothing: one row per
variable, a dot for alpha and a whisker for its bootstrap interval.
Krippendorff (2004: 241) suggests relying on variables with alpha of at least
0.8 and drawing tentative conclusions only from those of at least 0.667.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

THRESHOLDS = (0.667, 0.8)
ROW = 24.0
TOP = 30.0
BOTTOM = 26.0
LEFT_MIN = 120.0

GOOD, TENTATIVE, POOR = "#2e7d32", "#c77700", "#c62828"


def band_colour(alpha: float | None) -> str:
    if alpha is None:
        return "#9e9e9e"
    if alpha >= THRESHOLDS[1]:
        return GOOD
    if alpha >= THRESHOLDS[0]:
        return TENTATIVE
    return POOR


@dataclass(frozen=True)
class ChartRow:
    key: str
    label: str
    alpha: float | None
    low: float | None = None
    high: float | None = None


class AlphaChart(QWidget):
    row_clicked = Signal(str)  # the variable's key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Chart of alpha per variable"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.rows: list[ChartRow] = []
        self.alpha_name = "α"
        self.selected: str | None = None

    def set_rows(self, rows: list[ChartRow], alpha_name: str = "α") -> None:
        self.rows = rows
        self.alpha_name = alpha_name
        self.setMinimumHeight(int(TOP + BOTTOM + ROW * max(1, len(rows))))
        self.updateGeometry()
        self.update()

    def set_selected(self, key: str | None) -> None:
        self.selected = key
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(520, int(TOP + BOTTOM + ROW * max(1, len(self.rows))))

    # --- geometry -------------------------------------------------------------------

    def _label_width(self) -> float:
        return max(LEFT_MIN, min(self.width() * 0.38, 300.0))

    def _range(self) -> tuple[float, float]:
        values = [v for r in self.rows for v in (r.alpha, r.low) if v is not None]
        lo = min([0.0, *values])
        lo = max(-1.0, lo - 0.05) if lo < 0 else 0.0
        return lo, 1.0

    def x_of(self, value: float) -> float:
        left = self._label_width() + 12
        right = self.width() - 16
        lo, hi = self._range()
        return left + (value - lo) / (hi - lo) * (right - left)

    def row_at(self, y: float) -> int | None:
        index = int((y - TOP) // ROW)
        return index if 0 <= index < len(self.rows) else None

    # --- painting ---------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        text = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        fm = QFontMetricsF(self.font())
        bottom = TOP + ROW * len(self.rows)
        label_w = self._label_width()
        lo, hi = self._range()

        if not self.rows:
            p.setPen(muted)
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.tr("No figures yet."))
            p.end()
            return

        # selected row and alternate shading
        for i, row in enumerate(self.rows):
            y = TOP + i * ROW
            if row.key == self.selected:
                p.fillRect(
                    QRectF(0, y, self.width(), ROW), pal.color(QPalette.ColorRole.Highlight).lighter(170)
                )
            elif i % 2:
                p.fillRect(QRectF(0, y, self.width(), ROW), pal.color(QPalette.ColorRole.AlternateBase))

        # grid and axis
        grid = QColor(muted)
        grid.setAlpha(60)
        tick = lo if lo == 0 else round(lo * 5) / 5
        p.setFont(self.font())
        while tick <= hi + 1e-9:
            x = self.x_of(tick)
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(x, TOP), QPointF(x, bottom))
            p.setPen(muted)
            p.drawText(
                QRectF(x - 20, bottom + 4, 40, fm.height()), Qt.AlignmentFlag.AlignHCenter, f"{tick:.1f}"
            )
            # the scale again at the top, where a scrolled chart still shows it
            if all(abs(x - self.x_of(t)) > 28 for t in THRESHOLDS):
                p.drawText(QRectF(x - 20, 4, 40, fm.height()), Qt.AlignmentFlag.AlignHCenter, f"{tick:.1f}")
            tick = round(tick + 0.2, 6)
        for threshold, colour in zip(THRESHOLDS, (TENTATIVE, GOOD), strict=True):
            x = self.x_of(threshold)
            pen = QPen(QColor(colour), 1.4, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(x, TOP - 6), QPointF(x, bottom))
            p.drawText(QRectF(x - 30, 4, 60, fm.height()), Qt.AlignmentFlag.AlignHCenter, f"{threshold:g}")
        p.setPen(muted)
        p.drawText(
            QRectF(0, 4, label_w, fm.height()),
            Qt.AlignmentFlag.AlignLeft,
            self.tr("{0} with 95% interval").format(self.alpha_name),
        )

        # rows
        for i, row in enumerate(self.rows):
            y = TOP + i * ROW
            mid = y + ROW / 2
            p.setPen(text)
            label = fm.elidedText(row.label, Qt.TextElideMode.ElideMiddle, label_w - 8)
            p.drawText(
                QRectF(6, y, label_w - 8, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            colour = QColor(band_colour(row.alpha))
            if row.alpha is None:
                p.setPen(muted)
                p.drawText(
                    QRectF(self.x_of(lo) + 4, y, 200, ROW),
                    Qt.AlignmentFlag.AlignVCenter,
                    self.tr("undefined"),
                )
                continue
            if row.low is not None and row.high is not None:
                p.setPen(QPen(colour, 2))
                x0, x1 = self.x_of(max(lo, row.low)), self.x_of(min(hi, row.high))
                p.drawLine(QPointF(x0, mid), QPointF(x1, mid))
                p.drawLine(QPointF(x0, mid - 4), QPointF(x0, mid + 4))
                p.drawLine(QPointF(x1, mid - 4), QPointF(x1, mid + 4))
            p.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1.5))
            p.setBrush(colour)
            p.drawEllipse(QPointF(self.x_of(max(lo, row.alpha)), mid), 5, 5)
        p.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        index = self.row_at(event.position().y())
        if index is not None:
            self.row_clicked.emit(self.rows[index].key)
        super().mousePressEvent(event)
