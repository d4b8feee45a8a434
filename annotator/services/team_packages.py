"""Coder packages for a whole team at once, and a merge report in words: what
the window's package and merge dialogs show, and what ``annotator merge``
prints, so both tell a lead the same things.

``packages`` makes and merges one package; this module names the files of a
team's packages and turns a ``MergeReport`` into sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.services.packages import MergeReport, make_package
from annotator.store.project import Project

_UNSAFE = re.compile(r"[^\w.-]+")


def package_file_name(project: Project, coder_name: str) -> str:
    """``study-Ana.annotator`` for Ana's package of ``study.annotator``: a
    name every file system accepts, whatever the coder is called."""
    stem = _UNSAFE.sub("_", Path(project.path).stem).strip("._") or "project"
    who = _UNSAFE.sub("_", coder_name).strip("._") or "coder"
    return f"{stem}-{who}.annotator"


def planned_packages(project: Project, coder_names: list[str], folder: Path) -> list[tuple[str, Path]]:
    """(coder name, file) for each package, before anything is written; two
    coders whose names give one file name are refused rather than one package
    replacing the other."""
    out: list[tuple[str, Path]] = []
    seen: dict[str, str] = {}
    for name in coder_names:
        file_name = package_file_name(project, name)
        if file_name.casefold() in seen:
            raise AnnotatorError(
                f"The packages of {seen[file_name.casefold()]} and {name} would both be called "
                f"{file_name}; rename one of the coders first."
            )
        seen[file_name.casefold()] = name
        out.append((name, Path(folder) / file_name))
    return out


@dataclass
class WrittenPackage:
    coder: str
    path: Path
    documents: int
    annotations: int


def make_packages(
    project: Project, coder_names: list[str], folder: Path, *, force: bool = False
) -> list[WrittenPackage]:
    """One package per coder in ``folder``. A file already there is replaced
    only with ``force``, and all names are checked before the first is
    written, so a refusal leaves no half-made set behind."""
    folder = Path(folder)
    if not folder.is_dir():
        raise AnnotatorError(f"There is no folder at {folder}; choose an existing folder for the packages.")
    planned = planned_packages(project, coder_names, folder)
    if not force:
        taken = [path.name for _, path in planned if path.exists()]
        if taken:
            raise AnnotatorError(
                f"{', '.join(taken)} already exist{'s' if len(taken) == 1 else ''} in {folder}; "
                "choose another folder or allow replacing them."
            )
    written = []
    for name, path in planned:
        info: dict[str, Any] = make_package(project, name, path, force=force)
        written.append(
            WrittenPackage(
                coder=str(info["coder"]),
                path=path,
                documents=int(info.get("documents", 0)),
                annotations=int(info.get("annotations", 0)),
            )
        )
    return written


@dataclass(frozen=True)
class ReportLine:
    kind: str  # "warning", "codebook", "skipped", "joined", "clamped", "refused"
    text: str


def merge_report_lines(report: MergeReport, *, most_refusals: int = 20) -> list[ReportLine]:
    """What a lead should read about one merged package beyond its counts."""
    name = Path(report.package).name
    lines = [ReportLine("warning", w) for w in report.warnings]
    lines += [ReportLine("codebook", f"{name}: codebook {d}") for d in report.codebook_differences]
    if report.unknown_documents:
        lines.append(
            ReportLine(
                "skipped",
                f"{name}: {len(report.unknown_documents)} documents are not in the project and were skipped.",
            )
        )
    if report.merged:
        lines.append(
            ReportLine(
                "joined", f"{name}: {report.merged} spans joined an overlapping span of the same code."
            )
        )
    if report.clamped:
        lines.append(
            ReportLine(
                "clamped",
                f"{name}: {report.clamped} change times lay in the future and were recorded as the "
                "time of this merge.",
            )
        )
    if report.refused:
        lines.append(ReportLine("refused", f"{name}: {len(report.refused)} refused, for these reasons:"))
        lines += [ReportLine("refused", f"  {reason}") for reason in report.refused[:most_refusals]]
        if len(report.refused) > most_refusals:
            lines.append(
                ReportLine("refused", f"{name}: ... and {len(report.refused) - most_refusals} more refused.")
            )
    return lines
