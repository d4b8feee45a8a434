"""The text of one document with one lane per coder under every line.

Each line of text is followed by a thin lane per coder in which that coder's
spans are drawn as bars in their code colours, so the eye can run down a
passage and see at once who coded what and where the boundaries differ.
Disagreements are tinted behind the text; the current one is outlined.

Offsets come in as code points (the store's unit) and are converted to the
UTF-16 positions QTextLayout counts in with ``core.spans.Utf16Map``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget

from annotator.core.spans import Utf16Map
from annotator.gui.common.safe_text import plain_tooltip

LANE_HEIGHT = 8.0
MAX_TRACKS = 3  # overlapping spans of one coder share the lane in up to three thin tracks
LANE_GAP = 2.0
GUTTER = 64.0  # room for the coders' initials at the left of their lanes
MARGIN = 14.0
MAX_LINE_WIDTH = 720.0  # a readable measure, whatever the window's width


@dataclass
class LaneSpan:
    start: int
    end: int
    colour: str
    annotation_id: str
    label: str = ""


@dataclass
class Lane:
    name: str
    colour: str
    spans: list[LaneSpan] = field(default_factory=list)
    gold: bool = False


@dataclass
class Mark:
    start: int
    end: int


@dataclass
class _Line:
    para: int
    line_index: int
    y: float  # top of the text line
    start16: int  # UTF-16 offsets in the whole text
    end16: int


def _tracks(spans: list[LaneSpan]) -> list[tuple[int, int]]:
    """(track, tracks in its group) per span, so that overlapping spans of one
    coder (a frame and a source on the same words) are drawn one above the
    other instead of on top of each other. A span that overlaps nothing keeps
    the whole lane; beyond MAX_TRACKS spans share the last track."""
    out = [(0, 1)] * len(spans)
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end))
    group: list[int] = []
    ends: list[int] = []
    group_end = -1

    def close() -> None:
        n = max(1, min(len(ends), MAX_TRACKS))
        for i in group:
            out[i] = (min(out[i][0], MAX_TRACKS - 1), n)

    for i in order:
        span = spans[i]
        if group and span.start >= group_end:
            close()
            group, ends = [], []
        track = next((t for t, end in enumerate(ends) if end <= span.start), None)
        if track is None:
            track = len(ends)
            ends.append(span.end)
        else:
            ends[track] = span.end
        out[i] = (track, 1)
        group.append(i)
        group_end = max(group_end, span.end) if len(group) > 1 else span.end
    if group:
        close()
    return out


class LanesWidget(QWidget):
    """Emits ``span_clicked(annotation_id)`` when a bar is clicked."""

    span_clicked = Signal(str)
    range_selected = Signal(int, int)  # code points, snapped out to whole words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Document text with one lane per coder"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        font = QFont(self.font())
        font.setPointSizeF(max(11.0, font.pointSizeF() * 1.1))
        self.text_font = font
        self.text = ""
        self.lanes: list[Lane] = []
        self.marks: list[Mark] = []
        self.current: int | None = None
        self.selected_annotation: str | None = None
        self.selection: tuple[int, int] | None = None  # being dragged over the text, code points
        self._anchor: int | None = None
        self._map = Utf16Map("")
        self._layouts: list[tuple[int, QTextLayout]] = []  # (UTF-16 start of paragraph, layout)
        self._lines: list[_Line] = []
        self._line_starts: list[int] = []
        self._hits: list[tuple[QRectF, str, str]] = []  # rect, annotation id, tooltip
        self._height = 100.0
        self._laid_out_width = -1.0

    # --- content --------------------------------------------------------------------

    def set_content(self, text: str, lanes: list[Lane], marks: list[Mark]) -> None:
        self.text = text
        self._map = Utf16Map(text)
        self.lanes = lanes
        self.marks = marks
        self.current = None
        self.selection = None
        self._laid_out_width = -1.0
        self._relayout()
        self.update()

    def set_current(self, index: int | None) -> None:
        self.current = index
        self.update()

    def set_selected_annotation(self, annotation_id: str | None) -> None:
        self.selected_annotation = annotation_id
        self.update()

    def y_of(self, offset: int) -> float:
        """Top of the line holding the code-point ``offset`` (for scrolling)."""
        pos16 = self._map.to_utf16(offset)
        for line in self._lines:
            if line.start16 <= pos16 < max(line.end16, line.start16 + 1):
                return line.y
        return self._lines[-1].y if self._lines else 0.0

    # --- layout ---------------------------------------------------------------------

    def _block_height(self) -> float:
        return QFontMetricsF(self.text_font).height() + len(self.lanes) * (LANE_HEIGHT + LANE_GAP) + 8.0

    def _relayout(self) -> None:
        width = min(MAX_LINE_WIDTH, max(200.0, self.width() - GUTTER - 2 * MARGIN))
        if width == self._laid_out_width:
            return
        self._laid_out_width = width
        self._layouts, self._lines = [], []
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        y = MARGIN
        start16 = 0
        block = self._block_height()
        leading = QFontMetricsF(self.text_font).height() * 0.6
        for para_index, para in enumerate(self.text.split("\n")):
            length16 = len(para.encode("utf-16-le")) // 2
            if para.strip():
                layout = QTextLayout(para, self.text_font)
                layout.setTextOption(option)
                layout.beginLayout()
                i = 0
                while True:
                    line = layout.createLine()
                    if not line.isValid():
                        break
                    line.setLineWidth(width)
                    line.setPosition(QPointF(0, 0))
                    self._lines.append(
                        _Line(
                            para_index,
                            i,
                            y,
                            start16 + line.textStart(),
                            start16 + line.textStart() + line.textLength(),
                        )
                    )
                    y += block
                    i += 1
                layout.endLayout()
                self._layouts.append((start16, layout))
                y += leading
            else:
                self._layouts.append((start16, QTextLayout("", self.text_font)))
            start16 += length16 + 1  # the newline
        self._line_starts = [line.start16 for line in self._lines]
        self._height = y + MARGIN
        self.setMinimumHeight(int(self._height))
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(int(MAX_LINE_WIDTH + GUTTER + 2 * MARGIN), int(self._height))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._relayout()
        super().resizeEvent(event)

    # --- painting -------------------------------------------------------------------

    def _x(self, line: _Line, pos16: int) -> float:
        start16, layout = self._layouts[line.para]
        qline = layout.lineAt(line.line_index)
        x, _ = qline.cursorToX(pos16 - start16)
        return GUTTER + MARGIN + x

    def _pieces(self, start: int, end: int):
        """(line, x0, x1) for each line a code-point range covers."""
        s16, e16 = self._map.to_utf16(start), self._map.to_utf16(end)
        first = max(0, bisect_right(self._line_starts, s16) - 1)  # long articles: skip the lines before
        for line in self._lines[first:]:
            if line.start16 >= e16:
                break
            if line.end16 < s16:
                continue
            a, b = max(s16, line.start16), min(e16, line.end16)
            if b <= a:
                continue
            yield line, self._x(line, a), self._x(line, b)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        fm = QFontMetricsF(self.text_font)
        text_h = fm.height()
        clip = QRectF(event.rect()).adjusted(0, -text_h * 2, 0, text_h * 2)
        dark = pal.color(QPalette.ColorRole.Base).lightnessF() < 0.5

        # disagreements, behind the text
        for i, mark in enumerate(self.marks):
            current = i == self.current
            fill = QColor("#f5b400" if not dark else "#8a6d00")
            fill.setAlpha(110 if current else 45)
            for line, x0, x1 in self._pieces(mark.start, mark.end):
                rect = QRectF(x0 - 1, line.y - 1, x1 - x0 + 2, self._block_height() - 6)
                if not rect.intersects(clip):
                    continue
                p.fillRect(rect, fill)
                if current:
                    p.setPen(QPen(QColor("#b26a00"), 1.5))
                    p.drawRect(rect)
        # the adjudicator's selection, behind the text
        if self.selection is not None and self.selection[1] > self.selection[0]:
            fill = QColor(pal.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(90)
            for line, x0, x1 in self._pieces(*self.selection):
                p.fillRect(QRectF(x0, line.y, x1 - x0, text_h), fill)
        # the text
        p.setPen(pal.color(QPalette.ColorRole.Text))
        for line in self._lines:
            if line.y > clip.bottom() or line.y + text_h < clip.top():
                continue
            start16, layout = self._layouts[line.para]
            qline = layout.lineAt(line.line_index)
            qline.draw(p, QPointF(GUTTER + MARGIN, line.y - qline.y()))
        # the lanes
        self._hits = []
        initials_font = QFont(self.font())
        initials_font.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.72))
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        for lane_index, lane in enumerate(self.lanes):
            offset = text_h + 2 + lane_index * (LANE_HEIGHT + LANE_GAP)
            for line in self._lines:
                y = line.y + offset
                if y > clip.bottom() or y + LANE_HEIGHT < clip.top():
                    continue
                p.setFont(initials_font)
                p.setPen(QColor(lane.colour) if lane.gold else muted)
                p.drawText(
                    QRectF(MARGIN - 6, y - 3, GUTTER - 4, LANE_HEIGHT + 6),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    lane.name[:10],
                )
                guide = QColor(muted)
                guide.setAlpha(40)
                x_end = self._x(line, line.end16)
                p.fillRect(
                    QRectF(GUTTER + MARGIN, y + LANE_HEIGHT / 2 - 0.5, x_end - GUTTER - MARGIN, 1), guide
                )
            for span, (track, n_tracks) in zip(lane.spans, _tracks(lane.spans), strict=True):
                track_h = (LANE_HEIGHT - (n_tracks - 1)) / n_tracks
                top = offset + track * (track_h + 1)
                for line, x0, x1 in self._pieces(span.start, span.end):
                    rect = QRectF(x0 + 0.5, line.y + top, max(2.0, x1 - x0 - 1), track_h)
                    self._hits.append((rect.adjusted(0, -1, 0, 1), span.annotation_id, span.label))
                    if not rect.intersects(clip):
                        continue
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(QColor(span.colour))
                    p.drawRoundedRect(rect, 2, 2)
                    if span.annotation_id == self.selected_annotation:
                        p.setBrush(Qt.BrushStyle.NoBrush)
                        p.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1.5))
                        p.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 2, 2)
        p.end()

    # --- interaction ------------------------------------------------------------------

    def _hit(self, pos) -> tuple[str, str] | None:
        for rect, annotation_id, label in self._hits:
            if rect.contains(QPointF(pos)):
                return annotation_id, label
        return None

    def position_at(self, point: QPointF) -> int | None:
        """Code-point offset of the character boundary nearest ``point`` on a text row."""
        text_h = QFontMetricsF(self.text_font).height()
        for line in self._lines:
            if line.y - 2 <= point.y() < line.y + text_h + 2:
                start16, layout = self._layouts[line.para]
                qline = layout.lineAt(line.line_index)
                pos16 = start16 + qline.xToCursor(point.x() - GUTTER - MARGIN)
                return self._map.from_utf16(pos16)
        return None

    def _snapped(self, a: int, b: int) -> tuple[int, int]:
        start, end = min(a, b), max(a, b)
        while start > 0 and self.text[start - 1].isalnum():
            start -= 1
        while end < len(self.text) and self.text[end].isalnum():
            end += 1
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self._hit(event.position())
            if hit is not None:
                self.span_clicked.emit(hit[0])
                return
            self._anchor = self.position_at(event.position())
            self.selection = None
            self.update()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._anchor is not None and self.selection is not None and self.selection[1] > self.selection[0]:
            self.range_selected.emit(*self.selection)
        self._anchor = None
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._anchor is not None and event.buttons() & Qt.MouseButton.LeftButton:
            pos = self.position_at(event.position())
            if pos is not None:
                self.selection = self._snapped(self._anchor, pos)
                self.update()
            return
        hit = self._hit(event.position())
        self.setToolTip(plain_tooltip(hit[1]) if hit else "")
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)
