"""The user guide opens inside the application, its pages link to each other,
search finds the pages, and the F1 sheet lists the window's real shortcuts."""

from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextCursor

from annotator.gui.common.shortcuts import plain_action_text, shortcuts_from_actions
from annotator.gui.help.help_browser import HelpBrowser, ShortcutSheet, load_pages

pytestmark = pytest.mark.gui

EXPECTED_PAGES = ["index", "coding", "shortcuts", "importing", "team-workflow", "agreement", "reporting"]


@pytest.fixture
def browser(qtbot):
    widget = HelpBrowser()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _click_link(qtbot, browser: HelpBrowser, href: str) -> None:
    """Click the link with this target where it is drawn, as a user would."""
    doc = browser.browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position() + 1)
                browser.browser.setTextCursor(cursor)
                browser.browser.ensureCursorVisible()
                rect = browser.browser.cursorRect(cursor)
                qtbot.mouseClick(
                    browser.browser.viewport(),
                    Qt.MouseButton.LeftButton,
                    pos=QPoint(rect.center().x(), rect.center().y()),
                )
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href} on page {browser.current}")


def test_guide_has_every_page_in_order():
    names = [p.name for p in load_pages()]
    assert names[: len(EXPECTED_PAGES)] == EXPECTED_PAGES
    titles = {p.name: p.title for p in load_pages()}
    assert titles["index"] == "Getting started"
    assert titles["agreement"] == "Agreement measures"


def test_every_link_between_pages_points_to_a_page():
    pages = {p.name: p for p in load_pages()}
    for page in pages.values():
        for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", page.text):
            assert target[:-3] in pages, f"{page.name}.md links to missing {target}"


def test_opens_on_the_index_with_page_list(browser):
    assert browser.current == "index"
    assert "Getting started" in browser.browser.toPlainText()
    assert "saved the moment you make it" in browser.browser.toPlainText()
    listed = [browser.page_list.item(i).text() for i in range(browser.page_list.count())]
    assert "Keyboard shortcuts" in listed and "Team workflow" in listed
    assert browser.page_list.currentItem().text() == "Getting started"


def test_opens_on_a_requested_page(qtbot):
    widget = HelpBrowser(page="reporting")
    qtbot.addWidget(widget)
    assert widget.current == "reporting"
    assert "Thresholds and reporting" in widget.windowTitle()


def test_clicking_a_link_opens_the_page_and_back_returns(qtbot, browser):
    _click_link(qtbot, browser, "agreement.md")
    qtbot.waitUntil(lambda: browser.current == "agreement")
    assert "Krippendorff's alpha" in browser.browser.toPlainText()
    assert browser.page_list.currentItem().text() == "Agreement measures"
    assert browser.back_button.isEnabled()
    browser.back_button.click()
    assert browser.current == "index"
    browser.forward_button.click()
    assert browser.current == "agreement"
    assert not browser.forward_button.isEnabled()


def test_choosing_a_page_in_the_list_shows_it(browser):
    row = [p.name for p in browser.pages].index("team-workflow")
    browser.page_list.setCurrentRow(row)
    assert browser.current == "team-workflow"
    assert "annotator merge" in browser.browser.toPlainText()


def test_search_lists_matching_pages_and_highlights_the_words(qtbot, browser):
    qtbot.keyClicks(browser.search, "prevalence paradox")
    visible = [
        browser.page_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(browser.page_list.count())
        if not browser.page_list.item(i).isHidden()
    ]
    assert "agreement" in visible and "importing" not in visible
    assert browser.current in visible
    assert browser.browser.textCursor().selectedText().casefold() == "prevalence"


def test_search_without_result_says_so(qtbot, browser):
    qtbot.keyClicks(browser.search, "zzqqxx")
    assert browser.no_match.isVisibleTo(browser)
    browser.search.clear()
    assert not browser.no_match.isVisibleTo(browser)
    assert all(not browser.page_list.item(i).isHidden() for i in range(browser.page_list.count()))


def test_agreement_pages_cite_their_sources(browser):
    browser.show_page("agreement")
    text = browser.browser.toPlainText()
    for citation in (
        "Krippendorff, K. (2004a)",
        "Krippendorff, K. (2019)",
        "Hayes, A. F., & Krippendorff, K. (2007)",
        "Cohen, J. (1960)",
        "Scott, W. A. (1955)",
        "Fleiss, J. L. (1971)",
        "Brennan, R. L., & Prediger, D. J. (1981)",
        "Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016)",
    ):
        assert citation in text, citation
    for measure in ("Percent agreement", "Cohen's kappa", "Scott's pi", "Fleiss' kappa", "F1", "cuα"):
        assert measure in text, measure
    browser.show_page("reporting")
    text = browser.browser.toPlainText()
    assert "Krippendorff (2004a, p. 241)" in text
    assert "0.800" in text and "0.667" in text


