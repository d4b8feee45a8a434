"""Plan the reliability sample before coding (issue 18, item 3): the wanted
alpha, significance level and expected distribution of the categories give
the minimum number of units, recomputed as the fields change.

The figure is ``annotator.services.diagnostics.required_units``, the function
`annotator agreement plan --smallest-share` prints, and the table beside it
the command's layout of Krippendorff's (2019) table for the same share.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services.diagnostics import required_table, required_units, smallest_share_of

TABLE_ALPHAS = (0.667, 0.8, 0.9)
TABLE_SIGNIFICANCES = (0.1, 0.05, 0.01, 0.005)
CHOSEN = "#fff1c2"


class SamplePlanDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, *, alpha_min: float = 0.667, significance: float = 0.05
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan the reliability sample"))
        self.setAccessibleName(self.tr("Plan the reliability sample"))
        self.units: int | None = None
        self.smallest_share: float | None = None
        self.labels: list[QLabel] = []
        self._build(alpha_min, significance)
        self.resize(760, 560)
        self._update()

    def _build(self, alpha_min: float, significance: float) -> None:
        intro = QLabel(
            self.tr(
                "Before coding: how many units two coders must code so that alpha exceeds the smallest "
                "acceptable value at the chosen significance level, given how often the rarest category occurs."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.alpha_spin = QDoubleSpinBox(self)
        self.alpha_spin.setAccessibleName(self.tr("Smallest acceptable alpha"))
        self.alpha_spin.setDecimals(3)
        self.alpha_spin.setRange(0.01, 0.99)
        self.alpha_spin.setSingleStep(0.01)
        self.alpha_spin.setValue(alpha_min)
        self.alpha_spin.setToolTip(self.tr("0.800 to rely on a variable, 0.667 for tentative conclusions"))
        self.significance_spin = QDoubleSpinBox(self)
        self.significance_spin.setAccessibleName(self.tr("Significance level"))
        self.significance_spin.setDecimals(3)
        self.significance_spin.setRange(0.001, 0.499)
        self.significance_spin.setSingleStep(0.005)
        self.significance_spin.setValue(significance)
        self.significance_spin.setToolTip(
            self.tr("One-tailed, as in Krippendorff's table (0.100, 0.050, 0.010, 0.005)")
        )
        for spin in (self.alpha_spin, self.significance_spin):
            spin.setMinimumWidth(110)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, widget in (
            (self.tr("Smallest acceptable &alpha"), self.alpha_spin),
            (self.tr("Significance &level"), self.significance_spin),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            self.labels.append(label)
            form.addRow(label, widget)

        box = QGroupBox(self.tr("Expected distribution of the categories"), self)
        self.share_radio = QRadioButton(self.tr("&Share of the least frequent category"), box)
        self.share_spin = QDoubleSpinBox(box)
        self.share_spin.setAccessibleName(self.tr("Share of the least frequent category"))
        self.share_spin.setDecimals(3)
        self.share_spin.setRange(0.001, 0.5)
        self.share_spin.setSingleStep(0.01)
        self.share_spin.setValue(0.25)
        self.categories_radio = QRadioButton(self.tr("&Equally frequent categories"), box)
        self.categories_spin = QSpinBox(box)
        self.categories_spin.setAccessibleName(self.tr("Number of equally frequent categories"))
        self.categories_spin.setRange(2, 1000)
        self.categories_spin.setValue(4)
        self.distribution_radio = QRadioButton(self.tr("Expected &distribution"), box)
        self.distribution_edit = QLineEdit(box)
        self.distribution_edit.setAccessibleName(self.tr("Expected distribution"))
        self.distribution_edit.setPlaceholderText(self.tr("counts or percentages, such as 40, 30, 20, 10"))
        self.distribution_edit.setText("40, 30, 20, 10")
        self.categories_radio.setChecked(True)
        group = QButtonGroup(self)
        grid = QGridLayout(box)
        fields = (
            (self.share_radio, self.share_spin),
            (self.categories_radio, self.categories_spin),
            (self.distribution_radio, self.distribution_edit),
        )
        for row, (radio, field) in enumerate(fields):
            group.addButton(radio)
            grid.addWidget(radio, row, 0)
            # a list of numbers wants the room; a number does not
            grid.addWidget(field, row, 1, 1, 2 if field is self.distribution_edit else 1)
            # choosing a way puts the cursor in its field; typing in a field chooses its way
            radio.toggled.connect(lambda on, f=field: f.setFocus() if on else None)
            radio.toggled.connect(lambda _on: self._update())
        grid.setColumnStretch(2, 1)
        for spin in (self.share_spin, self.categories_spin):
            spin.setMinimumWidth(110)
        self.share_spin.valueChanged.connect(lambda _v: self._choose(self.share_radio))
        self.categories_spin.valueChanged.connect(lambda _v: self._choose(self.categories_radio))
        self.distribution_edit.textEdited.connect(lambda _t: self._choose(self.distribution_radio))
        self.distribution_edit.textChanged.connect(lambda _t: self._update())
        self.alpha_spin.valueChanged.connect(lambda _v: self._update())
        self.significance_spin.valueChanged.connect(lambda _v: self._update())

        self.result_label = QLabel(self)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setAccessibleName(self.tr("Minimum number of units"))
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.result_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.result_label.setFont(font)

        self.table_caption = QLabel(self)
        self.table_caption.setWordWrap(True)
        self.table = QTableWidget(0, len(TABLE_SIGNIFICANCES), self)
        self.table.setAccessibleName(self.tr("Required units by alpha and significance level"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        row_height = self.table.fontMetrics().height() + 10
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # all three rows shown, nothing to scroll
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + len(TABLE_ALPHAS) * row_height
            + 2 * self.table.frameWidth()
            + 2
        )
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setStyleSheet("color: palette(placeholder-text);")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(self.result_label)
        layout.addWidget(self.table_caption)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _choose(self, radio: QRadioButton) -> None:
        if not radio.isChecked():
            radio.blockSignals(True)  # keep the cursor where the user types
            radio.setChecked(True)
            radio.blockSignals(False)
        self._update()

    def _share(self) -> float:
        if self.share_radio.isChecked():
            return self.share_spin.value()
        if self.categories_radio.isChecked():
            return 1.0 / self.categories_spin.value()
        return smallest_share_of(self.distribution_edit.text())

    def _update(self) -> None:
        alpha, p = self.alpha_spin.value(), self.significance_spin.value()
        try:
            share = self._share()
            units = required_units(alpha, p, share)
        except AnnotatorError as exc:
            self.units = self.smallest_share = None
            self.result_label.setStyleSheet("color: #b3261e;")
            self.result_label.setText(str(exc))
            self.table.setRowCount(0)
            self.table.setEnabled(False)
            self.table_caption.clear()
            self.note.clear()
            return
        self.units, self.smallest_share = units, share
        self.result_label.setStyleSheet("")
        self.result_label.setText(
            self.tr(
                "At least {0} units, each coded by two coders, for α ≥ {1} at p = {2} when the least "
                "frequent category has a share of {3}."
            ).format(units, f"{alpha:g}", f"{p:g}", f"{share:.3g}")
        )
        self._fill_table(share, alpha, p)
        self.note.setText(
            self.tr(
                "Krippendorff (2019), table of minimum sample sizes for two coders, after Bloch & Kraemer "
                "(1989, eq. 3.7); the significance level is one-tailed.\n"
                "The same figure on the command line:\n"
                "annotator agreement plan --alpha-min {0} --significance {1} --smallest-share {2}"
            ).format(f"{alpha:g}", f"{p:g}", f"{share:.6g}")
        )

    def _fill_table(self, share: float, alpha: float, p: float) -> None:
        self.table.setEnabled(True)
        self.table_caption.setText(
            self.tr("Required units for other plans with the same share ({0}):").format(f"{share:.3g}")
        )
        cells = required_table(TABLE_ALPHAS, TABLE_SIGNIFICANCES, (share,))
        self.table.setRowCount(len(TABLE_ALPHAS))
        self.table.setVerticalHeaderLabels([f"{a:g}" for a in TABLE_ALPHAS])
        self.table.setHorizontalHeaderLabels([f"p = {s:g}" for s in TABLE_SIGNIFICANCES])
        for a_min, sig, _share, n in cells:
            item = QTableWidgetItem(str(n))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if abs(a_min - alpha) < 1e-9 and abs(sig - p) < 1e-9:
                item.setBackground(QColor(CHOSEN))  # the plan above, where the table has it
            self.table.setItem(TABLE_ALPHAS.index(a_min), TABLE_SIGNIFICANCES.index(sig), item)
