"""Outlets (the ``sources`` table) and their political leaning.

A leaning is one of ``LEANINGS`` or None (unknown); ``leaning_origin`` says where it came from
("reader" for a hand edit, or the file name of an imported CSV of ratings).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop.core.errors import NotFound
from desktop.core.library.store.base import StoreBase
from desktop.core.models import Changes

LEANINGS = ("left", "lean left", "center", "lean right", "right")


@dataclass(frozen=True)
class Outlet:
    id: int
    name: str
    leaning: str | None
    origin: str | None
    articles: int


class OutletsMixin(StoreBase):
    """Listing outlets and setting their leanings."""

    def outlets(self) -> list[Outlet]:
        return [
            Outlet(id=r[0], name=r[1], leaning=r[2], origin=r[3], articles=r[4])
            for r in self.db.execute(
                "SELECT s.id, s.name, s.leaning, s.leaning_origin, COUNT(a.id) FROM sources s"
                " LEFT JOIN articles a ON a.source_id = s.id GROUP BY s.id ORDER BY s.name COLLATE NOCASE")
        ]

    def outlet_by_name(self, name: str) -> Outlet:
        """Exact name first, then a unique case-insensitive match."""
        outlets = self.outlets()
        found = [o for o in outlets if o.name == name] or [o for o in outlets if o.name.casefold() == name.casefold()]
        if len(found) == 1:
            return found[0]
        raise NotFound(f"No outlet named {name!r} in this library (see 'parallax leanings').")

    def set_leanings(self, leanings: Mapping[int, str | None], origin: str | None) -> Changes:
        """Set the leaning of outlets by id (None: unknown). ``origin`` is recorded with each."""
        for leaning in leanings.values():
            if leaning is not None and leaning not in LEANINGS:
                raise ValueError(f"A leaning is one of {', '.join(LEANINGS)} (or unknown), not {leaning!r}.")
        with self._write():
            for source_id, leaning in leanings.items():
                self.db.execute("UPDATE sources SET leaning = ?, leaning_origin = ? WHERE id = ?",
                                [leaning, origin if leaning else None, source_id])
        return Changes(frozenset({"sources"}), frozenset(leanings))

    def leanings_of_articles(self, article_ids: Iterable[int]) -> dict[int, str | None]:
        """article id -> its outlet's leaning (None: unknown or no outlet)."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[int, str | None] = dict.fromkeys(ids)
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            for article_id, leaning in self.db.execute(
                "SELECT a.id, s.leaning FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
                f" WHERE a.id IN ({','.join('?' * len(chunk))})", chunk):
                out[article_id] = leaning
        return out

    def story_leaning_counts(self) -> dict[int, dict[str | None, int]]:
        """story id -> {leaning (None: unknown): number of its articles}, for every story, in one query."""
        out: dict[int, dict[str | None, int]] = {}
        for story_id, leaning, count in self.db.execute(
                "SELECT sa.story_id, s.leaning, COUNT(*) FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
                " LEFT JOIN sources s ON s.id = a.source_id GROUP BY sa.story_id, s.leaning"):
            out.setdefault(story_id, {})[leaning] = count
        return out
