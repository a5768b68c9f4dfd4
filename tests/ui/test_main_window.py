"""The main window driven as a user drives it: panes, scrolling, reading comfort, settings."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.ui.compare.reading_pane import MIN_PANE_WIDTH
from desktop.ui.library.library_models import ALL_ARTICLES


def pane_titles(window) -> list[str]:
    return [p.title.text() for p in window.comparison.panes]


def test_first_launch_shows_the_five_bundled_articles_side_by_side(window):
    assert window.windowTitle() == "Parallax — Kaspersky exits the US (July 2024)"
    panes = window.comparison.panes
    assert len(panes) == 5
    assert all(p.isVisible() and p.width() >= MIN_PANE_WIDTH for p in panes)
    lefts = [p.mapTo(window, QPoint(0, 0)).x() for p in panes]
    assert lefts == sorted(lefts) and len(set(lefts)) == 5  # really side by side
    bitdefender = next(p for p in panes if p.outlet.fullText().endswith("BITDEFENDER"))
    assert bitdefender.title.text() == "Kaspersky Closes US Offices, Lays Off Staff Following Sales Ban"
    assert "2024-07-16" in bitdefender.meta.text() and "Filip TRUȚĂ" in bitdefender.meta.text()
    assert bitdefender.view.toPlainText().startswith("2 min read")
    assert window.articles_model.rowCount() == 5
    # headers share one height, so the five texts start level
    assert len({p.view.mapTo(window, QPoint(0, 0)).y() for p in panes}) == 1
    # five readable panes (issue 16: >= 45 characters a line) do not fit a 1600-pixel window:
    # whole panes fill the width and the rest are a sideways scroll away
    area = window.comparison
    assert area.scroll.horizontalScrollBar().maximum() > 0
    in_view = area.panes_in_view()
    assert in_view == panes[:len(in_view)] and 2 <= len(in_view) < 5
    assert in_view[-1].geometry().right() < area.scroll.viewport().width()


def test_panes_scroll_together_until_unlinked(window, qtbot):
    bars = [p.view.verticalScrollBar() for p in window.comparison.panes]
    assert all(b.maximum() > 0 for b in bars)
    bars[0].setValue(bars[0].maximum())
    assert [b.value() for b in bars] == [b.maximum() for b in bars]
    # a third of the way down (the panes line up on shared facts: one whose shared facts sit
    # higher reaches its end sooner, so the middle of one pane is not the middle of all)
    bars[2].setValue(bars[2].maximum() * 3 // 10)
    assert all(0 < b.value() < b.maximum() for b in bars)  # all follow, none left at an end
    bars[3].setValue(0)
    assert [b.value() for b in bars] == [0] * 5
    window.comparison.panes[0].view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.link_action.isChecked()
    before = [b.value() for b in bars]
    bars[0].setValue(0)
    assert [b.value() for b in bars[1:]] == before[1:]


def test_narrow_window_scrolls_sideways_instead_of_squeezing(make_window):
    window = make_window(size=(900, 700))
    assert window.comparison.scroll.horizontalScrollBar().maximum() > 0
    assert all(p.width() >= MIN_PANE_WIDTH for p in window.comparison.panes)


def test_zoom_keys_change_the_text_size(window, qtbot):
    view = window.comparison.panes[0].view
    before = view.font().pointSizeF()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == before + 2
    assert window.comparison.panes[3].view.font().pointSizeF() == before + 2
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == before + 1
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == 12.0


def test_font_and_spacing_choices_apply_to_every_pane(window):
    window.sans_action.trigger()
    families = window.comparison.panes[1].view.font().families()
    assert "DejaVu Sans" in families and "DejaVu Serif" not in families
    window.spacing_actions[180].trigger()
    block = window.comparison.panes[1].view.document().firstBlock().blockFormat()
    assert block.lineHeight() == 180


def test_settings_come_back_at_next_launch(make_window):
    # the offscreen screen is 800x600 and restoreGeometry keeps windows on screen
    first = make_window(size=(780, 560))
    first.main_splitter.setSizes([300, 480])
    first.sans_action.trigger()
    first.zoom(+3)
    first.set_link_scrolling(False)
    story_id, _ = first.store.create_story("Second story")
    first.reload_library(select_story=story_id)
    first.close()

    second = make_window(size=None)
    assert second.current_story_id == story_id
    assert (second.size().width(), second.size().height()) == (780, 560)
    assert abs(second.main_splitter.sizes()[0] - 300) <= 2
    assert second.sans_action.isChecked()
    assert second.reading_style().point_size == 15.0
    assert not second.link_action.isChecked()


def test_removing_a_pane_takes_the_article_out_of_the_story_and_undo_brings_it_back(window, qtbot):
    order = [p.article_id for p in window.comparison.panes]
    qtbot.mouseClick(window.comparison.panes[1].close_button, Qt.MouseButton.LeftButton)
    assert [p.article_id for p in window.comparison.panes] == order[:1] + order[2:]
    assert window.store.story(window.current_story_id).article_ids == tuple(order[:1] + order[2:])
    assert order[1] in [a.id for a in window.store.articles()]  # still in the library
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [p.article_id for p in window.comparison.panes] == order
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(window.comparison.panes) == 4


def test_panes_reorder_with_buttons_and_keys(window, qtbot):
    order = [p.article_id for p in window.comparison.panes]
    qtbot.mouseClick(window.comparison.panes[0].right_button, Qt.MouseButton.LeftButton)
    expected = [order[1], order[0], *order[2:]]
    assert [p.article_id for p in window.comparison.panes] == expected
    assert list(window.store.story(window.current_story_id).article_ids) == expected
    assert not window.comparison.panes[0].left_button.isEnabled()
    window.comparison.pane_for(order[4]).view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [p.article_id for p in window.comparison.panes][3] == order[4]


def test_double_click_in_the_library_adds_an_article_as_a_pane(window, qtbot):
    story_id, _ = window.store.create_story("Compare two")
    window.reload_library(select_story=story_id)
    assert window.comparison.currentWidget() is window.comparison.hint
    window.open_story(ALL_ARTICLES)
    window.open_story(story_id)
    ids = [a.id for a in window.store.articles()][:2]
    window.add_articles_to_story(ids)
    assert [p.article_id for p in window.comparison.panes] == ids
    assert window.stories_model.data(window.stories_model.index(window.stories_model.row_of(story_id))).endswith("(2)")


def test_import_runs_in_the_background_into_the_current_story(window, qtbot, tmp_path):
    good = tmp_path / "wire.txt"
    good.write_text("Wire report: Kaspersky confirms the US exit.\n\nSecond paragraph.")
    bad = tmp_path / "photo.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as blocker:
        assert window.start_import([str(good), str(bad)])
        assert window.progress_bar.isVisible() and window.cancel_button.isVisible()
    report = blocker.args[0]
    assert len(report.added) == 1 and len(report.failures) == 1
    assert len(window.comparison.panes) == 6
    assert window.comparison.panes[-1].view.toPlainText().startswith("Wire report")
    assert not window.progress_bar.isVisible()
    box = window.last_message_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "photo.png" in box.text() and "unsupported" in box.text().lower()


def test_dropping_files_on_the_window_imports_them(window, qtbot, tmp_path):
    dropped = tmp_path / "dropped.md"
    dropped.write_text("---\ntitle: Dropped in\n---\nA dropped article body.\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(window.rect().center().toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.dropEvent(event)
    assert pane_titles(window)[-1] == "Dropped in"


def test_new_article_from_clipboard(window, qtbot):
    QGuiApplication.clipboard().setText("Pasted report: Kaspersky leaves the United States.")
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(window.comparison.panes) == 6
    assert window.comparison.panes[-1].view.toPlainText().startswith("Pasted report")
    QGuiApplication.clipboard().setText("   ")
    window.paste_action.trigger()
    assert len(window.comparison.panes) == 6
    assert "no text" in window.statusBar().currentMessage()


def test_find_searches_the_library_and_highlights_the_words(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "Raimondo")
    qtbot.waitUntil(lambda: window.hits_model.rowCount() == 2)
    assert "2 articles" in window.hits_label.text()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    hit_id = window.hits_model.hit_at(0).article_id
    view = window.comparison.pane_for(hit_id).view
    hits = view.search_hits()
    assert hits and set(hits) == {"Raimondo"}
    drawn = [s.cursor.selectedText() for s in view.extraSelections()]
    assert drawn[-len(hits):] == hits  # drawn last, on top of the fact highlights
    window.search_box.clear()
    qtbot.waitUntil(lambda: window.lower_stack.currentIndex() == 0)


def test_boilerplate_is_dimmed_and_can_be_restored(window):
    pane = next(p for p in window.comparison.panes if p.outlet.fullText().endswith("BITDEFENDER"))
    span = pane.article.boilerplate[0]
    assert pane.article.text[span.start:span.end].startswith("2 min read")
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.view.offsets.to_qt(span.start) + 1)
    assert cursor.charFormat().fontItalic()
    words_before = pane.article.word_count
    pane.view.boilerplate_toggled.emit(span.id, False)
    pane = window.comparison.pane_for(pane.article_id)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.view.offsets.to_qt(span.start) + 1)
    assert not cursor.charFormat().fontItalic()
    assert pane.article.word_count == words_before + 3
    assert "3 min" not in pane.meta.text() and f"{words_before + 3:,} words" in pane.meta.text()


def test_quit_shortcut_closes_the_window(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert QApplication.instance() is not None


def test_cancelling_a_long_import_keeps_what_was_imported(window, qtbot, tmp_path):
    files = []
    for i in range(60):
        path = tmp_path / f"{i:02}.txt"
        path.write_text(f"Article {i} about the ban. " * 200)
        files.append(str(path))
    with qtbot.waitSignal(window.import_finished, timeout=30_000) as blocker:
        window.start_import(files)
        task = window.import_task
        # pressed the moment the third file is in: run in the worker as it reports (a queued call could
        # come after a fast machine has imported all 60); the task's cancel is what Cancel sets
        task.signals.progressed.connect(lambda done, total, _m: done >= 3 and task.cancel(),
                                        Qt.ConnectionType.DirectConnection)
    report = blocker.args[0]
    assert report.cancelled and 3 <= len(report.added) < 60
    assert len(window.comparison.panes) == 5 + len(report.added)
    assert "cancelled" in window.statusBar().currentMessage()


def test_setting_an_outlets_leaning_enables_the_facts_leaning_filter(window, qtbot):
    panel = window.facts_panel
    assert not panel.leaning_button.isEnabled()  # the bundled story's outlets have no leaning
    bitdefender = window.store.outlet_by_name("Bitdefender")
    window.changes.publish(window.store.set_leanings({bitdefender.id: "center"}, "reader"))
    assert panel.leaning_button.isEnabled()
    panel.leaning_button.set_side("center")
    pane = window.comparison.panes[1]
    assert pane.article.source == "Bitdefender"
    shown = panel.visible_ids()
    comparison = panel.model.comparison
    facts = {f.id: f for f in (*comparison.facts, *comparison.conflicts)}
    assert shown and len(shown) < len(facts)
    assert all(pane.article_id in {m.article for m in facts[i].mentions} for i in shown)


def test_a_new_comparison_is_filtered_by_leaning_once_with_its_own_leanings(window, qtbot):
    panel = window.facts_panel
    bitdefender = window.store.outlet_by_name("Bitdefender")
    window.changes.publish(window.store.set_leanings({bitdefender.id: "center"}, "reader"))
    panel.leaning_button.set_side("center")
    masks = []
    original = panel.proxy.set_side_mask
    panel.proxy.set_side_mask = lambda mask: (masks.append(mask), original(mask))[1]
    try:
        with qtbot.waitSignal(window.comparison_finished, timeout=30_000):
            window.story_view.start_comparison(list(window.comparison.articles))
    finally:
        del panel.proxy.set_side_mask
    assert len(masks) == 1  # one pass, already with this comparison's leanings
    comparison = panel.model.comparison
    pane = next(p for p in window.comparison.panes if p.article.source == "Bitdefender")
    facts = {f.id: f for f in (*comparison.facts, *comparison.conflicts)}
    shown = panel.visible_ids()
    assert shown and all(pane.article_id in {m.article for m in facts[i].mentions} for i in shown)
