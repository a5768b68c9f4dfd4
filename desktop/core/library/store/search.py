"""Full-text search (SQLite FTS5) over articles (titles, texts) and annotations (quotes, notes).

Every word of a query must match, as a prefix (short words before the last: whole); what the
user types never breaks the query syntax. The indexes themselves are kept up to date by
triggers (see ``schema``).
"""

from __future__ import annotations

from desktop.core.library.store.base import StoreBase
from desktop.core.models import MATCH_CLOSE, MATCH_OPEN, Annotation, SearchHit

SHORT_WORD = 3  # a word this short, before the last, matches whole: "v", "for", "of" as prefixes match most texts


def fts_match(query: str | None) -> str | None:
    """The FTS5 MATCH expression for what the user typed: every word quoted, as a prefix, but
    the short words before the last ("Roe v. Wade", "Medicare for All") match whole words (as
    prefixes they match thousands of words and make the query slow); None for a query without words."""
    terms = [t.replace('"', '""') for t in (query or "").split()]
    last = len(terms) - 1
    return " ".join(f'"{t}"' if n < last and len(t) <= SHORT_WORD else f'"{t}"*'
                    for n, t in enumerate(terms)) if terms else None


def annotation_text_filter(query: str | None) -> tuple[str, list] | None:
    """A condition on annotations ``a`` that keeps those whose quote or note match ``query``,
    with its parameters; None for a query without words."""
    match = fts_match(query)
    if match is None:
        return None
    return "a.rowid IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?)", [match]


def _marked(snippet: str | None) -> str:
    """The snippet with its matches between MATCH_OPEN and MATCH_CLOSE, and no stray marker of the text's."""
    snippet = (snippet or "").replace(MATCH_OPEN, "").replace(MATCH_CLOSE, "")
    return snippet.replace("\ufdd0", MATCH_OPEN).replace("\ufdd1", MATCH_CLOSE)


class SearchMixin(StoreBase):
    """Searching the library; reads annotations with ``annotations_by_ids`` (AnnotationsMixin)."""

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over titles and texts; every word must match (prefixes allowed)."""
        match = fts_match(query)
        if match is None:
            return []
        rows = self.db.execute(
            "SELECT a.id, COALESCE(a.title, substr(a.text, 1, 200)), s.name,"
            # U+FDD0/U+FDD1 (noncharacters, never in interchanged text) around each match, made MATCH_OPEN
            # and MATCH_CLOSE below once any private-use U+E000/U+E001 of the article's own is dropped
            " snippet(articles_fts, 1, char(64976), char(64977), '…', 12)"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " LEFT JOIN sources s ON s.id = a.source_id"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            [match, limit],
        )
        return [SearchHit(article_id=r[0], title=r[1], source=r[2], snippet=_marked(r[3])) for r in rows]

    def search_annotations(self, query: str, limit: int = 200) -> list[Annotation]:
        """Full-text search over quotes and notes; every word must match (prefixes allowed)."""
        match = fts_match(query)
        if match is None:
            return []
        ids = [r[0] for r in self.db.execute(
            "SELECT a.id FROM annotations_fts JOIN annotations a ON a.rowid = annotations_fts.rowid"
            " WHERE annotations_fts MATCH ? ORDER BY rank, a.id LIMIT ?",
            [match, limit],
        )]
        return self.annotations_by_ids(ids)
