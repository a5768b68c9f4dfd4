"""The Library tab of the sidebar: find box, stories, and the open story's articles (or the hits).

``LibrarySidebar`` shows what the store holds and says what the reader picked; it opens
nothing itself. It follows the change bus: the stories list re-reads on ``stories`` and
``story_articles`` (names and article counts), the articles list on ``articles`` and
``story_articles``, the tag suffixes on the tag tables. A story deleted elsewhere leaves the
Library row selected, which the window hears as ``story_selected(ALL_ARTICLES)``.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import NotFound
from desktop.core.library.store.article_list import ArticleFilter
from desktop.core.models import Story
from desktop.ui.library.article_filter_bar import ArticleFilterBar
from desktop.ui.library.article_table_view import ArticleTableView
from desktop.ui.library.column_fit import fit_columns
from desktop.ui.library.heading_label import HeadingLabel
from desktop.ui.library.hit_delegate import SearchHitDelegate
from desktop.ui.library.library_models import (
    ALL_ARTICLES,
    ID_ROLE,
    ArticlesModel,
    SearchHitsModel,
    StoriesModel,
)

HEADING_STYLE = "font-weight: 600; padding: 4px 2px 0 2px;"


class LibrarySidebar(QWidget):
    """Find box and stories above, the open story's articles (or the search hits) below."""

    story_selected = Signal(int)  # the reader picked a story (ALL_ARTICLES: the Library row)
    article_activated = Signal(int)  # an article was double-clicked
    hit_activated = Signal(int, object)  # article id, the search terms (list[str])
    story_menu_requested = Signal(QPoint)  # right-click on the stories, global position
    article_menu_requested = Signal(QPoint)  # right-click on an article, global position

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LibrarySidebar")
        self.store = store
        self.story_id = ALL_ARTICLES  # the story whose articles are listed

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Find in library (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.run_search)

        self.stories_model = StoriesModel(self)
        self.stories_view = QListView()
        self.stories_view.setModel(self.stories_model)
        self.stories_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stories_view.selectionModel().currentChanged.connect(self._on_stories_view_current_changed)
        self.stories_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.stories_view.customContextMenuRequested.connect(self._on_stories_view_context_menu_requested)

        # the article list is lazy (rows read as shown) and sorted and filtered in SQL, at any size
        self.articles_model = ArticlesModel(self)
        self.articles_view = self._make_articles_view()
        self.filter_bar = ArticleFilterBar()
        self.filter_bar.filter_changed.connect(self._on_filter_bar_filter_changed)
        self._list_text: str | None = None  # Find words narrowing the article list ("List all")

        self.hits_model = SearchHitsModel(self)
        self.hits_view = QListView()
        self.hits_view.setModel(self.hits_model)
        self.hits_view.setWordWrap(True)
        self.hits_view.setItemDelegate(SearchHitDelegate(self.hits_view))  # the matching words in bold
        self.hits_view.setResizeMode(QListView.ResizeMode.Adjust)  # rows laid out again at a new width
        self.hits_view.setUniformItemSizes(False)
        self.hits_view.setAlternatingRowColors(True)
        self.hits_view.activated.connect(self._on_hits_view_activated)
        self.hits_view.clicked.connect(self._on_hits_view_activated)
        self.hits_label = QLabel()
        self.hits_label.setWordWrap(True)
        self.hits_label.linkActivated.connect(self._on_hits_label_link_activated)
        hits_page = QWidget()
        hits_layout = QVBoxLayout(hits_page)
        hits_layout.setContentsMargins(0, 0, 0, 0)
        hits_layout.addWidget(self.hits_label)
        hits_layout.addWidget(self.hits_view)
        self.lower_stack = QStackedWidget()
        self.lower_stack.addWidget(self.articles_view)
        self.lower_stack.addWidget(hits_page)

        self.articles_heading = HeadingLabel("Articles")
        self.articles_heading.setStyleSheet(HEADING_STYLE)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.articles_heading)
        lower_layout.addWidget(self.filter_bar)
        lower_layout.addWidget(self.lower_stack)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.search_box)
        heading = QLabel("Stories")
        heading.setStyleSheet(HEADING_STYLE)
        upper_layout.addWidget(heading)
        upper_layout.addWidget(self.stories_view)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([260, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.splitter)

    def _make_articles_view(self) -> ArticleTableView:
        view = ArticleTableView()  # lays out only the rows on screen (a tree view lays out all of them)
        view.setModel(self.articles_model)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # story order until the user sorts
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setDragEnabled(True)
        view.setAlternatingRowColors(True)
        header = view.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        for column, width in ((1, 84), (2, 76), (3, 46), (4, 30), (5, 110)):  # the title gets the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # words, leaning and story: on the header's right-click menu (at 270 px a fourth column
        # leaves the titles a few letters; the leaning is in each row's tooltip and the filter bar)
        for column in (3, ArticlesModel.LEANING_COLUMN, ArticlesModel.STORY_COLUMN):
            header.setSectionHidden(column, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_articles_header_context_menu_requested)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # the title takes the rest of the width; outlet and story elide before titles get short
        fit_columns(view, squeeze=(1, ArticlesModel.STORY_COLUMN))
        view.doubleClicked.connect(self._on_articles_view_double_clicked)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_articles_view_context_menu_requested)
        return view

    # ------------------------------------------------------------ public API

    def follow(self, bus) -> None:
        """Refresh from what ``bus`` (a ``ChangeBus``) says changed."""
        bus.changed.connect(self._on_change_bus_changed)

    def reload(self) -> list[Story]:
        """Re-read the stories and the tags; returns the stories."""
        stories = self.reload_stories()
        self.stories_model.set_tags(self.store.story_tag_map())
        self.articles_model.set_tags(self.store.article_tag_map())
        self.refresh_outlets()
        return stories

    def reload_stories(self) -> list[Story]:
        stories = self.store.stories()
        self.stories_model.set_stories(stories)
        # the reset cleared the current row; a story deleted meanwhile leaves the Library row,
        # which announces itself as the reader's choice (story_selected)
        row = self.stories_model.row_of(self.story_id)
        self.stories_view.setCurrentIndex(self.stories_model.index(max(row, 0)))
        return stories

    def show_story(self, story_id: int) -> int:
        """Select the story and list its articles; returns the story shown (the Library row
        when there is no such story)."""
        row = self.stories_model.row_of(story_id)
        if row < 0:
            story_id, row = ALL_ARTICLES, 0
        self.story_id = story_id
        index = self.stories_model.index(row)
        if self.stories_view.currentIndex() != index:
            self.stories_view.setCurrentIndex(index)  # re-enters via currentChanged: harmless
        self.refresh_articles()
        return story_id

    def refresh_articles(self) -> None:
        """List the open story's (or the library's) articles through the filter bar and the listed
        Find words; the selection is kept for the articles still listed."""
        wanted = self.filter_bar.article_filter()
        self.filter_bar.story_box.setEnabled(self.story_id == ALL_ARTICLES)  # a story's articles are in it
        if self.story_id != ALL_ARTICLES:
            wanted = replace(wanted, story_id=self.story_id)
        wanted = replace(wanted, text=self._list_text)
        selected = self.selected_article_ids()
        current = self.current_article_id()
        if self.articles_model.set_query(self.store, wanted) and selected:
            self._select_ids(selected, current)
        self._update_heading()

    def set_list_filter(self, article_filter: ArticleFilter) -> None:
        """Filter the article list as the filter bar would (its outlet, leaning, dates, no-story)."""
        self.filter_bar.set_filter(article_filter)

    def refresh_outlets(self) -> None:
        self.filter_bar.set_outlets(self.store.article_list_outlets())

    def selected_article_ids(self) -> list[int]:
        return [i.data(ID_ROLE) for i in self.articles_view.selectionModel().selectedRows()]

    def current_article_id(self) -> int | None:
        index = self.articles_view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_article(self, article_id: int) -> None:
        row = self.articles_model.row_of(article_id)
        if row >= 0:
            self.articles_view.setCurrentIndex(self.articles_model.index(row, 0))

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def search_terms(self) -> list[str]:
        return [t.strip('"*') for t in self.search_box.text().split() if t.strip('"*')]

    def run_search(self) -> None:
        query = self.search_box.text().strip()
        if not query:
            self.lower_stack.setCurrentIndex(0)
            self.hits_model.set_hits([])
            return
        hits = self.store.search(query)
        self.hits_model.set_hits(hits)
        self.hits_label.setText(f"{len(hits)} article{'s' if len(hits) != 1 else ''} match “{query}”"
                                " · <a href='list'>List all in the article list</a>"
                                if hits else f"Nothing in the library matches “{query}”.")
        self.lower_stack.setCurrentIndex(1)

    def list_search(self) -> None:
        """Show every article the Find words match in the article list (sortable, filterable)."""
        self._search_timer.stop()
        self._list_text = self.search_box.text().strip() or None
        self.lower_stack.setCurrentIndex(0)
        self.refresh_articles()

    # ------------------------------------------------------------ internals

    def _update_heading(self) -> None:
        count = self.articles_model.rowCount()
        narrowed = self.filter_bar.is_filtering() or self._list_text
        shown = f"{count:,} shown" if narrowed else f"{count:,}"
        words = f" matching “{self._list_text}”" if self._list_text else ""
        if self.story_id == ALL_ARTICLES:
            self.articles_heading.set_parts("All articles", words, f" ({shown})")
            return
        try:
            name = self.store.story(self.story_id).name
        except NotFound:  # deleted a moment ago: the Library row takes over
            return
        self.articles_heading.set_parts("In “", name, f"”{words} ({shown})")

    def _select_ids(self, article_ids: list[int], current: int | None) -> None:
        """Select these articles again (those still listed), in one selection of row ranges."""
        model = self.articles_model
        rows = sorted(r for r in (model.row_of(i) for i in article_ids) if r >= 0)
        if current is not None and model.row_of(current) >= 0:
            self.articles_view.setCurrentIndex(model.index(model.row_of(current), 0))
        chosen = QItemSelection()
        start = 0
        for n in range(1, len(rows) + 1):
            if n == len(rows) or rows[n] != rows[n - 1] + 1:  # the end of a run of rows
                chosen.select(model.index(rows[start], 0), model.index(rows[n - 1], 0))
                start = n
        self.articles_view.selectionModel().select(
            chosen, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    # ------------------------------------------------------------ slots

    def _on_change_bus_changed(self, changes, _source) -> None:
        tables = changes.tables
        if tables & {"stories", "story_articles"}:
            self.reload_stories()
        if tables & {"articles", "sources"}:
            self.refresh_outlets()  # the filter bar's outlets and their counts
        if tables & {"articles", "story_articles", "sources"}:
            self.refresh_articles()
        elif "stories" in tables:
            self._update_heading()  # a new name
        if tables & {"tags", "story_tags"}:
            self.stories_model.set_tags(self.store.story_tag_map())
        if tables & {"tags", "article_tags"}:
            self.articles_model.set_tags(self.store.article_tag_map())

    def _on_stories_view_current_changed(self, current, _previous) -> None:
        if current.isValid() and current.data(ID_ROLE) != self.story_id:
            self.story_selected.emit(current.data(ID_ROLE))

    def _on_stories_view_context_menu_requested(self, pos: QPoint) -> None:
        self.story_menu_requested.emit(self.stories_view.viewport().mapToGlobal(pos))

    def _on_articles_view_double_clicked(self, index) -> None:
        self.article_activated.emit(index.data(ID_ROLE))

    def _on_articles_view_context_menu_requested(self, pos: QPoint) -> None:
        if self.articles_view.indexAt(pos).isValid():
            self.article_menu_requested.emit(self.articles_view.viewport().mapToGlobal(pos))

    def _on_search_box_text_changed(self, _text: str) -> None:
        if self._list_text is not None:  # new words: back to the hits (cleared: the whole list)
            self._list_text = None
            self.refresh_articles()
        self._search_timer.start()

    def _on_hits_label_link_activated(self, _link: str) -> None:
        self.list_search()

    def _on_filter_bar_filter_changed(self) -> None:
        self.refresh_articles()

    def _on_articles_header_context_menu_requested(self, pos: QPoint) -> None:
        header = self.articles_view.header()
        menu = QMenu(self)
        for column, name in enumerate(self.articles_model.COLUMNS):
            if column == 0:
                continue  # the title is always shown
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, column=column: header.setSectionHidden(column, not on))
        menu.exec(header.mapToGlobal(pos))

    def _on_search_box_return_pressed(self) -> None:
        self._search_timer.stop()
        self.run_search()
        if self.hits_model.rowCount():
            self._on_hits_view_activated(self.hits_model.index(0))

    def _on_hits_view_activated(self, index) -> None:
        self.hit_activated.emit(index.data(ID_ROLE), self.search_terms())
