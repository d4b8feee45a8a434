"""A variable's level of measurement travels with the codebook in the formats
that carry its code table, and the others say before exporting that it stays behind."""

from __future__ import annotations

import pytest

from annotator.core.codebook import Code
from annotator.core.models import Coder, Document, DocumentCode
from annotator.services.exchange import export_losses, export_project, import_annotations
from annotator.store.project import Project

TEXT = "The minister said the talks had failed.\n\nRebels denied it."


@pytest.fixture
def tone(tmp_path):
    p = Project.create(tmp_path / "tone.annotator")
    tone = p.codes.add_code(Code("Tone", scope="document", exclusive=True, level="ordinal"))
    low = p.codes.add_code(Code("Low", parent_id=tone.id, scope="document"))
    frame = p.codes.add_code(Code("Conflict"))
    coder = p.add_coder(Coder("alice"))
    p.documents.add_documents([Document(text=TEXT, title="A")])
    doc = p.documents.document_ids()[0]
    p.annotations.set_document_code(DocumentCode(doc, coder.id, low.id))
    from annotator.core.models import Annotation

    p.annotations.add_annotation(Annotation(doc, coder.id, frame.id, 4, 12))
    yield p
    p.close()


@pytest.mark.parametrize(
    "fmt,name", [("jsonl", "out.jsonl"), ("csv", "out.csv"), ("brat", "brat"), ("xmi", "out.zip")]
)
def test_formats_with_a_code_table_carry_the_level(tone, tmp_path, fmt, name):
    target = tmp_path / name
    export_project(tone, fmt, target)
    assert not any("level of measurement" in s for s in export_losses(tone, fmt))
    with Project.create(tmp_path / "back.annotator") as back:
        back.documents.add_documents(list(tone.documents.iter_documents(tone.documents.document_ids())))
        import_annotations(back, target, fmt, segment=False)
        assert back.codes.codebook().by_path("Tone").level == "ordinal"


@pytest.mark.parametrize("fmt", ["qdpx", "qdc", "prodigy", "doccano", "labelstudio"])
def test_formats_without_one_say_the_level_stays_behind(tone, fmt):
    assert any("level of measurement" in s for s in export_losses(tone, fmt))
