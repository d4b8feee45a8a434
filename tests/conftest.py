"""Shared fixtures: real project files in a temporary folder."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The suite must give the same verdict on every run: the default profile draws
# the same examples each time. HYPOTHESIS_PROFILE=explore searches longer and
# at random, for a local hunt.
settings.register_profile(
    "ci", derandomize=True, print_blob=True, deadline=None
)  # a loaded CI machine must not fail a test by its timing
settings.register_profile("explore", max_examples=1000, derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Tests that CI runs in steps of their own: the crash-consistency suite, and
# tests of programs a CI step installs (the sqlite3 shell; scripts/ci_extra.sh's
# bundle and desktop validators). They run only when the -m expression names
# their marker, so the main run neither skips them nor fails for want of a
# tool; asked for and missing, they fail.
EXTERNAL_MARKERS = ("bundle", "desktop", "programs", "crash")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    expression = config.getoption("markexpr") or ""
    unasked = [m for m in EXTERNAL_MARKERS if not re.search(rf"\b{m}\b", expression)]
    dropped = [item for item in items if any(item.get_closest_marker(m) for m in unasked)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        gone = set(dropped)
        items[:] = [item for item in items if item not in gone]


@pytest.fixture
def project(tmp_path):
    from annotator.store.project import Project

    p = Project.create(tmp_path / "test.annotator")
    yield p
    p.close()


@pytest.fixture
def coded_project(project):
    """A project with a codebook (an exclusive source-type group, two frames,
    an article-level variable), two coders and two documents."""
    from annotator.core.codebook import Code
    from annotator.core.models import Coder, Document

    src = project.codes.add_code(Code("Source type", exclusive=True, color="#333333"))
    project.codes.add_code(Code("Official", parent_id=src.id, shortcut="o", color="#0072b2"))
    project.codes.add_code(Code("Military", parent_id=src.id, shortcut="m", color="#d55e00"))
    frames = project.codes.add_code(Code("Frames", color="#444444"))
    project.codes.add_code(Code("Appeasement", parent_id=frames.id, shortcut="a", color="#009e73"))
    project.codes.add_code(Code("Conflict", parent_id=frames.id, shortcut="c", color="#cc79a7"))
    dom = project.codes.add_code(Code("Dominant frame", scope="document", exclusive=True, color="#555555"))
    project.codes.add_code(Code("Conflict frame", parent_id=dom.id, scope="document", color="#e69f00"))
    project.codes.add_code(Code("Peace frame", parent_id=dom.id, scope="document", color="#56b4e9"))
    project.add_coder(Coder("alice"))
    project.add_coder(Coder("bob"))
    project.documents.add_documents(
        [
            Document(
                text="The minister said the strikes hit 11 targets.\n\nRebels denied it.", title="Strikes"
            ),
            Document(text="Zoë Müller 😀 met 習近平 in Genève; e\u0301lan.", title="Unicode"),
        ]
    )
    return project


def code_id(project, path: str) -> str:
    code = project.codes.codebook().by_path(path)
    assert code is not None, path
    return code.id
