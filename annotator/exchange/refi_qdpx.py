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
from annotator.core.export_view import ExportFacts
from annotator.core.ids import now_iso
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
from annotator.exchange.refi_source_xml import ARTICLE_LEVEL_NAME as ARTICLE_LEVEL_NAME
from annotator.exchange.refi_source_xml import LINK_NAME as LINK_NAME
from annotator.exchange.refi_source_xml import SourceWriter

VARIABLES = ("outlet", "published", "url", "author", "language")
VALUE_NOTE = re.compile(r"^\[value: (.*?)\](?: (.*))?\Z", re.S)
MAX_SOURCE_BYTES = 64 * 1024 * 1024  # a news article is a few kB; a book is a few MB


def output_path(out: Path) -> Path:
    return out if out.suffix.lower() == ".qdpx" else out / "project.qdpx"


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
    """Write ``project.qde`` to ``fh`` a source at a time: lxml's incremental
    writer for the frame, the sources as text (``refi_source_xml``) straight to
    ``fh``; memory holds one document's selections, never the tree."""
    ns = NS_PROJECT
    facts = data.facts()
    head, tail = _head_and_tail(data, facts, unique_code_names=unique_code_names)
    variables = [v for v in VARIABLES if v in facts.filled_fields]
    exported_at = xml_datetime(now_iso())
    sources = SourceWriter({c.id: guid_for(c.id) for c in data.coders}, variables, exported_at)
    with (
        tempfile.TemporaryFile() as notes,
        tempfile.TemporaryFile() as links,
        etree.xmlfile(fh, encoding="UTF-8") as xf,
    ):
        xf.write_declaration()
        project = {
            k: xml_text(v)
            for k, v in (
                ("name", name or data.codebook.name or "Annotator project"),
                ("origin", f"{ORIGIN} {__version__}"),
                ("creationDateTime", exported_at),
            )
            if v is not None
        }
        with xf.element(f"{{{ns}}}Project", project, nsmap={None: ns}):
            for el in head:
                xf.write(el)
            if facts.documents:
                with xf.element(f"{{{ns}}}Sources"):
                    xf.flush()  # the sources go straight to fh, after what xf holds
                    for codings in data.codings():
                        written = sources.write(codings)
                        fh.write(written.source.encode("utf-8"))
                        if written.notes:
                            notes.write(written.notes.encode("utf-8"))
                        if written.links:
                            links.write(written.links.encode("utf-8"))
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
