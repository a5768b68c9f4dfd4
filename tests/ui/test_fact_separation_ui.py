"""The reader overrules a wrong link: right-click a linked claim, "Not the Same Fact ▸ A2 · …", and
the comparison splits it; Ctrl+Z joins it again; "Link Again ▸" takes the separation back later."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from desktop.ui.compare.separation_choices import THIS_CLAIM
from tests.ui.pane_menus import right_click_and_pick


def _point_of(view, offset):
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(offset))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    cursor.setPosition(view.offsets.to_qt(offset) + 1)
    return view.cursorRect(cursor).center()


def _right_click_and_pick(pane, qtbot, offset, submenu: str, index: int = 0) -> list[str]:
    return right_click_and_pick(pane, qtbot, _point_of(pane.view, offset), submenu, index)


def _linked_pair(window, sources=None):
    """A shared claim (of ``sources`` articles, if given) with two mentions in open panes: the one
    the reader right-clicks, and the one the menu offers first (the first of another article)."""
    area = window.comparison
    for fact in area.comparison.facts:
        if fact.kind == "claim" and fact.sources > 1 and sources in (None, fact.sources):
            mine = next((m for m in fact.mentions if area.pane_for(m.article) is not None), None)
            first = next(m for m in fact.mentions if mine is not None and m.article != mine.article)
            if mine is not None and area.pane_for(first.article) is not None:
                return fact, mine, first
    raise AssertionError("no shared claim in two open panes")


def _holder(comparison, mention):
    return next(f for f in comparison.facts if f.kind == "claim" and any(
        (m.article, m.start) == (mention.article, mention.start) for m in f.mentions))


def _holding(comparison, mention):
    """The claim fact with a mention over the middle of ``mention`` (its bounds may move a little
    when it joins another fact: an attribution split off)."""
    middle = (mention.start + mention.end) // 2
    return next(f for f in comparison.facts if f.kind == "claim" and any(
        m.article == mention.article and m.start <= middle < m.end for m in f.mentions + f.restatements))


def _span(m):
    return (m.article, m.start, m.end)


def test_the_reader_takes_a_claim_out_of_a_fact_and_undo_puts_it_back(window, qtbot):
    area, store = window.comparison, window.store
    fact, mine, other = _linked_pair(window, sources=3)
    pane = area.pane_for(mine.article)
    shared_before = sum(1 for f in area.comparison.facts if f.kind == "claim" and f.sources > 1)
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        seen = _right_click_and_pick(pane, qtbot, mine.start + 3, "NotSameFact", index=1)
    # the menu offers this claim, then names the other outlets' wordings of this fact; one picked
    assert len(seen) == fact.sources and seen[0] == THIS_CLAIM
    outlet = area.pane_for(other.article).outlet.fullText().split(" · ")[0]
    assert seen[1].startswith(outlet) and "“" in seen[1]
    split = compared.args[0]
    # that wording is out of the fact, and kept apart from every other wording of it
    assert all(_holder(split, m).id != _holder(split, other).id for m in fact.mentions if m is not other)
    assert sorted(store.different_fact_pairs([a.id for a in split.articles])) == sorted(
        tuple(sorted([_span(other), _span(m)])) for m in fact.mentions if m.article != other.article)
    assert f"{fact.sources - 1} pairs set apart by you" in window.statusBar().currentMessage()
    assert store.annotations() == []  # a separation is no note: nothing is highlighted
    # the rest of the fact stays one fact
    rest = [m for m in fact.mentions if m is not other]
    assert len({_holder(split, m).id for m in rest}) == 1
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        window.undo_stack.undo()
    assert store.different_fact_pairs([a.id for a in split.articles]) == []
    assert _holder(compared.args[0], mine).id == _holder(compared.args[0], other).id
    assert sum(1 for f in compared.args[0].facts if f.kind == "claim" and f.sources > 1) == shared_before
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        window.undo_stack.redo()
    assert len(store.fact_separations([a.id for a in split.articles])) == fact.sources - 1
    # Link Again from the wording taken out: "All of These" puts the fact back as it was
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        seen = _right_click_and_pick(area.pane_for(other.article), qtbot, other.start + 3, "LinkAgain")
    assert seen[0] == f"All of These ({fact.sources - 1})" and len(seen) == fact.sources
    assert store.fact_separations([a.id for a in split.articles]) == []
    assert len({_holder(compared.args[0], m).id for m in fact.mentions}) == 1


def test_link_again_takes_a_separation_back_from_the_pane_menu(window, qtbot):
    area, store = window.comparison, window.store
    fact, mine, other = _linked_pair(window, sources=2)
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        _right_click_and_pick(area.pane_for(mine.article), qtbot, mine.start + 3, "NotSameFact")  # This Claim
    assert len(store.fact_separations([mine.article, other.article])) == 1
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        seen = _right_click_and_pick(area.pane_for(other.article), qtbot, other.start + 3, "LinkAgain")
    assert seen and seen[0].startswith(area.pane_for(mine.article).outlet.fullText().split(" · ")[0])
    assert store.fact_separations([mine.article, other.article]) == []
    assert _holder(compared.args[0], mine).id == _holder(compared.args[0], other).id
    assert "set apart" not in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        window.undo_stack.undo()  # undo "Link Again": apart once more
    assert len(store.fact_separations([mine.article, other.article])) == 1


def test_a_wording_is_taken_out_of_a_fact_from_its_row_in_the_facts_tab(window, qtbot):
    from desktop.ui.compare.facts_panel import COL_LABEL, FACT_ID_ROLE

    panel, store = window.facts_panel, window.store
    fact = next(f for f in window.comparison.comparison.facts if f.kind == "claim" and f.sources == 3)
    proxy = panel.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, COL_LABEL).data(FACT_ID_ROLE) == fact.id)
    panel.view.scrollTo(proxy.index(row, COL_LABEL))
    panel.view.customContextMenuRequested.emit(panel.view.visualRect(proxy.index(row, COL_LABEL)).center())
    [sub] = [a.menu() for a in panel.context_menu.actions() if a.menu() is not None]
    assert sub.objectName() == "NotSameFact" and len(sub.actions()) == 3  # every outlet's wording
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        sub.actions()[0].trigger()
    panel.context_menu.close()
    first = fact.mentions[0]
    assert all(_holder(compared.args[0], m).id != _holder(compared.args[0], first).id for m in fact.mentions[1:])
    assert len(store.fact_separations([m.article for m in fact.mentions])) == 2
    # the Facts tab lists the separations to review; Link Again takes one back
    panel.view.customContextMenuRequested.emit(panel.view.rect().bottomRight())  # below the rows
    [review] = [a.menu() for a in panel.context_menu.actions() if a.menu() is not None]
    assert review.objectName() == "ClaimsSetApart" and review.title() == "Claims Set Apart (2)"
    assert all(a.text().startswith("Link Again: ") and "  ≠  " in a.text() for a in review.actions())
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        review.actions()[0].trigger()
    panel.context_menu.close()
    assert len(store.fact_separations([m.article for m in fact.mentions])) == 1


def test_a_claim_only_one_outlet_makes_offers_no_separation(window, qtbot):
    area = window.comparison
    lone = next(f for f in area.comparison.facts if f.kind == "claim" and f.sources == 1
                and area.pane_for(f.mentions[0].article) is not None)
    pane = area.pane_for(lone.mentions[0].article)
    assert _right_click_and_pick(pane, qtbot, lone.mentions[0].start + 3, "NotSameFact") == []
    assert _right_click_and_pick(pane, qtbot, lone.mentions[0].start + 3, "LinkAgain") == []


def test_the_reader_dismisses_a_false_conflict_and_can_show_it_again(window, qtbot):
    area, store = window.comparison, window.store
    conflict = next(c for c in area.comparison.conflicts
                    if any(area.pane_for(m.article) is not None for m in c.mentions))
    value = next(m for m in conflict.mentions if area.pane_for(m.article) is not None)
    pane = area.pane_for(value.article)
    count = len(area.comparison.conflicts)
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        seen = _right_click_and_pick(pane, qtbot, value.start + 1, "NotAConflict")
    assert len(seen) == 1 and seen[0].startswith(f"Not a Conflict: {conflict.slot} — ")  # named by its label
    after = compared.args[0]
    assert conflict.id not in {c.id for c in after.conflicts} and len(after.conflicts) == count - 1
    assert [c.id for c in after.dismissed] == [conflict.id]
    unsure = sum(1 for c in after.conflicts if c.weak)
    less_sure = f"{unsure} less sure; " if unsure else ""
    assert f"{count - 1} conflicts ({less_sure}1 dismissed by you)" in window.statusBar().currentMessage()
    assert conflict.id not in pane.view.facts_at(value.start + 1)  # no longer underlined
    # the value offers it back; then Ctrl+Z dismisses it again
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        seen = _right_click_and_pick(pane, qtbot, value.start + 1, "ConflictAgain")
    assert seen and seen[0].startswith("Show as a Conflict Again: ")
    assert len(compared.args[0].conflicts) == count and store.conflict_dismissals(
        [a.id for a in after.articles]) == []
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        window.undo_stack.undo()
    assert [c.id for c in compared.args[0].dismissed] == [conflict.id]
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        window.undo_stack.undo()  # and the dismissal itself is undone
    assert len(compared.args[0].conflicts) == count and compared.args[0].dismissed == ()


def test_a_conflict_is_dismissed_from_its_row_in_the_facts_tab(window, qtbot):
    from desktop.ui.compare.facts_panel import COL_LABEL, FACT_ID_ROLE

    panel = window.facts_panel
    conflict = window.comparison.comparison.conflicts[0]
    proxy = panel.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, COL_LABEL).data(FACT_ID_ROLE) == conflict.id)
    panel.view.scrollTo(proxy.index(row, COL_LABEL))
    point = panel.view.visualRect(proxy.index(row, COL_LABEL)).center()
    panel.view.customContextMenuRequested.emit(point)  # what a right-click on the row sends
    [action] = panel.context_menu.actions()
    assert action.objectName() == "NotAConflict" and action.text() == "Not a Conflict" and action.toolTip() == conflict.label
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        action.trigger()
    panel.context_menu.close()
    assert [c.id for c in compared.args[0].dismissed] == [conflict.id]
    ids = {proxy.index(r, COL_LABEL).data(FACT_ID_ROLE) for r in range(proxy.rowCount())}
    assert conflict.id not in ids  # gone from the Facts tab too
    # a claim only one outlet makes offers nothing to overrule, but the dismissed conflict to review
    lone = {f.id for f in compared.args[0].facts if f.kind == "claim" and f.sources == 1}
    claim_row = next(r for r in range(proxy.rowCount()) if proxy.index(r, COL_LABEL).data(FACT_ID_ROLE) in lone)
    panel.view.customContextMenuRequested.emit(panel.view.visualRect(proxy.index(claim_row, COL_LABEL)).center())
    entries = panel.context_menu.actions()
    assert not any(a.objectName() in ("NotAConflict", "NotSameFact") for a in entries)
    [review] = [a.menu() for a in entries if a.menu() is not None]
    assert review.objectName() == "DismissedConflicts" and review.title() == "Dismissed Conflicts (1)"
    [again] = review.actions()
    assert again.text() == "Show Again: " + conflict.label.replace("&", "&&")
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        again.trigger()
    panel.context_menu.close()
    assert conflict.id in {c.id for c in compared.args[0].conflicts} and compared.args[0].dismissed == ()


def test_attaching_a_lost_highlight_with_a_same_fact_link_compares_again(window, qtbot):
    area, store = window.comparison, window.store
    a, b = area.comparison.articles[0], area.comparison.articles[1]
    lost, _ = store.add_annotation(a.id, 0, 20, a.text[0:20], "", a.text[20:52], orphaned=True)
    there, _ = store.add_annotation(b.id, 0, 20, b.text[0:20], "", b.text[20:52])
    window.apply_changes(store.link_annotations(lost, there, "same fact")[1])
    qtbot.wait(300)
    ids = [x.id for x in area.comparison.articles]
    assert store.same_fact_pairs(ids) == []  # an orphan's offsets fit no text
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        window.notes.attach_orphan(lost, 0, 20)  # the reader attaches the lost note
    assert store.same_fact_pairs(ids) != [] and window.story_view._same_facts == store.same_fact_pairs(ids)


def _confirm_possible_match(window, qtbot):
    """The reader confirms a lone claim's first possible match ("Mark as Same Fact" in the
    pane menu); returns the two mentions now marked as one fact."""
    area = window.comparison
    fact = next(f for f in area.comparison.facts if f.kind == "claim" and f.possible and f.sources == 1 and any(
        "being forced out of the US market" in m.text for m in f.mentions))
    mine, other = fact.mentions[0], fact.possible[0].mention
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        right_click_and_pick(area.pane_for(mine.article), qtbot, _point_of(area.pane_for(mine.article).view,
                                                                           mine.start + 20), "SameFact")
    return mine, other


def test_not_the_same_fact_overrules_the_readers_own_same_fact_mark_and_undo_restores_it(window, qtbot):
    area, store = window.comparison, window.store
    mine, other = _confirm_possible_match(window, qtbot)
    [link] = store.links_of(a.id for a in store.annotations())
    joined = _holding(area.comparison, mine)
    assert joined.id == _holding(area.comparison, other).id
    here = next(m for m in joined.mentions if m.article == mine.article)  # its attribution split off
    # the reader changes their mind: the latest word wins, the link goes, the highlights stay
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        seen = _right_click_and_pick(area.pane_for(mine.article), qtbot, here.start + 5, "NotSameFact")
    outlet = area.pane_for(other.article).outlet.fullText().split(" · ")[0]
    assert len(seen) == 1 and seen[0].startswith(outlet)  # a fact of two claims: the other's wording
    assert store.links_of(a.id for a in store.annotations()) == []
    assert len(store.annotations()) == 2
    assert _holding(compared.args[0], mine).id != _holding(compared.args[0], other).id
    assert "Your “same fact” link between them is removed" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        window.undo_stack.undo()  # one step: the separation goes, the link comes back
    assert store.fact_separations([mine.article, other.article]) == []
    assert store.links_of(a.id for a in store.annotations()) == [link]  # its id and date as they were
    assert _holding(compared.args[0], mine).id == _holding(compared.args[0], other).id


def test_a_same_fact_link_made_by_hand_takes_back_an_earlier_separation(window, qtbot):
    area, store = window.comparison, window.store
    fact, mine, other = _linked_pair(window, sources=2)
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        _right_click_and_pick(area.pane_for(mine.article), qtbot, mine.start + 3, "NotSameFact")
    [separation] = store.fact_separations([mine.article, other.article])
    # later the reader highlights a few words of each claim and links them as the same fact (Notes)
    window.notes.highlight(mine.article, mine.start, mine.start + 10, 0, "", ())  # the pane's "Highlight"
    window.notes.highlight(other.article, other.start + 2, other.start + 12, 0, "", ())
    here, there = (next(a.id for a in store.annotations() if a.article_id == m.article) for m in (mine, other))
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        assert window.annotations_panel.link(here, there, "same fact")  # the link dialog's "Link"
    assert store.fact_separations([mine.article, other.article]) == []
    assert _holding(compared.args[0], mine).id == _holding(compared.args[0], other).id
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        window.undo_stack.undo()
    assert [s.id for s in store.fact_separations([mine.article, other.article])] == [separation.id]
    assert store.links_of([here, there]) == []
    assert _holding(compared.args[0], mine).id != _holding(compared.args[0], other).id


def test_the_window_keeps_its_story_so_the_readers_word_is_compared_without_redoing_the_links(window, qtbot):
    from desktop.core.matching import kept

    area = window.comparison
    prepared = kept.entry("prepare")  # the window's comparison kept the story's claims and link scores
    assert {u.article for u in prepared.units} == {a.id for a in area.comparison.articles}
    fact, mine, other = _linked_pair(window, sources=2)
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        _right_click_and_pick(area.pane_for(mine.article), qtbot, mine.start + 3, "NotSameFact")
    assert kept.entry("prepare") is prepared  # reused, not worked out again
    assert _holding(compared.args[0], mine).id != _holding(compared.args[0], other).id


def test_what_the_reader_did_is_not_said_over_another_storys_figures(window, qtbot):
    area, store = window.comparison, window.store
    ids = [a.id for a in area.comparison.articles]
    other, made = store.create_story("Two of them")
    window.apply_changes(made | store.add_to_story(other, ids[:2]))
    fact, mine, _other = _linked_pair(window, sources=2)
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        _right_click_and_pick(area.pane_for(mine.article), qtbot, mine.start + 3, "NotSameFact")
    assert window.statusBar().currentMessage().startswith("Not the same fact")
    window.story_view.announce("Something the reader did.")  # said, then the reader opens another story
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        window.open_story(other)
    assert "Something the reader did" not in window.statusBar().currentMessage()
    assert "shared claims" in window.statusBar().currentMessage()
