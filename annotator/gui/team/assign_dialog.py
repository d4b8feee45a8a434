"""Project > Assign…: who codes what. Every document to every coder, or a
reliability sample coded by everyone (a number or a percentage, seeded,
drawn per batch or outlet) with the rest divided among the coders, or that
sample as hidden reliability checks slipped unmarked into each coder's queue.
The draw is previewed before it is stored and is the one ``annotator assign``
makes with the same choices (``--hidden-checks`` for the last), so the seed
can be reported."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services import assignment
from annotator.services.project_files import Project

ID_ROLE = Qt.ItemDataRole.UserRole


class AssignDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Assign documents"))
        self.stored: dict[str, int] | None = None  # coder id -> newly assigned, once stored
        self.draft: assignment.AssignmentDraft | None = None
        self._names = {c.id: c.name for c in project.coders()}

        self.coders = QListWidget(self)
        self.coders.setAccessibleName(self.tr("Coders who get documents"))
        for c in project.coders():
            item = QListWidgetItem(c.name + ("  " + self.tr("(adjudicator)") if c.role != "coder" else ""))
            item.setData(ID_ROLE, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.role == "coder" else Qt.CheckState.Unchecked)
            self.coders.addItem(item)
        self.batch = QComboBox(self)
        self.batch.setAccessibleName(self.tr("Documents of"))
        self.batch.addItem(self.tr("Every batch"), None)
        for b in project.batches():
            self.batch.addItem(b.name, b.id)

        self.everything = QRadioButton(self.tr("Every document to every coder"), self)
        self.sample = QRadioButton(
            self.tr("A reliability sample coded by every coder; the rest divided among them"), self
        )
        self.hidden = QRadioButton(
            self.tr("&Hidden checks: the sample slipped unmarked among each coder's other documents"), self
        )
        self.hidden.setToolTip(
            self.tr(
                "Like the reliability sample, but the shared documents are placed at seeded random places "
                "in each coder's queue, so no coder can tell which documents are checks."
            )
        )
        mode = QButtonGroup(self)
        mode.addButton(self.everything)
        mode.addButton(self.sample)
        mode.addButton(self.hidden)
        self.sample_size = QSpinBox(self)
        self.sample_size.setAccessibleName(self.tr("Size of the reliability sample"))
        self.sample_size.setRange(1, 1_000_000)
        self.sample_size.setValue(20)
        self.unit = QComboBox(self)
        self.unit.setAccessibleName(self.tr("Unit of the sample size"))
        self.unit.addItem(self.tr("% of the documents"), "percent")
        self.unit.addItem(self.tr("documents"), "documents")
        self.seed = QSpinBox(self)
        self.seed.setAccessibleName(self.tr("Seed of the random draw"))
        self.seed.setRange(0, 2_147_483_647)
        self.seed.setValue(1)
        self.seed.setToolTip(
            self.tr("The same seed draws the same sample again; report it with the figures.")
        )
        self.stratify = QComboBox(self)
        self.stratify.setAccessibleName(self.tr("Draw the sample per"))
        self.stratify.addItem(self.tr("(no strata)"), None)
        self.stratify.addItem(self.tr("batch"), "batch")
        self.stratify.addItem(self.tr("outlet"), "outlet")
        self.divide_rest = QCheckBox(self.tr("Divide the other documents among the coders"), self)
        self.divide_rest.setChecked(True)
        size_row = QHBoxLayout()
        size_row.addWidget(self.sample_size)
        size_row.addWidget(self.unit, 1)
        self.sample_box = QWidget(self)
        sample_form = QFormLayout(self.sample_box)
        sample_form.setContentsMargins(24, 0, 0, 0)
        size_label = QLabel(self.tr("Sample &size"), self)
        size_label.setBuddy(self.sample_size)  # a row of widgets has no buddy of its own
        sample_form.addRow(size_label, size_row)
        sample_form.addRow(self.tr("S&eed"), self.seed)
        sample_form.addRow(self.tr("Draw per"), self.stratify)
        sample_form.addRow(self.divide_rest)

        self.warning = QLabel(self)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(self.tr("Warning about the strata"))
        self.warning.setStyleSheet("color: #b35900;")
        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # coder names come from the data
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("What will be assigned"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.assign_button = buttons.addButton(self.tr("&Assign"), QDialogButtonBox.ButtonRole.AcceptRole)
        for b in buttons.buttons():
            if isinstance(b, QPushButton):
                b.setAutoDefault(False)
        self.assign_button.clicked.connect(self.assign)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Coders"), self.coders)
        form.addRow(self.tr("&Documents"), self.batch)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.everything)
        layout.addWidget(self.sample)
        layout.addWidget(self.hidden)
        layout.addWidget(self.sample_box)
        layout.addWidget(self.warning)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.coders.setMaximumHeight(140)
        self.resize(620, 600)

        self.sample.setChecked(True)
        self.coders.itemChanged.connect(lambda _i: self.refresh())
        for box in (self.batch, self.unit, self.stratify):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        for spin in (self.sample_size, self.seed):
            spin.valueChanged.connect(lambda _v: self.refresh())
        self.divide_rest.toggled.connect(lambda _on: self.refresh())
        mode.buttonToggled.connect(lambda _b, _on: self.refresh())
        self.refresh()

    def chosen_coders(self) -> list[str]:
        return [
            self.coders.item(r).data(ID_ROLE)
            for r in range(self.coders.count())
            if self.coders.item(r).checkState() == Qt.CheckState.Checked
        ]

    def _draft(self) -> assignment.AssignmentDraft:
        percent = self.unit.currentData() == "percent"
        return assignment.draft_assignment(
            self.project,
            self.chosen_coders(),
            everything=self.everything.isChecked(),
            size=None if percent else self.sample_size.value(),
            percent=float(self.sample_size.value()) if percent else None,
            seed=self.seed.value(),
            stratify=self.stratify.currentData(),
            divide_rest=self.divide_rest.isChecked(),
            batch_id=self.batch.currentData(),
            hidden=self.hidden.isChecked(),
        )

    def refresh(self) -> None:
        self.sample_box.setEnabled(not self.everything.isChecked())
        self.sample_size.setMaximum(100 if self.unit.currentData() == "percent" else 1_000_000)
        try:
            self.draft = self._draft()
        except AnnotatorError as exc:
            self.draft = None
            self.warning.clear()
            self.preview.setText(str(exc))
            self.assign_button.setEnabled(False)
            return
        self.warning.setText(self.draft.warning or "")
        self.warning.setVisible(bool(self.draft.warning))
        self.preview.setText(self.describe(self.draft))
        self.assign_button.setEnabled(True)

    def describe(self, draft: assignment.AssignmentDraft) -> str:
        plan = draft.plan
        names = [self._names.get(c, c) for c in draft.coder_ids]
        if plan.hidden:
            first = self.tr(
                "Hidden checks: %n document(s), coded by {0}; slipped unmarked into each coder's queue.",
                "",
                len(plan.reliability_sample),
            )
        else:
            first = self.tr(
                "Reliability sample: %n document(s), coded by {0}.", "", len(plan.reliability_sample)
            )
        lines = [first.format(", ".join(names))]
        for cid in draft.coder_ids:
            lines.append(
                self.tr("  {0}: %n document(s) ({1} for them alone)", "", len(plan.assigned(cid))).format(
                    self._names.get(cid, cid), len(plan.individual.get(cid, []))
                )
            )
        lines.append(self.tr("Documents already assigned keep their status."))
        return "\n".join(lines)

    def assign(self) -> bool:
        """Store the previewed draft and close."""
        self.refresh()
        if self.draft is None:
            return False
        try:
            self.stored = assignment.apply_plan(self.project, self.draft.plan)
        except AnnotatorError as exc:
            self.preview.setText(str(exc))
            return False
        self.accept()
        return True

    def summary(self) -> str:
        """One line for the window's status bar once stored."""
        if self.draft is None or self.stored is None:
            return ""
        if self.draft.plan.hidden:
            return self.tr(
                "Assigned documents to %n coder(s); {0} of them are hidden checks.", "", len(self.stored)
            ).format(len(self.draft.plan.reliability_sample))
        return self.tr(
            "Assigned documents to %n coder(s); the reliability sample has {0} documents.",
            "",
            len(self.stored),
        ).format(len(self.draft.plan.reliability_sample))
