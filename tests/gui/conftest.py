"""Offscreen Qt, and QSettings in a temporary folder so tests never touch the
user's recent projects or preferences."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

import annotator.gui  # noqa: E402,F401  (applies the PySide6 workaround before Qt starts)


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory, qapp):
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield folder


ARTICLE = (
    "Residents of Aleppo said the strikes hit a market on Tuesday.\n\n"
    "The defence ministry said the operation targeted militants, and "
    "Washington must take the lead, an analyst argued."
)


@pytest.fixture
def article():
    return ARTICLE


@pytest.fixture
def project_path(tmp_path):
    """A real project file: the shipped frames and source-type codebooks, one
    coder, three articles."""
    from annotator.core.models import Document
    from annotator.services.projects import add_coder, init_project, load_codebook

    path = tmp_path / "study.annotator"
    project = init_project(path, codebook="news_frames")
    project.codes.import_codebook(load_codebook("source_types"))
    add_coder(project, "Ana")
    project.documents.add_documents(
        [
            Document(
                ARTICLE,
                title="Strikes hit Aleppo market",
                outlet="VOA",
                published="2015-10-02",
                url="https://example.org/a",
            ),
            Document(
                "Second article about talks in Geneva.",
                title="Talks in Geneva",
                outlet="Reuters",
                published="2015-10-03",
            ),
            Document(
                "Third article on refugees crossing to Greece.",
                title="Refugees reach Lesbos",
                outlet="AP",
                published="2015-10-04",
            ),
        ]
    )
    project.close()
    return path


@pytest.fixture
def window(qtbot, project_path):
    """The workbench on that project, coding as Ana, on the first article."""
    from annotator.gui.app.windows import start_window
    from annotator.store.project import Project

    with Project.open(project_path) as p:
        ana = p.coder_by_name("Ana")
    win = start_window(project_path, coder=ana)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()  # shortcuts need the active window
    first = win.documents.model.summary(0).id
    win.open_document(first)
    win.article.text.setFocus()
    return win
