"""The annotations sidebar on a real library: listing, search, filters, scope, activation, editing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from desktop.core.annotating import annotate
from desktop.core.library import bundled_story_name, import_paths, open_library
from desktop.ui.annotations_panel import (
    ANNOTATION_ID_ROLE,
    ARTICLE_ID_ROLE,
    ORPHANED,
    AnnotationsModel,
    AnnotationsPanel,
    DirectActions,
    parse_tags,
)


@pytest.fixture
def store(tmp_path):
    store = open_library(tmp_path / "l.sqlite")
    yield store
    store.close()


@pytest.fixture
def story(store):
    return store.story_by_name(bundled_story_name())


def _quote(store, article_id: int, line: int = 0) -> str:
    """The first words of the article's ``line``-th non-empty line, as they stand in the text."""
    lines = [l.strip() for l in store.article(article_id).text.splitlines() if len(l.strip()) > 20]
    return lines[line][:40].rsplit(" ", 1)[0]


@pytest.fixture
def annotated(store, story):
    """Three annotations on the bundled story: ids by name."""
    a1, a2 = story.article_ids[0], story.article_ids[1]
    ids = {}
    ids["first"], _ = annotate(store, a1, _quote(store, a1), note="Layoffs confirmed\nsecond line",
                               tags=["layoffs"], color="yellow")
    ids["second"], _ = annotate(store, a2, _quote(store, a2), note="Compare with the ban date",
                                tags=["ban", "dates"], color="green")
    ids["third"], _ = annotate(store, a2, _quote(store, a2, line=2), note="", tags=[], color="blue")
    return ids


@pytest.fixture
def names(story):
    return {article_id: f"A{i + 1} · Outlet {i + 1}" for i, article_id in enumerate(story.article_ids)}


@pytest.fixture
def panel(qtbot, store, story, names, annotated):
    panel = AnnotationsPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 520)
    panel.set_store(store)
    panel.set_story(story.id, names)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _texts(panel) -> list[str]:
    return [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]


def _ids(panel) -> list[int]:
    return [panel.model.index(r, 0).data(ANNOTATION_ID_ROLE) for r in range(panel.model.rowCount())]


def _click_row(qtbot, panel, row: int) -> None:
    rect = panel.view.visualRect(panel.model.index(row, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_model_passes_qtmodeltester(qapp, qtmodeltester, store, annotated, names):
    model = AnnotationsModel()
    model.set_annotations(store.annotations(), names)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    index = model.index(0, 0)
    assert index.data(ANNOTATION_ID_ROLE) == annotated["first"]
    assert index.data(ARTICLE_ID_ROLE) == store.annotation(annotated["first"]).article_id
    assert "second line" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "second line" not in index.data()  # only the note's first line is listed
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()


def test_orphaned_annotation_says_so(qapp, store, annotated, names):
    store.update_annotation(annotated["third"], orphaned=True)
    model = AnnotationsModel()
    model.set_annotations(store.annotations(), names)
    row = model.row_of(annotated["third"])
    assert ORPHANED in model.index(row, 0).data()
    assert ORPHANED not in model.index(model.row_of(annotated["first"]), 0).data()


def test_panel_lists_story_annotations_with_quote_tags_and_article(panel, store, annotated):
    texts = _texts(panel)
    assert len(texts) == 3
    first = texts[_ids(panel).index(annotated["first"])]
    assert store.annotation(annotated["first"]).exact.split()[0] in first
    assert "Layoffs confirmed" in first
    assert "#layoffs" in first
    assert "A1 · Outlet 1" in first
    assert "#ban #dates" in texts[_ids(panel).index(annotated["second"])]
    assert panel.count.text().startswith("3 annotations")


def test_search_finds_by_note_word(qtbot, panel, annotated):
    panel.search.setText("compare")
    assert _ids(panel) == [annotated["second"]]
    panel.search.setText("layoff")  # prefixes match
    assert _ids(panel) == [annotated["first"]]
    panel.search.clear()
    assert len(_ids(panel)) == 3


def test_tag_and_colour_filters_narrow_the_list(panel, annotated):
    tags = [panel.tag_filter.itemData(i) for i in range(panel.tag_filter.count())]
    assert panel.tag_filter.itemText(0) == "All tags"
    assert set(tags[1:]) == {"layoffs", "ban", "dates"}
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("ban"))
    assert _ids(panel) == [annotated["second"]]
    panel.tag_filter.setCurrentIndex(0)
    assert panel.color_filter.itemText(0) == "All colours"
    panel.color_filter.setCurrentIndex(panel.color_filter.findData("blue"))
    assert _ids(panel) == [annotated["third"]]
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("layoffs"))
    assert _ids(panel) == []  # filters combine
    assert panel.count.text().startswith("0 annotations")


