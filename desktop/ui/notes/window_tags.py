"""The main window's tag commands: the tag manager, and tags on articles, stories and new highlights.

Kept out of main_window.py so the window stays a switchboard. Every change goes through the
window's undo stack (``window._run``) and comes back through ``window.apply_changes``.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.errors import ParallaxError
from desktop.ui.notes.tag_commands import SetArticleTagsCommand, SetStoryTagsCommand
from desktop.ui.notes.tag_input import ask_tags
from desktop.ui.notes.tag_manager import TagManagerDialog

TAG_TABLES = frozenset({"tags", "article_tags", "story_tags", "annotation_tags"})


class WindowTags:
    def __init__(self, window):
        self.window = window
        self.manager: TagManagerDialog | None = None
        self.last_dialog = None  # the open tags dialog, for tests and scripts

    @property
    def store(self):
        return self.window.store

    def show_manager(self) -> TagManagerDialog:
        """The tag manager (one, non-modal), raised to the front."""
        if self.manager is None:
            self.manager = TagManagerDialog(self.store, self.window.undo_stack, self.window.apply_changes,
                                            self.window)
            self.manager.tag_filter_requested.connect(self.window.show_notes_with_tag)
            self.manager.push = self.window._run  # store errors in undo/redo become messages
        self.manager.show()
        self.manager.raise_()
        self.manager.activateWindow()
        return self.manager

    def refresh(self, tables: frozenset[str] | set[str] | None = None) -> None:
        """Re-read the tags shown in the library lists and the manager (``tables``: what changed)."""
        if tables is not None and not tables & TAG_TABLES:
            return
        self.window.articles_model.set_tags(self.store.article_tag_map())
        self.window.stories_model.set_tags(self.store.story_tag_map())
        if self.manager is not None:
            self.manager.refresh()

    def edit_article_tags(self, article_id: int) -> None:
        self._ask("Article Tags", "Tags for this whole article:", self.store.article_tags(article_id),
                  lambda names: SetArticleTagsCommand(self.store, self.window.apply_changes, article_id, names))

    def edit_story_tags(self, story_id: int) -> None:
        self._ask("Story Tags", "Tags for this story:", self.store.story_tags(story_id),
                  lambda names: SetStoryTagsCommand(self.store, self.window.apply_changes, story_id, names))

    def ask_highlight_tags(self, on_accepted: Callable[[list[str]], None]) -> None:
        """Ask for the tags of a new highlight (autocompleted from the library's tags)."""
        self.last_dialog = ask_tags(self.window, "Tags", "Tags for this highlight, separated by commas:", [],
                                    self.store.tags(), on_accepted)

    def _ask(self, title: str, label: str, current: list[str], command: Callable) -> None:
        def accepted(names: list[str]) -> None:
            try:
                self.window._run(command(names))
            except (ParallaxError, ValueError) as exc:  # e.g. deleted meanwhile by another window
                self.window.show_error("Cannot change the tags", str(exc))

        self.last_dialog = ask_tags(self.window, title, label, current, self.store.tags(), accepted)
