"""The toolbar at a finished selection: highlight, note, tags and copy as citation, without the keyboard
leaving the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop.core.notes.citation import citation_markdown
from desktop.ui.notes.selection_toolbar import MIN_SWATCHES, SETTLE_MS
from tests.ui.test_annotating_ui import choose_from_context_menu
from tests.ui.test_annotating_ui import select as select_phrase


def bitdefender(window):
    return next(p for p in window.comparison.panes if p.article.source == "Bitdefender")


def phrase_points(pane, phrase: str) -> tuple[QPoint, QPoint]:
    """Viewport points at the start and the end of the phrase, scrolled into view."""
    view = pane.view
    start = pane.article.text.index(phrase)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(start + len(phrase)))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    end = view.cursorRect(cursor)
    cursor.setPosition(view.offsets.to_qt(start))
    begin = view.cursorRect(cursor)
    return QPoint(begin.left() + 1, begin.center().y()), QPoint(end.left(), end.center().y())


def drag_select(qtbot, pane, phrase: str) -> str:
    """Select the phrase with the mouse, as the reader does; the words actually selected."""
    view = pane.view
    view.setFocus()
    left, right = phrase_points(pane, phrase)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=left)
    qtbot.mouseMove(view.viewport(), right)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=right)
    return view.textCursor().selectedText()


def select(pane, phrase: str) -> None:
    select_phrase(pane, phrase)
    pane.view.ensureCursorVisible()


def shown_toolbar(qtbot, pane):
    toolbar = pane.view.selection_toolbar
    qtbot.waitUntil(toolbar.isVisible, timeout=2000)
    return toolbar


def test_a_mouse_selection_brings_the_toolbar_next_to_it_and_a_swatch_highlights(window, qtbot):
    pane = bitdefender(window)
    view = pane.view
    selected = drag_select(qtbot, pane, "Sept. 29")
    assert selected.startswith("Sept.")
    toolbar = shown_toolbar(qtbot, pane)
    # next to the end of the selection, inside the view, clear of the scroll bar
    end = view.cursorRect().translated(view.viewport().pos())
    box = toolbar.geometry()
    assert box.bottom() < end.top() or box.top() > end.bottom()  # never over the selected line
    assert min(abs(box.bottom() - end.top()), abs(box.top() - end.bottom())) <= 12
    assert box.left() <= end.center().x() <= box.right() or box.left() <= 4
    assert view.rect().contains(box)
    assert box.right() < view.verticalScrollBar().mapTo(view, QPoint(0, 0)).x()
    assert toolbar.visible_colours() >= MIN_SWATCHES
    assert toolbar.swatches[1].toolTip() == "Highlight green (2)"

    with qtbot.waitSignal(window.comparison.highlight_requested, timeout=1000) as blocker:
        qtbot.mouseClick(toolbar.swatches[1], Qt.MouseButton.LeftButton)
    article_id, start, end_offset, colour, then = blocker.args
    assert (article_id, colour, then) == (pane.article_id, 1, "")
    assert pane.article.text[start:end_offset] == selected
    [annotation] = window.store.annotations(article_id=pane.article_id)
    assert (annotation.exact, annotation.color) == (selected, "green")
    assert not toolbar.isVisible()
    assert QApplication.focusWidget() is view  # the click left the keyboard in the text


def test_after_a_selection_over_several_lines_it_sits_below_so_the_words_stay_visible(window, qtbot):
    pane = bitdefender(window)
    view = pane.view
    select(pane, "While it did not disclose exactly how many US workers it is laying off")
    view.scroll_to_position(view.textCursor().selectionStart())  # room below it, too
    start = QTextCursor(view.document())
    start.setPosition(view.textCursor().selectionStart())
    first_line, last_line = view.cursorRect(start), view.cursorRect()
    assert last_line.top() > first_line.bottom()  # the selection wraps in this narrow pane
    toolbar = shown_toolbar(qtbot, pane)
    assert toolbar.geometry().top() > last_line.translated(view.viewport().pos()).bottom()


def test_the_toolbar_never_takes_the_keyboard_so_number_keys_still_highlight(window, qtbot):
    pane = bitdefender(window)
    view = pane.view
    select(pane, "$721 million")
    toolbar = shown_toolbar(qtbot, pane)
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in toolbar.findChildren(type(toolbar.swatches[0])))
    qtbot.mouseMove(toolbar.swatches[0])  # hovering it changes nothing either
    assert QApplication.focusWidget() is view
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    [annotation] = window.store.annotations(article_id=pane.article_id)
    assert (annotation.exact, annotation.color) == ("$721 million", "green")
    assert not toolbar.isVisible()


def test_escape_hides_the_toolbar_and_keeps_the_selection(window, qtbot):
    pane = bitdefender(window)
    select(pane, "Sept. 29")
    toolbar = shown_toolbar(qtbot, pane)
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)
    assert not toolbar.isVisible()
    assert pane.view.textCursor().selectedText() == "Sept. 29"
    qtbot.keyClick(pane.view, Qt.Key.Key_3)  # the selection is still there to highlight
    assert [a.color for a in window.store.annotations(article_id=pane.article_id)] == ["blue"]


def test_keyboard_selection_shows_the_toolbar_once_it_pauses(window, qtbot):
    pane = bitdefender(window)
    view = pane.view
    start = pane.article.text.index("Sept. 29")
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(start))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    view.setFocus()
    qtbot.wait(SETTLE_MS + 100)
    assert not view.selection_toolbar.isVisible()  # a caret is not a selection
    for _ in range(8):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectedText() == "Sept. 29"
    shown_toolbar(qtbot, pane)


@pytest.mark.parametrize("how", ["scroll", "click elsewhere", "click in the text", "other pane"])
def test_the_toolbar_goes_away(window, qtbot, how):
    pane = bitdefender(window)
    view = pane.view
    select(pane, "Sept. 29")
    toolbar = shown_toolbar(qtbot, pane)
    if how == "scroll":
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() - 40)
    elif how == "click elsewhere":
        qtbot.mouseClick(window.sidebar_switcher, Qt.MouseButton.LeftButton)
    elif how == "click in the text":  # clears the selection
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        assert not view.textCursor().hasSelection()
    else:
        other = window.comparison.panes[0].view
        qtbot.mouseClick(other.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert not toolbar.isVisible()
    qtbot.wait(SETTLE_MS + 100)
    assert not toolbar.isVisible()  # and does not come back by itself


def test_turned_off_it_does_not_show(window, qtbot):
    pane = bitdefender(window)
    pane.view.selection_toolbar_enabled = False
    drag_select(qtbot, pane, "Sept. 29")
    qtbot.wait(SETTLE_MS + 100)
    assert not pane.view.selection_toolbar.isVisible()
    qtbot.keyClick(pane.view, Qt.Key.Key_1)  # the keys work regardless
    assert len(window.store.annotations(article_id=pane.article_id)) == 1


def answer_dialog(text: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue(text)
    dialog.accept()


def test_note_and_tags_buttons_highlight_and_ask(window, qtbot):
    pane = bitdefender(window)
    select(pane, "$721 million")
    toolbar = shown_toolbar(qtbot, pane)
    QTimer.singleShot(50, lambda: answer_dialog("Only **Bitdefender** gives this."))
    qtbot.mouseClick(toolbar.note_button, Qt.MouseButton.LeftButton)
    [noted] = window.store.annotations(article_id=pane.article_id)
    assert (noted.exact, noted.note) == ("$721 million", "Only **Bitdefender** gives this.")

    select(pane, "Sept. 29")
    toolbar = shown_toolbar(qtbot, pane)
    with qtbot.waitSignal(window.comparison.highlight_requested, timeout=1000) as blocker:
        qtbot.mouseClick(toolbar.tags_button, Qt.MouseButton.LeftButton)
    article_id, start, end, _colour, then = blocker.args
    assert (article_id, pane.article.text[start:end], then) == (pane.article_id, "Sept. 29", "tags")
    assert not toolbar.isVisible()  # out of the way of the tags dialog
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=1000)
    QApplication.activeModalWidget().reject()


def test_ctrl_shift_c_copies_the_selection_as_a_markdown_citation(window, qtbot):
    pane = bitdefender(window)
    select(pane, "Sept. 29")
    QApplication.clipboard().clear()
    with qtbot.waitSignal(window.comparison.citation_copied, timeout=1000) as blocker:
        qtbot.keyClick(pane.view, Qt.Key.Key_C,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    copied = QApplication.clipboard().text()
    assert copied == citation_markdown(pane.article, "Sept. 29") == blocker.args[1]
    assert copied.startswith("> Sept. 29\n\n— Bitdefender, \"Kaspersky Closes US Offices")
    assert "16 July 2024" in copied
    assert "<blockquote>" in QApplication.clipboard().mimeData().html()
    assert window.store.annotations(article_id=pane.article_id) == []  # copying highlights nothing


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen popups
def test_the_toolbar_and_the_context_menu_copy_the_citation_too(window, qtbot):
    pane = bitdefender(window)
    select(pane, "$721 million")
    toolbar = shown_toolbar(qtbot, pane)
    QApplication.clipboard().clear()
    qtbot.mouseClick(toolbar.cite_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().startswith("> $721 million\n")
    assert not toolbar.isVisible()

    select(pane, "Sept. 29")
    QApplication.clipboard().clear()
    seen = choose_from_context_menu(pane, "Copy as Citation")
    assert seen == ["Copy as Citation\tCtrl+Shift+C"]
    assert QApplication.clipboard().text().startswith("> Sept. 29\n")


def test_clicking_a_highlight_names_it(window, qtbot):
    pane = bitdefender(window)
    select(pane, "$721 million")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    [annotation] = window.store.annotations(article_id=pane.article_id)
    left, right = phrase_points(pane, "$721 million")
    middle = QPoint((left.x() + right.x()) // 2, left.y())
    with qtbot.waitSignal(window.comparison.annotation_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert blocker.args == [annotation.id]
    elsewhere = QPoint(right.x() + 60, right.y() + 120)
    with qtbot.assertNotEmitted(window.comparison.annotation_clicked):
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=elsewhere)


def test_quitting_after_copying_a_citation_keeps_the_text_and_does_not_crash(tmp_path):
    """PySide6 crashes at exit on a Python-made QMimeData left on the clipboard: the app swaps it
    for plain text when it quits. Run in a fresh process, as the crash happens at exit."""
    import subprocess
    import sys

    script = tmp_path / "quit_after_copy.py"
    script.write_text(
        "import os\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtCore import QMimeData, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.ui.compare.reading_pane import keep_clipboard_text_only\n"
        "app = QApplication([])\n"
        "data = QMimeData(); data.setText('> quote'); data.setHtml('<blockquote>quote</blockquote>')\n"
        "QApplication.clipboard().setMimeData(data)\n"
        "app.aboutToQuit.connect(keep_clipboard_text_only)\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n"
        "clip = QApplication.clipboard()\n"
        "print(repr(clip.text()), clip.mimeData().hasHtml())\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60,
                          cwd=str(Path(__file__).resolve().parents[2]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "'> quote' False"
