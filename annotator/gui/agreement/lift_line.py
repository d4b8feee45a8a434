"""The line under the agreement table that plans the rest of the sample for
the selected variable (issue 18, item 3): "Code N more articles to lift the
lower bound for Source type above 0.667", from the report's bootstrap
interval by ``annotator.services.diagnostics.lift_plans``, the function behind
`annotator agreement plan`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from annotator.services.diagnostics import ArticlesToLift, lift_plans

# Krippendorff (2004: 241): tentative conclusions from 0.667, reliance from 0.8
THRESHOLDS = (0.667, 0.8, 0.9)


class LiftLine(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = None
        self.key: str | None = None
        self.plan: ArticlesToLift | None = None
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.label.setAccessibleName(self.tr("Articles still to code"))
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.threshold_combo = QComboBox(self)
        self.threshold_combo.setAccessibleName(self.tr("Lower bound to reach"))
        self.threshold_combo.setToolTip(
            self.tr(
                "The alpha the interval's lower bound should pass (as --alpha-min of `annotator agreement plan`)"
            )
        )
        for value in THRESHOLDS:
            self.threshold_combo.addItem(f"{value:g}", value)
        self.threshold_combo.currentIndexChanged.connect(lambda _i: self._refresh())
        caption = QLabel(self.tr("T&hreshold"), self)
        caption.setBuddy(self.threshold_combo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(caption)
        row.addWidget(self.threshold_combo)

    def threshold(self) -> float:
        return float(self.threshold_combo.currentData())

    def text(self) -> str:
        return self.label.text()

    def show_variable(self, report, key: str | None) -> None:
        """Plan for variable ``key`` of ``report`` (an AgreementReport)."""
        self.report, self.key = report, key
        self._refresh()

    def _refresh(self) -> None:
        self.plan = None
        if self.report is None or self.key is None:
            self.label.clear()
            return
        self.plan = lift_plans(self.report, alpha_min=self.threshold()).get(self.key)
        p, t = self.plan, self.threshold()
        if p is None:
            self.label.clear()
            return
        name = p.name.replace("/", " › ")
        if p.more_articles:
            text = self.tr("Code {0} more articles to lift the lower bound for {1} above {2}.").format(
                p.more_articles, name, f"{t:g}"
            )
        elif p.more_articles == 0:
            text = self.tr("The lower bound for {0} is already above {1}.").format(name, f"{t:g}")
        else:
            text = p.reason or ""
        self.label.setText(text)
