"""REFI-QDA codebooks (``.qdc``) and the code tree shared with projects.

REFI-QDA has no field for a code's scope, exclusivity or archived state; they
travel as Sets with fixed names, which other programs show as ordinary code
sets and this module reads back. Ids must be GUIDs: a code id that is not one
is replaced by a GUID derived from it (the same every time).
"""

from __future__ import annotations

import hashlib
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from annotator.core.codebook import Codebook, palette_colours
from annotator.core.errors import ExchangeError
from annotator.core.models import Code, Scope
from annotator.core.output_files import write_bytes
from annotator.core.safe_open import read_regular
from annotator.exchange.bundle import ImportResult, ProjectData, Reconciler
from annotator.exchange.refi_names import export_names, restore_names
from annotator.exchange.untrusted import local_name, parse_xml

try:
    from lxml import etree as _lxml
except ImportError:  # pragma: no cover - ElementTree writes the same XML, more slowly
    _lxml = None

NS_PROJECT = "urn:QDA-XML:project:1.0"
NS_CODEBOOK = "urn:QDA-XML:codebook:1.0"
ORIGIN = "Annotator"
MAX_XML_BYTES = 256 * 1024 * 1024

SET_DOCUMENT_SCOPE = "Annotator: article-level codes"
SET_EXCLUSIVE = "Annotator: exclusive groups"
SET_ARCHIVED = "Annotator: archived codes"
_GUID_NAMESPACE = uuid.UUID("2b0c3a53-7f7e-4b8e-9a55-51c0f2d6c1a4")
_GUID_NAMESPACE_BYTES = _GUID_NAMESPACE.bytes
_CANONICAL_GUID = re.compile(r"\A[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COLOUR3 = re.compile(r"^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$")
_COLOUR6 = re.compile(r"^#[0-9a-fA-F]{6}$")


def guid_for(ident: str) -> str:
    """The REFI-QDA GUID for one of our ids: the id itself when it is a UUID."""
    if _CANONICAL_GUID.match(ident):  # almost every id: what uuid.UUID would give back
        return ident
    try:
        return str(uuid.UUID(ident.strip("{}")))
    except (ValueError, AttributeError):
        return str(uuid.uuid5(_GUID_NAMESPACE, str(ident)))


def derived_guid(*parts: str) -> str:
    """``uuid.uuid5(_GUID_NAMESPACE, ...)``, without building UUID objects:
    an export makes several per annotation."""
    digest = bytearray(hashlib.sha1(_GUID_NAMESPACE_BYTES + "\x1f".join(parts).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def norm_guid(value: str | None) -> str | None:
    """A GUID from a file, in our form (lower case, no braces); None if invalid."""
    if not value:
        return None
    if _CANONICAL_GUID.match(value):
        return value
    try:
        return str(uuid.UUID(value.strip().strip("{}")))
    except ValueError:
        return None


class FileGuids:
    """The GUIDs of one file, read leniently: an id that is not a GUID (refi-tools'
    example codebook uses ``c001``) gets a GUID derived from it, the same for
    every reference to it and on every import, and is counted for one warning."""

    def __init__(self) -> None:
        self.replaced: dict[str, None] = {}  # ordered, for the example in the warning

    def __call__(self, value: str | None) -> str | None:
        guid = norm_guid(value)
        if guid is not None or value is None or not value.strip():
            return guid
        self.replaced[value.strip()] = None
        return derived_guid("file id", value.strip())

    def warn(self, where: str, warnings: list[str]) -> None:
        if not self.replaced:
            return
        n, first = len(self.replaced), next(iter(self.replaced))
        if n == 1:
            warnings.append(f"{where}: the id {first!r} is not a GUID and was given a new GUID.")
        else:
            warnings.append(f"{where}: {n} ids that are not GUIDs (such as {first!r}) were given new GUIDs.")


def xml_text(value: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped."""
    return _XML_ILLEGAL.sub("", value) if _XML_ILLEGAL.search(value) else value


def xml_datetime(value: str) -> str | None:
    """``value`` if it is an ISO date-time that xsd:dateTime accepts."""
    if not value or "T" not in value:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def element(parent, ns: str, tag: str, **attrs: str | None):
    """A new element; with lxml (a dependency of trafilatura) when present, whose
    C serializer writes large projects several times faster than ElementTree."""
    clean = {k: xml_text(v) for k, v in attrs.items() if v is not None}
    if parent is not None:
        return _sub(parent, f"{{{ns}}}{tag}", clean)
    if _lxml is not None:
        return _lxml.Element(f"{{{ns}}}{tag}", clean, nsmap={None: ns})
    ET.register_namespace("", ns)
    return ET.Element(f"{{{ns}}}{tag}", clean)


def _sub(parent, tag: str, attrs: dict[str, str]):
    if _lxml is not None and isinstance(parent, _lxml._Element):
        return _lxml.SubElement(parent, tag, attrs)
    return ET.SubElement(parent, tag, attrs)


def to_bytes(root) -> bytes:
    if _lxml is not None and isinstance(root, _lxml._Element):
        return _lxml.tostring(root, encoding="UTF-8", xml_declaration=True)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def text_element(parent, ns: str, tag: str, text: str):
    el = element(parent, ns, tag)
    el.text = xml_text(text)
    return el


def write_codes(parent: ET.Element, ns: str, codebook: Codebook, *, unique_code_names: bool = True) -> None:
    codes_el = element(parent, ns, "Codes")
    names = export_names(codebook, unique=unique_code_names)

    def visit(code: Code, into: ET.Element) -> None:
        kids = codebook.children(code.id)
        el = element(
            into,
            ns,
            "Code",
            guid=guid_for(code.id),
            name=names[code.id],
            isCodable="false" if kids else "true",
            color=code.color if _COLOUR6.match(code.color or "") else None,
        )
        if code.description:
            text_element(el, ns, "Description", code.description)
        for k in kids:
            visit(k, el)

    for root in codebook.roots():
        visit(root, codes_el)


def write_sets(parent: ET.Element, ns: str, codebook: Codebook) -> None:
    groups = [
        (
            SET_DOCUMENT_SCOPE,
            "Codes applied to a whole article, not to a span.",
            [c for c in codebook if c.scope == "document"],
        ),
        (
            SET_EXCLUSIVE,
            "Groups whose codes are mutually exclusive values of one variable.",
            [c for c in codebook if c.exclusive],
        ),
        (SET_ARCHIVED, "Codes no longer offered to coders.", [c for c in codebook if c.archived]),
    ]
    groups = [g for g in groups if g[2]]
    if not groups:
        return
    sets_el = element(parent, ns, "Sets")
    for name, description, members in groups:
        s = element(sets_el, ns, "Set", guid=derived_guid("set", name), name=name)
        text_element(s, ns, "Description", description)
        # the two schemas name the member attribute differently
        attr = "targetGUID" if ns == NS_PROJECT else "guid"
        for c in members:
            element(s, ns, "MemberCode", **{attr: guid_for(c.id)})


def children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if local_name(c.tag) == name]


def child(el: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in el if local_name(c.tag) == name), None)


def child_text(el: ET.Element, name: str) -> str:
    c = child(el, name)
    return (c.text or "") if c is not None else ""


def read_codes(
    codes_el: ET.Element | None,
    sets_el: ET.Element | None,
    where: str,
    warnings: list[str],
    known: ProjectData | None = None,
    guids: FileGuids | None = None,
) -> list[Code]:
    """Codes of a ``Codes`` element, with the flags of our Sets applied and the
    group prefixes of repeated names taken off again (``known``: the project)."""
    guids = guids or FileGuids()
    flags: dict[str, set[str]] = {SET_DOCUMENT_SCOPE: set(), SET_EXCLUSIVE: set(), SET_ARCHIVED: set()}
    if sets_el is not None:
        for s in children(sets_el, "Set"):
            if s.get("name") in flags:
                for m in children(s, "MemberCode"):
                    g = guids(m.get("targetGUID") or m.get("guid"))
                    if g:
                        flags[s.get("name", "")].add(g)
    codes: list[Code] = []
    palette = palette_colours()
    seen: set[str] = set()

    def visit(el: ET.Element, parent: Code | None, order: int, inherited_scope: Scope) -> None:
        guid = guids(el.get("guid"))
        name = (el.get("name") or "").strip()
        if guid is None:
            raise ExchangeError(f"{where}: the code {name or '(unnamed)'!r} has no guid.")
        if guid in seen:
            warnings.append(f"{where}: the code guid {guid} appears twice; the second was skipped.")
            return
        seen.add(guid)
        colour = el.get("color") or ""
        m3 = _COLOUR3.match(colour)
        if m3:
            colour = "#" + "".join(ch * 2 for ch in m3.groups())
        if not _COLOUR6.match(colour):
            colour = parent.color if parent is not None else next(palette)
        scope = "document" if guid in flags[SET_DOCUMENT_SCOPE] else inherited_scope
        code = Code(
            name=name or f"Code {guid[:8]}",
            id=guid,
            parent_id=parent.id if parent else None,
            description=child_text(el, "Description").strip(),
            color=colour.lower(),
            scope=scope,
            order=order,
            exclusive=guid in flags[SET_EXCLUSIVE],
            archived=guid in flags[SET_ARCHIVED],
        )
        codes.append(code)
        for i, kid in enumerate(children(el, "Code")):
            visit(kid, code, i, scope)

    if codes_el is not None:
        for i, el in enumerate(children(codes_el, "Code")):
            visit(el, None, i, "span")
    restore_names(codes, {guid_for(c.id): c.name for c in (known.codebook if known else [])})
    return codes


# --- .qdc files ---------------------------------------------------------------


def codebook_xml(codebook: Codebook, *, unique_code_names: bool = True) -> bytes:
    if not len(codebook):
        raise ExchangeError("The codebook has no codes, and a REFI-QDA codebook needs at least one.")
    root = element(None, NS_CODEBOOK, "CodeBook", origin=ORIGIN)
    write_codes(root, NS_CODEBOOK, codebook, unique_code_names=unique_code_names)
    write_sets(root, NS_CODEBOOK, codebook)
    return to_bytes(root)


def export_qdc(data: ProjectData, out: Path, *, unique_code_names: bool = True, **_: object) -> list[Path]:
    path = out if out.suffix.lower() == ".qdc" else out / "codebook.qdc"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, codebook_xml(data.codebook, unique_code_names=unique_code_names))
    return [path]


def import_qdc(path: Path, *, existing: ProjectData | None = None) -> ImportResult:
    raw = read_regular(path, MAX_XML_BYTES, error=ExchangeError, shown=path.name)  # no links, no devices
    root = parse_xml(raw, path.name)
    if local_name(root.tag) != "CodeBook":
        raise ExchangeError(
            f"{path.name} is not a REFI-QDA codebook (its root element is {local_name(root.tag)!r})."
        )
    warnings: list[str] = []
    guids = FileGuids()
    codes = read_codes(child(root, "Codes"), child(root, "Sets"), path.name, warnings, existing, guids)
    guids.warn(path.name, warnings)
    if not codes:
        warnings.append(f"{path.name} holds no codes.")
    rec = Reconciler(existing)
    rec.adopt_tree(codes)
    return ImportResult(rec.project_data([], []), warnings)
