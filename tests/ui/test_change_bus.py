"""The change bus: every change is published once, and each view refreshes only for what it shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject

from desktop.core.library import open_library
from desktop.core.models import Changes
from desktop.core.notes.annotating import annotate
from desktop.ui.changes import ALL_TABLES, ChangeBus, LibraryWatch
from desktop.ui.library.library_models import ALL_ARTICLES


class Resets:
    """Counts the model resets (what a view's refresh costs) of the window's views."""

    def __init__(self, window):
        self.counts: dict[str, int] = {}
        for name, model in (("notes", window.annotations_panel.model), ("facts", window.facts_panel.model),
                            ("stories", window.stories_model), ("articles", window.articles_model)):
            model.modelReset.connect(lambda name=name: self.counts.__setitem__(name, self.counts.get(name, 0) + 1))

    def __call__(self) -> set[str]:
        return set(self.counts)


@pytest.fixture
def relaid(window, monkeypatch) -> list[str]:
    """Records each time the panes are laid out again or a comparison is started."""
    calls: list[str] = []
    area, story_view = window.comparison, window.story_view
    set_articles, start = area.set_articles, story_view.start_comparison
    monkeypatch.setattr(area, "set_articles", lambda articles: (calls.append("panes"), set_articles(articles)))
    monkeypatch.setattr(story_view, "start_comparison", lambda articles: (calls.append("compare"), start(articles)))
    return calls


def row_texts(model) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_bus_carries_the_changes_and_who_made_them(qtbot):
    bus, maker = ChangeBus(), QObject()
    with qtbot.assertNotEmitted(bus.changed):
        bus.publish(Changes())  # touched no table: not worth a signal
    changes = Changes(frozenset({"annotations"}), frozenset({7}))
    with qtbot.waitSignal(bus.changed) as blocker:
        bus.publish(changes, source=maker)
    assert blocker.args == [changes, maker]


def test_the_watch_publishes_another_connections_write_as_every_table(qtbot, library, library_path):
    bus = ChangeBus()
    watch = LibraryWatch(library, bus, interval_ms=60_000)
    assert not watch.check()
    other = open_library(library_path)
    try:
        other.create_story("Written elsewhere")
    finally:
        other.close()
    with qtbot.waitSignal(bus.changed) as blocker:
        assert watch.check()
    assert blocker.args[0].tables == ALL_TABLES and not blocker.args[0].ids and blocker.args[1] is watch
    assert not watch.check()  # seen once
    watch.stop()


def test_a_write_elsewhere_during_a_task_that_failed_is_published_when_the_task_lets_go(library, library_path,
                                                                                        qtbot):
    bus = ChangeBus()
    watch = LibraryWatch(library, bus, interval_ms=60_000)
    watch.hold()  # this window's Find Stories is running: its writes are its own
    other = open_library(library_path)
    try:
        other.create_story("Written elsewhere meanwhile")
    finally:
        other.close()
    assert not watch.check()  # held: not taken for another window's yet
    with qtbot.waitSignal(bus.changed) as blocker:  # the task failed, publishing nothing: the write is seen
        watch.release()
    assert blocker.args[0].tables == ALL_TABLES and blocker.args[1] is watch
    watch.hold()
    watch.absorb()  # a task that published its own writes absorbs them
    with qtbot.assertNotEmitted(bus.changed):
        watch.release()
    watch.stop()


def test_an_annotation_change_refreshes_the_notes_and_highlights_but_not_the_comparison(window, relaid):
    area = window.comparison
    panes, comparison = list(area.panes), area.comparison
    assert comparison is not None
    pane = panes[1]
    note, _ = annotate(window.store, pane.article_id, "Kaspersky", note="seen")
    resets = Resets(window)
    window.changes.publish(Changes(frozenset({"annotations"}), frozenset({note})))
    assert resets() == {"notes"}  # not the facts, not the library lists
    assert note in window.annotations_panel.visible_ids()
    assert [a.id for a in area.annotations[pane.article_id]] == [note]  # drawn on its pane
    assert relaid == [] and area.panes == panes and area.comparison is comparison
    assert window.story_view.task is None


def test_a_highlight_made_in_a_pane_reaches_the_notes_through_the_bus(window, qtbot, relaid):
    published = []
    window.changes.changed.connect(lambda changes, source: published.append((changes.tables, source)))
    pane = window.comparison.panes[0]
    resets = Resets(window)
    window.notes.highlight(pane.article_id, 0, 9, 0, "", ())
    assert published and published[0][1] is window and "annotations" in published[0][0]
    assert resets() == {"notes"} and relaid == []
    assert len(window.annotations_panel.visible_ids()) == 1


def test_renaming_the_story_refreshes_its_name_not_its_panes(window, relaid):
    area = window.comparison
    panes, comparison = list(area.panes), area.comparison
    story_id = window.current_story_id
    resets = Resets(window)
    window.apply_changes(window.store.rename_story(story_id, "Kaspersky leaves"))
    assert window.windowTitle() == "Parallax — Kaspersky leaves"
    assert "Kaspersky leaves  (5)" in row_texts(window.stories_model)
    assert window.library.articles_heading.text() == "In “Kaspersky leaves” (5)"
    assert resets() == {"stories"}  # the articles list keeps its rows (and the reader's selection)
    assert relaid == [] and area.panes == panes and area.comparison is comparison


def test_removing_a_pane_relays_the_panes_and_the_lists(window, qtbot, relaid):
    area = window.comparison
    resets = Resets(window)
    with qtbot.waitSignal(window.comparison_finished, timeout=20_000):
        window.stories.remove_pane(area.panes[0].article_id)
    assert relaid[:2] == ["panes", "compare"] and len(area.panes) == 4
    assert {"stories", "articles", "facts"} <= resets()
    assert window.articles_model.rowCount() == 4


def test_another_windows_write_is_picked_up_without_relaying_the_panes(window, qtbot, library_path, relaid):
    area = window.comparison
    panes, comparison = list(area.panes), area.comparison
    pane = panes[2]
    other = open_library(library_path)
    try:
        other.create_story("Written elsewhere")
        note, _ = annotate(other, pane.article_id, "Kaspersky", tags=["elsewhere"])
    finally:
        other.close()
    qtbot.waitUntil(lambda: any(t.startswith("Written elsewhere") for t in row_texts(window.stories_model)),
                    timeout=5000)  # the watch looks once a second
    assert "changed by another Parallax window" in window.statusBar().currentMessage()
    assert note in window.annotations_panel.visible_ids()
    assert window.annotations_panel.tag_filter.findData("elsewhere") >= 0
    assert [a.id for a in area.annotations[pane.article_id]] == [note]
    # the story's articles did not change: same panes, same comparison
    assert relaid == [] and area.panes == panes and area.comparison is comparison


def test_boilerplate_restored_by_another_window_updates_that_pane_and_compares_again(window, qtbot, library_path):
    area = window.comparison
    pane = next(p for p in area.panes if p.outlet.fullText().endswith("BITDEFENDER"))
    words, span = pane.article.word_count, pane.article.boilerplate[0]
    other = open_library(library_path)
    try:
        other.set_boilerplate_active(span.id, False)
    finally:
        other.close()
    with qtbot.waitSignal(window.comparison_finished, timeout=20_000):
        pass  # the watch notices within a second; the comparison follows
    assert area.pane_for(pane.article_id).article.word_count == words + 3
    assert window.articles_model.article_at(window.articles_model.row_of(pane.article_id)).word_count == words + 3


def test_the_open_story_deleted_by_another_window_leaves_the_library_open(window, qtbot, library_path):
    story_id = window.current_story_id
    other = open_library(library_path)
    try:
        other.delete_story(story_id)
    finally:
        other.close()
    qtbot.waitUntil(lambda: window.current_story_id == ALL_ARTICLES, timeout=5000)
    assert window.windowTitle() == "Parallax — Library"
    assert window.comparison.panes == [] and window.comparison.currentWidget() is window.comparison.hint
    assert window.library.articles_heading.text() == "All articles (5)"
    assert window.stories_model.rowCount() == 1


def test_an_import_refreshes_the_lists_and_is_not_taken_for_another_windows(window, qtbot, tmp_path):
    window.open_story(ALL_ARTICLES)
    path = tmp_path / "wire.txt"
    path.write_text("Wire report: Kaspersky confirms the US exit.\n\nSecond paragraph.")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.start_import([str(path)])
    assert window.articles_model.rowCount() == 6
    assert window.library.articles_heading.text() == "All articles (6)"
    assert not window.watch.check()  # the import's own connection: absorbed, not news from elsewhere
    assert window.statusBar().currentMessage() == "Import: 1 added"

    story_id = window.new_story("Wire")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.start_import([str(path)])  # already in the library: joins the story
    assert "Wire  (1)" in row_texts(window.stories_model)
    assert [p.article_id for p in window.comparison.panes] == list(window.store.story(story_id).article_ids)
    assert window.articles_model.rowCount() == 1


def test_the_tag_manager_follows_changes_made_elsewhere(window, qtbot, library_path):
    manager = window.tags.show_manager()
    qtbot.waitExposed(manager)
    assert not manager.index_of("elsewhere").isValid()
    other = open_library(library_path)
    try:
        annotate(other, window.comparison.panes[0].article_id, "Kaspersky", tags=["elsewhere"])
    finally:
        other.close()
    qtbot.waitUntil(lambda: manager.index_of("elsewhere").isValid(), timeout=5000)
