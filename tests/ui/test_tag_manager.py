"""The tag manager driven like a reader: select rows, F2 and type, Del, merge, colour, Ctrl+Z.

Also the undoable tag commands themselves, and the library lists showing article and story tags.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.core.models import Changes
from desktop.core.notes.annotating import annotate
from desktop.ui.library.library_models import TAGS_ROLE, ArticlesModel, StoriesModel
from desktop.ui.notes.tag_commands import (
    DeleteTagCommand,
    MergeTagsCommand,
    RenameTagCommand,
    SetArticleTagsCommand,
    SetStoryTagsCommand,
    SetTagColorCommand,
)
from desktop.ui.notes.tag_manager import NAME_ROLE, TagManagerDialog, TagTreeModel


@pytest.fixture
def tagged(library):
    """The bundled story with annotations, article and story tags, and two coloured tags."""
    story = library.stories()[0]
    a1, a2, a3 = story.article_ids[:3]
    ids = {
        "one": annotate(library, a1, "Kaspersky", tags=["company", "US government"])[0],
        "two": annotate(library, a2, "Kaspersky", tags=["company", "sanctions"])[0],
        "three": annotate(library, a3, "Kaspersky", tags=["Company", "to check"])[0],
    }
    library.set_article_tags(a1, ["to check", "biased"])
    library.set_story_tags(story.id, ["important", "sanctions"])
    library.set_tag_color("company", "#4a90d9")
    library.set_tag_color("sanctions", "#e06666")
    return library, story, ids


@pytest.fixture
def manager(qtbot, tagged):
    store, _story, _ids = tagged
    stack = QUndoStack()
    applied: list[Changes] = []
    dialog = TagManagerDialog(store, stack, applied.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.applied = applied
    dialog.asked = []  # (title, text) of every confirmation, answered yes unless a test says no
    dialog.confirm = lambda title, text: dialog.asked.append((title, text)) or True
    yield dialog
    dialog.close()  # before the library closes: a hidden manager reads nothing


def shown_rows(dialog) -> list[tuple[str, ...]]:
    proxy = dialog.proxy
    return [tuple(proxy.index(r, c).data() for c in range(proxy.columnCount())) for r in range(proxy.rowCount())]


def snapshot(store):
    """Every tag with its colour and exactly what carries it."""
    return {t.name: store.tag_assignments(t.name) for t in store.tags()}


def select(qtbot, dialog, name, modifier=Qt.KeyboardModifier.NoModifier):
    rect = dialog.view.visualRect(dialog.index_of(name))
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_table_model_passes_qt_checks(qapp, qtmodeltester, tagged):
    model = TagTreeModel()
    model.set_tags(tagged[0].tags())
    qtmodeltester.check(model)


def test_table_shows_every_tag_with_its_counts(manager):
    assert shown_rows(manager) == [
        ("biased", "–", "1", "–"),
        ("company", "3", "–", "–"),
        ("important", "–", "–", "1"),
        ("sanctions", "1", "–", "1"),
        ("to check", "1", "1", "–"),
        ("US government", "1", "–", "–"),
    ]
    assert manager.status.text().startswith("6 tags")
    assert "1 annotation and 1 story" in manager.index_of("sanctions").data(Qt.ItemDataRole.ToolTipRole)


def test_filter_box_narrows_the_list(qtbot, manager):
    qtbot.keyClicks(manager.filter_box, "AN")
    assert [row[0] for row in shown_rows(manager)] == ["company", "important", "sanctions"]
    assert "3 shown" in manager.status.text()
    manager.filter_box.clear()
    assert manager.proxy.rowCount() == 6


def test_f2_renames_in_place_and_ctrl_z_undoes_it(qtbot, manager, tagged):
    store, _story, ids = tagged
    select(qtbot, manager, "to check")
    qtbot.keyClick(manager.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "to check"
    editor.selectAll()
    qtbot.keyClicks(editor, "verify")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "verify" in [t.name for t in store.tags()])
    assert store.annotation(ids["three"]).tags == ("company", "verify")
    assert manager.selected_names() == ["verify"]  # the renamed tag stays selected
    assert manager.undo_stack.undoText() == "Rename Tag"
    assert manager.applied[-1].touches("tags")

    qtbot.keyClick(manager.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.name for t in store.tags()].count("to check") == 1
    assert store.article_tags(tagged[1].article_ids[0]) == ["biased", "to check"]
    assert "to check" in [row[0] for row in shown_rows(manager)]  # the table followed the undo
    qtbot.keyClick(manager.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert store.annotation(ids["three"]).tags == ("company", "verify")


def test_escape_cancels_an_inline_rename(qtbot, manager, tagged):
    select(qtbot, manager, "biased")
    qtbot.keyClick(manager.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "neutral")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert "biased" in [t.name for t in tagged[0].tags()] and manager.undo_stack.count() == 0


def test_rename_onto_an_existing_tag_merges_after_asking_and_undo_separates(qtbot, manager, tagged):
    store, _story, ids = tagged
    before = snapshot(store)
    manager.confirm = lambda title, text: manager.asked.append((title, text)) or False
    assert not manager.rename_tag("sanctions", "COMPANY")  # the reader said no
    assert snapshot(store) == before and manager.undo_stack.count() == 0
    assert "already a tag “company” (3 annotations)" in manager.asked[-1][1]

    manager.confirm = lambda title, text: True
    select(qtbot, manager, "sanctions")
    qtbot.keyClick(manager.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "COMPANY")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "sanctions" not in [t.name for t in store.tags()])
    assert manager.undo_stack.undoText() == "Merge Tags"
    info = store.tag_assignments("company")
    assert (info.count, info.stories, info.color) == (3, 1, "#4a90d9")
    assert store.annotation(ids["two"]).tags == ("company",)

    manager.undo_stack.undo()
    assert snapshot(store) == before  # both tags, exact assignments and colours
    assert store.annotation(ids["two"]).tags == ("company", "sanctions")
    manager.undo_stack.redo()
    assert "sanctions" not in [t.name for t in store.tags()]


def test_merge_selected_tags_and_undo_restores_exact_assignments(qtbot, manager, tagged):
    store, story, ids = tagged
    before = snapshot(store)
    select(qtbot, manager, "sanctions")
    select(qtbot, manager, "to check", Qt.KeyboardModifier.ControlModifier)
    select(qtbot, manager, "US government", Qt.KeyboardModifier.ControlModifier)
    assert manager.selected_names() == ["sanctions", "to check", "US government"]
    assert manager.merge_action.isEnabled()
    offered = []
    manager.choose_merge_target = lambda names: offered.append(names) or "policy"
    manager.merge_action.trigger()
    assert offered == [["sanctions", "to check", "US government"]]
    policy = store.tag_assignments("policy")
    assert (policy.count, policy.articles, policy.stories, policy.color) == (3, 1, 1, "#e06666")
    assert [row for row in shown_rows(manager) if row[0] == "policy"] == [("policy", "3", "1", "1")]
    assert manager.selected_names() == ["policy"]
    assert store.story_tags(story.id) == ["important", "policy"]

    manager.undo_stack.undo()
    assert snapshot(store) == before
    assert store.annotation(ids["one"]).tags == ("company", "US government")
    manager.undo_stack.redo()
    assert [t.name for t in store.tags()] == ["biased", "company", "important", "policy"]


def test_merge_into_one_of_the_selected_tags(qtbot, manager, tagged):
    store = tagged[0]
    before = snapshot(store)
    manager.select_names(["company", "to check"])
    manager.choose_merge_target = lambda names: "to check"
    assert manager.merge_selected()
    info = store.tag_assignments("to check")
    assert (info.count, info.articles, info.color) == (3, 1, "#4a90d9")
    manager.undo_stack.undo()
    assert snapshot(store) == before
    manager.choose_merge_target = lambda names: None  # cancelled
    assert not manager.merge_selected() and manager.undo_stack.index() == 0


def test_delete_key_asks_with_counts_and_undo_restores_every_assignment(qtbot, manager, tagged):
    store, story, ids = tagged
    before = snapshot(store)
    select(qtbot, manager, "sanctions")
    manager.view.setFocus()
    qtbot.keyClick(manager.view, Qt.Key.Key_Delete)
    title, text = manager.asked[-1]
    assert title == "Delete Tag"
    assert "“sanctions”" in text and "1 annotation and 1 story" in text
    assert "sanctions" not in [t.name for t in store.tags()]
    assert store.annotation(ids["two"]).tags == ("company",)
    assert store.story_tags(story.id) == ["important"]
    assert manager.selected_names() == ["to check"]  # the next row, ready for another Del
    assert manager.applied[-1].touches("annotation_tags")

    qtbot.keyClick(manager.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert snapshot(store) == before
    assert ("sanctions", "1", "–", "1") in shown_rows(manager)


def test_deleting_several_tags_and_declining(qtbot, manager, tagged):
    store = tagged[0]
    before = snapshot(store)
    manager.select_names(["company", "biased", "important"])
    manager.confirm = lambda title, text: manager.asked.append((title, text)) or False
    assert not manager.delete_selected()
    assert snapshot(store) == before
    assert manager.asked[-1][0] == "Delete Tags"
    assert "3 tags" in manager.asked[-1][1] and "3 annotations, 1 article and 1 story" in manager.asked[-1][1]
    manager.confirm = lambda title, text: True
    assert manager.delete_selected()
    assert [t.name for t in store.tags()] == ["sanctions", "to check", "US government"]
    manager.undo_stack.undo()
    assert snapshot(store) == before


def test_delete_key_in_the_filter_box_edits_the_filter_not_the_tags(qtbot, manager, tagged):
    manager.select_names(["biased"])
    manager.filter_box.setFocus()
    qtbot.keyClicks(manager.filter_box, "bx")
    qtbot.keyClick(manager.filter_box, Qt.Key.Key_Left)
    qtbot.keyClick(manager.filter_box, Qt.Key.Key_Delete)
    assert manager.filter_box.text() == "b"
    assert "biased" in [t.name for t in tagged[0].tags()] and manager.asked == []


def test_colour_change_and_removal_are_undoable(qtbot, manager, tagged):
    store = tagged[0]
    manager.select_names(["company", "biased"])
    offered = []
    manager.choose_color = lambda initial: offered.append(initial.name()) or QColor("#00aa00")
    assert manager.choose_color_for_selected()
    assert offered == ["#4a90d9"]  # the colour dialog starts from the current tag's colour
    assert {t.name: t.color for t in store.tags()}["biased"] == "#00aa00"
    assert {t.name: t.color for t in store.tags()}["company"] == "#00aa00"
    assert manager.set_color(["company"], None)
    assert {t.name: t.color for t in store.tags()}["company"] is None
    manager.undo_stack.undo()
    manager.undo_stack.undo()
    assert {t.name: t.color for t in store.tags()} == {
        "biased": None, "company": "#4a90d9", "important": None, "sanctions": "#e06666",
        "to check": None, "US government": None,
    }
    manager.choose_color = lambda initial: None  # the colour dialog was cancelled
    assert not manager.choose_color_for_selected()


def test_double_click_asks_to_filter_the_notes(qtbot, manager):
    rect = manager.view.visualRect(manager.index_of("important"))
    with qtbot.waitSignal(manager.tag_filter_requested) as signal:
        # a real double-click: press and release, then the double-click event
        qtbot.mouseClick(manager.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(manager.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["important"]
    assert manager.undo_stack.count() == 0  # a double-click does not start a rename


def test_refresh_shows_changes_made_elsewhere(manager, tagged):
    store, story, _ids = tagged
    annotate(store, story.article_ids[3], "Kaspersky", tags=["fresh", "company"])
    manager.select_names(["company"])
    manager.refresh()
    assert ("fresh", "1", "–", "–") in shown_rows(manager)
    assert ("company", "4", "–", "–") in shown_rows(manager)
    assert manager.selected_names() == ["company"]


def test_a_hidden_manager_catches_up_when_shown_again(qtbot, manager, tagged):
    store = tagged[0]
    manager.hide()
    manager.undo_stack.push(DeleteTagCommand(store, lambda c: None, ["biased"]))
    assert "biased" in [row[0] for row in shown_rows(manager)]  # hidden: not re-read yet
    manager.show()
    assert "biased" not in [row[0] for row in shown_rows(manager)]


def test_a_tag_deleted_elsewhere_gives_a_message_not_a_broken_undo_step(manager, tagged):
    store = tagged[0]
    store.delete_tag("biased")  # another window did it
    assert not manager.rename_tag("biased", "fair")
    assert manager.status.text().startswith("Not changed:")
    assert manager.undo_stack.count() == 0
    assert "biased" not in [row[0] for row in shown_rows(manager)]


def test_actions_follow_the_selection(manager):
    manager.select_names([])
    assert not manager.delete_action.isEnabled() and not manager.rename_action.isEnabled()
    manager.select_names(["company"])
    assert manager.rename_action.isEnabled() and not manager.merge_action.isEnabled()
    manager.select_names(["company", "biased"])
    assert manager.merge_action.isEnabled() and not manager.rename_action.isEnabled()
    assert manager.index_of("company").data(NAME_ROLE) == "company"


def test_main_window_ctrl_z_undoes_what_the_manager_did(qtbot, window):
    store = window.store
    article_id = store.stories()[0].article_ids[0]
    annotation_id, _ = annotate(store, article_id, "Kaspersky", tags=["doubt"])
    store.set_article_tags(article_id, ["doubt"])
    window.refresh_annotations()
    dialog = window.tags.show_manager()  # Edit > Tags…; the window closes it when it closes
    dialog.confirm = lambda title, text: True
    qtbot.waitExposed(dialog)
    assert dialog.delete_tags(["doubt"])
    assert store.annotation(annotation_id).tags == ()
    window.activateWindow()
    window.undo_action.trigger()  # Edit > Undo in the main window
    assert store.annotation(annotation_id).tags == ("doubt",)
    assert store.article_tags(article_id) == ["doubt"]
    assert ("doubt", "1", "1", "–") in shown_rows(dialog)  # the open manager followed


# ------------------------------------------------------------------ commands


def test_rename_command_plain_rename_round_trip(tagged):
    store, _story, ids = tagged
    stack, before = QUndoStack(), snapshot(store)
    stack.push(RenameTagCommand(store, lambda c: None, "US government", "Washington"))
    assert store.annotation(ids["one"]).tags == ("company", "Washington")
    stack.undo()
    assert snapshot(store) == before
    stack.redo()
    assert store.annotation(ids["one"]).tags == ("company", "Washington")


def test_case_only_rename_is_a_rename_not_a_merge(tagged):
    store, _story, ids = tagged
    stack, before = QUndoStack(), snapshot(store)
    command = RenameTagCommand(store, lambda c: None, "company", "Company")
    assert not command.merging and command.text() == "Rename Tag"
    stack.push(command)
    assert store.annotation(ids["one"]).tags == ("Company", "US government")
    stack.undo()
    assert snapshot(store) == before


def test_merge_command_into_an_existing_tag_restores_the_survivor_exactly(tagged):
    store, story, _ids = tagged
    stack, before = QUndoStack(), snapshot(store)
    stack.push(MergeTagsCommand(store, lambda c: None, ["important", "biased"], "sanctions"))
    info = store.tag_assignments("sanctions")
    assert (info.count, info.articles, info.stories) == (1, 1, 1)  # the story had two of them: once
    stack.undo()
    assert snapshot(store) == before
    assert store.story_tags(story.id) == ["important", "sanctions"]


def test_delete_and_colour_commands_refuse_unknown_tags_before_being_pushed(tagged):
    store = tagged[0]
    from desktop.core.errors import NotFound

    with pytest.raises(NotFound):
        DeleteTagCommand(store, lambda c: None, ["nope"])
    with pytest.raises(NotFound):
        SetTagColorCommand(store, lambda c: None, ["nope"], "red")
    with pytest.raises(ValueError):
        MergeTagsCommand(store, lambda c: None, ["company"], " ")


def test_article_and_story_tag_commands_round_trip(tagged):
    store, story, _ids = tagged
    article_id = story.article_ids[0]
    stack, before, applied = QUndoStack(), snapshot(store), []
    stack.push(SetArticleTagsCommand(store, applied.append, article_id, ["biased", "Opinion", "opinion"]))
    assert store.article_tags(article_id) == ["biased", "Opinion"]
    assert applied[-1].touches("article_tags") and applied[-1].ids == {article_id}
    stack.push(SetStoryTagsCommand(store, applied.append, story.id, ["important", "long read"]))
    assert store.story_tags(story.id) == ["important", "long read"]

    stack.undo()
    assert store.story_tags(story.id) == ["important", "sanctions"]
    stack.undo()
    assert store.article_tags(article_id) == ["biased", "to check"]
    assert snapshot(store) == before  # the tags the commands created are gone again
    stack.redo()
    stack.redo()
    assert store.article_tags(article_id) == ["biased", "Opinion"]
    assert store.story_tags(story.id) == ["important", "long read"]


def test_undoing_article_tags_keeps_a_created_tag_that_is_used_since(tagged):
    store, story, ids = tagged
    article_id = story.article_ids[1]
    stack = QUndoStack()
    stack.push(SetArticleTagsCommand(store, lambda c: None, article_id, ["fresh"]))
    store.set_annotation_tags(ids["one"], ["fresh"])  # used elsewhere meanwhile
    stack.undo()
    assert store.article_tags(article_id) == []
    assert store.tag_assignments("fresh").annotation_ids == (ids["one"],)


# --------------------------------------------------------------- library lists


def test_library_lists_show_story_and_article_tags(qapp, qtmodeltester, tagged):
    store, story, _ids = tagged
    stories, articles = StoriesModel(), ArticlesModel()
    stories.set_stories(store.stories())
    articles.set_articles(store.articles(story.id))
    stories.set_tags(store.story_tag_map())
    articles.set_tags(store.article_tag_map())
    qtmodeltester.check(stories)
    qtmodeltester.check(articles)
    row = stories.row_of(story.id)
    text = stories.data(stories.index(row))
    assert text.startswith(story.name) and text.endswith("(5)  #important #sanctions")
    assert stories.data(stories.index(row), TAGS_ROLE) == ["important", "sanctions"]
    assert "Tags: important, sanctions" in stories.data(stories.index(row), Qt.ItemDataRole.ToolTipRole)
    assert stories.data(stories.index(0), TAGS_ROLE) == []

    first = articles.row_of(story.article_ids[0])
    title = articles.article_at(first).display_title
    assert articles.data(articles.index(first, 0)) == f"{title}  #biased #to\u00a0check"
    assert "Tags: biased, to check" in articles.data(articles.index(first, 0), Qt.ItemDataRole.ToolTipRole)
    second = articles.row_of(story.article_ids[1])
    assert articles.data(articles.index(second, 0)) == articles.article_at(second).display_title

    changed = []
    articles.dataChanged.connect(lambda *args: changed.append(args))
    articles.set_tags({})
    assert changed and articles.data(articles.index(first, 0)) == title
    articles.set_articles(store.articles(story.id))  # tags are kept across a re-list
    articles.set_tags(store.article_tag_map())
    articles.set_articles(store.articles(story.id))
    assert articles.data(articles.index(first, 0), TAGS_ROLE) == ["biased", "to check"]


def test_undo_keeps_tags_another_window_set_meanwhile(tagged, library_path):
    from desktop.core.library import open_library

    store, story, ids = tagged
    stack = QUndoStack()
    stack.push(MergeTagsCommand(store, lambda c: None, ["sanctions", "to check"], "company"))
    stack.push(DeleteTagCommand(store, lambda c: None, ["biased"]))
    with open_library(library_path) as other:  # a second Parallax window on the same library
        other.set_annotation_tags(ids["one"], ["company", "US government", "Biased"])
        other.set_article_tags(story.article_ids[1], ["company"])
    stack.undo()  # the delete: "biased" comes back on its article and keeps the new annotation
    info = store.tag_assignments("biased")
    assert (info.name, info.annotation_ids) == ("biased", (ids["one"],))
    assert info.article_ids == (story.article_ids[0],)
    stack.undo()  # the merge: what it brought to "company" goes, what the other window added stays
    assert store.tag_assignments("company").annotation_ids == (ids["one"], ids["two"], ids["three"])
    assert store.tag_assignments("company").article_ids == (story.article_ids[1],)
    assert store.tag_assignments("company").story_ids == ()
    assert store.tag_assignments("sanctions").story_ids == (story.id,)
    assert store.tag_assignments("to check").article_ids == (story.article_ids[0],)
