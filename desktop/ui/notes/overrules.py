"""The reader overrules the comparison: "Not the Same Fact" keeps two claims in different facts,
"Link Again" takes that back; "Not a Conflict" hides a false alarm, "Show as a Conflict Again"
takes that back. Each is one undo step; the comparison follows the library's change (the
``fact_separations`` and ``conflict_dismissals`` tables), in this window and any other on the
same library."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop.core.library.store import Store
from desktop.ui.notes.annotation_commands import Apply

Span = tuple[int, int, int]  # (article id, start, end)
Pairs = list[tuple[Span, Span]]


class SeparateFactsCommand(QUndoCommand):
    """Record that ``first`` and ``second`` state different facts; undo removes the separation,
    redo puts it back under its old id."""

    def __init__(self, store: Store, apply: Apply, first: Span, second: Span):
        super().__init__("Not the Same Fact")
        self.store, self.apply = store, apply
        self.first, self.second = first, second
        self.separation_id: int | None = None
        self.created = False  # False: it was already there, so undo leaves it

    def redo(self) -> None:
        self.separation_id, changes = self.store.separate_facts(self.first, self.second, self.separation_id)
        self.created = bool(changes.tables)
        self.apply(changes)

    def undo(self) -> None:
        found = self.store.fact_separation_between(self.first, self.second)
        if self.created and found is not None:
            self.apply(self.store.remove_fact_separation(found.id))


class LinkAgainCommand(QUndoCommand):
    """Remove the separation of ``first`` and ``second``: the link model may join them again;
    undo sets them apart once more (under the same id)."""

    def __init__(self, store: Store, apply: Apply, first: Span, second: Span):
        super().__init__("Link Again")
        self.store, self.apply = store, apply
        self.first, self.second = first, second
        self.separation_id: int | None = None

    def redo(self) -> None:
        found = self.store.fact_separation_between(self.first, self.second)
        if found is None:
            self.separation_id = None
            return  # taken back elsewhere meanwhile: nothing to do
        self.separation_id = found.id
        self.apply(self.store.remove_fact_separation(found.id))

    def undo(self) -> None:
        if self.separation_id is not None:
            _, changes = self.store.separate_facts(self.first, self.second, self.separation_id)
            self.apply(changes)


class DismissConflictCommand(QUndoCommand):
    """Dismiss a conflict (its pairs of differing values); undo shows it again."""

    def __init__(self, store: Store, apply: Apply, pairs: Pairs):
        super().__init__("Not a Conflict")
        self.store, self.apply, self.pairs = store, apply, list(pairs)
        # per pair, the dismissal this command added (None: it was there before); redo re-adds
        # them under the same ids
        self.added: list[int | None] | None = None

    def redo(self) -> None:
        self.added, changes = self.store.dismiss_conflict(self.pairs, self.added)
        self.apply(changes)

    def undo(self) -> None:
        present = {d.id for d in self.store.conflict_dismissals({s[0] for pair in self.pairs for s in pair})}
        still = [i for i in self.added or () if i is not None and i in present]
        if still:
            self.apply(self.store.remove_conflict_dismissals(still))


class ShowConflictAgainCommand(QUndoCommand):
    """Take a dismissal back: the conflict is shown again; undo dismisses it once more."""

    def __init__(self, store: Store, apply: Apply, pairs: Pairs):
        super().__init__("Show as a Conflict Again")
        self.store, self.apply, self.pairs = store, apply, list(pairs)
        self.removed: list = []  # the dismissals taken away (SpanPair), put back by undo

    def redo(self) -> None:
        self.removed, changes = self.store.undismiss_conflict(self.pairs)
        self.apply(changes)

    def undo(self) -> None:
        if self.removed:
            _, changes = self.store.dismiss_conflict([(d.first, d.second) for d in self.removed],
                                                     [d.id for d in self.removed])
            self.apply(changes)
