"""Articles, their versions and their boilerplate spans (with the sources they name).

An article is stored once per identity (URL, else origin); a capture with other text becomes
a new version beside the old ones, identical text is never stored twice. ``save_articles`` is
the bulk path of imports of thousands.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable

from desktop.core.errors import NotFound
from desktop.core.library.store.base import StoreBase, utc_now
from desktop.core.models import (
    Article,
    ArticleSummary,
    ArticleVersion,
    BoilerplateSpan,
    Changes,
    ParsedArticle,
    body_word_count,
    count_words,
    opening_words,
)

_INSERT_SPANS = 'INSERT INTO boilerplate_spans (version_id, start, "end", kind, active) VALUES (?, ?, ?, ?, ?)'


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _added(article_id: int) -> Changes:
    return Changes(frozenset({"articles"}), frozenset({article_id}))


class ArticlesMixin(StoreBase):
    """Saving and reading articles."""

    def save_article(
        self, parsed: ParsedArticle, boilerplate: Iterable[BoilerplateSpan] = (), *,
        text_hash: str | None = None, words: int | None = None, raw_html: str | None = None,
    ) -> tuple[str, int, Changes]:
        """Store an imported article; returns (status, article id, changes).

        Status is "added" for an article new to the library, "updated" when an article
        with the same identity (URL, else origin) comes back with other text (a new
        version is kept beside the old ones), and "unchanged" when the same text is
        already in the library under any identity: identical content is never duplicated.
        ``text_hash`` and ``words`` may be given when already known (``preparing.prepare``).
        ``raw_html`` is the page the text was extracted from (URL imports), kept with the version.
        Metadata the reader edited by hand (``articles.edited``) is never overwritten.
        """
        text_hash = text_hash or content_hash(parsed.text)
        identity = parsed.url or parsed.origin
        spans = sorted(boilerplate, key=lambda s: s.start)
        if words is None:
            words = body_word_count(parsed.text, spans)
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
            now = utc_now()
            article_id = self._write_article_row(parsed, identity, words, now, row[0] if row else None)
            self._add_version(article_id, parsed.text, text_hash, spans, now, raw_html)
        return ("added" if row is None else "updated"), article_id, _added(article_id)

    def _write_article_row(self, parsed: ParsedArticle, identity: str, words: int, now: str,
                           article_id: int | None) -> int:
        """Insert the article (``article_id`` None) or update its metadata; returns its id."""
        meta = {
            "title": parsed.title,
            "source_id": self._source_id(parsed.source),
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
        if article_id is None:
            # an id never handed out before: an undo step may still name a deleted article's
            meta = {"id": self._next_ids()[0], "identity": identity, "created": now, "version_count": 0, **meta}
            return self.db.execute(
                f"INSERT INTO articles ({', '.join(meta)}) VALUES ({', '.join('?' * len(meta))})",
                list(meta.values()),
            ).lastrowid
        # keep metadata the new capture lacks (a re-import of a .txt has no title), and what the
        # reader set by hand
        edited = set(self.db.execute("SELECT edited FROM articles WHERE id = ?", [article_id]).fetchone()[0]
                     .split(","))
        edited = {"source_id" if name == "source" else name for name in edited}
        self.db["articles"].update(
            article_id, {k: v for k, v in meta.items() if v is not None and k not in edited})
        return article_id

    def _add_version(self, article_id: int, text: str, text_hash: str, spans: list[BoilerplateSpan],
                     now: str, raw_html: str | None = None) -> None:
        """Add the next version of the article, with its boilerplate, and make it the current one."""
        number = self.db.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM article_versions WHERE article_id = ?",
            [article_id],
        ).fetchone()[0]
        version_id = self.db.execute(
            "INSERT INTO article_versions (id, article_id, number, content_hash, text, imported, raw_html)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self._next_ids()[1], article_id, number, text_hash, text, now, raw_html],
        ).lastrowid
        self.db.conn.executemany(
            _INSERT_SPANS, [(version_id, s.start, s.end, s.kind, int(s.active)) for s in spans]
        )
        self.db.execute(
            "UPDATE articles SET current_version_id = ?, version_count = ? WHERE id = ?",
            [version_id, number, article_id],
        )

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
            next_article, next_version = self._next_ids()
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
                    next_article, next_version = self._next_ids()
                    continue
                new_identities.add(identity)
                new_hashes.add(text_hash)
                pending.append((len(out), parsed, sorted(spans, key=lambda s: s.start), text_hash, words))
                out.append(None)
            self._write_new_articles(pending, out, next_article, next_version)
        return out  # type: ignore[return-value]

    def _next_ids(self) -> tuple[int, int]:
        """The ids the next new article and the next new version will get: past every id in the
        tables and every id a deleted article had (``meta`` keeps those, see ``delete_article``)."""
        return (self.db.execute(
                    "SELECT MAX(COALESCE((SELECT MAX(id) FROM articles), 0),"
                    " COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_id:articles'), 0)) + 1"
                ).fetchone()[0],
                self.db.execute(
                    "SELECT MAX(COALESCE((SELECT MAX(id) FROM article_versions), 0),"
                    " COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_id:article_versions'), 0))"
                    " + 1").fetchone()[0])

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
        now = utc_now()
        articles, versions, spans = [], [], []
        source_ids: dict[str | None, int | None] = {}  # outlet name -> id, looked up once a batch
        for n, (slot, parsed, found, text_hash, words) in enumerate(pending):
            article_id, version_id = next_article + n, next_version + n
            if parsed.source not in source_ids:
                source_ids[parsed.source] = self._source_id(parsed.source)
            articles.append((article_id, parsed.url or parsed.origin, parsed.title, source_ids[parsed.source],
                             parsed.author, parsed.published, parsed.url, parsed.origin, parsed.text, words,
                             version_id, 1, now, now))
            versions.append((version_id, article_id, 1, text_hash, parsed.text, now))
            spans += [(version_id, s.start, s.end, s.kind, int(s.active)) for s in found]
            out[slot] = ("added", article_id, _added(article_id))
        per_statement = min(200, max(1, self.db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // 14))
        for n in range(0, len(articles), per_statement):
            chunk = articles[n:n + per_statement]
            self.db.execute(
                "INSERT INTO articles (id, identity, title, source_id, author, published, url, origin, text,"
                " word_count, current_version_id, version_count, created, updated) VALUES "
                + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(chunk)),
                [value for row in chunk for value in row])
        self.db.conn.executemany(
            "INSERT INTO article_versions (id, article_id, number, content_hash, text, imported)"
            " VALUES (?, ?, ?, ?, ?, ?)", versions)
        self.db.conn.executemany(_INSERT_SPANS, spans)
        return next_article + len(pending), next_version + len(pending)

    def _source_id(self, name: str | None) -> int | None:
        if not name:
            return None
        row = self.db.execute("SELECT id FROM sources WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        return self.db.execute("INSERT INTO sources (name) VALUES (?)", [name]).lastrowid

    # ------------------------------------------------------------------ reading

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
        return Article(
            id=row[0], title=row[1], source=row[2], author=row[3], published=row[4],
            url=row[5], origin=row[6], text=row[7], version=row[8], version_id=row[9],
            content_hash=row[10], word_count=row[11], boilerplate=self._version_spans(row[9]),
        )

    def _version_spans(self, version_id: int) -> tuple[BoilerplateSpan, ...]:
        """The boilerplate spans of one version, by start."""
        return tuple(
            BoilerplateSpan(start=r[0], end=r[1], kind=r[2], active=bool(r[3]), id=r[4])
            for r in self.db.execute(
                'SELECT start, "end", kind, active, id FROM boilerplate_spans WHERE version_id = ? ORDER BY start',
                [version_id],
            )
        )

    def articles(self, story_id: int | None = None, ids: Iterable[int] | None = None) -> list[ArticleSummary]:
        """All articles (by title), a story's articles in the story's order, or the articles ``ids``
        (by title; unknown ids are left out)."""
        select = (
            "SELECT a.id, a.title, s.name, a.author, a.published, a.url, a.word_count,"
            " a.version_count, substr(a.text, 1, 200) FROM articles a"
            " LEFT JOIN sources s ON s.id = a.source_id"
        )
        if ids is not None:
            wanted = sorted(set(ids))
            rows = []
            for n in range(0, len(wanted), 500):
                chunk = wanted[n:n + 500]
                rows += self.db.execute(select + f" WHERE a.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            rows.sort(key=lambda r: (r[1] or r[8] or "", r[0]))
        elif story_id is None:
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

    def article_versions(self, article_id: int) -> list[ArticleVersion]:
        """Every stored version of the article, oldest first (``text`` left empty; ``words`` counts
        the text without the version's boilerplate, as the library list does)."""
        self.article(article_id)  # raises NotFound
        return [
            ArticleVersion(id=r[0], article_id=article_id, number=r[1], content_hash=r[2], imported=r[3] or "",
                           words=body_word_count(r[4], self._version_spans(r[0])))
            for r in self.db.execute(
                "SELECT id, number, content_hash, imported, text FROM article_versions"
                " WHERE article_id = ? ORDER BY number", [article_id])
        ]

    def article_version(self, article_id: int, number: int | None = None) -> ArticleVersion:
        """One version of the article with its text: version ``number`` (1 is the first import),
        the current one when None."""
        query = ("SELECT v.id, v.number, v.content_hash, v.imported, v.text FROM article_versions v"
                 " WHERE v.article_id = ? AND ")
        if number is None:
            row = self.db.execute(query + "v.id = (SELECT current_version_id FROM articles WHERE id = ?)",
                                  [article_id, article_id]).fetchone()
        else:
            row = self.db.execute(query + "v.number = ?", [article_id, number]).fetchone()
        if row is None:
            self.article(article_id)  # raises NotFound for an unknown article
            count = len(self.article_versions(article_id))
            raise NotFound(f"Article {article_id} has no version {number} (it has {count}).")
        return ArticleVersion(id=row[0], article_id=article_id, number=row[1], content_hash=row[2],
                              imported=row[3] or "", words=body_word_count(row[4], self._version_spans(row[0])),
                              text=row[4])

    def version_content_hash(self, version_id: int) -> str:
        row = self.db.execute("SELECT content_hash FROM article_versions WHERE id = ?", [version_id]).fetchone()
        if row is None:
            raise NotFound(f"No article version with id {version_id} in this library.")
        return row[0]

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

    # ------------------------------------------------------- outlet boilerplate

    def source_ids_of(self, article_ids: Iterable[int]) -> set[int]:
        """The outlets (source ids) of these articles; articles without an outlet are left out."""
        ids = list(dict.fromkeys(article_ids))
        found: set[int] = set()
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            found.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT source_id FROM articles WHERE source_id IS NOT NULL AND id IN"
                f" ({','.join('?' * len(chunk))})", chunk))
        return found

    def outlet_texts(self, source_id: int, ids: Iterable[int] | None = None,
                     latest: int | None = None) -> list[tuple[int, str]]:
        """(article id, current text) of every article of one outlet, or only of the articles
        ``ids`` plus the ``latest`` most recently added others."""
        if ids is None and latest is None:
            return [(r[0], r[1]) for r in self.db.execute(
                "SELECT id, text FROM articles WHERE source_id = ? ORDER BY id", [source_id])]
        wanted = sorted(set(ids or ()))
        if len(wanted) > 500:  # a big import: the outlet's own ids first (its index), not 500-id lookups
            own = {r[0] for r in self.db.execute("SELECT id FROM articles WHERE source_id = ?", [source_id])}
            rows = self._outlet_rows(source_id, [i for i in wanted if i in own])
        else:
            rows = self._outlet_rows(source_id, wanted)
        if latest:
            # ids first: the latest are mostly among ``ids`` already, their texts need no second read
            others = [r[0] for r in self.db.execute(
                f"SELECT id FROM articles WHERE source_id = ? AND id NOT IN ({','.join('?' * len(wanted[:500]))})"
                " ORDER BY id DESC LIMIT ?", [source_id, *wanted[:500], latest])]
            rows.update(self._outlet_rows(source_id, [i for i in others if i not in rows]))
        return sorted(rows.items())

    def _outlet_rows(self, source_id: int, ids: list[int]) -> dict[int, str]:
        """Article id -> text for those of ``ids`` that are articles of the outlet."""
        rows: dict[int, str] = {}
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            rows.update(self.db.execute(
                f"SELECT id, text FROM articles WHERE source_id = ? AND id IN ({','.join('?' * len(chunk))})",
                [source_id, *chunk]).fetchall())
        return rows

    def set_outlet_lines(self, source_id: int, lines: dict[int, list[tuple[int, int]]], kind: str,
                         within: Iterable[int] | None = None) -> Changes:
        """Make the ``kind`` spans of the outlet's articles (current versions) exactly ``lines``
        (article id -> (start, end) of each line), except where another span already covers the
        text or the reader turned a span off (kept as the reader left it). Word counts follow.
        ``within``: only these articles are looked at (the others keep their spans)."""
        touched: set[int] = set()
        with self._write():
            # only the articles that get spans or had some: the others have nothing to change
            having = {r[0] for r in self.db.execute(
                "SELECT DISTINCT a.id FROM articles a JOIN boilerplate_spans b ON b.version_id = a.current_version_id"
                " WHERE a.source_id = ? AND b.kind = ?", [source_id, kind])}
            if within is not None:
                having &= set(within)
            wanted_ids = sorted(having | {a for a, found in lines.items() if found})
            rows = []
            for n in range(0, len(wanted_ids), 500):
                chunk = wanted_ids[n:n + 500]
                rows += self.db.execute(
                    "SELECT id, current_version_id, text FROM articles WHERE source_id = ? AND id IN"
                    f" ({','.join('?' * len(chunk))})", [source_id, *chunk]).fetchall()
            for article_id, version_id, text in rows:
                spans = self.db.execute(
                    'SELECT id, start, "end", kind, active FROM boilerplate_spans WHERE version_id = ?',
                    [version_id]).fetchall()
                wanted = set(lines.get(article_id, ()))
                stale = [r[0] for r in spans if r[3] == kind and r[4] and (r[1], r[2]) not in wanted]
                kept = [r for r in spans if r[0] not in stale]
                new = [(s, e) for s, e in sorted(wanted) if 0 <= s < e <= len(text)
                       and not any(r[1] < e and s < r[2] for r in kept)]
                if not stale and not new:
                    continue
                if stale:
                    self.db.execute(f"DELETE FROM boilerplate_spans WHERE id IN ({','.join('?' * len(stale))})",
                                    stale)
                self.db.conn.executemany(_INSERT_SPANS, [(version_id, s, e, kind, 1) for s, e in new])
                active = [BoilerplateSpan(r[1], r[2], r[3]) for r in kept if r[4]]
                active += [BoilerplateSpan(s, e, kind) for s, e in new]
                self.db.execute("UPDATE articles SET word_count = ? WHERE id = ?",
                                [body_word_count(text, active), article_id])
                touched.add(article_id)
        if not touched:
            return Changes()
        return Changes(frozenset({"articles", "boilerplate_spans"}), frozenset(touched))
