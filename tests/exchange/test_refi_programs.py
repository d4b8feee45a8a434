"""REFI-QDA as other QDA programs read it: article-level codes, code names
that repeat across groups, ids that are not GUIDs, notes on no coding."""

from __future__ import annotations

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
    assert sorted(len(texts[dc.document_id]) for dc in sample.document_codes) == sorted(e for _, e, _ in whole)


def test_whole_text_codings_come_back_as_article_level_codes(tmp_path, sample):
    (path,) = export_data(sample, "qdpx", tmp_path / "p.qdpx")
    back = import_data(path, "qdpx").data
    assert _doc_code_keys(back) == _doc_code_keys(sample)
    assert len(back.annotations) == len(sample.live_annotations())
