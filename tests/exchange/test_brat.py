"""brat standoff: several coders per document, fragments, relations, bad files."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from annotator.core.errors import ExchangeError
from annotator.exchange import export_data, import_data
from annotator.exchange.brat_format import brat_label, safe_filename, unescape_note
from annotator.exchange.bundle import ProjectData

from .conftest import DATA


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Written at test time so that no checkout setting changes its \r\n."""
    spec = importlib.util.spec_from_file_location("make_brat_multi", DATA / "make_brat_multi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path_factory.mktemp("brat_multi")
    for name, content in module.FILES.items():
        (root / name).write_bytes(content.encode("utf-8"))
    assert b"\r\n" in (root / "article_one.txt").read_bytes()
    return root


def _by_coder(data: ProjectData) -> dict[str, list[tuple[str, str]]]:
    docs = data.document_index()
    coders = {c.id: c.name for c in data.coders}
    out: dict[str, list[tuple[str, str]]] = {}
    for a in sorted(data.annotations, key=lambda a: (a.document_id, a.start)):
        out.setdefault(coders[a.coder_id], []).append(
            (data.codebook.path(a.code_id), docs[a.document_id].text[a.start : a.end])
        )
    return out


def test_several_coders_per_document_land_under_the_right_coder(folder):
    result = import_data(folder, "brat", coder_from_filename="{document}_{coder}.ann")
    got = _by_coder(result.data)
    assert set(got) == {"Ana", "Bo_Chen"}
    assert got["Bo_Chen"] == [("government_official", "minister"), ("NGO", "NGO monitor")]
    assert ("appeasement", "naïve 👍🏽") in got["Ana"]
    assert len(result.data.documents) == 2


def test_default_pattern_is_tried_without_one(folder):
    got = _by_coder(import_data(folder, "brat").data)
    assert set(got) == {"Ana", "Bo_Chen"}


def test_windows_line_endings_keep_offsets_right(folder):
    data = import_data(folder, "brat").data
    one = next(d for d in data.documents if d.title == "article_one")
    assert "\r" not in one.text
    ngo = [
        a
        for a in data.annotations
        if a.document_id == one.id and one.text[a.start : a.end] == "An NGO monitor"
    ]
    assert len(ngo) == 1


def test_discontinuous_span_becomes_linked_fragments_with_a_warning(folder):
    result = import_data(folder, "brat")
    two = next(d for d in result.data.documents if d.title == "article_two")
    frags = [a for a in result.data.annotations if a.document_id == two.id and a.link]
    assert sorted(two.text[a.start : a.end] for a in frags) == ["a UN", "spokesperson"]
    assert len({a.link for a in frags}) == 1
    assert any("discontinuous" in w for w in result.warnings)


def test_notes_relations_and_attributes_are_kept_as_notes(folder):
    result = import_data(folder, "brat")
    notes = {a.quote: a.note for a in result.data.annotations}
    assert notes["naïve 👍🏽"] == "emoji counts as\none code point"
    assert "Disagrees" in notes["An NGO monitor"] and "Arg2:T1" in notes["An NGO monitor"]
    assert "Negated" in notes["NGO monitor"]
    assert any("equivalence" in w for w in result.warnings)


def test_labels_become_codes_or_match_existing_ones(sample, folder):
    existing = ProjectData(codebook=sample.codebook)
    data = import_data(folder, "brat", existing=existing).data
    official = sample.codebook.by_name("government official")[0]
    # "government_official" is the brat label of that existing code
    assert any(a.code_id == official.id for a in data.annotations)
    assert data.codebook.by_path("NGO") is not None  # unknown label: a new code


def test_pattern_with_coder_folders(tmp_path, folder):
    for coder in ("Ana", "Bo"):
        (tmp_path / coder).mkdir()
        shutil.copy(folder / "article_two_Ana.ann", tmp_path / coder / "article_two.ann")
    shutil.copy(folder / "article_two.txt", tmp_path / "article_two.txt")
    data = import_data(tmp_path, "brat", coder_from_filename="{coder}/{document}.ann").data
    assert {c.name for c in data.coders} == {"Ana", "Bo"}
    assert len(data.annotations) == 6


def test_unmatched_ann_file_is_reported(tmp_path, folder):
    shutil.copy(folder / "article_two_Ana.ann", tmp_path / "nothing_here.ann")
    shutil.copy(folder / "article_two.txt", tmp_path / "article_two.txt")
    result = import_data(tmp_path, "brat")
    assert not result.data.annotations
    assert any("nothing_here.ann" in w for w in result.warnings)


def test_export_writes_one_ann_per_document_and_coder(tmp_path, sample):
    written = export_data(sample, "brat", tmp_path / "b")
    anns = sorted(p.relative_to(tmp_path / "b").as_posix() for p in written if p.suffix == ".ann")
    assert len(anns) == 4  # d1: Ana, Bo; d2: Ana, Bo, each in the coder's folder
    assert all(
        " " not in line.split("\t")[1].split(" ")[0]
        for p in written
        if p.suffix == ".ann"
        for line in p.read_text("utf-8").splitlines()
        if line.startswith("T")
    )
    # offsets in the .ann match the .txt as read back byte for byte
    for p in written:
        if p.suffix != ".ann":
            continue
        txt = p.with_suffix(".txt")
        raw = txt.read_bytes()
        assert b"\r" not in raw  # written as stored, whatever the platform's line ending
        text = raw.decode("utf-8")
        for line in p.read_text("utf-8").splitlines():
            if line.startswith("T"):
                _, mid, quote = line.split("\t")
                frags = mid.split(" ", 1)[1].split(";")
                assert (
                    " ".join(text[int(s) : int(e)] for s, e in (f.split() for f in frags)).replace("\n", " ")
                    == quote
                )


@pytest.mark.parametrize(
    "line, message",
    [
        ("T1\tNGO 5\tx", "not a valid brat text-bound annotation"),
        ("T1\tNGO 0 9999\tx", "outside the text"),
        ("Q1\tsomething", "not a brat annotation type"),
        ("#1\tAnnotatorNotes", "not a valid brat note"),
    ],
)
def test_malformed_ann_names_file_and_line(tmp_path, line, message, folder):
    shutil.copy(folder / "article_two.txt", tmp_path / "doc.txt")
    (tmp_path / "doc.ann").write_text("T9\tNGO 0 9\tCeasefire\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match=message) as err:
        import_data(tmp_path, "brat")
    assert "doc.ann line 2" in str(err.value)


def test_text_that_is_not_utf8_is_refused(tmp_path):
    (tmp_path / "doc.txt").write_bytes("Zürich".encode("latin-1"))
    (tmp_path / "doc.ann").write_text("T1\tX 0 3\tZür\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match="not UTF-8"):
        import_data(tmp_path, "brat")


def test_folder_without_ann_files(tmp_path):
    (tmp_path / "doc.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ExchangeError, match="no .ann files"):
        import_data(tmp_path, "brat")


def test_helpers():
    assert brat_label(["Source type", "NGO / monitor"]) == "Source_type.NGO_monitor"
    assert safe_filename('a/b:c*?"<>|\x00 CON') == "abc CON"
    assert safe_filename("con.txt") == "_con.txt"
    assert unescape_note("a\\\\nb\\nc") == "a\\nb\nc"


def test_reimport_into_the_source_project_keeps_the_project_ids(tmp_path, sample):
    """brat cannot carry ids: annotations the project has are matched by
    document, coder, code and offsets, so importing them again adds nothing."""
    export_data(sample, "brat", tmp_path / "b")
    back = import_data(tmp_path / "b", "brat", existing=sample).data
    assert sorted(a.id for a in back.annotations) == sorted(a.id for a in sample.annotations)


def test_annotation_conf_lists_the_code_tree(tmp_path, sample):
    export_data(sample, "brat", tmp_path / "b")
    conf = (tmp_path / "b" / "annotation.conf").read_text("utf-8").splitlines()
    assert "!Frames" in conf and "\tFrames-appeasement" in conf  # a group is a heading in brat
    assert not any("Tone" in line for line in conf)  # article-level codes are not span types
