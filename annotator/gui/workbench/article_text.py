"""The article text: read-only, selectable with mouse and keyboard (caret
browsing), annotations drawn as tints plus stacked underlines.

Positions inside this widget are Qt's UTF-16 units; the store's code points
are converted with :class:`annotator.core.spans.Utf16Map` at this boundary
and nowhere else. The text is shown exactly as stored (one QTextDocument
position per UTF-16 unit, a newline becoming a block break of one position),
which is what makes that conversion sufficient.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPainter,
    QPen,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QToolTip

from annotator.core.spans import Utf16Map
from annotator.gui.workbench.highlights import is_dark, tint, underline
from annotator.gui.workbench.span_layout import Span16, SpanLayout

SERIF_FAMILIES = (
    "Source Serif 4",
    "Source Serif Pro",
    "Charter",
    "Georgia",
    "Literata",
    "Noto Serif",
    "DejaVu Serif",
    "Liberation Serif",
    "Times New Roman",
)
COLUMN_CHARS = 70
LANE_STEP = 3
DOC_MARGIN = 24


def reading_font(point_size: float) -> QFont:
    available = set(QFontDatabase.families())
    family = next((f for f in SERIF_FAMILIES if f in available), "")
    font = QFont(family) if family else QFont()
    if not family:
        font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


class ArticleText(QTextEdit):
    """Emits ``selection_finished(alt_held)`` when a mouse selection ends, and
    ``caret_moved(pos)`` with the caret as a code point."""

    selection_finished = Signal(bool)
    caret_moved = Signal(int)
    column_changed = Signal(int)  # left edge of the text, for the header to align with

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName(self.tr("Article text"))
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setMouseTracking(True)
        self.map = Utf16Map("")
        self.text = ""
        self._layout = SpanLayout()  # the annotations in UTF-16 units, with their lanes and stripes
        self._selected_id: str | None = None
        self._tooltip = None  # callable(code_point) -> str (HTML) or ""
        self._overlays: list = []  # objects with paint(text, painter, clip), drawn over the text
        self._point_size = 13.0
        self._mouse_alt = False
        self.cursorPositionChanged.connect(self._emit_caret)
        self.set_point_size(self._point_size)

    # --- content -------------------------------------------------------------------

    def set_point_size(self, size: float) -> None:
        self._point_size = size
        font = reading_font(size)
        self.document().setDefaultFont(font)
        self._update_column()

    def set_text(self, text: str) -> None:
        self.text = text
        self.map = Utf16Map(text)
        doc = QTextDocument(self)
        doc.setDefaultFont(self.document().defaultFont())
        doc.setDocumentMargin(DOC_MARGIN)
        doc.setUndoRedoEnabled(False)
        doc.setPlainText(text)
        fmt = QTextBlockFormat()
        # generous leading and a little room between paragraphs, for long reading
        fmt.setLineHeight(165, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setBottomMargin(2)
        cur = QTextCursor(doc)
        cur.select(QTextCursor.SelectionType.Document)
        cur.mergeBlockFormat(fmt)
        self.setDocument(doc)  # deletes the previous document, a child of this widget
        self._update_column()

    def set_spans(self, spans: list[tuple[str, int, int, str]]) -> None:
        """All annotations to draw, as (id, start, end, colour) in code points."""
        to16 = self.map.to_utf16
        self._layout.reset([(i, to16(s), to16(e), c) for i, s, e, c in spans])
        self.viewport().update()

    def update_spans(self, changed: dict[str, tuple[int, int, str] | None]) -> None:
        """Add, change (id -> (start, end, colour)) or remove (id -> None) a
        few spans, repainting only the lines they and their neighbours touch."""
        to16 = self.map.to_utf16
        # a change can push an overlapping neighbour's underline to another lane, its tint to another
        # stripe: the layout returns those too
        self._update_region(
            self._layout.update(
                {i: (i, to16(v[0]), to16(v[1]), v[2]) if v is not None else None for i, v in changed.items()}
            )
        )

    def _update_region(self, spans: list[Span16]) -> None:
        if len(spans) > 60:
            self.viewport().update()
            return
        vp = self.viewport()
        offset = QPoint(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        layout = self.document().documentLayout()
        clip = vp.rect()
        lanes = max((self._layout.lane(s[0]) for s in spans), default=0) + 1
        for _sid, s16, e16, _c in spans:
            for _x1, _x2, top, bottom in self._line_pieces(layout, s16, e16, offset, clip):
                # whole line width: cheap, and covers tints, underlines and text
                vp.update(QRect(0, int(top) - 2, vp.width(), int(bottom - top) + 6 + lanes * LANE_STEP))

    def set_selected_annotation(self, annotation_id: str | None) -> None:
        if annotation_id != self._selected_id:
            touched = [s for s in map(self._layout.get, (annotation_id, self._selected_id)) if s is not None]
            self._selected_id = annotation_id
            self._update_region(touched)

    def set_tooltip_provider(self, provider) -> None:
        self._tooltip = provider

    def tooltip_provider(self):
        return self._tooltip

    def add_overlay(self, overlay) -> None:
        """Draw more marks over the text (suggestions): ``overlay.paint(self,
        painter, clip)`` runs after the annotations' underlines."""
        self._overlays.append(overlay)
        self.viewport().update()

    def line_pieces(self, start: int, end: int, clip: QRect | None = None):
        """(x1, x2, top, bottom) in viewport pixels of each laid-out line
        piece of [start, end), given in code points."""
        offset = QPoint(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        layout = self.document().documentLayout()
        return self._line_pieces(
            layout,
            self.map.to_utf16(start),
            self.map.to_utf16(end),
            offset,
            clip if clip is not None else self.viewport().rect(),
        )

    def lanes(self) -> dict[str, int]:
        """Each span's lane: its underline's row and its tint's stripe, 0 on top."""
        return self._layout.lanes()

    def lane(self, annotation_id: str) -> int:
        return self._layout.lane(annotation_id)

    def lanes_over(self, start: int, end: int) -> int:
        """How many underline lanes the annotations over [start, end) use."""
        s16, e16 = self.map.to_utf16(start), self.map.to_utf16(end)
        return max((self._layout.lane(s[0]) + 1 for s in self._layout.overlapping(s16, e16)), default=0)

    def _refresh_selections(self) -> None:
        # Tints are painted by paintEvent (no ExtraSelections: painting only
        # the visible spans keeps a change to one annotation cheap, and
        # PySide6 6.12 crashes when ExtraSelection objects are garbage-collected).
        self.viewport().update()

    # --- positions ------------------------------------------------------------------

    def selection(self) -> tuple[int, int]:
        """The selection as code points (start == end when nothing is selected)."""
        cur = self.textCursor()
        return self.map.from_utf16(cur.selectionStart()), self.map.from_utf16(cur.selectionEnd())

    def caret(self) -> int:
        return self.map.from_utf16(self.textCursor().position())

    def select_span(self, start: int, end: int, *, ensure_visible: bool = True) -> None:
        cur = QTextCursor(self.document())
        cur.setPosition(self.map.to_utf16(start))
        cur.setPosition(self.map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        if ensure_visible:
            self.ensureCursorVisible()

    def set_caret(self, pos: int) -> None:
        cur = QTextCursor(self.document())
        cur.setPosition(self.map.to_utf16(pos))
        self.setTextCursor(cur)

    def position_at(self, point: QPoint) -> int:
        return self.map.from_utf16(self.cursorForPosition(point).position())

    def take_mouse_alt(self) -> bool:
        return self._mouse_alt

    def _emit_caret(self) -> None:
        self.caret_moved.emit(self.caret())

    # --- layout: a centred column of about 70 characters --------------------------

    def column_geometry(self) -> tuple[int, int]:
        """(side margin, column width) in pixels: about 70 characters of the
        reading font, centred, narrower when the window is."""
        from PySide6.QtGui import QFontMetricsF

        metrics = QFontMetricsF(self.document().defaultFont())
        wanted = int(metrics.averageCharWidth() * COLUMN_CHARS * 1.08) + 2 * DOC_MARGIN
        available = max(200, self.width() - self.verticalScrollBar().sizeHint().width() - 8)
        column = min(wanted, available)
        return (available - column) // 2, column

    def _update_column(self) -> None:
        side, column = self.column_geometry()
        self.setLineWrapColumnOrWidth(column)
        self.setViewportMargins(side, 0, side, 0)
        self.column_changed.emit(side + DOC_MARGIN)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._update_column()
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_selections()

    # --- mouse --------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._mouse_alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._mouse_alt = self._mouse_alt or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mouseReleaseEvent(event)
        if self.textCursor().hasSelection():
            self.selection_finished.emit(self._mouse_alt)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._mouse_alt = False  # a keyboard selection snaps unless the preference says otherwise
        super().keyPressEvent(event)

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip and self._tooltip is not None:
            pos = self.position_at(event.pos())
            tip = self._tooltip(pos)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # --- underlines ---------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        visible = self._visible_spans() if len(self._layout) else []
        if visible:
            painter = QPainter(self.viewport())
            self._paint_spans(painter, visible, event.rect(), tints=True)
            painter.end()
        super().paintEvent(event)
        if visible or self._overlays:
            painter = QPainter(self.viewport())
            if visible:
                self._paint_spans(painter, visible, event.rect(), tints=False)
            for overlay in self._overlays:
                overlay.paint(self, painter, event.rect())
            painter.end()

    def _visible_spans(self) -> list[Span16]:
        vp = self.viewport()
        first = self.cursorForPosition(QPoint(0, 0)).position()
        last = self.cursorForPosition(QPoint(vp.width(), vp.height())).position()
        return self._layout.overlapping(first, last + 1)

    def _paint_spans(self, painter: QPainter, visible, clip: QRect, *, tints: bool) -> None:
        dark = is_dark(self.palette())
        offset = QPoint(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        layout = self.document().documentLayout()
        painter.setPen(Qt.PenStyle.NoPen)
        for sid, s16, e16, colour in visible:
            selected = sid == self._selected_id
            if tints:
                fill = tint(colour, dark)
                if selected:
                    fill.setAlpha(min(255, fill.alpha() * 2))
                painter.setBrush(fill)
            else:
                pen = QPen(underline(colour, dark))
                pen.setWidthF(3.0 if selected else 2.0)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                painter.setPen(pen)
            lane = self._layout.lane(sid)
            bands = self._layout.bands(sid)
            for x1, x2, top, bottom in self._line_pieces(layout, s16, e16, offset, clip):
                if tints:
                    # overlapping tints as stripes, lane by lane: blended they turn grey
                    band = (bottom - top) / bands
                    painter.drawRect(QRectF(x1, top + lane * band, x2 - x1, band))
                else:
                    y = bottom + 1.5 + lane * LANE_STEP
                    painter.drawLine(QPointF(x1, y), QPointF(x2, y))

    def _line_pieces(self, layout, s16, e16, offset, clip):
        """(x1, x2, top, bottom) of each laid-out line piece of [s16, e16)."""
        block = self.document().findBlock(s16)
        while block.isValid() and block.position() < e16:
            bl = block.layout()
            origin = layout.blockBoundingRect(block).topLeft() + offset
            if origin.y() > clip.bottom() + 8:
                return
            bstart = block.position()
            for i in range(bl.lineCount()):
                line = bl.lineAt(i)
                ls = bstart + line.textStart()
                a, b = max(s16, ls), min(e16, ls + line.textLength())
                if a >= b:
                    continue
                top = origin.y() + line.y()
                bottom = top + line.ascent() + line.descent()
                if bottom + 12 < clip.top() or top - 4 > clip.bottom():
                    continue
                x1 = line.cursorToX(a - bstart)[0] + origin.x()
                x2 = line.cursorToX(b - bstart)[0] + origin.x()
                yield x1, x2, top, bottom
            block = block.next()


def tooltip_html(entries: list[tuple[str, str, str]]) -> str:
    """One line per (colour, code path, note) at a place in the text."""
    rows = []
    for colour, name, note in entries:
        swatch = f'<span style="color:{colour}">&#9632;</span>'
        line = f"{swatch}&nbsp;<b>{html.escape(name)}</b>"
        if note:
            line += f"<br/><i>{html.escape(note)}</i>"
        rows.append(line)
    return "<br/>".join(rows)
