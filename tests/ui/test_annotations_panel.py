"""The annotations sidebar on a real library: listing, search, filters, scope, activation, editing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from desktop.core.library import bundled_story_name, import_paths, open_library
from desktop.core.notes.annotating import annotate
from desktop.ui.notes.annotations_panel import AnnotationsPanel
from desktop.ui.notes.note_editing import DirectActions, parse_tags
from desktop.ui.notes.notes_model import ANNOTATION_ID_ROLE, ARTICLE_ID_ROLE, ORPHANED, AnnotationsModel


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
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Edit Note…", "Edit Tags…", "Link to…", "Cite", "Delete"]  # "Remove Link" only when it has links

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


# ------------------------------------------------------------- grouping, links, orphans, long lists

import re  # noqa: E402

from PySide6.QtGui import QUndoStack  # noqa: E402

from desktop.ui.notes.annotation_commands import (  # noqa: E402
    ConfirmOrphanCommand,
    DeleteAnnotationCommand,
    EditAnnotationCommand,
    LinkAnnotationsCommand,
    UnlinkAnnotationsCommand,
)
from desktop.ui.notes.notes_filters import ORPHANS_FILTER  # noqa: E402
from desktop.ui.notes.notes_model import GROUP_ROLE, IS_HEADER_ROLE, LINKS_ROLE  # noqa: E402


class StackActions:
    """Edits through undo commands on a QUndoStack, as the window routes them."""

    def __init__(self, store, stack: QUndoStack, refresh):
        self.store, self.stack, self.apply = store, stack, lambda _changes: refresh()

    def edit_note(self, annotation_id, text):
        self.stack.push(EditAnnotationCommand(self.store, self.apply, annotation_id, note=text))

    def edit_tags(self, annotation_id, names):
        self.stack.push(EditAnnotationCommand(self.store, self.apply, annotation_id, tags=tuple(names)))

    def delete(self, annotation_id):
        self.stack.push(DeleteAnnotationCommand(self.store, self.apply, annotation_id))

    def link(self, from_id, to_id, kind):
        self.stack.push(LinkAnnotationsCommand(self.store, self.apply, from_id, to_id, kind))

    def unlink(self, link_id):
        self.stack.push(UnlinkAnnotationsCommand(self.store, self.apply, link_id))

    def confirm_orphan(self, annotation_id, start, end):
        self.stack.push(ConfirmOrphanCommand(self.store, self.apply, annotation_id, start, end))


@pytest.fixture
def stack(qapp):
    return QUndoStack()


@pytest.fixture
def undoable(panel, store, stack):
    panel.set_actions(StackActions(store, stack, panel.refresh))
    return panel


def _rows(panel) -> list[tuple[str, object]]:
    """("header", group key) or ("note", annotation id) for every row the view has."""
    out = []
    for r in range(panel.model.rowCount()):
        index = panel.model.index(r, 0)
        out.append(("header", index.data(GROUP_ROLE)) if index.data(IS_HEADER_ROLE)
                   else ("note", index.data(ANNOTATION_ID_ROLE)))
    return out


def _row_text(panel, annotation_id) -> str:
    return panel.model.index(panel.model.row_of(annotation_id), 0).data()


def test_grouping_by_article_puts_each_note_under_its_article_in_pane_order(qtbot, panel, story, annotated):
    a1, a2 = story.article_ids[:2]
    panel.set_grouping("article")
    assert _rows(panel) == [("header", a1), ("note", annotated["first"]),
                            ("header", a2), ("note", annotated["second"]), ("note", annotated["third"])]
    assert panel.model.index(0, 0).data() == "▾ A1 · Outlet 1  (1)"
    assert panel.model.index(2, 0).data() == "▾ A2 · Outlet 2  (2)"
    assert "A2 · Outlet 2" not in _row_text(panel, annotated["second"])  # the header names it
    assert panel.count.text().startswith("3 annotations")
    # a click on a header folds the group, another unfolds it; the fold is not an activation
    with qtbot.assertNotEmitted(panel.annotation_activated):
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.view.visualRect(panel.model.index(2, 0)).center())
    assert _rows(panel) == [("header", a1), ("note", annotated["first"]), ("header", a2)]
    assert panel.model.index(2, 0).data() == "▸ A2 · Outlet 2  (2)"
    assert set(panel.visible_ids()) == set(annotated.values())
    panel.toggle_group(a2)
    assert len(_rows(panel)) == 5
    panel.set_grouping("none")
    assert _rows(panel) == [("note", i) for i in (annotated["first"], annotated["second"], annotated["third"])]


def test_grouping_by_tag_lists_a_note_under_each_of_its_tags_and_untagged_last(panel, store, annotated):
    store.set_annotation_tags(annotated["first"], ["layoffs", "ban"])
    panel.set_grouping("tag")
    assert _rows(panel) == [
        ("header", "ban"), ("note", annotated["first"]), ("note", annotated["second"]),
        ("header", "dates"), ("note", annotated["second"]),
        ("header", "layoffs"), ("note", annotated["first"]),
        ("header", None), ("note", annotated["third"]),
    ]
    assert panel.model.index(0, 0).data() == "▾ #ban  (2)"
    assert panel.model.index(7, 0).data() == "▾ Untagged  (1)"
    assert panel.count.text().startswith("3 annotations")  # each note counted once
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("dates"))  # filters apply before grouping
    assert _rows(panel) == [("header", "ban"), ("note", annotated["second"]),
                            ("header", "dates"), ("note", annotated["second"])]
    panel.select_annotation(annotated["second"])
    assert panel.selected_id() == annotated["second"]


def test_grouped_lazy_model_passes_qtmodeltester(qtmodeltester, panel):
    panel.set_grouping("tag")
    qtmodeltester.check(panel.model, force_py=True)
    panel.set_grouping("article")
    qtmodeltester.check(panel.model, force_py=True)


def test_link_dialog_links_two_notes_with_undo_and_redo(qtbot, undoable, store, stack, story, annotated):
    panel = undoable
    first, second = annotated["first"], annotated["second"]
    menu = panel.context_menu(first)
    next(a for a in menu.actions() if a.text() == "Link to…").trigger()
    dialog = panel.link_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.candidate_ids() == [second, annotated["third"]]  # other articles only
    assert not dialog.link_button.isEnabled()
    dialog.filter.setText("compare")
    assert dialog.candidate_ids() == [second]
    assert dialog.select_candidate(second)
    dialog.set_kind("contradicts")
    assert dialog.link_button.isEnabled()
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    [link] = store.annotation_links(first)
    assert (link.from_id, link.to_id, link.kind) == (first, second, "contradicts")
    second_quote = store.annotation(second).exact
    assert f"↔ contradicts · A2 “{second_quote[:20]}" in _row_text(panel, first)
    assert "↔ contradicts · A1 “" in _row_text(panel, second)  # listed on both ends
    assert len(panel.model.index(panel.model.row_of(second), 0).data(LINKS_ROLE)) == 1
    assert stack.undoText() == "Link Notes (contradicts)"
    stack.undo()
    assert store.annotation_links(first) == [] and "↔" not in _row_text(panel, first)
    stack.redo()
    assert "↔ contradicts" in _row_text(panel, second)


def test_supports_reads_both_ways(panel, store, annotated):
    store.link_annotations(annotated["third"], annotated["first"], "supports")
    panel.refresh()
    assert "→ supports · A1" in _row_text(panel, annotated["third"])
    assert "← supported by · A2" in _row_text(panel, annotated["first"])


def test_remove_link_from_the_menu_and_undo(undoable, store, stack, annotated):
    panel = undoable
    first, second = annotated["first"], annotated["second"]
    store.link_annotations(first, second, "same fact")
    panel.refresh()
    menu = panel.context_menu(second)
    [remove] = [a for a in menu.actions() if a.text() == "Remove Link"]
    [entry] = remove.menu().actions()
    assert entry.text().startswith("↔ same fact · A1 “")
    entry.trigger()
    assert store.annotation_links(first) == [] and "↔" not in _row_text(panel, second)
    stack.undo()
    [link] = store.annotation_links(second)
    assert (link.from_id, link.to_id, link.kind) == (first, second, "same fact")
    assert "↔ same fact" in _row_text(panel, first)
    unlinked_menu = panel.context_menu(annotated["third"])
    assert "Remove Link" not in [a.text() for a in unlinked_menu.actions()]  # only notes with links have it


@pytest.fixture
def orphaned(tmp_path, store, panel):
    """A story "Report" whose article was re-imported with "Sept. 29" changed: one orphan, one kept."""
    path = tmp_path / "report.txt"
    text = ("Kaspersky will close its US business. The ban takes effect on Sept. 29, officials said.\n"
            "Kaspersky said fewer than 50 employees are affected.\n")
    path.write_text(text, encoding="utf-8")
    article_id = import_paths(store, [path], story="Report").article_ids[0]
    orphan_id, _ = annotate(store, article_id, "Sept. 29", note="check the date", tags=["dates"])
    kept_id, _ = annotate(store, article_id, "fewer than 50 employees")
    path.write_text(text.replace("Sept. 29, officials", "Sept. 30, officals"), encoding="utf-8")
    import_paths(store, [path])
    assert store.annotation(orphan_id).orphaned and not store.annotation(kept_id).orphaned
    story_id = store.story_by_name("Report").id
    panel.set_story(story_id, {article_id: "A1 · REPORT"})
    return {"article": article_id, "orphan": orphan_id, "kept": kept_id, "story": story_id}


def test_orphans_are_announced_and_reviewed_attach_with_undo(qtbot, undoable, store, stack, orphaned):
    panel = undoable
    assert panel.orphan_banner.isVisible()
    assert "1 note lost its place" in panel.orphan_label.text()
    assert "⚠ orphaned" in _row_text(panel, orphaned["orphan"])
    assert panel.model.index(panel.model.row_of(orphaned["orphan"]), 0).data(Qt.ItemDataRole.BackgroundRole)
    assert not panel.review.isVisible()
    qtbot.mouseClick(panel.orphan_button, Qt.MouseButton.LeftButton)  # "Review"
    assert panel.color_filter.currentData() == ORPHANS_FILTER
    assert panel.visible_ids() == [orphaned["orphan"]] and panel.selected_id() == orphaned["orphan"]
    assert panel.review.isVisible()
    assert "Sept. 30" in panel.review.found.text() and "similar" in panel.review.found.text()
    assert panel.review.attach_button.isEnabled()
    assert panel.orphan_button.text() == "Show all"

    qtbot.mouseClick(panel.review.attach_button, Qt.MouseButton.LeftButton)
    placed = store.annotation(orphaned["orphan"])
    current = store.article(orphaned["article"])
    assert not placed.orphaned and placed.exact == current.text[placed.start:placed.end]
    assert "Sept. 30" in placed.exact and placed.version_id == current.version_id
    assert (placed.note, placed.tags) == ("check the date", ("dates",))
    assert stack.undoText() == "Attach Note"
    qtbot.mouseClick(panel.orphan_button, Qt.MouseButton.LeftButton)  # "Show all"
    assert panel.color_filter.currentIndex() == 0 and not panel.orphan_banner.isVisible()
    assert "⚠" not in _row_text(panel, orphaned["orphan"])

    stack.undo()
    again = store.annotation(orphaned["orphan"])
    assert again.orphaned and again.exact == "Sept. 29"
    assert panel.orphan_banner.isVisible()
    stack.redo()
    assert not store.annotation(orphaned["orphan"]).orphaned and not panel.orphan_banner.isVisible()


def test_orphan_review_discard_with_undo(qtbot, undoable, store, stack, orphaned):
    panel = undoable
    panel.select_annotation(orphaned["kept"])
    assert not panel.review.isVisible()  # only orphans are reviewed
    panel.select_annotation(orphaned["orphan"])
    assert panel.review.isVisible()
    qtbot.mouseClick(panel.review.discard_button, Qt.MouseButton.LeftButton)
    assert orphaned["orphan"] not in panel.visible_ids()
    assert [a.id for a in store.annotations(article_id=orphaned["article"])] == [orphaned["kept"]]
    assert not panel.orphan_banner.isVisible()
    stack.undo()
    back = store.annotation(orphaned["orphan"])  # the same id again
    assert back.orphaned and back.note == "check the date" and back.tags == ("dates",)
    assert orphaned["orphan"] in panel.visible_ids() and panel.orphan_banner.isVisible()


def test_orphan_without_candidate_offers_only_discard(panel, store, orphaned):
    article = store.article(orphaned["article"])
    store.update_annotation(orphaned["orphan"], exact="zebra crossing quux", start=0, end=5)
    panel.refresh()
    panel.select_annotation(orphaned["orphan"])
    assert panel.review.isVisible() and not panel.review.attach_button.isEnabled()
    assert "No similar passage" in panel.review.found.text()
    assert article.text  # the text itself was not touched


def _many_annotations(store, story, count: int) -> list[int]:
    """``count`` annotations on every 4+-letter word of the story's articles, in one transaction."""
    ids = []
    with store.batch():
        for article_id in story.article_ids:
            text = store.article(article_id).text
            for match in re.finditer(r"\w{4,}", text):
                if len(ids) == count:
                    return ids
                s, e = match.span()
                ids.append(store.add_annotation(article_id, s, e, text[s:e], text[max(0, s - 32):s],
                                                text[e:e + 32], note=f"note {len(ids)}")[0])
    return ids


