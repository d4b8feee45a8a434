"""Cleaning: the seed article comes out clean with its story intact, and the
rules can be listed, extended and switched off."""

from __future__ import annotations

import unicodedata

import pytest

from annotator.core.errors import IngestError
from annotator.ingest import RuleSet, builtin_rules, clean_text, load_rules, read_sources
from tests.data_paths import SEED

# Every sentence of the VOA story (as printed, typos included), in order.
STORY = [
    "Russian Navy Fires Missiles into Syria",
    "Russia, which has been carrying out airstrikes in Syria, said Wednesday it has used four warships in the "
    "Caspian Sea to launch rockets at Islamic State targets in the war-torn country.",
    "Defense Minister Sergei Shoigu told President Vladimir Putin that the vessels fired 26 cruise missiles at 11 "
    "Islamic State targets that he said were destroyed.",
    "He said there were no civilian casualties.",
    '"The results of the strike confirmed the high effectiveness of the missles at great distances \u2013 nearly '
    '1,500 kilometers," Shoigu told Putin.',
    "Word of the Russian naval strikes in Syria come as Syrian government forces launched a major ground offensive "
    "against rebels under cover of Russian airstrikes.",
    "The Britain-based Syrian Observatory for Human Rights, which monitors violence in Syria, said Russian "
    "airstrikes Wednesday hit Hama and neighboring Idlib provinces, with Syrian troops using surface-to-surface "
    "missiles in the area.",
    "Wednesday's offensive in central Syria and the ensuing clashes with militants, including al-Qaida's Syrian "
    "branch, was the first major ground fighting since Moscow began launching air raids in Syria last week.",
    "No US cooperation",
    "Meanwhile, U.S. Defense Secretary Ash Carter told reporters in Rome on Wednesday that the United States, which "
    "has conducted thousands of airstrikes against the Islamic State group in Syria and Iraq, has not agreed to "
    "cooperate with Russia in the fight against the extremists.",
    'Russia\'s airstrikes in Syria continue "to hit targets that are not ISIL," Carter said -- using another '
    'acronym for the Islamic State \u2013 a strategy he called "tragically flawed."',
    'Still, he said the U.S. would continue "basic, technical" talks with Russia to ensure the safety of U.S. '
    "pilots flying over Syria.",
    "Earlier Wednesday, a spokesman for Russia's Defense Ministry said Russian and U.S. defense experts would meet "
    'later in the day to discuss proposals to "coordinate actions in the fight against" Islamic State militants '
    "in Syria.",
    "Carter said Tuesday that the two sides held talks last week that were initiated by Russia.",
    "He also declined to comment on a U.S. response to Russian warplanes violating Turkish airspace, saying the "
    "issue would be covered at a meeting of NATO defense ministers on Thursday.",
    "Turkey reported two violations of its airspace by Russian jets, one Saturday and another Sunday, and twice "
    "summoned Russia's ambassador to lodge its complaints.",
    "Russian officials have said the incursions happened by mistake.",
    "Russia and Turkey have each talked about the prospect of establishing a joint working group to coordinate and "
    "prevent possible incidents related to Russian airstrikes in Syria.",
    "McCain: Russia 'winning'",
    'U.S. Senator John McCain told Alhurra TV that Russian incursions in Turkey\'s airspace are "very concerning," '
    "and equated coordination talks between the U.S. and Russia to appeasement.",
    "McCain, who has long promoted deploying U.S. ground forces to fight Islamic State militants in Iraq and Syria, "
    "criticized the way Carter and other members of President Barack Obama's administration have responded to "
    'Russian activity in Syria, saying "everybody knows that Russia is winning."',
    "\"They have for the first time since 1973 played a major role in the Middle East, and they're achieving all of "
    "their objectives while we sit by and call it a quagmire or in the words of the secretary of defense, "
    'unprofessional," McCain said.',
    '"It has become almost a joke."',
    "Obama authorized an aerial campaign against the Islamic State that has included more than 2,600 airstrikes in "
    "Syria and 4,600 in Iraq, but the bombings have had limited success and he has so far ruled out sending "
    "American ground troops.",
    'McCain said it is "obvious" Russia is targeting moderate opposition fighters and not the Islamic State with '
    'its own airstrikes that began last week, and criticized as "outrageously immoral" the failure of the U.S. '
    "to protect the Syrian rebels it has trained and equipped.",
    '"We should say to the Russians we are going to fly anywhere we want to at any time and you better not get in '
    'the way," he said.',
    "Some material for this report came from AP.",
]
CAPTION_1 = (
    "In this photo made from the footage taken from Russian Defense Ministry official website, a Russian "
    "navy ship on the Caspian Sea launches a cruise missile toward Islamic State targets in Syria, the "
    "ministry said, Oct. 7, 2015."
)
CAPTION_2 = (
    "U.S. Secretary of Defense Ashton Carter, center, and Spain's Defense Minister Pedro Morenes, right, "
    "walk together during their visit at Moron Airbase, near Seville, Spain, Oct. 6, 2015."
)
DEBRIS = [
    "Accessibility links",
    "Breaking News",
    "WATCH: Russian Defense Ministry video alleging launch of cruise missiles against Islamic State targets in Syria",
    "please wait",
    "No media source currently available",
    "0:00 0:00:56 0:00",
    "WATCH: Senator John McCain's statement on Russia strikes in Syria",
    "McCain Slams Russian Strikes in Syria",
    "0:00 0:00:29 0:00",
]


def test_seed_article_keeps_every_sentence_of_the_story_in_order(seed_text):
    text = clean_text(seed_text).text
    pos = 0
    for sentence in STORY:
        found = text.find(sentence, pos)
        assert found >= 0, sentence
        pos = found + len(sentence)


