"""Files from elsewhere: formula injection, zip traversal and bombs, hostile XML."""

from __future__ import annotations

import csv
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from annotator.core.errors import ExchangeError
from annotator.exchange import export_data, import_data
from annotator.exchange.untrusted import SafeZip, escape_cell, unescape_cell

from .conftest import DATA

# --- spreadsheets --------------------------------------------------------------

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _assert_no_formula(value):
    if isinstance(value, str) and value:
        assert not value.startswith(DANGEROUS) or value.lstrip("+-").replace(".", "", 1).isdigit(), value


def test_csv_cells_cannot_run_as_formulas(tmp_path, sample):
    paths = export_data(sample, "csv", tmp_path / "a.csv")
    seen = set()
    for p in paths:
        with p.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for value in row:
                    _assert_no_formula(value)
                    seen.add(value)
    assert "'=Die Zeit" in seen  # outlet
    assert any(v.startswith("'=HYPERLINK") for v in seen)  # note
    assert "'@mild" in seen and "-2" in seen  # a number stays a number


def test_xlsx_cells_cannot_run_as_formulas(tmp_path, sample):
    (path,) = export_data(sample, "xlsx", tmp_path / "a.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["annotations", "article codes", "codebook", "documents"]
    formulas = [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    values = {c.value for ws in wb for row in ws.iter_rows() for c in row}
    for v in values:
        _assert_no_formula(v)
    assert "'=Die Zeit" in values
    ann = wb["annotations"]
    header = [c.value for c in ann[1]]
    assert ann.max_row == 1 + len(sample.annotations)
    quotes = [row[header.index("quote")] for row in ann.iter_rows(min_row=2, values_only=True)]
    assert "spokesperson for the UN 🇺🇳" in quotes


def test_xlsx_drops_control_characters_and_cuts_long_cells(tmp_path, sample):
    sample.annotations[0].note = "bell\x07 " + "x" * 40_000
    (path,) = export_data(sample, "xlsx", tmp_path / "a.xlsx")
    ws = load_workbook(path)["annotations"]
    header = [c.value for c in ws[1]]
    notes = [r[header.index("note")] for r in ws.iter_rows(min_row=2, values_only=True)]
    long = next(n for n in notes if n and n.startswith("bell"))
    assert "\x07" not in long and len(long) == 32_767


@given(st.text())
def test_escape_cell_round_trips_and_is_safe(value):
    escaped = escape_cell(value)
    assert unescape_cell(escaped) == value
    if escaped and escaped.startswith(DANGEROUS):
        float(escaped)  # only plain numbers stay unquoted


# --- zip archives ------------------------------------------------------------------


def _zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("name", ["../evil.txt", "sources/../../evil.txt", "/etc/passwd", "C:/evil.txt"])
def test_zip_path_traversal_is_refused(tmp_path, name):
    path = _zip(
        tmp_path / "t.qdpx",
        {"project.qde": b"<Project name='x' xmlns='urn:QDA-XML:project:1.0'/>", name: b"x"},
    )
    with pytest.raises(ExchangeError, match="unsafe path"):
        import_data(path, "qdpx")


def test_zip_bomb_is_refused(tmp_path):
    path = _zip(
        tmp_path / "bomb.qdpx", {"project.qde": b"<Project name='x'/>", "sources/a.txt": b"\0" * 50_000_000}
    )
    with pytest.raises(ExchangeError, match="decompression bomb"):
        import_data(path, "qdpx")


def test_zip_size_is_checked_on_what_is_read_not_what_headers_say(tmp_path):
    path = _zip(tmp_path / "z.zip", {"a.txt": b"a" * 5000})
    with SafeZip(path, max_member_bytes=10_000) as zf:
        zf.max_member_bytes = 100  # as if the header had lied about the size
        with pytest.raises(ExchangeError, match="more than the size allowed"):
            zf.read("a.txt")


def test_not_a_zip(tmp_path):
    (tmp_path / "x.qdpx").write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ExchangeError, match="not a readable zip"):
        import_data(tmp_path / "x.qdpx", "qdpx")


def test_zip_without_project(tmp_path):
    path = _zip(tmp_path / "x.qdpx", {"readme.txt": b"hello"})
    with pytest.raises(ExchangeError, match="no project.qde"):
        import_data(path, "qdpx")


# --- XML -------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="5215cc69-b628-4e02-afb9-9beeaee55808"
 name="&xxe;" isCodable="true"/></Codes></CodeBook>"""


def test_entity_expansion_is_refused(tmp_path):
    path = _zip(tmp_path / "lol.qdpx", {"project.qde": BILLION_LAUGHS})
    with pytest.raises(ExchangeError, match="entities"):
        import_data(path, "qdpx")


def test_external_entities_are_refused(tmp_path):
    (tmp_path / "x.qdc").write_bytes(XXE)
    with pytest.raises(ExchangeError, match="entities or external references"):
        import_data(tmp_path / "x.qdc", "qdc")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"<CodeBook><Codes><Code", "not well-formed XML"),
        (b"<Project name='x'/>", "not a REFI-QDA codebook"),
        (
            b"<CodeBook><Codes><Code name='a' isCodable='true'/></Codes></CodeBook>",
            "has no guid",  # one that is not a GUID is given one (test_refi_programs)
        ),
        (b"\xff\xfe\x00garbage", "not well-formed XML"),
        (b"", "not well-formed XML"),
    ],
)
def test_malformed_qdc_is_one_sentence(tmp_path, content, message):
    (tmp_path / "x.qdc").write_bytes(content)
    with pytest.raises(ExchangeError, match=message) as err:
        import_data(tmp_path / "x.qdc", "qdc")
    assert "x.qdc" in str(err.value)


def test_bad_positions_in_qdpx_name_the_source(tmp_path):
    with zipfile.ZipFile(DATA / "atlas_style.qdpx") as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["Project.qde"] = members["Project.qde"].replace(b'startPosition="', b'startPosition="x', 1)
    path = _zip(tmp_path / "bad.qdpx", members)
    with pytest.raises(ExchangeError, match="source 'Mabel.txt'.*not whole numbers"):
        import_data(path, "qdpx")


def test_positions_outside_the_text_are_skipped_with_a_warning(tmp_path):
    with zipfile.ZipFile(DATA / "atlas_style.qdpx") as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["Project.qde"] = members["Project.qde"].replace(b'endPosition="', b'endPosition="9999', 1)
    result = import_data(_zip(tmp_path / "bad.qdpx", members), "qdpx")
    assert any("outside the text" in w for w in result.warnings)
    assert len(result.data.annotations) == 2
