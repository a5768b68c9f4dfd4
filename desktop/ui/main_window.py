"""The main window: library sidebar on the left, the story's articles side by side on the right.

The window assembles widgets, actions and menus, and keeps little logic of its own: the
library sidebar (``library.sidebar``), the open story's panes and comparison (``comparing``),
imports (``importing``), story, note and tag commands (``library.window_stories``,
``notes.window_notes``, ``notes.window_tags``), file exports (``file_exports``), actions and
menus (``menus``).

Every change to the library is published once on the window's change bus (``changes``: a
``ChangeBus``), whoever made it: undo commands, imports, story and tag commands, boilerplate
toggles, and the ``LibraryWatch`` for writes by another window or command. Each view follows
the bus and refreshes itself from the tables it shows; nothing here refreshes the views.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QDeadlineTimer, QEventLoop, Qt, QThreadPool, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.errors import NotFound, ParallaxError
from desktop.core.library import bundled_story_name
from desktop.core.library.store import Store
from desktop.core.models import Changes
from desktop.ui import article_menus, menus
from desktop.ui.changes import ANNOTATION_TABLES, ChangeBus, LibraryWatch
from desktop.ui.compare.comparison_area import ComparisonArea
from desktop.ui.compare.coverage_matrix import CoverageMatrixArea
from desktop.ui.compare.disagreement_tabs import DisagreementViews
from desktop.ui.compare.facts_panel import COL_KIND, FactsPanel
from desktop.ui.compare.legend import FirstRunHint, LegendWidget
from desktop.ui.compare.reading_pane import ReadingStyle
from desktop.ui.comparing import StoryComparison
from desktop.ui.file_exports import FileExports
from desktop.ui.guarded_undo import push_guarded
from desktop.ui.importing import ArticleImports, dropped_paths
from desktop.ui.importing_urls import UrlImports, dropped_urls
from desktop.ui.library.article_info import ArticleInfoActions
from desktop.ui.library.found_stories import FoundStories
from desktop.ui.library.library_models import ALL_ARTICLES, article_ids_from_mime
from desktop.ui.library.outlet_leanings import OutletLeanings
from desktop.ui.library.sidebar import LibrarySidebar
from desktop.ui.library.window_stories import WindowStories
from desktop.ui.notes.annotations_panel import AnnotationsPanel
from desktop.ui.notes.window_notes import UndoableAnnotationActions, WindowNotes
from desktop.ui.notes.window_tags import WindowTags
from desktop.ui.settings import MAX_POINT_SIZE, MIN_POINT_SIZE, Settings
from desktop.ui.sidebar_switcher import SidebarSwitcher
from desktop.ui.window_state import restore_window_state, save_window_state


def _delegated(component: str, name: str) -> property:
    """``window.<name>``, kept for tests and scripts, is ``window.<component>.<name>``."""
    return property(lambda self: getattr(getattr(self, component), name),
                    doc=f"The ``{name}`` of ``self.{component}``.")


class _BusTags(WindowTags):
    """The window's tag commands; the tag manager, once made, follows the change bus."""

    def show_manager(self):
        made = self.manager is None
        manager = super().show_manager()
        if made:
            manager.follow(self.window.changes)
        return manager


