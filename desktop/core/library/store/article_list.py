"""The library's article list at any size: filtered and sorted in SQL, read a window at a time.

A list is two queries: ``article_list_ids`` gives the ids of the articles that pass an
``ArticleFilter``, in the order asked for (integers only: 35,000 articles are a few hundred
kilobytes), and ``article_list_rows`` reads the few rows on screen (no article text, only the
opening words of the untitled ones). Sorting by outlet and date reads the ``source_id`` and
``published`` indexes; the other orders never read an article's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.library.store.base import StoreBase
from desktop.core.library.store.search import fts_match
from desktop.core.models import ArticleSummary, opening_words

# the reader's side of the spectrum, in list order; "unknown" is an outlet without a leaning
LEANINGS = ("left", "lean left", "center", "lean right", "right", "unknown")
LEANING_ALIASES = {"centre": "center"}
NO_STORY = 0  # ArticleFilter.story_id: articles that are in no story



def _leaning_rank(alias: str) -> str:
    """0 (left) to 4 (right), 5 unknown: the position in ``LEANINGS`` of the outlet's leaning."""
    return (f"CASE lower({alias}.leaning) WHEN 'left' THEN 0 WHEN 'lean left' THEN 1 WHEN 'center' THEN 2"
            f" WHEN 'centre' THEN 2 WHEN 'lean right' THEN 3 WHEN 'right' THEN 4 ELSE 5 END")


