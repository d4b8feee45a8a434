"""The text's context menu: apply a code to the selection, or act on the
annotations under the pointer."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from annotator.gui.workbench.codebook_panel import swatch


def build_context_menu(window, pos: int) -> QMenu:
    menu = QMenu(window)
    tr = window.tr
    cb = window.codebook
    text = window.article.text
    if text.textCursor().hasSelection():
        apply = menu.addMenu(tr("Apply code"))
        for code in cb.leaves("span"):
            label = _menu_text(cb.path(code.id, " / ")) + (f"\t{code.shortcut}" if code.shortcut else "")
            act = apply.addAction(swatch(code.color), label)
            act.triggered.connect(lambda _c=False, cid=code.id: window.apply_code(cid))
        menu.addAction(window.actions.quick_pick)
        if window.last_code:
            menu.addAction(window.actions.repeat)
    for ann in window.session.annotations_at(pos):
        name = _menu_text(cb.path(ann.code_id, " / ") if ann.code_id in cb else ann.code_id)
        sub = menu.addMenu(swatch(cb[ann.code_id].color) if ann.code_id in cb else swatch("#888888"), name)
        change = sub.addMenu(tr("Change code to"))
        for code in cb.leaves("span"):
            if code.id != ann.code_id:
                act = change.addAction(swatch(code.color), _menu_text(cb.path(code.id, " / ")))
                act.triggered.connect(lambda _c=False, a=ann.id, cid=code.id: _change(window, a, cid))
        sub.addAction(tr("Write note…")).triggered.connect(lambda _c=False, a=ann.id: _note(window, a))
        sub.addAction(tr("Delete")).triggered.connect(lambda _c=False, a=ann.id: _delete(window, a))
    layer = getattr(window, "suggestions", None)
    if layer is not None:
        for sug in layer.suggestions_at(pos):
            kind, _source, _speaker = layer.parts(sug)
            sub = menu.addMenu(swatch(layer.colour(sug)), tr("Suggested {0}").format(kind.lower()))
            sub.addAction(tr("Accept")).triggered.connect(
                lambda _c=False, s=sug: _suggestion(window, s, True)
            )
            sub.addAction(tr("Reject")).triggered.connect(
                lambda _c=False, s=sug: _suggestion(window, s, False)
            )
    if menu.isEmpty():
        menu.addAction(tr("Select text to apply a code")).setEnabled(False)
    menu.addSeparator()
    menu.addAction(window.actions.undo)
    menu.addAction(window.actions.redo)
    return menu


def _menu_text(name: str) -> str:
    return name.replace("&", "&&")  # a code named "R&D" is not a mnemonic


def _change(window, annotation_id: str, code_id: str) -> None:
    window.select_annotation(annotation_id, scroll=False)
    window.change_code(code_id)


def _note(window, annotation_id: str) -> None:
    window.select_annotation(annotation_id, scroll=False)
    window.edit_note()


def _delete(window, annotation_id: str) -> None:
    window.select_annotation(annotation_id, scroll=False)
    window.delete_annotation()


def _suggestion(window, suggestion, accept: bool) -> None:
    window.suggestions.select(suggestion)
    if accept:
        window.suggestions.accept_selected()
    else:
        window.suggestions.reject_selected()
