"""Columns that fit their content, with a readable first column, for the sidebar's lists.

``fit_columns(view)`` (a tree view, or a table view with a ``header()``) sizes every visible
column but the first to its content (header and the rows on screen), and gives the first column
(the title) the rest of the width. Where that leaves the title under ``min_chars`` average
characters, the ``squeeze`` columns (text that elides, such as the outlet) give up width down to
``SQUEEZED_CHARS``, then the title shrinks down to ``MIN_TITLE_FLOOR``; only a sidebar too narrow
even for that scrolls sideways. The other columns (a date, a count) always show their content
whole. It refits when the view is resized or its rows change; a column the reader drags keeps
its width until the next refit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

MIN_TITLE_CHARS = 18  # the first column shows this many average characters before others are squeezed
MIN_TITLE_FLOOR = 10  # ... and at least this many, before the view scrolls sideways
SQUEEZED_CHARS = 8  # a squeezed column keeps this many average characters
MAX_SHARE = 0.4  # no other column takes more than this share of the width
PADDING = 12  # besides the text: the cell's margins


class ColumnFit(QObject):
    """Keeps a tree view's columns fitted (see the module)."""

    def __init__(self, view: QAbstractItemView, min_chars: int = MIN_TITLE_CHARS, squeeze: tuple[int, ...] = ()):
        super().__init__(view)
        self.view = view
        self.min_chars = min_chars
        self.squeeze = squeeze
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = view.header()
        header.setStretchLastSection(False)
        for column in range(header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        for column in range(header.count()):
            # leaving a Stretch mode makes Qt lay hidden columns out again at their old widths
            # (room nobody sees, scrolled to sideways): hide them anew
            if header.isSectionHidden(column):
                header.setSectionHidden(column, False)
                header.setSectionHidden(column, True)
        view.viewport().installEventFilter(self)
        self._model = None
        self._watch_model()
        header.sectionCountChanged.connect(lambda *_: self._schedule())
        header.sectionResized.connect(self._on_header_section_resized)

    def _watch_model(self) -> None:
        model = self.view.model()
        if model is None or model is self._model:
            return
        self._model = model
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                       model.dataChanged):
            signal.connect(self._schedule)

    def _on_header_section_resized(self, _column: int, old: int, new: int) -> None:
        if old == 0 or new == 0:  # a column shown or hidden (the header's menu): refit the rest
            self._schedule()

    def _schedule(self, *_args) -> None:
        self._timer.start()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._schedule()
        return False

    def content_width(self, column: int) -> int:
        """What the column needs: its header (with the sort arrow) or its widest row on screen."""
        header = self.view.header()
        return max(header.sectionSizeHint(column), self.view.sizeHintForColumn(column)) + PADDING // 2

    def chars_width(self, chars: int) -> int:
        return self.view.fontMetrics().averageCharWidth() * chars + PADDING

    def min_title_width(self) -> int:
        return self.chars_width(self.min_chars)

    def fit(self) -> None:
        self._watch_model()
        header = self.view.header()
        if header.count() == 0:
            return
        available = self.view.viewport().width()
        widths = {}
        for column in range(1, header.count()):
            if not header.isSectionHidden(column):
                widths[column] = min(self.content_width(column), max(40, int(available * MAX_SHARE)))
        short = self.min_title_width() - (available - sum(widths.values()))
        for column in sorted((c for c in self.squeeze if c in widths), reverse=True):
            if short <= 0:
                break
            given = max(0, min(short, widths[column] - self.chars_width(SQUEEZED_CHARS)))
            widths[column] -= given
            short -= given
        title = max(self.chars_width(min(self.min_chars, MIN_TITLE_FLOOR)), available - sum(widths.values()))
        header.resizeSection(0, title)
        for column, width in widths.items():
            header.resizeSection(column, width)


def fit_columns(view: QAbstractItemView, min_chars: int = MIN_TITLE_CHARS, squeeze: tuple[int, ...] = ()) -> ColumnFit:
    """Fit the view's columns to their content now and whenever it resizes or its rows change;
    the ``squeeze`` columns may be narrowed (elided) to keep the title readable (see the module)."""
    fitter = ColumnFit(view, min_chars, squeeze)
    view._column_fit = fitter  # kept alive with the view
    fitter.fit()
    return fitter
