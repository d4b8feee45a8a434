"""REFI-QDA as other QDA programs read it: article-level codes, code names
that repeat across groups, ids that are not GUIDs, notes on no coding."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest

from annotator.exchange import export_data, import_data

NS = "{urn:QDA-XML:project:1.0}"


def _qde(path) -> ET.Element:
    return ET.fromstring(zipfile.ZipFile(path).read("project.qde"))


def _doc_code_keys(data):
    return sorted((dc.document_id, dc.coder_id, dc.code_id, dc.value, dc.note) for dc in data.document_codes)


def test_article_level_codes_are_codings_of_the_whole_text(tmp_path, sample):
    """QualCoder, like most programs, reads only codings of selections; one on a
    TextSource itself was dropped without a word."""
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    root = _qde(path)
    texts = {d.id: d.text for d in sample.documents}
    whole: list[tuple[int, int, str]] = []
    for src in root.iter(NS + "TextSource"):
        assert src.findall(NS + "Coding") == []
        text = zipfile.ZipFile(path).read(f"sources/{src.get('guid')}.txt").decode("utf-8")
        for sel in src.findall(NS + "PlainTextSelection"):
            if (int(sel.get("startPosition")), int(sel.get("endPosition"))) == (0, len(text)):
                whole.append((0, len(text), sel.findtext(NS + "Description") or ""))
    assert len(whole) == len(sample.document_codes)
    assert any(d.startswith("[value: -2]") for *_, d in whole)
    assert sorted(len(texts[dc.document_id]) for dc in sample.document_codes) == sorted(
        e for _, e, _ in whole
    )


def test_whole_text_codings_come_back_as_article_level_codes(tmp_path, sample):
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    back = import_data(path, "qdpx").data
    assert _doc_code_keys(back) == _doc_code_keys(sample)
    assert len(back.annotations) == len(sample.live_annotations())


APPEASEMENT = "7d1f3a2e-0000-4000-8000-000000000002"  # Frames/appeasement
NEGATIVE = "7d1f3a2e-0000-4000-8000-000000000008"  # Tone/negative, renamed below


@pytest.fixture
def repeated(sample):
    """Two codes of one name in two groups, as the demo's 'Frames' and 'Dominant frame'."""
    sample.codebook[NEGATIVE].name = "appeasement"
    return sample


def _written_names(path, fmt: str) -> list[str]:
    if fmt == "qdpx":
        root = _qde(path)
        ns = NS
    else:
        root = ET.fromstring(path.read_bytes())
        ns = "{urn:QDA-XML:codebook:1.0}"
    return [c.get("name") for c in root.iter(ns + "Code")]


@pytest.mark.parametrize("fmt", ["qdpx", "qdc"])
def test_names_that_repeat_across_groups_are_written_with_their_group(tmp_path, repeated, fmt):
    """QualCoder keeps one code per name and moves the other's codings to it."""
    (path,) = export_data(repeated, fmt, tmp_path / f"p.{fmt}")
    names = _written_names(path, fmt)
    assert "Frames: appeasement" in names and "Tone: appeasement" in names
    assert "appeasement" not in names
    assert "tragically flawed" in names  # a name that does not repeat stays as it is
    assert len(names) == len(set(names))


@pytest.mark.parametrize("fmt", ["qdpx", "qdc"])
def test_group_prefixes_are_stripped_on_import(tmp_path, repeated, fmt):
    (path,) = export_data(repeated, fmt, tmp_path / f"p.{fmt}")
    fresh = import_data(path, fmt).data.codebook
    assert fresh[APPEASEMENT].name == "appeasement" and fresh[NEGATIVE].name == "appeasement"
    again = import_data(path, fmt, existing=repeated).data.codebook
    assert {c.id: c.name for c in again} == {c.id: c.name for c in repeated.codebook}


def test_a_name_that_only_looks_prefixed_is_kept(tmp_path, sample):
    sample.codebook[APPEASEMENT].name = "Frames: appeasement"  # typed so by the user; nothing repeats
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    assert import_data(path, "qdpx").data.codebook[APPEASEMENT].name == "Frames: appeasement"


@pytest.mark.parametrize("fmt", ["qdpx", "qdc"])
def test_keeping_repeated_names_is_possible_and_reported(tmp_path, repeated, fmt):
    from annotator.exchange import data_loss

    (path,) = export_data(repeated, fmt, tmp_path / f"p.{fmt}", unique_code_names=False)
    assert _written_names(path, fmt).count("appeasement") == 2
    lost = " ".join(data_loss(repeated, fmt, unique_code_names=False))
    assert "2 codes share a name" in lost
    assert not any("share a name" in w for w in data_loss(repeated, fmt))


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)], capture_output=True, text=True
    )


