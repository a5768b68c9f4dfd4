"""Tags from the main window: on a new highlight (with autocomplete), on articles and stories, and
the tag manager opened from the Edit menu; all undoable from the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.notes.annotating import annotate
from desktop.ui.notes.tag_input import TagsDialog
from tests.ui.test_annotating_ui import bitdefender, select

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def type_into_tags_dialog(qtbot, dialog: TagsDialog, text: str) -> None:
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.edit, text)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)


def test_t_after_a_selection_asks_for_tags_with_autocomplete_and_tags_the_highlight(window, qtbot):
    first = window.comparison.panes[0].article_id
    annotate(window.store, first, "Kaspersky", tags=["sanctions"])
    pane = bitdefender(window)
    select(pane, "Sept. 29")
    qtbot.keyClick(pane.view, Qt.Key.Key_T)
    dialog = window.tags.last_dialog
    assert isinstance(dialog, TagsDialog)
    qtbot.keyClicks(dialog.edit, "sanc")
    assert dialog.edit.proposals() == ["sanctions"]
    popup = dialog.edit.tag_completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.edit, ", ban date")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    [annotation] = window.store.annotations(article_id=pane.article_id)
    assert (annotation.exact, annotation.tags) == ("Sept. 29", ("ban date", "sanctions"))
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.store.annotations(article_id=pane.article_id) == []


def test_cancelling_the_tags_question_makes_no_highlight(window, qtbot):
    pane = bitdefender(window)
    select(pane, "Sept. 29")
    qtbot.keyClick(pane.view, Qt.Key.Key_T)
    qtbot.keyClick(window.tags.last_dialog.edit, Qt.Key.Key_Escape)
    assert window.store.annotations(article_id=pane.article_id) == []


def test_article_and_story_tags_from_the_menus_show_in_the_library_and_undo(window, qtbot):
    window.articles_view.setCurrentIndex(window.articles_view.model().index(0, 0))
    window.article_tags_action.trigger()
    type_into_tags_dialog(qtbot, window.tags.last_dialog, "paywalled, primary source")
    tagged = [a for a in window.store.stories()[0].article_ids if window.store.article_tags(a)]
    assert len(tagged) == 1
    assert window.store.article_tags(tagged[0]) == ["paywalled", "primary source"]
    assert window.articles_model.tags_of(tagged[0]) == ["paywalled", "primary source"]

    window.story_tags_action.trigger()
    type_into_tags_dialog(qtbot, window.tags.last_dialog, "cyber")
    story = window.current_story_id
    assert window.store.story_tags(story) == ["cyber"]
    assert window.stories_model.tags_of(story) == ["cyber"]

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.store.story_tags(story) == [] and window.stories_model.tags_of(story) == []
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.store.article_tags(tagged[0]) == []


def test_tag_manager_opens_from_the_window_and_its_changes_undo_from_the_window(window, qtbot):
    first = window.comparison.panes[0].article_id
    annotate(window.store, first, "Kaspersky", tags=["sanctions"])
    window.refresh_annotations()
    window.tags.refresh()
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL | SHIFT)
    manager = window.tags.manager
    assert manager is not None and manager.isVisible()
    manager.confirm = lambda *_args: True
    manager.delete_tags(["sanctions"])
    assert window.store.annotations(article_id=first)[0].tags == ()
    assert window.annotations_panel.tag_filter.findData("sanctions") < 0
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.store.annotations(article_id=first)[0].tags == ("sanctions",)
    assert window.annotations_panel.tag_filter.findData("sanctions") >= 0

    manager.tag_filter_requested.emit("sanctions")  # double-click on a tag
    assert window.sidebar_tabs.currentWidget() is window.annotations_panel
    assert window.annotations_panel.tag_filter.currentData() == "sanctions"


def test_a_change_the_store_refuses_leaves_nothing_to_undo_and_says_why(window, qtbot):
    first = window.comparison.panes[0].article_id
    note, _ = annotate(window.store, first, "Kaspersky")
    window.refresh_annotations()
    before = window.undo_stack.count()
    window.annotations_panel.actions.link(note, note, "supports")  # refused when done
    assert window.undo_stack.count() == before
    assert "cannot be linked to itself" in window.last_message_box.text()
    window.store.delete_annotation(note)  # as if another window deleted it
    window.annotations_panel.actions.edit_note(note, "too late")  # refused when built
    assert window.undo_stack.count() == before
    assert f"No annotation with id {note}" in window.last_message_box.text()


def test_undo_of_a_note_another_window_deleted_says_so_and_drops_the_step(window, qtbot, library_path):
    from desktop.core.library import open_library

    first = window.comparison.panes[0].article_id
    note, _ = annotate(window.store, first, "Kaspersky")
    window.refresh_annotations()
    window.annotations_panel.actions.edit_note(note, "mine")
    assert window.undo_stack.canUndo()
    other = open_library(library_path)
    try:
        other.delete_annotation(note)
    finally:
        other.close()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # no traceback: a message, and the step is gone
    assert "Cannot undo" in window.last_message_box.windowTitle()
    assert f"No annotation with id {note}" in window.last_message_box.text()
    assert not window.undo_stack.canRedo()