def test_scope_toggle_shows_other_stories_only_in_library_scope(tmp_path, panel, store, annotated):
    path = tmp_path / "other.txt"
    path.write_text("A different event entirely.\n\nThe river flooded the old town on Monday.\n",
                    encoding="utf-8")
    report = import_paths(store, [path], story="Floods")
    assert report.ok, report.failures
    other_article = report.article_ids[0]
    other_id, _ = annotate(store, other_article, "river flooded", note="flood note", tags=["floods"])
    panel.refresh()
    assert other_id not in _ids(panel)
    panel.search.setText("flood")
    assert _ids(panel) == []  # search stays inside the story too
    panel.scope_button.click()
    assert panel.scope_button.isChecked()
    assert _ids(panel) == [other_id]
    panel.search.clear()
    assert set(_ids(panel)) == {*annotated.values(), other_id}
    row = panel.model.row_of(other_id)
    assert "A different event" in panel.model.index(row, 0).data()  # the article's title stands in
    assert "in the library" in panel.count.text()
    panel.scope_button.click()
    assert other_id not in _ids(panel)


def test_no_story_lists_the_whole_library(qtbot, store, annotated):
    panel = AnnotationsPanel(store)
    qtbot.addWidget(panel)
    panel.set_story(None, {})
    assert set(_ids(panel)) == set(annotated.values())
    assert not panel.scope_button.isEnabled()


def test_clicking_a_row_emits_annotation_activated(qtbot, panel, annotated):
    row = panel.model.row_of(annotated["second"])
    with qtbot.waitSignal(panel.annotation_activated, timeout=1000) as blocker:
        _click_row(qtbot, panel, row)
    assert blocker.args == [annotated["second"]]
    assert panel.selected_id() == annotated["second"]


def test_enter_emits_annotation_activated(qtbot, panel, annotated):
    panel.select_annotation(annotated["third"])
    panel.view.setFocus()
    with qtbot.waitSignal(panel.annotation_activated, timeout=1000) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert blocker.args == [annotated["third"]]


def test_select_annotation_does_not_echo(qtbot, panel, annotated):
    with qtbot.assertNotEmitted(panel.annotation_activated):
        assert panel.select_annotation(annotated["first"])
    assert panel.selected_id() == annotated["first"]
    assert not panel.select_annotation(999999)
    assert panel.selected_id() is None


def test_delete_key_deletes_via_direct_actions(qtbot, panel, store, annotated):
    assert isinstance(panel.actions, DirectActions)
    panel.select_annotation(annotated["second"])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert annotated["second"] not in _ids(panel)
    assert annotated["second"] not in [a.id for a in store.annotations()]
    assert panel.count.text().startswith("2 annotations")


def test_refresh_keeps_the_selected_id(panel, store, story, annotated):
    panel.select_annotation(annotated["third"])
    # a new annotation sorted before it moves its row
    a2 = story.article_ids[1]
    annotate(store, story.article_ids[0], _quote(store, story.article_ids[0], line=3), note="new")
    store.update_annotation(annotated["third"], note="edited elsewhere")
    panel.refresh()
    assert panel.selected_id() == annotated["third"]
    assert "edited elsewhere" in panel.model.index(panel.model.row_of(annotated["third"]), 0).data()
    assert a2 == store.annotation(annotated["third"]).article_id


class RecordingActions:
    def __init__(self, store):
        self.calls = []
        self.direct = DirectActions(store)

    def edit_note(self, annotation_id, text):
        self.calls.append(("edit_note", annotation_id, text))
        return self.direct.edit_note(annotation_id, text)

    def edit_tags(self, annotation_id, names):
        self.calls.append(("edit_tags", annotation_id, names))
        return self.direct.edit_tags(annotation_id, names)

    def delete(self, annotation_id):
        self.calls.append(("delete", annotation_id))
        return self.direct.delete(annotation_id)


def test_context_menu_edits_through_injected_actions(qtbot, monkeypatch, store, story, names, annotated):
    actions = RecordingActions(store)
    panel = AnnotationsPanel(store, actions)
    qtbot.addWidget(panel)
    panel.set_story(story.id, names)
    first = annotated["first"]
    menu = panel.context_menu(first)
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == ["Edit Note…", "Edit Tags…", "Delete"]

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Rewritten note", True))
    next(a for a in menu.actions() if a.text() == "Edit Note…").trigger()
    assert actions.calls[-1] == ("edit_note", first, "Rewritten note")
    assert "Rewritten note" in panel.model.index(panel.model.row_of(first), 0).data()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (" #alpha, beta ,, Alpha", True))
    next(a for a in menu.actions() if a.text() == "Edit Tags…").trigger()
    assert actions.calls[-1] == ("edit_tags", first, ["alpha", "beta"])
    assert store.annotation(first).tags == ("alpha", "beta")
    assert "#alpha #beta" in panel.model.index(panel.model.row_of(first), 0).data()
    assert panel.tag_filter.findData("alpha") > 0  # new tags reach the filter

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("ignored", False))
    next(a for a in menu.actions() if a.text() == "Edit Tags…").trigger()
    assert actions.calls[-1][0] == "edit_tags" and len(actions.calls) == 2  # cancelled: no call

    next(a for a in menu.actions() if a.text() == "Delete").trigger()
    assert actions.calls[-1] == ("delete", first)
    assert first not in _ids(panel)


def test_parse_tags():
    assert parse_tags("a, #b,  , A ,c d") == ["a", "b", "c d"]
    assert parse_tags("") == []


def test_screenshot(qtbot, panel, store, annotated):
    store.update_annotation(annotated["third"], orphaned=True)
    panel.refresh()
    panel.select_annotation(annotated["second"])
    qtbot.wait(50)
    assert panel.grab().save("/tmp/annotations_panel.png")
