"""Library > Find Stories, the suggested stories' actions, the leaning bar and related coverage.

``FoundStories.install(window)`` adds a Library menu (Find Stories, Accept, Rename, Split, Merge),
and a "Story Coverage" dock with the open story's leaning bar, its blindspot, and the list "More
coverage in your library" (double-click or Add to Story). Finding and the related-coverage lookup
run on the worker pool (``tasks.Task``: ``core.stories.finding.suggest_stories`` and
``core.stories.related.related_articles``; a lookup for a story no longer open is dropped, and
change-bus events start at most one lookup per ``LOOKUP_DELAY_MS``); accept, rename, split and
merge are undoable commands on the window's undo stack. The sidebar marks suggestions (◇) and
blindspots (⚑) through ``StoriesModel.marks``.
"""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QMimeData, QRectF, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QUndoCommand
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library.store import Store
from desktop.core.models import Changes, Story
from desktop.core.stories.leanings import LEANINGS, UNKNOWN, Coverage, coverage_by_story, coverage_of
from desktop.ui.changes import ALL_TABLES
from desktop.ui.library import story_commands
from desktop.ui.library.library_models import ALL_ARTICLES, ARTICLE_IDS_MIME
from desktop.ui.tasks import Task

LEANING_COLORS = {
    "left": "#1f5fbf", "lean left": "#7fa7e0", "center": "#9a8fb5", "lean right": "#e39a9a", "right": "#c0392b",
    UNKNOWN: "#c8c8c8",
}
LOOKUP_DELAY_MS = 300  # change-bus events this close together start one related-coverage lookup
RELATED_LIMIT = 30


# ------------------------------------------------------------------ undoable commands


def _forget_story_steps(stack) -> bool:
    """New suggestions replace the old ones (their ids may be handed out again): an undo step that
    names a story could then act on another. Clear the history if it holds one (the reader's notes,
    links and edits alone are kept); whether it was cleared."""
    from desktop.ui.library.article_info import EditInfoCommand
    from desktop.ui.library.outlet_leanings import SetLeaningsCommand
    from desktop.ui.notes import annotation_commands as notes
    from desktop.ui.notes.overrules import OVERRULE_COMMANDS
    from desktop.ui.notes.same_fact import MarkSameFactCommand
    from desktop.ui.notes.tag_commands import SetTagColorCommand, SetTagMemoCommand

    safe = (notes.AddAnnotationCommand, notes.DeleteAnnotationCommand, notes.EditAnnotationCommand,
            notes.LinkAnnotationsCommand, notes.UnlinkAnnotationsCommand, notes.ConfirmOrphanCommand,
            MarkSameFactCommand, *OVERRULE_COMMANDS, EditInfoCommand, SetLeaningsCommand,
            SetTagColorCommand, SetTagMemoCommand)
    steps = [stack.command(i) for i in range(stack.count())]
    if all(isinstance(getattr(step, "inner", step), safe) for step in steps):
        return False
    stack.clear()
    return True


class AcceptStoryCommand(QUndoCommand):
    def __init__(self, store: Store, apply, story_id: int):
        super().__init__("Accept Story")
        self.store, self.apply, self.story_id = store, apply, story_id
        self.old_kind = store.story(story_id).kind

    def redo(self) -> None:
        self.apply(self.store.set_story_kind(self.story_id, "reader"))

    def undo(self) -> None:
        self.apply(self.store.set_story_kind(self.story_id, self.old_kind))


class RenameStoryCommand(QUndoCommand):
    """Rename; a renamed suggestion becomes the reader's (it is never replaced by a new run)."""

    def __init__(self, store: Store, apply, story_id: int, name: str):
        super().__init__("Rename Story")
        self.store, self.apply, self.story_id, self.name = store, apply, story_id, name
        story = store.story(story_id)
        self.old_name, self.old_kind = story.name, story.kind

    def redo(self) -> None:
        with self.store.batch():
            changes = self.store.rename_story(self.story_id, self.name) | self.store.set_story_kind(self.story_id,
                                                                                                 "reader")
        self.apply(changes)

    def undo(self) -> None:
        with self.store.batch():
            changes = self.store.rename_story(self.story_id, self.old_name) | self.store.set_story_kind(
                self.story_id, self.old_kind)
        self.apply(changes)


