"""The comparison in the panes: computed in the background, navigated fact by fact, kept level."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.comparison_area import document_y


def viewport_y(pane, offset: int) -> float:
    view = pane.view
    return document_y(view, view.offsets.to_qt(offset)) - view.verticalScrollBar().value()


def clamped(pane) -> bool:
    bar = pane.view.verticalScrollBar()
    return bar.value() in (0, bar.maximum())


def test_comparison_arrives_in_the_background_with_pane_summaries(window):
    area = window.comparison
    assert area.comparison is not None  # the fixture waited for the background task
    assert {a.id for a in area.comparison.articles} == {p.article_id for p in area.panes}
    for pane in area.panes:
        assert pane.summary.isVisible()
        assert "shared" in pane.summary.text() and "only here" in pane.summary.text()
    assert not window.compare_bar.isVisible()


def test_f7_aligns_every_pane_on_the_next_fact_and_shift_f7_goes_back(window, qtbot):
    area = window.comparison
    area.panes[0].view.setFocus()
    qtbot.keyClick(area.panes[0].view, Qt.Key.Key_F7)
    first = area.current_fact
    assert first is not None
    spans = area.mentions_of(first)
    assert len(spans) >= 2
    heights = {i: viewport_y(area.panes[i], start) for i, (start, _end) in spans.items() if not clamped(area.panes[i])}
    target = area.panes[0].view.viewport().height() / 3
    for y in heights.values():
        assert abs(y - target) <= 2
    qtbot.keyClick(area.panes[0].view, Qt.Key.Key_F7)
    second = area.current_fact
    assert second not in (None, first)
    order = area.navigable_facts(0)
    assert order.index(second) == order.index(first) + 1
    qtbot.keyClick(area.panes[0].view, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert area.current_fact == first
    qtbot.keyClick(area.panes[0].view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert area.current_fact == second


def test_scrolling_keeps_shared_facts_level(window):
    """Facts the panes can show level at once (those in the same order in both articles)."""
    area = window.comparison
    lead = area.panes[0]
    order = area.navigable_facts(0)
    checked = 0
    for fact_id in order:
        spans = area.mentions_of(fact_id)
        others = [
            i for i in spans if i != 0 and any(
                abs(a - document_y(lead.view, lead.view.offsets.to_qt(spans[0][0]))) < 0.5
                for a, _b in area.sync.anchors(0, i))
        ]
        if not others:
            continue
        # put the fact in the middle of the lead pane; the others follow through the anchors
        bar = lead.view.verticalScrollBar()
        y = document_y(lead.view, lead.view.offsets.to_qt(spans[0][0]))
        bar.setValue(round(y - lead.view.viewport().height() / 2))
        if clamped(lead):
            continue
        middle = lead.view.viewport().height() / 2
        for i in others:
            if not clamped(area.panes[i]):
                assert abs(viewport_y(area.panes[i], spans[i][0]) - middle) <= 3, fact_id
                checked += 1
    assert checked >= 2


def test_removing_a_pane_recompares_and_keeps_the_readers_place(window, qtbot):
    area = window.comparison
    keep = area.panes[2]
    bar = keep.view.verticalScrollBar()
    window.set_link_scrolling(False)
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    with qtbot.waitSignal(window.comparison_finished, timeout=20_000) as blocker:
        qtbot.mouseClick(area.panes[0].close_button, Qt.MouseButton.LeftButton)
    assert len(blocker.args[0].articles) == 4
    assert area.pane_for(keep.article_id).view.verticalScrollBar().value() == place
