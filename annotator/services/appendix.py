"""The methods appendix: gather from the project file what a reliability
report must state (Lombard, Snyder-Duch & Bracken 2002) and hand it to the
writers in ``annotator.reporting``. Every figure comes from a table of the
project, which the appendix names beside it."""

from __future__ import annotations

import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from annotator import __version__
from annotator.agreement.reliability_data import UNITS as UNITS  # the units the window offers
from annotator.core.errors import AnnotatorError
from annotator.core.output_files import write_bytes, write_text
from annotator.core.task import NULL_STATE, TaskState
from annotator.core.training import ModelRecord
from annotator.reporting.appendix_docx import appendix_docx
from annotator.reporting.appendix_html import appendix_html
from annotator.reporting.appendix_markdown import appendix_markdown
from annotator.reporting.appendix_model import AppendixFacts, CoderFacts, RoundFacts
from annotator.services.agreement import agreement_report, coding_data
from annotator.services.codebook_versions import codebook_diff
from annotator.services.model_baseline import rules_evaluation
from annotator.services.projects import find_coders
from annotator.services.training import status as training_status
from annotator.store.project import Project

TEXT_FORMATS = {".html": appendix_html, ".htm": appendix_html, ".md": appendix_markdown}
FORMATS = (*TEXT_FORMATS, ".docx")


def software_versions() -> dict[str, str]:
    """Versions of what computed the figures (read from the installed
    packages' metadata: spaCy is not imported for this)."""
    out = {"Annotator": __version__, "Python": platform.python_version()}
    for dist, label in (("spacy", "spaCy"), ("numpy", "NumPy")):
        try:
            out[label] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[label] = "not installed"
    return out


def gather(
    project: Project,
    *,
    unit: str = "document",
    coders: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    bootstrap: int = 1000,
    seed: int = 1,
    threshold: float = 0.667,
    state: TaskState = NULL_STATE,
) -> AppendixFacts:
    chosen = find_coders(project, list(coders) if coders else None)
    report = agreement_report(
        project,
        unit=unit,
        coders=[c.id for c in chosen],
        codes=codes,
        bootstrap=bootstrap,
        seed=seed,
        state=state,
    )
    names = {c.id: c.name for c in project.coders()}
    # who coded which sample article: the same gathering the report used
    coded = coding_data(project, chosen, segments=False).coded
    ids = {c.id for c in chosen}
    training_docs = project.training.training_document_ids()
    all_docs = project.documents.document_ids()
    sample_coders = {c["id"]: c["documents_coded"] for c in report.parameters["coders"]}
    counts = project.workflow.status_counts()
    coder_facts = []
    for c in project.coders():
        spans = len(project.annotations.select(coder_id=c.id))
        article_codes = len(project.annotations.document_codes(coder_id=c.id))
        status = counts.get(c.id, {})
        coder_facts.append(
            CoderFacts(
                c.name,
                c.role,
                sum(status.values()),
                status.get("done", 0),
                spans,
                article_codes,
                int(sample_coders.get(c.id, 0)),
            )
        )
    return AppendixFacts(
        project=project.name,
        file_name=project.path.name,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        codebook=project.codes.codebook().name,
        codebook_version=project.codes.codebook_version(),
        codes=sum(1 for c in project.codes.codebook().codes if not c.archived),
        archived_codes=sum(1 for c in project.codes.codebook().codes if c.archived),
        codebook_changes=len(project.codes.codebook_changes()),
        codebook_diff=[
            (c.version, c.at, c.description, c.code_path)
            for c in codebook_diff(project, 1, project.codes.codebook_version())
        ],
        population=len([d for d in all_docs if d not in training_docs]),
        training_documents=len(training_docs),
        batches=len(project.batches()),
        draws=project.training.draws(),
        coder_names=names,
        hidden_checks=len(project.training.hidden_checks()),
        report=report,
        threshold=threshold,
        coders=coder_facts,
        rounds=_rounds(project, names),
        coded_by_all=sum(1 for who in coded.values() if ids <= set(who)),
        missing_by_coder={c.name: sum(1 for who in coded.values() if c.id not in who) for c in chosen},
        software=software_versions(),
        models=[
            ModelRecord(m.id, m.name, m.version, m.kind, m.created_at, dict(m.provenance))
            for m in project.models.models()
        ],
        rules_evaluation=rules_evaluation(project),
    )


def write_appendix(
    project: Project,
    target: Path,
    *,
    unit: str = "document",
    coders: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    bootstrap: int = 1000,
    seed: int = 1,
    threshold: float = 0.667,
    state: TaskState = NULL_STATE,
) -> AppendixFacts:
    """Gather and write the appendix; the format follows ``target``'s suffix."""
    suffix = Path(target).suffix.lower()
    if suffix not in FORMATS:
        raise AnnotatorError(f"Write the appendix to a .html, .md or .docx file, not {Path(target).name}.")
    facts = gather(
        project,
        unit=unit,
        coders=coders,
        codes=codes,
        bootstrap=bootstrap,
        seed=seed,
        threshold=threshold,
        state=state,
    )
    if suffix == ".docx":
        write_bytes(Path(target), appendix_docx(facts))
    else:
        write_text(Path(target), TEXT_FORMATS[suffix](facts))
    return facts


def _rounds(project: Project, names: dict[str, str]) -> list[RoundFacts]:
    cb = project.codes.codebook()
    standing = {s.name: s.coders for s in training_status(project)}
    out = []
    for r in project.training.rounds():
        latest: dict[str, str] = {}
        lowest: dict[str, float | None] = {}
        for res in project.training.results(r.id):
            who = names.get(res.coder_id, "?")
            if res.scored_at != latest.get(who):
                latest[who], lowest[who] = res.scored_at, None
            if res.alpha is not None:
                low = lowest[who]
                lowest[who] = res.alpha if low is None else min(low, res.alpha)
        out.append(
            RoundFacts(
                r.name,
                r.created_at,
                r.threshold,
                r.unit,
                len(r.documents),
                [cb.path(v) for v in r.variables if cb.get(v)],
                names.get(r.gold_coder_id, "?"),
                standing.get(r.name, {}),
                lowest,
                latest,
            )
        )
    return out