class SplitStoryCommand(QUndoCommand):
    def __init__(self, store: Store, apply, story_id: int, article_ids: list[int], name: str):
        super().__init__("Split Story")
        self.store, self.apply = store, apply
        self.story_id, self.article_ids, self.name = story_id, list(article_ids), name
        self.before: Story = store.story(story_id)
        self.new_id: int | None = None

    def redo(self) -> None:
        self.new_id, changes = self.store.split_story(self.story_id, self.article_ids, self.name)
        self.apply(changes)

    def undo(self) -> None:
        with self.store.batch():
            changes = self.store.delete_story(self.new_id) | self.store.restore_story(self.before)
        self.apply(changes)


class MergeStoriesCommand(QUndoCommand):
    def __init__(self, store: Store, apply, target_id: int, other_ids: list[int]):
        super().__init__("Merge Stories")
        self.store, self.apply = store, apply
        self.target_id, self.other_ids = target_id, [o for o in other_ids if o != target_id]
        self.before = [store.story(s) for s in (target_id, *self.other_ids)]
        self.tags = {s: store.story_tags(s) for s in self.other_ids}  # merging deletes the others' tags

    def redo(self) -> None:
        self.apply(self.store.merge_stories(self.target_id, self.other_ids))

    def undo(self) -> None:
        with self.store.batch():
            changes = Changes.union(self.store.restore_story(s) for s in self.before)
            changes = Changes.union([changes, *(self.store.set_story_tags(s, names)
                                                for s, names in self.tags.items() if names)])
        self.apply(changes)


# ------------------------------------------------------------------ the worker


class FindStoriesTask(Task):
    def __init__(self, library_path):
        super().__init__()
        self.library_path = library_path

    def run(self) -> None:
        from desktop.core.stories.finding import suggest_stories

        def work():
            with Store(self.library_path) as store:
                found, changes = suggest_stories(store, progress=self.progressed, is_cancelled=self._cancel.is_set)
            return None if self._cancel.is_set() else (found, changes)  # cancelled: nothing was saved

        self.report(work, "Find Stories")


class RelatedTask(Task):
    """The open story's "More coverage in your library", read on its own connection: on a big
    library it reads thousands of articles, which the window must not freeze for."""

    def __init__(self, library_path, story_id: int, generation: int):
        super().__init__()
        self.library_path, self.story_id, self.generation = library_path, story_id, generation

    def run(self) -> None:
        from desktop.core.stories.related import related_articles

        def work():
            with Store(self.library_path) as store:
                related = related_articles(store, self.story_id, limit=RELATED_LIMIT, is_cancelled=self._cancel.is_set)
            return self.generation, related

        self.report(work, "Looking for more coverage")


# ------------------------------------------------------------------ widgets


