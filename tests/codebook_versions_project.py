"""A small project whose codebook went through every recorded operation
(issue 18, item 4), shared by the service and command-line tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from annotator.core.codebook import Code
from annotator.core.models import Annotation, Coder, Document, DocumentCode
from annotator.store.project import Project

TEXT = "The minister said the strikes hit 11 targets. Rebels denied it. The UN said 40 trucks arrived."


def build(path: Path) -> dict:
    """Version 1: codings of Official, NGO and Conflict; then version 2 renames
    Conflict, 3 moves it, 4 merges Official and NGO into Elite, 5 splits
    Conflict into Military and Political, 6 archives Rebel; codings of
    Military and Rebel follow under version 6."""
    p = Project.create(path)
    with p:
        src = p.codes.add_code(Code("Source type", id="src"))
        official = p.codes.add_code(Code("Official", id="off", parent_id=src.id))
        ngo = p.codes.add_code(Code("NGO", id="ngo", parent_id=src.id))
        rebel = p.codes.add_code(Code("Rebel", id="reb", parent_id=src.id))
        frames = p.codes.add_code(Code("Frames", id="frm"))
        conflict = p.codes.add_code(Code("Conflict", id="con", parent_id=frames.id))
        other = p.codes.add_code(Code("Other frames", id="oth"))
        tone = p.codes.add_code(Code("Tone", id="tone", scope="document"))
        neg = p.codes.add_code(Code("Negative", id="neg", parent_id=tone.id, scope="document"))
        crit = p.codes.add_code(Code("Critical", id="crit", parent_id=tone.id, scope="document"))
        ana, bo = p.add_coder(Coder("ana", id="ana")), p.add_coder(Coder("bo", id="bo"))
        doc = Document(text=TEXT, title="t", id="d1")
        p.documents.add_documents([doc])
        spans = {}
        for coder in (ana, bo):
            spans[coder.name, "off"] = p.annotations.add_annotation(
                Annotation(doc.id, coder.id, official.id, 0, 12, id=f"{coder.id}-off")
            ).annotation
            spans[coder.name, "con"] = p.annotations.add_annotation(
                Annotation(doc.id, coder.id, conflict.id, 22, 44, id=f"{coder.id}-con")
            ).annotation
        p.annotations.add_annotation(Annotation(doc.id, "bo", ngo.id, 64, 70, id="bo-ngo"))
        p.annotations.set_document_code(DocumentCode(doc.id, "ana", neg.id))
        p.annotations.set_document_code(DocumentCode(doc.id, "bo", crit.id))
        assert p.codes.codebook_version() == 1
        p.codes.update_code(replace(conflict, name="Conflict frame"))  # 2
        p.codes.update_code(replace(conflict, name="Conflict frame", parent_id=other.id))  # 3
        p.codes.merge_codes([official.id, ngo.id], Code("Elite", id="eli", parent_id=src.id))  # 4
        p.codes.split_code(
            conflict.id,
            [Code("Military", id="mil", parent_id=other.id), Code("Political", id="pol", parent_id=other.id)],
        )  # 5
        p.codes.update_code(replace(rebel, archived=True))  # 6
        p.codes.merge_codes(
            [neg.id, crit.id], Code("Negative or critical", id="negc", parent_id=tone.id, scope="document")
        )  # 7
        p.annotations.add_annotation(Annotation(doc.id, "ana", "mil", 71, 80, id="ana-mil"))
    return {"path": path}
