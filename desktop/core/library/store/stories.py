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

READER = "reader"  # made or accepted by the reader: never changed behind their back
SUGGESTED = "suggested"  # found by clustering: replaced by the next run until accepted
KINDS = (READER, SUGGESTED)


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
            Story(id=r[0], name=r[1], article_ids=tuple(members.get(r[0], ())), kind=r[2] or READER, label=r[3])
            for r in self.db.execute("SELECT id, name, kind, label FROM stories ORDER BY name COLLATE NOCASE")
        ]

    def story(self, story_id: int) -> Story:
        row = self.db.execute("SELECT id, name, kind, label FROM stories WHERE id = ?", [story_id]).fetchone()
        if row is None:
            raise NotFound(f"No story with id {story_id} in this library.")
        members = tuple(r[0] for r in self.db.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position, article_id", [story_id]))
        return Story(id=row[0], name=row[1], article_ids=members, kind=row[2] or READER, label=row[3])

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
            members = set(order)
            new = [a for a in dict.fromkeys(article_ids) if a not in members]
            self._check_articles(new)
            at = len(order) if position is None else max(0, min(position, len(order)))
            positions = [r[0] for r in self.db.execute(
                "SELECT position FROM story_articles WHERE story_id = ? ORDER BY position, article_id", [story_id])]
            if at == len(order) and positions == list(range(len(order))):
                # appended to a story numbered 0..n-1: the members keep their rows (an import adds 200
                # articles at a time; writing every member's row again made it quadratic)
                self.db.conn.executemany(
                    "INSERT INTO story_articles (story_id, article_id, position) VALUES (?, ?, ?)",
                    [(story_id, a, at + i) for i, a in enumerate(new)])
            else:
                order[at:at] = new
                self._write_order(story_id, order)
        return Changes(frozenset({"story_articles"}), frozenset({story_id}))

    def _check_articles(self, article_ids: list[int]) -> None:
        """Raise ``NotFound`` (as ``article`` does) for the first of these that is not an article."""
        found: set[int] = set()
        for n in range(0, len(article_ids), 500):
            chunk = article_ids[n:n + 500]
            found.update(r[0] for r in self.db.execute(
                "SELECT a.id FROM articles a JOIN article_versions v ON v.id = a.current_version_id"
                f" WHERE a.id IN ({','.join('?' * len(chunk))})", chunk))
        for article_id in article_ids:
            if article_id not in found:
                self.article(article_id)  # raises NotFound

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

    # --------------------------------------------------------------- suggestions (found stories)

    def _free_name(self, wanted: str, taken: set[str]) -> str:
        name, n = wanted, 2
        while name.casefold() in taken:
            name = f"{wanted} ({n})"
            n += 1
        taken.add(name.casefold())
        return name

    def save_suggestions(self, suggestions: Iterable[tuple[str, Iterable[int]]]) -> tuple[list[int], Changes]:
        """Replace every suggested story with ``suggestions`` ((label, article ids) each). The
        reader's stories are untouched; a label that is already a story's name gets " (2)"."""
        with self._write():
            old = [r[0] for r in self.db.execute("SELECT id FROM stories WHERE kind = ?", [SUGGESTED])]
            self._delete_stories(old)
            taken = {r[0].casefold() for r in self.db.execute("SELECT name FROM stories")}
            known = {r[0] for r in self.db.execute("SELECT id FROM articles")}
            new_ids = []
            now = utc_now()
            rows: list[tuple[int, int, int]] = []
            for label, article_ids in suggestions:  # plain statements: thousands of stories in one go
                members = [a for a in dict.fromkeys(article_ids) if a in known]
                if len(members) < 2:
                    continue
                label = label.strip() or "Untitled story"
                story_id = self.db.execute(
                    "INSERT INTO stories (name, created, kind, label) VALUES (?, ?, ?, ?)",
                    [self._free_name(label, taken), now, SUGGESTED, label]).lastrowid
                rows += [(story_id, a, i) for i, a in enumerate(members)]
                new_ids.append(story_id)
            self.db.conn.executemany(
                "INSERT INTO story_articles (story_id, article_id, position) VALUES (?, ?, ?)", rows)
        return new_ids, Changes(frozenset({"stories", "story_articles"}), frozenset(old) | frozenset(new_ids))

    def create_suggested_story(self, label: str, article_ids: Iterable[int]) -> tuple[int, Changes]:
        """One more suggested story (incremental placement of new imports)."""
        with self._write():
            taken = {r[0].casefold() for r in self.db.execute("SELECT name FROM stories")}
            label = label.strip() or "Untitled story"
            story_id = self.db["stories"].insert({
                "name": self._free_name(label, taken), "created": utc_now(), "kind": SUGGESTED, "label": label,
            }).last_pk
            self._write_order(story_id, list(dict.fromkeys(article_ids)))
        return story_id, Changes(frozenset({"stories", "story_articles"}), frozenset({story_id}))

    def _delete_stories(self, story_ids: list[int]) -> None:
        for story_id in story_ids:
            self.db.execute("DELETE FROM story_articles WHERE story_id = ?", [story_id])
            self.db.execute("DELETE FROM story_tags WHERE story_id = ?", [story_id])
            self.db.execute("DELETE FROM stories WHERE id = ?", [story_id])

    def clear_suggestions(self) -> Changes:
        with self._write():
            old = [r[0] for r in self.db.execute("SELECT id FROM stories WHERE kind = ?", [SUGGESTED])]
            self._delete_stories(old)
        return Changes(frozenset({"stories", "story_articles"}), frozenset(old))

    def set_story_kind(self, story_id: int, kind: str) -> Changes:
        """``kind`` is "reader" (accept a suggestion) or "suggested" (undo an accept)."""
        if kind not in KINDS:
            raise ValueError(f"A story's kind is one of {', '.join(KINDS)}, not {kind!r}.")
        with self._write():
            self.story(story_id)
            self.db["stories"].update(story_id, {"kind": kind})
        return Changes(frozenset({"stories"}), frozenset({story_id}))

    def accept_story(self, story_id: int) -> Changes:
        """Make a suggested story the reader's: later runs of Find Stories leave it alone."""
        return self.set_story_kind(story_id, READER)

    def split_story(self, story_id: int, article_ids: Iterable[int], name: str) -> tuple[int, Changes]:
        """Move ``article_ids`` out of the story into a new story called ``name``. Both become the
        reader's (they worked on them); the moved articles keep their relative order."""
        moving = list(dict.fromkeys(article_ids))
        with self._write():
            story = self.story(story_id)
            if not moving or any(a not in story.article_ids for a in moving):
                raise ValueError("Split needs some of the story's own articles.")
            if len(moving) == len(story.article_ids):
                raise ValueError("Split must leave at least one article in the story.")
            if self.db.execute("SELECT 1 FROM stories WHERE name = ?", [_story_name(name)]).fetchone():
                raise ValueError(f"There is already a story named {name.strip()!r}.")
            new_id, changes = self.create_story(name)
            ordered = [a for a in story.article_ids if a in set(moving)]
            self.remove_from_story(story_id, ordered)
            self.add_to_story(new_id, ordered)
            self.db["stories"].update(story_id, {"kind": READER})
        return new_id, changes | Changes(frozenset({"stories", "story_articles"}), frozenset({story_id, new_id}))

    def merge_stories(self, target_id: int, other_ids: Iterable[int]) -> Changes:
        """Move the other stories' articles to the end of ``target_id`` and delete the others. The
        merged story is the reader's."""
        others = [s for s in dict.fromkeys(other_ids) if s != target_id]
        with self._write():
            order = list(self.story(target_id).article_ids)
            for other in others:
                for article_id in self.story(other).article_ids:
                    if article_id not in order:
                        order.append(article_id)
            self._delete_stories(others)
            self._write_order(target_id, order)
            self.db["stories"].update(target_id, {"kind": READER})
        return Changes(frozenset({"stories", "story_articles", "story_tags"}), frozenset({target_id, *others}))

    def restore_story(self, story: Story) -> Changes:
        """Put back a story exactly as it was (id, name, kind, label, order): undo of merge/delete."""
        with self._write():
            self.db["stories"].insert({"id": story.id, "name": story.name, "created": utc_now(),
                                       "kind": story.kind, "label": story.label}, replace=True)
            self.db.execute("DELETE FROM story_articles WHERE story_id = ?", [story.id])
            self._write_order(story.id, [a for a in story.article_ids if self._has_article(a)])
        return Changes(frozenset({"stories", "story_articles"}), frozenset({story.id}))

    def _has_article(self, article_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def stories_of_articles(self, article_ids: Iterable[int]) -> dict[int, list[tuple[int, str]]]:
        """article id -> [(story id, kind)] for the given articles."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[int, list[tuple[int, str]]] = {a: [] for a in ids}
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            for article_id, story_id, kind in self.db.execute(
                f"SELECT sa.article_id, sa.story_id, s.kind FROM story_articles sa JOIN stories s ON s.id = sa.story_id"
                f" WHERE sa.article_id IN ({','.join('?' * len(chunk))})", chunk):
                out[article_id].append((story_id, kind or READER))
        return out

    def reader_story_articles(self) -> set[int]:
        """Every article in one of the reader's stories."""
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT sa.article_id FROM story_articles sa JOIN stories s ON s.id = sa.story_id"
            " WHERE s.kind = ?", [READER])}

    def has_suggestions(self) -> bool:
        return self.db.execute("SELECT 1 FROM stories WHERE kind = ? LIMIT 1", [SUGGESTED]).fetchone() is not None

    def latest_undated_article_ids(self, count: int) -> list[int]:
        """Ids of the ``count`` undated articles (no published date) added last, newest first."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE published IS NULL OR published = '' ORDER BY id DESC LIMIT ?", [count])]

    def clustering_rows(self, since: str | None = None, until: str | None = None, *, undated: bool = True,
                        article_ids: Iterable[int] | None = None) -> list[tuple]:
        """(id, title, text, published, outlet) of the articles published in since..until (ISO dates,
        inclusive; undated ones too unless ``undated`` is False), or of ``article_ids``."""
        select = ("SELECT a.id, a.title, a.text, a.published, s.name FROM articles a"
                  " LEFT JOIN sources s ON s.id = a.source_id")
        if article_ids is not None:
            ids = list(dict.fromkeys(article_ids))
            rows: list[tuple] = []
            for at in range(0, len(ids), 500):
                chunk = ids[at:at + 500]
                rows += self.db.execute(select + f" WHERE a.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            return sorted(rows)
        dated = ["substr(a.published, 1, 10) >= ?"] * bool(since) + ["substr(a.published, 1, 10) <= ?"] * bool(until)
        where = " AND ".join(dated)
        args = [v for v in (since, until) if v]
        if where:
            where = f"(a.published IS NOT NULL AND a.published != '' AND {where})"
            if undated:
                where += " OR a.published IS NULL OR a.published = ''"
            return self.db.execute(select + f" WHERE {where} ORDER BY a.id", args).fetchall()
        return self.db.execute(select + " ORDER BY a.id").fetchall()
