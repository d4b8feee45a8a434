"""The measurement level of a variable, stored with its code (schema 3)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.codebook import Code, codebook_from_dict, codebook_to_dict
from annotator.core.errors import CodebookError
from annotator.core.models import Coder, Document, DocumentCode
from annotator.store.project import Project
from annotator.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def _version_1_file(path) -> None:
    """A project file as Annotator wrote it before levels existed, with one code."""
    con = sqlite3.connect(path)
    con.executescript(MIGRATIONS[1])
    con.execute("INSERT INTO codes(id, name, scope, exclusive) VALUES ('tone', 'Tone', 'document', 1)")
    con.execute("PRAGMA user_version = 1")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.commit()
    con.close()


def test_a_version_1_file_gains_the_level_column_with_a_backup(tmp_path):
    path = tmp_path / "old.annotator"
    _version_1_file(path)
    with Project.open(path) as p:
        assert p.codes.code("tone").level == "nominal"
        p.codes.update_code(replace(p.codes.code("tone"), level="ordinal"))
    assert (tmp_path / "old.annotator.schema1.bak").is_file()
    # another process, plain sqlite3, sees the stored level and the schema number
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('PRAGMA user_version').fetchone()[0], "
            "c.execute(\"SELECT level FROM codes WHERE id = 'tone'\").fetchone()[0])",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == [str(SCHEMA_VERSION), "ordinal"]


def test_the_store_refuses_an_unknown_level(project):
    code = project.codes.add_code(Code("Tone", scope="document", exclusive=True))
    with pytest.raises(CodebookError, match="level"):
        project.codes.update_code(replace(code, level="loud"))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):  # the file itself refuses it too
        project.conn.execute("UPDATE codes SET level = 'loud' WHERE id = ?", (code.id,))
    assert project.codes.code(code.id).level == "nominal"


def test_yaml_level_round_trips_and_is_checked():
    cb = codebook_from_dict(
        {
            "codes": [
                {
                    "name": "Tone",
                    "scope": "document",
                    "exclusive": True,
                    "level": "ordinal",
                    "children": ["Negative", "Neutral", "Positive"],
                }
            ]
        }
    )
    tone = cb.by_path("Tone")
    assert tone is not None and tone.level == "ordinal"
    assert codebook_to_dict(cb)["codes"][0]["level"] == "ordinal"
    assert "level" not in codebook_to_dict(cb)["codes"][0]["children"][0]  # nominal is not written
    with pytest.raises(CodebookError, match="level 'loud'"):
        codebook_from_dict({"codes": [{"name": "Tone", "level": "loud"}]})


def test_the_built_in_syria_codebook_has_an_ordinal_tone():
    from annotator.exchange.codebook_yaml import read_codebook

    # the checkout's file: an installed copy elsewhere may be older
    source = Path(__file__).resolve().parents[2] / "resources" / "codebooks" / "syria_2015.yaml"
    tone = read_codebook(source).by_path("Tone toward Russia")
    assert tone is not None and tone.level == "ordinal"


def test_the_level_travels_in_a_jsonl_export(tmp_path, project):
    from annotator.services.exchange import export_project, import_annotations

    tone = project.codes.add_code(Code("Tone", scope="document", exclusive=True, level="ordinal"))
    low = project.codes.add_code(Code("Low", parent_id=tone.id, scope="document"))
    coder = project.add_coder(Coder("alice"))
    project.documents.add_documents([Document(text="An article.", title="A")])
    doc = project.documents.document_ids()[0]
    project.annotations.set_document_code(DocumentCode(doc, coder.id, low.id))
    export_project(project, "jsonl", tmp_path / "out.jsonl")
    with Project.create(tmp_path / "other.annotator") as other:
        import_annotations(other, tmp_path / "out.jsonl")
        assert other.codes.code(tone.id).level == "ordinal"
