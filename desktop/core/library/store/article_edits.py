"""The reader's changes to articles: their metadata by hand, and deleting them (with undo).

Fields the reader edits are listed in ``articles.edited`` and never overwritten by a later
re-import (``ArticlesMixin._write_article_row``). Editing the URL does not change the article's
identity: re-importing from where it first came from still finds it.

``delete_article`` removes an article with everything that hangs on it (versions, boilerplate,
notes with their tags and links, article tags, story places); ``article_snapshot`` taken before
is what ``restore_article`` needs to put all of it back under the same ids (ids are never handed
out again, so an undo never collides with an import made in between).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.errors import NotFound
from desktop.core.library.store.base import StoreBase, utc_now
from desktop.core.models import Changes

EDITABLE = ("title", "source", "author", "published", "url")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TABLES = frozenset({"articles", "article_versions", "boilerplate_spans", "annotations", "annotation_tags",
                     "annotation_links", "article_tags", "story_articles", "fact_separations",
                     "conflict_dismissals"})


@dataclass(frozen=True)
class ArticleInfo:
    """An article's editable metadata, and which of the fields the reader set by hand."""

    title: str | None
    source: str | None
    author: str | None
    published: str | None
    url: str | None
    edited: frozenset[str] = frozenset()


def check_info(field: str, value: str | None) -> str | None:
    """The value as stored (stripped; empty is None), or ValueError saying what is wrong."""
    if field not in EDITABLE:
        raise ValueError(f"{field!r} cannot be edited; editable: {', '.join(EDITABLE)}.")
    value = (value or "").strip() or None
    if value is None:
        return None
    if "\n" in value or "\r" in value:
        raise ValueError(f"The {field} must be one line.")
    if len(value) > 2000:
        raise ValueError(f"The {field} is too long (2,000 characters at most).")
    if field == "published":
        from datetime import date

        if not _DATE.fullmatch(value):
            raise ValueError(f"The date must be written YYYY-MM-DD (such as 2024-07-16), not {value!r}.")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a date in the calendar.") from None
        from desktop.core.library.dates import PLAUSIBLE_YEARS

        if int(value[:4]) not in PLAUSIBLE_YEARS:
            raise ValueError(f"{value} is no publication date (the year must be from {PLAUSIBLE_YEARS.start} "
                             f"to {PLAUSIBLE_YEARS.stop - 1}).")
    if field == "url":
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
            raise ValueError(f"The URL must be a web address starting with http:// or https://, not {value!r}.")
    return value


