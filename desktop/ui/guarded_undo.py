"""Undo steps that never let a store error escape into Qt: the error becomes a message instead."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.errors import ParallaxError

Report = Callable[[str, str], None]  # title, message


class GuardedCommand(QUndoCommand):
    """Wraps a command so a store error (say, a note another window deleted) never escapes into
    Qt: the step is reported and marked obsolete, which makes Qt drop it from the stack."""

    def __init__(self, inner: QUndoCommand, report: Report):
        super().__init__(inner.text())
        self.inner, self.report = inner, report
        self.error: Exception | None = None

    def _do(self, step: Callable[[], None], what: str) -> None:
        try:
            step()
        except (ParallaxError, ValueError, sqlite3.Error) as exc:
            self.error = exc
            self.setObsolete(True)
            self.report(f"Cannot {what} “{self.text()}”", str(exc))
            return
        if self.inner.isObsolete():  # the command itself found nothing to do
            self.setObsolete(True)

    def redo(self) -> None:
        self._do(self.inner.redo, "do")

    def undo(self) -> None:
        self._do(self.inner.undo, "undo")


def push_guarded(stack: QUndoStack, command, report: Report) -> bool:
    """Push an undoable command (or build it, given a factory), turning store errors into a report;
    whether it was done without an error."""
    if command is None:
        return False
    try:
        if not isinstance(command, QUndoCommand):
            command = command()
    except (ParallaxError, ValueError) as exc:
        report("That change could not be made", str(exc))
        return False
    guarded = GuardedCommand(command, report)
    stack.push(guarded)
    return guarded.error is None
