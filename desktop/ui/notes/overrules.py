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


class _AddPairsCommand(QUndoCommand):
    """Add the reader's pairs in one step; undo removes those this step added, redo puts them back
    under the same ids. Subclasses name the store's calls."""

    title = ""

    def __init__(self, store: Store, apply: Apply, pairs: Pairs):
        super().__init__(self.title)
        self.store, self.apply, self.pairs = store, apply, list(pairs)
        self.added: list[int | None] | None = None  # per pair, the id added (None: it was there before)

    def _add(self, ids):
        raise NotImplementedError

    def _remove(self, ids: list[int]):
        raise NotImplementedError

    def _current(self) -> list:
        raise NotImplementedError

    def redo(self) -> None:
        self.added, changes = self._add(self.added)
        if not changes.tables:
            self.setObsolete(True)  # all there already: no step to undo
        self.apply(changes)

    def undo(self) -> None:
        present = {p.id for p in self._current()}
        still = [i for i in self.added or () if i is not None and i in present]
        if still:
            self.apply(self._remove(still))


class _TakeBackCommand(QUndoCommand):
    """Remove the reader's pairs in one step; undo puts them back under their ids."""

    title = ""

    def __init__(self, store: Store, apply: Apply, pairs: Pairs):
        super().__init__(self.title)
        self.store, self.apply, self.pairs = store, apply, list(pairs)
        self.removed: list = []  # the pairs taken away (SpanPair), put back by undo

    def _take_back(self):
        raise NotImplementedError

    def _put_back(self, pairs, ids):
        raise NotImplementedError

    def redo(self) -> None:
        self.removed, changes = self._take_back()
        if not self.removed:
            self.setObsolete(True)  # taken back elsewhere already: no step to undo
        self.apply(changes)

    def undo(self) -> None:
        if self.removed:
            _, changes = self._put_back([(p.first, p.second) for p in self.removed], [p.id for p in self.removed])
            self.apply(changes)


def _articles(pairs: Pairs) -> set[int]:
    return {span[0] for pair in pairs for span in pair}


class SeparateFactsCommand(_AddPairsCommand):
    """"Not the Same Fact": keep the claims of each pair in different facts."""

    title = "Not the Same Fact"

    def _add(self, ids):
        return self.store.separate_fact_pairs(self.pairs, ids)

    def _remove(self, ids):
        return self.store.remove_fact_separations(ids)

    def _current(self):
        return self.store.fact_separations(_articles(self.pairs))


class LinkAgainCommand(_TakeBackCommand):
    """"Link Again": the link model decides about these pairs again."""

    title = "Link Again"

    def _take_back(self):
        return self.store.join_facts_again(self.pairs)

    def _put_back(self, pairs, ids):
        return self.store.separate_fact_pairs(pairs, ids)


class DismissConflictCommand(_AddPairsCommand):
    """"Not a Conflict": the conflict's pairs of differing values do not conflict."""

    title = "Not a Conflict"

    def _add(self, ids):
        return self.store.dismiss_conflict(self.pairs, ids)

    def _remove(self, ids):
        return self.store.remove_conflict_dismissals(ids)

    def _current(self):
        return self.store.conflict_dismissals(_articles(self.pairs))


class ShowConflictAgainCommand(_TakeBackCommand):
    """"Show as a Conflict Again": take a dismissal back."""

    title = "Show as a Conflict Again"

    def _take_back(self):
        return self.store.undismiss_conflict(self.pairs)

    def _put_back(self, pairs, ids):
        return self.store.dismiss_conflict(pairs, ids)
