"""The codebooks shipped in resources/codebooks/: each one parses, validates,
tells a coder what every code means, and imports into a real project file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from annotator.core.codebook import codebook_from_dict
from annotator.exchange.codebook_yaml import parse_codebook
from annotator.resources_path import resource
from annotator.store.project import Project

SHIPPED = sorted(
    (entry for entry in resource("codebooks").iterdir() if entry.name.endswith(".yaml")),
    key=lambda entry: entry.name,
)
NAMES = [entry.name for entry in SHIPPED]


def _load(name: str):
    return parse_codebook(resource("codebooks", name).read_text(encoding="utf-8"), source=name)


def test_the_four_codebooks_are_shipped():
    assert {"news_frames.yaml", "policy_frames.yaml", "source_types.yaml", "syria_2015.yaml"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_parses_and_validates(name):
    codebook = _load(name)
    codebook.validate()
    assert codebook.name
    assert codebook.leaves(), f"{name} has no codes a coder can apply"


@pytest.mark.parametrize("name", NAMES)
def test_every_code_has_instructions(name):
    codebook = _load(name)
    missing = [codebook.path(c.id) for c in codebook if len(c.description.split()) < 5]
    assert not missing, f"codes without a usable description in {name}: {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_shortcuts_are_unique_single_keys(name):
    codebook = _load(name)
    keys = [c.shortcut for c in codebook if c.shortcut]
    assert keys, f"{name} gives coders no shortcut keys"
    assert len(keys) == len(set(keys))
    assert all(len(k) == 1 for k in keys)
    # shortcuts are for codes a coder applies, not for group headings
    for c in codebook:
        if c.shortcut:
            assert not codebook.children(c.id), f"{c.name} is a group but has a shortcut"


@pytest.mark.parametrize("name", NAMES)
def test_colours_distinguish_sibling_codes(name):
    codebook = _load(name)
    groups = {c.parent_id for c in codebook if c.parent_id}
    for group in groups:
        colours = [c.color.lower() for c in codebook.children(group)]
        assert len(colours) == len(set(colours)), f"two codes of {codebook[group].name} share a colour"


@pytest.mark.parametrize("name", NAMES)
def test_ids_are_left_to_the_path(name):
    """Stable ids come from the code path, so the files carry none."""
    data = yaml.safe_load(resource("codebooks", name).read_text(encoding="utf-8"))

    def ids(entries):
        for e in entries:
            if isinstance(e, dict):
                yield e.get("id")
                yield from ids(e.get("children") or [])

    assert not any(ids(data["codes"]))
    # and reading the file twice gives the same ids
    assert [c.id for c in codebook_from_dict(data)] == [c.id for c in _load(name)]


@pytest.mark.parametrize("name", NAMES)
def test_imports_into_a_fresh_project(tmp_path: Path, name):
    codebook = _load(name)
    with Project.create(tmp_path / "fresh.annotator") as project:
        counts = project.codes.import_codebook(codebook)
        assert counts["added"] == len(codebook)
    with Project.open(tmp_path / "fresh.annotator") as project:
        stored = project.codes.codebook()
        assert {stored.path(c.id) for c in stored} == {codebook.path(c.id) for c in codebook}
        for code in codebook:
            again = stored[code.id]
            assert (again.description, again.color, again.shortcut, again.scope, again.exclusive) == (
                code.description,
                code.color,
                code.shortcut,
                code.scope,
                code.exclusive,
            )


def test_source_types_are_one_exclusive_variable():
    expected = [
        "Government official",
        "Military",
        "Politician",
        "Opposition or armed group",
        "NGO or monitor",
        "Expert or academic",
        "News agency or media",
        "Citizen",
        "Anonymous or unnamed",
        "Document or report",
    ]
    for name in ("source_types.yaml", "syria_2015.yaml"):
        codebook = _load(name)
        group = codebook.by_path("Source type")
        assert group is not None and group.exclusive and group.scope == "span"
        assert [c.name for c in codebook.children(group.id)] == expected


def test_news_frames_are_semetko_and_valkenburg():
    codebook = _load("news_frames.yaml")
    frames = [c.name for c in codebook.children(codebook.by_path("Frames").id)]
    assert frames == ["Conflict", "Human interest", "Economic consequences", "Morality", "Responsibility"]
    dominant = codebook.by_path("Dominant frame")
    assert dominant.exclusive and dominant.scope == "document"
    assert all(c.scope == "document" for c in codebook.children(dominant.id))


def test_policy_frames_are_the_fifteen_dimensions():
    codebook = _load("policy_frames.yaml")
    dims = [c.name for c in codebook.children(codebook.by_path("Frame dimensions").id)]
    assert len(dims) == 15
    assert dims[0] == "Economic" and dims[-1] == "Other"
    primary = codebook.by_path("Primary frame")
    assert primary.exclusive and primary.scope == "document"
    assert [c.name for c in codebook.children(primary.id)] == dims
    tone = codebook.by_path("Tone")
    assert tone.exclusive and tone.scope == "document"
    assert [c.name for c in codebook.children(tone.id)] == ["Pro", "Neutral", "Anti"]


def test_syria_codebook_has_the_frames_of_the_example():
    codebook = _load("syria_2015.yaml")
    for path in (
        "Frames/Appeasement",
        "Frames/Tragically flawed",
        "Frames/Civilian harm",
        "Frames/Great-power rivalry",
        "Frames/Humanitarian crisis",
        "Frames/Russian self-defence, war on terror",
    ):
        code = codebook.by_path(path)
        assert code is not None and code.scope == "span", path
    for group, values in (
        ("Dominant frame", None),
        ("Tone toward Russia", ["Negative", "Neutral", "Positive"]),
    ):
        code = codebook.by_path(group)
        assert code.exclusive and code.scope == "document"
        if values:
            assert [c.name for c in codebook.children(code.id)] == values
