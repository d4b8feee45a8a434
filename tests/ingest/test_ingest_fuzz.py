"""Random input into every reader: documents or an IngestError, never another
exception; cleaning never invents text."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import IngestError
from annotator.ingest import RuleSet, clean_text, formats, normalise_text
from annotator.ingest.article import Article
from annotator.ingest.decoding import decode
from annotator.ingest.reader_choice import choose_reader
from annotator.ingest.registry import ReadFailure, ReadOptions
from annotator.ingest.sources import bytes_source
from tests.ingest.builders import make_docx, make_pdf

FUZZ = settings(
    max_examples=int(os.environ.get("INGEST_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
READERS = sorted(f.name for f in formats())
EXTENSIONS = sorted({e for f in formats() for e in f.extensions} | {"", ".bin", ".zip"})


def consume(reader_name: str | None, name: str, data: bytes) -> None:
    src = bytes_source(name, data)
    try:
        spec = choose_reader(src, reader_name)
        for item in spec.read(src, ReadOptions()):
            assert isinstance(item, Article | ReadFailure)
            if isinstance(item, ReadFailure):
                assert item.reason and "\n" not in item.reason
    except IngestError as exc:
        assert str(exc) and "\n" not in str(exc)


@pytest.mark.parametrize("reader", READERS)
@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_into_every_reader(reader, data):
    consume(reader, "fuzz.bin", data)


@FUZZ
@given(data=st.binary(max_size=2048), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes_by_extension_and_sniffing(data, ext):
    consume(None, f"fuzz{ext}", data)


@FUZZ
@given(
    prefix=st.sampled_from(
        [
            b"%PDF-1.4\n",
            b"PK\x03\x04",
            b"<!DOCTYPE html><html>",
            b"\xef\xbb\xbf",
            b"\xff\xfe",
            b'[{"text": ',
            b"HD\nx\nLP\n",
            b"End of Document\nLength: 3\n",
        ]
    ),
    data=st.binary(max_size=2048),
)
def test_random_bytes_behind_real_magic_numbers(prefix, data):
    for ext in (".txt", ".pdf", ".docx", ".html", ".json", ".jsonl", ".csv"):
        consume(None, f"fuzz{ext}", prefix + data)


def _mutate(data: bytes, positions: list[int], values: list[int]) -> bytes:
    out = bytearray(data)
    for p, v in zip(positions, values, strict=False):
        out[p % len(out)] = v
    return bytes(out)


_DOCX = make_docx(["A paragraph of a real Word file.", "Another one."], heading="Title")
_PDF = make_pdf([["A line of a real PDF file.", "Another line."]])


@FUZZ
@given(
    positions=st.lists(st.integers(min_value=0), min_size=1, max_size=20),
    values=st.lists(st.integers(min_value=0, max_value=255), min_size=1, max_size=20),
    cut=st.integers(min_value=1, max_value=100_000),
)
def test_damaged_real_files(positions, values, cut):
    for name, data in (("f.docx", _DOCX), ("f.pdf", _PDF)):
        damaged = _mutate(data, positions, values)[:cut]
        consume(None, name, damaged)


@FUZZ
@given(
    members=st.dictionaries(
        st.text(
            st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1, max_size=30
        ),
        st.binary(max_size=512),
        max_size=5,
    )
)
def test_random_zip_archives(tmp_path_factory, members):
    from annotator.ingest import read_sources

    path = tmp_path_factory.mktemp("z") / "fuzz.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    for result in read_sources([path]):
        assert result.__class__.__name__ in ("Document", "ReadFailure")
        assert "unexpected error" not in getattr(result, "reason", "")


@FUZZ
@given(data=st.binary(max_size=4096), ext=st.sampled_from([".csv", ".tsv", ".jsonl", ".txt", ".json"]))
def test_random_files_on_disk_through_the_streaming_readers(tmp_path_factory, data, ext):
    from annotator.ingest import read_sources

    path = tmp_path_factory.mktemp("f") / f"fuzz{ext}"
    path.write_bytes(data)
    for result in read_sources([path]):
        assert "unexpected error" not in getattr(result, "reason", "")


@FUZZ
@given(data=st.binary(max_size=4096))
def test_decode_gives_text_or_one_sentence(data):
    try:
        text = decode(data, "fuzz.txt")
    except IngestError as exc:
        assert "\n" not in str(exc)
    else:
        assert text.strip()


_LINES = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(
            [
                "please wait",
                "WATCH: a video",
                "0:00 0:01:02 0:00",
                "Breaking News",
                "",
                "  ",
                "A repeated caption line of some length.",
                "Share",
                "\r",
                "e\u0301",
            ]
        ),
    ),
    max_size=30,
)


@FUZZ
@given(lines=_LINES)
def test_cleaning_keeps_only_lines_of_the_input(lines):
    text = "\n".join(lines)
    result = clean_text(text)
    source_lines = {ln.rstrip() for ln in normalise_text(text).split("\n")}
    for line in result.text.split("\n"):
        assert line == "" or line in source_lines
    assert "\n\n\n" not in result.text
    assert "\r" not in result.text


@FUZZ
@given(text=st.text(max_size=300))
def test_tidying_without_rules_is_idempotent(text):
    once = clean_text(text, RuleSet.none()).text
    assert clean_text(once, RuleSet.none()).text == once


_TOKENS = st.sampled_from(
    [
        ",",
        ";",
        "\t",
        '"',
        "\n",
        "\r\n",
        "\r",
        "title",
        "text",
        "body",
        "word",
        "caf\u00e9",
        "\u201c",
        "\x00",
        "{",
        "}",
        ":",
        "[",
        "]",
        '"text"',
        "sep=;",
        "\ufeff",
        " ",
    ]
)


@FUZZ
@given(
    tokens=st.lists(_TOKENS, max_size=80),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]),
    ext=st.sampled_from([".csv", ".tsv", ".jsonl", ".json", ".txt"]),
)
def test_table_like_text_on_disk(tmp_path_factory, tokens, encoding, ext):
    from annotator.ingest import read_sources

    path = tmp_path_factory.mktemp("t") / f"fuzz{ext}"
    path.write_bytes("".join(tokens).encode(encoding, errors="replace"))
    for result in read_sources([path]):
        assert "unexpected error" not in getattr(result, "reason", "")
