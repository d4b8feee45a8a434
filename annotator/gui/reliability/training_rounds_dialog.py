"""Project > Training rounds…: the lead's certification desk (issue 18).

The rounds (name, articles, coders, pass mark, hidden or first in the queue,
created) and, for the chosen round, each coder's standing: not started,
coding n of m, passed or not passed, and how many scorings so far. "Score
now" scores the round's coders against gold on the worker (the scoring the
CLI's ``training scores`` makes, kept in the history) and shows per coder
and variable alpha, span F1, agreement and pass or fail, with the confusion
matrix of the chosen row; the history tab lists every earlier scoring. A
round someone did not pass leads to a new round with new gold articles for
them in one step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.task import TaskState
from annotator.gui.app.workers import Worker
from annotator.gui.common.worker_controls import WorkerControls
from annotator.gui.reliability.new_round_dialog import NewRoundDialog
from annotator.gui.reliability.score_tables import (
    ConfusionTable,
    ScoresTable,
    cell,
    fill_history,
    read_only_table,
)
from annotator.services import training_overview as tov
from annotator.services.project_files import Project, open_project


def run_scoring(path: str, round_name: str, *, readonly: bool = False, state: TaskState) -> tov.RoundScoring:
    """The worker's job, on a connection of its own; the scoring is recorded
    unless the window has the project read-only."""
    with open_project(path, readonly=readonly) as project:
        return tov.score_round(project, round_name, state=state)


class TrainingRoundsDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.worker: Worker | None = None
        self.scoring: tov.RoundScoring | None = None
        self.rounds: list[tov.RoundOverview] = []
        self.setWindowTitle(self.tr("Training rounds"))
        self._standing_text = {
            tov.NOT_STARTED: self.tr("not started"),
            tov.PASSED: self.tr("passed"),
            tov.NOT_PASSED: self.tr("not passed"),
        }

        self.rounds_table = read_only_table(
            [
                self.tr("Round"),
                self.tr("Articles"),
                self.tr("Coders"),
                self.tr("Pass mark"),
                self.tr("Placement"),
                self.tr("Created"),
            ],
            self,
        )
        self.rounds_table.setAccessibleName(self.tr("Training rounds"))
        rounds_label = QLabel(self.tr("&Rounds"), self)
        rounds_label.setBuddy(self.rounds_table)
        self.coders_table = read_only_table(
            [self.tr("Coder"), self.tr("Standing"), self.tr("Scorings")], self
        )
        self.coders_table.setAccessibleName(self.tr("Coders of the round and their standing"))
        coders_label = QLabel(self.tr("C&oders of the round"), self)
        coders_label.setBuddy(self.coders_table)

        self.new_button = QPushButton(self.tr("&New round…"), self)
        self.new_button.clicked.connect(lambda: self.new_round())
        self.follow_button = QPushButton(self.tr("New round for those who did not &pass…"), self)
        self.follow_button.setToolTip(
            self.tr("The same pass mark and placement, new gold articles, the coders who have not passed.")
        )
        self.follow_button.clicked.connect(self.follow_up)
        self.score_button = QPushButton(self.tr("&Score now"), self)
        self.score_button.setToolTip(
            self.tr("Score every coder of the round against gold; the scoring is kept in the history.")
        )
        self.score_button.clicked.connect(self.score)
        for b in (self.new_button, self.follow_button, self.score_button):
            b.setAutoDefault(False)
        self.writable = not getattr(project, "readonly", False)
        if not self.writable:  # scores can still be read; nothing is stored
            self.new_button.setEnabled(False)
            self.new_button.setToolTip(
                self.tr("The project is open read-only here: no round can be created.")
            )

        self.scores = ScoresTable(self)
        self.scores.setAccessibleName(self.tr("Scores per coder and variable"))
        self.confusion = ConfusionTable(self)
        self.confusion.setAccessibleName(self.tr("Confusion matrix: gold in rows, the coder in columns"))
        matrix_title = QLabel(self.tr("Confusion &matrix"), self)
        matrix_title.setBuddy(self.confusion)
        self.confusion_label = QLabel(self)
        self.confusion_label.setTextFormat(Qt.TextFormat.PlainText)  # coder and code names are data
        self.confusion_label.setWordWrap(True)
        self.confusion_label.setAccessibleName(self.tr("Which confusion matrix is shown"))
        self.scores.variable_chosen.connect(self._show_confusion)
        scores_page = QWidget(self)
        split = QSplitter(Qt.Orientation.Horizontal, scores_page)
        split.addWidget(self.scores)
        matrix_box = QWidget(split)
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(matrix_title)
        matrix_layout.addWidget(self.confusion_label)
        matrix_layout.addWidget(self.confusion, 1)
        matrix_layout.addStretch(0)  # takes the space while there is no matrix, so the labels stay on top
        self.matrix_layout = matrix_layout
        split.addWidget(matrix_box)
        split.setSizes([560, 520])
        split.setChildrenCollapsible(False)
        page_layout = QVBoxLayout(scores_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(split)
        self.history = read_only_table(
            [self.tr("Scored (UTC)"), self.tr("Coder"), self.tr("Result"), self.tr("Alpha per variable")],
            self,
        )
        self.history.setAccessibleName(self.tr("Earlier scorings of the round"))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Scores and history"))
        self.tabs.addTab(scores_page, self.tr("&Latest scores"))
        self.tabs.addTab(self.history, self.tr("&History"))

        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Message"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Scoring progress"))
        self.progress.setMaximumWidth(140)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("S&top"), self)
        self.cancel_button.setAccessibleName(self.tr("Stop the scoring"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.controls = WorkerControls(self.progress, self.cancel_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(rounds_label)
        left.addWidget(self.rounds_table, 1)
        right = QVBoxLayout()
        right.addWidget(coders_label)
        right.addWidget(self.coders_table, 1)
        top.addLayout(left, 3)
        top.addLayout(right, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.follow_button)
        actions.addStretch(1)
        actions.addWidget(self.score_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 2)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 3)
        layout.addLayout(bottom)
        self.resize(1000, 680)

        self.rounds_table.currentCellChanged.connect(lambda *_: self._round_changed())
        self.refresh()

    # --- rounds and standings ---------------------------------------------------------------

    def current_round(self) -> tov.RoundOverview | None:
        row = self.rounds_table.currentRow()
        return self.rounds[row] if 0 <= row < len(self.rounds) else None

    def refresh(self, select: str | None = None) -> None:
        """Read the rounds again; keep (or move to) the round named ``select``."""
        current = self.current_round()
        keep = select or (current.name if current else None)
        self.rounds = tov.overview(self.project)
        self.rounds_table.blockSignals(True)
        self.rounds_table.setRowCount(len(self.rounds))
        for r, ov in enumerate(self.rounds):
            placement = {
                True: self.tr("hidden"),
                False: self.tr("first in queue"),
                None: self.tr("not recorded"),
            }
            cells = (
                ov.name,
                str(ov.articles),
                ", ".join(c.name for c in ov.coders),
                f"{ov.threshold:g}",
                placement[ov.hidden],
                ov.created_at[:10],
            )
            for c, text in enumerate(cells):
                self.rounds_table.setItem(r, c, cell(text))
        self.rounds_table.blockSignals(False)
        names = [ov.name for ov in self.rounds]
        if self.rounds:
            row = names.index(keep) if keep in names else len(self.rounds) - 1  # the latest round
            self.rounds_table.setCurrentCell(row, 0)
        if not self.rounds:
            self.status.setText(
                self.tr("No training round yet: New round… marks gold articles as one and assigns them.")
            )
        self._round_changed()

    def standing(self, c: tov.CoderStanding) -> str:
        if c.state == tov.CODING:
            return self.tr("coding {0} of {1}").format(c.done, c.articles)
        return self._standing_text[c.state]

    def _round_changed(self) -> None:
        ov = self.current_round()
        self.coders_table.setRowCount(len(ov.coders) if ov else 0)
        for r, c in enumerate(ov.coders if ov else []):
            for col, text in enumerate((c.name, self.standing(c), str(c.attempts))):
                self.coders_table.setItem(r, col, cell(text))
        self.score_button.setEnabled(ov is not None and self.worker is None)
        self.follow_button.setEnabled(
            self.writable and ov is not None and any(c.state != tov.PASSED for c in ov.coders)
        )
        if self.scoring is None or ov is None or self.scoring.round != ov.name:
            self.scores.show_scores([])
        fill_history(self.history, tov.history(self.project, ov.name) if ov else [])

    # --- new rounds -------------------------------------------------------------------------

    def new_round(self, follow: tov.FollowUp | None = None) -> NewRoundDialog:
        """Open the New round form (preset for a follow-up); returns it once closed."""
        dialog = NewRoundDialog(self.project, self)
        if follow is not None:
            dialog.preset(follow)
        dialog.exec()
        made = dialog.created
        if made is not None:
            self.refresh(select=made.name)
            names = {c.id: c.name for c in self.project.coders()}
            self.status.setText(
                self.tr(
                    "Round {0} created: %n gold article(s) assigned to {1}.", "", len(made.documents)
                ).format(made.name, ", ".join(names.get(c, "?") for c in made.coders))
            )
        return dialog

    def follow_up(self) -> NewRoundDialog | None:
        ov = self.current_round()
        if ov is None:
            return None
        try:
            follow = tov.follow_up(self.project, ov.name)
        except AnnotatorError as exc:
            self.status.setText(str(exc))
            return None
        return self.new_round(follow)

    # --- scoring on the worker --------------------------------------------------------------

    def score(self) -> Worker | None:
        ov = self.current_round()
        if ov is None or self.worker is not None:
            return None
        self._running(True)
        self.status.setText(self.tr("Scoring {0} against gold…").format(ov.name))
        self.worker = Worker(
            run_scoring,
            str(self.project.path),
            ov.name,
            readonly=bool(getattr(self.project, "readonly", False)),
        )
        return self.controls.start(
            self.worker,
            finished=self._scored,
            failed=self._failed,
            cancelled=self.tr("The scoring was stopped."),
        )

    def cancel(self) -> None:
        self.controls.cancel(self.worker)

    def _running(self, on: bool) -> None:
        self.controls.show_running(on)
        self.score_button.setEnabled(not on)

    def _scored(self, result: tov.RoundScoring) -> None:
        self.worker = None
        self._running(False)
        self.scoring = result
        self.refresh(select=result.round)
        self.scores.show_scores(result.scores)
        self.tabs.setCurrentIndex(0)
        passed = [s.coder for s in result.scores if s.passed]
        failed = [s.coder for s in result.scores if not s.passed]
        parts = [self.tr("Round {0} scored.").format(result.round)]
        if passed:
            parts.append(self.tr("Passed: {0}.").format(", ".join(passed)))
        if failed:
            parts.append(self.tr("Not passed: {0}.").format(", ".join(failed)))
        if result.not_started:
            parts.append(self.tr("Not started yet: {0}.").format(", ".join(result.not_started)))
        self.status.setText(" ".join(parts))

    def _failed(self, message: str) -> None:
        self.worker = None
        self._running(False)
        self._round_changed()
        self.status.setText(message)

    def _show_confusion(self, score: tov.CoderScore | None, v: tov.VariableScore | None) -> None:
        self.confusion.show_variable(score, v)
        self.confusion.setVisible(v is not None)
        self.matrix_layout.setStretch(self.matrix_layout.count() - 1, 0 if v is not None else 1)
        if score is None or v is None:
            self.confusion_label.setText(self.tr("Score the round to see each coder's confusion with gold."))
        else:
            self.confusion_label.setText(
                self.tr("{1}, {0}: gold's values in rows, {0}'s in the columns of the same numbers.").format(
                    score.coder, v.name
                )
            )

    def done(self, result: int) -> None:  # noqa: D102 - Qt API
        if self.worker is not None:  # the scoring stops with the dialog
            self.worker.state.request_interruption()
        super().done(result)