class LeaningBarWidget(QWidget):
    """One bar per story: a segment per leaning, as wide as its share of the articles."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.coverage: Coverage | None = None
        self.setMinimumHeight(22)
        self.setAccessibleName("Coverage by leaning")

    def sizeHint(self) -> QSize:
        return QSize(240, 22)

    def set_coverage(self, coverage: Coverage | None) -> None:
        self.coverage = coverage
        text = "" if coverage is None else coverage.described
        self.setToolTip(f"Articles by the leaning of their outlet: {text}" if text else "")
        self.setAccessibleDescription(text)
        self.update()

    def segments(self) -> list[tuple[str, int, QRectF]]:
        """(leaning, count, rectangle) of each drawn segment, left to right."""
        if self.coverage is None or not self.coverage.total:
            return []
        out, x = [], 0.0
        width = float(self.width())
        for leaning in (*LEANINGS, UNKNOWN):
            count = self.coverage.counts[leaning]
            if count:
                w = width * count / self.coverage.total
                out.append((leaning, count, QRectF(x, 0, w, self.height())))
                x += w
        return out

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if not self.segments():
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "no articles")
        for leaning, count, rect in self.segments():
            painter.fillRect(rect, QColor(LEANING_COLORS[leaning]))
            label = f"{count}"
            if painter.fontMetrics().horizontalAdvance(label) + 4 < rect.width():
                painter.setPen(QColor("white") if leaning in ("left", "right") else QColor("black"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class _RelatedList(QListWidget):
    """Rows drag out as article ids (drop them on the panes, like library rows)."""

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in items]
        data.setData(ARTICLE_IDS_MIME, json.dumps(ids).encode())  # as library rows (article_ids_from_mime)
        return data


class StoryCoverageWidget(QWidget):
    """The open story's leaning bar, blindspot and "More coverage in your library"."""

    add_requested = Signal(list)  # article ids to add to the open story

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = LeaningBarWidget()
        self.bar_legend = QLabel()  # the bar in words: "1 left · 4 right"
        self.blindspot = QLabel()
        self.blindspot.setStyleSheet("color: #b35c00; font-weight: bold")
        self.related_title = QLabel("<b>More coverage in your library</b>")
        self.related = _RelatedList()
        self.related.setDragEnabled(True)
        self.related.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.related.itemActivated.connect(self._on_related_item_activated)
        self.add_button = QPushButton("Add to Story")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.related_title, 1)
        row.addWidget(self.add_button)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.bar_legend)
        layout.addWidget(self.blindspot)
        layout.addLayout(row)
        layout.addWidget(self.related, 1)

    def show_story(self, story: Story | None, coverage: Coverage | None) -> None:
        """The status line, the leaning bar and the blindspot (``show_related`` fills the list)."""
        name = "" if story is None else html.escape(story.name)  # suggested names are web headlines
        if story is None:
            self.status.setText("Open a story to see who covered it and more coverage of its event.")
        elif story.kind == "suggested":
            self.status.setText(f"◇ <b>{name}</b>: suggested by Find Stories. Library ▸ Accept Story keeps "
                                "it; a new Find Stories run replaces suggestions.")
        else:
            self.status.setText(f"<b>{name}</b>: {len(story.article_ids)} articles")
        self.bar.set_coverage(coverage)
        self.bar_legend.setText("" if coverage is None else f"By the leaning of their outlets: {coverage.described}")
        self.blindspot.setText(
            f"⚑ Blindspot: at least 80% of the coverage with a known leaning is from the {coverage.blindspot}"
            if coverage is not None and coverage.blindspot else "")
        self.blindspot.setVisible(bool(self.blindspot.text()))

    def show_looking(self) -> None:
        """The list while a lookup runs: empty, and saying so."""
        self.related.clear()
        self.related_title.setText("<b>More coverage in your library</b>: Looking for more coverage…")
        self.add_button.setEnabled(False)

    def show_related(self, related: list) -> None:
        self.related.clear()
        for r in related:
            item = QListWidgetItem(f"{r.outlet or 'Unknown outlet'} · {r.published or 'undated'} · "
                                   f"{r.leaning or UNKNOWN} — {r.title}")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(f"{r.title}\nDouble-click (or Enter) to add it to the story; or drag it onto the panes.")
            self.related.addItem(item)
        self.related_title.setText(f"<b>More coverage in your library</b> ({len(related)})")
        self.add_button.setEnabled(bool(related))

    def _on_related_item_activated(self, item: QListWidgetItem) -> None:
        self.add_requested.emit([item.data(Qt.ItemDataRole.UserRole)])

    def _on_add_button_clicked(self) -> None:
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.related.selectedItems()]
        if ids:
            self.add_requested.emit(ids)


# ------------------------------------------------------------------ the window's part


