"""Write the malformed-input corpus (issue 10, item 4): small hostile or broken
files for every importer, each under 50 KB.

    python tests/data/malformed/make_corpus.py

Deterministic, so the committed files can be rebuilt and compared. The
expected outcome per file is in tests/hardening/test_malformed_corpus.py.
"""

from __future__ import annotations

import io
import json
import random
import stat
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RNG = random.Random(10)
GOOD = (
    "The minister said the strikes hit 11 targets near Aleppo on Tuesday.\n\n"
    "Rebels denied the claim, according to a statement from their spokesman.\n"
)

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + "]>\n"
)
XXE = '<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'


def _zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for info, data in entries:
            if isinstance(info, str):  # a fixed time stamp keeps the bytes reproducible
                info = zipfile.ZipInfo(info, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = compression
            zf.writestr(info, data)
    return buf.getvalue()


def _docx(document_xml: str) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
        'application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    return _zip(
        [
            ("[Content_Types].xml", content_types.encode()),
            ("_rels/.rels", rels.encode()),
            ("word/document.xml", document_xml.encode()),
        ]
    )


def _encrypted(data: bytes) -> bytes:
    """Set the "encrypted" flag in the local and central headers (zipfile
    cannot write encrypted members)."""
    buf = bytearray(data)
    for magic, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = buf.find(magic)
        buf[at + offset] |= 0x1
    return bytes(buf)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _word_body(text: str) -> str:
    return f"<w:document {W}><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"


def _xlsx(sheet_xml: str) -> bytes:
    """A minimal workbook: one sheet, inline strings, no styles."""
    ns = "http://schemas.openxmlformats.org"
    types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    )
    rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    book = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>'
    )
    book_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    )
    return _zip(
        [
            ("[Content_Types].xml", types.encode()),
            ("_rels/.rels", rels.encode()),
            ("xl/workbook.xml", book.encode()),
            ("xl/_rels/workbook.xml.rels", book_rels.encode()),
            ("xl/worksheets/sheet1.xml", sheet_xml.encode()),
        ]
    )


def _sheet(dimension: str, cells: list[tuple[str, str]]) -> str:
    rows: dict[int, list[str]] = {}
    for ref, text in cells:
        number = int("".join(ch for ch in ref if ch.isdigit()))
        rows.setdefault(number, []).append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
    body = "".join(f'<row r="{n}">{"".join(c)}</row>' for n, c in sorted(rows.items()))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'
    )


def _yaml_codes(lines: list[str]) -> bytes:
    return ("name: hostile\nversion: 1\ncodes:\n" + "".join(line + "\n" for line in lines)).encode()


