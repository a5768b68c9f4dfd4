"""Library > Find Stories, the suggested stories' accept / split / merge with undo, the Story Coverage
dock's related coverage (add with a double-click) and its leaning bar, and the sidebar's marks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.library import open_library
from desktop.core.stories.leanings import set_leaning
from desktop.ui.library.library_models import ID_ROLE, article_ids_from_mime
from tests.core.stories_fixtures import save_coverage


@pytest.fixture
def ids(library_path):
    store = open_library(library_path)  # the bundled story, as at first launch, then the coverage
    try:
        return save_coverage(store)
    finally:
        store.close()


def sidebar_rows(window) -> dict[int, str]:
    model = window.library.stories_model
    return {model.index(r).data(ID_ROLE): model.index(r).data() for r in range(1, model.rowCount())}


def story_with(window, article_ids):
    return next(s for s in window.store.stories() if set(s.article_ids) == set(article_ids))


def undo(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def find_stories(qtbot, window):
    window.found_stories.find_action.trigger()
    qtbot.waitUntil(lambda: window.found_stories.task is None and any(
        s.kind == "suggested" for s in window.store.stories()), timeout=30000)


def test_find_stories_marks_suggestions_and_accept_keeps_one_with_undo(make_window, ids, qtbot):
    window = make_window()
    assert window.found_stories.find_action in window.found_stories.menu.actions()
    find_stories(qtbot, window)
    storm = story_with(window, ids["storm"])
    assert storm.kind == "suggested"
    rows = sidebar_rows(window)
    assert rows[storm.id].startswith("◇ ") and "Delia" in rows[storm.id]
    assert not any(text.startswith("◇") for sid, text in rows.items() if window.store.story(sid).kind == "reader")
    window.open_story(storm.id)
    window.found_stories.accept_action.trigger()
    assert window.store.story(storm.id).kind == "reader"
    assert not sidebar_rows(window)[storm.id].startswith("◇")
    undo(qtbot, window)
    assert window.store.story(storm.id).kind == "suggested"
    assert sidebar_rows(window)[storm.id].startswith("◇ ")


def test_split_and_merge_with_undo(make_window, ids, qtbot):
    window = make_window()
    find_stories(qtbot, window)
    storm, budget = story_with(window, ids["storm"]), story_with(window, ids["budget"])
    window.open_story(storm.id)
    window.found_stories.split(article_ids=[ids["storm"][2]], name="Aftermath")
    after = {s.name: s for s in window.store.stories()}
    assert after["Aftermath"].article_ids == (ids["storm"][2],)
    assert set(window.store.story(storm.id).article_ids) == set(ids["storm"][:2])
    assert any("Aftermath" in text for text in sidebar_rows(window).values())
    undo(qtbot, window)
    assert "Aftermath" not in {s.name for s in window.store.stories()}
    assert window.store.story(storm.id) == storm  # membership, order and kind as before
    window.open_story(storm.id)
    window.apply_changes(window.store.set_story_tags(budget.id, ["fiscal", "senate"]))
    window.found_stories.merge(other_ids=[budget.id])
    assert set(window.store.story(storm.id).article_ids) == set(ids["storm"] + ids["budget"])
    assert budget.id not in sidebar_rows(window)
    undo(qtbot, window)
    assert window.store.story(budget.id) == budget and window.store.story(storm.id) == storm
    assert budget.id in sidebar_rows(window)
    assert sorted(window.store.story_tags(budget.id)) == ["fiscal", "senate"]  # its tags come back too


def test_more_coverage_lists_the_events_other_articles_and_a_double_click_adds_one(make_window, ids, qtbot):
    window = make_window()
    story_id = window.new_story("Storm")
    window.stories.add_articles(ids["storm"][:2])
    set_leaning(window.store, "Evening Star", "lean right")
    window.open_story(story_id)
    window.found_stories.dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: window.found_stories.dock.isVisible())
    listing = window.found_stories.coverage_widget.related
    qtbot.waitUntil(lambda: listing.count() >= 1)  # looked up on the worker pool
    assert "Looking" not in window.found_stories.coverage_widget.related_title.text()
    first = listing.item(0)
    assert first.data(Qt.ItemDataRole.UserRole) == ids["storm"][2]
    assert first.text().startswith("Evening Star · 2021-03-03 · lean right — ")
    # a row drags out like a library row (drop it on the panes)
    assert article_ids_from_mime(listing.mimeData([first])) == [ids["storm"][2]]
    rect = listing.visualItemRect(first)
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.store.story(story_id).article_ids == (*ids["storm"][:2], ids["storm"][2])
    qtbot.waitUntil(lambda: window.comparison.pane_for(ids["storm"][2]) is not None)
    qtbot.waitUntil(lambda: not window.found_stories.lookups and not window.found_stories.lookup_timer.isActive())
    assert ids["storm"][2] not in [listing.item(r).data(Qt.ItemDataRole.UserRole) for r in range(listing.count())]
    undo(qtbot, window)
    assert window.store.story(story_id).article_ids == tuple(ids["storm"][:2])


def test_related_coverage_is_looked_up_in_the_background_and_a_result_for_a_closed_story_is_dropped(
        make_window, ids, qtbot, monkeypatch):
    import threading

    from desktop.core.stories import related

    window = make_window()
    storm, budget = window.new_story("Storm"), window.new_story("Budget")
    window.store.add_to_story(storm, ids["storm"][:2])
    window.store.add_to_story(budget, ids["budget"][:2])
    real, release = related.related_articles, threading.Event()
    stale = related.RelatedArticle(id=ids["budget"][2], title="Stale", outlet=None, published=None, leaning=None,
                                   score=1.0)

    def slow(store, story_id, *args, **kwargs):
        if story_id == storm:  # held until the reader has moved on to the budget story
            release.wait(10)
            return [stale]
        return real(store, story_id, *args, **kwargs)

    monkeypatch.setattr(related, "related_articles", slow)
    found = window.found_stories
    window.open_story(storm)
    found.dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: found.dock.isVisible() and bool(found.lookups))
    assert "Looking for more coverage…" in found.coverage_widget.related_title.text()
    assert found.coverage_widget.related.count() == 0
    window.open_story(budget)
    release.set()
    qtbot.waitUntil(lambda: not found.lookups)
    listing = found.coverage_widget.related
    shown = [listing.item(r).text() for r in range(listing.count())]
    assert shown and not any("Stale" in text for text in shown)  # the storm's late answer was dropped
    assert found.coverage_widget.related_title.text().endswith(f"({len(shown)})")


def test_a_story_name_is_shown_as_text_not_markup(make_window, qtbot):
    window = make_window()
    story_id = window.new_story("<i>Delia</i> & the <b>coast")
    window.open_story(story_id)
    window.found_stories.dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: window.found_stories.dock.isVisible())
    assert "&lt;i&gt;Delia&lt;/i&gt; &amp; the &lt;b&gt;coast" in window.found_stories.coverage_widget.status.text()


def test_closing_the_window_cancels_find_stories_which_saves_nothing(make_window, ids, qtbot, monkeypatch):
    import threading
    import time

    from desktop.core.stories import finding

    window = make_window()
    before = window.store.stories()
    real, started = finding.find_stories, threading.Event()

    def held(articles, settings, progress=None, is_cancelled=None):
        started.set()
        deadline = time.monotonic() + 20
        while not is_cancelled() and time.monotonic() < deadline:  # a long run, until cancelled
            time.sleep(0.01)
        return real(articles, settings, progress, is_cancelled)

    monkeypatch.setattr(finding, "find_stories", held)
    window.found_stories.find_action.trigger()
    task = window.found_stories.task
    assert task is not None and started.wait(10)
    began = time.monotonic()
    window.close()  # cancels it and waits for the pool
    assert task._cancel.is_set() and time.monotonic() - began < 10
    assert window.store.stories() == before  # nothing saved


def test_the_leaning_bar_and_the_blindspot_mark(make_window, ids, qtbot):
    window = make_window()
    story_id = window.new_story("Budget")
    window.stories.add_articles(ids["budget"])
    window.found_stories.dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: window.found_stories.dock.isVisible())
    bar = window.found_stories.coverage_widget.bar
    assert [(leaning, n) for leaning, n, _ in bar.segments()] == [("unknown", 3)]
    for outlet, leaning in (("Daily Planet", "left"), ("The Courier", "lean left"), ("Evening Star", "left")):
        window.apply_changes(set_leaning(window.store, outlet, leaning))
    assert [(leaning, n) for leaning, n, _ in bar.segments()] == [("left", 2), ("lean left", 1)]
    assert window.found_stories.coverage_widget.bar_legend.text().endswith("2 left · 1 lean left")
    widths = [rect.width() for _, _, rect in bar.segments()]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert "Blindspot" in window.found_stories.coverage_widget.blindspot.text()
    assert "⚑L" in sidebar_rows(window)[story_id]
    window.apply_changes(set_leaning(window.store, "Evening Star", "right"))
    assert "⚑" not in sidebar_rows(window)[story_id]
    assert window.found_stories.coverage_widget.blindspot.text() == ""


def test_find_stories_on_a_library_without_events_says_so(window, qtbot):
    """Only the bundled story, whose articles are the reader's: nothing to suggest."""
    before = window.store.stories()
    window.found_stories.find_action.trigger()
    qtbot.waitUntil(lambda: window.found_stories.task is None
                    and "No stories found" in window.statusBar().currentMessage(), timeout=30000)
    assert window.store.stories() == before


