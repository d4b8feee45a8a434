"""The task files as their tools' own code reads them (Label Studio's
converter), and through the command line on real project files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.models import Annotation, Code, Coder, Document
from annotator.exchange import export_data
from annotator.store.project import Project

from .conftest import find

REPO = Path(__file__).resolve().parents[2]
TEXT = "Zürich 👍🏽: the minister said 東京 officials were naïve.\nAn NGO monitor called it e\u0301lan."


def test_label_studio_converter_reads_every_span_of_the_export(tmp_path, sample):
    converter = pytest.importorskip("label_studio_converter")
    tasks, config = export_data(sample, "labelstudio", tmp_path / "tasks.json")
    c = converter.Converter(config=str(config), project_dir=str(tmp_path), download_resources=False)
    c.convert_to_json_min(str(tasks), str(tmp_path / "min"), is_dir=False)
    rows = json.loads((tmp_path / "min" / "result.json").read_text(encoding="utf-8"))
    got = sorted(
        (row["document_id"], label, s["text"], row["text"][s["start"] : s["end"]])
        for row in rows
        for s in row.get("label", [])
        for label in s["labels"]
    )
    texts = {d.id: d.text for d in sample.documents}
    want = sorted(
        (a.document_id, sample.codebook.path(a.code_id), *[texts[a.document_id][a.start : a.end]] * 2)
        for a in sample.annotations
    )
    assert got == want

    c.convert_to_conll2003(str(tasks), str(tmp_path / "conll"), is_dir=False)
    conll = (tmp_path / "conll" / "result.conll").read_text(encoding="utf-8")
    assert "東京 -X- _ B-Source type/government official" in conll
    assert "officials -X- _ I-Source type/government official" in conll


def annotator(*args: object, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH", str(REPO)), COLUMNS="250")
    r = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=str(REPO),
        timeout=300,
    )
    if ok:
        assert r.returncode == 0, (args, r.stdout, r.stderr)
    return r


def _project(path: Path, *, coded: bool) -> None:
    with Project.create(path) as p:
        frames = p.codes.add_code(Code("Frames", id="c-frames"))
        naive = p.codes.add_code(Code("naïve", id="c-naive", parent_id=frames.id))
        doc = Document(text=TEXT, title="Talks")
        p.documents.add_documents([doc])
        if coded:
            ana = p.add_coder(Coder("Ana"))
            for part in ("東京 officials", "e\u0301lan"):
                s, e = find(TEXT, part)
                p.annotations.add_annotation(Annotation(doc.id, ana.id, naive.id, s, e))


@pytest.mark.parametrize(("fmt", "name"), [("labelstudio", "out.json"), ("prodigy", "out.jsonl")])
def test_export_then_import_annotations_on_the_command_line(tmp_path, fmt, name):
    source, target = tmp_path / "a.annotator", tmp_path / "b.annotator"
    _project(source, coded=True)
    _project(target, coded=False)
    annotator("export", source, "--format", fmt, "-o", tmp_path / name)
    r = annotator("import-annotations", target, tmp_path / name, "--format", fmt)
    assert "2 annotations imported" in r.stdout and "1 coders" in r.stdout, r.stdout
    with Project.open(target) as p:
        doc_id = p.documents.document_ids()[0]
        quotes = sorted(TEXT[a.start : a.end] for a in p.annotations.annotations_for([doc_id]))
    assert quotes == sorted(["東京 officials", "e\u0301lan"])


def test_doccano_lines_given_as_jsonl_on_the_command_line(tmp_path):
    """The reported bug: a doccano file through --format jsonl imported 0 spans
    and claimed its text was not in the project."""
    target = tmp_path / "b.annotator"
    _project(target, coded=False)
    s, e = find(TEXT, "東京 officials")
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"text": TEXT, "label": [[s, e, "naïve"]]}) + "\n", encoding="utf-8")
    r = annotator("import-annotations", target, path, "--format", "jsonl", "--coder", "Bo")
    assert "1 annotations imported" in r.stdout, r.stdout
    assert "read as a doccano file" in r.stdout
    assert "not in the project" not in r.stdout

    stranger = tmp_path / "other.jsonl"
    stranger.write_text(
        json.dumps({"text": "Not imported.", "label": [[0, 3, "naïve"]]}) + "\n", encoding="utf-8"
    )
    r = annotator("import-annotations", target, stranger, "--format", "doccano", "--coder", "Bo", ok=False)
    assert r.returncode == 1 and "Nothing was imported from other.jsonl" in r.stderr
    assert "0 annotations imported" in r.stdout
    assert "1 task(s) in other.jsonl were skipped: their text is not in the project" in r.stdout


def test_a_coder_name_for_a_format_that_names_its_own_is_one_sentence(tmp_path):
    target = tmp_path / "b.annotator"
    _project(target, coded=True)
    annotator("export", target, "--format", "csv", "-o", tmp_path / "x.csv")
    r = annotator("import-annotations", target, tmp_path / "x.csv", "--coder", "Bo", ok=False)
    assert r.returncode == 1
    assert "A coder name only applies to prodigy, doccano, labelstudio files" in r.stderr + r.stdout
    assert "Traceback" not in r.stderr
