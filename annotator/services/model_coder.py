"""The model coder (issue 16): train a model from the project's codings, store
it with its provenance in the project file, and let it code documents as a
coder of role ``model``.

Training data come from the human coders only (never from a model coder):
one named coder, the adjudicated gold, or the majority of each document's
coders (``annotator.exchange.training_source``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from annotator import __version__
from annotator.core.codebook import Code, Codebook
from annotator.core.errors import ExchangeError, ModelError
from annotator.core.models import Annotation, Coder, DocumentCode
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange import training_source
from annotator.nlp import model_postprocess
from annotator.nlp.model_coder import Coding, ModelCoder, TrainingDoc, TrainingPlan, train_model
from annotator.services.exchange import project_data
from annotator.services.import_processes import choose_processes
from annotator.store.models_repo import StoredModel
from annotator.store.project import Project

MODEL_KIND = "spacy"
DEFAULT_EPOCHS = 12
CODING_CANCELLED = "Coding was cancelled; the documents coded so far keep the model's codings."


@dataclass
class TrainingSet:
    docs: list[TrainingDoc]
    document_ids: list[str]
    span_codes: list[Code]
    cat_codes: list[Code]
    coders: list[str]  # names of the human coders whose codings were read
    data_hash: str


@dataclass
class CodingReport:
    model: str
    version: int
    coder: str
    documents: int = 0
    spans: int = 0
    document_codes: int = 0
    replaced: int = 0
    refused: list[str] = field(default_factory=list)
    seconds: float = 0.0
    processes: int = 1
    # why fewer processes ran than were asked for; empty when the request stood
    processes_note: str = ""


def batch_documents(project: Project, batches: Sequence[str]) -> list[str]:
    """The documents of ``batches`` (all documents when none is named), in project order."""
    if not batches:
        return project.documents.document_ids()
    out: list[str] = []
    for b in batches:
        out.extend(project.documents.document_ids(batch_id=project.find_batch(b).id))
    return list(dict.fromkeys(out))


def resolve_codes(codebook: Codebook, names: Sequence[str]) -> list[Code]:
    out: list[Code] = []
    for raw in names:
        # a code whose name holds a comma ("self-defence, war on terror") is one name, not two
        whole = codebook.by_path(raw.strip()) is not None or len(codebook.by_name(raw.strip())) == 1
        for name in [raw.strip()] if whole else (n.strip() for n in raw.split(",")):
            if not name:
                continue
            code = codebook.by_path(name)
            if code is None:
                found = codebook.by_name(name)
                if len(found) > 1:
                    raise ModelError(f"Several codes are called {name!r}; give its path, e.g. Group/{name}.")
                code = found[0] if found else None
            if code is None:
                raise ModelError(f"The codebook has no code {name!r}.")
            out.append(code)
    return list({c.id: c for c in out}.values())


def training_set(
    project: Project,
    *,
    source: str = "majority",
    codes: Sequence[str] = (),
    batches: Sequence[str] = (),
) -> TrainingSet:
    """What a model learns from: the chosen codings of the documents of ``batches``."""
    data = project_data(project)
    humans = {c.id for c in data.coders if c.role != "model"}
    wanted_docs = set(batch_documents(project, batches))
    data = data.select(coder_ids=humans, document_ids=wanted_docs)
    try:
        codings = training_source.choose(data, source)
    except ExchangeError as exc:
        raise ModelError(str(exc)) from exc
    codebook = data.codebook
    chosen = resolve_codes(codebook, codes) if codes else []
    if chosen:
        span_codes = [c for c in chosen if c.scope == "span"]
        cat_codes = [c for c in chosen if c.scope == "document"]
    else:
        used_spans = {code for spans in codings.spans.values() for _, _, code in spans}
        used_cats = {code for cats in codings.cats.values() for code, v in cats.items() if v}
        span_codes = [c for c in codebook if c.id in used_spans]
        cat_codes = [c for c in codebook if c.id in used_cats]
    span_ids = {c.id for c in span_codes}
    cat_ids = {c.id for c in cat_codes}
    doc_ids = [d.id for d in data.documents if d.id in codings.spans or d.id in codings.cats]
    if not doc_ids:
        raise ModelError(f"No document of the chosen batches was coded by the training source {source!r}.")
    texts = {d.id: d.text for d in data.documents}
    docs = []
    digest = hashlib.sha256()
    for doc_id in doc_ids:
        spans = [s for s in codings.spans.get(doc_id, []) if s[2] in span_ids]
        cats = codings.cats.get(doc_id)
        cats = {k: v for k, v in cats.items() if k in cat_ids} if cats is not None else None
        docs.append(TrainingDoc(texts[doc_id], spans, cats))
        digest.update(
            json.dumps([doc_id, hashlib.sha256(texts[doc_id].encode()).hexdigest(), spans, cats]).encode()
        )
    names = {c.id: c.name for c in data.coders}
    used = sorted(
        {names[a.coder_id] for a in data.live_annotations()}
        | {names[d.coder_id] for d in data.document_codes}
    )
    return TrainingSet(docs, doc_ids, span_codes, cat_codes, used, digest.hexdigest())


def plan_for(tset: TrainingSet, *, seed: int, epochs: int) -> TrainingPlan:
    return TrainingPlan(
        span_labels=[c.id for c in tset.span_codes],
        cat_labels=[c.id for c in tset.cat_codes],
        seed=seed,
        epochs=epochs,
        # codes named Source, Cue and Content get the attribution rules (model_postprocess)
        span_roles=model_postprocess.roles_from_names({c.id: c.name for c in tset.span_codes}),
    )


def train(
    project: Project,
    *,
    name: str,
    source: str = "majority",
    codes: Sequence[str] = (),
    batches: Sequence[str] = (),
    dev_batches: Sequence[str] = (),
    seed: int = 0,
    epochs: int = DEFAULT_EPOCHS,
    state: TaskState = NULL_STATE,
) -> StoredModel:
    """Train a model on the project's codings and store it as the next version of ``name``.

    ``dev_batches``: documents held out of training whose codings choose the
    epoch kept (early stopping); the model never learns from them."""
    project.models.check_name(name)
    if epochs < 1:
        raise ModelError("A model needs at least one epoch of training.")
    human = project.coder_by_name(name)
    if human is not None and human.role != "model":
        raise ModelError(f"{name!r} is the name of a human coder; give the model another name.")
    tset = training_set(project, source=source, codes=codes, batches=batches)
    dev: list[TrainingDoc] = []
    if dev_batches:
        dev_set = training_set(project, source=source, codes=codes, batches=dev_batches)
        overlap = set(dev_set.document_ids) & set(tset.document_ids)
        if overlap:
            raise ModelError(f"{len(overlap)} documents are in both the training and the dev batches.")
        dev = dev_set.docs
    started = datetime.now(UTC)
    trained = train_model(tset.docs, plan_for(tset, seed=seed, epochs=epochs), dev=dev, state=state)
    codebook = project.codes.codebook()
    provenance: dict[str, Any] = {
        "training_source": source,
        "training_data_sha256": tset.data_hash,
        "document_ids": tset.document_ids,
        "documents": len(tset.document_ids),
        "dev_documents": len(dev),
        "batches": list(batches) or ["all"],
        "dev_batches": list(dev_batches),
        "coders": tset.coders,
        "span_codes": {c.id: codebook.path(c.id) for c in tset.span_codes},
        "document_codes": {c.id: codebook.path(c.id) for c in tset.cat_codes},
        "training_spans": sum(len(d.spans) for d in tset.docs),
        "left_out_overlapping_spans": trained.left_out_spans,
        "codebook": codebook.name,
        "codebook_version": project.codes.codebook_version(),
        "components": trained.components,
        "features": trained.pipeline,
        "spacy_version": trained.spacy_version,
        "seed": seed,
        "epochs": epochs,
        "epochs_run": trained.epochs_run,
        "best_epoch": trained.best_epoch,
        "losses": trained.losses,
        "dev_scores": trained.dev_scores,
        # the rules the model's codings pass through, or None
        "postprocess": trained.postprocess,
        "calibration": trained.calibration,
        "trained_at": started.isoformat(timespec="seconds"),
        "training_seconds": round((datetime.now(UTC) - started).total_seconds(), 1),
        "software": f"Annotator {__version__}",
        "evaluation": {},
    }
    return project.models.add(name, MODEL_KIND, trained.data, provenance)


def load(project: Project, name: str) -> tuple[StoredModel, ModelCoder]:
    stored = project.models.latest(name)
    if stored.kind != MODEL_KIND:
        raise ModelError(f"The model {name!r} is of kind {stored.kind!r}, which this version cannot run.")
    return stored, ModelCoder.from_bytes(project.models.data(stored.id))


def model_coder(project: Project, name: str) -> Coder:
    """The coder the model codes as: of role ``model``, created on first use."""
    coder = project.coder_by_name(name)
    if coder is None:
        return project.add_coder(Coder(name, role="model"))
    if coder.role != "model":
        raise ModelError(f"{name!r} is the name of a human coder, so the model cannot code as {name!r}.")
    return coder


def code_documents(
    project: Project,
    *,
    name: str,
    batches: Sequence[str] = (),
    threshold: float = 0.5,
    processes: int = 1,
    state: TaskState = NULL_STATE,
) -> CodingReport:
    """Code the documents of ``batches`` with the latest version of model ``name``,
    as coder ``name`` (role ``model``): its earlier codings of those documents
    are replaced, every annotation has origin ``model`` and the model's
    ``id@version``, and each document is marked done for that coder."""
    start = datetime.now(UTC)
    stored, coder_model = load(project, name)
    coder = model_coder(project, name)
    report = CodingReport(name, stored.version, coder.id)
    doc_ids = batch_documents(project, batches)
    codebook = project.codes.codebook()
    missing = [c for c in (*coder_model.span_labels, *coder_model.cat_labels) if c not in codebook]
    if missing:
        raise ModelError(
            f"The model {name!r} codes {len(missing)} codes that are no longer in the codebook; train it again."
        )
    report.processes, report.processes_note = choose_processes(processes, trained=True)
    read: dict[str, str] = {}  # texts spaCy has taken and the storing has not yet used

    def texts_of() -> Iterator[str]:
        for d in doc_ids:
            read[d] = project.documents.document_text(d)
            yield read[d]

    # one lazy stream through the model, so that worker processes start once
    all_codings = coder_model.code(texts_of(), processes=report.processes)
    try:
        _store_codings(project, report, doc_ids, all_codings, read, coder, stored, threshold, state)
    finally:
        all_codings.close()  # stops spaCy's worker processes when coding was cancelled
    report.seconds = round((datetime.now(UTC) - start).total_seconds(), 2)
    return report


def _store_codings(
    project: Project,
    report: CodingReport,
    doc_ids: list[str],
    all_codings: Iterator[Coding],
    read: dict[str, str],
    coder: Coder,
    stored: StoredModel,
    threshold: float,
    state: TaskState,
) -> None:
    note = f"model {stored.tag}"
    chunk = 32
    for i in range(0, len(doc_ids), chunk):
        state.check(CODING_CANCELLED)
        ids = doc_ids[i : i + chunk]
        codings = list(islice(all_codings, len(ids)))
        texts = [read.pop(d) for d in ids]  # each text read once, for the model and the quotes
        old = project.annotations.annotations_for(ids, [coder.id])
        incoming = [replace(a, deleted=True) for a in old]
        for doc_id, text, coding in zip(ids, texts, codings, strict=True):
            for s, e, label in coding.spans:
                incoming.append(
                    Annotation(
                        doc_id, coder.id, label, s, e, quote=text[s:e], origin="model", model=stored.tag
                    )
                )
        with project.transaction():
            intake = project.intake.take_annotations(incoming)
            for doc_id, coding in zip(ids, codings, strict=True):
                for code_id, p in coding.cats.items():
                    if p >= threshold:
                        project.annotations.set_document_code(
                            DocumentCode(doc_id, coder.id, code_id, "1", note=note)
                        )
                        report.document_codes += 1
                    else:
                        project.annotations.remove_document_code(doc_id, coder.id, code_id)
                project.workflow.set_status(doc_id, coder.id, "done")
        report.documents += len(ids)
        report.spans += intake.added + intake.merged
        report.replaced += intake.deleted
        report.refused.extend(intake.refused)
        state.set_progress(report.documents, len(doc_ids))


def list_models(project: Project) -> list[StoredModel]:
    return project.models.models()
