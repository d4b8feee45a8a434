"""Before the first QApplication: will Qt's xcb platform plugin load?

When a shared library the plugin links is missing, Qt prints a hint that
names the wrong package and aborts the process (a core dump). ``ldd`` on the
plugin lists every missing library, direct or through libQt6XcbQpa, so the
program can name them and the one apt line that installs them instead.

No Qt import here: this runs before Qt loads any plugin.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from annotator.core.errors import AnnotatorError

# soname -> Debian/Ubuntu package, for the libraries Qt 6's xcb plugin needs
# beyond a desktop's usual set (from `ldd libqxcb.so` on PySide6 6.7-6.12)
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}

# "\tlibxcb-icccm.so.4 => not found"
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ``ldd`` reports as not found, each once, in first-seen order."""
    seen: dict[str, None] = {}
    for line in ldd_output.splitlines():
        match = _NOT_FOUND.match(line)
        if match:
            seen.setdefault(match.group(1), None)
    return list(seen)


def debian_package(soname: str) -> str:
    """The package that ships ``soname``: the table above, else Debian's
    naming rule (libfoo.so.N -> libfooN, libfoo2.so.N -> libfoo2-N)."""
    if soname in DEBIAN_PACKAGES:
        return DEBIAN_PACKAGES[soname]
    match = re.fullmatch(r"(lib[\w.+-]+?)\.so\.(\d+)(?:\.\d+)*", soname)
    if not match:
        return soname
    stem, version = match.group(1).lower().replace("_", "-"), match.group(2)
    return f"{stem}-{version}" if stem[-1].isdigit() else f"{stem}{version}"


def install_line(sonames: Sequence[str]) -> str:
    packages = sorted({debian_package(s) for s in sonames})
    return "sudo apt install " + " ".join(packages)


def platform_will_be_xcb(env: Mapping[str, str], argv: Sequence[str] = ()) -> bool:
    """Whether Qt will try its xcb plugin: Linux, X display, no other platform asked for."""
    if not sys.platform.startswith("linux"):
        return False
    asked = env.get("QT_QPA_PLATFORM", "")
    if "-platform" in argv[:-1]:
        asked = argv[list(argv).index("-platform") + 1]
    if asked:
        return asked.split(":", 1)[0].split(";", 1)[0] == "xcb"
    # with no choice made, Qt 6 prefers Wayland in a Wayland session
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def xcb_plugin(env: Mapping[str, str]) -> Path | None:
    # Qt reads its platform plugins from QT_QPA_PLATFORM_PLUGIN_PATH first
    folders = [Path(p) for p in env.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(os.pathsep) if p]
    try:
        import PySide6  # the package only: no Qt library is loaded yet

        folders.append(Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms")
    except ImportError:
        pass
    for folder in folders:
        candidate = folder / "libqxcb.so"
        if candidate.is_file():
            return candidate
    return None


def check_xcb_libraries(env: Mapping[str, str] | None = None, argv: Sequence[str] = ()) -> None:
    """Raise, naming the missing libraries and the apt line, when the xcb
    plugin cannot load; return quietly when it can or the check cannot tell
    (no ldd, no plugin): then Qt's own message stands."""
    env = os.environ if env is None else env
    if not platform_will_be_xcb(env, argv):
        return
    plugin = xcb_plugin(env)
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return
    try:
        result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return
    missing = missing_libraries(result.stdout)
    if missing:
        raise AnnotatorError(
            "The coding window cannot start because Qt's X11 plugin needs system libraries "
            f"that are not installed ({', '.join(missing)}); on Debian or Ubuntu install them "
            f"with: {install_line(missing)}"
        )
