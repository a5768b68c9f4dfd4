"""The view of the library's article list: a flat table that stays fast at 35,000 rows and more.

A ``QTreeView`` lays out every row of its model after each reset or re-sort (asking the Python
model about each one: about a second for 35,000 articles), a ``QTableView`` only what is on
screen. ``ArticleTableView`` makes the table look and move like the list it replaces: whole rows,
no grid and no row numbers, Home/End to the first/last article, and ``header()`` for the column
header as on a tree view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class ArticleTableView(QTableView):
    """A table shown as a list of rows (see the module)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        columns = self.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setResizeContentsPrecision(0)  # fitting a column reads the rows on screen, not 1,000
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def header(self) -> QHeaderView:
        """The column header (as ``QTreeView.header``)."""
        return self.horizontalHeader()

    def moveCursor(self, action, modifiers):
        # Home and End go to the first and last article, as in a list (a table keeps to the row)
        if action in (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)
