"""The reader confirms a "possibly also in" hint: both wordings highlighted and linked as the same
fact, in one undo step. The link shows as a ribbon between the panes, in the Notes tab and in every
notes export, like any link the reader makes by hand."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop.core.library.store import Store
from desktop.ui.notes.annotation_commands import AddAnnotationCommand, Apply, LinkAnnotationsCommand

SAME_FACT_COLOR = "blue"  # the colour of "same fact" links between highlights


class MarkSameFactCommand(QUndoCommand):
    """Highlight ``first`` and ``second`` ((article id, start, end) each) and link them as the same
    fact; undo removes the link and both highlights, redo puts them back (under their old ids)."""

    def __init__(self, store: Store, apply: Apply, first: tuple[int, int, int], second: tuple[int, int, int]):
        super().__init__("Mark as Same Fact")
        self.store, self.apply = store, apply
        self.parts = [AddAnnotationCommand(store, apply, *first, SAME_FACT_COLOR),
                      AddAnnotationCommand(store, apply, *second, SAME_FACT_COLOR)]
        self.link: LinkAnnotationsCommand | None = None

    def redo(self) -> None:
        done = []
        try:
            for part in self.parts:
                part.redo()
                done.append(part)
            if self.link is None:
                self.link = LinkAnnotationsCommand(self.store, self.apply, self.parts[0].annotation_id,
                                                   self.parts[1].annotation_id, "same fact")
            self.link.redo()
        except Exception:
            for part in reversed(done):  # all or nothing: no lone highlight is left behind
                part.undo()
            raise

    @property
    def overruled(self) -> bool:
        """The mark took back the reader's earlier "Not the Same Fact" on these claims."""
        return bool(self.link is not None and self.link.unseparated)

    def undo(self) -> None:
        if self.link is not None:
            self.link.undo()
        for part in reversed(self.parts):
            part.undo()
