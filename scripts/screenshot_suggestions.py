"""Screenshot of the workbench with source and quote suggestions shown.

    python scripts/screenshot_suggestions.py [--out docs/screenshots/suggestions.png]

Builds the demo project in a temporary folder, computes its suggestions with
the default pipeline (a trained English pipeline when installed, else the
blank one), adds a coder who has not coded yet, opens a document with many
open suggestions, switches
"Show suggestions" on, steps to the first one and saves the window, offscreen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import annotator.gui  # noqa: E402,F401  (the PySide6 workaround before Qt starts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "suggestions.png")
    args = parser.parse_args(argv)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        app = QApplication([sys.argv[0]])
        from annotator.gui.app.windows import start_window
        from annotator.services.demo import build_demo
        from annotator.services.projects import add_coder
        from annotator.services.suggestions import suggest
        from annotator.store.project import Project

        path = Path(tmp) / "demo.annotator"
        build_demo(path)
        with Project.open(path) as project:
            report = suggest(project)
            print(f"{report.suggestions} suggestions in {report.documents} documents ({report.pipeline})")
            # a coder who has not coded yet: only the suggestions are drawn
            coder = add_coder(project, "Sam")
            ids = project.documents.document_ids()
            counts = {d: len(project.workflow.suggestions(d, status="open")) for d in ids}
            document_id = max(ids, key=lambda d: (counts[d] >= 6 and len(project.documents.document(d).text) < 2500,
                                                  counts[d]))
        window = start_window(path, coder=coder)
        window.resize(1440, 900)
        window.show()
        for _ in range(4):  # the window's own start-up (restoring the last document) first
            app.processEvents()
        window.open_document(document_id)
        window.suggestions.toggle.setChecked(True)
        window.article.text.set_caret(0)
        window.suggestions.step(1)
        window.article.text.verticalScrollBar().setValue(int(os.environ.get("SHOT_SCROLL", "0")))
        for _ in range(8):
            app.processEvents()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(args.out))
        print(args.out)
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
