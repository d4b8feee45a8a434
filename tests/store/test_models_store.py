"""Schema 4 (issue 16): model coders, their annotations and the stored models."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import ModelError, ProjectError
from annotator.core.models import Annotation, Coder
from annotator.store.project import Project

FIXTURE_V1 = Path(__file__).resolve().parents[1] / "data" / "fixtures" / "schema1.annotator"


@pytest.fixture
def migrated(tmp_path) -> Path:
    path = tmp_path / "old.annotator"
    shutil.copyfile(FIXTURE_V1, path)
    with Project.open(path) as project:
        assert project.schema_version >= 2
    return path


def test_a_schema_1_file_takes_model_coders_and_their_annotations(migrated):
    with Project.open(migrated) as p:
        bot = p.add_coder(Coder("bot", role="model"))
        doc = p.documents.document_ids()[0]
        code = next(c for c in p.codes.codebook() if c.scope == "span")
        ann = Annotation(doc, bot.id, code.id, 0, 4, origin="model", model="m1@1")
        p.annotations.add_annotation(ann)
        back = [a for a in p.annotations.select() if a.coder_id == bot.id]
        assert [(a.origin, a.model) for a in back] == [("model", "m1@1")]
        assert [(a.origin, a.model) for a in p.annotations.annotations_for([doc], [bot.id])] == [
            ("model", "m1@1")
        ]
        assert p.coder(bot.id).role == "model"
        assert p.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert p.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # the widened checks still refuse what is not a role or an origin
        with pytest.raises(ProjectError):
            p.add_coder(Coder("odd", role="robot"))  # type: ignore[arg-type]
        # older annotations read as made by no model
        assert {a.model for a in p.annotations.select() if a.coder_id != bot.id} == {""}


def test_a_stored_model_and_its_provenance_reopen_in_another_process(tmp_path):
    path = tmp_path / "p.annotator"
    blob = bytes(range(256)) * 10
    with Project.create(path) as p:
        first = p.models.add("ner", "spacy", blob, {"seed": 3, "documents": ["a", "b"]})
        second = p.models.add("ner", "spacy", b"x", {"seed": 4})
        assert (first.version, second.version) == (1, 2)
    script = (
        "import json, sys\n"
        "from annotator.store.project import Project\n"
        "with Project.open(sys.argv[1], readonly=True) as p:\n"
        "    m = p.models.latest('ner')\n"
        "    first = p.models.models()[0]\n"
        "    print(json.dumps([m.version, m.provenance, first.provenance, p.models.data(first.id).hex()]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    version, latest, provenance, data = json.loads(out.stdout)
    assert version == 2 and latest == {"seed": 4}
    assert provenance == {"seed": 3, "documents": ["a", "b"]}
    assert bytes.fromhex(data) == blob


def test_an_unknown_model_is_one_sentence(tmp_path):
    with Project.create(tmp_path / "p.annotator") as p:
        with pytest.raises(ModelError, match=r"no model named 'nope' \(models: none yet\)\.$"):
            p.models.latest("nope")
