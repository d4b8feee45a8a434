"""The batch report at the end of an import: what came in, what was skipped
and why, in words a researcher can act on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from annotator.gui.common.safe_text import plain_tooltip


class ImportReportView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Import report"))
        self.headline = QLabel(self)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.headline.setAccessibleName(self.tr("Import result"))
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.headline.setFont(font)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.summary.setAccessibleName(self.tr("Import summary"))
        self.summary.setWordWrap(True)
        self.details = QTreeWidget(self)
        self.details.setAccessibleName(self.tr("Import details"))
        self.details.setHeaderLabels([self.tr("Item"), self.tr("Detail")])
        self.details.setAlternatingRowColors(True)
        self.details.setUniformRowHeights(True)
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.notice.setAccessibleName(self.tr("Language pipeline notice"))
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.notice)

    def show_report(self, report, titles: dict[str, str] | None = None, *, cancelled: bool = False) -> None:
        """``titles``: document id -> title, to name what a near-duplicate resembles;
        ``cancelled``: the import stopped early and ``report`` tells what it saved."""
        titles = titles or {}
        name = report.batch.name
        if cancelled:
            self.headline.setText(
                self.tr(
                    "Import cancelled: %n article(s) of “{0}” were saved before it stopped.",
                    "",
                    report.imported,
                ).format(name)
            )
        elif report.imported:
            self.headline.setText(
                self.tr("Imported %n article(s) into the batch “{0}”.", "", report.imported).format(name)
            )
        else:
            self.headline.setText(self.tr("Nothing new was imported from “{0}”.").format(name))
        parts = [
            self.tr("%n duplicate(s) skipped", "", len(report.duplicates)),
            self.tr("%n near-duplicate(s) flagged", "", len(report.near_duplicates)),
            self.tr("%n file(s) failed", "", len(report.failed)),
            self.tr("%n boilerplate line(s) removed by cleaning", "", report.cleaned_lines),
        ]
        text = " · ".join(parts)
        if report.imported:
            text += "\n" + self.tr("The new articles are in the document list, in the batch “{0}”.").format(
                name
            )
        self.summary.setText(text)
        self.details.clear()

        def section(title: str, rows: list[tuple[str, str, str]], expanded: bool) -> None:
            """rows: (what, detail, full path for the tooltip)"""
            if not rows:
                return
            top = QTreeWidgetItem(self.details, [title, ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for what, detail, path in rows:
                child = QTreeWidgetItem(top, [what, detail])
                child.setToolTip(0, plain_tooltip(path or what))
                child.setToolTip(1, plain_tooltip(detail))
            top.setExpanded(expanded)

        def file_name(path: str) -> str:
            return Path(path).name or path

        section(
            self.tr("Failed files ({0})").format(len(report.failed)),
            [
                (
                    file_name(f.get("path", "")),
                    f.get("reason", "").replace(f.get("path", "") or "\0", file_name(f.get("path", ""))),
                    f.get("path", ""),
                )
                for f in report.failed
            ],
            True,
        )
        section(
            self.tr("Near-duplicates ({0}), imported and flagged").format(len(report.near_duplicates)),
            [
                (
                    d.get("title") or file_name(d.get("path", "")),
                    self.tr("resembles “{0}” ({1:.0%} alike)").format(
                        titles.get(d.get("resembles", ""), d.get("resembles", "")),
                        float(d.get("similarity", 0)),
                    ),
                    d.get("path", ""),
                )
                for d in report.near_duplicates
            ],
            True,
        )
        section(
            self.tr("Duplicates ({0}), already in the project").format(len(report.duplicates)),
            [
                (
                    d.get("title") or file_name(d.get("path", "")),
                    file_name(d.get("path", "")),
                    d.get("path", ""),
                )
                for d in report.duplicates
            ],
            False,
        )
        self.details.resizeColumnToContents(0)
        self.details.setColumnWidth(0, min(self.details.columnWidth(0), 380))
        notice = getattr(report, "notice", "")
        pipeline = getattr(report, "pipeline", "")
        text = self.tr("Sentences and tokens by {0}.").format(pipeline) if pipeline else ""
        self.notice.setText(" ".join(t for t in (text, notice) if t))
