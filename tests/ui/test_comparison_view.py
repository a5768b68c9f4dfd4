"""The comparison in the panes: computed in the background, navigated fact by fact, kept level."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from desktop.core.labels import letter_names
from desktop.core.notes.annotating import annotate
from desktop.ui.compare.comparison_area import document_y
from desktop.ui.compare.fact_highlights import FACT_ID_PROPERTY
from desktop.ui.compare.facts_panel import FACT_ID_ROLE
from desktop.ui.compare.link_map import ANNOTATION_LINK_COLOURS


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


def _point_of(pane, offset):
    from PySide6.QtGui import QTextCursor

    view = pane.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(offset) + 1)
    return view.cursorRect(cursor).center()


def test_clicking_a_highlighted_fact_aligns_the_panes(window, qtbot):
    area = window.comparison
    fact_id = next(f for f in area.navigable_facts(3) if len(area.mentions_of(f)) >= 3)
    spans = area.mentions_of(fact_id)
    pane = area.panes[3]
    pane.view.verticalScrollBar().setValue(0)
    with qtbot.waitSignal(area.fact_clicked) as blocker:
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(pane, spans[3][0]))
    clicked = blocker.args[0]
    assert clicked == pane.view.facts_at(spans[3][0] + 1)[0]  # the innermost fact under the pointer
    assert area.current_fact == clicked
    target = pane.view.viewport().height() / 3
    for i, (start, _end) in area.mentions_of(clicked).items():
        if not clamped(area.panes[i]):
            assert abs(viewport_y(area.panes[i], start) - target) <= 2


def test_hover_tooltip_names_the_sources_and_their_wording(window):
    area = window.comparison
    fact = max((f for f in area.comparison.facts if f.kind == "claim" and f.sources >= 2), key=lambda f: f.sources)
    pane = next(p for p in area.panes if p.article_id in fact.articles)
    offset = min(m.start for m in fact.mentions if m.article == pane.article_id)
    assert fact.id in pane.view.facts_at(offset + 1)  # what the pointer rests on there
    tip = pane.view.fact_tooltip(fact.id)
    assert f"{fact.sources} of 5" in tip
    labels = letter_names(area.comparison.articles)  # the outlet, or the headline's first words
    names = [labels[a.id] for a in area.comparison.articles if a.id in fact.articles]
    assert "Unknown outlet" not in tip
    assert all(name in tip for name in names)


def test_link_map_has_a_ribbon_for_each_visible_matched_pair(window):
    area = window.comparison
    for index in range(1, len(area.panes)):
        link_map = area.link_map(index)
        left, right = area.panes[index - 1].view, area.panes[index].view
        expected = set()
        for link in link_map.links():
            for view, (start, end) in ((left, link.left), (right, link.right)):
                top = document_y(view, start) - view.verticalScrollBar().value()
                bottom = document_y(view, end) - view.verticalScrollBar().value()
                if bottom >= 0 and top <= view.viewport().height():
                    expected.add(link.fact_id)
        assert {fact_id for fact_id, _path in link_map.visible_ribbons()} == expected
    assert any(area.link_map(i).links() for i in range(1, 5))


def test_selecting_a_fact_in_the_panel_navigates_and_navigation_selects_it(window, qtbot):
    panel = window.facts_panel
    window.sidebar_tabs.setCurrentIndex(1)
    panel.set_coverage("some")
    proxy_index = panel.view.model().index(0, 0)
    fact_id = proxy_index.data(FACT_ID_ROLE)
    rect = panel.view.visualRect(proxy_index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.comparison.current_fact == fact_id
    window.comparison.panes[0].view.setFocus()
    qtbot.keyClick(window.comparison.panes[0].view, Qt.Key.Key_F7)
    assert panel.selected_id() == window.comparison.current_fact


def test_filters_change_the_highlighted_spans(window):
    area = window.comparison
    before = {p.article_id: len(p.view._fact_selections) for p in area.panes}
    window.facts_panel.set_coverage("conflicts")
    after = {p.article_id: p.view._fact_selections for p in area.panes}
    conflict_ids = {c.id for c in area.comparison.conflicts}
    for article_id, selections in after.items():
        ids = {s.format.property(FACT_ID_PROPERTY) for s in selections}
        assert len(selections) < before[article_id]
        assert ids <= window.facts_panel.visible_ids()
    assert any(s.format.property(FACT_ID_PROPERTY) in conflict_ids for sel in after.values() for s in sel)
    window.facts_panel.set_coverage("any")
    assert {p.article_id: len(p.view._fact_selections) for p in area.panes} == before


def test_coverage_matrix_exports_png_and_svg(window, tmp_path):
    from PySide6.QtGui import QImage

    assert window.save_coverage_matrix(str(tmp_path / "matrix.png"))
    assert window.save_coverage_matrix(str(tmp_path / "matrix.svg"))
    assert not QImage(str(tmp_path / "matrix.png")).isNull()
    assert "<svg" in (tmp_path / "matrix.svg").read_text()
    assert not window.save_coverage_matrix(str(tmp_path / "missing" / "matrix.png"))


def test_first_run_hint_stays_dismissed(make_window, qtbot):
    first = make_window()
    assert first.first_run_hint.isVisible()
    qtbot.mouseClick(first.first_run_hint.close_button, Qt.MouseButton.LeftButton)
    assert not first.first_run_hint.isVisible()
    first.close()
    assert not make_window().first_run_hint.isVisible()


def test_long_articles_draw_fact_marks_near_the_viewport_and_follow_scrolling(window, qtbot, tmp_path):
    import json

    paragraph = ("Officials said {n} people attended the rally downtown on Tuesday. The mayor praised the turnout "
                 "and promised more events. Story number {n} adds its own detail about topic {m}.")
    long_text = "\n\n".join(paragraph.format(n=i, m=i * 7) for i in range(400))  # ~70,000 characters
    # the short one shares every 40th paragraph and the last (facts near the long one's end)
    short_text = "\n\n".join(paragraph.format(n=i, m=i * 7) for i in [*range(0, 400, 40), 399])
    files = []
    for name, text in (("long", long_text), ("short", short_text)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"title": name, "source": name, "text": text}))
        files.append(str(path))
    story_id = window.new_story("Long")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.start_import(files)
    window.open_story(story_id)
    window.wait_until_ready()
    pane = next(p for p in window.comparison.panes if p.article.title == "long")
    drawn = lambda: [s for s in pane.view.extraSelections()]  # noqa: E731
    total = len(pane.view._fact_selections)
    assert total > 50 and 0 < len(drawn()) < total
    bar = pane.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: any(s.cursor.selectionEnd() > pane.view.document().characterCount() - 2000
                                for s in drawn()), timeout=2000)


def link_passages(window) -> dict[str, int]:
    """Highlights near the top of the first three panes, linked: pane 1 to 2 "supports", 2 to 3
    "same fact", 1 to 3 (not neighbours) "contradicts". Kind -> link id; the panes shown at the top."""
    area, store = window.comparison, window.store
    ids = []
    for pane in area.panes[:3]:
        text = pane.article.text
        start = text.index("Kaspersky")
        ids.append(annotate(store, pane.article_id, text[start:start + 40])[0])
    kinds = {"supports": (ids[0], ids[1]), "same fact": (ids[2], ids[1]), "contradicts": (ids[0], ids[2])}
    link_ids = {kind: store.link_annotations(a, b, kind)[0] for kind, (a, b) in kinds.items()}
    window.refresh_annotations()
    shown = {a.id: a for pane in area.panes for a in store.annotations(article_id=pane.article_id)}
    links = {link.id: link for annotation_id in ids for link in store.annotation_links(annotation_id)}
    area.set_annotation_links([(link, shown[link.from_id], shown[link.to_id]) for link in links.values()])
    area.set_link_scrolling(False)
    for pane in area.panes:
        pane.view.verticalScrollBar().setValue(0)
    return link_ids


def kinds_between(area) -> list[list[str]]:
    return [[r.kind for r in area.link_map(i).annotation_links()] for i in range(1, len(area.panes))]


def ribbon_start(area, index: int) -> int:
    """The Python offset where the highlight at the left end of the link map's ribbon starts."""
    pane = area.panes[index - 1]
    [shown] = area.annotations[pane.article_id]
    return shown.start


