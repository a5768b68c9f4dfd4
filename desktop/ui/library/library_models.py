"""Item models over the store's stories and articles, for the library sidebar.

Stories and articles show their own tags (``set_tags``: tag names by id, e.g. from
``Store.story_tag_map()``) as a "#tag" suffix, in the tooltip and under ``TAGS_ROLE``.
"""

from __future__ import annotations

import html
import json
from collections import OrderedDict

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QMimeData, QModelIndex, Qt

from desktop.core.library.store.article_list import LEANINGS, ArticleFilter
from desktop.core.models import MATCH_CLOSE, MATCH_OPEN, ArticleSummary, Story

ARTICLE_IDS_MIME = "application/x-parallax-article-ids"
ALL_ARTICLES = -1  # the "Library" row above the stories: every article
ID_ROLE = Qt.ItemDataRole.UserRole + 1
TAGS_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's tag names, a list[str]
LEANING_SHORT = {"left": "L", "lean left": "LL", "center": "C", "lean right": "LR", "right": "R", "unknown": ""}
_ROW_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDragEnabled
              | Qt.ItemFlag.ItemNeverHasChildren)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_ARTICLE_ROLES = {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
                  TAGS_ROLE}


def hashtags(names: list[str]) -> str:
    """"#a #b" — tag names as a short suffix; spaces inside a name become non-breaking."""
    return " ".join("#" + name.replace(" ", "\u00a0") for name in names)


class _TaggedRows:
    """Mixin: tag names per row id, kept across ``set_stories``/``set_articles``."""

    _tags: dict[int, list[str]]
    LAST_COLUMN = 0

    def set_tags(self, tags: dict[int, list[str]]) -> None:
        """Tag names by story/article id (ids missing: untagged); repaints without a reset."""
        self._tags = {key: list(names) for key, names in tags.items() if names}
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, self.LAST_COLUMN))

    def tags_of(self, item_id: int) -> list[str]:
        return self._tags.get(item_id, [])


class StoriesModel(_TaggedRows, QAbstractListModel):
    """"Library" (all articles) first, then the reader's stories by name, then suggestions by size."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stories: list[Story] = []
        self._tags = {}
        self._marks: dict[int, str] = {}  # story id -> "◇ " (suggested), "⚑L " (blindspot)... (found_stories)

    def set_marks(self, marks: dict[int, str]) -> None:
        self._marks = dict(marks)
        if self._stories:
            self.dataChanged.emit(self.index(1), self.index(len(self._stories)))

    def set_stories(self, stories: list[Story]) -> None:
        """The reader's stories in the order given (by name), then the suggestions of Find
        Stories, the largest first: thousands of suggestions never bury the reader's own."""
        self.beginResetModel()
        self._stories = sorted(stories, key=lambda s: (s.kind == "suggested",
                                                       -len(s.article_ids) if s.kind == "suggested" else 0))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._stories) + 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        story = None if index.row() == 0 else self._stories[index.row() - 1]
        tags = [] if story is None else self.tags_of(story.id)
        if role == Qt.ItemDataRole.DisplayRole:
            if story is None:
                return "Library — all articles"
            return (f"{self._marks.get(story.id, '')}{story.name}  ({len(story.article_ids)})"
                    + (f"  {hashtags(tags)}" if tags else ""))
        if role == Qt.ItemDataRole.ToolTipRole:
            if story is None:
                return "Every article in this library"
            tip = f"{story.name}: {len(story.article_ids)} articles side by side"
            if story.kind == "suggested":
                tip += "\nSuggested by Find Stories (◇): Library ▸ Accept Story keeps it"
            if "⚑" in self._marks.get(story.id, ""):
                tip += "\n⚑ Blindspot: 80% or more of its coverage comes from one side"
            return tip + (f"\nTags: {', '.join(tags)}" if tags else "")
        if role == ID_ROLE:
            return ALL_ARTICLES if story is None else story.id
        if role == TAGS_ROLE:
            return tags
        return None

    def row_of(self, story_id: int) -> int:
        if story_id == ALL_ARTICLES:
            return 0
        for row, story in enumerate(self._stories, start=1):
            if story.id == story_id:
                return row
        return -1

    def story_at(self, row: int) -> Story | None:
        return self._stories[row - 1] if 1 <= row <= len(self._stories) else None


