"""Coder packages: a project file for one coder (blind: only their documents and
their own work), and merging packages back into the lead's project.

Documents are matched by content hash and codes by id, never by name. Merging
is idempotent: each annotation, article-level code and status carries its own
``updated_at`` and the later state wins, so merging the same package twice
changes nothing and a newer package brings edits and deletions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError, MergeConflict
from annotator.core.ids import now_iso
from annotator.core.models import Annotation, DocumentCode
from annotator.core.output_files import atomic_path
from annotator.store.packaging import prune_to_coder
from annotator.store.project import Project


def make_package(project: Project, coder_name: str, out: Path, *, force: bool = False) -> dict[str, Any]:
    """Write ``coder_name``'s package to ``out`` (replacing a file there only
    with ``force``, and never a project)."""
    coder = project.find_coder(coder_name)
    out = Path(out)
    # built and pruned under a private name: the file at ``out`` is only ever a finished package
    with atomic_path(out, replace=force) as building:
        project.copy_to(building)
        with Project.open(building) as package:
            counts = prune_to_coder(package, coder.id)
            package.set_meta("package_for", coder.id)
            package.set_meta("package_coder_name", coder.name)
            package.set_meta("package_of", project.project_id)
            package.set_meta("package_created_at", now_iso())
            package.set_meta("package_codebook_version", str(project.codebook_version()))
        os.chmod(building, 0o600)
    return {"coder": coder.name, "path": str(out), **counts}


@dataclass
class CodebookDiff:
    missing_in_project: list[str] = field(default_factory=list)  # code paths the package has and we lack
    renamed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing_in_project or self.renamed or self.moved or self.other)

    def lines(self) -> list[str]:
        return ([f"code only in the package: {p}" for p in self.missing_in_project]
                + [f"renamed: {r}" for r in self.renamed] + [f"moved: {m}" for m in self.moved] + self.other)


def compare_codebooks(project_cb: Codebook, package_cb: Codebook) -> CodebookDiff:
    diff = CodebookDiff()
    for code in package_cb:
        mine = project_cb.get(code.id)
        if mine is None:
            diff.missing_in_project.append(package_cb.path(code.id))
            continue
        if mine.name != code.name:
            diff.renamed.append(f"{package_cb.path(code.id)} (project: {project_cb.path(code.id)})")
        if mine.parent_id != code.parent_id:
            diff.moved.append(f"{package_cb.path(code.id)} (project: {project_cb.path(code.id)})")
        if mine.exclusive != code.exclusive or mine.scope != code.scope:
            diff.other.append(f"{package_cb.path(code.id)}: scope or exclusive group differs")
    return diff


@dataclass
class MergeReport:
    package: str
    coder: str = ""
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    document_codes_changed: int = 0
    statuses_changed: int = 0
    unknown_documents: list[str] = field(default_factory=list)
    codebook_differences: list[str] = field(default_factory=list)
    codes_added: int = 0
    dry_run: bool = False

    @property
    def changes(self) -> int:
        return self.added + self.updated + self.deleted + self.document_codes_changed + self.statuses_changed

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in (
            "package", "coder", "added", "updated", "deleted", "unchanged", "document_codes_changed",
            "statuses_changed", "unknown_documents", "codebook_differences", "codes_added", "dry_run")}


CODEBOOK_CHOICES = ("refuse", "add-missing", "ignore")


def merge_package(project: Project, package_path: Path, *, dry_run: bool = False,
                  codebook: str = "refuse") -> MergeReport:
    """Bring one coder's work back from their package.

    ``codebook`` says what to do when the package's codebook differs from the
    project's: ``refuse`` (default: report and change nothing), ``add-missing``
    (add codes the project lacks, keep the project's names), ``ignore``
    (merge; annotations with codes the project lacks are skipped).
    """
    if codebook not in CODEBOOK_CHOICES:
        raise AnnotatorError(f"Unknown codebook choice {codebook!r}; use one of {', '.join(CODEBOOK_CHOICES)}.")
    package_path = Path(package_path)
    report = MergeReport(package=str(package_path), dry_run=dry_run)
    with Project.open(package_path, readonly=True) as package:
        coder_id = package.get_meta("package_for")
        if not coder_id:
            raise MergeConflict(f"{package_path.name} is not a coder package (made with `annotator package`).")
        origin = package.get_meta("package_of")
        if origin and project.project_id and origin != project.project_id:
            raise MergeConflict(f"{package_path.name} was made from another project, not from {project.path.name}.")
        coder = project.coder(coder_id)  # NotFound if the lead's project lacks the coder
        report.coder = coder.name
        annotations = package.annotations(include_deleted=True)
        document_codes = package.document_codes(include_deleted=True)
        statuses = package.assignments()
        package_cb = package.codebook()
    strangers = {a.coder_id for a in annotations} | {d.coder_id for d in document_codes} | {
        s.coder_id for s in statuses}
    strangers.discard(coder_id)
    if strangers:
        raise MergeConflict(
            f"{package_path.name} was made for {coder.name} but holds work claimed by other coders; nothing was merged."
        )
    _check_ownership(project, coder_id, annotations, package_path)
    project_cb = project.codebook()
    diff = compare_codebooks(project_cb, package_cb)
    report.codebook_differences = diff.lines()
    if diff and codebook == "refuse":
        raise MergeConflict(
            f"{package_path.name} was coded with a different codebook ({'; '.join(diff.lines()[:5])}); "
            "nothing was merged: choose --codebook add-missing or --codebook ignore."
        )
    known_docs = project.existing_document_ids(sorted({a.document_id for a in annotations}
                                                      | {d.document_id for d in document_codes}))
    report.unknown_documents = sorted(({a.document_id for a in annotations} | {d.document_id for d in document_codes})
                                      - known_docs)
    writes: list[Annotation] = []
    for a in annotations:
        if a.document_id not in known_docs:
            continue
        if a.code_id not in project_cb and codebook != "add-missing":
            continue
        try:
            mine = project.annotation(a.id)
        except AnnotatorError:
            mine = None
        if mine is None:
            if a.deleted:
                report.unchanged += 1  # created and deleted in the package: nothing to bring
                continue
            report.added += 1
            writes.append(a)
        elif _state(mine) == _state(a) or mine.updated_at >= a.updated_at:
            report.unchanged += 1
        else:
            if a.deleted and not mine.deleted:
                report.deleted += 1
            else:
                report.updated += 1
            writes.append(a)
    dc_writes = _document_code_changes(project, coder_id, document_codes, known_docs)
    report.document_codes_changed = len(dc_writes)
    status_writes = [s for s in statuses if s.document_id in known_docs and _newer_status(project, s)]
    report.statuses_changed = len(status_writes)
    if dry_run:
        report.codes_added = len(diff.missing_in_project) if codebook == "add-missing" else 0
        return report
    with project.transaction():
        if codebook == "add-missing":
            for _, code in package_cb.walk():
                if code.id not in project_cb:
                    project.add_code(code)
                    report.codes_added += 1
        project.restore_annotations(writes)
        for dc in dc_writes:
            project.put_document_code_state(dc)
        for s in status_writes:
            project.set_status(s.document_id, coder_id, s.status)
        project.record_merge(coder_id, str(package_path), report.as_dict())
    return report


def _state(a: Annotation) -> tuple:
    return (a.code_id, a.start, a.end, a.note, a.deleted, a.origin)


def _check_ownership(project: Project, coder_id: str, annotations: list[Annotation], package_path: Path) -> None:
    """An annotation id that the lead's project holds for another coder cannot be
    taken over by a package (an edited package trying to claim others' work)."""
    ids = [a.id for a in annotations]
    for existing in project.annotation_owners(ids).items():
        if existing[1] != coder_id:
            raise MergeConflict(
                f"{package_path.name} tries to change annotations of another coder; nothing was merged."
            )


def _document_code_changes(project: Project, coder_id: str, incoming: list[DocumentCode],
                           known_docs: set[str]) -> list[DocumentCode]:
    current = {(d.document_id, d.code_id): d for d in project.document_codes(coder_id=coder_id, include_deleted=True)}
    out = []
    for dc in incoming:
        if dc.document_id not in known_docs:
            continue
        mine = current.get((dc.document_id, dc.code_id))
        if mine is None or (mine.updated_at < dc.updated_at and
                            (mine.value, mine.note, mine.deleted) != (dc.value, dc.note, dc.deleted)):
            out.append(dc)
    return out


def _newer_status(project: Project, incoming) -> bool:
    mine = project.assignments(coder_id=incoming.coder_id, document_id=incoming.document_id)
    if not mine:
        return True
    return mine[0].status != incoming.status and mine[0].updated_at < incoming.updated_at
