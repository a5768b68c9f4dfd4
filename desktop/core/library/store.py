"""The library: one SQLite file, reached only through ``Store``.

No SQL lives outside this module and ``schema.py``. Every mutating call commits before it
returns and returns a ``Changes`` naming the tables and ids it touched, so views refresh
only what cares. Writes use ``BEGIN IMMEDIATE`` so two Parallax windows on one library
queue up behind SQLite's lock instead of failing half-way.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from sqlite_utils import Database

from desktop.core.library import schema
from desktop.core.notes.anchoring import Anchor, relocate
from desktop.core.errors import LibraryError, NotFound
from desktop.core.models import (
    Annotation,
    AnnotationLink,
    Article,
    ArticleSummary,
    BoilerplateSpan,
    Changes,
    ParsedArticle,
    SearchHit,
    Story,
    TagInfo,
    mask_spans,
    opening_words,
)

BUSY_TIMEOUT_S = 10.0


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count_words(text: str) -> int:
    return len(text.split())


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """The one gateway to the library database."""

    def __init__(self, path: str | os.PathLike | None = None, *, memory: bool = False):
        self.path = None if memory else Path(path).expanduser()  # type: ignore[arg-type]
        if self.path is None and not memory:
            raise ValueError("Store needs a path, or memory=True")
        # a library Parallax may not write (permissions, a read-only disk) is opened read-only:
        # it can be listed, searched, compared and exported; every write says why it cannot
        self.read_only = self.path is not None and _check_library_file(self.path)
        conn = None
        try:
            conn = sqlite3.connect(
                ":memory:" if memory else _read_only_uri(self.path) if self.read_only else str(self.path),
                timeout=BUSY_TIMEOUT_S,
                check_same_thread=False,
                uri=self.read_only,
            )
            self.db = Database(conn)
            self.db.execute("PRAGMA foreign_keys=ON")
            _check_schema_readable(self.db, self.path)
            if self.read_only:
                schema.check_readable_as_is(self.db, self.path)
            else:
                if not memory:
                    self.db.execute("PRAGMA journal_mode=WAL")
                # a crash mid-write loses at most the open transaction, never committed work
                self.db.execute("PRAGMA synchronous=NORMAL")
                schema.migrate(self.db, self.path)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            raise _library_error(self.path, exc) from exc
        except BaseException:
            if conn is not None:
                conn.close()
            raise

    # ----------------------------------------------------------------- plumbing

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One atomic write: all of it is committed, or none of it."""
        try:
            if self.db.conn.in_transaction:  # nested: a savepoint inside the caller's write
                with self.db.atomic():
                    yield
                return
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.db.rollback()
                raise
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "database or disk is full" in str(exc) or "disk I/O error" in str(exc) and _disk_full(self.path):
                raise LibraryError(
                    f"The disk holding the library {self.path} is full; nothing was changed. "
                    "Free some space and try again."
                ) from exc
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise LibraryError(
                    f"The library {self.path} is read-only; nothing was changed. "
                    "Check the file's permissions or choose another library with --library."
                ) from exc
            if "locked" in str(exc) or "busy" in str(exc):
                raise LibraryError(
                    f"The library {self.path} is busy in another program for more than "
                    f"{BUSY_TIMEOUT_S:.0f} s; nothing was changed. Try again."
                ) from exc
            raise

    def batch(self) -> contextlib.AbstractContextManager[None]:
        """Group several store calls into one transaction (savepoint when nested)."""
        return self._write()

    @property
    def schema_version(self) -> int:
        return schema.user_version(self.db)

    def data_version(self) -> int:
        """Changes whenever another connection (another window, the CLI) commits a write: a
        cheap way to notice that views must be refreshed."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    # ----------------------------------------------------------------- articles

    def save_article(
        self, parsed: ParsedArticle, boilerplate: Iterable[BoilerplateSpan] = (), *,
        text_hash: str | None = None, words: int | None = None,
    ) -> tuple[str, int, Changes]:
        """Store an imported article; returns (status, article id, changes).

        Status is "added" for an article new to the library, "updated" when an article
        with the same identity (URL, else origin) comes back with other text (a new
        version is kept beside the old ones), and "unchanged" when the same text is
        already in the library under any identity: identical content is never duplicated.
        ``text_hash`` and ``words`` may be given when already known (``preparing.prepare``).
        """
        text_hash = text_hash or content_hash(parsed.text)
        identity = parsed.url or parsed.origin
        spans = sorted(boilerplate, key=lambda s: s.start)
        if words is None:
            words = count_words(mask_spans(parsed.text, [s for s in spans if s.active]))
        with self._write():
            row = self.db.execute(
                "SELECT id, current_version_id FROM articles WHERE identity = ?", [identity]
            ).fetchone()
            # by the content-hash index, then each candidate's article by its key (a join that
            # started from articles read the whole table for every import)
            same = self.db.execute(
                "SELECT v.article_id FROM article_versions v WHERE v.content_hash = ?"
                " AND v.id = (SELECT a.current_version_id FROM articles a WHERE a.id = v.article_id)"
                " ORDER BY v.article_id LIMIT 1",
                [text_hash],
            ).fetchone()
            if same and (row is None or same[0] == row[0]):
                return "unchanged", same[0], Changes()
            source_id = self._source_id(parsed.source)
            now = _now()
            meta = {
                "title": parsed.title,
                "source_id": source_id,
                "author": parsed.author,
                "published": parsed.published,
                "url": parsed.url,
                "origin": parsed.origin,
                "text": parsed.text,
                "word_count": words,
                "updated": now,
            }
            # plain statements on this hot path (an import of thousands): sqlite-utils' insert
            # reads the table's columns again for every row
            if row is None:
                meta = {"identity": identity, "created": now, "version_count": 0, **meta}
                article_id = self.db.execute(
                    f"INSERT INTO articles ({', '.join(meta)}) VALUES ({', '.join('?' * len(meta))})",
                    list(meta.values()),
                ).lastrowid
                status = "added"
            else:
                article_id = row[0]
                # keep metadata the new capture lacks (a re-import of a .txt has no title)
                meta = {k: v for k, v in meta.items() if v is not None}
                self.db["articles"].update(article_id, meta)
                status = "updated"
            number = self.db.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM article_versions WHERE article_id = ?",
                [article_id],
            ).fetchone()[0]
            version_id = self.db.execute(
                "INSERT INTO article_versions (article_id, number, content_hash, text, imported)"
                " VALUES (?, ?, ?, ?, ?)",
                [article_id, number, text_hash, parsed.text, now],
            ).lastrowid
            self.db.conn.executemany(
                'INSERT INTO boilerplate_spans (version_id, start, "end", kind, active) VALUES (?, ?, ?, ?, ?)',
                [(version_id, s.start, s.end, s.kind, int(s.active)) for s in spans],
            )
            self.db.execute(
                "UPDATE articles SET current_version_id = ?, version_count = ? WHERE id = ?",
                [version_id, number, article_id],
            )
        return status, article_id, Changes(frozenset({"articles"}), frozenset({article_id}))

    def save_articles(self, items: Iterable[tuple[ParsedArticle, Iterable[BoilerplateSpan], str, int]]
                      ) -> list[tuple[str, int, Changes]]:
        """Many ``save_article`` calls in one write, for imports of thousands: the same statuses and
        ids, in order. Each item is (parsed, boilerplate spans, content hash, word count). New
        articles are written many rows to a statement: the full-text index writes out its pending
        data at the end of every statement, which makes one row a statement 2-3 times slower."""
        items = list(items)
        out: list[tuple[str, int, Changes] | None] = []
        pending: list[tuple[int, ParsedArticle, list[BoilerplateSpan], str, int]] = []  # (slot, ...)
        new_identities: set[str] = set()
        new_hashes: set[str] = set()
        with self._write():
            known_identities = self._present("articles", "identity", [p.url or p.origin for p, *_ in items])
            known_hashes = self._present("article_versions", "content_hash", [h for _, _, h, _ in items])
            next_article = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0]
            next_version = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM article_versions").fetchone()[0]
            for parsed, spans, text_hash, words in items:
                identity = parsed.url or parsed.origin
                if identity in new_identities or text_hash in new_hashes:  # repeats inside the batch
                    self._write_new_articles(pending, out, next_article, next_version)
                    known_identities |= new_identities
                    known_hashes |= new_hashes
                    pending, new_identities, new_hashes = [], set(), set()
                if identity in known_identities or text_hash in known_hashes:
                    # an update, or maybe unchanged: the one-article path decides
                    out.append(self.save_article(parsed, spans, text_hash=text_hash, words=words))
                    known_identities.add(identity)
                    known_hashes.add(text_hash)
                    next_article = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0]
                    next_version = self.db.execute(
                        "SELECT COALESCE(MAX(id), 0) + 1 FROM article_versions").fetchone()[0]
                    continue
                new_identities.add(identity)
                new_hashes.add(text_hash)
                pending.append((len(out), parsed, sorted(spans, key=lambda s: s.start), text_hash, words))
                out.append(None)
            self._write_new_articles(pending, out, next_article, next_version)
        return out  # type: ignore[return-value]

    def _present(self, table: str, column: str, values: list[str]) -> set[str]:
        """Which of ``values`` the (indexed) ``column`` of ``table`` holds, a few queries for many."""
        found: set[str] = set()
        for n in range(0, len(values), 500):
            chunk = values[n:n + 500]
            found.update(r[0] for r in self.db.execute(
                f"SELECT {column} FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def _write_new_articles(self, pending, out, next_article: int, next_version: int) -> tuple[int, int]:
        """Insert the pending new articles (inside a write), filling their slots of ``out``."""
        if not pending:
            return next_article, next_version
        now = _now()
        articles, versions, spans = [], [], []
        for n, (slot, parsed, found, text_hash, words) in enumerate(pending):
            article_id, version_id = next_article + n, next_version + n
            articles.append((article_id, parsed.url or parsed.origin, parsed.title, self._source_id(parsed.source),
                             parsed.author, parsed.published, parsed.url, parsed.origin, parsed.text, words,
                             version_id, 1, now, now))
            versions.append((version_id, article_id, 1, text_hash, parsed.text, now))
            spans += [(version_id, s.start, s.end, s.kind, int(s.active)) for s in found]
            out[slot] = ("added", article_id, Changes(frozenset({"articles"}), frozenset({article_id})))
        per_statement = max(1, self.db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // 14)
        for n in range(0, len(articles), min(per_statement, 200)):
            chunk = articles[n:n + min(per_statement, 200)]
            self.db.execute(
                "INSERT INTO articles (id, identity, title, source_id, author, published, url, origin, text,"
                " word_count, current_version_id, version_count, created, updated) VALUES "
                + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(chunk)),
                [value for row in chunk for value in row])
        self.db.conn.executemany(
            "INSERT INTO article_versions (id, article_id, number, content_hash, text, imported)"
            " VALUES (?, ?, ?, ?, ?, ?)", versions)
        self.db.conn.executemany(
            'INSERT INTO boilerplate_spans (version_id, start, "end", kind, active) VALUES (?, ?, ?, ?, ?)', spans)
        return next_article + len(pending), next_version + len(pending)

    def _source_id(self, name: str | None) -> int | None:
        if not name:
            return None
        row = self.db.execute("SELECT id FROM sources WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        return self.db["sources"].insert({"name": name}).last_pk

    def article(self, article_id: int) -> Article:
        row = self.db.execute(
            "SELECT a.id, a.title, s.name, a.author, a.published, a.url, a.origin, v.text,"
            " v.number, v.id, v.content_hash, a.word_count"
            " FROM articles a JOIN article_versions v ON v.id = a.current_version_id"
            " LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            raise NotFound(f"No article with id {article_id} in this library.")
        spans = tuple(
            BoilerplateSpan(start=r[0], end=r[1], kind=r[2], active=bool(r[3]), id=r[4])
            for r in self.db.execute(
                'SELECT start, "end", kind, active, id FROM boilerplate_spans'
                " WHERE version_id = ? ORDER BY start",
                [row[9]],
            )
        )
        return Article(
            id=row[0], title=row[1], source=row[2], author=row[3], published=row[4],
            url=row[5], origin=row[6], text=row[7], version=row[8], version_id=row[9],
            content_hash=row[10], word_count=row[11], boilerplate=spans,
        )

    def articles(self, story_id: int | None = None) -> list[ArticleSummary]:
        """All articles (by title), or a story's articles in the story's order."""
        select = (
            "SELECT a.id, a.title, s.name, a.author, a.published, a.url, a.word_count,"
            " a.version_count, substr(a.text, 1, 200) FROM articles a"
            " LEFT JOIN sources s ON s.id = a.source_id"
        )
        if story_id is None:
            rows = self.db.execute(select + " ORDER BY COALESCE(a.title, a.text), a.id")
        else:
            rows = self.db.execute(
                select + " JOIN story_articles sa ON sa.article_id = a.id"
                " WHERE sa.story_id = ? ORDER BY sa.position, a.id",
                [story_id],
            )
        return [
            ArticleSummary(
                id=r[0], title=r[1], source=r[2], author=r[3], published=r[4], url=r[5],
                word_count=r[6], version=r[7], opening=opening_words(r[8]),
            )
            for r in rows
        ]

    def version_content_hash(self, version_id: int) -> str:
        row = self.db.execute("SELECT content_hash FROM article_versions WHERE id = ?", [version_id]).fetchone()
        if row is None:
            raise NotFound(f"No article version with id {version_id} in this library.")
        return row[0]

    def article_versions(self, article_id: int) -> list[tuple[int, str, str]]:
        """(version number, content hash, import time) of every stored version, oldest first."""
        return [
            tuple(r)
            for r in self.db.execute(
                "SELECT number, content_hash, imported FROM article_versions"
                " WHERE article_id = ? ORDER BY number",
                [article_id],
            )
        ]

    def set_boilerplate_active(self, span_id: int, active: bool) -> Changes:
        """Toggle one boilerplate span: inactive spans count as article text again."""
        with self._write():
            row = self.db.execute(
                "SELECT v.article_id FROM boilerplate_spans b"
                " JOIN article_versions v ON v.id = b.version_id WHERE b.id = ?",
                [span_id],
            ).fetchone()
            if row is None:
                raise NotFound(f"No boilerplate span with id {span_id}.")
            self.db["boilerplate_spans"].update(span_id, {"active": int(active)})
            article = self.article(row[0])
            self.db["articles"].update(
                article.id, {"word_count": count_words(article.body_text)}
            )
        return Changes(frozenset({"articles", "boilerplate_spans"}), frozenset({row[0]}))

    def delete_article(self, article_id: int) -> Changes:
        """Delete the article with all its versions, and with its annotations.

        An annotation cannot outlive the text it marks, so the article's annotations go
        with it (with their tags and their links to other annotations), as do the
        article's own tag assignments; the tags themselves stay. Nothing is left pointing
        at deleted rows. The caller confirms with the user first.
        """
        with self._write():
            self.article(article_id)  # raises NotFound
            self.db.execute("UPDATE articles SET current_version_id = NULL WHERE id = ?", [article_id])
            self.db.execute("DELETE FROM story_articles WHERE article_id = ?", [article_id])
            mine = "(SELECT id FROM annotations WHERE article_id = ?)"
            self.db.execute(
                f"DELETE FROM annotation_links WHERE from_id IN {mine} OR to_id IN {mine}",
                [article_id, article_id],
            )
            self.db.execute(f"DELETE FROM annotation_tags WHERE annotation_id IN {mine}", [article_id])
            self.db.execute("DELETE FROM annotations WHERE article_id = ?", [article_id])
            self.db.execute("DELETE FROM article_tags WHERE article_id = ?", [article_id])
            self.db.execute(
                "DELETE FROM boilerplate_spans WHERE version_id IN"
                " (SELECT id FROM article_versions WHERE article_id = ?)",
                [article_id],
            )
            self.db.execute("DELETE FROM article_versions WHERE article_id = ?", [article_id])
            self.db["articles"].delete(article_id)
        return Changes(
            frozenset({"articles", "story_articles", "annotations", "annotation_tags",
                       "annotation_links", "article_tags"}),
            frozenset({article_id}),
        )

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over titles and texts; every word must match (prefixes allowed)."""
        terms = [t.replace('"', '""') for t in query.split()]
        if not terms:
            return []
        match = " ".join(f'"{t}"*' for t in terms)
        rows = self.db.execute(
            "SELECT a.id, COALESCE(a.title, substr(a.text, 1, 80)), s.name,"
            " snippet(articles_fts, 1, '[', ']', '…', 12)"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " LEFT JOIN sources s ON s.id = a.source_id"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            [match, limit],
        )
        return [SearchHit(article_id=r[0], title=r[1], source=r[2], snippet=r[3]) for r in rows]

    # ------------------------------------------------------------------ stories

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
        name = name.strip()
        if not name:
            raise ValueError("A story needs a name.")
        with self._write():
            row = self.db.execute("SELECT id FROM stories WHERE name = ?", [name]).fetchone()
            if row:
                return row[0], Changes()
            story_id = self.db["stories"].insert({"name": name, "created": _now()}).last_pk
        return story_id, Changes(frozenset({"stories"}), frozenset({story_id}))

    def rename_story(self, story_id: int, name: str) -> Changes:
        name = name.strip()
        if not name:
            raise ValueError("A story needs a name.")
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

    # -------------------------------------------------------------- annotations
    #
    # Offsets are half-open Python character offsets into the text of the annotated
    # article version. ``Changes.ids`` holds the ids of the annotations touched (for tag
    # calls: of the tags, articles or stories touched, as each method says).

    _ANNOTATION_COLUMNS = (
        'a.id, a.article_id, a.version_id, a.start, a."end", a.exact, a.prefix, a.suffix,'
        " a.color, a.note, a.created, a.updated, a.orphaned,"
        " (SELECT group_concat(t.name, char(31)) FROM annotation_tags at"
        "  JOIN tags t ON t.id = at.tag_id WHERE at.annotation_id = a.id), a.changed"
    )

    @staticmethod
    def _annotation_from_row(row) -> Annotation:
        tags = tuple(sorted(row[13].split("\x1f"), key=str.casefold)) if row[13] else ()
        return Annotation(
            id=row[0], article_id=row[1], version_id=row[2], start=row[3], end=row[4],
            exact=row[5], prefix=row[6], suffix=row[7], color=row[8], note=row[9], tags=tags,
            created=row[10], updated=row[11], orphaned=bool(row[12]), changed=bool(row[14]),
        )

    def _version_text(self, version_id: int) -> tuple[int, str]:
        row = self.db.execute(
            "SELECT article_id, text FROM article_versions WHERE id = ?", [version_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"No article version with id {version_id} in this library.")
        return row[0], row[1]

    @staticmethod
    def _check_span(text: str, start: int, end: int, exact: str, where: str) -> None:
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
            raise ValueError(
                f"The span {start}..{end} is not a non-empty stretch of {where} "
                f"({len(text)} characters)."
            )
        found = text[start:end]
        if found != exact:
            raise ValueError(
                f"The quote does not match {where} at {start}..{end}: expected {exact!r}, "
                f"the text there is {found!r}."
            )

    def _check_new_annotation(self, article_id: int, current_version: int, text: str, start: int, end: int,
                              exact: str, orphaned: bool, version_id: int | None) -> None:
        """What a new annotation must satisfy: an older version only for an orphan (of the same
        article), and unless orphaned, ``exact`` at ``start..end`` of the current text."""
        if version_id is not None and version_id != current_version:
            owner, _ = self._version_text(version_id)
            if owner != article_id or not orphaned:
                raise ValueError(
                    f"Only an orphan may keep an older version; version {version_id} "
                    f"is not article {article_id}'s current one."
                )
        if not orphaned:
            self._check_span(text, start, end, exact, f"article {article_id}'s text")

    def add_annotation(
        self,
        article_id: int,
        start: int,
        end: int,
        exact: str,
        prefix: str,
        suffix: str,
        color: str = "yellow",
        note: str = "",
        tags: Iterable[str] = (),
        *,
        orphaned: bool = False,
        created: str | None = None,
        updated: str | None = None,
        version_id: int | None = None,
        changed: bool = False,
    ) -> tuple[int, Changes]:
        """Annotate ``text[start:end]`` of the article's current version.

        Raises ValueError when that stretch of the current text is not ``exact`` (the
        caller's view of the article is stale, or the offsets are wrong), NotFound for
        an unknown article. ``orphaned`` keeps an annotation whose quote is no longer in
        the text (undoing the deletion of an orphan, importing one): its span is not
        checked. ``created``/``updated`` restore the original times (default: now), and
        ``version_id`` an orphan's own version (default: the current one). ``changed`` keeps
        an annotation whose quote differs from the words now at its span (see ``Annotation``).
        """
        with self._write():
            article = self.article(article_id)  # raises NotFound
            self._check_new_annotation(article_id, article.version_id, article.text, start, end, exact,
                                       orphaned or changed, version_id if orphaned else None)
            now = _now()
            annotation_id = self.db["annotations"].insert(
                {
                    "id": self._fresh_id("annotations"),
                    "article_id": article_id,
                    "version_id": version_id or article.version_id,
                    "start": start,
                    "end": end,
                    "exact": exact,
                    "prefix": prefix,
                    "suffix": suffix,
                    "color": color,
                    "note": note,
                    "created": created or now,
                    "updated": updated or created or now,
                    "orphaned": int(bool(orphaned)),
                    "changed": int(bool(changed) and not orphaned),
                }
            ).last_pk
            changes = Changes(frozenset({"annotations"}), frozenset({annotation_id}))
            names = list(tags)
            if names:
                changes |= self.set_annotation_tags(annotation_id, names)
        return annotation_id, changes

    def add_annotations(self, records: Iterable[dict]) -> tuple[list[int], Changes]:
        """Many ``add_annotation`` calls in one write, for imports: the same checks and rows, the
        article and tag lookups done once per article and per tag name instead of once per note.

        Each record is a dict of ``add_annotation``'s arguments by name: ``article_id``, ``start``,
        ``end``, ``exact``, ``prefix``, ``suffix``, and optionally ``color``, ``note``, ``tags``,
        ``orphaned``, ``created``, ``updated``, ``version_id``. Returns the new ids in record order
        (never reused, as ``_fresh_id``) and the changes; any bad record raises and writes nothing.
        """
        records = list(records)
        if not records:
            return [], Changes()
        now = _now()
        rows: list[tuple] = []
        tag_rows: list[tuple[int, int]] = []
        tag_ids: dict[str, int] = {}
        created_tag = tagged = False
        with self._write():
            current: dict[int, tuple[int, str]] = {}  # article id -> (current version id, its text)
            for record in records:
                article_id = record["article_id"]
                if article_id not in current:
                    row = self.db.execute(
                        "SELECT v.id, v.text FROM articles a"
                        " JOIN article_versions v ON v.id = a.current_version_id WHERE a.id = ?",
                        [article_id]).fetchone()
                    if row is None:
                        raise NotFound(f"No article with id {article_id} in this library.")
                    current[article_id] = (row[0], row[1])
            first = self._fresh_id("annotations")
            ids = list(range(first, first + len(records)))
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            ["last_id:annotations", str(ids[-1])])
            for annotation_id, record in zip(ids, records):
                article_id, start, end, exact = (record[k] for k in ("article_id", "start", "end", "exact"))
                version_id, text = current[article_id]
                orphaned = bool(record.get("orphaned", False))
                own_version = record.get("version_id")
                self._check_new_annotation(article_id, version_id, text, start, end, exact, orphaned, own_version)
                created = record.get("created") or now
                rows.append((annotation_id, article_id, own_version or version_id, start, end, exact,
                             record["prefix"], record["suffix"], record.get("color", "yellow"),
                             record.get("note", ""), created, record.get("updated") or created,
                             int(orphaned)))
                names = list(record.get("tags", ()))
                tagged |= bool(names)
                own_tags: list[int] = []
                for name in names:
                    if name not in tag_ids:
                        tag_ids[name], new = self._ensure_tag(name)
                        created_tag |= new
                    if tag_ids[name] not in own_tags:
                        own_tags.append(tag_ids[name])
                tag_rows += [(annotation_id, tag_id) for tag_id in own_tags]
            # many rows per statement: FTS5 writes out its pending index at every statement's
            # savepoint, which makes one INSERT per row (executemany) four to five times slower
            per_statement = max(1, min(500, self.db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // 13))
            for n in range(0, len(rows), per_statement):
                chunk = rows[n:n + per_statement]
                self.db.execute(
                    'INSERT INTO annotations (id, article_id, version_id, start, "end", exact, prefix, suffix,'
                    " color, note, created, updated, orphaned) VALUES "
                    + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(chunk)),
                    [value for row in chunk for value in row],
                )
            self.db.conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)", tag_rows)
        tables = {"annotations"} | ({"annotation_tags"} if tagged else set())
        tables |= {"tags"} if created_tag else set()
        return ids, Changes(frozenset(tables), frozenset(ids))

    def add_annotation_links(self, links: Iterable[tuple[int, int, str]]) -> tuple[list[int], Changes]:
        """Many ``link_annotations(from_id, to_id, kind)`` calls in one write, with the same checks.
        A pair already linked with that kind (in the library, or earlier in ``links``) is left as it
        is; returns the ids of the links created (never reused) and the changes (ids: their ends)."""
        links = [(from_id, to_id, kind) for from_id, to_id, kind in links]
        for from_id, to_id, kind in links:
            if kind not in schema.ANNOTATION_LINK_KINDS:
                known = ", ".join(repr(k) for k in schema.ANNOTATION_LINK_KINDS)
                raise ValueError(f"Unknown link kind {kind!r}; use one of {known}.")
            if from_id == to_id:
                raise ValueError("An annotation cannot be linked to itself.")
        if not links:
            return [], Changes()
        new: list[tuple[int, int, str]] = []
        with self._write():
            ends = list(dict.fromkeys(e for link in links for e in link[:2]))
            found: set[int] = set()
            for n in range(0, len(ends), 500):
                chunk = ends[n:n + 500]
                found.update(r[0] for r in self.db.execute(
                    f"SELECT id FROM annotations WHERE id IN ({','.join('?' * len(chunk))})", chunk))
            missing = next((e for e in ends if e not in found), None)
            if missing is not None:
                raise NotFound(f"No annotation with id {missing} in this library.")
            seen: set[tuple[int, int, str]] = set()
            for link in links:
                if link in seen or self.db.execute(
                    "SELECT 1 FROM annotation_links WHERE from_id = ? AND to_id = ? AND kind = ?", list(link)
                ).fetchone():
                    continue
                seen.add(link)
                new.append(link)
            if not new:
                return [], Changes()
            first = self._fresh_id("annotation_links")
            ids = list(range(first, first + len(new)))
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            ["last_id:annotation_links", str(ids[-1])])
            now = _now()
            self.db.conn.executemany(
                "INSERT INTO annotation_links (id, from_id, to_id, kind, created) VALUES (?, ?, ?, ?, ?)",
                [(link_id, a, b, kind, now) for link_id, (a, b, kind) in zip(ids, new)],
            )
        return ids, Changes(frozenset({"annotation_links"}), frozenset(e for a, b, _ in new for e in (a, b)))

    def article_identities(self) -> list[tuple[int, str | None, str | None, str]]:
        """(id, url, origin, content hash of the current text) of every article, in ``articles()``'s
        order: what an import needs to find articles, without reading their texts."""
        return [
            (r[0], r[1], r[2], r[3])
            for r in self.db.execute(
                "SELECT a.id, a.url, a.origin, v.content_hash FROM articles a"
                " JOIN article_versions v ON v.id = a.current_version_id ORDER BY COALESCE(a.title, a.text), a.id"
            )
        ]

    def update_annotation(
        self,
        annotation_id: int,
        *,
        note: str | None = None,
        color: str | None = None,
        start: int | None = None,
        end: int | None = None,
        exact: str | None = None,
        prefix: str | None = None,
        suffix: str | None = None,
        orphaned: bool | None = None,
        version_id: int | None = None,
        changed: bool | None = None,
    ) -> Changes:
        """Change the given fields (None leaves a field as it is) and set ``updated``.

        Unless the result is orphaned or changed, its span must still hold ``exact`` in the
        text of its version (ValueError otherwise); a new ``version_id`` must be a version of
        the same article.
        """
        with self._write():
            current = self.annotation(annotation_id)  # raises NotFound
            fields = {
                "note": note, "color": color, "start": start, "end": end, "exact": exact,
                "prefix": prefix, "suffix": suffix, "version_id": version_id,
                "orphaned": None if orphaned is None else int(bool(orphaned)),
                "changed": None if changed is None else int(bool(changed)),
            }
            fields = {k: v for k, v in fields.items() if v is not None}
            if not fields:
                return Changes()
            new_version = fields.get("version_id", current.version_id)
            version_article, text = self._version_text(new_version)
            if version_article != current.article_id:
                raise ValueError(
                    f"Version {new_version} belongs to article {version_article}, not to "
                    f"article {current.article_id} of annotation {annotation_id}."
                )
            if not fields.get("orphaned", int(current.orphaned)) and not fields.get("changed", int(current.changed)):
                self._check_span(
                    text,
                    fields.get("start", current.start),
                    fields.get("end", current.end),
                    fields.get("exact", current.exact),
                    f"version {new_version} of article {current.article_id}",
                )
            fields["updated"] = _now()
            self.db["annotations"].update(annotation_id, fields)
        return Changes(frozenset({"annotations"}), frozenset({annotation_id}))

    def delete_annotation(self, annotation_id: int) -> Changes:
        """Delete the annotation with its tag assignments and its links (tags stay)."""
        with self._write():
            self.annotation(annotation_id)  # raises NotFound
            self.db.execute(
                "DELETE FROM annotation_links WHERE from_id = ? OR to_id = ?",
                [annotation_id, annotation_id],
            )
            self.db.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", [annotation_id])
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
        return Changes(
            frozenset({"annotations", "annotation_tags", "annotation_links"}),
            frozenset({annotation_id}),
        )

    def annotation(self, annotation_id: int) -> Annotation:
        row = self.db.execute(
            f"SELECT {self._ANNOTATION_COLUMNS} FROM annotations a WHERE a.id = ?", [annotation_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"No annotation with id {annotation_id} in this library.")
        return self._annotation_from_row(row)

    def annotations(
        self, story_id: int | None = None, article_id: int | None = None, tag: str | None = None
    ) -> list[Annotation]:
        """Annotations, all or filtered (filters combine), ordered by article then start."""
        where, params = self._annotation_filters(story_id=story_id, article_id=article_id, tag=tag)
        sql = f"SELECT {self._ANNOTATION_COLUMNS} FROM annotations a" + where
        sql += ' ORDER BY a.article_id, a.start, a."end", a.id'
        return [self._annotation_from_row(r) for r in self.db.execute(sql, params)]

    def search_annotations(self, query: str, limit: int = 200) -> list[Annotation]:
        """Full-text search over quotes and notes; every word must match (prefixes allowed)."""
        match = self._fts_match(query)
        if match is None:
            return []
        rows = self.db.execute(
            f"SELECT {self._ANNOTATION_COLUMNS} FROM annotations_fts"
            " JOIN annotations a ON a.rowid = annotations_fts.rowid"
            " WHERE annotations_fts MATCH ? ORDER BY rank, a.id LIMIT ?",
            [match, limit],
        )
        return [self._annotation_from_row(r) for r in rows]

    # Lists of many annotations are read in two steps: the matching ids first (cheap even for
    # 100,000 rows), then the annotations of the rows on screen (``annotations_by_ids``).

    @staticmethod
    def _fts_match(query: str | None) -> str | None:
        terms = [t.replace('"', '""') for t in (query or "").split()]
        return " ".join(f'"{t}"*' for t in terms) if terms else None

    def _annotation_filters(
        self, *, story_id: int | None = None, article_id: int | None = None, tag: str | None = None,
        color: str | None = None, orphaned: bool | None = None, query: str | None = None,
        exclude_article_id: int | None = None, review: bool | None = None,
    ) -> tuple[str, list]:
        """The WHERE clause (with a leading space, or empty) and its parameters."""
        where, params = [], []
        if story_id is not None:
            where.append("a.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
            params.append(story_id)
        if article_id is not None:
            where.append("a.article_id = ?")
            params.append(article_id)
        if exclude_article_id is not None:
            where.append("a.article_id <> ?")
            params.append(exclude_article_id)
        if tag is not None:
            where.append(
                "a.id IN (SELECT at.annotation_id FROM annotation_tags at"
                " JOIN tags t ON t.id = at.tag_id WHERE t.name = ?)"
            )
            params.append(tag.strip())
        if color is not None:
            where.append("a.color = ?")
            params.append(color)
        if orphaned is not None:
            where.append("a.orphaned = ?")
            params.append(int(orphaned))
        if review is not None:  # orphaned, or re-attached to changed words
            where.append("(a.orphaned = 1 OR a.changed = 1)" if review else "(a.orphaned = 0 AND a.changed = 0)")
        match = self._fts_match(query)
        if match is not None:
            where.append("a.rowid IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?)")
            params.append(match)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def annotation_keys(
        self, story_id: int | None = None, *, article_id: int | None = None, tag: str | None = None,
        color: str | None = None, orphaned: bool | None = None, query: str | None = None,
        exclude_article_id: int | None = None, review: bool | None = None,
    ) -> list[tuple[int, int]]:
        """(annotation id, article id) of the matching annotations, ordered by article then
        start; ``query`` is a full-text search over quotes and notes as in ``search_annotations``."""
        where, params = self._annotation_filters(
            story_id=story_id, article_id=article_id, tag=tag, color=color, orphaned=orphaned,
            query=query, exclude_article_id=exclude_article_id, review=review)
        sql = "SELECT a.id, a.article_id FROM annotations a" + where
        sql += ' ORDER BY a.article_id, a.start, a."end", a.id'
        return [(r[0], r[1]) for r in self.db.execute(sql, params)]

    def annotation_count(self, story_id: int | None = None, *, orphaned: bool | None = None,
                         review: bool | None = None) -> int:
        where, params = self._annotation_filters(story_id=story_id, orphaned=orphaned, review=review)
        return self.db.execute("SELECT COUNT(*) FROM annotations a" + where, params).fetchone()[0]

    def annotations_by_ids(self, ids: Iterable[int]) -> list[Annotation]:
        """These annotations in the order given; ids not in the library are left out."""
        ids = list(ids)
        found: dict[int, Annotation] = {}
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            for row in self.db.execute(
                f"SELECT {self._ANNOTATION_COLUMNS} FROM annotations a"
                f" WHERE a.id IN ({','.join('?' * len(chunk))})", chunk
            ):
                found[row[0]] = self._annotation_from_row(row)
        return [found[i] for i in ids if i in found]

    def annotation_tag_pairs(self, story_id: int | None = None) -> list[tuple[int, str]]:
        """(annotation id, tag name) for every tagged annotation (of the story), in no set order."""
        names = dict(self.db.execute("SELECT id, name FROM tags").fetchall())
        sql, params = "SELECT annotation_id, tag_id FROM annotation_tags", []
        if story_id is not None:
            where, params = self._annotation_filters(story_id=story_id)
            sql += f" WHERE annotation_id IN (SELECT a.id FROM annotations a{where})"
        return [(a, names[t]) for a, t in self.db.execute(sql, params)]

    def links_of(self, annotation_ids: Iterable[int]) -> list[AnnotationLink]:
        """Every link from or to any of these annotations, oldest first, each once."""
        ids = list(dict.fromkeys(annotation_ids))
        links: dict[int, AnnotationLink] = {}
        for n in range(0, len(ids), 400):
            chunk = ids[n:n + 400]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                "SELECT id, from_id, to_id, kind, created FROM annotation_links"
                f" WHERE from_id IN ({marks}) OR to_id IN ({marks})", chunk + chunk
            ):
                links[r[0]] = AnnotationLink(id=r[0], from_id=r[1], to_id=r[2], kind=r[3], created=r[4])
        return [links[k] for k in sorted(links)]

    def annotation_link(self, link_id: int) -> AnnotationLink:
        row = self.db.execute(
            "SELECT id, from_id, to_id, kind, created FROM annotation_links WHERE id = ?", [link_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"No annotation link with id {link_id}.")
        return AnnotationLink(id=row[0], from_id=row[1], to_id=row[2], kind=row[3], created=row[4])

    def restore_annotation(
        self, annotation: Annotation, links: Iterable[AnnotationLink] = ()
    ) -> tuple[int, Changes]:
        """Put back a deleted annotation (undo): under its old id when that is still free (so
        other undo steps naming it still work), with its tags, orphan state, dates and version,
        and the links whose other end still exists (under their old ids when free)."""
        a = self._reanchored(annotation)
        tables = {"annotations"}
        ids: set[int] = set()
        with self._write():
            taken = self._exists("annotations", a.id)
            new_id, _ = self.add_annotation(
                a.article_id, a.start, a.end, a.exact, a.prefix, a.suffix, color=a.color, note=a.note,
                orphaned=a.orphaned, created=a.created, updated=a.updated, version_id=a.version_id,
                changed=a.changed)
            if not taken and new_id != a.id:  # no rows point at the new id yet: renumber it
                self.db.execute("UPDATE annotations SET id = ? WHERE id = ?", [a.id, new_id])
                new_id = a.id
            ids.add(new_id)
            if a.tags:
                tables |= self.set_annotation_tags(new_id, a.tags).tables
            for link in links:
                ends = [new_id if end == a.id else end for end in (link.from_id, link.to_id)]
                if not all(self._exists("annotations", e) for e in ends):
                    continue  # the other end is gone too
                row = {"from_id": ends[0], "to_id": ends[1], "kind": link.kind, "created": link.created}
                if not self._exists("annotation_links", link.id):
                    row["id"] = link.id
                self.db["annotation_links"].insert(row)
                tables.add("annotation_links")
                ids.update(ends)
        return new_id, Changes(frozenset(tables), frozenset(ids))

    def reanchor_annotations(self, article_id: int) -> Changes:
        """After the article's text changed, move each annotation made on an older version to the
        same words in the current text; where the words there differ from its quote, keep the
        quote and flag it ``changed``; else mark it orphaned (kept, never dropped)."""
        article = self.article(article_id)
        changes = Changes()
        with self._write():
            for annotation in self.annotations(article_id=article_id):
                if annotation.version_id == article.version_id:
                    continue
                anchor = Anchor(annotation.start, annotation.end, annotation.exact, annotation.prefix,
                                annotation.suffix, self.version_content_hash(annotation.version_id))
                where = relocate(anchor, article.text)
                if where.status == "same":
                    changes |= self.update_annotation(
                        annotation.id, start=where.start, end=where.end, exact=where.exact, prefix=where.prefix,
                        suffix=where.suffix, version_id=article.version_id, orphaned=False, changed=False)
                elif where.status == "changed":
                    changes |= self.update_annotation(
                        annotation.id, start=where.start, end=where.end, version_id=article.version_id,
                        orphaned=False, changed=True)
                elif not annotation.orphaned:
                    changes |= self.update_annotation(annotation.id, orphaned=True, changed=False)
        return changes

    def _reanchored(self, a: Annotation) -> Annotation:
        """The annotation moved onto its article's current text when it was made on an older
        version: to the same words if they can be found, else kept as an orphan (never guessed)."""
        article = self.article(a.article_id)  # raises NotFound
        if a.orphaned or a.version_id == article.version_id:
            return a
        anchor = Anchor(a.start, a.end, a.exact, a.prefix, a.suffix, self.version_content_hash(a.version_id))
        where = relocate(anchor, article.text)
        if where.status == "orphan":
            return replace(a, orphaned=True, changed=False)
        if where.status == "changed":  # the reader's quote is kept; the note asks for review
            return replace(a, start=where.start, end=where.end, version_id=article.version_id, changed=True)
        return replace(a, start=where.start, end=where.end, exact=where.exact, prefix=where.prefix,
                       suffix=where.suffix, version_id=article.version_id, changed=False)

    def _fresh_id(self, table: str) -> int:
        """An id never used before in ``table``. SQLite would hand a deleted highest id out again,
        while an undo step or another window may still name it; inside a write."""
        key = f"last_id:{table}"
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        highest = self.db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
        fresh = max(int(row[0]) if row else 0, highest) + 1
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, str(fresh)])
        return fresh

    def _exists(self, table: str, row_id: int) -> bool:
        return self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None

    # --------------------------------------------------------------------- tags
    #
    # Tag names are unique ignoring case (SQLite's NOCASE: ASCII letters), trimmed, and
    # keep the spelling they were first created with.

    @staticmethod
    def _tag_name(name: str) -> str:
        name = (name or "").strip()
        if not name:
            raise ValueError("A tag needs a name.")
        return name

    def _find_tag(self, name: str) -> int | None:
        row = self.db.execute("SELECT id FROM tags WHERE name = ?", [self._tag_name(name)]).fetchone()
        return row[0] if row else None

    def _existing_tag(self, name: str) -> int:
        tag_id = self._find_tag(name)
        if tag_id is None:
            raise NotFound(f"No tag named {name!r} in this library.")
        return tag_id

    def _ensure_tag(self, name: str) -> tuple[int, bool]:
        """(tag id, whether it was created)."""
        tag_id = self._find_tag(name)
        if tag_id is not None:
            return tag_id, False
        return self.db["tags"].insert({"name": self._tag_name(name)}).last_pk, True

    # (join table, its owner column, the owner's table): everything a tag can be put on
    _TAGGED = (
        ("annotation_tags", "annotation_id", "annotations"),
        ("article_tags", "article_id", "articles"),
        ("story_tags", "story_id", "stories"),
    )

    def tags(self) -> list[TagInfo]:
        """Every tag by name, with the number of annotations, articles and stories carrying it."""
        return [
            TagInfo(name=r[0], color=r[1], count=r[2], articles=r[3], stories=r[4])
            for r in self.db.execute(
                "SELECT t.name, t.color,"
                " (SELECT COUNT(*) FROM annotation_tags x WHERE x.tag_id = t.id),"
                " (SELECT COUNT(*) FROM article_tags x WHERE x.tag_id = t.id),"
                " (SELECT COUNT(*) FROM story_tags x WHERE x.tag_id = t.id)"
                " FROM tags t ORDER BY t.name COLLATE NOCASE, t.id"
            )
        ]

    def tag_assignments(self, name: str) -> TagInfo:
        """The tag (its stored spelling and colour) with the ids of everything carrying it:
        a snapshot that ``restore_tag`` puts back exactly."""
        tag_id = self._existing_tag(name)
        stored, color = self.db.execute("SELECT name, color FROM tags WHERE id = ?", [tag_id]).fetchone()
        ids = [
            tuple(r[0] for r in self.db.execute(
                f"SELECT {owner} FROM {table} WHERE tag_id = ? ORDER BY {owner}", [tag_id]))
            for table, owner, _ in self._TAGGED
        ]
        return TagInfo(name=stored, color=color, count=len(ids[0]), articles=len(ids[1]),
                       stories=len(ids[2]), annotation_ids=ids[0], article_ids=ids[1], story_ids=ids[2])

    def restore_tag(self, name: str, color: str | None, annotation_ids: Iterable[int] = (),
                    article_ids: Iterable[int] = (), story_ids: Iterable[int] = (), *,
                    exact: bool = True) -> Changes:
        """Put a tag back (creating it when missing) with this spelling and colour, on these
        annotations, articles and stories (those of them that still exist). ``exact``: on
        exactly these; else on these as well as whatever carries it now (an undo that must not
        drop what another window tagged meanwhile). Ids: the tag."""
        with self._write():
            tag_id, _ = self._ensure_tag(name)
            self.db["tags"].update(tag_id, {"name": self._tag_name(name), "color": color})
            for (table, owner, parent), ids in zip(self._TAGGED, (annotation_ids, article_ids, story_ids)):
                if exact:
                    self.db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [tag_id])
                self.db.conn.executemany(
                    f"INSERT OR IGNORE INTO {table} ({owner}, tag_id)"
                    f" SELECT id, ? FROM {parent} WHERE id = ?",
                    [(tag_id, owner_id) for owner_id in ids],
                )
        return Changes(
            frozenset({"tags", "annotation_tags", "article_tags", "story_tags"}), frozenset({tag_id})
        )

    def set_annotation_tags(self, annotation_id: int, names: Iterable[str]) -> Changes:
        """Make ``names`` the annotation's tags, creating missing ones, reusing existing
        ones whatever their case. Tags no longer used stay in the library."""
        with self._write():
            self.annotation(annotation_id)  # raises NotFound
            created = self._set_owner_tags("annotation_tags", "annotation_id", annotation_id, names)
        tables = {"annotation_tags"} | ({"tags"} if created else set())
        return Changes(frozenset(tables), frozenset({annotation_id}))

    def untag(self, name: str, annotation_ids: Iterable[int] = (), article_ids: Iterable[int] = (),
              story_ids: Iterable[int] = ()) -> Changes:
        """Take the tag off these annotations, articles and stories; the tag stays. Ids: the tag."""
        with self._write():
            tag_id = self._existing_tag(name)
            for (table, owner, _), ids in zip(self._TAGGED, (annotation_ids, article_ids, story_ids)):
                self.db.conn.executemany(
                    f"DELETE FROM {table} WHERE tag_id = ? AND {owner} = ?", [(tag_id, i) for i in ids]
                )
        return Changes(
            frozenset({"annotation_tags", "article_tags", "story_tags"}), frozenset({tag_id})
        )

    def rename_tag(self, old: str, new: str) -> Changes:
        """Rename a tag; renaming onto another existing tag merges the two (ids: both tags)."""
        new = self._tag_name(new)
        with self._write():
            old_id = self._existing_tag(old)
            target = self._find_tag(new)
            if target is None or target == old_id:
                self.db["tags"].update(old_id, {"name": new})
                return Changes(frozenset({"tags"}), frozenset({old_id}))
            self._merge_tag_into(old_id, target)
        return Changes(
            frozenset({"tags", "annotation_tags", "article_tags", "story_tags"}),
            frozenset({old_id, target}),
        )

    def _merge_tag_into(self, source_id: int, target_id: int) -> None:
        """Move everything tagged ``source`` onto ``target`` and drop ``source``."""
        for table, owner, _ in self._TAGGED:
            self.db.execute(
                f"INSERT OR IGNORE INTO {table} ({owner}, tag_id)"
                f" SELECT {owner}, ? FROM {table} WHERE tag_id = ?",
                [target_id, source_id],
            )
            self.db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [source_id])
        # the merged tag keeps its colour, or takes the other's when it had none
        self.db.execute(
            "UPDATE tags SET color = COALESCE(color, (SELECT color FROM tags WHERE id = ?))"
            " WHERE id = ?",
            [source_id, target_id],
        )
        self.db.execute("DELETE FROM tags WHERE id = ?", [source_id])

    def merge_tags(self, names: Iterable[str], into: str) -> Changes:
        """Merge several tags into one named ``into``, in one transaction.

        ``into`` may be one of ``names``, another existing tag, or a new name (the first of
        ``names`` is then renamed to it). The survivor takes the spelling ``into`` and keeps
        its colour, or takes the first colour among the merged tags. Ids: every tag involved.
        """
        into = self._tag_name(into)
        with self._write():
            sources = list(dict.fromkeys(self._existing_tag(n) for n in names))
            if not sources:
                raise ValueError("Choose the tags to merge.")
            target = self._find_tag(into)
            for source in sources:
                if target is None:
                    target = source
                elif source != target:
                    self._merge_tag_into(source, target)
            self.db["tags"].update(target, {"name": into})
        return Changes(
            frozenset({"tags", "annotation_tags", "article_tags", "story_tags"}),
            frozenset(sources) | {target},
        )

    def delete_tag(self, name: str) -> Changes:
        """Delete a tag and take it off everything; annotations, articles, stories stay."""
        with self._write():
            tag_id = self._existing_tag(name)
            for table in ("annotation_tags", "article_tags", "story_tags"):
                self.db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [tag_id])
            self.db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
        return Changes(
            frozenset({"tags", "annotation_tags", "article_tags", "story_tags"}),
            frozenset({tag_id}),
        )

    def set_tag_color(self, name: str, color: str | None) -> Changes:
        with self._write():
            tag_id = self._existing_tag(name)
            self.db["tags"].update(tag_id, {"color": color})
        return Changes(frozenset({"tags"}), frozenset({tag_id}))

    def tag_article(self, article_id: int, name: str) -> Changes:
        """Tag a whole article (creating the tag if needed); ids: the article."""
        with self._write():
            self.article(article_id)  # raises NotFound
            tag_id, created = self._ensure_tag(name)
            self.db.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                [article_id, tag_id],
            )
        tables = {"article_tags"} | ({"tags"} if created else set())
        return Changes(frozenset(tables), frozenset({article_id}))

    def untag_article(self, article_id: int, name: str) -> Changes:
        with self._write():
            tag_id = self._existing_tag(name)
            self.db.execute(
                "DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?", [article_id, tag_id]
            )
        return Changes(frozenset({"article_tags"}), frozenset({article_id}))

    def article_tags(self, article_id: int) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id"
                " WHERE x.article_id = ? ORDER BY t.name COLLATE NOCASE",
                [article_id],
            )
        ]

    def tag_story(self, story_id: int, name: str) -> Changes:
        """Tag a whole story (creating the tag if needed); ids: the story."""
        with self._write():
            self.story(story_id)  # raises NotFound
            tag_id, created = self._ensure_tag(name)
            self.db.execute(
                "INSERT OR IGNORE INTO story_tags (story_id, tag_id) VALUES (?, ?)",
                [story_id, tag_id],
            )
        tables = {"story_tags"} | ({"tags"} if created else set())
        return Changes(frozenset(tables), frozenset({story_id}))

    def untag_story(self, story_id: int, name: str) -> Changes:
        with self._write():
            tag_id = self._existing_tag(name)
            self.db.execute(
                "DELETE FROM story_tags WHERE story_id = ? AND tag_id = ?", [story_id, tag_id]
            )
        return Changes(frozenset({"story_tags"}), frozenset({story_id}))

    def story_tags(self, story_id: int) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT t.name FROM story_tags x JOIN tags t ON t.id = x.tag_id"
                " WHERE x.story_id = ? ORDER BY t.name COLLATE NOCASE",
                [story_id],
            )
        ]

    def _set_owner_tags(self, table: str, owner: str, owner_id: int, names: Iterable[str]) -> bool:
        """Make ``names`` the tags of one annotation, article or story; True when a tag was created."""
        created = False
        tag_ids: list[int] = []
        for name in names:
            tag_id, new = self._ensure_tag(name)
            created |= new
            if tag_id not in tag_ids:
                tag_ids.append(tag_id)
        self.db.execute(f"DELETE FROM {table} WHERE {owner} = ?", [owner_id])
        self.db.conn.executemany(
            f"INSERT INTO {table} ({owner}, tag_id) VALUES (?, ?)", [(owner_id, t) for t in tag_ids]
        )
        return created

    def set_article_tags(self, article_id: int, names: Iterable[str]) -> Changes:
        """Make ``names`` the article's own tags (creating missing ones, reusing existing ones
        whatever their case); tags no longer used stay in the library. Ids: the article."""
        with self._write():
            self.article(article_id)  # raises NotFound
            created = self._set_owner_tags("article_tags", "article_id", article_id, names)
        return Changes(frozenset({"article_tags"} | ({"tags"} if created else set())), frozenset({article_id}))

    def set_story_tags(self, story_id: int, names: Iterable[str]) -> Changes:
        """Make ``names`` the story's tags, like ``set_article_tags``. Ids: the story."""
        with self._write():
            self.story(story_id)  # raises NotFound
            created = self._set_owner_tags("story_tags", "story_id", story_id, names)
        return Changes(frozenset({"story_tags"} | ({"tags"} if created else set())), frozenset({story_id}))

    def _tag_map(self, table: str, owner: str) -> dict[int, list[str]]:
        tags: dict[int, list[str]] = {}
        for owner_id, name in self.db.execute(
            f"SELECT x.{owner}, t.name FROM {table} x JOIN tags t ON t.id = x.tag_id"
            f" ORDER BY x.{owner}, t.name COLLATE NOCASE"
        ):
            tags.setdefault(owner_id, []).append(name)
        return tags

    def article_tag_map(self) -> dict[int, list[str]]:
        """Every tagged article's tags, by article id (one query, for the library list)."""
        return self._tag_map("article_tags", "article_id")

    def story_tag_map(self) -> dict[int, list[str]]:
        """Every tagged story's tags, by story id."""
        return self._tag_map("story_tags", "story_id")

    # -------------------------------------------------------------------- links

    def link_annotations(self, from_id: int, to_id: int, kind: str) -> tuple[int, Changes]:
        """Link two annotations ("same fact", "supports", "contradicts"); ids: both ends.

        Linking the same pair with the same kind again returns the existing link unchanged.
        """
        if kind not in schema.ANNOTATION_LINK_KINDS:
            known = ", ".join(repr(k) for k in schema.ANNOTATION_LINK_KINDS)
            raise ValueError(f"Unknown link kind {kind!r}; use one of {known}.")
        if from_id == to_id:
            raise ValueError("An annotation cannot be linked to itself.")
        with self._write():
            self.annotation(from_id)  # raises NotFound
            self.annotation(to_id)
            row = self.db.execute(
                "SELECT id FROM annotation_links WHERE from_id = ? AND to_id = ? AND kind = ?",
                [from_id, to_id, kind],
            ).fetchone()
            if row:
                return row[0], Changes()
            link_id = self.db["annotation_links"].insert(
                {"id": self._fresh_id("annotation_links"), "from_id": from_id, "to_id": to_id, "kind": kind,
                 "created": _now()}
            ).last_pk
        return link_id, Changes(frozenset({"annotation_links"}), frozenset({from_id, to_id}))

    def unlink_annotations(self, link_id: int) -> Changes:
        with self._write():
            row = self.db.execute(
                "SELECT from_id, to_id FROM annotation_links WHERE id = ?", [link_id]
            ).fetchone()
            if row is None:
                raise NotFound(f"No annotation link with id {link_id}.")
            self.db.execute("DELETE FROM annotation_links WHERE id = ?", [link_id])
        return Changes(frozenset({"annotation_links"}), frozenset(row))

    def annotation_links(self, annotation_id: int) -> list[AnnotationLink]:
        """Links from or to the annotation, oldest first."""
        return [
            AnnotationLink(id=r[0], from_id=r[1], to_id=r[2], kind=r[3], created=r[4])
            for r in self.db.execute(
                "SELECT id, from_id, to_id, kind, created FROM annotation_links"
                " WHERE from_id = ? OR to_id = ? ORDER BY id",
                [annotation_id, annotation_id],
            )
        ]

    # ----------------------------------------------------------------- settings

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> Changes:
        with self._write():
            self.db["meta"].upsert({"key": key, "value": value}, pk="key")
        return Changes(frozenset({"meta"}))


