"""Edit Info… and Delete Article…: the reader's changes to an article, undoable (Ctrl+Z).

``ArticleInfoDialog`` edits title, outlet, author, date and URL with validation as you type (the
store's ``check_info``: a date is YYYY-MM-DD, a URL starts with http(s)://); OK stays disabled
while a field is wrong and the reason is shown under the fields. ``EditInfoCommand`` writes the
new info and puts the old back on undo (the "edited by hand" marks included);
``DeleteArticleCommand`` deletes an article and restores it, with its versions, boilerplate,
notes, tags, links and story places, on undo.

``ArticleInfoActions.install(window)`` adds the window's "Edit Info…" and "Delete Article…"
actions (the library list's context menu shows them: ``window.article_info_actions``) and
connects the ✎ button of every reading pane.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ParallaxError
from desktop.core.library.store import ArticleInfo
from desktop.core.library.store.article_edits import EDITABLE, check_info

LABELS = {"title": "&Title", "source": "&Outlet", "author": "&Author", "published": "&Date", "url": "&URL"}
HINTS = {"title": "the headline", "source": "e.g. The Guardian", "author": "e.g. Kim Zetter, Jane Doe",
         "published": "YYYY-MM-DD", "url": "https://…"}
NAMES = {"title": "title", "source": "outlet", "author": "author", "published": "date", "url": "URL"}


class ArticleInfoDialog(QDialog):
    """Title, outlet, author, date and URL of one article, checked as they are typed."""

    def __init__(self, info: ArticleInfo, outlets: list[str], parent: QWidget | None = None,
                 heading: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Edit Info")
        self.setMinimumWidth(600)
        self.original = info
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in EDITABLE:
            edit = QLineEdit(getattr(info, name) or "")
            edit.setCursorPosition(0)  # a long title shows its start
            edit.setPlaceholderText(HINTS[name])
            edit.setObjectName(f"info_{name}")
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self._validate)
            if name == "source" and outlets:
                completer = QCompleter(sorted(outlets, key=str.casefold), edit)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                edit.setCompleter(completer)
            label = QLabel(LABELS[name])
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.fields[name] = edit
        self.problem = QLabel()
        self.problem.setObjectName("info_problem")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        note = QLabel("Fields you change are kept when the article is imported again. "
                      "Empty a field to clear it.")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if heading:
            title = QLabel(heading)
            title.setWordWrap(True)
            title.setStyleSheet("font-weight: 600;")
            layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._validate()

    def problems(self) -> dict[str, str]:
        """Field -> what is wrong with it, for the fields that are wrong."""
        found = {}
        for name, edit in self.fields.items():
            try:
                check_info(name, edit.text())
            except ValueError as exc:
                found[name] = str(exc)
        return found

    def info(self) -> ArticleInfo:
        """What the dialog holds; the fields changed from the original count as edited."""
        values = {name: check_info(name, edit.text()) for name, edit in self.fields.items()}
        changed = {name for name, value in values.items() if value != getattr(self.original, name)}
        return ArticleInfo(**values, edited=self.original.edited | changed)

    def _validate(self) -> None:
        problems = self.problems()
        for name, edit in self.fields.items():
            edit.setStyleSheet("border: 1px solid #b3261e;" if name in problems else "")
        self.problem.setText(" ".join(problems.values()))
        self.problem.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)


class EditInfoCommand(QUndoCommand):
    def __init__(self, store, apply, article_id: int, old: ArticleInfo, new: ArticleInfo):
        changed = [NAMES[f] for f in EDITABLE if getattr(old, f) != getattr(new, f)]
        super().__init__(f"Edit {', '.join(changed) or 'Info'}")
        self.store, self.apply, self.article_id, self.old, self.new = store, apply, article_id, old, new

    def redo(self) -> None:
        self.apply(set_info(self.store, self.article_id, self.new))

    def undo(self) -> None:
        self.apply(set_info(self.store, self.article_id, self.old))


class DeleteArticleCommand(QUndoCommand):
    def __init__(self, store, apply, article_id: int, title: str):
        super().__init__(f"Delete “{title[:40]}”")
        self.store, self.apply, self.article_id = store, apply, article_id
        self.snapshot = store.article_snapshot(article_id)

    def redo(self) -> None:
        self.snapshot = self.store.article_snapshot(self.article_id)
        self.apply(self.store.delete_article(self.article_id))

    def undo(self) -> None:
        self.apply(self.store.restore_article(self.snapshot))


def set_info(store, article_id: int, info: ArticleInfo):
    """Write the info; when the outlet changes, the lines both outlets repeat are recomputed."""
    from desktop.core.library.web_import import refresh_sources

    before = store.source_ids_of([article_id])
    with store.batch():
        changes = store.set_article_info(article_id, info)
        after = store.source_ids_of([article_id])
        if before != after:
            changes |= refresh_sources(store, before | after)
    return changes


class ArticleInfoActions:
    """The window's Edit Info… and Delete Article… commands."""

    def __init__(self, window):
        self.window = window
        self.dialog: ArticleInfoDialog | None = None

    @classmethod
    def install(cls, window) -> ArticleInfoActions:
        actions = cls(window)
        window.edit_info_action = QAction("&Edit Info…", window)
        window.edit_info_action.setStatusTip("Edit the title, outlet, author, date and URL of the article")
        window.edit_info_action.triggered.connect(lambda: actions.edit_info(actions.target()))
        window.delete_article_action = QAction("&Delete Article…", window)
        window.delete_article_action.setStatusTip("Delete the article from the library (Ctrl+Z brings it back)")
        window.delete_article_action.triggered.connect(lambda: actions.delete(actions.target()))
        window.article_info_actions = (window.edit_info_action, window.delete_article_action)
        window.comparison.pane_info_requested.connect(actions.edit_info)
        return actions

    def target(self) -> int | None:
        """The article the reader means: selected in the library list, else the focused pane's."""
        article_id = self.window.library.current_article_id()
        if article_id is None:
            article_id = self.window.stories.focused_pane_article()
        if article_id is None:
            self.window.statusBar().showMessage("Select an article in the list first.", 4000)
        return article_id

    def edit_info(self, article_id: int | None) -> ArticleInfoDialog | None:
        """Open the dialog (non-blocking); OK pushes an undoable edit."""
        if article_id is None:
            return None
        store = self.window.store
        try:
            info = store.article_info(article_id)
            article = store.article(article_id)
        except ParallaxError as exc:
            self.window.show_error("Cannot edit the article", str(exc))
            return None
        outlets = [name for name, _count in store.article_list_outlets() if name]  # no article read
        dialog = ArticleInfoDialog(info, outlets, self.window, heading=article.display_title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_dialog_accepted(article_id, info, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_accepted(self, article_id: int, old: ArticleInfo, dialog: ArticleInfoDialog) -> None:
        new = dialog.info()
        if new == old:
            return
        if self.window._run(lambda: EditInfoCommand(self.window.store, self.window.apply_changes, article_id, old,
                                                    new)):
            # said again before the figures of the comparison the edit starts (a new date or outlet)
            self.window.story_view.announce("Article info saved. Ctrl+Z undoes it.")

    def delete(self, article_id: int | None, ask: bool = True) -> bool:
        """Delete the article (undoable); asks first when it has notes."""
        if article_id is None:
            return False
        store = self.window.store
        try:
            article = store.article(article_id)
            notes = store.article_note_count(article_id)
        except ParallaxError as exc:
            self.window.show_error("Cannot delete the article", str(exc))
            return False
        if notes and ask:
            answer = QMessageBox.question(
                self.window, "Delete Article",
                f"“{article.display_title}” has {notes} note{'s' if notes != 1 else ''}. Delete the article "
                f"with {'them' if notes != 1 else 'it'}? (Ctrl+Z brings everything back.)")
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.window._run(lambda: DeleteArticleCommand(store, self.window.apply_changes, article_id,
                                                      article.display_title))
        self.window.statusBar().showMessage(f"Deleted “{article.display_title[:60]}”. Ctrl+Z brings it back.", 8000)
        return True


__all__ = ["ArticleInfoActions", "ArticleInfoDialog", "DeleteArticleCommand", "EditInfoCommand"]
