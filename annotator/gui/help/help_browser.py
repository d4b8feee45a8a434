"""The user guide inside the application, and the F1 shortcut cheat sheet.

The guide is Markdown in ``resources/help/`` (one file per page, the order in
``toc.txt``), rendered by QTextBrowser.setMarkdown, so that the pages are
readable on GitHub as well and no HTML engine is needed. Links between pages
are ordinary relative Markdown links (``[Coding](coding.md)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.common.shortcuts import plain_action_text
from annotator.resources_path import resource

HELP_DIR = ("help",)


@dataclass(frozen=True)
class HelpPage:
    name: str  # file name without .md, used in links
    title: str  # the first heading
    text: str  # the Markdown source


def _title_of(name: str, text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return name.replace("-", " ").capitalize()


def load_pages() -> list[HelpPage]:
    """Every page of the guide, in the order of toc.txt (pages it does not
    name follow alphabetically, so a new page is never invisible)."""
    folder = resource(*HELP_DIR)
    texts: dict[str, str] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".md"):
            texts[entry.name[:-3]] = entry.read_text(encoding="utf-8")
    order: list[str] = []
    toc = folder / "toc.txt"
    if toc.is_file():
        for line in toc.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and line in texts and line not in order:
                order.append(line)
    order += sorted(n for n in texts if n not in order)
    return [HelpPage(n, _title_of(n, texts[n]), texts[n]) for n in order]


class HelpBrowser(QWidget):
    """The user guide: a page list, the page, back and forward, and a search
    box that lists the pages containing the words and highlights them."""

    pageChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, page: str = "index") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("HelpBrowser")
        self.setWindowTitle(self.tr("Annotator user guide"))
        self.setWindowIcon(QIcon(str(resource("icons", "annotator-64.png"))))
        self.pages = load_pages()
        self._by_name = {p.name: p for p in self.pages}
        self._history: list[str] = []
        self._position = -1
        self.current: str | None = None

        self.search = QLineEdit()
        self.search.setObjectName("helpSearch")
        self.search.setPlaceholderText(self.tr("Search the guide"))
        self.search.setAccessibleName(self.tr("Search the user guide"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_pages)
        self.search.returnPressed.connect(self.find_next)

        self.page_list = QListWidget()
        self.page_list.setObjectName("helpPages")
        self.page_list.setAccessibleName(self.tr("Pages of the user guide"))
        for p in self.pages:
            item = QListWidgetItem(p.title)
            item.setData(Qt.ItemDataRole.UserRole, p.name)
            self.page_list.addItem(item)
        self.page_list.currentItemChanged.connect(self._page_list_changed)

        self.no_match = QLabel(self.tr("No page contains these words."))
        self.no_match.setWordWrap(True)
        self.no_match.setVisible(False)

        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setAccessibleName(self.tr("Help page"))
        self.browser.setOpenLinks(False)  # every link goes through _follow_link
        self.browser.anchorClicked.connect(self._follow_link)
        self.browser.document().setDocumentMargin(16)

        self.back_button = QToolButton()
        self.back_button.setText(self.tr("Back"))
        self.back_button.setToolTip(self.tr("Back (Alt+Left)"))
        self.back_button.clicked.connect(self.back)
        self.forward_button = QToolButton()
        self.forward_button.setText(self.tr("Forward"))
        self.forward_button.setToolTip(self.tr("Forward (Alt+Right)"))
        self.forward_button.clicked.connect(self.forward)
        self.home_button = QToolButton()
        self.home_button.setText(self.tr("Contents"))
        self.home_button.clicked.connect(lambda: self.show_page("index"))

        for text, key, slot in (
            (self.tr("Back"), QKeySequence.StandardKey.Back, self.back),
            (self.tr("Forward"), QKeySequence.StandardKey.Forward, self.forward),
            (self.tr("Find in guide"), QKeySequence.StandardKey.Find, self._focus_search),
            (self.tr("Find next"), QKeySequence.StandardKey.FindNext, self.find_next),
            (self.tr("Close"), QKeySequence.StandardKey.Close, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(key)
            action.triggered.connect(slot)
            self.addAction(action)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.page_list, 1)
        left_layout.addWidget(self.no_match)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        for b in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(b)
        bar.addStretch(1)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.browser, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(900, 680)

        self.show_page(page if page in self._by_name else "index")

    # -- pages and history -------------------------------------------------

    def page_names(self) -> list[str]:
        return [p.name for p in self.pages]

    def show_page(self, name: str, *, record: bool = True) -> bool:
        """Show a page by name ("coding" or "coding.md"); False if there is none."""
        name = name.removesuffix(".md")
        page = self._by_name.get(name)
        if page is None:
            return False
        if name != self.current:
            self.browser.setMarkdown(page.text)
            self.current = name
            if record:
                del self._history[self._position + 1 :]
                self._history.append(name)
                self._position = len(self._history) - 1
            self._sync_list()
            self._update_buttons()
            self.setWindowTitle(self.tr("{0} \u2014 Annotator user guide").format(page.title))
            self.pageChanged.emit(name)
        if self.search.text().strip():
            self._highlight_first(self.search.text().strip())
        return True

    @Slot()
    def back(self) -> None:
        if self._position > 0:
            self._position -= 1
            self.show_page(self._history[self._position], record=False)

    @Slot()
    def forward(self) -> None:
        if self._position < len(self._history) - 1:
            self._position += 1
            self.show_page(self._history[self._position], record=False)

    def _update_buttons(self) -> None:
        self.back_button.setEnabled(self._position > 0)
        self.forward_button.setEnabled(self._position < len(self._history) - 1)

    def _sync_list(self) -> None:
        for row in range(self.page_list.count()):
            item = self.page_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == self.current:
                if self.page_list.currentItem() is not item:
                    self.page_list.blockSignals(True)
                    self.page_list.setCurrentItem(item)
                    self.page_list.blockSignals(False)
                return

    @Slot(QListWidgetItem, QListWidgetItem)
    def _page_list_changed(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.show_page(item.data(Qt.ItemDataRole.UserRole))

    @Slot(QUrl)
    def _follow_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            # The program itself never goes online; a link the user clicks
            # opens in their own browser.
            QDesktopServices.openUrl(url)
            return
        target = url.path() or ""
        if target:
            self.show_page(target.rsplit("/", 1)[-1])
        if url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())

    # -- search ----------------------------------------------------------------

    def matching_pages(self, query: str) -> list[str]:
        """Names of the pages containing every word of the query."""
        words = [w.casefold() for w in query.split()]
        if not words:
            return self.page_names()
        hits = []
        for p in self.pages:
            text = p.text.casefold()
            if all(w in text for w in words):
                hits.append(p.name)
        return hits

    @Slot(str)
    def _filter_pages(self, query: str) -> None:
        hits = set(self.matching_pages(query))
        first_visible = None
        for row in range(self.page_list.count()):
            item = self.page_list.item(row)
            hidden = item.data(Qt.ItemDataRole.UserRole) not in hits
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        self.no_match.setVisible(not hits)
        if not query.strip():
            return
        if self.current in hits:
            self._highlight_first(query.strip())
        elif first_visible is not None:
            self.show_page(first_visible.data(Qt.ItemDataRole.UserRole))

    def _highlight_first(self, query: str) -> None:
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        self.browser.find(query.split()[0])

    @Slot()
    def find_next(self) -> None:
        words = self.search.text().split()
        if not words:
            return
        if not self.browser.find(words[0]):
            # Wrap around: start again at the top of the page.
            self._highlight_first(words[0])

    @Slot()
    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()


_SECTION_ROLE = Qt.ItemDataRole.UserRole + 1

Shortcuts = list[tuple[str, str]]


def _as_sections(shortcuts) -> list[tuple[str | None, Shortcuts]]:
    """Accept flat (text, keys) pairs or (section title, [(text, keys), ...])."""
    items = list(shortcuts)
    if items and all(isinstance(item[1], list | tuple) for item in items):
        return [(title, list(rows)) for title, rows in items]
    return [(None, items)]


class ShortcutSheet(QDialog):
    """The F1 cheat sheet: every command of the window with its shortcut,
    filtered as you type. The main window passes (action text, shortcut)
    pairs, e.g. from :func:`shortcuts_from_actions`, so the sheet always
    shows the keys as they are really set, codebook keys included; or
    sections, (title, [(text, shortcut), ...]), shown as groups."""

    openGuide = Signal()

    def __init__(self, shortcuts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setModal(False)

        self.filter = QLineEdit()
        self.filter.setObjectName("shortcutFilter")
        self.filter.setPlaceholderText(self.tr("Type to filter, e.g. \u201cundo\u201d or \u201cCtrl\u201d"))
        self.filter.setAccessibleName(self.tr("Filter shortcuts"))
        self.filter.setClearButtonEnabled(True)

        self.model = QStandardItemModel(0, 2, self)
        # Keys first: the eye runs down the keys, as on a printed cheat sheet.
        self.model.setHorizontalHeaderLabels([self.tr("Shortcut"), self.tr("Command")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # match the command or the keys
        # A matching command keeps its section visible; a matching section
        # title shows the whole section.
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.filter.textChanged.connect(self._filter_changed)

        self.tree = QTreeView()
        self.tree.setObjectName("shortcutTable")
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setModel(self.proxy)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        # Some "keys" are sentences ("hold Alt while selecting"): wrap them
        # rather than push the commands off the window.
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.set_shortcuts(shortcuts)

        self.guide_link = QLabel(self.tr('<a href="guide">More in the user guide</a>'))
        self.guide_link.setTextFormat(Qt.TextFormat.RichText)
        self.guide_link.linkActivated.connect(lambda _link: self.openGuide.emit())

        close = QAction(self.tr("Close"), self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.addAction(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.guide_link)
        self.resize(520, 600)
        self._fit_key_column()
        self.filter.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        # F1 opened the sheet, so F1 again closes it (Escape too, as in
        # every dialog); the filter box passes F1 on to here.
        if event.key() == Qt.Key.Key_F1:
            self.close()
            return
        super().keyPressEvent(event)

    def set_shortcuts(self, shortcuts) -> None:
        self.model.removeRows(0, self.model.rowCount())
        sections = _as_sections(shortcuts)
        for title, rows in sections:
            if title is None:
                parent = self.model.invisibleRootItem()
            else:
                parent = QStandardItem(title)
                parent.setData(True, _SECTION_ROLE)
                parent.setSelectable(False)
                font = parent.font()
                font.setBold(True)
                parent.setFont(font)
                blank = QStandardItem()
                blank.setSelectable(False)
                self.model.appendRow([parent, blank])
            for text, keys in rows:
                if keys and keys.strip():  # an action whose key this platform leaves unset
                    key_item, command = QStandardItem(keys), QStandardItem(plain_action_text(text))
                    for item in (key_item, command):
                        item.setToolTip(item.text())  # a narrow window elides long entries
                    parent.appendRow([key_item, command])
        self.tree.setRootIsDecorated(any(title is not None for title, _ in sections))
        self._span_sections()

    @Slot(str)
    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._span_sections()

    def _fit_key_column(self) -> None:
        wanted = self.tree.sizeHintForColumn(0) + 24
        self.tree.setColumnWidth(0, max(120, min(wanted, int(self.width() * 0.45))))

    def _span_sections(self) -> None:
        """Section titles run across both columns, and every section is open."""
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(_SECTION_ROLE):
                self.tree.setFirstColumnSpanned(r, QModelIndex(), True)
        self.tree.expandAll()

    def visible_rows(self) -> list[tuple[str, str]]:
        """The (command, shortcut) rows the filter leaves, in order."""
        rows: list[tuple[str, str]] = []

        def walk(parent) -> None:
            for r in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(r, 0, parent)
                if index.data(_SECTION_ROLE):
                    walk(index)
                else:
                    rows.append((self.proxy.index(r, 1, parent).data(), index.data()))

        walk(QModelIndex())
        return rows


# -- what the main window's Help menu calls ------------------------------------------

_HELP_ATTR = "_annotator_help_browser"
_SHEET_ATTR = "_annotator_shortcut_sheet"
_parentless: dict[str, QWidget] = {}


def _remembered(parent: QWidget | None, attr: str):
    return getattr(parent, attr, None) if parent is not None else _parentless.get(attr)


def _remember(parent: QWidget | None, attr: str, widget: QWidget) -> None:
    if parent is not None:
        setattr(parent, attr, widget)
    else:
        _parentless[attr] = widget


def open_help(parent: QWidget | None = None, page: str = "index") -> HelpBrowser:
    """Show the user guide at ``page``: one guide window per main window,
    brought to the front (and kept where the reader left it) when asked again."""
    browser = _remembered(parent, _HELP_ATTR)
    if browser is None:
        browser = HelpBrowser(parent, page)
        _remember(parent, _HELP_ATTR, browser)
    else:
        browser.show_page(page)
    browser.show()
    browser.raise_()
    browser.activateWindow()
    return browser


def open_shortcut_sheet(shortcuts, parent: QWidget | None = None) -> ShortcutSheet:
    """Show the F1 cheat sheet with these shortcuts (pairs or sections), or
    close it if it is already showing, so F1 toggles it. Its link opens the
    guide's shortcuts page."""
    sheet = _remembered(parent, _SHEET_ATTR)
    if sheet is not None and sheet.isVisible():
        sheet.close()
        return sheet
    if sheet is None:
        sheet = ShortcutSheet(shortcuts, parent)
        sheet.openGuide.connect(lambda: open_help(parent, "shortcuts"))
        _remember(parent, _SHEET_ATTR, sheet)
    else:
        sheet.set_shortcuts(shortcuts)  # the codebook's keys may have changed
        sheet.filter.clear()
    sheet.show()
    sheet.raise_()
    sheet.activateWindow()
    return sheet
