"""Background work: core functions run on QThreadPool, results come back as signals.

The work function is core code and never touches a widget; the GUI thread applies the
result. Each task opens its own connection to the library (SQLite connections are not
shared across threads), which WAL mode lets run beside the window's.
"""

from __future__ import annotations

import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.core.errors import ParallaxError
from desktop.core.library import import_paths
from desktop.core.store import Store


class TaskSignals(QObject):
    progressed = Signal(int, int, str)  # done, total, message
    succeeded = Signal(object)  # the work's result
    failed = Signal(str)  # a message for the user
    finished = Signal()


class ImportTask(QRunnable):
    """Import files into the library at ``library_path``, optionally into a story."""

    def __init__(self, library_path: Path, paths: list[str], story: str | None):
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it until finished, for cancel()
        self.library_path = library_path
        self.paths = paths
        self.story = story
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            with Store(self.library_path) as store:
                report = import_paths(
                    store, self.paths, story=self.story,
                    progress=self.signals.progressed.emit, is_cancelled=self._cancel.is_set,
                )
            self.signals.succeeded.emit(report)
        except ParallaxError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: still tell the user, with the details
            self.signals.failed.emit(f"Import failed unexpectedly: {exc!r}\n\n{traceback.format_exc()}")
        finally:
            self.signals.finished.emit()


class ComparisonTask(QRunnable):
    """Compare a story's articles off the GUI thread; a newer task makes older results stale."""

    def __init__(self, articles: list, generation: int):
        super().__init__()
        self.setAutoDelete(False)
        self.articles = articles
        self.generation = generation
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from desktop.core.compare import compare

        try:
            comparison = compare(self.articles, progress=self.signals.progressed.emit,
                                 is_cancelled=self._cancel.is_set)
            if not self._cancel.is_set():
                self.signals.succeeded.emit((self.generation, comparison))
        except Exception as exc:  # a bug in matching must not take the window down
            self.signals.failed.emit(f"Comparing the articles failed: {exc!r}\n\n{traceback.format_exc()}")
        finally:
            self.signals.finished.emit()
