"""Agreement use cases: gather reliability data from the project and hand it to
the engine in ``annotator.agreement``; matrix files go through ``annotator.reporting``
(no statistics here, no SQL)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from annotator import __version__
from annotator.agreement import AgreementReport, CodingData, compute_report, matrix_report, unit_data
from annotator.agreement.alt_test import EPSILON
from annotator.agreement.reliability_data import SEGMENT_UNITS, AnnotationColumns
from annotator.core.errors import AnnotatorError
from annotator.core.models import Coder
from annotator.core.task import NULL_STATE, TaskState
from annotator.reporting import export_matrix, read_matrix_csv, write_report
from annotator.services.codebook_versions import version_parameters, versions_warning
from annotator.services.projects import find_coders
from annotator.store.agreement_rows import reliability_rows, unit_segmentations
from annotator.store.project import Project


@dataclass(frozen=True)
class AgreementDefaults:
    """What the window's dashboard and `annotator agreement` compute when not
    told otherwise, so one project gives one set of figures. The document unit
    works on every project (no segmentation needed) and includes the
    article-level variables; a paper needs alpha's interval, and the fixed seed
    makes it reproducible."""

    unit: str = "document"
    bootstrap: int = 1000
    seed: int = 1


AGREEMENT_DEFAULTS = AgreementDefaults()


def coding_data(
    project: Project,
    coders: Sequence[Coder],
    *,
    batch: str | None = None,
    segments: bool = True,
    unit: str | None = None,
    documents: Sequence[str] | None = None,
    include_training: bool = False,
) -> CodingData:
    """The reliability sample of ``coders`` (see ``_sample``)."""
    data, _ = _sample(
        project,
        coders,
        batch=batch,
        segments=segments,
        unit=unit,
        documents=documents,
        include_training=include_training,
    )
    return data


def _sample(
    project: Project,
    coders: Sequence[Coder],
    *,
    batch: str | None = None,
    segments: bool = True,
    unit: str | None = None,
    documents: Sequence[str] | None = None,
    include_training: bool = False,
) -> tuple[CodingData, dict[int | None, int]]:
    """The reliability sample of ``coders``: the documents that at least two of
    them coded. A coder counts as having coded a document when they marked it
    done or left any annotation or article-level code on it; elsewhere their
    values are missing, not "absent". With a segment ``unit``, only that unit's
    boundaries are read.

    Training-round articles are certification material, not part of the
    study's reliability sample: they are left out unless ``include_training``,
    or unless ``documents`` names the articles to use. Also returns the number
    of compared codings per codebook version, counted in the same pass."""
    if len(coders) < 2:
        raise AnnotatorError("Agreement needs at least two coders; name them with --coders.")
    ids = [c.id for c in coders]
    batch_id = project.find_batch(batch).id if batch else None
    codebook = project.codes.codebook()
    found = reliability_rows(project.db, ids, [c.id for c in codebook.codes], batch_id=batch_id)
    spans = found.spans
    coded = np.zeros((len(found.documents), len(ids)), dtype=bool)
    coded[spans.doc, spans.coder] = True
    coded[found.done] = True
    doc_ix = {d: i for i, d in enumerate(found.documents)}
    coder_ix = {c: i for i, c in enumerate(ids)}
    for dc in found.document_codes:
        coded[doc_ix[dc.document_id], coder_ix[dc.coder_id]] = True
    in_sample = (coded.sum(axis=1) >= 2) & _allowed(project, found.documents, documents, include_training)
    if not in_sample.any():
        raise AnnotatorError("No document has been coded by two or more of these coders yet.")
    rows = np.flatnonzero(in_sample)
    sample = tuple(found.documents[i] for i in rows.tolist())
    keep = in_sample[spans.doc]
    position = np.cumsum(in_sample) - 1  # a document's place in the sample
    annotations = AnnotationColumns(
        sample,
        tuple(ids),
        tuple(c.id for c in codebook.codes),
        position[spans.doc[keep]],
        spans.coder[keep],
        spans.code[keep],
        spans.start[keep],
        spans.end[keep],
    )
    kept = set(sample)
    versions = _version_counts(
        spans.version[keep],
        [
            v
            for dc, v in zip(found.document_codes, found.document_code_versions, strict=True)
            if dc.document_id in kept
        ],
    )
    del spans, found.spans
    if unit in SEGMENT_UNITS:
        segmentations = unit_segmentations(project.db, sample, unit)
    else:
        segmentations = project.documents.segmentations(sample) if segments else {}
    coded = coded[rows]
    # the coders of each document, through the few combinations that occur
    combination = coded @ (1 << np.arange(len(ids)))
    names = {int(m): [ids[j] for j in range(len(ids)) if int(m) >> j & 1] for m in np.unique(combination)}
    coded_by = [names[m] for m in combination.tolist()]
    data = CodingData(
        lengths=dict(zip(sample, found.lengths[rows].tolist(), strict=True)),
        codebook=codebook,
        coded=dict(zip(sample, coded_by, strict=True)),
        annotations=annotations,
        document_codes=[dc for dc in found.document_codes if dc.document_id in kept],
        segmentations=segmentations,
        titles=dict(zip(sample, map(found.titles.__getitem__, rows.tolist()), strict=True)),
        coded_matrix=(tuple(ids), coded),
    )
    return data, versions


def _version_counts(spans: np.ndarray, document_codes: Sequence[int | None]) -> dict[int | None, int]:
    """Codings per codebook version (None: not recorded; ``spans`` stores it as -1)."""
    counts: dict[int | None, int] = {}
    found, n = np.unique(spans, return_counts=True)
    for v, k in zip(found.tolist(), n.tolist(), strict=True):
        counts[None if v < 0 else v] = k
    for v in document_codes:
        counts[v] = counts.get(v, 0) + 1
    return counts


def _allowed(
    project: Project, found: Sequence[str], documents: Sequence[str] | None, include_training: bool
) -> np.ndarray:
    """Which of the ``found`` documents may enter the sample."""
    if documents is not None:
        wanted = set(documents)
    elif include_training:
        return np.ones(len(found), dtype=bool)
    else:
        training = project.training.training_document_ids()
        if not training:
            return np.ones(len(found), dtype=bool)
        return np.fromiter((d not in training for d in found), dtype=bool, count=len(found))
    return np.fromiter((d in wanted for d in found), dtype=bool, count=len(found))


def agreement_report(
    project: Project,
    *,
    unit: str = AGREEMENT_DEFAULTS.unit,
    coders: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    batch: str | None = None,
    bootstrap: int = AGREEMENT_DEFAULTS.bootstrap,
    seed: int | None = AGREEMENT_DEFAULTS.seed,
    levels: dict[str, str] | None = None,
    state: TaskState = NULL_STATE,
    epsilon: float = EPSILON,
) -> AgreementReport:
    """The report of ``coders``; a coder of role ``model`` among them adds the
    model's figures per variable (see ``annotator.agreement.model_rater``)."""
    chosen = find_coders(project, list(coders) if coders else None)
    data, versions = _sample(project, chosen, batch=batch, segments=unit in SEGMENT_UNITS, unit=unit)
    if unit in ("paragraph", "sentence", "token"):
        missing = [d for d in data.lengths if d not in data.segmentations]
        if missing:
            raise AnnotatorError(
                f"{len(missing)} documents have no {unit} segmentation yet; run `annotator nlp PROJECT` first."
            )
    report = compute_report(
        data,
        unit=unit,
        coders=[c.id for c in chosen],
        variables=list(codes) if codes else None,
        levels=levels,
        bootstrap=bootstrap,
        seed=seed,
        coder_names={c.id: c.name for c in chosen},
        state=state,
        model_coders=[c.id for c in chosen if c.role == "model"],
        epsilon=epsilon,
    )
    report.notes += _trained_on_notes(project, chosen, list(data.lengths))
    report.parameters.update(
        {
            "project": project.name,
            "project_file": str(project.path),
            "codebook": project.codes.codebook().name,
            "codebook_version": project.codes.codebook_version(),
            "batch": batch or "all",
            "software": f"Annotator {__version__}",
            "computed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "nlp_pipeline": _segment_models(data),
        }
    )
    _warn_across_versions(report, versions)
    return report


