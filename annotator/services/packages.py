"""Coder packages: a project file for one coder (blind: only their documents and
their own work), and merging packages back into the lead's project.

Documents are matched by content hash and codes by id, never by name. Merging
is idempotent: each annotation, article-level code and status carries its own
``updated_at`` and the later state wins, so merging the same package twice
changes nothing and a newer package brings edits and deletions. A change time
later than the merge is recorded as the merge time, so a forged clock cannot
win every later merge.

A package proves who it is for: the lead's project holds a secret (never
copied into a package) and each package carries a token, an HMAC of the
project, the package and the coder under that secret. Merge recomputes it, and
refuses a package whose token does not match, that is for an adjudicator, or
that carries gold (adjudicated) work or another coder's; a refused merge
changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError, MergeConflict
from annotator.core.ids import new_id, now_iso
from annotator.core.models import Annotation, Assignment, Coder, DocumentCode
from annotator.core.output_files import atomic_path
from annotator.store.packaging import (
    changed_since,
    existing_package_secret,
    opened_since_made,
    package_secret,
    prune_to_coder,
)
from annotator.store.project import Project

_TOKEN_CONTEXT = b"annotator coder package v1"
_Stamped = TypeVar("_Stamped", Annotation, DocumentCode, Assignment)


def package_token(secret: bytes, project_id: str, package_id: str, coder_id: str) -> str:
    message = b"\x1f".join([_TOKEN_CONTEXT, project_id.encode(), package_id.encode(), coder_id.encode()])
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def make_package(project: Project, coder_name: str, out: Path, *, force: bool = False) -> dict[str, Any]:
    """Write ``coder_name``'s package to ``out`` (replacing a file there only
    with ``force``, and never a project)."""
    coder = project.find_coder(coder_name)
    if coder.role != "coder":
        raise AnnotatorError(
            f"{coder.name} is an adjudicator; packages carry a coder's own work, and the gold "
            "standard is made in the lead's project."
        )
    out = Path(out)
    secret = package_secret(project)
    package_id = new_id()
    # built and pruned under a private name: the file at ``out`` is only ever a finished package
    with atomic_path(out, replace=force) as building:
        project.copy_to(building)
        with Project.open(building) as package:
            counts = prune_to_coder(package, coder.id)
            package.set_meta("package_for", coder.id)
            package.set_meta("package_coder_name", coder.name)
            package.set_meta("package_of", project.project_id)
            package.set_meta("package_id", package_id)
            package.set_meta("package_token", package_token(secret, project.project_id, package_id, coder.id))
            package.set_meta("package_created_at", now_iso())
            package.set_meta("package_codebook_version", str(project.codes.codebook_version()))
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
        return (
            [f"code only in the package: {p}" for p in self.missing_in_project]
            + [f"renamed: {r}" for r in self.renamed]
            + [f"moved: {m}" for m in self.moved]
            + self.other
        )


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
    merged: int = 0  # absorbed into an overlapping span of the same code
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)  # one reason per annotation or article code refused
    clamped: int = 0  # change times later than the merge, recorded as the merge time
    document_codes_changed: int = 0
    statuses_changed: int = 0
    unknown_documents: list[str] = field(default_factory=list)
    codebook_differences: list[str] = field(default_factory=list)
    codes_added: int = 0
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changes(self) -> int:
        return (
            self.added
            + self.updated
            + self.deleted
            + self.merged
            + self.document_codes_changed
            + self.statuses_changed
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            k: getattr(self, k)
            for k in (
                "package",
                "coder",
                "added",
                "updated",
                "deleted",
                "merged",
                "unchanged",
                "refused",
                "clamped",
                "document_codes_changed",
                "statuses_changed",
                "unknown_documents",
                "codebook_differences",
                "codes_added",
                "warnings",
                "dry_run",
            )
        }


CODEBOOK_CHOICES = ("refuse", "add-missing", "ignore")


class _Rehearsal(Exception):
    """Raised inside the merge transaction of a dry run, so it rolls back."""


def merge_package(
    project: Project,
    package_path: Path,
    *,
    dry_run: bool = False,
    codebook: str = "refuse",
    accept_unsigned: bool = False,
) -> MergeReport:
    """Bring one coder's work back from their package.

    ``codebook`` says what to do when the package's codebook differs from the
    project's: ``refuse`` (default: report and change nothing), ``add-missing``
    (add codes the project lacks, keep the project's names), ``ignore``
    (merge; annotations with codes the project lacks are skipped).
    ``accept_unsigned`` merges a package made before packages carried a token
    (with a warning); the other checks still apply.
    """
    if codebook not in CODEBOOK_CHOICES:
        raise AnnotatorError(
            f"Unknown codebook choice {codebook!r}; use one of {', '.join(CODEBOOK_CHOICES)}."
        )
    package_path = Path(package_path)
    name = package_path.name
    report = MergeReport(package=str(package_path), dry_run=dry_run)
    journal = _journal_size(package_path)  # before opening: reading the package makes an empty one
    with Project.open(package_path, readonly=True) as package:
        coder_id = package.get_meta("package_for")
        if not coder_id:
            raise MergeConflict(f"{name} is not a coder package (made with `annotator package`).")
        origin = package.get_meta("package_of")
        if origin and project.project_id and origin != project.project_id:
            raise MergeConflict(f"{name} was made from another project, not from {project.path.name}.")
        coder = project.coder(coder_id)  # NotFound if the lead's project lacks the coder
        report.coder = coder.name
        _check_token(project, package, coder_id, name, accept_unsigned, report)
        if coder.role != "coder":
            raise MergeConflict(
                f"{name} claims to hold the work of the adjudicator {coder.name}, but packages "
                "carry a coder's own work only; nothing was merged."
            )
        try:
            annotations = package.annotations.select(include_deleted=True)
            document_codes = package.annotations.document_codes(include_deleted=True)
            statuses = package.workflow.assignments()
            package_cb = package.codes.codebook()
            made_under = package.coding_versions.stamps()
        except (AnnotatorError, ValueError, TypeError) as exc:
            reason = str(exc).rstrip(".")
            raise MergeConflict(
                f"{name} is damaged and cannot be merged ({reason[:1].lower()}{reason[1:]}); "
                "nothing was merged."
            ) from exc
        made = package.get_meta("package_created_at") or ""
        quiet_since_made = bool(made) and opened_since_made(package) and not changed_since(package, made)
    _check_contents(project, coder, annotations, document_codes, statuses, name)
    project_cb = project.codes.codebook()
    diff = compare_codebooks(project_cb, package_cb)
    report.codebook_differences = diff.lines()
    if diff and codebook == "refuse":
        raise MergeConflict(
            f"{name} was coded with a different codebook ({'; '.join(diff.lines()[:5])}); "
            "nothing was merged: choose --codebook add-missing or --codebook ignore."
        )
    doc_ids = {a.document_id for a in annotations} | {d.document_id for d in document_codes}
    known_docs = project.documents.existing_document_ids(sorted(doc_ids))
    report.unknown_documents = sorted(doc_ids - known_docs)
    now = now_iso()
    writes: list[Annotation] = []
    for a in annotations:
        if a.document_id not in known_docs:
            continue
        if a.code_id not in project_cb and codebook != "add-missing":
            continue
        try:
            mine = project.annotations.annotation(a.id)
        except AnnotatorError:
            mine = None
        if mine is None and a.deleted:
            report.unchanged += 1  # created and deleted in the package: nothing to bring
        elif mine is not None and (_state(mine) == _state(a) or mine.updated_at >= a.updated_at):
            report.unchanged += 1
        else:
            writes.append(a)
    dc_writes = [
        _clamped(dc, now, report)
        for dc in _document_code_changes(project, coder_id, document_codes, known_docs)
    ]
    status_writes = [s for s in statuses if s.document_id in known_docs and _newer_status(project, s)]
    try:
        with project.transaction():
            if codebook == "add-missing":
                for _, code in package_cb.walk():
                    if code.id not in project_cb:
                        project.codes.add_code(code)
                        report.codes_added += 1
            taken = project.intake.take_annotations(writes, made_under[0])
            report.added, report.updated, report.deleted = taken.added, taken.updated, taken.deleted
            report.merged, report.clamped = taken.merged, report.clamped + taken.clamped
            report.unchanged += taken.unchanged
            report.refused.extend(taken.refused)
            codes = project.intake.take_document_codes(dc_writes, made_under[1])
            report.document_codes_changed = codes.updated
            report.refused.extend(codes.refused)
            for s in status_writes:
                project.workflow.set_status(s.document_id, coder_id, s.status)
            report.statuses_changed = len(status_writes)
            if dry_run:
                raise _Rehearsal
            project.workflow.record_merge(coder_id, str(package_path), report.as_dict())
    except _Rehearsal:
        pass
    report.warnings.extend(_journal_warnings(name, journal, quiet_since_made and report.changes == 0))
    return report


def _journal_size(path: Path) -> int:
    try:
        return Path(f"{path}-wal").stat().st_size
    except OSError:
        return 0


def _journal_warnings(name: str, journal: int, left_behind: bool) -> list[str]:
    """Signs that the package was copied while Annotator had it open, so the
    coder's latest work may sit in a ``-wal`` journal the lead did not get:
    a journal beside it, or a package opened in Annotator that brings nothing
    and holds nothing saved since it was made."""
    if journal:
        return [
            f"{name} came with a {name}-wal journal ({journal} bytes), so it was copied or is still open while "
            "Annotator runs on it: its saved work was read from the journal too, but ask the coder to close "
            "Annotator and send the package again if anything is missing."
        ]
    if left_behind:
        return [
            f"{name} was opened in Annotator but holds no work saved since the package was made: if the coder "
            f"copied it while Annotator was open, their session is in the journal file {name}-wal, which was not "
            "copied, so ask them to close Annotator and send the package again."
        ]
    return []


def _check_token(
    project: Project, package: Project, coder_id: str, name: str, accept_unsigned: bool, report: MergeReport
) -> None:
    token, package_id = package.get_meta("package_token"), package.get_meta("package_id")
    if not token or not package_id:
        if not accept_unsigned:
            raise MergeConflict(
                f"{name} is not signed (it was made before packages carried a token, or the token "
                "was removed), so it cannot prove whose work it holds; nothing was merged: hand out "
                "a new package with `annotator package`, or merge with --accept-unsigned if you "
                "trust this file."
            )
        report.warnings.append(f"{name} is not signed; it was merged because you accepted unsigned packages.")
        return
    secret = existing_package_secret(project)
    expected = package_token(secret, project.project_id, package_id, coder_id) if secret else ""
    if not secret or not hmac.compare_digest(expected, token):
        raise MergeConflict(
            f"{name} does not carry this project's signature for the coder it names, so it was "
            "edited or made from another project; nothing was merged."
        )


def _check_contents(
    project: Project,
    coder: Coder,
    annotations: list[Annotation],
    document_codes: list[DocumentCode],
    statuses: list[Assignment],
    name: str,
) -> None:
    """A package carries only its own coder's work: no other coder's rows or
    annotation ids, no gold (adjudicated) spans."""
    strangers = (
        {a.coder_id for a in annotations}
        | {d.coder_id for d in document_codes}
        | {s.coder_id for s in statuses}
    )
    strangers.discard(coder.id)
    if strangers:
        raise MergeConflict(
            f"{name} was made for {coder.name} but holds work claimed by other coders; nothing was merged."
        )
    if any(a.origin == "adjudicated" or a.derived_from for a in annotations):
        raise MergeConflict(
            f"{name} holds adjudicated (gold-standard) spans, which a coder package never "
            "carries; nothing was merged."
        )
    for owner in project.annotations.annotation_owners([a.id for a in annotations]).values():
        if owner != coder.id:
            raise MergeConflict(f"{name} tries to change annotations of another coder; nothing was merged.")


def _clamped(item: _Stamped, now: str, report: MergeReport) -> _Stamped:
    if item.updated_at and item.updated_at > now:
        report.clamped += 1
        return replace(item, updated_at=now)
    return item


def _state(a: Annotation) -> tuple:
    return (a.code_id, a.start, a.end, a.note, a.deleted, a.origin)


def _document_code_changes(
    project: Project, coder_id: str, incoming: list[DocumentCode], known_docs: set[str]
) -> list[DocumentCode]:
    current = {
        (d.document_id, d.code_id): d
        for d in project.annotations.document_codes(coder_id=coder_id, include_deleted=True)
    }
    out = []
    for dc in incoming:
        if dc.document_id not in known_docs:
            continue
        mine = current.get((dc.document_id, dc.code_id))
        if mine is None or (
            mine.updated_at < dc.updated_at
            and (mine.value, mine.note, mine.deleted) != (dc.value, dc.note, dc.deleted)
        ):
            out.append(dc)
    return out


def _newer_status(project: Project, incoming: Assignment) -> bool:
    mine = project.workflow.assignments(coder_id=incoming.coder_id, document_id=incoming.document_id)
    if not mine:
        return True
    return mine[0].status != incoming.status and mine[0].updated_at < incoming.updated_at
