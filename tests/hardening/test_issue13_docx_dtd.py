"""Finding 8: a DTD after a long comment is still refused (the check is the XML
parser's own, not a window over the first bytes)."""

from __future__ import annotations

import io

import docx

from annotator.ingest.reading import read_sources
from annotator.ingest.registry import ReadFailure


def _docx_with_doctype_after(comment_len: int) -> bytes:
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("Before &xxe; after the entity the story goes on.")
    d.save(buf)
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                decl_end = data.index(b"?>") + 2
                comment = b"<!--" + b"x" * comment_len + b"-->"
                doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                body = data[decl_end:].replace(b"&amp;xxe;", b"&xxe;")
                data = data[:decl_end] + comment + doctype + body
            dst.writestr(info, data)
    return out.getvalue()


def test_doctype_behind_a_long_comment_is_refused(tmp_path):
    path = tmp_path / "long_comment.docx"
    path.write_bytes(_docx_with_doctype_after(10_000))
    results = list(read_sources([path]))
    assert len(results) == 1
    assert isinstance(results[0], ReadFailure)
    assert "DTD" in results[0].reason or "entities" in results[0].reason


def test_plain_docx_still_reads(tmp_path):
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("An ordinary story with no DTD at all.")
    d.save(buf)
    path = tmp_path / "plain.docx"
    path.write_bytes(buf.getvalue())
    results = list(read_sources([path]))
    assert not isinstance(results[0], ReadFailure)
    assert "ordinary story" in results[0].text
