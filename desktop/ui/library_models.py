"""Item models over the store's stories and articles, for the library sidebar."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QMimeData, QModelIndex, Qt

from desktop.core.models import UNKNOWN_OUTLET, ArticleSummary, Story

ARTICLE_IDS_MIME = "application/x-parallax-article-ids"
ALL_ARTICLES = -1  # the "Library" row above the stories: every article
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class StoriesModel(QAbstractListModel):
    """"Library" (all articles) first, then the stories by name."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stories: list[Story] = []

    def set_stories(self, stories: list[Story]) -> None:
        self.beginResetModel()
        self._stories = list(stories)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._stories) + 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        story = None if index.row() == 0 else self._stories[index.row() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return "Library — all articles" if story is None else f"{story.name}  ({len(story.article_ids)})"
        if role == Qt.ItemDataRole.ToolTipRole:
            if story is None:
                return "Every article in this library"
            return f"{story.name}: {len(story.article_ids)} articles side by side"
        if role == ID_ROLE:
            return ALL_ARTICLES if story is None else story.id
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


class ArticlesModel(QAbstractTableModel):
    """Articles with outlet, date and word count; rows drag out as article ids."""

    COLUMNS = ("Title", "Outlet", "Date", "Words")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._articles: list[ArticleSummary] = []

    def set_articles(self, articles: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        self.endResetModel()

    def article_at(self, row: int) -> ArticleSummary:
        return self._articles[row]

    def row_of(self, article_id: int) -> int:
        return next((i for i, a in enumerate(self._articles) if a.id == article_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.COLUMNS):
                return self.COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        article = self._articles[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                article.display_title,
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
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return article.id
        return None

    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ARTICLE_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
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

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
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
