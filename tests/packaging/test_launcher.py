"""The bundled program decides between the window and the command line from
its arguments: a double-clicked project opens the window, a command runs the
command line, and --smoke proves the window starts."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "packaging" / "entry.py"
COMMANDS = {"init": None, "info": None, "demo": None, "gui": None, "agreement": None}


def _entry():
    spec = importlib.util.spec_from_file_location("annotator_bundle_entry", ENTRY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "gui"),
        (["/home/me/study.annotator"], "gui"),
        (["C:\\Users\\me\\My study.annotator"], "gui"),
        (["-psn_0_12345"], "gui"),
        (["--smoke"], "gui"),
        (["--version"], "cli"),
        (["-V"], "cli"),
        (["--help"], "cli"),
        (["demo", "--no-open", "x.annotator"], "cli"),
        (["agreement", "p.annotator", "--unit", "sentence"], "cli"),
        (["gui", "p.annotator"], "cli"),  # the command line's own way to open the window
    ],
)
def test_dispatch(argv, expected):
    assert _entry().choose(argv, COMMANDS, "annotator") == expected


def test_gui_executable_always_opens_the_window():
    entry = _entry()
    assert entry.choose(["--version"], COMMANDS, "/opt/annotator/annotator-gui") == "gui"
    assert entry.choose([], COMMANDS, "C:\\Annotator\\annotator-gui.exe") == "gui"


def _run_entry(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", ANNOTATOR_SMOKE_TIMEOUT="60")
    return subprocess.run([sys.executable, str(ENTRY), *args], capture_output=True, text=True,
                          env=env, timeout=timeout, cwd=ROOT)


def test_version_runs_the_command_line():
    from annotator import __version__

    result = _run_entry("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"annotator {__version__}"


def test_bundle_check_from_source_finds_resources_and_qt():
    result = _run_entry("--bundle-check")
    assert "codebooks:" in result.stdout
    assert "Qt platform: offscreen" in result.stdout
    if "trained=True" in result.stdout:
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.gui
def test_smoke_starts_the_main_window(tmp_path):
    from annotator.store.project import Project

    project = Project.create(tmp_path / "smoke.annotator")
    project.close()
    env_home = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
                "XDG_STATE_HOME": str(tmp_path / "state")}
    result = subprocess.run(
        [sys.executable, str(ENTRY), "--smoke", str(tmp_path / "smoke.annotator")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
                 ANNOTATOR_SMOKE_TIMEOUT="60", **env_home),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke: main window shown" in result.stdout
