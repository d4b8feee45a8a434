"""Project set-up use cases: create, describe, codebooks and coders."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.codebook import PALETTE, Codebook
from annotator.core.errors import AnnotatorError, CodebookError, NotFound
from annotator.core.models import ROLES, Coder
from annotator.exchange.codebook_yaml import parse_codebook, read_codebook
from annotator.resources_path import resource
from annotator.store.project import Project

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def builtin_codebooks() -> dict[str, str]:
    """Shipped codebooks: {name to load them by: file name}."""
    out = {}
    for entry in sorted(resource("codebooks").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            out[entry.name[:-5]] = entry.name
    return out


def builtin_codebook_titles() -> dict[str, str]:
    """Shipped codebooks: {name to load them by: the title the file gives},
    for a list a lead chooses from."""
    return {name: load_codebook(name).name or name for name in builtin_codebooks()}


def load_codebook(name_or_path: str | Path) -> Codebook:
    """A shipped codebook by name (e.g. ``syria_2015``) or a YAML file."""
    path = Path(name_or_path)
    if path.suffix.lower() in (".yaml", ".yml") and path.exists():
        return read_codebook(path)
    node = resource("codebooks", f"{name_or_path}.yaml")
    if node.is_file():
        return parse_codebook(node.read_text(encoding="utf-8"), source=f"{name_or_path}.yaml")
    if path.suffix:
        raise CodebookError(f"There is no codebook file at {path}.")
    names = ", ".join(builtin_codebooks()) or "none"
    raise CodebookError(f"There is no built-in codebook named {name_or_path!r} (built-in: {names}).")


def init_project(
    path: Path,
    *,
    name: str | None = None,
    codebook: str | Path | None = None,
    coders: list[str] | None = None,
    roles: Mapping[str, str] | None = None,
) -> Project:
    """A new project file at ``path`` (never over an existing one) with a
    codebook (built-in name or YAML file) and coders; ``roles``: coder name
    -> role for those who are not plain coders. Nothing is left at ``path``
    when any part fails."""
    # read before the file is made, so a bad codebook leaves no file behind
    chosen = load_codebook(codebook) if codebook else None
    project = Project.create(path, name=name)
    try:
        if chosen is not None:
            project.codes.import_codebook(chosen)
        for coder_name in coders or []:
            add_coder(project, coder_name, role=(roles or {}).get(coder_name, "coder"))
    except BaseException:
        project.close()
        path.unlink(missing_ok=True)
        raise
    return project


def add_coder(project: Project, name: str, *, color: str | None = None, role: str = "coder") -> Coder:
    name = name.strip()
    if not name:
        raise AnnotatorError("A coder needs a name.")
    if role not in ROLES:
        raise AnnotatorError(f"The role {role!r} is unknown; use 'coder' or 'adjudicator'.")
    if color is not None and not _COLOUR.match(color):
        raise AnnotatorError(f"The colour {color!r} is not of the form #rrggbb.")
    if color is None:
        used = {c.color for c in project.coders()}
        color = next((c for c in PALETTE if c not in used), PALETTE[len(used) % len(PALETTE)])
    return project.add_coder(Coder(name=name, color=color, role=role))


def annotation_counts(project: Project) -> dict[str, int]:
    """Live annotations per coder id."""
    return project.annotations.count_annotations()


def update_coder(
    project: Project,
    name: str,
    *,
    new_name: str | None = None,
    color: str | None = None,
    role: str | None = None,
) -> Coder:
    coder = project.find_coder(name)
    if new_name is not None:
        if not new_name.strip():
            raise AnnotatorError("A coder needs a name.")
        coder.name = new_name.strip()
    if color is not None:
        if not _COLOUR.match(color):
            raise AnnotatorError(f"The colour {color!r} is not of the form #rrggbb.")
        coder.color = color
    if role is not None:
        if role not in ROLES:
            raise AnnotatorError(f"The role {role!r} is unknown; use 'coder' or 'adjudicator'.")
        coder.role = role
    return project.update_coder(coder)


@dataclass
class ProjectInfo:
    name: str
    path: Path
    schema_version: int
    codebook_name: str
    codebook_version: int
    codes: int
    documents: int
    batches: list[tuple[str, int]] = field(default_factory=list)  # (batch name, documents)
    coders: list[tuple[str, str, int]] = field(default_factory=list)  # (name, role, annotations)
    status: dict[str, dict[str, int]] = field(default_factory=dict)  # coder name -> status -> n
    nlp_pipeline: str = ""
    segmented: int = 0


def project_info(project: Project) -> ProjectInfo:
    counts = project.annotations.count_annotations()
    coders = project.coders()
    names = {c.id: c.name for c in coders}
    status = {names.get(cid, cid): s for cid, s in project.workflow.status_counts().items()}
    codebook = project.codes.codebook()
    total = project.documents.count_documents()
    return ProjectInfo(
        name=project.name,
        path=project.path,
        schema_version=project.schema_version,
        codebook_name=codebook.name,
        codebook_version=codebook.version,
        codes=len(codebook),
        documents=total,
        batches=project.documents.documents_per_batch(),
        coders=[(c.name, c.role, counts.get(c.id, 0)) for c in coders],
        status=status,
        nlp_pipeline=project.get_meta("nlp_pipeline", "") or "",
        segmented=total - len(project.documents.documents_without_segments()),
    )


def find_coders(project: Project, names: list[str] | None) -> list[Coder]:
    """The coders named (all coders with role 'coder' when none are named)."""
    if not names:
        return [c for c in project.coders() if c.role == "coder"]
    out = []
    for n in names:
        for part in n.split(","):
            if part.strip():
                out.append(project.find_coder(part.strip()))
    if not out:
        raise NotFound("No coders were named.")
    return out


def open_in_a_window(path: Path) -> bool:
    """Whether a coding window has the project at ``path`` open now, so a
    command must not remove or replace the file."""
    from annotator.store.window_lock import WindowLock

    return WindowLock.held_elsewhere(Path(path))
