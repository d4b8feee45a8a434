"""Security review checks (issue 10, item 7; findings in SECURITY.md):
archives, XML, HTML, spreadsheet formulas. Hostile inputs are built here or
kept in tests/data/malformed."""

from __future__ import annotations

import csv
import io
import re
import stat
import zipfile
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError, ExchangeError
from annotator.core.models import Document
from annotator.exchange import export_data, import_data
from annotator.ingest.reading import read_sources
from annotator.ingest.registry import ReadFailure
from annotator.store.project import Project
from tests.hardening.helpers import coded_exchange_project

FORMULA = re.compile(r"^[=+@\t\r]|^-(?!\d+(\.\d*)?$)")
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>"
)


# --- zip archives in the article import -----------------------------------------------------


def _patch_sizes(data: bytes, name: bytes, new_size: int) -> bytes:
    """Make the headers of member ``name`` claim ``new_size`` uncompressed bytes."""
    buf = bytearray(data)
    for magic, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = 0
        while (pos := buf.find(magic, pos)) >= 0:
            name_len_at = 26 if magic == b"PK\x03\x04" else 28
            name_len = int.from_bytes(buf[pos + name_len_at : pos + name_len_at + 2], "little")
            name_at = pos + (30 if magic == b"PK\x03\x04" else 46)
            if bytes(buf[name_at : name_at + name_len]) == name:
                buf[pos + size_at : pos + size_at + 4] = new_size.to_bytes(4, "little")
            pos += 4
    return bytes(buf)


def test_zip_member_that_lies_about_its_size_is_not_expanded(tmp_path):
    real = b"The minister said the strikes hit 11 targets. " * 2000  # 94 KB
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("liar.txt", real)
    path = tmp_path / "liar.zip"
    path.write_bytes(_patch_sizes(buf.getvalue(), b"liar.txt", 100))
    results = list(read_sources([path]))
    assert results and all(isinstance(r, ReadFailure) for r in results)
    assert all("\n" not in r.reason and "unexpected" not in r.reason for r in results)


def test_zip_members_are_never_written_to_disk(tmp_path):
    """The ingest reader unpacks members in memory: an archive with a traversal
    name creates no file anywhere, even beside the archive."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../escaped.txt", "The minister said so, according to the agency.")
        zf.writestr("ok.txt", "The minister said so, according to the agency. Fine.")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    path = inner / "batch.zip"
    path.write_bytes(buf.getvalue())
    before = sorted(tmp_path.rglob("*"))
    results = list(read_sources([path]))
    assert sorted(tmp_path.rglob("*")) == before
    assert [r.title or r.text[:20] for r in results if isinstance(r, Document)]
    assert any(isinstance(r, ReadFailure) and "outside the archive" in r.reason for r in results)


def test_symlinked_folder_and_file_in_a_batch_folder_are_not_followed_outside(tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwords.txt").write_text("The minister's password is hunter2, said the agency.")
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "article.txt").write_text("The minister said the strikes hit 11 targets.")
    (batch / "linked_folder").symlink_to(secret, target_is_directory=True)
    (batch / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    texts = [r.text for r in read_sources([batch]) if isinstance(r, Document)]
    assert texts == ["The minister said the strikes hit 11 targets."]


# --- REFI-QDA projects ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def qdpx(tmp_path_factory) -> bytes:
    d = tmp_path_factory.mktemp("qdpx")
    from annotator.services.exchange import project_data

    with coded_exchange_project(d / "p.annotator") as p:
        export_data(project_data(p), "qdpx", d / "p.qdpx")
    return (d / "p.qdpx").read_bytes()


def _rezip(seed: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(seed))
    members = {i.filename: src.read(i) for i in src.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in change(members).items():
            if isinstance(name, zipfile.ZipInfo):
                zf.writestr(name, data)
            else:
                zf.writestr(name, data)
    return out.getvalue()


def _qde_name(members: dict) -> str:
    return next(n for n in members if isinstance(n, str) and n.lower().endswith(".qde"))


def _import(tmp_path: Path, data: bytes, name: str = "hostile.qdpx"):
    path = tmp_path / name
    path.write_bytes(data)
    return import_data(path, "qdpx")


def test_qdpx_seed_imports(tmp_path, qdpx):
    assert _import(tmp_path, qdpx).data.annotations


@pytest.mark.parametrize(
    "doctype",
    [
        LAUGHS,
        '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>',
    ],
)
def test_qdpx_xml_entities_are_refused(tmp_path, qdpx, doctype):
    def change(members):
        name = _qde_name(members)
        xml = members[name].decode("utf-8")
        head, sep, rest = xml.partition("?>")
        members[name] = (head + sep + doctype + rest).encode("utf-8")
        return members

    with pytest.raises(ExchangeError, match="XML entities or external references"):
        _import(tmp_path, _rezip(qdpx, change))


@pytest.mark.parametrize("bad", ["../evil.txt", "/abs/evil.txt", "sources/../../evil.txt", "C:/evil.txt"])
def test_qdpx_with_unsafe_member_path_is_refused(tmp_path, qdpx, bad):
    def change(members):
        members[bad] = b"evil"
        return members

    with pytest.raises(ExchangeError, match="unsafe path|outside the archive"):
        _import(tmp_path, _rezip(qdpx, change))
    assert not (tmp_path.parent / "evil.txt").exists()


def test_qdpx_decompression_bomb_is_refused(tmp_path, qdpx):
    def change(members):
        members["sources/zeros.txt"] = b"0" * (8 << 20)
        return members

    with pytest.raises(ExchangeError, match="decompression bomb"):
        _import(tmp_path, _rezip(qdpx, change))


def test_qdpx_external_and_linked_sources_are_not_read(tmp_path, qdpx):
    """A source pointing outside the archive is skipped with a warning; a
    symbolic-link member is read as the link's own bytes, never followed."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET local file")

    def change(members):
        name = _qde_name(members)
        xml = members[name].decode("utf-8")
        xml = re.sub(
            r'plainTextPath="internal://[^"]+"', f'plainTextPath="absolute://{secret}"', xml, count=1
        )
        members[name] = xml.encode("utf-8")
        src = sorted(n for n in members if isinstance(n, str) and n.startswith("sources/"))
        if src:
            link = zipfile.ZipInfo(src[-1])
            link.create_system = 3
            link.external_attr = (stat.S_IFLNK | 0o777) << 16
            del members[src[-1]]
            members[link] = str(secret).encode()
        return members

    try:
        result = _import(tmp_path, _rezip(qdpx, change))
    except AnnotatorError as exc:
        assert "TOP SECRET" not in str(exc)
        return
    for d in result.data.documents:
        assert "TOP SECRET" not in d.text
    assert any("outside the project file" in w for w in result.warnings)


