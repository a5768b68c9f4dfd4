"""Compare Versions…: a pane of an article with several versions offers it, the dialog marks the words
removed and added, lists the notes that moved, changed or were orphaned, and steps through the changes;
the library's article menu offers it and Copy Citation."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMenu

from desktop.core.library import import_paths, open_library
from desktop.core.notes.annotating import annotate
from desktop.ui.article_menus import add_article_entries
from desktop.ui.compare.version_diff import VersionDiffDialog, diff_html

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")

FRONT = "---\ntitle: Ban takes effect\nsource: The Daily\nurl: https://example.com/ban\n---\n"
V1 = "The ban takes effect on July 20. More than 170 people work there.\n\nFewer than 50 employees remain.\n"
V2 = "Update: The ban takes effect on July 20. More than 260 people work there.\n\nThe office closes.\n"


@pytest.fixture
def edited(library_path, tmp_path):
    """The bundled story plus an article imported twice, with notes made on its first version."""
    path = tmp_path / "ban.md"
    path.write_text(FRONT + V1, encoding="utf-8")
    with open_library(library_path) as store:
        story = store.stories()[0]
        [article_id] = import_paths(store, [str(path)], story=story.name).added
        notes = [annotate(store, article_id, q)[0] for q in ("July 20", "More than 170 people", "Fewer than 50")]
        path.write_text(FRONT + V2, encoding="utf-8")
        assert import_paths(store, [str(path)]).updated == [article_id]
    return article_id, notes


def test_the_dialog_marks_changes_and_lists_the_notes(qtbot, library_path, edited):
    article_id, _notes = edited
    with open_library(library_path) as store:
        dialog = VersionDiffDialog(store, article_id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert (dialog.old_box.currentData(), dialog.new_box.currentData()) == (1, 2)
        html = dialog.text.toHtml()
        assert "line-through" in html and "Fewer than 50 employees remain" in dialog.text.toPlainText()
        plain = dialog.text.toPlainText()
        assert "170" in plain and "260" in plain  # a changed word shows both, old then new
        assert plain.index("170") < plain.index("260")
        listed = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
        assert [line.split(":")[0] for line in listed] == ["Moved", "Changed", "Orphaned"]
        assert "now “More than 260 people”" in listed[1]
        assert "words added" in dialog.summary.text()
        assert [dialog.step(+1) for _ in range(dialog.change_count() + 1)][-1] == 0  # wraps around
        dialog.notes.itemClicked.emit(dialog.notes.item(2))
        dialog.new_box.setCurrentIndex(0)  # version 1 against itself
        assert "same version" in dialog.summary.text() and dialog.notes.count() == 0
        dialog.close()


def test_the_dialog_and_the_library_list_give_the_same_word_counts(qtbot, library):
    """Compare Versions' version choices say as many words as the library list's Words column."""
    from desktop.core.models import BoilerplateSpan, ParsedArticle
    from desktop.ui.library.library_models import ArticlesModel

    texts = ["The U.S.-based firm cut 1,200 jobs.\nShare this: Facebook | X | Email\n",
             "Update — The U.S.-based firm cut 1,200 well-paid jobs (3.5% of staff), it said.\n"
             "Share this: Facebook | X | Email\n"]
    model = ArticlesModel()
    shown = []
    for text in texts:
        share = BoilerplateSpan(text.index("Share"), len(text) - 1, "share")
        article_id = library.save_article(ParsedArticle(text=text, origin="/firm.txt", title="Firm"), [share])[1]
        model.set_articles(library.articles(ids=[article_id]))
        shown.append(model.index(0, 3).data())  # the Words column
    assert shown == ["6", "14"]
    dialog = VersionDiffDialog(library, article_id)
    qtbot.addWidget(dialog)
    choices = [dialog.new_box.itemText(i) for i in range(dialog.new_box.count())]
    assert [choice.split(" · ")[-1] for choice in choices] == ["6 words", "14 words"]
    assert dialog.summary.text().startswith("<b>8</b> words added, <b>0</b> removed")


def test_diff_html_anchors_each_change_and_note(library_path, edited):
    from desktop.core.notes.version_changes import version_changes

    article_id, notes = edited
    with open_library(library_path) as store:
        html = diff_html(version_changes(store, article_id))
    assert 'name="change-0"' in html and all(f'name="note-{n}"' in html for n in notes)
    assert "&lt;" not in html or "<script" not in html


def test_the_pane_button_and_the_article_menu_open_it(qtbot, make_window, edited):
    article_id, _ = edited
    window = make_window()
    pane = window.comparison.pane_for(article_id)
    assert pane.versions_button.isVisibleTo(pane) and "2 versions" in pane.versions_button.toolTip()
    other = next(p for p in window.comparison.panes if p.article_id != article_id)
    assert not other.versions_button.isVisibleTo(other)
    pane.versions_button.click()
    dialog = window.last_version_dialog
    assert isinstance(dialog, VersionDiffDialog) and dialog.isVisible()
    dialog.close()

    menu = QMenu(window)  # the library's article menu adds these to its own entries
    add_article_entries(menu, window, article_id)
    assert "Copy Citation" in [a.text() for a in menu.actions()]
    compare = next(a for a in menu.actions() if a.objectName() == "CompareVersions")
    assert compare.isEnabled()
    cite = menu.findChild(QMenu, "CopyCitation")
    next(a for a in cite.actions() if a.text() == "BibTeX").trigger()
    assert QApplication.clipboard().text().startswith("@article{")
    assert "BibTeX" in window.statusBar().currentMessage()
    compare.trigger()
    assert window.last_version_dialog.isVisible()
    window.last_version_dialog.close()

    single = QMenu(window)
    add_article_entries(single, window, other.article_id)
    assert not next(a for a in single.actions() if a.objectName() == "CompareVersions").isEnabled()
