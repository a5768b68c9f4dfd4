"""Stories: named, ordered groups of articles (one reading pane each, in the story's order).

A story only groups articles: deleting it, or taking an article out of it, leaves the
articles in the library.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from desktop.core.errors import NotFound
from desktop.core.library.store.base import StoreBase, utc_now
from desktop.core.models import Changes, Story


def _story_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValueError("A story needs a name.")
    return name


class StoriesMixin(StoreBase):
    """Reading and changing stories; checks articles with ``article`` (ArticlesMixin)."""

    def stories(self) -> list[Story]:
        members: dict[int, list[int]] = {}
        for story_id, article_id in self.db.execute(
            "SELECT story_id, article_id FROM story_articles ORDER BY story_id, position, article_id"
        ):
            members.setdefault(story_id, []).append(article_id)
        return [
            Story(id=r[0], name=r[1], article_ids=tuple(members.get(r[0], ())))
            for r in self.db.execute("SELECT id, name FROM stories ORDER BY name COLLATE NOCASE")
        ]

    def story(self, story_id: int) -> Story:
        for story in self.stories():
            if story.id == story_id:
                return story
        raise NotFound(f"No story with id {story_id} in this library.")

    def story_by_name(self, name: str) -> Story:
        """Exact name first, then a unique case-insensitive match."""
        stories = self.stories()
        for story in stories:
            if story.name == name:
                return story
        folded = [s for s in stories if s.name.casefold() == name.casefold()]
        if len(folded) == 1:
            return folded[0]
        known = ", ".join(repr(s.name) for s in stories) or "none yet"
        raise NotFound(f"No story named {name!r}. Stories in this library: {known}.")

    def create_story(self, name: str) -> tuple[int, Changes]:
        name = _story_name(name)
        with self._write():
            row = self.db.execute("SELECT id FROM stories WHERE name = ?", [name]).fetchone()
            if row:
                return row[0], Changes()
            story_id = self.db["stories"].insert({"name": name, "created": utc_now()}).last_pk
        return story_id, Changes(frozenset({"stories"}), frozenset({story_id}))

    def rename_story(self, story_id: int, name: str) -> Changes:
        name = _story_name(name)
        with self._write():
            self.story(story_id)
            try:
                self.db["stories"].update(story_id, {"name": name})
            except sqlite3.IntegrityError as exc:
                raise ValueError(f"There is already a story named {name!r}.") from exc
        return Changes(frozenset({"stories"}), frozenset({story_id}))

    def delete_story(self, story_id: int) -> Changes:
        """Delete the story; its articles stay in the library."""
        with self._write():
            self.story(story_id)
            self.db.execute("DELETE FROM story_articles WHERE story_id = ?", [story_id])
            self.db.execute("DELETE FROM story_tags WHERE story_id = ?", [story_id])
            self.db["stories"].delete(story_id)
        return Changes(frozenset({"stories", "story_articles", "story_tags"}), frozenset({story_id}))

    # --------------------------------------------------------------- membership

    def add_to_story(
        self, story_id: int, article_ids: Iterable[int], position: int | None = None
    ) -> Changes:
        """Add articles (those not already in it) at ``position`` (default: the end)."""
        with self._write():
            order = list(self.story(story_id).article_ids)
            new = [a for a in dict.fromkeys(article_ids) if a not in order]
            for article_id in new:
                self.article(article_id)  # raises NotFound
            at = len(order) if position is None else max(0, min(position, len(order)))
            order[at:at] = new
            self._write_order(story_id, order)
        return Changes(frozenset({"story_articles"}), frozenset({story_id}))

    def remove_from_story(self, story_id: int, article_ids: Iterable[int]) -> Changes:
        with self._write():
            gone = set(article_ids)
            order = [a for a in self.story(story_id).article_ids if a not in gone]
            self.db.execute(
                f"DELETE FROM story_articles WHERE story_id = ? AND article_id IN"
                f" ({','.join('?' * len(gone))})",
                [story_id, *gone],
            )
            self._write_order(story_id, order)
        return Changes(frozenset({"story_articles"}), frozenset({story_id}))

    def reorder_story(self, story_id: int, article_ids: list[int]) -> Changes:
        """Set the story's pane order; ``article_ids`` must be exactly its members."""
        with self._write():
            current = self.story(story_id).article_ids
            if sorted(current) != sorted(article_ids):
                raise ValueError("A new order must list exactly the story's articles.")
            self._write_order(story_id, list(article_ids))
        return Changes(frozenset({"story_articles"}), frozenset({story_id}))

    def _write_order(self, story_id: int, order: list[int]) -> None:
        self.db["story_articles"].upsert_all(
            ({"story_id": story_id, "article_id": a, "position": i} for i, a in enumerate(order)),
            pk=("story_id", "article_id"),
        )