# --- Word documents -------------------------------------------------------------------------


def test_docx_external_entity_is_not_resolved():
    corpus = Path(__file__).resolve().parents[1] / "data" / "malformed"
    passwd_line = (
        Path("/etc/passwd").read_text().splitlines()[0] if Path("/etc/passwd").exists() else "root:x:"
    )
    for r in read_sources([corpus / "xxe.docx", corpus / "billion_laughs.docx"]):
        if isinstance(r, Document):
            assert passwd_line not in r.text and "lollol" not in r.text


# --- HTML ------------------------------------------------------------------------------------


@pytest.mark.gui
def test_document_title_is_shown_as_plain_text(qtbot):
    from PySide6.QtCore import Qt

    from annotator.gui.workbench.article_view import ArticleView

    view = ArticleView()
    qtbot.addWidget(view)
    view.show_document(Document(text="Body.", title='<img src="/etc/x.png"><b>Bold</b> title'))
    assert view.title.textFormat() == Qt.TextFormat.PlainText or view.title.text().startswith("&lt;")


# --- formulas in exports -----------------------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://evil/","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    from annotator.core.codebook import Code
    from annotator.core.models import Annotation, Coder, DocumentCode

    path = tmp_path_factory.mktemp("formulas") / "f.annotator"
    with Project.create(path) as p:
        group = p.codes.add_code(Code("=Frames"))
        codes = [
            p.codes.add_code(Code(f"{h[:12]} {i}", parent_id=group.id)).id for i, h in enumerate(HOSTILE)
        ]
        var = p.codes.add_code(Code("@tone", scope="document", exclusive=True))
        value = p.codes.add_code(Code("=negative", parent_id=var.id, scope="document"))
        coders = [p.add_coder(Coder(n)).id for n in ("=alice", "+bob")]
        docs = [
            Document(
                text=f"{h} The minister said so. {i}", title=h, outlet=h, author=h, url="http://x/" + str(i)
            )
            for i, h in enumerate(HOSTILE)
        ]
        p.documents.add_documents(docs)
        for d in docs:
            for c in coders:
                p.annotations.add_annotation(Annotation(d.id, c, codes[0], 0, 6, note=HOSTILE[0]))
                p.annotations.add_annotation(Annotation(d.id, c, codes[1], 8, 14, note=HOSTILE[1]))
                p.annotations.set_document_code(DocumentCode(d.id, c, value.id, note=HOSTILE[3]))
    return path