def test_removing_a_pane_of_a_suggestion_makes_it_the_readers_and_undo_a_suggestion_again(make_window, ids, qtbot):
    window = make_window()
    find_stories(qtbot, window)
    storm = story_with(window, ids["storm"])
    window.open_story(storm.id)
    qtbot.waitUntil(lambda: window.comparison.pane_for(ids["storm"][2]) is not None, timeout=10000)
    window.comparison.pane_for(ids["storm"][2]).view.setFocus()
    window.remove_pane_action.trigger()  # Ctrl+W on the focused pane
    changed = window.store.story(storm.id)
    assert ids["storm"][2] not in changed.article_ids and changed.kind == "reader"
    assert not sidebar_rows(window)[storm.id].startswith("◇")  # the next Find Stories leaves it alone
    undo(qtbot, window)
    assert window.store.story(storm.id) == storm  # its articles and its kind as before


def test_renaming_a_suggestion_makes_it_the_readers(make_window, ids, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = make_window()
    find_stories(qtbot, window)
    storm = story_with(window, ids["storm"])
    window.open_story(storm.id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Storm Delia", True))  # the reader types it
    window.rename_story_action.trigger()
    renamed = window.store.story(storm.id)
    assert (renamed.name, renamed.kind) == ("Storm Delia", "reader")


def test_a_suggestion_renamed_after_its_pane_was_removed_stays_the_readers_through_undo(make_window, ids, qtbot,
                                                                                       monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = make_window()
    find_stories(qtbot, window)
    storm = story_with(window, ids["storm"])
    window.open_story(storm.id)
    qtbot.waitUntil(lambda: window.comparison.pane_for(ids["storm"][2]) is not None, timeout=10000)
    window.comparison.pane_for(ids["storm"][2]).view.setFocus()
    window.remove_pane_action.trigger()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("My own story", True))
    window.rename_story_action.trigger()
    undo(qtbot, window)  # the rename: one undo step, the old name back
    assert window.store.story(storm.id).name == storm.name
    undo(qtbot, window)  # the pane: back as a suggestion, as it was before both
    assert window.store.story(storm.id) == storm
    # renamed elsewhere (the CLI) after the pane went: the reader's story, whatever undo does
    window.undo_stack.redo()
    window.store.rename_story(storm.id, "Renamed in a terminal")
    undo(qtbot, window)
    back = window.store.story(storm.id)
    assert back.article_ids == storm.article_ids and back.kind == "reader"


def test_find_stories_keeps_its_message_and_the_readers_note_steps(make_window, ids, qtbot):
    from desktop.ui.changes import WATCH_INTERVAL_MS

    window = make_window()
    article = window.comparison.articles[0]
    window.notes.highlight(article.id, 0, 12, 0, "", ())  # a note step, before Find Stories
    assert window.undo_stack.count() == 1
    find_stories(qtbot, window)
    qtbot.wait(3 * WATCH_INTERVAL_MS)  # the task wrote through its own connection: not another window
    message = window.statusBar().currentMessage()
    assert message.startswith("Found ") and "another Parallax window" not in message
    assert "Undo history was cleared" not in message and window.undo_stack.count() == 1
    undo(qtbot, window)
    assert window.store.annotations() == []


def test_find_stories_clears_undo_steps_that_name_stories_and_says_so(make_window, ids, qtbot):
    window = make_window()
    find_stories(qtbot, window)
    storm = story_with(window, ids["storm"])
    window.open_story(storm.id)
    window.found_stories.accept_action.trigger()  # a step naming a story
    find_stories_again = window.found_stories.find_action
    find_stories_again.trigger()
    qtbot.waitUntil(lambda: window.found_stories.task is None, timeout=30000)
    assert "Undo history was cleared" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