class FoundStories:
    """Installs the Library menu and the Story Coverage dock on the main window."""

    def __init__(self, window):
        self.window = window
        self.task: FindStoriesTask | None = None
        self.lookups: set[RelatedTask] = set()  # running (a superseded one runs on until it sees its cancel)
        self.generation = 0  # of the latest lookup: an older one's result is dropped
        self.looking_for: int | None = None  # the story the latest lookup is for
        self.lookup_timer = QTimer(window)
        self.lookup_timer.setSingleShot(True)
        self.lookup_timer.setInterval(LOOKUP_DELAY_MS)
        self.lookup_timer.timeout.connect(self._look_up_related)
        self.coverage_widget = StoryCoverageWidget()
        self.dock = QDockWidget("Story Coverage", window)
        self.dock.setObjectName("StoryCoverageDock")
        self.dock.setWidget(self.coverage_widget)

    @property
    def store(self) -> Store:
        return self.window.store

    @classmethod
    def install(cls, window) -> FoundStories:
        self = cls(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()  # on demand: Library > Story Coverage (the panes need the width)
        self.find_action = self._action("&Find Stories", self.find, "Ctrl+Shift+K",
                                        "Group the library's articles into stories about one event")
        self.accept_action = self._action("&Accept Story", self.accept, None,
                                          "Keep this suggested story: later runs leave it alone")
        self.rename_action = self._action("&Rename Story…", self.rename, None, "Rename the open story")
        self.split_action = self._action("&Split Story…", self.split, None,
                                         "Move some of the story's articles into a new story")
        self.merge_action = self._action("&Merge Into This Story…", self.merge, None,
                                         "Move another story's articles into the open story")
        toggle = self.dock.toggleViewAction()
        toggle.setText("Story &Coverage")
        toggle.setShortcut("Ctrl+Shift+B")
        menu = window.menuBar().addMenu("&Library")
        help_menu = next((a for a in window.menuBar().actions() if a.text() == "&Help"), None)
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu, menu)
        menu.addAction(self.find_action)
        menu.addSeparator()
        for action in (self.accept_action, self.rename_action, self.split_action, self.merge_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(toggle)
        self.menu = menu
        self.coverage_widget.add_requested.connect(self._on_coverage_widget_add_requested)
        self.dock.visibilityChanged.connect(lambda visible: visible and self.refresh())
        window.story_view.story_shown.connect(lambda _story_id: self.refresh())
        window.library.story_selected.connect(lambda story_id: story_id == ALL_ARTICLES and self.refresh())
        window.changes.changed.connect(self._on_change_bus_changed)
        self.refresh_marks()
        return self

    def _action(self, text: str, slot, shortcut, tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _say(self, message: str, timeout: int = 8000) -> None:
        self.window.statusBar().showMessage(message, timeout)

    def _open_story(self) -> Story | None:
        story_id = self.window.current_story_id
        if story_id == ALL_ARTICLES:
            return None
        try:
            return self.store.story(story_id)
        except Exception:  # deleted meanwhile (another window): nothing open
            return None

    # ---------------------------------------------------------------- finding

    def find(self) -> None:
        if self.task is not None:
            self._say("Find Stories is already running.")
            return
        if self.store.path is None:  # an in-memory library (tests): run here
            from desktop.core.stories.finding import suggest_stories

            found, changes = suggest_stories(self.store)
            self._finished_with((found, changes))
            return
        self.task = FindStoriesTask(self.store.path)
        self.task.signals.progressed.connect(lambda done, total, message: self._say(message, 0))
        self.task.signals.succeeded.connect(self._finished_with)
        self.task.signals.failed.connect(lambda message: self.window.show_error("Find Stories failed", message))
        self.task.signals.finished.connect(self._on_task_finished)
        self._say("Finding stories…", 0)
        self.window.watch.hold()  # the task's commits are this window's, not another's
        QThreadPool.globalInstance().start(self.task)

    def _on_task_finished(self) -> None:
        self.task = None
        self.window.watch.release()

    def cancel(self) -> None:
        """Stop Find Stories (it saves nothing) and any related-coverage lookup: the window is closing."""
        self.lookup_timer.stop()
        self.generation += 1
        for task in (self.task, *self.lookups):
            if task is not None:
                task.cancel()

    def _finished_with(self, result) -> None:
        if result is None:  # cancelled
            return
        found, changes = result
        cleared = _forget_story_steps(self.window.undo_stack)
        self.window.watch.absorb()  # the task's own writes, not another window's
        self.window.apply_changes(changes | Changes(ALL_TABLES))
        count = sum(len(s.article_ids) for s in found)
        said = (f"Found {len(found)} stories ({count} articles): they are marked ◇ in the sidebar. "
                "Library ▸ Accept Story keeps one." if found else
                "No stories found: no two articles report the same event.")
        self._say(said + (" Undo history was cleared: it named stories that were replaced." if cleared else ""))

    # ---------------------------------------------------------------- actions on the open story

    def accept(self) -> None:
        story = self._open_story()
        if story is None or story.kind != "suggested":
            self._say("Open a suggested story (◇) to accept it.", 4000)
            return
        self.window._run(AcceptStoryCommand(self.store, self.window.apply_changes, story.id))
        self._say(f"Accepted “{story.name}”: Find Stories will leave it alone. Ctrl+Z undoes.")

    def rename(self, name: str | None = None) -> None:
        story = self._open_story()
        if story is None:
            return
        if not name:
            name, ok = QInputDialog.getText(self.window, "Rename Story", "New name:", text=story.name)
            if not ok or not name.strip() or name == story.name:
                return
        self.window._run(lambda: RenameStoryCommand(self.store, self.window.apply_changes, story.id, name))

    def split(self, article_ids: list[int] | None = None, name: str | None = None) -> None:
        """Move the given articles (default: those selected in the library list) to a new story."""
        story = self._open_story()
        if story is None:
            return
        if article_ids is None:
            article_ids = [a for a in self.window.library.selected_article_ids() if a in story.article_ids]
        if not article_ids:
            self._say("Select the articles to split off in the library list first.", 6000)
            return
        if not name:
            name, ok = QInputDialog.getText(self.window, "Split Story", "Name of the new story:",
                                            text=f"{story.name} (split)")
            if not ok or not name.strip():
                return
        self.window._run(lambda: SplitStoryCommand(self.store, self.window.apply_changes, story.id, article_ids,
                                                   name))

    def merge(self, other_ids: list[int] | None = None) -> None:
        story = self._open_story()
        if story is None:
            return
        if other_ids is None:
            others = [s for s in self.store.stories() if s.id != story.id]
            if not others:
                return
            names = [s.name for s in others]
            name, ok = QInputDialog.getItem(self.window, "Merge Stories", f"Move into “{story.name}” the articles of:",
                                            names, 0, False)
            if not ok:
                return
            other_ids = [others[names.index(name)].id]
        self.window._run(lambda: MergeStoriesCommand(self.store, self.window.apply_changes, story.id, other_ids))

    def _on_coverage_widget_add_requested(self, article_ids: list) -> None:
        story = self._open_story()
        if story is not None:
            self.window._run(story_commands.add_articles(self.store, self.window.apply_changes, story.id,
                                                         list(article_ids)))

    # ---------------------------------------------------------------- views

    def _on_change_bus_changed(self, changes: Changes, _source) -> None:
        if changes.tables & {"stories", "story_articles", "sources", "articles"}:
            self.refresh_marks()
            if self._show_header():  # cheap: the open story's own articles
                self.lookup_timer.start()  # restarted by each event: one lookup once they stop

    def refresh_marks(self) -> None:
        """◇ for suggestions and ⚑ for blindspots in the sidebar's story list."""
        model = self.window.library.stories_model
        coverage = coverage_by_story(self.store)
        marks = {}
        for story in self.store.stories():
            mark = ("◇ " if story.kind == "suggested" else "")
            spot = coverage.get(story.id)
            if spot is not None and spot.blindspot:
                mark += f"⚑{spot.blindspot[0].upper()} "
            if mark:
                marks[story.id] = mark
        model.set_marks(marks)

    def refresh(self) -> None:
        """Show the open story's coverage now and look up more coverage of its event."""
        self.lookup_timer.stop()
        if self._show_header():
            self._look_up_related()

    def _show_header(self) -> bool:
        """The open story's status, bar and blindspot; False when there is nothing to look up."""
        if not self.dock.isVisible():
            return False
        story = self._open_story()
        if story is None:
            self.generation += 1  # a lookup still running is for a story no longer open
            self.coverage_widget.show_story(None, None)
            self.coverage_widget.show_related([])
            return False
        self.coverage_widget.show_story(story, coverage_of(self.store, story.article_ids))
        return True

    def _look_up_related(self) -> None:
        story = self._open_story()
        if story is None or not self.dock.isVisible():
            return
        for task in self.lookups:
            task.cancel()  # superseded
        self.generation += 1
        self.looking_for = story.id
        self.coverage_widget.show_looking()
        if self.store.path is None:  # an in-memory library (tests): look here
            from desktop.core.stories.related import related_articles

            self._show_related((self.generation, related_articles(self.store, story.id, limit=RELATED_LIMIT)))
            return
        task = RelatedTask(self.store.path, story.id, self.generation)
        task.signals.succeeded.connect(self._show_related)
        task.signals.failed.connect(lambda message: self._lookup_failed(task.generation, message))
        task.signals.finished.connect(lambda: self.lookups.discard(task))
        self.lookups.add(task)
        QThreadPool.globalInstance().start(task)

    def _lookup_failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.coverage_widget.show_related([])
            self._say(message.splitlines()[0])

    def _show_related(self, result) -> None:
        generation, related = result
        if generation != self.generation or self.window.current_story_id != self.looking_for:
            return  # for a story no longer open, or superseded by a newer lookup
        self.coverage_widget.show_related(related)
