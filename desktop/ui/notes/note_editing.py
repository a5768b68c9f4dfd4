"""Editing from the Notes list: the edits the panel asks for (``AnnotationActions``, and
``DirectActions`` that make them in the store without undo) and ``NoteEditingMixin``, the
panel's edit, delete, link and orphan-placing commands and the row's context menu.

The window passes actions that route every edit through its undo stack.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox

from desktop.core.errors import NotFound, ParallaxError
from desktop.core.models import Annotation
from desktop.core.notes.annotating import confirm_orphan
from desktop.ui.notes.citing import annotation_cite_menu
from desktop.ui.notes.link_dialog import LinkDialog
from desktop.ui.notes.notes_model import link_text, trim


def parse_tags(text: str) -> list[str]:
    """Comma-separated tag names, trimmed, a leading # dropped, empty and repeated ones skipped."""
    names: list[str] = []
    for part in text.split(","):
        name = part.strip().lstrip("#").strip()
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return names


class AnnotationActions(Protocol):
    """What the panel asks for when the reader edits; the window may route it through undo."""

    def edit_note(self, annotation_id: int, text: str) -> object: ...

    def edit_tags(self, annotation_id: int, names: list[str]) -> object: ...

    def delete(self, annotation_id: int) -> object: ...

    def link(self, from_id: int, to_id: int, kind: str) -> object: ...

    def unlink(self, link_id: int) -> object: ...

    def confirm_orphan(self, annotation_id: int, start: int, end: int) -> object: ...


class DirectActions:
    """Edits straight to the store (no undo)."""

    def __init__(self, store):
        self.store = store

    def edit_note(self, annotation_id: int, text: str):
        return self.store.update_annotation(annotation_id, note=text)

    def edit_tags(self, annotation_id: int, names: list[str]):
        return self.store.set_annotation_tags(annotation_id, names)

    def delete(self, annotation_id: int):
        return self.store.delete_annotation(annotation_id)

    def link(self, from_id: int, to_id: int, kind: str):
        return self.store.link_annotations(from_id, to_id, kind)[1]

    def unlink(self, link_id: int):
        return self.store.unlink_annotations(link_id)

    def confirm_orphan(self, annotation_id: int, start: int, end: int):
        return confirm_orphan(self.store, annotation_id, start, end)


