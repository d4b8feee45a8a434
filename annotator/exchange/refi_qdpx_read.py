"""Reading REFI-QDA projects (``.qdpx``) written by us or by other QDA programs.

What each element means is described in :mod:`annotator.exchange.refi_qdpx`;
the reader also accepts the variants other programs write (braced upper-case
GUIDs, text inline as PlainTextContent, codings on a whole source).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from annotator.core.errors import ExchangeError
from annotator.core.models import Annotation, Coder, Document, DocumentCode
from annotator.exchange.bundle import ImportResult, ProjectData, Reconciler, annotation_id
from annotator.exchange.refi_codebook import (
    MAX_XML_BYTES,
    FileGuids,
    child,
    child_text,
    children,
    guid_for,
    read_codes,
)
from annotator.exchange.refi_free_notes import FreeNote, FreeNotes
from annotator.exchange.refi_qdpx import (
    ARTICLE_LEVEL_NAME,
    LINK_NAME,
    MAX_SOURCE_BYTES,
    VALUE_NOTE,
    VARIABLES,
)
from annotator.exchange.textmap import OffsetMap
from annotator.exchange.untrusted import SafeZip, local_name, parse_xml


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
    ids = FileGuids()
    rec = Reconciler(existing)
    existing_guids = {guid_for(c.id): c.id for c in (existing.codebook if existing else [])}
    coder_guids = {guid_for(c.id): c for c in (existing.coders if existing else [])}

    # users -> coders
    users: dict[str, Coder] = {}
    users_el = child(root, "Users")
    for u in children(users_el, "User") if users_el is not None else []:
        g = ids(u.get("guid"))
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
        child(cb, "Codes") if cb is not None else None, child(root, "Sets"), where, warnings, existing, ids
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
        g = ids(v.get("guid"))
        if g:
            variables[g] = v.get("name") or ""
    notes: dict[str, str] = {}
    note_els: dict[str, ET.Element] = {}
    used_notes: set[str] = set()
    notes_el = child(root, "Notes")
    for n in children(notes_el, "Note") if notes_el is not None else []:
        g = ids(n.get("guid"))
        if g:
            note_els[g] = n
            text = child_text(n, "PlainTextContent")
            if not text and n.get("plainTextPath"):
                text = _internal_text(zf, n.get("plainTextPath", ""), where, warnings) or ""
            notes[g] = text
    linked: dict[str, str] = {}
    links_el = child(root, "Links")
    noted: dict[str, list[str]] = {}  # NVivo links a Note to the selection it annotates
    for link in children(links_el, "Link") if links_el is not None else []:
        a, b = ids(link.get("originGUID")), ids(link.get("targetGUID"))
        if a and b and (a in note_els) != (b in note_els):
            note_guid, other = (a, b) if a in note_els else (b, a)
            noted.setdefault(other, []).append(note_guid)
        elif link.get("name") == LINK_NAME:
            if a and b:
                group = linked.get(a) or a
                linked[a] = group
                linked[b] = group

    default_user = ids(root.get("creatingUserGUID"))

    def coder_for(*guids: str | None) -> Coder:
        for g in (ids(x) for x in (*guids, default_user)):
            if g and g in users:
                return users[g]
            if g:
                users[g] = rec.coder(f"User {g[:8]}", g)
                warnings.append(f"{where}: the user {g} is not listed in Users; a coder was made for them.")
                return users[g]
        return rec.coder("Unknown coder")

    def note_of(el: ET.Element) -> str:
        parts = [child_text(el, "Description").strip()]
        refs = [ids(r.get("targetGUID")) or "" for r in children(el, "NoteRef")]
        refs += noted.get(ids(el.get("guid")) or "", [])
        used_notes.update(refs)
        parts += [notes.get(g, "") for g in refs]
        # our own export writes a coding's note both as Description and as a Note
        return "\n\n".join(dict.fromkeys(p for p in parts if p))

    def article_level(
        document_id: str, coding: ET.Element, code_id: str, note: str, *users: str | None
    ) -> None:
        value = "1"
        m = VALUE_NOTE.match(note)
        if m:
            value, note = m.group(1), m.group(2) or ""
        document_codes.append(
            DocumentCode(
                document_id=document_id,
                coder_id=coder_for(*users).id,
                code_id=code_id,
                value=value,
                note=note,
                updated_at=coding.get("creationDateTime") or "",
            )
        )

    def author(el: ET.Element) -> str:
        user = users.get(ids(el.get("creatingUser") or el.get("modifyingUser")) or "")
        return user.name if user else ""

    free_notes = FreeNotes()
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
            vname = variables.get(ids(ref.get("targetGUID") if ref is not None else None) or "", "")
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
                text = note_of(sel)
                if text:
                    free_notes.add(FreeNote(document, start, end, text, author(sel)))
                else:
                    warnings.append(f"{label}: skipped the uncoded selection {s}-{e}.")
                continue
            sel_guid = ids(sel.get("guid"))
            note = note_of(sel)
            whole_text = (s, e) == (0, offsets.raw_length)
            for i, coding in enumerate(codings):
                ref = child(coding, "CodeRef")
                cguid = ids(ref.get("targetGUID") if ref is not None else None)
                code = code_by_guid.get(cguid or "")
                if code is None:
                    warnings.append(f"{label}: skipped a coding of {s}-{e} with the unknown code {cguid}.")
                    continue
                coding_note = "\n\n".join(p for p in (note, note_of(coding)) if p)
                if whole_text and (sel.get("name") == ARTICLE_LEVEL_NAME or code.scope == "document"):
                    article_level(
                        document.id,
                        coding,
                        code.id,
                        coding_note,
                        coding.get("creatingUser"),
                        sel.get("creatingUser"),
                    )
                    continue
                coder = coder_for(coding.get("creatingUser"), sel.get("creatingUser"))
                ann = Annotation(
                    document_id=document.id,
                    coder_id=coder.id,
                    code_id=code.id,
                    start=start,
                    end=end,
                    quote=document.text[start:end],
                    note=coding_note,
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
            cguid = ids(ref.get("targetGUID") if ref is not None else None)
            code = code_by_guid.get(cguid or "")
            if code is None:
                warnings.append(f"{label}: skipped an article-level coding with the unknown code {cguid}.")
                continue
            article_level(document.id, coding, code.id, note_of(coding), coding.get("creatingUser"))
        for ref in children(src, "NoteRef"):
            g = ids(ref.get("targetGUID")) or ""
            used_notes.add(g)
            note_el = note_els.get(g)
            if note_el is None:
                continue
            ranges = [
                (r.get("startPosition", ""), r.get("endPosition", ""))
                for r in children(note_el, "PlainTextSelection")
            ]
            for s_, e_ in ranges or [("0", str(offsets.raw_length))]:
                if not (s_.isdigit() and e_.isdigit() and 0 <= int(s_) < int(e_) <= offsets.raw_length):
                    warnings.append(f"{label}: skipped a note on {s_}-{e_}, which lies outside the text.")
                    continue
                start, end = offsets.span(int(s_), int(e_))
                free_notes.add(FreeNote(document, start, end, notes[g], author(note_el)))
    ids.warn(where, warnings)
    known_docs = {d.id for d in existing.documents} if existing else set()
    free_notes.settle(annotations, {d.id for d in rec.documents.values()} - known_docs, where, warnings)
    unused = sum(1 for g in notes if g not in used_notes)
    if unused:
        warnings.append(
            f"{where}: {unused} note{'s belong' if unused > 1 else ' belongs'} to no source or coding "
            f"(such as project memos and journals) and {'were' if unused > 1 else 'was'} not imported."
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
