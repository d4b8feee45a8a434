"""spaCy DocBin (``.spacy``): one Doc per document, for training models.

Ready for ``spacy train``: the chosen source's spans (one coder, the
adjudicated gold or the majority, see :mod:`training_source`) are the span
group ``sc`` (the key is an option), and article-level codes are ``doc.cats``,
0 or 1 per code from the same source. Each coder's own spans are kept too, as a
span group named after the coder (labels are code paths, ``kb_id`` the code
id). A span is widened to whole tokens (``alignment_mode="expand"``), so the
exact character offsets, notes and ids of every coder are kept in
``doc.user_data["annotator"]``, from which an import restores them. Older
exports (coder groups only, cats as shares) import the same way.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from annotator.core.errors import ExchangeError, InvalidSpan
from annotator.core.models import ORIGINS, Annotation, Code, Coder, Document, DocumentCode, Origin
from annotator.core.output_files import atomic_path, write_text
from annotator.core.safe_open import read_regular
from annotator.core.spans import check_span
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import (
    ImportResult,
    ProjectData,
    Reconciler,
    advance,
    annotation_id,
    plain_metadata,
)
from annotator.exchange.spacy_config import training_config
from annotator.exchange.tabular import code_rows
from annotator.exchange.textmap import OffsetMap
from annotator.exchange.training_source import choose

if TYPE_CHECKING:
    from spacy.language import Language

USER_DATA_KEY = "annotator"
# What one .spacy file may hold. Our own export of a project of 5,000 articles
# is about 400 MB decompressed; Doc objects take several times their tokens'
# bytes, so the limits keep a hostile file's cost to a few hundred MB.
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_DECOMPRESSED = 512 * 1024 * 1024
MAX_DOCS = 100_000
MAX_DOC_TOKENS = 1_000_000  # spaCy's own max_length is a million characters


def output_path(out: Path) -> Path:
    return out if out.suffix.lower() == ".spacy" else out / "annotations.spacy"


def dev_path(out: Path) -> Path:
    """Where the held-out documents go with ``dev_share``: beside the file."""
    path = output_path(out)
    return path.with_name(f"{path.stem}-dev.spacy")


def split_documents(n: int, dev_share: float, seed: int = 0) -> set[int]:
    """The indexes of the documents held out: a seeded draw of ``dev_share`` of
    them (at least one when there is a share and two documents)."""
    import random

    if not 0.0 <= dev_share < 1.0:
        raise ExchangeError(f"The dev share must be at least 0 and below 1, not {dev_share}.")
    if dev_share == 0.0 or n < 2:
        return set()
    k = min(n - 1, max(1, round(n * dev_share)))
    return set(random.Random(seed).sample(range(n), k))


def span_group_names(coders: list[Coder]) -> dict[str, str]:
    """Span group name per coder id: the coder's name, made unique."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for c in coders:
        name = c.name or c.id
        if name in used:
            name = f"{name} ({c.id[:8]})"
        used.add(name)
        names[c.id] = name
    return names


def _tokenizers(nlp: Language | None, pipeline: str | None):
    import spacy

    if nlp is None and pipeline:
        try:
            nlp = spacy.load(pipeline, exclude=["tagger", "parser", "ner", "lemmatizer", "attribute_ruler"])
        except OSError as e:
            raise ExchangeError(f"The spaCy pipeline {pipeline!r} is not installed.") from e
    blanks: dict[str, Language] = {}

    def for_language(lang: str) -> Language:
        if nlp is not None:
            return nlp
        if lang not in blanks:
            try:
                blanks[lang] = spacy.blank(lang or "xx")
            except (ImportError, KeyError, ValueError):
                blanks[lang] = spacy.blank("xx")
        return blanks[lang]

    return for_language


