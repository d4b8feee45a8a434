"""WebAnno TSV 3.3 in and out, laid out as INCEpTION's project export:
``annotation/<document>/<coder>.tsv`` in a folder or a zip.

Spans become annotations of the span layer ``webanno.custom.Code`` with the
features ``label`` (the code's path), ``codeId``, ``coder``, ``note`` and ``link``
(shared by the parts of a discontinuous span); to import the files into
INCEpTION, create that layer with those five string features first (or import the UIMA CAS XMI export, which carries its type
system). TSV has no place for article-level codes, so they stay behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from annotator.core.errors import ExchangeError
from annotator.core.models import Annotation, Document, Segmentation
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange import inception_layout as layout
from annotator.exchange.bundle import ImportResult, ProjectData, Reconciler, annotation_id
from annotator.exchange.inception_tokens import Segments, segmenter
from annotator.exchange.textmap import OffsetMap
from annotator.exchange.webanno_tsv3 import Layer, SpanAnnotation, TsvDocument, read_tsv, write_tsv

EXT = "tsv"
CODE_TYPE = "webanno.custom.Code"
# "link" joins the fragments of a discontinuous span
CODE_LAYER = Layer(CODE_TYPE, ("label", "codeId", "coder", "note", "link"))
DEFAULT_CODER = "INCEpTION"


def export_webanno_tsv(
    data: ProjectData,
    out: Path,
    *,
    state: TaskState = NULL_STATE,
    segmentations: Mapping[str, Segmentation] | None = None,
) -> list[Path]:
    """A TSV file per document and coder (a bare one for a document nobody
    coded) and the codebook file, into the folder or ``.zip`` ``out``. ``segmentations`` (document id to the
    project's stored segments) gives the tokens and sentences; a document
    without them is segmented by a blank spaCy pipeline."""
    members = layout.members(data, EXT)
    by_doc_coder: dict[tuple[str, str], list[Annotation]] = {}
    for a in data.live_annotations():
        by_doc_coder.setdefault((a.document_id, a.coder_id), []).append(a)
    segment = segmenter(segmentations)

    def files() -> Iterator[tuple[str, bytes]]:
        yield layout.CODES_FILE, layout.codes_file(data)
        last: tuple[str, Segments] | None = None
        for m in members:
            if last is None or last[0] != m.document.id:  # a document's files are consecutive
                last = (m.document.id, segment(m.document))
            seg = last[1]
            anns = by_doc_coder.get((m.document.id, m.coder.id), []) if m.coder else []
            coder = m.coder.name if m.coder else ""
            spans = [
                SpanAnnotation(
                    a.start,
                    a.end,
                    [
                        layout.code_label(data, a.code_id),
                        a.code_id,
                        coder,
                        _one_kind_of_newline(a.note),
                        a.link,
                    ],
                )
                for a in anns
            ]
            content = write_tsv(m.document.text, seg.tokens, seg.sentences, CODE_LAYER, spans)
            yield m.name, content.encode("utf-8")

    return layout.write_export(out, files(), len(members) + 1, state=state)


def import_webanno_tsv(path: Path, *, existing: ProjectData | None = None) -> ImportResult:
    """Read a folder or zip in INCEpTION's layout, or one ``.tsv`` file. The
    coder is the ``coder`` feature, else the file's name (INCEpTION names it
    after the user); other span layers become codes named after the layer and
    value; relations and chains are skipped with a warning."""
    rec = Reconciler(existing)
    warnings: list[str] = []
    annotations: list[Annotation] = []
    with layout.open_input(path, EXT, "WebAnno TSV") as files:
        codes = layout.CodeFinder(files, rec, warnings)
        for name in files.names:
            if not name.lower().endswith(f".{EXT}"):
                continue
            try:
                content = files.read(name).decode("utf-8-sig")
            except UnicodeDecodeError as e:
                raise ExchangeError(f"{name} is not UTF-8 text (byte {e.start}).") from e
            tsv = read_tsv(content, name)
            for skipped in tsv.skipped_layers:
                warnings.append(f"{name}: the relation or chain layer {skipped} was skipped.")
            offsets = OffsetMap(tsv.text)
            doc_name, user = layout.locate(name)
            if not offsets.text.strip():
                raise ExchangeError(f"{name} holds no text.")
            found = Document(
                text=offsets.text,
                source_path=f"{path}!{name}" if path.is_file() and path.suffix.lower() == ".zip" else name,
                raw=tsv.text if tsv.text != offsets.text else None,
            )
            found.title = layout.title(doc_name, found.id)
            document = rec.document(found)
            for span in tsv.annotations:
                values = dict(zip(_features(tsv, span.layer), span.values, strict=False))
                if span.layer == CODE_TYPE:
                    code_id, label = values.get("codeId") or "", values.get("label") or ""
                else:
                    short = span.layer.rsplit(".", 1)[-1]
                    first = next((v for v in span.values if v), None)
                    code_id, label = "", f"{short}{layout.PATH_SEP}{first}" if first else short
                coder_name = values.get("coder") or user or DEFAULT_CODER
                start, end = offsets.span(span.start, span.end)
                if end <= start:
                    warnings.append(f"{name}: skipped an empty annotation at {span.start}.")
                    continue
                code = codes.code(code_id, label, "span", name)
                coder = rec.coder(coder_name)
                ann = Annotation(
                    document_id=document.id,
                    coder_id=coder.id,
                    code_id=code.id,
                    start=start,
                    end=end,
                    quote=document.text[start:end],
                    note=values.get("note") or "",
                    origin="imported",
                    link=values.get("link") or None,
                )
                ann.id = annotation_id(ann)
                annotations.append(ann)
    return ImportResult(rec.project_data(annotations, []), warnings)


def _one_kind_of_newline(note: str) -> str:
    # TSV escapes "\n" in values but not "\r", which Java readers take as a line end
    return note.replace("\r\n", "\n").replace("\r", "\n")


def _features(tsv: TsvDocument, layer: str) -> tuple[str, ...]:
    return next((lay.features for lay in tsv.layers if lay.type_name == layer), ())
