"""The main window's story commands: stories, their articles and panes, the library's menus and hits.

Kept out of main_window.py so the window stays a switchboard (like ``notes.window_tags``).
Pane and membership changes are undoable ``story_commands`` pushed through the window's guarded
undo stack (``window._run``); every change is published on the window's change bus
(``window.apply_changes``) and the views refresh themselves from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox

from desktop.core.errors import ParallaxError
from desktop.ui import article_menus
from desktop.ui.library import story_commands
from desktop.ui.library.library_models import ALL_ARTICLES

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class WindowStories:
    def __init__(self, window: MainWindow):
        self.window = window

    @property
    def store(self):
        return self.window.store

    def _story(self) -> int | None:
        """The open story, or None on the Library row."""
        story_id = self.window.current_story_id
        return None if story_id == ALL_ARTICLES else story_id

    def _say(self, message: str, timeout: int = 8000) -> None:
        self.window.statusBar().showMessage(message, timeout)

    # ----------------------------------------------------------------- stories

    def new_story(self, name: str | None = None) -> int | None:
        if not name:
            name, ok = QInputDialog.getText(self.window, "New Story", "Name of the new story:")
            if not ok or not name.strip():
                return None
        try:
            story_id, changes = self.store.create_story(name)
        except (ParallaxError, ValueError) as exc:
            self.window.show_error("Cannot create the story", str(exc))
            return None
        self.window.apply_changes(changes)
        self.window.open_story(story_id)
        return story_id

    def rename_story(self) -> None:
        if self._story() is None:
            return
        story = self.store.story(self._story())
        name, ok = QInputDialog.getText(self.window, "Rename Story", "New name:", text=story.name)
        if ok and name.strip() and name != story.name:
            from desktop.ui.library.found_stories import RenameStoryCommand

            # one undo step; a renamed suggestion becomes the reader's (the next search leaves it alone)
            self.window._run(lambda: RenameStoryCommand(self.store, self.window.apply_changes, story.id, name))

    def delete_story(self) -> None:
        if self._story() is None:
            return
        story = self.store.story(self._story())
        answer = QMessageBox.question(
            self.window, "Delete Story",
            f"Delete the story “{story.name}”? Its {len(story.article_ids)} articles stay in the library.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            changes = self.store.delete_story(story.id)
            self.window.undo_stack.clear()  # commands refer to the deleted story
            self.window.apply_changes(changes)  # the sidebar falls back to the Library row, which opens

    def edit_current_story_tags(self) -> None:
        if self._story() is None:
            self._say("Choose a story first.", 4000)
        else:
            self.window.tags.edit_story_tags(self._story())

    def edit_selected_article_tags(self) -> None:
        article_id = self.window.library.current_article_id()
        if article_id is not None:
            self.window.tags.edit_article_tags(article_id)
        else:
            self._say("Select an article in the list first.", 4000)

    # -------------------------------------------------------- articles, panes

    def add_articles(self, article_ids: list[int]) -> None:
        if self._story() is None:
            self._say("Choose a story first (or create one with Ctrl+N).")
            return
        self.window._run(story_commands.add_articles(self.store, self.window.apply_changes, self._story(),
                                                     article_ids))

    def add_selected(self) -> None:
        ids = self.window.library.selected_article_ids()
        if ids:
            self.add_articles(ids)

    def remove_pane(self, article_id: int) -> None:
        if self._story() is not None:
            self.window._run(story_commands.remove_article(self.store, self.window.apply_changes, self._story(),
                                                           article_id))
            self._say("Removed from the story (still in the library). Ctrl+Z brings it back.")

    def move_pane(self, article_id: int, delta: int) -> None:
        if self._story() is not None:
            self.window._run(story_commands.move_article(self.store, self.window.apply_changes, self._story(),
                                                         article_id, delta))

    def focused_pane_article(self) -> int | None:
        widget = QApplication.focusWidget()
        for pane in self.window.comparison.panes:
            if widget is not None and (widget is pane or pane.isAncestorOf(widget)):
                return pane.article_id
        return None

    def move_focused_pane(self, delta: int) -> None:
        article_id = self.focused_pane_article()
        if article_id is not None:
            self.move_pane(article_id, delta)
            pane = self.window.comparison.pane_for(article_id)
            if pane is not None:
                pane.view.setFocus()

    def remove_focused_pane(self) -> None:
        article_id = self.focused_pane_article()
        if article_id is not None:
            self.remove_pane(article_id)

    def open_article(self, article_id: int) -> None:
        """A double-click in the library: go to its pane, or add it to the story."""
        area = self.window.comparison
        pane = area.show_article(article_id)  # in the story without a pane: swapped in
        if pane is not None:
            pane.view.setFocus()
        else:
            self.add_articles([article_id])

    def open_hit(self, article_id: int, terms: list[str]) -> None:
        """Open a search hit where it can be read: in this story, else in a story that has it."""
        area = self.window.comparison
        if article_id not in {a.id for a in area.articles}:  # not in this story (open as a pane or not)
            holder = next((s for s in self.store.stories() if article_id in s.article_ids), None)
            if holder is None:
                self._say("That article is in no story yet: select it and press Ctrl+Return to add it.")
                self.window.open_story(ALL_ARTICLES)
                self.window.library.select_article(article_id)
                return
            self.window.open_story(holder.id)
        pane = area.show_article(article_id)  # in the story without a pane: swapped in
        if pane is not None:
            count = pane.view.highlight_terms(terms)
            self._say(f"{count} match{'es' if count != 1 else ''} in this article", 5000)

    # ------------------------------------------------------------------ menus

    def show_story_menu(self, where: QPoint) -> None:
        window = self.window
        menu = QMenu(window)
        menu.addAction(window.new_story_action)
        if self._story() is not None:
            menu.addAction(window.rename_story_action)
            menu.addAction(window.story_tags_action)
            menu.addAction(window.delete_story_action)
        menu.exec(where)

    def show_article_menu(self, where: QPoint) -> None:
        menu = QMenu(self.window)
        menu.addAction(self.window.add_to_story_action)
        menu.addAction(self.window.article_tags_action)
        menu.addSeparator()
        menu.addActions(list(getattr(self.window, "article_info_actions", ())))  # Edit Info…, Delete Article…
        article_menus.add_article_entries(menu, self.window, self.window.library.current_article_id())
        menu.exec(where)
