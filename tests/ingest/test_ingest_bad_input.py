"""The bad-input list of issue 3: each file gets one sentence, and the rest of
the batch still reads."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import pytest

from annotator.core.models import Document
from annotator.ingest import ReadFailure, read_sources
from annotator.ingest import sources as ingest_sources
from tests.ingest.builders import DATA, encrypt_docx, encrypt_pdf, make_docx, make_pdf

GOOD = "A good article that reads whatever else is in the batch."


def read_batch(tmp_path: Path, bad_name: str, bad: bytes) -> tuple[list[Document], list[ReadFailure]]:
    """The bad file between two good ones, as one batch."""
    (tmp_path / "a_good.txt").write_text(GOOD)
    (tmp_path / bad_name).write_bytes(bad)
    (tmp_path / "z_good.txt").write_text(GOOD + " Another one.")
    results = list(read_sources([tmp_path]))
    docs = [r for r in results if isinstance(r, Document)]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    return docs, failures


def assert_one_sentence(reason: str) -> None:
    assert reason.endswith(".")
    assert "\n" not in reason and "Traceback" not in reason


def only_failure(tmp_path: Path, bad_name: str, bad: bytes) -> ReadFailure:
    docs, failures = read_batch(tmp_path, bad_name, bad)
    assert [d.text for d in docs if d.text.startswith(GOOD)] == [GOOD, GOOD + " Another one."]
    assert len(failures) == 1, failures
    assert_one_sentence(failures[0].reason)
    assert bad_name in failures[0].source_path
    return failures[0]


def test_empty_file(tmp_path):
    f = only_failure(tmp_path, "empty.txt", b"")
    assert "is empty" in f.reason


def test_blank_file(tmp_path):
    f = only_failure(tmp_path, "blank.txt", b"  \n\n \t\n")
    assert "is empty" in f.reason


def test_binary_file_named_txt(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    f = only_failure(tmp_path, "photo.txt", png)
    assert "binary" in f.reason


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("latin-1", "Le caf\u00e9 \u00e9tait tr\u00e8s bon \u00e0 Z\u00fcrich, na\u00efve fa\u00e7ade."),
        (
            "cp1252",
            "He said \u201cthis is the end\u201d \u2013 and left\u2026 It cost \u20ac5 at the caf\u00e9.",
        ),
        ("utf-16", "\u041c\u043e\u0441\u043a\u0432\u0430 said \u201cno\u201d; caf\u00e9 \u6771\u4eac."),
        ("utf-8-sig", "A UTF-8 file with a byte-order mark: caf\u00e9."),
    ],
)
def test_legacy_and_bom_encodings_are_decoded(tmp_path, encoding, text):
    body = text * 3
    docs, failures = read_batch(tmp_path, "legacy.txt", body.encode(encoding))
    assert failures == []
    [doc] = [d for d in docs if not d.text.startswith(GOOD)]
    assert doc.text == body


def test_invalid_utf8_is_read_as_windows_1252_rather_than_refused(tmp_path):
    # A UTF-8 export with one Windows-1252 byte pasted in: a common accident.
    bad = "Caf\u00e9 owners said they were \u201cworried\u201d.".encode() + b" Price: \x80 5."
    docs, failures = read_batch(tmp_path, "mixed.txt", bad)
    [doc] = [d for d in docs if not d.text.startswith(GOOD)]
    assert doc.text.endswith("Price: \u20ac 5.")
    assert failures == []


def test_invalid_utf8_in_a_non_western_file_is_refused_or_decoded_without_crashing(tmp_path):
    bad = (
        "\u041c\u043e\u0441\u043a\u0432\u0430 \u0441\u043e\u043e\u0431\u0449\u0438\u043b\u0430".encode() * 20
        + b"\xff\xfe\xfd"
    )
    docs, failures = read_batch(tmp_path, "odd.txt", bad)
    assert len(docs) + len(failures) == 3
    for f in failures:
        assert_one_sentence(f.reason)


def test_csv_without_a_text_column(tmp_path):
    f = only_failure(tmp_path, "notext.csv", b"title,date\nA,2015-10-07\n")
    assert "has no text column" in f.reason and "title, date" in f.reason


def test_csv_with_ragged_rows_reports_those_rows_and_reads_the_rest(tmp_path):
    p = tmp_path / "ragged.csv"
    p.write_text(
        "title,text,date\nA,First text.,2015-10-07\nB,Second text\nC,Third, text,2015-10-08\nD,Fourth text.,2015\n"
    )
    results = list(read_sources([p]))
    docs = [r for r in results if isinstance(r, Document)]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert [d.title for d in docs] == ["A", "D"]
    assert [f.reason.split(" of ")[0] for f in failures] == ["Row 3", "Row 4"]
    assert "2 fields where the header has 3" in failures[0].reason
    for f in failures:
        assert_one_sentence(f.reason)


def test_csv_with_a_10_mb_field_reads(tmp_path):
    p = tmp_path / "bigfield.csv"
    big = ("Word " * 2_100_000).strip() + "."
    with p.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "text"])
        w.writerow(["Small", "A small one."])
        w.writerow(["Big", big])
        w.writerow(["After", "The one after."])
    results = list(read_sources([p]))
    assert [r.title for r in results] == ["Small", "Big", "After"]
    assert len(results[1].text) == len(big) > 10_000_000


def test_csv_with_an_unclosed_quote_swallowing_the_file_is_reported(tmp_path, monkeypatch):
    import csv as csv_module

    p = tmp_path / "unclosed.csv"
    p.write_text('title,text\nA,"Good text."\nB,"Never closed ' + "x" * 5000 + "\nC,More\n")
    old = csv_module.field_size_limit()
    csv_module.field_size_limit(1000)  # the real limit is 64 MB; a small one keeps the test quick
    try:
        results = list(read_sources([p]))
    finally:
        csv_module.field_size_limit(old)
    assert isinstance(results[0], Document) and results[0].title == "A"
    assert isinstance(results[1], ReadFailure) and "stopped being readable after row 2" in results[1].reason


def test_broken_json_file(tmp_path):
    f = only_failure(tmp_path, "broken.json", b'{"articles": [{"text": "fine"}, {"text": "oops"')
    assert "is not valid JSON (line 1" in f.reason


def test_broken_json_array_keeps_the_items_before_the_break(tmp_path):
    p = tmp_path / "cut.json"
    p.write_bytes(b'[{"text": "First item."}, {"text": "Second item."}, {"text": "Cut off')
    results = list(read_sources([p]))
    assert [r.text for r in results if isinstance(r, Document)] == ["First item.", "Second item."]
    [f] = [r for r in results if isinstance(r, ReadFailure)]
    assert "is not valid JSON after item 2" in f.reason
    p.write_bytes(b'[{"text": "Only item."}] trailing')
    assert "data after the end" in list(read_sources([p]))[-1].reason


def test_broken_jsonl_line_is_reported_and_good_lines_read():
    results = list(read_sources([DATA / "articles.jsonl"]))
    assert sum(isinstance(r, Document) for r in results) == 2
    assert any(isinstance(r, ReadFailure) and r.reason.startswith("Line 2 of") for r in results)


def test_html_with_no_article(tmp_path):
    f = only_failure(tmp_path, "login.html", (DATA / "no_article.html").read_bytes())
    assert "no article text" in f.reason or "no text" in f.reason


def test_corrupt_pdf(tmp_path):
    pdf = make_pdf([["Some text."]])
    f = only_failure(tmp_path, "corrupt.pdf", pdf[:40] + b"\x00garbage\xff" * 50)
    assert "not a readable PDF" in f.reason or "no text layer" in f.reason


def test_password_protected_pdf(tmp_path):
    pdf = encrypt_pdf(make_pdf([["Secret text."]]), "secret")
    f = only_failure(tmp_path, "locked.pdf", pdf)
    assert "password-protected" in f.reason


def test_pdf_encrypted_only_against_editing_opens(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Readable but locked against edits."]]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    docs, failures = read_batch(tmp_path, "owner_only.pdf", buf.getvalue())
    assert failures == []
    assert "Readable but locked against edits." in [d.text for d in docs]


def test_corrupt_docx(tmp_path):
    good = make_docx(["Some text."])
    f = only_failure(tmp_path, "corrupt.docx", good[: len(good) // 2])
    assert "not a readable Word document" in f.reason


def test_docx_that_is_not_a_zip_at_all(tmp_path):
    f = only_failure(tmp_path, "fake.docx", b"This is not a Word file at all, just text.")
    assert "not a readable Word document" in f.reason


def test_password_protected_docx(tmp_path):
    locked = encrypt_docx(make_docx(["Secret text."]), "secret")
    f = only_failure(tmp_path, "locked.docx", locked)
    assert "password-protected" in f.reason


def _zip_bytes(members: dict[str, bytes], **infos) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def test_zip_with_parent_paths_refuses_those_members_and_reads_the_others(tmp_path):
    p = tmp_path / "evil.zip"
    p.write_bytes(
        _zip_bytes(
            {
                "../../etc/evil.txt": b"Escaping text.",
                "/abs/path.txt": b"Absolute.",
                "ok/fine.txt": b"A fine article.",
            }
        )
    )
    results = list(read_sources([p]))
    docs = [r for r in results if isinstance(r, Document)]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert [d.text for d in docs] == ["A fine article."]
    assert len(failures) == 2
    assert all("points outside the archive" in f.reason for f in failures)
    assert not (tmp_path.parent / "etc").exists()


def test_zip_bomb_by_ratio_is_refused(tmp_path):
    f = only_failure(tmp_path, "bomb.zip", _zip_bytes({"zeros.txt": b"\0" * (30 << 20)}))
    assert "decompression bomb" in f.reason


def test_zip_bomb_by_total_size_is_refused(tmp_path, monkeypatch):
    # The real cap is 1 GB; lowering it keeps the test small and fast.
    monkeypatch.setattr(ingest_sources, "ZIP_MAX_TOTAL", 1 << 20)
    members = {f"part{i}.txt": os.urandom(300_000).hex().encode()[:300_000] for i in range(5)}
    f = only_failure(tmp_path, "huge.zip", _zip_bytes(members))
    assert "would expand to" in f.reason


def test_zip_symlinks_and_encrypted_members_are_not_followed(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        link = zipfile.ZipInfo("link.txt")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("locked.txt", b"ciphertext")
        zf.writestr("plain.txt", "Plain article.")
    data = bytearray(buf.getvalue())
    # zipfile cannot encrypt: set the "encrypted" flag of locked.txt in its local
    # and central headers, as an encrypting archiver would
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := data.find(signature, start)) >= 0:
            name_at = i + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 10] == b"locked.txt":
                data[i + flag_offset] |= 0x1
            start = i + 4
    p = tmp_path / "mixed.zip"
    p.write_bytes(bytes(data))
    results = list(read_sources([p]))
    assert [r.text for r in results if isinstance(r, Document)] == ["Plain article."]
    reasons = {Path(r.source_path).name: r.reason for r in results if isinstance(r, ReadFailure)}
    assert "symbolic link" in reasons["link.txt"]
    assert "password-protected" in reasons["locked.txt"]


def test_damaged_zip(tmp_path):
    data = _zip_bytes({"a.txt": b"Article text." * 100})
    f = only_failure(tmp_path, "damaged.zip", data[:30] + b"\xff" * 40 + data[70:])
    assert_one_sentence(f.reason)


@pytest.mark.slow
def test_50_mb_text_file_reads(tmp_path):
    paragraph = (
        "Russia said Wednesday it used four warships in the Caspian Sea to launch rockets at targets "
        "in Syria, and the United States called the strategy tragically flawed. "
    )
    p = tmp_path / "huge.txt"
    with p.open("w", encoding="utf-8") as fh:
        n = 0
        i = 0
        while n < 50 << 20:
            line = f"{i}: {paragraph * 4}\n\n"
            fh.write(line)
            n += len(line)
            i += 1
    [doc] = read_sources([p])
    assert len(doc.text) > 49 << 20
    assert doc.text.startswith("0: Russia said") and doc.cleaning == []


@pytest.mark.parametrize(
    "name",
    [
        "my article.txt",
        "caf\u00e9 \u2013 Z\u00fcrich \u6771\u4eac.txt",
        "-leading-dash.txt",
        "--help.md",
        "  spaces around  .txt",
        "semi;colon & 'quote'.txt",
    ],
)
def test_odd_file_names(tmp_path, name):
    p = tmp_path / name
    p.write_text("An article in an oddly named file.")
    [doc] = read_sources([p])
    assert doc.source_path == str(p)
    [doc] = read_sources([tmp_path])
    assert doc.source_path == str(p)


def test_missing_path_and_unsupported_format(tmp_path):
    (tmp_path / "sheet.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp_path / "notes.rtf").write_text("{\\rtf1 Hello}")
    results = list(read_sources([tmp_path / "nope.txt", tmp_path]))
    assert all(isinstance(r, ReadFailure) for r in results)
    reasons = [r.reason for r in results]
    assert "does not exist" in reasons[0]
    assert any("not a supported article format (.rtf)" in r for r in reasons)
    for r in reasons:
        assert_one_sentence(r)


def test_a_file_that_cleaning_empties_is_reported(tmp_path):
    f = only_failure(tmp_path, "debris.txt", b"Accessibility links\n\nBreaking News\n\nplease wait\n")
    assert "no text left" in f.reason


def test_password_protected_and_corrupt_xlsx(tmp_path):
    from tests.ingest.builders import make_xlsx

    book = make_xlsx([["title", "text"], ["A", "Text."]])
    f = only_failure(tmp_path, "corrupt.xlsx", book[: len(book) // 2])
    assert "not a readable" in f.reason
    (tmp_path / "corrupt.xlsx").unlink()
    f = only_failure(tmp_path, "locked.xlsx", encrypt_docx(book, "secret"))
    assert "password-protected" in f.reason


@pytest.mark.parametrize(("charset", "codec"), [("windows-1252", "cp1252"), ("utf-16", "utf-16")])
def test_html_in_other_encodings(tmp_path, charset, codec):
    html = (DATA / "voa_article.html").read_text(encoding="utf-8")
    html = html.replace('<meta charset="utf-8">', f'<meta charset="{charset}">')
    html = html.replace("Russia, which", "Caf\u00e9 \u201cRussia\u201d, which")
    docs, failures = read_batch(tmp_path, "page.html", html.encode(codec, errors="xmlcharrefreplace"))
    assert failures == []
    assert any("Caf\u00e9 \u201cRussia\u201d, which has been" in d.text for d in docs)


def test_a_single_path_string_is_one_path(tmp_path):
    p = tmp_path / "one.txt"
    p.write_text("Just one article.")
    assert [d.text for d in read_sources(str(p))] == ["Just one article."]


def test_archive_inside_an_archive_is_reported(tmp_path):
    inner = _zip_bytes({"inner.txt": b"Inner article."})
    f = only_failure(tmp_path, "outer.zip", _zip_bytes({"inner.zip": inner}))
    assert "archive inside an archive" in f.reason


def test_pipe_in_a_folder_is_reported_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a_good.txt").write_text(GOOD)
    results = list(read_sources([tmp_path]))
    assert [r.text for r in results if isinstance(r, Document)] == [GOOD]
    [f] = [r for r in results if isinstance(r, ReadFailure)]
    assert "not a regular file" in f.reason


def test_excel_unicode_text_export_read_as_tsv(tmp_path):
    p = tmp_path / "excel_unicode.txt"
    p.write_bytes("title\ttext\r\nCaf\u00e9\tText from Excel \u201cUnicode text\u201d.\r\n".encode("utf-16"))
    [doc] = read_sources([p], format="tsv")
    assert (doc.title, doc.text) == ("Caf\u00e9", "Text from Excel \u201cUnicode text\u201d.")


def test_utf16_without_a_bom(tmp_path):
    text = "A Windows tool saved this without a byte-order mark: caf\u00e9."
    docs, failures = read_batch(tmp_path, "nobom.txt", text.encode("utf-16-le"))
    assert failures == []
    assert text in [d.text for d in docs]
    p = tmp_path / "nobom.csv"
    p.write_bytes("title,text\nA,Text of A.\n".encode("utf-16-le"))
    [doc] = read_sources([p])
    assert (doc.title, doc.text) == ("A", "Text of A.")


def test_a_file_name_with_a_newline_still_gives_a_one_line_reason(tmp_path):
    p = tmp_path / "two\nlines.txt"
    p.write_bytes(b"")
    [f] = read_sources([p])
    assert "\n" not in f.reason and "two\\nlines.txt is empty." in f.reason
    assert f.source_path == str(p)
