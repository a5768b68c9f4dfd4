"""Annotations (highlights and notes on a stretch of an article's text) and their re-anchoring.

Offsets are half-open Python character offsets into the text of the annotated article
version. An annotation made on an older version is moved to the same words of the current
text, flagged ``changed`` when the words there differ from its quote, or kept as an orphan:
never dropped. ``Changes.ids`` hold the ids of the annotations touched. Lists of many
annotations are read in two steps: the matching ids first (cheap even for 100,000 rows), then
the annotations of the rows on screen (``annotations_by_ids``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace

from desktop.core.errors import NotFound
from desktop.core.library.store.base import StoreBase, utc_now
from desktop.core.library.store.search import annotation_text_filter
from desktop.core.library.store.tags import ensure_tag
from desktop.core.models import Annotation, AnnotationLink, Changes
from desktop.core.notes.anchoring import Anchor, relocate

_COLUMNS = (
    'a.id, a.article_id, a.version_id, a.start, a."end", a.exact, a.prefix, a.suffix,'
    " a.color, a.note, a.created, a.updated, a.orphaned,"
    " (SELECT group_concat(t.name, char(31)) FROM annotation_tags at"
    "  JOIN tags t ON t.id = at.tag_id WHERE at.annotation_id = a.id), a.changed"
)
_ORDER = ' ORDER BY a.article_id, a.start, a."end", a.id'


def _annotation_from_row(row) -> Annotation:
    tags = tuple(sorted(row[13].split("\x1f"), key=str.casefold)) if row[13] else ()
    return Annotation(
        id=row[0], article_id=row[1], version_id=row[2], start=row[3], end=row[4],
        exact=row[5], prefix=row[6], suffix=row[7], color=row[8], note=row[9], tags=tags,
        created=row[10], updated=row[11], orphaned=bool(row[12]), changed=bool(row[14]),
    )


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


class AnnotationsMixin(StoreBase):
    """Annotations; relies on ``article``/``version_content_hash`` (ArticlesMixin) and
    ``set_annotation_tags`` (TagsMixin)."""

    def _version_text(self, version_id: int) -> tuple[int, str]:
        row = self.db.execute(
            "SELECT article_id, text FROM article_versions WHERE id = ?", [version_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"No article version with id {version_id} in this library.")
        return row[0], row[1]

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
            _check_span(text, start, end, exact, f"article {article_id}'s text")

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
            now = utc_now()
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
        (never reused, as ``_fresh_ids``) and the changes; any bad record raises and writes nothing.
        """
        records = list(records)
        if not records:
            return [], Changes()
        now = utc_now()
        rows: list[tuple] = []
        tag_rows: list[tuple[int, int]] = []
        tag_ids: dict[str, int] = {}
        created_tags: set[int] = set()
        with self._write():
            current = self._current_versions(record["article_id"] for record in records)
            ids = self._fresh_ids("annotations", len(records))
            for annotation_id, record in zip(ids, records):
                rows.append(self._annotation_row(annotation_id, record, current[record["article_id"]], now))
                own_tags = self._tag_ids(record.get("tags", ()), tag_ids, created_tags)
                tag_rows += [(annotation_id, tag_id) for tag_id in own_tags]
            self._insert_annotation_rows(rows)
            self.db.conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)", tag_rows)
        tables = {"annotations"} | ({"annotation_tags"} if tag_rows else set())
        tables |= {"tags"} if created_tags else set()
        return ids, Changes(frozenset(tables), frozenset(ids))

    def _current_versions(self, article_ids: Iterable[int]) -> dict[int, tuple[int, str]]:
        """Article id -> (its current version id, that version's text); NotFound for an unknown one."""
        current: dict[int, tuple[int, str]] = {}
        for article_id in article_ids:
            if article_id not in current:
                row = self.db.execute(
                    "SELECT v.id, v.text FROM articles a"
                    " JOIN article_versions v ON v.id = a.current_version_id WHERE a.id = ?",
                    [article_id]).fetchone()
                if row is None:
                    raise NotFound(f"No article with id {article_id} in this library.")
                current[article_id] = (row[0], row[1])
        return current

    def _annotation_row(self, annotation_id: int, record: dict, current: tuple[int, str], now: str) -> tuple:
        """The checked row of ``add_annotations``' record, given its article's (current version, text)."""
        article_id, start, end, exact = (record[k] for k in ("article_id", "start", "end", "exact"))
        version_id, text = current
        orphaned = bool(record.get("orphaned", False))
        own_version = record.get("version_id")
        self._check_new_annotation(article_id, version_id, text, start, end, exact, orphaned, own_version)
        created = record.get("created") or now
        return (annotation_id, article_id, own_version or version_id, start, end, exact,
                record["prefix"], record["suffix"], record.get("color", "yellow"),
                record.get("note", ""), created, record.get("updated") or created, int(orphaned))

    def _tag_ids(self, names: Iterable[str], known: dict[str, int], created: set[int]) -> list[int]:
        """The ids of the tags ``names``, each once, created when missing (their ids added to
        ``created``); ``known`` keeps the ids found by name for the next call."""
        own: list[int] = []
        for name in names:
            if name not in known:
                known[name], new = ensure_tag(self.db, name)
                if new:
                    created.add(known[name])
            if known[name] not in own:
                own.append(known[name])
        return own

    def _insert_annotation_rows(self, rows: list[tuple]) -> None:
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
            self._check_update(current, fields)
            fields["updated"] = utc_now()
            self.db["annotations"].update(annotation_id, fields)
        return Changes(frozenset({"annotations"}), frozenset({annotation_id}))

    def _check_update(self, current: Annotation, fields: dict) -> None:
        """What ``update_annotation`` checks of the annotation these ``fields`` would make."""
        new_version = fields.get("version_id", current.version_id)
        version_article, text = self._version_text(new_version)
        if version_article != current.article_id:
            raise ValueError(
                f"Version {new_version} belongs to article {version_article}, not to "
                f"article {current.article_id} of annotation {current.id}."
            )
        if not fields.get("orphaned", int(current.orphaned)) and not fields.get("changed", int(current.changed)):
            _check_span(
                text,
                fields.get("start", current.start),
                fields.get("end", current.end),
                fields.get("exact", current.exact),
                f"version {new_version} of article {current.article_id}",
            )

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

    # ------------------------------------------------------------------ reading

    def annotation(self, annotation_id: int) -> Annotation:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM annotations a WHERE a.id = ?", [annotation_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"No annotation with id {annotation_id} in this library.")
        return _annotation_from_row(row)

    def annotations(
        self, story_id: int | None = None, article_id: int | None = None, tag: str | None = None
    ) -> list[Annotation]:
        """Annotations, all or filtered (filters combine), ordered by article then start."""
        where, params = self._annotation_filters(story_id=story_id, article_id=article_id, tag=tag)
        sql = f"SELECT {_COLUMNS} FROM annotations a" + where + _ORDER
        return [_annotation_from_row(r) for r in self.db.execute(sql, params)]

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
        if tag is not None:  # the tag, or any tag inside it ("people" finds "people/spokesperson")
            where.append(
                "a.id IN (SELECT at.annotation_id FROM annotation_tags at"
                " JOIN tags t ON t.id = at.tag_id WHERE t.name = ?"
                " OR lower(substr(t.name, 1, length(?) + 1)) = lower(?) || '/')"
            )
            params += [tag.strip()] * 3
        if color is not None:
            where.append("a.color = ?")
            params.append(color)
        if orphaned is not None:
            where.append("a.orphaned = ?")
            params.append(int(orphaned))
        if review is not None:  # orphaned, or re-attached to changed words
            where.append("(a.orphaned = 1 OR a.changed = 1)" if review else "(a.orphaned = 0 AND a.changed = 0)")
        text_filter = annotation_text_filter(query)
        if text_filter is not None:
            where.append(text_filter[0])
            params += text_filter[1]
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
        sql = "SELECT a.id, a.article_id FROM annotations a" + where + _ORDER
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
                f"SELECT {_COLUMNS} FROM annotations a WHERE a.id IN ({','.join('?' * len(chunk))})", chunk
            ):
                found[row[0]] = _annotation_from_row(row)
        return [found[i] for i in ids if i in found]

    def annotation_tag_pairs(self, story_id: int | None = None) -> list[tuple[int, str]]:
        """(annotation id, tag name) for every tagged annotation (of the story), in no set order."""
        names = dict(self.db.execute("SELECT id, name FROM tags").fetchall())
        sql, params = "SELECT annotation_id, tag_id FROM annotation_tags", []
        if story_id is not None:
            where, params = self._annotation_filters(story_id=story_id)
            sql += f" WHERE annotation_id IN (SELECT a.id FROM annotations a{where})"
        return [(a, names[t]) for a, t in self.db.execute(sql, params)]

    # -------------------------------------------------------- undo, re-anchoring

    def restore_annotation(
        self, annotation: Annotation, links: Iterable[AnnotationLink] = ()
    ) -> tuple[int, Changes]:
        """Put back a deleted annotation (undo): under its old id when that is still free (so
        other undo steps naming it still work), with its tags, orphan state, dates and version,
        and the links whose other end still exists (under their old ids when free)."""
        a = self._reanchored(annotation)
        tables = {"annotations"}
        with self._write():
            taken = self._exists("annotations", a.id)
            new_id, _ = self.add_annotation(
                a.article_id, a.start, a.end, a.exact, a.prefix, a.suffix, color=a.color, note=a.note,
                orphaned=a.orphaned, created=a.created, updated=a.updated, version_id=a.version_id,
                changed=a.changed)
            if not taken and new_id != a.id:  # no rows point at the new id yet: renumber it
                self.db.execute("UPDATE annotations SET id = ? WHERE id = ?", [a.id, new_id])
                new_id = a.id
            if a.tags:
                tables |= self.set_annotation_tags(new_id, a.tags).tables
            ends = self._restore_links(a.id, new_id, links)
            tables |= {"annotation_links"} if ends else set()
        return new_id, Changes(frozenset(tables), frozenset({new_id} | ends))

    def _restore_links(self, old_id: int, new_id: int, links: Iterable[AnnotationLink]) -> set[int]:
        """Put back the links of the annotation restored as ``new_id`` (it was ``old_id``) whose
        other end still exists, under their old ids when free; returns the ends of those put back."""
        ends_restored: set[int] = set()
        for link in links:
            ends = [new_id if end == old_id else end for end in (link.from_id, link.to_id)]
            if not all(self._exists("annotations", e) for e in ends):
                continue  # the other end is gone too
            row = {"from_id": ends[0], "to_id": ends[1], "kind": link.kind, "created": link.created}
            if not self._exists("annotation_links", link.id):
                row["id"] = link.id
            self.db["annotation_links"].insert(row)
            ends_restored.update(ends)
        return ends_restored

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
