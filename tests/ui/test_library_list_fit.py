"""The library's article list fits its sidebar: at the sidebar's default width (1280 and 1920 px
windows) nothing scrolls sideways, the dates show whole, the titles and outlets elide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QHeaderView

from desktop.ui.library.article_table_view import ArticleTableView
from desktop.ui.library.column_fit import MIN_TITLE_CHARS, MIN_TITLE_FLOOR, SQUEEZED_CHARS, fit_columns
from desktop.ui.window_state import sidebar_width

DATE = 2


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_the_article_list_needs_no_sideways_scrolling_and_shows_dates_whole(make_window, size):
    window = make_window(size)
    assert window.library.width() == sidebar_width(size[0])  # the default width, never set by the reader
    view = window.library.articles_view
    QApplication.processEvents()
    header, viewport = view.header(), view.viewport()
    assert view.horizontalScrollBar().maximum() == 0  # the scroll bar is not needed
    assert header.length() <= viewport.width()
    # the Date column lies inside the list and is as wide as its widest date
    assert not header.isSectionHidden(DATE)
    left = header.sectionViewportPosition(DATE)
    assert left >= 0 and left + header.sectionSize(DATE) <= viewport.width()
    assert header.sectionSize(DATE) >= view.sizeHintForColumn(DATE)
    dated = [row for row in range(view.model().rowCount()) if view.model().index(row, DATE).data() != "—"]
    assert dated  # the bundled story has a dated article (Bitdefender, 2024-07-16)
    for row in dated:
        cell = view.visualRect(view.model().index(row, DATE))
        assert viewport.rect().contains(cell)
        text = view.model().index(row, DATE).data()
        assert view.fontMetrics().horizontalAdvance(text) < cell.width(), text
    # the title gets what is left, and keeps a readable width
    assert header.sectionSize(0) >= view.fontMetrics().averageCharWidth() * MIN_TITLE_CHARS


def _table(qtbot, hidden=(3,)):
    """A list like the sidebar's: a title, an outlet, a date and a hidden column; the title was
    set to stretch before the fit took over (which made Qt count the hidden column's old width)."""
    model = QStandardItemModel(3, 4)
    model.setHorizontalHeaderLabels(["Title", "Outlet", "Date", "Story"])
    for row in range(3):
        for column, text in enumerate((f"A rather long headline number {row} about the ban", "Bitdefender",
                                       "2024-07-16", "Kaspersky exits the US")):
            model.setData(model.index(row, column), text)
    view = ArticleTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in hidden:
        header.resizeSection(column, 110)
        header.setSectionHidden(column, True)
    fit_columns(view, squeeze=(1,))
    return view


@pytest.mark.parametrize("width", [260, 300, 420])
def test_fitting_squeezes_the_outlet_before_the_title_and_never_the_date(qtbot, width):
    view = _table(qtbot)
    view.resize(width, 200)
    view.show()
    qtbot.waitExposed(view)
    view._column_fit.fit()
    QApplication.processEvents()  # the scroll range follows the columns on the next round of events
    header, metrics = view.horizontalHeader(), view.fontMetrics()
    available = view.viewport().width()
    assert header.sectionSize(3) == 0 and header.length() == available  # the hidden column takes no room
    assert view.horizontalScrollBar().maximum() == 0
    assert header.sectionSize(DATE) >= view.sizeHintForColumn(DATE)  # the date is never cut
    outlet, whole = header.sectionSize(1), view._column_fit.content_width(1)
    if outlet < whole:  # squeezed: only as far as the title needs, and not below the floor
        floor = view._column_fit.chars_width(SQUEEZED_CHARS)
        assert outlet >= floor > metrics.averageCharWidth() * SQUEEZED_CHARS
        # the title is under its readable width only once the outlet can give no more
        assert header.sectionSize(0) == view._column_fit.min_title_width() or outlet == floor
        assert header.sectionSize(0) >= metrics.averageCharWidth() * MIN_TITLE_FLOOR
    else:
        assert header.sectionSize(0) >= view._column_fit.min_title_width()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_the_list_heading_keeps_its_count_in_view_when_the_story_name_is_long(make_window, size):
    window = make_window(size)
    heading = window.library.articles_heading
    QApplication.processEvents()
    assert heading.text() == "In “Kaspersky exits the US (July 2024)” (5)" or heading.text().endswith("…” (5)")
    long_name = "Kaspersky exits the United States after the Commerce Department bans its antivirus software"
    window.apply_changes(window.store.rename_story(window.current_story_id, long_name))
    QApplication.processEvents()
    shown = heading.text()
    assert shown.startswith("In “Kaspersky") and shown.endswith("…” (5)")  # the name gives way, not the count
    assert heading.fontMetrics().horizontalAdvance(shown) <= heading.width()
    assert heading.toolTip() == f"In “{long_name}” (5)"  # the whole heading on hover
    heading.resize(heading.width() * 3, heading.height())  # room again: the whole name, no tooltip
    assert heading.text() == f"In “{long_name}” (5)" and heading.toolTip() == ""
