"""The user guide sends readers only to menus that exist, and says what the
demo holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

# this checkout's guide (an installed package may carry another copy)
RESOURCES = Path(__file__).resolve().parents[2] / "resources"

pytestmark = pytest.mark.gui

# "File > New project", "Code > Suggestions > Find sources", across line breaks
MENU_PATH = re.compile(r"\b([A-Z][a-z]+)((?:\s+>\s+[A-Z][A-Za-z'-]*(?:[ \t]+[A-Za-z'-]+)*)+)")


def _words(text: str) -> list[str]:
    return text.replace("&", "").replace("…", "").strip().casefold().split()


def _guide_menu_paths() -> list[tuple[str, list[str]]]:
    found = []
    for page in sorted((RESOURCES / "help").iterdir(), key=lambda p: p.name):
        if not page.name.endswith(".md"):
            continue
        text = page.read_text(encoding="utf-8")
        for m in MENU_PATH.finditer(text):
            steps = [m.group(1)] + [s.strip() for s in m.group(2).split(">") if s.strip()]
            found.append((page.name, steps))
    return found


def _find(actions, step: str):
    """The action ``step`` names: the guide may stop early ("File > Open") or
    run on into the sentence ("File > New project, and choose")."""
    wanted = _words(step)
    for action in actions:
        have = _words(action.text())
        if have and (wanted[: len(have)] == have or have[: len(wanted)] == wanted):
            return action
    return None


def test_the_guide_names_only_menus_of_the_window(window):
    paths = _guide_menu_paths()
    assert paths, "the guide names no menu at all: the pattern is wrong"
    wrong = []
    for page, steps in paths:
        actions = window.menuBar().actions()
        for step in steps:
            action = _find(actions, step)
            if action is None:
                wrong.append(f"{page}: {' > '.join(steps)} (no {step!r})")
                break
            actions = action.menu().actions() if action.menu() is not None else []
    assert wrong == []


def test_the_guide_counts_the_demo_articles():
    articles = yaml.safe_load((RESOURCES / "demo" / "articles.yaml").read_text(encoding="utf-8"))
    count = len(articles["articles"] if isinstance(articles, dict) else articles)
    numbers = {"ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "nine": 9, "eight": 8}
    text = (RESOURCES / "help" / "index.md").read_text(encoding="utf-8")
    said = re.search(r"The demo project has (a dozen|\w+) short news articles", text)
    assert said is not None
    assert numbers.get(said.group(1), said.group(1)) == count