class MainWindow(QMainWindow):
    story_loaded = Signal(int)  # story id, once its panes are laid out
    import_finished = Signal(object)  # ImportReport
    comparison_finished = Signal(object)  # Comparison, once the panes show it

    # the widgets and state of the components, under the names they had on the window
    search_box = _delegated("library", "search_box")
    stories_model = _delegated("library", "stories_model")
    articles_model = _delegated("library", "articles_model")
    articles_view = _delegated("library", "articles_view")
    hits_model = _delegated("library", "hits_model")
    hits_label = _delegated("library", "hits_label")
    lower_stack = _delegated("library", "lower_stack")
    sidebar_splitter = _delegated("library", "splitter")
    progress_bar = _delegated("imports", "progress_bar")
    cancel_button = _delegated("imports", "cancel_button")
    import_task = _delegated("imports", "task")
    compare_label = _delegated("story_view", "compare_label")
    compare_bar = _delegated("story_view", "compare_bar")
    comparison_task = _delegated("story_view", "task")

    def __init__(self, store: Store, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        # The comparison runs on a worker thread. With CPython's default 5 ms GIL switch
        # interval the GUI thread, which gives up and retakes the GIL around Qt calls, queues
        # behind the worker for hundreds of ms ("convoy effect"); 1 ms keeps it responsive.
        sys.setswitchinterval(0.001)
        self.store = store
        self.settings = settings
        self.current_story_id = ALL_ARTICLES
        self.match_review = None  # the Review Possible Matches dialog, while open
        self.undo_stack = QUndoStack(self)
        self.changes = ChangeBus(self)
        # another Parallax window or a CLI command may write to the same library: notice it
        self.watch = LibraryWatch(store, self.changes, self)
        self.setWindowTitle("Parallax")
        self.setAcceptDrops(True)
        self.resize(1440, 900)

        self.tags = _BusTags(self)
        self.stories = WindowStories(self)
        self.notes = WindowNotes(self)
        self.files = FileExports(
            self, store, self._story_or_none, lambda message: self.statusBar().showMessage(message, 8000),
            self.show_error, self._run, self.apply_changes)
        self.library = LibrarySidebar(store)
        self.comparison = ComparisonArea()
        self.first_run_hint = FirstRunHint()
        self._build_layout()
        self.show_legend(bool(self.settings.get("ui/legend_shown")), keep=False)
        self.story_view = StoryComparison(store, self.comparison, self.statusBar(), self.show_error,
                                          [self._set_fact_leanings_first, self.facts_panel.set_comparison,
                                           self.coverage.set_comparison, self.disagreements.set_comparison], self)
        self.imports = ArticleImports(self, store, self.changes, self.watch, self._story_or_none,
                                      self.statusBar(), self.show_error)
        for widget in (self.imports.progress_bar, self.imports.cancel_button,
                       self.story_view.compare_label, self.story_view.compare_bar):
            self.statusBar().addPermanentWidget(widget)
        menus.build_actions(self)
        menus.build_menus(self)
        self.url_imports = UrlImports.install(self)  # File > Import from URL…, pasted links
        self.article_info = ArticleInfoActions.install(self)  # Edit Info…, Delete Article…
        self.found_stories = FoundStories.install(self)  # Library menu: Find Stories…; Story Coverage dock
        self.outlet_leanings = OutletLeanings.install(self, self.found_stories.menu)  # Library > Outlet Leanings…
        self._connect()
        self._restore_settings()
        self.reload_library()

    # ------------------------------------------------------------------ layout

    def _build_layout(self) -> None:
        """Sidebar tabs (Library, Facts with the legend, Notes) beside the panes; coverage below."""
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.setSpacing(4)
        reading_layout.addWidget(self.first_run_hint)
        reading_layout.addWidget(self.comparison, 1)

        self.sidebar_tabs = QTabWidget()
        self.sidebar_tabs.setDocumentMode(True)
        self.sidebar_tabs.addTab(self.library, "Library")
        self.facts_panel = FactsPanel()
        self.facts_panel.view.setColumnHidden(COL_KIND, True)  # narrow sidebar: the kind menu filters it
        self.legend = LegendWidget(self.comparison.fact_palette)
        facts = QWidget()
        facts_layout = QVBoxLayout(facts)
        facts_layout.setContentsMargins(4, 4, 4, 4)
        facts_layout.addWidget(self.facts_panel, 1)
        # the legend folds away (the Facts list gets its room on a low screen); the fold is kept
        self.legend_toggle = QToolButton()
        self.legend_toggle.setObjectName("LegendToggle")
        self.legend_toggle.setText("Legend")
        self.legend_toggle.setToolTip("Show or hide what the colours and marks mean")
        self.legend_toggle.setCheckable(True)
        self.legend_toggle.setAutoRaise(True)
        self.legend_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.legend_toggle.toggled.connect(self._on_legend_toggle_toggled)
        facts_layout.addWidget(self.legend_toggle)
        facts_layout.addWidget(self.legend)
        self.sidebar_tabs.addTab(facts, "Facts")
        self.annotations_panel = AnnotationsPanel(self.store, actions=UndoableAnnotationActions(self))
        self.sidebar_tabs.addTab(self.annotations_panel, "Notes")
        # quotes and their drift, the dated events, who cites whom (issue 13)
        self.disagreements = DisagreementViews(
            self.comparison, lambda message: self.statusBar().showMessage(message, 3000), self)
        self.sidebar_tabs.addTab(self.disagreements.quotes, "Quotes")
        self.sidebar_tabs.addTab(self.disagreements.timeline, "Timeline")
        self.sidebar_tabs.addTab(self.disagreements.sources, "Sources")
        # every tab in sight: its buttons wrap onto a second line in a narrow sidebar (no scroll arrows)
        self.sidebar_switcher = SidebarSwitcher(self.sidebar_tabs)
        self.sidebar = QWidget()
        self.sidebar.setObjectName("Sidebar")
        sidebar_layout = QVBoxLayout(self.sidebar)
        sidebar_layout.setContentsMargins(0, 0, 0, 0)
        sidebar_layout.setSpacing(2)
        sidebar_layout.addWidget(self.sidebar_switcher)
        sidebar_layout.addWidget(self.sidebar_tabs, 1)
        self.sidebar.setMinimumWidth(220)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.sidebar)
        self.main_splitter.addWidget(reading)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([270, 1170])
        self.setCentralWidget(self.main_splitter)

        self.coverage = CoverageMatrixArea()
        self.coverage_dock = QDockWidget("Coverage", self)
        self.coverage_dock.setObjectName("CoverageDock")
        self.coverage_dock.setWidget(self.coverage)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.coverage_dock)
        self.coverage_dock.hide()  # on demand (View > Coverage Matrix): the panes need the height

    def _connect(self) -> None:
        area, library = self.comparison, self.library
        area.pane_close_requested.connect(self.stories.remove_pane)
        area.pane_move_requested.connect(self.stories.move_pane)
        area.boilerplate_toggled.connect(self._on_comparison_boilerplate_toggled)
        area.highlight_requested.connect(self.notes.request_highlight)
        area.same_fact_requested.connect(self.notes.mark_same_fact)
        area.different_fact_requested.connect(self.notes.separate_facts)
        area.link_again_requested.connect(self.notes.link_again)
        area.conflict_dismissed.connect(self.notes.dismiss_conflict)
        area.conflict_restored.connect(self.notes.show_conflict_again)
        area.annotation_clicked.connect(self.annotations_panel.select_annotation)
        area.attach_requested.connect(self.notes.attach_orphan)
        area.citation_copied.connect(self._on_comparison_citation_copied)
        area.versions_requested.connect(lambda article_id: article_menus.compare_versions(self, article_id))
        area.fact_navigated.connect(self.facts_panel.select_fact)
        area.fact_navigated.connect(self.coverage.select_fact)
        self.first_run_hint.dismissed.connect(self._on_first_run_hint_dismissed)
        self.facts_panel.fact_selected.connect(self._on_facts_panel_fact_selected)
        self.facts_panel.filter_changed.connect(self.story_view.set_visible_facts)
        self.facts_panel.conflict_dismissed.connect(self.notes.dismiss_conflict)
        self.facts_panel.fact_separated.connect(self.notes.separate_facts)
        self.facts_panel.conflict_restored.connect(self.notes.show_conflict_again)
        self.facts_panel.link_again_requested.connect(self.notes.link_again)
        self.coverage.fact_selected.connect(self._on_facts_panel_fact_selected)
        self.coverage.article_selected.connect(self._on_coverage_article_selected)
        self.annotations_panel.annotation_activated.connect(self.notes.show_annotation)
        library.story_selected.connect(self.open_story)
        library.article_activated.connect(self.stories.open_article)
        library.hit_activated.connect(self.stories.open_hit)
        library.story_menu_requested.connect(self.stories.show_story_menu)
        library.article_menu_requested.connect(self.stories.show_article_menu)
        self.story_view.story_shown.connect(self._on_story_view_story_shown)
        self.story_view.comparison_finished.connect(self.comparison_finished)
        self.story_view.big_story_opened.connect(self._on_story_view_big_story_opened)
        self.imports.finished.connect(self.import_finished)
        # each view refreshes itself from the bus; the window listens last (title, news from elsewhere)
        library.follow(self.changes)
        self.story_view.follow(self.changes)
        self.annotations_panel.follow(self.changes)
        self.changes.changed.connect(self._on_change_bus_changed)

    # ---------------------------------------------------------------- changes

    def apply_changes(self, changes: Changes) -> None:
        """Publish what this window changed in the library; the views that show it refresh."""
        self.changes.publish(changes, source=self)

    def refresh_annotations(self) -> None:
        """Redraw the reader's highlights and notes (after writing them to the store directly)."""
        self.changes.publish(Changes(ANNOTATION_TABLES), source=self)

    def _run(self, command) -> bool:
        """Push an undoable command (or build it, given a factory), turning store errors into a
        message; whether it was done."""
        return push_guarded(self.undo_stack, command, self.show_error)

    def show_error(self, title: str, message: str) -> None:
        self.statusBar().showMessage(f"{title}: {message.splitlines()[0] if message else ''}", 10000)  # the box has it all
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()  # non-blocking: work goes on, the message stays until dismissed
        self.last_message_box = box

    # ------------------------------------------------------------------ library

    def _story_or_none(self) -> int | None:
        return None if self.current_story_id == ALL_ARTICLES else self.current_story_id

    def reload_library(self, select_story: int | None = None) -> None:
        """Re-read stories and open the wanted story (else the last one, else the bundled one)."""
        stories = self.library.reload()
        if self.tags.manager is not None:
            self.tags.manager.refresh()
        wanted = select_story
        if wanted is None:
            wanted = self.settings.get("library/last_story_id") or None
        if wanted is None or self.stories_model.row_of(wanted) < 0:
            bundled = next((s for s in stories if s.name == bundled_story_name()), None)
            wanted = bundled.id if bundled else (stories[0].id if stories else ALL_ARTICLES)
        self.open_story(wanted)

    def open_story(self, story_id: int) -> None:
        if story_id != self.current_story_id:
            self.close_match_review()  # its pairs are the other story's
        self.current_story_id = self.library.show_story(story_id)
        self.story_view.show_story(self.current_story_id)
        if self.current_story_id != ALL_ARTICLES:
            self.settings.set("library/last_story_id", self.current_story_id)

    def open_story_by_name(self, name: str) -> None:
        self.open_story(self.store.story_by_name(name).id)

    def new_story(self, name: str | None = None) -> int | None:
        return self.stories.new_story(name)

    def add_articles_to_story(self, article_ids: list[int]) -> None:
        self.stories.add_articles(article_ids)

    def start_import(self, paths: list[str]) -> bool:
        """Import in the background into the current story; progress in the status bar."""
        return self.imports.start(paths)

    def cancel_import(self) -> None:
        self.imports.cancel()

    def show_notes_with_tag(self, name: str) -> None:
        self.notes.show_notes_with_tag(name)

    def step_fact(self, step: int) -> None:
        self.story_view.step_fact(step)

    def _update_title(self) -> None:
        if self.current_story_id == ALL_ARTICLES:
            self.setWindowTitle("Parallax — Library")
            return
        try:
            self.setWindowTitle(f"Parallax — {self.store.story(self.current_story_id).name}")
        except NotFound:  # deleted a moment ago: the Library row is about to open
            pass

    # ------------------------------------------------------------------ exports

    def export_notes(self) -> None:
        self.files.export_notes()

    def save_notes(self, path: str) -> bool:
        """Write the current story's annotations (the whole library's from the Library row);
        the format follows the extension."""
        return self.files.save_notes(path)

    def review_possible_matches(self, links: bool = False) -> None:
        """Story > Review Possible Matches: the story's "possibly also in" pairs, one at a time;
        ``links``: Story > Review Links, the links the model made, least sure first."""
        from desktop.core.labels import letter_names
        from desktop.ui.compare.match_review import MatchReviewDialog

        comparison = self.comparison.comparison
        if comparison is None:
            self.statusBar().showMessage("The comparison is not ready yet.", 4000)
            return
        self.close_match_review()  # one review at a time
        dialog = MatchReviewDialog(comparison, letter_names(comparison.articles), self, links=links,
                                   undo_stack=self.undo_stack)
        if not dialog.items:
            self.statusBar().showMessage(f"No {'links' if links else 'possible matches'} to review in this story.",
                                         6000)
            dialog.deleteLater()
            return
        dialog.same_fact.connect(self.notes.mark_same_fact)
        dialog.different.connect(self.notes.separate_facts)
        dialog.pair_shown.connect(self.comparison.align_spans)  # the panes show each pair in context
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._forget_match_review(d))
        dialog.show()  # not modal: the panes stay usable, and follow each answer
        # below the panes' reading line (a third down), where the pair is lined up: not over it
        frame = self.frameGeometry()
        dialog.move(frame.center().x() - dialog.width() // 2,
                    max(frame.top(), frame.bottom() - dialog.frameGeometry().height() - 40))
        self.match_review = dialog

    def close_match_review(self) -> None:
        """Close the review dialog (its pairs belong to the story it was opened on)."""
        if self.match_review is not None:
            self.match_review.close()
            self.match_review = None

    def _forget_match_review(self, dialog) -> None:
        if self.match_review is dialog:
            self.match_review = None

    def export_comparison(self) -> None:
        self.files.export_comparison(self.comparison.comparison, self.coverage.matrix)

    def save_comparison(self, path: str) -> bool:
        """Write the comparison as a report, or the coverage matrix for .png/.svg (by extension)."""
        return self.files.save_comparison(path, self.comparison.comparison, self.coverage.matrix)

    def save_coverage_matrix(self, path: str) -> bool:
        return self.save_comparison(path)

    # ------------------------------------------------------------ reading style

    def reading_style(self) -> ReadingStyle:
        return ReadingStyle(
            font=self.settings.get("reading/font"),
            point_size=self.settings.get("reading/point_size"),
            line_spacing=self.settings.get("reading/line_spacing"),
            max_line_chars=self.settings.get("reading/max_line_chars"),
        )

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

    def set_sidebar_visible(self, visible: bool) -> None:
        """Show or hide the sidebar (View > Show Sidebar, F9): hidden, the panes get its width."""
        self.sidebar.setVisible(bool(visible))
        self.sidebar_action.setChecked(bool(visible))
        self.settings.set("window/sidebar_visible", bool(visible))
        focus = QApplication.focusWidget()
        if not visible and focus is not None and self.sidebar.isAncestorOf(focus):
            pane = next(iter(self.comparison.panes_in_view()), None)
            if pane is not None:  # the focus leaves with the sidebar: give it to the text
                pane.view.setFocus()

    def show_sidebar_tab(self, index: int) -> None:
        """View > Library / Facts: that tab, bringing the sidebar back if it was hidden."""
        if self.sidebar.isHidden():
            self.set_sidebar_visible(True)
        self.sidebar_tabs.setCurrentIndex(index)

    def set_link_scrolling(self, linked: bool) -> None:
        self.settings.set("reading/link_scrolling", bool(linked))
        self.link_action.setChecked(bool(linked))
        self.comparison.set_link_scrolling(bool(linked))
        self.statusBar().showMessage("Panes scroll together" if linked else "Panes scroll independently", 3000)

    # ---------------------------------------------------------------- settings

    def _restore_settings(self) -> None:
        restore_window_state(self)

    def save_settings(self) -> None:
        save_window_state(self)

    def closeEvent(self, event) -> None:
        self.watch.stop()
        if self.tags.manager is not None:
            self.tags.manager.close()
        self.save_settings()
        self.imports.cancel()
        self.story_view.cancel()
        self.found_stories.cancel()  # Find Stories (saves nothing) and the related-coverage lookup
        QThreadPool.globalInstance().waitForDone(10_000)
        super().closeEvent(event)

    # -------------------------------------------------------------- drag & drop

    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if dropped_paths(mime) or article_ids_from_mime(mime) or dropped_urls(mime):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        ids = article_ids_from_mime(mime)
        if ids:
            self.stories.add_articles(ids)
        elif dropped_paths(mime):
            self.imports.start(dropped_paths(mime))
        elif dropped_urls(mime):
            self.imports.start(dropped_urls(mime))
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
        deadline = QDeadlineTimer(timeout_ms)
        while (self.imports.task is not None or self.story_view.busy) and not deadline.hasExpired():
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QApplication.processEvents()
        self.comparison.settle()  # pane widths, header heights and chips as the reader will see them
        return not deadline.hasExpired()

    # ------------------------------------------------------------------- slots

    def _on_change_bus_changed(self, changes: Changes, source) -> None:
        if "stories" in changes.tables:
            self._update_title()  # a new name
        if "sources" in changes.tables:  # an outlet's leaning changed: the facts panel's filter follows
            self._set_fact_leanings(self.facts_panel.model.comparison)
        if "articles" in changes.tables and self.current_story_id != ALL_ARTICLES:
            # an outlet or title edited (Article Info): the Notes tab names the articles as the panes do
            self.annotations_panel.set_names(self._article_names())
        if source is self.watch:
            self.statusBar().showMessage("The library was changed by another Parallax window or command.", 5000)

    def _article_names(self) -> dict[int, str]:
        names = self.comparison.article_names()  # every article of the story, open as a pane or not
        names.update({p.article_id: p.outlet.fullText() for p in self.comparison.panes})
        return names

    def _on_story_view_story_shown(self, story_id: int) -> None:
        self._update_title()
        folded_for = getattr(self, "_legend_folded_for", None)
        if folded_for is not None and story_id != folded_for:  # folded for a big story, now left
            self.show_legend(bool(self.settings.get("ui/legend_shown")), keep=False)
        if story_id != ALL_ARTICLES:
            self.annotations_panel.set_story(story_id, self._article_names())
            if len(self.comparison.articles) == 1:
                self.statusBar().showMessage("One article: add another to compare.", 8000)
        self.story_loaded.emit(story_id)

    def _on_comparison_boilerplate_toggled(self, span_id: int, active: bool) -> None:
        try:
            self.apply_changes(self.store.set_boilerplate_active(span_id, active))
        except ParallaxError as exc:
            self.show_error("Cannot change the boilerplate span", str(exc))

    def _on_comparison_citation_copied(self, _article_id: int, _text: str) -> None:
        self.statusBar().showMessage("Copied the passage as a citation.", 4000)

    def show_legend(self, shown: bool, keep: bool = True) -> None:
        """Unfold (or fold) the Facts tab's legend; ``keep``: remembered for the next start."""
        self._legend_kept = keep
        self._legend_folded_for = None  # the reader's or the saved choice, not a big story's fold
        self.legend_toggle.setChecked(shown)
        self._on_legend_toggle_toggled(shown)
        self._legend_kept = True

    def _on_legend_toggle_toggled(self, shown: bool) -> None:
        self.legend.setVisible(shown)
        self.legend_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if getattr(self, "_legend_kept", True):  # the reader's own choice: kept, on every story
            self.settings.set("ui/legend_shown", shown)
            self._legend_folded_for = None

    def _on_story_view_big_story_opened(self, _count: int) -> None:
        """Too many articles to read side by side: open on the overview (coverage matrix and
        facts); the reader picks the panes from the strip above them."""
        if self.height() < 900:  # the matrix takes a third: the Facts list needs the legend's room
            self.show_legend(False, keep=False)
            self._legend_folded_for = self.story_view.story_id  # unfolded again when another story opens
        self.coverage_dock.show()
        # a third of the window at most: the panes and the Facts list keep room to read (1280x800)
        self.resizeDocks([self.coverage_dock], [max(160, self.height() // 3)], Qt.Orientation.Vertical)
        self.show_sidebar_tab(1)

    def _on_first_run_hint_dismissed(self) -> None:
        self.settings.set("ui/first_run_hint_dismissed", True)

    def _set_fact_leanings(self, comparison, apply: bool = True) -> None:
        """The facts panel's leaning filter: the leaning of each compared article's outlet."""
        articles = [a.id for a in comparison.articles] if comparison is not None else []
        self.facts_panel.set_leanings(self.store.leanings_of_articles(articles) if articles else {}, apply)

    def _set_fact_leanings_first(self, comparison) -> None:
        """Before a new comparison reaches the facts panel: it filters the new rows by their own leanings, once."""
        self._set_fact_leanings(comparison, apply=False)

    def _on_facts_panel_fact_selected(self, fact_id: str) -> None:
        if not self.comparison.navigate_to_fact(fact_id):
            self.statusBar().showMessage("No pane shows that fact.", 3000)

    def _on_coverage_article_selected(self, article_id: int) -> None:
        pane = self.comparison.show_article(article_id)  # swapped in if it had no pane
        if pane is not None:
            pane.view.setFocus()