SORT_KEYS = ("title", "outlet", "date", "words", "leaning", "story", "position")


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a list shows; every field left empty lets every article through.

    ``story_id`` None: any; ``NO_STORY``: articles in no story. ``outlets`` are outlet names
    (an article without one counts as ""); ``leanings`` come from ``LEANINGS``. ``since`` and
    ``until`` are ISO date prefixes ("2020", "2020-06", "2020-06-30"), both ends included:
    articles without a date are left out when either is set. ``text`` is a Find query (every
    word must match, as a prefix, in the title or text).
    """

    story_id: int | None = None
    outlets: tuple[str, ...] = ()
    leanings: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    text: str | None = None

    @property
    def narrows(self) -> bool:
        """True when something besides the story narrows the list (the reader's own filters)."""
        return bool(self.outlets or self.leanings or self.since or self.until or fts_match(self.text))


@dataclass(frozen=True)
class ArticleListRow(ArticleSummary):
    """One row of the article list: the summary with the outlet's leaning and the stories."""

    leaning: str = "unknown"
    stories: tuple[str, ...] = ()  # names, by name


def normal_leaning(value: str | None) -> str:
    value = (value or "").strip().lower()
    value = LEANING_ALIASES.get(value, value)
    return value if value in LEANINGS else "unknown"


class ArticleListMixin(StoreBase):
    """The article list of the library sidebar (and ``parallax articles`` at scale)."""

    def _list_where(self, flt: ArticleFilter) -> tuple[list[str], list]:
        """Conditions on articles ``a`` (no join needed) for the filter, with their parameters."""
        where: list[str] = []
        params: list = []
        if flt.story_id == NO_STORY:
            where.append("a.id NOT IN (SELECT article_id FROM story_articles)")
        elif flt.story_id is not None:
            where.append("a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
            params.append(flt.story_id)
        if flt.outlets:
            named = [o for o in flt.outlets if o]
            parts = []
            if named:
                parts.append(f"a.source_id IN (SELECT id FROM sources WHERE name IN ({','.join('?' * len(named))}))")
                params += named
            if len(named) < len(flt.outlets):
                parts.append("a.source_id IS NULL")
            where.append("(" + " OR ".join(parts) + ")")
        if flt.leanings:
            wanted = sorted({normal_leaning(v) for v in flt.leanings})
            parts = [f"a.source_id IN (SELECT o.id FROM sources o WHERE {_leaning_rank('o')}"
                     f" IN ({','.join('?' * len(wanted))}))"]
            params += [LEANINGS.index(v) for v in wanted]
            if "unknown" in wanted:
                parts.append("a.source_id IS NULL")
            where.append("(" + " OR ".join(parts) + ")")
        if flt.since:
            where.append("a.published >= ?")
            params.append(flt.since.strip())
        if flt.until:
            # "2020-06" takes in every day of June: compare with the prefix's last possible value
            where.append("a.published <= ?")
            params.append(flt.until.strip() + "\uffff")
        match = fts_match(flt.text)
        if match is not None:
            where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
        return where, params

    def _list_query(self, joins: str, where: list[str], params: list, order: list[str]) -> list[int]:
        sql = (f"SELECT a.id FROM articles a {joins}" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY " + ", ".join(order))
        return [r[0] for r in self.db.execute(sql, params)]

    def article_list_ids(self, flt: ArticleFilter = ArticleFilter(), sort: str = "title",
                         descending: bool = False) -> list[int]:
        """Ids of the articles that pass ``flt``, sorted by ``sort`` (one of ``SORT_KEYS``), ties
        by id; articles without the value sorted on (no title, date, outlet, story) come last
        either way. "position" is the story's order when ``flt`` names a story, else the title's.
        Title, outlet, date and words are read from an index (schema v8), story story by story."""
        if sort not in SORT_KEYS:
            raise ValueError(f"Unknown sort {sort!r}; one of {', '.join(SORT_KEYS)}.")
        where, params = self._list_where(flt)
        d = " DESC" if descending else ""
        if sort == "position" and flt.story_id not in (None, NO_STORY):
            return self._list_query("JOIN story_articles p ON p.article_id = a.id AND p.story_id = ?", where,
                                    [flt.story_id, *params], [f"p.position{d}", f"a.id{d}"])
        if sort in ("title", "position", "date"):
            column, order = (("a.published", "a.published") if sort == "date"
                             else ("a.title", "a.title COLLATE NOCASE"))
            known = self._list_query("", [*where, f"{column} IS NOT NULL"], params, [f"{order}{d}", f"a.id{d}"])
            return known + self._list_query("", [*where, f"{column} IS NULL"], params, [f"a.id{d}"])
        if sort == "words":
            return self._list_query("", where, params, [f"a.word_count{d}", f"a.id{d}"])
        if sort == "outlet":
            known = self._list_query("JOIN sources s ON s.id = a.source_id", where, params,
                                     [f"s.name{d}", f"a.published{d}", f"a.id{d}"])
            return known + self._list_query("", [*where, "a.source_id IS NULL"], params,
                                            [f"a.published{d}", f"a.id{d}"])
        if sort == "leaning":
            return self._list_query("LEFT JOIN sources s ON s.id = a.source_id", where, params,
                                    [f"{_leaning_rank('s')}{d}", f"s.name{d}", f"a.id{d}"])
        return self._by_story(where, params, descending)

    def _by_story(self, where: list[str], params: list, descending: bool) -> list[int]:
        """By the name of each article's first story (by name), in the story's order; then the
        articles in no story, newest first. Read story by story (the articles table only when
        filtered), each article kept at its first story."""
        sql = ("SELECT sa.article_id FROM story_articles sa JOIN stories x ON x.id = sa.story_id"
               + (" JOIN articles a ON a.id = sa.article_id WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY x.name COLLATE NOCASE, x.id, sa.position")
        seen: set[int] = set()
        grouped = [i for (i,) in self.db.execute(sql, params) if not (i in seen or seen.add(i))]
        if descending:
            grouped.reverse()
        return grouped + self._list_query("", [*where, "a.id NOT IN (SELECT article_id FROM story_articles)"],
                                          params, ["a.published DESC", "a.id DESC"])

    def article_list_rows(self, ids: list[int]) -> list[ArticleListRow]:
        """The rows of these articles, in the order given (ids no longer in the library are left out)."""
        rows: dict[int, tuple] = {}
        stories: dict[int, list[str]] = {}
        for n in range(0, len(ids), 500):
            chunk = list(ids[n:n + 500])
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                "SELECT a.id, a.title, s.name, a.author, a.published, a.url, a.word_count, a.version_count,"
                " CASE WHEN a.title IS NULL OR a.title = '' THEN substr(a.text, 1, 200) ELSE '' END, s.leaning"
                f" FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({marks})", chunk):
                rows[r[0]] = r
            for article_id, name in self.db.execute(
                    "SELECT sa.article_id, x.name FROM story_articles sa JOIN stories x ON x.id = sa.story_id"
                    f" WHERE sa.article_id IN ({marks}) ORDER BY x.name COLLATE NOCASE", chunk):
                stories.setdefault(article_id, []).append(name)
        return [
            ArticleListRow(id=r[0], title=r[1], source=r[2], author=r[3], published=r[4], url=r[5],
                           word_count=r[6], version=r[7], opening=opening_words(r[8]) if r[8] else "",
                           leaning=normal_leaning(r[9]), stories=tuple(stories.get(r[0], ())))
            for r in (rows.get(i) for i in ids) if r is not None
        ]

    def article_list_outlets(self) -> list[tuple[str, int]]:
        """(outlet name, number of articles) of every outlet with articles, by name; articles
        without an outlet come last as ("", count)."""
        named = [(r[0], r[1]) for r in self.db.execute(
            "SELECT s.name, COUNT(*) FROM articles a JOIN sources s ON s.id = a.source_id"
            " GROUP BY s.id ORDER BY s.name COLLATE NOCASE")]
        missing = self.db.execute("SELECT COUNT(*) FROM articles WHERE source_id IS NULL").fetchone()[0]
        return named + ([("", missing)] if missing else [])
