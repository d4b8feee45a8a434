"""Every icon size a desktop or installer asks for exists, is square and has
the size in its name, so a stale or missing render is caught."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256, 512])
def test_png_sizes_are_rendered(size: int) -> None:
    assert _png_size(ICONS / f"annotator-{size}.png") == (size, size)


def test_svg_source_and_platform_icons_exist() -> None:
    svg = (ICONS / "annotator.svg").read_text(encoding="utf-8")
    assert "<svg" in svg
    ico = (ROOT / "packaging" / "icons" / "annotator.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # ICO header, type 1 = icon
    assert (ROOT / "packaging" / "icons" / "annotator.icns").read_bytes()[:4] == b"icns"


def test_icon_is_readable_through_the_resources_package() -> None:
    from annotator.resources_path import resource

    assert resource("icons", "annotator-256.png").is_file()