def _warn_across_versions(report: AgreementReport, counts: dict[int | None, int]) -> None:
    """Codings of several codebook versions may not mean the same: the report
    names the versions and their counts, first among its notes."""
    warning = versions_warning(counts)
    if warning:  # a report within one version stays as it was, parameters and all
        report.notes.insert(0, warning)
        report.parameters["codebook_versions"] = version_parameters(counts)
        report.parameters["codebook_version_warning"] = warning


def _trained_on_notes(project: Project, chosen: Sequence[Coder], sample: Sequence[str]) -> list[str]:
    """A model agrees best with the codings it learnt from: say how many of the
    compared documents the model coder (its latest version) was trained on."""
    stored = {m.name for m in project.models.models()}
    out = []
    for c in chosen:
        if c.role != "model" or c.name not in stored:
            continue
        trained_on = set(project.models.latest(c.name).provenance.get("document_ids") or [])
        n = len(trained_on.intersection(sample))
        if n:
            out.append(
                f"{n} of the {len(sample)} compared documents were in the training data of model {c.name}, "
                "so its agreement on them overstates how well it codes new articles."
            )
    return out


REPORT_FORMATS = ("html", "xlsx", "csv", "json")


def write_agreement_report(report: AgreementReport, target: Path, fmt: str) -> Path:
    """Write a computed report as an HTML page, a workbook, CSV or JSON (the
    files `annotator agreement --format` writes), replacing ``target`` only
    once the new file is complete."""
    if fmt not in REPORT_FORMATS:
        raise AnnotatorError(f"Unknown report format {fmt!r}; use one of {', '.join(REPORT_FORMATS)}.")
    if not Path(target).parent.is_dir():
        raise AnnotatorError(f"The folder of {Path(target).name} does not exist; choose another place.")
    try:
        write_report(report, target, fmt)
    except OSError as exc:
        raise AnnotatorError(f"{Path(target).name} cannot be written ({exc.strerror or exc}).") from exc
    return Path(target)