class NoteEditingMixin:
    """The Notes panel's edits (also what the row's menu calls). Mixed into ``AnnotationsPanel``
    (a QWidget, the parent of the dialogs): it uses the panel's ``model``, ``_store``, ``_actions``,
    ``_story_articles``, ``_names``, ``link_dialog``, ``refresh()``, ``select_annotation()``,
    ``selected_id()`` and ``_article_name()``."""

    def edit_note(self, annotation_id: int) -> bool:
        annotation = self._annotation(annotation_id)
        if annotation is None:
            return False
        text, ok = QInputDialog.getMultiLineText(
            self, "Edit Note", f"Note on “{trim(annotation.exact, 60)}”:", annotation.note
        )
        if not ok or text == annotation.note:
            return False
        return self._run(self._actions.edit_note, annotation_id, text)

    def edit_tags(self, annotation_id: int) -> bool:
        annotation = self._annotation(annotation_id)
        if annotation is None:
            return False
        text, ok = QInputDialog.getText(
            self, "Edit Tags", "Tags, separated by commas:", QLineEdit.EchoMode.Normal, ", ".join(annotation.tags)
        )
        if not ok:
            return False
        names = parse_tags(text)
        if names == list(annotation.tags):
            return False
        return self._run(self._actions.edit_tags, annotation_id, names)

    def delete(self, annotation_id: int) -> bool:
        if self._annotation(annotation_id) is None:
            return False
        row = self.model.row_of(annotation_id)
        ok = self._run(self._actions.delete, annotation_id)
        if ok and self.selected_id() is None:
            # the next row (or the last) takes the deleted one's place, so Delete can repeat
            near = self.model.annotation_near(row)
            if near is not None:
                self.select_annotation(near.id)
        return ok

    def link(self, from_id: int, to_id: int, kind: str) -> bool:
        return self._run(self._action("link"), from_id, to_id, kind)

    def unlink(self, link_id: int) -> bool:
        return self._run(self._action("unlink"), link_id)

    def attach_orphan(self, annotation_id: int, start: int, end: int) -> bool:
        """Place an orphan at ``start``..``end`` of its article's current text."""
        ok = self._run(self._action("confirm_orphan"), annotation_id, start, end)
        if ok:
            self.select_annotation(annotation_id)
        return ok

    def open_link_dialog(self, annotation_id: int):
        """Open the (non-blocking) "Link to…" dialog for this annotation; returns it."""
        if self._store is None or self._annotation(annotation_id) is None:
            return None
        if self.link_dialog is not None:
            self.link_dialog.close()
        try:
            dialog = LinkDialog(self._store, annotation_id, self._story_articles, self._names, parent=self)
        except NotFound:  # deleted by another window a moment ago
            self.refresh()
            return None
        dialog.link_chosen.connect(self._on_link_dialog_link_chosen)
        dialog.finished.connect(lambda _result, d=dialog: self._forget_link_dialog(d))
        self.link_dialog = dialog
        dialog.show()
        return dialog

    def context_menu(self, annotation_id: int) -> QMenu:
        """The row's menu: Edit Note…, Edit Tags…, Link to…, Remove Link ▸, Cite ▸ (Markdown, APA,
        Chicago, BibTeX, RIS, CSL-JSON), Delete."""
        menu = QMenu(self)
        menu.addAction("Edit Note…", lambda: self.edit_note(annotation_id)).setObjectName("EditNote")
        menu.addAction("Edit Tags…", lambda: self.edit_tags(annotation_id)).setObjectName("EditTags")
        menu.addSeparator()
        menu.addAction("Link to…", lambda: self.open_link_dialog(annotation_id)).setObjectName("LinkTo")
        links = self.model.links_of(annotation_id)
        if links:
            remove = menu.addMenu("Remove Link")
            remove.setObjectName("RemoveLink")
            for linked in links:
                remove.addAction(link_text(linked, self._article_name),
                                 lambda link_id=linked.link.id: self.unlink(link_id))
        annotation = self._annotation(annotation_id)
        if annotation is None and self._store is not None:
            try:
                annotation = self._store.annotation(annotation_id)
            except NotFound:
                annotation = None
        if annotation is not None and self._store is not None:
            cite = annotation_cite_menu(menu, self._store, annotation, title="Cite")
            cite.setObjectName("Cite")
            menu.addMenu(cite)
        menu.addSeparator()
        menu.addAction("Delete", lambda: self.delete(annotation_id)).setObjectName("Delete")
        return menu

    # ------------------------------------------------------------ internals

    def _annotation(self, annotation_id: int) -> Annotation | None:
        return self.model.annotation(annotation_id)

    def _action(self, name: str):
        """The actions' method ``name``; the store's own (no undo) for actions written before
        links and orphan review existed."""
        method = getattr(self._actions, name, None)
        if method is None and self._actions is not None and self._store is not None:
            method = getattr(DirectActions(self._store), name)
        return method

    def _run(self, action, *args) -> bool:
        if self._actions is None or action is None:
            return False
        try:
            action(*args)
        except (ParallaxError, ValueError) as exc:
            QMessageBox.warning(self, "Annotation not changed", str(exc))
            self.refresh()
            return False
        self.refresh()
        return True

    def _forget_link_dialog(self, dialog) -> None:
        if self.link_dialog is dialog:
            self.link_dialog = None

    # ------------------------------------------------------------ slots

    def _on_link_dialog_link_chosen(self, from_id: int, to_id: int, kind: str) -> None:
        if self.link(from_id, to_id, kind):
            self.select_annotation(from_id)
