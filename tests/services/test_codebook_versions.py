"""Codebook changes as operations, the diff between two versions, and the
replay of older codings through them (issue 18, item 4)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.codebook import Code
from annotator.core.errors import CodebookError
from annotator.services import codebook_versions as cv
from annotator.store.project import Project
from tests.codebook_versions_project import build


@pytest.fixture
def project_path(tmp_path) -> Path:
    path = tmp_path / "versions.annotator"
    build(path)
    return path


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_operations_are_recorded_one_version_each(project_path):
    with Project.open(project_path) as p:
        changes = p.codes.codebook_changes()
        assert [(c["version"], c["kind"], c["code_id"]) for c in changes] == [
            (2, "renamed", "con"),
            (3, "moved", "con"),
            (4, "merged", "eli"),
            (5, "split", "con"),
            (6, "archived", "reb"),
            (7, "merged", "negc"),
        ]
        assert json.loads(changes[2]["detail"]) == {
            "from": ["off", "ngo"],
            "from_names": ["Official", "NGO"],
            "into": "eli",
            "into_name": "Elite",
        }
        assert json.loads(changes[3]["detail"])["into"] == ["mil", "pol"]
        cb = p.codes.codebook()
        assert cb["off"].archived and cb["ngo"].archived and cb["con"].archived and not cb["eli"].archived


def test_operations_refuse_what_cannot_be_replayed(project_path):
    with Project.open(project_path) as p:
        with pytest.raises(CodebookError, match="at least two"):
            p.codes.split_code("mil", [Code("Only one", parent_id="oth")])
        with pytest.raises(CodebookError, match="article-level"):
            p.codes.merge_codes(["mil"], p.codes.code("negc"))
        with pytest.raises(CodebookError, match="group heading"):
            p.codes.merge_codes(["src"], p.codes.code("mil"))
        assert p.codes.codebook_version() == 7


def test_diff_between_two_versions(project_path):
    with Project.open(project_path) as p:
        diff = cv.codebook_diff(p, 1, 5)
        assert [(c.version, c.kind, c.description) for c in diff] == [
            (2, "renamed", "Renamed “Conflict” to “Conflict frame”."),
            (3, "moved", "Moved “Conflict frame” from “Frames” to “Other frames”."),
            (4, "merged", "Merged “Official”, “NGO” into “Elite”."),
            (5, "split", "Split “Conflict frame” into “Military”, “Political”."),
        ]
        assert [c.version for c in cv.codebook_diff(p, 5, 7)] == [6, 7]
        assert cv.codebook_diff(p, 7, 7) == []
        with pytest.raises(CodebookError, match="version 9"):
            cv.codebook_diff(p, 1, 9)
        with pytest.raises(CodebookError, match="earlier"):
            cv.codebook_diff(p, 5, 2)


def test_the_appendix_lists_the_codebook_changes(project_path):
    from annotator.reporting.appendix_markdown import appendix_markdown
    from annotator.services.appendix import gather

    with Project.open(project_path) as p:
        facts = gather(p, bootstrap=0)
        assert [(v, change) for v, _, change, _ in facts.codebook_diff][2:4] == [
            (4, "Merged “Official”, “NGO” into “Elite”."),
            (5, "Split “Conflict frame” into “Military”, “Political”."),
        ]
        text = appendix_markdown(facts)
    assert "Codebook changes from version 1 to version 7" in text
    assert "Merged “Negative”, “Critical” into “Negative or critical”." in text
    # the codings compared span versions 1 and 7: the reliability notes say so
    assert "made under codebook versions 1 (" in text
