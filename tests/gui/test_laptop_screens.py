"""Every window and dialog fits a 1280×720 and a 1366×768 laptop screen: it
opens inside the screen's available geometry with every button on screen,
the workbench keeps its status bar and the codebook's Key column in view, and
a window's size is remembered per screen.

The screens are an offscreen platform's configuration (Qt 6:
``offscreen:configfile=...``), fixed when Qt starts, so the windows are
opened in a separate process (tests/gui/screen_probe.py) that reports what
lies outside; one process shows everything on all three screens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QRect

from annotator.gui.common.screen_fit import fitted_geometry, screen_key
from tests.gui.dialog_catalogue import DIALOGS

pytestmark = pytest.mark.gui

HERE = Path(__file__).resolve().parent
SCREENS = {"1280x720": (1280, 720), "1366x768": (1366, 768), "1920x1080": (1920, 1080)}
LAPTOPS = ["1280x720", "1366x768"]
WINDOWS = ["workbench", *DIALOGS]


@pytest.fixture(scope="module")
def probe(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("screens")
    x, screens = 0, []
    for name, (w, h) in SCREENS.items():
        screens.append({"name": f"screen-{name}", "x": x, "y": 0, "width": w, "height": h, "logicalDpi": 96})
        x += w
    config = folder / "screens.json"
    config.write_text(json.dumps({"screens": screens}))
    out = folder / "report.json"
    shots = os.environ.get("ANNOTATOR_SCREENSHOTS")  # a folder: also save a screenshot of each window
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run(
        [sys.executable, str(HERE / "screen_probe.py"), str(out), *([shots] if shots else [])],
        capture_output=True,
        text=True,
        timeout=280,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(out.read_text())


@pytest.mark.parametrize("screen", LAPTOPS)
@pytest.mark.parametrize("window", WINDOWS)
def test_the_window_and_every_button_are_on_the_screen(probe, screen, window):
    facts = probe[f"{screen}/{window}"]
    assert facts["inside"], f"{window} at {facts['frame']} leaves the screen {facts['available']}"
    assert facts["buttons_outside"] == []


@pytest.mark.parametrize("screen", LAPTOPS)
def test_the_workbench_shows_its_status_bar_key_column_and_titles(probe, screen):
    facts = probe[f"{screen}/workbench"]
    assert facts["status_bar_inside"] and facts["key_column_inside"]
    assert facts["title_chars"] >= 18  # the title column gets the room the short columns leave
    assert facts["codes_shown"] >= 15  # of the demo's 35 codes, without scrolling


def test_a_maximised_workbench_on_a_large_screen_gives_titles_the_room(probe):
    assert probe["1920x1080/workbench"]["maximised_title_chars"] >= 40


def test_fitted_geometry_shrinks_and_centres_within_the_screen():
    laptop = QRect(0, 0, 1280, 720)
    frame = QMargins(4, 32, 4, 4)
    rect = fitted_geometry(QRect(0, 0, 1440, 900), 600, 400, frame, laptop, None)
    assert laptop.contains(rect.marginsAdded(frame))
    assert (rect.width(), rect.height()) == (1272, 684)
    # centred on its parent, but pushed back inside the screen at the edge
    small = fitted_geometry(QRect(0, 0, 400, 300), 0, 0, frame, laptop, QRect(1000, 600, 200, 100))
    assert laptop.contains(small.marginsAdded(frame)) and small.size().width() == 400
    # a minimum larger than the screen gives way to the screen
    big = fitted_geometry(QRect(0, 0, 100, 100), 2000, 1000, frame, laptop, None)
    assert laptop.contains(big.marginsAdded(frame))


def test_a_dialog_reopens_at_the_size_it_had_on_this_screen(qtbot, window):
    from annotator.gui.app.preferences import PreferencesDialog
    from annotator.gui.app.settings import settings

    first = PreferencesDialog(window.prefs, window)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.setGeometry(QRect(40, 50, 520, 260))
    first.hide()
    key = f"window_geometry/PreferencesDialog/{screen_key(first.screen())}"
    assert settings().value(key) == [40, 50, 520, 260] or settings().value(key) == ["40", "50", "520", "260"]
    again = PreferencesDialog(window.prefs, window)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (520, 260)


def test_a_maximised_window_comes_back_maximised_on_that_screen(qtbot, window):
    from annotator.gui.app.preferences import PreferencesDialog

    first = PreferencesDialog(window.prefs, window)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized, timeout=3000)
    first.hide()
    again = PreferencesDialog(window.prefs, window)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(again.isMaximized, timeout=3000)
