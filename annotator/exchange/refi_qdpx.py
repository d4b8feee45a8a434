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
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import IO, Any

from lxml import etree

from annotator import __version__
from annotator.core.export_view import DocumentCodings, ExportFacts
from annotator.core.ids import now_iso
from annotator.core.models import Document, DocumentCode
from annotator.core.output_files import atomic_output
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import advance
from annotator.exchange.export_source import ExportSource
from annotator.exchange.refi_codebook import (
    NS_PROJECT,
    ORIGIN,
    derived_guid,
    element,
    guid_for,
    write_codes,
    write_sets,
    xml_datetime,
    xml_text,
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


def _local(el: Any) -> Any:
    """A copy of ``el`` with its tags in no namespace, for writing inside the
    streamed Project element, which declares REFI-QDA's namespace as the
    default: lxml's incremental writer would otherwise declare it again on
    every element it is given (a different, larger file)."""
    out = etree.Element(etree.QName(el.tag).localname, dict(el.attrib))
    out.text, out.tail = el.text, el.tail
    for child in el:
        out.append(_local(child))
    return out


def _head_and_tail(data: ExportSource, facts: ExportFacts, *, unique_code_names: bool) -> tuple[list, list]:
    """The small parts of ``project.qde`` that precede and follow the sources:
    Users, CodeBook and Variables; Sets."""
    ns = NS_PROJECT
    root = element(None, ns, "Project")
    if data.coders:
        users = element(root, ns, "Users")
        for c in data.coders:
            element(users, ns, "User", guid=guid_for(c.id), name=c.name, id=c.id)
    if len(data.codebook):
        write_codes(element(root, ns, "CodeBook"), ns, data.codebook, unique_code_names=unique_code_names)
    variables = [v for v in VARIABLES if v in facts.filled_fields]
    if variables:
        vars_el = element(root, ns, "Variables")
        for v in variables:
            element(vars_el, ns, "Variable", guid=derived_guid("variable", v), name=v, typeOfVariable="Text")
    head = [_local(el) for el in root]
    tail_root = element(None, ns, "Project")
    write_sets(tail_root, ns, data.codebook)
    return head, [_local(el) for el in tail_root]


def _text_source(
    d: Document, codings: DocumentCodings, coder_guid: dict[str, str], variables: list[str]
) -> Any:
    sguid = derived_guid("source", d.id)
    src = etree.Element(
        "TextSource",
        _attrs(
            guid=sguid,
            # QualCoder takes what follows the name's last dot as the file type; import strips .txt
            name=f"{d.title or f'Document {d.id[:8]}'}.txt",
            plainTextPath=f"internal://{sguid}.txt",
            creationDateTime=xml_datetime(d.added_at),
        ),
    )
    sub = etree.SubElement
    text = d.text
    # the hot loop of a large export: attributes built directly; only the
    # selection's name and the note are free text for xml_text to clean (the
    # others are GUIDs, numbers and dates that xml_datetime has parsed)
    for a in codings.annotations:
        user = coder_guid.get(a.coder_id) or guid_for(a.coder_id)
        created = xml_datetime(a.created_at)
        attrs = {
            "guid": guid_for(a.id),
            "name": xml_text(_selection_name(text[a.start : a.end])),
            "startPosition": str(a.start),
            "endPosition": str(a.end),
            "creatingUser": user,
        }
        if created is not None:
            attrs["creationDateTime"] = created
        if a.updated_at:
            attrs["modifyingUser"] = user
            modified = xml_datetime(a.updated_at)
            if modified is not None:
                attrs["modifiedDateTime"] = modified
        sel = sub(src, "PlainTextSelection", attrs)
        if a.note:  # shown by programs that show no Notes; the import reads it once
            sub(sel, "Description").text = xml_text(a.note)
        coding_attrs = {"guid": derived_guid("coding", a.id), "creatingUser": user}
        if created is not None:
            coding_attrs["creationDateTime"] = created
        sub(sub(sel, "Coding", coding_attrs), "CodeRef", {"targetGUID": guid_for(a.code_id)})
        if a.note:
            sub(sel, "NoteRef", {"targetGUID": derived_guid("note", a.id)})
    for dc in codings.document_codes:
        # a coding of the whole text: QualCoder and others drop a Coding on a TextSource
        user = coder_guid.get(dc.coder_id) or guid_for(dc.coder_id)
        key = ("doccode", d.id, dc.coder_id, dc.code_id)
        note = _document_code_note(dc)
        sel = _el(
            src,
            "PlainTextSelection",
            guid=derived_guid(*key),
            name=ARTICLE_LEVEL_NAME,
            startPosition="0",
            endPosition=str(len(d.text)),
            creatingUser=user,
            creationDateTime=xml_datetime(dc.updated_at),
        )
        if note:
            _text_el(sel, "Description", note)
        coding = _el(
            sel,
            "Coding",
            guid=derived_guid("coding", *key),
            creatingUser=user,
            creationDateTime=xml_datetime(dc.updated_at),
        )
        _el(coding, "CodeRef", targetGUID=guid_for(dc.code_id))
        if note:
            _el(sel, "NoteRef", targetGUID=derived_guid("note", *key))
    for v in variables:
        value = getattr(d, v)
        if value:
            vv = _el(src, "VariableValue")
            _el(vv, "VariableRef", targetGUID=derived_guid("variable", v))
            _text_el(vv, "TextValue", value)
    return src


def _attrs(**attrs: str | None) -> dict[str, str]:
    return {k: xml_text(v) for k, v in attrs.items() if v is not None}


def _el(parent: Any, tag: str, **attrs: str | None) -> Any:
    return etree.SubElement(parent, tag, _attrs(**attrs))


def _text_el(parent: Any, tag: str, text: str) -> Any:
    el = etree.SubElement(parent, tag)
    el.text = xml_text(text)
    return el


def _document_code_note(dc: DocumentCode) -> str:
    return dc.note if dc.value == "1" else f"[value: {dc.value}]" + (f" {dc.note}" if dc.note else "")


def _note(nguid: str, name: str, user: str, written_at: str, text: str, exported_at: str | None) -> bytes:
    # QualCoder's importer needs both the author and the date of every Note
    n = etree.Element(
        "Note",
        _attrs(
            guid=nguid,
            name=name,
            creatingUser=user,
            creationDateTime=xml_datetime(written_at) or exported_at,
        ),
    )
    _text_el(n, "PlainTextContent", text)
    return etree.tostring(n, encoding="UTF-8")


def _spool_notes_and_links(
    codings: DocumentCodings,
    coder_guid: dict[str, str],
    exported_at: str | None,
    notes: IO[bytes],
    links: IO[bytes],
) -> None:
    """Write one document's Notes and Links, which ``project.qde`` holds after
    all the sources, to temporary files: no second pass over the project."""
    d = codings.document
    fragments: dict[str, list[str]] = {}
    for a in codings.annotations:
        if a.note:
            user = coder_guid.get(a.coder_id) or guid_for(a.coder_id)
            name = f"Note on {_selection_name(d.text[a.start : a.end])[:60]}"
            notes.write(
                _note(
                    derived_guid("note", a.id), name, user, a.updated_at or a.created_at, a.note, exported_at
                )
            )
        if a.link:
            fragments.setdefault(a.link, []).append(guid_for(a.id))
    for dc in codings.document_codes:
        note = _document_code_note(dc)
        if note:
            user = coder_guid.get(dc.coder_id) or guid_for(dc.coder_id)
            key = ("doccode", d.id, dc.coder_id, dc.code_id)
            notes.write(
                _note(
                    derived_guid("note", *key),
                    "Article-level code note",
                    user,
                    dc.updated_at,
                    note,
                    exported_at,
                )
            )
    # the fragments of one discontinuous span, joined to the first of them
    for group in fragments.values():
        for other in group[1:]:
            link = _attrs(
                guid=derived_guid("link", group[0], other),
                name=LINK_NAME,
                direction="Associative",
                originGUID=group[0],
                targetGUID=other,
            )
            links.write(etree.tostring(etree.Element("Link", link), encoding="UTF-8"))


def write_project_xml(
    fh: IO[bytes],
    data: ExportSource,
    name: str = "",
    *,
    unique_code_names: bool = True,
    state: TaskState = NULL_STATE,
    done: int = 0,
    total: int = 0,
) -> None:
    """Write ``project.qde`` to ``fh`` a source at a time, with lxml's
    incremental writer: memory holds one document's selections, never the tree."""
    ns = NS_PROJECT
    facts = data.facts()
    head, tail = _head_and_tail(data, facts, unique_code_names=unique_code_names)
    coder_guid = {c.id: guid_for(c.id) for c in data.coders}
    variables = [v for v in VARIABLES if v in facts.filled_fields]
    exported_at = xml_datetime(now_iso())
    with (
        tempfile.TemporaryFile() as notes,
        tempfile.TemporaryFile() as links,
        etree.xmlfile(fh, encoding="UTF-8") as xf,
    ):
        xf.write_declaration()
        project = _attrs(
            name=name or data.codebook.name or "Annotator project",
            origin=f"{ORIGIN} {__version__}",
            creationDateTime=exported_at,
        )
        with xf.element(f"{{{ns}}}Project", project, nsmap={None: ns}):
            for el in head:
                xf.write(el)
            if facts.documents:
                with xf.element(f"{{{ns}}}Sources"):
                    for codings in data.codings():
                        xf.write(_text_source(codings.document, codings, coder_guid, variables))
                        _spool_notes_and_links(codings, coder_guid, exported_at, notes, links)
                        done += 1
                        advance(state, done, total)
            for tag, spool in (("Notes", notes), ("Links", links)):
                if spool.tell():
                    with xf.element(f"{{{ns}}}{tag}"):
                        xf.flush()  # the spooled elements go straight to fh, after what xf holds
                        spool.seek(0)
                        shutil.copyfileobj(spool, fh)
            for el in tail:
                xf.write(el)


def export_qdpx(
    data: ExportSource,
    out: Path,
    *,
    state: TaskState = NULL_STATE,
    name: str = "",
    unique_code_names: bool = True,
) -> list[Path]:
    path = output_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    facts = data.facts()
    total = 2 * facts.documents + 1
    with atomic_output(path, "wb") as fh:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for i, d in enumerate(data.iter_documents()):
                zf.writestr(f"sources/{derived_guid('source', d.id)}.txt", d.text.encode("utf-8"))
                advance(state, i + 1, total)
            # a streamed entry's size is unknown until written: past about a million
            # annotations it may pass the 2 GiB that plain zip headers can hold
            with zf.open("project.qde", "w", force_zip64=facts.annotations > 1_000_000) as entry:
                write_project_xml(
                    entry,
                    data,
                    name,
                    unique_code_names=unique_code_names,
                    state=state,
                    done=facts.documents,
                    total=total,
                )
        advance(state, total, total)
    return [path]
