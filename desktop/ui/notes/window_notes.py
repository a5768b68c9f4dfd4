"""The main window's annotation commands: highlights made in the panes, the Notes tab's edits, lost notes.

Kept out of main_window.py so the window stays a switchboard (like ``window_tags``). Every edit
is an undoable command pushed through the window's guarded undo stack (``window._run``); the
command publishes what it changed on the window's change bus (``window.apply_changes``), and the
panes and the Notes tab redraw themselves from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog

from desktop.core.errors import NotFound
from desktop.core.notes.annotating import COLORS as ANNOTATION_COLORS
from desktop.ui.notes.annotation_commands import (
    AddAnnotationCommand,
    ConfirmOrphanCommand,
    DeleteAnnotationCommand,
    EditAnnotationCommand,
    LinkAnnotationsCommand,
    UnlinkAnnotationsCommand,
)
from desktop.ui.notes.overrules import (
    DismissConflictCommand,
    LinkAgainCommand,
    SeparateFactsCommand,
    ShowConflictAgainCommand,
)
from desktop.ui.notes.same_fact import MarkSameFactCommand

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class WindowNotes:
    def __init__(self, window: MainWindow):
        self.window = window

    def _say(self, message: str, timeout: int) -> None:
        self.window.statusBar().showMessage(message, timeout)

    def ask_text(self, title: str, label: str, multiline: bool = False, text: str = "") -> str | None:
        """Ask the reader for a line (or a note); None when cancelled."""
        if multiline:
            value, ok = QInputDialog.getMultiLineText(self.window, title, label, text)
        else:
            value, ok = QInputDialog.getText(self.window, title, label, text=text)
        return value if ok else None

    def request_highlight(self, article_id: int, start: int, end: int, colour: int, then: str) -> None:
        """A pane asked for a highlight; ``then`` is "note" or "tags" to ask for those first."""
        note, tags = "", ()
        if then == "note":
            note = self.ask_text("Note", "Note for this highlight:", multiline=True)
            if note is None:
                return
        elif then == "tags":
            self.window.tags.ask_highlight_tags(
                lambda names: self.highlight(article_id, start, end, colour, "", tuple(names)))
            return
        self.highlight(article_id, start, end, colour, note, tags)

    def highlight(self, article_id: int, start: int, end: int, colour: int, note: str, tags: tuple) -> None:
        window = self.window
        window._run(AddAnnotationCommand(window.store, window.apply_changes, article_id, start, end,
                                         ANNOTATION_COLORS[colour % len(ANNOTATION_COLORS)], note, tags))
        pane = window.comparison.pane_for(article_id)
        if pane is not None:  # drop the selection so the new highlight shows in its colour
            cursor = pane.view.textCursor()
            cursor.clearSelection()
            pane.view.setTextCursor(cursor)
        self._say("Highlighted. Ctrl+Z undoes it.", 5000)

    def mark_same_fact(self, article_id: int, start: int, end: int,
                       other_id: int, other_start: int, other_end: int) -> None:
        """The reader confirmed a possible match (pane menu): both wordings highlighted and linked."""
        window = self.window
        command = MarkSameFactCommand(window.store, window.apply_changes, (article_id, start, end),
                                      (other_id, other_start, other_end))
        if window._run(command):
            taken_back = " Your earlier “Not the Same Fact” for them is taken back." if command.overruled else ""
            window.story_view.announce(f"Marked as the same fact: both wordings highlighted and linked.{taken_back} "
                                       "Ctrl+Z undoes it.")

    def separate_facts(self, pairs: list) -> None:
        """The reader overruled a link ("Not the Same Fact", pane or Facts tab menu): a claim taken
        out of a fact (``pairs``: it and each other mention)."""
        command = SeparateFactsCommand(self.window.store, self.window.apply_changes, pairs)
        if self.window._run(command):
            unlinked = " Your “same fact” link between them is removed." if command.unlinked else ""
            self.window.story_view.announce(
                f"Not the same fact: the claim is kept apart from now on.{unlinked} Ctrl+Z undoes it.")

    def link_again(self, pairs: list) -> None:
        """The reader took a "Not the Same Fact" back (pane menu): the link model decides again."""
        self._overrule(LinkAgainCommand(self.window.store, self.window.apply_changes, pairs),
                       "Separation taken back: the two claims are linked if they match. Ctrl+Z undoes it.")

    def dismiss_conflict(self, pairs: list) -> None:
        """The reader judged a conflict a false alarm (pane or Facts tab menu, "Not a Conflict")."""
        self._overrule(DismissConflictCommand(self.window.store, self.window.apply_changes, pairs),
                       "Not a conflict: it is no longer shown (right-click the value to show it again). "
                       "Ctrl+Z undoes it.")

    def show_conflict_again(self, pairs: list) -> None:
        self._overrule(ShowConflictAgainCommand(self.window.store, self.window.apply_changes, pairs),
                       "The conflict is shown again. Ctrl+Z undoes it.")

    def _overrule(self, command, message: str) -> None:
        if self.window._run(command):  # a failure has said so already: no success over it
            self.window.story_view.announce(message)

    def attach_orphan(self, annotation_id: int, start: int, end: int) -> None:
        """The reader chose the words a lost note belongs to (pane context menu)."""
        for pane in self.window.comparison.panes:
            pane.view.orphan_to_attach = None
        self.window.annotations_panel.actions.confirm_orphan(annotation_id, start, end)

    def show_annotation(self, annotation_id: int) -> None:
        """Show the annotation: open its story if needed, then scroll its pane to it."""
        window, area = self.window, self.window.comparison
        try:
            annotation = window.store.annotation(annotation_id)
        except NotFound:  # deleted by another window a moment ago
            window.refresh_annotations()
            return
        if annotation.article_id not in {a.id for a in area.articles}:  # not in this story
            holder = next((s for s in window.store.stories() if annotation.article_id in s.article_ids), None)
            if holder is None:
                self._say("That article is in no story: add it to one to read it.", 6000)
                return
            window.open_story(holder.id)
        pane = area.show_article(annotation.article_id)  # in the story without a pane: swapped in
        for other in area.panes:
            other.view.orphan_to_attach = None
        if pane is not None and annotation.orphaned:
            pane.view.orphan_to_attach = (annotation.id, annotation.exact)
            area.scroll.ensureWidgetVisible(pane)
            self._say("This note lost its words when the article changed: attach it to the suggested passage, "
                      "or select the right words in its pane and right-click > Attach Lost Note Here.", 10000)
            return
        if pane is None:
            return
        area.scroll.ensureWidgetVisible(pane)
        pane.view.scroll_to_position(pane.view.offsets.to_qt(annotation.start))

    def show_notes_with_tag(self, name: str) -> None:
        """The Notes tab, filtered to one tag."""
        panel = self.window.annotations_panel
        self.window.sidebar_tabs.setCurrentWidget(panel)
        index = panel.tag_filter.findData(name)
        if index >= 0:
            panel.tag_filter.setCurrentIndex(index)


class UndoableAnnotationActions:
    """The Notes panel's edits, routed through the window's undo stack. Commands are built inside
    ``_run``, so one naming a note another window just deleted becomes a message, not a crash."""

    def __init__(self, window: MainWindow):
        self.window = window

    def _push(self, command_class, *args, **kwargs) -> None:
        window = self.window
        window._run(lambda: command_class(window.store, window.apply_changes, *args, **kwargs))

    def edit_note(self, annotation_id: int, text: str) -> None:
        self._push(EditAnnotationCommand, annotation_id, note=text)

    def edit_tags(self, annotation_id: int, names: list[str]) -> None:
        self._push(EditAnnotationCommand, annotation_id, tags=tuple(names))

    def delete(self, annotation_id: int) -> None:
        self._push(DeleteAnnotationCommand, annotation_id)

    def link(self, from_id: int, to_id: int, kind: str) -> None:
        self._push(LinkAnnotationsCommand, from_id, to_id, kind)

    def unlink(self, link_id: int) -> None:
        self._push(UnlinkAnnotationsCommand, link_id)

    def confirm_orphan(self, annotation_id: int, start: int, end: int) -> None:
        self._push(ConfirmOrphanCommand, annotation_id, start, end)