def _segment_models(data: CodingData) -> str:
    return ", ".join(sorted({s.model for s in data.segmentations.values()})) or "none"


def export_reliability_matrix(
    project: Project,
    target: Path,
    *,
    unit: str = AGREEMENT_DEFAULTS.unit,
    coders: Sequence[str] | None = None,
    code: str,
    batch: str | None = None,
    labels: bool = False,
) -> dict[str, Any]:
    """Write one variable's units x coders matrix as CSV (for R irr, SPSS/SAS
    KALPHA, ReCal); returns the legend of category numbers."""
    chosen = find_coders(project, list(coders) if coders else None)
    data = coding_data(project, chosen, batch=batch, segments=unit != "document", unit=unit)
    udata = unit_data(data, unit=unit, coders=[c.id for c in chosen], variables=[code])
    categories = export_matrix(udata, code, target, coder_names=[c.name for c in chosen], labels=labels)
    return {
        "variable": code,
        "units": len(udata.unit_labels()),
        "coders": [c.name for c in chosen],
        "categories": categories,
    }


def matrix_file_report(
    path: Path,
    *,
    level: str = "nominal",
    bootstrap: int = 0,
    seed: int | None = None,
    header: bool | None = None,
    unit_column: bool | None = None,
) -> AgreementReport:
    """Figures for a units x coders CSV; ``header``/``unit_column`` None = guessed.
    How the file was read is kept in the report's parameters (``read_as``, and
    ``layout_guessed``) so every output format records it."""
    m = read_matrix_csv(path, header=header, unit_column=unit_column)
    report = matrix_report(m.values, level, coders=m.coders, bootstrap=bootstrap, seed=seed, name=path.stem)
    report.parameters.update({"read_as": m.description(), "layout_guessed": m.guessed})
    return report