def export_docbin(
    data: ProjectData,
    out: Path,
    *,
    state: TaskState = NULL_STATE,
    nlp: Language | None = None,
    pipeline: str | None = None,
    source: str = "majority",
    spans_key: str = "sc",
    config: Path | None = None,
    dev_share: float = 0.0,
    seed: int = 0,
) -> list[Path]:
    """Write a DocBin; ``nlp`` (or the installed ``pipeline`` by name) gives the
    tokenizer, otherwise a blank pipeline for each document's language.
    ``source`` picks the spans under ``spans_key`` and the cats; ``dev_share``
    of the documents (a draw seeded with ``seed``) go to a second file beside
    it, and ``config`` is where a ``spacy train`` config for the two is written."""
    from spacy.tokens import DocBin

    spans_key = spans_key.strip()
    if not spans_key:
        raise ExchangeError("The span key must not be empty.")
    path = output_path(out)
    dev = dev_path(out)
    held_out = split_documents(len(data.documents), dev_share, seed)
    chosen = choose(data, source)
    path.parent.mkdir(parents=True, exist_ok=True)
    tokenizer_for = _tokenizers(nlp, pipeline)
    groups = span_group_names(data.coders)
    for coder_id, name in groups.items():
        if name == spans_key:  # the coder keeps their group under another name
            groups[coder_id] = f"{name} ({coder_id[:8]})"
    coders = [{"id": c.id, "name": c.name, "color": c.color, "role": c.role} for c in data.coders]
    codes = list(code_rows(data))
    by_doc: dict[str, list[Annotation]] = {}
    for a in data.live_annotations():
        by_doc.setdefault(a.document_id, []).append(a)
    doc_codes: dict[str, list[DocumentCode]] = {}
    for dc in data.document_codes:
        doc_codes.setdefault(dc.document_id, []).append(dc)
    document_leaves = [c for c in data.codebook.leaves(scope="document", include_archived=True)]
    train_bin = DocBin(store_user_data=True)
    dev_bin = DocBin(store_user_data=True)
    span_lengths: list[int] = []
    train_spans = 0
    doc_lengths: list[int] = []  # of the training documents
    langs: dict[str, int] = {}
    total = len(data.documents)
    for i, d in enumerate(data.documents):
        tokenizer = tokenizer_for(d.language)
        langs[tokenizer.lang] = langs.get(tokenizer.lang, 0) + 1
        doc = tokenizer.make_doc(d.text)
        spans: dict[str, list] = {name: [] for name in groups.values()}
        for a in by_doc.get(d.id, []):
            span = doc.char_span(
                a.start,
                a.end,
                label=data.codebook.path(a.code_id),
                kb_id=a.code_id,
                alignment_mode="expand",
            )
            if span is not None and len(span):
                spans.setdefault(groups.get(a.coder_id, a.coder_id), []).append(span)
        training: list = []
        seen: set[tuple[int, int, str]] = set()
        for start, end, code_id in chosen.spans.get(d.id, []):
            span = doc.char_span(
                start, end, label=data.codebook.path(code_id), kb_id=code_id, alignment_mode="expand"
            )
            # two character spans can widen to the same tokens
            if span is not None and len(span) and (span.start, span.end, code_id) not in seen:
                seen.add((span.start, span.end, code_id))
                training.append(span)
                span_lengths.append(len(span))
        spans[spans_key] = training
        if i not in held_out:
            train_spans += len(training)
            doc_lengths.append(len(doc))
        for name, group in spans.items():
            doc.spans[name] = group
        given = doc_codes.get(d.id, [])
        if d.id in chosen.cats:
            cats = {data.codebook.path(c.id): 0.0 for c in document_leaves}
            for code_id, value in chosen.cats[d.id].items():
                cats[data.codebook.path(code_id)] = value
            doc.cats = cats
        doc.user_data[USER_DATA_KEY] = _user_data(data, d, coders, codes, by_doc.get(d.id, []), given)
        (dev_bin if i in held_out else train_bin).add(doc)
        advance(state, i + 1, total)
    if config is not None and not span_lengths:
        raise ExchangeError(f"The {source} source has no spans to train on, so nothing was written.")
    written = [path]
    with atomic_path(path) as building:
        train_bin.to_disk(building)
    if held_out:
        with atomic_path(dev) as building:
            dev_bin.to_disk(building)
        written.append(dev)
    if config is not None:
        lang = max(langs, key=lambda k: langs[k]) if langs else "xx"
        text = training_config(
            lang=lang,
            spans_key=spans_key,
            span_lengths=span_lengths,
            train_spans=train_spans,
            doc_lengths=doc_lengths,
            with_cats=any(chosen.cats.values()),
            train=path,
            dev=dev if held_out else path,
        )
        written.append(write_text(config, text))
    return written


def _user_data(
    data: ProjectData,
    d: Document,
    coders: list[dict[str, Any]],
    codes: list[dict[str, Any]],
    annotations: list[Annotation],
    given: list[DocumentCode],
) -> dict[str, Any]:
    return {
        "version": 1,
        "document": {
            "id": d.id,
            "title": d.title,
            "outlet": d.outlet,
            "author": d.author,
            "published": d.published,
            "url": d.url,
            "language": d.language,
            "metadata": plain_metadata(d.metadata),
        },
        "coders": coders,
        "codes": codes,
        "annotations": [
            {
                "id": a.id,
                "coder_id": a.coder_id,
                "code_id": a.code_id,
                "start": a.start,
                "end": a.end,
                "note": a.note,
                "origin": a.origin,
                "link": a.link or "",
                "created_at": a.created_at,
                "updated_at": a.updated_at,
            }
            for a in annotations
        ],
        "document_codes": [
            {
                "coder_id": dc.coder_id,
                "code_id": dc.code_id,
                "value": dc.value,
                "note": dc.note,
                "updated_at": dc.updated_at,
            }
            for dc in given
        ],
    }


