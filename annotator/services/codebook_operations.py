"""Merging and splitting codes, and replaying them on older codings, as
undoable edits (issue 18, item 4).

A merge or a split archives codes and records one operation; its undo writes
the codes back, deletes the codes it created (while nobody has used them) and
records that the operation was undone, so no later replay applies it. A
migration (the replay) changes codings; its undo writes back the rows it
changed. The editor keeps them on one undo stack, so undoing a migration and
then the merge it replayed brings back the codes and the codings both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, replace

from annotator.core.codebook import Code, Codebook
from annotator.core.colours import next_colour
from annotator.core.errors import CodebookError
from annotator.core.task import NULL_STATE, TaskState
from annotator.services.codebook import CodebookEdit, CodebookService
from annotator.services.codebook_migration import MigrationPlan, SplitMapping, migrate
from annotator.store.coding_versions import CodingRows
from annotator.store.project import Project


def target_code(codebook: Codebook, ref: str, like: Code, colour: str | None = None) -> Code:
    """An existing code (by id or path), or a new sibling of ``like`` named ``ref``."""
    code = codebook.get(ref) or codebook.by_path(ref)
    if code is not None:
        return code
    name = ref.strip()
    if not name:
        raise CodebookError("Name the code they become: an existing code's path or a new name.")
    new = Code(name, parent_id=like.parent_id, scope=like.scope, level=like.level)
    return replace(new, color=colour) if colour else new


def _expect(project: Project, codes: Sequence[Code], absent: Sequence[str] = ()) -> None:
    """Refuse when a code is no longer as this edit left (or found) it."""
    current = project.codes.codebook()
    for code in codes:
        if current.get(code.id) != code:
            raise CodebookError(
                f"“{code.name}” was changed elsewhere since; that change was kept and this step was not "
                "undone or redone."
            )
    for code_id in absent:
        if code_id in current:
            raise CodebookError(
                f"“{current[code_id].name}” exists again; it was kept and this step was not redone."
            )


class OperationEdit(CodebookEdit, ABC):
    """A merge or a split: ``sources`` are archived, ``targets`` (``created``:
    the ids of those it adds) are what they become."""

    kind = ""

    def __init__(self, label: str, sources: Sequence[Code], targets: Sequence[Code], created: set[str]):
        super().__init__(label, [])
        self.sources, self.targets, self.created = tuple(sources), tuple(targets), frozenset(created)
        self.version: int | None = None  # the recorded operation's version; None: not recorded

    @abstractmethod
    def _operate(self, project: Project) -> None:
        """Record the merge or the split in the project."""

    def do(self, project: Project) -> None:
        kept = [t for t in self.targets if t.id not in self.created]
        _expect(project, [*self.sources, *kept], absent=sorted(self.created))
        before = project.codes.codebook_version()
        self._operate(project)
        after = project.codes.codebook_version()
        self.version = after if after != before else None

    def undo(self, project: Project) -> None:
        _expect(project, [*(replace(c, archived=True) for c in self.sources), *self.targets])
        project.codes.revert_operation(self.version, self.sources, sorted(self.created))


class MergeEdit(OperationEdit):
    def _operate(self, project: Project) -> None:
        project.codes.merge_codes([c.id for c in self.sources], self.targets[0])


class SplitEdit(OperationEdit):
    def _operate(self, project: Project) -> None:
        project.codes.split_code(self.sources[0].id, list(self.targets))


def merge_edit(
    codebook: Codebook, code_ids: Sequence[str], into: str, colour: str | None = None
) -> MergeEdit:
    """The merge of ``code_ids`` into ``into`` (an existing code's id or path, or a new name)."""
    sources = [_code(codebook, i) for i in dict.fromkeys(code_ids)]
    if not sources:
        raise CodebookError("Choose at least one code to merge.")
    target = target_code(codebook, into, sources[0], colour)
    created = set() if target.id in codebook else {target.id}
    names = ", ".join(f"“{c.name}”" for c in sources)
    return MergeEdit(f"Merge {names} into “{target.name}”", sources, [target], created)


def split_edit(
    codebook: Codebook, code_id: str, into: Sequence[str], colours: Sequence[str] = ()
) -> SplitEdit:
    """The split of ``code_id`` into ``into`` (each an existing code's id or path, or a new name)."""
    source = _code(codebook, code_id)
    targets: list[Code] = []
    for n, ref in enumerate(r for r in into if r.strip()):
        targets.append(target_code(codebook, ref, source, colours[n] if n < len(colours) else None))
    created = {t.id for t in targets if t.id not in codebook}
    names = ", ".join(f"“{t.name}”" for t in targets)
    return SplitEdit(f"Split “{source.name}” into {names}", [source], targets, created)


def merge(service: CodebookService, code_ids: Sequence[str], into: str) -> OperationEdit:
    """Merge codes into ``into`` (an existing code's id or path, or a new
    name), on ``service``'s undo stack."""
    edit = merge_edit(service.codebook(), code_ids, into, service.free_colour())
    service.apply(edit)
    return edit


def split(service: CodebookService, code_id: str, into: Sequence[str]) -> OperationEdit:
    """Split a code into two or more (existing ids or paths, or new names),
    on ``service``'s undo stack; each new code gets a colour of its own."""
    taken = [c.color for c in service.codebook()]
    colours: list[str] = []
    for _ in into:
        colours.append(next_colour(taken))
        taken.append(colours[-1])
    edit = split_edit(service.codebook(), code_id, into, colours)
    service.apply(edit)
    return edit


def _code(codebook: Codebook, ref: str) -> Code:
    code = codebook.get(ref) or codebook.by_path(ref)
    if code is None:
        raise CodebookError(
            f"There is no code {ref!r} (give its path, e.g. 'Source type/Official', or its id)."
        )
    return code


class MigrationEdit(CodebookEdit):
    """A replay already written: undo writes the codings' rows back as they
    were before it, redo as it left them."""

    def __init__(self, label: str, before: CodingRows, after: CodingRows) -> None:
        super().__init__(label, [])
        self.before, self.after = before, after

    def do(self, project: Project) -> None:
        project.coding_rows.put(self.before, self.after)

    def undo(self, project: Project) -> None:
        project.coding_rows.put(self.after, self.before)


@dataclass(frozen=True)
class MigrationResult:
    plan: MigrationPlan
    edit: MigrationEdit | None  # None when nothing changed (a second run)


def apply_migration(
    project: Project, to_version: int, mapping: SplitMapping | None = None, *, state: TaskState = NULL_STATE
) -> MigrationResult:
    """:func:`migrate`, keeping the rows it changes so the editor can undo it."""
    with project.transaction():
        older = project.coding_versions.older_codings(to_version)
        ids = [c.key for c in older if c.kind == "span"]
        pairs = [(c.document_id, c.coder_id) for c in older if c.kind == "document"]
        before = project.coding_rows.read(ids, pairs)
        state.check("The migration was cancelled; nothing was changed.")
        plan = migrate(project, to_version, mapping)
        after = project.coding_rows.read(ids, pairs)
    n = len(older)
    label = f"Bring {n} coding{'s' if n != 1 else ''} to codebook version {to_version}"
    return MigrationResult(plan, MigrationEdit(label, before, after) if before != after else None)
