"""REFI-QDA projects (``.qdpx``): ``project.qde`` plus ``sources/`` in a zip.

Coders are Users, codes keep their GUIDs and colours, each annotation is a
PlainTextSelection holding one Coding by its coder, notes are Notes referenced
from the selection (and its Description), an article-level code is a coding of
a selection of the whole text named ``ARTICLE_LEVEL_NAME`` (a value other than
"1" is kept in the note as ``[value: X]``). Document metadata are
text Variables. Fragments of one discontinuous span are joined by Links.

Positions are code points, the first being 0 (REFI-QDA 1.5, section 10.2);
``endPosition`` is exclusive, as ATLAS.ti, MAXQDA and QualCoder write it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from annotator import __version__
from annotator.core.ids import now_iso
from annotator.core.models import Annotation, DocumentCode
from annotator.core.output_files import atomic_output
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import (
    ProjectData,
    advance,
)
from annotator.exchange.refi_codebook import (
    NS_PROJECT,
    ORIGIN,
    derived_guid,
    element,
    guid_for,
    text_element,
    to_bytes,
    write_codes,
    write_sets,
    xml_datetime,
)

VARIABLES = ("outlet", "published", "url", "author", "language")
LINK_NAME = "Annotator: fragment of one span"
# names the whole-text selection of an article-level code, which import restores as one
ARTICLE_LEVEL_NAME = "Annotator: article-level code"
VALUE_NOTE = re.compile(r"^\[value: (.*?)\](?: (.*))?\Z", re.S)
SELECTION_NAME_LENGTH = 100
MAX_SOURCE_BYTES = 64 * 1024 * 1024  # a news article is a few kB; a book is a few MB


def output_path(out: Path) -> Path:
    return out if out.suffix.lower() == ".qdpx" else out / "project.qdpx"


def _selection_name(quote: str) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= SELECTION_NAME_LENGTH else quote[: SELECTION_NAME_LENGTH - 1] + "…"


def project_xml(
    data: ProjectData, source_guids: dict[str, str], name: str = "", *, unique_code_names: bool = True
) -> bytes:
    ns = NS_PROJECT
    root = element(
        None,
        ns,
        "Project",
        name=name or data.codebook.name or "Annotator project",
        origin=f"{ORIGIN} {__version__}",
        creationDateTime=xml_datetime(now_iso()),
    )
    coder_guid = {c.id: guid_for(c.id) for c in data.coders}
    if data.coders:
        users = element(root, ns, "Users")
        for c in data.coders:
            element(users, ns, "User", guid=coder_guid[c.id], name=c.name, id=c.id)
    if len(data.codebook):
        write_codes(element(root, ns, "CodeBook"), ns, data.codebook, unique_code_names=unique_code_names)
    variables = [v for v in VARIABLES if any(getattr(d, v) for d in data.documents)]
    if variables:
        vars_el = element(root, ns, "Variables")
        for v in variables:
            element(vars_el, ns, "Variable", guid=derived_guid("variable", v), name=v, typeOfVariable="Text")
    notes: list[tuple[str, str, str | None, str, str]] = []  # guid, name, user, written at, text
    links: list[tuple[str, str]] = []
    by_doc: dict[str, list[Annotation]] = {}
    for a in data.live_annotations():
        by_doc.setdefault(a.document_id, []).append(a)
    doc_codes: dict[str, list[DocumentCode]] = {}
    for dc in data.document_codes:
        doc_codes.setdefault(dc.document_id, []).append(dc)
    if data.documents:
        sources = element(root, ns, "Sources")
    for d in data.documents:
        sguid = source_guids[d.id]
        src = element(
            sources,
            ns,
            "TextSource",
            guid=sguid,
            # QualCoder takes what follows the name's last dot as the file type; import strips .txt
            name=f"{d.title or f'Document {d.id[:8]}'}.txt",
            plainTextPath=f"internal://{sguid}.txt",
            creationDateTime=xml_datetime(d.added_at),
        )
        fragments: dict[str, list[str]] = {}
        for a in by_doc.get(d.id, []):
            user = coder_guid.get(a.coder_id) or guid_for(a.coder_id)
            aguid = guid_for(a.id)
            sel = element(
                src,
                ns,
                "PlainTextSelection",
                guid=aguid,
                name=_selection_name(d.text[a.start : a.end]),
                startPosition=str(a.start),
                endPosition=str(a.end),
                creatingUser=user,
                creationDateTime=xml_datetime(a.created_at),
                modifyingUser=user if a.updated_at else None,
                modifiedDateTime=xml_datetime(a.updated_at),
            )
            if a.note:  # shown by programs that show no Notes; the import reads it once
                text_element(sel, ns, "Description", a.note)
            coding = element(
                sel,
                ns,
                "Coding",
                guid=derived_guid("coding", a.id),
                creatingUser=user,
                creationDateTime=xml_datetime(a.created_at),
            )
            element(coding, ns, "CodeRef", targetGUID=guid_for(a.code_id))
            if a.note:
                nguid = derived_guid("note", a.id)
                notes.append(
                    (
                        nguid,
                        f"Note on {_selection_name(d.text[a.start : a.end])[:60]}",
                        user,
                        a.updated_at or a.created_at,
                        a.note,
                    )
                )
                element(sel, ns, "NoteRef", targetGUID=nguid)
            if a.link:
                fragments.setdefault(a.link, []).append(aguid)
        for dc in doc_codes.get(d.id, []):
            # a coding of the whole text: QualCoder and others drop a Coding on a TextSource
            user = coder_guid.get(dc.coder_id) or guid_for(dc.coder_id)
            key = ("doccode", d.id, dc.coder_id, dc.code_id)
            note = dc.note if dc.value == "1" else f"[value: {dc.value}]" + (f" {dc.note}" if dc.note else "")
            sel = element(
                src,
                ns,
                "PlainTextSelection",
                guid=derived_guid(*key),
                name=ARTICLE_LEVEL_NAME,
                startPosition="0",
                endPosition=str(len(d.text)),
                creatingUser=user,
                creationDateTime=xml_datetime(dc.updated_at),
            )
            if note:
                text_element(sel, ns, "Description", note)
            coding = element(
                sel,
                ns,
                "Coding",
                guid=derived_guid("coding", *key),
                creatingUser=user,
                creationDateTime=xml_datetime(dc.updated_at),
            )
            element(coding, ns, "CodeRef", targetGUID=guid_for(dc.code_id))
            if note:
                nguid = derived_guid("note", *key)
                notes.append((nguid, "Article-level code note", user, dc.updated_at, note))
                element(sel, ns, "NoteRef", targetGUID=nguid)
        for v in variables:
            value = getattr(d, v)
            if value:
                vv = element(src, ns, "VariableValue")
                element(vv, ns, "VariableRef", targetGUID=derived_guid("variable", v))
                text_element(vv, ns, "TextValue", value)
        for group in fragments.values():
            links.extend((group[0], other) for other in group[1:])
    if notes:
        notes_el = element(root, ns, "Notes")
        exported_at = xml_datetime(now_iso())
        for nguid, name, user, written_at, text in notes:
            # QualCoder's importer needs both the author and the date of every Note
            n = element(
                notes_el,
                ns,
                "Note",
                guid=nguid,
                name=name,
                creatingUser=user,
                creationDateTime=xml_datetime(written_at) or exported_at,
            )
            text_element(n, ns, "PlainTextContent", text)
    if links:
        links_el = element(root, ns, "Links")
        for origin, target in links:
            element(
                links_el,
                ns,
                "Link",
                guid=derived_guid("link", origin, target),
                name=LINK_NAME,
                direction="Associative",
                originGUID=origin,
                targetGUID=target,
            )
    write_sets(root, ns, data.codebook)
    return to_bytes(root)


def export_qdpx(
    data: ProjectData,
    out: Path,
    *,
    state: TaskState = NULL_STATE,
    name: str = "",
    unique_code_names: bool = True,
) -> list[Path]:
    path = output_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    source_guids = {d.id: derived_guid("source", d.id) for d in data.documents}
    total = len(data.documents) + 1
    with atomic_output(path, "wb") as fh:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for i, d in enumerate(data.documents):
                zf.writestr(f"sources/{source_guids[d.id]}.txt", d.text.encode("utf-8"))
                advance(state, i + 1, total)
            zf.writestr(
                "project.qde", project_xml(data, source_guids, name, unique_code_names=unique_code_names)
            )
        advance(state, total, total)
    return [path]
