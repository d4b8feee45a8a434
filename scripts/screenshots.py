"""Regenerate the README's screenshots: the coding workbench (light and dark),
the codebook editor, the import report, the agreement dashboard, the
compare view and the training rounds.

    python scripts/screenshots.py [--out docs/screenshots] [--project demo.annotator]

Builds the demo project (``annotator.services.demo.build_demo`` when it is
there, else a small project from the texts below), codes part of it the way a
coder would, and saves each window offscreen (no display needed). The user's
own settings are not touched.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import annotator.gui  # noqa: E402,F401  (the PySide6 workaround before Qt starts)
from annotator.core.models import Batch, Document  # noqa: E402
from annotator.services import coding  # noqa: E402
from annotator.services.projects import add_coder, init_project, load_codebook  # noqa: E402
from annotator.store.project import Project  # noqa: E402

ARTICLES = [
    ("Strikes hit market in Aleppo as talks stall", "Voice of America", "2015-10-02", (
        "Residents of eastern Aleppo said air strikes hit a crowded vegetable market on Tuesday, killing at "
        "least 23 people, among them six children, according to the Syrian Observatory for Human Rights.\n\n"
        "\u201cWe were buying bread when the first missile came,\u201d said Umm Khaled, a mother of four who "
        "lost her brother in the attack. \u201cThere is nothing here that anyone could call a military "
        "target.\u201d\n\n"
        "The defence ministry in Moscow said its aircraft had struck \u201cterrorist command posts\u201d and "
        "denied hitting civilian areas. A spokesman accused Western governments of spreading \u201cinformation "
        "warfare\u201d about the campaign.\n\n"
        "Washington must take the lead in pressing for a ceasefire, said Jan Egeland, the Norwegian Refugee "
        "Council's secretary general, calling the bombing of markets and hospitals \u201ca shameful failure to "
        "protect the most vulnerable.\u201d\n\n"
        "The United Nations estimates the war has cost Syria's economy more than $250 billion, and aid "
        "agencies say the operation has pushed food prices in the besieged districts up fivefold since "
        "September.\n\n"
        "Talks in Geneva between government and opposition delegations were suspended last week after the "
        "opposition walked out, saying it would not negotiate while the bombardment continued. The government "
        "delegation blamed the opposition for the collapse.\n\n"
        "Analysts said the stalemate favours Damascus. \u201cEvery week without a deal is a week in which the "
        "government gains ground,\u201d said Lina Khatib of Chatham House."
    )),
    ("Refugees reach Lesbos in record numbers", "Reuters", "2015-10-04", (
        "More than 7,000 refugees landed on the Greek island of Lesbos on Saturday, the highest number in a "
        "single day this year, the UN refugee agency said.\n\n"
        "Volunteers pulled families from overloaded rubber boats on the beaches north of Mytilene. \u201cThe "
        "children are cold and terrified,\u201d said a Dutch volunteer who gave her name only as Marieke.\n\n"
        "Greece's migration minister said the island's reception centres were overwhelmed and called on "
        "European partners to share the burden."
    )),
    ("Ministers meet in Vienna on Syria", "Associated Press", "2015-10-30", (
        "Foreign ministers from 17 countries met in Vienna on Friday in the broadest attempt yet to end the "
        "war in Syria, with Iran at the table for the first time.\n\n"
        "Secretary of State John Kerry said the talks were \u201cthe most promising opportunity for a political "
        "opening\u201d in years, but officials cautioned that the fate of President Bashar al-Assad remained "
        "unresolved."
    )),
    ("Aid convoy reaches Madaya", "BBC News", "2016-01-11", (
        "A convoy of 44 lorries carrying food and medicine reached the besieged town of Madaya on Monday, "
        "where residents say people have died of starvation.\n\n"
        "\u201cWe have been eating grass and leaves,\u201d one resident told the BBC by telephone."
    )),
    ("Oil revenue funds armed groups, report says", "Financial Times", "2015-10-15", (
        "Armed groups in eastern Syria earn an estimated $1.5 million a day from oil sales, according to a "
        "report by the US Treasury, which said the trade relied on middlemen in neighbouring countries."
    )),
]

# (phrase, code path) pairs coded in the first article, as a coder would
CODING = [
    ("air strikes hit a crowded vegetable market on Tuesday, killing at least 23 people", "Frames/Conflict"),
    ("among them six children", "Frames/Human interest"),
    ("Syrian Observatory for Human Rights", "Source type/NGO or monitor"),
    ("We were buying bread when the first missile came", "Frames/Human interest"),
    ("Umm Khaled", "Source type/Citizen"),
    ("The defence ministry in Moscow", "Source type/Government official"),
    ("denied hitting civilian areas", "Frames/Conflict"),
    ("A spokesman accused Western governments", "Frames/Conflict"),
    ("Washington must take the lead in pressing for a ceasefire", "Frames/Responsibility"),
    ("Jan Egeland, the Norwegian Refugee Council's secretary general", "Source type/NGO or monitor"),
    ("a shameful failure to protect the most vulnerable", "Frames/Morality"),
    ("has cost Syria's economy more than $250 billion", "Frames/Economic consequences"),
    ("pushed food prices in the besieged districts up fivefold", "Frames/Economic consequences"),
    ("The government delegation blamed the opposition for the collapse", "Frames/Responsibility"),
    ("Lina Khatib of Chatham House", "Source type/Expert or academic"),
]
NOTES = {"a shameful failure to protect the most vulnerable": "Moral judgement voiced by the NGO, not the reporter."}


def build_project(path: Path) -> tuple[str, str]:
    """A small realistic project; returns (first document id, coder id)."""
    try:
        from annotator.services.demo import build_demo  # the shipped demo, when it exists
    except ImportError:
        build_demo = None
    if build_demo is not None:
        build_demo(path)
        project = Project.open(path)
        # the coder with work left, on an article they are in the middle of
        counts = project.workflow.status_counts()
        coders = [c for c in project.coders() if c.role == "coder"]
        coder = min(coders, key=lambda c: counts.get(c.id, {}).get("done", 0))
        docs = project.documents.list_documents(coder_id=coder.id)
        started = [d.id for d in docs if d.status == "in_progress" and project.annotations.select(d.id, coder.id)]
        first = started[0] if started else docs[0].id
        project.close()
        return first, coder.id
    else:
        project = init_project(path, name="Syria coverage 2015", codebook="news_frames")
        project.codes.import_codebook(load_codebook("source_types"))
        coder = add_coder(project, "Ana")
        add_coder(project, "Ben")
        batch = project.add_batch(Batch("October 2015 sample", source="demo"))
        project.documents.add_documents([Document(text, title=t, outlet=o, published=d, batch_id=batch.id,
                                        url="https://example.org/" + re.sub(r"\W+", "-", t.lower()))
                               for t, o, d, text in ARTICLES])
    docs = project.documents.list_documents(coder_id=coder.id)
    first = docs[0].id
    text = project.documents.document_text(first)
    codebook = project.codes.codebook()
    for phrase, code_path in CODING:
        code = codebook.by_path(code_path)
        i = text.find(phrase)
        if code is None or i < 0:
            continue
        w = coding.apply_code(project, first, coder.id, code.id, i, i + len(phrase), snap=False)
        if phrase in NOTES:
            coding.set_note(project, w.annotation.id, NOTES[phrase])
    group = codebook.by_path("Dominant frame/Conflict")
    if group is not None:
        coding.set_document_code(project, first, coder.id, group.id, note="Headline and lead are about the strikes.")
    for d in docs[1:3]:
        coding.mark_done(project, d.id, coder.id)
    coding.open_document(project, first, coder.id)
    project.close()
    return first, coder.id


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#23262b"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1b1d21"),
                         (roles.AlternateBase, "#24272c"), (roles.Text, "#e3e3e3"), (roles.Button, "#2b2f35"),
                         (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#3d6fb6"),
                         (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#2b2f35"),
                         (roles.ToolTipText, "#e6e6e6"), (roles.PlaceholderText, "#8b9098"), (roles.Mid, "#3a3f46"),
                         (roles.Midlight, "#33373d"), (roles.Light, "#41464d"), (roles.Dark, "#15171a"),
                         (roles.Link, "#7fb0f0")):
        pal.setColor(role, QColor(colour))
    return pal


def shoot(path: Path, coder_id: str, document_id: str, out: Path, *, dark: bool) -> Path:
    from PySide6.QtWidgets import QApplication

    from annotator.gui.app.application import _application
    from annotator.gui.app.windows import start_window

    app = _application([sys.argv[0]])
    if dark:
        app.setPalette(dark_palette())
    with Project.open(path) as p:
        coder = p.coder(coder_id)
    window = start_window(path, coder=coder)
    window.resize(1440, 900)
    window.show()
    window.open_document(document_id)
    text = window.article.text
    quote = "Washington must take the lead"
    i = text.text.find(quote)
    if i >= 0:  # the cursor in a span: it is selected in the text and the table
        text.set_caret(i + 3)
    # show the coding instructions of a code used in this article
    used = sorted(window.annotations_state.values(), key=lambda a: a.start)
    described = [a.code_id for a in used if window.codebook[a.code_id].description]
    if described:
        window.codes.tree.setCurrentItem(window.codes._items[described[0]])
    text.verticalScrollBar().setValue(0)
    window.activateWindow()
    text.setFocus()
    for _ in range(5):
        QApplication.processEvents()
    target = out / ("workbench-dark.png" if dark else "workbench-light.png")
    window.grab().save(str(target))
    window.close()
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--project", type=Path, help="keep the demo project here (default: a temporary file)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        from PySide6.QtCore import QSettings

        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        path = args.project or Path(tmp) / "demo.annotator"
        if path.exists():
            path.unlink()
        document_id, coder_id = build_project(path)
        for dark in (False, True):
            print(shoot(path, coder_id, document_id, args.out, dark=dark))
        for target in shoot_dialogs(path, args.out, Path(tmp)):
            print(target)
        print(shoot_training_rounds(path, args.out, Path(tmp)))
    return 0


def _settle(widget, rounds: int = 8) -> None:
    from PySide6.QtWidgets import QApplication

    widget.show()
    for _ in range(rounds):
        QApplication.processEvents()


def _wait(worker, timeout: float = 300.0) -> None:
    import time

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    done = {"flag": False}
    for sig in (worker.signals.finished, worker.signals.failed, worker.signals.cancelled):
        sig.connect(lambda *_: done.update(flag=True))
    end = time.monotonic() + timeout
    while not done["flag"] and time.monotonic() < end:
        QThreadPool.globalInstance().waitForDone(50)
        QApplication.processEvents()


def shoot_dialogs(path: Path, out: Path, tmp: Path) -> list[Path]:
    """The lead's windows, each on the demo project (the import on a copy)."""
    from annotator.gui.agreement.agreement_dashboard import AgreementDashboard
    from annotator.gui.app.application import _application
    from annotator.gui.codebook.codebook_editor import CodebookEditorDialog
    from annotator.gui.compare.compare_view import CompareView
    from annotator.gui.importing.import_dialog import ImportDialog

    app = _application([sys.argv[0]])
    app.setPalette(app.style().standardPalette())  # the dark shot changed it
    targets = []
    with Project.open(path) as p:
        editor = CodebookEditorDialog(p)
        editor.resize(1100, 720)
        _settle(editor)
        targets.append(out / "codebook_editor.png")
        editor.grab().save(str(targets[-1]))
        editor.close()

        dash = AgreementDashboard(p)
        dash.resize(1280, 800)
        worker = dash.compute()  # before showing, so the figures are there when it is shot
        _settle(dash)
        if worker is not None:
            _wait(worker)
        _settle(dash)
        targets.append(out / "agreement_dashboard.png")
        dash.grab().save(str(targets[-1]))
        dash.close()

        doc = next((d.id for d in p.documents.list_documents() if "Market" in d.title), p.documents.document_ids()[0])
        compare = CompareView(p, document_id=doc)
        compare.resize(1280, 800)
        _settle(compare)
        targets.append(out / "compare_view.png")
        compare.grab().save(str(targets[-1]))
        compare.close()

    batch_project = tmp / "import.annotator"
    Project.open(path).copy_to(batch_project)
    wikinews = ROOT / "tests" / "data" / "corpora" / "wikinews" / "wikinews_2019.csv"
    sources = [wikinews] if wikinews.exists() else [ROOT / "resources" / "demo" / "articles"]
    # a real batch has a few bad files: show how the report explains them
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "scan.pdf").write_bytes(b"%PDF-1.4 damaged")
    (tmp / "export.jsonl").write_text('{"title": "A", "text": "One article."}\n{"title": "B", "text": \n',
                                      encoding="utf-8")
    sources += [tmp / "empty.txt", tmp / "scan.pdf", tmp / "export.jsonl"]
    with Project.open(batch_project) as p:
        dialog = ImportDialog(p)
        dialog.resize(1000, 720)
        dialog.add_paths([str(s) for s in sources])
        _settle(dialog)
        worker = dialog.start_import()
        if worker is not None:
            _wait(worker)
        _settle(dialog)
        targets.append(out / "import_report.png")
        dialog.grab().save(str(targets[-1]))
        dialog.close()
    return targets


