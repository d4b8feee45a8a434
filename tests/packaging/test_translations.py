"""Every visible string can be translated: the extraction script finds the
GUI's tr() strings and writes a .ts file Qt Linguist opens, and its check
catches a literal string handed straight to a widget."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "extract_translations.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("extract_translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _messages(ts: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        found.setdefault(context.findtext("name"), set()).update(
            m.findtext("source") for m in context.iter("message"))
    return found


@pytest.mark.parametrize("extractor", ["lupdate", "builtin"])
def test_extracts_the_gui_strings(tmp_path, extractor):
    out = tmp_path / "annotator_en.ts"
    cmd = [sys.executable, str(SCRIPT), "-o", str(out)]
    if extractor == "builtin":
        cmd.append("--no-lupdate")
    elif _load_script().find_lupdate() is None:
        pytest.skip("pyside6-lupdate is not installed")
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    messages = _messages(out)
    assert "Copy details" in messages["CrashDialog"]
    assert "Something went wrong: {0}" in messages["CrashDialog"]
    assert "Search the guide" in messages["HelpBrowser"]
    assert "Keyboard shortcuts" in messages["ShortcutSheet"]
    assert sum(len(v) for v in messages.values()) >= 30
    assert ET.parse(out).getroot().get("version") == "2.1"


def test_both_extractors_find_the_same_strings(tmp_path):
    module = _load_script()
    if module.find_lupdate() is None:
        pytest.skip("pyside6-lupdate is not installed")
    # Our own modules: other modules may use obj.tr(), whose context neither
    # extractor can know (the --check warning says so).
    sources = [str(ROOT / "annotator" / "gui" / n) for n in ("app/crash_dialog.py", "help/help_browser.py")]
    a, b = tmp_path / "a.ts", tmp_path / "b.ts"
    assert module.main([*sources, "-o", str(a)]) == 0
    assert module.main([*sources, "-o", str(b), "--no-lupdate"]) == 0
    assert _messages(a) == _messages(b)


def test_builtin_extractor_keeps_finished_translations(tmp_path):
    module = _load_script()
    src = tmp_path / "window.py"
    src.write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "class Window(QWidget):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.setWindowTitle(self.tr('Coding'))\n"
        "        self.setToolTip(self.tr('Mark done'))\n",
        encoding="utf-8",
    )
    ts = tmp_path / "annotator_de.ts"
    assert module.main([str(src), "-o", str(ts), "--no-lupdate", "--language", "de"]) == 0
    text = ts.read_text(encoding="utf-8").replace(
        '<source>Coding</source>\n            <translation type="unfinished" />',
        "<source>Coding</source>\n            <translation>Kodieren</translation>")
    ts.write_text(text, encoding="utf-8")
    assert module.main([str(src), "-o", str(ts), "--no-lupdate", "--language", "de"]) == 0
    root = ET.parse(ts).getroot()
    translations = {m.findtext("source"): m.find("translation") for m in root.iter("message")}
    assert translations["Coding"].text == "Kodieren"
    assert translations["Mark done"].get("type") == "unfinished"


def test_check_flags_strings_that_bypass_tr(tmp_path, capsys):
    module = _load_script()
    src = tmp_path / "panel.py"
    src.write_text(
        "from PySide6.QtWidgets import QLabel, QMessageBox, QWidget\n"
        "class Panel(QWidget):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        QLabel('Hello coder', self)\n"
        "        self.setWindowTitle(self.tr('Fine'))\n"
        "        QMessageBox.warning(self, 'Oops', self.tr('Fine too'))\n"
        "        self.setObjectName('notVisible')\n",
        encoding="utf-8",
    )
    status = module.main([str(src), "-o", str(tmp_path / "x.ts"), "--no-lupdate", "--check"])
    out = capsys.readouterr().out
    assert status == 1
    assert "'Hello coder'" in out and "'Oops'" in out
    assert "Fine" not in out and "notVisible" not in out


def test_gui_sources_pass_the_check():
    module = _load_script()
    assert module.untranslated_strings(module.python_sources(module.DEFAULT_SOURCES)) == []


@pytest.mark.parametrize("builtin", [False, True])
def test_translate_helpers_are_followed(tmp_path, builtin):
    module = _load_script()
    if not builtin and module.find_lupdate() is None:
        pytest.skip("pyside6-lupdate is not installed")
    src = tmp_path / "startup.py"
    src.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def _tr(text):\n"
        "    return QCoreApplication.translate('startup', text)\n"
        "def fail(parent):\n"
        "    return _tr('The project could not be opened.')\n",
        encoding="utf-8",
    )
    ts = tmp_path / "annotator_en.ts"
    args = [str(src), "-o", str(ts)] + (["--no-lupdate"] if builtin else [])
    assert module.main(args) == 0
    assert "The project could not be opened." in _messages(ts)["startup"]