def test_library_scope_reads_only_the_rows_painted(qtbot, monkeypatch, store, story):
    monkeypatch.setattr(AnnotationsModel, "READ", 20)  # annotations read from the store at a time
    ids = _many_annotations(store, story, 450)
    panel = AnnotationsPanel(store)
    qtbot.addWidget(panel)
    panel.resize(360, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_story(story.id, {})
    panel.scope_button.setChecked(True)
    view, bar = panel.view, panel.view.verticalScrollBar()
    qtbot.waitUntil(lambda: panel.model.loaded_count() > 0)  # painted
    assert panel.model.rowCount() == 450 and panel.count.text().startswith("450 annotations in the library")
    assert panel.model.loaded_count() == 20  # only the first rows were painted, so only they were read
    bar.setValue(bar.maximum() // 2)
    qtbot.wait(10)
    view.viewport().repaint()
    middle = view.indexAt(view.viewport().rect().center()).row()
    assert 150 < middle < 300 and panel.model.loaded_count() <= 60  # the rows scrolled past: never read
    assert view.indexAt(view.viewport().rect().center()).data(ANNOTATION_ID_ROLE) == ids[middle]
    assert panel.select_annotation(ids[-1])
    assert view.viewport().rect().intersects(view.visualRect(panel.model.index(449, 0)))  # scrolled there at once
    assert panel.model.loaded_count() <= 80 and len(panel.visible_ids()) == 450
    listed = [panel.model.index(r, 0).data(ANNOTATION_ID_ROLE) for r in range(450)]
    assert listed == ids  # every row is read on demand, in list order
    panel.refresh()  # a refresh (an edit, another window) keeps the selection and the place
    assert panel.selected_id() == ids[-1]
    assert view.viewport().rect().intersects(view.visualRect(panel.model.index(449, 0)))
    panel.view.selectionModel().clear()
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    panel.refresh()
    assert bar.value() == place


def test_window_screenshot_with_grouped_notes_a_link_and_an_orphan(qtbot, window):
    """The Notes tab of a real window: grouped by article, a link listed on both ends, an orphan
    under review. Saved to /tmp/annotations_window.png to be looked at."""
    store = window.store
    story = store.stories()[0]
    a1, a2, a3 = story.article_ids[:3]
    first, _ = annotate(store, a1, _quote(store, a1), note="Layoffs confirmed", tags=["layoffs"], color="yellow")
    second, _ = annotate(store, a2, _quote(store, a2), note="Compare with the ban date", tags=["ban", "dates"],
                         color="green")
    third, _ = annotate(store, a3, _quote(store, a3, line=1), note="", tags=["dates"], color="blue")
    lost, _ = annotate(store, a2, _quote(store, a2, line=2), note="Where did this go?", color="pink")
    store.link_annotations(first, second, "contradicts")
    quote = store.annotation(lost).exact
    store.update_annotation(lost, orphaned=True, exact=quote.replace(quote.split()[1], "formerly", 1))
    window.refresh_annotations()
    panel = window.annotations_panel
    window.sidebar_tabs.setCurrentWidget(panel)
    panel.set_grouping("article")
    assert panel.select_annotation(lost)
    qtbot.wait(50)
    assert set(panel.visible_ids()) == {first, second, third, lost}
    assert "↔ contradicts · A2" in _row_text(panel, first)
    assert "↔ contradicts · A1" in _row_text(panel, second)
    assert panel.orphan_banner.isVisible() and panel.review.isVisible()
    assert panel.review.attach_button.isEnabled()  # the passage it came from is the candidate
    assert window.grab().save("/tmp/annotations_window.png")
    assert panel.grab().save("/tmp/annotations_window_panel.png")


def test_actions_without_link_methods_still_link_through_the_store(panel, store, annotated):
    panel.set_actions(RecordingActions(store))  # only edit_note, edit_tags, delete
    assert panel.link(annotated["first"], annotated["second"], "supports")
    [link] = store.annotation_links(annotated["first"])
    assert panel.unlink(link.id) and store.annotation_links(annotated["first"]) == []


def test_link_dialog_says_why_its_list_is_empty(qtbot, store, story, annotated):
    from desktop.ui.notes.link_dialog import LinkDialog

    first_article = story.article_ids[0]
    for other in (annotated["second"], annotated["third"]):  # no note left in another article
        store.delete_annotation(other)
    dialog = LinkDialog(store, annotated["first"], story.article_ids)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.candidate_ids() == [] and not dialog.view.isVisible()
    assert "No notes in other articles yet" in dialog.empty.text() and dialog.empty.isVisible()
    assert not dialog.link_button.isEnabled()

    second, _ = annotate(store, story.article_ids[1], _quote(store, story.article_ids[1]))
    dialog.refresh()
    assert dialog.candidate_ids() == [second] and dialog.view.isVisible() and not dialog.empty.isVisible()
    qtbot.keyClicks(dialog.filter, "zzzz")
    assert "No note matches “zzzz”" in dialog.empty.text()
    assert first_article not in dialog.candidate_ids()


def test_a_reworded_passage_is_flagged_shown_word_by_word_and_accepted_with_undo(qtbot, undoable, store, stack,
                                                                               tmp_path):
    panel = undoable
    path = tmp_path / "protest.txt"
    text = ("The strike began at dawn. Officials said more than 170 people were detained across the city "
            "on the first day of the protests, and the police chief defended the arrests.\n")
    path.write_text(text, encoding="utf-8")
    article_id = import_paths(store, [path], story="Protest").article_ids[0]
    note, _ = annotate(store, article_id, "more than 170 people were detained across the city", note="count")
    path.write_text(text.replace("more than 170", "more than 260"), encoding="utf-8")
    import_paths(store, [path])
    panel.set_story(store.story_by_name("Protest").id, {article_id: "A1 · PROTEST"})

    assert panel.orphan_banner.isVisible()
    assert "1 note found its passage reworded" in panel.orphan_label.text()
    assert "⚠ words changed" in _row_text(panel, note)
    qtbot.mouseClick(panel.orphan_button, Qt.MouseButton.LeftButton)  # "Review"
    assert panel.visible_ids() == [note] and panel.review.isVisible()
    assert "<s style='color:#8a1f11'>170</s>" in panel.review.was.text()
    assert "<b style='background:#ffe08a'>260</b>" in panel.review.found.text()
    assert panel.review.attach_button.text() == "Accept new words"
    assert store.annotation(note).exact.startswith("more than 170")  # nothing rewritten yet

    qtbot.mouseClick(panel.review.attach_button, Qt.MouseButton.LeftButton)
    accepted = store.annotation(note)
    assert (accepted.changed, accepted.exact[:13], accepted.note) == (False, "more than 260", "count")
    stack.undo()
    back = store.annotation(note)
    assert back.changed and back.exact.startswith("more than 170")
    assert panel.orphan_banner.isVisible()
