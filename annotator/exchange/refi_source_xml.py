"""One document of a REFI-QDA ``project.qde`` as XML text: its TextSource
(a PlainTextSelection with its Coding for each annotation, the article-level
codes, the metadata as VariableValues), and the Notes and Links that the
project lists after all the sources.

The sources are nearly all of an export's ``project.qde``. Made as lxml
elements they cost half a dozen Python objects and calls per annotation;
here each selection is one string from a template, escaped as lxml
(libxml2) escapes attribute values and text, which the tests hold to lxml's
output for every character.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from annotator.core.export_view import DocumentCodings
from annotator.core.models import DocumentCode
from annotator.exchange.refi_codebook import derived_guid, guid_for, xml_datetime, xml_text

LINK_NAME = "Annotator: fragment of one span"
# names the whole-text selection of an article-level code, which import restores as one
ARTICLE_LEVEL_NAME = "Annotator: article-level code"
SELECTION_NAME_LENGTH = 100

# what XML 1.0 cannot hold (xml_text drops it) or lxml writes as a reference
_SPECIAL_IN_ATTRIBUTE = re.compile('[\x00-\x1f&<>"\ufffe\uffff]')
_SPECIAL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f&<>\ufffe\uffff]")
_ATTRIBUTE_REFERENCES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)
_TEXT_REFERENCES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def attribute(value: str) -> str:
    """``value`` as lxml writes it between an attribute's quotes, after
    :func:`xml_text` has dropped what XML cannot hold."""
    if _SPECIAL_IN_ATTRIBUTE.search(value) is None:
        return value
    return xml_text(value).translate(_ATTRIBUTE_REFERENCES)


def text(value: str) -> str:
    """``value`` as lxml writes it as an element's text, after :func:`xml_text`."""
    if _SPECIAL_IN_TEXT.search(value) is None:
        return value
    return xml_text(value).translate(_TEXT_REFERENCES)


def selection_name(quote: str) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= SELECTION_NAME_LENGTH else quote[: SELECTION_NAME_LENGTH - 1] + "…"


def document_code_note(dc: DocumentCode) -> str:
    return dc.note if dc.value == "1" else f"[value: {dc.value}]" + (f" {dc.note}" if dc.note else "")


def _date(value: str) -> str | None:
    # an ISO date-time, as xml_datetime checks it, holds nothing an attribute escapes
    return xml_datetime(value)


def _note(nguid: str, name: str, user: str, written_at: str, content: str, exported_at: str | None) -> str:
    # QualCoder's importer needs both the author and the date of every Note
    when = _date(written_at) or exported_at
    dated = "" if when is None else f' creationDateTime="{when}"'
    return (
        f'<Note guid="{nguid}" name="{attribute(name)}" creatingUser="{attribute(user)}"{dated}>'
        f"<PlainTextContent>{text(content)}</PlainTextContent></Note>"
    )


class SourceXml(NamedTuple):
    source: str  # the TextSource element
    notes: str  # its Note elements
    links: str  # its Link elements


