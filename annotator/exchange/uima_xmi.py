"""UIMA CAS XMI in and out (through dkpro-cassis), laid out as INCEpTION's
project export: ``annotation/<document>/<coder>.xmi`` with ``TypeSystem.xml``
at the top, in a folder or a zip.

One CAS per document and coder. Spans are ``webanno.custom.Code`` annotations
(features ``label``: the code's path, ``codeId``, ``coder``, ``note``,
``link``: shared by the parts of a discontinuous span);
article-level codes are ``webanno.custom.ArticleCode`` feature structures
without offsets, as INCEpTION's document-metadata layers are (features
``label``, ``codeId``, ``coder``, ``value``, ``note``). Sentences and tokens
use the DKPro Core types INCEpTION expects, and ``DocumentMetaData`` carries
the title. cassis converts between the UTF-16 offsets of the XMI file and
code points.
"""

from __future__ import annotations

import re
import warnings as warnings_module
from collections.abc import Iterator, Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

from annotator.core.errors import ExchangeError
from annotator.core.models import Annotation, Document, DocumentCode, Segmentation
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange import inception_layout as layout
from annotator.exchange.bundle import ImportResult, ProjectData, Reconciler, annotation_id
from annotator.exchange.inception_tokens import segmenter
from annotator.exchange.textmap import OffsetMap
from annotator.exchange.untrusted import parse_xml

EXT = "xmi"
TYPESYSTEM_FILE = "TypeSystem.xml"
CODE_TYPE = "webanno.custom.Code"
ARTICLE_CODE_TYPE = "webanno.custom.ArticleCode"
SENTENCE_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
METADATA_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
NAMED_ENTITY_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
DEFAULT_CODER = "INCEpTION"
# not codings: the text's segmentation and description
_STRUCTURE_TYPES = {
    SENTENCE_TYPE,
    TOKEN_TYPE,
    METADATA_TYPE,
    "uima.tcas.DocumentAnnotation",
    ARTICLE_CODE_TYPE,
}
# what XML 1.0 cannot hold, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def type_system() -> Any:
    from cassis import TypeSystem

    ts = TypeSystem()
    string = "uima.cas.String"
    code = ts.create_type(CODE_TYPE, supertypeName="uima.tcas.Annotation", description="A coded span.")
    for name in ("label", "codeId", "coder", "note", "link"):
        ts.create_feature(code, name, string)
    article = ts.create_type(
        ARTICLE_CODE_TYPE, supertypeName="uima.cas.AnnotationBase", description="An article-level code."
    )
    for name in ("label", "codeId", "coder", "value", "note"):
        ts.create_feature(article, name, string)
    ts.create_type(SENTENCE_TYPE, supertypeName="uima.tcas.Annotation")
    ts.create_type(TOKEN_TYPE, supertypeName="uima.tcas.Annotation")
    meta = ts.create_type(METADATA_TYPE, supertypeName="uima.tcas.DocumentAnnotation")
    for name in ("documentTitle", "documentId", "documentUri", "documentBaseUri", "collectionId"):
        ts.create_feature(meta, name, string)
    ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")
    return ts


