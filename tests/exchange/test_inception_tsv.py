"""WebAnno TSV 3.3 through our own exchange entry points: INCEpTION's folder
layout, exact offsets whatever the tokens, escaping, and refusals."""

from __future__ import annotations

import random
import zipfile

import pytest

from annotator.core.codebook import Codebook
from annotator.core.errors import ExchangeError
from annotator.core.models import Annotation, Code, Coder, Document
from annotator.exchange import data_loss, export_data, guess_format, import_data
from annotator.exchange.bundle import ProjectData
from annotator.exchange.webanno_tsv3 import (
    Layer,
    SpanAnnotation,
    escape_text,
    escape_value,
    read_tsv,
    unescape_text,
    unescape_value,
    write_tsv,
)

from .conftest import link_groups, span_keys

LAYER = Layer("webanno.custom.Code", ("label", "note"))


def test_round_trip_through_a_folder_keeps_spans_links_and_codes(tmp_path, sample):
    export_data(sample, "webanno", tmp_path / "t")
    files = sorted(p.relative_to(tmp_path / "t").as_posix() for p in (tmp_path / "t").rglob("*.tsv"))
    assert files and all(f.startswith("annotation/") and f.count("/") == 2 for f in files)
    assert {f.rsplit("/", 1)[1] for f in files} == {"Ana María.tsv", "Bo_Chen.tsv"}
    assert guess_format(tmp_path / "t") == "webanno"
    back = import_data(tmp_path / "t").data
    assert span_keys(back) == span_keys(sample)
    assert link_groups(back) == link_groups(sample)
    assert {c.id for c in back.codebook} <= {c.id for c in sample.codebook}


def test_round_trip_through_a_zip(tmp_path, sample):
    out = tmp_path / "t.zip"
    assert export_data(sample, "webanno", out) == [out]
    with zipfile.ZipFile(out) as zf:
        first = next(n for n in zf.namelist() if n.endswith(".tsv"))
        assert (
            zf.read(first).decode("utf-8").startswith("#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Code|")
        )
    assert guess_format(out) == "webanno"
    assert span_keys(import_data(out).data) == span_keys(sample)


def test_article_level_codes_are_named_as_lost(sample):
    lost = " ".join(data_loss(sample, "webanno"))
    assert "2 article-level codes" in lost


TRICKY = [
    # (text, spans as substrings or offsets)
    "Caf\u00e9 talks \U0001f600\U0001f600 failed. \u6771\u4eac\u90fd said \U0001f44d\U0001f3fd no.",
    "a\u0301b\u0301c\u0301 combining marks stay where they are.",
    "Tab\tinside and  two spaces;\n\nnew paragraph\nand a line.",
    "\U0001f1fa\U0001f1f3 flags and \u200d joiners \U0001f468\u200d\U0001f469\u200d\U0001f467 families.",
]


def _random_spans(text: str, rng: random.Random, n: int = 40) -> list[tuple[int, int]]:
    spans = set()
    while len(spans) < n:
        s = rng.randrange(0, len(text) - 1)
        e = rng.randrange(s + 1, min(len(text), s + 25) + 1)
        spans.add((s, e))
    return sorted(spans)


@pytest.mark.parametrize("text", TRICKY)
def test_any_span_survives_exactly_whatever_the_tokens(text):
    """Spans that start or end inside a token, in white space, across
    sentences, stacked on each other: all come back to the code point."""
    from annotator.exchange.inception_tokens import segmenter

    rng = random.Random(15)
    seg = segmenter()(Document(text=text))
    spans = _random_spans(text, rng)
    annotations = [SpanAnnotation(s, e, [f"code {i % 3}", f"n{i}"]) for i, (s, e) in enumerate(spans)]
    content = write_tsv(text, seg.tokens, seg.sentences, LAYER, annotations)
    for line in content.split("\n"):
        assert line.count("\t") in (0, 2 + 1 + len(LAYER.features)), line
    back = read_tsv(content, "t")
    assert back.text == text
    got = sorted((a.start, a.end, tuple(a.values)) for a in back.annotations)
    assert got == sorted((a.start, a.end, tuple(a.values)) for a in annotations)


def test_offsets_in_the_file_are_utf16_units():
    text = "\U0001f600 x \U0001f600 y"
    content = write_tsv(
        text, [(0, 1), (2, 3), (4, 5), (6, 7)], [(0, 7)], LAYER, [SpanAnnotation(6, 7, ["y", None])]
    )
    lines = [line.split("\t") for line in content.split("\n") if line[:1].isdigit()]
    assert [line[1] for line in lines] == ["0-2", "3-4", "5-7", "8-9"]
    assert lines[-1][3] == "y"


@pytest.mark.parametrize("raw", ["Line one.\r\nLine two \U0001f600.\r\n", "Cafe\u0301 \u6771\u4eac.\r\n"])
def test_a_crlf_and_decomposed_source_is_normalised_with_its_offsets(tmp_path, raw):
    # as a TSV written on Windows from an unnormalised text would have it
    stored = raw.replace("\r\n", "\n")
    import unicodedata

    stored = unicodedata.normalize("NFC", stored)
    last = raw.index(".")
    content = write_tsv(raw, [(0, last)], [(0, len(raw))], LAYER, [SpanAnnotation(0, last, ["Whole", None])])
    folder = tmp_path / "annotation" / "doc.txt"
    folder.mkdir(parents=True)
    (folder / "alice.tsv").write_text(content, encoding="utf-8", newline="")
    data = import_data(tmp_path, "webanno").data
    (doc,) = data.documents
    assert doc.text == stored and doc.raw == raw
    (a,) = data.annotations
    assert doc.text[a.start : a.end] == stored[: stored.index(".")]
    assert {c.name for c in data.coders} == {"alice"}


