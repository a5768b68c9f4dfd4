"""The tag manager as a tree, driven like a reader: nested rows, F2 inside a parent, Move To…, drag and
drop, merge and delete of whole branches, memos, all undone with Ctrl+Z; autocomplete proposes paths."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.core.notes.annotating import annotate
from desktop.ui.notes.tag_input import TagLineEdit
from desktop.ui.notes.tag_manager import NAME_ROLE, TagManagerDialog
from desktop.ui.notes.tag_tree import MIME_TYPE, TagTreeModel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture
def tree(library):
    story = library.stories()[0]
    a1, a2, a3 = story.article_ids[:3]
    ids = {
        "one": annotate(library, a1, "Kaspersky", tags=["people/spokesperson", "sanctions"])[0],
        "two": annotate(library, a2, "Kaspersky", tags=["people/ceo", "people/spokesperson"])[0],
        "three": annotate(library, a3, "Kaspersky", tags=["sources/spokesperson", "sources/analyst"])[0],
    }
    library.set_tag_color("people", "#4a90d9")
    library.set_tag_memo("people/spokesperson", "Who speaks for a company.")
    return library, ids


@pytest.fixture
def manager(qtbot, tree):
    store, _ids = tree
    dialog = TagManagerDialog(store, QUndoStack(), lambda changes: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.confirm = lambda title, text: True
    yield dialog
    dialog.close()


def snapshot(store):
    return {t.name: store.tag_assignments(t.name) for t in store.tags()}


def rows(dialog, parent=None):
    """(leaf, children's rows) of the tree as the view shows it."""
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    proxy = dialog.proxy
    return [(proxy.index(r, 0, parent).data(), rows(dialog, proxy.index(r, 0, parent)))
            for r in range(proxy.rowCount(parent))]


def test_tree_model_passes_qt_checks(qapp, qtmodeltester, tree):
    model = TagTreeModel()
    model.set_tags(tree[0].tags())
    qtmodeltester.check(model)
    model.set_tags([])
    qtmodeltester.check(model)


def test_the_manager_shows_the_tree_with_memo_and_paths(qtbot, manager):
    assert rows(manager) == [
        ("people", [("ceo", []), ("spokesperson", [])]),
        ("sanctions", []),
        ("sources", [("analyst", []), ("spokesperson", [])]),
    ]
    index = manager.index_of("people/spokesperson")
    assert index.data(NAME_ROLE) == "people/spokesperson"
    assert "Who speaks for a company." in index.data(Qt.ItemDataRole.ToolTipRole)
    manager.select_names(["people/spokesperson"])
    assert manager.memo_label.isVisible() and "Who speaks" in manager.memo_label.text()
    qtbot.keyClicks(manager.filter_box, "analy")
    assert rows(manager) == [("sources", [("analyst", [])])]  # the tag above a match stays


def test_f2_renames_inside_the_parent_and_undo(qtbot, manager, tree):
    store, ids = tree
    manager.select_names(["people/ceo"])
    manager.view.setFocus()
    qtbot.keyClick(manager.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "ceo"
    editor.selectAll()
    qtbot.keyClicks(editor, "chief executive")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "people/chief executive" in [t.name for t in store.tags()])
    assert store.annotation(ids["two"]).tags == ("people/chief executive", "people/spokesperson")
    assert manager.selected_names() == ["people/chief executive"]
    manager.undo_stack.undo()
    assert store.annotation(ids["two"]).tags == ("people/ceo", "people/spokesperson")


def test_rename_of_a_parent_and_move_to_another_undo_exactly(manager, tree):
    store, ids = tree
    before = snapshot(store)
    assert manager.rename_tag("people", "persons")
    assert manager.undo_stack.undoText() == "Rename Tag"
    assert store.annotation(ids["one"]).tags == ("persons/spokesperson", "sanctions")
    manager.undo_stack.undo()
    assert snapshot(store) == before

    manager.select_names(["sanctions", "people/ceo"])
    offered = []
    manager.choose_parent = lambda names, places: offered.append((names, places)) or "topics/money"
    assert manager.move_selected()
    assert "people" in offered[0][1] and "people/ceo" not in offered[0][1]  # not inside itself
    names = [t.name for t in store.tags()]
    assert {"topics", "topics/money", "topics/money/sanctions", "topics/money/ceo"} <= set(names)
    assert manager.undo_stack.undoText() == "Move Tags"
    manager.undo_stack.undo()  # one step for the whole move, and the new "topics/money" is gone
    assert snapshot(store) == before


def test_dragging_a_tag_onto_another_moves_it(qtbot, manager, tree):
    store, ids = tree
    data = QMimeData()
    data.setData(MIME_TYPE, b"sanctions")
    parent = manager.model.index_of("people")
    manager.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, parent)
    qtbot.waitUntil(lambda: "people/sanctions" in [t.name for t in store.tags()])
    assert store.annotation(ids["one"]).tags == ("people/sanctions", "people/spokesperson")


