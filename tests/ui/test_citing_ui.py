"""Cite from the window: the selection toolbar's Cite arrow and the pane's "Cite As" menu copy any
format; the Notes tab's row menu cites a note; what lands on the clipboard parses back."""

from __future__ import annotations

import bibtexparser
import pytest
import rispy
from PySide6.QtWidgets import QApplication, QMenu

from desktop.core.notes.annotating import annotate
from tests.ui.test_annotating_ui import choose_from_context_menu
from tests.ui.test_selection_toolbar import bitdefender, select

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def test_the_toolbar_cite_arrow_offers_every_format(window, qtbot):
    pane = bitdefender(window)
    select(pane, "Sept. 29")
    toolbar = pane.view.selection_toolbar
    qtbot.waitUntil(toolbar.isVisible, timeout=2000)
    labels = [a.text() for a in toolbar.cite_button.menu().actions()]
    assert labels == ["Markdown", "APA (7th edition)", "Chicago (author-date)", "BibTeX",
                      "RIS (Zotero, EndNote, Mendeley)", "CSL-JSON (Zotero, pandoc)"]
    QApplication.clipboard().clear()
    with qtbot.waitSignal(window.comparison.citation_copied, timeout=1000):
        next(a for a in toolbar.cite_button.menu().actions() if a.objectName() == "Cite-bibtex").trigger()
    [entry] = bibtexparser.parse_string(QApplication.clipboard().text()).entries
    assert entry.fields_dict["journal"].value == "Bitdefender"
    assert entry.fields_dict["annote"].value.startswith("“Sept. 29” (para.")
    assert not toolbar.isVisible()


def test_the_context_menu_cites_as_apa_with_rich_text(window, qtbot):
    pane = bitdefender(window)
    select(pane, "Sept. 29")
    QApplication.clipboard().clear()
    seen = []

    def pick():
        menu = QApplication.activePopupWidget()
        cite = next(a for a in menu.actions() if a.text() == "Cite As").menu()
        seen.extend(a.text() for a in cite.actions())
        next(a for a in cite.actions() if a.text().startswith("APA")).trigger()
        menu.close()

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent

    QTimer.singleShot(100, pick)
    point = pane.view.cursorRect().center()
    QApplication.sendEvent(pane.view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, pane.view.viewport().mapToGlobal(point)))
    assert "RIS (Zotero, EndNote, Mendeley)" in seen
    text = QApplication.clipboard().text()
    assert text.startswith("“Sept. 29” (TRUȚĂ, 2024, para.") and "TRUȚĂ, F. (2024, July 16)." in text
    assert "<i>Bitdefender</i>" in QApplication.clipboard().mimeData().html()
    assert choose_from_context_menu(pane, "Copy as Citation") == ["Copy as Citation\tCtrl+Shift+C"]


def test_a_note_is_cited_from_the_notes_tab(window, qtbot):
    pane = bitdefender(window)
    annotation_id, _ = annotate(window.store, pane.article_id, "Sept. 29", note="start of the ban")
    window.refresh_annotations()
    menu = window.annotations_panel.context_menu(annotation_id)
    cite = menu.findChild(QMenu, "Cite")
    assert cite is not None
    next(a for a in cite.actions() if a.text().startswith("RIS")).trigger()
    [record] = rispy.loads(QApplication.clipboard().text())
    assert record["notes"][0].startswith("“Sept. 29” (para.") and record["notes"][0].endswith("start of the ban")