def test_export_command_writes_unique_names_unless_told_to_keep_them(tmp_path):
    project = tmp_path / "study.annotator"
    assert _cli("init", project, "--codebook", "syria_2015").returncode == 0
    assert _cli("export", project, "--format", "qdc", "-o", tmp_path / "u.qdc").returncode == 0
    names = _written_names(tmp_path / "u.qdc", "qdc")
    assert "Frames: Appeasement" in names and "Dominant frame: Appeasement" in names
    assert len(names) == len(set(names))
    kept = _cli("export", project, "--format", "qdpx", "-o", tmp_path / "k.qdpx", "--keep-code-names")
    assert kept.returncode == 0, kept.stderr
    assert _written_names(tmp_path / "k.qdpx", "qdpx").count("Appeasement") == 2
    wrong = _cli("export", project, "--format", "csv", "-o", tmp_path / "x.csv", "--unique-code-names")
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert (
        wrong.stderr.strip()
        == "Error: --unique-code-names and --keep-code-names apply only to --format qdpx or qdc."
    )
    assert not (tmp_path / "x.csv").exists()


# in the shape of refi-tools' example_codebook.qdc (tools/python/qdc_converter), with other names
SHORT_ID_QDC = """<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MoodBoard">
    <Codes>
        <Code guid="c001" name="Negative/Aroused" isCodable="true" color="#e57373">
            <Description>
                Negative valence, high arousal.
            </Description>
            <Code guid="c21" name="Rage" isCodable="true" color="#c95858"></Code>
            <Code guid="c20" name="Anger" isCodable="true" color="#c95858"></Code>
        </Code>
        <Code guid="c002" name="Positive/Calm" isCodable="true" color="#7eb5e8">
            <Code guid="c1" name="Contentment" isCodable="true" color="#5290cb"></Code>
        </Code>
    </Codes>
</CodeBook>"""


def test_a_codebook_with_ids_that_are_not_guids_is_read_with_one_warning(tmp_path):
    (tmp_path / "c.qdc").write_text(SHORT_ID_QDC, encoding="utf-8")
    result = import_data(tmp_path / "c.qdc", "qdc")
    cb = result.data.codebook
    assert {cb.path(c.id) for c in cb} == {
        "Negative/Aroused",
        "Negative/Aroused/Rage",
        "Negative/Aroused/Anger",
        "Positive/Calm",
        "Positive/Calm/Contentment",
    }
    assert cb.by_path("Negative/Aroused").description == "Negative valence, high arousal."
    assert [w for w in result.warnings if "GUID" in w] == [
        "c.qdc: 5 ids that are not GUIDs (such as 'c001') were given new GUIDs."
    ]
    again = import_data(tmp_path / "c.qdc", "qdc").data.codebook  # the same GUIDs every time
    assert {c.id for c in again} == {c.id for c in cb}


SHORT_ID_QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="short ids">
 <Users><User guid="u1" name="Dana"/></Users>
 <CodeBook><Codes>
  <Code guid="c1" name="Praise" isCodable="true"/>
  <Code guid="c2" name="Blame" isCodable="true"/>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="s1" name="Inline">
   <PlainTextContent>Praise here, blame there.</PlainTextContent>
   <PlainTextSelection guid="p1" startPosition="0" endPosition="6" creatingUser="u1">
    <Coding guid="k1" creatingUser="u1"><CodeRef targetGUID="c1"/></Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="p2" startPosition="13" endPosition="18" creatingUser="u1">
    <Coding guid="k2" creatingUser="u1"><CodeRef targetGUID="c2"/><NoteRef targetGUID="n1"/></Coding>
   </PlainTextSelection>
  </TextSource>
 </Sources>
 <Notes><Note guid="n1"><PlainTextContent>why blame?</PlainTextContent></Note></Notes>
