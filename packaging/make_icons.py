"""Render the application icon from its SVG source.

Run from the repository root after editing resources/icons/annotator.svg:

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py

Writes resources/icons/annotator-<size>.png for every size a desktop asks for,
plus packaging/icons/annotator.ico (Windows) and annotator.icns (macOS). The
PNGs are committed so that neither a build nor an install needs Qt's SVG
renderer or Pillow.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "annotator.svg"
PNG_DIR = ROOT / "resources" / "icons"
PLATFORM_DIR = ROOT / "packaging" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render_png(svg: Path, size: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")


def write_platform_icons(pngs: dict[int, Path]) -> list[Path]:
    try:
        from PIL import Image
    except ImportError:
        print("Pillow is not installed: skipping .ico and .icns", file=sys.stderr)
        return []
    PLATFORM_DIR.mkdir(parents=True, exist_ok=True)
    largest = Image.open(pngs[max(pngs)]).convert("RGBA")
    ico = PLATFORM_DIR / "annotator.ico"
    # Windows picks the closest frame; giving it the small frames rendered
    # from the SVG (not downscaled from 512) keeps them crisp.
    frames = [Image.open(pngs[s]).convert("RGBA") for s in (16, 32, 48, 64, 128, 256)]
    frames[-1].save(ico, format="ICO", sizes=[(s, s) for s in (16, 32, 48, 64, 128, 256)],
                    append_images=frames[:-1])
    icns = PLATFORM_DIR / "annotator.icns"
    largest.save(icns, format="ICNS")
    return [ico, icns]


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pngs: dict[int, Path] = {}
    for size in SIZES:
        out = PNG_DIR / f"annotator-{size}.png"
        render_png(SVG, size, out)
        pngs[size] = out
        print(out.relative_to(ROOT))
    for path in write_platform_icons(pngs):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
