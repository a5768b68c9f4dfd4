"""Story > Review Possible Matches: the reader settles the claims Parallax was not sure of with the
keyboard, Y the same fact, N not the same, S skip; each answer is one undo step in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from desktop.ui.compare.match_review import candidates


def _open(window, qtbot):
    window.review_matches_action.trigger()
    dialog = window.match_review
    qtbot.waitExposed(dialog)
    return dialog


def test_the_pairs_come_best_first_each_once(window):
    items = candidates(window.comparison.comparison)
    assert items and [i.score for i in items] == sorted((i.score for i in items), reverse=True)
    keys = [frozenset({i.here, i.there}) for i in items]
    assert len(keys) == len(set(keys))


def test_y_links_the_pair_n_sets_the_next_apart_and_undo_takes_each_back(window, qtbot):
    store = window.store
    dialog = _open(window, qtbot)
    first, second = dialog.items[0], dialog.items[1]
    assert "Possible match 1 of" in dialog.progress.text() and "% match" in dialog.progress.text()
    import html

    shown = [html.unescape(t.text()) for t in dialog.texts]  # each claim in bold inside its sentence
    assert f"<b>{' '.join(first.here_text.split())}</b>" in shown[0]
    assert f"<b>{' '.join(first.there_text.split())}</b>" in shown[1]
    assert dialog.boxes[0].title().startswith(f"A{[a.id for a in window.comparison.comparison.articles].index(first.here[0]) + 1} · ")
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        qtbot.keyClick(dialog, Qt.Key.Key_Y)
    joined = next(f for f in compared.args[0].facts if f.kind == "claim" and any(
        (m.article, m.start) == first.here[:2] for m in f.mentions))
    assert first.there[0] in joined.articles  # linked: the same fact now
    assert len(store.annotations()) == 2 and "Possible match 2 of" in dialog.progress.text()
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        qtbot.keyClick(dialog, Qt.Key.Key_N)
    assert store.different_fact_pairs([second.here[0], second.there[0]]) == [tuple(sorted([second.here, second.there]))]
    qtbot.keyClick(dialog, Qt.Key.Key_S)  # skipped: nothing recorded
    assert "Possible match 4 of" in dialog.progress.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert "Possible match 3 of" in dialog.progress.text() and "skipped" in dialog.progress.text()
    assert [window.undo_stack.text(i) for i in range(window.undo_stack.count())][-2:] == \
        ["Mark as Same Fact", "Not the Same Fact"]
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        window.undo_stack.undo()
    assert store.fact_separations([second.here[0], second.there[0]]) == []
    dialog.close()


def test_the_last_answer_says_what_was_done(window, qtbot):
    dialog = _open(window, qtbot)
    for _ in dialog.items:
        qtbot.keyClick(dialog, Qt.Key.Key_S)
    assert dialog.progress.text().startswith(f"All {len(dialog.items)} reviewed: 0 marked the same fact, 0 set apart")
    assert not dialog.same_button.isEnabled() and dialog.back_button.isEnabled()
    dialog.close()


def test_a_story_without_possible_matches_says_so(make_window, qtbot):
    window = make_window()
    window.comparison.comparison = window.comparison.comparison.__class__(
        window.comparison.comparison.articles, (), ())  # a comparison with nothing to review
    window.review_matches_action.trigger()
    assert window.match_review is None
    assert "No possible matches to review" in window.statusBar().currentMessage()


def test_a_claim_that_is_one_clause_is_shown_in_bold_inside_its_sentence():
    from desktop.ui.compare.match_review import in_sentence

    text = ("The layoffs come. The exit signals a shift, with fewer than 50 employees being laid off as "
            "operations wind down. Next one.")
    start = text.index("with fewer")
    assert in_sentence(text, start, text.index("down.") + 5) == (
        "The exit signals a shift, <b>with fewer than 50 employees being laid off as operations wind down.</b>")
    assert in_sentence(text, 0, 11) == "<b>The layoffs</b> come."
    assert in_sentence("A <b> & c", 2, 5) == "A <b>&lt;b&gt;</b> &amp; c"  # the words escaped
    assert in_sentence(text, 5, 3) == ""


def test_review_links_checks_the_least_sure_links_first_and_n_takes_a_wording_out(window, qtbot):
    store = window.store
    window.review_links_action.trigger()
    dialog = window.match_review
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Review Links" and dialog.progress.text().startswith("Link 1 of ")
    scores = [i.score for i in dialog.items]
    assert scores == sorted(scores) and all(i.linked for i in dialog.items)
    first = dialog.items[0]
    before = len(store.annotations())
    qtbot.keyClick(dialog, Qt.Key.Key_Y)  # the link stands: nothing is recorded
    assert len(store.annotations()) == before and store.fact_separations([first.here[0], first.there[0]]) == []
    second = dialog.items[1]
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000) as compared:
        qtbot.keyClick(dialog, Qt.Key.Key_N)
    # that wording is out of its fact: kept apart from each other wording of it
    assert sorted(store.different_fact_pairs([a.id for a in compared.args[0].articles])) == sorted(
        tuple(sorted(pair)) for pair in second.apart)
    holder = next(f for f in compared.args[0].facts if f.kind == "claim" and any(
        (m.article, m.start) == second.there[:2] for m in f.mentions))
    assert second.here[0] not in holder.articles
    dialog.close()


def test_links_parallax_is_less_sure_of_are_italic_in_the_facts_tab_and_say_so(window):
    from PySide6.QtCore import Qt as QtNS

    from desktop.ui.compare.facts_panel import COL_LABEL, FACT_ID_ROLE
    from desktop.ui.compare.possible_lines import WEAK_NOTE

    comparison = window.comparison.comparison
    weak = {f.id for f in comparison.facts if f.weak}
    sure = {f.id for f in comparison.facts if f.kind == "claim" and f.sources > 1 and not f.weak}
    assert weak and sure  # the bundled story has both
    proxy = window.facts_panel.proxy
    for r in range(proxy.rowCount()):
        index = proxy.index(r, COL_LABEL)
        fact_id = index.data(FACT_ID_ROLE)
        if fact_id in weak | sure:
            font = index.data(QtNS.ItemDataRole.FontRole)
            assert bool(font and font.italic()) == (fact_id in weak)
            assert (WEAK_NOTE in index.data(QtNS.ItemDataRole.ToolTipRole)) == (fact_id in weak)
    assert f"{len(weak)} less sure: Story > Review Links" in window.statusBar().currentMessage()


def test_the_ribbon_of_a_link_parallax_is_less_sure_of_is_pale_with_a_dashed_edge(window, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QImage, QRegion
    from PySide6.QtWidgets import QWidget

    area = window.comparison
    # links and conflicts Parallax is less sure of: the bundled story's ban date and reporters are of those
    weak = {f.id for f in area.comparison.facts if f.weak} | {c.id for c in area.comparison.conflicts if c.weak}
    links = [link for index in range(1, len(area.panes)) for link in area.link_map(index).links()]
    assert links and {link.fact_id for link in links if link.weak} == {link.fact_id for link in links} & weak
    map_ = next(area.link_map(i) for i in range(1, len(area.panes)) if area.link_map(i).visible_ribbons())

    def drawn(only_weak: bool) -> int:
        """How many pixels the ribbons cover, drawn as they are or all as less sure."""
        saved = map_.links()
        if only_weak:
            from dataclasses import replace
            map_.set_links([replace(link, weak=True) for link in saved])
        image = QImage(map_.size(), QImage.Format.Format_ARGB32)
        image.fill(0)  # transparent: only what the ribbons paint counts
        map_.render(image, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
        map_.set_links(saved)
        return sum(qAlpha for qAlpha in (image.pixelColor(x, y).alpha() for x in range(image.width())
                                         for y in range(image.height())))

    assert drawn(only_weak=True) < drawn(only_weak=False)  # paler


def test_the_panes_line_up_on_each_pair_as_it_is_shown(window, qtbot):
    from desktop.ui.compare.scroll_sync import document_y

    area = window.comparison
    dialog = _open(window, qtbot)
    for item in dialog.items[:4]:
        panes = [area.pane_for(a) for a in (item.here[0], item.there[0])]
        if all(p is not None for p in panes):
            break
        qtbot.keyClick(dialog, Qt.Key.Key_S)
    else:
        raise AssertionError("no pair with both articles open")
    for pane, (_article, start, end) in zip(panes, (item.here, item.there), strict=True):
        selection = pane.view._current_selection  # the pair is outlined, as a fact the reader steps to
        assert selection and (selection[0].cursor.selectionStart(), selection[0].cursor.selectionEnd()) == (
            pane.view.offsets.to_qt(start), pane.view.offsets.to_qt(end))
    tops = [document_y(p.view, p.view.offsets.to_qt(s[1])) - p.view.verticalScrollBar().value()
            for p, s in zip(panes, (item.here, item.there), strict=True)]
    bars = [p.view.verticalScrollBar() for p in panes]
    if all(0 < b.value() < b.maximum() for b in bars):
        assert abs(tops[0] - tops[1]) <= 2  # level with each other
    dialog.close()


def test_keys_reach_the_dialog_wherever_the_focus_is_and_an_answer_is_not_changed_behind_the_readers_back(
        window, qtbot):
    store = window.store
    dialog = _open(window, qtbot)
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)  # a click: no button keeps the focus
    assert "Possible match 2 of" in dialog.progress.text()
    buttons = (dialog.same_button, dialog.apart_button, dialog.skip_button, dialog.back_button)
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus and not b.autoDefault() for b in buttons)
    focused = dialog.focusWidget() or dialog  # never a button: the arrows are not taken to move between them
    assert focused not in buttons
    qtbot.keyClick(focused, Qt.Key.Key_Left)
    assert "Possible match 1 of" in dialog.progress.text()
    item = dialog.items[0]
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        qtbot.keyClick(dialog, Qt.Key.Key_N)
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    qtbot.keyClick(dialog, Qt.Key.Key_Y)  # refused: N stands until Ctrl+Z in the window
    assert "answered already" in dialog.progress.text() and "Possible match 1 of" in dialog.progress.text()
    assert store.annotations() == [] and len(store.fact_separations([item.here[0], item.there[0]])) == 1
    qtbot.keyClick(dialog, Qt.Key.Key_S)  # moving on keeps the answer
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert "you said: not the same" in dialog.progress.text()
    # Ctrl+Z in the window takes the answer back: the pair is open again, and Y now counts
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        window.undo_stack.undo()
    assert "you said" not in dialog.progress.text() and "Possible match 1 of" in dialog.progress.text()
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Y)
    assert len(store.annotations()) == 2 and store.fact_separations([item.here[0], item.there[0]]) == []
    dialog.close()


def test_redo_gives_the_answer_back_and_a_cleared_history_keeps_it(window, qtbot):
    store = window.store
    dialog = _open(window, qtbot)
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Y)
    assert len(store.annotations()) == 2
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert "you said: the same fact" in dialog.progress.text()
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        window.undo_stack.undo()
    assert "you said" not in dialog.progress.text() and store.annotations() == []
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
        window.undo_stack.redo()  # Ctrl+Y: the link is back, and so is the answer
    assert "you said: the same fact" in dialog.progress.text() and len(store.annotations()) == 2
    window.undo_stack.clear()  # the history went (another story's Find Stories, say): the link stays
    assert "you said: the same fact" in dialog.progress.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Y)  # the same answer again: moves on, links nothing twice
    assert "Possible match 2 of" in dialog.progress.text()
    assert len(store.annotations()) == 2  # never a second pair of highlights for the same answer
    qtbot.keyClick(dialog, Qt.Key.Key_Left)
    assert "you said: the same fact" in dialog.progress.text()
    dialog.close()


def test_the_arrows_move_between_pairs_after_the_reader_clicked_into_a_sentence(window, qtbot):
    dialog = _open(window, qtbot)
    text = dialog.texts[0]
    qtbot.mouseClick(text, Qt.MouseButton.LeftButton, pos=text.rect().center())  # to select words
    focused = dialog.focusWidget() or dialog
    qtbot.keyClick(focused, Qt.Key.Key_Right)
    assert "Possible match 2 of" in dialog.progress.text()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Left)
    assert "Possible match 1 of" in dialog.progress.text()
    dialog.close()


def test_a_long_sentence_scrolls_in_its_box_instead_of_being_cut_off(window, qtbot):
    dialog = _open(window, qtbot)
    longest = max(range(len(dialog.items)), key=lambda i: len(dialog.items[i].here_text))
    for _ in range(longest):
        qtbot.keyClick(dialog, Qt.Key.Key_S)
    text = dialog.texts[0]
    scroller = text.parentWidget().parentWidget().parentWidget()  # label, holder, viewport, scroll area
    assert isinstance(scroller, QScrollArea)
    # the whole sentence laid out (none cut); what the box cannot show scrolls
    qtbot.waitUntil(lambda: text.heightForWidth(text.width()) <= text.height(), timeout=2000)
    viewport = scroller.viewport()
    assert text.height() <= viewport.height() or scroller.verticalScrollBar().maximum() > 0
    dialog.close()


def test_the_dialog_closes_when_the_reader_opens_another_story_or_review(window, qtbot):
    from desktop.ui.library.library_models import ALL_ARTICLES

    first = _open(window, qtbot)
    window.review_links_action.trigger()  # one review at a time
    assert window.match_review is not first and window.match_review.windowTitle() == "Review Links"
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=2000)
    window.open_story(ALL_ARTICLES)
    assert window.match_review is None