def _assert_csv_safe(path: Path) -> int:
    cells = 0
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.reader(fh):
            for cell in row:
                cells += 1
                assert not FORMULA.match(cell), (path.name, cell)
    return cells


def test_csv_and_xlsx_exports_never_hold_a_formula(tmp_path, hostile_project):
    import openpyxl

    from annotator.services.exchange import project_data

    with Project.open(hostile_project, readonly=True) as p:
        data = project_data(p)
    written = export_data(data, "csv", tmp_path / "codings.csv")
    assert sum(_assert_csv_safe(f) for f in written if f.suffix == ".csv") > 50
    xlsx = export_data(data, "xlsx", tmp_path / "codings.xlsx")[0]
    wb = openpyxl.load_workbook(xlsx)
    checked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    checked += 1
                    assert not FORMULA.match(cell.value), (ws.title, cell.coordinate, cell.value)
    assert checked > 50
    # and the data comes back exactly: escaping is undone on import
    from annotator.exchange.untrusted import unescape_cell

    with open(tmp_path / "codings.csv", newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    notes = {unescape_cell(r["note"]) for r in rows if "note" in r}
    assert HOSTILE[0] in notes


def test_agreement_report_and_matrix_exports_never_hold_a_formula(tmp_path, hostile_project):
    import openpyxl

    from annotator.reporting import write_report
    from annotator.services.agreement import agreement_report, export_reliability_matrix

    with Project.open(hostile_project, readonly=True) as p:
        report = agreement_report(p, unit="document")
        write_report(report, tmp_path / "agreement.csv")
        write_report(report, tmp_path / "agreement.xlsx")
        code = next(c for c in p.codes.codebook() if c.name.endswith(" 0"))
        export_reliability_matrix(p, tmp_path / "matrix.csv", code=code.id)
        export_reliability_matrix(p, tmp_path / "matrix_labels.csv", code=code.id, labels=True)
    assert len(list(tmp_path.glob("*.csv"))) == 3
    for f in tmp_path.glob("*.csv"):
        assert _assert_csv_safe(f) > 5
    wb = openpyxl.load_workbook(tmp_path / "agreement.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_agreement_csv_with_a_carriage_return_in_a_code_name(tmp_path):
    from annotator.core.codebook import Code
    from annotator.core.models import Annotation, Coder
    from annotator.reporting import write_report
    from annotator.services.agreement import agreement_report

    with Project.create(tmp_path / "cr.annotator") as p:
        code = p.codes.add_code(Code("Frame\r=1+1+cmd|calc!A0"))
        coders = [p.add_coder(Coder(n)).id for n in ("a", "b")]
        docs = [Document(text=f"The minister said so {i}.") for i in range(3)]
        p.documents.add_documents(docs)
        for d in docs:
            for c in coders:
                p.annotations.add_annotation(Annotation(d.id, c, code.id, 0, 3))
        write_report(agreement_report(p, unit="document"), tmp_path / "agreement.csv")
    _assert_csv_safe(tmp_path / "agreement.csv")
    with open(tmp_path / "agreement.csv", newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 2  # header and one variable


def test_reading_hostile_files_opens_no_network_connection(monkeypatch, tmp_path, qdpx):
    """DESIGN.md: no network access anywhere. HTML with remote images, styles and
    frames, Word files with external entities and a qdpx with a remote DTD are
    read without a single connection attempt."""
    import socket

    attempts: list[object] = []

    def refuse(self, address, *a, **k):
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    corpus = Path(__file__).resolve().parents[1] / "data" / "malformed"
    list(read_sources([corpus / n for n in ("active_content.html", "entity_bomb.html", "xxe.docx")]))

    def change(members):
        name = _qde_name(members)
        head, sep, rest = members[name].decode("utf-8").partition("?>")
        members[name] = (head + sep + '<!DOCTYPE r SYSTEM "http://127.0.0.1:9/x.dtd">' + rest).encode("utf-8")
        return members

    try:
        _import(tmp_path, _rezip(qdpx, change))
    except AnnotatorError:
        pass
    assert attempts == []