def export_xmi(
    data: ProjectData,
    out: Path,
    *,
    state: TaskState = NULL_STATE,
    segmentations: Mapping[str, Segmentation] | None = None,
) -> list[Path]:
    """An XMI file per document and coder (a bare one for a document nobody
    coded), ``TypeSystem.xml`` and the codebook file, into the folder or
    ``.zip`` ``out``. ``segmentations`` (document id to the
    project's stored segments) gives the tokens and sentences; a document
    without them is segmented by a blank spaCy pipeline."""
    for d in data.documents:
        bad = _NOT_XML.search(d.text)
        if bad:
            raise ExchangeError(
                f"{d.title or d.id} contains the character U+{ord(bad.group()):04X}, which XML cannot hold."
            )
    ts = type_system()
    members = layout.members(data, EXT)
    spans: dict[tuple[str, str], list[Annotation]] = {}
    for a in data.live_annotations():
        spans.setdefault((a.document_id, a.coder_id), []).append(a)
    article: dict[tuple[str, str], list[DocumentCode]] = {}
    for dc in data.document_codes:
        if not dc.deleted:
            article.setdefault((dc.document_id, dc.coder_id), []).append(dc)
    segment = segmenter(segmentations)

    def files() -> Iterator[tuple[str, bytes]]:
        yield TYPESYSTEM_FILE, ts.to_xml().encode("utf-8")
        yield layout.CODES_FILE, layout.codes_file(data)
        for m in members:
            key = (m.document.id, m.coder.id if m.coder else "")
            cas = _cas(ts, m.document, segment)
            coder = m.coder.name if m.coder else ""
            code_type, article_type = ts.get_type(CODE_TYPE), ts.get_type(ARTICLE_CODE_TYPE)
            for a in spans.get(key, []):
                label = layout.code_label(data, a.code_id)
                cas.add(
                    code_type(
                        begin=a.start,
                        end=a.end,
                        label=label,
                        codeId=a.code_id,
                        coder=coder,
                        note=a.note or None,
                        link=a.link,
                    )
                )
            for dc in article.get(key, []):
                label = layout.code_label(data, dc.code_id)
                cas.add(
                    article_type(
                        label=label, codeId=dc.code_id, coder=coder, value=dc.value, note=dc.note or None
                    )
                )
            yield m.name, cas.to_xmi().encode("utf-8")

    return layout.write_export(out, files(), len(members) + 2, state=state)


def _cas(ts: Any, doc: Document, segment: Any) -> Any:
    from cassis import Cas

    cas = Cas(typesystem=ts)
    cas.sofa_string = doc.text
    cas.sofa_mime = "text"
    meta = ts.get_type(METADATA_TYPE)
    cas.add(
        meta(
            begin=0,
            end=len(doc.text),
            language=doc.language or "x-unspecified",
            documentTitle=doc.title or None,
            documentId=doc.id,
            documentUri=doc.url or None,
            isLastSegment=False,
        )
    )
    seg = segment(doc)
    sentence, token = ts.get_type(SENTENCE_TYPE), ts.get_type(TOKEN_TYPE)
    cas.add_all([sentence(begin=b, end=e) for b, e in seg.sentences])
    cas.add_all([token(begin=b, end=e) for b, e in seg.tokens])
    return cas


# --- import ------------------------------------------------------------------