</Project>"""


def test_a_project_with_ids_that_are_not_guids_keeps_its_codings(tmp_path):
    with zipfile.ZipFile(tmp_path / "s.qdpx", "w") as zf:
        zf.writestr("project.qde", SHORT_ID_QDE.encode("utf-8"))
    result = import_data(tmp_path / "s.qdpx", "qdpx")
    data = result.data
    (doc,) = data.documents
    got = sorted(
        (data.codebook[a.code_id].name, doc.text[a.start : a.end], a.note, a.coder_id)
        for a in data.annotations
    )
    dana = next(c.id for c in data.coders if c.name == "Dana")
    assert got == [("Blame", "blame", "why blame?", dana), ("Praise", "Praise", "", dana)]
    assert [w for w in result.warnings if "GUID" in w] == [
        "s.qdpx: 8 ids that are not GUIDs (such as 'u1') were given new GUIDs."  # u1 c1 c2 p1 k1 p2 k2 n1
    ]


# what QualCoder's RefiExport writes for an annotation (a memo on text, no code):
# a Note holding the range, referenced from the TextSource
QUALCODER_QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder">
 <Users><User guid="aaaaaaaa-0000-4000-8000-000000000001" name="Dana"/></Users>
 <CodeBook><Codes>
  <Code guid="aaaaaaaa-0000-4000-8000-000000000002" name="Praise" isCodable="true"/>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="aaaaaaaa-0000-4000-8000-000000000003" name="One" creatingUser="aaaaaaaa-0000-4000-8000-000000000001">
   <PlainTextContent>Praise here, blame there.</PlainTextContent>
   <PlainTextSelection guid="aaaaaaaa-0000-4000-8000-000000000004" startPosition="0" endPosition="6"
    creatingUser="aaaaaaaa-0000-4000-8000-000000000001">
    <Coding guid="aaaaaaaa-0000-4000-8000-000000000005" creatingUser="aaaaaaaa-0000-4000-8000-000000000001">
     <CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000002"/>
    </Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="aaaaaaaa-0000-4000-8000-000000000006" startPosition="19" endPosition="24">
    <Description>a memo on uncoded text</Description>
   </PlainTextSelection>
   <NoteRef targetGUID="aaaaaaaa-0000-4000-8000-000000000007"/>
   <NoteRef targetGUID="aaaaaaaa-0000-4000-8000-000000000008"/>
  </TextSource>
 </Sources>
 <Notes>
  <Note guid="aaaaaaaa-0000-4000-8000-000000000007" creatingUser="aaaaaaaa-0000-4000-8000-000000000001"
   creationDateTime="2025-01-15T23:37:54Z">
   <PlainTextContent>why praise?</PlainTextContent>
   <PlainTextSelection guid="aaaaaaaa-0000-4000-8000-000000000009" startPosition="0" endPosition="6"/>
  </Note>
  <Note guid="aaaaaaaa-0000-4000-8000-000000000008" creatingUser="aaaaaaaa-0000-4000-8000-000000000001"
   creationDateTime="2025-01-15T23:37:54Z">
   <PlainTextContent>who blames?</PlainTextContent>
   <PlainTextSelection guid="aaaaaaaa-0000-4000-8000-00000000000a" startPosition="13" endPosition="18"/>
  </Note>
  <Note guid="aaaaaaaa-0000-4000-8000-00000000000b" name="Journal">
   <PlainTextContent>a project journal entry</PlainTextContent>
  </Note>
 </Notes>
</Project>"""


def test_notes_on_no_coding_are_kept_and_said(tmp_path, schemas):
    schemas[0].validate(QUALCODER_QDE.encode("utf-8"))
    with zipfile.ZipFile(tmp_path / "qc.qdpx", "w") as zf:
        zf.writestr("project.qde", QUALCODER_QDE.encode("utf-8"))
    result = import_data(tmp_path / "qc.qdpx", "qdpx")
    (doc,) = result.data.documents
    (a,) = result.data.annotations
    assert a.note == "why praise?"  # the coding of the same text carries it
    assert doc.metadata["notes"] == [
        {"start": 13, "end": 18, "quote": "blame", "note": "who blames?", "by": "Dana"},
        {"start": 19, "end": 24, "quote": "there", "note": "a memo on uncoded text", "by": ""},
    ]
    warnings = [w for w in result.warnings if "note" in w]
    assert warnings == [
        "qc.qdpx: 3 notes are on text no code was applied to (annotations): 1 was added to the note "
        "of the coding of the same text, 2 were kept in the article's metadata under 'notes'.",
        "qc.qdpx: 1 note belongs to no source or coding (such as project memos and journals) and was not imported.",
    ]


@pytest.fixture(scope="module")
def schemas():
    xmlschema = pytest.importorskip("xmlschema")
    from tests.data_paths import REFI

    return xmlschema.XMLSchema(str(REFI / "Project.xsd")), xmlschema.XMLSchema(str(REFI / "Codebook.xsd"))


RAW_WINDOWS = "Line one\r\nCafe\u0301 in 東京 with 👨\u200d👩\u200d👧 and q\u0307.\r\nThe end\r\n"
PARTS = ["Cafe\u0301", "東京", "👨\u200d👩\u200d👧", "q\u0307", "The end"]


