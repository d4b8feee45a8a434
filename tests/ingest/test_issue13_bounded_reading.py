"""Issue 13, the parts of hostile-input hardening that ordinary files must not
notice: a quoted last row is not taken for an unclosed quote, a folder named
through a link is still walked, colours keep coming, versions that are numbers
still read. The hostile side runs in tests/hardening/test_issue13_hostile_inputs.py."""

from __future__ import annotations

import itertools
import os
import sys

import pytest

from annotator.core.codebook import PALETTE, codebook_from_dict, palette_colours
from annotator.core.errors import CodebookError, IngestError
from annotator.core.models import Document
from annotator.core.safe_open import open_regular, read_regular
from annotator.ingest.reading import read_sources
from annotator.ingest.registry import ReadFailure

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="links and FIFOs as POSIX has them")


def _read(path):
    return list(read_sources([path]))


def test_a_quoted_last_row_spanning_lines_is_an_article(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text('title,text\nA,"First."\nB,"Two\n\nparagraphs, the last row."')  # no newline at the end
    results = _read(p)
    assert all(isinstance(r, Document) for r in results), results
    assert results[1].text == "Two\n\nparagraphs, the last row."


def test_an_unclosed_quote_in_the_last_row_is_reported_with_its_row(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text('title,text\nA,"First."\nB,"never closed\nC,lost\n')
    docs = [r for r in _read(p) if isinstance(r, Document)]
    [failure] = [r for r in _read(p) if isinstance(r, ReadFailure)]
    assert [d.title for d in docs] == ["A"]
    assert "t.csv row 3 opens a quote that is never closed, so the 1 line after it" in failure.reason


def test_a_header_of_up_to_a_thousand_columns_is_read(tmp_path):
    p = tmp_path / "t.csv"
    names = ["text"] + [f"c{i}" for i in range(999)]
    p.write_text(",".join(names) + "\n" + "An article." + "," * 999 + "\n")
    [doc] = _read(p)
    assert isinstance(doc, Document)
    p.write_text(",".join(names + ["one_more"]) + "\n" + "An article." + "," * 1000 + "\n")
    [failure] = _read(p)
    assert "has 1,001 columns, more than the 1,000" in failure.reason


@posix_only
def test_a_folder_named_through_a_link_is_walked_but_links_inside_are_not(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("An article about the talks.\n")
    (real / "inner").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "named").symlink_to(real, target_is_directory=True)
    results = _read(tmp_path / "named")
    assert [r.text for r in results if isinstance(r, Document)] == ["An article about the talks."]
    [failure] = [r for r in results if isinstance(r, ReadFailure)]
    assert failure.reason.endswith(
        "inner is a symbolic link, and links are not followed; name the file it points to instead."
    )


@posix_only
def test_open_regular_refuses_links_devices_and_pipes_without_blocking(tmp_path):
    target = tmp_path / "t.txt"
    target.write_bytes(b"12345")
    (tmp_path / "link").symlink_to(target)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # nobody writes to it: a blocking open would hang here
    with pytest.raises(IngestError, match="is a symbolic link"):
        open_regular(tmp_path / "link", error=IngestError)
    for path in (fifo, "/dev/zero"):
        with pytest.raises(IngestError, match="is not a regular file"):
            open_regular(path, error=IngestError)
    with pytest.raises(IngestError, match="is a folder"):
        open_regular(tmp_path, error=IngestError)
    assert read_regular(target, 5, error=IngestError) == b"12345"
    with pytest.raises(IngestError, match="is larger than"):
        read_regular(target, 4, error=IngestError)


def test_colours_keep_coming_distinct_and_the_same_each_time():
    first = list(itertools.islice(palette_colours(), 1000))
    assert first[: len(PALETTE)] == list(PALETTE)
    assert len(set(first)) == 1000
    assert first == list(itertools.islice(palette_colours(), 1000))
    book = codebook_from_dict(
        {"codes": [{"name": f"g{g}", "children": [f"c{i}" for i in range(15)]} for g in range(40)]}
    )
    assert len(book.codes) == 640


@pytest.mark.parametrize(("version", "expected"), [(3, 3), ("2", 2), (0, 0)])
def test_versions_that_are_whole_numbers_are_read(version, expected):
    assert codebook_from_dict({"version": version, "codes": ["a"]}).version == expected


@pytest.mark.parametrize("version", [True, -1, 1.5, "²", "1e3", [1], 10**7])
def test_versions_that_are_not_are_refused_in_one_sentence(version):
    with pytest.raises(CodebookError, match="version must be a whole number"):
        codebook_from_dict({"version": version, "codes": ["a"]})
