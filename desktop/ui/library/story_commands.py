"""Undoable changes to a story's panes: add, remove, reorder (Ctrl+Z / Ctrl+Shift+Z)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.core.library.store import Store
from desktop.core.models import Changes

Apply = Callable[[Changes], None]


class StoryCommand(QUndoCommand):
    """Sets a story's membership and order; undo restores the order it had before."""

    def __init__(self, store: Store, apply: Apply, story_id: int, new_order: list[int], text: str):
        super().__init__(text)
        self.store = store
        self.apply = apply
        self.story_id = story_id
        story = store.story(story_id)
        self.old_order = list(story.article_ids)
        self.new_order = list(new_order)
        self.old_kind = story.kind  # the reader's hand on a suggestion makes it theirs; undo: a suggestion again
        self.old_name = story.name  # ...unless renamed since (by the CLI, say): then it stays theirs

    def _set(self, order: list[int], kind: str = "reader") -> None:
        story = self.store.story(self.story_id)
        current = list(story.article_ids)
        with self.store.batch():
            changes = Changes()
            if story.kind != kind:
                changes |= self.store.set_story_kind(self.story_id, kind)
            gone = [a for a in current if a not in order]
            if gone:
                changes |= self.store.remove_from_story(self.story_id, gone)
            added = [a for a in order if a not in current]
            if added:
                changes |= self.store.add_to_story(self.story_id, added)
            changes |= self.store.reorder_story(self.story_id, order)
        self.apply(changes)

    def redo(self) -> None:
        self._set(self.new_order)

    def undo(self) -> None:
        renamed = self.store.story(self.story_id).name != self.old_name
        self._set(self.old_order, "reader" if renamed else self.old_kind)


def add_articles(store: Store, apply: Apply, story_id: int, article_ids: list[int]) -> StoryCommand | None:
    order = list(store.story(story_id).article_ids)
    new = [a for a in dict.fromkeys(article_ids) if a not in order]
    if not new:
        return None
    label = "Add Article" if len(new) == 1 else f"Add {len(new)} Articles"
    return StoryCommand(store, apply, story_id, order + new, label)


def remove_article(store: Store, apply: Apply, story_id: int, article_id: int) -> StoryCommand:
    order = [a for a in store.story(story_id).article_ids if a != article_id]
    return StoryCommand(store, apply, story_id, order, "Remove Pane")


def move_article(store: Store, apply: Apply, story_id: int, article_id: int, delta: int) -> StoryCommand | None:
    order = list(store.story(story_id).article_ids)
    index = order.index(article_id)
    target = index + delta
    if not 0 <= target < len(order):
        return None
    order.insert(target, order.pop(index))
    return StoryCommand(store, apply, story_id, order, "Move Pane")