def test_merge_of_branches_and_undo_restore_everything_inside(manager, tree):
    store, ids = tree
    before = snapshot(store)
    manager.select_names(["people", "sources"])
    manager.choose_merge_target = lambda names: "people"
    assert manager.merge_selected()
    tags = {t.name: t for t in store.tags()}
    assert "sources" not in tags and tags["people/spokesperson"].count == 3 and "people/analyst" in tags
    assert store.annotation(ids["three"]).tags == ("people/analyst", "people/spokesperson")
    manager.undo_stack.undo()
    assert snapshot(store) == before
    manager.undo_stack.redo()
    assert "sources" not in [t.name for t in store.tags()]


def test_deleting_a_parent_asks_about_what_is_inside_and_undo(manager, tree):
    store = tree[0]
    before = snapshot(store)
    asked = []
    manager.confirm = lambda title, text: asked.append(text) or True
    manager.select_names(["people"])
    assert manager.delete_selected()
    assert "and the 2 tags inside it" in asked[0] and "3 annotations" in asked[0]
    assert [t.name for t in store.tags()] == ["sanctions", "sources", "sources/analyst", "sources/spokesperson"]
    manager.undo_stack.undo()
    assert snapshot(store) == before


def test_memo_is_undoable(manager, tree):
    store = tree[0]
    manager.select_names(["sanctions"])
    manager.ask_memo = lambda name, current: "Trade and export restrictions."
    assert manager.edit_memo_of_current()
    assert store.tag_assignments("sanctions").memo == "Trade and export restrictions."
    assert manager.memo_label.text() == "sanctions: Trade and export restrictions."
    manager.undo_stack.undo()
    assert store.tag_assignments("sanctions").memo == ""


def test_autocomplete_proposes_paths(qtbot, tree):
    edit = TagLineEdit(tree[0].tags())
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.setFocus()
    qtbot.keyClicks(edit, "spokes")
    assert edit.proposals() == ["people/spokesperson", "sources/spokesperson"]
    edit.clear()
    qtbot.keyClicks(edit, "people/")
    assert edit.proposals() == ["people/ceo", "people/spokesperson"]
    assert edit.tags() == ["people"]  # a trailing "/" is not a tag part


def test_window_tags_dialog_makes_paths(window, qtbot):
    store = window.store
    article_id = store.stories()[0].article_ids[0]
    window.tags.edit_article_tags(article_id)
    dialog = window.tags.last_dialog
    dialog.edit.setText("places/Moscow, places/Washington")
    dialog.accept()
    tags = {t.name: t for t in store.tags()}
    assert tags["places/Moscow"].parent == "places" and store.article_tags(article_id) == [
        "places/Moscow", "places/Washington"]
    window.undo_stack.undo()  # the tags the path created go too, when nothing else uses them
    assert store.article_tags(article_id) == [] and not [t for t in store.tags() if t.name.startswith("places")]
