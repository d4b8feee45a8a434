"""A missing system library of Qt's xcb plugin is named, with the apt line
that installs it, instead of Qt aborting the process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.gui.app.system_libraries import (
    debian_package,
    install_line,
    missing_libraries,
    platform_will_be_xcb,
)

# real `ldd libqxcb.so` output (PySide6 6.12, Debian 12 without libxcb-icccm4/keysyms1), shortened
LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd5a5f3000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007fadacdb1000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007fadac1a8000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007fadac1a0000)
\tlibxcb-keysyms.so.1 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007fadacf00000)
"""


def test_ldd_output_gives_each_missing_library_once():
    assert missing_libraries(LDD_OUTPUT) == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libxkbcommon-x11.so.0",
    ]
    assert missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_packages_and_the_apt_line():
    assert install_line(missing_libraries(LDD_OUTPUT)) == (
        "sudo apt install libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0"
    )
    # outside the table, Debian's naming rule
    assert debian_package("libfoo.so.3") == "libfoo3"
    assert debian_package("libbar2.so.1.2") == "libbar2-1"


@pytest.mark.parametrize(
    "env, argv, expected",
    [
        ({"DISPLAY": ":0"}, [], True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, [], True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, [], False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, [], False),
        ({"DISPLAY": ":0"}, ["-platform", "offscreen"], False),
        ({}, [], False),
    ],
)
def test_when_the_platform_is_xcb(env, argv, expected):
    assert platform_will_be_xcb(env, argv) is (expected and sys.platform.startswith("linux"))


def _plugin_missing_a_library(folder: Path) -> Path:
    """A real shared object named like the xcb plugin, linked against a
    library that is then removed: ldd reports it "not found"."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or shutil.which("ldd") is None:
        pytest.skip("needs a C compiler and ldd")
    (folder / "stub.c").write_text("int xcb_icccm_stub(void) { return 0; }\n")
    (folder / "plugin.c").write_text(
        "int xcb_icccm_stub(void);\nint qt_plugin_stub(void) { return xcb_icccm_stub(); }\n"
    )
    lib = folder / "libxcb-icccm.so.4"
    subprocess.run(
        [cc, "-shared", "-fPIC", "-o", str(lib), "-Wl,-soname,libxcb-icccm.so.4", str(folder / "stub.c")],
        check=True,
    )
    platforms = folder / "platforms"
    platforms.mkdir()
    plugin = platforms / "libqxcb.so"
    subprocess.run(
        [cc, "-shared", "-fPIC", "-o", str(plugin), str(folder / "plugin.c"), str(lib)], check=True
    )
    lib.unlink()
    return plugin


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
@pytest.mark.parametrize(
    "command",
    [["-m", "annotator.cli.main", "gui"], ["-m", "annotator.gui.app.application"]],
    ids=["annotator gui", "annotator-gui"],
)
def test_the_window_names_the_missing_library_instead_of_aborting(tmp_path, project_path, command):
    plugin = _plugin_missing_a_library(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND"))}
    env.update(
        DISPLAY=":97",
        QT_QPA_PLATFORM_PLUGIN_PATH=str(plugin.parent),
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    result = subprocess.run(
        [sys.executable, *command, str(project_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1, result.stderr
    message = " ".join((result.stdout + result.stderr).split())
    assert "libxcb-icccm.so.4" in message
    assert "sudo apt install libxcb-icccm4" in message
    assert "core dumped" not in message.lower() and "Traceback" not in message
