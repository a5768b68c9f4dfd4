"""Articles into the library: File > Import, files dropped on the window, the clipboard.

Files are read by an ``ImportTask`` on the thread pool into the current story, with progress
and Cancel in the status bar; files that cannot be read are listed with the reason, the rest
still import. The task writes through its own connection, which the ``LibraryWatch`` would take
for another window's writes: when it ends, the watch absorbs them and the import is published on
the change bus as a change to every table (the views compare what they show with the store).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop.core.errors import ParallaxError
from desktop.core.library import import_pasted_text
from desktop.core.library.importing import is_url
from desktop.core.library.readers import SUPPORTED_EXTENSIONS
from desktop.core.models import Changes, ImportReport
from desktop.ui.changes import ALL_TABLES, ChangeBus, LibraryWatch
from desktop.ui.tasks import ImportTask

MAX_LISTED = 50  # files named in the "could not be imported" message


def dropped_paths(mime: QMimeData) -> list[str]:
    """The local files in a drag."""
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


def report_summary(report: ImportReport) -> str:
    """ "Import: 2 added, 1 already in the library" """
    parts = [f"{len(report.added)} added"]
    if report.updated:
        parts.append(f"{len(report.updated)} updated")
    if report.unchanged:
        parts.append(f"{len(report.unchanged)} already in the library")
    if report.cancelled:
        parts.append("cancelled")
    return "Import: " + ", ".join(parts)


def rest_said(report: ImportReport) -> str:
    """What became of the items that did not fail, for the box that lists those that did."""
    new, known = len(report.added) + len(report.updated), len(report.unchanged)
    if new and known:
        return f"The rest were imported ({known} already in the library)."
    if new:
        return "The rest were imported."
    if known:
        return "The rest were already in the library: nothing new was imported."
    return "Nothing was imported."


class ArticleImports(QObject):
    """The window's import commands; ``story_id()`` names the story to import into (None: none)."""

    finished = Signal(object)  # ImportReport, or None when the import failed

    def __init__(self, parent: QWidget, store, bus: ChangeBus, watch: LibraryWatch,
                 story_id: Callable[[], int | None], status_bar: QStatusBar, show_error: Callable[[str, str], None]):
        super().__init__(parent)
        self.parent_widget, self.store, self.bus, self.watch = parent, store, bus, watch
        self.story_id, self.status_bar, self.show_error = story_id, status_bar, show_error
        self.task: ImportTask | None = None
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(240)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()

    def choose_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in sorted(SUPPORTED_EXTENSIONS))
        paths, _ = QFileDialog.getOpenFileNames(
            self.parent_widget, "Import Articles", str(Path.home()), f"Articles ({patterns});;All files (*)"
        )
        if paths:
            self.start(paths)

    def start(self, paths: list[str]) -> bool:
        """Import in the background into the current story; progress in the status bar."""
        if self.task is not None:
            self.status_bar.showMessage("An import is already running; wait for it or cancel it.", 8000)
            return False
        if self.store.path is None:
            self.show_error("Cannot import", "This library lives in memory only.")
            return False
        story_id = self.story_id()
        task = ImportTask(self.store.path, list(paths), None if story_id is None else self.store.story(story_id).name)
        task.signals.progressed.connect(self._on_task_progressed)
        task.signals.succeeded.connect(self._on_task_succeeded)
        task.signals.failed.connect(self._on_task_failed)
        task.signals.finished.connect(self._on_task_finished)
        self.task = task
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.status_bar.showMessage("Importing…")
        self.watch.hold()  # the task's commits are this window's, not another's
        QThreadPool.globalInstance().start(task)
        return True

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status_bar.showMessage("Cancelling the import after the current file…")

    def from_clipboard(self) -> None:
        """File > New Article from Clipboard: the clipboard's text as an article of the current story."""
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.status_bar.showMessage("The clipboard holds no text to make an article from.", 8000)
            return
        try:
            status, _article_id, changes = import_pasted_text(self.store, text, self.story_id())
        except ParallaxError as exc:
            self.show_error("Cannot make an article from the clipboard", str(exc))
            return
        self.bus.publish(changes | Changes(frozenset({"story_articles"})), source=self)
        self.status_bar.showMessage(
            "New article from the clipboard" if status == "added" else "That text is already in the library", 8000)

    def _publish(self) -> None:
        """The task's connection wrote: take the library as seen, and let every view compare."""
        self.watch.absorb()
        self.bus.publish(Changes(ALL_TABLES), source=self)

    # ------------------------------------------------------------ slots

    def _on_task_progressed(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(f"{done}/{total}")
        self.status_bar.showMessage(message)

    def _on_task_succeeded(self, report: ImportReport) -> None:
        self._publish()
        summary = report_summary(report)
        self.status_bar.showMessage(summary, 10000)
        if report.failures or report.skipped:
            listed = report.failures + report.skipped
            # a web address in full (its last part alone says nothing), a file by its name
            details = "\n".join(f"• {p if is_url(p) else Path(p).name}: {reason}" for p, reason in listed[:MAX_LISTED])
            if len(listed) > MAX_LISTED:
                details += f"\n… and {len(listed) - MAX_LISTED} more"
            urls = sum(1 for p, _ in listed if is_url(p))
            noun = "web address" if urls == len(listed) else "file" if not urls else "item"
            plural = {"web address": "web addresses", "file": "files", "item": "items"}[noun]
            self.show_error(
                f"{len(listed)} {noun if len(listed) == 1 else plural} could not be imported",
                rest_said(report) + f"\n\n{details}",
            )
        elif report.warnings:
            (path, warning), more = report.warnings[0], len(report.warnings) - 1
            self.status_bar.showMessage(f"{summary} — {Path(path).name}: {warning}"
                                        + (f" (and {more} more notes)" if more else ""), 15000)
        self.finished.emit(report)

    def _on_task_failed(self, message: str) -> None:
        self._publish()  # files read before the failure are in
        self.show_error("Import failed", message)
        self.finished.emit(None)

    def _on_task_finished(self) -> None:
        self.task = None
        self.watch.release()
        self.progress_bar.hide()
        self.cancel_button.hide()
