"""The article view: a quiet header (title, outlet, date, link) above the
text column."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from annotator.core.models import Document
from annotator.gui.workbench.article_text import ArticleText, reading_font


class ArticleView(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName(self.tr("Article"))
        self.text = ArticleText()
        self.title = QLabel()
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # titles are imported data, never markup
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setAccessibleName(self.tr("Title"))
        self.meta = QLabel()
        self.meta.setObjectName("articleMeta")
        self.meta.setWordWrap(True)
        self.meta.setOpenExternalLinks(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.meta.setAccessibleName(self.tr("Outlet, date and link"))
        self.header = QWidget()
        self.header.setObjectName("articleHeader")
        head = QVBoxLayout(self.header)
        head.setContentsMargins(0, 18, 0, 6)
        head.setSpacing(4)
        head.addWidget(self.title)
        head.addWidget(self.meta)
        self.placeholder = QLabel(self.tr("Choose a document from the list to start coding."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.placeholder, 1)
        self.text.column_changed.connect(self._align_header)
        self.setAutoFillBackground(True)
        self._apply_palette()
        self.set_point_size(13.0)
        self.show_document(None)

    def _apply_palette(self) -> None:
        # the column sits on the page colour, margins included
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.Base))
        self.setPalette(pal)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == event.Type.ApplicationPaletteChange:
            self._apply_palette()

    def set_point_size(self, size: float) -> None:
        self.text.set_point_size(size)
        title_font = reading_font(size * 1.45)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)

    def _align_header(self, left: int) -> None:
        # the header sits over the text column, whatever the window width
        layout = self.header.layout()
        if layout is not None:
            layout.setContentsMargins(left, 22, left, 4)

    def show_document(self, doc: Document | None) -> None:
        has = doc is not None
        self.header.setVisible(has)
        self.text.setVisible(has)
        self.placeholder.setVisible(not has)
        if doc is None:
            self.text.set_text("")
            return
        self.title.setText(doc.title or self.tr("(untitled)"))
        bits = [html.escape(b) for b in (doc.outlet, doc.published, doc.author) if b]
        if doc.url:
            shown = html.escape(doc.url if len(doc.url) < 60 else doc.url[:57] + "…")
            if doc.url.lower().startswith(("http://", "https://")):
                bits.append(f'<a href="{html.escape(doc.url, quote=True)}">{shown}</a>')
            else:  # an imported file:, javascript: or other link is shown, never followed
                bits.append(shown)
        self.meta.setText("  ·  ".join(bits))
        self.meta.setVisible(bool(bits))
        self.text.set_text(doc.text)
