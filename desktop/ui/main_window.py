"""The main window: library sidebar on the left, the story's articles side by side on the right."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.errors import NotFound, ParallaxError
from desktop.core.library import bundled_story_name, import_pasted_text
from desktop.core.models import Changes, ImportReport
from desktop.core.library.readers import SUPPORTED_EXTENSIONS
from desktop.core.library.store import Store
from desktop.core.notes.annotating import COLORS as ANNOTATION_COLORS
from desktop.ui.library import story_commands
from desktop.ui.notes.annotation_commands import (
    AddAnnotationCommand,
    ConfirmOrphanCommand,
    DeleteAnnotationCommand,
    EditAnnotationCommand,
    LinkAnnotationsCommand,
    UnlinkAnnotationsCommand,
)
from desktop.ui.notes.annotations_panel import AnnotationsPanel
from desktop.ui.compare.comparison_area import ComparisonArea
from desktop.ui.compare.coverage_matrix import CoverageMatrixArea
from desktop.ui.compare.facts_panel import COL_KIND, FactsPanel
from desktop.ui.file_exports import FileExports
from desktop.ui.compare.legend import FirstRunHint, LegendWidget
from desktop.ui.library.library_models import (
    ALL_ARTICLES,
    ID_ROLE,
    SORT_ROLE,
    ArticlesModel,
    SearchHitsModel,
    StoriesModel,
    article_ids_from_mime,
)
from desktop.ui.compare.reading_pane import ReadingStyle
from desktop.ui.settings import MAX_POINT_SIZE, MIN_POINT_SIZE, Settings
from desktop.ui.tasks import IN_THREAD_CHARS, ComparisonTask, ImportTask
from desktop.ui.notes.window_tags import WindowTags

WATCH_INTERVAL_MS = 1000  # how often to check whether another window changed the library
LINE_SPACINGS = {"Compact": 120, "Comfortable": 150, "Airy": 180}


class MainWindow(QMainWindow):
    story_loaded = Signal(int)  # story id, once its panes are laid out
    import_finished = Signal(object)  # ImportReport
    comparison_finished = Signal(object)  # Comparison, once the panes show it

    def __init__(self, store: Store, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        # The comparison runs on a worker thread. With CPython's default 5 ms GIL switch
        # interval the GUI thread, which gives up and retakes the GIL around Qt calls, queues
        # behind the worker for hundreds of ms ("convoy effect"); 1 ms keeps it responsive.
        sys.setswitchinterval(0.001)
        self.store = store
        self.settings = settings
        self.current_story_id = ALL_ARTICLES
        self.undo_stack = QUndoStack(self)
        self.import_task: ImportTask | None = None
        self.comparison_task: ComparisonTask | None = None
        self._comparison_generation = 0
        self._applying_generation: int | None = None  # a comparison being shown in steps
        self.setWindowTitle("Parallax")
        self.setAcceptDrops(True)
        self.resize(1440, 900)

        self._build_sidebar()
        self.tags = WindowTags(self)
        self.files = FileExports(
            self, store, lambda: None if self.current_story_id == ALL_ARTICLES else self.current_story_id,
            lambda message: self.statusBar().showMessage(message, 8000), self.show_error,
            self._run, lambda changes: self.apply_changes(changes))
        self.comparison = ComparisonArea()
        self.comparison.pane_close_requested.connect(self._on_pane_close_requested)
        self.comparison.pane_move_requested.connect(self._on_pane_move_requested)
        self.comparison.boilerplate_toggled.connect(self._on_boilerplate_toggled)
        self.comparison.highlight_requested.connect(self._on_comparison_highlight_requested)
        self.comparison.annotation_clicked.connect(self._on_comparison_annotation_clicked)
        self.comparison.attach_requested.connect(self._on_comparison_attach_requested)
        self.comparison.citation_copied.connect(
            lambda _article, _text: self.statusBar().showMessage("Copied the passage as a Markdown citation.", 4000))
        self.first_run_hint = FirstRunHint()
        self.first_run_hint.dismissed.connect(
            lambda: self.settings.set("ui/first_run_hint_dismissed", True))
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.setSpacing(4)
        reading_layout.addWidget(self.first_run_hint)
        reading_layout.addWidget(self.comparison, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.sidebar)
        self.main_splitter.addWidget(reading)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([270, 1170])
        self.setCentralWidget(self.main_splitter)
        self._build_docks()
        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._restore_settings()
        self.reload_library()
        # another Parallax window or a CLI command may write to the same library: notice it
        self._data_version = self.store.data_version()
        self._watch_timer = QTimer(self, interval=WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self._on_watch_timer_timeout)
        self._watch_timer.start()

    # ------------------------------------------------------------------ layout

    def _build_sidebar(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Find in library (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.run_search)

        self.stories_model = StoriesModel(self)
        self.stories_view = QListView()
        self.stories_view.setModel(self.stories_model)
        self.stories_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stories_view.selectionModel().currentChanged.connect(self._on_stories_view_current_changed)
        self.stories_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.stories_view.customContextMenuRequested.connect(self._on_stories_view_context_menu)

        self.articles_model = ArticlesModel(self)
        self.articles_proxy = QSortFilterProxyModel(self)
        self.articles_proxy.setSourceModel(self.articles_model)
        self.articles_proxy.setSortRole(SORT_ROLE)
        self.articles_view = QTreeView()
        self.articles_view.setRootIsDecorated(False)
        self.articles_view.setModel(self.articles_proxy)
        self.articles_view.setSortingEnabled(True)
        self.articles_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # story order until the user sorts
        self.articles_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.articles_view.setDragEnabled(True)
        self.articles_view.setAlternatingRowColors(True)
        self.articles_view.setUniformRowHeights(True)
        header = self.articles_view.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 84), (2, 76), (3, 46)):  # the title gets the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.articles_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.articles_view.doubleClicked.connect(self._on_articles_view_double_clicked)
        self.articles_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.articles_view.customContextMenuRequested.connect(self._on_articles_view_context_menu)

        self.hits_model = SearchHitsModel(self)
        self.hits_view = QListView()
        self.hits_view.setModel(self.hits_model)
        self.hits_view.setWordWrap(True)
        self.hits_view.setAlternatingRowColors(True)
        self.hits_view.activated.connect(self._on_hits_view_activated)
        self.hits_view.clicked.connect(self._on_hits_view_activated)
        self.hits_label = QLabel()
        hits_page = QWidget()
        hits_layout = QVBoxLayout(hits_page)
        hits_layout.setContentsMargins(0, 0, 0, 0)
        hits_layout.addWidget(self.hits_label)
        hits_layout.addWidget(self.hits_view)
        self.lower_stack = QStackedWidget()
        self.lower_stack.addWidget(self.articles_view)
        self.lower_stack.addWidget(hits_page)

        self.articles_heading = QLabel("Articles")
        self.articles_heading.setStyleSheet("font-weight: 600; padding: 4px 2px 0 2px;")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.articles_heading)
        lower_layout.addWidget(self.lower_stack)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.search_box)
        heading = QLabel("Stories")
        heading.setStyleSheet("font-weight: 600; padding: 4px 2px 0 2px;")
        upper_layout.addWidget(heading)
        upper_layout.addWidget(self.stories_view)

        self.sidebar_splitter = QSplitter(Qt.Orientation.Vertical)
        self.sidebar_splitter.addWidget(upper)
        self.sidebar_splitter.addWidget(lower)
        self.sidebar_splitter.setSizes([260, 600])
        library = QWidget()
        library.setObjectName("LibrarySidebar")
        layout = QVBoxLayout(library)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.sidebar_splitter)
        self.sidebar_tabs = QTabWidget()
        self.sidebar_tabs.setDocumentMode(True)
        self.sidebar_tabs.addTab(library, "Library")
        self.sidebar = self.sidebar_tabs
        self.sidebar.setMinimumWidth(220)

    def _build_docks(self) -> None:
        """Facts (with the legend) as the sidebar's second tab, the coverage matrix below."""
        self.facts_panel = FactsPanel()
        self.facts_panel.view.setColumnHidden(COL_KIND, True)  # narrow sidebar: the kind menu filters it
        self.legend = LegendWidget(self.comparison.fact_palette)
        facts = QWidget()
        facts_layout = QVBoxLayout(facts)
        facts_layout.setContentsMargins(4, 4, 4, 4)
        facts_layout.addWidget(self.facts_panel, 1)
        facts_layout.addWidget(self.legend)
        self.sidebar_tabs.addTab(facts, "Facts")
        self.annotations_panel = AnnotationsPanel(self.store, actions=_UndoableAnnotationActions(self))
        self.annotations_panel.annotation_activated.connect(self._on_annotations_panel_annotation_activated)
        self.sidebar_tabs.addTab(self.annotations_panel, "Notes")
        self.coverage = CoverageMatrixArea()
        self.coverage_dock = QDockWidget("Coverage", self)
        self.coverage_dock.setObjectName("CoverageDock")
        self.coverage_dock.setWidget(self.coverage)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.coverage_dock)
        self.coverage_dock.hide()  # on demand (View > Coverage Matrix): the panes need the height
        self.facts_panel.fact_selected.connect(self._on_facts_panel_fact_selected)
        self.facts_panel.filter_changed.connect(self._on_facts_panel_filter_changed)
        self.coverage.fact_selected.connect(self._on_facts_panel_fact_selected)
        self.coverage.article_selected.connect(self._on_coverage_article_selected)
        self.comparison.fact_navigated.connect(self.facts_panel.select_fact)
        self.comparison.fact_navigated.connect(self.coverage.select_fact)
        self._visible_facts: set[str] | None = None

    def _on_facts_panel_fact_selected(self, fact_id: str) -> None:
        if not self.comparison.navigate_to_fact(fact_id):
            self.statusBar().showMessage("No pane shows that fact.", 3000)

    def _on_facts_panel_filter_changed(self, ids) -> None:
        ids = set(ids)
        shown = self.comparison.comparison
        if shown is not None and len(ids) == len(shown.facts) + len(shown.conflicts):
            ids = None  # no filter: the highlights already show everything
        if ids != self._visible_facts:
            self._visible_facts = ids
            self.comparison.set_visible_facts(ids)

    def _on_coverage_article_selected(self, article_id: int) -> None:
        pane = self.comparison.pane_for(article_id)
        if pane is not None:
            self.comparison.scroll.ensureWidgetVisible(pane)
            pane.view.setFocus()

    def export_notes(self) -> None:
        self.files.export_notes()

    def save_notes(self, path: str) -> bool:
        """Write the current story's annotations (the whole library's from the Library row);
        the format follows the extension."""
        return self.files.save_notes(path)

    def export_comparison(self) -> None:
        self.files.export_comparison(self.comparison.comparison, self.coverage.matrix)

    def save_comparison(self, path: str) -> bool:
        """Write the comparison as a report, or the coverage matrix for .png/.svg (by extension)."""
        return self.files.save_comparison(path, self.comparison.comparison, self.coverage.matrix)

    def save_coverage_matrix(self, path: str) -> bool:
        return self.save_comparison(path)

    def _build_status_bar(self) -> None:
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(240)
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_import)
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.compare_label = QLabel()
        self.compare_bar = QProgressBar()
        self.compare_bar.setMaximumWidth(120)
        self.compare_bar.setTextVisible(False)
        self.statusBar().addPermanentWidget(self.compare_label)
        self.statusBar().addPermanentWidget(self.compare_bar)
        self.compare_label.hide()
        self.compare_bar.hide()

    def _action(self, text: str, slot, shortcut=None, tip: str | None = None, checkable=False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        self.import_action = self._action("&Import…", self.choose_import_files, "Ctrl+O",
                                          "Import article files into the current story")
        self.paste_action = self._action("New Article from &Clipboard", self.new_article_from_clipboard,
                                         "Ctrl+Shift+V", "Store the clipboard's text as a new article")
        self.new_story_action = self._action("&New Story…", lambda: self.new_story(), "Ctrl+N")
        self.rename_story_action = self._action("&Rename Story…", self.rename_story)
        self.delete_story_action = self._action("&Delete Story…", self.delete_story)
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.find_action = self._action("&Find in Library…", self.focus_search, "Ctrl+F")
        self.zoom_in_action = self._action("Zoom &In", lambda: self.zoom(+1), ["Ctrl+=", "Ctrl++"])
        self.zoom_out_action = self._action("Zoom &Out", lambda: self.zoom(-1), "Ctrl+-")
        self.zoom_reset_action = self._action("&Actual Size", lambda: self.zoom(0), "Ctrl+0")
        self.link_action = self._action("&Link Scrolling", self.set_link_scrolling, "Ctrl+L",
                                        "Scroll all panes together", checkable=True)
        self.font_group = QActionGroup(self)
        self.serif_action = self._action("&Serif Text", lambda: self.set_font_kind("serif"), checkable=True)
        self.sans_action = self._action("S&ans-serif Text", lambda: self.set_font_kind("sans"), checkable=True)
        self.font_group.addAction(self.serif_action)
        self.font_group.addAction(self.sans_action)
        self.spacing_group = QActionGroup(self)
        self.spacing_actions = {}
        for name, percent in LINE_SPACINGS.items():
            action = self._action(f"{name} ({percent}%)", lambda _c=False, p=percent: self.set_line_spacing(p),
                                  checkable=True)
            self.spacing_group.addAction(action)
            self.spacing_actions[percent] = action
        self.add_to_story_action = self._action("&Add Selected Articles to Story", self.add_selected_to_story,
                                                "Ctrl+Return")
        self.move_left_action = self._action("Move Pane &Left", lambda: self._move_focused_pane(-1), "Alt+Shift+Left")
        self.move_right_action = self._action("Move Pane &Right", lambda: self._move_focused_pane(+1),
                                              "Alt+Shift+Right")
        self.remove_pane_action = self._action("&Remove Pane", self._remove_focused_pane, "Ctrl+W")
        self.next_fact_action = self._action("&Next Fact", lambda: self.step_fact(+1), ["F7", "Alt+Down"],
                                             "Align the panes on the next shared fact or conflict")
        self.previous_fact_action = self._action("&Previous Fact", lambda: self.step_fact(-1),
                                                 ["Shift+F7", "Alt+Up"])
        self.export_notes_action = self._action(
            "Export &Notes…", self.export_notes, "Ctrl+Shift+E",
            "Save this story's highlights and notes: Markdown, CSV, JSON-LD, REFI-QDA, HTML or PDF")
        self.manage_tags_action = self._action("&Tags…", self.tags.show_manager, "Ctrl+Shift+T",
                                               "Rename, merge, colour and delete tags")
        self.story_tags_action = self._action("Story &Tags…", self.edit_current_story_tags,
                                              tip="Tag the whole story")
        self.article_tags_action = self._action("Article &Tags…", self.edit_selected_article_tags,
                                                tip="Tag the selected article as a whole")
        self.export_comparison_action = self._action(
            "Export &Comparison…", self.export_comparison, "Ctrl+Alt+E",
            "Save the comparison as HTML, Markdown, JSON or text, or the coverage matrix as an image")
        self.import_notes_action = self._action("Import N&otes…", self.files.import_notes, tip=(
            "Bring back notes exported as Web Annotation JSON-LD or a REFI-QDA project"))
        self.about_action = self._action("&About Parallax", self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for action in (self.import_action, self.paste_action, None, self.new_story_action,
                       self.rename_story_action, self.delete_story_action, None, self.export_notes_action, self.export_comparison_action,
                       self.import_notes_action,
                       None, self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.manage_tags_action)
        view_menu = bar.addMenu("&View")
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action, None,
                       self.serif_action, self.sans_action):
            view_menu.addSeparator() if action is None else view_menu.addAction(action)
        spacing_menu = view_menu.addMenu("Line &Spacing")
        for action in self.spacing_actions.values():
            spacing_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.link_action)
        view_menu.addSeparator()
        facts_toggle = self._action("&Facts", lambda: self.sidebar_tabs.setCurrentIndex(1), "Ctrl+Shift+F",
                                    "Show the facts of the comparison in the sidebar")
        library_toggle = self._action("&Library", lambda: self.sidebar_tabs.setCurrentIndex(0), "Ctrl+Shift+L")
        view_menu.addAction(library_toggle)
        coverage_toggle = self.coverage_dock.toggleViewAction()
        coverage_toggle.setText("Coverage Matrix")
        coverage_toggle.setShortcut(QKeySequence("Ctrl+Shift+M"))
        view_menu.addAction(facts_toggle)
        view_menu.addAction(coverage_toggle)
        story_menu = bar.addMenu("&Story")
        for action in (self.next_fact_action, self.previous_fact_action, None,
                       self.add_to_story_action, self.story_tags_action, None, self.move_left_action, self.move_right_action,
                       self.remove_pane_action):
            story_menu.addSeparator() if action is None else story_menu.addAction(action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    # ---------------------------------------------------------------- settings

    def reading_style(self) -> ReadingStyle:
        return ReadingStyle(
            font=self.settings.get("reading/font"),
            point_size=self.settings.get("reading/point_size"),
            line_spacing=self.settings.get("reading/line_spacing"),
            max_line_chars=self.settings.get("reading/max_line_chars"),
        )

    def _restore_settings(self) -> None:
        try:
            self.annotations_panel.set_grouping(str(self.settings.get("notes/grouping")))
        except ValueError:  # a settings file from elsewhere: keep the default
            self.annotations_panel.set_grouping("article")
        geometry = self.settings.get("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        elif self.screen() is not None:
            # first launch: most of the screen, centred, so the five bundled panes fit
            available = self.screen().availableGeometry()
            self.resize(int(available.width() * 0.94), int(available.height() * 0.92))
            frame = self.frameGeometry()
            frame.moveCenter(available.center())
            self.move(frame.topLeft())
        state = self.settings.get("window/state")
        if state:
            self.restoreState(state)
        for key, splitter in (("window/main_splitter", self.main_splitter),
                              ("window/sidebar_splitter", self.sidebar_splitter)):
            sizes = self.settings.get(key)
            if sizes and len(sizes) == splitter.count():
                splitter.setSizes(sizes)
        style = self.reading_style()
        self.comparison.style_ = style
        (self.serif_action if style.font == "serif" else self.sans_action).setChecked(True)
        if style.line_spacing in self.spacing_actions:
            self.spacing_actions[style.line_spacing].setChecked(True)
        self.first_run_hint.setVisible(not self.settings.get("ui/first_run_hint_dismissed"))
        linked = self.settings.get("reading/link_scrolling")
        self.link_action.setChecked(linked)
        self.comparison.set_link_scrolling(linked)

    def save_settings(self) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.set("window/main_splitter", self.main_splitter.sizes())
        self.settings.set("window/sidebar_splitter", self.sidebar_splitter.sizes())
        self.settings.set("library/last_story_id", self.current_story_id)
        self.settings.set("notes/grouping", self.annotations_panel.grouping())
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self._watch_timer.stop()
        if self.tags.manager is not None:
            self.tags.manager.close()
        self.save_settings()
        for task in (self.import_task, self.comparison_task):
            if task is not None:
                task.cancel()
        QThreadPool.globalInstance().waitForDone(10_000)
        super().closeEvent(event)

    # ------------------------------------------------------------------ library

    def reload_library(self, select_story: int | None = None) -> None:
        """Re-read stories and open the wanted story (else the last one, else the bundled one)."""
        stories = self.store.stories()
        self.stories_model.set_stories(stories)
        self.tags.refresh()
        wanted = select_story
        if wanted is None:
            wanted = self.settings.get("library/last_story_id") or None
        if wanted is None or self.stories_model.row_of(wanted) < 0:
            bundled = next((s for s in stories if s.name == bundled_story_name()), None)
            wanted = bundled.id if bundled else (stories[0].id if stories else ALL_ARTICLES)
        self.open_story(wanted)

    def open_story(self, story_id: int) -> None:
        row = self.stories_model.row_of(story_id)
        if row < 0:
            story_id, row = ALL_ARTICLES, 0
        self.current_story_id = story_id
        index = self.stories_model.index(row)
        if self.stories_view.currentIndex() != index:
            self.stories_view.setCurrentIndex(index)  # re-enters via currentChanged: harmless
        self._refresh_articles_list()
        self._refresh_panes()
        if story_id != ALL_ARTICLES:
            self.settings.set("library/last_story_id", story_id)

    def open_story_by_name(self, name: str) -> None:
        self.open_story(self.store.story_by_name(name).id)

    def _refresh_articles_list(self) -> None:
        story_id = None if self.current_story_id == ALL_ARTICLES else self.current_story_id
        self.articles_model.set_articles(self.store.articles(story_id))
        if story_id is None:
            self.articles_heading.setText(f"All articles ({self.articles_model.rowCount()})")
        else:
            name = self.store.story(story_id).name
            self.articles_heading.setText(f"In “{name}” ({self.articles_model.rowCount()})")

    def _refresh_panes(self) -> None:
        if self.current_story_id == ALL_ARTICLES:
            # the library view keeps no panes of its own: show the hint
            self.comparison.set_articles([])
            self.comparison.hint.setText(
                "Choose a story on the left to read its articles side by side.\n\n"
                "Select articles here and press Ctrl+Return to add them to a story."
            )
            self.setWindowTitle("Parallax — Library")
        else:
            story = self.store.story(self.current_story_id)
            articles = [self.store.article(a) for a in story.article_ids]
            self.comparison.set_articles(articles)
            self.refresh_annotations()
            self.start_comparison(articles)
            count = len(story.article_ids)
            self.setWindowTitle(f"Parallax — {story.name}")
            if count == 1:
                self.statusBar().showMessage("One article: add another to compare.", 8000)
        self.story_loaded.emit(self.current_story_id)

    # ------------------------------------------------------------------ compare

    def start_comparison(self, articles: list) -> None:
        """Compare the panes' articles in the background; a newer request supersedes it."""
        self._comparison_generation += 1
        if self.comparison_task is not None:
            self.comparison_task.cancel()
        if len(articles) < 2:
            self.compare_label.hide()
            self.compare_bar.hide()
            return
        task = ComparisonTask(list(articles), self._comparison_generation)
        task.signals.progressed.connect(self._on_comparison_progressed)
        task.signals.succeeded.connect(self._on_comparison_succeeded)
        task.signals.failed.connect(self._on_comparison_failed)
        task.signals.finished.connect(lambda t=task: self._on_comparison_task_finished(t))
        self.comparison_task = task
        self.compare_label.setText(f"Comparing {len(articles)} articles…")
        self.compare_label.show()
        self.compare_bar.setRange(0, 0)
        self.compare_bar.show()
        QThreadPool.globalInstance().start(task)

    def _on_comparison_progressed(self, done: int, total: int, message: str) -> None:
        self.compare_bar.setRange(0, max(total, 1))
        self.compare_bar.setValue(done)
        self.compare_label.setText(message + "…")

    def _on_comparison_succeeded(self, result) -> None:
        generation, comparison = result
        if generation != self._comparison_generation:
            return  # the story changed meanwhile
        # applied in steps, one per turn of the event loop, so a long story never freezes the window
        steps = self.comparison.comparison_steps(comparison)
        if not steps:
            return  # the panes show other articles now: a newer comparison is on its way
        steps += [
            lambda: self.facts_panel.set_comparison(comparison),
            lambda: self.coverage.set_comparison(comparison),
            lambda: self._on_comparison_applied(comparison),
        ]
        if sum(len(a.text) for a in comparison.articles) <= IN_THREAD_CHARS:
            for step in steps:  # a short story is shown in one go: quicker than in steps
                step()
            return
        self._applying_generation = generation
        self._apply_step(generation, steps)

    def _apply_step(self, generation: int, steps: list) -> None:
        if generation != self._comparison_generation:
            self._applying_generation = None
            return  # superseded by a newer comparison
        steps.pop(0)()
        if steps:
            # a short pause, not 0: zero-timers can run back to back before input and paint
            # events; the window as context cancels the step if the window is gone
            QTimer.singleShot(2, self, lambda: self._apply_step(generation, steps))

    def _on_comparison_applied(self, comparison) -> None:
        self._applying_generation = None
        shared = sum(1 for f in comparison.facts if f.kind == "claim" and f.sources > 1)
        self.statusBar().showMessage(
            f"{shared} shared claims, {len(comparison.conflicts)} conflicts. F7 goes to the next fact.", 8000)
        self.comparison_finished.emit(comparison)

    def _on_comparison_failed(self, message: str) -> None:
        self.show_error("The comparison failed", message)

    def _on_comparison_task_finished(self, task) -> None:
        if self.comparison_task is task:
            self.comparison_task = None
            self.compare_label.hide()
            self.compare_bar.hide()

    def _lead_pane(self) -> int:
        widget = QApplication.focusWidget()
        for index, pane in enumerate(self.comparison.panes):
            if widget is not None and (widget is pane or pane.isAncestorOf(widget)):
                return index
        return 0

    def step_fact(self, step: int) -> None:
        if self.comparison.comparison is None:
            self.statusBar().showMessage("The comparison is not ready yet.", 3000)
            return
        if self.comparison.step_fact(step, self._lead_pane(), self._visible_facts) is None:
            self.statusBar().showMessage("No more facts " + ("below." if step > 0 else "above."), 3000)

    # -------------------------------------------------------------- annotations

    def _on_comparison_attach_requested(self, annotation_id: int, start: int, end: int) -> None:
        """The reader chose the words a lost note belongs to (pane context menu)."""
        for pane in self.comparison.panes:
            pane.view.orphan_to_attach = None
        self.annotations_panel.actions.confirm_orphan(annotation_id, start, end)

    def _on_annotations_panel_annotation_activated(self, annotation_id: int) -> None:
        """Show the annotation: open its story if needed, then scroll its pane to it."""
        try:
            annotation = self.store.annotation(annotation_id)
        except NotFound:  # deleted by another window a moment ago
            self.refresh_annotations()
            return
        if self.comparison.pane_for(annotation.article_id) is None:
            holder = next((s for s in self.store.stories() if annotation.article_id in s.article_ids), None)
            if holder is None:
                self.statusBar().showMessage("That article is in no story: add it to one to read it.", 6000)
                return
            self.open_story(holder.id)
        pane = self.comparison.pane_for(annotation.article_id)
        for other in self.comparison.panes:
            other.view.orphan_to_attach = None
        if pane is not None and annotation.orphaned:
            pane.view.orphan_to_attach = (annotation.id, annotation.exact)
            self.comparison.scroll.ensureWidgetVisible(pane)
            self.statusBar().showMessage(
                "This note lost its words when the article changed: attach it to the suggested passage, "
                "or select the right words in its pane and right-click > Attach Lost Note Here.", 10000)
            return
        if pane is None:
            return
        self.comparison.scroll.ensureWidgetVisible(pane)
        pane.view.scroll_to_position(pane.view.offsets.to_qt(annotation.start))

    def _on_comparison_annotation_clicked(self, annotation_id: int) -> None:
        """A click on one of the reader's highlights selects its note in the Notes tab."""
        self.annotations_panel.select_annotation(annotation_id)

    def _on_watch_timer_timeout(self) -> None:
        try:
            version = self.store.data_version()
        except (ParallaxError, sqlite3.Error):  # the library was closed or went away
            self._watch_timer.stop()
            return
        if version != self._data_version:  # another connection committed: re-read what is shown
            self._data_version = version
            self.stories_model.set_stories(self.store.stories())
            self._refresh_articles_list()
            self.refresh_annotations()
            self.tags.refresh()
            self.statusBar().showMessage("The library was changed by another Parallax window or command.", 5000)

    def refresh_annotations(self) -> None:
        by_article = {p.article_id: self.store.annotations(article_id=p.article_id) for p in self.comparison.panes}
        self.comparison.set_annotations(by_article)
        shown = {a.id: a for found in by_article.values() for a in found}
        self.comparison.set_annotation_links([
            (link, shown[link.from_id], shown[link.to_id])
            for link in self.store.links_of(shown) if link.from_id in shown and link.to_id in shown])
        story = None if self.current_story_id == ALL_ARTICLES else self.current_story_id
        names = {p.article_id: p.outlet.fullText() for p in self.comparison.panes}
        self.annotations_panel.set_story(story, names)

    def ask_text(self, title: str, label: str, multiline: bool = False, text: str = "") -> str | None:
        """Ask the reader for a line (or a note); None when cancelled."""
        if multiline:
            value, ok = QInputDialog.getMultiLineText(self, title, label, text)
        else:
            value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def _on_comparison_highlight_requested(self, article_id: int, start: int, end: int, colour: int,
                                           then: str) -> None:
        note, tags = "", ()
        if then == "note":
            note = self.ask_text("Note", "Note for this highlight (Markdown allowed):", multiline=True)
            if note is None:
                return
        elif then == "tags":
            self.tags.ask_highlight_tags(
                lambda names: self._highlight(article_id, start, end, colour, "", tuple(names)))
            return
        self._highlight(article_id, start, end, colour, note, tags)

    def _highlight(self, article_id: int, start: int, end: int, colour: int, note: str, tags: tuple) -> None:
        self._run(AddAnnotationCommand(self.store, self.apply_changes, article_id, start, end,
                                       ANNOTATION_COLORS[colour % len(ANNOTATION_COLORS)], note, tags))
        pane = self.comparison.pane_for(article_id)
        if pane is not None:  # drop the selection so the new highlight shows in its colour
            cursor = pane.view.textCursor()
            cursor.clearSelection()
            pane.view.setTextCursor(cursor)
        self.statusBar().showMessage("Highlighted. Ctrl+Z undoes it.", 5000)

    def show_notes_with_tag(self, name: str) -> None:
        """The Notes tab, filtered to one tag."""
        self.sidebar_tabs.setCurrentWidget(self.annotations_panel)
        combo = self.annotations_panel.tag_filter
        index = combo.findData(name)
        if index >= 0:
            combo.setCurrentIndex(index)

    def apply_changes(self, changes: Changes) -> None:
        """Refresh the views a change touched."""
        if changes.tables & {"annotations", "tags", "annotation_tags", "annotation_links"}:
            self.refresh_annotations()
        self.tags.refresh(changes.tables)
        if changes.touches("stories") or changes.touches("story_articles"):
            self.stories_model.set_stories(self.store.stories())
            self.open_story(self.current_story_id)
        elif changes.touches("articles"):
            self._refresh_articles_list()
            shown = [a for a in changes.ids if self.comparison.pane_for(a) is not None]
            for article_id in shown:
                self.comparison.update_article(self.store.article(article_id))
            if shown:  # new text or boilerplate: the comparison must be redone
                self.start_comparison([p.article for p in self.comparison.panes])

    def _run(self, command) -> None:
        """Push an undoable command (or build it, given a factory), turning store errors into a message."""
        if command is None:
            return
        try:
            if not isinstance(command, QUndoCommand):
                command = command()
        except (ParallaxError, ValueError) as exc:
            self.show_error("That change could not be made", str(exc))
            return
        self.undo_stack.push(_Guarded(command, self.show_error))

    def show_error(self, title: str, message: str) -> None:
        self.statusBar().showMessage(f"{title}: {message}", 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()  # non-blocking: work goes on, the message stays until dismissed
        self.last_message_box = box

    # ----------------------------------------------------------------- stories

    def _on_stories_view_current_changed(self, current, _previous) -> None:
        if current.isValid():
            story_id = current.data(ID_ROLE)
            if story_id != self.current_story_id:
                self.open_story(story_id)

    def _on_stories_view_context_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.new_story_action)
        if self.current_story_id != ALL_ARTICLES:
            menu.addAction(self.rename_story_action)
            menu.addAction(self.story_tags_action)
            menu.addAction(self.delete_story_action)
        menu.exec(self.stories_view.viewport().mapToGlobal(pos))

    def new_story(self, name: str | None = None) -> int | None:
        if not name:
            name, ok = QInputDialog.getText(self, "New Story", "Name of the new story:")
            if not ok or not name.strip():
                return None
        try:
            story_id, changes = self.store.create_story(name)
        except (ParallaxError, ValueError) as exc:
            self.show_error("Cannot create the story", str(exc))
            return None
        self.stories_model.set_stories(self.store.stories())
        self.open_story(story_id)
        return story_id

    def rename_story(self) -> None:
        if self.current_story_id == ALL_ARTICLES:
            return
        story = self.store.story(self.current_story_id)
        name, ok = QInputDialog.getText(self, "Rename Story", "New name:", text=story.name)
        if ok and name.strip() and name != story.name:
            try:
                self.apply_changes(self.store.rename_story(story.id, name))
            except (ParallaxError, ValueError) as exc:
                self.show_error("Cannot rename the story", str(exc))

    def delete_story(self) -> None:
        if self.current_story_id == ALL_ARTICLES:
            return
        story = self.store.story(self.current_story_id)
        answer = QMessageBox.question(
            self, "Delete Story",
            f"Delete the story “{story.name}”? Its {len(story.article_ids)} articles stay in the library.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.store.delete_story(story.id)
            self.undo_stack.clear()  # commands refer to the deleted story
            self.current_story_id = ALL_ARTICLES
            self.stories_model.set_stories(self.store.stories())
            self.open_story(ALL_ARTICLES)

    # ------------------------------------------------------------------- panes

    def add_articles_to_story(self, article_ids: list[int]) -> None:
        if self.current_story_id == ALL_ARTICLES:
            self.statusBar().showMessage("Choose a story first (or create one with Ctrl+N).", 8000)
            return
        self._run(story_commands.add_articles(self.store, self.apply_changes, self.current_story_id, article_ids))

    def add_selected_to_story(self) -> None:
        ids = [i.data(ID_ROLE) for i in self.articles_view.selectionModel().selectedRows()]
        if ids:
            self.add_articles_to_story(ids)

    def _on_articles_view_double_clicked(self, index) -> None:
        article_id = index.data(ID_ROLE)
        pane = self.comparison.pane_for(article_id)
        if pane is not None:
            pane.view.setFocus()
            self.comparison.scroll.ensureWidgetVisible(pane)
        else:
            self.add_articles_to_story([article_id])

    def _on_articles_view_context_menu(self, pos) -> None:
        if not self.articles_view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.add_to_story_action)
        menu.addAction(self.article_tags_action)
        menu.exec(self.articles_view.viewport().mapToGlobal(pos))

    def edit_selected_article_tags(self) -> None:
        index = self.articles_view.currentIndex()
        if index.isValid():
            self.tags.edit_article_tags(index.data(ID_ROLE))
        else:
            self.statusBar().showMessage("Select an article in the list first.", 4000)

    def edit_current_story_tags(self) -> None:
        if self.current_story_id == ALL_ARTICLES:
            self.statusBar().showMessage("Choose a story first.", 4000)
        else:
            self.tags.edit_story_tags(self.current_story_id)

    def _on_pane_close_requested(self, article_id: int) -> None:
        if self.current_story_id != ALL_ARTICLES:
            self._run(story_commands.remove_article(self.store, self.apply_changes, self.current_story_id, article_id))
            self.statusBar().showMessage("Removed from the story (still in the library). Ctrl+Z brings it back.", 8000)

    def _on_pane_move_requested(self, article_id: int, delta: int) -> None:
        if self.current_story_id != ALL_ARTICLES:
            self._run(story_commands.move_article(self.store, self.apply_changes, self.current_story_id,
                                                  article_id, delta))

    def _focused_pane_article(self) -> int | None:
        widget = QApplication.focusWidget()
        for pane in self.comparison.panes:
            if widget is not None and (widget is pane or pane.isAncestorOf(widget)):
                return pane.article_id
        return None

    def _move_focused_pane(self, delta: int) -> None:
        article_id = self._focused_pane_article()
        if article_id is not None:
            self._on_pane_move_requested(article_id, delta)
            pane = self.comparison.pane_for(article_id)
            if pane is not None:
                pane.view.setFocus()

    def _remove_focused_pane(self) -> None:
        article_id = self._focused_pane_article()
        if article_id is not None:
            self._on_pane_close_requested(article_id)

    def _on_boilerplate_toggled(self, span_id: int, active: bool) -> None:
        try:
            self.apply_changes(self.store.set_boilerplate_active(span_id, active))
        except ParallaxError as exc:
            self.show_error("Cannot change the boilerplate span", str(exc))

    # ------------------------------------------------------------ reading style

    def _apply_style(self) -> None:
        self.comparison.set_reading_style(self.reading_style())

    def zoom(self, step: int) -> None:
        size = self.settings.get("reading/point_size")
        size = 12.0 if step == 0 else min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, size + step))
        self.settings.set("reading/point_size", size)
        self._apply_style()
        self.statusBar().showMessage(f"Text size {size:g} pt", 2000)

    def set_font_kind(self, kind: str) -> None:
        self.settings.set("reading/font", kind)
        self._apply_style()

    def set_line_spacing(self, percent: int) -> None:
        self.settings.set("reading/line_spacing", percent)
        self._apply_style()

    def set_link_scrolling(self, linked: bool) -> None:
        self.settings.set("reading/link_scrolling", bool(linked))
        self.link_action.setChecked(bool(linked))
        self.comparison.set_link_scrolling(bool(linked))
        self.statusBar().showMessage("Panes scroll together" if linked else "Panes scroll independently", 3000)

    # ------------------------------------------------------------------ search

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def run_search(self) -> None:
        query = self.search_box.text().strip()
        if not query:
            self.lower_stack.setCurrentIndex(0)
            self.hits_model.set_hits([])
            return
        hits = self.store.search(query)
        self.hits_model.set_hits(hits)
        self.hits_label.setText(f"{len(hits)} article{'s' if len(hits) != 1 else ''} match “{query}”"
                                if hits else f"Nothing in the library matches “{query}”.")
        self.lower_stack.setCurrentIndex(1)

    def _on_search_box_return_pressed(self) -> None:
        self._search_timer.stop()
        self.run_search()
        if self.hits_model.rowCount():
            self._on_hits_view_activated(self.hits_model.index(0))

    def _on_hits_view_activated(self, index) -> None:
        """Open the hit where it can be read: in this story, else in a story that has it."""
        article_id = index.data(ID_ROLE)
        terms = [t.strip('"*') for t in self.search_box.text().split() if t.strip('"*')]
        if self.comparison.pane_for(article_id) is None:
            holder = next((s for s in self.store.stories() if article_id in s.article_ids), None)
            if holder is None:
                self.statusBar().showMessage(
                    "That article is in no story yet: select it and press Ctrl+Return to add it.", 8000)
                self.open_story(ALL_ARTICLES)
                row = self.articles_model.row_of(article_id)
                if row >= 0:
                    self.articles_view.setCurrentIndex(
                        self.articles_proxy.mapFromSource(self.articles_model.index(row, 0)))
                return
            self.open_story(holder.id)
        pane = self.comparison.pane_for(article_id)
        if pane is not None:
            self.comparison.scroll.ensureWidgetVisible(pane)
            count = pane.view.highlight_terms(terms)
            self.statusBar().showMessage(f"{count} match{'es' if count != 1 else ''} in this article", 5000)

    # ------------------------------------------------------------------ import

    def choose_import_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in sorted(SUPPORTED_EXTENSIONS))
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import Articles", str(Path.home()), f"Articles ({patterns});;All files (*)"
        )
        if paths:
            self.start_import(paths)

    def start_import(self, paths: list[str]) -> bool:
        """Import in the background into the current story; progress in the status bar."""
        if self.import_task is not None:
            self.statusBar().showMessage("An import is already running; wait for it or cancel it.", 8000)
            return False
        if self.store.path is None:
            self.show_error("Cannot import", "This library lives in memory only.")
            return False
        story = None if self.current_story_id == ALL_ARTICLES else self.store.story(self.current_story_id).name
        task = ImportTask(self.store.path, list(paths), story)
        task.signals.progressed.connect(self._on_import_progressed)
        task.signals.succeeded.connect(self._on_import_succeeded)
        task.signals.failed.connect(self._on_import_failed)
        task.signals.finished.connect(self._on_import_task_finished)
        self.import_task = task
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.statusBar().showMessage("Importing…")
        QThreadPool.globalInstance().start(task)
        return True

    def cancel_import(self) -> None:
        if self.import_task is not None:
            self.import_task.cancel()
            self.statusBar().showMessage("Cancelling the import after the current file…")

    def _on_import_progressed(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(f"{done}/{total}")
        self.statusBar().showMessage(message)

    def _on_import_succeeded(self, report: ImportReport) -> None:
        self.stories_model.set_stories(self.store.stories())
        self.open_story(self.current_story_id)
        parts = [f"{len(report.added)} added"]
        if report.updated:
            parts.append(f"{len(report.updated)} updated")
        if report.unchanged:
            parts.append(f"{len(report.unchanged)} already in the library")
        if report.cancelled:
            parts.append("cancelled")
        self.statusBar().showMessage("Import: " + ", ".join(parts), 10000)
        if report.failures or report.skipped:
            listed = report.failures + report.skipped
            details = "\n".join(f"• {Path(p).name}: {reason}" for p, reason in listed[:50])
            if len(listed) > 50:
                details += f"\n… and {len(listed) - 50} more"
            self.show_error(
                f"{len(listed)} file{'s' if len(listed) != 1 else ''} could not be imported",
                f"The other files were imported.\n\n{details}",
            )
        elif report.warnings:
            self.statusBar().showMessage(
                "Import: " + ", ".join(parts) + f" — {Path(report.warnings[0][0]).name}: {report.warnings[0][1]}"
                + (f" (and {len(report.warnings) - 1} more notes)" if len(report.warnings) > 1 else ""), 15000)
        self.import_finished.emit(report)

    def _on_import_failed(self, message: str) -> None:
        self.show_error("Import failed", message)
        self.import_finished.emit(None)

    def _on_import_task_finished(self) -> None:
        self.import_task = None
        self.progress_bar.hide()
        self.cancel_button.hide()

    def new_article_from_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.statusBar().showMessage("The clipboard holds no text to make an article from.", 8000)
            return
        story_id = None if self.current_story_id == ALL_ARTICLES else self.current_story_id
        try:
            status, _article_id, changes = import_pasted_text(self.store, text, story_id)
        except ParallaxError as exc:
            self.show_error("Cannot make an article from the clipboard", str(exc))
            return
        self.apply_changes(changes | Changes(frozenset({"story_articles"})))
        self.statusBar().showMessage(
            "New article from the clipboard" if status == "added" else "That text is already in the library", 8000)

    # -------------------------------------------------------------- drag & drop

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        mime = event.mimeData()
        if mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()) or article_ids_from_mime(mime):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        mime = event.mimeData()
        ids = article_ids_from_mime(mime)
        if ids:
            self.add_articles_to_story(ids)
        else:
            paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            if paths:
                self.start_import(paths)
        event.acceptProposedAction()

    # ------------------------------------------------------------------- about

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About Parallax",
            f"<h3>Parallax {__version__}</h3><p>Read news coverage side by side.</p>"
            f"<p>Library: {self.store.path or 'in memory'}</p>",
        )

    def wait_until_ready(self, timeout_ms: int = 30_000) -> bool:
        """Block (processing events) until the story is laid out; for --screenshot and tests."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(timeout_ms)
        while (self.import_task is not None or self.comparison_task is not None
               or self._applying_generation is not None) and not deadline.hasExpired():
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QApplication.processEvents()
        return not deadline.hasExpired()


class _Guarded(QUndoCommand):
    """Wraps a command so a store error (say, a note another window deleted) never escapes into
    Qt: the step is reported and marked obsolete, which makes Qt drop it from the stack."""

    def __init__(self, inner: QUndoCommand, report: Callable[[str, str], None]):
        super().__init__(inner.text())
        self.inner, self.report = inner, report
        self.error: Exception | None = None

    def _do(self, step: Callable[[], None], what: str) -> None:
        try:
            step()
        except (ParallaxError, ValueError, sqlite3.Error) as exc:
            self.error = exc
            self.setObsolete(True)
            self.report(f"Cannot {what} “{self.text()}”", str(exc))
            return
        if self.inner.isObsolete():  # the command itself found nothing to do
            self.setObsolete(True)

    def redo(self) -> None:
        self._do(self.inner.redo, "do")

    def undo(self) -> None:
        self._do(self.inner.undo, "undo")


class _UndoableAnnotationActions:
    """The Notes panel's edits, routed through the window's undo stack. Commands are built inside
    ``_run``, so one naming a note another window just deleted becomes a message, not a crash."""

    def __init__(self, window: MainWindow):
        self.window = window

    def _push(self, command_class, *args, **kwargs) -> None:
        window = self.window
        window._run(lambda: command_class(window.store, window.apply_changes, *args, **kwargs))

    def edit_note(self, annotation_id: int, text: str) -> None:
        self._push(EditAnnotationCommand, annotation_id, note=text)

    def edit_tags(self, annotation_id: int, names: list[str]) -> None:
        self._push(EditAnnotationCommand, annotation_id, tags=tuple(names))

    def delete(self, annotation_id: int) -> None:
        self._push(DeleteAnnotationCommand, annotation_id)

    def link(self, from_id: int, to_id: int, kind: str) -> None:
        self._push(LinkAnnotationsCommand, from_id, to_id, kind)

    def unlink(self, link_id: int) -> None:
        self._push(UnlinkAnnotationsCommand, link_id)

    def confirm_orphan(self, annotation_id: int, start: int, end: int) -> None:
        self._push(ConfirmOrphanCommand, annotation_id, start, end)