def _check_library_file(path: Path) -> bool:
    """Refuse, before SQLite touches it, a path that is not (and cannot become) a library;
    True when the library exists but Parallax may not write to it (it opens read-only).

    This never opens the file itself. Closing any descriptor of a file drops every POSIX lock
    the process holds on it, SQLite's included (sqlite.org, "How To Corrupt An SQLite Database",
    2.2): a plain ``open()`` here, while the window's connection is open, let two writers into
    the library at once. Whether the file is an SQLite database at all is learnt from SQLite
    (``_library_error``), which shares its descriptors and locks between connections.
    """
    if path.is_dir():
        raise LibraryError(f"{path} is a folder; a library is a single .sqlite file.")
    if not path.exists():
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(f"Cannot create the library folder {path.parent}: {exc.strerror}.") from exc
        if not os.access(path.parent, os.W_OK):
            raise LibraryError(f"Cannot create a library in {path.parent}: the folder is read-only.")
        return False
    if not os.access(path, os.R_OK):
        raise LibraryError(f"Cannot read the library {path}: permission denied.")
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` read-only. A library in WAL mode needs its ``-shm``
    file; where that cannot be created (a read-only folder or disk) and is not there, nobody
    can be writing the library, so it is opened as immutable."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    shm = path.with_name(path.name + "-shm")
    if not os.access(path.parent, os.W_OK) and not shm.exists():
        uri += "&immutable=1"
    return uri


def _disk_full(path: Path | None) -> bool:
    """Whether the disk holding the library has (next to) no space left: SQLite reports a failed
    write-ahead-log write as a plain "disk I/O error"."""
    if path is None:
        return False
    try:
        stats = os.statvfs(path.parent)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < 64 * 1024


def _check_schema_readable(db: Database, path: Path | None) -> None:
    """Fail early, and clearly, on a damaged file; never try to repair it."""
    try:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _library_error(path, exc) from exc
    if result != "ok":
        raise LibraryError(
            f"The library {path} is damaged ({result}). It was left untouched; "
            "restore a backup or open another library with --library."
        )


def _library_error(path: Path | None, exc: sqlite3.DatabaseError) -> LibraryError:
    message = str(exc)
    if message == "file is not a database":  # SQLite read the header: not an SQLite file
        return LibraryError(
            f"{path} is not a Parallax library (it is not an SQLite database). "
            "It was left untouched; choose another file with --library."
        )
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return LibraryError(
            f"The library {path} is damaged or not a Parallax library ({message}). "
            "It was left untouched; restore a backup or open another library with --library."
        )
    return LibraryError(f"Cannot open the library {path}: {message}.")
