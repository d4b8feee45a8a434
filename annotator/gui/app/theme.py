"""A calm look for long working days: Fusion (which follows the system's
light or dark palette in Qt 6), quiet panel titles, muted metadata."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

STYLE = """
QLabel#panelTitle { font-weight: 600; padding: 2px 2px 0 2px; }
QLabel#articleMeta { color: palette(placeholder-text); }
QLabel#articleTitle { padding-bottom: 2px; }
QSplitter::handle:horizontal { width: 1px; background: palette(midlight); }
QSplitter::handle:vertical { height: 1px; background: palette(midlight); }
QTableView, QTreeWidget, QListWidget { border: none; }
QTabWidget::pane { border: none; }
QStatusBar QLabel { padding: 0 8px; }
"""


def apply_theme(app: QApplication) -> None:
    if "fusion" in [
        k.lower() for k in __import__("PySide6.QtWidgets", fromlist=["QStyleFactory"]).QStyleFactory.keys()
    ]:
        app.setStyle("Fusion")
    app.setStyleSheet(STYLE)
