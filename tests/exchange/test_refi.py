"""REFI-QDA: schema validity, positions in code points, files from other tools."""

from __future__ import annotations

import zipfile

import pytest

from annotator.core.errors import ExchangeError
from annotator.exchange import export_data, import_data
from annotator.exchange.bundle import ProjectData
from annotator.exchange.refi_codebook import codebook_xml, guid_for
from tests.data_paths import REFI

from .conftest import DATA, make_codebook

xmlschema = pytest.importorskip("xmlschema")


@pytest.fixture(scope="module")
def schemas():
    return xmlschema.XMLSchema(str(REFI / "Project.xsd")), xmlschema.XMLSchema(str(REFI / "Codebook.xsd"))


def test_qdpx_validates_against_project_xsd(tmp_path, sample, schemas):
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        qde = zf.read("project.qde")
    schemas[0].validate(qde)
    assert sum(n.startswith("sources/") and n.endswith(".txt") for n in names) == len(sample.documents)


def test_qdpx_of_an_empty_project_validates(tmp_path, schemas):
    (path,) = export_data(ProjectData(), "qdpx", tmp_path / "empty.qdpx")
    with zipfile.ZipFile(path) as zf:
        schemas[0].validate(zf.read("project.qde"))


def test_qdc_validates_against_codebook_xsd(tmp_path, sample, schemas):
    (path,) = export_data(sample, "qdc", tmp_path / "c.qdc")
    schemas[1].validate(path.read_bytes())


def test_non_guid_ids_become_guids_and_still_validate(tmp_path, sample, schemas):
    sample.coders[0].id = "ana"
    for a in sample.annotations:
        if a.coder_id == "0e0c2b1a-1111-4111-8111-000000000001":
            a.coder_id = "ana"
        a.id = f"ann-{a.start}"
    for dc in sample.document_codes:
        if dc.coder_id == "0e0c2b1a-1111-4111-8111-000000000001":
            dc.coder_id = "ana"
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as zf:
        schemas[0].validate(zf.read("project.qde"))
    back = import_data(path, "qdpx").data
    assert "ana" in {c.id for c in back.coders}  # kept in the User id attribute


def test_positions_are_code_points(tmp_path, sample):
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    qde = zipfile.ZipFile(path).read("project.qde").decode("utf-8")
    doc = sample.documents[1]
    a = next(a for a in sample.annotations if "🇺🇳" in doc.text[a.start : a.end] and a.document_id == doc.id)
    # each flag letter is one code point (two UTF-16 units, four UTF-8 bytes)
    assert f'startPosition="{a.start}" endPosition="{a.end}"' in qde
    assert a.end - a.start == len("spokesperson for the UN 🇺🇳")


def test_codebook_flags_survive_qdc(tmp_path, schemas):
    cb = make_codebook()
    (tmp_path / "c.qdc").write_bytes(codebook_xml(cb))
    back = import_data(tmp_path / "c.qdc", "qdc").data.codebook
    for code in cb:
        got = back[code.id]
        assert (
            got.name,
            got.parent_id,
            got.color,
            got.description,
            got.scope,
            got.exclusive,
            got.archived,
        ) == (
            code.name,
            code.parent_id,
            code.color,
            code.description,
            code.scope,
            code.exclusive,
            code.archived,
        )


def test_empty_codebook_cannot_be_a_qdc(tmp_path):
    with pytest.raises(ExchangeError, match="no codes"):
        export_data(ProjectData(), "qdc", tmp_path / "c.qdc")


def test_qdc_into_a_project_with_the_same_codes_adds_nothing(tmp_path):
    cb = make_codebook()
    (tmp_path / "c.qdc").write_bytes(codebook_xml(cb))
    existing = ProjectData(codebook=cb)
    back = import_data(tmp_path / "c.qdc", "qdc", existing=existing).data.codebook
    assert {c.id for c in back} == {c.id for c in cb}
    assert all(back[c.id] is cb[c.id] for c in cb)


def test_qdc_code_matching_an_existing_name_is_merged(tmp_path):
    cb = make_codebook()
    other = make_codebook()
    for c in other:  # same names, other GUIDs, as another program would write
        c.id = guid_for("other-" + c.id)
    for c in other:
        if c.parent_id:
            c.parent_id = guid_for("other-" + c.parent_id)
    (tmp_path / "c.qdc").write_bytes(codebook_xml(Codebook_from(other)))
    back = import_data(tmp_path / "c.qdc", "qdc", existing=ProjectData(codebook=cb)).data.codebook
    assert {c.id for c in back} == {c.id for c in cb}


def Codebook_from(codes):
    from annotator.core.codebook import Codebook

    return Codebook(codes=list(codes))