def test_annotation_links_are_drawn_between_neighbouring_panes_in_their_kinds_colour(window, qtbot):
    area = window.comparison
    link_ids = link_passages(window)
    assert kinds_between(area) == [["supports"], ["same fact"], [], []]  # "contradicts" skips a pane
    for index, kind in ((1, "supports"), (2, "same fact")):
        link_map = area.link_map(index)
        [(ribbon, path)] = link_map.visible_annotation_ribbons()
        assert ribbon.link_id == link_ids[kind]
        assert ribbon.colour == QColor(ANNOTATION_LINK_COLOURS[kind])
        image = link_map.grab().toImage()
        box = path.boundingRect().toRect()
        painted = [image.pixelColor(x, y) for x in range(box.left(), box.right())
                   for y in range(box.top(), box.bottom()) if path.contains(QPointF(x + 0.5, y + 0.5))]
        wanted = QColor(ANNOTATION_LINK_COLOURS[kind])
        close = [p for p in painted
                 if sum(abs(getattr(p, c)() - getattr(wanted, c)()) for c in ("red", "green", "blue")) < 60]
        assert len(close) > 5  # the kind's colour is painted there
        # its ends sit at the highlights it joins
        left_view = area.panes[index - 1].view
        origin = link_map.mapFromGlobal(left_view.viewport().mapToGlobal(QPoint(0, 0))).y()
        seen = viewport_y(area.panes[index - 1], ribbon_start(area, index)) + origin
        assert abs(path.elementAt(0).y - seen) <= 4


