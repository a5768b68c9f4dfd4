"""File > Export and File > Import Notes: the window's file dialogs around the core exporters.

The formats are chosen by the dialog's file type (or, when a path is given directly, by its
extension). Writing goes through a temporary file renamed into place, so a failed export never
leaves half a file where the old one was. Errors become a message; nothing here raises.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoCommand
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.errors import ParallaxError
from desktop.core.interchange.formats import (
    COMPARISON_FORMATS,
    NOTE_FORMATS,
    NOTE_IMPORT_FORMATS,
    Format,
    comparison_document,
    format_for,
    with_suffix,
)
from desktop.core.interchange.safe_write import write_atomically
from desktop.core.models import Changes
from desktop.rendering.documents import write_notes

NOTE_TYPES = NOTE_FORMATS  # the registry's note formats, in the order the dialog lists them
COMPARISON_TYPES = COMPARISON_FORMATS
IMPORT_FILTER = ";;".join(["Annotations (*.jsonld *.json *.qdpx)", *(f.filter for f in NOTE_IMPORT_FORMATS),
                           "All files (*)"])


class FileExports:
    """The window's export and import commands; ``story_id`` says which story is current."""

    def __init__(self, parent: QWidget, store, story_id: Callable[[], int | None],
                 status: Callable[[str], None], error: Callable[[str, str], None],
                 push: Callable[[QUndoCommand], None], apply: Callable[[Changes], None]):
        self.parent, self.store = parent, store
        self.story_id, self.status, self.error = story_id, status, error
        self.push, self.apply = push, apply
        self.running: set = set()  # background exports under way

    # ------------------------------------------------------------------ notes

    def export_notes(self) -> None:
        filters = ";;".join(kind.filter for kind in NOTE_TYPES)
        path, chosen = QFileDialog.getSaveFileName(
            self.parent, "Export Notes", str(Path.home() / "parallax-notes.md"), filters)
        if path:
            kind = format_for(path, NOTE_TYPES, chosen)
            self.start_notes_export(with_suffix(path, kind), kind)

    def start_notes_export(self, path: str, kind: Format | None = None):
        """Export in the background (the window stays responsive; the status bar says so); returns
        the task, or None when it ran at once (a library in memory has no file to share)."""
        from PySide6.QtCore import QThreadPool

        from desktop.ui.tasks import ExportNotesTask

        kind = kind or format_for(path, NOTE_TYPES)
        if self.store.path is None:
            self.save_notes(path, kind)
            return None
        task = ExportNotesTask(self.store.path, path, kind, self.story_id())
        task.signals.succeeded.connect(lambda saved: self.status(f"Saved the notes to {saved}"))
        task.signals.failed.connect(lambda message: self.error("Cannot export the notes", message))
        task.signals.finished.connect(lambda: self.running.discard(task))
        self.running.add(task)  # kept alive until it finishes
        self.status(f"Exporting the notes to {Path(path).name}…")
        QThreadPool.globalInstance().start(task)
        return task

    def save_notes(self, path: str, kind: Format | None = None) -> bool:
        """Write the current story's annotations (the whole library's from the Library row)."""
        kind = kind or format_for(path, NOTE_TYPES)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_notes(self.store, path, kind, self.story_id())
        except OSError as exc:
            self.error("Cannot export the notes", str(exc) if isinstance(exc, ParallaxError)
                       else f"{path}: {exc.strerror or exc}")
            return False
        except ParallaxError as exc:
            self.error("Cannot export the notes", str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.status(f"Saved the notes to {path}")
        return True

    # ------------------------------------------------------------- comparison

    def export_comparison(self, comparison, matrix) -> None:
        """File > Export Comparison: the report formats of ``parallax compare`` and the matrix image."""
        if comparison is None:
            self.status("The comparison is not ready yet.")
            return
        filters = ";;".join(kind.filter for kind in COMPARISON_TYPES)
        path, chosen = QFileDialog.getSaveFileName(
            self.parent, "Export Comparison", str(Path.home() / "parallax-comparison.html"), filters)
        if path:
            kind = format_for(path, COMPARISON_TYPES, chosen)
            self.save_comparison(with_suffix(path, kind), comparison, matrix, kind)

    def save_comparison(self, path: str, comparison, matrix, kind: Format | None = None) -> bool:
        """Write the comparison report, or the coverage matrix for .png/.svg."""
        kind = kind or format_for(path, COMPARISON_TYPES)
        if kind.name in ("png", "svg"):
            try:
                matrix.write(path, kind.name)
            except OSError as exc:
                self.error("Cannot save the coverage matrix", str(exc))
                return False
        else:
            try:
                write_atomically(path, comparison_document(comparison, kind))
            except OSError as exc:
                self.error("Cannot export the comparison", str(exc))
                return False
        self.status(f"Saved the comparison to {path}")
        return True

    # ----------------------------------------------------------------- import

    def import_notes(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Import Notes", str(Path.home()), IMPORT_FILTER)
        if path:
            self.load_notes(path)

    def load_notes(self, path: str) -> bool:
        """Import a JSON-LD or QDPX file of notes into the current story, as one undoable step."""
        command = ImportNotesCommand(self.store, self.apply, path, self.story_id())
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.push(command)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if command.error is not None:
            self.error("Cannot import the notes", str(command.error))
            return False
        report = command.report
        message = f"Imported notes from {Path(path).name}: {report.summary()}."
        if report.unplaced:
            message += " Some had no article in this library: import the articles first."
        self.status(message)
        return True


class ImportNotesCommand(QUndoCommand):
    """Import a notes file; undo takes the imported notes out again (articles it added stay), redo
    puts the very same notes back."""

    def __init__(self, store, apply: Callable, path: str, story_id: int | None):
        super().__init__(f"Import Notes from {Path(path).name}")
        self.store, self.apply, self.path, self.story_id = store, apply, path, story_id
        self.report = None
        self.error: Exception | None = None
        self.saved: list[tuple] = []  # (annotation, its links) once undone

    def redo(self) -> None:
        if self.report is None:  # the first time: really import
            from desktop.core.interchange.import_annotations import import_annotations

            try:
                self.report = import_annotations(self.store, self.path, self.story_id)
            except (ParallaxError, OSError, ValueError, OverflowError) as exc:
                self.error = exc
                self.setObsolete(True)  # nothing happened: nothing to undo
                return
            self.imported = list(self.report.annotation_ids)
            self.apply(self.report.changes)
            return
        changes = Changes()
        with self.store.batch():  # the notes first, then the links among them
            for annotation, _links in self.saved:
                changes |= self.store.restore_annotation(annotation)[1]
            links = {link.id: link for _annotation, found in self.saved for link in found}
            for link in links.values():
                if self._exists(link.from_id) and self._exists(link.to_id):
                    changes |= self.store.link_annotations(link.from_id, link.to_id, link.kind)[1]
        self.apply(changes)

    def _exists(self, annotation_id: int) -> bool:
        try:
            self.store.annotation(annotation_id)
        except ParallaxError:
            return False
        return True

    def undo(self) -> None:
        present = [i for i in self.imported if self._exists(i)]  # another window may have deleted some
        self.saved = [(self.store.annotation(i), self.store.annotation_links(i)) for i in present]
        changes = Changes()
        with self.store.batch():
            for annotation_id in present:
                changes |= self.store.delete_annotation(annotation_id)
        self.apply(changes)
