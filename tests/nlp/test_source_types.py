"""Proposed source types and their codes in a project's codebook."""

from __future__ import annotations

import pytest
import yaml

from annotator.core.codebook import Code, Codebook, codebook_from_dict
from annotator.nlp.source_types import (
    SourceTypeMappingError,
    code_for_source_type,
    default_mapping,
    load_mapping,
    normalise_name,
)
from annotator.resources_path import resource


@pytest.fixture(scope="module")
def mapping():
    return default_mapping()


@pytest.mark.parametrize(
    ("speaker", "kwargs", "expected"),
    [
        ("Defense Minister Sergei Shoigu", {}, "government official"),
        ("a spokesman for the Interior Ministry", {}, "government official"),
        ("Senator John McCain", {}, "politician"),
        ("the Syrian Observatory for Human Rights", {}, "NGO or monitor"),
        ("AP", {}, "news agency or media"),
        ("Reuters", {}, "news agency or media"),
        ("General Igor Konashenkov", {}, "military"),
        ("the army", {}, "military"),
        ("Professor Helen Okafor", {}, "expert or academic"),
        ("Jonas Meier", {"context": "Jonas Meier, an analyst at Nordbank"}, "expert or academic"),
        ("the rebels", {}, "opposition or armed group"),
        ("a resident", {}, "citizen"),
        ("officials", {"context": "officials who asked not to be named"}, "anonymous or unnamed"),
        (
            "A senior official",
            {"sentence": "A senior official said on condition of anonymity that ..."},
            "anonymous or unnamed",
        ),
        ("the report", {}, "document or report"),
        ("Russia", {"entity_label": "GPE"}, "government official"),
        ("Islamic State", {}, "opposition or armed group"),
        ("state media", {}, "news agency or media"),
    ],
)
def test_proposed_types(mapping, speaker, kwargs, expected):
    assert mapping.propose(speaker, **kwargs) == expected


def test_unknown_speakers_get_no_type(mapping):
    assert mapping.propose("Maria Olsen", entity_label="PERSON") is None
    assert mapping.propose("he") is None


def test_words_in_capitals_match_only_in_capitals(mapping):
    assert mapping.propose("a map maker") is None  # not "AP"
    assert mapping.propose("the UN envoy") is not None
    assert mapping.propose("people who left") is None  # not "WHO"


@pytest.fixture(scope="module")
def shipped_codebook() -> Codebook:
    data = yaml.safe_load(resource("codebooks", "source_types.yaml").read_text(encoding="utf-8"))
    return codebook_from_dict(data)


def test_every_shipped_type_has_its_code_in_the_shipped_codebook(mapping, shipped_codebook):
    for name in mapping.names:
        code_id = code_for_source_type(shipped_codebook, name, mapping)
        assert code_id is not None, name
        assert normalise_name(shipped_codebook[code_id].name) == normalise_name(name)


def test_codes_are_found_by_synonym_and_case():
    group = Code("Sources", exclusive=True)
    ngo = Code("NGO / Monitor", parent_id=group.id)
    gov = Code("GOVERNMENT", parent_id=group.id)
    book = Codebook([group, ngo, gov])
    assert code_for_source_type(book, "NGO or monitor") == ngo.id
    assert code_for_source_type(book, "government official") == gov.id
    assert code_for_source_type(book, "military") is None
    assert code_for_source_type(book, None) is None


def test_a_codebook_without_source_types_gives_no_code():
    frames = Code("Frames")
    book = Codebook([frames, Code("Appeasement", parent_id=frames.id)])
    assert code_for_source_type(book, "government official") is None


def test_a_user_file_extends_the_mapping(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(
        "types:\n"
        "  government official:\n    words: [bürgermeister]\n"
        "  religious leader:\n    synonyms: [clergy]\n    words: [imam, bishop, rabbi]\n",
        encoding="utf-8",
    )
    m = load_mapping(f)
    assert m.propose("the Bürgermeister of Kellmar") == "government official"
    assert m.propose("the local imam") == "religious leader"
    assert m.propose("Defense Minister Sergei Shoigu") == "government official"  # shipped words kept
    assert m.names[-1] == "religious leader"


@pytest.mark.parametrize(
    "content",
    [
        "types: [a, b]\n",
        "just text\n",
        "types:\n  citizen:\n    words: resident\n",
        "types: {x: [1]}\n",
        "types: {citizen: {words: [a\n",
    ],
)
def test_bad_user_files_are_refused_with_one_sentence(tmp_path, content):
    f = tmp_path / "bad.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(SourceTypeMappingError) as err:
        load_mapping(f)
    assert str(err.value).endswith(".")


def test_a_missing_user_file_is_refused(tmp_path):
    with pytest.raises(SourceTypeMappingError, match="cannot be read"):
        load_mapping(tmp_path / "nope.yaml")