def test_atlas_style_project_imports(tmp_path):
    """A hand-written project in the style of the standard's annex A.2
    (braced upper-case GUIDs, Windows line endings, a Description as memo,
    a picture source, two codings on one selection)."""
    path = DATA / "atlas_style.qdpx"
    result = import_data(path, "qdpx")
    data = result.data
    assert [d.title for d in data.documents] == ["Mabel"]
    doc = data.documents[0]
    assert "\r" not in doc.text
    by_code = {data.codebook.path(a.code_id): a for a in data.annotations}
    assert set(by_code) == {"Breakfast food", "Breakfast food/cornflakes", "Feelings"}
    a = by_code["Feelings"]
    assert doc.text[a.start : a.end] == "Großmütter 👵 eat porridge"
    assert a.note == "Why porridge?"
    assert {c.name for c in data.coders} == {"Friedrich Markgraf", "Sebastian Petrausch"}
    coder = {c.id: c.name for c in data.coders}
    assert coder[by_code["Feelings"].coder_id] == "Sebastian Petrausch"
    assert coder[by_code["Breakfast food"].coder_id] == "Friedrich Markgraf"
    assert data.codebook.by_path("Breakfast food/cornflakes").color == "#dd0000"  # from the short form #D00
    assert any("PictureSource" in w for w in result.warnings)


def test_missing_source_file_is_named(tmp_path):
    with zipfile.ZipFile(DATA / "atlas_style.qdpx") as src, zipfile.ZipFile(tmp_path / "x.qdpx", "w") as dst:
        for item in src.infolist():
            if not item.filename.lower().startswith("sources/"):
                dst.writestr(item, src.read(item))
    with pytest.raises(ExchangeError, match="missing from the archive"):
        import_data(tmp_path / "x.qdpx", "qdpx")


def test_elementtree_writes_the_same_valid_xml_without_lxml(tmp_path, sample, schemas, monkeypatch):
    from annotator.exchange import refi_codebook

    with_lxml = export_data(sample, "qdpx", tmp_path / "a.qdpx")[0]
    monkeypatch.setattr(refi_codebook, "_lxml", None)
    without = export_data(sample, "qdpx", tmp_path / "b.qdpx")[0]
    qde = zipfile.ZipFile(without).read("project.qde")
    schemas[0].validate(qde)
    a, b = (import_data(p, "qdpx").data for p in (with_lxml, without))
    assert sorted((x.id, x.start, x.end, x.note) for x in a.annotations) == sorted(
        (x.id, x.start, x.end, x.note) for x in b.annotations
    )


INLINE_QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="inline">
 <CodeBook><Codes>
  <Code guid="11111111-1111-4111-8111-111111111111" name="Praise" isCodable="true"/>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="22222222-2222-4222-8222-222222222222" name="Inline">
   <PlainTextContent>Cafe\u0301 au lait 👍, said the critic.</PlainTextContent>
   <PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="0" endPosition="5"
    creatingUser="44444444-4444-4444-8444-444444444444">
    <Coding guid="55555555-5555-4555-8555-555555555555">
     <CodeRef targetGUID="11111111-1111-4111-8111-111111111111"/>
     <NoteRef targetGUID="66666666-6666-4666-8666-666666666666"/>
    </Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="77777777-7777-4777-8777-777777777777" startPosition="15" endPosition="16"/>
  </TextSource>
  <TextSource guid="88888888-8888-4888-8888-888888888888" name="Outside" plainTextPath="relative:///a.txt"/>
 </Sources>
 <Notes>
  <Note guid="66666666-6666-4666-8666-666666666666"><PlainTextContent>a memo</PlainTextContent></Note>
 </Notes>
</Project>"""


def test_inline_text_unlisted_user_and_external_source(tmp_path, schemas):
    schemas[0].validate(INLINE_QDE.encode("utf-8"))  # the test file itself is valid REFI-QDA
    with zipfile.ZipFile(tmp_path / "i.qdpx", "w") as zf:
        zf.writestr("project.qde", INLINE_QDE.encode("utf-8"))
    result = import_data(tmp_path / "i.qdpx", "qdpx")
    (doc,) = result.data.documents
    (a,) = result.data.annotations
    assert doc.text.startswith("Café au lait")  # composed to NFC; the span moved with it
    assert doc.text[a.start : a.end] == "Café" and a.note == "a memo"
    warnings = " ".join(result.warnings)
    assert "not listed in Users" in warnings
    assert "uncoded selection" in warnings
    assert "outside the project file" in warnings


def test_notes_carry_their_author_and_date_and_a_coding_note_is_the_selections_description(tmp_path, sample):
    """QualCoder's importer reads every Note's creatingUser and creationDateTime
    (it crashed on a Note without a date), and programs that show no Notes show
    a selection's Description."""
    import xml.etree.ElementTree as ET

    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    root = ET.fromstring(zipfile.ZipFile(path).read("project.qde"))
    ns = {"q": root.tag[1:].split("}")[0]}
    notes = root.findall("q:Notes/q:Note", ns)
    assert notes
    for n in notes:
        assert n.get("creatingUser") and n.get("creationDateTime"), n.attrib
    described = {
        sel.findtext("q:Description", default="", namespaces=ns)
        for sel in root.iter(f"{{{ns['q']}}}PlainTextSelection")
    }
    assert {a.note for a in sample.annotations if a.note} <= described


def test_a_note_exported_twice_imports_once(tmp_path, sample):
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    imported = import_data(path, "qdpx").data
    assert sorted(a.note for a in imported.annotations if a.note) == sorted(
        a.note for a in sample.annotations if a.note
    )
