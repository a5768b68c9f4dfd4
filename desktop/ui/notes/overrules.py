"""The reader overrules the comparison: "Not the Same Fact" keeps two claims in different facts,
"Link Again" takes that back; "Not a Conflict" hides a false alarm, "Show as a Conflict Again"
takes that back. Each is one undo step; the comparison follows the library's change (the
``fact_separations`` and ``conflict_dismissals`` tables), in this window and any other on the
same library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from desktop.core.library.store import Store
from desktop.core.models import Changes
from desktop.ui.notes.annotation_commands import Apply

Span = tuple[int, int, int]  # (article id, start, end)
Pairs = list[tuple[Span, Span]]


@dataclass(frozen=True)
class _PairStore:
    """The store's calls for one kind of the reader's pairs."""

    add: Callable  # (store, pairs, ids) -> (ids per pair or None, Changes)
    remove: Callable  # (store, ids) -> Changes
    current: Callable  # (store, article ids) -> [SpanPair]
    take_back: Callable  # (store, pairs) -> ([SpanPair], Changes)


_SEPARATIONS = _PairStore(Store.separate_fact_pairs, Store.remove_fact_separations, Store.fact_separations,
                          Store.join_facts_again)
_DISMISSALS = _PairStore(Store.dismiss_conflict, Store.remove_conflict_dismissals, Store.conflict_dismissals,
                         Store.undismiss_conflict)


def _articles(pairs: Pairs) -> set[int]:
    return {span[0] for pair in pairs for span in pair}


class _AddPairsCommand(QUndoCommand):
    """Add the reader's pairs in one step; undo removes those this step added, redo puts them back
    under the same ids. ``unlinks``: the step also removes the reader's "same fact" links across
    the pairs (the latest word wins: "Not the Same Fact" overrules an earlier "same fact" mark);
    undo links them again."""

    def __init__(self, store: Store, apply: Apply, pairs: Pairs, title: str, kind: _PairStore,
                 unlinks: bool = False):
        super().__init__(title)
        self.store, self.apply, self.pairs, self.kind = store, apply, list(pairs), kind
        self.added: list[int | None] | None = None  # per pair, the id added (None: it was there before)
        self.unlinks = unlinks
        self.unlinked: list = []  # the links this step removed (AnnotationLink), put back by undo as they were

    def redo(self) -> None:
        self.added, changes = self.kind.add(self.store, self.pairs, self.added)
        if self.unlinks:
            links = self.store.same_fact_links_across(self.pairs)
            for link in links:
                changes |= self.store.unlink_annotations(link.id)
            self.unlinked = links
        if not changes.tables:
            self.setObsolete(True)  # all there already: no step to undo
        self.apply(changes)

    def undo(self) -> None:
        present = {p.id for p in self.kind.current(self.store, _articles(self.pairs))}
        still = [i for i in self.added or () if i is not None and i in present]
        changes = self.kind.remove(self.store, still) if still else Changes()
        if self.unlinked:  # under their ids and dates; a highlight deleted since keeps its link deleted
            changes |= self.store.restore_annotation_links(self.unlinked)
            self.unlinked = []
        if changes.tables:
            self.apply(changes)


class _TakeBackCommand(QUndoCommand):
    """Remove the reader's pairs in one step; undo puts them back under their ids."""

    def __init__(self, store: Store, apply: Apply, pairs: Pairs, title: str, kind: _PairStore):
        super().__init__(title)
        self.store, self.apply, self.pairs, self.kind = store, apply, list(pairs), kind
        self.removed: list = []  # the pairs taken away (SpanPair), put back by undo

    def redo(self) -> None:
        self.removed, changes = self.kind.take_back(self.store, self.pairs)
        if not self.removed:
            self.setObsolete(True)  # taken back elsewhere already: no step to undo
        self.apply(changes)

    def undo(self) -> None:
        if self.removed:
            _, changes = self.kind.add(self.store, [(p.first, p.second) for p in self.removed],
                                       [p.id for p in self.removed])
            self.apply(changes)


def SeparateFactsCommand(store: Store, apply: Apply, pairs: Pairs) -> QUndoCommand:
    """"Not the Same Fact": keep the claims of each pair in different facts."""
    return _AddPairsCommand(store, apply, pairs, "Not the Same Fact", _SEPARATIONS, unlinks=True)


def LinkAgainCommand(store: Store, apply: Apply, pairs: Pairs) -> QUndoCommand:
    """"Link Again": the link model decides about these pairs again."""
    return _TakeBackCommand(store, apply, pairs, "Link Again", _SEPARATIONS)


def DismissConflictCommand(store: Store, apply: Apply, pairs: Pairs) -> QUndoCommand:
    """"Not a Conflict": the conflict's pairs of differing values do not conflict."""
    return _AddPairsCommand(store, apply, pairs, "Not a Conflict", _DISMISSALS)


def ShowConflictAgainCommand(store: Store, apply: Apply, pairs: Pairs) -> QUndoCommand:
    """"Show as a Conflict Again": take a dismissal back."""
    return _TakeBackCommand(store, apply, pairs, "Show as a Conflict Again", _DISMISSALS)


OVERRULE_COMMANDS = (_AddPairsCommand, _TakeBackCommand)  # the classes of the commands above (isinstance)
