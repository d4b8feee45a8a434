"""Opens the workbench and every dialog on each screen of an offscreen
platform configured with laptop and desktop screens, and writes what lies
outside the screen as JSON (and, with a folder, a screenshot of each).

Run in its own process (the screens are fixed when Qt starts):
    QT_QPA_PLATFORM=offscreen:configfile=SCREENS.json python tests/gui/screen_probe.py OUT.json [SHOTS]
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _use_this_checkouts_resources() -> None:
    # an installed copy of the package may map annotator.resources elsewhere
    init = ROOT / "resources" / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        "annotator.resources", init, submodule_search_locations=[str(init.parent)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["annotator.resources"] = module
    spec.loader.exec_module(module)


def settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def inspect(widget, available) -> dict:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractButton

    frame = widget.frameGeometry()
    outside = []
    for button in widget.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not widget:
            continue
        box = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
        if not available.contains(box):
            outside.append(f"{type(button).__name__} {button.text()!r} at {rect(box)}")
    return {
        "frame": rect(frame),
        "available": rect(available),
        "inside": available.contains(frame),
        "buttons_outside": outside,
    }


def workbench_facts(window, available) -> dict:
    from PySide6.QtCore import QRect

    bar = window.statusBar()
    bar_box = QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size())
    tree = window.codes.tree
    header = tree.header()
    key_left = header.mapToGlobal(header.rect().topLeft()).x() + header.sectionViewportPosition(1)
    key_box = QRect(key_left, bar_box.top(), header.sectionSize(1), 1)
    title_px = window.documents.table.columnWidth(0)
    chars = title_px / max(1, window.documents.table.fontMetrics().averageCharWidth())
    shown_codes = 0
    item = tree.topLevelItem(0)
    while item is not None:
        r = tree.visualItemRect(item)
        if r.isValid() and r.bottom() <= tree.viewport().height():
            shown_codes += 1
        item = tree.itemBelow(item)
    return {
        "status_bar_inside": available.contains(bar_box),
        "key_column_inside": available.contains(key_box)
        and header.sectionViewportPosition(1) + header.sectionSize(1) <= tree.viewport().width(),
        "title_chars": round(chars, 1),
        "codes_shown": shown_codes,
    }


def main() -> int:
    out = Path(sys.argv[1])
    shots = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    import annotator.gui  # noqa: F401  (the PySide6 workaround, before Qt starts)

    _use_this_checkouts_resources()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    folder = out.parent / "qsettings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))

    from annotator.gui.app.windows import start_window
    from annotator.services.demo import build_demo
    from annotator.services.project_files import open_project

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dialog_catalogue import DIALOGS

    project = out.parent / "demo.annotator"
    if not project.exists():
        build_demo(project)
    with open_project(project) as p:
        coder = next(c for c in p.coders() if c.name == "Amira")
    report: dict = {}
    for screen in app.screens():
        label = f"{screen.size().width()}x{screen.size().height()}"
        available = screen.availableGeometry()
        window = start_window(project, coder=coder)
        window.setScreen(screen)
        window.move(available.topLeft())
        window.show()
        settle(app, 0.3)
        window.open_document(window.documents.model.summary(1).id)
        settle(app, 0.4)
        facts = inspect(window, available)
        facts.update(workbench_facts(window, available))
        report[f"{label}/workbench"] = facts
        if shots is not None:
            window.grab().save(str(shots / f"workbench-{label}.png"))
        for name, make in DIALOGS.items():
            dialog = make(window)
            dialog.show()
            settle(app, 1.5 if name in ("agreement_dashboard", "compare_view") else 0.3)
            report[f"{label}/{name}"] = inspect(dialog, available)
            if shots is not None:
                dialog.grab().save(str(shots / f"{name}-{label}.png"))
            dialog.close()
            dialog.deleteLater()
            settle(app, 0.05)
        if label == "1920x1080":
            window.showMaximized()
            settle(app, 0.3)
            report[f"{label}/workbench"]["maximised_title_chars"] = workbench_facts(window, available)[
                "title_chars"
            ]
        window.close()
        settle(app, 0.1)
    out.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
