"""Builders for the binary fixtures (Word, PDF), made on the fly so that only
small text fixtures are committed."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from tests.data_paths import SEED

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"


def make_docx(paragraphs: list[str], title: str = "", heading: str = "") -> bytes:
    document = docx.Document()
    if heading:
        document.add_heading(heading, level=0)
    for p in paragraphs:
        document.add_paragraph(p)
    if title:
        document.core_properties.title = title
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _pdf_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], title: str = "") -> bytes:
    """A small but genuine PDF: Helvetica text, one content stream per page."""
    objects: list[bytes] = []
    n_pages = len(pages)
    page_ids = [4 + 2 * i for i in range(n_pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        content = "BT /F1 11 Tf 72 740 Td 14 TL " + " ".join(f"({_pdf_escape(ln)}) '" for ln in lines) + " ET"
        data = content.encode("cp1252")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page_ids[i] + 1} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    info_id = None
    if title:
        objects.append(f"<< /Title ({_pdf_escape(title)}) >>".encode())
        info_id = len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = (
        f"<< /Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {info_id} 0 R" if info_id else "") + " >>"
    )
    out += b"trailer\n" + trailer.encode() + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypt_pdf(data: bytes, password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def encrypt_docx(data: bytes, password: str) -> bytes:
    msoffcrypto = pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool makes encrypted Word files")
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    del msoffcrypto
    return out.getvalue()


def make_xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def build_mixed_folder(folder: Path) -> dict[str, int]:
    """A batch folder mixing every format with the bad files of issue 3.

    Returns the number of documents and of failures that reading it must give,
    so an import test can check its report against them.
    """
    import zipfile

    folder.mkdir(parents=True, exist_ok=True)
    sub = folder / "more articles"
    sub.mkdir(exist_ok=True)
    seed = SEED.read_bytes()
    good = {
        "seed.txt": seed,
        "note.md": b"# A Markdown article\n\nIts body, in one paragraph.\n",
        "latin1.txt": "Le caf\u00e9 \u00e9tait tr\u00e8s bon \u00e0 Z\u00fcrich.".encode("latin-1"),
        "cp1252.txt": "He said \u201cthis is the end\u201d \u2013 and left.".encode("cp1252"),
        "utf16.txt": "A UTF-16 article with a BOM: \u6771\u4eac.".encode("utf-16"),
        "page.html": (DATA / "voa_article.html").read_bytes(),
        "report.docx": make_docx(["A Word article.", "Its second paragraph."], heading="Word headline"),
        "report.pdf": make_pdf([["A PDF article with a text layer."]], title="PDF headline"),
        "nexis.txt": (DATA / "lexis_academic_export.txt").read_bytes(),  # 2 articles
        "factiva.txt": (DATA / "factiva_export.txt").read_bytes(),  # 2 articles
        "table.csv": b"title,text\nRow one,First row article.\nRow two,Second row article.\n",  # 2
        "table.tsv": b"title\ttext\nTab row\tA tab-separated article.\n",
        "objects.json": (DATA / "guardian_api.json").read_bytes(),  # 2
        "sheet.xlsx": make_xlsx([["title", "text"], ["Sheet row", "An article from a spreadsheet."]]),
    }
    for name, data in good.items():
        (sub if name.endswith((".csv", ".tsv", ".json")) else folder).joinpath(name).write_bytes(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zipped/one.txt", "An article inside a zip archive.")
        zf.writestr("../escape.txt", "Trying to leave the archive.")  # 1 failure
    (folder / "archive.zip").write_bytes(buf.getvalue())
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "notext.csv": b"title,date\nA,2015-10-07\n",
        "broken.json": b'[{"text": "fine"}, {"text": ',
        "login.html": (DATA / "no_article.html").read_bytes(),
        "corrupt.pdf": b"%PDF-1.4\n" + b"\x00garbage\xff" * 50,
        "locked.pdf": encrypt_pdf(make_pdf([["Secret."]]), "secret"),
        "corrupt.docx": b"PK\x03\x04" + b"\x00" * 100,
        "bomb.zip": _bomb(),
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    # broken.json gives its first item and a failure for the rest
    documents = 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 2 + 2 + 2 + 1 + 2 + 1 + 1 + 1
    return {"documents": documents, "failures": len(bad) + 1}


def _bomb() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", b"\0" * (30 << 20))
    return buf.getvalue()
