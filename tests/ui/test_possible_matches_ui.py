"""The reader hovers a claim only one outlet is sure to make and is shown where other outlets may
say it in other words (and the Facts tab's tooltip says the same)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.ui.compare.facts_panel import COL_LABEL, FACT_ID_ROLE
from desktop.ui.compare.possible_lines import HEADING
from desktop.ui.compare.scroll_sync import document_y
from tests.ui.pane_menus import right_click_and_pick


def _lone_fact(window):
    area = window.comparison
    return next(f for f in area.comparison.facts if f.kind == "claim" and f.possible and any(
        "being forced out of the US market" in m.text for m in f.mentions))


def test_hovering_a_lone_claim_shows_its_possible_matches(window, qtbot):
    area = window.comparison
    fact = _lone_fact(window)
    mention = fact.mentions[0]
    pane = area.pane_for(mention.article)
    view = pane.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(mention.start + 20))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center()
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    qtbot.waitUntil(lambda: QToolTip.isVisible() and HEADING.split(" (")[0] in QToolTip.text(), timeout=3000)
    tip = QToolTip.text()
    assert "in words Parallax is sure of" in tip
    second = area.pane_for(fact.possible[0].mention.article)
    assert second.outlet.fullText().casefold().split(" · ")[0] in tip.casefold()  # "A2", named as in the pane
    assert "curtail its activities" in tip or "broader concerns" in tip
    assert "% match" in tip
    QToolTip.hideText()


def test_the_facts_tab_tooltip_lists_them_too(window):
    fact = _lone_fact(window)
    proxy = window.facts_panel.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, COL_LABEL).data(FACT_ID_ROLE) == fact.id)
    tip = proxy.index(row, COL_LABEL).data(Qt.ItemDataRole.ToolTipRole)
    assert HEADING.split(" (")[0] in tip and "% match" in tip


def _point_of(view, offset):
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(offset) + 1)
    return view.cursorRect(cursor).center()


def test_clicking_a_lone_claim_brings_the_possible_matches_level_with_it(window, qtbot):
    area = window.comparison
    fact = _lone_fact(window)
    mention = fact.mentions[0]
    lead = area.pane_for(mention.article)
    offered = {p.mention.article: p.mention for p in fact.possible}
    others = [p for p in area.panes if p.article_id in offered]
    assert others  # the bundled story opens with A1 and A2 side by side at this size
    for pane in area.panes:
        pane.view.verticalScrollBar().setValue(pane.view.verticalScrollBar().maximum())
    cursor = QTextCursor(lead.view.document())
    cursor.setPosition(lead.view.offsets.to_qt(mention.start + 20))
    lead.view.setTextCursor(cursor)
    lead.view.ensureCursorVisible()
    with qtbot.waitSignal(area.fact_clicked):
        qtbot.mouseClick(lead.view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(lead.view, mention.start + 20))
    assert area.current_fact == fact.id
    for pane in others:  # the other outlet's wording is brought to the reading line (a third down)
        there = offered[pane.article_id]
        bar = pane.view.verticalScrollBar()
        y = document_y(pane.view, pane.view.offsets.to_qt(there.start)) - bar.value()
        assert 0 <= y < pane.view.viewport().height()
        if bar.value() not in (0, bar.maximum()):
            assert abs(y - pane.view.viewport().height() / 3) <= 2
        assert bar.value() != bar.maximum()  # it moved from where the reader left it
        # marked as possibly the same, not as a mention the comparison is sure of
        [marked] = pane.view._current_selection
        assert marked.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    [sure] = lead.view._current_selection
    assert sure.format.underlineStyle() != QTextCharFormat.UnderlineStyle.DashUnderline


def test_the_pane_header_says_how_many_lone_claims_may_be_worded_elsewhere(window):
    area = window.comparison
    summary = next(s for s in area.comparison.summaries if s.article == area.panes[0].article_id)
    assert summary.possibly_elsewhere > 0
    tip = area.panes[0].summary.toolTip()
    assert f"{summary.possibly_elsewhere} of the {summary.exclusive} claims only here may be worded differently" in tip


def _chip_pixels(window, fact_id, position):
    """The pixels of the outlet chip at ``position`` in the Facts tab's row of ``fact_id``."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    from desktop.ui.compare.facts_panel import COL_OUTLETS

    panel = window.facts_panel
    proxy = panel.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, COL_LABEL).data(FACT_ID_ROLE) == fact_id)
    index = proxy.index(row, COL_OUTLETS)
    option = QStyleOptionViewItem()
    option.initFrom(panel.view)
    size = panel.chips.sizeHint(option, index)
    option.rect = panel.view.rect().adjusted(0, 0, 0, 0)
    option.rect.setSize(size)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    panel.chips.paint(painter, option, index)
    painter.end()
    chip = panel.chips._chip_size(option.font, 5)
    left = 4 + position * (chip.width() + panel.chips.gap)
    return {image.pixel(x, y) for x in range(left, left + chip.width()) for y in range(size.height())}