def import_xmi(path: Path, *, existing: ProjectData | None = None) -> ImportResult:
    """Read a folder or zip in INCEpTION's layout, or one ``.xmi`` file with
    ``TypeSystem.xml`` beside it. The coder is the ``coder`` feature, else the
    file's name (INCEpTION names it after the user). Named entities and other
    ``webanno.custom`` span layers become codes named after the layer and value."""
    from cassis import load_cas_from_xmi, load_typesystem

    rec = Reconciler(existing)
    warnings: list[str] = []
    annotations: list[Annotation] = []
    document_codes: list[DocumentCode] = []
    type_systems: dict[str, Any] = {}
    with layout.open_input(path, EXT, "UIMA CAS XMI") as files:
        codes = layout.CodeFinder(files, rec, warnings)
        for name in files.names:
            if not name.lower().endswith(f".{EXT}"):
                continue
            ts_name = files.find(TYPESYSTEM_FILE, near=name)
            if ts_name is None:
                raise ExchangeError(f"{name} has no {TYPESYSTEM_FILE} beside it or above it.")
            if ts_name not in type_systems:
                content = files.read(ts_name)
                parse_xml(content, ts_name)  # refuses entities before cassis (lxml) sees the file
                try:
                    type_systems[ts_name] = load_typesystem(BytesIO(content))
                except Exception as e:  # cassis raises many kinds on a broken type system
                    raise ExchangeError(f"{ts_name} is not a readable UIMA type system ({e}).") from e
            ts = type_systems[ts_name]
            content = files.read(name)
            parse_xml(content, name)
            try:
                # lenient: types the type system lacks are skipped, and cassis says which
                with warnings_module.catch_warnings(record=True) as caught:
                    warnings_module.simplefilter("always")
                    cas = load_cas_from_xmi(BytesIO(content), typesystem=ts, lenient=True)
            except Exception as e:  # and many kinds on a broken CAS
                raise ExchangeError(f"{name} is not a readable UIMA CAS XMI file ({e}).") from e
            for message in dict.fromkeys(str(w.message) for w in caught):
                warnings.append(f"{name}: {message.rstrip('!.')}, so it was skipped.")
            raw = cas.sofa_string
            if not isinstance(raw, str) or not raw.strip():
                raise ExchangeError(f"{name} holds no text.")
            offsets = OffsetMap(raw)
            doc_name, user = layout.locate(name)
            meta = _first(cas, ts, METADATA_TYPE)
            found = Document(text=offsets.text, source_path=name, raw=raw if raw != offsets.text else None)
            found.title = _feature(meta, "documentTitle") or layout.title(doc_name, found.id)
            found.url = _feature(meta, "documentUri")
            document = rec.document(found)
            others: dict[str, int] = {}
            for fs in cas.select_all_annotations():
                type_name = fs.type.name
                if type_name in _STRUCTURE_TYPES:
                    continue
                if type_name == CODE_TYPE:
                    code_id, label = _feature(fs, "codeId"), _feature(fs, "label")
                elif type_name == NAMED_ENTITY_TYPE or type_name.startswith("webanno.custom."):
                    short, value = type_name.rsplit(".", 1)[-1], _feature(fs, "value")
                    code_id, label = "", f"{short}{layout.PATH_SEP}{value}" if value else short
                else:
                    others[type_name] = others.get(type_name, 0) + 1
                    continue
                start, end = offsets.span(fs.begin, fs.end)
                if end <= start:
                    warnings.append(f"{name}: skipped an empty {type_name.rsplit('.', 1)[-1]} at {fs.begin}.")
                    continue
                coder = rec.coder(_feature(fs, "coder") or user or DEFAULT_CODER)
                code = codes.code(code_id, label, "span", name)
                ann = Annotation(
                    document_id=document.id,
                    coder_id=coder.id,
                    code_id=code.id,
                    start=start,
                    end=end,
                    quote=document.text[start:end],
                    note=_feature(fs, "note"),
                    origin="imported",
                    link=_feature(fs, "link") or None,
                )
                ann.id = annotation_id(ann)
                annotations.append(ann)
            if ts.contains_type(ARTICLE_CODE_TYPE):
                for fs in cas.select(ARTICLE_CODE_TYPE):
                    coder = rec.coder(_feature(fs, "coder") or user or DEFAULT_CODER)
                    code = codes.code(_feature(fs, "codeId"), _feature(fs, "label"), "document", name)
                    document_codes.append(
                        DocumentCode(
                            document_id=document.id,
                            coder_id=coder.id,
                            code_id=code.id,
                            value=_feature(fs, "value") or "1",
                            note=_feature(fs, "note"),
                        )
                    )
            for type_name, n in sorted(others.items()):
                warnings.append(f"{name}: {n} annotation(s) of the layer {type_name} were not imported.")
    return ImportResult(rec.project_data(annotations, document_codes), warnings)


def _feature(fs: Any, name: str) -> str:
    if fs is None:
        return ""
    try:
        value = fs.get(name)
    except (AttributeError, KeyError, TypeError, ValueError):
        return ""
    return value if isinstance(value, str) else ""


def _first(cas: Any, ts: Any, type_name: str) -> Any:
    if not ts.contains_type(type_name):
        return None
    found = cas.select(type_name)
    return found[0] if found else None
