"""The reader's "Not the Same Fact": two claims the comparison linked that state different facts.

A separation holds two spans, each on the version of its article the reader saw; a comparison
of the current texts keeps the claims they fall on apart (``different_fact_pairs``). A new
version of either article leaves the separation aside (its offsets no longer fit), as
``same_fact_pairs`` does with the reader's "same fact" links. Ids are never reused: an undo step
may still name a removed separation and puts it back under the same id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.errors import NotFound
from desktop.core.library.store.base import StoreBase, utc_now
from desktop.core.models import Changes

Span = tuple[int, int, int]  # (article id, start, end) on the article's current text

_COLUMNS = ('id, article_id, version_id, start, "end", other_article_id, other_version_id, other_start, '
            'other_end, created')
_TABLE = frozenset({"fact_separations"})


@dataclass(frozen=True)
class FactSeparation:
    id: int
    first: Span
    second: Span
    first_version: int
    second_version: int
    created: str


def _from_row(row) -> FactSeparation:
    return FactSeparation(row[0], (row[1], row[3], row[4]), (row[5], row[7], row[8]), row[2], row[6], row[9])


class SeparationsMixin(StoreBase):
    """Recording, listing and removing the reader's "Not the Same Fact" separations."""

    def separate_facts(self, first: Span, second: Span, separation_id: int | None = None) -> tuple[int, Changes]:
        """Record that the claims at ``first`` and ``second`` ((article id, start, end) on each
        article's current text) state different facts. The same pair again returns the existing
        separation unchanged. ``separation_id``: put a removed separation back under its id (undo)."""
        (a, a_start, a_end), (b, b_start, b_end) = first, second
        if a == b:
            raise ValueError("A claim can only be set apart from a claim of another article.")
        if not (0 <= a_start < a_end and 0 <= b_start < b_end):
            raise ValueError(f"Not a span of text: {first} and {second}.")
        with self._write():
            versions = {}
            for article, end in ((a, a_end), (b, b_end)):
                row = self.db.execute("SELECT current_version_id, length(text) FROM articles WHERE id = ?",
                                      [article]).fetchone()
                if row is None:
                    raise NotFound(f"No article with id {article} in this library.")
                if end > row[1]:
                    raise ValueError(f"The span ends at {end}, past the end of article {article} ({row[1]}).")
                versions[article] = row[0]
            if a > b:  # one order in the table: a pair is found whichever end the reader started from
                (a, a_start, a_end), (b, b_start, b_end) = (b, b_start, b_end), (a, a_start, a_end)
            found = self.db.execute(
                'SELECT id FROM fact_separations WHERE article_id = ? AND version_id = ? AND start = ? AND "end" = ?'
                " AND other_article_id = ? AND other_version_id = ? AND other_start = ? AND other_end = ?",
                [a, versions[a], a_start, a_end, b, versions[b], b_start, b_end]).fetchone()
            if found:
                return found[0], Changes()
            if separation_id is None or self._exists("fact_separations", separation_id):
                separation_id = self._fresh_id("fact_separations")
            self.db.execute(
                f"INSERT INTO fact_separations ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [separation_id, a, versions[a], a_start, a_end, b, versions[b], b_start, b_end, utc_now()])
        return separation_id, Changes(_TABLE, frozenset({a, b}))

    def remove_fact_separation(self, separation_id: int) -> Changes:
        """The reader takes a separation back: the two claims may be linked again."""
        with self._write():
            row = self.db.execute("SELECT article_id, other_article_id FROM fact_separations WHERE id = ?",
                                  [separation_id]).fetchone()
            if row is None:
                raise NotFound(f"No separation with id {separation_id}.")
            self.db.execute("DELETE FROM fact_separations WHERE id = ?", [separation_id])
        return Changes(_TABLE, frozenset(row))

    def fact_separations(self, article_ids: Iterable[int]) -> list[FactSeparation]:
        """The separations between two of these articles that fit their current texts, oldest first."""
        ids = sorted(set(article_ids))
        if len(ids) < 2:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f"SELECT {', '.join('s.' + c.strip() for c in _COLUMNS.split(','))} FROM fact_separations s"
            " JOIN articles x ON x.id = s.article_id JOIN articles y ON y.id = s.other_article_id"
            " WHERE s.version_id = x.current_version_id AND s.other_version_id = y.current_version_id"
            f" AND s.article_id IN ({marks}) AND s.other_article_id IN ({marks}) ORDER BY s.id",
            ids + ids).fetchall()
        return [_from_row(r) for r in rows]

    def different_fact_pairs(self, article_ids: Iterable[int]) -> list[tuple[Span, Span]]:
        """The reader's separations as ((article, start, end), (article, start, end)) pairs on the
        articles' current texts: what a comparison of these articles must never join into one fact."""
        return [(s.first, s.second) for s in self.fact_separations(article_ids)]

    def fact_separation_between(self, first: Span, second: Span) -> FactSeparation | None:
        """The current separation of exactly these two spans (either order), if any."""
        for s in self.fact_separations([first[0], second[0]]):
            if {s.first, s.second} == {tuple(first), tuple(second)}:
                return s
        return None


__all__ = ["FactSeparation", "SeparationsMixin"]
