"""The reader's "Not a Conflict": a conflict the reader judged a false alarm is not shown again.

A dismissal is kept as the pairs of the conflict's differing values (``conflict_pairs``: two
mentions in different articles with different values), each a pair of spans. A conflict is
dismissed while every pair of its distinct values is covered by one of the reader's pairs (read
through the conflict's own mentions): a new article giving one of the values already there keeps
it dismissed; one with yet another value brings a pair of values nobody dismissed, and the
conflict shows again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.core.matching.comparison import Conflict, Mention

Span = tuple[int, int, int]  # (article id, start, end)

__all__ = ["conflict_pairs", "split_dismissed"]


def _value(m: Mention) -> str:
    return m.value if m.value is not None else m.text.casefold()


def _span(m: Mention) -> Span:
    return (m.article, m.start, m.end)


def conflict_pairs(conflict: Conflict) -> list[tuple[Span, Span]]:
    """The pairs of the conflict's mentions in different articles that give different values."""
    mentions = conflict.mentions
    return [(_span(a), _span(b)) for n, a in enumerate(mentions) for b in mentions[n + 1:]
            if a.article != b.article and _value(a) != _value(b)]


def split_dismissed(conflicts: Sequence[Conflict], dismissed: Iterable[tuple[Span, Span]]
                    ) -> tuple[list[Conflict], list[Conflict]]:
    """(conflicts still shown, conflicts the reader dismissed), each in the order given."""
    known = {frozenset((tuple(a), tuple(b))) for a, b in dismissed}
    if not known:
        return list(conflicts), []
    shown, gone = [], []
    for conflict in conflicts:
        value_of = {_span(m): _value(m) for m in conflict.mentions}
        wanted = {frozenset((value_of[a], value_of[b])) for a, b in conflict_pairs(conflict)}
        settled = {frozenset((value_of[a], value_of[b])) for a, b in (tuple(p) for p in known if len(p) == 2)
                   if a in value_of and b in value_of and value_of[a] != value_of[b]}
        (gone if wanted and wanted <= settled else shown).append(conflict)
    return shown, gone