class SourceWriter:
    """Writes each document's TextSource, Notes and Links; the coders' GUIDs
    and the codes' are worked out once for the whole export."""

    def __init__(self, coder_guid: dict[str, str], variables: Sequence[str], exported_at: str | None) -> None:
        self.coder_guid = dict(coder_guid)
        self.code_guid: dict[str, str] = {}
        self.variables = [(v, derived_guid("variable", v)) for v in variables]
        self.exported_at = exported_at

    def _user(self, coder_id: str) -> str:
        user = self.coder_guid.get(coder_id)
        if user is None:
            user = self.coder_guid[coder_id] = guid_for(coder_id)
        return user

    def _code(self, code_id: str) -> str:
        code = self.code_guid.get(code_id)
        if code is None:
            code = self.code_guid[code_id] = guid_for(code_id)
        return code

    def write(self, codings: DocumentCodings) -> SourceXml:
        d = codings.document
        sguid = derived_guid("source", d.id)
        added = _date(d.added_at)
        # QualCoder takes what follows the name's last dot as the file type; import strips .txt
        name = attribute(f"{d.title or f'Document {d.id[:8]}'}.txt")
        head = f'<TextSource guid="{sguid}" name="{name}" plainTextPath="internal://{sguid}.txt"'
        if added is not None:
            head += f' creationDateTime="{added}"'
        parts: list[str] = []
        notes: list[str] = []
        fragments: dict[str, list[str]] = {}
        content = d.text
        exported_at = self.exported_at
        users, codes = self.coder_guid, self.code_guid
        for a in codings.annotations:
            user = users.get(a.coder_id) or self._user(a.coder_id)
            guid = guid_for(a.id)
            quote = selection_name(content[a.start : a.end])
            created = _date(a.created_at)
            dated = "" if created is None else f' creationDateTime="{created}"'
            modified = ""
            changed = created
            if a.updated_at:
                # most spans were never changed: their change time is their creation time
                if a.updated_at != a.created_at:
                    changed = _date(a.updated_at)
                modified = f' modifyingUser="{user}"' + (
                    "" if changed is None else f' modifiedDateTime="{changed}"'
                )
            coding = (
                f'<Coding guid="{derived_guid("coding", a.id)}" creatingUser="{user}"{dated}>'
                f'<CodeRef targetGUID="{codes.get(a.code_id) or self._code(a.code_id)}"/></Coding>'
            )
            selection = (
                f'<PlainTextSelection guid="{guid}" name="{attribute(quote)}" startPosition="{a.start}" '
                f'endPosition="{a.end}" creatingUser="{user}"{dated}{modified}>'
            )
            if a.note:  # shown by programs that show no Notes; the import reads it once
                nguid = derived_guid("note", a.id)
                note = text(a.note)
                parts.append(
                    f"{selection}<Description>{note}</Description>{coding}"
                    f'<NoteRef targetGUID="{nguid}"/></PlainTextSelection>'
                )
                # QualCoder's importer needs both the author and the date of every Note
                written = changed if a.updated_at else created
                when = written or exported_at
                notes.append(
                    f'<Note guid="{nguid}" name="{attribute(f"Note on {quote[:60]}")}" creatingUser="{user}"'
                    + ("" if when is None else f' creationDateTime="{when}"')
                    + f"><PlainTextContent>{note}</PlainTextContent></Note>"
                )
            else:
                parts.append(f"{selection}{coding}</PlainTextSelection>")
            if a.link:
                fragments.setdefault(a.link, []).append(guid)
        for dc in codings.document_codes:
            parts.append(self._document_code(d.id, len(content), dc, notes))
        for v, vguid in self.variables:
            value = getattr(d, v)
            if value:
                parts.append(
                    f'<VariableValue><VariableRef targetGUID="{vguid}"/>'
                    f"<TextValue>{text(value)}</TextValue></VariableValue>"
                )
        source = f"{head}>{''.join(parts)}</TextSource>" if parts else f"{head}/>"
        # the fragments of one discontinuous span, joined to the first of them
        links = [
            f'<Link guid="{derived_guid("link", group[0], other)}" name="{LINK_NAME}" direction="Associative" '
            f'originGUID="{group[0]}" targetGUID="{other}"/>'
            for group in fragments.values()
            for other in group[1:]
        ]
        return SourceXml(source, "".join(notes), "".join(links))

    def _document_code(self, doc_id: str, length: int, dc: DocumentCode, notes: list[str]) -> str:
        """A coding of the whole text: QualCoder and others drop a Coding on a TextSource."""
        user = self._user(dc.coder_id)
        key = ("doccode", doc_id, dc.coder_id, dc.code_id)
        note = document_code_note(dc)
        when = _date(dc.updated_at)
        dated = "" if when is None else f' creationDateTime="{when}"'
        out = (
            f'<PlainTextSelection guid="{derived_guid(*key)}" name="{ARTICLE_LEVEL_NAME}" startPosition="0" '
            f'endPosition="{length}" creatingUser="{user}"{dated}>'
        )
        if note:
            out += f"<Description>{text(note)}</Description>"
        out += (
            f'<Coding guid="{derived_guid("coding", *key)}" creatingUser="{user}"{dated}>'
            f'<CodeRef targetGUID="{self._code(dc.code_id)}"/></Coding>'
        )
        if note:
            nguid = derived_guid("note", *key)
            out += f'<NoteRef targetGUID="{nguid}"/>'
            notes.append(_note(nguid, "Article-level code note", user, dc.updated_at, note, self.exported_at))
        return out + "</PlainTextSelection>"