def files() -> dict[str, bytes]:
    RNG.seed(10)  # the same bytes on every call
    out: dict[str, bytes] = {}
    # --- plain text
    out["empty.txt"] = b""
    out["whitespace_only.txt"] = b" \n\t\r\n   \n"
    out["bom_only.txt"] = b"\xef\xbb\xbf"
    out["binary_noise.txt"] = bytes(RNG.randrange(256) for _ in range(4096))
    out["nul_bytes.txt"] = GOOD.encode().replace(b" ", b"\x00", 5)
    out["mixed_encodings.txt"] = GOOD.encode() + "Genève, Zürich".encode("latin-1") + "Zoë 😀".encode()
    out["lone_surrogates.txt"] = b"caf\xed\xa0\x80 \xed\xb0\x80 " + GOOD.encode()
    out["utf16_truncated.txt"] = ("\ufeff" + GOOD).encode("utf-16-le")[:-1]
    out["control_chars.txt"] = ("\x1b[31m" + GOOD + "\x07\x0b\x0c\u202e\u200b").encode()
    out["one_huge_line.txt"] = ("word " * 9000).encode()
    # --- CSV
    out["unclosed_quote.csv"] = b'title,text\n"A","' + GOOD.encode() + b"\n"
    out["no_text_column.csv"] = b"headline,body_html\nA,<p>x</p>\n"
    out["header_only.csv"] = b"title,text\n"
    out["ragged_rows.csv"] = b'title,text\nA,"' + GOOD.encode() + b'",extra,extra\nB\n,,,,\n'
    out["formula_cells.csv"] = (
        'title,text\n"=HYPERLINK(""http://x"",""y"")","'
        + GOOD
        + '"\n"+cmd|\' /C calc\'!A0","@SUM(1+1)*cmd"\n'
    ).encode()
    out["nul_in_csv.csv"] = b"title,text\nA,\x00\x00" + GOOD.encode() + b"\n"
    # a quote opened in row 7 (the header is row 1) and never closed, with rows after it
    out["unclosed_quote_row7.csv"] = (
        "title,text\n"
        + "".join(f"T{i},Article {i}. {GOOD.splitlines()[0]}\n" for i in range(5))
        + 'T5,"This quote is never closed. '
        + GOOD
        + "".join(f"T{i},Article {i} after the quote.\n" for i in range(6, 9))
    ).encode()
    out["latin1.csv"] = ("title,text\nGenève,Zürich " + GOOD.replace("\n", " ") + "\n").encode("latin-1")
    # --- JSON / JSON Lines
    out["truncated.json"] = json.dumps([{"title": "A", "text": GOOD}] * 3).encode()[:-17]
    out["scalar.json"] = b"42"
    out["deep_nesting.json"] = b"[" * 5000 + b"]" * 5000
    out["wrong_types.json"] = json.dumps(
        [
            {"title": 5, "text": None},
            {"title": ["x"], "text": {"a": 1}},
            {"text": 123.5},
            {"title": "ok", "text": GOOD},
        ]
    ).encode()
    out["huge_number.json"] = (
        b'[{"title": "A", "text": "'
        + GOOD.encode().replace(b"\n", b"\\n")
        + b'", "n": '
        + b"9" * 5000
        + b"}]"
    )
    out["mixed_lines.jsonl"] = b"\n".join(
        [
            json.dumps({"title": "fine", "text": GOOD}).encode(),
            b"{not json",
            b"[]",
            b"null",
            json.dumps({"title": "no text"}).encode(),
            b"\xff\xfe\x00",
            json.dumps({"text": GOOD + " 2"}).encode(),
        ]
    )
    # --- HTML
    out["script_only.html"] = (
        b"<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>"
    )
    out["unclosed_tags.html"] = ("<html><body><div><p>" + GOOD + "<p><b><i><table><tr><td>").encode()
    out["entity_bomb.html"] = (
        LAUGHS.replace('<?xml version="1.0"?>\n', "")
        + "<html><body><p>&lol9;</p><p>"
        + GOOD
        + "</p></body></html>"
    ).encode()
    out["active_content.html"] = (
        '<html><body><p onclick="steal()">' + GOOD + '</p><img src="http://tracker/x.gif">'
        '<iframe src="javascript:alert(1)"></iframe><a href="javascript:evil()">link</a>'
        "<style>body{background:url(http://tracker/)}</style></body></html>"
    ).encode()
    out["binary.html"] = b"<html>" + bytes(RNG.randrange(256) for _ in range(2048))
    # --- Word
    out["not_a_zip.docx"] = b"PK\x03\x04" + bytes(RNG.randrange(256) for _ in range(1024))
    out["no_document_part.docx"] = _zip([("hello.txt", b"hello")])
    out["xxe.docx"] = _docx(XXE + _word_body("Before &xxe; after. " + GOOD.replace("\n", " ")))
    out["billion_laughs.docx"] = _docx(LAUGHS + _word_body("&lol9; " + GOOD.replace("\n", " ")))
    out["truncated.docx"] = _docx(_word_body(GOOD.replace("\n", " ")))[:-200]
    # --- PDF
    out["header_only.pdf"] = b"%PDF-1.7\n"
    out["truncated.pdf"] = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages"
    )
    # --- Excel: a cell at the last column and row Excel allows, one far to the right in the header
    out["far_cell.xlsx"] = _xlsx(
        _sheet("A1:XFD1048576", [("A1", "text"), ("A2", GOOD.replace("\n", " ")), ("XFD1048576", "far")])
    )
    out["wide_header.xlsx"] = _xlsx(
        _sheet("A1:XFD2", [("A1", "text"), ("XFD1", "far"), ("A2", GOOD.replace("\n", " "))])
    )
    # --- YAML codebooks (issue 13): aliases, nesting, text YAML can hold but no codebook can
    bomb = ["a: &a [" + ",".join(["x"] * 9) + "]"]
    bomb += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    out["alias_bomb.yaml"] = ("\n".join(bomb) + "\ncodes:\n  - name: *i\n").encode()
    out["recursive_alias.yaml"] = b"codes: &c\n  - name: loop\n    children: *c\n"
    out["deep_nesting.yaml"] = b"codes: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    out["lone_surrogate.yaml"] = _yaml_codes(['  - name: "caf\\ud800"'])
    out["odd_version.yaml"] = _yaml_codes(["  - name: Frames"]).replace(b"version: 1", "version: ²".encode())
    out["huge_version.yaml"] = _yaml_codes(["  - name: Frames"]).replace(
        b"version: 1", b"version: " + b"9" * 40
    )
    out["many_codes.yaml"] = _yaml_codes([f"  - name: code {i}" for i in range(320)])
    out["groups_of_15.yaml"] = _yaml_codes(
        [
            f"  - name: group {g}\n    children:\n"
            + "\n".join(f"      - name: code {g}.{i}" for i in range(15))
            for g in range(20)
        ]
    )
    # --- zip archives
    out["traversal.zip"] = _zip(
        [
            ("../../evil.txt", GOOD.encode()),
            ("/etc/cron.d/evil.txt", GOOD.encode()),
            ("C:\\Windows\\evil.txt", GOOD.encode()),
            ("fine.txt", GOOD.encode()),
        ]
    )
    link = zipfile.ZipInfo("link.txt", date_time=(2020, 1, 1, 0, 0, 0))
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    out["symlink.zip"] = _zip([(link, b"/etc/passwd"), ("real.txt", GOOD.encode())])
    out["bomb.zip"] = _zip([("zeros.txt", b"0" * (4 << 20))])  # 4 MB of zeros in ~4 KB
    out["nested.zip"] = _zip(
        [("inner.zip", _zip([("a.txt", GOOD.encode())])), ("b.txt", GOOD.encode() + b"b")]
    )
    out["truncated.zip"] = _zip([("a.txt", GOOD.encode() * 20), ("b.txt", GOOD.encode())])[:-60]
    out["encrypted_flag.zip"] = _encrypted(
        _zip([("secret.txt", bytes(RNG.randrange(256) for _ in range(40)))], compression=zipfile.ZIP_STORED)
    )
    out["empty.zip"] = _zip([])
    return out


def main() -> None:
    made = files()
    for name, data in made.items():
        assert len(data) < 50_000, name
        (HERE / name).write_bytes(data)
    print(f"wrote {len(made)} files to {HERE}")


if __name__ == "__main__":
    main()
