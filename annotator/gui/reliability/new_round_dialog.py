"""New training round: the gold articles (only those the gold coder has
coded can be chosen; the others say why not), the coders, the pass mark
(alpha, as ``annotator training create --threshold`` takes it) and whether
the articles come first in each coder's queue or hidden among their other
articles. Creating calls what ``annotator training create`` calls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.training import TrainingRound
from annotator.services import training_overview as tov
from annotator.services.project_files import Project

ID_ROLE = Qt.ItemDataRole.UserRole


class NewRoundDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.created: TrainingRound | None = None
        self.setWindowTitle(self.tr("New training round"))

        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Name of the round"))
        rounds = project.training.rounds()
        self.name.setText(tov.next_round_name(project, rounds[-1].name) if rounds else "R1")
        self.gold = QComboBox(self)
        self.gold.setAccessibleName(self.tr("Gold standard coder"))
        self.gold.setToolTip(self.tr("Whose codings are gold: the adjudicator, or a coder imported as gold."))
        people = project.coders()
        judges = [c for c in people if c.role == "adjudicator"]
        if not judges:  # a coder is gold only when the lead says so (imported gold codings)
            self.gold.addItem(self.tr("(no adjudicator yet)"), None)
        for c in judges + [c for c in people if c.role != "adjudicator"]:
            self.gold.addItem(c.name, c.name)
        self.articles = QListWidget(self)
        self.articles.setAccessibleName(self.tr("Gold articles of the round"))
        self.articles_note = QLabel(self)
        self.articles_note.setWordWrap(True)
        self.articles_note.setTextFormat(Qt.TextFormat.PlainText)
        self.articles_note.setAccessibleName(self.tr("Which articles can be gold"))
        self.coders = QListWidget(self)
        self.coders.setAccessibleName(self.tr("Coders to train"))
        self.coders.setMaximumHeight(110)
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setAccessibleName(self.tr("Pass mark: alpha against gold"))
        self.threshold.setDecimals(3)
        self.threshold.setRange(-0.999, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(0.667)
        self.threshold.setToolTip(
            self.tr("A coder passes when alpha against gold reaches this on every variable.")
        )
        self.first = QRadioButton(self.tr("&First in each coder's queue, before their other articles"), self)
        self.hidden = QRadioButton(self.tr("&Hidden among each coder's other articles"), self)
        self.hidden.setToolTip(
            self.tr("Slipped in at seeded random places, so a coder cannot tell the training articles.")
        )
        placement = QButtonGroup(self)
        placement.addButton(self.first)
        placement.addButton(self.hidden)
        self.first.setChecked(True)
        self.seed = QSpinBox(self)
        self.seed.setAccessibleName(self.tr("Seed of the hidden places"))
        self.seed.setRange(0, 2_147_483_647)
        self.seed.setValue(1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setStyleSheet("color: #b3261e;")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = buttons.addButton(
            self.tr("C&reate round"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        for b in buttons.buttons():
            if isinstance(b, QPushButton):
                b.setAutoDefault(False)
        self.create_button.clicked.connect(self.create_round)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Gold standard"), self.gold)
        form.addRow(self.tr("&Articles"), self.articles)
        form.addRow("", self.articles_note)
        form.addRow(self.tr("&Coders"), self.coders)
        form.addRow(self.tr("&Pass mark (alpha)"), self.threshold)
        seed_row = QHBoxLayout()
        seed_label = QLabel(self.tr("S&eed"), self)
        seed_label.setBuddy(self.seed)
        seed_row.addWidget(self.hidden)
        seed_row.addWidget(seed_label)
        seed_row.addWidget(self.seed)
        seed_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.first)
        layout.addLayout(seed_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 620)

        self.gold.currentIndexChanged.connect(lambda _i: self.fill())
        self.articles.itemChanged.connect(lambda _i: self._update())
        self.coders.itemChanged.connect(lambda _i: self._update())
        self.name.textChanged.connect(lambda _t: self._update())
        self.hidden.toggled.connect(self.seed.setEnabled)
        self.seed.setEnabled(False)
        self.fill()

    # --- the lists --------------------------------------------------------------------------

    def fill(
        self, *, checked_articles: set[str] | None = None, checked_coders: set[str] | None = None
    ) -> None:
        """The articles and coders for the chosen gold coder; ``checked_*``: ids
        or names ticked (default: none, and every coder)."""
        gold = self.gold.currentData()
        choice = tov.gold_articles(self.project, gold)
        self.articles.blockSignals(True)
        self.articles.clear()
        for a in sorted(choice.articles, key=lambda a: not a.eligible):
            text = a.title or self.tr("(untitled)")
            if a.rounds:
                text += "  " + self.tr("(already in {0})").format(", ".join(a.rounds))
            if not a.eligible:
                text += "  — " + self.tr("cannot be gold: {0}").format(a.reason)
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, a.id)
            if a.eligible:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = checked_articles is not None and a.id in checked_articles
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setToolTip(self.tr("Only articles with a gold coding can be training articles."))
            self.articles.addItem(item)
        self.articles.blockSignals(False)
        n_ok = len(choice.eligible())
        if choice.problem:
            self.articles_note.setText(choice.problem)
        elif n_ok == len(choice.articles):
            self.articles_note.setText(
                self.tr("Every article has a gold coding by {0} and can be chosen.").format(choice.gold)
            )
        else:
            self.articles_note.setText(
                self.tr(
                    "%n article(s) have a gold coding by {0} and can be chosen; the others cannot.", "", n_ok
                ).format(choice.gold)
            )
        self.coders.blockSignals(True)
        self.coders.clear()
        for c in self.project.coders():
            if c.role != "coder" or c.name == gold:
                continue
            item = QListWidgetItem(c.name)
            item.setData(ID_ROLE, c.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = checked_coders is None or c.name in checked_coders
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.coders.addItem(item)
        self.coders.blockSignals(False)
        self._update()

    def preset(self, follow: tov.FollowUp) -> None:
        """Start from a follow-up round: its name, coders, articles, pass mark and placement."""
        self.name.setText(follow.name)
        index = self.gold.findData(follow.gold)
        if index >= 0:
            self.gold.blockSignals(True)
            self.gold.setCurrentIndex(index)
            self.gold.blockSignals(False)
        self.threshold.setValue(follow.threshold)
        (self.hidden if follow.hidden else self.first).setChecked(True)
        self.fill(checked_articles=set(follow.documents), checked_coders=set(follow.coders))
        if not follow.documents:
            self.message.setText(
                self.tr(
                    "No gold article is left that no round has used; adjudicate or import more gold first."
                )
            )

    def chosen_articles(self) -> list[str]:
        return self._checked(self.articles)

    def chosen_coders(self) -> list[str]:
        return self._checked(self.coders)

    @staticmethod
    def _checked(box: QListWidget) -> list[str]:
        return [
            box.item(r).data(ID_ROLE)
            for r in range(box.count())
            if box.item(r).checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        ready = bool(self.name.text().strip() and self.chosen_articles() and self.chosen_coders())
        self.create_button.setEnabled(ready)

    # --- creating ---------------------------------------------------------------------------

    def create_round(self) -> bool:
        try:
            self.created = tov.create_round(
                self.project,
                name=self.name.text(),
                documents=self.chosen_articles(),
                threshold=self.threshold.value(),
                coders=self.chosen_coders(),
                gold=self.gold.currentData(),
                hidden=self.hidden.isChecked(),
                seed=self.seed.value() if self.hidden.isChecked() else None,
            )
        except AnnotatorError as exc:
            self.message.setText(str(exc))
            return False
        self.accept()
        return True
