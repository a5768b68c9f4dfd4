"""Issue 16, items 2 and 3: labels a reader can tell apart, and calm marks.

Driven on the real window over the bundled story (five articles, four without a known outlet)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication

from desktop.ui.compare import less_sure_links
from desktop.ui.compare.exclusive_marks import ACTION_TEXT, SETTING
from desktop.ui.compare.fact_highlights import (
    AGREEMENT_PROPERTY,
    ALL,
    FACT_ID_PROPERTY,
    LESS_SURE_LABEL,
    LESS_SURE_PROPERTY,
    ONE,
    SEVERAL,
)
from desktop.ui.compare.facts_panel import COL_CONFLICT, COL_COVERAGE, COL_LABEL, COL_OUTLETS, FACT_ID_ROLE
from desktop.ui.compare.legend import EXCLUSIVES_OFF, LESS_SURE_OFF
from desktop.ui.library.column_fit import MIN_TITLE_CHARS, MIN_TITLE_FLOOR, SQUEEZED_CHARS


def _view_action(window, text):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    return next(a for a in view_menu.actions() if a.text() == text)


def _painted(window, agreements, less_sure=None):
    """The fact selections the panes paint now, with the given agreement levels (and, when
    ``less_sure`` is given, only those marked as a less sure link or only the others)."""
    return [s for pane in window.comparison.panes for s in pane.view.extraSelections()
            if s.format.property(AGREEMENT_PROPERTY) in agreements
            and (less_sure is None or bool(s.format.property(LESS_SURE_PROPERTY)) == less_sure)]


def _rgba(colour):
    return colour.rgba()


# ------------------------------------------------------------------ labels


def test_pane_headers_name_unknown_outlets_by_their_first_words(window):
    panes = window.comparison.panes
    headers = [pane.outlet.fullText() for pane in panes]
    assert len(set(headers)) == len(panes) == 5
    assert not any("UNKNOWN" in header.upper() for header in headers)
    assert headers[1] == "A2 · BITDEFENDER"
    for index, pane in enumerate(panes):
        assert headers[index].startswith(f"A{index + 1} · ")
        if pane.article.source is None:  # the headline's (or text's) first words, with an ellipsis
            first_word = pane.article.display_title.split()[0]
            assert headers[index].split(" · ", 1)[1].startswith(first_word)
            assert "Outlet unknown" in pane.outlet.toolTip()


def test_tabs_and_tooltips_use_the_same_labels(window):
    area = window.comparison
    headers = {pane.article_id: pane.outlet.fullText() for pane in area.panes}
    quotes = window.disagreements.quotes
    assert set(quotes.names.values()) and not any("Unknown outlet" in n for n in quotes.names.values())
    for article_id, name in quotes.names.items():
        # the pane shows outlets in capitals; the label is the same
        assert name.casefold() == headers[article_id].casefold()
    fact = next(f for f in area.comparison.facts if f.kind == "claim" and f.sources >= 3)
    pane = next(p for p in area.panes if p.article_id in fact.articles)
    offset = min(m.start for m in fact.mentions if m.article == pane.article_id)
    tip = pane.view.fact_tooltip(pane.view.facts_at(offset + 1)[0])
    assert "Unknown outlet" not in tip
    row = window.facts_panel.proxy.index(0, COL_LABEL)
    assert "Unknown outlet" not in (row.data(Qt.ItemDataRole.ToolTipRole) or "")


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_library_rows_can_be_told_apart(make_window, size):
    window = make_window(size)
    view = window.library.articles_view
    model = view.model()
    assert model.rowCount() == 5
    outlets = [model.index(row, 1).data() for row in range(5)]
    assert "Bitdefender" in outlets and not any("Unknown" in (o or "") for o in outlets)
    header = view.header()
    metrics = view.fontMetrics()
    title_width = header.sectionSize(0)
    assert title_width >= metrics.averageCharWidth() * MIN_TITLE_CHARS
    # what the reader sees of each title, elided to its column: five different texts
    shown = [metrics.elidedText(model.index(row, 0).data(), Qt.TextElideMode.ElideRight, title_width - 12)
             for row in range(5)]
    assert len(set(shown)) == 5, shown
    # the other visible columns are as wide as their content; the outlet may elide in a narrow sidebar
    for column in range(1, header.count()):
        if header.isSectionHidden(column):
            continue
        whole = view.sizeHintForColumn(column)
        least = min(whole, metrics.averageCharWidth() * SQUEEZED_CHARS) if column == 1 else whole
        assert header.sectionSize(column) >= least, column
    # a column the reader shows (the header's menu) gets its content's width too, the title still reads
    hidden = next((c for c in range(1, header.count()) if header.isSectionHidden(c)), None)
    if hidden is not None:
        header.setSectionHidden(hidden, False)
        QApplication.processEvents()
        assert header.sectionSize(hidden) >= view.sizeHintForColumn(hidden) > 0
        assert header.sectionSize(0) >= metrics.averageCharWidth() * MIN_TITLE_FLOOR


# ------------------------------------------------------------------ legend = panes' colours


def test_legend_swatches_are_the_colours_the_panes_paint(window):
    painted = {ALL: set(), SEVERAL: set()}
    for selection in _painted(window, (ALL, SEVERAL), less_sure=False):
        agreement = selection.format.property(AGREEMENT_PROPERTY)
        painted[agreement].add(_rgba(selection.format.background().color()))
    assert len(painted[ALL] | painted[SEVERAL]) >= 3  # blue, orange, pink... in the panes
    legend = window.legend
    for agreement in (ALL, SEVERAL):
        swatches = {_rgba(c) for c in legend.swatch_colours(agreement)}
        assert len(swatches) == 6  # every hue of the palette
        assert painted[agreement] <= swatches, agreement
    # and not one yellow for all: the "all" and "several" lines differ, hue by hue
    assert legend.swatch_colours(ALL) != legend.swatch_colours(SEVERAL)


# ------------------------------------------------------------------ "only this source"


def test_exclusive_mark_is_faint_by_default(window):
    exclusive = _painted(window, (ONE,))
    assert exclusive
    for selection in exclusive:
        fmt = selection.format
        assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
        assert fmt.background().style() == Qt.BrushStyle.NoBrush
        grey = fmt.underlineColor()
        assert grey.red() == grey.green() == grey.blue() >= 170  # light grey on the white page
    assert _view_action(window, ACTION_TEXT).isChecked()


def test_view_menu_switches_the_exclusive_mark_off_and_it_is_remembered(make_window, qtbot):
    window = make_window()
    action = _view_action(window, ACTION_TEXT)
    assert action.isCheckable() and action.isChecked()
    shared_before = len(_painted(window, (ALL, SEVERAL, "conflict")))
    action.trigger()  # View > Mark Claims Only One Source Makes
    assert not action.isChecked()
    assert _painted(window, (ONE,)) == []
    assert len(_painted(window, (ALL, SEVERAL, "conflict"))) == shared_before  # the rest stays
    # exclusives stay visible where they do not drown the text
    assert any(mark.kind == "exclusive" for pane in window.comparison.panes for mark in pane.overview.marks())
    window.sidebar_tabs.setCurrentIndex(1)
    qtbot.mouseClick(window.facts_panel.coverage_buttons["one"], Qt.MouseButton.LeftButton)
    assert window.facts_panel.proxy.rowCount() > 0
    assert EXCLUSIVES_OFF in window.legend.toPlainText()
    window.save_settings()
    # a new window starts with the mark off
    again = make_window()
    assert not _view_action(again, ACTION_TEXT).isChecked()
    assert _painted(again, (ONE,)) == []
    assert again.settings.get(SETTING) is False
    _view_action(again, ACTION_TEXT).trigger()
    assert _painted(again, (ONE,)) and EXCLUSIVES_OFF not in again.legend.toPlainText()


# ------------------------------------------------------------------ the Facts tab


@pytest.mark.parametrize("size", [None, (1280, 800)])  # None: the window's default size
def test_facts_tab_shows_coverage_and_outlets_at_the_default_width(make_window, qtbot, size):
    window = make_window(size)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.sidebar_tabs.currentIndex() == 1
    panel = window.facts_panel
    view, header = panel.view, panel.view.header()
    viewport = view.viewport().rect()
    for column in (COL_LABEL, COL_COVERAGE, COL_OUTLETS, COL_CONFLICT):
        left = header.sectionViewportPosition(column)
        assert left >= 0 and left + header.sectionSize(column) <= viewport.width(), column
    assert header.sectionSize(COL_LABEL) >= view.fontMetrics().averageCharWidth() * 8  # the fact reads
    # every chip of a row is inside the Outlets column
    index = panel.proxy.index(0, COL_OUTLETS)
    chips = panel.chips.sizeHint(view.viewOptions() if hasattr(view, "viewOptions") else _option(view), index)
    assert chips.width() <= header.sectionSize(COL_OUTLETS)
    # and the reader can click a row's coverage
    rect = view.visualRect(panel.proxy.index(0, COL_COVERAGE))
    assert viewport.contains(rect.center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))
    assert panel.selected_id() == panel.proxy.index(0, 0).data(FACT_ID_ROLE)


def _option(view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    return option


# ------------------------------------------------------------------ the HTML report


def test_html_report_colours_a_fact_as_the_panes_do(comparison):
    import re

    from PySide6.QtGui import QColor

    from desktop.core.interchange.report_html import PALETTE, render_html
    from desktop.ui.compare.fact_highlights import OKABE_ITO, fact_spans

    assert [QColor(*rgb).name().upper() for rgb in PALETTE] == [code.upper() for _name, code in OKABE_ITO]
    page = render_html(comparison)
    spans = fact_spans(comparison)
    window_colour = {s.id: s.colour for a in comparison.articles for s in spans.spans(a.id) if s.colour >= 0}
    report_colour = {fact: int(c) for classes, fact in re.findall(r'<mark class="([^"]*)"[^>]*data-fact="([^"]*)"', page)
                     for c in re.findall(r"\bc(\d)\b", classes)}
    assert report_colour  # shared claims are tinted
    for fact, colour in report_colour.items():
        assert colour == window_colour[fact] % len(PALETTE), fact


# ------------------------------------------------------------------ links Parallax is less sure of


def _ids(selections):
    return {s.format.property(FACT_ID_PROPERTY) for s in selections}


def test_less_sure_links_are_paler_and_dotted_in_their_facts_colour(window):
    comparison = window.comparison.comparison
    weak = {f.id for f in comparison.facts if f.weak and f.sources > 1}
    assert weak  # the bundled story has links Parallax is less sure of
    less_sure = _painted(window, (ALL, SEVERAL), less_sure=True)
    assert _ids(less_sure) == weak
    assert not weak & _ids(_painted(window, (ALL, SEVERAL), less_sure=False))
    sure_backgrounds = {_rgba(s.format.background().color())
                        for s in _painted(window, (ALL, SEVERAL), less_sure=False)}
    swatches = {_rgba(c) for c in window.legend.swatch_colours(LESS_SURE_LABEL)}
    assert len(swatches) == 6
    for selection in less_sure:
        fmt = selection.format
        assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
        background = fmt.background().color()
        assert _rgba(background) in swatches and _rgba(background) not in sure_backgrounds
        assert 0 < background.alphaF() < 0.2  # paler than any shared fact's background
        assert fmt.underlineColor().saturation() > 100  # the fact's hue, not the exclusives' grey
    assert LESS_SURE_LABEL in window.legend.toPlainText()
    # each pane header counts its less sure links among its shared ones
    area = window.comparison
    for pane in area.panes:
        mine = sum(1 for f in comparison.facts if f.id in weak and any(m.article == pane.article_id for m in f.mentions))
        assert (f"shared ({mine} less sure)" in pane.summary.text()) == bool(mine), pane.summary.text()
    assert any("less sure" in pane.summary.text() for pane in area.panes)


def test_view_menu_hides_less_sure_links_everywhere_in_the_panes_and_remembers_it(make_window, qtbot):
    window = make_window()
    area = window.comparison
    weak = {f.id for f in area.comparison.facts if f.weak and f.sources > 1}
    action = _view_action(window, less_sure_links.ACTION_TEXT)
    assert action.isCheckable() and action.isChecked()
    ribbons_before = {link.fact_id for i in range(1, len(area.panes)) for link in area.link_map(i).links()}
    assert weak & ribbons_before
    sure_before = len(_painted(window, (ALL, SEVERAL), less_sure=False))

    action.trigger()  # View > Show Less Sure Links, off
    assert not action.isChecked()
    assert "View > Show Less Sure Links" in window.statusBar().currentMessage()
    assert _painted(window, (ALL, SEVERAL), less_sure=True) == []
    assert weak <= _ids(_painted(window, (ONE,)))  # marked as claims only their source makes
    assert len(_painted(window, (ALL, SEVERAL), less_sure=False)) == sure_before  # the sure ones stay
    ribbons = {link.fact_id for i in range(1, len(area.panes)) for link in area.link_map(i).links()}
    assert ribbons == ribbons_before - weak
    # F7 steps through the facts still coloured only
    seen = set()
    for _ in range(30):
        qtbot.keyClick(area.panes[0].view, Qt.Key.Key_F7)
        seen.add(area.current_fact)
    assert seen and not seen & weak
    assert LESS_SURE_OFF in window.legend.toPlainText()
    # they stay in the Facts tab, under "Less sure"
    window.sidebar_tabs.setCurrentIndex(1)
    qtbot.mouseClick(window.facts_panel.coverage_buttons["unsure"], Qt.MouseButton.LeftButton)
    listed = {window.facts_panel.proxy.index(r, 0).data(FACT_ID_ROLE) for r in range(window.facts_panel.proxy.rowCount())}
    assert weak <= listed

    window.save_settings()
    again = make_window()  # a new window starts with them hidden
    assert not _view_action(again, less_sure_links.ACTION_TEXT).isChecked()
    assert again.settings.get(less_sure_links.SETTING) is False
    assert _painted(again, (ALL, SEVERAL), less_sure=True) == []
    _view_action(again, less_sure_links.ACTION_TEXT).trigger()
    assert _ids(_painted(again, (ALL, SEVERAL), less_sure=True)) == weak
    assert LESS_SURE_OFF not in again.legend.toPlainText()
