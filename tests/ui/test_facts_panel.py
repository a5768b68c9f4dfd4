"""The facts panel: every fact and conflict of the bundled story, filtered and picked as a reader does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.compare.facts_panel import (
    COL_CONFLICT,
    COL_COVERAGE,
    COL_KIND,
    COL_LABEL,
    COL_OUTLETS,
    FACT_ID_ROLE,
    SORT_ROLE,
    FactsFilterProxy,
    FactsModel,
    FactsPanel,
)


@pytest.fixture
def panel(qtbot, comparison):
    panel = FactsPanel()
    qtbot.addWidget(panel)
    panel.resize(760, 600)
    panel.set_comparison(comparison)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def shown_ids(panel) -> list[str]:
    """The ids of the rows the view shows, top to bottom."""
    proxy = panel.view.model()
    return [proxy.index(row, 0).data(FACT_ID_ROLE) for row in range(proxy.rowCount())]


def mentions_text(item) -> str:
    return " ".join([item.label, *(m.text for m in item.mentions)]).casefold()


# ------------------------------------------------------------------ models


def test_facts_model_passes_the_model_tester(qtmodeltester, comparison):
    model = FactsModel()
    model.set_comparison(comparison)
    qtmodeltester.check(model)
    assert model.rowCount() == len(comparison.facts) + len(comparison.conflicts)


def test_filter_proxy_passes_the_model_tester(qtmodeltester, comparison):
    model = FactsModel()
    model.set_comparison(comparison)
    proxy = FactsFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_coverage("some")
    proxy.sort(COL_COVERAGE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.rowCount()


def test_rows_show_label_kind_coverage_outlets_and_conflict_flag(comparison):
    model = FactsModel()
    model.set_comparison(comparison)
    count = len(comparison.articles)
    widest = max(comparison.facts, key=lambda f: f.sources)
    row = model.row_of(widest.id)
    data = [model.index(row, column).data() for column in range(model.columnCount())]
    assert data[COL_LABEL] == " ".join(widest.label.split())
    assert data[COL_COVERAGE] == f"{widest.sources}/{count}"
    assert data[COL_OUTLETS].split() == [f"A{i + 1}" for i in range(count)]
    assert model.index(row, COL_COVERAGE).data(SORT_ROLE) == widest.sources

    for conflict in comparison.conflicts:
        row = model.row_of(conflict.id)
        assert model.index(row, COL_KIND).data() == "Conflict"
        assert model.index(row, COL_CONFLICT).data() == "⚠"
        assert model.index(row, COL_LABEL).data(FACT_ID_ROLE) == conflict.id

    # a fact whose mention overlaps a conflict's mention is flagged; a lone exclusive far from
    # any conflict is not
    flagged = [model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).in_conflict]
    assert any(not r.is_conflict for r in flagged)
    assert any(model.index(r, COL_CONFLICT).data() == "" for r in range(model.rowCount()))


def test_tooltip_names_the_outlets_and_their_wording(comparison):
    model = FactsModel()
    model.set_comparison(comparison)
    bitdefender = next(a for a in comparison.articles if a.display_source == "Bitdefender")
    fact = next(f for f in comparison.facts if bitdefender.id in f.articles and f.sources > 1)
    tip = model.index(model.row_of(fact.id), COL_LABEL).data(Qt.ItemDataRole.ToolTipRole)
    assert "Bitdefender" in tip
    mention = next(m for m in fact.mentions if m.article == bitdefender.id)
    assert " ".join(mention.text.split())[:30] in tip.replace("&quot;", '"').replace("&#x27;", "'")
    assert f"reported by {fact.sources} of {len(comparison.articles)}" in tip


def test_the_next_comparison_shows_its_own_tooltip_for_a_fact_that_carries_over(comparison):
    """A fact id is a digest of its content, so it carries over to the next comparison of the
    story; its tooltip (who reports it) must be the new comparison's, even when the old rows were
    hovered while the worker built the new ones (``_prepare_views``)."""
    from dataclasses import replace

    from desktop.ui.compare.facts_rows import fact_rows

    model = FactsModel()
    model.set_comparison(comparison)
    fact = next(f for f in comparison.facts if f.sources > 1)
    kept = next(m for m in fact.mentions if m.article == fact.articles[0])
    narrower = replace(fact, mentions=(kept,), restatements=())
    later = replace(comparison, facts=tuple(narrower if f.id == fact.id else f for f in comparison.facts))
    total = len(comparison.articles)

    def tooltip() -> str:
        return model.index(model.row_of(fact.id), COL_LABEL).data(Qt.ItemDataRole.ToolTipRole)

    assert f"reported by {fact.sources} of {total}" in tooltip()
    fact_rows(later)  # the worker builds the new rows ...
    assert f"reported by {fact.sources} of {total}" in tooltip()  # ... while the old ones are hovered
    model.set_comparison(later)
    assert f"reported by 1 of {total}" in tooltip()
    assert model.index(model.row_of(fact.id), COL_COVERAGE).data() == f"1/{total}"
    model.set_comparison(comparison)  # and back: the first comparison's own tooltip again
    assert f"reported by {fact.sources} of {total}" in tooltip()


# ------------------------------------------------------------------ filters


def test_coverage_all_keeps_the_facts_every_article_reports(panel, comparison):
    panel.set_coverage("all")
    expected = {f.id for f in comparison.facts if f.sources == len(comparison.articles)}
    assert expected
    assert panel.visible_ids() == expected


def test_coverage_one_keeps_the_exclusives(panel, comparison):
    panel.set_coverage("one")
    expected = {f.id for f in comparison.facts if f.sources == 1}
    assert panel.visible_ids() == expected
    assert panel.count.text() == f"{len(expected)} of {len(comparison.facts)} facts · 0 of 3 conflicts"


def test_coverage_some_keeps_the_facts_several_but_not_all_report(panel, comparison):
    panel.set_coverage("some")
    expected = {f.id for f in comparison.facts if 2 <= f.sources < len(comparison.articles)}
    assert expected and panel.visible_ids() == expected


def test_coverage_conflicts_shows_the_three_conflicts_and_the_facts_in_them(panel, qtbot, comparison):
    qtbot.mouseClick(panel.coverage_buttons["conflicts"], Qt.MouseButton.LeftButton)
    assert panel.coverage() == "conflicts"
    visible = panel.visible_ids()
    conflicts = {c.id for c in comparison.conflicts}
    assert len(conflicts) == 3
    assert conflicts <= visible
    model = panel.model
    for fact_id in visible - conflicts:
        assert model.row_at(model.row_of(fact_id)).in_conflict
    assert panel.count.text().endswith("3 of 3 conflicts")

    qtbot.mouseClick(panel.coverage_buttons["any"], Qt.MouseButton.LeftButton)
    assert len(panel.visible_ids()) == len(comparison.facts) + 3


def test_kind_filter_date_shows_only_dates(panel, comparison):
    panel.set_kinds({"date"})
    dates = {f.id for f in comparison.facts if f.kind == "date"}
    assert dates and panel.visible_ids() == dates
    proxy = panel.view.model()
    assert {proxy.index(row, COL_KIND).data() for row in range(proxy.rowCount())} == {"Date"}
    assert panel.kinds_button.text().strip() == "Dates"


def test_kind_menu_picks_kinds_like_a_reader(panel, comparison):
    panel.kind_actions["date"].trigger()
    panel.kind_actions["money"].trigger()
    assert panel.kinds() == {"date", "money"}
    assert panel.visible_ids() == {f.id for f in comparison.facts if f.kind in ("date", "money")}
    panel.all_kinds_action.trigger()
    assert panel.kinds() == frozenset()
    assert not panel.kind_actions["date"].isChecked()
    assert len(panel.visible_ids()) == len(comparison.facts) + len(comparison.conflicts)


def test_search_raimondo_finds_the_facts_mentioning_her(panel, qtbot, comparison):
    qtbot.keyClicks(panel.search, "Raimondo")
    expected = {f.id for f in comparison.facts if "raimondo" in mentions_text(f)}
    assert expected and panel.visible_ids() == expected
    assert "Gina Raimondo" in {panel.model.row_at(panel.model.row_of(i)).label for i in expected}
    panel.set_search("RAIMONDO")  # case-insensitive
    assert panel.visible_ids() == expected
    panel.set_search("")
    assert len(panel.visible_ids()) == len(comparison.facts) + len(comparison.conflicts)


def test_filters_combine(panel, comparison):
    panel.set_coverage("conflicts")
    panel.set_kinds({"date"})
    assert panel.visible_ids() == {
        f.id for f in comparison.facts
        if f.kind == "date" and panel.model.row_at(panel.model.row_of(f.id)).in_conflict}


def test_filter_changed_emits_the_visible_ids(panel, qtbot, comparison):
    with qtbot.waitSignal(panel.filter_changed, timeout=1000) as blocker:
        panel.set_coverage("all")
    assert blocker.args[0] == panel.visible_ids()
    assert blocker.args[0] == {f.id for f in comparison.facts if f.sources == len(comparison.articles)}
    with qtbot.waitSignal(panel.filter_changed, timeout=1000) as blocker:
        qtbot.keyClicks(panel.search, "z")
    assert blocker.args[0] == panel.visible_ids()
    with qtbot.waitSignal(panel.filter_changed, timeout=1000) as blocker:
        panel.set_comparison(comparison)  # a recomputed comparison keeps the filters
    assert blocker.args[0] == panel.visible_ids()


# ------------------------------------------------------------------ picking


def test_clicking_a_row_emits_its_fact(panel, qtbot):
    proxy = panel.view.model()
    index = proxy.index(3, COL_LABEL)
    rect = panel.view.visualRect(index)
    with qtbot.waitSignal(panel.fact_selected, timeout=1000) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [index.data(FACT_ID_ROLE)]
    assert panel.selected_id() == index.data(FACT_ID_ROLE)
    # clicking the current row again (after the panes moved on) navigates to it again
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # two clicks, not a double-click
    with qtbot.waitSignal(panel.fact_selected, timeout=1000) as again:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert again.args == [index.data(FACT_ID_ROLE)]


def test_one_click_emits_once(panel, qtbot):
    seen = []
    panel.fact_selected.connect(seen.append)
    rect = panel.view.visualRect(panel.view.model().index(5, COL_COVERAGE))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert seen == [shown_ids(panel)[5]]


def test_keyboard_down_moves_and_emits(panel, qtbot):
    ids = shown_ids(panel)
    panel.select_fact(ids[0])
    panel.view.setFocus()
    with qtbot.waitSignal(panel.fact_selected, timeout=1000) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert blocker.args == [ids[1]]
    with qtbot.waitSignal(panel.fact_selected, timeout=1000) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert blocker.args == [ids[2]]
    assert panel.selected_id() == ids[2]


def test_select_fact_selects_and_scrolls_without_emitting(panel, qtbot, comparison):
    last = shown_ids(panel)[-1]
    with qtbot.assertNotEmitted(panel.fact_selected):
        assert panel.select_fact(last)
    assert panel.selected_id() == last
    index = panel.view.model().index(panel.view.model().rowCount() - 1, 0)
    assert panel.view.viewport().rect().intersects(panel.view.visualRect(index))  # scrolled to it
    assert not panel.select_fact("claim-unknown")
    assert panel.selected_id() is None


def test_the_selection_leaves_with_its_row_and_comes_back(panel, qtbot, comparison):
    exclusive = next(f.id for f in comparison.facts if f.sources == 1)
    panel.select_fact(exclusive)
    with qtbot.assertNotEmitted(panel.fact_selected):
        panel.set_coverage("all")  # hides it: nothing else gets selected in its place
        assert panel.selected_id() is None
        panel.set_coverage("any")
    assert panel.selected_id() == exclusive


def test_sorting_by_coverage_descending_puts_the_widest_first(panel, qtbot, comparison):
    header = panel.view.header()
    x = header.sectionViewportPosition(COL_COVERAGE) + header.sectionSize(COL_COVERAGE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == COL_COVERAGE
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    proxy = panel.view.model()
    coverage = [proxy.index(row, COL_COVERAGE).data(SORT_ROLE) for row in range(proxy.rowCount())]
    assert coverage[0] == len(comparison.articles)
    assert coverage == sorted(coverage, reverse=True)
    assert proxy.index(0, COL_COVERAGE).data() == f"{len(comparison.articles)}/{len(comparison.articles)}"


@pytest.mark.parametrize("column", [COL_LABEL, COL_KIND, COL_OUTLETS, COL_CONFLICT])
def test_every_column_sorts(panel, column):
    panel.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    proxy = panel.view.model()
    keys = [proxy.index(row, column).data(SORT_ROLE) for row in range(proxy.rowCount())]
    assert keys == sorted(keys)
    assert len(keys) == proxy.rowCount() > 0


def test_empty_panel(qtbot):
    panel = FactsPanel()
    qtbot.addWidget(panel)
    panel.set_comparison(None)
    assert panel.visible_ids() == set()
    assert panel.count.text() == "0 of 0 facts"
    assert panel.model.rowCount(QModelIndex()) == 0


# ------------------------------------------------------------------ leaning filter


def choose_side(qtbot, panel, text: str) -> None:
    """Open the leaning menu and click the entry, as a reader does."""
    from PySide6.QtCore import QTimer

    menu = panel.leaning_button.menu()

    def click():
        action = next(a for a in menu.actions() if a.text() == text)
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(100, click)
    qtbot.mouseClick(panel.leaning_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not menu.isVisible())


def test_facts_filter_by_the_leaning_of_the_outlets_reporting_them(qtbot, panel, comparison):
    assert not panel.leaning_button.isEnabled()  # no outlet has a leaning yet
    ids = [a.id for a in comparison.articles]
    leanings = {ids[0]: "left", ids[1]: "lean left", ids[2]: "center", ids[3]: "right", ids[4]: None}
    panel.set_leanings(leanings)
    assert panel.leaning_button.isEnabled()
    everything = shown_ids(panel)
    with qtbot.waitSignal(panel.filter_changed):
        choose_side(qtbot, panel, "Reported by the right")
    by_id = {f.id: f for f in (*comparison.facts, *comparison.conflicts)}
    right = shown_ids(panel)
    assert right and len(right) < len(everything)
    assert all(ids[3] in {m.article for m in by_id[i].mentions} for i in right)
    assert set(right) == {i for i in everything if ids[3] in {m.article for m in by_id[i].mentions}}
    choose_side(qtbot, panel, "Reported only by the left")
    only_left = shown_ids(panel)
    assert only_left
    assert all({m.article for m in by_id[i].mentions} <= {ids[0], ids[1]} for i in only_left)
    assert panel.leaning_button.text().strip() == "only by the left"
    choose_side(qtbot, panel, "Any leaning")
    assert shown_ids(panel) == everything
