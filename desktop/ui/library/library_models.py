"""Item models over the store's stories and articles, for the library sidebar.

Stories and articles show their own tags (``set_tags``: tag names by id, e.g. from
``Store.story_tag_map()``) as a "#tag" suffix, in the tooltip and under ``TAGS_ROLE``.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QMimeData, QModelIndex, Qt

from desktop.core.models import UNKNOWN_OUTLET, ArticleSummary, Story

ARTICLE_IDS_MIME = "application/x-parallax-article-ids"
ALL_ARTICLES = -1  # the "Library" row above the stories: every article
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
TAGS_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's tag names, a list[str]


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
    """"Library" (all articles) first, then the stories by name."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stories: list[Story] = []
        self._tags = {}

    def set_stories(self, stories: list[Story]) -> None:
        self.beginResetModel()
        self._stories = list(stories)
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
            return f"{story.name}  ({len(story.article_ids)})" + (f"  {hashtags(tags)}" if tags else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if story is None:
                return "Every article in this library"
            tip = f"{story.name}: {len(story.article_ids)} articles side by side"
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
    """Articles with outlet, date and word count (tags after the title); rows drag out as article ids."""

    COLUMNS = ("Title", "Outlet", "Date", "Words")
    LAST_COLUMN = len(COLUMNS) - 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self._articles: list[ArticleSummary] = []
        self._tags = {}

    def set_articles(self, articles: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        self.endResetModel()

    def article_at(self, row: int) -> ArticleSummary:
        return self._articles[row]

    def row_of(self, article_id: int) -> int:
        return next((i for i, a in enumerate(self._articles) if a.id == article_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        article = self._articles[index.row()]
        column = index.column()
        tags = self.tags_of(article.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                article.display_title + (f"  {hashtags(tags)}" if tags else ""),
                article.display_source,
                article.published or "—",
                f"{article.word_count:,}",
            )[column]
        if role == SORT_ROLE:
            return (
                article.display_title.casefold(),
                (article.source or "").casefold(),
                article.published or "",
                article.word_count,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [article.display_title, article.display_source]
            if article.author:
                lines.append(f"by {article.author}")
            if article.url:
                lines.append(article.url)
            if tags:
                lines.append(f"Tags: {', '.join(tags)}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return article.id
        if role == TAGS_ROLE:
            return tags
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [ARTICLE_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = sorted({self._articles[i.row()].id for i in indexes if i.isValid()})
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
            return f"{hit.title}\n{hit.source or UNKNOWN_OUTLET} — {hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet
        if role == ID_ROLE:
            return hit.article_id
        return None
