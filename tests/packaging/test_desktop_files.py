"""The Linux desktop entry, AppStream metadata and MIME type are what make a
double-clicked project file open in Annotator; the validators are the same
ones distributions and Flathub run."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "annotator.desktop"
METAINFO = LINUX / "annotator.metainfo.xml"
MIME = LINUX / "annotator-mime.xml"
MIME_TYPE = "application/x-annotator-project"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path is not None, f"{name} is not installed (scripts/ci_extra.sh installs it)"
    return path


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.desktop
def test_desktop_entry_validates() -> None:
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower(), result.stdout


@pytest.mark.desktop
def test_metainfo_validates() -> None:
    result = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_opens_project_files_in_the_gui() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == "annotator-gui %f"
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Icon"] == "annotator"
    assert (ROOT / "resources" / "icons" / "annotator-48.png").is_file()


def test_mime_type_matches_extension_and_sqlite_magic() -> None:
    tree = ET.parse(MIME)
    mime = tree.getroot().find(f"{MIME_NS}mime-type")
    assert mime is not None and mime.get("type") == MIME_TYPE
    globs = [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")]
    assert globs == ["*.annotator"]
    match = mime.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert match is not None and match.get("value", "").startswith("SQLite format 3")


def test_metainfo_names_the_desktop_entry_and_mime_type() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name
    assert MIME_TYPE in [m.text for m in root.iter("mediatype")]


@pytest.mark.desktop
def test_shared_mime_database_maps_the_extension(tmp_path: Path) -> None:
    tool = _tool("update-mime-database")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / MIME.name)
    result = subprocess.run([tool, str(tmp_path / "mime")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")
    assert f"{MIME_TYPE}:*.annotator" in globs
    assert "SQLite format 3" in (tmp_path / "mime" / "magic").read_bytes().decode("latin-1")


def test_user_install_script_registers_everything(tmp_path: Path) -> None:
    share = tmp_path / "share"
    result = subprocess.run(["sh", str(LINUX / "install-desktop.sh"), str(share)],
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (share / "applications" / "annotator.desktop").is_file()
    assert (share / "mime" / "packages" / "annotator-mime.xml").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "annotator.png").is_file()
