"""REFI-QDA projects (``.qdpx``): ``project.qde`` plus ``sources/`` in a zip.

Coders are Users, codes keep their GUIDs and colours, each annotation is a
PlainTextSelection holding one Coding by its coder, notes are Notes referenced
from the selection, article-level codes are Codings on the TextSource (a value
other than "1" is kept in the note as ``[value: X]``). Document metadata are
text Variables. Fragments of one discontinuous span are joined by Links.

Positions are code points, the first being 0 (REFI-QDA 1.5, section 10.2);
``endPosition`` is exclusive, as ATLAS.ti, MAXQDA and QualCoder write it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.core.errors import ExchangeError
from annotator.core.ids import now_iso
from annotator.core.models import Annotation, Coder, Document, DocumentCode
from annotator.core.output_files import atomic_output
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import (
    ImportResult,
    ProjectData,
    Reconciler,
    advance,
    annotation_id,
)
from annotator.exchange.refi_codebook import (
    MAX_XML_BYTES,
    NS_PROJECT,
    ORIGIN,
    child,
    child_text,
    children,
    derived_guid,
    element,
    guid_for,
    norm_guid,
    read_codes,
    text_element,
    to_bytes,
    write_codes,
    write_sets,
    xml_datetime,
)
from annotator.exchange.textmap import OffsetMap
from annotator.exchange.untrusted import SafeZip, local_name, parse_xml

VARIABLES = ("outlet", "published", "url", "author", "language")
LINK_NAME = "Annotator: fragment of one span"
_VALUE_NOTE = re.compile(r"^\[value: (.*?)\](?: (.*))?\Z", re.S)
SELECTION_NAME_LENGTH = 100
MAX_SOURCE_BYTES = 64 * 1024 * 1024  # a news article is a few kB; a book is a few MB


def output_path(out: Path) -> Path:
    return out if out.suffix.lower() == ".qdpx" else out / "project.qdpx"


def _selection_name(quote: str) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= SELECTION_NAME_LENGTH else quote[: SELECTION_NAME_LENGTH - 1] + "…"


def project_xml(data: ProjectData, source_guids: dict[str, str], name: str = "") -> bytes:
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
        write_codes(element(root, ns, "CodeBook"), ns, data.codebook)
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
            name=d.title or f"Document {d.id[:8]}",
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
            user = coder_guid.get(dc.coder_id) or guid_for(dc.coder_id)
            key = ("doccode", d.id, dc.coder_id, dc.code_id)
            coding = element(
                src,
                ns,
                "Coding",
                guid=derived_guid(*key),
                creatingUser=user,
                creationDateTime=xml_datetime(dc.updated_at),
            )
            element(coding, ns, "CodeRef", targetGUID=guid_for(dc.code_id))
            note = dc.note if dc.value == "1" else f"[value: {dc.value}]" + (f" {dc.note}" if dc.note else "")
            if note:
                nguid = derived_guid("note", *key)
                notes.append((nguid, "Article-level code note", user, dc.updated_at, note))
                element(coding, ns, "NoteRef", targetGUID=nguid)
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


def export_qdpx(data: ProjectData, out: Path, *, state: TaskState = NULL_STATE, name: str = "") -> list[Path]:
    path = output_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    source_guids = {d.id: derived_guid("source", d.id) for d in data.documents}
    total = len(data.documents) + 1
    with atomic_output(path, "wb") as fh:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for i, d in enumerate(data.documents):
                zf.writestr(f"sources/{source_guids[d.id]}.txt", d.text.encode("utf-8"))
                advance(state, i + 1, total)
            zf.writestr("project.qde", project_xml(data, source_guids, name))
        advance(state, total, total)
    return [path]


# --- import ------------------------------------------------------------------


def import_qdpx(path: Path, *, existing: ProjectData | None = None) -> ImportResult:
    with SafeZip(path) as zf:
        qde = zf.find("project.qde")
        if qde is None:
            candidates = [n for n in zf.names() if n.lower().endswith(".qde") and "/" not in n]
            if len(candidates) != 1:
                raise ExchangeError(f"{path.name} has no project.qde, so it is not a REFI-QDA project.")
            qde = candidates[0]
        if zf.size(qde) > MAX_XML_BYTES:
            raise ExchangeError(f"{qde} in {path.name} is larger than {MAX_XML_BYTES // (1024 * 1024)} MB.")
        root = parse_xml(zf.read(qde, MAX_XML_BYTES), f"{path.name}/{qde}")
        if local_name(root.tag) != "Project":
            raise ExchangeError(
                f"{path.name}/{qde} is not a REFI-QDA project (its root is {local_name(root.tag)!r})."
            )
        return _read_project(root, zf, path.name, existing)


def _read_project(root: ET.Element, zf: SafeZip, where: str, existing: ProjectData | None) -> ImportResult:
    warnings: list[str] = []
    rec = Reconciler(existing)
    existing_guids = {guid_for(c.id): c.id for c in (existing.codebook if existing else [])}
    coder_guids = {guid_for(c.id): c for c in (existing.coders if existing else [])}

    # users -> coders
    users: dict[str, Coder] = {}
    users_el = child(root, "Users")
    for u in children(users_el, "User") if users_el is not None else []:
        g = norm_guid(u.get("guid"))
        if g is None:
            warnings.append(f"{where}: skipped a user without a valid guid.")
            continue
        own_id = u.get("id") or ""
        coder_id = own_id if own_id and guid_for(own_id) == g else g
        known = coder_guids.get(g)
        name = (u.get("name") or "").strip() or (known.name if known else f"User {g[:8]}")
        users[g] = rec.coder(name, known.id if known else coder_id)

    # codebook
    cb = child(root, "CodeBook")
    file_codes = read_codes(
        child(cb, "Codes") if cb is not None else None, child(root, "Sets"), where, warnings
    )
    for c in file_codes:  # codes we exported under a derived GUID get their own id back
        if c.id in existing_guids:
            old = c.id
            c.id = existing_guids[old]
            for k in file_codes:
                if k.parent_id == old:
                    k.parent_id = c.id
    code_map = rec.adopt_tree(file_codes)
    code_by_guid = {guid_for(fid): code for fid, code in code_map.items()}

    # variables, notes, links
    variables: dict[str, str] = {}
    vars_el = child(root, "Variables")
    for v in children(vars_el, "Variable") if vars_el is not None else []:
        g = norm_guid(v.get("guid"))
        if g:
            variables[g] = v.get("name") or ""
    notes: dict[str, str] = {}
    notes_el = child(root, "Notes")
    for n in children(notes_el, "Note") if notes_el is not None else []:
        g = norm_guid(n.get("guid"))
        if g:
            text = child_text(n, "PlainTextContent")
            if not text and n.get("plainTextPath"):
                text = _internal_text(zf, n.get("plainTextPath", ""), where, warnings) or ""
            notes[g] = text
    linked: dict[str, str] = {}
    links_el = child(root, "Links")
    for link in children(links_el, "Link") if links_el is not None else []:
        if link.get("name") == LINK_NAME:
            a, b = norm_guid(link.get("originGUID")), norm_guid(link.get("targetGUID"))
            if a and b:
                group = linked.get(a) or a
                linked[a] = group
                linked[b] = group

    default_user = norm_guid(root.get("creatingUserGUID"))

    def coder_for(*guids: str | None) -> Coder:
        for g in (norm_guid(x) for x in (*guids, default_user)):
            if g and g in users:
                return users[g]
            if g:
                users[g] = rec.coder(f"User {g[:8]}", g)
                warnings.append(f"{where}: the user {g} is not listed in Users; a coder was made for them.")
                return users[g]
        return rec.coder("Unknown coder")

    def note_of(el: ET.Element) -> str:
        parts = [child_text(el, "Description").strip()]
        parts += [notes.get(norm_guid(r.get("targetGUID")) or "", "") for r in children(el, "NoteRef")]
        # our own export writes a coding's note both as Description and as a Note
        return "\n\n".join(dict.fromkeys(p for p in parts if p))

    annotations: list[Annotation] = []
    taken_ids: set[str] = set()  # a selection guid names one selection; a repeat must not overwrite it
    document_codes: list[DocumentCode] = []
    sources = child(root, "Sources")
    skipped_kinds: dict[str, int] = {}
    for src in list(sources) if sources is not None else []:
        kind = local_name(src.tag)
        if kind != "TextSource":
            skipped_kinds[kind] = skipped_kinds.get(kind, 0) + 1
            continue
        name = src.get("name") or "(unnamed source)"
        label = f"{where}: source {name!r}"
        raw = child_text(src, "PlainTextContent") if child(src, "PlainTextContent") is not None else None
        if raw is None:
            tp = src.get("plainTextPath")
            if not tp:
                warnings.append(
                    f"{label} was skipped: it has no plain text (only {src.get('richTextPath') or 'nothing'})."
                )
                continue
            raw = _internal_text(zf, tp, label, warnings)
            if raw is None:
                continue
        offsets = OffsetMap(raw)
        if not offsets.text.strip():
            warnings.append(f"{label} was skipped: its text is empty.")
            continue
        meta: dict[str, Any] = {}
        for vv in children(src, "VariableValue"):
            ref = child(vv, "VariableRef")
            vname = variables.get(norm_guid(ref.get("targetGUID") if ref is not None else None) or "", "")
            value_el = next((c for c in vv if local_name(c.tag) != "VariableRef"), None)
            if vname and value_el is not None and value_el.text is not None:
                meta[vname] = value_el.text
        title = re.sub(r"\.txt\Z", "", name, flags=re.I) if name != "(unnamed source)" else ""
        document = rec.document(
            Document(
                text=offsets.text,
                title=title,
                raw=raw if raw != offsets.text else None,
                **{k: meta.pop(k) for k in VARIABLES if k in meta},
                metadata=meta,
                source_path=name,
            )
        )
        if raw != offsets.text:
            warnings.append(
                f"{label}: the text was normalised (NFC, \\n line endings) and the positions moved with it."
            )
        for sel in children(src, "PlainTextSelection"):
            try:
                s, e = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                raise ExchangeError(
                    f"{label}: the selection {sel.get('guid')} has positions that are not whole numbers."
                ) from None
            if not 0 <= s < e <= offsets.raw_length:
                warnings.append(
                    f"{label}: skipped the selection {s}-{e}, which lies outside the text "
                    f"({offsets.raw_length} characters)."
                )
                continue
            start, end = offsets.span(s, e)
            codings = children(sel, "Coding")
            if not codings:
                warnings.append(f"{label}: skipped the uncoded selection {s}-{e}.")
                continue
            sel_guid = norm_guid(sel.get("guid"))
            note = note_of(sel)
            for i, coding in enumerate(codings):
                ref = child(coding, "CodeRef")
                cguid = norm_guid(ref.get("targetGUID") if ref is not None else None)
                code = code_by_guid.get(cguid or "")
                if code is None:
                    warnings.append(f"{label}: skipped a coding of {s}-{e} with the unknown code {cguid}.")
                    continue
                coder = coder_for(coding.get("creatingUser"), sel.get("creatingUser"))
                coding_note = note_of(coding)
                ann = Annotation(
                    document_id=document.id,
                    coder_id=coder.id,
                    code_id=code.id,
                    start=start,
                    end=end,
                    quote=document.text[start:end],
                    note="\n\n".join(p for p in (note, coding_note) if p),
                    origin="imported",
                    created_at=coding.get("creationDateTime") or sel.get("creationDateTime") or "",
                    updated_at=sel.get("modifiedDateTime") or "",
                    link=linked.get(sel_guid or ""),
                )
                ann.id = sel_guid if sel_guid and i == 0 and sel_guid not in taken_ids else annotation_id(ann)
                if sel_guid and i == 0 and ann.id != sel_guid:
                    warnings.append(
                        f"{label}: the selection guid {sel_guid} is used more than once; this "
                        f"selection ({s}-{e}) was given its own id."
                    )
                taken_ids.add(ann.id)
                annotations.append(ann)
        for coding in children(src, "Coding"):
            ref = child(coding, "CodeRef")
            cguid = norm_guid(ref.get("targetGUID") if ref is not None else None)
            code = code_by_guid.get(cguid or "")
            if code is None:
                warnings.append(f"{label}: skipped an article-level coding with the unknown code {cguid}.")
                continue
            note, value = note_of(coding), "1"
            m = _VALUE_NOTE.match(note)
            if m:
                value, note = m.group(1), m.group(2) or ""
            document_codes.append(
                DocumentCode(
                    document_id=document.id,
                    coder_id=coder_for(coding.get("creatingUser")).id,
                    code_id=code.id,
                    value=value,
                    note=note,
                    updated_at=coding.get("creationDateTime") or "",
                )
            )
    for kind, n in skipped_kinds.items():
        warnings.append(f"{where}: {n} {kind} source(s) were skipped; only text sources can be coded here.")
    return ImportResult(rec.project_data(annotations, document_codes), warnings)


def _internal_text(zf: SafeZip, ref: str, label: str, warnings: list[str]) -> str | None:
    if not ref.startswith("internal://"):
        warnings.append(f"{label} was skipped: its text {ref!r} is outside the project file.")
        return None
    member = zf.find(f"sources/{ref[len('internal://') :]}")
    if member is None:
        raise ExchangeError(f"{label} refers to {ref!r}, which is missing from the archive.")
    data = zf.read(member, MAX_SOURCE_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ExchangeError(
            f"{label}: {member} is not UTF-8 text (byte {e.start}), as REFI-QDA requires."
        ) from e