def shoot_training_rounds(path: Path, out: Path, tmp: Path) -> Path:
    """A round scored, on a copy of the demo: Amira's dominant frames made gold,
    every coder trained on four of those articles; Ben's row (not passed) chosen."""
    from annotator.core.models import DocumentCode
    from annotator.gui.reliability.training_rounds_dialog import TrainingRoundsDialog
    from annotator.services import training
    from annotator.services.adjudication import ensure_adjudicator

    copy = tmp / "training.annotator"
    Project.open(path).copy_to(copy)
    with Project.open(copy) as p:
        cb = p.codes.codebook()
        frame = cb.by_path("Dominant frame")
        if frame is None:
            raise SystemExit("the demo codebook has no Dominant frame: no training-rounds screenshot")
        values = {c.id for c in cb.children(frame.id)}
        judge = ensure_adjudicator(p)
        coders = [c for c in p.coders() if c.role == "coder"]
        first = coders[0]
        gold = sorted(
            {dc.document_id for dc in p.annotations.document_codes(coder_id=first.id) if dc.code_id in values}
        )[:4]
        for dc in p.annotations.document_codes(coder_id=first.id):
            if dc.code_id in values and dc.document_id in gold:
                p.annotations.set_document_code(DocumentCode(dc.document_id, judge.id, dc.code_id, dc.value))
        training.create_round(
            p,
            name="R1",
            documents=gold,
            threshold=0.8,
            coders=[c.name for c in coders],
            variables=["Dominant frame"],
        )
        dialog = TrainingRoundsDialog(p)
        _settle(dialog)
        dialog.resize(1100, 688)  # after the screen fit: the size it opens at on a 1366×768 laptop
        _settle(dialog)
        worker = dialog.score()
        if worker is not None:
            _wait(worker)
        _settle(dialog)
        for row in range(dialog.scores.rowCount()):
            if dialog.scores.item(row, 6).text() == "no":
                dialog.scores.setCurrentCell(row, 0)
                break
        _settle(dialog)
        target = out / "training-rounds-1366x768.png"
        dialog.grab().save(str(target))
        dialog.close()
    return target


if __name__ == "__main__":
    sys.exit(main())