def test_the_facts_tab_outlines_the_outlets_that_may_say_it_in_other_words(window):
    from desktop.ui.compare.facts_rows import outlet_color

    area = window.comparison
    fact = _lone_fact(window)
    order = [a.id for a in area.comparison.articles]
    maybe = order.index(fact.possible[0].mention.article)
    plain = next(f for f in area.comparison.facts if f.kind == "claim" and f.sources == 1 and not f.possible
                 and f.mentions[0].article == fact.mentions[0].article)
    tint = outlet_color(maybe).darker(115).rgb() & 0xFFFFFF
    near = lambda pixels: any(sum(abs(((p >> s) & 255) - ((tint >> s) & 255)) for s in (0, 8, 16)) < 60  # noqa: E731
                              for p in pixels)
    assert near(_chip_pixels(window, fact.id, maybe))  # a dashed outline in that outlet's colour
    assert not near(_chip_pixels(window, plain.id, maybe))  # a plain lone claim: a dim number only


def _right_click_and_pick_same_fact(pane, qtbot, point) -> list[str]:
    """Right-click at ``point`` and trigger the first entry of "Mark as Same Fact"."""
    return right_click_and_pick(pane, qtbot, point, "SameFact")


def test_the_reader_confirms_a_possible_match_and_can_undo_it(window, qtbot):
    area, store = window.comparison, window.store
    fact = _lone_fact(window)
    mention = fact.mentions[0]
    other = fact.possible[0].mention
    pane = area.pane_for(mention.article)
    before = {a.id for a in store.annotations()}
    area_before = area.comparison
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.view.offsets.to_qt(mention.start + 20))
    pane.view.setTextCursor(cursor)
    pane.view.ensureCursorVisible()
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        picked = _right_click_and_pick_same_fact(pane, qtbot, _point_of(pane.view, mention.start + 20))
    # compared again with the reader's link: the two wordings are now one shared fact
    joined = next(f for f in compared.args[0].facts if f.kind == "claim" and f.sources > 1
                  and any("being forced out of the US market" in m.text for m in f.mentions))
    assert {mention.article, other.article} <= set(joined.articles)
    assert picked and picked[0].startswith(area.pane_for(other.article).outlet.fullText().split(" · ")[0])
    assert "% match)" in picked[0]
    made = [a for a in store.annotations() if a.id not in before]
    assert sorted((a.article_id, a.start, a.end) for a in made) == sorted(
        [(mention.article, mention.start, mention.end), (other.article, other.start, other.end)])
    links = store.annotation_links(made[0].id)
    assert [(link.kind, {link.from_id, link.to_id}) for link in links] == [("same fact", {a.id for a in made})]
    shared = sum(1 for f in compared.args[0].facts if f.kind == "claim" and f.sources > 1)
    assert f"{shared} shared claims (" in window.statusBar().currentMessage()
    assert "1 marked the same by you)" in window.statusBar().currentMessage()
    assert shared == 1 + sum(1 for f in area_before.facts if f.kind == "claim" and f.sources > 1)
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        window.undo_stack.undo()  # one step takes back both highlights and the link
    assert {a.id for a in store.annotations()} == before
    alone = next(f for f in compared.args[0].facts if f.kind == "claim"
                 and any("being forced out of the US market" in m.text for m in f.mentions))
    assert alone.sources == 1 and other.article in {p.mention.article for p in alone.possible}
    window.undo_stack.redo()
    again = [a for a in store.annotations() if a.id not in before]
    assert {a.id for a in again} == {a.id for a in made}
    assert [link.kind for link in store.annotation_links(made[0].id)] == ["same fact"]


def test_a_claim_without_possible_matches_offers_no_same_fact_entry(window, qtbot):
    area = window.comparison
    plain = next(f for f in area.comparison.facts if f.kind == "claim" and f.sources == 1 and not f.possible
                 and area.pane_for(f.mentions[0].article) is not None)
    pane = area.pane_for(plain.mentions[0].article)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.view.offsets.to_qt(plain.mentions[0].start + 5))
    pane.view.setTextCursor(cursor)
    pane.view.ensureCursorVisible()
    assert _right_click_and_pick_same_fact(pane, qtbot, _point_of(pane.view, plain.mentions[0].start + 5)) == []
