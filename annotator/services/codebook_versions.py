"""Codebook versions that mean something (issue 18, item 4): the diff between
two versions, listed from the operations the store recorded.

A version ``V`` is the codebook after the change numbered ``V``; the diff from
``V1`` to ``V2`` lists the changes ``V1 < version <= V2``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from annotator.core.codebook import Codebook
from annotator.core.errors import CodebookError
from annotator.store.project import Project

# The operations after which a coding made earlier may need another code.
REPLAYED = ("merged", "split")
# The undoing of one of them (its detail names the version it undid).
REVERTED = "reverted"


@dataclass(frozen=True)
class CodebookChange:
    version: int
    at: str
    kind: str
    code_id: str | None
    code_path: str
    description: str
    detail: dict[str, Any] | str

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "at": self.at,
            "kind": self.kind,
            "code_id": self.code_id,
            "code_path": self.code_path,
            "description": self.description,
            "detail": self.detail,
        }


def check_version(project: Project, version: int, what: str) -> None:
    current = project.codes.codebook_version()
    if not 1 <= version <= current:
        raise CodebookError(
            f"The {what} codebook version {version} does not exist; this project has versions 1 to {current}."
        )


def codebook_diff(project: Project, from_version: int, to_version: int) -> list[CodebookChange]:
    """The recorded changes that lead from one codebook version to another."""
    check_version(project, from_version, "first")
    check_version(project, to_version, "last")
    if from_version > to_version:
        raise CodebookError(
            f"The first version ({from_version}) must be earlier than or equal to the last ({to_version})."
        )
    codebook = project.codes.codebook()
    return [
        _change(row, codebook)
        for row in project.codes.codebook_changes()
        if from_version < row["version"] <= to_version
    ]


def reverted_versions(rows: list[dict[str, Any]], up_to: int) -> set[int]:
    """The versions of the operations undone at or before version ``up_to``."""
    return {
        operation_detail(r)["undone_version"] for r in rows if r["kind"] == REVERTED and r["version"] <= up_to
    }


def diff_markdown(changes: list[CodebookChange], from_version: int, to_version: int) -> str:
    """The diff as a Markdown table, for a methods appendix."""
    lines = [
        f"Codebook changes from version {from_version} to version {to_version}:",
        "",
        "| Version | Date | Change | Code |",
        "|---:|---|---|---|",
    ]
    for c in changes:
        cells = [str(c.version), c.at[:10], c.description, c.code_path]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    if not changes:
        lines.append("| – | – | no change | – |")
    return "\n".join(lines) + "\n"


def operation_detail(row: dict[str, Any]) -> dict[str, Any]:
    """The recorded detail of a merge or a split."""
    return json.loads(row["detail"])


def _change(row: dict[str, Any], codebook: Codebook) -> CodebookChange:
    kind, code_id, raw = row["kind"], row["code_id"], row["detail"] or ""
    detail: dict[str, Any] | str = operation_detail(row) if kind in (*REPLAYED, REVERTED) else raw
    code = codebook.get(code_id) if code_id else None
    name = code.name if code else raw
    path = codebook.path(code_id) if code else ""
    return CodebookChange(
        row["version"], row["at"], kind, code_id, path, _describe(kind, name, detail, codebook), detail
    )


def _quoted(names: list[str]) -> str:
    return ", ".join(f"“{n}”" for n in names)


def _describe(kind: str, name: str, detail: dict[str, Any] | str, codebook: Codebook) -> str:
    if isinstance(detail, dict):
        if kind == REVERTED:
            undone = _describe(detail["undone_kind"], name, detail, codebook)
            return f"Undid version {detail['undone_version']}: {undone}"
        if kind == "merged":
            return f"Merged {_quoted(detail['from_names'])} into “{detail['into_name']}”."
        return f"Split “{detail['from_name']}” into {_quoted(detail['into_names'])}."
    if kind == "renamed" and " -> " in detail:
        old, new = detail.split(" -> ", 1)
        return f"Renamed “{old}” to “{new}”."
    if kind == "moved" and " -> " in detail:
        old, new = (_parent_name(p, codebook) for p in detail.split(" -> ", 1))
        return f"Moved “{name}” from {old} to {new}."
    if kind == "changed":
        return f"Changed “{name}”: {detail}."
    return f"{kind.capitalize()} “{name}”."


def _parent_name(parent_id: str, codebook: Codebook) -> str:
    if parent_id in ("None", ""):
        return "the top level"
    parent = codebook.get(parent_id)
    return f"“{parent.name}”" if parent else f"a deleted code ({parent_id})"


def _counted(version: int | None, n: int) -> str:
    codings = f"{n} coding{'s' if n != 1 else ''}"
    if version is None:
        return f"not recorded ({codings}, made before versions were recorded)"
    return f"{version} ({codings})"


def versions_warning(counts: dict[int | None, int]) -> str | None:
    """The sentence an agreement report carries when the codings it compares
    were made under more than one codebook version; None for one version."""
    if len(counts) < 2:
        return None
    ordered = sorted(counts.items(), key=lambda item: -1 if item[0] is None else item[0])
    parts = [_counted(v, n) for v, n in ordered]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"The codings compared were made under codebook versions {listed}; agreement is best computed within "
        "one version: bring older codings to the current one with `annotator codebook migrate`."
    )


def version_parameters(counts: dict[int | None, int]) -> dict[str, int]:
    """The counts as a report parameter (JSON keys are strings)."""
    return {
        ("unrecorded" if v is None else str(v)): n for v, n in sorted(counts.items(), key=lambda i: i[0] or 0)
    }
