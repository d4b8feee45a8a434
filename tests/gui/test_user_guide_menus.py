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


# "**Score now** (Alt+S)", "the **History** tab (Alt+H)": a control named in bold with its key
NAMED_KEY = re.compile(r"\*\*([^*]+)\*\*(?:\s+tab)?\s+\(Alt\+([A-Z])\b")


def _mnemonics(widgets) -> dict[str, str]:
    """Each labelled control's text (without & and …) and the letter after its &."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

    found: dict[str, str] = {}

    def note(text: str) -> None:
        if "&" in text and not text.endswith("&"):
            key = text[text.index("&") + 1].upper()
            found[text.replace("&", "").replace("…", "").strip()] = key

    for top in widgets:
        for w in [top, *top.findChildren(QAbstractButton), *top.findChildren(QLabel)]:
            if isinstance(w, (QAbstractButton, QLabel)):
                note(w.text())
        for tabs in top.findChildren(QTabWidget):
            for i in range(tabs.count()):
                note(tabs.tabText(i))
    return found


def test_the_keys_the_guide_names_reach_those_controls(qtbot, tmp_path):
    """The reliability pages name Alt keys for the dialogs' controls: each one
    must be the mnemonic the control really has."""
    from annotator.gui.agreement.agreement_dashboard import AgreementDashboard
    from annotator.gui.codebook.codebook_editor import CodebookEditorDialog
    from annotator.gui.codebook.versions_dialog import CodebookVersionsDialog
    from annotator.gui.exchange.appendix_dialog import AppendixDialog
    from annotator.gui.reliability.new_round_dialog import NewRoundDialog
    from annotator.gui.reliability.training_rounds_dialog import TrainingRoundsDialog
    from annotator.gui.team.assign_dialog import AssignDialog
    from annotator.services.demo import build_demo
    from annotator.store.project import Project

    path = tmp_path / "demo.annotator"
    build_demo(path)
    with Project.open(path) as p:
        dialogs = [
            AssignDialog(p),
            TrainingRoundsDialog(p),
            NewRoundDialog(p),
            CodebookEditorDialog(p),
            CodebookVersionsDialog(p),
            AppendixDialog(p),
            AgreementDashboard(p),
        ]
        for d in dialogs:
            qtbot.addWidget(d)
        keys = _mnemonics(dialogs)
        named = [
            (page, label, key)
            for page in ("team-workflow.md", "coding.md", "reporting.md", "agreement.md")
            for label, key in NAMED_KEY.findall((RESOURCES / "help" / page).read_text(encoding="utf-8"))
        ]
        assert len(named) >= 16
        wrong = []
        for page, label, key in named:
            wanted = " ".join(label.replace("…", "").split())
            have = {text: k for text, k in keys.items() if text == wanted or text.startswith(wanted + ":")}
            if set(have.values()) != {key}:
                wrong.append(f"{page}: {label} (Alt+{key}); the controls have {have or 'no such control'}")
        for d in dialogs:
            d.close()
    assert wrong == []
