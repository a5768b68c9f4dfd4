"""The window: web pages imported from File > Import from URL…, a dropped link and a pasted link
(served by a real HTTP server on 127.0.0.1); Edit Info… from a pane's ✎ button and the library
list, with validation and undo; Delete Article… with its question and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.core.notes.annotating import annotate
from desktop.ui.importing_urls import dropped_urls, urls_in_text
from desktop.ui.library.article_info import ArticleInfoDialog
from tests.local_web import article_html, local_web


@pytest.fixture
def web():
    with local_web() as server:
        yield server


def pane_outlets(window) -> list[str]:
    return [p.article.display_source for p in window.comparison.panes]


def test_urls_are_found_in_pasted_text():
    text = "https://a.example/x, https://b.example/y\n<https://a.example/x>\nftp://c.example/z and words"
    assert urls_in_text(text) == ["https://a.example/x", "https://b.example/y", "ftp://c.example/z"]
    mime = QMimeData()
    mime.setUrls([QUrl("https://a.example/x"), QUrl.fromLocalFile("/tmp/file.txt")])
    assert dropped_urls(mime) == ["https://a.example/x"]


def test_import_from_url_runs_in_the_background_into_the_story(window, qtbot, web, monkeypatch):
    good = web.page("/tram", article_html(site="The Daily Tram"))
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getMultiLineText",
                        lambda *args, **kwargs: (f"{good}\n{web.url('/missing')}\nftp://x.example/a", True))
    assert window.import_url_action in window.menuBar().actions()[0].menu().actions()
    with qtbot.waitSignal(window.import_finished, timeout=30_000) as blocker:
        window.import_url_action.trigger()
        assert window.progress_bar.isVisible() and window.cancel_button.isVisible()
    report = blocker.args[0]
    assert len(report.added) == 1 and len(report.failures) == 2
    assert pane_outlets(window)[-1] == "The Daily Tram"
    box = window.last_message_box
    assert "page not found (HTTP 404)" in box.text() and "ftp: addresses are not fetched" in box.text()
    # each address in full (its last part alone says nothing); the one that came in is said so
    assert f"• {web.url('/missing')}: page not found" in box.text() and "The rest were imported." in box.text()
    assert box.windowTitle().startswith("2 web addresses could not be imported") or \
        "2 web addresses could not be imported" in window.statusBar().currentMessage()


def test_when_no_address_can_be_imported_the_message_says_nothing_was(window, qtbot, web, monkeypatch):
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getMultiLineText",
                        lambda *args, **kwargs: (f"{web.url('/gone')}\n{web.url('/missing')}", True))
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_url_action.trigger()
    box = window.last_message_box
    assert "Nothing was imported." in box.text() and "other files" not in box.text()
    status = window.statusBar().currentMessage()
    assert status == "2 web addresses could not be imported: Nothing was imported."  # one line; the box has all


def test_when_the_rest_were_in_the_library_already_the_message_does_not_say_imported(window, qtbot, web,
                                                                                     monkeypatch):
    good = web.page("/known", article_html(site="The Known Times"))
    typed = [good]
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getMultiLineText",
                        lambda *args, **kwargs: ("\n".join(typed), True))
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_url_action.trigger()  # first time: added
    typed.append(web.url("/missing"))
    with qtbot.waitSignal(window.import_finished, timeout=30_000) as blocker:
        window.import_url_action.trigger()  # again, with an address that fails
    assert blocker.args[0].unchanged and not blocker.args[0].added
    text = window.last_message_box.text()
    assert "already in the library: nothing new was imported" in text and "The rest were imported" not in text


def test_a_dropped_link_is_imported(window, qtbot, web):
    url = web.page("/dropped", article_html(site="Dropped Daily"))
    mime = QMimeData()
    mime.setUrls([QUrl(url)])
    event = QDropEvent(window.rect().center().toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.dropEvent(event)
    assert pane_outlets(window)[-1] == "Dropped Daily"


def test_a_pasted_link_is_imported_and_cancel_stops_a_slow_page(window, qtbot, web):
    QGuiApplication.clipboard().setText(web.page("/pasted", article_html(site="Pasted Post")))
    window.comparison.panes[0].view.setFocus()
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        qtbot.keyClick(window.comparison.panes[0].view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert pane_outlets(window)[-1] == "Pasted Post"
    web.page("/slow", article_html(), delay=3)
    with qtbot.waitSignal(window.import_finished, timeout=30_000) as blocker:
        window.url_imports.start(web.url("/slow"))
        window.cancel_button.click()
    assert blocker.args[0] is None or blocker.args[0].cancelled or blocker.args[0].failures


def _dialog(window) -> ArticleInfoDialog:
    return window.article_info.dialog


def test_edit_info_from_the_pane_header_with_validation_and_undo(window, qtbot):
    pane = next(p for p in window.comparison.panes if p.article.source is None)
    article_id = pane.article_id
    qtbot.mouseClick(pane.info_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(window)
    assert dialog.isVisible() and dialog.fields["title"].text() == pane.article.title
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.fields["source"].setText("The Record")
    dialog.fields["published"].setText("15 July 2024")
    assert not ok.isEnabled() and "YYYY-MM-DD" in dialog.problem.text()
    dialog.fields["published"].setText("2024-07-15")
    dialog.fields["url"].setText("not a url")
    assert not ok.isEnabled() and "http" in dialog.problem.text()
    dialog.fields["url"].setText("https://therecord.media/kaspersky-us-exit")
    assert ok.isEnabled() and not dialog.problem.isVisible()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    pane = window.comparison.pane_for(article_id)
    assert pane.article.source == "The Record" and "2024-07-15" in pane.meta.text()
    assert window.store.article_info(article_id).edited == {"source", "published", "url"}
    # the strip's chip and the Notes tab name the article by its new outlet too, as the pane does
    chips = window.comparison.chooser.chips
    assert chips.labels[article_id].endswith("· The Record")
    assert window.annotations_panel._names[article_id] == pane.outlet.fullText()
    window.undo_stack.undo()
    pane = window.comparison.pane_for(article_id)
    assert pane.article.source is None and "UNKNOWN" not in pane.outlet.fullText().upper()
    assert pane.outlet.fullText().split(" · ")[1].split()[0] == pane.article.display_title.split()[0]  # first words
    window.undo_stack.redo()
    assert window.comparison.pane_for(article_id).article.source == "The Record"


def test_edit_info_and_delete_from_the_library_list(window, qtbot, monkeypatch):
    assert window.edit_info_action in window.article_info_actions
    article_id = window.comparison.panes[2].article_id
    window.library.select_article(article_id)
    window.edit_info_action.trigger()
    dialog = _dialog(window)
    dialog.fields["title"].setText("A better title")
    dialog.reject()
    assert window.store.article(article_id).title != "A better title"
    note_id, _ = annotate(window.store, article_id, "Kaspersky", note="keep me")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    window.library.select_article(article_id)
    window.delete_article_action.trigger()
    assert asked and "1 note" in asked[0]
    qtbot.waitUntil(lambda: window.comparison.pane_for(article_id) is None)
    assert article_id not in [a.id for a in window.store.articles()]
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.comparison.pane_for(article_id) is not None)
    assert window.store.annotation(note_id).note == "keep me"
    assert [p.article_id for p in window.comparison.panes].index(article_id) == 2
