"""A long article with many annotations (200,000 characters, 5,000 spans)
stays as quick to code as a short one: what one change costs must not grow
with the article's length or its number of annotations.

The tests count the work a change does (spans laid out again, rows found) and
check the results against plain recomputation; the times themselves are
measured by tests/benchmarks/bench_gui.py, not asserted here.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import pytest

from annotator.core.codebook import Codebook
from annotator.core.models import Annotation, Code, Document
from annotator.gui.workbench.annotations_panel import AnnotationTableModel
from annotator.gui.workbench.article_text import ArticleText
from annotator.gui.workbench.highlights import assign_lanes, band_counts
from annotator.gui.workbench.span_layout import SpanLayout

pytestmark = pytest.mark.gui

WORDS = (
    "the minister said strikes were justified while residents of the city disagreed and aid groups "
    "warned that the government forces had moved into the northern districts on Tuesday"
).split()
COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00"]
# spans one small change may lay out again, in an article of 5,000: the few of
# the overlap clusters it touches, never the article
MOST_LAID_OUT = 60


def article(n_chars: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    paras, size = [], 0
    while size < n_chars:
        para = " ".join(rnd.choice(WORDS) for _ in range(100)) + "."
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras)[:n_chars]


def spans(text: str, n: int, seed: int = 2) -> list[tuple[str, int, int]]:
    """``n`` spans spread over the text, neighbours overlapping now and then."""
    rnd = random.Random(seed)
    step = len(text) // n
    out = []
    for i in range(n):
        s = i * step + rnd.randrange(0, max(1, step // 2))
        out.append((f"a{i}", s, min(len(text), s + rnd.randrange(5, 90))))
    return out


def _shown_text(qtbot, n_chars: int, n_spans: int) -> ArticleText:
    view = ArticleText()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.set_text(article(n_chars))
    view.set_spans([(i, s, e, COLOURS[k % 5]) for k, (i, s, e) in enumerate(spans(view.text, n_spans))])
    view.show()
    qtbot.waitExposed(view)
    return view


def _one_change(view: ArticleText) -> Callable[[], None]:
    rnd = random.Random(3)
    counter = iter(range(10**6))

    def change() -> None:
        k = next(counter)
        s = rnd.randrange(0, len(view.text) - 50)
        view.update_spans({f"new{k}": (s, s + 30, "#56b4e9")})
        view.update_spans({f"new{k}": None})

    return change


def test_changing_one_span_lays_out_only_its_neighbours_in_a_long_article(qtbot):
    long = _shown_text(qtbot, 200_000, 5_000)
    assert len(long._layout) == 5_000
    change = _one_change(long)
    worst = 0
    for _ in range(100):
        change()
        worst = max(worst, long._layout.last_laid_out)
    assert 0 < worst <= MOST_LAID_OUT, worst


def test_the_lanes_under_a_passage_in_a_long_article(qtbot):
    # the suggestions layer asks this for every suggestion it draws, on every paint
    long = _shown_text(qtbot, 200_000, 5_000)
    lanes = long.lanes()
    rnd = random.Random(8)
    for s in (rnd.randrange(0, 199_000) for _ in range(30)):
        under = [i for i, a, b, _c in long._layout.overlapping(s, s + 20)]
        assert long.lanes_over(s, s + 20) == max((lanes[i] for i in under), default=-1) + 1
    assert long.lanes_over(0, len(long.text)) == max(lanes.values()) + 1


def test_lanes_and_stripes_after_many_changes_are_those_of_a_fresh_layout():
    rnd = random.Random(7)
    text_length = 3_000
    layout = SpanLayout()
    current = {i: (i, s, e, COLOURS[k % 5]) for k, (i, s, e) in enumerate(spans("x" * text_length, 200))}
    layout.reset(current.values())
    for round_ in range(300):
        changed: dict[str, tuple[str, int, int, str] | None] = {}
        for _ in range(rnd.randrange(1, 4)):
            if current and rnd.random() < 0.4:
                changed[rnd.choice(sorted(current))] = None
            else:
                s = rnd.randrange(0, text_length - 10)
                sid = rnd.choice(sorted(current)) if current and rnd.random() < 0.5 else f"n{round_}.{s}"
                changed[sid] = (sid, s, min(text_length, s + rnd.randrange(1, 400)), "#000000")
        before = {i: (layout.lane(i), layout.bands(i)) for i in current}
        dirty = {d[0] for d in layout.update(changed)}
        for sid, state in changed.items():
            if state is None:
                current.pop(sid, None)
            else:
                current[sid] = state
        assert dirty >= set(changed)
        bounds = sorted(((i, s, e) for i, s, e, _c in current.values()), key=lambda b: (b[1], -b[2], b[0]))
        lanes = assign_lanes(bounds)
        assert {i: layout.lane(i) for i in current} == lanes
        assert {i: layout.bands(i) for i in current} == band_counts(bounds, lanes)
        # every span whose underline or stripe moved is repainted
        moved = {i for i in current if before.get(i) not in (None, (layout.lane(i), layout.bands(i)))}
        assert moved <= dirty
        lo = rnd.randrange(0, text_length)
        hi = lo + rnd.randrange(1, 300)
        assert [x[0] for x in layout.overlapping(lo, hi)] == [b[0] for b in bounds if b[1] < hi and b[2] > lo]
    assert [s[0] for s in layout.overlapping(0, text_length)] == [b[0] for b in bounds]


def test_the_spans_in_view_are_those_that_reach_into_it():
    layout = SpanLayout()
    layout.reset(
        [("long", 0, 1000, "#000"), ("a", 10, 20, "#000"), ("b", 500, 510, "#000"), ("c", 2000, 2010, "#000")]
    )
    assert [s[0] for s in layout.overlapping(505, 600)] == ["long", "b"]
    assert [s[0] for s in layout.overlapping(1000, 2000)] == []
    assert [s[0] for s in layout.overlapping(1500, 2001)] == ["c"]


# --- the annotations list ---------------------------------------------------------------


def _codebook() -> Codebook:
    return Codebook([Code(f"Frame {k}", id=f"c{k}", color=COLOURS[k]) for k in range(5)])


def _model(qtbot, n: int) -> AnnotationTableModel:
    text = article(max(2_000, n * 40))
    model = AnnotationTableModel()
    model.set_annotations(
        [
            Annotation("d", "ana", f"c{k % 5}", s, e, id=i, quote=text[s:e])
            for k, (i, s, e) in enumerate(spans(text, n))
        ],
        _codebook(),
    )
    return model


def _list_change(model: AnnotationTableModel) -> Callable[[], None]:
    rnd = random.Random(4)
    counter = iter(range(10**6))
    last = max(a.end for a in model.rows)

    def change() -> None:
        k = next(counter)
        s = rnd.randrange(0, last - 40)
        new = Annotation("d", "ana", "c1", s, s + 30, id=f"new{k}", quote="words")
        model.update_annotations({new.id: new})
        assert model.row_of(new.id) is not None
        model.update_annotations({new.id: replace(new, note="a note")})
        model.update_annotations({new.id: None})

    return change


@pytest.mark.parametrize("column", [0, 1, 2])
def test_a_change_in_a_long_annotations_list_keeps_its_order(qtbot, column):
    from PySide6.QtCore import Qt

    long = _model(qtbot, 5_000)
    descending = column == 2
    long.sort(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    change = _list_change(long)
    for _ in range(20):
        change()
    rows = long.rows
    assert len(rows) == 5_000
    assert [long.row_of(a.id) for a in rows[:50]] == list(range(50))


# --- the window ----------------------------------------------------------------------------


def _window_on(qtbot, tmp_path, name: str, n_chars: int, n_spans: int):
    from annotator.gui.app.windows import start_window
    from annotator.services.projects import add_coder, init_project
    from annotator.store.project import Project

    path = tmp_path / f"{name}.annotator"
    project = init_project(path, codebook="news_frames")
    coder = add_coder(project, "Ana")
    text = article(n_chars)
    doc = Document(text, title=name)
    project.documents.add_documents([doc])
    codebook = project.codes.codebook()
    codes = [c.id for c in codebook.leaves("span") if codebook.exclusive_group(c.id) is None]
    project.annotations.restore_annotations(
        Annotation(doc.id, coder.id, codes[k % len(codes)], s, e, id=f"a{k}")
        for k, (_i, s, e) in enumerate(spans(text, n_spans))
    )
    project.close()
    with Project.open(path) as p:
        ana = p.coder_by_name("Ana")
    win = start_window(path, coder=ana)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_document(doc.id)
    assert len(win.annotations_state) == n_spans
    return win


def _window_reaction(win) -> Callable[[], None]:
    """What the window does after a command saved a span: the session has the
    new state; the views take in the change."""
    from annotator.services.session import Change

    rnd = random.Random(6)
    ids = sorted(win.annotations_state)

    def change() -> None:
        a = win.annotations_state[rnd.choice(ids)]
        for state in (replace(a, end=a.end + 1), a):
            win.session.absorb(Change(win.document_id, {a.id: state}))
            win.notifier.annotations_changed.emit(win.document_id, [a.id])

    return change


def test_the_window_takes_in_saved_spans_of_a_long_article(qtbot, tmp_path):
    long = _window_on(qtbot, tmp_path, "long", 200_000, 5_000)
    react = _window_reaction(long)
    for _ in range(10):
        react()
    # the codebook's counts are still every code's number of spans
    counts = Counter(a.code_id for a in long.annotations_state.values())
    shown = {cid: long.codes._items[cid].text(2) for cid in counts}
    assert shown == {cid: str(n) for cid, n in counts.items()}
