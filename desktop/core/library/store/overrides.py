"""The reader overrules the comparison: "Not the Same Fact" and "Not a Conflict".

Both are kept as pairs of spans, each on the version of its article the reader saw:

* ``fact_separations``: two claims the link model joined that state different facts; a
  comparison keeps the claims they fall on apart (``different_fact_pairs``);
* ``conflict_dismissals``: two values shown as conflicting that do not (a dismissed conflict is
  one row per pair of its differing values); a conflict whose every such pair is dismissed is
  not shown (``dismissed_conflict_pairs``), so a new article that disagrees brings it back.

A new version of either article leaves a pair aside (its offsets no longer fit), as
``same_fact_pairs`` does with the reader's "same fact" links. Each pair is stored in one order
(the lower article id first), so it is found whichever end the reader started from. Ids are never
reused: an undo step may still name a removed pair and puts it back under the same id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.core.errors import NotFound
from desktop.core.library.store.base import StoreBase, utc_now
from desktop.core.models import Changes

Span = tuple[int, int, int]  # (article id, start, end) on the article's current text

_COLUMNS = ("id", "article_id", "version_id", "start", '"end"', "other_article_id", "other_version_id",
            "other_start", "other_end", "created")
SEPARATIONS, DISMISSALS = "fact_separations", "conflict_dismissals"


@dataclass(frozen=True)
class SpanPair:
    """One overruling pair: ``first`` is on the article with the lower id."""

    id: int
    first: Span
    second: Span
    first_version: int
    second_version: int
    created: str


FactSeparation = SpanPair  # a "Not the Same Fact" pair


def _from_row(row) -> SpanPair:
    return SpanPair(row[0], (row[1], row[3], row[4]), (row[5], row[7], row[8]), row[2], row[6], row[9])


def overlaps(span: Span, other: Span) -> bool:
    """Two spans of one article that share at least a character."""
    return span[0] == other[0] and span[1] < other[2] and other[1] < span[2]


def spans_cross(first: Span, second: Span, a: Span, b: Span) -> bool:
    """The pair (first, second) lies over the pair (a, b), in either order."""
    return (overlaps(first, a) and overlaps(second, b)) or (overlaps(first, b) and overlaps(second, a))


def _ordered(first: Span, second: Span) -> tuple[Span, Span]:
    if first[0] == second[0]:
        raise ValueError("A pair must join two different articles.")
    for _article, start, end in (first, second):
        if not 0 <= start < end:
            raise ValueError(f"Not a span of text: {first} and {second}.")
    return (tuple(first), tuple(second)) if first[0] < second[0] else (tuple(second), tuple(first))


class OverridesMixin(StoreBase):
    """Recording, listing and removing the reader's separations and conflict dismissals."""

    # ------------------------------------------------------------ Not the Same Fact

    def separate_facts(self, first: Span, second: Span, separation_id: int | None = None) -> tuple[int, Changes]:
        """Record that the claims at ``first`` and ``second`` ((article id, start, end) on each
        article's current text) state different facts. The same pair again returns the existing
        separation unchanged. ``separation_id``: put a removed separation back under its id (undo)."""
        ids, _new, changes = self._add_pairs(SEPARATIONS, [(first, second)], [separation_id])
        return ids[0], changes

    def separate_fact_pairs(self, pairs: Sequence[tuple[Span, Span]],
                            separation_ids: Sequence[int | None] | None = None) -> tuple[list[int | None], Changes]:
        """``separate_facts`` for many pairs in one write (a claim taken out of a fact: it and each
        other mention). Per pair, the id of the separation added, or None when it was there
        already. ``separation_ids``: put removed separations back under their ids (undo)."""
        ids, new, changes = self._add_pairs(SEPARATIONS, pairs, separation_ids or [None] * len(pairs))
        return [i if added else None for i, added in zip(ids, new)], changes

    def join_facts_again(self, pairs: Sequence[tuple[Span, Span]]) -> tuple[list[SpanPair], Changes]:
        """"Link Again": remove the current separations of these pairs; returns them."""
        return self._take_back(SEPARATIONS, pairs, self.fact_separations)

    def remove_fact_separation(self, separation_id: int) -> Changes:
        """The reader takes a separation back: the two claims may be linked again."""
        return self._remove_pairs(SEPARATIONS, [separation_id], "separation")

    def remove_fact_separations(self, separation_ids: Sequence[int]) -> Changes:
        return self._remove_pairs(SEPARATIONS, separation_ids, "separation")

    def fact_separations(self, article_ids: Iterable[int]) -> list[SpanPair]:
        """The separations between two of these articles that fit their current texts, oldest first."""
        return self._pairs(SEPARATIONS, article_ids)

    def different_fact_pairs(self, article_ids: Iterable[int]) -> list[tuple[Span, Span]]:
        """The reader's separations as ((article, start, end), (article, start, end)) pairs on the
        articles' current texts: what a comparison of these articles must never join into one fact."""
        return [(s.first, s.second) for s in self.fact_separations(article_ids)]

    def fact_separation_between(self, first: Span, second: Span) -> SpanPair | None:
        """The current separation of exactly these two spans (either order), if any."""
        pair = _ordered(first, second)
        return next((s for s in self.fact_separations([first[0], second[0]]) if (s.first, s.second) == pair), None)

    def fact_separations_across(self, pairs: Sequence[tuple[Span, Span]]) -> list[SpanPair]:
        """The current separations that keep the claims under a pair of spans apart: one end
        overlapping each span of the pair (either order). What a "same fact" mark on those spans
        overrules: the reader's latest word wins."""
        pairs = [(tuple(a), tuple(b)) for a, b in pairs]
        if not pairs:
            return []
        return [s for s in self.fact_separations({span[0] for pair in pairs for span in pair})
                if any(spans_cross(s.first, s.second, a, b) for a, b in pairs)]

    # ------------------------------------------------------------ Not a Conflict

    def dismiss_conflict(self, pairs: Sequence[tuple[Span, Span]],
                         dismissal_ids: Sequence[int | None] | None = None) -> tuple[list[int | None], Changes]:
        """Record the pairs of values of a conflict as not conflicting, in one write. Returns, per
        pair, the id of the dismissal added, or None when the pair was dismissed already (left as
        it is). ``dismissal_ids``: put removed pairs back under their ids (undo), one per pair."""
        ids, new, changes = self._add_pairs(DISMISSALS, pairs, dismissal_ids or [None] * len(pairs))
        return [i if added else None for i, added in zip(ids, new)], changes

    def remove_conflict_dismissals(self, dismissal_ids: Sequence[int]) -> Changes:
        return self._remove_pairs(DISMISSALS, dismissal_ids, "dismissal")

    def undismiss_conflict(self, pairs: Sequence[tuple[Span, Span]]) -> tuple[list[SpanPair], Changes]:
        """"Show as a Conflict Again": remove the current dismissals of these pairs; returns them."""
        return self._take_back(DISMISSALS, pairs, self.conflict_dismissals)

    def conflict_dismissals(self, article_ids: Iterable[int]) -> list[SpanPair]:
        return self._pairs(DISMISSALS, article_ids)

    def dismissed_conflict_pairs(self, article_ids: Iterable[int]) -> list[tuple[Span, Span]]:
        """The reader's "Not a Conflict" pairs of values on these articles' current texts."""
        return [(d.first, d.second) for d in self.conflict_dismissals(article_ids)]

    # ------------------------------------------------------------ shared

    def _add_pairs(self, table: str, pairs: Sequence[tuple[Span, Span]],
                   wanted_ids: Sequence[int | None]) -> tuple[list[int], list[bool], Changes]:
        """Add the pairs not there yet; their ids (existing or new), whether each was added, the changes."""
        ordered = [_ordered(a, b) for a, b in pairs]
        ids: list[int] = []
        new: list[bool] = []
        touched: set[int] = set()
        with self._write():
            versions = {}
            for pair in ordered:
                for article, _start, end in pair:
                    if article not in versions:
                        row = self.db.execute("SELECT current_version_id, length(text) FROM articles WHERE id = ?",
                                              [article]).fetchone()
                        if row is None:
                            raise NotFound(f"No article with id {article} in this library.")
                        versions[article] = row
                    if end > versions[article][1]:
                        raise ValueError(f"The span ends at {end}, past the end of article {article} "
                                         f"({versions[article][1]} characters).")
            for ((a, a_start, a_end), (b, b_start, b_end)), wanted in zip(ordered, wanted_ids):
                values = [a, versions[a][0], a_start, a_end, b, versions[b][0], b_start, b_end]
                found = self.db.execute(
                    f"SELECT id FROM {table} WHERE article_id = ? AND version_id = ? AND start = ? AND \"end\" = ?"
                    " AND other_article_id = ? AND other_version_id = ? AND other_start = ? AND other_end = ?",
                    values).fetchone()
                if found:
                    ids.append(found[0])
                    new.append(False)
                    continue
                pair_id = wanted if wanted is not None and not self._exists(table, wanted) else self._fresh_id(table)
                self.db.execute(f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                [pair_id, *values, utc_now()])
                ids.append(pair_id)
                new.append(True)
                touched |= {a, b}
        return ids, new, Changes(frozenset({table}), frozenset(touched)) if touched else Changes()

    def _take_back(self, table: str, pairs: Sequence[tuple[Span, Span]], current) -> tuple[list[SpanPair], Changes]:
        wanted = {_ordered(a, b) for a, b in pairs}
        found = [d for d in current({s[0] for pair in pairs for s in pair}) if (d.first, d.second) in wanted]
        if not found:
            return [], Changes()
        return found, self._remove_pairs(table, [d.id for d in found], "pair")

    def _remove_pairs(self, table: str, pair_ids: Sequence[int], what: str) -> Changes:
        touched: set[int] = set()
        with self._write():
            for pair_id in pair_ids:
                row = self.db.execute(f"SELECT article_id, other_article_id FROM {table} WHERE id = ?",
                                      [pair_id]).fetchone()
                if row is None:
                    raise NotFound(f"No {what} with id {pair_id}.")
                self.db.execute(f"DELETE FROM {table} WHERE id = ?", [pair_id])
                touched.update(row)
        return Changes(frozenset({table}), frozenset(touched)) if touched else Changes()

    def _pairs(self, table: str, article_ids: Iterable[int]) -> list[SpanPair]:
        ids = sorted(set(article_ids))
        if len(ids) < 2:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f"SELECT {', '.join('s.' + c for c in _COLUMNS)} FROM {table} s"
            " JOIN articles x ON x.id = s.article_id JOIN articles y ON y.id = s.other_article_id"
            " WHERE s.version_id = x.current_version_id AND s.other_version_id = y.current_version_id"
            f" AND s.article_id IN ({marks}) AND s.other_article_id IN ({marks}) ORDER BY s.id",
            ids + ids).fetchall()
        return [_from_row(r) for r in rows]


__all__ = ["DISMISSALS", "SEPARATIONS", "FactSeparation", "OverridesMixin", "SpanPair"]
