"""The strip above the panes: every article of the story as a compact chip.

A chip names its article ("A3 · Bitdefender") and, once the comparison is in, draws a thin bar
of its marks (shared, only here, in conflict), like a tiny overview strip. Chips of articles
open as panes are outlined; those in view are filled. A click on a chip swaps that article
in beside the others (or scrolls to it); Ctrl+click opens it as one more pane; the context
menu also closes a pane without removing the article from the story.

One list view with one row per article: a 400-article story costs 400 light rows, not 400
widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QStyle, QStyledItemDelegate

CHIP_WIDTH = 168
CHIP_HEIGHT = 30
OPEN_ROLE = Qt.ItemDataRole.UserRole + 1  # bool: a pane shows the article
IN_VIEW_ROLE = Qt.ItemDataRole.UserRole + 2  # bool: its pane is in view now
MARKS_ROLE = Qt.ItemDataRole.UserRole + 3  # (shared, only here, conflicts) or None
ID_ROLE = Qt.ItemDataRole.UserRole + 4

SHARED_COLOUR, ONLY_COLOUR, CONFLICT_COLOUR = QColor("#4c9be8"), QColor("#b8b8b8"), QColor("#d9480f")


class ChipModel(QAbstractListModel):
    """The story's articles, in story order, with their labels, pane state and marks."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ids: list[int] = []
        self.labels: dict[int, str] = {}
        self.tips: dict[int, str] = {}
        self.open: set[int] = set()
        self.in_view: set[int] = set()
        self.marks: dict[int, tuple[int, int, int]] = {}

    def set_articles(self, ids: list[int], labels: dict[int, str], tips: dict[int, str]) -> None:
        self.beginResetModel()
        self.ids, self.labels, self.tips = list(ids), dict(labels), dict(tips)
        self.open, self.in_view, self.marks = set(), set(), {}
        self.endResetModel()

    def set_labels(self, labels: dict[int, str], tips: dict[int, str]) -> None:
        """New names for the same articles (an outlet edited), their state kept."""
        self.labels, self.tips = dict(labels), dict(tips)
        self._changed()

    def set_state(self, open_ids, in_view) -> None:
        self.open, self.in_view = set(open_ids), set(in_view)
        self._changed()

    def set_marks(self, marks: dict[int, tuple[int, int, int]]) -> None:
        self.marks = dict(marks)
        self._changed()

    def _changed(self) -> None:
        if self.ids:
            self.dataChanged.emit(self.index(0), self.index(len(self.ids) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        article_id = self.ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.labels.get(article_id, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tips.get(article_id, self.labels.get(article_id, ""))
            marks = self.marks.get(article_id)
            if marks:
                tip += f"\n{marks[0]} shared · {marks[1]} only here · {marks[2]} in conflict"
            if article_id in self.in_view:
                state = "In view."
            elif article_id in self.open:
                state = "Open, scrolled out of view: click to bring it in."
            else:
                state = "Not open: click to swap it in, Ctrl+click to open it beside the others."
            return f"{tip}\n{state}"
        if role == OPEN_ROLE:
            return article_id in self.open
        if role == IN_VIEW_ROLE:
            return article_id in self.in_view
        if role == MARKS_ROLE:
            return self.marks.get(article_id)
        if role == ID_ROLE:
            return article_id
        return None


class ChipDelegate(QStyledItemDelegate):
    def sizeHint(self, option, index) -> QSize:
        return QSize(CHIP_WIDTH, CHIP_HEIGHT)

    def paint(self, painter, option, index) -> None:
        palette = option.palette
        rect = option.rect.adjusted(2, 2, -2, -2)
        is_open, in_view = index.data(OPEN_ROLE), index.data(IN_VIEW_ROLE)
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        accent = palette.color(QPalette.ColorRole.Highlight)
        if in_view:
            fill = QColor(accent)
            fill.setAlpha(70)
            painter.setBrush(fill)
        else:
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
        border = accent if is_open else palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(border, 1.5 if is_open else 1, Qt.PenStyle.SolidLine if is_open else Qt.PenStyle.DashLine))
        if option.state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(QPen(accent, 2))
        painter.drawRoundedRect(rect, 4, 4)
        font = option.font
        font.setBold(bool(in_view))
        painter.setFont(font)
        colour = palette.color(QPalette.ColorRole.Text)
        if not is_open:
            colour.setAlphaF(0.6)  # not open: a quieter name
        painter.setPen(colour)
        text_rect = rect.adjusted(6, 1, -6, -6)
        text = QFontMetrics(font).elidedText(index.data(), Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        marks = index.data(MARKS_ROLE)
        if marks and sum(marks):
            bar = QRect(rect.left() + 6, rect.bottom() - 5, rect.width() - 12, 3)
            x = bar.left()
            total = sum(marks)
            for count, colour in zip(marks, (SHARED_COLOUR, ONLY_COLOUR, CONFLICT_COLOUR)):
                width = round(bar.width() * count / total)
                painter.fillRect(QRect(x, bar.top(), width, bar.height()), colour)
                x += width
        painter.restore()


class PaneChooser(QListView):
    """One row of chips, scrolling sideways when the story has more than fit."""

    article_clicked = Signal(int, bool)  # article id, beside (Ctrl/Shift held: open as one more pane)
    close_requested = Signal(int)  # article id: close its pane, keep the article in the story
    fit_requested = Signal()  # keep only the panes that fit the window
    all_requested = Signal()  # open every article as a pane

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("PaneChooser")
        self.chips = ChipModel(self)
        self.setModel(self.chips)
        self.setItemDelegate(ChipDelegate(self))
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setAccessibleName("Articles of the story")
        self._update_height()
        self.chips.modelReset.connect(self._update_height)

    def _update_height(self) -> None:
        # room for the sideways scroll bar only when the chips do not all fit
        bar = self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(CHIP_HEIGHT + 4 + (bar if self._overflows() else 0))

    def _overflows(self) -> bool:
        return len(self.chips.ids) * CHIP_WIDTH > max(1, self.viewport().width())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_height()

    def chip_rect(self, article_id: int) -> QRect:
        """Where the article's chip is, in viewport coordinates (for tests and scrolling)."""
        return self.visualRect(self.chips.index(self.chips.ids.index(article_id)))

    def reveal(self, article_id: int) -> None:
        if article_id in self.chips.ids:
            self.scrollTo(self.chips.index(self.chips.ids.index(article_id)))

    def mouseReleaseEvent(self, event) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            beside = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                               | Qt.KeyboardModifier.ShiftModifier))
            self.article_clicked.emit(index.data(ID_ROLE), beside)
            event.accept()
            return
        if index.isValid() and event.button() == Qt.MouseButton.MiddleButton and index.data(OPEN_ROLE):
            self.close_requested.emit(index.data(ID_ROLE))
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        index = self.currentIndex()
        if index.isValid() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            beside = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.article_clicked.emit(index.data(ID_ROLE), beside)
            return
        if index.isValid() and event.key() == Qt.Key.Key_Delete and index.data(OPEN_ROLE):
            self.close_requested.emit(index.data(ID_ROLE))
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        index = self.indexAt(event.pos())
        menu = QMenu(self)
        if index.isValid():
            article_id = index.data(ID_ROLE)
            if index.data(OPEN_ROLE):
                menu.addAction("Show Its Pane").triggered.connect(lambda: self.article_clicked.emit(article_id, False))
                menu.addAction("Close Pane (Keep in Story)\tDel").triggered.connect(
                    lambda: self.close_requested.emit(article_id))
            else:
                menu.addAction("Swap In").triggered.connect(lambda: self.article_clicked.emit(article_id, False))
                menu.addAction("Open Beside\tCtrl+Click").triggered.connect(
                    lambda: self.article_clicked.emit(article_id, True))
            menu.addSeparator()
        menu.addAction("Open Only the Panes That Fit").triggered.connect(self.fit_requested)
        menu.addAction("Open Every Article").triggered.connect(self.all_requested)
        menu.exec(event.globalPos())