def test_clicking_an_annotation_ribbon_names_the_link(window, qtbot):
    area = window.comparison
    link_ids = link_passages(window)
    link_map = area.link_map(1)
    [(_ribbon, path)] = link_map.visible_annotation_ribbons()
    box = path.boundingRect().toRect()
    point = next(QPoint(x, y) for x in range(box.left(), box.right()) for y in range(box.top(), box.bottom())
                 if all(path.contains(QPointF(x + dx, y + dy)) for dx in (-1, 1) for dy in (-1, 1)))
    with qtbot.waitSignal(area.annotation_link_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(link_map, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [link_ids["supports"]]


def test_moving_a_pane_redraws_the_links_between_the_new_neighbours(window, qtbot):
    area = window.comparison
    link_passages(window)
    second = area.panes[1].article_id
    qtbot.mouseClick(area.panes[1].left_button, Qt.MouseButton.LeftButton)  # panes 2, 1, 3 now
    qtbot.waitUntil(lambda: area.panes[0].article_id == second)
    assert kinds_between(area) == [["supports"], ["contradicts"], [], []]


def test_a_deleted_highlight_takes_its_ribbon_with_it(window, qtbot):
    area = window.comparison
    link_passages(window)
    [first] = area.annotations[area.panes[0].article_id]
    window.store.delete_annotation(first.id)
    by_article = {p.article_id: window.store.annotations(article_id=p.article_id) for p in area.panes}
    area.set_annotations(by_article)  # the links handed over before still name it
    assert kinds_between(area) == [[], ["same fact"], [], []]


def test_the_less_sure_filter_shows_the_links_to_check_first(window, qtbot):
    panel = window.facts_panel
    window.sidebar_tabs.setCurrentIndex(1)
    comparison = window.comparison.comparison
    links = {f.id for f in comparison.facts if f.weak}
    conflicts = {c.id for c in comparison.conflicts if c.weak}
    assert links and conflicts  # the bundled story has links and conflicts Parallax is less sure of
    weak = links | conflicts
    for row in range(panel.proxy.rowCount()):  # in italics, conflicts in bold too
        index = panel.proxy.index(row, 0)
        font = index.data(Qt.ItemDataRole.FontRole)
        fact = index.data(FACT_ID_ROLE)
        assert bool(font and font.italic()) == (fact in weak)
        assert bool(font and font.bold()) == fact.startswith("conflict-")
    button = panel.coverage_buttons["unsure"]
    assert button.text() == "Less sure" and button.toolTip().endswith(f"({len(weak)})")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.visible_ids() == weak
    assert panel.count.text().startswith(f"{len(links)} of ")
    assert panel.count.text().endswith(f" · {len(conflicts)} of {len(comparison.conflicts)} conflicts")
    qtbot.mouseClick(panel.coverage_buttons["any"], Qt.MouseButton.LeftButton)
    assert panel.visible_ids() > weak


def test_the_coverage_segments_wrap_in_a_narrow_sidebar_instead_of_being_cut_off(window, qtbot):
    panel = window.facts_panel
    window.sidebar_tabs.setCurrentIndex(1)
    for width in (1280, 1920):
        window.resize(width, 800)
        qtbot.wait(50)
        buttons = list(panel.coverage_buttons.values())
        for button in buttons:  # each segment whole, its text not clipped
            assert button.isVisible() and button.geometry().right() <= panel.width()
            assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
        rows = panel.coverage_row.rows()
        assert sum(len(r) for r in rows) == len(buttons)
        # the table starts below the last row of segments
        assert panel.view.geometry().top() >= max(b.geometry().bottom() for b in buttons)


def test_a_narrow_facts_table_shows_each_fact_on_two_lines(window, qtbot):
    """At 1280 px the Fact column is narrow: each row wraps the fact onto two lines (the second
    elided) and lends it the n/N column (the chips show and sort the same count); a sidebar
    dragged wide gives one line a row and n/N back."""
    from desktop.ui.compare.facts_panel import COL_COVERAGE, COL_LABEL, COL_OUTLETS, WRAP_BELOW

    panel, view = window.facts_panel, window.facts_panel.view
    window.sidebar_tabs.setCurrentIndex(1)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: view.wordWrap())
    line = view.fontMetrics().lineSpacing()
    first = panel.proxy.index(0, COL_LABEL)
    assert view.visualRect(first).height() >= 2 * line  # two lines a row
    assert view.isColumnHidden(COL_COVERAGE) and not view.isColumnHidden(COL_OUTLETS)
    chips = panel.chips.size_for(panel.model.article_count, view.font()).width()
    assert view.header().sectionSize(COL_OUTLETS) >= chips  # the chips keep their room
    label = view.header().sectionSize(COL_LABEL)
    assert label < WRAP_BELOW
    window.main_splitter.setSizes([700, window.width() - 700])  # the reader drags the sidebar wide
    qtbot.waitUntil(lambda: not view.wordWrap())
    assert not view.isColumnHidden(COL_COVERAGE)
    assert view.visualRect(panel.proxy.index(0, COL_LABEL)).height() < 2 * line
    assert view.header().sectionSize(COL_LABEL) >= WRAP_BELOW
    window.main_splitter.setSizes([260, window.width() - 260])  # and narrow again
    qtbot.waitUntil(lambda: view.wordWrap() and view.isColumnHidden(COL_COVERAGE))
