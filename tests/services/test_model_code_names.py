"""Codes chosen for a model by name or path: a name that holds a comma is one
code, while ``--codes A,B`` still names two (the demo codebook has
"Russian self-defence, war on terror", and evaluating a model on it failed)."""

from __future__ import annotations

from pathlib import Path

from annotator.core.models import Code
from annotator.services.model_coder import resolve_codes
from annotator.store.project import Project


def test_a_code_name_with_a_comma_is_one_code_and_a_list_still_splits(tmp_path: Path):
    with Project.create(tmp_path / "p.annotator") as p:
        frames = p.codes.add_code(Code("Frames"))
        comma = p.codes.add_code(Code("Russian self-defence, war on terror", parent_id=frames.id))
        other = p.codes.add_code(Code("Appeasement", parent_id=frames.id))
        book = p.codes.codebook()
    assert [c.id for c in resolve_codes(book, ["Frames/Russian self-defence, war on terror"])] == [comma.id]
    assert [c.id for c in resolve_codes(book, ["Russian self-defence, war on terror"])] == [comma.id]
    assert [c.id for c in resolve_codes(book, ["Frames/Appeasement,Frames"])] == [other.id, frames.id]