def _windows_qdpx(path):
    """A project as a Windows program writes it: CRLF, decomposed accents,
    positions in code points of the file's text (REFI-QDA 1.5, section 10.2)."""
    sels = []
    for i, part in enumerate(PARTS):
        s = RAW_WINDOWS.index(part)
        sels.append(
            f'<PlainTextSelection guid="bbbbbbbb-0000-4000-8000-00000000001{i}" startPosition="{s}" '
            f'endPosition="{s + len(part)}"><Coding guid="bbbbbbbb-0000-4000-8000-00000000002{i}">'
            '<CodeRef targetGUID="bbbbbbbb-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>'
        )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="w">'
        '<CodeBook><Codes><Code guid="bbbbbbbb-0000-4000-8000-000000000001" name="Mark" isCodable="true"/>'
        '</Codes></CodeBook><Sources><TextSource guid="bbbbbbbb-0000-4000-8000-000000000002" name="w" '
        'plainTextPath="internal://bbbbbbbb-0000-4000-8000-000000000002.txt">'
        + "".join(sels)
        + "</TextSource>"
        "</Sources></Project>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde.encode("utf-8"))
        zf.writestr("sources/bbbbbbbb-0000-4000-8000-000000000002.txt", RAW_WINDOWS.encode("utf-8"))
    return path


def test_crlf_emoji_cjk_and_combining_characters_keep_exact_offsets(tmp_path, schemas):
    import unicodedata

    first = import_data(_windows_qdpx(tmp_path / "w.qdpx"), "qdpx").data
    (doc,) = first.documents
    expected = [unicodedata.normalize("NFC", p) for p in PARTS]
    assert sorted(doc.text[a.start : a.end] for a in first.annotations) == sorted(expected)
    (out,) = export_data(first, "qdpx", tmp_path / "again.qdpx")
    schemas[0].validate(zipfile.ZipFile(out).read("project.qde"))
    # what another program reads: code points of the exported source
    root = _qde(out)
    (src,) = root.iter(NS + "TextSource")
    text = zipfile.ZipFile(out).read(f"sources/{src.get('guid')}.txt").decode("utf-8")
    assert sorted(
        text[int(s.get("startPosition")) : int(s.get("endPosition"))]
        for s in src.iter(NS + "PlainTextSelection")
    ) == sorted(expected)
    second = import_data(out, "qdpx").data
    assert sorted((a.start, a.end, a.quote) for a in second.annotations) == sorted(
        (a.start, a.end, a.quote) for a in first.annotations
    )


def test_source_names_end_in_txt_and_come_back_without_it(tmp_path, sample):
    """QualCoder takes what follows the last dot of a source's name as its file
    type and writes it, unescaped, into its own export: 'U.S. warns' gave
    richTextPath="internal://GUID. warns", and a quote in the title broke the XML."""
    sample.documents[0].title = 'U.S. warns of "appeasement"'
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    names = [s.get("name") for s in _qde(path).iter(NS + "TextSource")]
    assert names[0] == 'U.S. warns of "appeasement".txt'
    assert all(n.endswith(".txt") for n in names)
    back = import_data(path, "qdpx").data
    assert [d.title for d in back.documents] == [d.title for d in sample.documents]


def test_a_note_on_uncoded_text_of_an_article_already_in_the_project_is_counted(tmp_path):
    with zipfile.ZipFile(tmp_path / "qc.qdpx", "w") as zf:
        zf.writestr("project.qde", QUALCODER_QDE.encode("utf-8"))
    first = import_data(tmp_path / "qc.qdpx", "qdpx").data
    first.documents[0].metadata.clear()  # as the project holds it: an import does not change an article
    again = import_data(tmp_path / "qc.qdpx", "qdpx", existing=first)
    assert "2 were not imported, the article being in the project already." in " ".join(again.warnings)


def test_an_nvivo_annotation_linked_to_a_selection_is_its_note(tmp_path, schemas):
    """NVivo writes an annotation as a Note joined to the selection by a Link."""
    qde = QUALCODER_QDE.replace("<Description>a memo on uncoded text</Description>", "").replace(
        " </Notes>",
        '  <Note guid="aaaaaaaa-0000-4000-8000-00000000000c"><PlainTextContent>nvivo memo</PlainTextContent></Note>\n'
        ' </Notes>\n <Links><Link guid="aaaaaaaa-0000-4000-8000-00000000000d" '
        'originGUID="aaaaaaaa-0000-4000-8000-00000000000c" targetGUID="aaaaaaaa-0000-4000-8000-000000000006"/>'
        '<Link guid="aaaaaaaa-0000-4000-8000-00000000000e" '
        'originGUID="aaaaaaaa-0000-4000-8000-00000000000c" targetGUID="aaaaaaaa-0000-4000-8000-000000000004"/>'
        "</Links>",
    )
    schemas[0].validate(qde.encode("utf-8"))
    with zipfile.ZipFile(tmp_path / "nv.qdpx", "w") as zf:
        zf.writestr("project.qde", qde.encode("utf-8"))
    data = import_data(tmp_path / "nv.qdpx", "qdpx").data
    (a,) = data.annotations
    assert a.note == "nvivo memo\n\nwhy praise?"  # the linked note, then the one on the same text
    assert {n["quote"]: n["note"] for n in data.documents[0].metadata["notes"]}["there"] == "nvivo memo"
