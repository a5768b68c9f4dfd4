"""The compact filter bar above the library's article list: outlet, leaning, dates, story.

``ArticleFilterBar`` only says what the reader picked (``filter_changed``, and
``article_filter()``: an ``ArticleFilter`` without story or words, which the sidebar adds);
the list itself is filtered in SQL by the store.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QToolButton, QWidget

from desktop.core.library.dates import date_prefix
from desktop.core.library.store.article_list import LEANINGS, NO_STORY, ArticleFilter
from desktop.core.models import UNKNOWN_OUTLET

ANY = None  # the data of each combo's first item: no filter


class ArticleFilterBar(QWidget):
    """Outlet and leaning on the first line; dates from/to, story and Clear on the second."""

    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ArticleFilterBar")
        self.outlet_box = QComboBox()
        self.outlet_box.setToolTip("Show one outlet's articles")
        self.outlet_box.setMinimumContentsLength(8)
        self.outlet_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.outlet_box.addItem("All outlets", ANY)
        self.leaning_box = QComboBox()
        self.leaning_box.setToolTip("Show the articles of outlets with this leaning")
        self.leaning_box.addItem("All leanings", ANY)
        for leaning in LEANINGS:
            self.leaning_box.addItem(leaning.capitalize() if leaning != "unknown" else "Unknown leaning", leaning)
        self.since_box = QLineEdit()
        self.since_box.setPlaceholderText("From")
        self.since_box.setToolTip("Articles published on or after this date: 2020-06-30, or a month (2020-06) or a year (2020)")
        self.until_box = QLineEdit()
        self.until_box.setPlaceholderText("To")
        self.until_box.setToolTip("Articles published on or before this date: 2020-06-30, or a month (2020-06) or a year (2020)")
        self.story_box = QComboBox()
        self.story_box.setToolTip("Articles in any story, or only those not in a story yet")
        self.story_box.addItem("Any story", ANY)
        self.story_box.addItem("In no story", NO_STORY)
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip("Clear the filters")
        self.clear_button.setAutoRaise(True)

        for box in (self.outlet_box, self.leaning_box, self.story_box):
            box.currentIndexChanged.connect(self._on_box_changed)
        for edit in (self.since_box, self.until_box):
            edit.editingFinished.connect(self._on_date_edited)
            edit.setClearButtonEnabled(True)
        self.clear_button.clicked.connect(self.clear)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(3)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.outlet_box, 0, 0, 1, 2)
        layout.addWidget(self.leaning_box, 0, 2, 1, 2)
        layout.addWidget(self.since_box, 1, 0)
        layout.addWidget(self.until_box, 1, 1)
        layout.addWidget(self.story_box, 1, 2)
        layout.addWidget(self.clear_button, 1, 3)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        layout.setColumnStretch(2, 3)
        self._dates = (None, None)
        self._update_clear_button()

    # ------------------------------------------------------------ public API

    def set_outlets(self, outlets: list[tuple[str, int]]) -> None:
        """The outlets to choose from, (name, article count) as ``Store.article_list_outlets``
        gives them ("" for articles without an outlet); the choice is kept when still there."""
        chosen = self.outlet_box.currentData()
        self.outlet_box.blockSignals(True)
        try:
            self.outlet_box.clear()
            self.outlet_box.addItem("All outlets", ANY)
            for name, count in outlets:
                self.outlet_box.addItem(f"{name or UNKNOWN_OUTLET} ({count:,})", name)
            found = self.outlet_box.findData(chosen) if chosen is not None else 0
            self.outlet_box.setCurrentIndex(max(found, 0))
        finally:
            self.outlet_box.blockSignals(False)
        if chosen is not None and found < 0:
            self._on_box_changed()

    def article_filter(self) -> ArticleFilter:
        """What the bar lets through (story: any, or ``NO_STORY``)."""
        outlet, leaning = self.outlet_box.currentData(), self.leaning_box.currentData()
        since, until = self._dates
        return ArticleFilter(
            story_id=self.story_box.currentData(),
            outlets=() if outlet is None else (outlet,),
            leanings=() if leaning is None else (leaning,),
            since=since, until=until,
        )

    def set_filter(self, article_filter: ArticleFilter) -> None:
        """Show ``article_filter`` (its first outlet and leaning) in the bar, and announce it."""
        self.blockSignals(True)
        try:
            self.outlet_box.setCurrentIndex(max(0, self.outlet_box.findData(
                article_filter.outlets[0] if article_filter.outlets else ANY)))
            self.leaning_box.setCurrentIndex(max(0, self.leaning_box.findData(
                article_filter.leanings[0] if article_filter.leanings else ANY)))
            self.story_box.setCurrentIndex(1 if article_filter.story_id == NO_STORY else 0)
            self.since_box.setText(article_filter.since or "")
            self.until_box.setText(article_filter.until or "")
            self._dates = (article_filter.since or None, article_filter.until or None)
        finally:
            self.blockSignals(False)
        self._update_clear_button()
        self.filter_changed.emit()

    def is_filtering(self) -> bool:
        flt = self.article_filter()
        return flt.narrows or flt.story_id is not None

    def clear(self) -> None:
        self.set_filter(ArticleFilter())

    # ------------------------------------------------------------ internals

    def _update_clear_button(self) -> None:
        self.clear_button.setEnabled(self.is_filtering())

    def _on_box_changed(self, *_args) -> None:
        self._update_clear_button()
        self.filter_changed.emit()

    def _on_date_edited(self) -> None:
        dates = []
        for edit in (self.since_box, self.until_box):
            text = edit.text().strip()
            problem = ""
            if text:
                try:
                    date_prefix(text)
                except ValueError as exc:  # "2019-13": there is no month 13
                    problem = str(exc)
            valid = not problem
            edit.setStyleSheet("" if valid else "color: #b00020;")
            edit.setToolTip(edit.toolTip().split("\n")[0] + ("" if valid else "\n" + problem))
            dates.append(text if text and valid else None)
        if tuple(dates) != self._dates:
            self._dates = tuple(dates)
            self._update_clear_button()
            self.filter_changed.emit()