def test_escaping_round_trips_every_special_character():
    rng = random.Random(7)
    alphabet = "\\[]|_-;*>\t\nab\r\x01"
    for _ in range(500):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert unescape_value(escape_value(value)) == value
        assert "\t" not in escape_value(value) and "\n" not in escape_value(value)
        assert unescape_text(escape_text(value)) == value
        assert "\n" not in escape_text(value) and "\r" not in escape_text(value)


def test_values_that_look_like_the_format_come_back(tmp_path):
    cb = Codebook(codes=[Code(name="A|B [1]", id="c1"), Code(name="x_y->z;*", id="c2", parent_id="c1")])
    doc = Document(text="One two three.")
    coder = Coder(name="Zoë", id="k1")
    notes = ["*", "_", "\\", "[2]", "a\\]", "tab\there\nline", ""]
    anns = [
        Annotation(document_id=doc.id, coder_id="k1", code_id="c2", start=i % 5, end=5 + i, note=note)
        for i, note in enumerate(notes)
    ]
    data = ProjectData(documents=[doc], codebook=cb, coders=[coder], annotations=anns)
    export_data(data, "webanno", tmp_path / "t")
    back = import_data(tmp_path / "t").data
    assert span_keys(back) == span_keys(data)


def test_a_project_knowing_nothing_finds_codes_by_label_without_the_codebook_file(tmp_path, sample):
    export_data(sample, "webanno", tmp_path / "t")
    (tmp_path / "t" / "annotator-codes.json").unlink()
    back = import_data(tmp_path / "t").data
    assert span_keys(back) == span_keys(sample)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("", "WebAnno TSV 3"),
        ("hello\tworld\n", "WebAnno TSV 3"),
        ("#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Code|label\n\n\n#Text=ab\n1-1\t0-2\n", "line 6"),
        (
            "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Code|label\n\n\n#Text=ab\n1-1\tx-2\tab\t_\t\n",
            "line 6",
        ),
        (
            "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Code|label\n\n\n#Text=ab\n1-1\t0-9\tab\tX\t\n",
            "outside",
        ),
        (
            "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Code|label\n\n\n#Text=\U0001f600\n1-1\t0-1\tx\tX\t\n",
            "cut a character",
        ),
    ],
)
def test_a_broken_tsv_file_is_one_clear_error(tmp_path, content, says):
    folder = tmp_path / "annotation" / "doc.txt"
    folder.mkdir(parents=True)
    (folder / "alice.tsv").write_text(content, encoding="utf-8")
    with pytest.raises(ExchangeError, match=says) as e:
        import_data(tmp_path, "webanno")
    assert "\n" not in str(e.value)


def test_a_zip_reaching_outside_itself_is_refused(tmp_path):
    out = tmp_path / "evil.zip"
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("../annotation/doc/alice.tsv", "#FORMAT=WebAnno TSV 3.3\n")
    with pytest.raises(ExchangeError, match="outside the archive"):
        import_data(out, "webanno")


def test_relation_layers_are_skipped_with_a_warning(tmp_path):
    content = (
        "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Code|label\n"
        "#T_RL=webanno.custom.Rel|role|BT_webanno.custom.Code\n\n\n"
        "#Text=ab cd\n1-1\t0-2\tab\tX\t_\t_\t\n1-2\t3-5\tcd\tY\trole\t1-1\t\n"
    )
    folder = tmp_path / "annotation" / "doc.txt"
    folder.mkdir(parents=True)
    (folder / "alice.tsv").write_text(content, encoding="utf-8")
    result = import_data(tmp_path, "webanno")
    assert sorted(result.data.codebook.path(a.code_id) for a in result.data.annotations) == ["X", "Y"]
    assert any("webanno.custom.Rel" in w for w in result.warnings)


def test_the_projects_stored_tokens_and_sentences_are_used(tmp_path):
    from array import array

    from annotator.core.models import Segmentation

    doc = Document(text="Alpha beta. Gamma")
    seg = Segmentation(
        document_id=doc.id,
        model="test",
        # a split no blank pipeline would make: the file must show these tokens
        token_starts=array("i", [0, 2, 6, 10, 12]),
        token_ends=array("i", [2, 5, 10, 11, 17]),
        sentence_starts=array("i", [0, 12]),
        sentence_ends=array("i", [11, 17]),
    )
    coder = Coder(name="Zoë", id="k1")
    cb = Codebook(codes=[Code(name="X", id="c1")])
    ann = Annotation(document_id=doc.id, coder_id="k1", code_id="c1", start=6, end=17)
    data = ProjectData(documents=[doc], codebook=cb, coders=[coder], annotations=[ann])
    export_data(data, "webanno", tmp_path / "t", segmentations={doc.id: seg})
    (path,) = (tmp_path / "t").rglob("*.tsv")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert [line for line in lines if line.startswith("#Text=")] == ["#Text=Alpha beta. ", "#Text=Gamma"]
    assert [line.split("\t")[1] for line in lines if line[:1].isdigit()] == [
        "0-2",
        "2-5",
        "6-10",
        "10-11",
        "12-17",
    ]
    assert span_keys(import_data(tmp_path / "t").data) == span_keys(data)
