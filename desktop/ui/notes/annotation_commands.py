"""Undoable annotation changes (Ctrl+Z / Ctrl+Shift+Z), sharing the window's undo stack.

Highlight, delete (and discard an orphan), edit note/colour/tags, link and unlink two notes,
attach an orphan to a passage of the current text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.core.errors import NotFound
from desktop.core.library.store import Store
from desktop.core.models import Annotation, Changes
from desktop.core.notes.anchoring import make_anchor
from desktop.core.notes.annotating import confirm_orphan

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
        self.made: Annotation | None = None  # the highlight as first made, for redo

    def redo(self) -> None:
        if self.made is None:  # the first time: on the text as the reader saw it
            known = {t.name.casefold() for t in self.store.tags()}
            self.new_tags = [t for t in self.tags if t.strip().casefold() not in known]
            text = self.store.article(self.article_id).text
            anchor = make_anchor(text, self.start, self.end)
            self.annotation_id, changes = self.store.add_annotation(
                self.article_id, anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix,
                color=self.color, note=self.note, tags=self.tags)
            self.made = self.store.annotation(self.annotation_id)
        else:  # again after undo: the same note, moved by its quote if the text changed meanwhile
            self.annotation_id, changes = self.store.restore_annotation(self.made)
        self.apply(changes)

    def undo(self) -> None:
        if self.annotation_id is not None:
            changes = self.store.delete_annotation(self.annotation_id)
            for name in self.new_tags:  # tags this highlight brought in go with it, if unused now
                unused = next((t for t in self.store.tags() if t.name.casefold() == name.strip().casefold()
                               and not (t.count or t.articles or t.stories)), None)
                if unused is not None:
                    changes |= self.store.delete_tag(unused.name)
            self.apply(changes)
            self.annotation_id = None


class DeleteAnnotationCommand(QUndoCommand):
    """Delete an annotation; undo puts it back as it was, under the same id when it is free:
    note, colour, tags, dates, orphan state and its links to other annotations."""

    def __init__(self, store: Store, apply: Apply, annotation_id: int, text: str = "Delete Highlight"):
        super().__init__(text)
        self.store, self.apply = store, apply
        self.saved = store.annotation(annotation_id)
        self.links = store.annotation_links(annotation_id)
        self.annotation_id = annotation_id

    def redo(self) -> None:
        self.links = self.store.annotation_links(self.annotation_id)
        self.apply(self.store.delete_annotation(self.annotation_id))

    def undo(self) -> None:
        self.annotation_id, changes = self.store.restore_annotation(self.saved, self.links)
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


class LinkAnnotationsCommand(QUndoCommand):
    """Link two annotations ("same fact", "supports", "contradicts"); undo removes the link."""

    def __init__(self, store: Store, apply: Apply, from_id: int, to_id: int, kind: str):
        super().__init__(f"Link Notes ({kind})")
        self.store, self.apply = store, apply
        self.from_id, self.to_id, self.kind = from_id, to_id, kind
        self.link_id: int | None = None
        self.created = False  # False: the same link was already there, so undo leaves it
        # a "same fact" link takes back the reader's earlier "Not the Same Fact" on those claims (the
        # latest word wins); undo puts those separations back under their ids
        self.unseparated: list = []

    def redo(self) -> None:
        self.link_id, changes = self.store.link_annotations(self.from_id, self.to_id, self.kind)
        self.created = bool(changes.tables)
        if self.kind == "same fact":
            spans = self.store.same_fact_link_spans(self.link_id)
            self.unseparated = self.store.fact_separations_across([spans]) if spans else []
            if self.unseparated:
                changes |= self.store.remove_fact_separations([s.id for s in self.unseparated])
        self.apply(changes)

    def undo(self) -> None:
        link = _find_link(self.store, self.from_id, self.to_id, self.kind)
        if self.created and link is not None:
            self.apply(self.store.unlink_annotations(link.id))
        self.link_id = None
        if self.unseparated:
            _, changes = self.store.separate_fact_pairs([(s.first, s.second) for s in self.unseparated],
                                                        [s.id for s in self.unseparated])
            self.unseparated = []
            self.apply(changes)


def _find_link(store: Store, from_id: int, to_id: int, kind: str):
    """The link by its ends and kind: undo and redo elsewhere may have re-made it under a new id."""
    return next((link for link in store.annotation_links(from_id)
                 if (link.from_id, link.to_id, link.kind) == (from_id, to_id, kind)), None)


class UnlinkAnnotationsCommand(QUndoCommand):
    """Remove a link; undo links the same two annotations with the same kind again."""

    def __init__(self, store: Store, apply: Apply, link_id: int):
        super().__init__("Remove Link")
        self.store, self.apply = store, apply
        link = store.annotation_link(link_id)
        self.link_id, self.ends, self.kind = link_id, (link.from_id, link.to_id), link.kind

    def redo(self) -> None:
        link = _find_link(self.store, *self.ends, self.kind)
        if link is None:
            raise NotFound("That link is no longer there.")
        self.apply(self.store.unlink_annotations(link.id))

    def undo(self) -> None:
        self.link_id, changes = self.store.link_annotations(*self.ends, self.kind)
        self.apply(changes)


class ConfirmOrphanCommand(QUndoCommand):
    """Attach an orphan to a passage of its article's current text (a fresh anchor on the
    current version); undo makes it the orphan it was, with its old anchor and version."""

    def __init__(self, store: Store, apply: Apply, annotation_id: int, start: int, end: int):
        super().__init__("Attach Note")
        self.store, self.apply = store, apply
        self.annotation_id, self.start, self.end = annotation_id, start, end
        self.old = store.annotation(annotation_id)
        self.passage = store.article(self.old.article_id).text[start:end]  # what the reader confirmed

    def redo(self) -> None:
        text = self.store.article(self.old.article_id).text
        if text[self.start:self.end] != self.passage:  # the article changed since: never attach blindly
            raise ValueError("The article's text changed since this passage was offered; "
                             "review the note again.")
        self.apply(confirm_orphan(self.store, self.annotation_id, self.start, self.end))

    def undo(self) -> None:
        o = self.old
        self.apply(self.store.update_annotation(
            self.annotation_id, start=o.start, end=o.end, exact=o.exact, prefix=o.prefix, suffix=o.suffix,
            version_id=o.version_id, orphaned=o.orphaned, changed=o.changed))
