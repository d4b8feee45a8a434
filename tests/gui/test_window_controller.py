"""The window controller owns the open windows and answers their requests."""

from __future__ import annotations

import gc

import pytest

from annotator.store.project import Project

pytestmark = pytest.mark.gui


def test_the_controller_keeps_its_windows_until_they_close(qtbot, project_path, tmp_path):
    from annotator.gui.app.windows import WindowController
    from annotator.services.projects import add_coder, init_project

    other = tmp_path / "other.annotator"
    with init_project(other, codebook="news_frames") as p:
        zoe = add_coder(p, "Zoe")
    with Project.open(project_path) as p:
        ana = p.coder_by_name("Ana")
    controller = WindowController()
    first = controller.open(project_path, coder=ana)
    second = controller.open(other, coder=zoe)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert controller.windows == [first, second]
    first.close()
    assert controller.windows == [second]
    controller.close_all()
    assert controller.windows == [] and second.closed


def test_a_lone_window_keeps_its_controller_alive(qtbot, window, monkeypatch):
    """``start_window`` makes a controller nobody else holds: the window's
    requests must still be answered after a garbage collection."""
    import annotator.gui.codebook.codebook_editor as editor

    shown = []
    monkeypatch.setattr(editor.CodebookEditorDialog, "exec", lambda self: shown.append(self) or 0)
    gc.collect()
    window.actions.edit_codebook.trigger()
    assert len(shown) == 1


def test_switching_coder_goes_through_the_controller(qtbot, window, monkeypatch):
    from annotator.gui.app import startup

    with Project.open(window.project.path) as p:
        from annotator.services.projects import add_coder

        ben = add_coder(p, "Ben")
    asked = []

    def choose(project, parent=None, *, ask=False):
        asked.append(ask)
        return ben

    monkeypatch.setattr("annotator.gui.app.windows.choose_coder", choose)
    assert startup.choose_coder is not choose
    window.actions.switch_coder.trigger()
    assert asked == [True]
    assert window.coder.id == ben.id
    assert "Ben" in window.coder_label.text() or "Ben" in window.windowTitle()
