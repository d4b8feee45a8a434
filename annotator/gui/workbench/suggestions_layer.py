"""Source and quote suggestions in the workbench (issue 8): the open
suggestions of the current document drawn as dotted underlines under the
coder's own, a tool tip naming each, keys to step through them and to accept
or reject the selected one (undoable commands of the coding session), and
"Find sources in this document", which runs the NLP pipeline in a worker.

spaCy is imported only when suggestions are computed, never at start-up.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QMenu

from annotator.core.errors import AnnotatorError
from annotator.core.models import Suggestion
from annotator.gui.workbench.highlights import is_dark
from annotator.services.session import AcceptSuggestion, RejectSuggestion

NEUTRAL = "#8c8c8c"  # cue and content, and speakers without a proposed code
DOT_GAP = 2.0  # pixels between the coder's lowest underline and the dotted one
KIND_NAMES = {"speaker": "Speaker", "cue": "Cue", "content": "Content"}


class SuggestionsLayer(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        self.items: list[Suggestion] = []  # open suggestions of ``document_id``, by position
        self.document_id: str | None = None
        self.current_id: str | None = None
        self.model: str | None = None  # pipeline for "Find sources"; None: the project's default
        self.worker = None
        self.found_for: str | None = None  # the document "Find sources" ran for
        self._build_actions()
        text = window.article.text
        self._base_tooltip = text.tooltip_provider()
        text.set_tooltip_provider(self._tooltip)
        text.add_overlay(self)
        window.notifier.suggestions_changed.connect(self._changed)
        self.toggle.setChecked(bool(getattr(window.prefs, "show_suggestions", False)))
        self._enable()

    # --- menu ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        w, tr = self.w, self.w.tr
        menu = w.actions.code_menu
        before = w.actions.codes_submenu.menuAction()
        self.toggle = self._action(tr("Show &suggestions"), "Ctrl+Shift+S", self.set_shown, checkable=True)
        self.find = self._action(tr("&Find sources in this document"), "Ctrl+Alt+S", self.find_sources)
        self.best = self._action(
            tr("Suggest codes from the &better of model and rules"), "Ctrl+Alt+M", self.suggest_best
        )
        self.next = self._action(tr("&Next suggestion"), "Ctrl+]", lambda: self.step(1))
        self.prev = self._action(tr("&Previous suggestion"), "Ctrl+[", lambda: self.step(-1))
        self.accept = self._action(
            tr("&Accept suggestion"), ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"], self.accept_selected
        )
        self.reject = self._action(tr("&Reject suggestion"), "Ctrl+Shift+Backspace", self.reject_selected)
        menu.insertSeparator(before)
        menu.insertAction(before, self.toggle)
        self.menu = QMenu(tr("S&uggestions"), menu)
        for action in (self.find, self.best, self.next, self.prev, self.accept, self.reject):
            self.menu.addAction(action)
        menu.insertMenu(before, self.menu)
        menu.insertSeparator(before)
        self.actions = [self.toggle, self.find, self.best, self.next, self.prev, self.accept, self.reject]
        w.actions.sections.append((tr("Suggestions"), self.actions))

    def _action(self, text: str, keys, slot, *, checkable: bool = False) -> QAction:
        action = QAction(text, self.w)
        keys = keys if isinstance(keys, list) else [keys]
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(action)
        return action

    def _enable(self) -> None:
        shown = self.toggle.isChecked()
        for action in (self.next, self.prev, self.accept, self.reject):
            action.setEnabled(shown)
        self.find.setEnabled(self.worker is None)
        self.best.setEnabled(self.worker is None)

    # --- state ---------------------------------------------------------------------------

    @property
    def shown(self) -> bool:
        return self.toggle.isChecked()

    def set_shown(self, on: bool) -> None:
        prefs = self.w.prefs
        if getattr(prefs, "show_suggestions", None) != on:
            prefs.show_suggestions = on
            prefs.save()
        self._enable()
        self.reload()

    def reload(self, items: list[Suggestion] | None = None) -> None:
        """Show the current document's open suggestions: ``items`` when the
        caller read them already, else read again."""
        self.document_id = self.w.document_id
        self.items = []
        if self.shown and self.document_id and not self.w.closed:
            try:
                self.items = items if items is not None else self.w.session.open_suggestions()
            except AnnotatorError as exc:
                self.w.show_error(str(exc))
        if self.current_id not in {s.id for s in self.items}:
            self.current_id = None
        self.w.article.text.viewport().update()

    def document_opened(self, items: list[Suggestion] | None = None) -> None:
        self.current_id = None
        self.reload(items)

    def _changed(self, document_id: str) -> None:
        if document_id == self.w.document_id:
            self.reload()

    def visible_items(self) -> list[Suggestion]:
        """What is drawn: nothing once the window shows another document (or none)."""
        if not self.shown or self.document_id != self.w.document_id:
            return []
        return self.items

    # --- finding ------------------------------------------------------------------------

    def find_sources(self):
        """Once a trained model has been judged against its thresholds, each code's
        suggestions come from the better of it and the rules (issue 16, item 6);
        before that, from the rules alone."""
        from annotator.services.model_baseline import is_rules
        from annotator.services.model_help import window_model
        from annotator.services.suggestions import suggest_file

        try:
            judged = not is_rules(window_model(self.w.project))
        except AnnotatorError as exc:
            self.w.show_error(str(exc))
            return None
        if judged:
            return self.suggest_best()
        return self._run_for_document(
            suggest_file,
            self._found,
            self.tr("Finding sources and quotes…"),
            model=self.model,
        )

    def suggest_best(self):
        """Pre-code the open document for this coder, per code from the model or the
        rules, whichever scored higher (``model_help.suggest_best_file``)."""
        from annotator.services.model_help import suggest_best_file

        return self._run_for_document(
            suggest_best_file,
            self._best_found,
            self.tr("Suggesting codes from the better of model and rules…"),
            coder=self.w.coder.name,
        )

    def _run_for_document(self, task, on_finished, status: str, **options):
        """``task`` on the worker for the open document; one at a time."""
        if not self.w.document_id:
            self.w.statusBar().showMessage(self.tr("Open a document first."), 5000)
            return None
        if self.worker is not None:
            return self.worker
        from annotator.gui.app.workers import Worker, start

        self.found_for = self.w.document_id
        self.worker = Worker(task, str(self.w.project.path), document_ids=[self.w.document_id], **options)
        self.worker.signals.finished.connect(on_finished)
        self.worker.signals.failed.connect(self._find_failed)
        self.worker.signals.cancelled.connect(lambda _partial: self._find_failed())
        self._enable()
        self.w.statusBar().showMessage(status)
        return start(self.worker)

    def _after_finding(self) -> bool:
        """Common end of a run; False when the window closed meanwhile."""
        self.worker = None
        if self.w.closed:
            return False
        self._enable()
        if not self.shown:
            self.toggle.setChecked(True)  # reloads
        else:
            self.reload()
        return True

    def _best_found(self, report) -> None:
        if not self._after_finding():
            return
        if not report.codes:
            msg = self.tr("Nothing to suggest: no code of model {0} passed its threshold.").format(
                report.model
            )
        else:
            sources = "; ".join(
                self.tr("{0} from {1} ({2})").format(c.code, c.source, c.why) for c in report.codes
            )
            msg = self.tr("{0} suggestions: {1}.").format(report.suggestions, sources)
        self.w.statusBar().showMessage(msg, 20000)

    def _found(self, report) -> None:
        if not self._after_finding():
            return
        if self.found_for != self.w.document_id:
            msg = self.tr("{0} suggestions found in the document you left.").format(report.suggestions)
        elif report.documents == 0 and report.skipped:
            msg = self.tr("The suggestions for this document are up to date ({0} open).").format(
                len(self.items)
            )
        else:
            msg = self.tr("{0} suggestions found; {1} open.").format(report.suggestions, len(self.items))
        if report.notice:
            msg += " " + report.notice
        self.w.statusBar().showMessage(msg, 12000)

    def _find_failed(self, message: str = "") -> None:
        self.worker = None
        if self.w.closed:
            return
        self._enable()
        self.w.show_error(message or self.tr("Finding sources was cancelled."))

    # --- moving and deciding ---------------------------------------------------------------

    def step(self, direction: int) -> Suggestion | None:
        items = self.visible_items()
        if not items:
            self.w.statusBar().showMessage(self.tr("No open suggestions in this document."), 5000)
            return None
        ids = [s.id for s in items]
        if self.current_id in ids:
            i = (ids.index(self.current_id) + direction) % len(items)
        else:
            start, end = self.w.article.text.selection()
            if direction > 0:
                i = next((k for k, s in enumerate(items) if s.start >= end), 0)
            else:
                i = next((k for k in range(len(items) - 1, -1, -1) if items[k].start < start), len(items) - 1)
        self.select(items[i])
        return items[i]

    def select(self, s: Suggestion) -> None:
        self.current_id = s.id
        self.w.article.text.select_span(s.start, s.end)
        self.w.article.text.viewport().update()
        self.w.statusBar().showMessage(self.describe_plain(s), 8000)

    def selected(self) -> Suggestion | None:
        """The suggestion just stepped to, else one whose span is selected,
        else the innermost one under the cursor."""
        items = self.visible_items()
        text = self.w.article.text
        span = text.selection()
        by_id = {s.id: s for s in items}
        current = by_id.get(self.current_id)
        if current is not None and span[0] <= current.end and span[1] >= current.start:
            return current
        exact = [s for s in items if (s.start, s.end) == span]
        if exact:
            return exact[0]
        caret = text.caret()
        here = [s for s in items if s.start <= caret < s.end]
        return min(here, key=lambda s: s.end - s.start) if here else None

    def accept_selected(self, code_id: str | None = None) -> bool:
        s = self.selected()
        if s is None:
            self.w.statusBar().showMessage(self.tr("Go to a suggestion first (Ctrl+])."), 6000)
            return False
        code_id = code_id or (s.label if s.label in self.w.codebook else None)
        if not code_id:
            code_id = self.w._pick_code(self.tr("Accept the suggestion with the code"))
            if not code_id:
                return False
        name = self.w.codebook[code_id].name if code_id in self.w.codebook else code_id
        change = self.w.run_command(
            AcceptSuggestion(self.w.session, s.id, s.document_id, code_id),
            self.tr("Accept suggestion as {0}").format(name),
        )
        if change is None:
            return False
        self.current_id = None
        saved = change.annotation
        if saved is not None:
            self.w.article.text.set_caret(saved.end)
            self.w.select_annotation(saved.id, scroll=False)
        self.w.statusBar().showMessage(self.tr("Accepted as {0}.").format(name), 4000)
        return True

    def reject_selected(self) -> bool:
        s = self.selected()
        if s is None:
            self.w.statusBar().showMessage(self.tr("Go to a suggestion first (Ctrl+])."), 6000)
            return False
        if (
            self.w.run_command(
                RejectSuggestion(self.w.session, s.id, s.document_id), self.tr("Reject suggestion")
            )
            is None
        ):
            return False
        self.current_id = None
        self.w.article.text.set_caret(s.end)
        self.w.statusBar().showMessage(self.tr("Suggestion rejected."), 4000)
        return True

    # --- drawing and tool tips ------------------------------------------------------------------

    def colour(self, s: Suggestion) -> str:
        if s.kind == "speaker" and s.label in self.w.codebook:
            return self.w.codebook[s.label].color
        return NEUTRAL

    def paint(self, text, painter: QPainter, clip) -> None:
        items = self.visible_items()
        if not items:
            return
        dark = is_dark(text.palette())
        vp = text.viewport()
        first, last = text.position_at(QPoint(0, 0)), text.position_at(QPoint(vp.width(), vp.height()))
        for s in items:
            if s.end < first or s.start > last:  # off screen
                continue
            colour = QColor(self.colour(s))
            if dark:
                colour = colour.lighter(130)
            pen = QPen(colour)
            pen.setWidthF(2.5 if s.id == self.current_id else 1.6)
            pen.setStyle(Qt.PenStyle.DotLine)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            # below the coder's own underlines on the same words
            lanes = text.lanes_over(s.start, s.end)
            current = s.id == self.current_id
            for x1, x2, top, bottom in text.line_pieces(s.start, s.end, clip):
                if current:  # a faint box, seen even when the window is not active
                    shade = QColor(colour)
                    shade.setAlpha(40)
                    painter.fillRect(QRectF(x1, top, x2 - x1, bottom - top), shade)
                y = bottom + 1.5 + lanes * 3 + DOT_GAP
                painter.drawLine(QPointF(x1, y), QPointF(x2, y))

    def suggestions_at(self, pos: int) -> list[Suggestion]:
        """The shown suggestions at a code point, innermost first."""
        here = [s for s in self.visible_items() if s.start <= pos < s.end]
        return sorted(here, key=lambda s: s.end - s.start)

    def _tooltip(self, pos: int) -> str:
        base = self._base_tooltip(pos) if self._base_tooltip else ""
        here = self.suggestions_at(pos)
        if not here:
            return base
        rows = [self.describe_html(s) for s in here]
        return "<br/>".join(([base] if base else []) + rows)

    def parts(self, s: Suggestion) -> tuple[str, str, str]:
        kind = self.tr(KIND_NAMES.get(s.kind, s.kind.title()))
        cb = self.w.codebook
        if s.label and s.label in cb:
            source = cb.path(s.label, " / ")
        else:
            source = str(s.detail.get("source_type") or "")
        speaker = str(s.detail.get("speaker_text") or "")
        return kind, source, speaker

    def describe_html(self, s: Suggestion) -> str:
        kind, source, speaker = self.parts(s)
        swatch = f'<span style="color:{self.colour(s)}">&#8943;</span>'
        line = f"{swatch}&nbsp;<i>{html.escape(self.tr('Suggested {0}').format(kind.lower()))}</i>"
        if source:
            line += "<br/>" + html.escape(self.tr("Source type: {0}").format(source))
        if speaker:
            line += "<br/>" + html.escape(self.tr("Speaker: {0}").format(speaker))
        origin = self.origin(s)
        if origin:
            line += "<br/>" + html.escape(origin)
        return line

    def origin(self, s: Suggestion) -> str:
        """Where a pre-coded suggestion came from and why (empty for "Find sources")."""
        by = s.detail.get("suggested_by")
        if not by:
            return ""
        return self.tr("Suggested from {0}: {1}").format(by, s.detail.get("chosen_because", ""))

    def describe_plain(self, s: Suggestion) -> str:
        kind, source, speaker = self.parts(s)
        bits = [self.tr("Suggested {0}").format(kind.lower())]
        if source:
            bits.append(self.tr("source type: {0}").format(source))
        if speaker:
            bits.append(self.tr("speaker: {0}").format(" ".join(speaker.split())[:80]))
        if s.detail.get("suggested_by"):
            bits.append(
                self.tr("from {0}: {1}").format(s.detail["suggested_by"], s.detail.get("chosen_because", ""))
            )
        keys = self.tr("Ctrl+Shift+Return accepts, Ctrl+Shift+Backspace rejects")
        return " — ".join(bits) + ". " + keys
