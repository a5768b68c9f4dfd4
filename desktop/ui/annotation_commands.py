"""Undoable annotation changes (Ctrl+Z / Ctrl+Shift+Z), sharing the window's undo stack."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

from desktop.core.anchoring import make_anchor
from desktop.core.errors import NotFound
from desktop.core.models import Changes
from desktop.core.store import Store

Apply = Callable[[Changes], None]


class AddAnnotationCommand(QUndoCommand):
    """Highlight a span (with an optional note and tags); undo deletes it, redo restores it."""

    def __init__(self, store: Store, apply: Apply, article_id: int, start: int, end: int,
                 color: str, note: str = "", tags: tuple[str, ...] = ()):
        super().__init__("Highlight")
        self.store, self.apply = store, apply
        self.article_id, self.start, self.end = article_id, start, end
        self.color, self.note, self.tags = color, note, tuple(tags)
        self.annotation_id: int | None = None

    def redo(self) -> None:
        text = self.store.article(self.article_id).text
        anchor = make_anchor(text, self.start, self.end)
        self.annotation_id, changes = self.store.add_annotation(
            self.article_id, anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix,
            color=self.color, note=self.note, tags=self.tags)
        self.apply(changes)

    def undo(self) -> None:
        if self.annotation_id is not None:
            self.apply(self.store.delete_annotation(self.annotation_id))
            self.annotation_id = None


class DeleteAnnotationCommand(QUndoCommand):
    """Delete an annotation; undo puts it back as it was: note, colour, tags, dates, orphan
    state and its links to other annotations."""

    def __init__(self, store: Store, apply: Apply, annotation_id: int):
        super().__init__("Delete Highlight")
        self.store, self.apply = store, apply
        self.saved = store.annotation(annotation_id)
        self.links = store.annotation_links(annotation_id)
        self.annotation_id = annotation_id

    def redo(self) -> None:
        self.links = self.store.annotation_links(self.annotation_id)
        self.apply(self.store.delete_annotation(self.annotation_id))

    def undo(self) -> None:
        a, old_id = self.saved, self.saved.id
        with self.store.batch():
            self.annotation_id, changes = self.store.add_annotation(
                a.article_id, a.start, a.end, a.exact, a.prefix, a.suffix, color=a.color, note=a.note,
                tags=a.tags, orphaned=a.orphaned, created=a.created, updated=a.updated,
                version_id=a.version_id)
            for link in self.links:
                ends = [self.annotation_id if end == old_id else end for end in (link.from_id, link.to_id)]
                try:
                    changes |= self.store.link_annotations(*ends, link.kind)[1]
                except NotFound:  # the other end is gone too
                    pass
        self.saved = self.store.annotation(self.annotation_id)
        self.apply(changes)


class EditAnnotationCommand(QUndoCommand):
    """Change an annotation's note, colour or tags; undo restores the old ones."""

    def __init__(self, store: Store, apply: Apply, annotation_id: int, *, note: str | None = None,
                 color: str | None = None, tags: tuple[str, ...] | None = None):
        super().__init__("Edit Note" if note is not None else "Edit Tags" if tags is not None else "Change Colour")
        self.store, self.apply, self.annotation_id = store, apply, annotation_id
        old = store.annotation(annotation_id)
        self.old = (old.note, old.color, old.tags)
        self.new = (note, color, tags)

    def _set(self, note, color, tags) -> None:
        changes = Changes()
        if note is not None or color is not None:
            changes |= self.store.update_annotation(self.annotation_id, note=note, color=color)
        if tags is not None:
            changes |= self.store.set_annotation_tags(self.annotation_id, list(tags))
        self.apply(changes)

    def redo(self) -> None:
        self._set(*self.new)

    def undo(self) -> None:
        note, color, tags = self.old
        new_note, new_color, new_tags = self.new
        self._set(note if new_note is not None else None, color if new_color is not None else None,
                  tags if new_tags is not None else None)