class ArticlesModel(_TaggedRows, QAbstractTableModel):
    """Articles with outlet, date, word count, leaning and stories (tags after the title); rows drag
    out as article ids.

    Lazy over the store (``set_query``): it holds the ids of the listed articles in order and
    reads rows a page at a time as they are shown, keeping a few pages; sorting (``sort``, the
    header) and filtering (``ArticleFilter``) run in SQL. ``set_articles`` lists given rows
    instead (sorted in Python). A re-sort keeps the selection (persistent indexes follow their ids).
    The sort keys live there only: no item role serves them (no proxy sorts this model; one sorting
    the display text would put "900" words after "1,200").
    """

    COLUMNS = ("Title", "Outlet", "Date", "Words", "Leaning", "Story")
    SORT_KEYS = ("title", "outlet", "date", "words", "leaning", "story")
    COLUMN_COUNT = len(COLUMNS)
    LAST_COLUMN = len(COLUMNS) - 1
    LEANING_COLUMN, STORY_COLUMN = 4, 5
    PAGE = 200  # rows read at a time
    KEPT_PAGES = 20  # pages kept in memory (the rest are read again when shown)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tags = {}
        self._store = None
        self._filter = ArticleFilter()
        self._sort, self._descending = "position", False
        self._ids: list[int] = []
        self._rows_by_id_cache: dict[int, int] | None = None
        self._pages: OrderedDict[int, dict[int, ArticleSummary]] = OrderedDict()
        self._given: dict[int, ArticleSummary] | None = None  # set_articles: every row, in memory

    # ------------------------------------------------------------ what is listed

    def set_articles(self, articles: list[ArticleSummary]) -> None:
        """List exactly these articles (in this order until sorted), without a store."""
        self.beginResetModel()
        self._store, self._filter = None, ArticleFilter()
        self._given = {a.id: a for a in articles}
        self._ids = [a.id for a in articles]
        if self._sort != "position":
            self._ids = self._sorted_given(self._sort, self._descending)
        self._forget_rows()
        self.endResetModel()

    def set_query(self, store, article_filter: ArticleFilter) -> bool:
        """List the store's articles that pass ``article_filter``, in the current sort. Listing
        the same articles again only repaints them (the view keeps its selection and scroll);
        returns True when the rows changed (a model reset)."""
        ids = store.article_list_ids(article_filter, self._sort, self._descending)
        same = store is self._store and article_filter == self._filter and ids == self._ids
        if same:
            self._pages.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.LAST_COLUMN))
            return False
        self.beginResetModel()
        self._store, self._filter, self._given = store, article_filter, None
        self._ids = ids
        self._forget_rows()
        self.endResetModel()
        return True

    @property
    def article_filter(self) -> ArticleFilter:
        return self._filter

    @property
    def sort_key(self) -> str:
        """What the rows are sorted by (``SORT_KEYS``, or "position": the story's order)."""
        return self._sort

    def article_ids(self) -> list[int]:
        return list(self._ids)

    def loaded_rows(self) -> int:
        """How many rows are held in memory now."""
        return len(self._given) if self._given is not None else sum(len(p) for p in self._pages.values())

    def article_at(self, row: int) -> ArticleSummary | None:
        """The article on ``row`` (None when it left the library since the list was read)."""
        article_id = self._ids[row]
        if self._given is not None:
            return self._given[article_id]
        page = row // self.PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = {a.id: a for a in self._store.article_list_rows(self._ids[page * self.PAGE:(page + 1) * self.PAGE])}
            self._pages[page] = rows
            while len(self._pages) > self.KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(article_id)

    def row_of(self, article_id: int) -> int:
        if self._rows_by_id_cache is None:
            self._rows_by_id_cache = {article_id: row for row, article_id in enumerate(self._ids)}
        return self._rows_by_id_cache.get(article_id, -1)

    def _forget_rows(self) -> None:
        self._pages.clear()
        self._rows_by_id_cache = None

    # ------------------------------------------------------------ sorting

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS[column] if 0 <= column < len(self.SORT_KEYS) else "position"
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        if self._given is not None:
            ids = self._sorted_given(key, descending) if key != "position" else list(self._given)
        elif self._store is not None:
            ids = self._store.article_list_ids(self._filter, key, descending)
        else:
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        kept_ids = [(self._ids[i.row()], i.column()) for i in kept]
        self._ids = ids
        self._forget_rows()
        self.changePersistentIndexList(
            kept, [self.index(r, c) if (r := self.row_of(i)) >= 0 else QModelIndex() for i, c in kept_ids])
        self.layoutChanged.emit()

    def _sorted_given(self, key: str, descending: bool) -> list[int]:
        def sort_value(article: ArticleSummary):
            leaning = getattr(article, "leaning", "unknown")
            stories = getattr(article, "stories", ())
            return {
                "title": (article.display_title.casefold(),),
                "outlet": (article.source is None, (article.source or "").casefold(), article.published or ""),
                "date": (article.published is None, article.published or ""),
                "words": (article.word_count,),
                "leaning": (LEANINGS.index(leaning) if leaning in LEANINGS else len(LEANINGS),),
                "story": (not stories, stories[0].casefold() if stories else ""),
            }[key] + (article.id,)
        return [a.id for a in sorted(self._given.values(), key=sort_value, reverse=descending)]

    # ------------------------------------------------------------ Qt

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Sort by {self.COLUMNS[section].lower()} (right-click: choose the columns)"
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in _ARTICLE_ROLES:
            return None
        article = self.article_at(index.row())
        if article is None:
            return "(deleted)" if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        column = index.column()
        tags = self.tags_of(article.id)
        leaning = getattr(article, "leaning", "unknown")
        stories = getattr(article, "stories", ())
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                article.display_title + (f"  {hashtags(tags)}" if tags else ""),
                article.source or "",  # unknown: blank, not "Unknown outlet" on every such row
                article.published or "—",
                f"{article.word_count:,}",
                LEANING_SHORT.get(leaning, ""),
                (stories[0] + (f" +{len(stories) - 1}" if len(stories) > 1 else "")) if stories else "",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [article.display_title, article.display_source + (f" ({leaning})" if leaning != "unknown" else "")]
            if article.author:
                lines.append(f"by {article.author}")
            if article.url:
                lines.append(article.url)
            if stories:
                lines.append("In " + ", ".join(f"“{name}”" for name in stories))
            if tags:
                lines.append(f"Tags: {', '.join(tags)}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, self.LEANING_COLUMN):
            align = Qt.AlignmentFlag.AlignRight if column == 3 else Qt.AlignmentFlag.AlignHCenter
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == TAGS_ROLE:
            return tags
        return None

    def flags(self, index):
        # asked for every selected cell: a constant, not a call up to Qt and back
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def mimeTypes(self) -> list[str]:
        return [ARTICLE_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = sorted({self._ids[i.row()] for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(ARTICLE_IDS_MIME, json.dumps(ids).encode())
        return mime


def article_ids_from_mime(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(ARTICLE_IDS_MIME):
        return []
    try:
        return [int(i) for i in json.loads(bytes(mime.data(ARTICLE_IDS_MIME)).decode())]
    except (ValueError, TypeError):
        return []


HTML_ROLE = Qt.ItemDataRole.UserRole + 40  # a search hit as rich text


def hit_title(hit, limit: int = 90) -> str:
    """The article's title; an untitled one's first words, cut at a word with "…" (never mid-word)."""
    title = " ".join((hit.title or "").split())
    if len(title) <= limit:
        return title
    cut = title[:limit - 1]
    return (cut[:cut.rfind(" ")] if " " in cut else cut) + "…"


def hit_where(hit) -> str:
    """"Outlet — " before the snippet; nothing for an article whose outlet is unknown."""
    return f"{hit.source} — " if hit.source else ""


class SearchHitsModel(QAbstractListModel):
    """Full-text search results: title and outlet, then the matching words in context."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._hits: list = []

    def set_hits(self, hits: list) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int):
        return self._hits[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit_title(hit)}\n{hit_where(hit)}{hit.plain_snippet}"
        if role == HTML_ROLE:  # the matches in bold (SearchHitDelegate draws it)
            snippet = html.escape(hit.snippet).replace(MATCH_OPEN, "<b>").replace(MATCH_CLOSE, "</b>")
            return f"<b>{html.escape(hit_title(hit))}</b><br><span>{html.escape(hit_where(hit))}{snippet}</span>"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.plain_snippet
        if role == ID_ROLE:
            return hit.article_id
        return None
