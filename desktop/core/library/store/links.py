"""Links between two annotations ("same fact", "supports", "contradicts").

A pair is linked at most once with each kind. Link ids are never reused (an undo step or
another window may still name a deleted one); ``Changes.ids`` name the annotations at the
ends of the links touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.core.errors import NotFound
from desktop.core.library import schema
from desktop.core.library.store.base import StoreBase, utc_now
from desktop.core.library.store.overrides import Span, spans_cross
from desktop.core.models import AnnotationLink, Changes

_LINK_COLUMNS = "id, from_id, to_id, kind, created"


def _link_from_row(row) -> AnnotationLink:
    return AnnotationLink(id=row[0], from_id=row[1], to_id=row[2], kind=row[3], created=row[4])


def _check_link(from_id: int, to_id: int, kind: str) -> None:
    if kind not in schema.ANNOTATION_LINK_KINDS:
        known = ", ".join(repr(k) for k in schema.ANNOTATION_LINK_KINDS)
        raise ValueError(f"Unknown link kind {kind!r}; use one of {known}.")
    if from_id == to_id:
        raise ValueError("An annotation cannot be linked to itself.")


class LinksMixin(StoreBase):
    """Linking annotations; checks their ends with ``annotation`` (AnnotationsMixin)."""

    def link_annotations(self, from_id: int, to_id: int, kind: str) -> tuple[int, Changes]:
        """Link two annotations ("same fact", "supports", "contradicts"); ids: both ends.

        Linking the same pair with the same kind again returns the existing link unchanged.
        """
        _check_link(from_id, to_id, kind)
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
                 "created": utc_now()}
            ).last_pk
        return link_id, Changes(frozenset({"annotation_links"}), frozenset({from_id, to_id}))

    def add_annotation_links(self, links: Iterable[tuple[int, int, str]]) -> tuple[list[int], Changes]:
        """Many ``link_annotations(from_id, to_id, kind)`` calls in one write, with the same checks.
        A pair already linked with that kind (in the library, or earlier in ``links``) is left as it
        is; returns the ids of the links created (never reused) and the changes (ids: their ends)."""
        links = [(from_id, to_id, kind) for from_id, to_id, kind in links]
        for link in links:
            _check_link(*link)
        if not links:
            return [], Changes()
        with self._write():
            self._check_annotations_exist(list(dict.fromkeys(e for link in links for e in link[:2])))
            new: list[tuple[int, int, str]] = []
            for link in dict.fromkeys(links):
                if not self.db.execute(
                    "SELECT 1 FROM annotation_links WHERE from_id = ? AND to_id = ? AND kind = ?", list(link)
                ).fetchone():
                    new.append(link)
            if not new:
                return [], Changes()
            ids = self._fresh_ids("annotation_links", len(new))
            now = utc_now()
            self.db.conn.executemany(
                f"INSERT INTO annotation_links ({_LINK_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                [(link_id, a, b, kind, now) for link_id, (a, b, kind) in zip(ids, new)],
            )
        return ids, Changes(frozenset({"annotation_links"}), frozenset(e for a, b, _ in new for e in (a, b)))

    def _check_annotations_exist(self, ids: list[int]) -> None:
        """NotFound for the first of ``ids`` that is not an annotation in the library."""
        found: set[int] = set()
        for n in range(0, len(ids), 500):
            chunk = ids[n:n + 500]
            found.update(r[0] for r in self.db.execute(
                f"SELECT id FROM annotations WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        missing = next((i for i in ids if i not in found), None)
        if missing is not None:
            raise NotFound(f"No annotation with id {missing} in this library.")

    def restore_annotation_links(self, links: Iterable[AnnotationLink]) -> Changes:
        """Put removed links back as they were (undo): under their ids when free, with their
        creation time; a link whose end is gone, or that is there again already, is left out."""
        ends: set[int] = set()
        with self._write():
            for link in links:
                if not (self._exists("annotations", link.from_id) and self._exists("annotations", link.to_id)):
                    continue
                if self.db.execute("SELECT 1 FROM annotation_links WHERE from_id = ? AND to_id = ? AND kind = ?",
                                   [link.from_id, link.to_id, link.kind]).fetchone():
                    continue
                row = {"from_id": link.from_id, "to_id": link.to_id, "kind": link.kind, "created": link.created}
                row["id"] = link.id if not self._exists("annotation_links", link.id) else self._fresh_id(
                    "annotation_links")
                self.db["annotation_links"].insert(row)
                ends.update((link.from_id, link.to_id))
        return Changes(frozenset({"annotation_links"}), frozenset(ends)) if ends else Changes()

    def unlink_annotations(self, link_id: int) -> Changes:
        with self._write():
            row = self.db.execute(
                "SELECT from_id, to_id FROM annotation_links WHERE id = ?", [link_id]
            ).fetchone()
            if row is None:
                raise NotFound(f"No annotation link with id {link_id}.")
            self.db.execute("DELETE FROM annotation_links WHERE id = ?", [link_id])
        return Changes(frozenset({"annotation_links"}), frozenset(row))

    # ------------------------------------------------------------------ reading

    def annotation_link(self, link_id: int) -> AnnotationLink:
        row = self.db.execute(
            f"SELECT {_LINK_COLUMNS} FROM annotation_links WHERE id = ?", [link_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"No annotation link with id {link_id}.")
        return _link_from_row(row)

    def annotation_links(self, annotation_id: int) -> list[AnnotationLink]:
        """Links from or to the annotation, oldest first."""
        return [
            _link_from_row(r)
            for r in self.db.execute(
                f"SELECT {_LINK_COLUMNS} FROM annotation_links WHERE from_id = ? OR to_id = ? ORDER BY id",
                [annotation_id, annotation_id],
            )
        ]

    def links_of(self, annotation_ids: Iterable[int]) -> list[AnnotationLink]:
        """Every link from or to any of these annotations, oldest first, each once."""
        ids = list(dict.fromkeys(annotation_ids))
        links: dict[int, AnnotationLink] = {}
        for n in range(0, len(ids), 400):
            chunk = ids[n:n + 400]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT {_LINK_COLUMNS} FROM annotation_links"
                f" WHERE from_id IN ({marks}) OR to_id IN ({marks})", chunk + chunk
            ):
                links[r[0]] = _link_from_row(r)
        return [links[k] for k in sorted(links)]

    def same_fact_pairs(self, article_ids: Iterable[int]) -> list[tuple[tuple[int, int, int], tuple[int, int, int]]]:
        """The reader's "same fact" links between highlights of two of these articles, as
        ((article, start, end), (article, start, end)) on each article's current text: what a
        comparison of these articles must treat as one fact. Orphaned highlights and highlights
        on an older version of their article are left out (their offsets no longer fit)."""
        return [(first, second) for _link, first, second in self._same_fact_spans(article_ids)]

    def same_fact_links_across(self, pairs: Sequence[tuple[Span, Span]]) -> list[AnnotationLink]:
        """The reader's "same fact" links whose two highlights lie over a pair of spans (one end
        overlapping each span, either order), on the articles' current texts: what "Not the Same
        Fact" on those spans overrules (the reader's latest word wins)."""
        pairs = [(tuple(a), tuple(b)) for a, b in pairs]
        if not pairs:
            return []
        found = [link for link, first, second in self._same_fact_spans({s[0] for pair in pairs for s in pair})
                 if any(spans_cross(first, second, a, b) for a, b in pairs)]
        return [self.annotation_link(link) for link in found]

    def same_fact_link_spans(self, link_id: int) -> tuple[Span, Span] | None:
        """The two highlights' spans of a "same fact" link on their articles' current texts; None for
        another kind of link, or when an end is orphaned or on an older version of its article."""
        row = self.db.execute("SELECT from_id, to_id FROM annotation_links WHERE id = ?", [link_id]).fetchone()
        if row is None:
            return None
        return next(((first, second) for link, first, second in self._same_fact_spans(
            r[0] for r in self.db.execute("SELECT article_id FROM annotations WHERE id IN (?, ?)", list(row)))
            if link == link_id), None)

    def _same_fact_spans(self, article_ids: Iterable[int]) -> list[tuple[int, Span, Span]]:
        ids = sorted(set(article_ids))
        if len(ids) < 2:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            "SELECT l.id, a.article_id, a.start, a.\"end\", b.article_id, b.start, b.\"end\""
            " FROM annotation_links l"
            " JOIN annotations a ON a.id = l.from_id JOIN annotations b ON b.id = l.to_id"
            " JOIN articles x ON x.id = a.article_id JOIN articles y ON y.id = b.article_id"
            " WHERE l.kind = 'same fact' AND a.orphaned = 0 AND b.orphaned = 0"
            " AND a.version_id = x.current_version_id AND b.version_id = y.current_version_id"
            f" AND a.article_id IN ({marks}) AND b.article_id IN ({marks}) AND a.article_id != b.article_id"
            " ORDER BY l.id", ids + ids).fetchall()
        return [(r[0], (r[1], r[2], r[3]), (r[4], r[5], r[6])) for r in rows]
