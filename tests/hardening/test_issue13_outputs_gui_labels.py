"""Issue 13, finding 13 in the window: article text and names shown in the
compare view are plain text, never rendered as rich text (real widgets,
offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextDocument  # noqa: E402

from annotator.core.codebook import Code  # noqa: E402
from annotator.core.models import Annotation, Coder, Document  # noqa: E402
from annotator.gui.compare.compare_view import CompareView  # noqa: E402
from annotator.store.project import Project  # noqa: E402

TEXT = 'He said <b>nothing</b> <img src="x"> &amp; left. <a href="http://evil">click</a> for more.'
CODER = "<i>Eve</i>"


@pytest.fixture
def view(qtbot, tmp_path):
    p = Project.create(tmp_path / "p.annotator")
    code = p.codes.add_code(Code("<u>Frame</u>", color="#0072b2"))
    other = p.codes.add_code(Code("Other", color="#d55e00"))
    eve, bo = p.add_coder(Coder(CODER)), p.add_coder(Coder("Bo"))
    doc = Document(text=TEXT, title="<h1>Title</h1>")
    p.documents.add_documents([doc])
    p.annotations.add_annotation(Annotation(doc.id, eve.id, code.id, 3, 30))
    p.annotations.add_annotation(Annotation(doc.id, bo.id, other.id, 3, 30))
    v = CompareView(p, document_id=doc.id)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.close()
    p.close()


def _shown(label) -> str:
    """What a label displays, as Qt renders its text in its format."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text()
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def test_adjudication_quote_shows_article_text_literally(view):
    panel = view.panel
    panel.start_spin.setValue(3)
    panel.end_spin.setValue(len(TEXT))
    assert "<b>nothing</b>" in _shown(panel.quote_label)
    assert '<a href="http://evil">' in _shown(panel.quote_label)


def test_figures_and_messages_show_names_literally(view):
    assert CODER in _shown(view.figures)
    view.panel._message(f"Saved {CODER} &amp; <b>x</b>")
    assert f"Saved {CODER} &amp; <b>x</b>" == _shown(view.panel.status)
