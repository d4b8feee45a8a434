"""brat as brat and its readers take it: a folder per coder with ``doc.txt``
beside ``doc.ann``, brat-safe type names, and a mapping back to our codes."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from annotator.exchange import export_data, import_data

pybrat_parser = pytest.importorskip("pybrat.parser")

BRAT_TYPE = re.compile(r"[A-Za-z0-9_-]+\Z")


def _ann_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.ann"))


def test_every_ann_has_its_txt_beside_it_in_a_folder_per_coder(tmp_path, sample):
    export_data(sample, "brat", tmp_path / "b")
    anns = _ann_files(tmp_path / "b")
    assert {p.parent.name for p in anns} == {c.name for c in sample.coders}
    for p in anns:
        assert p.with_suffix(".txt").is_file()
        assert (p.parent / "annotation.conf").is_file() and (p.parent / "visual.conf").is_file()


def test_pybrat_reads_the_export_with_every_span_matching_its_text(tmp_path, sample):
    export_data(sample, "brat", tmp_path / "b")
    examples = pybrat_parser.BratParser(error="raise").parse(str(tmp_path / "b"))
    assert len(examples) == len(_ann_files(tmp_path / "b"))
    n = 0
    for ex in examples:
        for ent in ex.entities:
            assert BRAT_TYPE.match(ent.type), ent.type
            assert " ".join(ex.text[s.start : s.end] for s in ent.spans).replace("\n", " ") == ent.mention
            n += 1
    assert n == sum(1 for a in sample.annotations if not a.deleted and not a.link) + len(
        {a.link for a in sample.annotations if a.link and not a.deleted}
    )


def test_type_names_are_brat_safe_unique_and_readable(sample):
    from annotator.exchange.brat_format import brat_type_names

    names = brat_type_names(sample.codebook)
    assert all(BRAT_TYPE.match(n) for n in names.values())
    assert len(set(names.values())) == len(names)
    assert names["7d1f3a2e-0000-4000-8000-000000000002"] == "Frames-appeasement"


def test_conf_files_declare_every_type_used_with_our_colours(tmp_path, sample):
    export_data(sample, "brat", tmp_path / "b")
    folder = _ann_files(tmp_path / "b")[0].parent
    conf = (folder / "annotation.conf").read_text("utf-8")
    declared = {
        line.strip().lstrip("!")
        for line in conf.split("[relations]")[0].splitlines()[1:]
        if line.strip() and not line.lstrip().startswith("#")
    }
    used = {
        line.split("\t")[1].split(" ")[0]
        for p in _ann_files(tmp_path / "b")
        for line in p.read_text("utf-8").splitlines()
        if line.startswith("T")
    }
    assert used <= declared
    visual = (folder / "visual.conf").read_text("utf-8")
    assert "Frames-appeasement\tbgColor:#e69f00" in visual


def test_export_then_import_restores_codes_offsets_and_coders(tmp_path, sample):
    export_data(sample, "brat", tmp_path / "b")
    back = import_data(tmp_path / "b", "brat").data
    docs = {d.id: d.text for d in back.documents}
    coders = {c.id: c.name for c in back.coders}

    def key(data, docs, coders):
        return sorted(
            (
                docs[a.document_id],
                coders[a.coder_id],
                a.code_id,
                data.codebook.path(a.code_id),
                a.start,
                a.end,
            )
            for a in data.annotations
            if not a.deleted
        )

    want = key(sample, {d.id: d.text for d in sample.documents}, {c.id: c.name for c in sample.coders})
    assert key(back, docs, coders) == want


def test_a_single_coder_folder_imports_on_its_own(tmp_path, sample):
    export_data(sample, "brat", tmp_path / "b")
    folder = _ann_files(tmp_path / "b")[0].parent
    back = import_data(folder, "brat").data
    assert {a.code_id for a in back.annotations} <= {c.id for c in sample.codebook}


def test_without_the_code_map_type_names_still_find_the_projects_codes(tmp_path, sample):
    from annotator.exchange.bundle import ProjectData

    export_data(sample, "brat", tmp_path / "b")
    for p in (tmp_path / "b").rglob("annotator-codes.json"):
        p.unlink()
    back = import_data(tmp_path / "b", "brat", existing=ProjectData(codebook=sample.codebook)).data
    assert {a.code_id for a in back.annotations} == {a.code_id for a in sample.annotations if not a.deleted}


def test_a_coder_named_like_a_config_file_gets_a_folder_of_its_own(tmp_path, sample):
    sample.coders[0].name = "annotation.conf"
    export_data(sample, "brat", tmp_path / "b")
    assert (tmp_path / "b" / "annotation.conf").is_file()
    back = import_data(tmp_path / "b", "brat").data
    assert len({c.name for c in back.coders}) == 2


def test_a_project_without_annotations_still_exports_its_texts(tmp_path, sample):
    sample.annotations = []
    export_data(sample, "brat", tmp_path / "b")
    assert len(list((tmp_path / "b").glob("*.txt"))) == len(sample.documents)
    assert len(list((tmp_path / "b").glob("*.ann"))) == len(sample.documents)


def test_one_span_with_two_codes_reaches_pybrat_and_comes_back(tmp_path, sample):
    # brat allows it (its verifier reports nothing); pybrat's strict mode refuses
    # two entities on one span, so it is read leniently here
    first = next(a for a in sample.annotations if not a.deleted and not a.link)
    other = next(c.id for c in sample.codebook if c.scope == "span" and c.id != first.code_id)
    twin = dataclasses.replace(first, id="twin", code_id=other)
    sample.annotations.append(twin)
    export_data(sample, "brat", tmp_path / "b")
    examples = pybrat_parser.BratParser(error="ignore").parse(str(tmp_path / "b"))
    same = [
        e
        for ex in examples
        for e in ex.entities
        if [(s.start, s.end) for s in e.spans] == [(first.start, first.end)]
    ]
    assert len(same) >= 2
    back = import_data(tmp_path / "b", "brat").data
    assert {a.code_id for a in back.annotations if (a.start, a.end) == (first.start, first.end)} >= {
        first.code_id,
        other,
    }