def test_seed_article_loses_its_page_debris(seed_text):
    result = clean_text(seed_text)
    lines = result.text.split("\n")
    for debris in DEBRIS:
        assert debris not in lines, debris
    # the headline, repeated as a video title, and the caption printed twice remain once each
    assert lines.count("Russian Navy Fires Missiles into Syria") == 1
    assert lines.count(CAPTION_2) == 1
    assert lines.count(CAPTION_1) == 1
    assert "\n\n\n" not in result.text


def test_what_cleaning_removed_is_recorded_with_rule_names(seed_text):
    removed = clean_text(seed_text).removed
    assert [(r.rule, r.text) for r in removed[:4]] == [
        ("accessibility-links", "Accessibility links"),
        ("navigation-label", "Breaking News"),
        ("player-label", DEBRIS[2]),
        ("player-title", "Russian Navy Fires Missiles into Syria"),
    ]
    assert ("repeated-line", CAPTION_2) in [(r.rule, r.text) for r in removed]
    assert len(removed) == 13
    lines = seed_text.split("\n")
    assert all(lines[r.line - 1].strip() == r.text for r in removed)


def test_seed_document_keeps_raw_bytes_path_and_cleaning_record():
    [doc] = read_sources([SEED])
    assert doc.raw == SEED.read_bytes()
    assert doc.source_path == str(SEED)
    assert doc.title == "Russian Navy Fires Missiles into Syria"
    assert "player-timecode: 0:00 0:00:56 0:00" in doc.cleaning
    assert doc.text == clean_text(SEED.read_text(encoding="utf-8")).text


def test_without_cleaning_only_unicode_and_line_endings_change(seed_text):
    [doc] = read_sources([SEED], clean=False)
    assert doc.text == seed_text
    assert doc.cleaning == []


def test_a_watch_line_that_introduces_the_story_is_kept():
    text = "WATCH: the minister speaks\n\nThe minister said the strikes would continue.\n"
    assert clean_text(text).text.startswith("WATCH: the minister speaks")


def test_a_line_above_please_wait_that_is_a_sentence_is_kept():
    text = "Officials said the page was loading.\nplease wait\n"
    assert clean_text(text).text == "Officials said the page was loading."


def test_short_repeated_lines_such_as_subheadings_are_kept():
    text = "Reaction\n\nFirst paragraph.\n\nReaction\n\nSecond paragraph.\n"
    assert clean_text(text).text.count("Reaction") == 2


def test_normalisation():
    text = "  Cafe\u0301 \r\nline two\t \r\rline\u2028four\x00\x07\n\n\n\n\nlast  \n\n"
    result = clean_text(text, RuleSet.none())
    assert result.text == "  Caf\u00e9\nline two\n\nline\nfour\n\nlast"
    assert unicodedata.is_normalized("NFC", result.text)


def test_untidy_mode_still_normalises():
    result = clean_text("a\r\ne\u0301  \n\n\nAccessibility links\n", tidy=False)
    assert result.text == "a\n\u00e9  \n\n\nAccessibility links\n"


def test_rules_can_be_listed_with_descriptions():
    rules = builtin_rules()
    names = rules.names()
    assert {"accessibility-links", "player-loading", "player-timecode", "repeated-line"} <= set(names)
    assert all(r.description for r in rules)
    assert len(set(names)) == len(names)


def test_one_rule_can_be_switched_off(seed_text):
    rules = load_rules(disabled=["player-timecode"])
    lines = clean_text(seed_text, rules).text.split("\n")
    assert "0:00 0:00:56 0:00" in lines
    assert "please wait" not in lines


def test_all_rules_can_be_switched_off(seed_text):
    text = clean_text(seed_text, load_rules(builtin=False)).text
    assert text.startswith("Accessibility links\n\nBreaking News")


def test_switching_off_an_unknown_rule_is_an_error():
    with pytest.raises(IngestError, match="no cleaning rule named player-timecod"):
        load_rules(disabled=["player-timecod"])


def test_user_rules_extend_and_replace_built_in_ones(tmp_path, seed_text):
    f = tmp_path / "my_rules.yaml"
    f.write_text(
        "rules:\n"
        "  - name: wire-credit\n"
        "    description: Agency credit at the foot of the story.\n"
        "    pattern: 'some material for this report came from \\w+\\.'\n"
        "  - name: navigation-label\n"
        "    pattern: 'accessibility links'\n",
        encoding="utf-8",
    )
    rules = load_rules([f])
    assert rules.names()[-1] == "repeated-line"  # user rules come before it
    result = clean_text(seed_text, rules)
    assert not result.text.endswith("AP.")
    assert ("wire-credit", "Some material for this report came from AP.") in [
        (r.rule, r.text) for r in result.removed
    ]
    # the replaced built-in rule no longer removes "Breaking News"
    assert "Breaking News" in result.text.split("\n")
    [doc] = read_sources([SEED], rules=rules)
    assert "wire-credit: Some material for this report came from AP." in doc.cleaning


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rules: [{name: bad, pattern: '(unclosed'}]", "invalid pattern"),
        ("rules: [{pattern: 'x'}]", "has no name"),
        ("rules: [{name: a, pattern: x, colour: red}]", "unknown keys: colour"),
        ("rules: {name: a}", "must hold a 'rules' list"),
        ("rules: [{name: a, pattern: x}, {name: a, pattern: y}]", "appears twice"),
        ("rules: [a: b: c", "not valid YAML"),
    ],
)
def test_bad_user_rules_files_are_one_sentence(tmp_path, content, message):
    f = tmp_path / "rules.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=message) as info:
        load_rules([f])
    assert "\n" not in str(info.value)
