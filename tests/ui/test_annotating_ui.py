"""Selecting text in a pane and highlighting it, with the keyboard and the mouse, with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog


def select(pane, phrase: str) -> None:
    view = pane.view
    start = pane.article.text.index(phrase)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(start))
    cursor.setPosition(view.offsets.to_qt(start + len(phrase)), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()


def choose_from_context_menu(pane, starts_with: str) -> list[str]:
    """Right-click at the text cursor and trigger the menu entry starting with ``starts_with``;
    returns the texts of the entries triggered (one, or none if it was missing)."""
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    seen: list[str] = []

    def pick():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next((a for a in menu.actions() if a.text().startswith(starts_with)), None)
        if action is not None:
            seen.append(action.text())
            action.trigger()
        menu.close()

    QTimer.singleShot(100, pick)
    point = pane.view.cursorRect().center()
    QApplication.sendEvent(pane.view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, pane.view.viewport().mapToGlobal(point)))
    # the closed menu can stay the active window for a few events; shortcuts such as Ctrl+Z
    # then go to it instead of the main window (this made a test flaky)
    for _ in range(50):
        QApplication.processEvents()
        if QApplication.activePopupWidget() is None and QApplication.activeWindow() is pane.window():
            break
        pane.window().activateWindow()
    return seen


def drawn_highlights(pane) -> list[str]:
    return [s.cursor.selectedText() for s in pane.view.extraSelections() if s.format.fontOverline()]


def bitdefender(window):
    return next(p for p in window.comparison.panes if p.article.source == "Bitdefender")


def test_select_and_press_a_number_key_highlights_with_undo_and_redo(window, qtbot):
    pane = bitdefender(window)
    select(pane, "Sept. 29")
    qtbot.keyClick(pane.view, Qt.Key.Key_2)
    [annotation] = window.store.annotations(article_id=pane.article_id)
    assert (annotation.exact, annotation.color) == ("Sept. 29", "green")
    assert drawn_highlights(pane) == ["Sept. 29"]
    # drawn after (over) the comparison's marks
    overlines = [s.format.fontOverline() for s in pane.view.extraSelections()]
    assert overlines.index(True) > 0 and not any(overlines[: overlines.index(True)])
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.annotations(article_id=pane.article_id) == []
    assert drawn_highlights(pane) == []
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [a.exact for a in window.store.annotations(article_id=pane.article_id)] == ["Sept. 29"]
    assert drawn_highlights(pane) == ["Sept. 29"]


def test_drag_select_with_the_mouse_then_highlight(window, qtbot):
    pane = window.comparison.panes[0]
    view = pane.view
    phrase = "Kaspersky Labs layoffs"
    start = pane.article.text.index(phrase)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(start))
    view.ensureCursorVisible()
    left = view.cursorRect(cursor).center()
    cursor.setPosition(view.offsets.to_qt(start + len(phrase)))
    right = view.cursorRect(cursor).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=left)
    qtbot.mouseMove(view.viewport(), right)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=right)
    selected = view.textCursor().selectedText()
    assert phrase.startswith(selected[:10]) and len(selected) >= len(phrase) - 2
    qtbot.keyClick(view, Qt.Key.Key_1)
    [annotation] = window.store.annotations(article_id=pane.article_id)
    assert annotation.exact == pane.article.text[annotation.start:annotation.end] == selected


def test_n_asks_for_a_note_and_the_highlight_keeps_it(window, qtbot):
    pane = bitdefender(window)
    select(pane, "$721 million")

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Only Bitdefender gives **global earnings**.")
        dialog.accept()

    QTimer.singleShot(50, answer)
    qtbot.keyClick(pane.view, Qt.Key.Key_N)
    [annotation] = window.store.annotations(article_id=pane.article_id)
    assert annotation.note == "Only Bitdefender gives **global earnings**."
    assert "global earnings" in pane.view.annotation_at(annotation.start).note


def test_highlight_offsets_survive_emoji_and_right_to_left_text(window, qtbot, tmp_path):
    text = "Intro 😀 مرحبا and Zoe\u0308 said: the ban starts July 20.\r\nSecond line 🙂 with a quote.\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-8"))
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.start_import([str(path)])
    pane = window.comparison.panes[-1]
    select(pane, "the ban starts July 20")
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    [annotation] = window.store.annotations(article_id=pane.article_id)
    assert annotation.exact == "the ban starts July 20"
    assert text[annotation.start:annotation.end] == "the ban starts July 20"
    assert drawn_highlights(pane) == ["the ban starts July 20"]


def test_notes_tab_lists_highlights_jumps_to_them_and_deletes_with_undo(window, qtbot):
    pane = bitdefender(window)
    select(pane, "Bureau of Industry and Security")
    qtbot.keyClick(pane.view, Qt.Key.Key_4)
    panel = window.annotations_panel
    window.sidebar_tabs.setCurrentWidget(panel)
    [annotation] = window.store.annotations(article_id=pane.article_id)
    assert panel.visible_ids() == [annotation.id]  # under its article's heading
    pane.view.verticalScrollBar().setValue(0)
    index = panel.view.model().index(panel.view.model().row_of(annotation.id), 0)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=panel.view.visualRect(index).center())
    y = pane.view.cursorRect(pane.view.cursor_for_span(annotation.start, annotation.end)).top()
    assert 0 <= y <= pane.view.viewport().height()  # scrolled into view
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert window.store.annotations(article_id=pane.article_id) == []
    assert drawn_highlights(pane) == []
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.exact for a in window.store.annotations(article_id=pane.article_id)] == ["Bureau of Industry and Security"]
    assert len(panel.visible_ids()) == 1


def test_export_notes_from_the_window(window, qtbot, tmp_path):
    pane = bitdefender(window)
    select(pane, "Sept. 29")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert window.export_notes_action.shortcut().toString() == "Ctrl+Shift+E"
    target = tmp_path / "notes.md"
    assert window.save_notes(str(target))
    text = target.read_text(encoding="utf-8")
    assert "## Kaspersky exits the US (July 2024)" in text and "> Sept. 29" in text
    assert window.save_notes(str(tmp_path / "notes.csv"))
    assert (tmp_path / "notes.csv").read_text(encoding="utf-8").startswith("story,article,outlet")
    assert not window.save_notes(str(tmp_path / "missing-folder" / "notes.md"))


def test_a_second_window_on_the_same_library_shows_the_first_ones_highlights(make_window, qtbot):
    first, second = make_window(), make_window()
    pane = bitdefender(first)
    select(pane, "Sept. 29")
    qtbot.keyClick(pane.view, Qt.Key.Key_5)
    other = bitdefender(second)
    qtbot.waitUntil(lambda: drawn_highlights(other) == ["Sept. 29"], timeout=5000)
    assert [a.exact for a in second.store.annotations(article_id=other.article_id)] == ["Sept. 29"]


def test_a_lost_note_can_be_attached_to_words_the_reader_selects(window, qtbot, tmp_path):
    from desktop.core.notes.annotating import annotate

    path = tmp_path / "wire.txt"
    path.write_text("Wire.\n\nThe ban starts on Sept. 29, the agency said. Staff were told on Monday.\n",
                    encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.start_import([str(path)])
    pane = window.comparison.panes[-1]
    note, _ = annotate(window.store, pane.article_id, "on Sept. 29, the agency said", note="date")
    path.write_text("Wire.\n\nThe ban starts on Sept. 30 according to a spokesperson. Staff were told on Monday.\n",
                    encoding="utf-8")
    with qtbot.waitSignal(window.comparison_finished, timeout=30_000), \
            qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.start_import([str(path)])
    pane = window.comparison.pane_for(pane.article_id)
    assert window.store.annotation(note).orphaned
    window.annotations_panel.annotation_activated.emit(note)  # the reader clicks the ⚠ note
    assert "right-click > Attach Lost Note Here" in window.statusBar().currentMessage()

    select(pane, "on Sept. 30 according to a spokesperson")
    seen = choose_from_context_menu(pane, "Attach Lost Note")
    assert seen == ["Attach Lost Note “on Sept. 29, the agency said” Here"]
    attached = window.store.annotation(note)
    assert (attached.orphaned, attached.exact, attached.note) == (False, "on Sept. 30 according to a spokesperson",
                                                                  "date")
    assert pane.view.orphan_to_attach is None
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.annotation(note).orphaned
