"""UIMA CAS XMI for INCEpTION, checked with dkpro-cassis (the Python UIMA
library INCEpTION's authors maintain): cassis reads our files with every span
on the right text, and a CAS made with cassis' own API, as INCEpTION would
write it, comes into a project with exact codes and offsets."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET

from annotator.core.errors import ExchangeError
from annotator.exchange import data_loss, export_data, guess_format, import_data
from annotator.exchange.bundle import code_path_parts
from annotator.exchange.inception_layout import label_parts
from annotator.exchange.uima_xmi import CODE_TYPE, SENTENCE_TYPE, TOKEN_TYPE, type_system

from .conftest import link_groups, span_keys

cassis = pytest.importorskip("cassis")

# a CRLF source with an astral emoji, a skin-tone modifier, CJK and a decomposed accent
RAW = "Cafe\u0301 talks \U0001f600 failed.\r\n\r\n\u6771\u4eac said \U0001f44d\U0001f3fd no.\r\n"
TEXT = "Caf\u00e9 talks \U0001f600 failed.\n\n\u6771\u4eac said \U0001f44d\U0001f3fd no.\n"


def _members(root: Path) -> list[Path]:
    return sorted(root.rglob("*.xmi"))


def _utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def test_cassis_reads_every_file_with_each_span_on_our_text(tmp_path, sample):
    export_data(sample, "xmi", tmp_path / "x")
    with open(tmp_path / "x" / "TypeSystem.xml", "rb") as fh:
        ts = cassis.load_typesystem(fh)
    texts = {d.id: d.text for d in sample.documents}
    seen = 0
    for path in _members(tmp_path / "x"):
        with open(path, "rb") as fh:
            cas = cassis.load_cas_from_xmi(fh, typesystem=ts)
        assert cas.sofa_string in texts.values()
        for fs in cas.select(CODE_TYPE):
            assert fs.get_covered_text() == cas.sofa_string[fs.begin : fs.end]
            ours = [
                a
                for a in sample.annotations
                if texts[a.document_id] == cas.sofa_string and (a.start, a.end) == (fs.begin, fs.end)
            ]
            assert ours and label_parts(fs.get("label")) == code_path_parts(sample.codebook, ours[0].code_id)
            seen += 1
        assert cas.select(SENTENCE_TYPE) and cas.select(TOKEN_TYPE)
    assert seen == len(sample.annotations)


def test_the_file_counts_utf16_units_as_java_does(tmp_path, sample):
    # read the raw attributes, not through cassis, which converts them back
    export_data(sample, "xmi", tmp_path / "x")
    checked = 0
    for path in _members(tmp_path / "x"):
        root = SafeET.parse(path).getroot()
        sofa = next(el.get("sofaString") for el in root if el.tag.endswith("}Sofa"))
        for el in root:
            if el.tag.endswith("}Code"):
                want = [
                    (_utf16(sofa, a.start), _utf16(sofa, a.end))
                    for a in sample.annotations
                    if sofa[a.start : a.end] and a.note == (el.get("note") or "")
                ]
                assert (int(el.get("begin")), int(el.get("end"))) in want
                checked += 1
    assert checked == len(sample.annotations)
    # the emoji really moves the offsets: the file's numbers differ from code points
    assert any(_utf16(d.text, len(d.text)) != len(d.text) for d in sample.documents)


def _inception_like_export(root: Path) -> None:
    """A project export as INCEpTION writes one, built with cassis' API: a
    custom span layer with string features, named entities, two users."""
    ts = cassis.TypeSystem()
    code = ts.create_type("webanno.custom.Code", supertypeName="uima.tcas.Annotation")
    for name in ("label", "coder", "note"):
        ts.create_feature(code, name, "uima.cas.String")
    entity = ts.create_type("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")
    ts.create_feature(entity, "value", "uima.cas.String")
    token = ts.create_type("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")
    pos = ts.create_type("de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS")
    (root / "annotation" / "talks.txt").mkdir(parents=True)
    ts.to_xml(root / "TypeSystem.xml")
    for user, spans in {
        "alice": [("talks \U0001f600", "Frames/appeasement", "a\nnote"), ("\u6771\u4eac", "Actors/city", "")],
        "bob": [("\U0001f44d\U0001f3fd no", "Frames/appeasement", "")],
    }.items():
        cas = cassis.Cas(typesystem=ts)
        cas.sofa_string = RAW
        for part, label, note in spans:
            begin = RAW.index(part)
            cas.add(code(begin=begin, end=begin + len(part), label=label, note=note or None))
        begin = RAW.index("Cafe\u0301")
        cas.add(entity(begin=begin, end=begin + 5, value="LOC"))
        cas.add(token(begin=0, end=5))
        cas.add(pos(begin=0, end=5))
        cas.to_xmi(root / "annotation" / "talks.txt" / f"{user}.xmi")


def test_an_inception_export_made_with_cassis_imports_exactly(tmp_path):
    _inception_like_export(tmp_path / "p")
    assert guess_format(tmp_path / "p") == "xmi"
    result = import_data(tmp_path / "p")
    data = result.data
    assert [d.text for d in data.documents] == [TEXT]
    names = {c.id: c.name for c in data.coders}
    got = sorted(
        (names[a.coder_id], data.codebook.path(a.code_id), TEXT[a.start : a.end], a.note)
        for a in data.annotations
    )
    assert got == [
        ("alice", "Actors/city", "\u6771\u4eac", ""),
        ("alice", "Frames/appeasement", "talks \U0001f600", "a\nnote"),
        ("alice", "NamedEntity/LOC", "Caf\u00e9", ""),
        ("bob", "Frames/appeasement", "\U0001f44d\U0001f3fd no", ""),
        ("bob", "NamedEntity/LOC", "Caf\u00e9", ""),
    ]
    # segmentation is no coding; another layer is named in a warning, not imported
    assert not any("Token" in w for w in result.warnings)
    assert any("pos.POS" in w for w in result.warnings)


def test_a_single_xmi_file_with_its_type_system_beside_it_imports(tmp_path):
    _inception_like_export(tmp_path / "p")
    folder = tmp_path / "p" / "annotation" / "talks.txt"
    (tmp_path / "p" / "TypeSystem.xml").rename(folder / "TypeSystem.xml")
    data = import_data(folder / "bob.xmi").data
    assert {c.name for c in data.coders} == {"bob"}
    assert len(data.annotations) == 2


def test_round_trip_through_a_zip_keeps_everything(tmp_path, sample):
    out = tmp_path / "inception.zip"
    assert export_data(sample, "xmi", out) == [out]
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
    assert "TypeSystem.xml" in names
    assert all(n.startswith("annotation/") for n in names if n.endswith(".xmi"))
    assert guess_format(out) == "xmi"
    back = import_data(out).data
    assert span_keys(back) == span_keys(sample)
    assert link_groups(back) == link_groups(sample)
    names0, names1 = {c.id: c.name for c in sample.coders}, {c.id: c.name for c in back.coders}
    assert sorted(
        (dc.document_id, names1[dc.coder_id], dc.code_id, dc.value, dc.note) for dc in back.document_codes
    ) == sorted(
        (dc.document_id, names0[dc.coder_id], dc.code_id, dc.value, dc.note) for dc in sample.document_codes
    )
    for code in back.codebook:
        original = sample.codebook[code.id]
        assert (code.name, code.parent_id, code.color, code.scope) == (
            original.name,
            original.parent_id,
            original.color,
            original.scope,
        )


def test_a_document_nobody_coded_still_goes_out(tmp_path, sample):
    from annotator.core.models import Document

    sample.documents.append(Document(text="Nobody coded this one."))
    export_data(sample, "xmi", tmp_path / "x")
    back = import_data(tmp_path / "x").data
    assert "Nobody coded this one." in {d.text for d in back.documents}


def test_data_loss_names_what_stays_behind(sample):
    sample.annotations[0].origin = "suggestion"
    lost = " ".join(data_loss(sample, "xmi"))
    assert "origins" in lost and "outlet" in lost
    assert "article-level" not in lost


def test_entities_in_an_xmi_file_are_refused(tmp_path):
    _inception_like_export(tmp_path / "p")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        b'<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmi:version="2.0">&b;</xmi:XMI>'
    )
    (tmp_path / "p" / "annotation" / "talks.txt" / "alice.xmi").write_bytes(bomb)
    with pytest.raises(ExchangeError, match="entities"):
        import_data(tmp_path / "p")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not xml at all",
        b"<a/>",
        b'<xmi:XMI xmlns:xmi="http://www.omg.org/XMI"><x:Y xmlns:x="u"/></xmi:XMI>',
    ],
)
def test_a_broken_xmi_file_is_one_clear_error(tmp_path, content):
    _inception_like_export(tmp_path / "p")
    (tmp_path / "p" / "annotation" / "talks.txt" / "alice.xmi").write_bytes(content)
    with pytest.raises(ExchangeError) as e:
        import_data(tmp_path / "p")
    assert "alice.xmi" in str(e.value) and "\n" not in str(e.value)


def test_an_xmi_file_without_a_type_system_is_refused(tmp_path):
    _inception_like_export(tmp_path / "p")
    (tmp_path / "p" / "TypeSystem.xml").unlink()
    with pytest.raises(ExchangeError, match="TypeSystem.xml"):
        import_data(tmp_path / "p", "xmi")


def test_a_text_xml_cannot_hold_is_refused_before_writing(tmp_path, sample):
    from annotator.core.models import Document

    sample.documents.append(Document(text="form\x0cfeed", title="Odd"))
    with pytest.raises(ExchangeError, match="U\\+000C"):
        export_data(sample, "xmi", tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_cassis_reads_the_type_system_we_write():

    ts = cassis.load_typesystem(BytesIO(type_system().to_xml().encode("utf-8")))
    assert {f.name for f in ts.get_type(CODE_TYPE).all_features} >= {
        "label",
        "codeId",
        "coder",
        "note",
        "link",
    }
