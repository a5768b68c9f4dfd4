"""Library > Outlet Leanings…: set outlets' leanings in the window or import a CSV, with undo; the
facts panel's leaning filter follows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop.core.library import open_library
from tests.core.stories_fixtures import save_coverage


@pytest.fixture
def ids(library_path):
    store = open_library(library_path)
    try:
        return save_coverage(store)
    finally:
        store.close()


def open_dialog(window, qtbot):
    action = window.outlet_leanings.action
    assert action in window.found_stories.menu.actions()  # in the Library menu
    action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Outlet Leanings" and w.isVisible())
    qtbot.addWidget(dialog)
    return dialog


def row_of(dialog, name: str) -> int:
    return next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == name)


def leanings(window) -> dict[str, str | None]:
    return {o.name: o.leaning for o in window.store.outlets()}


def test_setting_leanings_in_the_dialog_with_undo(make_window, ids, qtbot):
    window = make_window()
    dialog = open_dialog(window, qtbot)
    assert dialog.table.item(row_of(dialog, "Daily Planet"), 1).text() == "2"  # its articles
    qtbot.keyClicks(dialog.filter_box, "cour")
    assert [dialog.table.isRowHidden(r) for r in range(dialog.table.rowCount())].count(False) == 1
    dialog.menus[row_of(dialog, "The Courier")].setCurrentText("lean left")
    dialog.menus[row_of(dialog, "Daily Planet")].setCurrentText("right")
    dialog.accept()
    assert leanings(window)["The Courier"] == "lean left" and leanings(window)["Daily Planet"] == "right"
    assert {o.name: o.origin for o in window.store.outlets()}["The Courier"] == "reader"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert leanings(window)["The Courier"] is None and leanings(window)["Daily Planet"] is None


def test_cancel_changes_nothing(make_window, ids, qtbot):
    window = make_window()
    dialog = open_dialog(window, qtbot)
    dialog.menus[row_of(dialog, "Evening Star")].setCurrentText("left")
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert leanings(window)["Evening Star"] is None
    assert not window.undo_stack.canUndo() or window.undo_stack.undoText() != "Set Outlet Leanings"


def test_importing_a_csv_keeps_hand_edits_and_names_bad_lines(make_window, ids, qtbot, tmp_path):
    window = make_window()
    dialog = open_dialog(window, qtbot)
    dialog.menus[row_of(dialog, "Evening Star")].setCurrentText("center")  # not applied yet
    bad = tmp_path / "bad.csv"
    bad.write_text("outlet,leaning\nDaily Planet,leftish\n", encoding="utf-8")
    assert not dialog.import_file(str(bad))
    assert "bad.csv:2" in dialog.message.text() and "leftish" in dialog.message.text()
    assert leanings(window)["Daily Planet"] is None  # nothing written
    good = tmp_path / "ratings.csv"
    good.write_text("outlet,leaning\nDaily Planet,Lean Left\nThe Courier,Right\nNowhere Times,Left\n", encoding="utf-8")
    assert dialog.import_file(str(good))
    assert "2 outlets set from 3 rows" in dialog.message.text() and "1 outlets of the file" in dialog.message.text()
    assert dialog.menus[row_of(dialog, "Daily Planet")].currentText() == "lean left"
    assert dialog.menus[row_of(dialog, "Evening Star")].currentText() == "center"  # the hand edit survived
    dialog.accept()
    assert leanings(window) | {} == {**leanings(window), "Daily Planet": "lean left", "The Courier": "right",
                                     "Evening Star": "center"}
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the hand edit
    assert leanings(window)["Evening Star"] is None and leanings(window)["Daily Planet"] == "lean left"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the import
    assert leanings(window)["Daily Planet"] is None and leanings(window)["The Courier"] is None
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo the import
    assert leanings(window)["Daily Planet"] == "lean left"
    assert {o.name: o.origin for o in window.store.outlets()}["Daily Planet"] == "ratings.csv"  # still from the file