# --- import ------------------------------------------------------------------


def _check_contents(raw: bytes, name: str) -> None:
    """DocBin decompresses the whole file and makes each document at once, so
    its counts are checked first: zeros compress a thousand to one, and a 160 KB
    file can declare one document of ten million tokens (gigabytes once made)."""
    import numpy
    import srsly

    d = zlib.decompressobj()
    try:
        out = d.decompress(raw, MAX_DECOMPRESSED)
    except zlib.error as e:
        raise ExchangeError(f"{name} is not a spaCy DocBin file (it is not zlib-compressed).") from e
    if d.unconsumed_tail:
        raise ExchangeError(
            f"{name} decompresses to more than {MAX_DECOMPRESSED >> 20} MB, more than this "
            "program reads from one .spacy file; split it into smaller ones."
        )
    try:
        msg = srsly.msgpack_loads(out)
        lengths = numpy.frombuffer(msg["lengths"], dtype="int32")
        n_attrs = len(msg["attrs"])
        n_tokens = len(msg["tokens"]) // 8
    except Exception as e:  # msgpack and numpy raise many types on damaged input
        raise ExchangeError(f"{name} is not a readable spaCy DocBin file ({type(e).__name__}).") from e
    del out, msg
    if len(lengths) > MAX_DOCS:
        raise ExchangeError(
            f"{name} holds {len(lengths):,} documents, more than the {MAX_DOCS:,} read from one "
            ".spacy file; split it into smaller ones."
        )
    if len(lengths) and (lengths.min() < 0 or int(lengths.max()) > MAX_DOC_TOKENS):
        raise ExchangeError(
            f"{name} declares a document of {int(lengths.max()):,} tokens, more than the "
            f"{MAX_DOC_TOKENS:,} of any article; it was not read."
        )
    if n_attrs == 0 or int(lengths.sum(dtype="int64")) * n_attrs != n_tokens:
        raise ExchangeError(f"{name} is not a readable spaCy DocBin file (its token counts do not add up).")


def _documents(docbin: Any, vocab: Any, name: str) -> Any:
    """The documents one at a time (a list of them all would hold every token
    at once), a damaged one reported in one sentence."""
    docs = docbin.get_docs(vocab)
    while True:
        try:
            doc = next(docs)
        except StopIteration:
            return
        except Exception as e:  # spaCy raises many types on damaged input
            raise ExchangeError(f"{name} is not a readable spaCy DocBin file ({type(e).__name__}).") from e
        yield doc


def import_docbin(path: Path, *, existing: ProjectData | None = None) -> ImportResult:
    """Read a ``.spacy`` file: our own exports exactly (from ``user_data``),
    any other DocBin from its span groups (group = coder, label = code path) and
    ``doc.cats`` (a score of at least 0.5 counts as the code given)."""
    import spacy
    from spacy.tokens import DocBin

    raw = read_regular(path, MAX_FILE_BYTES, error=ExchangeError, shown=path.name)  # no links, no devices
    _check_contents(raw, path.name)
    try:
        docbin = DocBin().from_bytes(raw)
    except Exception as e:  # msgpack and spaCy raise many types on damaged input
        raise ExchangeError(f"{path.name} is not a readable spaCy DocBin file ({type(e).__name__}).") from e
    del raw
    docs = _documents(docbin, spacy.blank("xx").vocab, path.name)

    rec = Reconciler(existing)
    warnings: list[str] = []
    annotations: list[Annotation] = []
    document_codes: list[DocumentCode] = []
    for n, doc in enumerate(docs, 1):
        where = f"{path.name} doc {n}"
        offsets = OffsetMap(doc.text)
        if not offsets.text:
            warnings.append(f"{where}: skipped, the document has no text.")
            continue
        ours = doc.user_data.get(USER_DATA_KEY) if isinstance(doc.user_data, dict) else None
        meta = dict(ours.get("document") or {}) if isinstance(ours, dict) else {}
        document = rec.document(
            Document(
                text=offsets.text,
                title=str(meta.get("title") or ""),
                outlet=str(meta.get("outlet") or ""),
                author=str(meta.get("author") or ""),
                published=str(meta.get("published") or ""),
                url=str(meta.get("url") or ""),
                language=str(meta.get("language") or doc.lang_ or "en"),
                metadata=plain_metadata(dict(meta.get("metadata") or {})),  # msgpack gave tuples for lists
            )
        )
        if offsets.text != doc.text:
            warnings.append(
                f"{where}: the text was normalised (NFC, \\n line endings) and the offsets moved with it."
            )
        if isinstance(ours, dict):
            _read_ours(ours, document, offsets, rec, annotations, document_codes, warnings, where)
        else:
            _read_foreign(doc, document, offsets, rec, annotations, document_codes, warnings, where)
    return ImportResult(rec.project_data(annotations, document_codes), warnings)