class ArticleEditsMixin(StoreBase):
    """Editing an article's metadata, deleting an article and putting it back."""

    def has_article(self, article_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def article_info(self, article_id: int) -> ArticleInfo:
        row = self.db.execute(
            "SELECT a.title, s.name, a.author, a.published, a.url, a.edited FROM articles a"
            " LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?", [article_id]).fetchone()
        if row is None:
            raise NotFound(f"No article with id {article_id} in this library.")
        return ArticleInfo(*row[:5], edited=frozenset(f for f in row[5].split(",") if f))

    def edit_article(self, article_id: int, **fields: str | None) -> Changes:
        """Set some of title, source, author, published (YYYY-MM-DD) and url (empty clears one);
        the fields given count as edited by the reader from now on."""
        values = {field: check_info(field, value) for field, value in fields.items()}
        current = self.article_info(article_id)
        info = ArticleInfo(**{f: values.get(f, getattr(current, f)) for f in EDITABLE},
                           edited=current.edited | set(values))
        return self.set_article_info(article_id, info)

    def set_article_info(self, article_id: int, info: ArticleInfo) -> Changes:
        """Write ``info`` exactly as given, the edited set included (what an undo restores)."""
        for field in EDITABLE:
            check_info(field, getattr(info, field))
        with self._write():
            self.article_info(article_id)  # raises NotFound
            self.db.execute(
                "UPDATE articles SET title = ?, source_id = ?, author = ?, published = ?, url = ?, edited = ?,"
                " updated = ? WHERE id = ?",
                [info.title, self._source_id(info.source), info.author, info.published, info.url,
                 ",".join(f for f in EDITABLE if f in info.edited), utc_now(), article_id])
        return Changes(frozenset({"articles"}), frozenset({article_id}))

    # ------------------------------------------------------------------ delete

    def article_note_count(self, article_id: int) -> int:
        return self.db.execute("SELECT COUNT(*) FROM annotations WHERE article_id = ?", [article_id]).fetchone()[0]

    def article_snapshot(self, article_id: int) -> dict[str, list[dict]]:
        """Every row that hangs on the article, to put it back with ``restore_article``."""
        if self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is None:
            raise NotFound(f"No article with id {article_id} in this library.")
        notes = "SELECT id FROM annotations WHERE article_id = :a"
        queries = {
            "articles": "SELECT * FROM articles WHERE id = :a",
            "article_versions": "SELECT * FROM article_versions WHERE article_id = :a ORDER BY id",
            "boilerplate_spans": "SELECT * FROM boilerplate_spans WHERE version_id IN"
                                 " (SELECT id FROM article_versions WHERE article_id = :a) ORDER BY id",
            "annotations": "SELECT id, article_id, version_id, start, \"end\", exact, prefix, suffix, color, note,"
                           " created, updated, orphaned, changed FROM annotations WHERE article_id = :a ORDER BY id",
            "annotation_tags": f"SELECT * FROM annotation_tags WHERE annotation_id IN ({notes})",
            "annotation_links": f"SELECT * FROM annotation_links WHERE from_id IN ({notes}) OR to_id IN ({notes})",
            "article_tags": "SELECT * FROM article_tags WHERE article_id = :a",
            **{table: f"SELECT * FROM {table} WHERE article_id = :a OR other_article_id = :a ORDER BY id"
               for table in ("fact_separations", "conflict_dismissals")},
            "story_articles": "SELECT sa.story_id, sa.article_id, (SELECT COUNT(*) FROM story_articles o"
                              " WHERE o.story_id = sa.story_id AND (o.position < sa.position OR"
                              " (o.position = sa.position AND o.article_id < sa.article_id))) AS position"
                              " FROM story_articles sa WHERE sa.article_id = :a",
        }
        snapshot = {}
        for table, sql in queries.items():
            cursor = self.db.execute(sql, {"a": article_id})
            names = [d[0] for d in cursor.description]
            snapshot[table] = [dict(zip(names, row)) for row in cursor.fetchall()]
        return snapshot

    def delete_article(self, article_id: int) -> Changes:
        """Remove the article and everything that hangs on it (see the module docstring)."""
        with self._write():
            snapshot = self.article_snapshot(article_id)  # raises NotFound
            notes = "SELECT id FROM annotations WHERE article_id = ?"
            versions = "SELECT id FROM article_versions WHERE article_id = ?"
            for sql in (
                f"DELETE FROM annotation_links WHERE from_id IN ({notes}) OR to_id IN ({notes})",
                f"DELETE FROM annotation_tags WHERE annotation_id IN ({notes})",
                "DELETE FROM annotations WHERE article_id = ?",
                "DELETE FROM article_tags WHERE article_id = ?",
                "DELETE FROM fact_separations WHERE article_id = ? OR other_article_id = ?",
                "DELETE FROM conflict_dismissals WHERE article_id = ? OR other_article_id = ?",
                "DELETE FROM story_articles WHERE article_id = ?",
                f"DELETE FROM boilerplate_spans WHERE version_id IN ({versions})",
                "UPDATE articles SET current_version_id = NULL WHERE id = ?",
                "DELETE FROM article_versions WHERE article_id = ?",
                "DELETE FROM articles WHERE id = ?",
            ):
                self.db.execute(sql, [article_id] * sql.count("?"))
            # the ids stay taken: an undo puts the article back under them
            for table, rows in (("articles", snapshot["articles"]), ("article_versions", snapshot["article_versions"])):
                highest = max(row["id"] for row in rows) if rows else 0
                row = self.db.execute("SELECT value FROM meta WHERE key = ?", [f"last_id:{table}"]).fetchone()
                if not row or int(row[0]) < highest:
                    self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                    [f"last_id:{table}", str(highest)])
        return Changes(_TABLES, frozenset({article_id}))

    def restore_article(self, snapshot: dict[str, list[dict]]) -> Changes:
        """Put a deleted article back from its ``article_snapshot``: same ids, versions, boilerplate,
        notes (with the tags and links whose other ends still exist), tags and story places."""
        (article,) = snapshot["articles"]
        with self._write():
            clash = self.db.execute("SELECT id FROM articles WHERE id = ? OR identity = ?",
                                    [article["id"], article["identity"]]).fetchone()
            if clash is not None:
                raise ValueError(f"The article cannot be put back: article {clash[0]} now has its place "
                                 "(it was imported again).")
            self._insert_rows("articles", [{**article, "current_version_id": None}])
            self._insert_rows("article_versions", snapshot["article_versions"])
            self.db.execute("UPDATE articles SET current_version_id = ? WHERE id = ?",
                            [article["current_version_id"], article["id"]])
            self._insert_rows("boilerplate_spans", [{k: v for k, v in r.items() if k != "id"}
                                                    for r in snapshot["boilerplate_spans"]])
            self._insert_rows("annotations", snapshot["annotations"])
            self._insert_rows("annotation_tags", [r for r in snapshot["annotation_tags"]
                                                  if self._exists("tags", r["tag_id"])])
            self._insert_rows("annotation_links", [r for r in snapshot["annotation_links"]
                                                   if self._exists("annotations", r["from_id"])
                                                   and self._exists("annotations", r["to_id"])
                                                   and not self._exists("annotation_links", r["id"])])
            self._insert_rows("article_tags", [r for r in snapshot["article_tags"] if self._exists("tags", r["tag_id"])])
            for table in ("fact_separations", "conflict_dismissals"):  # the reader's pairs whose other end is here
                self._insert_rows(table, [
                    r for r in snapshot.get(table, ())
                    if self._exists("article_versions", r["other_version_id" if r["article_id"] == article["id"]
                                                           else "version_id"])
                    and not self._exists(table, r["id"])])
            for place in snapshot["story_articles"]:
                if not self._exists("stories", place["story_id"]):
                    continue
                order = [r[0] for r in self.db.execute(
                    "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position, article_id",
                    [place["story_id"]])]
                order.insert(min(place["position"], len(order)), article["id"])
                self.db["story_articles"].upsert_all(
                    ({"story_id": place["story_id"], "article_id": a, "position": i} for i, a in enumerate(order)),
                    pk=("story_id", "article_id"))
        return Changes(_TABLES, frozenset({article["id"]}))

    def _insert_rows(self, table: str, rows: list[dict]) -> None:
        for row in rows:
            columns = ", ".join(f'"{c}"' for c in row)
            self.db.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))


__all__ = ["EDITABLE", "ArticleEditsMixin", "ArticleInfo", "check_info"]
