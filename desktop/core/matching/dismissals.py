"""The reader's "Not a Conflict": a conflict the reader judged a false alarm is not shown again.

A dismissal is kept as the pairs of the conflict's differing values (``conflict_pairs``: two
mentions in different articles with different values), each a pair of spans. A conflict is
dismissed while every such pair of it is among the reader's pairs; a new article with yet
another value adds a pair nobody dismissed, so the conflict shows again.
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
        pairs = conflict_pairs(conflict)
        (gone if pairs and all(frozenset(p) in known for p in pairs) else shown).append(conflict)
    return shown, gone