def _read_ours(
    ours: dict[str, Any],
    document: Document,
    offsets: OffsetMap,
    rec: Reconciler,
    annotations: list[Annotation],
    document_codes: list[DocumentCode],
    warnings: list[str],
    where: str,
) -> None:
    coders = {str(c["id"]): c for c in ours.get("coders", ()) if isinstance(c, dict) and c.get("id")}
    codes: dict[str, Code] = {}
    for r in ours.get("codes", ()):
        if isinstance(r, dict) and r.get("code_id") and r.get("name"):
            codes[str(r["code_id"])] = Code(
                name=str(r["name"]),
                id=str(r["code_id"]),
                parent_id=str(r.get("parent_id") or "") or None,
                description=str(r.get("description") or ""),
                color=str(r.get("color") or "#888888"),
                shortcut=str(r.get("shortcut") or ""),
                scope="document" if r.get("scope") == "document" else "span",
                order=int(r.get("order") or 0),
                exclusive=bool(r.get("exclusive")),
                archived=bool(r.get("archived")),
            )

    def code(code_id: str) -> Code | None:
        c = codes.get(code_id)
        chain = []
        while c is not None and c.id not in chain:
            chain.append(c.id)
            rec.code(c)
            c = codes.get(c.parent_id) if c.parent_id else None
        return rec.existing_code(code_id)

    def coder(coder_id: str) -> Coder:
        c = coders.get(coder_id, {})
        role = "adjudicator" if c.get("role") == "adjudicator" else "coder"
        return rec.coder(
            str(c.get("name") or coder_id), coder_id, color=str(c.get("color") or "#4477aa"), role=role
        )

    for r in ours.get("annotations", ()):
        try:
            start, end = offsets.span(int(r["start"]), int(r["end"]))
            check_span(start, end, len(document.text))
        except (KeyError, TypeError, ValueError, IndexError, InvalidSpan):
            warnings.append(f"{where}: skipped an annotation with bad offsets.")
            continue
        c = code(str(r.get("code_id")))
        if c is None:
            warnings.append(
                f"{where}: skipped an annotation whose code {r.get('code_id')!r} is not in the file."
            )
            continue
        origin = cast(Origin, r.get("origin")) if r.get("origin") in ORIGINS else "imported"
        annotations.append(
            Annotation(
                document_id=document.id,
                coder_id=coder(str(r.get("coder_id"))).id,
                code_id=c.id,
                start=start,
                end=end,
                id=str(r.get("id") or ""),
                quote=document.text[start:end],
                note=str(r.get("note") or ""),
                origin=origin,
                created_at=str(r.get("created_at") or ""),
                updated_at=str(r.get("updated_at") or ""),
                link=str(r.get("link") or "") or None,
            )
        )
        annotations[-1].id = annotations[-1].id or annotation_id(annotations[-1])
    for r in ours.get("document_codes", ()):
        c = code(str(r.get("code_id")))
        if c is None:
            warnings.append(
                f"{where}: skipped an article-level code {r.get('code_id')!r} that is not in the file."
            )
            continue
        document_codes.append(
            DocumentCode(
                document_id=document.id,
                coder_id=coder(str(r.get("coder_id"))).id,
                code_id=c.id,
                value=str(r.get("value") or "1"),
                note=str(r.get("note") or ""),
                updated_at=str(r.get("updated_at") or ""),
            )
        )


def _read_foreign(
    doc,
    document: Document,
    offsets: OffsetMap,
    rec: Reconciler,
    annotations: list[Annotation],
    document_codes: list[DocumentCode],
    warnings: list[str],
    where: str,
) -> None:
    groups = dict(doc.spans)
    if not groups and doc.ents:
        groups = {"entities": list(doc.ents)}
        warnings.append(f"{where}: no span groups, so the named entities were read as coder 'entities'.")
    for name, group in groups.items():
        coder = rec.coder(str(name))
        for span in group:
            if not span.label_:
                continue
            start, end = offsets.span(span.start_char, span.end_char)
            if end <= start:
                continue
            code = rec.code_by_path([p for p in span.label_.split("/") if p] or [span.label_])
            ann = Annotation(
                document_id=document.id,
                coder_id=coder.id,
                code_id=code.id,
                start=start,
                end=end,
                quote=document.text[start:end],
                origin="imported",
            )
            ann.id = annotation_id(ann)
            annotations.append(ann)
    if doc.cats:
        coder = rec.coder("spaCy categories")
        for label, score in doc.cats.items():
            if score >= 0.5:
                code = rec.code_by_path([p for p in label.split("/") if p] or [label], scope="document")
                document_codes.append(
                    DocumentCode(document_id=document.id, coder_id=coder.id, code_id=code.id)
                )
