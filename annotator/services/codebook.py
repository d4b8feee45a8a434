"""Editing a project's codebook: the lead's rules, and every edit undoable.

The codebook editor in the window and any other caller go through
``CodebookService``: it knows which codes may be deleted (nobody used them),
where a new code goes among its siblings, what archiving a group means, which
shortcut keys clash, and it keeps an undo and a redo stack of the edits made
through it. Each edit is a ``CodebookEdit`` command: the states of the codes it
touched before and after. Undo writes the "before" states back only while the
codes are still as the edit left them, so it never throws away a change made
since in another window or by an import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.core.codebook import Code, Codebook
from annotator.core.colours import next_colour
from annotator.core.errors import CodebookError
from annotator.store.project import Project


def same_key(a: str, b: str) -> bool:
    """Whether two shortcut keys clash: single characters are case-sensitive
    ("a" and "A" are two keys), named keys are not (core.codebook's rule)."""
    if len(a) > 1 or len(b) > 1:
        return a.casefold() == b.casefold()
    return a == b


@dataclass(frozen=True)
class CodeState:
    """One code before and after an edit; ``None`` means it does not exist."""

    before: Code | None
    after: Code | None

    @property
    def code_id(self) -> str:
        code = self.after or self.before
        assert code is not None
        return code.id


class CodebookEdit:
    """An undoable change to one or more codes, written in one transaction."""

    def __init__(self, label: str, states: Sequence[CodeState]) -> None:
        self.label = label
        self.states = tuple(states)

    def do(self, project: Project) -> None:
        self._write(project, [(s.before, s.after) for s in self.states])

    def undo(self, project: Project) -> None:
        # the reverse order: a code added last is removed first, children before parents
        self._write(project, [(s.after, s.before) for s in reversed(self.states)])

    def _write(self, project: Project, steps: Iterable[tuple[Code | None, Code | None]]) -> None:
        steps = list(steps)
        current = project.codes.codebook()
        for expected, _ in steps:
            if expected is not None and current.get(expected.id) != expected:
                raise CodebookError(
                    f"“{expected.name}” was changed elsewhere since; "
                    "that change was kept and this step was not undone or redone."
                )
        with project.transaction():
            for expected, target in steps:
                if target is None:
                    if expected is not None:
                        project.codes.delete_code(expected.id)
                elif expected is None and target.id not in project.codes.codebook():
                    project.codes.add_code(target)
                else:
                    project.codes.update_code(target)


class CodebookService:
    """The codebook of one project, its usage and its edit history."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._undo: list[CodebookEdit] = []
        self._redo: list[CodebookEdit] = []

    # --- reading ---------------------------------------------------------------------

    def codebook(self) -> Codebook:
        return self.project.codes.codebook()

    def usage(self) -> dict[str, int]:
        """Live span annotations plus article-level codings per code: both stop a
        code from being deleted."""
        usage = dict(self.project.codes.code_usage())
        for dc in self.project.annotations.document_codes():
            usage[dc.code_id] = usage.get(dc.code_id, 0) + 1
        return usage

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    # --- history ---------------------------------------------------------------------

    def _apply(self, edit: CodebookEdit) -> CodebookEdit:
        edit.do(self.project)
        self._undo.append(edit)
        self._redo.clear()
        return edit

    def undo(self) -> CodebookEdit | None:
        if not self._undo:
            return None
        edit = self._undo[-1]
        try:
            edit.undo(self.project)
        except CodebookError:
            self._undo.pop()  # it can never be undone now; keep the stacks truthful
            raise
        self._redo.append(self._undo.pop())
        return edit

    def redo(self) -> CodebookEdit | None:
        if not self._redo:
            return None
        edit = self._redo[-1]
        try:
            edit.do(self.project)
        except CodebookError:
            self._redo.pop()
            raise
        self._undo.append(self._redo.pop())
        return edit

    def _change(self, label: str, *codes: Code) -> CodebookEdit | None:
        codebook = self.codebook()
        states = [CodeState(codebook.get(c.id), c) for c in codes if codebook.get(c.id) != c]
        if not states:
            return None
        return self._apply(CodebookEdit(label, states))

    def _code(self, code_id: str) -> Code:
        code = self.codebook().get(code_id)
        if code is None:
            raise CodebookError("That code is no longer in the codebook.")
        return code

    # --- one code ----------------------------------------------------------------------

    def rename(self, code_id: str, name: str) -> CodebookEdit | None:
        code = self._code(code_id)
        name = name.strip()
        if not name:
            raise CodebookError("A code needs a name; the old name was kept.")
        return self._change(f"Rename “{code.name}”", replace(code, name=name))

    def set_color(self, code_id: str, colour: str) -> CodebookEdit | None:
        code = self._code(code_id)
        return self._change(f"Colour of “{code.name}”", replace(code, color=colour.lower()))

    def set_shortcut(self, code_id: str, key: str) -> CodebookEdit | None:
        codebook = self.codebook()
        code = self._code(code_id)
        if key:
            for other in codebook:
                if (
                    other.id != code.id
                    and not other.archived
                    and other.shortcut
                    and same_key(other.shortcut, key)
                ):
                    raise CodebookError(
                        f"The key {key} is already the shortcut of “{codebook.path(other.id, ' / ')}”; "
                        "choose another key or clear that one first."
                    )
        return self._change(f"Key of “{code.name}”", replace(code, shortcut=key))

    def set_scope(self, code_id: str, scope: str) -> CodebookEdit | None:
        code = self._code(code_id)
        return self._change(f"Scope of “{code.name}”", replace(code, scope=scope))  # type: ignore[arg-type]

    def set_exclusive(self, code_id: str, exclusive: bool) -> CodebookEdit | None:
        code = self._code(code_id)
        return self._change(f"Exclusive “{code.name}”", replace(code, exclusive=bool(exclusive)))

    def set_level(self, code_id: str, level: str) -> CodebookEdit | None:
        """The level of measurement agreement uses for this variable."""
        code = self._code(code_id)
        if level == code.level:
            return None
        return self._change(f"Level of “{code.name}”", replace(code, level=level))  # type: ignore[arg-type]  # the store validates it

    def set_description(self, code_id: str, text: str) -> CodebookEdit | None:
        code = self._code(code_id)
        if text.strip() == code.description.strip():
            return None
        return self._change(f"Instructions of “{code.name}”", replace(code, description=text.strip()))

    def toggle_archived(self, code_id: str) -> CodebookEdit | None:
        codebook = self.codebook()
        code = self._code(code_id)
        # archiving a group archives its sub-codes too: coders must not meet
        # live values of a variable that is no longer coded. Restoring a group
        # whose sub-codes are all archived (archived with it) restores them too;
        # one archived on its own among live siblings stays archived.
        below = [c for _, c in codebook.walk(code.id)]
        targets = (
            [code] + below if not code.archived or (below and all(c.archived for c in below)) else [code]
        )
        verb = "Restore" if code.archived else "Archive"
        return self._change(
            f"{verb} “{code.name}”",
            *[replace(c, archived=not code.archived) for c in targets if c.archived == code.archived],
        )

    # --- adding, deleting, moving ---------------------------------------------------------

    def free_name(self, parent_id: str | None, base: str) -> str:
        taken = {c.name.casefold() for c in self.codebook().children(parent_id)}
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base} {n}", n + 1
        return name

    def free_colour(self) -> str:
        return next_colour(c.color for c in self.codebook())

    def add_code(self, near_id: str | None, *, child: bool, name: str) -> Code:
        """A new code inside ``near_id`` (``child``) or right after it among its
        siblings; at the top level when nothing is selected."""
        codebook = self.codebook()
        near = codebook.get(near_id) if near_id else None
        parent_id = near.id if (child and near) else (near.parent_id if near else None)
        parent = codebook.get(parent_id) if parent_id else None
        siblings = codebook.children(parent_id)
        shifted: list[Code] = []
        if child or near is None:
            order = max((c.order for c in siblings), default=-1) + 1
        else:  # right after the selected code: the later siblings move down
            pos = [c.id for c in siblings].index(near.id) + 1
            order = pos
            shifted = [
                replace(c, order=i + 1) for i, c in enumerate(siblings) if i >= pos and c.order != i + 1
            ]
            shifted += [replace(c, order=i) for i, c in enumerate(siblings) if i < pos and c.order != i]
        code = Code(
            name=self.free_name(parent_id, name),
            parent_id=parent_id,
            color=self.free_colour(),
            scope=parent.scope if parent else "span",
            order=order,
        )
        states = [CodeState(codebook[c.id], c) for c in shifted] + [CodeState(None, code)]
        self._apply(CodebookEdit(f"Add “{code.name}”", states))
        return code

    def delete(self, code_id: str) -> Code:
        code = self._code(code_id)
        if self.usage().get(code_id):
            raise CodebookError(f"“{code.name}” has been used, so it cannot be deleted; archive it instead.")
        if self.codebook().children(code_id):
            raise CodebookError(f"“{code.name}” has sub-codes; move or delete them first.")
        self._apply(CodebookEdit(f"Delete “{code.name}”", [CodeState(code, None)]))
        return code

    def descendants(self, code_id: str) -> set[str]:
        return {c.id for _, c in self.codebook().walk(code_id)}

    def move_by(self, code_id: str, step: int) -> CodebookEdit | None:
        code = self._code(code_id)
        ids = [c.id for c in self.codebook().children(code.parent_id)]
        i = ids.index(code.id)
        j = i + step
        if not 0 <= j < len(ids):
            return None
        ids[i], ids[j] = ids[j], ids[i]
        return self._reorder(code.parent_id, ids, moved=code)

    def move_under(
        self, code_id: str, parent_id: str | None, position: int | None = None
    ) -> CodebookEdit | None:
        """Make ``code_id`` a child of ``parent_id`` (None: top level), at
        ``position`` among its new siblings (default: last)."""
        code = self._code(code_id)
        if parent_id is not None and (parent_id == code_id or parent_id in self.descendants(code_id)):
            raise CodebookError("A code cannot be moved inside itself.")
        ids = [c.id for c in self.codebook().children(parent_id) if c.id != code_id]
        ids.insert(len(ids) if position is None else max(0, min(position, len(ids))), code_id)
        return self._reorder(parent_id, ids, moved=replace(code, parent_id=parent_id))

    def _reorder(self, parent_id: str | None, ids: list[str], *, moved: Code) -> CodebookEdit | None:
        codebook = self.codebook()
        changed = []
        for pos, cid in enumerate(ids):
            stored = codebook[cid]
            c = moved if cid == moved.id else stored
            if stored.order != pos or stored.parent_id != parent_id:
                changed.append(replace(c, order=pos, parent_id=parent_id))
        # the moved code first: later siblings are validated against its new place
        changed.sort(key=lambda c: c.id != moved.id)
        return self._change(f"Move “{moved.name}”", *changed)

    # --- edits made elsewhere (services.codebook_operations) ---------------------------

    def apply(self, edit: CodebookEdit) -> CodebookEdit:
        """Make ``edit`` and put it on the undo stack."""
        return self._apply(edit)

    def push(self, edit: CodebookEdit) -> None:
        """Put an edit already written (a migration run on a worker) on the undo stack."""
        self._undo.append(edit)
        self._redo.clear()

    # --- files -------------------------------------------------------------------------

    def import_yaml(self, path: str | Path) -> dict[str, int]:
        """Add and update codes from a YAML codebook. Not undoable: an import is
        a file the lead can import again; the stacks are cleared so no older
        edit is undone across it."""
        from annotator.exchange.codebook_yaml import read_codebook

        counts = self.project.codes.import_codebook(read_codebook(path))
        self._undo.clear()
        self._redo.clear()
        return counts

    def import_builtin(self, name: str) -> dict[str, int]:
        """Add a shipped codebook's codes (by name, e.g. ``news_frames``) to this
        one. Added, not swapped in: codes already here (and their annotations)
        stay, and a built-in code with the same id is updated. Not undoable,
        like a YAML import."""
        from annotator.services.projects import load_codebook

        counts = self.project.codes.import_codebook(load_codebook(name))
        self._undo.clear()
        self._redo.clear()
        return counts

    def export_yaml(self, path: str | Path) -> Path:
        from annotator.exchange.codebook_yaml import write_codebook

        return write_codebook(self.project.codes.codebook(), path)
