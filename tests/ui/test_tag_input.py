"""Typing tags with autocomplete: what the completer proposes, what choosing one gives, the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.models import TagInfo
from desktop.core.notes.annotating import annotate
from desktop.ui.notes.tag_input import TagLineEdit, TagsDialog, ask_tags, split_tags

# the completer's popup on the offscreen platform: it cannot raise windows or grab the keyboard
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

KNOWN = [
    TagInfo("Company", "#4a90d9", 3),
    TagInfo("company-risk", None, 1),
    TagInfo("US government", None, 1, 1),
    TagInfo("sanctions", "#e06666", 0, 0, 2),
]


@pytest.fixture
def edit(qtbot):
    widget = TagLineEdit(KNOWN)
    qtbot.addWidget(widget)
    widget.resize(400, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def choose(qtbot, edit, downs: int = 1) -> None:
    """Pick a proposal with the keyboard: Down to it, then Return."""
    popup = edit.tag_completer.popup()
    assert popup.isVisible()
    for _ in range(downs):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_typing_proposes_known_tags_case_insensitively_anywhere_in_the_name(qtbot, edit):
    qtbot.keyClicks(edit, "COMP")
    assert edit.proposals() == ["Company", "company-risk"]
    assert edit.tag_completer.popup().isVisible()
    popup_model = edit.tag_completer.completionModel()
    assert popup_model.index(0, 0).data() == "Company  (3)"  # shown with its number of uses
    edit.clear()
    qtbot.keyClicks(edit, "gov")
    assert edit.proposals() == ["US government"]


def test_choosing_a_proposal_completes_only_the_tag_after_the_last_comma(qtbot, edit):
    qtbot.keyClicks(edit, "new idea, sanc")
    assert edit.proposals() == ["sanctions"]
    choose(qtbot, edit)
    assert edit.text() == "new idea, sanctions, "
    assert not edit.tag_completer.popup().isVisible()
    qtbot.keyClicks(edit, "risk")
    assert edit.proposals() == ["company-risk"]
    choose(qtbot, edit)
    assert edit.tags() == ["new idea", "sanctions", "company-risk"]


def test_second_proposal_and_tags_already_typed_are_not_offered_again(qtbot, edit):
    qtbot.keyClicks(edit, "company")
    choose(qtbot, edit, downs=2)
    assert edit.tags() == ["company-risk"]
    qtbot.keyClicks(edit, "comp")
    assert edit.proposals() == ["Company"]  # company-risk is already there
    qtbot.keyClick(edit.tag_completer.popup(), Qt.Key.Key_Escape)
    assert edit.text() == "company-risk, comp"


def test_no_popup_for_an_unknown_name_which_becomes_a_new_tag(qtbot, edit):
    qtbot.keyClicks(edit, "zebra")
    assert edit.proposals() == [] and not edit.tag_completer.popup().isVisible()
    qtbot.keyClicks(edit, ",  ")
    assert not edit.tag_completer.popup().isVisible()  # nothing typed yet for the next tag
    assert edit.tags() == ["zebra"]


def test_completing_a_tag_in_the_middle_keeps_the_ones_after_it(qtbot, edit):
    edit.setText("alpha, sa, omega")
    edit.setCursorPosition(len("alpha, sa"))
    qtbot.keyClicks(edit, "n")
    assert edit.proposals() == ["sanctions"]
    choose(qtbot, edit)
    assert edit.text() == "alpha, sanctions, omega"
    assert edit.cursorPosition() == len("alpha, sanctions, ")


def test_tags_are_trimmed_deduplicated_and_take_the_known_spelling(edit):
    edit.setText("  company , COMPANY,, new  one ,us GOVERNMENT, ")
    assert edit.tags() == ["Company", "new  one", "US government"]
    edit.set_tags(["b", "a", "B"])
    assert edit.text() == "b, a, " and edit.tags() == ["b", "a"]
    edit.set_tags([])
    assert edit.text() == "" and edit.tags() == []
    assert split_tags("x, ,y,X") == ["x", "y"]


def test_counts_can_be_hidden(qtbot):
    edit = TagLineEdit(KNOWN, show_counts=False)
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyClicks(edit, "sanc")
    assert edit.tag_completer.completionModel().index(0, 0).data() == "sanctions"


def test_dialog_returns_the_tags_and_enter_in_the_popup_does_not_close_it(qtbot):
    dialog = TagsDialog(None, "Tags", "Tags for this highlight:", ["US government"], KNOWN)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.edit.text() == "US government, " and dialog.edit.selectedText() == ""
    qtbot.keyClicks(dialog.edit, "compa")
    choose(qtbot, dialog.edit)
    assert dialog.isVisible()  # Return chose the proposal; it did not accept the dialog
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.tags() == ["US government", "Company"]


def test_ask_tags_with_library_tags_calls_back_on_ok_only(qtbot, library):
    article_id = library.stories()[0].article_ids[0]
    annotate(library, article_id, "Kaspersky", tags=["company"])
    answers = []
    dialog = ask_tags(None, "Article Tags", "Tags for this article:", library.article_tags(article_id),
                      library.tags(), answers.append)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.edit, "COM")
    assert dialog.edit.proposals() == ["company"]
    choose(qtbot, dialog.edit)
    qtbot.keyClicks(dialog.edit, "read later")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert answers == [["company", "read later"]]

    cancelled = ask_tags(None, "Article Tags", "Tags:", [], library.tags(), answers.append)
    qtbot.addWidget(cancelled)
    qtbot.keyClicks(cancelled.edit, "x")
    qtbot.keyClick(cancelled.edit, Qt.Key.Key_Escape)
    assert answers == [["company", "read later"]] and not cancelled.isVisible()