def test_external_links_do_not_navigate_the_guide(browser, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "annotator.gui.help.help_browser.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    browser.browser.anchorClicked.emit(QUrl("https://example.org/"))
    assert browser.current == "index"
    assert opened == [QUrl("https://example.org/")]


def test_plain_action_text_strips_mnemonics():
    assert plain_action_text("&Open project\u2026") == "Open project"
    assert plain_action_text("Save && close") == "Save & close"
    assert plain_action_text("Mark &done and next") == "Mark done and next"


def test_shortcut_sheet_lists_the_window_actions(qtbot):
    undo = QAction("&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    picker = QAction("Quick code &picker\u2026")
    picker.setShortcut(QKeySequence("Ctrl+K"))
    done = QAction("Mark done and &next")
    done.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    no_key = QAction("About Annotator")
    rows = shortcuts_from_actions([undo, picker, done, no_key])
    assert [r[0] for r in rows] == ["Undo", "Quick code picker", "Mark done and next"]

    sheet = ShortcutSheet(rows)
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    assert sheet.windowTitle() == "Keyboard shortcuts"
    shown = dict(sheet.visible_rows())
    assert shown["Undo"] == QKeySequence("Ctrl+Z").toString(QKeySequence.SequenceFormat.NativeText)
    assert "," in shown["Mark done and next"]

    qtbot.keyClicks(sheet.filter, "picker")
    assert [r[0] for r in sheet.visible_rows()] == ["Quick code picker"]
    sheet.filter.clear()
    assert len(sheet.visible_rows()) == 3


def test_shortcut_sheet_closes_with_f1_and_offers_the_guide(qtbot):
    sheet = ShortcutSheet([("Undo", "Ctrl+Z")])
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    with qtbot.waitSignal(sheet.openGuide, timeout=1000):
        sheet.guide_link.linkActivated.emit("guide")
    qtbot.keyClick(sheet.filter, Qt.Key.Key_F1)
    assert not sheet.isVisible()


def test_shortcut_sheet_shows_sections_and_filters_within_them(qtbot):
    sheet = ShortcutSheet(
        [
            ("Coding", [("Apply code: Official", "O"), ("Quick code picker", "Ctrl+K")]),
            ("Navigation", [("Next document", "Alt+Down")]),
        ]
    )
    qtbot.addWidget(sheet)
    assert sheet.visible_rows() == [
        ("Apply code: Official", "O"),
        ("Quick code picker", "Ctrl+K"),
        ("Next document", "Alt+Down"),
    ]
    qtbot.keyClicks(sheet.filter, "next")
    assert sheet.visible_rows() == [("Next document", "Alt+Down")]
    sheet.filter.clear()
    qtbot.keyClicks(sheet.filter, "coding")  # a section title shows its whole section
    assert [r[0] for r in sheet.visible_rows()] == ["Apply code: Official", "Quick code picker"]


def test_help_menu_reuses_one_guide_window(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from annotator.gui.help.help_browser import open_help

    window = QMainWindow()
    qtbot.addWidget(window)
    first = open_help(window)
    assert first.isVisible() and first.current == "index"
    again = open_help(window, "agreement")
    assert again is first and first.current == "agreement"


def test_f1_toggles_the_sheet_and_its_link_opens_the_shortcuts_page(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from annotator.gui.help.help_browser import open_shortcut_sheet

    window = QMainWindow()
    qtbot.addWidget(window)
    sheet = open_shortcut_sheet([("Undo", "Ctrl+Z")], window)
    assert sheet.isVisible() and sheet.visible_rows() == [("Undo", "Ctrl+Z")]
    sheet.guide_link.linkActivated.emit("guide")
    guide = window._annotator_help_browser
    assert guide.isVisible() and guide.current == "shortcuts"
    assert open_shortcut_sheet([("Undo", "Ctrl+Z")], window) is sheet and not sheet.isVisible()
    open_shortcut_sheet([("Redo", "Ctrl+Shift+Z")], window)
    assert sheet.isVisible() and sheet.visible_rows() == [("Redo", "Ctrl+Shift+Z")]


def test_shortcut_sheet_leaves_out_actions_without_keys(qtbot):
    sheet = ShortcutSheet([("Quit", ""), ("Undo", "Ctrl+Z")])
    qtbot.addWidget(sheet)
    assert sheet.visible_rows() == [("Undo", "Ctrl+Z")]
