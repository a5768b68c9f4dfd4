"""Readable at real screen sizes (issue 16 item 1): the real window at 1280×800, 1366×768,
1600×900 and 1920×1080, measured as a reader would see it; the strip of chips that swaps
articles in; the sidebar that F9 hides and remembers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

from desktop.ui.compare.reading_pane import READABLE_CHARS, ElidedLabel

SIZES = [(1280, 800), (1366, 768), (1600, 900), (1920, 1080)]


def chars_per_line(pane) -> float:
    """Average characters a line in the pane's text: the text's width over its font's mean advance."""
    view = pane.view
    width = view.viewport().width() - 2 * view.document().documentMargin()
    return width / QFontMetricsF(view.document().defaultFont()).averageCharWidth()


def rect_in_window(widget: QWidget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def scrolled_content(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: may lie outside the window, scrolled out of view."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return True
        parent = area
    return False


def label_is_cut(label: QLabel) -> bool:
    if isinstance(label, ElidedLabel):
        if label.text() != label.fullText():  # elided: must end in "…" and tell the rest on hover
            return not label.text().endswith("…") or label.fullText() not in label.toolTip()
        return label.fontMetrics().horizontalAdvance(label.text()) > label.contentsRect().width()
    if label.wordWrap():
        return label.heightForWidth(label.width()) > label.height()
    return label.fontMetrics().horizontalAdvance(label.text()) > label.contentsRect().width()


def chip_click(qtbot, window, article_id: int, modifier=Qt.KeyboardModifier.NoModifier,
               button=Qt.MouseButton.LeftButton) -> None:
    chooser = window.comparison.chooser
    chooser.reveal(article_id)
    qtbot.mouseClick(chooser.viewport(), button, modifier, chooser.chip_rect(article_id).center())
    window.comparison.settle()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_pane_is_readable_and_nothing_is_cut_or_outside(make_window, size):
    window = make_window(size=size)
    area = window.comparison
    assert window.size().width() == size[0]
    assert len(area.panes) == 5 and all(p.view.document().characterCount() > 100 for p in area.panes)
    for pane in area.panes:
        assert chars_per_line(pane) >= READABLE_CHARS, (pane.outlet.fullText(), chars_per_line(pane))
    in_view = area.panes_in_view()
    assert len(in_view) >= 2  # two articles side by side on every size
    viewport = area.scroll.viewport()
    left = area.scroll.horizontalScrollBar().value()
    for pane in in_view:  # whole panes: none cut at the edge
        assert pane.x() >= left and pane.x() + pane.width() <= left + viewport.width()
        labels = [pane.outlet, pane.title, pane.meta, pane.summary]
        assert pane.summary.isVisible() and "shared" in pane.summary.text()  # the stats line is there
        cut = [label.text() for label in labels if label.isVisible() and label_is_cut(label)]
        assert not cut, cut
    window_rect = QRect(QPoint(0, 0), window.size())
    outside = [
        f"{w.metaObject().className()} {w.objectName()} {rect_in_window(w, window)}"
        for w in window.findChildren(QWidget)
        if w.isVisible() and not w.isWindow() and not scrolled_content(w)
        and not window_rect.contains(rect_in_window(w, window))
    ]
    assert not outside, outside


def test_strip_lists_every_article_and_a_click_brings_one_into_view(make_window, qtbot):
    window = make_window(size=(1280, 800))
    area = window.comparison
    ids = [a.id for a in area.articles]
    assert area.chooser.isVisible() and area.chooser.model().rowCount() == 5
    assert area.chooser.chips.in_view == {p.article_id for p in area.panes_in_view()}
    last = ids[-1]
    assert area.pane_for(last) not in area.panes_in_view()
    chip_click(qtbot, window, last)
    assert area.pane_for(last) in area.panes_in_view()
    assert last in area.chooser.chips.in_view and ids[0] not in area.chooser.chips.in_view


def test_a_closed_article_is_swapped_in_and_ctrl_click_opens_it_beside(make_window, qtbot):
    window = make_window(size=(1280, 800))
    area = window.comparison
    ids = [a.id for a in area.articles]
    chip_click(qtbot, window, ids[2], button=Qt.MouseButton.MiddleButton)  # close its pane
    assert area.pane_for(ids[2]) is None and ids[2] in area.chooser.chips.ids  # still in the story
    assert window.store.story(window.current_story_id).article_ids == tuple(ids) or list(
        window.store.story(window.current_story_id).article_ids) == ids
    area.panes[0].view.setFocus()
    before = [p.article_id for p in area.panes_in_view()]
    chip_click(qtbot, window, ids[2])  # swapped in for the focused pane
    assert area.pane_for(ids[2]) in area.panes_in_view()
    assert len(area.panes) == 4 and area.pane_for(before[0]) is None
    # the letters stay the story's: A3 is still A3 beside A2
    assert area.pane_for(ids[2]).outlet.fullText().startswith("A3 ·")
    chip_click(qtbot, window, before[0], modifier=Qt.KeyboardModifier.ControlModifier)  # beside: one more
    assert len(area.panes) == 5 and area.pane_for(before[0]) in area.panes_in_view()
    # the comparison is kept and drawn on the new panes
    assert area.comparison is not None and area.pane_for(before[0]).view.extraSelections()
    assert area.pane_for(before[0]).summary.isVisible()


def test_f9_hides_the_sidebar_gives_the_panes_its_width_and_is_remembered(make_window, qtbot):
    window = make_window(size=(1366, 768))
    area = window.comparison
    width = area.scroll.viewport().width()
    assert window.sidebar.isVisible() and window.sidebar_action.isChecked()
    qtbot.keyClick(area.panes[0].view, Qt.Key.Key_F9)
    area.settle()
    assert not window.sidebar.isVisible() and not window.sidebar_action.isChecked()
    assert area.scroll.viewport().width() > width
    assert all(chars_per_line(p) >= READABLE_CHARS for p in area.panes)
    window.close()
    again = make_window(size=(1366, 768))
    assert not again.sidebar.isVisible() and not again.sidebar_action.isChecked()
    again.comparison.panes[0].view.setFocus()
    qtbot.keyClick(again.comparison.panes[0].view, Qt.Key.Key_F9)
    assert again.sidebar.isVisible()
    # View > Facts brings a hidden sidebar back on its Facts tab
    qtbot.keyClick(again.comparison.panes[0].view, Qt.Key.Key_F9)
    assert not again.sidebar.isVisible()
    qtbot.keyClick(again.comparison.panes[0].view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert again.sidebar.isVisible() and again.sidebar_tabs.currentIndex() == 1


def test_zooming_keeps_panes_readable(make_window, qtbot):
    window = make_window(size=(1600, 900))
    area = window.comparison
    for _ in range(3):
        qtbot.keyClick(area.panes[0].view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    area.settle()
    assert all(chars_per_line(p) >= READABLE_CHARS for p in area.panes)
    assert len(area.panes_in_view()) >= 1


def test_the_strip_works_from_the_keyboard(make_window, qtbot):
    window = make_window(size=(1280, 800))
    area = window.comparison
    last = area.articles[-1].id
    chooser = area.chooser
    chooser.setFocus()
    chooser.setCurrentIndex(chooser.model().index(len(area.articles) - 1))
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    area.settle()
    assert area.pane_for(last) in area.panes_in_view()
    chooser.setFocus()
    chooser.setCurrentIndex(chooser.model().index(len(area.articles) - 1))
    qtbot.keyClick(chooser, Qt.Key.Key_Delete)  # closes its pane, keeps it in the story
    assert area.pane_for(last) is None and len(area.panes) == 4
    assert last in window.store.story(window.current_story_id).article_ids


def test_a_hidden_sidebar_comes_back_at_its_width(make_window, qtbot):
    window = make_window(size=(1366, 768))
    width = window.sidebar.width()
    window.set_sidebar_visible(False)
    window.close()
    again = make_window(size=(1366, 768))
    again.set_sidebar_visible(True)
    again.comparison.settle()
    assert abs(again.sidebar.width() - width) <= 2


def test_the_sidebar_widens_on_wide_windows_until_the_reader_sets_it(make_window, qtbot):
    window = make_window(size=(1280, 800))
    assert window.sidebar.width() == 270  # every pixel for the panes on a laptop
    window.resize(1920, 1080)
    window.comparison.settle()
    wide = window.sidebar.width()
    assert 340 <= wide <= 380  # room for the Facts, Quotes and Sources tabs
    assert len(window.comparison.panes_in_view()) == 3  # and still three readable panes
    window.main_splitter.setSizes([300, sum(window.main_splitter.sizes()) - 300])  # the reader's choice
    window.resize(1800, 1000)
    window.comparison.settle()
    assert abs(window.sidebar.width() - 300) <= 2  # kept


def test_selecting_a_fact_whose_outlets_are_scrolled_out_of_view_brings_one_into_view(make_window, qtbot):
    from desktop.ui.compare.facts_panel import FACT_ID_ROLE

    window = make_window(size=(1280, 800))
    area, panel = window.comparison, window.facts_panel
    shown = {p.article_id for p in area.panes_in_view()}
    fact = next(f for f in area.comparison.facts if f.sources >= 2 and not shown & set(f.articles))
    window.sidebar_tabs.setCurrentIndex(1)
    panel.set_coverage("any")
    proxy = panel.view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(FACT_ID_ROLE) == fact.id)
    panel.view.scrollTo(proxy.index(row, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.view.visualRect(proxy.index(row, 0)).center())
    assert area.current_fact == fact.id
    now = {p.article_id for p in area.panes_in_view()}
    assert now & set(fact.articles)  # a pane that reports it is on screen, its words marked
    first = area.pane_for(min(fact.articles, key=lambda a: [p.article_id for p in area.panes].index(a)))
    assert first in area.panes_in_view()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_sidebar_tab_is_in_sight_and_a_click_or_shortcut_switches(make_window, qtbot, size):
    window = make_window(size=size)
    switcher, tabs = window.sidebar_switcher, window.sidebar_tabs
    names = [tabs.tabText(i) for i in range(tabs.count())]
    assert [b.text() for b in switcher.buttons] == names == ["Library", "Facts", "Notes", "Quotes", "Timeline",
                                                             "Sources"]
    for button in switcher.buttons:  # whole, inside the sidebar: no tab behind scroll arrows
        assert button.isVisible() and button.geometry().right() <= switcher.width()
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    assert not tabs.tabBar().isVisible()
    qtbot.mouseClick(switcher.button("Sources"), Qt.MouseButton.LeftButton)
    assert tabs.currentIndex() == names.index("Sources") and switcher.button("Sources").isChecked()
    window.sidebar_tabs.setCurrentIndex(names.index("Facts"))  # a shortcut, say: the buttons follow
    assert switcher.button("Facts").isChecked() and switcher.button("Facts").font().bold()
    assert not switcher.button("Sources").isChecked() and not switcher.button("Sources").font().bold()
